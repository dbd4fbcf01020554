"""Graph stores behind one interface; the embedded LadybugDB store is the default."""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import GraphStore

APP_NAME = "china-tech-kg"


def default_db_dir() -> Path:
    """KG_DB if set, else a per-user data directory."""
    configured = os.environ.get("KG_DB")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "graph"


def open_store(db: Path | None = None, *, read_only: bool = False) -> GraphStore:
    """Open the embedded store at DB (default: default_db_dir())."""
    from kg.store.ladybug_store import LadybugStore

    return LadybugStore(db or default_db_dir(), read_only=read_only)


__all__ = ["GraphStore", "default_db_dir", "open_store"]

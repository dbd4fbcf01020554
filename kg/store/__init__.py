"""The store: graph stores behind one interface (the embedded LadybugDB store is the default,
Neo4j over Bolt the other). May import the shared model and resolution; never extraction,
queries, outputs, jobs or the CLI."""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import GraphStore
from kg.store.neo4j_store import Neo4jSettings

APP_NAME = "china-tech-kg"


def default_db_dir() -> Path:
    """KG_DB if set, else a per-user data directory."""
    configured = os.environ.get("KG_DB")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "graph"


def open_store(
    db: Path | None = None,
    *,
    read_only: bool = False,
    neo4j: Neo4jSettings | None = None,
    cache_mb: int | None = None,
) -> GraphStore:
    """Open the Neo4j database NEO4J if given, else the embedded store at DB (default:
    default_db_dir()) with at most CACHE_MB of page cache."""
    if neo4j is not None:
        from kg.store.neo4j_store import Neo4jStore

        return Neo4jStore(neo4j, read_only=read_only)
    from kg.store.ladybug_store import LadybugStore

    return LadybugStore(db or default_db_dir(), read_only=read_only, cache_mb=cache_mb)


__all__ = ["GraphStore", "Neo4jSettings", "default_db_dir", "open_store"]

"""Where the shipped data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SAMPLES_DIR = PACKAGE_DIR / "samples"


def cypher_dir() -> Path:
    """The named-query folder: inside the package when installed, top-level in a checkout."""
    installed = PACKAGE_DIR / "cypher"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "cypher"


@cache
def load_yaml(name: str) -> Any:
    """Parse one of the package's data files (kg/data/NAME)."""
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)

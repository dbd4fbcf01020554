"""The training config (kg/data/training.cfg or a file of that shape), read and checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from kg.errors import KGError
from kg.resources import DATA_DIR

DEFAULT_CONFIG = DATA_DIR / "training.cfg"
T = TypeVar("T")


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """The config as nested dicts, with the [system], [recogniser] and [relations] sections."""
    from spacy.util import load_config

    where = path or DEFAULT_CONFIG
    try:
        config = load_config(where, interpolate=False)
    except Exception as exc:  # thinc raises several kinds for a malformed file
        raise KGError(f"{where}: not a readable training config: {exc}") from None
    for section in ("system", "recogniser", "relations"):
        require(config, section, dict, str(where))
    require(config["system"], "seed", int, "system")
    return dict(config)


def require(section: Any, key: str, kind: type[T], where: str = "config") -> T:
    """SECTION[KEY], which must be a KIND (an int passes for a float)."""
    if not isinstance(section, dict) or key not in section:
        raise KGError(f"training config: [{where}] lacks {key!r}")
    value = section[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise KGError(f"training config: [{where}] {key} = {value!r} is not a {kind.__name__}")
    return value  # type: ignore[no-any-return]

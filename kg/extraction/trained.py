"""A trained model directory: the fine-tuned recogniser, the relationship classifier and a
kg-model.json saying what they were trained from; and which model a command uses."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import ModelError
from kg.resources import PACKAGE_DIR

MODEL_FILE = "kg-model.json"
RECOGNISER_DIR = "ner"
CLASSIFIER_DIR = "relations"
FORMAT = 2  # 2: one classifier per relationship type
RULES_ONLY = "rules"
SHIPPED = PACKAGE_DIR / "models" / "default"


@dataclass(frozen=True)
class ModelChoice:
    """The spaCy base pipeline (None: the default) and, unless rules only, a trained model."""

    base: str | None
    trained: Path | None
    meta: dict[str, Any]

    @property
    def label(self) -> str:
        """How reports name this choice."""
        if self.trained is None:
            return f"rules only ({self.base or 'default pipeline'})"
        return str(self.trained)


def read_meta(directory: Path) -> dict[str, Any]:
    """kg-model.json of a trained model directory."""
    try:
        meta = json.loads((directory / MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{directory}: not a trained kg model ({exc})") from None
    if meta.get("format") != FORMAT:
        raise ModelError(f"{directory}: model format {meta.get('format')!r}, expected {FORMAT}")
    return dict(meta)


def choose_model(name: str | None) -> ModelChoice:
    """NAME is a trained model directory, 'rules' (no trained parts), or an installed spaCy
    pipeline (rules on that pipeline); no NAME: the shipped model, else rules only."""
    if name is None:
        if (SHIPPED / MODEL_FILE).exists():
            return ModelChoice(None, SHIPPED, read_meta(SHIPPED))
        return ModelChoice(None, None, {})
    if name == RULES_ONLY:
        return ModelChoice(None, None, {})
    path = Path(name)
    if path.is_dir():
        if not (path / MODEL_FILE).exists():
            raise ModelError(
                f"{path}: not a trained model (no {MODEL_FILE}); build one with kg train"
            )
        return ModelChoice(None, path, read_meta(path))
    return ModelChoice(name, None, {})

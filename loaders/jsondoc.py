"""JSON documents in the corpus format (one object or a list) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg_loaders.common import decode, make_document, read_text

from kg.errors import LoadError
from kg.model import Document

SUFFIXES = (".json",)
LINES_SUFFIXES = (".jsonl", ".ndjson")


def from_record(record: Any, where: str) -> Document:
    """A Document from one corpus-format object ({id?, url?, title?, source?, published?, text})."""
    if not isinstance(record, dict):
        raise LoadError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(where, "missing or empty 'text' field")
    return make_document(
        text,
        where,
        id=record.get("id"),
        url=record.get("url"),
        title=record.get("title"),
        source=record.get("source"),
        published=record.get("published") or record.get("date"),
        published_field="published" if record.get("published") else "date",
    )


def load(path: Path) -> Iterator[Document | LoadError]:
    """Yield each document of a .json file (an object or a list of objects)."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise LoadError(f"{path}:{exc.lineno}:{exc.colno}", f"malformed JSON: {exc.msg}") from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise LoadError(str(path), "empty list of documents")
    for index, record in enumerate(records):
        where = str(path) if len(records) == 1 else f"{path}[{index}]"
        try:
            yield from_record(record, where)
        except LoadError as error:
            yield error


def load_lines(path: Path) -> Iterator[Document | LoadError]:
    """Yield one document per non-blank line, reading one line at a time; a bad line is
    reported and skipped."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or "cannot be read") from None
    seen = False
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{path}:{lineno}"
            try:
                line = decode(raw, where)
            except LoadError as error:
                yield error
                continue
            if not line.strip():
                continue
            seen = True
            try:
                yield from_record(json.loads(line), where)
            except json.JSONDecodeError as exc:
                yield LoadError(f"{where}:{exc.colno}", f"malformed JSON line: {exc.msg}")
            except LoadError as error:
                yield error
    if not seen:
        raise LoadError(str(path), "empty file")

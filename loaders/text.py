"""Plain text and Markdown files: one document per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.model import Document
from loaders.common import make_document, read_text

SUFFIXES = (".txt", ".md", ".text")


def _title(text: str) -> str | None:
    first = text.strip().splitlines()[0].strip()
    if first.startswith("#"):
        return first.lstrip("#").strip()
    return None


def load(path: Path) -> Iterator[Document]:
    """Yield the file as one Document (a leading Markdown heading becomes the title)."""
    text = read_text(path)
    title = _title(text)
    body = text.strip().split("\n", 1)[1] if title else text
    yield make_document(body, str(path), title=title, source=path.name)

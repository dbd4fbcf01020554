"""HTML pages: the article text, title and date extracted with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg_loaders.common import make_document, read_text

from kg.errors import LoadError
from kg.model import Document

SUFFIXES = (".html", ".htm")
MIN_WORDS = 8  # less is navigation or boilerplate, not an article


def from_html(html: str, where: str, url: str | None = None) -> Document:
    """Extract the main article of an HTML page into a Document."""
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if result is None:
        raise LoadError(where, "no article text found in the HTML")
    data = result.as_dict() if hasattr(result, "as_dict") else result
    text = data.get("text") or ""
    if len(text.split()) < MIN_WORDS:
        raise LoadError(where, "no article text found in the HTML")
    return make_document(
        text,
        where,
        url=url or data.get("url"),
        title=data.get("title"),
        source=data.get("sitename") or data.get("hostname"),
        published=data.get("date"),
    )


def load(path: Path) -> Iterator[Document]:
    """Yield the page's article as one Document."""
    yield from_html(read_text(path), str(path))

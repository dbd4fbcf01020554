"""RSS and Atom feeds: one document per entry, parsed by feedparser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg_loaders.common import make_document

from kg.errors import LoadError
from kg.model import Document

SUFFIXES = (".xml", ".rss", ".atom")


def _plain(html: str) -> str:
    import lxml.html

    if "<" not in html:
        return html
    return str(lxml.html.fromstring(f"<div>{html}</div>").text_content())


def from_feed(raw: bytes, where: str) -> Iterator[Document | LoadError]:
    """Yield the entries of a feed given as bytes."""
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        detail = f"not a readable RSS/Atom feed ({reason})" if reason else "feed has no entries"
        raise LoadError(where, detail)
    feed_title = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        entry_where = f"{where} entry {index + 1}"
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        try:
            yield make_document(
                _plain(body),
                entry_where,
                id=entry.get("id"),
                url=entry.get("link"),
                title=entry.get("title"),
                source=feed_title,
                published=entry.get("published_parsed") or entry.get("updated_parsed"),
            )
        except LoadError as error:
            yield error


def load(path: Path) -> Iterator[Document | LoadError]:
    """Yield the entries of a feed file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or "cannot be read") from None
    if not raw.strip():
        raise LoadError(str(path), "empty file")
    yield from from_feed(raw, str(path))

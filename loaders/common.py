"""Shared helpers for loaders: stable ids, date normalisation, decoding."""

from __future__ import annotations

import hashlib
import re
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kg.errors import DataWarning, LoadError
from kg.model import Document

_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"^\d{4}-(\d{2})$")
ABSOLUTE_PARSERS = ["timestamp", "custom-formats", "absolute-time"]


def stable_id(given: str | None, url: str | None, text: str) -> str:
    """The document id: the given one, else a hash of the URL, else of the content."""
    if given:
        return str(given)
    basis = f"url:{url}" if url else f"text:{' '.join(text.split())}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def normalise_date(value: Any, where: str = "", field: str = "published") -> str | None:
    """An ISO date (YYYY-MM-DD) from whatever a source gives, or None; a value that is not a
    date is a DataWarning naming WHERE and FIELD (the article is kept, undated)."""
    date_text = _parse_date(value)
    if date_text is None and value not in (None, ""):
        warnings.warn(
            f"{where}: {field} {str(value)!r} is not a date; the article is kept undated",
            DataWarning,
            stacklevel=2,
        )
    return date_text


def _parse_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    text = str(value).strip()
    if _ISO_PREFIX.match(text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    if month := _ISO_MONTH.match(text):  # a month: its first day, as dateparser would say
        return f"{text}-01" if 1 <= int(month.group(1)) <= 12 else None
    import dateparser  # slow to import; only for dates that are not ISO already

    # absolute dates only: "next week" in a document's date field says nothing
    settings = {"PREFER_DAY_OF_MONTH": "first", "PARSERS": ABSOLUTE_PARSERS}
    parsed = dateparser.parse(text, settings=settings)
    return parsed.strftime("%Y-%m-%d") if parsed else None


def decode(raw: bytes, where: str) -> str:
    """Decode UTF-8 (with or without BOM), failing with the byte offset."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(where, f"not valid UTF-8 at byte {exc.start}; re-save as UTF-8") from None


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, with one-line errors for missing, unreadable or empty files."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or "cannot be read") from None
    text = decode(raw, str(path))
    if not text.strip():
        raise LoadError(str(path), "empty file")
    return text


def make_document(
    text: str,
    where: str,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    published: Any = None,
    published_field: str = "published",
) -> Document:
    """Build a Document, refusing one with no text."""
    if not text or not text.strip():
        raise LoadError(where, "no article text")
    return Document(
        id=stable_id(id, url, text),
        text=text.strip(),
        url=url or None,
        title=(title or "").strip() or None,
        source=source or None,
        published=normalise_date(published, where, published_field),
    )

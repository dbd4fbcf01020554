"""Plain text and Markdown files: one document per file.

The date comes from YAML front matter (`date:` or `published:`), else from a leading line
that is only a date ("2021-04-10", "April 10, 2021", "Published: 10 April 2021"), else from
a date in the file name (2021-04-10-fine.txt, 20210410.md); a front-matter date that is not
one is a warning naming the file and the field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg_loaders.common import make_document, normalise_date, read_text

from kg.errors import LoadError
from kg.model import Document

SUFFIXES = (".txt", ".md", ".text")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_LINE = re.compile(
    r"^(?:(?:published|date|updated|posted)\s*:?\s*)?"
    r"(\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})$",
    re.IGNORECASE,
)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def _title(text: str) -> str | None:
    first = text.strip().splitlines()[0].strip()
    if first.startswith("#"):
        return first.lstrip("#").strip()
    return None


def _front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """The front matter's fields and the text after it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    import yaml

    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise LoadError(where, f"front matter is not YAML ({exc.__class__.__name__})") from None
    if not isinstance(fields, dict):
        raise LoadError(where, "front matter is not a set of 'key: value' lines")
    return fields, text[match.end() :]


def _date_line(body: str) -> tuple[str | None, str]:
    """A leading line that is only a date, and the body without it."""
    lines = body.strip().splitlines()
    if lines and (match := _DATE_LINE.match(lines[0].strip())):
        return normalise_date(match.group(1)), "\n".join(lines[1:])
    return None, body


def _name_date(path: Path) -> str | None:
    for match in _NAME_DATE.finditer(path.stem):
        found = normalise_date("-".join(match.groups()))
        if found:
            return found
    return None


def load(path: Path) -> Iterator[Document]:
    """Yield the file as one Document: front matter gives its fields, a leading Markdown
    heading its title; the date as the module says."""
    where = str(path)
    fields, text = _front_matter(read_text(path), where)
    title = fields.get("title") or _title(text)
    body = text.strip().split("\n", 1)[1] if _title(text) else text
    published: Any = None
    field = next((k for k in ("published", "date") if fields.get(k) not in (None, "")), None)
    if field is not None:
        published = normalise_date(fields[field], where, field)
    if published is None and field is None:
        published, body = _date_line(body)
    if published is None and field is None:
        published = _name_date(path)
    yield make_document(
        body,
        where,
        title=str(title) if title else None,
        url=fields.get("url"),
        source=fields.get("source") or path.name,
        published=published,
    )

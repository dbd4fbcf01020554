"""Full calendar dates stated in a sentence ('on April 10, 2021'), which override the article's."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span


def end_of_period(date_text: str) -> str:
    """The latest date string a partial date covers, for inclusive upper bounds
    ('2022' -> '2022-12-31', '2022-03' -> '2022-03-31')."""
    return date_text + "-12-31"[len(date_text) - 4 :] if len(date_text) < 10 else date_text


def calendar_years(since: str, until: str) -> tuple[str, str]:
    """The first and last calendar years of the period from SINCE to UNTIL (date prefixes,
    '' for open; UNTIL may end in '-00', strictly before): a year the period starts or ends
    inside counts whole ('2021-03-01', '2022-06-30' -> '2021', '2022')."""
    last = until[:4]
    if until[4:] in ("-00", "-01-00"):
        last = str(int(last) - 1)
    return since[:4], last


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_PATTERNS = (
    re.compile(
        rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)


def parse_full_date(text: str) -> str | None:
    """The first full date (day, month and year) in TEXT, as YYYY-MM-DD."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        month_text = match.group("month").lower()
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
        try:
            return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def sentence_date(sent: Span) -> str | None:
    """A full date named by one of the sentence's DATE entities."""
    for ent in sent.ents:
        if ent.label_ == "DATE":
            found = parse_full_date(ent.text)
            if found:
                return found
    return None

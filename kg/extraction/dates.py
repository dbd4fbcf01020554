"""Dates stated in a sentence ('on April 10, 2021', 'in July 2022', 'last December'), which
override the article's, and the period arithmetic of date filters."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_period(text: str) -> str:
    """TEXT if it is a date of a filter (YYYY, YYYY-MM or YYYY-MM-DD, a real day); a
    ValueError saying what is wrong otherwise."""
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: no such month or day") from None
    return text.strip()


def period_days(date_text: str) -> tuple[str, str]:
    """The first and last real days a partial date covers ('2022-02' -> '2022-02-01',
    '2022-02-28'), for tools that want whole dates."""
    import calendar

    year = int(date_text[:4])
    if len(date_text) >= 10:
        return date_text[:10], date_text[:10]
    if len(date_text) == 7:
        month = int(date_text[5:7])
        last = calendar.monthrange(year, month)[1]
        return f"{date_text}-01", f"{date_text}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


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


def date_texts(sent: Span, near: int | None = None) -> tuple[str, ...]:
    """The texts of the sentence's DATE entities ('July 2022', 'last December'), the closest to
    token NEAR first when it is given."""
    dates = [d for d in _dates(sent.doc) if d[0] >= sent.start and d[1] <= sent.end]
    if near is not None:
        dates.sort(key=lambda d: min(abs(d[0] - near), abs(d[1] - 1 - near)))
    return tuple(text for _, _, text in dates)


DATES_KEY = "kg_dates"  # Doc.user_data: (start, end, text) of each DATE entity


def _dates(doc: Doc) -> list[tuple[int, int, str]]:
    """The Doc's DATE entities, read once (Span.ents makes a Span of every entity of the Doc
    at each call)."""
    found: list[tuple[int, int, str]] | None = doc.user_data.get(DATES_KEY)
    if found is None:
        found = doc.user_data[DATES_KEY] = [
            (ent.start, ent.end, ent.text) for ent in doc.ents if ent.label_ == "DATE"
        ]
    return found


_DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some|past|"
    r"recent|coming|next)\s+(\w+\s+)?(years?|months?|weeks?|days?|decades?)\b(?!\s+ago)",
    re.I,
)
_LAST_MONTH = re.compile(rf"\b(last|this)\s+(?P<month>{_MONTH})\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(rf"(?:(?:on|last|this)\s+)?(?P<day>{'|'.join(WEEKDAYS)})", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)


def stated_date(texts: tuple[str, ...], published: str | None) -> str | None:
    """The date the first datable text states, as precisely as it states it ('2022-07-12',
    '2022-07', '2022'); texts naming a year come first. Relative dates ('last December', 'on
    Monday') are read from the article's date PUBLISHED; durations ('three years') state no
    date."""
    absolute = [t for t in texts if _YEAR.search(t)]
    for text in [*absolute, *(t for t in texts if t not in absolute)]:
        found = _point_in_time(text, published)
        if found:
            return found
    return None


@lru_cache(maxsize=4096)
def _point_in_time(text: str, published: str | None) -> str | None:
    if _DURATION.search(text):
        return None
    full = parse_full_date(text)
    if full:
        return full
    month_year = _MONTH_YEAR.search(text)
    if month_year:
        month = MONTHS[month_year.group("month").lower()]
        return f"{month_year.group('year')}-{month:02d}"
    base = _base_date(published)
    last = _LAST_MONTH.search(text)
    if last and base is not None:
        month = MONTHS[last.group("month").lower()]
        year = base.year if month < base.month or last.group(1).lower() == "this" else base.year - 1
        return f"{year:04d}-{month:02d}"
    weekday = _WEEKDAY.fullmatch(text.strip())
    if weekday and base is not None:  # the latest such day up to the article's own
        back = (base.weekday() - WEEKDAYS.index(weekday.group("day").lower())) % 7
        return (base - timedelta(days=back)).isoformat()
    years: list[str] = _YEAR.findall(text)
    if len(years) == 1 and not any(c.isdigit() for c in _YEAR.sub("", text)):
        return years[0]  # "2020", "late 2020"
    if not years and base is None:
        return None  # relative to nothing
    parsed = _parser(base).get_date_data(text)  # weekdays, "yesterday", "Nov 3"
    if parsed.date_obj is None:
        return years[0] if years else None
    when = parsed.date_obj.date()
    if parsed.period == "year":
        return f"{when.year:04d}"
    if parsed.period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()


def _base_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=64)  # one per article date: bounded, an ingest sees thousands
def _parser(base: date | None) -> Any:
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)

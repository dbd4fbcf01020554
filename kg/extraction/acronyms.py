"""Acronyms and short names defined in the text: 'the Export Control Law (ECL)' makes every 'ECL'
that law, 'Harwell Cloud Technology Co., Ltd. (Harwell Cloud)' every 'Harwell Cloud' that firm."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extraction.sentences import sentence_number
from kg.extraction.token_table import TokenTable, token_table
from kg.model import Mention
from kg.rule_files import limits

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,7}$")


# "(hereinafter referred to as the Measures)", "(hereinafter, “Quillfeed”)": the legal
# translator's way of defining a short name
_HEREINAFTER = re.compile(
    r"^hereinafter\s*,?\s*(?:referred to as\s+|called\s+)?(?:the\s+)?[“\"‘']?"
    r"(?P<short>[A-Z][^”\"’')]*?)[”\"’']?$",
    re.IGNORECASE,
)


def _definitions(doc: Doc, mentions: list[Mention]) -> dict[str, tuple[Mention, str]]:
    """Acronyms and short names that the text defines in parentheses right after a name:
    'the Export Control Law (ECL)', 'Harwell Cloud Technology Co., Ltd. (Harwell Cloud)'; each
    with the name it shortens and its first word in lower case."""
    found: dict[str, tuple[Mention, str]] = {}
    longest = limits().max_short_name
    for mention in mentions:
        if mention.end >= len(doc) or doc[mention.end].text != "(":
            continue
        window = doc[mention.end + 1 : mention.end + 2 + longest + limits().hereinafter_words]
        close = next((t.i for t in window if t.text == ")"), None)
        if close is None or close == mention.end + 1:
            continue
        inside = doc[mention.end + 1 : close]
        if inside.text == mention.text:
            continue
        hereinafter = _HEREINAFTER.match(inside.text)
        if hereinafter is not None:
            short = hereinafter.group("short").strip()
            if short[:1].isupper() and len(short.split()) <= longest:
                found.setdefault(short, (mention, short.split()[0].lower()))
        elif len(inside) > longest:
            continue
        elif len(inside) == 1 and _ACRONYM.match(inside.text):
            if sum(c.isupper() for c in inside.text) >= 2:
                found.setdefault(inside.text, (mention, inside[0].lower_))
        elif _a_short_name(inside.text, mention.text):
            found.setdefault(inside.text, (mention, inside[0].lower_))
    return found


def _a_short_name(short: str, name: str) -> bool:
    """'Harwell Cloud' of 'Harwell Cloud Technology Co., Ltd.': capitalised words, each a word of
    the name, fewer than the name has."""
    words, name_words = short.split(), name.replace(",", " ").split()
    return (
        1 < len(words) < len(name_words)
        and all(w[0].isupper() for w in words)
        and all(w in name_words for w in words)
    )


def apply_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions with each defined acronym linked to its expansion, wherever it occurs."""
    defined = _definitions(doc, mentions)
    if not defined:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for mention in mentions:
        expansion = defined.get(mention.text, (None, ""))[0]
        if expansion is not None:
            mention = replace(
                mention,
                label=expansion.label,
                method="acronym",
                gazetteer_id=expansion.gazetteer_id,
                alias_of=expansion.text,
            )
        out.append(mention)
    table = token_table(doc)
    for short, (expansion, first) in defined.items():
        for start in (i for i, lower in enumerate(table.lowers) if lower == first):
            end = _end_of(table, start, short)
            if end is None or any(i in covered for i in range(start, end)):
                continue
            covered.update(range(start, end))
            out.append(
                Mention(
                    short,
                    expansion.label,
                    start,
                    end,
                    sentence_number(doc[start]),
                    expansion.gazetteer_id,
                    "acronym",
                    expansion.text,
                )
            )
    return sorted(out, key=lambda m: m.start)


def _end_of(table: TokenTable, start: int, text: str) -> int | None:
    """The end of the run of tokens from START that reads TEXT, if one does."""
    begin = table.starts[start]
    after = begin + len(text)
    if table.text[begin:after] != text:
        return None
    end = bisect_left(table.starts, after, lo=start)
    if end < len(table.starts) and table.starts[end] != after and not table.text[after].isspace():
        return None  # TEXT ends inside a token
    return end

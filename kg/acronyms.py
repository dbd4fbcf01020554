"""Acronyms and short names defined in the text: 'the Export Control Law (ECL)' makes every 'ECL'
that law, 'Harwell Cloud Technology Co., Ltd. (Harwell Cloud)' every 'Harwell Cloud' that firm."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.sentences import sentence_number

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,7}$")


MAX_SHORT_NAME = 5  # words of a short name defined in parentheses


def _definitions(doc: Doc, mentions: list[Mention]) -> dict[str, Mention]:
    """Acronyms and short names that the text defines in parentheses right after a name:
    'the Export Control Law (ECL)', 'Harwell Cloud Technology Co., Ltd. (Harwell Cloud)'."""
    found: dict[str, Mention] = {}
    for mention in mentions:
        if mention.end >= len(doc) or doc[mention.end].text != "(":
            continue
        close = next(
            (t.i for t in doc[mention.end + 1 : mention.end + 2 + MAX_SHORT_NAME] if t.text == ")"),
            None,
        )
        if close is None or close == mention.end + 1:
            continue
        inside = doc[mention.end + 1 : close]
        if inside.text == mention.text:
            continue
        if len(inside) == 1 and _ACRONYM.match(inside.text):
            if sum(c.isupper() for c in inside.text) >= 2:
                found.setdefault(inside.text, mention)
        elif _a_short_name(inside.text, mention.text):
            found.setdefault(inside.text, mention)
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
    definitions = _definitions(doc, mentions)
    if not definitions:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for mention in mentions:
        expansion = definitions.get(mention.text)
        if expansion is not None:
            mention = replace(
                mention,
                label=expansion.label,
                method="acronym",
                gazetteer_id=expansion.gazetteer_id,
                alias_of=expansion.text,
            )
        out.append(mention)
    for short, expansion in definitions.items():
        size = len(short.split())
        for token in doc:
            end = token.i + size
            if any(i in covered for i in range(token.i, end)) or doc[token.i : end].text != short:
                continue
            covered.update(range(token.i, end))
            out.append(
                Mention(
                    short,
                    expansion.label,
                    token.i,
                    end,
                    sentence_number(token),
                    expansion.gazetteer_id,
                    "acronym",
                    expansion.text,
                )
            )
    return sorted(out, key=lambda m: m.start)

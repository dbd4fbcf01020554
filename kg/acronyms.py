"""Acronyms defined in the text: 'the Export Control Law (ECL)' makes every 'ECL' that law."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.sentences import sentence_number

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,7}$")


def _definitions(doc: Doc, mentions: list[Mention]) -> dict[str, Mention]:
    found: dict[str, Mention] = {}
    for mention in mentions:
        window = doc[mention.end : mention.end + 4]
        texts = [t.text for t in window]
        if (
            len(texts) >= 3
            and texts[0] == "("
            and texts[2] == ")"
            and _ACRONYM.match(texts[1])
            and sum(c.isupper() for c in texts[1]) >= 2
            and texts[1] != mention.text
        ):
            found.setdefault(texts[1], mention)
    return found


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
    for token in doc:
        expansion = definitions.get(token.text)
        if expansion is not None and token.i not in covered:
            out.append(
                Mention(
                    token.text,
                    expansion.label,
                    token.i,
                    token.i + 1,
                    sentence_number(token),
                    expansion.gazetteer_id,
                    "acronym",
                    expansion.text,
                )
            )
    return sorted(out, key=lambda m: m.start)

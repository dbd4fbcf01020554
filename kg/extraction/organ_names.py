"""Names the recogniser and the gazetteer find in pieces, made one: an organ named inside its
parent with the country between them ("the Standing Committee of China's National People's
Congress": "Standing Committee of China's" and "National People's Congress" apart), and a firm
whose name holds its city in parentheses ("Lanmeixing (Beijing) Technology")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.sentences import sentence_number
from kg.extraction.token_table import token_table
from kg.model import Mention
from kg.resolution.rules import name_rules
from kg.rule_files import limits

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

METHOD = "joined"
LABEL = "Regulator"
FIRM = "Company"
PLACE_TYPES = frozenset({"GPE", "LOC"})
POSSESSIVES = frozenset({"'s", "’s"})


def joined_organs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """MENTIONS with each organ's name that runs on through "of [the] <country>['s]" into the
    next organ's name made one mention (which then holds the parent's as a nested name)."""
    joined: list[Mention] = []
    mentions = _with_places_in_parentheses(doc, mentions)
    position = 0
    while position < len(mentions):
        first = mentions[position]
        second = mentions[position + 1] if position + 1 < len(mentions) else None
        if second is not None and _through_a_country(doc, first, second):
            span = doc[first.start : second.end]
            joined.append(
                Mention(span.text, LABEL, first.start, second.end, first.sentence, None, METHOD)
            )
            position += 2
            continue
        joined.append(first)
        position += 1
    return joined


def _through_a_country(doc: Doc, first: Mention, second: Mention) -> bool:
    """Whether FIRST, up to SECOND, ends in 'of', maybe 'the', and a country word with or
    without a possessive, both organs of state, in one sentence."""
    if first.label != LABEL or second.label != LABEL or second.start < first.end:
        return False
    if first.sentence != second.sentence or second.start - first.end > limits().between_organs:
        return False
    words = [t.lower_ for t in doc[first.start : second.start]]
    if "of" not in words[1:]:
        return False
    last_of = len(words) - 1 - words[::-1].index("of")
    tail = [w for w in words[last_of + 1 :] if w not in POSSESSIVES and w != "the"]
    return len(tail) == 1 and tail[0] in name_rules().country_words


def _with_places_in_parentheses(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """MENTIONS with each firm's name that holds its city in parentheses ("Lanmeixing (Beijing)
    Technology") one mention, in place of the pieces found of it."""
    from kg.extraction.mentions import typing_rules

    heads = typing_rules().company_heads
    longest = limits().organ_name_words
    ending_at = {m.end: m for m in mentions}
    names: list[tuple[int, int]] = []
    lowers = token_table(doc).lowers
    for token in (doc[i] for i, lower in enumerate(lowers[:-3]) if lower == "("):
        if lowers[token.i + 2] != ")":
            continue
        place = doc[token.i + 1]
        if place.ent_type_ not in PLACE_TYPES and not place.is_title:
            continue
        end = token.i + 3
        while end < len(doc) and end - token.i - 3 < longest and _a_name_word(doc[end]):
            end += 1
        if end == token.i + 3 or doc[end - 1].lower_ not in heads:
            continue
        start = _name_start(doc, token.i, ending_at)
        if start is not None:
            names.append((start, end))
    if not names:
        return mentions
    inside = {i for start, end in names for i in range(start, end)}
    kept = [m for m in mentions if not inside.intersection(range(m.start, m.end))]
    for start, end in names:
        span = doc[start:end]
        sentence = next((m.sentence for m in mentions if m.start >= start and m.end <= end), None)
        if sentence is None:
            sentence = sentence_number(span)
        kept.append(Mention(span.text, FIRM, start, end, sentence, None, METHOD))
    return sorted(kept, key=lambda m: m.start)


def _a_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _name_start(doc: Doc, parenthesis: int, ending_at: dict[int, Mention]) -> int | None:
    """Where the name begins that the parenthesis at PARENTHESIS interrupts, if one does."""
    before = ending_at.get(parenthesis)
    if before is not None:
        return before.start
    first = parenthesis
    longest = limits().organ_name_words
    while first > 0 and parenthesis - first < longest and _a_name_word(doc[first - 1]):
        first -= 1
    return first if first < parenthesis else None

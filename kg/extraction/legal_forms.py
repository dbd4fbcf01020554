"""A company's legal form written after its name ("Quillfeed Inc.", "Harwell Holdings Ltd.",
"Brightpath, Inc.", "Lanmei (Group) Co., Ltd.") is part of the name as written: the mention
takes it in, so the article's surface form is the one it printed."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.resolution.rules import name_rules
from kg.rule_files import limits

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = frozenset({"Company"})


def _legal_form(doc: Doc, index: int, taken: set[int]) -> int:
    """How many tokens from INDEX spell legal-form words (with their commas, periods and
    brackets); 0 when none does."""
    suffixes = name_rules().corporate_suffixes
    end = index
    position = index
    sentence_end = doc[index - 1].sent.end if index > 0 else len(doc)
    while position < sentence_end and position not in taken:
        token = doc[position]
        word = token.text.rstrip(".").lower()
        if word in suffixes and token.text[:1].isupper():
            position += 1
            if _attached_period(doc, position, sentence_end):
                position += 1  # "Inc." split from the sentence's own full stop
            end = position
        elif token.text == "(" and _bracketed_form(doc, position, sentence_end):
            position += 3
            end = position
        elif token.text in {",", "."} and position + 1 < sentence_end:
            position += 1  # "Youdao, Inc.": kept only if a legal-form word follows
        else:
            break
    return end - index


def _attached_period(doc: Doc, position: int, sentence_end: int) -> bool:
    before = doc[position - 1]
    return (
        position < sentence_end
        and doc[position].text == "."
        and not before.whitespace_
        and len(before.text) <= limits().legal_form_abbreviation
    )


def _bracketed_form(doc: Doc, position: int, sentence_end: int) -> bool:
    """'(Group)' inside a name."""
    suffixes = name_rules().corporate_suffixes
    return (
        position + 2 < sentence_end
        and doc[position + 1].lower_ in suffixes
        and doc[position + 2].text == ")"
    )


def _end_char(doc: Doc, end: int) -> int:
    return doc[end - 1].idx + len(doc[end - 1])


def with_legal_forms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """MENTIONS, each company name followed by its legal form widened to take it in."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    widened = []
    for mention in mentions:
        length = _legal_form(doc, mention.end, taken) if mention.label in LABELS else 0
        if length:
            end = mention.end + length
            added = doc.text[_end_char(doc, mention.end) : _end_char(doc, end)]
            mention = replace(mention, text=mention.text + added, end=end)
            taken.update(range(mention.start, end))
        widened.append(mention)
    return widened


def without_legal_form(words: list[str]) -> list[str]:
    """A company name's words without the legal form at its end."""
    suffixes = name_rules().corporate_suffixes
    kept = [w for w in words if w not in {",", "."}]
    while len(kept) > 1 and kept[-1].strip("(),.").lower() in suffixes:
        kept.pop()
    kept[-1:] = [w.rstrip(",") for w in kept[-1:]]
    return kept

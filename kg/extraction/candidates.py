"""Candidate pairs of mentions that a relationship may join: two mentions of different
entities in one sentence, or in adjacent sentences, whose types some relationship allows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.model import Mention, name_key
from kg.ontology import ontology


@dataclass(frozen=True)
class Candidate:
    """SUBJECT and OBJECT are mention indices; CROSS when they are in adjacent sentences."""

    subject: int
    object: int
    cross: bool


@cache
def allowed_pairs() -> frozenset[tuple[str, str]]:
    """(subject label, object label) pairs that at least one relationship type allows."""
    return frozenset(
        (s, o)
        for kind in ontology().relations.values()
        if kind.name != ontology().mentions_type
        for s in kind.domain
        for o in kind.range
    )


def same_entity(a: Mention, b: Mention) -> bool:
    """Whether two mentions plainly name one entity (one curated id, one name, an acronym)."""
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True
    keys = {name_key(a.text), name_key(a.alias_of or a.text)}
    return bool(keys & {name_key(b.text), name_key(b.alias_of or b.text)})


def candidates(
    mentions: list[Mention], sentence: list[int], cross_sentence: bool
) -> list[Candidate]:
    """Ordered pairs of mentions in one sentence (or adjacent ones) that may be related;
    SENTENCE is the sentence index of each token (kg.extraction.sentences.sentence_of_tokens)."""
    by_sentence: dict[int, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_sentence.setdefault(sentence[mention.start], []).append(index)
    allowed = allowed_pairs()
    found: list[Candidate] = []
    for number, members in sorted(by_sentence.items()):
        following = by_sentence.get(number + 1, []) if cross_sentence else []
        pairs = [(a, b, False) for a in members for b in members if a != b]
        pairs += [(a, b, True) for a in members for b in following]
        pairs += [(b, a, True) for a in members for b in following]
        for a, b, cross in pairs:
            first, second = mentions[a], mentions[b]
            if (first.label, second.label) in allowed and not same_entity(first, second):
                found.append(Candidate(a, b, cross))
    return found

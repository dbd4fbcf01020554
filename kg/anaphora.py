"""Definite descriptions ('the regulator') linked to the last-named entity of their type."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.resources import load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DETERMINERS = frozenset({"the", "this", "that"})
METHOD = "anaphora"


@dataclass(frozen=True)
class AnaphorRules:
    """Head nouns per type, and how far back to look."""

    heads: dict[str, str]  # head noun -> label
    window: int
    topic_first: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    organisation_labels: frozenset[str]
    pronoun_window: int


@cache
def anaphor_rules() -> AnaphorRules:
    """The anaphor part of typing.yaml."""
    raw = load_yaml("typing.yaml")
    heads = {noun: label for label, nouns in raw["anaphors"].items() for noun in nouns}
    return AnaphorRules(
        heads,
        int(raw["anaphor_window"]),
        frozenset(raw["anaphor_topic_first"]),
        frozenset(raw["person_pronouns"]),
        frozenset(raw["thing_pronouns"]),
        frozenset(raw["organisation_labels"]),
        int(raw["pronoun_window"]),
    )


def link_anaphors(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Add a mention for each 'the <type noun>' that follows a named entity of that type."""
    rules = anaphor_rules()
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_start = sorted(mentions, key=lambda m: m.start)
    added: list[Mention] = []
    for token in doc:
        if token.lower_ in rules.person_pronouns and token.i not in covered:
            person = _last_of(by_start, "Person", token.i, doc, rules.pronoun_window)
            if person is not None:
                added.append(
                    Mention(
                        token.text,
                        "Person",
                        token.i,
                        token.i + 1,
                        person.sentence,
                        person.gazetteer_id,
                        METHOD,
                        person.text,
                    )
                )
            continue
        if token.lower_ in rules.thing_pronouns and token.i not in covered:
            organisation = _nearest_organisation(by_start, token.i, doc, rules.pronoun_window)
            if organisation is not None:
                added.append(_pointing_back(token, organisation))
            continue
        label = rules.heads.get(token.lower_)
        if label is None or token.i in covered or token.tag_ not in ("NN", "NNP"):
            continue
        determiner = next((c for c in token.children if c.dep_ in ("det", "poss")), None)
        if determiner is None or determiner.lower_ not in DETERMINERS | {"its"}:
            continue
        if determiner.lower_ == "its":
            continue  # "its regulator" is another entity, not the one named before
        antecedent = (
            _most_mentioned(by_start, label, token.i)
            if label in rules.topic_first
            else _last_of(by_start, label, token.i, doc, rules.window)
        )
        if antecedent is not None:
            added.append(
                Mention(
                    token.text,
                    label,
                    token.i,
                    token.i + 1,
                    antecedent.sentence,
                    antecedent.gazetteer_id,
                    METHOD,
                    antecedent.text,
                )
            )
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def _last_of(
    mentions: list[Mention], label: str, before: int, doc: Doc, window: int
) -> Mention | None:
    sentence_starts = [s.start for s in doc.sents]
    current = sum(1 for start in sentence_starts if start <= before) - 1
    for mention in reversed(mentions):
        if mention.start >= before or mention.label != label:
            continue
        if current - mention.sentence > window:
            break
        return mention
    return _most_mentioned(mentions, label, before) if label != "Person" else None


def _pointing_back(token: Token, antecedent: Mention) -> Mention:
    return Mention(
        token.text,
        antecedent.label,
        token.i,
        token.i + 1,
        antecedent.sentence,
        antecedent.gazetteer_id,
        METHOD,
        antecedent.text,
    )


def _nearest_organisation(
    mentions: list[Mention], before: int, doc: Doc, window: int
) -> Mention | None:
    """'it' points back to the closest organisation named just before it."""
    labels = anaphor_rules().organisation_labels
    current = doc[before].sent.start
    sentence_starts = [s.start for s in doc.sents]
    sentence = sentence_starts.index(current)
    for mention in reversed(mentions):
        if mention.start >= before or mention.label not in labels:
            continue
        return mention if sentence - mention.sentence <= window else None
    return None


def _most_mentioned(mentions: list[Mention], label: str, before: int) -> Mention | None:
    """The article's topic of this type: the entity named most often so far, if one leads."""
    counts: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.start < before and mention.label == label and mention.method != METHOD:
            counts.setdefault(mention.gazetteer_id or mention.text.lower(), []).append(mention)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or (len(ranked) > 1 and len(ranked[0]) == len(ranked[1])):
        return None
    return ranked[0][-1]

"""Definite descriptions ('the regulator') linked to the last-named entity of their type."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.resources import load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc

DETERMINERS = frozenset({"the", "this", "that"})
METHOD = "anaphora"


@dataclass(frozen=True)
class AnaphorRules:
    """Head nouns per type, and how far back to look."""

    heads: dict[str, str]  # head noun -> label
    window: int
    person_pronouns: frozenset[str]
    pronoun_window: int


@cache
def anaphor_rules() -> AnaphorRules:
    """The anaphor part of typing.yaml."""
    raw = load_yaml("typing.yaml")
    heads = {noun: label for label, nouns in raw["anaphors"].items() for noun in nouns}
    return AnaphorRules(
        heads,
        int(raw["anaphor_window"]),
        frozenset(raw["person_pronouns"]),
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
        label = rules.heads.get(token.lower_)
        if label is None or token.i in covered or token.tag_ not in ("NN", "NNP"):
            continue
        determiner = next((c for c in token.children if c.dep_ in ("det", "poss")), None)
        if determiner is None or determiner.lower_ not in DETERMINERS | {"its"}:
            continue
        if determiner.lower_ == "its":
            continue  # "its regulator" is another entity, not the one named before
        antecedent = _last_of(by_start, label, token.i, doc, rules.window)
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
            return None
        return mention
    return None

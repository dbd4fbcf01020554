"""Finds and types entity mentions in a parsed Doc: gazetteer first, then typed NER."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.gazetteer import alias_index, normalise_surface, slugify
from kg.model import Mention
from kg.ontology import ontology
from kg.resources import load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s*(['’]s?|,)$")
ACTOR_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class TypingRules:
    """The typing.yaml rules, with the lists turned into sets."""

    regulator_heads: frozenset[str]
    company_heads: frozenset[str]
    media_heads: frozenset[str]
    policy_heads: frozenset[str]
    metonyms: dict[str, str]
    stop_entities: frozenset[str]
    credit_patterns: tuple[re.Pattern[str], ...]
    ner_labels: dict[str, str | None]


@cache
def typing_rules() -> TypingRules:
    """typing.yaml, loaded once."""
    raw = load_yaml("typing.yaml")
    return TypingRules(
        regulator_heads=frozenset(raw["regulator_heads"]),
        company_heads=frozenset(raw["company_heads"]),
        media_heads=frozenset(raw["media_heads"]),
        policy_heads=frozenset(raw["policy_heads"]),
        metonyms=dict(raw["metonyms"]),
        stop_entities=frozenset(normalise_surface(s) for s in raw["stop_entities"]),
        credit_patterns=tuple(
            re.compile(p, re.IGNORECASE | re.MULTILINE) for p in raw["credit_patterns"]
        ),
        ner_labels=dict(raw["ner_labels"]),
    )


def type_organisation(name: str) -> str:
    """Regulator, Media, Policy or Company for an organisation name the gazetteer lacks."""
    rules = typing_rules()
    words = normalise_surface(name).split()
    last = words[-1] if words else ""
    if last in rules.media_heads:
        return "Media"
    if last in rules.policy_heads:
        return "Policy"
    if last in rules.company_heads:
        return "Company"
    lowered = " ".join(words)
    if last in rules.regulator_heads or any(
        head in lowered for head in rules.regulator_heads if " " in head
    ):
        return "Regulator"
    if any(word in rules.regulator_heads for word in words[:-1]) and "of" in words:
        return "Regulator"  # "Ministry of X", "Bureau of Y"
    return "Company"


def clean_surface(text: str) -> str:
    """Strip a leading article and a trailing possessive or comma from a span's text."""
    return _TRAILING.sub("", _LEADING.sub("", text.strip())).strip()


def credit_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of photo credits, bylines and datelines, where no entity is kept."""
    return [m.span() for p in typing_rules().credit_patterns for m in p.finditer(text)]


def _is_actor_position(span: Span) -> bool:
    root = span.root
    if root.dep_ in ACTOR_DEPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        return True
    return (
        root.dep_ == "poss"
        and root.head.pos_ == "NOUN"
        and root.head.lower_
        not in {
            "economy",
            "market",
            "companies",
            "firms",
            "cities",
            "city",
            "people",
        }
    )


def _mention_from_span(span: Span, sentence: int) -> Mention | None:
    rules = typing_rules()
    surface = clean_surface(span.text)
    if not surface or normalise_surface(surface) in rules.stop_entities:
        return None
    labels = ontology().labels
    if span.label_ in labels:
        return Mention(
            surface, span.label_, span.start, span.end, sentence, span.ent_id_ or None, "gazetteer"
        )
    mapped = rules.ner_labels.get(span.label_)
    if mapped is None:
        return None
    if mapped == "GPE":
        canonical = rules.metonyms.get(surface)
        if canonical is None or not _is_actor_position(span):
            return None
        return Mention(
            surface, "Regulator", span.start, span.end, sentence, slugify(canonical), "metonymy"
        )
    label = type_organisation(surface) if mapped == "ORG" else mapped
    if label == "Person" and not any(c.isupper() for c in surface):
        return None
    linked = alias_index().get((normalise_surface(surface), label))
    return Mention(surface, label, span.start, span.end, sentence, linked, f"ner:{span.label_}")


def find_mentions(doc: Doc) -> list[Mention]:
    """All entity mentions of a parsed Doc, in text order, without credits and non-entities."""
    credits = credit_ranges(doc.text)
    sentence_of = {sent.start: index for index, sent in enumerate(doc.sents)}
    mentions: list[Mention] = []
    for span in doc.ents:
        if any(start <= span.start_char < end for start, end in credits):
            continue
        sentence = sentence_of.get(span.sent.start, 0)
        mention = _mention_from_span(span, sentence)
        if mention is not None:
            mentions.append(mention)
    return mentions

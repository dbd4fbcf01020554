"""Policies named by description: 'released a package of rules governing live-streamed sales'."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.data_files import load_checked
from kg.extraction.cues import cues
from kg.extraction.sentences import sentence_number
from kg.extraction.token_table import token_table
from kg.model import Mention
from kg.rule_files import TypingFile

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

METHOD = "described"
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@dataclass(frozen=True)
class DescriptionRules:
    """The described_policies part of typing.yaml, and the issuing verbs of cues.yaml."""

    heads: frozenset[str]
    containers: frozenset[str]
    qualifiers: frozenset[str]
    not_topics: frozenset[str]
    unnamed: frozenset[str]
    issuing: frozenset[str]


@cache
def description_rules() -> DescriptionRules:
    """Loaded once."""
    spec = load_checked("typing.yaml", TypingFile).described_policies
    return DescriptionRules(
        frozenset(spec.heads),
        frozenset(spec.containers),
        frozenset(spec.qualifiers),
        frozenset(spec.not_topics),
        frozenset(spec.unnamed),
        frozenset(lemma for lemma, rel_type in cues().verbs.items() if rel_type == "ISSUED"),
    )


def described_policies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A Policy mention for each described policy a state body issues, when it has no name."""
    rules = description_rules()
    heads, containers, qualifiers = rules.heads, rules.containers, rules.qualifiers
    issuing = rules.issuing
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    table = token_table(doc)
    for i, dep in enumerate(table.deps):
        if dep not in ("dobj", "nsubjpass"):
            continue
        token = doc[i]
        if token.head.lemma_ not in issuing:
            continue
        head = _contained(token, containers)
        if head.lemma_.lower() not in heads or head.i in covered:
            continue
        qualifying = [
            c
            for c in head.rights
            if c.dep_ in ("acl", "relcl", "prep")
            and not any(p.lemma_.lower() in rules.not_topics for p in c.children)
        ]
        modifiers = [c for c in head.lefts if c.dep_ in MODIFIER_DEPS]
        start = min([head.i, *(c.i for c in modifiers)])
        if qualifying and (qualifying[0].dep_ != "prep" or qualifying[0].lower_ in qualifiers):
            end = max(t.i for t in qualifying[0].subtree) + 1
            while doc[end - 1].is_space:
                end -= 1  # the parse may hang a line break on the description's last word
        elif any(c.lower_ in rules.unnamed for c in modifiers):
            end = head.i + 1  # "issued new draft rules": the rules have no other name
        else:
            continue
        if any(i in covered for i in range(start, end)) or end - start > 16:
            continue
        span = doc[start:end]
        found.append(Mention(span.text, "Policy", start, end, sentence_number(span), None, METHOD))
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _contained(token: Token, containers: frozenset[str]) -> Token:
    """'a set of rules' -> rules."""
    if token.lemma_.lower() in containers:
        inner = [
            p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
        ]
        if inner:
            return inner[0]
    return token

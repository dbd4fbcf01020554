"""Definite descriptions ('the regulator') linked to the last-named entity of their type."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from kg.data_files import load_checked
from kg.extraction.sentences import sentence_of_tokens
from kg.extraction.token_table import token_table
from kg.model import Mention
from kg.rule_files import TypingFile

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

    @cached_property
    def starting_words(self) -> frozenset[str]:
        """The words an anaphor can be: a pronoun or a type's head noun."""
        return frozenset(self.heads).union(self.person_pronouns, self.thing_pronouns)


@cache
def anaphor_rules() -> AnaphorRules:
    """The anaphor part of typing.yaml."""
    raw = load_checked("typing.yaml", TypingFile)
    heads = {noun: label for label, nouns in raw.anaphors.items() for noun in nouns}
    return AnaphorRules(
        heads,
        int(raw.anaphor_window),
        frozenset(raw.anaphor_topic_first),
        frozenset(raw.person_pronouns),
        frozenset(raw.thing_pronouns),
        frozenset(raw.organisation_labels),
        int(raw.pronoun_window),
    )


def link_anaphors(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Add a mention for each pronoun or 'the <type noun>' that points back to a named entity."""
    rules = anaphor_rules()
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_start = sorted(mentions, key=lambda m: m.start)
    sentence_of = sentence_of_tokens(doc)
    added: list[Mention] = []
    words = rules.starting_words
    for i, lower in enumerate(token_table(doc).lowers):
        if lower not in words or i in covered:
            continue
        token = doc[i]
        here = sentence_of[token.i]
        antecedent: Mention | None = None
        if token.lower_ in rules.person_pronouns:
            antecedent = _last_of(
                _not_its_own_subject(by_start, token),
                {"Person"},
                token.i,
                here,
                rules.pronoun_window,
            )
        elif token.lower_ in rules.thing_pronouns:
            antecedent = (
                _subject_of_own_clause(by_start, token, rules.organisation_labels)
                or _subject_before(doc, by_start, token, rules.organisation_labels)
            ) or _last_of(
                _not_its_own_subject(by_start, token),
                rules.organisation_labels,
                token.i,
                here,
                rules.pronoun_window,
            )
            if antecedent is not None and token.dep_ == "poss":
                antecedent = _described(by_start, antecedent, token) or antecedent
        elif (label := _described_label(token, rules)) is not None and token.i + 1 not in covered:
            # "the firm Huya": a type noun right before a name says what the name is
            if label not in rules.topic_first:  # "the law" is the article's law, not the last
                antecedent = _last_named_with(by_start, label, token.lower_, token.i)
            if antecedent is None:
                antecedent = (
                    _most_mentioned(by_start, label, token.i)
                    if label in rules.topic_first
                    else _last_of(by_start, {label}, token.i, here, rules.window)
                )
            if antecedent is None and label not in rules.topic_first | {"Person"}:
                # "the regulator" far from any name: the regulator the article is about
                antecedent = _most_mentioned(by_start, label, token.i)
        if antecedent is not None:
            added.append(_pointing_back(token, antecedent))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def _not_its_own_subject(mentions: list[Mention], pronoun: Token) -> list[Mention]:
    """A pronoun that is not a possessive cannot stand for the subject of its own clause: in
    'the bureau fined it', 'it' is someone other than the bureau ('its' may be the bureau's)."""
    if pronoun.dep_ in ("poss", "nsubj", "nsubjpass"):
        return mentions
    verb = _clause_verb(pronoun)
    subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    if not subjects:
        return mentions
    return [m for m in mentions if not any(m.start <= i < m.end for i in subjects)]


def _subject_of_own_clause(
    mentions: list[Mention], pronoun: Token, labels: Collection[str]
) -> Mention | None:
    """A possessive binds to the named subject of its own clause past names that only
    describe the subject: in 'Baidu, an investor in X, launched its own app', 'its' is Baidu's
    (but in 'A accused B and its app', B's). Not across a copula ('A is part of its B')."""
    if pronoun.dep_ != "poss":
        return None
    verb = _clause_verb(pronoun)
    if verb.lemma_ == "be":
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > pronoun.i:
        return None
    named = _named_at(mentions, subject.i)
    if named is None or named.label not in labels:
        return None
    inside = {t.i for t in subject.subtree}
    between = (m for m in mentions if named.end <= m.start < pronoun.i and m.label in labels)
    return None if any(m.start not in inside for m in between) else named


def _subject_before(
    doc: Doc, mentions: list[Mention], pronoun: Token, labels: Collection[str]
) -> Mention | None:
    """A pronoun that opens a sentence as its subject continues the previous sentence's
    subject: in 'The CAC opened a probe into A and B. It later fined them', 'It' is the CAC."""
    sent = pronoun.sent
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head != sent.root or sent.start == 0:
        return None
    if any(t.pos_ in ("NOUN", "PROPN") for t in doc[sent.start : pronoun.i]):
        return None  # something else was named first in the sentence
    before = doc[sent.start - 1].sent.root
    subject = next((c for c in before.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    named = _named_at(mentions, subject.i) if subject is not None else None
    return named if named is not None and named.label in labels else None


def _described(mentions: list[Mention], nearest: Mention, pronoun: Token) -> Mention | None:
    """The name that the phrase holding NEAREST describes, when the possessive stands outside
    that phrase: in 'Hive Box, an affiliate of SF Express, for its failure to ...', 'its' is
    Hive Box's, not SF Express's."""
    token = pronoun.doc[nearest.start : nearest.end].root
    for ancestor in token.ancestors:
        if ancestor.dep_ not in ("appos", "relcl", "acl"):
            continue
        if pronoun.i in range(ancestor.left_edge.i, ancestor.right_edge.i + 1):
            return None
        named = _named_at(mentions, ancestor.head.i)
        return named if named is not None and named.label == nearest.label else None
    return None


def _named_at(mentions: list[Mention], index: int) -> Mention | None:
    """The first mention holding token INDEX that names (does not point back)."""
    return next((m for m in mentions if m.start <= index < m.end and m.method != METHOD), None)


def _clause_verb(pronoun: Token) -> Token:
    """The verb of the pronoun's clause (the root where there is none)."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _described_label(token: Token, rules: AnaphorRules) -> str | None:
    """The type 'the regulator' / 'this law' stands for ('its regulator' is another entity)."""
    label = rules.heads.get(token.lower_)
    plural_name = label == "Policy" and token.tag_ in ("NNS", "NNPS")  # "the rules" is one rule
    if label is None or (token.tag_ not in ("NN", "NNP") and not plural_name):
        return None
    determiner = next((c for c in token.children if c.dep_ in ("det", "poss")), None)
    if determiner is None or determiner.lower_ not in DETERMINERS:
        return None
    return label


def _last_of(
    mentions: list[Mention], labels: Collection[str], before: int, here: int, window: int
) -> Mention | None:
    """The closest mention of one of LABELS before the token, within WINDOW sentences."""
    for mention in reversed(mentions):
        if mention.start >= before or mention.label not in labels:
            continue
        return mention if here - mention.sentence <= window else None
    return None


def _last_named_with(mentions: list[Mention], label: str, head: str, before: int) -> Mention | None:
    """The closest named entity of LABEL before the token whose name holds the description's
    head noun: 'the court' is the last court named, 'the exchange' the last exchange."""
    for mention in reversed(mentions):
        if mention.start >= before or mention.label != label or mention.method == METHOD:
            continue
        if head in mention.text.lower().split():
            return mention
    return None


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

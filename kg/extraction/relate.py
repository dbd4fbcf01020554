"""Claims from the relationship classifier: each candidate pair scored, the best allowed type
kept above the threshold, with its modality, stated date and properties."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg.extraction.candidates import Candidate, candidates
from kg.extraction.classifier import RelationClassifier
from kg.extraction.cues import cues
from kg.extraction.dates import date_texts
from kg.extraction.features import PairFeatures
from kg.extraction.listed import listed_claims
from kg.extraction.money import stated_sum
from kg.extraction.rulebase import MODALITY_FACTOR, modality_of
from kg.model import Claim, Mention
from kg.ontology import ontology

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

METHOD = "model"


def allowed_types(subject: Mention, obj: Mention) -> list[str]:
    """The relationship types the ontology allows from SUBJECT's label to OBJECT's."""
    return list(_allowed(subject.label, obj.label))


@cache
def _allowed(subject: str, obj: str) -> tuple[str, ...]:
    return tuple(
        name
        for name, kind in ontology().relations.items()
        if name != ontology().mentions_type and kind.allows(subject, obj)
    )


def classified_claims(
    doc: Doc,
    mentions: list[Mention],
    rule_claims: list[Claim],
    classifier: RelationClassifier,
    cross_sentence: bool,
) -> list[Claim]:
    """The classifier's claims over every candidate pair: each allowed type above its
    threshold."""
    features = PairFeatures(doc, mentions, rule_claims)
    by_pair = {(c.subject, c.type, c.object): c for c in rule_claims}
    pairs = candidates(mentions, features.sentence, cross_sentence)
    decided = classifier.types_of_many(
        [features.of(c) for c in pairs],
        [allowed_types(mentions[c.subject], mentions[c.object]) for c in pairs],
    )
    claims: list[Claim] = []
    for candidate, types in zip(pairs, decided, strict=True):
        for rel_type, probability in types:
            ruled = (candidate.subject, rel_type, candidate.object) in by_pair
            if not classifier.accepts(probability, ruled):
                continue
            confidence = classifier.confidence(probability, ruled)
            claim = _claim(doc, candidate, rel_type, confidence, mentions, by_pair)
            if claim is not None:
                claims.append(claim)
    return listed_claims(features.lists, mentions, claims, allowed_types)


def _trigger(doc: Doc, candidate: Candidate, mentions: list[Mention]) -> Token:
    """The word that governs both mentions (their lowest common head), else the subject's
    clause."""
    s, o = mentions[candidate.subject], mentions[candidate.object]
    a, b = doc[s.start : s.end].root, doc[o.start : o.end].root
    above_b = {b, *b.ancestors}
    for token in (a, *a.ancestors):
        if token in above_b:
            return token
    return next((t for t in a.ancestors if t.pos_ in ("VERB", "AUX")), a.sent.root)


def _clause_verb(token: Token) -> Token:
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return token.sent.root


def _claim(
    doc: Doc,
    candidate: Candidate,
    rel_type: str,
    calibrated: float,
    mentions: list[Mention],
    by_pair: dict[tuple[int, str, int], Claim],
) -> Claim | None:
    trigger = _trigger(doc, candidate, mentions)
    modality = modality_of(_clause_verb(trigger), cues())
    if modality is None:
        return None  # negated: "did not fine"
    s, o = mentions[candidate.subject], mentions[candidate.object]
    sentences = sorted({doc[s.start].sent, doc[o.start].sent}, key=lambda sent: sent.start)
    evidence = " ".join(sent.text.strip() for sent in sentences)
    rule = by_pair.get((candidate.subject, rel_type, candidate.object))
    properties = dict(rule.properties) if rule else {}
    properties["date_text"] = date_texts(doc[trigger.i].sent, near=trigger.i) or None
    if rel_type == "FINED" and "amount" not in properties:
        properties.update(stated_sum(sentences))
    if rel_type == "HOLDS_POSITION" and "role" not in properties:
        properties["role"] = _role_between(doc, s, o)
    confidence = round(calibrated * MODALITY_FACTOR[modality], 3)
    method = (
        f"{METHOD}:{rule.method}" if rule else f"{METHOD}:{'cross' if candidate.cross else 'pair'}"
    )
    return Claim(
        candidate.subject,
        rel_type,
        candidate.object,
        evidence,
        confidence,
        method,
        modality,
        tuple((k, v) for k, v in properties.items() if v is not None),
    )


def _role_between(doc: Doc, person: Mention, organisation: Mention) -> str | None:
    """The role noun nearest the person, within the span joining the two mentions."""
    roles = cues().roles
    start, end = sorted((person.start, organisation.start))
    window = doc[max(0, start - 4) : min(len(doc), max(person.end, organisation.end) + 4)]
    found = [
        t
        for t in window
        if t.lemma_.lower() in roles and roles[t.lemma_.lower()] == "HOLDS_POSITION"
    ]
    if not found:
        return None
    nearest = min(found, key=lambda t: abs(t.i - person.start))
    return nearest.lemma_.lower()

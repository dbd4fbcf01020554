"""Training examples from the annotated corpus, each document parsed once: the recogniser's
reference Doc, and the relationship classifier's candidate rows over the gold mentions with
their labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extraction.candidates import Candidate, candidates
from kg.extraction.classifier import NONE
from kg.extraction.corpus import AnnotatedDocument, evidence_range, gold_spans
from kg.extraction.features import PairFeatures
from kg.extraction.recogniser import RecogniserSettings, reference_doc
from kg.extraction.relate import allowed_types
from kg.model import Mention, name_key
from kg.ontology import ontology

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Triple = tuple[str, str, str]


@dataclass
class PreparedDocument:
    """One annotated document, ready for both trainers."""

    id: str
    reference: Doc
    rows: list[list[str]] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)  # each row's types, or [NONE]
    pairs: list[tuple[str, str] | None] = field(default_factory=list)  # gold ends of each row
    allowed: list[list[str]] = field(default_factory=list)  # types the row's labels allow
    gold: set[Triple] = field(default_factory=set)


def gold_triple(subject: str, rel_type: str, obj: str) -> Triple:
    """A relationship as scored: symmetric types in one order."""
    if ontology().relation(rel_type).symmetric and obj < subject:
        subject, obj = obj, subject
    return subject, rel_type, obj


def prepare(
    parser: Language,
    corpus: Iterable[AnnotatedDocument],
    settings: RecogniserSettings,
    cross_sentence: bool,
    progress: Callable[[str], None] = lambda _: None,
) -> list[PreparedDocument]:
    """Parse each document with PARSER (the base pipeline without the trained parts) and
    build its examples."""
    prepared = []
    corpus = list(corpus)
    for number, annotated in enumerate(corpus, start=1):
        parsed = parser(annotated.document.text)
        document = PreparedDocument(annotated.id, reference_doc(parsed, annotated, settings))
        _relation_rows(parsed, annotated, settings, cross_sentence, document)
        prepared.append(document)
        if number % 10 == 0 or number == len(corpus):
            progress(f"parsed {number}/{len(corpus)} documents")
    return prepared


def _relation_rows(
    parsed: Doc,
    annotated: AnnotatedDocument,
    settings: RecogniserSettings,
    cross_sentence: bool,
    document: PreparedDocument,
) -> None:
    from kg.extraction.mentions import find_mentions
    from kg.extraction.relations import find_claims

    kept = [e for e in parsed.ents if e.label_ in settings.kept_labels]
    entity_at: dict[int, str] = {}
    gold_ents = []
    for gold in gold_spans(annotated):
        span = parsed.char_span(gold.start, gold.end, label=gold.label, alignment_mode="expand")
        if span is None or any(i in entity_at for i in range(span.start, span.end)):
            continue
        gold_ents.append(span)
        entity_at.update({i: gold.entity for i in range(span.start, span.end)})
    parsed.ents = sorted(
        [*gold_ents, *(e for e in kept if not any(i in entity_at for i in range(e.start, e.end)))],
        key=lambda s: s.start,
    )
    surfaces = {
        name_key(surface): entity["name"]
        for entity in annotated.gold["entities"]
        for surface in (entity["name"], *entity["mentions"])
    }
    mentions = find_mentions(parsed)
    entity_of = [_gold_entity(m, entity_at, surfaces) for m in mentions]
    located = _located_relations(annotated)
    document.gold = {gold_triple(s, t, o) for s, t, o, _ in located}
    starts = [(parsed[m.start].idx, entity) for m, entity in zip(mentions, entity_of, strict=True)]
    stated_within = {
        (s, t, o)
        for s, t, o, where in located
        if where is not None
        and all(any(e == name and where[0] <= c < where[1] for c, e in starts) for name in (s, o))
    }
    features = PairFeatures(parsed, mentions, find_claims(parsed, mentions))
    for candidate in candidates(mentions, features.sentence, cross_sentence):
        ends = (entity_of[candidate.subject], entity_of[candidate.object])
        labels = _labels(parsed, mentions, candidate, ends, located, stated_within)
        row = features.of(candidate)
        allowed = allowed_types(mentions[candidate.subject], mentions[candidate.object])
        if labels:
            document.allowed.append(allowed)
            document.rows.append(row)
            document.labels.append(labels)
            document.pairs.append(ends if None not in ends else None)  # type: ignore[arg-type]


def _gold_entity(
    mention: Mention, entity_at: dict[int, str], surfaces: dict[str, str]
) -> str | None:
    if mention.alias_of is None:
        named = entity_at.get(mention.start)
        if named is not None:
            return named
    return surfaces.get(name_key(mention.alias_of or mention.text))


def _located_relations(
    annotated: AnnotatedDocument,
) -> list[tuple[str, str, str, tuple[int, int] | None]]:
    return [
        (
            r["subject"],
            r["type"],
            r["object"],
            evidence_range(annotated.document.text, r.get("evidence")),
        )
        for r in annotated.gold.get("relations", [])
    ]


def _labels(
    doc: Doc,
    mentions: list[Mention],
    candidate: Candidate,
    ends: tuple[str | None, str | None],
    located: list[tuple[str, str, str, tuple[int, int] | None]],
    stated_within: set[tuple[str, str, str]],
) -> list[str]:
    """The candidate's gold types where it states them; NONE where its ends share no gold
    relationship; nothing (left out) where they do but this candidate does not state it.

    A pair in one sentence states a relationship whose evidence holds that sentence. A pair
    across two sentences states one only where the evidence holds one of the two mentions and
    does not hold both ends itself ("Regulators met 20 firms. They included A and B.")."""
    subject, obj = ends
    if subject is None or obj is None or subject == obj:
        return [NONE]
    pair = (mentions[candidate.subject], mentions[candidate.object])
    related = False
    found = []
    for s, rel_type, o, where in located:
        forward = (s, o) == (subject, obj)
        backward = (o, s) == (subject, obj) and ontology().relation(rel_type).symmetric
        if not (forward or backward):
            continue
        related = True
        if where is None:
            continue
        if candidate.cross:
            inside = [where[0] <= doc[m.start].idx < where[1] for m in pair]
            if any(inside) and (s, rel_type, o) not in stated_within:
                found.append(rel_type)
        else:
            sent = doc[pair[0].start].sent
            if sent.start_char < where[1] and where[0] < sent.end_char:
                found.append(rel_type)
    if found:
        return sorted(set(found))
    return [] if related else [NONE]

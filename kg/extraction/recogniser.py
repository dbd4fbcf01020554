"""The trained recogniser: the base pipeline's NER fine-tuned on the annotated corpus to the
ontology's six labels, saved and put back as one spaCy component."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.extraction.corpus import AnnotatedDocument, gold_spans, relation_ranges
from kg.extraction.mentions import FINITE_VERB_TAGS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.training import Example

NER = "ner"
# What may stand before a headline's or a label's first word ("Source: X", "• X"), and the small
# words a name may hold ("Bank of China").
LINE_MARKS = frozenset({":", "|", "-", "—", "•"})
CONNECTIVES = frozenset({"of", "and", "for", "the"})


@dataclass(frozen=True)
class RecogniserSettings:
    """The [recogniser] section of the training config, resolved."""

    labels: tuple[str, ...]
    kept_labels: frozenset[str]
    place_labels: frozenset[str]
    unmarked_name_labels: frozenset[str]
    epochs: int
    dropout: float
    config: dict[str, Any]  # the raw section, for its batcher and optimizer


def recogniser_settings(config: dict[str, Any]) -> RecogniserSettings:
    """Validate the [recogniser] section (errors name the key)."""
    from kg.extraction.settings import require

    section = require(config, "recogniser", dict)
    return RecogniserSettings(
        labels=tuple(require(section, "labels", list, "recogniser")),
        kept_labels=frozenset(require(section, "kept_labels", list, "recogniser")),
        place_labels=frozenset(require(section, "place_labels", list, "recogniser")),
        unmarked_name_labels=frozenset(
            require(section, "unmarked_name_labels", list, "recogniser")
        ),
        epochs=require(section, "epochs", int, "recogniser"),
        dropout=require(section, "dropout", float, "recogniser"),
        config=section,
    )


def reference_doc(parsed: Doc, annotated: AnnotatedDocument, settings: RecogniserSettings) -> Doc:
    """The document as the base pipeline PARSED it, with the gold mentions as entities.

    Tokens the annotation leaves free keep the base NER's kept labels (dates, money) or are
    outside any entity; a gold mention that is a place name or starts in lower case is marked
    only inside the evidence of a gold relationship of its entity, and left unannotated
    (neither entity nor outside) elsewhere.
    """
    from spacy.tokens import Doc, Span

    text = annotated.document.text
    acting = relation_ranges(annotated)
    places = {i for ent in parsed.ents if ent.label_ in settings.place_labels for i in _tokens(ent)}
    entities: list[Span] = []
    missing: list[Span] = []
    taken: set[int] = set()
    for gold in gold_spans(annotated):
        span = parsed.char_span(gold.start, gold.end, label=gold.label, alignment_mode="expand")
        if span is None or taken.intersection(_tokens(span)):
            continue
        taken.update(_tokens(span))
        ambiguous = text[gold.start].islower() or places.intersection(_tokens(span))
        inside = any(a <= gold.start < b for a, b in acting.get(gold.entity, ()))
        (missing if ambiguous and not inside else entities).append(span)
    for ent in parsed.ents:
        if ent.label_ in settings.kept_labels and not taken.intersection(_tokens(ent)):
            entities.append(ent)
            taken.update(_tokens(ent))
    for ent in parsed.ents:
        if (
            ent.label_ in settings.unmarked_name_labels
            and not taken.intersection(_tokens(ent))
            and _a_clean_name(ent)
        ):
            missing.append(ent)
    reference = Doc(
        parsed.vocab,
        words=[t.text for t in parsed],
        spaces=[bool(t.whitespace_) for t in parsed],
    )
    reference.set_ents(
        [Span(reference, s.start, s.end, label=s.label_) for s in entities],
        missing=[Span(reference, s.start, s.end) for s in missing],
        default="outside",
    )
    return reference


def _a_clean_name(span: Span) -> bool:
    """A name the base NER found inside running text, every word capitalised or a connective
    ('Bank of China'), with no possessive and no verb: a name the annotators may have left
    unmarked because it takes part in nothing, which the recogniser should not learn to forget.
    Title-case noise (headline words, a capitalised word after a colon or a bullet) stays taught
    as nothing."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None or "\n" in before.text or before.text in LINE_MARKS:
        return False
    for token in span:
        if token.tag_ == "POS" or token.tag_ in FINITE_VERB_TAGS or token.is_punct:
            return False
        if not (token.is_title or token.is_upper or token.lower_ in CONNECTIVES):
            return False
    return span[0].lower_ != "the"


def _tokens(span: Span) -> range:
    return range(span.start, span.end)


def paragraphs(reference: Doc) -> Iterator[Doc]:
    """The reference cut at line breaks: shorter examples, more updates per epoch."""
    start = 0
    for token in reference:
        last = token.i == len(reference) - 1
        if (token.is_space and "\n" in token.text) or last:
            piece = reference[start : token.i + 1]
            if any(not t.is_space for t in piece):
                yield piece.as_doc()
            start = token.i + 1


def train_recogniser(
    base: Language,
    references: Iterable[Doc],
    settings: RecogniserSettings,
    seed: int,
    progress: Callable[[str], None] = lambda _: None,
) -> Any:
    """Fine-tune BASE's NER on the reference documents; return the trained component."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, registry

    fix_random_seed(seed)
    shuffle = random.Random(seed)
    ner = base.get_pipe(NER)
    for label in settings.labels:
        ner.add_label(label)  # type: ignore[attr-defined]
    examples: list[Example] = [
        Example(base.make_doc(piece.text), piece) for doc in references for piece in paragraphs(doc)
    ]
    resolved = registry.resolve(
        {"batcher": settings.config["batcher"], "optimizer": settings.config["optimizer"]}
    )
    optimizer = base.resume_training(sgd=resolved["optimizer"])
    others = [name for name in base.pipe_names if name != NER]
    for epoch in range(settings.epochs):
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in resolved["batcher"](examples):
            base.update(batch, sgd=optimizer, drop=settings.dropout, losses=losses, exclude=others)
        progress(f"recogniser epoch {epoch + 1}/{settings.epochs}: loss {losses.get(NER, 0):.1f}")
    return ner


def save_recogniser(ner: Any, directory: Path) -> None:
    """Write the trained component: its weights, labels and transition moves (the strings it
    needs are in the moves; the base pipeline's vocabulary is not copied)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    ner.to_disk(directory, exclude=["vocab"])


def install_recogniser(nlp: Language, directory: Path) -> None:
    """Replace NLP's NER, its last component, with the trained one saved in DIRECTORY."""
    from kg.errors import ModelError

    if nlp.pipe_names[-1:] != [NER]:
        raise ModelError(f"the base pipeline must end with its NER; it has {nlp.pipe_names}")
    config = {k: v for k, v in nlp.config["components"][NER].items() if k != "factory"}
    nlp.remove_pipe(NER)
    trained: Any = nlp.add_pipe("ner", name=NER, config=config)
    trained.from_disk(directory, exclude=["vocab"])

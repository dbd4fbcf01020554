"""Runs the pipeline over Documents and yields one ArticleGraph per document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.mentions import find_mentions
from kg.model import ArticleGraph, Document
from kg.relations import find_claims
from kg.resolve import resolve_article

if TYPE_CHECKING:
    from spacy.language import Language


def extract_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 16, workers: int = 1
) -> Iterator[ArticleGraph]:
    """Parse each document once (in WORKERS processes) and yield its entities and relationships."""
    pairs = ((document.text, document) for document in documents)
    parsed = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers)
    for doc, document in parsed:
        mentions = find_mentions(doc)
        yield resolve_article(document, mentions, find_claims(doc, mentions))


def to_gold_format(graph: ArticleGraph) -> dict[str, Any]:
    """The article's extraction in the gold annotation format of ONTOLOGY.md."""
    names = {entity.id: entity.name for entity in graph.entities}
    entities = []
    for entity in graph.entities:
        record: dict[str, Any] = {
            "name": entity.name,
            "type": entity.label,
            "mentions": list(graph.mentions.get(entity.id, ())),
        }
        if entity.wikidata:
            record["wikidata"] = entity.wikidata
        entities.append(record)
    relations = [
        {
            "subject": names[r.subject],
            "type": r.type,
            "object": names[r.object],
            "evidence": r.evidence,
            "confidence": r.confidence,
            "method": r.method,
            "modality": r.modality,
            **dict(r.properties),
        }
        for r in graph.relations
    ]
    return {"id": graph.document.id, "entities": entities, "relations": relations}

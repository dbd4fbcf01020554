"""Runs the pipeline over Documents and yields one ArticleGraph per document."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from kg.extraction.component import extraction_of
from kg.model import ArticleGraph, Document
from kg.resolve import resolve_article

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from spacy.language import Language


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 16, workers: int = 1
) -> Iterator[ArticleGraph]:
    """Parse each document once and yield its entities and relationships, in input order.

    With WORKERS > 1, forked processes each parse and extract whole chunks of documents and
    send back only the small ArticleGraphs; at most a few chunks per worker are in flight, so
    neither the corpus nor the results pile up in memory.
    """
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _extract_in_pool(nlp, documents, batch_size, workers)
        return
    yield from _extract(nlp, documents, batch_size)


def _extract(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[ArticleGraph]:
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        mentions, claims = extraction_of(doc)
        yield resolve_article(document, mentions, claims)


# The pipeline of the forked workers: inherited from the parent, never pickled.
_worker_nlp: Language | None = None
IN_FLIGHT_PER_WORKER = 3


def _extract_chunk(chunk: list[Document]) -> list[ArticleGraph]:
    assert _worker_nlp is not None
    return list(_extract(_worker_nlp, chunk, len(chunk)))


def _extract_in_pool(
    nlp: Language, documents: Iterable[Document], batch_size: int, workers: int
) -> Iterator[ArticleGraph]:
    global _worker_nlp
    _worker_nlp = nlp
    pending: deque[AsyncResult[list[ArticleGraph]]] = deque()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for chunk in _chunks(documents, batch_size):
            pending.append(pool.apply_async(_extract_chunk, (chunk,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


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

"""Runs the pipeline over Documents and yields one ArticleGraph per document."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from kg.batches import batches
from kg.errors import LoadError
from kg.extraction.component import FACTORY, extraction_of
from kg.extraction.pipeline import FINGERPRINT_KEY
from kg.extraction.resolve import resolve_article
from kg.model import ArticleGraph, Document

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from spacy.language import Language
    from spacy.tokens import Doc


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
        yield from _extract_in_pool(nlp, documents, min(batch_size, POOL_CHUNK), workers)
        return
    yield from _extract(nlp, documents, batch_size)


def _extract(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[ArticleGraph]:
    """Runs of ordinary documents go through nlp.pipe; a document longer than the pipeline
    takes at once is parsed in pieces and extracted whole."""
    for long, run in groupby(documents, key=lambda d: len(d.text) > _piece_limit(nlp)):
        if long:
            for document in run:
                mentions, claims = extraction_of(_parse_in_pieces(nlp, document.text))
                yield resolve_article(document, mentions, claims)
            continue
        pairs = ((document.text, document) for document in run)
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            mentions, claims = extraction_of(doc)
            yield resolve_article(document, mentions, claims)


class LocalExtraction:
    """Extraction in this process (and WORKERS forked ones) with the pipeline NLP: what `kg
    ingest` and `kg extract` use unless given a Dask cluster (kg.jobs.distributed.DaskExtraction,
    the same interface)."""

    bulk_load = False  # batches go in by the store's ordinary write path

    def __init__(self, nlp: Language, workers: int = 1) -> None:
        self.nlp = nlp
        self.workers = workers
        # a pipeline not built by kg.extraction.pipeline has none: its articles are never skipped
        self.fingerprint = str(getattr(nlp, "meta", {}).get(FINGERPRINT_KEY, ""))

    def graphs(self, documents: Iterable[Document]) -> Iterator[ArticleGraph | LoadError]:
        """Each document's ArticleGraph, in input order."""
        return extract_documents(self.nlp, documents, workers=self.workers)


# Characters of a piece of a long document: well under spaCy's limit (nlp.max_length, 1,000,000
# by default), where the parser's memory stays small.
PIECE_CHARS = 100_000


def _piece_limit(nlp: Language) -> int:
    return min(PIECE_CHARS, nlp.max_length)


def pieces(text: str, limit: int) -> list[str]:
    """TEXT cut into consecutive pieces of at most LIMIT characters that join back to it: at
    paragraph breaks where possible, else after a line, a sentence or a space."""
    found = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = (window.rfind(mark) + len(mark) for mark in ("\n\n", "\n", ". ", " "))
        cut = next((end for end in ends if end > limit // 4), limit)
        end = start + cut
        found.append(text[start:end])
        start = end
    found.append(text[start:])
    return found


def _parse_in_pieces(nlp: Language, text: str) -> Doc:
    """One Doc of the whole TEXT, parsed piece by piece, then through the relation stage."""
    from spacy.tokens import Doc

    parsed = list(nlp.pipe(pieces(text, _piece_limit(nlp)), disable=[FACTORY], batch_size=1))
    doc = Doc.from_docs(parsed, ensure_whitespace=False)
    if FACTORY in nlp.pipe_names:
        doc = nlp.get_pipe(FACTORY)(doc)
    return doc


# The pipeline of the forked workers: inherited from the parent, never pickled.
_worker_nlp: Language | None = None
# Documents per task of a worker: small, so that at the end no worker waits long for another's
# last task (nlp.pipe over 4 documents at a time parses as fast as over 16 here).
POOL_CHUNK = 4
IN_FLIGHT_PER_WORKER = 12
# glibc's mallopt parameters, and what a worker sets them to: allocations below this many bytes
# come from the heap, and free memory at its top up to this much is kept.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
KEPT_ALLOCATION = 256 * 1024 * 1024
KEPT_FREE = 1024 * 1024 * 1024


def _extract_chunk(chunk: list[Document]) -> list[ArticleGraph]:
    assert _worker_nlp is not None
    return list(_extract(_worker_nlp, chunk, len(chunk)))


def keep_freed_memory() -> None:
    """In a worker: glibc keeps the memory it frees instead of handing it back to the system.
    The network layers allocate and free large arrays for every batch; in a forked worker with
    glibc's defaults each came back as fresh pages to fault in again (400 real articles, two
    workers: 958k page faults and 2.8 s of system time, 391k and 1.4 s with these settings).
    Setting one threshold alone turns off glibc's adaptive thresholds and faults more."""
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return  # not glibc: its own allocator
    libc.mallopt(M_MMAP_THRESHOLD, KEPT_ALLOCATION)
    libc.mallopt(M_TRIM_THRESHOLD, KEPT_FREE)


def _extract_in_pool(
    nlp: Language, documents: Iterable[Document], batch_size: int, workers: int
) -> Iterator[ArticleGraph]:
    global _worker_nlp
    _worker_nlp = nlp
    pending: deque[AsyncResult[list[ArticleGraph]]] = deque()
    # the objects the workers inherit stay out of the collector, whose visits would copy
    # every page that holds one into each worker
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(
            workers, initializer=keep_freed_memory
        ) as pool:
            for chunk in batches(documents, batch_size):
                pending.append(pool.apply_async(_extract_chunk, (chunk,)))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
    finally:
        gc.unfreeze()


# A document id used as it is for its output file: letters, digits, '.', '_' and '-', not
# starting with a dot (no '..', no hidden file, no separator, no absolute path).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")


def output_name(document_id: str) -> str:
    """The file name (without '.json') for a document's output: its id when that is a plain
    name, else a slug of it with a short hash of the whole id, so that the name stays inside
    the output folder and two ids never share it."""
    if _PLAIN_NAME.fullmatch(document_id):
        return document_id
    slug = re.sub(r"[^A-Za-z0-9]+", "-", document_id).strip("-")[:60] or "document"
    digest = hashlib.sha1(document_id.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


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

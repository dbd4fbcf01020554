"""Loads sources, extracts each article and writes whole articles to a store in batches."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, cast

from kg_loaders import documents_only

from kg.batches import batches
from kg.errors import DiskFullError, LoadError, StoreError, StoreLockedError
from kg.extraction.extract import LocalExtraction
from kg.model import ArticleGraph, Document
from kg.store.base import GraphStore
from kg.store.reader import stored_documents

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.jobs.distributed import DaskExtraction
    from kg.resolution.across import KnownActors

# Articles per write: each write pays a fixed cost (one statement per relationship table and
# ranking board) whatever its size, so larger batches write faster: 400 real articles took 3.6 s
# in batches of 128, 1.5 s in one (bench/ingest.py: 2 workers / 1 from 1.41 to 1.55 on real
# text; synthetic 1.76 to 1.88, peak RSS ratio 1.33 to 1.29).
BATCH_ARTICLES = 512
BULK_ARTICLES = 1024  # a COPY's fixed cost is worth paying for this many
# Sources read ahead of extraction: once the last has been read, an idle writer writes what is
# ready, so that what is left to write after the last article is parsed is about this many
# articles and those in flight, not a whole batch (400 real articles, one worker: the write at
# the end took about 2.5 s).
READ_AHEAD = 64


@dataclass
class IngestReport:
    """What an ingest did: articles written, failures, and what was extracted."""

    articles: int = 0
    unchanged: int = 0  # articles skipped: the store holds them from the same text and extractor
    failures: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    resolved: dict[str, str] = field(default_factory=dict)  # new entity id -> known actor id


def digest(document: Document, fingerprint: str) -> str:
    """What an article's stored version was made from: its text and metadata, and the
    extractor (FINGERPRINT). An article whose digest the store holds is skipped."""
    parts = [
        fingerprint,
        document.text,
        document.url,
        document.title,
        document.source,
        document.published,
    ]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def stored_digests(store: GraphStore) -> dict[str, str]:
    """The digest of every stored article that has one."""
    return {d.id: d.digest for page in stored_documents(store, 5000) for d in page if d.digest}


class _Watched:
    """The items of an iterable, read AHEAD items ahead, noting when the last has been read:
    then at most AHEAD items and those already handed out are left to extract."""

    def __init__(self, items: Iterable[Document | LoadError], ahead: int) -> None:
        self.items = items
        self.ahead = ahead
        self.exhausted = False

    def __iter__(self) -> Iterator[Document | LoadError]:
        items = iter(self.items)
        waiting = deque(islice(items, self.ahead))
        for item in items:
            waiting.append(item)
            yield waiting.popleft()
        self.exhausted = True
        yield from waiting


def ingest(
    items: Iterable[Document | LoadError],
    store: GraphStore,
    nlp: Language | None,
    *,
    batch_size: int = BATCH_ARTICLES,
    workers: int = 1,
    on_error: Callable[[str], None] = lambda message: None,
    on_article: Callable[[ArticleGraph], None] = lambda graph: None,
    on_extracted: Callable[[ArticleGraph], None] = lambda graph: None,
    on_unchanged: Callable[[Document], None] = lambda document: None,
    actors: KnownActors | None = None,
    resolve: bool = True,
    extraction: LocalExtraction | DaskExtraction | None = None,
) -> IngestReport:
    """Extract every document and write it; a failing batch is rolled back and reported.

    Parsing may run in WORKERS processes; one thread of this process is the single writer. It
    writes a batch of BATCH_SIZE articles while the next one is parsed (the store works outside
    Python's lock), so writing costs little beside parsing; once every source has been read,
    an idle writer takes what is ready, so that little is left to write after the last article
    is parsed. The report and the callbacks stay in this thread, in input order. An article
    stored from the same text by the same extractor is skipped (counted as unchanged); one
    whose text or extraction changed replaces its stored version.
    Each article's entities are resolved onto the actors known (ACTORS; by default the
    gazetteer, the store's entities and its judgements) before it is written, unless not
    RESOLVE. ON_EXTRACTED hears of each article as it is extracted, ON_ARTICLE once it is
    written (a batch later).

    EXTRACTION, when given, extracts instead of NLP and WORKERS: a Dask cluster's
    (kg.jobs.distributed), whose batches go in by the store's bulk path where it has one (COPY for
    new rows, MERGE for keys it holds).
    """
    from kg.jobs.judging import known_actors

    report = IngestReport()
    if resolve and actors is None:
        actors = known_actors(store)

    def failed(error: LoadError) -> None:
        report.failures.append(str(error))
        on_error(str(error))

    def settle(writing: Future[BatchOutcome]) -> None:
        outcome = writing.result()
        for message in outcome.failures:
            report.failures.append(message)
            on_error(message)
        for graph in outcome.written:
            report.articles += 1
            report.entities.update(e.label for e in graph.entities)
            report.relations.update(r.type for r in graph.relations)
            on_article(graph)

    if extraction is None:
        extraction = LocalExtraction(cast("Language", nlp), workers)
    fingerprint = extraction.fingerprint
    known = stored_digests(store) if fingerprint else {}

    def changed(documents: Iterator[Document]) -> Iterator[Document]:
        if not fingerprint:
            yield from documents
            return
        for document in documents:
            stamped = replace(document, digest=digest(document, fingerprint))
            if known.get(document.id) == stamped.digest:
                report.unchanged += 1
                on_unchanged(document)
                continue
            yield stamped

    def extracted(graphs: Iterator[ArticleGraph]) -> Iterator[ArticleGraph]:
        for graph in graphs:
            on_extracted(graph)
            yield graph

    sources = _Watched(items, READ_AHEAD)
    graphs = extracted(
        documents_only(extraction.graphs(changed(documents_only(sources, failed))), failed)
    )
    write = write_batch
    if extraction.bulk_load and hasattr(store, "bulk_write"):
        write, batch_size = bulk_write_batch, max(batch_size, BULK_ARTICLES)
    # The writer thread starts at the first submit, after the first batch has been read: with
    # several workers, their processes are forked before this process has a second thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer") as writer:
        writing: Future[BatchOutcome] | None = None
        flushed = False

        def flush() -> bool:
            # once, when the articles read ahead and in flight are all that is left to parse
            nonlocal flushed
            if flushed or not sources.exhausted or not (writing is None or writing.done()):
                return False
            flushed = True
            return True

        for batch in batches(graphs, batch_size, flush):
            if actors is not None:
                batch = [actors.resolve(graph) for graph in batch]
            if writing is not None:
                settle(writing)
            writing = writer.submit(write, store, batch)
        if writing is not None:
            settle(writing)
    if actors is not None:
        report.resolved = {new: known for new, (known, _) in actors.decisions.items()}
    return report


@dataclass
class BatchOutcome:
    """The articles of a batch that were written, and why the others were not."""

    written: list[ArticleGraph]
    failures: list[str] = field(default_factory=list)


def write_batch(store: GraphStore, batch: list[ArticleGraph]) -> BatchOutcome:
    """Write BATCH in one transaction; if the store refuses it, its articles one by one, so
    that one bad article costs only itself. A locked store or a full disk stops the ingest."""
    try:
        store.write(batch)
    except (StoreLockedError, DiskFullError):
        raise
    except StoreError:
        outcome = BatchOutcome([])
        for graph in batch:
            try:
                store.write([graph])
            except (StoreLockedError, DiskFullError):
                raise
            except StoreError as exc:
                outcome.failures.append(f"{graph.document.id}: not written ({exc})")
            else:
                outcome.written.append(graph)
        return outcome
    return BatchOutcome(batch)


def bulk_write_batch(store: GraphStore, batch: list[ArticleGraph]) -> BatchOutcome:
    """Write BATCH by the store's bulk path, in one transaction. A failed COPY leaves the
    connection unfit for more writes, so it stops the ingest rather than retrying article by
    article; the batch's rows are all new or merged, never duplicated (kg/store/bulk.py)."""
    store.bulk_write(batch)  # type: ignore[attr-defined]
    return BatchOutcome(batch)

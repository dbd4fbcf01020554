"""Loads sources, extracts each article and writes whole articles to a store in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from kg.errors import DiskFullError, LoadError, StoreError, StoreLockedError
from kg.extract import extract_documents
from kg.model import ArticleGraph, Document
from kg.store.base import GraphStore
from loaders import documents_only

if TYPE_CHECKING:
    from spacy.language import Language

BATCH_ARTICLES = 128


@dataclass
class IngestReport:
    """What an ingest did: articles written, failures, and what was extracted."""

    articles: int = 0
    failures: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)


def _batches(graphs: Iterator[ArticleGraph], size: int) -> Iterator[list[ArticleGraph]]:
    while batch := list(islice(graphs, size)):
        yield batch


def ingest(
    items: Iterable[Document | LoadError],
    store: GraphStore,
    nlp: Language,
    *,
    batch_size: int = BATCH_ARTICLES,
    workers: int = 1,
    on_error: Callable[[str], None] = lambda message: None,
    on_article: Callable[[ArticleGraph], None] = lambda graph: None,
) -> IngestReport:
    """Extract every document and write it; a failing batch is rolled back and reported.

    Parsing may run in WORKERS processes; one thread of this process is the single writer. It
    writes a batch while the next one is parsed (the store works outside Python's lock), so
    writing costs little beside parsing; the report and the callbacks stay in this thread, in
    input order.
    """
    report = IngestReport()

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

    graphs = extract_documents(nlp, documents_only(items, failed), workers=workers)
    # The writer thread starts at the first submit, after the first batch has been read: with
    # several workers, their processes are forked before this process has a second thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer") as writer:
        writing: Future[BatchOutcome] | None = None
        for batch in _batches(graphs, batch_size):
            if writing is not None:
                settle(writing)
            writing = writer.submit(write_batch, store, batch)
        if writing is not None:
            settle(writing)
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

"""Loads sources, extracts each article and writes whole articles to a store in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from kg.errors import LoadError, StoreError, StoreLockedError
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

    Parsing may run in WORKERS processes; this process is the single writer.
    """
    report = IngestReport()

    def failed(error: LoadError) -> None:
        report.failures.append(str(error))
        on_error(str(error))

    def written(graphs: list[ArticleGraph]) -> None:
        for graph in graphs:
            report.articles += 1
            report.entities.update(e.label for e in graph.entities)
            report.relations.update(r.type for r in graph.relations)
            on_article(graph)

    graphs = extract_documents(nlp, documents_only(items, failed), workers=workers)
    for batch in _batches(graphs, batch_size):
        try:
            store.write(batch)
        except StoreLockedError:
            raise
        except StoreError:
            # the batch was rolled back: write its articles one by one, so one bad article
            # costs only itself
            for graph in batch:
                try:
                    store.write([graph])
                except StoreLockedError:
                    raise
                except StoreError as exc:
                    message = f"{graph.document.id}: not written ({exc})"
                    report.failures.append(message)
                    on_error(message)
                else:
                    written([graph])
            continue
        written(batch)
    return report

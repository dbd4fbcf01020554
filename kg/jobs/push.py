"""Copies the embedded graph to another store, whole articles per transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.store.base import GraphStore
from kg.store.reader import stored_article_ids, stored_articles


@dataclass(frozen=True)
class PushReport:
    """How many articles were sent, how many the target already had, and how many
    judgements it gained."""

    sent: int
    already_there: int
    judgements: int = 0


def push(
    source: GraphStore,
    target: GraphStore,
    *,
    batch_size: int = 200,
    again: bool = False,
    on_batch: Callable[[int], None] = lambda sent: None,
) -> PushReport:
    """Send SOURCE's articles to TARGET in batches; each batch is one transaction, so an
    interrupted push resumes by skipping the articles the target already holds (unless
    AGAIN). Writes are MERGEs on the same keys, so sending twice changes nothing. Then the
    judgements TARGET lacks are added and applied there."""
    from kg.jobs.judging import export_rows, import_rows

    present = frozenset() if again else frozenset(stored_article_ids(target))
    sent = 0
    for graphs in stored_articles(source, batch_size, skip=present):
        target.write(graphs)
        sent += len(graphs)
        on_batch(sent)
    added, _ = import_rows(target, export_rows(source), "judgements")
    return PushReport(sent=sent, already_there=len(present), judgements=added)

"""Writes at scale: the time to write a batch of new articles into a 10k- and a 1M-relationship
graph through the incremental path `kg ingest` uses (MERGE, counts, rankings, entity index).

Each graph is copied first, so the kept graphs stay as built. Articles come from the synthetic
graph's writer (no spaCy: this measures the store alone), with ids the graphs do not have.

    python bench/writes.py [--small 10000] [--large 1000000] [--keep DIR]
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from synth_graph import GraphWriter, built, size_arguments

from kg.jobs.ingest import BATCH_ARTICLES
from kg.model import ArticleGraph
from kg.store.ladybug_store import LadybugStore

FIRST_NEW = 10_000_000  # article numbers from here on are in no synthetic graph
BATCHES = 8


def new_article(writer: GraphWriter, number: int) -> ArticleGraph:
    """The writer's article NUMBER under an id no built graph has."""
    graph = writer.article(number)
    article_id = f"new-article-{number}"
    return replace(
        graph,
        document=replace(graph.document, id=article_id),
        relations=tuple(replace(r, article_id=article_id) for r in graph.relations),
    )


def batch_seconds(directory: Path, relations: int) -> tuple[list[float], float]:
    """Seconds per batch of BATCH_ARTICLES new articles written into a copy of DIRECTORY, and
    the seconds closing the store took (its last checkpoint)."""
    with tempfile.TemporaryDirectory(prefix="kg-writes-") as scratch:
        copy = Path(scratch) / "graph"
        shutil.copytree(directory, copy)
        writer = GraphWriter(relations)
        times = []
        store = LadybugStore(copy)
        for index in range(BATCHES):
            start = FIRST_NEW + index * BATCH_ARTICLES
            graphs = [new_article(writer, start + i) for i in range(BATCH_ARTICLES)]
            started = time.perf_counter()
            store.write(graphs)
            times.append(time.perf_counter() - started)
        started = time.perf_counter()
        store.close()
        return times, time.perf_counter() - started


def main() -> None:
    args = size_arguments(__doc__.splitlines()[0])
    per_batch = {}
    for size in (args.small, args.large):
        times, closing = batch_seconds(built(args.root, size), size)
        per_batch[size] = (sum(times) + closing) / BATCHES
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"{size:>9,} relationships: {BATCH_ARTICLES} articles per batch, s: {shown}; "
              f"close {closing:.2f}; {per_batch[size]:.2f} per batch in all")  # fmt: skip
    ratio = per_batch[args.large] / per_batch[args.small]
    print(
        f"seconds per batch {per_batch[args.small]:.2f} -> {per_batch[args.large]:.2f} "
        f"({ratio:.2f}x, {args.large:,} vs {args.small:,} relationships)"
    )


if __name__ == "__main__":
    main()

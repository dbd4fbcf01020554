"""Synthetic graphs with the real schema, for the query and export benchmarks.

RELATIONS extracted relationships over RELATIONS / 10 entities and RELATIONS / 10 articles
(about ten relationships and a dozen mentions per article), every edge within its type's domain
and range. Entities are drawn with a skew, so some are hubs and most are rare, and the entity
at a given rank has about the same degree at every size: queries anchored on it should cost
the same in a small graph and a large one.

    python bench/synth_graph.py --relations 1000000 --db /tmp/kg-1m
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kg.model import ArticleGraph, Document, Entity, Relation
from kg.ontology import ontology
from kg.store.ladybug_store import LadybugStore

LABEL_SHARES = {"Regulator": 0.03, "Company": 0.4, "Person": 0.22, "Product": 0.2,
                "Policy": 0.12, "Media": 0.03}  # fmt: skip
RELATIONS_PER_ARTICLE = 10
ENTITIES_PER_RELATION = 0.1
SKEW = 3  # entity rank = count * random() ** SKEW


def entity(label: str, rank: int) -> Entity:
    """The synthetic entity of LABEL at RANK (0 is the most connected)."""
    slug = f"{label.lower()}-{rank}"
    return Entity(slug, f"{label} {rank}", label, (f"{label[:3].upper()}{rank}",))


class GraphWriter:
    """Draws articles of typed relationships between skewed entities, reproducibly."""

    def __init__(self, relations: int, seed: int = 7) -> None:
        self.random = random.Random(seed)
        total = max(int(relations * ENTITIES_PER_RELATION), 100)
        self.counts = {label: max(int(total * share), 5) for label, share in LABEL_SHARES.items()}
        self.types = [t for t in ontology().relations.values()]
        self.articles = relations // RELATIONS_PER_ARTICLE

    def _pick(self, labels: tuple[str, ...]) -> Entity:
        label = self.random.choice([label for label in labels if label in self.counts])
        return entity(label, int(self.counts[label] * self.random.random() ** SKEW))

    def article(self, index: int) -> ArticleGraph:
        """Article INDEX: RELATIONS_PER_ARTICLE relationships and the entities they join."""
        year = 2015 + index % 11
        date = f"{year}-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
        document = Document(
            id=f"article-{index}", text="", url=f"https://news.example.org/{index}",
            title=f"Synthetic article {index}", source="Synthetic Daily", published=date,
        )  # fmt: skip
        entities: dict[str, Entity] = {}
        relations: dict[tuple[str, str, str], Relation] = {}
        for _ in range(RELATIONS_PER_ARTICLE):
            rel_type = self.random.choice(self.types)
            subject, obj = self._pick(rel_type.domain), self._pick(rel_type.range)
            if subject.id == obj.id:
                continue
            entities[subject.id], entities[obj.id] = subject, obj
            relations[(subject.id, rel_type.name, obj.id)] = Relation(
                subject.id, rel_type.name, obj.id, document.id,
                evidence=f"{subject.name} {rel_type.name.lower()} {obj.name}.", date=date,
                confidence=0.9, method="synthetic",
                properties=(("amount", 1.0e9),) if rel_type.name == "FINED" else (),
            )  # fmt: skip
        mentions = {e.id: (e.name,) for e in entities.values()}
        return ArticleGraph(document, tuple(entities.values()), mentions, tuple(relations.values()))

    def graphs(self) -> Iterator[ArticleGraph]:
        """Every article of the graph, in order."""
        return (self.article(index) for index in range(self.articles))


def load(directory: Path, relations: int, seed: int = 7) -> float:
    """Build the synthetic graph of RELATIONS relationships in a fresh store at DIRECTORY with
    the store's bulk path; returns the seconds it took."""
    started = time.perf_counter()
    with LadybugStore(directory) as store:
        store.bulk_write(GraphWriter(relations, seed).graphs())
    return time.perf_counter() - started


def built(root: Path, relations: int) -> Path:
    """ROOT/graph-RELATIONS, built first if missing, in its own process (a child's peak RSS
    counts what its parent held when forked, so builders stay out of measured processes)."""
    directory = root / f"graph-{relations}"
    if not directory.exists():
        command = [sys.executable, __file__, "--relations", str(relations), "--db", str(directory)]
        subprocess.run(command, check=True)
    return directory


def size_arguments(description: str) -> argparse.Namespace:
    """--small / --large graph sizes and --keep DIR (default: a new temporary folder), as
    .root."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) the graphs here.")
    args = parser.parse_args()
    args.root = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    seconds = load(args.db, args.relations, args.seed)
    print(f"{args.relations} relationships -> {args.db} in {seconds:.1f} s")


if __name__ == "__main__":
    main()

"""The embedded store's bulk path (COPY FROM) gives the graph the MERGE path gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_documents
from kg.queries import run_named
from kg.resources import SAMPLES_DIR
from kg.store.ladybug_store import LadybugStore
from loaders import documents_only, load_sources


@pytest.fixture(scope="module")
def sample_graphs(nlp) -> list:
    documents = documents_only(load_sources([str(SAMPLES_DIR)]), lambda error: None)
    return list(extract_documents(nlp, documents))


def summary(store: LadybugStore) -> dict[tuple[str, str], int]:
    return {(r["kind"], r["type"]): r["count"] for r in run_named(store, "graph_summary", {})}


def indexed(store: LadybugStore) -> list[str]:
    """The entity index's ids, checked to list every entity once."""
    ids = [r["id"] for r in run_named(store, "entity_index", {"offset": 0, "limit": 100_000})]
    entities = sum(
        n for (kind, t), n in summary(store).items() if kind == "node" and t != "Article"
    )
    assert len(ids) == len(set(ids)) == entities
    return sorted(ids)


def answers(store: LadybugStore) -> dict[str, list]:
    return {
        "entity_index": indexed(store),
        "who_regulates": run_named(store, "who_regulates", {"name": "ant group"}),
        "entity_profile": run_named(store, "entity_profile", {"name": "SAMR"}),
        "people_at": run_named(store, "people_at", {"name": "Alibaba"}),
        "most_active_regulators": run_named(store, "most_active_regulators", {"limit": 20}),
        "most_targeted_companies": run_named(store, "most_targeted_companies", {"limit": 20}),
        "ranked_targets": run_named(
            store,
            "ranked_targets",
            {
                "types": ["SUMMONED", "FINED", "ORDERED", "INVESTIGATES", "SUSPENDED", "REGULATES"],
                "limit": 20,
            },
        ),
    }


def test_bulk_load_equals_incremental_writes_and_is_idempotent(tmp_path: Path, sample_graphs):
    with LadybugStore(tmp_path / "merged") as merged:
        for graph in sample_graphs:
            merged.write([graph])
        expected, expected_answers = summary(merged), answers(merged)
    with LadybugStore(tmp_path / "bulk") as bulk:
        assert bulk.bulk_write(iter(sample_graphs), chunk_size=3) == len(sample_graphs)
        assert summary(bulk) == expected
        assert answers(bulk) == expected_answers
        assert bulk.bulk_write(sample_graphs) == 0  # every article is stored: merged, not copied
        assert summary(bulk) == expected


def test_bulk_load_after_incremental_writes_merges_shared_entities(tmp_path: Path, sample_graphs):
    first, rest = sample_graphs[:3], sample_graphs[3:]
    with LadybugStore(tmp_path / "all") as reference:
        reference.write(sample_graphs)
        expected = summary(reference)
    with LadybugStore(tmp_path / "mixed") as store:
        store.write(first)
        assert store.bulk_write(rest) == len(rest)
        assert summary(store) == expected
        assert indexed(store)
        profile = run_named(store, "entity_profile", {"name": "Alibaba Group"})
        assert len(profile) == 1 and profile[0]["articles"] >= 3

"""The embedded store's bulk path (COPY FROM) gives the graph the MERGE path gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from kg_loaders import documents_only, load_sources

from kg.extraction.extract import extract_documents
from kg.model import ArticleGraph, Document, Entity, Relation
from kg.queries.library import run_named
from kg.resources import SAMPLES_DIR
from kg.store.ladybug_store import LadybugStore


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


def _article(article: str, entities: list[Entity], relations: list[tuple[str, str, str]]):
    """A hand-made article graph: each entity mentioned by its aliases, each relationship
    stated in an invented sentence."""
    return ArticleGraph(
        Document(article, f"Text of {article}.", published="2024-05-01"),
        tuple(entities),
        {e.id: e.aliases for e in entities},
        tuple(
            Relation(
                s, t, o, article, f"{s} {t.lower()} {o} ({article}).", "2024-05-01", 0.8, "test"
            )  # fmt: skip
            for s, t, o in relations
        ),
    )


def test_bulk_load_adds_names_to_stored_entities_and_replaces_known_articles(tmp_path: Path):
    """A batch that gives a stored entity a new name (a new lookup node), brings entities
    nobody wrote before and rewrites an article the store holds: the MERGE path's graph. With a
    MERGE ahead of a COPY into the same table, LadybugDB 0.22 lost the new name here, and on the
    corpora failed the COPY ('Primary-key index contains an invalid local node offset')."""
    regulator = Entity("market-watchdog", "Market Watchdog", "Regulator", ("Market Watchdog",))
    firm = Entity("lantern-pay", "Lantern Pay", "Company", ("Lantern Pay",))
    first = [_article("a1", [regulator, firm], [("market-watchdog", "FINED", "lantern-pay")])]
    renamed = Entity("market-watchdog", "Market Watchdog", "Regulator", ("the Watchdog",))
    newcomer = Entity("harbor-cloud", "Harbor Cloud", "Company", ("Harbor Cloud",))
    outlet = Entity("quill-daily", "Quill Daily", "Media", ("Quill Daily",))
    batch = [
        _article(
            "a2",
            [renamed, newcomer, outlet],
            [
                ("market-watchdog", "SUMMONED", "harbor-cloud"),
                ("quill-daily", "CRITICIZED", "harbor-cloud"),
            ],
        ),
        _article("a1", [regulator, newcomer], [("market-watchdog", "FINED", "harbor-cloud")]),
    ]
    with LadybugStore(tmp_path / "merged") as merged:
        merged.write(first)
        merged.write(batch)
        expected, expected_answers = summary(merged), answers(merged)
        expected_names = run_named(merged, "entity_profile", {"name": "the Watchdog"})
    with LadybugStore(tmp_path / "bulk") as store:
        store.write(first)
        assert store.bulk_write(batch) == 1  # a2 copied; a1 replaced by MERGE
        assert summary(store) == expected
        assert answers(store) == expected_answers
        assert run_named(store, "entity_profile", {"name": "the Watchdog"}) == expected_names
        assert [(r["name"], r["articles"]) for r in expected_names] == [("Market Watchdog", 2)]
        fined = store.run("MATCH (:Regulator)-[r:FINED]->(c:Company) RETURN c.id AS id")
        assert fined == [{"id": "harbor-cloud"}]  # a1's old fine of Lantern Pay is gone

"""The embedded store loaded with the bundled samples: facts, every named query, idempotence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from kg_loaders import load_sources

from kg.extraction.dates import parse_full_date
from kg.jobs.ingest import ingest
from kg.model import ArticleGraph, Document, Entity, Relation
from kg.outputs.mapview import MapRequest, by_pair, collect_edges
from kg.queries.library import find_query, library, run_named
from kg.resources import SAMPLES_DIR
from kg.store import open_store


def run(store, query_name: str, **params):
    return run_named(store, query_name, params)


def counts(store) -> dict[tuple[str, str], int]:
    return {(r["kind"], r["type"]): r["count"] for r in run(store, "graph_summary")}


def test_samr_fined_alibaba_with_amount_and_evidence(samples_store) -> None:
    rows = run(samples_store, "actions_against", name="Alibaba Group")
    fines = [r for r in rows if r["action"] == "FINED"]
    assert fines and fines[0]["actor"] == "State Administration for Market Regulation"
    assert fines[0]["amount"] == pytest.approx(18.228e9)
    assert "18.228 billion yuan" in fines[0]["evidence"]
    assert fines[0]["date"] == "2021-04-10"


def test_pboc_is_among_those_who_summoned_jack_ma(samples_store) -> None:
    rows = run(samples_store, "related_by_type", name="Jack Ma", type="SUMMONED")
    assert "People's Bank of China" in {r["subject"] for r in rows}


def test_ant_group_has_an_owner(samples_store) -> None:
    rows = run(samples_store, "owners_of", name="Ant")  # by alias
    assert "Alibaba Group" in {r["owner"] for r in rows}


def test_entities_carry_aliases_and_wikidata(samples_store) -> None:
    (profile,) = run(samples_store, "entity_profile", name="Alibaba")
    assert profile["type"] == "Company" and profile["wikidata"] == "Q1359568"
    assert "Alibaba" in profile["aliases"] and profile["articles"] >= 3


def test_every_relationship_has_provenance(samples_store) -> None:
    rows = samples_store.run(
        "MATCH (a)-[e]->(b) WHERE NOT label(e) IN ['MENTIONS', 'ID_OF', 'NAME_OF', 'LEADS', 'LISTS'] "
        "OPTIONAL MATCH (x:Article {id: e.article_id}) "
        "RETURN x.published AS published,  e.article_id AS article, e.evidence AS evidence, e.confidence AS confidence, "
        "e.method AS method, e.date AS date"
    )
    assert len(rows) > 20
    for row in rows:
        assert row["article"] and row["evidence"] and row["method"]
        assert 0 < row["confidence"] <= 1
        # the article's date, or one the sentence states: with its year, or relative to it
        if row["date"] != row["published"]:
            stated = parse_full_date(row["evidence"])
            assert (
                row["date"] == stated
                or row["date"][:4] in row["evidence"]
                or (row["published"] and row["date"] < row["published"])
            ), row


@pytest.mark.parametrize("name", sorted(library()))
def test_named_query_returns_rows_for_its_example(samples_store, name: str) -> None:
    query = find_query(name)
    assert query.description, f"{name} has no description"
    rows = samples_store.run(query.text(samples_store.dialect), query.example_params())
    assert rows, f"{name} returned nothing for {query.example_params()}"


def test_whole_graph_map_pairs_agree_with_the_map_around_each_entity(samples_store) -> None:
    def run_map(name, params):
        return run(samples_store, name, **params)

    filters = {"types": [], "since": "", "until": "", "min_confidence": 0.0}
    whole = collect_edges(run_map, MapRequest(centre=None))
    assert any(" " in str(e["evidence"][0]["source"]) for e in whole)  # titles, not ids
    around = {
        (e["subject_id"], e["relation"], e["object_id"]): e
        for subject in {pair["subject_id"] for pair in whole}
        for e in run(samples_store, "map_edges", id=subject, **filters)
    }
    assert len(whole) == len(around) > 20
    for pair in whole:
        expected = around[(pair["subject_id"], pair["relation"], pair["object_id"])]
        for key in ("articles", "first", "last", "confidence", "subject", "object_aliases"):
            assert pair[key] == expected[key], key
        assert sorted(map(str, pair["evidence"])) == sorted(map(str, expected["evidence"]))


def test_whole_graph_map_counts_an_article_once_per_pair() -> None:
    ends = {"subject_id": "samr", "relation": "FINED", "object_id": "alibaba-group"}
    reports = [
        {**ends, "article_id": "a1", "date": "2021-04-10", "confidence": 0.7, "sentence": "x"},
        {**ends, "article_id": "a1", "date": None, "confidence": 0.9, "sentence": "y"},
        {**ends, "article_id": "a2", "date": "2020-12-24", "confidence": 0.8, "sentence": "z"},
    ]
    (pair,) = by_pair(reports, {"a1": {"source": "Title one", "url": "https://example.org/1"}})
    assert (pair["articles"], pair["first"], pair["last"]) == (2, "2020-12-24", "2021-04-10")
    assert pair["confidence"] == 0.9
    assert [e["source"] for e in pair["evidence"]] == ["Title one", "Title one", "a2"]
    assert [e["url"] for e in pair["evidence"]] == ["https://example.org/1"] * 2 + [None]


def test_paths_between_connects_a_founder_and_a_regulator_without_articles(samples_store) -> None:
    rows = run(samples_store, "paths_between", a="Jack Ma", b="Shanghai Stock Exchange")
    assert rows and rows[0]["entities"] == ["Jack Ma", "Ant Group", "Shanghai Stock Exchange"]
    assert "MENTIONS" not in {r for row in rows for r in row["relations"]}


def test_ingesting_twice_changes_nothing(tmp_path: Path, nlp) -> None:
    db = tmp_path / "db"
    with open_store(db) as store:
        ingest(load_sources([str(SAMPLES_DIR)]), store, nlp)
        first = counts(store)
        aliases = run(store, "entity_profile", name="Ant Group")[0]["aliases"]
        ingest(load_sources([str(SAMPLES_DIR)]), store, nlp)
        assert counts(store) == first
        assert run(store, "entity_profile", name="Ant Group")[0]["aliases"] == aliases


def _article(article_id: str, relations: tuple[Relation, ...]) -> ArticleGraph:
    return ArticleGraph(
        document=Document(id=article_id, text="x", published="2021-01-01"),
        entities=(
            Entity("samr", "SAMR", "Regulator"),
            Entity("acme", "Acme", "Company"),
        ),
        mentions={"samr": ("SAMR",), "acme": ("Acme",)},
        relations=relations,
    )


def test_a_failing_batch_leaves_no_half_article(tmp_path: Path) -> None:
    good = Relation("samr", "FINED", "acme", "a1", "SAMR fined Acme.", "2021-01-01", 0.9, "test")
    bad = Relation("samr", "NOT_A_TYPE", "acme", "a1", "x", None, 0.9, "test")
    with open_store(tmp_path / "db") as store:
        with pytest.raises(KeyError):
            store.write([_article("a1", (good, bad))])
        left = "MATCH (n) WHERE label(n) <> 'Board' RETURN count(n) AS n"  # boards exist empty
        assert store.run(left)[0]["n"] == 0
        store.write([_article("a1", (good,))])
        assert store.run("MATCH ()-[e:FINED]->() RETURN count(e) AS n")[0]["n"] == 1


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with open_store(db):
        code = (
            "import sys; from kg.store import open_store; from kg.errors import StoreLockedError\n"
            f"try:\n    open_store(__import__('pathlib').Path({str(db)!r}))\n"
            "except StoreLockedError as e:\n    print(e); sys.exit(3)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 3, result.stderr
        assert "another kg process is writing" in result.stdout
        command = ["query", "--write", "--db", str(db), "--cypher", "RETURN 1"]
        cli = subprocess.run([sys.executable, "-c", "from kg.cli.main import main; main()", *command],
                             capture_output=True, text=True)  # fmt: skip
        assert cli.returncode != 0
        assert len(cli.stderr.splitlines()) == 1 and "another kg process" in cli.stderr


def test_entity_index_pages_through_every_entity_once(samples_store) -> None:
    pages, offset = [], 0
    while page := run(samples_store, "entity_index", offset=offset, limit=7):
        pages.append(page)
        offset += len(page)
    ids = [row["id"] for page in pages for row in page]
    tables = counts(samples_store)
    entities = sum(
        n for (kind, label), n in tables.items() if kind == "node" and label != "Article"
    )
    assert len(pages) > 3 and all(len(page) == 7 for page in pages[:-1])
    assert len(ids) == len(set(ids)) == entities


def test_the_shipped_library_is_read_once_per_process(samples_store, monkeypatch) -> None:
    from kg.queries import library as module

    run_named(samples_store, "graph_summary", {})  # read here if no test read it before
    read: list[object] = []
    monkeypatch.setattr(module, "parse_query_file", lambda path: read.append(path))
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: read.append(a) or "")
    for _ in range(3):
        run_named(samples_store, "graph_summary", {})
        assert library().keys() == module.library().keys()
    assert read == []

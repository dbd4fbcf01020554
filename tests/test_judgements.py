"""Judgements on a real LadybugDB store: merge moves everything and loses nothing, reject hides
a fact everywhere, undo puts things back, and every judgement survives later writes, new
articles, an export/import round trip and the CLI. Articles are written by hand (names
invented), so the graph is known exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import article

from kg.cli.main import main
from kg.jobs.judging import JudgementError, known_actors, merge, reject, split, undo
from kg.store import open_store
from kg.store.judgements import read_judgements

ONE = article(
    "n1",
    [
        ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
        ("quillfeather-ltd", "Quillfeather Ltd", "Company"),
        ("lanmo-pay", "Lanmo Pay", "Product"),
    ],
    [
        ("ministry-of-commerce", "FINED", "quillfeather-ltd"),
        ("quillfeather-ltd", "OPERATES", "lanmo-pay"),
    ],
)
TWO = article(
    "n2",
    [
        ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
        ("quill-feather-group", "Quill Feather Group", "Company"),
    ],
    [
        ("ministry-of-commerce", "SUMMONED", "quill-feather-group"),
        ("ministry-of-commerce", "FINED", "quill-feather-group"),
    ],
)
THREE = article(
    "n3",
    [
        ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
        ("quillfeather-ltd", "Quillfeather Ltd", "Company"),
    ],
    [("ministry-of-commerce", "SUMMONED", "quillfeather-ltd")],
)


def snapshot(store) -> dict[str, object]:
    """Everything a judgement may change: facts per article, mentions, entities, aliases,
    counts and the entity index."""
    facts = store.run(
        "MATCH (s)-[r]->(o) WHERE r.article_id IS NOT NULL "
        "RETURN s.id AS s, label(r) AS t, o.id AS o, r.article_id AS a, r.evidence AS e"
    )
    mentions = store.run(
        "MATCH (a:Article)-[m:MENTIONS]->(n) RETURN a.id AS a, n.id AS n, m.surfaces AS s"
    )
    entities = store.run("MATCH (n) WHERE n.name IS NOT NULL RETURN n.id AS id, n.aliases AS al")
    counts = store.run("MATCH (c:Count) WHERE c.count > 0 RETURN c.key AS k, c.count AS n")
    index = store.run("MATCH (i:IndexEntry)-[:LISTS]->(n) RETURN i.position AS p, n.id AS id")
    return {
        "facts": sorted((r["s"], r["t"], r["o"], r["a"], r["e"]) for r in facts),
        "mentions": sorted((r["a"], r["n"], tuple(r["s"])) for r in mentions),
        "entities": sorted((r["id"], tuple(sorted(r["al"] or ()))) for r in entities),
        "counts": sorted((r["k"], r["n"]) for r in counts),
        "index": sorted(r["p"] for r in index),
        "indexed": sorted(r["id"] for r in index),
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    with open_store(path) as store:
        store.write([ONE, TWO])
    return path


def test_merge_moves_every_edge_alias_and_mention_and_undo_puts_them_back(db: Path) -> None:
    with open_store(db) as store:
        before = snapshot(store)
        judgement = merge(store, "quillfeather-ltd", "quill-feather-group", "ana", "same firm")
        after = snapshot(store)
        assert [j.id for j in read_judgements(store)] == [judgement.id]
    moved = {f[:4] for f in after["facts"]}
    assert moved == {
        ("ministry-of-commerce", "FINED", "quillfeather-ltd", "n1"),
        ("quillfeather-ltd", "OPERATES", "lanmo-pay", "n1"),
        ("ministry-of-commerce", "SUMMONED", "quillfeather-ltd", "n2"),
        ("ministry-of-commerce", "FINED", "quillfeather-ltd", "n2"),
    }
    assert len(after["facts"]) == len(before["facts"])  # nothing lost
    assert ("n2", "quillfeather-ltd", ("Quill Feather Group",)) in after["mentions"]
    assert len(after["mentions"]) == len(before["mentions"])
    entities = dict(after["entities"])
    assert "quill-feather-group" not in entities
    assert "Quill Feather Group" in entities["quillfeather-ltd"]
    assert after["index"] == list(range(len(entities)))
    assert sorted(after["indexed"]) == sorted(entities)
    with open_store(db) as store:
        undone = undo(store, "ana")
        assert undone.id == judgement.id and undone.undone
        assert snapshot(store) == before


def test_reject_hides_a_fact_from_queries_counts_and_exports_until_undone(db: Path) -> None:
    from kg.queries.library import run_named

    fact = "ministry-of-commerce/FINED/quillfeather-ltd"
    with open_store(db) as store:
        before = snapshot(store)
        reject(store, fact, "ana", "a warning, not a fine")
        hidden = snapshot(store)
        fined = run_named(store, "ask_incoming", {"id": "quillfeather-ltd", "types": ["FINED"],
                                                  "labels": [], "since": "", "until": "",
                                                  "modalities": []})  # fmt: skip
    assert fined == []
    assert {f[:3] for f in hidden["facts"]} == {f[:3] for f in before["facts"]} - {
        ("ministry-of-commerce", "FINED", "quillfeather-ltd")
    }
    assert dict(hidden["counts"])["relationship:FINED"] == 1  # the other article's fine
    with open_store(db) as store:
        undo(store, "ana")
        assert snapshot(store) == before


def test_judgements_apply_to_later_writes_of_the_same_and_of_new_articles(db: Path) -> None:
    with open_store(db) as store:
        merge(store, "quillfeather-ltd", "quill-feather-group", "ana")
        reject(store, "ministry-of-commerce/SUMMONED/quillfeather-ltd", "ana")
        split(store, "quillfeather-ltd", "quillfeather-music", "ana")
    later = article(
        "n4",
        [
            ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
            ("quillfeather-music", "Quillfeather Music", "Company"),
        ],
        [("ministry-of-commerce", "SUMMONED", "quillfeather-music")],
    )
    with open_store(db) as store:
        actors = known_actors(store)
        store.write([actors.resolve(g) for g in (TWO, THREE, later)])
        state = snapshot(store)
    entities = dict(state["entities"])
    assert "quill-feather-group" not in entities and "quillfeather-music" in entities
    assert ("ministry-of-commerce", "SUMMONED", "quillfeather-ltd") not in {
        f[:3] for f in state["facts"]
    }
    assert ("ministry-of-commerce", "FINED", "quillfeather-ltd", "n2") in {
        f[:4] for f in state["facts"]
    }


def test_judgements_hold_when_an_article_is_written_again_with_another_extraction(
    db: Path,
) -> None:
    with open_store(db) as store:
        merge(store, "quillfeather-ltd", "quill-feather-group", "ana")
        reject(store, "ministry-of-commerce/SUMMONED/quillfeather-ltd", "ana")
    changed = article(  # n2 again: its fine is gone, a product is new
        "n2",
        [
            ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
            ("quill-feather-group", "Quill Feather Group", "Company"),
            ("lanmo-wallet", "Lanmo Wallet", "Product"),
        ],
        [
            ("ministry-of-commerce", "SUMMONED", "quill-feather-group"),
            ("quill-feather-group", "OPERATES", "lanmo-wallet"),
        ],
    )
    with open_store(db) as store:
        store.write([known_actors(store).resolve(changed)])
        state = snapshot(store)
    facts = {f[:4] for f in state["facts"]}
    assert {f for f in facts if f[3] == "n2"} == {
        ("quillfeather-ltd", "OPERATES", "lanmo-wallet", "n2")
    }
    assert "quill-feather-group" not in dict(state["entities"])
    assert "Quill Feather Group" in dict(state["entities"])["quillfeather-ltd"]
    with open_store(db, read_only=True) as store:
        assert [j.kind for j in read_judgements(store)] == ["merge", "reject"]


def test_undo_refuses_when_an_article_it_changed_was_written_again(db: Path) -> None:
    with open_store(db) as store:
        merge(store, "quillfeather-ltd", "quill-feather-group", "ana")
        store.write(
            [article("n2", [("ministry-of-commerce", "Ministry of Commerce", "Regulator")])]
        )
        state = snapshot(store)
        with pytest.raises(JudgementError, match="written again since; nothing undone"):
            undo(store, "ana")
        assert snapshot(store) == state
        assert not read_judgements(store)[-1].undone


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "quillfeather-ltd", "lanmo-pay"], "never merged"),
        (["merge", "quillfeather-ltd", "no-such-firm"], "no entity with id 'no-such-firm'"),
        (["merge", "quillfeather-ltd", "quillfeather-ltd"], "one entity already"),
        (["reject", "quillfeather-ltd/FINED"], "not a fact id"),
        (["reject", "a/BRIBED/b"], "unknown relationship type"),
        (["reject", "ministry-of-commerce/FINED/lanmo-pay"], "no fact"),
        (["undo"], "no judgement to undo"),
    ],
)
def test_bad_judgements_are_one_line_errors_that_change_nothing(runner, db, args, message) -> None:
    with open_store(db, read_only=True) as store:
        before = snapshot(store)
    result = runner.invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    with open_store(db, read_only=True) as store:
        assert snapshot(store) == before


def test_cli_round_trip_dedupe_judge_export_import(runner, db, tmp_path) -> None:
    listed = runner.invoke(main, ["dedupe", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    pairs = {(p["left"]["id"], p["right"]["id"]) for p in json.loads(listed.output)}
    assert pairs == {("quill-feather-group", "quillfeather-ltd")}
    for args in (
        ["merge", "quillfeather-ltd", "quill-feather-group", "--who", "ana"],
        ["reject", "quillfeather-ltd/OPERATES/lanmo-pay", "--who", "ana", "--note", "sold"],
    ):
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert (
        json.loads(runner.invoke(main, ["dedupe", "--db", str(db), "--format", "json"]).output)
        == []
    )
    listing = runner.invoke(main, ["judgements", "list", "--db", str(db)])
    assert "hidden: [n1] quillfeather-ltd OPERATES lanmo-pay." in listing.output
    shared = tmp_path / "team.jsonl"
    assert (
        runner.invoke(main, ["judgements", "export", str(shared), "--db", str(db)]).exit_code == 0
    )
    assert [json.loads(line)["kind"] for line in shared.read_text().splitlines()] == [
        "merge",
        "reject",
    ]
    other = tmp_path / "other"
    with open_store(other) as store:
        store.write([ONE, TWO])
    imported = runner.invoke(main, ["judgements", "import", str(shared), "--db", str(other)])
    assert imported.exit_code == 0 and "Imported 2" in imported.output
    again = runner.invoke(main, ["judgements", "import", str(shared), "--db", str(other)])
    assert "Imported 0 judgement(s); 2 already here." in again.output
    with open_store(db, read_only=True) as a, open_store(other, read_only=True) as b:
        assert snapshot(a) == snapshot(b)


def test_a_malformed_judgements_file_imports_nothing(runner, db, tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    good = {"id": "merge-x", "kind": "merge", "subject": "quillfeather-ltd",
            "object": "quill-feather-group"}  # fmt: skip
    bad.write_text(json.dumps(good) + "\n" + json.dumps({**good, "kind": "annex"}) + "\n")
    result = runner.invoke(main, ["judgements", "import", str(bad), "--db", str(db)])
    assert result.exit_code == 1 and f"{bad}:2: unknown judgement kind 'annex'" in result.output
    with open_store(db, read_only=True) as store:
        assert read_judgements(store) == []


def test_rdf_export_carries_merges_and_rejected_facts(runner, db, tmp_path) -> None:
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    from kg.ontology import ontology
    from kg.outputs.vocabulary import Vocabulary

    with open_store(db) as store:
        merge(store, "quillfeather-ltd", "quill-feather-group", "ana")
        reject(store, "quillfeather-ltd/OPERATES/lanmo-pay", "ana")
    out = tmp_path / "graph.ttl"
    assert (
        runner.invoke(
            main, ["export", "--format", "ttl", "-o", str(out), "--db", str(db)]
        ).exit_code
        == 0
    )
    graph = Graph().parse(out, format="turtle")
    v = Vocabulary.at(ontology().base_iri)
    assert (v.entity("quillfeather-ltd"), OWL.sameAs, v.entity("quill-feather-group")) in graph
    rejected = v.fact("quillfeather-ltd", "OPERATES", "lanmo-pay")
    assert (rejected, RDF.type, v.terms.RejectedFact) in graph
    assert (
        v.entity("quillfeather-ltd"),
        v.relation("OPERATES"),
        v.entity("lanmo-pay"),
    ) not in graph


def test_ingest_resolves_names_across_articles_and_skips_unchanged_articles(
    runner, tmp_path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The Ministry of Commerce fined Brightwater Logistics Ltd 2 million yuan on Monday.\n"
    )
    (folder / "b.txt").write_text(
        "The Ministry of Commerce summoned Brightwater Logistics on Friday.\n"
    )
    db = ["--db", str(tmp_path / "db")]
    first = runner.invoke(main, ["ingest", str(folder), *db])
    assert first.exit_code == 0, first.output
    assert "Ingested 2 article(s)" in first.output and "1 name(s) resolved" in first.output
    with open_store(tmp_path / "db", read_only=True) as store:
        firms = store.run("MATCH (c:Company) RETURN c.id AS id, c.aliases AS aliases")
    assert [r["id"] for r in firms] == ["brightwater-logistics-ltd"]
    assert "Brightwater Logistics" in firms[0]["aliases"]
    again = runner.invoke(main, ["ingest", str(folder), *db])
    assert "Ingested 0 article(s)" in again.output
    assert "2 article(s) unchanged since they were stored: skipped." in again.output
    (folder / "b.txt").write_text("The Ministry of Commerce warned Brightwater Logistics.\n")
    changed = runner.invoke(main, ["ingest", str(folder), *db])
    assert "Ingested 1 article(s)" in changed.output and "1 article(s) unchanged" in changed.output


def test_ask_never_takes_a_name_inside_a_possessive_name_for_it(runner, tmp_path) -> None:
    db = tmp_path / "db"
    lender = article(
        "b1",
        [
            ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
            ("bank-of-china", "Bank of China", "Company"),
        ],
        [("ministry-of-commerce", "FINED", "bank-of-china")],
    )
    with open_store(db) as store:
        store.write([lender])
    wrong = runner.invoke(main, ["ask", "Who fined the People's Bank of China?", "--db", str(db)])
    assert wrong.exit_code == 1
    assert 'No entity named "People\'s Bank of China" in the graph.' in wrong.output
    right = runner.invoke(main, ["ask", "Who fined Bank of China?", "--db", str(db)])
    assert right.exit_code == 0 and "Ministry of Commerce" in right.output
    with open_store(db) as store:
        central = article("b2", [("peoples-bank-of-china", "People's Bank of China", "Regulator")])
        store.write([central])
    owned = runner.invoke(
        main, ["ask", "What did the People's Bank of China fine?", "--db", str(db)]
    )
    assert "Bank of China" not in owned.output.replace("People's Bank of China", "")


def test_a_merge_keeps_the_wikidata_id(tmp_path) -> None:
    from dataclasses import replace

    curated = article("w1", [("ministry-of-commerce", "Ministry of Commerce", "Regulator")])
    curated = replace(curated, entities=(replace(curated.entities[0], wikidata="Q1234567"),))
    variant = article("w2", [("mofcom-china", "China Commerce Ministry", "Regulator")])
    with open_store(tmp_path / "db") as store:
        store.write([curated, variant])
        merge(store, "ministry-of-commerce", "mofcom-china", "ana")
        rows = store.run("MATCH (r:Regulator) RETURN r.id AS id, r.wikidata AS qid")
    assert rows == [{"id": "ministry-of-commerce", "qid": "Q1234567"}]

"""The Neo4j store against a live Bolt server: ArcadeDB started by the `bolt_server` fixture
(or the server NEO4J_URI names). Push, every named query on both engines, re-ingest,
judgements, errors and the CLI, as a Neo4j user meets them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import article

from kg.cli.main import main
from kg.queries.library import library
from kg.store import open_store
from kg.store.neo4j_store import Neo4jStore

COUNTS_BY_LABEL = {
    "ladybug": "MATCH (n) RETURN label(n) AS label, count(*) AS n ORDER BY label",
    "neo4j": "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label",
}
COUNTS_BY_TYPE = {
    "ladybug": "MATCH ()-[r]->() WHERE r.article_id IS NOT NULL "
    "RETURN label(r) AS type, count(*) AS n ORDER BY type",
    "neo4j": "MATCH ()-[r]->() WHERE r.article_id IS NOT NULL "
    "RETURN type(r) AS type, count(*) AS n ORDER BY type",
}


@pytest.fixture
def server(bolt_server):
    """The live server, emptied for this test."""
    with Neo4jStore(bolt_server) as store:
        store.run("MATCH (n) DETACH DELETE n")
    return bolt_server


def cli_env(settings) -> dict[str, str]:
    return {
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database or "",
        "NEO4J_URI": "",
    }


def firms() -> list:
    """Two articles naming one firm two ways (one fact each), and a bank."""
    return [
        article("j1", [("ministry-of-finance", "Ministry of Finance", "Regulator"),
                       ("orvane-ltd", "Orvane Ltd", "Company")],
                [("ministry-of-finance", "FINED", "orvane-ltd")]),
        article("j2", [("ministry-of-finance", "Ministry of Finance", "Regulator"),
                       ("orvane-group", "Orvane Group", "Company"),
                       ("keld-bank", "Keld Bank", "Company")],
                [("ministry-of-finance", "SUMMONED", "orvane-group"),
                 ("ministry-of-finance", "SUMMONED", "keld-bank")]),
    ]  # fmt: skip


def facts(store: Neo4jStore) -> set[tuple[str, str, str]]:
    rows = store.run(
        "MATCH (s)-[r]->(o) WHERE r.article_id IS NOT NULL "
        "RETURN s.id AS s, type(r) AS t, o.id AS o"
    )
    return {(r["s"], r["t"], r["o"]) for r in rows}


@pytest.mark.parametrize("graph", ["samples_db", "dev_db"])
def test_named_queries_give_the_same_rows_on_both_engines(request, graph: str, server) -> None:
    from kg.jobs.push import push

    db: Path = request.getfixturevalue(graph)
    with open_store(db, read_only=True) as embedded, Neo4jStore(server) as neo4j:
        push(embedded, neo4j, again=True)
        checked = 0
        for query in library().values():
            params = query.example_params()
            ladybug_rows = embedded.run(query.text("ladybug"), params)
            neo4j_rows = neo4j.run(query.text("neo4j"), params)
            key = lambda row: json.dumps(row, sort_keys=True, default=str)  # noqa: E731
            assert sorted(map(key, ladybug_rows)) == sorted(map(key, neo4j_rows)), query.name
            checked += bool(ladybug_rows)
        assert checked >= len(library()) // 2  # most example queries find something


def test_push_sends_whole_articles_once_and_the_counts_agree(samples_db: Path, server) -> None:
    from kg.jobs.push import push

    with open_store(samples_db, read_only=True) as embedded, Neo4jStore(server) as neo4j:
        first = push(embedded, neo4j, batch_size=3)
        second = push(embedded, neo4j, batch_size=3)
        assert first.sent > 0 and (second.sent, second.already_there) == (0, first.sent)
        by_type = [neo4j.run(COUNTS_BY_TYPE["neo4j"]), embedded.run(COUNTS_BY_TYPE["ladybug"])]
        assert by_type[0] == by_type[1]
        # the embedded store's own tables (lookup keys, counts, rankings) stay home
        on_server = neo4j.run(COUNTS_BY_LABEL["neo4j"])
        labels = {r["label"] for r in on_server}
        assert labels >= {"Article", "Company", "Regulator", "Person"}
        assert on_server == [
            r for r in embedded.run(COUNTS_BY_LABEL["ladybug"]) if r["label"] in labels
        ]


def test_an_article_written_again_replaces_its_facts_on_the_server(server) -> None:
    first, second = firms()
    changed = article(
        "j2",
        [("ministry-of-finance", "Ministry of Finance", "Regulator"),
         ("orvane-group", "Orvane Group", "Company")],
        [("ministry-of-finance", "INVESTIGATES", "orvane-group")],
    )  # fmt: skip
    with Neo4jStore(server) as store:
        store.write([first, second])
        store.write([changed])
        assert facts(store) == {
            ("ministry-of-finance", "FINED", "orvane-ltd"),
            ("ministry-of-finance", "INVESTIGATES", "orvane-group"),
        }
        # the bank no article names any more is gone, with its mention
        assert store.run("MATCH (n {id: 'keld-bank'}) RETURN count(n) AS n") == [{"n": 0}]


def test_judgements_merge_reject_and_undo_on_the_server(server) -> None:
    from kg.jobs.judging import merge, reject, undo
    from kg.store.judgements import read_judgements

    with Neo4jStore(server) as store:
        store.write(firms())
        merged = merge(store, "orvane-ltd", "orvane-group", "ana")
        assert facts(store) == {
            ("ministry-of-finance", "FINED", "orvane-ltd"),
            ("ministry-of-finance", "SUMMONED", "orvane-ltd"),
            ("ministry-of-finance", "SUMMONED", "keld-bank"),
        }
        aliases = store.run("MATCH (c:Company {id: 'orvane-ltd'}) RETURN c.aliases AS a")
        assert "Orvane Group" in aliases[0]["a"]
        rejected = reject(store, "ministry-of-finance/SUMMONED/keld-bank", "ana")
        assert ("ministry-of-finance", "SUMMONED", "keld-bank") not in facts(store)
        assert [(j.id, j.kind) for j in read_judgements(store)] == [
            (merged.id, "merge"), (rejected.id, "reject")
        ]  # fmt: skip
        undo(store, "ana")
        assert ("ministry-of-finance", "SUMMONED", "keld-bank") in facts(store)


def test_judgements_travel_with_a_push(tmp_path: Path, server) -> None:
    from kg.jobs.judging import merge
    from kg.jobs.push import push
    from kg.store.judgements import read_judgements

    with open_store(tmp_path / "db") as source:
        source.write(firms())
        merge(source, "orvane-ltd", "orvane-group", "ana")
    with open_store(tmp_path / "db", read_only=True) as source, Neo4jStore(server) as target:
        report = push(source, target)
        assert (report.sent, report.judgements) == (2, 1)
        # the same judgements; what undoing one needs (detail) is each store's own
        same = lambda j: replace(j, detail="")  # noqa: E731
        assert list(map(same, read_judgements(target))) == list(map(same, read_judgements(source)))
        assert "orvane-group" not in {s for triple in facts(target) for s in triple}


def test_server_errors_are_one_line_and_change_nothing(runner, server) -> None:
    env = cli_env(server)
    refused = runner.invoke(
        main, ["stats", "--neo4j", server.uri], env={**env, "NEO4J_PASSWORD": "not-it"}
    )
    assert refused.exit_code == 1
    assert "set NEO4J_USER and NEO4J_PASSWORD" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    writing = runner.invoke(
        main,
        ["query", "--neo4j", server.uri, "--cypher", "CREATE (n:Company {id: 'x'}) RETURN 1"],
        env=env,
    )
    assert writing.exit_code != 0 and "--write" in writing.output
    with Neo4jStore(server) as store:
        assert store.run("MATCH (n {id: 'x'}) RETURN count(n) AS n") == [{"n": 0}]


@pytest.mark.parametrize("question", ["Who fined Alibaba?", "Who summoned Jack Ma?",
                                      "Which companies were fined most?"])  # fmt: skip
def test_questions_answer_alike_from_the_server(runner, samples_db: Path, server, question) -> None:
    from kg.jobs.push import push

    with open_store(samples_db, read_only=True) as embedded, Neo4jStore(server) as neo4j:
        push(embedded, neo4j)
    env = cli_env(server)
    here = runner.invoke(main, ["ask", question, "--format", "json", "--db", str(samples_db)])
    there = runner.invoke(
        main, ["ask", question, "--format", "json", "--neo4j", server.uri], env=env
    )
    assert here.exit_code == 0 and there.exit_code == 0, there.output
    answers = json.loads(here.output)["answers"]
    assert answers and json.loads(there.output)["answers"] == answers

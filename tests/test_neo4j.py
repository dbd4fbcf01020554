"""The Neo4j store. No Neo4j server can run on these machines, so: every Cypher text the
store can send is checked with Neo4j's own parser (npm), a fake driver stands in for the
server where only batching, parameters and transactions are checked (the tests say so in
their names), and the conformance test runs only where NEO4J_URI names a live server."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kg.queries.library import library
from kg.store import Neo4jSettings, open_store
from kg.store.neo4j_store import Neo4jStore, server_major_version, write_statements
from kg.store.reader import stored_articles
from kg.store.schema import STATEMENTS_DIR, fill, neo4j_fulltext_index, neo4j_schema, statement

LINT_DIR = Path(__file__).parent / "cypher_lint"


def neo4j_lint(queries: dict[str, str]) -> dict[str, list[str]]:
    """Syntax errors per query, from @neo4j-cypher/language-support run in Node.js."""
    node = shutil.which("node")
    if node is None or not (LINT_DIR / "node_modules" / "@neo4j-cypher").is_dir():
        pytest.skip("Node.js or @neo4j-cypher/language-support is not installed (make cypher-lint)")
    payload = json.dumps([{"name": n, "text": t} for n, t in queries.items()])
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        cwd=LINT_DIR,
    )
    return {r["name"]: r["errors"] for r in json.loads(done.stdout)}


def neo4j_texts(graphs: list[Any]) -> dict[str, str]:
    """Every Cypher text the Neo4j store can send: named queries (portable or neo4j variant),
    schema statements, write statements filled for real batches, and the readers."""
    texts = {f"query {q.name}": q.text("neo4j") for q in library().values()}
    texts.update({f"schema {i}": ddl for i, ddl in enumerate(neo4j_schema())})
    texts["schema full-text"] = neo4j_fulltext_index()
    for i, (query, _) in enumerate(write_statements(graphs)):
        texts[f"write {i}"] = query
    for path in STATEMENTS_DIR.glob("read_*.cypher"):
        name = path.name.split(".")[0]
        texts[f"reader {name}"] = statement(name, "neo4j")
    for name in ("drop_article_relations", "drop_article_mentions"):
        texts[f"replace {name}"] = statement(name, "neo4j")
    for name in ("merge_judgements", "articles_mentioning", "articles_by_id"):
        texts[f"judgements {name}"] = statement(name, "neo4j")
    texts["judgements set_aliases"] = fill(statement("set_aliases"), LABEL="Company")
    texts["replace drop_orphans"] = fill(statement("drop_orphans"), LABEL="Company")
    return texts


def test_every_text_the_neo4j_store_sends_parses_with_neo4j_cypher(samples_store) -> None:
    graphs = [g for batch in stored_articles(samples_store) for g in batch]
    texts = neo4j_texts(graphs)
    assert len([n for n in texts if n.startswith("write")]) >= 5
    errors = {name: found for name, found in neo4j_lint(texts).items() if found}
    assert errors == {}


def test_neo4j_parser_rejects_ladybug_only_syntax() -> None:
    ladybug_only = {
        q.name: q.variants["ladybug"].read_text(encoding="utf-8")
        for q in library().values()
        if "ladybug" in q.variants and "SHORTEST" in q.variants["ladybug"].read_text()
    }
    ladybug_only["cast"] = fill(
        statement("merge_relations"), SUBJECT="Regulator", TYPE="FINED", OBJECT="Company"
    )
    assert ladybug_only, "expected at least one LadybugDB-only query variant"
    assert all(neo4j_lint(ladybug_only).values())


class FakeTransaction:
    def __init__(self, log: list[tuple[str, dict[str, Any]]]) -> None:
        self.log = log

    def run(self, query: str, params: dict[str, Any] | None = None) -> Any:
        self.log.append((query, params or {}))
        return self

    def consume(self) -> None:
        return None

    def __iter__(self):
        return iter(())


class FakeSession:
    def __init__(self, driver: FakeDriver) -> None:
        self.driver = driver

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_write(self, work):
        self.driver.transactions.append(("write", []))
        return work(FakeTransaction(self.driver.transactions[-1][1]))

    def execute_read(self, work):
        self.driver.transactions.append(("read", []))
        return work(FakeTransaction(self.driver.transactions[-1][1]))


class FakeDriver:
    """Stands in for a Neo4j server: records each managed transaction and its statements."""

    def __init__(self) -> None:
        self.transactions: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = []
        self.databases: list[str | None] = []

    def session(self, database: str | None = None) -> FakeSession:
        self.databases.append(database)
        return FakeSession(self)

    def close(self) -> None:
        return None


def test_fake_driver_schema_then_one_write_transaction_per_batch(samples_store) -> None:
    graphs = [g for batch in stored_articles(samples_store) for g in batch]
    driver = FakeDriver()
    settings = Neo4jSettings("neo4j://example:7687", database="kg")
    store = Neo4jStore(settings, driver=driver)
    # the schema, then the optional full-text index on its own (a server may refuse it)
    assert [kind for kind, _ in driver.transactions] == ["write", "write"]
    assert all("IF NOT EXISTS" in q for _, statements in driver.transactions for q, _ in statements)
    assert [q for q, _ in driver.transactions[1][1]] == [neo4j_fulltext_index()]
    assert store.fulltext
    store.write(graphs[:2])
    store.write(graphs[2:])
    assert [kind for kind, _ in driver.transactions] == ["write"] * 4
    assert set(driver.databases) == {"kg"}
    for (_, statements), batch in zip(
        driver.transactions[2:], (graphs[:2], graphs[2:]), strict=True
    ):
        # first what the store held for these articles goes (an article written again is
        # replaced), then the batch is merged
        replace, statements = statements[:2], statements[2:]
        assert [q.splitlines()[-1] for q, _ in replace] == ["DELETE r", "RETURN DISTINCT id, label"]
        assert all(p == {"ids": [g.document.id for g in batch]} for _, p in replace)
        assert statements and all(
            q.lstrip("/ \n").find("UNWIND $rows") >= 0 or "UNWIND $rows" in q for q, _ in statements
        )
        assert all(set(p) == {"rows"} and p["rows"] for _, p in statements)
    sent_relations = sum(
        len(p["rows"])
        for _, statements in driver.transactions[2:]
        for q, p in statements
        if "MERGE (s)-[r:" in q
    )
    assert sent_relations == sum(len(g.relations) for g in graphs)


def test_fake_driver_reads_in_read_transactions_and_passes_parameters() -> None:
    driver = FakeDriver()
    store = Neo4jStore(Neo4jSettings("neo4j://example"), read_only=True, driver=driver)
    store.run("MATCH (n:Company {id: $id}) RETURN n.name AS name", {"id": "x' OR 1=1"})
    kind, statements = driver.transactions[-1]
    assert kind == "read"
    assert statements == [
        ("MATCH (n:Company {id: $id}) RETURN n.name AS name", {"id": "x' OR 1=1"})
    ]


def test_settings_come_from_the_environment_and_hide_the_password(monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.internal:7687")
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw")
    monkeypatch.setenv("NEO4J_DATABASE", "regulation")
    settings = Neo4jSettings.from_env()
    assert settings is not None
    assert (settings.uri, settings.user, settings.database) == (
        "neo4j://db.internal:7687",
        "analyst",
        "regulation",
    )
    assert "s3cret-pw" not in repr(settings) and "s3cret-pw" not in settings.where


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--neo4j", "bolt://127.0.0.1:9"], "cannot reach a Neo4j server"),
        (["--neo4j", "bolt://analyst:pw-never-shown@127.0.0.1:9"], "bolt://127.0.0.1:9: cannot"),
        (["--neo4j", "nosuch://x"], "nosuch://x is not a Bolt address; use one of neo4j://"),
        (["--neo4j", "http://localhost:7474"], "http://localhost:7474 is not a Bolt address"),
        (["--neo4j", "https://u:pw-never-shown@h:7473"], "https://h:7473 is not a Bolt address"),
        (["--neo4j", ""], "an empty URI is not a Bolt address"),
        (["--neo4j", "localhost:7687"], "localhost:7687 is not a Bolt address"),
    ],
)
def test_unreachable_or_malformed_server_is_one_line_exit_1(runner, args, expected) -> None:
    from kg.cli.main import main

    result = runner.invoke(main, ["stats", *args], env={"NEO4J_PASSWORD": "pw-never-shown"})
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output
    assert "pw-never-shown" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_credentials_in_the_uri_are_taken_out_of_it(monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    settings = Neo4jSettings.from_env("neo4j+s://ana%40lyst:p%3Ass@db.internal:7687/")
    assert settings is not None
    assert (settings.uri, settings.user, settings.password) == (
        "neo4j+s://db.internal:7687/",
        "ana@lyst",
        "p:ss",
    )
    plain = Neo4jSettings.from_env("bolt://db.internal")
    assert plain is not None and (plain.user, plain.password) == ("neo4j", "from-env")


def test_old_server_versions_are_recognised() -> None:
    assert server_major_version("Neo4j/4.4.30") == 4
    assert server_major_version("Neo4j/5.26.1") == 5


def test_push_copies_whole_articles_and_resumes_without_resending(samples_db, tmp_path) -> None:
    # push is store-agnostic; a second embedded store stands in as the target here
    from kg.jobs.push import push

    counts = "MATCH (a)-[r]->(b) RETURN label(r) AS type, count(r) AS n ORDER BY type"
    with open_store(samples_db, read_only=True) as source, open_store(tmp_path / "t") as target:
        first = push(source, target, batch_size=2)
        second = push(source, target, batch_size=2)
        again = push(source, target, batch_size=2, again=True)
        assert first.sent > 0 and first.already_there == 0
        assert (second.sent, second.already_there) == (0, first.sent)
        assert again.sent == first.sent
        assert target.run(counts) == source.run(counts)


class FailingDriver(FakeDriver):
    """Stands in for a server that answers every transaction with one error."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def session(self, database: str | None = None) -> FakeSession:
        raise self.error


def _server_error(code: str, message: str) -> Exception:
    from neo4j.exceptions import Neo4jError

    return Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.mark.parametrize(
    ("make_error", "expected"),
    [
        (
            lambda: __import__("neo4j").exceptions.AuthError("unauthorized"),
            "set NEO4J_USER and NEO4J_PASSWORD",
        ),
        (
            lambda: _server_error(
                "Neo.ClientError.Database.DatabaseNotFound", "Database does not exist."
            ),
            "no such database",
        ),
        (
            lambda: _server_error(
                "Neo.ClientError.Statement.AccessMode", "Writing in read access mode not allowed."
            ),
            "add --write",
        ),
    ],
)
def test_fake_driver_server_errors_become_one_line_advice(make_error, expected) -> None:
    from kg.errors import StoreError

    store = Neo4jStore(
        Neo4jSettings("neo4j://example", password="pw"),
        read_only=True,
        driver=FailingDriver(make_error()),
    )
    with pytest.raises(StoreError) as raised:
        store.run("MATCH (n) RETURN n")
    message = str(raised.value)
    assert (
        expected in message and "\n" not in message and "pw" not in message.replace("example", "")
    )


def test_judgements_travel_with_a_push_to_the_fake_driver(tmp_path) -> None:
    from conftest import article

    from kg.jobs.judging import merge
    from kg.jobs.push import push

    firms = [
        article("j1", [("ministry-of-finance", "Ministry of Finance", "Regulator"),
                       ("orvane-ltd", "Orvane Ltd", "Company")],
                [("ministry-of-finance", "FINED", "orvane-ltd")]),
        article("j2", [("ministry-of-finance", "Ministry of Finance", "Regulator"),
                       ("orvane-group", "Orvane Group", "Company")],
                [("ministry-of-finance", "SUMMONED", "orvane-group")]),
    ]  # fmt: skip
    with open_store(tmp_path / "db") as source:
        source.write(firms)
        judgement = merge(source, "orvane-ltd", "orvane-group", "ana")
    driver = FakeDriver()
    target = Neo4jStore(Neo4jSettings("neo4j://example:7687"), driver=driver)
    with open_store(tmp_path / "db", read_only=True) as source:
        report = push(source, target)
    assert (report.sent, report.judgements) == (2, 1)
    sent = [(q, p) for _, statements in driver.transactions for q, p in statements]
    relations = [row for q, p in sent if "MERGE (s)-[r:" in q for row in p["rows"]]
    assert {(r["subject"], r["object"]) for r in relations} == {
        ("ministry-of-finance", "orvane-ltd")
    }
    (judged,) = [p["rows"] for q, p in sent if "MERGE (j:Judgement" in q]
    assert [(row["id"], row["kind"], row["subject"], row["object"]) for row in judged] == [
        (judgement.id, "merge", "orvane-ltd", "orvane-group")
    ]

"""User Cypher without --write reaches nothing beyond the graph: no files, extensions,
databases or settings; words inside strings, names and comments are not mistaken for clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import main
from kg.queries.cypher_guard import refusal

REFUSED = [
    ("LOAD FROM '/etc/passwd' (header=false) RETURN *", "LOAD FROM"),
    ("MATCH (e:Entity) WITH e LIMIT 1 LOAD FROM 'f.csv' RETURN *", "LOAD FROM"),
    ("load with headers (a STRING) from 'f.csv' return *", "LOAD WITH"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
    ("COPY (MATCH (e:Entity) RETURN e.name) TO '/tmp/names.csv'", "COPY"),
    ("MATCH (e:Entity) RETURN e.name; copy Entity FROM 'x.parquet'", "COPY"),
    ("/* harmless */ EXPORT DATABASE '/tmp/out'", "EXPORT"),
    ("IMPORT DATABASE '/tmp/out'", "IMPORT"),
    ("INSTALL json", "INSTALL"),
    ("LOAD EXTENSION fts", "LOAD EXTENSION"),
    ("ATTACH '/tmp/other.lbug' AS other (dbtype lbug)", "ATTACH"),
    ("CHECKPOINT", "CHECKPOINT"),
    ("CALL threads = 1", "CALL threads ="),
    ("CALL apoc.load.json('http://example.com') YIELD value RETURN value", "apoc.load.json"),
    ("CALL dbms.setConfigValue('x', 'y')", "dbms.setConfigValue"),
    # graph writes: a Bolt server need not refuse them in a read transaction
    ("MATCH (c:Company) SET c.name = 'x'", "SET"),
    ("MATCH (n) DETACH DELETE n", "DELETE"),
    ("merge (p:Person {id: 'x'}) return p", "MERGE"),
    ("UNWIND [1, 2] AS i CREATE (:Company {id: toString(i)})", "CREATE"),
    ("MATCH (c:Company) REMOVE c.aliases", "REMOVE"),
    ("DROP TABLE Company", "DROP"),
    ("MATCH (c:Company) FOREACH (x IN [1] | SET c.n = x)", "FOREACH"),
]
ALLOWED = [
    "MATCH (e:Entity) WHERE e.name = 'LOAD FROM /etc/passwd' RETURN e.name",
    "MATCH (copy:Entity) RETURN copy.name AS load LIMIT 1",
    "RETURN \"COPY (x) TO 'y'\" AS text",
    "MATCH (e:Entity) RETURN e.name AS `INSTALL json` // CHECKPOINT later\nLIMIT 1",
    "MATCH (e:Entity {name: 'ATTACH'}) RETURN e.import AS export",
    "CALL show_tables() RETURN *",
    "MATCH (set:Company)-[merge:FINED]->(create) RETURN set.name AS delete, merge.amount",
    "MATCH (c:Company {name: 'CREATE'}) RETURN c.drop AS remove, $set AS x",
]


@pytest.mark.parametrize(("text", "named"), REFUSED)
def test_graph_writes_file_extension_and_setting_statements_are_refused(
    text: str, named: str
) -> None:
    why = refusal(text)
    assert why is not None and named in why


@pytest.mark.parametrize("text", ALLOWED)
def test_the_same_words_in_strings_names_and_comments_are_not(text: str) -> None:
    assert refusal(text) is None


def test_cli_refuses_reading_a_file_in_one_line_and_shows_none_of_it(
    runner: CliRunner, samples_db: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("top-secret-line\n")
    target = tmp_path / "overwritten.csv"
    for text in (
        f"LOAD FROM '{secret}' (header=false) RETURN *",
        f"COPY (MATCH (c:Company) RETURN c.name) TO '{target}'",
        "CHECKPOINT",
    ):
        result = runner.invoke(main, ["query", "--cypher", text, "--db", str(samples_db)])
        assert result.exit_code == 1, result.output
        assert "refused without --write" in result.output
        assert len(result.output.strip().splitlines()) == 1
        assert "top-secret-line" not in result.output
    assert not target.exists()
    after = runner.invoke(
        main,
        ["query", "--cypher", "MATCH (c:Company) RETURN count(c) AS n", "--db", str(samples_db)],
    )
    assert after.exit_code == 0, after.output


def test_cli_runs_allowed_text_that_names_those_words(runner: CliRunner, samples_db: Path) -> None:
    text = "MATCH (c:Company) WHERE c.name <> 'COPY x TO y' RETURN count(c) AS load"
    result = runner.invoke(main, ["query", "--cypher", text, "--db", str(samples_db)])
    assert result.exit_code == 0, result.output
    assert "load" in result.output

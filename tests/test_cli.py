"""The command line end to end: help, ingest, query, extract, eval, stats, map, demo."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEV_CORPUS, FIXTURES

from kg.cli.main import main

README = Path(__file__).resolve().parents[1] / "README.md"


def test_help_does_not_import_spacy_or_the_database() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom kg.cli.main import main\n"
        "result = CliRunner().invoke(main, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('spacy', 'ladybug', 'pyvis') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(
    runner: CliRunner, command: str
) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"kg {command}" in README.read_text(encoding="utf-8")


def test_ingest_reports_broken_files_in_one_line_and_keeps_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "db"
    args = ["ingest", str(FIXTURES / "feed.rss"), str(FIXTURES / "empty.txt"), "--db", str(db)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt: empty file" in errors[0]
    assert "Ingested 2 article(s)" in result.stdout
    rows = json.loads(
        runner.invoke(
            main,
            ["query", "who_regulates", "-p", "name=Meituan", "--format", "json", "--db", str(db)],
        ).stdout
    )
    assert rows[0]["regulator"] == "State Administration for Market Regulation"


def test_query_formats_and_errors(runner: CliRunner, samples_db: Path) -> None:
    db = ["--db", str(samples_db)]
    as_json = runner.invoke(
        main, ["query", "owned_by", "-p", "name=Alibaba Group", "--format", "json", *db]
    )
    assert as_json.exit_code == 0
    rows = json.loads(as_json.stdout)
    assert isinstance(rows, list) and {"owned", "hops"} <= set(rows[0])
    as_csv = runner.invoke(
        main, ["query", "owned_by", "-p", "name=Alibaba Group", "--format", "csv", *db]
    )
    assert as_csv.stdout.splitlines()[0] == "owned,hops"
    unknown = runner.invoke(main, ["query", "nope", *db])
    assert (
        unknown.exit_code == 1
        and "Available:" in unknown.output
        and "who_regulates" in unknown.output
    )
    missing = runner.invoke(main, ["query", "who_regulates", *db])
    assert missing.exit_code == 1 and "-p name=" in missing.output
    cypher = runner.invoke(
        main,
        [
            "query",
            "--cypher",
            "MATCH (c:Company) WHERE c.name = $n RETURN c.id AS id",
            "-p",
            "n=Tencent",
            "--format",
            "json",
            *db,
        ],
    )
    assert json.loads(cypher.stdout) == [{"id": "tencent"}]


def test_cypher_writes_need_write_flag(runner: CliRunner, tmp_path: Path, samples_db: Path) -> None:
    refused = runner.invoke(
        main,
        ["query", "--cypher", "CREATE (:Company {id: 'x', name: 'X'})", "--db", str(samples_db)],
    )
    assert refused.exit_code == 1 and "--write" in refused.output
    db = tmp_path / "db"
    allowed = runner.invoke(
        main,
        ["query", "--cypher", "CREATE (:Company {id: 'x', name: 'X'})", "--write", "--db", str(db)],
    )
    assert allowed.exit_code == 0, allowed.output
    check = runner.invoke(
        main,
        [
            "query",
            "--cypher",
            "MATCH (c:Company) RETURN c.name AS name",
            "--format",
            "json",
            "--db",
            str(db),
        ],
    )
    assert json.loads(check.stdout) == [{"name": "X"}]


def test_extract_writes_gold_format_per_document(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(FIXTURES / "documents.json"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "doc-a.json").read_text())
    assert set(record) == {"id", "entities", "relations"} and record["id"] == "doc-a"
    names = {e["name"] for e in record["entities"]}
    for entity in record["entities"]:
        assert {"name", "type", "mentions"} <= set(entity) and entity["mentions"]
    (fine,) = record["relations"]
    assert fine["subject"] in names and fine["object"] in names
    assert {"subject", "type", "object", "evidence", "confidence", "method"} <= set(fine)
    assert (fine["subject"], fine["type"], fine["object"]) == (
        "State Administration for Market Regulation",
        "FINED",
        "Alibaba Group",
    )


def test_extract_keeps_every_output_inside_out_whatever_the_ids(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = "The market regulator fined a ride-hailing firm on Tuesday."
    ids = ["../escaped", str(tmp_path / "absolute"), "a/b/c", "plain-id_1.v2", "..", ".hidden"]
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ids))
    out = tmp_path / "deep" / "out"
    result = runner.invoke(main, ["extract", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(ids) and "plain-id_1.v2.json" in written
    assert all(p.parent == out for p in out.iterdir())
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json")) == sorted(
        f"deep/out/{name}" for name in written
    )
    assert {json.loads((out / name).read_text())["id"] for name in written} == set(ids)


def test_eval_on_dev_corpus_prints_the_design_json(runner: CliRunner, tmp_path: Path) -> None:
    errors = tmp_path / "errors.json"
    result = runner.invoke(
        main, ["eval", str(DEV_CORPUS), "--format", "json", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == len(list(DEV_CORPUS.glob("*.gold.json")))
    for part in ("entities", "relations"):
        assert {"precision", "recall", "f1"} <= set(report[part])
    assert "per_type" in report["relations"] and "FINED" in report["relations"]["per_type"]
    assert report["entities"]["f1"] > 0.6 and report["relations"]["precision"] > 0.5
    assert json.loads(errors.read_text())


def test_stats_map_and_queries_list(runner: CliRunner, samples_db: Path, tmp_path: Path) -> None:
    stats = json.loads(
        runner.invoke(main, ["stats", "--format", "json", "--db", str(samples_db)]).stdout
    )
    kinds = {(r["kind"], r["type"]) for r in stats}
    assert ("node", "Article") in kinds and ("relationship", "FINED") in kinds
    out = tmp_path / "ant.html"
    result = runner.invoke(
        main, ["map", "Ant", "--depth", "2", "-o", str(out), "--db", str(samples_db)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "Ant Group" in html and "Alibaba Group" in html and "SUMMONED" in html
    assert not re.search(r'(src|href)="https?://', html)  # no remote stylesheets or scripts
    unknown = runner.invoke(main, ["map", "Nobody Known", "--db", str(samples_db)])
    assert unknown.exit_code == 1 and "Nobody Known" in unknown.output
    listing = json.loads(runner.invoke(main, ["queries", "--format", "json"]).stdout)
    assert len(listing) >= 12 and all(q["description"] for q in listing)


def test_missing_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["stats", "--db", str(tmp_path / "none")])
    assert result.exit_code == 1 and "kg ingest" in result.output


def test_demo_ingests_answers_and_draws(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    result = runner.invoke(main, ["demo", "--db", str(tmp_path / "db"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Graph summary" in result.output and "Who summoned Jack Ma?" in result.output
    assert "People's Bank of China" in result.output
    assert out.exists() and str(out) in result.output.replace("\n", "")


def test_parallel_ingest_builds_the_same_graph(
    runner: CliRunner, samples_db: Path, tmp_path: Path
) -> None:
    from kg.resources import SAMPLES_DIR

    db = tmp_path / "db"
    result = runner.invoke(main, ["ingest", str(SAMPLES_DIR), "--workers", "2", "--db", str(db)])
    assert result.exit_code == 0, result.output

    def stats(path: Path) -> list[dict[str, object]]:
        return json.loads(
            runner.invoke(main, ["stats", "--format", "json", "--db", str(path)]).stdout
        )

    assert stats(db) == stats(samples_db)


def test_query_from_a_cypher_file_with_its_declared_parameters(
    runner: CliRunner, samples_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "fines.cypher"
    path.write_text(
        "// name: fines\n// description: Fines on a company.\n"
        '// param: company string The company. Example: "Alibaba Group"\n'
        "MATCH (r)-[e:FINED]->(c:Company {name: $company}) RETURN r.name AS regulator\n"
    )
    args = [
        "query",
        str(path),
        "-p",
        "company=Alibaba Group",
        "--format",
        "json",
        "--db",
        str(samples_db),
    ]
    result = runner.invoke(main, args)
    assert json.loads(result.stdout) == [
        {"regulator": "State Administration for Market Regulation"}
    ]
    wrong = runner.invoke(main, ["query", str(path), "-p", "firm=Meituan", "--db", str(samples_db)])
    assert wrong.exit_code == 1 and "takes: company" in wrong.output


def test_a_bad_page_cache_setting_is_one_line_of_advice(
    runner: CliRunner, samples_db: Path
) -> None:
    result = runner.invoke(
        main, ["stats", "--db", str(samples_db)], env={"KG_BUFFER_POOL_MB": "lots"}
    )
    assert result.exit_code == 1
    assert "KG_BUFFER_POOL_MB='lots'" in result.output and "Traceback" not in result.output


def test_counts_rankings_and_index_follow_cypher_run_with_write(
    runner: CliRunner, tmp_path: Path, samples_db: Path
) -> None:
    import shutil

    from kg.store import open_store

    db = tmp_path / "db"
    shutil.copytree(samples_db, db)

    def state() -> tuple[int, int, list[int]]:
        with open_store(db, read_only=True) as store:
            counted = store.run("MATCH (c:Count {key: 'node:Company'}) RETURN c.count AS n")
            actual = store.run("MATCH (c:Company) RETURN count(c) AS n")
            positions = store.run("MATCH (i:IndexEntry)-[:LISTS]->() RETURN i.position AS p")
        return counted[0]["n"], actual[0]["n"], sorted(r["p"] for r in positions)

    before, actual, listed = state()
    assert before == actual and listed == list(range(len(listed)))
    for cypher in (
        "CREATE (:Company {id: 'zz-new', name: 'Quorvane Freight'})",
        "MATCH (c:Company) WHERE c.id <> 'zz-new' WITH c LIMIT 1 DETACH DELETE c",
    ):
        done = runner.invoke(main, ["query", "--cypher", cypher, "--write", "--db", str(db)])
        assert done.exit_code == 0, done.output
        counted, actual, listed = state()
        assert counted == actual  # the kept count is the real one
        assert listed == list(range(len(listed)))  # the index lists entities at 0..n-1
    assert actual == before
    named = runner.invoke(
        main,
        ["query", "entity_index", "-p", "offset=0", "-p", "limit=100000", "--format", "json",
         "--db", str(db)],
    )  # fmt: skip
    assert "zz-new" in {row["id"] for row in json.loads(named.stdout)}


def test_text_that_is_not_utf8_is_one_line_of_error(runner: CliRunner, samples_db: Path) -> None:
    question = b"Who fined \xff\xfe?".decode("utf-8", "surrogateescape")
    for args in (["ask", question], ["entity", question], ["query", "who_regulates", "-p",
                                                            f"name={question}"]):  # fmt: skip
        result = runner.invoke(main, [*args, "--db", str(samples_db)])
        assert result.exit_code == 2, args
        assert "not valid text: it holds bytes that are not UTF-8" in result.output
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["ask", "Who fined Ant Group?", "--since", "banana"], "'banana' is not a date: use YYYY"),
        (["timeline", "Ant Group", "--until", "2021-13"], "'2021-13' is not a date: no such"),
        (["map", "Ant Group", "--since", "2021-02-30"], "'2021-02-30' is not a date: no such"),
    ],
)
def test_a_bad_date_option_is_a_usage_error(runner: CliRunner, samples_db: Path, args, why) -> None:
    result = runner.invoke(main, [*args, "--db", str(samples_db)])
    assert result.exit_code == 2 and why in result.output


def test_good_partial_dates_are_taken(runner: CliRunner, samples_db: Path) -> None:
    for since in ("2020", "2020-02", "2020-02-29"):
        result = runner.invoke(
            main, ["timeline", "Ant Group", "--since", since, "--db", str(samples_db)]
        )
        assert result.exit_code == 0, result.output

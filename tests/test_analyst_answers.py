"""Answers an analyst reads: "fined most" by money, connections that point the right way,
the articles about an actor over time, spreadsheets with numbers, and names two entities
share. Graphs written by hand (names invented)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import article

from kg.cli.main import main
from kg.model import Document
from kg.store import open_store

BUREAU = ("tidewater-bureau", "Tidewater Bureau", "Regulator")
AGENCY = ("lantern-agency", "Lantern Agency", "Regulator")
ORCHID = ("orchid-pay", "Orchid Pay", "Company")
FERN = ("fern-logistics", "Fern Logistics", "Company")
BASIL = ("basil-games", "Basil Games", "Company")
FOUNDER = ("mei-lanfang", "Mei Lanfang", "Person")
LUMEN_APP = ("lumen-product", "Lumen", "Product")
LUMEN_FIRM = ("lumen", "Lumen", "Company")


def fine(article_id: str, regulator, firm, amount: float | None, day: str, title: str):
    graph = article(article_id, [regulator, firm], [(regulator[0], "FINED", firm[0])])
    (relation,) = graph.relations
    properties = (("amount", amount), ("currency", "CNY")) if amount is not None else ()
    return replace(
        graph,
        document=Document(
            article_id, "", title=title, url=f"https://news.example/{article_id}", published=day
        ),  # fmt: skip
        relations=(replace(relation, date=day, properties=properties),),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyst") / "db"
    graphs = [
        # one fine of Orchid Pay reported twice (counts once), a smaller one of Fern in three
        # articles (more articles, less money), and Basil fined with no sum given
        fine("a1", BUREAU, ORCHID, 3e9, "2022-03-01", "Bureau fines Orchid Pay"),
        fine("a2", BUREAU, ORCHID, 3e9, "2022-03-02", "Orchid Pay fine, day two"),
        fine("a3", AGENCY, FERN, 2e8, "2021-05-01", "Agency fines Fern"),
        fine("a4", AGENCY, FERN, 2e8, "2021-05-03", "Fern fine follow-up"),
        fine("a5", BUREAU, FERN, 1e8, "2021-11-03", "Bureau also fines Fern"),
        fine("a6", AGENCY, BASIL, None, "2021-12-24", "Agency penalises Basil"),
        article("a7", [FOUNDER, ORCHID], [(FOUNDER[0], "FOUNDED", ORCHID[0])]),
        article("a8", [LUMEN_APP, BASIL], [(BASIL[0], "OPERATES", LUMEN_APP[0])]),
        article("a9", [BUREAU, LUMEN_FIRM], [(BUREAU[0], "INVESTIGATES", LUMEN_FIRM[0])]),
    ]
    with open_store(path) as store:
        store.write(graphs)
    return path


def ask(runner, db: Path, question: str) -> dict:
    result = runner.invoke(main, ["ask", question, "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_fined_most_ranks_by_the_sum_and_says_so(runner, db: Path) -> None:
    answer = ask(runner, db, "Which companies were fined most?")
    assert "total of fines with a reported amount" in answer["note"]
    ranked = [(a["name"], a["total"], a["currency"]) for a in answer["answers"]]
    assert ranked == [("Orchid Pay", 3e9, "CNY"), ("Fern Logistics", 3e8, "CNY")]
    text = runner.invoke(main, ["ask", "Which companies were fined most?", "--db", str(db)])
    assert "Orchid Pay (Company) - FINED - CNY 3 billion in total" in text.output
    counted = ask(runner, db, "Which companies were fined most in 2023?")  # no sums then
    assert counted["answers"] == [] and "number of articles" in counted["note"]
    summoned = ask(runner, db, "Which companies were investigated most?")
    assert [a["name"] for a in summoned["answers"]] == ["Lumen"]
    assert "number of articles" in summoned["note"]


def test_a_connection_points_each_way_once_with_evidence(runner, db: Path) -> None:
    answer = ask(runner, db, "How are Mei Lanfang and the Tidewater Bureau connected?")
    (path,) = answer["answers"]  # two articles of one fine: one chain, not two
    assert path["path"] == "Mei Lanfang -FOUNDED-> Orchid Pay <-FINED- Tidewater Bureau"
    assert path["hops"] == 2
    fined = path["steps"][1]
    assert (fined["subject"], fined["relation"], fined["object"]) == (
        "Tidewater Bureau", "FINED", "Orchid Pay"
    )  # fmt: skip
    assert fined["articles"] == 2 and fined["evidence"]["sentence"]
    text = runner.invoke(
        main, ["ask", "How are Mei Lanfang and Tidewater Bureau connected?", "--db", str(db)]
    )
    assert " 1. Mei Lanfang -FOUNDED-> Orchid Pay <-FINED- Tidewater Bureau" in text.output
    assert " 2." not in text.output


def test_of_two_entities_sharing_a_name_the_one_with_such_facts_is_meant(runner, db) -> None:
    investigated = ask(runner, db, "Who investigated Lumen?")
    assert [a["name"] for a in investigated["answers"]] == ["Tidewater Bureau"]
    assert investigated["entities"][0]["type"] == "Company"
    unclear = runner.invoke(main, ["ask", "What is Lumen?", "--db", str(db)])
    assert unclear.exit_code == 1
    assert "could be several entities: Lumen (Company); Lumen (Product)" in unclear.output


def test_articles_about_an_actor_over_time(runner, db: Path) -> None:
    result = runner.invoke(main, ["articles", "Fern Logistics", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Articles naming Fern Logistics (Company): 3"
    assert lines[1] == "Coverage:"
    chart = lines[2:9]
    assert chart[0].startswith("  2021-05  ████") and chart[0].endswith(" 2")
    assert chart[1] == "  2021-06   0"  # empty months are shown
    assert chart[6].startswith("  2021-11  ██") and chart[6].endswith(" 1")
    assert lines[9].startswith("2021-11-03  Bureau also fines Fern")  # newest first
    as_json = json.loads(
        runner.invoke(
            main, ["articles", "fern logistics", "--format", "json", "--db", str(db)]
        ).output
    )
    assert [a["id"] for a in as_json["articles"]] == ["a5", "a4", "a3"]
    assert as_json["articles"][0]["url"] == "https://news.example/a5"
    assert sum(count for _, count in as_json["coverage"]) == 3
    missing = runner.invoke(main, ["articles", "Zorblax", "--db", str(db)])
    assert missing.exit_code == 1 and "No entity named" in missing.output


def test_csv_keeps_numbers_as_numbers(runner, db: Path) -> None:
    result = runner.invoke(
        main,
        ["query", "fined_amounts", "-p", "since=", "-p", "until=", "--format", "csv",
         "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(result.output))}
    assert rows["Orchid Pay"]["amounts"] == "3000000000"
    assert sorted(rows["Fern Logistics"]["amounts"].split("; ")) == ["100000000", "200000000"]
    assert rows["Fern Logistics"]["articles"] == "3"
    assert json.loads(rows["Orchid Pay"]["evidence"])[0]["url"].startswith("https://news.example/")
    assert "Basil Games" not in rows

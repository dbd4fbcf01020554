"""What answers carry: sums of money, how a fact was reported, and sources by title or file
name. Articles written by hand (names invented)."""

from __future__ import annotations

from dataclasses import replace

from conftest import article

from kg.cli.main import main
from kg.extraction.money import amount_text, evidence_note
from kg.model import Document
from kg.store import open_store


def test_amounts_read_as_people_write_them() -> None:
    assert amount_text(18.228e9, "CNY") == "CNY 18.2 billion"
    assert amount_text(1_490_000, "CNY") == "CNY 1.49 million"
    assert amount_text(500_000, "USD") == "USD 500,000"
    assert amount_text(None, "CNY") == ""
    note = evidence_note({"source": "Harbour Daily", "date": "2022-07", "amount": 8e9,
                          "currency": "CNY", "modality": "hedged"})  # fmt: skip
    assert note == "Harbour Daily, 2022-07, CNY 8 billion, hedged"
    assert (
        evidence_note({"source": "a.txt", "date": None, "modality": "asserted"}) == "a.txt, undated"
    )


def test_ask_and_timeline_show_the_sum_the_modality_and_the_source_title(runner, tmp_path) -> None:
    fined = article(
        "f1",
        [("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
         ("brightwater-logistics", "Brightwater Logistics", "Company")],
        [("ministry-of-commerce", "FINED", "brightwater-logistics")],
    )  # fmt: skip
    (relation,) = fined.relations
    fined = replace(
        fined,
        document=Document("f1", "", title="Ministry fines a shipper", published="2023-05-02"),
        relations=(replace(relation, modality="reported", date="2023-05-02",
                           properties=(("amount", 2_000_000.0), ("currency", "CNY"))),),
    )  # fmt: skip
    untitled = article(
        "3f9a0c21b7d4e6a8",
        [("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
         ("brightwater-logistics", "Brightwater Logistics", "Company")],
        [("ministry-of-commerce", "SUMMONED", "brightwater-logistics")],
    )  # fmt: skip
    untitled = replace(untitled, document=replace(untitled.document, source="shipping-notes.txt"))
    db = ["--db", str(tmp_path / "db")]
    with open_store(tmp_path / "db") as store:
        store.write([fined, untitled])
    asked = runner.invoke(main, ["ask", "Who fined Brightwater Logistics?", *db])
    assert asked.exit_code == 0, asked.output
    answer = " ".join(asked.output.split())  # lines are wrapped for the terminal
    assert "(Ministry fines a shipper, 2023-05-02, CNY 2 million, reported)" in answer
    timeline = runner.invoke(main, ["timeline", "Brightwater Logistics", *db])
    dated = " ".join(timeline.output.split())
    assert "CNY 2 million, reported" in dated
    assert "(shipping-notes.txt, 2024-03-01)" in dated  # the file, not the hash id
    assert "3f9a0c21b7d4e6a8" not in dated

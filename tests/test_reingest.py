"""Writing an article again replaces what the store held for it: its old relationships and
mentions go, entities no article names any more go (with their entry in the entity index), and
the counts and rankings follow. Both write paths: store.write (kg ingest) and bulk_write."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Document
from kg.store import open_store

FIRST = "The Ministry of Finance fined Kuaishou 3 million yuan on Tuesday."
SECOND = "The Ministry of Finance summoned Lufax on Thursday."
OTHER = "Kuaishou said on Friday that it would appeal."


def write(db: Path, nlp, documents: list[Document], bulk: bool) -> None:
    from kg.extraction.extract import extract_documents

    graphs = list(extract_documents(nlp, documents))
    with open_store(db) as store:
        if bulk:
            store.bulk_write(graphs)
        else:
            store.write(graphs)


def facts(db: Path) -> set[tuple[str, str, str, str]]:
    with open_store(db, read_only=True) as store:
        rows = store.run(
            "MATCH (s)-[r]->(o) WHERE label(r) <> 'MENTIONS' AND r.article_id IS NOT NULL "
            "RETURN s.name AS s, label(r) AS t, o.name AS o, r.article_id AS a"
        )
    return {(r["s"], r["t"], r["o"], r["a"]) for r in rows}


def names(db: Path) -> set[str]:
    with open_store(db, read_only=True) as store:
        rows = store.run("MATCH (a:Article)-[:MENTIONS]->(n) RETURN DISTINCT n.name AS name")
        everything = store.run("MATCH (n) WHERE n.name IS NOT NULL RETURN n.name AS name")
    assert {r["name"] for r in everything} == {r["name"] for r in rows}  # no orphans
    return {r["name"] for r in rows}


def counted(db: Path, rel_type: str) -> int:
    with open_store(db, read_only=True) as store:
        (row,) = store.run(
            "MATCH (c:Count {key: $key}) RETURN c.count AS n", {"key": f"relationship:{rel_type}"}
        )
        listing = store.run("MATCH (i:IndexEntry)-[:LISTS]->(n) RETURN i.position AS p")
        entries = store.run("MATCH (i:IndexEntry) RETURN count(i) AS n")[0]["n"]
        entities = store.run("MATCH (n) WHERE n.name IS NOT NULL RETURN count(n) AS n")[0]["n"]
    # the entity index lists every entity, once, at positions 0..n-1 (it is read by ranges)
    assert sorted(r["p"] for r in listing) == list(range(entries)) and entries == entities
    return int(row["n"])


@pytest.mark.parametrize("bulk", [False, True], ids=["write", "bulk_write"])
def test_an_article_written_again_keeps_nothing_of_its_old_extraction(
    tmp_path: Path, nlp, bulk: bool
) -> None:
    db = tmp_path / "db"
    write(db, nlp, [Document(id="n1", text=FIRST, published="2023-03-07")], bulk)
    (fined,) = [o for s, t, o, a in facts(db) if t == "FINED" and a == "n1"]
    assert fined == "Kuaishou" and fined in names(db)
    assert counted(db, "FINED") == 1

    write(db, nlp, [Document(id="n1", text=SECOND, published="2023-03-09")], bulk)

    after = facts(db)
    assert {(t, a) for _, t, _, a in after} == {("SUMMONED", "n1")}
    assert fined not in names(db) and len(names(db)) == 2
    assert counted(db, "FINED") == 0 and counted(db, "SUMMONED") == 1


def test_an_entity_another_article_names_stays(tmp_path: Path, nlp) -> None:
    db = tmp_path / "db"
    write(
        db,
        nlp,
        [
            Document(id="n1", text=FIRST, published="2023-03-07"),
            Document(id="n2", text=OTHER, published="2023-03-10"),
        ],
        bulk=False,
    )
    (fined,) = [o for _, t, o, _ in facts(db) if t == "FINED"]
    write(db, nlp, [Document(id="n1", text=SECOND, published="2023-03-09")], bulk=False)

    assert fined in names(db)
    assert not any(t == "FINED" for _, t, _, _ in facts(db))


def test_writing_the_same_article_again_changes_nothing(tmp_path: Path, nlp) -> None:
    db = tmp_path / "db"
    document = Document(id="n1", text=FIRST, published="2023-03-07")
    write(db, nlp, [document], bulk=False)
    before = (facts(db), names(db), counted(db, "FINED"))
    write(db, nlp, [document], bulk=False)
    assert (facts(db), names(db), counted(db, "FINED")) == before


def test_the_entity_index_stays_dense_when_an_entity_in_its_middle_goes(
    tmp_path: Path, nlp
) -> None:
    db = tmp_path / "db"
    write(db, nlp, [Document(id="n1", text=FIRST, published="2023-03-07")], bulk=False)
    later = "Halvern Bank opened a branch in Chengdu on Monday."
    write(db, nlp, [Document(id="n2", text=later, published="2023-03-08")], bulk=False)
    (fined,) = [o for _, t, o, _ in facts(db) if t == "FINED"]
    with open_store(db, read_only=True) as store:
        (row,) = store.run(
            "MATCH (i:IndexEntry)-[:LISTS]->(n {name: $name}) RETURN i.position AS p",
            {"name": fined},
        )
        last = store.run("MATCH (i:IndexEntry) RETURN max(i.position) AS p")[0]["p"]
    assert row["p"] < last  # the entity that goes is not the last one listed

    quieter = "The Ministry of Finance published its annual report on Thursday."
    write(db, nlp, [Document(id="n1", text=quieter, published="2023-03-09")], bulk=False)

    assert fined not in names(db)
    counted(db, "FINED")  # asserts the index lists every entity at 0..n-1


def test_the_extractor_fingerprint_follows_the_model_files(tmp_path: Path) -> None:
    # an ingest skips an article only if text, metadata and this fingerprint are unchanged
    from kg.extraction.pipeline import extractor_fingerprint

    model = tmp_path / "model"
    model.mkdir()
    (model / "weights.bin").write_bytes(b"first")
    first = extractor_fingerprint(None, model)
    assert extractor_fingerprint(None, model) == first
    (model / "weights.bin").write_bytes(b"second")
    assert extractor_fingerprint(None, model) != first
    assert extractor_fingerprint(None, None) not in (first, extractor_fingerprint("other", None))

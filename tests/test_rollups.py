"""The counts and ranking boards the embedded store keeps as it writes give the answers that
counting the whole graph gives, however the articles arrive."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.errors import QueryError, StoreError
from kg.model import ArticleGraph, Document, Entity, Relation
from kg.queries.library import find_query, run_named
from kg.store import open_store, rollups
from kg.store.ladybug_store import LadybugStore

REGULATORY = ["REGULATES", "INVESTIGATES", "FINED", "SUMMONED", "SUSPENDED", "ORDERED"]
RANKINGS = {
    "most_active_regulators": {"limit": 5},
    "most_targeted_companies": {"limit": 5},
    "ranked_targets": {"types": ["FINED"], "limit": 5},
}


def random_articles(count: int, seed: int = 3) -> list[ArticleGraph]:
    """Articles of regulatory actions between a few regulators and companies, with ties."""
    draw = random.Random(seed)
    regulators = [Entity(f"reg-{i}", f"Regulator {i}", "Regulator") for i in range(3)]
    companies = [Entity(f"co-{i}", f"Company {i}", "Company") for i in range(8)]
    graphs = []
    for n in range(count):
        article = f"art-{n}"
        relations, seen = [], set()
        for _ in range(draw.randint(1, 3)):
            regulator, company = (
                draw.choice(regulators),
                draw.choice(companies[: draw.randint(1, 8)]),
            )
            rel_type = draw.choice(REGULATORY[:4])
            if (regulator.id, rel_type, company.id) in seen:
                continue
            seen.add((regulator.id, rel_type, company.id))
            date = f"202{draw.randint(0, 3)}-0{draw.randint(1, 9)}-1{draw.randint(0, 9)}"
            sentence = f"{regulator.name} {rel_type.lower()} {company.name} ({article})."
            relations.append(
                Relation(regulator.id, rel_type, company.id, article, sentence, date, 0.9, "test")
            )
        ends = {e for r in relations for e in (r.subject, r.object)}
        entities = tuple(e for e in (*regulators, *companies) if e.id in ends)
        graphs.append(
            ArticleGraph(
                document=Document(id=article, text="x", title=f"Story {n}"),
                entities=entities,
                mentions={e.id: (e.name,) for e in entities},
                relations=tuple(relations),
            )
        )
    return graphs


# ranked_targets counted over every relationship (the store reads a board instead).
TARGETS_SCAN = """
MATCH (r)-[e]->(c:Company)
WHERE label(e) IN $types
RETURN c.id AS id, c.name AS name, 'Company' AS type, collect(DISTINCT label(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last, count(DISTINCT e.article_id) AS articles,
       count(e) AS relationships
ORDER BY articles DESC, relationships DESC, name
LIMIT $limit
"""


def by_scan(store: LadybugStore, name: str, params: dict) -> list[dict]:
    """The ranking counted over every relationship: the query's portable text, which LadybugDB
    also runs (ranked_targets: TARGETS_SCAN)."""
    if name == "ranked_targets":
        return store.run(TARGETS_SCAN, params)
    return store.run(find_query(name).text(), params)


def yearly_sums(store: LadybugStore, types: list[str], since: str, until: str) -> list[tuple]:
    """ranked_targets_between counted in Python from every relationship: per company, articles
    and relationships of TYPES per year of the period, added up; ranked with ties by id."""
    rows = store.run(
        "MATCH ()-[e]->(c:Company) WHERE label(e) IN $types "
        "RETURN c.id AS id, e.article_id AS article, e.date AS date, label(e) AS type",
        {"types": types},
    )
    articles: dict[str, set[tuple[str, str]]] = {}
    found: dict[str, list[dict]] = {}
    for row in rows:
        year = row["date"][:4]
        if (since and year < since) or (until and year > until):
            continue
        articles.setdefault(row["id"], set()).add((year, row["article"]))
        found.setdefault(row["id"], []).append(row)
    summed = [
        (
            company,
            sorted({r["type"] for r in found[company]}),
            min(r["date"] for r in found[company]),
            max(r["date"] for r in found[company]),
            len(articles[company]),
            len(found[company]),
        )
        for company in found
    ]
    return sorted(summed, key=lambda row: (-row[4], -row[5], row[0]))


def ranking(rows: list[dict]) -> list[tuple]:
    """The rows without evidence, lists (of relationship types) in order."""
    return [
        tuple(sorted(v) if isinstance(v, list) else v for k, v in row.items() if k != "evidence")
        for row in rows
    ]


@pytest.fixture
def small_boards(monkeypatch: pytest.MonkeyPatch) -> int:
    """Boards of 3 entries, so that writes push entities on and off them."""
    monkeypatch.setattr(rollups, "size", lambda: 3)
    return 3


def test_boards_rank_as_a_full_count_does_article_by_article_and_in_bulk(
    tmp_path: Path, small_boards: int
) -> None:
    graphs = random_articles(60)
    with LadybugStore(tmp_path / "one-by-one") as store:
        for graph in graphs:
            store.write([graph])
        for name, params in RANKINGS.items():
            params = {**params, "limit": small_boards}
            kept = run_named(store, name, params)
            assert len(kept) == small_boards
            assert ranking(kept) == ranking(by_scan(store, name, params)), name
        incremental = {name: run_named(store, name, p) for name, p in RANKINGS.items()}
    with LadybugStore(tmp_path / "bulk") as store:
        store.bulk_write(graphs[:20])
        store.bulk_write(graphs[20:])
        assert {name: run_named(store, name, p) for name, p in RANKINGS.items()} == incremental


PERIODS = [("2021", "2021"), ("2020", "2022"), ("2022", ""), ("", "2021"), ("", "")]


def between(store: LadybugStore, types: list[str], since: str, until: str, limit: int) -> list:
    rows = run_named(
        store,
        "ranked_targets_between",
        {"types": types, "since": since, "until": until, "limit": limit},
    )
    assert [row["articles"] for row in rows] == sorted((r["articles"] for r in rows), reverse=True)
    return [
        (r["id"], r["relations"], r["first"], r["last"], r["articles"], r["relationships"])
        for r in sorted(rows, key=lambda r: (-r["articles"], -r["relationships"], r["id"]))
    ]


@pytest.mark.parametrize("types", [["FINED"], REGULATORY])
def test_yearly_boards_add_up_to_the_period_article_by_article_and_in_bulk(
    tmp_path: Path, types: list[str]
) -> None:
    graphs = random_articles(60)
    with LadybugStore(tmp_path / "one-by-one") as store:
        for graph in graphs:
            store.write([graph])
        for since, until in PERIODS:
            expected = yearly_sums(store, types, since, until)
            assert expected, (since, until)
            assert between(store, types, since, until, 4) == expected[:4], (since, until)
        incremental = [between(store, types, *period, 8) for period in PERIODS]
    with LadybugStore(tmp_path / "bulk") as store:
        store.bulk_write(graphs[:20])
        store.bulk_write(graphs[20:])
        assert [between(store, types, *period, 8) for period in PERIODS] == incremental


def test_a_yearly_board_keeps_the_leaders_of_its_year_as_entities_come_and_go(
    tmp_path: Path, small_boards: int
) -> None:
    with LadybugStore(tmp_path / "db") as store:
        for graph in random_articles(60):
            store.write([graph])
        for year in ("2020", "2021", "2022", "2023"):
            expected = yearly_sums(store, REGULATORY, year, year)
            assert len(expected) > small_boards
            found = between(store, REGULATORY, year, year, small_boards)
            assert [row[4:] for row in found] == [row[4:] for row in expected[:small_boards]]


def test_ranked_targets_carry_the_latest_evidence(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "db") as store:
        store.write(random_articles(40))
        for limit in (1, 2, 5, 50):  # ties at the cut, and more than there are
            params = {"types": ["FINED"], "limit": limit}
            expected = ranking(by_scan(store, "ranked_targets", params))
            assert ranking(run_named(store, "ranked_targets", params)) == expected, limit
        rows = run_named(store, "ranked_targets", {"types": REGULATORY, "limit": 3})
        scanned = by_scan(store, "ranked_targets", {"types": REGULATORY, "limit": 3})
        assert ranking(rows) == ranking(scanned)
        for row in rows:
            evidence = row["evidence"]
            assert 1 <= len(evidence) <= rollups.EVIDENCE_PER_ENTRY
            dates = [item["date"] for item in evidence]
            assert dates == sorted(dates, reverse=True) and dates[0] == row["last"]
            assert all(row["name"] in item["sentence"] for item in evidence)
            assert all(item["source"].startswith("Story ") for item in evidence)


def test_summary_counts_every_table(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "db") as store:
        for graph in random_articles(30):
            store.write([graph])
        summary = {
            (r["kind"], r["type"]): r["count"] for r in run_named(store, "graph_summary", {})
        }
        for (kind, table), count in summary.items():
            pattern = f"(n:{table})" if kind == "node" else f"()-[n:{table}]->()"
            assert store.run(f"MATCH {pattern} RETURN count(*) AS n")[0]["n"] == count
        assert summary[("node", "Article")] == 30 and ("relationship", "FINED") in summary


def test_a_store_written_before_rollups_gets_them_when_opened_for_writing(tmp_path: Path) -> None:
    with open_store(tmp_path / "db") as store:
        store.write(random_articles(25))
        expected = {name: run_named(store, name, p) for name, p in RANKINGS.items()}
        yearly = [between(store, REGULATORY, *period, 8) for period in PERIODS]
        summary = run_named(store, "graph_summary", {})
        index = run_named(store, "entity_index", {"offset": 0, "limit": 10_000})
        store.run("MATCH (b:Board) DETACH DELETE b")
        store.run("MATCH (c:Count) DELETE c")
        store.run("MATCH (i:IndexEntry) DETACH DELETE i")
        assert not run_named(store, "most_active_regulators", {"limit": 5})
        assert not run_named(store, "entity_index", {"offset": 0, "limit": 10})
    with open_store(tmp_path / "db") as store:
        assert {name: run_named(store, name, p) for name, p in RANKINGS.items()} == expected
        assert [between(store, REGULATORY, *period, 8) for period in PERIODS] == yearly
        assert run_named(store, "graph_summary", {}) == summary
        assert run_named(store, "entity_index", {"offset": 0, "limit": 10_000}) == index


YEARLY = {"types": ["FINED"], "since": "2020", "until": "", "limit": 3}


@pytest.mark.parametrize(
    ("older", "query", "params"),
    [
        (
            ["DROP TABLE LEADS", "DROP TABLE LISTS", "DROP TABLE Board", "DROP TABLE IndexEntry",
             "DROP TABLE Count"],
            "graph_summary",
            {},
        ),
        (
            ["ALTER TABLE LEADS DROP entity", "MATCH (b:Board) WHERE b.key CONTAINS '@' OR "
             "b.key = $marker DETACH DELETE b"],
            "ranked_targets_between",
            YEARLY,
        ),
    ],
    ids=["before-rollups", "before-yearly-boards"],
)  # fmt: skip
def test_an_older_store_opened_read_only_says_how_to_build_its_rollups(
    tmp_path: Path, older: list[str], query: str, params: dict
) -> None:
    with open_store(tmp_path / "db") as store:
        store.write(random_articles(12))
        expected = run_named(store, query, params)
        for statement in older:
            store.run(
                statement, {"marker": rollups.BY_YEAR_MARKER} if "$marker" in statement else {}
            )
    with (
        open_store(tmp_path / "db", read_only=True) as store,
        pytest.raises(StoreError, match="older kg .* open it for writing once"),
    ):
        run_named(store, query, params)
    with open_store(tmp_path / "db") as store:
        assert expected and run_named(store, query, params) == expected


def test_ranked_targets_takes_only_type_sets_the_store_ranks() -> None:
    query = find_query("ranked_targets")
    punished = "SUMMONED,FINED,ORDERED,INVESTIGATES,SUSPENDED"
    assert query.bind({"types": punished, "limit": "5"})["types"] == punished.split(",")
    with pytest.raises(QueryError, match="no ranking is kept for relationship types FINED,MET"):
        query.bind({"types": "FINED,MET", "limit": "5"})


def test_every_statement_template_is_filled_by_one_checked_function() -> None:
    from kg.store.schema import fill, statement

    counted = fill(statement("count_relationships"), RELATION="FINED")
    assert "__" not in counted and "FINED" in counted
    with pytest.raises(KeyError):
        fill(statement("count_relationships"), RELATION="BRIBED")  # not in the ontology
    with pytest.raises(ValueError, match="not filled: __PATTERN__, __PERIODS__"):
        fill(statement("board_evidence"), LABEL="Company")


def test_arrow_tables_are_scanned_through_one_helper_that_owns_their_name() -> None:
    import re
    from pathlib import Path

    kg_dir = Path(__file__).resolve().parents[1] / "kg"
    statements = {p.name: p.read_text() for p in (kg_dir / "store").glob("*.cypher")}
    scans = re.compile(r"^(?:LOAD|COPY \w+) FROM (\S+)", re.M)
    named = {name: set(scans.findall(text)) for name, text in statements.items()}
    assert {n for names in named.values() for n in names} == {"__ROWS__"}
    users = [p.relative_to(kg_dir).as_posix() for p in kg_dir.rglob("*.py")
             if "scanned_rows" in p.read_text()]  # fmt: skip
    assert users == ["store/ladybug_store.py"]

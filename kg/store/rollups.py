"""Counts and rankings the embedded store keeps up to date as it writes, so that the summary
and the ranking queries read a few rows instead of the whole graph.

Counts: a `Count` node per table, recounted for the tables a write touched (LadybugDB counts a
table from its storage, fast but not free). Rankings: a `Board` node per ranking of
kg/data/rankings.yaml with `LEADS` edges to its leading entities, carrying their scores and a
few pieces of evidence. Relationships are only ever added, so scores only grow: rescoring the
entities a write touched and keeping the best of them and the board's members keeps every board
exactly the leaders of the whole graph. A board kept by year has a board per calendar year beside
it, rescored with it from the same reading of the relationships. Entity index: an `IndexEntry`
node per position 0, 1, ... with a `LISTS` edge to the entity there, so that a page of entities
is a range of positions (LadybugDB has no ordered index to page through a sorted table).
Entities are never removed, so new ones take the next positions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.data_files import BoardSpec, RankingsFile, load_checked
from kg.model import ArticleGraph
from kg.ontology import ontology
from kg.store.bulk import rows_table
from kg.store.schema import LEADS_COLUMNS, fill, statement

EVIDENCE_PER_ENTRY = 3
TARGETS_PREFIX = "targets:"
YEAR_SEPARATOR = "@"
# A board key no ranking uses: a store where it is missing was written before boards were kept
# by year, and gets its boards rescored whole.
BY_YEAR_MARKER = "by-year"

Run = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
# Runs a statement that reads an Arrow table of rows as `LOAD FROM __ROWS__`.
Load = Callable[[str, Any], list[dict[str, Any]]]
# Rows that take an entity off a board, and rows that put one on with its scores and evidence.
ENTRY_COLUMNS = [("board", "STRING"), ("id", "STRING")]
BOARD_ROW_COLUMNS = [*ENTRY_COLUMNS, *((n, t) for n, t in LEADS_COLUMNS.items() if n != "entity")]


@dataclass(frozen=True)
class Board:
    """One kept ranking: entities of LABEL at the RANKED end of relationships of TYPES."""

    key: str
    label: str
    ranked: str  # "subject" or "object"
    types: tuple[str, ...]
    partner: str | None = None  # the other end's label, when the ranking requires one
    by_year: bool = False  # also kept per calendar year: boards KEY@YEAR

    def periods(self) -> str:
        """The Cypher list of periods relationship e counts in: '' (all time) and, kept by
        year, the year of its date if it has one."""
        if not self.by_year:
            return "['']"
        return "list_distinct(['', substring(coalesce(e.date, ''), 1, 4)])"

    def key_of(self, period: str) -> str:
        """The key of this board's board for PERIOD ('' is all time, else a year)."""
        return f"{self.key}{YEAR_SEPARATOR}{period}" if period else self.key

    def pattern(self) -> str:
        """The MATCH pattern from the ranked entity x over relationships e to counterparts p."""
        types = "|".join(self.types)
        partner = f":{self.partner}" if self.partner else ""
        if self.ranked == "subject":
            return f"(x)-[e:{types}]->(p{partner})"
        return f"(x)<-[e:{types}]-(p{partner})"

    def counts(self, subject_label: str, rel_type: str, object_label: str) -> str | None:
        """Which end of a SUBJECT_LABEL -REL_TYPE-> OBJECT_LABEL relationship this board
        ranks ("subject" or "object"), or None if the board does not count it."""
        ranked, other = (
            (subject_label, object_label)
            if self.ranked == "subject"
            else (object_label, subject_label)
        )
        if rel_type not in self.types or ranked != self.label:
            return None
        if self.partner and other != self.partner:
            return None
        return self.ranked


def targets_key(types: Iterable[str]) -> str:
    """The key of the ranked_targets board for a set of relationship types."""
    return TARGETS_PREFIX + ",".join(sorted(set(types)))


@cache
def size() -> int:
    """How many entities each board keeps."""
    return load_checked("rankings.yaml", RankingsFile).size


@cache
def boards() -> dict[str, Board]:
    """Every kept ranking by key, checked against the ontology."""
    model = ontology()
    raw = load_checked("rankings.yaml", RankingsFile)
    found = {key: _board(key, spec) for key, spec in raw.boards.items()}
    targets = raw.targets
    singles = [(name,) for name, rel in model.relations.items() if targets.label in rel.range]
    for types in (*singles, *raw.target_sets):
        key = targets_key(types)
        found[key] = _board(key, targets.model_copy(update={"types": tuple(types)}))
    return found


def _board(key: str, spec: BoardSpec) -> Board:
    return Board(key, spec.label, spec.ranked, spec.types, spec.partner, spec.by_year)


def target_type_sets() -> list[str]:
    """The type sets ranked_targets can rank by, comma-joined."""
    return sorted(k.removeprefix(TARGETS_PREFIX) for k in boards() if k.startswith(TARGETS_PREFIX))


def touched(graphs: Iterable[ArticleGraph]) -> dict[str, set[str]]:
    """The ids of the entities whose scores on each board GRAPHS may change, boards by year
    included."""
    out: dict[str, set[str]] = defaultdict(set)
    kept = boards().values()
    for graph in graphs:
        label_of = {entity.id: entity.label for entity in graph.entities}
        for r in graph.relations:
            subject_label, object_label = label_of[r.subject], label_of[r.object]
            for board in kept:
                end = board.counts(subject_label, r.type, object_label)
                if end is None:
                    continue
                ranked = r.subject if end == "subject" else r.object
                out[board.key].add(ranked)
                if board.by_year and r.date:
                    out[board.key_of(r.date[:4])].add(ranked)
    return out


def entities_of(graphs: Iterable[ArticleGraph]) -> dict[str, set[str]]:
    """The ids of the entities GRAPHS write, by label."""
    out: dict[str, set[str]] = defaultdict(set)
    for graph in graphs:
        for entity in graph.entities:
            out[entity.label].add(entity.id)
    return out


def tables_of(graphs: Iterable[ArticleGraph]) -> set[str]:
    """The node and relationship tables a write of GRAPHS adds to."""
    model = ontology()
    tables = {model.article_label, model.mentions_type}
    for graph in graphs:
        tables.update(entity.label for entity in graph.entities)
        tables.update(r.type for r in graph.relations)
    return tables


def all_tables() -> set[str]:
    """Every table graph_summary reports."""
    model = ontology()
    return {*model.labels, model.article_label, *model.relations, model.mentions_type}


class Rollups:
    """Keeps the Count and Board nodes of one embedded store up to date; RUN and LOAD execute
    a statement inside the caller's transaction."""

    def __init__(self, run: Run, load: Load) -> None:
        self._run = run
        self._load = load

    def create_boards(self) -> list[str]:
        """Make sure every board exists; the keys of those that did not (every board's, in a
        store written before boards were kept by year: they are all to be rescored)."""
        keys = [*sorted(boards()), BY_YEAR_MARKER]
        created = [row["key"] for row in self._run(statement("boards_create"), {"keys": keys})]
        if BY_YEAR_MARKER in created:
            return sorted(boards())
        return created

    def has_counts(self) -> bool:
        """Whether the store has been counted (stores written before rollups have not)."""
        return bool(self._run(statement("any_count"), {}))

    def recount(self, tables: set[str]) -> None:
        """Count the rows of TABLES again."""
        model = ontology()
        rows = []
        for table in sorted(tables):
            is_node = table in (*model.labels, model.article_label)
            if is_node:
                query = fill(statement("count_nodes"), LABEL=table)
            else:
                rel = table if table == model.mentions_type else model.relation(table).name
                query = fill(statement("count_relationships"), RELATION=rel)
            count = self._run(query, {})[0]["n"]
            kind = "node" if is_node else "relationship"
            rows.append({"key": f"{kind}:{table}", "kind": kind, "type": table, "count": count})
        self._run(statement("set_counts"), {"rows": rows})

    def index(self, entities: Mapping[str, set[str]] | None = None) -> None:
        """List in the entity index those of ENTITIES (ids by label; None: every entity) it
        does not list yet, in id order after the listed ones."""
        unlisted = sorted(
            (entity_id, label)
            for label in ontology().labels
            for entity_id in self._unlisted(
                label, None if entities is None else entities.get(label, set())
            )
        )
        if not unlisted:
            return
        start = self._run(statement("index_size"), {})[0]["n"]
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for position, (entity_id, label) in enumerate(unlisted, start):
            by_label[label].append({"id": entity_id, "position": position})
        for label, rows in by_label.items():
            self._run(fill(statement("index_add"), LABEL=label), {"rows": rows})

    def refresh(self) -> None:
        """Bring everything up to date after writes that did not go through the store (Cypher
        run with kg query --write): every count, every board, the entity index."""
        self.recount(all_tables())
        self.rescore(dict.fromkeys(boards()))
        dangling = [r["position"] for r in self._run(statement("index_dangling"), {})]
        if dangling:
            self._run(statement("index_drop"), {"positions": dangling})
            self.close_gaps(dangling)
        self.index()

    def close_gaps(self, freed: Iterable[int]) -> None:
        """Keep the entity index dense (it is read by position ranges) after the entries at
        FREED were deleted: the last entries move into the gaps."""
        for gap in sorted(freed):
            last = self._run(statement("index_next"), {})[0]["next"]
            if last is None or gap >= last:
                return  # the gaps left are past the last entry
            (row,) = self._run(statement("index_at"), {"position": last - 1})
            query = fill(statement("index_move"), LABEL=row["label"])
            self._run(query, {"from": last - 1, "to": gap})

    def index_complete(self) -> bool:
        """Whether the entity index lists as many entities as the counts say the store has
        (stores written before the index was kept list none)."""
        keys = [f"node:{label}" for label in ontology().labels]
        counted = self._run(statement("entity_count"), {"keys": keys})[0]["n"] or 0
        return bool(self._run(statement("index_size"), {})[0]["n"] == counted)

    def _unlisted(self, label: str, ids: set[str] | None) -> list[str]:
        """Which of IDS (None: every entity of LABEL) the entity index does not list."""
        if ids is not None and not ids:
            return []
        query = fill(statement("index_unlisted"), {"ENTITIES": _picked(label, ids)})
        return [row["id"] for row in self._run(query, {"ids": sorted(ids or ())})]

    def rescore(self, entities: Mapping[str, set[str] | None]) -> None:
        """Rescore ENTITIES (ids by board key, boards by year included; None: every entity of
        the board's label, in every year) and keep each board's leaders."""
        periods: dict[str, set[str]] = defaultdict(set)
        for key in entities:
            base, _, period = key.partition(YEAR_SEPARATOR)
            periods[base].add(period)
        for key, ids in entities.items():
            if YEAR_SEPARATOR not in key and (ids is None or ids):
                self._rescore_board(boards()[key], ids, None if ids is None else periods[key])

    def _rescore_board(self, board: Board, ids: set[str] | None, periods: set[str] | None) -> None:
        """Rescore IDS on BOARD and on its boards by year of PERIODS (None: all), from one
        reading of their relationships, and keep each board's leaders."""
        query = fill(statement("board_scores"), {"ENTITIES": _picked(board.label, ids),
                                                 **_board_fragments(board)})  # fmt: skip
        scores: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for row in self._run(query, {"ids": sorted(ids or ())}):
            if periods is None or row["period"] in periods:
                scores[board.key_of(row["period"])][row["id"]] = row
        if not scores:
            return
        self._run(statement("boards_create"), {"keys": sorted(scores)})
        members: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for row in self._run(statement("board_members"), {"boards": sorted(scores)}):
            members[row["board"]][row["id"]] = row
        dropped, changed = [], []
        for key, scored in scores.items():
            ranked = sorted({**members[key], **scored}.values(), key=_rank)[: size()]
            leaders = {row["id"] for row in ranked}
            dropped += [{"board": key, "id": i} for i in sorted(set(members[key]) - leaders)]
            changed += [(key, row) for row in ranked if row["id"] in scored]
        # an entry changes by taking it off and putting it back: LadybugDB sets the ten
        # properties of a kept entry one by one, ~8x slower
        dropped += [{"board": key, "id": row["id"]} for key, row in changed
                    if row["id"] in members[key]]  # fmt: skip
        if dropped:
            self._load(
                fill(statement("board_drop"), LABEL=board.label), rows_table(dropped, ENTRY_COLUMNS)
            )
        if not changed:
            return
        evidence = self._evidence(board, {(key, row["id"]) for key, row in changed})
        rows = [
            {"board": key, **_entry(row), **evidence.get((key, row["id"]), _NO_EVIDENCE)}
            for key, row in changed
        ]
        self._load(
            fill(statement("board_add"), LABEL=board.label), rows_table(rows, BOARD_ROW_COLUMNS)
        )

    def _evidence(
        self, board: Board, entries: set[tuple[str, str]]
    ) -> dict[tuple[str, str], dict[str, list[str]]]:
        """The latest few pieces of evidence of ENTRIES, (board key, entity id) pairs of BOARD
        and its boards by year."""
        query = fill(statement("board_evidence"), _board_fragments(board), LABEL=board.label)
        by_entry: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        ids = sorted({entity_id for _, entity_id in entries})
        for row in self._run(query, {"ids": ids}):
            entry = (board.key_of(row["period"]), row["id"])
            if entry in entries:
                by_entry[entry].append(row)
        out = {}
        for entry, items in by_entry.items():
            latest = sorted(
                items, key=lambda r: (r["date"] or "", r["sentence"] or ""), reverse=True
            )
            latest = latest[:EVIDENCE_PER_ENTRY]
            out[entry] = {
                "sentences": [r["sentence"] or "" for r in latest],
                "sources": [str(r["source"] or "") for r in latest],
                "dates": [r["date"] or "" for r in latest],
            }
        return out


def _board_fragments(board: Board) -> dict[str, str]:
    return {"PATTERN": board.pattern(), "PERIODS": board.periods()}


def _picked(label: str, ids: set[str] | None) -> str:
    """A clause binding x to the entities of LABEL with ids $ids (None: to all of them)."""
    if ids is None:
        return f"MATCH (x:{label})"
    return f"UNWIND $ids AS id MATCH (x:{label} {{id: id}})"


_NO_EVIDENCE: dict[str, list[str]] = {"sentences": [], "sources": [], "dates": []}


def _rank(row: dict[str, Any]) -> tuple[Any, ...]:
    return (-row["articles"], -row["actions"], row["name"] or "", row["id"])


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "articles": row["articles"],
        "actions": row["actions"],
        "partners": row["partners"],
        "relations": sorted(row["relations"] or []),
        "first": row["first"],
        "last": row["last"],
    }

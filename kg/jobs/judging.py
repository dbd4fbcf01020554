"""People's judgements on a stored graph: merge two entities, keep two apart, reject a fact,
undo the last judgement; list the pairs worth judging; share judgements between stores.

A merge or a rejection rewrites the stored articles it touches (through the store's replacing
write, so counts, rankings and orphans follow) in the transaction that records it, and keeps
those articles as they were so that `undo` can put them back. Every later ingest applies the
judgements (see known_actors)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from kg.errors import KGError
from kg.model import ArticleGraph, Document, Entity, Judgement, Relation, fact_id
from kg.ontology import ontology
from kg.resolution.across import KnownActors, entity_record
from kg.resolution.matching import Match, pairs
from kg.resolution.rename import rename
from kg.resolution.rules import name_rules
from kg.store.base import GraphStore
from kg.store.judgements import (
    articles_by_id,
    articles_mentioning,
    judgement_row,
    read_judgements,
)
from kg.store.reader import stored_entities

KINDS = ("merge", "split", "reject")


class JudgementError(KGError):
    """A judgement that cannot be made or undone as asked; nothing was changed."""


@dataclass(frozen=True)
class Candidate:
    """Two entities of one type whose names suggest one actor, for a person to judge."""

    left: Entity
    right: Entity
    match: Match


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _new_id(kind: str, subject: str, obj: str, relation: str, at: str) -> str:
    digest = hashlib.sha1(f"{kind}|{subject}|{obj}|{relation}|{at}".encode()).hexdigest()
    return f"{kind}-{digest[:10]}"


def active(judgements: Iterable[Judgement]) -> list[Judgement]:
    return [j for j in judgements if not j.undone]


def find_entity(store: GraphStore, entity_id: str) -> Entity:
    """The stored entity ENTITY_ID; an unknown id is a JudgementError."""
    from kg.queries.library import run_named

    rows = run_named(store, "entity_card", {"id": entity_id})
    if not rows or rows[0]["id"] is None:
        raise JudgementError(f"no entity with id {entity_id!r} (kg entity NAME shows ids)")
    row = rows[0]
    return Entity(row["id"], row["name"], row["type"], tuple(row["aliases"] or ()), row["wikidata"])


def merge(store: GraphStore, keep: str, gone: str, who: str, note: str = "") -> Judgement:
    """Judge GONE to be the actor KEEP: every edge, alias and mention of GONE moves to KEEP
    and GONE goes; later articles naming GONE's id are written under KEEP."""
    if keep == gone:
        raise JudgementError(f"{keep!r} is one entity already")
    kept, merged = find_entity(store, keep), find_entity(store, gone)
    if kept.label != merged.label:
        raise JudgementError(
            f"{keep!r} is a {kept.label} and {gone!r} a {merged.label}: entities of different "
            "types are never merged"
        )
    judged = active(read_judgements(store))
    for j in judged:
        if j.kind == "split" and {j.subject, j.object} == {keep, gone}:
            raise JudgementError(
                f"{keep!r} and {gone!r} were judged different ({j.id}, by {j.who} at {j.at}); "
                "undo that judgement first"
            )
    at = now()
    judgement = Judgement(
        _new_id("merge", keep, gone, "", at), "merge", keep, gone, "", who, at, note
    )
    return _apply(store, judgement)


Rewrite = tuple[list[ArticleGraph], list[ArticleGraph]]  # stored articles before and after


def _merged(
    store: GraphStore, keep: str, gone: str
) -> tuple[list[ArticleGraph], list[ArticleGraph], dict[str, Any]]:
    """The stored articles naming GONE, as they are and with GONE written as KEEP (its names
    becoming KEEP's aliases), and what undoing needs. Either entity may be absent."""
    kept, merged = _stored(store, keep), _stored(store, gone)
    before = articles_mentioning(store, [gone])
    if kept is None or merged is None:
        return before, [rename(g, {gone: keep}) for g in before], {}
    known = {keep: kept.absorb(merged)}
    after = [rename(g, {gone: keep}, known.get) for g in before]
    return before, after, {"gone": asdict(merged), "kept_aliases": list(kept.aliases)}


def _without_fact(store: GraphStore, key: tuple[str, str, str]) -> Rewrite:
    """The stored articles holding the fact KEY, as they are and without it."""
    before = [
        g for g in articles_mentioning(store, [key[0]]) if any(_key(r) == key for r in g.relations)
    ]
    return before, [rename(g, {}, keep=lambda r: _key(r) != key) for g in before]


def _apply(store: GraphStore, judgement: Judgement, missing: str = "") -> Judgement:
    """Record JUDGEMENT and, if in force, rewrite the stored articles it changes, in one
    transaction; the judgement keeps those articles as they were, for undo. With MISSING, a
    rejection that finds its fact in no article is that error, and nothing is written."""
    after: list[ArticleGraph] = []
    if not judgement.undone and judgement.kind == "merge":
        before, after, undoing = _merged(store, judgement.subject, judgement.object)
        judgement = replace(judgement, detail=_snapshot(before, after, undoing))
    elif not judgement.undone and judgement.kind == "reject":
        key = (judgement.subject, judgement.relation, judgement.object)
        before, after = _without_fact(store, key)
        if missing and not before:
            raise JudgementError(missing)
        judgement = replace(judgement, detail=_snapshot(before, after))
    store.write(after, [judgement_row(judgement)])
    return judgement


def split(store: GraphStore, first: str, second: str, who: str, note: str = "") -> Judgement:
    """Judge FIRST and SECOND (entity ids; the second may be one no article has yet) to be
    different actors: resolution never merges them."""
    if first == second:
        raise JudgementError(f"{first!r} cannot be kept apart from itself")
    find_entity(store, first)
    at = now()
    judgement = Judgement(
        _new_id("split", first, second, "", at), "split", first, second, "", who, at, note
    )
    return _apply(store, judgement)


def parse_fact(fact: str) -> tuple[str, str, str]:
    """'subject/TYPE/object' as its three parts; anything else is a JudgementError."""
    parts = fact.split("/")
    if len(parts) != 3 or not all(parts):
        raise JudgementError(
            f"{fact!r} is not a fact id (subject/TYPE/object, as kg entity prints)"
        )
    subject, relation, obj = parts
    if relation not in ontology().relations:
        raise JudgementError(f"{fact!r}: unknown relationship type {relation!r}")
    return subject, relation, obj


def reject(store: GraphStore, fact: str, who: str, note: str = "") -> Judgement:
    """Judge the fact FACT wrong: its relationships, from every article, leave the graph (kept
    in the judgement, shown by `kg judgements list`); later ingests leave it out too."""
    key = parse_fact(fact)
    at = now()
    judgement = Judgement(
        _new_id("reject", key[0], key[2], key[1], at), "reject", key[0], key[2], key[1], who, at,
        note,
    )  # fmt: skip
    return _apply(store, judgement, missing=f"no fact {fact!r} in the graph")


def rejected_relations(judgement: Judgement) -> list[Relation]:
    """The relationships a rejection took out of the graph, one per article."""
    if judgement.kind != "reject" or not judgement.detail:
        return []
    key = (judgement.subject, judgement.relation, judgement.object)
    before = json.loads(judgement.detail).get("before", ())
    return [r for g in before for r in graph_from_dict(g).relations if _key(r) == key]


def _key(relation: Relation) -> tuple[str, str, str]:
    return (relation.subject, relation.type, relation.object)


def undo(store: GraphStore, who: str) -> Judgement:
    """Undo the latest judgement still in force: the articles it rewrote go back to how they
    were (with the other judgements still applied), unless an article changed since."""
    judged = active(read_judgements(store))
    if not judged:
        raise JudgementError("no judgement to undo")
    last = judged[-1]
    undone = replace(last, undone=True, note=_undo_note(last.note, who))
    if last.kind == "split":
        store.write([], [judgement_row(undone)])
        return undone
    detail = json.loads(last.detail or "{}")
    before = [graph_from_dict(g) for g in detail.get("before", ())]
    current = articles_by_id(store, [g.document.id for g in before])
    if _digest(current) != detail.get("after"):
        changed = ", ".join(sorted(g.document.id for g in before)[:5])
        raise JudgementError(
            f"{last.id}: the articles it changed ({changed}) were written again since; "
            "nothing undone (re-ingest them instead)"
        )
    applied = _applied(judged[:-1])
    targets = {applied["merged"].get(e.id) for g in before for e in g.entities} - {None}
    known = [e for t in sorted(targets) if (e := _stored(store, t)) is not None]
    others = KnownActors(known, **applied, with_gazetteer=False)
    restored = [others.apply(g) for g in before]
    store.write(restored, [judgement_row(undone)])
    if last.kind == "merge" and "gone" in detail:
        _take_back_names(store, last.subject, detail["gone"], detail.get("kept_aliases", []))
    return undone


def _take_back_names(
    store: GraphStore, keep: str, gone: dict[str, Any], kept_aliases: list[str]
) -> None:
    """The names a merge gave KEEP, taken back (names it had before, or has gained from
    other articles since, stay)."""
    kept = _stored(store, keep)
    if kept is None:
        return
    added = {gone["name"], *gone.get("aliases", ())} - set(kept_aliases)
    store.set_aliases(kept.label, keep, [a for a in kept.aliases if a not in added])


def _undo_note(note: str, who: str) -> str:
    return f"{note} (undone by {who} at {now()})".strip()


def _applied(judgements: Iterable[Judgement]) -> dict[str, Any]:
    """What KnownActors takes from judgements in force."""
    merged = {j.object: j.subject for j in judgements if j.kind == "merge"}
    apart = [(j.subject, j.object) for j in judgements if j.kind == "split"]
    rejected = [(j.subject, j.relation, j.object) for j in judgements if j.kind == "reject"]
    return {"merged": merged, "apart": apart, "rejected": rejected}


def known_actors(store: GraphStore) -> KnownActors:
    """What an ingest into STORE resolves new entities onto: the gazetteer, every stored
    entity, and the judgements in force."""
    entities = [
        e for label in ontology().labels for page in stored_entities(store, label) for e in page
    ]
    return KnownActors(entities, **_applied(active(read_judgements(store))))


def candidates(store: GraphStore, limit: int | None = None) -> list[Candidate]:
    """Pairs of stored entities of one type whose names score at least the candidate
    threshold and that no judgement kept apart, best first."""
    rules = name_rules()
    apart = {
        frozenset((j.subject, j.object))
        for j in active(read_judgements(store))
        if j.kind == "split"
    }
    found: list[Candidate] = []
    for label in ontology().labels:
        entities = {e.id: e for page in stored_entities(store, label) for e in page}
        records = [entity_record(e, rules=rules) for e in entities.values()]
        for a, b, match in pairs(records, rules):
            if match.score >= rules.candidate_at and frozenset((a.id, b.id)) not in apart:
                found.append(Candidate(entities[a.id], entities[b.id], match))
    found.sort(key=lambda c: (-c.match.score, c.left.id, c.right.id))
    return found[:limit] if limit else found


def export_rows(store: GraphStore) -> Iterator[dict[str, Any]]:
    """Every judgement as a JSON-ready dict, oldest first (undone ones included)."""
    for judgement in read_judgements(store):
        yield asdict(judgement)


def import_rows(store: GraphStore, rows: Iterable[dict[str, Any]], where: str) -> tuple[int, int]:
    """Add judgements exported from another store, in order, applying those in force; a
    judgement this store has (by id) is skipped. Returns (added, skipped)."""
    have = {j.id for j in read_judgements(store)}
    judgements = [_judgement(row, f"{where}:{n}") for n, row in enumerate(rows, 1)]
    added = skipped = 0
    for judgement in judgements:
        if judgement.id in have:
            skipped += 1
            continue
        _apply(store, judgement)
        have.add(judgement.id)
        added += 1
    return added, skipped


def _judgement(row: Any, where: str) -> Judgement:
    fields = set(Judgement.__dataclass_fields__)
    if not isinstance(row, dict) or not {"id", "kind", "subject", "object"} <= set(row):
        raise JudgementError(f"{where}: not a judgement (needs id, kind, subject, object)")
    if row["kind"] not in KINDS:
        raise JudgementError(f"{where}: unknown judgement kind {row['kind']!r}")
    extra = set(row) - fields
    if extra:
        raise JudgementError(f"{where}: unknown field(s) {', '.join(sorted(extra))}")
    return Judgement(**row)


def _stored(store: GraphStore, entity_id: str) -> Entity | None:
    try:
        return find_entity(store, entity_id)
    except JudgementError:
        return None


def _snapshot(
    before: list[ArticleGraph], after: list[ArticleGraph], extra: dict[str, Any] | None = None
) -> str:
    return json.dumps(
        {"before": [graph_to_dict(g) for g in before], "after": _digest(after), **(extra or {})},
        ensure_ascii=False,
        sort_keys=True,
    )


def _digest(graphs: Iterable[ArticleGraph]) -> str:
    """A fingerprint of what the store holds for some articles (order-free)."""
    canonical = sorted(
        json.dumps(_canonical(g), sort_keys=True, ensure_ascii=False) for g in graphs
    )
    return hashlib.sha1("\n".join(canonical).encode("utf-8")).hexdigest()


def _canonical(graph: ArticleGraph) -> dict[str, Any]:
    return {
        "id": graph.document.id,
        "entities": sorted(e.id for e in graph.entities),
        "mentions": sorted((k, sorted(v)) for k, v in graph.mentions.items()),
        "relations": sorted(
            (r.subject, r.type, r.object, r.evidence, r.date or "", round(r.confidence, 6))
            for r in graph.relations
        ),
    }


def graph_to_dict(graph: ArticleGraph) -> dict[str, Any]:
    """An article's stored version as JSON-ready data."""
    return {
        "document": asdict(graph.document),
        "entities": [asdict(e) for e in graph.entities],
        "mentions": {k: list(v) for k, v in graph.mentions.items()},
        "relations": [asdict(r) for r in graph.relations],
    }


def graph_from_dict(data: dict[str, Any]) -> ArticleGraph:
    """The inverse of graph_to_dict."""
    return ArticleGraph(
        document=Document(**data["document"]),
        entities=tuple(
            Entity(**{**e, "aliases": tuple(e.get("aliases", ()))}) for e in data["entities"]
        ),
        mentions={k: tuple(v) for k, v in data["mentions"].items()},
        relations=tuple(
            Relation(**{**r, "properties": tuple(tuple(p) for p in r.get("properties", ()))})
            for r in data["relations"]
        ),
    )


__all__ = [
    "Candidate",
    "JudgementError",
    "candidates",
    "export_rows",
    "fact_id",
    "import_rows",
    "known_actors",
    "merge",
    "reject",
    "split",
    "undo",
]

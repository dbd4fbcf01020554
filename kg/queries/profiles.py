"""Entity profiles and timelines, anchored on the entity's id after linking its name."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kg.extraction.dates import end_of_period
from kg.model import fact_id
from kg.queries.library import run_named
from kg.queries.linking import LinkedEntity, store_linker
from kg.store.base import GraphStore

TOP_COUNTERPARTS = 8


def linked(store: GraphStore, name: str) -> LinkedEntity:
    """The entity NAME stands for (exact, alias, acronym or a clear fuzzy match)."""
    return store_linker(store).link(name)


def profile(store: GraphStore, name: str) -> dict[str, Any]:
    """Name, type, aliases, QID, relationship counts by type and direction, top counterparts,
    first and last seen."""
    entity = linked(store, name)
    (card,) = run_named(store, "entity_card", {"id": entity.id})
    relations = run_named(store, "entity_relations", {"id": entity.id})
    by_type: Counter[tuple[str, str]] = Counter()
    counterparts: Counter[tuple[str, str]] = Counter()
    dates = []
    facts = []
    for row in relations:
        ends = (entity.id, row["counterpart_id"])
        subject, obj = ends if row["direction"] == "out" else ends[::-1]
        facts.append(
            {
                "fact": fact_id(subject, row["relation"], obj),
                "direction": row["direction"],
                "relation": row["relation"],
                "counterpart": row["counterpart"],
                "articles": row["articles"],
                "first": row["first"],
                "last": row["last"],
            }
        )
        by_type[(row["relation"], row["direction"])] += row["articles"]
        counterparts[(row["counterpart"], row["counterpart_type"])] += row["articles"]
        dates += [d for d in (row["first"], row["last"]) if d]
    return {
        **card,
        "aliases": sorted(set(card.get("aliases") or []) - {card["name"]}),
        "relationships": [
            {"relation": rel, "direction": direction, "articles": count}
            for (rel, direction), count in sorted(by_type.items())
        ],
        "top_counterparts": [
            {"name": n, "type": t, "articles": c}
            for (n, t), c in counterparts.most_common(TOP_COUNTERPARTS)
        ],
        "facts": sorted(facts, key=lambda f: (-f["articles"], f["fact"])),
        "first_relationship": min(dates) if dates else None,
        "last_relationship": max(dates) if dates else None,
    }


def timeline(
    store: GraphStore, name: str, since: str = "", until: str = ""
) -> tuple[LinkedEntity, list[dict[str, Any]]]:
    """The entity and its dated relationships, oldest first."""
    entity = linked(store, name)
    params = {"id": entity.id, "since": since, "until": end_of_period(until) if until else ""}
    rows = run_named(store, "entity_timeline", params)
    return entity, rows


def articles_about(store: GraphStore, name: str) -> tuple[LinkedEntity, list[dict[str, Any]]]:
    """The articles naming NAME's entity, newest first, undated ones last."""
    entity = linked(store, name)
    rows = run_named(store, "entity_articles", {"id": entity.id})
    dated = sorted((r for r in rows if r["published"]), key=lambda r: r["published"], reverse=True)
    return entity, dated + [r for r in rows if not r["published"]]


def coverage(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Articles per period, oldest first, empty periods included: per month when the dated
    articles fall within two years, else per year."""
    dates = sorted(str(r["published"]) for r in rows if r["published"])
    if not dates:
        return []
    first, last = int(dates[0][:4]), int(dates[-1][:4])
    if last - first < 2 and all(len(d) >= 7 for d in dates):
        periods = [f"{y}-{m:02d}" for y in range(first, last + 1) for m in range(1, 13)]
        periods = [p for p in periods if dates[0][:7] <= p <= dates[-1][:7]]
        counts = Counter(d[:7] for d in dates)
    else:
        periods = [str(y) for y in range(first, last + 1)]
        counts = Counter(d[:4] for d in dates)
    return [(period, counts.get(period, 0)) for period in periods]

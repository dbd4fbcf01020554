"""Draws a map from the store: links the name, gathers the relationships, writes the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.dates import end_of_period
from kg.gazetteer import slugify
from kg.mapview import MapRequest, collect_edges, write_map
from kg.profiles import linked
from kg.queries import run_named
from kg.store.base import GraphStore


@dataclass(frozen=True)
class DrawnMap:
    """Where the map went and what it shows."""

    path: Path
    title: str
    entities: int
    relationships: int


def draw_map(
    store: GraphStore, name: str | None, request: MapRequest, out: Path | None
) -> DrawnMap:
    """Map NAME's neighbourhood (or the whole graph when NAME is None) into OUT."""
    title = "the whole graph"
    if name is not None:
        entity = linked(store, name)
        request.centre, title = entity.id, entity.name
    if request.until:
        request.until = end_of_period(request.until)

    def run(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return run_named(store, query, params)

    edges = collect_edges(run, request)
    ids = sorted({e["subject_id"] for e in edges} | {e["object_id"] for e in edges})
    if request.centre is not None:
        ids = sorted({*ids, request.centre})
    details = {row["id"]: row for row in run("map_nodes", {"ids": ids})} if ids else {}
    target = out or Path(f"kg-map-{slugify(title)}.html")
    path = write_map(edges, details, request.centre, target)
    return DrawnMap(path, title, len(ids), len(edges))

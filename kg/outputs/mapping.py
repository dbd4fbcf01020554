"""Draws a map from the store: links the name, gathers the relationships, writes the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extraction.dates import end_of_period
from kg.gazetteer import slugify
from kg.outputs.mapview import MapRequest, collect_edges, write_map
from kg.queries.library import run_named
from kg.queries.profiles import linked
from kg.store.base import GraphStore


@dataclass(frozen=True)
class DrawnMap:
    """Where the map went and what it shows."""

    path: Path
    title: str
    entities: int
    relationships: int


def entity_details(edges: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Name, type, aliases and Wikidata QID of every entity at either end of EDGES."""
    details: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end in ("subject", "object"):
            details[edge[f"{end}_id"]] = {
                "id": edge[f"{end}_id"],
                "name": edge[end],
                "type": edge[f"{end}_type"],
                "aliases": edge[f"{end}_aliases"],
                "wikidata": edge[f"{end}_wikidata"],
            }
    return details


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
    details = entity_details(edges)
    if request.centre is not None and request.centre not in details:
        details.update({row["id"]: row for row in run("entity_card", {"id": request.centre})})
    target = out or Path(f"kg-map-{slugify(title)}.html")
    heading = f"Relationship map of {title}"
    if request.centre is not None:
        heading += f" ({request.depth} step{'s' if request.depth > 1 else ''} around it)"
    path = write_map(edges, details, request.centre, target, heading)
    return DrawnMap(path, title, len(details), len(edges))

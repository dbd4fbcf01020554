"""Interactive relationship maps: one self-contained, offline HTML page drawn with pyvis, with
a legend, search, filters by relationship type, entity type and date, and readable evidence."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.extraction.money import evidence_note
from kg.model import fact_id
from kg.ontology import ontology
from kg.resources import DATA_DIR

MAX_NODES = 2500
MAX_EDGES = 20000
STABILISATION_ITERATIONS = 250
LARGE_MAP = 300  # entities
EVIDENCE_PER_EDGE = 3
PANEL_EVIDENCE = 5  # evidence sentences per relationship in the side panel
# pyvis links Bootstrap from a CDN even with inlined vis.js; the map does not use it.
_REMOTE_ASSET = re.compile(
    r'<(?:link|script)[^>]+(?:href|src)="https?://[^"]+"[^>]*>(?:</script>)?'
)

RunNamed = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


class MapTooLargeError(KGError):
    """More entities than a map can usefully show."""


@dataclass
class MapRequest:
    """What to draw: around one entity (by id) or the whole graph, and the filters."""

    centre: str | None
    depth: int = 1
    types: list[str] = field(default_factory=list)
    since: str = ""
    until: str = ""
    min_confidence: float = 0.0

    def filters(self) -> dict[str, Any]:
        """The filter parameters every map query takes."""
        return {
            "types": self.types,
            "since": self.since,
            "until": self.until,
            "min_confidence": self.min_confidence,
        }


def collect_edges(run_named: RunNamed, request: MapRequest) -> list[dict[str, Any]]:
    """The relationships to draw, ring by ring around the centre (or all of them)."""
    if request.centre is None:
        reports = run_named("map_all_edges", {**request.filters(), "limit": MAX_EDGES + 1})
        if len(reports) > MAX_EDGES:
            raise MapTooLargeError(
                f"the graph has more than {MAX_EDGES} relationships to draw; narrow the map "
                "with --types, --since/--until or --min-confidence, or map one entity"
            )
        _check_size({r["subject_id"] for r in reports} | {r["object_id"] for r in reports})
        ids = sorted({r["article_id"] for r in reports})
        sources = {row["id"]: row for row in run_named("article_sources", {"ids": ids})}
        return by_pair(reports, sources)
    seen = {request.centre}
    frontier = [request.centre]
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for _ in range(request.depth):
        ring: list[str] = []
        for entity_id in frontier:
            for row in run_named("map_edges", {"id": entity_id, **request.filters()}):
                edges[(row["subject_id"], row["relation"], row["object_id"])] = row
                for other in (row["subject_id"], row["object_id"]):
                    if other not in seen:
                        seen.add(other)
                        ring.append(other)
        _check_size(seen)
        frontier = ring
    return list(edges.values())


def by_pair(
    reports: list[dict[str, Any]], sources: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """One row per (subject, relation, object) from one row per report, in the shape map_edges
    returns; SOURCES: the articles' source names and URLs by id."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for report in reports:
        key = (report["subject_id"], report["relation"], report["object_id"])
        grouped.setdefault(key, []).append(report)
    return [_pair(group, sources) for group in grouped.values()]


_REPORT_ONLY = frozenset(
    {"article_id", "date", "confidence", "sentence", "amount", "currency", "modality"}
)


def _pair(reports: list[dict[str, Any]], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    dates = [r["date"] for r in reports if r["date"]]
    return {
        **{key: value for key, value in reports[0].items() if key not in _REPORT_ONLY},
        "articles": len({r["article_id"] for r in reports}),
        "first": min(dates, default=None),
        "last": max(dates, default=None),
        "confidence": max(r["confidence"] for r in reports),
        "evidence": [
            {
                "sentence": r["sentence"],
                "source": sources.get(r["article_id"], {}).get("source") or r["article_id"],
                "url": sources.get(r["article_id"], {}).get("url"),
                "date": r["date"],
                "amount": r.get("amount"),
                "currency": r.get("currency"),
                "modality": r.get("modality"),
            }
            for r in reports
        ],
    }


def _check_size(ids: set[str]) -> None:
    if len(ids) > MAX_NODES:
        raise MapTooLargeError(
            f"the map would show {len(ids)} entities, more than the {MAX_NODES} a map can show "
            "usefully; narrow it with --types, --since/--until, --min-confidence or --depth 1"
        )


def write_map(
    edges: list[dict[str, Any]],
    details: dict[str, dict[str, Any]],
    focus: str | None,
    out: Path,
    heading: str = "Relationship map",
) -> Path:
    """Draw EDGES as a self-contained HTML page at OUT under HEADING (also its title); FOCUS
    (an id) is highlighted; entities are sized by how many relationships they take part in."""
    from pyvis.network import Network

    model = ontology()
    network = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line")
    entities: dict[str, dict[str, Any]] = {}
    for edge in edges:
        entities[edge["subject_id"]] = {"name": edge["subject"], "type": edge["subject_type"]}
        entities[edge["object_id"]] = {"name": edge["object"], "type": edge["object_type"]}
    if focus is not None and focus in details:
        entities.setdefault(focus, {"name": details[focus]["name"], "type": details[focus]["type"]})
    # pyvis's add_node/add_edge are slow on big graphs; its lists are filled directly.
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["subject_id"], edge["object_id"]):
            degree[end] = degree.get(end, 0) + 1
    network.nodes = [
        _node(
            entity_id,
            entity,
            details.get(entity_id, {}),
            entity_id == focus,
            degree.get(entity_id, 0),
            model,
        )
        for entity_id, entity in entities.items()
    ]
    network.node_ids = list(entities)
    network.node_map = {n["id"]: n for n in network.nodes}
    network.edges = [_edge(edge) for edge in edges]
    network.set_options(json.dumps(_options(len(entities))))
    out.parent.mkdir(parents=True, exist_ok=True)
    page = _REMOTE_ASSET.sub("", network.generate_html(notebook=False))
    page = _titled(page, heading)
    out.write_text(_with_controls(page, entities, edges, focus, model), encoding="utf-8")
    return out


def _node(
    entity_id: str,
    entity: dict[str, Any],
    detail: dict[str, Any],
    is_focus: bool,
    degree: int,
    model: Any,
) -> dict[str, Any]:
    lines = [f"{entity['name']} ({entity['type']}), {degree} relationship(s)"]
    aliases = [a for a in detail.get("aliases") or [] if a != entity["name"]]
    if aliases:
        lines.append("Also: " + "; ".join(aliases[:8]))
    if detail.get("wikidata"):
        lines.append(f"Wikidata: https://www.wikidata.org/wiki/{detail['wikidata']}")
    return {
        "id": entity_id,
        "label": entity["name"],
        "title": "\n".join(lines),
        "entityType": entity["type"],
        "aliases": aliases,
        "wikidata": detail.get("wikidata") or "",
        "color": model.colours.get(entity["type"], "#7f7f7f"),
        "shape": model.shapes.get(entity["type"], "dot"),
        "value": degree,
        "degree": degree,
        "borderWidth": 5 if is_focus else 1,
        "font": {"size": 22 if is_focus else 16, "bold": is_focus},
        "focus": is_focus,
    }


def _edge(edge: dict[str, Any]) -> dict[str, Any]:
    articles = int(edge["articles"])
    dates = edge.get("first") or "undated"
    if edge.get("last") and edge.get("last") != edge.get("first"):
        dates += f" to {edge['last']}"
    lines = [
        f"{edge['subject']} {edge['relation']} {edge['object']}",
        f"{articles} article(s), {dates}, confidence {edge.get('confidence') or 0:.2f}",
    ]
    for item in (edge.get("evidence") or [])[:EVIDENCE_PER_EDGE]:
        sentence = " ".join(str(item.get("sentence") or "").split())
        lines.append(f'- "{sentence}" ({evidence_note(item)})')
    fact = fact_id(edge["subject_id"], edge["relation"], edge["object_id"])
    lines.append(f"fact {fact} (kg reject {fact} if wrong)")
    evidence = sorted(
        edge.get("evidence") or [], key=lambda e: str(e.get("date") or ""), reverse=True
    )
    return {
        "fact": fact,
        "articles": articles,
        "evidence": [
            {
                "sentence": " ".join(str(item.get("sentence") or "").split()),
                "note": evidence_note(item),
                "url": item.get("url") or "",
            }
            for item in evidence[:PANEL_EVIDENCE]
        ],
        "from": edge["subject_id"],
        "to": edge["object_id"],
        "label": edge["relation"],
        "relation": edge["relation"],
        "title": "\n".join(lines),
        "width": 1 + min(articles, 8),
        "first": edge.get("first") or "",
        "last": edge.get("last") or "",
        "arrows": "to",
    }


def _options(nodes: int) -> dict[str, Any]:
    options = _base_options()
    if nodes > LARGE_MAP:
        # vis.js's improved layout and curved edges (a physics body per edge) take minutes on
        # thousands of entities; straight edges and the plain layout take seconds
        options["layout"] = {"improvedLayout": False}
        options["edges"]["smooth"] = False
    return options


def _base_options() -> dict[str, Any]:
    return {
        "physics": {
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": STABILISATION_ITERATIONS, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
        # sized by degree, labels legible at the default zoom
        "nodes": {
            "scaling": {"min": 12, "max": 48, "label": {"enabled": True, "min": 16, "max": 30}},
            "font": {"strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        # edge labels are drawn when zoomed in or hovered (map.js), not over every line
        "edges": {
            "font": {"size": 0, "align": "top", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": {"type": "dynamic"},
        },
    }


def _with_controls(
    page: str,
    entities: dict[str, dict[str, Any]],
    edges: list[dict[str, Any]],
    focus: str | None,
    model: Any,
) -> str:
    """The legend, search box and filters, injected into pyvis's page."""
    counts: dict[str, int] = {}
    for entity in entities.values():
        counts[entity["type"]] = counts.get(entity["type"], 0) + 1
    relation_counts: dict[str, int] = {}
    for edge in edges:
        relation_counts[edge["relation"]] = relation_counts.get(edge["relation"], 0) + 1
    config = {
        "entityTypes": [
            {"name": label, "count": count, "colour": model.colours.get(label, "#7f7f7f")}
            for label, count in sorted(counts.items())
        ],
        "relations": [{"name": r, "count": c} for r, c in sorted(relation_counts.items())],
        "focus": focus,
    }
    style = (DATA_DIR / "map.css").read_text(encoding="utf-8")
    script = (DATA_DIR / "map.js").read_text(encoding="utf-8")
    panel = (
        f"<style>{style}</style>\n"
        f'<div id="kg-controls"></div>\n'
        f'<script id="kg-config" type="application/json">{_json_for_html(config)}</script>\n'
        f"<script>{script}</script>\n"
    )
    return page.replace("</body>", panel + "</body>", 1)


def _titled(page: str, heading: str) -> str:
    """PAGE with HEADING as its title and as a heading above the map."""
    safe = html.escape(heading)
    page = page.replace("<head>", f"<head>\n<title>{safe}</title>", 1)
    return re.sub(
        r"<body[^>]*>", lambda m: f'{m[0]}\n<h1 id="kg-heading">{safe}</h1>', page, count=1
    )


def _json_for_html(value: Any) -> str:
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")

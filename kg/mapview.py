"""Writes an interactive HTML relationship map around an entity with pyvis."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.ontology import ontology

MAX_NODES = 400
# pyvis links Bootstrap from a CDN even with inlined vis.js; the map does not use it.
_REMOTE_ASSET = re.compile(
    r'<(?:link|script)[^>]+(?:href|src)="https?://[^"]+"[^>]*>(?:</script>)?'
)


def collect_edges(
    run_named: Callable[[str, dict[str, Any]], list[dict[str, Any]]], centre: str, depth: int
) -> list[dict[str, Any]]:
    """Edges within DEPTH hops of CENTRE, expanded one ring at a time."""
    seen_nodes = {centre}
    frontier = [centre]
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for _ in range(max(depth, 1)):
        next_frontier: list[str] = []
        for name in frontier:
            for row in run_named("neighbourhood", {"names": name}):
                edges[(row["subject"], row["relation"], row["object"])] = row
                for other in (row["subject"], row["object"]):
                    if other not in seen_nodes and len(seen_nodes) < MAX_NODES:
                        seen_nodes.add(other)
                        next_frontier.append(other)
        frontier = next_frontier
    return [e for e in edges.values() if e["subject"] in seen_nodes and e["object"] in seen_nodes]


def write_map(edges: list[dict[str, Any]], centre: str, out: Path) -> Path:
    """Draw EDGES as an HTML page at OUT, the CENTRE entity highlighted."""
    from pyvis.network import Network

    model = ontology()
    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    nodes: dict[str, str] = {}
    for edge in edges:
        nodes[edge["subject"]] = edge["subject_type"]
        nodes[edge["object"]] = edge["object_type"]
    nodes.setdefault(centre, "")
    for name, label in nodes.items():
        network.add_node(
            name,
            label=name,
            title=f"{name} ({label})",
            color=model.colours.get(label, "#7f7f7f"),
            shape=model.shapes.get(label, "dot"),
            size=30 if name == centre else 15,
            borderWidth=4 if name == centre else 1,
        )
    for edge in edges:
        evidence = html.unescape(edge.get("evidence") or "")
        network.add_edge(
            edge["subject"],
            edge["object"],
            label=edge["relation"],
            title=f"{edge['relation']} ({edge['articles']} article(s), "
            f"{edge.get('first') or 'undated'}): {evidence}",
            width=1 + min(int(edge["articles"]), 8),
        )
    network.toggle_physics(True)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = _REMOTE_ASSET.sub("", network.generate_html(notebook=False))
    out.write_text(page, encoding="utf-8")
    return out

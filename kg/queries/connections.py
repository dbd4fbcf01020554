"""How two entities are connected, as an analyst reads it: one answer per chain of entities
(not per chain of relationship rows), shortest and best supported first, each hop with the
way it points, every relationship type between its two ends and one evidence sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RunNamed = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
MAX_CONNECTIONS = 10


def connections(run: RunNamed, paths: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of paths_between (ids, entities, relations, hops) as connection answers."""
    relations_of: dict[str, list[dict[str, Any]]] = {}

    def around(entity_id: str) -> list[dict[str, Any]]:
        if entity_id not in relations_of:
            relations_of[entity_id] = run("entity_relations", {"id": entity_id})
        return relations_of[entity_id]

    chains: dict[tuple[str, ...], list[str]] = {}
    for path in paths:
        chains.setdefault(tuple(path["ids"]), list(path["entities"]))
    answers = []
    for ids, names in chains.items():
        steps = [
            _step(around(ids[i]), ids[i], names[i], ids[i + 1], names[i + 1], run)
            for i in range(len(ids) - 1)
        ]
        answers.append(
            {
                "path": _path_text(names, steps),
                "hops": len(steps),
                "articles": min(step["articles"] for step in steps),
                "steps": steps,
            }
        )
    answers.sort(key=lambda a: (a["hops"], -a["articles"], a["path"]))
    return answers[:MAX_CONNECTIONS]


def _step(
    relations: list[dict[str, Any]],
    a_id: str,
    a_name: str,
    b_id: str,
    b_name: str,
    run: RunNamed,
) -> dict[str, Any]:
    """Every relationship between A and B, each pointing its own way, the best supported
    first, with the evidence of the first."""
    facts = sorted(
        (
            {
                "subject": a_name if row["direction"] == "out" else b_name,
                "relation": row["relation"],
                "object": b_name if row["direction"] == "out" else a_name,
                "articles": row["articles"],
                "first": row["first"],
                "last": row["last"],
            }
            for row in relations
            if row["counterpart_id"] == b_id
        ),
        key=lambda f: (-f["articles"], f["relation"]),
    )
    best = facts[0]
    evidence = run(
        "evidence", {"subject": best["subject"], "type": best["relation"], "object": best["object"]}
    )
    latest = evidence[-1] if evidence else {}
    return {
        **best,
        "also": [f"{f['subject']} {f['relation']} {f['object']}" for f in facts[1:]],
        "articles": sum(f["articles"] for f in facts),
        "evidence": {
            "sentence": latest.get("evidence"),
            "source": latest.get("source"),
            "date": latest.get("date"),
        },
    }


def _path_text(names: list[str], steps: list[dict[str, Any]]) -> str:
    """'Jack Ma -FOUNDED-> Ant Group <-ORDERED- People's Bank of China'."""
    text = names[0]
    for name, step in zip(names[1:], steps, strict=True):
        forward = step["object"] == name and step["subject"] != name
        arrow = f" -{step['relation']}-> " if forward else f" <-{step['relation']}- "
        text += arrow + name
    return text

"""Scores extraction against gold annotations exactly as ONTOLOGY.md defines."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.gazetteer import normalise_surface
from kg.ontology import ontology
from kg.scores import f1, share


@dataclass
class Tally:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int]:
        """Precision, recall and F1 (0 where undefined), with the counts."""
        p = share(self.tp, self.tp + self.fp)
        r = share(self.tp, self.tp + self.fn)
        f = f1(p, r)
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scoreboard:
    """Running tallies over documents, overall and per type."""

    documents: int = 0
    entities: Tally = field(default_factory=Tally)
    relations: Tally = field(default_factory=Tally)
    entity_types: dict[str, Tally] = field(default_factory=dict)
    relation_types: dict[str, Tally] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md."""
        return {
            "documents": self.documents,
            "entities": {
                **self.entities.scores(),
                "per_type": {k: v.scores() for k, v in sorted(self.entity_types.items())},
            },
            "relations": {
                **self.relations.scores(),
                "per_type": {k: v.scores() for k, v in sorted(self.relation_types.items())},
            },
        }


def _match_entities(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[int, int]:
    """One-to-one: predicted index -> gold index, sharing a surface form and the type."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for p_index, p in enumerate(predicted):
        surfaces = {normalise_surface(s) for s in [*p.get("mentions", []), p["name"]]}
        for g_index, g in enumerate(gold):
            if g_index in used or g["type"] != p["type"]:
                continue
            if surfaces & {normalise_surface(m) for m in g.get("mentions", [])}:
                matched[p_index] = g_index
                used.add(g_index)
                break
    return matched


def score_document(predicted: dict[str, Any], gold: dict[str, Any], board: Scoreboard) -> None:
    """Add one document's entity and relationship matches to BOARD."""
    board.documents += 1
    p_entities, g_entities = predicted.get("entities", []), gold.get("entities", [])
    matched = _match_entities(p_entities, g_entities)
    for p_index, p in enumerate(p_entities):
        tally = board.entity_types.setdefault(p["type"], Tally())
        hit = p_index in matched
        board.entities.tp += hit
        board.entities.fp += not hit
        tally.tp += hit
        tally.fp += not hit
    for g_index, g in enumerate(g_entities):
        if g_index not in matched.values():
            board.entities.fn += 1
            board.entity_types.setdefault(g["type"], Tally()).fn += 1

    gold_index_of = {p_entities[p]["name"]: g_entities[g]["name"] for p, g in matched.items()}
    symmetric = {n for n, t in ontology().relations.items() if t.symmetric}
    remaining = Counter((r["subject"], r["type"], r["object"]) for r in gold.get("relations", []))
    for r in predicted.get("relations", []):
        s, o = gold_index_of.get(r["subject"]), gold_index_of.get(r["object"])
        keys = [(s, r["type"], o)] + ([(o, r["type"], s)] if r["type"] in symmetric else [])
        hit_key = next((k for k in keys if remaining.get(k, 0) > 0), None)
        tally = board.relation_types.setdefault(r["type"], Tally())
        if hit_key:
            remaining[hit_key] -= 1
            board.relations.tp += 1
            tally.tp += 1
        else:
            board.relations.fp += 1
            tally.fp += 1
            board.errors.append(
                {
                    "document": gold.get("id"),
                    "kind": "false_positive",
                    **r,
                    # which ends the gold knows: an end it does not know is an entity error
                    "ends_in_gold": [s is not None, o is not None],
                }
            )
    found_gold = set(gold_index_of.values())
    for (s, t, o), count in remaining.items():
        for _ in range(count):
            board.relations.fn += 1
            board.relation_types.setdefault(t, Tally()).fn += 1
            evidence = next(
                (
                    g.get("evidence")
                    for g in gold["relations"]
                    if (g["subject"], g["type"], g["object"]) == (s, t, o)
                ),
                None,
            )
            board.errors.append(
                {
                    "document": gold.get("id"),
                    "kind": "false_negative",
                    "subject": s,
                    "type": t,
                    "object": o,
                    "evidence": evidence,
                    "ends_found": [s in found_gold, o in found_gold],
                }
            )


def evaluate(
    pairs: Iterable[tuple[Path, Path]],
    extract: Callable[[list[Path]], Iterable[dict[str, Any]]],
) -> Scoreboard:
    """Score EXTRACT (document files -> gold-format predictions, in order) on gold PAIRS."""
    pairs = list(pairs)
    board = Scoreboard()
    predictions = extract([document for document, _ in pairs])
    for (_, gold_file), predicted in zip(pairs, predictions, strict=True):
        score_document(predicted, json.loads(gold_file.read_text(encoding="utf-8")), board)
    return board

"""Scores `kg ask` on a question file: per-question precision, recall and F1 of the answer
names against the accepted surface forms, averaged over questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.ask import ask
from kg.errors import KGError
from kg.gazetteer import normalise_surface
from kg.store.base import GraphStore


def load_questions(path: Path) -> list[dict[str, Any]]:
    """The question file: [{"question": ..., "answers": [{"name": ..., "accept": [...]}]}]."""
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KGError(f"{path}: cannot read the question file ({error})") from None
    if not isinstance(questions, list) or not all(
        isinstance(q, dict) and "question" in q and "answers" in q for q in questions
    ):
        raise KGError(f"{path}: expected a list of {{question, answers}} objects")
    return questions


def score_question(given: list[str], gold: list[dict[str, Any]]) -> dict[str, float]:
    """Precision, recall and F1 of the GIVEN names against GOLD answers' accept lists."""
    accepted = [{normalise_surface(s) for s in [g["name"], *g.get("accept", [])]} for g in gold]
    names = {normalise_surface(n) for n in given}
    right = sum(1 for n in names if any(n in a for a in accepted))
    found = sum(1 for a in accepted if a & names)
    p = right / len(names) if names else 0.0
    r = found / len(accepted) if accepted else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate_questions(store: GraphStore, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Each question's answers and scores, and the means over all questions."""
    results = []
    for item in questions:
        try:
            answer = ask(store, item["question"])
            given = [row["name"] for row in answer.rows if "name" in row]
            intent, error = answer.interpretation.kind, None
        except KGError as failure:
            given, intent, error = [], None, str(failure).splitlines()[0]
        results.append(
            {
                "question": item["question"],
                "intent": intent,
                "given": given,
                "expected": [g["name"] for g in item["answers"]],
                **score_question(given, item["answers"]),
                **({"error": error} if error else {}),
            }
        )
    count = len(results) or 1
    means = {k: round(sum(r[k] for r in results) / count, 4) for k in ("precision", "recall", "f1")}
    return {"questions": len(results), **means, "results": results}

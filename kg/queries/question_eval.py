"""Scores `kg ask` on a question file: per-question precision, recall and F1 of the answer
names against the accepted surface forms, averaged over questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.gazetteer import normalise_surface
from kg.queries.ask import ask
from kg.scores import f1, share
from kg.store.base import GraphStore


def load_questions(path: Path) -> list[dict[str, Any]]:
    """The question file: [{"question": ..., "answers": [{"name": ..., "accept": [...]}]}],
    each optionally with the "intent" it asks (then scores are also given per intent)."""
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
    p = share(right, len(names))
    r = share(found, len(accepted))
    f = f1(p, r)
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
                **({"expected_intent": item["intent"]} if "intent" in item else {}),
                "given": given,
                "expected": [g["name"] for g in item["answers"]],
                **score_question(given, item["answers"]),
                **({"error": error} if error else {}),
            }
        )
    by_intent: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_intent.setdefault(result.get("expected_intent", "-"), []).append(result)
    report = {"questions": len(results), **_means(results), "results": results}
    if set(by_intent) != {"-"}:
        report["by_intent"] = {
            intent: {"questions": len(group), **_means(group)}
            for intent, group in sorted(by_intent.items())
        }
    return report


def _means(results: list[dict[str, Any]]) -> dict[str, float]:
    count = len(results) or 1
    return {k: round(sum(r[k] for r in results) / count, 4) for k in ("precision", "recall", "f1")}


def gold_store(directories: list[Path], db: Path) -> GraphStore:
    """A new store at DB holding the gold graphs of the annotated folders, so that questions
    are scored on what the articles say, apart from what extraction finds in them."""
    from kg.extraction.corpus import gold_graph, read_corpus
    from kg.store import open_store

    store = open_store(db)
    store.write([gold_graph(annotated) for annotated in read_corpus(directories)])
    return store

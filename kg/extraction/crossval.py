"""Document-grouped K-fold cross-validation: each fold's model is trained without the documents
it is scored on, and the scores are pooled over all documents (ONTOLOGY.md's scoring)."""

from __future__ import annotations

import multiprocessing
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.extraction.corpus import AnnotatedDocument, folds, read_corpus
from kg.extraction.evaluate import Scoreboard, score_document
from kg.extraction.examples import PreparedDocument, prepare
from kg.extraction.training import Plan, Progress, fit_model, plan, training_parser

# What the forked fold workers read: inherited from the parent, never pickled.
_shared: tuple[list[AnnotatedDocument], list[PreparedDocument], Plan] | None = None


def predictions(model: str, documents: Sequence[AnnotatedDocument]) -> list[dict[str, Any]]:
    """The gold-format extraction of each document with MODEL (a directory or 'rules')."""
    from kg.extraction.extract import extract_documents, to_gold_format
    from kg.extraction.pipeline import build_pipeline

    nlp = build_pipeline(model)
    return [
        to_gold_format(graph) for graph in extract_documents(nlp, [a.document for a in documents])
    ]


def _run_fold(held: list[int]) -> list[tuple[int, dict[str, Any]]]:
    assert _shared is not None
    corpus, prepared, chosen = _shared
    training = [d for i, d in enumerate(prepared) if i not in set(held)]
    with tempfile.TemporaryDirectory(prefix="kg-fold-") as scratch:
        fit_model(training, chosen, Path(scratch), lambda _: None, {})
        found = predictions(scratch, [corpus[i] for i in held])
    return list(zip(held, found, strict=True))


def cross_validate(
    corpus_dirs: Sequence[Path],
    k: int,
    config_path: Path | None = None,
    base: str | None = None,
    workers: int = 1,
    progress: Progress = lambda _: None,
) -> dict[str, Any]:
    """Pooled scores of K models, each trained on the other folds; with the rules-only
    pipeline's scores on the same documents beside them."""
    global _shared
    chosen = plan(config_path, base)
    corpus = read_corpus(corpus_dirs)
    groups = folds(corpus, k, chosen.seed)
    prepared = prepare(
        training_parser(chosen.base),
        corpus,
        chosen.recogniser,
        chosen.relations.cross_sentence,
        progress,
    )
    _shared = (corpus, prepared, chosen)
    found: dict[int, dict[str, Any]] = {}
    try:
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(min(workers, k)) as pool:
                for number, pairs in enumerate(pool.imap_unordered(_run_fold, groups), 1):
                    found.update(pairs)
                    progress(f"fold {number}/{k} scored")
        else:
            for number, held in enumerate(groups, 1):
                progress(f"fold {number}/{k}: training on {len(corpus) - len(held)} documents")
                found.update(_run_fold(held))
    finally:
        _shared = None
    progress("rules only, for comparison")
    rules = predictions("rules", corpus)
    trained_board, rules_board = Scoreboard(), Scoreboard()
    by_folder: dict[str, tuple[Scoreboard, Scoreboard]] = {}
    for index, annotated in enumerate(corpus):
        folder = by_folder.setdefault(str(annotated.path.parent), (Scoreboard(), Scoreboard()))
        for board in (trained_board, folder[0]):
            score_document(found[index], annotated.gold, board)
        for board in (rules_board, folder[1]):
            score_document(rules[index], annotated.gold, board)
    report = trained_board.report()
    report["folds"] = k
    report["rules_only"] = rules_board.report()
    report["folders"] = {
        name: {"documents": t.documents, "trained": _summary(t), "rules_only": _summary(r)}
        for name, (t, r) in by_folder.items()
    }
    report["errors"] = trained_board.errors
    return report


def _summary(board: Scoreboard) -> dict[str, dict[str, float | int]]:
    return {"entities": board.entities.scores(), "relations": board.relations.scores()}

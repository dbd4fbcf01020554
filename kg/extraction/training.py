"""kg train: fine-tune the recogniser, train the relationship classifier with a threshold
chosen by cross-validation, and write a model directory."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError
from kg.extraction.classifier import NONE, RULE, Calibration, Curve, RelationClassifier, fit
from kg.extraction.corpus import AnnotatedDocument, read_corpus
from kg.extraction.examples import PreparedDocument, prepare
from kg.extraction.recogniser import (
    RecogniserSettings,
    recogniser_settings,
    save_recogniser,
    train_recogniser,
)
from kg.extraction.settings import load_settings, require
from kg.extraction.trained import CLASSIFIER_DIR, FORMAT, MODEL_FILE, RECOGNISER_DIR
from kg.scores import f1, share

if TYPE_CHECKING:
    from spacy.language import Language

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RelationSettings:
    """The [relations] section of the training config."""

    cross_sentence: bool
    threshold_folds: int
    min_precision: float
    unruled_floor: float
    overrides: tuple[str, ...]
    fit: dict[str, Any]  # C, max_iter, min_count


def relation_settings(config: dict[str, Any]) -> RelationSettings:
    """Validate the [relations] section."""
    section = require(config, "relations", dict)
    for key, kind in (("C", float), ("max_iter", int), ("min_count", int)):
        require(section, key, kind, "relations")
    for key in ("min_precision", "unruled_floor"):
        if not 0.0 <= require(section, key, float, "relations") <= 1.0:
            raise KGError(f"training config: [relations] {key} must lie between 0 and 1")
    return RelationSettings(
        cross_sentence=require(section, "cross_sentence", bool, "relations"),
        threshold_folds=require(section, "threshold_folds", int, "relations"),
        min_precision=require(section, "min_precision", float, "relations"),
        unruled_floor=require(section, "unruled_floor", float, "relations"),
        overrides=tuple(section.get("overrides", [])),
        fit=section,
    )


@dataclass(frozen=True)
class Plan:
    """Everything one training run needs, read once."""

    config: dict[str, Any]
    seed: int
    recogniser: RecogniserSettings
    relations: RelationSettings
    base: str | None


def plan(config_path: Path | None, base: str | None = None) -> Plan:
    """Read and check the training config."""
    config = load_settings(config_path)
    return Plan(
        config,
        int(config["system"]["seed"]),
        recogniser_settings(config),
        relation_settings(config),
        base,
    )


def training_parser(base: str | None) -> Language:
    """The base pipeline as extraction runs it, without the gazetteer and trained parts."""
    from kg.extraction.pipeline import PARAGRAPH_BREAKS, _register_paragraph_breaks, load_model

    nlp = load_model(base)
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def choose_thresholds(
    prepared: Sequence[PreparedDocument], settings: RelationSettings, seed: int
) -> tuple[float, float, dict[str, float], Calibration]:
    """The thresholds (for types no rule found, for types a rule found too) with the best F1
    among those whose precision reaches min_precision, and the calibration of probabilities,
    over out-of-fold predictions (documents grouped) on the gold mentions."""
    order = list(range(len(prepared)))
    random.Random(seed).shuffle(order)
    k = max(2, min(settings.threshold_folds, len(prepared)))
    scored: list[Scored] = []
    for fold in range(k):
        held = set(order[fold::k])
        training = [d for i, d in enumerate(prepared) if i not in held]
        if not any(types != [NONE] for d in training for types in d.labels):
            continue
        classifier = _fit(training, settings, seed)
        for i in held:
            scored += _predicted_triples(i, prepared[i], classifier)
    total = sum(len(d.gold) for d in prepared)
    threshold, rule_threshold, figures = _best_cut(scored, total, settings.min_precision)
    return max(threshold, settings.unruled_floor), rule_threshold, figures, calibrate(scored)


# (document, triple, probability, found by a rule too, in the gold)
Scored = tuple[int, tuple[str, str, str], float, bool, bool]
GRID = tuple(step / 20 for step in range(1, 20))
# A type a rule found may also be kept whatever the classifier says of it (0: the rule decides).
RULE_GRID = (0.0, *GRID)


def _predicted_triples(
    number: int, document: PreparedDocument, classifier: RelationClassifier
) -> list[Scored]:
    from kg.extraction.examples import gold_triple

    found = []
    decided = classifier.types_of_many(document.rows, document.allowed)
    for row, ends, types in zip(document.rows, document.pairs, decided, strict=True):
        if ends is None:
            continue
        for rel_type, probability in types:
            triple = gold_triple(ends[0], rel_type, ends[1])
            ruled = f"{RULE}{rel_type}" in row
            found.append((number, triple, probability, ruled, triple in document.gold))
    return found


def _best_cut(
    scored: list[Scored], total: int, min_precision: float
) -> tuple[float, float, dict[str, float]]:
    """The cut with the best F1 among those reaching MIN_PRECISION. F1 is nearly flat across
    cuts, so each is judged by its F1 averaged with its neighbours' on the grid: a lone peak
    is noise of the folds and moves from one training run to the next."""
    cuts: dict[tuple[int, int], tuple[float, float, float]] = {}  # f1, p, r by grid position
    for t_at, threshold in enumerate(GRID):
        for r_at, rule_threshold in enumerate(RULE_GRID):
            kept: dict[tuple[int, tuple[str, str, str]], bool] = {}
            for number, triple, probability, ruled, hit in scored:
                if probability >= (rule_threshold if ruled else threshold):
                    kept[(number, triple)] = hit
            tp = sum(kept.values())
            p = share(tp, len(kept))
            r = share(tp, total)
            cuts[(t_at, r_at)] = (f1(p, r), p, r)

    def smoothed(at: tuple[int, int]) -> float:
        near = [
            cuts[(at[0] + dt, at[1] + dr)][0]
            for dt in (-1, 0, 1)
            for dr in (-1, 0, 1)
            if (at[0] + dt, at[1] + dr) in cuts
        ]
        return sum(near) / len(near)

    allowed = [at for at, (_, p, _) in cuts.items() if p >= min_precision]
    # none precise enough: the most precise cut
    chosen = max(allowed, key=smoothed) if allowed else max(cuts, key=lambda at: cuts[at][1])
    f, p, r = cuts[chosen]
    figures = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    return GRID[chosen[0]], RULE_GRID[chosen[1]], figures


def calibrate(scored: list[Scored]) -> Calibration:
    """Isotonic curves from probability to the share right, for ruled and unruled types."""
    from sklearn.isotonic import IsotonicRegression

    curves: list[Curve] = []
    for ruled in (True, False):
        points = [(p, hit) for _, _, p, r, hit in scored if r == ruled]
        if len({hit for _, hit in points}) < 2:
            curves.append(((), ()))  # all right or all wrong: nothing to learn a curve from
            continue
        fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
            [p for p, _ in points], [float(hit) for _, hit in points]
        )
        curves.append(
            (
                tuple(float(x) for x in fitted.X_thresholds_),
                tuple(float(y) for y in fitted.y_thresholds_),
            )
        )
    return Calibration(curves[0], curves[1])


def _fit(
    prepared: Sequence[PreparedDocument], settings: RelationSettings, seed: int
) -> RelationClassifier:
    rows = [row for d in prepared for row in d.rows]
    labels = [label for d in prepared for label in d.labels]
    return fit(rows, labels, settings.fit, seed)


def fit_model(
    prepared: Sequence[PreparedDocument],
    plan: Plan,
    out: Path,
    progress: Progress,
    about: dict[str, Any],
) -> dict[str, Any]:
    """Train both parts on PREPARED documents and write the model directory OUT."""
    from kg.extraction.pipeline import load_model

    started = time.monotonic()
    base = load_model(plan.base)
    ner = train_recogniser(
        base, [d.reference for d in prepared], plan.recogniser, plan.seed, progress
    )
    out.mkdir(parents=True, exist_ok=True)
    save_recogniser(ner, out / RECOGNISER_DIR)
    progress("relationship classifier: choosing the thresholds by cross-validation")
    threshold, rule_threshold, expected, calibration = choose_thresholds(
        prepared, plan.relations, plan.seed
    )
    classifier = _fit(prepared, plan.relations, plan.seed)
    classifier.threshold, classifier.rule_threshold = threshold, rule_threshold
    classifier.calibration = calibration
    classifier.save(out / CLASSIFIER_DIR)
    meta = {
        "format": FORMAT,
        "base": {"name": base.meta["name"], "lang": base.lang, "version": base.meta["version"]},
        "labels": list(plan.recogniser.labels),
        "relations": {
            "cross_sentence": plan.relations.cross_sentence,
            "overrides": list(plan.relations.overrides),
            "threshold": threshold,
            "rule_threshold": rule_threshold,
            "out_of_fold_on_gold_mentions": expected,
            "features": len(classifier.features),
        },
        "seed": plan.seed,
        # the same seed gives the same weights only under the same versions of these
        "libraries": _library_versions(),
        "documents": len(prepared),
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training_seconds": round(time.monotonic() - started, 1),
        "config": plan.config,
        **about,
    }
    (out / MODEL_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    progress(f"wrote {out} (thresholds {threshold:.2f}, {rule_threshold:.2f} with a rule)")
    return meta


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("spacy", "thinc", "scikit-learn", "numpy", "scipy"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


def train(
    corpus_dirs: Sequence[Path],
    out: Path,
    config_path: Path | None = None,
    base: str | None = None,
    progress: Progress = lambda _: None,
) -> dict[str, Any]:
    """Train a model on every annotated document of CORPUS_DIRS and write it to OUT."""
    chosen = plan(config_path, base)
    corpus: list[AnnotatedDocument] = read_corpus(corpus_dirs)
    progress(f"{len(corpus)} annotated documents")
    parser = training_parser(chosen.base)
    prepared = prepare(parser, corpus, chosen.recogniser, chosen.relations.cross_sentence, progress)
    return fit_model(prepared, chosen, out, progress, {"corpus": [str(d) for d in corpus_dirs]})

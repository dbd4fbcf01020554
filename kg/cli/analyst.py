"""The analyst's commands: ask, entity, timeline, articles and eval-questions."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli.common import DATE, TEXT, StoreTarget, db_option, open_graph

ASK_FORMAT = click.Choice(["table", "json"])


def _date_option(name: str, help_text: str) -> Any:
    return click.option(
        name,
        type=DATE,
        default="",
        metavar="DATE",
        help=help_text + " (YYYY, YYYY-MM or YYYY-MM-DD).",
    )


@click.command(name="ask")
@click.argument("question", type=TEXT)
@click.option("--format", "fmt", type=ASK_FORMAT, default="table", show_default=True)
@click.option("--show-cypher", is_flag=True, help="Print the query and its parameters too.")
@_date_option("--since", "Only relationships dated on or after DATE")
@_date_option("--until", "Only relationships dated on or before DATE")
@db_option
def ask_command(
    question: str, fmt: str, show_cypher: bool, since: str, until: str, db: StoreTarget
) -> None:
    """Answer a plain-English question from the graph, with evidence.

    \b
    Example:
      kg ask "Which regulators fined Didi since 2021?"
      kg ask "Who are Ant's owners?" --format json
    """
    from kg.queries.answers import render_answer
    from kg.queries.ask import ask

    with open_graph(db, read_only=True) as store:
        answer = ask(store, question, since, until)
    if fmt == "json":
        click.echo(json.dumps(answer.as_json(), ensure_ascii=False, indent=2, default=str))
        return
    if show_cypher:
        click.echo(answer.cypher.strip())
        click.echo(f"-- parameters: {json.dumps(answer.interpretation.params, default=str)}\n")
    click.echo(render_answer(answer))


def _emit(fmt: str, record: object, table: Callable[[], str]) -> None:
    """Print a command's result as JSON or, rendered for reading, as a table."""
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(table())


def _entity_view(command_name: str) -> Callable[[Callable[..., None]], click.Command]:
    """A command about one named entity, printed as a table or as JSON."""

    def make(function: Callable[..., None]) -> click.Command:
        function = db_option(function)
        function = click.option(
            "--format", "fmt", type=ASK_FORMAT, default="table", show_default=True
        )(function)
        function = click.argument("name", type=TEXT)(function)
        return click.command(name=command_name)(function)

    return make


@_entity_view("entity")
def entity_command(name: str, fmt: str, db: StoreTarget) -> None:
    """Profile of an entity: type, aliases, Wikidata, relationships, counterparts, dates.

    \b
    Example:
      kg entity "Ant Group"
    """
    from kg.queries.answers import render_profile
    from kg.queries.profiles import profile

    with open_graph(db, read_only=True) as store:
        record = profile(store, name)
    _emit(fmt, record, lambda: render_profile(record))


@_entity_view("timeline")
@_date_option("--since", "Only relationships dated on or after DATE")
@_date_option("--until", "Only relationships dated on or before DATE")
def timeline_command(name: str, fmt: str, since: str, until: str, db: StoreTarget) -> None:
    """Dated relationships of an entity, oldest first, with evidence and source.

    \b
    Example:
      kg timeline "Ant Group" --since 2020
    """
    from kg.queries.answers import render_timeline
    from kg.queries.profiles import timeline

    with open_graph(db, read_only=True) as store:
        entity, rows = timeline(store, name, since, until)
    _emit(fmt, rows, lambda: render_timeline(entity, rows))


@_entity_view("articles")
def articles_command(name: str, fmt: str, db: StoreTarget) -> None:
    """Articles naming an entity, newest first, with coverage over time as a chart.

    \b
    Example:
      kg articles "Ant Group"
    """
    from kg.queries.answers import render_articles
    from kg.queries.profiles import articles_about, coverage

    with open_graph(db, read_only=True) as store:
        entity, rows = articles_about(store, name)
    by_period = coverage(rows)
    record = {"entity": entity.__dict__, "articles": rows, "coverage": by_period}
    _emit(fmt, record, lambda: render_articles(entity, rows, by_period))


@click.command(name="map")
@click.argument("name", required=False, type=TEXT)
@click.option("--all", "whole", is_flag=True, help="Map the whole graph (up to a size limit).")
@click.option("--depth", type=click.IntRange(1, 3), default=1, show_default=True)
@click.option("--types", default="", help="Relationship types to show, comma-separated.")
@_date_option("--since", "Only relationships dated on or after DATE")
@_date_option("--until", "Only relationships dated on or before DATE")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write (default: kg-map-<name>.html).",
)
@db_option
def map_command(
    name: str | None,
    whole: bool,
    depth: int,
    types: str,
    since: str,
    until: str,
    min_confidence: float,
    out: Path | None,
    db: StoreTarget,
) -> None:
    """Write an interactive relationship map (one offline HTML file).

    \b
    Example:
      kg map "Ant Group" --depth 2 --types SUMMONED,FINED,OWNS -o ant.html
      kg map --all --since 2021 -o graph.html
    """
    from kg.ontology import ontology
    from kg.outputs.mapping import draw_map
    from kg.outputs.mapview import MapRequest

    if bool(name) == whole:
        raise click.UsageError("give an entity NAME or --all, not both")
    wanted = [t.strip().upper() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in ontology().relations]
    if unknown:
        known = ", ".join(ontology().relations)
        raise click.BadParameter(
            f"unknown type(s) {', '.join(unknown)}; known: {known}", param_hint="--types"
        )
    request = MapRequest(None, depth, wanted, since, until, min_confidence)
    with open_graph(db, read_only=True) as store:
        drawn = draw_map(store, None if whole else name, request, out)
    click.echo(
        f"Map of {drawn.title} ({drawn.entities} entities, {drawn.relationships} relationships) "
        f"written to {drawn.path}"
    )


@click.command(name="eval-questions")
@click.argument("question_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=ASK_FORMAT, default="table", show_default=True)
@click.option(
    "--gold",
    "gold_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Ask the gold graph of these annotated folders instead of --db: scores question "
    "reading apart from extraction.",
)
@db_option
def eval_questions(
    question_file: Path, fmt: str, gold_dirs: tuple[Path, ...], db: StoreTarget
) -> None:
    """Score `kg ask` on a question file against the graph in --db.

    Ingest the articles the questions are about into an empty store first, or give --gold.
    Questions that name their "intent" are also scored per intent.

    \b
    Example:
      kg ingest corpus/dev --db /tmp/dev
      kg eval-questions corpus/questions-dev.json --db /tmp/dev
      kg eval-questions corpus/questions/analyst.json --gold corpus/dev --gold corpus/train
    """
    from kg.queries.question_eval import evaluate_questions, gold_store, load_questions

    questions = load_questions(question_file)
    if gold_dirs:
        with tempfile.TemporaryDirectory(prefix="kg-gold-") as scratch:
            store = gold_store(list(gold_dirs), Path(scratch) / "graph")
            try:
                report = evaluate_questions(store, questions)
            finally:
                store.close()
    else:
        with open_graph(db, read_only=True) as store:
            report = evaluate_questions(store, questions)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for result in report["results"]:
        note = f"  [{result['error']}]" if "error" in result else ""
        click.echo(f"{result['f1']:.2f}  {result['question']}{note}")
    for intent, scores in report.get("by_intent", {}).items():
        click.echo(f"  {intent:<14} {scores['questions']:>3} question(s)  F1 {scores['f1']:.3f}")
    click.echo(
        f"mean over {report['questions']} questions: precision {report['precision']:.3f} "
        f"recall {report['recall']:.3f} F1 {report['f1']:.3f}"
    )

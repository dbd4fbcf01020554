"""The kg command line: each command parses, calls the library, renders."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kg.cli.analyst import (
    articles_command,
    ask_command,
    entity_command,
    eval_questions,
    map_command,
    timeline_command,
)
from kg.cli.common import (
    FORMAT,
    TEXT,
    KGGroup,
    StoreTarget,
    dask_options,
    db_option,
    embedded_db_option,
    fail_if,
    model_option,
    open_graph,
)
from kg.cli.data import export_command, push_command, sparql_command
from kg.cli.judgements import (
    dedupe_command,
    judgements_group,
    merge_command,
    reject_command,
    split_command,
    undo_command,
)
from kg.cli.model import eval_command, train_command
from kg.errors import KGError, QueryError, StoreError


@click.group(cls=KGGroup)
@click.version_option(package_name="china-tech-kg")
def main() -> None:
    """A knowledge graph of China tech regulation.

    \b
    Example:
      kg ingest articles/ && kg query who_regulates -p name="Ant Group"
    """


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--workers",
    type=click.IntRange(1),
    help="Processes that parse and extract articles (one process writes)  [default: the cores]",
)
@dask_options
@model_option
@db_option
def ingest(
    sources: tuple[str, ...],
    workers: int | None,
    dask: str | None,
    shards: Path | None,
    model: str | None,
    db: StoreTarget,
) -> None:
    """Read articles (files, folders, globs, URLs) into the graph.

    \b
    Examples:
      kg ingest news/ feed.xml https://example.com/article.html
      kg ingest archive/ --dask local:8
      kg ingest archive/ --dask tcp://scheduler:8786 --shards /shared/kg-shards
    """
    from kg_loaders import load_sources

    from kg.extraction.extract import default_workers
    from kg.jobs.ingest import ingest as run_ingest

    if dask and workers:
        raise click.UsageError("give --workers or --dask, not both")

    def report_error(message: str) -> None:
        click.echo(f"error: {message}", err=True)

    written = 0

    def on_article(graph: Any) -> None:
        nonlocal written
        written += 1

    try:
        with (
            _extraction(dask, shards, model, workers or default_workers()) as (extraction, advance),
            open_graph(db, read_only=False) as store,
        ):
            report = run_ingest(
                load_sources(sources),
                store,
                None,
                on_error=report_error,
                on_article=on_article,
                on_extracted=lambda graph: advance(),
                extraction=extraction,
            )
    except StoreError:
        if written:
            click.echo(f"Stopped after writing {written} article(s):", err=True)
        raise
    click.echo(
        f"Ingested {report.articles} article(s): {sum(report.entities.values())} entity mentions, "
        f"{sum(report.relations.values())} relationships."
    )
    if report.unchanged:
        click.echo(f"{report.unchanged} article(s) unchanged since they were stored: skipped.")
    if report.resolved:
        click.echo(
            f"{len(report.resolved)} name(s) resolved onto actors already known "
            "(kg dedupe lists near misses)."
        )
    fail_if(report.failures)


@contextmanager
def _extraction(
    dask: str | None, shards: Path | None, model: str | None, workers: int = 1
) -> Iterator[tuple[Any, Callable[[], None]]]:
    """The extraction (in WORKERS processes here, or on the Dask cluster at DASK) and a
    function that moves the progress bar by one article (partitions move it on a cluster)."""
    if dask is None:
        if shards is not None:
            raise click.UsageError("--shards goes with --dask")
        from kg.extraction.extract import LocalExtraction
        from kg.extraction.pipeline import build_pipeline

        extraction = LocalExtraction(build_pipeline(model), workers)
        with _progress("{task.completed} articles") as bar:
            yield extraction, lambda: bar(1, None)
        return
    from kg.jobs.distributed import DaskExtraction, dask_client

    with (
        dask_client(dask) as client,
        _progress("{task.completed}/{task.total} partitions") as bar,
    ):

        def on_partition(done: int, submitted: int) -> None:
            bar(1, submitted)

        yield DaskExtraction(client, model, shards=shards, on_partition=on_partition), lambda: None


@contextmanager
def _progress(text: str) -> Iterator[Callable[[int, int | None], None]]:
    """A transient progress line on a terminal: advance(steps, total known so far)."""
    if not sys.stderr.isatty():
        yield lambda steps, total: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn(text), BarColumn(), transient=True) as bar:
        task = bar.add_task("kg", total=None)
        yield lambda steps, total: bar.update(task, advance=steps, total=total)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for one <document id>.json per document.",
)
@dask_options
@model_option
def extract(
    sources: tuple[str, ...],
    out_dir: Path,
    dask: str | None,
    shards: Path | None,
    model: str | None,
) -> None:
    """Extract entities and relationships without a store, in the gold format.

    \b
    Examples:
      kg extract corpus/dev --out predictions/
      kg extract archive/ --out predictions/ --dask local:8
    """
    from kg_loaders import documents_only, load_sources

    from kg.extraction.extract import output_name, to_gold_format

    failures: list[str] = []

    def report_error(error: KGError) -> None:
        failures.append(str(error))
        click.echo(f"error: {error}", err=True)

    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    with _extraction(dask, shards, model) as (extraction, advance):
        documents = documents_only(load_sources(sources), report_error)
        for graph in documents_only(extraction.graphs(documents), report_error):
            path = out_dir / f"{output_name(graph.document.id)}.json"
            path.write_text(
                json.dumps(to_gold_format(graph), ensure_ascii=False, indent=1), encoding="utf-8"
            )
            written += 1
            advance()
    click.echo(f"Wrote {written} file(s) to {out_dir}")
    fail_if(failures)


@main.command()
@click.argument("name_or_file", required=False)
@click.option(
    "--cypher", "cypher_text", default=None, type=TEXT, help="Cypher text to run instead."
)
@click.option("-p", "--param", "params", multiple=True, type=TEXT, help="Parameter as key=value.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow --cypher to change the graph.")
@db_option
def query(
    name_or_file: str | None,
    cypher_text: str | None,
    params: tuple[str, ...],
    fmt: str,
    write: bool,
    db: StoreTarget,
) -> None:
    """Run a named query, a .cypher file, or --cypher text; read-only unless --write.

    \b
    Examples:
      kg query who_regulates -p name="Ant Group"
      kg query --cypher "MATCH (c:Company) RETURN c.name AS name LIMIT 5" --format json
    """
    from kg.outputs.render import render_rows
    from kg.queries.cypher_guard import check_read_only
    from kg.queries.library import find_query, parse_params, parse_query_file

    raw = parse_params(params)
    if cypher_text is None and name_or_file is None:
        raise click.UsageError("give a query name, a .cypher file, or --cypher TEXT")
    if cypher_text is not None or (name_or_file or "").endswith(".cypher"):
        if cypher_text is None:
            path = Path(name_or_file or "")
            if not path.exists():
                raise QueryError(f"{path}: no such query file")
            named = parse_query_file(path)
            text, bound = path.read_text(encoding="utf-8"), named.bind(raw)
        else:
            text, bound = cypher_text, dict(raw)
        # Without --write the store is opened read-only, so the engine itself refuses writes;
        # files, extensions and settings are refused here.
        if not write:
            check_read_only(text)
        with open_graph(db, read_only=not write) as store:
            rows = store.run(text, bound)
            if write:
                store.refresh_rollups()  # the counts, rankings and index the query may change
    else:
        named = find_query(name_or_file or "")
        bound = named.bind(raw)
        with open_graph(db, read_only=True) as store:
            rows = store.run(named.text(store.dialect), bound)
    click.echo(render_rows(rows, fmt))


@main.command()
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def queries(fmt: str) -> None:
    """List the named-query library with descriptions and parameters.

    \b
    Example:
      kg queries --format json
    """
    from kg.outputs.render import render_rows
    from kg.queries.library import library

    rows = [
        {
            "name": q.name,
            "description": q.description,
            "parameters": [f"{p.name} ({p.type}) e.g. {p.example}" for p in q.parameters],
        }
        for q in library().values()
    ]
    click.echo(render_rows(rows, fmt))


@main.command()
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@db_option
def stats(fmt: str, db: StoreTarget) -> None:
    """Count articles, entities by type and relationships by type.

    \b
    Example:
      kg stats --format json
    """
    from kg.outputs.render import render_rows
    from kg.queries.library import run_named

    with open_graph(db, read_only=True) as store:
        rows = run_named(store, "graph_summary", {})
    click.echo(render_rows(sorted(rows, key=lambda r: (r["kind"], r["type"])), fmt))


@main.command()
@embedded_db_option
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the demo map (default: beside the store).",
)
def demo(db: Path | None, out: Path | None) -> None:
    """Ingest the bundled sample articles, summarise, answer questions, draw a map.

    \b
    Example:
      kg demo
    """
    from kg.jobs.demo import run_demo

    failures = run_demo(db, out, click.echo)
    fail_if(failures)


for command in (
    ask_command,
    entity_command,
    timeline_command,
    articles_command,
    eval_questions,
    map_command,
    export_command,
    sparql_command,
    push_command,
    eval_command,
    train_command,
    dedupe_command,
    merge_command,
    split_command,
    reject_command,
    undo_command,
    judgements_group,
):
    main.add_command(command)


if __name__ == "__main__":  # after the commands are added: "python -m kg.cli.main ask ..."
    main()

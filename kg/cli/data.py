"""Commands that move the graph elsewhere: kg export, kg sparql, kg push."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.common import (
    TEXT,
    StoreTarget,
    db_option,
    embedded_db_option,
    neo4j_option,
    open_graph,
)

EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "nq", "graphml", "csv", "ontology", "shapes")


def _base_iri_option(function: Any) -> Any:
    return click.option(
        "--base-iri",
        envvar="KG_BASE_IRI",
        default=None,
        help="Base of every IRI (default: $KG_BASE_IRI, else https://kg.example.org/china-tech-reg/).",
    )(function)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (a folder for csv: nodes.csv and relationships.csv).",
)
@_base_iri_option
@db_option
def export_command(fmt: str, out: Path, base_iri: str | None, db: StoreTarget) -> None:
    """Write the graph as RDF (ttl, nt, jsonld; trig and nq with one named graph per
    article), GraphML, CSV, or the ontology / SHACL shapes, streaming.

    \b
    Examples:
      kg export --format trig -o graph.trig
      kg export --format csv -o graph-csv/
      kg export --format ontology -o ontology.ttl
    """
    from kg.outputs.export import STREAMING_CACHE_MB, export

    if fmt in ("ontology", "shapes"):
        export(None, fmt, out, base_iri=base_iri)
        click.echo(f"Wrote the {fmt} to {out}")
        return
    with open_graph(db, read_only=True, cache_mb=STREAMING_CACHE_MB) as store:
        report = export(store, fmt, out, base_iri=base_iri)
    click.echo(
        f"Wrote {report.entities} entities, {report.relationships} relationships and "
        f"{report.articles} articles as {fmt} to {out}"
    )


@click.command("sparql")
@click.argument("query", type=TEXT)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An export (.ttl .nt .jsonld .trig .nq) to query (default: the store, exported now).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@_base_iri_option
@db_option
def sparql_command(
    query: str, data: Path | None, fmt: str, base_iri: str | None, db: StoreTarget
) -> None:
    """Run a SPARQL query over an RDF export (Oxigraph); named graphs are unioned.

    \b
    Example:
      kg sparql "PREFIX kg: <https://kg.example.org/china-tech-reg/ontology#>
                 SELECT ?who WHERE { ?who kg:fined ?firm }" --data graph.trig
    """
    from kg.outputs.render import render_rows
    from kg.outputs.sparql import load_export, run_sparql, store_as_rdf

    if data is not None:
        oxigraph = load_export(data)
    else:
        with open_graph(db, read_only=True) as store:
            oxigraph = store_as_rdf(store, base_iri)
    rows = run_sparql(oxigraph, query)
    click.echo(render_rows(rows, fmt) if rows or fmt != "table" else "No results.")


@click.command("push")
@embedded_db_option
@neo4j_option
@click.option(
    "--batch",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="Articles per transaction.",
)
@click.option("--again", is_flag=True, help="Send articles the server already has too.")
def push_command(db: Path | None, neo4j: str | None, batch: int, again: bool) -> None:
    """Copy the embedded graph to Neo4j (batched, resumable, idempotent).

    \b
    Example:
      NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=... kg push
    """
    from kg.jobs.push import push
    from kg.store import Neo4jSettings

    settings = Neo4jSettings.from_env(neo4j)
    if settings is None:
        raise click.ClickException("name the server: --neo4j URI or NEO4J_URI")
    with (
        open_graph(StoreTarget(db), read_only=True) as source,
        open_graph(StoreTarget(neo4j_uri=settings.uri), read_only=False) as target,
    ):
        report = push(source, target, batch_size=batch, again=again)
    click.echo(
        f"Pushed {report.sent} article(s) to {settings.where}; "
        f"{report.already_there} were there already."
    )

"""The main job on the bundled sample articles: ingest, summarise, answer, draw."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.data_files import DemoFile, load_checked
from kg.outputs.render import render_rows
from kg.queries.library import run_named
from kg.resources import SAMPLES_DIR


def run_demo(db: Path | None, out: Path | None, echo: Callable[[str], None]) -> list[str]:
    """Run the demo, printing as it goes; returns the sources that failed to load."""
    from kg_loaders import load_sources

    from kg.extraction.pipeline import build_pipeline
    from kg.jobs.ingest import ingest
    from kg.outputs.mapping import draw_map
    from kg.outputs.mapview import MapRequest
    from kg.store import default_db_dir, open_store

    script = load_checked("demo.yaml", DemoFile)
    db = db or default_db_dir()
    echo(f"Ingesting the sample articles in {SAMPLES_DIR} into {db} ...")
    nlp = build_pipeline()
    with open_store(db) as store:
        report = ingest(
            load_sources([str(SAMPLES_DIR)]),
            store,
            nlp,
            on_error=lambda message: echo(f"error: {message}"),
        )
    with open_store(db, read_only=True) as store:

        def run(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
            return run_named(store, name, params)

        summary = sorted(run("graph_summary", {}), key=lambda r: (str(r["kind"]), str(r["type"])))
        echo(f"\nThe graph now holds {report.articles} new or updated article(s):")
        echo(render_rows(summary, "table", title="Graph summary"))
        for item in script.questions:
            echo(
                f"\nQ: {item.question}   (kg query {item.query} "
                + " ".join(f'-p {k}="{v}"' for k, v in item.params.items())
                + ")"
            )
            echo(render_rows(run(item.query, dict(item.params)), "table"))
        drawn = draw_map(store, script.map_centre, MapRequest(None, depth=2), out)
    echo(
        f"\nMap of {drawn.title} ({drawn.relationships} relationships) "
        f"written to {drawn.path.resolve()}"
    )
    return report.failures

"""Shared fixtures: the pipeline, a store loaded with the bundled samples, a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.resources import SAMPLES_DIR

FIXTURES = Path(__file__).parent / "fixtures"
DEV_CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dev"


def extract_one(nlp, text: str, published: str = "2022-05-10"):
    """The ArticleGraph of one text, extracted by NLP."""
    from kg.extraction.extract import extract_documents
    from kg.model import Document

    (graph,) = extract_documents(nlp, [Document(id="t", text=text, published=published)])
    return graph


def triples_of(graph) -> set[tuple[str, str, str]]:
    """(subject name, type, object name) of each relationship of GRAPH."""
    names = {e.id: e.name for e in graph.entities}
    return {(names[r.subject], r.type, names[r.object]) for r in graph.relations}


def article(
    article_id: str,
    entities: list[tuple[str, str, str]],
    relations: tuple[tuple[str, str, str], ...] | list[tuple[str, str, str]] = (),
):
    """An article graph by hand: entities as (id, name, label), relations as (s, type, o)."""
    from kg.model import ArticleGraph, Document, Entity, Relation

    return ArticleGraph(
        document=Document(id=article_id, text="", published="2024-03-01"),
        entities=tuple(Entity(i, n, label) for i, n, label in entities),
        mentions={i: (n,) for i, n, _ in entities},
        relations=tuple(
            Relation(s, t, o, article_id, f"{s} {t} {o}.", "2024-03-01", 0.9, "test")
            for s, t, o in relations
        ),
    )


@pytest.fixture(scope="session")
def nlp():
    from kg.extraction.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """An on-disk store holding the bundled sample articles (read it, do not write it)."""
    from kg_loaders import load_sources

    from kg.jobs.ingest import ingest
    from kg.store import open_store

    db = tmp_path_factory.mktemp("samples") / "db"
    with open_store(db) as store:
        report = ingest(load_sources([str(SAMPLES_DIR)]), store, nlp)
    assert report.articles >= 6 and not report.failures
    return db


@pytest.fixture(scope="session")
def dev_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """An on-disk store holding the dev corpus (read it, do not write it)."""
    from kg_loaders import load_sources

    from kg.jobs.ingest import ingest
    from kg.store import open_store

    db = tmp_path_factory.mktemp("dev") / "db"
    with open_store(db) as store:
        report = ingest(load_sources([str(DEV_CORPUS)]), store, nlp)
    assert not report.failures
    return db


@pytest.fixture
def samples_store(samples_db: Path) -> Iterator[object]:
    from kg.store import open_store

    with open_store(samples_db, read_only=True) as store:
        yield store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


BOLT_START_SECONDS = 90


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Neo4jSettings of a live Bolt server for the conformance tests: NEO4J_URI's (with
    NEO4J_USER, NEO4J_PASSWORD) where that is set, else ArcadeDB started here
    (tests/arcadedb_server.py) and stopped after the session. Where neither can be had, the
    tests skip and say why."""
    import os
    import subprocess
    import sys
    import threading

    from kg.store import Neo4jSettings

    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    try:
        import arcadedb_embedded  # noqa: F401
    except ImportError:
        pytest.skip("no live Bolt server: set NEO4J_URI, or install arcadedb-embedded (make test)")
    root = tmp_path_factory.mktemp("arcadedb")
    bolt, http, password = _free_port(), _free_port(), "kg-conformance"
    log = (root / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("arcadedb_server.py")), str(root / "data"),
         str(bolt), str(http), password],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
        cwd=root,  # ArcadeDB writes its log/ folder in the working directory
    )  # fmt: skip
    ready = threading.Event()

    def wait_for_ready() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == "ready":
                ready.set()
                return

    threading.Thread(target=wait_for_ready, daemon=True).start()
    if not ready.wait(BOLT_START_SECONDS):
        process.kill()
        process.wait()
        tail = (root / "server.log").read_text(errors="replace").strip().splitlines()[-1:]
        pytest.skip(f"ArcadeDB did not start on 127.0.0.1:{bolt}: {' '.join(tail) or 'no output'}")
    try:
        yield Neo4jSettings(
            f"bolt://127.0.0.1:{bolt}", user="root", password=password, database="kg"
        )
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()

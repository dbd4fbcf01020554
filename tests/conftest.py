"""Shared fixtures: the pipeline, a store loaded with the bundled samples, a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.resources import SAMPLES_DIR

FIXTURES = Path(__file__).parent / "fixtures"
DEV_CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dev"


def extract_one(nlp, text: str, published: str = "2022-05-10"):
    """The ArticleGraph of one text, extracted by NLP."""
    from kg.extract import extract_documents
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
    from kg.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """An on-disk store holding the bundled sample articles (read it, do not write it)."""
    from kg.ingest import ingest
    from kg.store import open_store
    from loaders import load_sources

    db = tmp_path_factory.mktemp("samples") / "db"
    with open_store(db) as store:
        report = ingest(load_sources([str(SAMPLES_DIR)]), store, nlp)
    assert report.articles >= 6 and not report.failures
    return db


@pytest.fixture(scope="session")
def dev_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """An on-disk store holding the dev corpus (read it, do not write it)."""
    from kg.ingest import ingest
    from kg.store import open_store
    from loaders import load_sources

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

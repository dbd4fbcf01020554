"""A batch the store rejects costs only its bad article: the others are written alone."""

from __future__ import annotations

from pathlib import Path

from kg import ingest as ingest_module
from kg.model import ArticleGraph, Document, Entity, Relation
from kg.store.ladybug_store import LadybugStore


def article(index: int, object_label: str) -> ArticleGraph:
    owner = Entity("owner-co", "Owner Co", "Company")
    owned = Entity(f"thing-{index}", f"Thing {index}", object_label)
    document = Document(f"doc-{index}", "text", published="2024-01-01")
    relation = Relation(owner.id, "OWNS", owned.id, document.id, "Owner Co owns it.",
                        "2024-01-01", 0.9, "test")  # fmt: skip
    return ArticleGraph(document, (owner, owned), {}, (relation,))


def test_one_bad_article_does_not_lose_its_batch(tmp_path: Path, monkeypatch) -> None:
    # OWNS may not point at a Person: the store's schema refuses that article's relationship
    graphs = [article(1, "Company"), article(2, "Person"), article(3, "Product")]
    monkeypatch.setattr(ingest_module, "extract_documents", lambda nlp, docs, workers: iter(graphs))
    errors: list[str] = []
    with LadybugStore(tmp_path / "db") as store:
        report = ingest_module.ingest([], store, nlp=None, on_error=errors.append)  # type: ignore[arg-type]
        stored = {r["id"] for r in store.run("MATCH (a:Article) RETURN a.id AS id")}
    assert stored == {"doc-1", "doc-3"}
    assert report.articles == 2
    assert len(errors) == 1 and errors[0].startswith("doc-2: not written")

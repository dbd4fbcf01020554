"""Writing batches: a batch the store rejects costs only its bad article (the others are written
alone); a batch is written while the next is parsed; a lock error in the writer stops the ingest."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.errors import StoreLockedError
from kg.extraction import extract as extract_module
from kg.jobs import ingest as ingest_module
from kg.model import ArticleGraph, Document, Entity, Relation
from kg.store.ladybug_store import LadybugStore


def article(index: int, object_label: str) -> ArticleGraph:
    owner = Entity("owner-co", "Owner Co", "Company")
    owned = Entity(f"thing-{index}", f"Thing {index}", object_label)
    document = Document(f"doc-{index}", "text", published="2024-01-01")
    relation = Relation(owner.id, "OWNS", owned.id, document.id, "Owner Co owns it.",
                        "2024-01-01", 0.9, "test")  # fmt: skip
    return ArticleGraph(document, (owner, owned), {}, (relation,))


def extracting(monkeypatch, graphs: list[ArticleGraph]) -> None:
    """Extraction stands aside: ingest gets GRAPHS as they are."""
    monkeypatch.setattr(
        extract_module, "extract_documents", lambda nlp, docs, workers: iter(graphs)
    )


def test_one_bad_article_does_not_lose_its_batch(tmp_path: Path, monkeypatch) -> None:
    # OWNS may not point at a Person: the store's schema refuses that article's relationship
    graphs = [article(1, "Company"), article(2, "Person"), article(3, "Product")]
    extracting(monkeypatch, graphs)
    errors: list[str] = []
    with LadybugStore(tmp_path / "db") as store:
        report = ingest_module.ingest([], store, nlp=None, on_error=errors.append)  # type: ignore[arg-type]
        stored = {r["id"] for r in store.run("MATCH (a:Article) RETURN a.id AS id")}
    assert stored == {"doc-1", "doc-3"}
    assert report.articles == 2
    assert len(errors) == 1 and errors[0].startswith("doc-2: not written")


def test_the_next_batch_is_parsed_while_one_is_written(tmp_path: Path, monkeypatch) -> None:
    # the write of the first batch waits until extraction has produced the second: a sequential
    # ingest would never get there (and fail after the guard's timeout)
    graphs = [article(i, "Company") for i in range(1, 4)]
    second_parsed = threading.Event()

    def extract(nlp, docs, workers):
        for index, graph in enumerate(graphs):
            if index == 1:
                second_parsed.set()
            yield graph

    overlapped = []
    with LadybugStore(tmp_path / "db") as store:
        write = store.write

        def write_after_next_parse(batch):
            if batch[0] is graphs[0]:
                overlapped.append(second_parsed.wait(timeout=30))
            write(batch)

        monkeypatch.setattr(store, "write", write_after_next_parse)
        monkeypatch.setattr(extract_module, "extract_documents", extract)
        seen: list[tuple[str, int]] = []
        report = ingest_module.ingest(
            [],
            store,
            nlp=None,  # type: ignore[arg-type]
            batch_size=1,
            on_article=lambda graph: seen.append((graph.document.id, threading.get_ident())),
        )
        stored = {r["id"] for r in store.run("MATCH (a:Article) RETURN a.id AS id")}
    assert overlapped == [True]
    assert report.articles == 3 and stored == {"doc-1", "doc-2", "doc-3"}
    # reported in input order, from the calling thread (progress bars are not thread-safe)
    assert seen == [(f"doc-{i}", threading.get_ident()) for i in (1, 2, 3)]


def test_a_lock_error_in_the_writer_thread_stops_the_ingest_simulated(
    tmp_path: Path, monkeypatch
) -> None:
    # simulated: LadybugDB takes its lock on opening, so the store's write is made to raise the
    # error a second writer gets, to check it reaches the caller from the writer thread
    graphs = [article(i, "Company") for i in range(1, 4)]
    extracting(monkeypatch, graphs)
    with LadybugStore(tmp_path / "db") as store:
        write = store.write

        def locked_on_second(batch):
            if batch[0] is graphs[1]:
                raise StoreLockedError("locked")
            write(batch)

        monkeypatch.setattr(store, "write", locked_on_second)
        seen: list[str] = []
        with pytest.raises(StoreLockedError):
            ingest_module.ingest(
                [], store, nlp=None, batch_size=1, on_article=lambda g: seen.append(g.document.id)
            )  # type: ignore[arg-type]
        stored = {r["id"] for r in store.run("MATCH (a:Article) RETURN a.id AS id")}
    assert seen == ["doc-1"] and stored == {"doc-1"}


def test_each_article_is_announced_when_extracted_and_again_when_written(
    tmp_path: Path, monkeypatch
) -> None:
    graphs = [article(i, "Company") for i in range(1, 4)]
    extracting(monkeypatch, graphs)
    events: list[tuple[str, str]] = []
    with LadybugStore(tmp_path / "db") as store:
        report = ingest_module.ingest(
            [],
            store,
            nlp=None,  # type: ignore[arg-type]
            batch_size=2,
            on_extracted=lambda graph: events.append(("extracted", graph.document.id)),
            on_article=lambda graph: events.append(("written", graph.document.id)),
        )
    ids = ["doc-1", "doc-2", "doc-3"]
    assert report.articles == 3
    assert [i for kind, i in events if kind == "extracted"] == ids
    assert [i for kind, i in events if kind == "written"] == ids
    # the first batch is announced as extracted before any of it is written
    assert events.index(("extracted", "doc-2")) < events.index(("written", "doc-1"))


def test_once_every_source_is_read_what_is_ready_is_written(tmp_path: Path, monkeypatch) -> None:
    # ten sources read three ahead: when the eighth article is extracted the last source has
    # been read, so the idle writer takes the eight ready, and the last two are written at the end
    graphs = {f"doc-{i}": article(i, "Company") for i in range(1, 11)}
    documents = [Document(doc_id, "text") for doc_id in graphs]
    read: list[str] = []

    def extract(nlp, docs, workers):
        for document in docs:
            read.append(document.id)
            yield graphs[document.id]

    monkeypatch.setattr(extract_module, "extract_documents", extract)
    monkeypatch.setattr(ingest_module, "READ_AHEAD", 3)
    sizes: list[int] = []
    with LadybugStore(tmp_path / "db") as store:
        write = store.write

        def recorded(batch):
            sizes.append(len(batch))
            write(batch)

        monkeypatch.setattr(store, "write", recorded)
        report = ingest_module.ingest(documents, store, nlp=None)  # type: ignore[arg-type]
        stored = {r["id"] for r in store.run("MATCH (a:Article) RETURN a.id AS id")}
    assert sizes == [8, 2]
    assert read == list(graphs)  # every source once, in order
    assert report.articles == 10 and stored == set(graphs)


def _threads(store: LadybugStore) -> str:
    return store.run('CALL current_setting("threads") RETURN threads')[0]["threads"]


def test_a_write_runs_on_one_thread_and_gives_the_others_back(tmp_path: Path) -> None:
    # the ingest's writer thread leaves the other core to parsing; queries keep every thread
    with LadybugStore(tmp_path / "db") as store:
        store.run("CALL threads=2")
        during: list[str] = []
        write_articles = store._write

        def watched(graphs, judgements) -> None:
            during.append(_threads(store))
            write_articles(graphs, judgements)

        store._write = watched  # type: ignore[method-assign]
        store.write([article(1, "Company")])
        after_write = _threads(store)

        def refused(graphs, judgements) -> None:
            raise StoreLockedError("refused")

        store._write = refused  # type: ignore[method-assign]
        with pytest.raises(StoreLockedError):
            store.write([article(2, "Company")])
        after_failure = _threads(store)
    assert during == ["1"]
    assert after_write == after_failure == "2"


# Run in a fresh interpreter: a process that has used the store (as pytest's has) holds large
# free chunks on its heap, and a big array taken from them faults in nothing in any fork.
_FAULTS_IN_WORKERS = """
import json, multiprocessing, resource, sys
from kg.extraction import extract
from kg.model import Document

BIG_ARRAY = 64 * 1024 * 1024  # over glibc's largest adaptive threshold (32 MB) for mmap

def faults_of_a_second_big_array(chunk):
    for _ in range(2):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        block = bytearray(BIG_ARRAY)
        block[:: resource.getpagesize()] = b"x" * len(block[:: resource.getpagesize()])
        del block
    return [resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before]

extract._extract_chunk = faults_of_a_second_big_array
document = Document("doc", "text", published="2024-01-01")
kept = list(extract._extract_in_pool(None, [document], 4, 2))
with multiprocessing.get_context("fork").Pool(1) as plain:
    fresh = plain.apply(faults_of_a_second_big_array, ([document],))
json.dump({"kept": kept[0], "fresh": fresh[0], "pages": BIG_ARRAY // resource.getpagesize()},
          sys.stdout)
"""


def test_a_parse_worker_keeps_the_memory_it_frees() -> None:
    # the network layers free and allocate large arrays for each batch: a worker reuses them
    # instead of faulting in fresh pages each time; glibc's defaults, in a plain forked pool,
    # fault in every page again
    run = subprocess.run(
        [sys.executable, "-c", _FAULTS_IN_WORKERS], capture_output=True, text=True, check=True
    )
    faults = json.loads(run.stdout)
    assert faults["kept"] < faults["pages"] // 10
    assert faults["fresh"] >= faults["pages"]

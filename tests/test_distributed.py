"""Extraction on a real Dask cluster (a LocalCluster of 2 worker processes on 127.0.0.1): the
same graph and the same gold-format files as a local run, Parquet shards that read back whole,
and failures (a document that cannot be extracted, a task that always fails, a worker killed
mid-task) reported or retried, never lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV_CORPUS
from kg_loaders import documents_only, load_sources

from kg.errors import LoadError
from kg.model import Document
from kg.resources import SAMPLES_DIR

distributed = pytest.importorskip("distributed", reason="Dask is the [dask] extra")

import cloudpickle  # noqa: E402  (comes with distributed)

from kg.jobs.distributed import DaskExtraction  # noqa: E402
from kg.jobs.shards import graphs_from_bytes, read_shard, shard_bytes, write_shard  # noqa: E402

# Functions below run inside the workers: ship them by value, not by a module path the
# workers cannot import.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

KG = Path(sys.executable).with_name("kg")
FAULT = "XYZZY-FAULT"  # a document containing this cannot be extracted by the faulty pipeline


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def documents(source: Path) -> list[Document]:
    return list(documents_only(load_sources([str(source)]), lambda error: None))


def without_text(graph: Any) -> Any:
    return replace(graph, document=replace(graph.document, text=""))


def export_nq(runner, db: Path, out: Path) -> list[str]:
    from kg.cli.main import main

    result = runner.invoke(main, ["export", "--format", "nq", "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return sorted(out.read_text(encoding="utf-8").splitlines())


def test_shards_read_back_the_graphs_written(nlp, tmp_path: Path):
    from kg.extraction.extract import extract_documents

    graphs = list(extract_documents(nlp, documents(SAMPLES_DIR)))
    assert graphs and any(g.relations for g in graphs)
    assert any(r.properties for g in graphs for r in g.relations)  # amounts keep their types
    expected = [without_text(g) for g in graphs]
    write_shard(graphs, tmp_path, "part-000001")
    assert read_shard(tmp_path, "part-000001") == expected
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "articles", "entities", "mentions", "part-000001.parquet", "part-000001.parquet",
        "part-000001.parquet", "part-000001.parquet", "relations",
    ]  # fmt: skip
    assert graphs_from_bytes(shard_bytes(graphs)) == expected
    assert graphs_from_bytes(shard_bytes([])) == []


def test_dask_ingest_gives_the_graph_of_a_local_ingest(client, dev_db: Path, runner, tmp_path):
    from kg.jobs.ingest import ingest
    from kg.store import open_store

    progress: list[tuple[int, int]] = []
    extraction = DaskExtraction(
        client, shards=tmp_path / "shards", partition_size=8,
        on_partition=lambda done, submitted: progress.append((done, submitted)),
    )  # fmt: skip
    with open_store(tmp_path / "db") as store:
        report = ingest(load_sources([str(DEV_CORPUS)]), store, None, extraction=extraction)
    assert not report.failures
    assert report.articles == len(documents(DEV_CORPUS))
    partitions = -(-report.articles // 8)
    assert [done for done, _ in progress] == list(range(1, partitions + 1))
    assert progress[-1] == (partitions, partitions)
    assert len(list((tmp_path / "shards" / "relations").glob("*.parquet"))) == partitions
    assert export_nq(runner, tmp_path / "db", tmp_path / "dask.nq") == export_nq(
        runner, dev_db, tmp_path / "local.nq"
    )
    with open_store(tmp_path / "db") as store:  # the same articles again: nothing to do
        again = ingest(load_sources([str(DEV_CORPUS)]), store, None, extraction=extraction)
    assert (again.articles, again.unchanged) == (0, report.articles)


def test_kg_extract_on_a_cluster_writes_the_files_a_local_run_writes(client, runner, tmp_path):
    from kg.cli.main import main

    address = client.scheduler.address
    local = runner.invoke(main, ["extract", str(SAMPLES_DIR), "--out", str(tmp_path / "local")])
    assert local.exit_code == 0, local.output
    dask = runner.invoke(
        main, ["extract", str(SAMPLES_DIR), "--out", str(tmp_path / "dask"), "--dask", address]
    )
    assert dask.exit_code == 0, dask.output
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert names and sorted(p.name for p in (tmp_path / "dask").iterdir()) == names
    for name in names:
        assert json.loads((tmp_path / "dask" / name).read_text()) == json.loads(
            (tmp_path / "local" / name).read_text()
        )


def _install_faulty_pipeline() -> None:
    """Runs in each worker: the kg pipeline with a fault injected before it, which raises on
    any document containing FAULT (a real pipeline, a deliberate fault)."""
    from spacy.language import Language

    from kg.extraction.pipeline import build_pipeline
    from kg.jobs import distributed

    if "kg_test_fault" not in Language.factories:

        @Language.component("kg_test_fault")
        def fault(doc):
            if FAULT in doc.text:
                raise ValueError("injected fault")
            return doc

    nlp = build_pipeline(None)
    nlp.add_pipe("kg_test_fault", first=True)
    distributed._pipelines[None] = nlp


def _forget_pipelines() -> None:
    from kg.jobs import distributed

    distributed._pipelines.clear()


def test_a_document_that_fails_is_reported_and_its_partition_goes_on(client):
    batch = documents(SAMPLES_DIR)[:4]
    batch[1] = replace(batch[1], text=batch[1].text + f" {FAULT}")
    client.run(_install_faulty_pipeline)
    try:
        results = list(DaskExtraction(client, partition_size=4).graphs(batch))
    finally:
        client.run(_forget_pipelines)
    assert [type(r).__name__ for r in results] == [
        "ArticleGraph", "LoadError", "ArticleGraph", "ArticleGraph"
    ]  # fmt: skip
    assert str(results[1]) == f"{batch[1].id}: not extracted (ValueError: injected fault)"
    assert [r.document.id for r in results if not isinstance(r, LoadError)] == [
        batch[0].id, batch[2].id, batch[3].id
    ]  # fmt: skip


def test_a_partition_that_keeps_failing_reports_each_of_its_documents(client, tmp_path):
    import shutil

    from kg.extraction.trained import SHIPPED

    model = shutil.copytree(SHIPPED, tmp_path / "model")
    extraction = DaskExtraction(client, str(model), partition_size=2)
    shutil.rmtree(model)  # gone before the workers look for it: every try fails
    batch = documents(SAMPLES_DIR)[:3]
    results = [str(r) for r in extraction.graphs(batch)]
    assert [r.split(" (")[0] for r in results] == [f"{d.id}: not extracted" for d in batch]
    assert all(r.endswith(f"(DaskError: no model folder {model} on this worker: put it where "
                          "every worker sees it)") for r in results)  # fmt: skip


class _KillOnce(distributed.WorkerPlugin):
    """Ends its worker's process the first time any worker starts extracting (a marker file
    says it happened), as a crash or an out-of-memory kill would."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and "extract_partition" in str(key):
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL)
            except FileExistsError:
                return
            os.close(fd)
            os._exit(1)


def test_a_worker_killed_mid_partition_is_retried_and_nothing_is_lost(client, tmp_path):
    from kg.extraction.extract import extract_documents
    from kg.extraction.pipeline import build_pipeline

    batch = documents(SAMPLES_DIR)
    marker = tmp_path / "killed"
    client.register_plugin(_KillOnce(str(marker)), name="kill-once")
    try:
        results = list(DaskExtraction(client, partition_size=2).graphs(batch))
    finally:
        client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker did die
    assert not [r for r in results if isinstance(r, LoadError)]
    local = extract_documents(build_pipeline(None), batch)
    assert [without_text(r) for r in results] == [without_text(g) for g in local]
    client.wait_for_workers(2, timeout=60)


def run_kg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG), *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("local:0", "error: --dask local:0: give local:N with N workers, 1 or more"),
        ("tcp://127.0.0.1:9", "error: --dask tcp://127.0.0.1:9: no Dask scheduler there ("),
    ],
)
def test_a_cluster_that_cannot_be_had_is_one_line_and_writes_nothing(tmp_path, option, message):
    result = run_kg(
        "ingest", str(SAMPLES_DIR), "--dask", option, "--db", str(tmp_path / "db"),
        DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.lower().startswith(message.lower())
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "db").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dask", "local:2", "--workers", "2"], "give --workers or --dask, not both"),
        (["--shards", "shards"], "--shards goes with --dask"),
    ],
)
def test_options_that_do_not_go_together_are_refused(runner, tmp_path, args, message):
    from kg.cli.main import main

    result = runner.invoke(main, ["ingest", str(SAMPLES_DIR), "--db", str(tmp_path / "db"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "db").exists()


def test_dask_ingest_into_a_bolt_server_gives_what_a_local_ingest_pushes(
    client, bolt_server, samples_db: Path
):
    """The one writer sends the cluster's graphs to the live Bolt server (ArcadeDB, or the
    server NEO4J_URI names) in batches: the same nodes and facts as the samples ingested here
    and pushed."""
    from kg.jobs.ingest import ingest
    from kg.jobs.push import push
    from kg.store import open_store
    from kg.store.neo4j_store import Neo4jStore

    def snapshot(store: Neo4jStore) -> tuple[list, list]:
        nodes = store.run("MATCH (n) RETURN labels(n)[0] AS label, n.id AS id ORDER BY label, id")
        facts = store.run(
            "MATCH (s)-[r]->(o) WHERE r.article_id IS NOT NULL RETURN s.id AS s, type(r) AS t, "
            "o.id AS o, r.article_id AS article, r.evidence AS evidence, r.date AS date "
            "ORDER BY s, t, o, article, evidence"
        )
        return nodes, facts

    with Neo4jStore(bolt_server) as server:
        server.run("MATCH (n) DETACH DELETE n")
        report = ingest(
            load_sources([str(SAMPLES_DIR)]), server, None, extraction=DaskExtraction(client)
        )
        assert report.articles == len(documents(SAMPLES_DIR)) and not report.failures
        from_cluster = snapshot(server)
        server.run("MATCH (n) DETACH DELETE n")
        with open_store(samples_db, read_only=True) as embedded:
            push(embedded, server, again=True)
        pushed = snapshot(server)
        server.run("MATCH (n) DETACH DELETE n")
    assert from_cluster[1] and from_cluster == pushed

"""Extraction on a Dask cluster: documents go out in partitions; each worker loads the
pipeline once and extracts whole partitions into Parquet shards (kg/jobs/shards.py), written to a
shared folder or sent back in memory; this process reads the shards back in input order, for
the one writer.

A task that raises is retried by Dask, and a worker that dies has its partitions run again
elsewhere; a document whose extraction fails is reported by id and the rest of its partition
goes on; a partition that still fails has each of its documents reported, none lost silently.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.batches import batches
from kg.errors import KGError, LoadError
from kg.jobs.shards import graphs_from_bytes, read_shard, shard_bytes, write_shard
from kg.model import ArticleGraph, Document

if TYPE_CHECKING:
    from spacy.language import Language

LOCAL = "local:"
PARTITION_DOCUMENTS = 16
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker: it never waits, memory stays bounded
RETRIES = 2


class DaskError(KGError):
    """The Dask cluster could not be started, reached or used."""


def local_workers(address: str) -> int | None:
    """N for 'local:N' (a LocalCluster of N single-threaded worker processes), else None."""
    if not address.startswith(LOCAL):
        return None
    count = address[len(LOCAL) :]
    if not count.isdigit() or int(count) < 1:
        raise DaskError(f"--dask {address}: give local:N with N workers, 1 or more")
    return int(count)


@contextmanager
def dask_client(address: str) -> Iterator[Any]:
    """A client of the scheduler at ADDRESS, or of a LocalCluster for 'local:N', closed after."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskError("--dask needs Dask: pip install 'china-tech-kg[dask]'") from None
    workers = local_workers(address)
    try:
        if workers is not None:
            import dask

            # The workers' statistical profiler samples each task's stack 100 times a second,
            # and the malloc trim threshold Dask sets for them doubles the kernel time of
            # parsing; neither is worth it for long, CPU-bound tasks.
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
            environ.pop("MALLOC_TRIM_THRESHOLD_", None)
            settings = {"distributed.worker.profile.enabled": False,
                        "distributed.nanny.pre-spawn-environ": environ}  # fmt: skip
            with dask.config.set(settings):
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=logging.ERROR,
                )  # fmt: skip
            client = Client(cluster)
        else:
            cluster = None
            client = Client(address)  # waits distributed.comm.timeouts.connect
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskError(f"--dask {address}: no Dask scheduler there ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass
class PartitionResult:
    """What a worker made of one partition: its extractor, the shard (in memory when there is
    no shared folder) and the documents it could not extract."""

    number: int
    fingerprint: str
    articles: int
    shard: dict[str, bytes] | None = None
    failures: dict[str, str] = field(default_factory=dict)  # document id -> why


# The pipelines of this worker process, by model: built by the first task that needs one.
_pipelines: dict[str | None, Language] = {}


def _pipeline(model: str | None) -> Language:
    if model and Path(model).is_absolute() and not Path(model).is_dir():
        raise DaskError(
            f"no model folder {model} on this worker: put it where every worker sees it"
        )
    if model not in _pipelines:
        from kg.extraction.pipeline import build_pipeline

        _pipelines[model] = build_pipeline(model)
    return _pipelines[model]


def extract_partition(
    number: int, documents: list[Document], model: str | None, shards: str | None
) -> PartitionResult:
    """Runs on a worker: extract DOCUMENTS with MODEL's pipeline into shard NUMBER (under the
    shared folder SHARDS, else in the result)."""
    from kg.extraction.extract import extract_documents
    from kg.extraction.pipeline import FINGERPRINT_KEY

    nlp = _pipeline(model)
    failures = {}
    try:
        graphs = list(extract_documents(nlp, documents, batch_size=len(documents)))
    except Exception:  # one bad document: extract the others one by one
        graphs = []
        for document in documents:
            try:
                graphs += extract_documents(nlp, [document], batch_size=1)
            except Exception as exc:
                failures[document.id] = f"not extracted ({type(exc).__name__}: {exc})"
    result = PartitionResult(number, str(nlp.meta[FINGERPRINT_KEY]), len(graphs), None, failures)
    name = shard_name(number)
    if shards is None:
        result.shard = shard_bytes(graphs)
    else:
        write_shard(graphs, Path(shards), name)
    return result


def shard_name(number: int) -> str:
    return f"part-{number:06d}"


class DaskExtraction:
    """Extraction mapped over a Dask cluster, yielding each document's ArticleGraph (or the
    LoadError that says why there is none) in input order.

    MODEL is built by each worker (a path must exist there); SHARDS is a folder every worker
    and this process share, else shards come back in memory. ON_PARTITION(done, submitted) is
    called as partitions finish."""

    bulk_load = True  # the one writer takes big batches by the store's bulk path

    def __init__(
        self,
        client: Any,
        model: str | None = None,
        *,
        shards: Path | None = None,
        partition_size: int = PARTITION_DOCUMENTS,
        on_partition: Callable[[int, int], None] = lambda done, submitted: None,
    ) -> None:
        from kg.extraction.pipeline import extractor_fingerprint
        from kg.extraction.trained import choose_model

        self.client = client
        # a model folder given relative to here means the same folder to the workers
        self.model = str(Path(model).resolve()) if model and Path(model).is_dir() else model
        self.shards = shards
        self.partition_size = partition_size
        self.on_partition = on_partition
        choice = choose_model(model)
        self.fingerprint = extractor_fingerprint(choice.base, choice.trained)

    def graphs(self, documents: Iterable[Document]) -> Iterator[ArticleGraph | LoadError]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        pending: deque[tuple[Any, list[Document]]] = deque()
        submitted = done = 0
        for partition in batches(documents, self.partition_size):
            future = self.client.submit(
                extract_partition, submitted, partition, self.model,
                str(self.shards) if self.shards else None, retries=RETRIES, pure=False,
            )  # fmt: skip
            pending.append((future, partition))
            submitted += 1
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from self._collect(*pending.popleft())
                done += 1
                self.on_partition(done, submitted)
        while pending:
            yield from self._collect(*pending.popleft())
            done += 1
            self.on_partition(done, submitted)

    def _collect(
        self, future: Any, partition: list[Document]
    ) -> Iterator[ArticleGraph | LoadError]:
        try:
            result: PartitionResult = future.result()
        except Exception as exc:  # retried and still failing, or its workers kept dying
            reason = _task_failure(exc)
            for document in partition:
                yield LoadError(document.id, f"not extracted ({reason})")
            return
        finally:
            future.release()
        if result.fingerprint != self.fingerprint:
            raise DaskError(
                "a Dask worker extracts with a different kg version, model or data files than "
                "this process; install the same china-tech-kg and model on every worker"
            )
        if result.shard is not None:
            graphs = graphs_from_bytes(result.shard)
        else:
            assert self.shards is not None
            graphs = read_shard(self.shards, shard_name(result.number))
        by_id = {graph.document.id: graph for graph in graphs}
        for document in partition:
            graph = by_id.get(document.id)
            if graph is not None:
                # the shard keeps no text: the caller's document (with its digest) goes back
                yield ArticleGraph(document, graph.entities, graph.mentions, graph.relations)
            else:
                yield LoadError(document.id, result.failures.get(document.id, "not extracted"))


def _task_failure(exc: Exception) -> str:
    if isinstance(exc, ModuleNotFoundError) and "kg" in str(exc):
        return "the Dask worker cannot import kg: install china-tech-kg on every worker"
    name = type(exc).__name__
    if name == "KilledWorker":
        return "the workers running it died, each time it was tried"
    return f"{name}: {exc}".splitlines()[0]

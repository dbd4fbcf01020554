"""Ingest at scale: one process, two processes, and a Dask cluster, on synthetic articles; the
one writer's load step measured on its own; a paper estimate for a million articles.

1. `kg ingest --workers 1`, `--workers 2` and `--dask local:2 --shards DIR` of COUNT synthetic
   articles (bench/synth_corpus.py), each into a fresh store, each as its own process (so the
   Dask run pays for its cluster and its workers' pipelines);
2. the graphs of the `--workers 1` and Dask stores compared (N-Quads export, sorted): the same
   graph is part of the target;
3. the load step: the Dask run's Parquet shards read back and written into a fresh store by the
   one writer (resolution onto known actors, then the bulk path: COPY for new rows), timed in
   this process; its share of the Dask run's wall time;
4. a 1M-article run on K machines of 2 cores, from the measured per-core and load rates.

Target: `--dask local:2` / `--workers 1` throughput >= 1.6 on 2 cores, and the same graph.

    python bench/distributed.py [--count 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest import KG, Measured, run_measured
from synth_corpus import write_corpus

MILLION = 1_000_000


def ingest(corpus: Path, db: Path, *options: str) -> Measured:
    return run_measured([str(KG), "ingest", str(corpus), "--db", str(db), *options])


def nquads(db: Path, out: Path) -> list[str]:
    subprocess.run(
        [str(KG), "export", "--format", "nq", "-o", str(out), "--db", str(db)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return sorted(out.read_text(encoding="utf-8").splitlines())


def load_step(shards: Path, db: Path) -> tuple[float, float, int, int]:
    """Seconds to read every shard under SHARDS, seconds to resolve and bulk-write them into a
    fresh store at DB; articles and relationships written."""
    from kg.jobs.judging import known_actors
    from kg.jobs.shards import read_shard
    from kg.store import open_store

    started = time.perf_counter()
    names = sorted(p.stem for p in (shards / "articles").glob("*.parquet"))
    graphs = [graph for name in names for graph in read_shard(shards, name)]
    read = time.perf_counter() - started
    started = time.perf_counter()
    with open_store(db) as store:
        actors = known_actors(store)
        store.bulk_write([actors.resolve(graph) for graph in graphs])
    write = time.perf_counter() - started
    return read, write, len(graphs), sum(len(g.relations) for g in graphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-distributed-"))
    corpus = work / "corpus.jsonl"
    words = write_corpus(corpus, args.count, seed=args.seed)
    count = args.count
    print(f"{count} synthetic articles, {words:,} words ({work})", flush=True)

    one = ingest(corpus, work / "one", "--workers", "1")
    two = ingest(corpus, work / "two", "--workers", "2")
    dask = ingest(corpus, work / "dask", "--dask", "local:2", "--shards", str(work / "shards"))
    for label, run in (("--workers 1", one), ("--workers 2", two), ("--dask local:2", dask)):
        print(f"kg ingest {label:<16} {run.seconds:7.1f} s  {count / run.seconds:6.2f} "
              f"articles/s  CPU {run.cpu:7.1f} s  peak RSS {run.rss:6.0f} MiB")  # fmt: skip
    same = nquads(work / "one", work / "one.nq") == nquads(work / "dask", work / "dask.nq")
    print(f"--workers 2 / --workers 1       {one.seconds / two.seconds:5.2f}")
    print(f"--dask local:2 / --workers 1    {one.seconds / dask.seconds:5.2f}   target >= 1.6")
    print(f"graph of --dask local:2 = graph of --workers 1: {'yes' if same else 'NO'}")

    read, write, articles, relations = load_step(work / "shards", work / "load")
    load = read + write
    print(f"load step (one writer): read shards {read:.2f} s, resolve + bulk write {write:.2f} s"
          f" = {articles / load:,.0f} articles/s, {relations / load:,.0f} relationships/s; "
          f"{load / dask.seconds:.1%} of the Dask run")  # fmt: skip

    per_core = count / one.seconds
    efficiency = one.seconds / dask.seconds / 2
    print(f"\n1M articles, from {per_core:.2f} articles/s per core (one process, whole run) and "
          f"the load rate, with --dask scaling as measured here ({efficiency:.0%} of linear "
          "per core):")  # fmt: skip
    for machines in (1, 10, 50, 200):
        extract_hours = MILLION / (per_core * 2 * machines * efficiency) / 3600
        load_hours = MILLION / (articles / load) / 3600
        bound = "extraction" if extract_hours >= load_hours else "the one writer"
        print(f"  {machines:>3} machines x 2 cores: extraction {extract_hours:7.2f} h, load "
              f"{load_hours:5.2f} h (overlapping); bound by {bound}")  # fmt: skip
    if not same:
        sys.exit("the Dask graph differs from the local one")


if __name__ == "__main__":
    main()

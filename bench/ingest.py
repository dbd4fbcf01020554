"""Ingest against the physical limit, parallel scaling and bounded memory.

On COUNT synthetic articles (bench/synth_corpus.py) this runs, each as its own process so that
wall time and peak memory are measured alike:

1. the bare spaCy pipeline: the same pipeline kg builds, `nlp.pipe` over the same texts, nothing
   else (the physical limit);
2. `kg ingest --workers 1` into a fresh store: load, extract, resolve, write;
3. `kg ingest --workers 2`;
4. `kg ingest --workers 1` of the first COUNT / 10 articles, for the memory ratio.

Targets: ingest / bare throughput >= 0.85; 2 workers / 1 worker >= 1.7; peak RSS of COUNT
articles / COUNT / 10 articles <= 1.25. CPU seconds are printed beside wall seconds: with one
worker, kg ingest parses in one thread and writes in another.

    python bench/ingest.py [--count 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from synth_corpus import write_corpus

KG = Path(sys.executable).with_name("kg")


@dataclass
class Measured:
    """One command's wall seconds, CPU seconds (its own and its children's) and peak RSS (MiB,
    of it or any process it started)."""

    seconds: float
    cpu: float
    rss: float


def run_measured(command: list[str]) -> Measured:
    """Run COMMAND and measure it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}")
    # Linux counts in a child's usage that of the processes it waited for (ingest workers)
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def bare_spacy(corpus: Path) -> None:
    """The physical limit: kg's own pipeline over the corpus texts, and nothing else."""
    from kg.pipeline import build_pipeline

    nlp = build_pipeline()
    with corpus.open(encoding="utf-8") as lines:
        texts = (json.loads(line)["text"] for line in lines)
        for _ in nlp.pipe(texts, batch_size=16):
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare)
        return
    work = Path(tempfile.mkdtemp(prefix="kg-bench-ingest-"))
    corpus, small = work / "corpus.jsonl", work / "small.jsonl"
    words = write_corpus(corpus, args.count)
    with corpus.open(encoding="utf-8") as source:
        small.write_text("".join(islice(source, args.count // 10)), encoding="utf-8")
    print(f"{args.count} synthetic articles, {words:,} words ({work})", flush=True)

    def ingest(path: Path, workers: int, name: str) -> Measured:
        command = [str(KG), "ingest", str(path), "--workers", str(workers), "--db",
                   str(work / name)]  # fmt: skip
        return run_measured(command)

    bare = run_measured([sys.executable, __file__, "--bare", str(corpus)])
    one = ingest(corpus, 1, "one-worker")
    two = ingest(corpus, 2, "two-workers")
    tenth = ingest(small, 1, "small")

    def line(name: str, run: Measured) -> str:
        return (f"{name:<24} {run.seconds:7.1f} s  {args.count / run.seconds:6.2f} articles/s "
                f"{words / run.seconds:8,.0f} words/s   CPU {run.cpu:7.1f} s")  # fmt: skip

    print(line("bare spaCy nlp.pipe", bare))
    print(line("kg ingest --workers 1", one))
    print(line("kg ingest --workers 2", two))
    print(f"ingest / bare spaCy (1 process)   {bare.seconds / one.seconds:5.2f}   target >= 0.85"
          f"   (CPU time: {bare.cpu / one.cpu:.2f}; kg writes in a second thread)")  # fmt: skip
    print(f"2 workers / 1 worker              {one.seconds / two.seconds:5.2f}   target >= 1.7")
    print(f"peak RSS {args.count} / {args.count // 10} articles  "
          f"{one.rss:.0f} / {tenth.rss:.0f} MiB = {one.rss / tenth.rss:.2f}   "
          "target <= 1.25")  # fmt: skip


if __name__ == "__main__":
    main()

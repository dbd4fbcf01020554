"""Ingest against the physical limit, parallel scaling and bounded memory, on synthetic and on
real text.

Two corpora: COUNT synthetic articles (bench/synth_corpus.py), and REAL documents built from the
project's annotated real articles (corpus/dev and corpus/train, cycled under distinct ids). On
each, every command runs as its own process so that wall time and peak memory are measured
alike:

1. bare spaCy: the base pipeline kg builds on (en_core_web_sm), `nlp.pipe` over the same texts,
   nothing else (the physical limit; kg's gazetteer, trained recogniser and relationship stage
   count against kg);
2. `kg ingest --workers 1` into a fresh store: load, extract, resolve, write;
3. `kg ingest --workers 2`;
4. (synthetic only) `kg ingest --workers 1` of the first COUNT / 10 articles, for the memory
   ratio.

On real text each command runs twice and the faster run counts (a shorter run is more exposed
to a busy machine). Targets: ingest / bare throughput >= 0.85; 2 workers / 1 worker >= 1.7; peak
RSS of COUNT articles / COUNT / 10 articles <= 1.25. CPU seconds are printed beside wall
seconds: with one worker, kg ingest parses in one thread and writes in another.

    python bench/ingest.py [--count 2000] [--real 400]
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
ANNOTATED = ("dev", "train")  # corpus/questions holds question sets, not articles
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


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


def best_of(runs: int, command: list[str]) -> Measured:
    """The fastest of RUNS runs of COMMAND."""
    return min((run_measured(command) for _ in range(runs)), key=lambda m: m.seconds)


def bare_spacy(corpus: Path) -> None:
    """The physical limit: the base spaCy pipeline over the corpus texts, and nothing else."""
    from kg.pipeline import load_model

    nlp = load_model()
    with corpus.open(encoding="utf-8") as lines:
        texts = (json.loads(line)["text"] for line in lines)
        for _ in nlp.pipe(texts, batch_size=16):
            pass


def write_real(path: Path, count: int) -> int:
    """COUNT documents from the annotated real articles, cycled under distinct ids; words."""
    sources = sorted(
        p
        for folder in ANNOTATED
        for p in (CORPUS / folder).glob("*.json")
        if not p.name.endswith(".gold.json")
    )
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = json.loads(sources[number % len(sources)].read_text(encoding="utf-8"))
            record["id"] = f"real-{number}"
            record.pop("url", None)
            words += len(record["text"].split())
            out.write(json.dumps(record) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--real", type=int, default=400)
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare)
        return
    work = Path(tempfile.mkdtemp(prefix="kg-bench-ingest-"))
    real = work / "real.jsonl"
    real_words = write_real(real, args.real)
    print(f"{args.real} documents of real articles, {real_words:,} words ({work})", flush=True)
    measure(work, real, "real", args.real, real_words, runs=2)
    corpus, small = work / "corpus.jsonl", work / "small.jsonl"
    words = write_corpus(corpus, args.count)
    with corpus.open(encoding="utf-8") as source:
        small.write_text("".join(islice(source, args.count // 10)), encoding="utf-8")
    print(f"{args.count} synthetic articles, {words:,} words ({work})", flush=True)
    one = measure(work, corpus, "synthetic", args.count, words, runs=1)
    tenth = run_measured(ingest_command(small, 1, work / "small"))
    print(f"peak RSS {args.count} / {args.count // 10} articles  "
          f"{one.rss:.0f} / {tenth.rss:.0f} MiB = {one.rss / tenth.rss:.2f}   "
          "target <= 1.25")  # fmt: skip


def ingest_command(path: Path, workers: int, db: Path) -> list[str]:
    """kg ingest of PATH into a fresh store DB."""
    return [str(KG), "ingest", str(path), "--workers", str(workers), "--db", str(db)]


def measure(work: Path, corpus: Path, name: str, count: int, words: int, runs: int) -> Measured:
    """Bare spaCy, one and two workers on CORPUS; prints the lines and ratios, returns the
    one-worker ingest."""
    bare = best_of(runs, [sys.executable, __file__, "--bare", str(corpus)])
    stores = iter(range(1_000))

    def ingest(workers: int) -> Measured:
        return min(
            (
                run_measured(ingest_command(corpus, workers, work / f"{name}-{next(stores)}"))
                for _ in range(runs)
            ),
            key=lambda m: m.seconds,
        )

    one, two = ingest(1), ingest(2)

    def line(label: str, run: Measured) -> str:
        return (f"{label:<24} {run.seconds:7.1f} s  {count / run.seconds:6.2f} articles/s "
                f"{words / run.seconds:8,.0f} words/s   CPU {run.cpu:7.1f} s")  # fmt: skip

    best = " (best of 2)" if runs == 2 else ""
    print(f"{name}{best}:")
    print(line("bare spaCy nlp.pipe", bare))
    print(line("kg ingest --workers 1", one))
    print(line("kg ingest --workers 2", two))
    print(f"ingest / bare spaCy (1 process)   {bare.seconds / one.seconds:5.2f}   target >= 0.85"
          f"   (CPU time: {bare.cpu / one.cpu:.2f}; kg writes in a second thread)")  # fmt: skip
    print(f"2 workers / 1 worker              {one.seconds / two.seconds:5.2f}   target >= 1.7",
          flush=True)  # fmt: skip
    return one


if __name__ == "__main__":
    main()

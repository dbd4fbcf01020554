"""Ingest against the physical limit, parallel scaling and bounded memory, on synthetic and on
real text.

Two corpora: COUNT synthetic articles (bench/synth_corpus.py), and REAL documents built from the
project's annotated real articles (corpus/dev and corpus/train, cycled under distinct ids). On
each, every command runs as its own process so that wall time and peak memory are measured
alike:

1. bare spaCy: the base pipeline kg builds on (en_core_web_sm), `nlp.pipe` over the same texts,
   nothing else (the physical limit; kg's gazetteer, trained recogniser and relationship stage
   count against kg); on real text also the same with its matrix products through numpy's BLAS
   as kg runs them (kg.extraction.matrix_ops), so that kg's own cost is seen apart from that
   gain, and that in two forked processes (chunks of 4 documents, as kg's workers take them),
   the two-process speed-up this machine gives parsing alone;
2. `kg ingest --workers 1` into a fresh store: load, extract, resolve, write;
3. `kg ingest --workers 2`;
4. (synthetic only) `kg ingest --workers 1` of the first COUNT / 10 articles, for the memory
   ratio.

On real text the three commands run in turn, ROUNDS times (2 by default), and the fastest run of
each counts (a shorter run is more exposed to a busy machine); with more rounds the bench also
prints each round's ratios and the medians, which show how far this machine's speed moves.
Targets: ingest / bare throughput >= 0.85; 2 workers / 1 worker >= 1.7; peak RSS of COUNT
articles / COUNT / 10 articles <= 1.25. CPU seconds are printed beside wall
seconds: with one worker, kg ingest parses in one thread and writes in another.

    python bench/ingest.py [--count 2000] [--real 400 (0: none)] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from statistics import median
from typing import Any

from synth_corpus import write_corpus

KG = Path(sys.executable).with_name("kg")
SAME_BLAS = "bare spaCy, numpy BLAS"
SAME_BLAS_2 = "  the same, 2 processes"
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


_bare_nlp: Any = None  # the pipeline of the forked bare-spaCy workers


def _parse_chunk(texts: list[str]) -> None:
    for _ in _bare_nlp.pipe(texts, batch_size=16):
        pass


def bare_spacy(corpus: Path, numpy_blas: bool, workers: int) -> None:
    """The physical limit: the base spaCy pipeline over the corpus texts, and nothing else;
    with NUMPY_BLAS, multiplying as kg's pipeline does; in WORKERS forked processes, taking
    chunks of documents as kg's workers do."""
    global _bare_nlp
    from spacy.util import minibatch

    from kg.extraction.extract import POOL_CHUNK, keep_freed_memory
    from kg.extraction.matrix_ops import use_numpy_blas
    from kg.extraction.pipeline import load_model

    nlp = load_model()
    if numpy_blas:
        use_numpy_blas(nlp)
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    _bare_nlp = nlp
    if workers == 1:
        _parse_chunk(texts)
        return
    # the workers set up as kg's are (they keep the memory they free)
    with multiprocessing.get_context("fork").Pool(workers, initializer=keep_freed_memory) as pool:
        for _ in pool.imap(_parse_chunk, minibatch(texts, size=POOL_CHUNK)):
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
    parser.add_argument("--rounds", type=int, default=2, help="alternated runs on real text")
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--numpy-blas", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bare-workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="real text only: kg ingest with the store's writes switched off, one and two "
        "workers (what two cores give kg without its writer)",
    )
    parser.add_argument("--no-writes", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare, args.numpy_blas, args.bare_workers)
        return
    if args.no_writes:
        ingest_without_writes(*args.no_writes)
        return
    work = Path(tempfile.mkdtemp(prefix="kg-bench-ingest-"))
    if args.ceiling:
        real = work / "real.jsonl"
        write_real(real, args.real)
        measure_ceiling(work, real, args.real, args.rounds)
        return
    if args.real > 0:  # --real 0: the synthetic part only
        real = work / "real.jsonl"
        real_words = write_real(real, args.real)
        print(f"{args.real} documents of real articles, {real_words:,} words ({work})", flush=True)
        measure(work, real, "real", args.real, real_words, runs=args.rounds, same_blas=True)
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


def ingest_without_writes(path: str, workers: str, db: str) -> None:
    """kg ingest as it runs, except that the store takes no writes (a stand-in, named so: it
    measures what extraction alone gains from a second worker, the ceiling the writer lowers)."""
    from kg.store.ladybug_store import LadybugStore

    LadybugStore._write = lambda self, graphs, judgements: None  # type: ignore[method-assign]
    from kg.cli.main import main as kg_main

    sys.argv = ["kg", "ingest", path, "--workers", workers, "--db", db]
    kg_main()


def measure_ceiling(work: Path, corpus: Path, count: int, runs: int) -> None:
    """One and two workers with the writes switched off, alternated RUNS times."""
    stores = iter(range(1_000))

    def command(workers: int) -> list[str]:
        db = work / f"ceiling-{next(stores)}"
        return [sys.executable, __file__, "--no-writes", str(corpus), str(workers), str(db)]

    rounds = [(run_measured(command(1)), run_measured(command(2))) for _ in range(runs)]
    ones = [one.seconds for one, _ in rounds]
    twos = [two.seconds for _, two in rounds]
    print(f"{count} real documents, kg ingest with no store writes ({runs} alternated runs):")
    print("  one worker  " + ", ".join(f"{x:.1f}" for x in ones) + " s")
    print("  two workers " + ", ".join(f"{x:.1f}" for x in twos) + " s")
    print(
        f"2 workers / 1, no writes: best {min(ones) / min(twos):.2f}, medians "
        f"{median(ones) / median(twos):.2f}   (the target 1.7 counts the writes)",
        flush=True,
    )


def ingest_command(path: Path, workers: int, db: Path) -> list[str]:
    """kg ingest of PATH into a fresh store DB."""
    return [str(KG), "ingest", str(path), "--workers", str(workers), "--db", str(db)]


def measure(
    work: Path,
    corpus: Path,
    name: str,
    count: int,
    words: int,
    runs: int,
    same_blas: bool = False,
) -> Measured:
    """Bare spaCy, one and two workers on CORPUS (and with SAME_BLAS bare spaCy multiplying as
    kg does), alternated RUNS times (a machine that speeds up or slows down during the bench
    weighs on all alike); prints the best run of each, the ratios of the best runs, and with
    several runs each round's ratios and the medians. Returns the fastest one-worker ingest."""
    stores = iter(range(1_000))
    bare_command = [sys.executable, __file__, "--bare", str(corpus)]
    commands: dict[str, Callable[[], list[str]]] = {
        "bare spaCy nlp.pipe": lambda: bare_command,
        "kg ingest --workers 1": lambda: ingest_command(corpus, 1, work / f"{name}-{next(stores)}"),
        "kg ingest --workers 2": lambda: ingest_command(corpus, 2, work / f"{name}-{next(stores)}"),
    }
    if same_blas:
        commands[SAME_BLAS] = lambda: [*bare_command, "--numpy-blas"]
        commands[SAME_BLAS_2] = lambda: [*bare_command, "--numpy-blas", "--bare-workers", "2"]
    rounds = [{label: run_measured(command()) for label, command in commands.items()}
              for _ in range(runs)]  # fmt: skip
    bare, one, two, *same = (
        min((r[label] for r in rounds), key=lambda m: m.seconds) for label in commands
    )

    def line(label: str, run: Measured) -> str:
        return (f"{label:<24} {run.seconds:7.1f} s  {count / run.seconds:6.2f} articles/s "
                f"{words / run.seconds:8,.0f} words/s   CPU {run.cpu:7.1f} s")  # fmt: skip

    print(f"{name} (best of {runs}, alternated):" if runs > 1 else f"{name}:")
    for label, run in zip(commands, (bare, one, two, *same), strict=True):
        print(line(label, run))
    print(f"ingest / bare spaCy (1 process)   {bare.seconds / one.seconds:5.2f}   target >= 0.85"
          f"   (CPU time: {bare.cpu / one.cpu:.2f}; kg writes in a second thread)")  # fmt: skip
    if same:
        print(f"ingest / bare spaCy, numpy BLAS   {same[0].seconds / one.seconds:5.2f}   "
              "(kg's own cost beyond the base pipeline)")  # fmt: skip
    print(f"2 workers / 1 worker              {one.seconds / two.seconds:5.2f}   target >= 1.7",
          flush=True)  # fmt: skip
    if same:
        print(f"bare spaCy, 2 processes / 1       {same[0].seconds / same[1].seconds:5.2f}   "
              "(what two cores give parsing alone here)", flush=True)  # fmt: skip
    if runs > 1:
        labels = list(commands)
        efficiency = [r[labels[0]].seconds / r[labels[1]].seconds for r in rounds]
        scaling = [r[labels[1]].seconds / r[labels[2]].seconds for r in rounds]
        print("  round by round: ingest / bare " + ", ".join(f"{x:.2f}" for x in efficiency)
              + "; 2 / 1 " + ", ".join(f"{x:.2f}" for x in scaling))  # fmt: skip
        medians = [median(r[label].seconds for r in rounds) for label in labels]
        print(
            f"  medians: {medians[0]:.1f} / {medians[1]:.1f} / {medians[2]:.1f} s, ingest / bare "
            f"{medians[0] / medians[1]:.2f}, 2 / 1 {medians[1] / medians[2]:.2f}",
            flush=True,
        )
    return one


if __name__ == "__main__":
    main()

"""Fault probe: does the embedded store lose or tear anything when an ingest is killed, the disk
fills up, or two writers start at once?

    python bench/faults.py [--kills 10] [--articles corpus/dev corpus/train] [--seed 0]

Each fault runs `kg ingest` as a separate process on a fresh store, then checks that the store
opens, holds only whole articles (each with the mentions and relationships a clean ingest gives
it) and its kept counts are the real ones, and that ingesting again completes the graph to
exactly the clean one. The disk-full probe mounts a small tmpfs (root only; skipped otherwise).
Prints one line per fault and how many were survived with nothing lost.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KG = [sys.executable, "-m", "kg"]
Snapshot = dict[str, Any]
EMPTY: Snapshot = {"articles": {}, "counts_real": True}  # killed before the store was made


def ingest(db: Path, articles: list[Path], **popen: Any) -> subprocess.Popen[str]:
    env = {**os.environ, "KG_DB": str(db)}
    return subprocess.Popen(
        [*KG, "ingest", *map(str, articles), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def finish(db: Path, articles: list[Path]) -> tuple[int, str]:
    done = ingest(db, articles)
    _, err = done.communicate(timeout=1800)
    return done.returncode, err


def snapshot(db: Path) -> Snapshot:
    """Per article: its mentions and relationships; and whether the kept counts are real."""
    from kg.store import open_store

    with open_store(db, read_only=True) as store:
        mentions = store.run("MATCH (a:Article)-[:MENTIONS]->(n) RETURN a.id AS a, n.id AS n")
        facts = store.run(
            "MATCH (a:Article)-[:MENTIONS]->(s)-[r]->(o) WHERE r.article_id = a.id "
            "RETURN a.id AS a, s.id AS s, label(r) AS t, o.id AS o, r.evidence AS e"
        )
        articles = store.run("MATCH (a:Article) RETURN a.id AS a")
        counts = store.run("MATCH (c:Count) RETURN c.type AS t, c.kind AS k, c.count AS n")
        real = {
            row["t"]: store.run(
                f"MATCH (x:{row['t']}) RETURN count(x) AS n"
                if row["k"] == "node"
                else f"MATCH ()-[x:{row['t']}]->() RETURN count(x) AS n"
            )[0]["n"]
            for row in counts
        }
    per_article: dict[str, set[tuple[Any, ...]]] = {r["a"]: set() for r in articles}
    for row in mentions:
        per_article[row["a"]].add(("mention", row["n"]))
    for row in facts:
        per_article[row["a"]].add((row["s"], row["t"], row["o"], row["e"]))
    return {
        "articles": {a: frozenset(items) for a, items in per_article.items()},
        "counts_real": all(real[r["t"]] == r["n"] for r in counts),
    }


def verdict(name: str, db: Path, articles: list[Path], clean: Snapshot, expect: str = "") -> bool:
    """Whether the store after fault NAME held only whole clean articles, and became the clean
    graph after one more ingest."""
    problems = []
    try:
        after = snapshot(db) if (db / "graph.lbug").exists() else EMPTY
    except Exception as exc:  # the probe reports every failure, whatever it is
        problems.append(f"store does not open after the fault: {str(exc).splitlines()[0]}")
        after = None
    if after is not None:
        torn = [a for a, items in after["articles"].items() if items != clean["articles"].get(a)]
        if torn:
            problems.append(f"{len(torn)} article(s) differ from a clean ingest")
        if not after["counts_real"]:
            problems.append("kept counts are not the real ones")
    code, err = finish(db, articles)
    if code != 0:
        problems.append(f"the ingest after the fault failed: {err.strip().splitlines()[-1:]}")
    elif snapshot(db) != clean:
        problems.append("the graph after a further ingest is not the clean one")
    kept = len(after["articles"]) if after else 0
    state = "survived" if not problems else "LOST: " + "; ".join(problems)
    print(f"{name}: {expect}{kept} whole article(s) kept; {state}", flush=True)
    return not problems


def kill_probe(articles: list[Path], clean: Snapshot, runtime: float, rng: random.Random, n: int,
               scratch: Path) -> list[bool]:  # fmt: skip
    results = []
    for number in range(1, n + 1):
        db = scratch / f"kill-{number}"
        when = rng.uniform(number - 1, number) * runtime / n  # one kill in each nth of the run
        process = ingest(db, articles)
        time.sleep(when)
        process.kill()
        process.wait()
        results.append(verdict(f"kill -9 at {when:.1f} s", db, articles, clean))
    return results


def disk_probe(articles: list[Path], clean: Snapshot, scratch: Path) -> list[bool]:
    mount = scratch / "tmpfs"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        print("disk full: skipped (mounting a tmpfs is not allowed here)")
        return []
    try:
        db = mount / "db"
        code, err = finish(db, articles)
        line = next((x for x in err.splitlines() if x.startswith("Error:")), "")
        ok_exit = code == 1 and "disk full" in line
        subprocess.run(["mount", "-o", "remount,size=400m", str(mount)], check=True)
        survived = verdict(
            "disk full (20 MB)", db, articles, clean, f"exit {code}, '{line[:60]}...'; "
        )
        return [ok_exit and survived]
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def writers_probe(articles: list[Path], clean: Snapshot, scratch: Path) -> list[bool]:
    db = scratch / "two-writers"
    first, second = ingest(db, articles), ingest(db, articles)
    outcomes = []
    for process in (first, second):
        _, err = process.communicate(timeout=1800)
        outcomes.append((process.returncode, err))
    codes = sorted(code for code, _ in outcomes)
    refused = [err for code, err in outcomes if code != 0]
    clear = all("another kg process is writing" in err for err in refused)
    survived = verdict("two writers at once", db, articles, clean, f"exit codes {codes}; ")
    return [clear and codes[0] == 0 and survived]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument(
        "--articles", type=Path, nargs="+", default=[Path("corpus/dev"), Path("corpus/train")]
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kg-faults-") as tmp:
        scratch = Path(tmp)
        started = time.monotonic()
        code, err = finish(scratch / "clean", args.articles)
        if code != 0:
            sys.exit(f"the clean ingest failed: {err}")
        runtime = time.monotonic() - started
        clean = snapshot(scratch / "clean")
        print(f"clean ingest: {len(clean['articles'])} articles in {runtime:.0f} s", flush=True)
        shutil.rmtree(scratch / "clean")
        results = kill_probe(args.articles, clean, runtime, rng, args.kills, scratch)
        results += disk_probe(args.articles, clean, scratch)
        results += writers_probe(args.articles, clean, scratch)
    print(f"{sum(results)} of {len(results)} faults survived with nothing lost")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()

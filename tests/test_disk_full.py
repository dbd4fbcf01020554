"""A full disk never loses the store: writes that lack room are refused before they start, a
write that runs out of room anyway is undone, a failed checkpoint is an error, and a store whose
checkpoint did not finish opens again (for reading too) once there is room.

The tmpfs tests mount a small file system (root only; skipped with the reason elsewhere) and run
kg as a separate process, as a user would: a write that fails for want of space ends the process
without closing LadybugDB, which would otherwise abort it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

KG = [sys.executable, "-m", "kg"]

# Run kg with the free-space estimate set to nothing and small batches: the estimate is a
# margin, and these tests need a write that runs out of room all the same.
NO_MARGIN = textwrap.dedent(
    """
    import sys
    import kg.jobs.ingest, kg.store.space
    kg.store.space.needed_bytes = lambda log, articles: 0
    kg.jobs.ingest.ingest.__kwdefaults__["batch_size"] = 8
    from kg.cli.main import main
    sys.argv = ["kg", *sys.argv[1:]]
    main()
    """
)


def write_articles(folder: Path, count: int, first: int = 0) -> Path:
    """COUNT short invented articles as .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + count):
        (folder / f"note-{number:04d}.txt").write_text(
            f"The market regulator fined Kuaishou {number + 3} million yuan on Tuesday.\n"
            f"The Ministry of Commerce said Kuaishou had ignored {number} earlier warnings "
            "about its pricing, and ordered Kuaishou to halt new contracts.\n",
            encoding="utf-8",
        )
    return folder


def kg(*args: str, db: Path, script: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script, *args] if script else [*KG, *args]
    env = {**os.environ, "KG_DB": str(db)}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def article_count(db: Path) -> int:
    result = kg("query", "--cypher", "MATCH (a:Article) RETURN count(a) AS n", "--format",
                "json", db=db)  # fmt: skip
    assert result.returncode == 0, result.stderr
    import json

    return int(json.loads(result.stdout)[0]["n"])


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one error line of a failed kg run (and no traceback, no abort)."""
    assert "Traceback" not in result.stderr and "terminate called" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("Error:")]
    return line


def ingest_again(db: Path, articles: Path, expected: int) -> None:
    """Once there is room, an ingest completes the store."""
    again = kg("ingest", str(articles), "--workers", "1", db=db)
    assert again.returncode == 0, again.stderr
    assert article_count(db) == expected


class Tmpfs:
    """A small tmpfs mounted for one test."""

    def __init__(self, where: Path) -> None:
        self.where = where

    def mount(self, size: str) -> None:
        self.where.mkdir(exist_ok=True)
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(self.where)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"mounting a tmpfs is not allowed here: {done.stderr.strip()}")

    def resize(self, size: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(self.where)], check=True)

    def fill(self, leave_mb: int) -> Path:
        """A file that leaves about LEAVE_MB free."""
        filler = self.where / "filler"
        free = shutil.disk_usage(self.where).free - leave_mb * 1024 * 1024
        with filler.open("wb") as handle:
            handle.write(b"\0" * max(free, 0))
        return filler


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Tmpfs]:
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    mounted = Tmpfs(tmp_path / "mnt")
    yield mounted
    subprocess.run(["umount", str(mounted.where)], capture_output=True)


def test_an_ingest_short_of_room_is_refused_before_writing(tmpfs: Tmpfs, tmp_path: Path) -> None:
    tmpfs.mount("40m")
    db = tmpfs.where / "db"
    first = kg("ingest", str(write_articles(tmp_path / "a", 12)), "--workers", "1", db=db)
    assert first.returncode == 0, first.stderr
    tmpfs.fill(leave_mb=8)

    refused = kg("ingest", str(write_articles(tmp_path / "b", 12, 100)), "--workers", "1", db=db)

    assert refused.returncode == 1
    line = error_line(refused)
    assert "disk full" in line and "MB free" in line and "nothing stored was lost" in line
    assert article_count(db) == 12  # readable while the disk is still full
    (tmpfs.where / "filler").unlink()
    ingest_again(db, tmp_path / "b", 24)


def test_a_write_that_runs_out_of_room_is_undone_and_the_store_opens_again(
    tmpfs: Tmpfs, tmp_path: Path
) -> None:
    tmpfs.mount("400k")
    db = tmpfs.where / "db"
    articles = write_articles(tmp_path / "a", 150)

    full = kg("ingest", str(articles), "--workers", "1", db=db, script=NO_MARGIN)

    assert full.returncode == 1, full.stderr  # not 134: LadybugDB did not abort
    assert "disk full, a write failed and was undone" in error_line(full)
    written = [x for x in full.stderr.splitlines() if x.startswith("Stopped after writing")]
    reported = int(written[0].split()[3]) if written else 0
    assert 0 < reported < 150
    tmpfs.resize("200m")
    assert article_count(db) == reported  # exactly what was reported written, nothing torn
    ingest_again(db, articles, 150)


def test_a_store_whose_checkpoint_did_not_finish_waits_for_room(
    tmpfs: Tmpfs, tmp_path: Path
) -> None:
    tmpfs.mount("60m")
    db = tmpfs.where / "db"
    interrupted_store(db, write_articles(tmp_path / "a", 5))
    tmpfs.fill(leave_mb=4)

    for command in (["stats"], ["ingest", str(write_articles(tmp_path / "b", 3, 50))]):
        refused = kg(*command, db=db)
        assert refused.returncode == 1, command
        line = error_line(refused)
        assert "disk full" in line and "finishing the last checkpoint" in line, line
        assert "--write" not in line

    (tmpfs.where / "filler").unlink()
    assert article_count(db) == 5
    assert not (db / "graph.lbug.shadow").exists()


def interrupted_store(db: Path, articles: Path) -> None:
    """A store as a process killed in its checkpoint leaves it: articles in the log, not yet
    in the database file, and a shadow file."""
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from kg.jobs.ingest import ingest
        from kg.extraction.pipeline import build_pipeline
        from kg.store import open_store
        from kg_loaders import load_sources
        store = open_store(Path({str(db)!r}))
        ingest(load_sources([{str(articles)!r}]), store, build_pipeline("rules"))
        os._exit(0)  # no checkpoint, no close
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=300)
    assert (db / "graph.lbug.wal").stat().st_size > 0
    (db / "graph.lbug.shadow").touch()


def test_a_store_whose_checkpoint_did_not_finish_opens_for_reading(tmp_path: Path) -> None:
    db = tmp_path / "db"
    interrupted_store(db, write_articles(tmp_path / "a", 4))

    result = kg("stats", db=db)

    assert result.returncode == 0, result.stderr
    assert article_count(db) == 4
    assert not (db / "graph.lbug.shadow").exists()


class FullAtCheckpoint:
    """A fake connection (no disk runs out here): CHECKPOINT fails as LadybugDB does on a full
    disk; everything else goes to the real connection."""

    def __init__(self, real: object, db: Path) -> None:
        self.real = real
        self.db = db

    def execute(self, query: str, params: dict | None = None) -> object:
        if query.strip().upper() == "CHECKPOINT":
            raise RuntimeError(
                f"IO exception: Cannot write to file. path: {self.db}/graph.lbug.shadow "
                "numBytesWritten: -1. Error: No space left on device"
            )
        return self.real.execute(query, params or {})  # type: ignore[attr-defined]

    def close(self) -> None:
        self.real.close()  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def test_a_failed_final_checkpoint_is_an_error_and_keeps_every_article(tmp_path: Path, nlp) -> None:
    from kg_loaders import load_sources

    from kg.errors import DiskFullError
    from kg.jobs.ingest import ingest
    from kg.store import open_store

    db = tmp_path / "db"
    store = open_store(db)
    store._connection = FullAtCheckpoint(store._connection, db)  # type: ignore[attr-defined]
    report = ingest(load_sources([str(write_articles(tmp_path / "a", 3))]), store, nlp)
    assert report.articles == 3

    with pytest.raises(DiskFullError, match="final checkpoint failed; every article written"):
        store.close()

    with open_store(db, read_only=True) as reopened:
        assert reopened.run("MATCH (a:Article) RETURN count(a) AS n") == [{"n": 3}]

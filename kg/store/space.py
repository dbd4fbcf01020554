"""Free disk space for the embedded store: how much a write needs, checked before writing,
because LadybugDB 0.22 does not survive running out of it (a failed write-ahead-log append
leaves a torn log and aborts the process when the database closes)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kg.errors import DiskFullError, StoreError

MIB = 1024 * 1024
# Measured: a checkpoint of a 3.2 MB log (149 articles into a new store) grew the database file
# by 22 MB and wrote a shadow file beside it; the log grows by about 22 KB an article.
CHECKPOINT_FACTOR = 8
LOG_BYTES_PER_ARTICLE = 24 * 1024
DEFAULT_FLOOR_MB = 16


def floor_bytes() -> int:
    """KG_MIN_FREE_MB if set, else DEFAULT_FLOOR_MB: space never to be written into."""
    configured = os.environ.get("KG_MIN_FREE_MB", "").strip()
    if not configured:
        return DEFAULT_FLOOR_MB * MIB
    if not configured.isdigit():
        raise StoreError(f"KG_MIN_FREE_MB={configured!r}: give a whole number of MiB")
    return int(configured) * MIB


def needed_bytes(log_bytes: int, articles: int) -> int:
    """Free space to ask for before writing ARTICLES into a store whose log holds LOG_BYTES:
    the floor, and room to fold the log and the new articles into the database."""
    return floor_bytes() + CHECKPOINT_FACTOR * (log_bytes + LOG_BYTES_PER_ARTICLE * articles)


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def require_space(directory: Path, log: Path, articles: int, doing: str) -> None:
    """Raise DiskFullError, before anything is written, when DIRECTORY's disk lacks the room
    that DOING (writing ARTICLES) needs."""
    free = shutil.disk_usage(directory).free
    need = needed_bytes(file_size(log), articles)
    if free < need:
        raise DiskFullError(
            f"{directory}: disk full: {free / MIB:.0f} MB free, {doing} needs about "
            f"{need / MIB:.0f} MB; nothing was written and nothing stored was lost; free space "
            "and run it again"
        )


def is_disk_full(message: str) -> bool:
    """Whether a LadybugDB error says a file could not be written."""
    return "No space left on device" in message or "Cannot write to file" in message


_abandoned: list[object] = []


def abandon(*handles: object) -> None:
    """Keep LadybugDB handles alive until the process ends by exit_without_closing(): closing them,
    or letting Python destroy them at exit, would write again to the full disk and abort."""
    _abandoned.extend(handles)


def abandoned() -> bool:
    """Whether some store's handles were abandoned in this process."""
    return bool(_abandoned)


def exit_without_closing(code: int) -> None:
    """End the process at once, so that abandoned handles are never destroyed."""
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

"""http(s) URLs: fetched with a timeout, then read as HTML or as a feed."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

from kg_loaders.common import decode
from kg_loaders.feed import from_feed
from kg_loaders.html import from_html

from kg.errors import LoadError
from kg.model import Document

TIMEOUT_SECONDS = 20  # for each read
DEADLINE_SECONDS = 60  # for the whole fetch; KG_FETCH_DEADLINE overrides
MAX_MB = 50  # largest body read; KG_FETCH_MAX_MB overrides
CHUNK = 64 * 1024
_FEED_TYPES = ("rss", "atom", "xml")


def _setting(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise LoadError(name, f"{value!r} is not a positive number")
    return number


def is_url(argument: str) -> bool:
    """Whether a command-line argument names a web address."""
    return argument.startswith(("http://", "https://"))


def load(url: str) -> Iterator[Document | LoadError]:
    """Fetch URL and yield its article (HTML) or its entries (feed)."""
    deadline = _setting("KG_FETCH_DEADLINE", DEADLINE_SECONDS)
    limit = int(_setting("KG_FETCH_MAX_MB", MAX_MB) * 1024 * 1024)
    request = urllib.request.Request(url, headers={"User-Agent": "china-tech-kg/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=min(TIMEOUT_SECONDS, deadline)) as response:
            content_type = response.headers.get("Content-Type", "")
            raw = _read_body(response, url, time.monotonic() + deadline, deadline, limit)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        message = f"could not fetch ({reason}); check the address or your network"
        raise LoadError(url, message) from None
    if any(kind in content_type for kind in _FEED_TYPES) or raw.lstrip()[:5] == b"<?xml":
        yield from from_feed(raw, url)
    else:
        yield from_html(decode(raw, url), url, url=url)


def _read_body(response: Any, url: str, until: float, deadline: float, limit: int) -> bytes:
    """The body, read as it arrives, refused once it passes LIMIT bytes or the clock passes
    UNTIL (a server that sends a byte now and then would otherwise hold ingest forever)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise LoadError(url, f"the page is {int(declared):,} bytes, over KG_FETCH_MAX_MB")
    parts: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK):
        size += len(chunk)
        if size > limit:
            raise LoadError(url, f"the page is over {limit:,} bytes (KG_FETCH_MAX_MB)")
        if time.monotonic() > until:
            raise LoadError(url, f"not fetched within {deadline:g} s (KG_FETCH_DEADLINE)")
        parts.append(chunk)
    return b"".join(parts)

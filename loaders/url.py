"""http(s) URLs: fetched with a timeout, then read as HTML or as a feed."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

from kg.errors import LoadError
from kg.model import Document
from loaders.common import decode
from loaders.feed import from_feed
from loaders.html import from_html

TIMEOUT_SECONDS = 20
_FEED_TYPES = ("rss", "atom", "xml")


def is_url(argument: str) -> bool:
    """Whether a command-line argument names a web address."""
    return argument.startswith(("http://", "https://"))


def load(url: str) -> Iterator[Document | LoadError]:
    """Fetch URL and yield its article (HTML) or its entries (feed)."""
    request = urllib.request.Request(url, headers={"User-Agent": "china-tech-kg/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            raw = response.read()
            content_type = response.headers.get("Content-Type", "")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        message = f"could not fetch ({reason}); check the address or your network"
        raise LoadError(url, message) from None
    if any(kind in content_type for kind in _FEED_TYPES) or raw.lstrip()[:5] == b"<?xml":
        yield from from_feed(raw, url)
    else:
        yield from_html(decode(raw, url), url, url=url)

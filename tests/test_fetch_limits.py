"""URL fetches end: a total deadline and a size cap, each a one-line error, from a real local
HTTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from kg_loaders import load_sources

from kg.errors import LoadError
from kg.model import Document

PARAGRAPH = "<p>The regulator met the firm on Monday to discuss how it prices deliveries.</p>"
ARTICLE = f"<html><head><title>Probe</title></head><body>{PARAGRAPH * 6}</body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if self.path == "/trickle":  # a byte every 0.2 s, no length: only a deadline ends it
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:  # the client gave up, as it should
                return
        elif self.path == "/large-declared":
            self.send_header("Content-Length", str(3 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/large-undeclared":
            self.end_headers()
            try:
                for _ in range(48):
                    self.wfile.write(b"y" * 65536)
            except OSError:
                return
        else:
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_server_that_trickles_is_stopped_by_the_deadline(server, monkeypatch) -> None:
    monkeypatch.setenv("KG_FETCH_DEADLINE", "1")
    started = time.monotonic()
    (error,) = load_sources([f"{server}/trickle"])
    assert time.monotonic() - started < 5
    assert isinstance(error, LoadError) and "not fetched within 1 s" in str(error)
    assert len(str(error).splitlines()) == 1


@pytest.mark.parametrize("path", ["/large-declared", "/large-undeclared"])
def test_a_body_over_the_cap_is_refused(server, monkeypatch, path: str) -> None:
    monkeypatch.setenv("KG_FETCH_MAX_MB", "1")
    (error,) = load_sources([server + path])
    assert isinstance(error, LoadError) and "KG_FETCH_MAX_MB" in str(error)


def test_an_ordinary_page_still_loads_and_bad_settings_are_named(server, monkeypatch) -> None:
    (doc,) = load_sources([f"{server}/article"])
    assert isinstance(doc, Document) and "prices deliveries" in doc.text
    monkeypatch.setenv("KG_FETCH_DEADLINE", "soon")
    (error,) = load_sources([f"{server}/article"])
    assert isinstance(error, LoadError) and "KG_FETCH_DEADLINE" in str(error)

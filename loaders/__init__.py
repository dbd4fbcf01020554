"""Input formats: each turns a source into Documents, or one-line LoadErrors."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import LoadError
from kg.model import Document
from loaders import feed, html, jsondoc, text, url

Loader = Callable[[Path], Iterable[Document | LoadError]]

LOADERS: dict[str, Loader] = {
    **{suffix: text.load for suffix in text.SUFFIXES},
    **{suffix: html.load for suffix in html.SUFFIXES},
    **{suffix: jsondoc.load for suffix in jsondoc.SUFFIXES},
    **{suffix: jsondoc.load_lines for suffix in jsondoc.LINES_SUFFIXES},
    **{suffix: feed.load for suffix in feed.SUFFIXES},
}
# Gold annotation files sit beside corpus documents and are not articles.
SKIPPED_SUFFIXES = (".gold.json",)


def _expand(argument: str) -> Iterator[Path | LoadError]:
    path = Path(argument)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        yield from (p for p in files if _loadable(p))
    elif path.exists():
        yield path
    elif glob.has_magic(argument):
        matches = sorted(Path(p) for p in glob.glob(argument, recursive=True))
        if not matches:
            yield LoadError(argument, "no file matches this pattern")
        yield from (p for p in matches if p.is_file() and _loadable(p))
    else:
        yield LoadError(argument, "no such file or directory")


def _loadable(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in LOADERS and not name.endswith(SKIPPED_SUFFIXES)


def load_file(path: Path) -> Iterator[Document | LoadError]:
    """Yield the documents of one file, chosen by its suffix; errors are yielded, not raised."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        yield LoadError(str(path), f"unknown file kind {path.suffix!r}; known: {known}")
        return
    try:
        yield from loader(path)
    except LoadError as error:
        yield error


def documents_only(
    items: Iterable[Document | LoadError], on_error: Callable[[LoadError], None]
) -> Iterator[Document]:
    """The Documents of ITEMS; each LoadError goes to ON_ERROR instead."""
    for item in items:
        if isinstance(item, LoadError):
            on_error(item)
        else:
            yield item


def load_sources(arguments: Iterable[str]) -> Iterator[Document | LoadError]:
    """Yield Documents (or LoadErrors) from files, directories, globs and URLs."""
    for argument in arguments:
        if url.is_url(argument):
            try:
                yield from url.load(argument)
            except LoadError as error:
                yield error
            continue
        for item in _expand(argument):
            if isinstance(item, LoadError):
                yield item
            else:
                yield from load_file(item)

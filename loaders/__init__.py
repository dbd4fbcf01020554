"""Input formats: each turns a source into Documents, or one-line LoadErrors."""

from __future__ import annotations

import errno
import glob
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from kg_loaders import feed, html, jsondoc, text, url

from kg.errors import LoadError
from kg.model import Document

Item = TypeVar("Item")

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
        yield from _folder(path)
    elif path.exists():
        yield path
    elif path.is_symlink():
        yield LoadError(argument, _broken_link(path))
    elif glob.has_magic(argument):
        matches = sorted(Path(p) for p in glob.glob(argument, recursive=True))
        if not matches:
            yield LoadError(argument, "no file matches this pattern")
        yield from (p for p in matches if p.is_file() and _loadable(p))
    else:
        yield LoadError(argument, "no such file or directory")


def _folder(folder: Path) -> Iterator[Path | LoadError]:
    """The loadable files under FOLDER, a broken link among them as an error; a folder with
    nothing to load is an error too (a wrong folder, not an empty batch)."""
    found = False
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            if _loadable(path):
                found = True
                yield path
        elif path.is_symlink() and not path.exists() and _loadable(path):
            found = True
            yield LoadError(str(path), _broken_link(path))
    if not found:
        known = ", ".join(sorted(LOADERS))
        yield LoadError(str(folder), f"no articles here (no file ending in {known})")


def _broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "a symbolic link that loops back to itself"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops back to itself"
    return "a symbolic link to a file that does not exist"


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
    items: Iterable[Item | LoadError], on_error: Callable[[LoadError], None]
) -> Iterator[Item]:
    """The Documents (or other results) of ITEMS; each LoadError goes to ON_ERROR instead."""
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

"""Batches of a stream, for every stage that groups items: documents sent to parsing workers or
Dask, articles written in one transaction, rows sent in one statement."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batches(
    items: Iterable[T], size: int, cut: Callable[[], bool] | None = None
) -> Iterator[list[T]]:
    """Lists of at most SIZE items in order, reading ITEMS lazily; with CUT, a batch is also
    cut short after any item at which CUT() is true."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    iterator = iter(items)
    if cut is None:
        while batch := list(islice(iterator, size)):
            yield batch
        return
    batch = []
    for item in iterator:
        batch.append(item)
        if len(batch) >= size or cut():
            yield batch
            batch = []
    if batch:
        yield batch

"""The one batching helper every stage uses."""

from __future__ import annotations

import itertools

import pytest

from kg.batches import batches


def test_batches_keep_order_and_size_and_nothing_is_lost_or_added() -> None:
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []
    assert list(batches("ab", 5)) == [["a", "b"]]


def test_batches_read_a_stream_lazily() -> None:
    endless = itertools.count()
    first = next(batches(endless, 4))
    assert first == [0, 1, 2, 3] and next(endless) == 4  # nothing read beyond the batch


def test_a_batch_is_cut_short_when_asked() -> None:
    seen: list[int] = []

    def items():
        for n in range(10):
            seen.append(n)
            yield n

    cut_after = {2, 3}
    out = list(batches(items(), 4, cut=lambda: seen[-1] in cut_after))
    assert out == [[0, 1, 2], [3], [4, 5, 6, 7], [8, 9]]


def test_a_batch_size_below_one_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(batches([1], 0))

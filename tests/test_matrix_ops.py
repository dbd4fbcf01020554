"""The pipeline multiplies through numpy's BLAS on one thread and annotates as before."""

from __future__ import annotations

from collections.abc import Iterator

import blis.py
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from kg.extraction.matrix_ops import BLAS_THREADS, use_numpy_blas
from kg.extraction.pipeline import load_model

# Written for this test.
TEXTS = [
    "The securities watchdog fined Harbour Lane Capital 3 million yuan on Tuesday.",
    "Officials in Shenzhen told the two lenders to stop selling deposit products online.",
    "Its chairman, Wen Qiao, said the bank would appeal the ruling before June 2024.",
]
ATTRIBUTES = ("TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE")


@pytest.fixture
def blis_products(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the matrix products thinc sends to BLIS."""
    calls: list[int] = []
    original = blis.py.gemm

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(blis.py, "gemm", counted)
    yield calls


def test_numpy_blas_gives_the_same_annotations_without_blis(blis_products: list[int]) -> None:
    blis_pipeline, numpy_pipeline = load_model(), load_model()
    expected = [blis_pipeline(text).to_array(ATTRIBUTES) for text in TEXTS]
    assert blis_products, "the control: spaCy's own pipeline multiplies through BLIS"
    use_numpy_blas(numpy_pipeline)
    blis_products.clear()
    got = [numpy_pipeline(text).to_array(ATTRIBUTES) for text in TEXTS]
    assert blis_products == []
    for text, want, have in zip(TEXTS, expected, got, strict=True):
        assert (have == want).all(), text
    assert any(have[:, 4].any() for have in got)  # the texts do have entities


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def test_a_parsing_process_uses_one_blas_thread() -> None:
    with threadpool_limits(limits=BLAS_THREADS + 1, user_api="blas"):
        assert _blas_threads() == {BLAS_THREADS + 1}  # the control
        use_numpy_blas(load_model())
        assert _blas_threads() == {BLAS_THREADS}

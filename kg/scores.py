"""Precision, recall and F1: the one way every evaluation computes them (extraction, questions,
resolution, the classifier's threshold)."""

from __future__ import annotations


def share(part: float, whole: float, empty: float = 0.0) -> float:
    """PART / WHOLE; EMPTY when there is no whole (nothing predicted, nothing to find)."""
    return part / whole if whole else empty


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of PRECISION and RECALL; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

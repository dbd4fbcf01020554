"""The one precision/recall/F1 helper."""

from kg.scores import f1, share


def test_share_and_f1_with_and_without_anything_to_count() -> None:
    assert share(3, 4) == 0.75 and share(0, 0) == 0.0 and share(0, 0, empty=1.0) == 1.0
    assert f1(0.5, 1.0) == 2 * 0.5 / 1.5 and f1(0.0, 0.0) == 0.0

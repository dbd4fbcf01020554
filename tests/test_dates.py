"""Dates a sentence states, read relative to the article's date where they are relative."""

from __future__ import annotations

import pytest

from kg.extraction.dates import stated_date


@pytest.mark.parametrize(
    ("texts", "published", "expected"),
    [
        (("on 3 Feb. 2022",), "2022-06-01", "2022-02-03"),
        (("in August 2019",), "2022-06-01", "2019-08"),
        (("2018",), None, "2018"),
        (("last November",), "2022-06-01", "2021-11"),
        (("last March",), "2022-06-01", "2022-03"),
        (("this October",), "2022-06-01", "2022-10"),
        (("Thursday",), "2022-06-01", "2022-05-26"),
        (("Wednesday",), "2022-06-01", "2022-06-01"),
        (("Saturday", "April 2, 2022"), "2022-06-01", "2022-04-02"),
        (("yesterday",), "2022-06-01", "2022-05-31"),
        (("late 2020",), "2022-06-01", "2020"),
        (("Thursday",), None, None),
        (("the past five years",), "2022-06-01", None),
        (("two months",), "2022-06-01", None),
        (("recent years", "on 9 May 2021"), "2022-06-01", "2021-05-09"),
        ((), "2022-06-01", None),
    ],
)
def test_stated_dates(texts, published, expected) -> None:
    assert stated_date(texts, published) == expected

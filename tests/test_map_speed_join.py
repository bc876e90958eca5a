"""The join's frame and what grouping reads back from it, made faster for 100,000 claims
(issue #13), hold to what they gave before: frame_columns to ``frame[name].tolist()``."""

from __future__ import annotations

import math

import pandas as pd

from geomap.join import frame_columns


def same_values(a: list, b: list) -> bool:
    """Equal lists, value for value and type for type (NaN where NaN)."""
    def same(x, y) -> bool:
        if x is pd.NA or y is pd.NA:
            return x is y
        return type(x) is type(y) and (x == y or x != x and y != y)
    return len(a) == len(b) and all(map(same, a, b))


def test_frame_columns_are_the_columns_as_lists():
    texts = ["Goris", None, "", "Goris", "</script>", "\u2028", "007", "Goris", None,
             "\U0001f600", "=1+1", "goris"]
    frame = pd.DataFrame({
        "text": texts,
        "unique": [f"c{k}" for k in range(len(texts))],
        "missing": [None] * len(texts),  # (no text at all: an object column)
        "lat": [39.5, -0.0, 0.0, math.nan, 1e-5, 39.5, 40.0, 39.5, -0.0, 0.0, 1.0, 2.0],
        "radius": [None, 32.4, math.nan, None, 1.0, 2.0, None, 3.0, 4.0, None, 5.0, 6.0],
        "count": list(range(len(texts))),
    })
    frame["na"] = pd.array(texts, dtype="string")  # (pandas' NA, not NaN)
    names = list(frame.columns)
    got = frame_columns(frame, names)
    assert list(got) == names
    for name in names:
        want = frame[name].tolist()
        assert same_values(got[name], want), name
    for name in ("text", "na"):  # a text's missing value is the very one tolist gives
        want = frame[name].tolist()
        assert [v is w for v, w in zip(got[name], want) if v is not None and pd.isna(v)] == \
            [True] * sum(v is not None and pd.isna(v) for v in want)
    # a text column's equal values are one object
    assert got["text"][0] is got["text"][3] is got["text"][7]
    assert got["text"][0] is not got["text"][11]
    # signs of zeros kept (numbers are read as they are)
    assert [math.copysign(1, x) for x in got["lat"][1:3]] == [-1.0, 1.0]


def test_frame_columns_of_no_rows():
    frame = pd.DataFrame({"text": pd.Series([], dtype="str"), "lat": pd.Series([], dtype=float)})
    assert frame_columns(frame, ["text", "lat"]) == {"text": [], "lat": []}

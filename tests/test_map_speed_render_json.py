"""The page data's writers of numbers (html._indices_json, the floats of _table_json)
against json's own writing: the same text, and the same refusals."""
from __future__ import annotations

import json
import random

import numpy as np
import pytest

from geomap.render import html as H


def test_indices_are_written_as_json_writes_them():
    rng = random.Random(4)
    for _ in range(500):
        top = rng.choice([0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345])
        n = rng.choice([1, 2, 3, 10, 200])
        indices = [rng.randint(0, top) for _ in range(n)]
        expected = json.dumps(indices, separators=(",", ":"))
        assert H._indices_json(indices) == expected
        assert H._indices_json(np.array(indices)) == expected
    assert H._indices_json([]) == "[]"


ODD_FLOATS = [0.0, -0.0, 1e-7, 1e16, 1e22, 1.5e300, 5e-324, -2.5, 0.1 + 0.2, 39.51, 1 / 3]


def test_float_columns_are_written_as_json_writes_them():
    rng = random.Random(8)
    for _ in range(300):
        n = rng.choice([4, 6, 30])
        columns = [[rng.choice(ODD_FLOATS) * rng.choice([1, -1, 1e5]) + rng.random()
                    for _ in range(n)],
                   [rng.choice(ODD_FLOATS) for _ in range(n)],
                   [rng.choice([*ODD_FLOATS, 7, True, None]) for _ in range(n)]]
        text = json.loads(H._table_json(["a", "b", "c"], columns))
        for field, column in zip("abc", columns):
            if field in text["columns"]:
                assert json.dumps(text["columns"][field]) == json.dumps(column), column
        raw = H._table_json(["a"], [columns[0]])
        assert json.dumps(columns[0], separators=(",", ":")) in raw
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError):
            H._table_json(["a"], [[1.5, 2.5, bad, 3.5, 4.5]])


def test_incidents_stance_counts_as_before():
    """_incidents keeps whole-number counts as they are, and reads any other as it did:
    numbers made whole, texts of numbers read, what is not a number left out."""
    odd = {"asserts": 1.0, "denies": True, "reports": "2", "calls": "nan", 3: 4, "x": None,
           "y": float("inf"), "z": 2.7}
    plain = {"asserts": 2, "denies": 0, "reports": 1, "calls": 0}
    incidents = [{"id": "i", "sides": [{"side": "AM", "stances": odd},
                                       {"side": "AZ", "stances": plain},
                                       {"side": "RU", "stances": {**plain, 5: 1}},
                                       {"side": "FR", "stances": {**plain, "calls": False}}]}]
    sides = H._incidents(incidents, set())[0]["sides"]
    assert [s["stances"] for s in sides] == [
        {"asserts": 1, "denies": 1, "reports": 2, "3": 4, "z": 2}, plain, {**plain, "5": 1},
        {**plain, "calls": 0}]
    assert [type(v) for v in sides[3]["stances"].values()] == [int] * 4

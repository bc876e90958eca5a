"""The page data's faster paths (geomap/render/html.py) against the code they replaced:
the same tables, the same JSON, on hostile columns."""
from __future__ import annotations

import json
import random
import re

from geomap.render import html as H

# -- the code before (the oracle) -------------------------------------------------------------
_NUMBERED = re.compile(r"(.*\D)?([0-9]{1,15})", re.S)


def _numbered_before(column):
    if 2 * len(set(column)) <= len(column):
        return None
    heads, numbers, lengths, padded = [], [], set(), False
    for v in column:
        m = _NUMBERED.fullmatch(v)
        if m is None:
            return None
        heads.append(m.group(1) or "")
        digits = m.group(2)
        numbers.append(int(digits))
        lengths.add(len(digits))
        padded = padded or (digits[0] == "0" and len(digits) > 1)
    if 2 * len(set(heads)) > len(heads) or padded and len(lengths) > 1:
        return None
    return heads, numbers, lengths.pop() if padded else 0


def _counted_before(column):
    if len(column) < 3 or set(map(type, column)) != {int}:
        return column
    first, step = column[0], column[1] - column[0]
    if any(v != first + step * i for i, v in enumerate(column)):
        return column
    return {"first": first, "step": step}


# -- hostile columns --------------------------------------------------------------------------
PIECES = ["", "a", "s", "x-", "</script>", "<!--", '"', "\\", "\u2028", "\u2029", "\x01", "\x7f",
          "😀", "𝔘", "=1+1", "{", "}", "&", " ", "\n", "٣", "¹", "Ⅻ", "\ue000", "é", "0", "7"]
NUMBERS = ["0", "00", "007", "42", "0042", "12345678901234567890", "123456789012345",
           "1234567890123456", "٣", "12٣", "٣12", "", "9"]


def hostile_texts(rng, n, heads=3):
    chosen = [rng.choice(PIECES) + rng.choice(PIECES) for _ in range(heads)]
    return [rng.choice(chosen) + rng.choice(NUMBERS) for _ in range(n)]


def numbered_columns(seed=0, count=3000):
    rng = random.Random(seed)
    for _ in range(count):
        n = rng.choice([4, 5, 8, 20])
        kind = rng.random()
        if kind < 0.3:
            width = rng.choice([1, 3, 5])
            head = rng.choice(PIECES)
            yield [f"{head}{rng.randrange(10 ** width):0{width}d}" for _ in range(n)]
        elif kind < 0.5:
            yield [f"{rng.choice(PIECES)}{i}" for i in range(n)]
        else:
            yield hostile_texts(rng, n, rng.choice([1, 2, 3]))


def test_numbered_is_the_regex_it_replaced():
    seen = 0
    for column in numbered_columns():
        assert H._numbered(column) == _numbered_before(column), column
        seen += H._numbered(column) is not None
    assert seen > 300  # (the columns do get numbered, not only refused)


def test_counted_is_the_loop_it_replaced():
    rng = random.Random(1)
    columns = [[], [1], [1, 2], [1, 2, 3], [3, 2, 1], [5, 5, 5], [5, 5, 6], [True, 2, 3],
               [1, 2.0, 3], [0, 10 ** 20, 2 * 10 ** 20], [1, 2, 4], [1, 1, 1, 2], ["1", "2", "3"],
               [None, 1, 2], [-3, -1, 1, 3], [2, 1, 0, -1]]
    for _ in range(2000):
        first, step, n = rng.randrange(-5, 5), rng.randrange(-3, 4), rng.randrange(0, 8)
        column = [first + step * i for i in range(n)]
        if column and rng.random() < 0.5:
            column[rng.randrange(n)] += rng.choice([-1, 1])
        columns.append(column)
    for column in columns:
        assert H._counted(list(column)) == _counted_before(list(column)), column


def _table_json_before(fields, columns):
    n = len(columns[0]) if columns else 0
    same, values, numbered, digits, given = {}, {}, {}, {}, {}
    for field, column in zip(fields, columns):
        kinds = set(map(type, column))
        if n >= 2 and len(kinds) == 1 and len(set(column)) == 1:
            same[field] = column[0]
            continue
        if kinds == {str} and n >= 4:
            split = _numbered_before(column)
            if split is not None:
                column, numbered[field], width = split
                if width:
                    digits[field] = width
                if len(set(column)) == 1:
                    same[field] = column[0]
                    continue
        kinds.discard(type(None))
        if n >= 4 and (kinds <= {str} or kinds <= {bool}):
            distinct = dict.fromkeys(column)
            if 2 * len(distinct) <= n:
                values[field] = list(distinct)
                column = list(map({v: i for i, v in enumerate(distinct)}.__getitem__, column))
        given[field] = column
    numbered = {f: _counted_before(v) for f, v in numbered.items()}
    parts = []
    for field, column in given.items():
        column = _counted_before(column)
        if isinstance(column, dict):
            parts.append(f"{H.safe_json(field)}:{H.safe_json(column)}")
            continue
        text = json.dumps(column, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        for ch, esc in H._SCRIPT_SAFE:
            text = text.replace(ch, esc)
        parts.append(f"{H.safe_json(field)}:{text}")
    text = "{" + ",".join(parts) + "}"
    return (f'{{"length":{n},"fields":{H.safe_json(fields)},"same":{H.safe_json(same)},'
            f'"values":{H.safe_json(values)},"numbered":{H.safe_json(numbered)},'
            f'"digits":{H.safe_json(digits)},"columns":{text}}}')


def test_table_json_is_what_it_was_on_hostile_tables(monkeypatch):
    # (texts around numbers, _templated, are new: tests/test_page_speed_templates.py; with
    # them off, every table is written as it was)
    monkeypatch.setattr(H, "_templated", lambda distinct, n: None)
    rng = random.Random(2)
    makers = [
        lambda n: hostile_texts(rng, n, rng.choice([1, 2, 5])),
        lambda n: [rng.choice(PIECES) for _ in range(n)],
        lambda n: [rng.choice([None, *PIECES[:4]]) for _ in range(n)],
        lambda n: [rng.choice([True, False, None]) for _ in range(n)],
        lambda n: [rng.choice([0, 1, 1.0, True, None, -0.0, 0.0, 10 ** 20]) for _ in range(n)],
        lambda n: list(range(3, 3 + 2 * n, 2)),
        lambda n: [rng.random() for _ in range(n)],
        lambda n: [7] * n,
        lambda n: ["same"] * n,
        lambda n: [f"s{i:05d}" for i in range(n)],
    ]
    for _ in range(1500):
        n = rng.choice([0, 1, 2, 3, 4, 6, 10, 30])
        fields = [f"f{j}" for j in range(rng.randrange(1, 5))]
        columns = [rng.choice(makers)(n) for _ in fields]
        assert H._table_json(fields, columns) == _table_json_before(fields, columns), columns


# -- claim_table's places: each place once, as a dict of the rows' tuples found them ---------
def _places_before(columns):
    from operator import itemgetter

    index: dict[tuple, int] = {}
    place_row = [index.setdefault(key, len(index)) for key in zip(*columns)]
    return place_row, [list(map(itemgetter(j), index)) for j in range(len(columns))]


NAN, INF = float("nan"), float("inf")
CELLS = {
    "str": [None, "", "a", "b", "</script>", "\u2028", "😀", "a\x00", "0", "00", "Goris"],
    "float64": [0.0, -0.0, NAN, INF, -INF, 1.5, 1e-300, -1.5, 1.0, 40.12345],
    "int64": [0, 1, -1, 7, 2 ** 62, -(2 ** 63)],
    "bool": [True, False],
    "object": [None, 1, 1.0, True, 0, 0.0, -0.0, False, NAN, "1", "", (), ("RU", "x"), 2 ** 70],
}


def hostile_frames(seed=3, count=400):
    import pandas as pd

    rng = random.Random(seed)
    for _ in range(count):
        n = rng.choice([0, 1, 2, 3, 5, 12, 40])
        data = {}
        for j in range(rng.randrange(1, 6)):
            dtype = rng.choice(list(CELLS))
            few = rng.sample(CELLS[dtype], min(len(CELLS[dtype]), rng.choice([1, 2, 3, 9])))
            cells = [rng.choice(few) for _ in range(n)]
            data[f"c{j}"] = pd.Series(cells, dtype=dtype if dtype != "str" else
                                      rng.choice(["str", pd.StringDtype("python")]))
        yield pd.DataFrame(data, index=range(n))


def test_places_are_the_tuples_dict_they_replaced():
    import pandas as pd

    seen = 0
    for frame in hostile_frames():
        columns = [H._column(frame, f) for f in frame.columns]
        codes = [H._codes(frame[f], c) for f, c in zip(frame.columns, columns)]
        extra = [tuple(random.Random(len(frame)).sample([("IN", "x"), ("CN", "y")], 1))
                 for _ in range(len(frame))]  # (the views' border facts: tuples, in Python)
        columns.append(extra)
        codes.append(H._codes(None, extra))
        row, by_place, _ = H._places(codes, columns)
        row_before, by_place_before = _places_before(columns)
        assert row == row_before, frame
        # (json tells 1 from 1.0 and True, which == does not)
        assert json.dumps(by_place) == json.dumps(by_place_before), frame
        seen += 1 < len(by_place[0]) < len(frame)
    assert seen > 50  # (rows do get taken together, and not all into one)
    # two rows whose keys would differ by 2**64 (the same int64) were they not numbered
    # again on the way
    import numpy as np

    codes = [np.array([0, 2 ** 16, 0]), np.array([0, 0, 2 ** 16 - 2]),
             np.array([0, 0, 2 ** 32 - 2])]
    assert H._places(codes, [["a", "b", "c"]] * 3)[0] == [0, 1, 2]
    wide = pd.DataFrame({f"c{j}": [float(i * (j + 1) % 997) for i in range(3000)]
                         for j in range(8)})
    columns = [H._column(wide, f) for f in wide.columns]
    assert H._places([H._codes(wide[f], c) for f, c in zip(wide.columns, columns)],
                     columns)[:2] == _places_before(columns)


# -- safe_json: a list of numbers and texts looked at at once ---------------------------------
def _unbraced_before(value, clash):
    if isinstance(value, str):
        if "\ue000" in value or "\ue001" in value:
            clash.append(True)
        return value.translate(H._BRACES) if "{" in value or "}" in value else value
    if isinstance(value, dict):
        return {_unbraced_before(k, clash): _unbraced_before(v, clash)
                for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_unbraced_before(v, clash) for v in value]
    return value


def _safe_json_before(value):
    clash: list[bool] = []
    text = json.dumps(_unbraced_before(value, clash), ensure_ascii=False, separators=(",", ":"))
    if clash:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        text = H._JSON_STRING.sub(
            lambda m: m.group(0).replace("{", "\\u007b").replace("}", "\\u007d"), text)
    else:
        text = text.replace("\ue000", "\\u007b").replace("\ue001", "\\u007d")
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


SCALARS = [*PIECES, "\ue001", "}{", "\ud800", "a\udfff", None, True, False, 0, -1, 1.5, -0.0,
           NAN, INF, 2 ** 70, "]]>", "\u2028x", "{{ 7*7 }}"]


def hostile_value(rng, depth=0):
    kind = rng.random()
    if depth > 3 or kind < 0.3:
        return rng.choice(SCALARS)
    if kind < 0.6:  # a list of scalars, most often without a brace
        pool = rng.sample(SCALARS, rng.choice([1, 2, 5]))
        items = [rng.choice(pool) for _ in range(rng.choice([0, 1, 3, 20]))]
        return tuple(items) if rng.random() < 0.2 else items
    if kind < 0.8:
        return [hostile_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = rng.choice([[rng.choice(PIECES) for _ in range(3)], [3, 1, 2], [True, False], [None]])
    return {k: hostile_value(rng, depth + 1) for k in keys}


def test_safe_json_is_what_it_was_on_hostile_values():
    rng = random.Random(4)
    for _ in range(6000):
        value = hostile_value(rng)
        assert H.safe_json(value) == _safe_json_before(value), value
    pairs = [[[1.5, 2.0], (3, None)], [(1, 2), ("{", 2)], [[1, 2], []], [[], ()], [[[1, 2]]],
             [[True, -0.0], [NAN, 2 ** 70]], [["\ue000", 1]], [[{"a": "}"}]], [[1], "{"]]
    for value in pairs:
        assert H.safe_json(value) == _safe_json_before(value), value
    big = [f"s{i}" for i in range(1000)]
    for extra in ([], ["{"], ["\ue000"], [1, None, "}"]):
        assert H.safe_json({"claims": big + extra}) == _safe_json_before({"claims": big + extra})


# -- text columns as pandas factorizes them (_coded), written from that ------------------------
def test_coded_columns_are_what_they_were(monkeypatch):
    import pandas as pd

    monkeypatch.setattr(H, "_templated", lambda distinct, n: None)  # (as above)

    rng = random.Random(6)
    seen = 0
    for _ in range(1500):
        n = rng.choice([0, 1, 2, 3, 4, 5, 8, 30])
        pool = rng.sample(CELLS["str"][1:], rng.choice([1, 2, 3, 6]))
        ends = rng.choice([[""], [str(i) for i in range(1000)], NUMBERS])
        missing = rng.choice([0, 0.1, 0.5, 1])
        cells = [None if rng.random() < missing else rng.choice(pool) + rng.choice(ends)
                 for _ in range(n)]
        series = pd.Series(cells, dtype=rng.choice(["str", pd.StringDtype("python"),
                                                    pd.StringDtype("pyarrow")]))
        column, distinct, codes = H._coded(series)
        assert column == H._column(pd.DataFrame({"t": series}), "t"), cells
        assert distinct == list(dict.fromkeys(column)), cells
        assert [distinct[c] for c in codes] == column, cells
        text = H._table_json(["t", "u"], [column, column], {"t": (distinct, codes)})
        assert text == _table_json_before(["t", "u"], [column, column]), cells
        seen += n >= 4 and 2 * len(distinct) <= n
    assert seen > 120  # (columns of few values: written from _coded's values)
    assert H._coded(pd.Series([1.5, None])) is None

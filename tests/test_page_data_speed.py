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

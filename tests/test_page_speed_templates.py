"""Text fields carried as the texts around their numbers (html._templated: a border fact's
"60.1 km inside Russia, from the Georgia border" as 60 between "" and ".1 km inside ...",
each such text once): read back, every value is what it was, hostile texts included, and
the page's data stays safe in a <script> element."""

from __future__ import annotations

import json
import random

from geomap.render import html as H

PIECES = ["", "a", " km inside ", "</script>", "<!--", '"', "\\", "\u2028", "\u2029", "{{",
          "}", "\x01", "\x00", "\ue000", "😀", "٣", "0", "x.", "-"]
NUMBERS = ["0", "7", "12", "007", "1.5", "60.1", "2.", "123456789012345", "1234567890123456",
           "٣", ""]


def columns(seed=0, count=1500):
    """Text columns of n rows: a few texts around a number, some None, some hostile."""
    rng = random.Random(seed)
    for _ in range(count):
        n = rng.choice([4, 5, 8, 30, 200])
        around = [(rng.choice(PIECES) + rng.choice(PIECES), rng.choice(PIECES) * 3)
                  for _ in range(rng.choice([1, 2, 3]))]
        missing = rng.choice([0, 0, 0.2])
        numbers = rng.choice([NUMBERS, [str(i) for i in range(1, 10 ** 4)]])
        yield [None if rng.random() < missing else
               (lambda a: a[0] + rng.choice(numbers) + a[1])(rng.choice(around))
               for _ in range(n)]


def test_templated_tables_read_back_the_same():
    seen = 0
    for column in columns():
        other = [None if v is None else v[::-1] for v in column]  # (a second text field)
        text = H._table_json(["border", "border:IN"], [list(column), list(other)])
        raw = json.loads(text)
        assert [r["border"] for r in H._rows_of(raw)] == column, column
        assert [r["border:IN"] for r in H._rows_of(raw)] == other, column
        for bad in ("<", ">", "&", "\u2028", "\u2029"):
            assert bad not in text
        assert "{" not in text.replace('{"', "").replace(":{", "")  # (no brace in a string)
        seen += "border" in raw["numbered"]
    assert seen > 200  # (they do get carried so, not only refused)


def test_only_geomaps_own_sentences_are_templated():
    """An input's text (a quote, a claimant, a place as written) is carried as it is, even
    where it looks like texts around numbers: only the border facts geomap writes are."""
    column = [f"Official {i} said it" for i in range(400)]
    for field, templated in (("text", False), ("claimant", False), ("place", False),
                             ("borderline", False), ("border", True), ("border:CN", True)):
        raw = json.loads(H._table_json([field], [list(column)]))
        assert (field in raw["numbered"]) is templated, field
        assert [r[field] for r in H._rows_of(raw)] == column


def test_templated_is_taken_only_where_numbers_read_back():
    # zeros in front, more than 15 digits, digits that are not 0-9, a text with no number,
    # a NUL: each value as it is
    for bad in ("007", "1234567890123456"):
        column = [f"{i} km" for i in range(100, 400)] + [f"{bad} km"]
        assert H._templated(column, len(column)) is None
    assert H._templated([f"{i} km" for i in range(100, 400)] + ["no number"], 301) is None
    assert H._templated([f"{i} km\x00" for i in range(100, 400)], 300) is None
    column = [f"x{i}y" for i in range(100, 400)]
    texts, text_of, number_of = H._templated(column, len(column))
    assert texts == [("x", "y")] and set(text_of) == {0} and number_of == list(range(100, 400))
    # a digit that is not 0-9 stays in the text around
    got = H._templated([f"٣{i} km" for i in range(100, 400)], 300)
    assert got is not None and got[0] == [("٣", " km")]


def test_border_facts_are_given_once_each():
    """The border facts of many places: a few sentences and a number each, a fraction of
    the bytes of every sentence whole."""
    rng = random.Random(4)
    names = ["Russia", "Georgia", "Armenia", "Azerbaijan", "Iran", "Turkey"]
    column = [f"{rng.randrange(0, 1500) / 10:.1f} km inside {rng.choice(names)}, from the "
              f"{rng.choice(names)} border (\u00b12 km)" for _ in range(20_000)]
    text = H._table_json(["border"], [list(column)])
    raw = json.loads(text)
    assert "border" in raw["numbered"] and len(raw["values"]["border"]) <= 36 * 10
    assert [r["border"] for r in H._rows_of(raw)] == column
    assert len(text) < len(json.dumps(column)) / 2
    # quotes, each its own: as they were
    quotes = [f"Quote {rng.random()} said {i}" for i in range(5000)]
    assert H._templated(quotes, len(quotes)) is None


def _templated_plainly(distinct, n):
    """_templated as its docstring reads, a match for each value."""
    import re

    texts = [v for v in distinct if v is not None]
    if sum(map(len, texts)) + len(texts) - 1 <= 2 * n or any("\x00" in v for v in texts):
        return None
    found = [re.match(r"([^0-9]*)([0-9]+)(.*)", v, re.S) for v in texts]
    if not all(found):
        return None
    if any(len(m[2]) > 15 or m[2][0] == "0" and len(m[2]) > 1 for m in found):
        return None
    keys = iter([(m[1], m[3]) for m in found])
    numbers = iter([int(m[2]) for m in found])
    around = [None if v is None else next(keys) for v in distinct]
    texts_around = list(dict.fromkeys(around))
    if 4 * len(texts_around) > len(distinct):
        return None
    return (texts_around, [texts_around.index(a) for a in around],
            [0 if v is None else next(numbers) for v in distinct])


def test_templated_is_the_plain_reading_on_long_columns():
    """Long columns, one text around a number or nearly so: as the plain reading."""
    rng = random.Random(9)
    seen = 0
    for _ in range(60):
        n = rng.choice([4001, 6000])
        head, tail = rng.choice(PIECES[:-2]) + "n ", rng.choice([" said", "", ".5 km", "x\x00"])
        numbers = [str(i) for i in rng.sample(range(10 ** rng.choice([4, 6, 16])), n)]
        if rng.random() < 0.3:  # (one that breaks the pattern, anywhere)
            numbers[rng.randrange(n)] = rng.choice(["007", "", "1" * 16, "5a", "٣"])
        column = [head + d + tail for d in numbers]
        if rng.random() < 0.2:
            column[rng.randrange(n)] = rng.choice(PIECES) + "other 5"
        column = list(dict.fromkeys(column))
        got = H._templated(column, len(column))
        assert got == _templated_plainly(column, len(column)), (head, tail)
        seen += got is not None and len(got[0]) == 1
    assert seen > 8  # (taken, not only refused)
    # one odd value among thousands: a zero in front, 16 digits, no number, a second number
    for odd in ("007", "1" * 16, "", "12 and 3"):
        column = [f"n {i} said" for i in range(5000)]
        column[3000] = f"n {odd} said"
        assert H._templated(column, 5000) == _templated_plainly(column, 5000), odd

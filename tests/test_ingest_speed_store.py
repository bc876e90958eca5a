"""An ingest's claims checked a column at a time (store._all_canonical) and placed all at
once (store._places) give what the claim-by-claim way gives: every claim taken as it is
only where _Canonical.ok takes each, and the same points (or the same error)."""

from __future__ import annotations

import math
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import store
from geomap.errors import InputError
from geomap.read import COLUMNS
from geomap.records import Claim

SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=800,
                    suppress_health_check=list(HealthCheck))

FINE = {
    "date": ["2021-05-12", "2021-05", "2021", "", "2024-02-29"],
    "place": ["Goris", "Sev Lich", "Ереван", "x\ny", "\U0001fffe", "a\u3000b"],
    "claimant": ["gov", "Հայաստան"],
    "claimant_side": ["AM", "AZ"],
    "stance": ["asserts", "denies", "reports", "calls"],
    "event": ["incursion", "talks", "other"],
    "actor": ["", "troops"],
    "text": ["t", "Troops\tcrossed", "a\r\nb"],
    "source": ["", "s"],
    "url": ["", "https://example.org/x", "HTTPS://EXAMPLE.ORG"],
    "id": ["c1"],
    "place_id": ["", "am-goris", "geonames:616635"],
    "lat": [None, 39.5, -0.0, 90.0],
    "lon": [None, 46.25, 180.0, -180.0],
    "precision": ["", "point", "zone"],
    "published": ["", "2021-05-14"],
    "date_precision": ["day", "month", "unknown"],
    "role": ["incident", "reaction"],
    "publisher": ["", "Reuters"],
    "span_start": [None, 0, 10 ** 15 - 1],
    "span_end": [None, 9],
    "depth_km": [None, 0.5, 100.0],
    "confidence": [None, 0.0, -0.0, 1.0],
    "check": ["", "speaker from 'It'"],
}
# Values the reader's rules refuse or change, for each kind of column.
TEXT_ODD = [None, "", " Goris", "Goris ", "x\x00", "\ud800", "\ufffe", "a\x07b", "\u00a0x", 3,
            "x\u3000", "\x1cx", "Ереван\x85", "\t", "\uffff", "é\x0b", "\x00", "a\x0bb", "ö\x0cb"]
ODD = {
    "date": ["2021-02-30", "14.05.2021", "2021-5", "x"], "published": ["2021-13", " 2021"],
    "stance": ["maybe"], "event": ["maybe"], "role": ["", "maybe"], "precision": ["maybe"],
    "date_precision": ["", "maybe"], "place_id": ["am goris", "-x"],
    "url": ["javascript:x", "https://a b", "https://é.org", "https://[::1"],
    "lat": [90.5, -90.5, float("nan"), float("inf"), 39, True, "39.5", None],
    "lon": [180.5, -180.5, float("nan"), 46, None],
    "depth_km": [0.0, -0.0, 100.5, -1.0, float("nan"), 3, "3"],
    "confidence": [1.5, -0.5, float("nan"), 1, "1"],
    "span_start": [-1, 10 ** 15, 3.0, True, "3"], "span_end": [-1, 10 ** 15, 2.0],
}


class Text(str):
    """A str subclass: the quick ways may decline it, never take it wrongly."""


@st.composite
def claim_lists(draw) -> list[Claim]:
    """A few claims of fine values, with an odd value here and there."""
    out = []
    for i in range(draw(st.integers(1, 5))):
        values = {c: draw(st.sampled_from(FINE[c])) for c in COLUMNS}
        values["id"] = f"c{i}"
        if (values["lat"] is None) != (values["lon"] is None):
            values["lon"] = None if values["lat"] is None else 46.0
        if draw(st.integers(0, 4)) == 0:
            for c in draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=2)):
                values[c] = draw(st.sampled_from(ODD.get(c, []) + TEXT_ODD))
            if draw(st.booleans()):
                name = draw(st.sampled_from(["place", "stance", "date", "text"]))
                if isinstance(values[name], str):
                    values[name] = Text(values[name])
        out.append(Claim(**values, origin=f"c.csv:{i + 2}"))
    return out


def test_no_whitespace_beyond_the_table_of_spaces():
    # (_texts_canonical looks code points up in store._spaces, the last entry for any beyond)
    spaces = store._spaces()
    assert not spaces[-1]
    assert not any(chr(i).isspace() for i in range(len(spaces) - 1, sys.maxunicode + 1))
    assert spaces.tolist()[:-1] == [chr(i).isspace() for i in range(len(spaces) - 1)]


def _each_ok(claims) -> bool:
    quick = store._Canonical()
    return all(type(c) is Claim and quick.ok(v := store._values_of(c), v[12], v[13])
               for c in claims)


@SETTINGS
@given(claim_lists())
def test_claims_taken_at_once_are_claims_each_taken(claims):
    columns = store._all_canonical(claims)
    if columns is not None:
        assert _each_ok(claims)
        assert columns == {c: [getattr(claim, c) for claim in claims] for c in COLUMNS}
    elif all(type(v) in (str, float, int, type(None)) for c in claims
             for v in store._values_of(c)):
        # (declining is allowed only for what the column checks do not know: subclasses)
        assert not _each_ok(claims)


def test_fine_claims_are_taken_at_once():
    claims = [Claim(id=f"c{i}", text="t", claimant="gov", claimant_side="AM",
                    stance="asserts", event="incursion", place="Goris", date="2021-05-12",
                    date_precision="day", lat=39.5 if i % 2 else None,
                    lon=46.0 if i % 2 else None, origin=f"c.csv:{i}") for i in range(10)]
    assert store._all_canonical(claims) is not None
    checked = store._checked(claims)
    assert isinstance(checked, store._Checked) and list(checked) == claims


POINTS = st.one_of(st.none(), st.tuples(st.floats(allow_nan=True), st.floats(allow_nan=True)),
                   st.sampled_from([(46.0, 39.5), (180.0, -90.0), (-0.0, 0.0), (181.0, 0.0),
                                    (46, 39), [46.0, 39.5], (46.0,), (46.0, 39.5, 1.0),
                                    "46,39", (True, 1.0), (46.0, float("nan")),
                                    (-180.5, 0.0), (0.0, -90.5), (0.0, 90.5)]))


def _places_one_by_one(checked, located):
    out = []
    for claim in checked:
        point = None
        if claim is not None and claim.lat is None and located:
            given = located.get(claim.id)
            if given is not None:
                point = store._lonlat(given)
                if point is None:
                    raise InputError("bad point")
        out.append(point)
    return out


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), POINTS), min_size=0, max_size=6))
def test_points_placed_at_once_are_points_placed_one_by_one(cases):
    checked, located = [], {}
    for i, (own, point) in enumerate(cases):
        checked.append(Claim(id=f"c{i}", text="t", claimant="gov", claimant_side="AM",
                             stance="asserts", event="incursion", place="Goris",
                             lat=39.0 if own else None, lon=46.0 if own else None))
        if point is not None:
            located[f"c{i}"] = point
    try:
        expected = _places_one_by_one(checked, located)
    except InputError:
        with pytest.raises(InputError):
            store._places(checked, located)
        return
    got = store._places(checked, located)
    assert len(got) == len(expected)
    for a, b in zip(got, expected):
        assert (a is None) == (b is None)
        if a is not None:
            assert all(type(x) is float and x == y and math.copysign(1, x) == math.copysign(
                1, y) for x, y in zip(a, b))


def _fine(i: int, **given) -> Claim:
    values = {c: FINE[c][0] for c in COLUMNS}
    values.update({"id": f"c{i}", "lat": 39.5, "lon": 46.0, **given})
    return Claim(**values, origin=f"c.csv:{i + 2}")


@pytest.mark.parametrize("column, value", [(c, v) for c in COLUMNS
                                           for v in ODD.get(c, []) + TEXT_ODD])
def test_each_odd_value_is_declined_where_the_claim_is(column, value):
    """Every odd value of every column, in a claim among fine ones: the claims are taken
    at once exactly when each would be taken (values of plain types)."""
    claims = [_fine(0), _fine(1, **{column: value}), _fine(2, lat=None, lon=None)]
    taken = store._all_canonical(claims) is not None
    assert taken == _each_ok(claims)


# -- GeoParquet: Arrow arrays laid out directly (geoparquet._array, _floats) ---------------

KINDS = {"string": st.one_of(st.none(), st.text(max_size=5)),
         "binary": st.one_of(st.none(), st.binary(max_size=5)),
         "float64": st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
         "int64": st.one_of(st.none(), st.integers(-(2 ** 63), 2 ** 63 - 1),
                            st.integers(2 ** 63, 2 ** 70))}


@SETTINGS
@given(st.sampled_from(sorted(KINDS)).flatmap(
    lambda k: st.tuples(st.just(k), st.lists(KINDS[k], max_size=20))))
def test_an_array_laid_out_directly_is_pa_array(case):
    import pyarrow as pa

    from geomap import geoparquet

    kind, values = case
    kind = getattr(pa, kind)()
    try:
        expected = pa.array(values, type=kind)
    except (pa.ArrowException, OverflowError, UnicodeEncodeError) as err:
        with pytest.raises(type(err)):
            geoparquet._array(values, kind)
        return
    got = geoparquet._array(values, kind)
    got.validate(full=True)
    assert got.type == expected.type and got.null_count == expected.null_count
    assert got.to_pylist() == expected.to_pylist() or kind == pa.float64() and all(
        a == b or a != a and b != b for a, b in zip(got.to_pylist(), expected.to_pylist()))
    if kind == pa.float64():
        import numpy as np

        for column in (expected, expected.slice(1), expected.slice(3, 5),  # (offsets)
                       pa.chunked_array([expected.slice(1), expected], type=kind),
                       pa.chunked_array([expected.slice(2)], type=kind)):
            floats = geoparquet._floats(column)
            want = np.array([np.nan if v is None else v for v in column.to_pylist()],
                            dtype=float)
            assert np.array_equal(floats, want, equal_nan=True)


@SETTINGS
@given(claim_lists())
def test_text_arrays_cut_from_the_checked_text_are_the_columns(claims):
    import pyarrow as pa

    from geomap import geoparquet

    columns = store._all_canonical(claims)
    if columns is not None:
        arrays = geoparquet._text_arrays(columns.text, len(claims))
        assert sorted(arrays) == sorted(store._TEXT_COLUMNS)
        for name, array in arrays.items():
            array.validate(full=True)
            assert array.equals(pa.array(columns[name], pa.string())), name


def _same_the_long_way(stored: tuple, claim: Claim) -> bool:
    from geomap.read import claim_from_fields

    try:
        return claim_from_fields({k: store._text(v, k) for k, v in zip(COLUMNS, stored)},
                                 "") == claim
    except ValueError:
        return False


@settings(SETTINGS, max_examples=300)
@given(claim_lists(), claim_lists(), st.booleans())
def test_a_stored_row_is_the_claim_as_the_readers_rules_say(stored, given_claims, as_text):
    # each stored row (as a store of schema 2 holds it, or as text: schema 1) beside each
    # claim given, and beside itself
    for old in stored:
        row = store._values_of(old)
        if as_text:
            row = tuple(v if v is None or isinstance(v, str) else store._text(v, "")
                        for v in row)
        for claim in [*given_claims, old]:
            assert store._same(row, claim) == _same_the_long_way(row, claim)


def _traced_ingest(monkeypatch, path, claims):
    """store.ingest of ``claims`` into ``path``, with every SQL statement it runs."""
    import sqlite3

    ran: list[str] = []
    real = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.set_trace_callback(ran.append)
        return conn

    with monkeypatch.context() as m:
        m.setattr(sqlite3, "connect", connect)
        store.ingest(path, claims, [])
    return ran


def _many(n: int) -> list[Claim]:
    return [Claim(id=f"c{i:05d}", text="Troops crossed.", claimant="gov", claimant_side="AM",
                  stance="asserts", event="incursion", actor="troops", place="Goris",
                  date="2021-05-12", date_precision="day") for i in range(n)]


def test_a_bulk_ingest_makes_its_own_date_index_again(tmp_path, monkeypatch):
    import sqlite3

    path = tmp_path / "s.gpkg"
    store.ingest(path, [], [])  # (an empty store)
    ran = _traced_ingest(monkeypatch, path, _many(1500))
    assert any(s.startswith("DROP INDEX") for s in ran)  # (the index made after the rows)
    sql = sqlite3.connect(path).execute(
        "SELECT sql FROM sqlite_master WHERE name = 'claims_date'").fetchone()[0]
    assert sql == store._DATE_INDEX_SQL[0]


def test_the_sql_a_store_file_holds_is_never_run(tmp_path, monkeypatch):
    # a store whose date index another hand made (the file is input: its SQL is data)
    import sqlite3

    path = tmp_path / "s.gpkg"
    store.ingest(path, [], [])
    odd = 'CREATE INDEX claims_date ON claims ("date") WHERE "date" <> \'{{ 7*7 }}\''
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX claims_date")
        conn.execute(odd)
    conn.close()
    ran = _traced_ingest(monkeypatch, path, _many(1500))
    assert odd not in ran and not any(s.startswith("DROP INDEX") for s in ran)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 1500
        assert conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims_date'"
                            ).fetchone()[0] == odd


# -- the extent of a new store's claims, from the points at hand (store._blobs_extent) ----

def _extent_read_back(path):
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        stored = conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE "
                              "table_name = 'claims'").fetchone()
        read = store._extent([g for (g,) in conn.execute("SELECT geom FROM claims")])
    finally:
        conn.close()
    return list(stored), read


@pytest.mark.parametrize("points", [
    [(46.0, 39.5), (44.25, 40.0)],
    [(0.0, 0.0), (-0.0, -0.0), (1.0, 1.0)],  # (SQLite stores -0.0 as 0.0 in a REAL column)
    [(-0.0, 5.0), (0.0, -0.0), (-1.0, 0.0)],
    [None, None],
    [(180.0, -90.0), None, (-180.0, 90.0)],
])
def test_a_new_stores_extent_is_its_geometries(tmp_path, points):
    # ids in the reverse of the order given: the order the table is read in is another
    claims = [Claim(id=f"c{len(points) - i}", text="t", claimant="gov", claimant_side="AM",
                    stance="asserts", event="incursion", place="Goris",
                    lat=None if p is None or i % 2 else p[1],
                    lon=None if p is None or i % 2 else p[0]) for i, p in enumerate(points)]
    located = {c.id: p for c, p in zip(claims, points) if p is not None and c.lat is None}
    path = tmp_path / "s.gpkg"
    store.ingest(path, claims, [], located=located)
    stored, read = _extent_read_back(path)
    assert stored == ([None] * 4 if read is None else read)

"""Reading a store with its filters pushed down (store.select), for both stores: the date
range in SQL (GeoPackage) or by partition and row group (GeoParquet) is read.in_date_range
exactly, the box keeps exactly the claims whose point lies in it, every stored claim is
counted (kept, outside the dates, outside the box), and the quick way of building claims
(store._Canonical) builds what the reader's rules build."""

from __future__ import annotations

import dataclasses
import doctest
import math
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from geomap import geoparquet, store
from geomap.errors import InputError
from geomap.read import COLUMNS, _last_day, claim_from_fields, in_date_range, is_http_url
from geomap.records import Claim

SETTINGS = settings(deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))

# -- dates: SQL and Arrow against read.in_date_range ---------------------------------------

DAYS = st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.integers(1998, 2003),
                 st.integers(1, 12), st.integers(1, 28))
BOUNDS = st.one_of(st.none(), DAYS, DAYS.map(lambda d: d[:7]), DAYS.map(lambda d: d[:4]))
# Stored dates: the claims format's three forms, and what another tool may leave there
# (text of any length, NUL, other digits, spaces, dotted days, numbers).
ODD = ["", " 2001", "2001 ", "2001-1", "20011", "2001-05-", "2001-13", "14.05.2001", "2001\x00",
       "2001-05\x00x", "\x002001", "2001-05-99", "２００１", "9999", "0000", "2001-05-31x",
       "abcdefg", "2001-5-1", "z", "2001-00", "2001-05-00"]
STORED = st.one_of(DAYS, DAYS.map(lambda d: d[:7]), DAYS.map(lambda d: d[:4]),
                   st.sampled_from(ODD), st.text(max_size=12),
                   st.text(alphabet="0123456789-.", max_size=11))


def _ranges(bounds):
    date_from, date_to = bounds
    if date_from and date_to and date_from > _last_day(date_to):
        date_from, date_to = date_to, date_from
    return date_from, date_to


def _sql_dates(values: list, date_from, date_to, declared: str) -> list[bool]:
    """store._date_sql over a table of these values in a column declared as given."""
    conn = sqlite3.connect(":memory:")
    conn.create_function("geomap_in_dates", 3, store._in_dates, deterministic=True)
    conn.execute(f'CREATE TABLE t (n INTEGER PRIMARY KEY, "date" {declared})')
    conn.execute('CREATE INDEX t_date ON t ("date")')
    conn.executemany("INSERT INTO t (n, date) VALUES (?, ?)", enumerate(values))
    where = store._date_sql('"date"', store._affinity(declared), date_from, date_to)
    kept = {n for n, in conn.execute(f"SELECT n FROM t WHERE {where}",
                                     store._date_parameters(date_from, date_to))}
    stored = [v for _, v in conn.execute("SELECT n, date FROM t ORDER BY n")]
    conn.close()
    return [n in kept for n in range(len(values))], stored


@settings(SETTINGS, max_examples=300)
@given(st.lists(STORED, min_size=1, max_size=30), st.tuples(BOUNDS, BOUNDS))
@example(["2001-05", "2001", "", "2001-04-30", "2001-06-01", "2001-05-31"],
         ("2001-05-10", "2001-05-20"))
@example(["2001", "2000", "2002-01"], ("2001-12-31", None))
@example(["2001\x00", "2001-05\x00x", "\x002001"], (None, "2001-06"))
def test_the_date_filter_in_sql_is_in_date_range(values, bounds):
    date_from, date_to = _ranges(bounds)
    assume(date_from or date_to)  # (without a range, select asks SQL for no date at all)
    for declared in ("TEXT", "DATE"):  # geomap's column; a DATE column another tool made
        kept, stored = _sql_dates(values, date_from, date_to, declared)
        assert kept == [in_date_range(store._text(v, "date"), date_from, date_to)
                        for v in stored], (declared, stored)


def test_numbers_and_blobs_in_a_date_column():
    # A DATE column (numeric affinity) keeps 2021 as a number: the reader reads "2021".
    kept, stored = _sql_dates([2021, 2021.0, 2020, 20210512, b"2021"], "2021-05-01", None,
                              "DATE")
    assert [type(v) for v in stored][:3] == [int, int, int]
    # (20210512 reads as "20210512", which in_date_range compares as text, as it does)
    assert kept == [True, True, False, in_date_range("20210512", "2021-05-01"), True]
    # ... and a blob is kept: reading it says what is wrong with it


@settings(SETTINGS, max_examples=200)
@given(st.lists(st.one_of(STORED, st.none()), min_size=1, max_size=30),
       st.tuples(BOUNDS, BOUNDS))
def test_the_date_filter_in_arrow_is_in_date_range(values, bounds):
    import pyarrow as pa

    date_from, date_to = _ranges(bounds)
    mask = geoparquet._date_mask(pa.array(values, pa.string()), date_from, date_to)
    assert mask.to_pylist() == [in_date_range(v or "", date_from, date_to) for v in values]


@SETTINGS
@given(st.one_of(DAYS, DAYS.map(lambda d: d[:7]), DAYS.map(lambda d: d[:4]), st.just("")),
       st.tuples(BOUNDS, BOUNDS))
def test_a_partition_left_out_holds_no_claim_in_the_range(date, bounds):
    date_from, date_to = _ranges(bounds)
    if in_date_range(date, date_from, date_to):
        assert geoparquet._partition_in_range(geoparquet.partition_of(date), date_from,
                                              date_to)


@SETTINGS
@given(st.text(max_size=14), DAYS)
def test_the_index_bound_holds_every_date_the_range_takes(date, day):
    # a date whose last day is on or after the range's first begins with a year not before
    if in_date_range(date, day, None):
        assert date >= store._date_parameters(day, None)["prefix"]


# -- the quick way of building claims ------------------------------------------------------

TEXTS = st.one_of(st.sampled_from(["Goris", "AM", "asserts", "reports", "incursion", "talks",
                                   "incident", "reaction", "day", "month", "unknown", "point",
                                   "zone", "am-goris", "geonames:616635", " Goris", "Goris\n",
                                   "a\tb", "x\x00", "\ud800", "\ufffe", "", "2021-05-12",
                                   "2021-05", "2021", "14.05.2021", "2021-02-30",
                                   "https://example.org/a?b=1#c", "http://x", "javascript:x",
                                   "https://ex ample.org", "HTTPS://A.B:80/", "https://a..b",
                                   "https://a@b/", "https://[::1]/", "https://é.org"]),
                  st.text(max_size=12))
NUMBERS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -0.0, 0.5, 1.0, 39.5, -120.25, 90.0, 180.0, 1e-05,
                                     1e16, 100.0]),
                    st.integers(-3, 10 ** 16), st.booleans(), st.just("39.5"))
NUMERIC = ("lat", "lon", "depth_km", "confidence", "span_start", "span_end")
COORDINATE = st.one_of(st.none(), st.sampled_from([39.5, -0.0, 0.0, 1e-05, 90.0, -90.0, 46.25,
                                                   180.0, 12.0]))
# Values a claim of the claims format may hold, column by column.
FINE = {
    "date": st.sampled_from(["2021-05-12", "2021-05", "2021", "", "2024-02-29"]),
    "place": st.sampled_from(["Goris", "Sev Lich", "Ереван", "x\ny", "Nagorno-Karabakh"]),
    "claimant": st.sampled_from(["gov", "Ministry of Defence", "Հայաստան"]),
    "claimant_side": st.sampled_from(["AM", "AZ", "CSTO"]),
    "stance": st.sampled_from(["asserts", "denies", "reports", "calls"]),
    "event": st.sampled_from(["incursion", "talks", "other"]),
    "actor": st.sampled_from(["", "troops"]),
    "text": st.sampled_from(["t", "Troops\tcrossed", "«quoted»", "a\r\nb"]),
    "source": st.sampled_from(["", "s"]),
    "url": st.sampled_from(["", "https://example.org/x", "http://a.b:8080/p?q=1#f",
                            "HTTPS://EXAMPLE.ORG"]),
    "id": st.sampled_from(["c1", "k0001", "c9f8e7d6c5"]),
    "place_id": st.sampled_from(["", "am-goris", "geonames:616635"]),
    "lat": COORDINATE, "lon": COORDINATE,
    "precision": st.sampled_from(["", "point", "zone"]),
    "published": st.sampled_from(["", "2021-05-14"]),
    "date_precision": st.sampled_from(["day", "month", "year", "unknown"]),
    "role": st.sampled_from(["incident", "reaction"]),
    "publisher": st.sampled_from(["", "Reuters"]),
    "span_start": st.one_of(st.none(), st.sampled_from([0, 7, 10 ** 15 - 1])),
    "span_end": st.one_of(st.none(), st.sampled_from([0, 9])),
    "depth_km": st.one_of(st.none(), st.sampled_from([0.5, 100.0, 3.0])),
    "confidence": st.one_of(st.none(), st.sampled_from([0.0, -0.0, 1.0, 0.75])),
    "check": st.sampled_from(["", "speaker from 'It'"]),
}


@st.composite
def _claim_values(draw) -> tuple:
    """A claim's values (COLUMNS): fine ones, a few of them replaced by odd or hostile ones."""
    values = {c: draw(FINE[c]) for c in COLUMNS}
    for c in draw(st.lists(st.sampled_from(COLUMNS), max_size=3)):
        values[c] = draw(NUMBERS if c in NUMERIC else TEXTS)
    return tuple(values[c] for c in COLUMNS)


VALUES = _claim_values()


def _values(**given) -> tuple:
    """A claim's values (COLUMNS) that the reader takes, with these instead."""
    fields = {"date": "2021-05-12", "place": "Goris", "claimant": "gov",
              "claimant_side": "AM", "stance": "asserts", "event": "incursion", "text": "t",
              "id": "c1", "date_precision": "day", "role": "incident", **given}
    return tuple(fields.get(c, None if c in NUMERIC else "") for c in COLUMNS)


def _same_fields(a: Claim, b: Claim) -> bool:
    """Equal, and equal in type and sign too (39 is not 39.0, -0.0 is not 0.0)."""
    return all(type(x) is type(y) and (x == y or x != x and y != y) and (
        not isinstance(x, float) or math.copysign(1, x) == math.copysign(1, y))
        for x, y in zip(dataclasses.astuple(a), dataclasses.astuple(b)))


def test_the_quick_way_knows_the_claim_record():
    assert store._QUICK  # COLUMNS and Claim's fields are in the order it unpacks them


@settings(SETTINGS, max_examples=1500)
@given(VALUES)
@example(_values(lat=-0.0, lon=46.3, confidence=-0.0))
@example(_values(lat=39.0, lon=46.0, span_start=3, depth_km=1e-05, url="https://a.b/c"))
@example(_values(text=" t"))
@example(_values(lat=None, lon=46.0))
def test_a_claim_built_the_quick_way_is_the_readers(values):
    """Stored values (load) and a claim's own (ingest): where the quick way builds or takes
    a claim, the reader's rules build the same one, value for value."""
    lat, lon = values[COLUMNS.index("lat")], values[COLUMNS.index("lon")]
    quick = store._Canonical().claim(values, None, "s.gpkg#x")
    try:
        slow = claim_from_fields({k: store._text(v, k) for k, v in zip(COLUMNS, values)},
                                 "s.gpkg#x")
    except ValueError:
        slow = None
    if quick is not None:
        assert slow is not None and _same_fields(quick, slow)
    # ingest: a Claim holding these values, taken as it is where the quick way says so
    try:
        claim = Claim(**dict(zip(COLUMNS, values)), origin="c.csv:2")
    except TypeError:
        return
    if store._Canonical().ok(values, lat, lon):
        assert _same_fields(store._read_back(claim), claim)


@SETTINGS
@given(st.from_regex(store._PLAIN_URL, fullmatch=True))
def test_an_address_taken_the_quick_way_is_an_http_address(url):
    assert is_http_url(url)


# -- select against load, on both stores ---------------------------------------------------

def _claims(n: int, seed: int = 5):
    """Claims of every kind: dated by day, month, year or not at all; with their own
    coordinates, placed by a place's point, or without any; and where each is."""
    rnd = random.Random(seed)
    claims, located, points = [], {}, {}
    for i in range(n):
        kind = rnd.random()
        day = f"2021-{rnd.randint(4, 7):02d}-{rnd.randint(1, 28):02d}"
        date = "" if kind < 0.1 else day[:4] if kind < 0.15 else day[:7] if kind < 0.3 else day
        own = rnd.random() < 0.4
        point = (round(44 + rnd.random() * 4, 4), round(38 + rnd.random() * 4, 4))
        c = Claim(id=f"k{i:04d}", text=f"claim {i}", claimant="gov", claimant_side="AM",
                  stance="asserts", event="incursion", place=f"P{i % 40}", date=date,
                  date_precision={10: "day", 7: "month", 4: "year", 0: "unknown"}[len(date)],
                  lat=point[1] if own else None, lon=point[0] if own else None,
                  origin=f"c.csv:{i + 2}")
        claims.append(c)
        if own or rnd.random() < 0.8:
            located[c.id] = point
            points[c.id] = point
    return claims, located, points


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("select")
    claims, located, points = _claims(1500)
    out = {}
    for name in ("s.gpkg", "s.parquet"):
        store.ingest(folder / name, claims, [], located=located)
        out[name] = folder / name
    return out, {c.id: c for c in claims}, points


BOXES = st.one_of(st.none(), st.tuples(st.floats(43, 48), st.floats(37, 42), st.floats(0, 3),
                                       st.floats(0, 3)).map(
    lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])))
MONTHS = st.builds(lambda m, d: f"2021-{m:02d}-{d:02d}", st.integers(3, 8), st.integers(1, 28))
RANGE_BOUNDS = st.one_of(st.none(), MONTHS, MONTHS.map(lambda d: d[:7]), st.just("2021"))


@settings(SETTINGS, max_examples=40)
@given(st.tuples(RANGE_BOUNDS, RANGE_BOUNDS), BOXES)
@example((None, None), None)
@example(("2021-05-10", "2021-05-16"), (45.0, 39.0, 46.5, 40.5))
def test_select_keeps_what_load_and_the_filters_keep(stores, bounds, box):
    paths, claims, points = stores
    date_from, date_to = _ranges(bounds)
    dated = [c for c in claims.values() if in_date_range(c.date, date_from, date_to)]

    def inside(c):
        p = points.get(c.id)
        return box is None or p is None or box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]

    expected = sorted((c for c in dated if inside(c)), key=lambda c: c.id)
    for path in paths.values():
        got = store.select(path, date_from=date_from, date_to=date_to, bbox=box)
        assert got.claims == expected, path.name
        assert (got.outside_dates, got.outside_bbox) == (len(claims) - len(dated),
                                                          len(dated) - len(expected))
        assert got.stored == len(claims)
        assert store.load(path, date_from=date_from, date_to=date_to) == sorted(
            dated, key=lambda c: c.id)


def test_rows_outside_the_filters_never_reach_python(stores, monkeypatch):
    paths, claims, _ = stores
    seen = []
    real = store._claims_of
    monkeypatch.setattr(store, "_claims_of", lambda rows, *a: seen.append(len(rows)) or
                        real(rows, *a))
    for path in paths.values():
        got = store.select(path, date_from="2021-05-10", date_to="2021-05-16",
                           bbox=(45, 39, 46, 40))
        assert 0 < len(got.claims) < len(claims) / 10 and seen[-1] == len(got.claims)


def test_a_gpkg_date_range_is_read_by_its_index(stores, monkeypatch):
    paths, _, _ = stores
    plans = []

    class Spy(sqlite3.Connection):
        def execute(self, sql, *args):
            if "geomap_in_dates" in sql:
                plans.append(str(super().execute("EXPLAIN QUERY PLAN " + sql,
                                                 *args).fetchall()))
            return super().execute(sql, *args)

    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: real(*a, factory=Spy, **kw))
    store.select(paths["s.gpkg"], date_from="2021-05-10", date_to="2021-05-16")
    assert len(plans) == 2  # the count within the dates, and the claims
    assert all("USING INDEX claims_date" in plan and "SCAN claims" not in plan
               for plan in plans)


def test_a_geoparquet_partition_outside_the_dates_is_not_read(stores, monkeypatch):
    paths, claims, _ = stores
    read = []
    real = geoparquet._date_mask
    monkeypatch.setattr(geoparquet, "_date_mask", lambda dates, *a: read.append(len(dates))
                        or real(dates, *a))
    got = store.select(paths["s.parquet"], date_from="2021-05-10", date_to="2021-05-16")
    # the dates read are those of May's partition and the year's (claims dated "2021"),
    # not April's, June's, July's or the undated ones
    assert read[0] == sum(geoparquet.partition_of(c.date) in ("2021-05", "2021-00")
                          for c in claims.values())
    assert 0 < len(got.claims) < read[0] < len(claims) / 2


def test_a_gpkg_point_moved_in_qgis_and_coordinates_typed_in_are_where_the_box_looks(tmp_path):
    claims, located, points = _claims(40)
    path = tmp_path / "s.gpkg"
    store.ingest(path, claims, [], located=located)
    placed = next(c for c in claims if c.lat is None and c.id in located)
    other = next(c for c in claims if c.lat is None and c.id in located and c is not placed)
    with sqlite3.connect(path) as conn:  # as QGIS would: the geometry moved
        conn.execute("UPDATE claims SET geom = ? WHERE id = ?",
                     (store._gpkg_point(70.5, 40.5), placed.id))
        # and coordinates typed into the attribute table, the geometry left at the place
        conn.execute("UPDATE claims SET lat = 40.6, lon = 70.6 WHERE id = ?", (other.id,))
    conn.close()
    got = store.select(path, bbox=(70, 40, 71, 41))
    kept = {c.id for c in got.claims}
    assert kept == {placed.id, other.id} | {c.id for c in claims if c.id not in located}
    assert got.outside_bbox == len(claims) - len(kept)


def test_a_seed_row_is_no_claim_and_a_year_is_in_its_months(tmp_path):
    """The seed row geomap 0.1 stores kept, and a date that became a year."""
    path = tmp_path / "old.gpkg"
    store.ingest(path, _claims(3)[0], [])
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO claims (date, place, claimant, claimant_side, stance, event,"
                     " actor, text, source, url) VALUES ('x','x','x','x','x','x','x','x','x',"
                     "'x')")
        conn.execute("UPDATE claims SET date = 2021, date_precision = 'year' WHERE id = 'k0000'")
    conn.close()
    got = store.select(path, date_from="2021-03", date_to="2021-04")
    assert got.stored == 3  # the seed row is no claim
    assert "k0000" in {c.id for c in got.claims}


def test_bad_selections_are_clear_errors(stores):
    paths, _, _ = stores
    for path in paths.values():
        with pytest.raises(InputError, match="after"):
            store.select(path, date_from="2021-05-14", date_to="2021-05-13")
        for box in [(1, 2, 3), (3, 0, 1, 1), ("a", 0, 1, 1), (0, 0, float("nan"), 1),
                    (True, 0, 1, 1)]:
            with pytest.raises(InputError, match="bbox"):
                store.select(path, bbox=box)


def test_a_geoparquet_row_group_outside_the_box_is_skipped(tmp_path):
    """Rows are laid out in the Z-order of their points: a small box meets few of a big
    partition's row groups (their bbox statistics say which)."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    rnd = random.Random(3)
    n = geoparquet.ROW_GROUP * 4
    claims = [Claim(id=f"z{i:06d}", text=f"z {i}", claimant="gov", claimant_side="AM",
                    stance="asserts", event="talks", place="P", date="2021-05-12",
                    date_precision="day", lat=round(38 + rnd.random() * 4, 4),
                    lon=round(44 + rnd.random() * 4, 4)) for i in range(n)]
    path = tmp_path / "z.parquet"
    store.ingest(path, claims, [])
    (part,) = (path / "month=2021-05").glob("*.parquet")
    fragment = next(iter(ds.dataset(part, format="parquet").get_fragments()))
    box = pc.field("bbox", "xmin") <= 45.0
    box &= pc.field("bbox", "ymin") <= 39.0
    kept = list(fragment.split_by_row_group(box))
    assert fragment.metadata.num_row_groups == 4 and len(kept) <= 2


@pytest.mark.parametrize("module", [store, geoparquet])
def test_docstring_examples_hold(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_load_keeps_its_signature_and_meaning(stores):
    paths, claims, _ = stores
    for path in paths.values():
        assert store.load(path) == sorted(claims.values(), key=lambda c: c.id)
        assert store.load(Path(str(path)), date_from="2021-06", date_to=None) == sorted(
            (c for c in claims.values() if in_date_range(c.date, "2021-06")),
            key=lambda c: c.id)


@pytest.mark.parametrize("name", ["s.gpkg", "s.parquet"])
def test_a_map_of_a_store_accounts_for_every_stored_claim(tmp_path, name):
    from geomap.api import build_map, ingest
    from geomap.examples import MAY2021

    path = tmp_path / name
    ingest([MAY2021], store=path)
    stored = len(store.load(path))
    result = build_map(store=path, date_from="2021-05-13", date_to="2021-05-14",
                       bbox=(45.9, 39.0, 46.6, 40.4))
    left_out = result._manifest["left_out"]
    assert 0 < result.claims_in < stored and left_out["dates"] and left_out["bbox"]
    assert result.claims_in + left_out["dates"] + left_out["bbox"] + \
        result._manifest["duplicates_merged"] == stored


def test_a_map_of_a_store_asks_the_store_for_its_dates_and_box(tmp_path, monkeypatch):
    from geomap.api import build_map, ingest
    from geomap.examples import MAY2021

    path = tmp_path / "s.parquet"
    ingest([MAY2021], store=path)
    asked = []
    real = store.select
    monkeypatch.setattr(store, "select", lambda p, **kw: asked.append(kw) or real(p, **kw))
    box = (45.9, 39.0, 46.6, 40.4)
    build_map(store=path, date_from="2021-05-13", date_to="2021-05-14", bbox=box)
    assert asked == [{"date_from": "2021-05-13", "date_to": "2021-05-14", "bbox": box}]


def test_a_bound_written_as_a_spreadsheet_writes_a_day_is_that_day(stores):
    paths, claims, _ = stores
    for path in paths.values():
        assert store.select(path, date_from="10.05.2021", date_to="16.05.2021") == \
            store.select(path, date_from="2021-05-10", date_to="2021-05-16")

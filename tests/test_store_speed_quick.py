"""A new store's claims written the quick way (a column at a time: store._Statements.rows
and _insert's shared values for a GeoPackage; geoparquet._new_tables, _points and
_point_arrays for a GeoParquet store) give the very store the claim-by-claim way gives:
the same rows in SQLite (each value and its type), the same GeoParquet files, byte for
byte."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import store
from geomap.read import COLUMNS
from geomap.records import Claim

SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=60,
                    suppress_health_check=list(HealthCheck))

# Values each claim may take (all as the reader leaves them): dates over several months
# (several partitions), numbers with -0.0 beside 0.0 (equal, but not the same bytes).
VALUES = {
    "date": ["2021-05-12", "2021-05-01", "2021-06", "2021", "", "2020-12-31"],
    "place": ["Goris", "Sev Lich", "Ереван"],
    "claimant": ["gov", "Հայաստան", "ministry"],
    "claimant_side": ["AM", "AZ"],
    "stance": ["asserts", "denies"],
    "event": ["incursion", "talks"],
    "actor": ["", "troops"],
    "text": ["t", "Troops\tcrossed", "a\r\nb", "</script> =1+1 {{ x }} \u2028"],
    "source": ["", "s"],
    "url": ["", "https://example.org/x"],
    "place_id": ["", "am-goris"],
    "precision": ["", "point"],
    "published": ["", "2021-05-14"],
    "date_precision": ["day", "month", "unknown"],
    "role": ["incident", "reaction"],
    "publisher": ["", "Reuters"],
    "span_start": [None, 0, 12],
    "span_end": [None, 9],
    "depth_km": [None, 0.5, 100.0],
    "confidence": [None, 0.0, -0.0, 1.0],
    "check": ["", "speaker from 'It'"],
}
COORDINATES = [None, (46.0, 39.5), (-0.0, 0.0), (0.0, -0.0), (180.0, -90.0), (45.25, 39.125)]


@st.composite
def new_claims(draw):
    """Claims (2 to 12), each column either one value for all (as a store often has: ''
    everywhere) or drawn claim by claim, with own points and place points."""
    n = draw(st.integers(2, 12))
    columns = {}
    for name, values in VALUES.items():
        if draw(st.booleans()):
            columns[name] = [draw(st.sampled_from(values))] * n
        else:
            columns[name] = [draw(st.sampled_from(values)) for _ in range(n)]
    ids = draw(st.permutations([f"c{i:02d}" for i in range(n)]))
    claims, located = [], {}
    for i in range(n):
        own = draw(st.sampled_from(COORDINATES))
        place = draw(st.sampled_from(COORDINATES))
        values = {name: columns[name][i] for name in VALUES}
        values.update(id=ids[i], lon=own[0] if own else None, lat=own[1] if own else None)
        claims.append(Claim(**values, origin=f"c.csv:{i + 2}"))
        if place is not None:
            located[ids[i]] = place
    return claims, located


def _ingest_both_ways(folder: Path, suffix: str, claims, located, monkeypatch):
    """The store made the quick way, and the store made claim by claim."""
    quick, slow = folder / f"quick{suffix}", folder / f"slow{suffix}"
    first = store.ingest(quick, claims, [], located=located)
    with monkeypatch.context() as m:
        m.setattr(store, "_all_canonical", lambda claims: None)  # each claim on its own
        second = store.ingest(slow, claims, [], located=located)
    assert tuple(first) == tuple(second) == (len(claims), 0)
    return quick, slow


def _sqlite_rows(path: Path) -> list:
    with sqlite3.connect(path) as conn:
        names = [row[1] for row in conn.execute("PRAGMA table_info(claims)")]
        cells = ", ".join(f'"{c}", typeof("{c}")' for c in names)
        rows = conn.execute(f"SELECT {cells} FROM claims ORDER BY fid").fetchall()
        extent = conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents "
                              "WHERE table_name = 'claims'").fetchone()
    # (-0.0 and 0.0 are told apart by their text)
    return [[repr(v) for v in row] for row in rows] + [[repr(v) for v in extent]]


@SETTINGS
@given(new_claims())
def test_a_new_geopackage_made_at_once_is_made_claim_by_claim(case):
    claims, located = case
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        quick, slow = _ingest_both_ways(Path(tmp), ".gpkg", claims, located, monkeypatch)
        assert _sqlite_rows(quick) == _sqlite_rows(slow)


def _files(store_path: Path) -> dict[str, str]:
    return {p.relative_to(store_path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store_path.rglob("*.parquet"))}


@SETTINGS
@given(new_claims())
def test_a_new_geoparquet_store_made_at_once_is_made_claim_by_claim(case):
    claims, located = case
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        quick, slow = _ingest_both_ways(Path(tmp), ".parquet", claims, located, monkeypatch)
        files = _files(quick)
        assert files and files == _files(slow)


def test_the_quick_ways_are_taken():
    """(So that the tests above compare two ways, not one way twice.)"""
    claims = [Claim(id=f"c{i}", text="t", claimant="gov", claimant_side="AM",
                    stance="asserts", event="incursion", place="Goris", date="2021-05-12",
                    date_precision="day", lat=39.5 if i % 2 else None,
                    lon=46.0 if i % 2 else None, origin=f"c.csv:{i}") for i in range(4)]
    checked = store._checked(claims)
    assert isinstance(checked, store._Checked)
    assert list(checked.columns) == [*COLUMNS] or set(checked.columns) == set(COLUMNS)

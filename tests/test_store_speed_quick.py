"""A store's claims written the quick way (a column at a time: store._Statements.rows
and _insert's shared values, store._sorted_out for a GeoPackage; geoparquet._compare,
_by_partition, _points and _point_arrays for a GeoParquet store) give the very store the
claim-by-claim way gives: the same rows in SQLite (each value and its type), the same
GeoParquet files, byte for byte, and the same results; for a new store, and for claims
given again into a store that holds them (the same, corrected, moved, new)."""

from __future__ import annotations

import dataclasses
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


def _all_files(store_path: Path) -> dict[str, str]:
    """Every file of a GeoParquet store (data, inputs, replaced claims), by its hash."""
    return {p.relative_to(store_path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store_path.rglob("*")) if p.is_file()}


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


@st.composite
def claims_again(draw):
    """Claims, then claims given again: each of the first the same, with one value changed
    (maybe to the one it had), with its own point changed, or left out; its place's point
    the same, moved or none; new claims (dated into old months and new ones); in any
    order."""
    first, located = draw(new_claims())
    second, places = [], {}
    names = sorted(VALUES)
    for k, claim in enumerate(first):
        action = draw(st.sampled_from(["same", "same", "changed", "own point", "left out"]))
        if action == "left out":
            continue
        if action == "changed":  # (each claim's list starts elsewhere: every field changes)
            name = draw(st.sampled_from(names[k % len(names):] + names[:k % len(names)]))
            claim = dataclasses.replace(claim, **{name: draw(st.sampled_from(VALUES[name]))})
        elif action == "own point":
            own = draw(st.sampled_from(COORDINATES))
            claim = dataclasses.replace(claim, lon=own[0] if own else None,
                                        lat=own[1] if own else None)
        second.append(claim)
        where = draw(st.sampled_from(["moved", "kept", "none"]))
        if where == "kept" and claim.id in located:
            places[claim.id] = located[claim.id]
        elif where == "moved":  # (elsewhere: the gazetteer puts the place elsewhere now)
            places[claim.id] = draw(st.sampled_from(
                [xy for xy in COORDINATES[1:] if xy != located.get(claim.id)]))
    if draw(st.booleans()):
        extra, extra_located = draw(new_claims())
        for claim in extra:
            second.append(dataclasses.replace(claim, id="n" + claim.id))
            if claim.id in extra_located:
                places["n" + claim.id] = extra_located[claim.id]
    return first, located, draw(st.permutations(second)), places


def _ingest_twice_both_ways(folder: Path, suffix: str, case, monkeypatch):
    """The store made, then given claims again, the quick way and claim by claim; the
    second ingests' results (with what they corrected and placed)."""
    first, located, second, places = case
    quick, slow = folder / f"quick{suffix}", folder / f"slow{suffix}"
    inputs = [{"sha256": "a" * 64, "name": "again.csv", "claims": len(second)}]
    store.ingest(quick, first, [], located=located)
    done = store.ingest(quick, second, inputs, located=places)
    with monkeypatch.context() as m:
        m.setattr(store, "_all_canonical", lambda claims: None)  # each claim on its own
        store.ingest(slow, first, [], located=located)
        done_slow = store.ingest(slow, second, inputs, located=places)
    assert (tuple(done), done.updated, done.corrections, done.placed) == (
        tuple(done_slow), done_slow.updated, done_slow.corrections, done_slow.placed)
    return quick, slow


def _sqlite_tables(path: Path) -> list:
    """_sqlite_rows, and geomap's own tables but for the time an ingest is recorded."""
    with sqlite3.connect(path) as conn:
        own = [conn.execute(f"SELECT * FROM {name} ORDER BY fid").fetchall()
               for name in ("geomap_inputs", "geomap_replaced")]
    return _sqlite_rows(path) + own


@SETTINGS
@given(claims_again())
def test_claims_given_again_to_a_geopackage_quick_or_claim_by_claim(case):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        # (the stored rows of a quarter of the table or more read whole, of fewer by id)
        monkeypatch.setattr(store, "_SCAN_FROM", 1)
        quick, slow = _ingest_twice_both_ways(Path(tmp), ".gpkg", case, monkeypatch)
        assert _sqlite_tables(quick) == _sqlite_tables(slow)


@SETTINGS
@given(claims_again())
def test_claims_given_again_to_a_geoparquet_store_quick_or_claim_by_claim(case):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        quick, slow = _ingest_twice_both_ways(Path(tmp), ".parquet", case, monkeypatch)
        files = _all_files(quick)
        assert _files(quick) and files == _all_files(slow)


def test_claims_given_again_take_the_quick_ways(monkeypatch, tmp_path):
    """(So that the two tests above compare two ways.)"""
    from geomap import geoparquet

    claims = [Claim(id=f"c{i}", text="t", claimant="gov", claimant_side="AM",
                    stance="asserts", event="incursion", place="Goris", date="2021-05-12",
                    date_precision="day", origin=f"c.csv:{i}") for i in range(4)]
    calls = []
    for module, name in ((store, "_sorted_out"), (geoparquet, "_compare")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: (
            calls.append(name), real(*a))[1])
    for path in (tmp_path / "s.gpkg", tmp_path / "s.parquet"):
        for _ in range(2):
            assert store.ingest(path, claims, [], located={"c1": (46.0, 39.5)})
    assert calls == ["_sorted_out"] * 2 + ["_compare"] * 2

"""The incident store: idempotent, transactional, and mapped with date and box filters."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.api import ingest, make_map
from geomap.errors import InputError, OutputError
from geomap.examples import MAY2021
from geomap.store import load

REPORT = Path(__file__).parent / "data" / "reports" / "kg_tj_2021.txt"


def _count(store: Path) -> int:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]


def test_ingest_twice_adds_nothing(tmp_path):
    store = tmp_path / "incidents.gpkg"
    added, known = ingest([MAY2021, REPORT], store=store)
    assert added >= 28 and known == 0
    assert ingest([MAY2021, REPORT], store=store) == (0, added)
    assert _count(store) == added
    import geopandas as gpd  # and it is a GeoPackage that GIS software reads

    layer = gpd.read_file(store, layer="claims")
    assert len(layer) == added and layer.crs.to_epsg() == 4326


def test_a_failure_mid_ingest_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    store = tmp_path / "incidents.gpkg"
    ingest([REPORT], store=store)
    before = _count(store)

    calls = {"n": 0}

    def crash(n):
        calls["n"] += 1
        if n == 10:
            raise KeyboardInterrupt  # as if killed half-way

    with pytest.raises(KeyboardInterrupt):
        ingest([MAY2021], store=store, progress=crash)
    assert _count(store) == before
    added, _ = ingest([MAY2021], store=store)  # running it again completes it
    assert added == 25 and _count(store) == before + 25


def test_a_killed_ingest_leaves_the_store_whole(tmp_path):
    store = tmp_path / "incidents.gpkg"
    ingest([REPORT], store=store)
    before = _count(store)
    big = tmp_path / "many.csv"
    lines = ["id,date,place,claimant,claimant_side,stance,event,actor,text,source,url"]
    lines += [f"k{i},2021-05-12,Goris,gov,AM,asserts,incursion,,claim {i},s,"
              for i in range(40000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "ingest", str(big), "--store",
                             str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = Path(f"{store}-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # killed in the transaction: nothing of it is kept; finished first: all of it is
    assert _count(store) in (before, before + 40000)
    assert killed, "the ingest finished before it could be killed: make the input larger"
    assert _count(store) == before
    added, _ = ingest([big], store=store)
    assert added == 40000


def test_map_from_the_store_with_filters(tmp_path):
    store = tmp_path / "incidents.gpkg"
    ingest([MAY2021, REPORT], store=store)
    result = make_map(store=store, out=tmp_path / "m.html", date_from="2021-05-13",
                      date_to="2021-05-13")
    assert result.claims_in == len(load(store, date_from="2021-05-13", date_to="2021-05-13"))
    assert 0 < result.claims_in < 25
    boxed = make_map(store=store, out=tmp_path / "b.html", bbox=(69.0, 39.0, 72.0, 41.0))
    # the Kyrgyz-Tajik claims only: 5 attributed (Tajikistan's denial and its own charge
    # are two), 2 in the report's own voice
    assert boxed.claims_mapped == 7


def test_bad_stores_and_ranges(tmp_path, monkeypatch):
    monkeypatch.setattr("geomap.store.BUSY_TIMEOUT", 1)  # a writer waits this long, then errs
    with pytest.raises(InputError, match="after"):
        load(tmp_path / "x.gpkg", date_from="2021-05-14", date_to="2021-05-13")
    text = tmp_path / "notes.gpkg"
    text.write_text("not a database")
    with pytest.raises(InputError, match="not a geomap store"):
        load(text)
    with pytest.raises((InputError, OutputError)):
        ingest([MAY2021], store=text)
    store = tmp_path / "locked.gpkg"
    ingest([REPORT], store=store)
    holder = sqlite3.connect(store)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(OutputError, match="locked"):
            ingest([MAY2021], store=store)
    finally:
        holder.rollback()
        holder.close()


def test_date_ranges_cover_months_and_years():
    from geomap.read import in_date_range

    assert in_date_range("2021-05", "2021-05-20", "2021-05-25")  # the whole month overlaps
    assert in_date_range("2021", "2021-12-01", None)
    assert not in_date_range("2021-04", "2021-05-01", None)
    assert not in_date_range("", "2021-05-01", None)  # undated: in no range
    assert in_date_range("", None, None)

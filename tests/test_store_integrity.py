"""The incident store against hostile inputs, kills, full disks, rival writers and stores
that other tools wrote. Each test pins a failure found by real runs (see geomap/store.py)."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geomap import store
from geomap.api import ingest
from geomap.errors import InputError, OutputError
from geomap.read import COLUMNS, REQUIRED, read_claims

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon"


def _claims_csv(path: Path, ids, *, text: str = "claim", lat: float = 39.5) -> Path:
    """A claims file of Goris claims with coordinates (none needs the gazetteer)."""
    rows = [HEADER] + [f"{i},2021-05-12,Goris,gov,AM,asserts,incursion,,{text} {i},s,"
                       f"https://example.org/{i},{lat + n * 1e-4:.4f},46.3"
                       for n, i in enumerate(ids)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _rows(path: Path, sql: str = "SELECT count(*) FROM claims"):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _count(path: Path) -> int:
    return _rows(path)[0][0]


def _geomap(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geomap", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def _intact(path: Path, allowed: set[int]) -> int:
    """Check a store is whole: SQLite finds no damage, it loads, and it holds one of the
    claim counts allowed (all of an ingest or none of it). Returns the count."""
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    n = len(store.load(path))
    assert n in allowed
    assert _rows(path, "SELECT id FROM claims GROUP BY id HAVING count(*) > 1") == []
    return n


# -- 1. creation: atomic, raced, on a full disk --------------------------------------------

def test_a_new_store_is_a_complete_geopackage_that_gis_reads(tmp_path):
    import geopandas as gpd
    import pyogrio

    path = tmp_path / "incidents.gpkg"
    added, known = ingest([_claims_csv(tmp_path / "c.csv", ["a1", "a2"])], store=path)
    assert (added, known) == (2, 0)
    assert _rows(path, "PRAGMA application_id") == [(0x47504B47,)]
    assert _rows(path, "PRAGMA user_version")[0][0] in (10200, 10300, 10400)
    assert {r[0] for r in _rows(path, "SELECT srs_id FROM gpkg_spatial_ref_sys")} >= {4326, -1, 0}
    assert _rows(path, "SELECT id FROM claims ORDER BY id") == [("a1",), ("a2",)]  # no seed row
    assert _rows(path, "SELECT count(*) FROM sqlite_master WHERE name = 'geomap_inputs'") == [(1,)]
    with pytest.raises(sqlite3.IntegrityError):  # the id is unique in the file itself
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO claims (id) VALUES ('a1')")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert {"claims", "geomap_inputs"} <= layers
    frame = gpd.read_file(path, layer="claims")
    assert frame.crs.to_epsg() == 4326
    assert [(round(p.x, 4), round(p.y, 4)) for p in frame.geometry] == [(46.3, 39.5),
                                                                         (46.3, 39.5001)]
    assert list(tmp_path.glob(".incidents.gpkg*")) == []  # no temporary file left


def test_first_ingests_killed_while_the_store_is_created_leave_no_broken_store(tmp_path):
    """8 first ingests SIGKILLed within moments of touching the store (the creation)."""
    claims = _claims_csv(tmp_path / "many.csv", [f"k{i}" for i in range(2000)])
    rnd = random.Random(8)
    started = time.monotonic()
    for trial in range(8):
        path = tmp_path / f"s{trial}.gpkg"
        proc = _geomap("ingest", str(claims), "--store", str(path))
        while proc.poll() is None and not path.exists() and \
                not list(tmp_path.glob(f".{path.name}.*")) and time.monotonic() - started < 50:
            time.sleep(0.0002)
        time.sleep(rnd.uniform(0, 0.008))  # creation takes a few milliseconds
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        if path.exists():  # absent, or whole: no claims or all of them
            _intact(path, {0, 2000})
        added, known = ingest([claims], store=path)  # and running it again completes it
        assert _count(path) == 2000 and added + known == 2000
    assert time.monotonic() - started < 60


def test_a_full_disk_while_creating_leaves_no_stub(tmp_path):
    path = tmp_path / "incidents.gpkg"
    claims = _claims_csv(tmp_path / "c.csv", ["a1", "a2"])

    def small_disk():  # every file this process writes stops at 16 KiB, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

    proc = _geomap("ingest", str(claims), "--store", str(path), preexec_fn=small_disk)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in err and b"cannot create the store" in err
    assert not path.exists() and list(tmp_path.glob(".incidents.gpkg*")) == []
    assert ingest([claims], store=path) == (2, 0)  # nothing blocks the next ingest


def test_two_first_ingests_at_once_keep_every_claim_once(tmp_path):
    one = _claims_csv(tmp_path / "one.csv", [f"c{i}" for i in range(0, 600)])
    two = _claims_csv(tmp_path / "two.csv", [f"c{i}" for i in range(300, 900)])
    for trial in range(2):
        path = tmp_path / f"race{trial}.gpkg"
        procs = [_geomap("ingest", str(f), "--store", str(path)) for f in (one, two)]
        added = []
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err.decode()
            added.append(int(re.search(rb"(\d+) claims? added", err).group(1)))
        assert _rows(path, "SELECT id FROM claims GROUP BY id HAVING count(*) > 1") == []
        assert _count(path) == 900 == sum(added)


# -- 2. writers wait for each other --------------------------------------------------------

def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")

    def release():
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_second_writer_waits_for_the_first(tmp_path):
    path = tmp_path / "incidents.gpkg"
    ingest([_claims_csv(tmp_path / "a.csv", ["a1"])], store=path)
    holder = _hold_write_lock(path, 3.0)  # longer than the old 2-second timeout
    try:
        assert ingest([_claims_csv(tmp_path / "b.csv", ["b1"])], store=path) == (1, 0)
    finally:
        holder.join()
    assert _count(path) == 2


def test_a_writer_still_locked_out_gets_a_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "incidents.gpkg"
    ingest([_claims_csv(tmp_path / "a.csv", ["a1"])], store=path)
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.3)
    holder = _hold_write_lock(path, 1.0)
    try:
        with pytest.raises(OutputError, match="locked by another process"):
            ingest([_claims_csv(tmp_path / "b.csv", ["b1"])], store=path)
    finally:
        holder.join()
    assert _count(path) == 1


# -- 3. a failed ingest leaves the store as it was ------------------------------------------

def test_a_write_refused_half_way_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "incidents.gpkg"
    ingest([_claims_csv(tmp_path / "a.csv", ["a1"])], store=path)
    with sqlite3.connect(path) as conn:  # the store itself refuses the 50th claim
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON claims WHEN NEW.id = 'b49' "
                     "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(OutputError, match="refused"):
        ingest([_claims_csv(tmp_path / "b.csv", [f"b{i}" for i in range(100)])], store=path)
    assert _count(path) == 1
    assert _rows(path, "SELECT count(*) FROM geomap_inputs") == [(1,)]


# -- 4. a claim that would not read back is refused ----------------------------------------

def test_a_claim_that_would_not_read_back_stores_nothing(tmp_path):
    path = tmp_path / "incidents.gpkg"
    good = read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2", "a3"])])
    bad = dataclasses.replace(good[1], url="www.example.org/standoff")  # no scheme
    with pytest.raises(InputError, match=r"a\.csv:3.*url") as err:
        store.ingest(path, [good[0], bad, good[2]], [])
    assert "Traceback" not in str(err.value)
    assert not path.exists()  # not even created
    store.ingest(path, good[:1], [])
    for claim in (bad, dataclasses.replace(good[1], text="bad \ud800 surrogate"),
                  dataclasses.replace(good[1], actor="nul \x00 inside"),
                  dataclasses.replace(good[1], lat=91.0)):
        with pytest.raises(InputError, match=r"a\.csv:3"):
            store.ingest(path, [good[2], claim], [])
    assert [c.id for c in store.load(path)] == ["a1"]


def test_a_report_whose_url_has_no_scheme_never_breaks_the_store(tmp_path):
    report = tmp_path / "standoff.txt"
    report.write_text("title: Standoff\nurl: www.example.org/standoff\ndate: 2021-05-12\n\n"
                      "Armenia's defence ministry said Azerbaijani troops crossed the border "
                      "near the village of Sev Lich in Syunik province.\n", encoding="utf-8")
    path = tmp_path / "incidents.gpkg"
    try:
        ingest([report], store=path)
    except InputError as err:  # refused, naming the report...
        assert "standoff.txt" in str(err) and "url" in str(err)
    if path.exists():  # ...or stored (with a url that reads back): the store maps either way
        store.load(path)


# -- 5. stores written by other tools ------------------------------------------------------

def _foreign(path: Path, columns: dict, geometry=None, **kw) -> Path:
    import geopandas as gpd

    gpd.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326").to_file(
        path, layer="claims", driver="GPKG", **kw)
    return path


def _claim_columns(n: int = 1, **override) -> dict:
    base = {"date": "2021-05-12", "place": "Goris", "claimant": "gov", "claimant_side": "AM",
            "stance": "asserts", "event": "incursion", "actor": "", "text": "t", "source": "s",
            "url": ""}
    return {k: [override.get(k, base.get(k, ""))] * n for k in [*base, *override]}


def test_loading_a_claims_layer_that_is_not_claims_is_a_clear_error(tmp_path):
    from shapely.geometry import Point

    path = _foreign(tmp_path / "other.gpkg", {"name": ["x"], "value": [1]}, [Point(1, 2)])
    with pytest.raises(InputError, match="lacks columns date, place"):
        store.load(path)
    with pytest.raises(InputError, match="lacks columns"):
        ingest([_claims_csv(tmp_path / "a.csv", ["a1"])], store=path)


def test_stores_geomap_cannot_use_are_clear_errors(tmp_path):
    from shapely.geometry import Point

    empty = tmp_path / "empty.gpkg"
    empty.touch()
    claims = _claims_csv(tmp_path / "a.csv", ["a1"])
    for call in (lambda: store.load(empty), lambda: ingest([claims], store=empty)):
        with pytest.raises(InputError, match="empty file"):
            call()
    cols = {c: [""] for c in COLUMNS}
    mercator = tmp_path / "mercator.gpkg"
    import geopandas as gpd

    gpd.GeoDataFrame(cols, geometry=[Point(5e6, 4e6)], crs="EPSG:3857").to_file(
        mercator, layer="claims", driver="GPKG")
    with pytest.raises(InputError, match="not points in EPSG:4326"):
        ingest([claims], store=mercator)


def test_ingest_where_another_tool_stored_numbers_knows_its_claims(tmp_path):
    from shapely.geometry import Point

    cols = {c: [""] for c in COLUMNS}
    cols.update({k: [v[0]] for k, v in _claim_columns(id="old", text="t").items()})
    cols["lat"], cols["lon"], cols["span_start"] = [39.5], [46.0], [4]  # REAL and INTEGER
    path = _foreign(tmp_path / "numbers.gpkg", cols, [Point(46.0, 39.5)],
                    layer_options={"SPATIAL_INDEX": "NO"})
    [old] = store.load(path)
    assert (old.lat, old.lon, old.span_start) == (39.5, 46.0, 4)
    assert store.ingest(path, [old], []) == (0, 1)  # the same claim, though stored as numbers
    moved = dataclasses.replace(old, lat=39.25)
    result = store.ingest(path, [moved], [])
    assert (result, result.updated) == ((0, 0), 1)
    assert [c.lat for c in store.load(path)] == [39.25]


def test_loading_what_another_tool_wrote_where_the_columns_are_there(tmp_path):
    from shapely.geometry import Point

    cols = _claim_columns(3, lat=39.5, lon=46.25, span_start=3, depth_km=2.0, note="extra")
    cols["id"] = ["n1", "n2", "n3"]
    cols["lat"], cols["lon"] = [39.5, None, None], [46.25, None, None]  # numbers, and none
    path = _foreign(tmp_path / "qgis.gpkg", cols, [None, Point(46.5, 39.25), None])
    claims = store.load(path)  # optional columns missing, numbers, NULL geometry: all fine
    assert [(c.id, c.lat, c.lon, c.span_start, c.depth_km) for c in claims] == [
        ("n1", 39.5, 46.25, 3, 2.0), ("n2", 39.25, 46.5, 3, 2.0), ("n3", None, None, 3, 2.0)]


def test_a_stored_row_that_is_not_a_claim_names_the_store_and_the_claim(tmp_path):
    path = tmp_path / "incidents.gpkg"
    ingest([_claims_csv(tmp_path / "a.csv", ["a1", "a2"])], store=path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE claims SET stance = 'maybe' WHERE id = 'a2'")
    with pytest.raises(InputError, match=r"incidents\.gpkg.*'a2'.*stance"):
        store.load(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE claims SET stance = 'asserts', text = x'00ff' WHERE id = 'a2'")
    with pytest.raises(InputError, match=r"incidents\.gpkg.*'a2'.*binary"):
        store.load(path)


# -- 6. stores indexed by GDAL or QGIS -----------------------------------------------------

def test_ingest_into_a_store_with_a_gdal_spatial_index_keeps_it_right(tmp_path):
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import Point

    cols = {c: [""] for c in COLUMNS}
    cols.update({k: [v[0]] for k, v in _claim_columns(id="old", lat="39.0", lon="45.0").items()})
    path = _foreign(tmp_path / "gdal.gpkg", cols, [Point(45.0, 39.0)])  # an R-tree by default
    assert _rows(path, "SELECT count(*) FROM sqlite_master WHERE name = 'rtree_claims_geom'")
    new = _claims_csv(tmp_path / "a.csv", ["a1", "a2"], lat=40.5)
    assert ingest([new], store=path) == (2, 0)

    def ids_in(box):
        return sorted(gpd.read_file(path, layer="claims", bbox=box)["id"])

    assert ids_in((46, 40, 47, 41)) == ["a1", "a2"]
    assert ids_in((44, 38, 45.5, 39.5)) == ["old"]
    # a correction moves a claim: the index follows it
    moved = _claims_csv(tmp_path / "b.csv", ["a1"], lat=38.5)
    result = ingest([moved], store=path)
    assert (result, result.updated) == ((0, 0), 1)
    assert ids_in((46, 40, 47, 41)) == ["a2"] and ids_in((46, 38, 47, 39)) == ["a1"]
    assert pyogrio.read_info(path, layer="claims")["features"] == 3
    assert ingest([moved], store=path) == (0, 1)  # what is stored: already there
    assert len(store.load(path)) == 3


def test_geometry_blobs_as_gdal_writes_them(tmp_path):
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import LineString, Point, Polygon

    shapes = [Point(3, 4), Polygon([(0, 0), (2, 0), (2, 5)]), LineString([(-1, 7), (4, -2)]),
              Point()]
    path = tmp_path / "shapes.gpkg"
    frame = gpd.GeoDataFrame({"n": range(4)}, geometry=shapes, crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, layer="s")
    blobs = [r[0] for r in _rows(path, "SELECT geom FROM s ORDER BY fid")]
    boxes = [store._bounds(b) for b in blobs]
    assert boxes[:3] == [(3, 3, 4, 4), (0, 2, 0, 5), (-1, 4, -2, 7)]
    assert boxes[3] is None and store._bounds(b"junk") is None


# -- 7. ids: one id, one claim; corrections update -----------------------------------------

def test_two_different_claims_with_one_id_in_one_ingest_store_nothing(tmp_path):
    path = tmp_path / "incidents.gpkg"
    one = _claims_csv(tmp_path / "one.csv", ["x1", "a1"])
    two = _claims_csv(tmp_path / "two.csv", ["x1"], text="other")
    with pytest.raises(InputError, match=r"'x1'.*one\.csv:2.*two\.csv:2"):
        ingest([one, two], store=path)
    assert not path.exists()
    assert ingest([one, one], store=path) == (2, 2)  # the same claims twice: no conflict


def test_a_corrected_claim_updates_the_stored_one(tmp_path):
    path = tmp_path / "incidents.gpkg"
    ingest([_claims_csv(tmp_path / "a.csv", ["a1", "a2"])], store=path)
    fixed = _claims_csv(tmp_path / "b.csv", ["a1", "a2", "a3"], text="corrected", lat=40.0)
    result = ingest([fixed], store=path)
    added, known = result
    assert (added, known, result.updated) == (1, 0, 2)
    again = ingest([fixed], store=path)
    assert (again, again.updated) == ((0, 3), 0)
    claims = {c.id: c for c in store.load(path)}
    assert claims["a1"].text == "corrected a1" and claims["a2"].lat == 40.0001
    import geopandas as gpd

    frame = gpd.read_file(path, layer="claims").set_index("id")
    assert round(frame.geometry["a2"].y, 4) == 40.0001
    # which claims were corrected, from where, and what they were: nothing is lost
    assert [i for i, _ in result.corrections] == ["a1", "a2"]
    assert result.corrections[0][1].endswith("b.csv:2")
    kept = _rows(path, "SELECT id, claim FROM geomap_replaced ORDER BY id")
    assert [i for i, _ in kept] == ["a1", "a2"] and '"text": "claim a1"' in kept[0][1]


# -- 8. the record of inputs ---------------------------------------------------------------

def test_inputs_are_recorded_once_per_file(tmp_path):
    path = tmp_path / "incidents.gpkg"
    claims = _claims_csv(tmp_path / "a.csv", ["a1", "a2"])
    ingest([claims], store=path)
    ingest([claims], store=path)
    rows = _rows(path, "SELECT name, claims FROM geomap_inputs")
    assert rows == [("a.csv", 2)]


def test_a_store_left_by_older_geomap_keeps_working(tmp_path):
    """Stores made by geomap before (GDAL wrote them, a seed row removed) stay usable."""
    from shapely.geometry import Point

    path = _foreign(tmp_path / "old.gpkg", {c: ["x"] for c in COLUMNS}, [Point(0, 0)],
                    layer_options={"SPATIAL_INDEX": "NO"})
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM claims")
        conn.execute("CREATE UNIQUE INDEX claims_claim_id ON claims (id)")
        conn.execute("CREATE TABLE geomap_inputs (sha256 TEXT PRIMARY KEY, name TEXT, "
                     "claims INTEGER)")
    claims = _claims_csv(tmp_path / "a.csv", ["a1", "a2"])
    assert ingest([claims], store=path) == (2, 0)
    assert ingest([claims], store=path) == (0, 2)
    assert [c.id for c in store.load(path)] == ["a1", "a2"]
    assert os.path.getsize(path) > 0


def test_the_next_ingest_sweeps_the_temporary_files_of_killed_creators(tmp_path):
    path = tmp_path / "s.gpkg"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".s.gpkg.{dead.pid}.0a1b2c3d.tmp"
    live = tmp_path / f".s.gpkg.{os.getpid()}.0a1b2c3d.tmp"  # a creator still at work
    stale.write_bytes(b"half a store")
    live.write_bytes(b"half a store")
    ingest([_claims_csv(tmp_path / "c.csv", ["a"])], store=path)
    assert not stale.exists() and live.exists()
    assert _count(path) == 1


def test_a_point_moved_in_a_gis_tool_is_mapped_where_it_was_moved(tmp_path):
    path = tmp_path / "s.gpkg"
    ingest([_claims_csv(tmp_path / "c.csv", ["a"])], store=path)
    with sqlite3.connect(path) as conn:  # as QGIS would write the moved point
        conn.execute("UPDATE claims SET geom = ? WHERE id = 'a'",
                     (store._gpkg_point(46.4, 39.2),))
    claim = store.load(path)[0]
    assert (claim.lat, claim.lon) == (39.2, 46.4)


def test_the_seed_row_of_old_stores_is_not_a_claim(tmp_path):
    path = tmp_path / "old.gpkg"
    ingest([_claims_csv(tmp_path / "c.csv", ["a"])], store=path)
    with sqlite3.connect(path) as conn:  # what geomap 0.1 could leave: a row of "x"
        names = ", ".join(f'"{c}"' for c in COLUMNS)  # ("check" is an SQL word)
        conn.execute(f"INSERT INTO claims ({names}, geom) VALUES "
                     f"({', '.join('?' for _ in COLUMNS)}, ?)",
                     ["x"] * len(COLUMNS) + [store._gpkg_point(0, 0)])
    assert [c.id for c in store.load(path)] == ["a"]


def test_a_store_made_before_the_newer_columns_takes_and_gives_them(tmp_path):
    # a store from before claims carried some column (confidence and check, place_id, or
    # any the claims format gains): ingest adds every missing one (in its transaction),
    # and loading the old store reads them empty
    path = tmp_path / "old.gpkg"
    ingest([_claims_csv(tmp_path / "c.csv", ["a"])], store=path)
    dropped = [c for c in [*COLUMNS, *store.PLACE_COLUMNS] if c not in [*REQUIRED, "id"]]
    with sqlite3.connect(path) as conn:
        for column in dropped:
            conn.execute(f'ALTER TABLE claims DROP COLUMN "{column}"')
    assert [(c.id, c.check, c.lat) for c in store.load(path)] == [("a", "", 39.5)]
    ingest([_claims_csv(tmp_path / "d.csv", ["b"])], store=path)
    with sqlite3.connect(path) as conn:
        types = {row[1]: row[2] for row in conn.execute("PRAGMA table_info(claims)")}
    assert set(dropped) <= set(types)
    assert (types["lat"], types["span_start"], types["check"]) == ("REAL", "INTEGER", "TEXT")
    assert sorted(c.id for c in store.load(path)) == ["a", "b"]

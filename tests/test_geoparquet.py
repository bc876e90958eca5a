"""The GeoParquet store (``--store NAME.parquet``): what the GeoPackage store does, in a
dataset partitioned by month that DuckDB, pyarrow and geopandas read (and Spark:
tests/test_geoparquet_spark.py), whole after a kill at any moment,
one writer at a time, and the same bytes for the same claims."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geomap import geoparquet, store
from geomap.errors import InputError, OutputError
from geomap.read import read_claims

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon"
PLACES = {"Goris": (46.33, 39.51), "Sotk": (45.93, 40.21), "Batken": (70.82, 40.06)}


def _claims_csv(path: Path, ids, *, text: str = "claim", dates=None, own: bool = True) -> Path:
    """A claims file; ``own``: with the source's coordinates, else placed by name."""
    dates = dates or ["2021-05-12", "2021-06", "2021", "", "2021-05-30", "2022-01-02"]
    rows = [HEADER]
    for n, i in enumerate(ids):
        place = list(PLACES)[n % 3]
        lat, lon = (f"{39.5 + n * 1e-4:.4f}", "46.3") if own and n % 2 else ("", "")
        rows.append(f"{i},{dates[n % len(dates)]},{place},gov,AM,asserts,incursion,,{text} "
                    f"{i},s,https://example.org/{i},{lat},{lon}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _located(claims) -> dict:
    return {c.id: PLACES[c.place] for c in claims if c.place in PLACES}


def _ingest(path: Path, claims, inputs=(), located=None, **kw):
    return store.ingest(path, claims, list(inputs), located=_located(claims) if located is None
                        else located, **kw)


def _duckdb(path: Path, sql: str = "count(*), count(DISTINCT id)"):
    import duckdb

    glob = (path / "**" / "*.parquet").as_posix()
    return duckdb.sql(f"SELECT {sql} FROM read_parquet(?, hive_partitioning = true)",
                      params=[glob]).fetchall()


def _digests(path: Path) -> dict[str, str]:
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


# -- what the GeoPackage store does --------------------------------------------------------

def test_it_does_what_the_geopackage_store_does(tmp_path):
    """The same ingests into both stores: the same results, the same claims back, the same
    versions kept of what corrections replaced, the same inputs recorded."""
    first = read_claims([_claims_csv(tmp_path / "a.csv", [f"a{i}" for i in range(60)])])
    more = read_claims([_claims_csv(tmp_path / "b.csv", [f"b{i}" for i in range(10)])])
    fixed = [dataclasses.replace(first[0], text="corrected", date="2021-07-01",
                                 origin="fix.csv:2"),
             dataclasses.replace(first[1], lat=40.0, origin="fix.csv:3")]
    moved = dict(_located(first), **{first[2].id: (46.4, 39.6)})  # the gazetteer moved Goris
    steps = [(first, [{"sha256": "1" * 64, "name": "a.csv", "claims": 60}], None),
             (first, [{"sha256": "1" * 64, "name": "a.csv", "claims": 60}], None),
             ([*fixed, *more], [{"sha256": "2" * 64, "name": "fix.csv", "claims": 12}], None),
             (first[2:4], [], moved)]
    results = {}
    for name in ("s.gpkg", "s.parquet"):
        path = tmp_path / name
        results[name] = [_ingest(path, claims, inputs, located) for claims, inputs, located
                         in steps]
        results[name] += [store.load(path), store.ingested(path), _replaced(path)]
    gpkg, parquet = results["s.gpkg"], results["s.parquet"]
    for a, b in zip(gpkg[:4], parquet[:4]):
        assert (a, a.updated, a.corrections, a.placed) == (b, b.updated, b.corrections, b.placed)
    assert [tuple(r) for r in gpkg[:4]] == [(60, 0), (0, 60), (10, 0), (0, 2)]
    assert gpkg[2].updated == 2 and gpkg[3].placed == 1
    assert gpkg[4] == parquet[4] and len(parquet[4]) == 70
    assert {c.id: c for c in parquet[4]}[first[0].id].text == "corrected"
    assert gpkg[5] == parquet[5] == {"1" * 64: 60, "2" * 64: 12}
    assert gpkg[6] == parquet[6] and [r["id"] for r in parquet[6]] == [first[0].id, first[1].id]


def _replaced(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        lines = (path / geoparquet.REPLACED).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]
    import sqlite3

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, claim, replaced_by FROM geomap_replaced ORDER BY fid")
        out = [{"id": i, "claim": json.loads(c), "replaced_by": r} for i, c, r in rows]
    conn.close()
    return out


def test_place_points_are_kept_as_in_the_geopackage(tmp_path):
    import pyarrow.dataset as ds

    path = tmp_path / "s.parquet"
    claims = read_claims([_claims_csv(tmp_path / "a.csv", ["p0", "p1", "p2"],
                                      dates=["2021-05-12"])])
    _ingest(path, claims + [dataclasses.replace(claims[0], id="nowhere", place="Nowhere")])
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table().to_pylist()
    rows = {r["id"]: r for r in table}
    # named, placed by the gazetteer: no lat/lon of its own, the place's point apart
    assert (rows["p0"]["lat"], rows["p0"]["place_lon"], rows["p0"]["place_lat"]) == (
        None, 46.33, 39.51)
    assert rows["p1"]["place_lon"] is None and rows["p1"]["lat"] == 39.5001  # its own point
    assert rows["nowhere"]["geometry"] is None and rows["nowhere"]["bbox"] is None
    assert rows["p0"]["month"] == "2021-05"
    loaded = {c.id: c for c in store.load(path)}
    assert (loaded["p0"].lat, loaded["p0"].lon) == (None, None) and loaded["p1"].lat == 39.5001


# -- readable by others --------------------------------------------------------------------

def test_geopandas_duckdb_and_pyarrow_read_it_as_geoparquet(tmp_path):
    import geopandas as gpd
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    path = tmp_path / "incidents.parquet"
    claims = read_claims([_claims_csv(tmp_path / "a.csv", [f"c{i}" for i in range(30)])])
    _ingest(path, claims)
    months = sorted(p.name for p in path.iterdir() if p.is_dir())
    assert months == ["month=2021-00", "month=2021-05", "month=2021-06", "month=2022-01",
                      "month=undated"]
    assert sorted(p.name for p in path.iterdir() if p.is_file()) == [
        "_geomap_publish.lock", "_geomap_store.json", "_geomap_writer.lock"]
    frame = gpd.read_parquet(path)
    assert len(frame) == 30 and frame.crs.equals("OGC:CRS84")
    own = frame[frame["id"] == "c1"].geometry.iloc[0]
    assert (own.x, own.y) == (46.3, 39.5001)
    # Batken's claims placed by its name (the others of Batken give their own point)
    assert len(gpd.read_parquet(path, bbox=(70, 39.5, 71.5, 41))) == 5
    assert _duckdb(path) == [(30, 30)]
    assert _duckdb(path, "DISTINCT typeof(month)") == [("VARCHAR",)]
    assert sorted(_duckdb(path, "DISTINCT month")) == [(m[6:],) for m in months]
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 30 and "month" in table.column_names
    meta = pq.read_metadata(path / "month=2021-05" / "part-0.parquet")
    geo = json.loads(meta.metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"] and "crs" not in column
    assert b"created" not in meta.metadata[b"geo"] and meta.row_group(0).column(
        meta.schema.names.index("xmin")).statistics.has_min_max


def test_the_same_claims_make_the_same_bytes(tmp_path):
    claims = read_claims([_claims_csv(tmp_path / "a.csv", [f"c{i}" for i in range(200)])])
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    _ingest(one, claims)
    _ingest(two, claims[120:])
    _ingest(two, list(reversed(claims[:120])))
    data = {k: v for k, v in _digests(one).items() if k.endswith(".parquet")}
    assert data and data == {k: v for k, v in _digests(two).items() if k.endswith(".parquet")}
    three = tmp_path / "three.parquet"
    _ingest(three, claims)
    assert _digests(three) == _digests(one)  # the same ingests: the whole store


# -- a failed or killed ingest ---------------------------------------------------------------

def test_a_failure_mid_ingest_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "s.parquet"
    _ingest(path, read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2"])]))
    before = _digests(path)
    more = read_claims([_claims_csv(tmp_path / "b.csv", [f"b{i}" for i in range(30)])])

    def crash(n):
        if n == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _ingest(path, more, progress=crash)
    assert _digests(path) == before
    assert _ingest(path, more) == (30, 0) and len(store.load(path)) == 32


def test_a_publication_cut_short_reads_as_done_and_the_next_writer_completes_it(
        tmp_path, monkeypatch):
    """A kill between the journal's publication and the last rename, made certain: the
    journal is the commit."""
    path = tmp_path / "s.parquet"
    _ingest(path, read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2", "a3"])]))
    more = read_claims([_claims_csv(tmp_path / "b.csv", [f"b{i}" for i in range(12)])])
    renames = []
    real = os.replace

    def killed_after_one(src, dst):
        if str(dst).endswith(".parquet"):
            if renames:
                raise KeyboardInterrupt  # as if killed here
            renames.append(dst)
        return real(src, dst)

    monkeypatch.setattr(geoparquet.os, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        _ingest(path, more)
    monkeypatch.setattr(geoparquet.os, "replace", real)
    assert (path / geoparquet.JOURNAL).exists()
    assert len(store.load(path)) == 15  # the journal's view: the new dataset, whole
    assert list(path.rglob(".*.tmp"))  # what is left to rename
    assert _ingest(path, more) == (0, 12)  # the next writer completes it first
    assert not (path / geoparquet.JOURNAL).exists() and not list(path.rglob(".*.tmp"))
    assert _duckdb(path) == [(15, 15)]


KILL_DRIVER = """
import sys, time
from geomap import store
from geomap.read import read_claims
claims = read_claims([sys.argv[2]])
sys.stdout.write("ready\\n")
sys.stdout.flush()
store.ingest(sys.argv[1], claims, [{"sha256": "f" * 64, "name": "big.csv",
                                    "claims": len(claims)}])
"""


def _start(path: Path, claims: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", KILL_DRIVER, str(path), str(claims)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"ready\n", proc.stderr.read().decode()
    return proc


def _whole(path: Path, allowed: set[int]) -> int:
    """The store as geomap reads it holds one of the counts allowed, and as DuckDB reads it
    (without geomap's journal) no claim twice and no broken file."""
    n = len(store.load(path))
    assert n in allowed
    if path.exists() and not (path / geoparquet.JOURNAL).exists():
        if any(path.rglob("*.parquet")):
            assert _duckdb(path) == [(n, n)]
    return n


def test_ingests_killed_at_any_moment_leave_the_store_whole(tmp_path):
    """Real ingests, SIGKILLed at random moments from the start of their work to its end,
    into a store and (half of them) creating it; and three as they publish."""
    big = _claims_csv(tmp_path / "big.csv", [f"k{i}" for i in range(15000)])
    base = tmp_path / "base.parquet"
    _ingest(base, read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2", "a3"])]), [])
    started = time.monotonic()
    proc = _start(tmp_path / "timed.parquet", big)  # how long an ingest takes, unkilled
    assert proc.wait() == 0, proc.stderr.read().decode()
    took = time.monotonic() - started
    rnd = random.Random(13)
    outcomes = {"before": 0, "after": 0, "journal": 0}
    for trial in range(13):
        path = tmp_path / f"t{trial}.parquet"
        creating = trial % 2 and trial < 10
        if not creating:
            shutil.copytree(base, path)
        before = 0 if creating else 3
        proc = _start(path, big)
        if trial < 10:
            time.sleep(rnd.uniform(0, took))
        else:  # the last ones while they publish: as soon as the journal is there
            while proc.poll() is None and not (path / geoparquet.JOURNAL).exists():
                time.sleep(0.0002)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if (path / geoparquet.JOURNAL).exists():
            outcomes["journal"] += 1
        if creating and not path.exists():  # killed before the store was made
            outcomes["before"] += 1
            n = 0
        else:
            n = _whole(path, {before, before + 15000})
            outcomes["before" if n == before else "after"] += 1
        assert store.ingest(path, read_claims([big]), []).added == before + 15000 - n
        assert _whole(path, {before + 15000}) == before + 15000
        assert not list(path.rglob(".*.tmp")) and not (path / geoparquet.JOURNAL).exists()
        # a killed creator's hidden directory is gone too
        assert not [p for p in tmp_path.glob(f".{path.name}.*")], trial
    assert outcomes["before"] >= 2, outcomes  # most kills land mid-ingest


# -- one writer at a time ------------------------------------------------------------------

def _hold(path: Path, name: str, seconds: float) -> threading.Thread:
    import fcntl

    fd = os.open(path / name, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)

    def release():
        time.sleep(seconds)
        os.close(fd)

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_second_writer_waits_then_gives_a_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "s.parquet"
    _ingest(path, read_claims([_claims_csv(tmp_path / "a.csv", ["a1"])]))
    more = read_claims([_claims_csv(tmp_path / "b.csv", ["b1"])])
    holder = _hold(path, geoparquet.WRITER_LOCK, 1.5)
    try:
        assert _ingest(path, more) == (1, 0)  # waited
    finally:
        holder.join()
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.3)
    holder = _hold(path, geoparquet.WRITER_LOCK, 1.0)
    try:
        with pytest.raises(OutputError, match="locked by another process"):
            _ingest(path, read_claims([_claims_csv(tmp_path / "c.csv", ["c1"])]))
    finally:
        holder.join()
    holder = _hold(path, geoparquet.PUBLISH_LOCK, 1.0)  # a reader waits for a publication
    try:
        with pytest.raises(OutputError, match="locked"):
            store.load(path)
    finally:
        holder.join()
    assert [c.id for c in store.load(path)] == ["a1", "b1"]


def test_two_ingests_at_once_keep_every_claim_once(tmp_path):
    one = _claims_csv(tmp_path / "one.csv", [f"c{i}" for i in range(0, 3000)])
    two = _claims_csv(tmp_path / "two.csv", [f"c{i}" for i in range(1500, 4500)])
    path = tmp_path / "race.parquet"
    procs = [_start(path, f) for f in (one, two)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()
    assert len(store.load(path)) == 4500 and _duckdb(path) == [(4500, 4500)]


# -- stores geomap cannot use --------------------------------------------------------------

def test_what_is_not_a_geoparquet_store_is_a_clear_error(tmp_path):
    claims = read_claims([_claims_csv(tmp_path / "a.csv", ["a1"])])
    with pytest.raises(InputError, match="no such store"):
        store.load(tmp_path / "none.parquet")
    file = tmp_path / "file.parquet"
    file.write_bytes(b"PAR1")
    for act in (lambda: store.load(file), lambda: _ingest(file, claims)):
        with pytest.raises(InputError, match="is a file"):
            act()
    other = tmp_path / "other.parquet"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    for act in (lambda: store.load(other), lambda: _ingest(other, claims)):
        with pytest.raises(InputError, match="not a geomap store"):
            act()
    assert (other / "notes.txt").read_text() == "mine" and len(list(other.iterdir())) == 1
    empty = tmp_path / "empty.parquet"
    empty.mkdir()
    assert _ingest(empty, claims) == (1, 0)  # an empty directory becomes the store
    (empty / geoparquet.MARKER).write_text("{not json")
    with pytest.raises(InputError, match="cannot be read"):
        store.load(empty)


def test_a_hostile_journal_or_a_broken_file_is_refused_and_nothing_is_touched(tmp_path):
    path = tmp_path / "s.parquet"
    claims = read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2"])])
    _ingest(path, claims)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for journal in ({"geomap_journal": 1, "replace": [], "remove": ["../victim.txt"]},
                    {"geomap_journal": 1, "replace": [["../victim.txt",
                                                       "month=2021-05/part-0.parquet"]],
                     "remove": []},
                    {"geomap_journal": 1, "replace": [], "remove": ["/etc/passwd"]},
                    ["not", "a", "journal"]):
        (path / geoparquet.JOURNAL).write_text(json.dumps(journal))
        for act in (lambda: store.load(path), lambda: _ingest(path, claims)):
            with pytest.raises(InputError, match="journal"):
                act()
        assert victim.read_text() == "keep me"
    (path / geoparquet.JOURNAL).unlink()
    (path / "month=2021-05" / "part-0.parquet").write_bytes(b"PAR1 broken PAR1")
    for act in (lambda: store.load(path), lambda: _ingest(path, claims)):
        with pytest.raises(InputError, match="cannot read month=2021-05/part-0.parquet"):
            act()


def test_a_store_of_a_newer_geomap_loads_but_is_not_written(tmp_path):
    path = tmp_path / "s.parquet"
    claims = read_claims([_claims_csv(tmp_path / "a.csv", ["a1"])])
    _ingest(path, claims)
    about = json.loads((path / geoparquet.MARKER).read_text())
    (path / geoparquet.MARKER).write_text(json.dumps({**about, "schema_version": 99}))
    assert [c.id for c in store.load(path)] == ["a1"]
    with pytest.raises(InputError, match="newer geomap"):
        _ingest(path, read_claims([_claims_csv(tmp_path / "b.csv", ["b1"])]))


def test_the_command_line_ingests_and_maps_a_geoparquet_store(tmp_path):
    claims = _claims_csv(tmp_path / "a.csv", [f"c{i}" for i in range(12)],
                         dates=["2021-05-12", "2021-05-20"])
    path = tmp_path / "incidents.parquet"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "geomap", *args], cwd=tmp_path,
                              capture_output=True, timeout=300)

    done = run("ingest", str(claims), "--store", str(path))
    assert done.returncode == 0 and b"12 claims added" in done.stderr, done.stderr.decode()
    again = run("ingest", str(claims), "--store", str(path))
    assert again.returncode == 0 and b"0 claims added" in again.stderr
    out = tmp_path / "m.html"
    mapped = run("map", "--store", str(path), "--from", "2021-05-12", "--to", "2021-05-12",
                 "-o", str(out))
    assert mapped.returncode == 0, mapped.stderr.decode()
    assert out.exists() and b"Traceback" not in mapped.stderr
    assert store.ingested(path) == {hashlib.sha256(claims.read_bytes()).hexdigest(): 12}
    # a corrected claim: the command says where the version it replaces is kept
    fixed = _claims_csv(tmp_path / "b.csv", ["c0"], text="corrected",
                        dates=["2021-05-12", "2021-05-20"])
    corrected = run("ingest", str(fixed), "--store", str(path))
    assert corrected.returncode == 0, corrected.stderr.decode()
    assert b"updated: claim c0" in corrected.stderr
    assert b"kept in the store's _geomap_replaced.jsonl" in corrected.stderr
    assert (path / "_geomap_replaced.jsonl").read_text().count('"c0"') >= 1


def test_a_file_another_tool_put_in_a_partition_is_read_and_never_lost(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "s.parquet"
    claims = read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2"], dates=["2021-05-12"])])
    _ingest(path, claims)
    # as Spark appends: a file of geomap's layout, another name
    ours = pq.read_table(path / "month=2021-05" / "part-0.parquet")
    extra = ours.slice(0, 1).set_column(
        ours.schema.get_field_index("id"), "id", pa.array(["spark1"]))
    pq.write_table(extra, path / "month=2021-05" / "part-00000-x.c000.parquet")
    # and a file of another layout: the claims columns only, the date a string
    other = pa.table({k: [v] for k, v in {
        "id": "other1", "date": "2021-06-02", "place": "Goris", "claimant": "gov",
        "claimant_side": "AM", "stance": "asserts", "event": "talks", "actor": "",
        "text": "other", "source": "s", "url": "", "lat": 39.6, "lon": 46.2}.items()})
    (path / "month=2021-06").mkdir()
    pq.write_table(other, path / "month=2021-06" / "other.parquet")
    assert [c.id for c in store.load(path)] == ["a1", "a2", "other1", "spark1"]
    box = store.select(path, date_from="2021-06", bbox=(46, 39.5, 46.5, 40))
    assert [c.id for c in box.claims] == ["other1"] and box.outside_dates == 3
    more = read_claims([_claims_csv(tmp_path / "b.csv", ["b1"], dates=["2021-05-20"])])
    assert _ingest(path, more) == (1, 0)  # May's files merged into one, none lost
    assert sorted(p.name for p in (path / "month=2021-05").iterdir()) == ["part-0.parquet"]
    assert [c.id for c in store.load(path)] == ["a1", "a2", "b1", "other1", "spark1"]
    june = read_claims([_claims_csv(tmp_path / "c.csv", ["c1"], dates=["2021-06-20"])])
    with pytest.raises(InputError, match="not laid out as geomap writes"):
        _ingest(path, june)
    assert [c.id for c in store.load(path)] == ["a1", "a2", "b1", "other1", "spark1"]

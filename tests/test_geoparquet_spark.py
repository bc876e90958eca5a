"""Spark (pyspark, local mode) reads the GeoParquet store as geomap writes it: every claim
once with its ``month`` from the Hive partitions, the columns with their types, the WKB
geometry as the points geopandas reads, a filter on the month pruning partitions, and
geomap's own files (``_geomap_*``, the hidden temporary files of a publication cut short)
passed over.

They need pyspark (the test extras) and a Java runtime (17+); where either is missing they
skip, saying which, except under .ci/run (GEOMAP_CI=1), which installs both: there they
fail. One Spark session serves the module (its start is most of the time: 10-30 s).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geomap import geoparquet, store
from geomap.read import read_claims
from tests.test_geoparquet import _claims_csv, _ingest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "geomap" / "examples" / "may2021_syunik.csv"
MONTHS = ["2021-00", "2021-05", "2021-06", "2022-01", "undated"]

pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning")


def _missing(reason: str):
    if os.environ.get("GEOMAP_CI") == "1":
        pytest.fail(f"{reason}, and .ci/run should have installed it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        _missing("no pyspark (pip install -e '.[test]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _missing("no Java runtime for Spark (apt-get install -y default-jre-headless)")
    session = (SparkSession.builder.master("local[1]").appName("geomap-test")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "1")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store made by the command line: 31 claims over five months (their own points,
    points placed by name and one without a point; some dated by the year only, some
    undated), the example's 25,
    then three of the 30 corrected (the versions replaced kept in _geomap_replaced.jsonl)."""
    tmp = tmp_path_factory.mktemp("spark")
    path = tmp / "incidents.parquet"
    first = _claims_csv(tmp / "a.csv", [f"c{i}" for i in range(30)])
    with first.open("a", encoding="utf-8") as f:  # and one no gazetteer places: no point
        f.write("n1,2021-05-20,Nowhere Hill,gov,AM,asserts,incursion,,claim n1,s,,,\n")
    fixes = _claims_csv(tmp / "b.csv", ["c0", "c1", "c2"], text="corrected")
    for files in ([first, EXAMPLE], [fixes]):
        done = subprocess.run([sys.executable, "-m", "geomap", "ingest", *map(str, files),
                               "--store", str(path)], cwd=tmp, capture_output=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr.decode()
    assert b"3 updated" in done.stderr
    assert sorted(p.name[6:] for p in path.iterdir() if p.is_dir()) == MONTHS
    assert (path / geoparquet.REPLACED).stat().st_size > 0
    return path


def _plan(frame) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        frame.explain(mode="formatted")
    return out.getvalue()


def _files(frame) -> list[str]:
    """The files Spark lists for a frame, relative to nothing: their names' last two parts."""
    return sorted("/".join(f.split("/")[-2:]) for f in frame.inputFiles())


def test_spark_reads_every_claim_once_with_its_month_types_and_point(spark, built):
    import geopandas as gpd
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq
    import shapely

    frame = spark.read.parquet(str(built))
    # the data files only: none of geomap's _geomap_* files (store, inputs, replaced, locks)
    assert _files(frame) == [f"month={m}/part-0.parquet" for m in MONTHS]
    # each column as geomap wrote it; month, from the directories, a string
    arrow = pq.read_schema(built / "month=2021-05" / "part-0.parquet")
    spark_type = {"string": "string", "double": "double", "int64": "bigint",
                  "binary": "binary",
                  "struct<xmin: double, ymin: double, xmax: double, ymax: double>":
                      "struct<xmin:double,ymin:double,xmax:double,ymax:double>"}
    assert [(f.name, f.dataType.simpleString()) for f in frame.schema.fields] == [
        *((f.name, spark_type[str(f.type)]) for f in arrow), ("month", "string")]

    claims = store.load(built)
    assert len(claims) == 56
    rows = {r["id"]: r.asDict(recursive=True) for r in frame.collect()}
    assert frame.count() == len(rows) == 56 and set(rows) == {c.id for c in claims}
    assert rows["c0"]["text"] == "corrected c0"  # the correction, not the version it replaced
    for claim in claims:
        assert rows[claim.id]["month"] == geoparquet.partition_of(claim.date)

    # the geometry: WKB, the points geopandas reads (none where geopandas has none)
    points = gpd.read_parquet(built).set_index("id").geometry
    assert points.notna().sum() > 40 and points.isna().sum() == 1
    for i, row in rows.items():
        ours = None if row["geometry"] is None else shapely.from_wkb(bytes(row["geometry"]))
        theirs = points[i]
        if theirs is None or theirs.is_empty:
            assert ours is None, i
        else:
            assert ours.geom_type == "Point" and (ours.x, ours.y) == (theirs.x, theirs.y), i
    assert (points["c1"].x, points["c1"].y) == (46.3, 39.5001)  # its own point
    c0 = rows["c0"]  # placed by its name: no lat/lon of its own, its place's point
    assert c0["lat"] is None and (c0["place_lon"], c0["place_lat"]) == (points["c0"].x,
                                                                        points["c0"].y)

    # every other column: the values pyarrow reads, None for None, the bbox a struct
    for row in ds.dataset(built, format="parquet", partitioning="hive").to_table().to_pylist():
        spark_row = dict(rows[row["id"]], geometry=None)
        assert spark_row == dict(row, geometry=None), row["id"]
    assert rows["c1"]["bbox"] == {"xmin": 46.3, "ymin": 39.5001, "xmax": 46.3, "ymax": 39.5001}


def test_a_filter_on_the_month_prunes_partitions_and_the_bbox_is_pushed_down(
        spark, built, tmp_path):
    frame = spark.read.parquet(str(built))
    may = frame.filter(frame.month == "2021-05")
    assert re.search(r"PartitionFilters: \[isnotnull\(month#\d+\), \(month#\d+ = 2021-05\)\]",
                     _plan(may))
    assert may.count() == sum(geoparquet.partition_of(c.date) == "2021-05"
                              for c in store.load(built)) == 36

    # pruned in fact: with every other month's file broken, May still reads (and all fails)
    broken = tmp_path / "broken.parquet"
    shutil.copytree(built, broken)
    for month in MONTHS:
        if month != "2021-05":
            (broken / f"month={month}" / "part-0.parquet").write_bytes(b"not parquet")
    again = spark.read.schema(frame.schema).parquet(str(broken))
    assert again.filter(again.month == "2021-05").count() == may.count()
    with pytest.raises(Exception, match="(?i)parquet"):
        again.count()

    # a box on the bbox covering column: the predicate reaches the Parquet reader (its
    # row-group statistics); Batken's five claims, as geopandas' bbox read finds them
    box = frame.filter((frame.bbox.xmin >= 70) & (frame.bbox.xmax <= 71.5)
                       & (frame.bbox.ymin >= 39.5) & (frame.bbox.ymax <= 41))
    assert "GreaterThanOrEqual(bbox.xmin,70.0)" in _plan(box)
    assert box.count() == 5


def _killed_at_second_rename(path: Path, claims, monkeypatch) -> None:
    """An ingest stopped (as by a kill) when it renames its second data file into place:
    after the journal's publication, one month new, the rest still hidden .tmp files."""
    renames, real = itertools.count(), os.replace

    def replace(src, dst):
        if str(dst).endswith(".parquet") and next(renames) == 1:
            raise KeyboardInterrupt
        return real(src, dst)

    with monkeypatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(geoparquet.os, "replace", replace)
        _ingest(path, claims)


def test_spark_passes_over_a_publication_cut_short(spark, tmp_path, monkeypatch):
    """A writer killed after the journal's publication and one rename: the journal and the
    hidden temporary files stay; Spark reads the visible files, each whole, no claim twice,
    and once the next writer has completed the publication, all of it."""
    import pyarrow.parquet as pq

    path = tmp_path / "s.parquet"
    _ingest(path, read_claims([_claims_csv(tmp_path / "a.csv", ["a1", "a2", "a3"])]))
    more = read_claims([_claims_csv(tmp_path / "b.csv", [f"b{i}" for i in range(12)])])
    _killed_at_second_rename(path, more, monkeypatch)
    hidden = list(path.rglob(".*.tmp"))
    assert (path / geoparquet.JOURNAL).exists() and hidden

    frame = spark.read.parquet(str(path))
    visible = sorted(path.glob("month=*/part-0.parquet"))
    assert _files(frame) == sorted("/".join(p.parts[-2:]) for p in visible)
    ids = [r["id"] for r in frame.select("id").collect()]
    assert len(ids) == len(set(ids)) == sum(pq.read_metadata(p).num_rows for p in visible)
    assert len(ids) < 15 and sum(pq.read_metadata(p).num_rows for p in hidden) > 0

    assert _ingest(path, more) == (0, 12)  # the next writer completes it first
    assert spark.read.parquet(str(path)).count() == len(store.load(path)) == 15


def test_a_store_of_one_month_keeps_month_a_string(spark, tmp_path):
    """Spark infers a partition column's type from its values: one month alone (or a year
    alone, or undated) is still a string, never a date or a number."""
    for dates in (["2021-05-12"], ["2021"], [""]):
        path = tmp_path / f"s{len(dates[0])}.parquet"
        _ingest(path, read_claims([_claims_csv(tmp_path / "a.csv", ["x1", "x2"],
                                               dates=dates)]))
        frame = spark.read.parquet(str(path))
        assert frame.schema["month"].dataType.simpleString() == "string"
        assert [r["month"] for r in frame.select("month").distinct().collect()] == [
            geoparquet.partition_of(dates[0])]


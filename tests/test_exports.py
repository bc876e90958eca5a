"""Exports beside the map: GeoJSON, KML, the claims CSV and a GeoPackage, each with the
manifest, the same bytes for the same inputs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from geomap.api import make_map
from geomap.read import read_claims

KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports") / "m.html"
    return make_map(out=out, exports=("geojson", "kml", "csv", "gpkg"))


def test_geojson_is_rfc7946_with_every_claim(exported):
    doc = json.loads(exported.path.with_suffix(".geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == exported.claims_in
    for f in doc["features"]:
        if f["geometry"]["type"] == "Point":
            lon, lat = f["geometry"]["coordinates"]
        else:  # a claim located only to a province or a country: that area, and its label
            assert f["properties"]["precision"] in ("province", "country")
            lon, lat = f["properties"]["label_lon"], f["properties"]["label_lat"]
        assert 43 < lon < 48 and 38 < lat < 42  # longitude first
        for key in ("claimant", "stance", "event", "date", "text", "source", "border",
                    "in_country", "precision"):
            assert key in f["properties"]
    assert doc["geomap"]["generator"].startswith("geomap ")
    assert len(doc["geomap"]["inputs"][0]["sha256"]) == 64


def test_kml_has_a_placemark_per_placed_claim(exported):
    root = ET.parse(exported.path.with_suffix(".kml")).getroot()
    marks = root.findall(f".//{KML}Placemark")
    assert len(marks) == exported.claims_mapped
    styles = {s.get("id") for s in root.findall(f".//{KML}Style")}
    assert {f"side-{s}" for s in ("AM", "AZ", "US")} <= styles
    coords = marks[0].find(f".//{KML}coordinates").text.split(",")
    assert 43 < float(coords[0]) < 48
    assert "geomap-manifest" in ET.tostring(root, encoding="unicode")


def test_csv_reads_back_unchanged(exported):
    from geomap.examples import MAY2021

    again = read_claims([exported.path.with_suffix(".csv")])
    original = read_claims([MAY2021])
    assert [c.to_dict() | {"origin": ""} for c in again] == [
        c.to_dict() | {"origin": ""} for c in original]
    manifest = json.loads(exported.path.with_suffix(".csv.manifest.json").read_text())
    assert manifest["claims_in"] == len(original)


def test_geopackage_holds_claims_layers_and_manifest(exported):
    import geopandas as gpd
    import pyogrio

    path = exported.path.with_suffix(".gpkg")
    names = {name for name, _ in pyogrio.list_layers(path)}
    assert {"claims", "countries", "undemarcated", "claim_areas", "geomap_manifest"} <= names
    claims = gpd.read_file(path, layer="claims")
    assert claims.crs.to_epsg() == 4326
    # a claim located only to an area is in the area_claims layer, drawn as the area
    areas = gpd.read_file(path, layer="area_claims") if "area_claims" in names else []
    assert len(claims) + len(areas) == exported.claims_in
    manifest = pyogrio.read_dataframe(path, layer="geomap_manifest")
    assert "geometry" not in manifest.columns  # an attributes table
    assert json.loads(manifest["value"][0])["claims_in"] == exported.claims_in


def test_same_inputs_same_bytes(tmp_path):
    """Every export, the GeoPackage too, whatever the outputs are called."""
    kinds = ("geojson", "kml", "csv", "gpkg")
    a = make_map(out=tmp_path / "a" / "m.html", exports=kinds)
    b = make_map(out=tmp_path / "b" / "other name.html", exports=kinds)
    assert len(a.written) == len(b.written) == 6
    for x, y in zip(a.written, b.written):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_unwritable_output_writes_nothing(tmp_path):
    from geomap.errors import OutputError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        make_map(out=blocker / "m.html", exports=("geojson",))
    assert not list(tmp_path.glob("**/*.geojson"))


def test_kml_survives_control_characters(tmp_path):
    claims = tmp_path / "c.csv"
    claims.write_text("date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
                      "2021-05-12,Goris,g\x01v,AM,asserts,incursion,,t\x0bxt,s,\n",
                      encoding="utf-8")
    result = make_map([claims], out=tmp_path / "m.html", exports=("kml",))
    ET.parse(result.path.with_suffix(".kml"))  # well-formed


def test_kml_shows_hostile_text_as_text_in_google_earth(tmp_path):
    """Google Earth reads a description as HTML: after XML parsing it must still be escaped
    HTML; the balloon shows only it; ids are valid XML ids and every style link resolves."""
    claims = tmp_path / "c.csv"
    claims.write_text("id,date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
                      'x y <1>,2021-05-12,Goris,"<img src=x onerror=alert(1)>","A B <s>",'
                      "asserts,clash,,<script>alert(2)</script>,s,\n", encoding="utf-8")
    result = make_map([claims], out=tmp_path / "m.html", exports=("kml",))
    root = ET.parse(result.path.with_suffix(".kml")).getroot()
    mark = root.find(f".//{KML}Placemark")
    description = mark.find(f"{KML}description").text
    assert "&lt;script&gt;" in description and "<script>" not in description
    assert "<" not in mark.find(f"{KML}name").text
    assert re.fullmatch(r"[A-Za-z_][\w.-]*", mark.get("id"))
    styles = {s.get("id") for s in root.iter(f"{KML}Style")}
    assert mark.find(f"{KML}styleUrl").text[1:] in styles
    balloon = root.find(f".//{KML}BalloonStyle/{KML}text").text
    assert balloon == "$[description]"

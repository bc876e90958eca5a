"""The user's own boundary layers: GeoJSON, GeoPackage, Shapefile, any CRS, repaired or
refused with a clear error."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Polygon

from geomap.api import make_map
from geomap.errors import InputError
from geomap.layers import read_user_layer
from geomap.render.html import page_data

AREA = Polygon([(46.2, 39.45), (46.45, 39.45), (46.45, 39.65), (46.2, 39.65)])
LINE = LineString([(46.2, 39.7), (46.3, 39.5), (46.45, 39.3)])


def _manifest(path):
    page = path.read_text(encoding="utf-8")
    return page_data(page)


@pytest.mark.parametrize("suffix, driver", [(".geojson", "GeoJSON"), (".gpkg", "GPKG"),
                                            (".shp", "ESRI Shapefile")])
def test_each_format_and_kind_reaches_the_map(tmp_path, suffix, driver):
    area = tmp_path / f"area{suffix}"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[AREA], crs=4326).to_file(area, driver=driver)
    line = tmp_path / f"line{suffix}"
    # in UTM 38N: it must come back to longitude/latitude
    gpd.GeoDataFrame({"name": ["l"]}, geometry=[LINE], crs=4326).to_crs(32638).to_file(
        line, driver=driver)
    result = make_map(out=tmp_path / "m.html",
                      layers=[f"{area}:disputed-area", f"{line}:line-of-contact"])
    data = _manifest(result.path)
    assert f"Disputed area: {area.name}" in data["layers"]
    assert f"Line of contact: {line.name}" in data["layers"]
    assert any("reprojected" in n for n in result.notes)
    sev = next(c for c in data["claims"] if c["place_id"] == "am-sev-lich")
    assert sev["disputed"] is True and "disputed area" in sev["border"]


def test_a_better_line_moves_the_facts(tmp_path):
    # a made-up border line 5 km east of Goris: the facts follow it, not Natural Earth
    line = tmp_path / "border.geojson"
    gpd.GeoDataFrame({"countries": ["AM-AZ"]}, geometry=[
        LineString([(46.40, 39.40), (46.40, 39.65)])], crs=4326).to_file(line, driver="GeoJSON")
    claims = tmp_path / "c.csv"
    claims.write_text("date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
                      "2021-05-12,Goris,g,AM,asserts,incursion,,t,s,\n", encoding="utf-8")
    result = make_map([claims], out=tmp_path / "m.html", layers=[f"{line}:undemarcated"])
    (goris,) = _manifest(result.path)["claims"]
    assert 4 <= goris["border_km"] <= 6 and goris["border_with"] == "AZ"


def test_invalid_geometry_is_repaired_and_said(tmp_path):
    bowtie = tmp_path / "bowtie.geojson"
    gpd.GeoDataFrame(geometry=[Polygon([(46, 39), (46.2, 39.2), (46.2, 39), (46, 39.2)])],
                     crs=4326).to_file(bowtie, driver="GeoJSON")
    layer = read_user_layer(f"{bowtie}:claim")
    assert layer.frame.geometry.is_valid.all()
    assert any("repaired 1 invalid" in n for n in layer.notes)


def test_bad_layers_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_user_layer(str(tmp_path / "nope.geojson"))
    junk = tmp_path / "junk.geojson"
    junk.write_text("not json")
    with pytest.raises(InputError, match="cannot read"):
        read_user_layer(str(junk))
    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(InputError, match="no features"):
        read_user_layer(str(empty))
    ok = tmp_path / "ok.geojson"
    gpd.GeoDataFrame(geometry=[AREA], crs=4326).to_file(ok, driver="GeoJSON")
    with pytest.raises(InputError, match="unknown layer kind 'bogus'"):
        read_user_layer(f"{ok}:bogus")


def test_cli_layer_option(tmp_path):
    from typer.testing import CliRunner

    from geomap.cli import app

    ok = tmp_path / "ok.geojson"
    gpd.GeoDataFrame(geometry=[AREA], crs=4326).to_file(ok, driver="GeoJSON")
    result = CliRunner().invoke(app, ["map", "-o", str(tmp_path / "m.html"), "--layer",
                                      f"{ok}:disputed-area"])
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(app, ["map", "-o", str(tmp_path / "m.html"), "--layer",
                                   str(tmp_path / "missing.shp")])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: ")


def test_a_claim_at_sea_still_maps_flagged(tmp_path):
    claims = tmp_path / "c.csv"
    claims.write_text("date,place,claimant,claimant_side,stance,event,actor,text,source,url,"
                      "lat,lon\n2021-05-12,offshore,g,AZ,reports,other,,t,s,,40.5,51.0\n",
                      encoding="utf-8")
    result = make_map([claims], out=tmp_path / "m.html")
    (c,) = _manifest(result.path)["claims"]
    assert c["outside"] is True and "outside every country" in c["border"]


def test_a_table_without_geometries_is_refused(tmp_path):
    table = tmp_path / "table.csv"
    table.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="no geometries|cannot read as a GeoJSON"):
        read_user_layer(str(table))

"""Boundary layers derived from Natural Earth, and the claim areas."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geomap.gazetteer.curated import data_dir
from geomap.layers import boundary_layers, extent_of
from geomap.render.html import safe_json

BORDERS = data_dir() / "boundaries" / "south-caucasus-borders.geojson"


def test_armenia_azerbaijan_border_is_undemarcated_and_about_a_quarter_short():
    borders = gpd.read_file(BORDERS).set_index("countries")
    am_az = borders.loc["AM-AZ"]
    assert am_az["kind"] == "undemarcated"
    assert (borders.drop("AM-AZ")["kind"] == "international").all()
    # CIA World Factbook: about 1,000 km; 1:10m smooths the line to about three quarters.
    assert 0.65 * 1000 < am_az["length_km"] < 0.85 * 1000


def test_layers_for_the_caucasus_are_full_resolution_with_borders():
    layers = boundary_layers((45.0, 38.8, 47.0, 40.5))
    kinds = [lay.kind for lay in layers]
    assert kinds == ["countries", "international", "undemarcated"]
    countries = layers[0].frame
    assert {"AM", "AZ", "IR"} <= set(countries["iso2"])
    assert "AM-AZ" in set(layers[2].frame["countries"])


def test_layers_elsewhere_fall_back_to_the_world():
    layers = boundary_layers((77.0, 33.0, 80.0, 36.0))  # Ladakh
    assert [lay.kind for lay in layers] == ["countries"]
    assert {"IN", "CN"} <= set(layers[0].frame["iso2"])


def test_extent_has_a_minimum_size_and_a_margin():
    x0, y0, x1, y1 = extent_of([39.5], [46.3], [None])
    assert x1 - x0 >= 1.0 and y1 - y0 >= 1.0 and x0 < 46.3 < x1


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "a\u2028b\u2029c",
                                  "<!-- x -->", "&amp;"])
def test_safe_json_cannot_end_a_script_element(text):
    out = safe_json({"t": text})
    assert "<" not in out and ">" not in out and "\u2028" not in out and "&" not in out
    import json

    assert json.loads(out) == {"t": text}

"""Boundary layers derived from Natural Earth, and the claim areas."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geomap.gazetteer.curated import data_dir
from geomap.layers import boundary_layers, extent_of
from geomap.render.html import safe_json

LINES = data_dir() / "boundaries" / "lines.geojson"
CAUCASUS = (38.5, 37.5, 51.5, 44.5)
GALWAN = (34.75, 78.2)  # the valley where it meets the line, June 2020


def _caucasus_lines():
    from geomap.layers import lines_for

    return lines_for(CAUCASUS)


def test_armenia_azerbaijan_border_is_undemarcated_and_about_a_quarter_short():
    borders = gpd.read_file(LINES)
    am_az = borders[borders["countries"] == "AM-AZ"]
    assert set(am_az["kind"]) == {"undemarcated"}  # Natural Earth: ordinary; ours: undemarcated
    assert (borders[borders["countries"] != "AM-AZ"]["kind"] != "undemarcated").all()
    # CIA World Factbook: about 1,000 km; 1:10m smooths the line to about three quarters.
    assert 0.65 * 1000 < am_az["length_km"].sum() < 0.85 * 1000


def test_every_line_has_a_known_class_in_every_view():
    from geomap.layers import LINE_CLASSES, VIEWS, classes_of

    borders = gpd.read_file(LINES)
    assert set(borders["kind"]) <= set(LINE_CLASSES)
    for default, views in zip(borders["kind"], borders["views"].fillna("")):
        every = classes_of(default, views)
        assert set(every) <= {"", *VIEWS} and set(every.values()) <= set(LINE_CLASSES)
        assert len(every) == len(views.split()) + 1  # nothing in the file is dropped
    counts = borders["kind"].value_counts()
    assert counts["international"] > 400 and counts["disputed"] >= 30
    assert counts["line-of-control"] >= 5


def test_layers_for_the_caucasus_are_full_resolution_with_borders():
    layers = boundary_layers((45.0, 38.8, 47.0, 40.5))
    kinds = [lay.kind for lay in layers]
    assert kinds == ["countries", "international", "undemarcated"]
    countries = layers[0].frame
    assert {"AM", "AZ", "IR"} <= set(countries["iso2"])
    assert "AM-AZ" in set(layers[2].frame["countries"])


def test_galwan_line_is_disputed_and_the_views_of_india_and_china_differ():
    import shapely
    from shapely.geometry import Point

    from geomap.layers import classes_of, lines_for

    lines = lines_for((77.0, 33.0, 80.0, 36.0))
    at = Point(GALWAN[1], GALWAN[0])
    nearest = lines.iloc[int(shapely.distance(lines.geometry.values, at).argmin())]
    assert nearest["kind"] == "disputed" and nearest["countries"] == "CN-IN"
    assert nearest["name"] == "Line of Actual Control"
    classes = classes_of(nearest["default"], nearest["views"])
    assert classes[""] == "disputed" and classes["IN"] != classes["CN"]
    assert {classes["IN"], classes["CN"]} == {"unrecognized", "international"}
    for view in ("IN", "CN"):
        kinds = {lay.kind for lay in boundary_layers((77.0, 33.0, 80.0, 36.0),
                                                      point_of_view=view)}
        assert "disputed" not in kinds


def test_a_view_that_natural_earth_does_not_give_is_refused_with_the_list():
    from geomap.layers import VIEWS, check_view

    assert check_view("in") == "IN" and check_view("default") == "" and check_view(None) == ""
    with pytest.raises(ValueError):
        check_view("NE")  # Niger's code: no view, not a name for the default one
    with pytest.raises(ValueError):
        check_view("\u0131n")  # a dotless i does not make IN
    with pytest.raises(ValueError):
        check_view(1)
    assert check_view("KR") == "KR"  # Natural Earth's KO
    for bad, why in (("AM", "has no view"), ("India", "not a country code"),
                     ("<b>", "not a country code"), ("1", "not a country code")):
        with pytest.raises(ValueError) as err:
            check_view(bad)
        assert why in str(err.value) and ", ".join(VIEWS) in str(err.value)


def test_the_galwan_fact_names_the_line_and_its_class():
    from geomap.borders import border_facts
    from geomap.layers import border_lines, countries_for

    view = (77.5, 34.0, 79.0, 35.5)
    _, countries, _ = countries_for(view)
    names = {"IN": "India", "CN": "China"}
    lines, _ = border_lines(countries, boundary_layers(view, (76.0, 33.0, 80.5, 36.5)), [])
    fact = border_facts([GALWAN], countries, lines)[0]
    assert fact.border_kind == "disputed" and fact.line_name == "Line of Actual Control"
    assert (f"{fact.border_km:.1f} km from the Line of Actual Control (disputed; Natural "
            "Earth, not authoritative)") in fact.sentence(names)
    lines, _ = border_lines(countries, boundary_layers(view, (76.0, 33.0, 80.5, 36.5),
                                                        point_of_view="CN"), [])
    fact = border_facts([GALWAN], countries, lines, point_of_view="CN")[0]
    assert fact.border_kind == "international" and "as China's maps draw it" in \
        fact.sentence(names)


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


@pytest.fixture(scope="module")
def caucasus():
    from geomap.layers import countries_for

    _, countries, _ = countries_for((44.0, 38.5, 47.0, 41.0))
    return countries, _caucasus_lines()


def _facts(caucasus, gazetteer, place_id):
    from geomap.borders import border_facts

    p = gazetteer.get(place_id)
    return border_facts([(p.lat, p.lon)], *caucasus)[0]


def test_goris_is_in_armenia_about_9_km_from_the_border(caucasus, gazetteer):
    f = _facts(caucasus, gazetteer, "am-goris")
    assert (f.country, f.border_with, f.border_kind) == ("AM", "AZ", "undemarcated")
    assert 8 <= f.border_km <= 10
    assert f.sentence({"AM": "Armenia", "AZ": "Azerbaijan"}).startswith(
        f"{f.border_km} km inside Armenia, from the Azerbaijan border")


def test_sev_lich_lies_on_the_border(caucasus, gazetteer):
    f = _facts(caucasus, gazetteer, "am-sev-lich")
    assert f.border_km <= 2 and f.border_with in ("AM", "AZ")
    assert "on the" in f.sentence({}) and "as far as this line can tell" in f.sentence({})


def test_exclaves_and_the_sea(caucasus, gazetteer):
    from geomap.borders import border_facts

    nakhchivan = _facts(caucasus, gazetteer, "az-nakhchivan")
    assert nakhchivan.country == "AZ" and nakhchivan.exclave
    assert not _facts(caucasus, gazetteer, "az-baku").exclave
    caspian = border_facts([(40.5, 51.0)], *caucasus)[0]
    assert caspian.outside and caspian.country == ""


def test_borders_far_from_any_region_come_from_the_world_layer():
    from geomap.borders import border_facts
    from geomap.layers import countries_for

    _, countries, _ = countries_for((77.0, 33.0, 80.0, 36.0))
    empty = countries.iloc[0:0].assign(countries="", kind="")
    leh = border_facts([(34.1642, 77.5848)], countries, empty)[0]  # Leh, Ladakh
    assert leh.country == "IN" and leh.border_with in ("CN", "PK") and leh.border_km > 10


def test_several_kilometres_into_syunik_is_a_band_inside_armenia(tmp_path):
    import json
    import re

    from shapely.geometry import shape

    from geomap.api import make_map

    result = make_map(out=tmp_path / "m.html")
    page = result.path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="geomap-data">(.*?)</script>', page, re.S).group(1))
    assert "Claimed advances (bands)" in data["layers"]
    # the band itself: inside Armenia, within its depth (+ the line's accuracy) of the border
    from geomap.layers import claim_bands, countries_for

    _, countries, _ = countries_for((44.0, 38.5, 47.0, 41.0))
    lines = _caucasus_lines()
    from geomap.api import gazetteer

    syunik = gazetteer().get("am-syunik")
    from geomap.layers import claim_areas

    areas = claim_areas({"am-syunik": ("Syunik", "AM", gazetteer().area_settlements(syunik))},
                        countries)
    bands = claim_bands([{"place_id": "am-syunik", "place_name": "Syunik", "lat": syunik.lat,
                          "lon": syunik.lon, "country": "AM", "depth_km": 5.0,
                          "actor_side": "AZ"}], countries, lines, areas)
    (band,) = bands.itertuples()
    assert band.border_with == "AZ" and band.depth_km == 5.0
    armenia = countries[countries["iso2"] == "AM"].geometry.iloc[0]
    assert armenia.buffer(0.001).contains(band.geometry)
    local = "+proj=aeqd +lat_0=39.4 +lon_0=46.2 +datum=WGS84 +units=m"
    am_az = lines[lines["countries"] == "AM-AZ"].to_crs(local).union_all()
    b = gpd.GeoSeries([band.geometry], crs=4326).to_crs(local).iloc[0]
    assert b.hausdorff_distance(b.intersection(am_az.buffer(5200))) < 1  # all within 5 km
    assert 200 < band.area_km2 < 2500
    assert shape(b.__geo_interface__).is_valid


def test_a_place_in_aksai_chin_is_in_a_disputed_area_by_name():
    from geomap.borders import border_facts
    from geomap.layers import border_lines, countries_for

    view = (78.5, 34.5, 80.5, 36.0)
    _, countries, _ = countries_for(view)
    layers = boundary_layers(view, (77.0, 33.5, 82.0, 37.0))
    areas = next(lay.frame for lay in layers if lay.kind == "disputed-area")
    lines, _ = border_lines(countries, layers, [])
    fact = border_facts([(35.0, 79.5)], countries, lines, areas)[0]
    assert fact.disputed and fact.area_name == "Aksai Chin" and fact.country == "CN"
    assert fact.sentence({}).endswith("in a disputed area: Aksai Chin (±2 km)")
    delhi = border_facts([(28.61, 77.21)], countries, lines, areas)[0]
    assert not delhi.disputed


def test_in_a_view_a_disputed_area_is_in_the_country_that_view_gives_it():
    from geomap.borders import border_facts
    from geomap.layers import NOT_A_BORDER, border_lines, countries_for, in_view, lines_for

    view = (78.5, 34.5, 80.5, 36.0)
    _, countries, _ = countries_for(view)
    names = {"IN": "India", "CN": "China"}
    for pov, country in (("IN", "IN"), ("CN", "CN"), ("", "CN")):
        layers = boundary_layers(view, (77.0, 33.5, 82.0, 37.0), point_of_view=pov)
        areas = next(lay.frame for lay in layers if lay.kind == "disputed-area")
        lines, _ = border_lines(countries, layers, [])
        fact = border_facts([(35.2, 79.2)], countries, lines, areas, point_of_view=pov)[0]
        assert fact.country == country, pov
        assert f"inside {names[country]}" in fact.sentence(names) or pov == ""
    assert "claim-line" in NOT_A_BORDER
    lines = lines_for((77.0, 33.0, 80.0, 36.0))
    western = lines["ne_id"] == 1746705319  # the segment past Galwan
    assert list(in_view(lines, "IN").loc[western, "kind"]) == ["unrecognized"]
    assert list(in_view(lines, "CN").loc[western, "kind"]) == ["international"]
    assert list(in_view(lines, "").loc[western, "kind"]) == ["disputed"]


def test_the_extent_of_points_alone_is_the_extent_the_per_point_loop_gives():
    """extent_of takes the extent of points with no radius (None or NaN) at once: the same
    figures, to the sign of a zero, as with each point widened by a radius of 0."""
    import random

    from geomap.layers import extent_of

    rnd = random.Random("extent")
    pool = [0.0, -0.0, 1.5, -2.25, 40.1, -179.9, 89.0, 1e-9, -1e-9]
    for _ in range(2000):
        n = rnd.randint(1, 6)
        lats = [rnd.choice(pool) if rnd.random() < 0.5 else rnd.uniform(-85, 85)
                for _ in range(n)]
        lons = [rnd.choice(pool) if rnd.random() < 0.5 else rnd.uniform(-180, 180)
                for _ in range(n)]
        points = extent_of(lats, lons, [rnd.choice([None, float("nan")]) for _ in range(n)])
        # one tiny radius sends it down the per-point loop; 0.0 km is a point there too
        looped = extent_of(lats + [lats[0]], lons + [lons[0]], [0.0] * n + [1e-300])
        assert [repr(x) for x in points] == [repr(x) for x in looped]

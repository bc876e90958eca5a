"""The exports as GIS tools read them: KML valid against the OGC KML 2.2 schema (and its
elements in the schema's order, checked without it), a GeoPackage with the same bytes for
the same rows and its manifest as an attributes table, claims located only to an area
exported as that area, CSV cells a spreadsheet shows as text, and hostile text inert in
every one of them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Polygon, box, shape

from geomap.export import (
    EXPORT_FIELDS,
    PLACE_FIELDS,
    claims_csv,
    claims_geojson,
    gpkg_to,
    map_geojson,
    map_kml,
    places_csv,
    write_gpkg,
)
from geomap.records import Claim

NS = "{http://www.opengis.net/kml/2.2}"
HOSTILE = ['<script>alert(1)</script>', "]]>", '"', "{{7*7}}", "a&b", "x'y"]
PAYLOAD = " ".join(HOSTILE)


def row(**kw) -> dict:
    """A claim as export_rows gives it."""
    r = {k: None for k in EXPORT_FIELDS}
    r.update(id="c1", date="2021-05-13", date_precision="day", place="Goris",
             place_id="am-goris", country="AM", precision="settlement", claimant="ministry",
             claimant_side="AM", stance="asserts", event="incursion", text="t", source="s",
             placed=True, lat=39.5073, lon=46.3381)
    r.update(kw)
    return r


# A province with a hole, and a country in two parts (the last one a clipping's leftovers).
SYUNIK = Polygon([(46.0, 39.0), (46.6, 39.0), (46.6, 39.6), (46.0, 39.6)],
                 [[(46.2, 39.2), (46.3, 39.2), (46.3, 39.3), (46.2, 39.3)]])
COUNTRY = GeometryCollection([box(44.0, 40.0, 45.0, 41.0), box(45.5, 40.0, 46.0,
                                                                40.123456789),
                              LineString([(44, 39), (45, 39)])])
AREAS = {"am-syunik": SYUNIK, "country:AM": COUNTRY, "am-goris": box(46.3, 39.4, 46.4, 39.6)}


def area_rows() -> list[dict]:
    return [
        row(id="point"),  # a settlement: its point, though its place has an area
        row(id="province", place="Syunik", place_id="am-syunik", precision="province",
            lat=39.4, lon=46.25),
        row(id="country", place="Armenia", place_id="country:AM", precision="country",
            lat=40.1234567, lon=44.9),
        row(id="no-area", place="Tavush", place_id="am-tavush", precision="province",
            lat=40.9, lon=45.1),  # its area is not known: its point, as before
        row(id="unplaced", place="Nowhere", place_id="", precision="", lat=None, lon=None,
            placed=False, resolution="unknown place"),
    ]


# -- KML: the schema's order -----------------------------------------------------------------

# The sequences of ogckml22.xsd (OGC 07-147r2), element by element; a set is one place in the
# sequence taken by any of its members (a substitution group or a choice).
FEATURE = ["name", "visibility", "open", "{http://www.w3.org/2005/Atom}author",
           "{http://www.w3.org/2005/Atom}link", "address",
           "{urn:oasis:names:tc:ciq:xsdschema:xAL:2.0}AddressDetails", "phoneNumber",
           {"Snippet", "snippet"}, "description", {"Camera", "LookAt"},
           {"TimeStamp", "TimeSpan"}, "styleUrl", {"Style", "StyleMap"}, "Region",
           {"Metadata", "ExtendedData"}]
REPEATED = {"Style", "StyleMap"}  # the only feature element that may come more than once
FEATURES = {"Document", "Folder", "Placemark", "NetworkLink", "GroundOverlay",
            "ScreenOverlay", "PhotoOverlay"}
GEOMETRIES = {"Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Model"}
DOCUMENT = FEATURE + ["Schema", FEATURES]
PLACEMARK = FEATURE + [GEOMETRIES]
STYLE = ["IconStyle", "LabelStyle", "LineStyle", "PolyStyle", "BalloonStyle", "ListStyle"]
POLYGON = ["extrude", "tessellate", "altitudeMode", "outerBoundaryIs", "innerBoundaryIs"]


def _local(tag: str) -> str:
    return tag[len(NS):] if tag.startswith(NS) else tag


def assert_in_order(element, sequence, repeated=frozenset()) -> None:
    """Each child of ``element`` has a place in ``sequence``, no earlier than the one
    before it; only ``repeated`` ones and the last place (the container's children) may
    come more than once."""
    places = [next((i for i, s in enumerate(sequence)
                    if _local(child.tag) in (s if isinstance(s, set) else {s})), None)
              for child in element]
    names = [_local(c.tag) for c in element]
    assert None not in places, f"{_local(element.tag)}: not in the schema: {names}"
    assert places == sorted(places), f"{_local(element.tag)}: out of order: {names}"
    for i, name in zip(places, names):
        if i != len(sequence) - 1 and name not in repeated:
            assert places.count(i) == 1, f"{_local(element.tag)}: {name} twice"


def assert_kml_order(text: str) -> None:
    root = ET.fromstring(text.encode("utf-8"))
    documents = root.findall(f"{NS}Document")
    assert len(documents) == 1
    assert_in_order(documents[0], DOCUMENT, REPEATED)
    for mark in root.iter(f"{NS}Placemark"):
        assert_in_order(mark, PLACEMARK, REPEATED)
    for style in root.iter(f"{NS}Style"):
        assert_in_order(style, STYLE)
    for polygon in root.iter(f"{NS}Polygon"):
        assert_in_order(polygon, POLYGON)
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids)), "ids are unique (xs:ID)"


def test_the_order_check_finds_the_old_order():
    """The check above fails the Document the exports wrote before (Style after
    ExtendedData) and a Placemark with its styleUrl after its ExtendedData."""
    old = (f'<kml xmlns="{NS[1:-1]}"><Document><name>x</name><ExtendedData/><Style id="s"/>'
           "</Document></kml>")
    with pytest.raises(AssertionError, match="out of order"):
        assert_kml_order(old)
    mark = (f'<kml xmlns="{NS[1:-1]}"><Document><Placemark><name>x</name><ExtendedData/>'
            "<styleUrl>#s</styleUrl><Point/></Placemark></Document></kml>")
    with pytest.raises(AssertionError, match="out of order"):
        assert_kml_order(mark)


def kml_of(rows, areas=None, colours=None) -> str:
    return map_kml(rows, {"title": "t", "inputs": []}, colours or {"AM": "#1f77b4"},
                   areas=areas)


def test_kml_elements_in_the_schemas_order():
    assert_kml_order(kml_of(area_rows(), AREAS))


def test_kml_of_the_example_in_the_schemas_order(tmp_path):
    from geomap.api import make_map

    result = make_map(out=tmp_path / "m.html", exports=("kml",))
    assert_kml_order(result.path.with_suffix(".kml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kml_schema():
    """The OGC KML 2.2 schema as pykml ships it (with its atom and xAL imports, so that
    nothing is fetched), read by lxml."""
    pytest.importorskip("pykml")
    etree = pytest.importorskip("lxml.etree")
    from importlib.resources import files

    xsd = files("pykml") / "schemas" / "ogckml22.xsd"
    return etree.XMLSchema(etree.parse(str(xsd), etree.XMLParser(no_network=True)))


def assert_valid(schema, text: str) -> None:
    from lxml import etree

    doc = etree.fromstring(text.encode("utf-8"), etree.XMLParser(no_network=True))
    assert schema.validate(doc), "\n".join(str(e) for e in schema.error_log)


def test_kml_validates_against_the_ogc_schema(kml_schema, tmp_path):
    from geomap.api import make_map

    result = make_map(out=tmp_path / "m.html", exports=("kml",))
    assert_valid(kml_schema, result.path.with_suffix(".kml").read_text(encoding="utf-8"))
    assert_valid(kml_schema, kml_of(area_rows(), AREAS))


def test_hostile_kml_validates_against_the_ogc_schema(kml_schema):
    rows = [row(id=PAYLOAD, claimant_side=PAYLOAD, place_id=PAYLOAD, precision="province",
                text=PAYLOAD),
            row(id="side-AM"),  # a claim's id that is also a style's
            row(id="side-AM", lat=39.6)]  # and twice
    text = kml_of(rows, {PAYLOAD: SYUNIK}, {"AM": "#1f77b4", PAYLOAD: "#ff7f0e"})
    assert_valid(kml_schema, text)
    assert_kml_order(text)


# -- claims located only to an area ----------------------------------------------------------

def _features(text: str) -> dict:
    return {f["id"]: f for f in json.loads(text)["features"]}


def test_geojson_draws_a_claim_located_to_an_area_as_the_area():
    feats = _features(map_geojson(area_rows(), {"title": "t"}, areas=AREAS))
    assert feats["point"]["geometry"] == {"type": "Point", "coordinates": [46.3381, 39.5073]}
    assert "label_lon" not in feats["point"]["properties"]
    province = feats["province"]
    assert province["geometry"]["type"] == "Polygon"
    assert shape(province["geometry"]).equals(SYUNIK)  # the hole kept
    assert (province["properties"]["label_lon"], province["properties"]["label_lat"]) == (
        46.25, 39.4)
    assert province["properties"]["precision"] == "province"
    country = feats["country"]
    assert country["geometry"]["type"] == "MultiPolygon"  # the line left by clipping dropped
    assert len(country["geometry"]["coordinates"]) == 2
    assert country["properties"]["label_lat"] == 40.123457
    assert [45.5, 40.123457] in country["geometry"]["coordinates"][1][0]  # 6 decimals
    assert feats["no-area"]["geometry"]["type"] == "Point"
    assert feats["unplaced"]["geometry"] is None


def test_geojson_rings_run_counter_clockwise_outside_and_clockwise_inside():
    """RFC 7946 3.1.6, whatever the orientation of the area given."""
    clockwise = Polygon(list(SYUNIK.exterior.coords)[::-1],
                        [list(SYUNIK.interiors[0].coords)[::-1]])
    feats = _features(map_geojson(area_rows(), {}, areas={"am-syunik": clockwise}))
    outer, inner = feats["province"]["geometry"]["coordinates"]
    assert Polygon(outer).exterior.is_ccw and not Polygon(inner).exterior.is_ccw


def test_without_areas_every_placed_claim_is_its_point():
    for areas in (None, {}):
        feats = _features(map_geojson(area_rows(), {}, areas=areas))
        assert {f["geometry"]["type"] for k, f in feats.items() if k != "unplaced"} == {
            "Point"}
    assert map_geojson(area_rows(), {}) == map_geojson(area_rows(), {}, areas=None)


def test_extracted_claims_geojson_draws_areas_too():
    claims = [Claim(id="a", text="t", claimant="c", claimant_side="AM", stance="asserts",
                    event="incursion", place="Syunik", place_id="am-syunik",
                    precision="province", lat=39.4, lon=46.25),
              Claim(id="b", text="t", claimant="c", claimant_side="AM", stance="asserts",
                    event="incursion", place="Goris", place_id="am-goris",
                    precision="settlement", lat=39.5, lon=46.33),
              Claim(id="c", text="t", claimant="c", claimant_side="AM", stance="asserts",
                    event="incursion", place="Nowhere")]
    doc = json.loads(claims_geojson(claims, None, AREAS))
    a, b, c = doc["features"]
    assert a["geometry"]["type"] == "Polygon" and a["properties"]["label_lat"] == 39.4
    assert b["geometry"] == {"type": "Point", "coordinates": [46.33, 39.5]}
    assert c["geometry"] is None
    assert claims_geojson(claims, [{"border_km": 1.0}] * 3) == claims_geojson(
        claims, [{"border_km": 1.0}] * 3, None)


def test_kml_draws_a_claim_located_to_an_area_as_the_area():
    root = ET.fromstring(kml_of(area_rows(), AREAS).encode("utf-8"))
    marks = {m.find(f"{NS}ExtendedData/{NS}Data[@name='id']/{NS}value").text: m
             for m in root.iter(f"{NS}Placemark")}
    assert set(marks) == {"point", "province", "country", "no-area"}  # placed claims only
    assert marks["point"].find(f"{NS}Point") is not None
    province = marks["province"].find(f"{NS}Polygon")
    assert province is not None and marks["province"].find(f"{NS}Point") is None
    assert len(province.findall(f"{NS}innerBoundaryIs")) == 1
    data = {d.get("name"): d.find(f"{NS}value").text
            for d in marks["province"].iter(f"{NS}Data")}
    assert (data["label_lon"], data["label_lat"]) == ("46.25", "39.4")
    multi = marks["country"].find(f"{NS}MultiGeometry")
    assert len(multi.findall(f"{NS}Polygon")) == 2
    ring = multi.find(f".//{NS}coordinates").text.split()
    assert ring[0] == ring[-1] and all(len(p.split(",")) == 2 for p in ring)
    assert marks["no-area"].find(f"{NS}Point") is not None
    # a side's style fills areas, translucent, in the side's colour
    style = root.find(f"{NS}Document/{NS}Style")
    assert style.find(f"{NS}PolyStyle/{NS}color").text == "40b4771f"


def _layer_types(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT table_name, geometry_type_name "
                                 "FROM gpkg_geometry_columns"))
    finally:
        conn.close()


def test_geopackage_puts_area_claims_in_a_polygon_layer(tmp_path):
    import geopandas as gpd

    path = tmp_path / "a.gpkg"
    gpkg_to(path, area_rows(), [], {"title": "t"}, areas=AREAS)
    types = _layer_types(path)
    assert types["claims"] == "POINT" and types["area_claims"] == "MULTIPOLYGON"
    points = gpd.read_file(path, layer="claims")
    areas = gpd.read_file(path, layer="area_claims")
    assert sorted(points["id"]) == ["no-area", "point", "unplaced"]
    assert sorted(areas["id"]) == ["country", "province"]  # every claim once
    province = areas.set_index("id").loc["province"]
    assert (province["label_lon"], province["label_lat"]) == (46.25, 39.4)
    assert province.geometry.equals(MultiPolygon([SYUNIK]))
    assert areas.crs.to_epsg() == 4326
    assert set(points.columns) - {"geometry"} == set(areas.columns) - {
        "geometry", "label_lon", "label_lat"}


def test_geopackage_with_only_area_claims_keeps_an_empty_point_layer(tmp_path):
    import geopandas as gpd

    path = tmp_path / "a.gpkg"
    rows = [r for r in area_rows() if r["id"] in ("province", "country")]
    gpkg_to(path, rows, [], {}, areas=AREAS)
    assert _layer_types(path)["claims"] == "POINT"
    assert len(gpd.read_file(path, layer="claims")) == 0
    assert len(gpd.read_file(path, layer="area_claims")) == 2
    gpkg_to(tmp_path / "b.gpkg", area_rows(), [], {})  # no areas: no area layer
    assert "area_claims" not in _layer_types(tmp_path / "b.gpkg")


# -- GeoPackage: the manifest table and the same bytes ---------------------------------------

def test_the_manifest_is_an_attributes_table(tmp_path):
    import pyogrio

    path = tmp_path / "m.gpkg"
    manifest = {"title": "t", "inputs": [{"name": "a.csv", "sha256": "0" * 64}]}
    gpkg_to(path, area_rows(), [], manifest, areas=AREAS)
    conn = sqlite3.connect(path)
    try:
        kinds = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
        rtrees = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE "
                                             "'rtree_geomap_manifest%'")]
        stamps = {s for (s,) in conn.execute("SELECT last_change FROM gpkg_contents")}
    finally:
        conn.close()
    assert kinds["geomap_manifest"] == "attributes"
    assert kinds["claims"] == kinds["area_claims"] == "features"
    assert "geomap_manifest" not in _layer_types(path) and not rtrees
    assert stamps == {"1970-01-01T00:00:00.000Z"}
    table = pyogrio.read_dataframe(path, layer="geomap_manifest")
    assert list(table.columns) == ["key", "value"]  # no geometry column
    assert json.loads(table["value"][0]) == manifest


def test_geopackage_same_rows_same_bytes_whatever_its_name(tmp_path):
    """Written twice to different names: the same bytes. The second time GDAL stamps its
    tables with a fixed date (OGR_CURRENT_DATE), so that it writes each layer's stamp twice
    with the same value, skips those commits and leaves a different change counter in the
    SQLite header, as it does by chance when two stamps fall in one millisecond."""
    import geopandas as gpd
    import pyogrio

    layers = [("claim_areas", gpd.GeoDataFrame({"place_id": list(AREAS)},
                                               geometry=list(AREAS.values()),
                                               crs="EPSG:4326"))]
    manifest = {"title": "t", "claims_in": 5}
    first = tmp_path / "one" / "m.gpkg"
    second = tmp_path / "two" / ".m.gpkg.123.x y;z'.tmp.gpkg"
    first.parent.mkdir()
    second.parent.mkdir()
    gpkg_to(first, area_rows(), layers, manifest, areas=AREAS)
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2000-01-01T00:00:00Z"})
    try:
        gpkg_to(second, area_rows(), layers, manifest, areas=AREAS)
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in second.parent.iterdir()) == [second.name]  # no scratch
    conn = sqlite3.connect(second)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA application_id").fetchone() == (0x47504B47,)  # GPKG
    finally:
        conn.close()


def test_write_gpkg_takes_areas(tmp_path):
    import geopandas as gpd

    path = tmp_path / "w.gpkg"
    write_gpkg(path, area_rows(), [], {}, areas=AREAS)
    assert len(gpd.read_file(path, layer="area_claims")) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.gpkg"]


# -- hostile text ------------------------------------------------------------------------------

def hostile_rows() -> list[dict]:
    return [row(id=PAYLOAD, place_id=PAYLOAD, precision="province", place=PAYLOAD,
                claimant=PAYLOAD, claimant_side=PAYLOAD, text=PAYLOAD, source=PAYLOAD,
                border=PAYLOAD, check=PAYLOAD),
            row(id="p2", place_id=PAYLOAD, precision="settlement", place=PAYLOAD)]


def test_hostile_text_in_kml_is_inert():
    text = map_kml(hostile_rows(), {"title": PAYLOAD}, {PAYLOAD: "#1f77b4", "AM": "#000000"},
                   areas={PAYLOAD: SYUNIK})
    root = ET.fromstring(text.encode("utf-8"))  # well-formed
    assert not [e for e in root.iter() if _local(e.tag) == "script"]
    assert "<script>" not in text and "]]>" not in text.replace("]]&gt;", "")
    mark = root.find(f".//{NS}Placemark")
    data = {d.get("name"): d.find(f"{NS}value").text for d in mark.iter(f"{NS}Data")}
    assert data["place_id"] == data["id"] == data["text"] == PAYLOAD  # data: as it is
    assert mark.find(f"{NS}Polygon") is not None  # found in the areas by its hostile id
    # shown text: HTML-escaped once more, so that Google Earth shows it as text
    assert "&lt;script&gt;" in mark.find(f"{NS}description").text
    assert "<" not in mark.find(f"{NS}name").text
    styles = {s.get("id") for s in root.iter(f"{NS}Style")}
    assert mark.find(f"{NS}styleUrl").text[1:] in styles
    assert_kml_order(text)


def test_hostile_text_in_geojson_is_inert():
    for text in (map_geojson(hostile_rows(), {"title": PAYLOAD}, areas={PAYLOAD: SYUNIK}),
                 claims_geojson([Claim(id=PAYLOAD, text=PAYLOAD, claimant=PAYLOAD,
                                       claimant_side="AM", stance="asserts", event="clash",
                                       place_id=PAYLOAD, precision="province", lat=39.4,
                                       lon=46.25)], None, {PAYLOAD: SYUNIK})):
        doc = json.loads(text)
        first = doc["features"][0]
        assert first["properties"]["place_id"] == first["properties"]["text"] == PAYLOAD
        assert first["geometry"]["type"] == "Polygon"
        assert "49" not in text  # {{7*7}} is not evaluated
        assert set(first) <= {"type", "id", "geometry", "properties"}


def test_hostile_text_in_the_geopackage_is_kept_as_text(tmp_path):
    import geopandas as gpd

    path = tmp_path / "h.gpkg"
    gpkg_to(path, hostile_rows(), [], {"title": PAYLOAD}, areas={PAYLOAD: SYUNIK})
    areas = gpd.read_file(path, layer="area_claims")
    points = gpd.read_file(path, layer="claims")
    assert list(areas["place_id"]) == list(points["place_id"]) == [PAYLOAD]
    assert areas["text"][0] == PAYLOAD


# -- CSV: cells a spreadsheet shows as text ----------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "=1"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_claims_csv_guards_every_text_cell():
    fields = ["id", "text", "claimant", "claimant_side", "actor", "place", "place_id",
              "source", "publisher", "url", "check"]
    for formula in FORMULAS:
        claim = Claim(**{f: formula for f in fields}, stance="asserts", event="clash")
        header, cells = _cells(claims_csv([claim]))
        got = dict(zip(header, cells))
        for f in fields:
            assert got[f] == "'" + formula, (f, got[f])


def test_places_csv_guards_every_text_cell():
    for formula in FORMULAS:
        r = {k: formula for k in PLACE_FIELDS}
        r.update(start=3, end=-4, lat=-39.5, lon=46.3, candidates=[formula, "Goris"])
        header, cells = _cells(places_csv([r]))
        got = dict(zip(header, cells))
        for k in ("surface", "status", "place_id", "name", "kind", "country", "precision",
                  "reason"):
            assert got[k] == "'" + formula, (k, got[k])
        assert got["candidates"] == "'" + formula + "; Goris"
        assert (got["start"], got["end"], got["lat"]) == ("3", "-4", "-39.5")  # numbers

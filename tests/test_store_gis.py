"""The incident store as GIS tools read it (issue #11, "data that GIS tools trust"): every
placed claim has its point, the layer's extent is right, numbers are numbers, geomap's
tables are attribute tables, and stores of the older layout load unchanged and upgrade."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from geomap import store
from geomap.errors import InputError
from geomap.read import COLUMNS, read_claims

HEADER = "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url"
# Where the gazetteer puts each place (lon, lat): the points the caller passes as `located`.
PLACES = {"Goris": (46.33, 39.51), "Sotk": (45.93, 40.21), "Batken": (70.82, 40.06)}


def _claims(tmp_path: Path, rows: list[tuple[str, str]], *, name: str = "c.csv",
            coordinates: dict[str, tuple[float, float]] | None = None) -> list:
    """Claims (id, place) read from a claims file: without lat/lon (placed by the place's
    name) unless ``coordinates`` gives the source's own (lat, lon) for an id."""
    coordinates = coordinates or {}
    lines = [HEADER + ",lat,lon"]
    for ident, place in rows:
        lat, lon = coordinates.get(ident, ("", ""))
        lines.append(f"{ident},2021-05-12,{place},gov,AM,asserts,incursion,,claim {ident},s,"
                     f"https://example.org/{ident},{lat},{lon}")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_claims([path])


def _located(claims) -> dict[str, tuple[float, float]]:
    return {c.id: PLACES[c.place] for c in claims if c.place in PLACES}


def _rows(path: Path, sql: str, *args):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- every placed claim has its point ------------------------------------------------------

def test_claims_placed_by_name_have_their_places_point_and_gis_finds_them(tmp_path):
    import geopandas as gpd

    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [(f"g{i}", "Goris") for i in range(20)]
                     + [(f"b{i}", "Batken") for i in range(5)] + [("u1", "Nowhere")])
    result = store.ingest(path, claims, [], located=_located(claims))
    assert result == (26, 0)
    frame = gpd.read_file(path, layer="claims", bbox=(46, 39, 47, 40))
    assert sorted(frame["id"]) == sorted(f"g{i}" for i in range(20))
    assert {(p.x, p.y) for p in frame.geometry} == {PLACES["Goris"]}
    assert sorted(gpd.read_file(path, layer="claims", bbox=(70, 39.5, 71.5, 41))["id"]) == \
        [f"b{i}" for i in range(5)]
    # the source gave no coordinates: the columns say so, the place's point is apart
    assert _rows(path, "SELECT lat, lon, place_lon, place_lat FROM claims WHERE id = 'g0'") \
        == [(None, None, 46.33, 39.51)]
    assert _rows(path, "SELECT geom IS NULL FROM claims WHERE id = 'u1'") == [(1,)]  # unplaced
    loaded = {c.id: c for c in store.load(path)}
    assert (loaded["g0"].lat, loaded["g0"].lon) == (None, None)
    assert loaded["g0"] == claims[0] and list(loaded.values()) == sorted(
        claims, key=lambda c: c.id)


def test_a_claims_own_coordinates_win_over_its_places_point(tmp_path):
    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("own", "Goris"), ("named", "Goris")],
                     coordinates={"own": (39.25, 46.125)})
    store.ingest(path, claims, [], located=_located(claims))
    rows = dict((r[0], r[1:]) for r in _rows(
        path, "SELECT id, lat, lon, place_lon, place_lat FROM claims"))
    assert rows == {"own": (39.25, 46.125, None, None), "named": (None, None, 46.33, 39.51)}
    assert store._bounds(_rows(path, "SELECT geom FROM claims WHERE id = 'own'")[0][0]) == \
        (46.125, 46.125, 39.25, 39.25)
    assert [(c.id, c.lat, c.lon) for c in store.load(path)] == [
        ("named", None, None), ("own", 39.25, 46.125)]


def test_a_point_moved_in_a_gis_tool_is_the_claims_place_and_the_places_point_is_not(tmp_path):
    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("a", "Goris"), ("b", "Goris")])
    store.ingest(path, claims, [], located=_located(claims))
    with sqlite3.connect(path) as conn:  # as QGIS would write the moved point
        conn.execute("UPDATE claims SET geom = ? WHERE id = 'a'", (store._gpkg_point(46.4, 39.2),))
    loaded = {c.id: c for c in store.load(path)}
    assert (loaded["a"].lat, loaded["a"].lon) == (39.2, 46.4)  # moved: mapped where moved
    assert (loaded["b"].lat, loaded["b"].lon) == (None, None)  # the place's point: no source's
    # the same report again: the moved point stays where the user put it
    again = store.ingest(path, claims, [], located=_located(claims))
    assert (again, again.placed) == ((0, 2), 0)
    assert store.load(path)[0].lat == 39.2
    # the gazetteer now puts Goris elsewhere: geomap's own point follows, the moved one not
    moved = {c.id: (46.5, 39.5) for c in claims}
    again = store.ingest(path, claims, [], located=moved)
    assert (again, again.placed) == ((0, 2), 1)
    assert _rows(path, "SELECT id, lat, place_lon, place_lat FROM claims ORDER BY id") == [
        ("a", None, 46.33, 39.51), ("b", None, 46.5, 39.5)]
    assert store._bounds(_rows(path, "SELECT geom FROM claims WHERE id = 'b'")[0][0]) == \
        (46.5, 46.5, 39.5, 39.5)
    assert [(c.id, c.lat) for c in store.load(path)] == [("a", 39.2), ("b", None)]


def test_a_bad_places_point_stores_nothing(tmp_path):
    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("a", "Goris")])
    for bad in ((200.0, 10.0), (10.0, 95.0), (float("nan"), 1.0), ("46", "39"), (1.0,),
                None.__class__, (True, 1.0)):
        with pytest.raises(InputError, match="'a'.*longitude and a latitude"):
            store.ingest(path, claims, [], located={"a": bad})
    assert not path.exists()
    # ids of no claim given, and claims the caller could not place, are passed over
    assert store.ingest(path, claims, [], located={"zz": (1.0, 2.0)}) == (1, 0)


# -- the extent and the counts GDAL trusts --------------------------------------------------

def _contents(path: Path, table: str = "claims"):
    return _rows(path, "SELECT min_x, min_y, max_x, max_y, last_change FROM gpkg_contents "
                       "WHERE table_name = ?", table)[0]


def test_the_layers_extent_is_the_claims_extent(tmp_path):
    import pyogrio

    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("g", "Goris"), ("s", "Sotk"), ("own", "Goris")],
                     coordinates={"own": (38.75, 46.0)})
    store.ingest(path, claims, [], located=_located(claims))
    *box, changed = _contents(path)
    assert box == [45.93, 38.75, 46.33, 40.21]
    info = pyogrio.read_info(path, layer="claims")
    assert info["capabilities"]["fast_total_bounds"]
    assert tuple(info["total_bounds"]) == (45.93, 38.75, 46.33, 40.21)
    time.sleep(0.01)
    far = _claims(tmp_path, [("b", "Batken")], name="far.csv")
    store.ingest(path, far, [], located=_located(far))
    *box, later = _contents(path)
    assert box == [45.93, 38.75, 70.82, 40.21] and later > changed
    # a correction that moves the outermost claim in shrinks the extent
    fixed = _claims(tmp_path, [("own", "Goris")], name="fix.csv",
                    coordinates={"own": (39.0, 46.0)})
    assert store.ingest(path, fixed, []).updated == 1
    assert _contents(path)[:4] == (45.93, 39.0, 70.82, 40.21)
    # nothing new: nothing changes, not even last_change
    before = _contents(path)
    store.ingest(path, fixed, [])
    assert _contents(path) == before


def test_gdal_feature_counts_are_kept_right(tmp_path):
    import pyogrio

    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("a", "Goris")])
    store.ingest(path, claims, [{"sha256": "0" * 64, "name": "c.csv", "claims": 1}],
                 located=_located(claims))
    with sqlite3.connect(path) as conn:  # as GDAL makes it, with counts gone stale
        conn.execute("CREATE TABLE gpkg_ogr_contents (table_name TEXT NOT NULL PRIMARY KEY, "
                     "feature_count INTEGER DEFAULT NULL)")
        conn.executemany("INSERT INTO gpkg_ogr_contents VALUES (?, 7)",
                         [("claims",), ("geomap_inputs",)])
    more = _claims(tmp_path, [("b", "Sotk"), ("c", "Sotk")], name="more.csv")
    store.ingest(path, more, [{"sha256": "1" * 64, "name": "more.csv", "claims": 2}],
                 located=_located(more))
    assert _rows(path, "SELECT table_name, feature_count FROM gpkg_ogr_contents ORDER BY 1") \
        == [("claims", 3), ("geomap_inputs", 2)]
    assert pyogrio.read_info(path, layer="claims")["features"] == 3


# -- numbers are numbers -------------------------------------------------------------------

def test_numbers_are_stored_as_numbers(tmp_path):
    import pyogrio

    path = tmp_path / "s.gpkg"
    [claim] = _claims(tmp_path, [("a", "Goris")], coordinates={"a": (39.123456789012345,
                                                                     46.98765432109876)})
    claim = dataclasses.replace(claim, span_start=4, span_end=40, depth_km=2.5,
                                confidence=0.85)
    store.ingest(path, [claim], [])
    types = {row[1]: row[2] for row in _rows(path, "PRAGMA table_info(claims)")}
    assert [types[c] for c in ("lat", "lon", "span_start", "span_end", "depth_km",
                               "confidence", "place_lon", "place_lat", "text")] == [
        "REAL", "REAL", "INTEGER", "INTEGER", "REAL", "REAL", "REAL", "REAL", "TEXT"]
    assert _rows(path, "SELECT typeof(lat), typeof(lon), typeof(span_start), "
                       "typeof(span_end), typeof(depth_km), typeof(confidence) FROM claims") \
        == [("real", "real", "integer", "integer", "real", "real")]
    assert _rows(path, "SELECT lat, lon FROM claims") == [(39.123456789012345,
                                                           46.98765432109876)]
    info = pyogrio.read_info(path, layer="claims")
    dtypes = dict(zip(info["fields"], info["dtypes"]))
    assert (dtypes["lat"], dtypes["span_start"], dtypes["text"]) == ("float64", "int64",
                                                                     "object")
    assert store.load(path) == [claim]  # every digit back
    assert store.ingest(path, [claim], []) == (0, 1)


# -- attribute tables and the schema version ------------------------------------------------

def test_geomaps_tables_are_attribute_tables_gis_lists(tmp_path):
    import pyogrio

    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("a", "Goris")])
    store.ingest(path, claims, [{"sha256": "ab" * 32, "name": "c.csv", "claims": 1}],
                 located=_located(claims))
    fixed = _claims(tmp_path, [("a", "Sotk")], name="fix.csv")
    assert store.ingest(path, fixed, [], located=_located(fixed)).updated == 1
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"claims": "Point", "geomap_inputs": None, "geomap_replaced": None,
                      "geomap_meta": None}
    assert _rows(path, "SELECT table_name, data_type FROM gpkg_contents ORDER BY 1") == [
        ("claims", "features"), ("geomap_inputs", "attributes"),
        ("geomap_meta", "attributes"), ("geomap_replaced", "attributes")]
    inputs = pyogrio.read_dataframe(path, layer="geomap_inputs")
    assert list(inputs["name"]) == ["c.csv"] and list(inputs["claims"]) == [1]
    assert list(pyogrio.read_dataframe(path, layer="geomap_replaced")["id"]) == ["a"]
    meta = pyogrio.read_dataframe(path, layer="geomap_meta")
    assert dict(zip(meta["key"], meta["value"])) == {"schema_version":
                                                     str(store.SCHEMA_VERSION)}
    for table in ("geomap_inputs", "geomap_replaced", "geomap_meta"):  # each has its key
        assert [r for r in _rows(path, f"PRAGMA table_info({table})") if r[5]] == [
            (0, "fid", "INTEGER", 1, None, 1)]


def test_the_place_columns_are_no_claims_column():
    assert not set(store.PLACE_COLUMNS) & set(COLUMNS)


def test_a_store_of_a_newer_schema_loads_but_is_not_written(tmp_path):
    path = tmp_path / "s.gpkg"
    claims = _claims(tmp_path, [("a", "Goris")])
    store.ingest(path, claims, [], located=_located(claims))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE geomap_meta SET value = '99' WHERE key = 'schema_version'")
    digest = _digest(path)
    assert [c.id for c in store.load(path)] == ["a"]
    with pytest.raises(InputError, match="newer geomap"):
        store.ingest(path, _claims(tmp_path, [("b", "Goris")], name="b.csv"), [])
    assert _digest(path) == digest


# -- a store of the older layout (schema 1) -------------------------------------------------

# The claims columns and the GeoPackage as geomap wrote them before schema 2, copied here as
# they were (not from the code, which moves on): every claims column TEXT, no place point,
# geomap_inputs and geomap_replaced unregistered and without an integer key.
V1_COLUMNS = ["date", "place", "claimant", "claimant_side", "stance", "event", "actor",
              "text", "source", "url", "id", "lat", "lon", "precision", "published",
              "date_precision", "role", "publisher", "span_start", "span_end", "depth_km",
              "confidence", "check"]
V1_SCHEMA = f"""
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10200;
BEGIN;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined',
   'undefined Cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
   'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{store._WGS84_WKT}',
   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE claims (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
  {', '.join(f'"{c}" TEXT' for c in V1_COLUMNS)});
INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
  VALUES ('claims', 'features', 'claims', 4326);
INSERT INTO gpkg_geometry_columns VALUES ('claims', 'geom', 'POINT', 4326, 0, 0);
CREATE UNIQUE INDEX claims_claim_id ON claims (id);
CREATE TABLE IF NOT EXISTS geomap_inputs (sha256 TEXT PRIMARY KEY, name TEXT, claims INTEGER);
COMMIT;
"""


def _v1_store(path: Path, claims) -> Path:
    """A store as geomap wrote it before schema 2: numbers as text, a geometry only for a
    claim with its own lat/lon (a claim placed by name had none), one correction kept."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(V1_SCHEMA)
        names = ", ".join(f'"{c}"' for c in V1_COLUMNS)
        for c in claims:
            row = [None if getattr(c, k) is None else str(getattr(c, k)) for k in V1_COLUMNS]
            geom = store._gpkg_point(c.lon, c.lat) if c.lat is not None else None
            conn.execute(f"INSERT INTO claims ({names}, geom) VALUES "
                         f"({', '.join('?' for _ in V1_COLUMNS)}, ?)", [*row, geom])
        conn.execute("INSERT INTO geomap_inputs VALUES (?, 'old.csv', ?)", ("cd" * 32,
                                                                           len(claims)))
        conn.execute("CREATE TABLE IF NOT EXISTS geomap_replaced (id TEXT, claim TEXT, "
                     "replaced_by TEXT)")
        conn.execute("INSERT INTO geomap_replaced VALUES ('g1', '{\"text\": \"first\"}', "
                     "'old.csv:2')")
        conn.execute("UPDATE gpkg_contents SET min_x = NULL")  # as geomap left it
    finally:
        conn.close()
    return path


def test_a_store_of_the_older_layout_loads_unchanged_and_its_first_ingest_upgrades_it(
        tmp_path):
    import geopandas as gpd
    import pyogrio

    old = _claims(tmp_path, [("g1", "Goris"), ("g2", "Goris"), ("own", "Sotk")],
                  name="old.csv", coordinates={"own": (40.123456789012345, 45.5)})
    path = _v1_store(tmp_path / "old.gpkg", old)
    digest = _digest(path)
    loaded = store.load(path)
    assert loaded == sorted(old, key=lambda c: c.id)
    assert [(c.id, c.lat) for c in loaded] == [("g1", None), ("g2", None),
                                              ("own", 40.123456789012345)]
    assert _digest(path) == digest  # load wrote nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv", "old.gpkg"]
    # GDAL reads the old store: no point for the claims placed by name
    assert list(gpd.read_file(path, layer="claims", bbox=(46, 39, 47, 40))["id"]) == []

    # a failed first ingest leaves it as it was, old layout and all
    new = _claims(tmp_path, [("b1", "Batken"), ("own2", "Batken")], name="new.csv",
                  coordinates={"own2": (39.987654321098765, 70.5)})

    def crash(n):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.ingest(path, new, [], located=_located(new), progress=crash)
    assert _digest(path) == digest

    # the first ingest upgrades it; ingesting the old report again places its claims
    result = store.ingest(path, [*old, *new], [{"sha256": "ef" * 32, "name": "new.csv",
                                                "claims": 1}],
                          located=_located([*old, *new]))
    assert (result, result.updated, result.placed) == ((2, 3), 0, 2)
    columns = {row[1]: row[2] for row in _rows(path, "PRAGMA table_info(claims)")}
    assert set(COLUMNS) | set(store.PLACE_COLUMNS) <= set(columns)
    assert (columns["lat"], columns["place_lon"]) == ("TEXT", "REAL")  # old columns stay
    assert _rows(path, "SELECT typeof(lat), lat FROM claims WHERE id = 'own'") == [
        ("text", repr(40.123456789012345))]
    assert _rows(path, "SELECT typeof(lat), lat FROM claims WHERE id = 'own2'") == [
        ("text", repr(39.987654321098765))]  # a number into a TEXT column: every digit
    assert _rows(path, "SELECT value FROM geomap_meta WHERE key = 'schema_version'") == [
        (str(store.SCHEMA_VERSION),)]
    assert {name for name, _ in pyogrio.list_layers(path)} == {
        "claims", "geomap_inputs", "geomap_replaced", "geomap_meta"}
    assert _rows(path, "SELECT fid, sha256, name FROM geomap_inputs ORDER BY fid") == [
        (1, "cd" * 32, "old.csv"), (2, "ef" * 32, "new.csv")]
    assert _rows(path, "SELECT fid, id, replaced_by FROM geomap_replaced") == [
        (1, "g1", "old.csv:2")]
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    # GIS now finds every placed claim, within the layer's real extent
    assert sorted(gpd.read_file(path, layer="claims", bbox=(46, 39, 47, 40))["id"]) == [
        "g1", "g2"]
    assert tuple(pyogrio.read_info(path, layer="claims")["total_bounds"]) == (
        45.5, 39.51, 70.82, 40.123456789012345)
    # and the claims read back as they were: the places' points are no coordinates
    assert [(c.id, c.lat, c.lon) for c in store.load(path)] == [
        ("b1", None, None), ("g1", None, None), ("g2", None, None),
        ("own", 40.123456789012345, 45.5), ("own2", 39.987654321098765, 70.5)]
    assert store.load(path) == sorted([*old, *new], key=lambda c: c.id)
    again = store.ingest(path, [*old, *new], [], located=_located([*old, *new]))
    assert (again, again.placed) == ((0, 5), 0)


# -- hostile text is data -------------------------------------------------------------------

def test_hostile_text_round_trips_as_data(tmp_path):
    import geopandas as gpd

    path = tmp_path / "s.gpkg"
    [base] = _claims(tmp_path, [("a", "Goris")])
    hostile = ["'); DROP TABLE claims; --", "{{7*7}}", "\"; DROP TABLE geomap_meta; --",
               "${7*7} <script>alert(1)</script>", "Robert'); DELETE FROM gpkg_contents;--"]
    claims = [dataclasses.replace(base, id=f"h{i}", text=t, claimant=t, actor=t, check=t,
                                  place=t, publisher=t)
              for i, t in enumerate(hostile)]
    located = {c.id: (46.0 + i / 10, 39.0) for i, c in enumerate(claims)}
    assert store.ingest(path, claims, [{"sha256": "'; --", "name": "{{7*7}}"}],
                        located=located) == (len(hostile), 0)
    assert store.load(path) == claims
    frame = gpd.read_file(path, layer="claims", bbox=(45.9, 38.9, 46.5, 39.1))
    assert sorted(frame["text"]) == sorted(hostile)
    assert _rows(path, "SELECT name FROM geomap_inputs") == [("{{7*7}}",)]
    assert {r[0] for r in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")} \
        >= {"claims", "gpkg_contents", "geomap_meta", "geomap_inputs", "geomap_replaced"}
    assert store.ingest(path, claims, [], located=located) == (0, len(hostile))


def test_a_store_another_tool_wrote_with_hostile_column_names_takes_the_new_columns(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path / "other.gpkg"
    odd = 'x"); DROP TABLE claims; --'
    cols = {"date": ["2021-05-12"], "place": ["Goris"], "claimant": ["gov"],
            "claimant_side": ["AM"], "stance": ["asserts"], "event": ["incursion"],
            "actor": [""], "text": ["t"], "source": ["s"], "url": [""], "id": ["old"],
            odd: ["kept"]}
    gpd.GeoDataFrame(cols, geometry=[Point(46.0, 39.5)], crs="EPSG:4326").to_file(
        path, layer="claims", driver="GPKG")
    claims = _claims(tmp_path, [("n", "Sotk")])
    assert store.ingest(path, claims, [], located=_located(claims)) == (1, 0)
    assert {c.id: c.lat for c in store.load(path)} == {"old": 39.5, "n": None}
    assert _rows(path, f"SELECT \"{odd.replace(chr(34), chr(34) * 2)}\" FROM claims "
                       "WHERE id = 'old'") == [("kept",)]
    assert sorted(gpd.read_file(path, layer="claims", bbox=(45.9, 40.1, 46, 40.3))["id"]) \
        == ["n"]

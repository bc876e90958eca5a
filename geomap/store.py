"""The incident store: claims gathered over weeks in one GeoPackage.

Reports come from the open web and a store lives for weeks, so the store trusts nothing:

* Creation is atomic. A new store is built complete in a temporary file beside it and
  published with ``os.link``, which fails if the path exists: a kill, a full disk or a
  second process creating the same store at the same moment never leaves a half-built file.
* ``ingest`` is one SQLite transaction (``BEGIN IMMEDIATE``): a crash or a kill mid-ingest
  leaves the store as it was, and running it again completes it. A second writer waits for
  the first (``BUSY_TIMEOUT``), then gives up with a clear error.
* Every claim is checked with the reader's own rules (``read.claim_from_fields``) before
  anything is written, so what is stored always reads back; one bad claim stores nothing.
* A claim's id is stable (read.claim_id): the same claim again adds nothing, a corrected
  claim with the same id replaces the stored one (counted as updated), and two different
  claims with one id in one ingest are an error.

The store is a plain GeoPackage 1.2 written with sqlite3 that QGIS and GDAL open:

* ``claims``: a point layer in EPSG:4326, one feature per claim, a column per field of the
  claims format (``read.COLUMNS``). Numbers are numbers: lat, lon, depth_km and confidence
  are REAL, span_start and span_end INTEGER; the rest is TEXT.
* Every placed claim has its point. A claim's own lat/lon (given by its source) is its
  geometry; a claim placed by its place's name has the point the gazetteer gave that place
  (``ingest(..., located={id: (lon, lat)})``), and that point is also kept in
  ``place_lon``/``place_lat``, while the claim's lat/lon columns stay empty, as the source
  gave them. A claim with neither point has no geometry (NULL).
* How ``load`` reads the geometry: a point equal to the claim's ``place_lon``/``place_lat``
  is the place's point, which says nothing of where the source put the claim: lat/lon come
  from their columns (empty for a claim the source gave none; what a user typed there
  otherwise). Any other point (the claim's own coordinates, or a point moved in QGIS, even
  a name-placed one) gives lat/lon: a point moved in QGIS is mapped where it was moved.
* The layer's extent in ``gpkg_contents`` (min_x..max_y) is the claims' real extent after
  each ingest that changed them, with ``last_change``; GDAL's ``gpkg_ogr_contents`` feature
  counts, where GDAL made that table, are kept right.
* Attribute tables (GeoPackage "attributes", listed by GDAL and QGIS): ``geomap_inputs``
  (what was ingested: sha256, name, claims), ``geomap_replaced`` (each stored claim a
  correction replaced, as JSON of its columns, with where the correction came from) and
  ``geomap_meta`` (``schema_version``: ``SCHEMA_VERSION``).
* No spatial index of geomap's own: the gpkg_rtree_index triggers call ST_* functions that
  plain sqlite3 lacks, so every script or `sqlite3` shell that touched the store's
  geometries would fail. GDAL reads a bbox without one. A store that GDAL or QGIS indexed
  keeps its index right: every connection here defines ST_IsEmpty and ST_MinX..ST_MaxY,
  which the index's triggers call.

Older stores open unchanged and are upgraded by their first ingest. Schema 1 (geomap before
``geomap_meta``: every claims column TEXT, no place_lon/place_lat, unregistered
``geomap_inputs`` and ``geomap_replaced`` without an integer key) loads as it is; ``load``
never writes. Ingest, in its own transaction, adds every column of ``read.COLUMNS`` (and
place_lon/place_lat) the layer lacks, rebuilds the two tables with a ``fid`` key (when
they are as geomap made them), registers the attribute tables and records the version.
An old store's TEXT columns stay TEXT (SQLite cannot retype a column), and numbers go into
them as text, as before. Ingesting the same reports again gives an old store's name-placed
claims their points (``IngestResult.placed``). A store of a newer schema is loaded but not
written. ``load`` also reads a claims layer another tool wrote, where the columns are there.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import secrets
import sqlite3
import struct
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, OutputError, shown_path
from .outputs import short_name, sweep_temporaries
from .read import COLUMNS, REQUIRED, check_date_range, claim_from_fields, fields_of, in_date_range
from .records import Claim

TABLE = "claims"
# Seconds a writer waits for another to finish before it gives up (OutputError "locked").
BUSY_TIMEOUT = 30.0
APPLICATION_ID = 0x47504B47  # 'GPKG'
USER_VERSION = 10200  # GeoPackage 1.2: known to every GDAL (so QGIS) since 2.2
# The layout of geomap's own parts (geomap_meta's schema_version): 1 before geomap_meta
# (every claims column TEXT, no place point, unregistered tables); 2 as described above.
SCHEMA_VERSION = 2
# The point the gazetteer gave a claim placed by its place's name (its geometry then).
PLACE_COLUMNS = ("place_lon", "place_lat")
# SQL types of the columns that hold numbers; every other column is TEXT.
_NUMERIC = {"lat": "REAL", "lon": "REAL", "depth_km": "REAL", "confidence": "REAL",
            "span_start": "INTEGER", "span_end": "INTEGER", "place_lon": "REAL",
            "place_lat": "REAL"}


def _sql_type(column: str) -> str:
    return _NUMERIC.get(column, "TEXT")


_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]')
# geomap's attribute tables: name -> (columns as schema 1 made them, or None when schema 1
# had no such table; the table now; its description in gpkg_contents). Each has the
# INTEGER PRIMARY KEY that GeoPackage asks of an attributes table (requirement 119).
_ATTRIBUTES = {
    "geomap_inputs": (
        ("sha256", "name", "claims"),
        "CREATE TABLE IF NOT EXISTS {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        "sha256 TEXT UNIQUE, name TEXT, claims INTEGER)",
        "the files ingested: their sha256, name and number of claims"),
    # Each stored claim that a correction replaced, as it was (JSON of its columns), with
    # where the correction came from: a correction loses nothing.
    "geomap_replaced": (
        ("id", "claim", "replaced_by"),
        "CREATE TABLE IF NOT EXISTS {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        "id TEXT, claim TEXT, replaced_by TEXT)",
        "each stored claim a correction replaced (JSON of its columns) and the correction's "
        "origin"),
    "geomap_meta": (
        None,
        "CREATE TABLE IF NOT EXISTS {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        "key TEXT UNIQUE NOT NULL, value TEXT)",
        "about this geomap store: schema_version"),
}


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_REGISTER = ("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, "
             "description) VALUES ({0}, 'attributes', {0}, {1})")
_ATTRIBUTE_TABLES = "\n".join(
    f"{ddl.format(name)};\n{_REGISTER.format(_sql_text(name), _sql_text(about))};"
    for name, (_, ddl, about) in _ATTRIBUTES.items())
# The whole GeoPackage, as the 1.2 standard and GDAL lay it out. The three spatial reference
# systems are the mandatory ones (EPSG:4326, undefined Cartesian -1, undefined geographic 0).
# The unique index on id is what makes "the same claim twice" impossible to store.
_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {USER_VERSION};
BEGIN;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined',
   'undefined Cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
   'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{_WGS84_WKT}',
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
CREATE TABLE {TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
  {', '.join(f'"{c}" {_sql_type(c)}' for c in [*COLUMNS, *PLACE_COLUMNS])});
INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
  VALUES ('{TABLE}', 'features', '{TABLE}', 4326);
INSERT INTO gpkg_geometry_columns VALUES ('{TABLE}', 'geom', 'POINT', 4326, 0, 0);
CREATE UNIQUE INDEX {TABLE}_claim_id ON {TABLE} (id);
{_ATTRIBUTE_TABLES}
INSERT INTO geomap_meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');
COMMIT;
"""


class IngestResult(tuple):
    """What an ingest did: unpacks as ``added, known = ...`` (known: already there).

    ``updated`` counts stored claims replaced by a corrected claim with the same id.
    ``added + known + updated`` is the number of claims given. ``placed`` counts the known
    claims (among ``known``) whose stored point this ingest gave or moved: claims placed by
    name in a store from before geomap stored their points, or whose place the gazetteer
    now puts elsewhere.
    """

    def __new__(cls, added: int, known: int, updated: int = 0,
                corrections: tuple[tuple[str, str], ...] = (), placed: int = 0):
        result = super().__new__(cls, (added, known))
        result.updated = updated
        result.corrections = corrections  # (claim id, where the correction came from)
        result.placed = placed
        return result

    def __getnewargs__(self):  # so that it pickles and copies with its `updated`
        return (self[0], self[1], self.updated, self.corrections, self.placed)

    @property
    def added(self) -> int:
        return self[0]

    @property
    def known(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return (f"IngestResult(added={self[0]}, known={self[1]}, updated={self.updated}, "
                f"placed={self.placed})")


# -- GeoPackage geometry ------------------------------------------------------------------

def _gpkg_point(lon: float, lat: float) -> bytes:
    """A GeoPackage geometry blob: the 'GP' header (no envelope, SRS 4326) and WKB."""
    return b"GP\x00\x01" + struct.pack("<i", 4326) + struct.pack("<BIdd", 1, 1, lon, lat)


# Doubles in the header's envelope, by the envelope indicator (flags bits 1-3):
# none, [minx maxx miny maxy], + z, + m, + z and m.
_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def _bounds(blob) -> tuple[float, float, float, float] | None:
    """(min_x, max_x, min_y, max_y) of a GeoPackage geometry blob; None when it is NULL,
    empty, or not a geometry we can read (which an index must then leave out).

    The header: 'GP', version, flags (bit 0 byte order, bits 1-3 envelope, bit 4 empty),
    srs_id, the envelope, then the geometry as WKB.
    """
    try:
        if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP":
            return None
        flags = blob[3]
        if flags & 0x10:
            return None
        doubles = _ENVELOPE_DOUBLES.get((flags >> 1) & 0x07)
        if doubles is None:
            return None
        order = "<" if flags & 0x01 else ">"
        if doubles:
            box = struct.unpack_from(f"{order}4d", blob, 8)
            if not any(math.isnan(v) for v in box):
                return box
        wkb = blob[8 + 8 * doubles:]
        if len(wkb) == 21 and wkb[0] in (0, 1):  # a 2D point, the common case: no shapely
            kind, x, y = struct.unpack("<Idd" if wkb[0] else ">Idd", wkb[1:])
            if kind == 1:
                return None if math.isnan(x) or math.isnan(y) else (x, x, y, y)
        import shapely

        geom = shapely.from_wkb(wkb)
        if geom is None or geom.is_empty:
            return None
        min_x, min_y, max_x, max_y = geom.bounds
        return (min_x, max_x, min_y, max_y)
    except Exception:  # struct, shapely and GEOS errors alike: unreadable is no geometry
        return None


def _add_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions GDAL's R-tree triggers call (gpkg_rtree_index extension).

    SQLite alone lacks them, so without these an ingest into a store that GDAL or QGIS
    indexed fails with "no such function: ST_IsEmpty". A geometry we cannot read counts as
    empty, which keeps it out of the index rather than failing the ingest.
    """
    def part(i):
        def edge(blob):
            box = None if blob is None else _bounds(blob)
            return None if box is None else box[i]
        return edge

    conn.create_function("ST_IsEmpty", 1, lambda blob: None if blob is None
                         else int(_bounds(blob) is None), deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        conn.create_function(name, 1, part(i), deterministic=True)


class _Extent:
    """SQL aggregate ``geomap_extent(geom)``: the geometries' extent as JSON
    [min_x, min_y, max_x, max_y], or NULL when none has one (one call per row)."""

    def __init__(self):
        self.box: list[float] | None = None

    def step(self, blob) -> None:
        box = _bounds(blob)
        if box is None:
            return
        if self.box is None:
            self.box = [box[0], box[2], box[1], box[3]]
        else:
            self.box = [min(self.box[0], box[0]), min(self.box[1], box[2]),
                        max(self.box[2], box[1]), max(self.box[3], box[3])]

    def finalize(self):
        return None if self.box is None else json.dumps(self.box)


# -- opening and creating -----------------------------------------------------------------

@dataclass
class _Layer:
    columns: dict[str, str]  # lower-case name -> the name as the table spells it
    geom: str | None  # the geometry column, if registered
    geometry_type: str
    srs_id: int | None
    types: dict[str, str]  # lower-case name -> its declared SQL type (upper case)


def _q(name: str) -> str:
    """An SQL identifier, quoted: column names of a store another tool wrote are data."""
    return '"' + name.replace('"', '""') + '"'


def _locked(err: Exception) -> bool:
    return "locked" in str(err) or "busy" in str(err)


def _locked_error(path: Path, err: Exception) -> OutputError:
    return OutputError(f"{path}: the store is locked by another process (waited "
                       f"{BUSY_TIMEOUT:g} s); try again when it is done")


def _connect(path: Path) -> sqlite3.Connection:
    # mode=rw never creates a file (creating is _create's job, done atomically); a file
    # the user may not write opens read-only. Transactions are explicit (BEGIN/COMMIT).
    uri = "file:" + urllib.parse.quote(os.fsencode(path.absolute())) + "?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    _add_functions(conn)
    conn.create_aggregate("geomap_extent", 1, _Extent)
    return conn


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create(path: Path) -> None:
    """Create the store at ``path`` unless it exists, never leaving a partial file there.

    The store is built whole in a temporary file in the same directory, synced, then
    linked to ``path``: os.link fails if ``path`` exists, so when two processes create the
    same store at once one wins and the other uses the winner's (instead of replacing it,
    claims and all). The temporary file goes in every case; a kill leaves at most that
    hidden ``.NAME.*.tmp`` file, never a broken store.
    """
    tmp = path.parent / f".{short_name(path.name)}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        conn = sqlite3.connect(os.fsencode(tmp), isolation_level=None)
        try:
            # The file is private until published: no journal is needed to build it.
            conn.execute("PRAGMA journal_mode = MEMORY")
            conn.executescript(_SCHEMA)
        finally:
            conn.close()
        _fsync(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return  # another process created it first: use theirs
        except OSError:
            # A file system without hard links (FAT, some network shares): a rename if
            # the path is still free, with a moment's race against another creator.
            if path.exists():
                return
            os.rename(tmp, path)
        try:
            _fsync(path.parent)  # the new name itself survives a power cut
        except OSError:
            pass  # not every file system syncs directories; the store is complete anyway
    except (OSError, sqlite3.Error) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise OutputError(f"{path}: cannot create the store: {why}") from err
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # nothing to remove, or nothing we may: the error above is the news


def _open(path: Path, *, create: bool) -> tuple[sqlite3.Connection, _Layer]:
    """A connection to the store and what its claims layer holds; InputError if the file
    is not a GeoPackage with a claims layer, OutputError if it stays locked."""
    if create:
        sweep_temporaries(path)  # of creators that were killed
    if create and not path.exists():
        _create(path)
    if not path.exists():
        raise InputError("no such store", path=path)
    if path.is_file() and path.stat().st_size == 0:
        raise InputError("is an empty file, not a geomap store (remove it, and the next "
                         "ingest creates the store)", path=path)
    try:
        conn = _connect(path)
    except sqlite3.Error as err:
        raise InputError(f"cannot open as a geomap store: {err}", path=path) from err
    try:
        return conn, _layer(conn, path)
    except BaseException:
        conn.close()
        raise


def _layer(conn: sqlite3.Connection, path: Path) -> _Layer:
    try:
        found = conn.execute("SELECT count(*) FROM gpkg_contents WHERE table_name = ?",
                             (TABLE,)).fetchone()[0]
        info = conn.execute(f"PRAGMA table_info({_q(TABLE)})").fetchall()
        columns = {row[1].lower(): row[1] for row in info}
        types = {row[1].lower(): str(row[2] or "").upper() for row in info}
        try:
            geom = conn.execute("SELECT column_name, upper(geometry_type_name), srs_id FROM "
                                "gpkg_geometry_columns WHERE table_name = ?",
                                (TABLE,)).fetchone()
        except sqlite3.OperationalError as err:
            if _locked(err):
                raise
            geom = None  # no geometry columns table: a layer without geometry
    except sqlite3.DatabaseError as err:
        if _locked(err):
            raise _locked_error(path, err) from err
        raise InputError(f"is not a geomap store (a GeoPackage with a '{TABLE}' layer): "
                         f"{err}", path=path) from err
    if not found:
        raise InputError(f"is a GeoPackage without a '{TABLE}' layer: not a geomap store",
                         path=path)
    name, kind, srs = geom if geom else (None, "", None)
    return _Layer(columns, name, str(kind or ""), srs, types)


def _lacks(layer: _Layer, needed: list[str], path: Path) -> None:
    missing = [c for c in needed if c not in layer.columns]
    if missing:
        raise InputError(f"is not a geomap store: the '{TABLE}' layer lacks columns "
                         f"{', '.join(missing)}", path=path)


# -- claims in and out --------------------------------------------------------------------

def _text(value, column: str) -> str:
    """A stored value as the text the claims reader reads: another tool may have stored
    numbers (lat as REAL, span_start as INTEGER) where geomap stores text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    raise ValueError(f"{column} holds binary data, not text")


def _checked(claims: list[Claim]) -> list[Claim | None]:
    """Each claim as it will read back from the store, or None for a repeat of an earlier
    claim of this ingest; InputError (naming the claim's origin) for any claim that would
    not read back, and for two different claims with one id. Nothing is written before."""
    out: list[Claim | None] = []
    first: dict[str, Claim] = {}
    for c in claims:
        fields = fields_of(c)
        try:
            # NUL ends a string in GDAL and QGIS; a lone surrogate (JSON "\ud800") is not
            # UTF-8, so SQLite cannot even take it. (All fields at once: this is the hot loop.)
            text = "".join(fields.values())
            if "\x00" in text:
                raise ValueError(f"{next(k for k, v in fields.items() if chr(0) in v)} holds "
                                 "a NUL character")
            text.encode("utf-8")
            # The reader's own rules, on the text the store will hold (as load reads it).
            back = claim_from_fields(fields, c.origin)
        except ValueError as err:
            raise InputError(f"this claim would not read back from the store: {err}; "
                             "nothing was stored", path=c.origin or f"claim {c.id!r}") from err
        seen = first.setdefault(back.id, back)
        if seen is back:
            out.append(back)
        elif seen == back:
            out.append(None)  # the same claim twice in one ingest: "already there"
        else:
            raise InputError(f"claim id {back.id!r} is given to two different claims, at "
                             f"{seen.origin or '?'} and {c.origin or '?'}; nothing was stored")
    return out


def _places(checked: list[Claim | None], located) -> list[tuple[float, float] | None]:
    """For each claim, the point stored for it when it gives no lat/lon of its own: its
    place's point from ``located`` (claim id -> (lon, lat)), or None. InputError for a
    point that is not a longitude and a latitude; nothing is written before."""
    out: list[tuple[float, float] | None] = []
    for claim in checked:
        point = None
        if claim is not None and claim.lat is None and located:
            given = located.get(claim.id)
            if given is not None:
                point = _lonlat(given)
                if point is None:
                    raise InputError(f"the place's point given for claim {claim.id!r} is not "
                                     "a longitude and a latitude in degrees; nothing was "
                                     "stored", path=claim.origin or None)
        out.append(point)
    return out


def _lonlat(given) -> tuple[float, float] | None:
    """``(lon, lat)`` as floats, if ``given`` is two finite numbers in degrees."""
    try:
        lon, lat = given
    except (TypeError, ValueError):
        return None
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in (lon, lat)):
        return None
    lon, lat = float(lon), float(lat)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # NaN fails too
        return None
    return lon, lat


def ingest(path: str | Path, claims: list[Claim], inputs: list[dict], *,
           progress=None, located: dict[str, tuple[float, float]] | None = None
           ) -> IngestResult:
    """Add claims to the store in one transaction; return (added, already there) with
    ``.updated`` (stored claims that a corrected claim with the same id replaced) and
    ``.placed`` (known claims given their place's point).

    ``located`` maps a claim's id to the (lon, lat) the gazetteer gave its place: the point
    stored for a claim that gives no lat/lon of its own (its lat/lon stay empty). A claim's
    own lat/lon win; ids of other claims are passed over. ``progress(n)`` is called after
    the n-th claim. Any failure stores nothing. The first ingest into an older store
    upgrades it (in the same transaction; see the module's doc).
    """
    path = Path(path)
    checked = _checked(claims)  # before the store is even created: a bad claim stores nothing
    places = _places(checked, located)
    conn, layer = _open(path, create=True)
    try:
        # What load needs, and the id; any other column of the claims format is added in
        # the write transaction below (a store made before geomap had the column).
        _lacks(layer, [*REQUIRED, "id"], path)
        if not layer.geom or layer.geometry_type not in ("POINT", "GEOMETRY") \
                or layer.srs_id != 4326:
            raise InputError(f"is not a geomap store: its '{TABLE}' layer is not points in "
                             "EPSG:4326", path=path)
        conn.execute("BEGIN IMMEDIATE")  # the write lock now: others wait, then we are alone
        upgraded = _upgrade(conn, layer, path)
        result = _write(conn, layer, checked, places, inputs, progress, upgraded)
        conn.execute("COMMIT")
        return result
    except sqlite3.Error as err:
        _rollback(conn)
        if _locked(err):
            raise _locked_error(path, err) from err
        raise OutputError(f"{path}: cannot write the store: {err}") from err
    except BaseException:
        _rollback(conn)  # nothing of this ingest is kept
        raise
    finally:
        conn.close()


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.rollback()
    except sqlite3.Error:
        pass  # closing the connection rolls back all the same


# -- schema versions ----------------------------------------------------------------------

def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                             "lower(name) = lower(?)", (name,)).fetchone()[0])


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """The store's schema version: geomap_meta's, or 1 for a store from before it."""
    if not _has_table(conn, "geomap_meta"):
        return 1
    row = conn.execute("SELECT value FROM geomap_meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        return 1
    value = row[0]
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10:
        value = int(value)
    if not isinstance(value, int):
        raise InputError(f"its geomap_meta gives schema_version {str(value)[:40]!r}, not a "
                         "number: geomap does not write into it", path=path)
    return value


def _upgrade(conn: sqlite3.Connection, layer: _Layer, path: Path) -> bool:
    """Bring the store to this geomap's layout, in the ingest's transaction (so a kill
    leaves the old layout whole); whether anything changed."""
    version = _schema_version(conn, path)
    if version > SCHEMA_VERSION:
        raise InputError(f"was written by a newer geomap (store schema {version}; this geomap "
                         f"writes schema {SCHEMA_VERSION}): it loads, but only a newer geomap "
                         "adds to it", path=path)
    changed = False
    for column in [*COLUMNS, *PLACE_COLUMNS]:
        if column not in layer.columns:  # a store made before geomap had the column
            conn.execute(f"ALTER TABLE {_q(TABLE)} ADD COLUMN {_q(column)} "
                         f"{_sql_type(column)}")
            layer.columns[column] = column
            layer.types[column] = _sql_type(column)
            changed = True
    # A store another tool wrote lacks geomap's own parts: add them.
    ident = _q(layer.columns["id"])
    try:
        conn.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {TABLE}_claim_id ON {_q(TABLE)} "
                     f"({ident})")
    except sqlite3.IntegrityError:
        twice = conn.execute(f"SELECT {ident} FROM {_q(TABLE)} GROUP BY {ident} "
                             "HAVING count(*) > 1 LIMIT 1").fetchone()[0]
        raise InputError(f"holds claim id {twice!r} more than once: not a geomap store",
                         path=path) from None
    for name, (old_columns, ddl, about) in _ATTRIBUTES.items():
        changed |= _attribute_table(conn, name, old_columns, ddl)
        changed |= conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, "
            "description) VALUES (?, 'attributes', ?, ?)", (name, name, about)).rowcount > 0
    if version < SCHEMA_VERSION:
        value = str(SCHEMA_VERSION)
        if not conn.execute("UPDATE geomap_meta SET value = ? WHERE key = 'schema_version'",
                            (value,)).rowcount:
            conn.execute("INSERT INTO geomap_meta (key, value) VALUES ('schema_version', ?)",
                         (value,))
        changed = True
    return changed


def _attribute_table(conn: sqlite3.Connection, name: str, old_columns: tuple | None,
                     ddl: str) -> bool:
    """Create one of geomap's attribute tables, or give it the integer key GeoPackage asks
    for if it is as schema 1 made it; whether it changed. A table of that name laid out
    otherwise (or with triggers or indexes of its own) is left as it is: GDAL reads it all
    the same, by rowid."""
    if not _has_table(conn, name):
        conn.execute(ddl.format(_q(name)))
        return True
    info = conn.execute(f"PRAGMA table_info({_q(name)})").fetchall()
    if any(row[5] and str(row[2]).upper() == "INTEGER" for row in info):
        return False  # it has its key
    new = f"{name}_geomap_new"
    if tuple(row[1].lower() for row in info) != old_columns or _has_table(conn, new) or \
            conn.execute("SELECT count(*) FROM sqlite_master WHERE lower(tbl_name) = "
                         "lower(?) AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                         (name,)).fetchone()[0]:
        return False
    columns = ", ".join(_q(c) for c in old_columns)
    conn.execute(ddl.format(_q(new)))
    conn.execute(f"INSERT INTO {_q(new)} ({columns}) SELECT {columns} FROM {_q(name)} "
                 "ORDER BY rowid")
    conn.execute(f"DROP TABLE {_q(name)}")
    conn.execute(f"ALTER TABLE {_q(new)} RENAME TO {_q(name)}")
    return True


# -- writing claims -----------------------------------------------------------------------

def _affinity(declared: str) -> str:
    """SQLite's type affinity of a declared column type (https://sqlite.org/datatype3.html)."""
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in declared or not declared:
        return "BLOB"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


class _Statements:
    """The SQL of one ingest, for the table's own column names, and the row of a claim:
    numbers as numbers, but as their exact text in a TEXT column (a store from before
    schema 2), where SQLite would keep only 15 digits."""

    def __init__(self, layer: _Layer):
        table, ident = _q(TABLE), _q(layer.columns["id"])
        stored = [*COLUMNS, *PLACE_COLUMNS]
        self.text = [_affinity(layer.types.get(c, "")) == "TEXT" for c in stored]
        names = [_q(layer.columns[c]) for c in COLUMNS] + [_q(layer.geom)] + \
            [_q(layer.columns[c]) for c in PLACE_COLUMNS]
        # A new id is inserted in one statement; only a known id costs a second look. (Only
        # the id's uniqueness is waived: any other constraint of the table still fails the
        # ingest.)
        self.insert = (f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                       f"({', '.join('?' for _ in names)}) ON CONFLICT ({ident}) DO NOTHING")
        self.update = (f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} "
                       f"WHERE {ident} = ?")
        self.select = f"SELECT {', '.join(names)} FROM {table} WHERE {ident} = ?"
        place = names[len(COLUMNS):]
        self.place = (f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in place)} "
                      f"WHERE {ident} = ?")

    def row(self, claim: Claim, place: tuple[float, float] | None) -> list:
        """The claim's columns, its geometry, then its place point (PLACE_COLUMNS)."""
        if claim.lat is not None:  # the source's own coordinates
            geom, point = _gpkg_point(claim.lon, claim.lat), (None, None)
        elif place is not None:
            geom, point = _gpkg_point(*place), place
        else:
            geom, point = None, (None, None)
        values = [*(getattr(claim, k) for k in COLUMNS), *point]
        row = [None if v is None else str(v) if as_text else v
               for v, as_text in zip(values, self.text)]
        row.insert(len(COLUMNS), geom)
        return row


def _write(conn: sqlite3.Connection, layer: _Layer, checked: list[Claim | None],
           places: list[tuple[float, float] | None], inputs: list[dict], progress,
           upgraded: bool) -> IngestResult:
    sql = _Statements(layer)
    added = known = placed = 0
    updated: list[tuple[str, str]] = []
    for i, (claim, place) in enumerate(zip(checked, places)):
        done = _put(conn, sql, claim, place) if claim else "known"
        added += done == "added"
        known += done in ("known", "placed")
        placed += done == "placed"
        if done == "updated":
            updated.append((claim.id, claim.origin))
        if progress:
            progress(i + 1)
    recorded = 0
    for item in inputs:  # one row per file content, however often it is ingested
        recorded += conn.execute(
            "INSERT OR IGNORE INTO geomap_inputs (sha256, name, claims) VALUES (?, ?, ?)",
            (item["sha256"], item["name"], item.get("claims", 0))).rowcount
    changed = [TABLE] if added or updated or placed or upgraded else []
    changed += ["geomap_inputs"] * bool(recorded) + ["geomap_replaced"] * bool(updated)
    changed += ["geomap_meta"] * upgraded
    if changed:
        _contents(conn, layer, changed)
    return IngestResult(added, known, len(updated), tuple(updated), placed)


def _contents(conn: sqlite3.Connection, layer: _Layer, changed: list[str]) -> None:
    """gpkg_contents (and GDAL's gpkg_ogr_contents) for the tables this ingest changed:
    caches GDAL and QGIS trust. The layer's extent is its geometries' real extent (NULL
    when none has one), last_change is now, and feature counts are counted again."""
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    for name in changed:
        if name == TABLE:
            box = conn.execute(f"SELECT geomap_extent({_q(layer.geom)}) FROM "
                               f"{_q(TABLE)}").fetchone()[0]
            conn.execute(f"UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, "
                         f"max_y = ?, last_change = {now} WHERE table_name = ?",
                         (*(json.loads(box) if box else (None,) * 4), TABLE))
        else:
            conn.execute(f"UPDATE gpkg_contents SET last_change = {now} WHERE table_name = ?",
                         (name,))
    if _has_table(conn, "gpkg_ogr_contents"):
        for name in changed:
            conn.execute(f"UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) "
                         f"FROM {_q(name)}) WHERE lower(table_name) = lower(?)", (name,))


def _put(conn: sqlite3.Connection, sql: _Statements, claim: Claim,
         place: tuple[float, float] | None) -> str:
    """Store one claim: 'added', 'known' (already there), 'placed' (already there, and
    now at its place's point) or 'updated' (corrected)."""
    row = sql.row(claim, place)
    if conn.execute(sql.insert, row).rowcount:
        return "added"
    n = len(COLUMNS)
    stored = conn.execute(sql.select, (claim.id,)).fetchone()
    if list(stored[:n]) == row[:n] or _same(stored[:n], claim):  # same text, or same claim
        if place is not None and _replaceable(stored[n], stored[n + 1:], place):
            conn.execute(sql.place, [*row[n:], claim.id])
            return "placed"
        return "known"
    # A corrected claim: same id, other content or place. The version it replaces is kept
    # in geomap_replaced (nothing is lost); the geometry follows (and GDAL's R-tree
    # triggers, if any, move its index entry).
    conn.execute("INSERT INTO geomap_replaced (id, claim, replaced_by) VALUES (?, ?, ?)",
                 (claim.id, json.dumps(dict(zip(COLUMNS, stored[:n])), sort_keys=True,
                                       ensure_ascii=False, default=_jsonable), claim.origin))
    conn.execute(sql.update, [*row, claim.id])
    return "updated"


def _jsonable(value):
    if isinstance(value, bytes):  # a blob another tool stored: kept, as hexadecimal
        return value.hex()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _replaceable(geom, stored_place: tuple, place: tuple[float, float]) -> bool:
    """Whether a known claim's stored point may become its place's point: it has none and
    never had one from geomap (a store from before schema 2), or it is geomap's place point
    (not moved in a GIS tool) and the gazetteer now puts the place elsewhere."""
    old = _stored_point(stored_place)
    if old is None:
        return geom is None
    box = _bounds(geom)
    return box is not None and box[0] == box[1] == old[0] and box[2] == box[3] == old[1] \
        and old != place


def _stored_point(values) -> tuple[float, float] | None:
    """A stored (place_lon, place_lat) as floats; None when either is missing or no number
    (a store another tool wrote may hold anything there)."""
    out = []
    for value in values:
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                return None
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return None
        out.append(float(value))
    return (out[0], out[1]) if len(out) == 2 else None


def _same(stored: tuple, claim: Claim) -> bool:
    """Whether a stored row is this claim (compared as claims: 39.5 and '39.5' agree)."""
    try:
        fields = {k: _text(v, k) for k, v in zip(COLUMNS, stored)}
        return claim_from_fields(fields, "") == claim
    except ValueError:
        return False  # a stored row that no longer reads back: the new claim replaces it


# -- reading claims -----------------------------------------------------------------------

def _seed(values: tuple) -> bool:
    """Whether a row is the seed row that stores created by geomap 0.1 could keep: "x" in
    every column (NULL in those added since), no claim."""
    return all(v in ("x", None) for v in values) and \
        all(values[COLUMNS.index(c)] == "x" for c in REQUIRED)


def load(path: str | Path, *, date_from: str | None = None, date_to: str | None = None
         ) -> list[Claim]:
    """The stored claims, in id order, within the dates given (inclusive). It never
    writes: a store of any schema loads as it is.

    A claims layer another tool wrote is read where it has the required columns (the
    others are empty); a point geometry gives lat/lon (over the columns: a point moved in
    QGIS is moved) unless it is the claim's stored place point (PLACE_COLUMNS), which
    gives none; a row that does not read as a claim is an InputError naming the store and
    the claim's id.
    """
    path = Path(path)
    check_date_range(date_from, date_to)
    conn, layer = _open(path, create=False)
    try:
        _lacks(layer, REQUIRED, path)
        cols = [_q(layer.columns[c]) if c in layer.columns else "NULL"
                for c in [*COLUMNS, *PLACE_COLUMNS]]
        # The geometry gives coordinates only when they are longitude and latitude.
        geom = _q(layer.geom) if layer.geom and layer.srs_id == 4326 else "NULL"
        order = _q(layer.columns["id"]) if "id" in layer.columns else "rowid"
        rows = conn.execute(f"SELECT {', '.join(cols)}, {geom} FROM {_q(TABLE)} "
                            f"ORDER BY {order}").fetchall()
    except sqlite3.Error as err:
        if _locked(err):
            raise _locked_error(path, err) from err
        raise InputError(f"cannot read the store: {err}", path=path) from err
    finally:
        conn.close()
    n = len(COLUMNS)
    out, seen = [], set()
    for number, row in enumerate(rows, 1):
        ident = row[COLUMNS.index("id")]
        what = f"stored claim {ident!r}" if ident not in (None, "") else \
            f"stored claim {number}"
        if _seed(row[:n]):
            continue
        try:
            fields = {k: _text(v, k) for k, v in zip(COLUMNS, row)}
            # A point geometry is where the claim is: GIS tools edit it (a point moved in
            # QGIS), not the lat/lon columns, which geomap writes alongside. Unless it is
            # the place's point geomap stored: that is no coordinate the source gave.
            box = _bounds(row[-1])
            if box and box[0] == box[1] and box[2] == box[3] and \
                    (box[0], box[2]) != _stored_point(row[n:n + 2]):
                fields["lon"], fields["lat"] = repr(box[0]), repr(box[2])
            if not in_date_range(fields["date"], date_from, date_to):
                continue
            claim = claim_from_fields(fields, f"{shown_path(path)}#{fields['id']}")
        except ValueError as err:
            raise InputError(f"{what}: {err}", path=path) from err
        if claim.id in seen:
            raise InputError(f"{what}: the id is stored twice", path=path)
        seen.add(claim.id)
        out.append(claim)
    return out

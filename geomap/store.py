"""The incident store: claims gathered over weeks in one GeoPackage (or, for a path
NAME.parquet, in a GeoParquet dataset partitioned by month: geomap.geoparquet, which keeps
every promise below in its own way).

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
* ``select`` reads what a map asks for with the filters in the query: the date range as
  SQL on the date column (read.in_date_range, exactly), the box as a test of each claim's
  point in SQL, so a claim left out never becomes a Python object; it counts what each
  filter left out (``Selection``). ``load`` is ``select`` without a box.
* An ingest is bulk work: the claims are checked a column at a time (``_all_canonical``:
  a claim already as the reader leaves it is taken as it is, as ``_Canonical`` would take
  it; any other goes the reader's way), the stored rows of the ids given are read at once
  (a scan, for many), a claim stored as it is counted without a look at it alone
  (``_sorted_out``; GeoParquet compares columns in Arrow and writes nothing when nothing
  changed), and new claims are inserted a few dozen rows to a statement (in id order; into
  an empty layer, the date index is made after them; a text every new claim shares is bound
  once a statement). bench/store_speed.py measures it; tests/test_store_speed_quick.py
  holds the quick ways to the claim-by-claim way.

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

import dataclasses
import json
import math
import numbers
import os
import secrets
import sqlite3
import struct
import urllib.parse
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress, count, repeat
from operator import attrgetter, is_, is_not, itemgetter
from pathlib import Path

from .errors import InputError, OutputError, shown_path
from .garbage import without_collections
from .outputs import short_name, sweep_temporaries
from .read import (
    _BAD_CHARS,
    _DATE,
    _PLACE_ID,
    _PLAIN_URL,
    COLUMNS,
    REQUIRED,
    check_date_range,
    claim_from_fields,
    fields_of,
    in_date_range,
    parse_date,
)
from .records import DATE_PRECISIONS, EVENTS, PRECISIONS, ROLES, STANCES, Claim

TABLE = "claims"
# Seconds a writer waits for another to finish before it gives up (OutputError "locked").
BUSY_TIMEOUT = 30.0
# SQLite's page cache for an ingest (KiB): a large ingest's pages stay in memory until the
# commit instead of being spilled to the file mid-transaction.
INGEST_CACHE_KIB = 65536
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
CREATE INDEX {TABLE}_date ON {TABLE} ("date");
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

# A GeoPackage point as geomap writes it: the 'GP' header (version 0, little-endian, no
# envelope), SRS 4326, then the WKB of a 2D point (little-endian, type 1) and its x, y.
_GP_POINT = b"GP\x00\x01" + struct.pack("<i", 4326) + b"\x01\x01\x00\x00\x00"
_XY = struct.Struct("<dd")


def _gpkg_point(lon: float, lat: float) -> bytes:
    """A GeoPackage geometry blob: the 'GP' header (no envelope, SRS 4326) and WKB."""
    return _GP_POINT + _XY.pack(lon, lat)


def _blob_point(blob) -> tuple[float, float] | None:
    """(x, y) of a GeoPackage geometry that is one point; None for any other geometry,
    an empty one, NULL, or one we cannot read."""
    if type(blob) is bytes and len(blob) == 29 and blob[8:13] == _GP_POINT[8:13] and \
            blob[:4] == _GP_POINT[:4]:  # as geomap writes them: no header to parse
        x, y = _XY.unpack_from(blob, 13)
        return None if x != x or y != y else (x, y)
    box = _bounds(blob)
    if box is None or box[0] != box[1] or box[2] != box[3]:
        return None
    return box[0], box[2]


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


def _reading_error(path: Path, err: Exception) -> Exception:
    """What a failed read of the store is: locked, or not readable as a store."""
    if _locked(err):
        return _locked_error(path, err)
    return InputError(f"cannot read the store: {err}", path=path)


def _locked_error(path: Path, err: Exception) -> OutputError:
    return OutputError(f"{path}: the store is locked by another process (waited "
                       f"{BUSY_TIMEOUT:g} s); try again when it is done")


def _connect(path: Path) -> sqlite3.Connection:
    # mode=rw never creates a file (creating is _create's job, done atomically); a file
    # the user may not write opens read-only. Transactions are explicit (BEGIN/COMMIT).
    uri = "file:" + urllib.parse.quote(os.fsencode(path.absolute())) + "?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    _add_functions(conn)
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


# -- claims the quick way ------------------------------------------------------------------
#
# The reader's rules (read.claim_from_fields) were most of an ingest's and of a load's time:
# 100,000 claims, 5 of 6 seconds. Nearly every claim is already as those rules leave it
# (fields stripped, no character they replace, values in their sets, numbers in range), and
# then the claim they would build is the one at hand. _Canonical sees that in a few steps,
# with the reader's own patterns; a claim it is not sure of goes the reader's way, which
# decides (and words any error). tests/test_store_select.py holds the two ways together.

# COLUMNS and Claim's fields, in the order _Canonical unpacks and builds them: if either
# changes, every claim goes the reader's way (and a test says so) until this follows.
_CANONICAL_COLUMNS = ("date", "place", "claimant", "claimant_side", "stance", "event",
                      "actor", "text", "source", "url", "id", "place_id", "lat", "lon",
                      "precision", "published", "date_precision", "role", "publisher",
                      "span_start", "span_end", "depth_km", "confidence", "check")
_CANONICAL_FIELDS = ("id", "text", "claimant", "claimant_side", "stance", "event", "actor",
                     "place", "place_id", "date", "date_precision", "published", "source",
                     "publisher", "url", "role", "precision", "lat", "lon", "span_start",
                     "span_end", "depth_km", "confidence", "check", "origin")
_QUICK = tuple(COLUMNS) == _CANONICAL_COLUMNS and tuple(
    f.name for f in dataclasses.fields(Claim)) == _CANONICAL_FIELDS
_SPAN_LIMIT = 10 ** 15  # read._OFFSET: at most 15 digits
_values_of = attrgetter(*COLUMNS)
_ID = COLUMNS.index("id")
_texts_of = itemgetter(*(i for i, c in enumerate(_CANONICAL_COLUMNS) if c not in (
    "lat", "lon", "span_start", "span_end", "depth_km", "confidence")))


class _Canonical:
    """Claims built straight from values already as the reader's rules leave them."""

    def __init__(self):
        self._dates: dict[str, bool] = {}

    def _date(self, value: str) -> bool:
        known = self._dates.get(value)
        if known is None:  # dates repeat: each is parsed once
            try:
                known = _DATE.fullmatch(value) is not None and parse_date(value)[0] == value
            except ValueError:
                known = False
            if len(self._dates) < 100_000:
                self._dates[value] = known
        return known

    def ok(self, values: tuple, lat, lon) -> bool:
        """Whether ``claim_from_fields`` would take these values (COLUMNS, as a claim holds
        them; ``lat``, ``lon`` apart) as they are: no field it would change or refuse."""
        if not _QUICK:
            return False
        (date, place, claimant, side, stance, event, actor, text, source, url, ident,
         place_id, _, _, precision, published, date_precision, role, publisher, span_start,
         span_end, depth, confidence, check) = values
        texts = _texts_of(values)
        try:
            if tuple(map(str.strip, texts)) != texts:
                return False
        except TypeError:  # a value that is no text
            return False
        joined = "".join(texts)
        # (printable text has none of the characters the reader replaces: a quick look first)
        if not joined.isprintable() and _BAD_CHARS.search(joined):
            return False
        if not (ident and place and claimant and side and text and stance in STANCES
                and event in EVENTS and role in ROLES and date_precision in DATE_PRECISIONS
                and (not precision or precision in PRECISIONS)
                and (not date or self._date(date))
                and (not published or self._date(published))
                and (not place_id or _PLACE_ID.fullmatch(place_id))
                and (not url or _PLAIN_URL.fullmatch(url))):
            return False
        if not (lat is None and lon is None or type(lat) is float and type(lon) is float
                and -90 <= lat <= 90 and -180 <= lon <= 180):
            return False
        return ((depth is None or type(depth) is float and 0 < depth <= 100)
                and (confidence is None or type(confidence) is float and 0 <= confidence <= 1)
                and (span_start is None or type(span_start) is int
                     and 0 <= span_start < _SPAN_LIMIT)
                and (span_end is None or type(span_end) is int and 0 <= span_end < _SPAN_LIMIT))

    def claim(self, values: tuple, point: tuple[float, float] | None, origin: str
              ) -> Claim | None:
        """The claim ``claim_from_fields`` would build from values read from a store (as
        ``ok`` takes them) and the point its geometry gives (lon, lat; None: the lat/lon
        columns), or None when that takes its rules. A stored number reads as ``_text``
        writes it: -0.0 as 0.0."""
        if point is not None:
            lon, lat = point
        else:
            lat, lon = values[12], values[13]
            if type(lat) is float:
                lat += 0.0
            if type(lon) is float:
                lon += 0.0
        if not self.ok(values, lat, lon):
            return None
        (date, place, claimant, side, stance, event, actor, text, source, url, ident,
         place_id, _, _, precision, published, date_precision, role, publisher, span_start,
         span_end, depth, confidence, check) = values
        if confidence is not None:
            confidence += 0.0
        return Claim(ident, text, claimant, side, stance, event, actor, place, place_id, date,
                     date_precision, published, source, publisher, url, role, precision, lat,
                     lon, span_start, span_end, depth, confidence, check, origin)


_TEXT_COLUMNS = tuple(c for c in _CANONICAL_COLUMNS if c not in (
    "lat", "lon", "span_start", "span_end", "depth_km", "confidence"))
_NONE_TYPE = type(None)


def _plain_columns(claims: list) -> dict[str, list] | None:
    """The claims' values a column at a time (_CANONICAL_COLUMNS -> list), read from each
    claim's ``__dict__`` (twice as fast as its attributes); None if a claim is no plain
    Claim."""
    if not _QUICK or set(map(type, claims)) != {Claim}:
        return None
    dicts = list(map(vars, claims))
    try:
        return {name: list(map(itemgetter(name), dicts)) for name in _CANONICAL_COLUMNS}
    except KeyError:  # a field deleted behind the frozen dataclass's back
        return None


def _in_range(values: list, low: float, high: float, *, low_open: bool = False) -> bool:
    """Whether every value (floats, no None) lies in [low, high] ((low, high] if
    ``low_open``); NaN does not."""
    if not values:
        return True
    import numpy as np

    a = np.fromiter(values, dtype=float, count=len(values))
    inside = (a > low if low_open else a >= low) & (a <= high)  # NaN: False
    return bool(inside.all())


class _Columns(dict):
    """Claims' values a column at a time (COLUMNS -> list), and ``text``: the values of
    their text columns joined as _texts_canonical joins them (GeoParquet cuts its arrays
    from it)."""

    def __init__(self, columns: dict[str, list], text: str):
        super().__init__(columns)
        self.text = text


def _all_canonical(claims: list) -> _Columns | None:
    """The claims' values a column at a time (COLUMNS -> list) if ``_Canonical.ok`` takes
    every one of them (as _checked asks it), else None; decided a column at a time: a set
    of types, of distinct values, one look over all the text. It may say no where ``ok``
    takes them all (a str subclass, say): then each claim is asked.
    tests/test_ingest_speed_store.py holds the two together."""
    col = _plain_columns(claims) if claims else None
    text = None if col is None else _canonical_columns(col)
    return None if text is None else _Columns(col, text)


# Text columns that _Canonical.ok asks a value of, first (see _texts_canonical).
_FILLED = ("id", "place", "claimant", "claimant_side", "text")
_TEXT_ORDER = (*_FILLED, *(c for c in _TEXT_COLUMNS if c not in _FILLED))


@cache
def _spaces():
    """Whether each code point up to U+3000 is whitespace (str.isspace, which str.strip
    strips), then False for any code point beyond (none is whitespace: a test says so)."""
    import numpy as np

    return np.array([chr(i).isspace() for i in range(0x3001)] + [False])


def _texts_canonical(col: dict[str, list]) -> str | None:
    """The values of the text columns joined, if every one is text, stripped (no
    whitespace at either end), without a character the reader replaces (_BAD_CHARS), and
    not empty in the columns _FILLED: what _Canonical.ok asks of each, asked of all the
    text at once; else None. The values are joined column by column (_TEXT_ORDER) with NUL
    between them and at both ends, then looked at as an array of code points: each NUL is
    a value's edge (a NUL within a value is one too many)."""
    import numpy as np

    n = len(col["id"])
    try:  # (a column at a time: a third quicker than all the values in one join)
        joined = "\x00".join(["", *("\x00".join(col[c]) for c in _TEXT_ORDER), ""])
    except TypeError:  # a value that is no text
        return None
    if joined.isascii():
        codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    else:
        try:
            codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate: a character the reader replaces
            return None
        if np.count_nonzero((codes >= 0xFFFE) & (codes <= 0xFFFF)):
            return None
    # (one array of booleans, used again: each new array of the text's size costs its
    # memory's first touch too)
    mask = codes == 0
    edges = np.flatnonzero(mask)
    if len(edges) != len(_TEXT_ORDER) * n + 1:
        return None
    # Of the control characters, only the edges and tab, newline, return.
    if np.count_nonzero(np.less(codes, 32, out=mask)) != len(edges) + sum(
            map(joined.count, "\t\n\r")):
        return None
    spaces = _spaces()
    for beside in (codes[edges[1:] - 1], codes[edges[:-1] + 1]):  # (a value's last, first)
        if beside.dtype != np.uint8:
            beside = np.minimum(beside, len(spaces) - 1)
        if spaces[beside].any():
            return None
    # (an empty value: two edges side by side)
    return None if (np.diff(edges[:len(_FILLED) * n + 1]) == 1).any() else joined


def _canonical_columns(col: dict[str, list]) -> str | None:
    """_texts_canonical's text if _Canonical.ok takes every claim of these columns."""
    text = _texts_canonical(col)
    if text is None or not _numbers_and_sets_canonical(col):
        return None
    return text


def _numbers_and_sets_canonical(col: dict[str, list]) -> bool:
    distinct = {name: set(col[name]) for name in (
        "stance", "event", "role", "date_precision", "precision", "date", "published",
        "place_id")}
    if not (distinct["stance"] <= set(STANCES) and distinct["event"] <= set(EVENTS)
            and distinct["role"] <= set(ROLES)
            and distinct["date_precision"] <= set(DATE_PRECISIONS)
            and distinct["precision"] - {""} <= set(PRECISIONS)):
        return False
    quick = _Canonical()
    if not all(quick._date(d) for d in (distinct["date"] | distinct["published"]) - {""}):
        return False
    if not all(map(_PLACE_ID.fullmatch, distinct["place_id"] - {""})):
        return False
    urls = set(col["url"]) - {""}
    if not all(map(_PLAIN_URL.fullmatch, urls)):
        return False
    # lat and lon: both None, or both floats in range
    lats, lons = col["lat"], col["lon"]
    if not (set(map(type, lats)) | set(map(type, lons))) <= {float, _NONE_TYPE}:
        return False
    if list(map(is_, lats, repeat(None))) != list(map(is_, lons, repeat(None))):
        return False
    given_lats = [x for x in lats if x is not None]
    given_lons = [x for x in lons if x is not None]
    if not (_in_range(given_lats, -90, 90) and _in_range(given_lons, -180, 180)):
        return False
    for name, low, high, low_open in (("depth_km", 0, 100, True),
                                      ("confidence", 0, 1, False)):
        values = col[name]
        if values.count(None) != len(values):
            if not set(map(type, values)) <= {float, _NONE_TYPE}:
                return False
            if not _in_range([x for x in values if x is not None], low, high,
                             low_open=low_open):
                return False
    for name in ("span_start", "span_end"):
        values = col[name]
        if values.count(None) != len(values):
            if not set(map(type, values)) <= {int, _NONE_TYPE}:
                return False
            given = [x for x in values if x is not None]
            if not (0 <= min(given) and max(given) < _SPAN_LIMIT):
                return False
    return True


class _Checked(list):
    """Checked claims, none a repeat, with their values read once, a column at a time
    (``columns``: COLUMNS -> list, with their ``text``)."""

    def __init__(self, claims: list[Claim], columns: _Columns):
        super().__init__(claims)
        self.columns = columns


def _checked(claims: list[Claim]) -> list[Claim | None]:
    """Each claim as it will read back from the store, or None for a repeat of an earlier
    claim of this ingest; InputError (naming the claim's origin) for any claim that would
    not read back, and for two different claims with one id. Nothing is written before."""
    columns = _all_canonical(claims)  # (the common case, a column at a time)
    if columns is not None and len(set(columns["id"])) == len(claims):
        return _Checked(claims, columns)
    out: list[Claim | None] = []
    first: dict[str, Claim] = {}
    quick = _Canonical()
    for c in claims:
        # A Claim as the reader leaves it reads back as itself; any other, the reader says.
        if type(c) is Claim and quick.ok(values := _values_of(c), values[12], values[13]):
            back = c
        else:
            back = _read_back(c)
        seen = first.setdefault(back.id, back)
        if seen is back:
            out.append(back)
        elif seen == back:
            out.append(None)  # the same claim twice in one ingest: "already there"
        else:
            raise InputError(f"claim id {back.id!r} is given to two different claims, at "
                             f"{seen.origin or '?'} and {c.origin or '?'}; nothing was stored")
    return out


def _read_back(c: Claim) -> Claim:
    """The claim as the store will read it back, by the reader's rules; InputError if it
    would not."""
    fields = fields_of(c)
    try:
        # NUL ends a string in GDAL and QGIS; a lone surrogate (JSON "\ud800") is not
        # UTF-8, so SQLite cannot even take it.
        text = "".join(fields.values())
        if "\x00" in text:
            raise ValueError(f"{next(k for k, v in fields.items() if chr(0) in v)} holds "
                             "a NUL character")
        text.encode("utf-8")
        # The reader's own rules, on the text the store will hold (as load reads it).
        return claim_from_fields(fields, c.origin)
    except ValueError as err:
        raise InputError(f"this claim would not read back from the store: {err}; "
                         "nothing was stored", path=c.origin or f"claim {c.id!r}") from err


def _places(checked: list[Claim | None], located) -> list[tuple[float, float] | None]:
    """For each claim, the point stored for it when it gives no lat/lon of its own: its
    place's point from ``located`` (claim id -> (lon, lat)), or None. InputError for a
    point that is not a longitude and a latitude; nothing is written before."""
    if not located:
        return [None] * len(checked)
    get = located.get
    if isinstance(checked, _Checked):  # (no None among them, and their columns at hand)
        given = list(map(get, checked.columns["id"]))
        for i in compress(count(), map(is_not, checked.columns["lat"], repeat(None))):
            given[i] = None  # (a claim's own lat/lon win)
    else:
        given = [None if claim is None or claim.lat is not None else get(claim.id)
                 for claim in checked]
    points = [g for g in given if g is not None]
    # (the common case, all at once: pairs of floats in range, taken as they are)
    if set(map(type, points)) <= {tuple} and set(map(len, points)) <= {2} and \
            set(map(type, chain.from_iterable(points))) <= {float}:
        import numpy as np

        xy = np.fromiter(chain.from_iterable(points), dtype=float,
                         count=2 * len(points)).reshape(-1, 2)
        if bool(((xy[:, 0] >= -180) & (xy[:, 0] <= 180) & (xy[:, 1] >= -90)
                 & (xy[:, 1] <= 90)).all()):
            return given
    out: list[tuple[float, float] | None] = []
    for claim, point in zip(checked, given):
        if point is not None:
            point = _lonlat(point)
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
    if not (type(lon) is float and type(lat) is float or all(
            isinstance(v, numbers.Real) and not isinstance(v, bool) for v in (lon, lat))):
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
    upgrades it (in the same transaction; see the module's doc). A path NAME.parquet is a
    GeoParquet store (geomap.geoparquet), written all or nothing likewise.
    """
    with without_collections():  # (bulk work on every claim: see garbage.without_collections)
        return _ingest(Path(path), claims, inputs, progress, located)


def _ingest(path: Path, claims: list[Claim], inputs: list[dict], progress, located
            ) -> IngestResult:
    checked = _checked(claims)  # before the store is even created: a bad claim stores nothing
    places = _places(checked, located)
    if is_geoparquet(path):
        from .geoparquet import ingest as ingest_geoparquet

        return ingest_geoparquet(path, checked, places, inputs, progress=progress)
    conn, layer = _open(path, create=True)
    try:
        # What load needs, and the id; any other column of the claims format is added in
        # the write transaction below (a store made before geomap had the column).
        _lacks(layer, [*REQUIRED, "id"], path)
        if not layer.geom or layer.geometry_type not in ("POINT", "GEOMETRY") \
                or layer.srs_id != 4326:
            raise InputError(f"is not a geomap store: its '{TABLE}' layer is not points in "
                             "EPSG:4326", path=path)
        conn.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KIB}")
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
    # The index a date range is read by (select): a store from before it gets it once.
    if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = ?",
                        (f"{TABLE}_date",)).fetchone()[0]:
        conn.execute(f"CREATE INDEX {TABLE}_date ON {_q(TABLE)} "
                     f"({_q(layer.columns['date'])})")
        changed = True
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
        # A number goes into a TEXT column (a store from before schema 2) as its text.
        self.text = [c in _NUMERIC and _affinity(layer.types.get(c, "")) == "TEXT"
                     for c in stored]
        self.any_text = any(self.text)
        names = [_q(layer.columns[c]) for c in COLUMNS] + [_q(layer.geom)] + \
            [_q(layer.columns[c]) for c in PLACE_COLUMNS]
        # New ids (looked up first) are inserted together (_insert).
        self.insert = f"INSERT INTO {table} ({', '.join(names)})"
        self.update = (f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} "
                       f"WHERE {ident} = ?")
        self.select_all = f"SELECT {ident}, {', '.join(names)} FROM {table}"
        self.select = f"{self.select_all} WHERE {ident} IN "
        place = names[len(COLUMNS):]
        self.place = (f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in place)} "
                      f"WHERE {ident} = ?")

    def rows(self, places: list, columns: dict[str, list]) -> _Rows | None:
        """The rows of checked claims (``columns``: their values, as _Checked holds them)
        at these places (PLACE_COLUMNS), in id order, for ``_insert``; None when ``row``
        must make them (numbers go into TEXT columns)."""
        if self.any_text:
            return None
        lats, lons, pack = columns["lat"], columns["lon"], _XY.pack
        # Python's sqlite3 binds str, int, float and bytearray straight, but looks up an
        # adapter for every other value (None, bytes: half a microsecond each, a third of
        # the insert): so an empty number or geometry is '' here, which the statement
        # makes NULL again (nullif), and a geometry is a bytearray (the same blob).
        # The claim's own point (given by its source), else its place's, else none.
        geoms = [bytearray(_GP_POINT + pack(lon, lat)) if lat is not None else
                 bytearray(_GP_POINT + pack(*place)) if place is not None else _EMPTY
                 for lat, lon, place in zip(lats, lons, places)]
        place_lons, place_lats = (
            [place[i] if lat is None and place is not None else _EMPTY
             for lat, place in zip(lats, places)] for i in (0, 1))
        stored = [[_EMPTY if v is None else v for v in columns[c]] if c in _NUMERIC
                  else columns[c] for c in COLUMNS] + [geoms, place_lons, place_lats]
        nullable = [c in _NUMERIC for c in COLUMNS] + [True] * (1 + len(PLACE_COLUMNS))
        # A column of one text in every row (often '': no publisher, no depth) is bound
        # once per statement, not once per row: a third fewer values to bind.
        n = len(geoms)
        same = [n > 1 and type(v[0]) is str and v[-1] == v[0] and v.count(v[0]) == n
                for v in stored]
        rows = list(zip(*(v for v, one in zip(stored, same) if not one)))
        varying = [c for c, one in zip(COLUMNS, same) if not one]
        if "id" in varying:  # (in id order: see _write)
            rows.sort(key=itemgetter(varying.index("id")))
        return _Rows(rows, [v[0] for v, one in zip(stored, same) if one], same, nullable,
                     _blobs_extent(geoms))

    def row(self, claim: Claim, place: tuple[float, float] | None) -> list:
        """The claim's columns, its geometry, then its place point (PLACE_COLUMNS)."""
        if claim.lat is not None:  # the source's own coordinates
            row = [*_values_of(claim), _GP_POINT + _XY.pack(claim.lon, claim.lat), None, None]
        elif place is not None:
            row = [*_values_of(claim), _GP_POINT + _XY.pack(*place), *place]
        else:
            row = [*_values_of(claim), None, None, None]
        if self.any_text:
            n = len(COLUMNS)
            values = row[:n] + row[n + 1:]
            values = [None if v is None else str(v) if as_text else v
                      for v, as_text in zip(values, self.text)]
            row = values[:n] + [row[n]] + values[n:]
        return row


# Ids asked for in one SELECT ... IN (...): within SQLite's 999 variables of old builds.
_IDS_PER_QUERY = 500
# Ids from which a quarter of the table or more is read whole by _stored (fewer: by id).
_SCAN_FROM = 1000
# Values given to one INSERT of many rows: within those 999 variables too.
_VALUES_PER_INSERT = 999
# geomap's date index, as a new store makes it and as an older store is given it (the
# statements SQLite keeps in sqlite_master): the first made again after a bulk insert
_DATE_INDEX_SQL = (f'CREATE INDEX {TABLE}_date ON {TABLE} ("date")',
                   f'CREATE INDEX {TABLE}_date ON {_q(TABLE)} ("date")')
_EMPTY = ""  # an empty number or geometry in _Statements.rows


# An extent _contents must read from the table.
_UNKNOWN = object()


@dataclass
class _Rows:
    """New rows as _insert takes them: each row's values of the columns not in
    ``constants`` (``same``, by stored column: its value is the next constant's, in every
    row); a ``nullable`` column's '' is NULL."""

    rows: list[tuple]
    constants: list = dataclasses.field(default_factory=list)
    same: list[bool] | None = None
    nullable: list[bool] | None = None
    # [min_x, min_y, max_x, max_y] of their geometries (None: none has one), where
    # _blobs_extent can tell it; else _UNKNOWN.
    extent: list[float] | None | object = _UNKNOWN


def _blobs_extent(geoms: list) -> list[float] | None:
    """The extent of new rows' geometries (_Statements.rows: each a bytearray, or '' for
    none), as _extent reads it back from the table. (Read in another order, an edge at 0
    may be -0.0 rather than 0.0: gpkg_contents' REAL columns store both as 0.0.)"""
    return _extent([bytes(g) for g in geoms if g])


def _insert(conn: sqlite3.Connection, insert: str, new: _Rows) -> None:
    """INSERT the rows, in order, a few dozen to a statement (one statement per row costs
    a quarter more: each runs the AUTOINCREMENT bookkeeping again); ``insert`` is
    "INSERT INTO table (columns)". The constants are bound once per statement (?1, ?2, ...),
    then each row's values."""
    rows, constants = new.rows, new.constants
    if not rows:
        return
    k = len(constants)
    width = len(rows[0])
    same = new.same or [False] * (k + width)
    nullable = new.nullable or [False] * len(same)

    def values(r: int) -> str:  # the r-th row of a statement: its parameters' numbers
        cells, constant, value = [], 0, k + r * width
        for one, empty in zip(same, nullable):
            if one:
                constant += 1
                number = constant
            else:
                value += 1
                number = value
            cells.append(f"nullif(?{number}, '')" if empty else f"?{number}")
        return f"({', '.join(cells)})"

    per = max(1, (_VALUES_PER_INSERT - k) // max(width, 1))
    full = f"{insert} VALUES {', '.join(map(values, range(per)))}"
    whole = len(rows) - len(rows) % per
    for i in range(0, whole, per):
        conn.execute(full, [*constants, *chain.from_iterable(rows[i:i + per])])
    if whole < len(rows):
        rest = rows[whole:]
        conn.execute(f"{insert} VALUES {', '.join(map(values, range(len(rest))))}",
                     [*constants, *chain.from_iterable(rest)])


def _is_empty(conn: sqlite3.Connection) -> bool:
    return not conn.execute(f"SELECT EXISTS (SELECT 1 FROM {_q(TABLE)})").fetchone()[0]


def _stored(conn: sqlite3.Connection, sql: _Statements, ids: list[str]) -> dict:
    """The stored rows (columns, geometry, place point) of these ids, by id."""
    out = {}
    if len(ids) >= _SCAN_FROM and 4 * len(ids) >= conn.execute(
            f"SELECT count(*) FROM {_q(TABLE)}").fetchone()[0]:
        # A quarter of the table or more: read whole, a quarter less work than looking up
        # each id (in its index, then in the table). (Kept by the id as it is stored, as
        # below: _write looks them up by the claims' ids.)
        wanted = set(ids)
        for row in conn.execute(sql.select_all):
            if row[0] in wanted:
                out[row[0]] = row[1:]
        return out
    for i in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[i:i + _IDS_PER_QUERY]
        for row in conn.execute(sql.select + f"({', '.join('?' * len(chunk))})", chunk):
            out[row[0]] = row[1:]
    return out


def _write(conn: sqlite3.Connection, layer: _Layer, checked: list[Claim | None],
           places: list[tuple[float, float] | None], inputs: list[dict], progress,
           upgraded: bool) -> IngestResult:
    sql = _Statements(layer)
    n = len(COLUMNS)
    empty = _is_empty(conn)
    stored = {} if empty else _stored(conn, sql, [c.id for c in checked if c is not None])
    added = known = placed = 0
    new_rows, moved, corrected, replaced = [], [], [], []
    updated: list[tuple[str, str]] = []
    quick = None
    one_by_one: range | list[int] = range(len(checked))  # the claims looked at one by one
    sorted_out = isinstance(checked, _Checked) and not sql.any_text
    if sorted_out:
        # (their columns at hand: the new claims' rows made at once, the claims stored as
        # they are counted, and only the others looked at one by one)
        fresh, one_by_one, known = _sorted_out(checked.columns, places, stored)
        if len(fresh) == len(checked):  # (a new store, often)
            quick = sql.rows(places, checked.columns)
        elif fresh:
            quick = sql.rows([places[i] for i in fresh],
                             {c: [checked.columns[c][i] for i in fresh] for c in COLUMNS})
        if quick is not None:
            new_rows = quick.rows
            added = len(new_rows)
    for i in one_by_one:
        claim, place = checked[i], places[i]
        if claim is not None:
            row = sql.row(claim, place)
            old = stored.get(claim.id)
            if old is None:
                new_rows.append(row)
                added += 1
            elif list(old[:n]) == row[:n] or _same(old[:n], claim):  # same text, or claim
                known += 1
                if place is not None and _replaceable(old[n], old[n + 1:], place):
                    moved.append([*row[n:], claim.id])
                    placed += 1
            else:
                # A corrected claim: same id, other content or place. The version it
                # replaces is kept in geomap_replaced (nothing is lost); the geometry
                # follows (and GDAL's R-tree triggers, if any, move its index entry).
                replaced.append((claim.id, _replaced_json(old[:n]), claim.origin))
                corrected.append([*row, claim.id])
                updated.append((claim.id, claim.origin))
        else:
            known += 1
        if progress and not sorted_out:
            progress(i + 1)
    if progress and sorted_out:  # (every claim was looked at: counted once it is done)
        for i in range(len(checked)):
            progress(i + 1)
    # In id order: the id index grows at its end, and the table is read back in its order.
    if quick is None:
        new_rows.sort(key=itemgetter(COLUMNS.index("id")))
    # Into an empty layer, the date index is made again after the rows (in one sort)
    # rather than kept up row by row: a third less work. Only where it is geomap's own
    # index, made again by geomap's own statement: the SQL a store file holds is data, never
    # run. (All in this transaction: a kill leaves the index as it was.)
    index = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ? "
                         "AND tbl_name = ?", (f"{TABLE}_date", TABLE)).fetchone() \
        if empty and len(new_rows) >= 1000 else None
    remade = index is not None and index[0] in _DATE_INDEX_SQL
    if remade:
        conn.execute(f"DROP INDEX {_q(TABLE + '_date')}")
    # (A constraint of a layer another tool made, or an id column that compares ids
    # otherwise than geomap, refuses the ingest: "cannot write the store", nothing stored.)
    _insert(conn, sql.insert, _Rows(new_rows) if quick is None else quick)
    if remade:
        conn.execute(_DATE_INDEX_SQL[0])
    conn.executemany("INSERT INTO geomap_replaced (id, claim, replaced_by) VALUES (?, ?, ?)",
                     replaced)
    conn.executemany(sql.update, corrected)
    conn.executemany(sql.place, moved)
    recorded = 0
    for item in inputs:  # one row per file content, however often it is ingested
        recorded += conn.execute(
            "INSERT OR IGNORE INTO geomap_inputs (sha256, name, claims) VALUES (?, ?, ?)",
            (item["sha256"], item["name"], item.get("claims", 0))).rowcount
    changed = [TABLE] if added or updated or placed or upgraded else []
    changed += ["geomap_inputs"] * bool(recorded) + ["geomap_replaced"] * bool(updated)
    changed += ["geomap_meta"] * upgraded
    if changed:
        # (into an empty layer, the new rows are all there is: their extent is at hand)
        _contents(conn, layer, changed, quick.extent if empty and quick is not None and not
                  (corrected or moved) else _UNKNOWN)
    return IngestResult(added, known, len(updated), tuple(updated), placed)


def _sorted_out(columns: dict[str, list], places: list, stored: dict
                ) -> tuple[list[int], list[int], int]:
    """Checked claims (``columns``: their values, as _Checked holds them) beside their
    stored rows (``stored``: by id, as _stored reads them): (the indexes of the new claims;
    of the stored ones to look at one by one, in order; how many are stored as they are).
    A claim is stored as it is when its row's values are the stored ones (what _write asks
    first) and its stored place point is the one given (or none is given): then _write
    would count it "already there" and change nothing. tests/test_store_speed_quick.py
    holds the two ways together."""
    if not stored:
        return list(range(len(places))), [], 0
    n = len(COLUMNS)
    get = stored.get
    fresh, others, same = [], [], 0
    for i, (values, place, ident) in enumerate(zip(zip(*map(columns.__getitem__, COLUMNS)),
                                                   places, columns["id"])):
        old = get(ident)
        if old is None:
            fresh.append(i)
        elif old[:n] == values and (place is None or old[n + 1:] == place):
            same += 1
        else:
            others.append(i)
    return fresh, others, same


def _replaced_json(stored: tuple) -> str:
    """A stored claim's columns as JSON, as geomap_replaced keeps a replaced version."""
    return _REPLACED_JSON(dict(zip(COLUMNS, stored)))


def _extent(blobs: list) -> list[float] | None:
    """[min_x, min_y, max_x, max_y] of these GeoPackage geometries; None if none has one."""
    import numpy as np

    blobs = [b for b in blobs if b is not None]
    if set(map(type, blobs)) == {bytes} and set(map(len, blobs)) == {29}:
        plain = blobs  # (the common case, as geomap writes them: each looked at at once)
    else:
        plain = [b for b in blobs if type(b) is bytes and len(b) == 29]
    xs = ys = np.empty(0)
    if plain:  # points as geomap writes them, read all at once
        table = np.frombuffer(b"".join(plain), dtype=np.dtype(
            [("head", "V4"), ("srs", "<i4"), ("wkb", "V5"), ("x", "<f8"), ("y", "<f8")]))
        ours = (table["head"] == np.void(_GP_POINT[:4])) & \
            (table["wkb"] == np.void(_GP_POINT[8:13]))
        if ours.all():
            xs, ys = table["x"], table["y"]
            keep = ~(np.isnan(xs) | np.isnan(ys))  # an empty point
            xs, ys = xs[keep], ys[keep]
            blobs = [] if plain is blobs else [
                b for b in blobs if not (type(b) is bytes and len(b) == 29)]
    box = [float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())] if len(xs) \
        else None
    for blob in blobs:  # any other geometry: its box counts
        edges = _bounds(blob)
        if edges is not None:
            box = [edges[0], edges[2], edges[1], edges[3]] if box is None else [
                min(box[0], edges[0]), min(box[1], edges[2]), max(box[2], edges[1]),
                max(box[3], edges[3])]
    return box


def _contents(conn: sqlite3.Connection, layer: _Layer, changed: list[str],
              extent: list[float] | None | object = _UNKNOWN) -> None:
    """gpkg_contents (and GDAL's gpkg_ogr_contents) for the tables this ingest changed:
    caches GDAL and QGIS trust. The layer's extent is its geometries' real extent (NULL
    when none has one; ``extent``, if known, else read), last_change is now, and feature
    counts are counted again."""
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    for name in changed:
        if name == TABLE:
            box = extent if extent is not _UNKNOWN else _extent(list(map(
                itemgetter(0), conn.execute(f"SELECT {_q(layer.geom)} FROM {_q(TABLE)}"))))
            conn.execute(f"UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, "
                         f"max_y = ?, last_change = {now} WHERE table_name = ?",
                         (*(box or (None,) * 4), TABLE))
        else:
            conn.execute(f"UPDATE gpkg_contents SET last_change = {now} WHERE table_name = ?",
                         (name,))
    if _has_table(conn, "gpkg_ogr_contents"):
        for name in changed:
            conn.execute(f"UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) "
                         f"FROM {_q(name)}) WHERE lower(table_name) = lower(?)", (name,))


def _jsonable(value):
    if isinstance(value, bytes):  # a blob another tool stored: kept, as hexadecimal
        return value.hex()
    raise TypeError(f"{type(value).__name__} is not JSON")


# json.dumps(value, sort_keys=True, ensure_ascii=False, default=_jsonable), its encoder made
# once (json.dumps makes one a call when given options).
_REPLACED_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False,
                                  default=_jsonable).encode


def _replaceable(geom, stored_place: tuple, place: tuple[float, float],
                 point_of=_blob_point) -> bool:
    """Whether a known claim's stored point may become its place's point: it has none and
    never had one from geomap (a store from before schema 2), or it is geomap's place point
    (not moved in a GIS tool) and the gazetteer now puts the place elsewhere. ``point_of``
    reads the stored geometry (a GeoPackage blob; WKB in a GeoParquet store)."""
    old = _stored_point(stored_place)
    if old is None:
        return geom is None
    return point_of(geom) == old and old != place


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


# The claims of stored rows as the reader reads them, for _same (its dates cache: dates
# repeat from one ingest to the next).
_STORED = _Canonical()


def _same(stored: tuple, claim: Claim) -> bool:
    """Whether a stored row is this claim (compared as claims: 39.5 and '39.5' agree)."""
    # (a row stored as the reader leaves it is the claim _Canonical builds: no rules to run)
    if type(stored[_ID]) is str and (back := _STORED.claim(tuple(stored), None, "")):
        return back == claim
    try:
        fields = {k: _text(v, k) for k, v in zip(COLUMNS, stored)}
        return claim_from_fields(fields, "") == claim
    except ValueError:
        return False  # a stored row that no longer reads back: the new claim replaces it


# -- reading claims -----------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """The stored claims within the dates and the box asked for, in id order, and how many
    stored claims each filter left out: ``outside_dates`` (by --from/--to; undated claims
    are in no range), then, of the others, ``outside_bbox`` (their point outside the box).
    Every stored claim is in one of the three (``stored`` counts them)."""

    claims: list[Claim]
    outside_dates: int = 0
    outside_bbox: int = 0

    @property
    def stored(self) -> int:
        return len(self.claims) + self.outside_dates + self.outside_bbox


def is_geoparquet(path: str | Path) -> bool:
    """Whether a store path names a GeoParquet store (a directory NAME.parquet), not a
    GeoPackage."""
    return Path(path).name.lower().endswith(".parquet")


def load(path: str | Path, *, date_from: str | None = None, date_to: str | None = None
         ) -> list[Claim]:
    """The stored claims, in id order, within the dates given (inclusive). It never
    writes: a store of any schema loads as it is.

    A claims layer another tool wrote is read where it has the required columns (the
    others are empty); a point geometry gives lat/lon (over the columns: a point moved in
    QGIS is moved) unless it is the claim's stored place point (PLACE_COLUMNS), which
    gives none; a row that does not read as a claim is an InputError naming the store and
    the claim's id. A path NAME.parquet is a GeoParquet store (geomap.geoparquet).
    """
    return select(path, date_from=date_from, date_to=date_to).claims


def select(path: str | Path, *, date_from: str | None = None, date_to: str | None = None,
           bbox: tuple[float, float, float, float] | None = None) -> Selection:
    """The stored claims within the dates (as read.in_date_range takes them) and within
    ``bbox`` (min_lon, min_lat, max_lon, max_lat, inclusive), both filters done by the
    store (SQL, or the GeoParquet's partitions and row groups), with the counts they left
    out. A claim's point is where ``load`` and the map put it: its geometry, or its own
    lat/lon, or the point its place had when it was stored; a claim stored without any
    point is kept (the map places it, or says why not, and its box applies then).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> select(folder / "none.gpkg", date_from="2021-05-14", date_to="2021-05-13")
    Traceback (most recent call last):
    ...
    geomap.errors.InputError: --from 2021-05-14 is after --to 2021-05-13
    """
    path = Path(path)
    check_date_range(date_from, date_to)
    box = _checked_bbox(bbox)
    # A bound as a spreadsheet writes a day (14.05.2021) is that day (2021-05-14): compared
    # as it is written, it would not mean it.
    date_from, date_to = (parse_date(v)[0] if v else None for v in (date_from, date_to))
    if is_geoparquet(path):
        from .geoparquet import select as select_geoparquet

        return select_geoparquet(path, date_from=date_from, date_to=date_to, bbox=box)
    return _select(path, date_from, date_to, box)


def ingested(path: str | Path) -> dict[str, int]:
    """The sha256 of every input the store records (its geomap_inputs), with the number of
    claims each gave: {} for a store that records none, or no store at all."""
    path = Path(path)
    if not path.exists():
        return {}
    if is_geoparquet(path):
        from .geoparquet import ingested as ingested_geoparquet

        return ingested_geoparquet(path)
    conn, _ = _open(path, create=False)
    try:
        if not _has_table(conn, "geomap_inputs"):
            return {}
        out: dict[str, int] = {}
        for sha, claims in conn.execute("SELECT sha256, claims FROM geomap_inputs ORDER BY "
                                        "rowid"):
            if isinstance(sha, str):
                out.setdefault(sha, claims if type(claims) is int else 0)
        return out
    except sqlite3.Error as err:
        raise _reading_error(path, err) from err
    finally:
        conn.close()


def _checked_bbox(bbox) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    try:
        box = tuple(float(v) for v in bbox if isinstance(v, numbers.Real)
                    and not isinstance(v, bool))
    except (TypeError, ValueError):
        box = ()
    if len(box) == 4 and all(map(math.isfinite, box)) and box[0] <= box[2] and \
            box[1] <= box[3]:
        return box
    raise InputError(f"bbox {str(bbox)[:80]} is not (min_lon, min_lat, max_lon, max_lat): "
                     "four numbers, min before max")


def _seed_sql(layer: _Layer) -> str:
    """SQL true for the seed row that stores created by geomap 0.1 could keep: "x" in every
    column (NULL in those added since), no claim."""
    terms = [f"{_q(layer.columns[c])} = 'x'" for c in REQUIRED]
    terms += [f"({_q(layer.columns[c])} IS NULL OR {_q(layer.columns[c])} = 'x')"
              for c in COLUMNS if c not in REQUIRED and c in layer.columns]
    return "(" + " AND ".join(terms) + ")"


def _date_sql(column: str, affinity: str, date_from: str | None, date_to: str | None
              ) -> str:
    """SQL true for the rows whose date ``read.in_date_range`` takes (parameters :first,
    :last, :prefix, :date_from, :date_to; see _date_parameters).

    For text, it is that function in SQL: a date's first and last day are the date with
    "-01-01"/"-12-31" (a year) or "-01"/"-31" (a month); it overlaps the range when its
    last day is not before the range's first and its first not after the range's last;
    the empty date is in no range. Text with NUL (whose length SQLite counts only up to the
    NUL) and numbers (which other tools store in a DATE column) are asked of Python; a
    blob is kept, so that reading it says what is wrong. In a TEXT column, the range of the
    date itself, a bound of every date the range takes, lets SQLite use an index.
    """
    d = column
    first = f"({d} || CASE length({d}) WHEN 4 THEN '-01-01' WHEN 7 THEN '-01' ELSE '' END)"
    last = f"({d} || CASE length({d}) WHEN 4 THEN '-12-31' WHEN 7 THEN '-31' ELSE '' END)"
    exact = [f"{d} <> ''"]
    near = []
    if date_from:
        exact.append(f"{last} >= :first")
        near.append(f"{d} COLLATE BINARY >= :prefix")
    if date_to:
        exact.append(f"{first} <= :last")
        near.append(f"{d} COLLATE BINARY <= :last")
    text = (f"CASE WHEN instr(CAST({d} AS BLOB), x'00') > 0 THEN "
            f"geomap_in_dates({d}, :date_from, :date_to) ELSE ({' AND '.join(exact)}) END")
    if affinity == "TEXT":
        # A TEXT column holds no numbers (SQLite makes them text), and blobs sort after all
        # text: two ranges of the index, and SQLite reads only them.
        return (f"(({' AND '.join(near)} AND typeof({d}) = 'text' AND {text}) "
                f"OR {d} >= x'')")
    return (f"((typeof({d}) = 'text' AND {text}) OR (typeof({d}) IN ('integer', 'real', "
            f"'blob') AND geomap_in_dates({d}, :date_from, :date_to)))")


def _date_parameters(date_from: str | None, date_to: str | None) -> dict:
    from .read import _first_day, _last_day

    first = _first_day(date_from) if date_from else None
    # A date whose last day is on or after `first` begins with a year not before first's
    # (for any text: see tests/test_store_select.py).
    return {"first": first, "prefix": first[:4] if first else None,
            "last": _last_day(date_to) if date_to else None,
            "date_from": date_from, "date_to": date_to}


def _in_dates(value, date_from, date_to) -> int:
    """``geomap_in_dates``: read.in_date_range of a stored date as the reader reads it; 1
    for a value the reader refuses (binary), which reading then names."""
    try:
        return int(in_date_range(_text(value, "date"), date_from, date_to))
    except Exception:  # noqa: BLE001 - an error in SQL would end the query: let load say it
        return 1


def _box_test(box: tuple[float, float, float, float]):
    """``geomap_keep(geom, place_lon, place_lat, lon, lat)``: 0 for a claim whose point (as
    load reads it) lies outside the box, 1 for any other (inside, no point, unreadable)."""
    x0, y0, x1, y1 = box

    def coordinate(value, name: str, limit: float):
        from .read import _coordinate

        text = _text(value, name).strip()
        return _coordinate(text, name, limit) if text else None

    def keep(geom, place_lon, place_lat, lon, lat) -> int:
        try:
            point = _blob_point(geom) if geom is not None else None
            if point is None or point == _stored_point((place_lon, place_lat)):
                # no geometry, or the place's point: the claim's own lat/lon, if it has them
                lat, lon = coordinate(lat, "lat", 90), coordinate(lon, "lon", 180)
                if lat is not None and lon is not None:
                    point = (lon, lat)
                elif lat is not None or lon is not None:
                    return 1  # one without the other: reading it says so
            if point is None:
                return 1
            return int(x0 <= point[0] <= x1 and y0 <= point[1] <= y1)
        except Exception:  # noqa: BLE001 - unreadable: kept, so that reading it says why
            return 1

    return keep


def _select(path: Path, date_from: str | None, date_to: str | None,
            box: tuple[float, float, float, float] | None) -> Selection:
    conn, layer = _open(path, create=False)
    try:
        _lacks(layer, REQUIRED, path)
        conn.create_function("geomap_in_dates", 3, _in_dates, deterministic=True)

        def column(c: str) -> str:
            if c not in layer.columns:
                return "NULL"
            name = _q(layer.columns[c])
            # Empty text as '' (what the reader makes of NULL), so that a claim reads
            # straight (_Canonical); numbers as they are.
            return name if c in _NUMERIC else f"coalesce({name}, '')"

        cols = [column(c) for c in [*COLUMNS, *PLACE_COLUMNS]]
        # The geometry gives coordinates only when they are longitude and latitude.
        geom = _q(layer.geom) if layer.geom and layer.srs_id == 4326 else "NULL"
        order = _q(layer.columns["id"]) if "id" in layer.columns else "rowid"
        seed = _seed_sql(layer)
        where = [f"NOT {seed}"]
        parameters: dict = {}
        total = within = conn.execute(f"SELECT count(*) - (SELECT count(*) FROM {_q(TABLE)} "
                                      f"WHERE {seed}) FROM {_q(TABLE)}").fetchone()[0]
        if date_from or date_to:
            date = layer.columns["date"]
            where.append(_date_sql(_q(date), _affinity(layer.types.get("date", "")),
                                   date_from, date_to))
            parameters = _date_parameters(date_from, date_to)
            within = conn.execute(f"SELECT count(*) FROM {_q(TABLE)} WHERE "
                                  f"{' AND '.join(where)}", parameters).fetchone()[0]
        if box is not None:
            conn.create_function("geomap_keep", 5, _box_test(box), deterministic=True)
            place_lon, place_lat, lon, lat = (
                _q(layer.columns[c]) if c in layer.columns else "NULL"
                for c in (*PLACE_COLUMNS, "lon", "lat"))
            where.append(f"geomap_keep({geom}, {place_lon}, {place_lat}, {lon}, {lat})")
        if date_from or date_to:
            order = f"+{order}"  # (the rows of the date index, sorted: not all, in id order)
        rows = conn.execute(f"SELECT {', '.join(cols)}, {geom} FROM {_q(TABLE)} WHERE "
                            f"{' AND '.join(where)} ORDER BY {order}", parameters).fetchall()
    except sqlite3.Error as err:
        raise _reading_error(path, err) from err
    finally:
        conn.close()
    claims = _claims_of(rows, path, _blob_point)
    return Selection(claims, total - within, within - len(claims))


def _claims_of(rows, path: Path, point_of) -> list[Claim]:
    """Claims from stored rows: COLUMNS, PLACE_COLUMNS, then the geometry (``point_of``
    makes it (x, y) when it is one point, else None), as ``load`` reads them."""
    n = len(COLUMNS)
    i_id = COLUMNS.index("id")
    quick = _Canonical()
    prefix = f"{shown_path(path)}#"
    out, seen = [], set()
    for number, row in enumerate(rows, 1):
        values = row[:n]
        point = point_of(row[-1])
        if point is not None:
            # A point geometry is where the claim is: GIS tools edit it (a point moved in
            # QGIS), not the lat/lon columns, which geomap writes alongside. Unless it is
            # the place's point geomap stored: that is no coordinate the source gave.
            place_lon, place_lat = row[n], row[n + 1]
            place = (place_lon, place_lat) if type(place_lon) is float and \
                type(place_lat) is float else _stored_point((place_lon, place_lat))
            if point == place:
                point = None
        ident = values[i_id]
        claim = quick.claim(values, point, prefix + ident) if type(ident) is str else None
        if claim is None:
            claim = _claim_the_long_way(values, point, path, number)
        if claim.id in seen:
            raise InputError(f"stored claim {claim.id!r}: the id is stored twice", path=path)
        seen.add(claim.id)
        out.append(claim)
    return out


def _claim_the_long_way(values: tuple, point, path: Path, number: int) -> Claim:
    """A stored row as a claim by the reader's rules, which say what is wrong with it."""
    ident = values[COLUMNS.index("id")]
    what = f"stored claim {ident!r}" if ident not in (None, "") else f"stored claim {number}"
    try:
        fields = {k: _text(v, k) for k, v in zip(COLUMNS, values)}
        if point is not None:
            fields["lon"], fields["lat"] = repr(point[0]), repr(point[1])
        return claim_from_fields(fields, f"{shown_path(path)}#{fields['id']}")
    except ValueError as err:
        raise InputError(f"{what}: {err}", path=path) from err

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

The store is a plain GeoPackage 1.2 written with sqlite3 (a ``claims`` point layer in
EPSG:4326, no spatial index, and the ``geomap_inputs`` table of what was ingested) that
QGIS and GDAL open. A store that GDAL or QGIS touched may carry an R-tree index whose
triggers call ST_IsEmpty and ST_MinX..ST_MaxY: every connection defines those functions,
so writing keeps that index right. ``load`` reads the claims back for ``geomap map``, also
from a claims layer another tool wrote, where the columns are there.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import sqlite3
import struct
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, OutputError, shown_path
from .outputs import short_name, sweep_temporaries
from .read import COLUMNS, REQUIRED, check_date_range, claim_from_fields, in_date_range
from .records import Claim

TABLE = "claims"
# Seconds a writer waits for another to finish before it gives up (OutputError "locked").
BUSY_TIMEOUT = 30.0
APPLICATION_ID = 0x47504B47  # 'GPKG'
USER_VERSION = 10200  # GeoPackage 1.2: known to every GDAL (so QGIS) since 2.2

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]')
# Each stored claim that a correction replaced, as it was (JSON of its columns), with
# where the correction came from: a correction loses nothing.
_REPLACED_TABLE = ("CREATE TABLE IF NOT EXISTS geomap_replaced (id TEXT, claim TEXT, "
                   "replaced_by TEXT)")
_INPUTS_TABLE = "CREATE TABLE IF NOT EXISTS geomap_inputs (sha256 TEXT PRIMARY KEY, name TEXT, " \
                "claims INTEGER)"
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
  {', '.join(f'"{c}" TEXT' for c in COLUMNS)});
INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
  VALUES ('{TABLE}', 'features', '{TABLE}', 4326);
INSERT INTO gpkg_geometry_columns VALUES ('{TABLE}', 'geom', 'POINT', 4326, 0, 0);
CREATE UNIQUE INDEX {TABLE}_claim_id ON {TABLE} (id);
{_INPUTS_TABLE};
COMMIT;
"""


class IngestResult(tuple):
    """What an ingest did: unpacks as ``added, known = ...`` (known: already there).

    ``updated`` counts stored claims replaced by a corrected claim with the same id.
    ``added + known + updated`` is the number of claims given.
    """

    def __new__(cls, added: int, known: int, updated: int = 0,
                corrections: tuple[tuple[str, str], ...] = ()):
        result = super().__new__(cls, (added, known))
        result.updated = updated
        result.corrections = corrections  # (claim id, where the correction came from)
        return result

    def __getnewargs__(self):  # so that it pickles and copies with its `updated`
        return (self[0], self[1], self.updated, self.corrections)

    @property
    def added(self) -> int:
        return self[0]

    @property
    def known(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return f"IngestResult(added={self[0]}, known={self[1]}, updated={self.updated})"


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


# -- opening and creating -----------------------------------------------------------------

# Columns of the claims format newer than some stores: an ingest adds them, a load of a
# store without them reads them empty.
ADDED_COLUMNS = ("confidence", "check")


@dataclass
class _Layer:
    columns: dict[str, str]  # lower-case name -> the name as the table spells it
    geom: str | None  # the geometry column, if registered
    geometry_type: str
    srs_id: int | None


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
        columns = {row[1].lower(): row[1]
                   for row in conn.execute(f"PRAGMA table_info({_q(TABLE)})")}
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
    return _Layer(columns, name, str(kind or ""), srs)


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


def _fields(claim: Claim) -> dict[str, str]:
    return {k: "" if getattr(claim, k) is None else str(getattr(claim, k)) for k in COLUMNS}


def _checked(claims: list[Claim]) -> list[Claim | None]:
    """Each claim as it will read back from the store, or None for a repeat of an earlier
    claim of this ingest; InputError (naming the claim's origin) for any claim that would
    not read back, and for two different claims with one id. Nothing is written before."""
    out: list[Claim | None] = []
    first: dict[str, Claim] = {}
    for c in claims:
        fields = _fields(c)
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


def ingest(path: str | Path, claims: list[Claim], inputs: list[dict], *,
           progress=None) -> IngestResult:
    """Add claims to the store in one transaction; return (added, already there) with
    ``.updated`` (stored claims that a corrected claim with the same id replaced).

    ``progress(n)`` is called after the n-th claim. Any failure stores nothing.
    """
    path = Path(path)
    checked = _checked(claims)  # before the store is even created: a bad claim stores nothing
    conn, layer = _open(path, create=True)
    try:
        # every column, or claims would lose fields (those added since the store was made
        # are added in the write transaction below)
        _lacks(layer, [c for c in COLUMNS if c not in ADDED_COLUMNS], path)
        if not layer.geom or layer.geometry_type not in ("POINT", "GEOMETRY") \
                or layer.srs_id != 4326:
            raise InputError(f"is not a geomap store: its '{TABLE}' layer is not points in "
                             "EPSG:4326", path=path)
        conn.execute("BEGIN IMMEDIATE")  # the write lock now: others wait, then we are alone
        for column in ADDED_COLUMNS:
            if column not in layer.columns:  # a store made before geomap had the column
                conn.execute(f"ALTER TABLE {_q(TABLE)} ADD COLUMN {_q(column)} TEXT")
                layer.columns[column] = column
        result = _write(conn, layer, path, checked, inputs, progress)
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


def _write(conn: sqlite3.Connection, layer: _Layer, path: Path, checked: list[Claim | None],
           inputs: list[dict], progress) -> IngestResult:
    table, ident = _q(TABLE), _q(layer.columns["id"])
    names = [_q(layer.columns[c]) for c in COLUMNS] + [_q(layer.geom)]
    # A new id is inserted in one statement; only a known id costs a second look. (Only the
    # id's uniqueness is waived: any other constraint of the table still fails the ingest.)
    insert = (f"INSERT INTO {table} ({', '.join(names)}) "
              f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT ({ident}) DO NOTHING")
    update = f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE {ident} = ?"
    select = f"SELECT {', '.join(names[:-1])} FROM {table} WHERE {ident} = ?"
    # A store another tool wrote lacks geomap's own parts: add them (in this transaction).
    try:
        conn.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {TABLE}_claim_id ON {table} ({ident})")
    except sqlite3.IntegrityError:
        twice = conn.execute(f"SELECT {ident} FROM {table} GROUP BY {ident} "
                             "HAVING count(*) > 1 LIMIT 1").fetchone()[0]
        raise InputError(f"holds claim id {twice!r} more than once: not a geomap store",
                         path=path) from None
    conn.execute(_INPUTS_TABLE)
    conn.execute(_REPLACED_TABLE)
    added = known = 0
    updated: list[tuple[str, str]] = []
    for i, claim in enumerate(checked):
        done = _put(conn, insert, select, update, claim) if claim else "known"
        added += done == "added"
        known += done == "known"
        if done == "updated":
            updated.append((claim.id, claim.origin))
        if progress:
            progress(i + 1)
    for item in inputs:  # one row per file content, however often it is ingested
        conn.execute("INSERT OR IGNORE INTO geomap_inputs (sha256, name, claims) "
                     "VALUES (?, ?, ?)", (item["sha256"], item["name"], item.get("claims", 0)))
    if added or updated:
        # The layer's extent in gpkg_contents is a cache GDAL trusts: NULL makes GDAL
        # compute it again rather than show a stale one. GDAL's feature count likewise.
        conn.execute("UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL, "
                     "max_y = NULL, last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                     "WHERE table_name = ?", (TABLE,))
        if conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                        "name = 'gpkg_ogr_contents'").fetchone()[0]:
            conn.execute(f"UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) "
                         f"FROM {table}) WHERE lower(table_name) = lower(?)", (TABLE,))
    return IngestResult(added, known, len(updated), tuple(updated))


def _put(conn: sqlite3.Connection, insert: str, select: str, update: str, claim: Claim
         ) -> str:
    """Store one claim: 'added', 'known' (already there) or 'updated' (corrected)."""
    row = [None if getattr(claim, k) is None else str(getattr(claim, k)) for k in COLUMNS]
    row.append(_gpkg_point(claim.lon, claim.lat) if claim.lat is not None else None)
    if conn.execute(insert, row).rowcount:
        return "added"
    stored = conn.execute(select, (claim.id,)).fetchone()
    if list(stored) == row[:-1] or _same(stored, claim):  # the same text, or the same claim
        return "known"
    # A corrected claim: same id, other content or place. The version it replaces is kept
    # in geomap_replaced (nothing is lost); the geometry follows (and GDAL's R-tree
    # triggers, if any, move its index entry).
    conn.execute("INSERT INTO geomap_replaced (id, claim, replaced_by) VALUES (?, ?, ?)",
                 (claim.id, json.dumps(dict(zip(COLUMNS, stored)), sort_keys=True,
                                       ensure_ascii=False), claim.origin))
    conn.execute(update, [*row, claim.id])
    return "updated"


def _same(stored: tuple, claim: Claim) -> bool:
    """Whether a stored row is this claim (compared as claims: 39.5 and '39.5' agree)."""
    try:
        fields = {k: _text(v, k) for k, v in zip(COLUMNS, stored)}
        return claim_from_fields(fields, "") == claim
    except ValueError:
        return False  # a stored row that no longer reads back: the new claim replaces it


def load(path: str | Path, *, date_from: str | None = None, date_to: str | None = None
         ) -> list[Claim]:
    """The stored claims, in id order, within the dates given (inclusive).

    A claims layer another tool wrote is read where it has the required columns (the
    others are empty); a point geometry gives lat/lon (over the columns: a point moved in
    QGIS is moved); a row that does not read as a claim is an InputError naming the store
    and the claim's id.
    """
    path = Path(path)
    check_date_range(date_from, date_to)
    conn, layer = _open(path, create=False)
    try:
        _lacks(layer, REQUIRED, path)
        cols = [_q(layer.columns[c]) if c in layer.columns else "NULL" for c in COLUMNS]
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
    out, seen = [], set()
    for n, row in enumerate(rows, 1):
        ident = row[COLUMNS.index("id")]
        what = f"stored claim {ident!r}" if ident not in (None, "") else f"stored claim {n}"
        if all(v == "x" for v in row[:-1]):
            continue  # the seed row that stores created by geomap 0.1 could keep: no claim
        try:
            fields = {k: _text(v, k) for k, v in zip(COLUMNS, row)}
            # A point geometry is where the claim is: GIS tools edit it (a point moved in
            # QGIS), not the lat/lon columns, which geomap writes alongside.
            box = _bounds(row[-1])
            if box and box[0] == box[1] and box[2] == box[3]:
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

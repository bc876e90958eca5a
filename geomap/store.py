"""The incident store: claims gathered over weeks in one GeoPackage.

``ingest`` adds claims (from claims files or news reports) in one SQLite transaction: a
crash or a kill mid-ingest leaves the store as it was, and running it again completes it.
A claim's id is stable (read.claim_id), so ingesting the same report twice adds nothing.
The store is a real GeoPackage (a ``claims`` point layer, no spatial index so plain SQLite
can write it) that QGIS opens; ``load`` reads it back as claims for ``geomap map``.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from .errors import InputError, OutputError
from .read import COLUMNS, check_date_range, claim_from_fields, in_date_range
from .records import Claim

TABLE = "claims"


def _gpkg_point(lon: float, lat: float) -> bytes:
    """A GeoPackage geometry blob: the 'GP' header (no envelope, SRS 4326) and WKB."""
    return b"GP\x00\x01" + struct.pack("<i", 4326) + struct.pack("<BIdd", 1, 1, lon, lat)


def _create(path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    seed = gpd.GeoDataFrame({c: ["x"] for c in COLUMNS}, geometry=[Point(0, 0)],
                            crs="EPSG:4326")
    seed.to_file(path, layer=TABLE, driver="GPKG", layer_options={"SPATIAL_INDEX": "NO"})
    with sqlite3.connect(path) as conn:
        conn.execute(f"DELETE FROM {TABLE}")
        conn.execute(f"CREATE UNIQUE INDEX {TABLE}_claim_id ON {TABLE} (id)")
        conn.execute("CREATE TABLE geomap_inputs (sha256 TEXT PRIMARY KEY, name TEXT, "
                     "claims INTEGER)")


def _open(path: Path, *, create: bool) -> sqlite3.Connection:
    if not path.exists():
        if not create:
            raise InputError("no such store", path=path)
        try:
            _create(path)
        except Exception as err:  # the GIS driver raises several types
            raise OutputError(f"{path}: cannot create the store: {err}") from err
    try:
        conn = sqlite3.connect(path, timeout=2)
        kind = conn.execute("SELECT count(*) FROM gpkg_contents WHERE table_name = ?",
                            (TABLE,)).fetchone()
    except sqlite3.DatabaseError as err:
        if "locked" in str(err):
            raise OutputError(f"{path}: the store is locked by another process; try again "
                              "when it is done") from err
        raise InputError(f"is not a geomap store (a GeoPackage with a '{TABLE}' layer): "
                         f"{err}", path=path) from err
    if not kind or not kind[0]:
        raise InputError(f"is a GeoPackage without a '{TABLE}' layer: not a geomap store",
                         path=path)
    return conn


def ingest(path: str | Path, claims: list[Claim], inputs: list[dict], *,
           progress=None) -> tuple[int, int]:
    """Add claims to the store in one transaction; return (added, already there)."""
    path = Path(path)
    conn = _open(path, create=True)
    cols = COLUMNS + ["geom"]
    sql = (f"INSERT OR IGNORE INTO {TABLE} ({', '.join(cols)}) "
           f"VALUES ({', '.join('?' for _ in cols)})")
    added = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        for i, c in enumerate(claims):
            row = [None if getattr(c, k) is None else str(getattr(c, k)) for k in COLUMNS]
            geom = _gpkg_point(c.lon, c.lat) if c.lat is not None else None
            added += conn.execute(sql, [*row, geom]).rowcount
            if progress:
                progress(i + 1)
        for item in inputs:
            conn.execute("INSERT OR IGNORE INTO geomap_inputs VALUES (?, ?, ?)",
                         (item["sha256"], item["name"], item.get("claims", 0)))
        conn.execute("COMMIT")
    except sqlite3.OperationalError as err:
        conn.rollback()
        if "locked" in str(err):
            raise OutputError(f"{path}: the store is locked by another process; try again "
                              "when it is done") from err
        raise OutputError(f"{path}: cannot write the store: {err}") from err
    except BaseException:
        conn.rollback()  # nothing of this ingest is kept
        raise
    finally:
        conn.close()
    return added, len(claims) - added


def load(path: str | Path, *, date_from: str | None = None, date_to: str | None = None
         ) -> list[Claim]:
    """The stored claims, in id order, within the dates given (inclusive)."""
    path = Path(path)
    check_date_range(date_from, date_to)
    conn = _open(path, create=False)
    try:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY id").fetchall()
    finally:
        conn.close()
    out = []
    for n, row in enumerate(rows, 1):
        fields = {k: ("" if v is None else str(v)) for k, v in zip(COLUMNS, row)}
        if not in_date_range(fields["date"], date_from, date_to):
            continue
        try:
            out.append(claim_from_fields(fields, f"{path}#{fields['id']}"))
        except ValueError as err:
            raise InputError(f"stored claim {n}: {err}", path=path) from err
    return out

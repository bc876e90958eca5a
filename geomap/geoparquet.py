"""The incident store as a GeoParquet dataset: ``--store NAME.parquet``, partitioned by month.

geomap.store dispatches here for a store path whose name ends in ``.parquet``; what a store
does (stable ids, corrections that keep what they replace, inputs with their hashes, every
claim checked first, place points) is the GeoPackage store's, and so are its results.

On disk (a directory)::

    NAME.parquet/
      month=2021-05/part-0.parquet   claims dated in May 2021 (a day of it, or the month)
      month=2021-00/part-0.parquet   claims dated 2021 only (no month known)
      month=undated/part-0.parquet   claims without a date
      _geomap_store.json             what the directory is (format, schema_version)
      _geomap_inputs.jsonl           what was ingested: {"sha256", "name", "claims"} a line
      _geomap_replaced.jsonl         each stored claim a correction replaced: {"id",
                                     "claim" (its columns), "replaced_by"} a line
      _geomap_writer.lock, _geomap_publish.lock   (see "Writers and readers")
      _geomap_journal.json           only while a writer publishes (or if it was killed then)

The partitions are Hive-style, so DuckDB (``read_parquet('NAME.parquet/**/*.parquet',
hive_partitioning=true)``), Spark, pyarrow and ``geopandas.read_parquet`` read the dataset
with its ``month`` column; geomap's own files start with "_" (Spark and pyarrow pass over
such names) and none of them ends in ``.parquet`` (DuckDB's glob takes every such file).

Each data file is GeoParquet 1.1: the claims format's columns (text as strings; lat, lon,
depth_km, confidence and place_lon/place_lat as doubles; span_start/span_end as int64), a
WKB ``geometry`` column (the primary one; points in longitude/latitude, so no "crs": the
default, OGC:CRS84) and a ``bbox`` covering column (struct xmin, ymin, xmax, ymax) whose
row-group statistics let a reader skip row groups outside a box. The geometry is what the
GeoPackage store's is: the source's own lat/lon, else the point of the place the claim's
name resolved to (also in place_lon/place_lat; lat/lon stay empty), else none. Rows are in
the Z-order of their points (then by id), in row groups of ROW_GROUP rows; zstd; no
timestamp anywhere: the same claims make the same bytes.

Writers and readers:

* A writer holds ``_geomap_writer.lock`` (flock) for its whole ingest; a second waits for it
  up to store.BUSY_TIMEOUT seconds, then gives up with a clear error.
* It writes each changed file whole under a hidden temporary name beside its place
  (``.part-0.parquet.PID.HEX.tmp``), syncs it, then publishes: it writes the journal (the
  renames and removals to do) and renames it into place in one step, does them, and
  removes the journal, holding ``_geomap_publish.lock`` exclusively meanwhile.
* A kill before the journal is in place leaves the old dataset and some temporary files
  (the next writer removes them); a kill after it leaves the journal, and the next writer
  first completes what it says. geomap's readers hold the publish lock shared while they
  read, so they never see a publication half done; a journal left by a killed writer they
  read as done (its temporary files in place of the files they replace). Readers that know
  nothing of the journal (DuckDB, Spark) see each file whole, old or new, but for the
  moment of the renames (or from a kill then until the next ingest) a partition new and
  another old.
* A new store is built as a hidden directory beside its path and renamed into place.

Reading (store.select): a partition whose month cannot hold a date of the range is not read
(its claims are counted from its footer); the others are scanned once, the range's bounds
and the box pushed to their row groups' statistics, then filtered exactly (the dates as
read.in_date_range; the box on each claim's stored point, its bbox). A data file another
tool put in a partition is read by its columns' names; geomap rewrites a partition only if
every file of it is laid out as geomap writes them (it then merges them into part-0).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
import shutil
import struct
import time
from itertools import chain, repeat
from operator import is_not
from pathlib import Path

from . import store as base  # (store imports this module only when a path asks for it)
from .errors import InputError, OutputError, shown_path
from .outputs import short_name
from .read import COLUMNS, REQUIRED, _first_day, _last_day, in_date_range
from .store import PLACE_COLUMNS, _values_of

FORMAT = "geomap GeoParquet store"
SCHEMA_VERSION = 1
MARKER = "_geomap_store.json"
INPUTS = "_geomap_inputs.jsonl"
REPLACED = "_geomap_replaced.jsonl"
JOURNAL = "_geomap_journal.json"
WRITER_LOCK = "_geomap_writer.lock"
PUBLISH_LOCK = "_geomap_publish.lock"
DATA_FILE = "part-0.parquet"
ROW_GROUP = 8192  # rows: a row group's box is that of ROW_GROUP claims near each other
COMPRESSION, COMPRESSION_LEVEL = "zstd", 3
# Numbers, as Arrow types; every other column of the claims format is a string.
_NUMBERS = {"lat": "float64", "lon": "float64", "depth_km": "float64",
            "confidence": "float64", "span_start": "int64", "span_end": "int64",
            "place_lon": "float64", "place_lat": "float64"}
# A partition's name: month=YYYY-MM, month=YYYY-00 (the year only), month=undated.
_PARTITION = re.compile(r"month=([0-9]{4}-[0-9]{2}|undated)")
_TEMPORARY = re.compile(r"\.[A-Za-z0-9_.-]{1,80}\.[0-9]{1,10}\.[0-9a-f]{8}\.tmp")
# The largest geomap file read whole as JSON (marker, journal): anything bigger is not ours.
_MAX_JSON = 1 << 20


# -- layout --------------------------------------------------------------------------------

def partition_of(date: str) -> str:
    """The month partition a claim's date (as the reader leaves it) belongs to.

    >>> partition_of("2021-05-14"), partition_of("2021-05"), partition_of("2021")
    ('2021-05', '2021-05', '2021-00')
    >>> partition_of("")
    'undated'
    """
    if not date:
        return "undated"
    return f"{date}-00" if len(date) == 4 else date[:7]


def _partition_in_range(value: str, date_from: str | None, date_to: str | None) -> bool:
    """Whether a partition may hold claims within the dates: a month's claims are dated
    within it (or it), a year's claims the year; undated claims are in no range."""
    if value == "undated":
        return not (date_from or date_to)
    period = value[:4] if value.endswith("-00") else value
    return in_date_range(period, date_from, date_to)


def _schema():
    import pyarrow as pa

    bbox = pa.struct([(k, pa.float64()) for k in ("xmin", "ymin", "xmax", "ymax")])
    fields = [pa.field(c, getattr(pa, _NUMBERS.get(c, "string"))())
              for c in [*COLUMNS, *PLACE_COLUMNS]]
    return pa.schema([*fields, pa.field("geometry", pa.binary()), pa.field("bbox", bbox)])


_WKB_POINT_HEAD = b"\x01\x01\x00\x00\x00"  # WKB: little-endian, a 2D point


def _wkb_point(lon: float, lat: float) -> bytes:
    return _WKB_POINT_HEAD + struct.pack("<dd", lon, lat)


def _point_of(wkb) -> tuple[float, float] | None:
    """(x, y) of a WKB geometry that is one point; None for any other, an empty one or NULL."""
    if wkb is None:
        return None
    if type(wkb) is bytes and len(wkb) == 21 and wkb[:5] == b"\x01\x01\x00\x00\x00":
        x, y = struct.unpack_from("<dd", wkb, 5)
        return None if x != x or y != y else (x, y)
    try:
        import shapely

        geom = shapely.from_wkb(wkb)
        if geom is None or geom.is_empty:
            return None
        x0, y0, x1, y1 = geom.bounds
        return (x0, y0) if x0 == x1 and y0 == y1 else None
    except Exception:  # noqa: BLE001 - shapely and GEOS errors alike: no point
        return None


# -- small files: atomic, synced -----------------------------------------------------------

def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system syncs directories
    finally:
        os.close(fd)


def _temporary(final: Path) -> Path:
    return final.parent / f".{short_name(final.name)}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_json(path: Path, what: str, store: Path):
    try:
        with open(path, "rb") as f:
            data = f.read(_MAX_JSON + 1)
        if len(data) > _MAX_JSON:
            raise ValueError("too large")
        return json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"its {what} ({path.name}) cannot be read ({err}): not a geomap "
                         "store, or a damaged one", path=store) from err


def _marker_bytes() -> bytes:
    return (json.dumps({"format": FORMAT, "partitioning": "month",
                        "schema_version": SCHEMA_VERSION}, sort_keys=True) + "\n").encode()


# -- locks ---------------------------------------------------------------------------------

class _Lock:
    """An flock on one of the store's lock files, waited for up to store.BUSY_TIMEOUT."""

    def __init__(self, store: Path, name: str, *, shared: bool):
        self.store, self.name, self.shared = store, name, shared
        self.fd: int | None = None

    def __enter__(self):
        path = self.store / self.name
        try:
            # A reader may not be allowed to create the file (a store it may only read).
            self.fd = os.open(path, os.O_RDONLY if self.shared else os.O_RDWR | os.O_CREAT,
                              0o666)
        except FileNotFoundError:
            if self.shared:
                return self  # no writer has run here since it was removed: nothing to wait for
            raise
        except OSError as err:
            raise OutputError(f"{self.store}: cannot open its lock {self.name}: "
                              f"{err.strerror or err}") from err
        timeout = base.BUSY_TIMEOUT
        deadline = time.monotonic() + timeout
        pause = 0.005
        while not _try_lock(self.fd, self.shared):
            if time.monotonic() >= deadline:
                os.close(self.fd)
                self.fd = None
                raise OutputError(f"{self.store}: the store is locked by another process "
                                  f"(waited {timeout:g} s); try again when it is done")
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # (closing releases the lock)
            self.fd = None


def _try_lock(fd: int, shared: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: one holder at a time, readers too
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


# -- the journal -----------------------------------------------------------------------------

def _journal_path(text, *, temporary: bool = False) -> tuple[str, ...]:
    """A path named in a journal, as (folder, name) or (name,), if it is one geomap writes
    there: a partition's data file, or one of geomap's own files; ``temporary``: the
    temporary name of one. A journal is data: any other path (absolute, '..', a file of
    another kind) refuses the journal."""
    if not isinstance(text, str):
        raise ValueError("not a path")
    parts = tuple(text.split("/"))
    name = parts[-1]
    if temporary:
        ok = _TEMPORARY.fullmatch(name) is not None
    elif len(parts) == 2:
        ok = name.endswith(".parquet") and not name.startswith((".", "_"))
    else:
        ok = name in (INPUTS, REPLACED)
    if ok and "\\" not in name and (len(parts) == 1 or len(parts) == 2
                                     and _PARTITION.fullmatch(parts[0])):
        return parts
    raise ValueError(f"{text[:80]!r} is not a file geomap writes there")


def _read_journal(store: Path) -> dict | None:
    """The journal a writer left ({"replace": [[temporary, final], ...], "remove": [...]}),
    checked; None when there is none."""
    path = store / JOURNAL
    if not path.exists():
        return None
    journal = _read_json(path, "journal", store)
    try:
        if not isinstance(journal, dict) or journal.get("geomap_journal") != 1:
            raise ValueError("not geomap's journal")
        replace = []
        for tmp, final in journal["replace"]:
            if _journal_path(tmp, temporary=True)[:-1] != _journal_path(final)[:-1]:
                raise ValueError("a file is replaced from another folder")
            replace.append((tmp, final))
        remove = [p for p in journal["remove"] if _journal_path(p)]
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(f"its journal ({JOURNAL}) is not one geomap wrote ({err}); geomap "
                         "leaves the store as it is", path=store) from err
    return {"replace": replace, "remove": remove}


def _complete(store: Path, journal: dict) -> None:
    """Do what a journal says (again): each rename not yet done, each removal."""
    dirs = {store}
    for tmp, final in journal["replace"]:
        if (store / tmp).exists():
            os.replace(store / tmp, store / final)
        dirs.add((store / final).parent)
    for name in journal["remove"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(store / name)
        dirs.add((store / name).parent)
    for folder in sorted(dirs):
        _fsync_dir(folder)


def _publish(store: Path, replace: list[tuple[str, str]], remove: list[str]) -> None:
    """Publish written, synced temporaries in one step (see the module's doc)."""
    journal = {"geomap_journal": 1, "replace": [list(pair) for pair in replace],
               "remove": remove}
    path = store / JOURNAL
    tmp = _temporary(path)
    with _Lock(store, PUBLISH_LOCK, shared=False):
        try:
            _write_synced(tmp, (json.dumps(journal, sort_keys=True) + "\n").encode())
            os.replace(tmp, path)  # the one step: from here on, the new dataset is the store
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        _fsync_dir(store)
        _complete(store, {"replace": replace, "remove": remove})
        os.unlink(path)
        _fsync_dir(store)


def _recover(store: Path) -> None:
    """Under the writer's lock: complete a publication a killed writer left, remove the
    temporary files of writers that were killed, and partitions left empty."""
    journal = _read_journal(store)
    if journal is not None:
        with _Lock(store, PUBLISH_LOCK, shared=False):
            _complete(store, journal)
            os.unlink(store / JOURNAL)
            _fsync_dir(store)
    for folder in [store, *_partition_dirs(store)]:
        for entry in os.scandir(folder):
            if _TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)  # no writer but us: nobody's work in progress
        if folder != store and not any(os.scandir(folder)):
            with contextlib.suppress(OSError):
                os.rmdir(folder)


# -- opening and creating ------------------------------------------------------------------

def _partition_dirs(store: Path) -> list[Path]:
    return sorted(Path(e.path) for e in os.scandir(store)
                  if e.is_dir(follow_symlinks=False) and _PARTITION.fullmatch(e.name))


def _check(store: Path, *, writing: bool) -> int:
    """The store's schema version; InputError if the path is not a geomap GeoParquet store
    (an empty directory is one, not yet written, when ``writing``)."""
    if not store.exists():
        raise InputError("no such store", path=store)
    if not store.is_dir():
        raise InputError("is a file, not a GeoParquet store (a directory NAME.parquet that "
                         "geomap made)", path=store)
    marker = store / MARKER
    if not marker.exists():
        if writing and not {e.name for e in os.scandir(store)} - {WRITER_LOCK, PUBLISH_LOCK}:
            return SCHEMA_VERSION  # an empty directory: the next ingest makes it a store
        raise InputError(f"is a directory without geomap's {MARKER}: not a geomap store",
                         path=store)
    about = _read_json(marker, "description", store)
    version = about.get("schema_version") if isinstance(about, dict) else None
    if not isinstance(about, dict) or about.get("format") != FORMAT or \
            type(version) is not int:
        raise InputError(f"its {MARKER} does not describe a geomap GeoParquet store",
                         path=store)
    if writing and version > SCHEMA_VERSION:
        raise InputError(f"was written by a newer geomap (store schema {version}; this geomap "
                         f"writes schema {SCHEMA_VERSION}): it loads, but only a newer geomap "
                         "adds to it", path=store)
    return version


def _create(store: Path) -> None:
    """Create the store unless it exists: built whole in a hidden directory beside it and
    renamed into place (a kill leaves no half-made store; of two creators, one wins and
    the other uses its store)."""
    tmp = _temporary(store)
    try:
        os.mkdir(tmp)
        try:
            _write_synced(tmp / MARKER, _marker_bytes())
            for name in (WRITER_LOCK, PUBLISH_LOCK):
                _write_synced(tmp / name, b"")
            _fsync_dir(tmp)
            try:
                os.rename(tmp, store)  # onto nothing, or an empty directory
            except OSError:
                if not store.is_dir():
                    raise
                return  # another process made it first: use theirs
            _fsync_dir(store.parent)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as err:
        raise OutputError(f"{store}: cannot create the store: {err.strerror or err}") from err


def _sweep_creations(store: Path) -> None:
    """Remove the hidden directories of creators of this store that were killed."""
    prefix = f".{short_name(store.name)}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(store.parent):
            rest = re.fullmatch(r"([0-9]{1,10})\.[0-9a-f]{8}\.tmp", entry.name[len(prefix):])
            if not (entry.name.startswith(prefix) and rest
                    and entry.is_dir(follow_symlinks=False)):
                continue
            pid = int(rest[1])
            if pid == os.getpid():
                continue
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                pass  # alive, or not ours to ask about


# -- what the store holds ------------------------------------------------------------------

def _files(store: Path) -> dict[str, list[Path]]:
    """The dataset's files by partition, as it stands for a reader: every data file of
    every partition, or, where a killed writer left a journal, as the journal makes it."""
    out: dict[str, list[Path]] = {}
    for folder in _partition_dirs(store):
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".parquet")
                       and not e.name.startswith((".", "_"))
                       and e.is_file(follow_symlinks=False))
        if names:
            out[folder.name[len("month="):]] = [folder / n for n in names]
    journal = _read_journal(store)
    if journal is not None:
        dropped = {store / p for p in journal["remove"]}
        swap = {store / final: store / tmp for tmp, final in journal["replace"]}
        for final in swap:
            value = final.parent.name[len("month="):]
            if final.parent != store and final not in out.setdefault(value, []):
                out[value].append(final)
        out = {value: sorted({swap[f] if f in swap and swap[f].exists() else f
                              for f in files if f not in dropped})
               for value, files in out.items()}
        out = {value: files for value, files in out.items() if files}
    return out


def _read_table(store: Path, path: Path, *, columns=None, filter=None):
    """One data file (or the columns asked for, where it has them), as Arrow, its rows
    filtered when ``filter`` is given; InputError if unreadable."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    try:
        if filter is None:
            source = pq.ParquetFile(path)
            names = source.schema_arrow.names
            return source.read(columns=[c for c in columns or names if c in names])
        data = ds.dataset(path, format="parquet")
        return data.to_table(columns=[c for c in columns or data.schema.names
                                      if c in data.schema.names], filter=filter)
    except (OSError, pa.ArrowException) as err:
        raise InputError(f"cannot read {_relative(store, path)}: {err}", path=store) from err


def _footer(store: Path, path: Path):
    """(rows, Arrow schema without metadata) of a data file, from its footer."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(path)
        return meta.num_rows, meta.schema.to_arrow_schema().remove_metadata()
    except (OSError, pa.ArrowException) as err:
        raise InputError(f"cannot read {_relative(store, path)}: {err}", path=store) from err


def _relative(store: Path, path: Path) -> str:
    try:
        return shown_path(path.relative_to(store))
    except ValueError:
        return shown_path(path)


def _rows(store: Path, path: Path, table) -> list[tuple]:
    """A data file's rows as the store's reader takes them: COLUMNS, PLACE_COLUMNS, then
    the geometry; a column the file lacks is empty. Its text columns must be text."""
    names = [*COLUMNS, *PLACE_COLUMNS, "geometry"]
    missing = [c for c in REQUIRED if c not in table.column_names]
    if missing:
        raise InputError(f"{_relative(store, path)} lacks the columns {', '.join(missing)}: "
                         "not a geomap store", path=store)
    n = table.num_rows
    columns = [table.column(c).to_pylist() if c in table.column_names else [None] * n
               for c in names]
    return list(zip(*columns))


# -- reading -------------------------------------------------------------------------------

def _date_mask(dates, date_from: str | None, date_to: str | None):
    """read.in_date_range of each date, as an Arrow boolean array (nulls are undated)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (date_from or date_to):  # no range: every claim
        return pa.array([True] * len(dates), pa.bool_())
    if not (pa.types.is_string(dates.type) or pa.types.is_large_string(dates.type)):

        def inside(value) -> bool:
            try:
                return in_date_range(base._text(value, "date"), date_from, date_to)
            except ValueError:
                return True  # kept: reading it says what is wrong
        return pa.array([inside(v) for v in dates.to_pylist()], pa.bool_())
    length = pc.utf8_length(dates)

    def padded(four: str, seven: str):
        return pc.if_else(pc.equal(length, 4), pc.binary_join_element_wise(dates, four, ""),
                          pc.if_else(pc.equal(length, 7),
                                     pc.binary_join_element_wise(dates, seven, ""), dates))

    mask = pc.not_equal(dates, "")
    if date_from:
        mask = pc.and_(mask, pc.greater_equal(padded("-12-31", "-31"), _first_day(date_from)))
    if date_to:
        mask = pc.and_(mask, pc.less_equal(padded("-01-01", "-01"), _last_day(date_to)))
    return pc.fill_null(mask, False)


def _filters(schema, date_from, date_to, box):
    """The dataset filter a file is read with: bounds its row groups' statistics can rule
    out (dates: see store._date_parameters; the box on the bbox column), exact on rows for
    the box; None when nothing can be pushed to the file."""
    import pyarrow as pa
    import pyarrow.compute as pc

    terms = []
    date = schema.field("date").type if "date" in schema.names else None
    if date is not None and pa.types.is_string(date):
        if date_from:
            terms.append(pc.field("date") >= _first_day(date_from)[:4])
        if date_to:
            terms.append(pc.field("date") <= _last_day(date_to))
    if box is not None and _has_covering(schema):
        x0, y0, x1, y1 = box
        xmin, ymin = pc.field("bbox", "xmin"), pc.field("bbox", "ymin")
        xmax, ymax = pc.field("bbox", "xmax"), pc.field("bbox", "ymax")
        terms.append(xmin.is_null() | ((xmin <= x1) & (xmax >= x0) & (ymin <= y1)
                                       & (ymax >= y0)))
    if not terms:
        return None
    expression = terms[0]
    for term in terms[1:]:
        expression = expression & term
    return expression


def _has_covering(schema) -> bool:
    import pyarrow as pa

    if "bbox" not in schema.names or not pa.types.is_struct(schema.field("bbox").type):
        return False
    kind = schema.field("bbox").type
    return all(kind.get_field_index(k) >= 0 and pa.types.is_floating(kind.field(k).type)
               for k in ("xmin", "ymin", "xmax", "ymax"))


def _outside(row, box) -> bool:
    """Whether a stored row's point (its geometry) lies outside the box: for a file
    without the bbox column."""
    point = _point_of(row[-1])
    return point is not None and not (box[0] <= point[0] <= box[2]
                                      and box[1] <= point[1] <= box[3])


def select(store: Path, *, date_from: str | None, date_to: str | None,
           bbox: tuple[float, float, float, float] | None):
    """store.select for a GeoParquet store (checked there): partitions outside the dates
    are not read (their claims counted from the files' footers), row groups outside the
    box or the dates are skipped by their statistics, and the rest is filtered exactly."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    _check(store, writing=False)
    dated = bool(date_from or date_to)
    total = within = 0
    rows: list[tuple] = []
    ours = []
    schema = _schema()
    with _Lock(store, PUBLISH_LOCK, shared=True):
        for value, files in sorted(_files(store).items()):
            for path in files:
                n, layout = _footer(store, path)
                total += n
                if not _partition_in_range(value, date_from, date_to):
                    continue
                if layout == schema:
                    ours.append(path)
                else:  # a file another tool wrote: read as it is
                    kept, inside = _select_file(store, path, date_from, date_to, bbox)
                    within += inside
                    rows.extend(kept)
        table = None
        if ours:  # geomap's own files: one scan of them all
            try:
                data = ds.dataset(ours, format="parquet", schema=schema)
                if dated:
                    dates = data.to_table(columns=["date"]).column("date")
                    within += pc.sum(_date_mask(dates, date_from, date_to)).as_py() or 0
                else:
                    within += data.count_rows()
                table = data.to_table(filter=_filters(schema, date_from, date_to, bbox))
            except (OSError, pa.ArrowException) as err:
                raise InputError(f"cannot read its data files: {err}", path=store) from err
    if not dated:
        within = total
    foreign, rows = rows, []
    if table is not None:
        if dated:
            table = table.filter(_date_mask(table.column("date"), date_from, date_to))
        rows = _rows(store, store, table.sort_by("id"))
    if foreign:
        rows = sorted(rows + foreign, key=_row_id)
    claims = base._claims_of(rows, store, _point_of)
    return base.Selection(claims, total - within, within - len(claims))


def _row_id(row: tuple):
    ident = row[COLUMNS.index("id")]
    return (0, ident) if isinstance(ident, str) else (1, str(ident))


def _select_file(store: Path, path: Path, date_from, date_to, box):
    """(its rows kept, its rows within the dates) of a data file another tool wrote."""
    table = _read_table(store, path)
    if "date" not in table.column_names:
        raise InputError(f"{_relative(store, path)} lacks the column date: not a geomap store",
                         path=store)
    if date_from or date_to:
        table = table.filter(_date_mask(table.column("date"), date_from, date_to))
    inside = table.num_rows
    if box is not None and _has_covering(table.schema):
        table = table.filter(_filters(table.schema, None, None, box))
    kept = _rows(store, path, table)
    if box is not None and not _has_covering(table.schema):
        kept = [row for row in kept if not _outside(row, box)]
    return kept, inside


def ingested(store: Path) -> dict[str, int]:
    """The sha256 of each input the store records, with its number of claims."""
    _check(store, writing=False)
    out: dict[str, int] = {}
    for item in _inputs(store):
        out.setdefault(item["sha256"], item.get("claims", 0))
    return out


def _inputs(store: Path) -> list[dict]:
    path = store / INPUTS
    if not path.exists():
        return []
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("sha256"), str):
                    raise ValueError("a line is not an input's record")
                out.append(item)
    except (OSError, ValueError) as err:
        raise InputError(f"its {INPUTS} cannot be read ({err})", path=store) from err
    return out


# -- writing -------------------------------------------------------------------------------

# json.dumps(..., sort_keys=True, ensure_ascii=False, default=base._jsonable), the encoder
# made once.
_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=base._jsonable).encode


def _json_line(item: dict) -> str:
    line = _JSON(item) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a name that is not UTF-8: escaped, not lost
        line = json.dumps(item, sort_keys=True, default=base._jsonable) + "\n"
    return line


def _table(rows: list[list]):
    """Arrow table of new rows (COLUMNS, PLACE_COLUMNS, geometry), with the bbox column."""
    names = [*COLUMNS, *PLACE_COLUMNS, "geometry"]
    return _table_of(list(zip(*rows)) if rows else [()] * len(names))


def _table_of(columns: list):
    """``_table`` of the rows' columns (each a sequence, or an Arrow array of its type:
    COLUMNS, PLACE_COLUMNS, geometry)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    schema = _schema()
    names = [*COLUMNS, *PLACE_COLUMNS, "geometry"]
    arrays = [values if isinstance(values, pa.Array) else _array(values, schema.field(name).type)
              for name, values in zip(names, columns)]
    # The geometry's point, as _row made it: the claim's own lat/lon, else its place's.
    column = {name: array for name, array in zip(names, arrays)}
    xs = pc.coalesce(column["lon"], column["place_lon"])
    ys = pc.coalesce(column["lat"], column["place_lat"])
    box = pa.StructArray.from_arrays([xs, ys, xs, ys], names=["xmin", "ymin", "xmax", "ymax"],
                                     mask=pc.is_null(column["geometry"]))
    return pa.Table.from_arrays([*arrays, box], schema=schema)


def _array(values, kind):
    """``pa.array(values, kind)``; strings, bytes, doubles and integers (each maybe None)
    laid into Arrow's buffers directly: pa.array imports pandas (0.3 s) to ask whether the
    values are a pandas Series."""
    import numpy as np
    import pyarrow as pa

    values = values if isinstance(values, list) else list(values)
    n = len(values)
    first = values[0] if n else None
    if n and (first is None or type(first) is str) and values[-1] == first and \
            values.count(first) == n:
        # One text in every row (an empty column, often), or none: not looked at one by one.
        if first is None:
            return pa.nulls(n, kind)
        if kind == pa.string() and first.isascii() and len(first) * n < 2 ** 31 - 1:
            offsets = np.arange(n + 1, dtype=np.int32) * np.int32(len(first))
            return pa.Array.from_buffers(kind, n, [None, pa.py_buffer(offsets),
                                                   pa.py_buffer(first.encode() * n)])
    types = set(map(type, values))
    nulls = values.count(None) if type(None) in types else 0
    validity = None
    if nulls:
        present = np.fromiter(map(is_not, values, repeat(None)), dtype=bool, count=n)
        validity = pa.py_buffer(np.packbits(present, bitorder="little"))
    if kind in (pa.string(), pa.binary()) and types <= {str if kind == pa.string() else bytes,
                                                        type(None)}:
        given = [v for v in values if v is not None] if nulls else values
        if kind == pa.binary():
            joined = b"".join(given)
        else:
            joined = "".join(given)
            if joined.isascii():  # (a byte a character: each string's size is its length)
                joined = joined.encode("ascii")
            else:
                try:
                    given = list(map(str.encode, given))
                except UnicodeEncodeError:  # (a lone surrogate: pa.array says so)
                    return pa.array(values, type=kind)
                joined = b"".join(given)
        sizes = np.zeros(n + 1, dtype=np.int64)
        lengths = np.fromiter(map(len, given), dtype=np.int64, count=len(given))
        if nulls:
            sizes[1:][present] = lengths
        else:
            sizes[1:] = lengths
        offsets = np.cumsum(sizes)
        if offsets[-1] < 2 ** 31 - 1:  # (int32 offsets: else as pa.array does it)
            return pa.Array.from_buffers(kind, n, [validity, pa.py_buffer(
                offsets.astype(np.int32)), pa.py_buffer(joined)], null_count=nulls)
    elif kind in (pa.float64(), pa.int64()) and types <= {
            float if kind == pa.float64() else int, type(None)}:
        dtype = np.float64 if kind == pa.float64() else np.int64
        try:
            if nulls == n:
                data = np.zeros(n, dtype=dtype)
            elif nulls and dtype is np.float64:  # (None is NaN there: a null's slot)
                data = np.array(values, dtype=dtype)
            else:
                data = np.fromiter((0 if v is None else v for v in values) if nulls else
                                   values, dtype=dtype, count=n)
        except OverflowError:  # (an integer beyond int64: pa.array says so)
            return pa.array(values, type=kind)
        return pa.Array.from_buffers(kind, n, [validity, pa.py_buffer(data)],
                                     null_count=nulls)
    return pa.array(values, type=kind)


def _floats(column):
    """A double column's values as a numpy array, NaN for null; read from its buffers
    (to_numpy of a column with nulls imports pandas)."""
    import numpy as np
    import pyarrow as pa

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    n, offset = len(array), array.offset
    validity, data = array.buffers()[:2]
    if data is None:
        return np.full(n, np.nan)
    out = np.frombuffer(data, dtype=np.float64)[offset:offset + n].astype(float)
    if validity is not None and array.null_count:
        valid = np.unpackbits(np.frombuffer(validity, dtype=np.uint8),
                              bitorder="little")[offset:offset + n].astype(bool)
        out[~valid] = np.nan
    return out


def _ordered(table):
    """The rows in the Z-order of their points (claims without one last), then by id: near
    claims share row groups, and the order (so the bytes) depends on the claims only."""
    import pyarrow as pa
    import pyarrow.compute as pc

    bbox = table.column("bbox")
    keys = _z_keys(_floats(pc.struct_field(bbox, "xmin")),
                   _floats(pc.struct_field(bbox, "ymin")))
    order = pc.sort_indices(pa.Table.from_arrays([keys, table.column("id")],
                                                 names=["key", "id"]),
                            sort_keys=[("key", "ascending"), ("id", "ascending")])
    return table.take(order)


def _z_keys(xs, ys):
    """The Z-order key (uint64) of each point (numpy arrays x, y), 2**32 for none (NaN)."""
    import numpy as np
    import pyarrow as pa

    none = np.isnan(xs) | np.isnan(ys)
    qx = np.clip(np.nan_to_num((xs + 180.0) / 360.0 * 65535.0), 0, 65535).astype(np.uint64)
    qy = np.clip(np.nan_to_num((ys + 90.0) / 180.0 * 65535.0), 0, 65535).astype(np.uint64)
    key = _spread(qx) | (_spread(qy) << np.uint64(1))
    key[none] = np.uint64(1 << 32)
    return pa.Array.from_buffers(pa.uint64(), len(key), [None, pa.py_buffer(key)])


def _spread(v):
    """The 16 low bits of each value, one bit apart (for a Z-order key)."""
    import numpy as np

    v = v & np.uint64(0xFFFF)
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


def _geo_metadata(table) -> bytes:
    import pyarrow.compute as pc

    bbox = table.column("bbox")
    column = {"encoding": "WKB", "geometry_types": ["Point"],
              "covering": {"bbox": {k: ["bbox", k] for k in ("xmin", "ymin", "xmax", "ymax")}}}
    if table.num_rows and bbox.null_count < table.num_rows:
        column["bbox"] = [pc.min(pc.struct_field(bbox, "xmin")).as_py(),
                          pc.min(pc.struct_field(bbox, "ymin")).as_py(),
                          pc.max(pc.struct_field(bbox, "xmax")).as_py(),
                          pc.max(pc.struct_field(bbox, "ymax")).as_py()]
    return json.dumps({"version": "1.1.0", "primary_column": "geometry",
                       "columns": {"geometry": column}}, sort_keys=True).encode()


def _write_data(table, path: Path, *, ordered: bool = False) -> None:
    """A data file, whole and synced, at a new path: the same rows give the same bytes
    (``ordered``: the rows are in ``_ordered``'s order already)."""
    import pyarrow.parquet as pq

    if not ordered:
        table = _ordered(table)
    table = table.replace_schema_metadata({"geo": _geo_metadata(table)})
    pq.write_table(table, path, row_group_size=ROW_GROUP, compression=COMPRESSION,
                   compression_level=COMPRESSION_LEVEL, write_statistics=True,
                   use_dictionary=True)
    base._fsync(path)


class _Partition:
    """One month's claims as stored, and what this ingest changes in it."""

    def __init__(self, store: Path, value: str, files: list[Path]):
        self.store, self.value, self.files = store, value, files
        self.table = None
        self.drop: set[str] = set()  # ids whose stored rows go (replaced, or moved out)
        self.add: list[list] = []
        self.added = None  # an Arrow table of new rows (made at once, from _Checked claims)

    def read(self):
        """The partition's stored rows as one Arrow table (read whole, once); InputError if
        a file of it is not laid out as geomap writes them."""
        import pyarrow as pa

        if self.table is None:
            tables = [_read_table(self.store, f) for f in self.files]
            wanted = _schema().remove_metadata()
            for f, t in zip(self.files, tables):
                if t.schema.remove_metadata() != wanted:
                    raise InputError(f"{_relative(self.store, f)} is not laid out as geomap "
                                     "writes its files (columns or types): geomap reads it but "
                                     "does not rewrite it", path=self.store)
            self.table = pa.concat_tables(tables) if tables else _table([])
        return self.table

    def load(self) -> dict[str, tuple]:
        """The stored rows by id."""
        rows = _rows(self.store, self.store, self.read())
        return {row[COLUMNS.index("id")]: row for row in rows}

    @property
    def changed(self) -> bool:
        return bool(self.drop or self.add or self.added is not None)


def ingest(store: Path, checked: list, places: list, inputs: list[dict], *,
           progress=None):
    """store.ingest into a GeoParquet store (the claims checked and placed there)."""
    _sweep_creations(store)
    if store.exists():
        _check(store, writing=True)
    else:
        _create(store)
    try:
        with _Lock(store, WRITER_LOCK, shared=False):
            _check(store, writing=True)  # (what a rival creator or a writer made meanwhile)
            if not (store / MARKER).exists():  # an empty directory given: the store now
                tmp = _temporary(store / MARKER)
                _write_synced(tmp, _marker_bytes())
                os.replace(tmp, store / MARKER)
                _fsync_dir(store)
            _recover(store)
            return _ingest(store, checked, places, inputs, progress)
    except OSError as err:
        if isinstance(err, OutputError):
            raise
        raise OutputError(f"{store}: cannot write the store: {err.strerror or err}") from err


def _stored_ids(store: Path, partitions: dict[str, _Partition]):
    """Every stored id (an Arrow string array) and each one's partition (a numpy array of
    indexes into ``list(partitions)``); InputError, naming the first as the files are
    read, for an id stored twice or a claim stored without one."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    columns, owners = [], []
    for code, part in enumerate(partitions.values()):
        for f in part.files:
            ids = _read_table(store, f, columns=["id"])
            if "id" not in ids.column_names:
                raise InputError(f"{_relative(store, f)} lacks the column id: not a geomap "
                                 "store", path=store)
            columns += ids.column("id").chunks  # (chunks: of ChunkedArrays, Arrow would
            owners.append(np.full(ids.num_rows, code, dtype=np.int64))  # make Python lists)
    owner = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    if all(c.type == pa.string() for c in columns):  # (the common case, all at once)
        ids = pa.chunked_array(columns, pa.string()).combine_chunks()
        if not ids.null_count and pc.count_distinct(ids).as_py() == len(ids):
            return ids, owner
    where: dict[str, int] = {}  # (any other: one by one, which finds the first wrong id)
    for column, codes in zip(columns, owners):
        for ident, code in zip(column.to_pylist(), codes.tolist()):
            if ident in where or not isinstance(ident, str):
                raise InputError(f"holds claim id {ident!r} more than once (or a claim "
                                 "without one): not a geomap store", path=store)
            where[ident] = code
    return pa.array(list(where), pa.string()), np.fromiter(where.values(), dtype=np.int64,
                                                           count=len(where))


def _ingest(store: Path, checked: list, places: list, inputs: list[dict], progress):
    n = len(COLUMNS)
    partitions = {value: _Partition(store, value, files)
                  for value, files in _files(store).items()}
    stored_ids, owner = _stored_ids(store, partitions)
    values = list(partitions)
    added = known = placed = 0
    replaced: list[str] = []
    updated: list[tuple[str, str]] = []

    def part(value: str) -> _Partition:
        found = partitions.get(value)
        if found is None:
            found = partitions[value] = _Partition(store, value, [])
        return found

    def one(claim, place, old, home: str | None) -> None:
        """A claim whose id is stored (``old``: its stored row, in partition ``home``),
        or not (None): added, already there, given its place's point, or corrected."""
        nonlocal added, known, placed
        row = _row(claim, place)
        value = partition_of(claim.date)
        if old is None:
            part(value).add.append(row)
            added += 1
        elif list(old[:n]) == row[:n] or base._same(old[:n], claim):
            known += 1
            if place is not None and base._replaceable(old[-1], old[n:n + 2], place,
                                                    _point_of):
                moved = list(old[:n]) + row[n:]  # the stored claim, at its place's point
                partitions[home].drop.add(claim.id)
                partitions[home].add.append(moved)
                placed += 1
        else:  # corrected: the stored version is kept in the replaced claims
            # (its columns as the GeoPackage store's JSON of them has them: a blob as hex)
            replaced.append(_json_line({"id": claim.id, "claim": dict(zip(COLUMNS, old[:n])),
                                        "replaced_by": claim.origin}))
            partitions[home].drop.add(claim.id)
            part(value).add.append(row)
            updated.append((claim.id, claim.origin))

    if isinstance(checked, base._Checked):  # (the claims' columns at hand: see _compare)
        new, same, rest, old_rows, homes = _compare(store, checked, places, stored_ids,
                                                    owner, [partitions[v] for v in values])
        for value, table in new.items():
            part(value).added = table
        added, known = sum(t.num_rows for t in new.values()), same
        for i, old, home in zip(rest, old_rows, homes):
            one(checked[i], places[i], old, values[home])
        if progress:
            for i in range(len(checked)):
                progress(i + 1)
    else:
        where = dict(zip(stored_ids.to_pylist(), owner.tolist()))  # stored id -> partition
        stored: dict[str, tuple] = {}
        for code in sorted({where[c.id] for c in checked if c is not None and c.id in where}):
            stored.update(partitions[values[code]].load())
        for i, (claim, place) in enumerate(zip(checked, places)):
            if claim is not None:
                old = stored.get(claim.id)
                one(claim, place, old, None if old is None else values[where[claim.id]])
            else:
                known += 1
            if progress:
                progress(i + 1)
    recorded = _recorded(store, inputs)
    changed = [p for p in partitions.values() if p.changed]
    if changed or recorded or replaced:
        _write_and_publish(store, changed, recorded, replaced)
    return base.IngestResult(added, known, len(updated), tuple(updated), placed)


def _compare(store: Path, checked, places, stored_ids, owner, parts: list[_Partition]):
    """Checked claims (with their columns) beside the store, column by column in Arrow,
    without a stored row made a Python object unless it is needed: (the new claims' rows
    as tables by partition, in _ordered's order; how many claims are stored as they are,
    at the place point given; the indexes of the other stored claims, in order, their
    stored rows and the index of each one's partition in ``parts``). Only the partitions
    that hold a given id are read; a claim it sets apart goes the claim-by-claim way
    (tests/test_store_speed_quick.py holds the two ways together)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    table, xs, ys = _incoming(checked, places)
    ids = table.column("id").combine_chunks()
    hit = pc.fill_null(pc.index_in(ids, value_set=stored_ids), -1).to_numpy()
    # (in the order of their names, as the claim-by-claim way reads them)
    touched = sorted(np.unique(owner[hit[hit >= 0]]).tolist(), key=lambda k: parts[k].value)
    fresh = np.flatnonzero(hit < 0)
    new = {}
    if len(fresh):
        codes, months = _months(checked.columns["date"])
        new = _by_partition(table, xs, ys, codes, months,
                            None if len(fresh) == len(hit) else fresh)
    if not touched:
        return new, 0, [], [], []
    held = [parts[k].read() for k in touched]
    stored = pa.concat_tables(held)
    home = np.repeat(np.array(touched, dtype=np.int64), [t.num_rows for t in held])
    # Each given claim's row in ``stored``: a partition's rows are its ids' (_stored_ids
    # read them from the same files, in the same order), at another start.
    given = np.flatnonzero(hit >= 0)
    starts = np.zeros(len(parts), dtype=np.int64)  # of each partition's ids in stored_ids
    starts[1:] = np.cumsum(np.bincount(owner, minlength=len(parts)))[:-1]
    held_starts = np.zeros(len(parts), dtype=np.int64)  # of each held partition in stored
    held_starts[touched] = np.cumsum([0] + [t.num_rows for t in held[:-1]])
    at = np.full(len(hit), -1, dtype=np.int64)
    part_of = owner[hit[given]]
    at[given] = hit[given] - starts[part_of] + held_starts[part_of]
    compared = [*COLUMNS, *PLACE_COLUMNS]
    old = stored.select(compared).take(at[given])
    mine = table.select(compared)
    if len(given) < len(at):  # (else every claim given is stored: all of them, in order)
        mine = mine.take(given)
    # A stored claim is as it is when each of its values equals the given one (or both are
    # null: list equality in Python, which the claim-by-claim way asks first) and its
    # stored place point is the one given (or none is given): then it is "already there".
    same = np.ones(len(given), dtype=bool)
    for name in COLUMNS:
        a, b = old.column(name), mine.column(name)
        equal = pc.or_(pc.fill_null(pc.equal(a, b), False),
                       pc.and_(pc.is_null(a), pc.is_null(b)))
        same &= equal.to_numpy(zero_copy_only=False)
    at_place = pc.fill_null(pc.and_(pc.equal(old.column("place_lon"), mine.column("place_lon")),
                                    pc.equal(old.column("place_lat"), mine.column("place_lat"))),
                            False)
    same &= pc.or_(pc.is_null(mine.column("place_lon")), at_place).to_numpy(
        zero_copy_only=False)
    rest = given[~same]
    rows = _rows(store, store, stored.take(at[rest])) if len(rest) else []
    return new, int(same.sum()), rest.tolist(), rows, home[at[rest]].tolist()


def _incoming(checked, places):
    """The rows of checked claims (with their columns) at these points, as one Arrow table
    in the claims' order, and each one's point (numpy arrays x, y; NaN: none)."""
    import numpy as np
    import pyarrow as pa

    columns = {**checked.columns, **_text_arrays(checked.columns.text, len(checked))}
    xs, ys, placed, own_x, own_y = _points(columns["lon"], columns["lat"], places)
    own = ~np.isnan(own_y)
    if own.any():  # lon and lat as _array lays them (None: NaN), from the points' arrays
        for name, values in (("lon", own_x), ("lat", own_y)):
            columns[name] = pa.Array.from_buffers(pa.float64(), len(own), [
                _validity(own), pa.py_buffer(values)], null_count=len(own) - int(own.sum()))
    table = _table_of([*(columns[c] for c in COLUMNS), *_point_arrays(xs, ys, placed)])
    return table, xs, ys


def _text_arrays(text: str, n: int) -> dict:
    """The text columns of n checked claims as Arrow arrays, cut from their values as the
    check joined them (store._texts_canonical: NUL before, between and after the values,
    column by column): one split in Arrow rather than a conversion of each column;
    {} (each column converted) for a text too long for one Arrow string."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    data = text.encode("utf-8")
    if len(data) >= 2 ** 31 - 1:
        return {}
    # (one Arrow string from its buffers: pa.array would import pandas, 0.3 s)
    whole = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(
        np.array([0, len(data)], dtype=np.int32)), pa.py_buffer(data)])
    values = pc.split_pattern(whole, "\x00").flatten()
    return {name: values.slice(1 + k * n, n) for k, name in enumerate(base._TEXT_ORDER)}


def _months(dates: list[str]):
    """Each date's partition, as numpy codes into the sorted list of those partitions."""
    import numpy as np

    months = {d: partition_of(d) for d in set(dates)}
    values = sorted(set(months.values()))
    number = {m: i for i, m in enumerate(values)}
    codes = np.fromiter(map(number.__getitem__, map(months.__getitem__, dates)),
                        dtype=np.uint64, count=len(dates))
    return codes, values


def _by_partition(table, xs, ys, codes, months, rows=None) -> dict:
    """The table's rows (``rows``: those of these indexes; None: all) as tables by
    partition (``codes`` into ``months``), each in the order ``_ordered`` gives its rows:
    one sort of them all (by partition, then that order), then a slice a partition.
    (Arrow's take puts the rows in order: the claims' values put in order first would be
    read from all over memory.)"""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if rows is not None:
        if not len(rows):
            return {}
        table, xs, ys, codes = table.take(rows), xs[rows], ys[rows], codes[rows]
    order = pc.sort_indices(pa.Table.from_arrays(
        [pa.array(codes), _z_keys(xs, ys), table.column("id")], names=["part", "key", "id"]),
        sort_keys=[("part", "ascending"), ("key", "ascending"), ("id", "ascending")])
    table = table.take(order)
    out, start = {}, 0
    for value, count in zip(months, np.bincount(codes.astype(np.int64),
                                                minlength=len(months)).tolist()):
        if count:
            out[value] = table.slice(start, count)
        start += count
    return out


def _points(lons: list, lats: list, places: list):
    """Each claim's point as numpy arrays x, y (NaN: none), and whether it is its place's
    (as _row takes them: the claim's own lon/lat (floats or None: both or neither), else
    its place's point, else none); then the own lon/lat as numpy arrays (None: NaN)."""
    import numpy as np

    n = len(lons)
    own_x, own_y = (np.array(v, dtype=np.float64) for v in (lons, lats))  # None: NaN
    nowhere = (math.nan, math.nan)
    xy = np.fromiter(chain.from_iterable([nowhere if p is None else p for p in places]),
                     dtype=np.float64, count=2 * n).reshape(n, 2)
    own = ~np.isnan(own_y)
    placed = ~own & ~np.isnan(xy[:, 1])
    return np.where(own, own_x, xy[:, 0]), np.where(own, own_y, xy[:, 1]), placed, own_x, own_y


def _point_arrays(xs, ys, placed) -> list:
    """The arrays place_lon, place_lat and geometry (WKB) of points as _points gives them."""
    import numpy as np
    import pyarrow as pa

    n = len(xs)
    some = ~np.isnan(ys)
    wkb = np.dtype([("head", "V5"), ("x", "<f8"), ("y", "<f8")])  # (packed: 21 bytes)
    points = np.empty(n, dtype=wkb)
    points["head"] = np.void(_WKB_POINT_HEAD)
    points["x"], points["y"] = xs, ys
    sizes = np.zeros(n + 1, dtype=np.int32)
    sizes[1:][some] = wkb.itemsize
    geometry = pa.Array.from_buffers(
        pa.binary(), n, [_validity(some), pa.py_buffer(np.cumsum(sizes, dtype=np.int32)),
                         pa.py_buffer(points[some].tobytes())], null_count=n - int(some.sum()))
    place = [pa.Array.from_buffers(pa.float64(), n, [_validity(placed), pa.py_buffer(
        np.where(placed, v, math.nan))], null_count=n - int(placed.sum())) for v in (xs, ys)]
    return [*place, geometry]


def _validity(present):
    """An Arrow validity bitmap of a boolean array; None when every value is present."""
    import numpy as np
    import pyarrow as pa

    return None if present.all() else pa.py_buffer(np.packbits(present, bitorder="little"))


def _row(claim, place) -> list:
    """A claim's stored row: COLUMNS, place_lon/place_lat, then the WKB geometry."""
    row = list(_values_of(claim))
    if claim.lat is not None:  # the source's own coordinates
        return row + [None, None, _wkb_point(claim.lon, claim.lat)]
    if place is not None:
        return row + [place[0], place[1], _wkb_point(*place)]
    return row + [None, None, None]


def _recorded(store: Path, inputs: list[dict]) -> list[str]:
    """The lines of inputs not recorded before (one per content, however often given)."""
    known = set(ingested(store))
    lines = []
    for item in inputs:
        if item["sha256"] not in known:
            known.add(item["sha256"])
            lines.append(_json_line({"sha256": item["sha256"], "name": item["name"],
                                     "claims": item.get("claims", 0)}))
    return lines


def _write_and_publish(store: Path, changed: list[_Partition], recorded: list[str],
                       replaced: list[str]) -> None:
    """Write every changed file under a temporary name, then publish them together."""
    import pyarrow as pa
    import pyarrow.compute as pc

    written: list[Path] = []
    replace: list[tuple[str, str]] = []
    remove: list[str] = []
    try:
        for part in sorted(changed, key=lambda p: p.value):
            # A new partition of a new store's claims is in order already (_new_tables).
            ordered = part.added is not None and not (part.files or part.drop or part.add)
            if ordered:
                table = part.added
            else:
                if part.table is None:
                    part.load()
                table = part.table
                if part.drop:
                    table = table.filter(pc.invert(pc.is_in(
                        table.column("id"),
                        value_set=pa.array(sorted(part.drop), pa.string()))))
                table = pa.concat_tables([table.replace_schema_metadata(None),
                                          *([part.added] if part.added is not None else []),
                                          _table(part.add)])
            folder = store / f"month={part.value}"
            if folder.is_symlink():
                raise InputError(f"{folder.name} is a symbolic link: geomap writes only "
                                 "inside the store", path=store)
            final = folder / DATA_FILE
            keep = final.relative_to(store).as_posix()
            remove += [f.relative_to(store).as_posix() for f in part.files if f != final]
            if not table.num_rows:
                if final in part.files:
                    remove.append(keep)
                continue
            folder.mkdir(exist_ok=True)
            tmp = _temporary(final)
            written.append(tmp)
            _write_data(table, tmp, ordered=ordered)
            replace.append((tmp.relative_to(store).as_posix(), keep))
        for name, lines in ((INPUTS, recorded), (REPLACED, replaced)):
            if lines:
                tmp = _temporary(store / name)
                written.append(tmp)
                before = (store / name).read_bytes() if (store / name).exists() else b""
                _write_synced(tmp, before + "".join(lines).encode("utf-8"))
                replace.append((tmp.name, name))
        _publish(store, replace, sorted(remove))
    except BaseException:
        if not (store / JOURNAL).exists():  # not published: nothing of this ingest is kept
            for tmp in written:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        raise
    for part in changed:  # a partition whose claims all moved elsewhere
        with contextlib.suppress(OSError):
            (store / f"month={part.value}").rmdir()

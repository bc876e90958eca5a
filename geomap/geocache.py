"""The countries a map is drawn over (and the reference basemap, geomap/basemap.py), kept on
disk beside the gazetteer's name cache.

A map inside a region with full-resolution layers (the South Caucasus) needs that region's
countries joined to the simplified world and dissolved, one shape per country: a second
and a half of every command, whatever the number of claims. Read from this file, a few
milliseconds. The file is keyed by everything the frame is derived from: the boundary
files' names, sizes and contents, the region's name and box, the code that derives it and
the versions of the libraries that do the geometry (GEOS decides a union's exact points).
Another key is another file, built on first use.

As the name cache, the file is never trusted blindly: a header (format, key, the body's
length and SHA-256) is checked before anything is read from it, so a truncated, damaged or
foreign file is derived again and rewritten. No pickle: the columns as JSON (text values
and their dtype), the shapes as WKB, which keeps every coordinate's bits. It is written
beside its place and renamed into it, so no reader sees half a file, and writers that race
each write a whole file of the same contents.

``cached`` is the general entry point (a kind of file, its code, and how a value is turned
into bytes and back); ``load`` is the countries' use of it. ``pack`` and ``unpack`` turn a
dict of plain values (JSON), bytes, numpy arrays (dtype and shape in the table) and frames
into bytes and back, for a value of several parts.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_FORMAT = 1
MAGIC = b"geomap countries\n"  # (the countries' file's: _magic("countries"))
# The modules whose code decides what is derived: an edit to one rebuilds the file.
_CODE = ("layers.py", "geocache.py")
# The cache of other sources or code is deleted once it has not been written for this long.
STALE_DAYS = 14
# A temporary file left by a writer that was killed is deleted once this old (a live writer
# renames its file within a second).
STALE_TEMP_SECONDS = 3600


class DamagedCache(ValueError):
    """The cache file is not what it says it is (it is derived again)."""


def folder() -> Path:
    """Where the file lives: beside the gazetteer's index and name cache."""
    from .gazetteer.world import cache_dir

    return cache_dir()


def _libraries() -> str:
    import geopandas
    import pandas
    import pyogrio
    import shapely

    return (f"geopandas {geopandas.__version__} pandas {pandas.__version__} "
            f"shapely {shapely.__version__} geos {shapely.geos_version_string} "
            f"pyogrio {pyogrio.__version__}")


def cache_key(what: str, sources: Iterable[Path], code: Iterable[str] = _CODE) -> str:
    """The key of the frame ``what`` (the region and its box) derived from ``sources`` by
    this code (``code``: paths inside the package) with these libraries."""
    from . import __version__

    h = hashlib.sha256(f"format {CACHE_FORMAT}\nwhat {what}\ngeomap {__version__}\n"
                       f"{_libraries()}\n".encode())
    package = Path(__file__).resolve().parent
    hash_files(h, [*(package / c for c in code), *sources])
    return h.hexdigest()


def hash_files(h, paths: Iterable[Path]) -> None:
    """Add each file's name, size and contents to the hash ``h`` (a missing one as such):
    the part of a cache's key that its sources and code make (this cache's and the
    gazetteer's name cache's)."""
    for path in paths:
        try:
            body = path.read_bytes()
        except OSError:
            body = b"(missing)"
        h.update(f"{path.name} {len(body)}\n".encode())
        h.update(body)


def write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to a temporary file beside ``path`` and rename it into place: no
    reader sees half a file, and racing writers each leave a whole one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
        os.chmod(tmp, 0o644)  # (shared, as the index is)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune(keep: Path, prefix: str) -> None:
    """Delete the files ``prefix*.bin`` beside ``keep`` (caches of other sources or code)
    older than STALE_DAYS, and the temporary files of killed writers older than
    STALE_TEMP_SECONDS."""
    now = time.time()
    for pattern, cutoff in ((f"{prefix}*.bin", now - STALE_DAYS * 86400),
                            (f"{prefix}*.bin.*.tmp", now - STALE_TEMP_SECONDS)):
        for other in keep.parent.glob(pattern):
            try:
                if other != keep and other.is_file() and other.stat().st_mtime < cutoff:
                    other.unlink()
            except OSError:
                pass  # (in use or not ours to delete: left)


def cache_path(key: str, kind: str = "countries") -> Path:
    return folder() / f"{kind}-{key[:24]}.bin"


def load(what: str, sources: list[Path], derive: Callable[[], object]):
    """The frame from the cache file, or derived and written there when it is missing,
    stale or damaged (or derived alone when it cannot be written)."""
    return cached("countries", what, sources, derive)


def cached(kind: str, what: str, sources: list[Path], derive: Callable[[], object], *,
           code: Iterable[str] = _CODE, encode: Callable[[object], bytes] | None = None,
           decode: Callable[[bytes], object] | None = None):
    """The value ``what`` of this ``kind`` (a word: the file's prefix and magic) from its
    cache file, or ``derive()``d and written there when it is missing, stale or damaged (or
    derived alone when it cannot be written). The key: ``what``, the ``sources``' names,
    sizes and contents, the ``code`` (paths inside the package) and the libraries. The value
    is ``encode``d to bytes and ``decode``d back (a frame's by default); ``decode`` raises
    DamagedCache (or ValueError, KeyError, TypeError, IndexError) on bytes it cannot read."""
    encode = encode or _body
    decode = decode or _frame
    key = cache_key(what, sources, code)
    path = cache_path(key, kind)
    try:
        return decode(_read_body(path, key, kind))
    except FileNotFoundError:
        pass
    except (OSError, DamagedCache) as err:
        print(f"geomap: the {kind} cache {path} is damaged ({err}); rebuilding it",
              file=sys.stderr)
    except (ValueError, KeyError, TypeError, IndexError, shapely_error()) as err:
        print(f"geomap: the {kind} cache {path} is damaged (bad contents: {err}); "
              "rebuilding it", file=sys.stderr)
    value = derive()
    try:
        _write_body(path, key, encode(value), kind)
    except (OSError, ValueError):
        pass  # (read-only, or a value this file cannot hold: it serves this process)
    return value


def _body(frame) -> bytes:
    """The frame as bytes: its columns as JSON, then each shape's WKB."""
    import shapely

    geometry = frame.geometry.name
    columns = []
    for name in frame.columns:
        if name == geometry:
            continue
        values = frame[name].tolist()
        if not (all(isinstance(v, str) for v in values) or (
                frame[name].dtype.kind == "i" and str(frame[name].dtype) == "int64")):
            raise ValueError(f"column {name!r} is neither all text nor int64")
        columns.append([name, str(frame[name].dtype), values])
    wkb = shapely.to_wkb(frame.geometry.values, output_dimension=2, include_srid=False)
    if any(b is None for b in wkb):
        raise ValueError("a missing shape")
    table = json.dumps({
        "columns": columns, "geometry": geometry, "position": list(frame.columns).index(geometry),
        "crs": frame.crs.to_string() if frame.crs is not None else None,
        "index": [frame.index.start, frame.index.stop, frame.index.step]
        if type(frame.index).__name__ == "RangeIndex" else None,
        "wkb": [len(b) for b in wkb],
    }, ensure_ascii=False).encode("utf-8")
    if json.loads(table)["index"] is None:
        raise ValueError("the frame's index is not a range")
    return len(table).to_bytes(8, "little") + table + b"".join(wkb)


def _frame(body: bytes):
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    size = int.from_bytes(body[:8], "little")
    table = json.loads(body[8:8 + size].decode("utf-8"))
    lengths = table["wkb"]
    if 8 + size + sum(lengths) != len(body):
        raise DamagedCache("the shapes are not of the lengths the table gives")
    at, blobs = 8 + size, []
    for n in lengths:
        blobs.append(body[at:at + n])
        at += n
    shapes = shapely.from_wkb(np.array(blobs, dtype=object))
    index = pd.RangeIndex(*table["index"])
    data = {name: pd.Series(values, dtype=dtype, index=index)
            for name, dtype, values in table["columns"]}
    if any(len(v) != len(shapes) for v in data.values()):
        raise DamagedCache("the columns are not of one length")
    order = [name for name, _, _ in table["columns"]]
    order.insert(table["position"], table["geometry"])
    data[table["geometry"]] = gpd.GeoSeries(shapes, index=index, crs=table["crs"])
    return gpd.GeoDataFrame({name: data[name] for name in order}, index=index,
                            geometry=table["geometry"], crs=table["crs"])


def _magic(kind: str) -> bytes:
    return f"geomap {kind}\n".encode()


def write(path: Path, key: str, frame) -> None:
    """Write the frame to ``path`` atomically."""
    _write_body(path, key, _body(frame), "countries")


def _write_body(path: Path, key: str, body: bytes, kind: str) -> None:
    """Write ``body`` under its header to ``path`` atomically."""
    header = json.dumps({"format": CACHE_FORMAT, "key": key, "size": len(body),
                         "sha256": hashlib.sha256(body).hexdigest()}).encode()
    write_atomically(path, [_magic(kind), len(header).to_bytes(8, "little"), header, body])
    _prune(path, kind)


def _prune(keep: Path, kind: str = "countries") -> None:
    """Delete the caches of this kind of other sources or code, and killed writers' files."""
    prune(keep, f"{kind}-")


def read(path: Path, key: str):
    """The frame in the file at ``path``, checked first: DamagedCache if it is not whole,
    not of this format or not for this key."""
    body = _read_body(path, key, "countries")
    try:
        return _frame(body)
    except DamagedCache:
        raise
    except (ValueError, KeyError, TypeError, IndexError, shapely_error()) as err:
        raise DamagedCache(f"bad contents: {err}") from err


def _read_body(path: Path, key: str, kind: str) -> bytes:
    """The body of the file at ``path``, checked against its header: DamagedCache if it is
    not whole, not of this kind and format or not for this key."""
    with open(path, "rb") as f:
        raw = f.read()
    magic = _magic(kind)
    head = len(magic) + 8
    if len(raw) < head or not raw.startswith(magic):
        raise DamagedCache(f"not a {kind} cache")
    size = int.from_bytes(raw[len(magic):head], "little")
    try:
        header = json.loads(raw[head:head + size])
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT \
                or header.get("key") != key:
            raise DamagedCache("another format or key")
        body = raw[head + size:]
        if len(body) != header["size"] or hashlib.sha256(body).hexdigest() != header["sha256"]:
            raise DamagedCache("its body does not match its header")
        return body
    except DamagedCache:
        raise
    except (ValueError, KeyError, TypeError, IndexError) as err:
        raise DamagedCache(f"bad header: {err}") from err


def pack(parts: dict) -> bytes:
    """``parts`` as bytes: bytes, numpy arrays (not of objects) and GeoDataFrames as blobs,
    described in a JSON table (an array's dtype and shape), every other value as JSON (a
    tuple comes back a list)."""
    import numpy as np

    plain, blobs, chunks = {}, [], []
    for name, value in parts.items():
        if isinstance(value, bytes):
            blobs.append([name, "bytes", len(value), None, None])
            chunks.append(value)
        elif isinstance(value, np.ndarray):
            if value.dtype.hasobject:
                raise ValueError(f"{name!r} is an array of objects")
            data = np.ascontiguousarray(value).tobytes()
            blobs.append([name, "array", len(data), value.dtype.str, list(value.shape)])
            chunks.append(data)
        elif type(value).__name__ == "GeoDataFrame":
            data = _body(value)
            blobs.append([name, "frame", len(data), None, None])
            chunks.append(data)
        else:
            plain[name] = value
    table = json.dumps({"plain": plain, "blobs": blobs}, ensure_ascii=False,
                       allow_nan=False).encode("utf-8")
    return len(table).to_bytes(8, "little") + table + b"".join(chunks)


def unpack(body: bytes) -> dict:
    """The parts ``pack`` made these bytes of: DamagedCache (or ValueError and the like) if
    they are not whole."""
    import numpy as np

    size = int.from_bytes(body[:8], "little")
    table = json.loads(body[8:8 + size].decode("utf-8"))
    parts = dict(table["plain"])
    at = 8 + size
    if at + sum(n for _, _, n, _, _ in table["blobs"]) != len(body):
        raise DamagedCache("the parts are not of the lengths the table gives")
    for name, kind, n, dtype, shape in table["blobs"]:
        data = body[at:at + n]
        at += n
        if kind == "bytes":
            parts[name] = data
        elif kind == "array":
            parts[name] = np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape).copy()
        elif kind == "frame":
            parts[name] = _frame(data)
        else:
            raise DamagedCache(f"a part of unknown kind {kind!r}")
    return parts


def shapely_error() -> type[Exception]:
    import shapely.errors

    return shapely.errors.ShapelyError

"""The countries a map is drawn over, kept on disk beside the gazetteer's name cache.

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
MAGIC = b"geomap countries\n"
PREFIX = "countries-"
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


def cache_key(what: str, sources: Iterable[Path]) -> str:
    """The key of the frame ``what`` (the region and its box) derived from ``sources`` by
    this code with these libraries."""
    from . import __version__

    h = hashlib.sha256(f"format {CACHE_FORMAT}\nwhat {what}\ngeomap {__version__}\n"
                       f"{_libraries()}\n".encode())
    package = Path(__file__).resolve().parent
    for path in [*(package / c for c in _CODE), *sources]:
        try:
            body = path.read_bytes()
        except OSError:
            body = b"(missing)"
        h.update(f"{path.name} {len(body)}\n".encode())
        h.update(body)
    return h.hexdigest()


def cache_path(key: str) -> Path:
    return folder() / f"{PREFIX}{key[:24]}.bin"


def load(what: str, sources: list[Path], derive: Callable[[], object]):
    """The frame from the cache file, or derived and written there when it is missing,
    stale or damaged (or derived alone when it cannot be written)."""
    key = cache_key(what, sources)
    path = cache_path(key)
    try:
        return read(path, key)
    except FileNotFoundError:
        pass
    except (OSError, DamagedCache) as err:
        print(f"geomap: the countries cache {path} is damaged ({err}); rebuilding it",
              file=sys.stderr)
    frame = derive()
    try:
        write(path, key, frame)
    except (OSError, ValueError):
        pass  # (read-only, or a frame this file cannot hold: it serves this process)
    return frame


def _body(frame) -> bytes:
    """The frame as bytes: its columns as JSON, then each shape's WKB."""
    import shapely

    geometry = frame.geometry.name
    columns = []
    for name in frame.columns:
        if name == geometry:
            continue
        values = frame[name].tolist()
        if not all(isinstance(v, str) for v in values):
            raise ValueError(f"column {name!r} is not all text")
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


def write(path: Path, key: str, frame) -> None:
    """Write the frame to ``path`` atomically."""
    body = _body(frame)
    header = json.dumps({"format": CACHE_FORMAT, "key": key, "size": len(body),
                         "sha256": hashlib.sha256(body).hexdigest()}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + len(header).to_bytes(8, "little") + header + body)
        os.chmod(tmp, 0o644)  # (shared, as the index is)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(path)


def _prune(keep: Path) -> None:
    """Delete the countries caches of other sources or code older than STALE_DAYS, and the
    temporary files of killed writers older than STALE_TEMP_SECONDS."""
    now = time.time()
    for pattern, cutoff in ((f"{PREFIX}*.bin", now - STALE_DAYS * 86400),
                            (f"{PREFIX}*.bin.*.tmp", now - STALE_TEMP_SECONDS)):
        for other in keep.parent.glob(pattern):
            try:
                if other != keep and other.is_file() and other.stat().st_mtime < cutoff:
                    other.unlink()
            except OSError:
                pass  # (in use or not ours to delete: left)


def read(path: Path, key: str):
    """The frame in the file at ``path``, checked first: DamagedCache if it is not whole,
    not of this format or not for this key."""
    with open(path, "rb") as f:
        raw = f.read()
    head = len(MAGIC) + 8
    if len(raw) < head or not raw.startswith(MAGIC):
        raise DamagedCache("not a countries cache")
    size = int.from_bytes(raw[len(MAGIC):head], "little")
    try:
        header = json.loads(raw[head:head + size])
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT \
                or header.get("key") != key:
            raise DamagedCache("another format or key")
        body = raw[head + size:]
        if len(body) != header["size"] or hashlib.sha256(body).hexdigest() != header["sha256"]:
            raise DamagedCache("its body does not match its header")
        return _frame(body)
    except DamagedCache:
        raise
    except (ValueError, KeyError, TypeError, IndexError, shapely_error()) as err:
        raise DamagedCache(f"bad contents: {err}") from err


def shapely_error() -> type[Exception]:
    import shapely.errors

    return shapely.errors.ShapelyError

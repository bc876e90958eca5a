"""Join stage: claims and gazetteer places into one GeoDataFrame (EPSG:4326).

Every claim comes out either placed (a row of the frame) or unplaced (with the reason),
never lost: ``len(claims) == len(result.frame) + len(result.unplaced)``.

Names are resolved together (resolve.py), so that the places of one file give each other
context.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from operator import attrgetter

from .gazetteer import Gazetteer
from .geo import km, km_apart
from .records import JOINED_COLUMNS, Claim, Place, Resolution, Unplaced
from .resolve import resolve_places
from .wording import plural

COLUMNS = list(JOINED_COLUMNS)  # records.py: the claims format and what placing adds
# What placing a claim says, in this order (a placed row's tuple); the other columns are
# the claim's own fields.
PLACED = ("lat", "lon", "precision", "place_id", "place_name", "place_kind", "country",
          "radius_km", "resolution", "confidence")
_GIVEN = [k for k in COLUMNS if k not in PLACED]
assert set(_GIVEN) <= {f.name for f in fields(Claim)}, _GIVEN


@dataclass
class JoinResult:
    """Placed claims as a GeoDataFrame, the claims that could not be placed, and what the
    join has to say about its input (a row whose coordinates and place disagree)."""

    frame: object  # geopandas.GeoDataFrame; typed loosely so this module imports fast
    unplaced: list[Unplaced] = field(default_factory=list)
    claims_in: int = 0
    notes: list[str] = field(default_factory=list)
    # placed claims whose coordinates lie beyond the extent of the place they name (each
    # one's ``resolution`` says so; the first BEYOND_NOTES have a note each, the rest one)
    beyond: int = 0

    @property
    def claims_mapped(self) -> int:
        return len(self.frame)


def frame_columns(frame, names) -> dict[str, list]:
    """Columns of a frame as lists, as ``frame[name].tolist()`` gives them, but a text
    column's equal values one object: hashed once, and quicker to count and look up (a
    column of 100,000 claims names a few places, sides and events)."""
    import pandas as pd

    out = {}
    for name in names:
        column = frame[name]
        if not isinstance(column.dtype, pd.StringDtype):
            out[name] = column.tolist()
            continue
        # (use_na_sentinel=False: a missing value is among the uniques, as tolist gives it)
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        out[name] = list(map(uniques.tolist().__getitem__, codes.tolist()))
    return out


# How many claims whose coordinates lie beyond their place get a note each; the others are
# counted in one note (and each one's ``resolution`` still says it).
BEYOND_NOTES = 20

# Coordinates this close to a place's own are the place's (as geomap writes them), not a
# finer location a source gave.
SAME_POINT_DEG = 1e-4


def _at(place: Place, lat: float, lon: float) -> bool:
    return abs(place.lat - lat) < SAME_POINT_DEG and abs(place.lon - lon) < SAME_POINT_DEG


def _chosen(claim: Claim, res: Resolution | None, gazetteer: Gazetteer) -> Place | None:
    """The place a claim's ``place_id`` names, when its ``place`` can still mean it.

    ``place_id`` is the place the name was resolved to before (by ``geomap extract``, or
    chosen by the analyst among a name's candidates). A name corrected since ("Goris" to
    "Kapan") cannot mean it any more, and is resolved again.
    """
    if not claim.place_id:
        return None
    try:
        place = gazetteer.get(claim.place_id)
    except LookupError:
        return None
    if claim.place.strip() == place.id:
        return place
    if res is not None and (res.place is not None and res.place.id == place.id
                            or any(c.place.id == place.id for c in res.candidates)):
        return place
    return None


def _named(c: Claim, res: Resolution | None, gazetteer: Gazetteer
           ) -> tuple[Place | None, bool, Place | None]:
    """What a claim's place and place_id say, the same for every claim that gives both: (the
    place it names, whether chosen by its place_id, the place its place_id is)."""
    place = _chosen(c, res, gazetteer)
    by_id = place is not None and not (res and res.resolved and res.place.id == place.id)
    if place is None and res is not None and res.resolved:
        place = res.place
    own = None
    if c.place_id:
        try:
            own = gazetteer.get(c.place_id)
        except LookupError:
            pass
    return place, by_id, own


_lat, _lon = attrgetter("lat"), attrgetter("lon")


@dataclass
class _Pair:
    """What a claim's place and place_id say, the same for every claim that gives both."""

    res: Resolution | None  # the name's resolution (None: the claim names no place)
    place: Place | None  # the place the claim names
    by_id: bool  # chosen by its place_id among the places the name may mean
    own: Place | None  # the place its place_id is
    placed: bool  # placed at the place, unless the claim's coordinates win
    why: str  # so placed: how the place was found, and how sure it is
    sure: float
    own_sure: bool  # so placed: the claim's own confidence, where it gives one, wins


def _pair(c: Claim, res: Resolution | None, gazetteer: Gazetteer) -> _Pair:
    place, by_id, own = _named(c, res, gazetteer)
    placed = place is not None and bool(c.place.strip())
    why, sure, own_sure = "", 1.0, False
    if placed and by_id:
        why = (f"{place.name} ({place.kind}, {place.country}), chosen before among the "
               f"places {c.place!r} may mean (place_id {place.id})")
        sure, own_sure = res.confidence if res else 1.0, True
    elif placed:
        # the claim's own, which also counts what was inferred (extract); a place
        # corrected since was resolved again, and the resolution's is the one
        why, sure, own_sure = res.reason, res.confidence, c.place_id == place.id
    return _Pair(res, place, by_id, own, placed, why, sure, own_sure)


@dataclass
class _Where:
    """Where each claim goes (``_where``)."""

    pairs: list[_Pair]  # what each pair of place and place_id that claims give says
    of_pair: object  # numpy array: each claim's pair, by its number
    given: object  # numpy array: whether each claim's own coordinates win over its place's
    far: object  # numpy array: km from a claim's coordinates to its place (NaN: none)


def _where(claims: list[Claim], gazetteer: Gazetteer) -> _Where:
    """Where each claim goes: what its place and place_id say (asked once for every pair
    that claims give), whether its own coordinates win over the place's, and how far they
    lie from it. The coordinates of all claims are compared with their places at once
    (numpy), not a claim at a time."""
    import numpy as np

    keys = [(c.place, c.place_id) for c in claims]
    first = dict(zip(keys, claims))  # (any claim of a pair will do: only these are asked)
    # (the names in the order they first come, as resolve_places takes them)
    resolutions = resolve_places([name for name, _ in first if name.strip()], gazetteer)
    number = {}
    pairs = []
    for key, c in first.items():
        number[key] = len(pairs)
        pairs.append(_pair(c, resolutions.get(c.place) if c.place.strip() else None,
                           gazetteer))
    of_pair = np.fromiter(map(number.__getitem__, keys), dtype=np.intp, count=len(keys))

    def points(places) -> np.ndarray:  # (lat, lon) rows, claim by claim (NaN: no place)
        return np.array([(p.lat, p.lon) if p is not None else (math.nan, math.nan)
                         for p in places], dtype=float).reshape(-1, 2)[of_pair]

    named, own = points(p.place for p in pairs), points(p.own for p in pairs)
    # each claim's own coordinates, where it gives both (NaN: none; np.fromiter takes only
    # numbers, and refuses a text for one)
    lats, lons = list(map(_lat, claims)), list(map(_lon, claims))
    has = [lat is not None and lon is not None for lat, lon in zip(lats, lons)]
    at = np.stack([np.fromiter((x if h else math.nan for x, h in zip(xs, has)), dtype=float,
                               count=len(claims)) for xs in (lats, lons)], axis=1)
    has = np.array(has, dtype=bool)
    # coordinates at the place's point, or at the place_id's (geomap wrote them: a GeoJSON
    # export's geometry), follow the place, and a corrected place moves them (as _at says;
    # NaN is at no point)
    given = has & ~(np.abs(named - at) < SAME_POINT_DEG).all(axis=1) & \
        ~(np.abs(own - at) < SAME_POINT_DEG).all(axis=1)
    far = km_apart(np.radians(at), np.radians(named))
    # numpy's sine and cosine may differ from the math module's in the last bit, which
    # changes what is said only where a distance is about a half kilometre (it is written
    # rounded: 12.5 or 12.4999...) or about the place's extent (beyond it or not): there km
    # measures it again, as it did every claim's. (So it does a NaN coordinate, which only
    # code calling join can give: km says 20,015 km, numpy NaN.)
    extent = np.array([p.place.extent_km if p.place is not None else math.nan
                       for p in pairs], dtype=float)[of_pair]
    doubt = given & ~np.isnan(named[:, 0]) & (
        np.isnan(far) | (np.abs(far % 1.0 - 0.5) < NEAR_KM) | (np.abs(far - extent) < NEAR_KM))
    for i in np.flatnonzero(doubt).tolist():
        far[i] = km(claims[i].lat, claims[i].lon, named[i, 0], named[i, 1])
    return _Where(pairs, of_pair, given, far)


# How near a half kilometre (or a place's extent) numpy's distance must be for km to measure
# it again (numpy's and math's differ by a few units of the last bit: 1e-12 km).
NEAR_KM = 0.01


def locate(claims: list[Claim], gazetteer: Gazetteer) -> dict[str, tuple[float, float]]:
    """Each placed claim's point, by id, as ``join`` places it: (lon, lat). What a store
    keeps as a claim's geometry, without the frame ``join`` builds."""
    where = _where(claims, gazetteer)
    out = {}
    for c, pair, given in zip(claims, map(where.pairs.__getitem__, where.of_pair.tolist()),
                              where.given.tolist()):
        if given:
            out[c.id] = (float(c.lon), float(c.lat))
        elif pair.placed:
            out[c.id] = (float(pair.place.lon), float(pair.place.lat))
    return out


def join(claims: list[Claim], gazetteer: Gazetteer) -> JoinResult:
    """Place every claim: where its source put it (``lat``/``lon``), else at the place its
    name means (or the ``place_id`` chosen among the name's candidates).

    A row whose coordinates lie beyond the extent of the place it names is mapped at the
    coordinates, with a note naming its file and line.

    Built a column at a time (what placing says of each placed claim, PLACED), from what
    each pair of place and place_id says (_Pair) and each claim's own fields.
    """
    import numpy as np

    where = _where(claims, gazetteer)
    of_pair, given = where.of_pair, where.given
    placed_at = np.fromiter((p.placed for p in where.pairs), dtype=bool,
                            count=len(where.pairs))[of_pair] if claims else given
    is_placed = given | placed_at
    unplaced = []
    for i in np.flatnonzero(~is_placed).tolist():
        c, pair = claims[i], where.pairs[of_pair[i]]
        if not c.place.strip():  # a report's claim whose words name no place
            unplaced.append(Unplaced(c, "unresolved", "the claim names no place"))
        else:
            res = pair.res
            unplaced.append(Unplaced(
                c, res.status, res.reason, tuple(
                    f"{x.place.name} ({x.place.kind}, {x.place.country}, {x.place.id})"
                    for x in res.candidates[:5]), res.confidence))
    rows = np.flatnonzero(is_placed)
    placed = list(map(claims.__getitem__, rows.tolist()))
    g = given[rows].tolist()
    pairs = list(map(where.pairs.__getitem__, of_pair[rows].tolist()))
    # the claims whose coordinates are given, and lie beyond the extent of the place named
    far = where.far[rows].tolist()
    at = [c.origin or c.id for c in placed]
    beyond = [i for i, (gi, p, d) in enumerate(zip(g, pairs, far))
              if gi and p.place is not None and d > p.place.extent_km]
    notes = []
    for i in beyond[:BEYOND_NOTES]:
        c, place, d = placed[i], pairs[i].place, far[i]
        notes.append(
            f"{at[i]}: lat/lon ({c.lat:g}, {c.lon:g}) lie {d:,.0f} km from {place.name} "
            f"({place.kind}, {place.country}), beyond its extent (about "
            f"{place.extent_km:,.0f} km): mapped at the coordinates; correct the place or "
            "the coordinates")
    if len(beyond) > BEYOND_NOTES:
        more = len(beyond) - BEYOND_NOTES
        notes.append(
            f"and {plural(more, 'more claim')} (the last at {at[beyond[-1]]}) whose lat/lon "
            "lie beyond the extent of the place each names: mapped at the coordinates; each "
            "one's resolution gives its distance from the place ("
            f"{plural(len(beyond), 'claim')} in all, counted in the manifest as "
            "coordinates_beyond_place)")
    given_why = "coordinates given in the input"
    said = {  # PLACED
        "lat": [c.lat if gi else p.place.lat for c, gi, p in zip(placed, g, pairs)],
        "lon": [c.lon if gi else p.place.lon for c, gi, p in zip(placed, g, pairs)],
        "precision": [c.precision or ("point" if gi else p.place.precision)
                      for c, gi, p in zip(placed, g, pairs)],
        "place_id": [p.place.id if p.place else "" for p in pairs],
        "place_name": [p.place.name if p.place else c.place for c, p in zip(placed, pairs)],
        "place_kind": [p.place.kind if p.place else "" for p in pairs],
        "country": [p.place.country if p.place else "" for p in pairs],
        "radius_km": [None if gi else p.place.radius_km for gi, p in zip(g, pairs)],
        "resolution": [p.why if not gi else given_why for gi, p in zip(g, pairs)],
        "confidence": [
            c.confidence if c.confidence is not None and (gi or p.own_sure) else
            1.0 if gi else p.sure for c, gi, p in zip(placed, g, pairs)],
    }
    for i in beyond:
        said["resolution"][i] += f", {far[i]:,.0f} km from {pairs[i].place.name}, which the " \
            "claim names"
    return JoinResult(frame=_frame(placed, said), unplaced=unplaced, claims_in=len(claims),
                      notes=notes, beyond=len(beyond))


def _frame(placed: list[Claim], said: dict[str, list]):
    """The placed claims' frame (COLUMNS, EPSG:4326): each claim's fields, and what placing
    it says (``said``: the PLACED columns), built by column."""
    import geopandas as gpd
    import pandas as pd

    if not placed:
        return gpd.GeoDataFrame(pd.DataFrame([], columns=COLUMNS),
                                geometry=gpd.points_from_xy([], []), crs="EPSG:4326")
    # the claims' own fields read from their dicts by pandas (the same columns as lists of
    # each field would give, a third quicker)
    given = pd.DataFrame(list(map(vars, placed)), columns=_GIVEN)
    columns = {k: said[k] if k in said else given[k] for k in COLUMNS}
    return gpd.GeoDataFrame(pd.DataFrame(columns, columns=COLUMNS),
                            geometry=_points(said["lon"], said["lat"]), crs="EPSG:4326")


def _points(lons: list[float], lats: list[float]):
    """The claims' points; claims at one place share its Point (shapely's are immutable):
    100,000 claims at 93 places make 93 points, not 100,000."""
    import geopandas as gpd
    import numpy as np

    xy = list(zip(lons, lats))
    at = dict.fromkeys(xy)
    # (-0.0 == 0.0 as a key: with a zero among them, each claim its own point, sign kept)
    if len(at) > len(xy) // 2 or 0.0 in lons or 0.0 in lats:
        return gpd.points_from_xy(lons, lats)
    at = {p: i for i, p in enumerate(at)}
    shared = gpd.points_from_xy([p[0] for p in at], [p[1] for p in at])
    return shared[np.fromiter(map(at.__getitem__, xy), dtype=np.intp, count=len(xy))]

"""Join stage: claims and gazetteer places into one GeoDataFrame (EPSG:4326).

Every claim comes out either placed (a row of the frame) or unplaced (with the reason),
never lost: ``len(claims) == len(result.frame) + len(result.unplaced)``.

Names are resolved together (resolve.py), so that the places of one file give each other
context.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .gazetteer import Gazetteer
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


def _placed(claims: list[Claim], gazetteer: Gazetteer):
    """Where each claim goes: (the claim, its name's resolution, the place it names, whether
    chosen by its place_id, whether its own coordinates win over the place's), what its place
    and place_id say asked once for every claim that gives both."""
    resolutions = resolve_places([c.place for c in claims if c.place.strip()], gazetteer)
    said: dict[tuple[str, str], tuple] = {}
    for c in claims:
        known = said.get((c.place, c.place_id))
        if known is None:
            res = resolutions.get(c.place) if c.place.strip() else None
            known = said[(c.place, c.place_id)] = (res, *_named(c, res, gazetteer))
        res, place, by_id, own = known
        # coordinates at the place's point, or at the place_id's (geomap wrote them: a
        # GeoJSON export's geometry), follow the place, and a corrected place moves them
        given = c.lat is not None and c.lon is not None and not (
            place is not None and _at(place, c.lat, c.lon)) and not (
            own is not None and _at(own, c.lat, c.lon))
        yield c, res, place, by_id, given


def locate(claims: list[Claim], gazetteer: Gazetteer) -> dict[str, tuple[float, float]]:
    """Each placed claim's point, by id, as ``join`` places it: (lon, lat). What a store
    keeps as a claim's geometry, without the frame ``join`` builds."""
    out = {}
    for c, _, place, _, given in _placed(claims, gazetteer):
        if given:
            out[c.id] = (float(c.lon), float(c.lat))
        elif place is not None and c.place.strip():
            out[c.id] = (float(place.lon), float(place.lat))
    return out


def join(claims: list[Claim], gazetteer: Gazetteer) -> JoinResult:
    """Place every claim: where its source put it (``lat``/``lon``), else at the place its
    name means (or the ``place_id`` chosen among the name's candidates).

    A row whose coordinates lie beyond the extent of the place it names is mapped at the
    coordinates, with a note naming its file and line.
    """
    from .geo import km

    placed: list[Claim] = []  # the placed claims, and what placing each says (PLACED)
    rows: list[tuple] = []
    unplaced, notes = [], []
    beyond, last_beyond = 0, ""
    for c, res, place, by_id, given in _placed(claims, gazetteer):
        if given:
            why = "coordinates given in the input"
            if place is not None:
                far = km(c.lat, c.lon, place.lat, place.lon)
                if far > place.extent_km:
                    beyond += 1
                    if beyond <= BEYOND_NOTES:
                        notes.append(
                            f"{c.origin or c.id}: lat/lon ({c.lat:g}, {c.lon:g}) lie "
                            f"{far:,.0f} km from {place.name} ({place.kind}, {place.country}), "
                            f"beyond its extent (about {place.extent_km:,.0f} km): mapped at "
                            "the coordinates; correct the place or the coordinates")
                    else:
                        last_beyond = c.origin or c.id
                    why += f", {far:,.0f} km from {place.name}, which the claim names"
            placed.append(c)
            rows.append((  # PLACED
                c.lat, c.lon, c.precision or "point", place.id if place else "",
                place.name if place else c.place, place.kind if place else "",
                place.country if place else "", None, why,
                c.confidence if c.confidence is not None else 1.0))
            continue
        if not c.place.strip():  # a report's claim whose words name no place
            unplaced.append(Unplaced(c, "unresolved", "the claim names no place"))
            continue
        if place is None:
            unplaced.append(Unplaced(
                c, res.status, res.reason, tuple(
                    f"{x.place.name} ({x.place.kind}, {x.place.country}, {x.place.id})"
                    for x in res.candidates[:5]), res.confidence))
            continue
        if by_id:
            why = (f"{place.name} ({place.kind}, {place.country}), chosen before among the "
                   f"places {c.place!r} may mean (place_id {place.id})")
            sure = c.confidence if c.confidence is not None else res.confidence if res else 1.0
        else:
            why, sure = res.reason, res.confidence
            if c.confidence is not None and c.place_id == place.id:
                # the claim's own, which also counts what was inferred (extract); a place
                # corrected since was resolved again, and the resolution's is the one
                sure = c.confidence
        placed.append(c)
        rows.append((place.lat, place.lon, c.precision or place.precision, place.id,
                     place.name, place.kind, place.country, place.radius_km, why, sure))
    if beyond > BEYOND_NOTES:
        more = beyond - BEYOND_NOTES
        notes.append(
            f"and {plural(more, 'more claim')} (the last at {last_beyond}) whose lat/lon lie "
            "beyond the extent of the place each names: mapped at the coordinates; each "
            "one's resolution gives its distance from the place ("
            f"{plural(beyond, 'claim')} in all, counted in the manifest as "
            "coordinates_beyond_place)")
    return JoinResult(frame=_frame(placed, rows), unplaced=unplaced, claims_in=len(claims),
                      notes=notes, beyond=beyond)


def _frame(placed: list[Claim], rows: list[tuple]):
    """The placed claims' frame (COLUMNS, EPSG:4326): each claim's fields, and what placing
    it says (``rows``, PLACED), built by column."""
    import geopandas as gpd
    import pandas as pd

    if not placed:
        return gpd.GeoDataFrame(pd.DataFrame([], columns=COLUMNS),
                                geometry=gpd.points_from_xy([], []), crs="EPSG:4326")
    said = dict(zip(PLACED, map(list, zip(*rows))))
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

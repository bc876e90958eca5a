"""Join stage: claims and gazetteer places into one GeoDataFrame (EPSG:4326).

Every claim comes out either placed (a row of the frame) or unplaced (with the reason),
never lost: ``len(claims) == len(result.frame) + len(result.unplaced)``.

Names are resolved together (resolve.py), so that the places of one file give each other
context.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .records import Claim
from .resolve import resolve_places

COLUMNS = [
    "id", "date", "date_precision", "place", "place_id", "place_name", "place_kind",
    "country", "lat", "lon", "precision", "radius_km", "claimant", "claimant_side", "stance",
    "event", "actor", "role", "text", "source", "publisher", "url", "published", "span_start",
    "span_end", "depth_km", "origin", "resolution", "confidence", "check",
]  # fmt: skip


@dataclass
class JoinResult:
    """Placed claims as a GeoDataFrame, and the claims that could not be placed."""

    frame: object  # geopandas.GeoDataFrame; typed loosely so this module imports fast
    unplaced: list[dict] = field(default_factory=list)
    claims_in: int = 0

    @property
    def claims_mapped(self) -> int:
        return len(self.frame)


def _row(claim: Claim, **placed) -> dict:
    row = {k: getattr(claim, k) for k in COLUMNS if hasattr(claim, k)}
    row.update(placed)
    return {k: row.get(k) for k in COLUMNS}


def join(claims: list[Claim], gazetteer: Gazetteer) -> JoinResult:
    """Place every claim: by its own lat/lon when given, else by its place name."""
    import geopandas as gpd
    from shapely.geometry import Point

    resolutions = resolve_places([c.place for c in claims if c.lat is None], gazetteer)
    rows, unplaced = [], []
    for c in claims:
        if c.lat is not None and c.lon is not None:
            res = gazetteer.resolve(c.place) if c.place else None
            p = res.place if res and res.resolved else None
            if p is not None and abs(p.lat - c.lat) < 1e-4 and abs(p.lon - c.lon) < 1e-4:
                # the coordinates are the place's own (as geomap extract writes them)
                rows.append(_row(
                    c, lat=p.lat, lon=p.lon, precision=c.precision or p.precision,
                    place_id=p.id, place_name=p.name, place_kind=p.kind, country=p.country,
                    radius_km=p.radius_km, resolution=res.reason,
                    confidence=c.confidence if c.confidence is not None else res.confidence))
                continue
            rows.append(_row(
                c, lat=c.lat, lon=c.lon, precision=c.precision or "point",
                place_id=p.id if p else "", place_name=p.name if p else c.place,
                place_kind=p.kind if p else "", country=p.country if p else "",
                radius_km=None, resolution="coordinates given in the input",
                confidence=1.0))
            continue
        if not c.place.strip():  # a report's claim whose words name no place
            unplaced.append({**c.to_dict(), "status": "unresolved", "candidates": [],
                             "reason": "the claim names no place"})
            continue
        res = resolutions[c.place]
        if not res.resolved:
            unplaced.append({
                **c.to_dict(), "status": res.status, "reason": res.reason,
                "confidence": res.confidence,
                "candidates": [f"{x.place.name} ({x.place.kind}, {x.place.country}, "
                               f"{x.place.id})" for x in res.candidates[:5]]})
            continue
        p = res.place
        rows.append(_row(
            c, lat=p.lat, lon=p.lon, precision=c.precision or p.precision, place_id=p.id,
            place_name=p.name, place_kind=p.kind, country=p.country, radius_km=p.radius_km,
            resolution=res.reason, confidence=res.confidence))
    frame = gpd.GeoDataFrame(
        rows, columns=COLUMNS,
        geometry=[Point(r["lon"], r["lat"]) for r in rows], crs="EPSG:4326")
    return JoinResult(frame=frame, unplaced=unplaced, claims_in=len(claims))

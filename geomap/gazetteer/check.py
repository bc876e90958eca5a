"""Checks of the curated gazetteer that loading alone does not make: each place lies in (or
within a few kilometres of) the country its row names, and each hotspot file's names belong
to places that exist.

Loading already refuses a row without a source, with an unknown kind, a repeated id or a
number out of range (curated.curated_rows). ``geomap gazetteer check`` runs both, and the
test suite runs it, so a bad row fails the build with its file and line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import GazetteerError
from ..geo import km
from .curated import curated_rows, data_dir

# A border post stands on the line, and the 1:10m line is good to a kilometre or two (the
# simplified world layer to a few more): a place this close to its country counts as in it.
TOLERANCE_KM = 15.0
# A row whose note says this is knowingly outside its country as Natural Earth draws it
# (a place in a disputed area recorded with the side that administers it).
OUTSIDE_NOTE = "outside its country on Natural Earth"


def check_curated(folder: Path | None = None) -> list[str]:
    """Every problem found, as ``file:line: what is wrong`` (empty when all is well)."""
    import geopandas as gpd
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from . import Gazetteer

    folder = folder or data_dir()
    problems: list[str] = []
    try:
        gaz = Gazetteer(data=folder)
    except GazetteerError as err:
        return [str(err)]
    world = gpd.read_file(folder / "boundaries" / "world.geojson")
    # (a code's features together: Natural Earth gives some territories their state's code)
    shapes = {iso2: part.union_all() for iso2, part in world.groupby("iso2") if iso2}
    rows = {row["id"]: where for where, row in curated_rows(folder)}
    for place_id, where in rows.items():
        place = gaz.get(place_id)
        if OUTSIDE_NOTE in place.note or not place.country:  # a region across countries
            continue
        shape = shapes.get(place.country)
        if shape is None:
            problems.append(f"{where}: {place_id}: no country {place.country!r} on the map")
            continue
        point = Point(place.lon, place.lat)
        if shape.contains(point):
            continue
        far = _km(point, nearest_points(shape, point)[0])
        if far > TOLERANCE_KM:
            problems.append(f"{where}: {place_id} ({place.lat:.4f}, {place.lon:.4f}) lies "
                            f"{far:.0f} km outside {place.country}; check the coordinates "
                            f"and the country (or say '{OUTSIDE_NOTE}' in the note, and why)")
    from ..errors import PlaceNotFound
    from .curated import aliases

    for n, (term, place_id, _kind) in enumerate(aliases(folder), start=2):
        try:
            gaz.get(place_id)
        except PlaceNotFound:
            problems.append(f"{folder / 'aliases.csv'}:{n}: {term!r}: no place {place_id}")
    return problems


def _km(a, b) -> float:
    """Kilometres between two shapely points (x longitude, y latitude)."""
    return km(a.y, a.x, b.y, b.x)

"""The border facts measured for every point at once (borders.py) are the facts the code
before them measured one point at a time (``OneByOne`` below, kept as it was in commit
5860338: a pyproj projection per point, the lines cut to its window): the same country,
line, class, exclave and disputed area, and the same distance to its stated precision (0.1
km), near the AM–AZ, IN–CN and KG–TJ borders, in the default view and in India's and
China's."""

from __future__ import annotations

import random

import pytest

from geomap.borders import NE_ACCURACY_KM, BorderFact, border_facts
from geomap.geo import local_crs


class OneByOne:
    """The facts at one point at a time, as geomap measured them before (borders._Facts)."""

    def __init__(self, countries, lines, disputed, accuracy_km: float,
                 point_of_view: str = "") -> None:
        self.countries, self.lines, self.disputed = countries, lines, disputed
        self.point_of_view = point_of_view
        self.accuracy_km = accuracy_km
        self.shapes = countries.geometry.values
        self.derived: dict = {}
        self.mains: dict = {}
        self.theirs: dict = {}

    def holder(self, areas) -> str:
        from geomap.layers import area_holders

        if not self.point_of_view or "views" not in areas.columns:
            return ""
        return next((area_holders(v).get(self.point_of_view) for v in areas["views"]
                     if len(area_holders(v).get(self.point_of_view, "")) == 2), "")

    def at(self, lat: float, lon: float) -> BorderFact:
        import geopandas as gpd
        import shapely
        from shapely.geometry import Point, box

        countries, lines, disputed = self.countries, self.lines, self.disputed
        accuracy_km, shapes, derived = self.accuracy_km, self.shapes, self.derived
        mains, theirs = self.mains, self.theirs
        pt = Point(lon, lat)
        hit = countries[shapely.contains(shapes, pt)] if len(countries) else countries
        if not len(hit):
            hit = countries[shapely.distance(shapes, pt) < 0.02] if len(countries) else countries
        if not len(hit):
            return BorderFact("", None, "", "", False, False, True, accuracy_km)
        row = hit.iloc[0]
        country = row["iso2"]
        if country not in mains:
            parts = list(getattr(row.geometry, "geoms", [row.geometry]))
            main = max(parts, key=lambda g: g.area).buffer(0.005) if len(parts) > 1 else None
            if main is not None:
                shapely.prepare(main)
            mains[country] = main
        main = mains[country]
        exclave = main is not None and not main.contains(pt)
        inside = disputed[disputed.contains(pt)] if disputed is not None and len(
            disputed) else None
        in_dispute = inside is not None and bool(len(inside))
        area_name = ""
        if in_dispute and "name" in inside.columns:
            area_name = next((n for n in inside["name"] if isinstance(n, str) and n), "")
        holder = self.holder(inside) if in_dispute else ""
        if holder and holder != country:
            country, exclave = holder, False
        window = box(lon - 4, lat - 3, lon + 4, lat + 3)
        if country not in theirs:
            theirs[country] = lines[lines["countries"].str.split("-").apply(
                lambda p, c=country: c in p)] if len(lines) else lines
        mine = theirs[country]
        mine = mine[mine.intersects(window)] if len(mine) else mine
        if not len(mine):
            if country not in derived:
                from geomap.layers import shared_borders

                near = countries[shapely.intersects(shapes, row.geometry)]
                edges = shared_borders(near)
                derived[country] = edges[edges["countries"].str.split("-").apply(
                    lambda p, c=country: c in p)]
            mine = derived[country]
            mine = mine[mine.intersects(window)] if len(mine) else mine
        if not len(mine):
            return BorderFact(country, None, "", "", exclave, in_dispute, False, accuracy_km,
                              area_name=area_name)
        local = gpd.GeoSeries(mine.geometry.intersection(window).values,
                              crs="EPSG:4326").to_crs(local_crs(lat, lon))
        dists = local.distance(Point(0, 0))
        best = int(dists.values.argmin())
        line = mine.iloc[best]
        pair = line["countries"].split("-")
        other = next((c for c in pair if c != country), "")
        name = line["name"] if "name" in mine.columns and isinstance(line["name"], str) else ""
        return BorderFact(country, round(float(dists.iloc[best]) / 1000, 1), other,
                          line["kind"], exclave, in_dispute, False, accuracy_km, name,
                          self.point_of_view, area_name)


# (view, context, boxes the sample points are drawn from)
REGIONS = {
    "AM-AZ": ((44.0, 38.5, 47.0, 41.0), (42.0, 37.0, 49.0, 42.5),
              [(45.0, 38.8, 46.7, 41.3), (46.3, 38.8, 46.9, 39.8),  # the tripoint
               (44.8, 38.9, 46.0, 39.7)]),  # Nakhchivan
    "IN-CN": ((77.0, 32.5, 80.5, 36.0), (75.0, 31.0, 82.5, 37.5),
              [(77.3, 32.4, 80.3, 35.7), (78.0, 34.0, 80.0, 36.0)]),  # Galwan, Aksai Chin
    "KG-TJ": ((69.5, 39.5, 72.0, 40.7), (68.0, 38.5, 73.5, 41.7),
              [(69.4, 39.5, 71.9, 40.6)]),  # Batken, Isfara, the enclaves
}


def _setting(region: str, point_of_view: str):
    from geomap.layers import border_lines, boundary_layers, countries_for

    view, context, _ = REGIONS[region]
    _, countries, _ = countries_for(view)
    layers = boundary_layers(view, context, point_of_view=point_of_view)
    areas = [lay.frame for lay in layers if lay.kind == "disputed-area"]
    lines, _ = border_lines(countries, layers, [])
    return countries, lines, areas[0] if areas else None


def _points(region: str, n: int) -> list[tuple[float, float]]:
    rnd = random.Random(f"facts {region}")
    boxes = REGIONS[region][2]
    out = []
    for i in range(n):
        x0, y0, x1, y1 = boxes[i % len(boxes)]
        out.append((round(rnd.uniform(y0, y1), 5), round(rnd.uniform(x0, x1), 5)))
    return out


def _same(new: BorderFact, old: BorderFact) -> bool:
    """Equal, the distance to its precision (a hair's difference may round to the next
    tenth of a kilometre)."""
    from dataclasses import replace

    if (new.border_km is None) != (old.border_km is None):
        return False
    if new.border_km is not None and abs(new.border_km - old.border_km) > 0.1 + 1e-9:
        return False
    return replace(new, border_km=None) == replace(old, border_km=None)


@pytest.mark.parametrize("region,point_of_view", [
    ("AM-AZ", ""), ("IN-CN", ""), ("IN-CN", "IN"), ("IN-CN", "CN"), ("KG-TJ", "")])
def test_the_facts_of_many_points_are_those_of_one_point_at_a_time(region, point_of_view):
    countries, lines, disputed = _setting(region, point_of_view)
    points = _points(region, 90)
    new = border_facts(points, countries, lines, disputed, point_of_view=point_of_view)
    one = OneByOne(countries, lines, disputed, NE_ACCURACY_KM, point_of_view)
    old = [one.at(*p) for p in points]
    differ = [(p, n, o) for p, n, o in zip(points, new, old) if not _same(n, o)]
    assert not differ, differ[:3]
    # the sample says something: places in two countries at least, lines of each kind met
    assert len({f.country for f in new}) >= 2 and any(f.border_km is not None for f in new)
    exact = sum(n.border_km == o.border_km for n, o in zip(new, old))
    assert exact >= 0.95 * len(points)  # (rounding aside, the very same figure)


def test_special_places_keep_their_facts(gazetteer):
    """The places the other tests name: an exclave, the sea, a tripoint, a disputed area
    given to another country in a view, a place with no line of its own in its window."""
    cases = [("AM-AZ", "", [(39.2, 45.4), (40.5, 51.0), (39.41, 46.55), (41.23, 45.0)]),
             ("IN-CN", "IN", [(35.0, 79.5), (35.2, 79.2), (34.74, 78.67), (28.61, 77.21)]),
             ("KG-TJ", "", [(39.96, 70.85), (40.07, 70.61), (39.88, 71.09)])]
    for region, pov, points in cases:
        countries, lines, disputed = _setting(region, pov)
        new = border_facts(points, countries, lines, disputed, point_of_view=pov)
        one = OneByOne(countries, lines, disputed, NE_ACCURACY_KM, pov)
        for p, n in zip(points, new):
            assert _same(n, one.at(*p)), (region, p, n)
    countries, lines, _ = _setting("IN-CN", "")
    empty = countries.iloc[0:0].assign(countries="", kind="")  # no lines: the polygons' edges
    leh = [(34.1642, 77.5848), (33.5, 78.0)]
    one = OneByOne(countries, empty, None, NE_ACCURACY_KM)
    for p, n in zip(leh, border_facts(leh, countries, empty)):
        assert _same(n, one.at(*p)), (p, n)


def test_each_point_is_measured_once_and_the_order_is_kept():
    countries, lines, disputed = _setting("AM-AZ", "")
    points = _points("AM-AZ", 5)
    again = points[::-1] + points
    facts = border_facts(again, countries, lines, disputed)
    assert facts[:5][::-1] == facts[5:]
    assert border_facts([], countries, lines, disputed) == []


@pytest.mark.parametrize("region,box", [("IN-CN", (74, 27, 84, 37)), ("AM-AZ", (40, 36, 52, 45)),
                                        ("KG-TJ", (66, 37, 76, 43))])
def test_places_far_from_every_line_keep_their_facts(region, box):
    """Far from the lines (beyond the map, at sea, a whole window away): the nearest line
    within the window, the polygons' edges where none is, or no fact at all."""
    countries, lines, disputed = _setting(region, "")
    rnd = random.Random(f"far {region}")
    points = [(round(rnd.uniform(box[1], box[3]), 4), round(rnd.uniform(box[0], box[2]), 4))
              for _ in range(40)]
    new = border_facts(points, countries, lines, disputed)
    one = OneByOne(countries, lines, disputed, NE_ACCURACY_KM)
    differ = [(p, n) for p, n in zip(points, new) if not _same(n, one.at(*p))]
    assert not differ, differ[:3]
    assert any(f.border_km is not None and f.border_km > 150 for f in new)

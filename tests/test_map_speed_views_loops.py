"""borders._facts takes each point's country, the view's holder of its disputed area and
the points by country by numpy (pd.factorize, np.split), not by loops over the points:
many points of several countries, some in an area a view gives to another country,
measured at once have the facts each has measured alone."""

from __future__ import annotations

import random

import geopandas as gpd
from shapely.geometry import LineString, box

from geomap.borders import border_facts


def test_points_of_several_countries_at_once_are_each_alone():
    countries = gpd.GeoDataFrame(
        {"iso2": ["AA", "DD", "BB", "CC"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1), box(0, 1, 3, 2)],
        crs="EPSG:4326")
    lines = gpd.GeoDataFrame(
        {"countries": ["AA-CC", "BB-CC"], "kind": ["international", "disputed"],
         "name": ["", "Some line"]},
        geometry=[LineString([(0, 1), (1, 1)]), LineString([(2, 1), (3, 1)])],
        crs="EPSG:4326")
    rng = random.Random(5)
    # (the countries interleaved: a point's group is not its neighbour's)
    points = [(round(rng.uniform(0.05, 1.95), 4), round(rng.uniform(0.05, 2.95), 4))
              for _ in range(120)] + [(5.0, 5.0)]
    # an area of CC's that BB's view gives to BB (and AA's to AA: its own, nothing moves)
    disputed = gpd.GeoDataFrame({"name": ["The strip"], "views": ["BB=BB AA=CC"]},
                                geometry=[box(1.5, 1.0, 3.0, 1.4)], crs="EPSG:4326")
    for view in ("", "BB", "AA"):
        at_once = border_facts(points, countries, lines, disputed, point_of_view=view)
        alone = [border_facts([p], countries, lines, disputed, point_of_view=view)[0]
                 for p in points]
        assert at_once == alone
        said = {(f.country, f.border_kind) for f in at_once}
        assert {("AA", "international"), ("BB", "disputed"), ("", "")} <= said  # (and sea)
        assert {f.country for f in at_once} == {"AA", "BB", "CC", "DD", ""}
        strip = [f for p, f in zip(points, at_once) if 1.0 < p[0] < 1.4 and p[1] > 1.5]
        assert strip and all(f.disputed and f.area_name == "The strip" for f in strip)
        assert {f.country for f in strip} == ({"BB"} if view == "BB" else {"CC"})

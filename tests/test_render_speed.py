"""The page's faster paths under geomap/render against the code they replaced: the same
data, on the reference basemap's own shapes and on hostile ones."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from geomap.basemap import reference_for
from geomap.layers import context_of
from geomap.render import reference as R

VIEWS = {"syunik": (45.2, 38.8, 46.9, 40.0), "galwan": (77.5, 33.8, 79.5, 35.2)}


def _coords_before(geom) -> list:
    return [list(c) for c in geom.coords]  # (shapely's sequence, point by point)


@pytest.fixture(scope="module", params=[(v, level) for v in VIEWS for level in ("light",
                                                                                 "full")])
def ref(request):
    view, level = request.param
    return reference_for(VIEWS[view], context_of(VIEWS[view]), level)


def _hostile(ref):
    import geopandas as gpd
    from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon

    hole = Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 1)]])
    odd = Polygon([(0.1234567891, -0.0), (1e-12, 5.55555), (-179.99999, 89.999999)])
    world = gpd.GeoSeries([hole, MultiPolygon([hole, odd]), odd, Point(1, 2).buffer(1)])
    rivers = gpd.GeoDataFrame(
        {"rank": [1, 2, 3, 4]},
        geometry=[LineString([(0, 0), (1.00001, 2.123456789)]), LineString([(3, 3), (3, 3)]),
                  MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3.33333333)]]),
                  LineString([(-0.0, 1e-9), (1e9, -1e-9)])])
    return replace(ref, world=gpd.GeoDataFrame(geometry=world), rivers=rivers,
                   lakes=gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=world[:2]))


def test_reference_data_is_what_it_was(ref, monkeypatch):
    for one in (ref, _hostile(ref)):
        new = json.dumps(R.reference_data(one))
        with monkeypatch.context() as m:
            m.setattr(R, "_coords", _coords_before)
            assert new == json.dumps(R.reference_data(one))
    assert len(R.reference_data(ref)["world"]) > 0


def test_a_line_with_heights_is_refused_as_before():
    from shapely.geometry import LineString

    line = LineString([(0, 0, 1), (1, 1, 2)])
    for coords in (R._coords, _coords_before):
        with pytest.raises(ValueError):
            [[x, y] for x, y in coords(line)]

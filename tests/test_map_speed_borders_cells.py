"""Border facts at 100,000 coordinates (issue #13 part 5): _nearest bounds each point's
distance by the segment nearest to the centre of its cell (borders._near_cell), asked once
per cell, rather than by the segment nearest to the point itself, asked once per point. The
lines and metres are bitwise those of the code before (``clipping_all``) and of projecting
every segment in the window (``projecting_all``), near the poles, across the antimeridian,
on cell edges, for lines that only touch a cell, and for points with no line near."""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import borders
from geomap.borders import _segments
from tests.test_map_scale_nearest import clipping_all, measured


def projecting_all(geoms, lats, lons):
    """The nearest line by its definition: every segment cut to the point's window and
    projected, the least distance taken (the first line wins a tie)."""
    segs, seg_line = _segments(geoms)
    n = len(lats)
    if not len(segs) or not n:
        return np.full(n, -1), np.full(n, np.nan)
    at = np.repeat(np.arange(n), len(segs))
    seg = np.tile(np.arange(len(segs)), n)
    return measured(segs, seg_line, lats, lons, at, seg, near_only=False)


def _same(geoms, lats, lons):
    """_nearest's lines and metres are the code before's, and (below borders.POLAR, where
    the box before is kept) those of every segment measured, to the bit."""
    got_line, got_m = borders._nearest(geoms, lats, lons, shapely.points(lons, lats))
    want_line, want_m = clipping_all(geoms, lats, lons, shapely.points(lons, lats))
    assert np.array_equal(got_line, want_line)
    assert got_m.tobytes() == want_m.tobytes()  # bitwise, NaN where no line is near
    below = ~(np.abs(lats) >= borders.POLAR)
    want_line, want_m = projecting_all(geoms, lats, lons)
    assert np.array_equal(got_line[below], want_line[below])
    assert got_m[below].tobytes() == want_m[below].tobytes()
    return got_line


def _wiggle(rnd: random.Random, lon0: float, lat0: float, n: int, step: float,
            top: float = 89.9):
    """A border-like line: n vertices, each ``step``° on in a wandering direction (n = 1:
    a lone point, as a MultiPoint), kept within ``top`` of the equator."""
    pts, x, y, heading = [], lon0, lat0, rnd.uniform(0, 2 * np.pi)
    for _ in range(n):
        pts.append((round(min(180.0, max(-180.0, x)), 5), round(min(top, max(-top, y)), 5)))
        heading += rnd.uniform(-1.2, 1.2)
        x, y = x + step * np.cos(heading), y + step * np.sin(heading)
    return shapely.LineString(pts) if n > 1 else shapely.MultiPoint(pts)  # (a lone point)


@pytest.mark.parametrize("where", [(0.0, 0.0), (45.5, 40.0), (179.5, -17.0), (-179.8, 65.0),
                                   (10.0, 88.0), (-60.0, -86.5), (75.0, 34.0)])
def test_near_and_far_from_wiggly_lines_as_before_and_as_every_segment_measured(where):
    lon0, lat0 = where
    rnd = random.Random(f"cells {where}")
    geoms = np.array([_wiggle(rnd, lon0 + rnd.uniform(-2, 2), lat0 + rnd.uniform(-1, 1),
                              rnd.randint(2, 60), rnd.choice([0.01, 0.05, 0.3, 1.5]))
                      for _ in range(rnd.randint(1, 4))], dtype=object)
    n = 300
    lats = np.clip(np.array([round(lat0 + rnd.uniform(-4, 4), 5) for _ in range(n)]), -90, 90)
    lons = np.clip(np.array([round(lon0 + rnd.uniform(-6, 6), 5) for _ in range(n)]),
                   -180, 180)
    # on cell edges and corners, and a few points a hair from a vertex
    lats[:20] = np.round(lats[:20], 1)
    lons[:20] = np.round(lons[:20], 1)
    xy = shapely.get_coordinates(geoms)
    pick = xy[[rnd.randrange(len(xy)) for _ in range(20)]]
    lons[20:40], lats[20:40] = pick[:, 0] + 1e-5, np.clip(pick[:, 1] - 1e-5, -90, 90)
    line = _same(geoms, lats, lons)
    assert (line >= 0).sum() > 50  # (the points do measure lines)


def test_near_a_pole_the_box_before_is_kept():
    # lines that run up to the pole: the box of degrees around the segment nearest in
    # degrees leaves out a line nearer across the pole, and kept, the figures are those
    # of the code before (not those of every segment measured)
    rnd = random.Random("cells (10.0, 88.0)")
    geoms = np.array([_wiggle(rnd, 10.0 + rnd.uniform(-2, 2), 88.0 + rnd.uniform(-1, 1),
                              rnd.randint(2, 60), rnd.choice([0.01, 0.05, 0.3, 1.5]), top=90.0)
                      for _ in range(rnd.randint(1, 4))], dtype=object)
    n = 300
    lats = np.array([round(min(90.0, 88.0 + rnd.uniform(-4, 4)), 5) for _ in range(n)])
    lons = np.array([round(10.0 + rnd.uniform(-6, 6), 5) for _ in range(n)])
    got_line, got_m = borders._nearest(geoms, lats, lons, shapely.points(lons, lats))
    want_line, want_m = clipping_all(geoms, lats, lons, shapely.points(lons, lats))
    polar = lats >= 85.0
    assert np.array_equal(got_line[polar], want_line[polar])
    assert got_m[polar].tobytes() == want_m[polar].tobytes()
    every_line, every_m = projecting_all(geoms, lats, lons)
    assert (every_m[polar] != want_m[polar]).any()  # (the box does leave out a line)


def test_a_line_through_a_cell_s_corner_far_from_its_centre():
    # the cell's centre is nearest to a far segment's box, the points at the corner lie on
    # another line: the bound is loose there, and the nearest line the same
    geoms = np.array([shapely.LineString([(10.0, 50.0), (10.099, 50.099)]),
                      shapely.LineString([(10.05, 50.05), (10.05, 50.2), (12.0, 50.2)]),
                      shapely.LineString([(7.0, 47.0), (14.0, 47.1)])], dtype=object)
    rnd = random.Random("corner")
    lats = np.array([50.0 + rnd.uniform(0, 0.1) for _ in range(200)] + [50.0, 50.1, 50.05])
    lons = np.array([10.0 + rnd.uniform(0, 0.1) for _ in range(200)] + [10.0, 10.1, 10.05])
    assert (_same(geoms, lats, lons) == 0).any()


def test_no_lines_near_no_points_and_nan():
    geoms = np.array([shapely.LineString([(100.0, 0.0), (101.0, 1.0)])], dtype=object)
    lats = np.array([0.5, np.nan, 0.5, 60.0, -0.0])
    lons = np.array([100.5, 100.5, np.nan, -30.0, 99.0])
    line = _same(geoms, lats, lons)
    assert line.tolist() == [0, -1, -1, -1, 0]
    empty = np.zeros(0)
    assert borders._nearest(geoms, empty, empty, shapely.points(empty, empty))[0].size == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), lat0=st.floats(-89.5, 89.5),
       lon0=st.floats(-179.5, 179.5), spread=st.sampled_from([0.05, 0.5, 3.0, 8.0]))
def test_any_lines_any_points_as_every_segment_measured(seed, lat0, lon0, spread):
    rnd = random.Random(seed)
    # (the first line of two vertices or more: see the xfail test below)
    geoms = np.array([_wiggle(rnd, lon0 + rnd.uniform(-spread, spread),
                              lat0 + rnd.uniform(-spread, spread), rnd.randint(2 - (k > 0), 25),
                              rnd.choice([0.001, 0.02, 0.2, 2.0]))
                      for k in range(rnd.randint(1, 3))], dtype=object)
    n = 60
    lats = np.clip(np.array([round(lat0 + rnd.uniform(-spread, spread), 5)
                             for _ in range(n)]), -90, 90)
    lons = np.clip(np.array([round(lon0 + rnd.uniform(-spread, spread) * 1.5, 5)
                             for _ in range(n)]), -180, 180)
    _same(geoms, lats, lons)


def test_the_nearest_segment_is_asked_once_per_cell_not_per_point(monkeypatch):
    from tests.test_map_scale_nearest import _lines

    geoms = _lines().geometry.values
    rnd = random.Random("cells asked")
    n = 4000
    lats = np.array([round(rnd.uniform(38.8, 41.3), 5) for _ in range(n)])
    lons = np.array([round(rnd.uniform(44.8, 46.7), 5) for _ in range(n)])
    asked = []
    query_nearest = shapely.STRtree.query_nearest
    monkeypatch.setattr(shapely.STRtree, "query_nearest", lambda self, geoms, *a, **k: (
        asked.append(len(geoms)) or query_nearest(self, geoms, *a, **k)))
    borders._nearest(geoms, lats, lons, shapely.points(lons, lats))
    # 2.5° by 1.9° is at most 26 × 20 cells of a tenth of a degree
    assert 0 < sum(asked) <= 26 * 20


def test_a_lone_point_or_ring_as_the_only_line_is_measured_from_each_point():
    geoms = np.array([shapely.MultiPoint([(-0.02648, -0.01939)])], dtype=object)
    lats = np.array([-0.00587, -0.04249, -0.04838])
    lons = np.array([0.02135, -0.07043, -0.04118])
    got_line, got_m = borders._nearest(geoms, lats, lons, shapely.points(lons, lats))
    want_line, want_m = projecting_all(geoms, lats, lons)
    assert got_m.tobytes() == want_m.tobytes()


@pytest.mark.parametrize("seed", range(4))
def test_of_lines_equally_near_the_first_wins_as_a_sort_would_have_it(seed):
    # the same stretch in two lines (and a third meeting them at a vertex): every point
    # is as near to both; the first line in ``geoms`` wins, as before, whatever its order
    rnd = random.Random(f"ties {seed}")
    stretch = [(round(30 + k * 0.2, 5), round(10 + rnd.uniform(-0.3, 0.3), 5)) for k in range(8)]
    geoms = [shapely.LineString(stretch), shapely.LineString(stretch[::-1]),
             shapely.LineString([stretch[3], (31.0, 12.0)]),
             shapely.MultiLineString([stretch[2:6]])]
    rnd.shuffle(geoms)
    geoms = np.array(geoms, dtype=object)
    lats = np.array([round(10 + rnd.uniform(-1.5, 1.5), 5) for _ in range(200)]
                    + [stretch[3][1], stretch[0][1]])
    lons = np.array([round(30.7 + rnd.uniform(-1.5, 1.5), 5) for _ in range(200)]
                    + [stretch[3][0], stretch[0][0]])
    line = _same(geoms, lats, lons)
    on = [i for i, g in enumerate(geoms) if shapely.intersects(g, shapely.Point(lons[-1],
                                                                                 lats[-1]))]
    assert len(set(line.tolist())) >= 2 and len(on) >= 2 and line[-1] == min(on)

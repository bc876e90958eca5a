"""Border facts at 100,000 coordinates (issue #13): a segment's end that is the next
segment's start is projected once (borders._next_start). The nearest lines and distances are
bitwise those of projecting every end (``clipping_all``, the code before), also for lines
with a vertex at -0.0 (equal to 0.0, not the same bits), lines crossing the window's edge,
points on a vertex, and no points."""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely

from geomap import borders
from tests.test_map_scale_nearest import clipping_all


def _zigzag(x0: float, y0: float, n: int, rnd: random.Random) -> list[tuple[float, float]]:
    return [(round(x0 + k * 0.37 + rnd.uniform(-0.1, 0.1), 5),
             round(y0 + rnd.uniform(-0.8, 0.8), 5)) for k in range(n)]


def _geoms(rnd: random.Random):
    lines = [shapely.LineString(_zigzag(-3.0, 0.0, 20, rnd)),  # crosses lon 0
             shapely.LineString([(-0.0, 1.0), (0.0, 2.0), (-0.0, 3.0), (0.5, -0.0)]),
             shapely.MultiLineString([_zigzag(2.0, 5.0, 8, rnd), _zigzag(-6.0, -4.0, 30, rnd)]),
             shapely.LineString([(1.0, 1.0), (1.0, 1.0)]),  # a segment of no length
             shapely.Polygon([(5, -2), (7, -2), (7, 0), (5, 0)])]
    return np.array(lines, dtype=object)


@pytest.mark.parametrize("seed", range(6))
def test_projecting_a_shared_end_once_gives_the_same_lines_and_metres(seed, monkeypatch):
    rnd = random.Random(seed)
    geoms = _geoms(rnd)
    n = 400
    lats = np.array([round(rnd.uniform(-7, 8), 5) for _ in range(n)])
    lons = np.array([round(rnd.uniform(-12, 14), 5) for _ in range(n)])  # some far out
    lats[:3], lons[:3] = [1.0, 0.0, -0.0], [-0.0, 0.5, 0.0]  # on vertices, signed zeros
    pts = shapely.points(lons, lats)
    shared = []
    spy = borders._next_start

    def counting(*args):
        got = spy(*args)
        shared.append(int((got >= 0).sum()))
        return got

    monkeypatch.setattr(borders, "_next_start", counting)
    got_line, got_m = borders._nearest(geoms, lats, lons, pts)
    want_line, want_m = clipping_all(geoms, lats, lons, pts)
    assert np.array_equal(got_line, want_line)
    assert got_m.tobytes() == want_m.tobytes()  # bitwise, NaN where no line is near
    assert sum(shared) > 0 and (got_line >= 0).any() and (got_line < 0).any()


def test_an_end_is_shared_only_with_the_next_segment_of_the_same_point_to_the_bit():
    at = np.array([0, 0, 0, 1, 1, 2])
    seg = np.array([3, 4, 6, 4, 5, 7])
    a = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [1.0, 1.0], [-0.0, 2.0], [5.0, 5.0]])
    b = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [0.0, 2.0], [4.0, 4.0], [6.0, 6.0]])
    # 0 -> 1 (same point, next segment, same bits); 1 -> not 2 (segment 6 is not 5);
    # 3 -> not 4 (0.0 and -0.0)
    assert borders._next_start(at, seg, a, b, 10).tolist() == [1, -1, -1, -1, -1, -1]
    empty = np.zeros(0, dtype=int)
    assert borders._next_start(empty, empty, np.zeros((0, 2)), np.zeros((0, 2)), 10).size == 0


def test_segments_whose_boxes_only_meet_the_point_s_box_change_nothing():
    # long diagonal segments: their boxes meet many points' boxes that the segments miss
    rnd = random.Random("diagonals")
    geoms = np.array([shapely.LineString([(0, 0), (3, 3), (6, 0), (9, 3)]),
                      shapely.LineString([(0, 2.9), (9, 0.1)])], dtype=object)
    lats = np.array([round(rnd.uniform(-1, 4), 5) for _ in range(600)])
    lons = np.array([round(rnd.uniform(-1, 10), 5) for _ in range(600)])
    pts = shapely.points(lons, lats)
    segs, _ = borders._segments(geoms)
    tree = shapely.STRtree(shapely.linestrings(segs.reshape(-1, 2, 2)))
    boxes = shapely.box(lons - 0.3, lats - 0.3, lons + 0.3, lats + 0.3)
    assert len(tree.query(boxes)[0]) > len(tree.query(boxes, predicate="intersects")[0])
    got_line, got_m = borders._nearest(geoms, lats, lons, pts)
    want_line, want_m = clipping_all(geoms, lats, lons, pts)
    assert np.array_equal(got_line, want_line) and got_m.tobytes() == want_m.tobytes()


@pytest.mark.parametrize("seed", range(5))
def test_the_places_measured_are_sorted_set_of_the_points(seed):
    import math

    rnd = random.Random(seed)
    grid = [-1.5, -0.0, 0.0, 0.25, 39.51, 46.34, 1e-300]
    lats = [rnd.choice(grid) for _ in range(300)]
    lons = [rnd.choice(grid) for _ in range(300)]
    want = sorted(set(zip(lats, lons)))
    got = borders._places(lats, lons)
    assert got == want
    # the same numbers to the bit: the sign of a zero as the first point there gives it
    assert [tuple(math.copysign(1, v) for v in p) for p in got] == \
        [tuple(math.copysign(1, v) for v in p) for p in want]
    assert borders._places([], []) == []
    nan = [float("nan"), 1.0, float("nan")]
    assert len(borders._places(nan, [2.0, 2.0, 2.0])) == len(set(zip(nan, [2.0] * 3)))


def _crossed(geoms, lats, lons):
    """lines_near as it was: every window tested against the lines."""
    out = np.zeros(len(lats), dtype=bool)
    at, _ = shapely.STRtree(np.asarray(geoms, dtype=object)).query(
        borders._windows(lats, lons), predicate="intersects")
    out[at] = True
    return out


@pytest.mark.parametrize("seed", range(4))
def test_windows_crossed_by_a_line_as_when_each_is_tested_against_the_lines(seed, monkeypatch):
    rnd = random.Random(seed)
    monkeypatch.setattr(borders, "PROBES", rnd.choice([1, 3, 64]))
    dx, dy = borders.WINDOW
    geoms = np.array([shapely.LineString([(0, 0), (30, 1)]),  # long: windows between vertices
                      shapely.LineString(_zigzag(10.0, 10.0, 40, rnd)),
                      shapely.MultiLineString([[(-20, -20), (-20, -19)], [(5, 30), (6, 31)]])],
                     dtype=object)
    lats = np.array([round(rnd.uniform(-30, 40), 5) for _ in range(3000)] + [dy, -dy - 1e-9])
    lons = np.array([round(rnd.uniform(-30, 40), 5) for _ in range(3000)] + [-dx, 0.0])
    got = borders.lines_near(geoms, lats, lons)
    assert np.array_equal(got, _crossed(geoms, lats, lons))
    assert got.any() and (~got).any() and got[-2] and not got[-1]  # (on the edge; just off)
    assert borders.lines_near(geoms, lats[:0], lons[:0]).size == 0
    assert not borders.lines_near(geoms[:0], lats, lons).any()


def test_windows_crossed_by_one_union_of_lines_as_views_tested_them():
    # views.facts_in_view: the lines a view classes otherwise, as one union
    rnd = random.Random("union")
    union = shapely.union_all([shapely.LineString(_zigzag(0.0, 0.0, 30, rnd)),
                               shapely.LineString([(1, -5), (2, 5), (12, 6)])])
    lats = np.array([round(rnd.uniform(-10, 12), 5) for _ in range(2000)])
    lons = np.array([round(rnd.uniform(-8, 25), 5) for _ in range(2000)])
    want = shapely.intersects(shapely.box(lons - 4, lats - 3, lons + 4, lats + 3), union)
    got = borders.lines_near(np.array([union], dtype=object), lats, lons)
    assert np.array_equal(got, want) and want.any() and (~want).any()

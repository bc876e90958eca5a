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
    # a point's last segment is not followed by the next point's first, though its end is
    # that segment's start (one ring: its last vertex is its first)
    ring_a = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
    ring_b = np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    assert borders._next_start(np.array([0, 0, 1]), np.array([0, 1, 0]), ring_a, ring_b,
                               2).tolist() == [1, -1, -1]
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
    got = borders.distinct_places(lats, lons)
    assert got == want
    # the same numbers to the bit: the sign of a zero as the first point there gives it
    assert [tuple(math.copysign(1, v) for v in p) for p in got] == \
        [tuple(math.copysign(1, v) for v in p) for p in want]
    assert borders.distinct_places([], []) == []
    nan = [float("nan"), 1.0, float("nan")]
    assert len(borders.distinct_places(nan, [2.0, 2.0, 2.0])) == len(set(zip(nan, [2.0] * 3)))


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


# --- issue #13, part 5: the candidates' reach (borders._reach) and chords by rows ---------

def _chord_km_before(p, a, b):
    """borders._chord_km as it was: (n, 3) rows of three."""
    d, pa = b - a, p - a
    length = (d * d).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length > 0, (pa * d).sum(axis=1) / length, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.linalg.norm(pa - t[:, None] * d, axis=1) * borders.EARTH_KM


def _odd_units(rnd: random.Random, n: int):
    """Unit vectors of points near each other, far apart, equal, at -0.0, at the poles."""
    lats = [rnd.choice([rnd.uniform(-90, 90), 39.5 + rnd.gauss(0, 0.01), -0.0, 0.0, 90.0,
                        -90.0, 1e-300]) for _ in range(n)]
    lons = [rnd.choice([rnd.uniform(-180, 180), 45.0 + rnd.gauss(0, 0.01), -0.0, 180.0,
                        -180.0]) for _ in range(n)]
    return borders._unit(np.array(lats), np.array(lons))


@pytest.mark.parametrize("seed", range(4))
def test_chords_by_rows_are_the_kilometres_of_rows_of_three_to_the_bit(seed):
    rnd = random.Random(seed)
    n = 20000
    p, a, b = _odd_units(rnd, n), _odd_units(rnd, n), _odd_units(rnd, n)
    b[::7] = a[::7]  # chords of no length
    near = rnd.sample(range(n), n // 3)
    b[near] = a[near] + np.array([rnd.gauss(0, 1e-4) for _ in range(3)])
    want = _chord_km_before(p, a, b)
    assert borders._chord_km(p, a, b).tobytes() == want.tobytes()
    way = (b - a).T.copy()
    got = borders._chords(p.T.copy(), a.T.copy(), way, borders._chord_lengths(way))
    assert got.tobytes() == want.tobytes()
    assert borders._chord_km(p[:0], a[:0], b[:0]).size == 0


def _sample_segments(rnd: random.Random, lat0: float, lon0: float, longest: float, n: int):
    segs = []
    for _ in range(n):
        x, y = lon0 + rnd.uniform(-4, 4), lat0 + rnd.uniform(-3, 3)
        size = rnd.choice([0.0, 0.01, 0.3, longest])
        angle = rnd.uniform(0, 2 * np.pi)
        segs.append([x, y, x + size * np.cos(angle) / 1.5, y + size * np.sin(angle) / 1.5])
    segs = np.array(segs)
    segs[:, [1, 3]] = np.clip(segs[:, [1, 3]], -90, 90)
    segs[:, [0, 2]] = np.clip(segs[:, [0, 2]], -180, 180)
    return segs


@pytest.mark.parametrize("lat0", [0.0, 41.0, -63.0, 84.0, -88.5, 89.9])
def test_a_segment_beyond_the_reach_is_further_than_its_kilometres(lat0):
    # every segment whose box misses a point's reach lies further from it, as a chord of
    # the unit sphere, than the reach's kilometres: long segments near the poles too
    rnd = random.Random(f"reach {lat0}")
    segs = _sample_segments(rnd, lat0, 30.0, rnd.choice([1.0, 3.0]), 400)
    longest = np.hypot(segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1]).max()
    m = 300
    lats = np.clip(np.array([lat0 + rnd.uniform(-2, 2) for _ in range(m)]), -90, 90)
    lons = np.array([30.0 + rnd.uniform(-3, 3) for _ in range(m)])
    km = np.array([rnd.choice([0.5, 3.0, 40.0, 150.0]) for _ in range(m)])
    across, south, north = borders._reach(lats, km, longest)
    assert (np.isfinite(across) | (np.abs(lats) > 80)).all()  # (a bound nearly everywhere)
    chords = _chord_km_before(
        borders._unit(np.repeat(lats, len(segs)), np.repeat(lons, len(segs))),
        borders._unit(np.tile(segs[:, 1], m), np.tile(segs[:, 0], m)),
        borders._unit(np.tile(segs[:, 3], m), np.tile(segs[:, 2], m))).reshape(m, -1)
    lo = np.minimum(segs[:, :2], segs[:, 2:])
    hi = np.maximum(segs[:, :2], segs[:, 2:])
    beyond = ((lo[:, 0] > lons[:, None] + across[:, None])
              | (hi[:, 0] < lons[:, None] - across[:, None])
              | (lo[:, 1] > lats[:, None] + north[:, None])
              | (hi[:, 1] < lats[:, None] - south[:, None]))
    assert beyond.sum() > m  # (the reach does leave segments out)
    assert (chords[beyond] > np.broadcast_to(km[:, None], beyond.shape)[beyond]).all()
    # and segments just beyond each edge of the reach: east-west ones as long as any
    # (their chords sag toward a point on the poleward side), north-south ones
    for eps in (1e-7, 1e-4, 1e-2):
        ok = np.isfinite(across) & np.isfinite(south) & np.isfinite(north)
        la, lo, k = lats[ok], lons[ok], km[ok]
        half = longest / 2
        for y, x0, x1 in ((la + north[ok] + eps, lo - half, lo + half),
                          (la - south[ok] - eps, lo - half, lo + half)):
            y = np.clip(y, -90, 90)
            far = _chord_km_before(borders._unit(la, lo), borders._unit(y, x0),
                                   borders._unit(y, x1))
            assert (far > k).all()
        for x in (lo + across[ok] + eps, lo - across[ok] - eps):
            far = _chord_km_before(borders._unit(la, lo), borders._unit(la - 1.0, x),
                                   borders._unit(la + 1.0, x))
            assert (far > k).all()


def _odd_lines(rnd: random.Random):
    """Lines near the poles, across the antimeridian and the equator, long segments, lone
    points (a MultiPoint's), and the points around them (NaN and -0.0 among them)."""
    lat0 = rnd.choice([0.0, 45.0, -60.0, 80.0, 87.5, -88.0])
    lon0 = rnd.choice([0.0, 179.0, -179.5, 30.0])
    geoms = []
    for _ in range(rnd.randint(1, 6)):
        m = rnd.randint(1, 8)
        step = rnd.choice([0.01, 0.5, 3.0, 7.0])
        pts = [(min(180.0, max(-180.0, lon0 + rnd.uniform(-5, 5)
                                + k * step * rnd.choice([1, -1, 0.3]))),
                min(90.0, max(-90.0, lat0 + rnd.uniform(-3, 3)
                               + k * step * rnd.uniform(-0.3, 0.3)))) for k in range(m)]
        geoms.append(shapely.LineString(pts) if m > 1 else shapely.MultiPoint(pts))
    n = 1500
    lats = np.clip(np.array([lat0 + rnd.uniform(-6, 6) for _ in range(n)]), -90, 90)
    lons = np.clip(np.array([lon0 + rnd.uniform(-9, 9) for _ in range(n)]), -180, 180)
    lats[:3], lons[:3] = [np.nan, -0.0, lat0], [1.0, -0.0, np.nan]
    return np.array(geoms, dtype=object), lats, lons


def _kept_pairs(geoms, lats, lons, monkeypatch):
    """_nearest's lines and metres, and the (point, segment) pairs it kept to project."""
    kept = []
    next_start = borders._next_start

    def spy(at, seg, a, b, segments):
        kept.append(sorted(zip(at.tolist(), seg.tolist())))
        return next_start(at, seg, a, b, segments)

    with monkeypatch.context() as patched:
        patched.setattr(borders, "_next_start", spy)
        line, metres = borders._nearest(geoms, lats, lons, shapely.points(lons, lats))
    return line, metres, kept


def _no_reach(lats, km, longest):
    return (np.full(len(lats), np.inf),) * 3


@pytest.mark.parametrize("seed", range(40))
def test_the_reach_leaves_out_no_pair_the_box_before_kept(seed, monkeypatch):
    # the same pairs kept as with the box before alone (no reach), so bitwise the same
    # lines and metres: near the poles, across the antimeridian, long segments, lone points
    geoms, lats, lons = _odd_lines(random.Random(seed))
    got_line, got_m, got_kept = _kept_pairs(geoms, lats, lons, monkeypatch)
    monkeypatch.setattr(borders, "_reach", _no_reach)
    want_line, want_m, want_kept = _kept_pairs(geoms, lats, lons, monkeypatch)
    assert got_kept == want_kept
    assert np.array_equal(got_line, want_line)
    assert got_m.tobytes() == want_m.tobytes()


def test_the_reach_makes_fewer_candidates_near_real_borders(monkeypatch):
    from tests.test_map_scale_nearest import _lines

    geoms = _lines().geometry.values
    rnd = random.Random("real")
    lats = np.array([round(rnd.uniform(38.8, 41.3), 5) for _ in range(3000)])
    lons = np.array([round(rnd.uniform(44.8, 46.7), 5) for _ in range(3000)])
    pts = shapely.points(lons, lats)
    queried = []
    tree_query = shapely.STRtree.query
    monkeypatch.setattr(shapely.STRtree, "query", lambda self, *a, **k: queried.append(
        len(tree_query(self, *a, **k)[0])) or tree_query(self, *a, **k))
    got_line, got_m = borders._nearest(geoms, lats, lons, pts)
    with_reach = sum(queried)
    queried.clear()
    monkeypatch.setattr(borders, "_reach", lambda lats, km, longest: (
        np.full(len(lats), np.inf),) * 3)
    want_line, want_m = borders._nearest(geoms, lats, lons, pts)
    assert np.array_equal(got_line, want_line) and got_m.tobytes() == want_m.tobytes()
    assert with_reach < 0.8 * sum(queried)


@pytest.mark.parametrize("probes", [1, 64])
def test_windows_far_from_every_part_of_a_line_are_not_crossed(probes, monkeypatch):
    # a union of parts far apart (the lines a view classes otherwise: Crimea, Kashmir):
    # windows between them meet its box but no part's; windows on a part's box edge, NaN
    monkeypatch.setattr(borders, "PROBES", probes)
    rnd = random.Random(f"parts {probes}")
    union = shapely.union_all([shapely.LineString(_zigzag(30.0, 45.0, 10, rnd)),
                               shapely.LineString([(75.0, 34.0), (78.0, 35.5)]),
                               shapely.MultiLineString([[(140.0, 43.0), (147.0, 45.5)]]),
                               shapely.Point(50.0, 20.0)])
    geoms = np.array([union, shapely.LineString([(10, 10), (10, 11)]),
                      shapely.GeometryCollection([shapely.LineString([(0, -40), (1, -41)])]),
                      shapely.LineString()], dtype=object)
    lats = np.array([round(rnd.uniform(-45, 50), 5) for _ in range(4000)]
                    + [34.0, 35.5 - 3.0, 34.0 + 3.0 + 1.5 + 1e-9, np.nan, 20.0, 40.0])
    lons = np.array([round(rnd.uniform(-10, 150), 5) for _ in range(4000)]
                    + [75.0 - 4.0, 78.0 + 4.0, 75.0, 76.0, np.nan, 60.0])
    got = borders.lines_near(geoms, lats, lons)
    assert np.array_equal(got, _crossed(geoms, lats, lons))
    assert got.any() and (~got).any()
    assert got[-6] and got[-5]  # (windows whose edge meets a part's end)
    assert not got[-4] and not got[-3] and not got[-2] and not got[-1]
    for one in geoms:
        single = np.array([one], dtype=object)
        assert np.array_equal(borders.lines_near(single, lats, lons),
                              _crossed(single, lats, lons))

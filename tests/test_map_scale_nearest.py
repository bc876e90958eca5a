"""The nearest line at scale (borders._nearest) clips only the segments that cross a point's
window, and takes the ends and unit vectors of the others from the segment itself: bitwise
the same lines and distances as clipping every candidate (``clipping_all`` below, the code
before), for points near the lines and for points so far that a segment crosses the edge of
their window."""

from __future__ import annotations

import random

import numpy as np
import pytest

from geomap import borders
from geomap.borders import WINDOW, _aeqd, _chord_km, _clip, _segments, _to_segment, _unit


def clipping_all(geoms, lats, lons, pts):
    """_nearest as it was: every candidate segment clipped to its point's window."""
    import shapely

    segs, seg_line = _segments(geoms)
    n = len(lats)
    if not len(segs) or not n:
        return np.full(n, -1), np.full(n, np.nan)
    dx, dy = WINDOW
    tree = shapely.STRtree(shapely.linestrings(segs.reshape(-1, 2, 2)))
    (at, _), deg = tree.query_nearest(pts, return_distance=True)
    d0 = np.full(n, np.inf)
    np.minimum.at(d0, at, deg)
    ry = d0 * 1.05 + 0.02
    rx = ry / np.cos(np.radians(np.minimum(np.abs(lats) + ry, 89.0)))
    wide = (ry >= 2.5) | (rx >= 3.5)
    rx, ry = np.where(wide, dx, rx), np.where(wide, dy, ry)
    at, seg = tree.query(shapely.box(lons - rx, lats - ry, lons + rx, lats + ry),
                         predicate="intersects")
    return measured(segs, seg_line, lats, lons, at, seg, near_only=True)


def measured(segs, seg_line, lats, lons, at, seg, *, near_only: bool):
    """Each point's nearest line among its pairs (point ``at``, segment ``seg``): each
    segment cut to the point's window and projected, the least distance taken (the first
    line wins a tie); with ``near_only``, only the pairs whose chord is within 2 % and
    0.5 km of the least are projected, as _nearest keeps them."""
    import pyproj

    n = len(lats)
    best_line, best_m = np.full(n, -1), np.full(n, np.nan)
    dx, dy = WINDOW
    a, b = segs[seg, :2], segs[seg, 2:]
    t0, t1, ok = _clip(a, b, lons[at] - dx, lats[at] - dy, lons[at] + dx, lats[at] + dy)
    at, seg, a, b, t0, t1 = at[ok], seg[ok], a[ok], b[ok], t0[ok], t1[ok]
    d = b - a
    a, b = a + t0[:, None] * d, a + t1[:, None] * d
    if near_only:
        chord = _chord_km(_unit(lats, lons)[at], _unit(a[:, 1], a[:, 0]),
                          _unit(b[:, 1], b[:, 0]))
        least = np.full(n, np.inf)
        np.minimum.at(least, at, chord)
        keep = chord <= least[at] * 1.02 + 0.5
        at, seg, a, b = at[keep], seg[keep], a[keep], b[keep]
    clat, clon = np.round(lats, 5)[at], np.round(lons, 5)[at]
    geod = pyproj.Geod(ellps="WGS84")
    xa, ya = _aeqd(geod, clat, clon, a)
    xb, yb = _aeqd(geod, clat, clon, b)
    metres = _to_segment(np.zeros_like(xa), np.zeros_like(ya), xa, ya, xb, yb)
    line = seg_line[seg]
    order = np.lexsort((line, metres, at))
    first = order[np.r_[True, at[order][1:] != at[order][:-1]]] if len(order) else order
    best_line[at[first]] = line[first]
    best_m[at[first]] = metres[first]
    return best_line, best_m


def _lines():
    from geomap.layers import border_lines, boundary_layers, countries_for

    view, context = (44.0, 38.5, 47.0, 41.0), (40.0, 36.0, 51.0, 44.0)
    _, countries, _ = countries_for(view)
    lines, _ = border_lines(countries, boundary_layers(view, context), [])
    return lines


@pytest.mark.parametrize("spread", ["near", "far"])
def test_the_nearest_line_is_the_same_as_when_every_candidate_is_clipped(spread, monkeypatch):
    import shapely

    clipped = []  # the candidates _nearest clipped (those that cross their window's edge)

    def spy(a, *rest):
        clipped.append(len(a))
        return _clip(a, *rest)

    monkeypatch.setattr(borders, "_clip", spy)

    lines = _lines()
    rnd = random.Random(f"nearest {spread}")
    if spread == "near":  # around the AM–AZ border and Nakhchivan
        box = (44.8, 38.8, 46.7, 41.3)
    else:  # east of the lines (cut at 51°E): at the edge of the 4° window, or beyond it
        box = (51.5, 37.0, 56.5, 43.0)
    lats = np.array([round(rnd.uniform(box[1], box[3]), 5) for _ in range(3000)])
    lons = np.array([round(rnd.uniform(box[0], box[2]), 5) for _ in range(3000)])
    pts = shapely.points(lons, lats)
    geoms = lines.geometry.values
    got_line, got_m = borders._nearest(geoms, lats, lons, pts)
    want_line, want_m = clipping_all(geoms, lats, lons, pts)
    assert np.array_equal(got_line, want_line)
    assert np.array_equal(got_m, want_m, equal_nan=True)  # bitwise, not to a tolerance
    found = got_line >= 0
    assert found.sum() > 100  # (the points do measure lines)
    if spread == "far":
        # some points have no line in their window, and some a line cut by its edge
        assert (~found).any() and sum(clipped) > 0

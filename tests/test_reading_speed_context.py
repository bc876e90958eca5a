"""A context of a few points measures its candidates in plain Python, of many with numpy:
both choose the same nearest point and give the same kilometres, and leave out the same
points as the name's own."""

from __future__ import annotations

import math
import random

import pytest

import geomap.gazetteer as gazetteer_module
from geomap.gazetteer import Context


def _measure(context: Context, at, monkeypatch, *, python: bool) -> list[float]:
    """``context.nearest_kms(at)`` by one way or the other (a fresh Context each time: the
    points that count are kept per Context)."""
    monkeypatch.setattr(gazetteer_module, "PYTHON_PAIRS", 10**9 if python else 0)
    fresh = Context(points=context.points, exclude=context.exclude)
    return fresh.nearest_kms(at)


def _odd_points(rng: random.Random, n: int) -> list[tuple[float, float]]:
    """Points anywhere, and where the arithmetic is odd: the poles, the antimeridian, the
    equator, one point given twice, points a few metres apart."""
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(n)]
    points += [(90.0, 0.0), (-90.0, 45.0), (0.0, 180.0), (0.0, -180.0), (12.5, 179.9999),
               (12.5, -179.9999), (0.0, 0.0), (40.0, 46.0), (40.0, 46.0),
               (40.00001, 46.00001), (40.0003, 46.0)]
    return points


@pytest.mark.parametrize("seed", range(8))
def test_python_and_numpy_choose_the_same_nearest_point(seed, monkeypatch):
    rng = random.Random(seed)
    points = tuple(_odd_points(rng, rng.choice([1, 3, 20, 150])))
    at = _odd_points(rng, rng.choice([1, 5, 40]))[::-1] + [points[0], points[-1]]
    rng.shuffle(at)
    for exclude in (None, points[0], (40.0, 46.0), (90.0, 0.0), (1.0, 1.0)):
        context = Context(points=points, exclude=exclude)
        py = _measure(context, at, monkeypatch, python=True)
        np_ = _measure(context, at, monkeypatch, python=False)
        assert len(py) == len(np_) == len(at)
        for a, b in zip(py, np_):
            assert a == pytest.approx(b, rel=0, abs=1e-9)
        # (the same point: its distance from each query is the one measured, not just close)
        kept = [p for p in points if not _own(p, exclude)]
        for (lat, lon), a in zip(at, py):
            assert min(_km(lat, lon, p) for p in kept) == pytest.approx(a, rel=0, abs=1e-6)


def _own(p, exclude) -> bool:
    if exclude is None:
        return False
    return all(abs(math.radians(a) - math.radians(b)) <= 1e-9 + 1e-5 * abs(math.radians(b))
               for a, b in zip(p, exclude))


def _km(lat, lon, p) -> float:
    from geomap.geo import km

    return km(lat, lon, p[0], p[1])


def test_the_same_points_are_left_out_as_the_names_own(monkeypatch):
    import numpy as np

    rng = random.Random(3)
    # (points within 40 m of the own point count as it; 100 m away they are others)
    base = (40.0, 46.0)
    points = tuple([base, (40.0000001, 46.0000001), (40.0, 46.0009), (40.0009, 46.0)] +
                   [(40.0 + rng.uniform(-1e-4, 1e-4), 46.0 + rng.uniform(-1e-4, 1e-4))
                    for _ in range(50)])
    context = Context(points=points, exclude=base)
    arr = context._arrays[0]
    kept = np.array([r[:2] for r in context._kept]).reshape(-1, 2)
    assert arr.shape == kept.shape and np.array_equal(arr, kept)  # (bit for bit)
    assert 2 <= len(kept) < len(points)
    # a context whose only points are the name's own has none, and is empty without countries
    alone = Context(points=(base, base), exclude=base)
    assert not alone and not alone._kept and not len(alone._arrays[0])
    assert Context(points=(base,), exclude=base, countries=frozenset({"AM"}))
    for python in (True, False):
        assert _measure(alone, [(41.0, 46.0)], monkeypatch, python=python) == [math.inf]
        assert _measure(Context(), [(41.0, 46.0)], monkeypatch, python=python) == [math.inf]


def test_nan_is_read_as_numpy_reads_it(monkeypatch):
    """A NaN product wins numpy's argmax; plain Python chooses as it does."""
    points = ((40.0, 46.0), (float("nan"), 45.0), (39.0, 45.0))
    context = Context(points=points)
    py = _measure(context, [(39.1, 45.1)], monkeypatch, python=True)
    with np_errors_ignored():
        np_ = _measure(context, [(39.1, 45.1)], monkeypatch, python=False)
    assert math.isnan(py[0]) and math.isnan(np_[0])


def np_errors_ignored():
    import numpy as np

    return np.errstate(all="ignore")


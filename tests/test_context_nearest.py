"""A text's context measures each candidate against the nearest of its places: found by
unit vectors, measured by the haversine; the same as the least haversine over them all."""

from __future__ import annotations

import random

import numpy as np
import pytest

from geomap.gazetteer import Context
from geomap.geo import km_apart, km_between


def _points(rng: random.Random, n: int) -> tuple[tuple[float, float], ...]:
    return tuple((rng.uniform(-89.9, 89.9), rng.uniform(-180, 180)) for _ in range(n))


@pytest.mark.parametrize("seed", range(5))
def test_nearest_is_the_least_haversine(seed):
    rng = random.Random(seed)
    points = _points(rng, 300)
    # (and points close together: a region's villages, a few hundred metres apart)
    points += tuple((40.0 + rng.uniform(0, 0.05), 46.0 + rng.uniform(0, 0.05))
                    for _ in range(100))
    queries = _points(rng, 50) + ((40.02, 46.02), (40.0, 46.0), points[7])
    brute = np.min(km_between(np.radians(np.array(queries)), np.radians(np.array(points))),
                   axis=1)
    got = Context(points=points).nearest_kms(list(queries))
    assert np.allclose(got, brute, rtol=0, atol=1e-6)
    assert got[-1] == 0.0


def test_nearest_leaves_out_the_names_own_place():
    points = ((40.0, 46.0), (41.0, 46.0), (39.0, 45.0))
    alone = Context(points=points, exclude=(40.0, 46.0))
    assert alone.nearest_km(40.0, 46.0) == pytest.approx(111.2, abs=0.1)
    assert Context(points=points).nearest_km(40.0, 46.0) == 0.0
    assert Context().nearest_kms([(1.0, 2.0)]) == [float("inf")]


def test_km_apart_is_km_between_row_by_row():
    rng = random.Random(7)
    a = np.radians(np.array(_points(rng, 40)))
    b = np.radians(np.array(_points(rng, 40)))
    assert np.array_equal(km_apart(a, b), np.diag(km_between(a, b)))

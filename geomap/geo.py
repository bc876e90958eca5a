"""Geometric helpers shared by the stages: distance on the sphere and a local projection.

Distances are great-circle (haversine, mean Earth radius): good to a few metres in a
hundred kilometres, which is finer than any location a claim gives.
"""

from __future__ import annotations

import math

EARTH_KM = 6371.0088  # mean Earth radius (IUGG)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees.

    >>> round(km(39.51, 46.34, 39.21, 46.41))  # Goris to Kapan
    34
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_KM * 2 * math.asin(math.sqrt(min(1.0, h)))


def mean_centre(points) -> tuple[float, float]:
    """The mean (lat, lon) of points given as (lat, lon, ...): the centre of an area's
    settlements (their spread is small beside the Earth's curve)."""
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def spread_km(lat: float, lon: float, points, share: float = 0.9) -> float:
    """The distance from (lat, lon) within which ``share`` of the points lie (0 if none).

    An area's rough extent is the 90th percentile of its settlements' distances (the odd
    misplaced one aside); how far a province reaches, the 99th: its settlements cluster
    where people live, and the 90th leaves out the thinly settled rest (British Columbia's
    north).

    >>> spread_km(0.0, 0.0, [(0.0, 0.1), (0.0, 0.2), (0.0, 5.0)], share=0.5)
    22.2
    """
    if not points:
        return 0.0
    dists = sorted(km(lat, lon, p[0], p[1]) for p in points)
    return round(dists[int(share * (len(dists) - 1))], 1)


def local_crs(lat: float, lon: float) -> str:
    """An azimuthal equidistant projection centred on a point (PROJ string, metres):
    distances from the centre are true, so borders and bands are measured in it."""
    return f"+proj=aeqd +lat_0={lat:.5f} +lon_0={lon:.5f} +datum=WGS84 +units=m"


def km_apart(a, b):
    """Great-circle kilometres from each point of ``a`` to the point of ``b`` in the same row
    (numpy arrays of (lat, lon) rows in radians, both of shape (n, 2)): n distances, as
    ``km_between`` measures each."""
    import numpy as np

    h = (np.sin((b[:, 0] - a[:, 0]) / 2) ** 2 + np.cos(a[:, 0]) * np.cos(b[:, 0]) *
         np.sin((b[:, 1] - a[:, 1]) / 2) ** 2)
    return EARTH_KM * 2 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def km_between(a, b):
    """Great-circle kilometres from each point of ``a`` to each of ``b`` (numpy arrays of
    (lat, lon) rows in radians, shapes (n, 2) and (m, 2)): an (n, m) array, in one
    computation (a name's candidates against a text's places; an incident's places)."""
    import numpy as np

    p1, l1 = a[:, :1], a[:, 1:]
    h = (np.sin((b[:, 0] - p1) / 2) ** 2 + np.cos(p1) * np.cos(b[:, 0]) *
         np.sin((b[:, 1] - l1) / 2) ** 2)
    return EARTH_KM * 2 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))

"""Border facts at 100,000 coordinates (issue #13): the places are grouped by numpy by what
their fact is made of (borders._same_facts) and each group's fact made once; distances are
rounded to tenths by numpy where that is Python's rounding (borders._round_km); the distinct
facts are found by numpy (borders.distinct_facts). Each gives what the loops before gave."""

from __future__ import annotations

import random

import numpy as np
import pytest

from geomap import borders


def _rounded_as_python(km):
    return [round(k, 1) for k in km.tolist()]


def _same(got: list[float], want: list[float]) -> bool:
    return np.array(got).tobytes() == np.array(want).tobytes()


@pytest.mark.parametrize("seed", range(4))
def test_tenths_are_python_s_to_the_bit(seed):
    rng = np.random.default_rng(seed)
    km = np.concatenate([
        rng.uniform(0, 500, 20000),
        np.arange(0, 20000) / 20,  # every k·10 a tie or near one: 0.15, 0.25, 2.45 ...
        np.arange(0, 2000) + 0.05, np.arange(0, 2000) + 0.15,
        np.round(rng.uniform(0, 300, 5000), 2),
        [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-320, 2.5e15, 1e300, 0.049999999999999996]])
    assert _same(borders._round_km(km), _rounded_as_python(km))
    # (numpy alone rounds some of them otherwise: the ties are what is tested)
    assert not _same((np.round(km * 10) / 10).tolist(), _rounded_as_python(km))


def _groups_by_dict(columns: list[list]) -> tuple[list[int], list[int]]:
    """Each point's group and each group's first point, by a dict of the points' values."""
    index: dict = {}
    groups = [index.setdefault(key, len(index)) for key in zip(*columns)]
    first: dict[int, int] = {}
    for i, g in enumerate(groups):
        first.setdefault(g, i)
    return groups, list(first.values())


@pytest.mark.parametrize("seed", range(6))
def test_places_are_grouped_as_a_dict_of_their_values_groups_them(seed):
    rnd = random.Random(seed)
    n = rnd.choice([0, 1, 7, 3000])
    hit = np.array([rnd.choice([-1, 0, 2, 5]) for _ in range(n)], dtype=int)
    line_of = np.array([rnd.choice([-1, 0, 1, 3]) for _ in range(n)], dtype=int)
    derived, exclave, disputed = (np.array([rnd.random() < 0.3 for _ in range(n)], dtype=bool)
                                  for _ in range(3))
    km = [rnd.choice([float("nan"), 0.0, 1.5, 2.5, 30.1, 212.0]) for _ in range(n)]
    country = [rnd.choice(["", "AM", "AZ", "IR"]) for _ in range(n)]
    area = [rnd.choice(["", "Aksai Chin", "Nagorno-Karabakh"]) for _ in range(n)]
    groups, first = borders._same_facts(hit, line_of, derived, exclave, disputed, km, country,
                                        area)
    nan_as_one = [-1.0 if k != k else k for k in km]  # (NaN: one value here)
    want_groups, want_first = _groups_by_dict([hit.tolist(), line_of.tolist(), derived.tolist(),
                                               exclave.tolist(), disputed.tolist(), nan_as_one,
                                               country, area])
    assert groups.tolist() == want_groups
    assert first.tolist() == want_first


def test_a_place_s_fact_as_measured_one_by_one():
    # the facts of places around real borders: the same values as each place measured on
    # its own, and places with the same fact share one object
    from geomap.layers import countries_for
    from tests.test_map_scale_nearest import _lines

    lines = _lines()
    _, countries, _ = countries_for((44.0, 38.5, 47.0, 41.0))
    rnd = random.Random("facts")
    points = sorted({(round(rnd.uniform(38.6, 41.0), 3), round(rnd.uniform(44.2, 46.8), 3))
                     for _ in range(400)})
    points += points[:50]
    facts = borders._facts(points, countries, lines, None, 2.0, "")
    for p, f in zip(points[::20], facts[::20]):
        assert borders._facts([p], countries, lines, None, 2.0, "")[0] == f
    by_value: dict = {}
    for f in facts:
        assert by_value.setdefault(f, f) is f  # (equal facts: one object)
    assert len(by_value) < len(facts)


def _parties_counted(frame, point_of_view: str = "") -> list[str]:
    """views.parties as it was: the rows taken, then their values counted one by one."""
    from collections import Counter

    core = frame[(frame["role"] == "incident") & (frame["precision"] != "country")]
    points = core[~core["precision"].isin(borders.AREA_PRECISIONS)]
    every = Counter(core["in_country"].tolist())
    every.update(core["claimant_side"].tolist())
    every.update(points["border_with"].tolist())
    counts = Counter({c: n for c, n in every.items()
                      if isinstance(c, str) and len(c) == 2 and c.isascii() and c.isalpha()
                      and c.isupper()})
    top = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
    return sorted({*top, *([point_of_view] if point_of_view else [])})


@pytest.mark.parametrize("seed", range(8))
def test_the_parties_are_counted_as_before(seed):
    import pandas as pd

    from geomap.views import parties

    rnd = random.Random(f"parties {seed}")
    n = rnd.choice([0, 1, 5, 400])
    codes = ["AM", "AZ", "IN", "CN", "", None, "am", "XYZ", "É1"]
    frame = pd.DataFrame({
        "role": [rnd.choice(["incident", "reaction", None]) for _ in range(n)],
        "precision": [rnd.choice(["point", "settlement", "country", "province", None])
                      for _ in range(n)],
        "in_country": [rnd.choice(codes) for _ in range(n)],
        "claimant_side": [rnd.choice(codes) for _ in range(n)],
        "border_with": [rnd.choice(codes) for _ in range(n)]}, dtype="str")
    for view in ("", "IN", "AM"):
        assert parties(frame, view) == _parties_counted(frame, view)


def test_the_line_across_counts_only_for_places_known_to_a_point():
    import pandas as pd

    from geomap.views import parties

    rows = ([("incident", "province", "", "", "CN")] * 3 + [("incident", "point", "", "", "IN")] * 2
            + [("incident", "point", None, "", "AM"), ("reaction", "point", "AZ", "AZ", "AZ"),
               ("incident", "country", "TR", "TR", "TR")])
    frame = pd.DataFrame(rows, columns=["role", "precision", "in_country", "claimant_side",
                                        "border_with"], dtype="str")
    assert parties(frame) == _parties_counted(frame) == ["AM", "IN"]

"""Grouping claims into incidents, asked once per claim (issue #13: 100,000 claims), gives the
incidents the simple per-claim grouping gave: the oracle below is group_incidents as it was
before, run on varied claims (ties in date and id, undated claims and claims dated to a
month or a year, areas with a radius, wide areas, unplaced claims, no claims)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest

from geomap import incidents as inc
from geomap.incidents import (
    GAP_DAYS,
    TALK_DAYS,
    _apart,
    _areas,
    _exact,
    _incident,
    _kind,
    _order,
    _place_key,
    _span,
    _wide,
    group_incidents,
)


def simple_group_incidents(claims, side_labels=None, holds=None):
    """group_incidents before issue #13: every question asked of a claim where needed."""
    side_labels = side_labels or {}
    area_of = _areas(claims, holds)
    groups = []
    core = defaultdict(list)
    rest = []
    for c in claims:
        kind = _kind(c.get("event", ""))
        if kind != "talk" and _exact(c) and not _wide(c):
            core[(area_of[_place_key(c)], kind)].append(c)
        else:
            rest.append(c)
    index = defaultdict(list)
    span_of = []
    for (area, _), members in sorted(core.items()):
        members.sort(key=_order)
        begin, end = _span(members[0]["date"])
        current = [members[0]]
        for c in members[1:]:
            first, last = _span(c["date"])
            if (first - end).days <= GAP_DAYS:
                current.append(c)
                begin, end = min(begin, first), max(end, last)
            else:
                groups.append(current)
                span_of.append((begin, end))
                index[area].append(len(groups) - 1)
                current, begin, end = [c], first, last
        groups.append(current)
        span_of.append((begin, end))
        index[area].append(len(groups) - 1)

    def nearest(candidates, claim, limit):
        best, best_key = None, None
        when = _span(claim.get("date", ""))
        for i in candidates:
            if when is None:
                key = (-len(groups[i]), i)
            else:
                gap = _apart(when, span_of[i])
                if gap > limit:
                    continue
                key = (gap, -len(groups[i]), i)
            if best_key is None or key < best_key:
                best, best_key = i, key
        return best

    country_groups = defaultdict(list)
    for i, g in enumerate(groups):
        for country in {c.get("country") for c in g if c.get("country")}:
            country_groups[country].append(i)
    left = defaultdict(list)
    for c in sorted(rest, key=_order):
        limit = TALK_DAYS if _kind(c.get("event", "")) == "talk" else GAP_DAYS
        if c.get("lat") is not None and not _wide(c):
            area = area_of[_place_key(c)]
            found = nearest(index.get(area, []), c, limit)
        elif c.get("lat") is not None:
            area = _place_key(c)
            found = nearest(country_groups.get(c.get("country") or "", []), c, limit)
        else:
            area, found = _place_key(c), None
        if found is not None:
            groups[found].append(c)
            when = _span(c.get("date", ""))
            if when is not None:
                a, b = span_of[found]
                span_of[found] = (min(a, when[0]), max(b, when[1]))
        else:
            left[(area, _kind(c.get("event", "")))].append(c)
    for (_area, kind), members in sorted(left.items()):
        members.sort(key=_order)
        current = [members[0]]
        last = _span(members[0].get("date", ""))
        for c in members[1:]:
            a, b = last, _span(c.get("date", ""))
            if b is not None:
                last = b
            if a is None or b is None or _apart(a, b) <= (
                    TALK_DAYS if kind == "talk" else GAP_DAYS):
                current.append(c)
            else:
                groups.append(current)
                current = [c]
        groups.append(current)
    incidents = [_incident(sorted(g, key=_order), side_labels) for g in groups]
    seen = Counter()
    for found in incidents:
        seen[found.id] += 1
        if seen[found.id] > 1:
            found.id = f"{found.id}-{seen[found.id]}"
    return sorted(incidents, key=lambda i: (i.date_from or "\uffff", i.date_to, i.id))


PLACES = [  # (place, place_id, lat, lon, precision, radius_km, country)
    ("Goris", "am-goris", 39.51, 46.34, "settlement", None, "AM"),
    ("Goris", "", 39.5101, 46.3401, "point", float("nan"), "AM"),  # coordinates given
    ("Syunik", "am-syunik", 39.41, 46.26, "province", 32.4, "AM"),
    ("Sev Lich", "am-sev-lich", 39.33, 46.24, "point", None, "AM"),
    ("Kapan", "am-kapan", 39.21, 46.41, "settlement", None, "AM"),
    ("Armenia", "country:AM", 40.2, 44.9, "country", 150.0, "AM"),
    ("Caucasus", "x-caucasus", 41.0, 45.0, "zone", 400.0, ""),  # wider than WIDE_KM
    ("Lachin", "az-lachin", 39.64, 46.55, "district", 20.0, "AZ"),
    ("Nowhere", "", None, None, "", None, ""),  # unplaced
    ("", "", None, None, "", None, ""),  # names no place
]
DATES = ["2021-05-12", "2021-05-13", "2021-05-14", "2021-05-20", "2021-05-31", "2021-06-01",
         "2021-05", "2021-04", "2021", "", None]
EVENTS = ["incursion", "withdrawal", "clash", "shelling", "talks", "statement", "appeal",
          "exercise", "deployment", "other", "", "odd"]


def random_claims(rnd: random.Random, n: int) -> list[dict]:
    out = []
    for k in range(n):
        place, place_id, lat, lon, precision, radius, country = rnd.choice(PLACES)
        date = rnd.choice(DATES)
        c = {"id": rnd.choice([f"c{k}", f"c{k % 7}", "", None]),  # ties in (date, id)
             "date": date, "date_precision": rnd.choice(["day", "week", "month", "", "year"]),
             "event": rnd.choice(EVENTS), "stance": rnd.choice(["asserts", "denies",
                                                                  "reports", "calls", "x"]),
             "claimant": "someone", "claimant_side": rnd.choice(["AM", "AZ", "RU", ""]),
             "place": place, "place_id": place_id, "place_name": place or None,
             "lat": lat, "lon": lon, "precision": precision, "radius_km": radius,
             "country": country, "marker": k}
        if lat is None:
            del c["lat"], c["lon"]  # (as an unplaced claim reads)
        if rnd.random() < 0.1:
            del c["date"]
        out.append(c)
    return out


def said(incidents) -> list:
    return [i.to_dict() for i in incidents]


@pytest.mark.parametrize("seed", range(40))
def test_grouping_is_the_simple_per_claim_grouping(seed):
    rnd = random.Random(seed)
    claims = random_claims(rnd, rnd.choice([1, 2, 5, 30, 200]))
    labels = {"AM": "AM — Armenia", "AZ": "AZ — Azerbaijan"}

    def holds(area, place):
        return (area, place) == ("am-syunik", "am-kapan")

    assert said(group_incidents(claims, labels, holds)) == \
        said(simple_group_incidents(claims, labels, holds))
    # each claim in exactly one incident, in the order the oracle puts them
    assert sorted(cid for i in group_incidents(claims) for cid in i.claims if cid) == \
        sorted(c["id"] for c in claims if c["id"])


def test_no_claims_no_incidents():
    assert group_incidents([]) == simple_group_incidents([]) == []


def test_the_oracle_can_tell_a_different_grouping(monkeypatch):
    # (the comparison above fails where grouping differs: a day's gap taken as two)
    claims = random_claims(random.Random(3), 200)
    monkeypatch.setattr(inc, "GAP_DAYS", 0)
    assert said(group_incidents(claims)) != said(simple_group_incidents(claims))


def test_the_last_date_is_the_first_of_those_that_end_last():
    # 31 May and May (to its 31st) end on one day: the first in date order is said
    claims = [{"id": k, "date": d, "event": "talks", "place": "Goris", "lat": 39.5,
               "lon": 46.3, "precision": "settlement", "claimant_side": "AM"}
              for k, d in (("a", "2021-05-31"), ("b", "2021-05"), ("c", "2021-05-31"),
                           ("d", "2021-04-30"))]
    (found,) = group_incidents(claims)
    assert (found.date_from, found.date_to) == ("2021-04-30", "2021-05")
    assert said([found]) == said(simple_group_incidents(claims))

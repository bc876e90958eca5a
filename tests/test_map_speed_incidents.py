"""Grouping claims into incidents, asked once per claim (issue #13: 100,000 claims), gives the
incidents the simple per-claim grouping gave: the oracle below is group_incidents as it was
before, run on varied claims (ties in date and id, undated claims and claims dated to a
month or a year, areas with a radius, wide areas, unplaced claims, no claims)."""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict

import pytest

from geomap import incidents as inc
from geomap.geo import km_between
from geomap.incidents import (
    AREA_PRECISIONS,
    GAP_DAYS,
    MAX_PLACES_COMPARED,
    NEAR_KM,
    SALIENCE,
    STANCE_WORDS,
    TALK,
    TALK_DAYS,
    TITLE_OF_EVENT,
    WIDE_KM,
    Incident,
    _kind,
    _Sets,
    _span,
    date_words,
    group_incidents,
)
from geomap.wording import listing

# -- the oracle's own helpers: grouping's per-claim questions as they were asked before,
# of each claim (a mapping) ----------------------------------------------------------------


def _apart(a, b) -> int:
    """Days between two spans of dates (0 when they overlap): the reference's own, in dates
    as the code before measured them (geomap's measures day numbers)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _exact(claim: dict) -> bool:
    """Dated closely enough to link claims: to the day or the week."""
    return bool(claim.get("date")) and len(claim["date"]) == 10 and \
        claim.get("date_precision", "day") in ("day", "week", "")


def _place_key(claim: dict) -> str:
    if claim.get("lat") is None:
        name = " ".join(str(claim.get("place") or "").lower().split())
        # (claims that name no place are about nothing in common: each stands alone)
        return f"name:{name}" if name else f"none:{claim.get('id')}"
    return claim.get("place_id") or f"at:{claim['lat']:.4f},{claim['lon']:.4f}"


def _reach(claim: dict) -> float:
    """How far a claim's place reaches (km): an area's radius, else a point's."""
    if claim.get("precision") in AREA_PRECISIONS and claim.get("radius_km"):
        return float(claim["radius_km"])
    return 0.0


def _wide(claim: dict) -> bool:
    return claim.get("lat") is None or claim.get("precision") == "country" or \
        _reach(claim) > WIDE_KM


def _areas(claims: list[dict], holds=None, keys: list[str] | None = None,
           wide: list[bool] | None = None) -> dict[str, str]:
    """Each linking place (key) -> the key of its area: the places that are one place or
    area for an incident, joined. ``holds(area_id, place_id)`` says whether the gazetteer
    records a place as in an area (the Galwan Valley in Ladakh) beyond the area's reach.
    ``keys`` and ``wide``: each claim's ``_place_key`` and ``_wide``, where known."""
    import numpy as np

    keys = keys or [_place_key(c) for c in claims]
    wide = wide or [_wide(c) for c in claims]
    places: dict[str, tuple[float, float, float]] = {}
    areas = set()
    for c, key, too_wide in zip(claims, keys, wide):
        if not too_wide:
            reach = _reach(c)
            places.setdefault(key, (c["lat"], c["lon"], reach))
            if reach and c.get("place_id"):
                areas.add(c["place_id"])
    keys = sorted(places)
    sets = _Sets()
    for k in keys:
        sets.find(k)
    if holds is not None and len(keys) <= MAX_PLACES_COMPARED:
        for area in sorted(areas):
            for k in keys:
                if k != area and not k.startswith(("at:", "name:")) and holds(area, k):
                    sets.join(area, k)
    if 1 < len(keys) <= MAX_PLACES_COMPARED:
        points = np.radians([places[k][:2] for k in keys])
        reach = np.array([places[k][2] for k in keys])
        for i in range(len(keys) - 1):
            d = km_between(points[i:i + 1], points[i + 1:])[0]
            near = (d <= NEAR_KM) | (d <= np.maximum(reach[i + 1:], reach[i]))
            for j in np.nonzero(near)[0]:
                sets.join(keys[i], keys[i + 1 + j])
    return {k: sets.find(k) for k in keys}


def _order(claim: dict) -> tuple:
    return (claim.get("date") or "\uffff", claim.get("id") or "")


def _incident(members: list[dict], side_labels: dict[str, str]) -> Incident:
    events = Counter(c.get("event", "other") for c in members)
    order = list(TITLE_OF_EVENT)
    # named by what happened, not by how much was said: fighting before its aftermath, and
    # statements only when nothing happened
    happened = [e for e in events if e not in TALK] or list(events)
    main = min(happened, key=lambda e: (-events[e] * SALIENCE.get(e, 0.1),
                                        order.index(e) if e in order else 99))
    located = [c for c in members if c.get("lat") is not None]
    # the incident is named by the widest place it involves short of a country: Syunik
    # rather than Sev Lich; a country when nothing finer is named
    finer = [c for c in located if c.get("precision") != "country"] or located or members
    places: dict[tuple, dict] = {}  # (claims share places: each weighed once, the first)
    for c in finer:
        precision, radius = c.get("precision"), c.get("radius_km")
        if radius != radius and precision not in AREA_PRECISIONS:
            # NaN (coordinates given): no key equals one with NaN, so each such claim was
            # weighed apart, though its weight (_reach: 0, and its names) is its place's;
            # a later one of equal weight never wins the max below, so once is the same
            radius = "NaN"
        places.setdefault((precision, radius, c.get("place_name"), c.get("place")), c)
    named = max(places.values(), key=lambda c: (
        _reach(c), -len(str(c.get("place_name") or "")),
        str(c.get("place_name") or c.get("place") or "")))
    if len(members) > 2:
        # of places as wide, the one most claims name, where more name it (its first claim)
        width = _reach(named)
        same = [c for c in finer if _reach(c) == width or (_reach(c) != _reach(c) and
                                                           width != width)]
        counts = Counter((c.get("place_name"), c.get("place")) for c in same)
        own = (named.get("place_name"), named.get("place"))
        best = max(counts, key=lambda k: (counts[k], k == own))
        if counts[best] > counts.get(own, 0):
            named = next(c for c in same if (c.get("place_name"), c.get("place")) == best)
    place = str(named.get("place_name") or named.get("place") or "an unnamed place")
    dated = sorted(c["date"] for c in members if c.get("date"))
    first = dated[0] if dated else ""
    # (each date once, in order: the first that ends last, as among them all)
    last = max(dict.fromkeys(dated), key=lambda d: _span(d)[1]) if dated else ""
    words = date_words(first, last)
    head = TITLE_OF_EVENT.get(main, "Incident at")
    if named.get("precision") in ("country", "province", "zone") and head.endswith(" at"):
        head = head[:-3] + " in"  # a clash at Goris, in Syunik
    title = f"{head} {place}" + (f", {words}" if dated else "")
    sides: dict[str, dict] = {}
    for c in members:
        side = c.get("claimant_side", "")
        s = sides.get(side)
        if s is None:
            s = sides[side] = {"side": side, "label": side_labels.get(side, side),
                               "claims": [], "stances": dict.fromkeys(STANCE_WORDS, 0)}
        s["claims"].append(c["id"])
        stance = c.get("stance")
        if stance in s["stances"]:
            s["stances"][stance] += 1
    asserting = {s for s, v in sides.items() if v["stances"]["asserts"] or v["stances"]["reports"]}
    denying = {s for s, v in sides.items() if v["stances"]["denies"]}
    contested = any(a != d for a in asserting for d in denying)
    contest = "; ".join(
        f"{side} " + listing([STANCE_WORDS[k] for k, n in v["stances"].items() if n])
        for side, v in sorted(sides.items()))
    # the id: where and when it began, and its kind, none of which claims about its later
    # days change (the first claim in date order; members are in that order)
    start = next((c for c in members if c.get("date")), members[0])
    key = "\x1f".join([_place_key(start), start.get("date") or "", _kind(main)])
    where = named if named.get("lat") is not None else None
    return Incident(
        id="i" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], title=title,
        place_name=place, lat=where["lat"] if where else None,
        lon=where["lon"] if where else None, date_from=first, date_to=last, dates=words,
        events=sorted(events, key=lambda e: (-events[e], e)),
        claims=[c["id"] for c in members], sides=[sides[s] for s in sorted(sides)],
        contested=contested, contest=contest, placed=bool(located))


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
    # coordinates given in Syunik: its key, but no reach (the first claim's may have none)
    ("Syunik", "am-syunik", 39.4101, 46.2601, "point", None, "AM"),
    ("Syunik", "", -0.0, 0.0, "point", "nan", "AM"),  # a zero with its sign; a NaN of its own
    ("Lachin", "az-lachin", 39.64, 46.55, "district", "nan", "AZ"),  # an area's NaN radius
    ("Nowhere", "", None, None, "", None, ""),  # unplaced
    ("", "", None, None, "", None, ""),  # names no place
]
DATES = ["2021-05-12", "2021-05-13", "2021-05-14", "2021-05-20", "2021-05-31", "2021-06-01",
         "2021-05", "2021-04", "2021", "", None]
EVENTS = ["incursion", "withdrawal", "clash", "shelling", "talks", "statement", "appeal",
          "exercise", "deployment", "other", "", "odd"]


ABSENT = ("event", "date_precision", "claimant_side", "stance", "country", "place",
          "place_name", "place_id", "precision", "radius_km")


def random_claims(rnd: random.Random, n: int) -> list[dict]:
    out = []
    for k in range(n):
        place, place_id, lat, lon, precision, radius, country = rnd.choice(PLACES)
        if radius == "nan":
            radius = float("nan")  # (each claim's NaN its own object, as a frame's can be)
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
        for key in ABSENT:  # a field a mapping lacks reads as it always has
            if rnd.random() < 0.05:
                del c[key]
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


@pytest.mark.parametrize("seed", range(8))
def test_a_frame_grouped_by_its_columns_is_grouped_as_its_rows_were(seed):
    """place_claims groups the joined frame by its columns (join.frame_columns, text read
    as few shared values, missing text as NaN) and the unplaced claims as mappings: the
    incidents of the frame's rows read as dicts, as before."""
    import pandas as pd

    from geomap.incidents import CLAIM_KEYS, claim_columns, group_columns
    from geomap.join import frame_columns

    rnd = random.Random(seed)
    claims = random_claims(rnd, 300)
    for k, c in enumerate(claims):  # (a frame's claims have these fields: no NaN)
        c.update(id=c["id"] or f"x{k % 5}", date=c.get("date") or "",
                 claimant_side=c.get("claimant_side", "AM"), place_id=c.get("place_id", ""),
                 event=c.get("event", "other"))
        if rnd.random() < 0.1:
            c[rnd.choice(["place", "place_name", "country", "precision", "stance"])] = None
    placed = [c for c in claims if c.get("lat") is not None]
    unplaced = [c for c in claims if c.get("lat") is None]
    frame = pd.DataFrame({k: [c.get(k) for c in placed] for k in CLAIM_KEYS})
    assert frame["place_name"].isna().any()  # (missing text, as a frame holds it)
    rows = [dict(zip(CLAIM_KEYS, values))
            for values in zip(*(frame[k].tolist() for k in CLAIM_KEYS))]
    columns = frame_columns(frame, CLAIM_KEYS)
    for k, values in claim_columns(unplaced).items():
        columns[k] = columns[k] + values
    labels = {"AM": "AM — Armenia"}
    assert said(group_columns(columns, labels)) == \
        said(simple_group_incidents([*rows, *unplaced], labels))

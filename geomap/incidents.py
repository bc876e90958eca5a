"""Incidents: the claims about one happening, side by side.

An incident database codes one version of each event; geomap keeps every side's version
and groups the claims that are about the same happening, so that the contest itself shows:
"Advance into Syunik, 12–13 May 2021 — contested: AM asserts, AZ denies".

Claims are about the same happening when three things hold:

* the same place or area: the same place, places within ``NEAR_KM`` of each other, or a
  place inside the extent of a province, district or zone another claim names (Goris is in
  Syunik). A country or a region wider than ``WIDE_KM`` links nothing by itself: a claim
  located only to Armenia joins the incident in Armenia nearest in time, if any;
* dates that overlap or follow each other (``GAP_DAYS``), for claims dated to the day or
  the week; a claim dated only to a month or a year, or undated, joins the incident at its
  place that its dates allow (the nearest in time), else stands alone;
* compatible events: the military ones (an incursion, its denial, the withdrawal, a clash,
  shelling, casualties, a deployment) go together; an exercise is its own; statements,
  talks and appeals join the happening at their place nearest in time (within
  ``TALK_DAYS``), else form an incident of their own ("Talks over Syunik").

An incident is contested when one side asserts (or reports) what another side denies.
Its id is stable: made from the place and date of its first claim in time and its kind of
event, so that claims about its later days (a store growing with the news) keep the ids an
analyst has written down; an earlier claim, or --from cutting off its first day, makes a
new one.

Grouping is linear in the claims apart from comparing distinct places (quadratic in their
number, vectorised; beyond ``MAX_PLACES_COMPARED`` distinct places only the same place
links).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import repeat
from operator import and_, is_not, ne

from .geo import km_between
from .wording import listing

NEAR_KM = 10.0  # two named places this close are one place for an incident
WIDE_KM = 300.0  # an area wider than this (a country, a large region) links nothing
GAP_DAYS = 1  # claims a day apart are one happening (12 and 13 May)
TALK_DAYS = 7  # statements join a happening up to a week away
MAX_PLACES_COMPARED = 4000

MILITARY = ("incursion", "withdrawal", "clash", "shelling", "casualties", "deployment", "other")
TALK = ("talks", "statement", "appeal")
# How an incident of a kind is called, by its main event: "Advance into Syunik".
TITLE_OF_EVENT = {
    "incursion": "Advance into", "withdrawal": "Withdrawal from", "clash": "Clash at",
    "shelling": "Shelling of", "casualties": "Casualties at", "deployment": "Troops at",
    "exercise": "Exercise at", "talks": "Talks over", "statement": "Statements on",
    "appeal": "Appeals over", "other": "Incident at",
}
# How much an event names a happening: a clash or an advance before the casualties, the
# withdrawal or the troops that faced off; statements only when nothing happened.
SALIENCE = {"incursion": 3, "clash": 3, "shelling": 3, "casualties": 2, "withdrawal": 1,
            "deployment": 1, "exercise": 1, "other": 0.5}
_EVENT_ORDER = {e: k for k, e in enumerate(TITLE_OF_EVENT)}  # (ties in naming an incident)
STANCE_WORDS = {"asserts": "asserts", "denies": "denies", "reports": "reports",
                "calls": "calls for action"}
AREA_PRECISIONS = ("province", "district", "zone")


@dataclass
class Incident:
    """Claims about one happening. ``sides`` lists, per claimant side, its claims and how
    many of each stance; ``contest`` says who asserts and who denies, in words."""

    id: str
    title: str
    place_name: str
    lat: float | None
    lon: float | None
    date_from: str
    date_to: str
    dates: str
    events: list[str]
    claims: list[str]
    sides: list[dict] = field(default_factory=list)
    contested: bool = False
    contest: str = ""
    placed: bool = True

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in (
            "id", "title", "place_name", "lat", "lon", "date_from", "date_to", "dates",
            "events", "claims", "sides", "contested", "contest", "placed")}


# -- dates ----------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _span(date: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date of any precision covers."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _days(date: str) -> tuple[int, int] | None:
    """``_span`` as day numbers (``date.toordinal``)."""
    span = _span(date)
    return (span[0].toordinal(), span[1].toordinal()) if span else None


def _apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two spans of day numbers (``_days``; 0 when they overlap)."""
    return b[0] - a[1] if a[1] < b[0] else a[0] - b[1] if b[1] < a[0] else 0


@lru_cache(maxsize=65536)  # (each incident's dates are said: thousands at a busy place)
def date_words(first: str, last: str) -> str:
    """ "12 May 2021", "12–13 May 2021", "30 April – 2 May 2021", "May 2021", or
    "date unknown".

    >>> date_words("2021-05-12", "2021-05-13"), date_words("2021-04-30", "2021-05-02")
    ('12–13 May 2021', '30 April – 2 May 2021')
    >>> date_words("2020-11", "2021-05-16")
    'November 2020 – 16 May 2021'
    """
    if not first:
        return "date unknown"
    last = last or first
    a, b = _span(first)[0], _span(last)[1]
    if len(first) == 7 and first == last:
        return a.strftime("%B %Y")
    if len(first) == 4 and first == last:
        return first
    if len(first) < 10 or len(last) < 10:  # a month or a year at either end: said as such
        def said(d: str) -> str:
            day = _span(d)[0]
            return d if len(d) == 4 else f"{day:%B %Y}" if len(d) == 7 else \
                f"{day.day} {day:%B %Y}"
        return f"{said(first)} – {said(last)}"
    if a == b:
        return f"{a.day} {a:%B %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
    return f"{a.day} {a:%B %Y} – {b.day} {b:%B %Y}"


# -- places ---------------------------------------------------------------------------------

def _place_key(lat, lon, place, place_id, claim_id) -> str:
    """What links a claim's place to other claims': its place, else its coordinates, else
    (unplaced) the name it gives."""
    if lat is None:
        name = " ".join(str(place or "").lower().split())
        # (claims that name no place are about nothing in common: each stands alone)
        return f"name:{name}" if name else f"none:{claim_id}"
    return place_id or f"at:{lat:.4f},{lon:.4f}"


def _reach(precision, radius_km) -> float:
    """How far a claim's place reaches (km): an area's radius, else a point's."""
    if precision in AREA_PRECISIONS and radius_km:
        return float(radius_km)
    return 0.0


class _Sets:
    """Union-find over hashable keys."""

    def __init__(self) -> None:
        self.up: dict = {}

    def find(self, x):
        self.up.setdefault(x, x)
        while self.up[x] != x:
            self.up[x] = self.up[self.up[x]]
            x = self.up[x]
        return x

    def join(self, a, b) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.up[max(a, b)] = min(a, b)


def _areas(claims: _Claims, holds=None) -> dict[str, str]:
    """Each linking place (key) -> the key of its area: the places that are one place or
    area for an incident, joined. ``holds(area_id, place_id)`` says whether the gazetteer
    records a place as in an area (the Galwan Valley in Ladakh) beyond the area's reach."""
    import numpy as np

    linking = [i for i, too_wide in enumerate(claims.wide) if not too_wide]
    # each place as its first claim gives it (from the last to the first, the first stays)
    first = dict(zip(map(claims.keys.__getitem__, reversed(linking)), reversed(linking)))
    places = {k: (claims.lats[i], claims.lons[i], claims.reach[i]) for k, i in first.items()}
    # (an area is an area if any of its claims gives it a reach)
    areas = {claims.place_ids[i] for i in linking if claims.reach[i] and claims.place_ids[i]}
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


# -- grouping -------------------------------------------------------------------------------

def _kind(event: str) -> str:
    return "military" if event in MILITARY else "talk" if event in TALK else event


# The fields of a claim that grouping reads (a frame's rows need no more).
CLAIM_KEYS = ("id", "date", "date_precision", "event", "stance", "claimant_side",
              "place", "place_id", "place_name", "lat", "lon", "precision", "radius_km",
              "country")
# A field a claim (a mapping) lacks, read as grouping reads it: no event is an event of its
# own (its kind is "" and it is counted as "other"), no date precision a day's, no side "".
_NO_EVENT = object()
_ABSENT = {"event": _NO_EVENT, "date_precision": "day", "claimant_side": ""}
_DAY_OR_WEEK = ("day", "week", "")


def claim_columns(claims) -> dict[str, list]:
    """What grouping reads of these claims (mappings), a list per field of CLAIM_KEYS; every
    claim has an id, and an unplaced one no lat (or None)."""
    claims = list(claims)
    columns = {k: [c.get(k, _ABSENT.get(k)) for c in claims] for k in CLAIM_KEYS}
    columns["id"] = [c["id"] for c in claims]
    return columns


def _date_order(dates: list, ids: list) -> tuple[list[int], list[int]]:
    """The claims (by index) in date order, undated last, then by id; and each claim's rank
    in that order, equal for claims that tie (so that a sort by rank keeps their order)."""
    when = [d or "\uffff" for d in dates]
    names = [i or "" for i in ids]
    ordered = sorted(range(len(ids)), key=names.__getitem__)
    ordered.sort(key=when.__getitem__)  # (two sorts by text: quicker than one by pairs)
    rank = [0] * len(ids)
    if len(set(names)) == len(names):  # no two claims tie
        for r, i in enumerate(ordered):
            rank[i] = r
        return ordered, rank
    r, last = -1, None
    for i in ordered:
        if (when[i], names[i]) != last:
            r, last = r + 1, (when[i], names[i])
        rank[i] = r
    return ordered, rank


class _Claims:
    """The claims to group, as columns, with what grouping asks of each claim asked once
    (per distinct value where the answer depends on one field). Claims are known by their
    index."""

    def __init__(self, columns: dict[str, list]) -> None:
        c = columns
        self.ids, self.dates, self.lats, self.lons = c["id"], c["date"], c["lat"], c["lon"]
        self.precisions, self.radii = c["precision"], c["radius_km"]
        self.place_ids, self.places, self.place_names = c["place_id"], c["place"], c["place_name"]
        self.sides, self.stances, self.countries = c["claimant_side"], c["stance"], c["country"]
        events = c["event"]
        kind_of = {e: _kind("" if e is _NO_EVENT else e) for e in set(events)}
        self.kinds = list(map(kind_of.__getitem__, events))
        # (an incident counts the events its claims name)
        self.events = [("other" if e is _NO_EVENT else e) for e in events] \
            if _NO_EVENT in kind_of else events
        # each claim's first and last day as day numbers (date.toordinal), None if undated:
        # grouping compares days by the hundred thousand, and whole numbers are quicker
        days_of = {d: _days(d) for d in set(self.dates)}
        self.days = list(map(days_of.__getitem__, self.dates))
        # dated closely enough to link claims: to the day or the week
        to_a_day = {d: bool(d) and len(d) == 10 for d in set(self.dates)}
        day_or_week = {p: p in _DAY_OR_WEEK for p in set(c["date_precision"])}
        self.exact = list(map(and_, map(to_a_day.__getitem__, self.dates),
                              map(day_or_week.__getitem__, c["date_precision"])))
        self.keys = [
            pid if lat is not None and pid else _place_key(lat, lon, place, pid, cid)
            for lat, lon, place, pid, cid in zip(self.lats, self.lons, self.places,
                                                 self.place_ids, self.ids)]
        self.reach = list(map(_reach, self.precisions, self.radii))
        # a country or a region wider than WIDE_KM links nothing by itself
        self.wide = [lat is None or p == "country" or r > WIDE_KM
                     for lat, p, r in zip(self.lats, self.precisions, self.reach)]
        self.in_order, self.rank = _date_order(self.dates, self.ids)
        self.weights = _place_weights(self.lats, self.precisions, self.reach,
                                      self.place_names, self.places)


def group_incidents(claims, side_labels: dict[str, str] | None = None,
                    holds=None) -> list[Incident]:
    """The incidents of these claims (mappings with CLAIM_KEYS; unplaced claims have no
    lat), in date order, undated last. Every claim is in exactly one incident.
    ``holds(area_id, place_id)``: see ``_areas``."""
    return group_columns(claim_columns(claims), side_labels, holds)


def group_columns(columns: dict[str, list], side_labels: dict[str, str] | None = None,
                  holds=None) -> list[Incident]:
    """``group_incidents`` of claims given as columns (a list per field of CLAIM_KEYS, as
    ``claim_columns`` gives them)."""
    side_labels = side_labels or {}
    claims = _Claims(columns)
    kinds, days, wide, keys = claims.kinds, claims.days, claims.wide, claims.keys
    area_of = _areas(claims, holds)
    groups: list[list[int]] = []  # claims by index, each group in date order
    # 1. Happenings dated to the day or week, per area and kind: a chain of dates.
    core: dict[tuple[str, str], list[int]] = defaultdict(list)
    rest = []
    for i in claims.in_order:
        if kinds[i] != "talk" and claims.exact[i] and not wide[i]:
            core[(area_of[keys[i]], kinds[i])].append(i)
        else:
            rest.append(i)
    index: dict[str, list[int]] = defaultdict(list)  # area -> its groups
    # each group's first and last day, kept as claims join it (the groups so far are dated)
    span_of: list[tuple[int, int]] = []
    for (area, _), members in sorted(core.items()):
        begin, end = days[members[0]]
        current = [members[0]]
        for i in members[1:]:
            first, last = days[i]
            if first - end <= GAP_DAYS:
                current.append(i)
                begin, end = min(begin, first), max(end, last)
            else:
                groups.append(current)
                span_of.append((begin, end))
                index[area].append(len(groups) - 1)
                current, begin, end = [i], first, last
        groups.append(current)
        span_of.append((begin, end))
        index[area].append(len(groups) - 1)

    # A group's dates only widen as claims join it: by at most ``before`` days ahead of the
    # day it first began and ``after`` days beyond it (the most any group in a list of
    # groups to look in has: each list keeps its own, so that one long incident somewhere
    # widens no other place's search). So the groups within a claim's reach began within
    # those bounds of its dates, and are found by bisection in each list of groups sorted by
    # when they first began, not by asking every group at the place (a busy place has
    # thousands of small incidents over the years).
    began = [begin for begin, _ in span_of]
    widths: list[list[list[int]]] = [[] for _ in groups]  # [before, after] of each's lists

    def by_start(candidates: list[int]) -> tuple[list[int], list[int], list[int]]:
        order = sorted(candidates, key=began.__getitem__)
        width = [0, max((span_of[g][1] - began[g] for g in order), default=0)]
        for g in order:
            widths[g].append(width)
        return list(map(began.__getitem__, order)), order, width

    def nearest(candidates: tuple[list[int], list[int], list[int]], when,
                limit: int) -> int | None:
        """The group of ``candidates`` (``by_start``) nearest a claim's days ``when`` in
        time (within ``limit`` days; of equal gaps the largest, then the first made); for
        an undated claim, the largest."""
        starts, order, (before, after) = candidates
        best, best_key = None, None
        if when is None:
            for g in order:
                key = (-len(groups[g]), g)
                if best_key is None or key < best_key:
                    best, best_key = g, key
            return best
        for g in order[bisect_left(starts, when[0] - limit - after):
                       bisect_right(starts, when[1] + limit + before)]:
            gap = _apart(when, span_of[g])
            if gap <= limit:
                key = (gap, -len(groups[g]), g)
                if best_key is None or key < best_key:
                    best, best_key = g, key
        return best

    # 2. Everything else joins the happening at its place (or, for a country, in it)
    # nearest in time; else it gathers with its like.
    countries = claims.countries
    country_groups: dict[str, list[int]] = defaultdict(list)
    for g, members in enumerate(groups):
        for country in set(map(countries.__getitem__, members)):
            if country:
                country_groups[country].append(g)
    in_area = {area: by_start(gs) for area, gs in index.items()}
    in_country = {country: by_start(gs) for country, gs in country_groups.items()}
    nowhere: tuple[list[int], list[int], list[int]] = ([], [], [0, 0])
    left: dict[tuple[str, str], list[int]] = defaultdict(list)
    joined = set()  # the groups claims joined (to be put back in date order)
    for i in rest:  # (in date order)
        limit = TALK_DAYS if kinds[i] == "talk" else GAP_DAYS
        if claims.lats[i] is not None and not wide[i]:
            area = area_of[keys[i]]
            found = nearest(in_area.get(area, nowhere), days[i], limit)
        elif claims.lats[i] is not None:  # a country or a wide region
            area = keys[i]
            found = nearest(in_country.get(countries[i] or "", nowhere), days[i], limit)
        else:
            area, found = keys[i], None
        if found is not None:
            groups[found].append(i)
            joined.add(found)
            when = days[i]
            if when is not None:
                a, b = span_of[found]
                a, b = span_of[found] = (min(a, when[0]), max(b, when[1]))
                for width in widths[found]:  # (its place's list, its countries')
                    width[0] = max(width[0], began[found] - a)
                    width[1] = max(width[1], b - began[found])
        else:
            left[(area, kinds[i])].append(i)
    for (_area, _kind_), members in sorted(left.items()):
        limit = TALK_DAYS if _kind_ == "talk" else GAP_DAYS
        current = [members[0]]
        last = days[members[0]]  # the latest dated claim's, as we go
        for i in members[1:]:
            a, b = last, days[i]
            if b is not None:
                last = b
            if a is None or b is None or _apart(a, b) <= limit:
                current.append(i)
            else:
                groups.append(current)
                current = [i]
        groups.append(current)
    by_rank = claims.rank.__getitem__  # (a group's later joiners sorted in among its own)
    for g in joined:
        groups[g].sort(key=by_rank)
    incidents = [_incident(g, claims, side_labels) for g in groups]
    seen: dict[str, int] = {}
    for inc in incidents:  # two incidents with one key (rare): told apart by a count
        seen[inc.id] = n = seen.get(inc.id, 0) + 1
        if n > 1:
            inc.id = f"{inc.id}-{n}"
    return sorted(incidents, key=lambda i: (i.date_from or "\uffff", i.date_to, i.id))


def _place_weights(lats, precisions, reach, place_names, places) -> list[int] | None:
    """Each claim's weight as the place that names its incident (_named), as one whole
    number per claim, equal where two claims weigh the same: an incident's place is then its
    first claim of the greatest weight, found without a tuple per claim (worked out for all
    claims at once: by numpy, and each distinct name once). None where a reach is NaN (an
    area of unknown radius compares as neither more nor less): _named is asked instead."""
    import numpy as np

    n = len(lats)
    wide = np.array(reach, dtype=np.float64)
    if np.isnan(wide).any():
        return None
    # by name: -len(name) then the name's text (_named's order), as one rank
    said = {p: (len(str(p[0] or "")), str(p[0] or p[1] or ""))
            for p in set(zip(place_names, places))}
    texts = {t: k for k, t in enumerate(sorted({t for _, t in said.values()}))}
    longest = max((length for length, _ in said.values()), default=0)
    rank_of = {p: (longest - length) * len(texts) + texts[t] for p, (length, t) in said.items()}
    named = np.fromiter(map(rank_of.__getitem__, zip(place_names, places)), np.int64, n)
    # located short of a country (2), located (1), not located (0)
    located = np.fromiter(map(is_not, lats, repeat(None)), bool, n)
    finer = np.fromiter(map(ne, precisions, repeat("country")), bool, n)
    tier = located.astype(np.int64) * (1 + finer)
    order = np.lexsort((named, wide, tier))  # (the last key first)
    tier, wide, named = tier[order], wide[order], named[order]
    new = np.ones(n, dtype=bool)
    new[1:] = (tier[1:] != tier[:-1]) | (wide[1:] != wide[:-1]) | (named[1:] != named[:-1])
    weights = np.empty(n, dtype=np.int64)
    weights[order] = np.cumsum(new)
    return weights.tolist()


def _named(members: list[int], claims: _Claims) -> int:
    """The claim (of ``members``, by index, in date order) whose place names their
    incident: the widest place it involves short of a country (Syunik rather than Sev
    Lich), a country when nothing finer is named; of equal places the shortest name, then
    the name last in text order; of equal weights the first."""
    finer, precisions = _finer(members, claims), claims.precisions
    # Claims share places: each weighed once, as its first claim gives it. Coordinates given
    # have no radius (NaN, which equals no key): such a claim is its place's (its weight,
    # _reach 0 and its names, is the place's; a later one of equal weight never wins).
    radii = claims.radii
    places = [(precisions[i], "NaN" if radii[i] != radii[i] and precisions[i] not in
               AREA_PRECISIONS else radii[i], claims.place_names[i], claims.places[i])
              for i in finer]
    winner = max(dict.fromkeys(places), key=lambda p: (
        _reach(p[0], p[1]), -len(str(p[2] or "")), str(p[2] or p[3] or "")))
    return finer[places.index(winner)]


def _finer(members: list[int], claims: _Claims) -> list[int]:
    """The claims an incident's name is chosen among: those located short of a country, else
    those located, else all."""
    lats, precisions = claims.lats, claims.precisions
    located = [i for i in members if lats[i] is not None]
    return [i for i in located if precisions[i] != "country"] or located or members


def _most_named(members: list[int], named: int, claims: _Claims) -> int:
    """Of the places as wide as ``named``'s (as far as they reach, and as located), the one
    most of the incident's claims name, where more name it than ``named``'s: "Rafah
    crossing", which 21 claims name, not "Tal al-Sultan", which one names and whose name is
    shorter. Its first claim."""
    reach, names, places = claims.reach, claims.place_names, claims.places
    width = reach[named]
    counts: dict = {}
    first: dict = {}
    for i in _finer(members, claims):  # (among the claims _named weighs)
        if reach[i] == width or (reach[i] != reach[i] and width != width):
            key = (names[i], places[i])
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, i)
    own = (names[named], places[named])
    best = max(counts, key=lambda k: (counts[k], k == own))
    return named if counts[best] <= counts.get(own, 0) else first[best]


@cache
def _stance_words(taken: tuple[bool, ...]) -> str:
    """ "asserts and denies": the stances a side takes, by whether it takes each of
    STANCE_WORDS (so few that each is said once)."""
    return listing([w for w, t in zip(STANCE_WORDS.values(), taken) if t])


def _incident(members: list[int], claims: _Claims, side_labels: dict[str, str]) -> Incident:
    """The incident of these claims (by index, in date order: undated last).

    A busy place over years has thousands of small incidents, so each is worked out in a
    few passes over its claims with plain dicts (a Counter costs more to make than a small
    incident costs to count)."""
    all_events, all_sides, all_stances = claims.events, claims.sides, claims.stances
    events: dict[str, int] = {}  # (in the order the claims first name them)
    by_side: dict[str, list[int]] = {}
    for i in members:
        e = all_events[i]
        events[e] = events.get(e, 0) + 1
        side = all_sides[i]
        if side in by_side:
            by_side[side].append(i)
        else:
            by_side[side] = [i]
    # named by what happened, not by how much was said: fighting before its aftermath, and
    # statements only when nothing happened
    happened = [e for e in events if e not in TALK] or list(events)
    main = happened[0] if len(happened) == 1 else min(happened, key=lambda e: (
        -events[e] * SALIENCE.get(e, 0.1), _EVENT_ORDER.get(e, 99)))
    lats, precisions = claims.lats, claims.precisions
    named = _named(members, claims) if claims.weights is None else members[0] \
        if len(members) == 1 else max(members, key=claims.weights.__getitem__)
    # (the first of the greatest weight; then, of places as wide, the most named)
    if len(members) > 2:
        named = _most_named(members, named, claims)
    place = str(claims.place_names[named] or claims.places[named] or "an unnamed place")
    # the first date, and the first that ends last (members are in date order, which is the
    # dates' order as text, undated last)
    dates, days = claims.dates, claims.days
    first = last = dates[members[0]] or ""
    if first:
        end = days[members[0]][1]
        for i in members:
            when = days[i]
            if when is None:
                break
            if when[1] > end:
                last, end = dates[i], when[1]
    words = date_words(first, last)
    head = TITLE_OF_EVENT.get(main, "Incident at")
    if precisions[named] in ("country", "province", "zone") and head.endswith(" at"):
        head = head[:-3] + " in"  # a clash at Goris, in Syunik
    title = f"{head} {place}" + (f", {words}" if first else "")
    ids = claims.ids
    sides = []
    asserting, denying = [], []
    contest = []
    for side in sorted(by_side) if len(by_side) > 1 else by_side:
        said = by_side[side]
        stances = dict.fromkeys(STANCE_WORDS, 0)
        for i in said:
            stance = all_stances[i]
            if stance in stances:
                stances[stance] += 1
        sides.append({"side": side, "label": side_labels.get(side, side),
                      "claims": list(map(ids.__getitem__, said)), "stances": stances})
        if stances["asserts"] or stances["reports"]:
            asserting.append(side)
        if stances["denies"]:
            denying.append(side)
        contest.append(f"{side} " + _stance_words(tuple(map(bool, stances.values()))))
    # one side asserts what another denies: (each side is in each list at most once)
    contested = bool(asserting and denying) and (
        len(asserting) > 1 or len(denying) > 1 or asserting != denying)
    # the id: where and when it began, and its kind, none of which claims about its later
    # days change (the first claim in date order; members are in that order)
    start = members[0]
    key = "\x1f".join([claims.keys[start], dates[start] or "", _kind(main)])
    where = named if lats[named] is not None else None
    return Incident(
        id="i" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], title=title,
        place_name=place, lat=lats[where] if where is not None else None,
        lon=claims.lons[where] if where is not None else None, date_from=first,
        date_to=last, dates=words,
        events=sorted(events, key=lambda e: (-events[e], e)) if len(events) > 1 else [main],
        claims=list(map(ids.__getitem__, members)), sides=sides, contested=contested,
        contest="; ".join(contest), placed=lats[named] is not None)


# -- as files -------------------------------------------------------------------------------

MEMBER_FIELDS = ("id", "date", "claimant", "claimant_side", "stance", "event", "place",
                 "place_name", "text", "source", "url", "origin")
CSV_FIELDS = ("id", "title", "dates", "date_from", "date_to", "place_name", "lat", "lon",
              "events", "claims", "contested", "contest", "claim_ids")


def incidents_json(incidents: list[Incident], claims: dict[str, dict]) -> str:
    """The incidents as JSON, each with its claims (``members``: who says what, where)."""
    import json

    from .export import _clean as _plain  # (JSON-safe: NaN as null, numpy as numbers)

    out = []
    for inc in incidents:
        members = [{k: _plain(claims.get(cid, {}).get(k)) for k in MEMBER_FIELDS}
                   for cid in inc.claims]
        out.append({**inc.to_dict(), "members": members})
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def incidents_csv(incidents: list[Incident]) -> str:
    """One row per incident; cells a spreadsheet would run as formulas are guarded."""
    import csv
    import io

    from .read import spreadsheet_safe

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for inc in incidents:
        row = {**inc.to_dict(), "events": " ".join(inc.events), "claims": len(inc.claims),
               "claim_ids": " ".join(inc.claims),
               "contested": "yes" if inc.contested else "no"}
        w.writerow([spreadsheet_safe("" if row[k] is None else str(row[k]))
                    for k in CSV_FIELDS])
    return buf.getvalue()

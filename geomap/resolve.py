"""Resolve stage: names to places through the gazetteer, in the context of the others.

Names are resolved in two passes. The first resolves what is clear on its own; the places
found then give the context for the second, in which an ambiguous name prefers the candidate
near the others ("Agarak" in a report about Syunik is the Agarak in Syunik). The same name
means the same place throughout one document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .gazetteer import Context, Gazetteer, name_key
from .records import Mention, Resolution

# How far from the other places a candidate may be and still count as "near" them.
CONTEXT_KM = 300.0
# How far ahead of its namesakes a place must be, alone, to lend context to the others.
ANCHOR_MARGIN = 0.4
# A small place this far from all the others a text names, in none of their countries, is
# too unlikely to choose without support.
FAR_KM, FAR_POPULATION = 2500.0, 100_000
# ... and a place known by that name only as another spelling (GeoNames' alternate names:
# "Makapa" for Macapá) this far, unless a city of a million or a capital
ALTERNATE_FAR_KM, ALTERNATE_POPULATION = 1000.0, 1_000_000


def resolve_places(names: list[str], gazetteer: Gazetteer,
                   kinds: dict[str, str | None] | None = None,
                   countries: dict[str, str] | None = None) -> dict[str, Resolution]:
    """Resolve each distinct name, then again in the context of the others.

    The context of a name is every other name that resolved clearly on its own: a
    candidate near one of those places, or in one of their countries, gains. A name does
    not vouch for itself, so a far namesake chosen alone (Arandu in Brazil) gives way to
    the one beside the report's other places (Arandu by Chitral).
    """
    kinds, countries = kinds or {}, countries or {}
    alone = {n: gazetteer.resolve(n, kind=kinds.get(n), country=countries.get(n))
             for n in dict.fromkeys(names) if n}
    anchors = {n: r.place for n, r in alone.items() if _clear(r)}
    if not anchors:
        return alone
    # Built once for the whole text (a long one names hundreds of places): each name then
    # leaves out its own place, so that it does not vouch for itself.
    located = [p for p in anchors.values() if p.kind not in ("country", "region")
               or not p.country]
    points = tuple(dict.fromkeys((p.lat, p.lon) for p in located))
    counts = Counter(p.country for p in anchors.values() if p.country)
    area_counts = Counter(_area(p) for p in anchors.values() if _area(p))
    at_point = Counter((p.lat, p.lon) for p in located)
    keys = {n: name_key(n) for n in anchors}
    ids_keys: dict[str, set[str]] = {}
    for n, p in anchors.items():
        ids_keys.setdefault(p.id, set()).add(keys[n])
    # What the whole text gives, shared by every name; each name then leaves out only
    # what it alone contributed (its country, its province, its place).
    whole = Context(points=points, countries=frozenset(counts), km=CONTEXT_KM,
                    areas=frozenset(area_counts), taken=frozenset(ids_keys))
    out = {}
    for name, res in alone.items():
        own = anchors.get(name)
        if own is not None and len(anchors) == 1:
            out[name] = res
            continue
        context = whole
        if own is not None:
            key = keys[name]
            alone_here = at_point[(own.lat, own.lon)] == 1
            context = replace(
                whole, exclude=(own.lat, own.lon) if alone_here else None,
                not_countries=frozenset([own.country]) if counts[own.country] == 1
                else frozenset(),
                not_areas=frozenset([_area(own)]) if area_counts[_area(own)] == 1
                else frozenset(),
                not_taken=frozenset([own.id]) if ids_keys[own.id] == {key} else frozenset())
        out[name] = _unsupported(gazetteer.resolve(name, kind=kinds.get(name),
                                                   country=countries.get(name),
                                                   context=context), context, gazetteer)
    return out


def _area(place) -> str:
    """The province or state a place lies in, or is (its admin-1 code, "US.CA")."""
    return place.area_code or place.admin1


def _unsupported(res: Resolution, context: Context, gazetteer: Gazetteer) -> Resolution:
    """A far namesake that nothing in the text supports is not chosen: a small place, not
    curated and no capital, thousands of kilometres (FAR_KM) from every other place the text
    names and in none of their countries ("Four", in France, in a report on the Caucasus),
    or a place known by the name only as another spelling of its own, under a million people
    and ALTERNATE_FAR_KM away ("Makapa" for Brazil's Macapá in a report on Guyana), is
    reported as a name that could not be placed, with its candidates."""
    p = res.place
    if not res.resolved or not len(context.points) or context.has_country(p.country):
        return res
    matched = res.candidates[0].matched if res.candidates else ""
    # (a name the place bears, or only another spelling of its name: "Makapa", a post on
    # the Cuyuni in a report on Guyana, is no spelling of Brazil's Macapá there)
    spelling = bool(matched) and res.candidates[0].place.id == p.id and \
        name_key(matched) != name_key(p.name)
    if p.kind not in ("settlement", "admin2") or gazetteer.is_curated(p.id) or \
            p.id in gazetteer.capital_ids() or \
            p.population >= (ALTERNATE_POPULATION if spelling else FAR_POPULATION):
        return res
    far = context.nearest_km(p.lat, p.lon)
    if far < (ALTERNATE_FAR_KM if spelling else FAR_KM):
        return res
    return replace(res, status="ambiguous", place=None, confidence=round(res.confidence / 3, 2),
                   reason=f"{p.name} ({p.kind}, {p.country})"
                          f"{f', which {matched!r} also spells,' if spelling else ''}"
                          f" is the only likely place of that name, but it lies {far:,.0f} km "
                          "from every other place the text names and nothing supports it: not "
                          "chosen")


def _clear(res: Resolution) -> bool:
    """Whether a name resolved clearly enough on its own to give the others context: the
    only place of that name, or ahead of the next by a wide margin."""
    if not res.resolved:
        return False
    if len(res.candidates) < 2:
        return True
    return res.candidates[0].score - res.candidates[1].score >= ANCHOR_MARGIN


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer, text: str = ""
                     ) -> list[tuple[Mention, Resolution]]:
    """Each mention with its resolution; a marked name the gazetteer lacks is unresolved.
    With the ``text``, a name written before its province or country ("at Illela, Sokoto
    State", "Adre, Chad") prefers the candidate in that country."""
    kinds: dict[str, str | None] = {}
    for m in mentions:
        if not m.marked:
            kinds.setdefault(m.surface, m.kind)
            kinds.setdefault(_query(m), m.kind)
    found = resolve_places([q for m in mentions if not m.marked
                            for q in dict.fromkeys((m.surface, _query(m)))], gazetteer, kinds,
                           _countries_after(mentions, gazetteer, text) if text else None)
    out = []
    for m in mentions:
        if m.marked:
            # (unless it is another spelling of a curated place: Bobojan Ghafurov district)
            if m.kind in _WATER_KINDS:
                # a water or an island the gazetteer holds by this name ("the Naf river":
                # Naf River); but the Helmand River is not Helmand province
                res = gazetteer.resolve(m.surface)
                res = res if res.resolved and res.place.kind not in _LAND else None
            else:
                res = gazetteer.resolve_variant(m.surface)
            kind = {"water": "body of water", None: "place"}.get(m.kind, m.kind)
            res = res or Resolution(
                m.surface, "unresolved", None, (),
                f"the text calls {m.surface!r} {'an' if kind[0] in 'aeiou' else 'a'} {kind}, "
                "but the gazetteer does not know it")
        else:  # (as written where that resolves: "UAE —", "DRC —"; else "OSH —" as Osh)
            res = found[m.surface]
            if not res.resolved:
                res = found[_query(m)]
        out.append((m, res))
    return _within(out, gazetteer, text) if text else out


# A name the text puts inside a province or district it names next: "in Kang district of
# Nimroz province", "Nerkin Hand in Syunik", "the village of X in the Y region" (a kind word
# of its own, then "of"/"in")
_INSIDE = re.compile(r"(?:\s+(?:district|sub-?district|county|village|town|area|locality|"
                     r"municipality|commune|upazila|tehsil|woreda|kebele|sub-kebele|raion|"
                     r"rayon))?,?\s+(?:of|in)\s+(?:the\s+)?")  # (", in the Y region" too)
_AREAS = ("admin1", "admin2")  # (what may hold it: a province, a district; not a country)
WITHIN_FACTOR = 0.6  # (how much less sure a place is that the text puts in an area)


def _within(found: list[tuple[Mention, Resolution]], gazetteer: Gazetteer, text: str
            ) -> list[tuple[Mention, Resolution]]:
    """A name the gazetteer lacks, or knows only in another country, that the text puts
    inside a province or district it names ("Kang district of Nimroz province": Kang, a
    town in Botswana, is no place here) is placed as that area, as precisely as the area is
    known, wherever the text names it (the same name, the same place)."""
    areas: dict[str, Resolution] = {}  # name key -> the area that holds it
    for (m, res), (n, holder) in zip(found, found[1:]):
        if m.adjective or m.embedded or n.adjective or n.embedded or not holder.resolved or \
                holder.place.kind not in _AREAS or not holder.place.country or \
                n.start - m.end > 40 or not _INSIDE.fullmatch(text, m.end, n.start):
            continue
        if res.resolved and (res.place.country == holder.place.country or
                             res.place.kind not in ("settlement", "admin2") or
                             gazetteer.is_curated(res.place.id)):
            continue  # (a place it may be: "Agarak in Syunik"; or one we vouch for)
        area = holder.place
        elsewhere = f" (it knows {res.place.name}, {res.place.country})" if res.resolved \
            else ""
        areas.setdefault(name_key(m.surface), Resolution(
            m.surface, "resolved", area, res.candidates,
            f"the gazetteer lacks {m.surface!r} here{elsewhere}; the text puts it in "
            f"{n.surface} ({area.kind}, {area.country}): placed as that area, as precise "
            "as it is", round(holder.confidence * WITHIN_FACTOR, 2)))
    if not areas:
        return found
    out = []
    for m, res in found:
        held = areas.get(name_key(m.surface)) if not (m.adjective or m.embedded) else None
        if held is not None and (not res.resolved or res.place.country != held.place.country):
            res = held
        out.append((m, res))
    return out


def _countries_after(mentions: list[Mention], gazetteer: Gazetteer, text: str
                     ) -> dict[str, str]:
    """name -> the country of the province or country written right after it, a comma
    between ("Illela, Sokoto State": NG), where that one is clear alone; a name written so
    with two countries gets neither."""
    out: dict[str, str] = {}
    for m, after in zip(mentions, mentions[1:]):
        if after.start != m.end + 2 or text[m.end:after.start] != ", " or m.adjective or \
                after.adjective or m.marked or after.marked:
            continue
        res = gazetteer.resolve(after.surface)
        if res.resolved and res.place.kind in ("admin1", "country") and res.place.country and \
                _clear(res):
            out[m.surface] = "" if out.get(m.surface, res.place.country) != \
                res.place.country else res.place.country
    return {k: v for k, v in out.items() if v}


_WATER_KINDS = ("river", "island", "water")  # (the kinds places.py gives a water's name)
_LAND = ("country", "admin1", "admin2", "settlement")  # (... which no such place is)


def _query(m: Mention) -> str:
    """The name to look up: as written, but a dateline's city of three or four capitals as
    a name ("OSH —": Osh), which the gazetteer would read as a code written so."""
    if m.kind == "settlement" and len(m.surface) <= 4 and m.surface.isupper():
        return m.surface.title()
    return m.surface

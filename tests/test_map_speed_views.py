"""Border facts and views at 100,000 coordinates (issue #13, part 5): each claim's
columns, border sentence and distance are its place's distinct fact's, taken by numpy
(borders.with_border_facts, fact_sentences; views.facts_in_view), not made claim by claim.
The same frame, facts and popup changes in each view as the code before (kept below, as it
was at 1cf3441, as the oracle): for claims at sea, on a line's vertex, at -0.0 and 0.0,
sharing places, located only to areas (with no place name too), in a disputed area."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import geomap.views as view_stage
from geomap import borders
from tests.conftest import DATA

# --- the code before --------------------------------------------------------------------

def with_border_facts_before(frame, countries, lines, disputed=None, *, given: bool = False,
                      country_names: dict[str, str] | None = None, point_of_view: str = "",
                      facts_out: dict | None = None):
    """The joined claims with the border facts of their locations, as columns: in_country,
    border_km, border_with, border_kind, exclave, disputed, outside, and ``border``, the
    sentence the popup shows. ``given``: the lines are the user's (finer accuracy).
    ``facts_out``: filled with the BorderFact of each (lat, lon) measured."""
    lats, lons = frame["lat"].tolist(), frame["lon"].tolist()
    points = list(zip(lats, lons))
    distinct = borders.distinct_places(lats, lons)  # (_places, as it was: tested elsewhere)
    found = dict(zip(distinct, borders._facts(distinct, countries, lines, disputed,
                                              0.5 if given else borders.NE_ACCURACY_KM,
                                              point_of_view)))
    if facts_out is not None:
        facts_out.update(found)
    facts = [found[p] for p in points]
    sentences, kms = fact_sentences_before(frame, facts, country_names or {})
    return frame.assign(
        in_country=[f.country for f in facts], border_km=kms,
        border_with=[f.border_with for f in facts], border_kind=[f.border_kind for f in facts],
        exclave=[f.exclave for f in facts], disputed=[f.disputed for f in facts],
        outside=[f.outside for f in facts], border=sentences)


def fact_sentences_before(frame, facts: list, names: dict[str, str]
                   ) -> tuple[list[str], list[float | None]]:
    """Each claim's border sentence and distance, from the facts of its location: a claim
    located only to an area gets no distance (from an area's centre it would mean nothing)."""
    sentences, kms = [], []
    said: dict[int, str] = {}  # (claims share facts: each said once)
    for f, precision, place in zip(facts, frame["precision"].tolist(),
                                   frame["place_name"].tolist()):
        if precision in borders.AREA_PRECISIONS:
            where = names.get(f.country, f.country)
            sentences.append(f"{precision}-level: {place}, in {where}; no distance from a "
                             "border can be given for an area" if f.country else
                             f"{precision}-level: {place}")
            kms.append(None)
        else:
            text = said.get(id(f))
            if text is None:
                text = said[id(f)] = f.sentence(names)
            sentences.append(text)
            kms.append(f.border_km)
    return sentences, kms


def views_and_changes_before(frame, gaz, point_of_view: str, names: dict[str, str],
                             countries, lines, disputed, facts: dict) -> tuple[list[dict], dict]:
    """The views the page can switch to (the chosen one first, then Natural Earth's default
    and the parties'), and what changes in each claim's popup with the view: the place's
    name as that side writes it, and the border fact as that view classes ``lines`` (every
    built-in line near the map; None: no fact changes). ``facts``: the chosen view's
    BorderFact of each (lat, lon); a place is measured again only where a line near it or
    the disputed area it lies in differs between the views."""
    from geomap.layers import VIEWS, view_name
    from geomap.views import parties

    codes = [point_of_view] + [c for c in ["", *parties(frame, point_of_view)]
                               if c != point_of_view]
    views = []
    for code in codes:
        has_lines = code == "" or code in VIEWS
        label = view_name(code, names) if has_lines else \
            f"{names.get(code, code)}'s place names (no Natural Earth line view)"
        views.append({"code": code, "label": label, "lines": has_lines})
    by_view: dict[str, dict] = {}
    ids, place_ids = frame["id"].tolist(), frame["place_id"].tolist()
    named_in: dict[str, dict] = {}  # place id -> its names in the views offered
    codes = [v["code"] for v in views if v["code"]]
    for pid in sorted({p for p in place_ids if p}):
        try:
            names_of = gaz.side_names(pid)
        except LookupError:
            continue
        named_in[pid] = {c: names_of[c] for c in codes if c in names_of}
    for cid, pid in zip(ids, place_ids):  # (the first change said: by_view holds no other)
        named = named_in.get(pid)
        if named:
            by_view[cid] = {"place_names": dict(named)}
    if lines is None:  # the user's lines, which have no views: the facts are theirs
        return views, by_view
    texts = {}  # the facts' sentences in each view with lines
    for v in views:
        if v["lines"] and v["code"] != point_of_view:
            texts[v["code"]] = facts_in_view_before(frame, v["code"], point_of_view, names,
                                              countries, lines, disputed, facts)
    # a view with no lines of its own shows Natural Earth's default lines, and their facts
    default = texts.get("", frame["border"].tolist())
    for v in views:
        if not v["lines"]:
            texts[v["code"]] = default
    borders = frame["border"].tolist()
    for code, sentences in texts.items():
        for cid, mine, theirs in zip(ids, borders, sentences):
            if mine != theirs:
                by_view.setdefault(cid, {}).setdefault("borders", {})[code] = theirs
    return views, by_view


def facts_in_view_before(frame, view: str, chosen: str, names: dict[str, str], countries, lines,
                   disputed, facts: dict) -> list[str]:
    """Each claim's border sentence as ``view`` classes the lines. Only the places near a
    line whose class differs between ``view`` and ``chosen`` (within the 4° by 3° window a
    fact looks in), or in a disputed area the two views give to different countries, are
    measured again; the others keep the chosen view's fact, said as ``view`` says it."""
    import numpy as np
    import shapely

    from geomap.borders import border_facts, lines_near
    from geomap.layers import NOT_A_BORDER, area_holders, classes_of

    kinds = [classes_of(d, v) for d, v in zip(lines["default"], lines["views"])]
    differs = [k.get(view, k[""]) != k.get(chosen, k[""]) for k in kinds]
    changed = shapely.union_all(lines.geometry.values[differs]) if any(differs) else None
    held = None
    if disputed is not None and "views" in disputed.columns:
        holders = [area_holders(v) for v in disputed["views"]]
        moved = [h.get(view) != h.get(chosen) for h in holders]
        held = shapely.union_all(disputed.geometry.values[moved]) if any(moved) else None
    points = list(facts)
    lats = np.array([p[0] for p in points])
    lons = np.array([p[1] for p in points])
    again_mask = np.zeros(len(points), dtype=bool)
    if changed is not None and len(points):  # within the window a fact looks in
        again_mask |= lines_near(np.array([changed], dtype=object), lats, lons)
    if held is not None and len(points):
        again_mask |= shapely.contains_xy(held, lons, lats)
    again = {points[i] for i in np.flatnonzero(again_mask).tolist()}
    seen = lines.assign(kind=[k.get(view, k[""]) for k in kinds])
    seen = seen[~seen["kind"].isin(NOT_A_BORDER)]
    order = sorted(again)
    measured = dict(zip(order, border_facts(order, countries, seen, disputed,
                                            point_of_view=view)))
    seen_as: dict[int, object] = {}  # (points share facts: each said again once)
    for p in points:  # the others: the chosen view's fact, said as this view says it
        if p not in measured:
            fact = facts[p]
            again_as = seen_as.get(id(fact))
            if again_as is None:
                again_as = seen_as[id(fact)] = fact.seen_from(view)
            measured[p] = again_as
    found = [measured[p] for p in zip(frame["lat"].tolist(), frame["lon"].tolist())]
    return fact_sentences_before(frame, found, names)[0]




# --- the code now, held to it --------------------------------------------------------------

def _arguments(point_of_view: str) -> tuple[tuple, dict, tuple]:
    """What with_border_facts and views_and_changes are given as the Galwan claims are
    placed in ``point_of_view``."""
    from geomap import api

    got = {}
    calls = {"with_border_facts": borders.with_border_facts,
             "views_and_changes": view_stage.views_and_changes}
    with pytest.MonkeyPatch.context() as patched:
        for name, module in (("with_border_facts", borders),
                             ("views_and_changes", view_stage)):
            def spy(*args, _name=name, **kwargs):
                got[_name] = (args, kwargs)
                return calls[_name](*args, **kwargs)

            patched.setattr(module, name, spy)
        api.place_claims(api.read_inputs([DATA / "galwan.csv"]), point_of_view=point_of_view)
    return got["with_border_facts"][0], got["with_border_facts"][1], \
        got["views_and_changes"][0]


def _odd_claims(frame, lines):
    """The claims, again under other ids, and claims at sea (0.0 and -0.0), on a line's
    vertex, in Aksai Chin, at Leh, located only to areas (one with no place name), with
    no precision, far from the lines the views class otherwise (India–Bangladesh,
    Armenia–Azerbaijan): each a copy of the first claim elsewhere."""
    lon, lat = lines.geometry.values[0].coords[0]
    odd = [(0.0, 78.0, "point", "Sea"), (-0.0, 78.0, "point", "Sea"),
           (0.0, -0.0, "country", "Nowhere"), (lat, lon, "point", "Vertex"),
           (lat, lon, "district", "Vertex district"), (35.2, 79.3, "point", "Aksai Chin"),
           (35.2, 79.3, "zone", None), (34.1642, 77.5848, "province", "Ladakh"),
           (34.1642, 77.5848, None, "Leh"), (34.75, 78.18, "point", "Galwan"),
           (23.5, 88.8, "point", "Far"), (40.89084, 45.25015, "point", "Farther")]
    rows = frame.iloc[[0] * len(odd)].reset_index(drop=True)
    rows = rows.assign(id=[f"odd-{i}" for i in range(len(odd))],
                       lat=[o[0] for o in odd], lon=[o[1] for o in odd],
                       precision=[o[2] for o in odd], place_name=[o[3] for o in odd])
    again = frame.assign(id=frame["id"] + "-again")
    return pd.concat([frame, rows, again], ignore_index=True)


@pytest.fixture(scope="module", params=["IN", "", "CN"])
def galwan(request):
    args, kwargs, view_args = _arguments(request.param)
    frame, countries, lines, disputed = args
    return _odd_claims(frame, lines), (countries, lines, disputed), kwargs, view_args


def test_the_claims_facts_columns_and_sentences_are_as_before(galwan):
    import math

    frame, layers, kwargs, _ = galwan
    got_facts, want_facts = {}, {}
    got = borders.with_border_facts(frame, *layers, **{**kwargs, "facts_out": got_facts})
    want = with_border_facts_before(frame, *layers, **{**kwargs, "facts_out": want_facts})
    pd.testing.assert_frame_equal(got, want)
    for column in ("border", "border_km", "in_country", "exclave"):
        assert [repr(v) for v in got[column].tolist()] == \
            [repr(v) for v in want[column].tolist()]
    assert list(got_facts.items()) == list(want_facts.items())
    assert [math.copysign(1, p[0]) for p in got_facts] == \
        [math.copysign(1, p[0]) for p in want_facts]
    # the sample says something: areas, sea, facts with and without a distance
    said = got["border"].tolist()
    assert any("-level: nan" in s or "-level: None" in s for s in said)
    assert any(s.startswith("outside every country") for s in said)
    assert got["border_km"].notna().any() and got["border_km"].isna().any()


def test_what_each_view_changes_is_as_before(galwan):
    frame, layers, kwargs, view_args = galwan
    facts: dict = {}
    placed = borders.with_border_facts(frame, *layers, **{**kwargs, "facts_out": facts})
    _, gaz, point_of_view, names, countries, every_line, disputed, _ = view_args
    got = view_stage.views_and_changes(placed, gaz, point_of_view, names, countries,
                                       every_line, disputed, facts)
    want = views_and_changes_before(placed, gaz, point_of_view, names, countries, every_line,
                                    disputed, facts)
    assert got == want
    assert json.dumps(got) == json.dumps(want)  # (in the same order: the page's)
    views, by_view = got
    assert any("place_names" in c for c in by_view.values())
    assert len(views) >= 3 and sum("borders" in c for c in by_view.values()) > 10


def test_what_each_view_changes_where_no_view_renames_a_place(galwan):
    """With no place named otherwise in a view, the first view whose words differ makes
    every claim's entry (views_and_changes makes them at once): as before, in order."""
    class Unnamed:  # (a gazetteer that knows no side's names)
        def side_names(self, place_id):
            raise LookupError(place_id)

    frame, layers, kwargs, view_args = galwan
    facts: dict = {}
    placed = borders.with_border_facts(frame, *layers, **{**kwargs, "facts_out": facts})
    _, _, point_of_view, names, countries, every_line, disputed, _ = view_args
    args = (placed, Unnamed(), point_of_view, names, countries, every_line, disputed, facts)
    got = view_stage.views_and_changes(*args)
    want = views_and_changes_before(*args)
    assert json.dumps(got) == json.dumps(want)
    views, by_view = got
    assert not any("place_names" in c for c in by_view.values())
    assert sum("borders" in c for c in by_view.values()) > 10
    # (and some claim changes in two views: the second view adds to the first's entries)
    assert any(len(c["borders"]) > 1 for c in by_view.values()) or point_of_view == ""


def test_the_places_and_each_claims_place_among_them():
    import math
    import random

    rnd = random.Random("places")
    grid = [-1.5, -0.0, 0.0, 0.25, 39.51, 1e-300]
    lats = [rnd.choice(grid) for _ in range(500)]
    lons = [rnd.choice(grid) for _ in range(500)]
    places, place_of = borders.distinct_places(lats, lons, index=True)
    assert places == borders.distinct_places(lats, lons) == sorted(set(zip(lats, lons)))
    assert [places[i] for i in place_of.tolist()] == list(zip(lats, lons))
    first = {}
    for p, i in zip(zip(lats, lons), place_of.tolist()):
        first.setdefault(i, p)  # (a place's zeros signed as its first claim's)
    assert [tuple(math.copysign(1, v) for v in first[i]) for i in range(len(places))] == \
        [tuple(math.copysign(1, v) for v in p) for p in places]
    nan = float("nan")
    lats, lons = [nan, 1.0, float("nan"), 1.0, nan], [2.0] * 5
    places, place_of = borders.distinct_places(lats, lons, index=True)
    at = place_of.tolist()
    assert len(places) == len(set(zip(lats, lons))) == 3 and at[1] == at[3]
    assert at[0] == at[4] != at[2]  # (a NaN is its own float, as in a set)
    assert all(places[i][0] is lat for i, lat in zip(at, lats) if lat != lat)
    places, place_of = borders.distinct_places([], [], index=True)
    assert places == [] and place_of.size == 0


def test_the_distinct_facts_in_the_order_met():
    a, b = (borders.BorderFact("AM", km, "AZ", "international", False, False, False, 2.0)
            for km in (1.0, 2.0))
    same_as_a = borders.BorderFact("AM", 1.0, "AZ", "international", False, False, False, 2.0)
    facts, at = borders.distinct_facts([b, a, b, same_as_a, a])
    assert facts[0] is b and facts[1] is a and facts[2] is same_as_a  # (objects, not values)
    assert at.tolist() == [0, 1, 0, 2, 1]
    facts, at = borders.distinct_facts([b, a], place_of=[1, 1, 0])
    assert at.tolist() == [1, 1, 0]
    facts, at = borders.distinct_facts([])
    assert facts == [] and at.size == 0


def test_sentences_by_distinct_fact_are_those_claim_by_claim():
    import random

    rnd = random.Random("sentences")
    kinds = ["international", "undemarcated", "disputed", "line-of-control", ""]
    facts = [borders.BorderFact(rnd.choice(["AM", "AZ", "", "IN"]),
                                rnd.choice([None, 0.0, 1.9, 2.0, 2.1, 37.4]),
                                rnd.choice(["AZ", "CN", ""]), rnd.choice(kinds),
                                rnd.random() < 0.2, rnd.random() < 0.2, rnd.random() < 0.1,
                                rnd.choice([0.5, 2.0]), rnd.choice(["", "LAC"]),
                                rnd.choice(["", "IN"]), rnd.choice(["", "Aksai Chin"]))
             for _ in range(40)]
    n = 3000
    at = [rnd.randrange(len(facts)) for _ in range(n)]
    precision = [rnd.choice(["point", "district", "country", "zone", "province", None,
                             "settlement", ""]) for _ in range(n)]
    place = [rnd.choice(["Goris", None, "</script>", "=1+1", "a\u2028b", ""])
             for _ in range(n)]
    frame = pd.DataFrame({"precision": precision, "place_name": place})
    names = {"AM": "Armenia", "AZ": "Azerbaijan", "IN": "India"}
    import numpy as np

    got = borders.fact_sentences(frame, facts, np.array(at), names)
    want = fact_sentences_before(frame, [facts[i] for i in at], names)
    assert got == want
    assert [repr(v) for v in got[1]] == [repr(v) for v in want[1]]
    empty = frame.iloc[:0]
    assert borders.fact_sentences(empty, facts, np.zeros(0, dtype=int), names) == ([], [])


def test_facts_in_a_view_whatever_the_order_of_the_places_measured(galwan):
    # the places measured in another order than the claims' sorted places, and one more
    frame, layers, kwargs, view_args = galwan
    facts: dict = {}
    placed = borders.with_border_facts(frame, *layers, **{**kwargs, "facts_out": facts})
    _, gaz, point_of_view, names, countries, every_line, disputed, _ = view_args
    shuffled = dict(reversed(list(facts.items())))
    shuffled[(12.5, 45.0)] = next(iter(facts.values()))
    for view in ("CN", "", "IN"):
        if view == point_of_view:
            continue
        got = view_stage.facts_in_view(placed, view, point_of_view, names, countries,
                                       every_line, disputed, shuffled)
        want = facts_in_view_before(placed, view, point_of_view, names, countries,
                                    every_line, disputed, shuffled)
        assert got == want
        assert got == view_stage.facts_in_view(placed, view, point_of_view, names, countries,
                                                every_line, disputed, facts)

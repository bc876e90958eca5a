"""Points of view: which views a map offers, and what each view changes.

A map is drawn in one point of view (``--view``; "" is Natural Earth's default). The page
also offers the default view and the views of the two countries the incidents lie between,
and for each view says what it changes: the place names that side writes (by place), and the
border facts as that view classes the lines and gives the disputed areas (by claim, only
where they differ). Layers (layers.py) give each line's class in every view; border facts
(borders.py) are measured here once per view, only near what the view changes.
"""

from __future__ import annotations


def parties(frame, point_of_view: str = "") -> list[str]:
    """The two countries the incidents lie between, the views a reader compares (IN and CN
    for Galwan, AM and AZ for Syunik), with the map's own view. Of the incidents' claims,
    counted: the countries their places fall in, the sides that make them, and for a place
    known to a point the country across the nearest line (from an area's centre that line
    says little: Ladakh's is the Line of Control)."""
    from collections import Counter

    from .borders import AREA_PRECISIONS

    core = ((frame["role"] == "incident") & (frame["precision"] != "country")).to_numpy(bool)
    points = core & ~frame["precision"].isin(AREA_PRECISIONS).to_numpy(bool)
    # (each column's values counted by pandas: a few distinct among 100,000 claims, each
    # of which Counter would hash again as a new string; a missing value is no country)
    every = Counter()
    for name, rows in (("in_country", core), ("claimant_side", core), ("border_with", points)):
        every.update(frame[name][rows].value_counts(dropna=True).to_dict())
    counts = Counter({c: n for c, n in every.items()
                      if isinstance(c, str) and len(c) == 2 and c.isascii() and c.isalpha()
                      and c.isupper()})
    top = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
    return sorted({*top, *([point_of_view] if point_of_view else [])})


def named_in_views(reference, gaz, views: list[dict]):
    """The reference basemap with each labelled place's names in the views offered, where
    a side writes it otherwise (``names``: {view: name})."""
    from dataclasses import replace

    codes = [v["code"] for v in views if v["code"]]

    def named(items: list[dict]) -> list[dict]:
        out = []
        for p in items:
            try:
                names = gaz.side_names(p["id"])
            except LookupError:
                names = {}
            names = {c: names[c] for c in codes if c in names}
            out.append({**p, "names": names} if names else p)
        return out

    return replace(reference, places=named(reference.places), towns=named(reference.towns))


def reference_as_viewed(reference, point_of_view: str):
    """The reference basemap's labels as the sheets show them in the map's view."""
    from dataclasses import replace

    if reference is None or not point_of_view:
        return reference

    def named(items: list[dict]) -> list[dict]:
        return [{**p, "name": p.get("names", {}).get(point_of_view, p["name"])}
                for p in items]

    return replace(reference, places=named(reference.places), towns=named(reference.towns))


def views_and_changes(frame, gaz, point_of_view: str, names: dict[str, str], countries, lines,
           disputed, facts: dict) -> tuple[list[dict], dict]:
    """The views the page can switch to (the chosen one first, then Natural Earth's default
    and the parties'), and what changes in each claim's popup with the view: the place's
    name as that side writes it, and the border fact as that view classes ``lines`` (every
    built-in line near the map; None: no fact changes). ``facts``: the chosen view's
    BorderFact of each (lat, lon); a place is measured again only where a line near it or
    the disputed area it lies in differs between the views."""
    import numpy as np

    from .layers import VIEWS, view_name

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
    if any(named_in.values()):
        for cid, pid in zip(ids, place_ids):  # (the first change said: by_view holds none)
            named = named_in.get(pid)
            if named:
                by_view[cid] = {"place_names": dict(named)}
    if lines is None:  # the user's lines, which have no views: the facts are theirs
        return views, by_view
    texts = {}  # the facts' sentences in each view with lines
    for v in views:
        if v["lines"] and v["code"] != point_of_view:
            texts[v["code"]] = facts_in_view(frame, v["code"], point_of_view, names,
                                              countries, lines, disputed, facts)
    # a view with no lines of its own shows Natural Earth's default lines, and their facts
    chosen = frame["border"].tolist()  # (read from the frame once)
    default = texts.get("", chosen)
    for v in views:
        if not v["lines"]:
            texts[v["code"]] = default
    borders = np.array(chosen, dtype=object)
    for code, sentences in texts.items():  # (the claims whose words differ, found by numpy)
        for i in np.flatnonzero(borders != np.array(sentences, dtype=object)).tolist():
            # (by_view.setdefault(id, {}).setdefault("borders", {})[code], asked less)
            said = by_view.get(ids[i])
            if said is None:
                by_view[ids[i]] = {"borders": {code: sentences[i]}}
            elif "borders" in said:
                said["borders"][code] = sentences[i]
            else:
                said["borders"] = {code: sentences[i]}
    return views, by_view


def facts_in_view(frame, view: str, chosen: str, names: dict[str, str], countries, lines,
                   disputed, facts: dict) -> list[str]:
    """Each claim's border sentence as ``view`` classes the lines. Only the places near a
    line whose class differs between ``view`` and ``chosen`` (within the 4° by 3° window a
    fact looks in), or in a disputed area the two views give to different countries, are
    measured again; the others keep the chosen view's fact, said as ``view`` says it."""
    import numpy as np
    import shapely

    from .borders import (
        border_facts,
        distinct_facts,
        distinct_places,
        fact_sentences,
        lines_near,
    )
    from .layers import NOT_A_BORDER, area_holders, classes_of

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
    fresh = border_facts(order, countries, seen, disputed, point_of_view=view)
    # each place's fact in this view: the chosen view's said as this view says it (each
    # distinct fact once), or its fact measured again
    chosen_facts, fact_of = distinct_facts(list(facts.values()))
    in_view = [f.seen_from(view) for f in chosen_facts]
    again_facts, again_of = distinct_facts(fresh)
    row = {points[i]: i for i in np.flatnonzero(again_mask).tolist()}
    fact_of[[row[p] for p in order]] = again_of + len(in_view)
    # each claim's place among the places measured (in their order, as a rule)
    places, place_of = distinct_places(frame["lat"].tolist(), frame["lon"].tolist(),
                                       index=True)
    if places != points:
        row = {p: i for i, p in enumerate(points)}
        place_of = np.array([row[p] for p in places], dtype=int)[place_of]
    return fact_sentences(frame, in_view + again_facts, fact_of[place_of], names)[0]


def row_as_viewed(row: dict, placed) -> dict:
    """A placed claim's row as the sheets show it in the map's point of view: the place's
    name as that side writes it."""
    names = placed.by_view.get(row["id"], {}).get("place_names", {})
    if placed.point_of_view in names:
        return {**row, "place_name": names[placed.point_of_view]}
    return row

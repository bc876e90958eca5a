"""Border facts for each claim: the country its location falls in, the distance to the
nearest international border, and whether it lies in an exclave, a disputed area or outside
every country. Distances are measured in a local azimuthal equidistant projection centred on
the claim, so a kilometre is a kilometre everywhere.

Every figure carries the accuracy of the lines it is measured from: Natural Earth 1:10m is
good to a kilometre or two, so "0.8 km from the border" means "on the border, as far as this
line can tell".
"""

from __future__ import annotations

from dataclasses import dataclass

# The positional accuracy of Natural Earth 1:10m lines (see gazetteer/README.md).
NE_ACCURACY_KM = 2.0


# How a fact names a line's class, when it is not an ordinary international border.
CLASS_WORDS = {
    "undemarcated": "undemarcated", "disputed": "disputed", "line-of-control": "line of control",
    "indefinite": "indefinite", "indeterminate": "indeterminate frontier",
    "claim-line": "claim line", "lease": "lease limit", "overlay": "overlay limit",
}


@dataclass(frozen=True)
class BorderFact:
    country: str  # ISO alpha-2 of the country the location falls in, "" if none
    border_km: float | None  # distance to the nearest international border
    border_with: str  # the country on the other side of that border
    border_kind: str  # the line's class (layers.LINE_CLASSES): international, disputed, ...
    exclave: bool
    disputed: bool
    outside: bool  # in the sea or outside every country
    accuracy_km: float
    line_name: str = ""  # the line's own name ("Line of Actual Control")
    point_of_view: str = ""  # the view that classes the line ("" Natural Earth's default)
    area_name: str = ""  # the disputed area's name, where it has one ("Aksai Chin")

    def sentence(self, names: dict[str, str]) -> str:
        """ "2.8 km inside Armenia, from the Azerbaijan border (undemarcated) (±2 km)", or
        for a line other than a border: "2.1 km from the Line of Actual Control (western
        sector) (disputed; Natural Earth, not authoritative), in India (±2 km)"."""
        if self.outside:
            return "outside every country on this map (at sea or off the basemap)"
        where = names.get(self.country, self.country)
        other = names.get(self.border_with, self.border_with)
        if self.border_km is None:
            text = f"in {where}"
        elif self.border_kind in ("international", "undemarcated", ""):
            kind = " (undemarcated)" if self.border_kind == "undemarcated" else ""
            drawn = (f", as {names.get(self.point_of_view, self.point_of_view)}'s maps draw "
                     "it" if self.point_of_view else "")
            if self.border_km <= self.accuracy_km:
                text = (f"on the {where}–{other} border{kind} as far as this line can tell"
                        f"{drawn} ({self.border_km:.1f} km on the {where} side)")
            else:
                text = (f"{self.border_km:.1f} km inside {where}, from the {other} "
                        f"border{kind}{drawn}")
        else:
            pair = "–".join(sorted(p for p in (where, other) if p))
            line = self.line_name or f"{pair} boundary line"
            cls = CLASS_WORDS.get(self.border_kind, self.border_kind)
            if self.point_of_view:
                cls += f" in {names.get(self.point_of_view, self.point_of_view)}'s view"
            said = f"the {line} ({cls}; Natural Earth, not authoritative)"
            if self.border_km <= self.accuracy_km:
                text = (f"on {said} as far as this line can tell "
                        f"({self.border_km:.1f} km on the {where} side)")
            else:
                text = f"{self.border_km:.1f} km from {said}, in {where}"
        if self.exclave:
            text += ", in an exclave"
        if self.disputed:
            text += f", in a disputed area: {self.area_name}" if self.area_name else \
                ", in a disputed area"
        return f"{text} (±{self.accuracy_km:g} km)"

    def seen_from(self, point_of_view: str) -> BorderFact:
        """The same fact, said as ``point_of_view`` classes its line."""
        return BorderFact(self.country, self.border_km, self.border_with, self.border_kind,
                          self.exclave, self.disputed, self.outside, self.accuracy_km,
                          self.line_name, point_of_view, self.area_name)


def border_facts(points: list[tuple[float, float]], countries, lines,
                 disputed=None, *, accuracy_km: float = NE_ACCURACY_KM,
                 point_of_view: str = "") -> list[BorderFact]:
    """Facts for each (lat, lon). ``countries`` is a GeoDataFrame with iso2 and polygons;
    ``lines`` a GeoDataFrame of border lines with ``countries`` ("AM-AZ"), ``kind`` (their
    class in ``point_of_view``) and optionally ``name``; ``disputed`` optional polygons of
    disputed areas.

    Every distinct point is measured at once: the country it is in, its exclave and its
    disputed area by spatial index, and the distance to each line near it in its own local
    azimuthal equidistant projection (``geo.local_crs``, computed in bulk with pyproj's
    geodesics, which that projection is made of): a line is the same line in each."""
    distinct = list(dict.fromkeys(points))  # (claims share places: each once)
    found = dict(zip(distinct, _facts(distinct, countries, lines, disputed, accuracy_km,
                                      point_of_view)))
    return [found[point] for point in points]


# A fact looks for the lines within this window around its point (degrees of longitude,
# latitude): a line further away says nothing about the place.
WINDOW = (4.0, 3.0)


def _facts(points: list[tuple[float, float]], countries, lines, disputed, accuracy_km: float,
           point_of_view: str) -> list[BorderFact]:
    import numpy as np
    import pandas as pd
    import shapely

    if not points:
        return []
    lats = np.array([p[0] for p in points], dtype=float)
    lons = np.array([p[1] for p in points], dtype=float)
    n = len(points)
    pts = shapely.points(lons, lats)
    shapes = np.asarray(countries.geometry.values, dtype=object)
    hit = _containing(shapes, lats, lons, pts, near_deg=0.02)  # row of countries, or -1
    iso2 = np.array([*countries["iso2"], ""], dtype=object)  # (the last: -1, no country)
    country = iso2[hit]  # (an array of str: taken by numpy, changed below, then a list)
    exclave = np.zeros(n, dtype=bool)
    for row in sorted(set(hit[hit >= 0])):
        parts = list(getattr(shapes[row], "geoms", [shapes[row]]))
        if len(parts) > 1:
            at = np.flatnonzero(hit == row)
            main = max(parts, key=lambda g: g.area).buffer(0.005)
            exclave[at] = ~_contains_xy(main, lons[at], lats[at])
    area_name, in_dispute, holder = _disputes(disputed, lats, lons, pts, point_of_view)
    holder = np.array(holder, dtype=object)
    # the view gives the area to another country (India's maps: Aksai Chin is India's): the
    # place is in that country, measured from that country's lines
    given = (holder != "") & (hit >= 0) & (holder != country)
    country[given], exclave[given] = holder[given], False
    country = country.tolist()
    line_of = np.full(n, -1)  # the nearest line: its row in ``lines`` or in derived[country]
    metres = np.full(n, np.nan)
    derived: dict[str, object] = {}  # country -> its shared edges, when no line is near
    from_derived = np.zeros(n, dtype=bool)
    pairs = lines["countries"].str.split("-") if len(lines) else []
    # the points in a country, by country (in the order first met)
    placed = np.flatnonzero(hit >= 0)
    of, found = pd.factorize(np.array(country, dtype=object)[placed], use_na_sentinel=False)
    by_country = np.split(placed[np.argsort(of, kind="stable")],
                          np.cumsum(np.bincount(of, minlength=len(found)))[:-1])
    for c, idx in zip(found, by_country):
        rows = np.array([r for r, p in enumerate(pairs) if c in p], dtype=int)
        near = lines_near(lines.geometry.values[rows], lats[idx], lons[idx]) if len(rows) \
            else np.zeros(len(idx), dtype=bool)
        if near.any():
            got, m = _nearest(lines.geometry.values[rows], lats[idx[near]], lons[idx[near]],
                              pts[idx[near]])
            line_of[idx[near]] = np.where(got >= 0, rows[np.maximum(got, 0)], -1)
            metres[idx[near]] = m
        lonely = idx[~near]  # no line of its own near it: the shared edges of the polygons
        if not len(lonely):
            continue
        if c not in derived:
            from .layers import shared_borders

            # neighbours touch the country: no buffer of a large polygon needed
            edges = shared_borders(countries[shapely.intersects(shapes,
                                                                shapes[hit[lonely[0]]])])
            derived[c] = edges[edges["countries"].str.split("-").apply(lambda p, c=c: c in p)]
        edges = derived[c]
        if not len(edges):
            continue
        near = lines_near(edges.geometry.values, lats[lonely], lons[lonely])
        if near.any():
            got, m = _nearest(edges.geometry.values, lats[lonely[near]], lons[lonely[near]],
                              pts[lonely[near]])
            line_of[lonely[near]] = got
            metres[lonely[near]] = m
            from_derived[lonely[near]] = True
    # each line's countries, class and name, read once (a row of a frame is slow to read)
    said = {False: _said(lines)}
    # Points with the same fact share one BorderFact, so that its sentence is said once
    # (fact_sentences). The points are grouped by numpy first, by everything their fact is
    # made of (and the line's row: lines may share a class and a name), and each group's
    # fact is made from its first point: 100,000 places have a few thousand facts.
    km = _round_km(metres / 1000)
    groups, first = _same_facts(hit, line_of, from_derived, exclave, in_dispute, km,
                                country, area_name)
    hits, lines_of = hit[first].tolist(), line_of[first].tolist()
    exclaves, disputes = exclave[first].tolist(), in_dispute[first].tolist()
    derive = from_derived[first].tolist()
    made: dict[tuple, BorderFact] = {}
    # (lines, line, country) -> (the country across the line, its class, its name)
    across: dict[tuple, tuple[str, str, str]] = {}
    out = np.empty(len(first), dtype=object)
    for g, i in enumerate(first.tolist()):
        if hits[g] < 0:
            key = ("", None, "", "", False, False, True, accuracy_km, "", "", "")
        elif lines_of[g] < 0:
            key = (country[i], None, "", "", exclaves[g], disputes[g], False, accuracy_km, "",
                   "", area_name[i])
        else:
            of = (country[i] if derive[g] else False, lines_of[g], country[i])
            line = across.get(of)
            if line is None:
                if derive[g] and country[i] not in said:
                    said[country[i]] = _said(derived[country[i]])
                pair, kind, name = said[of[0]][lines_of[g]]
                other = next((p for p in pair if p != country[i]), "")
                line = across[of] = (other, kind, name)
            other, kind, name = line
            key = (country[i], km[i], other, kind, exclaves[g], disputes[g], False,
                   accuracy_km, name, point_of_view, area_name[i])
        fact = made.get(key)
        if fact is None:
            fact = made[key] = BorderFact(*key)
        out[g] = fact
    return out[groups].tolist()


def _round_km(km) -> list[float]:
    """``[round(k, 1) for k in km.tolist()]``: numpy's tenths (k·10 rounded, over 10: the
    float nearest the same decimal, where k·10 is no tie) and Python's where k·10 is near
    a tie, which numpy may round the other way (Python rounds the decimal exactly)."""
    import numpy as np

    tenths = km * 10
    out = np.round(tenths) / 10
    with np.errstate(invalid="ignore"):
        near_tie = ~(np.abs(tenths - np.floor(tenths) - 0.5) > 1e-6)  # (NaN, inf too)
    # (and past 2**20 tenths, 100,000 km, which no distance on the Earth is: below it
    # k·10's own error is under 2**-32, far inside the 1e-6 taken for a tie)
    near_tie |= np.abs(tenths) > 2.0 ** 20
    values = out.tolist()
    for i in np.flatnonzero(near_tie).tolist():
        values[i] = round(float(km[i]), 1)
    return values


def _same_facts(hit, line_of, derived, exclave, disputed, km: list, country: list,
                area_name: list):
    """The points grouped by what their fact is made of: each point's group, and each
    group's first point (groups in the order of their first points)."""
    import numpy as np
    import pandas as pd

    def codes(values: list):  # (pandas hashes the strings: quicker than a dict asked)
        return pd.factorize(np.array(values, dtype=object))[0]

    # a NaN distance (no line) is one group: what it says is read from the first point
    kms = np.array(km, dtype=float)
    km_bits = np.where(np.isnan(kms), -1, kms.view(np.int64)) if len(kms) else \
        np.zeros(0, dtype=np.int64)
    keys = [hit, line_of, derived, exclave, disputed, km_bits, codes(country),
            codes(area_name)]
    order = np.lexsort(keys)  # (stable: a group's first point first)
    new = np.ones(len(order), dtype=bool)
    for k in keys:
        new[1:] &= k[order][1:] == k[order][:-1]
    new = ~new
    new[:1] = True
    group = np.cumsum(new) - 1  # each point's group, in sorted order
    first = order[new]
    by_first = np.argsort(first)  # the groups in the order of their first points
    rank = np.empty(len(first), dtype=np.int64)
    rank[by_first] = np.arange(len(first))
    groups = np.empty(len(order), dtype=np.int64)
    groups[order] = rank[group]
    return groups, first[by_first]


def _said(lines) -> list[tuple[list[str], str, str]]:
    """Each line's (countries, class, name)."""
    if not len(lines):
        return []
    names = list(lines["name"]) if "name" in lines.columns else [""] * len(lines)
    return [(str(c).split("-"), k, n if isinstance(n, str) else "")
            for c, k, n in zip(lines["countries"], lines["kind"], names)]


def _contains_xy(geom, xs, ys):
    import shapely

    shapely.prepare(geom)
    return shapely.contains_xy(geom, xs, ys)


def _containing(shapes, lats, lons, pts, *, near_deg: float | None = None):
    """For each point, the first of ``shapes`` that contains it (its index), else -1; with
    ``near_deg``, a point in none takes the first shape closer than that (a place on the
    line itself, at the 1:10m accuracy)."""
    import numpy as np
    import shapely

    out = np.full(len(lats), -1)
    if not len(shapes) or not len(lats):
        return out
    tree = shapely.STRtree(shapes)
    at, row = tree.query(pts)  # (boxes)
    inside = np.zeros(len(at), dtype=bool)
    for r in np.unique(row):
        sel = row == r
        inside[sel] = _contains_xy(shapes[r], lons[at[sel]], lats[at[sel]])
    at, row = at[inside], row[inside]
    first = np.full(len(lats), len(shapes))
    np.minimum.at(first, at, row)
    out[first < len(shapes)] = first[first < len(shapes)]
    if near_deg is not None and (out < 0).any():
        miss = np.flatnonzero(out < 0)
        at, row = tree.query(shapely.box(lons[miss] - near_deg, lats[miss] - near_deg,
                                         lons[miss] + near_deg, lats[miss] + near_deg))
        close = np.zeros(len(at), dtype=bool)
        for r in np.unique(row):
            sel = np.flatnonzero(row == r)
            shapely.prepare(shapes[r])
            close[sel] = shapely.dwithin(shapes[r], pts[miss[at[sel]]], near_deg)
        at, row = at[close], row[close]  # (closer than near_deg, not as close)
        close = shapely.distance(shapes[row], pts[miss[at]]) < near_deg
        first = np.full(len(miss), len(shapes))
        np.minimum.at(first, at[close], row[close])
        found = first < len(shapes)
        out[miss[found]] = first[found]
    return out


def _disputes(disputed, lats, lons, pts, point_of_view: str):
    """For each point: the name of the disputed area it lies in ("" if none or unnamed),
    whether it lies in one, and the country the view gives that area to ("" if none)."""
    import numpy as np
    import shapely

    from .layers import area_holders

    n = len(lats)
    names, inside, holders = [""] * n, np.zeros(n, dtype=bool), [""] * n
    if disputed is None or not len(disputed):
        return names, inside, holders
    shapes = np.asarray(disputed.geometry.values, dtype=object)
    tree = shapely.STRtree(shapes)
    at, row = tree.query(pts)
    keep = np.zeros(len(at), dtype=bool)
    for r in np.unique(row):
        sel = row == r
        keep[sel] = _contains_xy(shapes[r], lons[at[sel]], lats[at[sel]])
    at, row = at[keep], row[keep]
    order = np.lexsort((row, at))  # each point's areas in the frame's order
    area_names = list(disputed["name"]) if "name" in disputed.columns else None
    views = list(disputed["views"]) if point_of_view and "views" in disputed.columns else None
    for i, r in zip(at[order].tolist(), row[order].tolist()):
        inside[i] = True
        if area_names is not None and not names[i] and isinstance(area_names[r], str):
            names[i] = area_names[r]
        if views is not None and not holders[i]:
            held = area_holders(views[r]).get(point_of_view, "")
            holders[i] = held if len(held) == 2 else ""
    return names, inside, holders


def _windows(lats, lons):
    import shapely

    dx, dy = WINDOW
    return shapely.box(lons - dx, lats - dy, lons + dx, lats + dy)


def lines_near(geoms, lats, lons):
    """Whether any of ``geoms`` crosses each point's window."""
    import numpy as np
    import shapely

    out = np.zeros(len(lats), dtype=bool)
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms) or not len(lats):
        return out
    # A window that holds a vertex of a line (on its edge too) is crossed by it: a few of
    # the vertices, spread along the lines, are looked for first, by comparing numbers;
    # only the windows that hold none of them are tested against the lines themselves.
    probes = shapely.get_coordinates(geoms)
    probes = probes[::max(1, len(probes) // PROBES)]
    dx, dy = WINDOW
    for k in range(0, len(lats), 4096):
        la, lo = lats[k:k + 4096, None], lons[k:k + 4096, None]
        out[k:k + 4096] = ((probes[:, 0] >= lo - dx) & (probes[:, 0] <= lo + dx)
                           & (probes[:, 1] >= la - dy) & (probes[:, 1] <= la + dy)).any(axis=1)
    rest = np.flatnonzero(~out)
    if len(rest):  # of those, only the windows that meet the box of a line's part can
        boxes = shapely.bounds(shapely.get_parts(geoms))  # cross it (numbers first again)
        meet = np.zeros(len(rest), dtype=bool)
        for k in range(0, len(rest), 4096):
            la, lo = lats[rest[k:k + 4096], None], lons[rest[k:k + 4096], None]
            meet[k:k + 4096] = ((boxes[:, 0] <= lo + dx) & (boxes[:, 2] >= lo - dx)
                                & (boxes[:, 1] <= la + dy) & (boxes[:, 3] >= la - dy)).any(axis=1)
        rest = rest[meet]
    if len(rest):
        at, _ = shapely.STRtree(geoms).query(_windows(lats[rest], lons[rest]),
                                             predicate="intersects")
        out[rest[at]] = True
    return out


PROBES = 64  # (about) the vertices lines_near looks for in a window before the lines


def _segments(geoms):
    """Every segment of the lines: (x0, y0, x1, y1) as an (n, 4) array and the line of each.
    A lone point (a part of one coordinate) is a segment of no length; a polygon given as a
    line is its rings."""
    import numpy as np
    import shapely

    parts, line = np.asarray(geoms, dtype=object), np.arange(len(geoms))
    while True:  # down to lines and points (collections of collections, polygons' rings)
        kind = shapely.get_type_id(parts)
        rings = kind == 3
        if rings.any():
            parts = parts.copy()
            parts[rings] = shapely.boundary(parts[rings])
            continue
        multi = kind >= 4
        if not multi.any():
            break
        sub, at = shapely.get_parts(parts[multi], return_index=True)
        parts = np.concatenate([parts[~multi], sub])
        line = np.concatenate([line[~multi], line[multi][at]])
    return _segments_of(parts, line)


def _segments_of(parts, line):
    import numpy as np
    import shapely

    xy, part = shapely.get_coordinates(parts, return_index=True)
    if not len(xy):
        return np.zeros((0, 4)), np.zeros(0, dtype=int)
    same = part[1:] == part[:-1]
    segs = np.concatenate([xy[:-1][same], xy[1:][same]], axis=1)
    counts = np.bincount(part, minlength=len(parts))
    lone = np.flatnonzero(counts == 1)  # (a point)
    if len(lone):
        first = np.searchsorted(part, lone)
        segs = np.concatenate([segs, np.concatenate([xy[first], xy[first]], axis=1)])
        of = np.concatenate([part[1:][same], lone])
    else:
        of = part[1:][same]
    return segs, line[of]


def _nearest(geoms, lats, lons, pts):
    """For each point, the nearest of the lines ``geoms`` within its window (WINDOW: each
    line cut to it) as its local azimuthal equidistant projection measures it: (the line's
    index, -1 if none; the distance in metres). The first line wins a tie.

    Only the segments that can be nearest are projected. The chord of the unit sphere to
    a segment near the point (_near_cell) bounds the distance; the segments within reach of
    a little more (_reach) are measured as chords; those within a hair of the nearest
    chord (2 % and 0.5 km: room for the ellipsoid and the curve of a segment in the
    projection) are projected."""
    import numpy as np
    import pyproj
    import shapely

    segs, seg_line = _segments(geoms)
    n = len(lats)
    best_line, best_m = np.full(n, -1), np.full(n, np.nan)
    if not len(segs) or not n:
        return best_line, best_m
    dx, dy = WINDOW
    # (nodes of 4 rather than 10: the nearest of a few thousand segments is found in half
    # the time; the pairs found are the same, in another order, which nothing below reads)
    tree = shapely.STRtree(shapely.linestrings(segs.reshape(-1, 2, 2)), node_capacity=4)
    # a segment near each point, found once for its cell; near the poles, the segments
    # nearest in degrees to the point itself, and the box they make (see POLAR)
    near_at, near_seg = _near_cell(tree, lats, lons)
    rx, ry = np.full(n, dx), np.full(n, dy)
    polar = np.flatnonzero(np.abs(lats) >= POLAR)
    if len(polar):
        (at, seg), deg = tree.query_nearest(pts[polar], return_distance=True)
        near_at, near_seg = np.r_[near_at, polar[at]], np.r_[near_seg, seg]
        d0 = np.full(len(polar), np.inf)
        np.minimum.at(d0, at, deg)
        y = d0 * 1.05 + 0.02
        x = y / np.cos(np.radians(np.minimum(np.abs(lats[polar]) + y, 89.0)))
        wide = (y >= 2.5) | (x >= 3.5)  # (the window itself: the nearest may lie beyond it)
        rx[polar], ry[polar] = np.where(wide, dx, x), np.where(wide, dy, y)
    # Each segment cut to its point's window (_clip). Most lie wholly inside it: their
    # ends are the segment's own (t 0 and 1: a + 0·d, a + 1·d), made once per segment with
    # their unit vectors; only the others are clipped, one by one.
    start, end = segs[:, :2], segs[:, :2] + (segs[:, 2:] - segs[:, :2])
    lo, hi = np.minimum(segs[:, :2], segs[:, 2:]), np.maximum(segs[:, :2], segs[:, 2:])

    def whole(at, seg):  # the segment lies wholly inside the point's window
        return ((lo[seg, 0] >= lons[at] - dx) & (lo[seg, 1] >= lats[at] - dy)
                & (hi[seg, 0] <= lons[at] + dx) & (hi[seg, 1] <= lats[at] + dy))

    # the points' and segments' unit vectors as x, y, z rows ((3, n)), each segment's
    # start and its way to its end: its chords are figured row by row (_chords)
    u_point = _unit(lats, lons).T.copy()
    u_start = _unit(start[:, 1], start[:, 0])
    u_way = (_unit(end[:, 1], end[:, 0]) - u_start).T.copy()
    u_start = u_start.T.copy()
    u_length = _chord_lengths(u_way)
    # That segment, when wholly inside the window, is measured below as this chord: the
    # least chord is no longer, and the pairs kept lie within the reach of a little more
    # (_reach): only the segments whose boxes meet that reach (and the window) are
    # candidates. Any segment bounds the least; one near the point bounds it closely.
    sure = whole(near_at, near_seg)
    i, s = near_at[sure], near_seg[sure]
    bound = np.full(n, np.inf)
    np.minimum.at(bound, i, _chords(u_point[:, i], u_start[:, s], u_way[:, s], u_length[s]))
    longest = np.hypot(segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1]).max()
    across, south, north = _reach(lats, bound * 1.02 + 0.5, longest)
    rx = np.minimum(rx, across)
    # the segments whose boxes meet the point's box: a few more than those that cross it
    # (a thousandth), found in a third of the time; those more lie beyond the reach (or
    # near a pole the box), so further than any pair kept
    at, seg = tree.query(shapely.box(lons - rx, lats - np.minimum(ry, south), lons + rx,
                                     lats + np.minimum(ry, north)))
    # chords of the unit sphere, in kilometres: within a few parts in a thousand of the
    # projection's figure at these distances; the nearest and any close to it go on
    chord = _chords(u_point[:, at], u_start[:, seg], u_way[:, seg], u_length[seg])
    cut = np.flatnonzero(~whole(at, seg))
    ok = np.ones(len(at), dtype=bool)
    a_cut = b_cut = np.zeros((0, 2))
    if len(cut):
        a, b, c = segs[seg[cut], :2], segs[seg[cut], 2:], at[cut]
        t0, t1, ok[cut] = _clip(a, b, lons[c] - dx, lats[c] - dy, lons[c] + dx, lats[c] + dy)
        d = b - a
        a_cut, b_cut = a + t0[:, None] * d, a + t1[:, None] * d
        chord[cut] = _chord_km(u_point[:, c].T, _unit(a_cut[:, 1], a_cut[:, 0]),
                               _unit(b_cut[:, 1], b_cut[:, 0]))
    chord[~ok] = np.inf  # (a segment that does not reach into the window)
    least = np.full(n, np.inf)
    np.minimum.at(least, at, chord)
    keep = ok & (chord <= least[at] * 1.02 + 0.5)
    a, b = start[seg[keep]], end[seg[keep]]  # (only the kept pairs' ends)
    if len(cut):
        kept = keep[cut]
        row = (np.cumsum(keep) - 1)[cut[kept]]  # (a kept cut pair's row among the kept)
        a[row], b[row] = a_cut[kept], b_cut[kept]
    at, seg = at[keep], seg[keep]
    # the projection is centred where geo.local_crs centres it (5 decimals)
    clat = np.round(lats, 5)[at]
    clon = np.round(lons, 5)[at]
    geod = pyproj.Geod(ellps="WGS84")
    xa, ya = _aeqd(geod, clat, clon, a)
    # a segment's end is mostly the start of the next, kept for the same point: that end
    # is projected once (the same numbers in, the same out)
    xb, yb = np.empty_like(xa), np.empty_like(ya)
    same = _next_start(at, seg, a, b, len(segs))
    own = same < 0
    xb[~own], yb[~own] = xa[same[~own]], ya[same[~own]]
    xb[own], yb[own] = _aeqd(geod, clat[own], clon[own], b[own])
    metres = _to_segment(np.zeros_like(xa), np.zeros_like(ya), xa, ya, xb, yb)
    line = seg_line[seg]
    # each point's least metres (NaN only where every pair's is NaN) and, of its pairs at
    # that, the first line: what a sort by point, metres and line puts first, unsorted
    least = np.full(n, np.nan)
    np.fmin.at(least, at, metres)
    tie = (metres == least[at]) | np.isnan(least[at])
    first_line = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first_line, at[tie], line[tie])
    found = np.zeros(n, dtype=bool)
    found[at] = True
    best_line[found], best_m[found] = first_line[found], least[found]
    return best_line, best_m


CELL = 0.1  # (degrees) the points of a cell share the segment nearest to its centre
# Nearer the poles than this, _nearest keeps the box it had before the cells: a box of
# degrees around the segment nearest in degrees, which near a pole (a degree of longitude
# a few hundred metres) can leave out a line nearer across the pole. No international
# border lies there; the figures stay what they were.
POLAR = 80.0


def _near_cell(tree, lats, lons):
    """For each point below POLAR, the segment of ``tree`` nearest (in degrees) to the
    centre of its CELL° cell, as (points, segments): a segment within the cell's
    half-diagonal of the nearest to the point, which bounds its distance (_nearest), asked
    once per cell rather than once per point (100,000 places 3 km apart on average are
    3,200 cells; places far apart are as many cells as places). NaN points have none."""
    import numpy as np
    import shapely

    ok = np.flatnonzero(np.isfinite(lats) & np.isfinite(lons) & (np.abs(lats) < POLAR))
    if not len(ok):
        return ok, ok
    x, y = np.floor(lons[ok] / CELL), np.floor(lats[ok] / CELL)
    order = np.lexsort((x, y))  # (each cell once: np.unique by rows is ten times slower)
    x, y = x[order], y[order]
    new = np.r_[True, (x[1:] != x[:-1]) | (y[1:] != y[:-1])]
    cell_of = np.empty(len(ok), dtype=np.int64)
    cell_of[order] = np.cumsum(new) - 1
    at, seg = tree.query_nearest(shapely.points((x[new] + 0.5) * CELL, (y[new] + 0.5) * CELL))
    nearest = np.full(int(new.sum()), -1)
    nearest[at] = seg  # (of equally near segments, any one bounds the distance)
    nearest = nearest[cell_of]
    return ok[nearest >= 0], nearest[nearest >= 0]


def _reach(lats, km, longest: float):
    """For each point, how far from it a segment can lie (degrees east or west, south,
    north; inf where nothing bounds it) and still come within ``km`` of it as a chord of
    the unit sphere (_chord_km), no segment (nor a part of one) being longer than
    ``longest`` degrees in lon/lat.

    East or west: a chord whose ends both lie more than x° east of the point lies beyond
    the plane of the meridian x° east, at least cos(lat)·sin(x) from the point. North or
    south: a chord of ends L apart (radians, at most its length in degrees) lies within
    1 - cos(L/2) <= L²/8 of its great-circle arc, whose height z lies within L²/8 of its
    ends' (the arc's curvature); the arc's points then lie so far south (north) that they
    are further than the chord's kilometres and L²/8 more. (A hair more, for rounding.)"""
    import numpy as np

    with np.errstate(invalid="ignore", divide="ignore"):
        r = km / EARTH_KM * (1 + 1e-9)
        phi = np.radians(lats)
        x = np.degrees(np.arcsin(r / np.cos(phi)))
        sag = np.radians(longest) ** 2 / 8
        arc = 2 * np.arcsin((r + sag) / 2)
        north = np.degrees(np.arcsin(np.sin(phi + arc) + sag)) - lats
        south = lats - np.degrees(np.arcsin(np.sin(phi - arc) - sag))
    north[~(phi + arc <= np.pi / 2)] = np.inf  # (past the pole: no bound)
    south[~(phi - arc >= -np.pi / 2)] = np.inf
    x, south, north = (np.where(np.isnan(v), np.inf, v) for v in (x, south, north))
    return x + 1e-9, south + 1e-9, north + 1e-9


def _next_start(at, seg, a, b, segments: int):
    """For each (point ``at``, segment ``seg``) pair: the pair of the same point and the
    next segment whose start ``a`` is this one's end ``b`` to the bit, else -1."""
    import numpy as np

    key = at.astype(np.int64) * segments + seg
    order = np.argsort(key, kind="stable")
    pos = np.minimum(np.searchsorted(key[order], key + 1), max(len(key) - 1, 0))
    out = np.full(len(key), -1)
    if not len(key):
        return out
    nxt = order[pos]
    # (the same point: a point's last segment is followed in ``key`` by the next point's
    # first, whose start is the same vertex when the lines are one ring or one lone point)
    same = ((key[nxt] == key + 1) & (at[nxt] == at)
            & (b.view(np.uint64) == a[nxt].view(np.uint64)).all(axis=1))
    out[same] = nxt[same]
    return out


EARTH_KM = 6371.0088


def _unit(lats, lons):
    """Points on the unit sphere, as an (n, 3) array."""
    import numpy as np

    p, q = np.radians(lats), np.radians(lons)
    return np.stack([np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p)], axis=1)


def _chord_km(p, a, b):
    """The distance from each point p to the chord a→b (unit vectors), in kilometres."""
    return _chords(p.T, a.T, (b - a).T)


def _chords(p, a, way, length=None):
    """_chord_km of the points p to the chords from a along ``way`` (a chord's b - a),
    each given as its x, y, z rows ((3, n) arrays), with the ways' squared lengths if
    known (_chord_lengths). Row by row, a few times faster than by rows of three: the same
    sums in the same order, so the same kilometres to the bit."""
    import numpy as np

    if length is None:
        length = _chord_lengths(way)
    pa = p - a
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length > 0, (pa[0] * way[0] + pa[1] * way[1] + pa[2] * way[2]) / length,
                     0.0)
    t = np.clip(t, 0.0, 1.0)
    off = pa - t * way
    off *= off
    return np.sqrt(off[0] + off[1] + off[2]) * EARTH_KM


def _chord_lengths(way):
    """The squared length of each chord's way (x, y, z rows)."""
    return way[0] * way[0] + way[1] * way[1] + way[2] * way[2]


def _to_segment(px, py, xa, ya, xb, yb):
    """The distance from each (px, py) to the segment (xa, ya)→(xb, yb), in the plane."""
    import numpy as np

    ex, ey = xb - xa, yb - ya
    length = ex * ex + ey * ey
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length > 0, ((px - xa) * ex + (py - ya) * ey) / length, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.hypot(xa + t * ex - px, ya + t * ey - py)


def _aeqd(geod, clat, clon, xy):
    """(x, y) of lon/lat points in the azimuthal equidistant projection centred on each
    (clat, clon): the geodesic distance along the azimuth, as PROJ's aeqd computes it."""
    import numpy as np

    az, _, dist = geod.inv(clon, clat, xy[:, 0], xy[:, 1])
    az = np.radians(az)
    return dist * np.sin(az), dist * np.cos(az)


def _clip(a, b, x0, y0, x1, y1):
    """Liang–Barsky: the part of each segment a→b inside its box, as (t0, t1, kept)."""
    import numpy as np

    d = b - a
    t0, t1 = np.zeros(len(a)), np.ones(len(a))
    ok = np.ones(len(a), dtype=bool)
    for p, q in ((-d[:, 0], a[:, 0] - x0), (d[:, 0], x1 - a[:, 0]),
                 (-d[:, 1], a[:, 1] - y0), (d[:, 1], y1 - a[:, 1])):
        with np.errstate(divide="ignore", invalid="ignore"):
            r = q / p
        ok &= ~((p == 0) & (q < 0))
        t0 = np.where(p < 0, np.maximum(t0, r), t0)
        t1 = np.where(p > 0, np.minimum(t1, r), t1)
    ok &= t0 <= t1
    return t0, t1, ok


AREA_PRECISIONS = ("country", "province", "district", "zone")


def with_border_facts(frame, countries, lines, disputed=None, *, given: bool = False,
                      country_names: dict[str, str] | None = None, point_of_view: str = "",
                      facts_out: dict | None = None):
    """The joined claims with the border facts of their locations, as columns: in_country,
    border_km, border_with, border_kind, exclave, disputed, outside, and ``border``, the
    sentence the popup shows. ``given``: the lines are the user's (finer accuracy).
    ``facts_out``: filled with the BorderFact of each (lat, lon) measured."""
    import numpy as np

    # many claims share a place: measure each place once
    distinct, place_of = distinct_places(frame["lat"].tolist(), frame["lon"].tolist(),
                                         index=True)
    # (border_facts without its own pass to make them distinct)
    measured = _facts(distinct, countries, lines, disputed, 0.5 if given else NE_ACCURACY_KM,
                      point_of_view)
    if facts_out is not None:
        facts_out.update(zip(distinct, measured))
    facts, at = distinct_facts(measured, place_of)
    sentences, kms = fact_sentences(frame, facts, at, country_names or {})

    def column(field: str) -> list:  # (each fact's value read once, taken for its claims)
        return np.array([getattr(f, field) for f in facts], dtype=object)[at].tolist()

    return frame.assign(
        in_country=column("country"), border_km=kms, border_with=column("border_with"),
        border_kind=column("border_kind"), exclave=column("exclave"),
        disputed=column("disputed"), outside=column("outside"), border=sentences)


def distinct_places(lats: list[float], lons: list[float], *, index: bool = False):
    """``sorted(set(zip(lats, lons)))``, sorted by numpy: each (lat, lon) once, in order, as
    its first claim gives it (-0.0 or 0.0); with ``index``, also each claim's place among
    them (a numpy array)."""
    import numpy as np

    la, lo = np.array(lats, dtype=float), np.array(lons, dtype=float)
    if np.isnan(la).any() or np.isnan(lo).any():  # (NaN is no number to sort by)
        places = sorted(set(zip(lats, lons)))
        if not index:
            return places
        where = {p: i for i, p in enumerate(places)}  # (a NaN is its own float: found)
        return places, np.array([where[p] for p in zip(lats, lons)], dtype=int)
    order = np.lexsort((lo, la))  # (stable: the first of equal points first)
    la, lo = la[order], lo[order]
    first = np.r_[True, (la[1:] != la[:-1]) | (lo[1:] != lo[:-1])] if len(la) else \
        np.zeros(0, dtype=bool)
    places = list(zip(la[first].tolist(), lo[first].tolist()))
    if not index:
        return places
    place_of = np.empty(len(order), dtype=int)
    place_of[order] = np.cumsum(first) - 1
    return places, place_of


def distinct_facts(facts: list[BorderFact], place_of=None):
    """The distinct BorderFact objects among ``facts`` (places share them), and for each
    place (or each claim, ``place_of`` giving its place) its fact's index among them."""
    import numpy as np

    # (by numpy: the objects' ids sorted once, rather than a dict asked 100,000 times)
    ids = np.fromiter(map(id, facts), dtype=np.uint64, count=len(facts))
    _, first, of = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first)  # the distinct facts in the order met
    rank = np.empty(len(first), dtype=int)
    rank[order] = np.arange(len(first))
    at = rank[of.reshape(-1)]
    distinct = [facts[i] for i in first[order].tolist()]
    return distinct, (at if place_of is None else at[place_of])


def fact_sentences(frame, facts: list[BorderFact], at, names: dict[str, str]
                   ) -> tuple[list[str], list[float | None]]:
    """Each claim's border sentence and distance, from the fact of its location
    (``facts[at[i]]`` for claim i): a claim located only to an area gets no distance (from
    an area's centre it would mean nothing). Each fact is said once, and its words taken
    for its claims by numpy."""
    import numpy as np

    sentences = np.array([f.sentence(names) for f in facts], dtype=object)[at]
    kms = np.array([f.border_km for f in facts], dtype=object)[at]
    area = np.flatnonzero(frame["precision"].isin(AREA_PRECISIONS).to_numpy(dtype=bool))
    if len(area):
        of = [facts[i] for i in at[area].tolist()]
        for i, f, precision, place in zip(area.tolist(), of,
                                          frame["precision"].iloc[area].tolist(),
                                          frame["place_name"].iloc[area].tolist()):
            where = names.get(f.country, f.country)
            sentences[i] = (f"{precision}-level: {place}, in {where}; no distance from a "
                            "border can be given for an area" if f.country else
                            f"{precision}-level: {place}")
        kms[area] = None
    return sentences.tolist(), kms.tolist()

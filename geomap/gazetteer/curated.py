"""The curated gazetteer: the project's own data under gazetteer/ (see gazetteer/README.md).

places.csv holds the South Caucasus places and hotspots/<border>.places.csv those of each
border hotspot; a row takes its coordinates from GeoNames (geonameid), from the centre of a
GeoNames admin1 area (geonames_admin1), or typed from a named source (lat, lon). names.csv
and hotspots/<border>.names.csv hold every name of each place, its language and who uses it.
countries.csv is derived from Natural Earth by scripts/derive_boundaries.py.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import GazetteerError
from ..records import KINDS, Name, Place
from .world import spread_km

PLACE_COLUMNS = ["id", "name", "kind", "country", "admin1", "lat", "lon", "geonameid",
                 "geonames_admin1", "radius_km", "source", "note"]
NAME_COLUMNS = ["place_id", "name", "lang", "used_by", "note"]
COUNTRY_COLUMNS = ["iso2", "iso3", "name", "lat", "lon", "radius_km", "names"]


def data_dir() -> Path:
    """The gazetteer/ folder: inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_gazetteer"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "gazetteer"
    if checkout.is_dir():
        return checkout
    raise GazetteerError("the curated gazetteer data (gazetteer/) is missing from this install")


def _rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict]]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != columns:
                raise GazetteerError(f"{path}:1: expected columns {','.join(columns)}")
            for row in reader:
                yield reader.line_num, row
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise GazetteerError(f"{path}: cannot read the gazetteer: {err}") from err


def area_points(conn: sqlite3.Connection, codes: str) -> list[tuple[float, float, int]]:
    """(lat, lon, population) of the GeoNames settlements in space-separated areas, each
    an admin-1 code ``CC.NN`` or a whole country ``CC``."""
    points = []
    for code in codes.split():
        cc, _, admin1 = code.partition(".")
        if admin1:
            rows = conn.execute("SELECT lat, lon, population FROM places WHERE country = ? AND "
                                "admin1 = ? AND kind = 'settlement' ORDER BY gid", (cc, admin1))
        else:
            rows = conn.execute("SELECT lat, lon, population FROM places WHERE country = ? "
                                "AND kind = 'settlement' ORDER BY gid", (cc,))
        points.extend(rows.fetchall())
    return points


def area_summary(conn: sqlite3.Connection, codes: str) -> tuple[float, float, int, int] | None:
    """(mean lat, mean lon, population, settlements) of the areas ``area_points`` reads,
    from the index's figures per country and province (no scan of their settlements);
    None when they hold no settlement."""
    lat = lon = 0.0
    population = count = 0
    for code in codes.split():
        cc, _, admin1 = code.partition(".")
        row = conn.execute(
            "SELECT lat * settlements, lon * settlements, settlements, population FROM admin1 "
            "WHERE country = ? AND code = ?", (cc, admin1)).fetchone() if admin1 else \
            conn.execute("SELECT lat_sum, lon_sum, settlements, population FROM "
                         "country_totals WHERE country = ?", (cc,)).fetchone()
        if row:
            lat, lon, count, population = (lat + row[0], lon + row[1], count + row[2],
                                           population + row[3])
    if not count:
        return None
    return round(lat / count, 5), round(lon / count, 5), int(population), int(count)


DEMONYM = "demonym"  # the used_by of a Name that is an adjective ("Russian"), not a name


def country_aliases(folder: Path) -> dict[str, list[Name]]:
    """Names of countries that Natural Earth lacks ("U.S.", "Britain"): names.csv rows
    whose place_id is ``country:XX``; and each country's demonyms (demonyms.csv, derived,
    and the demonyms of sides.csv), as names used by ``demonym``."""
    out: dict[str, list[Name]] = {}
    for _line, row in _rows(folder / "names.csv", NAME_COLUMNS):
        if row["place_id"].startswith("country:"):
            out.setdefault(row["place_id"][8:], []).append(
                Name(row["name"], row["lang"], row["used_by"]))
    for _line, row in _rows(folder / "demonyms.csv", ["term", "country"]):
        out.setdefault(row["country"], []).append(Name(row["term"], "en", DEMONYM))
    for _line, row in _rows(folder / "sides.csv", ["term", "side", "kind", "note"]):
        if row["kind"] == "demonym" and len(row["side"]) == 2:
            out.setdefault(row["side"], []).append(Name(row["term"], "en", DEMONYM))
    return out


# "area": an institution or group named for the area of its members (EU: Europe); never a
# place name in text (the finder reads it as a side), but a place in a claims file or a lookup.
ALIAS_KINDS = ("adjective", "abbreviation", "area")


def aliases(folder: Path) -> list[tuple[str, str, str]]:
    """(term, place id, kind) from aliases.csv: adjectives of places beyond countries
    ("European": Europe) and abbreviations ("Calif.", "B.C.") of regions and countries."""
    out = []
    path = folder / "aliases.csv"
    for line, row in _rows(path, ["term", "place_id", "kind", "source"]):
        if row["kind"] not in ALIAS_KINDS or not row["source"].strip() or not row["term"]:
            raise GazetteerError(f"{path}:{line}: an alias needs a term, a kind "
                                 f"({', '.join(ALIAS_KINDS)}) and a source")
        out.append((row["term"], row["place_id"], row["kind"]))
    return out


def load_countries(folder: Path, aliases: dict[str, list[Name]] | None = None) -> list[Place]:
    places = []
    for line, row in _rows(folder / "countries.csv", COUNTRY_COLUMNS):
        try:
            # A one-word alias of three letters or fewer that is not a code is, in English
            # text, a word ("Man" for the Isle of Man), not the country.
            names = tuple(Name(text) for text in row["names"].split("|")
                          if text and not (len(text) <= 3 and " " not in text
                                           and not text.isupper()))
            places.append(Place(
                id=f"country:{row['iso2']}", name=row["name"], kind="country",
                country=row["iso2"], lat=float(row["lat"]), lon=float(row["lon"]),
                # (not the ISO alpha-3 code: "AND", "CAN", "PER" are words in text; the codes
                # reports write, USA and UAE, are names in names.csv)
                names=(Name(row["name"], "en", "international"), *names,
                       *(aliases or {}).get(row["iso2"], [])),
                source="Natural Earth 1:10m admin-0 (public domain)",
                radius_km=float(row["radius_km"])))
        except (KeyError, ValueError) as err:
            raise GazetteerError(f"{folder / 'countries.csv'}:{line}: {err}") from err
    # Natural Earth gives some territories their state's code (the Coral Sea Islands: AU,
    # the Brazilian Island: BR): the country of a code is the largest of its features.
    largest: dict[str, Place] = {}
    for p in places:
        if p.country not in largest or p.radius_km > largest[p.country].radius_km:
            largest[p.country] = p
    return [p for p in places if largest[p.country] is p]


def place_files(folder: Path) -> list[Path]:
    """The curated places files: places.csv, then each border hotspot's."""
    return [folder / "places.csv", *sorted((folder / "hotspots").glob("*.places.csv"))]


def name_files(folder: Path) -> list[Path]:
    return [folder / "names.csv", *sorted((folder / "hotspots").glob("*.names.csv"))]


def curated_rows(folder: Path) -> Iterator[tuple[str, dict]]:
    """Every curated place row, with where it is (``file:line``), checked for what a row
    must have: a known kind, a source, an id used once, numbers where numbers go."""
    seen: dict[str, str] = {}
    for path in place_files(folder):
        for line, row in _rows(path, PLACE_COLUMNS):
            where = f"{path}:{line}"
            if row["kind"] not in KINDS:
                raise GazetteerError(f"{where}: unknown kind {row['kind']!r} (the kinds: "
                                     f"{', '.join(KINDS)})")
            if not row["source"].strip():
                raise GazetteerError(f"{where}: {row['id']} has no source")
            if row["id"] in seen:
                raise GazetteerError(f"{where}: id {row['id']} is already used at "
                                     f"{seen[row['id']]}")
            seen[row["id"]] = where
            given = [c for c in ("geonameid", "geonames_admin1", "lat") if row[c].strip()]
            if len(given) > 1:
                # (one source of coordinates: typed ones beside a GeoNames id or admin-1 code,
                # or a code beside an id, were silently passed over, putting a town at its
                # province's centre)
                raise GazetteerError(f"{where}: {row['id']} gives its coordinates twice "
                                     f"({', '.join(given)}): keep one")
            for col, limit in (("lat", 90), ("lon", 180), ("radius_km", 5000)):
                if row[col]:
                    try:
                        value = float(row[col])
                    except ValueError:
                        value = float("nan")
                    if not -limit <= value <= limit or (col == "radius_km" and value <= 0):
                        raise GazetteerError(f"{where}: {col} {row[col]!r} is not a number "
                                             f"in range")
            yield where, row


def load_curated(folder: Path, conn: sqlite3.Connection) -> list[Place]:
    """Load the curated places and their names, taking GeoNames coordinates from the world
    index."""
    names: dict[str, list[Name]] = {}
    for path in name_files(folder):
        for _line, row in _rows(path, NAME_COLUMNS):
            if row["place_id"].startswith("country:"):
                continue  # see country_aliases
            names.setdefault(row["place_id"], []).append(Name(row["name"], row["lang"],
                                                              row["used_by"]))
    places = []
    for where, row in curated_rows(folder):
        population, source = 0, row["source"]
        radius = float(row["radius_km"]) if row["radius_km"] else None
        if row["geonameid"]:
            hit = conn.execute("SELECT lat, lon, population FROM places WHERE gid = ?",
                               (int(row["geonameid"]),)).fetchone()
            if hit is None:
                raise GazetteerError(f"{where}: geonameid {row['geonameid']} not in GeoNames")
            lat, lon, population = hit
        elif " " not in row["geonames_admin1"] and "." in row["geonames_admin1"]:
            cc, _, code = row["geonames_admin1"].partition(".")
            hit = conn.execute("SELECT lat, lon, radius_km, population, settlements FROM admin1 "
                               "WHERE country = ? AND code = ?", (cc, code)).fetchone()
            if hit is None:
                raise GazetteerError(
                    f"{where}: no GeoNames settlements in {row['geonames_admin1']}")
            lat, lon, area_radius, population, count = hit
            radius = radius or area_radius
            source = (f"{source} (centre and population: the {count} GeoNames cities500 "
                      f"settlements coded {row['geonames_admin1']})")
        elif row["geonames_admin1"]:
            # A region made of several areas ("AZ.61 AZ.64") or whole countries ("AM AZ GE").
            # Its centre and people from the index's sums (the world's regions hold 30,000
            # settlements, read at every start); its extent, unless typed, from where they lie.
            summary = area_summary(conn, row["geonames_admin1"])
            if summary is None:
                raise GazetteerError(
                    f"{where}: no GeoNames settlements in {row['geonames_admin1']}")
            lat, lon, population, count = summary
            radius = radius or max(5.0, spread_km(lat, lon, area_points(
                conn, row["geonames_admin1"])))
            source = (f"{source} (centre and population: the {count} GeoNames cities500 "
                      f"settlements in {row['geonames_admin1']})")
        else:
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError as err:
                raise GazetteerError(f"{where}: a place needs geonameid, geonames_admin1 or "
                                     "lat and lon") from err
        own = names.pop(row["id"], [])
        if not any(n.text == row["name"] for n in own):
            own.insert(0, Name(row["name"]))
        places.append(Place(
            id=row["id"], name=row["name"], kind=row["kind"], country=row["country"],
            lat=lat, lon=lon, admin1=row["admin1"], population=population, names=tuple(own),
            source=source, note=row["note"],
            geonameid=int(row["geonameid"]) if row["geonameid"] else None, radius_km=radius,
            area_code=row["geonames_admin1"]))
    if names:
        raise GazetteerError(f"{folder}: names for unknown places: {', '.join(sorted(names))}")
    return places

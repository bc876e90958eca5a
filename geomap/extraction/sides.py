"""Which side a claimant speaks for: demonyms, institutions and organisations
(gazetteer/sides.csv), states' officials (gazetteer/people.csv), and the countries and
capitals the gazetteer knows."""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..gazetteer.curated import data_dir
from ..gazetteer.normalize import name_key


@lru_cache(maxsize=1)
def side_terms() -> dict[str, tuple[str, str]]:
    """name key -> (side, kind) for every term in gazetteer/sides.csv."""
    out = {}
    with open(data_dir() / "sides.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[name_key(row["term"])] = (row["side"], row["kind"])
    return out


@lru_cache(maxsize=1)
def outlet_homes() -> dict[str, str]:
    """name key -> the country of a news outlet of one country (gazetteer/outlets.csv:
    "Bangkok Post" -> TH), whose report with no dateline is written from there."""
    out: dict[str, str] = {}
    with open(data_dir() / "outlets.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[name_key(row["name"])] = row["country"]
    return out


def outlet_home(name: str) -> str:
    """The country of the outlet ``name`` (as a publisher or as the text names it: "the
    Bangkok Post", "ERR News"), else ''."""
    key = name_key(name.strip())
    return outlet_homes().get(key, "")


# An official is read as theirs from a little before their first office to some years after
# their last ("former President ..."): a namesake outside that time is someone else
OFFICE_BEFORE, OFFICE_AFTER = 2, 6


@lru_cache(maxsize=1)
def _officials() -> tuple[tuple[str, str, int, int], ...]:
    """(name key, side, first year, last year) of each official of gazetteer/people.csv."""
    out = []
    with open(data_dir() / "people.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            first, _, last = row["years"].partition("-")
            out.append((name_key(row["term"]), row["side"], int(first),
                        int(last) if last else 9999))
    return tuple(out)


def officials(published: str = "") -> dict[str, str]:
    """name key -> side of the states' officials (gazetteer/people.csv, by full name: "uhuru
    kenyatta" -> KE) in office around the year of ``published`` (YYYY-...), every one where
    it is not given."""
    return _officials_in(int(published[:4]) if published[:4].isdigit() else None)


class NamedOfficials:
    """``officials`` of a report, each its state's only where the report names that state
    (``named``: the states of the countries, capitals and places it names; else its name or
    a demonym, as a word): "Javier García", Uruguay's defence minister, is not the mayor of
    Colchane of that name in a report on Chile and Bolivia. Asked by ``get`` alone, as
    ``side_in`` asks its ``people``."""

    def __init__(self, known: dict[str, str], text: str, named: set[str]) -> None:
        self._known, self._text, self._key = known, text, ""
        self._named = dict.fromkeys(named, True)

    def get(self, key, default=None):
        side = self._known.get(key)
        if side is None:
            return default
        if side not in self._named:  # (in the lower-cased text: a name with an accent
            # is passed over, where its state is named otherwise)
            self._key = self._key or self._text.lower()
            self._named[side] = _names_of(side).search(self._key) is not None
        return side if self._named[side] else default


@lru_cache(maxsize=256)
def _names_of(side: str) -> re.Pattern:
    """A state's names and demonyms (name keys, the words apart by anything but a letter)
    as whole words."""
    words = sorted((k for k, v in _sides_only().items() if v == side and len(k) > 2),
                   key=len, reverse=True) or ["(?!)"]
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\W+") for w in words)
                      + r")\b")


@lru_cache(maxsize=16)
def _officials_in(year: int | None) -> dict[str, str]:
    return {k: side for k, side, first, last in _officials()
            if year is None or first - OFFICE_BEFORE <= year <= last + OFFICE_AFTER}


@lru_cache(maxsize=1)
def _sides_only() -> dict[str, str]:
    """name key -> side: every country's English name and demonym (countries.csv and
    demonyms.csv, derived: "Lebanon", "Lebanese"), then sides.csv over them. A demonym of
    several countries ("Congolese": CD, CG) is the first's here (_shared_by has them all)."""
    out: dict[str, str] = {}
    for name, columns in (("countries.csv", ("name", "iso2")), ("demonyms.csv",
                                                                ("term", "country"))):
        with open(data_dir() / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                out.setdefault(name_key(row[columns[0]]), row[columns[1]])
    return {**out, **{k: v[0] for k, v in side_terms().items()}}


@lru_cache(maxsize=1)
def foreign_country_names() -> frozenset[str]:
    """The keys of countries' names in other languages (countries.csv), less any English
    name or demonym of a side: "turki" (Turkey in Malay), "maurice" (Mauritius in French),
    which are given names too."""
    out: set[str] = set()
    with open(data_dir() / "countries.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.update(name_key(n) for n in row["names"].split("|") if n)
    return frozenset(out - _sides_only().keys())


@lru_cache(maxsize=1)
def _shared_by() -> dict[str, tuple[str, ...]]:
    """name key -> the countries, in demonyms.csv's order, of each demonym that more than
    one country has ("Congolese": CD and CG), where sides.csv does not settle it."""
    by: dict[str, list[str]] = {}
    with open(data_dir() / "demonyms.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by.setdefault(name_key(row["term"]), []).append(row["country"])
    return {k: tuple(v) for k, v in by.items() if len(v) > 1 and k not in side_terms()}


def not_places() -> frozenset[str]:
    """Keys of terms that name a side but never a place (demonyms, institutions); not the
    seats of de facto authorities (kind "seat": "Tskhinvali said" is South Ossetia's, and
    Tskhinvali a place as well), nor a state's regions named with another's demonym (kind
    "region": the Somali Region is Ethiopia's)."""
    return frozenset(k for k, (_, kind) in side_terms().items() if kind not in PLACE_KINDS)


PLACE_KINDS = frozenset(("seat", "region"))  # (sides.csv's kinds of terms that are places too)


_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*")


def side_in(text: str, extra: dict[str, str] | None = None,
            people: dict[str, str] | NamedOfficials | None = None) -> str:
    """The first side a phrase names ("a U.S. State Department spokeswoman" -> US), or ''.

    ``extra`` maps further name keys (people, capitals) to sides; longer phrases first.
    ``people`` maps officials' full names to theirs (``officials``), looked up last.
    """
    terms = _sides_only()
    extra = extra or {}
    words = [m.group() for m in _WORD.finditer(text)]
    for i in range(len(words)):
        if not (words[i][:1].isupper() or "-" in words[i]):
            continue  # (a side's term starts with a capital: "Armenian", "U.S.", "al-Burhan")
        for n in (6, 5, 4, 3, 2, 1):  # ("St. Vincent and the Grenadines Prime Minister")
            if i + n > len(words):
                continue
            phrase = " ".join(words[i:i + n])
            key = name_key(phrase.replace("’s", "").replace("'s", ""))
            found = terms.get(key) or extra.get(key) or (people.get(key) if people else None)
            if not found and people and n == 3:  # (and with a middle name: "Pradeep Kumar
                # Gyawali" is people.csv's "Pradeep Gyawali")
                found = people.get(name_key(f"{words[i]} {words[i + 2]}"))
            if key in _shared_by() and extra:
                # "Congolese" is the side of the two that the report names (its "Congo"
                # was the Democratic Republic's: CD); the first where it names neither
                named = set(extra.values())
                found = next((c for c in _shared_by()[key] if c in named), found)
            if not found and ("'s" in phrase or "’s" in phrase):
                found = terms.get(name_key(phrase))  # (a name with its own "'s": the
                # People's Liberation Army)
            if not found and n == 1 and phrase.endswith("-based"):
                # (a body based in a de facto seat: "the Tskhinvali-based KGB"; not where
                # any capital is: "a London-based monitor" is no Briton, nor "the
                # Brussels-based International Crisis Group" the EU)
                side, kind = side_terms().get(name_key(phrase[:-6]), ("", ""))
                found = side if kind == "seat" and side not in MISSION_SIDES else ""
            if found:
                return found
    return ""


# organisations that send missions and forces of peacekeepers or monitors
MISSION_SIDES = frozenset(("UN", "EU", "NATO", "OSCE", "AU"))


@lru_cache(maxsize=1)
def _missions() -> re.Pattern:
    keys = sorted((k for k, (side, kind) in side_terms().items()
                   if side in MISSION_SIDES and kind == "organisation"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b", re.I)


def missions_in(text: str) -> list[tuple[int, str, str]]:
    """Where the text names an organisation that sends missions, as written, and its side
    ("a UNIFIL post": (2, UNIFIL, UN)), in order."""
    return [(m.start(), m.group(), side_terms()[name_key(m.group())][0])
            for m in _missions().finditer(text)]

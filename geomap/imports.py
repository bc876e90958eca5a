"""Coded event data read as claims: ACLED exports and UCDP GED CSV files.

A file is told apart from a claims CSV by its columns (``coded_format``). Each event becomes
one claim *by its coder*: claimant ``ACLED`` or ``UCDP GED``, side ``PRESS``, stance
``asserts``, so that the coders' events and the parties' claims can be compared on one map.
Every row goes through the claims format's own checks (``read.claim_from_fields``); a row
that cannot be read is an error naming its file and line, never dropped.

Where (the coder's coordinates are the claim's ``lat``/``lon``):

======  ====  ==========  ===================================================================
coder   code  precision   what the code says; why this precision
======  ====  ==========  ===================================================================
ACLED   1     settlement  a named town or village, at that town's coordinates (not the spot)
ACLED   2     district    near a town or in a small part of a region, at a nearby town's
ACLED   3     province    only a larger region, a natural feature or the provincial capital
UCDP    1     point       the exact location is known
UCDP    2     district    within about 25 km of a known point: wider than a town's extent
UCDP    3     district    only the second-order division (ADM2), at its centre
UCDP    4     province    only the first-order division (ADM1), at its centre
UCDP    5     zone        a linear or area feature (border, river, range), or between places
UCDP    6     country     only the country, at its centre
UCDP    7     zone        international waters or airspace
======  ====  ==========  ===================================================================

When (ACLED's ``event_date``; UCDP's ``date_start``, with ``date_end`` checked not to come
before it):

======  ====  ==============  ===============================================================
coder   code  date_precision  the claim's date
======  ====  ==============  ===============================================================
ACLED   1     day             the day
ACLED   2     week            the day ACLED chose within the week
ACLED   3     month           the month (ACLED's day is the month's middle, a placeholder)
UCDP    1     day             the day
UCDP    2     week            the first day (the event spans two to six days)
UCDP    3     week            the first day (only the week is known)
UCDP    4     month           the month
UCDP    5     year            the year
======  ====  ==============  ===============================================================

What (geomap's ``event``). ACLED's sub-event type decides; a sub-event type this table does
not know falls back on its event type, and an unknown event type is an error. "by deaths":
``casualties`` when the row counts a death, else ``other``.

=================================  =====================================  ===========
ACLED event type                   sub-event type                         event
=================================  =====================================  ===========
Battles                            Armed clash                            clash
Battles                            Government regains territory           incursion
Battles                            Non-state actor overtakes territory    incursion
Battles                            (other, or none)                       clash
Explosions/Remote violence         Shelling/artillery/missile attack      shelling
Explosions/Remote violence         Air/drone strike                       shelling
Explosions/Remote violence         Remote explosive/landmine/IED          by deaths
Explosions/Remote violence         Grenade                                by deaths
Explosions/Remote violence         Suicide bomb                           by deaths
Explosions/Remote violence         Chemical weapon                        by deaths
Explosions/Remote violence         (other, or none)                       shelling
Violence against civilians         (any)                                  by deaths
Protests                           Excessive force against protesters     by deaths
Protests                           (other, or none)                       other
Riots                              Mob violence                           clash
Riots                              (other, or none)                       other
Strategic developments             Agreement                              talks
Strategic developments             Headquarters or base established       deployment
Strategic developments             Non-violent transfer of territory      deployment
Strategic developments             (other, or none)                       other
=================================  =====================================  ===========

Taking territory in battle is an ``incursion`` (an advance, whoever held the ground); a
strike from the air is ``shelling`` (fire from afar: geomap has no strike); a transfer of
territory without a fight is a ``deployment`` (``actor1``, who takes the ground, moves in).
The event types of exports before 2019 (``Battle-No change of territory``, ``Remote
violence``, ``Riots/Protests``, ...) are read as their successors.

UCDP's ``type_of_violence``: 1 (state-based) and 2 (non-state) are ``clash`` (GED does not
say how: gunfire, shelling); 3 (one-sided, against civilians) is ``casualties`` when
``best``, ``low`` or ``high`` counts a death, else ``other``.

The rest of a claim: ``id`` ``acled-<event_id_cnty>`` or ``ucdp-<id>``; ``actor`` ACLED's
``actor1`` (with ``assoc_actor_1``) or UCDP's ``side_a``; ``place`` the name the code
locates the event to (ACLED ``location``, or ``admin1`` at code 3; UCDP ``where_coordinates``,
``adm_2`` at code 3, ``adm_1`` at 4, ``country`` at 6), without the wider names, which would
let an unknown village resolve to its whole province; ``text`` ACLED's ``notes``, or a
sentence made from the fields (UCDP's, followed by ``source_headline``); ``source`` ACLED's
``source``, UCDP's ``source_article`` (and ``source_original``); ``publisher`` the coder;
``check`` the codes as given, the other actor, the deaths and the place's wider names, so
that the popup shows what geomap translated. Columns not named here are read and left aside;
header names are matched in any case; a file separated by ``;`` or tabs may write decimal
commas in its coordinates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, shown_path
from .read import (
    MAX_ERRORS,
    InputErrors,
    _coordinate,
    _csv_problem,
    _decimal_commas,
    _shown,
    claim_from_fields,
    is_http_url,
)
from .records import Claim

ACLED_PRECISION = {"1": "settlement", "2": "district", "3": "province"}
UCDP_PRECISION = {"1": "point", "2": "district", "3": "district", "4": "province",
                  "5": "zone", "6": "country", "7": "zone"}
ACLED_DATE_PRECISION = {"1": "day", "2": "week", "3": "month"}
UCDP_DATE_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}

BY_DEATHS = "by deaths"  # casualties when the row counts a death, else other
# (event type, sub-event type) -> event; sub-event type "" is the event type's fallback.
ACLED_EVENTS = {
    ("battles", "armed clash"): "clash",
    ("battles", "government regains territory"): "incursion",
    ("battles", "non-state actor overtakes territory"): "incursion",
    ("battles", ""): "clash",
    ("explosions/remote violence", "shelling/artillery/missile attack"): "shelling",
    ("explosions/remote violence", "air/drone strike"): "shelling",
    ("explosions/remote violence", "remote explosive/landmine/ied"): BY_DEATHS,
    ("explosions/remote violence", "grenade"): BY_DEATHS,
    ("explosions/remote violence", "suicide bomb"): BY_DEATHS,
    ("explosions/remote violence", "chemical weapon"): BY_DEATHS,
    ("explosions/remote violence", ""): "shelling",
    ("violence against civilians", ""): BY_DEATHS,
    ("protests", "excessive force against protesters"): BY_DEATHS,
    ("protests", ""): "other",
    ("riots", "mob violence"): "clash",
    ("riots", ""): "other",
    ("strategic developments", "agreement"): "talks",
    ("strategic developments", "headquarters or base established"): "deployment",
    ("strategic developments", "non-violent transfer of territory"): "deployment",
    ("strategic developments", ""): "other",
}
# The event types of ACLED's exports before 2019, as the types that replaced them.
ACLED_OLD_TYPES = {
    "battle-no change of territory": ("battles", "armed clash"),
    "battle-government regains territory": ("battles", "government regains territory"),
    "battle-non-state actor overtakes territory": ("battles",
                                                   "non-state actor overtakes territory"),
    "remote violence": ("explosions/remote violence", ""),
    "riots/protests": ("protests", ""),
    "strategic development": ("strategic developments", ""),
    "headquarters or base established": ("strategic developments",
                                         "headquarters or base established"),
    "non-violent transfer of territory": ("strategic developments",
                                          "non-violent transfer of territory"),
}
# ACLED's actor types when an export writes them as numbers (inter1, inter2).
ACLED_ACTOR_TYPES = {"0": "no actor", "1": "State forces", "2": "Rebel group",
                     "3": "Political militia", "4": "Identity militia", "5": "Rioters",
                     "6": "Protesters", "7": "Civilians", "8": "External/Other forces"}
# type_of_violence -> (what UCDP calls it, event)
UCDP_VIOLENCE = {"1": ("state-based violence", "clash"), "2": ("non-state violence", "clash"),
                 "3": ("one-sided violence", BY_DEATHS)}

CODER_SIDE = "PRESS"

# An integer code or count as exports write them: "2", or "2.0" from a column a spreadsheet
# or pandas held as floats. ASCII digits only, few enough for int().
_WHOLE = re.compile(r"([0-9]{1,9})(?:\.0{1,9})?")
_EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                      r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?Z?)?")
_WORDY_DAY = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -]([0-9]{4})")
_MONTHS = {m: n for n, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1) for m in (name, name[:3])} | {"sept": 9}


# -- the rules, one per field ---------------------------------------------------------------

def coded_day(value: str, column: str) -> str:
    """A day as the coders' exports write it, as YYYY-MM-DD; ValueError says why not.

    >>> [coded_day(v, "event_date") for v in ("2021-05-12", "12 May 2021", "3-Sep-2022",
    ...                                        "2021-05-12 00:00:00.000")]
    ['2021-05-12', '2021-05-12', '2022-09-03', '2021-05-12']
    """
    value = value.strip()
    iso, wordy = _ISO_DAY.fullmatch(value), _WORDY_DAY.fullmatch(value)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif wordy and wordy[2].lower() in _MONTHS:
        year, month, day = int(wordy[3]), _MONTHS[wordy[2].lower()], int(wordy[1])
    else:
        raise ValueError(f"{column} {_shown(value)} is not a date geomap reads (2021-05-12 or "
                         "12 May 2021)")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as err:
        raise ValueError(f"{column} {_shown(value)} does not exist ({err})") from None


def _whole(value: str, column: str) -> str:
    """A code or count's digits ("2.0" -> "2"); ValueError if it is none."""
    if not value.strip():
        raise ValueError(f"{column} is empty")
    m = _WHOLE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"{column} {_shown(value.strip())} is not a whole number "
                         "(digits 0-9)")
    return str(int(m[1]))


def code_of(value: str, column: str, table: dict[str, object]) -> str:
    """The code written in a cell, checked against its table; ValueError names the codes.

    >>> code_of("2.0", "geo_precision", ACLED_PRECISION)
    '2'
    >>> code_of("4", "geo_precision", ACLED_PRECISION)
    Traceback (most recent call last):
    ...
    ValueError: geo_precision '4' is not one of the codes 1, 2, 3
    """
    if not value.strip():
        raise ValueError(f"{column} is empty (one of the codes {', '.join(table)})")
    code = _whole(value, column)
    if code not in table:
        raise ValueError(f"{column} {_shown(value.strip())} is not one of the codes "
                         f"{', '.join(table)}")
    return code


def count_of(value: str, column: str) -> int | None:
    """A count of deaths (None when the cell is empty)."""
    return int(_whole(value, column)) if value.strip() else None


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def acled_event(event_type: str, sub_event_type: str, deaths: int | None) -> str:
    """geomap's event for ACLED's event and sub-event types (the module's table).

    >>> acled_event("Battles", "Armed clash", 0), acled_event("Riots", "Mob violence", None)
    ('clash', 'clash')
    >>> acled_event("Violence against civilians", "Attack", 2), acled_event("Protests", "", 0)
    ('casualties', 'other')
    """
    kind, sub = _key(event_type), _key(sub_event_type)
    if kind in ACLED_OLD_TYPES:
        kind, old_sub = ACLED_OLD_TYPES[kind]
        sub = sub or old_sub
    event = ACLED_EVENTS.get((kind, sub)) or ACLED_EVENTS.get((kind, ""))
    if event is None:
        known = sorted({k for k, _ in ACLED_EVENTS})
        raise ValueError(f"event_type {_shown(event_type.strip())} is not one of ACLED's "
                         f"({', '.join(known)})")
    return _by_deaths(event, deaths)


def _by_deaths(event: str, deaths: int | None) -> str:
    if event != BY_DEATHS:
        return event
    return "casualties" if deaths else "other"


def ucdp_event(violence: str, best: int | None, low: int | None, high: int | None) -> str:
    """geomap's event for UCDP's type_of_violence (a code) and its death counts.

    >>> ucdp_event("1", 0, 0, 1), ucdp_event("3", 2, 1, 4), ucdp_event("3", 0, 0, 0)
    ('clash', 'casualties', 'other')
    """
    return _by_deaths(UCDP_VIOLENCE[violence][1], max(n or 0 for n in (best, low, high)))


def date_of(day: str, precision: str) -> str:
    """The claim's date for a day and the date precision geomap gives it.

    >>> date_of("2021-05-15", "month"), date_of("2021-05-15", "year")
    ('2021-05', '2021')
    """
    return {"month": day[:7], "year": day[:4]}.get(precision, day)


def _latlon(row: dict[str, str]) -> tuple[str, str]:
    """The coordinates as given, checked (the claims format checks them again as lat/lon,
    but the message should name the file's own columns)."""
    lat, lon = row["latitude"].strip(), row["longitude"].strip()
    if not lat or not lon:
        raise ValueError("latitude and longitude are required (a coded event always has "
                         "coordinates)")
    _coordinate(lat, "latitude", 90)
    _coordinate(lon, "longitude", 180)
    return lat, lon


def _event_id(value: str, column: str) -> str:
    value = value.strip()
    if not _EVENT_ID.fullmatch(value):
        raise ValueError(f"{column} {_shown(value)} is not an event id (letters, digits, "
                         "'-', '_' or '.', at most 64)" if value else f"{column} is empty")
    return value


def _named(*parts: str) -> str:
    """Names joined by ', ', each once, empty ones left out."""
    seen: list[str] = []
    for p in (" ".join(p.split()) for p in parts):
        if p and p.lower() not in (s.lower() for s in seen):
            seen.append(p)
    return ", ".join(seen)


def _with(actor: str, associated: str) -> str:
    actor, associated = actor.strip(), associated.strip()
    return f"{actor}, with {associated}" if actor and associated else actor or associated


def _actor_type(value: str, column: str) -> str:
    """An actor type as ACLED writes it: its words, or its number (older exports)."""
    value = value.strip()
    if not _WHOLE.fullmatch(value):
        return value
    code = _whole(value, column)
    if code not in ACLED_ACTOR_TYPES:
        raise ValueError(f"{column} {_shown(value)} is not one of ACLED's actor types ("
                         f"{', '.join(f'{k} {v}' for k, v in ACLED_ACTOR_TYPES.items())})")
    return ACLED_ACTOR_TYPES[code]


def _typed(actor: str, kind: str) -> str:
    return f"{actor} [{kind}]" if actor and kind else actor


def _sentence(coder: str, kind: str, actors: str, where: str, when: str, deaths: str,
              headline: str) -> str:
    """What a coded event says, as a sentence, for a claim's text.

    >>> _sentence("ACLED", "Battles", "A; B", "Sotk", "2021-05-14", "fatalities 1", "")
    'ACLED codes Battles (A; B). Where: Sotk. When: 2021-05-14; fatalities 1.'
    """
    said = f"{coder} codes {kind}{f' ({actors})' if actors else ''}. Where: {where}. " \
           f"When: {when}{f'; {deaths}' if deaths else ''}."
    return f"{said} Source headline: {headline}" if headline else said


def _place(row: dict[str, str], columns: tuple[str, ...], every: tuple[str, ...]) -> str:
    """The first name among ``columns`` (those the code locates the event to), else among
    ``every``; ValueError if the row names no place at all."""
    for column in (*columns, *every):
        name = " ".join(row.get(column, "").split())
        if name:
            return name
    raise ValueError(f"the event names no place ({', '.join(every)} are all empty)")


# -- one row of each format ----------------------------------------------------------------

ACLED_PLACE = {"1": ("location",), "2": ("location",), "3": ("admin1", "location")}
ACLED_NAMES = ("location", "admin3", "admin2", "admin1", "country")


def acled_fields(row: dict[str, str]) -> dict[str, str]:
    """A row of an ACLED export (lower-case column -> cell) as a claims file's fields."""
    geo = code_of(row["geo_precision"], "geo_precision", ACLED_PRECISION)
    when = code_of(row["time_precision"], "time_precision", ACLED_DATE_PRECISION)
    date_precision = ACLED_DATE_PRECISION[when]
    day = coded_day(row["event_date"], "event_date")
    said_when = {"week": f"the week of {day}", "month": day[:7]}.get(date_precision, day)
    deaths = count_of(row.get("fatalities", ""), "fatalities")
    event_type, sub_type = row["event_type"].strip(), row.get("sub_event_type", "").strip()
    lat, lon = _latlon(row)
    place = _place(row, ACLED_PLACE[geo], ACLED_NAMES)
    actor = _with(row["actor1"], row.get("assoc_actor_1", ""))
    other = _with(row.get("actor2", ""), row.get("assoc_actor_2", ""))
    actors = "; ".join(a for a in (
        _typed(actor, _actor_type(row.get("inter1", ""), "inter1")),
        _typed(other, _actor_type(row.get("inter2", ""), "inter2"))) if a)
    where = _named(*(row.get(c, "") for c in ACLED_NAMES))
    kind = " / ".join(t for t in (event_type, sub_type) if t)
    deaths_said = f"fatalities {deaths}" if deaths is not None else ""
    codes = [f"ACLED codes {kind}", f"geo_precision {geo}", f"time_precision {when}",
             f"actors: {actors}" if actors else "", deaths_said, f"where: {where}"]
    return {
        "id": "acled-" + _event_id(row["event_id_cnty"], "event_id_cnty"),
        "date": date_of(day, date_precision),
        "date_precision": date_precision, "place": place, "claimant": "ACLED",
        "claimant_side": CODER_SIDE, "stance": "asserts",
        "event": acled_event(event_type, sub_type, deaths), "actor": actor,
        "text": row.get("notes", "").strip() or _sentence("ACLED", kind, actors, where,
                                                         said_when, deaths_said, ""),
        "source": row.get("source", ""),
        "publisher": "ACLED", "url": "", "lat": lat, "lon": lon,
        "precision": ACLED_PRECISION[geo], "check": "; ".join(c for c in codes if c),
    }


UCDP_PLACE = {"1": ("where_coordinates",), "2": ("where_coordinates",),
              "3": ("adm_2", "where_coordinates"), "4": ("adm_1", "where_coordinates"),
              "5": ("where_coordinates", "where_description"), "6": ("country",),
              "7": ("where_coordinates", "where_description")}
UCDP_NAMES = ("where_coordinates", "adm_2", "adm_1", "country")


def ucdp_fields(row: dict[str, str]) -> dict[str, str]:
    """A row of a UCDP GED CSV (lower-case column -> cell) as a claims file's fields."""
    prec = code_of(row["where_prec"], "where_prec", UCDP_PRECISION)
    when = code_of(row["date_prec"], "date_prec", UCDP_DATE_PRECISION)
    violence = code_of(row["type_of_violence"], "type_of_violence", UCDP_VIOLENCE)
    start = coded_day(row["date_start"], "date_start")
    end = coded_day(row["date_end"], "date_end") if row.get("date_end", "").strip() else start
    if end < start:
        raise ValueError(f"date_end {end} is before date_start {start}")
    best, low, high = (count_of(row.get(c, ""), c) for c in ("best", "low", "high"))
    lat, lon = _latlon(row)
    side_a, side_b = row["side_a"].strip(), row["side_b"].strip()
    sides = row.get("dyad_name", "").strip() or " - ".join(s for s in (side_a, side_b) if s)
    where = _named(*(row.get(c, "") for c in UCDP_NAMES))
    counted = [f"{name} {n}" for name, n in (("best", best), ("low", low), ("high", high))
               if n is not None]
    deaths = f"deaths {', '.join(counted)}" if counted else ""
    words = UCDP_VIOLENCE[violence][0]
    days = start if end == start else f"{start} to {end}"
    headline = " ".join(row.get("source_headline", "").split())
    sentence = _sentence("UCDP GED", words, sides, where, days, deaths, headline)
    conflict = " ".join(row.get("conflict_name", "").split())
    codes = [f"UCDP GED codes type_of_violence {violence} ({words})", f"where_prec {prec}",
             f"date_prec {when}", f"sides: {'; '.join(s for s in (side_a, side_b) if s)}",
             deaths, f"conflict: {conflict}" if conflict else "", f"where: {where}"]
    article = " ".join(row.get("source_article", "").split())
    original = " ".join(row.get("source_original", "").split())
    url = article if is_http_url(article) else ""
    if url or not article:
        source = original
    else:
        source = f"{article} (original: {original})" if original else article
    return {
        "id": "ucdp-" + _whole(row["id"], "id"),
        "date": date_of(start, UCDP_DATE_PRECISION[when]),
        "date_precision": UCDP_DATE_PRECISION[when],
        "place": _place(row, UCDP_PLACE[prec], UCDP_NAMES), "claimant": "UCDP GED",
        "claimant_side": CODER_SIDE, "stance": "asserts",
        "event": ucdp_event(violence, best, low, high), "actor": side_a, "text": sentence,
        "source": source, "publisher": "UCDP GED", "url": url, "lat": lat, "lon": lon,
        "precision": UCDP_PRECISION[prec], "check": "; ".join(c for c in codes if c),
    }


# -- the formats and the reader --------------------------------------------------------------

@dataclass(frozen=True)
class CodedFormat:
    """A coder's export: how to tell it by its columns and read a row of it."""

    name: str  # as coded_format returns it
    title: str  # as messages name it
    marks: frozenset[str]  # columns only this format has; two of them tell it
    required: tuple[str, ...]
    to_fields: Callable[[dict[str, str]], dict[str, str]]


FORMATS = (
    CodedFormat("acled", "ACLED export", frozenset([
        "event_id_cnty", "geo_precision", "time_precision", "sub_event_type", "assoc_actor_1",
        "assoc_actor_2", "inter1", "inter2"]),
        ("event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "country",
         "location", "latitude", "longitude", "geo_precision"), acled_fields),
    CodedFormat("ucdp-ged", "UCDP GED file", frozenset([
        "where_prec", "date_prec", "type_of_violence", "dyad_name", "side_a", "side_b",
        "where_coordinates", "conflict_name"]),
        ("id", "type_of_violence", "side_a", "side_b", "where_prec", "date_prec",
         "date_start", "country", "latitude", "longitude"), ucdp_fields),
)


def _names(header: list[str]) -> list[str]:
    """Column names as matched: lower case, without blanks, a stray quote or a byte-order
    mark (text not read through read._text keeps it)."""
    return [h.strip().strip('"\ufeff').strip().lower() for h in header]


def coded_format(header: list[str]) -> str | None:
    """Which coder's export a CSV header row is, if any: "acled", "ucdp-ged" or None.

    The cells may be a header read with the wrong separator (one cell holding
    ``a;b;c``): the names are found all the same.

    >>> coded_format(["event_id_cnty", "event_date", "geo_precision"])
    'acled'
    >>> coded_format(["id;where_prec;date_prec;side_a"])
    'ucdp-ged'
    >>> coded_format(["date", "place", "claimant"]) is None
    True
    """
    names = set(_names([n for cell in header for n in re.split(r"[;\t]", cell)]))
    for fmt in FORMATS:
        if len(names & fmt.marks) >= 2:
            return fmt.name
    return None


def _delimiter(text: str) -> str:
    """The separator of a coded CSV: the one that splits its first line into most of the
    formats' known columns ("," when none does)."""
    first = text.split("\n", 1)[0][:10_000]
    known = {c for fmt in FORMATS for c in (*fmt.marks, *fmt.required)}
    return max((",", ";", "\t"), key=lambda d: (len(set(_names(first.split(d))) & known),
                                                d == ","))


def read_coded_csv(path: Path, text: str, fmt: str, *, label: str | None = None
                   ) -> list[Claim]:
    """Claims from an ACLED export or a UCDP GED CSV (``fmt`` as coded_format names it);
    ``label`` names the file in messages and origins. InputErrors lists every bad row
    (up to read.MAX_ERRORS), each with its file and the line its row starts on."""
    spec = next((f for f in FORMATS if f.name == fmt), None)
    if spec is None:
        raise ValueError(f"unknown coded format {fmt!r} (the formats: "
                         f"{', '.join(f.name for f in FORMATS)})")
    name = label or shown_path(path)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    try:
        header = _names(next(reader, []))
    except csv.Error as err:
        raise InputError(_csv_problem(err), path=name, line=reader.line_num or 1) from err
    missing = [c for c in spec.required if c not in header]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if missing or repeated:
        told = ", ".join(sorted(set(header) & spec.marks))
        problems = [f"missing column(s) {', '.join(missing)}" if missing else "",
                    f"repeated column(s) {', '.join(repeated)}" if repeated else ""]
        raise InputError(f"read as a{'n' if spec.title[0] in 'AEIOU' else ''} {spec.title} "
                         f"(by its columns {told}), but has "
                         f"{' and '.join(p for p in problems if p)} (it needs: "
                         f"{', '.join(spec.required)})", path=name, line=1)
    claims: list[Claim] = []
    errors: list[InputError] = []
    first_line: dict[str, int] = {}
    while len(errors) < MAX_ERRORS:
        line = reader.line_num + 1  # where the row starts (a quoted cell may hold newlines)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            errors.append(InputError(_csv_problem(err), path=name, line=line))
            break
        if not any(c.strip() for c in cells):
            continue
        try:
            if len(cells) != len(header):
                raise ValueError(f"expected {len(header)} fields, found {len(cells)}")
            row = dict(zip(header, cells))
            fields = spec.to_fields(row if delimiter == "," else _with_points(row))
            claim = claim_from_fields(fields, f"{name}:{line}")
            if claim.id in first_line:
                raise ValueError(f"event {claim.id!r} is listed again (first at line "
                                 f"{first_line[claim.id]})")
            first_line[claim.id] = line
            claims.append(claim)
        except ValueError as err:
            errors.append(InputError(str(err), path=name, line=line))
    if errors:
        raise InputErrors(errors)
    return claims


def _with_points(row: dict[str, str]) -> dict[str, str]:
    """Coordinates written with a decimal comma ("40,21") as numbers, in a file that ";"
    or tabs separate (read's rule for the claims format's lat and lon)."""
    points = _decimal_commas({"lat": row.get("latitude", ""), "lon": row.get("longitude", "")})
    return {**row, "latitude": points["lat"], "longitude": points["lon"]}

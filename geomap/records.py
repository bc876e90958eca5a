"""The records that flow between stages: plain, frozen dataclasses with no behaviour to speak of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property

KINDS = (
    "country", "admin1", "admin2", "settlement", "landmark", "water", "mountain", "pass",
    "valley", "river", "border-crossing", "military-site", "region",
)  # fmt: skip
STANCES = ("asserts", "denies", "reports", "calls")
EVENTS = (
    "incursion", "withdrawal", "clash", "shelling", "casualties", "talks", "statement",
    "appeal", "deployment", "exercise", "other",
)  # fmt: skip
PRECISIONS = ("point", "settlement", "district", "province", "country", "zone")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
ROLES = ("incident", "reaction")
# The claimant side of one who speaks but whose side nothing in the text tells ("a security
# source", "Interior Minister X" in a report of no dateline): a claim still, of no guessed side
UNKNOWN_SIDE = "UNKNOWN"

# How precise a location is when all we know is the kind of place it is.
PRECISION_OF_KIND = {
    "country": "country",
    "admin1": "province",
    "admin2": "district",
    "settlement": "settlement",
    "region": "zone",
    "landmark": "point",
    "water": "point",
    "mountain": "point",
    "pass": "point",
    "valley": "zone",
    "river": "zone",
    "border-crossing": "point",
    "military-site": "point",
}

# How far a place of a kind reaches when the gazetteer gives no radius (km).
EXTENT_OF_KIND = {"country": 500.0, "admin1": 150.0, "admin2": 40.0, "region": 500.0,
                  "valley": 30.0, "river": 100.0, "water": 15.0, "mountain": 10.0}


@dataclass(frozen=True)
class Name:
    """One name of a place: the text, its language tag, and which side uses it."""

    text: str
    lang: str = ""
    used_by: str = ""  # AM, AZ, RU, international, historic, or "" when nobody said


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. ``radius_km`` is the rough extent of an area (province, country)."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    admin1: str = ""
    population: int = 0
    names: tuple[Name, ...] = ()
    source: str = ""
    note: str = ""
    geonameid: int | None = None
    radius_km: float | None = None
    area_code: str = ""  # GeoNames admin-1 code ("AM.08") of an area, for its settlements

    @property
    def precision(self) -> str:
        return PRECISION_OF_KIND.get(self.kind, "point")

    @property
    def extent_km(self) -> float:
        """How far from its point the place reaches, roughly: its radius where the gazetteer
        knows one, else a generous figure for its kind (a town with its outskirts, a lake)."""
        if self.radius_km:
            return self.radius_km
        if self.kind == "settlement":
            return 25.0 if self.population >= 1_000_000 else 12.0 if \
                self.population >= 100_000 else 6.0
        return EXTENT_OF_KIND.get(self.kind, 5.0)

    def holds(self, other: Place) -> bool:
        """Whether this area (a province, a region) holds another place: the place is
        recorded as in the province (the Galwan Valley, IN-LA, in Ladakh: the extent of a
        long province misses it), or lies within the area's extent."""
        from .geo import km

        if self.kind in ("settlement", "landmark", "military-site", "border-crossing", "pass",
                         "mountain") or not self.radius_km:
            return False
        if self.kind == "admin1" and other.id != self.id and other.admin1 and \
                other.admin1 in (self.admin1, self.area_code):
            return True
        return km(self.lat, self.lon, other.lat, other.lon) <= self.radius_km

    def to_dict(self) -> dict:
        d = asdict(self)
        d["names"] = [asdict(n) for n in self.names]
        d["precision"] = self.precision
        return d


@dataclass(frozen=True)
class Candidate:
    """A place a name may mean, with the score and the reasons that ranked it."""

    place: Place
    score: float
    matched: str  # the name (as written in the gazetteer) that matched the query
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {**self.place.to_dict(), "score": round(self.score, 3), "matched": self.matched,
                "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Resolution:
    """What a name resolved to: ``status`` is resolved, ambiguous or unresolved."""

    query: str
    status: str
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""
    # How likely the place is the one meant, 0-1 (gazetteer.confidence): calibrated on
    # GeoWebNews by bench/geoparse.py; for an ambiguous name, that of its best candidate.
    confidence: float = 0.0

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"


@dataclass(frozen=True)
class Claim:
    """One claim: who says what happened where and when, with its source.

    ``origin`` is ``file:line`` (or ``file#span``) so every figure on the map leads back to
    where it came from.

    Where a claim is comes from one of two places, kept apart: ``lat``/``lon`` are the
    coordinates its source gave (never set from the gazetteer), and ``place_id`` is the
    gazetteer place its ``place`` was resolved to (``geomap extract`` writes it; the
    analyst corrects ``place``, and a ``place_id`` that the corrected name cannot mean is
    resolved again).
    """

    id: str
    text: str
    claimant: str
    claimant_side: str
    stance: str
    event: str
    actor: str = ""
    place: str = ""
    place_id: str = ""  # the gazetteer place ``place`` was resolved to, when known
    date: str = ""
    date_precision: str = "unknown"
    published: str = ""
    source: str = ""
    publisher: str = ""
    url: str = ""
    role: str = "incident"
    precision: str = ""
    lat: float | None = None
    lon: float | None = None
    span_start: int | None = None
    span_end: int | None = None
    # "several kilometres into Armenia": how deep the claimed advance is (a band, not a point)
    depth_km: float | None = None
    # how sure the claim is (0-1): the place's resolution, lowered where the speaker or the
    # place was inferred (``check`` says which)
    confidence: float | None = None
    check: str = ""  # "speaker from 'It'; place from the report's focus"
    origin: str = field(default="", compare=False)

    def to_dict(self) -> dict:
        return asdict(self)


CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_new = object.__new__


def claim_of(*values) -> Claim:
    """``Claim(*values)``, every field given in order, without the 25 assignments of a
    frozen dataclass's ``__init__`` (a fifth of reading 100,000 claims): the same claim,
    equal and with the same attributes."""
    if len(values) != len(CLAIM_FIELDS):
        raise TypeError(f"claim_of takes the {len(CLAIM_FIELDS)} fields of a Claim, "
                        f"not {len(values)}")
    claim = _new(Claim)
    claim.__dict__.update(zip(CLAIM_FIELDS, values))
    return claim


def claims_of(*columns) -> list[Claim]:
    """``[claim_of(*values) for values in zip(*columns)]``: claims from their fields' columns
    (each a sequence, in the order of Claim's fields), a little faster."""
    if len(columns) != len(CLAIM_FIELDS):
        raise TypeError(f"claims_of takes the {len(CLAIM_FIELDS)} fields of a Claim, "
                        f"not {len(columns)}")
    out = []
    add = out.append
    names = CLAIM_FIELDS
    for values in zip(*columns):
        claim = _new(Claim)
        claim.__dict__.update(zip(names, values))  # (a dict sharing its keys, as claim_of's)
        add(claim)
    return out


@dataclass(frozen=True)
class Unplaced(Mapping):
    """A claim that could not be placed, and why: the resolution's ``status`` (ambiguous,
    unresolved) and ``reason``, the places its name may mean, and the incident it is part
    of. It reads as the mapping of the claim's fields and these (``u["reason"]``), as the
    page's data, the exports and the command line take it."""

    claim: Claim
    status: str
    reason: str
    candidates: tuple[str, ...] = ()
    confidence: float | None = None  # the best candidate's, when the name was ambiguous
    incident_id: str = ""

    @cached_property
    def _fields(self) -> dict:
        d = self.claim.to_dict()
        d.update(status=self.status, reason=self.reason, candidates=list(self.candidates),
                 incident_id=self.incident_id)
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d

    def to_dict(self) -> dict:
        return dict(self._fields)

    def __getitem__(self, key: str):
        return self._fields[key]

    def __iter__(self):
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)


@dataclass(frozen=True)
class Document:
    """A text to read: the words, and what is known of where they come from.

    ``name`` is how the file is named in messages and claim origins; offsets in mentions
    and claims index ``text``.
    """

    text: str
    name: str = ""
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: str = ""  # YYYY-MM-DD when known


@dataclass(frozen=True)
class Mention:
    """A place named in a text: the exact surface and its character span.

    ``kind`` is what the words around it say it is ("the village of X": settlement);
    ``marked`` is true when only those words (not the gazetteer) say it is a place;
    ``adjective`` when the words are an adjective of a place ("Russian", "European"), which
    locates only in some phrases ("Russian territory", not "the Russian president").
    """

    surface: str
    start: int
    end: int
    kind: str | None = None
    marked: bool = False
    adjective: bool = False
    # in an organisation's name ("the Washington Post"): names the place, locates nothing
    embedded: bool = False


# -- the claim schema: every stage's columns, derived from the records here ------------------

# The claims format (a claims file's columns, in the order geomap writes them): Claim's
# fields but its trace (origin). A test holds the two together.
REQUIRED_COLUMNS = ("date", "place", "claimant", "claimant_side", "stance", "event", "actor",
                    "text", "source", "url")
OPTIONAL_COLUMNS = ("id", "place_id", "lat", "lon", "precision", "published",
                    "date_precision", "role", "publisher", "span_start", "span_end",
                    "depth_km", "confidence", "check")
CLAIM_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# What placing a claim adds (join.py): the place it is at, how it was found, its trace.
PLACE_COLUMNS = ("place_name", "place_kind", "country", "radius_km", "resolution", "origin")
JOINED_COLUMNS = CLAIM_COLUMNS + PLACE_COLUMNS
# The border facts of where a claim is (borders.py).
FACT_COLUMNS = ("in_country", "border_km", "border_with", "border_kind", "exclave",
                "disputed", "outside", "border")
# What the map adds last: the incident a claim is part of (incidents.py).
INCIDENT_COLUMNS = ("incident_id",)
# A placed claim as every output sees it (the page's data, the frame of make_map).
MAPPED_COLUMNS = JOINED_COLUMNS + FACT_COLUMNS + INCIDENT_COLUMNS
# The exports' fields: a claim's coordinates go in its geometry, and ``placed`` says
# whether it has one.
EXPORT_COLUMNS = tuple(c for c in MAPPED_COLUMNS if c not in (
    "lat", "lon", "radius_km", "span_start", "span_end")) + ("placed",)

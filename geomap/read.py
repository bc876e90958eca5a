"""Read stage: claims files (CSV, GeoJSON) into Claim records.

Every bad row is reported with its file and line (or GeoJSON feature number); no row is
dropped silently. All problems in a file are collected, so an analyst fixes a spreadsheet
in one pass rather than one error at a time.

Inputs come from the open web and may be written to hurt: every reader here takes time
linear in its input, refuses what it cannot read with an InputError (never a traceback),
and lets through only values the later stages can use (ASCII dates and numbers, http(s)
addresses, text without control characters).
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import functools
import hashlib
import io
import json
import operator
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from .errors import InputError, shown_path
from .garbage import without_collections
from .records import (
    CLAIM_COLUMNS,
    DATE_PRECISIONS,
    EVENTS,
    OPTIONAL_COLUMNS,
    PRECISIONS,
    REQUIRED_COLUMNS,
    ROLES,
    STANCES,
    Claim,
    Document,
    claim_of,
    claims_of,
)

REQUIRED = list(REQUIRED_COLUMNS)
OPTIONAL = list(OPTIONAL_COLUMNS)
COLUMNS = list(CLAIM_COLUMNS)  # the claims format (records.py holds every stage's columns)
# Columns that must hold a value in every row; the others may be empty.
MUST_HAVE = ["place", "claimant", "claimant_side", "stance", "event", "text"]
MAX_ERRORS = 50

# [0-9], not \d: \d also matches Arabic-Indic and other digits, which int() reads but the
# page's JavaScript does not (such a date showed as "NaN").
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# A day as spreadsheets in many locales write it: 14.05.2021 (day first, always).
_DOTTED_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
# A number as a spreadsheet writes it. float() alone also takes "4_0" (as 40), "٤٠", "nan",
# "inf" and "infinity", none of which a source means as a coordinate.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# A gazetteer id as geomap writes them: "am-goris", "geonames:616635", "country:AM".
_PLACE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._-]{0,99}")
# A character offset: ASCII digits, few enough for int() (which refuses 4,300+ digits).
_OFFSET = re.compile(r"[0-9]{1,15}")
# Characters that break KML, GeoPackage and PDF output (XML 1.0 forbids them): C0 controls
# but tab, newline and carriage return; U+FFFE and U+FFFF; lone surrogates (JSON's "\ud800").
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


_BAD_ASCII = [chr(i) for i in range(32) if chr(i) not in "\t\n\r"]
# The UTF-8 bytes that are no control character _BAD_CHARS names (such a byte is never part
# of another character's bytes)
_NOT_BAD_BYTES = bytes(i for i in range(256) if chr(i) not in _BAD_ASCII)


def _has_bad_chars(text: str) -> bool:
    """Whether ``text`` holds a character clean_text replaces; for ASCII text (most files)
    by a fast search for each control character rather than the pattern at every position
    (12 MB: 0.16 s); for other text, by its UTF-8 bytes with all but the control characters'
    taken out (36 MB: 0.13 s rather than 0.27 s), and a search for U+FFFE and U+FFFF."""
    if text.isascii():
        return any(ch in text for ch in _BAD_ASCII)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800"), which UTF-8 cannot hold
        return True
    return bool(data.translate(None, _NOT_BAD_BYTES)) or "\ufffe" in text or "\uffff" in text


def clean_text(value: str) -> str:
    """``value`` with each character other outputs cannot hold replaced by U+FFFD.

    One character for one, so offsets into the text stay right.
    """
    return _BAD_CHARS.sub("\ufffd", value)


def _shown(value: str, limit: int = 80) -> str:
    """``repr(value)`` for a message, cut short: a hostile 300 KB cell makes no 300 KB error."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


class InputErrors(InputError):
    """Several problems in one input; ``str()`` is the first, ``errors`` holds them all."""

    def __init__(self, errors: list[InputError]):
        first = errors[0]
        super().__init__(first.message, path=first.path, line=first.line)
        self.errors = errors


@functools.lru_cache(maxsize=4096)  # (a claims file's dates repeat: a day, many claims)
def parse_date(value: str) -> tuple[str, str]:
    """``2021-05-12`` -> ('2021-05-12', 'day'); ``2021-05`` -> month; ``''`` -> unknown;
    ``14.05.2021`` (as spreadsheets show a day) -> ('2021-05-14', 'day').

    Raises ValueError for an impossible date such as 2021-02-30.
    """
    value = value.strip()
    if not value:
        return "", "unknown"
    dotted = _DOTTED_DATE.fullmatch(value)
    if dotted:  # 14.05.2021, as a spreadsheet of many locales shows a date
        value = f"{dotted[3]}-{dotted[2]:0>2}-{dotted[1]:0>2}"
    m = _DATE.fullmatch(value)
    if not m:
        raise ValueError(f"date {_shown(value)} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"date {value!r} does not exist ({err})") from err
    return value, "day" if day else "month" if month else "year"


def _first_day(date: str) -> str:
    return date + {4: "-01-01", 7: "-01"}.get(len(date), "")


def _last_day(date: str) -> str:
    # "-31" for every month: as text, YYYY-MM-31 sorts after every day of that month and
    # before the next month's first day, so comparisons need no calendar.
    return date + {4: "-12-31", 7: "-31"}.get(len(date), "")


def in_date_range(date: str, date_from: str | None = None, date_to: str | None = None) -> bool:
    """Whether a claim's date (YYYY, YYYY-MM or YYYY-MM-DD) overlaps [date_from, date_to].

    The bounds may be years or months too: ``date_from`` means its first day, ``date_to``
    its last (``--to 2021-05`` takes in 31 May). No range: every claim. An undated claim is
    in no range.
    """
    if not (date_from or date_to):
        return True
    if not date:
        return False
    # (a bound as a spreadsheet writes a day, 14.05.2021, is that day)
    date_from = date_from and parse_date(date_from)[0]
    date_to = date_to and parse_date(date_to)[0]
    return ((not date_from or _last_day(date) >= _first_day(date_from))
            and (not date_to or _first_day(date) <= _last_day(date_to)))


def check_date_range(date_from: str | None, date_to: str | None) -> None:
    """An InputError unless the bounds are dates (YYYY[-MM[-DD]]) and --from is not after --to."""
    for name, value in (("--from", date_from), ("--to", date_to)):
        if value:
            try:
                parse_date(value)
            except ValueError as err:
                raise InputError(f"{name}: {err}") from None
    if date_from and date_to and \
            _first_day(parse_date(date_from)[0]) > _last_day(parse_date(date_to)[0]):
        raise InputError(f"--from {date_from} is after --to {date_to}")


def _number(value: str, name: str) -> float:
    if not _NUMBER.fullmatch(value):
        raise ValueError(f"{name} {_shown(value)} is not a number (write it with the digits "
                         "0-9 and a decimal point, like 39.51 or -0.5)")
    return float(value)


def _coordinate(value: str, name: str, limit: float) -> float:
    x = _number(value, name)
    if abs(x) > limit:  # "1e999" reads as infinity, which is outside too
        raise ValueError(f"{name} {_shown(value)} is outside -{limit:g}..{limit:g}")
    return x


def _span(value: str, name: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not _OFFSET.fullmatch(value):
        raise ValueError(f"{name} {_shown(value)} is not a character offset (digits 0-9)")
    return int(value)


# http(s) addresses that is_http_url takes, without urlsplit: a host of letters, digits,
# dots and hyphens, a port, then printable ASCII (tests/test_store_select.py checks it).
_PLAIN_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]*)?"
                        r"(?:[/?#][!-~]*)?")


@functools.lru_cache(maxsize=4096)  # (a file's addresses repeat: one report, many claims)
def is_http_url(value: str) -> bool:
    """Whether ``value`` is an http(s) address a page may link to.

    The scheme is http or https (in any case), there is a host, and there is no whitespace,
    control or format character anywhere: browsers drop or act on those unpredictably
    (a tab or newline can hide a "javascript:"), and they break CSV, KML and PDF.
    """
    if not re.match(r"(?i)https?://", value):
        return False
    if value.isascii():
        if re.search(r"[\x00-\x20\x7f]", value):
            return False
    elif any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs")
             or ch in "\ufffe\uffff" for ch in value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:  # e.g. "http://[::1" (an unclosed IPv6 address)
        return False


# A web address written without its scheme, as headers and pages often give it:
# "www.example.org/standoff", "example.org:8080/x" (a host with a dot and a TLD of letters).
_SCHEMELESS = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                         r"(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})(?::[0-9]{1,5})?(?:[/?#].*)?",
                         re.S)


def normal_url(value: str) -> str:
    """An http(s) address from what a header or page says, or '' if it is none.

    ``https://...`` stays; ``www.example.org/x`` and ``//example.org/x`` get ``https:``;
    anything else (``javascript:``, ``data:``, ``file:``, spaces, garbage) is ''.
    """
    value = value.strip()
    if value.startswith("//"):
        value = "https:" + value
    elif _SCHEMELESS.fullmatch(value):
        value = "https://" + value
    return value if is_http_url(value) else ""


def claim_id(fields: dict[str, str]) -> str:
    """A stable id from the claim's content: the same claim gets the same id in every run."""
    basis = "\x1f".join(fields.get(k, "") for k in ("source", "url", "date", "place", "claimant",
                                                    "stance", "event", "text"))
    return "c" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:10]


# Columns geomap writes for the analyst that are worked out again on every map: read and
# left aside (``incident_id`` from ``geomap map --csv``).
INFORMATIONAL = ["incident_id"]
# What geomap's GeoJSON exports add to a claim, all worked out again when it is mapped: a
# GeoJSON written by ``geomap map --geojson`` or ``geomap extract --format geojson`` (and
# edited in QGIS) reads back as claims.
DERIVED = frozenset([
    "place_name", "place_kind", "country", "radius_km", "origin", "resolution", "in_country",
    "border_km", "border_with", "border_kind", "exclave", "disputed", "outside", "border",
    "placed", "label_lon", "label_lat"])


# What a map adds to a claim besides DERIVED (geomap.records.MAPPED_COLUMNS).
MAPPED_EXTRA = frozenset(["incident_id", "certainty", "place_note", "located"])


def _missing(value) -> bool:
    """None, NaN, and pandas' NA and NaT: a cell with nothing in it."""
    if value is None or isinstance(value, float) and value != value:
        return True
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(value != value)  # numpy's NaN of any width
    except (TypeError, ValueError):
        return False


def read_claims_fields(record: dict) -> dict[str, str]:
    """A claim given in memory (a dict, a DataFrame's row) as the text fields of a claims
    file's row: numbers as their digits, None and NaN as empty, dates as YYYY-MM-DD.
    ValueError for an unknown field or a value that is no text, number or date."""
    fields = {}
    for key, value in record.items():
        if key in ("origin", "geometry") or key in DERIVED or key in MAPPED_EXTRA:
            # a Claim's own trace (kept by the caller), and what geomap works out again:
            # a map's own frame (MapResult.to_geodataframe()) maps again as it is
            continue
        if not isinstance(key, str) or key not in COLUMNS and key not in INFORMATIONAL:
            raise ValueError(f"unknown field {_shown(str(key))} (the fields are: "
                             f"{', '.join(COLUMNS)})")
        if _missing(value):
            text = ""
        elif isinstance(value, str):
            text = value
        elif isinstance(value, bool):
            raise ValueError(f"{key} is true or false, not a value of the claims format")
        elif isinstance(value, int) or hasattr(value, "dtype") and value.dtype.kind in "iu":
            text = str(int(value))
        elif isinstance(value, float) or hasattr(value, "dtype") and value.dtype.kind == "f":
            text = repr(float(value))
        elif isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "to_pydatetime"):
            text = (value.date() if isinstance(value, dt.datetime) or hasattr(
                value, "to_pydatetime") else value).isoformat()
        elif hasattr(value, "dtype") and value.dtype.kind == "M":  # numpy.datetime64
            text = str(value.astype("datetime64[D]"))
        else:
            raise ValueError(f"{key} is {type(value).__name__}, not text, a number or a date")
        if key not in INFORMATIONAL:
            fields[key] = text
    for name in REQUIRED:
        fields.setdefault(name, "")
    return fields


def claim_from_fields(fields: dict[str, str], origin: str, *, plain: bool = False) -> Claim:
    """Validate one row's fields (strings) and build the Claim; raise ValueError if wrong.

    Control characters in the text are replaced (U+FFFD), not refused: a quote with a stray
    NUL is still a claim, but KML, GeoPackage and PDF cannot hold the NUL. ``plain``: the
    fields are all text and known to hold no such character (the whole file was looked at
    once).
    """
    raw = dict(zip(fields, map(str.strip, fields.values()))) if plain else {
        k: (v or "").strip() for k, v in fields.items()}
    # (one look over the row for a character to replace: most rows have none)
    f = raw if plain or not _BAD_CHARS.search(" ".join(raw.values())) else {
        k: clean_text(v) for k, v in raw.items()}
    get = f.get
    for name in MUST_HAVE:
        if not get(name):
            raise ValueError(f"{name} is empty")
    if f["stance"] not in STANCES:
        raise ValueError(f"stance {_shown(f['stance'])} is not one of {', '.join(STANCES)}")
    if f["event"] not in EVENTS:
        raise ValueError(f"event {_shown(f['event'])} is not one of {', '.join(EVENTS)}")
    role = get("role") or "incident"
    if role not in ROLES:
        raise ValueError(f"role {_shown(role)} is not one of {', '.join(ROLES)}")
    precision = get("precision", "")
    if precision and precision not in PRECISIONS:
        raise ValueError(f"precision {_shown(precision)} is not one of {', '.join(PRECISIONS)}")
    date, date_precision = parse_date(get("date", ""))
    if get("date_precision"):
        if f["date_precision"] not in DATE_PRECISIONS:
            raise ValueError(f"date_precision {_shown(f['date_precision'])} is not one of "
                             f"{', '.join(DATE_PRECISIONS)}")
        date_precision = f["date_precision"]
    published, _ = parse_date(get("published", ""))
    lat = lon = None
    if get("lat") or get("lon"):
        if not (get("lat") and get("lon")):
            raise ValueError("lat and lon must be given together")
        lat, lon = _coordinate(f["lat"], "lat", 90), _coordinate(f["lon"], "lon", 180)
    depth = None
    if get("depth_km"):
        depth = _number(f["depth_km"], "depth_km")
        if not 0 < depth <= 100:
            raise ValueError(f"depth_km {_shown(f['depth_km'])} is outside 0..100")
    confidence = None
    if get("confidence"):
        confidence = _number(f["confidence"], "confidence")
        if not 0 <= confidence <= 1:
            raise ValueError(f"confidence {_shown(f['confidence'])} is outside 0..1")
    place_id = get("place_id", "")
    if place_id and not _PLACE_ID.fullmatch(place_id):
        raise ValueError(f"place_id {_shown(place_id)} is not a gazetteer id (like am-goris or "
                         "geonames:616635); to correct a claim's place, edit its place")
    # The address as given (before clean_text): a control character in it is an error.
    url = raw.get("url", "")
    if url and not is_http_url(url):
        raise ValueError(f"url {_shown(url)} is not an http(s) address")
    # (Claim's fields in order: id, text, claimant, claimant_side, stance, event, actor,
    # place, place_id, date, date_precision, published, source, publisher, url, role,
    # precision, lat, lon, span_start, span_end, depth_km, confidence, check, origin)
    return claim_of(
        get("id") or claim_id(f), f["text"], f["claimant"], f["claimant_side"], f["stance"],
        f["event"], get("actor", ""), f["place"], place_id, date, date_precision, published,
        get("source", ""), get("publisher", ""), url, role, precision, lat, lon,
        _span(get("span_start", ""), "span_start"), _span(get("span_end", ""), "span_end"),
        depth, confidence, get("check", ""), origin)


def _read_bytes(path: Path, what: str) -> bytes:
    """A regular file's bytes, or an InputError that says why not.

    A FIFO, a device or a socket is refused before it is opened: reading one blocks
    forever or never ends (/dev/zero), and opening some devices does something.
    """
    try:
        mode = path.stat().st_mode  # follows symlinks: a link to a regular file is fine
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=path) from err
    except ValueError:  # a name with a NUL character in it
        raise InputError("cannot read: the name holds a NUL character", path=path) from None
    if stat.S_ISDIR(mode):
        raise InputError(f"is a directory, not {what}", path=path)
    if not stat.S_ISREG(mode):
        raise InputError(f"is not a regular file (but a pipe, device or socket), so not {what}",
                         path=path)
    try:
        # O_NONBLOCK: should the name be swapped for a FIFO after the check, opening it
        # does not wait for a writer, and fstat below refuses it. No effect on a file.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise InputError(f"is not a regular file, not {what}", path=path)
            return file.read()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not {what}", path=path) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=path) from err


def _text(path: Path) -> str:
    data = _read_bytes(path, "a claims file")
    if b"\x00" in data[:8192]:
        raise InputError("is a binary file, not a CSV or GeoJSON claims file", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"is not UTF-8 text (byte 0x{data[err.start]:02x}); save it as UTF-8",
                         path=path, line=line) from err


def _csv_problem(err: csv.Error) -> str:
    if "field larger than field limit" in str(err):
        # Python's csv refuses cells over 131,072 characters; no claim needs one.
        return (f"malformed CSV: a cell is longer than {csv.field_size_limit():,} characters "
                "(an unclosed quote makes the rest of the file one cell)")
    return f"malformed CSV: {err}"


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)"):
# geomap's CSVs put a "'" before such a cell (unless it is a plain number), and reading a
# CSV takes it off again, so the analyst's round trip keeps the text exactly.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escaped(cell: str) -> bool:
    """Whether a CSV cell carries the guard "'": before a formula character or another "'"."""
    return cell[:1] == "'" and cell[1:2] != "" and cell[1] in (*FORMULA_START, "'")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: "=1+1" -> "'=1+1"; numbers stay numbers.

    >>> [spreadsheet_safe(c) for c in ("=1+1", "-5.2", "-1+2", "'=x", "Goris", "'Twas")]
    ["'=1+1", '-5.2', "'-1+2", "''=x", 'Goris', "'Twas"]
    >>> cells = ("=1", "'=x", "''@", "-3", "'", "''", "'Twas", "@x")
    >>> [from_spreadsheet(spreadsheet_safe(c)) for c in cells] == list(cells)
    True
    """
    if (cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell)) or _escaped(cell):
        return "'" + cell
    return cell


def from_spreadsheet(cell: str) -> str:
    """The text of a cell written by ``spreadsheet_safe``."""
    return cell[1:] if _escaped(cell) else cell


def _delimiter(text: str) -> str:
    """The separator of a claims CSV: "," as geomap writes it, or ";" or a tab as
    spreadsheets of some locales save it; told by the header, which names the columns."""
    first = text[:10_000].split("\n", 1)[0]  # (not a copy of the whole text, as split made)
    for candidate in (",", ";", "\t"):
        cells = {c.strip().strip('"') for c in first.split(candidate)}
        if len(cells & set(REQUIRED)) >= len(REQUIRED) // 2:
            return candidate
    return ","


_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
NUMBER_COLUMNS = ("lat", "lon", "depth_km", "confidence")


def _decimal_commas(fields: dict[str, str]) -> dict[str, str]:
    """Numbers written with a decimal comma ("39,51") read as numbers, in the columns that
    hold numbers, in a file separated by ";" or tabs (where "," separates no cells)."""
    return {k: v.replace(",", ".") if k in NUMBER_COLUMNS and _DECIMAL_COMMA.fullmatch(
        v.strip()) else v for k, v in fields.items()}




def _distinct_ok(values, test, quick=None) -> bool:
    """Whether ``test`` holds for each distinct non-empty value (ValueError: it does not).
    ``quick``: a test that holds for most values, and only where ``test`` does: tried on
    them all first (a column of 100,000 distinct addresses: 0.2 s less)."""
    distinct = set(values) - {""}
    try:
        return quick is not None and all(map(quick, distinct)) or all(map(test, distinct))
    except ValueError:
        return False


# A character of none of the numbers _NUMBER takes, one a line.
_NOT_NUMBERS = re.compile(r"[^0-9.eE+\n-]")


def _numbers(values: tuple, name: str, low: float, high: float, *, low_open: bool = False,
             limit: bool = False) -> list | None:
    """The cells of a number column as claim_from_fields reads them (None for an empty
    cell), or None if one is not a number or is out of range (``limit``: |x| <= high)."""
    if not any(values):
        return [None] * len(values)
    given = list(filter(None, values))
    # (one look at the column's characters, then float() of each, rather than _NUMBER at
    # each cell: on these characters, float() reads just the texts _NUMBER takes; one a
    # line, none holding a line end)
    column = "\n".join(given)
    if _NOT_NUMBERS.search(column) or column.count("\n") != len(given) - 1:
        return None
    try:
        xs = list(map(float, given))
    except ValueError:
        return None
    if limit:
        if max(map(abs, xs)) > high:
            return None
    elif min(xs) < low or low_open and min(xs) <= low or max(xs) > high:
        return None
    if len(xs) == len(values):  # (every cell given: the numbers are the column)
        return xs
    it = iter(xs)
    return [next(it) if v else None for v in values]


def _claims_at_once(header: list[str], rows: list[list[str]], lines: list[int], path: str,
                    *, delimiter: str, guarded: bool) -> list[Claim] | None:
    """The claims of a claims file's rows (text with no character clean_text replaces), a
    column at a time: what claim_from_fields builds row by row, or None when a row is not
    as most are (a blank row, a cell to refuse, a number to read otherwise): then the rows
    are read one by one, which says what is wrong where.
    tests/test_ingest_speed_read.py holds the two ways together."""
    width = len(header)
    if not rows or set(map(len, rows)) != {width}:
        return None
    n = len(rows)
    columns = dict(zip(header, zip(*rows)))
    if guarded:
        columns = {k: tuple(from_spreadsheet(v) if v[:1] == "'" else v for v in col)
                   for k, col in columns.items()}
    if delimiter != ",":
        columns = {k: tuple(v.replace(",", ".") if _DECIMAL_COMMA.fullmatch(v.strip()) else v
                            for v in col) if k in NUMBER_COLUMNS else col
                   for k, col in columns.items()}
    f = {k: tuple(map(str.strip, col)) for k, col in columns.items()}
    empty = ("",) * n

    def get(name: str) -> tuple:
        return f.get(name, empty)

    if not all(all(f[name]) for name in MUST_HAVE):
        return None  # (a blank row too)
    if not (set(f["stance"]) <= set(STANCES) and set(f["event"]) <= set(EVENTS)
            and set(get("role")) <= {"", *ROLES}
            and set(get("precision")) <= {"", *PRECISIONS}
            and set(get("date_precision")) <= {"", *DATE_PRECISIONS}):
        return None
    dates = {}
    try:
        for value in set(f["date"]) | set(get("published")):
            dates[value] = parse_date(value)
    except ValueError:
        return None
    role = tuple(r or "incident" for r in f["role"]) if "role" in f else ("incident",) * n
    parsed = list(map(dates.__getitem__, f["date"]))
    date = [d for d, _ in parsed]
    date_precision = [p for _, p in parsed]
    if "date_precision" in f:
        date_precision = [given or p for given, p in zip(f["date_precision"], date_precision)]
    published = [dates[v][0] for v in f["published"]] if "published" in f else empty
    lats, lons = get("lat"), get("lon")
    if list(map(bool, lats)) != list(map(bool, lons)):
        return None  # lat and lon must be given together
    lat = _numbers(lats, "lat", -90, 90, limit=True)
    lon = _numbers(lons, "lon", -180, 180, limit=True)
    depth = _numbers(get("depth_km"), "depth_km", 0, 100, low_open=True)
    confidence = _numbers(get("confidence"), "confidence", 0, 1)
    if lat is None or lon is None or depth is None or confidence is None:
        return None
    if not _distinct_ok(get("place_id"), _PLACE_ID.fullmatch):
        return None
    if not _distinct_ok(f["url"], is_http_url, quick=_PLAIN_URL.fullmatch):
        return None
    spans = []
    for name in ("span_start", "span_end"):
        values = get(name)
        if not _distinct_ok(values, _OFFSET.fullmatch):
            return None
        spans.append([int(v) if v else None for v in values] if any(values) else
                     [None] * n)
    ids = get("id")
    if not all(ids):  # an id from the claim's content (claim_id), where none is given
        basis = zip(*(get(k) for k in ("source", "url", "date", "place", "claimant",
                                        "stance", "event", "text")))
        sha1 = hashlib.sha1
        ids = [given or "c" + sha1("\x1f".join(b).encode("utf-8")).hexdigest()[:10]
               for given, b in zip(ids, basis)]
    origins = [f"{path}:{line}" for line in lines]
    return claims_of(
        ids, f["text"], f["claimant"], f["claimant_side"], f["stance"], f["event"],
        get("actor"), f["place"], get("place_id"), date, date_precision, published,
        get("source"), get("publisher"), f["url"], role, get("precision"), lat, lon,
        spans[0], spans[1], depth, confidence, get("check"), origins)


def _read_at_once(reader, header: list[str], text: str, path: str, *, delimiter: str,
                  guarded: bool) -> list[Claim] | None:
    """The rest of the reader's rows, read at once: _claims_at_once of them, with the line
    each ends on; None where they are to be read one by one."""
    try:
        rows = list(reader)
    except csv.Error:
        return None  # (the rows one by one say where)
    if reader.line_num == len(rows) + 1:  # a row a line
        lines = list(range(2, len(rows) + 2))
    else:  # (a cell over several lines): where each row ends, again
        again = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
        next(again)
        lines = [again.line_num for _ in again]
    return _claims_at_once(header, rows, lines, path, delimiter=delimiter, guarded=guarded)


def read_claims_csv(path: Path, text: str | None = None, *, label: str | None = None
                    ) -> list[Claim]:
    """Claims from a CSV file; ``label`` names the file in messages and origins."""
    text = _text(path) if text is None else text
    path = label or shown_path(path)  # as named in messages and origins
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    errors: list[InputError] = []
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise InputError(_csv_problem(err), path=path, line=reader.line_num or 1) from err
    if not header or not any(h.strip() for h in header):
        raise InputError("empty file: expected a header row with the claims columns",
                         path=path, line=1)
    header = [h.strip() for h in header]
    from .imports import coded_format, read_coded_csv  # (imports reads through this module)

    fmt = coded_format(header)
    if fmt:  # an ACLED export or a UCDP GED file: each event a claim by its coder
        return read_coded_csv(Path(path), text, fmt, label=label)
    unknown = [h for h in header if h not in COLUMNS and h not in INFORMATIONAL]
    missing = [h for h in REQUIRED if h not in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or dupes:
        parts = []
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if dupes:
            parts.append(f"repeated column(s) {', '.join(dupes)}")
        raise InputError("; ".join(parts) + f" (the columns are: {', '.join(COLUMNS)})",
                         path=path, line=1)
    claims: list[Claim] = []
    line = 1
    # (a cell is part of the text: none has a character to replace if the text has none,
    # and none starts with the guard "'" if no "'" follows a separator, a quote or a line
    # end)
    plain = not _has_bad_chars(text)
    guarded = text.startswith("'") or any(f"{c}'" in text for c in ("\r", "\n", '"', delimiter))
    if plain:  # (most files: every row read, then every column checked at once)
        with without_collections():
            at_once = _read_at_once(reader, header, text, path, delimiter=delimiter,
                                    guarded=guarded)
        if at_once is not None:
            return at_once
        reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
        next(reader)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            errors.append(InputError(_csv_problem(err), path=path, line=reader.line_num))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(InputError(f"expected {len(header)} fields, found {len(row)}",
                                     path=path, line=line))
        else:
            try:
                # (a cell carries the guard only if it starts with "'": most need no look)
                fields = {k: from_spreadsheet(v) if v[:1] == "'" else v
                          for k, v in zip(header, row)} if guarded else dict(zip(header, row))
                if delimiter != ",":  # a spreadsheet of a locale that writes 39,51
                    fields = _decimal_commas(fields)
                claims.append(claim_from_fields(fields, f"{path}:{line}", plain=plain))
            except ValueError as err:
                errors.append(InputError(str(err), path=path, line=line))
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise InputErrors(errors)
    return claims


def _json_constant(name: str):
    # Python's json reads NaN, Infinity and -Infinity, which JSON does not have.
    raise ValueError(f"{name} is not a JSON value (write a number or null)")


def _json_int(digits: str) -> int:
    # int() refuses 4,300+ digits with a message about sys.set_int_max_str_digits.
    if len(digits) > 100:
        raise ValueError(f"the number {digits[:20]}… has {len(digits):,} digits")
    return int(digits)


def _kind(value) -> str:
    """A JSON value as messages name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    return {list: "a list", dict: "an object"}.get(type(value), "a number")


def _property(name: str, value) -> str:
    """A GeoJSON property as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    # Never str() a list or object: it means nothing as a claim's field, and a deeply
    # nested one would overflow the stack.
    raise ValueError(f"property {_shown(name)} is {_kind(value)}; it must be a string, a number "
                     "or null")


def _point(geom) -> tuple[float, float]:
    """(lat, lon) of a Point geometry, or ValueError."""
    if not isinstance(geom, dict) or geom.get("type") != "Point":
        raise ValueError("geometry must be a Point (or null)")
    coords = geom.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        raise ValueError("a Point needs [longitude, latitude] coordinates")
    lon, lat = coords[:2]
    for name, x in (("longitude", lon), ("latitude", lat)):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise ValueError(f"the Point's {name} is {_kind(x)}, not a number")
    return float(lat), float(lon)


def read_claims_geojson(path: Path, text: str | None = None, *, label: str | None = None
                        ) -> list[Claim]:
    """Claims from a GeoJSON FeatureCollection; ``label`` as for read_claims_csv.

    A Point geometry gives the coordinates; ``lat``/``lon`` properties may repeat them but
    not contradict them.
    """
    text = _text(path) if text is None else text
    path = label or shown_path(path)  # as named in messages and origins
    try:
        doc = json.loads(text, parse_constant=_json_constant, parse_int=_json_int)
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON: {err.msg} (column {err.colno})", path=path,
                         line=err.lineno) from err
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply (lists or objects within "
                         "each other hundreds of levels deep)", path=path) from None
    except ValueError as err:  # from _json_constant or _json_int
        raise InputError(f"malformed JSON: {err}", path=path) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputError("expected a GeoJSON FeatureCollection", path=path, line=1)
    features = doc.get("features") or []
    if not isinstance(features, list):
        raise InputError("'features' must be a list of GeoJSON features", path=path, line=1)
    claims, errors = [], []
    for n, feat in enumerate(features, start=1):
        where = f"feature {n}"
        try:
            if not isinstance(feat, dict) or not isinstance(feat.get("properties"), dict):
                raise ValueError("a feature needs a properties object")
            given = feat["properties"]
            props = {k: _property(k, v) for k, v in given.items() if k not in DERIVED}
            unknown = sorted(set(props) - set(COLUMNS) - set(INFORMATIONAL))
            if unknown:
                raise ValueError(f"unknown properties {', '.join(map(_shown, unknown))}")
            geom = feat.get("geometry")
            if geom and "label_lon" in given and isinstance(geom, dict) and \
                    geom.get("type") in ("Polygon", "MultiPolygon"):
                # an area geomap drew for a claim located only to it (a province): the claim
                # is where its place is, which geomap works out again, not the drawing
                geom = None
            if geom:
                lat, lon = _point(geom)
                # Properties that repeat the Point are fine; ones that move it are an
                # error, not a silent override (which of the two did the source mean?).
                given = {k: props.get(k, "").strip() for k in ("lat", "lon")}
                for name, x in (("lat", lat), ("lon", lon)):
                    if given[name] and not abs(_number(given[name], name) - x) <= 1e-6:
                        raise ValueError(
                            f"lat/lon properties ({given['lat'][:30] or '-'}, "
                            f"{given['lon'][:30] or '-'}) disagree with the geometry "
                            f"({lat!r}, {lon!r}: latitude, longitude)")
                props["lat"], props["lon"] = repr(lat), repr(lon)
            claims.append(claim_from_fields(props, f"{path}#{where}"))
        except ValueError as err:
            errors.append(InputError(f"{where}: {err}", path=path))
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise InputErrors(errors)
    return claims


def read_claims(paths: Iterable[str | Path], *, labels: dict[Path, str] | None = None
                ) -> list[Claim]:
    """Read claims files by their extension (.csv, .geojson/.json), in order.

    A file is named in messages and claim origins as given, or by ``labels[path]``.

    Ids repeated within or across files are an error: each claim must stay traceable.
    """
    claims: list[Claim] = []
    for p in paths:
        path = Path(p)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            claims.extend(read_claims_csv(path, label=(labels or {}).get(path)))
        elif suffix in (".geojson", ".json"):
            claims.extend(read_claims_geojson(path, label=(labels or {}).get(path)))
        else:
            raise InputError("unknown claims file type: use .csv or .geojson", path=path)
    check_ids(claims)
    return claims


_id_of = operator.attrgetter("id")


def check_ids(claims: list[Claim]) -> None:
    """InputErrors for each id used again (naming where each was used first): every claim
    of the inputs must stay traceable by its id."""
    ids = list(map(_id_of, claims))
    if len(set(ids)) == len(ids):  # (each once: the common case, at once)
        return
    seen: dict[str, str] = {}
    errors = []
    for c in claims:
        if c.id in seen:
            path, _, line = c.origin.rpartition(":")
            errors.append(InputError(f"claim id {c.id!r} already used at {seen[c.id]}",
                                     path=path or c.origin,
                                     line=int(line) if line.isdigit() else None))
        seen.setdefault(c.id, c.origin)
    if errors:
        raise InputErrors(errors)


def fields_of(claim: Claim) -> dict[str, str]:
    """A claim as the text fields of a claims file's row (claim_from_fields reads them)."""
    return {k: "" if getattr(claim, k) is None else str(getattr(claim, k)) for k in COLUMNS}


# -- documents (news reports) -------------------------------------------------------------

HEADER_KEYS = {"title": "title", "publisher": "publisher", "source": "publisher", "url": "url",
               "date": "published", "published": "published"}
# The value is stripped in code: "[ \t]*(.*?)[ \t]*$" took time quadratic in a run of
# blanks inside a long first line.
_HEADER_LINE = re.compile(r"(?P<key>[A-Za-z]+):(?P<value>.*)")
_LOOSE_DATES = ["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%A, %d %B %Y", "%A, %B %d, %Y",
                "%d %b %Y", "%b %d, %Y", "%A %d %B %Y", "%B %d %Y", "%d %B, %Y",
                "%A %B %d, %Y", "%a, %d %b %Y", "%a %d %b %Y", "%a, %b %d, %Y", "%b. %d, %Y",
                "%d.%m.%Y"]  # (not 14/05/2021: day and month order differ by country)
# An ISO 8601 date and time, with or without its zone: "2021-05-14T10:00:00+04:00",
# "2021-05-14T10:00:00.000Z", "2021-05-14 10:00".
_ISO_DATETIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})"
                           r"(?::([0-9]{2})(?:[.,][0-9]+)?)?"
                           r" ?(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?)?", re.I)


def read_date(value: str) -> str:
    """A publication date in a common form as YYYY-MM-DD; ValueError says why not.

    ISO dates and datetimes (any zone), "14 May 2021", "May 14, 2021", "Friday, 14 May 2021",
    "Friday 14 May 2021", "Fri 14 May 2021", "14.05.2021" and RFC 2822 ("Fri, 14 May 2021
    10:00:00 GMT"); not "14/05/2021", whose order of day and month differs by country. A
    datetime gives the day as written, in the publisher's own zone. Digits are ASCII only.
    """
    value = " ".join(value.split()).rstrip(".")
    if not value.isascii():
        raise ValueError("only the digits 0-9 and English month names are read")
    m = _ISO_DATETIME.fullmatch(value)
    if m:
        day = dt.date.fromisoformat(m[1])  # ValueError for 2021-02-30
        if m[2] and (int(m[2]) > 23 or int(m[3]) > 59 or int(m[4] or 0) > 60):
            raise ValueError(f"the time of day in {value!r} does not exist")
        return day.isoformat()
    for fmt in _LOOSE_DATES:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    m = re.match(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])", value)  # a date, then more
    if m:
        return dt.date.fromisoformat(m[1]).isoformat()
    raise ValueError("geomap reads YYYY-MM-DD, 14 May 2021, May 14, 2021, Friday 14 May "
                     "2021, 14.05.2021 and RFC 2822 dates (Fri, 14 May 2021 10:00:00 GMT)")


def loose_date(value: str) -> str:
    """A publication date in a common form (see read_date) as YYYY-MM-DD; '' if unreadable."""
    try:
        return read_date(value)
    except ValueError:
        return ""


def _decode(data: bytes, name: str, encoding: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("is a binary file, not text", path=name)
    try:
        return data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in
                           ("utf-8", "utf8") else encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=name) from None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"is not {encoding} text (byte 0x{data[err.start]:02x}); give its "
                         "encoding with --encoding, e.g. --encoding cp1251 or latin-1",
                         path=name, line=line) from err
    except UnicodeError as err:  # codecs such as idna fail without saying where
        raise InputError(f"is not {encoding} text ({err})", path=name) from err


def _split_header(text: str) -> tuple[dict, str, dict]:
    """``key: value`` lines at the top, ended by a blank line, are metadata.

    Returns the metadata, the text after it, and the line (1-based) each key was read on.
    """
    meta: dict[str, str] = {}
    lines_of: dict[str, int] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            return (meta, "\n".join(lines[i + 1:]), lines_of) if meta else ({}, text, {})
        m = _HEADER_LINE.fullmatch(line)
        if not m or m["key"].lower() not in HEADER_KEYS:
            return {}, text, {}
        meta[HEADER_KEYS[m["key"].lower()]] = m["value"].strip(" \t")
        lines_of[HEADER_KEYS[m["key"].lower()]] = i + 1
    return {}, text, {}


def read_document(path: str | Path, *, encoding: str = "utf-8", title: str | None = None,
                  publisher: str | None = None, url: str | None = None,
                  date: str | None = None, stdin: bytes | None = None,
                  name: str | None = None) -> Document:
    """Read a news report (plain text, Markdown or HTML; ``-`` is standard input).

    ``stdin`` with ``name``: the bytes of a report already read (a corpus's, read once for
    its hash and sent to a worker), named (and read as HTML or Markdown by that name) as the
    file they came from.

    Metadata comes from the options, else an HTML page's head, else a header block of
    ``key: value`` lines (title, publisher, url, date) ended by a blank line. A header date
    geomap cannot read is an error; a page's is left unknown (the page still reads). A url
    that is not http(s) is dropped (given as an option: an error).
    """
    from .textformats import html_to_text, markdown_to_text

    if str(path) == "-":
        import sys

        name = name or "<stdin>"
        data = stdin if stdin is not None else sys.stdin.buffer.read()
    else:
        name = shown_path(path)  # as named in messages and origins
        data = _read_bytes(Path(path), "a text file")
    text = _decode(data, name, encoding).replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    head = text.lstrip()[:200].lower()
    if name.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html")):
        text, meta = html_to_text(text)
        published = loose_date(meta.get("published", ""))
    else:
        meta, text, line_of = _split_header(text)
        if name.lower().endswith((".md", ".markdown")):
            text = markdown_to_text(text)
        published = ""
        if meta.get("published") and not date:
            try:
                published = read_date(meta["published"])
            except ValueError as err:
                raise InputError(f"date {_shown(meta['published'])} in the header is not a "
                                 f"date geomap can read: {err}", path=name,
                                 line=line_of["published"]) from None
    if date:
        try:
            published = read_date(date)
        except ValueError as err:
            raise InputError(f"date {_shown(date)} is not YYYY-MM-DD ({err})",
                             path=name) from None
    if url:
        given_url = normal_url(url)
        if not given_url:
            raise InputError(f"url {_shown(url)} is not an http(s) address", path=name)
    else:
        given_url = normal_url(meta.get("url", ""))
    # Control characters out of the text as read (an HTML "&#12;" makes one too), one
    # character for one so that offsets into the text stay right.
    return Document(text=clean_text(text), name=name,
                    title=clean_text(title or meta.get("title", "")),
                    publisher=clean_text(publisher or meta.get("publisher", "")),
                    url=given_url, published=published)

"""Read stage: claims files (CSV, GeoJSON) into Claim records.

Every bad row is reported with its file and line (or GeoJSON feature number); no row is
dropped silently. All problems in a file are collected, so an analyst fixes a spreadsheet
in one pass rather than one error at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .records import DATE_PRECISIONS, EVENTS, PRECISIONS, ROLES, STANCES, Claim, Document

REQUIRED = ["date", "place", "claimant", "claimant_side", "stance", "event", "actor", "text",
            "source", "url"]
OPTIONAL = ["id", "lat", "lon", "precision", "published", "date_precision", "role", "publisher",
            "span_start", "span_end", "depth_km"]
COLUMNS = REQUIRED + OPTIONAL
# Columns that must hold a value in every row; the others may be empty.
MUST_HAVE = ["place", "claimant", "claimant_side", "stance", "event", "text"]
MAX_ERRORS = 50

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class InputErrors(InputError):
    """Several problems in one input; ``str()`` is the first, ``errors`` holds them all."""

    def __init__(self, errors: list[InputError]):
        first = errors[0]
        super().__init__(first.message, path=first.path, line=first.line)
        self.errors = errors


def parse_date(value: str) -> tuple[str, str]:
    """``2021-05-12`` -> ('2021-05-12', 'day'); ``2021-05`` -> month; ``''`` -> unknown.

    Raises ValueError for an impossible date such as 2021-02-30.
    """
    value = value.strip()
    if not value:
        return "", "unknown"
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"date {value!r} does not exist ({err})") from err
    return value, "day" if day else "month" if month else "year"


def in_date_range(date: str, date_from: str | None = None, date_to: str | None = None) -> bool:
    """Whether a claim's date (YYYY, YYYY-MM or YYYY-MM-DD) overlaps [date_from, date_to].

    No range: every claim. An undated claim is in no range.
    """
    if not (date_from or date_to):
        return True
    if not date:
        return False
    start = date + {4: "-01-01", 7: "-01"}.get(len(date), "")
    end = date + {4: "-12-31", 7: "-31"}.get(len(date), "")
    return (not date_from or end >= date_from) and (not date_to or start <= date_to)


def check_date_range(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise InputError(f"--from {date_from} is after --to {date_to}")


def _coordinate(value: str, name: str, limit: float) -> float:
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a number") from None
    if not math.isfinite(x) or abs(x) > limit:
        raise ValueError(f"{name} {value!r} is outside -{limit:g}..{limit:g}")
    return x


def _span(value: str, name: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise ValueError(f"{name} {value!r} is not a character offset")
    return int(value)


def claim_id(fields: dict[str, str]) -> str:
    """A stable id from the claim's content: the same claim gets the same id in every run."""
    basis = "\x1f".join(fields.get(k, "") for k in ("source", "url", "date", "place", "claimant",
                                                    "stance", "event", "text"))
    return "c" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:10]


def claim_from_fields(fields: dict[str, str], origin: str) -> Claim:
    """Validate one row's fields (strings) and build the Claim; raise ValueError if wrong."""
    f = {k: (v or "").strip() for k, v in fields.items()}
    for name in MUST_HAVE:
        if not f.get(name):
            raise ValueError(f"{name} is empty")
    if f["stance"] not in STANCES:
        raise ValueError(f"stance {f['stance']!r} is not one of {', '.join(STANCES)}")
    if f["event"] not in EVENTS:
        raise ValueError(f"event {f['event']!r} is not one of {', '.join(EVENTS)}")
    role = f.get("role") or "incident"
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    precision = f.get("precision", "")
    if precision and precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    date, date_precision = parse_date(f.get("date", ""))
    if f.get("date_precision"):
        if f["date_precision"] not in DATE_PRECISIONS:
            raise ValueError(f"date_precision {f['date_precision']!r} is not one of "
                             f"{', '.join(DATE_PRECISIONS)}")
        date_precision = f["date_precision"]
    published, _ = parse_date(f.get("published", ""))
    lat = lon = None
    if f.get("lat") or f.get("lon"):
        if not (f.get("lat") and f.get("lon")):
            raise ValueError("lat and lon must be given together")
        lat, lon = _coordinate(f["lat"], "lat", 90), _coordinate(f["lon"], "lon", 180)
    depth = None
    if f.get("depth_km"):
        try:
            depth = float(f["depth_km"])
        except ValueError:
            raise ValueError(f"depth_km {f['depth_km']!r} is not a number") from None
        if not 0 < depth <= 100:
            raise ValueError(f"depth_km {f['depth_km']!r} is outside 0..100")
    url = f.get("url", "")
    if url and not re.match(r"^https?://\S+$", url):
        raise ValueError(f"url {url!r} is not an http(s) address")
    return Claim(
        id=f.get("id") or claim_id(f), text=f["text"], claimant=f["claimant"],
        claimant_side=f["claimant_side"], stance=f["stance"], event=f["event"],
        actor=f.get("actor", ""), place=f["place"], date=date, date_precision=date_precision,
        published=published, source=f.get("source", ""), publisher=f.get("publisher", ""),
        url=url, role=role, precision=precision, lat=lat, lon=lon,
        span_start=_span(f.get("span_start", ""), "span_start"),
        span_end=_span(f.get("span_end", ""), "span_end"), depth_km=depth, origin=origin)


def _read_bytes(path: Path, what: str) -> bytes:
    """A file's bytes, or an InputError that says why not."""
    try:
        return path.read_bytes()
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


def read_claims_csv(path: Path, text: str | None = None, *, label: str | None = None
                    ) -> list[Claim]:
    """Claims from a CSV file; ``label`` names the file in messages and origins."""
    text = _text(path) if text is None else text
    path = label or path
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    errors: list[InputError] = []
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise InputError(f"malformed CSV: {err}", path=path, line=1) from err
    if not header or not any(h.strip() for h in header):
        raise InputError("empty file: expected a header row with the claims columns",
                         path=path, line=1)
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in COLUMNS]
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
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            errors.append(InputError(f"malformed CSV: {err}", path=path, line=reader.line_num))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(InputError(f"expected {len(header)} fields, found {len(row)}",
                                     path=path, line=line))
        else:
            try:
                claims.append(claim_from_fields(dict(zip(header, row)), f"{path}:{line}"))
            except ValueError as err:
                errors.append(InputError(str(err), path=path, line=line))
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise InputErrors(errors)
    return claims


def read_claims_geojson(path: Path, text: str | None = None, *, label: str | None = None
                        ) -> list[Claim]:
    """Claims from a GeoJSON FeatureCollection; ``label`` as for read_claims_csv."""
    text = _text(path) if text is None else text
    path = label or path
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON: {err.msg} (column {err.colno})", path=path,
                         line=err.lineno) from err
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
            props = {k: "" if v is None else str(v) for k, v in feat["properties"].items()}
            unknown = sorted(set(props) - set(COLUMNS))
            if unknown:
                raise ValueError(f"unknown properties {', '.join(unknown)}")
            geom = feat.get("geometry")
            if geom:
                coords = geom.get("coordinates") if isinstance(geom, dict) else None
                if geom.get("type") != "Point" if isinstance(geom, dict) else True:
                    raise ValueError("geometry must be a Point (or null)")
                if not isinstance(coords, list) or len(coords) < 2:
                    raise ValueError("a Point needs [longitude, latitude] coordinates")
                lon, lat = geom["coordinates"][:2]
                props.setdefault("lat", str(lat))
                props.setdefault("lon", str(lon))
                if not props["lat"] or not props["lon"]:
                    props["lat"], props["lon"] = str(lat), str(lon)
            claims.append(claim_from_fields(props, f"{path}#{where}"))
        except ValueError as err:
            errors.append(InputError(f"{where}: {err}", path=path))
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
    return claims


# -- documents (news reports) -------------------------------------------------------------

HEADER_KEYS = {"title": "title", "publisher": "publisher", "source": "publisher", "url": "url",
               "date": "published", "published": "published"}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+):[ \t]*(?P<value>.*?)[ \t]*$")
_LOOSE_DATES = ["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%A, %d %B %Y", "%A, %B %d, %Y",
                "%d %b %Y", "%b %d, %Y", "%Y-%m-%dT%H:%M:%S"]


def loose_date(value: str) -> str:
    """A publication date in a common form as YYYY-MM-DD; '' if it cannot be read."""
    value = value.strip().rstrip(".")
    for fmt in _LOOSE_DATES:
        try:
            return dt.datetime.strptime(value[: len(value)], fmt).date().isoformat()
        except ValueError:
            continue
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", value)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)).isoformat()
        except ValueError:
            return ""
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


def _split_header(text: str) -> tuple[dict, str]:
    """``key: value`` lines at the top, ended by a blank line, are metadata."""
    meta: dict[str, str] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            return (meta, "\n".join(lines[i + 1:])) if meta else ({}, text)
        m = _HEADER_LINE.match(line)
        if not m or m["key"].lower() not in HEADER_KEYS:
            return {}, text
        meta[HEADER_KEYS[m["key"].lower()]] = m["value"]
    return {}, text


def read_document(path: str | Path, *, encoding: str = "utf-8", title: str | None = None,
                  publisher: str | None = None, url: str | None = None,
                  date: str | None = None, stdin: bytes | None = None) -> Document:
    """Read a news report (plain text, Markdown or HTML; ``-`` is standard input).

    Metadata comes from the options, else an HTML page's head, else a header block of
    ``key: value`` lines (title, publisher, url, date) ended by a blank line.
    """
    from .textformats import html_to_text, markdown_to_text

    if str(path) == "-":
        import sys

        name = "<stdin>"
        data = stdin if stdin is not None else sys.stdin.buffer.read()
    else:
        name = str(path)
        data = _read_bytes(Path(path), "a text file")
    text = _decode(data, name, encoding).replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    head = text.lstrip()[:200].lower()
    if name.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html")):
        text, meta = html_to_text(text)
    else:
        meta, text = _split_header(text)
        if name.lower().endswith((".md", ".markdown")):
            text = markdown_to_text(text)
    given = date or meta.get("published", "")
    published = loose_date(given) if given else ""
    if date and not published:
        raise InputError(f"date {date!r} is not YYYY-MM-DD", path=name)
    return Document(text=text, name=name, title=title or meta.get("title", ""),
                    publisher=publisher or meta.get("publisher", ""),
                    url=url or meta.get("url", ""), published=published)

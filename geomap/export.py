"""Export stage: claims and place mentions as CSV, JSON and GeoJSON, with stable keys.

The claims CSV is the format ``geomap map`` reads: what ``geomap extract`` writes, an
analyst corrects in a spreadsheet and maps.
"""

from __future__ import annotations

import csv
import io
import json

from .read import COLUMNS
from .records import Claim


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    return str(value)


def claims_rows(claims: list[Claim]) -> list[dict]:
    return [{k: getattr(c, k) for k in COLUMNS} for c in claims]


def claims_csv(claims: list[Claim]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for row in claims_rows(claims):
        w.writerow([_cell(row[k]) for k in COLUMNS])
    return out.getvalue()


def claims_json(claims: list[Claim], facts: list[dict] | None = None) -> str:
    """Claims as JSON; ``facts`` (one dict per claim) adds the border facts."""
    rows = [{**r, **(f or {})} for r, f in zip(claims_rows(claims), facts or [{}] * len(claims))]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def claims_geojson(claims: list[Claim], facts: list[dict] | None = None) -> str:
    """RFC 7946: lon, lat order; a claim with no coordinates has a null geometry."""
    feats = []
    for row, f in zip(claims_rows(claims), facts or [{}] * len(claims)):
        row = {**row, **(f or {})}
        geom = None
        if row["lat"] is not None and row["lon"] is not None:
            geom = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        feats.append({"type": "Feature", "geometry": geom, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False,
                      indent=1) + "\n"


PLACE_FIELDS = ["surface", "start", "end", "status", "place_id", "name", "kind", "country",
                "lat", "lon", "precision", "reason", "candidates"]


def places_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(PLACE_FIELDS)
    for r in rows:
        w.writerow([_cell("; ".join(r[k]) if k == "candidates" else r[k]) for k in PLACE_FIELDS])
    return out.getvalue()


def places_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def table(rows: list[list[str]]) -> str:
    """A plain, aligned text table (the first row is the header)."""
    if not rows:
        return ""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()
                     for r in rows) + "\n"

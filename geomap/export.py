"""Export stage: claims and place mentions as CSV, JSON and GeoJSON, with stable keys.

The claims CSV is the format ``geomap map`` reads: what ``geomap extract`` writes, an
analyst corrects in a spreadsheet and maps.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re

from .read import COLUMNS, spreadsheet_safe
from .records import Claim


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    return spreadsheet_safe(str(value))


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


# -- map exports: every claim, placed or not, with the map's manifest -----------------------

EXPORT_FIELDS = ["id", "date", "date_precision", "place", "place_id", "place_name", "place_kind",
                 "country", "precision", "claimant", "claimant_side", "stance", "event",
                 "actor", "role", "text", "source", "publisher", "url", "published", "origin",
                 "resolution", "depth_km", "in_country", "border_km", "border_with",
                 "border_kind", "exclave", "disputed", "outside", "border", "confidence",
                 "check", "placed"]


def _clean(value):
    """JSON-safe: NaN and None become null, numpy scalars plain numbers."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def export_rows(frame, unplaced: list[dict]) -> list[dict]:
    """Placed claims (from the joined frame) then unplaced ones, with every field."""
    rows = []
    for rec in frame.drop(columns="geometry").to_dict("records"):
        row = {k: _clean(rec.get(k)) for k in EXPORT_FIELDS}
        row.update(placed=True, lat=_clean(rec["lat"]), lon=_clean(rec["lon"]))
        rows.append(row)
    for u in unplaced:
        row = {k: _clean(u.get(k)) for k in EXPORT_FIELDS}
        row.update(placed=False, lat=None, lon=None, resolution=u.get("reason"))
        rows.append(row)
    return rows


def map_geojson(rows: list[dict], manifest: dict) -> str:
    """RFC 7946 FeatureCollection: one feature per claim (lon, lat order; an unplaced claim
    has a null geometry), the manifest as a foreign member."""
    feats = []
    for r in rows:
        geom = None if r["lat"] is None else {"type": "Point", "coordinates": [
            round(r["lon"], 6), round(r["lat"], 6)]}
        props = {k: v for k, v in r.items() if k not in ("lat", "lon")}
        feats.append({"type": "Feature", "id": r["id"], "geometry": geom, "properties": props})
    doc = {"type": "FeatureCollection", "geomap": manifest, "features": feats}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _kml_colour(hex_rgb: str) -> str:
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"ff{b}{g}{r}".lower()  # KML is aabbggrr


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _kml_id(text: str, prefix: str = "") -> str:
    """An XML id: the text itself (after the prefix) where that is one, else a digest."""
    if _NCNAME.fullmatch(prefix + text):
        return prefix + text
    return f"{prefix or 'id-'}x{hashlib.sha1(text.encode('utf-8', 'replace')).hexdigest()[:12]}"


def map_kml(rows: list[dict], manifest: dict, colours: dict[str, str]) -> str:
    """KML 2.2: a placemark per placed claim, styled by side; the manifest as ExtendedData.

    Google Earth reads a name and a description as HTML: those are escaped twice (for HTML,
    then for XML), and each style's balloon shows only the description, so that the data
    (ExtendedData, escaped once: it is data for GIS tools) is never shown as HTML.
    """
    from html import escape as html_escape
    from xml.sax.saxutils import escape

    def e(v) -> str:
        text = _XML_ILLEGAL.sub("\ufffd", "" if v is None else str(v))
        return escape(text, {'"': "&quot;"})

    def shown(v) -> str:
        return e(html_escape("" if v is None else str(v)))

    style = {side: _kml_id(side, "side-") for side in colours}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<kml xmlns="http://www.opengis.net/kml/2.2">', "<Document>",
           f"<name>{shown(manifest.get('title', 'geomap'))}</name>",
           "<ExtendedData>"]
    out.append(f'<Data name="geomap-manifest"><value>{e(json.dumps(manifest, sort_keys=True))}'
               "</value></Data></ExtendedData>")
    for side, colour in sorted(colours.items()):
        out.append(f'<Style id="{style[side]}"><IconStyle><color>{_kml_colour(colour)}'
                   "</color><scale>1.1</scale></IconStyle>"
                   "<BalloonStyle><text>$[description]</text></BalloonStyle></Style>")
    for r in rows:
        if r["lat"] is None:
            continue
        desc = (f"{r['claimant']} {r['stance']} {r['event']} ({r['date'] or 'no date'}): "
                f"{r['text']} [{r['source']}] {r['border'] or ''}")
        data = "".join(f'<Data name="{e(k)}"><value>{e(v)}</value></Data>'
                       for k, v in r.items() if k not in ("lat", "lon"))
        when = f"<TimeStamp><when>{e(r['date'])}</when></TimeStamp>" if r["date"] else ""
        out.append(f'<Placemark id="{_kml_id(str(r["id"]))}"><name>{shown(r["claimant_side"])}'
                   f": {shown(r['stance'])} {shown(r['event'])}</name>"
                   f"<description>{shown(desc)}</description>{when}"
                   f"<styleUrl>#{style[r['claimant_side']]}</styleUrl>"
                   f"<ExtendedData>{data}</ExtendedData>"
                   f"<Point><coordinates>{r['lon']:.6f},{r['lat']:.6f}</coordinates></Point>"
                   "</Placemark>")
    out += ["</Document>", "</kml>"]
    return "\n".join(out) + "\n"


# GDAL stamps each table with the time of writing; a fixed stamp keeps the bytes the same.
GPKG_LAST_CHANGE = "1970-01-01T00:00:00.000Z"


def gpkg_to(tmp, rows: list[dict], layers: list, manifest: dict) -> None:
    """Write the GeoPackage to ``tmp`` (a path the driver creates): the claims, every
    boundary and claim layer, and the manifest table."""
    import sqlite3

    import geopandas as gpd
    from shapely.geometry import Point

    from .errors import OutputError

    try:
        claims = gpd.GeoDataFrame(
            [{k: ("" if v is None else v) if k not in ("border_km", "depth_km") else v
              for k, v in r.items() if k not in ("lat", "lon")} for r in rows],
            geometry=[None if r["lat"] is None else Point(r["lon"], r["lat"]) for r in rows],
            crs="EPSG:4326")
        claims.to_file(tmp, layer="claims", driver="GPKG")
        for name, frame in layers:
            if len(frame):
                frame.to_file(tmp, layer=name, driver="GPKG")
        gpd.GeoDataFrame({"key": ["manifest"], "value": [json.dumps(manifest, sort_keys=True)]},
                         geometry=[None], crs="EPSG:4326").to_file(tmp, layer="geomap_manifest",
                                                                  driver="GPKG")
        with sqlite3.connect(os.fsencode(tmp)) as conn:
            conn.execute("UPDATE gpkg_contents SET last_change = ?", (GPKG_LAST_CHANGE,))
        conn.close()
    except OSError:
        raise
    except Exception as err:  # the GIS driver raises several types (a full disk among them)
        raise OutputError(f"cannot write the GeoPackage: {err}") from err


def write_gpkg(path, rows: list[dict], layers: list, manifest: dict) -> None:
    """A GeoPackage at ``path``, written whole or not at all (see gpkg_to)."""
    from .outputs import Staged

    with Staged() as out:
        out.write(path, lambda tmp: gpkg_to(tmp, rows, layers, manifest), fresh=True)
        out.commit()

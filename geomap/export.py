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
import shutil
import tempfile

from .read import COLUMNS, spreadsheet_safe
from .records import EXPORT_COLUMNS, Claim


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    return spreadsheet_safe(str(value))


def claims_rows(claims: list[Claim]) -> list[dict]:
    return [{k: getattr(c, k) for k in COLUMNS} for c in claims]


def claims_csv(claims: list[Claim], *, incident_ids: dict[str, str] | None = None) -> str:
    """The claims format; ``incident_ids`` adds each claim's incident (read back, and
    left aside, by geomap map: incidents are worked out again every time)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    extra = ["incident_id"] if incident_ids is not None else []
    w.writerow(COLUMNS + extra)
    for c, row in zip(claims, claims_rows(claims)):
        w.writerow([_cell(row[k]) for k in COLUMNS] +
                   ([_cell(incident_ids.get(c.id, ""))] if extra else []))
    return out.getvalue()


def claims_json(claims: list[Claim], facts: list[dict] | None = None) -> str:
    """Claims as JSON; ``facts`` (one dict per claim) adds the border facts."""
    rows = [{**r, **(f or {})} for r, f in zip(claims_rows(claims), facts or [{}] * len(claims))]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def claims_geojson(claims: list[Claim], facts: list[dict] | None = None,
                   areas: dict[str, object] | None = None) -> str:
    """RFC 7946: lon, lat order; a claim with no coordinates has a null geometry.

    A claim located only to an area (see ``area_of``) is that area, its point in the
    ``label_lon``/``label_lat`` properties.
    """
    feats = []
    for row, f in zip(claims_rows(claims), facts or [{}] * len(claims)):
        row = {**row, **(f or {})}
        geom = None
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        if row["lat"] is not None and row["lon"] is not None:
            geom = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            area = area_of(row, areas)
            if area is not None:
                geom = _geojson_area(area)
                props.update(label_lon=round(row["lon"], 6), label_lat=round(row["lat"], 6))
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

EXPORT_FIELDS = list(EXPORT_COLUMNS)  # records.py: derived from the claim schema


def _clean(value):
    """JSON-safe: NaN and None become null, numpy scalars plain numbers."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _clean_column(frame, name: str) -> list:
    """A column of the frame, each value as _clean makes it (read by column: pandas reads
    Arrow text one value at a time otherwise); a column the frame lacks is all null."""
    import numpy as np

    if name not in frame.columns:
        return [None] * len(frame)
    series = frame[name]
    values = series.tolist()
    if series.dtype != object:  # numbers and text: missing is NaN
        for i in np.flatnonzero(series.isna().to_numpy()):
            values[i] = None
        return values
    return [_clean(v) for v in values]


def export_rows(frame, unplaced: list[dict]) -> list[dict]:
    """Placed claims (from the joined frame) then unplaced ones, with every field."""
    fields = [*EXPORT_FIELDS, "lat", "lon"]
    columns = [[True] * len(frame) if k == "placed" else _clean_column(frame, k)
               for k in fields]
    rows = [dict(zip(fields, values)) for values in zip(*columns)]
    for u in unplaced:
        row = {k: _clean(u.get(k)) for k in EXPORT_FIELDS}
        row.update(placed=False, lat=None, lon=None, resolution=u.get("reason"))
        rows.append(row)
    return rows


# -- claims located only to an area --------------------------------------------------------

# A claim at one of these precisions names an area, not a spot: drawn as the area.
AREA_PRECISIONS = ("province", "district", "zone", "country")


def _polygonal(geom):
    """The polygons of ``geom`` (shapely, or anything with ``__geo_interface__``) as one
    Polygon or MultiPolygon, each exterior ring counter-clockwise (RFC 7946); None when it
    has no polygon (lines or points left by clipping are dropped)."""
    from shapely.geometry import MultiPolygon, shape
    from shapely.geometry.base import BaseGeometry
    from shapely.geometry.polygon import orient

    if geom is None:
        return None
    if not isinstance(geom, BaseGeometry):
        geom = shape(geom)
    parts, todo = [], [geom]
    while todo:
        g = todo.pop(0)
        if g.is_empty:
            continue
        if g.geom_type == "Polygon":
            parts.append(orient(g, sign=1.0))
        elif hasattr(g, "geoms"):  # MultiPolygon, GeometryCollection
            todo[:0] = list(g.geoms)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def area_of(row: dict, areas: dict[str, object] | None):
    """The area a placed claim is located to: its place's geometry in ``areas`` (place id
    -> shapely geometry, EPSG:4326) when its precision is an area's (province, district,
    zone, country); else None (the claim is its point)."""
    if not areas or row.get("precision") not in AREA_PRECISIONS or row.get("lat") is None:
        return None
    place_id = row.get("place_id")
    if not isinstance(place_id, str) or place_id not in areas:
        return None
    return _polygonal(areas[place_id])


def _ring(coords) -> list[tuple[float, float]]:
    """A ring's (lon, lat) rounded to 6 decimals (0.1 m), repeated positions dropped."""
    out: list[tuple[float, float]] = []
    for x, y, *_ in coords:
        p = (round(float(x), 6), round(float(y), 6))
        if not out or out[-1] != p:
            out.append(p)
    return out


def _polygons(area) -> list[list[list[tuple[float, float]]]]:
    """Each polygon of an area as its rings (exterior first), rounded."""
    polys = area.geoms if area.geom_type == "MultiPolygon" else [area]
    return [[_ring(p.exterior.coords)] + [_ring(r.coords) for r in p.interiors] for p in polys]


def _geojson_area(area) -> dict:
    polys = [[[list(p) for p in ring] for ring in poly] for poly in _polygons(area)]
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def _label(row: dict) -> dict:
    return {"label_lon": round(row["lon"], 6), "label_lat": round(row["lat"], 6)}


def map_geojson(rows: list[dict], manifest: dict, *,
                areas: dict[str, object] | None = None) -> str:
    """RFC 7946 FeatureCollection: one feature per claim (lon, lat order; an unplaced claim
    has a null geometry), the manifest as a foreign member.

    A claim located only to an area (``areas``: place id -> shapely geometry in EPSG:4326;
    see ``area_of``) is that area's Polygon or MultiPolygon, coordinates rounded to 6
    decimals, and its point is in the ``label_lon``/``label_lat`` properties: it does not
    look like an exact spot.
    """
    feats = []
    for r in rows:
        geom = None if r["lat"] is None else {"type": "Point", "coordinates": [
            round(r["lon"], 6), round(r["lat"], 6)]}
        props = {k: v for k, v in r.items() if k not in ("lat", "lon")}
        area = area_of(r, areas)
        if area is not None:
            geom = _geojson_area(area)
            props.update(_label(r))
        feats.append({"type": "Feature", "id": r["id"], "geometry": geom, "properties": props})
    doc = {"type": "FeatureCollection", "geomap": manifest, "features": feats}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _kml_colour(hex_rgb: str, alpha: str = "ff") -> str:
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha}{b}{g}{r}".lower()  # KML is aabbggrr


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _kml_id(text: str, prefix: str = "") -> str:
    """An XML id: the text itself (after the prefix) where that is one, else a digest."""
    if _NCNAME.fullmatch(prefix + text):
        return prefix + text
    return f"{prefix or 'id-'}x{hashlib.sha1(text.encode('utf-8', 'replace')).hexdigest()[:12]}"


def _unique(ident: str, used: set[str]) -> str:
    """``ident``, or ``ident-2``, ``-3``, ... if taken: ids are unique in a document (xs:ID)."""
    n, out = 1, ident
    while out in used:
        n += 1
        out = f"{ident}-{n}"
    used.add(out)
    return out


def _kml_geometry(r: dict, area) -> str:
    if area is None:
        return f"<Point><coordinates>{r['lon']:.6f},{r['lat']:.6f}</coordinates></Point>"

    def ring(coords) -> str:
        return ("<LinearRing><coordinates>" + " ".join(f"{x:.6f},{y:.6f}" for x, y in coords)
                + "</coordinates></LinearRing>")

    polys = ["<Polygon><tessellate>1</tessellate>"
             f"<outerBoundaryIs>{ring(rings[0])}</outerBoundaryIs>"
             + "".join(f"<innerBoundaryIs>{ring(r)}</innerBoundaryIs>" for r in rings[1:])
             + "</Polygon>" for rings in _polygons(area)]
    return polys[0] if len(polys) == 1 else f"<MultiGeometry>{''.join(polys)}</MultiGeometry>"


def map_kml(rows: list[dict], manifest: dict, colours: dict[str, str], *,
            areas: dict[str, object] | None = None) -> str:
    """KML 2.2: a placemark per placed claim, styled by side; the manifest as ExtendedData.

    Valid against the OGC KML 2.2 schema: each feature's children in the schema's order
    (name, description, TimeStamp, styleUrl, Style, ExtendedData, then the Document's
    placemarks or the Placemark's geometry), every id unique.

    A claim located only to an area (``areas``, as for map_geojson) is that area's Polygon
    (a MultiGeometry of them for several parts), its point in the ``label_lon``/``label_lat``
    data.

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

    used: set[str] = set()
    style = {side: _unique(_kml_id(side, "side-"), used) for side in sorted(colours)}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<kml xmlns="http://www.opengis.net/kml/2.2">', "<Document>",
           f"<name>{shown(manifest.get('title', 'geomap'))}</name>"]
    for side, colour in sorted(colours.items()):
        out.append(f'<Style id="{style[side]}"><IconStyle><color>{_kml_colour(colour)}'
                   "</color><scale>1.1</scale></IconStyle>"
                   f"<LineStyle><color>{_kml_colour(colour)}</color><width>2</width></LineStyle>"
                   f"<PolyStyle><color>{_kml_colour(colour, '40')}</color></PolyStyle>"
                   "<BalloonStyle><text>$[description]</text></BalloonStyle></Style>")
    out.append("<ExtendedData>"
               f'<Data name="geomap-manifest"><value>{e(json.dumps(manifest, sort_keys=True))}'
               "</value></Data></ExtendedData>")
    for r in rows:
        if r["lat"] is None:
            continue
        area = area_of(r, areas)
        desc = (f"{r['claimant']} {r['stance']} {r['event']} ({r['date'] or 'no date'}): "
                f"{r['text']} [{r['source']}] {r['border'] or ''}")
        fields = {k: v for k, v in r.items() if k not in ("lat", "lon")}
        if area is not None:
            fields.update(_label(r))
        data = "".join(f'<Data name="{e(k)}"><value>{e(v)}</value></Data>'
                       for k, v in fields.items())
        when = f"<TimeStamp><when>{e(r['date'])}</when></TimeStamp>" if r["date"] else ""
        side = r["claimant_side"]
        link = f"<styleUrl>#{style[side]}</styleUrl>" if side in style else ""
        out.append(f'<Placemark id="{_unique(_kml_id(str(r["id"])), used)}">'
                   f"<name>{shown(side)}: {shown(r['stance'])} {shown(r['event'])}</name>"
                   f"<description>{shown(desc)}</description>{when}{link}"
                   f"<ExtendedData>{data}</ExtendedData>{_kml_geometry(r, area)}"
                   "</Placemark>")
    out += ["</Document>", "</kml>"]
    return "\n".join(out) + "\n"


# GDAL stamps each table with the time of writing; a fixed stamp keeps the bytes the same.
GPKG_LAST_CHANGE = "1970-01-01T00:00:00.000Z"


def gpkg_to(tmp, rows: list[dict], layers: list, manifest: dict, *,
            areas: dict[str, object] | None = None) -> None:
    """Write the GeoPackage to ``tmp`` (a path the driver creates): the claims, every
    boundary and claim layer, and the manifest table.

    One geometry type per layer, as QGIS expects (a mixed layer opens as a choice of
    sub-layers): ``claims`` holds the claims located to a point or a settlement (Point) and
    the unplaced ones (no geometry); ``area_claims`` those located only to an area
    (``areas``, as for map_geojson; MultiPolygon, the same columns and ``label_lon``,
    ``label_lat``), written when there are any. Together they hold every claim once.
    ``geomap_manifest`` is a non-spatial attributes table (key, value).

    The same rows give the same bytes, whatever the file is called and whenever it is
    written. GDAL writes a scratch file in a temporary folder of its own (GDAL never sees
    the output's name, in which it would read ';' as the end of the file's name); its tables'
    time stamps are then fixed and ``VACUUM INTO`` copies it to ``tmp`` as a fresh database
    (SQLite takes the name as a bound parameter, as it is): pages in one order,
    none of the bytes GDAL freed on the way, and a file change counter of 1. (GDAL's SQLite
    leaves a page alone when an update changes none of its bytes, as when a layer's time
    stamp is written twice in one millisecond: the scratch file's change counter, in its
    header, varies from run to run.)
    """
    import sqlite3

    import geopandas as gpd
    import pandas as pd
    import pyogrio
    from shapely.geometry import MultiPolygon, Point

    from .errors import OutputError

    def attributes(r: dict) -> dict:
        return {k: ("" if v is None else v) if k not in ("border_km", "depth_km") else v
                for k, v in r.items() if k not in ("lat", "lon")}

    folder = tempfile.mkdtemp(prefix="geomap-gpkg-")
    scratch = os.path.join(folder, "geomap.gpkg")
    try:
        at_points, in_areas = [], []
        for r in rows:
            area = area_of(r, areas)
            if area is None:
                at_points.append(r)
            else:
                in_areas.append((r, area))
        # the columns of the first row, also when no claim is at a point
        columns = list(attributes(rows[0])) if rows else []
        claims = gpd.GeoDataFrame(
            [attributes(r) for r in at_points], columns=columns,
            geometry=gpd.GeoSeries([None if r["lat"] is None else Point(r["lon"], r["lat"])
                                    for r in at_points], crs="EPSG:4326"))
        claims.to_file(scratch, layer="claims", driver="GPKG", geometry_type="Point")
        if in_areas:
            gpd.GeoDataFrame(
                [{**attributes(r), **_label(r)} for r, _ in in_areas],
                geometry=[a if a.geom_type == "MultiPolygon" else MultiPolygon([a])
                          for _, a in in_areas],
                crs="EPSG:4326").to_file(scratch, layer="area_claims", driver="GPKG",
                                         geometry_type="MultiPolygon")
        for name, frame in layers:
            if len(frame):
                frame.to_file(scratch, layer=name, driver="GPKG")
        pyogrio.write_dataframe(
            pd.DataFrame({"key": ["manifest"], "value": [json.dumps(manifest, sort_keys=True)]}),
            scratch, layer="geomap_manifest", driver="GPKG")
        conn = sqlite3.connect(os.fsencode(scratch), isolation_level=None)
        try:
            conn.execute("UPDATE gpkg_contents SET last_change = ?", (GPKG_LAST_CHANGE,))
            # the name as bytes (it may not be UTF-8), read by SQLite as text
            conn.execute("VACUUM INTO CAST(? AS TEXT)", (os.fsencode(tmp),))
        finally:
            conn.close()
    except OSError:
        raise
    except Exception as err:  # the GIS driver raises several types (a full disk among them)
        raise OutputError(f"cannot write the GeoPackage: {err}") from err
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_gpkg(path, rows: list[dict], layers: list, manifest: dict, *,
               areas: dict[str, object] | None = None) -> None:
    """A GeoPackage at ``path``, written whole or not at all (see gpkg_to)."""
    from .outputs import Staged

    with Staged() as out:
        out.write(path, lambda tmp: gpkg_to(tmp, rows, layers, manifest, areas=areas),
                  fresh=True)
        out.commit()

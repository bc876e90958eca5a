"""The reference basemap (geomap.basemap.Reference) on the HTML map and on the sheets.

HTML (``add_reference``): four Leaflet panes of the project's own, none taking pointer
events: "geomap-world" (z-index 200: the world's countries beyond the region, light grey),
"geomap-relief" (250: the relief tint, an image overlay from a data: URI),
"geomap-water" (260: rivers and lakes) and "geomap-labels" (450: the names of towns and
places, under Leaflet's markerPane at 600, where the claims are). The layers are drawn by
reference.js from the page's data (script#geomap-reference-data, written with safe_json),
names as text nodes; each layer has its entry in the layer control ("Relief", "Rivers and
lakes", "Towns and places"). No template syntax from the data reaches folium: the data
travels in a Literal, never in an element folium compiles.

Sheets (``draw_reference``): the relief, lakes, rivers and the names of towns and places on
a matplotlib axes in longitude and latitude, each name where it covers no other text and no
claim's symbol.
"""

from __future__ import annotations

import base64
import math
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

PANES = (("geomap-world", 200), ("geomap-relief", 250), ("geomap-water", 260),
         ("geomap-labels", 450))
LAYER_NAMES = {"world": "World (Natural Earth, low resolution)", "relief": "Relief",
               "water": "Rivers and lakes", "labels": "Towns and places"}
CSS = """
.geomap-ref-label { background: none; border: none; pointer-events: none !important; }
.geomap-ref-name { position: absolute; left: 0; top: 0; white-space: nowrap;
  pointer-events: none; font: 11.5px/16px system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; color: #3a3631;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.geomap-ref-dot { display: inline-block; width: 5px; height: 5px; border-radius: 50%;
  background: #3a3631; border: 1px solid #fff; margin: 0 3px 1px 0; vertical-align: middle; }
.geomap-ref-text { vertical-align: middle; }
.geomap-ref-big .geomap-ref-text { font-weight: 600; font-size: 13px; }
.geomap-ref-small .geomap-ref-text { font-size: 10.5px; color: #57514a; }
.geomap-ref-place .geomap-ref-text { font-style: italic; }
.geomap-ref-place .geomap-ref-dot { width: 4px; height: 4px; border-radius: 1px;
  background: #6b4f2a; }
.geomap-ref-water .geomap-ref-text, .geomap-ref-river .geomap-ref-text { color: #2f6797; }
.geomap-ref-water .geomap-ref-dot, .geomap-ref-river .geomap-ref-dot { display: none; }
.geomap-ref-mountain .geomap-ref-text, .geomap-ref-pass .geomap-ref-text,
.geomap-ref-valley .geomap-ref-text { color: #6b4f2a; }
.geomap-relief { image-rendering: auto; }
"""
# The sheet: how the reference is drawn (matplotlib), under the borders (zorder 3) and the
# claims (5 and up), over the countries' fill (1).
STATIC = {"relief_z": 1.4, "lake_z": 1.6, "river_z": 1.7, "label_z": 4.5,
          "lake": "#b8d3ea", "lake_edge": "#7ea6c8", "river": "#5d93c4",
          "river_widths": {1: 0.9, 2: 0.65, 3: 0.45}, "town": "#3a3631",
          "water_text": "#2f6797", "relief_text": "#6b4f2a", "font": 6.5}


class ReferenceLayer(MacroElement):
    """Calls reference.js with the map and its four layer groups (relief: or null)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        geomapReference.draw({{ this._parent.get_name() }}, {
          world: {{ this.world.get_name() }},
          relief: {{ this.relief.get_name() if this.relief else "null" }},
          water: {{ this.water.get_name() }},
          labels: {{ this.labels.get_name() }}
        });
        {% endmacro %}
    """)

    def __init__(self, world, relief, water, labels):
        super().__init__()
        self._name = "GeomapReference"
        self.world, self.relief, self.water, self.labels = world, relief, water, labels


def _latlngs(geom, digits: int) -> list:
    """A polygon or multipolygon as Leaflet's nested [lat, lon] rings."""
    def ring(r):
        return [[round(y, digits), round(x, digits)] for x, y in _coords(r)]

    polys = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
    return [[ring(p.exterior), *(ring(h) for h in p.interiors)] for p in polys]


def _coords(geom) -> list:
    """A line's or a ring's coordinates as [x, y] lists, read at once (shapely's
    coordinate sequence gives them one by one, and four times slower)."""
    import shapely

    return shapely.get_coordinates(geom, include_z=geom.has_z).tolist()


def reference_data(ref) -> dict:
    """The page's data for reference.js: plain lists and numbers, names as they are (the
    page writes them with safe_json and reference.js as text)."""
    from ..basemap import DIGITS

    world_digits = 2 if ref.level == "light" else 3
    rivers = []
    for rank, geom in zip(ref.rivers["rank"], ref.rivers.geometry):
        for part in getattr(geom, "geoms", [geom]):
            if part.geom_type == "LineString" and len(part.coords) > 1:
                rivers.append([int(rank), [[round(y, DIGITS), round(x, DIGITS)]
                                           for x, y in _coords(part)]])
    data = {
        "level": ref.level,
        "world": [_latlngs(g, world_digits) for g in ref.world.geometry],
        "lakes": [_latlngs(g, DIGITS) for g in ref.lakes.geometry],
        "lake_names": [str(n) for n in ref.lakes["name"]],
        "rivers": rivers,
        "towns": [{**{k: t[k] for k in ("name", "lat", "lon", "population", "min_zoom")},
                   **({"names": {str(v): str(n) for v, n in t["names"].items()}}
                      if t.get("names") else {})}
                  for t in ref.towns],
        "places": [{**{k: p[k] for k in ("name", "kind", "lat", "lon", "min_zoom")},
                    **({"names": {str(v): str(n) for v, n in p["names"].items()}}
                       if p.get("names") else {})}
                   for p in ref.places],
        "sources": list(ref.sources),
    }
    if ref.relief:
        data["relief"] = "data:image/png;base64," + base64.b64encode(ref.relief).decode()
        data["relief_bounds"] = list(ref.relief_bounds)
    return data


def add_reference(m, ref) -> None:
    """Add the reference basemap to a folium map (before its LayerControl, so that the
    layers are listed). ``ref`` None: nothing."""
    if ref is None:
        return
    from folium.map import CustomPane

    from .html import Literal, safe_json

    for name, z in PANES:
        CustomPane(name, z_index=z, pointer_events=False).add_to(m)
    world = folium.FeatureGroup(name=LAYER_NAMES["world"], control=False).add_to(m)
    relief = (folium.FeatureGroup(name=LAYER_NAMES["relief"]).add_to(m) if ref.relief
              else None)
    water = folium.FeatureGroup(name=LAYER_NAMES["water"]).add_to(m)
    labels = folium.FeatureGroup(name=LAYER_NAMES["labels"]).add_to(m)
    m.add_child(ReferenceLayer(world, relief, water, labels))
    root = m.get_root()
    js = (Path(__file__).parent / "reference.js").read_text(encoding="utf-8")
    root.header.add_child(Literal(f"<style>{CSS}</style>"), name="geomap_reference_css")
    root.header.add_child(Literal(f"<script>{js}</script>"), name="geomap_reference_js")
    root.html.add_child(Literal(
        '<script type="application/json" id="geomap-reference-data">'
        f"{safe_json(reference_data(ref))}</script>"), name="geomap_reference_data")


# -- the sheets ----------------------------------------------------------------------------

def sheet_zoom(ax) -> float:
    """The web map zoom whose scale the axes' map has (256-pixel tiles)."""
    x0, x1 = ax.get_xlim()
    width = ax.get_window_extent().width
    return math.log2(max(1e-9, width * 360 / (256 * max(1e-9, x1 - x0))))


def draw_reference(ax, ref, view, measure=None, obstacles=None) -> None:
    """The relief, lakes, rivers and names of ``ref`` on ``ax`` (longitude, latitude; its
    limits already set for ``view``). Names are placed where they cover none of
    ``obstacles`` (display boxes, static.Obstacles: added to as names are placed) nor each
    other; a name with no such place is left out. The axes' limits are kept."""
    import io

    import numpy as np

    from ..basemap import relief_rows_to_latitude
    from .static import Obstacles, _Measure, _one_line, _place_text, offset_to

    if ref is None:
        return
    measure = measure or _Measure(ax.figure)
    obstacles = obstacles if isinstance(obstacles, Obstacles) else Obstacles(obstacles or ())
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    if ref.relief:
        from PIL import Image

        with Image.open(io.BytesIO(ref.relief)) as im:
            rgba = np.asarray(im.convert("RGBA"), dtype=np.float32) / 255
        b = ref.relief_bounds
        ax.imshow(relief_rows_to_latitude(rgba, b[1], b[3]), extent=(b[0], b[2], b[1], b[3]),
                  origin="upper", interpolation="bilinear", aspect="auto",
                  zorder=STATIC["relief_z"], gid="reference-relief")
    if len(ref.lakes):
        ref.lakes.plot(ax=ax, facecolor=STATIC["lake"], edgecolor=STATIC["lake_edge"],
                       linewidth=0.4, zorder=STATIC["lake_z"], aspect=None,
                       gid="reference-lakes")
    for rank, part in ref.rivers.groupby("rank", sort=True):
        part.plot(ax=ax, color=STATIC["river"], aspect=None, zorder=STATIC["river_z"],
                  linewidth=STATIC["river_widths"].get(int(rank), 0.45),
                  gid="reference-rivers")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("")  # (geopandas names the axes after the CRS)
    ax.set_ylabel("")

    zoom = sheet_zoom(ax) + 1  # (the sheet's type is smaller than the page's)
    size = STATIC["font"]
    x0, x1 = xlim
    y0, y1 = ylim
    items = [(p, "place") for p in ref.places] + [(t, "town") for t in ref.towns]
    for item, kind in items:
        if item["min_zoom"] > zoom or not (x0 <= item["lon"] <= x1 and y0 <= item["lat"] <= y1):
            continue
        name = _one_line(item["name"])
        if not name:
            continue
        water = kind == "place" and item["kind"] in ("water", "river")
        colour = (STATIC["water_text"] if water else STATIC["relief_text"] if kind == "place"
                  else STATIC["town"])
        dot = None
        if not water:
            dot = ax.plot(item["lon"], item["lat"], ls="none",
                          marker="o" if kind == "town" else "^", ms=2.6, mfc=colour,
                          mec="white", mew=0.4, zorder=STATIC["label_z"],
                          gid="reference-dot")[0]
        text = ax.annotate(name, (item["lon"], item["lat"]), xytext=(3.5, 0),
                           textcoords="offset points", ha="left", va="center",
                           fontsize=size, color=colour, zorder=STATIC["label_z"],
                           style="italic" if kind == "place" else "normal",
                           fontweight="bold" if item.get("population", 0) >= 100_000
                           else "normal", parse_math=False, annotation_clip=False,
                           gid="reference-name")

        at = offset_to
        spots = ([at(0, 0, "center", "center")] if water else
                 [at(3.5, 0, "left", "center"), at(-3.5, 0, "right", "center"),
                  at(0, 3, "center", "bottom"), at(0, -3, "center", "top")])
        dot_box = dot.get_window_extent(measure.renderer) if dot is not None else None
        if dot_box is not None and obstacles.hits(dot_box):
            dot.remove()
            text.remove()
            continue
        bb = _place_text(ax, measure, text, spots,
                         obstacles + ([dot_box] if dot_box is not None else []), strict=True)
        if bb is None:
            text.remove()
            if dot is not None:
                dot.remove()
            continue
        obstacles.append(bb)
        if dot_box is not None:
            obstacles.append(dot_box)


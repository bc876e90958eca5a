"""The HTML map: one self-contained file, no request of any kind when it opens.

The page is a Folium map whose Leaflet, jQuery and MarkerCluster come inlined from their
Python packages (see assets.py). Claims travel as JSON in ``script#geomap-data`` and are
drawn by the project's own small script (claims.js) using DOM text nodes, so no source text
is ever parsed as HTML. Panels (title, legend, unplaced claims) are built here with every
source string passed through ``html.escape``.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from ..layers import NOT_AUTHORITATIVE, USER_KINDS, Layer
from .assets import asset_versions, inline_assets

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#7F6A38",
           "#222222"]
STANCE_LEGEND = [("asserts", "asserts"), ("denies", "denies"), ("reports", "reports (relays)"),
                 ("calls", "calls for")]
LINE_STYLE = {
    "international": {"color": "#505050", "weight": 1.4, "opacity": 0.9},
    "undemarcated": {"color": "#b2182b", "weight": 3.2, "opacity": 0.95, "dashArray": "9 6"},
    "line-of-contact": {"color": "#d95f02", "weight": 2.6, "opacity": 0.95, "dashArray": "2 5"},
    "ceasefire-line": {"color": "#7570b3", "weight": 2.6, "opacity": 0.95,
                       "dashArray": "12 4 2 4"},
    "disputed-area": {"color": "#b2182b", "weight": 1.2, "dashArray": "3 3",
                      "fillColor": "#b2182b", "fillOpacity": 0.12},
    "claim": {"color": "#1b9e77", "weight": 1.6, "dashArray": "6 3", "fillColor": "#1b9e77",
              "fillOpacity": 0.08},
}
BAND_STYLE = {"color": "#e6550d", "weight": 1.4, "dashArray": "4 3", "fillColor": "#e6550d",
              "fillOpacity": 0.28}
# a country-level claim: the whole country, outlined only (filling it would tint the basemap)
WHOLE_COUNTRY_STYLE = {"color": "#444", "weight": 1.0, "dashArray": "2 4", "fillOpacity": 0}
AREA_STYLE = {"color": "#444", "weight": 1.3, "dashArray": "5 4", "fillColor": "#444",
              "fillOpacity": 0.07}
COUNTRY_STYLE = {"color": "#9a948a", "weight": 0.8, "fillColor": "#e9e5dc", "fillOpacity": 1}
# The countries where the claims are located stand out from their neighbours.
FOCUS_STYLE = {**COUNTRY_STYLE, "fillColor": "#fbf9f4"}
CLAIM_FIELDS = ["id", "date", "date_precision", "place", "place_id", "place_name", "place_kind",
                "country", "lat", "lon", "precision", "radius_km", "claimant", "claimant_side",
                "stance", "event", "actor", "role", "text", "source", "publisher", "url",
                "published", "origin", "resolution", "depth_km", "in_country", "border_km",
                "border_with", "border_kind", "exclave", "disputed", "outside", "border",
                "confidence", "check"]
CSS = """
.leaflet-container { background: #d7e4ee; font: 13px/1.35 system-ui, -apple-system,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.geomap-panel { position: absolute; z-index: 1000; background: rgba(255,255,255,0.95);
  border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,0.35); padding: 8px 11px;
  color: #222; max-width: 360px; }
#geomap-title { top: 10px; left: 56px; max-height: calc(100% - 40px); overflow: auto; }
#geomap-title h1 { font-size: 17px; margin: 0 0 3px; }
#geomap-title .geomap-dates { font-weight: 600; color: #444; }
#geomap-title .geomap-counts { margin: 4px 0; }
#geomap-title details { margin: 4px 0; }
#geomap-title summary { cursor: pointer; font-weight: 600; }
#geomap-title ul { margin: 4px 0; padding-left: 18px; }
#geomap-title li { margin: 2px 0; }
.geomap-note { font-size: 11.5px; color: #555; margin: 6px 0 0; }
.geomap-reason { color: #666; font-size: 11.5px; }
#geomap-legend { bottom: 24px; right: 10px; font-size: 12px; }
#geomap-legend h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: #555; margin: 6px 0 3px; }
#geomap-legend h2:first-child { margin-top: 0; }
.geomap-legend-item { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.geomap-legend-item svg { flex: none; }
.geomap-claim { background: none; border: none; }
.geomap-cluster { background: none; border: none; }
.geomap-cluster-ring { width: 100%; height: 100%; border-radius: 50%; display: flex;
  align-items: center; justify-content: center; box-shadow: 0 1px 4px rgba(0,0,0,0.45); }
.geomap-cluster-count { background: #fff; color: #222; border-radius: 50%; width: 64%;
  height: 64%; display: flex; align-items: center; justify-content: center;
  font-weight: 700; font-size: 12px; }
.leaflet-control-layers { font-size: 12.5px; }
.geomap-country-label { color: #6b645a; font-size: 12px; font-weight: 600;
  letter-spacing: .08em; text-transform: uppercase; text-align: center; white-space: nowrap;
  text-shadow: 0 0 3px #f3f0e8, 0 0 3px #f3f0e8; }
.geomap-popup { font-size: 12.5px; }
.geomap-popup-head { margin-bottom: 4px; }
.geomap-badge { color: #fff; border-radius: 3px; padding: 0 4px; margin-right: 5px;
  font-weight: 700; font-size: 11px; }
.geomap-label { color: #666; margin-right: 5px; }
.geomap-quote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; }
.geomap-trace { color: #888; font-size: 11px; }
#geomap-timeline { bottom: 56px; left: 10px; font-size: 12px; max-width: 300px; }
#geomap-timeline label { display: block; margin: 2px 0; }
#geomap-timeline input[type=range] { width: 200px; vertical-align: middle; }
.geomap-goto { border: none; background: none; padding: 0; color: #0b57d0; cursor: pointer;
  font: inherit; text-decoration: underline; }
"""


# Template syntax. folium compiles the script each of its elements renders as a Jinja
# template once more (branca's MacroElement.render), so text that reaches a folium element
# must carry none of these; ``guard_templates`` checks that before the page is rendered.
JINJA_MARKS = ("{{", "{%", "{#")


def markup(text: str) -> str:
    """Text for places where Leaflet or folium insert HTML, some inside a JavaScript template
    string: HTML-escaped, and the backtick, backslash, dollar sign and braces as entities too
    (braces so that no template syntax reaches folium's second rendering)."""
    return (html.escape(str(text)).replace("`", "&#96;").replace("\\", "&#92;")
            .replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;"))


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def safe_json(value) -> str:
    """JSON that can sit inside a <script> element, or in a script folium renders: no '<',
    '>', '&', line separators or braces inside strings (all as \\u escapes)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return _JSON_STRING.sub(
        lambda m: m.group(0).replace("{", "\\u007b").replace("}", "\\u007d"), text)


def guard_templates(root) -> None:
    """Refuse to render a page in which any text given to a folium element holds template
    syntax: folium would run it. Fails closed, whatever a later change passes to folium."""

    def strings(value, depth=0):
        if isinstance(value, str):
            yield value
        elif depth < 64 and isinstance(value, dict):
            for k, v in value.items():
                yield from strings(k, depth + 1)
                yield from strings(v, depth + 1)
        elif depth < 64 and isinstance(value, (list, tuple)):
            for v in value:
                yield from strings(v, depth + 1)

    def walk(el):
        if not isinstance(el, Literal):  # a Literal's fragment is never compiled
            for name, value in vars(el).items():
                if name in ("_children", "_parent", "_template", "_template_str"):
                    continue
                for text in strings(value):
                    if any(mark in text for mark in JINJA_MARKS):
                        raise RuntimeError(f"template syntax would reach folium in "
                                           f"{type(el).__name__}.{name}: {text[:80]!r}")
        for child in el._children.values():
            walk(child)

    walk(root)


def side_colours(sides: list[str]) -> dict[str, str]:
    """A colour for each side, by the sides' sorted order: same sides, same colours."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted(sides))}


class Literal(Element):
    """A fragment of finished HTML, put into the page as it is.

    branca's ``Element(text)`` compiles ``text`` as a Jinja template, so a claim's
    ``{{ ... }}`` would run on the analyst's machine. Here the template is a constant and the
    fragment is only ever a value: no input string is template source.
    """

    _template = Template("{{ this.fragment }}")

    def __init__(self, fragment: str):
        super().__init__()
        self._name = "Literal"
        self.fragment = fragment


class OfflineMap(folium.Map):
    """A folium Map whose assets are inlined instead of linked to CDNs.

    The lists are this class's own: folium's class-level lists are shared by every map in
    the process and are never touched.
    """

    default_js: list = []
    default_css: list = []

    def render(self, **kwargs):
        header = self.get_root().header
        header.add_child(Literal(inline_assets()), name="geomap_assets", index=0)
        header.add_child(Literal(f"<style>{CSS}</style>"), name="geomap_css")
        js = (Path(__file__).parent / "claims.js").read_text(encoding="utf-8")
        header.add_child(Literal(f"<script>{js}</script>"), name="geomap_js")
        super().render(**kwargs)


class ClaimLayer(MacroElement):
    """Calls claims.js with the map, the per-side groups, and the area and label layers.

    The groups travel as [side, layer] pairs, not as an object literal: a side named
    ``__proto__`` would set the literal's prototype instead of a key.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        geomap.draw({{ this._parent.get_name() }}, [
          {%- for side, group in this.groups %}
            [{{ side }}, {{ group.get_name() }}]{{ "," if not loop.last }}
          {%- endfor %}
        ], {{ this.labels.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, groups: dict[str, folium.FeatureGroup], labels):
        super().__init__()
        self._name = "GeomapClaims"
        self.groups = [(safe_json(side), g) for side, g in groups.items()]
        self.labels = labels


TIMELINE = """<div id="geomap-timeline" class="geomap-panel geomap-timeline">
<div class="geomap-timeline-head"><strong>Dates</strong> <span id="geomap-timeline-range"></span>
<span id="geomap-timeline-count" class="geomap-reason"></span></div>
<label>from <input type="range" name="from" min="0" max="0" step="1" value="0"></label>
<label>to <input type="range" name="to" min="0" max="0" step="1" value="0"></label>
<label><input type="checkbox" name="undated" checked> undated claims</label>
</div>"""


def _stable_ids(root) -> None:
    """Replace folium's random element ids with ones numbered in tree order.

    Same inputs, same bytes: the ids are the only random part of a folium page.
    """
    counter = 0

    def walk(el):
        nonlocal counter
        el._id = f"g{counter:04d}"
        counter += 1
        for child in el._children.values():
            walk(child)

    walk(root)


def date_label(dates: list[str]) -> str:
    """ "12 May 2021 – 14 May 2021" for a list of claim dates."""
    import datetime as dt

    def fmt(d: str) -> str:
        parts = d.split("-")
        if len(parts) == 3:
            return dt.date(*map(int, parts)).strftime("%d %B %Y").lstrip("0")
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
        return parts[0]

    dates = sorted(d for d in dates if d)
    if not dates:
        return "dates unknown"
    return fmt(dates[0]) if dates[0] == dates[-1] else f"{fmt(dates[0])} – {fmt(dates[-1])}"


def _symbol_svg(stance: str, colour: str, approximate: bool = False) -> str:
    """The legend's copy of claims.js's symbols (same shapes, drawn server-side)."""
    halo = (f'<circle cx="11" cy="11" r="10" fill="none" stroke="{colour}" stroke-width="1.3" '
            f'stroke-dasharray="2.5 2"/>' if approximate else "")
    shape = {
        "asserts": f'<circle cx="11" cy="11" r="6.5" fill="{colour}" stroke="#fff" '
                   f'stroke-width="1.5"/>',
        "denies": f'<circle cx="11" cy="11" r="6" fill="#fff" stroke="{colour}" '
                  f'stroke-width="2.6"/><line x1="6.8" y1="15.2" x2="15.2" y2="6.8" '
                  f'stroke="{colour}" stroke-width="2.6"/>',
        "reports": f'<circle cx="11" cy="11" r="6" fill="#fff" fill-opacity="0.7" '
                   f'stroke="{colour}" stroke-width="2.6"/>',
        "calls": f'<path d="M11 3.5 L18.5 11 L11 18.5 L3.5 11 Z" fill="{colour}" '
                 f'stroke="#fff" stroke-width="1.5"/>',
    }[stance]
    return f'<svg width="22" height="22" viewBox="0 0 22 22">{halo}{shape}</svg>'


def _legend(sides: list[dict], layers: list[Layer], has_areas: bool,
            has_bands: bool = False) -> str:
    e = html.escape
    out = ['<div id="geomap-legend" class="geomap-panel geomap-legend">', "<h2>Claimant side</h2>"]
    for s in sides:
        out.append(f'<div class="geomap-legend-item">{_symbol_svg("asserts", s["colour"])}'
                   f'{e(s["label"])} ({s["claims"]})</div>')
    out.append("<h2>Stance</h2>")
    for stance, label in STANCE_LEGEND:
        out.append(f'<div class="geomap-legend-item">{_symbol_svg(stance, "#555")}{e(label)}</div>')
    out.append("<h2>Location</h2>")
    out.append(f'<div class="geomap-legend-item">{_symbol_svg("asserts", "#555", True)}'
               "place known only to a province, district or country</div>")
    if has_areas:
        out.append('<div class="geomap-legend-item"><svg width="22" height="16"><rect x="1" y="1" '
                   'width="20" height="14" fill="#444" fill-opacity="0.07" stroke="#444" '
                   'stroke-dasharray="5 4" stroke-width="1.3"/></svg>approximate extent of that '
                   'province or district</div>')
    if has_bands:
        out.append('<div class="geomap-legend-item"><svg width="22" height="16"><rect x="1" y="1" '
                   'width="20" height="14" fill="#e6550d" fill-opacity="0.28" stroke="#e6550d" '
                   'stroke-dasharray="4 3" stroke-width="1.4"/></svg>claimed advance "N km into": '
                   'the band along the border where it could lie</div>')
    out.append("<h2>Boundaries</h2>")
    shown = set()
    for layer in layers:
        if layer.kind not in LINE_STYLE or layer.name in shown:
            continue
        shown.add(layer.name)
        st = LINE_STYLE[layer.kind]
        dash = f' stroke-dasharray="{st["dashArray"]}"' if "dashArray" in st else ""
        label = USER_KINDS[layer.kind] if layer.source.startswith("shared edges") \
            else layer.name
        if "fillColor" in st:
            sample = (f'<svg width="30" height="14"><rect x="1" y="1" width="28" height="12" '
                      f'fill="{st["fillColor"]}" fill-opacity="{st["fillOpacity"] * 2}" '
                      f'stroke="{st["color"]}" stroke-width="{st["weight"]}"{dash}/></svg>')
        else:
            sample = (f'<svg width="30" height="10"><line x1="0" y1="5" x2="30" y2="5" '
                      f'stroke="{st["color"]}" stroke-width="{st["weight"]}"{dash}/></svg>')
        out.append(f'<div class="geomap-legend-item">{sample}{e(label)}</div>')
    out.append("</div>")
    return "\n".join(out)


def _title_panel(title: str, dates: str, claims_in: int, mapped: int, unplaced: list[dict],
                 sources: list[dict], reactions: list[dict] = ()) -> str:
    e = html.escape
    out = ['<div id="geomap-title" class="geomap-panel">', f"<h1>{e(title)}</h1>",
           f'<div class="geomap-dates">{e(dates)}</div>',
           f'<div class="geomap-counts">{claims_in} claims: {mapped} on the map, '
           f'{len(unplaced)} not placed</div>']
    if unplaced:
        out.append(f'<details class="geomap-unplaced" open><summary>Not on the map '
                   f'({len(unplaced)})</summary><ul>')
        for u in unplaced:
            out.append(f'<li><strong>{e(u["place"])}</strong>: {e(u["claimant"])} {e(u["stance"])}'
                       f' {e(u["event"])} ({e(u["date"] or "no date")})<br>'
                       f'<span class="geomap-reason">{e(u["reason"])} — {e(u["origin"])}'
                       '</span></li>')
        out.append("</ul></details>")
    if reactions:
        out.append(f'<details class="geomap-reactions"><summary>Reactions ({len(reactions)})'
                   '</summary><p class="geomap-reason">Statements by third parties, mapped at '
                   'the place they concern, not at the speaker\'s capital.</p><ul>')
        for r in reactions:
            out.append(f'<li><button type="button" class="geomap-goto" data-claim="'
                       f'{e(r["id"])}">{e(r["claimant"])}</button> {e(r["stance"])} '
                       f'{e(r["event"])} ({e(r["date"] or "no date")}), about '
                       f'{e(r["place_name"])}</li>')
        out.append("</ul></details>")
    out.append(f'<details class="geomap-sources"><summary>Sources ({len(sources)})</summary><ul>')
    for s in sources:
        name = e(s["source"] or s["publisher"] or s["url"] or "unnamed source")
        url = s["url"]
        link = (f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'
                if url.lower().startswith(("http://", "https://")) else name)
        out.append(f"<li>{link} — {s['claims']} claim{'s' if s['claims'] != 1 else ''}</li>")
    out.append("</ul></details>")
    out.append(f'<p class="geomap-note">{e(NOT_AUTHORITATIVE)} Claims are shown as reported '
               "and are not verified.</p></div>")
    return "\n".join(out)


def _labels(layers: list[Layer], label_points: dict[str, tuple[float, float]],
            view: tuple[float, float, float, float]) -> list[dict]:
    """Country names where a reader of the first view will see them."""
    from shapely.geometry import Point, box

    countries = next((lay.frame for lay in layers if lay.kind == "countries"), None)
    out = []
    if countries is None:
        return out
    w, h = view[2] - view[0], view[3] - view[1]
    inner = box(view[0] + 0.1 * w, view[1] + 0.1 * h, view[2] - 0.1 * w, view[3] - 0.1 * h)
    for _, r in countries.iterrows():
        if r.geometry.is_empty or r.geometry.area < 0.05:
            continue
        lat, lon = label_points.get(r["iso2"], (None, None))
        seen = r.geometry.intersection(inner)
        if lat is not None and seen.contains(Point(lon, lat)):
            pass
        elif seen.area > 0.02 * inner.area:
            pt = seen.representative_point()
            lat, lon = pt.y, pt.x
        elif lat is None or not r.geometry.contains(Point(lon, lat)):
            pt = r.geometry.representative_point()
            lat, lon = pt.y, pt.x
        out.append({"name": r["name"], "lat": round(lat, 4), "lon": round(lon, 4)})
    return sorted(out, key=lambda x: x["name"])


def render_map(frame, unplaced: list[dict], layers: list[Layer], areas, *, title: str,
               bands=None,
               view: tuple[float, float, float, float], side_labels: dict[str, str],
               label_points: dict[str, tuple[float, float]], manifest: dict,
               tiles: str | None = None) -> str:
    """The page as a string. ``frame`` is the join stage's GeoDataFrame of placed claims."""
    claims = []
    for rec in frame[CLAIM_FIELDS].to_dict("records"):
        claims.append({k: (None if v != v else v) for k, v in rec.items()})  # NaN -> null
    all_sides = sorted({c["claimant_side"] for c in [*claims, *unplaced]})
    colours = side_colours(all_sides)
    counts = Counter(c["claimant_side"] for c in claims)
    sides = [{"side": s, "colour": colours[s], "label": side_labels.get(s, s),
              "claims": counts.get(s, 0)} for s in all_sides]
    src_count = Counter((c["source"], c["publisher"], c["url"], c["published"])
                        for c in [*claims, *unplaced])
    sources = [{"source": s, "publisher": p, "url": u, "published": pub or "", "claims": n}
               for (s, p, u, pub), n in sorted(src_count.items(), key=lambda kv: kv[0])]
    dates = sorted({c["date"] for c in [*claims, *unplaced] if c.get("date")})
    date_text = date_label(dates)

    m = OfflineMap(location=[(view[1] + view[3]) / 2, (view[0] + view[2]) / 2], tiles=None,
                   zoom_start=7, max_zoom=14, min_zoom=3, control_scale=True,
                   prefer_canvas=False, max_bounds=False)
    # Without a tile layer Leaflet has no zoom limits, and MarkerCluster needs one.
    m.options.update(max_zoom=14, min_zoom=3)
    if tiles == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False,
                         show=True).add_to(m)
    focus = sorted({c["country"] for c in claims if c["country"]})
    for layer in layers:
        if layer.kind == "countries":
            def style(f, focus=frozenset(focus)):
                return FOCUS_STYLE if f["properties"]["iso2"] in focus else COUNTRY_STYLE
        else:
            def style(_f, s=LINE_STYLE[layer.kind]):
                return s
        tip = f"{layer.name} — {layer.source}; not authoritative"
        # only what the style needs: a user's file may carry any properties
        shapes = layer.frame[["iso2", "geometry"] if layer.kind == "countries" else ["geometry"]]
        folium.GeoJson(shapes, name=markup(layer.name), style_function=style,
                       tooltip=markup(tip) if layer.kind != "countries" else None,
                       smooth_factor=0.5).add_to(m)
    if len(areas):
        tips = areas.assign(tip=[markup(
            f"Approximate extent of {n}: the hull of its {k} GeoNames settlements, widened by "
            f"5 km and clipped to {c}" if k else
            f"Approximate extent of {n}: within about {r:g} km of its centre (how far its "
            f"places spread), clipped to {c or 'the land'}" if r else
            f"{n}: claims that name only the country, drawn as the whole country")
            for n, k, r, c in zip(areas["name"], areas["settlements"], areas["radius_km"],
                                  areas["country"])])
        tips = tips.assign(outlined=[bool(k or r) for k, r in
                                     zip(areas["settlements"], areas["radius_km"])])
        folium.GeoJson(tips[["outlined", "tip", "geometry"]], name="Claim areas (approximate)",
                       style_function=lambda f: AREA_STYLE if f["properties"]["outlined"]
                       else WHOLE_COUNTRY_STYLE,
                       tooltip=folium.GeoJsonTooltip(["tip"], labels=False)).add_to(m)
    if bands is not None and len(bands):
        tips = bands.assign(tip=[markup(
            f"Claimed advance: up to {d:g} km inside {c} from the {o} border, near {n} "
            f"({k} claim{'s' if k != 1 else ''}; about {a:g} km²). The whole band is where "
            f"the claim could lie; the words give no finer place.")
            for d, c, o, n, k, a in zip(bands["depth_km"], bands["country"],
                                        bands["border_with"], bands["name"], bands["claims"],
                                        bands["area_km2"])])
        folium.GeoJson(tips[["tip", "geometry"]], name="Claimed advances (bands)",
                       style_function=lambda _f: BAND_STYLE,
                       tooltip=folium.GeoJsonTooltip(["tip"], labels=False)).add_to(m)
    labels = folium.FeatureGroup(name="Country names").add_to(m)
    groups = {}
    for s in sides:
        name = f"Claims: {s['label']} ({s['claims']})"
        groups[s["side"]] = folium.FeatureGroup(name=markup(name)).add_to(m)
    m.add_child(ClaimLayer(groups, labels))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    m.fit_bounds([[view[1], view[0]], [view[3], view[2]]])

    layer_names = [lay.name for lay in layers] + (
        ["Claim areas (approximate)"] if len(areas) else []) + (
        ["Claimed advances (bands)"] if bands is not None and len(bands) else []) + [
        "Country names"] + [
        f"Claims: {s['label']}" for s in sides]
    data = {
        **manifest,
        "title": title, "date_range": date_text, "dates": dates,
        "claims_in": len(claims) + len(unplaced), "claims_mapped": len(claims),
        "unplaced": unplaced, "layers": layer_names, "sources": sources, "sides": sides,
        "claims": claims, "labels": _labels(layers, label_points, view),
        "assets": asset_versions(), "tiles": tiles or "none",
    }
    root = m.get_root()
    root.header.add_child(Literal(f"<title>{html.escape(title)}</title>"), name="geomap_title")
    root.html.add_child(Literal(
        f'<script type="application/json" id="geomap-data">{safe_json(data)}</script>'),
        name="geomap_data")
    reactions = sorted((c for c in claims if c["role"] == "reaction"),
                       key=lambda c: (c["date"] or "", c["id"]))
    root.html.add_child(Literal(_title_panel(title, date_text, data["claims_in"], len(claims),
                                             unplaced, sources, reactions)),
                        name="geomap_title_panel")
    root.html.add_child(Literal(TIMELINE), name="geomap_timeline")
    root.html.add_child(Literal(_legend(sides, layers, bool(len(areas)),
                                        bands is not None and bool(len(bands)))),
                        name="geomap_legend")
    _stable_ids(root)
    guard_templates(root)
    return root.render()

"""The HTML map: one self-contained file, no request of any kind when it opens.

The page is a Folium map whose Leaflet, jQuery and MarkerCluster come inlined from their
Python packages (see assets.py). Claims travel as JSON in ``script#geomap-data`` (what
only a popup shows in ``script#geomap-later``: LATER_FIELDS) and are drawn by the
project's own small script (claims.js) using DOM text nodes, so no source text is ever
parsed as HTML. Panels (title, incidents, unplaced claims, filters, legend) are
built here with every source string passed through ``html.escape``. The symbols and colours
come from symbols.py, the one spec the legend and claims.js both draw from; the words the
page says (counts, certainty, reasons) are written here and tested (``plural``,
``counts_words``, ``certainty_words``, ``reason_words``, ``place_words``).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from itertools import chain
from operator import itemgetter
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from ..garbage import without_collections
from ..layers import (
    DISPUTED_SOURCE,
    LINE_CLASSES,
    LINES_SOURCE,
    NOT_AUTHORITATIVE,
    VIEWS,
    Layer,
    area_holders,
    classes_of,
)
from ..records import FACT_COLUMNS, JOINED_COLUMNS
from ..wording import plural
from .assets import asset_versions, inline_assets
from .reference import LAYER_NAMES
from .symbols import (  # the spec; its names stay importable from here (static.py, api.py)
    AREA_STYLE,
    BAND_STYLE,
    COUNTRY_STYLE,
    FOCUS_STYLE,
    INCIDENT_SYMBOL,
    LINE_STYLE,
    PALETTE,
    STANCE_LEGEND,
    STANCES,
    WHOLE_COUNTRY_STYLE,
    side_colours,
    symbol_svg,
    symbols_data,
)

__all__ = ["AREA_STYLE", "BAND_STYLE", "COUNTRY_STYLE", "FOCUS_STYLE", "LINE_STYLE", "PALETTE",
           "STANCE_LEGEND", "WHOLE_COUNTRY_STYLE", "certainty_words", "counts_words",
           "date_label", "markup", "place_words", "plural", "reason_words", "render_map",
           "safe_json", "side_colours", "guard_templates"]

INCIDENT_LAYER = "One symbol per incident"  # its entry in the layer control
# A placed claim's fields in the page's data: the claim schema (records.py) but the
# character offsets, which only the files need.
CLAIM_FIELDS = [c for c in JOINED_COLUMNS + FACT_COLUMNS if c not in ("span_start", "span_end")]
CSS = """
.leaflet-container { background: #d7e4ee; font: 13px/1.35 system-ui, -apple-system,
  "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.geomap-panel { position: absolute; z-index: 1000; background: rgba(255,255,255,0.95);
  border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,0.35); padding: 8px 11px;
  color: #222; max-width: 360px; box-sizing: border-box; }
.geomap-panel summary { cursor: pointer; font-weight: 600; }
#geomap-title { top: 10px; left: 56px; max-height: calc(100% - 230px); overflow: auto; }
#geomap-title:has(.geomap-incident details[open]) { max-width: min(560px, calc(100% - 500px)); }
#geomap-title h1 { font-size: 17px; margin: 0 0 3px; }
#geomap-title .geomap-dates { font-weight: 600; color: #444; }
#geomap-title .geomap-counts { margin: 4px 0; }
#geomap-title details { margin: 4px 0; }
#geomap-title ul, #geomap-title ol { margin: 4px 0; padding-left: 18px; }
#geomap-title li { margin: 2px 0; }
.geomap-note { font-size: 11.5px; color: #555; margin: 6px 0 0; }
.geomap-reason { color: #666; font-size: 11.5px; }
.geomap-incident-list { padding-left: 0 !important; list-style: none; }
.geomap-incident { border-top: 1px solid #e4e4e4; padding: 3px 0; }
.geomap-incident summary { font-weight: 400; }
.geomap-incident summary > div { margin-left: 14px; }
.geomap-incident-facts { color: #444; font-size: 12px; }
.geomap-contested { color: #8c1020; font-weight: 600; font-size: 12px; }
.geomap-uncontested { color: #555; font-size: 12px; }
.geomap-side-columns { display: grid; gap: 6px; margin-top: 4px;
  grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); }
.geomap-side-column { background: #f6f5f2; border-radius: 4px; padding: 4px 6px;
  font-size: 12px; min-width: 0; overflow-wrap: anywhere; }
.geomap-side-head { font-weight: 600; margin-bottom: 2px; }
.geomap-stance-head { display: flex; align-items: center; gap: 3px; color: #444; }
.geomap-stance-head svg { width: 16px; height: 16px; flex: none; }
.geomap-stance-group ul { padding-left: 14px !important; margin: 1px 0 4px !important; }
.geomap-claim-facts { color: #444; }
.geomap-short-quote { display: block; color: #555; font-style: italic; }
#geomap-legend { bottom: 24px; right: 10px; font-size: 12px; padding: 5px 10px;
  max-height: calc(55% - 40px); overflow: auto; }
.geomap-away { visibility: hidden !important; }
#geomap-legend summary { font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: #444; }
#geomap-legend h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: #555; margin: 6px 0 3px; }
.geomap-legend-item { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.geomap-legend-item svg { flex: none; }
#geomap-view { max-width: 100%; font: inherit; }
.geomap-claim { background: none; border: none; }
.geomap-cluster { background: none; border: none; }
.geomap-cluster-ring { width: 100%; height: 100%; border-radius: 50%; display: flex;
  align-items: center; justify-content: center; box-shadow: 0 1px 4px rgba(0,0,0,0.45); }
.geomap-cluster-count { background: #fff; color: #222; border-radius: 50%; width: 64%;
  height: 64%; display: flex; align-items: center; justify-content: center;
  font-weight: 700; font-size: 12px; }
.geomap-incident-icon { background: none; border: none; }
.geomap-incident-ring, .geomap-incident-sample { position: relative; width: 100%; height: 100%;
  border-radius: 7px; display: flex; align-items: center; justify-content: center;
  box-shadow: 0 1px 4px rgba(0,0,0,0.5); box-sizing: border-box; }
.geomap-incident-sample { width: 22px; height: 22px; border-radius: 5px; flex: none; }
.geomap-incident-count, .geomap-incident-sample span { background: #fff; color: #222;
  border-radius: 4px; width: 60%; height: 60%; display: flex; align-items: center;
  justify-content: center; font-weight: 700; font-size: 12px; }
.geomap-incident-sample span { font-size: 10px; }
.geomap-incident-stack { background: #6b6b6b; border-radius: 7px;
  box-shadow: 3px 3px 0 #fff, 4px 4px 0 #8a8a8a, 0 1px 4px rgba(0,0,0,0.5); }
.geomap-incident-stack .geomap-incident-count { width: auto; min-width: 60%; padding: 0 3px;
  font-size: 11px; }
.geomap-incident-mark { position: absolute; top: -7px; right: -7px; width: 15px; height: 15px;
  border-radius: 50%; background: #b2182b; color: #fff; font-weight: 700; font-size: 12px;
  line-height: 15px; text-align: center; border: 1.5px solid #fff; }
.geomap-incident-mark-sample { position: static; display: inline-block; flex: none;
  margin: 0 4px 0 0; vertical-align: -2px; }
.leaflet-control-layers { font-size: 12.5px; }
/* the layer list and the legend share the right-hand side: each keeps to its part */
.leaflet-control-layers-expanded { max-height: calc(45% - 30px); overflow-y: auto; }
.geomap-country-label { color: #6b645a; font-size: 12px; font-weight: 600;
  letter-spacing: .08em; text-transform: uppercase; text-align: center; white-space: nowrap;
  text-shadow: 0 0 3px #f3f0e8, 0 0 3px #f3f0e8; }
.geomap-popup { font-size: 12.5px; }
.geomap-popup-head { margin-bottom: 4px; }
.geomap-popup ul { margin: 4px 0; padding-left: 16px; max-height: 180px; overflow: auto; }
.geomap-badge { color: #fff; border-radius: 3px; padding: 0 4px; margin-right: 5px;
  font-weight: 700; font-size: 11px; }
.geomap-label { color: #666; margin-right: 5px; }
.geomap-quote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; }
.geomap-trace { color: #888; font-size: 11px; }
#geomap-timeline { bottom: 56px; left: 10px; font-size: 12px; max-width: 330px;
  max-height: calc(100% - 260px); overflow: auto; }
#geomap-timeline label { display: block; margin: 2px 0; }
#geomap-timeline fieldset label { display: inline-block; margin: 0 8px 0 0; }
#geomap-timeline fieldset { border: none; margin: 2px 0; padding: 0; }
#geomap-timeline legend { padding: 0; color: #555; font-weight: 600; }
#geomap-timeline select { max-width: 250px; font: inherit; }
#geomap-timeline select.geomap-long { width: 250px; }
#geomap-timeline input[type=range] { width: 200px; vertical-align: middle; }
.geomap-goto, .geomap-show { border: none; background: none; padding: 0; color: #0b57d0;
  cursor: pointer; font: inherit; text-decoration: underline; text-align: left; }
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


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
# Braces inside strings are written as these private-use characters first, then as \u
# escapes (a pass over the JSON's strings takes twice as long), unless an input holds them.
_BRACES = str.maketrans({"{": "\ue000", "}": "\ue001"})


def safe_json(value) -> str:
    """JSON that can sit inside a <script> element, or in a script folium renders: no '<',
    '>', '&', line separators or braces inside strings (all as \\u escapes)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if _braced_strings(text):
        clash: list[bool] = []
        text = json.dumps(_unbraced(value, clash), ensure_ascii=False, separators=(",", ":"))
        if clash:  # (an input holds the stand-ins: every string is gone over instead)
            text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            text = _JSON_STRING.sub(
                lambda m: m.group(0).replace("{", "\\u007b").replace("}", "\\u007d"), text)
        else:
            text = text.replace("\ue000", "\\u007b").replace("\ue001", "\\u007d")
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _braced_strings(text: str) -> bool:
    """Whether any string of JSON ``text`` holds a brace: its braces are more than those
    left with every string emptied. (Most data hold none, and then the JSON is written as it
    is: a walk of 23,330 incidents' strings for braces took 1.6 s, this 0.4 s.)"""
    if "{" not in text and "}" not in text:
        return False
    bare = _JSON_STRING.sub('""', text)
    return bare.count("{") != text.count("{") or bare.count("}") != text.count("}")


def _unbraced(value, clash: list[bool]):
    """``value`` with the braces of its strings as _BRACES' stand-ins, its dicts' keys in
    order (as json's sort_keys orders them); ``clash`` is told of a string that holds a
    stand-in already."""
    if isinstance(value, str):
        if "\ue000" in value or "\ue001" in value:
            clash.append(True)
        return value.translate(_BRACES) if "{" in value or "}" in value else value
    if isinstance(value, dict):
        return {_unbraced(k, clash): _unbraced(v, clash) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        # Looked at at once, and kept as they are where they hold no brace and no stand-in:
        # a list of numbers and texts (100,000 claims' ids), a line's [x, y] pairs.
        kinds = set(map(type, value))
        if kinds <= _NUMBERS:
            return value
        if kinds <= _PLAIN:
            texts = "".join(value if kinds == {str} else [v for v in value if type(v) is str])
            if not ("{" in texts or "}" in texts or "\ue000" in texts or "\ue001" in texts):
                return value
        elif kinds <= {list, tuple} and set(map(type, chain.from_iterable(value))) <= _NUMBERS:
            return value
        return [_unbraced(v, clash) for v in value]
    return value


_NUMBERS = frozenset({int, float, bool, type(None)})
_PLAIN = _NUMBERS | {str}


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
    """Calls claims.js with the map, the per-side groups, the label layer and the layer of
    one symbol per incident (or null).

    The groups travel as [side, layer] pairs, not as an object literal: a side named
    ``__proto__`` would set the literal's prototype instead of a key.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        geomap.draw({{ this._parent.get_name() }}, [
          {%- for side, group in this.groups %}
            [{{ side }}, {{ group.get_name() }}]{{ "," if not loop.last }}
          {%- endfor %}
        ], {{ this.labels.get_name() }},
        {{ this.incidents.get_name() if this.incidents else "null" }},
        {{ this.lines.get_name() if this.lines else "null" }});
        {% endmacro %}
    """)

    def __init__(self, groups: dict[str, folium.FeatureGroup], labels, incidents=None,
                 lines=None):
        super().__init__()
        self._name = "GeomapClaims"
        self.groups = [(safe_json(side), g) for side, g in groups.items()]
        self.labels = labels
        self.incidents = incidents
        self.lines = lines


class FitView(MacroElement):
    """Fits the map to ``bounds`` ([[south, west], [north, east]]) at once, with no zoom
    animation, before anything is drawn on it: what is drawn first would be drawn again at
    the new zoom (the claims' clusters among it), and a reader would see the map jump."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.fitBounds({{ this.bounds }}, {animate: false});
        {% endmacro %}
    """)

    def __init__(self, bounds):
        super().__init__()
        self._name = "FitView"
        self.bounds = safe_json([[float(v) for v in corner] for corner in bounds])


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
    dates = sorted(d for d in dates if d)
    if not dates:
        return "dates unknown"
    first, last = _date_words(dates[0]), _date_words(dates[-1])
    return first if first == last else f"{first} – {last}"


def _date_words(d: str) -> str:
    """ "12 May 2021", "May 2021" or "2021"."""
    import datetime as dt

    parts = d.split("-")
    try:
        if len(parts) == 3:
            return dt.date(*map(int, parts)).strftime("%d %B %Y").lstrip("0")
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    except ValueError:
        return d
    return parts[0]


# -- words -------------------------------------------------------------------------------
# Every sentence of the page is written here or in claims.js, as a person would write it.

def counts_words(claims_in: int, mapped: int, incidents: int | None = None) -> str:
    """The title panel's count: "25 claims about 4 incidents: 24 on the map, 1 not placed"."""
    head = plural(claims_in, "claim")
    if incidents:
        head += f" about {plural(incidents, 'incident')}"
    if claims_in == 0:
        return "No claims."
    if mapped == claims_in:
        return f"{head}, {'all ' if claims_in > 1 else ''}on the map"
    if mapped == 0:
        return f"{head}, none of them placed on the map"
    return f"{head}: {mapped:,} on the map, {claims_in - mapped:,} not placed"


# How sure a place is, in words. The bands follow the gazetteer's own figures: a place that
# is alone of its name or far ahead of its namesakes is >= 0.9; a country read among places
# inside it (0.85) is "likely"; a town read over the province of its name (0.75), another
# spelling (0.75) or the largest of namesakes (0.7) is "uncertain"; ambiguous names (0.5
# shared out) are "doubtful". The popup says a place is uncertain below UNCERTAIN_BELOW.
CERTAINTY_BANDS = ((0.9, "sure"), (0.8, "likely"), (0.5, "uncertain"), (0.0, "doubtful"))
UNCERTAIN_BELOW = 0.8
_KIND_WORDS = {"admin1": "province", "admin2": "district"}
_REASON_WORDS = {"name": "by its name", "alternate name": "by another of its names",
                 "curated": "in geomap's own list of places", "country": "a country",
                 "capital": "a capital"}
# (matched only from the last "ahead of ", so that it is read in linear time: a search
# for it from every position took time quadratic in a hostile place name)
_AHEAD = re.compile(r"ahead of (?P<next>.+) by -?\d+(?:\.\d+)?\s*")
_KIND_IN_LABEL = re.compile(r"\((admin1|admin2)(?=[,)])")


def certainty_words(confidence) -> str:
    """How sure a place is, in a word: "sure" (>= 0.9), "likely" (>= 0.8), "uncertain"
    (>= 0.5) or "doubtful"; "" when nothing is known (no confidence)."""
    if confidence is None or confidence != confidence:  # None or NaN
        return ""
    return next(word for floor, word in CERTAINTY_BANDS if confidence >= floor)


def reason_words(reason: str) -> str:
    """A gazetteer's reason for a place, with no score in it: "ahead of X by 0.94" becomes
    "the next likeliest place: X", the reasons' shorthand ("name", "curated") plain words,
    and "admin1" a province. The number stays in the data."""
    if not reason:
        return ""
    reason = str(reason)
    tail = ""
    at = reason.rfind("ahead of ")
    m = _AHEAD.fullmatch(reason, at) if at >= 0 else None
    if m:
        tail = f"; the next likeliest place: {m['next']}"
        reason = reason[:at].rstrip().rstrip(";").rstrip()
    reason = _KIND_IN_LABEL.sub(lambda k: "(" + _KIND_WORDS[k.group(1)], reason)
    label, sep, rest = reason.partition(": ")
    if sep and ";" not in rest:
        rest = ", ".join(_REASON_WORDS.get(part, part) for part in rest.split(", "))
    return f"{label}{sep}{rest}{tail}"


def _why_uncertain(reason: str) -> str:
    """Why a place may not be the one meant, in a few words, from its reason."""
    reason = reason or ""
    if "ahead of" in reason or "equally likely" in reason or "largest of" in reason:
        return "other places share the name"
    if "the other reading" in reason:
        return "the area around it has the same name"
    if "another spelling of" in reason:
        return "a different spelling of its name"
    if "is named after" in reason:
        return "located by the place it is named after"
    if "km from every other place" in reason:
        return "far from the other places the text names"
    return ""


def place_words(claim: dict, country_names: dict[str, str]) -> dict[str, str]:
    """The words a claim's popup says about its place: ``certainty`` ("sure" ...),
    ``place_note`` ("probably Goris, Armenia (other places share the name)", only when the
    place is uncertain) and ``located`` (the reason, with no score)."""
    conf = claim.get("confidence")
    word = certainty_words(conf)
    note = ""
    if word and conf < UNCERTAIN_BELOW:
        name = str(claim.get("place_name") or claim.get("place") or "")
        country = country_names.get(claim.get("country") or "", claim.get("country") or "")
        where = name if not country or claim.get("place_kind") == "country" or \
            country == name else f"{name}, {country}"
        why = _why_uncertain(claim.get("resolution") or "")
        note = (f"{'probably' if word == 'uncertain' else 'perhaps'} {where}"
                f"{f' ({why})' if why else ''}")
    return {"certainty": word, "place_note": note,
            "located": reason_words(claim.get("resolution") or "")}


def _short(text: str, limit: int = 110) -> str:
    """A quote cut at a word near ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:.") + "\u2026"


STANCE_VERBS = {"asserts": "asserts", "denies": "denies", "reports": "reports",
                "calls": "calls for"}


def _claim_words(c: dict) -> str:
    """ "asserts incursion, 12 May 2021" (the claimant is said apart)."""
    stance = STANCE_VERBS.get(c.get("stance") or "", c.get("stance") or "")
    what = " ".join(p for p in (stance, str(c.get("event") or "")) if p)
    return f"{what}, {_date_words(c['date']) if c.get('date') else 'date unknown'}"


def _source_name(s: dict) -> str:
    return str(s.get("source") or s.get("publisher") or s.get("url") or "")


# -- panels ------------------------------------------------------------------------------

def _legend(sides: list[dict], layers: list[Layer], has_areas: bool,
            has_bands: bool = False, has_incidents: bool = False,
            line_classes: tuple[str, ...] = (), views: list[dict] | None = None,
            incidents_clustered: bool = False) -> str:
    e = html.escape
    out = ['<div id="geomap-legend" class="geomap-panel geomap-legend">',
           '<details class="geomap-legend-fold" open><summary>Legend</summary>',
           '<div class="geomap-legend-body">']
    if views:  # first: what every line, name and fact below is drawn as
        out.append(_view_switch(views))
    out.append("<h2>Claimant side</h2>")
    for s in sides:
        out.append(f'<div class="geomap-legend-item">{symbol_svg("asserts", s["colour"])}'
                   f'{e(s["label"])}: {plural(s["claims"], "claim")}</div>')
    out.append("<h2>Stance</h2>")
    for stance, label in STANCE_LEGEND:
        out.append(f'<div class="geomap-legend-item geomap-legend-{stance}">'
                   f'{symbol_svg(stance, "#555555")}{e(label)}</div>')
    out.append("<h2>Location</h2>")
    out.append(f'<div class="geomap-legend-item">{symbol_svg("asserts", "#555555", True)}'
               "place known only to a province, district or country</div>")
    if has_areas:
        st = AREA_STYLE
        out.append(f'<div class="geomap-legend-item"><svg width="22" height="16"><rect x="1" '
                   f'y="1" width="20" height="14" fill="{st["fillColor"]}" fill-opacity="'
                   f'{st["fillOpacity"]}" stroke="{st["color"]}" stroke-dasharray="'
                   f'{st["dashArray"]}" stroke-width="{st["weight"]}"/></svg>approximate extent '
                   'of that province or district</div>')
    if has_bands:
        st = BAND_STYLE
        out.append(f'<div class="geomap-legend-item"><svg width="22" height="16"><rect x="1" '
                   f'y="1" width="20" height="14" fill="{st["fillColor"]}" fill-opacity="'
                   f'{st["fillOpacity"]}" stroke="{st["color"]}" stroke-dasharray="'
                   f'{st["dashArray"]}" stroke-width="{st["weight"]}"/></svg>claimed advance '
                   '"N km into": the band along the border where it could lie</div>')
    if has_incidents:
        colours = [s["colour"] for s in sides][:2] or ["#555555"]
        ring = ", ".join(f"{c} {i * 100 // len(colours)}% {(i + 1) * 100 // len(colours)}%"
                         for i, c in enumerate(colours))
        sym = INCIDENT_SYMBOL
        out.append("<h2>Incidents</h2>")
        out.append(f'<div class="geomap-legend-item"><span class="geomap-incident-sample" '
                   f'style="background: conic-gradient({ring})"><span>3</span></span>'
                   f'{e(sym["label"])} (with "one symbol per incident" switched on)</div>')
        out.append(f'<div class="geomap-legend-item"><span class="geomap-incident-mark '
                   f'geomap-incident-mark-sample">{e(sym["contested_mark"])}</span>'
                   f'{e(sym["contested_label"][2:])}</div>')
        if incidents_clustered:
            out.append('<div class="geomap-legend-item"><span class="geomap-incident-sample '
                       f'geomap-incident-stack"><span>12</span></span>{e(sym["stack_label"])}'
                       '</div>')
    out.append("<h2>Boundaries</h2>")
    shown = set()
    for layer in layers:
        if layer.kind not in LINE_STYLE or layer.name in shown:
            continue
        shown.add(layer.name)
        if layer.source == LINES_SOURCE:
            continue  # the built-in lines: listed by class below, in every view's classes
        out.append(_line_item(layer.kind, layer.name))
    for kind in line_classes:
        out.append(_line_item(kind, LINE_CLASSES[kind], kind))
    out.append("</div></details></div>")
    return "\n".join(out)


def _line_item(kind: str, label: str, line_class: str = "") -> str:
    """A legend entry: a sample of the line's style (or the area's) and its label."""
    e = html.escape
    st = LINE_STYLE[kind]
    dash = f' stroke-dasharray="{st["dashArray"]}"' if "dashArray" in st else ""
    if "fillColor" in st:
        sample = (f'<svg width="30" height="14"><rect x="1" y="1" width="28" height="12" '
                  f'fill="{st["fillColor"]}" fill-opacity="{st["fillOpacity"] * 2}" '
                  f'stroke="{st["color"]}" stroke-width="{st["weight"]}"{dash}/></svg>')
    else:
        sample = (f'<svg width="30" height="10"><line x1="0" y1="5" x2="30" y2="5" '
                  f'stroke="{st["color"]}" stroke-width="{st["weight"]}"{dash}/></svg>')
    attr = f' data-line-class="{e(line_class)}"' if line_class else ""
    return f'<div class="geomap-legend-item"{attr}>{sample}{e(label)}</div>'


def _view_switch(views: list[dict]) -> str:
    """The point-of-view switch: Natural Earth's default view and the parties' views."""
    e = html.escape
    options = "".join(f'<option value="{e(v["code"])}">{e(v["label"])}</option>'
                      for v in views)
    return ('<h2><label for="geomap-view">Point of view</label></h2>'
            f'<select id="geomap-view" autocomplete="off">{options}</select>'
            f'<p class="geomap-note" id="geomap-view-note">{e(views[0]["words"])}</p>')


def view_words(view: dict) -> str:
    """What the chosen view changes, in words."""
    if view["code"] and view["lines"]:
        return (f"Lines as {view['label']} classes them; contested place names as that side "
                "writes them. Natural Earth, not authoritative.")
    if view["code"]:
        return (f"{view['label']}: lines as Natural Earth's default view; contested place "
                "names as that side writes them.")
    return ("Lines as Natural Earth's default view classes them (de facto control, as its "
            "editors see it); not authoritative.")


def _unplaced_item(u: dict) -> str:
    e = html.escape
    who = str(u.get("claimant") or "")
    what = _claim_words(u)
    place = str(u.get("place") or "")
    head = f"<strong>{e(place)}</strong>: " if place else "<strong>no place named</strong>: "
    reason = reason_words(u.get("reason") or "")
    origin = str(u.get("origin") or "")
    tail = " — ".join(e(p) for p in (reason, origin) if p)
    return (f"<li>{head}{e(who) + ' ' if who else ''}{e(what)}"
            + (f'<br><span class="geomap-reason">{tail}</span>' if tail else "") + "</li>")


def _sources_list(sources: list[dict]) -> list[str]:
    """The sources, each once, named; the claims with no named source said once."""
    e = html.escape
    named: dict[tuple[str, str], int] = {}
    unnamed = 0
    for s in sources:
        name = _source_name(s)
        if not name:
            unnamed += s["claims"]
            continue
        url = str(s.get("url") or "")
        key = (name, url if url.lower().startswith(("http://", "https://")) else "")
        named[key] = named.get(key, 0) + s["claims"]
    out = []
    for (name, url), n in sorted(named.items()):
        link = (f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer">{e(name)}</a>'
                if url else e(name))
        out.append(f"<li>{link} — {plural(n, 'claim')}</li>")
    if unnamed:
        out.append(f'<li class="geomap-unnamed">No source named for '
                   f'{plural(unnamed, "claim")}</li>')
    return out


def _title_panel(title: str, dates: str, claims_in: int, mapped: int, unplaced: list[dict],
                 sources: list[dict], reactions: list[dict] = (),
                 incidents_html: str = "", incident_count: int | None = None) -> str:
    e = html.escape
    out = ['<div id="geomap-title" class="geomap-panel">', f"<h1>{e(title)}</h1>",
           f'<div class="geomap-dates">{e(dates)}</div>',
           f'<div class="geomap-counts">{e(counts_words(claims_in, mapped, incident_count))}'
           '</div>']
    if incidents_html:
        out.append(incidents_html)
    if unplaced:
        out.append(f'<details class="geomap-unplaced" open><summary>Not on the map '
                   f'({len(unplaced)})</summary><ul>')
        out.extend(_unplaced_item(u) for u in unplaced)
        out.append("</ul></details>")
    if reactions:
        out.append(f'<details class="geomap-reactions"><summary>Reactions ({len(reactions)})'
                   '</summary><p class="geomap-reason">Statements by third parties, mapped at '
                   'the place they concern, not at the speaker\'s capital.</p><ul>')
        for r in reactions:
            about = f", about {e(r['place_name'])}" if r.get("place_name") else ""
            out.append(f'<li><button type="button" class="geomap-goto" data-claim="'
                       f'{e(r["id"])}">{e(r["claimant"] or "unnamed claimant")}</button> '
                       f'{e(_claim_words(r))}{about}</li>')
        out.append("</ul></details>")
    items = _sources_list(sources)
    if items:
        out.append(f'<details class="geomap-sources"><summary>Sources ({len(items)})</summary>'
                   '<ul>')
        out.extend(items)
        out.append("</ul></details>")
    out.append(f'<p class="geomap-note">{e(NOT_AUTHORITATIVE)} Claims are shown as reported '
               "and are not verified.</p></div>")
    return "\n".join(out)


def contest_words(incident: dict) -> str:
    """ "Contested: AM asserts; AZ denies", "Not contested: AM reports" or "Not contested",
    for an incident (``contest`` is the caller's sentence of what each side says)."""
    said = str(incident.get("contest") or "").strip()
    if incident.get("contested"):
        return f"Contested: {said}" if said else "Contested: the sides' accounts disagree"
    return f"Not contested: {said}" if said else "Not contested"


# The Incidents panel lists every claim of every incident, side by side, up to this many
# claims in all; beyond, each incident says its counts and its contest in words (a page of
# 10,000 claims would otherwise carry every quote twice: 3.4 MB), and its popup and the
# map's incident filter show its claims side by side.
PANEL_CLAIMS_IN_FULL = 2000
# In that short form, beyond this many incidents the panel lists this many and a button that
# lists the next as many, made by claims.js from the page's data (incidentEntry); the
# incident filter's menu is filled by claims.js when first used. Years of a busy border are
# tens of thousands of incidents: 23,330 written as HTML were 13.8 MB of a 41 MB page and
# 20 s of Chromium's parsing and layout before the map was ready.
PANEL_INCIDENTS_AT_ONCE = 200


def _incident_panel(incidents: list[dict], claims_by_id: dict[str, dict],
                    colours: dict[str, str], side_labels: dict[str, str]) -> str:
    """Each incident: its title, dates, whether it is contested (in words), and its claims
    in a column per side, grouped by stance; the incident and each placed claim link to the
    map (buttons .geomap-show with data-incident or data-claim; the Reactions list's are
    .geomap-goto)."""
    e = html.escape
    in_full = len(claims_by_id) <= PANEL_CLAIMS_IN_FULL
    listed = incidents if in_full else incidents[:PANEL_INCIDENTS_AT_ONCE]
    out = [f'<details class="geomap-incidents" open><summary>Incidents ({len(incidents):,})'
           '</summary><ol class="geomap-incident-list">']
    for inc in listed:
        contested = "geomap-contested" if inc["contested"] else "geomap-uncontested"
        n = len(inc["claims"])
        title = e(inc["title"] or "untitled incident")
        head = (f'<button type="button" class="geomap-show geomap-incident-goto" '
                f'data-incident="{e(inc["id"])}">{title}</button>' if inc["placed"]
                else f'<span class="geomap-incident-title">{title}</span>')
        facts = [p for p in (inc["dates"] if inc["dates"] not in inc["title"] else "",
                             plural(n, "claim")) if p]
        mark = (f'<span class="geomap-incident-mark geomap-incident-mark-sample" '
                f'aria-hidden="true">{e(INCIDENT_SYMBOL["contested_mark"])}</span>'
                if inc["contested"] else "")
        out.append(f'<li class="geomap-incident" data-incident="{e(inc["id"])}">'
                   f'<details><summary>{head}'
                   f'<div class="geomap-incident-facts">{e(" · ".join(facts))}</div>'
                   f'<div class="{contested}">{mark}{e(contest_words(inc))}</div></summary>')
        where = inc["place_name"]
        events = ", ".join(inc["events"])
        line = "; ".join(p for p in (f"at {where}" if where else "",
                                     f"events: {events}" if events else "",
                                     "" if inc["placed"] else "not on the map") if p)
        if line:
            out.append(f'<div class="geomap-reason">{e(line[0].upper() + line[1:])}</div>')
        if not in_full:
            out.append('<div class="geomap-reason">Its claims side by side: click its title '
                       '(or choose it in the filters).</div></details></li>')
            continue
        out.append('<div class="geomap-side-columns">')
        for side in inc["sides"]:
            colour = colours.get(side["side"], "#888888")
            label = side["label"] or side_labels.get(side["side"], side["side"])
            ids = [i for i in side["claims"] if i in claims_by_id]
            out.append(f'<div class="geomap-side-column" data-side="{e(side["side"])}">'
                       f'<div class="geomap-side-head"><span class="geomap-badge" '
                       f'style="background:{colour}">{e(side["side"])}</span>{e(label)}: '
                       f'{plural(len(ids), "claim")}</div>')
            for stance in [*STANCES, *sorted({claims_by_id[i]["stance"] for i in ids}
                                             - set(STANCES))]:
                these = [claims_by_id[i] for i in ids if claims_by_id[i]["stance"] == stance]
                if not these:
                    continue
                out.append(f'<div class="geomap-stance-group" data-stance="{e(stance)}">'
                           f'<div class="geomap-stance-head">{symbol_svg(stance, colour)}'
                           f'{e(STANCE_VERBS.get(stance, stance))}</div><ul>')
                for c in these:
                    who = e(c.get("claimant") or "unnamed claimant")
                    who = (f'<button type="button" class="geomap-show" data-claim="{e(c["id"])}">'
                           f'{who}</button>' if c.get("_placed") else
                           f'<strong>{who}</strong> <span class="geomap-reason">(not on the '
                           'map)</span>')
                    what = ", ".join(p for p in (str(c.get("event") or ""),
                                                _date_words(c["date"]) if c.get("date")
                                                else "") if p)
                    quote = _short(c.get("text"))
                    out.append(f"<li>{who}"
                               + (f'<div class="geomap-claim-facts">{e(what)}</div>' if what
                                  else "")
                               + (f'<q class="geomap-short-quote">{e(quote)}</q>' if quote
                                  else "") + "</li>")
                out.append("</ul></div>")
            out.append("</div>")
        out.append("</div></details></li>")
    if len(listed) < len(incidents):
        out.append(f'<li class="geomap-incident-more"><button type="button" '
                   f'class="geomap-more-incidents" data-next="{len(listed)}" '
                   f'data-step="{PANEL_INCIDENTS_AT_ONCE}">'
                   f'{e(more_incidents_words(len(listed), len(incidents)))}</button></li>')
    out.append("</ol></details>")
    return "\n".join(out)


def more_incidents_words(listed: int, total: int) -> str:
    """The Incidents panel's button once ``listed`` of ``total`` are listed: "List the next
    200 (23,130 not listed yet)" (claims.js words it the same)."""
    return (f"List the next {min(PANEL_INCIDENTS_AT_ONCE, total - listed):,} "
            f"({total - listed:,} not listed yet)")


def _clustered(incidents: list[dict] | None) -> bool:
    """Whether the map's incidents' symbols cluster (claims.js: more placed incidents than
    the symbols' clustered_from)."""
    return sum(bool(i["placed"]) for i in incidents or []) > INCIDENT_SYMBOL["clustered_from"]


def incident_choice(incident: dict) -> str:
    """An incident in the incident filter's menu: its title, cut near 60 characters, and
    its count of claims (claims.js words it the same)."""
    return f'{_short(incident["title"], 60)} ({plural(len(incident["claims"]), "claim")})'


def _filters(stances: list[str], events: list[str], incidents: list[dict]) -> str:
    """The time control and the filters: dates, stance, event and incident."""
    e = html.escape
    out = ['<div id="geomap-timeline" class="geomap-panel geomap-timeline">',
           '<div class="geomap-timeline-head"><strong>Filters</strong> '
           '<span id="geomap-timeline-count" class="geomap-reason"></span></div>',
           '<div class="geomap-dates-control"><div><strong>Dates</strong> '
           '<span id="geomap-timeline-range"></span></div>',
           '<label>from <input type="range" name="from" min="0" max="0" step="1" value="0">'
           '</label>',
           '<label>to <input type="range" name="to" min="0" max="0" step="1" value="0">'
           '</label>',
           '<label><input type="checkbox" name="undated" checked> undated claims</label></div>',
           '<details class="geomap-filters" open><summary>'
           f'{"Stance, event, incident" if incidents else "Stance, event"}</summary>']
    # (a choice of one is no choice: a filter is offered where the claims differ)
    if len(stances) > 1:
        out.append('<fieldset class="geomap-filter-stance"><legend>Stance</legend>')
        out.extend(f'<label><input type="checkbox" name="stance" value="{e(s)}" checked> '
                   f'{e(STANCE_VERBS.get(s, s))}</label>' for s in stances)
        out.append("</fieldset>")
    if len(events) > 1:
        out.append('<fieldset class="geomap-filter-event"><legend>Event</legend>')
        out.extend(f'<label><input type="checkbox" name="event" value="{e(ev)}" checked> '
                   f'{e(ev)}</label>' for ev in events)
        out.append("</fieldset>")
    if incidents:
        # (beyond the panel's length, claims.js fills the menu when it is first used)
        lazy = len(incidents) > PANEL_INCIDENTS_AT_ONCE
        out.append('<label class="geomap-filter-incident">Incident <select name="incident"'
                   + (' data-fill="later">' if lazy else ">")
                   + '<option value="">all incidents</option>')
        if not lazy:
            out.extend(f'<option value="{e(i["id"])}">{e(incident_choice(i))}</option>'
                       for i in incidents)
        out.append("</select></label>")
    out.append("</details></div>")
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


def area_words(area: dict, country_names: dict[str, str]) -> str:
    """A disputed area in words: its name, its parties, and whose it is in each view."""
    import math

    def name(code: str) -> str:
        return country_names.get(code, code)

    parties = " and ".join(name(c) for c in str(area.get("countries") or "").split("-") if c)
    held: dict[str, list[str]] = {}
    claims: list[str] = []
    for view, country in area_holders(area.get("views")).items():
        if view in VIEWS:
            held.setdefault(country, []).append(view)
        elif view == country:  # a claimant Natural Earth gives no view: its own claim
            claims.append(name(country))
    parts = []
    default = str(area.get("default") or "")
    if default in country_names:
        parts.append(f"{name(default)}'s in Natural Earth's default view")
    elif default:
        parts.append("a unit of its own in Natural Earth's default view")
    parts += [f"{name(c)}'s in the views of {', '.join(sorted(vs))}"
              for c, vs in sorted(held.items())]
    parts += [f"claimed by {c}" for c in claims]
    size = area.get("area_km2")
    text = f"{area.get('name') or 'Disputed area'}: disputed"
    text += f" between {parties}" if parties else ""
    text += (": " + "; ".join(parts) if parts else "") + "."
    if isinstance(size, (int, float)) and math.isfinite(size):
        text += f" About {size:,.0f} km²."
    return text + " Derived from Natural Earth's lines; not authoritative."


def _line_features(lines, views: list[dict], view: tuple[float, float, float, float]
                   ) -> list[dict]:
    """The built-in lines as the page's script draws them: the geometry, simplified for
    the map's scale (a 1,500th of its first view: about 200 m for a region, never finer
    than the 1:10m source's metre), the class in each view the page offers (``c``), the
    line's name and its countries. (The border facts are measured on the full lines.)"""
    import shapely
    from shapely.geometry import mapping

    tolerance = max(1e-4, max(view[2] - view[0], view[3] - view[1]) / 1500)
    codes = [v["code"] for v in views if v["lines"]]
    out = []
    geoms = shapely.set_precision(shapely.simplify(lines.geometry.values, tolerance), 1e-4)
    for geom, default, seen, name, pair in zip(geoms, lines["default"],
                                               lines["views"], lines["name"],
                                               lines["countries"]):
        every = classes_of(default, seen)
        if geom.is_empty:
            continue
        out.append({"g": mapping(geom),
                    "c": {code: every.get(code, default) for code in codes},
                    "n": str(name or ""), "p": str(pair or "")})
    return out


def _number(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f == f and abs(f) != float("inf") else None


def _incidents(incidents: list[dict] | None, known: set[str]) -> list[dict]:
    """The incidents as the page carries them: only the documented keys, each of its type;
    claims the page does not hold are left out."""
    out = []
    for inc in incidents or []:
        lat, lon = _number(inc.get("lat")), _number(inc.get("lon"))
        sides = []
        for s in inc.get("sides") or []:
            counts = s.get("stances") or {}
            if all(type(k) is str and type(v) is int for k, v in counts.items()):
                stances = dict(counts)  # (as geomap's own incidents give them)
            else:
                stances = {str(k): int(v) for k, v in counts.items() if _number(v) is not None}
            sides.append({"side": str(s.get("side") or ""), "label": str(s.get("label") or ""),
                          "claims": list(filter(known.__contains__,
                                                map(str, s.get("claims") or []))),
                          "stances": stances})
        out.append({
            "id": str(inc.get("id") or ""), "title": str(inc.get("title") or ""),
            "place_name": str(inc.get("place_name") or ""), "lat": lat, "lon": lon,
            "date_from": str(inc.get("date_from") or ""), "date_to": str(inc.get("date_to") or ""),
            "dates": str(inc.get("dates") or ""),
            "events": [str(v) for v in inc.get("events") or []],
            "claims": list(filter(known.__contains__, map(str, inc.get("claims") or []))),
            "sides": sides, "contested": bool(inc.get("contested")),
            "contest": str(inc.get("contest") or ""),
            "contest_words": contest_words(inc),
            "placed": bool(inc.get("placed")) and lat is not None and lon is not None,
        })
    return out


def _sides_by_claim(inc: dict) -> dict:
    """An incident as the page carries it: where its sides' claims are its own claims, each
    side's in the incident's order, each claim's side is given once (``side_of``: by claim,
    the index of its side in ``sides``, or -1), not the claims' ids again in each side."""
    claims = inc["claims"]
    at = {cid: p for p, cid in enumerate(claims)}
    side_of = [-1] * len(claims)
    if len(at) != len(claims):
        return inc
    for k, side in enumerate(inc["sides"]):
        last = -1
        for cid in side["claims"]:
            p = at.get(cid)
            if p is None or p <= last or side_of[p] != -1:
                return inc
            side_of[p], last = k, p
    return {**inc, "side_of": side_of,
            "sides": [{k: v for k, v in side.items() if k != "claims"} for side in inc["sides"]]}


def _shared_sides(incidents: list[dict]) -> tuple[list[dict], list[dict]]:
    """(The incidents with each of their sides given by its index in the second, the
    distinct sides.) A side, its label and its counts of stances repeat from incident to
    incident: years of claims at 93 places were 54,038 sides of 23,330 incidents, 2,394 of
    them distinct, and 5.1 MB of the page's 16 MB of incidents. The sides are _incidents':
    its side and label texts, its counts whole numbers by stance, its claims' ids (where
    _sides_by_claim left them): equal keys are equal JSON."""
    shared: list[dict] = []
    index: dict[tuple, int] = {}
    out = []
    for inc in incidents:
        ks = []
        for side in inc["sides"]:
            key = (side["side"], side["label"], tuple(side["stances"].items()),
                   tuple(side["claims"]) if "claims" in side else None)
            k = index.get(key)
            if k is None:
                k = index[key] = len(shared)
                shared.append(side)
            ks.append(k)
        out.append({**inc, "sides": ks})
    return out, shared


def _sides_of(inc: dict) -> dict:
    """An incident of the page's data as it was before _sides_by_claim."""
    if "side_of" not in inc:
        return inc
    inc = dict(inc)
    side_of = inc.pop("side_of")
    sides = []
    for k, side in enumerate(inc["sides"]):
        ids = [cid for cid, s in zip(inc["claims"], side_of) if s == k]
        items = list(side.items())
        items.insert(2 if len(items) >= 2 else len(items), ("claims", ids))
        sides.append(dict(items))
    inc["sides"] = sides
    return inc


# -- the claims in the page's data -----------------------------------------------------------
# The page carries its claims as two tables by column (data.claims and data.places, each
# {"length", "fields", "same", "values", "numbered", "columns"}: see _table_json): what a
# claim says, and where it is (the place, how it was found and its border facts), each
# place once; a claim's ``place_row`` is its row in data.places. ``claims_of`` (and
# claims.js) read them back as one record per claim.
PLACE_FIELDS = ("place", "place_id", "place_name", "place_kind", "country", "radius_km",
                "resolution", "lat", "lon", "precision", "confidence", *FACT_COLUMNS)
# what the popup says about the place (place_words), worked out once per place, from these
PLACE_WORDS = ("certainty", "place_note")
WORDED_FIELDS = ("confidence", "place_name", "place", "country", "place_kind", "resolution")
# The script element the data goes into once folium has rendered the page; no input can
# write it (every "<" of an input is escaped in the page).
DATA_MARK = '<script type="application/json" id="geomap-data"></script>'
# What only a popup (or a record asked for) shows: a claim's quote, and its place's facts and
# words. The page carries these columns in a second element, script#geomap-later ({"claims":
# table, "places": table}, tables as _table_json writes them), which claims.js parses when
# first asked: a quote is free text, the most of a page's data, and the map, its filters and
# its panels need none of it to open. In script#geomap-data, such a field is in the table's
# "fields" (the fields' order is the record's) but in none of its "same" or "columns".
LATER_FIELDS = frozenset(("text", "place_kind", "country", "radius_km", "resolution",
                          "confidence", *FACT_COLUMNS, *PLACE_WORDS))


def _later(field: str) -> bool:
    """Whether the page carries the field in script#geomap-later (LATER_FIELDS; a border
    fact in any view)."""
    return field in LATER_FIELDS or _SENTENCES.fullmatch(field) is not None


_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("{", "\\u007b"),
                ("}", "\\u007d"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _column(frame, name: str) -> list:
    """A column as a list of JSON values: NaN, infinities and missing values null, numpy's
    scalars Python's, anything else text."""
    import math

    import numpy as np
    import pandas as pd

    series = frame[name]
    if series.dtype.kind in "biu":
        return series.tolist()
    if series.dtype.kind == "f":
        values = series.to_numpy()
        out = values.tolist()
        for i in np.flatnonzero(~np.isfinite(values)):
            out[i] = None
        return out
    out = series.tolist()
    if series.dtype != object:  # text: missing is NaN
        for i in np.flatnonzero(series.isna().to_numpy()):
            out[i] = None
        return out
    for i, v in enumerate(out):
        if v is None or isinstance(v, (str, bool, int)):
            continue
        if isinstance(v, float):
            out[i] = v if math.isfinite(v) else None
        elif isinstance(v, np.generic):
            v = v.item()
            out[i] = None if isinstance(v, float) and not math.isfinite(v) else v
        else:
            out[i] = None if pd.api.types.is_scalar(v) and pd.isna(v) else str(v)
    return out


class ClaimTable:
    """The placed claims as the page carries them: their ``columns`` (every field, by
    claim), each place once (``place_columns``, by place field; ``place_row`` by claim; a
    place's border fact in a view that says it otherwise is its field ``border:<view>``),
    and what the switch of views and the popup need (``view_names`` by place id,
    ``located`` by resolution). ``coded`` and ``place_coded``: the text fields' distinct
    values and each claim's (place's) index among them, as _coded gives them."""

    def __init__(self, columns: dict[str, list], claim_fields: list[str],
                 place_fields: list[str], place_columns: list[list], place_row: list[int],
                 located: dict[str, str], view_names: dict, coded: dict | None = None,
                 place_coded: dict | None = None) -> None:
        self.columns, self.claim_fields, self.place_fields = columns, claim_fields, place_fields
        self.place_columns, self.place_row = place_columns, place_row
        self.located, self.view_names = located, view_names
        self.coded, self.place_coded = coded or {}, place_coded or {}

    def __len__(self) -> int:
        return len(self.place_row)

    def claim(self, i: int) -> dict:
        """The i-th claim as one record."""
        c = {f: self.columns[f][i] for f in self.claim_fields}
        row = self.place_row[i]
        c.update((f, column[row]) for f, column in zip(self.place_fields, self.place_columns))
        return c

    def json(self) -> tuple[str, str, str]:
        """(data.claims, data.places, the later tables: script#geomap-later's {"claims",
        "places"}) as JSON that can sit in a <script> element."""
        fields = [*self.claim_fields, "place_row"]
        claims = [self.columns[f] for f in self.claim_fields] + [self.place_row]
        now_claims, later_claims = _split_json(fields, claims, self.coded)
        now_places, later_places = _split_json(self.place_fields, self.place_columns,
                                               self.place_coded)
        return now_claims, now_places, f'{{"claims":{later_claims},"places":{later_places}}}'


def _split_json(fields: list[str], columns: list[list], coded: dict) -> tuple[str, str]:
    """A table as two (_table_json): the fields read as the page opens, with every field
    named in its "fields", and those it reads later (_later), in a table of their own."""
    now = [f for f in fields if not _later(f)]
    if not now:  # (all later: all kept in one table, which gives the length)
        return _table_json(fields, columns, coded), _table_json([], [])
    by_name = dict(zip(fields, columns))
    later = [f for f in fields if _later(f)]
    return (_table_json(now, [by_name[f] for f in now], coded, listed=fields),
            _table_json(later, [by_name[f] for f in later], coded))


def _table_json(fields: list[str], columns: list[list], coded: dict | None = None,
                listed: list[str] | None = None) -> str:
    """A table as the page carries it, by column: {"length": n, "fields": [...], "same":
    {field: value}, "values": {field: [...]}, "numbered": {field: [...]}, "columns": {field:
    [...]}}. A field with one value in every row gives it once, in ``same``. A text field
    whose every value is a few texts each followed by a number ("claims.csv:12") gives the
    numbers in ``numbered`` and the texts before them as its column (or in ``same``); one
    of geomap's own sentences (a border fact's "60.1 km inside Russia, from the Georgia
    border": _SENTENCES) whose values mostly differ but are a few texts around a number gives
    each text around it once, as [before, after] (_templated), in ``values`` (or ``same``),
    and the numbers in ``numbered``. A
    text or a true-or-false field with few values (a side, a stance, a date, whether a place
    is disputed) gives each value once, in ``values``, and its column the value's index there.

    Written as safe_json writes it, fast: columns of scalars hold braces only inside their
    strings, so each character is replaced at once. ``coded``: by field, a text column's
    distinct values (texts and None, in the order they first come) and each row's index
    among them, as _coded gives them: a column of few values is written from those, not
    looked at value by value again. ``listed``: the fields its "fields" names, where they
    are more than those given here (the others are in script#geomap-later)."""
    n = len(columns[0]) if columns else 0
    same, values, numbered, digits, given = {}, {}, {}, {}, {}

    def around(field: str, distinct: list, codes) -> bool:
        """The field as the texts around its numbers (_templated), where that pays; whether
        it was. ``codes``: each row's index among ``distinct``."""
        split = _templated(distinct, n)
        if split is None:
            return False
        texts, text_of, number_of = split
        import numpy as np

        if len(distinct) == n:  # (all differ: row i is value i)
            numbered[field], rows = number_of, text_of
        else:
            codes = np.asarray(codes, dtype=np.int64)
            numbered[field] = np.asarray(number_of, dtype=np.int64)[codes].tolist()
            rows = np.asarray(text_of, dtype=np.int64)[codes]
        if len(texts) == 1:
            same[field] = list(texts[0])
            return True
        values[field] = [t if t is None else list(t) for t in texts]
        given[field] = _indices_json(rows)
        return True

    for field, column in zip(fields, columns):
        distinct, codes = (coded or {}).get(field, ((), None))
        sentences = _SENTENCES.fullmatch(field) is not None  # (which may be templated)
        if n >= 4 and 0 < 2 * len(distinct) <= n:  # (as below would find, at once)
            if len(distinct) == 1:
                same[field] = distinct[0]
            elif not (sentences and around(field, list(distinct), codes)):  # (not _numbered)
                values[field] = list(distinct)
                given[field] = _indices_json(codes)
            continue
        kinds = set(map(type, column))
        if n >= 2 and len(kinds) == 1 and column.count(column[0]) == n:
            same[field] = column[0]
            continue
        if kinds == {str} and n >= 4:
            split = _numbered(column)
            if split is not None:
                column, numbered[field], width = split
                if width:
                    digits[field] = width
                if len(set(column)) == 1:
                    same[field] = column[0]
                    continue
        if sentences and n >= 4 and kinds <= {str, type(None)} and field not in numbered:
            if codes is None:
                distinct = dict.fromkeys(column)
                index = dict(zip(distinct, range(len(distinct))))
                codes = list(map(index.__getitem__, column))
            if around(field, list(distinct), codes):
                continue
        kinds.discard(type(None))
        if n >= 4 and (kinds <= {str} or kinds <= {bool}):
            distinct = dict.fromkeys(column)
            if 2 * len(distinct) <= n:
                values[field] = list(distinct)
                # the indices written at once, each index's text joined (json.dumps of
                # the numbers took twice as long); never _counted: a column of repeats
                # is no run one step apart (all the same was ``same`` above)
                index = {v: str(i) for i, v in enumerate(distinct)}
                given[field] = "[" + ",".join(map(index.__getitem__, column)) + "]"
                continue
        given[field] = column
    numbered = {f: _counted(v) for f, v in numbered.items()}
    parts = []
    for field, column in given.items():
        if isinstance(column, str):  # (written above)
            parts.append(f"{safe_json(field)}:{column}")
            continue
        column = _counted(column)
        if isinstance(column, dict):
            parts.append(f"{safe_json(field)}:{safe_json(column)}")
            continue
        if _finite_floats(column):  # (as json writes them, each its repr: quicker at once)
            parts.append(f"{safe_json(field)}:[{','.join(map(float.__repr__, column))}]")
            continue
        text = json.dumps(column, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        for ch, esc in _SCRIPT_SAFE:
            text = text.replace(ch, esc)
        parts.append(f"{safe_json(field)}:{text}")
    text = "{" + ",".join(parts) + "}"
    return (f'{{"length":{n},"fields":{safe_json(fields if listed is None else listed)},'
            f'"same":{safe_json(same)},'
            f'"values":{safe_json(values)},"numbered":{safe_json(numbered)},'
            f'"digits":{safe_json(digits)},"columns":{text}}}')


def _finite_floats(column: list) -> bool:
    """Whether every value is a Python float, none NaN or infinite (which JSON refuses)."""
    import numpy as np

    return (bool(column) and type(column[0]) is float and set(map(type, column)) == {float}
            and bool(np.isfinite(np.array(column, dtype=np.float64)).all()))


def _indices_json(indices) -> str:
    """Indices (whole numbers from 0) as a JSON list, "[0,2,1]", written by numpy at once:
    each index's text and comma made once, as bytes padded with NULs to one width, the
    rows' taken from those and the NULs dropped (a join of 100,000 small texts took longer)."""
    import numpy as np

    indices = np.asarray(indices, dtype=np.int64)
    if not len(indices):
        return "[]"
    top = int(indices.max())
    width = len(str(top)) + 1
    texts = np.array([f"{i},".encode("ascii").ljust(width, b"\0") for i in range(top + 1)])
    chars = texts.view(np.uint8).reshape(top + 1, width)[indices].ravel()
    return "[" + chars[chars != 0].tobytes().decode("ascii")[:-1] + "]"


def _counted(column: list) -> list | dict:
    """A column of whole numbers that each differ from the one before by one step (the rows'
    own numbers, a file's lines one after another) as {"first": a, "step": d}: row i holds
    a + d * i. Any other column as it is."""
    n = len(column)
    if n < 3 or {type(column[0]), type(column[1]), type(column[-1])} != {int}:
        return column
    first, step = column[0], column[1] - column[0]
    if column[-1] != first + step * (n - 1) or set(map(type, column)) != {int}:
        return column  # (the ends first: most columns fail there, before a pass over all)
    if column != list(range(first, first + step * n, step) if step else [first] * n):
        return column
    return {"first": first, "step": step}


def _listed(column: list | dict, n: int) -> list:
    """A column as _counted gives it, as a list of its ``n`` values."""
    if isinstance(column, dict):
        return [column["first"] + column["step"] * i for i in range(n)]
    return column


_DIGITS = "0123456789"


def _numbered(column: list[str]) -> tuple[list[str], list[int], int] | None:
    """(the texts before the numbers, the numbers, their digits) where every value of
    ``column`` is a text followed by a number of at most 15 digits written plainly (digits
    0) or all with as many digits, zeros in front ("s00042": 5), so that it reads back the
    same, the texts are few and most values differ; else None.

    As the regex (.*\\D)?([0-9]{1,15}) would split them: the number is every digit 0-9 at
    the end, and the text before it may not end in another digit (\\d: "٣")."""
    if column[0].rstrip(_DIGITS) == column[0] or 2 * len(set(column)) <= len(column):
        return None  # (the first value ends in no number, or most are the same)
    heads = [v.rstrip(_DIGITS) for v in column]
    if 2 * len(set(heads)) > len(heads):
        return None
    digits = list(map(str.removeprefix, column, heads))
    lengths = set(map(len, digits))
    if 0 in lengths or max(lengths) > 15:
        return None
    if not "".join(heads).isascii() and any(head[-1:].isdecimal() for head in heads):
        return None
    padded = any(d[0] == "0" and len(d) > 1 for d in digits)
    if padded and len(lengths) > 1:
        return None
    return heads, list(map(int, digits)), lengths.pop() if padded else 0


# The fields of geomap's own sentences, which _templated may carry as texts around numbers:
# a place's border fact, and what a view says it is. Never an input's text: a quote is its
# own, and one that looked like a template would be a synthetic input's quirk.
_SENTENCES = re.compile(r"border(?::.*)?", re.S)
# A text's first number, with the texts before and after it (no text holds a NUL: see
# _templated)
_FIRST_NUMBER = re.compile(r"([^0-9\x00]*)([0-9]+)([^\x00]*)")


def _templated(distinct: list, n: int) -> tuple[list, list, list] | None:
    """For a text column of ``n`` rows with these ``distinct`` values (texts and None):
    (the texts around the values' first numbers, as (before, after), and None for None; the
    index of each value's among them; each value's number, 0 for None), where those texts
    are at most a quarter as many as the values, the values' texts weigh more than two
    characters a row, and every number (its first run of digits 0-9) reads back as it was
    written: at most 15 digits, no zero in front. Generated sentences ("60.1 km inside
    Russia, from the Georgia border": 60 and ".1 km inside ...") carry their numbers apart,
    each sentence's words once. Else None."""
    texts = [v for v in distinct if v is not None]
    text = "\x00".join(texts)
    if len(text) <= 2 * n or "\x00" in text and text.count("\x00") != len(texts) - 1:
        return None  # (little to gain; or a value holds a NUL: no telling them apart)
    found = _FIRST_NUMBER.findall(text)  # (one match from each value's start where it has
    if len(found) != len(texts):         # a digit: then each matches up to its NUL)
        return None
    heads, digits, tails = zip(*found)
    around = list(zip(heads, tails))
    index = dict.fromkeys(around)
    if 4 * (len(index) + (len(texts) < len(distinct))) > len(distinct):
        return None
    if max(map(len, digits)) > 15 or re.search("\x000[0-9]", "\x00" + "\x00".join(digits)):
        return None  # (more than 15 digits, or a zero in front)
    numbers = list(map(int, digits))
    if len(texts) < len(distinct):  # (None: one of the distinct values, at most)
        at = distinct.index(None)
        around[at:at] = [None]
        numbers[at:at] = [0]
        index = dict.fromkeys(around)
    ordered = list(index)  # (the texts around, in the order of the values they first come in)
    index = dict(zip(ordered, range(len(ordered))))
    return ordered, list(map(index.__getitem__, around)), numbers


def _codes(series, column: list):
    """Each row's number among the distinct values of ``column`` (a frame's column as
    _column gives it, ``series``; or None): rows with equal values (Python's ==, as a
    tuple of them compares) have equal numbers. Text, whole numbers and true-or-false by
    pandas, at once; any other column in Python."""
    import numpy as np
    import pandas as pd

    dtype = getattr(series, "dtype", None)
    if isinstance(dtype, pd.StringDtype) or isinstance(dtype, np.dtype) and dtype.kind in "biu":
        return pd.factorize(series)[0]  # (missing: -1, as _column's None is one value)
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        values = series.to_numpy() + 0.0  # (-0.0 == 0.0; NaN and infinities None, as _column)
        values[~np.isfinite(values)] = np.nan
        return pd.factorize(values)[0]
    index: dict = {}
    return np.array([index.setdefault(v, len(index)) for v in column], dtype=np.int64)


def _coded(series) -> tuple[list, list, object] | None:
    """A text column (pandas' str dtype) as (its values, as _column gives them; its
    distinct values, in the order they first come, missing as None; each row's index among
    them, a numpy array), by pandas at once: a column of a few values is made of its few
    texts, not read from Arrow value by value. None for any other column."""
    import numpy as np
    import pandas as pd

    if not isinstance(series.dtype, pd.StringDtype):
        return None
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    distinct = uniques.tolist()
    for i in np.flatnonzero(uniques.isna()):
        distinct[i] = None
    if len(distinct) == len(codes):  # (all differ: the rows' own order)
        return list(distinct), distinct, codes
    if len(distinct) == 1:  # (all the same)
        return distinct * len(codes), distinct, codes
    # (each row's text taken by numpy: the same objects, a third of the time of a map)
    return np.array(distinct, dtype=object)[codes].tolist(), distinct, codes


def _places(codes: list, columns: list[list]) -> tuple[list[int], list[list], list[int]]:
    """Rows with the same values in every column (``codes``: _codes of each of
    ``columns``) taken once, in the order of their first row: (each row's place, each
    column's values by place, each place's first row). The same as a dict of the rows'
    tuples, faster: the numbers combined column by column by pandas, not 100,000 tuples of
    twenty values hashed."""
    import numpy as np
    import pandas as pd

    n = len(columns[0]) if columns else 0
    key, size = np.zeros(n, dtype=np.int64), 1  # (every key is below size)
    for c in codes:
        width = int(c.max(initial=-1)) + 2  # (c's numbers, -1 for missing, plus one)
        if size * width >= 2 ** 62:  # (numbered again, not to overflow)
            key = pd.factorize(key)[0]
            size = int(key.max(initial=-1)) + 1
        key, size = key * width + (c + 1), size * width
    key = pd.factorize(key)[0]  # (by place, in the order of their first rows)
    first = np.unique(key, return_index=True)[1].tolist()
    if len(first) == n:  # (each row a place of its own: the columns as they are)
        return key.tolist(), [list(column) for column in columns], first
    return key.tolist(), [list(map(column.__getitem__, first)) for column in columns], first


@without_collections()
def claim_table(frame, by_view: dict, country_names: dict[str, str]) -> ClaimTable:
    """The placed claims of ``frame`` as the page carries them (ClaimTable). ``by_view``:
    by claim id, what a view changes in its popup ({"place_names": {view: name}, "borders":
    {view: sentence}})."""
    fields = [f for f in CLAIM_FIELDS if f in frame.columns] + ["incident_id"]
    coded = {f: _coded(frame[f]) for f in fields if f in frame.columns}
    columns = {f: _column(frame, f) if c is None else c[0] for f, c in coded.items()}
    coded = {f: c[1:] for f, c in coded.items() if c is not None}
    coded.pop("incident_id", None)  # (made text below)
    if "incident_id" in columns:
        columns["incident_id"] = [str(i or "") for i in columns["incident_id"]]
    else:
        columns["incident_id"] = [""] * len(frame)
    place_fields = [f for f in PLACE_FIELDS if f in columns]
    claim_fields = [f for f in fields if f not in place_fields]
    # What the point-of-view switch changes: a place's name by place (many claims share a
    # place), a border fact by place row, each only where a view says it otherwise.
    view_names: dict[str, dict[str, str]] = {}
    ids = columns["id"]
    borders_of = [()] * len(frame)
    if by_view:
        row_of = dict(zip(ids, range(len(ids))))
        place_ids = columns.get("place_id") or [None] * len(ids)
        for cid, changes in by_view.items():  # (in by_view's order: the last says a name)
            names = changes.get("place_names") if changes else None
            i = row_of.get(cid) if names else None
            if i is not None and place_ids[i]:
                view_names[str(place_ids[i])] = {str(v): str(t) for v, t in names.items()}
        # a claim's border facts, looked up by its id in one pass over the claims
        get = by_view.get
        borders_of = [tuple(b.items()) if (c := get(cid)) and (b := c.get("borders")) else ()
                      for cid in ids]
        if len(row_of) < len(ids):  # (an id on two rows: its last row's, as row_of says)
            borders_of = [b if row_of[cid] == i else ()
                          for i, (cid, b) in enumerate(zip(ids, borders_of))]
    # each place once, in the order the claims first name it; its fields as columns
    place_row, by_place, first = _places(
        [*(coded[f][1] if f in coded else _codes(frame[f], columns[f]) for f in place_fields),
         _codes(None, borders_of)], [*(columns[f] for f in place_fields), borders_of])
    place_columns, borders = by_place[:-1], by_place[-1]
    place_coded = {f: (coded[f][0], coded[f][1][first]) for f in place_fields if f in coded}
    # "located" (how the place was found, in words) follows from the resolution alone:
    # given once per distinct resolution (data.located), not in every claim; the popup's
    # words follow from a few fields, worked out once for each of their values
    located: dict[str, str] = {}
    asked = [f for f in WORDED_FIELDS if f in place_fields]
    asks = list(zip(*(place_columns[place_fields.index(f)] for f in asked))) if asked else \
        [()] * len(borders)
    worded: dict[tuple, tuple[str, ...]] = {}
    for ask in dict.fromkeys(asks):
        place = dict(zip(asked, ask))
        said = place_words(place, country_names)
        located.setdefault(place.get("resolution") or "", said["located"])
        worded[ask] = tuple(said[w] for w in PLACE_WORDS)
    by_ask = list(map(worded.__getitem__, asks))
    words = [list(map(itemgetter(j), by_ask)) for j in range(len(PLACE_WORDS))]
    views = sorted({str(v) for border in borders for v, _ in border})
    said_in = {v: [None] * len(borders) for v in views}  # a place's border fact by view
    for row, border in enumerate(borders):
        for v, t in border:
            said_in[str(v)][row] = str(t)
    return ClaimTable(columns, claim_fields,
                      [*place_fields, *PLACE_WORDS, *(f"border:{v}" for v in views)],
                      [*place_columns, *words, *said_in.values()],
                      place_row, located, view_names,
                      {f: coded[f] for f in claim_fields if f in coded}, place_coded)


@without_collections()
def page_json(data: dict, table: ClaimTable) -> tuple[str, str]:
    """The page's data (``data`` and the claims of ``table``) as JSON for its <script>
    elements: safe_json's, with the claims written as tables: (script#geomap-data's,
    script#geomap-later's: LATER_FIELDS)."""
    claims, places, later = table.json()
    parts = {k: safe_json(v) for k, v in data.items()}
    parts.update(claims=claims, places=places)
    return "{" + ",".join(f"{safe_json(k)}:{v}" for k, v in sorted(parts.items())) + "}", later


def claims_of(data: dict, later: dict | None = None) -> list[dict]:
    """The claims of a page's data (script#geomap-data, parsed) as one record each, with
    the fields of their place; with ``later`` (script#geomap-later, parsed) every field,
    else those the page reads as it opens (LATER_FIELDS left out).

    >>> claims_of({"claims": {"length": 1, "fields": ["id", "side", "place_row"],
    ...                       "same": {}, "values": {"side": ["AM"]}, "numbered": {},
    ...                       "columns": {"id": ["a"], "side": [0], "place_row": [0]}},
    ...            "places": {"length": 1, "fields": ["place_name"], "same": {}, "values": {},
    ...                       "numbered": {}, "columns": {"place_name": ["Goris"]}}})
    [{'id': 'a', 'side': 'AM', 'place_row': 0, 'place_name': 'Goris'}]
    """
    later = later or {}
    places = _rows_of(_joined(data["places"], later.get("places")))
    out = []
    for c in _rows_of(_joined(data["claims"], later.get("claims"))):
        c.update(places[c["place_row"]])
        out.append(c)
    return out


def _joined(table: dict, later: dict | None) -> dict:
    """A table of script#geomap-data with the columns script#geomap-later gives it."""
    if not later:
        return table
    out = dict(table)
    for part in ("same", "values", "numbered", "digits", "columns"):
        out[part] = {**(table.get(part) or {}), **(later.get(part) or {})}
    return out


def _rows_of(table: dict) -> list[dict]:
    """A table of the page's data (``_table_json``) as one dict per row; a field given in
    neither its "same" nor its "columns" (one in script#geomap-later) left out."""
    n, same = table["length"], table.get("same") or {}
    values, numbered = table.get("values") or {}, table.get("numbered") or {}
    digits, given = table.get("digits") or {}, table.get("columns") or {}
    columns, fields = [], [f for f in table["fields"] if f in same or f in given]
    for f in fields:
        column = [same[f]] * n if f in same else _listed(given[f], n)
        if f in values:
            column = [values[f][v] for v in column]
        if f in numbered:
            width = digits.get(f, 0)
            column = [head if head is None else f"{head[0]}{number}{head[1]}"
                      if isinstance(head, list) else f"{head}{number:0{width}d}"
                      for head, number in zip(column, _listed(numbered[f], n))]
        columns.append(column)
    return [dict(zip(fields, row)) for row in zip(*columns)]


def page_data(page: str) -> dict:
    """A page's data (script#geomap-data), its claims as one record each, every field
    (``claims_of``, with script#geomap-later's), its places as one table."""
    start = page.index('id="geomap-data">') + len('id="geomap-data">')
    data = json.loads(page[start:page.index("</script>", start)])
    if 'id="geomap-later">' in page:
        start = page.index('id="geomap-later">') + len('id="geomap-later">')
        later = json.loads(page[start:page.index("</script>", start)])
        data["places"] = _joined(data["places"], later.get("places"))
        data["claims"] = _joined(data["claims"], later.get("claims"))
    data["claims"] = claims_of(data)
    if "incidents" in data:  # (each side in full again: _shared_sides, _sides_by_claim)
        shared = data.pop("incident_sides", None)
        data["incidents"] = [_sides_of(inc if shared is None else
                                       {**inc, "sides": [dict(shared[k]) for k in inc["sides"]]})
                             for inc in data["incidents"]]
    return data


class _ClaimsById:
    """Claims by id for the Incidents panel: the placed ones (marked ``_placed``) made into
    records only when asked, then the unplaced."""

    def __init__(self, table: ClaimTable, unplaced: list[dict]) -> None:
        self.table = table
        self.rows = {str(cid): i for i, cid in enumerate(table.columns["id"])}
        self.unplaced = {str(u["id"]): u for u in unplaced if str(u["id"]) not in self.rows}

    def __len__(self) -> int:
        return len(self.rows) + len(self.unplaced)

    def __contains__(self, cid) -> bool:
        return cid in self.rows or cid in self.unplaced

    def __getitem__(self, cid) -> dict:
        if cid in self.rows:
            return {**self.table.claim(self.rows[cid]), "_placed": True}
        return self.unplaced[cid]


def render_map(frame, unplaced: list[dict], layers: list[Layer], areas, *, title: str,
               bands=None,
               view: tuple[float, float, float, float], side_labels: dict[str, str],
               label_points: dict[str, tuple[float, float]], manifest: dict,
               tiles: str | None = None, incidents: list[dict] | None = None,
               views: list[dict] | None = None, by_view: dict | None = None,
               reference=None) -> str:
    """The page as a string. ``frame`` is the join stage's GeoDataFrame of placed claims.

    ``views`` (the chosen one first: {code, label, lines}) are the points of view the
    reader can switch between; ``by_view`` gives, by claim id, what a view changes in its
    popup ({"place_names": {view: name}, "borders": {view: sentence}}); ``reference`` the
    reference basemap (basemap.Reference) or None.

    ``incidents`` (the claims grouped into incidents, as dicts: id, title, place_name, lat,
    lon, date_from, date_to, dates, events, claims, sides, contested, contest, placed) give
    the Incidents panel, the incident filter and the map's "one symbol per incident"; each
    claim names its incident in ``incident_id`` (a column of ``frame``, a key of each
    unplaced dict; "" or missing: none). None: no incidents are shown.
    """
    views = [{**v, "words": view_words(v)} for v in views or [
        {"code": "", "label": "Natural Earth's default view", "lines": True}]]
    unplaced = [{**u, "incident_id": str(u.get("incident_id") or "")} for u in unplaced]
    country_names = {}
    for lay in layers:
        if lay.kind == "countries" and {"iso2", "name"} <= set(lay.frame.columns):
            country_names.update(zip(lay.frame["iso2"], lay.frame["name"]))
    table = claim_table(frame, by_view or {}, country_names)
    cols, n_claims = table.columns, len(frame)
    all_sides = sorted(set(cols["claimant_side"]) | {u["claimant_side"] for u in unplaced})
    colours = side_colours(all_sides)
    counts = Counter(cols["claimant_side"])
    stances = set(cols["stance"])
    sides = [{"side": s, "colour": colours[s], "label": side_labels.get(s, s),
              "claims": counts.get(s, 0)} for s in all_sides]
    for s in sides:
        s["layer"] = f"Claims: {s['label']} ({plural(s['claims'], 'claim')})"
    src_count = Counter(zip(cols["source"], cols["publisher"], cols["url"], cols["published"]))
    src_count.update((u["source"], u["publisher"], u["url"], u["published"]) for u in unplaced)
    sources = [{"source": s, "publisher": p, "url": u, "published": pub or "", "claims": n}
               for (s, p, u, pub), n in sorted(src_count.items(), key=lambda kv: kv[0])]
    dates = sorted({d for d in cols["date"] if d} | {u["date"] for u in unplaced
                                                     if u.get("date")})
    date_text = date_label(dates)
    known = {str(i) for i in cols["id"]} | {str(u["id"]) for u in unplaced}
    shown_incidents = _incidents(incidents, known) if incidents is not None else None

    m = OfflineMap(location=[(view[1] + view[3]) / 2, (view[0] + view[2]) / 2], tiles=None,
                   zoom_start=7, max_zoom=14, min_zoom=3, control_scale=True,
                   prefer_canvas=False, max_bounds=False)
    # Without a tile layer Leaflet has no zoom limits, and MarkerCluster needs one.
    m.options.update(max_zoom=14, min_zoom=3)
    FitView([[view[1], view[0]], [view[3], view[2]]]).add_to(m)
    if tiles == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False,
                         show=True).add_to(m)
    focus = sorted({c for c in cols["country"] if c})
    for name, z in (("geomap-countries", 240), ("geomap-lines", 410)):
        folium.map.CustomPane(name, z_index=z, pointer_events=name == "geomap-lines"
                              ).add_to(m)
    if reference is not None:
        from .reference import add_reference

        add_reference(m, reference)
    lines_layer, line_features, line_classes = None, [], set()
    for layer in layers:
        if layer.source == LINES_SOURCE:  # drawn by claims.js, restyled with the view
            line_features += _line_features(layer.frame, views, view)
            line_classes |= {c for f in line_features for c in f["c"].values()}
            continue
        if layer.kind == "countries":
            def style(f, focus=frozenset(focus)):
                return FOCUS_STYLE if f["properties"]["iso2"] in focus else COUNTRY_STYLE
        else:
            def style(_f, s=LINE_STYLE[layer.kind]):
                return s
        tip = f"{layer.name} — {layer.source}; not authoritative"
        # only what the style needs: a user's file may carry any properties
        shapes = layer.frame[["iso2", "geometry"] if layer.kind == "countries" else ["geometry"]]
        if layer.source == DISPUTED_SOURCE:  # each area says what it is and who holds it
            shapes = layer.frame.assign(tip=[markup(area_words(r, country_names))
                                             for r in layer.frame.to_dict("records")]
                                        )[["tip", "geometry"]]
            tip = folium.GeoJsonTooltip(["tip"], labels=False)
        folium.GeoJson(shapes, name=markup(layer.name), style_function=style,
                       tooltip=(tip if not isinstance(tip, str) else markup(tip))
                       if layer.kind != "countries" else None,
                       smooth_factor=0.5,
                       **({"pane": "geomap-countries"} if layer.kind == "countries" else {})
                       ).add_to(m)
        if layer.kind == "countries" and lines_layer is None and any(
                lay.source == LINES_SOURCE for lay in layers):
            lines_layer = folium.FeatureGroup(name="Boundary lines (as the view classes them)"
                                              ).add_to(m)
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
            f"({plural(int(k), 'claim')}; about {a:g} km²). The whole band is where "
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
        groups[s["side"]] = folium.FeatureGroup(name=markup(s["layer"])).add_to(m)
    incident_layer = None
    if shown_incidents and any(i["placed"] for i in shown_incidents):
        incident_layer = folium.FeatureGroup(name=INCIDENT_LAYER, show=False).add_to(m)
    m.add_child(ClaimLayer(groups, labels, incident_layer, lines_layer))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)

    layer_names = [lay.name for lay in layers] + (
        ["Boundary lines (as the view classes them)"] if lines_layer is not None else []) + (
        [LAYER_NAMES[k] for k in ("relief", "water", "labels")] if reference is not None
        else []) + (
        ["Claim areas (approximate)"] if len(areas) else []) + (
        ["Claimed advances (bands)"] if bands is not None and len(bands) else []) + [
        "Country names"] + [
        f"Claims: {s['label']}" for s in sides] + (
        [INCIDENT_LAYER] if incident_layer is not None else [])
    data = {
        **manifest,
        "title": title, "date_range": date_text, "dates": dates,
        "claims_in": n_claims + len(unplaced), "claims_mapped": n_claims,
        "unplaced": unplaced, "layers": layer_names, "sources": sources, "sides": sides,
        "located": dict(sorted(table.located.items())),
        "labels": _labels(layers, label_points, view),
        "assets": asset_versions(), "tiles": tiles or "none", "symbols": symbols_data(),
        "views": views, "lines": line_features, "view_names": table.view_names,
        "line_styles": {k: {**LINE_STYLE[k], "label": LINE_CLASSES[k]}
                        for k in LINE_CLASSES if k in line_classes},
    }
    if shown_incidents is not None:
        data["incidents"], data["incident_sides"] = _shared_sides(
            [_sides_by_claim(inc) for inc in shown_incidents])
    root = m.get_root()
    root.header.add_child(Literal(f"<title>{html.escape(title)}</title>"), name="geomap_title")
    root.html.add_child(Literal(DATA_MARK), name="geomap_data")
    reactions = sorted((table.claim(i) for i, role in enumerate(cols["role"])
                        if role == "reaction"), key=lambda c: (c["date"] or "", c["id"]))
    panel = ""
    if shown_incidents:
        by_id = _ClaimsById(table, unplaced)
        panel = _incident_panel(shown_incidents, by_id, colours, side_labels)
    root.html.add_child(Literal(_title_panel(
        title, date_text, data["claims_in"], n_claims, unplaced, sources, reactions,
        panel, len(shown_incidents) if shown_incidents else None)), name="geomap_title_panel")
    stances_present = [s for s in STANCES if s in stances] + sorted(stances - set(STANCES))
    events_present = sorted({str(e) for e in cols["event"] if e})
    root.html.add_child(Literal(_filters(stances_present, events_present,
                                         shown_incidents or [])), name="geomap_timeline")
    root.html.add_child(Literal(_legend(sides, layers, bool(len(areas)),
                                        bands is not None and bool(len(bands)),
                                        incident_layer is not None,
                                        tuple(k for k in LINE_CLASSES if k in line_classes),
                                        views if len(views) > 1 else None,
                                        incident_layer is not None and _clustered(
                                            shown_incidents))),
                        name="geomap_legend")
    _stable_ids(root)
    guard_templates(root)
    # The data, claims and all, go into the page after folium has rendered it: a page of
    # 100,000 claims is tens of megabytes that no template needs to see.
    page = root.render()
    if page.count(DATA_MARK) != 1:  # (no input can write it: its "<" would be escaped)
        raise RuntimeError("the page's data has no single place to go")
    head, tail = page.split(DATA_MARK)
    now, later = page_json(data, table)
    return "".join((head, '<script type="application/json" id="geomap-data">', now,
                    '</script><script type="application/json" id="geomap-later">', later,
                    "</script>", tail))


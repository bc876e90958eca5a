"""The one symbol and colour spec of the maps: side colours, stance symbols, the halo of an
approximate place, the incident symbol and the styles of lines and areas.

The HTML legend draws its samples from here (``symbol_svg``), and the page's script draws
the claims from the same spec, passed in the page data as ``symbols`` (``symbols_data``):
the legend and the map cannot drift apart. Nothing here comes from the inputs.

A stance symbol is described in words (shape, fill, stroke, whether it is crossed, its
legend label) and drawn as SVG elements in a 22 x 22 box centred on (11, 11). ``SIDE``
stands for the claimant side's colour.
"""

from __future__ import annotations

import html

from ..records import UNKNOWN_SIDE

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#7F6A38",
           "#222222"]
SIDE = "side"  # in a symbol's spec: the claimant side's colour
NEUTRAL = "#555555"  # the legend's stance samples, which belong to no side
UNKNOWN_COLOUR = "#9e9e9e"  # claims of a side no report tells (records.UNKNOWN_SIDE)
SYMBOL_SIZE = 22
STANCES = ("asserts", "denies", "reports", "calls")
FALLBACK_STANCE = "calls"  # a stance the spec does not know is drawn as this one

STANCE_SYMBOLS: dict[str, dict] = {
    "asserts": {"shape": "circle", "radius": 6.5, "fill": SIDE, "fill_opacity": 1.0,
                "stroke": "#ffffff", "stroke_width": 1.5, "crossed": False,
                "label": "asserts"},
    # white inside, ringed and struck through in the side's colour: a "no" sign
    "denies": {"shape": "circle", "radius": 6.0, "fill": "#ffffff", "fill_opacity": 1.0,
               "stroke": SIDE, "stroke_width": 2.6, "crossed": True,
               "label": "denies (crossed circle)"},
    # the same ring, open: nothing strikes it through
    "reports": {"shape": "circle", "radius": 6.0, "fill": "#ffffff", "fill_opacity": 0.7,
                "stroke": SIDE, "stroke_width": 2.6, "crossed": False,
                "label": "reports (relays; open ring)"},
    "calls": {"shape": "diamond", "radius": 7.5, "fill": SIDE, "fill_opacity": 1.0,
              "stroke": "#ffffff", "stroke_width": 1.5, "crossed": False,
              "label": "calls for"},
}
# The dashed halo around a claim whose place is known only to a province, district or
# country (precision in APPROXIMATE).
HALO = {"radius": 10.0, "stroke": SIDE, "stroke_width": 1.3, "dasharray": "2.5 2",
        "label": "place known only to a province, district or country"}
APPROXIMATE = ("province", "district", "country", "zone")
# One symbol per incident: a rounded square ringed in its sides' colours (split by how many
# of its claims each side makes), the count of claims inside, and a mark in the corner when
# the sides disagree. Clusters of claims are round; incidents are square.
INCIDENT_SYMBOL = {"shape": "rounded square", "size": 34, "corner": 7, "ring": 0.2,
                   "contested_mark": "\u2260", "contested_colour": "#b2182b",
                   "label": "incident: its claims split by side, and their count",
                   "contested_label": "\u2260 contested: the sides' accounts disagree",
                   # (beyond this many placed incidents on a map, their symbols cluster)
                   "clustered_from": 1000,
                   "stack_label": "incidents close together: how many (click to zoom in)"}
# Clusters of claims (several claims close together): a ring split by side.
CLUSTER_SYMBOL = {"shape": "circle", "sizes": [34, 40, 46], "ring": 0.18}

# Built-in lines by class (layers.LINE_CLASSES), then the kinds of a user's layers. A line's
# class depends on the point of view the map is drawn in (layers.VIEWS).
LINE_STYLE = {
    "international": {"color": "#505050", "weight": 1.4, "opacity": 0.9},
    "undemarcated": {"color": "#b2182b", "weight": 3.2, "opacity": 0.95, "dashArray": "9 6"},
    "disputed": {"color": "#b2182b", "weight": 2.4, "opacity": 0.95, "dashArray": "7 5"},
    "line-of-control": {"color": "#8c2d04", "weight": 2.4, "opacity": 0.95,
                        "dashArray": "10 4 2 4"},
    "indefinite": {"color": "#6a51a3", "weight": 1.8, "opacity": 0.9, "dashArray": "2 4"},
    "indeterminate": {"color": "#6a51a3", "weight": 1.4, "opacity": 0.8, "dashArray": "1 5"},
    "claim-line": {"color": "#1b9e77", "weight": 1.8, "opacity": 0.9, "dashArray": "6 3"},
    "lease": {"color": "#2c7fb8", "weight": 1.4, "opacity": 0.9, "dashArray": "4 3"},
    "overlay": {"color": "#2c7fb8", "weight": 1.2, "opacity": 0.8, "dashArray": "1 3"},
    "internal": {"color": "#8a8a8a", "weight": 0.9, "opacity": 0.8, "dashArray": "3 3"},
    "unrecognized": {"color": "#7a7a7a", "weight": 1.6, "opacity": 0.85, "dashArray": "2 4"},
    "line-of-contact": {"color": "#d95f02", "weight": 2.6, "opacity": 0.95, "dashArray": "2 5"},
    "ceasefire-line": {"color": "#7570b3", "weight": 2.6, "opacity": 0.95,
                       "dashArray": "12 4 2 4"},
    "disputed-area": {"color": "#b2182b", "weight": 1.2, "dashArray": "3 3",
                      "fillColor": "#b2182b", "fillOpacity": 0.06},
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

# (stance, legend label), in the legend's order
STANCE_LEGEND = [(s, STANCE_SYMBOLS[s]["label"]) for s in STANCES]


def side_colours(sides: list[str]) -> dict[str, str]:
    """A colour for each side, by the sides' sorted order: same sides, same colours; grey
    for the side no report tells (UNKNOWN), which takes none of the palette's."""
    told = sorted(s for s in sides if s != UNKNOWN_SIDE)
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(told)}
    return colours | ({UNKNOWN_SIDE: UNKNOWN_COLOUR} if UNKNOWN_SIDE in sides else {})


def _num(x: float) -> str:
    return f"{x:g}"


def symbol_elements(stance: str, approximate: bool = False) -> list[list]:
    """The SVG elements of a stance's symbol, as [tag, {attribute: value}] pairs, with
    ``SIDE`` where the side's colour goes. The legend and claims.js both draw these."""
    spec = STANCE_SYMBOLS.get(stance, STANCE_SYMBOLS[FALLBACK_STANCE])
    c = SYMBOL_SIZE / 2
    out: list[list] = []
    if approximate:
        out.append(["circle", {"cx": c, "cy": c, "r": HALO["radius"], "fill": "none",
                               "stroke": HALO["stroke"], "stroke-width": HALO["stroke_width"],
                               "stroke-dasharray": HALO["dasharray"]}])
    r = spec["radius"]
    paint = {"fill": spec["fill"], "stroke": spec["stroke"], "stroke-width": spec["stroke_width"]}
    if spec["fill_opacity"] != 1:
        paint["fill-opacity"] = spec["fill_opacity"]
    if spec["shape"] == "diamond":
        d = (f"M{_num(c)} {_num(c - r)} L{_num(c + r)} {_num(c)} L{_num(c)} {_num(c + r)} "
             f"L{_num(c - r)} {_num(c)} Z")
        out.append(["path", {"d": d, **paint}])
    else:
        out.append(["circle", {"cx": c, "cy": c, "r": r, **paint}])
    if spec["crossed"]:
        k = round(r * 0.7, 2)  # the diagonal, from rim to rim
        out.append(["line", {"x1": round(c - k, 2), "y1": round(c + k, 2),
                             "x2": round(c + k, 2), "y2": round(c - k, 2),
                             "stroke": spec["stroke"], "stroke-width": spec["stroke_width"]}])
    return out


def symbol_svg(stance: str, colour: str, approximate: bool = False) -> str:
    """A stance's symbol as an SVG fragment in ``colour`` (the legend's samples)."""
    parts = []
    for tag, attrs in symbol_elements(stance, approximate):
        text = " ".join(f'{k}="{html.escape(str(colour if v == SIDE else v))}"'
                        for k, v in attrs.items())
        parts.append(f"<{tag} {text}/>")
    return (f'<svg width="{SYMBOL_SIZE}" height="{SYMBOL_SIZE}" '
            f'viewBox="0 0 {SYMBOL_SIZE} {SYMBOL_SIZE}" class="geomap-symbol">'
            f'{"".join(parts)}</svg>')


def symbols_data() -> dict:
    """The spec as the page's script reads it (``data.symbols``)."""
    return {
        "size": SYMBOL_SIZE, "side": SIDE, "fallback": FALLBACK_STANCE,
        "approximate": list(APPROXIMATE),
        "stances": {s: {**STANCE_SYMBOLS[s], "elements": symbol_elements(s),
                        "approximate_elements": symbol_elements(s, True)} for s in STANCES},
        "halo": HALO, "incident": INCIDENT_SYMBOL, "cluster": CLUSTER_SYMBOL,
    }

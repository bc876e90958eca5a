"""Briefing outputs without a browser: a PNG picture and a one-page PDF sheet, drawn with
matplotlib from the same layers and claims as the HTML, with the same symbols and colours.

The sheet tells the whole truth: how many claims there are, how many are on the map and
which are not (with why), and on the PDF a table of the claims on the map, by incident, in
date order. Nothing is drawn over anything else: the page is laid out from the measured
sizes of its texts (a long title wraps, then shrinks; a long name is cut with "…"), the map
keeps its box (its limits are widened to the box's shape rather than the box shrunk to
theirs), and the names written on the map are put where no claim's symbol is.

Same inputs, same bytes: no timestamps are written (PDF CreationDate is dropped), and the
manifest travels in the file's metadata. Text from the inputs is drawn with
``parse_math=False``: matplotlib would read "$5 and $10" as mathematics.
"""

from __future__ import annotations

import json
import math
import unicodedata
import warnings
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from ..layers import LINE_CLASSES, NOT_AUTHORITATIVE, USER_KINDS
from ..wording import plural as _plural
from .symbols import (
    APPROXIMATE,
    AREA_STYLE,
    BAND_STYLE,
    COUNTRY_STYLE,
    FOCUS_STYLE,
    LINE_STYLE,
    SIDE,
    STANCE_LEGEND,
    STANCE_SYMBOLS,
)

MAX_AT_ONE_PLACE = 24  # more claims than this at one place are summarised
HALO_LABEL = "dashed halo: known only to a province or country"
GREY = "#555"
TEXT = "#222"
QUIET = "#444"
FONT = {"title": 15, "subtitle": 10, "legend": 7.5, "panel": 7, "table": 6.5, "footer": 6.5,
        "map": 8}
ROW = 1.5  # a table or list line's height, in font sizes


# -- words --------------------------------------------------------------------------------

def _one_line(value) -> str:
    """A field as one line of text: runs of white space and control characters (a newline
    in a claimant) become one space; invisible format characters (a right-to-left override,
    a zero-width space) are left out, as the font has nothing to draw for them."""
    text = "" if value is None else str(value)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        kept.append(" " if cat in ("Cc", "Zl", "Zp") else ch)
    return " ".join("".join(kept).split())


def _fmt_date(d) -> str:
    return _one_line(d) or "no date"


def _short(check: str) -> str:
    """What was inferred, in a table cell: "speaker from 'It'; place from the report's
    focus" -> "speaker, place"; the report's own voice is "the report's"."""
    return ", ".join(dict.fromkeys("the report's" if part.startswith("the report")
                                   else part.split()[0] for part in check.split("; ") if part))


def _short_reason(reason) -> str:
    """Why a claim is not on the map, in a few words: the reason up to its first colon
    ("3 places named 'Goris' are equally likely: ..." -> "3 places named 'Goris' are
    equally likely")."""
    text = _one_line(reason)
    return text.split(": ")[0] if text else "reason not given"


def _date_key(d) -> tuple:
    """Date order with the undated last ("" would sort first)."""
    d = _one_line(d)
    return (not d, d)


# -- measuring text -----------------------------------------------------------------------

class _Measure:
    """Widths of text in display pixels, as the renderer will draw it."""

    def __init__(self, fig):
        self.renderer = fig.canvas.get_renderer()
        self._props: dict = {}

    def prop(self, size, weight="normal"):
        from matplotlib.font_manager import FontProperties

        key = (size, weight)
        if key not in self._props:
            self._props[key] = FontProperties(size=size, weight=weight)
        return self._props[key]

    def width(self, text: str, size, weight="normal") -> float:
        if not text:
            return 0.0
        w, _, _ = self.renderer.get_text_width_height_descent(text, self.prop(size, weight),
                                                              ismath=False)
        return w

    def _prefix(self, text: str, width: float, size, weight, tail: str = "") -> int:
        """The most characters of ``text`` that fit in ``width`` with ``tail`` after them."""
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + tail, size, weight) <= width:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def fit(self, text: str, width: float, size, weight="normal") -> str:
        """``text``, or as much of it as fits in ``width`` followed by "…"."""
        if self.width(text, size, weight) <= width:
            return text
        return text[:self._prefix(text, width, size, weight, "…")].rstrip() + "…"

    def wrap(self, text: str, width: float, size, weight="normal",
             max_lines: int = 2) -> tuple[list[str], bool]:
        """(lines no wider than ``width``, at most ``max_lines`` of them, broken at spaces
        where there are any; whether the text was cut, the last line then ending in "…")."""
        lines: list[str] = []
        rest = text
        while rest and len(lines) < max_lines:
            if self.width(rest, size, weight) <= width:
                lines.append(rest)
                rest = ""
                break
            n = max(1, self._prefix(rest, width, size, weight))
            space = rest.rfind(" ", 0, n + 1)
            if space > 0:
                n = space
            lines.append(rest[:n].rstrip())
            rest = rest[n:].lstrip()
        if rest:
            lines[-1] = self.fit(f"{lines[-1]} {rest}", width, size, weight)
        return lines, bool(rest)


def _overlaps(a, b, pad: float = 0.0) -> bool:
    return not (a.x1 + pad <= b.x0 or b.x1 + pad <= a.x0 or
                a.y1 + pad <= b.y0 or b.y1 + pad <= a.y0)


class Obstacles:
    """The display boxes a name may not cover, as one array (x0, y0, x1, y1 by row): each
    spot a name could take is checked against all of them at once (a sheet of many claims
    has thousands of symbols)."""

    def __init__(self, boxes=()) -> None:
        import numpy as np

        self._xy = np.empty((16, 4))
        self._n = 0
        for bb in boxes:
            self.append(bb)

    def extend(self, xy) -> None:
        """Add boxes given as an (n, 4) array."""
        import numpy as np

        while self._n + len(xy) > len(self._xy):
            self._xy = np.concatenate([self._xy, np.empty_like(self._xy)])
        self._xy[self._n:self._n + len(xy)] = xy
        self._n += len(xy)

    def append(self, bb) -> None:
        self.extend([(bb.x0, bb.y0, bb.x1, bb.y1)])

    def __iter__(self):
        from matplotlib.transforms import Bbox

        return (Bbox([[x0, y0], [x1, y1]]) for x0, y0, x1, y1 in self._xy[:self._n])

    def __len__(self) -> int:
        return self._n

    def __add__(self, more) -> Obstacles:
        out = Obstacles()
        out.extend(self._xy[:self._n])
        for bb in more:
            out.append(bb)
        return out

    def hits(self, bb, pad: float = 0.0) -> int:
        """How many of the boxes ``bb`` overlaps (as _overlaps says, with ``pad``)."""
        import numpy as np

        a = self._xy[:self._n]
        apart = ((bb.x1 + pad <= a[:, 0]) | (a[:, 2] + pad <= bb.x0) |
                 (bb.y1 + pad <= a[:, 1]) | (a[:, 3] + pad <= bb.y0))
        return int(np.count_nonzero(~apart))


def _inside(inner, outer, pad: float = 0.0) -> bool:
    return (inner.x0 >= outer.x0 + pad and inner.x1 <= outer.x1 - pad and
            inner.y0 >= outer.y0 + pad and inner.y1 <= outer.y1 - pad)


# -- symbols ------------------------------------------------------------------------------

def _denial_marker():
    """A ring struck through (a "no" sign), as one marker: the legend's sample and the
    map's symbol are the same shape."""
    from matplotlib.path import Path as MPath

    rim = math.sqrt(0.5)
    slash = MPath([(-rim, -rim), (rim, rim)], [MPath.MOVETO, MPath.LINETO])
    return MPath.make_compound_path(MPath.unit_circle(), slash)


def _dashed_ring(dashes: int = 10):
    """A ring of ``dashes`` dashes, as a marker: a marker's edge is never dashed by the
    line style, so the dashes are in its path."""
    from matplotlib.path import Path as MPath

    step = 360 / dashes
    return MPath.make_compound_path(*[MPath.arc(k * step, k * step + step * 0.55)
                                      for k in range(dashes)])


def _symbol_style(stance: str, colour: str, size: float) -> dict:
    """The marker of a stance, as Line2D keywords, from the one spec the page draws too
    (symbols.STANCE_SYMBOLS: shape, fill, stroke, whether crossed): the map and the legend
    share it."""
    spec = STANCE_SYMBOLS.get(stance, STANCE_SYMBOLS["calls"])

    def paint(value, opacity=1.0):
        if value == SIDE:
            value = colour
        if opacity == 1.0:
            return value
        from matplotlib.colors import to_rgba

        return to_rgba(value, opacity)

    if spec["shape"] == "diamond":
        marker, ms = "D", size * 0.85
    else:
        marker, ms = (_denial_marker() if spec["crossed"] else "o"), size
    # the spec's stroke widths are for a 22-pixel symbol; a sheet's markers are smaller
    return {"marker": marker, "ms": ms, "mfc": paint(spec["fill"], spec["fill_opacity"]),
            "mec": paint(spec["stroke"]), "mew": round(spec["stroke_width"] * 0.8, 2)}


def _halo_style(colour: str, size: float) -> dict:
    return {"marker": _dashed_ring(), "ms": size * 1.55, "mfc": "none", "mec": colour,
            "mew": 1.0}


def _draw_symbol(ax, x, y, stance, colour, approximate, size=9, offset=(0, 0)):
    from matplotlib.transforms import offset_copy

    tr = offset_copy(ax.transData, fig=ax.figure, x=offset[0], y=offset[1], units="points")
    if approximate:
        ax.plot(x, y, ls="none", transform=tr, zorder=5, gid="claim-halo",
                **_halo_style(colour, size))
    ax.plot(x, y, ls="none", transform=tr, zorder=6, gid="claim-symbol",
            **_symbol_style(stance, colour, size))


def _styles():
    return AREA_STYLE, BAND_STYLE, COUNTRY_STYLE, FOCUS_STYLE, LINE_STYLE


def _dash(style) -> tuple | None:
    if "dashArray" not in style:
        return None
    return (0, tuple(float(v) / 1.5 for v in style["dashArray"].split()))


# -- the map ------------------------------------------------------------------------------

def _limits(ax, view) -> tuple[float, float, float, float]:
    """The view widened to the shape of the map's box, a degree of longitude drawn
    cos(latitude) as long as one of latitude: the box keeps its place on the page."""
    x0, y0, x1, y1 = view
    k = math.cos(math.radians((y0 + y1) / 2))
    box = ax.get_window_extent()
    want = box.width / box.height  # display width / height
    dx, dy = x1 - x0, y1 - y0
    if dx * k / dy < want:
        dx = dy * want / k
    else:
        dy = dx * k / want
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2


def offset_to(dx, dy, ha, va):
    """A candidate spot for an annotation: moves it to (dx, dy) points from its anchor,
    aligned ``ha``/``va`` (for _place_text)."""
    def move(t):
        t.xyann = (dx, dy)
        t.set_ha(ha)
        t.set_va(va)
    return move


def _place_text(ax, measure, text, candidates, obstacles, *, pad=2.0, strict=False):
    """Put ``text`` (an artist already on ``ax``) at the first of ``candidates`` (each a
    function moving it) where it lies inside the map's box and on none of ``obstacles``
    (display boxes); else, unless ``strict``, where it covers fewest of them. Returns its
    box, or None where it has no such place."""
    frame = ax.get_window_extent(measure.renderer)
    best = None
    for move in candidates:
        move(text)
        bb = text.get_window_extent(measure.renderer)
        if not _inside(bb, frame, pad):
            continue
        hits = obstacles.hits(bb, pad) if isinstance(obstacles, Obstacles) else \
            sum(1 for ob in obstacles if _overlaps(bb, ob, pad))
        if hits == 0:
            return bb
        if best is None or hits < best[0]:
            best = (hits, move, bb)
    if best is None or strict:
        return None
    best[1](text)
    return best[2]


def _marker_boxes(ax, renderer) -> Obstacles:
    """The display box of each claim's symbol (each point of a line of many: BATCH_GID)."""
    import numpy as np

    boxes = Obstacles()
    for line in ax.lines:
        gid = str(line.get_gid() or "")
        grow = line.get_markeredgewidth() / 72 * ax.figure.dpi
        if gid == BATCH_GID:  # as Line2D.get_window_extent pads a point, for each point
            half = line.get_markersize() / 72 * ax.figure.dpi * 0.5 + grow
            xy = line.get_transform().transform(line.get_xydata())
            boxes.extend(np.column_stack([xy - half, xy + half]))
        elif gid.startswith("claim") or gid == "cluster":
            bb = line.get_window_extent(renderer)
            boxes.append(bb.expanded(1, 1).padded(grow))
    return boxes


# Beyond this many places, the symbols of the places with one claim each are drawn as one
# line per look (stance, side's colour, precision): a line per symbol takes minutes for
# 100,000 places. Their symbols' boxes are each point's all the same (_marker_boxes).
MANY_PLACES = 500
BATCH_GID = "claim-symbols"


def _draw_symbols(ax, points: dict) -> None:
    """The symbols of many places with one claim each: ``points`` is (stance, colour,
    approximate, size) -> ([lon], [lat]), in the order to draw them."""
    for (stance, colour, approximate, size), (lons, lats) in points.items():
        if approximate:
            ax.plot(lons, lats, ls="none", zorder=5, gid=BATCH_GID,
                    **_halo_style(colour, size))
        ax.plot(lons, lats, ls="none", zorder=6, gid=BATCH_GID,
                **_symbol_style(stance, colour, size))


def draw_map(ax, view, layers, areas, bands, claims, colours, measure=None, reference=None):
    """The map panel: countries, the reference basemap (``reference``, a
    geomap.basemap.Reference: relief, lakes, rivers), borders, areas, bands, the claims'
    symbols, and the names of the countries, of the counts of crowded places and of towns
    and places, where no symbol is."""
    AREA_STYLE, BAND_STYLE, COUNTRY_STYLE, FOCUS_STYLE, LINE_STYLE = _styles()
    measure = measure or _Measure(ax.figure)
    ax.set_facecolor("#d7e4ee")
    ax.set_label("map")
    focus = {c["country"] for c in claims if c.get("country")}
    for layer in layers:
        f = layer.frame
        if not len(f):
            continue
        if layer.kind == "countries":
            for fill, part in ((FOCUS_STYLE["fillColor"], f[f["iso2"].isin(focus)]),
                               (COUNTRY_STYLE["fillColor"], f[~f["iso2"].isin(focus)])):
                if len(part):
                    part.plot(ax=ax, color=fill, edgecolor=COUNTRY_STYLE["color"],
                              linewidth=0.5, zorder=1, aspect=None)
        else:
            st = LINE_STYLE.get(layer.kind, LINE_STYLE["international"])
            kw = {"color": st["color"], "linewidth": st["weight"] * 0.7, "zorder": 3}
            if _dash(st):
                kw["linestyle"] = _dash(st)
            if "fillColor" in st:
                f.plot(ax=ax, facecolor=st["fillColor"], alpha=st["fillOpacity"] * 2,
                       edgecolor=st["color"], zorder=2, aspect=None)
            else:
                f.plot(ax=ax, aspect=None, **kw)
    if areas is not None and len(areas):
        regions = areas[(areas["settlements"] > 0) | (areas["radius_km"] > 0)]
        if len(regions):
            regions.plot(ax=ax, facecolor=(0.27, 0.27, 0.27, 0.08), edgecolor="#444",
                         linewidth=0.8, linestyle=(0, (4, 3)), zorder=2, aspect=None)
    if bands is not None and len(bands):
        bands.plot(ax=ax, facecolor=BAND_STYLE["fillColor"], alpha=0.35,
                   edgecolor=BAND_STYLE["color"], linewidth=0.8, zorder=2, aspect=None)
    x0, y0, x1, y1 = _limits(ax, view)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")

    at = defaultdict(list)
    for c in claims:
        at[(round(c["lat"], 5), round(c["lon"], 5))].append(c)
    crowded = []  # (lon, lat, radius in points, count) of the places summarised
    batch: dict = {}  # (with MANY_PLACES) the places with one claim, drawn together
    for (lat, lon), members in sorted(at.items()):
        total = len(members)
        if total == 1 and len(at) > MANY_PLACES:
            c = members[0]
            lons, lats = batch.setdefault((c["stance"], colours[c["claimant_side"]],
                                           c.get("precision") in APPROXIMATE, 9), ([], []))
            lons.append(lon)
            lats.append(lat)
            continue
        if total > MAX_AT_ONE_PLACE:
            # too many to draw one by one: one symbol per side and stance, and the count
            seen: dict = {}
            for c in sorted(members, key=lambda c: (c["claimant_side"], c["stance"], c["id"])):
                seen.setdefault((c["claimant_side"], c["stance"], c["precision"]), c)
            members = list(seen.values())
        n = len(members)
        size = 7 if n > 6 else 9
        ring = 0 if n == 1 else min(26, 6 + 2.2 * n)
        for i, c in enumerate(sorted(members, key=lambda c: (c["claimant_side"], c["id"]))):
            angle = 2 * math.pi * i / n
            off = (ring * math.cos(angle), ring * math.sin(angle))
            _draw_symbol(ax, lon, lat, c["stance"], colours[c["claimant_side"]],
                         c.get("precision") in APPROXIMATE, size=size, offset=off)
        if n > 1:
            ax.plot(lon, lat, marker="+", ms=6, color="#333", zorder=7, gid="cluster")
        if total > MAX_AT_ONE_PLACE:
            crowded.append((lon, lat, ring + size * 1.55 / 2 + 2, total))

    _draw_symbols(ax, batch)
    obstacles = _marker_boxes(ax, measure.renderer)
    for lon, lat, radius, total in crowded:
        label = ax.annotate(_plural(total, "claim"), (lon, lat), xytext=(0, -radius),
                            textcoords="offset points", ha="center", va="top",
                            fontsize=FONT["map"] - 1, fontweight="bold", color="#333",
                            zorder=8, gid="count", annotation_clip=False)

        at_offset = offset_to
        spots = [at_offset(0, -radius, "center", "top"), at_offset(0, radius, "center", "bottom"),
                 at_offset(radius, 0, "left", "center"), at_offset(-radius, 0, "right", "center")]
        spots += [at_offset(0, -radius - 14 * k, "center", "top") for k in range(1, 5)]
        bb = _place_text(ax, measure, label, spots, obstacles)
        if bb is None:
            label.remove()  # outside the view: the place is not on this map either
        else:
            obstacles.append(bb)
    _country_names(ax, layers, measure, obstacles)
    if reference is not None:
        from .reference import draw_reference

        draw_reference(ax, reference, view, measure, obstacles)


def _country_names(ax, layers, measure, obstacles) -> None:
    """The names of the countries that fill a good part of the map, each inside its
    country, on no claim's symbol and no other name; a name with no such spot is left
    out (the symbols matter more)."""
    from shapely.geometry import Point, box

    countries = next((lay.frame for lay in layers if lay.kind == "countries"), None)
    if countries is None or not len(countries):
        return
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    frame = box(x0, y0, x1, y1)
    shown = []
    for r in countries.itertuples():
        seen = r.geometry.intersection(frame)
        if seen.area > 0.03 * frame.area:
            shown.append((-seen.area, _one_line(r.name).upper(), seen))
    for _, name, seen in sorted(shown, key=lambda s: (s[0], s[1])):
        if not name:
            continue
        pt = seen.representative_point()
        bx0, by0, bx1, by1 = seen.bounds
        grid = [(bx0 + (bx1 - bx0) * (i + 0.5) / 12, by0 + (by1 - by0) * (j + 0.5) / 12)
                for i in range(12) for j in range(12)]
        grid = [g for g in grid if seen.contains(Point(g))]
        grid.sort(key=lambda g: ((g[0] - pt.x) ** 2 + (g[1] - pt.y) ** 2, g))
        text = ax.text(pt.x, pt.y, name, fontsize=FONT["map"], color="#6b645a", ha="center",
                       va="center", zorder=4, fontweight="bold", alpha=0.8, parse_math=False,
                       gid="country-name")

        def at(x, y):
            return lambda t: t.set_position((x, y))

        bb = _place_text(ax, measure, text, [at(pt.x, pt.y), *(at(x, y) for x, y in grid)],
                         obstacles, strict=True)
        if bb is None:
            text.remove()
        else:
            obstacles.append(bb)


# -- the legend and the list of what is not on the map -------------------------------------

def _line_label(layer) -> str:
    """A boundary line's entry in the legend: its class (layers.LINE_CLASSES) for a
    built-in line, its kind (USER_KINDS) for a user's layer."""
    if layer.kind in USER_KINDS and str(layer.source).startswith("user layer"):
        return USER_KINDS[layer.kind]
    return LINE_CLASSES.get(layer.kind) or USER_KINDS.get(layer.kind, layer.name)


def draw_legend(ax, sides, layers, has_areas, has_bands, measure=None):
    """The legend in the panel beside the map, as wide as the panel at most (a long label
    takes two lines, then the type shrinks, then it is cut) and as tall (sides beyond what
    fits are counted).
    Returns the legend."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    measure = measure or _Measure(ax.figure)
    _, BAND_STYLE, _, _, LINE_STYLE = _styles()
    ax.axis("off")
    panel = ax.get_window_extent(measure.renderer)

    cut = []

    def fit(label, size):
        label_px = panel.width - size * 4 / 72 * ax.figure.dpi  # after the sample
        lines, was_cut = measure.wrap(label, label_px, size, max_lines=2)
        if was_cut:
            cut.append(label)
        return "\n".join(lines)

    def handles(shown_sides, rest, size):
        out = []
        for s in shown_sides:
            label = f"{_one_line(s['label'])} ({_plural(s['claims'], 'claim')})"
            out.append(Line2D([], [], marker="o", ls="none", mfc=s["colour"], mec="white",
                              ms=8, label=fit(label, size)))
        if rest:
            out.append(Line2D([], [], ls="none", label=f"… and {_plural(rest, 'more side')}"))
        out += [Line2D([], [], ls="none", label=label, **_symbol_style(stance, GREY, 8))
                for stance, label in STANCE_LEGEND]
        out.append(Line2D([], [], ls="none", label=fit(HALO_LABEL, size),
                          **_halo_style(GREY, 8)))
        if has_areas:
            out.append(Patch(facecolor=(0.27, 0.27, 0.27, 0.08), edgecolor="#444",
                             linestyle="--", label="approximate province extent"))
        if has_bands:
            out.append(Patch(facecolor=BAND_STYLE["fillColor"], alpha=0.35,
                             edgecolor=BAND_STYLE["color"],
                             label='claimed advance "N km into"'))
        listed = set()
        for layer in layers:
            if layer.kind in LINE_STYLE and layer.kind != "countries":
                st = LINE_STYLE[layer.kind]
                name = _one_line(_line_label(layer))
                if name in listed:
                    continue  # one entry per class
                listed.add(name)
                out.append(Line2D([], [], color=st["color"], lw=st["weight"] * 0.7,
                                  linestyle=_dash(st) or "-",
                                  label=fit(name, size)))
        return out

    legend = None
    sizes = (FONT["legend"], 7, 6.5, 6)
    for size in sizes:
        shown = len(sides)
        while True:
            if legend is not None:
                legend.remove()
            cut.clear()
            legend = ax.legend(handles=handles(sides[:shown], len(sides) - shown, size),
                               loc="upper left", bbox_to_anchor=(0, 1), borderaxespad=0,
                               fontsize=size, frameon=False, labelspacing=0.4)
            for text in legend.get_texts():
                text.set_parse_math(False)
            bb = legend.get_window_extent(measure.renderer)
            if bb.height <= panel.height or shown == 0:
                break
            shown -= 1
        if not cut and shown == len(sides):
            break  # all of it, at this size
    return legend


def _draw_unplaced(fig, measure, unplaced, left, top, bottom, width) -> None:
    """The claims not on the map, in the panel below the legend (figure pixels): where,
    who, what, when and why not (``reason``, or ``resolution`` as the exported rows name
    it), as many as fit, then how many more."""
    if not unplaced:
        return
    dpi = fig.dpi
    size, small = FONT["panel"], FONT["panel"] - 0.5
    line = size * ROW / 72 * dpi
    W, H = fig.bbox.width, fig.bbox.height
    y = top

    def put(text, fontsize, **kw):
        return fig.text(left / W, y / H, text, fontsize=fontsize, va="top",
                        parse_math=False, linespacing=1.3, gid="unplaced", **kw)

    heading = put(f"Not on the map ({len(unplaced):,})", size + 1, fontweight="bold",
                  color=TEXT)
    y -= heading.get_window_extent(measure.renderer).height + line * 0.4
    more_room = line * 2.4  # two lines
    ordered = sorted(unplaced, key=lambda u: (_date_key(u.get("date")),
                                              _one_line(u.get("place")),
                                              _one_line(u.get("claimant"))))
    shown = 0
    for u in ordered:
        place = _one_line(u.get("place")) or "(no place named)"
        what = " ".join(w for w in (_one_line(u.get("claimant")), _one_line(u.get("stance")),
                                    _one_line(u.get("event"))) if w)
        lines, _ = measure.wrap(f"{place}, {_fmt_date(u.get('date'))}: {what}", width, size,
                                max_lines=2)
        entry = put("\n".join(lines), size, color=TEXT)
        y_reason = y - entry.get_window_extent(measure.renderer).height
        reason = fig.text((left + line) / W, y_reason / H,
                          measure.fit(_short_reason(u.get("reason") or u.get("resolution")),
                                      width - line, small),
                          fontsize=small, va="top", color="#666",
                          parse_math=False, gid="unplaced")
        end = y_reason - reason.get_window_extent(measure.renderer).height
        last = shown == len(ordered) - 1
        if end < bottom + (0 if last else more_room):
            entry.remove()
            reason.remove()
            break
        y = end - line * 0.3
        shown += 1
    if shown < len(ordered):
        more = (f"… and {_plural(len(ordered) - shown, 'more claim')} not placed (see the "
                "HTML map or the CSV)")
        put("\n".join(measure.wrap(more, width, size, max_lines=2)[0]), size, color=QUIET)


# -- the table of claims, by incident ---------------------------------------------------------

def claim_groups(claims: list[dict], incidents=(), unplaced=()) -> list[dict]:
    """The claims on the map grouped by incident, as the PDF's table shows them: incidents
    in date order (the undated last), claims within in date order. A claim of no incident
    (or with no incidents given) is a group of its own, with no heading. Each group:
    {"incident": the incident or None, "claims": [...], "not_placed": how many of the
    incident's claims are not on the map}."""
    incidents = list(incidents or ())
    by_id = {inc["id"]: inc for inc in incidents if inc.get("id")}
    listed = {}
    for inc in incidents:
        for cid in inc.get("claims") or ():
            listed.setdefault(cid, inc.get("id"))
    unplaced_ids = {u.get("id") for u in unplaced or () if u.get("id")}
    grouped: dict = defaultdict(list)
    alone = []
    for c in claims:
        iid = c.get("incident_id") or listed.get(c.get("id"))
        if iid in by_id:
            grouped[iid].append(c)
        else:
            alone.append(c)
    groups = []
    for iid, members in grouped.items():
        inc = by_id[iid]
        order = {cid: i for i, cid in enumerate(inc.get("claims") or ())}
        members.sort(key=lambda c: (_date_key(c.get("date")), order.get(c["id"], len(order)),
                                    str(c["id"])))
        first = _one_line(inc.get("date_from")) or next(
            (_one_line(c.get("date")) for c in members if _one_line(c.get("date"))), "")
        groups.append({"incident": inc, "claims": members, "key": (_date_key(first),
                       _one_line(inc.get("title")), str(iid)),
                       "not_placed": sum(1 for cid in inc.get("claims") or ()
                                         if cid in unplaced_ids)})
    for c in alone:
        groups.append({"incident": None, "claims": [c], "not_placed": 0,
                       "key": (_date_key(c.get("date")), "", str(c["id"]))})
    groups.sort(key=lambda g: g["key"])
    for g in groups:
        del g["key"]
    return groups


def _heading(group: dict) -> str:
    inc = group["incident"]
    parts = [_one_line(inc.get("title")) or _one_line(inc.get("place_name")) or "Incident",
             _plural(len(group["claims"]), "claim") + " on the map"]
    if group["not_placed"]:
        parts.append(f"{group['not_placed']:,} not placed")
    if inc.get("contested"):
        contest = _one_line(inc.get("contest"))
        parts.append(f"contested: {contest}" if contest else "contested")
    return " · ".join(parts)


TABLE_COLUMNS = [("date", 0.09), ("place", 0.17), ("claimant", 0.3), ("stance", 0.08),
                 ("event", 0.1), ("inferred", 0.26)]


def _table_lines(groups: list[dict]) -> list[tuple[str, object]]:
    """The table's lines after its header: ("incident", group) and ("claim", claim)."""
    out = []
    for g in groups:
        if g["incident"] is not None:
            out.append(("incident", g))
        out += [("claim", c) for c in g["claims"]]
    return out


def _draw_table(fig, measure, lines, total, left, top, width, max_lines) -> None:
    """The claims table (figure pixels): a header, then incident headings and claim rows,
    as many as ``max_lines`` lets in, then how many claims are left out."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    W, H = fig.bbox.width, fig.bbox.height
    size = FONT["table"]
    row = size * ROW / 72 * fig.dpi
    pad = size * 0.5 / 72 * fig.dpi
    xs, x = [], left
    for _, frac in TABLE_COLUMNS:
        xs.append(x)
        x += frac * width

    def rule(y, colour="#999", lw=0.5):
        fig.add_artist(Line2D([left / W, (left + width) / W], [y / H, y / H], color=colour,
                              lw=lw, transform=fig.transFigure, gid="table"))

    def cells(y, values, **kw):
        for (name, frac), x0, value in zip(TABLE_COLUMNS, xs, values):
            fig.text((x0 + pad) / W, (y - row / 2) / H,
                     measure.fit(value, frac * width - 2 * pad, size, kw.get("fontweight",
                                                                           "normal")),
                     fontsize=size, va="center", parse_math=False, color=TEXT,
                     gid=f"table-{name}", **kw)

    y = top
    cells(y, [name for name, _ in TABLE_COLUMNS], fontweight="bold")
    y -= row
    rule(y, "#555", 0.8)
    room = max_lines - 1
    if len(lines) > room:
        room -= 1  # for the line saying how many more
        if room and lines[room - 1][0] == "incident":
            room -= 1  # no heading without a claim under it
    shown = 0
    for kind, item in lines[:room]:
        if kind == "incident":
            fig.add_artist(Rectangle((left / W, (y - row) / H), width / W, row / H,
                                     transform=fig.transFigure, facecolor="#efece4",
                                     edgecolor="none", zorder=0.5, gid="table"))
            fig.text((left + pad) / W, (y - row / 2) / H,
                     measure.fit(_heading(item), width - 2 * pad, size, "bold"),
                     fontsize=size, fontweight="bold", va="center", parse_math=False,
                     color=TEXT, gid="table-incident")
        else:
            c = item
            cells(y, [_fmt_date(c.get("date")), _one_line(c.get("place_name")),
                      _one_line(c.get("claimant")), _one_line(c.get("stance")),
                      _one_line(c.get("event")), _one_line(_short(c.get("check") or ""))])
            shown += 1
        y -= row
        rule(y, "#ddd", 0.4)
    if not total:
        fig.text((left + pad) / W, (y - row / 2) / H, "No claims on the map.", fontsize=size,
                 va="center", parse_math=False, color=QUIET, gid="table-more")
    elif shown < total:
        fig.text((left + pad) / W, (y - row / 2) / H,
                 f"… and {_plural(total - shown, 'more claim')} on the map "
                 "(see the HTML map or the CSV)",
                 fontsize=size + 0.5, va="center", parse_math=False, color=QUIET,
                 gid="table-more")


# -- the sheet ----------------------------------------------------------------------------

def _sources_line(measure, sources, width, size) -> list[str]:
    """ "Sources: A; B" as at most two lines, the names there are (a source with no name is
    not an empty item), then how many more; "Sources: not named" when none has a name."""
    names = list(dict.fromkeys(
        _one_line(s.get("source")) or _one_line(s.get("publisher")) or _one_line(s.get("url"))
        for s in sources))
    names = [n for n in names if n]
    if not sources:
        return []
    if not names:
        return ["Sources: not named"]

    def text(k):
        more = f" … and {_plural(len(names) - k, 'more source')}" if k < len(names) else ""
        return f"Sources: {'; '.join(names[:k])}{more}"

    lines, cut = measure.wrap(text(len(names)), width, size, max_lines=2)
    if not cut:
        return lines
    lo, hi = 0, len(names) - 1  # the most names that fit, with the count of the rest
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure.wrap(text(mid), width, size, max_lines=2)[1]:
            hi = mid - 1
        else:
            lo = mid
    return measure.wrap(text(lo), width, size, max_lines=2)[0]


@contextmanager
def _glyphs_unsaid():
    """No warning for a character the font has no glyph for (it is drawn as a box): the
    sheet says nothing on stderr, whatever the claims are written in."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
        yield


def draw_sheet(fig, *, view, layers, areas, bands, claims, sides, title, date_range,
               sources, manifest, with_table: bool, unplaced=(), incidents=(),
               reference=None, point_of_view: str = ""):
    """The whole sheet on ``fig``, laid out from the measured sizes of its texts: title
    and counts on top, the map with the legend and the claims not placed beside it, the
    table of claims by incident below (``with_table``), the sources and notes at the foot.
    ``reference``: the reference basemap (geomap.basemap.Reference) drawn under the borders
    and claims, its sources named at the foot; ``point_of_view``: the name of the point of
    view the boundaries are drawn in ("India (Natural Earth FCLASS_IN)"), said beside the
    boundary note.
    """
    with _glyphs_unsaid():
        _draw_sheet(fig, view=view, layers=layers, areas=areas, bands=bands, claims=claims,
                    sides=sides, title=title, date_range=date_range, sources=sources,
                    manifest=manifest, with_table=with_table, unplaced=unplaced,
                    incidents=incidents, reference=reference, point_of_view=point_of_view)


def _draw_sheet(fig, *, view, layers, areas, bands, claims, sides, title, date_range,
                sources, manifest, with_table, unplaced, incidents, reference=None,
                point_of_view=""):
    measure = _Measure(fig)
    dpi = fig.dpi
    W, H = fig.bbox.width, fig.bbox.height  # pixels
    inch = dpi
    margin, gap = 0.3 * inch, 0.12 * inch
    width = W - 2 * margin
    unplaced = list(unplaced or ())
    colours = {s["side"]: s["colour"] for s in sides}

    # top: the title (wrapped, then smaller), the dates and the counts
    text = _one_line(title) or "Border claims"
    for size, most in ((FONT["title"], 2), (13, 2), (11, 3)):
        lines, cut = measure.wrap(text, width, size, "bold", max_lines=most)
        if not cut:
            break
    y = H - 0.25 * inch
    head = fig.text(margin / W, y / H, "\n".join(lines), fontsize=size, fontweight="bold",
                    va="top", parse_math=False, color="black", linespacing=1.15, gid="title")
    y -= head.get_window_extent(measure.renderer).height + 0.06 * inch
    total = len(claims) + len(unplaced)
    counts = (f"{_plural(total, 'claim')}: {len(claims):,} on the map, "
              f"{len(unplaced):,} not placed")
    sub_lines, _ = measure.wrap(" · ".join(p for p in (_one_line(date_range), counts) if p),
                                width,
                                FONT["subtitle"], max_lines=2)
    sub = fig.text(margin / W, y / H, "\n".join(sub_lines), fontsize=FONT["subtitle"],
                   va="top", color=QUIET, parse_math=False, gid="subtitle")
    y -= sub.get_window_extent(measure.renderer).height
    body_top = y - 0.14 * inch

    # foot: the sources, the note, the generator
    size = FONT["footer"]
    view_words = (f"Point of view: {_one_line(point_of_view)}. "
                  if _one_line(point_of_view) else "")
    basemap = ([measure.fit("Basemap: " + "; ".join(_one_line(s) for s in reference.sources),
                            width, size)] if reference is not None and reference.sources
               else [])
    foot = [*_sources_line(measure, sources, width, size),
            *measure.wrap(f"{view_words}{_one_line(NOT_AUTHORITATIVE)} Claims are shown as "
                          "reported and are not verified.", width, size, max_lines=3)[0],
            *basemap,
            measure.fit(_one_line(f"{manifest['generator']} · gazetteer "
                                  f"{manifest['gazetteer']}"), width, size)]
    footer = fig.text(margin / W, 0.15 * inch / H, "\n".join(foot), fontsize=size,
                      color=QUIET, va="bottom", parse_math=False, gid="footer")
    body_bottom = 0.15 * inch + footer.get_window_extent(measure.renderer).height + gap

    # the table below the map (the PDF), as tall as its lines, up to 45% of the body
    table_top = None
    if with_table:
        rows = _table_lines(claim_groups(claims, incidents, unplaced))
        row = FONT["table"] * ROW / 72 * dpi
        body = body_top - body_bottom
        max_lines = max(4, int(body * 0.45 // row))
        n_lines = min(max_lines, len(rows) + 1 + (0 if rows else 1))
        table_top = body_bottom + n_lines * row
        map_bottom = table_top + 0.18 * inch
    else:
        map_bottom = body_bottom
    map_w = width * (0.74 if with_table else 0.76)
    ax_map = fig.add_axes([margin / W, map_bottom / H, map_w / W, (body_top - map_bottom) / H])
    # beside the map: the legend, then the claims not on the map, down to the foot when
    # there are any (the table is then as wide as the map), else down to the table
    panel_left = margin + map_w + 0.18 * inch
    panel_w = W - margin - panel_left
    panel_bottom = body_bottom if unplaced else map_bottom
    ax_leg = fig.add_axes([panel_left / W, map_bottom / H, panel_w / W,
                           (body_top - map_bottom) / H])
    ax_leg.set_label("legend")
    draw_map(ax_map, view, layers, areas, bands, claims, colours, measure, reference)
    legend = draw_legend(ax_leg, sides, layers, areas is not None and len(areas) > 0,
                         bands is not None and len(bands) > 0, measure)
    below = legend.get_window_extent(measure.renderer).y0 - 0.2 * inch
    _draw_unplaced(fig, measure, unplaced, panel_left, below, panel_bottom, panel_w)
    if with_table:
        _draw_table(fig, measure, rows, len(claims), margin, table_top,
                    map_w if unplaced else width, n_lines)


def _drawable(value):
    """``value`` with every string in it as matplotlib can draw it: without U+FEFF (a
    zero-width no-break space, or a byte-order mark inside a field), on which its PDF
    writer fails (IndexError in track_glyph, matplotlib 3.10); no other character does.
    Frames, layers and numbers pass as they are."""
    if isinstance(value, str):
        return value.replace("\ufeff", "")
    if isinstance(value, dict):
        return {k: _drawable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if len(value) > 100:  # (a sheet's claims: gone over only when one holds it)
            try:
                text = json.dumps(value, ensure_ascii=False)
            except (TypeError, ValueError):
                text = "\ufeff"
            if "\ufeff" not in text:
                return value
        return type(value)(_drawable(v) for v in value)
    return value


def sheet_figure(fmt: str, **sheet):
    """The drawn figure of the PNG (1600x1000 px) or the PDF page (A4 landscape), with
    the metadata to save it with: (figure, metadata). Not attached to pyplot."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    manifest = sheet["manifest"]
    title = _one_line(_drawable(sheet["title"]))
    if fmt == "png":
        fig = Figure(figsize=(16, 10), dpi=100)
        meta = {"Title": title, "Software": manifest["generator"],
                "Description": json.dumps(manifest, sort_keys=True)}
    else:
        fig = Figure(figsize=(11.69, 8.27), dpi=100)
        meta = {"Title": title, "Creator": manifest["generator"],
                "Subject": json.dumps(manifest, sort_keys=True), "CreationDate": None,
                "Producer": manifest["generator"]}
    FigureCanvasAgg(fig)
    draw_sheet(fig, with_table=fmt == "pdf", **_drawable_sheet(sheet))
    return fig, meta


def _drawable_sheet(sheet: dict) -> dict:
    """The sheet's data as every figure of it draws it (unplaced and incidents optional)."""
    if sheet.get("_drawable"):
        return {k: v for k, v in sheet.items() if k != "_drawable"}
    return _drawable({"unplaced": [], "incidents": [], **sheet})


def static_bytes(fmt: str, **sheet) -> bytes:
    """The PNG (1600x1000 px) or the one-page PDF (A4 landscape), as bytes.

    ``sheet``: view, layers, areas, bands, claims (the placed ones), sides, title,
    date_range, sources, manifest; and unplaced (the claims not on the map, as the page
    lists them: place, claimant, stance, event, date, reason, ...) and incidents (the
    incidents the claims belong to, each with its claims' ids), both optional.
    """
    return sheets_bytes((fmt,), **sheet)[fmt]


def sheets_bytes(kinds, **sheet) -> dict[str, bytes]:
    """The sheet in each of ``kinds`` ("png", "pdf"), as bytes by kind: what the two
    share (the claims made drawable) worked out once. ``sheet``: as static_bytes."""
    import io

    shared = {**_drawable_sheet(sheet), "_drawable": True}
    out = {}
    with _glyphs_unsaid():
        for fmt in kinds:
            buf = io.BytesIO()
            fig, meta = sheet_figure(fmt, **shared)
            fig.savefig(buf, format=fmt, metadata=meta, dpi=100 if fmt == "png" else None)
            out[fmt] = buf.getvalue()
    return out


def write_static(path: Path, fmt: str, **sheet) -> None:
    """Write the PNG or the PDF to ``path``, whole or not at all."""
    from ..outputs import Staged

    with Staged() as out:
        out.data(path, static_bytes(fmt, **sheet))
        out.commit()

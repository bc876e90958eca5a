"""Briefing outputs without a browser: a PNG picture and a one-page PDF sheet, drawn with
matplotlib from the same layers and claims as the HTML, with the same symbols and colours.

Same inputs, same bytes: no timestamps are written (PDF CreationDate is dropped), and the
manifest travels in the file's metadata. Text from the inputs is drawn with
``parse_math=False``: matplotlib would read "$5 and $10" as mathematics.
"""

from __future__ import annotations

import json
import logging
import math
import textwrap
from collections import defaultdict
from pathlib import Path

from ..layers import NOT_AUTHORITATIVE, USER_KINDS

STANCE_MARKERS = {"asserts": "o", "denies": "o", "reports": "o", "calls": "D"}
TABLE_ROWS = 14
MAX_AT_ONE_PLACE = 24  # more claims than this at one place are summarised


def _slash():
    from matplotlib.path import Path as MPath

    return MPath([(-0.75, -0.75), (0.75, 0.75)], [MPath.MOVETO, MPath.LINETO])


def _draw_symbol(ax, x, y, stance, colour, approximate, size=9, offset=(0, 0)):
    from matplotlib.transforms import offset_copy

    tr = offset_copy(ax.transData, fig=ax.figure, x=offset[0], y=offset[1], units="points")
    if approximate:
        ax.plot(x, y, marker="o", ms=size * 1.55, mfc="none", mec=colour, mew=0.9,
                ls="none", transform=tr, zorder=5, dashes=(1, 1))
    if stance == "asserts":
        ax.plot(x, y, marker="o", ms=size, mfc=colour, mec="white", mew=1.2, ls="none",
                transform=tr, zorder=6)
    elif stance == "denies":
        ax.plot(x, y, marker="o", ms=size, mfc="white", mec=colour, mew=2.0, ls="none",
                transform=tr, zorder=6)
        ax.plot(x, y, marker=_slash(), ms=size * 0.95, mec=colour, mew=2.0, ls="none",
                transform=tr, zorder=7)
    elif stance == "reports":
        ax.plot(x, y, marker="o", ms=size, mfc=(1, 1, 1, 0.7), mec=colour, mew=2.0,
                ls="none", transform=tr, zorder=6)
    else:
        ax.plot(x, y, marker="D", ms=size * 0.85, mfc=colour, mec="white", mew=1.2,
                ls="none", transform=tr, zorder=6)


def _styles():
    from .html import AREA_STYLE, BAND_STYLE, COUNTRY_STYLE, FOCUS_STYLE, LINE_STYLE

    return AREA_STYLE, BAND_STYLE, COUNTRY_STYLE, FOCUS_STYLE, LINE_STYLE


def _dash(style) -> tuple | None:
    if "dashArray" not in style:
        return None
    return (0, tuple(float(v) / 1.5 for v in style["dashArray"].split()))


def draw_map(ax, view, layers, areas, bands, claims, colours):
    """The map panel: countries, borders, areas, bands and the claims' symbols."""
    AREA_STYLE, BAND_STYLE, COUNTRY_STYLE, FOCUS_STYLE, LINE_STYLE = _styles()
    ax.set_facecolor("#d7e4ee")
    focus = {c["country"] for c in claims if c["country"]}
    for layer in layers:
        f = layer.frame
        if not len(f):
            continue
        if layer.kind == "countries":
            for fill, part in ((FOCUS_STYLE["fillColor"], f[f["iso2"].isin(focus)]),
                               (COUNTRY_STYLE["fillColor"], f[~f["iso2"].isin(focus)])):
                if len(part):
                    part.plot(ax=ax, color=fill, edgecolor=COUNTRY_STYLE["color"],
                              linewidth=0.5, zorder=1)
        else:
            st = LINE_STYLE.get(layer.kind, LINE_STYLE["international"])
            kw = {"color": st["color"], "linewidth": st["weight"] * 0.7, "zorder": 3}
            if _dash(st):
                kw["linestyle"] = _dash(st)
            if "fillColor" in st:
                f.plot(ax=ax, facecolor=st["fillColor"], alpha=st["fillOpacity"] * 2,
                       edgecolor=st["color"], zorder=2)
            else:
                f.plot(ax=ax, **kw)
    if areas is not None and len(areas):
        regions = areas[(areas["settlements"] > 0) | (areas["radius_km"] > 0)]
        if len(regions):
            regions.plot(ax=ax, facecolor=(0.27, 0.27, 0.27, 0.08), edgecolor="#444",
                         linewidth=0.8, linestyle=(0, (4, 3)), zorder=2)
    if bands is not None and len(bands):
        bands.plot(ax=ax, facecolor=BAND_STYLE["fillColor"], alpha=0.35,
                   edgecolor=BAND_STYLE["color"], linewidth=0.8, zorder=2)
    at = defaultdict(list)
    for c in claims:
        at[(round(c["lat"], 5), round(c["lon"], 5))].append(c)
    for (lat, lon), members in sorted(at.items()):
        total = len(members)
        if total > MAX_AT_ONE_PLACE:
            # too many to draw one by one: one symbol per side and stance, and the count
            seen: dict = {}
            for c in sorted(members, key=lambda c: (c["claimant_side"], c["stance"], c["id"])):
                seen.setdefault((c["claimant_side"], c["stance"], c["precision"]), c)
            members = list(seen.values())
            ax.annotate(str(total), (lon, lat), xytext=(0, -30), textcoords="offset points",
                        ha="center", fontsize=7, fontweight="bold", color="#333", zorder=8)
        n = len(members)
        ring = 0 if n == 1 else min(26, 6 + 2.2 * n)
        for i, c in enumerate(sorted(members, key=lambda c: (c["claimant_side"], c["id"]))):
            angle = 2 * math.pi * i / n
            off = (ring * math.cos(angle), ring * math.sin(angle))
            approx = c["precision"] in ("province", "district", "country", "zone")
            _draw_symbol(ax, lon, lat, c["stance"], colours[c["claimant_side"]], approx,
                         size=7 if n > 6 else 9, offset=off)
        if n > 1:
            ax.plot(lon, lat, marker="+", ms=6, color="#333", zorder=7)
    from shapely.geometry import box

    countries = next((lay.frame for lay in layers if lay.kind == "countries"), None)
    if countries is not None:
        frame = box(*view)
        for r in countries.itertuples():
            seen = r.geometry.intersection(frame)
            if seen.area > 0.03 * frame.area:
                pt = seen.representative_point()
                ax.text(pt.x, pt.y, r.name.upper(), fontsize=8, color="#6b645a",
                        ha="center", va="center", zorder=4, fontweight="bold", alpha=0.8,
                        parse_math=False)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect(1 / math.cos(math.radians((view[1] + view[3]) / 2)), adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def draw_legend(ax, sides, layers, has_areas, has_bands):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    _, BAND_STYLE, _, _, LINE_STYLE = _styles()
    handles = [Line2D([], [], marker="o", ls="none", mfc=s["colour"], mec="white", ms=8,
                      label=f"{s['label']} ({s['claims']})") for s in sides]
    grey = "#555"
    handles += [
        Line2D([], [], marker="o", ls="none", mfc=grey, mec="white", ms=8, label="asserts"),
        Line2D([], [], marker="o", ls="none", mfc="white", mec=grey, mew=2, ms=8,
               label="denies (crossed)"),
        Line2D([], [], marker="o", ls="none", mfc="white", mec=grey, mew=2, ms=8,
               label="reports (relays)"),
        Line2D([], [], marker="D", ls="none", mfc=grey, mec="white", ms=7, label="calls for"),
        Line2D([], [], marker="o", ls="none", mfc="none", mec=grey, ms=12,
               label="dashed halo: located only to a province or country"),
    ]
    if has_areas:
        handles.append(Patch(facecolor=(0.27, 0.27, 0.27, 0.08), edgecolor="#444",
                             linestyle="--", label="approximate province extent"))
    if has_bands:
        handles.append(Patch(facecolor=BAND_STYLE["fillColor"], alpha=0.35,
                             edgecolor=BAND_STYLE["color"], label='claimed advance "N km into"'))
    for layer in layers:
        if layer.kind in LINE_STYLE and layer.kind != "countries":
            st = LINE_STYLE[layer.kind]
            handles.append(Line2D([], [], color=st["color"], lw=st["weight"] * 0.7,
                                  linestyle=_dash(st) or "-",
                                  label=USER_KINDS.get(layer.kind, layer.name)))
    legend = ax.legend(handles=handles, loc="upper left", fontsize=7.5, frameon=False)
    for text in legend.get_texts():
        text.set_parse_math(False)
    ax.axis("off")


def _fmt_date(d: str) -> str:
    return d or "no date"


def _short(check: str) -> str:
    """What was inferred, in a table cell: "speaker from 'It'; place from the report's
    focus" -> "speaker, place"; the report's own voice is "the report's"."""
    return ", ".join(dict.fromkeys("the report's" if part.startswith("the report")
                                   else part.split()[0] for part in check.split("; ") if part))


def draw_sheet(fig, *, view, layers, areas, bands, claims, sides, title, date_range,
               sources, manifest, with_table: bool):
    colours = {s["side"]: s["colour"] for s in sides}
    if with_table:
        grid = fig.add_gridspec(3, 2, width_ratios=[2.4, 1], height_ratios=[0.1, 1.5, 0.9],
                                hspace=0.06, wspace=0.01, left=0.02, right=0.99, bottom=0.1,
                                top=1.01)
        ax_map = fig.add_subplot(grid[1, 0])
        ax_leg = fig.add_subplot(grid[1, 1])
        ax_tab = fig.add_subplot(grid[2, :])
    else:
        grid = fig.add_gridspec(2, 2, width_ratios=[3.2, 1], height_ratios=[0.06, 1],
                                hspace=0.04, wspace=0.01, left=0.02, right=0.99, bottom=0.08,
                                top=0.99)
        ax_map = fig.add_subplot(grid[1, 0])
        ax_leg = fig.add_subplot(grid[1, 1])
        ax_tab = None
    fig.text(0.02, 0.975, title, fontsize=15, fontweight="bold", va="top", parse_math=False)
    fig.text(0.02, 0.945, f"{date_range} · {len(claims)} claims on the map", fontsize=10,
             va="top", color="#444", parse_math=False)
    draw_map(ax_map, view, layers, areas, bands, claims, colours)
    draw_legend(ax_leg, sides, layers, areas is not None and len(areas) > 0,
                bands is not None and len(bands) > 0)
    if ax_tab is not None:
        ax_tab.axis("off")
        rows = [[_fmt_date(c["date"]), c["place_name"][:26], c["claimant"][:34], c["stance"],
                 c["event"], _short(c.get("check") or "")]
                for c in sorted(claims, key=lambda c: (c["date"] or "", c["id"]))]
        more = len(rows) - TABLE_ROWS
        rows = rows[:TABLE_ROWS]
        if rows:
            table = ax_tab.table(cellText=rows, colLabels=["date", "place", "claimant",
                                                           "stance", "event", "inferred"],
                                 loc="upper center", cellLoc="left", colLoc="left",
                                 colWidths=[0.09, 0.17, 0.3, 0.08, 0.1, 0.26])
            for cell in table.get_celld().values():
                cell.get_text().set_parse_math(False)
            table.auto_set_font_size(False)
            table.set_fontsize(6.5)
            table.scale(1, 0.9)
        if more > 0:
            ax_tab.text(0.01, -0.04, f"… and {more} more claims (see the HTML map or the CSV)",
                        fontsize=7, transform=ax_tab.transAxes, va="top")
    src = "; ".join(s["source"] or s["publisher"] or s["url"] for s in sources)[:300]
    # wrapped here: matplotlib's own wrap=True reads "$" as mathematics whatever parse_math says
    lines = [*textwrap.wrap(f"Sources: {src}", 190),
             *textwrap.wrap(f"{NOT_AUTHORITATIVE} Claims are shown as reported and are not "
                            "verified.", 190),
             f"{manifest['generator']} · gazetteer {manifest['gazetteer']}"]
    fig.text(0.02, 0.012, "\n".join(lines), fontsize=6.5, color="#444", va="bottom",
             parse_math=False)


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
        return type(value)(_drawable(v) for v in value)
    return value


def static_bytes(fmt: str, **sheet) -> bytes:
    """The PNG (1600x1000 px) or the one-page PDF (A4 landscape), as bytes."""
    import io
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    manifest = sheet["manifest"]
    buf = io.BytesIO()
    # matplotlib notes, as a warning, that the map's aspect widens the limits: it is meant
    quiet = logging.getLogger("matplotlib.axes._base")  # says the same, as a log record
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if fmt == "png":
            fig = plt.figure(figsize=(16, 10), dpi=100)
            meta = {"Title": sheet["title"], "Software": manifest["generator"],
                    "Description": json.dumps(manifest, sort_keys=True)}
        else:
            fig = plt.figure(figsize=(11.69, 8.27))
            meta = {"Title": sheet["title"], "Creator": manifest["generator"],
                    "Subject": json.dumps(manifest, sort_keys=True), "CreationDate": None,
                    "Producer": manifest["generator"]}
        try:
            draw_sheet(fig, with_table=fmt == "pdf", **_drawable(sheet))
            fig.savefig(buf, format=fmt, metadata=meta, dpi=100 if fmt == "png" else None)
        finally:
            plt.close(fig)
            quiet.setLevel(level)
    return buf.getvalue()


def write_static(path: Path, fmt: str, **sheet) -> None:
    """Write the PNG or the PDF to ``path``, whole or not at all."""
    from ..outputs import Staged

    with Staged() as out:
        out.data(path, static_bytes(fmt, **sheet))
        out.commit()

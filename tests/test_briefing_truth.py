"""The briefing sheets tell the whole truth (issue #11): how many claims there are and which
are not on the map, the PDF's claims by incident in date order, a denial drawn unlike a
report, nothing written over the map's frame or a claim's symbol, counts in words a person
writes, no library warnings, and any text drawn as text.

The sheets are drawn and then measured: every text's box (``get_window_extent``) against
the map's box and the symbols' boxes, on the figure as the PNG and the PDF are saved from.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import warnings
from collections import defaultdict

import numpy as np
import pytest

from geomap.render import static
from geomap.render.static import draw_sheet, static_bytes

HOSTILE = ("$x^2$ {{7*7}} <script>alert(1)</script> \ufeff שלום עולם مرحبا بالعالم "
           "\u202eevil\u202c line\nbreak")


# -- helpers ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict:
    """The keywords geomap map passes to sheets_bytes for the built-in example."""
    got = {}

    def spy(kinds, **sheet):
        for fmt in kinds:
            got[fmt] = sheet
        return {fmt: b"" for fmt in kinds}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(static, "sheets_bytes", spy)
        from geomap.api import make_map

        make_map(out=tmp_path_factory.mktemp("truth") / "m.html", exports=("png",))
    sheet = got["png"]
    sheet.pop("unplaced", None)
    sheet.pop("incidents", None)
    return sheet


def _undated_last(d) -> tuple:
    return (not d, d or "")


def incidents_by_place(claims: list[dict]) -> list[dict]:
    """Incidents as api.py will pass them, made here from the claims by place (one incident
    per place); each claim is given its ``incident_id`` (in place: pass copies)."""
    by_place = defaultdict(list)
    for c in claims:
        by_place[c["place_name"]].append(c)
    out = []
    for place, members in sorted(by_place.items()):
        members.sort(key=lambda c: (_undated_last(c["date"]), c["id"]))
        iid = "i" + hashlib.sha1(place.encode()).hexdigest()[:10]
        dated = [c["date"] for c in members if c["date"]]
        sides = []
        for side in sorted({c["claimant_side"] for c in members}):
            mine = [c for c in members if c["claimant_side"] == side]
            stances = {s: sum(c["stance"] == s for c in mine)
                       for s in ("asserts", "denies", "reports", "calls")}
            sides.append({"side": side, "label": side, "claims": [c["id"] for c in mine],
                          "stances": stances})
        asserting = {s["side"] for s in sides if s["stances"]["asserts"]}
        denying = {s["side"] for s in sides if s["stances"]["denies"]}
        contested = bool(asserting and denying and asserting != denying)
        contest = "; ".join([*(f"{s} asserts" for s in sorted(asserting)),
                             *(f"{s} denies" for s in sorted(denying))]) if contested else ""
        dates = f"{min(dated)} to {max(dated)}" if dated else "no date"
        for c in members:
            c["incident_id"] = iid
        out.append({"id": iid, "title": f"At {place}, {dates}", "place_name": place,
                    "date_from": min(dated) if dated else "",
                    "date_to": max(dated) if dated else "", "dates": dates,
                    "claims": [c["id"] for c in members], "sides": sides,
                    "contested": contested, "contest": contest, "placed": True})
    return out


def some_unplaced(n: int) -> list[dict]:
    """``n`` claims not on the map, as the page lists them (every fourth undated)."""
    return [{"id": f"u{i:03d}", "place": f"Nowhere {i}", "claimant": "Armenian government",
             "claimant_side": "AM", "stance": "asserts", "event": "shelling",
             "date": "" if i % 4 == 3 else f"2021-05-{10 + i % 9:02d}",
             "reason": f"no place named 'Nowhere {i}' in the gazetteer",
             "origin": f"report.txt:{i}"} for i in range(n)]


def with_claims(sheet: dict, claims: list[dict]) -> dict:
    """``sheet`` with these claims (on the map), the sides' counts to match."""
    counts = defaultdict(int)
    for c in claims:
        counts[c["claimant_side"]] += 1
    sides = [{**s, "claims": counts[s["side"]]} for s in sheet["sides"]]
    return {**sheet, "claims": claims, "sides": sides}


def drawn(fmt: str, sheet: dict):
    """The sheet drawn on a figure of the PNG's or the PDF's size, as static_bytes draws
    it, and the renderer its texts are measured with."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    size = (16, 10) if fmt == "png" else (11.69, 8.27)
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    with warnings.catch_warnings():  # as static_bytes: a glyph the font lacks is a box
        warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
        draw_sheet(fig, with_table=fmt == "pdf", **static._drawable(sheet))
        fig.canvas.draw()
    return fig, fig.canvas.get_renderer()


def texts(fig) -> list:
    from matplotlib.text import Text

    hidden = set()  # the tick labels of a panel drawn without its axes
    for ax in fig.axes:
        if not ax.axison:
            hidden |= set(ax.xaxis.findobj(Text)) | set(ax.yaxis.findobj(Text))
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t not in hidden]


def words(fig) -> str:
    return "\n".join(t.get_text() for t in texts(fig))


def map_axes(fig):
    """The map: the one panel with its frame drawn (the legend and table have none)."""
    (ax,) = [a for a in fig.axes if a.axison]
    return ax


def has_marker(line) -> bool:
    return line.get_marker() not in (None, "None", "", " ") and len(line.get_xdata()) == 1


def _shrunk(bb, by=0.5):
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(bb.x0 + by, bb.y0 + by, bb.x1 - by, bb.y1 - by)


def overlaps(a, b) -> bool:
    a, b = _shrunk(a), _shrunk(b)
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def inside(a, b) -> bool:
    a = _shrunk(a)
    return a.x0 >= b.x0 and a.x1 <= b.x1 and a.y0 >= b.y0 and a.y1 <= b.y1


def assert_nothing_overlaps(fig, renderer) -> None:
    """Every text inside the page; the texts outside the map off its box and off each
    other; the texts on the map inside its box and on no claim's symbol."""
    ax = map_axes(fig)
    frame = ax.get_window_extent(renderer)
    marks = [ln.get_window_extent(renderer) for ln in ax.lines if has_marker(ln)]
    assert marks, "the map draws the claims"
    on_map = set(ax.texts)
    boxes = []
    for t in texts(fig):
        bb = t.get_window_extent(renderer)
        what = repr(t.get_text()[:60])
        assert inside(bb, fig.bbox), f"{what} runs off the page"
        if t in on_map:
            assert inside(bb, frame), f"{what} crosses the map's frame"
            for m in marks:
                assert not overlaps(bb, m), f"{what} is written on a claim's symbol"
        else:
            assert not overlaps(bb, frame), f"{what} is written over the map"
        for other, obb in boxes:
            assert not overlaps(bb, obb), f"{what} is written over {other}"
        boxes.append((what, bb))


# -- 1. the counts and the claims not on the map ----------------------------------------------

@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_the_sheet_counts_every_claim_and_lists_the_unplaced(example, fmt):
    sheet = {**example, "unplaced": some_unplaced(4)}
    fig, _ = drawn(fmt, sheet)
    said = words(fig).replace("\n", " ")  # an entry may take two lines
    assert "29 claims: 25 on the map, 4 not placed" in said
    assert "Not on the map (4)" in said
    for i in range(4):
        date = "no date" if i == 3 else f"2021-05-{10 + i}"
        assert f"Nowhere {i}, {date}: Armenian government asserts shelling" in said
    assert "no place named 'Nowhere 0' in the gazetteer" in said  # why, in short
    assert "more claim" not in said.replace("more claims on the map", "")


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_a_long_list_of_unplaced_is_cut_with_how_many_more(example, fmt):
    sheet = {**example, "unplaced": some_unplaced(60)}
    fig, renderer = drawn(fmt, sheet)
    said = words(fig)
    assert "85 claims: 25 on the map, 60 not placed" in said
    assert "Not on the map (60)" in said
    shown = len(re.findall(r"^Nowhere \d+, ", said, re.M))
    more = re.search(r"… and (\d+) more claims? not placed", said)
    assert shown >= 3 and more and shown + int(more.group(1)) == 60
    assert_nothing_overlaps(fig, renderer)


def test_without_unplaced_the_sheet_says_none_are_missing(example):
    fig, _ = drawn("png", example)
    assert "25 claims: 25 on the map, 0 not placed" in words(fig)
    assert "Not on the map" not in words(fig)


# -- 2. the PDF's table: by incident, in date order, the undated last -------------------------

def _table(fig) -> list[tuple[str, str]]:
    """The table's lines top to bottom: ("incident", heading) and ("claim", date)."""
    cells = [t for t in texts(fig) if t.get_gid() in ("table-incident", "table-date")]
    cells = [t for t in cells if t.get_text() != "date"]  # the header
    cells.sort(key=lambda t: -t.get_position()[1])
    return [("incident" if t.get_gid() == "table-incident" else "claim", t.get_text())
            for t in cells]


def _some_undated(claims: list[dict], n: int) -> list[dict]:
    return [{**c, "date": "" if i in (0, 5) else c["date"]} for i, c in enumerate(claims[:n])]


def test_the_table_is_in_date_order_with_the_undated_last(example):
    claims = _some_undated(example["claims"], 9)
    fig, _ = drawn("pdf", with_claims(example, claims))
    expected = sorted(claims, key=lambda c: (_undated_last(c["date"]), c["id"]))
    assert _table(fig) == [("claim", c["date"] or "no date") for c in expected]
    assert "more claim" not in words(fig)


def test_the_table_groups_the_claims_by_incident(example):
    claims = [dict(c) for c in _some_undated(example["claims"], 12)]
    claims.append({**claims[1], "id": "lonely", "place_name": "Nowhere", "date": ""})
    incidents = incidents_by_place(claims)
    sheet = {**with_claims(example, claims), "incidents": incidents}
    fig, renderer = drawn("pdf", sheet)
    by_id = {c["id"]: c for c in claims}
    expected = []
    for inc in sorted(incidents, key=lambda i: (_undated_last(i["date_from"]), i["title"])):
        expected.append(("incident", inc["title"]))
        expected += [("claim", by_id[cid]["date"] or "no date") for cid in inc["claims"]]
    got = _table(fig)
    assert [(k, v.split(" · ")[0] if k == "incident" else v) for k, v in got] == expected
    dated = [", no date" not in h for k, h in got if k == "incident"]
    assert dated == sorted(dated, reverse=True) and not dated[-1]  # the undated last
    headings = [v for k, v in got if k == "incident"]
    contested = [i for i in incidents if i["contested"]]
    assert contested, "the example has a place where one side asserts and another denies"
    for inc in contested:
        heading = next(h for h in headings if h.startswith(inc["title"] + " · "))
        assert f"contested: {inc['contest']}" in heading
    assert any(" · 1 claim on the map" in h for h in headings)
    assert_nothing_overlaps(fig, renderer)


def test_a_long_table_says_how_many_claims_it_leaves_out(example):
    claims = [dict(c) for c in example["claims"]]
    sheet = {**example, "claims": claims, "incidents": incidents_by_place(claims)}
    fig, renderer = drawn("pdf", sheet)
    rows = [k for k, _ in _table(fig) if k == "claim"]
    more = re.search(r"… and (\d+) more claims? on the map", words(fig))
    assert 0 < len(rows) < 25 and more and len(rows) + int(more.group(1)) == 25
    assert _table(fig)[-1][0] == "claim"  # no heading left with nothing under it
    assert_nothing_overlaps(fig, renderer)


# -- 3. a denial is drawn unlike a report ----------------------------------------------------

def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)


def _legend_sample(fig, renderer, pixels, label_start: str) -> np.ndarray:
    """The pixels of the legend's sample beside the label that starts so."""
    (text,) = [t for t in texts(fig) if t.get_text().startswith(label_start)]
    legend = text.axes.get_legend().get_window_extent(renderer)
    bb = text.get_window_extent(renderer)
    mid = round(fig.bbox.height - (bb.y0 + bb.y1) / 2)
    return pixels[mid - 6:mid + 7, int(legend.x0):int(bb.x0) - 1]


def test_the_legend_draws_a_denial_crossed_and_a_report_not(example):
    fig, renderer = drawn("png", example)
    pixels = _pixels(fig)
    denies = _legend_sample(fig, renderer, pixels, "denies")
    reports = _legend_sample(fig, renderer, pixels, "reports")
    asserts = _legend_sample(fig, renderer, pixels, "asserts")
    assert denies.shape == reports.shape
    assert (denies != 255).any() and (reports != 255).any()  # both drawn
    assert (np.abs(denies - reports).sum(axis=2) > 60).sum() >= 6  # and not alike
    assert (np.abs(denies - asserts).sum(axis=2) > 60).sum() >= 6


def _symbol(stance: str, approximate: bool) -> tuple[np.ndarray, tuple[float, float]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    static._draw_symbol(ax, 0.5, 0.5, stance, "#ff0000", approximate)
    x, y = ax.transData.transform((0.5, 0.5))
    return _pixels(fig), (x, fig.bbox.height - y)


def test_the_map_draws_each_stance_its_own_way():
    drawn_ = {s: _symbol(s, False)[0] for s in ("asserts", "denies", "reports", "calls")}
    for a in drawn_:
        for b in drawn_:
            if a < b:
                assert (np.abs(drawn_[a] - drawn_[b]).sum(axis=2) > 60).sum() >= 6, (a, b)


def test_the_halo_of_an_approximate_place_is_dashed_as_the_legend_says():
    pixels, (cx, cy) = _symbol("asserts", True)
    radius = 9 * 1.55 / 2 / 72 * 100  # the halo's radius in pixels
    red = (pixels[..., 0] > 180) & (pixels[..., 1] < 150)
    on = 0
    for a in np.linspace(0, 2 * np.pi, 180, endpoint=False):
        hit = False
        for r in (radius - 1, radius, radius + 1):
            px, py = round(cx + r * np.cos(a)), round(cy + r * np.sin(a))
            hit = hit or bool(red[py, px])
        on += hit
    assert 0.2 < on / 180 < 0.85  # drawn, with gaps


# -- 4. no text over the map's frame or a claim's symbol ------------------------------------

@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_no_text_is_written_over_the_map_or_a_symbol(example, fmt):
    assert_nothing_overlaps(*drawn(fmt, example))
    claims = [dict(c) for c in example["claims"]]
    sheet = {**example, "claims": claims, "incidents": incidents_by_place(claims),
             "unplaced": some_unplaced(5)}
    assert_nothing_overlaps(*drawn(fmt, sheet))


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_a_long_title_wraps_or_shrinks_and_stays_off_the_map(example, fmt):
    title = ("Armenia–Azerbaijan border standoff in the Syunik and Gegharkunik provinces, "
             "with the statements of Russia, France and the United States, May 2021")
    assert len(title) >= 140
    fig, renderer = drawn(fmt, {**example, "title": title})
    assert_nothing_overlaps(fig, renderer)
    (head,) = [t for t in texts(fig) if t.get_gid() == "title"]
    assert head.get_text().replace("\n", " ") == title  # all of it, on more lines
    huge = "A title that never ends " * 40
    fig, renderer = drawn(fmt, {**example, "title": huge})
    assert_nothing_overlaps(fig, renderer)


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_a_crowded_place_says_its_count_beside_its_symbols(example, fmt):
    base = example["claims"]
    at = base[3]  # a place in Syunik, by others
    crowd = [{**c, "id": f"crowd-{i}", "lat": at["lat"], "lon": at["lon"]}
             for i, c in enumerate(base + base[:8])]
    fig, renderer = drawn(fmt, with_claims(example, base + crowd))
    there = sum((c["lat"], c["lon"]) == (at["lat"], at["lon"]) for c in base + crowd)
    assert there > static.MAX_AT_ONE_PLACE
    assert f"{there} claims" in [t.get_text() for t in map_axes(fig).texts]
    assert_nothing_overlaps(fig, renderer)


# -- 5. words as a person writes them; no warnings -------------------------------------------

def test_one_claim_is_one_claim(example):
    one = with_claims(example, example["claims"][:1])
    for fmt in ("png", "pdf"):
        fig, _ = drawn(fmt, {**one, "unplaced": some_unplaced(1)})
        said = words(fig)
        assert "2 claims: 1 on the map, 1 not placed" in said
        assert "(1 claim)" in said
        assert not re.search(r"\b1 claims\b", said), said


@pytest.mark.parametrize("sources, line", [
    ([{"source": "", "publisher": "", "url": ""}], "Sources: not named"),
    ([{"source": "", "publisher": "", "url": ""}, {"source": "Wire", "publisher": "",
      "url": ""}, {"source": "", "publisher": "Daily", "url": ""}], "Sources: Wire; Daily"),
])
def test_the_sources_line_names_only_what_has_a_name(example, sources, line):
    fig, _ = drawn("pdf", {**example, "sources": sources})
    lines = words(fig).splitlines()
    assert line in lines
    assert not [x for x in lines if re.search(r"Sources: *(;|$)|; *;|; *$", x)]


def test_many_sources_are_cut_with_how_many_more(example):
    sources = [{"source": f"Agency number {i}", "publisher": "", "url": ""}
               for i in range(80)]
    fig, renderer = drawn("png", {**example, "sources": sources})
    said = words(fig).replace("\n", " ")
    more = re.search(r"… and (\d+) more sources", said)
    assert more and said.count("Agency number") + int(more.group(1)) == 80
    assert_nothing_overlaps(fig, renderer)


def test_drawing_says_nothing_on_stderr(example, capfd):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    keep = Keep(logging.WARNING)
    logging.getLogger("matplotlib").addHandler(keep)
    sheet = {**example, "title": "北京 " + HOSTILE, "unplaced": some_unplaced(3)}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for fmt in ("png", "pdf"):
                static_bytes(fmt, **sheet)
    finally:
        logging.getLogger("matplotlib").removeHandler(keep)
    assert [str(w.message) for w in caught] == []
    assert [r.getMessage() for r in records] == []
    assert capfd.readouterr().err == ""


# -- 6. same inputs, same bytes; hostile text is text ------------------------------------------

def test_same_inputs_same_bytes(example):
    claims = [dict(c) for c in example["claims"]]
    sheet = {**example, "claims": claims, "incidents": incidents_by_place(claims),
             "unplaced": some_unplaced(7)}
    for fmt in ("png", "pdf"):
        assert static_bytes(fmt, **sheet) == static_bytes(fmt, **sheet)


def test_hostile_text_is_drawn_as_text(example):
    claims = [dict(c) for c in example["claims"]]
    claims[0].update(claimant="Claimant " * 625, place_name=HOSTILE)
    claims[1].update(claimant=HOSTILE, event="$\\frac{", check="speaker from '$x$'")
    unplaced = some_unplaced(3)
    unplaced[0].update(place=HOSTILE, reason=HOSTILE, claimant="x" * 5000)
    sheet = {**example, "claims": claims, "unplaced": unplaced, "title": HOSTILE * 3,
             "incidents": incidents_by_place(claims),
             "sources": [{"source": HOSTILE, "publisher": "", "url": ""}],
             "sides": [{**s, "label": HOSTILE} for s in example["sides"]]}
    for fmt in ("png", "pdf"):
        fig, renderer = drawn(fmt, sheet)
        shown = [t for t in texts(fig) if "$x^2$" in t.get_text()]
        assert len(shown) >= 4  # title, subtitle's neighbour, legend, table, list, sources
        assert all(not t.get_parse_math() for t in texts(fig) if "$" in t.get_text())
        assert not [t for t in texts(fig) if "\n" in t.get_text() and t.get_gid() in (
            "table-place", "table-claimant", "table-incident")]  # one line a row
        assert_nothing_overlaps(fig, renderer)
        data = static_bytes(fmt, **sheet)
        assert data.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")
    with io.BytesIO(static_bytes("png", **sheet)) as buf:
        from PIL import Image

        with Image.open(buf) as img:
            assert img.size == (1600, 1000)


def test_a_sheet_with_nothing_on_the_map_says_so(example):
    sheet = {**with_claims(example, []), "unplaced": some_unplaced(2), "date_range": "",
             "sources": []}
    fig, _ = drawn("pdf", sheet)
    (sub,) = [t for t in texts(fig) if t.get_gid() == "subtitle"]
    assert sub.get_text() == "2 claims: 0 on the map, 2 not placed"  # no dangling " · "
    assert "No claims on the map." in words(fig)
    assert "Sources" not in words(fig)


def test_the_reason_is_read_from_an_exported_row_too(example):
    # api.py may pass the exported rows, where the reason is named "resolution"
    rows = [{**u, "resolution": u.pop("reason")} for u in some_unplaced(2)]
    fig, _ = drawn("png", {**example, "unplaced": rows})
    assert "no place named 'Nowhere 1' in the gazetteer" in words(fig)
    assert "reason not given" not in words(fig)

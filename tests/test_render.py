"""The HTML page: self-contained, escaped, deterministic, and honest about what it holds."""

from __future__ import annotations

import json
import re

import pytest

from geomap.api import make_map
from tests.conftest import DATA


def manifest(page: str) -> dict:
    from geomap.render.html import page_data

    m = re.search(r'<script type="application/json" id="geomap-data">(.*?)</script>', page, re.S)
    assert m, "no script#geomap-data in the page"
    return page_data(page)


def test_page_is_self_contained(example_page):
    path, _ = example_page
    page = path.read_text(encoding="utf-8")
    # No external script, style, image or font: every src/href/url() is inline or a link
    # inside a popup (claims' sources), never something the page loads.
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r'<link[^>]+href=', page)
    assert not re.search(r'url\((?!data:)[\'"]?(https?:)?//', page)
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    assert "L.markerClusterGroup" in page and "geomap.draw(" in page


def test_manifest_fields(example_page):
    path, result = example_page
    data = manifest(path.read_text(encoding="utf-8"))
    for key in ("claims_in", "claims_mapped", "unplaced", "layers", "sources", "generator"):
        assert key in data
    assert data["claims_in"] == result.claims_in == data["claims_mapped"] + len(data["unplaced"])
    assert data["claims_in"] >= 10
    assert data["generator"].startswith("geomap ")
    assert any("Undemarcated" in name for name in data["layers"])
    assert "Countries" in data["layers"] and "International boundary" in data["layers"]
    assert any(name.startswith("Claims: AM") for name in data["layers"])
    assert data["sources"] and data["sources"][0]["claims"] >= 1
    assert data["inputs"][0]["name"] == "may2021_syunik.csv"
    assert len(data["inputs"][0]["sha256"]) == 64
    assert data["dates"][0] == "2021-05-12"
    # No machine path in the page: the example is named the same everywhere.
    assert all(c["origin"].startswith("geomap/examples/may2021_syunik.csv:")
               for c in data["claims"])
    assert str(path.parent) not in path.read_text(encoding="utf-8")


def test_same_inputs_same_bytes(tmp_path):
    a = make_map(out=tmp_path / "a.html").path.read_bytes()
    b = make_map(out=tmp_path / "b.html").path.read_bytes()
    assert a == b


def test_hostile_text_is_escaped(tmp_path):
    result = make_map([DATA / "hostile.csv"], out=tmp_path / "h.html",
                      title="<script>alert('title')</script>")
    page = result.path.read_text(encoding="utf-8")
    data = manifest(page)  # the JSON survives intact
    texts = json.dumps(data["claims"] + data["unplaced"])
    assert "onerror=alert(1)" in texts  # the text is kept, as text
    # ...but nowhere in the markup as markup:
    for bad in ("<img src=x", "<script>alert", "<svg onload", "</title><script>"):
        assert bad not in page, bad
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert data["claims_in"] == 2 == data["claims_mapped"] + len(data["unplaced"])
    # The unplaced claim (its place is the script tag) is listed, escaped, in the panel.
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page


def test_unplaced_claims_are_listed_with_reasons(write_csv, tmp_path):
    path = write_csv([
        "a,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,2021-05-14,incident",
        "b,2021-05-12,Qwertyville,gov,AM,asserts,incursion,,t,s,,2021-05-14,incident",
    ])
    result = make_map([path], out=tmp_path / "m.html")
    data = manifest(result.path.read_text(encoding="utf-8"))
    assert (data["claims_in"], data["claims_mapped"]) == (2, 1)
    (u,) = data["unplaced"]
    assert u["id"] == "b" and "no place named" in u["reason"] and u["origin"].endswith(":3")
    assert "Not on the map (1)" in result.path.read_text(encoding="utf-8")


def test_a_map_far_from_the_caucasus_uses_the_world_layer(write_csv, tmp_path):
    path = write_csv(["a,2020-06-15,Galwan,Indian Army,IN,asserts,clash,,t,s,,,incident",
                      "b,2020-06-15,Leh,Indian Army,IN,reports,deployment,,t,s,,,incident"])
    result = make_map([path], out=tmp_path / "m.html")
    data = manifest(result.path.read_text(encoding="utf-8"))
    assert data["claims_in"] == 2
    assert "Countries" in data["layers"]


def test_online_tiles_only_on_request(tmp_path):
    quiet = make_map(out=tmp_path / "a.html").path.read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" not in quiet
    loud = make_map(out=tmp_path / "b.html", tiles="osm").path.read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in loud
    with pytest.raises(ValueError):
        make_map(out=tmp_path / "c.html", tiles="google")


def _reference(page: str) -> dict | None:
    m = re.search(r'id="geomap-reference-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1)) if m else None


def test_the_page_names_the_towns_places_rivers_and_lakes_an_analyst_finds_the_way_by(
        example_page, tmp_path):
    path, _ = example_page
    page = path.read_text(encoding="utf-8")
    ref = _reference(page)
    towns = {t["name"]: t for t in ref["towns"]}
    places = {p["name"] for p in ref["places"]}
    assert {"Goris", "Kapan", "Sisian", "Yerevan"} <= set(towns)
    assert {"Qaragöl / Sev Lich", "Vorotan"} <= places
    assert "Lake Sevan" in ref["lake_names"] and ref["rivers"]
    # labels appear with zoom: the capital before a small town
    assert towns["Yerevan"]["min_zoom"] < towns["Goris"]["min_zoom"]
    assert ref["world"] and ref.get("relief", "").startswith("data:image/png;base64,")
    assert {"Relief", "Rivers and lakes", "Towns and places"} <= set(manifest(page)["layers"])
    none = make_map(out=tmp_path / "none.html", basemap="none")
    assert _reference(none.path.read_text(encoding="utf-8")) is None
    full = make_map(out=tmp_path / "full.html", basemap="full")
    assert len(_reference(full.path.read_text(encoding="utf-8"))["towns"]) > len(towns)
    # the budget: light adds at most 400 KB to a one-region map
    assert path.stat().st_size - none.path.stat().st_size <= 400_000


def test_the_page_carries_each_place_once_and_every_field_of_each_claim(example_page):
    """data.claims and data.places are tables; read back (claims_of) each claim has every
    field the frame gives it, and claims at one place share its row."""
    from geomap.render.html import CLAIM_FIELDS

    path, result = example_page
    page = path.read_text(encoding="utf-8")
    raw = json.loads(re.search(r'id="geomap-data">(.*?)</script>', page, re.S).group(1))
    assert set(raw["claims"]) == set(raw["places"]) == {
        "length", "fields", "same", "values", "numbered", "digits", "columns"}
    assert raw["places"]["length"] < raw["claims"]["length"] == result.claims_mapped
    assert "claimant_side" in raw["claims"]["values"]  # a few values, given once each
    assert raw["claims"]["numbered"]["origin"]  # "file:line": the file once, the line a number
    claims = {c["id"]: c for c in manifest(page)["claims"]}
    for rec in result.frame.to_dict("records"):
        c = claims[rec["id"]]
        assert set(CLAIM_FIELDS) <= set(c) and c["incident_id"] == rec["incident_id"]
        for field in ("place_name", "border", "claimant", "text", "date", "lat", "lon"):
            assert c[field] == rec[field], field
        assert c["certainty"] in ("sure", "likely", "uncertain", "doubtful")


def test_a_table_gives_few_values_once_and_reads_back_the_same():
    """Text and true-or-false fields with few values are given once each (their column the
    index); a field with one value in every row gives it once; "text:number" fields with few
    texts give the numbers apart; numbers and fields of mixed kinds are given as they are;
    read back, every value is the same, of the same type."""
    from geomap.render.html import _rows_of, _table_json

    fields = ["side", "disputed", "n", "mixed", "one", "none", "origin", "id", "float", "few"]
    columns = [["AM", "AZ", "AM", None, "AM", "AM", "AZ"],
               [True, False, None, True, True, False, True],
               [1, 2, 1, 1, 1, 2, 1], ["x", True, "x", "x", "x", "x", "x"],
               ["same"] * 7, [None] * 7,
               ["a.csv:2", "a.csv:3", "b.csv:10", "a.csv:0", "a.csv:7", "b.csv:11", "a.csv:99"],
               ["s01", "s02", "s03", "s04", "s05", "s06", "s07"],  # (zeros in front: digits)
               [1.0, 1, 1.0, 1.0, 1.0, 1.0, 1.0], [False, True, False]]
    raw = json.loads(_table_json(fields[:-1], [list(c) for c in columns[:-1]]))
    assert raw["length"] == 7
    assert set(raw["values"]) == {"side", "disputed", "origin"}
    assert raw["values"]["disputed"] == [True, False, None]
    assert raw["columns"]["disputed"] == [0, 1, 2, 0, 0, 1, 0]
    assert raw["same"] == {"one": "same", "none": None, "id": "s"}
    assert raw["values"]["origin"] == ["a.csv:", "b.csv:"]
    assert raw["numbered"] == {"origin": [2, 3, 10, 0, 7, 11, 99],
                               "id": {"first": 1, "step": 1}}
    assert raw["digits"] == {"id": 2} and raw["same"]["id"] == "s"
    assert raw["columns"]["float"] == columns[8]
    back = _rows_of(raw)
    assert [list(r) for r in back] == [fields[:-1]] * 7
    for k, field in enumerate(fields[:-1]):
        got = [r[field] for r in back]
        assert got == columns[k] and list(map(type, got)) == list(map(type, columns[k])), field
    few = json.loads(_table_json(["few"], [list(columns[-1])]))  # (under 4 rows: as they are)
    assert few["values"] == {} and few["columns"]["few"] == columns[-1]
    assert _rows_of(json.loads(_table_json(["a", "b"], [[], []]))) == []
    # numbers with zeros in front given so only where all have as many digits
    for texts in (["x1", "x2", "x03", "x4", "x5"], ["7", "0012", "3", "4", "5"]):
        uneven = json.loads(_table_json(["t"], [list(texts)]))
        assert uneven["columns"]["t"] == texts and _rows_of(uneven) == [{"t": t} for t in texts]
    # whole numbers one step apart (rows' own numbers, lines one after another): the first
    # and the step
    rows = json.loads(_table_json(["row", "origin", "back"], [
        list(range(5)), [f"a.csv:{n}" for n in range(2, 7)], [4, 2, 0, -2, -4]]))
    assert rows["columns"]["row"] == {"first": 0, "step": 1}
    assert rows["columns"]["back"] == {"first": 4, "step": -2}
    assert rows["same"] == {"origin": "a.csv:"}
    assert rows["numbered"] == {"origin": {"first": 2, "step": 1}}
    assert [list(r.values()) for r in _rows_of(rows)] == [
        [0, "a.csv:2", 4], [1, "a.csv:3", 2], [2, "a.csv:4", 0], [3, "a.csv:5", -2],
        [4, "a.csv:6", -4]]


def test_safe_json_keeps_braces_out_of_strings_whatever_they_hold():
    from geomap.render.html import safe_json

    # (the private-use characters stand in for braces on the way: an input holding them
    # takes the slower way, to the same result)
    for value, dicts in (({"a{": "{{ x }}", "b": ["}", "{%"]}, 1),
                         ({"a{": "{{ x }}", "b": ["}", "\ue000{\ue001"]}, 1),
                         (["{%", {"\ue001": "}", "c": {}}], 2)):
        out = safe_json(value)
        assert json.loads(out) == value
        assert out.count("{") == out.count("}") == dicts  # only the JSON's own braces


def test_a_sheet_of_many_places_draws_their_symbols_together():
    """Beyond static.MANY_PLACES places, the symbols of the places with one claim are one
    line per look, each point still a box no name may cover; a place with several claims
    keeps its ring of symbols."""
    import random

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geomap.render import static

    rnd = random.Random(13)
    claims = [{"id": f"c{i}", "lat": rnd.uniform(39, 41), "lon": rnd.uniform(44, 46),
               "stance": ("asserts", "denies")[i % 2], "claimant_side": "AM",
               "precision": "point", "country": "AM"} for i in range(static.MANY_PLACES + 100)]
    claims += [{**claims[0], "id": "again", "claimant_side": "AZ"}]  # a second at one place
    fig = Figure(figsize=(8, 6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    static.draw_map(ax, (44.0, 39.0, 46.0, 41.0), [], None, None, claims,
                    {"AM": "#d95f02", "AZ": "#1b9e77"})
    together = [ln for ln in ax.lines if ln.get_gid() == static.BATCH_GID]
    assert len(together) == 2 and sum(len(ln.get_xydata()) for ln in together) == \
        len(claims) - 2
    boxes = static._marker_boxes(ax, fig.canvas.get_renderer())
    assert len(boxes) == len(claims) + 1  # and the place of two's "+"
    assert boxes.hits(next(iter(boxes))) >= 1


def test_page_data_reads_back_every_claim_as_the_frame_gives_it(tmp_path):
    """A page of varied claims from two files (every field, fields with one value, origins
    "file:line" from both, incidents): page_data gives each claim, every field as the frame
    holds it, its origin its file and line, and each incident's claims the page holds."""
    import math

    from geomap.examples import MAY2021

    lines = MAY2021.read_text(encoding="utf-8").splitlines(keepends=True)
    half = (len(lines) + 1) // 2
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("".join(lines[:half]), encoding="utf-8")
    second.write_text("".join(lines[:1] + lines[half:]), encoding="utf-8")
    result = make_map([first, second], out=tmp_path / "page.html")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    raw = json.loads(re.search(r'id="geomap-data">(.*?)</script>', page, re.S).group(1))
    assert raw["claims"]["same"] and raw["places"]["columns"]  # (some fields given once)
    assert sorted(raw["claims"]["values"]["origin"]) == [f"{first}:", f"{second}:"]
    data = manifest(page)
    claims = {c["id"]: c for c in data["claims"]}
    assert len(claims) == len(data["claims"]) == result.claims_mapped
    for rec in result.frame.drop(columns="geometry").to_dict("records"):
        c = claims[rec["id"]]
        for field, value in rec.items():
            if field not in c:
                continue
            if isinstance(value, float) and not math.isfinite(value):
                value = None
            assert c[field] == value and type(c[field]) is type(value), (field, c[field], value)
        assert c["origin"] == rec["origin"] and c["origin"].rsplit(":", 1)[1].isdigit()
    places = {(c["place_row"], c["place_id"]) for c in data["claims"]}
    assert len({row for row, _ in places}) == len(places)  # a place row is one place
    assert any("side_of" in inc for inc in raw["incidents"])  # (each claim's side once)
    assert data["incidents"] and all("side_of" not in inc for inc in data["incidents"])
    for inc in data["incidents"]:
        assert inc["claims"] and all(i in claims or i in {str(u["id"]) for u in data["unplaced"]}
                                     for i in inc["claims"])
        for side in inc["sides"]:
            assert set(side["claims"]) <= set(inc["claims"])


def test_the_side_no_report_tells_is_grey_and_takes_no_sides_colour():
    from geomap.render.symbols import PALETTE, UNKNOWN_COLOUR, side_colours

    got = side_colours(["UNKNOWN", "AM", "AZ"])
    assert got == {"AM": PALETTE[0], "AZ": PALETTE[1], "UNKNOWN": UNKNOWN_COLOUR}
    assert UNKNOWN_COLOUR not in PALETTE
    assert side_colours(["AM", "AZ"]) == {"AM": PALETTE[0], "AZ": PALETTE[1]}

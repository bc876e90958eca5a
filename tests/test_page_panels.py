"""The HTML page's incidents, filters, legend and words (issue #11, parts 3, 4 and 7).

Until the map's own code groups claims into incidents, ``with_incidents`` stands in for it:
it wraps ``render_map`` so that claims at one place are one incident, with the keys the
page reads (``incident_id`` on each claim, ``incidents=[...]``).
"""

from __future__ import annotations

import functools
import hashlib
import html as htmllib
import json
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from geomap.render import html as page_html
from geomap.render import symbols
from geomap.render.html import page_data

HOSTILE = "<img src=x onerror=alert(1)> {{7*7}}"
STANCE_ORDER = ("asserts", "denies", "reports", "calls")


def build_incidents(claims: list[dict], unplaced: list[dict], side_labels: dict[str, str],
                    title_prefix: str = "") -> tuple[dict[str, str], list[dict]]:
    """(incident id of each claim id, the incidents): claims grouped by place, in the
    shape render_map takes."""
    groups: dict[str, list[dict]] = {}
    for c in claims:
        groups.setdefault(f"p:{c['place_id'] or c['place_name']}", []).append({**c, "_on": True})
    for u in unplaced:
        groups.setdefault(f"u:{u.get('place') or ''}", []).append({**u, "_on": False})
    ids, incidents = {}, []
    for key, members in sorted(groups.items()):
        members.sort(key=lambda c: (c.get("date") or "", str(c["id"])))
        iid = "i" + hashlib.sha1(key.encode()).hexdigest()[:10]
        for c in members:
            ids[str(c["id"])] = iid
        placed = [c for c in members if c["_on"]]
        dates = [c["date"] for c in members if c.get("date")]
        sides = []
        for side in sorted({c["claimant_side"] for c in members}):
            mine = [c for c in members if c["claimant_side"] == side]
            sides.append({"side": side, "label": side_labels.get(side, side),
                          "claims": [str(c["id"]) for c in mine],
                          "stances": {s: sum(1 for c in mine if c["stance"] == s)
                                      for s in STANCE_ORDER}})
        asserting = [s["side"] for s in sides if s["stances"]["asserts"]]
        denying = [s["side"] for s in sides if s["stances"]["denies"]]
        contested = bool(denying) and any(a not in denying for a in asserting) or \
            any(d not in asserting for d in denying) and bool(asserting)
        name = (placed[0]["place_name"] if placed else members[0].get("place")) or "?"
        incidents.append({
            "id": iid, "title": f"{title_prefix}Events at {name}, {page_html.date_label(dates)}",
            "place_name": name,
            "lat": sum(c["lat"] for c in placed) / len(placed) if placed else None,
            "lon": sum(c["lon"] for c in placed) / len(placed) if placed else None,
            "date_from": min(dates) if dates else "", "date_to": max(dates) if dates else "",
            "dates": page_html.date_label(dates) if dates else "",
            "events": sorted({c["event"] for c in members}),
            "claims": [str(c["id"]) for c in members], "sides": sides,
            "contested": contested,
            "contest": "; ".join([f"{s} asserts" for s in asserting] +
                                 [f"{s} denies" for s in denying]) if contested else "",
            "placed": bool(placed)})
    return ids, incidents


@contextmanager
def with_incidents(monkeypatch=None, *, mode: str = "own", title_prefix: str = "",
                   place_name: str | None = None):
    """make_map renders, while this lasts, with incidents: "own" (claims grouped by place
    here, whatever the caller passes), "caller" (the caller's, else ours) or "none"
    (``incidents=None`` and no ``incident_id``)."""
    real = page_html.render_map

    @functools.wraps(real)  # (the caller asks render_map's signature whether it takes them)
    def wrapped(frame, unplaced, *args, **kwargs):
        if mode == "none":
            kwargs["incidents"] = None
            frame = frame.drop(columns=["incident_id"], errors="ignore")
            unplaced = [{k: v for k, v in u.items() if k != "incident_id"} for u in unplaced]
        elif mode == "own" or kwargs.get("incidents") is None:
            claims = frame.to_dict("records")
            ids, incidents = build_incidents(claims, unplaced, kwargs.get("side_labels", {}),
                                             title_prefix)
            if place_name is not None:
                for inc in incidents:
                    inc["place_name"] = place_name
            frame = frame.assign(incident_id=[ids[str(i)] for i in frame["id"]])
            unplaced = [{**u, "incident_id": ids[str(u["id"])]} for u in unplaced]
            kwargs["incidents"] = incidents
        return real(frame, unplaced, *args, **kwargs)

    mp = monkeypatch or pytest.MonkeyPatch()
    mp.setattr(page_html, "render_map", wrapped)
    try:
        yield
    finally:
        if monkeypatch is None:
            mp.undo()


def manifest(page: str) -> dict:
    assert '<script type="application/json" id="geomap-data">' in page, \
        "no script#geomap-data in the page"
    return page_data(page)


def visible_text(page: str) -> str:
    """The page's words as a reader gets them: no scripts, styles or tags."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", body))


def render(tmp_path: Path, paths=None, *, incidents: str = "own", **kw) -> str:
    from geomap.api import make_map

    out = tmp_path / "m.html"
    with with_incidents(mode=incidents, **kw):
        make_map(paths, out=out)
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> str:
    return render(tmp_path_factory.mktemp("panels"))


# -- incidents ----------------------------------------------------------------------------

def test_incident_panel_lists_incidents_with_side_columns(example):
    data = manifest(example)
    incidents = data["incidents"]
    assert len(incidents) >= 3
    assert all(c["incident_id"] for c in data["claims"])
    panel = example[example.index('<details class="geomap-incidents"'):]
    panel = panel[:panel.index("</ol></details>")]
    for inc in incidents:
        assert htmllib.escape(inc["title"]) in panel
    syunik = next(i for i in incidents if i["place_name"] == "Syunik")
    block = panel[panel.index(f'data-incident="{syunik["id"]}"'):]
    block = block[:block.index("</details></li>")]
    columns = re.findall(r'class="geomap-side-column" data-side="([^"]+)"', block)
    assert columns == [s["side"] for s in syunik["sides"]] and {"AM", "AZ"} <= set(columns)
    # the AZ column holds its denial, under "denies", with the claim linked to the map
    az = block[block.index('data-side="AZ"'):]
    az = az[:az.index('class="geomap-side-column"') if 'class="geomap-side-column"' in az
            else len(az)]
    assert 'data-stance="denies"' in az and 'data-claim="may2021-05"' in az
    # every placed claim of the incident is linked; the incident too
    for cid in syunik["claims"]:
        assert f'data-claim="{cid}"' in block
    assert f'<button type="button" class="geomap-show geomap-incident-goto" ' \
           f'data-incident="{syunik["id"]}"' in panel


def test_contested_incident_says_so_in_words(example):
    text = visible_text(example)
    assert "Contested: AM asserts; FR asserts; AZ denies" in text
    assert "Not contested" in text
    data = manifest(example)
    contested = [i for i in data["incidents"] if i["contested"]]
    assert {i["place_name"] for i in contested} == {"Syunik", "Armenia"}
    assert "Contested: AM asserts; RU denies" in text


def test_claims_name_their_incident(example):
    data = manifest(example)
    titles = {i["id"]: i["title"] for i in data["incidents"]}
    assert all(c["incident_id"] in titles for c in data["claims"])
    # popups say "Incident: <title>" (claims.js reads the incident by the claim's id)
    js = (Path(page_html.__file__).parent / "claims.js").read_text(encoding="utf-8")
    assert 'row(box, "Incident", incident.title' in js  # (the browser tests open one)


def test_the_callers_incidents_render(tmp_path):
    """Whatever incidents make_map passes (if any yet), the page lists each by its title."""
    page = render(tmp_path, incidents="caller")
    data = manifest(page)
    for inc in data["incidents"]:
        assert htmllib.escape(inc["title"]) in page
        assert all(c in {x["id"] for x in data["claims"] + data["unplaced"]}
                   for c in inc["claims"])
    assert 'class="geomap-side-column"' in page


def test_no_incidents_no_panel(tmp_path):
    page = render(tmp_path, incidents="none")
    data = manifest(page)
    assert "incidents" not in data
    assert 'class="geomap-incidents"' not in page and 'name="incident"' not in page
    assert all(c["incident_id"] == "" for c in data["claims"])
    assert page_html.INCIDENT_LAYER not in data["layers"]


def test_incident_layer_in_the_layer_control(example):
    data = manifest(example)
    assert page_html.INCIDENT_LAYER in data["layers"]
    assert "One symbol per incident" in example


# -- filters ------------------------------------------------------------------------------

def test_filters_for_stance_event_and_incident(example):
    data = manifest(example)
    stances = sorted(re.findall(r'name="stance" value="([^"]+)"', example))
    assert stances == sorted({c["stance"] for c in data["claims"]})
    events = sorted(re.findall(r'name="event" value="([^"]+)"', example))
    assert events == sorted({c["event"] for c in data["claims"]})
    incident_select = example.split('<select name="incident">', 1)[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', incident_select)
    assert options[0] == ("", "all incidents")
    assert [v for v, _ in options[1:]] == [i["id"] for i in data["incidents"]]


# -- words ----------------------------------------------------------------------------------

def test_plural_and_counts():
    assert page_html.plural(1, "claim") == "1 claim"
    assert page_html.plural(2, "claim") == "2 claims"
    assert page_html.plural(0, "claim") == "0 claims"
    assert page_html.counts_words(1, 1) == "1 claim, on the map"
    assert page_html.counts_words(25, 25) == "25 claims, all on the map"
    assert page_html.counts_words(3, 2, 1) == \
        "3 claims about 1 incident: 2 on the map, 1 not placed"
    assert page_html.counts_words(2, 0) == "2 claims, none of them placed on the map"


def test_one_claim_is_one_claim_on_the_page(write_csv, tmp_path):
    path = write_csv(["a,2021-05-12,Goris,gov,AM,asserts,incursion,,t,,,2021-05-14,incident"])
    page = render(tmp_path, [path], incidents="none")
    text = visible_text(page)
    assert "1 claims" not in text and "(1)" not in text.replace("Sources (1)", "")
    assert "1 claim, on the map" in text
    assert "AM — Armenia: 1 claim" in text  # the legend
    data = manifest(page)
    assert data["sides"][0]["layer"] == "Claims: AM — Armenia (1 claim)"
    assert "Claims: AM — Armenia (1 claim)" in page  # the layer control


def test_an_unnamed_source_is_said_once(write_csv, tmp_path):
    # two claims with no source, published on different days, and one named source
    path = write_csv(["a,2021-05-12,Goris,gov,AM,asserts,incursion,,t,,,2021-05-14,incident",
                      "b,2021-05-13,Goris,gov,AM,asserts,incursion,,t,,,2021-05-15,incident",
                      "c,2021-05-13,Goris,gov,AM,asserts,incursion,,t,RFE,,,incident"])
    page = render(tmp_path, [path], incidents="none")
    text = visible_text(page)
    assert text.count("No source named for 2 claims") == 1
    assert "unnamed source" not in text
    assert not re.search(r"Sources?:\s*;", text)
    assert not re.search(r"<li>\s*</li>|<li>\s*—", page)
    assert "Sources (2)" in text and "RFE — 1 claim" in text


def test_certainty_bands():
    cw = page_html.certainty_words
    assert [cw(x) for x in (0.99, 0.9, 0.85, 0.8, 0.75, 0.5, 0.3)] == [
        "sure", "sure", "likely", "likely", "uncertain", "uncertain", "doubtful"]
    assert cw(None) == "" and cw(float("nan")) == ""


def test_reasons_carry_no_scores():
    rw = page_html.reason_words
    text = rw("Syunik (admin1, AM): name, curated, population 102,356; ahead of Syunik (AM) "
              "by 1.00")
    assert "by 1.00" not in text and "ahead of" not in text
    assert text.startswith("Syunik (province, AM): by its name, in geomap's own list of places")
    assert text.endswith("; the next likeliest place: Syunik (AM)")
    assert rw("Kapan (admin2, AM): the only place of that name") == \
        "Kapan (district, AM): the only place of that name"
    words = page_html.place_words(
        {"confidence": 0.62, "place_name": "Goris", "country": "AM", "place_kind": "settlement",
         "resolution": "Goris (settlement, AM): name; ahead of Goris (US) by 0.31"},
        {"AM": "Armenia"})
    assert words["certainty"] == "uncertain"
    assert words["place_note"] == "probably Goris, Armenia (other places share the name)"
    assert not re.search(r"\d\.\d\d", " ".join(words.values()))
    assert page_html.place_words({"confidence": 0.97, "resolution": "x"}, {})["place_note"] == ""


def test_no_raw_scores_in_page_text(example):
    text = visible_text(example)
    assert not re.search(r"\bby \d+\.\d+", text)
    assert "confidence" not in text.lower()
    data = manifest(example)
    # the numbers stay in the machine data; the words the popups show have none
    assert any(re.search(r"by \d\.\d\d", c["resolution"]) for c in data["claims"])
    for c in data["claims"]:  # (how each was located: once per resolution, in words)
        assert not re.search(r"by \d\.\d\d", data["located"][c["resolution"]]
                             + c.get("place_note", ""))
        assert c["certainty"] in ("sure", "likely", "uncertain", "doubtful")
    js = (Path(page_html.__file__).parent / "claims.js").read_text(encoding="utf-8")
    assert "toFixed(2) + \"): \"" not in js and "confidence" not in js


# -- the one spec ---------------------------------------------------------------------------

def test_one_symbol_spec():
    assert page_html.PALETTE is symbols.PALETTE and page_html.LINE_STYLE is symbols.LINE_STYLE
    from geomap.render.html import AREA_STYLE, FOCUS_STYLE, side_colours

    assert AREA_STYLE is symbols.AREA_STYLE and FOCUS_STYLE is symbols.FOCUS_STYLE
    assert side_colours(["b", "a"]) == {"a": symbols.PALETTE[0], "b": symbols.PALETTE[1]}
    denies = symbols.symbol_svg("denies", "#123456")
    reports = symbols.symbol_svg("reports", "#123456")
    assert "<line" in denies and "<line" not in reports  # the cross tells them apart
    assert symbols.STANCE_SYMBOLS["denies"]["crossed"]
    assert dict(symbols.STANCE_LEGEND)["denies"] == "denies (crossed circle)"
    assert dict(symbols.STANCE_LEGEND)["reports"] == "reports (relays; open ring)"
    spec = symbols.symbols_data()
    assert [t for t, _ in spec["stances"]["denies"]["elements"]] == ["circle", "line"]
    assert spec["stances"]["asserts"]["approximate_elements"][0][1]["stroke-dasharray"]


def test_legend_is_drawn_from_the_spec(example):
    legend = example[example.index('<div id="geomap-legend"'):]
    legend = legend[:legend.index("</details></div>")]
    for stance in symbols.STANCES:
        assert symbols.symbol_svg(stance, "#555555") in legend
        assert htmllib.escape(symbols.STANCE_SYMBOLS[stance]["label"]) in legend
    assert '<details class="geomap-legend-fold" open><summary>Legend</summary>' in legend
    assert manifest(example)["symbols"] == json.loads(json.dumps(symbols.symbols_data()))
    js = (Path(page_html.__file__).parent / "claims.js").read_text(encoding="utf-8")
    assert "M11 3.5" not in js and "6.8" not in js  # no copy of the shapes in the script


# -- hostile --------------------------------------------------------------------------------

def test_hostile_incident_text_is_escaped(tmp_path):
    from tests.conftest import DATA

    page = render(tmp_path, [DATA / "hostile.csv"], title_prefix=HOSTILE, place_name=HOSTILE)
    data = manifest(page)
    assert all(i["title"].startswith(HOSTILE) for i in data["incidents"])
    assert "<img src=x" not in page
    assert "49" not in visible_text(page).split()
    assert htmllib.escape(HOSTILE) in page  # as text in the panel and the select


# -- many incidents -------------------------------------------------------------------------

def _short_panel(monkeypatch, tmp_path, at_once: int, **kw) -> str:
    """The example with the panel in its short form and ``at_once`` incidents listed."""
    monkeypatch.setattr(page_html, "PANEL_CLAIMS_IN_FULL", 0)
    monkeypatch.setattr(page_html, "PANEL_INCIDENTS_AT_ONCE", at_once)
    return render(tmp_path, **kw)


def test_many_incidents_the_panel_lists_the_first_and_a_button(monkeypatch, tmp_path):
    page = _short_panel(monkeypatch, tmp_path, 2)
    incidents = manifest(page)["incidents"]
    assert len(incidents) >= 4
    panel = page[page.index('<details class="geomap-incidents"'):]
    panel = panel[:panel.index("</ol></details>")]
    assert f"Incidents ({len(incidents)})" in panel
    listed = re.findall(r'<li class="geomap-incident" data-incident="([^"]+)"', panel)
    assert listed == [i["id"] for i in incidents[:2]]
    rest = len(incidents) - 2
    assert (f'<li class="geomap-incident-more"><button type="button" '
            f'class="geomap-more-incidents" data-next="2" data-step="2">'
            f'List the next 2 ({rest} not listed yet)</button></li>') in panel
    # the filter's menu is left to claims.js, which words it as incident_choice does
    select = page.split('<select name="incident"', 1)[1].split("</select>")[0]
    assert select.strip() == 'data-fill="later"><option value="">all incidents</option>'


def test_as_many_incidents_as_listed_at_once_no_button(monkeypatch, tmp_path):
    n = len(manifest(render(tmp_path))["incidents"])
    page = _short_panel(monkeypatch, tmp_path, n)
    assert 'class="geomap-more-incidents"' not in page and 'data-fill="later"' not in page
    panel = page[page.index('<details class="geomap-incidents"'):]
    assert panel.count('<li class="geomap-incident" ') == n
    # the short form: no side columns, a pointer to the incident's popup
    assert 'class="geomap-side-column"' not in panel
    assert panel.count("Its claims side by side: click its title") == n


def test_the_full_form_lists_every_incident_however_many(monkeypatch, tmp_path):
    """Under PANEL_CLAIMS_IN_FULL claims, every incident with its claims, as before."""
    monkeypatch.setattr(page_html, "PANEL_INCIDENTS_AT_ONCE", 1)
    page = render(tmp_path)
    n = len(manifest(page)["incidents"])
    assert page.count('<li class="geomap-incident" ') == n > 1
    assert 'class="geomap-more-incidents"' not in page and 'class="geomap-side-column"' in page
    assert 'data-fill="later"' in page  # (the menu: beyond PANEL_INCIDENTS_AT_ONCE)


def test_words_for_many_incidents():
    at_once = page_html.PANEL_INCIDENTS_AT_ONCE
    assert page_html.more_incidents_words(at_once, 23330) == \
        f"List the next {at_once:,} ({23330 - at_once:,} not listed yet)"
    assert page_html.more_incidents_words(at_once, at_once + 3) == \
        "List the next 3 (3 not listed yet)"
    inc = {"title": "Shelling of a village whose name is long, on the 4th of June 2011, again",
           "claims": ["a"] * 1234}
    assert page_html.incident_choice(inc) == \
        "Shelling of a village whose name is long, on the 4th of\u2026 (1,234 claims)"
    assert page_html.incident_choice({"title": "t", "claims": ["a"]}) == "t (1 claim)"
    assert page_html.counts_words(1234, 1234, 1000).startswith("1,234 claims about 1,000 ")


def test_shared_sides_are_given_once_and_come_back_whole():
    am = {"side": "AM", "label": "AM {{7*7}}", "stances": {"asserts": 1, "denies": 0}}
    incidents = [{"id": "a", "sides": [am, {**am, "side": "AZ"}]},
                 {"id": "b", "sides": [dict(reversed(list(am.items()))), {**am, "label": "AM"}]},
                 {"id": "c", "sides": [{**am, "stances": {"asserts": 1, "denies": 1}},
                                       {**am, "stances": {"asserts": 1}},
                                       {**am, "stances": {"denies": 0, "asserts": 1}},
                                       {**am, "claims": ["x"]}, {**am, "claims": ["y"]},
                                       {**am, "claims": []}, {**am, "claims": ["x"]}]}]
    out, shared = page_html._shared_sides(incidents)
    assert [inc["sides"] for inc in out] == [[0, 1], [0, 2], [3, 4, 5, 6, 7, 8, 6]]
    assert [[shared[k] for k in inc["sides"]] for inc in out] == [
        inc["sides"] for inc in incidents]
    assert incidents[0]["sides"][0] is am  # (the caller's incidents are left as they were)

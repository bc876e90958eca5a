"""A page of many incidents in a real browser: the Incidents panel lists the first ones and
claims.js lists the rest a button press at a time, the incident filter's menu is filled when
first used, and the one-symbol-per-incident markers are made when that layer is switched on
(issue #13: 23,330 incidents written as HTML took 20 s to open).

What claims.js makes must be what html.py would have written: each page here is rendered
twice, with every incident written by html.py and with one written and the rest left to
claims.js, and the two are compared in the browser.
"""

from __future__ import annotations

import json

import pytest

from geomap.render import html as page_html
from tests.browser.conftest import close_popups
from tests.browser.test_panels import _make
from tests.conftest import DATA
from tests.test_page_panels import HOSTILE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# A title prefix of markup, odd spaces (each that Python's str.split splits at, some JS's \s
# does not), letters outside the BMP and punctuation where a cut may fall.
ODD = (HOSTILE + " \u2003\u3000\x1c\x85𐐨𐐩 ,;:. \U0001f600\u200b\ufeff"
       "\u202e right-to-left, ")


def _pages(base, name, paths=None, **kw):
    """(every incident written by html.py, the first written and the rest by claims.js)."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(page_html, "PANEL_CLAIMS_IN_FULL", 0)
        mp.setattr(page_html, "PANEL_INCIDENTS_AT_ONCE", 10_000)
        written = _make(base / f"{name}-written.html", paths, **kw)
        mp.setattr(page_html, "PANEL_INCIDENTS_AT_ONCE", 1)
        later = _make(base / f"{name}-later.html", paths, **kw)
    finally:
        mp.undo()
    return written, later


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    base = tmp_path_factory.mktemp("many")
    return {"example": _pages(base, "example"),
            "hostile": _pages(base, "hostile", [DATA / "hostile.csv"], title_prefix=ODD,
                              place_name=ODD),
            "odd": _pages(base, "odd", title_prefix=ODD),
            "shared": _pages(base, "shared", [_same_sides(base)])}


def _same_sides(base):
    """Claims of one side and stance at three places: three incidents with the same side."""
    path = base / "same-sides.csv"
    path.write_text(
        "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
        "a,2021-05-12,Goris,gov,AM,asserts,shelling,,t,s,\n"
        "b,2021-05-13,Sisian,gov,AM,asserts,shelling,,t,s,\n"
        "c,2021-05-14,Kapan,gov,AM,asserts,shelling,,t,s,\n"
        "d,2021-05-14,Kapan,mod,AZ,denies,shelling,,t,s,\n", encoding="utf-8")
    return path


# The panel's entries as the browser holds them, without the white space between tags
ENTRIES = """() => Array.from(document.querySelectorAll('li.geomap-incident')).map(li => {
    const copy = li.cloneNode(true), walk = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const blank = [];
    while (walk.nextNode()) if (!walk.currentNode.data.trim()) blank.push(walk.currentNode);
    blank.forEach(t => t.remove());
    return copy.outerHTML; })"""
CHOICES = """() => Array.from(document.querySelectorAll('select[name=incident] option'))
    .map(o => [o.value, o.textContent])"""


def _list_all(page, most: int = 100) -> int:
    """Presses "List the next" until it is gone (at most ``most`` times): how many."""
    for presses in range(most + 1):
        if not page.locator("button.geomap-more-incidents").count():
            return presses
        page.locator("button.geomap-more-incidents").click()
    raise AssertionError(f"still a button after {most} presses")


@pytest.mark.parametrize("name", ["example", "hostile", "odd"])
def test_the_rest_listed_by_claims_js_as_html_py_writes_them(many, open_page, name):
    written, later = many[name]
    page, _, problems = open_page(written)
    expected, choices = page.evaluate(ENTRIES), page.evaluate(CHOICES)
    n = len(json.loads(page.locator("script#geomap-data").text_content())["incidents"])
    assert len(expected) == n >= 2 and len(choices) == n + 1
    page, requests, more_problems = open_page(later)
    assert page.evaluate(ENTRIES) == expected[:1]
    button = page.locator("button.geomap-more-incidents")
    assert button.text_content() == f"List the next 1 ({n - 1} not listed yet)"
    button.click()
    assert page.evaluate(ENTRIES) == expected[:2]
    assert _list_all(page) == n - 2
    assert page.evaluate(ENTRIES) == expected
    # the menu: filled when first used, with the same choices
    assert page.evaluate(CHOICES) == [["", "all incidents"]]
    page.locator("select[name=incident]").focus()
    assert page.evaluate(CHOICES) == choices
    page.locator("select[name=incident]").blur()
    page.locator("select[name=incident]").focus()  # (once)
    assert page.evaluate(CHOICES) == choices
    assert problems == [] and more_problems == []  # no dialog, no error
    assert [r for r in requests if not r.startswith("data:")] == [later.resolve().as_uri()]


def test_an_incident_listed_later_opens_its_popup_and_filters(many, open_page):
    _, later = many["example"]
    page, _, problems = open_page(later)
    data = json.loads(page.locator("script#geomap-data").text_content())
    _list_all(page)
    syunik = next(i for i in data["incidents"] if i["place_name"] == "Syunik")
    assert data["incidents"].index(syunik) > 0  # (listed by claims.js)
    page.locator(f'li.geomap-incident[data-incident="{syunik["id"]}"] details').evaluate(
        "d => d.open = true")
    page.locator(f'button.geomap-incident-goto[data-incident="{syunik["id"]}"]').click()
    popup = page.locator(".geomap-incident-popup")
    popup.wait_for()
    assert syunik["title"] in popup.text_content() and "Contested:" in popup.text_content()
    # chosen in the filter's menu (filled when first used), the map shows its claims alone
    page.locator("select[name=incident]").focus()
    page.locator("select[name=incident]").select_option(syunik["id"])
    shown = page.evaluate("window.geomapCluster.getLayers().length")
    assert shown == len(syunik["claims"]) < data["claims_mapped"]
    assert problems == []


def test_shorttext_cuts_as_html_short(many, open_page):
    page, _, problems = open_page(many["example"][1])
    spaces = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
    texts = ["", "a", " a ", "x" * 70, "x" * 60, "x" * 61, ("ab " * 30), ("abc, " * 20),
             "a" * 59 + " bcd", "𐐨" * 70, ("𐐨 " * 40), "\U0001f600 " * 35, ODD * 2,
             spaces.join("word" for _ in range(20)), "\u200b".join("w" * 5 for _ in range(20)),
             "\ufeff" + " ".join("ab" for _ in range(40)), "one.;:, " * 12]
    got = page.evaluate("ts => ts.map(t => [geomap.shortText(t, 60), geomap.shortText(t, 5)])",
                        texts)
    assert got == [[page_html._short(t, 60), page_html._short(t, 5)] for t in texts]
    counts = [0, 1, 2, 999, 1000, 1234, 100000, 1234567]
    assert page.evaluate("ns => ns.map(n => geomap.plural(n, 'claim'))", counts) == \
        [page_html.plural(n, "claim") for n in counts]
    assert problems == []


def test_the_incidents_symbols_are_made_when_switched_on(many, open_page):
    page, _, problems = open_page(many["example"][1])
    data = json.loads(page.locator("script#geomap-data").text_content())
    assert page.evaluate("window.geomapIncidents.getLayers().length") == 0
    page.locator("input[name=stance][value=denies]").uncheck()  # (a refresh while off)
    page.locator(".leaflet-control-layers-overlays label").filter(
        has_text="One symbol per incident").click()
    from geomap.render.html import claims_of

    left = {c["incident_id"] for c in claims_of(data) if c["stance"] != "denies"}
    assert page.locator(".geomap-incident-icon").count() == len(left) > 0
    assert problems == []


@pytest.fixture(scope="module")
def clustered(tmp_path_factory):
    """The example with its incidents' symbols clustered (as beyond 1,000 placed)."""
    from geomap.render import symbols

    mp = pytest.MonkeyPatch()
    try:
        mp.setitem(symbols.INCIDENT_SYMBOL, "clustered_from", 1)
        return _make(tmp_path_factory.mktemp("clustered") / "clustered.html")
    finally:
        mp.undo()


def test_many_incidents_symbols_cluster(clustered, many, open_page):
    from geomap.render.html import claims_of

    page, requests, problems = open_page(clustered)
    data = json.loads(page.locator("script#geomap-data").text_content())
    placed = [i for i in data["incidents"] if i["placed"]]
    assert len(placed) > 1
    legend = page.locator("#geomap-legend").text_content()
    assert "incidents close together: how many" in legend
    assert "incidents close together" not in open_page(many["example"][1])[0].locator(
        "#geomap-legend").text_content()
    page.locator(".leaflet-control-layers-overlays label").filter(
        has_text="One symbol per incident").click()
    group = "window.geomapIncidents.getLayers()[0]"
    assert page.evaluate(f"{group}.getLayers().length") == len(placed)
    # zoomed out, the incidents near each other are one stack that counts them
    page.evaluate("window.geomapIncidents._map.setZoom(5, {animate: false})")
    stacks = page.locator(".geomap-incident-cluster")
    stacks.first.wait_for()
    counted = sum(int(stacks.nth(k).locator(".geomap-incident-count").text_content())
                  for k in range(stacks.count()))
    singles = page.locator(".geomap-incident-icon:not(.geomap-incident-cluster)").count()
    assert counted + singles == len(placed) and counted >= 2
    assert page.locator(".geomap-incident-cluster.geomap-incident-contested").count() >= 1
    # an incident asked for is zoomed to out of its stack and opened
    syunik = next(i for i in placed if i["place_name"] == "Syunik")
    page.evaluate(f"window.geomapShow.incident({json.dumps(syunik['id'])})")
    popup = page.locator(".geomap-incident-popup")
    popup.wait_for()
    assert syunik["title"] in popup.text_content()
    # the filters reach the clustered symbols too
    close_popups(page)
    page.locator("input[name=stance][value=denies]").uncheck()
    page.locator("input[name=stance][value=asserts]").uncheck()
    left = {c["incident_id"] for c in claims_of(data) if c["stance"] not in ("denies", "asserts")}
    assert page.evaluate(f"{group}.getLayers().length") == len(left & {i["id"] for i in placed})
    assert problems == []
    assert [r for r in requests if not r.startswith("data:")] == [clustered.resolve().as_uri()]


def test_each_incident_names_its_own_sides(many, open_page):
    """The page gives each distinct side once (incident_sides); each incident's popup still
    counts its own sides' claims."""
    from geomap.render.html import page_data, plural

    for name in ("example", "hostile", "shared"):
        path = many[name][1]
        raw = json.loads(path.read_text(encoding="utf-8").split(
            'id="geomap-data">', 1)[1].split("</script>", 1)[0])
        given = [k for inc in raw["incidents"] for k in inc["sides"]]
        assert all(isinstance(k, int) for k in given)
        if name == "shared":
            assert len(raw["incident_sides"]) == 2 < len(given) == 4
        incidents = page_data(path.read_text(encoding="utf-8"))["incidents"]
        page, _, problems = open_page(path)
        for inc in (i for i in incidents if i["placed"]):
            page.evaluate(f"window.geomapShow.incident({json.dumps(inc['id'])})")
            popup = page.locator(".geomap-incident-popup")
            popup.wait_for()
            sides = "; ".join(f"{s['label'] or s['side']}: {plural(len(s['claims']), 'claim')}"
                              for s in inc["sides"])
            assert sides in popup.text_content(), (inc["id"], sides)
            close_popups(page)
        assert problems == []

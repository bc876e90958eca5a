"""The page's incidents, filters and legend in a real browser (issue #11, parts 3, 4, 7).

The pages are rendered with incidents grouped by place (tests/test_page_panels.py), so the
figures below hold whatever the map's own grouping does meanwhile.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA
from tests.test_page_panels import HOSTILE, with_incidents

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _make(out, paths=None, **kw):
    from geomap.api import make_map

    with with_incidents(**kw):
        make_map(paths, out=out)
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    base = tmp_path_factory.mktemp("panels")
    one = base / "one.csv"
    one.write_text("id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,"
                   "lat,lon\nc1,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,39.51,46.34\n",
                   encoding="utf-8")
    return {"example": _make(base / "example.html"),
            "one": _make(base / "one.html", [one]),
            "hostile": _make(base / "hostile.html", [DATA / "hostile.csv"],
                             title_prefix=HOSTILE, place_name=HOSTILE)}


def _data(page) -> dict:
    from geomap.render.html import claims_of

    data = json.loads(page.locator("script#geomap-data").text_content())
    return {**data, "claims": claims_of(data)}


def _shown(page) -> int:
    return page.evaluate("window.geomapCluster.getLayers().length")


def _count_text(page) -> str:
    return page.locator("#geomap-timeline-count").text_content()


def _clean(requests, path) -> bool:
    return [r for r in requests if not r.startswith("data:")] == [path.resolve().as_uri()]


def test_choosing_an_incident_shows_only_its_claims(pages, open_page):
    page, requests, problems = open_page(pages["example"])
    data = _data(page)
    total = data["claims_mapped"]
    assert _count_text(page) == f"{total} of {total} claims shown"
    syunik = next(i for i in data["incidents"] if i["place_name"] == "Syunik")
    mine = [c for c in data["claims"] if c["incident_id"] == syunik["id"]]
    assert 0 < len(mine) < total
    page.locator("select[name=incident]").select_option(syunik["id"])
    assert _shown(page) == len(mine)
    assert _count_text(page) == f"{len(mine)} of {total} claims shown"
    # with a stance switched off as well, the two combine
    denials = sum(1 for c in mine if c["stance"] == "denies")
    assert denials
    page.locator("input[name=stance][value=denies]").uncheck()
    assert _shown(page) == len(mine) - denials
    page.locator("select[name=incident]").select_option("")
    assert _count_text(page) == \
        f"{total - sum(c['stance'] == 'denies' for c in data['claims'])} of {total} claims shown"
    page.locator("input[name=stance][value=denies]").check()
    assert _shown(page) == total
    assert problems == [] and _clean(requests, pages["example"])


def test_stance_and_event_filters_combine_with_sides_and_dates(pages, open_page):
    page, _, problems = open_page(pages["example"])
    data = _data(page)
    total = data["claims_mapped"]
    reports = sum(1 for c in data["claims"] if c["stance"] == "reports")
    page.locator("input[name=stance][value=reports]").uncheck()
    assert _shown(page) == total - reports
    talks = sum(1 for c in data["claims"] if c["event"] == "talks" and c["stance"] != "reports")
    page.locator("input[name=event][value=talks]").uncheck()
    assert _shown(page) == total - reports - talks
    # a side switched off in the layer control, and the dates narrowed, still count
    am = next(s for s in data["sides"] if s["side"] == "AM")
    page.get_by_text(am["layer"]).click()
    left = [c for c in data["claims"] if c["claimant_side"] != "AM"
            and c["stance"] != "reports" and c["event"] != "talks"]
    assert _shown(page) == len(left)
    page.locator(".geomap-timeline input[name=to]").fill("0")
    first = data["dates"][0]
    assert _shown(page) == sum(1 for c in left if c["date"] == first)
    assert _count_text(page).endswith(f"of {total} claims shown")
    assert problems == []


def test_clicking_an_incident_opens_its_popup(pages, open_page):
    page, requests, problems = open_page(pages["example"])
    data = _data(page)
    syunik = next(i for i in data["incidents"] if i["place_name"] == "Syunik")
    page.locator(f'button.geomap-incident-goto[data-incident="{syunik["id"]}"]').click()
    popup = page.locator(".geomap-incident-popup")
    popup.wait_for()
    text = popup.text_content()
    assert syunik["title"] in text and "Contested:" in text
    assert popup.locator("li").count() == len(syunik["claims"])
    # a claim in the popup opens the claim's own popup, which names its incident
    popup.locator("button.geomap-show").first.click()
    claim = page.locator(".geomap-popup:not(.geomap-incident-popup)")
    claim.wait_for()
    assert f"Incident{syunik['title']}" in claim.text_content()
    assert problems == [] and _clean(requests, pages["example"])


def test_a_claim_in_the_incident_panel_opens_its_popup(pages, open_page):
    page, _, problems = open_page(pages["example"])
    data = _data(page)
    syunik = next(i for i in data["incidents"] if i["place_name"] == "Syunik")
    entry = page.locator(f'li.geomap-incident[data-incident="{syunik["id"]}"]')
    entry.locator("details").first.evaluate("d => d.open = true")
    az = entry.locator('.geomap-side-column[data-side="AZ"]')
    assert az.locator('[data-stance="denies"]').count() == 1
    az.locator("button.geomap-show").first.click()
    popup = page.locator(".geomap-popup")
    popup.wait_for()
    text = popup.text_content()
    assert "denies" in text and syunik["title"] in text
    assert problems == []


def test_one_symbol_per_incident(pages, open_page):
    page, _, problems = open_page(pages["example"])
    data = _data(page)
    placed = [i for i in data["incidents"] if i["placed"]]
    assert page.locator(".geomap-incident-icon").count() == 0
    page.locator(".leaflet-control-layers-overlays label").filter(
        has_text="One symbol per incident").click()
    icons = page.locator(".geomap-incident-icon")
    assert icons.count() == len(placed)
    assert page.locator(".geomap-claim, .geomap-cluster").count() == 0  # the mode replaces them
    contested = page.locator(".geomap-incident-contested")
    assert contested.count() == sum(i["contested"] for i in placed) > 0
    assert "\u2260" in contested.first.text_content()
    counts = sorted(int(icons.nth(k).locator(".geomap-incident-count").text_content())
                    for k in range(icons.count()))
    assert counts == sorted(len(i["claims"]) for i in placed)
    # the ring is split by side
    assert "conic-gradient" in contested.first.locator(".geomap-incident-ring").get_attribute(
        "style")
    contested.first.click()
    popup = page.locator(".geomap-incident-popup")
    popup.wait_for()
    assert "Contested:" in popup.text_content()
    # the filters reach the incidents' symbols too
    page.locator(".leaflet-popup-close-button").click()
    page.locator("input[name=stance][value=denies]").uncheck()
    page.locator("input[name=stance][value=asserts]").uncheck()
    left = {c["incident_id"] for c in data["claims"] if c["stance"] not in ("denies", "asserts")}
    assert page.locator(".geomap-incident-icon").count() == len(left)
    page.locator(".leaflet-control-layers-overlays label").filter(
        has_text="One symbol per incident").click()
    assert page.locator(".geomap-incident-icon").count() == 0
    assert page.locator(".geomap-claim, .geomap-cluster").count() >= 1
    assert problems == []


def test_legend_folds_open_when_wide_closed_when_narrow(pages, open_page):
    page, _, problems = open_page(pages["example"])
    fold = page.locator("#geomap-legend details")
    assert fold.evaluate("d => d.open")
    assert page.locator("#geomap-legend h2").first.is_visible()
    page.locator("#geomap-legend summary").click()
    assert not fold.evaluate("d => d.open")
    assert not page.locator("#geomap-legend h2").first.is_visible()
    small, _, more = open_page(pages["example"], width=800, height=600)
    assert not small.locator("#geomap-legend details").evaluate("d => d.open")
    assert small.locator("#geomap-legend summary").is_visible()
    assert problems == [] and more == []


def _rect(page, selector):
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom,"
        " getComputedStyle(e).visibility]; }")


def _settled_rect(page, selector, tries: int = 20):
    """The box once it stops moving: the map pans a popup into view with an animation,
    which a loaded machine can slow down."""
    last = _rect(page, selector)
    for _ in range(tries):
        page.wait_for_timeout(150)
        now = _rect(page, selector)
        if now == last:
            return now
        last = now
    return last


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)])
def test_a_popup_is_never_under_the_legend(pages, open_page, size):
    """(nor under the layer control or a panel)"""
    page, _, problems = open_page(pages["one"], width=size[0], height=size[1])
    fold = page.locator("#geomap-legend details")
    fold.evaluate("d => d.open = true")  # (closed at the start on a small screen)
    page.wait_for_timeout(500)  # (the first view settles)
    legend = _rect(page, "#geomap-legend")
    # the marker where the legend is: near the map's bottom-right corner
    target = [(legend[0] + legend[2]) / 2, legend[3] - 30]
    at = page.evaluate("""([x, y]) => {
        const m = window.geomapCluster.getLayers()[0], map = window.geomapCluster._map;
        const p = map.latLngToContainerPoint(m.getLatLng());
        map.panBy([p.x - x, p.y - y], {animate: false});
        const q = map.latLngToContainerPoint(m.getLatLng());
        return [q.x, q.y];
    }""", target)
    assert abs(at[0] - target[0]) < 2 and abs(at[1] - target[1]) < 2
    page.evaluate("window.geomapCluster.getLayers()[0].openPopup()")
    page.locator(".geomap-popup").wait_for()
    page.wait_for_timeout(700)
    popup = _settled_rect(page, ".leaflet-popup")
    for box in ("#geomap-legend", ".leaflet-control-layers", "#geomap-timeline",
                "#geomap-title"):
        rect = _settled_rect(page, box)
        assert rect[4] == "hidden" or not _overlap(popup, rect), (box, popup, rect)
    assert not fold.evaluate("d => d.open")  # folded out of the way...
    page.locator(".leaflet-popup-close-button").click()
    assert fold.evaluate("d => d.open")  # ...and back when the popup closes
    assert _rect(page, "#geomap-legend")[4] == "visible"
    assert problems == []


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)])
def test_an_incident_popup_is_clear_of_every_box(pages, open_page, size):
    page, _, problems = open_page(pages["example"], width=size[0], height=size[1])
    page.locator(".geomap-incident details").evaluate_all("ds => ds.forEach(d => d.open = true)")
    for k in range(page.locator("button.geomap-incident-goto").count()):
        page.locator("button.geomap-incident-goto").nth(k).click()
        page.wait_for_timeout(600)  # (the last popup fades out)
        page.locator(".geomap-incident-popup").wait_for()
        popup = _settled_rect(page, ".leaflet-popup")
        for box in ("#geomap-legend", ".leaflet-control-layers", "#geomap-timeline",
                    "#geomap-title"):
            rect = _settled_rect(page, box)
            assert rect[4] == "hidden" or not _overlap(popup, rect), (k, box, popup, rect)
    assert problems == []


def test_the_map_draws_its_symbols_from_the_spec(pages, open_page):
    page, _, problems = open_page(pages["example"])
    tags = page.evaluate("""() => ['asserts', 'denies', 'reports', 'calls'].map(s =>
        Array.from(geomap.symbol(s, '#123456', false).children).map(e => e.tagName))""")
    assert tags == [["circle"], ["circle", "line"], ["circle"], ["path"]]
    assert page.locator("#geomap-legend .geomap-legend-denies svg line").count() == 1
    assert page.locator("#geomap-legend .geomap-legend-reports svg line").count() == 0
    # a denial on the map shows the cross
    page.evaluate("""() => { const cluster = window.geomapCluster, map = cluster._map;
        cluster.getLayers().forEach(m => { cluster.removeLayer(m); m.addTo(map); }); }""")
    assert page.locator(".geomap-stance-denies svg line").count() == sum(
        c["stance"] == "denies" for c in _data(page)["claims"])
    assert problems == []


def test_hostile_incident_text_stays_text(pages, open_page):
    path = pages["hostile"]
    page, requests, problems = open_page(path)
    data = _data(page)
    assert all(i["title"].startswith(HOSTILE) for i in data["incidents"])
    panel = page.locator(".geomap-incidents")
    assert HOSTILE in panel.text_content()
    page.locator(".geomap-incident details").evaluate_all("ds => ds.forEach(d => d.open = true)")
    page.locator("button.geomap-incident-goto").first.click()
    page.locator(".geomap-incident-popup").wait_for()
    assert HOSTILE in page.locator(".geomap-incident-popup").text_content()
    page.locator(".leaflet-control-layers-overlays label").filter(
        has_text="One symbol per incident").click()
    page.locator(".geomap-incident-icon").first.click()
    page.locator("select[name=incident]").select_option(index=1)
    page.wait_for_timeout(300)
    assert HOSTILE in page.locator("select[name=incident]").text_content()
    # (the one image is the relief tint, ours, from a data: URI)
    assert page.evaluate("""() => Array.from(document.querySelectorAll(
        'img, iframe, object, embed')).filter(e => !(e.matches('img.geomap-relief') &&
        e.getAttribute('src').startsWith('data:image/png;base64,'))).length""") == 0
    assert "49" not in page.locator("body").inner_text().split()
    assert problems == []  # no dialog, no error
    assert _clean(requests, path)

"""Points of view in a real browser: the switch restyles the lines, the legend, the place
names and the border facts; no option makes the page reach the network."""

from __future__ import annotations

import json

import pytest

from geomap.api import make_map
from tests.browser.conftest import close_popups
from tests.conftest import DATA

GALWAN = DATA / "galwan.csv"


def _data(page) -> dict:
    from geomap.render.html import claims_of

    data = json.loads(page.locator("script#geomap-data").text_content())
    return {**data, "claims": claims_of(data)}


def _legend_classes(page) -> list[str]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-line-class]'))
        .filter(e => e.style.display !== 'none').map(e => e.getAttribute('data-line-class'))""")


def _line_styles(page) -> list[str]:
    return page.evaluate("""() => Array.from(
        document.querySelectorAll('.leaflet-geomap-lines-pane path'))
        .map(p => p.getAttribute('stroke') + ' ' + (p.getAttribute('stroke-dasharray') || ''))
        .sort()""")


def _popup_of(page, claim_id: str) -> str:
    """The text of the claim's popup, opened as the panels' links open it."""
    page.evaluate("id => window.geomapShow.claim(id)", claim_id)
    popup = page.locator(".leaflet-popup .geomap-popup", has_text=f"claim {claim_id} ")
    popup.last.wait_for(timeout=10000)
    text = popup.last.text_content()
    close_popups(page)
    return text


@pytest.fixture(scope="module")
def galwan(tmp_path_factory):
    out = tmp_path_factory.mktemp("views") / "galwan.html"
    make_map([GALWAN], out=out, basemap="none")
    return out


def test_the_switch_shows_each_view_of_the_galwan_line(galwan, open_page):
    page, requests, problems = open_page(galwan)
    data = _data(page)
    assert [v["code"] for v in data["views"]] == ["", "CN", "IN"]
    assert "disputed" in _legend_classes(page)
    default = _line_styles(page)
    notes = {}
    for code in ("IN", "CN"):
        page.select_option("#geomap-view", code)
        page.wait_for_timeout(100)
        shown = _legend_classes(page)
        assert "disputed" not in shown and "international" in shown
        assert _line_styles(page) != default
        notes[code] = page.locator("#geomap-view-note").text_content()
    assert "India" in notes["IN"] and "FCLASS_IN" in notes["IN"]
    assert "FCLASS_CN" in notes["CN"]
    page.select_option("#geomap-view", "")
    assert _line_styles(page) == default
    assert problems == [] and [r for r in requests if not r.startswith("data:")] == [
        galwan.resolve().as_uri()]


def test_a_popup_gives_the_place_name_and_the_fact_of_the_view_shown(galwan, open_page):
    page, _, problems = open_page(galwan)
    text = _popup_of(page, "galwan-04")
    assert "from the Line of Actual Control (disputed; Natural Earth, not authoritative)" in text
    page.select_option("#geomap-view", "CN")
    text = _popup_of(page, "galwan-04")
    assert "as People's Republic of China's maps draw it" in text
    assert "Line of Actual Control" not in text
    page.select_option("#geomap-view", "IN")
    text = _popup_of(page, "galwan-03")
    assert text.split("Place", 1)[1].startswith("Arunachal Pradesh (province-level)")
    page.select_option("#geomap-view", "CN")
    text = _popup_of(page, "galwan-03")
    assert text.split("Place", 1)[1].startswith("Zangnan")
    assert problems == []


def test_the_example_switches_to_each_sides_place_names(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    codes = [v["code"] for v in _data(page)["views"]]
    assert codes == ["", "AM", "AZ"]
    claim = next(c for c in _data(page)["claims"] if c["place_name"] == "Syunik")
    page.select_option("#geomap-view", "AZ")
    assert _popup_of(page, claim["id"]).split("Place", 1)[1].startswith("Zangezur")
    labels = "Array.from(document.querySelectorAll('.geomap-ref-text')).map(e => e.textContent)"
    assert "Qaragöl" in page.evaluate(labels) and "Shusha" in page.evaluate(labels)
    page.select_option("#geomap-view", "AM")
    assert _popup_of(page, claim["id"]).split("Place", 1)[1].startswith("Syunik")
    # the reference layer's labels follow the view: the lake, and a town GeoNames names
    assert {"Sev Lich", "Shushi"} <= set(page.evaluate(labels))
    assert "Qaragöl / Sev Lich" not in page.evaluate(labels)
    page.select_option("#geomap-view", "")
    assert "Qaragöl / Sev Lich" in page.evaluate(labels)
    assert problems == []


@pytest.mark.parametrize("options", [
    {"basemap": "none"}, {"basemap": "light"}, {"basemap": "full"},
    {"view": "IN", "basemap": "light"}, {"view": "CN", "basemap": "full"},
])
def test_no_option_makes_the_page_reach_the_network(tmp_path, open_page, options):
    out = tmp_path / "m.html"
    make_map([GALWAN], out=out, **options)
    page, requests, problems = open_page(out)
    for code in [v["code"] for v in _data(page)["views"]]:
        page.select_option("#geomap-view", code)
    page.mouse.move(700, 450)
    page.mouse.wheel(0, -600)  # zoom in: labels and lines of every zoom level appear
    page.wait_for_timeout(400)
    page.mouse.wheel(0, 2400)  # and out to the world
    page.wait_for_timeout(400)
    assert problems == []
    assert [r for r in requests if not r.startswith("data:")] == [out.resolve().as_uri()]

"""The example map in a real browser: loads clean, offline, with every claim on it."""

from __future__ import annotations

import json

from geomap.api import make_map
from tests.conftest import DATA


def _data(page) -> dict:
    from geomap.render.html import claims_of

    data = json.loads(page.locator("script#geomap-data").text_content())
    return {**data, "claims": claims_of(data)}


def test_example_loads_with_no_error_and_no_request(example_page, open_page):
    path, result = example_page
    page, requests, problems = open_page(path)
    page.wait_for_timeout(300)
    assert problems == []
    # The only request is the file itself: no script, style, tile, font or image fetched.
    assert [r for r in requests if not r.startswith("data:")] == [path.resolve().as_uri()]
    data = _data(page)
    # Every mapped claim is a marker in the cluster group, each exactly once.
    assert page.evaluate("window.geomapCluster.getLayers().length") == data["claims_mapped"]
    assert data["claims_mapped"] == result.claims_mapped
    # What the reader sees: clusters and/or single claims, the borders, legend and title.
    visible = page.locator(".geomap-cluster, .geomap-claim").count()
    assert visible >= 1
    assert page.locator("#geomap-legend").is_visible()
    assert page.locator("#geomap-title h1").text_content() == data["title"]
    assert page.locator("path.leaflet-interactive").count() >= 3  # countries, borders, area


def test_clusters_open_into_claims_with_popups(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    # A cluster opens (zooms in, or spreads claims at one place) to show its claims.
    page.evaluate("""() => new Promise(done => {
        const first = window.geomapCluster.getLayers()[0];
        window.geomapCluster.zoomToShowLayer(first, done);
    })""")
    page.wait_for_timeout(400)
    page.locator(".geomap-claim").first.click()
    popup = page.locator(".geomap-popup")
    popup.wait_for()
    text = popup.text_content()
    assert "Source" in text and "Date" in text and "claim " in text
    assert problems == []


def test_a_claims_popup_and_tooltip_are_made_when_first_wanted(example_page, open_page):
    """A marker's popup and tooltip are made when it is first pointed at, clicked, reached
    by the keyboard or asked for (a page of 100,000 claims would make 200,000 first): each
    way still shows them."""
    path, _ = example_page
    page, _, problems = open_page(path)
    assert page.evaluate("window.geomapCluster.getLayers().every(m => !m.geomapBound)")
    # (zoomToShowLayer drops its callback while a zoom is under way: asked again until the
    # marker is shown)
    page.evaluate("window._m = window.geomapCluster.getLayers()[0]")
    page.wait_for_function("""() => {
        const m = window._m, map = window.geomapCluster._map;
        if (m.getElement() && !map._animatingZoom) return true;
        if (!map._animatingZoom) window.geomapCluster.zoomToShowLayer(m);
        return false; }""", polling=700, timeout=20000)
    page.wait_for_timeout(400)
    x, y = page.evaluate("""(() => { const r = window._m.getElement().getBoundingClientRect();
                             return [r.x + r.width / 2, r.y + r.height / 2]; })()""")
    page.mouse.move(x, y)
    page.locator(".leaflet-tooltip").wait_for()
    claim = page.evaluate("window._m.geomapClaim.id")
    page.mouse.click(x, y)
    page.locator(".geomap-popup").wait_for()
    assert f"claim {claim} " in page.locator(".geomap-popup").text_content()
    page.keyboard.press("Escape")
    page.evaluate("window.geomapCluster._map.closePopup()")
    # the keyboard: Enter on a marker never pointed at
    page.evaluate("""() => { window._k = window.geomapCluster.getLayers().find(
        m => !m.geomapBound && m.getElement && m.getElement());
        window._k.getElement().focus(); }""")
    page.keyboard.press("Enter")
    page.locator(".geomap-popup").wait_for()
    assert page.evaluate("window._k.isPopupOpen()")
    # asked for from a script: made then
    assert page.evaluate("""(() => { const m = window.geomapCluster.getLayers().find(
        m => !m.geomapBound); return !!m.getPopup() && !!m.getTooltip(); })()""")
    assert problems == []


def test_switching_a_side_off_removes_its_claims(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    data = _data(page)
    am = next(s for s in data["sides"] if s["side"] == "AM")
    before = page.evaluate("window.geomapCluster.getLayers().length")
    page.get_by_text(am["layer"]).click()
    after = page.evaluate("window.geomapCluster.getLayers().length")
    assert before - after == am["claims"]
    page.get_by_text(am["layer"]).click()
    assert page.evaluate("window.geomapCluster.getLayers().length") == before
    assert problems == []


def test_hostile_text_stays_text_in_the_browser(tmp_path, open_page):
    result = make_map([DATA / "hostile.csv"], out=tmp_path / "h.html",
                      title="<img src=x onerror=alert('title')>")
    page, requests, problems = open_page(result.path)
    # Open every popup; nothing may run, load or alert.
    for i in range(page.locator(".geomap-claim, .geomap-cluster").count()):
        page.locator(".geomap-claim, .geomap-cluster").nth(i).click()
        page.wait_for_timeout(300)
    page.locator(".geomap-claim").first.click()
    popup = page.locator(".geomap-popup").first
    popup.wait_for()
    text = popup.text_content()
    assert "<img src=x onerror=alert(1)>" in text  # the claimant, shown as text
    assert "Quote with </script><script>alert(3)</script> and <b>bold</b>" in text
    assert popup.locator("img, script, b, svg[onload]").count() == 0
    assert page.locator("#geomap-title h1").text_content() == "<img src=x onerror=alert('title')>"
    assert problems == []
    assert [r for r in requests if not r.startswith("data:")] == [result.path.resolve().as_uri()]


def test_reactions_list_shows_each_reaction_where_it_is_mapped(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    data = _data(page)
    reactions = [c for c in data["claims"] if c["role"] == "reaction"]
    assert page.locator(".geomap-goto").count() == len(reactions) > 0
    page.locator("details.geomap-reactions summary").click()
    page.locator(".geomap-goto").first.click()
    popup = page.locator(".geomap-popup")
    popup.wait_for()
    assert reactions[0]["claimant"] in popup.text_content() or any(
        r["claimant"] in popup.text_content() for r in reactions)
    assert "reaction by a third party" in popup.text_content()
    assert problems == []


def test_time_control_filters_claims_with_the_side_switches(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    data = _data(page)
    assert page.locator(".geomap-timeline").is_visible()
    first = data["dates"][0]
    on_first = sum(1 for c in data["claims"] if c["date"] == first)
    page.locator(".geomap-timeline input[name=to]").fill("0")
    assert page.evaluate("window.geomapCluster.getLayers().length") == on_first
    # and a side switched off stays off while the dates change
    am = next(s for s in data["sides"] if s["side"] == "AM")
    page.get_by_text(am["layer"]).click()
    page.locator(".geomap-timeline input[name=to]").fill(str(len(data["dates"]) - 1))
    assert page.evaluate("window.geomapCluster.getLayers().length") == \
        data["claims_mapped"] - am["claims"]
    assert problems == []


def test_hostile_side_layer_name_and_band_tooltip_stay_text(tmp_path, open_page):
    import geopandas as gpd
    from shapely.geometry import LineString

    evil = "<img src=x onerror=alert(7)>"
    claims = tmp_path / "c.csv"
    claims.write_text(
        "date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon,depth_km\n"
        f'2021-05-12,"{evil}",gov,"{evil}",asserts,incursion,,t,s,,39.55,46.30,3\n',
        encoding="utf-8")
    layer = tmp_path / "L<img src=x onerror=alert(8)>${alert(9)}.geojson"
    gpd.GeoDataFrame(geometry=[LineString([(46.2, 39.7), (46.4, 39.4)])], crs=4326).to_file(
        layer, driver="GeoJSON")
    result = make_map([claims], out=tmp_path / "h.html", layers=[f"{layer}:line-of-contact"])
    page, _, problems = open_page(result.path)
    # open every tooltip the page has (layers, areas, bands)
    page.evaluate("""() => { for (const k in window) { const v = window[k];
        if (v && v.eachLayer && k.startsWith('geo_json')) v.eachLayer(l => {
          if (l.getTooltip && l.getTooltip()) l.openTooltip(); }); } }""")
    page.wait_for_timeout(300)
    assert problems == []
    assert evil in page.locator(".leaflet-control-layers").text_content()

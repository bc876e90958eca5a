"""The claims' quotes and their places' facts (html.LATER_FIELDS, in script#geomap-later)
are parsed only when a popup first asks for them: the page opens without them, and then
shows the same popup as before, hostile text as text."""

from __future__ import annotations

import csv

import pytest

pytestmark = pytest.mark.browser

HOSTILE = "</script><b>Quote {}</b> {{{{ x }}}} \u2028 ${{1}} `"

# Every text JSON.parse is given, by its first characters, in the order given.
WATCH = """(() => {
  const parse = JSON.parse;
  window.geomapParsed = [];
  JSON.parse = function (text) {
    window.geomapParsed.push(String(text).slice(0, 12));
    return parse.apply(this, arguments);
  };
})();"""
LATER_PARSES = """() => {
  const later = document.getElementById("geomap-later").textContent.slice(0, 12);
  return window.geomapParsed.filter(t => t === later).length;
}"""


def test_the_quotes_are_parsed_when_a_popup_first_asks(tmp_path, browser):
    from geomap.api import make_map
    from geomap.render.html import LATER_FIELDS, claims_of, page_data

    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "place", "claimant", "claimant_side", "stance", "event",
                    "actor", "text", "source", "url", "lat", "lon"])
        for i in range(40):
            w.writerow([f"c{i}", "2021-05-12", "Armenia", f"Official {i}", "AM", "asserts",
                        "incursion", "troops", HOSTILE.format(i), "bench", "",
                        f"{39.5 + i / 50:.5f}", f"{45.0 + i / 40:.5f}"])
    out = tmp_path / "t.html"
    make_map([path], out=out)
    text = out.read_text(encoding="utf-8")
    data = page_data(text)
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["c7"]["text"] == HOSTILE.format(7) and claims["c7"]["border"]
    # script#geomap-data names the later fields but carries none of them
    start = text.index('id="geomap-data">') + len('id="geomap-data">')
    import json

    now = json.loads(text[start:text.index("</script>", start)])
    assert "text" in now["claims"]["fields"] and "border" in now["places"]["fields"]
    assert not any(set(c) & LATER_FIELDS for c in claims_of(now))
    assert "Quote 7" not in text[start:text.index("</script>", start)]

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(WATCH)
    page.goto(out.resolve().as_uri())
    page.wait_for_function("window.geomapCluster !== undefined")
    assert page.evaluate(LATER_PARSES) == 0, "the later fields were parsed as the page opened"
    page.evaluate("id => window.geomapShow.claim(id)", "c7")
    popup = page.locator(".leaflet-popup .geomap-popup", has_text="claim c7 ")
    popup.last.wait_for(timeout=10000)
    assert popup.last.locator("blockquote").text_content() == HOSTILE.format(7)
    assert claims["c7"]["border"] in popup.last.text_content()
    assert page.locator(".leaflet-popup b").count() == 0  # (the quote's markup is text)
    page.evaluate("id => window.geomapShow.claim(id)", "c8")
    page.locator(".leaflet-popup .geomap-popup", has_text="claim c8 ").last.wait_for(
        timeout=10000)
    assert page.evaluate(LATER_PARSES) == 1  # (once, for every popup after)
    assert problems == []
    page.close()

"""reference.js draws the rivers of one width as one path (a multi-line), not a path per
river: a page along long borders has thousands of river pieces (9,083 on the bench's
borders page), each an element the browser lays out and Leaflet projects on its own. Every
river is still drawn, at its rank's width."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

WATER = """(() => {
  const ref = JSON.parse(document.getElementById("geomap-reference-data").textContent);
  const lines = [];
  window.geomapCluster._map.eachLayer(l => {
    if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l.options.pane === "geomap-water")
      lines.push({weight: l.options.weight,
                  parts: l.getLatLngs().map(part => part.map(p => [p.lat, p.lng]))});
  });
  const pane = document.querySelector(".leaflet-geomap-water-pane");
  return {rivers: ref.rivers, lakes: ref.lakes.length, lines: lines,
          paths: pane.querySelectorAll("path").length};
})()"""


def test_the_rivers_of_one_width_are_one_path(example_page, open_page):
    page, _, problems = open_page(example_page[0])
    got = page.evaluate(WATER)
    assert problems == []
    rivers = got["rivers"]
    assert len(rivers) > 3  # (more rivers than widths: otherwise this shows nothing)
    widths = {1: 1.6, 2: 1.1, 3: 0.8}
    # One line per width, holding that width's rivers in the page's order ...
    want: dict[float, list] = {}
    for rank, points in rivers:
        want.setdefault(widths.get(rank, 0.8), []).append(points)
    drawn = {line["weight"]: line["parts"] for line in got["lines"]}
    assert len(got["lines"]) == len(drawn) == len(want)
    assert json.dumps(drawn, sort_keys=True) == json.dumps(want, sort_keys=True)
    # ... so the water pane has a path per lake and one per width, however many rivers.
    assert got["paths"] <= got["lakes"] + len(want)

"""The cluster icons' counts by side as the fill counts them (claims.js geomapAll, kept in
the group's _geomapSides) against counting each cluster's markers where they are (tally):
every cluster at every zoom, after the page opens, after markers are taken out and put back
one by one or in bulk, a marker added, and after a filter fills the group again."""

from __future__ import annotations

import csv
import random

import pytest

pytestmark = pytest.mark.browser

# Every cluster's icon made both ways: with what the fill counted (where it still holds), and
# with the counts forgotten (tally); and each icon's count against markercluster's list.
BOTH = """() => {
  const g = window.geomapCluster, kept = g._geomapSides, cs = [];
  Object.keys(g._gridClusters).forEach(z => g._gridClusters[z].eachObject(c => { cs.push(c); }));
  const html = c => g.options.iconCreateFunction(c).options.html;
  const fast = cs.map(html);
  g._geomapSides = null;
  const slow = cs.map(html);
  g._geomapSides = kept;
  const box = document.createElement("div"), counts = fast.map(h => {
    box.innerHTML = h;
    return +box.querySelector(".geomap-cluster-count").textContent;
  });
  return {n: cs.length, kept: !!kept, differ: fast.filter((h, i) => h !== slow[i]).length,
          wrong: cs.filter((c, i) => counts[i] !== c.getAllChildMarkers().length).length};
}"""

CHANGES = {
    "taken out in bulk": """() => {
      const g = window.geomapCluster, ms = g.getLayers();
      window.geomapOut = ms.filter((m, i) => i % 7 === 0 && m.options.sideIndex === 0);
      g.removeLayers(window.geomapOut);
    }""",
    "put back in bulk": "() => { window.geomapCluster.addLayers(window.geomapOut); }",
    "one out": """() => {
      const g = window.geomapCluster;
      window.geomapOne = g.getLayers().find(m => m.options.sideIndex === 1);
      g.removeLayer(window.geomapOne);
    }""",
    "one back": "() => { window.geomapCluster.addLayer(window.geomapOne); }",
    "filled again": """() => {
      const box = document.querySelector(".geomap-timeline input[name=stance]");
      box.checked = false;
      box.dispatchEvent(new Event("change"));
    }""",
    # (into the cluster of the two claims at one point: markercluster's _addChild alone)
    "one more in bulk": """() => {
      const g = window.geomapCluster, m0 = g.getLayers().find(m => m.geomapIndex === 0);
      const m = new m0.constructor(m0.getLatLng());
      m.geomapIndex = 0;
      g.addLayers([m]);
    }""",
}


def test_icons_count_as_the_markers_are_now(tmp_path, open_page):
    from geomap.api import make_map

    rng = random.Random(11)
    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "place", "claimant", "claimant_side", "stance", "event",
                    "actor", "text", "source", "url", "lat", "lon"])
        for i in range(800):  # (the first two at one point)
            at = (40, 45.5) if i < 2 else (rng.uniform(39.2, 41.0), rng.uniform(44.8, 46.6))
            w.writerow([f"c{i}", "2021-05-12", "Armenia", "Official", ["AM", "AZ"][i % 2],
                        rng.choice(["asserts", "denies"]), "incursion", "troops", f"said {i}",
                        "bench", "", f"{at[0]:.5f}", f"{at[1]:.5f}"])
    out = tmp_path / "icons.html"
    make_map([path], out=out)
    page, _, problems = open_page(out)
    got = page.evaluate(BOTH)
    assert got["kept"] and got["n"] > 200 and got["differ"] == got["wrong"] == 0
    for name, change in CHANGES.items():
        page.evaluate(change)
        got = page.evaluate(BOTH)
        assert got["differ"] == got["wrong"] == 0, name
        assert got["n"] > 100, name
        assert got["kept"] == (name == "filled again"), name  # (counted by the fill)
    assert problems == []

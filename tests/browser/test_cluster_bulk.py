"""claims.js's cluster group (ClaimCluster) fills itself in one go (addLayers on the map)
by markercluster's own steps done with numbers: every cluster, at every zoom, must come out
as markercluster's own addLayers makes it (its markers and child clusters in order, its
count, centre and bounds), the grids it leaves must hold the same, the same markers must be
on the map, and the claims' markers must still open their clusters, spread and show their
popups."""

from __future__ import annotations

# In the page: the same markers, in a group of markercluster's own and in a ClaimCluster,
# through the same steps (filled, emptied and filled with a part as the filters do, more
# added to a group that holds some, some taken out, some put back); after each, each group
# described whole: every cluster (zoom, count, centre, bounds, first point, whether its icon
# and bounds are to be made again, its markers and child clusters in order), what each grid
# holds and finds, and what is on the map.
SAME_GROUPS = """() => {
  const Bulk = window.geomapCluster.constructor, map = window.geomapCluster._map;
  map.setView([40.6, 46.0], 8, {animate: false});
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const points = [];
  for (let i = 0; i < 6000; i++) {
    if (i % 3 === 2) points.push(points[Math.floor(rnd() * points.length)]);  // a place again
    else if (i % 5 === 0) points.push([39 + Math.round(rnd() * 40) / 20,  // on a lattice
                                       44 + Math.round(rnd() * 60) / 20]);
    else if (i % 101 === 0) points.push([84.9 + rnd(), -179 + rnd() * 358]);  // far north
    else points.push([38 + rnd() * 4, 43 + rnd() * 6]);
  }
  const n6 = x => x.toPrecision(17);
  const ll = p => p ? n6(p.lat) + "," + n6(p.lng) : "-";
  function describe(group) {
    const ids = new Map();
    let next = 0;
    function one(c) {
      ids.set(c, next++);
      const b = c._bounds, box = b && b._southWest ? ll(b._southWest) + "/" + ll(b._northEast)
        : "-";
      return c._zoom + ":" + c._childCount + "@" + ll(c._latlng) + "~" + ll(c._wLatLng) +
        "^" + ll(c._cLatLng) + "#" + box + (c._iconNeedsUpdate ? "!" : "") +
        (c._boundsNeedUpdate ? "?" : "") + "[" +
        c._markers.map(m => m.k + (m.__parent === c ? "" : "x")).join(",") + "|" +
        c._childClusters.map(k => (k.__parent === c ? "" : "x") + one(k)).join(";") + "]";
    }
    const shape = one(group._topClusterLevel);
    const name = o => ids.has(o) ? "c" + ids.get(o) : "m" + o.k;
    const grids = [];
    Object.keys(group._gridClusters).sort((a, b) => a - b).forEach(z => {
      [group._gridClusters[z], group._gridUnclustered[z]].forEach(grid => {
        const all = [];
        grid.eachObject(o => { all.push(name(o)); });
        // (and what each finds nearest, at every marker's point there)
        const near = points.filter((_, k) => k % 17 === 0).map(p => {
          const o = grid.getNearObject(map.project(p, +z));
          return o ? name(o) : "-";
        });
        grids.push(z + ":" + all.join(",") + "/" + near.join(","));
      });
    });
    const shown = [];
    group._featureGroup.eachLayer(o => { shown.push(name(o) + "@" + ll(o.getLatLng())); });
    return {shape: shape, grids: grids.join("\\n"), shown: shown.sort().join(" "),
            n: group.getLayers().length, clusters: next};
  }
  function run(Group) {
    const group = new Group({maxClusterRadius: 36}).addTo(map);
    let slow = 0, all = 0;
    const own = group._addLayer, byNumbers = group.geomapAll;
    group._addLayer = function () { slow++; return own.apply(this, arguments); };
    if (byNumbers) {
      group.geomapAll = function () { all++; return byNumbers.apply(this, arguments); };
    }
    const markers = points.map((p, k) => Object.assign(L.marker(p), {k: k}));
    const out = [];
    group.addLayers(markers);
    out.push(describe(group));
    group.clearLayers();
    group.addLayers(markers.filter(m => m.k % 4 !== 1), true);
    out.push(describe(group));
    group.addLayers(markers.filter(m => m.k % 2 === 1));  // (some there already)
    out.push(describe(group));
    group.removeLayers(markers.filter(m => m.k % 7 === 0));
    out.push(describe(group));
    group.addLayers(markers.filter(m => m.k % 14 === 0));
    out.push(describe(group));
    map.setView([40.2, 45.3], 12, {animate: false});  // (markers shown: the same ones)
    out.push(describe(group).shown);
    map.setView([40.6, 46.0], 8, {animate: false});
    const listening = markers.filter(m => m.listens("move")).length;
    map.removeLayer(group);
    return {steps: out, slow: slow, all: all, listening: listening};
  }
  return {theirs: run(L.MarkerClusterGroup), ours: run(Bulk), bulk: Bulk !== L.MarkerClusterGroup};
}"""


def test_bulk_clusters_as_markercluster_does(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    got = page.evaluate(SAME_GROUPS)
    assert got["bulk"], "the page's cluster group is not claims.js's"
    theirs, ours = got["theirs"], got["ours"]
    assert ours["slow"] == 0, "markercluster's own _addLayer was used"
    assert ours["all"] == 1  # (the group emptied and filled, as the filters do: by numbers)
    assert theirs["slow"] > 6000
    first = theirs["steps"][0]
    assert first["n"] == 6000 and first["clusters"] > 500  # (a hierarchy worth comparing)
    assert first["shown"]  # (markers and clusters on the map to compare)
    for k, (a, b) in enumerate(zip(theirs["steps"], ours["steps"])):
        assert a == b, f"step {k} differs"
    # plain markers keep markercluster's drag and move listeners
    assert theirs["listening"] == ours["listening"] > 0
    assert problems == []


def test_claim_markers_have_no_move_listeners_and_still_spread(example_page, open_page):
    """The claims' markers are clustered without markercluster's drag and move listeners
    (never dragged; spiderfy's moves markercluster ignores); a cluster of claims at one
    place still spreads at the last zoom, each claim opens its popup, and it folds back."""
    path, _ = example_page
    page, _, problems = open_page(path)
    assert page.evaluate("window.geomapCluster.getLayers().every(m => !m.listens('move'))")
    # the place with the most claims: zoomed to, its cluster spread
    spread = page.evaluate("""() => new Promise(done => {
        const g = window.geomapCluster, map = g._map, by = new Map();
        g.getLayers().forEach(m => {
          const key = m.getLatLng().toString();
          by.set(key, (by.get(key) || []).concat([m]));
        });
        const most = [...by.values()].sort((a, b) => b.length - a.length)[0];
        map.setView(most[0].getLatLng(), map.getMaxZoom(), {animate: false});
        const at = most[0].getLatLng().toString();
        setTimeout(() => {
          const parent = g.getVisibleParent(most[0]);
          parent.spiderfy();
          setTimeout(() => done({n: most.length, cluster: parent !== most[0],
            legs: most.filter(m => m._icon && !m.getLatLng().equals(parent._latlng)).length,
            at: at}), 700);
        }, 300);
    })""")
    assert spread["n"] >= 2 and spread["cluster"]
    assert spread["legs"] == spread["n"]
    page.locator(".geomap-claim").first.click()
    popup = page.locator(".geomap-popup")
    popup.wait_for()
    assert "claim " in popup.text_content()
    page.evaluate("window.geomapCluster._map.closePopup()")
    back = page.evaluate("""(at) => new Promise(done => {
        window.geomapCluster._unspiderfy();
        setTimeout(() => done(window.geomapCluster.getLayers()
          .filter(m => m.getLatLng().toString() === at).length), 700);
    })""", spread["at"])
    assert back == spread["n"]  # (each marker back at its own point)
    assert problems == []


# The page's cluster group after a filter, against markercluster's own group of the very
# markers it shows: the same clusters at every zoom.
AS_THEIRS = """() => {
  const g = window.geomapCluster, map = g._map;
  function describe(c) {
    return c._zoom + ":" + c._childCount + "@" + c._latlng.lat + "," + c._latlng.lng + "[" +
      c._markers.map(m => m.geomapIndex).join(",") + "|" +
      c._childClusters.map(describe).join(";") + "]";
  }
  const shown = g.getLayers().sort((a, b) => a.geomapIndex - b.geomapIndex);
  const theirs = L.markerClusterGroup({maxClusterRadius: 36}).addTo(map);
  theirs.addLayers(shown);
  const out = {ours: describe(g._topClusterLevel), theirs: describe(theirs._topClusterLevel),
               n: shown.length};
  map.removeLayer(theirs);
  g.clearLayers();
  g.addLayers(shown, true);
  return out;
}"""


def test_filters_cluster_as_markercluster_does(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    first = page.evaluate(AS_THEIRS)
    assert first["ours"] == first["theirs"] and first["n"] > 10
    page.locator(".geomap-timeline input[name=stance]").first.uncheck()
    fewer = page.evaluate(AS_THEIRS)
    assert 0 < fewer["n"] < first["n"]
    assert fewer["ours"] == fewer["theirs"]
    assert problems == []

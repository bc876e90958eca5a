"""claims.js replaces markercluster's DistanceGrid methods with faster ones (a page of
100,000 claims at points of their own is grouped in a fraction of the time): the clusters
must come out exactly as markercluster's own grid makes them."""

from __future__ import annotations

# In the page: the same markers clustered with markercluster's own grid methods and with
# claims.js's, added, partly taken out and put back (as the filters do); each cluster
# group described whole (every cluster's zoom, count, markers and child clusters, in order).
SAME_CLUSTERS = """() => {
  const P = L.DistanceGrid.prototype, original = P.geomapOriginal, fast = {};
  Object.keys(original).forEach(name => { fast[name] = P[name]; });
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const points = [];
  for (let i = 0; i < 4000; i++) {
    if (i % 3 === 2) points.push(points[Math.floor(rnd() * points.length)]);  // a place again
    else if (i % 5 === 0) points.push([39 + Math.round(rnd() * 40) / 20,  // on a coarse lattice
                                       44 + Math.round(rnd() * 60) / 20]);
    else points.push([38 + rnd() * 4, 43 + rnd() * 6]);
  }
  const map = window.geomapCluster._map;
  function describe(c) {
    return c._zoom + ":" + c._childCount + "[" + c._markers.map(m => m.k).join(",") + "|" +
      c._childClusters.map(describe).join(";") + "]";
  }
  function clustered(methods) {
    Object.assign(P, methods);
    try {
      const group = L.markerClusterGroup({maxClusterRadius: 36}).addTo(map);
      const markers = points.map((p, k) => Object.assign(L.marker(p), {k: k}));
      group.addLayers(markers);
      group.removeLayers(markers.filter(m => m.k % 7 === 0));
      group.addLayers(markers.filter(m => m.k % 14 === 0));
      const out = {shape: describe(group._topClusterLevel), n: group.getLayers().length,
                   clusters: (describe(group._topClusterLevel).match(/\\[/g) || []).length};
      map.removeLayer(group);
      return out;
    } finally {
      Object.assign(P, fast);
    }
  }
  // the grids themselves: the nearest object to many points, and every object they hold
  function asked(methods) {
    Object.assign(P, methods);
    try {
      const grid = new L.DistanceGrid(36), objs = [];
      for (let i = 0; i < 3000; i++) {
        const o = {i: i}, p = L.point(rnd() * 900 - 300, rnd() * 900 - 300);
        objs.push([o, p]);
        grid.addObject(o, p);
      }
      // (and some far off any map: cells beyond 32-bit integers)
      for (let i = 3000; i < 3200; i++) {
        const o = {i: i}, p = L.point(8e10 + rnd() * 300, -8e10 + rnd() * 300);
        objs.push([o, p]);
        grid.addObject(o, p);
      }
      objs.filter(([o]) => o.i % 4 === 0).forEach(([o, p]) => grid.removeObject(o, p));
      const near = [];
      for (let i = 0; i < 3000; i++) {
        const o = grid.getNearObject(L.point(rnd() * 1000 - 350, rnd() * 1000 - 350));
        near.push(o ? o.i : -1);
      }
      for (let i = 0; i < 300; i++) {
        const o = grid.getNearObject(L.point(8e10 - 50 + rnd() * 400, -8e10 - 50 + rnd() * 400));
        near.push(o ? o.i : -1);
      }
      const all = [];
      grid.eachObject(o => { all.push(o.i); });
      return {near: near.join(","), all: all.sort((a, b) => a - b).join(","),
              found: near.filter(i => i >= 0 && i < 3000).length,
              far: near.filter(i => i >= 3000).length};
    } finally {
      Object.assign(P, fast);
    }
  }
  const s0 = seed, a = asked(original);
  seed = s0;
  const b = asked(fast);
  return {ours: P.getNearObject !== original.getNearObject,
          theirs: clustered(original), mine: clustered(fast), gridTheirs: a, gridMine: b};
}"""


def test_fast_grid_clusters_as_markercluster_does(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    got = page.evaluate(SAME_CLUSTERS)
    assert got["ours"], "claims.js's grid methods are not in place"
    theirs, mine = got["theirs"], got["mine"]
    assert theirs["n"] == mine["n"] == 4000 - len(range(0, 4000, 7)) + len(range(0, 4000, 14))
    assert theirs["clusters"] > 100  # (a hierarchy worth comparing)
    assert mine["shape"] == theirs["shape"]
    assert got["gridMine"]["found"] > 100 and got["gridMine"]["far"] > 100
    assert got["gridMine"] == got["gridTheirs"]
    assert problems == []

"""claims.js's faster paths as the page opens, against what they stand for: the claims'
markers and the clusters made without Leaflet's constructor (plainMarker, plainCluster: the
very objects the constructors make; the constructors used where a class has init hooks),
the fill's projection (projector: map.project's numbers, bit for bit), the grid's cells
after a removal (markercluster's DistanceGrid's answers), and the cluster icons' counts
(tally: every claim markercluster lists under a cluster)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# For each class of the page's claim markers: a marker made both ways at a claim's point,
# described whole (own fields in order with their values, prototype, options' prototype and
# own fields), and the page's own markers' first fields.
BOTH_WAYS = """() => {
  const ms = window.geomapCluster.getLayers(), looks = [...new Set(ms.map(m => m.constructor))];
  function describe(m, Look) {
    return {keys: Object.keys(m), values: Object.keys(m).map(k => k === "options" ? "-" :
              JSON.stringify(m[k])),
            proto: Object.getPrototypeOf(m) === Look.prototype,
            options: Object.getPrototypeOf(m.options) === Look.prototype.options,
            ownOptions: Object.keys(m.options),
            icon: m.options.icon === Look.prototype.options.icon,
            latlng: m.getLatLng() === ms[0].getLatLng()};
  }
  return {
    n: looks.length,
    pairs: looks.map(Look => [describe(new Look(ms[0].getLatLng()), Look),
                              describe(geomap.plainMarker(Look, ms[0].getLatLng()), Look)]),
    first: ms.slice(0, 50).map(m => Object.keys(m).slice(0, 3).join(",")),
    plain: geomap.plainMarkers()
  };
}"""


def test_claim_markers_are_as_leaflets_constructor_makes_them(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    got = page.evaluate(BOTH_WAYS)
    assert got["plain"] and got["n"] >= 2
    for theirs, ours in got["pairs"]:
        assert ours == theirs
        assert theirs["proto"] and theirs["options"] and theirs["latlng"]
    # the page's markers start as both ways make them (then markercluster adds its own)
    assert set(got["first"]) == {",".join(got["pairs"][0][0]["keys"][:3])}
    assert problems == []


def test_an_init_hook_makes_the_page_use_the_constructor(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    assert page.evaluate("geomap.plainMarkers()")
    assert not page.evaluate("L.Marker.addInitHook(function () {}), geomap.plainMarkers()")
    assert problems == []


# Points to project: claims' own, and the edges (poles and beyond, the antimeridian, zeros of
# either sign, the tiny and the huge).
PROJECTED = """() => {
  const map = window.geomapCluster._map, p = geomap.projector(map), out = [];
  const edges = [[0, 0], [-0, -0], [90, 180], [-90, -180], [85.0511287798, 179.9999],
                 [85.06, -180.5], [-85.06, 540], [1e-300, -1e-300], [45.5, 1e6], [-33.3, 0.1]];
  const pts = window.geomapCluster.getLayers().map(m => m.getLatLng())
    .concat(edges.map(e => L.latLng(e[0], e[1])));
  pts.forEach(ll => {
    const q = map.project(ll, 0);
    p.at(ll);
    if (!Object.is(p.x, q.x) || !Object.is(p.y, q.y)) {
      out.push([ll.lat, ll.lng, p.x, q.x, p.y, q.y]);
    }
  });
  return {fast: p.fast, n: pts.length, differ: out};
}"""


def test_the_fill_projects_points_as_leaflet_does(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    got = page.evaluate(PROJECTED)
    assert got["fast"] and got["n"] > 10
    assert got["differ"] == []
    # a projection of another's: the fill asks the map
    assert not page.evaluate("""() => {
      const sm = L.Projection.SphericalMercator, own = sm.project;
      sm.project = function (ll) { return own.call(this, ll); };
      const fast = geomap.projector(window.geomapCluster._map).fast;
      sm.project = own;
      return fast;
    }""")
    assert problems == []


# A cluster made both ways in the page's group, described whole.
CLUSTERS_BOTH_WAYS = """() => {
  const g = window.geomapCluster, C = g._markerCluster;
  function describe(c) {
    return {keys: Object.keys(c), proto: Object.getPrototypeOf(c) === C.prototype,
            options: Object.getPrototypeOf(c.options) === C.prototype.options,
            ownOptions: Object.keys(c.options), icon: c.options.icon === c,
            pane: c.options.pane, group: c._group === g, zoom: c._zoom,
            latlng: [c._latlng.lat, c._latlng.lng], markers: c._markers.length,
            clusters: c._childClusters.length, count: c._childCount,
            flags: [c._iconNeedsUpdate, c._boundsNeedUpdate, c._initHooksCalled],
            bounds: Object.keys(c._bounds), boundsProto: c._bounds instanceof L.LatLngBounds,
            fresh: [c._markers !== C.prototype._markers, c._bounds !== g._topClusterLevel._bounds]};
  }
  return {plain: geomap.plainClusters(C),
          theirs: describe(new C(g, 7)), ours: describe(geomap.plainCluster(C, g, 7,
                                                                            L.latLng(0, 0)))};
}"""


def test_clusters_are_as_markerclusters_constructor_makes_them(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    got = page.evaluate(CLUSTERS_BOTH_WAYS)
    assert got["plain"]
    assert got["ours"] == got["theirs"]
    assert not page.evaluate("""() => {
      L.MarkerCluster.addInitHook(function () {});
      return geomap.plainClusters(window.geomapCluster._markerCluster);
    }""")
    assert problems == []


# The grid's cells (claims.js's Cells) against markercluster's own DistanceGrid: a cell's
# last object taken out, then another put in the same cell (its list of entries mended).
GRID_AFTER_A_REMOVAL = """() => {
  const orig = L.DistanceGrid.prototype.geomapOriginal;
  function run(fast) {
    const g = new L.DistanceGrid(40);
    if (!fast) Object.keys(orig).forEach(k => { g[k] = orig[k]; });
    const a = {k: "a"}, b = {k: "b"}, c = {k: "c"}, d = {k: "d"};
    g.addObject(a, L.point(1, 1));
    g.addObject(b, L.point(39, 39));  // (all four in cell 0, 0)
    g.removeObject(b, L.point(39, 39));
    g.addObject(c, L.point(20, 2));
    g.addObject(d, L.point(30, 30));
    g.removeObject(a, L.point(1, 1));
    const all = [];
    g.eachObject(o => { all.push(o.k); });
    const near = [[20, 3], [38, 38], [1, 2], [29, 29]].map(p => {
      const o = g.getNearObject(L.point(p[0], p[1]));
      return o ? o.k : "-";
    });
    return all.join(",") + "/" + near.join(",");
  }
  return [run(true), run(false)];
}"""


def test_the_grid_mends_a_cell_after_a_removal(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    ours, theirs = page.evaluate(GRID_AFTER_A_REMOVAL)
    assert ours == theirs == "c,d/c,d,c,d"
    assert problems == []


# Each cluster's icon on the map (its claims counted by side where they are, tally) against
# the markers markercluster lists for it: the count, and one colour in the ring per side.
ICONS = r"""() => {
  const g = window.geomapCluster, out = [];
  g._featureGroup.eachLayer(c => {
    if (!(c instanceof L.MarkerCluster)) return;
    const box = document.createElement("div");
    box.innerHTML = g.options.iconCreateFunction(c).options.html;
    const ms = c.getAllChildMarkers(), sides = new Set(ms.map(m => m.options.side));
    const ring = box.querySelector(".geomap-cluster-ring").style.background;
    out.push([+box.querySelector(".geomap-cluster-count").textContent, ms.length,
              new Set(ring.match(/rgba?\([^)]*\)/g)).size, sides.size]);
  });
  return out;
}"""


def test_cluster_icons_count_every_claim_by_side(example_page, open_page):
    path, _ = example_page
    page, _, problems = open_page(path)
    icons = page.evaluate(ICONS)
    assert len(icons) >= 2 and max(n for n, *_ in icons) >= 10
    for shown, listed, colours, sides in icons:
        assert shown == listed and colours == sides
    assert problems == []

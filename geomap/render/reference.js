/* geomap: draws the reference basemap (geomap/basemap.py) from the page's own data
 * (script#geomap-reference-data): the world beyond the map's region, the relief tint,
 * rivers and lakes, and the names of towns and places, each name shown from its own zoom
 * on. Names reach the page as text nodes (textContent), never as markup; nothing here
 * takes pointer events or asks the network for anything. */
"use strict";
var geomapReference = (function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null && text !== "") e.textContent = String(text);
    return e;
  }

  /* A place's name as the point of view shown writes it (item.names: {view: name}). */
  var named = [];
  function nameIn(item, view) {
    var by = item.names;
    return by && Object.prototype.hasOwnProperty.call(by, view) ? by[view] : item.name;
  }
  document.addEventListener("geomap-view", function (ev) {
    named.forEach(function (pair) { pair[1].textContent = nameIn(pair[0], ev.detail); });
  });

  function label(item, kind) {
    var box = el("div", "geomap-ref-name geomap-ref-" + kind);
    box.appendChild(el("span", "geomap-ref-dot"));
    var text = el("span", "geomap-ref-text", nameIn(item, ""));
    box.appendChild(text);
    if (item.names) named.push([item, text]);
    return L.marker([item.lat, item.lon], {
      pane: "geomap-labels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "geomap-ref-label", html: box, iconSize: null,
                       iconAnchor: [4, 8]})
    });
  }

  /* groups: {world, relief, water, labels} (Leaflet layer groups; relief may be null). */
  function draw(map, groups) {
    var node = document.getElementById("geomap-reference-data");
    if (!node) return;
    var ref = JSON.parse(node.textContent);
    var quiet = {interactive: false, bubblingMouseEvents: false};
    (ref.world || []).forEach(function (shape) {
      L.polygon(shape, Object.assign({pane: "geomap-world", color: "#b9b4ab", weight: 0.6,
        fillColor: "#ebe8e2", fillOpacity: 1, smoothFactor: 1}, quiet)).addTo(groups.world);
    });
    if (ref.relief && groups.relief) {
      var b = ref.relief_bounds;
      L.imageOverlay(ref.relief, [[b[1], b[0]], [b[3], b[2]]],
        {pane: "geomap-relief", interactive: false, className: "geomap-relief"})
        .addTo(groups.relief);
    }
    (ref.lakes || []).forEach(function (shape) {
      L.polygon(shape, Object.assign({pane: "geomap-water", color: "#7ea6c8", weight: 0.7,
        fillColor: "#b8d3ea", fillOpacity: 1}, quiet)).addTo(groups.water);
    });
    /* The rivers of one width are one path (a multi-line): the same look as a path per
     * river, but a page along long borders has thousands of river pieces, and each path is
     * an element the browser lays out and Leaflet projects and clips on its own. */
    var widths = {1: 1.6, 2: 1.1, 3: 0.8}, byWidth = {};
    (ref.rivers || []).forEach(function (river) {
      var w = widths[river[0]] || 0.8;
      (byWidth[w] = byWidth[w] || []).push(river[1]);
    });
    Object.keys(byWidth).sort().forEach(function (w) {
      L.polyline(byWidth[w], Object.assign({pane: "geomap-water", color: "#5d93c4",
        weight: Number(w), opacity: 0.9}, quiet)).addTo(groups.water);
    });
    var labels = [];
    (ref.places || []).forEach(function (p) {
      labels.push([p.min_zoom, label(p, "place geomap-ref-" + String(p.kind).replace(/[^a-z-]/g, ""))]);
    });
    (ref.towns || []).forEach(function (t) {
      var size = t.population >= 100000 ? "big" : t.population >= 10000 ? "mid" : "small";
      labels.push([t.min_zoom, label(t, "town geomap-ref-" + size)]);
    });
    function update() {
      var z = map.getZoom();
      labels.forEach(function (pair) {
        var on = z >= pair[0], has = groups.labels.hasLayer(pair[1]);
        if (on && !has) groups.labels.addLayer(pair[1]);
        else if (!on && has) groups.labels.removeLayer(pair[1]);
      });
    }
    map.on("zoomend", update);
    update();
    window.geomapReferenceLabels = labels;  // for tests: [min_zoom, marker] pairs
  }

  return {draw: draw};
})();

/* geomap: draws the claims from the page's own data (script#geomap-data).
 * Every string from a source reaches the page through textContent or a text node, never
 * through innerHTML, so no source text can become markup or script. */
"use strict";
var geomap = (function () {
  var SVGNS = "http://www.w3.org/2000/svg";
  // A place resolved with less confidence than this is said to be uncertain in its popup.
  var UNCERTAIN = 0.8;

  /* A map with no prototype: keys from the data ("constructor", "__proto__") are plain keys. */
  function table() { return Object.create(null); }

  function readData() {
    return JSON.parse(document.getElementById("geomap-data").textContent);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null && text !== "") e.textContent = String(text);
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  /* One symbol per stance, in the claimant side's colour; a dashed halo when the place is
   * known only to a province, district or country. */
  function symbol(stance, colour, approximate) {
    var s = svg("svg", {width: 22, height: 22, viewBox: "0 0 22 22", "class": "geomap-symbol"});
    if (approximate) {
      s.appendChild(svg("circle", {cx: 11, cy: 11, r: 10, fill: "none", stroke: colour,
                                   "stroke-width": 1.3, "stroke-dasharray": "2.5 2"}));
    }
    if (stance === "asserts") {
      s.appendChild(svg("circle", {cx: 11, cy: 11, r: 6.5, fill: colour, stroke: "#fff",
                                   "stroke-width": 1.5}));
    } else if (stance === "denies") {
      s.appendChild(svg("circle", {cx: 11, cy: 11, r: 6, fill: "#fff", stroke: colour,
                                   "stroke-width": 2.6}));
      s.appendChild(svg("line", {x1: 6.8, y1: 15.2, x2: 15.2, y2: 6.8, stroke: colour,
                                 "stroke-width": 2.6}));
    } else if (stance === "reports") {
      s.appendChild(svg("circle", {cx: 11, cy: 11, r: 6, fill: "#fff", "fill-opacity": 0.7,
                                   stroke: colour, "stroke-width": 2.6}));
    } else {
      s.appendChild(svg("path", {d: "M11 3.5 L18.5 11 L11 18.5 L3.5 11 Z", fill: colour,
                                 stroke: "#fff", "stroke-width": 1.5}));
    }
    return s;
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  function formatDate(date, precision) {
    if (!date) return "date unknown";
    var p = date.split("-");
    if (p.length === 3) return Number(p[2]) + " " + MONTHS[Number(p[1]) - 1] + " " + p[0];
    if (p.length === 2) return MONTHS[Number(p[1]) - 1] + " " + p[0] + " (month only)";
    return p[0] + " (year only)";
  }

  /* A date of any precision as its first or last day ("2021-05" -> 2021-05-01 / -31),
   * comparable as text; as read.in_date_range does in Python. */
  function padDate(d, last) {
    if (d.length === 4) return d + (last ? "-12-31" : "-01-01");
    if (d.length === 7) return d + (last ? "-31" : "-01");
    return d;
  }

  function row(parent, label, value) {
    if (value === undefined || value === null || value === "") return;
    var r = el("div", "geomap-row");
    r.appendChild(el("span", "geomap-label", label));
    r.appendChild(document.createTextNode(String(value)));
    parent.appendChild(r);
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : "";
  }

  function popup(c, side) {
    var box = el("div", "geomap-popup");
    var head = el("div", "geomap-popup-head");
    var badge = el("span", "geomap-badge", c.claimant_side);
    badge.style.background = side.colour;
    head.appendChild(badge);
    head.appendChild(el("strong", null, c.claimant));
    head.appendChild(document.createTextNode(" " + c.stance + " · " + c.event));
    box.appendChild(head);
    row(box, "Date", formatDate(c.date, c.date_precision));
    row(box, "Place", c.place_name + " (" + c.precision + "-level" +
        (c.place && c.place !== c.place_name ? ", written \u201c" + c.place + "\u201d" : "") + ")");
    if (typeof c.confidence === "number" && c.confidence < UNCERTAIN) {
      row(box, "Uncertain", (c.check ? "inferred: " + c.check + "; " : "") +
          "this may not be the place meant (confidence " + c.confidence.toFixed(2) + "): " +
          c.resolution);
    } else if (c.check) {
      row(box, "Inferred", c.check);
    }
    row(box, "Border", c.border);
    row(box, "Actor", c.actor);
    if (c.role === "reaction") row(box, "Role", "reaction by a third party, mapped at the place it concerns");
    box.appendChild(el("blockquote", "geomap-quote", c.text));
    var src = el("div", "geomap-row");
    src.appendChild(el("span", "geomap-label", "Source"));
    var url = safeUrl(c.url);
    var name = c.source || c.publisher || url || "unnamed source";
    if (url) {
      var a = el("a", null, name);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.appendChild(document.createTextNode(name));
    }
    if (c.published) src.appendChild(document.createTextNode(" (published " + c.published + ")"));
    box.appendChild(src);
    box.appendChild(el("div", "geomap-trace", "claim " + c.id + " \u00b7 " + c.origin));
    box.appendChild(el("div", "geomap-trace", "located: " + c.resolution));
    return box;
  }

  /* A cluster is a ring split by claimant side (in the sides' colours) around the count, so
   * that a cluster's colour never reads as one side's. */
  function clusterIcon(group, sides) {
    var counts = table();
    var markers = group.getAllChildMarkers();
    markers.forEach(function (m) {
      counts[m.options.side] = (counts[m.options.side] || 0) + 1;
    });
    var stops = [], at = 0;
    Object.keys(counts).sort().forEach(function (s) {
      var end = at + 100 * counts[s] / markers.length;
      stops.push(sides[s].colour + " " + at.toFixed(2) + "% " + end.toFixed(2) + "%");
      at = end;
    });
    var size = markers.length < 10 ? 34 : markers.length < 100 ? 40 : 46;
    var ring = el("div", "geomap-cluster-ring");
    ring.style.background = "conic-gradient(" + stops.join(", ") + ")";
    ring.appendChild(el("span", "geomap-cluster-count", markers.length));
    var holder = el("div");
    holder.appendChild(ring);
    return L.divIcon({html: holder.innerHTML, className: "geomap-cluster",
                      iconSize: [size, size]});
  }

  function tooltip(c) {
    return el("span", null, c.claimant + " " + c.stance + " " + c.event + " \u2014 " +
              c.place_name + ", " + formatDate(c.date, c.date_precision));
  }

  /* The time control (.geomap-timeline): two sliders over the dates the claims carry. */
  function timeline(dates, range, refresh) {
    var box = document.getElementById("geomap-timeline");
    if (!box || !dates.length) { if (box) box.style.display = "none"; return; }
    var from = box.querySelector("input[name=from]"), to = box.querySelector("input[name=to]");
    var undated = box.querySelector("input[name=undated]");
    var label = document.getElementById("geomap-timeline-range");
    from.max = to.max = String(dates.length - 1);
    from.value = "0";
    to.value = String(dates.length - 1);
    var pad = padDate;
    function update() {
      var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
      range.from = pad(dates[a], false);
      range.to = pad(dates[b], true);
      range.undated = undated.checked;
      label.textContent = formatDate(dates[a]) + " \u2013 " + formatDate(dates[b]);
      refresh();
    }
    [from, to, undated].forEach(function (el) { el.addEventListener("input", update); });
    undated.addEventListener("change", update);
    update();
  }

  /* groups: [side, layer] pairs; the (empty) layer stands for that side in the layer control.
   * Markers live in one cluster group so that claims of every side at one place cluster
   * together; switching a side off in the control takes its markers out of the cluster. */
  function draw(map, groups, labelLayer) {
    var data = readData();
    var sides = table();
    data.sides.forEach(function (s) { sides[s.side] = s; });
    var cluster = L.markerClusterGroup({
      maxClusterRadius: 36, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
      spiderfyDistanceMultiplier: 1.6,
      iconCreateFunction: function (group) { return clusterIcon(group, sides); }
    });
    var bySide = table();
    var byId = table();
    data.claims.forEach(function (c) {
      var side = sides[c.claimant_side];
      var approximate = ["province", "district", "country", "zone"].indexOf(c.precision) >= 0;
      var holder = el("div");
      holder.appendChild(symbol(c.stance, side.colour, approximate));
      var marker = L.marker([c.lat, c.lon], {
        icon: L.divIcon({html: holder.innerHTML, className: "geomap-claim geomap-stance-" +
                         c.stance, iconSize: [22, 22], iconAnchor: [11, 11]}),
        title: "", keyboard: true, riseOnHover: true, side: c.claimant_side, date: c.date
      });
      marker.bindPopup(function () { return popup(c, side); }, {maxWidth: 360, minWidth: 260,
        autoPanPaddingTopLeft: L.point(450, 20), autoPanPaddingBottomRight: L.point(20, 20)});
      byId[c.id] = marker;
      marker.bindTooltip(function () { return tooltip(c); }, {direction: "top", offset: [0, -9]});
      (bySide[c.claimant_side] = bySide[c.claimant_side] || []).push(marker);
    });
    // What is shown: the sides switched on in the layer control, and the dates in the
    // time control's range. Every change rebuilds the cluster group from that state.
    var sidesOn = table();
    Object.keys(bySide).forEach(function (s) { sidesOn[s] = true; });
    var range = {from: "", to: "\uffff", undated: true};
    function inRange(date) {
      if (!date) return range.undated;
      var start = padDate(date, false), end = padDate(date, true);
      return end >= range.from && start <= range.to;
    }
    function refresh() {
      var shown = [];
      Object.keys(bySide).forEach(function (s) {
        if (!sidesOn[s]) return;
        bySide[s].forEach(function (m) { if (inRange(m.options.date)) shown.push(m); });
      });
      cluster.clearLayers();
      cluster.addLayers(shown);
      var counter = document.getElementById("geomap-timeline-count");
      if (counter) counter.textContent = shown.length + " of " + data.claims.length + " shown";
    }
    refresh();
    cluster.addTo(map);
    map.on("overlayadd overlayremove", function (e) {
      groups.forEach(function (pair) {
        if (pair[1] === e.layer) { sidesOn[pair[0]] = e.type === "overlayadd"; refresh(); }
      });
    });
    timeline(data.dates, range, refresh);
    data.labels.forEach(function (l) {
      var holder = el("div");
      holder.appendChild(el("span", null, l.name));
      L.marker([l.lat, l.lon], {
        icon: L.divIcon({html: holder.innerHTML, className: "geomap-country-label",
                         iconSize: [160, 18], iconAnchor: [80, 26]}),
        interactive: false, keyboard: false
      }).addTo(labelLayer);
    });
    // "Reactions" list: a click shows the claim where it is mapped
    Array.prototype.forEach.call(document.querySelectorAll(".geomap-goto"), function (b) {
      b.addEventListener("click", function () {
        var marker = byId[b.getAttribute("data-claim")];
        // (markercluster drops the callback when a zoom is still under way: try again)
        function show(tries) {
          if (!marker || !cluster.hasLayer(marker) || marker.isPopupOpen()) { return; }
          cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
          if (tries > 0) { setTimeout(function () { show(tries - 1); }, 1000); }
        }
        show(3);
      });
    });
    window.geomapCluster = cluster;  // for tests and the curious: the live cluster group
    return cluster;
  }

  return {draw: draw, symbol: symbol, formatDate: formatDate};
})();

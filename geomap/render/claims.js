/* geomap: draws the claims from the page's own data (script#geomap-data).
 * Every string from a source reaches the page through textContent or a text node, never
 * through innerHTML, so no source text can become markup or script. The symbols are drawn
 * from the spec in the data (data.symbols, from symbols.py), the same the legend is drawn
 * from. */
"use strict";
var geomap = (function () {
  var SVGNS = "http://www.w3.org/2000/svg";
  var SPEC = null;  // data.symbols
  // The legend and the filters start open where there is room: a window at least this
  // wide and tall (px); folded on smaller screens.
  var NARROW = 900, SHORT = 760;
  var own = Object.prototype.hasOwnProperty;

  /* markercluster's DistanceGrid (1.4.1: what the cluster group finds each marker's
   * neighbours in, at each zoom), giving the same answers in the same order, faster and
   * with nothing made per object: its cells in an open-addressed table by (column, row) in
   * a typed array, each cell a list of its objects (and their points' x and y) in the order
   * they came, kept in flat arrays; and a bit for each cell (modulo 1024 columns and rows)
   * that ever held one, since most neighbours asked for are empty. What is read together
   * is kept together (a slot's four numbers, an entry's three): at 100,000 claims the
   * tables are megabytes, and each read of memory far away costs more than the sums. The
   * grid's methods are replaced (the originals kept as L.DistanceGrid.prototype.
   * geomapOriginal); its cells are made when first used. ClaimCluster (below) asks the
   * cells directly, by numbers. */
  var FREE = -2, EMPTY = -1;  // (a slot's first entry: none ever; none now)
  /* A table of n slots, all free: slot h at 4 * h holds its cell's column and row, and the
   * first and last entries of the cell. */
  function freeSlots(n) {
    var tab = new Int32Array(4 * n);
    for (var q = 2; q < tab.length; q += 4) tab[q] = FREE;
    return tab;
  }
  function Cells() {
    this.mask = 1023;
    this.tab = freeSlots(1024);
    this.used = 0;
    this.objs = [];  // (the entries' objects)
    this.pts = new Float64Array(3 * 1024);  // (entry e at 3 * e: its point's x and y, the
                                            // next entry of its cell or -1)
    this.odd = null;  // (cells at coordinates that are not 32-bit integers, by "x,y")
    this.seen = new Int32Array(1 << 15);
    this.atX = 0;  // (the point of what near() found last)
    this.atY = 0;
  }
  function plain(x, y) { return (x | 0) === x && (y | 0) === y; }
  /* Where cell (x, y)'s slot is in the table (4 * its slot): its own, or the free one where
   * it would go. */
  Cells.prototype.slot = function (x, y) {
    var tab = this.tab, mask = this.mask;
    var h = (Math.imul(x, -1640531535) ^ Math.imul(y, 597399067)) & mask;
    while (tab[4 * h + 2] !== FREE && (tab[4 * h] !== x || tab[4 * h + 1] !== y)) {
      h = (h + 1) & mask;
    }
    return 4 * h;
  };
  Cells.prototype.oddCell = function (x, y, make) {
    var key = x + "," + y, odd = this.odd || (this.odd = new Map()), cell = odd.get(key);
    if (!cell && make) odd.set(key, cell = {objs: [], xs: [], ys: []});
    return cell;
  };
  /* Adds obj at point (px, py), in cell (x, y). */
  Cells.prototype.add = function (x, y, obj, px, py) {
    if (!plain(x, y)) {
      var cell = this.oddCell(x, y, true);
      cell.objs.push(obj);
      cell.xs.push(px);
      cell.ys.push(py);
      return;
    }
    if (2 * (this.used + 1) > this.mask) this.grow();
    var q = this.slot(x, y), tab = this.tab, e = this.objs.length;
    if (tab[q + 2] === FREE) {
      var bit = ((y & 1023) << 10) | (x & 1023);
      tab[q] = x;
      tab[q + 1] = y;
      tab[q + 2] = EMPTY;
      this.used++;
      this.seen[bit >> 5] |= 1 << (bit & 31);
    }
    this.objs.push(obj);
    if (3 * e >= this.pts.length) this.more();
    var pts = this.pts;
    pts[3 * e] = px;
    pts[3 * e + 1] = py;
    pts[3 * e + 2] = -1;
    if (tab[q + 2] === EMPTY) tab[q + 2] = e; else pts[3 * tab[q + 3] + 2] = e;
    tab[q + 3] = e;
  };
  Cells.prototype.more = function () {
    var pts = new Float64Array(2 * this.pts.length);
    pts.set(this.pts);
    this.pts = pts;
  };
  /* Takes obj out of cell (x, y); whether it was there. */
  Cells.prototype.remove = function (x, y, obj) {
    if (!plain(x, y)) {
      var cell = this.oddCell(x, y, false), i = cell ? cell.objs.indexOf(obj) : -1;
      if (i < 0) return false;
      cell.objs.splice(i, 1);
      cell.xs.splice(i, 1);
      cell.ys.splice(i, 1);
      return true;
    }
    var q = this.slot(x, y), tab = this.tab, pts = this.pts, prev = -1, e = tab[q + 2];
    while (e >= 0 && this.objs[e] !== obj) {
      prev = e;
      e = pts[3 * e + 2];
    }
    if (e < 0) return false;
    var after = pts[3 * e + 2];
    if (prev < 0) tab[q + 2] = after < 0 ? EMPTY : after;
    else pts[3 * prev + 2] = after;
    if (tab[q + 3] === e) tab[q + 3] = prev;
    this.objs[e] = null;
    return true;
  };
  /* The nearest object to point (px, py) (in cell (x, y)) whose squared distance is at most
   * limit, the first found of the nearest, as markercluster's getNearObject finds it; or
   * null. Its point is left in atX, atY. */
  Cells.prototype.near = function (x, y, px, py, limit) {
    var closestDistSq = limit, closest = null, i, j, k, dx, dy, d, pts = this.pts;
    if (!plain(x - 1, y - 1) || !plain(x + 1, y + 1)) {  // (far off any map)
      for (i = y - 1; i <= y + 1; i++) {
        for (j = x - 1; j <= x + 1; j++) {
          var cell = plain(j, i) ? null : this.oddCell(j, i, false);
          if (plain(j, i)) {
            for (k = this.tab[this.slot(j, i) + 2]; k >= 0; k = pts[3 * k + 2]) {
              dx = px - pts[3 * k];
              dy = py - pts[3 * k + 1];
              d = dx * dx + dy * dy;
              if (d < closestDistSq || d <= closestDistSq && closest === null) {
                closestDistSq = d;
                closest = this.objs[k];
                this.atX = pts[3 * k];
                this.atY = pts[3 * k + 1];
              }
            }
            continue;
          }
          for (k = 0; cell && k < cell.objs.length; k++) {
            dx = px - cell.xs[k];
            dy = py - cell.ys[k];
            d = dx * dx + dy * dy;
            if (d < closestDistSq || d <= closestDistSq && closest === null) {
              closestDistSq = d;
              closest = cell.objs[k];
              this.atX = cell.xs[k];
              this.atY = cell.ys[k];
            }
          }
        }
      }
      return closest;
    }
    var seen = this.seen, tab = this.tab, at = -1;
    for (i = y - 1; i <= y + 1; i++) {
      var row = (i & 1023) << 10;
      for (j = x - 1; j <= x + 1; j++) {
        var bit = row | (j & 1023);
        if (!(seen[bit >> 5] & (1 << (bit & 31)))) continue;
        for (var e = tab[this.slot(j, i) + 2]; e >= 0; e = pts[3 * e + 2]) {
          dx = px - pts[3 * e];
          dy = py - pts[3 * e + 1];
          d = dx * dx + dy * dy;
          if (d < closestDistSq || d <= closestDistSq && at < 0) {
            closestDistSq = d;
            at = e;
          }
        }
      }
    }
    if (at < 0) return null;
    this.atX = pts[3 * at];
    this.atY = pts[3 * at + 1];
    return this.objs[at];
  };
  Cells.prototype.grow = function () {
    var old = this.tab, n = 2 * (this.mask + 1);
    this.mask = n - 1;
    this.tab = freeSlots(n);
    for (var q = 0; q < old.length; q += 4) {
      if (old[q + 2] === FREE) continue;
      var r = this.slot(old[q], old[q + 1]);
      this.tab[r] = old[q];
      this.tab[r + 1] = old[q + 1];
      this.tab[r + 2] = old[q + 2];
      this.tab[r + 3] = old[q + 3];
    }
  };
  /* The cells with each number in them replaced by the object of that number in objs. */
  function named(cells, objs) {
    function name(list) {
      for (var e = 0; e < list.length; e++) if (list[e] !== null) list[e] = objs[list[e]];
    }
    name(cells.objs);
    if (cells.odd) cells.odd.forEach(function (cell) { name(cell.objs); });
  }
  function cellsOf(grid) { return grid._geomapCells || (grid._geomapCells = new Cells()); }
  var FAST_GRID = {
    addObject: function (obj, point) {
      cellsOf(this).add(this._getCoord(point.x), this._getCoord(point.y), obj, point.x, point.y);
    },
    // true where the object was there
    removeObject: function (obj, point) {
      if (cellsOf(this).remove(this._getCoord(point.x), this._getCoord(point.y), obj)) {
        return true;
      }
    },
    eachObject: function (fn, context) {
      var all = cellsOf(this), objs = all.objs;
      for (var e = 0; e < objs.length; e++) {
        if (objs[e] !== null) fn.call(context, objs[e]);
      }
      if (all.odd) {
        all.odd.forEach(function (cell) {
          for (var k = 0, len = cell.objs.length; k < len; k++) {
            if (fn.call(context, cell.objs[k])) {
              k--;
              len--;
            }
          }
        });
      }
    },
    // the nearest object within a cell's size of point (the first found of the nearest)
    getNearObject: function (point) {
      return cellsOf(this).near(this._getCoord(point.x), this._getCoord(point.y), point.x,
                                point.y, this._sqCellSize);
    }
  };
  (function () {
    var proto = L.DistanceGrid && L.DistanceGrid.prototype;
    if (!proto || proto.geomapOriginal) return;
    proto.geomapOriginal = {};
    Object.keys(FAST_GRID).forEach(function (name) {
      proto.geomapOriginal[name] = proto[name];
      proto[name] = FAST_GRID[name];
    });
  })();

  /* A map with no prototype: keys from the data ("constructor", "__proto__") are plain keys. */
  function table() { return Object.create(null); }

  function readData() {
    return JSON.parse(document.getElementById("geomap-data").textContent);
  }

  /* The claims of the page's data. data.claims and data.places are tables by column
   * ({length, fields, same, values, numbered, columns}: a field in same has that value in
   * every row; else its column is columns[field], whose entries are indexes into
   * values[field] where the field is there; a field in numbered has each row's value
   * followed by the row's number there, written with digits[field] digits, zeros in
   * front, where the field is there, or, where its value is [before, after], the row's
   * number between those texts (as String writes it); a column or numbers given as
   * {first, step} hold first + step * i in row i; a field in neither same nor columns is
   * in script#geomap-later's table of the same name, which only a popup, a tooltip or a
   * whole record needs: parsed when first asked, readLater): a claim's fields say what it
   * claims, and its place_row is the row of data.places whose fields (the place, its
   * border facts and words) it takes.
   * Nothing is made per claim when the page opens but its marker: CLAIMS.get(i) gives
   * claim i's few fields the map's links, its filters and the incidents need (LIGHT, and
   * its row i), made when first asked; recordOf the whole claim, made when a popup or a
   * tooltip first asks. The fields are the page's own names; every object is made with
   * them in the same order, so that the browser keeps one shape for all. */
  var LIGHT = ["id", "claimant_side", "claimant", "stance", "event", "date", "incident_id",
               "lat", "lon", "precision"];
  var CLAIMS = null;  // (set by draw: the page's claims, a Claims)

  /* A column as a list: as given, or {first, step} (row i holds first + step * i). */
  function listed(col, n) {
    if (!col || Array.isArray(col)) return col;
    var out = [];  // (filled in order: a packed array, not a sparse one of length n)
    for (var i = 0; i < n; i++) out.push(col.first + col.step * i);
    return out;
  }

  function columnsOf(t, from) {
    var values = t.values || {}, same = t.same || {}, numbered = t.numbered || {},
        digits = t.digits || {}, columns = t.columns || {};
    return t.fields.map(function (f) {
      var one = own.call(same, f), later = !one && !own.call(columns, f);
      return {name: f, k: 0, from: from, later: later, one: one,
              same: one ? same[f] : undefined,
              col: one || later ? null : listed(columns[f], t.length),
              values: own.call(values, f) ? values[f] : null,
              nums: own.call(numbered, f) ? listed(numbered[f], t.length) : null,
              digits: own.call(digits, f) ? digits[f] : 0};
    });
  }

  function Claims(data) {
    var cf = columnsOf(data.claims, 0), pf = columnsOf(data.places, 1);
    this.fields = cf.concat(pf);
    this.length = data.claims.length;
    this.light = [];
    this.placeRow = this.field("place_row");
    this.lightFields = LIGHT.map(function (name) { return this.field(name); }, this);
    this.index = null;  // (claim i by id, made when first asked)
    this.laterRead = false;
  }
  /* The fields of script#geomap-later (those of this.fields marked later), read once. */
  Claims.prototype.readLater = function () {
    if (this.laterRead) return;
    this.laterRead = true;
    var box = document.getElementById("geomap-later");
    var more = box ? JSON.parse(box.textContent) : {};
    var given = [];
    if (more.claims) given = given.concat(columnsOf(more.claims, 0));
    if (more.places) given = given.concat(columnsOf(more.places, 1));
    this.fields.forEach(function (f) {
      if (!f.later) return;
      f.later = false;
      for (var j = 0; j < given.length; j++) {
        var g = given[j];
        if (g.name !== f.name || g.from !== f.from || g.later) continue;
        f.one = g.one;
        f.same = g.same;
        f.col = g.col;
        f.values = g.values;
        f.nums = g.nums;
        f.digits = g.digits;
        return;
      }
      f.k = -1;  // (not given: none)
    });
  };
  /* A field by name: the claim's own first, then its place's ({name, k: -1}: none). */
  Claims.prototype.field = function (name) {
    for (var j = 0; j < this.fields.length; j++) {
      if (this.fields[j].name === name) return this.fields[j];
    }
    return {name: name, k: -1, from: 0, later: false, one: true, same: undefined, col: null,
            values: null, nums: null, digits: 0};
  };
  /* The row of field f's table that claim i takes it from. */
  Claims.prototype.row = function (f, i) {
    if (!f.from) return i;
    var p = this.placeRow;
    return p.col ? p.col[i] : p.same;
  };
  /* The value of field f (from field()) in claim i. */
  Claims.prototype.value = function (f, i) {
    if (f.later) this.readLater();
    if (f.k < 0) return undefined;
    var j = this.row(f, i), v = f.col ? (f.values ? f.values[f.col[j]] : f.col[j]) : f.same;
    if (!f.nums || v === null) return v;
    // ([before, after]: the text around its number; else the text before it)
    return Array.isArray(v) ? v[0] + String(f.nums[j]) + v[1]
      : v + String(f.nums[j]).padStart(f.digits, "0");
  };
  /* The field's value in claim i as a number that stands for it: the index of its value
   * where the field gives its values once, 0 where it has one value, or the value itself. */
  Claims.prototype.code = function (f, i) {
    if (f.later) this.readLater();
    if (f.k < 0) return undefined;
    if (!f.col) return 0;
    return f.col[this.row(f, i)];
  };
  /* Whether the field is one of a few values, each standing for a number (code). */
  Claims.prototype.coded = function (f) {
    if (f.later) this.readLater();
    return !f.nums && (!f.col || !!f.values);
  };
  /* Whether test(value) holds for field f of claim i, as a function of i: the test is asked
   * once for each value where the claims' field gives its values once. */
  Claims.prototype.where = function (f, test) {
    var self = this;
    if (f.later) this.readLater();
    if (f.k >= 0 && !f.from && !f.nums && !f.col) {
      var always = !!test(f.same);
      return function () { return always; };
    }
    if (f.k >= 0 && f.values && !f.from && !f.nums) {
      var ok = f.values.map(function (v) { return !!test(v); }), col = f.col;
      return function (i) { return ok[col[i]]; };
    }
    return function (i) { return !!test(self.value(f, i)); };
  };
  Claims.prototype.get = function (i) {
    var c = this.light[i];
    if (!c) {
      c = {i: i};
      for (var j = 0; j < this.lightFields.length; j++) {
        var f = this.lightFields[j];
        c[f.name] = this.value(f, i);
      }
      this.light[i] = c;
    }
    return c;
  };
  Claims.prototype.byId = function (id) {
    if (!this.index) {
      var index = new Map(), f = this.field("id");
      for (var i = 0; i < this.length; i++) index.set(String(this.value(f, i)), i);
      this.index = index;
    }
    var at = this.index.get(String(id));  // (ids as text, as an attribute gives them)
    return at === undefined ? undefined : this.get(at);
  };

  function recordOf(c) {
    if (!c.record) {
      var full = {};
      CLAIMS.fields.forEach(function (f) { full[f.name] = CLAIMS.value(f, c.i); });
      c.record = full;
    }
    return c.record;
  }

  function spec() {
    if (!SPEC) SPEC = readData().symbols;
    return SPEC;
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

  function roomy() { return window.innerWidth >= NARROW && window.innerHeight >= SHORT; }

  /* The title panel ends above the filters panel, whatever either holds. */
  function fitLeft() {
    var title = document.getElementById("geomap-title");
    var show = document.getElementById("geomap-timeline");
    if (!title || !show) return;
    var room = show.getBoundingClientRect().top - title.getBoundingClientRect().top - 10;
    title.style.maxHeight = Math.max(120, room) + "px";
  }

  /* "1 claim", "1,234 claims": as wording.plural writes them. */
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function plural(n, word) { return thousands(n) + " " + word + (n === 1 ? "" : "s"); }

  // (what Python's str.split() splits at, so that shortText cuts where html._short does)
  var SPACES = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  /* A text cut at a word near ``limit`` characters (code points), with an ellipsis when
   * cut: html._short. */
  function shortText(text, limit) {
    var chars = Array.from(String(text || "").split(SPACES).filter(Boolean).join(" "));
    if (chars.length <= limit) return chars.join("");
    var cut = chars.slice(0, limit).join(""), at = cut.lastIndexOf(" ");
    if (at > 0) cut = cut.slice(0, at);
    return cut.replace(/[,;:.]+$/, "") + "\u2026";
  }

  var STANCE_VERBS = {asserts: "asserts", denies: "denies", reports: "reports",
                      calls: "calls for"};
  function stanceVerb(stance) {
    return own.call(STANCE_VERBS, stance) ? STANCE_VERBS[stance] : String(stance || "");
  }

  /* One symbol per stance, in the claimant side's colour, as the spec draws it; a dashed
   * halo when the place is known only to a province, district or country. */
  function symbol(stance, colour, approximate) {
    var sp = spec();
    var s = svg("svg", {width: sp.size, height: sp.size,
                        viewBox: "0 0 " + sp.size + " " + sp.size, "class": "geomap-symbol"});
    var st = own.call(sp.stances, stance) ? sp.stances[stance] : sp.stances[sp.fallback];
    (approximate ? st.approximate_elements : st.elements).forEach(function (pair) {
      var attrs = {};
      Object.keys(pair[1]).forEach(function (k) {
        attrs[k] = pair[1][k] === sp.side ? colour : pair[1][k];
      });
      s.appendChild(svg(pair[0], attrs));
    });
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

  function popupOptions() {
    return {maxWidth: 360, minWidth: 260, autoPanPaddingBottomRight: L.point(20, 64)};
  }

  /* The map's links (set up in draw): show a claim or an incident where it is mapped. */
  var go = {claim: function () {}, incident: function () {}, asked: 0};

  function gotoButton(text, kind, id) {
    var b = el("button", "geomap-show", text);
    b.type = "button";
    b.setAttribute(kind === "claim" ? "data-claim" : "data-incident", id);
    // (a popup stops clicks from reaching the document: the button calls directly)
    b.addEventListener("click", function (ev) { ev.stopPropagation(); go[kind](id); });
    return b;
  }

  /* How a claim's place was found, in words: given once per resolution (data.located). */
  var LOCATED = {};  // (set by draw from the page's data)
  function locatedWords(c) {
    var key = c.resolution || "";
    return Object.prototype.hasOwnProperty.call(LOCATED, key) ? LOCATED[key] : "";
  }

  /* The point of view shown: "" is Natural Earth's default; a claim's popup gives the
   * place's name as that side writes it (data.view_names, by place id) and the border fact
   * as that view classes the lines (its place's field "border:" + the view), where they
   * differ. */
  var VIEW = "", VIEW_NAMES = {};
  function has(o, key) { return !!o && own.call(o, key); }
  function inView(table, key, fallback) {
    var by = has(table, key) ? table[key] : null;
    return has(by, VIEW) ? by[VIEW] : fallback;
  }
  function placeName(c) { return inView(VIEW_NAMES, c.place_id || "", c.place_name); }
  function borderText(c) {
    var seen = c["border:" + VIEW];
    return seen === undefined || seen === null ? c.border : seen;
  }

  function popup(claim, side, incident) {
    var c = recordOf(claim);
    var box = el("div", "geomap-popup");
    var head = el("div", "geomap-popup-head");
    var badge = el("span", "geomap-badge", c.claimant_side);
    badge.style.background = side ? side.colour : "#888";
    head.appendChild(badge);
    head.appendChild(el("strong", null, c.claimant || "unnamed claimant"));
    head.appendChild(document.createTextNode(" " + stanceVerb(c.stance) + " \u00b7 " + c.event));
    box.appendChild(head);
    row(box, "Date", formatDate(c.date, c.date_precision));
    if (incident) {
      row(box, "Incident", incident.title + (incident.dates &&
          incident.title.indexOf(incident.dates) < 0 ? " (" + incident.dates + ")" : ""));
    }
    var shownName = placeName(c);
    row(box, "Place", shownName + " (" + c.precision + "-level" +
        (c.place && c.place !== shownName ? ", written \u201c" + c.place + "\u201d" : "") + ")");
    if (shownName !== c.place_name) row(box, "Also", c.place_name);
    if (c.place_note) row(box, "Place " + c.certainty + ":", c.place_note);
    if (c.check) row(box, "Inferred", c.check);
    row(box, "Border", borderText(c));
    row(box, "Actor", c.actor);
    if (c.role === "reaction") row(box, "Role", "reaction by a third party, mapped at the place it concerns");
    box.appendChild(el("blockquote", "geomap-quote", c.text));
    var src = el("div", "geomap-row");
    src.appendChild(el("span", "geomap-label", "Source"));
    var url = safeUrl(c.url);
    var name = c.source || c.publisher || url;
    if (url) {
      var a = el("a", null, name);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.appendChild(document.createTextNode(name || "none named"));
    }
    if (c.published) src.appendChild(document.createTextNode(" (published " + c.published + ")"));
    box.appendChild(src);
    box.appendChild(el("div", "geomap-trace", "claim " + c.id + " \u00b7 " + c.origin));
    var located = locatedWords(c);
    if (located) {
      box.appendChild(el("div", "geomap-trace", "located" +
                         (c.certainty ? " (" + c.certainty + ")" : "") + ": " + located));
    }
    return box;
  }

  /* The ring split by claimant side (in the sides' colours) as a conic gradient: a group's
   * colour never reads as one side's. */
  function ring(counts, total, sides) {
    var stops = [], at = 0;
    Object.keys(counts).sort().forEach(function (s) {
      var end = at + 100 * counts[s] / total;
      var colour = sides[s] ? sides[s].colour : "#888";
      stops.push(colour + " " + at.toFixed(2) + "% " + end.toFixed(2) + "%");
      at = end;
    });
    return "conic-gradient(" + stops.join(", ") + ")";
  }

  /* How many markers of each side (by its index, as their options say) a cluster holds,
   * all the way down, into by; how many in all. (As getAllChildMarkers would find them,
   * counted where they are: no list of a big cluster's markers made for its icon.) */
  function tally(cluster, by) {
    var ms = cluster._markers, cs = cluster._childClusters, n = ms.length, k;
    for (k = 0; k < ms.length; k++) by[ms[k].options.sideIndex]++;
    for (k = 0; k < cs.length; k++) n += tally(cs[k], by);
    return n;
  }

  function clusterIcon(group, sides, sideList) {
    var by = new Int32Array(sideList.length), n, counts = table();
    var known = group._group && group._group._geomapSides;
    var at = known ? numberOf(known, group) : undefined;
    if (at !== undefined && known.S === by.length) {
      // (as the fill counted them: the group has not changed since)
      for (var k = 0; k < by.length; k++) by[k] = known.by[at * known.S + k];
      n = group._childCount;
    } else {
      n = tally(group, by);
    }
    for (var s = 0; s < by.length; s++) if (by[s]) counts[sideList[s]] = by[s];
    var sizes = spec().cluster.sizes;
    var size = n < 10 ? sizes[0] : n < 100 ? sizes[1] : sizes[2];
    var r = el("div", "geomap-cluster-ring");
    r.style.background = ring(counts, n, sides);
    r.appendChild(el("span", "geomap-cluster-count", n));
    var holder = el("div");
    holder.appendChild(r);
    return L.divIcon({html: holder.innerHTML, className: "geomap-cluster",
                      iconSize: [size, size]});
  }

  /* One symbol per incident: a rounded square ringed by its shown claims' sides, their
   * count inside, and the contested mark in the corner. ``shown``: the indices of its
   * claims shown; ``offset``: the how-manieth incident at the very same point (drawn
   * beside the others). */
  function incidentIcon(inc, shown, sides, offset) {
    var sp = spec().incident;
    var counts = table(), side = CLAIMS ? CLAIMS.field("claimant_side") : null;
    shown.forEach(function (i) {
      var s = CLAIMS.value(side, i);
      counts[s] = (counts[s] || 0) + 1;
    });
    var r = el("div", "geomap-incident-ring");
    r.style.background = ring(counts, shown.length, sides);
    r.appendChild(el("span", "geomap-incident-count", shown.length));
    if (inc.contested) r.appendChild(el("span", "geomap-incident-mark", sp.contested_mark));
    var holder = el("div");
    holder.appendChild(r);
    var size = sp.size;
    return L.divIcon({html: holder.innerHTML, className: "geomap-incident-icon" +
                      (inc.contested ? " geomap-incident-contested" : ""),
                      iconSize: [size, size],
                      iconAnchor: [size / 2 - offset * (size + 8), size / 2]});
  }

  /* A cluster of incidents' symbols (where a page has more placed incidents than the
   * symbols' clustered_from): how many incidents, on a stack of grey squares, with the
   * contested mark where any of them is contested. */
  function incidentClusterIcon(group) {
    var sp = spec().incident, children = group.getAllChildMarkers();
    var r = el("div", "geomap-incident-ring geomap-incident-stack");
    r.appendChild(el("span", "geomap-incident-count", thousands(children.length)));
    var contested = children.some(function (m) { return m.geomapIncident.contested; });
    if (contested) r.appendChild(el("span", "geomap-incident-mark", sp.contested_mark));
    var holder = el("div");
    holder.appendChild(r);
    var size = sp.size + 8;
    return L.divIcon({html: holder.innerHTML, className: "geomap-incident-icon " +
                      "geomap-incident-cluster" + (contested ? " geomap-incident-contested" : ""),
                      iconSize: [size, size]});
  }

  function incidentPopup(inc, shown, unplacedById, sides) {
    var box = el("div", "geomap-popup geomap-incident-popup");
    var head = el("div", "geomap-popup-head");
    head.appendChild(el("strong", null, inc.title || "untitled incident"));
    box.appendChild(head);
    row(box, "Dates", inc.dates || "dates unknown");
    row(box, "Place", inc.place_name);
    box.appendChild(el("div", inc.contested ? "geomap-contested" : "geomap-uncontested",
                       (inc.contested ? spec().incident.contested_mark + " " : "") +
                       inc.contest_words));
    row(box, "Sides", inc.sides.map(function (s) {
      return (s.label || s.side) + ": " + plural(s.claims.length, "claim");
    }).join("; "));
    var on = table(), idField = CLAIMS.field("id");
    shown.forEach(function (i) { on[CLAIMS.value(idField, i)] = true; });
    row(box, "Claims", plural(inc.claims.length, "claim") + (shown.length < inc.claims.length ?
        ", " + shown.length + " shown by the filters" : ""));
    var list = el("ul");
    inc.claims.forEach(function (id) {
      var placed = CLAIMS.byId(id), c = placed || unplacedById[id];
      if (!c) return;
      var li = el("li");
      var badge = el("span", "geomap-badge", c.claimant_side);
      badge.style.background = sides[c.claimant_side] ? sides[c.claimant_side].colour : "#888";
      li.appendChild(badge);
      var who = c.claimant || "unnamed claimant";
      li.appendChild(placed ? gotoButton(who, "claim", id) : el("strong", null, who));
      li.appendChild(document.createTextNode(" " + stanceVerb(c.stance) + " " + c.event + ", " +
                                             formatDate(c.date)));
      if (!placed) li.appendChild(el("span", "geomap-reason", " (not on the map)"));
      else if (!on[id]) li.appendChild(el("span", "geomap-reason", " (hidden by the filters)"));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function tooltip(claim) {
    var c = recordOf(claim);
    return el("span", null, (c.claimant || "unnamed claimant") + " " + stanceVerb(c.stance) +
              " " + c.event + " \u2014 " + placeName(c) + ", " +
              formatDate(c.date, c.date_precision));
  }

  /* The time control (.geomap-timeline): two sliders over the dates the claims carry. */
  function timeline(dates, range, refresh) {
    var box = document.getElementById("geomap-timeline");
    if (!box) return;
    var part = box.querySelector(".geomap-dates-control");
    if (!dates.length) { if (part) part.style.display = "none"; return; }
    var from = box.querySelector("input[name=from]"), to = box.querySelector("input[name=to]");
    var undated = box.querySelector("input[name=undated]");
    var label = document.getElementById("geomap-timeline-range");
    from.max = to.max = String(dates.length - 1);
    from.value = "0";
    to.value = String(dates.length - 1);
    var pad = padDate;
    function update(first) {
      var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
      range.from = pad(dates[a], false);
      range.to = pad(dates[b], true);
      range.undated = undated.checked;
      label.textContent = a === b ? formatDate(dates[a]) :
        formatDate(dates[a]) + " \u2013 " + formatDate(dates[b]);
      if (first !== true) refresh();
    }
    [from, to, undated].forEach(function (el) {
      el.addEventListener("input", function () { update(); });
    });
    undated.addEventListener("change", function () { update(); });
    update(true);  // (the whole range: draw() draws once, after every control is set)
  }

  /* An incident in the Incidents panel, in its short form (a page of more claims than
   * html.PANEL_CLAIMS_IN_FULL): what html._incident_panel writes for it. */
  function incidentEntry(inc) {
    var li = el("li", "geomap-incident"), fold = el("details"), head = el("summary");
    li.setAttribute("data-incident", inc.id);
    var title = inc.title || "untitled incident";
    if (inc.placed) {
      var b = document.createElement("button");  // (its attributes in html.py's order)
      b.type = "button";
      b.className = "geomap-show geomap-incident-goto";
      b.setAttribute("data-incident", inc.id);
      b.textContent = title;
      head.appendChild(b);
    } else {
      head.appendChild(el("span", "geomap-incident-title", title));
    }
    var facts = [inc.title.indexOf(inc.dates) < 0 ? inc.dates : "",
                 plural(inc.claims.length, "claim")].filter(Boolean);
    head.appendChild(el("div", "geomap-incident-facts", facts.join(" \u00b7 ")));
    var contest = el("div", inc.contested ? "geomap-contested" : "geomap-uncontested");
    if (inc.contested) {
      var mark = el("span", "geomap-incident-mark geomap-incident-mark-sample",
                    spec().incident.contested_mark);
      mark.setAttribute("aria-hidden", "true");
      contest.appendChild(mark);
    }
    contest.appendChild(document.createTextNode(inc.contest_words));
    head.appendChild(contest);
    fold.appendChild(head);
    var line = [inc.place_name ? "at " + inc.place_name : "",
                inc.events.length ? "events: " + inc.events.join(", ") : "",
                inc.placed ? "" : "not on the map"].filter(Boolean).join("; ");
    // (it begins "at", "events" or "not": the first letter is a plain one)
    if (line) fold.appendChild(el("div", "geomap-reason", line[0].toUpperCase() + line.slice(1)));
    fold.appendChild(el("div", "geomap-reason", "Its claims side by side: click its title " +
                        "(or choose it in the filters)."));
    li.appendChild(fold);
    return li;
  }

  /* The Incidents panel's "List the next ..." button (html.more_incidents_words): lists the
   * next PANEL_INCIDENTS_AT_ONCE of the page's incidents before itself. */
  function listMore(button, incidents) {
    var from = +button.getAttribute("data-next"), step = +button.getAttribute("data-step");
    var to = Math.min(incidents.length, from + step), item = button.parentNode;
    var list = document.createDocumentFragment();
    for (var k = from; k < to; k++) list.appendChild(incidentEntry(incidents[k]));
    item.parentNode.insertBefore(list, item);
    if (to >= incidents.length) {
      item.parentNode.removeChild(item);
      return;
    }
    button.setAttribute("data-next", String(to));
    button.textContent = "List the next " + thousands(Math.min(step, incidents.length - to)) +
      " (" + thousands(incidents.length - to) + " not listed yet)";
  }

  /* The stance and event checkboxes and the incident select. */
  function filters(state, refresh, incidents) {
    var box = document.getElementById("geomap-timeline");
    if (!box) return;
    ["stance", "event"].forEach(function (name) {
      var on = state[name];
      Array.prototype.forEach.call(box.querySelectorAll("input[name=" + name + "]"),
                                   function (cb) {
        on[cb.value] = cb.checked;
        cb.addEventListener("change", function () { on[cb.value] = cb.checked; refresh(); });
      });
    });
    var select = box.querySelector("select[name=incident]");
    if (select && select.getAttribute("data-fill") === "later") {
      // (a menu of tens of thousands: made when first used, as html.incident_choice words it)
      var fill = function () {
        if (select.getAttribute("data-fill") !== "later") return;
        select.removeAttribute("data-fill");
        // (as wide as it may be: sized to its longest choice, the menu took 2 s to fill)
        select.classList.add("geomap-long");
        var items = document.createDocumentFragment();
        (incidents || []).forEach(function (inc) {
          var o = el("option", null, shortText(inc.title, 60) + " (" +
                     plural(inc.claims.length, "claim") + ")");
          o.value = inc.id;
          items.appendChild(o);
        });
        select.appendChild(items);
      };
      ["focus", "mousedown", "touchstart", "keydown"].forEach(function (kind) {
        select.addEventListener(kind, fill);
      });
    }
    if (select) {
      state.incident = select.value;
      select.addEventListener("change", function () { state.incident = select.value; refresh(); });
    }
    var fold = box.querySelector("details.geomap-filters");
    if (fold && !roomy()) fold.open = false;
    if (fold) fold.addEventListener("toggle", fitLeft);
    window.addEventListener("resize", fitLeft);
    // (fitted first when the page is about to be drawn on screen: draw's end)
  }

  /* Nothing covers a popup. The legend folds (open where there is room); a popup that would
   * lie under it folds it, and a popup under the folded legend or the layer control hides
   * that box, until the popup closes. */
  function keepClear(map) {
    var legendBox = document.getElementById("geomap-legend");
    var fold = legendBox ? legendBox.querySelector("details") : null;
    if (fold && !roomy()) fold.open = false;
    // (the panels on the left, which a reader clicks in, never hide: popups pan clear of
    // them, clearOfPanels, and where a pan under way leaves a popup under the title panel,
    // the panel narrows, nudge; the layer control is made after the claims are drawn)
    function boxes() {
      return [legendBox, document.querySelector(".leaflet-control-layers")].filter(Boolean);
    }
    var current = null, foldedByUs = false, nudged = null;
    function nudge() {
      // a popup the pan left under the title panel: the panel narrows to clear it (its
      // text wraps; it is as it was when the popup closes)
      var title = document.getElementById("geomap-title"), p = current.getElement();
      if (!title || !p) return;
      var a = p.getBoundingClientRect(), t = title.getBoundingClientRect();
      if (!hits(a, t)) return;
      var room = a.left - 12 - t.left - 24;  // (less its padding and border)
      if (room >= 180) { title.style.maxWidth = room + "px"; nudged = title; }
    }
    function hits(a, b) {
      return a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right &&
        a.top < b.bottom && b.top < a.bottom;
    }
    function under(box) {
      var p = current && current.getElement();
      return !!p && hits(p.getBoundingClientRect(), box.getBoundingClientRect());
    }
    function check() {
      if (!current) return;
      nudge();
      boxes().forEach(function (box) {
        box.classList.remove("geomap-away");
        if (box === legendBox && fold && fold.open && under(box)) {
          fold.open = false;
          foldedByUs = true;
        }
        if (under(box)) box.classList.add("geomap-away");
      });
    }
    map.on("popupopen", function (e) {
      current = e.popup;
      check();
      setTimeout(check, 350);  // after the popup's own pan into view
      setTimeout(check, 900);  // (which a busy machine slows down)
    });
    map.on("popupclose", function (e) {
      if (e.popup !== current) return;
      current = null;
      if (nudged) nudged.style.maxWidth = "";
      nudged = null;
      boxes().forEach(function (box) { box.classList.remove("geomap-away"); });
      if (foldedByUs && fold) fold.open = true;
      foldedByUs = false;
    });
    map.on("move moveend zoomend", check);
    if (fold) {
      fold.addEventListener("toggle", function () {
        if (fold.open && under(legendBox)) { foldedByUs = false; map.closePopup(); }
      });
    }
  }

  /* A popup pans into view clear of the title panel, however wide it is now. */
  function clearOfPanels(popup) {
    Object.defineProperty(popup.options, "autoPanPaddingTopLeft", {
      configurable: true,
      get: function () {
        var title = document.getElementById("geomap-title");
        var right = title ? title.getBoundingClientRect().right : 0;
        return L.point(Math.max(20, Math.min(right + 12, window.innerWidth - 430)), 20);
      }
    });
    return popup;
  }

  /* A claim's marker. Its popup and tooltip are made the first time they are asked for:
   * a page of 100,000 claims would otherwise make 200,000 of them before it is ready. */
  var BIND = null;  // (set by draw: binds a marker's popup and tooltip)
  var ClaimMarker = L.Marker.extend({
    geomapBind: function () {
      if (!this.geomapBound && BIND) {
        this.geomapBound = true;
        BIND(this);
      }
      return this;
    }
  });
  // (claim i's light record, for tests and the curious)
  Object.defineProperty(ClaimMarker.prototype, "geomapClaim", {
    get: function () { return CLAIMS.get(this.geomapIndex); }
  });
  ["bindPopup", "openPopup", "togglePopup", "isPopupOpen", "getPopup", "setPopupContent",
   "bindTooltip", "openTooltip", "toggleTooltip", "isTooltipOpen", "getTooltip",
   "setTooltipContent"].forEach(function (name) {
    var base = L.Marker.prototype[name];
    ClaimMarker.prototype[name] = function () {
      this.geomapBind();
      return base.apply(this, arguments);
    };
  });

  /* Whether new Look(point) (Look: a ClaimMarker class of draw's) can be plainMarker's:
   * no class on the way up has init hooks, and the marker's constructor is Leaflet's. */
  function plainMarkers() {
    for (var p = ClaimMarker.prototype; p; p = Object.getPrototypeOf(p)) {
      if (own.call(p, "_initHooks") && p._initHooks.length) return false;
    }
    return ClaimMarker.prototype.initialize === L.Marker.prototype.initialize;
  }
  /* A marker as new Look(point) makes it (Leaflet's constructor: setOptions, Marker's
   * initialize, callInitHooks), its own fields set in the same order, without the calls:
   * a page of 100,000 claims makes 100,000. */
  function plainMarker(Look, point) { return new (plainMaker(Look, markerMaker))(point); }
  function markerMaker(Look) {
    return function (point) {
      this.options = Object.create(Look.prototype.options);
      this._latlng = point;
      this._initHooksCalled = true;
    };
  }
  /* A constructor (made by make(K), then kept) of plain objects of class K: the browser
   * lays out the objects a constructor makes with room for the fields it sets, where
   * Object.create's had room for four and a block for the rest made again as it grew (at
   * 100,000 markers and clusters, megabytes to collect). */
  var PLAIN = new Map();
  function plainMaker(K, make) {
    var Plain = PLAIN.get(K);
    if (!Plain) {
      Plain = make(K);
      Plain.prototype = K.prototype;
      PLAIN.set(K, Plain);
    }
    return Plain;
  }

  /* Whether clusters of class C (the group's _markerCluster) can be plainCluster's: its
   * initialize and Leaflet's Marker's are as they were when claims.js came, and no class on
   * the way up has init hooks. */
  var CLUSTER_INIT = L.MarkerCluster.prototype.initialize,
      MARKER_INIT = L.Marker.prototype.initialize;
  function plainClusters(C) {
    for (var p = C.prototype; p; p = Object.getPrototypeOf(p)) {
      if (own.call(p, "_initHooks") && p._initHooks.length) return false;
    }
    return C.prototype.initialize === CLUSTER_INIT &&
      L.Marker.prototype.initialize === MARKER_INIT;
  }
  /* A cluster as new C(group, zoom) makes it (markercluster's initialize, through Leaflet's
   * constructor), its own fields set in the same order, without the calls; at latlng (the
   * constructor puts it at 0, 0 until a child comes). */
  function plainCluster(C, group, zoom, latlng) {
    return new (plainMaker(C, clusterMaker))(group, zoom, latlng);
  }
  function clusterMaker(C) {
    return function (group, zoom, latlng) {
      this.options = Object.create(C.prototype.options);
      this.options.icon = this;
      this.options.pane = group.options.clusterPane;
      this._latlng = latlng;
      this._group = group;
      this._zoom = zoom;
      this._markers = [];
      this._childClusters = [];
      this._childCount = 0;
      this._iconNeedsUpdate = true;
      this._boundsNeedUpdate = true;
      this._bounds = new L.LatLngBounds();
      this._initHooksCalled = true;
    };
  }

  var MERCATOR = L.Projection.SphericalMercator.project;  // (Leaflet's, as claims.js found it)
  /* map.project(latlng, 0) as {x, y, at(latlng)}: at sets x and y. For a map in EPSG:3857
   * whose projection is Leaflet's own (fast), by the very operations of
   * SphericalMercator.project and the transformation, in the same order, with no point made
   * per call; else by map.project. */
  function projector(map) {
    var crs = map.options.crs, sm = L.Projection.SphericalMercator, t = crs.transformation;
    if (map.project !== L.Map.prototype.project || crs.latLngToPoint !== L.CRS.latLngToPoint ||
        crs.projection !== sm || sm.project !== MERCATOR || !(t instanceof L.Transformation) ||
        t._transform !== L.Transformation.prototype._transform) {
      return {x: 0, y: 0, fast: false, at: function (ll) {
        var q = map.project(ll, 0);
        this.x = q.x;
        this.y = q.y;
      }};
    }
    var scale = crs.scale(0) || 1, a = t._a, b = t._b, c = t._c, dd = t._d,
        d = Math.PI / 180, max = sm.MAX_LATITUDE, R = sm.R;
    return {x: 0, y: 0, fast: true, at: function (ll) {
      var lat = Math.max(Math.min(max, ll.lat), -max), sin = Math.sin(lat * d);
      this.x = scale * (a * (R * ll.lng * d) + b);
      this.y = scale * (c * (R * Math.log((1 + sin) / (1 - sin)) / 2) + dd);
    }};
  }

  /* The clusters geomapAll makes, as numbers: cluster c's zoom, parent, founding marker (the
   * one whose point it takes), its markers in order (linked both ways: markercluster takes
   * one out) and its child clusters in order. Cluster 0 is the top level, at zoom top. */
  function Tree(n, top) {
    var cap = Math.max(1024, n);  // (clusters: rarely more than markers)
    this.cap = cap;
    this.made = 1;
    this.zoomOf = new Int32Array(cap);
    this.parentOf = new Int32Array(cap);
    this.founder = new Int32Array(cap);
    this.mHead = new Int32Array(cap);
    this.mTail = new Int32Array(cap);
    this.cHead = new Int32Array(cap);
    this.cTail = new Int32Array(cap);
    this.cNext = new Int32Array(cap);
    this.mNext = new Int32Array(n);
    this.mPrev = new Int32Array(n);
    this.mParent = new Int32Array(n);
    this.zoomOf[0] = top;
    this.parentOf[0] = -1;
    this.mHead[0] = this.mTail[0] = this.cHead[0] = this.cTail[0] = -1;
  }
  function grown(a, cap) {
    var b = new Int32Array(cap);
    b.set(a);
    return b;
  }
  /* A new cluster at zoom z, founded by marker first: its number. */
  Tree.prototype.cluster = function (z, first) {
    var c = this.made;
    if (c === this.cap) {
      var cap = this.cap = 2 * c;
      this.zoomOf = grown(this.zoomOf, cap);
      this.parentOf = grown(this.parentOf, cap);
      this.founder = grown(this.founder, cap);
      this.mHead = grown(this.mHead, cap);
      this.mTail = grown(this.mTail, cap);
      this.cHead = grown(this.cHead, cap);
      this.cTail = grown(this.cTail, cap);
      this.cNext = grown(this.cNext, cap);
    }
    this.zoomOf[c] = z;
    this.founder[c] = first;
    this.mHead[c] = this.mTail[c] = this.cHead[c] = this.cTail[c] = -1;
    this.made = c + 1;
    return c;
  };
  /* Marker k at the end of cluster c's markers. */
  Tree.prototype.addMarker = function (c, k) {
    var tail = this.mTail[c];
    this.mParent[k] = c;
    this.mPrev[k] = tail;
    this.mNext[k] = -1;
    if (tail < 0) this.mHead[c] = k; else this.mNext[tail] = k;
    this.mTail[c] = k;
  };
  /* Marker k out of its cluster's markers. */
  Tree.prototype.dropMarker = function (k) {
    var c = this.mParent[k], p = this.mPrev[k], q = this.mNext[k];
    if (p < 0) this.mHead[c] = q; else this.mNext[p] = q;
    if (q < 0) this.mTail[c] = p; else this.mPrev[q] = p;
  };
  /* Cluster child at the end of cluster c's child clusters. */
  Tree.prototype.addCluster = function (c, child) {
    this.parentOf[child] = c;
    this.cNext[child] = -1;
    if (this.cTail[c] < 0) this.cHead[c] = child; else this.cNext[this.cTail[c]] = child;
    this.cTail[c] = child;
  };

  /* markercluster's _addLayer(marker k, zoom max) in numbers, marker i at (px[i], py[i]) at
   * zoom 0: from
   * the closest zoom out, into a cluster close by, or into a new one with a marker on its
   * own close by, or on its own at that zoom and on to the next one out. */
  function placeMarker(tree, at, k, px, py, max) {
    var min = at.min, f = at.f, z, z2, x, y, x2, y2, c, o, cells, last, up, next, cell;
    for (z = max; z >= min; z--) {
      x = px[k] * f[z];
      y = py[k] * f[z];
      // a cluster close by?
      cell = at.cellC[z];
      c = at.C[z].near(Math.floor(x / cell), Math.floor(y / cell), x, y, at.sqC[z]);
      if (c !== null) {
        tree.addMarker(c, k);
        return;
      }
      // a marker close by, to make a new cluster with?
      cells = at.U[z];
      o = cells.near(Math.floor(x / at.cellU[z]), Math.floor(y / at.cellU[z]), x, y,
                     at.sqU[z]);
      if (o !== null) {
        up = tree.mParent[o];
        tree.dropMarker(o);
        c = last = tree.cluster(z, o);
        tree.addMarker(c, o);
        tree.addMarker(c, k);
        at.C[z].add(Math.floor(cells.atX / cell), Math.floor(cells.atY / cell), c, cells.atX,
                    cells.atY);
        // the clusters between it and the one the marker was in
        for (z2 = z - 1; z2 > tree.zoomOf[up]; z2--) {
          next = tree.cluster(z2, o);
          tree.addCluster(next, last);
          last = next;
          x2 = px[o] * f[z2];
          y2 = py[o] * f[z2];
          at.C[z2].add(Math.floor(x2 / at.cellC[z2]), Math.floor(y2 / at.cellC[z2]), last, x2,
                       y2);
        }
        tree.addCluster(up, last);
        // the marker leaves the grids of markers on their own at this zoom and below
        for (z2 = z; z2 >= min; z2--) {
          x2 = px[o] * f[z2];
          y2 = py[o] * f[z2];
          if (!at.U[z2].remove(Math.floor(x2 / at.cellU[z2]), Math.floor(y2 / at.cellU[z2]),
                               o)) break;
        }
        return;
      }
      // on its own at this zoom: on to the next one out
      cells.add(Math.floor(x / at.cellU[z]), Math.floor(y / at.cellU[z]), k, x, y);
    }
    tree.addMarker(0, k);
  }

  /* The clusters of tree as markercluster's objects, each as its constructor and _addChild
   * leave it (its markers and child clusters, their __parent, its first point), but for its
   * count, centre and bounds (countClusters, boundClusters): cluster c is objs[c]. In the
   * same pass over its markers (one look at each), what the others need of them: sums,
   * each cluster's own markers' count and count by side, and their bounds and sums of
   * latitudes and longitudes, in order. */
  function makeClusters(group, tree, list, sums) {
    var made = tree.made, objs = new Array(made), C = group._markerCluster, c, k, o, ll, si;
    var plainNew = plainClusters(C), zoomOf = tree.zoomOf, founder = tree.founder;
    var mHead = tree.mHead, mNext = tree.mNext, cHead = tree.cHead, cNext = tree.cNext;
    var S = sums.S, count = sums.count, by = sums.by, south = sums.south, west = sums.west,
        north = sums.north, east = sums.east, lat = sums.lat, lng = sums.lng;
    objs[0] = group._topClusterLevel;
    for (c = 1; c < made; c++) {
      objs[c] = plainNew ? plainCluster(C, group, zoomOf[c], list[founder[c]]._latlng)
        : new C(group, zoomOf[c]);
    }
    for (c = 0; c < made; c++) {
      var cl = objs[c], ms = cl._markers, cs = cl._childClusters;  // (empty: made so)
      var latSum = 0, lngSum = 0, s = Infinity, w = Infinity, nn = -Infinity, e = -Infinity;
      for (k = mHead[c]; k >= 0; k = mNext[k]) {
        var m = list[k];
        ms.push(m);
        m.__parent = cl;
        si = m.options.sideIndex;
        if (si >= 0 && si < S) by[c * S + si]++;
        ll = m._latlng;
        s = Math.min(ll.lat, s);
        w = Math.min(ll.lng, w);
        nn = Math.max(ll.lat, nn);
        e = Math.max(ll.lng, e);
        latSum += ll.lat;
        lngSum += ll.lng;
      }
      count[c] = ms.length;
      south[c] = s;
      west[c] = w;
      north[c] = nn;
      east[c] = e;
      lat[c] = latSum;
      lng[c] = lngSum;
      for (o = cHead[c]; o >= 0; o = cNext[o]) {
        cs.push(objs[o]);
        objs[o].__parent = cl;
      }
      if (c) cl._latlng = cl._cLatLng = list[founder[c]]._latlng;
    }
    return objs;
  }
  /* What makeClusters counts and sums for each of n clusters (S sides). */
  function Sums(n, S) {
    this.S = S;
    this.count = new Int32Array(n);
    this.by = new Int32Array(n * S);
    this.south = new Float64Array(n);
    this.west = new Float64Array(n);
    this.north = new Float64Array(n);
    this.east = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.lng = new Float64Array(n);
  }
  /* The clusters by zoom, from max down to min, greatest first (a cluster's children are at
   * greater zooms), but the top level. */
  function byZoom(tree, min, max) {
    var made = tree.made, out = new Int32Array(made - 1), at = 0, z, c, zoomOf = tree.zoomOf;
    for (z = max; z >= min; z--) {
      for (c = 1; c < made; c++) if (zoomOf[c] === z) out[at++] = c;
    }
    return out;
  }
  /* Each cluster's count (_childCount) and its markers by side, all the way down, from
   * its own (sums: makeClusters'), children first (order: byZoom's): for the icons, as the
   * group's _geomapSides. */
  function countClusters(tree, objs, sums, order) {
    var made = tree.made, count = sums.count, by = sums.by, S = sums.S;
    var parentOf = tree.parentOf, c, j, p;
    for (var b = 0; b < made - 1; b++) {
      c = order[b];
      p = parentOf[c];
      count[p] += count[c];
      for (j = 0; j < S; j++) by[p * S + j] += by[c * S + j];
    }
    for (c = 0; c < made; c++) objs[c]._childCount = count[c];
    return {objs: objs, zoomOf: tree.zoomOf, no: [], by: by, S: S};
  }
  /* Cluster c's number in the fill that counted it (known: the group's _geomapSides), or
   * undefined: from a table of the fill's clusters at c's zoom, made when first asked (icons
   * are made for the clusters on the map, a zoom at a time: a table of 70,000 clusters made
   * as the page opened took tens of milliseconds). */
  function numberOf(known, c) {
    var z = c._zoom, at = known.no[z];
    if (!at) {
      at = known.no[z] = new Map();
      for (var k = 0; k < known.objs.length; k++) {
        if (known.zoomOf[k] === z) at.set(known.objs[k], k);
      }
    }
    return at.get(c);
  }
  /* Each cluster's bounds and centre, as its _recalculateBounds makes them: the same sums in
   * the same order (its markers', from makeClusters' sums, then its child clusters' centres
   * times their counts), children first (order: byZoom's). The top level is left to its own
   * (its children are done). */
  function boundClusters(tree, objs, sums, order) {
    var cHead = tree.cHead, cNext = tree.cNext, count = sums.count, LL = L.LatLng;
    var south = sums.south, west = sums.west, north = sums.north, east = sums.east;
    var wLat = sums.lat, wLng = sums.lng;  // (made each cluster's centre, once summed)
    for (var b = 0; b < order.length; b++) {
      var c = order[b], o, cl;
      var latSum = wLat[c], lngSum = wLng[c], s = south[c], w = west[c], nn = north[c],
          e = east[c];
      for (o = cHead[c]; o >= 0; o = cNext[o]) {
        s = Math.min(south[o], s);
        w = Math.min(west[o], w);
        nn = Math.max(north[o], nn);
        e = Math.max(east[o], e);
        latSum += wLat[o] * count[o];
        lngSum += wLng[o] * count[o];
      }
      south[c] = s;
      west[c] = w;
      north[c] = nn;
      east[c] = e;
      wLat[c] = latSum / count[c];
      wLng[c] = lngSum / count[c];
      cl = objs[c];
      cl._bounds._southWest = new LL(s, w);
      cl._bounds._northEast = new LL(nn, e);
      cl._latlng = cl._wLatLng = new LL(wLat[c], wLng[c]);
      cl._boundsNeedUpdate = false;
    }
  }

  /* The cluster group of the claims' markers: markercluster's (1.4.1), but filled on the map
   * (addLayers) in one go by markercluster's own steps (_addLayer) done with numbers: each
   * marker's point projected once, at zoom 0, and scaled to each zoom (Leaflet projects to
   * scale * (a * x + b), each scale a power of two: the very numbers project() gives), the
   * grids asked by numbers (Cells), and no drag or move listeners on claim markers (they
   * are not draggable, and the only moves, spiderfy's, markercluster ignores). The same
   * clusters in the same order as markercluster makes them (tests/browser/
   * test_cluster_bulk.py); where any of that does not hold, markercluster's own addLayers. */
  function powerOfTwo(s) { return s > 0 && Math.pow(2, Math.round(Math.log2(s))) === s; }
  var ClaimCluster = L.MarkerClusterGroup.extend({
    // Each cluster's markers by side as the fill counted them (geomapAll), for its icon:
    // forgotten at any other change of the group's markers
    _geomapSides: null,
    _addLayer: function () {
      this._geomapSides = null;
      return L.MarkerClusterGroup.prototype._addLayer.apply(this, arguments);
    },
    _removeLayer: function () {
      this._geomapSides = null;
      return L.MarkerClusterGroup.prototype._removeLayer.apply(this, arguments);
    },
    addLayers: function (layers, skipLayerAddEvent) {
      if (!this.geomapBulk(layers, skipLayerAddEvent)) {
        L.MarkerClusterGroup.prototype.addLayers.call(this, layers, skipLayerAddEvent);
      }
      return this;
    },
    // false where this is not for it (nothing done then)
    geomapBulk: function (layers, quiet) {
      var map = this._map, o = this.options, P = L.DistanceGrid.prototype;
      if (!map || !Array.isArray(layers) || o.chunkedLoading || o.chunkProgress ||
          o.singleMarkerMode || !this._gridClusters || P.getNearObject !==
          FAST_GRID.getNearObject || P.addObject !== FAST_GRID.addObject) return false;
      var crs = map.options.crs, t = crs.transformation;
      if (crs.latLngToPoint !== L.CRS.latLngToPoint || !(t instanceof L.Transformation) ||
          t._transform !== L.Transformation.prototype._transform) return false;
      var minZoom = Math.floor(map.getMinZoom()), maxZoom = this._maxZoom, z, s0 = crs.scale(0);
      var at = {min: minZoom, C: [], U: [], cellC: [], cellU: [], sqC: [], sqU: [], f: []};
      for (z = minZoom; z <= maxZoom; z++) {
        var gc = this._gridClusters[z], gu = this._gridUnclustered[z];
        if (!gc || !gu || !powerOfTwo(crs.scale(z))) return false;
        at.C[z] = cellsOf(gc);
        at.U[z] = cellsOf(gu);
        at.cellC[z] = gc._cellSize;
        at.cellU[z] = gu._cellSize;
        at.sqC[z] = gc._sqCellSize;
        at.sqU[z] = gu._sqCellSize;
        at.f[z] = crs.scale(z) / s0;
      }
      var i, m, n = layers.length;
      for (i = 0; i < n; i++) {
        m = layers[i];
        if (!m || !m.getLatLng || m instanceof L.LayerGroup) return false;
      }
      if (this._needsClustering.length || this._needsRemoving.length) return false;
      var fg = this._featureGroup, npg = this._nonPointGroup, shown = false, k;
      for (k in fg._layers) { shown = true; break; }  // (any marker on the map now)
      if (quiet && !shown && this.geomapEmpty(at) && this.geomapFill(layers, at)) return true;
      this._geomapSides = null;
      for (i = 0; i < n; i++) {
        m = layers[i];
        // (hasLayer(m), as it is where nothing waits to be added or removed)
        if (m.__parent ? m.__parent._group === this : npg.hasLayer(m)) continue;
        var p = map.project(m.getLatLng(), 0);
        if (!isFinite(p.x * at.f[maxZoom]) || !isFinite(p.y * at.f[maxZoom])) {
          this._addLayer(m, maxZoom);
        } else {
          if (!(m instanceof ClaimMarker)) m.on(this._childMarkerEventHandlers, this);
          this.geomapSlot(m, p.x, p.y, maxZoom, at);
        }
        if (!quiet) this.fire("layeradd", {layer: m});
        // (as markercluster does: a marker now in a pair leaves the map, where it is there)
        if (shown && m.__parent && m.__parent.getChildCount() === 2) {
          var pair = m.__parent.getAllChildMarkers();
          fg.removeLayer(pair[0] === m ? pair[1] : pair[0]);
        }
      }
      this._topClusterLevel._recalculateBounds();
      this._refreshClustersIcons();
      this._topClusterLevel._recursivelyAddChildrenToMap(null, this._zoom,
                                                          this._currentShownBounds);
      return true;
    },
    // Adds the markers of layers not in the group yet, by numbers (geomapAll): false where
    // a point is off any scale (nothing done then)
    geomapFill: function (layers, at) {
      var map = this._map, npg = this._nonPointGroup, top = this._topClusterLevel, n = 0;
      var list = [], px = new Float64Array(layers.length), py = new Float64Array(layers.length);
      var far = at.f[this._maxZoom], i, m, p = projector(map);
      for (i = 0; i < layers.length; i++) {
        m = layers[i];
        // (hasLayer(m), as it is where nothing waits to be added or removed; each marker
        // counted in once)
        if (m.__parent ? m.__parent._group === this : npg.hasLayer(m)) continue;
        p.at(m.getLatLng());
        if (!isFinite(p.x * far) || !isFinite(p.y * far)) {
          list.forEach(function (done) { delete done.__parent; });
          return false;
        }
        m.__parent = top;
        list.push(m);
        px[n] = p.x;
        py[n++] = p.y;
      }
      list.forEach(function (one) {
        if (!(one instanceof ClaimMarker)) one.on(this._childMarkerEventHandlers, this);
      }, this);
      this.geomapAll(list, px, py, at);
      this._topClusterLevel._recalculateBounds();
      this._refreshClustersIcons();
      this._topClusterLevel._recursivelyAddChildrenToMap(null, this._zoom,
                                                          this._currentShownBounds);
      return true;
    },
    // Whether the group holds nothing at all (as after clearLayers): not a marker, not a
    // cluster, nothing in its grids, nothing on the map.
    geomapEmpty: function (at) {
      var top = this._topClusterLevel, k;
      if (top._childCount || top._markers.length || top._childClusters.length ||
          top._cLatLng) return false;
      for (k in this._featureGroup._layers) return false;
      for (var z = at.min; z < at.C.length; z++) {
        if (at.C[z].objs.length || at.C[z].odd || at.U[z].objs.length || at.U[z].odd) {
          return false;
        }
      }
      return true;
    },
    /* markercluster's _addLayer for each marker of list, into a group that holds nothing,
     * with numbers for the clusters (made as objects at the end, makeClusters): marker k at
     * (px[k], py[k]) at zoom 0; cluster 0 the top level. What markercluster counts as it
     * goes (each cluster's markers) is counted once at the end. (Each step its own function:
     * the browser compiles a small function called often better than a long loop run once.)
     */
    geomapAll: function (list, px, py, at) {
      var n = list.length, max = this._maxZoom, tree = new Tree(n, at.min - 1), k, z;
      for (k = 0; k < n; k++) placeMarker(tree, at, k, px, py, max);
      var sums = new Sums(tree.made, this.options.geomapSides | 0);
      var objs = makeClusters(this, tree, list, sums), order = byZoom(tree, at.min, max);
      this._geomapSides = countClusters(tree, objs, sums, order);
      boundClusters(tree, objs, sums, order);
      if (n) {
        var top = this._topClusterLevel;
        top._cLatLng = list[0]._latlng;  // (the first it was given)
        top._iconNeedsUpdate = top._boundsNeedUpdate = true;
      }
      // and in the grids, the objects for the numbers
      for (z = at.min; z <= max; z++) {
        named(at.C[z], objs);
        named(at.U[z], list);
      }
    },
    // markercluster's _addLayer(m, zoom), m at (x0, y0) at zoom 0
    geomapSlot: function (m, x0, y0, zoom, at) {
      var z, x, y, cells, closest, min = at.min, f = at.f;
      for (z = zoom; z >= min; z--) {
        x = x0 * f[z];
        y = y0 * f[z];
        // a cluster close by?
        closest = at.C[z].near(Math.floor(x / at.cellC[z]), Math.floor(y / at.cellC[z]), x, y,
                               at.sqC[z]);
        if (closest) {
          closest._addChild(m);
          m.__parent = closest;
          return;
        }
        // a marker close by, to make a new cluster with?
        cells = at.U[z];
        closest = cells.near(Math.floor(x / at.cellU[z]), Math.floor(y / at.cellU[z]), x, y,
                             at.sqU[z]);
        if (closest) {
          var ox = cells.atX / f[z], oy = cells.atY / f[z];  // (its point at zoom 0)
          var parent = closest.__parent;
          if (parent) this._removeLayer(closest, false);
          var made = new this._markerCluster(this, z, closest, m), last = made, z2, x2, y2;
          at.C[z].add(Math.floor(cells.atX / at.cellC[z]), Math.floor(cells.atY / at.cellC[z]),
                      made, cells.atX, cells.atY);
          closest.__parent = made;
          m.__parent = made;
          // the clusters between it and the parent
          for (z2 = z - 1; z2 > parent._zoom; z2--) {
            last = new this._markerCluster(this, z2, last);
            x2 = ox * f[z2];
            y2 = oy * f[z2];
            at.C[z2].add(Math.floor(x2 / at.cellC[z2]), Math.floor(y2 / at.cellC[z2]), last,
                         x2, y2);
          }
          parent._addChild(last);
          // the marker leaves the grids of markers on their own at this zoom and below
          for (z2 = z; z2 >= min; z2--) {
            x2 = ox * f[z2];
            y2 = oy * f[z2];
            if (!at.U[z2].remove(Math.floor(x2 / at.cellU[z2]), Math.floor(y2 / at.cellU[z2]),
                                 closest)) break;
          }
          return;
        }
        // on its own at this zoom: on to the next one out
        cells.add(Math.floor(x / at.cellU[z]), Math.floor(y / at.cellU[z]), m, x, y);
      }
      this._topClusterLevel._addChild(m);
      m.__parent = this._topClusterLevel;
    }
  });

  /* The built-in boundary lines (data.lines: geometry g, class by view c, name n,
   * countries p), styled by their class in the view shown; the legend lists the classes
   * that view draws, and the switch (select#geomap-view) changes the view. */
  function drawLines(map, layer, data) {
    var styles = data.line_styles || {};
    var drawn = [];
    function classOf(f) {
      var c = f.c;
      return Object.prototype.hasOwnProperty.call(c, VIEW) ? c[VIEW] : c[""];
    }
    function styleOf(f) {
      var st = styles[classOf(f)] || {};
      return {color: st.color, weight: st.weight, opacity: st.opacity,
              dashArray: st.dashArray || null, pane: "geomap-lines", interactive: true};
    }
    function tip(f) {
      var box = el("div");
      var cls = classOf(f), st = styles[cls] || {};
      box.appendChild(el("strong", null, f.n || (f.p ? f.p.replace("-", "\u2013") +
                                                        " boundary line" : "boundary line")));
      box.appendChild(el("div", null, (st.label || cls) + " in the view shown"));
      Object.keys(f.c).sort().forEach(function (v) {
        if (v === VIEW) return;
        var other = styles[f.c[v]] || {};
        box.appendChild(el("div", "geomap-trace", (v || "Natural Earth default") + ": " +
                           (other.label || f.c[v])));
      });
      box.appendChild(el("div", "geomap-trace",
                         "Natural Earth 1:10m, good to a kilometre or two; not authoritative"));
      return box;
    }
    (data.lines || []).forEach(function (f) {
      var line = L.geoJSON(f.g, {style: function () { return styleOf(f); }, pane: "geomap-lines"});
      line.bindTooltip(function () { return tip(f); }, {sticky: true});
      line.addTo(layer);
      drawn.push({f: f, line: line});
    });
    function restyle() {
      var present = table();
      drawn.forEach(function (d) { d.line.setStyle(styleOf(d.f)); present[classOf(d.f)] = true; });
      var items = document.querySelectorAll("[data-line-class]");
      Array.prototype.forEach.call(items, function (item) {
        item.style.display = present[item.getAttribute("data-line-class")] ? "" : "none";
      });
    }
    restyle();
    return restyle;
  }

  function viewSwitch(map, data, restyle, refresh) {
    var select = document.getElementById("geomap-view");
    if (!select) return;
    var views = table();
    (data.views || []).forEach(function (v) { views[v.code] = v; });
    select.addEventListener("change", function () {
      VIEW = select.value;
      var v = views[VIEW];
      var note = document.getElementById("geomap-view-note");
      if (note && v) note.textContent = v.words;
      restyle();
      map.closePopup();
      refresh();
      // (the reference layer's labels follow: reference.js)
      document.dispatchEvent(new CustomEvent("geomap-view", {detail: VIEW}));
    });
  }

  /* groups: [side, layer] pairs; the (empty) layer stands for that side in the layer control.
   * Markers live in one cluster group so that claims of every side at one place cluster
   * together; switching a side off in the control takes its markers out of the cluster.
   * incidentLayer (or null): the layer control's "one symbol per incident"; while it is on,
   * the incidents' symbols stand in for the claims'. */
  function draw(map, groups, labelLayer, incidentLayer, linesLayer) {
    var data = readData();
    var claims = CLAIMS = new Claims(data);
    VIEW = data.views && data.views.length ? data.views[0].code : "";
    VIEW_NAMES = data.view_names || {};
    var restyle = linesLayer ? drawLines(map, linesLayer, data) : function () {};
    if (VIEW) document.dispatchEvent(new CustomEvent("geomap-view", {detail: VIEW}));
    LOCATED = data.located || {};
    SPEC = data.symbols;
    var sides = table(), sideIndex = table(), sideList = [];
    data.sides.forEach(function (s, k) {
      sides[s.side] = s;
      sideIndex[s.side] = k;
      sideList.push(s.side);
    });
    var incidents = table(), shared = data.incident_sides;
    (data.incidents || []).forEach(function (inc) {
      incidents[inc.id] = inc;
      if (shared) {  // (each side its own copy of the distinct side it names: _shared_sides)
        inc.sides = inc.sides.map(function (k) { return Object.assign({}, shared[k]); });
      }
      if (inc.side_of) {  // (each side's claims, from each claim's side: side_of)
        inc.sides.forEach(function (s) { s.claims = []; });
        inc.side_of.forEach(function (k, p) { if (k >= 0) inc.sides[k].claims.push(inc.claims[p]); });
      }
    });
    var cluster = new ClaimCluster({
      maxClusterRadius: 36, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
      spiderfyDistanceMultiplier: 1.6, geomapSides: sideList.length,
      iconCreateFunction: function (group) { return clusterIcon(group, sides, sideList); }
    });
    var unplacedById = table();
    (data.unplaced || []).forEach(function (u) { unplacedById[u.id] = u; });
    var approximate = spec().approximate;
    // One icon per stance, colour and precision, shared by the markers that look alike
    var icons = table();
    function iconOf(stance, colour, approximate) {
      var key = stance + "\u0000" + colour + "\u0000" + (approximate ? "1" : "0");
      if (!icons[key]) {
        var holder = el("div");
        holder.appendChild(symbol(stance, colour, approximate));
        icons[key] = L.divIcon({html: holder.innerHTML, className: "geomap-claim geomap-stance-" +
                                stance, iconSize: [22, 22], iconAnchor: [11, 11]});
      }
      return icons[key];
    }
    BIND = function (marker) {
      var c = claims.get(marker.geomapIndex), side = sides[c.claimant_side];
      var incident = c.incident_id ? incidents[c.incident_id] : undefined;
      marker.bindPopup(function () { return popup(c, side, incident); }, popupOptions());
      clearOfPanels(marker.getPopup());
      marker.bindTooltip(function () { return tooltip(c); }, {direction: "top", offset: [0, -9]});
    };
    // The markers that look alike (a stance, a side, a precision) are of one class whose
    // options they share (each marker's own options are made from them, empty until a
    // marker sets one); a marker knows its claim by its index; the claims at one place
    // share its point.
    var looks = table();
    function lookOf(stance, side, approx) {
      var key = stance + "\u0000" + side + "\u0000" + (approx ? "1" : "0");
      if (!looks[key]) {
        looks[key] = ClaimMarker.extend({options: {
          icon: iconOf(stance, sides[side].colour, approx), title: "", keyboard: true,
          riseOnHover: true, side: side, sideIndex: sideIndex[side]}});
      }
      return looks[key];
    }
    var fSide = claims.field("claimant_side"), fStance = claims.field("stance"),
        fPrecision = claims.field("precision"), fLat = claims.field("lat"),
        fLon = claims.field("lon"), fPlace = claims.field("place_row");
    // (by the fields' codes, where each is one of a few values given once)
    var byCode = claims.coded(fStance) && claims.coded(fSide) && claims.coded(fPrecision)
        ? new Map() : null;
    var points = [], markers = new Array(claims.length), plainNew = plainMarkers();
    for (var i = 0; i < claims.length; i++) {
      var at = claims.code(fPlace, i), point = points[at], Look = null, code = -1;
      if (!point) point = points[at] = L.latLng(claims.value(fLat, i), claims.value(fLon, i));
      if (byCode) {
        var cs = claims.code(fStance, i), cd = claims.code(fSide, i);
        var cp = claims.code(fPrecision, i);
        if (cs < 1024 && cd < 1024 && cp < 1024) {
          Look = byCode.get(code = (cs * 1024 + cd) * 1024 + cp);
        }
      }
      if (!Look) {
        Look = lookOf(claims.value(fStance, i), claims.value(fSide, i),
                      approximate.indexOf(claims.value(fPrecision, i)) >= 0);
        if (code >= 0) byCode.set(code, Look);
      }
      var marker = markers[i] = plainNew ? plainMarker(Look, point) : new Look(point);
      marker.geomapIndex = i;
    }
    // (a marker's popup and tooltip are made when first pointed at, clicked or asked for)
    cluster.on("mouseover", function (e) {
      if (e.layer instanceof ClaimMarker && !e.layer.geomapBound) e.layer.openTooltip();
    });
    cluster.on("click keypress", function (e) {
      var m = e.layer;
      if (!(m instanceof ClaimMarker) || m.geomapBound) return;
      if (e.type === "keypress" && e.originalEvent.keyCode !== 13) return;
      L.DomEvent.stop(e);  // (as a bound popup's own click does)
      m.openPopup();
    });
    // One symbol per incident, drawn while its layer is on: each marker is made when the
    // layer is first switched on (years of incidents are tens of thousands of icons). The
    // incidents at one point are drawn side by side; beyond the symbols' clustered_from
    // placed incidents, they cluster as the claims do (incidentGroup, in the layer).
    var incidentMarkers = [], incidentById = table(), incidentGroup = incidentLayer;
    if (incidentLayer) {
      var at = table();
      var placedIncidents = (data.incidents || []).filter(function (inc) { return inc.placed; });
      // (23,330 side by side took 18 s to draw, a place's hundreds in a row across the map)
      var clustered = placedIncidents.length > spec().incident.clustered_from;
      placedIncidents.forEach(function (inc) {
        var key = inc.lat.toFixed(4) + "," + inc.lon.toFixed(4);
        at[key] = at[key] === undefined ? 0 : at[key] + 1;
        var im = {inc: inc, offset: clustered ? 0 : at[key], shown: [], marker: null};
        incidentMarkers.push(im);
        incidentById[inc.id] = im;
      });
      if (clustered) {
        incidentGroup = L.markerClusterGroup({
          maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
          spiderfyDistanceMultiplier: 1.6, iconCreateFunction: incidentClusterIcon});
        incidentLayer.addLayer(incidentGroup);
      }
    }
    function incidentMarker(im) {
      var inc = im.inc;
      im.marker = L.marker([inc.lat, inc.lon], {
        icon: incidentIcon(inc, im.shown, sides, im.offset), title: "", keyboard: true,
        riseOnHover: true});
      im.marker.geomapIncident = inc;
      im.marker.bindPopup(function () {
        return incidentPopup(inc, im.shown, unplacedById, sides);
      }, popupOptions());
      clearOfPanels(im.marker.getPopup());
      im.marker.bindTooltip(function () {
        return el("span", null, inc.title + " \u2014 " + plural(im.shown.length, "claim") +
                  (inc.contested ? "; contested" : ""));
      }, {direction: "top", offset: [0, -18]});
      return im.marker;
    }
    // (the claims shown of each incident, byIncident: what its symbol counts)
    function drawIncidents(byIncident) {
      if (incidentGroup !== incidentLayer) {  // (clustered: refilled at once, as the claims)
        var shownMarkers = [];
        incidentMarkers.forEach(function (im) {
          im.shown = byIncident[im.inc.id] || [];
          if (!im.shown.length) return;
          if (!im.marker) incidentMarker(im);
          else im.marker.setIcon(incidentIcon(im.inc, im.shown, sides, im.offset));
          shownMarkers.push(im.marker);
        });
        incidentGroup.clearLayers();
        incidentGroup.addLayers(shownMarkers);
        return;
      }
      incidentMarkers.forEach(function (im) {
        im.shown = byIncident[im.inc.id] || [];
        if (im.shown.length) {
          if (!im.marker) incidentMarker(im);
          else im.marker.setIcon(incidentIcon(im.inc, im.shown, sides, im.offset));
          if (!incidentLayer.hasLayer(im.marker)) incidentLayer.addLayer(im.marker);
        } else if (im.marker && incidentLayer.hasLayer(im.marker)) {
          incidentLayer.removeLayer(im.marker);
        }
      });
    }
    var byIncidentNow = null;  // (the last refresh's, until the incidents' layer uses it)
    // What is shown: the sides switched on in the layer control, the dates in the time
    // control's range, the stances, events and incident chosen. Every change rebuilds the
    // cluster group (and the incidents' symbols) from that state.
    var sidesOn = table();
    Object.keys(sides).forEach(function (s) { sidesOn[s] = true; });
    var range = {from: "", to: "\uffff", undated: true};
    var state = {stance: table(), event: table(), incident: ""};
    var incidentMode = false;
    function inRange(date) {
      if (!date) return range.undated;
      var start = padDate(date, false), end = padDate(date, true);
      return end >= range.from && start <= range.to;
    }
    var fEvent = claims.field("event"), fDate = claims.field("date"),
        fIncident = claims.field("incident_id");
    function passes(i) {
      return sidesOn[claims.value(fSide, i)] !== false &&
        state.stance[claims.value(fStance, i)] !== false &&
        state.event[claims.value(fEvent, i)] !== false &&
        (!state.incident || claims.value(fIncident, i) === state.incident) &&
        inRange(claims.value(fDate, i));
    }
    function refresh() {
      var shown = [], byIncident = table(), withIncidents = incidentMarkers.length > 0;
      // (passes, each test asked once per value where the claims give their values once)
      var side = claims.where(fSide, function (s) { return sidesOn[s] !== false; });
      var stance = claims.where(fStance, function (s) { return state.stance[s] !== false; });
      var event = claims.where(fEvent, function (e) { return state.event[e] !== false; });
      var incident = claims.where(fIncident, function (v) {
        return !state.incident || v === state.incident;
      });
      var dated = claims.where(fDate, inRange);
      for (var i = 0; i < claims.length; i++) {
        if (!(side(i) && stance(i) && event(i) && incident(i) && dated(i))) continue;
        shown.push(markers[i]);
        var inc = withIncidents && claims.value(fIncident, i);
        if (inc) (byIncident[inc] = byIncident[inc] || []).push(i);
      }
      cluster.clearLayers();
      cluster.addLayers(shown, true);  // (no one listens for each layer's layeradd)
      byIncidentNow = withIncidents ? byIncident : null;
      if (incidentMode && byIncidentNow) {
        drawIncidents(byIncidentNow);
        byIncidentNow = null;
      }
      var counter = document.getElementById("geomap-timeline-count");
      if (counter) {
        counter.textContent = thousands(shown.length) + " of " + plural(claims.length, "claim") +
          " shown";
      }
    }
    // On the map first, then filled once: markercluster adds to a group on the map by its
    // grid, but off the map one by one (quadratic in the claims)
    cluster.addTo(map);
    map.on("overlayadd overlayremove", function (e) {
      if (incidentLayer && e.layer === incidentLayer) {
        incidentMode = e.type === "overlayadd";
        if (incidentMode) map.removeLayer(cluster); else cluster.addTo(map);
        if (incidentMode && byIncidentNow) {
          drawIncidents(byIncidentNow);
          byIncidentNow = null;
        }
        return;
      }
      groups.forEach(function (pair) {
        if (pair[1] === e.layer) { sidesOn[pair[0]] = e.type === "overlayadd"; refresh(); }
      });
    });
    viewSwitch(map, data, restyle, refresh);
    timeline(data.dates, range, refresh);
    filters(state, refresh, data.incidents);
    refresh();
    keepClear(map);
    data.labels.forEach(function (l) {
      var holder = el("div");
      holder.appendChild(el("span", null, l.name));
      L.marker([l.lat, l.lon], {
        icon: L.divIcon({html: holder.innerHTML, className: "geomap-country-label",
                         iconSize: [160, 18], iconAnchor: [80, 26]}),
        interactive: false, keyboard: false
      }).addTo(labelLayer);
    });
    function near(latlng, zoom) {
      if (map.getZoom() < zoom || !map.getBounds().contains(latlng)) {
        map.setView(latlng, Math.max(map.getZoom(), zoom), {animate: false});
      }
    }
    // A claim: zoomed to and opened in its cluster; where the filters or the incidents'
    // symbols hide its marker, its popup opens on its own at its place.
    go.claim = function (id) {
      var c = claims.byId(id);
      if (!c) return;
      var marker = markers[c.i];
      if (!incidentMode && cluster.hasLayer(marker)) {
        // (markercluster drops the callback when a zoom is still under way: try again,
        // until the popup has opened once: one the reader closed stays closed)
        var opened = false, asked = ++go.asked;
        marker.once("popupopen", function () { opened = true; });
        var show = function (tries) {
          if (opened || asked !== go.asked || !cluster.hasLayer(marker) ||
              marker.isPopupOpen()) { return; }
          cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
          if (tries > 0) { setTimeout(function () { show(tries - 1); }, 1000); }
        };
        show(3);
        return;
      }
      near(L.latLng(c.lat, c.lon), 9);
      clearOfPanels(L.popup(popupOptions())).setLatLng([c.lat, c.lon])
        .setContent(popup(c, sides[c.claimant_side], c.incident_id ? incidents[c.incident_id]
                          : undefined))
        .openOn(map);
    };
    go.incident = function (id) {
      var im = incidentById[id], inc = incidents[id];
      if (!inc || !inc.placed) return;
      var where = L.latLng(inc.lat, inc.lon);
      near(where, 8);
      if (im && im.marker && incidentMode && incidentGroup.hasLayer(im.marker)) {
        if (incidentGroup === incidentLayer) im.marker.openPopup();
        else incidentGroup.zoomToShowLayer(im.marker, function () { im.marker.openPopup(); });
        return;
      }
      var shown = [];
      for (var i = 0; i < claims.length; i++) {
        if (claims.value(fIncident, i) === id && passes(i)) shown.push(i);
      }
      clearOfPanels(L.popup(popupOptions())).setLatLng(where)
        .setContent(incidentPopup(inc, shown, unplacedById, sides)).openOn(map);
    };
    // The panels' links (Reactions, Incidents): a click shows the claim or incident
    document.addEventListener("click", function (ev) {
      var t = ev.target;
      var more = t && t.closest ? t.closest(".geomap-more-incidents") : null;
      if (more) {
        listMore(more, data.incidents || []);
        return;
      }
      var b = t && t.closest ? t.closest(".geomap-goto, .geomap-show") : null;
      if (!b) return;
      if (b.hasAttribute("data-claim")) go.claim(b.getAttribute("data-claim"));
      else if (b.hasAttribute("data-incident")) go.incident(b.getAttribute("data-incident"));
    });
    // The panels fitted just before the first frame: asking where they are lays out the
    // page, which the frame does then anyway (asked here, at 100,000 claims the layout,
    // some 0.2 s, was done before the page was ready, with the frame still to come)
    requestAnimationFrame(fitLeft);
    window.geomapIncidents = incidentLayer;  // for tests: the incidents' symbols, or null
    window.geomapCluster = cluster;  // for tests and the curious: the live cluster group
    window.geomapShow = go;  // for tests: show a claim (.claim(id)) or an incident
    return cluster;
  }

  return {draw: draw, symbol: symbol, formatDate: formatDate,
          plainMarker: plainMarker, plainMarkers: plainMarkers,  // (these for tests)
          plainCluster: plainCluster, plainClusters: plainClusters,
          projector: projector, Claims: Claims, shortText: shortText, plural: plural};
})();

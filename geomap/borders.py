"""Border facts for each claim: the country its location falls in, the distance to the
nearest international border, and whether it lies in an exclave, a disputed area or outside
every country. Distances are measured in a local azimuthal equidistant projection centred on
the claim, so a kilometre is a kilometre everywhere.

Every figure carries the accuracy of the lines it is measured from: Natural Earth 1:10m is
good to a kilometre or two, so "0.8 km from the border" means "on the border, as far as this
line can tell".
"""

from __future__ import annotations

from dataclasses import dataclass

from .geo import local_crs

# The positional accuracy of Natural Earth 1:10m lines (see gazetteer/README.md).
NE_ACCURACY_KM = 2.0


# How a fact names a line's class, when it is not an ordinary international border.
CLASS_WORDS = {
    "undemarcated": "undemarcated", "disputed": "disputed", "line-of-control": "line of control",
    "indefinite": "indefinite", "indeterminate": "indeterminate frontier",
    "claim-line": "claim line", "lease": "lease limit", "overlay": "overlay limit",
}


@dataclass(frozen=True)
class BorderFact:
    country: str  # ISO alpha-2 of the country the location falls in, "" if none
    border_km: float | None  # distance to the nearest international border
    border_with: str  # the country on the other side of that border
    border_kind: str  # the line's class (layers.LINE_CLASSES): international, disputed, ...
    exclave: bool
    disputed: bool
    outside: bool  # in the sea or outside every country
    accuracy_km: float
    line_name: str = ""  # the line's own name ("Line of Actual Control")
    point_of_view: str = ""  # the view that classes the line ("" Natural Earth's default)
    area_name: str = ""  # the disputed area's name, where it has one ("Aksai Chin")

    def sentence(self, names: dict[str, str]) -> str:
        """ "2.8 km inside Armenia, from the Azerbaijan border (undemarcated) (±2 km)", or
        for a line other than a border: "2.1 km from the Line of Actual Control (western
        sector) (disputed; Natural Earth, not authoritative), in India (±2 km)"."""
        if self.outside:
            return "outside every country on this map (at sea or off the basemap)"
        where = names.get(self.country, self.country)
        other = names.get(self.border_with, self.border_with)
        if self.border_km is None:
            text = f"in {where}"
        elif self.border_kind in ("international", "undemarcated", ""):
            kind = " (undemarcated)" if self.border_kind == "undemarcated" else ""
            drawn = (f", as {names.get(self.point_of_view, self.point_of_view)}'s maps draw "
                     "it" if self.point_of_view else "")
            if self.border_km <= self.accuracy_km:
                text = (f"on the {where}–{other} border{kind} as far as this line can tell"
                        f"{drawn} ({self.border_km:.1f} km on the {where} side)")
            else:
                text = (f"{self.border_km:.1f} km inside {where}, from the {other} "
                        f"border{kind}{drawn}")
        else:
            pair = "–".join(sorted(p for p in (where, other) if p))
            line = self.line_name or f"{pair} boundary line"
            cls = CLASS_WORDS.get(self.border_kind, self.border_kind)
            if self.point_of_view:
                cls += f" in {names.get(self.point_of_view, self.point_of_view)}'s view"
            said = f"the {line} ({cls}; Natural Earth, not authoritative)"
            if self.border_km <= self.accuracy_km:
                text = (f"on {said} as far as this line can tell "
                        f"({self.border_km:.1f} km on the {where} side)")
            else:
                text = f"{self.border_km:.1f} km from {said}, in {where}"
        if self.exclave:
            text += ", in an exclave"
        if self.disputed:
            text += f", in a disputed area: {self.area_name}" if self.area_name else \
                ", in a disputed area"
        return f"{text} (±{self.accuracy_km:g} km)"


_local = local_crs


def border_facts(points: list[tuple[float, float]], countries, lines,
                 disputed=None, *, accuracy_km: float = NE_ACCURACY_KM,
                 point_of_view: str = "") -> list[BorderFact]:
    """Facts for each (lat, lon). ``countries`` is a GeoDataFrame with iso2 and polygons;
    ``lines`` a GeoDataFrame of border lines with ``countries`` ("AM-AZ"), ``kind`` (their
    class in ``point_of_view``) and optionally ``name``; ``disputed`` optional polygons of
    disputed areas."""
    facts = _Facts(countries, lines, disputed, accuracy_km, point_of_view)
    done: dict[tuple[float, float], BorderFact] = {}  # (claims share places: each once)
    for point in points:
        if point not in done:
            done[point] = facts.at(*point)
    return [done[point] for point in points]


class _Facts:
    """Border facts at points of one map, each country's main part and lines worked out
    once."""

    def __init__(self, countries, lines, disputed, accuracy_km: float,
                 point_of_view: str = "") -> None:
        self.countries, self.lines, self.disputed = countries, lines, disputed
        self.point_of_view = point_of_view
        self.accuracy_km = accuracy_km
        self.shapes = countries.geometry.values
        self.derived: dict = {}  # country -> its shared edges, when no line was given
        self.mains: dict = {}  # country -> its main part, buffered, if it has others
        self.theirs: dict = {}  # country -> the given lines along it

    def holder(self, areas) -> str:
        """The country the view gives a disputed area to, where the area records it."""
        from .layers import area_holders

        if not self.point_of_view or "views" not in areas.columns:
            return ""
        return next((area_holders(v).get(self.point_of_view) for v in areas["views"]
                     if len(area_holders(v).get(self.point_of_view, "")) == 2), "")

    def at(self, lat: float, lon: float) -> BorderFact:
        import geopandas as gpd
        import shapely
        from shapely.geometry import Point, box

        countries, lines, disputed = self.countries, self.lines, self.disputed
        accuracy_km, shapes, derived = self.accuracy_km, self.shapes, self.derived
        mains, theirs = self.mains, self.theirs
        pt = Point(lon, lat)
        hit = countries[shapely.contains(shapes, pt)] if len(countries) else countries
        if not len(hit):  # on the line itself, at the 1:10m accuracy
            hit = countries[shapely.distance(shapes, pt) < 0.02] if len(countries) else countries
        if not len(hit):
            return BorderFact("", None, "", "", False, False, True, accuracy_km)
        row = hit.iloc[0]
        country = row["iso2"]
        if country not in mains:
            parts = list(getattr(row.geometry, "geoms", [row.geometry]))
            main = max(parts, key=lambda g: g.area).buffer(0.005) if len(parts) > 1 else None
            if main is not None:
                shapely.prepare(main)
            mains[country] = main
        main = mains[country]
        exclave = main is not None and not main.contains(pt)
        inside = disputed[disputed.contains(pt)] if disputed is not None and len(
            disputed) else None
        in_dispute = inside is not None and bool(len(inside))
        area_name = ""
        if in_dispute and "name" in inside.columns:
            area_name = next((n for n in inside["name"] if isinstance(n, str) and n), "")
        holder = self.holder(inside) if in_dispute else ""
        if holder and holder != country:
            # the view gives the area to another country (India's maps: Aksai Chin is
            # India's): the place is in that country, measured from that country's lines
            country, exclave = holder, False
        window = box(lon - 4, lat - 3, lon + 4, lat + 3)
        if country not in theirs:
            theirs[country] = lines[lines["countries"].str.split("-").apply(
                lambda p, c=country: c in p)] if len(lines) else lines
        mine = theirs[country]
        mine = mine[mine.intersects(window)] if len(mine) else mine
        if not len(mine):  # no line given here: the shared edges of the country polygons
            if country not in derived:
                from .layers import shared_borders

                # neighbours touch the country: no buffer of a large polygon needed
                near = countries[shapely.intersects(shapes, row.geometry)]
                edges = shared_borders(near)
                derived[country] = edges[edges["countries"].str.split("-").apply(
                    lambda p, c=country: c in p)]
            mine = derived[country]
            mine = mine[mine.intersects(window)] if len(mine) else mine
        if not len(mine):
            return BorderFact(country, None, "", "", exclave, in_dispute, False, accuracy_km,
                              area_name=area_name)
        local = gpd.GeoSeries(mine.geometry.intersection(window).values,
                              crs="EPSG:4326").to_crs(_local(lat, lon))
        dists = local.distance(Point(0, 0))
        best = int(dists.values.argmin())
        line = mine.iloc[best]
        pair = line["countries"].split("-")
        other = next((c for c in pair if c != country), "")
        name = line["name"] if "name" in mine.columns and isinstance(line["name"], str) else ""
        return BorderFact(country, round(float(dists.iloc[best]) / 1000, 1), other,
                          line["kind"], exclave, in_dispute, False, accuracy_km, name,
                          self.point_of_view, area_name)


AREA_PRECISIONS = ("country", "province", "district", "zone")


def with_border_facts(frame, countries, lines, disputed=None, *, given: bool = False,
                      country_names: dict[str, str] | None = None, point_of_view: str = "",
                      facts_out: dict | None = None):
    """The joined claims with the border facts of their locations, as columns: in_country,
    border_km, border_with, border_kind, exclave, disputed, outside, and ``border``, the
    sentence the popup shows. ``given``: the lines are the user's (finer accuracy).
    ``facts_out``: filled with the BorderFact of each (lat, lon) measured."""
    points = list(zip(frame["lat"], frame["lon"]))
    distinct = sorted(set(points))  # many claims share a place: measure each place once
    found = dict(zip(distinct, border_facts(distinct, countries, lines, disputed,
                                            accuracy_km=0.5 if given else NE_ACCURACY_KM,
                                            point_of_view=point_of_view)))
    if facts_out is not None:
        facts_out.update(found)
    facts = [found[p] for p in points]
    sentences, kms = fact_sentences(frame, facts, country_names or {})
    return frame.assign(
        in_country=[f.country for f in facts], border_km=kms,
        border_with=[f.border_with for f in facts], border_kind=[f.border_kind for f in facts],
        exclave=[f.exclave for f in facts], disputed=[f.disputed for f in facts],
        outside=[f.outside for f in facts], border=sentences)


def fact_sentences(frame, facts: list[BorderFact], names: dict[str, str]
                   ) -> tuple[list[str], list[float | None]]:
    """Each claim's border sentence and distance, from the facts of its location: a claim
    located only to an area gets no distance (from an area's centre it would mean nothing)."""
    sentences, kms = [], []
    for f, precision, place in zip(facts, frame["precision"], frame["place_name"]):
        if precision in AREA_PRECISIONS:
            where = names.get(f.country, f.country)
            sentences.append(f"{precision}-level: {place}, in {where}; no distance from a "
                             "border can be given for an area" if f.country else
                             f"{precision}-level: {place}")
            kms.append(None)
        else:
            sentences.append(f.sentence(names))
            kms.append(f.border_km)
    return sentences, kms

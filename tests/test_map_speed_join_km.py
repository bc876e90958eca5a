"""join says how far claims' coordinates lie from the places they name exactly as geo.km
measures it: a join made faster (issue #13) by measuring with numpy, all claims at once, must
say the same words. numpy's sine and cosine differ from the math module's in the last bit
now and then (1 distance in 2,500), which changes the words where a distance is a hair from
a half kilometre (it is written rounded) or from the place's extent (beyond it or not): the
claims here are at such edges."""

from __future__ import annotations

import random

from geomap.geo import km
from geomap.records import Claim


def _lat_at(goris, km_wanted: float, lon: float) -> tuple[float, float]:
    """Two latitudes next to each other (north of Goris) whose km to Goris lie on either
    side of ``km_wanted``, found by halving (km grows with the latitude there)."""
    lo, hi = goris.lat, goris.lat + 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if km(mid, lon, goris.lat, goris.lon) < km_wanted:
            lo = mid
        else:
            hi = mid
    return lo, hi


def _claims_at_edges(gazetteer) -> list[Claim]:
    """Claims about Goris at coordinates whose distance from it is a hair from a half
    kilometre (12.5 km, 30.5 km: written rounded) or from its extent (6 km)."""
    goris = gazetteer.get("am-goris")
    rnd = random.Random(5)
    claims = []
    for wanted in (goris.extent_km, 12.5, 30.5, 6.5, 101.5):
        for _ in range(3):
            lon = goris.lon + rnd.uniform(-0.05, 0.05)
            for lat in _lat_at(goris, wanted, lon):
                k = len(claims)
                claims.append(Claim(
                    id=f"c{k}", text="t", claimant="gov", claimant_side="AM",
                    stance="asserts", event="incursion", place="Goris", lat=lat, lon=lon,
                    origin=f"claims.csv:{k + 2}"))
    return claims


def _said_by_km(claims, place) -> tuple[list[str], int]:
    """The resolution of each claim, and how many lie beyond the place, as km says them."""
    out, beyond = [], 0
    for c in claims:
        far = km(c.lat, c.lon, place.lat, place.lon)
        why = "coordinates given in the input"
        if far > place.extent_km:
            beyond += 1
            why += f", {far:,.0f} km from {place.name}, which the claim names"
        out.append(why)
    return out, beyond


def test_distances_at_the_edges_are_those_of_km(gazetteer):
    """Each claim a hair either side of an edge: its words and count are km's."""
    from geomap.join import join

    claims = _claims_at_edges(gazetteer)
    got = join(claims, gazetteer)
    want, beyond = _said_by_km(claims, gazetteer.get("am-goris"))
    assert got.frame["resolution"].tolist() == want
    assert got.beyond == beyond > 0
    # (the edges are there: some claims a hair within, some a hair beyond the extent)
    assert 0 < sum("km from" in w for w in want) < len(want)


def test_many_distances_are_those_of_km(gazetteer):
    """Claims far and near, all over the globe, naming places near and far: their words and
    notes are km's, claim by claim."""
    from geomap.join import join

    rnd = random.Random(11)
    names = ["Goris", "Kapan", "Syunik", "Armenia", "Gyumri", "Sev Lich"]
    claims = [Claim(id=f"c{k}", text="t", claimant="gov", claimant_side="AM",
                    stance="asserts", event="incursion", place=rnd.choice(names),
                    lat=rnd.uniform(-90, 90), lon=rnd.uniform(-180, 180),
                    origin=f"claims.csv:{k + 2}") for k in range(3000)]
    got = join(claims, gazetteer)
    want, beyond = [], 0
    for c, place_id in zip(claims, got.frame["place_id"].tolist()):
        said, far = _said_by_km([c], gazetteer.get(place_id))
        want.extend(said)
        beyond += far
    assert got.frame["resolution"].tolist() == want
    assert got.beyond == beyond
    assert len(got.notes) == 21 and got.notes[0].startswith("claims.csv:2: lat/lon (")

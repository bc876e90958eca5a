"""The join's frame and what grouping reads back from it, made faster for 100,000 claims
(issue #13), hold to what they gave before: frame_columns to ``frame[name].tolist()``."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pandas as pd
import pytest

from geomap.join import frame_columns


def same_values(a: list, b: list) -> bool:
    """Equal lists, value for value and type for type (NaN where NaN)."""
    def same(x, y) -> bool:
        if x is pd.NA or y is pd.NA:
            return x is y
        return type(x) is type(y) and (x == y or x != x and y != y)
    return len(a) == len(b) and all(map(same, a, b))


def test_frame_columns_are_the_columns_as_lists():
    texts = ["Goris", None, "", "Goris", "</script>", "\u2028", "007", "Goris", None,
             "\U0001f600", "=1+1", "goris"]
    frame = pd.DataFrame({
        "text": texts,
        "unique": [f"c{k}" for k in range(len(texts))],
        "missing": [None] * len(texts),  # (no text at all: an object column)
        "lat": [39.5, -0.0, 0.0, math.nan, 1e-5, 39.5, 40.0, 39.5, -0.0, 0.0, 1.0, 2.0],
        "radius": [None, 32.4, math.nan, None, 1.0, 2.0, None, 3.0, 4.0, None, 5.0, 6.0],
        "count": list(range(len(texts))),
    })
    frame["na"] = pd.array(texts, dtype="string")  # (pandas' NA, not NaN)
    names = list(frame.columns)
    got = frame_columns(frame, names)
    assert list(got) == names
    for name in names:
        want = frame[name].tolist()
        assert same_values(got[name], want), name
    for name in ("text", "na"):  # a text's missing value is the very one tolist gives
        want = frame[name].tolist()
        assert [v is w for v, w in zip(got[name], want) if v is not None and pd.isna(v)] == \
            [True] * sum(v is not None and pd.isna(v) for v in want)
    # a text column's equal values are one object
    assert got["text"][0] is got["text"][3] is got["text"][7]
    assert got["text"][0] is not got["text"][11]
    # signs of zeros kept (numbers are read as they are)
    assert [math.copysign(1, x) for x in got["lat"][1:3]] == [-1.0, 1.0]


def test_frame_columns_of_no_rows():
    frame = pd.DataFrame({"text": pd.Series([], dtype="str"), "lat": pd.Series([], dtype=float)})
    assert frame_columns(frame, ["text", "lat"]) == {"text": [], "lat": []}


# -- join: held to a frozen copy of the per-claim join before issue #13's part 5 -----------

def old_join(claims, gazetteer):
    """join before issue #13's part 5: each claim's place asked of it alone, its fields
    read as lists."""
    from operator import itemgetter

    import geopandas as gpd
    import pandas as pd

    from geomap.geo import km
    from geomap.join import (
        BEYOND_NOTES,
        COLUMNS,
        PLACED,
        JoinResult,
        _at,
        _chosen,
        _points,
    )
    from geomap.records import Unplaced
    from geomap.resolve import resolve_places
    from geomap.wording import plural

    def resolved_before(claim):
        if not claim.place_id:
            return False
        try:
            return _at(gazetteer.get(claim.place_id), claim.lat, claim.lon)
        except LookupError:
            return False

    def placed_at(c, res):
        place = _chosen(c, res, gazetteer)
        by_id = place is not None and not (res and res.resolved and res.place.id == place.id)
        if place is None and res is not None and res.resolved:
            place = res.place
        given = c.lat is not None and c.lon is not None and not (
            place is not None and _at(place, c.lat, c.lon)) and not resolved_before(c)
        return place, by_id, given

    resolutions = resolve_places([c.place for c in claims if c.place.strip()], gazetteer)
    placed, rows, unplaced, notes = [], [], [], []
    beyond, last_beyond = 0, ""
    for c in claims:
        res = resolutions.get(c.place) if c.place.strip() else None
        place, by_id, given = placed_at(c, res)
        if given:
            why = "coordinates given in the input"
            if place is not None:
                far = km(c.lat, c.lon, place.lat, place.lon)
                if far > place.extent_km:
                    beyond += 1
                    if beyond <= BEYOND_NOTES:
                        notes.append(
                            f"{c.origin or c.id}: lat/lon ({c.lat:g}, {c.lon:g}) lie "
                            f"{far:,.0f} km from {place.name} ({place.kind}, {place.country}), "
                            f"beyond its extent (about {place.extent_km:,.0f} km): mapped at "
                            "the coordinates; correct the place or the coordinates")
                    else:
                        last_beyond = c.origin or c.id
                    why += f", {far:,.0f} km from {place.name}, which the claim names"
            placed.append(c)
            rows.append((
                c.lat, c.lon, c.precision or "point", place.id if place else "",
                place.name if place else c.place, place.kind if place else "",
                place.country if place else "", None, why,
                c.confidence if c.confidence is not None else 1.0))
            continue
        if not c.place.strip():
            unplaced.append(Unplaced(c, "unresolved", "the claim names no place"))
            continue
        if place is None:
            unplaced.append(Unplaced(
                c, res.status, res.reason, tuple(
                    f"{x.place.name} ({x.place.kind}, {x.place.country}, {x.place.id})"
                    for x in res.candidates[:5]), res.confidence))
            continue
        if by_id:
            why = (f"{place.name} ({place.kind}, {place.country}), chosen before among the "
                   f"places {c.place!r} may mean (place_id {place.id})")
            sure = c.confidence if c.confidence is not None else res.confidence if res else 1.0
        else:
            why, sure = res.reason, res.confidence
            if c.confidence is not None and c.place_id == place.id:
                sure = c.confidence
        placed.append(c)
        rows.append((place.lat, place.lon, c.precision or place.precision, place.id,
                     place.name, place.kind, place.country, place.radius_km, why, sure))
    if beyond > BEYOND_NOTES:
        more = beyond - BEYOND_NOTES
        notes.append(
            f"and {plural(more, 'more claim')} (the last at {last_beyond}) whose lat/lon lie "
            "beyond the extent of the place each names: mapped at the coordinates; each "
            "one's resolution gives its distance from the place ("
            f"{plural(beyond, 'claim')} in all, counted in the manifest as "
            "coordinates_beyond_place)")
    if not placed:
        frame = gpd.GeoDataFrame(pd.DataFrame([], columns=COLUMNS),
                                 geometry=gpd.points_from_xy([], []), crs="EPSG:4326")
    else:
        said = dict(zip(PLACED, map(list, zip(*rows))))
        fields_of = [vars(c) for c in placed]
        columns = {k: said[k] if k in said else list(map(itemgetter(k), fields_of))
                   for k in COLUMNS}
        frame = gpd.GeoDataFrame(pd.DataFrame(columns, columns=COLUMNS),
                                 geometry=_points(said["lon"], said["lat"]), crs="EPSG:4326")
    return JoinResult(frame=frame, unplaced=unplaced, claims_in=len(claims), notes=notes,
                      beyond=beyond)


def assert_same_join(got, want) -> None:
    import shapely

    pd.testing.assert_frame_equal(got.frame, want.frame, check_exact=True)
    assert list(got.frame.dtypes) == list(want.frame.dtypes)
    assert list(shapely.to_wkb(got.frame.geometry.values)) == \
        list(shapely.to_wkb(want.frame.geometry.values))
    for name in got.frame.columns:  # (the very values: types, NaN, the sign of a zero)
        if name != "geometry":
            assert same_values(got.frame[name].tolist(), want.frame[name].tolist()), name
            assert [math.copysign(1, v) for v in got.frame[name].tolist()
                    if type(v) is float and v == 0] == \
                [math.copysign(1, v) for v in want.frame[name].tolist()
                 if type(v) is float and v == 0], name
    assert [u.to_dict() for u in got.unplaced] == [u.to_dict() for u in want.unplaced]
    assert (got.notes, got.beyond, got.claims_in) == (want.notes, want.beyond, want.claims_in)


# (place, place_id, lat, lon): named places, coordinates given near and far, at the place's
# own point or at its place_id's, a place_id chosen among namesakes or one the name cannot
# mean, unknown names and ids, no place at all, zeros of both signs
WHERE = [
    ("Goris", "", None, None), ("Goris", "am-goris", None, None),
    ("Goris", "", 39.52, 46.35), ("Goris", "", 40.18, 44.51), ("Goris", "", -0.0, 0.0),
    ("Goris", "am-goris", None, None), ("Kapan", "am-goris", None, None),
    ("Kapan", "am-goris", "goris", "goris"), ("Kapan", "", "goris", "goris"),
    ("Syunik", "", 39.41, 46.26), ("Syunik", "", 45.0, 40.0), ("Armenia", "", 0.0, -0.0),
    ("Springfield", "", None, None), ("Springfield", "", 42.1, -72.59),
    ("Springfield", "us-springfield-ma", None, None), ("Qwertyville", "", None, None),
    ("Qwertyville", "", 39.6, 46.2), ("Qwertyville", "no-such-id", 39.6, 46.2),
    ("", "", None, None), ("", "", 39.6, 46.2), ("  ", "", None, None),
    ("Goris", "no-such-id", 39.51, 46.34), ("Goris", "am-kapan", None, None),
    ("Stepanakert", "", 39.8, 46.75), ("Khankendi", "", 39.815, 46.752),
    ("Sev Lich", "", 39.33, 46.24), ("Sev Lich", "", 39.3301, 46.2401),
    ("Syunik", "", 39.41, 46.26 + 179.0), ("Syunik", "", -39.41, 46.26 - 180.0),
]
ODD_TEXT = ["", "</script>", "<!--", "\u2028", "=1+1", "\U0001f600", "007", "\x07"]


def varied_claims(rnd, n: int, gazetteer):
    from geomap.records import Claim

    goris = gazetteer.get("am-goris")
    out = []
    for k in range(n):
        place, place_id, lat, lon = rnd.choice(WHERE)
        if lat == "goris":  # geomap's own point of the place_id (an export's geometry)
            lat, lon = goris.lat + rnd.choice([0.0, 5e-5]), goris.lon
        out.append(Claim(
            id=rnd.choice([f"c{k}", f"{k:03d}", str(10**19 + k)]), text=rnd.choice(ODD_TEXT),
            claimant="gov", claimant_side=rnd.choice(["AM", "AZ"]),
            stance=rnd.choice(["asserts", "denies"]), event=rnd.choice(["incursion", "talks"]),
            actor=rnd.choice(ODD_TEXT), place=place, place_id=place_id,
            date=rnd.choice(["2021-05-12", "2021-05", ""]), lat=lat, lon=lon,
            precision=rnd.choice(["", "point", "district"]),
            confidence=rnd.choice([None, 0.5, 1.0]), depth_km=rnd.choice([None, 3.0]),
            span_start=rnd.choice([None, 5]), check=rnd.choice(["", "place from focus"]),
            origin=rnd.choice(["", f"claims.csv:{k + 2}"])))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_join_is_the_per_claim_join(seed, gazetteer):
    from geomap.join import join

    rnd = random.Random(seed)
    claims = varied_claims(rnd, rnd.choice([1, 3, 40, 300]), gazetteer)
    assert_same_join(join(claims, gazetteer), old_join(claims, gazetteer))


def test_join_of_odd_fields_is_the_per_claim_join(gazetteer):
    """Fields a reader would not give (None for text, numbers for text, NaN coordinates):
    the frame's columns are inferred as before."""
    from geomap.join import join

    claims = varied_claims(random.Random(99), 30, gazetteer)
    odd = [replace(claims[0], actor=None), replace(claims[1], text=7),
           replace(claims[2], url=None, lat=float("nan"), lon=46.3, place="Goris"),
           replace(claims[3], span_start=2**70), replace(claims[4], publisher=b"bytes")]
    for case in ([*odd, *claims], odd[:1], [claims[5]] * 3, []):
        assert_same_join(join(case, gazetteer), old_join(case, gazetteer))



def _merged_one_by_one(claims):
    """api.merge_duplicates as it was for claims with no spans: each id kept once, where it
    first came, and a note for a later version that differs."""
    first, out, notes, merged = {}, [], [], 0
    for c in claims:
        seen = first.get(c.id)
        if seen is None:
            first[c.id] = c
            out.append(c)
            continue
        merged += 1
        if seen != c:
            notes.append(f"{c.origin}: claim {c.id} differs from {seen.origin}; the version "
                         f"from {seen.origin} is mapped")
    return out, merged, notes


@pytest.mark.parametrize("seed", range(6))
def test_claims_with_no_spans_merged_as_one_by_one(seed, gazetteer):
    from geomap.api import merge_duplicates

    rnd = random.Random(f"merge {seed}")
    claims = [replace(c, span_start=None, span_end=None)
              for c in varied_claims(rnd, rnd.choice([0, 1, 30]), gazetteer)]
    if claims and seed % 2:  # an id again: the same claim, and another version of it
        claims += [claims[0], replace(claims[-1], text="another version")]
    got = merge_duplicates(claims)
    assert got == _merged_one_by_one(claims)
    assert got[0] is not claims  # (a list of its own)
    if claims and seed % 2:
        assert got[1] == 2 and len(got[2]) == 1

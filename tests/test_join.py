"""Joining claims with places: nothing is lost, and nothing is placed by a guess."""

from __future__ import annotations

from pathlib import Path

from geomap.join import join
from geomap.read import read_claims
from geomap.resolve import resolve_places

H = "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon,precision\n"


def _claims(write_csv, rows):
    return read_claims([write_csv(rows, header=H)])


def test_claims_in_equals_mapped_plus_unplaced(write_csv, gazetteer):
    rows = [
        "a,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,,,",
        "b,2021-05-12,Syunik province,gov,AM,asserts,incursion,,t,s,,,,",
        "c,2021-05-12,Qwertyville,gov,AM,asserts,incursion,,t,s,,,,",
        "d,2021-05-12,Springfield,gov,AZ,denies,incursion,,t,s,,,,",
        "e,2021-05-12,Somewhere unnamed,gov,AZ,denies,incursion,,t,s,,39.60,46.20,point",
        "f,2021-05-13,Stepanakert,gov,AM,reports,talks,,t,s,,,,",
    ]
    result = join(_claims(write_csv, rows), gazetteer)
    assert result.claims_in == 6
    assert result.claims_in == result.claims_mapped + len(result.unplaced)
    frame = result.frame
    assert frame.crs.to_epsg() == 4326
    assert sorted(frame["id"]) == ["a", "b", "e", "f"]
    by_id = {u["id"]: u for u in result.unplaced}
    assert by_id["c"]["status"] == "unresolved"
    assert by_id["d"]["status"] == "ambiguous" and len(by_id["d"]["candidates"]) >= 2
    assert by_id["d"]["origin"].endswith(":5")


def test_precision_follows_the_place_or_the_input(write_csv, gazetteer):
    rows = [
        "a,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,,,",
        "b,2021-05-12,Syunik,gov,AM,asserts,incursion,,t,s,,,,",
        "c,2021-05-12,Armenia,gov,AM,asserts,incursion,,t,s,,,,",
        "d,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,39.52,46.35,point",
    ]
    frame = join(_claims(write_csv, rows), gazetteer).frame.set_index("id")
    assert frame.loc["a", "precision"] == "settlement"
    assert frame.loc["b", "precision"] == "province"
    assert frame.loc["c", "precision"] == "country"
    assert frame.loc["d", "precision"] == "point"
    assert frame.loc["d", "resolution"] == "coordinates given in the input"
    assert frame.loc["d", "place_id"] == "am-goris"
    assert abs(frame.loc["d"].geometry.x - 46.35) < 1e-9


def test_context_resolves_an_ambiguous_name_near_the_others(gazetteer):
    # Alone, "Springfield" is ambiguous; beside Chicopee and Holyoke it is Springfield, MA.
    out = resolve_places(["Springfield", "Chicopee", "Holyoke"], gazetteer)
    assert out["Springfield"].resolved
    assert 42.0 < out["Springfield"].place.lat < 42.3
    assert resolve_places(["Springfield"], gazetteer)["Springfield"].status == "ambiguous"


def test_locate_puts_each_claim_where_join_does():
    """The store's points (locate, without a frame) are the map's (join), whatever decides
    them: a source's coordinates, a place's, a place_id chosen among namesakes."""
    from geomap.api import gazetteer
    from geomap.examples import MAY2021
    from geomap.join import join, locate
    from geomap.read import read_claims

    data = Path(__file__).parent / "data"
    for path in (MAY2021, data / "galwan.csv", data / "claims.geojson",
                 data / "acled_sample.csv", data / "ucdp_ged_sample.csv"):
        claims = read_claims([path])
        frame = join(claims, gazetteer()).frame
        placed = {i: (lon, lat) for i, lat, lon in zip(frame["id"], frame["lat"], frame["lon"])}
        assert locate(claims, gazetteer()) == placed and placed, path.name


def test_coordinates_beyond_the_place_past_a_count_are_said_in_one_note(write_csv, gazetteer):
    """Each claim whose lat/lon lie beyond the place it names is mapped at the coordinates;
    the first BEYOND_NOTES have a note each (file and line), the rest one note with their
    count, and every one is counted (``beyond``) and says so in its resolution."""
    from geomap.join import BEYOND_NOTES

    far = [f"f{i},2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,40.{i:02d},44.5,point"
           for i in range(BEYOND_NOTES + 7)]
    near = ["n1,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,39.51,46.34,point"]
    path = write_csv(near + far, header=H)
    result = join(read_claims([path]), gazetteer)
    assert result.claims_mapped == len(far) + 1 and result.beyond == len(far)
    said = [n for n in result.notes if "beyond its extent" in n]
    assert len(said) == BEYOND_NOTES
    assert said[0].startswith(f"{path}:3: ") and said[-1].startswith(f"{path}:{BEYOND_NOTES + 2}: ")
    (rest,) = [n for n in result.notes if n.startswith("and ")]
    assert rest.startswith("and 7 more claims (the last at ") and f":{len(far) + 2})" in rest
    assert f"{len(far)} claims in all" in rest
    frame = result.frame.set_index("id")
    assert all(frame.loc[f"f{i}", "resolution"].endswith("km from Goris, which the claim names")
               for i in range(len(far)))
    assert frame.loc["n1", "resolution"] == "coordinates given in the input"
    # a few: each said, no summary
    few = join(read_claims([write_csv(far[:3], header=H, name="few.csv")]), gazetteer)
    assert few.beyond == 3 and len(few.notes) == 3 and not any(
        n.startswith("and ") for n in few.notes)


def test_claims_at_one_place_share_its_point_and_every_point_is_its_claims():
    """The frame's points are the claims' lat/lon, whether made once per place (many claims
    at few places) or once per claim (few repeats, or a zero, whose sign is kept)."""
    import math

    import numpy as np

    from geomap.join import _points

    lons = [46.3, 45.1, 46.3, 44.0] * 30
    lats = [39.5, 40.2, 39.5, 41.0] * 30
    shared = _points(lons, lats)
    assert len(shared) == 120 and len({id(p) for p in shared}) == 3
    assert np.array_equal(shared.x, lons) and np.array_equal(shared.y, lats)
    zeros = _points([-0.0, 0.0] * 10, [5.0, 5.0] * 10)
    assert [math.copysign(1, x) for x in zeros.x[:2]] == [-1.0, 1.0]
    distinct = _points([1.5, 2.5, 3.5], [4.5, 5.5, 6.5])
    assert list(distinct.x) == [1.5, 2.5, 3.5] and list(distinct.y) == [4.5, 5.5, 6.5]

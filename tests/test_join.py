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

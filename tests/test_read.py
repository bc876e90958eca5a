"""Reading claims files: every bad input names its file and line; nothing is dropped."""

from __future__ import annotations

import json

import pytest

from geomap.errors import InputError
from geomap.read import parse_date, read_claims

ROW = "c1,2021-05-12,Goris,Armenian government,AM,asserts,incursion,troops,They crossed.,Report,,"


def test_reads_the_columns(write_csv):
    (c,) = read_claims([write_csv([ROW + ",incident"])])
    assert (c.id, c.place, c.stance, c.event, c.date, c.date_precision) == (
        "c1", "Goris", "asserts", "incursion", "2021-05-12", "day")
    assert c.origin.endswith("claims.csv:2")


def test_ids_are_derived_stably_when_absent(write_csv, tmp_path):
    row = ROW.replace("c1,", ",", 1) + ",incident"
    a = read_claims([write_csv([row], name="a.csv")])[0].id
    b = read_claims([write_csv([row], name="b.csv")])[0].id
    assert a == b and a.startswith("c")


@pytest.mark.parametrize("value, expected", [
    ("2021-05-12", ("2021-05-12", "day")), ("2021-05", ("2021-05", "month")),
    ("2021", ("2021", "year")), ("", ("", "unknown")),
])
def test_dates_and_their_precision(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("date", ["2021-02-30", "2021-13-01", "12/05/2021", "May 2021"])
def test_impossible_dates_are_rejected(date):
    with pytest.raises(ValueError):
        parse_date(date)


def _error(path) -> InputError:
    with pytest.raises(InputError) as info:
        read_claims([path])
    return info.value


@pytest.mark.parametrize("row, line, words", [
    (ROW.replace("2021-05-12", "2021-02-30") + ",incident", 2, "does not exist"),
    (ROW.replace("asserts", "maybe") + ",incident", 2, "stance 'maybe'"),
    (ROW.replace("incursion", "picnic") + ",incident", 2, "event 'picnic'"),
    (ROW + ",bystander", 2, "role 'bystander'"),
    (ROW.replace("Goris", "") + ",incident", 2, "place is empty"),
    (ROW, 2, "expected 13 fields, found 12"),
])
def test_bad_rows_name_file_and_line(write_csv, row, line, words):
    err = _error(write_csv([row]))
    assert err.path.endswith("claims.csv") and err.line == line
    assert words in str(err)
    assert str(err).startswith(f"{err.path}:{line}: ")


def test_every_bad_row_is_reported_at_once(write_csv):
    good = ROW + ",incident"
    path = write_csv([good.replace("c1", "a"), good.replace("asserts", "x").replace("c1", "b"),
                      good.replace("c1", "c"), good.replace("incursion", "y").replace("c1", "d")])
    err = _error(path)
    assert [e.line for e in err.errors] == [3, 5]


def test_impossible_coordinates(write_csv):
    header = "date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon\n"
    row = "2021-05-12,Goris,gov,AM,asserts,incursion,,text,src,,{lat},{lon}"
    assert "lat '95'" in str(_error(write_csv([row.format(lat=95, lon=46)], header=header)))
    assert "lon 'east'" in str(_error(write_csv([row.format(lat=39, lon="east")], header=header)))
    assert "together" in str(_error(write_csv([row.format(lat=39, lon="")], header=header)))


def test_unknown_and_missing_columns(write_csv):
    err = _error(write_csv([], header="date,place,claimant,colour\n"))
    assert err.line == 1
    assert "unknown column(s) colour" in str(err)
    assert "missing column(s) claimant_side" in str(err)


def test_malformed_csv(write_csv):
    err = _error(write_csv([ROW[:20] + ',"unclosed quote', "next,row"]))
    assert "malformed CSV" in str(err) and err.line is not None


def test_missing_binary_encoded_empty_and_directory(tmp_path):
    assert str(_error(tmp_path / "nope.csv")) == f"{tmp_path / 'nope.csv'}: no such file"
    binary = tmp_path / "img.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in str(_error(binary))
    cp1251 = tmp_path / "ru.csv"
    cp1251.write_bytes(("date,place\n2021-05-12,Горис\n").encode("cp1251"))
    err = _error(cp1251)
    assert "not UTF-8" in str(err) and err.line == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "empty file" in str(_error(empty))
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    assert "directory" in str(_error(folder))


def test_unknown_file_type(tmp_path):
    path = tmp_path / "claims.xlsx"
    path.write_text("x")
    assert "use .csv or .geojson" in str(_error(path))


def test_duplicate_ids_across_files(write_csv):
    a = write_csv([ROW + ",incident"], name="a.csv")
    b = write_csv([ROW + ",incident"], name="b.csv")
    with pytest.raises(InputError) as info:
        read_claims([a, b])
    assert "already used at" in str(info.value) and info.value.path.endswith("b.csv")


def test_geojson_claims(tmp_path):
    from tests.conftest import DATA

    claims = read_claims([DATA / "claims.geojson"])
    assert [c.id for c in claims] == ["g1", "g2"]
    assert (claims[0].lat, claims[0].lon) == (39.5111, 46.3417)
    assert claims[1].lat is None and claims[1].date_precision == "month"


def test_bad_geojson(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [}')
    err = _error(path)
    assert "malformed JSON" in str(err) and err.line == 2
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
         "properties": {"place": "x"}}]}))
    assert "feature 1: geometry must be a Point" in str(_error(path))
    path.write_text('{"type": "Feature"}')
    assert "FeatureCollection" in str(_error(path))


def test_urls_must_be_http(write_csv):
    header = "date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
    row = "2021-05-12,Goris,gov,AM,asserts,incursion,,text,src,javascript:alert(1)"
    assert "not an http(s) address" in str(_error(write_csv([row], header=header)))


@pytest.mark.parametrize("doc, words", [
    ({"type": "FeatureCollection", "features": 5}, "must be a list"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": "x",
                                                  "properties": {}}]}, "must be a Point"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {
        "type": "Point", "coordinates": 5}, "properties": {}}]}, "[longitude, latitude]"),
])
def test_malformed_geojson_structures(tmp_path, doc, words):
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(doc))
    assert words in str(_error(path))


def test_a_date_bound_written_as_a_spreadsheet_writes_a_day_is_that_day():
    from geomap.read import in_date_range

    assert not in_date_range("2021-05-10", "14.05.2021")
    assert in_date_range("2021-05-14", "14.05.2021", "14.05.2021")
    assert in_date_range("2021-05", None, "14.05.2021")  # May overlaps up to the 14th
    assert not in_date_range("2021-06-01", None, "14.05.2021")


def test_a_claim_read_is_the_claim_its_fields_make():
    """claim_from_fields builds its Claim without Claim's __init__ (records.claim_of): the
    same claim, field by field, as Claim(**fields) makes it."""
    from dataclasses import fields

    from geomap.read import claim_from_fields
    from geomap.records import Claim, claim_of

    given = {"id": "c9", "date": "2021-05-12", "place": " Goris ", "claimant": "MoD",
             "claimant_side": "AM", "stance": "denies", "event": "shelling", "actor": "army",
             "text": "No shots.", "source": "Report", "url": "https://example.org/x",
             "place_id": "am-goris", "lat": "39.51", "lon": "46.34", "precision": "point",
             "published": "2021-05-13", "date_precision": "week", "role": "reaction",
             "publisher": "RFE/RL", "span_start": "3", "span_end": "12", "depth_km": "2.5",
             "confidence": "0.8", "check": "speaker from 'It'"}
    expected = Claim(id="c9", text="No shots.", claimant="MoD", claimant_side="AM",
                     stance="denies", event="shelling", actor="army", place="Goris",
                     place_id="am-goris", date="2021-05-12", date_precision="week",
                     published="2021-05-13", source="Report", publisher="RFE/RL",
                     url="https://example.org/x", role="reaction", precision="point",
                     lat=39.51, lon=46.34, span_start=3, span_end=12, depth_km=2.5,
                     confidence=0.8, check="speaker from 'It'", origin="f.csv:2")
    for plain in (False, True):
        got = claim_from_fields(given, "f.csv:2", plain=plain)
        assert type(got) is Claim and got == expected and got.origin == "f.csv:2"
        assert vars(got) == vars(expected)
        assert [getattr(got, f.name) for f in fields(Claim)] == \
            [getattr(expected, f.name) for f in fields(Claim)]
    with pytest.raises(TypeError):
        claim_of("too", "few")


def test_guarded_cells_and_control_characters_anywhere_in_a_file(write_csv):
    """The reader looks at the whole file once for a cell guarded with "'" and for
    characters to replace; a row far down the file still has them handled."""
    plain = [ROW.replace("c1,", f"p{i},", 1) + ",incident" for i in range(30)]
    guarded = ROW.replace("c1,", "g1,", 1).replace("They crossed.", "'=1+1") + ",incident"
    quoted = ROW.replace("c1,", "g2,", 1).replace("They crossed.", "\"'@x, y\"") + \
        ",incident"
    control = ROW.replace("c1,", "b1,", 1).replace("They crossed.", "a\x07b") + ",incident"
    claims = {c.id: c for c in read_claims([write_csv([*plain, guarded, quoted, control])])}
    assert claims["g1"].text == "=1+1" and claims["g2"].text == "@x, y"
    assert claims["b1"].text == "a\ufffdb"
    assert claims["p29"].text == "They crossed." and len(claims) == 33
    # an apostrophe inside a cell is text, and a file with none guarded reads as written
    (c,) = read_claims([write_csv([ROW.replace("They crossed.", "It's 'theirs'")
                                   + ",incident"], name="b.csv")])
    assert c.text == "It's 'theirs'"

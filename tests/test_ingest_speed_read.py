"""A claims file read a column at a time (read._claims_at_once) gives what the rows read
one by one give: the same claims, field for field (types and signs too) and origin for
origin, or, where it declines, the same errors from the rows' own reading."""

from __future__ import annotations

import csv
import dataclasses
import io
import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geomap import read
from geomap.errors import InputError
from geomap.read import OPTIONAL, REQUIRED, read_claims_csv

SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=600,
                    suppress_health_check=list(HealthCheck))

ODD = ["", " ", " Goris ", "maybe", "=cmd", "'=cmd", "''x", "'", "<script>alert(1)</script>",
       "a\nb", "x" * 3000, "٣", "nan", "inf", "1e999", "-0.0", "39,51", " 39.5 ", "+1",
       ".5", "5.", "4_0", "2021-02-30", "14.05.2021", "2021-5-1", "２０２１", "-1", "0",
       "101", "javascript:x", "https://a.b/c d", "https://[::1", "HTTPS://A.B:80/",
       "http://-a", "am goris", "123456789012345678", "﻿x", "\u00a0x", "x\u2028"]
FINE = {
    "date": ["2021-05-12", "2021-05", "2021", "", "14.05.2021", " 2021-05-12"],
    "place": ["Goris", "Sev Lich", "Ереван", "Nagorno-Karabakh"],
    "claimant": ["gov", "Ministry of Defence", "Հայաստան"],
    "claimant_side": ["AM", "AZ", "CSTO"],
    "stance": ["asserts", "denies", "reports", "calls"],
    "event": ["incursion", "talks", "other"],
    "actor": ["", "troops"],
    "text": ["t", "Troops\tcrossed", "«quoted»", "a\r\nb", "They said \"no\"."],
    "source": ["", "s"],
    "url": ["", "https://example.org/x", "http://a.b:8080/p?q=1#f", "HTTPS://EXAMPLE.ORG",
            "https://é.org/x"],
    "id": ["", "c1", "k0001"],
    "place_id": ["", "am-goris", "geonames:616635"],
    "lat": ["", "39.5", "-0.0", "90", "39.51", "90.5"],
    "lon": ["", "46.25", "180", "-180.0", "-181"],
    "precision": ["", "point", "zone"],
    "published": ["", "2021-05-14"],
    "date_precision": ["", "day", "month", "unknown"],
    "role": ["", "incident", "reaction"],
    "publisher": ["", "Reuters"],
    "span_start": ["", "0", "7", "999999999999999"],
    "span_end": ["", "9"],
    "depth_km": ["", "0.5", "100", "3", "0", "100.5"],  # (0 and 100.5 are out of range)
    "confidence": ["", "0", "1", "0.75", "-0.0", "1.5"],
    "check": ["", "speaker from 'It'"],
}


@st.composite
def claims_files(draw) -> tuple[str, str]:
    """A claims file's text: the required columns and some optional ones in some order,
    rows of fine cells with a few odd ones, and its delimiter."""
    columns = REQUIRED + draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=8))
    columns = draw(st.permutations(columns))
    delimiter = draw(st.sampled_from([",", ";"]))
    rows = []
    for i in range(draw(st.integers(1, 6))):
        row = {c: draw(st.sampled_from(FINE[c])) for c in columns}
        if row.get("lat") or row.get("lon"):  # (mostly given together)
            row["lat"], row["lon"] = row.get("lat") or "39.5", row.get("lon") or "46.25"
        if "id" in row and row["id"]:
            row["id"] += str(i)  # (ids differ, mostly)
        if draw(st.integers(0, 9)) < 2:  # (a file with an odd cell is read row by row)
            for c in draw(st.lists(st.sampled_from(columns), max_size=2)):
                row[c] = draw(st.sampled_from(ODD))
        rows.append([row.get(c, "") for c in columns])
    if draw(st.integers(0, 9)) == 0:  # a blank row, or a short one
        rows.insert(draw(st.integers(0, len(rows))), draw(st.sampled_from([[], [""] * len(
            columns), ["x"]])))
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(
        ["\n", "\r\n"])))
    w.writerow(columns)
    w.writerows(rows)
    return out.getvalue(), delimiter


def _fields(claim) -> list:
    """A claim's fields with their types and signs (39 is not 39.0, -0.0 is not 0.0)."""
    return [(type(v).__name__, math.copysign(1, v) if isinstance(v, float) else None,
             v if not (isinstance(v, float) and v != v) else "nan")
            for v in dataclasses.astuple(claim)] + [claim.origin]


def _outcome(text: str):
    try:
        return [_fields(c) for c in read_claims_csv(read.Path("c.csv"), text)]
    except InputError as err:
        return ("error", [str(e) for e in getattr(err, "errors", [err])])


def _one_by_one(monkeypatch, text: str):
    with monkeypatch.context() as m:
        m.setattr(read, "_claims_at_once", lambda *a, **k: None)
        return _outcome(text)


@SETTINGS
@given(claims_files())
@example(("date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
          "2021-05-12,Goris,gov,AM,asserts,incursion,,t,,\n", ","))
@example(("date;place;claimant;claimant_side;stance;event;actor;text;source;url;lat;lon\n"
          "2021-05-12;Goris;gov;AM;asserts;incursion;;t;;;39,51;46,2\n", ";"))
@example(("date,place,claimant,claimant_side,stance,event,actor,text,source,url,id\n"
          "2021-05-12,Goris,gov,AM,asserts,incursion,,\"a\nb\",,,\n"
          "2021-05-12,'=cmd,gov,AM,asserts,incursion,,'''x,,,k1\n", ","))
def test_a_file_read_at_once_is_the_file_read_row_by_row(monkeypatch, case):
    text, _ = case
    assert _outcome(text) == _one_by_one(monkeypatch, text)


def test_a_plain_file_is_read_at_once(monkeypatch):
    """(else the test above compares the slow way with itself)"""
    text = ("date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon,"
            "id,depth_km,confidence,span_start,span_end,place_id,role,date_precision\n"
            "14.05.2021,Goris,gov,AM,asserts,incursion,,t,s,https://a.b/c,39.5,46.1,,3,"
            "0.5,1,4,am-goris,,\n2021,Kapan,gov,AZ,denies,talks,x,\"u\nv\",,,,,k1,,,,,,"
            "reaction,month\n")
    calls = []
    original = read._claims_at_once

    def spy(*args, **kwargs):
        calls.append(original(*args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(read, "_claims_at_once", spy)
    claims = read_claims_csv(read.Path("c.csv"), text)
    assert calls and calls[0] is not None and calls[0] == claims
    assert [c.origin for c in claims] == ["c.csv:2", "c.csv:4"]  # (a cell of two lines)
    assert claims[0].date == "2021-05-14" and claims[0].lat == 39.5
    assert claims[1].date_precision == "month" and claims[1].role == "reaction"
    assert _outcome(text) == _one_by_one(monkeypatch, text)


@pytest.mark.parametrize("row, message", [
    (["2021-02-30", "Goris"], "does not exist"),
    (["2021-05-12", ""], "place is empty"),
])
def test_bad_rows_keep_their_errors(row, message):
    text = ("date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
            f"2021-05-12,Goris,gov,AM,asserts,incursion,,t,,\n"
            f"{row[0]},{row[1]},gov,AM,asserts,incursion,,t,,\n")
    with pytest.raises(InputError) as err:
        read_claims_csv(read.Path("c.csv"), text)
    assert err.value.line == 3 and message in str(err.value)


@pytest.mark.parametrize("missing", [None, 0, 3])
def test_numbers_read_at_once_stay_with_their_rows(monkeypatch, missing):
    """Coordinates, depths and confidences given in every row (the numbers are the column)
    or missing in one: each row's own, as the rows read one by one give them."""
    rows = []
    for k in range(5):
        given = k != missing
        lat, lon = (f"{39 + k / 10:g}", f"{46 - k / 7:.5f}") if given else ("", "")
        depth, sure = (f"{k + 1}", f"{k / 5:g}") if given else ("", "")
        rows.append(f"2021-05-1{k},Goris,gov,AM,asserts,incursion,,t{k},,,{lat},{lon},"
                    f"{depth},{sure}")
    text = ("date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon,"
            "depth_km,confidence\n" + "\n".join(rows) + "\n")
    calls = []
    original = read._claims_at_once
    monkeypatch.setattr(read, "_claims_at_once",
                        lambda *a, **k: calls.append(original(*a, **k)) or calls[-1])
    claims = read_claims_csv(read.Path("c.csv"), text)
    assert calls and calls[0] is not None  # (read at once)
    assert [c.lat for c in claims][:2] == ([39.0, 39.1] if missing != 0 else [None, 39.1])
    monkeypatch.setattr(read, "_claims_at_once", original)
    assert _outcome(text) == _one_by_one(monkeypatch, text)


# Cells a number column may hold: numbers as _NUMBER writes them, and what float() also
# reads (underscores, nan, infinity, other digits, blanks, a line end) or nothing reads.
NUMBERISH = ["1", "-0.0", "+1", ".5", "5.", "1e5", "1E+5", "5.e-3", "+.5e+05", "00.5",
             "1_0", "nan", "NaN", "inf", "-infinity", "١", "٤٠", "１", " 1", "1 ", "1\t",
             "\n1", "1\n", "1\n2", "e1", "E", ".", "-", "+", "1e", "1e+", "1.2.3", "--1",
             "+-1", "1ee5", "1e5.5", "1..2", ".e1", "0x10", "1,5", "١.5", "1e999"]


@pytest.mark.parametrize("cell", NUMBERISH)
def test_a_number_column_takes_the_numbers_the_pattern_takes(cell):
    """A column of numbers read at once (each cell's characters looked at together, then
    float() of each) takes a cell just where _NUMBER does, and reads it as float() does."""
    got = read._numbers(("39.5", cell, ""), "lat", -1e308, 1e308)
    if read._NUMBER.fullmatch(cell) and abs(float(cell)) <= 1e308:
        assert got == [39.5, float(cell), None]
    else:
        assert got is None


URLS = ["https://example.org/x", "HTTPS://A.B:80/", "http://[::1]/x", "https://é.org/x",
        "http://a.b/\u00e9", "https://a.b/c d", "javascript:x", "http://-a", "http://a.b/\x7f",
        "http://", "https://[::1"]


@pytest.mark.parametrize("k", range(len(URLS)))
def test_addresses_checked_at_once_as_each_alone(k):
    """The addresses of a column, tried first by the quick pattern (_PLAIN_URL), then each by
    is_http_url: a column passes just where each address passes one of the two."""
    for column in (URLS[:k + 1], URLS[k:k + 2], ["", URLS[k], URLS[0]]):
        want = all(read._PLAIN_URL.fullmatch(u) or read.is_http_url(u)
                   for u in set(column) - {""})
        assert read._distinct_ok(column, read.is_http_url, quick=read._PLAIN_URL.fullmatch) \
            == want, column


@pytest.mark.parametrize("bad", [chr(i) for i in range(32)] + [
    "\x7f", "\x85", "\ufffd", "\ufffe", "\uffff", "\ud800", "\udfff", "\udc80", "\U0001f600",
    "\u2028", "\ue000", "\U0010ffff", "é"])
def test_a_file_has_characters_to_replace_where_clean_text_replaces_one(bad):
    """_has_bad_chars (a look at the whole file, ASCII or not) says a character is to be
    replaced just where clean_text's pattern finds one, wherever in the text it is."""
    for text in (bad, f"Goris, {bad} claim", f"Ереван «{bad}»", "x" * 3 + bad + "Ереван",
                 f"Ереван{bad}"[::-1]):
        assert read._has_bad_chars(text) == (read._BAD_CHARS.search(text) is not None), \
            repr(text)

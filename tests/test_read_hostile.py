"""Hostile inputs to the read stage: reports and claims files from the open web may be written
to hang, crash or poison geomap. Each is read in linear time, refused with an InputError that
names the file (and line), or cleaned, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.read import (
    check_date_range,
    in_date_range,
    loose_date,
    parse_date,
    read_claims,
    read_document,
)
from geomap.textformats import html_to_text

ROOT = Path(__file__).resolve().parents[1]
HEADER = "date,place,claimant,claimant_side,stance,event,actor,text,source,url"
ROW = "2021-05-12,Goris,gov,AM,asserts,incursion,,They crossed.,src,"


def _run(code: str, timeout: float = 20) -> str:
    """Run Python code in a child process (a hang there cannot hang the tests); its stdout.

    A child that is still running after ``timeout`` seconds fails the test.
    """
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout} s")
    assert done.returncode == 0, done.stderr
    return done.stdout


def _seconds(call: str, payload: str) -> float:
    """How long ``call`` (e.g. "markdown_to_text(x)") takes on ``x = payload`` (an expression),
    timed in a child process."""
    return float(_run(f"""
        import time
        from geomap.read import read_document
        from geomap.textformats import html_to_text, markdown_to_text
        x = {payload}
        t = time.perf_counter()
        {call}
        print(time.perf_counter() - t)
    """))


def _claims_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_claims([path])
    return info.value


def _csv(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _geojson(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.geojson"
    path.write_text(text, encoding="utf-8")
    return path


def _feature(geometry=None, **props) -> dict:
    base = {"date": "2021-05-12", "place": "Goris", "claimant": "gov", "claimant_side": "AM",
            "stance": "asserts", "event": "incursion", "actor": "", "text": "t",
            "source": "src", "url": ""}
    return {"type": "Feature", "geometry": geometry, "properties": {**base, **props}}


def _collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


# -- 1. linear time on Markdown and HTML ----------------------------------------------------

MARKDOWN = {  # each 200-400 KB; before the fix each took from 15 s to hours
    "unclosed *": '"*a " * 100_000',
    "unclosed **": '"**" + "a " * 150_000',
    "unclosed __": '"__a" * 100_000',
    "unclosed [": '"[" * 300_000',
    "unclosed [ over lines": '"[\\n" * 150_000',
    "unclosed ![": '"![a" * 100_000',
    "[a]( without close": '"[a](" * 75_000',
    "![a]( without close": '"![a](" * 60_000',
    "unclosed `": '"`" + "a" * 300_000',
    "long line of everything": '"**a *b [c](d `e __f ![g](" * 11_000',
    "fences and tables": '"```\\n| a |\\n~~~\\n|---|\\n- " * 40_000',
}


@pytest.mark.parametrize("payload", MARKDOWN.values(), ids=MARKDOWN.keys())
def test_markdown_reads_in_linear_time(payload):
    # (a hang, not a benchmark: 0.1 s here, 1.6 s for 150,000 lines of "[", which the block
    # parser reads at some ten microseconds a line)
    assert _seconds("markdown_to_text(x)", payload) < 5


HTML = {  # Python's HTMLParser re-scanned the page for each "<" after an unclosed construct
    "<a repeated, never closed": '"<a" * 150_000',
    "</ repeated": '"</" * 150_000',
    "</a repeated": '"</a" * 100_000',
    "<? repeated": '"<?" * 150_000',
    "unclosed attribute quote": """'<a b="' + '<a ' * 100_000""",
    "<![CDATA[ repeated": '"<![CDATA[" * 33_000',
    "unclosed <!--": '"<!--" + "a" * 300_000',
    "<script> never closed": '"<script>" + "a<" * 150_000',
    "thousands of nested tags": '"<div>" * 60_000',
    "< repeated": '"<" * 300_000',
}


@pytest.mark.parametrize("payload", HTML.values(), ids=HTML.keys())
def test_html_reads_in_linear_time(payload):
    assert _seconds("html_to_text(x)", payload) < 5  # a hang, not a benchmark: 0.2 s here


def test_a_long_first_line_is_read_in_linear_time():
    # the header-line pattern took time quadratic in a run of blanks in the first line
    call = 'read_document("-", stdin=x.encode())'
    assert _seconds(call, '"title: a" + " " * 300_000 + "b\\n\\nText."') < 2


def test_html_behaviour_kept_and_unclosed_constructs_hide_the_rest():
    text, meta = html_to_text('<html><head><title>T &amp; U</title></head><body><p>a < b</p>'
                              '<p>c</p><!-- never closed <p>hidden</p>')
    assert text == "a < b\n\nc" and meta == {"title": "T & U"}


@pytest.mark.parametrize("page", ["<![foo[x]]> after", "<![ x> after", "<p>a<![abc]>"])
def test_odd_marked_sections_are_bogus_comments(page):
    # Python's parser raised AssertionError on "<![foo["
    text, _ = html_to_text(page)
    assert "<![" not in text


def test_markdown_behaviour_kept():
    from geomap.textformats import markdown_to_text

    md = ("# Title\n\n> quoted **bold** and *it* and __also__ and `code`\n"
          "![alt](img.png) [a link](https://x.org/Foo_(bar)) [wrapped\nlink](u) &amp;\n")
    assert markdown_to_text(md) == ("Title\n\nquoted bold and it and also and code\n"
                                    "alt a link wrapped\nlink &")


# -- 2. deeply nested GeoJSON ---------------------------------------------------------------

def test_deeply_nested_geojson_is_an_input_error(tmp_path):
    deep = '{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}"
    err = _claims_error(_geojson(tmp_path, deep))
    assert "nested too deeply" in str(err) and err.path.endswith("claims.geojson")


def test_deep_nesting_in_a_property_is_an_input_error(tmp_path):
    feature = json.dumps(_feature())
    deep = feature.replace('"text": "t"', '"text": ' + "[" * 100_000 + "]" * 100_000)
    err = _claims_error(_geojson(tmp_path, '{"type": "FeatureCollection", "features": ['
                                           + deep + "]}"))
    assert "nested too deeply" in str(err)
    # shallower, so json reads it: still no list where a claim wants text
    nested = json.loads(feature)
    nested["properties"]["text"] = json.loads("[" * 500 + "]" * 500)
    err = _claims_error(_geojson(tmp_path, _collection(nested)))
    assert "feature 1: property 'text' is a list" in str(err)


def test_huge_json_integers_are_an_input_error(tmp_path):
    err = _claims_error(_geojson(tmp_path, _collection(_feature()).replace(
        '"t"', "1" * 5000)))
    assert "malformed JSON" in str(err) and "5,000 digits" in str(err)


# -- 3. numbers are plain ASCII decimals ----------------------------------------------------

@pytest.mark.parametrize("column, value", [
    ("lat", "4_0"), ("lat", "٤٠"), ("lat", "４０"), ("lat", "nan"), ("lon", "inf"),
    ("lon", "Infinity"), ("lon", "0x2e"), ("depth_km", "5_0"), ("depth_km", "٥"),
    ("depth_km", "nan"),
])
def test_numbers_must_be_ascii_decimals(tmp_path, column, value):
    header = HEADER + ",lat,lon,depth_km"
    cells = {"lat": "39.5", "lon": "46.3", "depth_km": "5", column: value}
    path = _csv(tmp_path, [ROW + f",{cells['lat']},{cells['lon']},{cells['depth_km']}"],
                header=header)
    err = _claims_error(path)
    assert err.line == 2 and f"{column} {value!r} is not a number" in str(err)


@pytest.mark.parametrize("value", ["١٢", "²", "1_0", "+5", "9" * 5000])
def test_offsets_must_be_ascii_digits(tmp_path, value):
    path = _csv(tmp_path, [ROW + f",{value},"], header=HEADER + ",span_start,span_end")
    err = _claims_error(path)
    assert err.line == 2 and "span_start" in str(err) and "not a character offset" in str(err)
    assert len(str(err)) < 300  # a hostile value is cut short in the message


def test_plain_numbers_still_read(tmp_path):
    path = _csv(tmp_path, [ROW + ",+39.5,-46.25,2.5,10,20", ROW.replace("Goris", "Kapan")
                           + ",3.95e1,.5,5.,,"],
                header=HEADER + ",lat,lon,depth_km,span_start,span_end")
    a, b = read_claims([path])
    assert (a.lat, a.lon, a.depth_km, a.span_start, a.span_end) == (39.5, -46.25, 2.5, 10, 20)
    assert (b.lat, b.lon, b.depth_km) == (39.5, 0.5, 5.0)


# -- 4. dates have ASCII digits -------------------------------------------------------------

@pytest.mark.parametrize("value", ["٢٠٢١-٠٥-١٢", "２０２１", "2021-05-1٢"])
def test_dates_have_ascii_digits(value):
    with pytest.raises(ValueError):
        parse_date(value)
    assert loose_date(value) == ""


def test_claim_dates_with_other_digits_are_refused(tmp_path):
    err = _claims_error(_csv(tmp_path, [ROW.replace("2021-05-12", "٢٠٢١-٠٥-١٢")]))
    assert err.line == 2 and "is not YYYY-MM-DD" in str(err)


# -- 5. date ranges with month and year bounds ----------------------------------------------

@pytest.mark.parametrize("date, date_from, date_to, inside", [
    ("2021-05-12", None, "2021-05", True), ("2021-05-31", None, "2021-05", True),
    ("2021-05-12", None, "2021", True), ("2021-12-31", None, "2021", True),
    ("2021-06-01", None, "2021-05", False), ("2022-01-01", None, "2021", False),
    ("2021-02-28", None, "2021-02", True), ("2021-03-01", None, "2021-02", False),
    ("2021-05-01", "2021-05", None, True), ("2021-04-30", "2021-05", None, False),
    ("2021-05", "2021-05", "2021-05", True), ("2021", "2021-05", "2021-05", True),
    ("2021-05-12", "2021-05-13", "2021-05", False),
])
def test_month_and_year_bounds_cover_the_whole_period(date, date_from, date_to, inside):
    assert in_date_range(date, date_from, date_to) is inside


@pytest.mark.parametrize("date_from, date_to", [
    ("2021-05", "2021-05"), ("2021-05-31", "2021-05"), ("2021", "2021-01-01"),
    ("2021-05-01", "2021"),
])
def test_date_range_bounds_compared_as_periods(date_from, date_to):
    check_date_range(date_from, date_to)


@pytest.mark.parametrize("date_from, date_to, words", [
    ("2021-06", "2021-05", "is after"), ("2021-05-15", "2021-05-14", "is after"),
    ("2022", "2021-12", "is after"), ("٢٠٢١", None, "--from"), (None, "2021-5", "--to"),
])
def test_bad_date_ranges(date_from, date_to, words):
    with pytest.raises(InputError, match=words):
        check_date_range(date_from, date_to)


# -- 6. GeoJSON geometry against lat/lon properties -----------------------------------------

def _point(lon, lat) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def test_lat_lon_properties_must_agree_with_the_point(tmp_path):
    path = _geojson(tmp_path, _collection(_feature(_point(46.3, 39.5), lat="40.1", lon="46.3")))
    err = _claims_error(path)
    assert "feature 1: lat/lon properties (40.1, 46.3) disagree with the geometry" in str(err)
    path = _geojson(tmp_path, _collection(_feature(_point(46.3, 39.5), lat=39.5000001,
                                                   lon="46.3")))
    (claim,) = read_claims([path])
    assert (claim.lat, claim.lon) == (39.5, 46.3)


@pytest.mark.parametrize("coordinates, words", [
    (["46.3", 39.5], "longitude is the text '46.3'"), ([46.3, True], "latitude is true or false"),
    ([[46.3, 39.5], [1, 2]], "longitude is a list"), ([46.3, None], "latitude is null"),
])
def test_point_coordinates_must_be_numbers(tmp_path, coordinates, words):
    feature = _feature({"type": "Point", "coordinates": coordinates})
    err = _claims_error(_geojson(tmp_path, _collection(feature)))
    assert f"feature 1: the Point's {words}, not a number" in str(err)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(tmp_path, constant):
    text = _collection(_feature(_point(46.3, 39.5))).replace("39.5", constant)
    err = _claims_error(_geojson(tmp_path, text))
    assert "malformed JSON" in str(err) and constant.lstrip("-") in str(err)
    text = _collection(_feature(None)).replace('"t"', "NaN")
    assert "malformed JSON" in str(_claims_error(_geojson(tmp_path, text)))


# -- 7. dates in a report's header ----------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ("2021-02-30", "day is out of range"), ("soon", "geomap reads YYYY-MM-DD"),
    ("٢٠٢١-٠٥-١٢", "digits 0-9"), ("2021-05", "geomap reads YYYY-MM-DD"),
])
def test_an_unreadable_header_date_is_an_error(tmp_path, value, words):
    path = tmp_path / "report.txt"
    path.write_text(f"title: T\npublisher: P\ndate: {value}\n\nShelling near Goris.\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    err = info.value
    assert err.path == str(path) and err.line == 3
    assert f"date {value!r} in the header is not a date geomap can read: " in str(err)
    assert words in str(err)
    # --date overrides the header, so the header's date is not needed
    assert read_document(path, date="2021-05-14").published == "2021-05-14"


@pytest.mark.parametrize("value, published", [
    ("Fri, 14 May 2021 10:00:00 GMT", "2021-05-14"), ("Fri, 14 May 2021 23:30:00 -0500",
                                                      "2021-05-14"),
    ("2021-05-14T10:00:00+04:00", "2021-05-14"), ("2021-05-14T10:00:00Z", "2021-05-14"),
    ("2021-05-14T10:00:00.123456Z", "2021-05-14"), ("yesterday", ""), ("2021-02-30", ""),
])
def test_an_html_page_date_is_read_or_left_unknown(tmp_path, value, published):
    path = tmp_path / "page.html"
    path.write_text(f'<html><head><meta name="date" content="{value}"></head>'
                    "<body><p>Shelling near Goris.</p></body></html>", encoding="utf-8")
    doc = read_document(path)
    assert (doc.published, doc.text) == (published, "Shelling near Goris.")


def test_an_unreadable_date_option_is_an_error():
    with pytest.raises(InputError, match="not YYYY-MM-DD"):
        read_document("-", stdin=b"Shelling near Goris.", date="٢٠٢١-٠٥-١٤")


# -- 8. only regular files ------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    (tmp_path / "claims.csv").symlink_to(fifo)
    # in a child process: reading a FIFO nobody writes to would block forever
    out = _run(f"""
        from geomap.errors import InputError
        from geomap.read import read_claims, read_document
        for call in (lambda: read_document({str(fifo)!r}),
                     lambda: read_claims([{str(tmp_path / "claims.csv")!r}])):
            try:
                call()
            except InputError as err:
                print(err)
    """, timeout=10)
    assert out.count("is not a regular file") == 2


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_device_is_refused():
    with pytest.raises(InputError, match="is not a regular file"):
        read_document("/dev/null")


def test_a_link_to_a_regular_file_is_fine(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("Shelling near Goris.", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    assert read_document(tmp_path / "link.txt").text == "Shelling near Goris."


# -- 9. urls --------------------------------------------------------------------------------

@pytest.mark.parametrize("given, kept", [
    ("https://example.org/standoff", "https://example.org/standoff"),
    ("www.example.org/standoff", "https://www.example.org/standoff"),
    ("example.org/x?a=1", "https://example.org/x?a=1"),
    ("javascript:alert(1)", ""), ("data:text/html,<script>alert(1)</script>", ""),
    ("file:///etc/passwd", ""), ("https://example.org/a b", ""), ("not a url", ""),
    ("ftp://example.org/x", ""), ("http:///no-host", ""),
])
def test_header_urls_become_http_or_are_dropped(tmp_path, given, kept):
    path = tmp_path / "report.txt"
    path.write_text(f"title: T\nurl: {given}\n\nShelling near Goris.\n", encoding="utf-8")
    assert read_document(path).url == kept


def test_page_urls_become_http_or_are_dropped(tmp_path):
    path = tmp_path / "page.html"
    for given, kept in (("//example.org/x", "https://example.org/x"),
                        ("javascript:alert(1)", "")):
        path.write_text(f'<html><head><meta property="og:url" content="{given}"></head>'
                        "<body><p>Text.</p></body></html>", encoding="utf-8")
        assert read_document(path).url == kept


def test_a_given_url_must_be_http():
    doc = read_document("-", stdin=b"Text.", url="example.org/x")
    assert doc.url == "https://example.org/x"
    with pytest.raises(InputError, match="not an http"):
        read_document("-", stdin=b"Text.", url="javascript:alert(1)")


@pytest.mark.parametrize("url, ok", [
    ("HTTPS://EXAMPLE.ORG/x", True), ("https://example.org/?q=\"><script>", True),
    ("https://ru.wikipedia.org/wiki/Горис", True), ("http:///path", False),
    ("https://", False), ("https://example.org/\x01", False),
    ("https://example.org/\u200bx", False), ("https://[::1/x", False),
    ("https://example.org/a\u00a0b", False),
])
def test_claim_urls_are_checked_strictly(tmp_path, url, ok):
    path = tmp_path / "claims.geojson"
    path.write_text(_collection(_feature(url=url)), encoding="utf-8")
    if ok:
        assert read_claims([path])[0].url == url
    else:
        assert "is not an http(s) address" in str(_claims_error(path))


# -- 10. control characters -----------------------------------------------------------------

def test_control_characters_in_claims_are_replaced(tmp_path):
    text = "a\u0000b\u0001c\u001bd\tE\nf\uffffg\ud800h"
    path = _geojson(tmp_path, _collection(_feature(text=text, actor="x\u000bz")))
    (claim,) = read_claims([path])
    assert claim.text == "a\ufffdb\ufffdc\ufffdd\tE\nf\ufffdg\ufffdh"
    assert claim.actor == "x\ufffdz"
    path = _csv(tmp_path, [ROW.replace("They crossed.", "They\x01 crossed\x7f.")])
    assert read_claims([path])[0].text == "They\ufffd crossed\x7f."


def test_control_characters_in_reports_are_replaced_one_for_one(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"title: A\x01B\n\nShelling\x1b near\x0c Goris.\tYes.")
    doc = read_document(path)
    assert doc.text == "Shelling\ufffd near\ufffd Goris.\tYes." and doc.title == "A\ufffdB"


# -- 11. very long cells, and other odd inputs ----------------------------------------------

def test_a_cell_over_the_csv_limit_is_an_error_with_its_line(tmp_path):
    path = _csv(tmp_path, [ROW, ROW.replace("They crossed.", "x" * 200_000)])
    err = _claims_error(path)
    assert err.line == 3 and "a cell is longer than 131,072 characters" in str(err)


def test_long_bad_values_are_cut_short_in_messages(tmp_path):
    err = _claims_error(_csv(tmp_path, [ROW.replace("asserts", "x" * 100_000)]))
    assert "stance 'xxx" in str(err) and len(str(err)) < 300


def test_a_codec_that_fails_without_a_position_is_an_input_error(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"a..b")
    with pytest.raises(InputError, match="is not punycode text"):
        read_document(path, encoding="punycode")


def test_control_characters_from_html_character_references_are_replaced(tmp_path):
    path = tmp_path / "page.html"
    path.write_text('<html><head><meta property="og:title" content="A&#12;B"></head>'
                    "<body><p>x&#12;y\x01z</p>", encoding="utf-8")
    doc = read_document(path)
    assert (doc.text, doc.title) == ("x\ufffdy\ufffdz", "A\ufffdB")


def test_json_ld_is_data_and_bad_json_ld_is_passed_over():
    deep = "[" * 100_000 + "]" * 100_000  # RecursionError in json, caught
    page = ("<html><head><script type='application/ld+json'>" + deep + "</script>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
            "\"datePublished\": \"{{ 7777*7 }}\", \"headline\": \"<b onload=x>\"}"
            "</script><script type='application/ld+json'>not json</script></head>"
            "<body><p>Text.</p></body></html>")
    text, meta = html_to_text(page)
    assert text == "Text."
    # (kept as text: the reader checks a date, and every output escapes the title)
    assert meta == {"published": "{{ 7777*7 }}", "title": "<b onload=x>"}


def test_markdown_is_read_as_commonmark_blocks():
    # what line-by-line rules got wrong: indented code, setext headings, link definitions,
    # reference links, autolinks, escapes, underscores, HTML blocks, tables without borders,
    # list items over two lines, code spans read literally
    from geomap.textformats import markdown_to_text

    md = ("Clash near Goris\n================\n\nTroops *crossed* into [Syunik][s], "
          "_Armenia_ said \\*twice\\*; see <https://x.org>.\n\n    Baku said X.\n\n"
          "[s]: https://example.org \"Syunik\"\n\n<div>Macron <b>tweeted</b></div>\n\n"
          "Village | Side\n--- | ---\nTegh | AM\n\n1. First\n   continues.\n2. `a*b*c`\n")
    assert markdown_to_text(md) == (
        "Clash near Goris\n\nTroops crossed into Syunik, Armenia said *twice*; see "
        "https://x.org.\n\nMacron tweeted\n\nVillage Side\n\nTegh AM\n\nFirst\ncontinues."
        "\n\na*b*c")


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "am goris", "{{7*7}}",
                                   "../../etc/passwd", "a" * 101, "am-goris;x", "ам-горис"])
def test_a_place_id_is_an_id_or_an_error_naming_the_line(tmp_path, value):
    from geomap.errors import InputError
    from geomap.read import read_claims

    quoted = '"' + value.replace('"', '""') + '"'
    path = _csv(tmp_path, [ROW + f",{quoted}"], header=HEADER + ",place_id")
    with pytest.raises(InputError, match=r":2: place_id .* is not a gazetteer id"):
        read_claims([path])


def test_a_semicolon_csv_with_formulas_and_hostile_cells_reads_as_text(tmp_path):
    from geomap.read import read_claims

    path = tmp_path / "s.csv"
    path.write_text(HEADER.replace(",", ";") + "\n" +
                    '2021-05-12;Goris;"=cmd|\' /C calc\'!A0";AM;asserts;incursion;;'
                    '"{{7*7}}; <img src=x onerror=alert(1)>";src;\n', encoding="utf-8")
    (claim,) = read_claims([path])
    assert claim.claimant == "=cmd|' /C calc'!A0"
    assert claim.text == "{{7*7}}; <img src=x onerror=alert(1)>"


def test_only_the_number_columns_take_a_decimal_comma(tmp_path):
    from geomap.read import read_claims

    path = tmp_path / "s.csv"
    path.write_text(HEADER.replace(",", ";") + ";lat;lon\n" +
                    "2021-05-12;Goris;gov;AM;asserts;incursion;;1,5 km;src;;39,5;46,25\n",
                    encoding="utf-8")
    (claim,) = read_claims([path])
    assert (claim.lat, claim.lon, claim.text) == (39.5, 46.25, "1,5 km")

"""Input is data, never code: template syntax, script and format strings in every text field
of every input route come out of every output as the same inert text.

The routes: a claims CSV (every column), a GeoJSON claims file (every property), a news
report (header block, body), an HTML page (<title>, meta, body), a Markdown report, a file's
name, a boundary layer's properties and name, ``--title``, and the incident store. The
outputs: the HTML page, GeoJSON, KML, CSV, GeoPackage, PNG and PDF.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from geomap.api import ingest, make_map
from geomap.read import COLUMNS
from geomap.render.html import page_data
from tests.output_text import texts

# A payload that shows, in the output, whether it was evaluated: Jinja would print 54439,
# "XIFTRUE", or run the shell command (which would create the file named in it).
TEMPLATES = ["{{ 7777*7 }}", "X{% if 1 %}IFTRUE{% endif %}", "{% raw %}", "{{",
             "{{ 'zq' ~ 'j9w' }}",
             "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}"]
SCRIPTS = ["<script>window.__pwned=1</script>", "${7777*7}", "`;window.__pwned=1;//",
           "</script><script>window.__pwned=1</script>", "\"'><img src=x onerror=alert(1)>",
           "%s %(x)s {0} {x!r}", "$5 and $10 $\\frac{1}{0}$"]
PAYLOAD = " ".join(TEMPLATES + SCRIPTS)
# What the payload turns into when evaluated: strings that no output holds by chance
# (54439, 7777*7, also turns up as a byte offset in a PDF: it is looked for in text only).
EVALUATED = ["XIFTRUE", "zqj9w"]


def _free_text_fields() -> list[str]:
    # every column that holds free text; the others are validated (dates, numbers, enums)
    return ["place", "claimant", "claimant_side", "actor", "text", "source", "publisher", "id",
            "check"]


def _claims_csv(path: Path, payload: str) -> Path:
    row = {c: "" for c in COLUMNS}
    row.update(date="2021-05-12", place="Goris", claimant="Armenian ministry",
               claimant_side="AM", stance="asserts", event="incursion", text="t",
               url="https://example.org/a?x=<script>", lat="39.51", lon="46.34")
    rows = []
    for n, field in enumerate(_free_text_fields()):
        r = dict(row, id=f"c{n}")
        r[field] = (r[field] + " " if field != "id" else f"c{n}") + payload
        if field == "place":
            r["place"] = payload  # placed by its coordinates, named by the payload
        rows.append(r)
    out = io.StringIO()
    w = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _geojson(path: Path, payload: str) -> Path:
    props = {"date": "2021-05-13", "place": "Kapan " + payload, "claimant": payload,
             "claimant_side": "AZ" + payload, "stance": "denies", "event": "clash",
             "actor": payload, "text": payload, "source": payload, "url": "",
             "publisher": payload, "id": "g1" + payload}
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props,
         "geometry": {"type": "Point", "coordinates": [46.40, 39.21]}}]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _report(path: Path, payload: str) -> Path:
    path.write_text(f"title: {payload}\npublisher: {payload}\ndate: 2021-05-14\n\n"
                    f"Armenia's defence ministry said Azerbaijani troops advanced near Goris "
                    f"on Wednesday. {payload}\n", encoding="utf-8")
    return path


def _html(path: Path, payload: str) -> Path:
    from html import escape

    e = escape(payload)
    path.write_text(f"<!doctype html><html><head><title>{e}</title>"
                    f'<meta property="og:site_name" content="{e}">'
                    f'<meta property="article:published_time" content="2021-05-14">'
                    f"</head><body><p>Armenia's defence ministry said Azerbaijani troops "
                    f"advanced near Kapan on Wednesday, {e}.</p><script>{payload}</script>"
                    "</body></html>", encoding="utf-8")
    return path


def _markdown(path: Path, payload: str) -> Path:
    path.write_text(f"# {payload}\n\nArmenia's defence ministry said Azerbaijani troops "
                    f"advanced near Jermuk on Wednesday. *{payload}* [{payload}](x)\n",
                    encoding="utf-8")
    return path


def _layer(path: Path, payload: str) -> Path:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": payload, "countries": payload},
         "geometry": {"type": "LineString", "coordinates": [[46.2, 39.3], [46.5, 39.6]]}}]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _manifest(page: str) -> dict:
    return page_data(page)


def _assert_inert(folder: Path, outputs: list[Path], *, in_data: bool = True):
    """No payload ran; with ``in_data``, the payload is in the map's data itself (the
    claims, the unplaced, the sources), kept exactly as text, not only in the title."""
    assert not (folder / "PWNED").exists()
    assert not Path("PWNED").exists()
    for path in outputs:
        text = texts(path)
        textual = path.suffix in (".html", ".geojson", ".kml", ".csv")
        for evaluated in EVALUATED:
            assert evaluated not in text, f"{path.name}: template evaluated ({evaluated})"
        if textual:  # 7777*7 as a number of its own, not digits inside a coordinate
            assert not re.search(r"(?<![0-9.])54439(?![0-9])", text), \
                f"{path.name}: template evaluated (54439)"
        if path.suffix == ".html":
            # no payload script outside the JSON data (where '<' is \\u003c)
            assert "<script>window.__pwned" not in text
            assert "<img src=x" not in text
            data = _manifest(text)
            carried = json.dumps([data["claims"], data["unplaced"], data["sources"]],
                                 ensure_ascii=False)
            assert not in_data or "{{ 7777*7 }}" in carried, "the payload is lost"
        if path.suffix in (".geojson", ".csv"):
            assert not in_data or "{{ 7777*7 }}" in text


ROUTES = ["csv", "geojson", "report", "html", "markdown"]


@pytest.mark.parametrize("route", ROUTES)
def test_every_field_of_every_route_comes_out_inert(route, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make = {"csv": (_claims_csv, "claims.csv"), "geojson": (_geojson, "claims.geojson"),
            "report": (_report, "report.txt"), "html": (_html, "page.html"),
            "markdown": (_markdown, "report.md")}[route]
    src = make[0](tmp_path / make[1], PAYLOAD)
    layer = _layer(tmp_path / "line.geojson", PAYLOAD)
    out = tmp_path / "out" / "map.html"
    result = make_map([src], out=out, title=PAYLOAD, layers=[f"{layer}:line-of-contact"],
                      exports=("geojson", "kml", "csv", "gpkg", "png", "pdf"))
    assert result.claims_in == result.claims_mapped + len(result.unplaced)
    assert result.claims_in >= 1
    # a Markdown report's payload is in its heading and emphasis, which no claim keeps
    _assert_inert(tmp_path, result.written, in_data=route != "markdown")


def test_a_file_name_and_the_store_come_out_inert(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    odd = tmp_path / "{{ 7777*7 }} {% raw %} <script>x.csv"
    src = _claims_csv(odd, PAYLOAD)
    store = tmp_path / "s.gpkg"
    ingest([src, _report(tmp_path / "r.txt", PAYLOAD)], store=store)
    result = make_map(None, store=store, out=tmp_path / "store.html", title=PAYLOAD,
                      exports=("geojson", "png"))
    _assert_inert(tmp_path, result.written)
    layer = _layer(tmp_path / "{{ 7777*7 }} {% raw %} ${x} <i>.geojson", "line")
    result = make_map([src], out=tmp_path / "file.html", exports=("kml",),
                      layers=[f"{layer}:international"])
    _assert_inert(tmp_path, result.written)
    page = result.written[0].read_text()
    # the file's name is in the manifest (the title is the claims' own source now)
    assert "{{ 7777*7 }} {% raw %} <script>x.csv" in json.dumps(_manifest(page)["inputs"])
    assert "{{ 7777*7 }} {% raw %} ${x} <i>.geojson" in json.dumps(_manifest(page)["layers"])


def test_a_reports_publisher_title_and_url_given_to_map_come_out_inert(tmp_path, monkeypatch):
    # geomap map --publisher/--url/--title describe the reports given, as extract does
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "r.txt"
    src.write_text("Azerbaijani troops crossed into Syunik on Wednesday, Armenia said. "
                   "The two sides met on the border on Thursday.", encoding="utf-8")
    result = make_map([src], out=tmp_path / "m.html", title=PAYLOAD, report_title=PAYLOAD,
                      publisher=PAYLOAD, url="https://example.org/a?b={{7777*7}}&c=<i>",
                      date="2021-05-14", exports=("geojson", "kml", "csv", "pdf"))
    _assert_inert(tmp_path, result.written)
    page = result.written[0].read_text(encoding="utf-8")
    claims = _manifest(page)["claims"]
    assert any(c.get("claimant") == PAYLOAD for c in claims)  # the report's own voice
    assert all(c.get("url", "").startswith("https://example.org/") for c in claims)


def test_the_guard_refuses_template_syntax_handed_to_folium():
    """Fails closed: should a later change hand raw input text to a folium element, the
    page is refused rather than rendered (folium would run the text as a template)."""
    import folium

    from geomap.render.html import OfflineMap, guard_templates, markup

    m = OfflineMap(location=[39.5, 46.3], tiles=None)
    folium.FeatureGroup(name=markup("{{ 7777*7 }}")).add_to(m)
    guard_templates(m.get_root())  # escaped: fine
    folium.GeoJson({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "{% raw %}"},
        "geometry": {"type": "Point", "coordinates": [46.3, 39.5]}}]}).add_to(m)
    with pytest.raises(RuntimeError, match="template syntax"):
        guard_templates(m.get_root())

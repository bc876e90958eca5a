"""Hostile inputs in a real browser: sides named like JavaScript's own object keys, and
script and template payloads in every field. Nothing runs, nothing loads, every claim is on
the map."""

from __future__ import annotations

import csv

from geomap.api import make_map

HEADER = "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon\n"


def test_sides_named_like_object_keys_keep_their_markers(tmp_path, open_page):
    sides = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "AM"]
    rows = [f"c{i},2021-05-12,Goris,gov {s},{s},asserts,incursion,,t{i},s,,39.51,46.34"
            for i, s in enumerate(sides)]
    claims = tmp_path / "sides.csv"
    claims.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    result = make_map([claims], out=tmp_path / "sides.html")
    assert result.claims_mapped == len(sides)
    page, _, problems = open_page(result.path)
    assert problems == []
    assert page.evaluate("window.geomapCluster.getLayers().length") == len(sides)
    # each side's switch takes exactly its own marker off and on again
    for s in sides:
        label = page.locator(".leaflet-control-layers-overlays label").filter(
            has_text=f"Claims: {s}")
        label.first.click()
        assert page.evaluate("window.geomapCluster.getLayers().length") == len(sides) - 1, s
        label.first.click()
        assert page.evaluate("window.geomapCluster.getLayers().length") == len(sides), s
    assert problems == []


PAYLOADS = ["<img src=x onerror=alert(1)>", "${alert(2)}", "`;alert(3);//",
            "</script><script>alert(4)</script>", "{{ 7777*7 }}", "{% raw %}",
            "\"'><svg onload=alert(5)>", "javascript:alert(6)"]


def test_payloads_in_every_field_stay_text(tmp_path, open_page):
    fields = ["claimant", "claimant_side", "actor", "text", "source", "place", "id"]
    payload = " ".join(PAYLOADS)
    rows = []
    for n, field in enumerate(fields):
        row = {"id": f"c{n}", "date": "2021-05-12", "place": "Goris", "claimant": "gov",
               "claimant_side": "AM", "stance": "asserts", "event": "incursion", "actor": "",
               "text": "t", "source": "s", "url": "", "lat": "39.51", "lon": "46.34"}
        row[field] = row[field] + payload
        rows.append(row)
    claims = tmp_path / "payloads.csv"
    with claims.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, HEADER.strip().split(","))
        writer.writeheader()
        writer.writerows(rows)
    result = make_map([claims], out=tmp_path / "p.html", title=payload)
    page, requests, problems = open_page(result.path)
    assert page.evaluate("window.geomapCluster.getLayers().length") == len(fields)
    # take the claims out of the cluster onto the map, and open every popup and tooltip
    page.evaluate("""() => {
        const cluster = window.geomapCluster, map = cluster._map;
        cluster.getLayers().forEach(m => {
          cluster.removeLayer(m); m.addTo(map); m.openPopup(); m.openTooltip(); });
    }""")
    assert page.locator(".geomap-popup").count() >= 1
    page.wait_for_timeout(300)
    assert problems == []
    assert [r for r in requests if not r.startswith("data:")] == [result.path.resolve().as_uri()]
    assert page.locator("#geomap-title h1").text_content() == payload
    assert page.locator("#geomap-legend").text_content().count("{{ 7777*7 }}") >= 1
    assert "54439" not in page.content()

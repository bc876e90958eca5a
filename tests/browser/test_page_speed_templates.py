"""claims.js reads the page's text fields carried as the texts around their numbers (html.
_templated: places' border facts) as Python reads
them back (html.page_data): every field of every claim, hostile texts included."""

from __future__ import annotations

import csv
import random

import pytest

pytestmark = pytest.mark.browser

HOSTILE = "</script><b>Claim {}</b> {{{{ x }}}} \u2028 ${{1}} `"

# Every claim as claims.js reads it from the page's data: each field's value by name.
RECORDS = """() => {
  const claims = new geomap.Claims(JSON.parse(
    document.getElementById("geomap-data").textContent));
  const out = [];
  for (let i = 0; i < claims.length; i++) {
    const c = {};
    claims.fields.forEach(f => { c[f.name] = claims.value(f, i); });
    out.push(c);
  }
  return out;
}"""


def test_templated_fields_read_back_in_the_page(tmp_path, open_page):
    from geomap.api import make_map
    from geomap.render.html import page_data

    rng = random.Random(7)
    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "place", "claimant", "claimant_side", "stance", "event",
                    "actor", "text", "source", "url", "lat", "lon"])
        for i in range(600):  # (at points of their own near the Armenia-Azerbaijan border)
            w.writerow([f"c{i}", "2021-05-12", "Armenia", f"Official {i % 7}",
                        rng.choice(["AM", "AZ"]), "asserts", "incursion", "troops",
                        HOSTILE.format(i), "bench", "",
                        f"{rng.uniform(39.2, 41.0):.5f}", f"{rng.uniform(44.8, 46.6):.5f}"])
    out = tmp_path / "t.html"
    result = make_map([path], out=out)
    text = out.read_text(encoding="utf-8")
    data = page_data(text)
    places = data["places"]
    assert "text" not in data_claims_numbered(text)  # (an input's text: whole, as it came)
    assert "border" in places["numbered"] and len(places["values"]["border"]) < 150
    assert "</script><b>" not in text
    page, _, problems = open_page(out)
    got = page.evaluate(RECORDS)
    assert len(got) == result.claims_mapped == 600
    assert got == data["claims"]
    assert {c["text"] for c in got} == {HOSTILE.format(i) for i in range(600)}
    assert problems == []


def data_claims_numbered(page: str) -> dict:
    import json

    start = page.index('id="geomap-data">') + len('id="geomap-data">')
    return json.loads(page[start:page.index("</script>", start)])["claims"]["numbered"]

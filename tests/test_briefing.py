"""PNG and PDF briefing sheets: drawn without a browser, the right size, not blank, one
page, carrying the manifest."""

from __future__ import annotations

import json
import re

import pytest

from geomap.api import make_map


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    out = tmp_path_factory.mktemp("briefing") / "m.html"
    return make_map(out=out, exports=("png", "pdf"))


def test_png_is_large_and_not_blank(sheets):
    from PIL import Image

    png = sheets.path.with_suffix(".png")
    with Image.open(png) as img:
        assert img.size[0] >= 1600 and img.size[1] >= 1000
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50  # a drawing, not a blank sheet
        manifest = json.loads(img.info["Description"])
    assert manifest["generator"].startswith("geomap ") and manifest["claims_in"] == 25


def test_pdf_is_one_page_with_title_and_manifest(sheets):
    pdf = sheets.path.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert b"Armenia" in pdf and b"geomap" in pdf  # title and manifest in the metadata
    assert b"CreationDate" not in pdf  # no timestamp: same inputs, same bytes


def test_a_zero_width_no_break_space_in_a_claim_still_draws(tmp_path):
    # (found by fuzzing: matplotlib's PDF writer fails on U+FEFF, the only character that
    # makes it fail; such a claimant is drawn without it)
    claims = tmp_path / "c.csv"
    claims.write_text("date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
                      "2021-05-12,Goris,\ufeffArmenia\ufeff,AM,asserts,incursion,,"
                      "Troops\ufeff crossed.,Wire\ufeff,\n", encoding="utf-8")
    result = make_map([claims], out=tmp_path / "m.html", title="T\ufeff",
                      exports=("png", "pdf"))
    assert result.path.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert result.path.with_suffix(".png").stat().st_size > 10_000

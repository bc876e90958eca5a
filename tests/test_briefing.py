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

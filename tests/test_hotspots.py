"""The world's border hotspots: sentences written for this project name each border's
places in each side's spelling (tests/data/hotspots/<border>.json), and each must resolve to
the right place. The gazetteer's own checks pass, and the examples of confident mistakes
from issue #9 are no longer made."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from geomap.api import make_map, places
from geomap.records import Document
from geomap.render.html import page_data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.hotspots import check  # noqa: E402  (one scorer for the bench and the test)

CASES = sorted((ROOT / "tests" / "data" / "hotspots").glob("*.json"))
# Expectations not met today, each with why; a regression anywhere else fails the test,
# and so does one of these being met (then it leaves this list).
KNOWN = {
    ("AF-PK", "چمن"): "Arabic-script text: the finder reads capitalised Latin words only",
    ("AF-PK", "پاک افغان سرحد"): "Arabic-script text, as above",
    ("AM-AZ", "Agdam"): "Agdam (Tovuz) against the far larger Aghdam: 'Tovuz district' "
                        "beside it is not yet enough",
    ("IN-PK", "R.S. Pura"): "an abbreviation starting a name is not joined to it",
    ("TH-KH", "Surin"): "'the border with Surin and Buriram' means the provinces; the bare "
                        "name reads as the town",
    ("TH-MM", "Myawaddy-Mae Sot No. 1 Friendship Bridge"): "a number inside a name, after "
                        "'No.', breaks the run of capitalised words the finder reads",
    ("TH-MM", "Myanmar-Thai No.2 Friendship Bridge"): "as above",
}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_hotspot_resolves_its_places(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["cases"]) >= 6
    missed = set()
    for case in data["cases"]:
        for line in check(case):
            surface = line.split("'")[1]
            missed.add((data["border"], surface))
            assert (data["border"], surface) in KNOWN, f"{line} <- {case['text']}"
    known_here = {k for k in KNOWN if k[0] == data["border"]}
    assert known_here <= missed, f"now met, take out of KNOWN: {known_here - missed}"


def test_the_curated_gazetteer_is_sound():
    from geomap.gazetteer.check import check_curated

    assert check_curated() == []


@pytest.mark.parametrize("text, word", [
    ("IDF troops said they had fired at suspects near the fence.", "IDF"),
    ("The MOD and the PLA said nothing; PTI reported the clash.", "PLA"),
    ("Col. Ivanov said his unit held the ridge near Goris.", "Col"),
    ("Four soldiers were wounded near Goris on Tuesday.", "Four"),
    ("And the ministry said the shelling had stopped near Kapan.", "And"),
    ("Man detained near Goris after the shooting.", "Man"),
    ('"Time to settle accounts," the ministry wrote after strikes near Kobani.', "Time"),
])
def test_words_and_codes_are_not_places(text, word):
    rows = places(Document(text=text))
    wrong = [r for r in rows if r["surface"] == word and r["status"] == "resolved"]
    assert wrong == [], wrong


def test_mount_dov_is_the_shebaa_farms_not_dover():
    rows = places(Document(text="Hezbollah fired at Israeli positions on Mount Dov."))
    dov = next(r for r in rows if "Dov" in r["surface"])
    assert dov["place_id"] == "il-shebaa-farms" and dov["country"] == "IL"


@pytest.mark.parametrize("name, country", [("Batken Region", "KG"), ("Tigray", "ET"),
                                            ("Ladakh", "IN"), ("Sughd", "TJ")])
def test_regions_of_the_world_resolve(gazetteer, name, country):
    res = gazetteer.resolve(name)
    assert res.resolved and res.place.kind == "admin1" and res.place.country == country
    assert 0.8 <= res.confidence <= 1


def test_a_far_unsupported_namesake_is_not_chosen():
    rows = places(Document(text="Shelling was reported in Goris, Kapan and Chadron overnight."))
    far = next(r for r in rows if r["surface"] == "Chadron")  # only Chadron, Nebraska
    assert far["status"] != "resolved" and "nothing supports it" in far["reason"]


@pytest.mark.parametrize("text, name, chosen", [
    # "Makapa" is only another spelling of Brazil's Macapá, 1,100 km from the Cuyuni
    ("Guyanese soldiers were shot near Makapa on the Cuyuni River in Guyana.", "Makapa",
     False),
    # a city of millions keeps its other spellings wherever the text is
    ("Shelling was reported in Goris and Kapan, a diplomat in Bombay said.", "Bombay", True),
])
def test_a_far_place_known_by_that_name_only_as_another_spelling_is_not_chosen(text, name,
                                                                              chosen):
    row = next(r for r in places(Document(text=text)) if r["surface"] == name)
    assert (row["status"] == "resolved") is chosen, row["reason"]


def test_every_resolution_has_a_confidence_and_uncertain_ones_say_so(tmp_path):
    rows = places(Document(text="Troops clashed near Goris and Hot Springs, near Chushul."))
    assert all(0 <= r["confidence"] <= 1 for r in rows)
    goris = next(r for r in rows if r["surface"] == "Goris")
    assert goris["confidence"] >= 0.9


def test_a_claim_located_only_to_a_region_is_drawn_as_that_region(tmp_path, write_csv):
    path = write_csv(["a,2021-06-01,Batken Region,ministry,KG,asserts,clash,,t,s,,,incident",
                      "b,2021-06-01,Galwan Valley,army,IN,asserts,clash,,t,s,,,incident"])
    result = make_map([path], out=tmp_path / "m.html", exports=("geojson",))
    assert result.claims_mapped == 2
    page = result.path.read_text(encoding="utf-8")
    data = page_data(page)
    precisions = {c["id"]: c["precision"] for c in data["claims"]}
    assert precisions == {"a": "province", "b": "zone"}
    # both drawn as areas: the province's hull, the valley's circle
    assert page.count("Approximate extent of") >= 2

"""Contested place names as each side writes them (issue #12): Gazetteer.name_for and
Gazetteer.side_names, from the used_by of the curated names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from geomap.errors import PlaceNotFound
from geomap.gazetteer import Gazetteer, is_latin, side_forms
from geomap.gazetteer.curated import data_dir
from geomap.records import Name, Place


@pytest.mark.parametrize("place_id, side, name", [
    ("az-khankendi", "AM", "Stepanakert"),
    ("az-khankendi", "AZ", "Khankendi"),
    ("am-syunik", "AZ", "Zangezur"),
    ("am-syunik", "AM", "Syunik"),  # (AM's "Syunik'" is the display name's spelling)
    ("az-shusha", "AM", "Shushi"),
    ("az-shusha", "AZ", "Shusha"),
    ("az-lachin", "AM", "Berdzor"),
    ("az-lachin", "AZ", "Lachin"),
    ("az-kalbajar", "AM", "Karvachar"),
    ("az-kalbajar", "AZ", "Kalbajar"),
    ("in-arunachal-pradesh", "CN", "Zangnan"),  # the form the display name shows
    ("in-arunachal-pradesh", "IN", "Arunachal Pradesh"),
    ("cn-aksai-chin", "IN", "Aksai Chin"),
    ("il-shebaa-farms", "LB", "Shebaa Farms"),
    ("il-shebaa-farms", "IL", "Mount Dov"),
    ("xk-mitrovica", "RS", "Kosovska Mitrovica"),
    ("xk-mitrovica", "XK", "Mitrovica"),  # (its "Mitrovica e Jugut": South Mitrovica)
])
def test_each_side_writes_its_own_name(gazetteer, place_id, side, name):
    assert gazetteer.name_for(place_id, side) == name


def test_a_combined_display_name_is_split_between_the_sides(gazetteer):
    assert gazetteer.get("az-khankendi").name == "Khankendi / Stepanakert"
    assert gazetteer.side_names("az-khankendi") == {"AM": "Stepanakert", "AZ": "Khankendi"}
    assert gazetteer.side_names("az-shusha") == {"AM": "Shushi", "AZ": "Shusha"}
    # a side that records no name of its own in Latin script sees the combined name
    assert gazetteer.name_for("az-khankendi", "GE") == "Khankendi / Stepanakert"


def test_syunik_differs_only_for_azerbaijan(gazetteer):
    assert gazetteer.side_names("am-syunik") == {"AZ": "Zangezur"}


@pytest.mark.parametrize("place_id", ["am-goris", "geonames:2988507"])  # Goris; Paris
def test_a_place_with_no_contested_name(gazetteer, place_id):
    place = gazetteer.get(place_id)
    assert gazetteer.side_names(place_id) == {}
    for side in ("AM", "AZ", "FR", "international", "historic", ""):
        assert gazetteer.name_for(place_id, side) == place.name


def test_an_unknown_place_is_an_error(gazetteer):
    with pytest.raises(PlaceNotFound):
        gazetteer.side_names("xx-nowhere")
    with pytest.raises(PlaceNotFound):
        gazetteer.name_for("xx-nowhere", "AM")


def test_a_name_in_another_script_is_never_a_side_name(gazetteer):
    # RU records Stepanakert only in Cyrillic: its view keeps the display name
    assert gazetteer.name_for("az-khankendi", "RU") == "Khankendi / Stepanakert"
    # CN records Zangnan in Chinese characters too; AM Shushi in Armenian script
    assert "藏南" not in gazetteer.side_names("in-arunachal-pradesh").values()
    for place_id in gazetteer._places:
        for side, name in gazetteer.side_names(place_id).items():
            assert is_latin(name), (place_id, side, name)


def test_a_mislabelled_non_latin_name_is_left_out():
    place = Place("xx-a", "Alpha", "settlement", "XX", 0.0, 0.0, names=(
        Name("Alpha", "en", "international"), Name("Альфа", "en", "RU"),
        Name("阿尔法", "zh-Latn", "CN"), Name("ألفا", "ar", "SY")))
    assert side_forms(place) == {}


def test_english_before_a_romanisation_and_no_other_language():
    place = Place("xx-b", "Beta", "settlement", "XX", 0.0, 0.0, names=(
        Name("Beta", "en", "international"), Name("Qızılkənd", "az", "AZ"),
        Name("Gyumbet", "hy-Latn", "AZ"), Name("Redtown", "en", "AZ"),
        Name("Nor Gyugh", "hy-Latn", "AM"), Name("Ռեդ", "hy", "AM"),
        Name("Qaraköy", "tr", "TR")))
    # a romanisation or another language is not how a side writes a place in English,
    # unless it is that side's part of a combined display name (below)
    assert side_forms(place) == {"AZ": "Redtown"}


def test_a_respelling_or_a_kind_word_is_the_display_name():
    place = Place("xx-c", "Tovuz District", "admin2", "AZ", 0.0, 0.0, names=(
        Name("Tovuz rayonu", "az", "AZ"), Name("Tovouz District", "en", "RU"),
        Name("TD", "en", "AM")))  # (an abbreviation labels no map)
    assert side_forms(place) == {}


def test_the_sides_come_out_the_same_every_time(gazetteer):
    ids = sorted(gazetteer._places)
    first = {pid: gazetteer.side_names(pid) for pid in ids}
    again = Gazetteer()
    assert {pid: again.side_names(pid) for pid in ids} == first
    assert [list(v) for v in first.values()] == [sorted(v) for v in first.values()]
    # and whatever the interpreter's hash seed
    code = ("import json; from geomap.gazetteer import Gazetteer; g = Gazetteer(); "
            "print(json.dumps({p: g.side_names(p) for p in sorted(g._places)}))")
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    assert json.loads(outs[0]) == json.loads(outs[1]) == first


def test_side_names_are_kept_and_not_shared(gazetteer):
    names = gazetteer.side_names("az-lachin")
    names["AM"] = "changed"
    assert gazetteer.side_names("az-lachin")["AM"] == "Berdzor"
    assert gazetteer._side_names("az-lachin") is gazetteer._side_names("az-lachin")


HOSTILE = ["=HYPERLINK(\"http://example.org\",\"Goris\")", "${jndi:ldap://example.org/a}",
           "__import__('os').system('touch pwned')", "<script>alert('x')</script>",
           "{{config.items()}}"]


def test_a_hostile_name_row_is_just_text(tmp_path):
    data = tmp_path / "gazetteer"
    shutil.copytree(data_dir(), data, ignore=shutil.ignore_patterns("boundaries", "*.md"))
    sides = ["AM", "AZ", "CN", "XK", "__proto__"]
    with open(data / "names.csv", "a", encoding="utf-8", newline="") as f:
        import csv

        writer = csv.writer(f)
        for text, side in zip(HOSTILE, sides):
            writer.writerow(["am-sisian", text, "en", side, "test row"])
    gaz = Gazetteer(data=data)
    assert gaz.side_names("am-sisian") == dict(zip(sides, HOSTILE))
    for text, side in zip(HOSTILE, sides):
        assert gaz.name_for("am-sisian", side) == text
    assert not (tmp_path / "pwned").exists() and not os.path.exists("pwned")


# De facto authorities are sides of their own, as Transnistria's are (gazetteer/sides.csv):
# the states whose land they hold do not speak through them
@pytest.mark.parametrize("text, claimant, side", [
    ("The de facto South Ossetian authorities said a Georgian man was detained near "
     "Akhalgori for crossing the border illegally.", "de facto South Ossetian authorities",
     "South Ossetia"),
    ("Abkhaz officials said two men were detained near the Enguri bridge on Tuesday.",
     "Abkhaz officials", "Abkhazia"),
    ("Forces of the Islamic Emirate said they had returned fire at Pakistani posts near "
     "Torkham.", "Forces of the Islamic Emirate", "AF"),
    ("The Islamic Emirate of the Caucasus said its fighters had attacked a police post in "
     "Nalchik.", "Islamic Emirate of the Caucasus", "Caucasus Emirate"),
    ("Turkish Cypriot leader Ersin Tatar said the road to Pyla was being built for "
     "humanitarian reasons.", "Ersin Tatar, Turkish Cypriot leader", "Northern Cyprus"),
    ("Greek Cypriot officials said the roadworks near Pyla breached the buffer zone.",
     "Greek Cypriot officials", "CY"),
    ("The Artsakh Defense Army said Azerbaijani forces had fired on its positions near "
     "Martuni overnight.", "Artsakh Defense Army", "Nagorno-Karabakh"),
    ("Somaliland's defence ministry said its forces had repelled an attack near Las Anod.",
     "Somaliland's defence ministry", "Somaliland"),
])
def test_a_de_facto_authority_speaks_for_its_own_side(text, claimant, side):
    from geomap.api import extract
    from geomap.records import Document

    got = [(c.claimant, c.claimant_side) for c in extract(Document(
        text=text, name="t.txt", published="2023-08-20"))]
    assert (claimant, side) in got, got

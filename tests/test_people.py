"""gazetteer/people.csv: states' officials by full name, so that one named with no country
("President Uhuru Kenyatta said") speaks for their state. Each row is a typed fact with its
public page; none may hide a place or contradict sides.csv."""

from __future__ import annotations

import csv
import re

from geomap.api import extract
from geomap.gazetteer.curated import data_dir
from geomap.gazetteer.normalize import name_key
from geomap.records import Document

COLUMNS = ["term", "side", "role", "years", "source"]


def _rows() -> list[dict[str, str]]:
    with open(data_dir() / "people.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _said(text: str, published: str) -> list[tuple[str, str]]:
    """(claimant, side) of each claim geomap.extract finds in a report of these words."""
    return [(c.claimant, c.claimant_side) for c in extract(
        Document(text=text, name="t.txt", published=published))]


def test_each_official_is_a_full_name_of_a_state_with_a_page():
    codes = {r["iso2"] for r in csv.DictReader(open(data_dir() / "countries.csv",
                                                    encoding="utf-8"))}
    rows = _rows()
    assert len(rows) > 400
    for line, row in enumerate(rows, 2):
        assert len(row["term"].split()) >= 2, (line, row["term"])  # (never "Kim" alone)
        assert row["side"] in codes, (line, row["side"])
        assert re.fullmatch(r'en\.wikipedia\.org "[^"]+"', row["source"]), (line, row["source"])
        assert re.fullmatch(r"\d{4}-(?:\d{4})?", row["years"]), (line, row["years"])


def test_no_official_hides_a_place_or_another_term(gazetteer):
    with open(data_dir() / "sides.csv", encoding="utf-8", newline="") as f:
        sides = {name_key(r["term"]) for r in csv.DictReader(f)}
    keys = [name_key(r["term"]) for r in _rows()]
    assert len(keys) == len(set(keys))  # (one side each)
    assert not set(keys) & sides
    assert not [k for k in keys if k in gazetteer.lexicon]


def test_an_official_named_with_no_country_speaks_for_their_state():
    text = ("PRESENTER: President Uhuru Kenyatta and Ethiopian Prime Minister Abiy Ahmed "
            "today jointly opened the Moyale one-stop border post between Kenya's Marsabit "
            "County and Ethiopia's Oromia region. Kenyatta told the crowd "
            "that the post would turn Moyale into a hub for trade.")
    got = _said(text, "2020-12-09")
    assert ("Uhuru Kenyatta, President", "KE") in got


def test_an_official_is_theirs_only_around_their_years_in_office():
    from geomap.extraction.sides import OFFICE_AFTER, OFFICE_BEFORE, officials

    kenyatta = next(r for r in _rows() if r["term"] == "Uhuru Kenyatta")
    first, last = (int(y) for y in kenyatta["years"].split("-"))
    assert officials(f"{last + OFFICE_AFTER}-06-01").get("uhuru kenyatta") == "KE"
    assert officials(f"{first - OFFICE_BEFORE}-06-01").get("uhuru kenyatta") == "KE"
    assert "uhuru kenyatta" not in officials(f"{last + OFFICE_AFTER + 1}-06-01")
    assert "uhuru kenyatta" not in officials(f"{first - OFFICE_BEFORE - 1}-06-01")
    assert officials("").get("uhuru kenyatta") == "KE"  # (a report of no date)
    text = ("President Uhuru Kenyatta said the post would turn Moyale into a hub for trade.")
    before = f"{first - OFFICE_BEFORE - 1}-12-09"
    assert [side for _, side in _said(text, "2020-12-09")] == ["KE"]
    assert [side for _, side in _said(text, before)] != ["KE"]


def test_an_official_named_with_a_middle_name_or_initials():
    # people.csv's "Pradeep Gyawali" is "Foreign Minister Pradeep Kumar Gyawali"; "Prime
    # Minister KP Sharma Oli" keeps his initials, and "Oli" later is he
    text = ("India rejected Nepal's new map. Foreign Minister Pradeep Kumar Gyawali said the "
            "map was final. Prime Minister KP Sharma Oli struck a harder note. Answering "
            "lawmakers, Oli said India had made the area disputed.")
    got = _said(text, "2020-05-20")
    assert got[-2:] == [("Foreign Minister Pradeep Kumar Gyawali", "NP"),
                        ("KP Sharma Oli, Prime Minister", "NP")]


def test_an_official_named_with_no_title_and_a_namesake_of_a_state_the_report_never_names():
    # "The interior ministers of Tunisia and Algeria, Hichem Fourati and Noureddine Bedoui":
    # "Bedoui said" is Algeria's, "Fourati" Tunisia's
    text = ("SAKIET SIDI YOUSSEF, Tunisia, Feb 8 (Wire) - The interior ministers of Tunisia "
            "and Algeria, Hichem Fourati and Noureddine Bedoui, laid a wreath on Friday. "
            "Bedoui said Algeria would never allow its territory to be used against Tunisia. "
            "Fourati said development was the best answer to smuggling.")
    got = _said(text, "2019-02-08")
    assert got[-2:] == [("Noureddine Bedoui", "DZ"), ("Hichem Fourati", "TN")]
    # Uruguay's defence minister Javier García is not the mayor of Colchane of that name,
    # in a report that names no Uruguay (nor anything of it)
    text = ("11:05 — Army units began patrolling the Colchane sector of the Tarapacá region "
            "under the decree. The mayor of Colchane, Javier García, told a radio station "
            "that the deployment alone would not fix the problem.")
    got = _said(text, "2023-02-27")
    assert got == [("mayor of Colchane, Javier García", "CL")]
    bare = text.replace("The mayor of Colchane, Javier García,", "Javier García")
    assert _said(bare, "2023-02-27")[-1][1] != "UY"
    assert _said(bare.replace("Colchane sector", "Colchane sector, as Uruguay's army once "
                              "did,"), "2023-02-27")[-1][1] == "UY"

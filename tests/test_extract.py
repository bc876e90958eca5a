"""Reading news reports: every place named, resolved; every claim with who, stance, where,
when. The real report is read from ../shared/fixtures; the others are our own."""

from __future__ import annotations

import pytest

from geomap.api import extract, places, read_article
from geomap.errors import InputError
from geomap.read import read_document
from geomap.render.html import page_data
from tests.conftest import DATA, FIXTURE_REPORT

REPORTS = DATA / "reports"
needs_fixture = pytest.mark.skipif(not FIXTURE_REPORT.exists(),
                                   reason=f"the news report is not at {FIXTURE_REPORT}")


@pytest.fixture(scope="module")
def report():
    return read_article(FIXTURE_REPORT, date="2021-05-14", publisher="RFE/RL")


@pytest.fixture(scope="module")
def report_places(report):
    return places(report)


@pytest.fixture(scope="module")
def report_claims(report):
    return extract(report)


# -- reading -----------------------------------------------------------------------------

def test_header_block_gives_metadata():
    doc = read_document(REPORTS / "kg_tj_2021.txt")
    assert (doc.title, doc.publisher, doc.published) == (
        "Deadly clashes on the Kyrgyz-Tajik border", "Test Wire", "2021-04-30")
    assert doc.text.startswith("Fighting broke out")


def test_markdown_and_html_become_text():
    md = read_document(REPORTS / "in_cn_2020.md")
    assert "**" not in md.text and "# " not in md.text and "Galwan Valley" in md.text
    page = read_document(REPORTS / "note.html")
    assert page.title == "Standoff near Goris" and page.publisher == "Test Wire"
    assert page.published == "2021-05-14"
    assert "var x" not in page.text and "Sev Lich" in page.text


def test_stdin_and_options_override():
    doc = read_document("-", stdin=b"Shelling near Goris.", date="2021-05-14", title="T")
    assert (doc.name, doc.text, doc.published, doc.title) == ("<stdin>", "Shelling near Goris.",
                                                              "2021-05-14", "T")


def test_other_encodings_need_saying(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Обстрел у Гориса.\nВторая строка — Ереван.".encode("cp1251"))
    with pytest.raises(InputError, match="--encoding") as info:
        read_document(path)
    assert info.value.line == 1
    assert "Ереван" in read_document(path, encoding="cp1251").text
    latin = tmp_path / "fr.txt"
    latin.write_bytes("Erevan et Bakou, à la frontière.".encode("latin-1"))
    assert "à la" in read_document(latin, encoding="latin-1").text


def test_binary_empty_and_placeless(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04")
    with pytest.raises(InputError, match="binary"):
        read_document(binary)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    doc = read_document(empty)
    assert places(doc) == [] and extract(doc) == []
    plain = tmp_path / "plain.txt"
    plain.write_text("Nothing here names anywhere at all, said nobody.")
    assert places(read_document(plain)) == []


# -- places ------------------------------------------------------------------------------

@needs_fixture
def test_every_place_in_the_report_is_found_and_resolved(report, report_places):
    found = {}
    for r in report_places:
        assert report.text[r["start"]:r["end"]] == r["surface"]
        found.setdefault(r["surface"], set()).add(r["place_id"])
    expected = {
        "Syunik": "am-syunik", "Goris": "am-goris", "Nakhichevan": "az-nakhchivan-ar",
        "Gyumri": "am-gyumri", "Nagorno-Karabakh": "az-nagorno-karabakh",
        "South Caucasus": "rg-south-caucasus", "Armenia": "country:AM",
        "Azerbaijan": "country:AZ", "Russia": "country:RU", "France": "country:FR",
        "Yerevan": "am-yerevan", "Baku": "az-baku", "Karabakh": "az-nagorno-karabakh",
    }
    for surface, place_id in expected.items():
        assert found.get(surface) == {place_id}, (surface, found.get(surface))
    washington = {r["country"] for r in report_places if r["surface"] == "Washington"}
    assert washington == {"US"}
    assert {r["country"] for r in report_places if r["surface"] == "Moscow"} == {"RU"}
    assert all(r["status"] == "resolved" for r in report_places)


@needs_fixture
def test_words_that_only_look_like_places_are_not_places(report_places):
    surfaces = {r["surface"] for r in report_places if not (r["adjective"] or r["embedded"])}
    # "Most of those troops", spokeswoman Jalina Porter, Philip Reeker, Ned Price,
    # Armen Grigorian, "Azeri", Radio Free Europe
    for word in ("Most", "Porter", "Philip", "Price", "Armen", "Azeri", "Europe", "Tells",
                 "Said", "I", "UN"):
        assert word not in surfaces, word


def test_adjectives_are_listed_as_adjectives_of_their_country(report_places):
    """"Azeri", "Armenian": listed, marked adjective, with the country they name; they
    never become a claim's place (the claims tests check that)."""
    adjectives = {r["surface"]: r for r in report_places if r["adjective"]}
    assert adjectives["Azeri"]["place_id"] == "country:AZ"
    assert adjectives["Armenian"]["place_id"] == "country:AM"
    assert all(r["kind"] == "country" or r["place_id"].startswith("geonames:")
               for r in adjectives.values())


def test_a_pages_furniture_is_not_its_report_and_its_json_ld_dates_it(tmp_path):
    page = tmp_path / "p.html"  # written for this test
    page.write_text(
        "<!doctype html><html><head><title>Page</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "Clash on the border", "datePublished": '
        '"2021-05-14T09:00:00+04:00", "publisher": {"name": "Test Wire"}}</script></head>'
        "<body><header><nav>Home | World: Paris Moscow Tokyo</nav></header><article><p>"
        "Azerbaijani troops crossed into Syunik on Wednesday, Armenia said.</p></article>"
        "<aside>Most read: Floods in Texas</aside><footer>Washington DC</footer></body></html>",
        encoding="utf-8")
    doc = read_document(page)
    assert (doc.title, doc.publisher, doc.published) == (
        "Clash on the border", "Test Wire", "2021-05-14")
    assert {r["surface"] for r in places(doc)} == {"Azerbaijani", "Syunik", "Armenia"}
    assert extract(doc)[0].date == "2021-05-12"


@pytest.mark.parametrize("written", ["Friday 14 May 2021", "Fri, 14 May 2021 10:00:00 GMT",
                                     "14.05.2021", "May 14 2021", "2021-05-14T23:30:00-04:00"])
def test_a_header_date_in_any_common_form(tmp_path, written):
    path = tmp_path / "r.txt"
    path.write_text(f"Date: {written}\n\nTroops crossed into Syunik on Wednesday, Armenia "
                    "said.", encoding="utf-8")
    assert read_document(path).published == "2021-05-14"


def test_a_header_date_whose_order_differs_by_country_is_refused(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Date: 04/05/2021\n\nText.", encoding="utf-8")
    with pytest.raises(InputError, match="14.05.2021"):
        read_document(path)


def test_markdown_code_tables_and_lists_read_as_a_reader_sees_them(tmp_path):
    path = tmp_path / "r.md"  # written for this test
    path.write_text("# Clash in *Syunik*\n\nTroops **crossed** into [Syunik](https://x.org) "
                    "on Wednesday, Armenia said.\n\n```\nBaku said the troops left Goris.\n"
                    "```\n\n| Village | Side |\n|---|---|\n| Tegh | AM |\n\n- Kapan was calm."
                    "\n1. Yerevan protested.\n", encoding="utf-8")
    doc = read_document(path)
    assert "Baku said" not in doc.text and "```" not in doc.text and "|" not in doc.text
    assert "Tegh AM" in doc.text and "\nKapan was calm." in doc.text
    # (not the code block's "Baku said"; a list item's "Yerevan protested." is Armenia's)
    assert [c.claimant for c in extract(doc)] == ["Armenia", "Yerevan"]


def test_sentences_split_right_around_abbreviations_and_keep_their_quotes():
    from geomap.extraction.claims import sentences

    text = ("The U.S. Amb. Lynne Tracy met Gen. Smith in Yerevan. “We are worried,” she "
            "said. “Troops must leave.” Lt. Col. Ivanov said the No. 2 post was hit at 5 p.m. "
            "Friday. Dr. Ali left.")
    assert [text[s:e] for s, e in sentences(text)] == [
        "The U.S. Amb. Lynne Tracy met Gen. Smith in Yerevan.", "“We are worried,” she said.",
        "“Troops must leave.”", "Lt. Col. Ivanov said the No. 2 post was hit at 5 p.m. Friday.",
        "Dr. Ali left."]


def test_an_outlet_named_by_a_places_name_locates_nothing(tmp_path):
    path = tmp_path / "r.txt"  # sentences written for this test
    path.write_text("Jordanian troops killed five smugglers near Ruwaished, the army said in a "
                    "statement carried by the state news agency Petra. The Dhaka newspaper "
                    "Prothom Alo said shells hit Ghumdhum, citing the Petra news agency. Tourists "
                    "left "
                    "Petra on Monday.")
    rows = places(read_document(path))
    named = [(r["surface"], r["embedded"]) for r in rows if r["surface"] in ("Petra", "Dhaka")]
    assert named[:2] == [("Petra", True), ("Dhaka", True)], named
    assert not [c for c in extract(read_document(path)) if c.place in ("Petra", "Dhaka")
                and "Tourists" not in c.text]
    assert named[-1] == ("Petra", False)  # (where tourists left: the place)


def test_a_short_capital_in_a_papers_own_dateline_is_a_place(tmp_path):
    path = tmp_path / "r.txt"  # sentences written for this test
    path.write_text("KYIV — Russian drones hit Kharkiv overnight, officials said.")
    rows = [(r["surface"], r["country"]) for r in places(read_document(path))]
    assert rows[0] == ("KYIV", "UA")


def test_a_place_before_an_outlets_word_or_a_label_stays_a_place(tmp_path):
    path = tmp_path / "r.txt"  # sentences written for this test
    path.write_text("Russian troops shelled Kupiansk daily. A missile hit the Kharkiv television "
                    "tower. He told the agency Jermuk had been shelled.\nPAUL: Residents of "
                    "Goris said shells fell.")
    rows = [(r["surface"], r["embedded"]) for r in places(read_document(path))]
    assert ("Kupiansk", False) in rows and ("Kharkiv", False) in rows and \
        ("Jermuk", False) in rows
    assert not [s for s, _ in rows if s == "PAUL"]


def test_a_curated_crossing_named_with_its_kind_word_is_the_crossing_not_the_village(tmp_path):
    path = tmp_path / "r.txt"  # sentences written for this test
    path.write_text("Finland closed the Nuijamaa checkpoint on Friday. Shops in Nuijamaa "
                    "closed. Troops reached Paktika province.")
    rows = [(r["surface"], r["place_id"]) for r in places(read_document(path))]
    assert rows[1] == ("Nuijamaa checkpoint", "fi-nuijamaa-crossing")  # (not "the ...")
    assert rows[2][0] == "Nuijamaa" and rows[2][1] != "fi-nuijamaa-crossing"
    assert rows[3] == ("Paktika", "af-paktika")  # (a province's kind word is read apart)


def test_a_past_battle_named_after_a_place_locates_nothing(tmp_path):
    path = tmp_path / "r.txt"  # sentences written for this test
    path.write_text("Petro moved the commemoration of the Battle of Boyacá to Leticia. Troops "
                    "reached Boyacá on Monday.")
    rows = [(r["surface"], r["embedded"]) for r in places(read_document(path))
            if r["surface"] == "Boyacá"]
    assert rows == [("Boyacá", True), ("Boyacá", False)]


def test_a_military_unit_named_after_a_place_locates_nothing(tmp_path):
    path = tmp_path / "r.txt"  # sentences written for this test
    path.write_text("Soldiers of the 16 Bihar regiment and the Assam Rifles were sent to "
                    "Galwan. Troops from Bihar reached Leh on Monday.")
    rows = places(read_document(path))
    units = [r for r in rows if r["surface"] in ("Bihar", "Assam")][:2]
    assert [r["embedded"] for r in units] == [True, True], units
    later = [r for r in rows if r["surface"] == "Bihar"][-1]
    assert not later["embedded"] and later["country"] == "IN"
    assert not [c for c in extract(read_document(path)) if c["place"] in ("Bihar", "Assam")]


def test_every_name_of_a_list_the_text_marks_as_places_is_listed(tmp_path):
    path = tmp_path / "r.txt"  # made-up names, written for this test
    path.write_text("Troops entered the villages of Zarbul, Kettepa-2 and Ushmala. "
                    "Residents of Dorbak, Yangisuv and Ollobod villages fled to Isfara.")
    by = {r["surface"]: r for r in places(read_document(path))}
    for name in ("Zarbul", "Kettepa-2", "Ushmala", "Dorbak", "Yangisuv", "Ollobod"):
        assert by[name]["status"] == "unresolved" and by[name]["kind"] == "settlement", name
    assert by["Isfara"]["country"] == "TJ"


def test_a_road_between_two_places_names_both(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Traffic on the Isfara-Vorukh road and the Osh-Bishkek highway stopped "
                    "near the Kyrgyz-Tajik border.")
    rows = places(read_document(path))
    named = [(r["surface"], r["country"]) for r in rows if not r["adjective"]]
    assert named[:4] == [("Isfara", "TJ"), ("Vorukh", "TJ"), ("Osh", "KG"), ("Bishkek", "KG")]
    assert "Kyrgyz" not in {r["surface"] for r in rows if not r["adjective"]}


def test_another_romanisation_of_a_curated_place_resolves_to_it(tmp_path):
    path = tmp_path / "r.txt"  # RFE/RL writes Bobojan, the gazetteer's sources Bobojon
    path.write_text("A mosque in the Bobojan Ghafurov district was hit.")
    by = {r["surface"]: r for r in places(read_document(path))}
    row = by["Bobojan Ghafurov"]
    assert row["status"] == "resolved" and row["country"] == "TJ"
    assert "spelling" in row["reason"] and row["confidence"] < 0.8


def test_a_name_the_text_marks_as_a_place_is_reported_unresolved(tmp_path):
    rows = places(read_document(REPORTS / "kg_tj_2021.txt"))
    by = {r["surface"]: r for r in rows}
    assert (by["Vorukh"]["country"], by["Batken"]["country"], by["Isfara"]["country"],
            by["Kok-Tash"]["country"]) == ("TJ", "KG", "TJ", "KG")
    path = tmp_path / "r.txt"  # a village no gazetteer knows (a made-up name)
    path.write_text("Tajik troops opened fire near the village of Zarbulokh-Tepa on Friday.")
    by = {r["surface"]: r for r in places(read_document(path))}
    assert by["Zarbulokh-Tepa"]["status"] == "unresolved"
    assert by["Zarbulokh-Tepa"]["kind"] == "settlement"


def test_context_picks_the_village_near_the_border(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Shots were heard in Goris and Kornidzor and near Akner on Tuesday.")
    by = {r["surface"]: r for r in places(read_document(path))}
    assert by["Akner"]["place_id"] == "am-akner"  # the Syunik one, not the one in Lori
    assert by["Akner"]["candidates"]  # the runner-up is reported


# -- claims ------------------------------------------------------------------------------

def _one(claims, words):
    hits = [c for c in claims if words in c.text]
    assert hits, f"no claim with {words!r}"
    return hits[0]


@needs_fixture
def test_denials_are_denials_by_azerbaijan(report_claims):
    for words in ("has denied sending troops", "Baku says its troops did not cross",
                  "insisted late on Thursday"):
        c = _one(report_claims, words)
        assert (c.claimant_side, c.stance, c.event) == ("AZ", "denies", "incursion"), words
        assert c.place == "Syunik" and c.role == "incident"


@needs_fixture
def test_calls_and_reactions_are_mapped_at_the_incident(report, report_claims):
    c = _one(report_claims, "urged Azerbaijan on Friday")
    assert (c.claimant_side, c.stance, c.event, c.date) == ("US", "calls", "withdrawal",
                                                            "2021-05-14")
    assert c.role == "reaction" and c.place == "Syunik"
    for c in report_claims:
        assert c.place not in ("Washington", "Paris", "Moscow"), c.text
        assert report.text[c.span_start:c.span_end].split() == c.text.split()


@needs_fixture
def test_claimants_are_the_speakers(report_claims):
    spokeswoman = _one(report_claims, "We expect Azerbaijan to pull back")
    assert "Jalina Porter" in spokeswoman.claimant and spokeswoman.claimant_side == "US"
    ministry = _one(report_claims, "According to the Armenian Defense Ministry")
    assert "Armenian Defense Ministry" in ministry.claimant
    assert (ministry.claimant_side, ministry.event, ministry.date) == ("AM", "incursion",
                                                                      "2021-05-13")
    # "The talks were interrupted and will resume on Saturday, he added": two things said,
    # both his, on two days
    added = [c for c in report_claims if "will resume on Saturday, he added" in c.text]
    assert all("Pashinian" in c.claimant for c in added)
    assert sorted(c.date for c in added) == ["2021-05-14", "2021-05-15"]
    pashinian = _one(report_claims, "Pashinian said during an emergency session")
    assert pashinian.claimant == "Nikol Pashinian, Armenian Prime Minister"
    assert pashinian.claimant_side == "AM"
    peskov = _one(report_claims, "did not ask for Russian military aid")
    assert (peskov.claimant_side, peskov.stance) == ("RU", "denies")


@needs_fixture
@needs_fixture
def test_it_and_he_are_the_right_earlier_speaker(report_claims):
    # the Kremlin's readout, not Pashinian's office; Macron's office, not Baku; Putin, not
    # Pashinian, whom the sentence names as the one assured
    assert _one(report_claims, "It said Putin stressed").claimant_side == "RU"
    assert _one(report_claims, "It said he also expressed hope").claimant_side == "FR"
    putin = _one(report_claims, "He also assured Pashinian")
    assert (putin.claimant_side, putin.role) == ("RU", "reaction")
    assert "Putin" in putin.claimant
    # "the office" and "a statement by the office" are the organisation last named
    office = _one(report_claims, "A statement by the office said Putin")
    assert (office.claimant, office.claimant_side) == ("Pashinian’s office", "AM")
    assert "speaker from" in office.check


@needs_fixture
def test_the_reports_own_voice_is_the_publishers_claim(report_claims):
    call = _one(report_claims, "The two men spoke by phone on Thursday night")
    assert (call.claimant_side, call.stance, call.event, call.date) == (
        "PRESS", "asserts", "talks", "2021-05-13")
    russia = _one(report_claims, "Russia deployed soldiers and border guards")
    assert (russia.claimant_side, russia.role) == ("PRESS", "reaction")  # a third party acts
    hedged = _one(report_claims, "Azerbaijani forces reportedly advanced")
    assert (hedged.claimant_side, hedged.stance) == ("PRESS", "reports")


def test_a_state_that_calls_on_another_is_the_speaker(tmp_path):
    path = tmp_path / "r.txt"  # written for this test
    path.write_text("Title: t\nDate: 2021-05-18\n\nAzerbaijani troops crossed into Syunik "
                    "on Wednesday, Armenia said. India on Tuesday called on Azerbaijan to "
                    "withdraw its troops from Armenian territory. The Indian foreign ministry, "
                    "in a statement, urged both sides to show restraint. Troops have stayed "
                    "there since Monday, Armenia said on Friday.")
    claims = extract(read_document(path))
    india = _one(claims, "India on Tuesday")
    assert (india.claimant, india.claimant_side, india.stance, india.role, india.date) == (
        "India", "IN", "calls", "reaction", "2021-05-18")
    assert _one(claims, "The Indian foreign ministry").claimant_side == "IN"
    # a date a state began at is not when it was said
    assert _one(claims, "since Monday").date == "2021-05-14"


@needs_fixture
def test_the_same_speaker_going_on_keeps_the_day(report_claims):
    # "Macron demanded on Thursday night ...", then his post: the same Thursday, inferred
    post = _one(report_claims, "Macron wrote on his Facebook page")
    assert post.date == "2021-05-13" and "date from an earlier sentence" in post.check
    # and a photo caption run into a headline is no claim of the report's
    assert not [c for c in report_claims if "speaks at a summit" in c.text]


@needs_fixture
def test_what_was_inferred_is_said_and_makes_a_claim_less_sure(report_claims):
    it = _one(report_claims, "It said Putin stressed")
    assert "speaker from 'It'" in it.check
    read = _one(report_claims, "The United States urged Azerbaijan on Friday")
    assert read.check == "" and read.confidence >= 0.9
    focus = _one(report_claims, "Jalina Porter, told reporters")
    assert "place from the report's focus" in focus.check
    assert focus.confidence < read.confidence
    assert "the report's own voice" in _one(report_claims, "The two men spoke by phone").check
    # a headline run into a photo caption is no claim of the report's
    assert not [c for c in report_claims if c.text.startswith("Friday, U.S. Tells")]


def test_dates_resolve_against_publication(report_claims):
    advance = _one(report_claims, "reportedly advanced several kilometers into Armenia’s Syunik")
    assert (advance.date, advance.date_precision, advance.stance) == ("2021-05-12", "day",
                                                                      "reports")
    november = _one(report_claims, "last November")
    assert (november.date, november.date_precision) == ("2020-11", "month")
    exercises = _one(report_claims, "exercises on Sunday")
    assert exercises.date == "2021-05-16"  # scheduled: the coming Sunday


def test_other_borders_kyrgyzstan_tajikistan():
    claims = extract(read_document(REPORTS / "kg_tj_2021.txt"))
    kg = _one(claims, "The Kyrgyz Foreign Ministry said")
    # "near the village of Kok-Tash in the Batken region": the village, the finest place
    assert (kg.claimant_side, kg.stance, kg.event, kg.place) == ("KG", "asserts", "shelling",
                                                                 "Kok-Tash")
    tj = _one(claims, "denied the charge")
    assert (tj.claimant_side, tj.stance) == ("TJ", "denies")
    ru = _one(claims, "Russia urged")
    assert (ru.claimant_side, ru.stance, ru.role) == ("RU", "calls", "reaction")
    assert ru.place not in ("Bishkek", "Dushanbe")


def test_other_borders_india_china():
    claims = extract(read_document(REPORTS / "in_cn_2020.md"))
    cn = _one(claims, "crossed the line twice")
    assert (cn.claimant_side, cn.stance, cn.event, cn.role) == ("CN", "asserts", "incursion",
                                                                "incident")
    india = _one(claims, "rejected that account")
    assert (india.claimant_side, india.stance) == ("IN", "denies")


def test_html_report_claims_and_metadata():
    claims = extract(read_document(REPORTS / "note.html"))
    sev = _one(claims, "advanced toward Sev Lich")
    assert (sev.claimant_side, sev.place, sev.date, sev.source, sev.publisher) == (
        "AM", "Sev Lich", "2021-05-12", "Standoff near Goris", "Test Wire")
    baku = _one(claims, "did not cross")
    assert (baku.claimant_side, baku.stance) == ("AZ", "denies")


@needs_fixture
def test_the_report_maps_with_the_border_and_every_claim(tmp_path):

    from geomap.api import make_map

    result = make_map([FIXTURE_REPORT], out=tmp_path / "r.html", date="2021-05-14")
    page = result.path.read_text(encoding="utf-8")
    data = page_data(page)
    assert data["claims_in"] == data["claims_mapped"] + len(data["unplaced"]) >= 30
    assert any(name.startswith("Undemarcated") for name in data["layers"])
    # the view is the incident's region, not the far capitals
    assert all(c["place_name"] not in ("Washington", "Paris", "Moscow") for c in data["claims"])


def test_a_claims_place_is_named_as_the_text_names_it(tmp_path):
    """A province the text calls "the Kursk region" is the claim's "Kursk region", not the
    gazetteer's "Kursk Oblast" (nor "Kursk", the town)."""
    from geomap.api import extract
    from geomap.records import Document

    claims = extract(Document(text="MOSCOW (Reuters) - Russia's defence ministry said on "
                              "Tuesday that Ukrainian troops shelled villages in Russia's "
                              "Kursk region.", name="t.txt", published="2024-08-13"))
    assert [(c.place, c.place_id) for c in claims] == [("Kursk region", "geonames:538555")]


@pytest.mark.parametrize("text, surface, name, kind", [
    # a province named after its town, known locally by another form ("Kurskaya oblast'"),
    # shown by its English name
    ("Troops crossed into Russia's Kursk region on Tuesday.", "Kursk", "Kursk Oblast",
     "admin1"),
    ("Troops entered Kursk Oblast on Tuesday.", "Kursk Oblast", "Kursk Oblast", "admin1"),
    ("Shelling hit the Belgorod region.", "Belgorod", "Belgorod Oblast", "admin1"),
    ("Shelling hit Ukraine's Sumy region.", "Sumy", "Sumy Region", "admin1"),
    # and the town itself where the text says no more
    ("Fighting near Kursk went on.", "Kursk", "Kursk", "settlement"),
])
def test_a_province_named_after_its_town(text, surface, name, kind):
    from geomap.api import find_places
    from geomap.records import Document

    got = [(m.surface, r.place.name, r.place.kind) for m, r in find_places(
        Document(text=text, name="t.txt")) if r.resolved and r.place.kind != "country"]
    assert got == [(surface, name, kind)]


def test_two_names_before_a_plural_kind_word_are_each_of_that_kind():
    from geomap.api import find_places
    from geomap.records import Document

    got = [(m.surface, r.place.name, r.place.kind) for m, r in find_places(Document(
        text="Drones were downed over the Belgorod and Kursk regions.", name="t.txt"))
        if r.resolved]
    assert got == [("Belgorod", "Belgorod Oblast", "admin1"),
                   ("Kursk", "Kursk Oblast", "admin1")]


@pytest.mark.parametrize("text, names", [
    ("Shelling hit Azad Jammu and Kashmir on Monday.", ["pk-azad-kashmir"]),
    ("Troops in Jammu and Kashmir were on alert.", ["in-jammu-and-kashmir"]),
    ("Bosnia and Herzegovina said it was calm.", ["country:BA"]),
    ("Armenia and Azerbaijan clashed near Goris and Kapan.",
     ["country:AM", "country:AZ", "am-goris", "am-kapan"]),
    # an acronym spelled out as a body's name is no place's ("Naf", a river); one spelled
    # out as a place's name is that place
    ("The Nigerian Air Force (NAF) said 195 cadets joined NAF. Boats crossed the Naf.",
     ["country:NG", "rg-naf-river"]),
    ("Fighting in the Democratic Republic of Congo (DRC) spread; the DRC army said.",
     ["country:CD", "country:CD", "country:CD"]),
])
def test_a_name_with_and_in_it_is_one_place(text, names):
    from geomap.api import find_places
    from geomap.records import Document

    assert [r.place.id for _, r in find_places(Document(text=text, name="t.txt"))] == names


def test_a_claims_place_is_named_as_its_sentence_names_it_not_as_the_dateline():
    from geomap.records import Document

    got = extract(Document(text="GOMA, Jan 28 (Test Wire) - Congo said Rwanda shelled Goma.",
                           name="t.txt", published="2025-01-28"))
    assert [(c.place, c.place_id) for c in got] == [("Goma", "cd-goma")]


def test_a_ship_named_for_a_place_is_not_there():
    from geomap.api import find_places
    from geomap.records import Document

    got = find_places(Document(text="Supplies for the BRP Sierra Madre at Second Thomas Shoal; "
                                    "the USS Texas sailed from Manila.", name="t.txt"))
    assert [m.surface for m, _ in got] == ["Second Thomas Shoal", "Manila"]
    # ... nor where it is named again without its prefix (Sierra Madre is a Californian town)
    got = find_places(Document(text="Boats tied up beside the BRP Sierra Madre, off Palawan. "
                                    "The Sierra Madre has been aground there since 1999.",
                               name="t.txt"))
    assert [m.surface for m, _ in got] == ["Palawan"]


def test_the_first_word_of_a_title_after_a_countrys_possessive_is_no_place():
    # (GeoNames has a Vice in Peru; a place of its own before a local office still is one)
    from geomap.api import find_places
    from geomap.records import Document

    got = find_places(Document(text="Guyana's Vice President Bharrat Jagdeo spoke in Lethem. "
                                    "Russia's Kursk Governor spoke too.", name="t.txt"))
    assert [m.surface for m, _ in got] == ["Guyana", "Lethem", "Russia", "Kursk"]


def test_common_words_of_bodies_and_times_are_no_places():
    # GeoNames has a Century in Florida and gives Tanzania's Pwani region the name "Coast"
    from geomap.api import find_places
    from geomap.records import Document

    got = find_places(Document(text="Gunmen held the 14th Century monastery near Zvecan. "
                                    "China's Coast Guard Law lets ships fire near Okinawa.",
                               name="t.txt"))
    assert [m.surface for m, r in got if r.resolved] == ["Zvecan", "China", "Okinawa"]


@pytest.mark.parametrize("text, names", [
    ("Israeli strikes hit the West Bank and Gaza City on Monday.",
     ["country:IL", "geonames:285153", "geonames:281133"]),
    ("Sudanese warplanes bombed areas of Unity state on Monday.",
     ["country:SD", "geonames:408650"]),
])
def test_names_joined_by_and_stop_before_a_whole_place_and_unity_is_a_state(text, names):
    from geomap.api import find_places
    from geomap.records import Document

    assert [r.place.id for _, r in find_places(Document(text=text, name="t.txt"))
            if r.resolved] == names

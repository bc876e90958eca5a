"""Names around a place's name that change what it names: an abbreviated "Saint" before it,
a river's or an island's word after it. Sentences written for these tests."""

from __future__ import annotations

from geomap.api import places
from geomap.records import Document


def _rows(text: str) -> dict[str, tuple[str, str, str]]:
    """surface -> (status, the place's name, its country) of each mention."""
    return {r["surface"]: (r["status"], r["name"], r["country"])
            for r in places(Document(text=text, name="t.txt"))}


def test_an_abbreviated_saint_is_part_of_the_name_and_no_place_alone():
    got = _rows("The envoy flew from St. Petersburg to Ft. Worth. The shop on Goris St. is shut.")
    assert got["St. Petersburg"][1:] == ("Saint Petersburg", "RU")
    assert got["Ft. Worth"][1:] == ("Fort Worth", "US")
    assert "Petersburg" not in got and not any(s.startswith("St") and len(s) <= 3 for s in got)


def test_a_rivers_or_an_islands_name_is_not_the_town_or_province_it_shares():
    got = _rows("Troops massed on the Amur River. Shots were fired near the Helmand River. "
                "Nicaraguan troops landed on Calero Island. Helmand province was calm.")
    # (Amur, a village in India; Island, Iceland's name in Danish; Helmand, the province;
    # Calero Island, the island the Costa Rica–Nicaragua hotspots hold, whole)
    assert got["Amur"][0] == "unresolved" and got["Calero Island"][:1] == ("resolved",)
    assert "Island" not in got and "Calero" not in got
    # (the river, curated since in hotspots/af-ir, is the river whole)
    helmand = [r for r in places(Document(text="Shots were fired near the Helmand River. "
                                          "Helmand province was calm.", name="t.txt"))
               if r["surface"].startswith("Helmand")]
    assert [(r["surface"], r["status"], r["kind"]) for r in helmand] == [
        ("Helmand River", "resolved", "river"), ("Helmand", "resolved", "admin1")]
    # a water the gazetteer holds by that name stays that water; "the Gulf" alone is one
    got = _rows("Gunfire came from across the Naf river. Tankers crossed the Gulf.")
    assert got["Naf"][1] == "Naf River" and got["Gulf"][1] == "Persian Gulf"


def test_an_island_named_in_its_own_language_or_of_is_one():
    got = _rows("Nicaraguan troops landed on Isla Bermeja. Moroccan gendarmes landed on the "
                "island of Hans. Troops left Isla Cabritos and Goris.")
    assert {s: got[s][0] for s in ("Isla Bermeja", "Hans", "Isla Cabritos")} == {
        "Isla Bermeja": "unresolved", "Hans": "unresolved", "Isla Cabritos": "unresolved"}
    assert got["Goris"][1] == "Goris"


def test_the_centre_is_a_government_and_a_country_named_in_french_a_given_name():
    got = _rows("The State said the Centre had failed to act. Troops moved into Centre-Nord.")
    assert "Centre" not in got and got["Centre-Nord"][0] == "resolved"
    # (the Vatican Gardens are a place, named with no verb of saying after them)
    assert "Vatican" in _rows("The statue stands in the Vatican Gardens, near the basilica.")


def test_a_country_named_with_and_the_and_a_given_name_before_a_surname():
    got = _rows("St. Vincent and the Grenadines Prime Minister Ralph Gonsalves said he had read "
                "of it. Troops from Goris and the Tavush region moved.")
    assert got["St. Vincent and the Grenadines"][1:] == ("Saint Vincent and the Grenadines",
                                                         "VC")
    assert "Goris" in got and "Tavush" in got  # (not one name: "Goris and the Tavush")
    # a given name before a surname the text names is no place ("Raúl", a village in Peru)
    got = _rows("Live: Colombia kills FARC's Raúl Reyes in Ecuador raid. Reyes was the group's "
                "second-in-command.")
    assert "Raúl" not in got and "Reyes" not in got


def test_an_island_named_with_its_word_in_small_letters_and_a_list_of_islands():
    # (the island's word after a name the gazetteer lacks: "Migingo island" was no place at
    # all, though "Migingo Island" was one; and "the X and Y islands" each an island)
    # (Migingo itself is now a place of the Kenya–Uganda hotspots: the whole is that island)
    got = _rows("Police raised a flag on Ukara island. Police landed on Usengi island and "
                "Remba island. The Bubiyan and Warbah islands lie off the coast.")
    for name in ("Ukara", "Remba", "Bubiyan", "Warbah"):
        assert got[name][0] == "unresolved", name
    kinds = {r["surface"]: r["kind"] for r in places(Document(
        text="Police raised a flag on Ukara island.", name="t.txt"))}
    assert kinds == {"Ukara": "island"}
    assert _rows("Police raised a flag on Migingo island.")["Migingo island"][0] == "resolved"
    # (an adjective before "island" is no island's name: "the Greek island of Lesbos")
    assert "Greek" in _rows("They sailed to the Greek island of Lesbos.") and \
        _rows("They sailed to the Greek island of Lesbos.")["Greek"][1] == "Greece"


def test_a_datelines_city_before_its_country_and_date():
    # ("UMAG, Croatia, May 4 (Wire) -": a town named in capitals, then its country, was
    # taken for an acronym and dropped)
    got = _rows("UMAG, Croatia, May 4 (Wire) - A police boat entered the bay.")
    assert got["UMAG"][1:] == ("Umag", "HR")


def test_the_two_congos_by_the_names_the_news_gives_them():
    # ("of the" inside a name, and the names without the article: the two were "Congo",
    # ambiguous, in every one of these)
    for text, country in (("Troops of the Democratic Republic of the Congo moved.", "CD"),
                          ("Troops of the Democratic Republic of Congo moved.", "CD"),
                          ("DR Congo said so.", "CD"), ("Congo Republic police said so.", "CG"),
                          ("The Republic of Congo said so.", "CG")):
        got = list(_rows(text).values())
        assert [(s, c) for s, _, c in got] == [("resolved", country)], text


def test_a_middle_initial_and_a_place_made_of_a_prefix_and_a_capital():
    # a person named with a middle initial is no place ("George W. Bush": not Bush, a town in
    # Egypt), however named later
    assert "Bush" not in _rows("In Washington, President George W. Bush said on Tuesday that "
                               "the United States stood with Colombia. Bush spoke later.")
    assert "Bush" not in _rows("George W. Bush said on Tuesday that he stood with Colombia.")
    assert "Bush" in _rows("Militants attacked Bush, a town in Beni Suef.")  # (the town)
    # "Metro Manila" is no person whose surname is Manila: Manila is still a place
    got = _rows("The ceasefire was announced at a house in Taguig, Metro Manila. In Manila, the "
                "Department of Foreign Affairs said it was still pressing for access.")
    assert got["Manila"][2] == "PH"


def test_papua_new_guinea_and_macedonia_by_the_names_news_writes():
    got = _rows("In Vanimo, PNG police said traders were turned back. Macedonia's police said "
                "migrants entered Macedonia near Gevgelija.")
    assert got["PNG"][1:] == ("Papua New Guinea", "PG")
    assert got["Macedonia"][2] == "MK"


def test_a_place_name_before_a_surname_where_a_persons_words_follow():
    # "Maria Elena Cuero, who coordinates aid" is a person, not María Elena, Chile
    got = _rows("In Lago Agrio, Maria Elena Cuero, who coordinates aid for Colombian refugees, "
                "said families were afraid. Troops went to Maria Elena, in Chile.")
    assert [s for s in got if s.startswith("Maria Elena")] == ["Maria Elena"]
    assert "Maria Elena" not in _rows("In Lago Agrio, Maria Elena Cuero, who coordinates aid "
                                      "for Colombian refugees, said families were afraid.")


def test_a_name_written_before_its_province_is_that_countrys():
    # two Illelas, in Nigeria and in Niger, near the same towns: "at Illela, Sokoto State"
    got = _rows("Trucks are stranded at Illela, Sokoto State, and at Birnin Konni in Niger's "
                "Tahoua Region. Drivers at Illela said the border stayed shut.")
    assert got["Illela"][0] == "resolved" and got["Illela"][2] == "NG"
    got = _rows("Trucks are stranded at Illela and at Birnin Konni in Niger's Tahoua Region. "
                "Sokoto State officials said the border stayed shut.")
    assert got["Illela"][0] != "resolved" or got["Illela"][2] != "NG"  # (no hint: unsure)


def test_a_named_front_is_a_place_and_a_designation_with_a_number_is_read_whole():
    from geomap.extraction.places import find_mentions

    # (written for this test) "the X front" marks X as a place, unplaced where the
    # gazetteer lacks it; a front of a name it knows is that place; "Polisario Front" and
    # a lower-case "front" of no name are not
    rows = places(Document(text="Troops attacked on the Xorqana front, the army said. The "
                                "Polisario Front denied it. Campaigners front the protest in "
                                "Goris. The Zalambessa front was calm."))
    got = {r["surface"]: (r["status"], r["kind"]) for r in rows}
    assert got["Xorqana"] == ("unresolved", "region")
    assert got["Zalambessa"][0] == "resolved" and "Polisario" not in got
    # a number after a name is part of it where the gazetteer holds the whole ("Tower 22",
    # "Hill 350"), and not otherwise
    lexicon = frozenset({"tower 22", "tower", "hill 350"})
    first = frozenset(k.split()[0] for k in lexicon)
    found = [m.surface for m in find_mentions(
        "A drone hit Tower 22 and then Tower 23; guns fired from Hill 350.", lexicon,
        first_words=first)]
    assert found == ["Tower 22", "Tower", "Hill 350"]


def test_a_run_of_names_and_a_features_word_after_it_is_read_whole_where_known():
    from geomap.extraction.places import find_mentions

    # (written for this test) "Girardot" alone is a town, and "Atanasio Girardot" a
    # person; "the Atanasio Girardot bridge" is the bridge where the gazetteer holds it
    lexicon = frozenset({"atanasio girardot bridge", "girardot", "cucuta"})
    first = frozenset(k.split()[0] for k in lexicon)
    text = "Trucks crossed the Atanasio Girardot bridge into Cucuta."
    found = [m.surface for m in find_mentions(text, lexicon, first_words=first)]
    assert found == ["Atanasio Girardot bridge", "Cucuta"]
    found = [m.surface for m in find_mentions("The Atanasio Girardot bridge reopened.", lexicon,
                                              first_words=first)]
    assert found == ["Atanasio Girardot bridge"]  # (a sentence's "The" is no part of it)
    # (and the article before a name widened so is no part of it)
    found = [m.surface for m in find_mentions("Water rose in the Tortkul reservoir.", frozenset(
        {"tortkul reservoir", "tortkul"}), first_words=frozenset({"tortkul"}))]
    assert found == ["Tortkul reservoir"]
    # not a whole the gazetteer lacks
    found = [m.surface for m in find_mentions("the Atanasio Girardot camp", lexicon,
                                              first_words=first)]
    assert "Atanasio Girardot camp" not in found


def test_a_place_in_an_agreements_name_locates_nothing_in_capitals_too():
    from geomap.api import find_places

    # (written for this test) "the Panmunjom Declaration" is an agreement's name, as "the
    # Sugauli treaty" is; Panmunjom alone is the place
    text = ("The leaders signed the Panmunjom Declaration in 2018. The Ankara Declaration "
            "ended the dispute. Troops crossed at Panmunjom.")
    got = [(m.surface, m.embedded) for m, _ in find_places(Document(text=text, name="t"))]
    assert got == [("Panmunjom", True), ("Ankara", True), ("Panmunjom", False)]


def test_a_sentences_first_word_the_text_writes_in_small_letters_is_a_word():
    # (written for this test) "Drone" opening a headline is no Drone in Piedmont where the
    # text speaks of "an armed drone"; a GeoNames town of that name is still one elsewhere
    rows = _rows("Drone incident near Tinzaouaten: Algeria rejects claims\n\nALGIERS - An armed "
                 "drone was shot down near the border.")
    assert "Drone" not in rows and "Tinzaouaten" in rows
    assert "Drone" in _rows("The mayor of Drone, a village in Piedmont, said the road was shut.")


def test_the_small_letters_look_reads_in_linear_time():
    # (a hostile text: 200 KB of sentences opening with names GeoNames alone knows, each
    # also written in small letters; the words searched for are bounded per text)
    import time

    text = ("Drone rose. Reading fell. Mobile went. Bath ran. drone reading mobile bath. "
            * 3000)[:200_000]
    places(Document(text="warm", name="w.txt"))
    start = time.process_time()
    places(Document(text=text, name="t.txt"))
    assert time.process_time() - start < 5


def test_a_small_places_name_before_an_officers_role_is_a_bodys():
    # (written for this test) "Congress general secretary X": the party, not Congress in
    # Arizona; a large place before a role stays the place
    rows = _rows("The incident stirred a storm in New Delhi. Congress general secretary "
                 "Jairam Ramesh called on the prime minister to speak.")
    assert "Congress" not in rows and "New Delhi" in rows
    assert "Moscow" in _rows("Moscow spokesman Ivan Petrov said the talks would resume.")


def test_a_common_word_before_an_agreements_word_names_no_place():
    # (written for this test) "the Peace Pact": no Peace (a Kansas town's other name), where
    # "the Sugauli treaty" still names the town it was signed in
    got = _rows("Fighting resumed hours after the Peace Pact was signed. The Freedom Accord "
                "failed too, as the Sugauli treaty had.")
    assert "Peace" not in got and "Freedom" not in got and got["Sugauli"][2] == "IN"


def test_a_name_the_text_puts_in_a_province_is_placed_as_that_province():
    # (written for this test) Kang, a Botswana town in GeoNames, is here a district of
    # Afghanistan's Nimroz province, which the gazetteer holds: placed as the province
    # wherever the text names it; a village it lacks, "in" a province, the same
    text = ("Guards exchanged fire in Kang district of Nimroz province on Saturday. Shells "
            "fell in Kang again, officials said. Villagers fled the village of Xorqana in "
            "Syunik.")
    got = _rows(text)
    assert got["Kang"] == ("resolved", "Nimroz", "AF")
    assert got["Xorqana"][0] == "resolved" and got["Xorqana"][2] == "AM"
    row = next(r for r in places(Document(text=text, name="t")) if r["surface"] == "Kang")
    assert "puts it in Nimroz" in row["reason"] and row["confidence"] < 0.7
    # not a place of that name the gazetteer has in the province's country, nor a list
    got = _rows("Shelling hit Agarak in Syunik. Kang and Zaranj in Nimroz were calm.")
    assert got["Agarak"][2] == "AM" and got["Kang"][1] != "Nimroz"


def test_an_autonomous_region_and_a_district_in_it_after_a_comma():
    # (written for this test) "the Gorno-Badakhshan Autonomous Region": the province, its
    # two words of kind after it; "Darvaz district, in the ..." placed as it
    got = _rows("Workers were shot in Darvaz district, in the Gorno-Badakhshan Autonomous "
                "Region (GBAO), on Sunday.")
    assert got["Gorno-Badakhshan"][:3] == ("resolved", "Gorno-Badakhshan", "TJ")
    assert got["Darvaz"][0] == "resolved" and got["Darvaz"][2] == "TJ"


def test_a_verbs_ing_form_opening_a_sentence_or_a_quote_is_no_small_place():
    # (written for this test) '"Going out to stop them ...': no Going, Austria
    got = _rows('"Going out to stop them by force would have meant escalation," he said. '
                "Talking to reporters in Narva, he said the river was calm.")
    assert "Going" not in got and "Talking" not in got and got["Narva"][2] == "EE"

"""The claim rules one at a time (geomap/extraction/claims.py): speaker, side, stance, event,
actor, place, date, role and clauses, each over a sentence and its report's context.

The sentences are written for these tests, of borders other than Armenia-Azerbaijan."""

from __future__ import annotations

import re

import pytest

from geomap.api import find_places, gazetteer
from geomap.extraction import claims as rules
from geomap.records import Document


def _read(text: str, published: str = "2021-05-01"):
    """The report context and its sentences, as extract_claims builds them."""
    doc = Document(text=text, name="t.txt", published=published, publisher="Test Wire")
    resolved = [(m, r) for m, r in find_places(doc) if not (m.adjective or m.embedded)]
    capitals = gazetteer().capital_ids()
    report = rules.read_report(doc, resolved, lambda p: p.country if p.id in capitals else "")
    starts = [m.start for m, _ in resolved]
    out = []
    for s, e in rules.sentences(text):
        here = [mr for mr, at in zip(resolved, starts) if s <= at < e]
        out.append(rules.Sentence(text[s:e], s, e, here))
    return report, out


def _last(text: str, published: str = "2021-05-01"):
    """The report, its last sentence, and that sentence's speech (the sentences before it
    read first, as they would be)."""
    report, sents = _read(text, published)
    for sent in sents[:-1]:
        rules.claims_in(sent, report)
    return report, sents[-1], rules.speaker(sents[-1], report)


def test_speaker_before_after_and_according_to():
    _, _, speech = _last("Kyrgyzstan's border service said Tajik troops opened fire near "
                         "Kok-Tash.")
    assert speech.claimant == "Kyrgyzstan’s border service" or \
        speech.claimant == "Kyrgyzstan's border service"
    _, _, speech = _last("“We are closely following the situation,” tweeted Ned Price, a U.S. "
                         "State Department spokesman.")
    assert speech.claimant.startswith("Ned Price")
    _, _, speech = _last("According to the Kyrgyz Health Ministry, 31 people were killed.")
    assert (speech.claimant, speech.how) == ("the Kyrgyz Health Ministry", "according")


def test_speaker_pronouns_and_roles_are_the_earlier_speaker():
    report, sent, speech = _last(
        "Chinese foreign ministry spokesman Zhao Lijian told a briefing that Indian troops "
        "crossed the line. “We ask India to restrain its troops,” Zhao said. He added that "
        "China wanted calm.")
    assert "Zhao Lijian" in speech.claimant and speech.inferred == "He"
    assert rules.side(speech, report, sent) == ("CN", "")
    _, _, speech = _last("The Kyrgyz border service said its post came under fire. “The "
                         "Tajik side violated the agreement,” the service said.")
    assert "Kyrgyz border service" in speech.claimant


def test_speaker_a_request_for_help_is_the_reports_act():
    _, _, speech = _last("Earlier on Friday, Armenia formally appealed to Russia for "
                         "military support.")
    assert (speech.claimant, speech.how, speech.subject) == ("", "narration", "Armenia")


@pytest.mark.parametrize("text, side, note", [
    ("The Lebanese army said an Israeli patrol crossed the Blue Line.", "LB", ""),
    ("Hezbollah said three of its members were wounded.", "LB", ""),
    ("Hamid Osman, a senior official in the Gedaref state government, told Test Wire that "
     "militias attacked.", "SD", ""),
    ("Residents of Gallabat said they heard artillery fire.", "SD", ""),
    ("Local officials said 30,000 people had left Batken.", "KG", "side from the place"),
    # (an official the report names with no country, whom sides.csv does not list)
    ("NEW DELHI, June 17 (Test Wire) - Minister of State Ravi Kumar said the sacrifice of the "
     "soldiers will not be in vain.", "IN", "side from the dateline"),
    # (one whom it lists: "Modi")
    ("Prime Minister Narendra Modi said the sacrifice of the soldiers will not be in vain.",
     "IN", ""),
    # (one people.csv does not list, by where they spoke; one it lists, as it lists them)
    ("“No aircraft has violated Sudanese airspace,” foreign ministry spokesman Tesfaye Alemu "
     "told reporters in Addis Ababa.", "ET", "side from where they spoke"),
    ("“No aircraft from Ethiopia has violated Sudanese airspace,” foreign ministry "
     "spokesman Dina Mufti told reporters in Khartoum.", "ET", ""),
])
def test_side(text, side, note):
    report, sent, speech = _last(text)
    assert rules.side(speech, report, sent) == (side, note)


def test_side_of_nobody_known_is_none():
    report, sent, speech = _last("Mr Smith said the talks were useful.")
    assert rules.side(speech, report, sent) == ("", "")


@pytest.mark.parametrize("text, stances", [
    ("Tajikistan's State Committee for National Security denied the accusation and said "
     "Kyrgyz soldiers had fired first near Isfara.", ["denies", "asserts"]),
    ("“We agreed on a pullback, and we expect the Tajik side to honour it,” Japarov said.",
     ["asserts", "calls"]),
    ("India urged China to pull back its troops from the Galwan Valley.", ["calls"]),
    ("Tajik troops reportedly remained dug in on hills near Vorukh.", ["reports"]),
    ("“No Ethiopian aircraft has violated Sudanese airspace,” the Ethiopian foreign ministry "
     "said.", ["denies"]),
    ("It said Kyrgyz units had crossed into Tajik territory near Vorukh, a claim Bishkek "
     "dismissed as disinformation.", ["asserts", "denies"]),
    ("“We ask India to restrain its troops and not to cross the line,” Zhao said.",
     ["calls"]),
    ("Rahmon said Tajikistan would not give up its land but did not seek war, and wanted "
     "the dispute settled through talks.", ["asserts", "asserts", "calls"]),
])
def test_stance_per_clause(text, stances):
    report, sent, speech = _last("Tajikistan's border service spoke on Friday. " + text)
    got = [rules.stance(sent, rules.Speech(speech.claimant, speech.span, speech.how,
                                           speech.verb),
                        a, b, "denied" if lead.startswith("denied by") else lead)
           for a, b, lead in rules.clauses(sent, speech)]
    assert got == stances


def test_clauses_cut_where_a_sentence_says_two_things():
    _, sent, speech = _last("The United Nations urged both sides to show restraint, while "
                            "Hezbollah said Israeli shells hit Kfarchouba.")
    assert [lead for _, _, lead in rules.clauses(sent, speech)] == ["", "voice"]
    _, sent, speech = _last("Kyrgyzstan's border service said the guard was wounded, adding "
                            "that he had been taken to hospital in Batken.")
    assert [lead for _, _, lead in rules.clauses(sent, speech)] == ["", "adding"]
    _, sent, speech = _last("Tajik officials have put their own death toll at 19 and say "
                            "Kyrgyz forces shelled homes in Vorukh.")
    assert [lead for _, _, lead in rules.clauses(sent, speech)] == ["", "say"]


@pytest.mark.parametrize("text, event", [
    ("The army said Tajik troops shelled homes in Vorukh.", "shelling"),
    ("Officials said 34 people were killed near Kok-Tash.", "casualties"),
    ("The ministry said the two sides held talks in Batken.", "talks"),
    ("The ministry said troops advanced into Kyrgyz territory.", "incursion"),
    ("Residents said houses in Kok-Tash were set on fire.", "other"),
    ("Hundreds of evacuated villagers sheltered in schools in Batken.", "other"),
    ("Border guards said Tajik troops fired at a post near Batken.", "shelling"),
    ("Villagers in Kok-Tash said they heard gunfire overnight.", "shelling"),
    ("The two sides exchanged fire near Vorukh, the ministry said.", "clash"),
    ("Officials said gunmen fired anti-tank missiles at a post near Metula.", "shelling"),
    ("The army said Chinese troops tried to transgress near Pangong Tso.", "incursion"),
    ("Officials said militiamen attacked farmers near Gallabat.", "clash"),
    ("Sporadic shooting continued near Vorukh, residents said.", "shelling"),
])
def test_event(text, event):
    hit = rules.EVENT_RX.search(text)
    assert hit and hit.lastgroup == event


def test_fired_alone_and_the_attack_told_again_are_no_event():
    assert rules.EVENT_RX.search("The president fired the commander of the border guards.") \
        is None
    assert rules.EVENT_RX.search("Hezbollah warned that the attack will not go unanswered.") \
        is None


def test_quick_patterns_find_what_their_full_patterns_find():
    # the first-letter look in front of a pattern never loses a match
    words = " ".join(re.sub(r"\\[bw].*?|[()?:|\\*+{}0-9,\[\]]", " ", rx).replace("\\", " ")
                     for _, rx in rules.EVENTS)
    samples = [words, "Azerbaijani troops did not cross; we must expect them to leave.",
               "They were killed, wounded; artillery, mortars; a phone call; by phone; "
               "breached the line; opened fire; invoke Article 4; military support."]
    samples.append("Azerbaijani troops, Kyrgyz border guards and armed forces; our soldiers; "
                   "the Russian military officials and negotiators; units; army officers.")
    samples.append("It was reported; troops reportedly, allegedly, purportedly advanced, "
                   "which Test Wire could not independently verify, appeared to show.")
    samples.append("They violated Cambodian territory, came under heavy fire, launched an "
                   "attack, exchanged heavy fire and bombed posts in air strikes to strike "
                   "military targets, crossing into Thailand. Missiles struck six locations "
                   "and targeted civilians; rockets fell; a gunfight, a gun battle; Syrian army "
                   "positions and the Indian army. Chinese coast guard ships rammed and "
                   "boarded Philippine navy boats; warships. They repelled an attack.")
    for quick in (rules.EVENT_RX, rules._CALL_WORDS, rules._NEGATED, rules._VERB, rules._ACTOR,
                  rules._REPORTEDLY):
        full = re.compile(quick.pattern.split("(?:", 1)[1].rsplit(")", 1)[0], quick.flags)
        for text in samples:
            assert [m.span() for m in quick.finditer(text)] == \
                [m.span() for m in full.finditer(text)]


def test_actor_is_the_side_urged_or_whose_forces_act():
    report, sent, speech = _last("India urged China to pull back its troops from Galwan.")
    assert rules.actor(sent, speech, "IN", report)[1] == "CN"
    report, sent, speech = _last("Kyrgyzstan said Tajik forces shelled homes in Ak-Sai.")
    assert rules.actor(sent, speech, "KG", report) == ("Tajik forces", "TJ")


@pytest.mark.parametrize("text, speaker_side, acts", [
    # forces that speak tell of other forces: those act
    ("Kyrgyz border guards said Tajik troops opened fire near Batken.", "KG",
     ("Tajik troops", "TJ")),
    ("Indian army officers said Chinese soldiers crossed into Ladakh.", "IN",
     ("Chinese soldiers", "CN")),
    ("Tajik troops shelled Kok-Tash, Kyrgyz border guards said.", "KG",
     ("Tajik troops", "TJ")),
    # the speaker's own forces: the speaker's name, not the bare "troops"
    ("The Sudanese army said its troops advanced near Gallabat.", "SD",
     ("Sudanese army", "SD")),
    ("Tajik border guards said they returned fire near Isfara.", "TJ",
     ("Tajik border guards", "TJ")),
    # forces other than troops: fighters, militias, patrols, servicemen
    ("The Israeli army said Hezbollah fighters fired rockets at Metula.", "IL",
     ("Hezbollah fighters", "LB")),
    ("Sudanese officials said Ethiopian militiamen attacked farmers near Gallabat.", "SD",
     ("Ethiopian militiamen", "ET")),
    ("The Lebanese army said an Israeli patrol crossed the Blue Line near Kfar Kila.", "LB",
     ("Israeli patrol", "IL")),
    ("Azerbaijani servicemen crossed the border near Sev Lich, Armenia said.", "AM",
     ("Azerbaijani servicemen", "AZ")),
    # those it was done to are not who did it: the forces after "by" did
    ("Four Sudanese soldiers were killed in an ambush by Ethiopian forces, Sudan said.", "SD",
     ("Ethiopian forces", "ET")),
    ("Sudan said Ethiopian militias backed by Ethiopian forces attacked farmers.", "SD",
     ("Ethiopian militias", "ET")),
    # an act or its arms named with a side
    ("Pakistan's military said Indian shelling killed four civilians in Neelum.", "PK",
     ("Indian shelling", "IN")),
    ("Lebanon's news agency said Israeli drones flew over Kfarchouba.", "LB",
     ("Israeli drones", "IL")),
    # forces "of" a side, whose name holds its own "'s"
    ("The Indian Army said troops of the People's Liberation Army crossed near Naku La and "
     "were stopped by Indian soldiers.", "IN", ("troops of the People's Liberation Army", "CN")),
])
def test_actor_forces_the_speaker_tells_of_not_the_speaking_forces(text, speaker_side, acts):
    report, sent, speech = _last(text)
    assert speech.span[1] > speech.span[0], speech
    assert rules.actor(sent, speech, speaker_side, report) == acts


def test_place_a_claim_per_place_and_not_the_area_holding_them():
    report, sent, speech = _last("Tajik officials say Kyrgyz forces shelled homes in Vorukh "
                                 "and in the village of Khojai Alo.")
    names = [surface for _, surface, _ in rules.place(sent, speech, "KG", report)]
    assert names == ["Vorukh", "Khojai Alo"]
    report, sent, speech = _last("The Kyrgyz Foreign Ministry said Tajik troops opened fire "
                                 "near the village of Kok-Tash in the Batken region.")
    assert [s for _, s, _ in rules.place(sent, speech, "TJ", report)] == ["Kok-Tash"]


def test_place_not_the_speakers_capital_nor_the_addressee():
    report, sent, speech = _last("Authorities in Bishkek said Tajik troops opened fire near "
                                 "Kok-Tash, and appealed to Russia for help.")
    assert [s for _, s, _ in rules.place(sent, speech, "TJ", report)] == ["Kok-Tash"]


def test_date_the_events_day_never_the_datelines_and_narrative_time():
    report, sent, speech = _last("KHARTOUM, Jan 14 (Test Wire) - Sudan said late on "
                                 "Wednesday that an Ethiopian aircraft crossed the border.",
                                 "2021-01-14")
    assert rules.date(sent, report, 0, None, speech.verb.end()) == ("2021-01-13", "day", False)
    report, sent, speech = _last("Zhao told a briefing on Tuesday that Indian troops crossed "
                                 "the line on Monday.", "2020-06-17")
    assert rules.date(sent, report, 0, None, speech.verb.end())[0] == "2020-06-15"
    report, sent, _ = _last("Fighting broke out on Thursday near Vorukh. Residents said "
                            "houses burned.")
    assert rules.date(sent, report) == ("2021-04-29", "day", True)


@pytest.mark.parametrize("text, day", [
    # the speaker after what is said: its day is the event's, not the day it was said
    ("Indian and Chinese soldiers clashed near Naku La on Friday, the army said on Monday.",
     ("2021-01-22", "day")),
    ("Soldiers had a face-off at Naku La last week, the Indian Army said on Monday.",
     ("2021-01-18", "week")),
    # the speaker first: the day after "that", else the day it was said
    ("The Indian Army said on Monday that troops clashed near Naku La on Friday.",
     ("2021-01-22", "day")),
    ("The Indian Army said on Monday Chinese troops crossed near Naku La.",
     ("2021-01-25", "day")),
])
def test_date_of_what_is_said_before_its_speaker(text, day):
    report, sent, speech = _last(text, "2021-01-26")
    assert rules.date(sent, report, 0, None, speech.verb.end())[:2] == day


@pytest.mark.parametrize("words, day", [
    ("Troops fired on the village overnight.", ("2020-08-25", "day")),
    ("Shots were fired last night near the fence.", ("2020-08-25", "day")),
    ("Troops crossed overnight into Saturday.", ("2020-08-22", "day")),  # (the day named)
    ("Patrols will stay overnight near the post.", None),
    ("Clashes broke out earlier this month.", ("2020-08", "month")),
    ("Clashes broke out late last month.", ("2020-07", "month")),
    # a date that names an earlier event is not the sentence's
    ("It was a response to the August 12 killing of tourists.", None),
    ("The clash on the 12 August was deadly.", ("2020-08-12", "day")),
    # what one said would happen is ahead; what happened, said after a comma, is not
    ("Ruto said he would convene a summit on Friday.", ("2020-08-28", "day")),
    ("Armenia would not accept it, Pashinyan said on Monday.", ("2020-08-24", "day")),
    # (and what is expected, not what was: "were expected to begin on Monday")
    ("Talks are expected to begin on Monday.", ("2020-08-31", "day")),
    ("Talks, which were expected to begin on Monday, stalled.", ("2020-08-24", "day")),
])
def test_date_words_of_the_night_and_the_month(words, day):
    from geomap.extraction.dates import find_date

    found = find_date(words, "2020-08-26")  # (a Wednesday)
    assert (found[:2] if found else None) == day


def test_role_parties_and_third_parties():
    text = ("Kyrgyz and Tajik troops clashed near Vorukh. Russia urged both sides to show "
            "restraint.")
    report, sent, speech = _last(text)
    assert rules.role("RU", "", report.focus[1], sent, report) == "reaction"
    assert rules.role("KG", "TJ", report.focus[1], sent, report) == "incident"
    # the report's own voice: the role of the sentence's subject
    report, sent, _ = _last(text + " Russian troops were deployed near Vorukh.")
    assert rules.role("PRESS", "RU", report.focus[1], sent, report) == "reaction"
    report, sent, _ = _last(text + " Satellite images reportedly showed new Tajik trenches "
                            "near Vorukh.")
    assert rules.role("PRESS", "TJ", report.focus[1], sent, report) == "incident"


def test_each_of_two_sides_that_accuse_each_other_has_a_claim():
    doc = Document(text="BISHKEK, May 1 (Test Wire) - Kyrgyzstan and Tajikistan accused each "
                        "other on Saturday of breaching the ceasefire near Vorukh.",
                   name="t.txt", published="2021-05-01")
    from geomap.api import extract

    assert sorted(c.claimant_side for c in extract(doc)) == ["KG", "TJ"]


def test_one_speaker_with_an_appositive_is_not_two_who_accuse():
    doc = Document(text="Armenian Prime Minister Nikol Pashinian said the Security Council "
                        "members should communicate with each other. Israel, Hezbollah trade "
                        "blame after an incident near Kfar Kila.",
                   name="t.txt", published="2021-05-01")
    from geomap.api import extract

    sides = [c.claimant_side for c in extract(doc)]
    assert sides.count("AM") == 1 and sorted(sides[1:]) == ["IL", "LB"]


def _claims_of(text: str, published: str) -> list:
    """The claims geomap.extract finds in a report of these words."""
    from geomap.api import extract

    return extract(Document(text=text, name="t.txt", published=published))


def _first(claims: list, start: str, by: str = "text"):
    """The first of the claims whose ``by`` (its text, its claimant) begins with ``start``."""
    return next(c for c in claims if getattr(c, by).startswith(start))


def test_a_denial_is_where_the_charge_is_and_the_report_moves_on_to_the_day_said():
    text = ("KHARTOUM, Jan 14 (Test Wire) - An Amhara official said Sudanese troops shot three "
            "farmers near Metema on Sunday, a charge Khartoum denied. Chinese spokesman Zhao "
            "Lijian told a briefing on "
            "Tuesday that troops crossed on Monday. He added that talks went well.")
    claims = _claims_of(text, "2021-01-14")
    denial = next(c for c in claims if c.stance == "denies")
    assert (denial.claimant_side, denial.place) == ("SD", next(
        c.place for c in claims if c.claimant_side == "ET"))
    crossed, added = claims[-2], claims[-1]
    assert (crossed.date, added.date) == ("2021-01-11", "2021-01-12")


def test_a_clause_that_names_no_place_is_where_the_sentence_said_not_the_reports_place():
    text = ("Indian and Chinese troops face off again in eastern Ladakh\n\n"
            "NEW DELHI, Jan 25 (Test Wire) - Indian and Chinese soldiers had a minor face-off "
            "at Naku La in north Sikkim on January 20, the Indian Army said, adding that the "
            "situation had been resolved by local commanders. Chinese troops were also seen "
            "in the area, the army said.")
    claims = _claims_of(text, "2021-01-25")
    first = [c for c in claims if "Naku La" in c.text]
    assert len(first) == 2 and {c.place_id for c in first} == {"in-naku-la"}, first
    assert "place from the clause before" in first[1].check
    assert first[1].confidence < first[0].confidence  # (an inference, counted as such)
    # a sentence of its own that names no place: still the report's place
    seen = _first(claims, "Chinese troops were also seen")
    assert "place from the report's focus" in seen.check


def test_a_wide_region_the_report_names_again_and_again_is_its_place_not_a_town_named_once():
    # (a region of one country over 100 km across was never the report's place: a town
    # named once, where a command might one day be based, had become every claim's place)
    text = ("CARACAS, Dec 6 (Test Wire) - Venezuela accused Guyana on Wednesday of provoking "
            "tension over the Essequibo. Maduro said a command for the Essequibo would sit in "
            "Tumeremo. Guyana said the Essequibo was its own. The ministry said talks must go "
            "on. Both sides have argued over the Essequibo for a century.")
    claims = _claims_of(text, "2023-12-06")
    talks = _first(claims, "The ministry said")
    assert talks.place_id == "gy-guayana-esequiba" and "place from the report's focus" in \
        talks.check, talks
    # ... but a place of its own named twice is still the report's, before a wide one
    claims = _claims_of(text.replace("Both sides", "Troops in Tumeremo wait. Both sides"),
                        "2023-12-06")
    assert _first(claims, "The ministry said").place_id == "ve-tumeremo"


def test_a_denial_in_a_sentence_of_its_own_is_where_the_charge_it_denies_was():
    text = ("Fighting broke out near Vorukh on Thursday.\n\n"
            "The Kyrgyz border service accused Tajik forces of seizing a water intake near "
            "Golovnoi. Tajik officials said two people were killed. Tajikistan's border "
            "service denied the accusation. Kyrgyzstan denied it too.")
    claims = _claims_of(text, "2021-04-30")
    charge = _first(claims, "The Kyrgyz border service")
    denial = _first(claims, "Tajikistan's border service")
    assert (charge.claimant_side, denial.claimant_side, denial.stance) == ("KG", "TJ", "denies")
    assert denial.place_id == charge.place_id == "kg-golovnoi-water-intake", (charge, denial)
    assert "place from the charge denied" in denial.check
    # a side does not deny its own charge: no charge of the other side, the report's place
    own = _first(claims, "Kyrgyzstan denied")
    assert own.place_id != charge.place_id and "place from the report's focus" in own.check


@pytest.mark.parametrize("who", ["officials from both countries",
                                 "the militaries of the two sides"])
def test_speakers_of_both_sides_make_a_claim_of_each_party(who):
    text = ("BISHKEK, April 29 (Test Wire) - At least 13 people were killed on Thursday in clashes "
            f"between Kyrgyz and Tajik border troops near Kok-Tash, {who} said.")
    claims = _claims_of(text, "2021-04-29")
    assert [(c.claimant_side, c.place_id) for c in claims] == [("KG", "kg-kok-tash"),
                                                                ("TJ", "kg-kok-tash")]
    assert len({c.id for c in claims}) == 2 and all("side from the parties" in c.check
                                                    for c in claims)
    assert [c.claimant for c in claims] == [f"{who} (KG)", f"{who} (TJ)"]


@pytest.mark.parametrize("who, side", [("Indian government sources", "IN"),
                                       ("diplomatic sources", "IN"),
                                       ("China's state news agency Xinhua", "CN"),
                                       ("witnesses in Ladakh", "IN")])
def test_sources_speak(who, side):
    report, sent, speech = _last("NEW DELHI, June 17 (Test Wire) - Chinese troops attacked an "
                                 f"Indian patrol in the Galwan Valley, {who} said.",
                                 "2020-06-17")
    assert speech.claimant == who and rules.side(speech, report, sent)[0] == side


def test_the_datelines_city_and_date_are_not_where_it_happened():
    claims = _claims_of("SRINAGAR, Nov 13 (Test Wire) - Pakistani troops shelled Indian posts, "
                        "the Indian Army said. Shelling went on near Uri on Friday, the army "
                        "said.", "2020-11-13")
    # (not Srinagar, where the report was filed, nor Nov, a town in Tajikistan: Uri, the
    # report's place)
    assert [c.place_id for c in claims] == ["in-uri", "in-uri"]
    assert "place from the report's focus" in claims[0].check


def test_a_month_beside_a_days_number_is_a_date_not_a_place():
    doc = Document(text="Troops shelled Nov on 13 May. On Mar 3 and Nov 13, and on 4th Aug, "
                        "it was quiet.", name="t.txt")
    assert [m.surface for m, _ in find_places(doc)] == ["Nov"]  # (the town in Tajikistan)


def test_a_place_before_a_verb_of_saying_is_a_place_where_a_preposition_says_so():
    doc = Document(text="The de facto authorities in Tskhinvali said the man crossed into South "
                        "Ossetia. Porter said so too.", name="t.txt")
    found = [(m.surface, r.place.id if r.resolved else None) for m, r in find_places(doc)]
    assert found == [("Tskhinvali", "geonames:611403"), ("South Ossetia", "ge-south-ossetia")]


def test_calling_it_something_is_no_call():
    report, sent, speech = _last("Russian border guards detained a Georgian near Gori, Georgia's "
                                 "foreign ministry said, calling it an illegal abduction.")
    clauses = list(rules.clauses(sent, speech))
    assert len(clauses) == 2
    a, b, lead = clauses[1]
    assert rules.stance(sent, speech, a, b, lead) == "asserts"


def test_the_event_of_words_said_before_their_speaker_is_in_those_words():
    claims = _claims_of("\"Azerbaijani troops have crossed into Armenian territory,\" French "
                        "President Emmanuel Macron tweeted after a phone call with Pashinyan. "
                        "\"Talks are going on,\" Armenia's deputy prime minister told reporters "
                        "in Syunik, where troops advanced.", "2021-05-13")
    assert [c.event for c in claims] == ["incursion", "talks"]


def test_a_clause_that_names_forces_of_its_own_has_them_as_its_actor():
    claims = _claims_of("\"No Ethiopian aircraft has violated Sudanese airspace,\" Ethiopia's "
                        "foreign ministry spokesman said on Thursday, accusing Sudan's army of "
                        "seizing land near al-Fashaga.", "2021-01-15")
    assert [(c.stance, c.actor) for c in claims] == [("denies", "Ethiopian aircraft"),
                                                     ("asserts", "Sudan's army")]


def test_residents_speak_for_the_place_their_sentence_names_before_the_last_named():
    claims = _claims_of("Kyrgyz officials said houses burned in Maksat. Shooting went on near "
                        "Vorukh on Friday, residents told Test Wire by phone.", "2021-04-30")
    residents = _first(claims, "residents", "claimant")
    assert (residents.claimant_side, residents.event) == ("TJ", "shelling")


def test_calling_a_report_a_lie_denies_it_and_its_spokeswoman_speaks_for_that_body():
    claims = _claims_of("BAKU, July 28 (Test Wire) - Azerbaijan's defence ministry said units of "
                        "the Armenian armed forces fired on positions near Kalbajar. The Armenian "
                        "Defence Ministry called the report disinformation. Its spokeswoman "
                        "Shushan Stepanyan said Azerbaijani units opened fire first, killing "
                        "three Armenian soldiers.", "2021-07-28")
    charge = _first(claims, "Azerbaijan's defence ministry", "claimant")
    assert (charge.actor, charge.claimant_side) == ("units of the Armenian armed forces", "AZ")
    denial = _first(claims, "Armenian Defence Ministry", "claimant")
    assert (denial.claimant_side, denial.stance) == ("AM", "denies")
    her = [c for c in claims if c.claimant.startswith("Its spokeswoman")]
    assert her and all(c.claimant_side == "AM" and "side from 'Its'" in c.check for c in her)
    # those killed in her words are not who fired
    assert {c.actor for c in her} == {"Azerbaijani units"}


@pytest.mark.parametrize("words", ["called the claims lies", "branded the report as fake news",
                                   "described the accusation as baseless"])
def test_a_lie_called_so_is_a_denial(words):
    report, sent, speech = _last(f"Kyrgyzstan said Tajik troops crossed. Tajikistan {words}.")
    assert (speech.claimant, rules.stance(sent, speech)) == ("Tajikistan", "denies")


def _who(text: str, published: str, *more: str) -> list[tuple]:
    """(claimant, side, and the fields ``more`` names) of each claim geomap.extract finds
    in a report of these words."""
    return [(c.claimant, c.claimant_side, *(getattr(c, f) for f in more))
            for c in _claims_of(text, published)]


UNKNOWN = rules.UNKNOWN_SIDE  # (the side of one whose side no rule tells: "side not found")


def _sided(pairs: list[tuple]) -> list[tuple]:
    """The (claimant, side, ...) whose side was found: a claim of one whose side no rule
    tells is still made, of side UNKNOWN, and these leave it out."""
    return [p for p in pairs if p[1] != UNKNOWN]


def test_one_quoted_as_saying_speaks_not_the_agency_nor_the_datelines_city():
    assert _who("MOSCOW, May 14 (Test Wire) - Interfax quoted an Armenian defence ministry "
                "source as saying that Azerbaijani troops had advanced near Sotk. Azerbaijan's "
                "President Ilham Aliyev was quoted by state media as saying his troops were on "
                "Azerbaijani soil.", "2021-05-14") == [
        ("an Armenian defence ministry source", "AM"),
        ("Azerbaijan's President Ilham Aliyev", "AZ")]


def test_a_spokeswoman_of_the_body_named_before_speaks_for_its_side_not_the_datelines():
    text = ("YEREVAN, May 13 (Test Wire) - Armenia said Azerbaijani troops crossed near Sev "
            "Lich. Azerbaijan's foreign ministry rejected the accusation. \"Our border guards "
            "are on our own territory,\" ministry spokeswoman Leyla Mammadova said. The "
            "Collective Security Treaty Organisation said it was following the situation.")
    claims = _claims_of(text, "2021-05-13")
    her = _first(claims, "ministry spokeswoman", "claimant")
    assert (her.claimant_side, "side from the body named before" in her.check) == ("AZ", True)
    csto = _first(claims, "Collective Security", "claimant")
    assert csto.claimant_side == "CSTO"  # (its British spelling too; not the dateline's)


def test_forces_named_with_border_are_a_sides_forces():
    report, _ = _read("Kyrgyz and Tajik border troops clashed near Kok-Tash.")
    assert report.parties == {"KG", "TJ"}


def test_a_speaker_we_cannot_tell_is_no_claim_of_the_report():
    # "Hospital bosses said": somebody speaks, not the publisher; a passive ("were
    # announced") and a hedge ("could not independently verify") are the report's own
    from geomap.api import extract

    def claims(text):
        return [(c.claimant_side, c.stance) for c in extract(Document(
            text=text, name="t.txt", published="2021-05-01", publisher="Test Wire"))]

    assert claims("Hospital bosses said the wounded guard from Kok-Tash was stable.") == []
    assert claims("No agreements on Kok-Tash were announced afterwards.") == [
        ("PRESS", "asserts")]
    assert claims("A video posted on Facebook, which Test Wire could not independently "
                  "verify, showed tanks near Kok-Tash.") == [("PRESS", "reports")]


def test_a_speaker_after_a_comma_ends_the_clause_before_it():
    # "..., Tajikistan said": the clause names a place before the comma, which is no part of
    # the speaker; a list or an appositive from the sentence's start still is
    report, sent, speech = _last("Kyrgyz troops shelled homes in Vorukh, Tajikistan said.")
    assert (speech.claimant, rules.side(speech, report, sent)[0]) == ("Tajikistan", "TJ")
    report, sent, speech = _last("Kyrgyzstan, Tajikistan trade blame after a clash in Vorukh.")
    assert speech.claimant == "Kyrgyzstan, Tajikistan"


def test_troops_that_faced_off_are_a_claim_at_each_place_in_the_province():
    # (sentences written for this test) a standoff the report states is an event; the
    # province is no place of its own beside the places recorded as in it, however long
    report, sent, speech = _last("Thousands of Indian and Chinese troops have faced off at "
                                 "several points in Ladakh, including the Galwan Valley and "
                                 "Pangong Tso.")
    assert speech is not None and speech.how == "narration"
    assert rules.EVENT_RX.search(sent.text).lastgroup == "deployment"
    assert [s for _, s, _ in rules.place(sent, speech, "", report)] == ["Galwan Valley",
                                                                      "Pangong Tso"]


def test_place_not_the_one_who_did_it():
    report, sent, speech = _last("Indian and Chinese troops clashed in the Galwan Valley on "
                                 "Monday. India said the clash was planned by China.")
    assert report.parties == {"IN", "CN"}  # (China is a party: a place it might have been)
    assert [s for _, s, _ in rules.place(sent, speech, "", report)] == ["Galwan Valley"]


def test_it_is_the_army_that_spoke_before_and_he_its_spokesman():
    # (sentences written for this test) an army, a police or a ministry is a body ("it"),
    # even named in two capitalised words; one of its people ("spokesman ...") is a person
    report, sent, speech = _last("India and China traded accusations on Wednesday. The Indian "
                                 "Army said 20 soldiers had died in Galwan. It said troops from "
                                 "both sides had disengaged.")
    assert speech.claimant == "Indian Army" and speech.inferred == "It"
    assert rules._is_person("Dina Mufti, foreign ministry spokesman")
    assert rules._is_person("Indian Army spokesman Aman Anand")
    assert not rules._is_person("New York Police Department")


def test_a_sentence_said_to_say_nothing_at_a_glance_has_no_speaker():
    # _may_speak is one look for the words speaker() needs; where it finds none, speaker()
    # finds nobody, in every sentence of the other borders' reports and the fixture
    from pathlib import Path

    from .conftest import FIXTURE_REPORT

    assert all(k.word_start for k in (rules._VERBS, rules._HEDGE, rules._EVENT))
    paths = sorted((Path(__file__).parents[1] / "bench" / "reports").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    if FIXTURE_REPORT.exists():
        texts.append(FIXTURE_REPORT.read_text(encoding="utf-8"))
    texts.append("İstanbul said. “Troops left. They went home,” he said. It was pictured.")
    quiet = 0
    for text in texts:
        report, sents = _read(text)
        for sent in sents:
            if not rules._may_speak(sent):
                quiet += 1
                assert rules.speaker(sent, report) is None, sent.text
            rules.claims_in(sent, report)
    assert quiet > 10  # (the look does pass sentences over)


def _claims(text: str) -> list:
    report, sents = _read(text)
    return [c for sent in sents for c in rules.claims_in(sent, report)]


def _said(text: str) -> list[tuple[str, str]]:
    """(claimant, side) of each claim the rules read in these words."""
    return [(c.claimant, c.claimant_side) for c in _claims(text)]


def test_what_came_of_an_act_is_part_of_its_claim():
    # ", killing two villagers" tells what the shelling did: no second claim of it, where
    # that clause would take the place, the forces and the speaker of the one before
    one = _claims("BANGKOK, July 24 (Test Wire) - The Thai army said Cambodian forces fired "
                  "rockets at a civilian area in Surin province, killing at least two "
                  "villagers.")
    assert [(c.claimant, c.event, c.actor, c.place, c.check) for c in one] == [
        ("Thai army", "shelling", "Cambodian forces", "th-surin-province", "")]
    # what came of it somewhere else is a claim of its own, there
    two = _claims("BISHKEK, May 1 (Test Wire) - Kyrgyzstan's border service said Tajik troops "
                  "shelled a post near Vorukh, killing two soldiers in Kok-Tash.")
    assert len({c.place for c in two}) == len(two) == 2
    # and a clause that says more ("adding that") stays a claim, though it reads the same
    more = _claims("BANGKOK, July 24 (Test Wire) - The Thai army said Cambodian forces shelled "
                   "Surin province, adding that Cambodian forces had shelled it before.")
    assert len(more) == 2


def test_a_demonym_two_countries_share_is_the_side_the_report_names():
    from geomap.extraction.sides import side_in

    # "Congolese" is the demonym of CD and of CG: the one the report names, else the first
    assert side_in("Congolese army spokesman") == "CD"
    assert side_in("Congolese army spokesman", {"brazzaville": "CG"}) == "CG"
    assert side_in("Congolese army spokesman", {"goma": "CD", "kigali": "RW"}) == "CD"
    got = _claims("BRAZZAVILLE, March 3 (Test Wire) - The Republic of the Congo said on "
                  "Monday that troops had crossed the river. A Congolese army spokesman "
                  "said soldiers fired near the border.")
    assert {c.claimant_side for c in got} == {"CG"}


@pytest.mark.parametrize("who, side", [("Taliban", "AF"), ("Hamas", "PS"), ("Houthi", "YE")])
def test_a_movement_that_speaks_is_its_side_not_a_town_abroad(who, side):
    # "Taliban" and "Hamas" are alternate names of towns in Turkey and Germany (GeoNames):
    # before a spokesman they were read as those towns, and the speaker took their side
    text = (f"ISLAMABAD, Oct 12 (Test Wire) - {who} spokesman Ahmed Karim said in a statement "
            "that forces had attacked a border post near Chaman.")
    report, sents = _read(text)
    assert [m.surface for m, r in sents[0].mentions if r.resolved] == ["ISLAMABAD", "Chaman"]
    assert {c.claimant_side for c in rules.claims_in(sents[0], report)} == {side}


def test_residents_of_a_place_speak_of_it():
    # a place's kind after its name is part of who speaks ("in Sisaket province"), and
    # what residents tell, where the sentence names no other place, happened at theirs
    got = _claims("BANGKOK, July 24 (Test Wire) - Thai and Cambodian troops clashed near "
                  "Surin. Residents in Sisaket province said they heard heavy shelling "
                  "overnight.")[-1]
    assert (got.claimant, got.claimant_side, got.event, got.place) == (
        "Residents in Sisaket province", "TH", "shelling", "th-sisaket-province")
    assert "place from the speaker's words" in got.check
    # where they are, said aside, is theirs: not the speaker, nor the claim's place
    got = _claims("ISLAMABAD, Oct 12 (Test Wire) - Afghan and Pakistani forces exchanged fire "
                  "at Torkham. Residents of Spin Boldak, across the border from the Pakistani "
                  "town of Chaman, said shops were closed and shelling went on.")[-1]
    assert (got.claimant, got.claimant_side, got.place) == (
        "Residents of Spin Boldak", "AF", "af-spin-boldak")
    # and "in the Batken region" is part of who speaks
    report, sent, speech = _last("BISHKEK, May 1 (Test Wire) - Kyrgyz and Tajik troops clashed "
                                 "near Kok-Tash. Officials in the Batken region said shelling "
                                 "went on.")
    assert speech.claimant == "Officials in the Batken region"


@pytest.mark.parametrize("words, event", [
    ("sent fighter jets to strike military targets near the temple", "shelling"),
    ("carried out air strikes near the temple", "shelling"),
    ("bombed a post near the temple", "shelling"),
    ("said its soldiers came under fire near the temple", "shelling"),
    ("launched the attack first near the temple", "clash"),
    ("exchanged heavy fire near the temple", "clash"),
    ("violated Cambodian territory near the temple", "incursion"),
    ("were crossing into Thailand near the temple", "incursion"),
    ("pushed into Thailand's Surin province", "incursion"),
    # (a border crossing's name is no crossing: "the Torkham crossing" was an incursion;
    # closing it is an act, "other")
    ("closed the Torkham crossing near the temple", "other"),
    ("guarded the Torkham crossing near the temple", "statement"),
    ("had struck six locations in Thailand with missiles", "shelling"),
    ("exchanged heavy artillery fire with Thai troops", "clash"),
    ("fought a gunfight at the temple", "clash"),
    ("said two rockets fell near the village", "shelling"),
    ("had repelled an attack on a post near the temple", "clash"),
    ("had repelled Thai troops near the temple", "clash"),
    ("repulsed two Thai assaults near the temple", "clash"),
])
def test_events_from_the_air_under_fire_and_launched(words, event):
    got = _claims(f"BANGKOK, July 24 (Test Wire) - The Thai army said Cambodian troops {words}.")
    assert {c.event for c in got} == {event}


def test_what_was_struck_does_not_act():
    got = _claims("BANGKOK, July 24 (Test Wire) - Thailand said it had sent fighter jets to "
                  "strike Cambodian military targets near the Preah Vihear temple.")
    assert got and all(c.actor != "Cambodian military" for c in got)


def test_where_it_was_said_and_a_place_named_to_say_where_another_is():
    # "U.N." ends no clause, and where it was told is not where it happened
    got = _claims("KINSHASA, Jan 26 (Test Wire) - Rwandan troops crossed into Congo near Goma. "
                  "\"This is a declaration of war,\" Foreign Minister Therese Wagner told the "
                  "U.N. Security Council in New York.")
    assert [(c.claimant, c.place) for c in got if "Wagner" in c.claimant] == [
        ("Foreign Minister Therese Wagner", "cd-goma")]
    # "in Rubavu, across the border from Goma": Rubavu; and the clause that says more has
    # its own forces, and what came of their shelling is the same claim
    got = _claims("KIGALI, Jan 26 (Test Wire) - Rwanda's government spokeswoman Yolande Makolo "
                  "denied that Rwandan troops were fighting in Congo and said Congolese shells "
                  "had landed in Rubavu, across the border from Goma, killing five civilians.")
    assert [(c.stance, c.event, c.actor, c.place) for c in got] == [
        ("denies", "clash", "Rwandan troops", "country:CD"),
        ("asserts", "shelling", "Congolese shells", "rw-gisenyi")]


def test_warplanes_that_struck_army_posts_act_and_a_source_cited_speaks_for_its_citer():
    got = _claims("JERUSALEM, April 2 (Test Wire) - Israeli warplanes struck Syrian army positions "
                  "near Quneitra, the Israeli military said. Syria's state news agency SANA, "
                  "citing a military source, said Israeli aircraft had targeted sites near "
                  "Daraa. The source said Syrian air defences had shot down most of the "
                  "missiles.")
    assert [(c.claimant_side, c.event, c.actor) for c in got[:2]] == [
        ("IL", "shelling", "Israeli warplanes"), ("SY", "shelling", "Israeli aircraft")]
    assert (got[-1].claimant, got[-1].claimant_side) == (
        "military source cited by Syria's state news agency SANA", "SY")


@pytest.mark.parametrize("text, charge, denial", [
    # "denied the accusation" names no event: it denies the charge's (a clash), where it was
    ("BANGKOK, July 24 (Test Wire) - Cambodia's defence ministry said Thai troops had "
     "launched the attack in Oddar Meanchey province. Thailand denied the accusation.",
     ("KH", "asserts", "clash"), ("TH", "denies", "clash")),
    # it names a country, not an event: it denies the clash the other side charged
    ("PRISTINA, Sept 24 (Test Wire) - Kosovo police said gunmen attacked a patrol in Banjska. "
     "Serbian President Aleksandar Vucic denied that Serbia was behind the attack.",
     ("XK", "asserts", "clash"), ("RS", "denies", "clash")),
])
def test_a_denial_with_no_event_of_its_own_denies_the_charged_event(text, charge, denial):
    got = _claims(text)
    assert [(c.claimant_side, c.stance, c.event) for c in got] == [charge, denial]
    assert got[1].place == got[0].place


def test_a_speaker_with_its_acronym_in_brackets():
    report, sent, speech = _last("PRISTINA, Sept 24 (Test Wire) - Gunmen attacked a patrol in "
                                 "Banjska. NATO peacekeepers in Kosovo (KFOR) said they were "
                                 "ready to act.")
    assert (speech.claimant, rules.side(speech, report, sent)[0]) == (
        "NATO peacekeepers in Kosovo", "NATO")


def test_a_denial_denies_the_other_sides_charge_of_what_it_denies():
    # Pakistan denies targeting civilians (a shelling): India's charge of shelling, at
    # Poonch, though Pakistan's own charge (Muzaffarabad) was made after it
    got = _claims("ISLAMABAD, May 8 (Test Wire) - The Indian army said Pakistani troops fired "
                  "mortar shells at villages in Poonch. Pakistan's military said Indian "
                  "missiles struck six locations in Muzaffarabad. Pakistan denied that its "
                  "forces had targeted civilians.")
    denial = got[-1]
    assert (denial.claimant_side, denial.stance, denial.event, denial.place) == (
        "PK", "denies", "shelling", "in-poonch")
    assert "place from the charge denied" in denial.check


def test_at_sea_a_coast_guard_speaks_and_its_ships_act_at_a_shoal_each_side_names():
    got = _claims("MANILA, June 17 (Test Wire) - Chinese coast guard ships rammed and boarded "
                  "Philippine navy boats near Ayungin Shoal, the Philippine military said. "
                  "China's coast guard said the Philippine vessels had approached Chinese "
                  "ships near Ren'ai Reef.")
    assert [(c.claimant, c.claimant_side, c.event, c.actor, c.place) for c in got] == [
        ("Philippine military", "PH", "clash", "Chinese coast guard ships",
         "rg-second-thomas-shoal"),
        ("China's coast guard", "CN", "statement", "Philippine vessels",
         "rg-second-thomas-shoal")]
    assert all("side from" not in c.check for c in got)  # ("Philippine": PH, said)


def test_a_governor_speaks_and_across_the_border_said_aside_is_no_incursion():
    got = _claims("MOSCOW, Aug 7 (Test Wire) - Ukrainian troops crossed into Russia's Kursk "
                  "region. Acting governor Alexei Smirnov said five civilians had been killed "
                  "by Ukrainian shelling. In Sumy, across the border, Ukrainian authorities "
                  "ordered the evacuation of residents.")
    assert [(c.claimant, c.claimant_side, c.event) for c in got][-2:] == [
        ("Acting governor Alexei Smirnov", "RU", "casualties"),
        ("Test Wire", "PRESS", "other")]


def test_fire_from_a_sides_side_of_the_border_is_that_sides():
    got = _claims("GEORGETOWN, Feb 17 (Test Wire) - Guyana's defence force said soldiers on the "
                  "Cuyuni river came under fire from the Venezuelan side of the border.")
    assert [(c.event, c.actor) for c in got] == [("shelling", "Venezuelan side")]


def test_a_capital_that_accuses_speaks_for_its_government_and_in_a_statement_is_no_name():
    text = ("NEW DELHI, June 17 (Test Wire) - Chinese and Indian troops clashed in the Galwan "
            "Valley. Beijing accused New Delhi of sending troops across the line. In a "
            "statement, India's defence ministry said Chinese troops had attacked a patrol.")
    got = [(c.claimant, c.claimant_side) for c in _claims(text)]
    assert got[-2:] == [("Beijing", "CN"), ("India's defence ministry", "IN")]


def test_two_tolls_an_ombudsman_and_a_president_speaking_in_his_capital():
    head = "YEREVAN, May 14 (Test Wire) - Azerbaijani troops advanced into Syunik. "
    toll = _claims(head + "Kyrgyz officials put the death toll at 36; Tajik officials said "
                          "19 had died.")
    wounded = _claims(head + "Kyrgyzstan's health ministry put the number of wounded at 150.")
    assert [(c.claimant, c.claimant_side) for c in wounded if c.span_start > 60] == [
        ("Kyrgyzstan's health ministry", "KG")]
    assert [(c.claimant, c.claimant_side) for c in toll if c.span_start > 60] == [
        ("Kyrgyz officials", "KG"), ("Tajik officials", "TJ")]
    aliyev = _claims(head + "Speaking to reporters in Baku, Deputy Prime Minister Samir "
                            "Mammadov said "
                            "Azerbaijani troops were on Azerbaijani land.")[-1]
    assert (aliyev.claimant_side, "side from where they spoke" in aliyev.check) == ("AZ", True)
    ombudsman = _claims(head + "The Armenian ombudsman, Arman Tatoyan, said villagers had been "
                               "threatened.")[-1]
    assert (ombudsman.claimant, ombudsman.claimant_side) == (
        "Arman Tatoyan, Armenian ombudsman", "AM")


def test_the_country_reminded_or_warned_is_not_where_it_happened():
    got = _claims("MANILA, June 17 (Test Wire) - Chinese coast guard ships rammed Philippine "
                  "boats at the Second Thomas Shoal, the Philippine military said. The United "
                  "States said it stood with its ally and reminded China of the 1951 treaty.")
    assert got[-1].place == "rg-second-thomas-shoal"


@pytest.mark.parametrize("text", ["Residents in the asked for help.", "Those in the said so.",
                                  "Officials in the and said nothing."])
def test_a_speaker_phrase_that_ends_in_the_before_the_verb_is_read_without_error(text):
    # ("in" then "the", last before the verb: the phrase's look back at the word before
    # "the" found none)
    _claims("BISHKEK, May 1 (Test Wire) - Troops clashed near Kok-Tash. " + text)


@pytest.mark.parametrize("text, claimant, side", [
    # an aide to the president speaks, not the president; and "said Armenian forces ..."
    # after the president's name says nothing of his side
    ("BAKU, Sept 13 (Test Wire) - Azerbaijani forces shelled Jermuk, the Armenian defence "
     "ministry said. Hikmet Hajiyev, an aide to President Ilham Aliyev, said Armenian forces "
     "shelled Lachin.", "Hikmet Hajiyev, aide to President Ilham Aliyev", "AZ"),
    # "quoted X, Name, as saying": X speaks (not the agency's country, nor the dateline's)
    ("ISLAMABAD, Jan 18 (Test Wire) - Pakistan struck militant hideouts in Iran. Iran's state "
     "news agency IRNA quoted the deputy governor of Sistan-Baluchestan, Alireza Marhamati, as "
     "saying that several missiles hit a village near Saravan.",
     "the deputy governor of Sistan-Baluchestan, Alireza Marhamati", "IR")])
def test_who_speaks_is_the_name_not_the_one_it_is_said_of(text, claimant, side):
    last = _claims(text)[-1]
    assert (last.claimant, last.claimant_side) == (claimant, side)


_TUAREG = "Tuareg rebels of the Strategic Framework for the Defence of the People of Azawad"


def test_the_words_that_say_which_body_or_group_speaks():
    # the words before a body that say which ("transitional"); and an armed group named
    # whole, which no side the report gives speaks for: side not found, rather than the
    # dateline's side (it was "of the Strategic Framework ...", Mali's)
    assert _said("BAMAKO, April 6 (Test Wire) - Mali's transitional government accused "
                 "Algeria of shooting down a Malian army drone near Kidal. Tuareg rebels of the "
                 "Strategic Framework for the Defence of the People of Azawad said the drone "
                 "was about to strike civilians in Kidal. Rebels said on Tuesday they had shot "
                 "down a drone near Kidal.") == [("Mali's transitional government", "ML"),
                                                 (_TUAREG, UNKNOWN), ("Rebels", UNKNOWN)]
    from geomap.extraction.claims import _subject

    assert _subject("Tuareg rebels of the Strategic Framework for the Defence of the People of "
                    "Azawad ") == ("Tuareg rebels of the Strategic Framework for the Defence "
                                   "of the People of Azawad")


def test_an_acronym_the_report_defines_speaks_for_its_body():
    # "the JCS" is the Joint Chiefs of Staff the report named before: a body with no country
    # in its name, of the dateline's side (as an official's); and "fired warning shots" says
    # nothing (not "warning" someone)
    got = _claims("SEOUL, June 20 (Test Wire) - South Korean troops fired warning shots after "
                  "North Korean soldiers crossed the border, the Joint Chiefs of Staff (JCS) "
                  "said. About 20 North Korean soldiers crossed about 20 metres into the South "
                  "near Cheorwon, the JCS said.")
    assert [(c.claimant, c.claimant_side) for c in got] == [
        ("Joint Chiefs of Staff", "KR"), ("JCS", "KR")]
    assert got[-1].actor == "North Korean soldiers" and got[-1].event == "incursion"
    assert all("side from the dateline" in c.check for c in got)


def test_a_person_named_with_a_trade_is_of_the_place_they_are_at():
    got = _claims_of("ISLAMABAD, Jan 18 (Test Wire) - Iranian missiles struck a village near "
                     "Panjgur. \"We heard three explosions and then the mosque was on fire,\" "
                     "said Abdul Ghani, a shopkeeper.", "2024-01-18")
    assert [(c.claimant, c.claimant_side) for c in got][-1] == ("Abdul Ghani, a shopkeeper",
                                                                 "PK")
    assert "side from the place" in got[-1].check


def test_the_lead_after_a_dateline_is_the_reports_own_word():
    # (the dateline's dash is no caption's)
    got = _claims("ISLAMABAD, Jan 18 (Test Wire) - Pakistan carried out military strikes "
                  "against militant hideouts in Iran's Sistan-Baluchestan province early on "
                  "Thursday.")
    assert [(c.claimant_side, c.stance, c.event, c.place) for c in got] == [
        ("PRESS", "asserts", "shelling", "geonames:1159456")]


@pytest.mark.parametrize("words, event", [
    ("carried out precision military strikes on hideouts", "shelling"),
    ("struck militant hideouts", "shelling"),
    ("fired first at the post", "shelling"),
    ("shot down a drone", "shelling"),
    ("downed an armed reconnaissance drone", "shelling"),
    ("exchanged heavy gunfire with the guards", "clash"),
    ("committed an unprovoked violation of its airspace", "incursion"),
    # a place taken is an incursion; people taken are not
    ("captured Heglig", "incursion"), ("had taken control of the oil field", "incursion"),
    ("seized two border posts", "incursion"), ("recaptured the town", "incursion"),
    ("captured 32 people", "statement"), ("seized weapons", "other"),
    # land seized is an incursion (a water point seized, "other")
    ("seized Afghan land", "incursion"), ("seized a water distribution point", "other"),
])
def test_strikes_gunfire_and_violations_of_airspace(words, event):
    got = _claims(f"KABUL, May 27 (Test Wire) - The Afghan army said Iranian forces {words} "
                  "near Zaranj.")
    assert {c.event for c in got} == {event}


def test_said_in_a_capital_and_the_country_that_acts_is_not_where():
    got = _claims_of("YEREVAN, Sept 13 (Test Wire) - Azerbaijani forces shelled Jermuk, "
                     "Armenia's defence ministry said. The ministry said Azerbaijan used "
                     "artillery against civilian targets. \"Armenia is trying to drag the region "
                     "into a new war,\" Elnur Guliyev, a presidential aide, said "
                     "in Baku.", "2022-09-13")
    # Azerbaijan used the artillery: the shelling is where the report is, not Azerbaijan
    assert [c.place_id for c in got if c.text.startswith("The ministry")] == ["am-jermuk"]
    # an aide named with no country, who said it in Baku: Azerbaijan's
    aide = got[-1]
    assert (aide.claimant_side, "side from where they spoke" in aide.check) == ("AZ", True)


def test_a_month_said_beside_the_day_leaves_the_day_to_the_sentences_after():
    # ", the second such incident this month" gives no day: the report's time is Tuesday
    got = _claims_of("SEOUL, June 20 (Test Wire) - North Korean soldiers crossed the border "
                     "on Tuesday, the Joint Chiefs of Staff (JCS) said, the second such "
                     "incident this month. About 20 North Korean soldiers crossed about 20 "
                     "metres into the South near Cheorwon, the JCS said.", "2024-06-20")
    assert [(c.date, c.date_precision) for c in got] == [("2024-06-18", "day")] * 2


def test_the_side_accused_acts_not_the_forces_it_acted_on():
    got = _claims("BAMAKO, April 6 (Test Wire) - Mali's transitional government accused "
                  "Algeria on Sunday of shooting down a Malian army drone near Kidal.")
    assert [(c.actor, c.event) for c in got] == [("Algeria", "shelling")]


def test_a_place_two_namesakes_share_is_named_not_given_as_its_id():
    # "Rafah" alone is Egypt's or Gaza's: the claim names it as the text does, and its
    # place_id says which (join.py reads them together), not "geonames:..." as its name
    # ("the Rafah crossing" is a place of its own: tests/data/hotspots/eg-ps.json)
    got = _claims_of("CAIRO, May 27 (Test Wire) - An Egyptian soldier was killed on Monday in "
                     "an exchange of fire with Israeli forces near Rafah, on the border between "
                     "Egypt and the Gaza Strip, Egyptian security sources said.", "2024-05-27")
    assert [c.place for c in got] == ["Rafah"] and got[0].place_id.startswith("geonames:")


def test_a_body_named_with_whose_it_is_and_its_spokesman():
    # "South Sudan's army" is a body ("it"), not a person; its spokesman, named with no
    # country, speaks for it; and "He" next is the spokesman
    text = ("JUBA, April 10 (Test Wire) - South Sudan's army said on Tuesday it had taken "
            "control of the oil field after heavy fighting with Sudanese forces near Bentiu. "
            "\"Our forces are now in full control of the area,\" army spokesman Philip Aguer "
            "told Test Wire. He said Sudanese warplanes had bombed positions near Bentiu.")
    assert _said(text) == [("South Sudan's army", "SS"), ("army spokesman Philip Aguer", "SS"),
                           ("army spokesman Philip Aguer", "SS")]
    got = _claims(text)
    assert "side from the body named before" in got[1].check


def test_the_armed_groups_spokesman_is_the_armed_groups_not_the_datelines_state():
    text = ("KINSHASA, Jan 27 (Test Wire) - M23 fighters claimed on Monday to have taken "
            "Goma. \"The city is liberated,\" the armed group's spokesman Lawrence Kanyuka "
            "said. The rebels' spokesman added that the airport was closed.")
    got = _claims(text)
    spokesman = [c for c in got if "Kanyuka" in c.claimant]
    # (and "The rebels' spokesman" after him is he)
    assert [c.claimant_side for c in spokesman] == ["M23", "M23"], got
    assert "side from the body named before" in spokesman[0].check


def test_the_two_countries_ministries_each_say_it():
    got = _claims("BEIRUT, March 17 (Test Wire) - Lebanese and Syrian troops clashed near "
                  "Hermel, killing three Syrian soldiers, the two countries' defence ministries "
                  "said.")
    assert {(c.claimant_side, c.check) for c in got} == {("LB", "side from the parties"),
                                                        ("SY", "side from the parties")}


def test_a_second_thing_said_has_its_own_forces():
    got = _claims("ISLAMABAD, May 9 (Test Wire) - Pakistan's military said Afghan forces opened "
                  "fire on border posts in the Kurram district, and that Pakistani troops "
                  "responded.")
    assert [(c.event, c.actor) for c in got] == [("shelling", "Afghan forces"),
                                                ("shelling", "Pakistani troops")]


def test_ministries_named_by_their_affairs_and_a_treaty_named_after_a_town():
    text = ("KATHMANDU, May 9 (Test Wire) - Nepal's foreign ministry said Kalapani was Nepali "
            "territory under the 1816 Sugauli treaty. India's external affairs ministry "
            "spokesman Anurag Srivastava said the road lay within India.")
    assert _who(text, "2020-05-09") == [
        ("Nepal's foreign ministry", "NP"),
        ("India's external affairs ministry spokesman Anurag Srivastava", "IN")]
    # (Sugauli, a town in India, names the treaty: no claim is placed there)
    assert all(c.place != "Sugauli" for c in _claims_of(text, "2020-05-09"))


def test_a_figure_rejected_and_a_claim_called_fake_news_are_denials():
    got = _claims_of("KASTANIES, Greece, March 4 (Test Wire) - Turkey's interior minister "
                     "Suleyman Soylu said Greek security forces had shot dead one migrant near "
                     "Edirne. Greek government spokesman Stelios Petsas called the claim "
                     "\"fake news\". Turkish officials said more than 130,000 migrants had "
                     "crossed through Edirne, a figure Greek officials rejected as "
                     "\"disinformation\".", "2020-03-04")
    assert [(c.claimant_side, c.stance) for c in got] == [
        ("TR", "asserts"), ("GR", "denies"), ("TR", "asserts"), ("GR", "denies")]


@pytest.mark.parametrize("words, event", [
    ("committed large-scale provocations", "clash"),
    ("mined the supply roads", "other")])
def test_what_a_defence_ministry_calls_an_attack(words, event):
    got = _claims(f"BAKU, Sept 13 (Test Wire) - Armenian units {words} near Kalbajar, "
                  "Azerbaijan's defence ministry said.")
    assert [c.event for c in got] == [event]


def test_a_transcripts_question_mark_is_not_part_of_the_speaker():
    got = _claims("BEIJING, June 16 (Test Wire) - Troops clashed in the Galwan Valley. Q: India's "
                  "army says 20 Indian soldiers were killed.")
    assert [(c.claimant, c.claimant_side) for c in got][-1] == ("India's army", "IN")


@pytest.mark.parametrize("publisher, side, check", [
    # a party's own release, or its state media: the report's voice is that side's
    ("Ministry of Defense of the Republic of Azerbaijan", "AZ", "side from the publisher"),
    ("TASS", "RU", "side from the publisher"),
    # the press, whatever country its name holds
    ("Reuters", "PRESS", "the report's own voice"),
    ("Agence France-Presse", "PRESS", "the report's own voice"),
    ("The Times of India", "PRESS", "the report's own voice")])
def test_the_reports_own_voice_is_a_partys_where_a_party_publishes_it(publisher, side, check):
    from geomap.api import extract

    got = extract(Document(text="Baku, 13 September 2022. On September 12, units of the "
                                "Armenian army committed large-scale provocations near Kalbajar.",
                           name="t.txt", published="2022-09-13", publisher=publisher))
    assert [(c.claimant, c.claimant_side, c.check.split("; ")[0]) for c in got] == [
        (publisher, side, check)]


def test_who_speaks_after_an_age_a_relative_clause_and_a_title_of_office():
    # an appositive's side is its role's ("the head of the interim administration"), not
    # Eritrea's of what he said; "information minister" is a title; a dismissal in quotes
    # denies; and "He" next is the one who dismissed it
    assert _who("MEKELLE, Ethiopia, Oct 14 (Test Wire) - Eritrean forces shelled Zalambessa "
                "on Thursday, according to Tigray's interim administration. Getachew Reda, the "
                "head of the interim administration, said Eritrean troops had also advanced. "
                "Eritrea's information minister, Yemane Gebremeskel, dismissed the report as "
                "\"pure fabrication\". He said Eritrean troops had not crossed the border.",
                "2021-10-14", "stance") == [
        ("Tigray's interim administration", "ET", "asserts"),
        ("Getachew Reda, the head of the interim administration", "ET", "asserts"),
        ("Eritrea's information minister, Yemane Gebremeskel", "ER", "denies"),
        ("Eritrea's information minister, Yemane Gebremeskel", "ER", "denies")]


@pytest.mark.parametrize("text, published, field, expected", [
    # "Defence Minister Vladimir Padrino" (the dateline's side), then "Padrino said"; and
    # the lead's first clause, before its verb, is of the day that verb gives
    ("CARACAS, March 22 (Test Wire) - Venezuelan troops clashed with a Colombian armed group "
     "in Apure, killing two fighters, Defence Minister Vladimir Padrino said on Monday. "
     "Padrino said two Venezuelan soldiers were killed near La Victoria.", "2021-03-22", "date",
     [("Defence Minister Vladimir Padrino", "VE", "2021-03-22"),
      ("Vladimir Padrino, Defence Minister", "VE", "2021-03-22")]),
    # a farmer named with his age and a clause about him, of the report's place (not of the
    # capital the report named last: "Moscow did not comment")
    ("TBILISI, July 10 (AP) - Russian border guards moved signs deeper into "
     "Georgian-controlled territory near Gori, Georgia's State Security Service said. Moscow "
     "did not comment. Local farmer Data Vanishvili, 85, whose house was left behind a fence "
     "in 2017, said he was afraid to go out.", "2024-07-10", "event",
     [("Georgia's State Security Service", "GE", "incursion"),
      ("Local farmer Data Vanishvili", "GE", "statement")])])  # (his trade a title's words)
def test_officials_and_locals_named_as_introduced(text, published, field, expected):
    assert _who(text, published, field) == expected


def test_a_mission_which_patrols_is_no_patrol_and_de_facto_authorities_are_named_whole():
    got = _claims("TBILISI, July 10 (Test Wire) - The European Union Monitoring Mission (EUMM), "
                  "which patrols the line, said its monitors had observed new signs near Gori. "
                  "South Ossetia's de facto authorities said the signs marked the border.")
    assert [c.actor for c in got][0] != "patrols"
    assert got[-1].claimant == "South Ossetia's de facto authorities"


@pytest.mark.parametrize("text, expected", [
    # "said shots were fired": said is the verb (only "warning shots" is no warning)
    ("NEW DELHI, May 3 (Test Wire) - Indian police said shots were fired at an army post in "
     "Poonch on Monday.", [("Indian police", "IN", "shelling")]),
    # a soldier captured is no place taken
    ("YEREVAN, May 3 (Test Wire) - Armenia's defence ministry said Azerbaijani forces "
     "captured an Armenian soldier near Jermuk.", [("Armenia's defence ministry", "AM",
                                                   "statement")]),
])
def test_shots_said_and_a_soldier_captured(text, expected):
    assert [(c.claimant, c.claimant_side, c.event) for c in _claims(text)] == expected


def test_a_date_after_adding_that_is_the_later_acts():
    got = _claims_of("BISHKEK, May 1 (Test Wire) - Tajik troops shelled Kok-Tash on Sunday, "
                     "the Kyrgyz border service said, adding that Kyrgyz forces returned fire "
                     "on Monday.", "2024-05-01")
    assert [c.date for c in got][0] == "2024-04-28"
    got = _claims_of("BISHKEK, May 1 (Test Wire) - Tajik troops shelled Kok-Tash, the Kyrgyz "
                     "border service said, adding that Kyrgyz forces returned fire on Monday.",
                     "2024-05-01")
    assert [c.date for c in got][0] != "2024-04-29"  # (Monday is the return of fire's)


def test_a_country_fired_at_is_where_it_was_hit():
    got = _claims("YEREVAN, May 3 (Test Wire) - Armenia's defence ministry said Azerbaijani "
                  "shells fired at Armenia hit a house on Tuesday.")
    assert [c.place for c in got] == ["country:AM"]


@pytest.mark.parametrize("publisher", ["RFE/RL's Tajik Service", "Asia-Plus Tajik news agency"])
def test_a_newsroom_named_with_a_country_is_the_press(publisher):
    from geomap.api import extract

    got = extract(Document(text="DUSHANBE, May 1 (Test Wire) - Kyrgyz troops shelled Vorukh on "
                                "Sunday.", name="t.txt", published="2024-05-01",
                           publisher=publisher))
    assert [c.claimant_side for c in got] == ["PRESS"]


def test_a_long_run_after_a_possessive_is_read_in_linear_time():
    import time

    from geomap.api import extract

    extract(Document(text="warm", name="w.txt"))
    text = "BISHKEK, May 1 (Wire) - Officials' " + "a" * 60_000 + " said troops shelled Batken."
    start = time.process_time()
    extract(Document(text=text, name="t.txt"))
    assert time.process_time() - start < 5  # (it took 52 s: the both-sides pattern)


def test_a_four_letter_dateline_city_and_the_speakers_own_forces():
    # "KYIV" is the dateline's city, not an acronym: an official body of no country named
    # after it is Ukraine's; and "its forces had struck ..., and ... destroyed 15 Ukrainian
    # drones": its forces act, not the drones
    got = _claims_of("KYIV, Aug 20 (Test Wire) - Russian forces shelled 10 communities in "
                     "Ukraine's Sumy region, the regional military administration said on "
                     "Tuesday. Russia's defence ministry said its forces had struck Ukrainian "
                     "positions in the Sumy region and destroyed 15 Ukrainian drones.",
                     "2024-08-20")
    assert [(c.claimant_side, c.check.split("; ")[0], c.actor) for c in got][:2] == [
        ("UA", "side from the dateline", "Russian forces"),
        ("RU", "date from an earlier sentence", "forces")]
    from geomap.api import find_places

    assert [m.surface for m, r in find_places(Document(
        text="ROME/KYIV, Aug 20 (Test Wire) - Talks went on. The IDF said KYIV was calm.",
        name="t.txt")) if r.resolved] == ["ROME", "KYIV"]


@pytest.mark.parametrize("dateline, side", [
    ("YEREVAN, FEBRUARY 15, ARMENPRESS. ", "AM"),  # an agency's own
    ("WARSAW — ", "PL"),  # a newspaper's
    ("ISLAMABAD: ", "PK"),
    ("MOSCOW, September 16. /TASS/. ", "RU"),
    ("", ""),  # none: an official of no country named is of no side we can tell
])
def test_an_agencys_or_a_newspapers_own_dateline_gives_an_officials_side(dateline, side):
    got = _who(f"Border clash\n\n{dateline}The defence ministry said troops shelled a "
               "village on Tuesday.\n\nPrime Minister Ivan Petrov said the attack was a "
               "provocation.", "2024-02-15")
    assert got == [("defence ministry", side or UNKNOWN),
                   ("Prime Minister Ivan Petrov", side or UNKNOWN)]


def test_a_government_named_after_its_country_spoke_is_that_countrys():
    # the dateline's first city is Congo's; the spokeswoman of the government that spoke
    # last is Rwanda's
    assert _who("GOMA/KIGALI, Jan 28 (Test Wire) - Congo accused Rwanda of shelling Goma. "
                "Rwanda denies backing the rebels. \"There are no Rwandan soldiers in Goma,\" "
                "government spokeswoman Yolande Makolo said.", "2025-01-28")[-1] == (
        "government spokeswoman Yolande Makolo", "RW")


def test_its_ministry_is_the_ministry_of_the_body_that_spoke_last():
    got = _who("BAGHDAD, July 21 (Test Wire) - Foreign ministry spokesman Ahmed al-Sahaf said "
               "Turkish troops shelled Zakho. Turkey denied any role. \"Turkey does not target "
               "civilians,\" its foreign ministry said.", "2022-07-21")
    assert got[-1] == ("Turkey's foreign ministry", "TR")


@pytest.mark.parametrize("sentence, who", [
    # an acronym's appositive, and an aside between commas, before the verb
    ("The military's media wing, Inter-Services Public Relations (ISPR), said Afghan forces "
     "opened fire on posts in Kurram.", ("Inter-Services Public Relations", "PK")),
    ("Indian officials, meanwhile, accused Afghan troops of firing at Kurram.",
     ("Indian officials", "IN")),
    ("The Indian army, for its part, said Afghan forces fired on Kurram.",
     ("Indian army", "IN")),
    # "here": where the reporter is
    ("A senior security official here denied that Pakistani forces fired on civilians.",
     ("senior security official", "PK")),
])
def test_the_speaker_before_the_verb_not_the_forces_after_it(sentence, who):
    assert _who(f"ISLAMABAD, Oct 12 (Test Wire) - {sentence}", "2025-10-12") == [who]


def test_a_new_official_is_no_earlier_one_and_not_saying_is_no_claim():
    got = _who("ISLAMABAD, May 8 (Test Wire) - Indian officials accused Pakistani troops of "
               "shelling Poonch. A district administration official said Indian shells hit "
               "Kotli. India has not confirmed losing any aircraft. Venezuela did not say "
               "who had fired.", "2025-05-08")
    assert got == [("Indian officials", "IN"), ("district administration official", "PK")]


def test_she_is_the_woman_named_before_not_the_last_man_who_spoke():
    got = _who("BANGKOK, July 25 (Test Wire) - Army spokesman Maj Gen Winthai Suvaree said "
               "Cambodian troops opened fire near the temple. In Phnom Penh, Lt Gen Maly "
               "Socheata, spokeswoman for Cambodia's Ministry of National Defence, gave the "
               "opposite account. She said Thai troops had advanced on the temple.",
               "2025-07-25")
    assert [side for _, side in got] == ["TH", "KH"]


def test_an_official_named_with_no_country_of_the_other_partys_place_is_no_ones():
    # (the acting prime minister in a report whose place is Cambodia's: no claim, not
    # Cambodia's, and "he" is him, not the Cambodian spokesman before him)
    got = _who("Border clash\n\nMeth Meas Pheakdey, spokesman for the Oddar Meanchey "
               "provincial administration, said Thai shells hit a village. Acting Prime "
               "Minister Somchai Rattanakorn said the situation was delicate. \"There has "
               "been no declaration of war,\" he said.", "2025-07-25")
    assert got == [("Meth Meas Pheakdey, spokesman for the Oddar Meanchey provincial "
                    "administration", "KH"),
                   *[("Acting Prime Minister Somchai Rattanakorn", UNKNOWN)] * 2]


def test_he_is_the_last_man_who_spoke_even_of_no_side_we_can_tell():
    # the analyst is of no side the report tells: "he" is him, so no claim, not the
    # Cambodian spokesman before him
    got = _who("Border clash\n\nMeth Meas Pheakdey, spokesman for the Oddar Meanchey "
               "provincial administration, said Thai shells hit a village. Panitan "
               "Wattanayagorn, a security analyst, said the situation was delicate. \"There "
               "has been no declaration of war,\" he said.", "2025-07-25")
    assert got == [("Meth Meas Pheakdey, spokesman for the Oddar Meanchey provincial "
                    "administration", "KH"),
                   *[("Panitan Wattanayagorn, a security analyst", UNKNOWN)] * 2]


def test_a_former_title_and_a_present_one_are_one_speaker():
    assert _who("Former Cambodian prime minister Hun Sen, now president of the Senate, wrote "
                "on Facebook that Thai forces had shelled two Cambodian provinces.",
                "2025-07-25")[0] == (
        "Former Cambodian prime minister Hun Sen, now president of the Senate", "KH")


def test_blamed_and_estimated_are_said_and_each_side_is_both_parties():
    got = _who("BANGKOK, July 25 (Test Wire) - Thai and Cambodian troops clashed near Ta Muen "
               "Thom temple in Surin. Each side accused the other of firing first. U.N. "
               "experts estimated that 40,000 people fled. Taliban officials blamed Pakistan "
               "for violating Afghan airspace.", "2025-07-25", "event")
    assert got[2:] == [("Each side (KH)", "KH", "shelling"), ("Each side (TH)", "TH", "shelling"),
                       ("U.N. experts", "UN", "other"),
                       ("Taliban officials", "AF", "incursion")]


def test_a_person_of_no_side_named_is_of_the_side_a_claim_told_when_named_again():
    got = _who("ISLAMABAD, Oct 12 (Test Wire) - The Taliban government said its forces struck "
               "Pakistani posts. Its chief spokesman, Zabihullah Mujahid, told a news "
               "conference in Kabul that 58 Pakistani soldiers had been killed. Mujahid said "
               "the operation was a response to Pakistani air strikes.", "2025-10-12")
    assert [side for _, side in got] == ["AF", "AF", "AF"]


@pytest.mark.parametrize("who, side", [
    ("The M23", "M23"), ("The Arakan Army", "Arakan Army"), ("The PKK", "PKK"),
    ("The Pakistani Taliban", "TTP"),
])
def test_an_armed_group_of_no_state_is_a_side_of_its_own(who, side):
    assert _who(f"GOMA, Jan 28 (Test Wire) - {who} said in a statement that it had taken "
                "control of Goma airport.", "2025-01-28") == [(who.split(" ", 1)[1], side)]


def test_one_told_is_not_the_speaker_and_a_post_is_not_its_poster():
    got = _who("DHAKA, Feb 6 (Test Wire) - Myanmar's ambassador was called to the ministry and "
               "told that mortar shells landing in Ghumdhum were unacceptable, Bangladesh's "
               "Foreign Minister Hasan Mahmud told reporters. A shell struck a house in "
               "Ghumdhum on Monday, said AKM Jahangir Aziz, chairman of the Ghumdhum union "
               "parishad. Myanmar's foreign ministry rejected the accusation. In a statement "
               "posted by its spokesman, it called the report \"fabricated\".", "2024-02-06",
               "stance")
    assert got == [("Bangladesh's Foreign Minister Hasan Mahmud", "BD", "asserts"),
                   ("AKM Jahangir Aziz, chairman of the Ghumdhum union parishad", "BD",
                    "asserts"),
                   ("Myanmar's foreign ministry", "MM", "denies"),
                   ("Myanmar's foreign ministry", "MM", "denies")]


def test_he_after_an_official_named_in_a_sentence_that_claims_nothing():
    # (a name of letters beyond a-z and two parts: "Władysław Kosiniak-Kamysz")
    got = _who("Soldier dies\n\nWARSAW — The army said a soldier was stabbed at the fence. "
               "Defence Minister Władysław Kosiniak-Kamysz ordered flags lowered. He accused "
               "Belarusian services of steering migrants to the fence. Opposition politicians "
               "from Law and Justice accused the government of leaving troops unprotected.",
               "2024-06-07")
    # (and the opposition party of no side we can tell is not British: "Law" no place)
    assert _sided(got) == [("army", "PL"), ("Władysław Kosiniak-Kamysz, Defence Minister",
                                             "PL")]


def test_a_second_speaker_with_an_aside_has_a_clause_of_its_own():
    got = _who("MOSCOW, Sept 16 (Test Wire) - The Kyrgyz Border Service reported that Tajik "
               "troops had resumed shelling of Kyrgyz positions, and Tajik media, citing the "
               "border troops, said Kyrgyz forces were firing at three border villages.",
               "2022-09-16", "actor")
    assert got == [("Kyrgyz Border Service", "KG", "Tajik troops"),
                   ("Tajik media", "TJ", "Kyrgyz forces")]


def test_fire_from_a_sides_ground_its_territory_and_a_presence_denied():
    got = _who("Shells fall on Rubavu as Congo and Rwanda trade blame\n\nGOMA, Jan 28 (Test "
               "Wire) - Rwanda's army said five civilians were killed in Rubavu when shells "
               "fired from Congolese territory hit homes. Rwanda's foreign minister said "
               "Congo's army had shelled Rwandan territory since Sunday. \"There is no Rwandan "
               "soldier in Goma,\" Rwanda's government spokeswoman said.", "2025-01-28",
               "stance", "actor", "place")
    assert got[0][:2] == ("Congo", "CD") and got[1][:2] == ("Rwanda", "RW")  # (not "Rubavu as")
    assert [g[2:] for g in got[2:]] == [
        ("asserts", "Congolese side", "Rubavu"),
        ("asserts", "Congo's army", "Rubavu"),  # (Rwandan territory: the report's place in it)
        ("denies", "", "Goma")]


def test_where_one_spoke_said_first_and_restraint_exercised_are_not_the_event():
    got = _who("ISLAMABAD, May 8 (Test Wire) - Pakistan said India struck Muridke. Addressing "
               "a press conference in Rawalpindi, Lt Gen Ahmed Sharif Chaudhry said the "
               "heaviest toll was in Ahmedpur East. In New Delhi, India's foreign secretary "
               "Vikram Misri told a briefing that Indian forces struck nine sites. UN Secretary "
               "General Antonio Guterres urged both countries to exercise maximum restraint.",
               "2025-05-08", "event", "place")
    assert [(who, event, place) for who, _, event, place in got] == [
        ("Pakistan", "shelling", "Muridke"),
        ("Lt Gen Ahmed Sharif Chaudhry", "statement", "Ahmedpur East"),
        ("India's foreign secretary Vikram Misri", "shelling", "Muridke"),
        ("Antonio Guterres, UN Secretary General", "statement", "Muridke")]


def test_he_after_a_name_with_a_particle_residents_of_a_place_named_and_ministers_meeting():
    got = _who("Golan\n\nDAMASCUS, Dec 14 (Test Wire) - Israel's Defence Minister Israel Katz "
               "said troops would hold the Hermon summit. Syria's de facto leader Ahmed "
               "al-Sharaa said Israeli forces crossed into Quneitra. In an interview, he said "
               "Israeli troops had crossed the lines. Arab foreign ministers meeting in the "
               "Jordanian city of Aqaba condemned the incursion into Quneitra. In Madinat "
               "al-Baath, the provincial capital, residents said Israeli bulldozers tore up "
               "roads. The Israeli military denied the reports. \"Our forces are not advancing "
               "on Damascus,\" an army spokesman said.", "2024-12-14")
    # (the ministers of several states take no side from the dateline: no claim)
    assert got == [("Israel's Defence Minister Israel Katz", "IL"),
                   ("Syria's de facto leader Ahmed al-Sharaa", "SY"),
                   ("Syria's de facto leader Ahmed al-Sharaa", "SY"),
                   *[("Arab foreign ministers", UNKNOWN)] * 2, ("residents", "SY"),
                   ("Israeli military", "IL"), ("army spokesman", "IL")]


def test_a_dateline_on_the_line_after_the_headline_and_a_country_whose_airspace_was_hit():
    # (no blank line after the headline; the country's airspace makes it a party, so that
    # its officials take the dateline's side)
    got = _who("Estonia seeks NATO talks after Russian jets enter its airspace\nTALLINN — "
               "Three Russian MiG-31 jets entered Estonian airspace near Vaindloo, the army "
               "said. Foreign Minister Margus Tsahkna said Russia's charge d'affaires had "
               "been summoned.", "2025-09-19")
    assert got == [("army", "EE"), ("Foreign Minister Margus Tsahkna", "EE")]


def test_the_reports_place_is_the_one_its_headline_names():
    text = ("Cambodian rockets kill civilians as fighting erupts at Ta Muen Thom\n\nBANGKOK, "
            "July 25 (Test Wire) - Thai officials said Cambodian rockets hit Surin province. "
            "Villagers in Surin fled. Shells also fell in Surin town. The army said the fighting "
            "began in the morning.")
    report, _ = _read(text, "2025-07-25")
    assert report.focus == ("Ta Muen Thom", "th-prasat-ta-muen-thom")
    # (no headline: the place named most)
    report, _ = _read(text.split("\n\n", 1)[1], "2025-07-25")
    assert report.focus[1] == "th-surin-province"


def test_no_part_in_it_is_a_denial_and_a_byline_is_no_title():
    got = _who("VILNIUS, Oct 26 (Test Wire) - Lithuania said balloons from Belarus closed the "
               "airport. The State Border Committee of Belarus stated that Belarusian state "
               "bodies have no relation to the launching of balloons. Minsk said it had "
               "nothing to do with the balloons.", "2025-10-27", "stance")
    assert [g[2] for g in got] == ["asserts", "denies", "denies"]
    from geomap.extraction.claims import _people

    titled: dict = {}
    _people("Blasts hit Mandera, Lamu\n\nBy Our Reporter\n\nInterior Cabinet Secretary Kithure "
            "Kindiki said the attackers fled.", {}, titled)
    # (by surname, and by the given name no one else has; not the byline's "Our Reporter")
    assert titled == {"kindiki": "Kithure Kindiki, Interior Cabinet Secretary",
                      "kithure": "Kithure Kindiki, Interior Cabinet Secretary"}


def test_a_bodys_spokesperson_after_the_body_is_named_and_never_targeted_denies():
    got = _who("NEW DELHI, Dec 13 (Test Wire) - Defence minister Rajnath Singh said PLA troops "
               "tried to transgress the LAC at Yangtse. In Beijing, the PLA's Eastern Theatre "
               "Command offered a different version. Its spokesperson, Senior Colonel Long "
               "Shaohua, said Chinese troops on patrol near Yangtse were \"obstructed by Indian "
               "troops who illegally crossed the line\". \"Our response was firm,\" Long said. "
               "\"Morocco has never targeted and will never target civilians,\" a Moroccan "
               "source said.", "2022-12-13", "stance", "actor")
    assert [g[1:] for g in got] == [("IN", "asserts", "PLA troops"),
                                    ("CN", "asserts", "Indian troops"),
                                    ("CN", "asserts", ""), ("MA", "denies", ""),
                                    ("MA", "denies", "")]  # (the two verbs, a claim each)


def test_a_leader_known_by_name_a_press_service_and_border_troops_of_a_body():
    got = _who("VILNIUS, Oct 26 (Test Wire) - Lithuania said balloons from Belarus closed the "
               "airport. The press service of President A. Lukashenko stated that Vilnius was "
               "looking for an enemy. The border troops of the State Committee for National "
               "Security of Tajikistan said Kyrgyz forces shelled Vorukh.", "2025-10-27")
    assert got == [("Lithuania", "LT"), ("press service of President A. Lukashenko", "BY"),
                   ("border troops of the State Committee for National Security of Tajikistan",
                    "TJ")]


def test_residents_describe_and_where_is_no_speaker():
    got = _who("GOMA, Jan 28 (Test Wire) - Congo said Rwanda shelled Goma. In Kinshasa, "
               "protesters attacked the embassies of Rwanda and France, accusing Western "
               "governments of failing to rein in Kigali. Residents of Goma described heavy "
               "gunfire overnight near the airport.", "2025-01-28")
    assert got == [("Congo", "CD"), ("Residents of Goma", "CD")]


def test_an_office_is_no_earlier_speaker_whose_name_only_holds_the_letters():
    got = _who("TALLINN, Sept 19 (Test Wire) - Russian jets entered Estonian airspace, the army "
               "said. Finnish aircraft also watched the flight, according to officials in "
               "Helsinki. Mark Rutte spoke with the prime minister by phone about the Russian "
               "jets that entered Estonian airspace, the prime minister's office said.",
               "2025-09-19")
    assert got[-1] == ("prime minister's office", "EE")


def test_a_transcripts_answers_are_its_spokespersons():
    got = _who("China says coast guard acted professionally\n\nTranscript of the Chinese "
               "Foreign Ministry's regular press conference, June 17, 2024. Spokesperson: Lin "
               "Jian.\n\nQ: Manila says a sailor was injured. Did officers use knives?\n\nA: "
               "Ren'ai Jiao is part of China's Nansha Qundao. The Philippines sent a supply ship "
               "into the waters off Ren'ai Jiao. We urge Manila to stop its provocations.\n\n"
               "Q: Will China talk to Manila?\n\nA: Our position is clear.", "2024-06-19",
               "stance")
    assert [g for g in got if g[0] == "Spokesperson Lin Jian"] == [
        ("Spokesperson Lin Jian", "CN", "asserts")] * 2 + [
        ("Spokesperson Lin Jian", "CN", "calls"), ("Spokesperson Lin Jian", "CN", "asserts")]


def test_a_correspondent_is_the_press_and_an_aside_with_commas_before_the_verb():
    got = _who("Sudan and Chad\n\nKHARTOUM, March 27 (Test Wire) - Sudan said convoys for "
               "the RSF crossed at Adre. Our correspondent in eastern Chad, who watched convoys "
               "at the Adre crossing, said lorries passed at night. Gen. Romeo Brawner Jr., "
               "speaking at the Western Command headquarters in Puerto Princesa City, Palawan, "
               "said Chinese personnel boarded Philippine boats.", "2025-03-27")
    # (and the general, whom people.csv lists, the Philippines')
    assert _sided(got[1:]) == [("Our correspondent in eastern Chad", "PRESS"),
                               ("Gen. Romeo Brawner Jr.", "PH")]
    assert rules._subject("Gen. Romeo Brawner Jr., speaking at the Western Command "
                          "headquarters in Puerto Princesa City, Palawan, ") == (
        "Gen. Romeo Brawner Jr.")  # (not "Palawan")


def test_a_question_claims_nothing():
    assert _who("Sudan and Chad\n\nKHARTOUM, March 27 (Test Wire) - Sudan said convoys for "
                "the RSF crossed at Adre.\n\nWhat does Chad say?\n\nChad denied it.",
                "2025-03-27") == [("Sudan", "SD"), ("Chad", "TD")]


def test_the_reports_place_is_a_place_named_again_before_a_sea_and_a_headlines_sector():
    text = ("TALLINN, Sept 19 (Test Wire) - Russian jets entered Estonian airspace near "
            "Vaindloo over the Baltic Sea. They flew on over the Baltic Sea. Jets over the Baltic "
            "Sea are common, officials said. Vaindloo island is Estonia's northernmost point.")
    report, _ = _read(text, "2025-09-19")
    assert report.focus == ("Vaindloo", "ee-vaindloo")  # (named twice, by two names)
    report, _ = _read("Troops clash at Yangtse\n\nNEW DELHI, Dec 13 (Test Wire) - Troops "
                      "clashed. Galwan, in 2020, was worse; Galwan is far away.", "2022-12-13")
    assert report.focus == ("Yangtse", "in-yangtse")


def test_an_ap_dateline_a_generals_abbreviated_title_and_going_according_to_plan():
    got = _who("Kursk\n\nKYIV, Ukraine (Test Press) — Gen. Oleksandr Syrskyi said Ukrainian "
               "units pushed forward in the Kursk region. \"The operation is going according to "
               "plan,\" Syrskyi said. Zelensky, who had refused to confirm the incursion, spoke "
               "about it on Monday. He said the offensive was meant to push the war back. "
               "Russian military bloggers said parts of Sudzha were still contested.",
               "2024-08-13")
    assert got == [("Gen. Oleksandr Syrskyi", "UA"), ("Oleksandr Syrskyi, Gen.", "UA"),
                   ("the report (unattributed)", "PRESS"), ("Zelensky", "UA"),
                   ("Russian military bloggers", "RU")]


@pytest.mark.parametrize("dateline", ["Tehran, IRNA -- ", "Baku, May 14, AZERTAC\n\n"])
def test_an_agencys_dateline_with_its_city_in_small_letters(dateline):
    home = {"Tehran": "IR", "Baku": "AZ"}[dateline.split(",")[0]]
    report, _ = _read(f"Border clash\n\n{dateline}Police said two guards were killed at the "
                      "border post.", "2023-05-28")
    assert report.home == home


def test_a_spokesperson_of_a_body_named_with_it_is_she_or_he():
    got = _who("SRINAGAR, Oct 26 (Test Wire) - India's foreign ministry spokesperson Arindam "
               "Bagchi said Pakistani troops fired first at Poonch. Pakistan's Foreign Office "
               "spokesperson Mumtaz Zahra Baloch told a briefing in Islamabad that Indian troops "
               "opened fire. She denied that Pakistan had fired first.", "2023-10-26",
               "stance")
    assert got[-1] == ("Pakistan's Foreign Office spokesperson Mumtaz Zahra Baloch", "PK",
                       "denies")


def test_residents_described_at_length_and_an_adviser_to_a_leader():
    got = _who("Tigray\n\nMEKELLE, Feb 4 (Test Wire) - Tigrayan officials said Eritrean troops "
               "remain in Zalambessa. Residents of Irob, a small community of about 30,000 people "
               "squeezed between the escarpment and the Eritrean border, told this newspaper "
               "that Eritrean soldiers still ran checkpoints. Hikmet Hajiyev, foreign policy "
               "adviser to President Ilham Aliyev, dismissed the claims as disinformation.",
               "2023-02-04")
    assert got[1:] == [("Residents of Irob, a small community of about 30,000 people squeezed "
                        "between the escarpment and the Eritrean border", "ET"),
                       ("Hikmet Hajiyev, foreign policy adviser to President Ilham Aliyev", "AZ")]


def test_a_long_title_before_a_name_and_once_again():
    got = _who("Clash\n\nTehran, IRNA -- Deputy Police Chief Brigadier General Qasem Rezaei said "
               "Taliban forces opened fire on the Sasuli post. \"The border guards responded,\" "
               "Rezaei said. The Ministry of Foreign Affairs of the Republic of Azerbaijan has "
               "once again stated that its units are on Azerbaijani land. On Thursday, Armenia's "
               "acting Prime Minister Nikol Pashinyan told his Security Council that Azerbaijani "
               "troops advanced.", "2023-05-28")
    assert got == [("Qasem Rezaei, Deputy Police Chief Brigadier General", "IR")] * 2 + [
                   ("Ministry of Foreign Affairs of the Republic of Azerbaijan", "AZ"),
                   ("Armenia's acting Prime Minister Nikol Pashinyan", "AM")]


def test_a_paramilitary_at_war_with_its_state_is_a_side_and_acts_as_named():
    got = _who("KHARTOUM, March 27 (Test Wire) - Sudan's army said the RSF shelled El Fasher. "
               "The Rapid Support Forces denied attacking civilians. The TPLF said Eritrean "
               "troops remain in Zalambessa.", "2025-03-27", "actor")
    assert got == [("Sudan's army", "SD", "RSF"), ("Rapid Support Forces", "RSF", ""),
                   ("TPLF", "TPLF", "Eritrean troops")]


def test_a_transcripts_answers_under_the_spokespersons_name():
    got = _who("Transcript\n\nForeign Ministry Spokesperson Mao Ning's Regular Press Conference "
               "on June 17, 2024, of the Chinese Foreign Ministry\n\nReuters: Manila says a "
               "sailor was injured. What is China's response?\n\nMao Ning: The Philippines sent "
               "ships into the waters off Ren'ai Jiao. We urge Manila to stop.\n\nAFP: Will "
               "talks go on?\n\nMao Ning: Our position is clear.", "2024-06-19", "stance")
    assert [g for g in got if g[0] == "Spokesperson Mao Ning"] == [
        ("Spokesperson Mao Ning", "CN", "asserts"), ("Spokesperson Mao Ning", "CN", "calls"),
        ("Spokesperson Mao Ning", "CN", "asserts")]


@pytest.mark.parametrize("text, expected", [
    # no soldiers hurt is no denial of the shelling
    ("Pakistan's army said Indian troops shelled Kotli on Monday, but no soldiers at the post "
     "were wounded.", [("Pakistan's army", "PK", "asserts", "Indian troops")]),
    # a place is no actor
    ("India's army said the explosion in Kotli killed two civilians on Monday.",
     [("India's army", "IN", "asserts", "India's army")]),
    # "an estimated" says nothing
    ("Indian shelling killed an estimated 12 civilians in Kotli on Monday.",
     [("the report (unattributed)", "PRESS", "asserts", "Indian shelling")]),
    # one who was somewhere and told reporters speaks
    ("Bangladesh's foreign minister was in Delhi on Monday and told reporters that Indian "
     "border guards shot two villagers near Ghumdhum.",
     [("Bangladesh's foreign minister", "BD", "asserts", "Indian border guards")] * 2),
])
def test_what_the_review_of_this_stop_found(text, expected):
    assert _who(text, "2024-01-01", "stance", "actor") == expected


def test_a_spokesman_in_prose_answers_no_transcript_and_a_wrapped_first_line_no_headline():
    got = _who("Report\n\nIndian army spokesman Sunil Bartwal said on Monday that troops were on "
               "alert.\n\nQ: Did your troops fire first?\n\nA: Our troops responded to Indian "
               "shelling of villages near Kotli.", "2024-01-01")
    assert ("Spokesperson Sunil Bartwal", "IN") not in got
    report, _ = _read("Troops exchanged fire near Kotli on Monday as shelling hit\nvillages in "
                      "Rajouri, officials in Rajouri said, and Rajouri schools shut.",
                      "2024-01-01")
    assert report.focus[0] == "Rajouri"  # (the first line of wrapped text is no headline)


@pytest.mark.parametrize("words, day", [
    ("India said the May 7 strikes hit nine camps.", ("2024-05-07", "day")),
    ("Qatar said the two sides will meet in Doha, Qatar, on Monday.", ("2024-06-03", "day")),
])
def test_a_date_naming_the_sentences_own_event_and_a_future_day_after_a_comma(words, day):
    from geomap.extraction.dates import find_date

    assert find_date(words, "2024-05-30")[:2] == day  # (a Thursday)


def test_the_one_a_passive_verb_of_saying_names_by_speaks():
    # a press release's style: "it was reported by X", "was condemned by X"
    got = _who("TBILISI — A citizen of Georgia was detained near Khurvaleti on Wednesday, it "
               "was reported by the State Security Service of Georgia (SSSG). The detention "
               "was strongly condemned by the State Minister for Reconciliation Tea "
               "Akhvlediani. Speaking in Gori, she said Russian forces had moved the fence.",
               "2024-06-13", "stance")
    assert got == [("the State Security Service of Georgia", "GE", "asserts"),
                   ("the State Minister for Reconciliation Tea Akhvlediani", "GE", "asserts"),
                   ("the State Minister for Reconciliation Tea Akhvlediani", "GE", "asserts")]


def test_a_quotation_in_single_quotes_ends_its_sentence_and_its_speaker_follows_it():
    # British style: 'It rests with Moscow,' the Service said.
    got = _who("TBILISI — A citizen was detained near Gori on Wednesday, the State Security "
               "Service of Georgia said. 'The responsibility rests with the occupying power,' "
               "the Service said. 'We did not move it.' Russia's foreign ministry said Georgian "
               "troops crossed the line.", "2024-06-13")
    assert got == [("State Security Service of Georgia", "GE")] * 2 + [
        ("Russia's foreign ministry", "RU")]  # ("the Service": the one named before)


def test_denials_by_none_by_a_verb_left_out_and_by_not_accepting():
    got = _who("SEOUL, Oct 15 (Test Wire) - South Korea's military said its troops fired "
               "warning shots, and that none of its soldiers had been harmed. Asked whether "
               "the military had sent drones over Pyongyang, South Korea's Defence Minister "
               "Kim Yong-hyun said it had not. China's foreign ministry said China did not "
               "accept Japan's protest.", "2024-10-15", "stance")
    assert [g[2] for g in got] == ["asserts", "denies", "denies", "denies"]


def test_the_north_is_the_north_and_a_shared_family_name_is_no_ones():
    got = _who("North Korea blew up roads near Kaesong, South "
               "Korea's military said. An official of the North's Ministry of Land said the "
               "blasts were lawful. South Korea's Defence Minister Kim Yong-hyun said North "
               "Korean troops crossed the line. Kim Sung-ho, a retired general, said drones "
               "had flown over Pyongyang.", "2024-10-15")
    # (the North's official was no one's, and from a SEOUL dateline South Korea's; Kim
    # Sung-ho was South Korea's, by the family name he shares with the minister: now no
    # one's)
    assert got == [("South Korea's military", "KR"),
                   ("official of the North's Ministry of Land", "KP"),
                   ("South Korea's Defence Minister Kim Yong-hyun", "KR"),
                   ("Kim Sung-ho, a retired general", UNKNOWN)]


def test_a_live_blogs_sources_aside_and_future():
    got = _claims_of(
        "Egyptian soldier killed at Rafah\n\nCAIRO — Local media in Faiyum governorate, "
        "south-west of Cairo, say the soldier's body is expected to arrive overnight. Two "
        "Egyptian security sources said a soldier opened fire near the border. An Egyptian "
        "security source told Egyptian television that Israeli forces fired first. The "
        "Egyptian guard, he said, took protective measures and returned fire towards the "
        "source.", "2024-05-27")
    # (the aside ", south-west of Cairo," was the speaker "of Cairo"; "expected to arrive
    # overnight" was last night; "he" was the two sources, and not the one source, whose
    # "source" the sentence names in another sense)
    assert [(c.claimant, c.date) for c in got] == [
        ("Local media in Faiyum governorate", ""), ("Two Egyptian security sources", ""),
        ("Egyptian security source", ""), ("Egyptian security source", "")]


def test_what_a_speaker_calls_a_thing_and_a_second_speaker_who_warns():
    got = _who("ISLAMABAD: Pakistan's Foreign Office spokesperson Mumtaz Zahra Baloch called "
               "the Iranian strike an unprovoked breach of Pakistan's sovereignty. The crisis "
               "began on Tuesday, when Iran launched missiles and drones at Panjgur. Qatar's "
               "foreign ministry earlier this week called the strikes \"a dangerous "
               "development\", while Saudi Arabia warned that they would sabotage the region's "
               "security.", "2024-01-19", "stance", "event")
    # (a call, "called on", stays a call: tests above)
    assert got == [
        ("Pakistan's Foreign Office spokesperson Mumtaz Zahra Baloch", "PK", "asserts",
         "incursion"),  # ("a breach of sovereignty")
        ("the report (unattributed)", "PRESS", "asserts", "shelling"),
        ("Qatar's foreign ministry", "QA", "asserts", "statement"),
        ("Saudi Arabia", "SA", "asserts", "statement")]


def test_the_one_named_at_the_sentences_end_speaks():
    got = _who("CAIRO — Egypt has warned against any harm to its troops deployed along the "
               "border, a high-level source told state-linked Al-Qahera News.", "2024-05-27")
    assert got == [("a high-level source", "EG")]  # (not "Egypt", what the source says)


def test_what_another_side_denies_in_a_clause_of_which():
    got = _who("GAZA — The UN said Israel had blocked aid through the Rafah crossing, which "
               "Israel denies. Thailand has accused Cambodia of laying new mines, a charge "
               "Phnom Penh denies.", "2024-05-27", "stance")
    assert got == [("UN", "UN", "asserts"), ("Israel", "IL", "denies"),
                   ("Thailand", "TH", "asserts"), ("Phnom Penh", "KH", "denies")]


def test_he_is_never_a_country():
    got = _who("PRISTINA — Kosovo's Prime Minister Albin Kurti said Serbian gunmen attacked "
               "police at Banjska. The United States said it was watching Serbian troops near "
               "the boundary. He said the attack had been planned in Belgrade.", "2023-09-26")
    assert got == [("Kosovo's Prime Minister Albin Kurti", "XK"), ("United States", "US"),
                   ("Kosovo's Prime Minister Albin Kurti", "XK")]


def test_a_day_long_past_is_not_the_reports_time():
    got = _claims_of("TBILISI — A villager was detained near Gori on Wednesday, the State "
                     "Security Service of Georgia said. The line was drawn under the ceasefire "
                     "agreement of 12 August 2008, the service said. The minister said the "
                     "detention was illegal.", "2024-06-13")
    # (the minister's day was 12 August 2008, carried from the sentence before)
    assert [c.date for c in got] == ["2024-06-12", "2008-08-12", "2024-06-12"]


def test_a_reports_place_may_be_a_small_region_it_names_most():
    got = _claims_of("Japan protests over ships near disputed islands\n\nTOKYO, Dec 5 - Two "
                     "Chinese coast guard ships entered waters around the Senkaku Islands, "
                     "Japan said. The Senkaku Islands are administered from Ishigaki, Okinawa. "
                     "China says the Senkaku Islands are its own. Japan's coast guard said the "
                     "ships left.", "2024-12-05")
    # (Okinawa, a town named once, had been the report's place: the islands are a region)
    assert {c.place_id for c in got} == {"jp-senkaku-islands"}


def test_an_outlet_of_no_side_is_the_press_and_land_claimed_by_two_is_no_speech():
    got = _who("ATHENS — Separately, it was reported by state broadcaster ERT that Turkish "
               "border guards fired shots near the village of Tychero late on Wednesday. The "
               "area is claimed by both Greece and Turkey.", "2022-06-10", "place")
    # (ERT's report was no one's, the passive agent of no side; the land "claimed by both
    # Greece and Turkey" made "both Greece" a speaker)
    assert got == [("state broadcaster ERT", "PRESS", "Tychero"),
                   ("the report (unattributed)", "PRESS", "Tychero")]


def test_bullets_are_sentences_and_a_statement_rejecting_denies():
    got = _who("Abyei update\n\n- On 29 January, Abyei Information Minister Bulis Koch told "
               "the Associated Press that 52 people had been killed in Abyei.\n- On 30 "
               "January, South Sudan's Warrap State Information Minister William Wol issued a "
               "statement rejecting the accusations. He said Nuer youth had turned violent.",
               "2024-02-06", "stance")
    # (the bullets ran into one sentence; "issued a statement rejecting" said nothing, and
    # "He" was the minister before)
    assert [g[1:] for g in got][1:] == [("SS", "denies"), ("SS", "asserts")]


@pytest.mark.parametrize("text, want", [
    # (each a finding of the review of this stop's rules, on the code before its fix)
    ("ISLAMABAD: Iran struck Panjgur, which Pakistan called a violation of its sovereignty.",
     [("the report (unattributed)", "PRESS", "asserts"), ("Pakistan", "PK", "asserts")]),
    ("KYIV — Russian troops shelled Kherson after rejecting a ceasefire offer, Ukraine said.",
     [("Ukraine", "UA", "asserts")]),
    ("MOSCOW — Russia's defence ministry, denying any role in the attack, said Ukrainian "
     "drones struck Belgorod.", [("Russia's defence ministry", "RU", "asserts")]),
    ("KYIV — Ukraine said Russian shells fell on Kherson, though none of the shells hit "
     "homes.", [("Ukraine", "UA", "asserts")]),
    ("DUSHANBE — Under the terms of the truce, troops withdrew from Vorukh, Tajik officials "
     "said.", [("Tajik officials", "TJ", "asserts")]),
    ("BISHKEK — Villagers called the police as Tajik troops fired on Kok-Tash, Kyrgyz "
     "officials said.", [("Kyrgyz officials", "KG", "asserts")]),
    ("BISHKEK — The attack on Kok-Tash was condemned by both Kyrgyzstan and Tajikistan.",
     [("the report (unattributed)", "PRESS", "asserts")]),
    ("PRISTINA — North Macedonia's police said they were watching. Mayors in the North said "
     "Serbian gunmen attacked Banjska.", [("North Macedonia's police", "MK", "asserts")]),
])
def test_what_the_review_of_this_stops_rules_found(text, want):
    assert _sided(_who(text, "2024-06-13", "stance")) == want


def test_residents_named_as_a_second_speaker_keep_their_place():
    got = _who("BISHKEK — Tajik troops shelled Kok-Tash, Kyrgyz officials said, while residents "
               "of Vorukh said Kyrgyz forces fired first.", "2022-09-16", "place")
    assert got == [("Kyrgyz officials", "KG", "Kok-Tash"),
                   ("residents of Vorukh", "TJ", "Vorukh")]


def test_reconnaissance_drones_are_no_attack():
    got = _who("SEOUL — North Korea launched reconnaissance drones over Paju, South Korea's "
               "military said.", "2024-10-15", "event")
    assert got == [("South Korea's military", "KR", "statement")]


@pytest.mark.parametrize("text", [
    # (a run of commas in an aside's distance took 173 s for 200 KB; runs of blanks before
    # "week said" 55 s, and before "Monday said", since before this stop, longer)
    "Local media, about " + "1," * 100_000 + " km x, say troops fired.",
    "Qatar" + (" " * 80 + "x") * 2470 + " week said troops fired.",
    "Officials on" + " " * 200_000 + "Monday said troops fired.",
])
def test_asides_and_times_before_a_verb_read_in_linear_time(text):
    import time

    from geomap.api import extract

    extract(Document(text="warm", name="w.txt"))
    start = time.process_time()
    extract(Document(text=text, name="t.txt"))
    assert time.process_time() - start < 5


@pytest.mark.parametrize("day, published, recent", [
    ("2024-06-12", "2024-06-13", True), ("2024-04-12", "2024-06-13", True),
    ("2024-04-11", "2024-06-13", False), ("2008-08-12", "2024-06-13", False),
    ("2024-06", "2024-06-13", True),  # (a month: not a day the report's time may go back to)
    ("2024-06-12", "", True), ("2024-02-30", "2024-06-13", True)])  # (no such day)
def test_which_days_are_recent_enough_to_be_a_reports_time(day, published, recent):
    from geomap.extraction.claims import _recent

    assert _recent(day, published) is recent


def test_a_person_first_named_with_the_body_they_speak_for_is_she_not_it():
    got = _who("ISLAMABAD: Foreign Office Spokesperson Mumtaz Zahra Baloch said Pakistan struck "
               "hideouts in Iran. Iranian Foreign Minister Hossein Amir-Abdollahian denied that "
               "any Pakistani was targeted. In a statement on Wednesday, Ms Baloch called the "
               "Iranian strike an unprovoked breach of Pakistan's sovereignty. She announced "
               "that Pakistan had recalled its ambassador from Tehran.", "2024-01-19")
    # ("Mumtaz Zahra Baloch, Foreign Office Spokesperson", as the report first named her, was
    # a body by its "Office": "She" was the Iranian minister)
    assert [g[1] for g in got] == ["PK", "IR", "PK", "PK"]


def test_a_general_staff_is_it_and_a_spokesman_for_a_ministry_he():
    got = _who("SEOUL, Oct 15 (Test Wire) - North Korea blew up roads near Kaesong. South "
               "Korea's Unification Ministry called the demolition a clear breach. The "
               "General Staff of the Korean People's Army announced on Oct 9 that it would cut "
               "off roads to the South. It said it had sent a message to the U.S. military. A "
               "spokesman for the North's Ministry of National Defence said the work would go "
               "on. The border would be fortified, he said.", "2024-10-17")
    # ("General" made the General Staff a person, so "It" was South Korea's ministry)
    assert [g[1] for g in got] == ["KR", "KP", "KP", "KP", "KP"]


def test_an_official_named_with_no_country_in_a_report_with_no_dateline_is_no_ones():
    # (the country of the report's place was tried as their side: on six reports held out
    # from the work it was wrong 20 times and right 15, a Dhaka paper's officials given
    # India's side by a report's place in Delhi; so no claim rather than a guess)
    text = ("Shells land in Ghumdhum again\n\nMortar shells fired from Myanmar landed in "
            "Ghumdhum and Tumbru on Sunday, wounding two villagers in Ghumdhum. Home Minister "
            "Nurul Haque Bhuiyan said more border guards had been sent to Ghumdhum. "
            "Myanmar's foreign ministry denied firing across the border.")
    got = _who(text, "2024-02-05")
    assert ("Myanmar's foreign ministry", "MM") in got
    assert [s for w, s in got if w.startswith("Home Minister")] == [UNKNOWN]


def test_a_place_inside_an_offices_name_gives_its_side_not_an_outlets():
    # (Edirne, named only inside the office's name, is Turkey's: not the dateline's Greece)
    text = ("ATHENS — Greek police said Turkish gendarmes fired shots near Ipsala on the Evros "
            "river. The Edirne Governor's Office denied that its personnel had opened fire.")
    got = _who(text, "2024-02-05", "stance")
    assert ("Edirne Governor's Office", "TR", "denies") in got
    # (an outlet that a city's name heads is no office of that city)
    got = _who("KATHMANDU — The Kathmandu Post said Indian troops crossed near Lipulekh.",
               "2024-02-05")
    assert got == [("Kathmandu Post", "PRESS")]


def test_a_name_after_its_role_set_off_by_commas_is_one_speaker_after_a_lead_in():
    # (after "Speaking ... on Friday," the role and the name are one speaker, of the side
    # the role names; "its news agency" is no person's role)
    got = _who("Speaking after the cabinet met in Juba on Friday, South Sudan's Minister of "
               "Information, Michael Makuei Lueth, said the killings in Abyei were a crime. "
               "On Chios, the island's mayor, Stamatis Karmantzis, said jets flew over "
               "Oinousses. In a statement carried by its Shahada news agency, Al-Shabaab "
               "claimed that its fighters killed ten soldiers in Mandera.", "2024-02-05")
    assert got[0] == ("South Sudan's Minister of Information, Michael Makuei Lueth", "SS")
    assert got[-1] == ("Al-Shabaab", "Al-Shabaab")
    from geomap.extraction.claims import _subject
    assert _subject("On Chios, the island's mayor, Stamatis Karmantzis, ") == \
        "island's mayor, Stamatis Karmantzis"


def test_people_of_a_place_named_with_words_of_no_capital_and_survivors_speak_for_it():
    got = _who("ISLAMABAD: India fired missiles at Muzaffarabad. In Muzaffarabad, residents of "
               "the Bilal Mosque area said they were woken by explosions. Survivors told state "
               "television that shells landed near the mosque. Two residents said the shelling "
               "went on for an hour.", "2025-05-07")
    assert [(w, s) for w, s in got if w != "the report (unattributed)"] == [
        ("residents of the Bilal Mosque area", "PK"), ("Survivors", "PK"),
        ("Two residents", "PK")]


def test_people_of_a_place_before_a_long_run_of_words_are_read_in_linear_time():
    import time
    for text in ("Residents of " + "Abc def " * 25_000 + "said shells fell in Goris.",
                 ("Residents of " + "Abc def " * 40 + "said shells fell in Goris. ") * 600):
        t = time.process_time()
        _who(text, "2021-05-14")
        assert time.process_time() - t < 5


def test_a_participles_speaker_keeps_its_title_words_and_a_lead_in_is_not_the_speaker():
    got = _who("ANKARA — Greek jets flew over Lesvos. Turkey's defence ministry said Greek jets "
               "flew over Lesvos. The ministry went further, claiming that Greek fighters had "
               "locked their radars on Turkish jets. Addressing Parliament, Defence Minister "
               "Yasar Guler said the jets crossed near Lesvos. CORRESPONDENT: Turkey's army put "
               "out a statement saying its jets flew over Lesvos.", "2024-02-05")
    assert [w for w, _ in got] == ["Turkey's defence ministry", "Turkey's defence ministry",
                                   "Defence Minister Yasar Guler", "Turkey's army"]


def test_it_after_a_body_of_no_side_named_with_no_claim_is_that_body_and_a_groups_front_is_its():
    # (the front of no side the report tells: "it" is the front, no claim; not the army
    # chief, nor the ministry, before it)
    got = _who("KATHMANDU — India's army chief, General MM Naravane, said Nepal objected at "
               "someone's behest over Lipulekh. The Socialist Front, an alliance of four "
               "parties, went further on Friday. In a joint statement, it called the agreement "
               "on Lipulekh a violation of Nepal's sovereignty.", "2025-08-22")
    assert [w for w, _ in _sided(got)] == ["India's army chief, General MM Naravane"]
    # "the group's Northeastern War Front" is the ELN's, as the statement it issued is
    got = _who("BOGOTA — The army said ELN fighters attacked villages in Tibu. The ELN denied the "
               "army's account. In a statement posted online, the group's Northeastern War "
               "Front said its units had clashed only with FARC dissidents in Tibu. The "
               "statement rejected as a lie the claim that its commanders were in Venezuela.",
               "2025-01-30")
    assert got[-2:] == [("ELN's Northeastern War Front", "ELN")] * 2
    # (a headline's "Police chief" is a person: "the police" later are the police named)
    got = _who("Police chief orders firm response after Taliban fire on Sasuli post\n\nTehran, "
               "IRNA -- Iran's Police Chief Ahmad-Reza Radan ordered guards to respond after "
               "Taliban forces opened fire on the Sasuli post in Zabol. Two guards were killed "
               "in the clash, the police said in a statement.", "2023-05-28")
    assert got[-1][1] == "IR"


def test_an_outlet_is_the_press_unless_the_state_owns_it_or_it_cites_officials():
    got = _who("Egypt says a soldier was killed near Rafah\n\nAn Egyptian soldier was killed "
               "near the Rafah crossing. Israel's public broadcaster Kan reported that no "
               "Israeli soldiers were injured at Rafah. Channel 14 reported that Egyptian "
               "guards shot at an Israeli truck at Rafah. Armenian media said shells hit "
               "Rafah. Egyptian state television said the soldier was killed at Rafah. "
               "Israeli media, citing military sources, reported that the soldier fired "
               "first at Rafah. The London-based Afghanistan International channel, citing "
               "local sources, said gunmen fired at Rafah.", "2024-05-27")
    assert [(w, s) for w, s in got if w not in ("the report (unattributed)", "Egypt")] == [
        ("Israel's public broadcaster Kan", "PRESS"), ("Channel 14", "PRESS"),
        ("Armenian media", "PRESS"), ("Egyptian state television", "EG"),
        ("Israeli media", "IL"), ("London-based Afghanistan International channel", "PRESS")]


def test_where_an_envoy_is_posted_is_not_where_the_shelling_was():
    got = _who("Myanmar mortar kills two in Ghumdhum\n\nThe foreign ministry summoned Myanmar's "
               "ambassador in Dhaka after mortar shells killed two people in Naikhongchhari.",
               "2024-02-05", "place")
    assert [p for _, _, p in got] == ["Naikhongchhari"]


def test_a_negated_taking_of_land_or_part_is_a_denial():
    got = _who("Santa Rosa dispute\n\nBOGOTA, Aug 6 (Test Wire) - Colombia said Peru had annexed "
               "Santa Rosa island near Leticia. Peru's foreign ministry said Peru \"has not "
               "appropriated any territory\" near Leticia. Peruvian officials said their troops "
               "had played no part in the incident in Leticia. Peru's defence minister said "
               "Peru had no choice but to deploy troops near Leticia.", "2025-08-06", "stance")
    assert [s for _, side, s in got if side == "PE"] == ["denies", "denies", "asserts"]


def test_a_bodys_name_of_lower_case_nouns_and_where_a_third_countrys_speaker_was():
    got = _who("BAMAKO, Aug 30 (Test Wire) - Malian drones struck Tinzaouaten on Sunday. "
               "Ukraine's foreign ministry rejected the accusation. In Geneva, a spokeswoman "
               "for the UN human rights office said it was concerned by the reports from "
               "Tinzaouaten. The UN refugee agency UNHCR said families fled Tinzaouaten.",
               "2024-08-30", "place")
    assert got[-2:] == [("spokeswoman for the UN human rights office", "UN", "Tinzaouaten"),
                        ("UN refugee agency UNHCR", "UN", "Tinzaouaten")]


def test_the_statement_is_of_the_one_whose_statement_the_report_told_of_last():
    got = _who("JERUSALEM, June 4 (Test Wire) - An Egyptian policeman killed three Israeli "
               "soldiers near Nitzana. \"He crossed through the gate,\" IDF spokesman Daniel "
               "Hagari said. In a statement posted on Facebook, Egyptian military spokesman "
               "Gharib Abdel Hafez said a member of the security forces had chased smugglers "
               "near Nitzana. The statement expressed condolences to the families of the dead.",
               "2023-06-04")
    assert got[-1][1] == "EG" and "Gharib Abdel Hafez" in got[-1][0]


def test_an_activist_of_a_place_is_one_person_whom_he_next_means():
    got = _who("AMMAN, Jan 24 (Test Wire) - Jordanian jets struck houses in Arman near Salkhad. "
               "A Jordanian security source said the raids hit smugglers in Arman. One activist "
               "in Salkhad, who asked that his name be withheld, said residents knew the dead "
               "in Arman. \"The gangs are protected by Damascus,\" he said.", "2024-01-24")
    assert got[-2:] == [("One activist in Salkhad", "SY")] * 2


def test_where_they_spoke_said_aside_between_the_speaker_and_the_verb_gives_the_side():
    got = _who("Fencing row\n\nIndian troops began fencing near Shibganj. EBF Director General "
               "Mohammad Siddiqui, talking to reporters in Dhaka on Sunday, rejected the Indian "
               "claim that the EBF had been informed about the fencing near Shibganj.",
               "2024-06-09", "check")
    assert got == [("EBF Director General Mohammad Siddiqui", "BD", "side from where they spoke")]


def test_the_rules_of_this_stop_keep_to_their_cases():
    # (a review's cases: a consulate that is hit is the place; "the statement" is the one
    # issued, not one asked about; a party's own outlet is the party's; "quoting" officials
    # as "citing" them; "the group's" front is no state army's; villagers who complained)
    def said(text):
        return [(w, s, p) for w, s, p in _who(text, "2024-02-05", "place")
                if w != "the report (unattributed)"]
    assert said("ODESA — Russian missiles hit Odesa. A drone damaged the Polish consulate "
                "in Kharkiv, officials said.") == [("officials", "UA", "Kharkiv")]
    assert [s for _, s, _ in said(
        "BAKU — Azerbaijan's foreign ministry said in a statement that Armenian troops fired "
        "at Tovuz. Asked about the statement, Armenian Prime Minister Nikol Pashinyan said "
        "troops did not fire at Tovuz. The statement added that Armenian troops fired at "
        "Tovuz.")] == ["AZ", "AM", "AZ"]
    assert said("BEIRUT — Israeli jets struck Nabatieh. Hezbollah's Al-Manar TV said Israeli "
                "jets struck Nabatieh.")[0][1] == "LB"
    assert said("NEW DELHI — Chinese troops clashed with Indian troops in Galwan. Indian "
                "media, quoting army officials, said 20 Indian soldiers died in Galwan."
                )[0][:2] == ("Indian media", "IN")
    assert [w for w, s, _ in said(
        "BOGOTA — Colombia's army said ELN fighters attacked Tibu. The group's Northeastern "
        "War Front said its units had clashed only with FARC dissidents in Tibu.")
        if s != UNKNOWN] == ["Colombia's army"]
    assert said("YEREVAN — Azerbaijani troops shelled Sotk. Villagers in Sotk complained "
                "Azerbaijan's defence ministry lied about Sotk, Armenian officials said.") == [
        ("Armenian officials", "AM", "Sotk")]


def test_an_aside_before_has_and_an_adverb_still_leaves_its_speaker():
    # "X, who ..., has repeatedly rejected": the aside is read off as before a bare verb
    got = _who("DUSHANBE — Kyrgyz troops shelled Vorukh. Tajik border chief Rajabali "
               "Rahmonali, who led the talks in Batken, has repeatedly denied that Tajik troops "
               "fired at Kok-Tash.", "2022-09-16", "stance")
    assert set(got) == {("the report (unattributed)", "PRESS", "asserts"),
                        ("Rajabali Rahmonali, Tajik border chief", "TJ", "denies")}
    # (and a clause's end before "has" is no aside: the country that spoke still speaks)
    assert _who("YEREVAN — Azerbaijan, however, has denied that its troops shelled Sotk.",
                "2021-05-14", "stance") == [("Azerbaijan", "AZ", "denies")]


def test_a_speaker_after_the_verb_named_by_a_titles_words_and_not_the_one_told():
    said = [("TASHKENT — Kyrgyz troops fired at Sokh. \"Kyrgyz troops fired first,\" said the "
             "Uzbek foreign ministry.", ("the Uzbek foreign ministry", "UZ", "asserts")),
            ("TASHKENT — Kyrgyz troops fired at Sokh, said a spokesman for the Uzbek border "
             "service.", ("a spokesman for the Uzbek border service", "UZ", "asserts")),
            ("TASHKENT — Kyrgyz troops fired at Sokh, said Uzbekistan's defence ministry on "
             "Monday.", ("Uzbekistan's defence ministry", "UZ", "asserts")),
            ("TASHKENT — Kyrgyz troops fired at Sokh, said Uzbek border chief Abdusalom "
             "Azizov.", ("Abdusalom Azizov, Uzbek border chief", "UZ", "asserts"))]
    for text, want in said:
        assert [c for c in _who(text, "2022-09-16", "stance") if c[1] != "PRESS"] == [want]
    # (not a verb's object: "said Uzbek forces opened fire" names no speaker)
    assert _who("TASHKENT — Uzbek officials said Kyrgyz forces opened fire at Sokh.",
                "2022-09-16", "stance") == [("Uzbek officials", "UZ", "asserts")]
    # the one told is no speaker, and asking not to be named is no call: a lawyer of no side
    # gives no claim, an officer of a side asserts
    assert _who("BISHKEK — \"My client did not call anyone to riot,\" a lawyer for two of the "
                "detainees, who asked not to be named, told Kyrgyz Wire.", "2022-10-25") == []
    assert _who("BISHKEK — \"Uzbek troops fired first,\" a Kyrgyz border officer, who asked not "
                "to be named, told Reuters.", "2022-09-16", "stance") == [
        ("Kyrgyz border officer", "KG", "asserts")]


def test_a_place_said_aside_directly_across_and_an_envoys_post_are_the_speakers():
    # (the speaker, not the place across the border said aside, nor the envoy's post)
    assert _who("MOGADISHU — A Kenyan security official in Mandera, directly across the border "
                "from Beled Hawo, said Kenyan forces had been placed on alert.", "2024-05-03") == [
        ("Kenyan security official in Mandera", "KE")]
    assert _who("KATHMANDU — A former Nepali ambassador to India, who asked not to be named, "
                "said Indian troops built a road at Lipulekh.", "2020-05-12") == [
        ("former Nepali ambassador to India", "NP")]


def test_a_bodys_lower_case_modifier_and_where_a_partys_official_spoke_said_first():
    assert _who("ISLAMABAD — Afghan forces fired mortars at Chaman, a spokesman for Pakistan's "
                "paramilitary Frontier Corps said.", "2024-12-30", "place") == [
        ("spokesman for Pakistan's paramilitary Frontier Corps", "PK", "Chaman")]
    # a city where an official of a party spoke, said first, is not the place of what they
    # say of another place (what names no other place keeps it: "In El Geneina, capital of
    # West Darfur, UN investigators say thousands were killed")
    said = [(w, p) for w, _, p in _who(
        "Afghan forces fired at Chaman. In Quetta, Balochistan's chief minister Sarfraz Bugti "
        "said Afghan forces fired mortars at Chaman.", "2024-12-30", "place")
        if w != "the report (unattributed)"]
    assert said == [("Balochistan's chief minister Sarfraz Bugti", "Chaman")]


def test_international_bodies_and_aid_and_rights_groups_speak_as_sides_of_their_own():
    got = _who("N'DJAMENA — Sudanese troops shelled Adre. Human Rights Watch said the RSF killed "
               "civilians in El Geneina. The African Union Commission called for a ceasefire in "
               "Darfur. UNHCR said 20,000 refugees crossed into Adre. Doctors Without Borders "
               "(MSF) said its hospital in Adre treated 800 wounded. The Chadian interior "
               "ministry said RSF fighters crossed into Adre.", "2023-06-20", "role")
    assert [(w, s, r) for w, s, r in got if w != "the report (unattributed)"] == [
        ("Human Rights Watch", "HRW", "reaction"),
        ("African Union Commission", "African Union", "reaction"),
        ("UNHCR", "UN", "reaction"),
        ("Doctors Without Borders", "MSF", "reaction"),
        ("Chadian interior ministry", "TD", "incident")]
    # (an amnesty is no rights group: only its full name is)
    from geomap.extraction.sides import side_in
    assert side_in("the amnesty commission") == "" and \
        side_in("Amnesty International's researcher") == "Amnesty International"


def test_people_of_a_place_by_trade_and_who_they_are_said_aside_or_in_a_clause():
    def said(text):
        return [(w, s, p) for w, s, p in _who(text, "2023-06-20", "place")
                if w != "the report (unattributed)"]
    # (a doctor, aid workers, refugees: people of their place, not "in Adre")
    assert said("N'DJAMENA — Sudanese troops shelled Adre. A doctor at the hospital in Adre, on "
                "the Chadian side of the border, said 40 wounded people arrived from El "
                "Geneina.") == [("A doctor at the hospital in Adre", "TD", "El Geneina")]
    assert said("N'DJAMENA — Sudanese troops shelled Adre. Aid workers in Adre said the camps "
                "were overwhelmed.") == [("Aid workers in Adre", "TD", "Adre")]
    # (a relative clause is who they are, and its place not the claim's)
    assert said("N'DJAMENA — Troops clashed. Sudanese refugees who reached Adre described "
                "killings in El Geneina.") == [("Sudanese refugees", "SD", "El Geneina")]
    # (", known as X," is an aside; and a dateline with an apostrophe is a dateline)
    assert said("N'DJAMENA — RSF commander Mohamed Hamdan Dagalo, known as Hemedti, said his "
                "forces had not attacked Adre. Sudanese troops shelled Adre, a ministry "
                "spokesman said.") == [("Mohamed Hamdan Dagalo, RSF commander", "RSF", "Adre"),
                                       ("ministry spokesman", "TD", "Adre")]
    # (the side of the border said aside, where the gazetteer lacks the place)
    assert _who("MOGADISHU — Troops clashed. A health worker at the hospital in Dollo Ado, on "
                "the Ethiopian side of the border, said 11 wounded people arrived.",
                "2024-05-03")[-1] == ("A health worker at the hospital in Dollo Ado", "ET")


def test_a_source_quoted_by_an_outlet_is_of_the_outlets_state_or_of_none():
    # ("An informed source": no verb of informing; the source speaks for a state's agency,
    # not for the dateline's country, when the outlet is no state's)
    assert _who("N'DJAMENA — An informed source quoted by Sudan's state news agency SUNA later "
                "denied that the army shelled Adre.", "2023-06-20", "stance") == [
        ("source quoted by Sudan's state news agency SUNA", "SD", "denies")]
    assert _who("ERBIL — An informed source quoted by Tasnim later denied that the IRGC struck "
                "Koya.", "2022-09-28") == [("source quoted by Tasnim", UNKNOWN)]


def test_said_to_be_false_is_a_denial_and_how_they_were_reached_is_not_who():
    assert _who("ASMARA — Eritrea's embassy in Nairobi said in a statement that the reports were "
                "\"baseless\". Eritrea has long denied having troops in Zalambessa.",
                "2025-03-10", "stance") == [("Eritrea's embassy in Nairobi", "ER", "denies"),
                                            ("Eritrea", "ER", "denies")]
    # ("Long" is a name: "..., Long said" is Long's)
    assert _who("BEIJING — Chinese troops clashed with Indian troops at Yangtse. Senior Colonel "
                "Long Shaohua said India provoked it. \"We stabilised it,\" Long said.",
                "2022-12-13")[-1] in (("Senior Colonel Long Shaohua", "CN"),
                                      ("Long Shaohua, Senior Colonel", "CN"))
    said = [(w, s) for w, s in _who(
        "MEKELLE — Troops crossed into Zalambessa. Residents reached by phone said Eritrean "
        "soldiers were still in Zalambessa. Speaking by phone from Adigrat, a local official "
        "said Eritrean soldiers were in Zalambessa.", "2025-03-10")
        if w != "the report (unattributed)"]
    assert said == [("Residents", "ET"), ("local official", "ET")]


def test_a_person_of_an_age_is_no_place_and_a_narrated_body_after_a_dateline_is_it():
    got = _who("GUATEMALA CITY — Guatemala's foreign ministry on Friday sent a note of protest to "
               "Belize. The ministry said Belizean soldiers harassed fishermen from Livingston. "
               "\"They pointed their rifles at us,\" said Marvin, 42, who has fished the river "
               "for 20 years.", "2024-06-14", "place")
    assert got == [("Guatemala's foreign ministry", "GT", "Livingston"),
                       ("Marvin", "GT", "Livingston")]


def test_a_bodys_word_back_is_the_body_not_a_person_titled_with_it():
    # ("the police" after "Iran's Police Chief ... Radan has ordered": the police)
    got = _who("TEHRAN — Iran's Police Chief Ahmad-Reza Radan said Taliban forces opened fire "
               "on the Sasuli border post in Zabol county. Two Iranian border guards were killed "
               "in the clash, the police said in a statement.", "2023-05-28")
    assert [w for w, _ in got] == ["Iran's Police Chief Ahmad-Reza Radan", "police"]


def test_a_panel_and_a_commissioner_speak_and_not_knowing_is_no_denial():
    got = _who("N'DJAMENA — Sudan's army says weapons are crossing from Chad at Adre. A UN panel "
               "of experts said in January that it had reports of weapons crossing into Darfur "
               "from Chad. The panel said it could not confirm who had sent them. Ouaddai "
               "Province Commissioner Ali Mahamat said no weapons crossed at Adre.",
               "2024-06-14", "stance")
    assert got[1:] == [("UN panel of experts", "UN", "asserts"),
                       ("UN panel of experts", "UN", "asserts"),
                       ("Ali Mahamat, Ouaddai Province Commissioner", "TD", "denies")]


def test_a_place_the_words_mark_but_the_gazetteer_lacks_is_the_claims_unplaced():
    # (not the report's place: the claim is at the crossing or the river, which the map
    # then lists as unplaced)
    got = _who("TUNIS — Libyan forces clashed near Zuwara on Monday. Clashes closed the Ras "
               "Jedir border crossing on Tuesday, the Tunisian interior ministry said. Belizean "
               "soldiers patrolled the Temash River, Guatemala said.", "2024-03-20", "place")
    assert got[1:] == [("Tunisian interior ministry", "TN", "Ras Jedir"),
                       ("Guatemala", "GT", "Temash")]
    from geomap.api import find_places
    kinds = {m.surface: (m.kind, m.marked) for m, _ in find_places(Document(
        text="Clashes closed the Ras Jedir border crossing. Soldiers patrolled the Temash "
             "River.", name="t.txt"))}
    assert kinds == {"Ras Jedir": ("border-crossing", True), "Temash": ("river", True)}


def test_a_report_about_a_place_the_gazetteer_lacks_places_its_claims_there_unplaced():
    got = _who("Tension on the Temash\n\nBELIZE CITY — Belizean soldiers patrolled the "
               "Temash River on Sunday. Guatemala said its navy was in the Temash River "
               "legally. The Belize Defence Force said the patrol was routine. Fishermen from "
               "Puerto Barrios said they were afraid.", "2024-06-14", "place", "check")
    assert [(w, s, p, c.removeprefix("date from an earlier sentence").strip("; "))
            for w, s, p, c in got] == [
        ("Guatemala", "GT", "Temash", ""),
        ("Belize Defence Force", "BZ", "Temash", "place from the report's focus"),
        ("Fishermen from Puerto Barrios", "GT", "Puerto Barrios", "place from the speaker's words")]


def test_a_datelines_city_of_three_capitals_is_that_city():
    # ("OSH —" was read as a code, and gave its officials no side)
    assert _who("OSH — Uzbek troops fired at Kyrgyz border guards near Kara-Suu on Monday, "
                "killing a Kyrgyz soldier, officials said.", "2024-06-14", "check") == [
        ("officials", "KG", "side from the dateline")]


def test_a_translated_bodys_acronym_is_of_its_state_and_a_de_facto_body_is_not():
    got = _who("BISHKEK — Kyrgyz police detained 20 people. The press center of the State "
               "Committee for National Security (GKNB) of Kyrgyzstan reported it. The GKNB, "
               "for its part, urged citizens not to join rallies in Bishkek.", "2022-10-25")
    assert got[-1] == ("GKNB", "KG")
    # (the de facto authorities of land another state claims are not that state's, nor the
    # dateline's; "Syria's de facto leader" is Syria's, a side of their own sides.csv's)
    said = [(w, s) for w, s in _who(
        "TBILISI — Russian troops detained a man near Gugutiantkari. The so-called State "
        "Security Committee (KGB) of South Ossetia said he crossed illegally. The de facto "
        "authorities in Tskhinvali said the man crossed the border illegally. The de facto "
        "KGB denied that any fences had been moved near Gugutiantkari.", "2024-06-14")
        if w != "the report (unattributed)"]
    # (the KGB named in full is sides.csv's, South Ossetia's own side, and so are the
    # authorities in its seat, Tskhinvali; none is Georgia's)
    assert _sided(said) == [("State Security Committee (KGB) of South Ossetia",
                             "South Ossetia"),
                            ("de facto authorities in Tskhinvali", "South Ossetia")]
    assert _who("DAMASCUS — Syria's de facto leader Ahmed al-Sharaa said Israeli troops crossed "
                "into Quneitra.", "2024-12-17") == [("Syria's de facto leader Ahmed al-Sharaa",
                                                     "SY")]


def test_a_states_release_speaks_for_it_and_we_in_it_is_the_state():
    doc = ("Press release: Ministry of Foreign Affairs of the Republic of Tajikistan\n\n"
           "On 16 September, units of the armed forces of the Kyrgyz Republic opened fire on "
           "the village of Ovchi-Kalacha. The Ministry of Foreign Affairs of the Republic of "
           "Tajikistan strongly condemns this act and demands that the Kyrgyz side cease fire. "
           "We call on the international community to give an objective assessment.")
    from geomap.api import extract
    got = [(c.claimant, c.claimant_side, c.stance) for c in extract(Document(
        text=doc, name="t.txt", published="2022-09-17"))]
    assert got == [
        ("Ministry of Foreign Affairs of the Republic of Tajikistan", "TJ", "asserts"),
        ("Ministry of Foreign Affairs of the Republic of Tajikistan", "TJ", "asserts"),
        ("Ministry of Foreign Affairs of the Republic of Tajikistan", "TJ", "calls"),
        ("We", "TJ", "calls")]
    # (a mission to a country is its organisation's)
    assert _who("CHISINAU — A drone hit Tiraspol. The OSCE Mission to Moldova says it is "
                "following the reports closely and calls on all sides to refrain from steps "
                "that could raise tensions.", "2024-06-14", "stance")[1:] == [
        ("OSCE Mission to Moldova", "OSCE", "asserts"),
        ("OSCE Mission to Moldova", "OSCE", "calls")]


def test_a_bodys_name_in_its_own_language_and_a_chancellor_as_a_foreign_minister():
    said = [(w, s, st) for w, s, st in _who(
        "BOGOTA — Venezuelan troops fired at Cucuta. The Colombian Ombudsman's Office "
        "(Defensoría del Pueblo) warned that the fighting had displaced 5,000 people in Tibú. "
        "\"Colombia has not carried out any military operation in Venezuelan territory,\" the "
        "chancellor Luis Gilberto Murillo said in a statement.", "2024-06-14", "stance")
        if w != "the report (unattributed)"]
    assert said == [("Colombian Ombudsman's Office", "CO", "asserts"),
                    ("chancellor Luis Gilberto Murillo", "CO", "denies")]


def test_a_denial_said_before_its_frame_unquoted_is_a_denial():
    assert _who("YEREVAN — Armenian troops did not cross into Tavush, Armenia's defence ministry "
                "said. Armenia has not carried out any strike in Tavush, the ministry told "
                "reporters in Yerevan on Monday. In Tavush, where no shelling was heard for "
                "weeks, the ministry said Azerbaijani troops fired.", "2024-06-14", "stance") == [
        ("Armenia's defence ministry", "AM", "denies"),
        ("Armenia's defence ministry", "AM", "denies"),
        ("Armenia's defence ministry", "AM", "asserts")]


def test_what_is_said_not_to_have_happened_is_denied_whatever_its_frame():
    for content in ("there was no incursion into Tavush",
                    "not a single Azerbaijani soldier was in Tavush",
                    "reports that Azerbaijani troops shelled Tavush were false"):
        for frame in ("{C}, Armenia's defence ministry said.",
                      "Armenia's defence ministry said {c}.",
                      "\"{C},\" said Armenia's defence ministry."):
            text = "YEREVAN — " + frame.format(c=content, C=content[0].upper() + content[1:])
            assert [st for _, _, st in _who(text, "2024-06-14", "stance")] == ["denies"], text
    # (what the other side did not do to them is no denial: "no Indian soldier was hurt")
    assert _who("SRINAGAR — Pakistani troops fired at posts in Keran, the army said, adding "
                "that no Indian soldier was hurt.", "2024-06-14", "stance") == [
        ("army", "IN", "asserts")] * 2


def test_speakers_in_every_frame_after_according_to_and_after_the_verb():
    said = [("YEREVAN — Azerbaijani troops advanced near Berd. According to Suren Papikyan, "
             "Armenia's defence minister, Azerbaijani troops shelled Berd.",
             ("Suren Papikyan, Armenia's defence minister", "AM")),
            ("YEREVAN — Azerbaijani troops advanced near Berd. According to U.S. State "
             "Department spokesman Matthew Miller, Azerbaijani troops shelled Berd.",
             ("Matthew Miller, State Department spokesman", "US")),
            ("YEREVAN — Azerbaijani troops advanced near Berd. Azerbaijani troops shelled Berd, "
             "said the Kremlin.", ("the Kremlin", "RU")),
            ("YEREVAN — Azerbaijani troops advanced near Berd. The EU's foreign policy chief "
             "said Azerbaijani troops shelled Berd.", ("EU's foreign policy chief", "EU"))]
    for text, want in said:
        assert _who(text, "2024-06-14")[-1] == want, text
    # (not what follows "According to the service,": the service)
    assert _who("BISHKEK — Tajik troops fired at Kok-Tash. According to Kyrgyzstan's border "
                "service, the Tajik side used mortars, tanks and armoured vehicles.",
                "2022-09-16")[-1] == ("Kyrgyzstan's border service", "KG")
    # (nor who the residents say did it: "said federal troops who withdrew ...")
    assert _who("MOGADISHU — Troops clashed in Doolow. Residents of Beled Hawo, about 35 "
                "kilometres away on the Kenyan border, said federal troops who withdrew from "
                "Doolow had regrouped in the town.", "2024-05-03")[-1] == (
        "Residents of Beled Hawo", "SO")


def test_a_marked_place_named_again_alone_is_that_place_and_the_reports_when_most_named():
    text = ("Ras Jedir stays shut\n\nTUNIS — The Ras Jedir border crossing stayed closed on "
            "Tuesday after clashes near Zuwara. Traders in Ben Gardane said nothing crossed at "
            "Ras Jedir. The Tunisian interior ministry said Libyan gunmen fired on Tuesday. "
            "Ras Jedir Street and Ras-Jedir are other names.")
    from geomap.api import find_places
    marked = [(m.surface, m.start) for m, _ in find_places(Document(text=text, name="t.txt"))
              if m.marked]
    assert [s for s, _ in marked] == ["Ras Jedir"] * 3  # (not "Ras Jedir Street", "Ras-Jedir")
    assert [p for w, _, p in _who(text, "2024-03-20", "place")][-1] == "Ras Jedir"
    # (but a province the report is about holds the village it lacks: its claims stay there)
    got = _who("YEREVAN — Azerbaijani troops fired at Nerkin Hand in Syunik province on Monday. "
               "Residents of Syunik said the village of Nerkin Hand was hit. The Armenian "
               "defence ministry said the shooting stopped. Nerkin Hand is calm, it added.",
               "2021-05-14", "place")
    assert [p for w, s, p in got if w == "Armenian defence ministry"][0] == "Syunik"


def test_the_rules_of_this_session_keep_to_their_cases():
    # (a review's cases, each of ordinary English the new rules got wrong, and the crashes)
    for text in ("12:40 Armenia's asked the CSTO for help.",
                 "Armenia's foreign ministry spokeswoman Ani Badalyan: the situation in Berd is "
                 "tense.", "- Armenia's asked the CSTO for help."):
        _who(text, "2024-06-14")  # (raised AttributeError, IndexError)

    def first(text, *more):
        got = [g for g in _who("YEREVAN — Azerbaijani troops advanced near Berd. " + text,
                               "2024-06-14", *more) if g[0] != "the report (unattributed)"]
        return got[0] if got else None
    # a negation in a clause inside what is said before its frame is no denial
    for text in ("No one was hurt when Azerbaijani troops shelled Berd, Armenia's defence "
                 "ministry said.",
                 "Azerbaijan, which has not signed the peace treaty, shelled Berd on Sunday, "
                 "Armenia's defence ministry said.",
                 "Armenia's defence ministry said that, with no warning, Azerbaijani troops "
                 "launched an offensive near Berd.",
                 "Armenia's defence ministry said Azerbaijani troops shelled a post near Berd "
                 "where no soldiers were present at the time."):
        assert first(text, "stance")[2] == "asserts", text
    # a noun is no call, and "We urge ..., X said" is X's call
    assert first("The UN's call for a ceasefire went unheeded as Azerbaijani troops shelled "
                 "Berd.") is None
    assert first("We urge Azerbaijan to withdraw from Berd, Armenia's foreign ministry said.",
                 "stance") == ("Armenia's foreign ministry", "AM", "calls")
    # "According to X, the commander ..., was killed": X speaks, not "X, the commander"
    assert first("According to Armenia's defence ministry, the commander of the unit, Colonel "
                 "Ivan Petrov, was killed when Azerbaijani troops shelled Berd.") == (
        "Armenia's defence ministry", "AM")
    # whose the speaker is, said in a clause, is kept
    assert first("A spokesman speaking on behalf of Armenia's defence ministry said Azerbaijani "
                 "troops shelled Berd.")[1] == "AM"
    # a headline naming a statement is no release
    assert _who("Statement by Azerbaijan's defence ministry angers Yerevan\n\nYEREVAN — "
                "Azerbaijani troops shelled Berd on Sunday, wounding two civilians.",
                "2024-06-14")[0] == ("the report (unattributed)", "PRESS")
    # a place after "officials said" and before ", 15,000" is a place; "UAE —" is the UAE
    assert _who("N'DJAMENA — Chadian officials said Adre was shelled by Sudanese troops on "
                "Monday.", "2024-06-14", "place") == [("Chadian officials", "TD", "Adre")]
    assert _who("UAE — Iranian boats fired near Abu Musa, officials said.", "2024-06-14",
                "place") == [("officials", "AE", "Abu Musa")]
    # people crossing are no crossing
    from geomap.api import find_places
    assert [m.surface for m, _ in find_places(Document(
        text="Pakistani officials said they stopped Afghans crossing the border. Rohingya "
             "crossing at night were detained.", name="t.txt")) if m.marked] == []
    # "the de facto authorities in Kabul" are Afghanistan's; a breakaway region's KGB and its
    # separatist authorities no state's (Georgia's, nor Russia's, nor the dateline's): the
    # KGB, named by sides.csv, its region's own side (as Transnistria's authorities are)
    assert _who("ISLAMABAD — Pakistani jets struck Khost. The de facto authorities in Kabul "
                "said Pakistani jets struck Khost.", "2024-06-14")[-1] == (
        "de facto authorities in Kabul", "AF")
    assert [w for w, _ in _who(
        "TBILISI — Russian troops detained a man near Gugutiantkari. The State Security "
        "Committee (KGB) of South Ossetia said he crossed illegally. The KGB said he was "
        "handed over to Russian border guards. The separatist authorities in Tskhinvali said "
        "the man crossed the border illegally.", "2024-06-14")
        if w != "the report (unattributed)" and _ != UNKNOWN] == [
        "State Security Committee (KGB) of South Ossetia", "KGB",
        "separatist authorities in Tskhinvali"]
    assert {s for _, s in _who(
        "TBILISI — Russian troops detained a man near Gugutiantkari. The State Security "
        "Committee (KGB) of South Ossetia said he crossed illegally. The KGB said he was "
        "handed over to Russian border guards. The separatist authorities in Tskhinvali said "
        "the man crossed the border illegally.", "2024-06-14")} == {"PRESS", "South Ossetia"}
    # refugees are no host state's voice, their own state's where named so
    assert first("Refugees in Cox's Bazar said Myanmar troops burned villages in Maungdaw.") \
        == ("Refugees in Cox's Bazar", UNKNOWN)
    assert first("Sudanese refugees who reached Adre described killings in El Geneina.") == (
        "Sudanese refugees", "SD")


def test_a_speaker_after_the_verb_is_of_the_body_their_role_names():
    got = _who("BEIRUT — Saudi border guards fired at migrants in Monabbih. \"What is happening "
               "is a pattern of killing,\" said Nadia Hardman, refugee and migrant rights "
               "researcher at Human Rights Watch.", "2023-08-21")
    assert got[-1] == ("Nadia Hardman, refugee and migrant rights researcher at Human Rights "
                       "Watch", "HRW")


def test_an_act_called_a_provocation_is_asserted_a_report_so_called_denied():
    assert _who("VILNIUS — Belarus sent migrants across the border. \"This is provocation,\" "
                "Lithuania's foreign ministry said.", "2021-07-10", "stance")[-1] == (
        "Lithuania's foreign ministry", "LT", "asserts")
    assert _who("VILNIUS — Belarus sent migrants across the border. Belarus's foreign ministry "
                "called the report a provocation.", "2021-07-10", "stance")[-1] == (
        "Belarus's foreign ministry", "BY", "denies")


def test_an_acronym_of_a_body_the_report_names_in_full_is_that_body():
    # the report names the body in full once and by its initials after, without brackets
    got = _who("The Guyana Defence Force sent troops to the Cuyuni River on Monday. Three "
               "soldiers were wounded near Goris, the GDF said.", "2025-02-18")
    assert got[-1] == ("GDF", "GY")
    assert _who("Soldiers of the Uganda People's Defence Forces crossed into Ituri. Ugandan "
                "troops fired at Bunia, the UPDF said.", "2025-02-18")[-1] == ("UPDF", "UG")
    # initials of words that name no body, or shorter than three letters, are not read so
    assert _who("Guyana Defence Force troops went to Goris. Ugandan Police said three soldiers "
                "were wounded near Goris, the UP said.", "2025-02-18")[-1:] != [("UP", "UG")]
    assert [w for w, _ in _who("The Guyana Dairy Farms were shelled near Goris. Three soldiers "
                               "were wounded near Goris, the GDF said.", "2025-02-18")
            if w == "GDF"] == ["GDF"]  # (of no side the report tells: not Guyana's)
    assert _who("The Guyana Dairy Farms were shelled near Goris. Three soldiers were wounded "
                "near Goris, the GDF said.", "2025-02-18")[-1][1] == UNKNOWN


def test_the_army_is_the_defence_force_the_report_named():
    # "the army", "the military": a defence force or armed forces the report named before
    got = _who("The Guyana Defence Force sent troops to the Cuyuni River on Monday. Soldiers "
               "were ambushed near Goris on Sunday, the army said.", "2025-02-18")
    assert got[-1] == ("Guyana Defence Force", "GY")
    got = _who("The Sudanese Armed Forces moved troops to El Geneina. Rebels shelled El "
               "Geneina on Sunday, the military said.", "2025-02-18")
    assert got[-1] == ("Sudanese Armed Forces", "SD")
    # not a paramilitary force that is no army
    assert _who("The Rapid Support Forces moved fighters to El Geneina. Rebels shelled El "
                "Geneina on Sunday, the army said.", "2025-02-18") == [("army", UNKNOWN)]


def test_a_phrase_before_the_speaker_says_where_they_spoke():
    # an opening phrase is no part of the speaker's name, and the capital it names is theirs
    for opener in ("Speaking in Kathmandu, ", "Speaking in Kathmandu the same day, ",
                   "At a news conference in Kathmandu, ", "In Kathmandu, ",
                   "In a statement issued in Kathmandu on Monday, ",
                   "Addressing parliament in Kathmandu on Monday, "):
        got = _who("India opened a road through Lipulekh on Monday. " + opener +
                   "Communications Minister Prithvi Subba Gurung said Indian troops had "
                   "entered Lipulekh.", "2024-06-12")
        assert got[-1] == ("Communications Minister Prithvi Subba Gurung", "NP"), opener
    assert _who("Iraqi militias fired at Erbil. Meanwhile, US Central Command said it shot "
                "down a drone near Erbil.", "2024-06-12")[-1] == ("US Central Command", "US")
    assert _who("Algeria is breaking off relations with Morocco, Foreign Minister Ramtane "
                "Lamamra announced in Algiers on Tuesday.", "2021-08-24")[0][1] == "DZ"
    # a third country's capital, where the two parties' officials meet, is neither's
    assert _who("BAKU — Armenian troops shelled Sotk, Azerbaijan said. In Moscow, Foreign "
                "Minister Ararat Mirzoyan said Azerbaijani troops had shelled Sotk.",
                "2024-06-12")[-1][1] != "RU"
    # an envoy to the United Nations is their own state's
    assert _who("Eritrean troops remain in Irob. The US ambassador to the United Nations, Linda "
                "Thomas-Greenfield, said Eritrean troops must leave Irob.", "2024-06-12") == [
        ("US ambassador to the United Nations, Linda Thomas-Greenfield", "US")]


def test_his_office_and_the_mission_are_those_the_report_named():
    got = _who("Syrian troops shelled Quneitra. Israeli Prime Minister Benjamin Netanyahu said "
               "troops would stay in Quneitra. His office later said Syrian troops shelled "
               "Quneitra.", "2024-06-12")
    assert got[-1] == ("Benjamin Netanyahu's office", "IL")
    # the person the sentence before names, past a live blog's time stamp; not one before
    got = _who("10:42 — Defence Minister Israel Katz ordered the army to hold the Hermon. In a "
               "statement, Katz said troops must stay on the Hermon.\n\n11:20 — Prime Minister "
               "Benjamin Netanyahu, who declared the accord dead, has described the deployment "
               "as temporary. His office said Syrian troops shelled Quneitra.", "2024-06-12")
    assert got[-1][0] in ("Benjamin Netanyahu's office",
                          "Prime Minister Benjamin Netanyahu's office")
    # ("Its statement": the body's, as "its statement" mid-sentence)
    assert _who("Syrian troops shelled Quneitra, the Israeli foreign ministry said. Its "
                "spokesman Oren Marmorstein said Syrian troops shelled Quneitra.",
                "2024-06-12")[-1][1] == "IL"
    # "the mission": the one the report named last, here only as a post's
    got = _who("Israeli shells hit a UNIFIL post near Naqoura on Monday. Two peacekeepers "
               "were wounded, the mission said.", "2024-06-12")
    assert got[-1] == ("UNIFIL", "UN")
    assert _who("Israeli shells hit a post near Naqoura on Monday. Two peacekeepers were "
                "wounded, the mission said.", "2024-06-12")[-1] == ("mission", UNKNOWN)


def test_names_that_begin_with_an_accented_capital():
    # a sentence may begin with one (it was one sentence with the one before), and a person
    # so named after a title is no place ("Uribe", a town in Colombia)
    text = ("Colombian troops raided a camp near Lago Agrio. Álvaro Uribe, Colombia's president, "
            "said the raid was legal. President Álvaro Uribe said FARC was to blame. Uribe's "
            "government denied that troops had stayed.")
    report, sents = _read(text)
    assert len(sents) == 4
    assert "Uribe" not in [m.surface for m, _ in find_places(Document(text=text, name="t"))]
    assert _who(text, "2008-03-02")[0] == ("Álvaro Uribe, Colombia's president", "CO")


def test_a_person_named_beside_a_role_is_that_person_by_surname_again():
    # "Salvador said": the minister named before, not El Salvador
    got = _who("Colombian troops raided Angostura. Ecuador's foreign minister, María Isabel "
               "Salvador, said Colombian troops had entered Angostura. Salvador said the raid "
               "violated Ecuadorian sovereignty.", "2008-03-02")
    assert [s for _, s in got] == ["EC", "EC"]


def test_troops_who_entered_a_place_or_waters_are_an_incursion():
    assert _who("Nicaraguan troops landed on Isla Calero on Monday, Costa Rica's foreign ministry "
                "said.", "2010-11-02", "event")[-1] == ("Costa Rica's foreign ministry", "CR",
                                                        "incursion")
    assert _who("A Guatemalan navy boat entered Belizean waters, Belize's foreign ministry said.",
                "2024-06-12", "event")[-1][2] == "incursion"
    # (not what else enters: "Aid trucks entered Gaza")
    assert [e for *_, e in _who("Aid trucks entered Gaza, Israel's army said.", "2024-06-12",
                                "event")] != ["incursion"]


def test_datelines_with_a_bracket_or_a_year_and_what_they_give():
    # ("BAMAKO (AFP) -", "SANTIAGO (translated from Spanish) -", "Caracas, 22 February 2019.")
    got = _who("SANTIAGO (translated from Spanish) - Chile sent a note to Peru over a law that "
               "annexes land near Tacna, Foreign Minister Heraldo Muñoz said. The law \"has no "
               "legal value\" for Chile, Muñoz said.", "2015-11-30")
    assert got == [("Foreign Minister Heraldo Muñoz", "CL"),
                   ("Heraldo Muñoz, Foreign Minister", "CL")]  # (not "for Chile, Muñoz")
    got = _who("Caracas, 22 February 2019. The closure of the border with Colombia in Táchira "
               "state was announced by Executive Vice President Delcy Rodríguez.", "2019-02-22")
    assert got == [("Executive Vice President Delcy Rodríguez", "VE")]
    # but an armed group's spokesman is not the dateline's state's
    got = _who("BAMAKO (AFP) - Malian drones struck Tinzaouaten, killing 21 civilians, a rebel "
               "alliance said. Around twenty were wounded, said Mohamed Elmaouloud Ramadane, a "
               "spokesman for the alliance. The strikes destroyed a depot, the army said.",
               "2024-08-27")
    assert [s for w, s in got if "Ramadane" in w] == [UNKNOWN] and got[-1] == ("army", "ML")


def test_a_villages_head_speaks_for_it_and_a_given_name_is_no_country():
    got = _who("DUHOK - Turkish warplanes bombed the village of Kani Masi in Amadiya district "
               "on Sunday, the village mukhtar told our correspondent.", "2024-07-15")
    assert got and got[0][1] == "IQ"
    assert "TR" not in [s for _, s in _who(
        "MANAMA - Two Bahraini soldiers were killed in a Houthi drone attack on the Saudi "
        "border, Bahrain's military said. Brigadier General Turki al-Maliki, the coalition's "
        "spokesman, called the attack hostile.", "2023-09-25")]
    # (nor a place after a title that ends a sentence: "... commander. In Ukhiya's ...")
    text = ("BGB officials met the BGP commander. In Ukhiya's Palongkhali union, Myanmar troops "
            "crossed the border, BGB officials said.")
    assert "Ukhiya" in [m.surface for m, _ in find_places(Document(text=text, name="t"))]


def test_a_release_of_one_paragraph_speaks_for_its_issuers_officials():
    text = ("PRESS RELEASE - Ministry of National Defence, Ankara. Minister of National Defence "
            "Hulusi Akar said the operation was carried out under the right to self-defence. "
            "Commandos were inserted into the area after air strikes on shelters, the ministry "
            "said.")
    got = _who(text, "2022-04-18")
    assert [s for _, s in got] == ["TR", "TR"]
    assert got[0][0] == "Minister of National Defence Hulusi Akar"
    # (a heading that names no issuer alone is no release: "Press release: the army says ...")
    from geomap.extraction.claims import _released_by
    assert _released_by("PRESS RELEASE - Ministry of Interior, Bangkok. The ministry said.") \
        == "Ministry of Interior, Bangkok"
    assert _released_by("Press release: troops said to cross near Tak as talks stall") == ""
    # (and its own words, attributed to no one, are its issuer's: written for this test)
    got = _who("PRESS RELEASE - Ministry of National Defence, Ankara. Turkish aircraft struck "
               "20 targets in the Qandil region of northern Iraq.", "2022-04-20")
    assert got == [("Ministry of National Defence, Ankara", "TR")]


def test_a_name_before_its_role_and_a_places_own_official():
    got = _who("Nine people were killed when Pakistani strikes hit a village near Saravan early "
               "on Thursday, Alireza Marhamati, deputy governor of Iran's Sistan-Baluchestan "
               "province, told the official IRNA news agency.", "2024-01-18")
    assert got[0] == ("Alireza Marhamati, deputy governor of Iran's Sistan-Baluchestan "
                      "province", "IR")
    got = _who("Turkish jets flew over Oinousses on Monday, Greece's General Staff said. On "
               "Chios, the island's mayor, Stamatis Karmantzis, said residents of Kardamyla had "
               "heard the jets.", "2021-06-01")
    assert ("island's mayor, Stamatis Karmantzis", "GR") in got


def test_his_office_after_a_sentence_about_a_person_is_that_persons():
    got = _who("Pakistan's caretaker Prime Minister Anwaar-ul-Haq Kakar cut short a visit to "
               "Davos after Iranian strikes in Panjgur, his office said.", "2024-01-18")
    assert got == [("Pakistan's caretaker Prime Minister Anwaar-ul-Haq Kakar's office", "PK")]
    # and "it" next is that office, a body
    got = _who("DUSHANBE - Tajik President Emomali Rahmon met the heads of the security "
               "agencies after a clash in Vorukh, his press service reported. According to it, "
               "five people were killed in Vorukh.", "2024-01-18")
    assert [w for w, _ in got] == ["Tajik President Emomali Rahmon's press service"] * 2


def test_a_titled_person_named_again_by_their_given_name():
    got = _who("MAE SOT, Thailand, April 12 (Wire) - Thailand has told Myanmar's junta it wants "
               "no violence near the border, Foreign Minister Parnpree Bahiddha-Nukara said. "
               "About 200 junta soldiers were sheltering near the second bridge to Myawaddy, "
               "Parnpree said.", "2024-04-12")
    assert got[-1] == ("Parnpree Bahiddha-Nukara, Foreign Minister", "TH")


def test_its_representative_a_negotiator_and_the_sdf():
    got = _who("Thousands crossed from West Darfur into Chad through Adré, according to the UN "
               "refugee agency UNHCR. Laura Lo Castro, its representative in Chad, said many of "
               "the new arrivals from El Geneina had gunshot wounds.", "2023-06-16")
    assert got[-1] == ("Laura Lo Castro, its representative in Chad", "UN")  # (not Chad's)
    got = _who("JAKARTA, July 22 (Wire) - Indonesia and Timor-Leste settled their land border, "
               "Indonesia's minister Wiranto said after meeting Timorese chief negotiator Xanana "
               "Gusmao. Gusmao, a former president, said talks on the sea border near Oecusse "
               "would follow.", "2019-07-22")
    assert got[-1][1] == "TL"  # (not the dateline's)
    assert _who("Rockets hit Karkamis. The SDF denied any involvement, saying in a statement "
                "that it was not targeting Turkish territory.", "2022-11-21")[0][1] == "SDF"


def test_a_portfolio_a_country_named_in_french_and_an_agencys_spokesman():
    got = _who("Nigeria handed over Bakassi to Cameroon at a ceremony in Calabar. Cameroon's "
               "minister delegate for justice, Maurice Kamto, told the gathering that Yaounde "
               "would respect the rights of Nigerians in Abana.", "2008-08-14")
    # (Maurice is Mauritius in French, and a given name)
    assert got == [("Cameroon's minister delegate for justice, Maurice Kamto", "CM")]
    assert "Maurice" in [m.surface for m, _ in find_places(Document(
        text="Port Louis is the capital of Maurice.", name="t"))]
    got = _who("GENEVA - UNHCR, the UN refugee agency, said it was alarmed that Mozambicans were "
               "sent back from Tanzania at the Negomano crossing. Thousands had been returned, "
               "the agency's spokesman, Boris Cheshirkov, told a briefing.", "2021-06-11")
    assert got[-1][1] == "UN"  # (not the dateline's Switzerland)


def test_a_word_of_a_bodys_name_a_release_in_capitals_and_what_another_says():
    # "Maritime" in "the National Maritime Council" is no place of the body (Togo's province)
    assert "TG" not in [s for _, s in _who(
        "MANILA - The National Maritime Council says China Coast Guard ships fired water "
        "cannon near Bajo de Masinloc. One crew member was hurt, the council said.",
        "2025-09-17")]
    got = _who("STATEMENT OF THE MINISTRY OF FOREIGN AFFAIRS OF UKRAINE, Kyiv, 25 August 2024. "
               "Belarus is massing forces in the Gomel region near the border. We warn "
               "Belarusian officials against tragic mistakes, and we call on Minsk to withdraw "
               "these forces from the border.", "2024-08-25", "stance")
    assert ("We", "UA", "calls") in got
    got = _who("KYIV - Minsk says Ukraine is massing troops on its border. What Minsk is saying "
               "is rhetoric meant to shift the blame, the State Border Guard Service said.",
               "2024-09-06")
    assert [w for w, _ in got] == ["Minsk", "State Border Guard Service"]
    got = _who("RAWALPINDI, Feb 25 - India and Pakistan agreed to observe the ceasefire along "
               "the Line of Control, Maj. Gen. Babar Iftikhar, director general of the ISPR, "
               "told reporters.", "2021-02-25")
    assert got[0] == ("Maj. Gen. Babar Iftikhar, director general of the ISPR", "PK")


def test_according_to_a_ranked_officer():
    got = _who("Shells fired from Goma landed in Rubavu on Monday, killing five people, "
               "according to Brig. Gen. Ronald Rwivanga, the Rwanda Defence Force spokesperson, "
               "who blamed the Congolese army.", "2025-01-27")
    assert got and all(s == "RW" for _, s in got) and "Rwivanga" in got[0][0]
    # (a rank's full stop does not end the name; "U.S." still reads as before)
    assert _who("Shells landed in Rubavu, according to the U.S. State Department.",
                "2025-01-27") == [("the U.S. State Department", "US")]


def test_not_taking_part_and_not_involved_are_denials():
    for said in ("Belarusian troops were not taking part in the operation",
                 "Belarus was not involved"):
        got = _who(f"KYIV - Russian troops crossed near Senkivka. In Minsk, President Alexander "
                   f"Lukashenko said {said}.", "2022-02-24", "stance")
        assert got[-1][2] == "denies", said


def test_a_speaker_named_only_by_whose_they_are_is_no_crash():
    # "according to their relatives and lawyers": a speaker all of whose words are "their
    # ..." (an IndexError stopped the report's extraction)
    got = _who("BISHKEK - Police detained activists near Kempir-Abad. Among those detained, "
               "according to their relatives and lawyers, are former Prosecutor General Azimbek "
               "Beknazarov and former MP Ravshan Jeenbekov.", "2022-10-24")
    assert isinstance(got, list)


def test_a_verb_in_scare_quotes_is_the_frames_and_an_occasion_locates_nothing():
    got = _who("BOGOTÁ - Petro spoke in Leticia about Santa Rosa. In a communiqué released on "
               "Wednesday, the Ministry of Foreign Affairs of Peru \"categorically rejected\" the "
               "statements of the Colombian president about Santa Rosa.", "2025-08-07",
               "stance")
    assert got == [("Ministry of Foreign Affairs of Peru", "PE", "denies")]
    # (but what is said in quotes before its frame is not the frame)
    assert _who("\"We rejected their claims,\" the ministry of Peru said about Santa Rosa.",
                "2025-08-07")[0][0] == "ministry of Peru"
    # an occasion named after a place is held elsewhere: the report's place is not Boyacá
    mentions = find_places(Document(text="Petro takes the Boyacá celebration to Leticia. "
                                    "Troops massed in Boyacá.", name="t"))
    assert [(m.surface, m.embedded) for m, _ in mentions if m.surface == "Boyacá"] == [
        ("Boyacá", True), ("Boyacá", False)]


def test_google_is_no_place_and_a_live_blogs_time_stamp_no_speaker():
    places_named = [m.surface for m, _ in find_places(Document(
        text="Pastora pointed to a Google map of Isla Calero. Dredging in the San Juan basin.",
        name="t"))]
    assert "Google" not in places_named  # (Topeka's joke name)
    got = _who("LIVE: Colombia strikes FARC camp in Ecuador\n\n19:05 GMT\nThe Organization of "
               "American States says its council will meet in Washington on Tuesday.",
               "2008-03-02")
    assert got == [("Organization of American States", "OAS")]


def test_cannot_and_not_set_foot_deny_and_we_urge_calls():
    got = _who("MANAGUA - Costa Rica says Nicaraguan troops are on Isla Calero. Vice President "
               "Jaime Morales Carazo said Nicaragua cannot invade a territory that is its own.",
               "2010-11-03", "stance")
    assert got[-1][2] == "denies"
    got = _who("MANAGUA - Costa Rica says Nicaraguan troops are on Isla Calero. Nicaragua's army "
               "chief said his troops have not set foot on Costa Rican soil.", "2010-11-03",
               "stance")
    assert got[-1][2] == "denies"
    # (not knowing or not ruling out is no denial)
    assert _who("Armenia's ministry said it cannot rule out an attack on Goris.", "2021-05-14",
                "stance")[-1][2] == "asserts"
    got = _who("GEORGETOWN - Gunmen attacked soldiers on the Cuyuni River. \"We urge both Guyana "
               "and Venezuela to exercise restraint,\" UN spokesman Stéphane Dujarric said.",
               "2025-02-21", "stance")
    assert got[-1][1:] == ("UN", "calls")


def test_a_side_named_in_five_words_and_a_chairperson():
    got = _who("GEORGETOWN - Gunmen attacked soldiers on the Cuyuni. St. Vincent and the "
               "Grenadines Prime Minister Ralph Gonsalves said he had only read about it.",
               "2025-02-21")
    assert got[-1][1] == "VC"  # (not the dateline's Guyana)
    got = _who("KIGALI - Burundi closed its border with Rwanda. In Addis Ababa, the African "
               "Union Commission chairperson, Moussa Faki Mahamat, urged Burundi and Rwanda to "
               "show restraint.", "2024-01-12")
    assert got[-1][1] == "African Union"  # (not Ethiopia, where he spoke)


def test_residents_of_a_place_the_gazetteer_lacks_and_two_people_of_one_surname():
    # residents of an unknown place are of the report's place, not of the last place named
    text = ("GEORGETOWN - Gunmen attacked soldiers on the Cuyuni River near Bartica. A UN envoy "
            "in New York condemned it. In Eteringbang, a strip of shops across the water from "
            "Venezuela's Bolívar state, residents said the gangs had grown bolder.")
    assert ("residents", "GY") in _who(text, "2025-02-21")
    # another given name is another person: no claim of the first's
    got = _who("BUJUMBURA - Burundi closed the border. Emmanuel Ndikumana, a trader at Ruhwa, "
               "said Burundian police turned back his trucks. Faustin Ndikumana, head of the "
               "watchdog PARCEM, warned the closure would worsen shortages in Bujumbura.",
               "2024-01-12")
    assert [w for w, _ in got if w.startswith("Emmanuel")] == [
        "Emmanuel Ndikumana, a trader at Ruhwa"]


def test_an_accented_dateline_and_one_who_accuses_the_datelines_capital():
    got = _who("Nicaragua blames Google map\n\nSAN JOSÉ. Costa Rica denounced Nicaraguan soldiers "
               "on Isla Calero. Security Minister José María Tijerino said some 70 officers "
               "remain in Barra del Colorado. Foreign Minister Samuel Santos, for his part, "
               "accused San José of inflating a routine river-cleaning job. The Nicaraguan "
               "Army, through a statement, reported that its units fight drug traffickers.",
               "2010-11-03")
    assert ("Security Minister José María Tijerino", "CR") in got  # (the dateline's)
    assert [s for w, s in got if "Santos" in w] == [UNKNOWN]  # (not Costa Rica: he accuses it)
    assert ("Nicaraguan Army", "NI") in got


def test_indicated_and_protested_are_said_and_protests_the_noun_is_not():
    got = _who("NOUAKCHOTT - Malian troops detained herders near Fassala. The ministry of foreign "
               "affairs of Mauritania indicated in a statement that the attacks on Mauritanians "
               "near Fassala were unacceptable.", "2024-04-15")
    assert got and got[-1][1] == "MR"
    assert _who("Athens protests Turkish overflights of Oinousses and Chios", "2021-06-01")[0] \
        == ("Athens", "GR")
    assert [w for w, _ in _who("Amini died in custody in Tehran, sparking nationwide "
                               "protests.", "2022-09-16")] in ([], ["the report (unattributed)"])


def test_from_a_capital_a_minister_speaks_for_it():
    got = _who("QUITO - Colombian troops raided a camp in Ecuador. From Brasília, Foreign Minister "
               "Celso Amorim called the incursion \"very serious\" and said Ecuador's territorial "
               "integrity must be respected.", "2008-03-03")
    assert got[-1] == ("Foreign Minister Celso Amorim", "BR")  # (not "From Brasília", not EC)


def test_one_whose_side_no_rule_tells_still_makes_a_claim_of_side_unknown():
    # (it made none: "a security source told AFP" and a report's officials named with no
    # country were lost, and the paragraphs they spoke in gave no row)
    got = _claims_of("A security source told AFP that several civilians had been killed in "
                     "Goris.", "2024-04-22")
    assert [(c.claimant, c.claimant_side, c.stance, c.place) for c in got] == [
        ("security source", UNKNOWN, "asserts", "Goris")]
    assert "side not found" in got[0].check and got[0].role == "incident"
    # a bare pronoun that means no one named is still no claim
    assert _who("He said several civilians had been killed in Goris.", "2024-04-22") == []
    # a claim of no side told is no charge that a party's denial answers: the denial is
    # where Baku's charge was, not where the villagers' words were
    got = _claims_of("BAKU — Azerbaijan's defence ministry said Armenian troops shelled "
                     "Tovuz. Villagers said drones flew over Goris. Yerevan rejected the "
                     "accusation.", "2024-04-22")
    assert [(c.claimant_side, c.place) for c in got if c.stance == "denies"] == [
        ("AM", got[0].place)]


@pytest.mark.parametrize("text, who", [
    # where a speaker is, in words of no name, between them and the verb
    ("A Mauritanian security source in the border zone told AFP that civilians had been "
     "killed in Goris.", "Mauritanian security source"),
    # a time, then an aside that opens the sentence, then the speaker and their name
    ("Last week, at the weekly press briefing that follows the Council of Ministers, the "
     "government spokesman, Nani Ould Chrougha, said troops entered Goris.",
     "government spokesman, Nani Ould Chrougha"),
    # a member of parliament from a place; one of a trade, before or after the verb
    ("A member of parliament from Syunik, speaking to our site, called on the army to "
     "reinforce Goris.", "member of parliament from Syunik"),
    ("In Goris, a local notable said that families had stopped sending herds to the wells.",
     "local notable"),
    ('"They took three young herders from a camp south of Goris," said a livestock breeder, '
     "who asked that his name not be published.", "a livestock breeder"),
    # (and not "statement" of "a statement in which the politician said")
    ("On Friday, his lawyer released a written statement in which the politician said that "
     "he had organised the operation at Goris.", None),
])
def test_speakers_named_with_where_they_are_and_their_trade(text, who):
    got = _claims_of(text, "2024-04-22")
    assert [c.claimant for c in got][:1] == ([who] if who else [])


def test_the_datelines_country_after_a_town_it_lacks_and_according_to_him():
    # the dateline's own country, where the gazetteer lacks its town (the report had no home
    # then, and the ministry's side was not told)
    for town in ("UMAG", "SAVUDRIJA"):
        got = _who(f"{town}, Croatia, May 4 (Wire) - A Slovenian police boat entered Croatian "
                   "waters, the interior ministry said.", "2021-05-04", "check")
        assert got == [("interior ministry", "HR", "side from the dateline")], town
    # "According to him" is "he said": the person named before (it was "him", no side)
    got = _who("Kenya's Foreign Minister Raphael Tuju visited Kisumu on Monday. According to "
               "him, Ugandan police had raised their flag on Migingo island.", "2009-03-03")
    assert got == [("Raphael Tuju, Kenya's Foreign Minister", "KE")]


@pytest.mark.parametrize("text, side", [
    ("UNFICYP said troops had crossed into the buffer zone near Pyla.", "UN"),
    ("Frontex said it had sent officers to the Evros border.", "EU"),
    ("KUNA said Kuwait had summoned Iraq's ambassador over Khor Abdullah.", "KW"),
    ("The Vietnam News Agency said Chinese ships rammed a patrol boat near the Paracels.",
     "VN"),
])
def test_un_missions_and_state_news_agencies_speak_for_their_side(text, side):
    assert [s for _, s in _who(text, "2023-09-10")][:1] == [side]


@pytest.mark.parametrize("text, want", [
    # "the organization", "the group", "the agency": the body of no state's government that
    # spoke last (these made no claim, or one of side UNKNOWN)
    ("Human Rights Watch called on Kyrgyz authorities to free the detainees. The organization "
     "said that the charges were aimed at critics.", ("Human Rights Watch", "HRW")),
    ("Amnesty International urged Tajikistan to investigate. The rights group said witnesses "
     "saw troops fire on Vorukh.", ("Amnesty International", "Amnesty International")),
    ("UNHCR said 2,000 people had crossed into Goris. The agency said more were expected.",
     ("UNHCR", "UN")),
    # ... but "a rights group" is someone new
    ("Kyrgyzstan's border service said Tajik troops fired. A rights group said two died.",
     ("rights group", UNKNOWN)),
    # a body named whole in a sentence that claims nothing is "the ministry" next
    ('In Tashkent, the Ministry of Foreign Affairs of Uzbekistan declined to comment on the '
     'detentions, calling them "an internal matter". The ministry noted that the draft '
     'agreement was fair.', ("Ministry of Foreign Affairs of Uzbekistan", "UZ")),
])
def test_a_body_named_again_by_what_it_is(text, want):
    got = _who(text, "2022-11-01")
    # (a claim of each sentence; none of one that declines to comment)
    assert got[-1] == want and len(got) == (1 if "declined" in text else 2)


def test_a_person_known_by_one_name_is_he_next_and_ones_office_frames_a_sentence():
    got = _who("Kamchybek Tashiev, head of Kyrgyzstan's State Committee for National "
               "Security, visited Kempir-Abad. Tashiev said the deal was fair. He warned that "
               '"those who destabilise the situation will answer before the law."',
               "2022-11-01")
    assert "Tashiev" in got[-1][0] and got[-1][1] == "KG" and len(got) == 2  # (no claim:
    # "Tashiev" alone was no person)
    # "..., Gallant's office said": the office's words, not those of "who expressed" (no
    # claim at all)
    got = _who("Defense Minister Yoav Gallant spoke by phone with his Egyptian counterpart, "
               "Mohamed Zaki, who expressed his condolences, Gallant's office said.",
               "2023-06-04")
    assert [c for c, _ in got] == ["Gallant's office"]


def test_a_release_heading_a_translators_note_and_a_title_named_before():
    # a release's heading is no dateline's city, and its issuer, with a comma in its
    # name, speaks for its state
    got = _who("PRESS RELEASE — Ministry of Foreign Affairs, Plurinational State of Bolivia. "
               "La Paz, 8 June 2016. The Ministry of Foreign Affairs informs the public that "
               "Chile continues to divert the waters of the Lauca River. Foreign Minister David "
               "Choquehuanca stated that Bolivia may go to court.", "2016-06-08")
    assert {s for _, s in got} == {"BO"}
    # a dateline after a translator's note is the dateline
    got = _who("(Translated from Spanish) BUENOS AIRES — Presidential spokesman Manuel Adorni "
               "told his daily press conference that the claim to the Malvinas would be pressed "
               "through diplomatic channels, hours after British Foreign Secretary David "
               "Cameron landed at Mount Pleasant.", "2024-02-19", "check")
    assert got[0] == ("Presidential spokesman Manuel Adorni", "AR", "side from the dateline")
    # the one side whose prime minister the report names unnamed is the prime minister's,
    # not the dateline's; not where that side's is named, nor for a title of another
    text = ("COTONOU — The government spokesman, Wilfried Houngbédji, on Monday denied that "
            "France has bases in Benin, two days after Niger's prime minister used the "
            "allegation to keep the border closed. On Saturday, Prime Minister Abdou Garba "
            "Tahirou said the border at Gaya would stay shut.")
    assert _who(text, "2024-05-13", "check")[-1] == (
        "Prime Minister Abdou Garba Tahirou", "NE", "side from the title named before")
    named = text.replace("Niger's prime minister used", "Niger's prime minister, Ali Zeine, "
                         "used").replace("On Saturday, Prime Minister Abdou Garba Tahirou",
                                         "On Saturday, Prime Minister Romuald Wadagni")
    assert _who(named, "2024-05-13")[-1][1] != "NE"
    other = text.replace("Niger's prime minister used", "Niger's Prime Minister of Defence "
                         "used")
    assert _who(other, "2024-05-13")[-1][1] != "NE"


def test_the_country_blamed_is_not_where_it_happened():
    got = _claims_of("Israeli troops shelled a UN post near Shama. A Hezbollah official "
                     "insisted the group had never aimed at peacekeepers and blamed Israel for "
                     "bringing the fighting to UN positions.", "2024-11-22")
    assert got and all(c.place != "Israel" for c in got)


@pytest.mark.parametrize("text, want", [
    # a release's "reports that" and a feature's "recounted that" are said (not "following
    # reports that", a noun)
    ("MINISTRY OF DEFENCE - PRESS RELEASE. Santo Domingo, 20 September 2023. The Ministry of "
     "Defence reports that it has reinforced its presence in Dajabón province.",
     [("Ministry of Defence", "DO")]),
    # (and a release headed by its state and ministry, with no place; or by the ministry, its
    # place after "Press Information")
    ("Republic of the Sudan, Ministry of Foreign Affairs - Press Release. The Ministry of "
     "Foreign Affairs affirms that Halaib and Shalateen are Sudanese territory.",
     [("Ministry of Foreign Affairs", "SD")]),
    ("Ministry of Foreign Affairs, International Trade and Worship - Press Information. Buenos "
     "Aires, 16 December 1998. The Ministry of Foreign Affairs reports that the Presidents "
     "signed the Agreement on the Southern Patagonian Ice Field.",
     [("Ministry of Foreign Affairs", "AR")]),
    ("In a shelter in Villa del Rosario, Yolanda Carrillo, 43, recounted that soldiers gave her "
     "half an hour to leave Táchira.", [("Yolanda Carrillo", "CO")]),
    ("BGB members have patrolled Companiganj since Friday following reports that the BSF was "
     "measuring land, a BGB official there said.", [("BGB official", "BD")]),
    # a lie called so with words between: a denial
    ('A senior Greek army source called it "utterly fake news from the Turkish side".',
     [("senior Greek army source", "GR")]),
    # the body's spokesman, where the body speaks first and "a spokesman" frames it
    ("MADRID, May 18 (Wire) - The U.N. refugee agency UNHCR urged both governments to show "
     "restraint, a spokesman said in Geneva.",
     [("a spokesman for U.N. refugee agency UNHCR", "UN")]),
    # an aid group's name is no place (Savè, Benin); a European commissioner is the EU's
    ('MADRID, May 18 (Wire) - "None should be sent back," a spokeswoman for Save the '
     "Children said in Madrid.", [("spokeswoman for Save the Children", "Save the Children")]),
    ("MADRID, May 18 (Wire) - European Home Affairs Commissioner Ylva Johansson told the "
     "European Parliament that Spanish borders are European borders.",
     [("Ylva Johansson, European Home Affairs Commissioner", "EU")]),
    # the subject of two verbs, named aside after the time or the place
    ("On Monday, the Secretary General of the OAS, Luis Almagro, met President Santos in "
     "Bogotá and called for dialogue.", [("Secretary General of the OAS, Luis Almagro", "OAS")]),
])
def test_more_ways_of_saying_and_of_naming_who_says(text, want):
    assert _who(text, "2023-09-20")[:len(want)] == want


def test_he_and_she_and_the_minister_go_to_the_one_they_can_mean():
    # a person named with their country's role after the comma, in a sentence that claims
    # nothing, is "he" next; not the woman whose sentence said "her"
    got = _who("Spanish Foreign Minister Arancha Gonzalez Laya said on Monday that Moroccan "
               "authorities had assured her the exodus was not a response. Mustapha Ramid, "
               "Morocco's minister of state for human rights, took a different line. In a "
               "Facebook post, he called the admission an irresponsible act.", "2021-05-18")
    assert got[-1] == ("Mustapha Ramid, minister of state for human rights", "MA")
    got = _who("Spanish Foreign Minister Arancha Gonzalez Laya said on Monday that Moroccan "
               "authorities had assured her the exodus was not a response. He called the "
               "admission an irresponsible act.", "2021-05-18")
    assert len(got) == 1  # ("he" is not her)
    # one known only by what they are, or by the name they gave, is "he" next
    for who in ("A former Nepali ambassador to India, who asked not to be named,",
                "A 19-year-old who gave his name only as Anas"):
        got = _who(f"Shopkeeper Mohamed Ahmed said he had kept his shutters down. {who} said "
                   'he had swum to Goris. "I will try again," he said.', "2021-05-18")
        assert got[-1][0] == got[-2][0] != got[0][0], who
    # "the minister": another's counterpart, or the official who spoke last by another title
    got = _who('In Bogotá, his Colombian counterpart, Luis Carlos Villegas, ruled out any '
               'military response and called for calm. "Colombia will not send troops," the '
               "minister said.", "2015-08-29")
    assert got[-1] == ("Luis Carlos Villegas, Colombian counterpart", "CO")
    got = _who("NOUAKCHOTT — Speaking at the briefing, the government spokesman, Nani Ould "
               'Chrougha, declared that the army had reinforced Goris. "Mauritania shelters no '
               'terrorist," the minister affirmed.', "2024-04-22")
    assert got[-1] == ("government spokesman, Nani Ould Chrougha", "MR")
    # ... and one named aside after their title, in a sentence that claims nothing
    got = _who("LIMA — Foreign Minister Elmer Schialer said Santa Rosa is Peru's. The "
               "Colombian Chancellor, Rosa Villavicencio, who accompanied the President, tried "
               'to lower the temperature. "There is no military threat," the minister told '
               "journalists. She also denied that Colombia was ignoring the treaties.",
               "2025-08-08")
    assert got[-2:] == [("Rosa Villavicencio, Colombian Chancellor", "CO")] * 2


def test_a_papers_dateline_of_a_town_with_accents():
    report, _ = _read("Bogotá and Caracas recall their ambassadors\n\nCúcuta, August 29, 2015\n\n"
                      "The diplomatic crisis deepened on Thursday.", "2015-08-29")
    assert report.home == "CO"


@pytest.mark.parametrize("text, want", [
    # a time that opens the sentence is no speaker
    ("QUITO, Ecuador — Fighting went on. By late afternoon, Peru's Joint Command issued a "
     "communique saying Tiwintza was under heavy fire.", ("Peru's Joint Command", "PE", "asserts")),
    # a secretary general named after the name; an appeal for restraint is a call
    ("QUITO, Ecuador — Fighting went on. Cesar Gaviria, secretary general of the OAS, appealed "
     "for the greatest possible restraint.",
     ("Cesar Gaviria, secretary general of the OAS", "OAS", "calls")),
    # "once a close friend of" is who the speaker was, not the speaker
    ("ANKARA — Shells hit Akcakale. Speaking in Istanbul, Erdogan, once a close friend of the "
     "Syrian president, said his country had no appetite for war.",
     ("Erdogan, once a close friend of the Syrian president", "TR", "asserts")),
    # no one speaks: the report's own words
    ("QUITO, Ecuador — Fighting went on. None of the claims could be independently confirmed.",
     ("the report (unattributed)", "PRESS", "asserts")),
    # the paper's own reporter, where they are
    ("Our reporter on the Turkish side in Edirne says several thousand people are camped near "
     "Pazarkule.", ("Our reporter on the Turkish side in Edirne", "PRESS", "asserts")),
    # a spokesman in a city after an international body spoke is that body's
    ("The UN refugee agency UNHCR says it is alarmed by the tension. A spokesman in Geneva "
     "called on all states to show restraint.", ("spokesman in Geneva", "UN", "calls")),
    ("ANKARA — Shells hit Akcakale. The North Atlantic Council said the alliance stood by "
     "Turkey.", ("North Atlantic Council", "NATO", "asserts")),
    # a family name first is a person's, not a city's (Ban: Van, Turkey)
    ("ANKARA — Shells hit Akcakale. Ban Ki-moon, the UN secretary-general, urged restraint. "
     "Erdogan spoke to Ban by telephone.", ("Ban Ki-moon, UN secretary-general", "UN",
                                            "calls")),
])
def test_still_more_speakers_and_their_sides(text, want):
    got = _who(text, "2020-03-05", "stance")
    assert want in got


def test_one_who_denies_the_datelines_charge_is_not_of_the_datelines_side():
    got = _who("Cúcuta, August 29, 2015\n\nColombia's ombudsman said Venezuelan troops "
               "mistreated deportees in Táchira. The governor, José Gregorio Vielma Mora, "
               "rejected the accusations. He said the houses were illegal.", "2015-08-29")
    # (not the dateline's Colombia: the governor of the place the charge names, Táchira's)
    assert [s for w, s in got if "Vielma" in w] == ["VE", "VE"]
    # ... but a charge whose side was itself the dateline's guess is none of its side's
    got = _who("QUITO, Ecuador — Fighting went on in the Cenepa. President Alberto Fujimori "
               "announced a truce. He said Peruvian troops had stormed Tiwintza. \"The mission "
               "has been accomplished,\" Fujimori said. The government of President Sixto "
               "Duran Ballen rejected that account.", "1995-02-14")
    assert got[-1] == ("government of President Sixto Duran Ballen", "EC")


def test_a_korean_family_name_alone_is_the_person_not_a_place():
    rows = {r["surface"] for r in __import__("geomap.api", fromlist=["places"]).places(
        Document(text="Ban Ki-moon urged restraint. Erdogan spoke to Ban by telephone. Shells "
                 "hit Van.", name="t.txt"))}
    assert "Ban" not in rows and "Van" in rows


def test_a_countrys_body_named_in_small_letters_speaks_through_its_spokesperson():
    # (a sentence that claims nothing names "The Chinese embassy": its spokesperson next is
    # China's, not the dateline's India, nor unknown)
    got = _who("NEW DELHI — Chinese troops built a road at Doklam, India said. The Chinese "
               "embassy in New Delhi weighed in on Monday. In a statement, an embassy "
               "spokesperson denied that China had changed the status quo.", "2017-07-04")
    assert got[-1] == ("embassy spokesperson", "CN")


def test_the_head_of_state_speaks_and_an_adverb_before_the_verb_is_passed_over():
    got = _who("Cúcuta, August 29, 2015\n\nVenezuela closed the bridges. The Venezuelan head of "
               'state blamed Colombian paramilitaries for the attack. "We will go on," said the '
               "head of state. Former residents nevertheless told this newspaper that troops "
               "painted the letter D on their homes.", "2015-08-29")
    # ("the head of state" after him is he, of his side: not the dateline's, as before)
    assert got == [("Venezuelan head of state", "VE"), ("Venezuelan head of state", "VE"),
                   ("Former residents", "CO")]
    # a denial of no charge named is no answer to the dateline's side
    got = _who("Caracas, 22 February 2019. Defence Minister Vladimir Padrino López reported "
               "that units had been deployed along the border. The Bolivarian Government "
               "rejects any attempt to violate national sovereignty.", "2019-02-22")
    assert [s for _, s in got] == ["VE", "VE"]


def test_across_the_river_from_the_dateline_and_sides_of_two_words():
    # a sentence that opens across the border from the dateline's city speaks for the other
    # side (the report names two countries, one the dateline's)
    got = _who("BRAZZAVILLE, May 2 (Wire) - Congo Republic police escorted citizens of the "
               "Democratic Republic of Congo to the river port. Interior Minister Raymond "
               "Mboulou said the operation targeted criminal gangs. Across the Congo River, "
               "government spokesman Lambert Mende said Kinshasa was indignant.", "2014-05-02",
               "check")
    assert got[0][1] == "CG" and got[-1][1:] == ("CD", "side across the border from the "
                                                       "dateline")
    # "Equatorial Guinean soldiers" are of Equatorial Guinea (not of Guinea, a party that
    # kept the dateline's from the army chief)
    got = _who("YAOUNDÉ, Aug 9 (Wire) - Equatorial Guinean soldiers crossed the Ntem river "
               "near Kye-Ossi. The army chief of staff, General René Claude Meka, warned that "
               "Cameroon would not tolerate any unlawful intrusion.", "2022-08-09")
    assert got[-1][1] == "CM"
    # Laos's demonym and Ireland's titles
    got = _who("A Lao official in Bokeo province said Thai boats crossed the Mekong. Tánaiste "
               "Micheál Martin said the border would stay open.", "2023-01-01")
    assert [s for _, s in got] == ["LA", "IE"]


@pytest.mark.parametrize("text, want", [
    # China's office for Taiwan, and Taiwan's councils
    ("Zhu Fenglian, spokeswoman for the State Council's Taiwan Affairs Office, said the "
     "mainland backed the move. The Mainland Affairs Council said Kinmen's waters were "
     "Taiwan's.", [("Zhu Fenglian, spokeswoman for the State Council's Taiwan Affairs Office",
                    "CN"), ("Mainland Affairs Council", "TW")]),
    # an appeal to others to act is a call, and the appellant speaks
    ("In Jincheng, Kinmen County Magistrate Chen Fu-hai appealed to both governments to keep "
     "the dispute from spilling into daily life.",
     [("Kinmen County Magistrate Chen Fu-hai", "TW", "calls")]),  # (Kinmen's, Taiwan's)
    # where the speaker is, said aside, is no speaker
    ("BAGHDAD — Iranian missiles hit Erbil. Iraqi Foreign Minister Fuad Hussein, also in "
     "Switzerland, said Baghdad would use every legal avenue. Prime Minister Masrour Barzani, "
     "speaking in Davos, where he is attending the World Economic Forum, said the accusations "
     "were baseless.", [("the report (unattributed)", "PRESS"),
                        ("Fuad Hussein, Iraqi Foreign Minister", "IQ"),
                        ("Prime Minister Masrour Barzani", "IQ")]),
    # "the Guards" are the Revolutionary Guards named before; "they" after a time
    ("BAGHDAD — Iran's Islamic Revolutionary Guard Corps (IRGC) fired missiles at Erbil. In a "
     "statement, the Guards said they had destroyed a spy base. In March 2022 they fired a "
     "dozen missiles at the city, saying they had hit an Israeli centre.",
     [("Iran's Islamic Revolutionary Guard Corps", "IR")] * 2),
    # a rank before a rank is no place (Brig, Switzerland)
    ("BAGHDAD — Leaders met in Davos, Switzerland. Brig. Gen. Amir Ali Hajizadeh, commander of "
     "the IRGC's Aerospace Force, told Tasnim that the targets were eliminated.",
     [("Brig. Gen. Amir Ali Hajizadeh, commander of the IRGC's Aerospace Force", "IR")]),
    # a minister's portfolio in small letters is part of the title
    ("CÚCUTA, Colombia, Feb 24 (Wire) - Two trucks burned on the Santander bridge. Venezuela's "
     "communications minister, Jorge Rodríguez, denied that security forces had burned the "
     "aid.", [("Venezuela's communications minister, Jorge Rodríguez", "VE")]),
])
def test_sides_of_offices_councils_and_titles_and_where_speakers_are(text, want):
    fields = ("stance",) if len(want[0]) == 3 else ()
    got = _who(text, "2024-01-16", *fields)
    assert got[-len(want):] == want


def test_one_who_asks_others_to_act_calls_and_a_surname_in_ly_is_no_adverb():
    # ("asked the families to remain confident": a call, not the report's own act; a
    # request for help is still the report's; "who asked not to be named" is no call)
    got = _who("ABIDJAN — Two gendarmes were held. In September, Mr Coulibaly had asked the "
               "press not to compare the two cases.", "2024-01-16", "stance")
    assert got[-1] == ("Mr Coulibaly", "CI", "calls")  # (not "Mr": "Coulibaly" no adverb)
    assert _who("YEREVAN — Armenia asked Moscow to help it.", "2022-09-14", "stance") == [
        ("the report (unattributed)", "PRESS", "asserts")]
    got = _who("BAGHDAD — A senior official, who asked not to be named, said troops left "
               "Erbil.", "2024-01-16", "stance")
    assert [s for _, _, s in got] == ["asserts"]
    # a verb of saying after the appeal frames it
    got = _who("BELGRADE - Serbia has formally asked the NATO-led KFOR mission to allow 1,000 "
               "Serbian soldiers to return to northern Kosovo, President Aleksandar Vučić said "
               "on Thursday.", "2023-01-05", "stance")
    assert got[0][0] == "President Aleksandar Vučić"


def test_a_country_that_owns_a_thing_is_not_where_it_happened_but_its_ground_is():
    # ("infringed China's sovereignty" at Scarborough Shoal: the shoal, not China)
    got = _claims_of("MANILA, April 30 (Wire) - Chinese ships fired water cannon near Scarborough "
                     "Shoal. Gan Yu said Manila had infringed China's sovereignty and should stop "
                     "such actions at once.", "2024-04-30")
    assert {c.place for c in got if c.claimant == "Gan Yu"} == {"Scarborough Shoal"}
    got = _claims_of("BAKU — Shells fell in Azerbaijan's Tovuz district, the ministry said.",
                     "2024-04-30")
    assert [c.place for c in got] == ["Tovuz district"]



@pytest.mark.parametrize("sentence, stance", [
    ("Two US officials said no American facilities or personnel had been hit.", "denies"),
    ("NATO's chief said the alliance has no plans to intervene in Syria.", "denies"),
    ("The ministry said there was no Israeli headquarters in Erbil.", "denies"),
    # (a person's own plan is no denial)
    ("A farmer who fled Tibu said he had no plans to return soon.", "asserts"),
])
def test_denials_of_damage_of_a_base_and_of_an_intent(sentence, stance):
    got = _who("BAGHDAD — Missiles hit Erbil. " + sentence, "2024-01-16", "stance")
    assert got[-1][2] == stance


def test_the_official_and_he_after_a_titled_person_and_an_objects_name_said_aside():
    # "the official" is the official who spoke last; "he" next is still them, though the
    # sentence names "Colombian" (not "... of Colombia", their title)
    got = _who("Cúcuta, August 29, 2015\n\nDeportations went on in Táchira. President Santos "
               "said 1,000 people had been deported. The Ombudsman of Colombia, Jorge Armando "
               "Otálora, maintained that the deportations broke Venezuelan law. \"Nobody had a "
               "hearing,\" the official said. He also denounced that the Colombian consul had "
               "been barred.", "2015-08-29")
    assert [w for w, _ in got[-2:]] == ["Ombudsman of Colombia, Jorge Armando Otálora"] * 2
    # a name said aside after the verb's object is the object's, not the subject's
    got = _who("MADRID — Migrants swam into Ceuta. Spanish Foreign Minister Arancha Gonzalez "
               "Laya summoned Morocco's ambassador, Karima Benyaich, on Tuesday and asked Rabat "
               "to take back everyone.", "2021-05-18", "stance")
    assert got[-1] == ("Arancha Gonzalez Laya, Spanish Foreign Minister", "ES", "calls")


def test_the_papers_correspondent_named_and_one_the_report_introduces_is_he_next():
    got = _who("14:05 GMT\nOur correspondent in Hermel, Rana Haidar, says the artillery fire has "
               "eased.", "2025-03-17")
    assert got == [("Our correspondent in Hermel, Rana Haidar", "PRESS")]
    # (and a journalist or photographer of ours, whose word holds no "or")
    got = _who("14:05 GMT\nOur journalist in Hermel says the artillery fire has eased.",
               "2025-03-17")
    assert got == [("Our journalist in Hermel", "PRESS")]
    got = _who("BEIRUT — A Syrian defence ministry official said reinforcements were sent from "
               "Qusayr. Our correspondent spoke to Ali Jaafar, a farmer from Qasr, who fled with "
               'his family. "The shells started falling after midnight," he said.', "2025-03-17")
    assert got[-1][0] == "Ali Jaafar"  # (not the Syrian official)


def test_a_transcript_in_a_report_whose_lines_a_named_spokesperson_labels():
    got = _who("NEW DELHI: China accused India of going back on its word at Doklam.\n\n"
               "At the foreign ministry's regular briefing in Beijing, spokesperson Geng Shuang "
               "was questioned on the issue.\n\nQuestion: What is your response?\n\n"
               "Geng Shuang: China has also changed. We urge India to withdraw its troops.\n\n"
               "Question: How do you respond?\n\nGeng Shuang: The responsibility lies with the "
               "Indian side.", "2017-07-04", "stance")
    assert got[-3:] == [("Geng Shuang", "CN", "asserts"), ("Geng Shuang", "CN", "calls"),
                        ("Geng Shuang", "CN", "asserts")]


def test_arabic_names_keep_their_particles_and_a_persons_side_is_as_introduced():
    got = _who("THE HAGUE, March 16 - The ICJ awarded the Hawar islands to Bahrain. Qatar's emir, "
               "Sheikh Hamad bin Khalifa Al Thani, said his country accepted the judgment. In "
               "Manama, Sheikh Hamad bin Isa Al Khalifa, the emir of Bahrain, welcomed the "
               "decision and called for a new page in relations with Doha.", "2001-03-16")
    assert {(w.split(",")[0], s) for w, s in got if s != "PRESS"} == {
        ("Hamad bin Khalifa Al Thani", "QA"), ("Hamad bin Isa Al Khalifa", "BH")}


def test_a_man_or_a_woman_speaks_and_is_he_or_she_next():
    # "A woman who runs a shop there told us", "One Iraqi Kurdish man at the crossing told
    # us": speakers of no side the report gives, and the "she" and "he" after them theirs (not
    # the minister who spoke before)
    got = _who("09:15 GMT - Stones thrown\n\nDefence Minister Mariusz Błaszczak told TVP Info "
               "that the attackers were aggressive. A woman who runs a shop there told us by "
               'phone that residents had heard explosions. "Nobody here is sleeping properly," '
               "she said. One Iraqi Kurdish man at the crossing told us by phone that people had "
               'been told buses would come. "We are not fighting anyone," he said.',
               "2021-11-16")
    assert [w for w, _ in got[1:]] == ["woman", "woman", "One Iraqi Kurdish man",
                                       "One Iraqi Kurdish man"]


def test_one_introduced_after_a_subject_of_role_words_and_after_an_opening_time():
    # "The commander of the Iranian army's ground forces, Brig Gen Kioumars Heydari,
    # travelled ...": "he" next, Iran's (not the spokesman of the Taliban who spoke before)
    got = _who("Its spokesman, Enayatullah Khwarazmi, of the Taliban's defence ministry, said "
               "dialogue was the right way. The commander of the Iranian army's ground forces, "
               "Brig Gen Kioumars Heydari, travelled to the province on Sunday. He told the Mehr "
               "news agency that his troops had full control of the border.", "2023-05-28")
    assert got[-1] == ("Kioumars Heydari, Brig Gen", "IR")
    # a body named after the sentence's time ("On Sunday the Taliban's defence ministry struck
    # a similar note") is the one "Its spokesman" is of
    got = _who("Iranian guards clashed with Taliban fighters near Zabol on Saturday. On Sunday "
               "the Taliban's defence ministry struck a similar note. Its spokesman, Enayatullah "
               "Khwarazmi, said in a statement that dialogue was the right way.", "2023-05-28")
    assert got[-1] == ("Enayatullah Khwarazmi, Taliban's defence ministry's spokesman", "AF")
    # ... and a ministry named with its capital ("the Ministry of Foreign Affairs in
    # Kathmandu issued a statement"), Nepal's when named again
    got = _who("NEW DELHI — India and China agreed to reopen trade through Lipulekh. On "
               "Wednesday, the Ministry of Foreign Affairs in Kathmandu issued a statement on "
               "Lipulekh. The ministry said India had been asked not to build the road.",
               "2025-08-21")
    assert got[-1] == ("Ministry of Foreign Affairs in Kathmandu", "NP")


def test_the_countrys_official_is_of_the_country_named_before():
    got = _who("Iran's state news agency Irna quoted the country's deputy police chief, Brig Gen "
               "Qassem Rezaei, as saying that Taliban fighters had opened fire on an Iranian "
               "border post.", "2023-05-28")
    assert got == [("the country's deputy police chief, Brig Gen Qassem Rezaei", "IR")]


def test_one_who_speaks_to_the_datelines_government_is_not_of_it():
    got = _who("QUITO, Ecuador (wire) — Colombian warplanes bombed a FARC camp in Sucumbios. "
               "Foreign Minister Fernando Araujo also expressed regret to Quito that Colombian "
               "forces had been forced to act inside its territory. Defense Minister Wellington "
               "Sandoval said reinforcements had been sent to the northern border.", "2008-03-05")
    assert got[-2:] == [("Foreign Minister Fernando Araujo", "CO"),
                        ("Defense Minister Wellington Sandoval", "EC")]


def test_a_warning_as_a_noun_and_went_on_after_a_quotation():
    got = _who("NOUAKCHOTT — \"Any violation of our territory will be answered,\" declared Nani "
               "Ould Chrougha, the government spokesman. The warning named no one, but nobody "
               "in the capital doubted whom it was meant for. \"Border areas are always "
               "difficult,\" the spokesman went on, before urging Mauritanians to stay on the "
               "national side of the line. The strikes went on, in waves, into the afternoon.",
               "2024-05-03", "stance")
    assert got == [("Nani Ould Chrougha, the government spokesman", "MR", "asserts"),
                   ("Nani Ould Chrougha, the government spokesman", "MR", "calls")]


def test_a_government_by_its_seat_an_opening_participle_and_a_chairman():
    # "A senior official at Singha Durbar" is Nepal's (the seat of its government), and "the
    # official" next is they; "Answering lawmakers, Oli said" is Oli; "The chairman of Byas
    # Rural Municipality" is the chairman, not "of Byas Rural Municipality"
    got = _who("India rejected Nepal's new map. A senior official at Singha Durbar, speaking "
               "on condition of anonymity, said nobody had expected New Delhi to welcome it. "
               '"The map is not an act of hostility," the official said. Prime Minister KP '
               "Sharma Oli struck a harder note. Answering lawmakers, Oli said India had made "
               "the area disputed. The chairman of Byas Rural Municipality said villagers wanted "
               "talks.", "2020-05-20")
    assert [(w, s) for w, s in got[1:3]] == [("senior official at Singha Durbar", "NP")] * 2
    assert got[3] == ("KP Sharma Oli, Prime Minister", "NP")
    assert got[4][0] == "chairman of Byas Rural Municipality"


def test_the_head_of_state_a_body_says_will_act_is_he_next():
    got = _who("CÚCUTA — Colombia protested the deportations. The Casa de Nariño reported that "
               "the head of state will return today to Cúcuta, which he visited on Wednesday. On "
               "that occasion, after listening to deported families, he said he had not come to "
               "speak about Venezuela.", "2015-08-29")
    assert got[-1] == ("the head of state", "CO")


@pytest.mark.parametrize("piece", [
    # (this stop's new routes, each 200 KB of a hostile repetition)
    "Minister Fernando Araujo expressed " + "regret to " * 500 + "Quito that troops acted. ",
    '"It is over," ' + "the minister went on, " * 500 + "before urging calm. ",
    "The commander of the " + "army's " * 500 + "forces, Brig Gen Ab Cd, travelled. He said. ",
    "On Wednesday, the Ministry of Foreign Affairs in " + "Kathmandu in " * 500 + "issued it. ",
    ", a source close to the " + "army " * 500 + "said. ",
    "The Casa de Nariño reported that the head of state will " * 300 + "return. He said. ",
    "Republic of the Sudan, Ministry of Foreign Affairs - Press Release. " * 300,
    "Answering " + "lawmakers " * 500 + ", Oli said troops fired. ",
    "Irna quoted the country's " * 500 + "chief, as saying troops fired. ",
    "Earlier, Lee had told X, his spokeswoman Kim Hee-jung said. " * 300,
    "The next day, the minister, Hanena Ould Sidi, was received; he said afterwards, it held. ",
    "A woman who runs a shop " + "there " * 500 + "told us that troops fired. ",
    # (an agency's dateline whose brackets hold markup: its name is only looked up)
    "Addis Ababa, June 15 (<script>{{7*7}}${x}) — Troops fired, the office said. " * 300,
    # (session 41's routes: asides, openers, datelines, fronts, names and their words)
    "Smirnov, who " + "reported " * 500 + ", said troops crossed. ",
    "CARICOM, of which " + "Haiti " * 500 + ", said it. ",
    "Speaking in " + "Islamabad after talks with " * 300 + ", Ali said it. ",
    "SANTO DOMINGO" + ".-" * 500 + " The ministry said it. ",
    "Troops crossed, reiterated" + " yesterday" * 500 + " the Ministry. ",
    "Fighting on the " + "Xorqana front " * 500,
    ("Atanasio Girardot " * 5 + "bridge ") * 100,
    "Troops held Tower 22. " * 500,
    "Residents of Goris said the town was quiet. " * 300,
    "Acting Kursk Governor " * 500 + "Alexei Smirnov said it. ",
    "Moscow's " * 500 + "Defence Ministry said it. ",
    "The group's media office said " * 300 + "it. ",
    "Kim said. Kim You-geun, first deputy director of the Office, told reporters. " * 200,
    "Turkey bombs Syria after Istanbul blast\n\n" + "Jets hit Kobani after Istanbul. " * 300,
    # (and session 42's: ';', a name's acronym, 'its' after an opening, a role's ministry,
    # 'it said' of a subject, portfolios, long asides, family names with 'al-', titled people)
    "Poonch bears brunt; " * 300 + "Army says it. ",
    "Director General of Public Relations (ISPR) " * 300 + "Lt Gen Khan, told reporters it. ",
    "a (ISPR) (GDF) Lt " * 500 + "said it. ",
    "In a statement, its " * 300 + "ministry said it. ",
    "External Affairs Ministry spokesperson Anil Rao said it. The ministry said it. ",
    "Minister of Foreign Affairs " * 300 + "Anne Todd said it. The Ministry said it. ",
    "India launched strikes, hitting sites it said were camps. ",
    "department of information and " * 300 + "culture said it. ",
    "Rahim Khan, a truck driver from Swabi who " + "waited " * 3000 + ", said it. ",
    "a farmer from a village outside " * 300 + "Gallabat said it. ",
    "There can be no justification for " * 300 + "shelling, he said. ",
    "Abdel al-Karim " * 500 + "al-Nour said it. ",
    "Government spokesman Legesse Alemu repeated it. \"No,\" he said. ",
    "Pakistan, he said, must not stop " * 300 + "shelling Poonch. ",
    "We will not allow, would not tolerate, with no link " * 200 + "to attacks. ",
    "a war they never asked for, a town we had not seen like it, " * 100 + "he said. ",
    "X, who " + "watched " * 3000 + ", said it. ",
    "Minister Hugh Mason summoned " + "the envoy of " * 3000 + "Ambassador to Guyana. ",
    "The owner of a X, who " + "asked " * 3000 + ", told PAP it. ",
    "Deputy Prime Minister and " * 500 + "Defence Minister Ann Lee ordered it. He said it. ",
    "Grupa Granica, a coalition of the group of " * 300 + "said it. ",
    "A briefing by Ann Lee, Spokesman for the UN.\n\n" + "Spokesman: Good afternoon. Thank "
    "you. We deplore it. " * 3000,
    # (and session 43's: vows, purposes and forecasts, calls by warning and wanting, long
    # asides, bylines, a frame's "added", who an outlet cites)
    "no one will be allowed, so that no one could, was not expected to " * 200 + "cross. ",
    "He warned " + "the rebels " * 500 + "to leave. We want " + "the UN " * 500 + "to act. ",
    "Ann Lee, in a phone call with " + "the minister " * 3000 + ", demanded it. ",
    "Shells fall\n\nStaff Correspondent, from " + "Bandarban " * 3000 + "\n\nHe said it. ",
    "Staff Correspondent, from Bandarban\n" * 3000 + "\nHe said it. ",
    "The note said it, the official added. " * 3000,
    "Al-Qahera News cited " + "a senior official " * 3000 + "as saying it. ",
    "After it, Ann Lee, Deputy Director of " + "the Department of " * 3000 + "Georgia, said. ",
    "Ergneti Talks on Chorchana Post\n\n" + "Officials met in Ergneti near Chorchana. " * 3000,
    "KFOR said it. Its commander, " + "Major General " * 3000 + "Ann Lee, said it. ",
    "The Diocese of Raska said it. The diocese said it, and dismissed claims, and denied it. "
    * 1000,
    "Israeli " + "security " * 3000 + "officials met. One official said it. Another source said. ",
    "The Tskhinvali-based KGB said it. Officials near Tskhinvali said it. " * 1000,
    "-based " * 5000 + "KGB said it. ",
    "Speaking at " + "the centre in X alongside Y " * 300 + ", Ann Lee thanked it and said it. ",
    "The war went on, when " * 1000 + "Ann Lee likened it and called on it. ",
    "A spokesperson gave a similar account. He gave his own version. " * 1000,
    "A herder from " + "Bji gewog " * 3000 + "said it. ",
    "The Authority on " * 3000 + "Development said it. The bureau said it. ",
    "Ann Lee, Bob Roe and Cy Moe went. Lee said it. Roe, who went, said it. He said it. " * 800,
    'Troops hit Ferfer as "' + "propaganda " * 20 + '"\n\n' + "Carondelet said it. " * 3000,
    "He said no " + "live " * 3000 + "fire was used. Brussels rejects it. ",
    # (and session 44's: a name in a province, the province named before, a dated dateline,
    # an acronym's body, "his" office, calls that grew, an outlet told, a second office)
    "Shells hit Kang district of Nimroz province, in the " * 1000 + "Zabul province. ",
    "He said five were wounded in the same province, the district " * 1000 + "said. ",
    "April 12, 2012 (" + "KHARTOUM " * 3000 + ") – The army said it. ",
    "The GKNB's " * 3000 + "press center said it. According to his press service, it. ",
    "Abroad, calls for " + "restraint " * 3000 + "grew. ",
    "Ann Lee told " + "ERR News Bangkok Post " * 3000 + "that it was. ",
    "Minister of Information and official " * 1000 + "spokesperson, Ann Lee, said it. ",
    "No citizen of our " + "friendly " * 3000 + "neighbour was targeted, we are not the "
    "aggressor, there was no camp here, he said. ",
    "A statement attributed to " + "the BLF " * 3000 + "acknowledged it. ",
    "The air force fired " + "at targets " * 3000 + "across the border, it said. ",
    # (and session 45's: ships named again, the armed group's spokesman, acronyms before a
    # role and of a body's head word, demands, instructions and acts denied in other words)
    "the BRP Sierra Madre and the Sierra Madre, " * 2000 + "said it. ",
    "M23 fighters said it. The armed group's spokesman said it. " * 1000,
    "The CCG spokesperson said it. The Department of " * 1000 + "Affairs said it, the DFA said. ",
    "We ask " + "the people " * 3000 + "to stay. He told " + "them " * 3000 + "to go, he said. ",
    "They demanded that, made appeals, have taken no " * 500 + "measures, never been any. ",
    "Mali summoned " + "the envoy, " * 3000 + "announced it, and said it. ",
    "a body based in the city of " * 2000 + "Tamanrasset said it. ",
    "At a meeting of " + "the council in Goma " * 3000 + ", she said it. ",
    "After Ann Lee said " + "that it, " * 3000 + "Bob Roe dismissed it. ",
    "A resident of the " + "lower part of the " * 3000 + "town said it. ",
    "Boats rammed boats near " + "Ayungin Shoal, " * 3000 + "General Ann Lee said. The China "
    "Coast Guard had no authority, Lin of China denied it. ",
    "When " + "the army said " * 3000 + ", Baku denied it. ",
    "Algeria closed its " + "own " * 3000 + "airspace; Mali recalled, broke off and expelled "
    + "its " * 3000 + "envoys. ",
])
def test_this_stops_routes_read_in_linear_time(piece):
    import time

    from geomap.api import extract

    text = (piece * (200_000 // len(piece) + 1))[:200_000]
    extract(Document(text="warm", name="w.txt"))
    start = time.process_time()
    extract(Document(text=text, name="t.txt", published="2024-01-01"))
    assert time.process_time() - start < 5


def test_a_source_close_to_a_body_his_spokeswoman_and_he_of_the_sentences_subject():
    # "..., a source close to the army said": the source (not "the army", a body named before)
    got = _who("NOUAKCHOTT — Mali denied it. On the ground, the chief of the general staff of "
               "the Mauritanian armed forces has been visiting the units, a source close to the "
               "army said.", "2024-05-03")
    assert got[-1] == ("a source close to the army", "MR")
    # "..., his spokeswoman Kim Hee-jung said": of the person the sentence begins with, as
    # introduced; and "she said" next is the spokeswoman, not the president
    got = _who("SEOUL — North Korea shelled Yeonpyeong. President Lee Myung-bak convened an "
               "emergency meeting. Earlier, Lee had told the JCS chairman that the military "
               "should hit the missile base, his spokeswoman Kim Hee-jung said. \"The president "
               "ordered that any retaliation be several times stronger,\" she said.",
               "2010-11-24")
    assert got[-2:] == [("Lee Myung-bak's spokeswoman Kim Hee-jung", "KR")] * 2
    # "he" in a sentence whose subject names a person by role and name is that person
    got = _who("NOUAKCHOTT — Mali denied it. Foreign minister Abdoulaye Diop said trust was "
               "intact. The next day, the defence minister, Hanena Ould Sidi, was received at "
               "Koulouba; preserving the ties, he said afterwards, \"is a responsibility we "
               "all share\".", "2024-05-03")
    assert got[-1][0] == "Hanena Ould Sidi, the defence minister"


def test_malaysian_honorifics_a_hyphened_title_and_the_prime_minister_by_title():
    # "Prime Minister Datuk Seri Najib Tun Razak": a Malaysian honorific is a title and says
    # Malaysia; "Najib" and "The Prime Minister" later are he; "United Nations
    # Secretary-General Ban Ki-moon" is titled, and "Ban" later is he
    got = _who("Malaysia rejected the ceasefire, with Prime Minister Datuk Seri Najib Tun Razak "
               "insisting that the intruders surrender. Najib said Aquino had telephoned him. "
               "The Prime Minister said the operation would continue. The ceasefire answered "
               "an appeal by United Nations Secretary-General Ban Ki-moon. Ban, in a statement, "
               "said he was watching events in Sabah closely. Inspector-General of Police Tan "
               "Sri Ismail Omar said security forces were pressing on.", "2013-03-07")
    assert [w for w in got if w[1] != "PRESS"][1:] == [
        ("Najib Tun Razak, Prime Minister Datuk Seri", "MY")] * 2 + [
        ("Ban Ki-moon, United Nations Secretary-General", "UN"),
        ("Ismail Omar, Inspector-General of Police Tan Sri", "MY")]


def test_a_bodys_acronym_after_its_name_keeps_it_a_body():
    got = _who("ATHENS — Turkish jets flew over Chios. According to the Hellenic National "
               "Defence General Staff (GEETHA), the first pair crossed at 11.42. In its daily "
               "announcement, the General Staff said all were intercepted. It said six of the "
               "fighters were armed.", "2022-01-20")
    assert got[-1] == got[-2] and got[-1][1] == "GR"


def test_two_officials_of_two_sides_who_say_it_together_and_macedonia_by_its_old_name():
    got = _who("ANKARA — Armenia's deputy foreign minister Vahan Kostanyan and Turkey's special "
               "envoy for normalisation, Serdar Kılıç, said the Margara crossing would open. "
               "Bosnia and Herzegovina's foreign minister said it was welcome.", "2023-06-30")
    assert got == [("Armenia's deputy foreign minister Vahan Kostanyan", "AM"),
                   ("Turkey's special envoy for normalisation, Serdar Kılıç", "TR"),
                   ("Bosnia and Herzegovina's foreign minister", "BA")]
    # "Macedonia", the country's short name until 2019
    got = _who("IDOMENI, Greece — Macedonia's interior ministry said its officers near Gevgelija "
               "were pelted with stones.", "2016-04-10")
    assert got == [("Macedonia's interior ministry", "MK")]


def test_his_spokeswoman_of_one_the_sentence_titles():
    got = _who("QUITO, Ecuador (wire) — Colombian jets bombed a camp. U.N. Secretary-General "
               "Ban Ki-moon called on all three countries to show restraint, his spokeswoman "
               "said.", "2008-03-05")
    assert got[-1] == ("U.N. Secretary-General Ban Ki-moon's spokeswoman", "UN")


def test_one_known_only_by_a_given_name_is_she_next():
    got = _who("KUALA LUMPUR — Sabah Chief Minister Datuk Seri Musa Aman called on Sabahans to "
               "stay calm. A settler from Felda Sahabat 17 who wanted to be known only as "
               "Rosnah said families had left. \"We heard the jets on Tuesday morning,\" she "
               "said.", "2013-03-07")
    assert [w for w, _ in got[-2:]] == ["Rosnah", "Rosnah"]


def test_relatives_a_breeder_from_a_place_an_association_that_works_and_its_president():
    got = _who("NOUAKCHOTT — Mali denied it. This time about a dozen men were taken away "
               "towards Malian territory; several of them, their relatives say, have since been "
               "found dead. \"They came before dawn in pick-ups,\" recounted a livestock breeder "
               "from Fassala, reached by telephone, who asked that his name not be published. In "
               "Nouakchott, a human rights association that has been documenting cases since "
               "2022 demanded an independent investigation. \"Each time we are promised an "
               "inquiry, the families are left without answers,\" said its president. A farmer "
               "who gave his name only as Sidi said he was afraid.", "2024-05-03", "stance")
    assert [(w, h) for w, _, h in got[1:]] == [
        ("relatives", "asserts"), ("a livestock breeder from Fassala", "asserts"),
        ("association", "calls"), ("its president", "asserts"), ("Sidi", "asserts")]


def test_where_one_named_after_the_verb_spoke_after_what_they_are():
    got = _who("\"Any violation of our territory will be answered,\" declared Nani Ould "
               "Chrougha, the minister of petroleum, mines and energy, who also serves as "
               "government spokesman, at a press briefing in Nouakchott on Thursday evening.",
               "2024-05-03", "check")
    assert got[0][1:] == ("MR", "side from where they spoke")


def test_not_knowing_who_fired_is_no_denial():
    got = _who("TEHRAN — Iranian border guards and Taliban fighters clashed near Zabol. Each "
               "side blames the other for the violence, and it is not clear who fired first.",
               "2023-05-28", "stance")
    assert [h for _, _, h in got[1:]] == ["asserts", "asserts"]


def test_a_places_own_official_speaks_for_it_and_demonyms_news_writes():
    got = _who("Ukrainian-based fighters crossed into Belgorod region on Monday. Governor "
               "Vyacheslav Gladkov said the saboteurs had entered Kozinka. Slovenian police said "
               "a Croatian boat entered the bay. Argentine officials said talks would go on.",
               "2023-05-22")
    assert got[-3:] == [("Governor Vyacheslav Gladkov", "RU"), ("Slovenian police", "SI"),
                        ("Argentine officials", "AR")]


def test_an_agencys_own_dateline_in_small_letters_and_a_title_that_is_no_place():
    # "Addis Ababa, June 15 (ENA) —": the dateline, and the state agency that publishes it
    got = _who("Addis Ababa, June 15 (ENA) — The Ethiopian National Defense Force has foiled an "
               "attack by the regime in Asmara on the Tsorona front, the Government "
               "Communication Affairs Office said.", "2016-06-15")
    assert got == [("Government Communication Affairs Office", "ET")]
    # "Commissioner" and "the Red Cross" are no places (Commissioner, Texas)
    rows = {r["surface"] for r in __import__("geomap.api", fromlist=["places"]).places(
        Document(text="ECOWAS Commissioner for Political Affairs Abdel-Fatau Musah said the "
                 "Red Cross was helping in Sokoto.", name="t.txt"))}
    assert "Commissioner" not in rows and "Red Cross" not in rows and "Sokoto" in rows


def test_the_town_is_the_town_named_a_sentence_before_not_the_reports_place():
    # (written for this test) the report is about Badme; "the town" of the residents is
    # Zalambessa, named just before; a capital named last is never "the town"; and a
    # town named long before is too far back to be meant
    text = ("Fighting flared near Badme on Sunday, the Ethiopian army said. Eritrea said its "
            "troops held Badme. Badme was quiet on Monday, a spokesman said. Residents of "
            "Zalambessa said guns could be heard from before dawn. \"We heard the big guns "
            "all day,\" Haftom Tesfay, a trader in the town, told reporters by telephone.")
    claims = _claims_of(text, "2016-06-14")
    trader = _first(claims, "Haftom", by="claimant")
    assert trader.place == "Zalambessa" and "place from the town named before" in trader.check
    assert _first(claims, "Fighting").place == "Badme"
    capital = ("Fighting flared in Tigray on Sunday, the Ethiopian army said. Officials in "
               "Addis Ababa met on Monday. A trader said the town was quiet.")
    trader = _first(_claims_of(capital, "2016-06-14"), "A trader said")
    assert trader.place != "Addis Ababa" and "town named before" not in trader.check
    far = ("Residents of Zalambessa said guns could be heard. " + "The army said troops "
           "held their positions. " * 20 + "A trader said the town was quiet.")
    trader = _first(_claims_of(far, "2016-06-14"), "A trader said")
    assert "town named before" not in trader.check


def test_a_capitals_body_and_a_places_governor_are_that_places_states():
    # (written for this test) "Moscow's Defence Ministry" is Russia's; a place before a
    # local office's title is the official's place ("Bryansk Governor ...", "Acting Kursk
    # Governor ...": Kursk is no part of the person's name); the Unification Ministry is
    # South Korea's
    got = _who("Moscow's Defence Ministry claimed to have taken five border villages. Bryansk "
               "Governor Alexander Bogomaz said saboteurs had crossed into the Klimovo "
               "district. Acting Kursk Governor Alexei Smirnov says troops crossed near "
               "Sudzha. The Unification Ministry urged Pyongyang to stop. Unification Minister "
               "Kim Yeon-chul told lawmakers it was expected.", "2024-08-07")
    assert [side for _, side in got] == ["RU", "RU", "RU", "KR", "KR"]
    assert "Kursk" in got[2][0] and "Alexei Smirnov" in got[2][0]


def test_a_long_opening_clause_of_how_they_spoke_is_no_part_of_the_speaker():
    # (written for this test) the speaker is after the opening clause's comma, however
    # many names the clause holds
    got = _who("Speaking in Islamabad after talks with caretaker Foreign Minister Jalil Abbas "
               "Jilani, Iran's Foreign Minister Hossein Amir-Abdollahian said the two countries "
               "would not let terrorists damage their relations. Speaking in Juba, South Sudan's "
               "Minister of Information, Michael Makuei Lueth, said the army held Heglig.",
               "2024-01-29")
    assert got == [("Iran's Foreign Minister Hossein Amir-Abdollahian", "IR"),
                   ("South Sudan's Minister of Information, Michael Makuei Lueth", "SS")]


def test_a_verb_of_saying_in_an_aside_of_who_they_are_is_not_the_frame():
    # (written for this test) "who reported to Putin" is who he is; "said" is the frame;
    # and "of the Kursk Region" before his name is his region's, not a word of his name
    got = _who("Acting Governor of the Kursk Region Alexey Smirnov, who reported to Putin by "
               "video link, said the situation in the border areas remained difficult. "
               "Governor of Kursk Region Alexey Smirnov said troops held Sudzha.", "2024-08-07")
    assert got == [("Acting Governor of the Kursk Region Alexey Smirnov", "RU"),
                   ("Governor of Kursk Region Alexey Smirnov", "RU")]


def test_a_translated_papers_ways_accented_names_after_the_verb_and_a_bodys_aside():
    # (written for this test) "SANTO DOMINGO.-" is a dateline; a day between the verb and
    # the speaker after it ("reiterated yesterday the Ministry"); a name after the verb in
    # any Latin script, whole ("Roberto Álvarez", not "Rober" before "to"); and an aside
    # of what a body is, no part of its name
    got = _who("SANTO DOMINGO.- The border will stay closed while the canal is dug, reiterated "
               "yesterday the Ministry of Foreign Affairs. \"We are ready to talk,\" said "
               "Foreign Minister Roberto Álvarez, who insisted that the canal breaks the treaty. "
               "The Caribbean Community (CARICOM), of which Haiti is a member, said it was "
               "concerned.", "2023-09-21")
    assert got == [("the Ministry of Foreign Affairs", "DO"),
                   ("Foreign Minister Roberto Álvarez", "DO"),
                   ("Caribbean Community", "CARICOM")]


def test_a_headlines_place_of_what_came_before_is_not_the_reports_place():
    # (written for this test) the strikes are the report's, at Kobani; the blast in
    # Istanbul, "after" which they came, is not where its claims are
    got = _who("Turkey bombs Kurdish militants in Syria after Istanbul blast\n\nANKARA, Nov 20 "
               "(Wire) - Turkish jets struck Kobani overnight, the defence ministry said. The SDF "
               "said the strikes killed civilians. Officials said more strikes would follow.",
               "2022-11-20", "place")
    assert [p for *_, p in got] == ["Kobani", "Kobani", "Kobani"]


def test_one_word_of_a_name_two_people_share_is_the_one_who_spoke_last():
    # (written for this test) "Kim said" is Kim You-geun, who has just spoken, not Kim
    # Yo-jong named before him; and his role after his name, with no article, is his
    got = _who("SEOUL - North Korea blew up the liaison office, Kim Yo-jong, the younger sister "
               "of leader Kim Jong-un, had warned on Saturday. Kim You-geun, first deputy "
               "director of the National Security Office, told reporters the government "
               "regretted it. \"The North is fully responsible,\" Kim said.", "2020-06-17")
    want = ("Kim You-geun, first deputy director of the National Security Office", "KR")
    assert got[-2:] == [want, want]


def test_a_groups_media_office_is_the_groups_voice_not_an_outlet():
    # (written for this test) a body's media office speaks for it; "the group's" is the
    # group named last before it
    got = _who("Medecins Sans Frontieres said its ward was full. The Rapid Support Forces said "
               "they controlled El Geneina. In a post on X, the group's media office said its "
               "fighters had opened the road. Local media said the road was shut.",
               "2024-08-20")
    assert got[2] == ("group's media office", "RSF") and got[3][1] == "PRESS"


def test_a_coordinator_where_they_are_and_an_executive_director_named_after_its():
    # (written for this test) "MSF's emergency coordinator in eastern Chad" speaks for MSF,
    # not "in eastern Chad" for Chad; "Its executive director, Cindy McCain" for the body
    # named before
    got = _who("The World Food Programme says the food was meant for 13,000 people. Its "
               "executive director, Cindy McCain, said the crossing had to stay open. "
               "\"Families are walking for days,\" MSF's emergency coordinator in eastern Chad "
               "said in a statement.", "2024-08-22")
    assert got[1:] == [("Cindy McCain, World Food Programme's executive director", "UN"),
                       ("MSF's emergency coordinator in eastern Chad", "MSF")]


def test_sudans_sovereign_council_and_its_members_are_sudans():
    # (written for this test) the council that rules Sudan since 2019, by either name
    got = _who("Sudan reopened the Adre crossing. Malik Agar, deputy chairman of the Sovereign "
               "Council, wrote on X that the checks would stay. The Sovereignty Council said "
               "trucks were welcome.", "2024-08-22")
    assert [s for _, s in got] == ["SD", "SD"]


def test_a_semicolon_ends_what_came_before_the_speaker():
    # (written for this test) a headline of two clauses: "... bears brunt; Army says", the
    # army, not "brunt Army"
    got = _who("Toll rises as Poonch bears brunt; Army says enemy posts destroyed\n\n"
               "SRINAGAR: Shells fell on Uri on Monday, Indian officials said.", "2025-05-09")
    assert got[0][0] == "Army"


def test_an_acronym_in_brackets_inside_a_speakers_name_is_part_of_it():
    # (written for this test) the role, the acronym, the title and the name are one speaker,
    # of the side the role names, not the dateline's
    got = _who("Shelling goes on\n\nNEW DELHI: Shells fell on Uri on Monday. Pakistan's "
               "military spokesman, Director General of Inter-Services Public Relations (ISPR) "
               "Lt Gen Asim Khan, told a briefing that Indian shells had hit Kotli.",
               "2025-05-09")
    assert got[-1] == ("Pakistan's military spokesman, Director General of Inter-Services "
                       "Public Relations (ISPR) Lt Gen Asim Khan", "PK")


def test_its_body_after_an_opening_is_the_body_that_spoke_last():
    # (written for this test) "In a statement, its foreign ministry": Ethiopia's, not "of In"
    got = _who("KHARTOUM (Wire) - Sudan said its soldiers were killed near Gallabat. Ethiopia "
               "rejects that account. In a statement on Monday, its foreign ministry said a "
               "militia had clashed with a Sudanese unit.", "2022-06-29")
    assert got[-1] == ("Ethiopia's foreign ministry", "ET")


def test_the_ministry_of_a_spokesperson_who_spoke_last_is_theirs():
    # (written for this test) "the ministry" after a ministry's spokesperson spoke, no body
    # after them: that ministry, not the officials who spoke before
    got = _who("Officials said shells hit Uri. In New Delhi, External Affairs Ministry "
               "spokesperson Anil Rao accused Pakistan of firing on villages. The ministry said "
               "India had no wish to escalate.", "2025-05-09")
    assert got[-1] == ("External Affairs Ministry", "IN")


def test_the_ministry_of_a_minister_who_spoke_last():
    # (written for this test) "Minister of Foreign Affairs, X, said ... The Ministry said":
    # the Ministry of Foreign Affairs, not the country that spoke before
    for minister in ("Guyana's Minister of Foreign Affairs, Anne Todd,",
                     "Minister of Foreign Affairs Anne Todd"):
        got = _who("Venezuela's army fired on Guyanese soldiers near Eteringbang, Guyana said. "
                   f"On Tuesday, {minister} said the attack was an outrage. The Ministry said "
                   "Guyana holds Venezuela responsible.", "2025-02-22")
        assert got[-1][0] == "Ministry of Foreign Affairs"


def test_it_said_inside_a_sentence_whose_subject_is_a_country_is_that_country():
    # (written for this test) "India launched ..., hitting sites it said were camps": India,
    # not the Foreign Office that spoke last
    got = _who("Pakistan's Foreign Office said Indian shells had hit Kotli. India launched "
               "strikes on Wednesday, hitting sites in Muzaffarabad it said were militant "
               "camps.", "2025-05-09")
    assert got[-1][:2] == ("India", "IN")


def test_a_provincial_department_of_two_portfolios_speaks():
    # (written for this test) "the Nangarhar provincial department of information and
    # culture said": that department, of the province's country
    got = _who("PESHAWAR: Firing went on at Torkham, officials said. The Nangarhar provincial "
               "department of information and culture said in a statement that shells had hit "
               "houses near Torkham.", "2025-03-05")
    assert got[-1] == ("Nangarhar provincial department of information and culture", "AF")


def test_a_long_description_of_who_speaks_and_a_vice_president_of_a_chamber():
    # (written for this test) a description of more than 120 characters and a "senior vice
    # president of" are the speaker's, who "he" next means
    got = _who("PESHAWAR: The Torkham crossing stayed shut, officials said. Ahmad Gul, senior "
               "vice president of the Sarhad Chamber of Commerce, said trucks were stuck. Rahim "
               "Khan, a truck driver from Swabi who has been parked near the bazaar for ten "
               "days with a load of oranges bound for Jalalabad, said he was out of money. \"I "
               "sold the fruit at half price,\" he said.", "2025-03-05")
    assert [c for c, _ in got[1:]] == [
        "Ahmad Gul, senior vice president of the Sarhad Chamber of Commerce",
        "Rahim Khan, a truck driver from Swabi who has been parked near the bazaar for ten "
        "days with a load of oranges bound for Jalalabad"] * 1 + [
        "Rahim Khan, a truck driver from Swabi who has been parked near the bazaar for ten "
        "days with a load of oranges bound for Jalalabad"]


def test_a_farmer_from_a_village_outside_a_town_speaks():
    # (written for this test) not the town
    got = _who("KHARTOUM (Wire) - Shells fell near Gallabat, the army said. On the Sudanese "
               "side, a farmer from a village outside Gallabat said families had fled.",
               "2022-06-29")
    assert got[-1][0] == "a farmer from a village outside Gallabat"


def test_no_justification_for_shelling_condemns_it_and_denies_nothing():
    # (written for this test) "there can be no justification for shelling" is no denial
    got = _who("SRINAGAR: Shells hit Poonch, officials said. \"There can be no justification "
               "for shelling a town full of families,\" the chief minister said.",
               "2025-05-09", "stance")
    assert got[-1][2] == "asserts"


def test_a_family_name_with_its_article_is_also_said_without():
    # (written for this test) "General Abdel Karim al-Nour, head of the Sovereign Council, ...
    # Nour told the soldiers": Sudan's, as introduced
    got = _who("KHARTOUM (Wire) - Ethiopia denied the charge. General Abdel Karim al-Nour, "
               "head of the ruling Sovereign Council, flew to Gedaref. \"The answer will be "
               "given on the ground,\" Nour told the soldiers.", "2022-06-29")
    assert got[-1] == ("Abdel Karim al-Nour, General", "SD")


def test_a_person_titled_with_lowercase_words_is_he_next():
    # (written for this test) "Government spokesman X repeated that position": he, whose
    # words the next quote are (not the general named before)
    got = _who("KHARTOUM (Wire) - General Abdel Karim al-Nour, head of the ruling Sovereign "
               "Council, flew to Gedaref. Ethiopia rejected the charge. Government spokesman "
               "Legesse Alemu repeated that position on Wednesday. \"Our army killed no one,\" "
               "he said in Addis Ababa.", "2022-06-29")
    assert got[-1][:2] == ("Legesse Alemu, Government spokesman", "ET")


def test_a_group_of_sides_csv_described_aside_is_no_person():
    # (written for this test) "Jaish al-Adl, the Sunni militant group that has attacked
    # Iranian forces, said": the group's own side, not Iran's from its description
    got = _who("Iran struck Panjgur, Pakistan said. Jaish al-Adl, the Sunni militant group that "
               "has carried out attacks on Iranian security forces in Sistan and Baluchestan, "
               "said two of its houses were hit.", "2024-01-18")
    assert got[-1][1] == "Jaish al-Adl"


def test_an_agency_tag_in_the_datelines_place_publishes_the_report():
    # (written for this test) "NNA - ..." opens an item of Lebanon's state agency: a state
    # body with no country in its name is Lebanon's
    got = _who("NNA - Israeli forces blew up houses in Khiam on Thursday. The Foreign Ministry "
               "said it had lodged a complaint with the Security Council.", "2024-12-27")
    assert got == [("Foreign Ministry", "LB")]
    # (a corps of sides.csv: India's, whatever the dateline)
    got = _who("ISLAMABAD (Wire) - Shells fell on Kotli. The White Knight Corps said its units "
               "had hit posts opposite Poonch.", "2025-05-09")
    assert got[-1][1] == "IN"


def test_the_head_of_state_and_one_of_no_name_are_he_next():
    # (written for this test) "the Head of State said" is the president who spoke last;
    # "the head of the X municipality" and "a farmer from a village outside X" are "he"
    got = _who("President Irfaan Ali said Guyana would not be cowed. \"This is serious,\" the "
               "Head of State said on Tuesday.", "2025-02-22")
    assert got[-1][0] == "President Irfaan Ali"
    got = _who("NNA - Shells hit Khiam, residents said. The head of the Qantara municipality said "
               "families had fled. \"Today they are displaced again,\" he said.", "2024-12-27")
    assert got[-1][0] == "head of the Qantara municipality"
    got = _who("KHARTOUM (Wire) - One trader in Metema said trucks had stopped. A farmer from a "
               "village outside Gallabat said families had fled. \"We cannot reach our land,\" "
               "he said.", "2022-06-29")
    assert got[-1][0] == "A farmer from a village outside Gallabat"


def test_stances_a_vow_a_description_a_warning_against_and_no_gunfire():
    # (written for this test) "would not allow ..." is a vow and "with no link to" says
    # what one is: neither denies; "warned the public against" calls; "there had been no
    # gunfire" and "did not start it" deny
    def stance(sentence: str) -> set:
        return {s for _, _, s in _who("PHNOM PENH (Wire) - Shots were fired near Chong Bok, "
                                      f"officials said. {sentence}", "2025-05-29", "stance")[1:]}
    assert "denies" not in stance("The president said Cambodia would not allow its soldiers "
                                  "to be targeted.")
    assert "denies" not in stance("The ministry said gangs with no link to its government "
                                  "attacked the boat.")
    assert stance("The ministry warned the public against spreading rumours.") == {"calls"}
    assert stance("A farmer said there had been no gunfire on Thursday.") == {"denies"}
    assert "denies" in stance("The spokeswoman said Cambodia did not start it.")


def test_a_country_that_acts_or_whose_army_acts_is_not_where_it_happens():
    # (written for this test) "Pakistan, he said, must stop shelling", "The Pakistan Army
    # has chosen to target homes", "Pakistan does not fire on civilians": the report's place
    for sentence in ('Pakistan, he said, must stop shelling border villages.',
                     '"The Pakistan Army has chosen to target homes," he said.',
                     '"Pakistan does not fire on civilians," he said.'):
        got = _who("Shells hit Poonch\n\nJAMMU: Pakistani troops shelled Poonch town on "
                   "Thursday, officials said. Pakistani troops fired again on Friday. Indian "
                   "army spokesman Anil Rao said Indian troops replied. " + sentence,
                   "2025-05-09", "place")
        assert got[-1][2] == "Poonch", sentence


def test_an_mp_of_a_parliamentary_bloc_whose_name_holds_to_speaks():
    # (written for this test) "MP X of Hezbollah's Loyalty to the Resistance parliamentary
    # bloc said": the MP, of the party's side; and "he" next is he
    got = _who("NNA - Israeli forces blew up houses in Khiam. House Speaker Nabih Berri said "
               "Lebanon had kept the truce. MP Ali Haidar of Hezbollah's Loyalty to the "
               "Resistance parliamentary bloc said the state must act. He rejected Israeli "
               "claims that the houses were military sites.", "2024-12-27")
    assert got[-2:] == [("MP Ali Haidar of Hezbollah's Loyalty to the Resistance "
                         "parliamentary bloc", "LB")] * 2


def test_no_denial_in_a_clause_of_what_a_thing_is_nor_in_never_seen_the_like():
    # (written for this test) "a war they never asked for" and "had not seen shelling like
    # it" deny nothing; the place of a "who" aside is where the speaker was, unless it is
    # what they saw
    got = _who("JAMMU: Shells hit Poonch, officials said. The chief minister, who chaired a "
               "meeting in Srinagar on Wednesday, said the people of Poonch were paying for a "
               "war they never asked for. Residents said they had not seen shelling like it.",
               "2025-05-09", "stance", "place")
    assert [(s, p) for _, _, s, p in got[1:]] == [("asserts", "Poonch")] * 2
    got = _who("ADRE: Our correspondent, who watched convoys at the Adré crossing, said most "
               "lorries carried grain.", "2024-08-20", "place")
    assert got[-1][2] == "Adré"


def test_a_day_with_no_comma_before_the_speaker_and_a_body_to_which_states_belong():
    # (written for this test) "On Monday the foreign ministry said": the ministry, a body
    # ("it" next); "The bloc IGAD, to which both countries belong, urged calm": IGAD, whose
    # "Its executive secretary" speaks next
    got = _who("KHARTOUM (Wire) - The army said shells hit Gallabat. On Monday the foreign "
               "ministry said Sudan was recalling its envoy. It said it would complain to the "
               "UN. The east African bloc IGAD, to which both countries belong, also urged "
               "calm. Its executive secretary, Workneh Tesfaye, said it was ready to help.",
               "2022-06-29")
    assert got[-4:] == [("foreign ministry", "SD"), ("foreign ministry", "SD"),
                        ("east African bloc IGAD", "IGAD"),
                        ("Workneh Tesfaye, east African bloc IGAD's executive secretary", "IGAD")]


def test_one_who_summons_an_envoy_to_their_state_is_of_it():
    # (written for this test) no dateline, no country in the minister's words: the envoy
    # summoned "to Guyana" says whose minister summoned them
    got = _who("Venezuelan gangs fired on soldiers on the Cuyuni, the army said. On Tuesday, "
               "Minister of Foreign Affairs and Trade, Hugh Mason, summoned Venezuela's "
               "Ambassador to Guyana, Carlos Perez, to condemn the attack and demand redress.",
               "2025-02-22")
    assert got[-1] == ("Minister of Foreign Affairs", "GY")


def test_a_kinsman_named_aside_is_he_next_and_a_runs_last_word_is_no_title():
    # (written for this test) "His father, Senate President Hun Sen, took a sharper line.
    # He condemned ...": Hun Sen ("Sen" ends the run: a name, not "Sen." a senator)
    got = _who("BANGKOK (Wire) - Cambodian Prime Minister Hun Manet said Cambodia wanted "
               "talks. His father, Senate President Hun Sen, took a sharper line late on "
               "Wednesday. He condemned what he called an act of aggression.", "2025-05-29")
    assert got[-1] == ("Hun Sen, Senate President", "KH")


def test_a_speaker_of_parliament_is_an_official_and_a_title():
    # (written for this test) "House Speaker Nabih Berri" in a Lebanese state agency's item
    # is an official of the publisher's state; "In Kuwait, National Assembly Speaker X" of
    # the place said first
    got = _who("NNA - Israeli forces blew up houses in Khiam. House Speaker Nabih Berri, "
               "receiving visitors, said Lebanon had kept the truce.", "2024-12-27")
    assert got[-1] == ("House Speaker Nabih Berri", "LB")


def test_pap_titles_joined_by_and_an_anonymous_owner_and_a_coalition_said_to_be_one():
    # (written for this test) "WARSAW, June 6 (PAP) -": Poland's agency, whose state bodies
    # named with no country are Poland's; "Deputy Prime Minister and Defence Minister X
    # ordered ...: he said" is X; "The owner of a guesthouse in X, who asked not to be
    # named, told PAP" is the owner, "she" next; "Grupa Granica, a coalition of ...", a
    # body, is "the group"
    got = _who("WARSAW, June 6 (PAP) - A Polish soldier died, the army said. Prime Minister "
               "Donald Tusk said Poland would respond. Deputy Prime Minister and Defence "
               "Minister Władysław Kosiniak-Kamysz ordered flags lowered. Speaking in Warsaw, "
               "he said the soldier had been killed by a criminal. The Foreign Ministry "
               "demanded that Minsk hand over the attacker. The owner of a guesthouse in "
               "Białowieża, who asked not to be named, told PAP that guests had cancelled. "
               "\"People think there is a war here,\" she said. Grupa Granica, a coalition of "
               "Polish humanitarian organisations, warned against closing the forest. \"Help "
               "must reach people,\" the group said.", "2024-06-06")
    assert got[2:] == [("Władysław Kosiniak-Kamysz, Defence Minister", "PL"),
                       ("Foreign Ministry", "PL"),
                       ("The owner of a guesthouse in Białowieża", "PL"),
                       ("The owner of a guesthouse in Białowieża", "PL"),
                       ("Grupa Granica, a coalition of Polish humanitarian organisations", "PL"),
                       ("Grupa Granica, a coalition of Polish humanitarian organisations", "PL")]


def test_a_subject_of_small_words_after_an_opening_time_claims():
    # (written for this test) "Since then, some Indian media outlets, citing unnamed
    # sources, have run accounts claiming ...": the outlets, not "Since"; but "protesters
    # attacked the embassies of X, ..., accusing" names no one by its first words
    got = _who("China said on Tuesday its troops acted lawfully. Since then, some Indian "
               "media outlets, citing unnamed sources, have run accounts claiming that the "
               "Chinese side suffered more injuries.", "2022-12-14")
    assert got[-1][0] == "Indian media outlets"
    got = _who("Rwanda denied it. In Kinshasa, protesters attacked the embassies of Rwanda, "
               "France and Belgium, accusing Western governments of failing to act.",
               "2025-01-28")
    assert "of Rwanda" not in [c for c, _ in got]


def test_a_hope_that_they_will_calls_and_claims_described_as_absolutely_false_are_denied():
    # (written for this test)
    got = _who("BISHKEK (Wire) - Shells hit Batken, officials said. \"We certainly hope that the "
               "sides will take all measures to de-escalate,\" Kremlin spokesman Dmitry Peskov "
               "said. The Armenian Defense Ministry described the claims of Baku as absolutely "
               "false.", "2022-09-16", "stance")
    assert [s for *_, s in got[1:]] == ["calls", "denies"]


def test_a_briefings_answers_labelled_by_the_office_are_the_spokespersons():
    # (written for this test) a header "briefing by X, Spokesman for the Secretary-General,
    # at United Nations Headquarters" and answers labelled "Spokesman:": his, the UN's; a
    # greeting or a thanks claims nothing
    got = _who("Daily briefing\n\nThe following is a transcript of today's briefing by Anna "
               "Kovacs, Spokeswoman for the Secretary-General, at United Nations "
               "Headquarters.\n\nQuestion: Rwanda says shells fell on Gisenyi. Can you "
               "confirm?\n\nSpokeswoman: Good afternoon. We are not in a position to verify "
               "where that fire came from. We deplore any loss of civilian life. No staff "
               "were injured, as far as we know.\n\nQuestion: Thank you.\n", "2025-01-28")
    assert [w for w in got if w[0].startswith("Spokesperson")] == \
        [("Spokesperson Anna Kovacs", "UN")] * 3  # (a "no" that begins a claim is no filler)


def test_a_press_center_speaks():
    # (written for this test) '"...," the press center said' speaks (was no one)
    got = _who("Clashes in Batken\n\nBISHKEK, September 16. /TASS/. Fighting resumed on the "
               "border on Friday, the Border Service of the GKNB of Kyrgyzstan told TASS. "
               "\"Our border guards are repelling the attack,\" the press center said.",
               "2022-09-16")
    assert got[-1] == ("press center", "KG")


def test_a_demonstrative_alone_is_no_speaker_and_west_african_and_sahel_bodies():
    # (written for this test) "These claims contradict the version given by X, which
    # stated": the report's words; ECOWAS and the AES by their full names
    got = _who("ALGIERS - Algeria rejected Mali's claims. These claims contradict the first "
               "version given by the Malian general staff, which stated on Tuesday that the "
               "drone crashed. The Commission of the Economic Community of West African "
               "States (ECOWAS) called for restraint. The College of Heads of State of the AES "
               "Confederation said it held Algeria responsible.", "2025-04-10")
    assert [s for _, s in got[1:]] == ["PRESS", "ECOWAS", "AES"]


def test_the_ministry_is_the_last_ministry_that_spoke_not_the_last_body():
    # (written for this test) the Venezuelan government spoke after Guyana's ministry: "The
    # Ministry dismissed that version" is the ministry's, Guyana's
    got = _who("Gangs fired on Guyanese soldiers on the Cuyuni. On Tuesday, Minister of Foreign "
               "Affairs and Trade, Hugh Mason, summoned Venezuela's Ambassador to Guyana, "
               "Carlos Perez, to condemn the attack and demand redress. The Ministry said Guyana "
               "holds Venezuela responsible. The Venezuelan government rejected the "
               "accusations. The Ministry dismissed that version on Wednesday.", "2025-02-22")
    assert got[-1][:2] == ("Ministry of Foreign Affairs", "GY")


def test_stances_a_passive_vow_a_purpose_a_forecast_and_calls_by_warning_and_wanting():
    # (written for this test) "no one will be allowed to enter" is a vow, "so that no one
    # could cross" a purpose and "was not expected to harm" a forecast: none denies;
    # "warned the rebels to leave" and "We want the UN to protect us" call
    def stance(sentence: str) -> set:
        return {s for _, _, s in _who("DHAKA (Wire) - Shells fell near Ghumdhum, officials "
                                      f"said. {sentence}", "2022-09-19", "stance")[1:]}
    assert "denies" not in stance('"No one will be allowed to enter Bangladesh illegally," '
                                  "the border chief said.")
    assert "denies" not in stance("The minister said troops had been put on alert so that "
                                  "no Myanmar national could cross into Bangladesh.")
    assert "denies" not in stance("An official said the incident was not expected to harm "
                                  "relations between the two armies.")
    assert "calls" in stance("The president warned the rebels to leave the border area.")
    assert "calls" in stance('"We want the United Nations to protect us," a refugee said.')
    # (what one warned of is no call)
    assert "calls" not in stance("The minister warned of attacks to come in the area.")
    # (and a denial stays one)
    assert stance('"No shell was fired into Bangladesh," the spokesman said.') == {"denies"}


def test_he_after_an_unnamed_member_of_parliament_is_the_member():
    # (written for this test) an MP of no name, then "He urged": the MP, not the herder
    # quoted before
    got = _who("Raids near Fassala\n\nNOUAKCHOTT (Wire) - Soldiers raided a camp near "
               "Fassala, residents said. \"They fired at everything,\" Brahim Salem, a herder, "
               "said. A member of parliament for Bassikounou, who asked not to be named, said "
               "families had fled. He urged the government to send troops.", "2024-04-22")
    assert got[-1] == ("member of parliament for Bassikounou", "MR")


def test_a_long_aside_of_a_call_between_speaker_and_verb_is_no_speaker():
    # (written for this test) the one who demanded, not the one the call was with
    got = _who("KABUL (Wire) - Shots were fired in Kang, officials said. Earlier this month, "
               "Iran's Foreign Minister Hossein Amir-Abdollahian, in a phone call with the "
               "Islamic Emirate's acting foreign minister Amir Khan Muttaqi, demanded that the "
               "gates of the dam be opened.", "2023-05-28")
    assert got[-1] == ("Iran's Foreign Minister Hossein Amir-Abdollahian", "IR")


def test_a_byline_that_says_where_its_correspondent_files_from_is_the_dateline():
    # (written for this test) "Staff Correspondent, from Bandarban": an official of no
    # country named is of the byline's country, as after a dateline
    text = ("Shelling keeps villages on edge\n\nStaff Correspondent, from Bandarban\n\n"
            "Shells fell near Ghumdhum on Friday, residents said. A director of the ministry "
            "handed the envoy a protest note, a ministry official said.")
    assert _who(text, "2022-09-19")[-1] == ("ministry official", "BD")
    # (a line that only names the correspondent is no dateline)
    assert _who(text.replace("Staff Correspondent, from Bandarban", "Staff Correspondent"),
                "2022-09-19")[-1] == ("ministry official", UNKNOWN)


def test_the_official_added_at_a_sentences_end_speaks():
    # (written for this test) "The note said ..., the official added.": the official's
    got = _who("DHAKA (Wire) - Shells fell near Ghumdhum, officials said. A director of the "
               "ministry handed him a protest note, a ministry official said. The note said "
               "such incidents posed a grave threat, the official added.", "2022-09-19", "text")
    assert got[-1] == ("ministry official", "BD", "The note said such incidents posed a "
                       "grave threat, the official added.")


def test_one_an_outlet_cites_with_no_name_nor_side_is_of_the_outlets_side():
    # (written for this test) "X cited a senior official as saying" as "quoted": the
    # official speaks, of a state outlet's side where the official's words name none
    got = _who("Shots near Rafah\n\nShots were fired near Rafah on Monday. Egyptian "
               "state-linked Al-Qahera News cited a senior official as saying that an inquiry "
               "had begun. He also warned against any action that endangered Egyptian "
               "personnel. Interfax quoted an Armenian defence ministry source as saying "
               "that troops had advanced.", "2024-05-28")
    assert got[1:] == [("a senior official quoted by Al-Qahera News", "EG"),
                       ("a senior official quoted by Al-Qahera News", "EG"),
                       ("an Armenian defence ministry source", "AM")]


def test_of_two_places_a_headline_names_the_report_is_about_the_one_it_names_most():
    # (written for this test) the meeting's village first in the headline, the standoff's
    # village named most: the claims of no place of their own are of the standoff's
    got = _who("Ergneti Meeting Ends Without Deal on Chorchana Checkpoint\n\nOfficials met in "
               "Ergneti on Monday over a police post near Chorchana. The post near Chorchana "
               "stays, Georgian officials said. Residents of Chorchana said they were afraid. "
               "The Georgian foreign ministry said the situation was tense.", "2019-09-02",
               "place")
    assert got[-1][2] == "Chorchana"


def test_a_name_before_its_long_role_after_an_opening_is_the_speaker():
    # (written for this test) "After the meeting, Irakli Antadze, Deputy Director of ...,
    # said": Antadze, by name, so that "Antadze said" next is him and of his side
    got = _who("Standoff at Chorchana\n\nPolice held a post near Chorchana on Monday. After the "
               "meeting, Irakli Antadze, Deputy Director of the Analytical Department of the "
               "State Security Service of Georgia (SSG), said the post would stay. Antadze said "
               "it was calm.", "2019-09-02")
    name = ("Irakli Antadze, Deputy Director of the Analytical Department of the State "
            "Security Service of Georgia")
    assert got[-2:] == [(name, "GE"), (name, "GE")]


def test_a_church_body_its_officer_by_its_pronoun_and_a_denial_after_and():
    # (written for this test) "The diocese said" is the diocese that spoke; "Its commander,
    # Major General X," is the force's commander, of its side, not of "Italian"; and "said
    # ..., and dismissed ..." is a second thing said, a denial
    got = _who("Attack at Banjska\n\nGunmen attacked police in Banjska on Sunday. The Serbian "
               "Orthodox Diocese of Raska-Prizren said masked men had forced the gate. The "
               "diocese said the clergy had no connection to the gunmen. KFOR, the NATO-led "
               "peacekeeping force in Kosovo, said it had stepped up patrols. Its commander, "
               "Italian Major General Angelo Michele Ristuccia, said the force was ready to act. "
               "Petar Petkovic of the Serbian government said Pristina was using the incident, "
               "and dismissed Kosovo claims that Serbia's army had taken part.", "2023-09-26",
               "stance")
    assert got[2] == ("Serbian Orthodox Diocese of Raska-Prizren", "RS", "denies")
    assert got[4] == ("Italian Major General Angelo Michele Ristuccia, KFOR's commander", "NATO",
                      "asserts")
    assert [s for *_, s in got[5:]] == ["asserts", "denies"]


def test_one_of_the_many_the_text_just_named_is_of_their_side():
    # (written for this test) "Israeli officials sought to play down the clash. One security
    # official told ...": Israel's; "Egyptian sources said ... Another source said": Egypt's
    got = _who("Shots near Rafah\n\nAn Egyptian soldier was killed near Rafah on Monday. "
               "Israeli officials sought to play down the clash. One security official told "
               "Hebrew media that the incident was being handled quietly. Egyptian sources said "
               "the soldier was 22. Another source said he was from Fayoum.", "2024-05-28")
    assert got[2:] == [("One security official", "IL"), ("Egyptian sources", "EG"),
                       ("Another source", "EG")]
    # (not where none is named just before)
    assert _who("Shots near Rafah\n\nAn Egyptian soldier was killed near Rafah on Monday. "
                "One security official told reporters that the incident was being handled "
                "quietly.", "2024-05-28")[-1] == ("One security official", UNKNOWN)


def test_a_de_facto_seat_speaks_for_its_authorities_and_stays_a_place():
    # (written for this test) sides.csv's seats ("Tskhinvali", kind "seat"): as a speaker,
    # or a body based there, of the de facto authorities; as a place, still found
    got = _who("TBILISI — Russian troops detained a man near Gugutiantkari. Tskhinvali said the "
               "man crossed the border illegally. The Tskhinvali-based KGB said it had launched "
               "an operation. A Georgian official near Tskhinvali said it was calm. The "
               "London-based Sinai Foundation said it was calm. The Brussels-based Crisis "
               "Foundation said it was calm.", "2019-09-02")
    assert got[1:] == [("Tskhinvali", "South Ossetia"),
                       ("Tskhinvali-based KGB", "South Ossetia"),
                       ("Georgian official near Tskhinvali", "GE"),
                       ("London-based Sinai Foundation", UNKNOWN),
                       ("Brussels-based Crisis Foundation", UNKNOWN)]
    from geomap.api import find_places
    found = [(m.surface, r.place.country) for m, r in find_places(Document(
        text="Shells hit Tskhinvali and Sukhumi on Monday, and Tiraspol was quiet.",
        name="t.txt")) if r.resolved]
    assert found == [("Tskhinvali", "GE"), ("Sukhumi", "GE"), ("Tiraspol", "MD")]


def test_an_opening_of_how_they_spoke_a_clause_of_when_and_an_account_given():
    # (written for this test) "Speaking at ..., X thanked ... and announced": X, not
    # "Speaking"; "The war of words escalated, when X, addressing ..., likened ... and called
    # on": X, not "The"; "A spokesperson of ... gave a similar account. He said": the
    # spokesperson
    got = _who("Migrants at Kastanies\n\nMigrants gathered at Kastanies on Monday. Speaking at "
               "the cultural center in Kastanies alongside Charles Michel, Commission President "
               "Ursula von der Leyen thanked Greece, and announced 700 million euros in support. "
               "The war of words escalated further on Wednesday, when Turkish President Recep "
               "Tayyip Erdogan, addressing lawmakers in Ankara, likened the scenes to the "
               "actions of the Nazis and called on Greece to open the gates. A spokesperson of "
               "the Turkish Interior Ministry gave a similar account. He said the migrants had "
               "been pushed back.", "2020-03-05")
    assert [w for w, _ in got] == [
        "Commission President Ursula von der Leyen", "Recep Tayyip Erdogan, Turkish President",
        "Recep Tayyip Erdogan, Turkish President", "spokesperson of the Turkish Interior Ministry",
        "spokesperson of the Turkish Interior Ministry"]


def test_a_region_named_with_another_states_demonym_is_its_own_states():
    # (written for this test) the Somali Region, sides.csv's kind "region", is Ethiopia's:
    # its bureau speaks for Ethiopia ("bureau" a body: "The bureau said" is it), and the
    # region is still a place; "an Authority on Development" is one name; an article alone
    # ("The claims could not be independently verified") is no speaker
    got = _who("Somali region says 85 more militants killed in Ferfer\n\nThe Somali regional "
               "state communication bureau said regional forces killed 85 militants on Monday "
               "in Ferfer. The bureau said the forces won. Somali officials in Mogadishu said "
               "it was calm. The claims could not be independently verified. The "
               "Intergovernmental Authority on Development (IGAD) Executive Secretary Workneh "
               "Gebeyehu called for calm.", "2022-07-28")
    assert got == [("Somali region", "ET"),
                   ("Somali regional state communication bureau", "ET"),
                   ("Somali regional state communication bureau", "ET"),
                   ("Somali officials in Mogadishu", "SO"),
                   ("the report (unattributed)", "PRESS"),
                   ("Intergovernmental Authority on Development (IGAD) Executive Secretary "
                    "Workneh Gebeyehu", "IGAD")]
    from geomap.extraction.sides import not_places, side_terms
    from geomap.gazetteer.normalize import name_key
    for term in ("Somali Region", "Tskhinvali"):  # (terms that are places too)
        assert name_key(term) in side_terms() and name_key(term) not in not_places()
    assert name_key("South Ossetian") in not_places()


def test_one_from_a_place_written_with_its_local_unit_speaks():
    # (written for this test) "A yak herder from Bji gewog said": the herder, and "he said"
    # next is him (was no one, and "he" the last person named before)
    got = _who("Calm returns to Haa\n\nIn Haa, residents said they had followed the news. "
               "State Department spokesperson Heather Nauert said the US was watching. A yak "
               "herder from Bji gewog said people had worried through July. \"We did not see "
               "any soldiers,\" he said.", "2017-08-30")
    assert [w for w, _ in got[-2:]] == ["herder from Bji gewog"] * 2


def test_one_named_by_a_surname_the_text_gave_after_a_given_name_is_he():
    # (written for this test) "Maheia, who ..., told Amandala" after "among them Wil Maheia
    # of the Belize Territorial Volunteers": a person, so "he said" next is him, not the
    # commander before; "The Kremlin" is no given name and surname
    got = _who("Boats block Sarstoon\n\nGuatemalan boats stopped a group, among them Wil Maheia "
               "of the Belize Territorial Volunteers. The BDF patrol commander told the "
               "Guatemalans that the civilians were under escort. Maheia, who took photographs, "
               "told Amandala that a gunboat sat across the river. \"They had us boxed in,\" he "
               "said. The Kremlin said it was watching. \"It is over,\" it said.", "2019-07-30")
    assert [w for w, _ in got[-4:]] == ["Maheia", "Maheia", "Kremlin", "Kremlin"]


def test_a_headline_that_ends_with_a_quoted_word_is_one_and_names_the_reports_place():
    # (written for this test) '... killed in Ferfer, dismisses claims as "propaganda"': a
    # headline, whose place is the report's (not a place named later more often)
    got = _who('Somali region says militants killed in Ferfer, dismisses claims as "propaganda"'
               "\n\nThe Somali regional state communication bureau said regional forces killed 85 "
               "militants. The fighters had come from Bakool, the bureau said. Bakool's governor "
               "said the fighters had crossed from Bakool. Officials in Bakool said it was calm.",
               "2022-07-28", "place")
    assert got[1][2] == "Ferfer"


def test_carondelet_is_ecuadors_presidency_and_sur_alone_no_tyre():
    # (written for this test) "Carondelet" in Ecuador's press is the palace, Ecuador's
    # presidency (not GeoNames' hamlet); "Base Sur" is no Tyre ("Sur" alone is no curated
    # name of it: Oman's Sur, Spanish "south")
    got = _who("QUITO, Ecuador (AP) — Carondelet said Ecuadorean units still held Base Sur. "
               "Peru said it had captured Base Sur.", "1995-02-18", "place")
    assert got[0][:2] == ("Carondelet", "EC")
    assert all(p != "Sur" for *_, p in got)


def test_brussels_speaks_for_the_eu_and_no_firearms_used_is_denied():
    # (written for this test) "a charge Brussels rejects": the EU's (Belgium's before);
    # "no firearms were used at any point": a denial
    got = _who("Migrants at Kastanies\n\nATHENS — Migrants gathered at Kastanies on Monday. "
               "Police sources said officers used tear gas. The same sources insisted that no "
               "firearms were used at any point. Ankara has long accused the EU of failing to "
               "deliver the funds, a charge Brussels rejects.", "2020-03-05", "stance")
    assert got[1][2] == "denies" and got[-1] == ("Brussels", "EU", "denies")


def test_estimates_and_claims_as_nouns_before_their_verb_name_no_speaker():
    # (written for this test) "Unofficial estimates are much higher": no speaker
    # "Unofficial"; "Peru estimates the toll at 40" still Peru's
    got = _who("Clashes on the Cenepa\n\nPeru said 38 of its soldiers had died. Unofficial "
               "estimates are much higher. Peru estimates the toll at 40.", "1995-02-18")
    assert got == [("Peru", "PE"), ("Peru", "PE")]


def test_a_bangladeshi_rights_group_is_its_own_not_frances():
    # (written for this test) "Ain o Salish Kendra" holds "Ain", a French department in
    # GeoNames: the group is its own side (sides.csv), as Human Rights Watch is
    got = _who("Killing at Burimari\n\nA farmer was shot dead near Burimari on Saturday, "
               "officials said. According to the rights group Ain o Salish Kendra (ASK), 23 "
               "Bangladeshis were killed along the border in 2022. Odhikar said 1,236 had been "
               "killed since 2000.", "2023-01-02")
    assert [s for _, s in got[1:]] == ["ASK", "Odhikar"]


def test_a_spanish_first_family_name_alone_is_the_one_named_in_full():
    # (written for this test) "Ramón Quispe Huamán ... Quispe said": the minister, his
    # first family name alone; not where another named one bears it last ("Ana Torres")
    got = _who("Clashes on the Cenepa\n\nPeruvian Defence Minister Ramón Quispe Huamán said "
               "troops held the post on Monday. Speaking later, Quispe said the shelling had "
               "stopped.", "1995-02-18")
    assert got[-1][1] == "PE" and got[-1][0].startswith("Ramón Quispe Huamán")
    got = _who("Clashes on the Cenepa\n\nPeruvian Defence Minister Luis Torres Vega said troops "
               "held the post on Monday. Ana Torres, an analyst, disagreed. Speaking later, "
               "Torres said the shelling had stopped.", "1995-02-18")
    assert not got[-1][0].startswith("Luis Torres Vega")


def test_a_two_letter_acronym_is_the_body_named_in_full_before():
    # (written for this test) "the Foreign Office ... the FO said", as Pakistan's papers
    # write it: the Foreign Office's side, not "side not found"
    got = _who("ISLAMABAD: Shells fell near Panjgur on Tuesday. The Foreign Office said the "
               "strike was a violation of Pakistan's airspace. The FO said Pakistan had "
               "raised its concerns with Tehran.", "2024-01-17")
    assert got[-1] == ("FO", "PK")


def test_an_acronym_of_a_body_named_with_of_and_an_acronym_before_a_role_are_its():
    # (written for this test) "the Department of Foreign Affairs ... the DFA said" (the
    # body's word first); "CCG spokesperson Gan Yu" after "the China Coast Guard (CCG)":
    # China's, not the Philippine dateline's
    got = _who("MANILA, Philippines — The China Coast Guard (CCG) boarded two boats near the "
               "shoal, the military said. On Monday, CCG spokesperson Gan Yu said the boats "
               "had entered without permission. The Department of Foreign Affairs condemned "
               "the boarding. \"We expect restraint,\" the DFA said.", "2024-06-20")
    assert got[1:] == [("CCG spokesperson Gan Yu", "CN"),
                       ("Department of Foreign Affairs", "PH"), ("DFA", "PH")]


def test_blame_denied_a_target_denied_and_a_camp_denied_here_are_denials():
    # (written for this test) "We are not the aggressor", "No citizen of our neighbour
    # ... was targeted", "There was no camp here": denials; "No one was hurt" is none
    got = _who('Strikes near Panjgur\n\nISLAMABAD: "Pakistan is defending itself. We are not the '
               'aggressor," Foreign Minister Jalil Abbas Jilani said on Thursday. "No citizen of '
               'our friendly and brotherly neighbour Iran was targeted," Jilani said. "There was '
               'no camp here, only date farms," a villager in Panjgur said. "No one was hurt," '
               'the villager said.', "2024-01-18", "stance")
    assert [s for *_, s in got] == ["asserts", "denies", "denies", "denies", "asserts"]


def test_the_subject_of_acts_listed_speaks_not_the_object_of_the_first_nor_a_bodys_seat():
    # (written for this test) "Mali summoned Algeria's ambassador, announced ...": Mali
    # speaks, not the ambassador; and the city a body it names is based in is not where
    got = _claims_of("Drone row\n\nBAMAKO, April 7 (Test Wire) - A drone was shot down near "
                     "Tinzaouaten. Mali also summoned Algeria's ambassador, announced its "
                     "withdrawal from the committee, a regional body based in the Algerian "
                     "city of Tamanrasset, and said it would lodge a complaint.", "2025-04-07")
    summoned = [c for c in got if c.text.startswith("Mali also")]
    assert {(c.claimant, c.claimant_side) for c in summoned} == {("Mali", "ML")}, got
    assert {c.place for c in summoned} == {"Tinzaouaten"}, got
    # (but the object before ", said" and a name after it is still where: "shelled Berd,
    # said the Kremlin")
    got = _who("Shelling\n\nMOSCOW, May 1 (Test Wire) - Azerbaijani troops shelled Berd, said "
               "the Kremlin.", "2021-05-01")
    assert got == [("the Kremlin", "RU")]
    # (nor one a verb of saying puts after it, named by no name: "said two Armenian security
    # officials", bench/frames.py's frame)
    got = _who("Shelling\n\nYEREVAN, May 1 (Test Wire) - Azerbaijani troops shelled Berd, said "
               "two Armenian security officials.", "2021-05-01")
    assert [s for _, s in got] == ["AM"], got


def test_the_meeting_a_sentence_opens_with_is_where_they_spoke_not_where_it_happened():
    # (written for this test) the Security Council's city is no place of the crossing
    got = _claims_of("Goma falls\n\nKINSHASA (Test Wire) - At an emergency meeting of the UN "
                     "Security Council in New York on Sunday, Congolese Foreign Minister Therese "
                     "Kayikwamba Wagner said Rwandan troops had crossed into Goma.", "2025-01-27")
    assert [c.place for c in got] == ["Goma"], got


def test_an_alliance_its_acronym_of_another_language_and_the_bloc_are_the_alliances():
    # (written for this test) "the Alliance of Sahel States (AES)": its French initials;
    # "the bloc" next is the alliance, which an aside of its members does not make two
    got = _who("Sahel row\n\nOn Sunday the Alliance of Sahel States (AES), the confederation "
               "that groups Mali with Burkina Faso and Niger, said it was recalling its "
               "ambassadors. In a joint statement, the bloc condemned the act. The downing, "
               "the AES added, was an aggression.", "2025-04-07")
    assert [s for _, s in got] == ["AES", "AES", "AES"], got


@pytest.mark.parametrize("said, stance", [
    ('"We are demanding that the Chinese return our rifles," General Romeo Brawner said.',
     "calls"),
    ('"We ask the people of Goma to stay at home," government spokesman Patrick Muyaya said.',
     "calls"),
    ("The Hague-based court told both countries to avoid any step that could aggravate "
     "the dispute.", "calls"),
    ("Lithuania's foreign ministry said it had sent Warsaw a formal request for "
     "explanations.", "calls"),
    ("Chinese Foreign Ministry spokesperson Lin Jian insisted that the coast guard had taken "
     "no direct measures against Philippine personnel.", "denies"),
    ("Indian army chief Manoj Naravane said there had never been any dispute over the area.",
     "denies"),
    # (and no call nor denial where none is made)
    ("Foreign Minister Jalil Abbas Jilani told reporters to expect a statement soon.",
     "asserts"),
    ("Foreign Minister Jalil Abbas Jilani said the army had taken no chances.", "asserts"),
])
def test_demands_requests_instructions_and_acts_denied_in_other_words(said, stance):
    # (written for this test)
    got = _who(f"Border row\n\nNEW DELHI, May 20 (Test Wire) - {said}", "2024-06-20", "stance")
    assert [s for *_, s in got] == [stance], got


def test_the_main_clause_speaks_not_a_clause_the_sentence_opens_with():
    # (written for this test) "After X said that ..., Y dismissed ...": Y, and a denial
    got = _who("Row over Minsk\n\nAfter prime minister Mateusz Morawiecki said that Vladimir "
               "Putin was pulling the strings in Minsk, Kremlin spokesman Dmitry Peskov "
               "dismissed the remark as irresponsible.", "2021-11-16", "stance")
    assert got == [("Dmitry Peskov, Kremlin spokesman", "RU", "denies")]


def test_a_country_in_its_forces_name_and_a_meeting_are_not_where_a_claim_or_a_denial_is():
    # (written for this test) "the China Coast Guard had no authority": not China; and a
    # denial that names no event denies the last charge, not where a general met reporters
    got = _claims_of("Shoal clash\n\nMANILA, Philippines — Chinese boats rammed Philippine "
                     "boats near Ayungin Shoal, General Romeo Brawner said. He spoke to "
                     "reporters in Puerto Princesa City on Wednesday. He added that the China "
                     "Coast Guard had no authority there. Foreign Ministry spokesperson Lin Jian "
                     "of China denied it.", "2024-06-20")
    assert "China" not in [c.place for c in got], got
    assert _first(got, "Foreign Ministry").place == _first(got, "MANILA").place, got
    # (and the place the first sentence ends with, before the comma of who said it, is no
    # part of the speaker's name; an ambassador's post still is)
    assert _first(got, "General", "claimant").claimant == "General Romeo Brawner", got
    got = _who("Row\n\nMADRID — Morocco's ambassador in Madrid, Karima Benyaich, said it was "
               "regrettable.", "2021-05-20")
    assert got == [("Morocco's ambassador in Madrid, Karima Benyaich", "MA")]


def test_a_resident_of_the_town_speaks_and_he_next_is_the_resident():
    # (written for this test) "A resident of the town" was no speaker at all (the town's
    # lower-case words ended the phrase), and "he" next went back to the minister
    got = _who("Drone row\n\nMali's Prime Minister Abdoulaye Maiga rejected the claim. A "
               "resident of the town, who asked not to be named, said people had heard a loud "
               "explosion. \"We went out at dawn,\" he said.", "2025-04-07")
    assert [c for c, _ in got[1:]] == ["resident"] * 2, got


def test_a_very_different_account_given_is_a_speaker_whom_it_then_means():
    # (written for this test) "gave a very different account": the government speaks, and
    # "it" next is the government, not the army that spoke before
    got = _who("Drone row\n\nMali's army said one of its aircraft had crashed. On Sunday, Mali's "
               "transitional government gave a very different account. In a statement read on "
               "state television, it said the wreckage lay inside Malian territory.",
               "2025-04-07")
    assert [c for c, _ in got] == ["Mali's army"] + ["Mali's transitional government"] * 2


def test_what_states_do_to_each_other_over_an_incident_is_an_act_the_report_states():
    # (written for this test) airspace closed, relations broken off, ambassadors recalled,
    # diplomats expelled: acts ("other"), the report's own where it states them
    got = _claims_of("Drone row\n\nAlgeria closed its airspace to flights from Mali on Monday. "
                     "Kinshasa broke off diplomatic relations with Kigali. Britain expelled 23 "
                     "Russian diplomats. Mali said it was recalling its ambassador.", "2025-04-07")
    assert [(c.claimant_side, c.event) for c in got] == [("PRESS", "other")] * 3 + [
        ("ML", "other")], got


def test_force_used_on_people_at_a_border_is_a_clash_the_report_states():
    # (written for this test) water cannon, tear gas and stun grenades: an incident, stated
    # by the report itself; and by a ministry that says so
    got = _claims_of("Clash at the crossing\n\nPolish border guards used water cannon and tear "
                     "gas against migrants at Kuźnica on Tuesday. The ministry said Belarusian "
                     "services had handed the migrants stun grenades.", "2021-11-16")
    assert [c.event for c in got] == ["clash", "clash"] and got[0].claimant_side == "PRESS", got


def test_a_dateline_of_the_date_then_the_city_in_brackets_is_the_reports_home():
    # (written for this test) "April 12, 2012 (KHARTOUM) – ", as a paper of both Sudans
    # writes it: an official of no country there is Sudan's; the SPLA is South Sudan's
    got = _who("Army vows to retake Heglig\n\nApril 12, 2012 (KHARTOUM) – The army said on "
               "Thursday its troops were massing north of Heglig. Defence Minister Abdel Rahim "
               "Mohamed Hussein told legislators the army would soon expel the invaders. The "
               "SPLA said it held the oil field.", "2012-04-12")
    assert got[-2:] == [("Defence Minister Abdel Rahim Mohamed Hussein", "SD"),
                        ("SPLA", "SS")]


def test_two_offices_of_one_person_joined_by_and_are_both_theirs():
    # (written for this test) "Minister of Information and official government
    # spokesperson, X,": one person, whom "the minister" next means
    got = _who("Bombs near Bentiu\n\nJUBA – South Sudan's Minister of Information and official "
               "government spokesperson, Ngor Deng Ajak, said warplanes had bombed Bentiu. The "
               "defence minister of Sudan, Abdel Rahim Mohamed Hussein, said the army had "
               "struck rebels. South Sudan's minister said an Antonov had bombed a bridge.",
               "2012-04-12")
    assert got[0][0].startswith("South Sudan's Minister of Information and official")
    got = _who("Clash\n\nRussia and official media said the strike hit Kursk.", "2024-08-12")
    assert got[0][0] == "official media"


def test_a_body_an_acronym_owns_and_a_persons_press_service_are_of_their_side():
    # (written for this test) "the GKNB's press center" after the GKNB named in full; "his
    # press service" after the president named with his country
    got = _who("Attack on road workers\n\nTwo workers were killed near the river, the State "
               "Committee for National Security of Tajikistan (GKNB) said. Tajik President "
               "Emomali Rahmon met the heads of the security agencies on Monday. According to "
               "his press service, officials reported two incidents. In the same statement, "
               "the GKNB's press center said the attackers had come from Afghanistan.",
               "2025-12-01")
    assert [s for _, s in got[-2:]] == ["TJ", "TJ"]


def test_a_report_of_no_dateline_by_an_outlet_of_one_country_is_written_from_there():
    # (written for this test) no dateline, but the text says it was told to Estonia's
    # public broadcaster: officials named with no country are Estonia's, and say so;
    # the same report given with that publisher too; and with no outlet, no side
    text = ("Russia removes river buoys\n\nRussian border guards removed 24 buoys from the "
            "Narva river on Thursday. Prime Minister Kaja Kallas called it a provocation. "
            "The border guard chief, Egert Belitsev, told ERR News that officers had watched "
            "the operation.")
    got = _claims_of(text, "2024-05-24")
    assert [(c.claimant_side, "publisher's country" in c.check) for c in got[-2:]] == \
        [("EE", True), ("EE", True)]
    plain = text.replace(" told ERR News that", " said")
    assert [c.claimant_side for c in _claims_of(plain, "2024-05-24")][-2:] == [UNKNOWN] * 2
    from geomap.api import extract

    doc = Document(text=plain, name="t.txt", published="2024-05-24", publisher="ERR News")
    assert [c.claimant_side for c in extract(doc)][-2:] == ["EE", "EE"]
    # (a publisher is data: a hostile one is no outlet, and nothing else)
    doc = Document(text=plain, name="t.txt", published="2024-05-24",
                   publisher='ERR News"><script>alert(1)</script>{0}%s')
    assert [c.claimant_side for c in extract(doc)][-2:] == [UNKNOWN] * 2


def test_the_province_is_the_province_named_before_not_the_reports_place():
    # (written for this test) "in the province" after a speaker of Oddar Meanchey's
    # administration; "in the same province" after a sentence on Ubon Ratchathani; not "the
    # province's vice governor", a body the province owns
    got = _who("Shelling on the border\n\nShells hit Phanom Dong Rak in Surin province on "
               "Thursday, the army said. Met Sopheap, spokesman for the Oddar Meanchey "
               "provincial administration, said one civilian had been killed in the province. "
               "A soldier was hurt by a mine in Ubon Ratchathani province last week. On "
               "Wednesday five more were wounded in the same province, the army said.",
               "2025-07-25", "place", "check")
    assert [g[2] for g in got[2:]] == ["Oddar Meanchey", "Ubon Ratchathani"]
    assert "province named before" in got[-1][3]


def test_calls_or_demands_that_grew_are_a_noun_and_no_speaker():
    # (written for this test) "Abroad, calls for restraint grew": no speaker "Abroad"; "The
    # UN calls for calm as fears grew" and "Pakistan calls for the strikes to stop" still
    # calls
    got = _who("Strikes on the border\n\nAbroad, calls for restraint grew. Demands for an "
               "inquiry mounted. The UN calls for calm as fears grew. Pakistan calls for the "
               "strikes to stop.", "2024-01-18", "stance")
    assert got == [("UN", "UN", "calls"), ("Pakistan", "PK", "calls")]


def test_the_ministry_named_with_its_portfolio_is_not_another_ministry_before():
    # (written for this test) "The Interior Ministry said" after the Public Health Ministry
    # spoke is the Interior Ministry; "the foreign minister" is the foreign minister named
    # before, not the home minister who spoke last
    got = _who("Shelling near the border\n\nFourteen civilians were killed, according to the "
               "Public Health Ministry. The Interior Ministry said 138,000 people had been "
               "moved.", "2025-07-26")
    assert got[-1][0] == "Interior Ministry"
    got = _who("Guards cross the border\n\nDHAKA - Foreign Minister Hasan Mahmud said on Monday "
               "the guards would be sent back. Home Minister Asaduzzaman Khan said troops were "
               "on alert. The foreign minister said Myanmar had agreed to take them back.",
               "2024-02-05")
    assert "Hasan Mahmud" in got[-1][0]


def test_a_person_heading_a_department_is_he_and_forces_after_their_minister_are_his():
    # (written for this test) "Ann Lee, head of the Foreign Ministry's Press Department":
    # she, whom "she" next means (not the president named before); "the armed forces said"
    # right after Venezuela's defence minister spoke: Venezuela's, not the dateline's
    got = _who("Attack in Darvaz\n\nPresident Emomali Rahmon met security chiefs. Shohin "
               "Samadi, head of the Tajik Foreign Ministry's Information and Press Department, "
               "told reporters the ministry would respond. \"We expect the Afghan side to act,\" "
               "he said.", "2025-12-01")
    assert got[-1][0].startswith("Shohin Samadi")
    got = _who("Clashes in Apure\n\nBOGOTA, March 25 (Reuters) - Thousands fled into Colombia. "
               "Venezuelan Defence Minister Vladimir Padrino Lopez said on Wednesday that troops "
               "had destroyed several camps. Two soldiers were killed in the first day of "
               "fighting, the armed forces said on Sunday.", "2021-03-25")
    assert got[-1] == ("armed forces", "VE")


def test_a_statement_attributed_to_a_group_is_the_groups():
    # (written for this test) "A statement attributed to the BLF and circulated on social
    # media ... acknowledged": the BLF, not the media named before
    got = _who("Strikes in Saravan\n\nISLAMABAD: Pakistan struck hideouts in Saravan. Iranian "
               "state media said nine people were killed. A statement attributed to the BLF and "
               "circulated on social media on Thursday acknowledged that some of its members "
               "had been killed.", "2024-01-19")
    assert got[-1] == ("the BLF", "BLF")


def test_targets_struck_across_the_border_lie_in_the_other_party():
    # (written for this test) the speaker's air force struck "targets across the border":
    # in the other party's country, not the report's own province; "did not hit" denies;
    # "shots were fired across the border", whose shooters are not named, stays where it was
    got = _who("Clash at the border\n\nCambodian troops shelled Surin province on Thursday, "
               "the Thai army said. Army spokesman Maj Gen Winthai Suvaree said the air force "
               "sent F-16s to strike two military targets across the border, and said the "
               "strikes did not hit anything else. Officials said shots were fired across the "
               "border.", "2025-07-25", "stance", "place")
    assert got[-3][2:] == ("asserts", "Cambodia") and got[-2][2:] == ("denies", "Cambodia")
    assert got[-1][3] != "Cambodia"


def test_one_of_no_country_after_the_country_a_sentence_opens_with_is_its():
    # (written for this test) "In Israel, the army's spokesman's office said", in a report
    # with no dateline: Israel's, not the Lebanese publisher's
    got = _who("Tents near Ghajar\n\nLebanon protested the fence, its foreign minister told "
               "L'Orient Today. In Israel, the army's spokesman's office said on Monday that it "
               "would not allow a violation.", "2023-07-12")
    assert got[-1] == ("army's spokesman's office", "IL")

"""The parts of a speaker the rule reads only where it needs them (claims.speaker): the
sentence's head for "its foreign ministry said", the speaker after the verb ("..., said
Porter") and a hedge ("reportedly") where no verb of saying decides."""

from __future__ import annotations

from geomap.api import find_places, gazetteer
from geomap.extraction import claims as rules
from geomap.records import Document


def _speech(text: str):
    doc = Document(text=text, name="t.txt", published="2021-05-14", publisher="Test Wire")
    resolved = [(m, r) for m, r in find_places(doc) if not (m.adjective or m.embedded)]
    capitals = gazetteer().capital_ids()
    report = rules.read_report(doc, resolved, lambda p: p.country if p.id in capitals else "")
    s, e = rules.sentences(text)[-1]
    return rules.speaker(rules.Sentence(text[s:e], s, e, []), report)


def test_its_ministry_is_the_ministry_of_the_sentences_head():
    speech = _speech("South Sudan has offered to mediate between the two sides, its foreign "
                     "ministry said.")
    assert speech.claimant == "foreign ministry of South Sudan"


def test_the_speaker_after_the_verb():
    speech = _speech("“Tajik troops crossed the border near Vorukh,” said Porter.")
    assert speech.claimant.rstrip(".") == "Porter" and speech.how == "said"


def test_a_hedge_where_no_verb_of_saying_decides():
    assert _speech("Tajik troops reportedly crossed the border near Vorukh.").how == \
        "reportedly"
    assert _speech("Tajik troops crossed the border near Vorukh, Kyrgyz officials said.") \
        .how == "said"

"""A report reads each phrase's side once (claims.Report.side_of): the same side as
sides.side_in gives for it, and side_in is not asked twice about one phrase of a report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from geomap.api import find_places, gazetteer
from geomap.extraction import claims as rules
from geomap.extraction.sides import side_in
from geomap.records import Document

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "bench" / "reports" / "kg_tj.txt"


def _report(text: str):
    doc = Document(text=text, name="t.txt", published="2021-05-14", publisher="Test Wire")
    resolved = [(m, r) for m, r in find_places(doc) if not (m.adjective or m.embedded)]
    capitals = gazetteer().capital_ids()
    return rules.read_report(doc, resolved, lambda p: p.country if p.id in capitals else "")


def test_a_phrase_has_the_side_side_in_gives_it_each_time_it_is_asked():
    report = _report("Kyrgyz President Sadyr Japarov said Tajik troops crossed into Batken. "
                     "Dushanbe denied it.")
    phrases = ["Tajik troops", "Sadyr Japarov", "Japarov", "Dushanbe", "the ministry",
               "the Kyrgyz border service",
               "Kyrgyz border guards", "", "Japarov", "Tajik troops", "Russian troops"]
    for phrase in phrases * 2:
        assert report.side_of(phrase) == side_in(phrase, report.sides, report.officials)
    assert report.side_of("Japarov") == "KG" and report.side_of("Tajik troops") == "TJ"


def test_side_in_is_asked_once_per_phrase_of_a_report(monkeypatch):
    """(its sentences read after the report's context, as extract_claims reads them)"""
    text = REPORT.read_text(encoding="utf-8")
    report = _report(text)
    asked: Counter = Counter()

    def counted(phrase, extra=None, people=None):
        asked[phrase] += 1
        return side_in(phrase, extra, people)
    monkeypatch.setattr(rules, "side_in", counted)
    claims = [c for s, e in rules.sentences(text)
              for c in rules.claims_in(rules.Sentence(text[s:e], s, e, []), report)]
    assert claims and asked
    assert max(asked.values()) == 1, asked.most_common(3)

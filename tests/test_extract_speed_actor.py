""""its troops" (claims._owned_by_speaker) looked for as plain text before the pattern made
for each actor: the same first match as the pattern alone, on the bench reports' sentences
and on any sentence of the words that matter."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.extraction import claims

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=2000,
                    suppress_health_check=list(HealthCheck))
WHO = ["troops", "forces", "Armenian troops", "border guards", "Kyrgyz.forces", "army"]
WORDS = ["its", "their", "our", "Its", "bits", "hours", "troops", "forces", "Armenian",
         "border", "guards", "Kyrgyz.forces", "army", "said", ",", "“", "-"]


def _plain(who: str, text: str):
    m = re.search(rf"\b(?:its|their|our) {re.escape(who)}", text)
    return m.span() if m else None


def _fast(who: str, text: str):
    m = claims._owned_by_speaker(who, text)
    return m.span() if m else None


def test_the_bench_reports_sentences():
    found = 0
    for path in sorted((ROOT / "bench" / "reports").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in claims.sentences(text):
            sent = text[s:e]
            for who in {m["who"] for m in claims._ACTOR.finditer(sent)}:
                assert _fast(who, sent) == _plain(who, sent)
                found += _plain(who, sent) is not None
    assert found >= 3


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join), st.sampled_from(WHO))
def test_any_sentence(text, who):
    assert _fast(who, text) == _plain(who, text)


def test_their_troops_are_the_side_named_before_them():
    text = "Tajikistan moved their troops to the border, a Kyrgyz official said."
    sent = claims.Sentence(text, 0, len(text), [])
    report = claims.Report(None, {}, {"kyrgyz": "KG", "tajikistan": "TJ"}, None, None,
                           set(), {})
    speech = claims.Speech("a Kyrgyz official", (0, 0), "said")
    assert claims.actor(sent, speech, "KG", report) == ("troops", "TJ")
    # (and with no side named before them, the speaker's own)
    text = "Officials said its troops moved to the border."
    sent = claims.Sentence(text, 0, len(text), [])
    speech = claims.Speech("Officials", (0, 9), "said")
    assert claims.actor(sent, speech, "KG", report) == ("troops", "KG")

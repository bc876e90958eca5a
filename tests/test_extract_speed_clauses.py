"""Where a sentence says a further thing (claims._clause_cuts, which tries ``_CLAUSE`` only
at ", ", before a word a cut begins with, or after a full stop): the matches
``_CLAUSE.finditer`` gives, on the bench reports' sentences and on sentences made of the
words the cuts read."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.extraction import claims

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=3000,
                    suppress_health_check=list(HealthCheck))
PIECES = [", ", " ", ",", ".", "! ", ". ", "\n", "and ", "but ", "which ", "what ", "it says ",
          "he said ", "a claim ", "an accusation ", "claims ", "reports ", "that ", "we ",
          "They ", "Bishkek ", "has ", "denied ", "dismissed ", "said ", "adding ", "while ",
          "also ", "must ", "their ", "Armenia ", "“", "”"]


def _both(text: str) -> tuple[list, list]:
    def spans(found):
        return [(m.span(), m.group()) for m in found]
    return spans(claims._CLAUSE.finditer(text)), spans(claims._clause_cuts(text))


def test_the_cuts_of_the_bench_reports_sentences():
    found = 0
    for path in sorted((ROOT / "bench" / "reports").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in claims.sentences(text):
            want, got = _both(text[s:e])
            assert got == want
            found += len(got)
    assert found > 20


def test_a_second_speaker_and_a_claim_denied():
    want, got = _both("Tajik troops crossed near Vorukh, a claim Dushanbe denied, and "
                      "Russia said it was watching. They must withdraw.")
    assert got == want and len(got) == 3


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_the_cuts_of_any_sentence(text):
    want, got = _both(text)
    assert got == want

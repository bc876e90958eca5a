"""Sentences cut where ``_SPLIT`` cuts: claims._cuts, which tries the pattern only after a
full stop, a question or exclamation mark, at a line break or after a caption's year, gives
the matches ``_SPLIT.finditer`` gives, on the bench reports and on texts made of the signs
the cuts read."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.extraction import claims

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=3000,
                    suppress_health_check=list(HealthCheck))
# the signs and words around a cut: stops, closing and opening quotes and brackets, spaces
# and line breaks, capitals, digits, a caption's date, abbreviations
PIECES = [".", "!", "?", "”", '"', "’", ")", "“", "‘", "(", " ", "  ", "\n", "\t", "\r", ",",
          "A", "a", "1", "0", "9", "2021 ", ", 2021 ", "7, 2021 ", ", 1999", "Mr", "U.S.",
          "Gen.", "\u2028", "\u00a0", "٣", "Z"]


def _cuts_of(text: str) -> tuple[list, list]:
    def spans(found):
        return [(m.span(), m.group()) for m in found]
    return spans(claims._SPLIT.finditer(text)), spans(claims._cuts(text))


def test_the_cuts_of_the_bench_reports_are_split_s():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench" / "reports")
                                                            .glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared" / "fixtures")
                                                             .glob("*.txt"))]
    assert texts
    cut = 0
    for text in texts:
        want, got = _cuts_of(text)
        assert got == want
        cut += len(got)
    assert cut > 100  # (the reports are cut, many times)


def test_a_caption_date_run_into_the_next_sentence_is_cut_there():
    text = "Talks at the Kremlin, April 7, 2021 Prime Minister Nikol Pashinian spoke."
    want, got = _cuts_of(text)
    assert got == want and len(got) == 1


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_cuts_of_any_text_are_split_s(text):
    want, got = _cuts_of(text)
    assert got == want

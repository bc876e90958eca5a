"""People's names (claims._person_names) read the plain way: of each run of capitalised
words, the words after its last title but its last word, where two or three are left -
whether or not the run holds a title (a run with none is taken whole, without splitting
it)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.extraction import claims

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(deadline=None, database=None, derandomize=True, max_examples=2000,
                    suppress_health_check=list(HealthCheck))
WORDS = ["Nikol", "Pashinian", "President", "Prime", "Minister", "Emmanuel", "Macron", "Ned",
         "Price", "Sadyr", "Japarov", "O'Neil", "Al-Burhan", "Spokesman", "the", "said", "A"]


def _plain(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in claims._NAME.finditer(text):
        words = m.group().split(" ")
        # (a run's last word is no title: "Senate President Hun Sen")
        titles = [i for i, w in enumerate(words[:-1]) if w in claims._TITLED]
        skip = titles[-1] + 1 if titles else 0
        if 2 <= len(words) - skip <= 3:
            start = m.start() + len(" ".join(words[:skip])) + (1 if skip else 0)
            out.append((start, m.end(), " ".join(words[skip:])))
    return out


def test_the_names_in_the_bench_reports():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench" / "reports")
                                                            .glob("*.txt"))]
    assert texts
    found = 0
    for text in texts:
        assert list(claims._person_names(text)) == _plain(text)
        found += len(_plain(text))
    assert found > 20


def test_a_run_of_four_names_is_no_person_and_a_title_is_left_out():
    text = "Sadyr Nikol Emmanuel Macron met. French President Emmanuel Macron spoke."
    assert [n for _, _, n in claims._person_names(text)] == ["Emmanuel Macron"]


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_any_run_of_words(text):
    assert list(claims._person_names(text)) == _plain(text)


def test_a_person_under_a_captions_country_is_of_that_country():
    """(the caption's dash, spaces after it, is looked for before the caption's pattern)"""
    for dash in (" - ", " -- ", " -\t", " - \u00a0"):
        text = f"Photo. Armenia{dash}Deputy Prime Minister Tigran Avinian speaks in Yerevan."
        assert claims._people(text, {"armenia": "AM"}).get("avinian", ("", ""))[1] == "AM"

"""Patterns found by their leading words (geomap/extraction/keyed.py) find exactly what the
patterns themselves find: on news text, on the reports of other borders, and on text
written to trip them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from geomap.extraction import claims, places
from geomap.extraction.keyed import Keyed, leading_words, pieces_holding, trie

from .conftest import FIXTURE_REPORT, SHARED

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    reports = sorted((ROOT / "bench" / "reports").glob("*.txt"))
    out = [p.read_text(encoding="utf-8") for p in reports]
    gwn = SHARED / "benchmarks" / "GeoWebNews.xml"
    if gwn.exists():
        out += [a.findtext("text") or "" for a in ET.parse(gwn).getroot().iter("article")]
    if FIXTURE_REPORT.exists():
        out.append(FIXTURE_REPORT.read_text(encoding="utf-8"))
    # written to trip them: keys inside words and inside each other, capitals, "İ" (which
    # lower-cases to two letters), the words at the very start and end
    out += ["shelled", "standby phone call; by phone calls; unshelled; SHELLING; Shelled.",
            "İstanbul said troops advanced; İ İ killed, wounded. It was reported. pictured (C)",
            "reportedly", "the Kremlin denied it, was pictured, is seen, file photo; (c)",
            "Gen. Mr. President Joe Biden; Prime Minister Nikol Pashinian; acting chief X Y"]
    return out


KEYED = [claims._EVENT, claims._VERBS, claims._HEDGE, claims._CAPTION, places._TITLES]


@pytest.mark.parametrize("keyed", KEYED, ids=lambda k: k.rx.pattern[:30])
def test_keyed_patterns_find_what_the_pattern_finds(keyed):
    assert keyed.keys is not None  # (it is keyed: its alternatives begin with words)
    for text in _texts():
        for t in (text, text.lower()) if keyed is places._TITLES else (text,):
            assert [m.span() for m in keyed.finditer(t)] == \
                [m.span() for m in keyed.rx.finditer(t)]
            # ... and a search in a part of the text, as the claims of a clause look
            a, b = len(t) // 3, 2 * len(t) // 3
            got, want = keyed.search(t, a, b), keyed.rx.search(t, a, b)
            assert (got and got.span()) == (want and want.span())


def test_leading_words():
    assert leading_words(r"\b(?:advanc\w*|shell(?:ed|ing)|opened fire)\b") == \
        ["advanc", "shell", "opened fire"]
    assert leading_words(r"\b(?=[ds])(?:\b(?P<v>said|DENIED)\b)") == ["said", "denied"]
    assert leading_words(r"drills?|\(C\)|is\ seen") == ["drill", "(c)", "is seen"]
    assert leading_words(r"(?:the )?village") is None  # a match may begin at "village"
    assert leading_words(r"[A-Z]\w+") is None
    assert leading_words(r"a|bc") is None  # (a letter alone is no key)
    rx = re.compile(trie(["advanc", "advance", "shell", "said", "say"]))
    assert rx.pattern == r"(?:advanc|s(?:a(?:id|y)|hell))"
    assert Keyed(re.compile(r"(?:the )?village")).keys is None  # and it is the pattern itself
    assert Keyed(re.compile(r"(?:the )?village")).search("a village").span() == (2, 9)


def test_marked_places_are_found_piece_by_piece_as_in_the_whole_text():
    # the marked-place patterns never match across a line break or a full stop, so the
    # pieces between those that hold a kind's word are all they need to read
    for text in _texts():
        lines = list(pieces_holding(text, places._KIND_WORDS, ".\n"))
        for rx in (places._MARKED_BEFORE, places._MARKED_AFTER, places._MARKED_LIST):
            assert [m.span() for s, e in lines for m in rx.finditer(text, s, e)] == \
                [m.span() for m in rx.finditer(text)]
        pieces = list(pieces_holding(text, claims._ACTOR_NOUNS, claims._ACTOR_SEPS))
        assert [m.span() for s, e in pieces for m in claims._ACTOR.finditer(text, s, e)] == \
            [m.span() for m in claims._ACTOR.finditer(text)]


def test_capitalised_runs_are_found_from_their_capitals_as_by_the_pattern():
    for text in [*_texts(), "xal-Shaab dash-Shati ash-Shati al-Bireh; U.S. D.C. İzmir Ünye",
                 "al-", "-A", "ash-A", "a-B", "AB-CD al-Fashaga"]:
        runs = places.runs_in(text)
        assert list(zip(runs[::2], runs[1::2])) == [m.span() for m in places._RUN.finditer(text)]


def test_the_words_before_a_name_are_what_a_search_for_them_finds():
    # the specification _words_before is held to: the leftmost "(?:word ){1,2}$" in the 64
    # characters before the name
    spec = re.compile(r"(?:[a-z][\w'’-]{0,30} ){1,2}$")
    tricky = ("in northern Kosovo; X-ray machine Goris; GoodWood village Tegh; a  Goris; "
              "of the Kyrgyz-Tajik border; " + "a" * 40 + " b Goris; 3rd-century fort Vank; "
              "don’t cross Vorukh; _x y Zed; é b Zed")
    for text in [*_texts(), tricky]:
        for m in re.finditer(r"[A-Z]", text):
            s = m.start()
            want = spec.search(text, max(0, s - 64), s)
            assert places._words_before(text, s) == \
                (want.group().split(" ")[:-1] if want else []), (text[max(0, s - 64):s + 5])


def test_pieces_are_found_in_linear_time_however_rare_a_separator():
    # a text of many pieces and no line break: each piece's start is looked for back to the
    # last piece, not to the text's start (which made 1,000 pieces read 1,000 texts)
    class Counted(str):
        looked = 0

        def rfind(self, sub, start=0, end=None):
            Counted.looked += (len(self) if end is None else end) - start
            return str.rfind(self, sub, start, end)

    text = Counted("in the village of Tegh. " * 2000)
    pieces = list(pieces_holding(text, places._KIND_WORDS, ".\n"))
    assert len(pieces) == 2000 and pieces[1] == (23, 46)
    assert Counted.looked <= 2 * len(text)

"""A capitalised run's plan (the names it may hold) is kept from text to text: the mentions
found with kept plans are those found afresh, and a lexicon that changes is not answered
from plans made for another."""

from __future__ import annotations

from geomap.extraction import places
from geomap.extraction.places import find_mentions

TEXT = ("The Defense Ministry of Armenia said Azerbaijani troops entered near Sev Lich. "
        "Goris and Kapan were quiet, the Tegh village head said. Spokeswoman Jalina Porter "
        "said Porter had no comment. The Osh-Bishkek road was closed near Lake Sev Lich. "
        "Most of those troops left Armenia's Syunik province on Friday.")
NAMES = ["armenia", "sev lich", "lake sev lich", "goris", "kapan", "tegh", "porter", "osh",
         "bishkek", "most", "syunik", "defense"]


def spans(found):
    return [(m.surface, m.start, m.end, m.kind, m.adjective, m.embedded, m.marked)
            for m in found]


def test_kept_plans_find_what_fresh_plans_find():
    lexicon = frozenset(NAMES)
    first = frozenset(k.split()[0] for k in NAMES)
    fresh = spans(find_mentions(TEXT, set(lexicon), first_words=set(first)))  # (a set: afresh)
    once = spans(find_mentions(TEXT, lexicon, first_words=first))
    again = spans(find_mentions(TEXT + " " + TEXT, lexicon, first_words=first))
    assert once == fresh
    assert again[:len(once)] == once and len(again) == 2 * len(once)
    assert ("Sev Lich", TEXT.index("Sev Lich"), TEXT.index("Sev Lich") + 8) in \
        [s[:3] for s in once]


def test_a_new_lexicon_gets_plans_of_its_own():
    first = frozenset(k.split()[0] for k in NAMES)
    with_goris = frozenset(NAMES)
    without = frozenset(n for n in NAMES if n != "goris")
    assert "Goris" in [m.surface for m in find_mentions(TEXT, with_goris, first_words=first)]
    assert "Goris" not in [m.surface for m in find_mentions(TEXT, without, first_words=first)]
    assert "Goris" in [m.surface for m in find_mentions(TEXT, with_goris, first_words=first)]


def test_long_runs_are_not_kept():
    lexicon = frozenset(NAMES)
    run = " ".join(f"Word{i}" for i in range(2000)) + " Goris"
    found = find_mentions(run + ".", lexicon)
    assert [m.surface for m in found] == []  # (a name in a long run of names: a person's)
    plans = places._plans(lexicon, None)
    assert run not in plans and all(len(g) <= plans.LONGEST for g in plans)

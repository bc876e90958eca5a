"""find_mentions reads a name set's dict where the set is loaded already (no call of
KeySet.__contains__ per look-up): the same mentions as from the set asked key by key, and
as from plain sets."""

from __future__ import annotations

from geomap.extraction.places import find_mentions
from geomap.gazetteer.cache import KeySet

LEXICON = ["goris", "armenia", "syunik", "kapan", "tegh", "azerbaijan", "lachin", "jermuk",
           "sev lich", "black lake", "porter", "washington", "washington post", "toronto",
           "tortkul", "tortkul reservoir", "kyrgyz", "tajik border", "kyrgyz tajik border",
           "isfara", "vorukh", "osh", "bishkek"]
PROMINENT = ["armenia", "azerbaijan", "washington", "toronto", "bishkek", "osh"]
ADJECTIVES = frozenset({"armenian", "azerbaijani", "russian"})
TEXTS = [
    "Azerbaijani troops advanced near Sev Lich (Black Lake) in Syunik, Armenia, the "
    "ministry said; spokeswoman Jalina Porter in Washington told the Washington Post "
    "that Goris and Kapan were calm. Tegh and Jermuk residents fled to Lachin.",
    "The Tortkul reservoir lies by the Kyrgyz-Tajik border; the Osh-Bishkek road and "
    "Isfara-Vorukh were closed, the Toronto Star reported. Russian mediators went to Osh.",
    "Porter said Goris. Ned Porter visited Tegh village and the village of Khoznavar.",
]


def _first_words(keys):
    return sorted({k.split(" ", 1)[0] for k in keys})


def _asked(keys) -> KeySet:
    """A KeySet not loaded: each key asked of ``ask``, as of the world index."""
    whole = frozenset(keys)
    return KeySet(whole.__contains__, lambda: whole, len(whole))


def _mentions(text, lexicon, first_words, prominent):
    return [(m.surface, m.start, m.end, m.kind, m.adjective, m.embedded, m.marked)
            for m in find_mentions(text, lexicon, lambda k: k in {"armenia", "goris"},
                                   frozenset(), first_words, ADJECTIVES, frozenset(),
                                   prominent)]


def test_a_loaded_set_gives_the_mentions_of_one_asked_key_by_key():
    for text in TEXTS:
        plain = _mentions(text, frozenset(LEXICON), frozenset(_first_words(LEXICON)),
                          frozenset(PROMINENT))
        asked = _mentions(text, _asked(LEXICON), _asked(_first_words(LEXICON)),
                          _asked(PROMINENT))
        loaded = _mentions(text, KeySet.of(LEXICON), KeySet.of(_first_words(LEXICON)),
                           KeySet.of(PROMINENT))
        assert plain == asked == loaded
        assert plain  # (the texts name places)
    # (the road between two prominent places, the wider name, a person's name: all read)
    roads = _mentions(TEXTS[1], KeySet.of(LEXICON), KeySet.of(_first_words(LEXICON)),
                      KeySet.of(PROMINENT))
    at = TEXTS[1].index("Osh-Bishkek")
    assert ("Osh", at, at + 3, None, False, False, False) in roads
    assert any(s == "Tortkul reservoir" for s, *_ in roads)


def test_loaded_is_the_whole_once_loaded():
    keys = _asked(["goris", "kapan"])
    assert keys.loaded() is None and "goris" in keys
    whole = keys.whole()
    assert keys.loaded() is whole and set(whole) == {"goris", "kapan"}

"""Find the places a text names: every span whose words the gazetteer knows as a name,
less the words that only look like one.

Not places: a common word that happens to name a village ("Most of those troops"), a
person ("spokeswoman Jalina Porter" — Porter, Texas), and a name inside an organisation's
name that locates nothing ("Radio Free Europe"). A name the gazetteer lacks but the text
marks as a place ("the village of X", "X province") is kept, marked, to be reported
unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..gazetteer.normalize import KIND_WORDS, name_key, strip_possessive
from ..records import Mention
from .words import COMMON, ORG_WORDS, SPEECH, TITLES

MAX_WORDS = 6
# Words, abbreviations such as U.S. and D.C., and hyphenated names (Nagorno-Karabakh).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*[\w]|[^\W\d_]")
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "du", "da", "upon", "on",
                         "and", "the"})
_MARKED_BEFORE = re.compile(
    r"\b(?:the )?(?P<word>village|town|city|settlement|hamlet|province|region|district) of "
    r"(?P<name>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2})")
_MARKED_AFTER = re.compile(
    r"\b(?P<name>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2}) (?P<word>province|region|district|"
    r"village|marz|rayon|oblast|lake|river)\b")
_SENTENCE_END = re.compile(r"[.!?:;\"“”—–\n]\s*$")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def find_mentions(text: str, lexicon: frozenset[str] | set[str],
                  curated: Callable[[str], bool] = lambda _k: False,
                  not_places: frozenset[str] = frozenset()) -> list[Mention]:
    """Every place mention in the text, in order.

    ``curated(key)`` says whether the name is a curated place or a country: those are
    trusted where a name known only to GeoNames is not. ``not_places`` are keys that are
    never places here (demonyms such as "Azeri", institutions such as "Kremlin").
    """
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    n = len(toks)
    # joined[k]: token k and k+1 are separated only by a space (a name never spans a comma)
    joined = [toks[k + 1][0] - toks[k][1] == 1 and text[toks[k][1]] == " " for k in range(n - 1)]
    persons = _person_words(text, toks)
    out: list[Mention] = []
    i = 0
    while i < n:
        start, _, word = toks[i]
        if not _is_cap(word):
            i += 1
            continue
        hit = None
        for j in range(min(n, i + MAX_WORDS), i, -1):
            words = [t[2] for t in toks[i:j]]
            if not _is_cap(words[-1]) or not all(joined[k] for k in range(i, j - 1)):
                continue
            if any(not _is_cap(w) and w.lower() not in _CONNECTORS for w in words):
                continue
            surface = strip_possessive(text[start:toks[j - 1][1]])
            key = name_key(surface)
            if key in lexicon:
                hit = (j, surface, key)
                break
        if hit is None:
            i += 1
            continue
        j, surface, key = hit
        if surface[:4] in ("The ", "the "):
            start, surface = start + 4, surface[4:]
        if key not in not_places and _keep(text, toks, i, j, key, curated(key), persons):
            after = text[toks[j - 1][1]:toks[j - 1][1] + 20].lower()
            kind = next((KIND_WORDS[w] for w in ("province", "region", "district", "village",
                                                   "marz", "rayon", "lake", "exclave")
                         if re.match(rf"\s+{w}\b", after)), None)
            out.append(Mention(surface, start, start + len(surface), kind=kind))
        i = j
    return _add_marked(text, out, lexicon)


def _person_words(text: str, toks: list) -> set[str]:
    """Name keys of the people the text names: capitalised words after a title."""
    people: set[str] = set()
    for k, (_, _, word) in enumerate(toks):
        if word.lower().rstrip(".") not in TITLES:
            continue
        m = k + 1
        # skip further title words ("Prime Minister", "Defense Minister")
        while m < len(toks) and (toks[m][2].lower().rstrip(".") in TITLES or
                                 toks[m][2].lower() in ("foreign", "defense", "defence")):
            m += 1
        run = []
        while m < len(toks) and _is_cap(toks[m][2]) and len(run) < 3 and \
                toks[m][0] - toks[m - 1][1] <= 2:
            run.append(toks[m][2])
            m += 1
        if 2 <= len(run) <= 3:  # "Jalina Porter", "Nikol Pashinian": first and last names
            people.update(name_key(strip_possessive(w)) for w in run)
    return people


def _keep(text: str, toks: list, i: int, j: int, key: str, trusted: bool,
          persons: set[str]) -> bool:
    words = [t[2] for t in toks[i:j]]
    single = j - i == 1
    if not trusted:
        if single and (key in COMMON or len(key) <= 2 or (words[0].isupper() and len(key) <= 4)):
            return False  # a common word, a letter or two, or an acronym
        # a name known only to GeoNames beside another capitalised word is most often part
        # of a person's name ("Philip Reeker", "Ned Price") or of some other name
        left_cap = i > 0 and toks[i][0] - toks[i - 1][1] == 1 and _is_cap(toks[i - 1][2]) \
            and not _SENTENCE_END.search(text[max(0, toks[i - 1][0] - 3):toks[i - 1][0]] or "\n")
        right_cap = j < len(toks) and toks[j][0] - toks[j - 1][1] == 1 and _is_cap(toks[j][2])
        if single and (left_cap or right_cap):
            return False
        if key in persons or all(name_key(strip_possessive(w)) in persons for w in words):
            return False
        before = toks[i - 1][2].lower().rstrip(".") if i > 0 else ""
        if before in TITLES:
            return False
        after = toks[j][2].lower() if j < len(toks) else ""
        if single and after in SPEECH:
            return False
        # sentence-initial capital says nothing: a common word there is not a name
        if single and _SENTENCE_END.search(text[max(0, toks[i][0] - 3):toks[i][0]] or "\n") \
                and key in COMMON:
            return False
    # inside an organisation's name: a capitalised run that holds an organisation word,
    # unless the place is possessive ("Russia's Southern Military District")
    if text[toks[j - 1][1]:toks[j - 1][1] + 2] in ("'s", "’s"):
        return True
    left = i
    while left > 0 and toks[left][0] - toks[left - 1][1] == 1 and _is_cap(toks[left - 1][2]):
        left -= 1
    right = j
    while right < len(toks) and toks[right][0] - toks[right - 1][1] == 1 and \
            (_is_cap(toks[right][2]) or toks[right][2] == "of"):
        right += 1
    run = {t[2].lower() for t in toks[left:i]} | {t[2].lower() for t in toks[j:right]}
    return not (run & ORG_WORDS)


def _add_marked(text: str, found: list[Mention], lexicon) -> list[Mention]:
    """Names the text marks as places ("the village of X") that the gazetteer lacks."""
    taken = [(m.start, m.end) for m in found]
    extra = []
    for rx in (_MARKED_BEFORE, _MARKED_AFTER):
        for m in rx.finditer(text):
            name = strip_possessive(m["name"])
            s = m.start("name")
            e = s + len(name)
            if any(a < e and s < b for a, b in taken) or name_key(name) in lexicon:
                continue
            if name_key(name).split(" ")[0] in COMMON:
                continue
            kind = KIND_WORDS.get(m["word"], "settlement")
            extra.append(Mention(name, s, e, kind=kind, marked=True))
            taken.append((s, e))
    return sorted(found + extra, key=lambda m: m.start)

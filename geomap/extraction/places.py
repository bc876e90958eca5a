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
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from ..gazetteer.cache import KeySet
from ..gazetteer.normalize import ARABIC_ARTICLE, KIND_WORDS, name_key, strip_possessive
from ..records import Mention
from .dates import MONTH_NAMES
from .keyed import Keyed, pieces_holding, trie
from .sides import foreign_country_names
from .words import (
    AGREEMENT_WORDS,
    COMMON,
    OCCASION_WORDS,
    ORG_WORDS,
    SPEECH,
    TITLES,
    UNIT_WORDS,
    UPPER,
    acronyms,
)

MAX_WORDS = 6
# Arabic names carry the article joined by a hyphen ("Aita al-Shaab", "Maroun el-Ras",
# "al-Fashaga"): such a word counts as capitalised.
_ARTICLE = ARABIC_ARTICLE
# ... and an abbreviated "Saint", "Mount" or "Fort" before a name is a word of it ("St.
# Petersburg", "Ft. Worth"), never a place alone (_ABBREVIATED)
_WORD = rf"(?:(?:St|Ste|Mt|Ft|Pt)\.(?= [{UPPER}])|(?:{_ARTICLE})?[{UPPER}][\w'’]*(?:-[\w'’]+)*)"
_ABBREVIATED = frozenset("St St. Ste Ste. Mt Mt. Ft Ft. Pt Pt.".split())
_CAPITALISED = re.compile(rf"(?:{_ARTICLE})?[{UPPER}]")
# ("of the" too: "the Democratic Republic of the Congo", "Bank of the West")
_CONNECTORS = ("of the", "of", "de", "del", "la", "le", "al", "el", "du", "da", "upon", "i")
# A run of capitalised words, joined by single spaces and the odd connector ("Bay of
# Biscay"); abbreviations such as U.S. and D.C. count as words. Names lie inside runs.
_RUN = re.compile(rf"(?:[A-Z]\.){{2,}}|{_WORD}(?: (?:(?:{'|'.join(_CONNECTORS)}) )*"
                  rf"(?:{_WORD}|(?:[A-Z]\.){{2,}}))*")
_RUN_WORD = re.compile(r"[^ ]+")
_CAPITAL = re.compile(f"[{UPPER}]")


def runs_in(text: str) -> array:
    """The spans of the capitalised runs (``_RUN``'s matches), as flat offsets: found by a
    scan for capitals in C, ``_RUN`` tried only there (four times faster than its own
    search, which tries every position). A run begins at a capital or at an article just
    before one ("al-Shaab"), as ``_RUN`` reads it."""
    out = array("q")
    pos = 0
    match = _RUN.match
    while (cap := _CAPITAL.search(text, pos)) is not None:
        k = cap.start()
        m = None
        if k >= pos + 3 and text[k - 1] == "-":  # "al-Shaab", "ash-Shati": from the article
            m = (k >= pos + 4 and match(text, k - 4)) or match(text, k - 3)
        m = m or match(text, k)  # (a run begins at every capital ``_CAPITAL`` finds)
        out.extend(m.span())
        pos = m.end()
    return out


# A place's kind word after its name ("Kursk region", "Sisaket province"); and after two
# names, the plural for both ("the Belgorod and Kursk regions": Belgorod's too)
KIND_AFTER = re.compile(r"\s+(province|region|district|village|marz|rayon|oblast|lake|exclave)"
                        r"s?\b", re.I)
_KIND_AFTER_BOTH = re.compile(r"\s+and\s+[A-Z][\w'’-]{0,40}(?:\s[A-Z][\w'’-]{0,40})?\s+"
                              r"(province|region|district|village|rayon|oblast)s\b", re.I)
_PREV_WORD = re.compile(r"([\w'’.-]+)[^\w]*$")
# a month beside a day's number is a date ("SRINAGAR, Nov 13", "on 12 May"), not a place
# (Nov, Tajikistan; Mar, Aug and others are places too)
_MONTH_WORD = re.compile(rf"(?:{MONTH_NAMES})\.?")
_DAY_AFTER = re.compile(r"\.?\s{1,3}\d{1,2}(?!\d)")
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s{1,3}$")
_NEXT_WORD = re.compile(r"^[ ]?([\w'’-]+)")
_DATELINE_WORD = re.compile(r"(?:/[A-Z][A-Z /'’.-]{0,40})?(?:,\s+[A-Z][a-z]{2,20}(?: [A-Z][a-z]"
                            r"{2,20})?)?,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b|"  # (", Croatia, May 4")
                            r"(?:/[A-Z][A-Z /'’.-]{0,40})?,?\s+(?:[A-Z][a-z]{2,20}(?: [A-Z][a-z]"
                            r"{2,20})?\s+)?\([A-Z][^)\n]{0,40}\)\s*[-–—]|"  # "KYIV, Ukraine (AP) —"
                            # (and a paper's own: "KYIV — Russian drones")
                            r"(?:/[A-Z][A-Z /'’.-]{0,40})?(?:\s[—–]|\s--?)\s+[A-Z\"“]")
# (not a colon: "PAUL:" heads a transcript's line as often as "OSH:" a dateline)
# Linear time on any text: a name starts where a word starts (not inside "A-A-A-..."), and
# a word is at most 40 characters, so no position is scanned more than a fixed number of times.
_NAME = r"[A-Z][\w'’\-]{0,40}(?: [A-Z][\w'’\-]{0,40}){0,2}"
_MARKED_BEFORE = re.compile(
    r"\b(?:the )?(?P<word>village|town|city|settlement|hamlet|province|region|district|"
    rf"island|islet) of (?P<name>{_NAME})")
# ... and an island named in its own language, the word a part of its name ("Isla Calero",
# "Isla Perejil", "Île Tromelin")
_MARKED_ISLAND = re.compile(rf"(?<![\w'’\-])(?P<name>(?P<word>Isla|Islas|Isola|Île|Ilha) "
                            rf"(?:(?:de|del|de la|do|da) )?{_NAME})")
_ISLAND_WORDS = frozenset(("island", "islet", "isla", "islas", "isola", "île", "ilha"))
_MARKED_AFTER = re.compile(
    rf"(?<![\w'’\-])(?P<name>{_NAME}) "
    r"(?P<word>province|region|district|village|marz|rayon|oblast|lake|river|valley|pass|"
    r"gorge|River|Valley|Pass|Gorge|border crossing|crossing|checkpoint|Border Crossing|"
    r"Crossing|Checkpoint|island|islet|Island|Islet|front)\b")
# (and "the Sarstoon River", "the Ras Jedir crossing", "Migingo island")
# ... and lists of them ("the villages of Jashtyk, Borborduk and Dostuk"; "Kulundu and
# Ak-Aryk villages"): each name a fixed-length piece, the separators unambiguous, and at
# most a dozen of them (a list has no bound in text, and a match must not scan it all).
_MARKED_LIST = re.compile(
    r"\b(?:the )?(?P<word>villages|towns|settlements|districts|provinces|regions|islands) of "
    rf"(?P<list>{_NAME}(?:, {_NAME}){{0,12}}(?:,? and {_NAME})?)"
    rf"|(?<![\w'’\-])(?P<list2>{_NAME}(?:, {_NAME}){{0,12}},? and {_NAME}) "
    r"(?P<word2>villages|towns|districts|provinces|regions|islands)\b")
_LIST_ITEM = re.compile(_NAME)
# None of the three matches across a line break or a full stop, and each holds one of these
# words: they are run on the pieces between those that hold one
_VERB_OBJECT = re.compile(r"\s+(?:the|a|an|into|over)\b")
MARKED_NAMES = 50  # (a bound for hostile input: each name is looked for in the whole text)
# a name stands alone where no capitalised word or hyphen joins it before or after
_ALONE_BEFORE = re.compile(r"[A-Z][\w'’]*[ -]$|-$")
_ALONE_AFTER = re.compile(r"[ -][A-Z]|-")
_KIND_WORDS = re.compile(trie("""village town city settlement hamlet province region district
marz rayon oblast lake river valley pass gorge River Valley Pass Gorge crossing Crossing
checkpoint Checkpoint island islet Isla Islas Isola Île Ilha front""".split()))
_AND_NAME = re.compile(r" and (?:the )?(?=[A-Z])")  # ("St. Vincent and the Grenadines")
# a feature's word in lower case after a name, which may end a name the gazetteer holds
_TAIL_WORD = re.compile(r" (?=(?:bridge|border|crossing|checkpoint|lagoon|camp|base|dam|"
                        r"reservoir|airport|gate|post|canal|port)\b)")
_SHIPS = r"\b(?:BRP|USS|HMS|HMAS|HMCS|INS|PNS|RFS|ROKS|MV|SS)\s"
_SHIP = re.compile(_SHIPS + "$")
_SHIP_ANYWHERE = re.compile(_SHIPS)
_BODY_ENDS = ORG_WORDS | frozenset("""force forces army navy guard guards command front movement
police military""".split())
# a past event named after its place locates nothing now ("the Battle of Boyacá")
_EVENT_NAMES = frozenset(("Battle", "Siege"))
# an outlet named by a place's name and what it is, in lower case, after it or before it
# (not "daily", "television" or "radio", which also follow a place otherwise: "shelled
# Kupiansk daily", "the Kharkiv television tower")
_OUTLET_AFTER = re.compile(r" (?:newspaper|broadcaster|news agency)\b")
_OUTLET_BEFORE = re.compile(r"\b(?:news agency|newspaper|broadcaster|tabloid) $")
_ROAD = re.compile(r" (?:road|highway|motorway|route|railway|railroad|pipeline|corridor)\b",
                   re.I)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”—–\n(])\s*$")
# Titles are found in the lower-cased text (one fast pass); the name after one is then
# read, with its capitals, from the text itself.
_TITLE = re.compile(
    r"\b(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?"
    r"(?: (?:" + "|".join(sorted(TITLES | {"foreign", "defense", "defence", "of", "state"},
                                 key=len, reverse=True)) + r")\.?)*,? ")
_TITLES = Keyed(_TITLE)  # (found by its titles' words: keyed.py)
# (a person's name, then a verb of saying: "Maurice Kamto, told", "Maurice Kamto said")
_SAYS_AFTER = re.compile(r",? (?:" + "|".join(sorted(SPEECH)) + r")\b")
_CENTRE_PLACE = re.compile(r"[ -](?:[Rr]egion|[Pp]rovince|[Dd]istrict|Val)\b")
_NEXT_CAP = re.compile(rf" ([{UPPER}][\w'’-]{{1,40}})")
_SHORT_TITLES = frozenset("gen col lt maj capt sgt dr mr mrs ms prof sen rep adm".split())
# abbreviated ranks, before another ("Brig. Gen.", "Lt. Col."): a title, never a place
_RANKS = frozenset("brig gen col lt maj capt sgt adm cmdr cpl".split())
_LOCAL_TITLES = frozenset("Governor Mayor Governor's Mayor's".split())
_RANK_AFTER = re.compile(r"\.? (?:Gen|Col|Maj|Lt|Capt|Adm|Cmdr|General|Colonel)\b")
_NAME_AFTER_TITLE = re.compile(rf"[{UPPER}][\w'’-]{{0,40}}"  # (and "Turki al-Maliki")
                               # (and a middle initial: "President George W. Bush")
                               rf"(?: [A-Z]\.)?"
                               rf"(?: (?:{_ARTICLE})?[{UPPER}][\w'’-]{{0,40}}){{1,2}}")


# a person's age after their name (", 42,"), and a verb of saying that frames it before it
# ('..., said Marvin.')
_AGE_AFTER = re.compile(r",\s\d{1,3}(?!\d|,\d)(?:,|\.|\s(?:said|says|told|added))")
_PERSON_AFTER = re.compile(r",\s(?:who|whose)\s|,\s\d{1,3},")
_SAID_FRAME = re.compile(r"[,”\"’']\s*(?:said|says|told|added|explained|recalled)\s+$")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or bool(_CAPITALISED.match(word))


# Lower-case words around a name that belong to it when the whole is a name the gazetteer
# knows ("Hakari bridge checkpoint", "Goma airport", "Tortkul reservoir", "northern Kosovo"),
# and a number after it that makes it a post's or a hill's designation ("Tower 22", "Hill
# 350"): the name is the whole, where the gazetteer holds the whole.
_NEXT_WORDS = re.compile(r"(?: (?:[a-z][\w'’-]{0,30}|\d{1,4}\b)){1,3}")
_WORD_TO_END = re.compile(r"[a-z][\w'’-]*\Z")


def _word_ending(text: str, a: int, b: int) -> int:
    """The first start p in [a, b) of a word ``[a-z][\\w'’-]{0,30}`` that is text[p:b], or -1."""
    m = _WORD_TO_END.search(text, max(a, b - 31), b)
    return m.start() if m else -1


def _words_before(text: str, s: int) -> list[str]:
    """The one or two lower-case words (``[a-z][\\w'’-]{0,30}``, a space after each) that end
    right before ``s``, within 64 characters: two where there are two, as a search for
    ``(?:word ){1,2}$`` finds them (tests/test_keyed.py holds it to that), by string steps."""
    lo = max(0, s - 64)
    if s - 1 < lo or text[s - 1] != " ":
        return []
    end1 = s - 1
    start1 = max(lo, text.rfind(" ", lo, end1) + 1)  # the last word's token
    if start1 > lo and _word_ending(text, start1, end1) == start1:  # (whole: one before it?)
        start2 = max(lo, text.rfind(" ", lo, start1 - 1) + 1)
        p = _word_ending(text, start2, start1 - 1)
        if p >= 0:
            return [text[p:start1 - 1], text[start1:end1]]
    p = _word_ending(text, start1, end1)
    return [text[p:end1]] if p >= 0 else []


def _widen(text: str, s: int, e: int, lexicon, curated=None) -> tuple[int, int]:
    """The span [s, e) widened over the lower-case words before or after it, as far as the
    whole is a name in ``lexicon``; unchanged when no wider name is known."""
    after = _NEXT_WORDS.match(text, e)
    if after:
        tail = after.group().split(" ")[1:]
        for k in range(len(tail), 0, -1):
            if tail[k - 1] in KIND_WORDS and not (
                    KIND_WORDS[tail[k - 1]] == "border-crossing" and curated is not None and
                    curated(name_key(text[s:e] + " " + " ".join(tail[:k])))):
                continue  # "Paktika province": the kind is read apart; but a curated
                # crossing named so is that crossing ("the Nuijamaa checkpoint"), not the
                # village
            wider = text[s:e] + " " + " ".join(tail[:k])
            if name_key(wider) in lexicon:
                e = s + len(wider)
                break
    head = _words_before(text, s)
    if head:
        own = name_key(text[s:e])  # (with the words after it: "the Tortkul reservoir" is
        # the reservoir's name with its article, no wider name)
        for k in range(len(head), 0, -1):
            wider = " ".join(head[-k:]) + " " + text[s:e]
            key = name_key(wider)
            if key in lexicon and key != own:  # ("the X" folds to X: no wider)
                s = e - len(wider)
                break
    return s, e


# From this many characters, the name sets are read whole into memory (under a second)
# rather than asked of the world index key by key (gazetteer/cache.py: KeySet).
WHOLE_SETS_FROM = 100_000


def _whole(keys):
    return keys.whole() if isinstance(keys, KeySet) else keys


def _loaded(keys):
    """The set's dict where it is loaded already (a long run's: a look-up in it is not a
    call of ``KeySet.__contains__``, and a text asks tens of thousands), else the set."""
    return (keys.loaded() or keys) if isinstance(keys, KeySet) else keys


def _joined(text: str, runs: array, k: int, lexicon, not_places) -> tuple[int, int] | None:
    """The span of a name the lexicon knows that runs from a word of run ``k`` over " and "
    into the run after it ("Jammu and Kashmir", "Bosnia and Herzegovina"), the longest;
    None where there is none."""
    if k + 2 >= len(runs) or runs[k + 2] - runs[k + 1] not in (5, 9):  # (" and the ")
        return None
    first = [m.span() for m in _RUN_WORD.finditer(text, runs[k], runs[k + 1])][-MAX_WORDS:]
    second = [m.span() for m in _RUN_WORD.finditer(text, runs[k + 2], runs[k + 3])][:MAX_WORDS]
    # (not into a name the second run is whole: "the West Bank and Gaza City" is two)
    whole = name_key(text[runs[k + 2]:runs[k + 3]]) in lexicon if len(second) > 1 else False
    for s, _ in first:
        for _, e in reversed(second if not whole else second[-1:]):
            key = name_key(text[s:e])
            if key in lexicon and key not in not_places:
                return s, e
    return None


def find_mentions(text: str, lexicon: frozenset[str] | set[str],
                  curated: Callable[[str], bool] = lambda _k: False,
                  not_places: frozenset[str] = frozenset(),
                  first_words: frozenset[str] | None = None,
                  adjectives: frozenset[str] = frozenset(),
                  abbreviations: frozenset[str] = frozenset(),
                  prominent: frozenset[str] = frozenset()) -> list[Mention]:
    """Every place mention in the text, in order.

    ``curated(key)`` says whether the name is a curated place or a country: those are
    trusted where a name known only to GeoNames is not. ``not_places`` are keys that are
    never places here (demonyms such as "Azeri", institutions such as "Kremlin").
    ``first_words`` (the first word of every lexicon key) lets most words be passed over.
    ``adjectives`` are keys of adjectives of places ("russian", "european"): they are
    mentions marked ``adjective``, wherever they stand (even in "the Russian Foreign
    Ministry"). ``abbreviations`` ("calif", "bc") name a place only after a comma, as in
    "Fresno, Calif.". ``prominent`` are keys of large places (a city of 100,000, a
    province): found inside an organisation's name ("the Toronto Star"), they are kept as
    embedded mentions, where a small place's name there is more often a person's.
    """
    plans = _plans(lexicon, first_words)  # (before the sets are swapped for their whole)
    if len(text) >= WHOLE_SETS_FROM:  # (a long text asks about more keys than a set holds)
        lexicon, first_words, prominent = map(_whole, (lexicon, first_words, prominent))
    else:
        lexicon, first_words, prominent = map(_loaded, (lexicon, first_words, prominent))
    runs = runs_in(text)  # (the runs read once, kept as offsets: 16 bytes each)
    persons = _person_words(text) | _surnames(text, runs, lexicon, curated, adjectives)
    out: list[Mention] = []
    taken = 0  # (where a name of two runs joined by "and" ended: the runs up to it are read)
    ands = {m.start() for m in _AND_NAME.finditer(text)}  # (one scan, not a look a run)
    tails = {m.start() for m in _TAIL_WORD.finditer(text)}  # (and one for these)
    for k in range(0, len(runs), 2):
        run_start, run_end = runs[k], runs[k + 1]
        if run_start < taken:
            continue
        joined = _joined(text, runs, k, lexicon, not_places) if run_end in ands else None
        if joined is not None:
            # "Bosnia and Herzegovina", "Azad Jammu and Kashmir": one name of two runs; the
            # words of the first before it are read as a run of their own
            s, e = joined
            if s > run_start:
                out.extend(replace(m, start=m.start + run_start, end=m.end + run_start)
                           for m in find_mentions(text[run_start:s - 1], lexicon, curated,
                                                  not_places, first_words, adjectives,
                                                  abbreviations, prominent))
            kind_word = KIND_AFTER.match(text, e)
            out.append(Mention(text[s:e], s, e, kind=KIND_WORDS[kind_word.group(1).lower()]
                               if kind_word else None))
            taken = e
            continue
        group = text[run_start:run_end]
        named = run_start + 4 if group.startswith("The ") else run_start  # (no article)
        if run_end in tails and " " in text[named:run_end]:
            # a run of words, then a feature's word, that the gazetteer holds whole ("the
            # Atanasio Girardot bridge", "the Barrio Chino border crossing"): that whole,
            # whatever names or persons' names the run holds
            s, e = _widen(text, named, run_end, lexicon, curated)
            if e > run_end and name_key(text[s:e]) not in not_places:
                out.append(Mention(text[s:e], s, e))
                continue
        plan = plans.get(group)
        if plan is None:
            plan = _plan(group, lexicon, first_words, plans)
            if len(group) <= _Plans.LONGEST:
                plans[group] = plan
        if plan is _NOTHING:
            continue
        if plan.key is not None:  # one word the lexicon lacks
            if plan.parts is not None:
                # a road or a line between two places ("the Osh-Bishkek road",
                # "Isfara-Vorukh"): each, where each is a large or curated place
                parts, keys = plan.parts
                road = _ROAD.match(text, run_end)  # (not "the Armenia-Azerbaijan border")
                if road and len(parts) == 2 and all(
                        k and k not in adjectives and k not in not_places and
                        (k in prominent or curated(k)) for k in keys):
                    s = run_start
                    out.append(Mention(parts[0], s, s + len(parts[0])))
                    s += len(parts[0]) + 1
                    out.append(Mention(parts[1], s, s + len(parts[1])))
                    continue
            # ... unless lower-case words after it complete a name ("Tortkul reservoir",
            # "Kyrgyz-Tajik border"): a name's first word says so
            if plan.widens:
                s, e = _widen(text, run_start, run_end, lexicon)
                wide = name_key(text[s:e])
                if e > run_end and wide not in not_places:
                    out.append(Mention(text[s:e], s, e))
            continue
        words = None  # (the run's words at their offsets in the text, made when needed)
        for i, j, at, surface, key in plan.hits:
            s = run_start + at
            if key in abbreviations and text[max(0, s - 2):s] != ", " and \
                    not curated(key):
                continue
            if key in adjectives:
                out.append(Mention(surface, s, s + len(surface), kind="country",
                                   adjective=True))
                continue
            if key in not_places:
                continue
            if words is None:
                words = [(run_start + a, run_start + b, w) for a, b, w in plan.words]
            how = _keep(text, words, i, j, key, curated(key), persons, plan.org_at,
                        key in prominent)
            if how:
                s, end = _widen(text, s, s + len(surface), lexicon, curated)
                surface = text[s:end]
                kind_word = KIND_AFTER.match(text, end) or _KIND_AFTER_BOTH.match(text, end)
                kind = KIND_WORDS[kind_word.group(1).lower()] if kind_word else None
                if kind is None and len(surface) <= 4 and surface.isupper() and \
                        _DATELINE_WORD.match(text, end):
                    kind = "settlement"  # (a dateline's city: "OSH —", read as Osh below)
                out.append(Mention(surface, s, end, kind=kind, embedded=how == "embedded"))
    # an acronym the text spells out as a body's name ("the Nigerian Air Force (NAF)") is
    # not a place named so ("Naf", a river); one of a place's name ("the Democratic
    # Republic of Congo (DRC)") still is
    spelled = {a for a, name in acronyms(text).items()
               if name.rsplit(" ", 1)[-1].lower() in _BODY_ENDS}
    if spelled:
        out = [m for m in out if m.surface not in spelled]
    # a ship is named for a place, and is not there ("the BRP Sierra Madre", "USS Texas")
    if _SHIP_ANYWHERE.search(text):  # (most texts name no ship: one look, not one a name)
        ships = {name_key(m.surface) for m in out if m.start >= 3 and
                 text[m.start - 1] == " " and _SHIP.search(text, max(0, m.start - 6), m.start)}
        # (and so is the ship named again without its prefix: "tied up beside the Sierra
        # Madre", Sierra Madre in California in a report of the South China Sea)
        out = [m for m in out if name_key(m.surface) not in ships]
    return _add_marked(text, _waters(text, out), lexicon)


# A name before a water's or an island's word is that water's or island's ("the Amur River",
# "Calero Island", "the Helmand river"), not the town or province it shares a name with:
# named and unplaced where the gazetteer does not hold it as such (the whole it does hold,
# "the Jordan River", is found whole before this). And the word itself is not a place
# ("Island", Iceland's name in Danish).
_WATERS = {"River": "river", "river": "river", "Island": "island", "island": "island",
           "Islands": "island", "islands": "island", "Isle": "island", "Islet": "island",
           "Atoll": "island", "Reef": "water", "Shoal": "water", "Strait": "water",
           "strait": "water", "Straits": "water", "Bay": "water", "Gulf": "water",
           "Canal": "water", "Sea": "water", "basin": "water", "Basin": "water"}
_WATER_AFTER = re.compile(r" (" + "|".join(_WATERS) + r")\b")
# (but "the Gulf" alone is a place: the Persian Gulf)
_WORD_ALONE = frozenset("River river Island island Islands islands Isle Islet".split())
_NAME_BEFORE = re.compile(rf"(?:^|(?<=[^\w'’-]))[{UPPER}][\w'’-]{{0,40}} $")


def _waters(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in found:
        after = None if m.adjective or m.marked or m.embedded else \
            _WATER_AFTER.match(text, m.end)
        if after:
            out.append(replace(m, kind=_WATERS[after[1]], marked=True))
            continue
        if m.surface in _WORD_ALONE and not m.marked:
            name = _NAME_BEFORE.search(text, max(0, m.start - 42), m.start)
            if name and not (out and out[-1].end > name.start()):
                s, e = name.start(), m.start - 1
                out.append(Mention(text[s:e], s, e, kind=_WATERS[m.surface], marked=True))
            continue  # ("Island" alone, after no name: no place either)
        out.append(m)
    return out


class _Plan:
    """What a capitalised run holds, whatever text it stands in: for one word the lexicon
    lacks, its ``key`` (with its two ``parts`` and their keys where it is hyphenated, and
    whether lower-case words after it may ``widen`` it to a name); otherwise its ``words``
    (offsets in the run), where it holds organisations' words (``org_at``) and the names in
    it, in order: ``hits`` of (first word, word after the last, offset of the name in the
    run, the name as written, its key). What the text around a run makes of these (a person,
    an organisation, a wider name) is decided at each of its places."""

    __slots__ = ("key", "parts", "widens", "words", "org_at", "hits")

    def __init__(self, key=None, parts=None, widens=False, words=(), org_at=(), hits=()):
        self.key, self.parts, self.widens = key, parts, widens
        self.words, self.org_at, self.hits = words, org_at, hits


_NOTHING = _Plan()  # a run that holds no name at all: most of them


def _plan(group: str, lexicon, first_words, plans: _Plans) -> _Plan:
    """The names a run may hold (``_Plan``): the longest known name from each word that may
    start one, the next looked for after it."""
    if " " not in group:  # one word, as most runs are: one look-up decides
        key = name_key(strip_possessive(group).rstrip("'’"))
        if key not in lexicon:
            parts = None
            if "-" in group:
                split = group.split("-")
                parts = (split, [name_key(p) for p in split])
            widens = first_words is None or key.split(" ", 1)[0] in first_words
            return _Plan(key, parts, widens) if parts is not None or widens else _NOTHING
    words = []
    pos = 0
    for w in group.split(" "):
        words.append((pos, pos + len(w), w))
        pos += len(w) + 1
    n = len(words)
    may_start = plans.may_start
    hits = []
    i = 0
    while i < n:
        start, _, word = words[i]
        may = may_start.get(word)
        if may is None:  # (a word's answer, once: runs repeat their words)
            may = may_start[word] = _is_cap(word) and (first_words is None or name_key(
                strip_possessive(word)).split(" ", 1)[0] in first_words)
        if not may:
            i += 1
            continue
        for j in range(min(n, i + MAX_WORDS), i, -1):
            if not _is_cap(words[j - 1][2]):
                continue
            surface = strip_possessive(group[start:words[j - 1][1]]).rstrip("'’")
            key = name_key(surface)
            if key in lexicon and surface not in _ABBREVIATED:
                at = start
                if surface[:4] in ("The ", "the "):
                    at, surface = at + 4, surface[4:]
                hits.append((i, j, at, surface, key))
                i = j
                break
        else:
            i += 1
    if not hits:
        return _NOTHING
    # where the run holds an organisation's word, found once per run (not per name: a run
    # may be thousands of words long)
    org_at = [k for k, w in enumerate(words) if w[2].lower() in ORG_WORDS or
              w[2] in _EVENT_NAMES]
    return _Plan(words=words, org_at=org_at, hits=hits)


class _Plans(dict):
    """Runs' plans (``_Plan``) by their text, for one lexicon, kept from text to text: a feed
    repeats its runs ("The", "Armenia", "Defense Ministry"), and a run's plan is most of the
    work on it. Bounded: emptied when full, and a run longer than a name's few words is not
    kept (a hostile text may be one long run after another)."""

    LIMIT, LONGEST = 200_000, 200

    def __init__(self, lexicon, first_words):
        super().__init__()
        self.sets = (lexicon, first_words)  # (held, so that their ids stay theirs)
        self.may_start: dict[str, bool] = {}


_PLANS: list[_Plans] = []


def _plans(lexicon, first_words) -> _Plans:
    """The plans for these name sets: kept for the last few sets given (a gazetteer's are
    the same objects from text to text), made afresh for a set that may change (a ``set``)."""
    if isinstance(lexicon, set) or isinstance(first_words, set):
        return _Plans(lexicon, first_words)
    for plans in _PLANS:
        if plans.sets[0] is lexicon and plans.sets[1] is first_words:
            if len(plans) >= _Plans.LIMIT:
                plans.clear()
                plans.may_start.clear()
            return plans
    plans = _Plans(lexicon, first_words)
    _PLANS.insert(0, plans)
    del _PLANS[4:]
    return plans


# words that make a place of a place's name, never a given name ("Metro Manila", "Greater
# Cairo", "Old Delhi", "Downtown Beirut")
_PLACE_PREFIXES = frozenset("metro greater old inner outer downtown metropolitan".split())
# a Korean given name, of two syllables joined by a hyphen ("Ki-moon", "Jae-in", "Jong-un")
_HYPHENED_GIVEN = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{1,4}")


def _surnames(text: str, runs: array, lexicon, curated, adjectives) -> set[str]:
    """Keys of words that stand last in a pair of capitalised words that is no place name
    ("Ryan Kelly", "Mohamed Salah"): the text names a person, and the word alone later
    ("Kelly said") is that person, not a namesake town. Curated names are never taken."""
    out: set[str] = set()
    for k in range(0, len(runs), 2):
        group = text[runs[k]:runs[k + 1]]
        spaces = group.count(" ")
        if spaces == 2 and group.split(" ", 1)[0].endswith(("'s", "’s")):
            group = group.split(" ", 1)[1]  # (a possessive before it: "FARC's Raúl Reyes")
            spaces = 1
        if spaces != 1:
            continue
        if group[-2] == " " and k + 3 < len(runs) and runs[k + 2] == runs[k + 1] + 2 and \
                text[runs[k + 1]] == "." and runs[k + 3] - runs[k + 2] > 2 and \
                " " not in text[runs[k + 2]:runs[k + 3]]:
            # a middle initial, which ends a run ("George W" and "Bush"): the name is the
            # given name and the run after it
            group = f"{group.split(' ')[0]} {text[runs[k + 2]:runs[k + 3]]}"
        words = group.split(" ")
        if not all(w[:1].isupper() for w in words):
            continue
        first, last = (name_key(strip_possessive(w)) for w in words)
        if name_key(group) in lexicon or first in adjectives or curated(last) or \
                last in KIND_WORDS or first in COMMON or first in _PLACE_PREFIXES or \
                last in COMMON or \
                KIND_AFTER.match(text, runs[k + 1]):  # ("Russia's Kursk region")
            continue
        out.add(last)
        if _HYPHENED_GIVEN.fullmatch(words[1]) and not curated(first):
            out.add(first)  # (a family name first: "Ban Ki-moon", "Moon Jae-in")
    return out


def _person_words(text: str) -> set[str]:
    """Name keys of the people the text names: capitalised words after a title."""
    people: set[str] = set()
    low = text.lower()
    for m in _TITLES.finditer(low, low=low):
        if m.group().endswith(". ") and m.group()[:-2].rsplit(" ", 1)[-1] not in _SHORT_TITLES:
            continue  # (a sentence's end: "..., the BGB's commander. In Ukhiya's ...")
        name = _NAME_AFTER_TITLE.match(text, m.end())
        if name:
            words = name.group().split()
            # (a title among them begins the name again: "Acting Kursk Governor Alexei
            # Smirnov" names Alexei Smirnov, and Kursk is the governor's place; so does a
            # place's kind word: "Governor of Kursk Region Alexey Smirnov")
            at = max((k + 1 for k, w in enumerate(words)
                      if w.lower() in TITLES or w.lower() in KIND_WORDS), default=0)
            people.update(name_key(strip_possessive(w)) for w in words[at:])
    return people


def _keep(text: str, words: list, i: int, j: int, key: str, trusted: bool,
          persons: set[str], org_at: list[int], prominent: bool = False) -> str | None:
    """Whether words[i:j] of a capitalised run name a place here: "place", "embedded" (in
    an organisation's name: "the Washington Post", "University of California"), or None;
    ``org_at`` lists, in order, the positions in the run of organisations' words."""
    single = j - i == 1
    start, end = words[i][0], words[j - 1][1]
    if single and _MONTH_WORD.fullmatch(words[i][2]) and (
            _DAY_AFTER.match(text, end) or _DAY_BEFORE.search(text, max(0, start - 8), start)):
        return None  # (a date)
    # inside an organisation's name ("the Washington Post", "University of California"):
    # the name is there, but it locates nothing; unless it is possessive ("Russia's
    # Southern Military District")
    unit = _NEXT_WORD.match(text[end:end + 30])
    after = unit.group(1).lower() if unit else ""  # (and "the Panmunjom Declaration")
    if after in UNIT_WORDS or after in AGREEMENT_WORDS or after in OCCASION_WORDS:
        # "the 16 Bihar regiment": a unit's name; "the Sugauli treaty"; but a common word
        # no curated place bears names none ("the Peace Pact": no Peace, Kansas)
        return None if single and not trusted and key in COMMON else "embedded"
    if org_at and (org_at[0] < i or org_at[-1] >= j) and \
            not words[j - 1][2].endswith(("'s", "’s")):
        # (a name GeoNames alone knows, in an organisation's name, is more often a
        # person's or a brand's: kept only where the gazetteer vouches for it)
        return "embedded" if trusted or prominent or (key not in persons and not single) \
            else None
    if single and key in _RANKS and _RANK_AFTER.match(text, end):
        return None  # (a rank before a rank: "Brig. Gen. Amir Ali Hajizadeh", not Brig, CH)
    if single and words[i][2] in ("Centre", "Center") and text.endswith("the ", 0, start) \
            and not _CENTRE_PLACE.match(text, end):
        return None  # ("the Centre had failed": India's central government, no region)
    if trusted and key in foreign_country_names() and (key in persons or single and (
            (nxt := _NEXT_CAP.match(text, end)) and name_key(nxt[1]) in persons and
            _SAYS_AFTER.match(text, nxt.end()))):
        # ("Brigadier General Turki al-Maliki", "Maurice Kamto": a person, not Turkey's
        # name in Malay nor Mauritius's in French)
        return None
    if not trusted:
        first = words[i][2]
        # (a place before its local office's title: "Bryansk Governor Alexander Bogomaz",
        # "Acting Kursk Governor Alexei Smirnov", "Sumy Mayor Oleksandr Lysenko")
        office = single and j < len(words) and words[j][2] in _LOCAL_TITLES and (
            i == 0 or words[i - 1][2].lower() in TITLES)
        if single and (key in COMMON or len(key) <= 2 or (
                first.isupper() and len(key) <= 4 and not _DATELINE_WORD.match(text, end) or
                first.isupper() and len(key) <= 4 and start > 0 and text[start - 1] not in "\n/")):
            return None  # a common word, a letter or two, or an acronym (not a dateline's
            # city at a line's start: "KYIV, Aug 20 (Reuters) -", "ROME/KYIV, ...")
        if key in persons or all(name_key(strip_possessive(w[2])) in persons
                                 for w in words[i:j]):
            return None
        if single and j < len(words) and name_key(strip_possessive(words[j][2])) in persons \
                and words[j][0] == end + 1:
            return None  # (a given name before a surname: "Raúl Reyes" is no Raúl, Peru)
        prev = _PREV_WORD.search(text[max(0, start - 30):start])
        before = prev.group(1).lower().rstrip(".") if prev else ""
        if before in TITLES and not office:
            return None
        nxt = _NEXT_WORD.match(text[end:end + 30])
        if single and not prominent and nxt and nxt.group(1) in _PARTY_ROLES:
            return None  # (a party's or a body's name before its officer's role in small
            # letters: "Congress general secretary Jairam Ramesh", not Congress, Arizona)
        if single and nxt and nxt.group(1).lower() in SPEECH and \
                before not in ("in", "at", "from", "near") and not prominent:
            return None  # ("Porter said"; not "the authorities in Tskhinvali said", nor
            # a large city, a government's seat: "Beijing accused New Delhi")
        if single and not prominent and (_AGE_AFTER.match(text, end) or (
                text[end:end + 1] in ",." and
                _SAID_FRAME.search(text, max(0, start - 16), start))):
            return None  # a person: "..., said Marvin, 42, who has fished the river" (not
            # "officials said Adre was shelled", nor "Adre, 15,000 of whose residents")
        # a name known only to GeoNames beside another capitalised word is most often part
        # of a person's name ("Philip Reeker", "Ned Price") or of some other name
        sentence_start = bool(_SENTENCE_END.search(text[max(0, start - 3):start]))
        # (not where the other word says what it is, or whose: "Kursk Oblast", "Russia's
        # Kursk region")
        # (and before a name after that: "Governor of the Kursk Region Alexey Smirnov")
        kind_after = j < len(words) and (words[j][2].lower() in KIND_WORDS or (
            j + 1 < len(words) and f"{words[j][2]} {words[j + 1][2]}".lower() in KIND_WORDS))
        # (and of two words: "the Gorno-Badakhshan Autonomous Region")
        # (not a title's first word: "Guyana's Vice President", no Vice in Peru)
        owned = i == 1 and words[0][2].endswith(("'s", "’s")) and not (
            j < len(words) and words[j][2].lower() in TITLES and
            words[j][2] not in _LOCAL_TITLES)
        # (nor a large place's possessive before a body it owns: "Moscow's Defence
        # Ministry", "Bryansk's governor")
        owner = i == 0 and prominent and words[0][2].endswith(("'s", "’s")) and (
            bool(org_at) and org_at[-1] >= j or j < len(words) and
            words[j][2].lower() in TITLES)
        if single and not (kind_after or owned or owner or office) and ((i > 0 and not (
                i == 1 and _SENTENCE_END.search(text[max(0, words[0][0] - 3):words[0][0]])))
                or j < len(words)):
            return None
        if single and sentence_start and (key in COMMON or (
                not prominent and key.endswith("ing") and words[i][2].isalpha())):
            return None  # (or a verb's -ing opening it: '"Going out to stop them ...',
            # not Going, Austria; a large place stays: "Reading")
        if single and sentence_start and _small_nearby(text, start, words[i][2]):
            return None  # (a word the text also writes in small letters: "Drone incident
            # near ...", a headline's first word, is no Drone in Piedmont)
        if not single and j < len(words) and _PERSON_AFTER.match(text, words[-1][1]):
            return None  # (a name GeoNames alone knows, before a surname, where a person's
            # words follow: "Maria Elena Cuero, who coordinates aid", not María Elena, Chile)
    if _OUTLET_AFTER.match(text, end) or _OUTLET_BEFORE.search(text, max(0, start - 16), start):
        # an outlet's name, not a place it names: "the state-run Petra news agency", "the
        # Dhaka newspaper Prothom Alo", "the state news agency Petra" (where it is one at all)
        return "embedded"
    return "place"


def _small_nearby(text: str, start: int, word: str) -> bool:
    """Whether the text writes the word in small letters, as a word, near where it starts a
    sentence ("drone" in "an armed drone" after the headline "Drone incident near ...";
    "drones"): finds in C over a few thousand characters around it, each checked for a
    word's edges."""
    low, a = word.lower(), max(0, start - NEARBY_BEFORE)
    b = min(len(text), start + NEARBY_AFTER)
    at = text.find(low, a, b)
    while at >= 0:
        end = at + len(low) + text.startswith("s", at + len(low))
        if (at == 0 or not text[at - 1].isalpha()) and not text[end:end + 1].isalpha():
            return True
        at = text.find(low, at + 1, b)
    return False


# an officer's role in small letters, after the party's or the body's name ("Congress general
# secretary"): of TITLES, those no place's own office has (not "governor", "mayor")
_PARTY_ROLES = frozenset("""general secretary spokesman spokeswoman spokesperson leader chairman
chairwoman president""".split())
NEARBY_BEFORE, NEARBY_AFTER = 2000, 4000  # (characters looked at around a sentence's start)


def _add_marked(text: str, found: list[Mention], lexicon) -> list[Mention]:
    """Names the text marks as places ("the village of X", "the villages of X, Y and Z")
    that the gazetteer lacks."""
    covered = bytearray(len(text) + 1)
    for m in found:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    extra = []

    def mark(raw: str, s: int, word: str) -> None:
        name = strip_possessive(raw)
        if name.startswith("The "):  # ("The Ras Jedir border crossing, the main ...")
            name, s = name[4:], s + 4
        e = s + len(name)
        key = name_key(name)
        if any(covered[s:e]) or key in lexicon or key.split(" ")[0] in COMMON:
            return
        kind = "island" if word.lower() in _ISLAND_WORDS else "region" if word == "front" \
            else KIND_WORDS.get(word.lower(), "border-crossing" if "rossing" in word else
                                "settlement")
        extra.append(Mention(name, s, e, kind=kind, marked=True))
        covered[s:e] = b"\x01" * (e - s)

    pieces = list(pieces_holding(text, _KIND_WORDS, ".\n"))
    for rx in (_MARKED_BEFORE, _MARKED_AFTER, _MARKED_ISLAND):
        for start, end in pieces:
            for m in rx.finditer(text, start, end):
                if m["word"].lower().endswith(("crossing", "checkpoint", "front")) and (not (
                        m["name"].startswith("The ") or
                        text.endswith("the ", 0, m.start("name"))) or
                        _VERB_OBJECT.match(text, m.end())):
                    continue  # (a crossing is "the X crossing": not "Afghans crossing the
                    # border", "Rohingya crossing at night"; and a front "the X front", a
                    # sector of fighting named by its place: "on the Tsorona front")
                mark(m["name"], m.start("name"), m["word"])
    for start, end in pieces:
        for m in _MARKED_LIST.finditer(text, start, end):
            group = "list" if m["list"] else "list2"
            word = (m["word"] or m["word2"])[:-1]  # "villages": a village each
            for item in _LIST_ITEM.finditer(m[group]):
                mark(item.group(), m.start(group) + item.start(), word)
    # the same name again without its kind word is the same place ("the Ras Jedir border
    # crossing ... heading to Ras Jedir"), where it stands alone (not "Sarstoon Island"): a
    # shorter name the gazetteer knows inside it ("Ras") gives way to it
    kinds = {m.surface: m.kind for m in extra}
    marked_at = {m.start for m in extra}
    found = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in found]
    dropped: set[int] = set()
    for name in list(kinds)[:MARKED_NAMES]:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if at not in marked_at and _ALONE_BEFORE.search(text, max(0, at - 2), at) is None \
                    and _ALONE_AFTER.match(text, end) is None:
                # (the mentions that start in it, found by bisection: a bounded few)
                lo = bisect_left(starts, at)
                hi = bisect_left(starts, end, lo)
                inside = range(lo, hi)
                before = lo > 0 and found[lo - 1].end > at  # (one that begins before it)
                if not before and all(found[i].end <= end for i in inside):
                    dropped.update(inside)
                    extra.append(Mention(name, at, end, kind=kinds[name], marked=True))
                    marked_at.add(at)
            at = text.find(name, end)
    found = [m for i, m in enumerate(found) if i not in dropped]
    return sorted(found + extra, key=lambda m: m.start)

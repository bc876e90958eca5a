"""Small word lists the extractor's rules use. Written for this project (general English)."""

import re
from functools import lru_cache

# Capital letters of the Latin, Greek and Cyrillic scripts ("Á" of "Álvaro", "Ö" of "Ömer"),
# escaped for a character class: a name, or a sentence, may begin with any of them
UPPER = re.escape("".join(ch for ch in map(chr, range(0x0590)) if ch.isupper() and ch.isalpha()))

# Function words and common words that are also place names somewhere ("Most", "Along").
# A place name that is one of these counts only where the gazetteer curates it.
COMMON = frozenset("""
a about above across after again against ago all almost along already also although always
among an and another any are around as at away back be because been before behind being
below best beside between beyond both but by can cannot could day days did do does done
down during each early earlier either else enough even ever every few first for former from
further had has have having he her here hers him his how however if in including into is
it its just last late later least less like many may me meanwhile more most much must my
near neither never new next no none nor not now of off often on once one only onto or
other others our out over own per perhaps rather same several she should since so some
still such than that the their them then there these they this those though through
throughout thus time to today too toward towards under unless until up upon us very via was we
well were what when where whether which while who whom whose why will with within without
would yet you your monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december
reuters president minister prime general state security defense defence foreign ministry
office council army forces police union news press radio agency service committee party
spokesman spokeswoman official officials government parliament republic democratic people
tells warns meeting meets urges calls demands denies says said inc ltd co corp llc plc
national central north south east west northern southern eastern western upper lower
great little big black white red green blue lake mount river valley city town village
province region district border street road square park hill hills mountain mountains
two three four five six seven eight nine ten eleven twelve twenty hundred thousand million
man men woman women col lt sgt maj capt cpl gen adm
law justice human rights peace freedom liberty hope victory progress solidarity
century coast guard
commissioner secretary marshal bishop sultan king prince governor mayor ambassador envoy
""".split())

# Words that make a capitalised name a person's when they stand before it.
TITLES = frozenset("""
president prime minister premier secretary spokesman spokeswoman spokesperson general gen
mr mrs ms dr colonel col lieutenant lt major maj commander chancellor king queen pope
senator sen rep representative governor mayor ambassador envoy chief deputy acting
assistant director chairman chairwoman chairperson leader aide adviser advisor analyst professor
prof sergeant sgt captain capt admiral marshal sheikh emir prince princess lord lady sir
secretary-general inspector-general director-general attorney-general governor-general
datuk dato datin speaker
""".split())

# Military units named after places: "the Bihar Regiment", "the Assam Rifles", and in lower
# case after their place, "the 16 Bihar regiment"
UNIT_WORDS = frozenset("regiment regiments battalion brigade rifles scouts corps".split())
# ... and a place before one of these names an agreement, not where anything happens ("the
# 1816 Sugauli treaty", "the Minsk agreements", "the Shimla accord")
AGREEMENT_WORDS = frozenset("""treaty treaties agreement agreements accord accords protocol
protocols pact declaration format process""".split())
# ... and an occasion named after a place is held anywhere ("the Boyacá celebration", "the
# Independence Day parade"): it names the place, and locates nothing
OCCASION_WORDS = frozenset("""celebration celebrations anniversary commemoration commemorations
festival carnival parade""".split())
# Words that end or start an organisation's name: a place inside it locates nothing.
ORG_WORDS = frozenset("""
organization organisation council ministry department office palace union agency service
committee party bank university institute news times post radio television tv press
company corporation group foundation association federation league commission court
assembly parliament congress senate network channel journal herald gazette tribune
daily airlines
""".split()) | UNIT_WORDS

# Verbs of saying: a one-word name before one of these is a speaker, not a place, unless
# the gazetteer curates it or it is a country or capital ("Baku says").
SPEECH = frozenset("""
said says say told tells added adds claimed claims accused accuses charged charges denied
denies insisted insists urged urges warned warns stated states tweeted tweets wrote writes
noted notes suggested suggests announced announces confirmed confirms asked asks stressed
stresses recalled recalls informed assured expressed reported reports thanked telephoned
""".split())


# a body's name and the acronym it goes by after: "the Joint Chiefs of Staff (JCS)"; the
# acronym in brackets is found first, then the words before it (a search for the whole at
# every capital of a long text took most of this function's time)
_ACRONYM_PAREN = re.compile(r"\((?P<acr>[A-Z]{2,6})\)")
_ACRONYM_NAME = re.compile(r"(?P<name>(?:[A-Z][\w’'-]{0,30}\s(?:(?:of|for|and|the|on)\s){0,2})"
                           r"{1,7})\Z")
ACRONYMS_KEPT = 50  # (a bound for hostile input)
# words that call an authority unrecognised (its claims are no state's: claims.py)
UNRECOGNISED = re.compile(r"\b(?:so-called|de facto|de-facto|self-proclaimed|self-declared|"
                          r"breakaway|separatist|unrecognised|unrecognized)\b", re.I)
_OF_AFTER = re.compile(r" of (?P<of>[A-Z][\w’'-]{0,30}(?: [A-Z][\w’'-]{0,30}){0,2})")
_NAME_REACH = 320  # (seven words of at most 31 letters and two connectors each, and spaces)


# (and an alliance's: "the Alliance of Sahel States (AES)", its acronym of its French name)
_NAMED_BODIES = ORG_WORDS | frozenset("alliance confederation coalition".split())


@lru_cache(maxsize=2)  # (a text's places and then its claims ask: read once)
def acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines, each with the name it stands for ("JCS": "Joint Chiefs of
    Staff"): where its letters are the last capitals of the words before it, in order."""
    out: dict[str, str] = {}
    taken = 0  # (where the last name found ended: names do not overlap)
    for m in _ACRONYM_PAREN.finditer(text) if "(" in text else ():
        named = _ACRONYM_NAME.search(text, max(taken, m.start() - _NAME_REACH), m.start())
        taken = m.end()
        if named is None:
            continue
        words = named["name"].split()
        capped = [i for i, w in enumerate(words) if w[:1].isupper()]
        acr = m["acr"]
        if len(capped) >= len(acr) and "".join(words[i][0] for i in capped[-len(acr):]) == acr:
            out.setdefault(acr, " ".join(words[capped[-len(acr)]:]))
        elif capped and any(w.lower() in _NAMED_BODIES for w in words[capped[0]:]):
            # a body's name translated, its acronym not ("the State Committee for National
            # Security (GKNB) of Kyrgyzstan"), with whose it is, said after it
            whose = _OF_AFTER.match(text, m.end()) if not UNRECOGNISED.search(
                text, max(0, named.start() - 24), named.start()) else None
            # (not a "so-called" or "de facto" body's: the place it claims is another
            # state's, "the so-called State Security Committee (KGB) of South Ossetia")
            out.setdefault(acr, " ".join(words[capped[0]:]) +
                           (f" of {whose['of']}" if whose else ""))
        if len(out) >= ACRONYMS_KEPT:
            break
    return out

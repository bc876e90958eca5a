"""Claims out of a news text: who asserts, denies, reports or calls for what, where, when.

One claim per sentence that attributes something to someone ("Pashinian said", "according
to the Armenian Defense Ministry", "Azerbaijan has denied ...", "urged Azerbaijan to
withdraw") or that reports an event as unconfirmed ("reportedly"). The rules, in order:

- claimant: the phrase before the verb of saying (or after it: "said Porter"); "he", "she"
  and "the prime minister" are the last speaker they fit; a bare surname is the person as
  first introduced ("Armenian Prime Minister Nikol Pashinian").
- side: a demonym, institution or organisation in the claimant (sides.csv), a person's side
  as first introduced, or the country a named capital or country stands for ("Baku says").
- stance: denies (denied, rejected, "did not cross"), calls (urged, called on, demanded,
  appealed, asked), reports ("reportedly", "according to reports"), else asserts.
- event: the first of appeal, incursion, withdrawal, clash, shelling, casualties, exercise,
  deployment, talks whose words the sentence holds; else statement.
- place: the most specific place named in the sentence outside the claimant; else the
  country a phrase such as "Armenian territory" names; else the place the report is about
  (the non-country place it names most). A statement by a third party about that place is
  a reaction, mapped there, not at the speaker's capital.
- date: the sentence's date expression resolved against the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from ..gazetteer.normalize import name_key, strip_possessive
from ..read import claim_id
from ..records import Claim, Document, Mention, Resolution
from .dates import find_date
from .sides import side_in, side_terms
from .words import COMMON, TITLES

ASSERT = ("said|says|say|told|tells|claimed|claims|accused|accuses|charged|charges|insisted|"
          "insists|stated|states|added|adds|tweeted|tweets|wrote|writes|suggested|suggests|"
          "noted|notes|announced|announces|confirmed|confirms|reaffirmed|stressed|stresses|"
          "warned|warns|maintains|alleged|alleges|argued|argues|informed|assured|believes|"
          "thinks|regards|claiming|saying|warning|accusing|reported")
DENY = "denied|denies|deny|rejected|rejects|refuted|refutes|dismissed|dismisses"
CALL = ("urged|urges|urging|called on|calls on|calling on|called for|calls for|demanded|"
        "demands|appealed|appeals|asked|asks|requested|requests|decided to ask|will ask|"
        "wants|expect|expects")
_VERB = re.compile(rf"\b(?P<verb>{DENY}|{CALL}|{ASSERT})\b")
_ACCORDING = re.compile(r"\baccording to (?P<who>[^,.;“”\"]+)", re.I)
_REPORTEDLY = re.compile(r"\b(reportedly|according to (?:media )?reports|were reported|"
                         r"was reported)\b", re.I)
_NEGATED = re.compile(r"\b(did not|didn't|has not|have not|had not|never|not|no)\b[^.]{0,40}?"
                      r"\b(cross|crossed|advance|advanced|enter|entered|invade|attack|violate|"
                      r"occupy|ask|asked|sending|send|fire|fired)\b", re.I)
EVENTS = [
    ("appeal", r"\b(appeal\w*|invoke|request\w* (?:\w+ ){0,2}(?:military )?(?:support|"
               r"assistance|aid|help)|asked (?:both )?(?:\w+ ){0,3}to help|ask for (?:\w+ ){0,2}"
               r"(?:aid|assistance|support|help)|military (?:support|aid|assistance))\b"),
    ("incursion", r"\b(advanc\w*|crossed|cross into|crossing|incursion\w*|invad\w*|occupied|"
                  r"breach\w*|across the border|into (?:\w+ ){0,2}territory|sending troops)\b"),
    ("withdrawal", r"\b(withdr[ae]w\w*|withdrawal|pull(?:ed|ing)? (?:back|out)|left some)\b"),
    ("clash", r"\b(clash\w*|fighting|firefight|skirmish\w*|armed conflict)\b"),
    ("shelling", r"\b(shell\w*|artillery|mortar\w*|opened fire|fired on)\b"),
    ("casualties", r"\b(killed|wounded|injured|dead|casualt\w*|died)\b"),
    ("exercise", r"\b(exercises?|drills?|manoeuvres|maneuvers)\b"),
    ("deployment", r"\b(deploy\w*|stationed|took up (?:new )?positions|reinforce\w*)\b"),
    ("talks", r"\b(talks|negotiat\w*|met|meeting|phone call|by phone|discuss\w*|mediation|"
              r"spoke)\b"),
]
# One pattern for all: the leftmost match wins, and at one place the earlier event listed.
EVENT_RX = re.compile("|".join(f"(?P<{e.replace('-', '_')}>{rx})" for e, rx in EVENTS), re.I)
# As in places.py: a capitalised word starts at a word start and is at most 40 characters,
# so that "A-A-A-..." is read in linear time.
_ACTOR = re.compile(r"\b(?P<who>(?:(?<![\w’'.-])[A-Z][\w’'.-]{0,40} )?"
                    r"(?:troops|forces|armed forces|soldiers|military|units|army|border guards|"
                    r"officers|military officials|"
                    r"commanders|negotiators))\b")
_OWNED = re.compile(r"\b(?:its|their|our) $")
# "several kilometers into", "3 km inside": a depth, read as its upper reading
_DEPTH = re.compile(r"\b(?P<n>several|a few|a couple of|\d+(?:\.\d+)?|one|two|three|four|five|"
                    r"six|seven|eight|nine|ten)[ -](?:kilomet(?:er|re)s?|km)\s+(?:deep\s+)?"
                    r"(?:into|inside|past|beyond|across)\b", re.I)
_DEPTH_WORDS = {"several": 5.0, "a few": 3.0, "a couple of": 2.0, "one": 1.0, "two": 2.0,
                "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0, "eight": 8.0,
                "nine": 9.0, "ten": 10.0}
_TERRITORY = re.compile(r"(?<![\w’'-])(?P<adj>[A-Z][\w’'-]{0,40}) (?:sovereign )?"
                        r"(?:territory|soil|border areas|side of the frontier|"
                        r"side of the border)\b")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|St|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|"
                     r"Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|Inc|Ltd|Co|Ave|Amb|Adm|Capt|Maj|Sgt|"
                     r"Cpl|Pvt|Brig|Prof|Pres|Sr|Jr|Rev|Hon|Dept|Mt|Ft|Gens|Cmdr|Lt\. Col|"
                     r"[ap]\.m)|\b[A-Z]|(?:[A-Z]\.)+[A-Z])$")
_SPLIT = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"‘(]?[A-Z0-9])|\n\s*\n")
ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson minister ministry president premier
office government officials official side secretary department council palace commander
commanders military army forces leader leaders parliament statement readout negotiators
prime deputy foreign defense defence general envoy embassy authorities presidency
administration border service services guard guards health interior ministry army
agency""".split())
SKIP_BEFORE_VERB = frozenset("""also again has have had then later earlier still further now
already since will would could did does do not only reportedly formally repeatedly publicly
officially previously""".split())
PRONOUNS = {"he": "person", "she": "person", "it": "group", "they": "group"}
_DATE_PREFIX = re.compile(r"^(?:(?:Earlier|Later|Late|Also|Meanwhile)\s+)?(?:on\s+)?"
                          r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                          r"(?:\s+(?:night|morning|evening))?,\s*")
_ADDRESSEE = re.compile(r"\b(?:appealed to|appeals to|wrote to|written to|asked|ask|"
                        r"asked both|turned to|spoke with|called|telephoned|thanked)\s+"
                        r"(?:both\s+)?(?:the\s+)?$")
_PARTICIPLE = ("calling", "urging", "saying", "warning", "accusing", "claiming", "adding",
               "insisting", "demanding")
SPECIFIC = {"settlement": 0, "water": 0, "landmark": 0, "mountain": 0, "military-site": 0,
            "border-crossing": 0, "pass": 0, "valley": 1, "river": 1, "admin2": 1, "admin1": 1,
            "region": 2, "country": 3}


@dataclass
class _Speaker:
    name: str
    side: str
    person: bool
    date: str = ""  # the day of the claim this speaker last made, when its sentence gave one


_QUOTE = re.compile(r"“[^”“\n]*”|\"[^\"\n]*\"")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside curly or straight double quotes (a quote ends with its paragraph)."""
    return [m.span() for m in _QUOTE.finditer(text)]


_CLOSING = re.compile(r"[”\"’)]*")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations (U.S., Gen., N.W.) do not end one, and
    neither does a full stop inside a quotation."""
    out, start = [], 0
    quotes = _quote_spans(text)
    quote_starts = [a for a, _ in quotes]
    for m in _SPLIT.finditer(text):
        before = text[max(0, m.start() - 12):m.start()].rstrip(".!?”\"’)")
        if _ABBREV.search(before):
            continue
        k = bisect_left(quote_starts, m.start()) - 1  # the last quote opened before here
        if "\n\n" not in m.group() and k >= 0 and m.start() < quotes[k][1] - 1:
            continue
        # (the sentence keeps its closing quote or bracket: “Troops must leave.”)
        end = m.start() + len(_CLOSING.match(m.group()).group())
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


_NAME_WORD = r"[A-Z][a-z]+[’'-]?[a-z]*"
_NAME = re.compile(rf"\b{_NAME_WORD}(?: {_NAME_WORD}){{1,5}}\b")
_TITLED = frozenset(w.capitalize() for w in ROLE_NOUNS | TITLES)


def _person_names(text: str):
    """Two or three capitalised words that are not titles: "Nikol Pashinian"; from a run
    such as "French President Emmanuel Macron" the words after the last title."""
    for m in _NAME.finditer(text):
        words = m.group().split(" ")
        # the name follows the last title ("French President Emmanuel Macron")
        skip = max((i + 1 for i, w in enumerate(words) if w in _TITLED), default=0)
        if 2 <= len(words) - skip <= 3:
            start = m.start() + sum(len(w) + 1 for w in words[:skip])
            yield start, m.end(), " ".join(words[skip:])


def _people(text: str, extra_sides: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Surname key -> (full description, side) for people introduced with their role.

    "Armenian Prime Minister Nikol Pashinian" -> pashinian: (that phrase, AM);
    "Kremlin spokesman Dmitry Peskov" -> peskov: (..., RU).
    """
    people: dict[str, tuple[str, str]] = {}
    found = []
    for start, end, name in _person_names(text):
        if any(w.lower() in COMMON for w in name.split()) or \
                name_key(strip_possessive(name.split()[-1])) in extra_sides:
            continue  # "Support For Armenia" is a headline, not a person
        # the title is the run of capitalised words and role nouns just before the name
        before = re.split(r"[.;:!?]\s|\s-+\s|[“”\"]", text[max(0, start - 90):start])[-1]
        kept: list[str] = []
        for w in reversed(before.split()):
            if not (w[:1].isupper() or w.lower() in ROLE_NOUNS | TITLES | {"of"}):
                break
            kept.insert(0, w)
        desc = " ".join(kept).strip(" ,")
        words = desc.lower().split()
        # a person's name comes right after the title: "... Prime Minister Nikol Pashinian"
        if not words or not (words[-1] in ROLE_NOUNS | TITLES or desc.endswith("of State")):
            continue
        after = text[end:end + 90]
        appositive = re.match(r"\s*(?:\([A-Z]\))?,\s*(?P<a>[^.;]+)", after)
        at = text.rfind(desc, 0, start) if desc else start
        found.append((at, desc, name, appositive["a"] if appositive else ""))
    # the side from the title ("Armenian Prime Minister ..."); failing that, from a country
    # that heads a caption ("Armenia - Deputy Prime Minister Tigran Avinian ...")
    for _start, desc, name, appositive in found:
        side = side_in(desc, extra_sides) or side_in(appositive, extra_sides)
        surname = name_key(strip_possessive(name.split()[-1]))
        if side and surname not in people:
            people[surname] = (f"{strip_possessive(name)}, {desc}", side)
    for start, desc, name, _ in found:
        surname = name_key(strip_possessive(name.split()[-1]))
        caption = re.search(r"(?P<c>[A-Z][\w ]+?)\s+-+\s+$", text[max(0, start - 40):start])
        side = side_in(caption["c"], extra_sides) if caption else ""
        if side and surname not in people:
            people[surname] = (f"{name}, {desc}", side)
    return people


# Between a speaker and the verb: when ("India on Tuesday called on ...", "late on
# Thursday") and an aside (", in a statement,")
_WHEN_BEFORE_VERB = re.compile(
    r"(?:\s+(?:late|early|earlier|later)?\s*(?:on|last|this)?\s*(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|today|yesterday)(?:\s+(?:night|morning|evening|"
    r"afternoon))?|,\s*(?:in|on|at|during|after|via)\s[^,]{1,60},)\s*$")


def _subject(prefix: str) -> str:
    """The noun phrase that ends ``prefix`` (the words before a verb of saying)."""
    prefix = _WHEN_BEFORE_VERB.sub("", prefix)
    words = re.findall(r"[\w’'.-]+|,", prefix)
    while words and words[-1] == ",":
        words.pop()
    while words and (words[-1].lower() in SKIP_BEFORE_VERB or words[-1].lower().endswith("ly")):
        words.pop()
    if words and words[-1].lower() in PRONOUNS:
        return words[-1]
    taken: list[str] = []
    for w in reversed(words):
        low = w.lower()
        if w == ",":
            if taken and taken[-1][:1].isupper():
                taken.append(w)
                continue
            break
        if w[:1].isupper() or low in ROLE_NOUNS or low in ("of", "the", "a", "an", "’s", "'s"):
            taken.append(w)
            continue
        break
    phrase = " ".join(reversed(taken)).replace(" ,", ",").strip(", ")
    phrase = _DATE_PREFIX.sub("", phrase)
    phrase = re.sub(r"^(?:[Tt]he|[Aa]n?|But|And|Earlier|Later|Meanwhile)\s+", "", phrase)
    return phrase


def _after(suffix: str) -> str:
    """The speaker named after the verb ("..., said Porter", "added the prime minister")."""
    m = re.match(r"\s*(?P<who>(?:the |a )?(?:[A-Z][\w’'.-]+|[a-z]+ minister|prime minister|"
                 r"premier|president)(?: [A-Z][\w’'.-]+)*(?:, (?:a|the) [^,.]+)?)", suffix)
    return m["who"].strip() if m else ""


def extract_claims(doc: Document, resolved: list[tuple[Mention, Resolution]],
                   *, capital_of=None) -> list[Claim]:
    """Claims in a document, each with its sentence, span, claimant, place and date.

    ``resolved`` is the resolve stage's output for this document's mentions;
    ``capital_of(place)`` gives the country a capital stands for ("Baku says": AZ).
    """
    text = doc.text
    extra: dict[str, str] = {}
    for m, r in resolved:
        if r.resolved:
            if r.place.kind == "country":
                extra[name_key(m.surface)] = r.place.country
            elif capital_of and capital_of(r.place):
                extra[name_key(m.surface)] = capital_of(r.place)
    people = _people(text, extra)
    extra.update({k: v[1] for k, v in people.items()})
    focus = _focus(resolved, capital_of)
    places_by_id = {r.place.id: r.place for _, r in resolved if r.resolved}
    # the parties: the sides whose territory or forces the incident involves - the
    # country of the report's place, and the side named most with troops or forces
    # (then the next, if the report's place gave none)
    acting = Counter(side_in(m["who"], extra) for m in _ACTOR.finditer(text))
    territory = places_by_id[focus[1]].country if focus and focus[1] in places_by_id else ""
    belligerents = {territory} - {""}
    for side, _ in acting.most_common():
        if len(belligerents) >= 2:
            break
        if side and side != "PRESS":  # (forces named with no side are no side)
            belligerents.add(side)
    claims: list[Claim] = []
    speakers: list[_Speaker] = []
    starts = [m.start for m, _ in resolved]
    for s, e in sentences(text):
        sent = text[s:e]
        here = resolved[bisect_left(starts, s):bisect_left(starts, e)]
        claim = _claim(doc, sent, s, e, here, people, extra, speakers, focus, capital_of,
                       belligerents, places_by_id)
        if claim:
            claims.append(claim)
            continue
        # a sentence that claims nothing may still bring a person forward, whom "he"
        # next means ("Pashinian gave some details ... he told lawmakers")
        head = _HEAD.match(sent)
        who = name_key(strip_possessive(head["np"].split()[-1])) if head else ""
        if who in people:
            speakers.append(_Speaker(people[who][0], people[who][1], True))
    return claims


def _focus(resolved, capital_of=None) -> tuple[str, str] | None:
    """The place the report is about: the place it names most that is neither a country,
    a wide region nor a capital (capitals mostly stand for governments); ties go to the
    first named."""
    counts: Counter = Counter()
    first: dict = {}
    for m, r in resolved:
        if r.resolved and r.place.kind not in ("country", "region") and not (
                capital_of and capital_of(r.place)):
            counts[(m.surface, r.place.id)] += 1
            first.setdefault((m.surface, r.place.id), m.start)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))


def _claim(doc, sent, s, e, resolved, people, extra, speakers, focus, capital_of,
           belligerents, places_by_id) -> Claim | None:
    """The claim a sentence makes, if any. ``resolved`` holds this sentence's mentions;
    ``places_by_id`` every place the report names."""
    quotes = _quote_spans(sent)
    starts = [a for a, _ in quotes]  # the spans are in order and apart: bisect, not scan
    last = speakers[-1] if speakers else None  # who spoke in the sentence before

    def quoted(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < quotes[k][1]

    verb = next((v for v in _VERB.finditer(sent) if not quoted(v.start())), None)
    low = sent.lower()
    according = _ACCORDING.search(sent) if "according to" in low else None
    reportedly = _REPORTEDLY.search(sent) if "report" in low else None
    claimant, span = "", (0, 0)
    if according and (not verb or according.start() < verb.start()):
        claimant, span = according["who"].strip(), according.span("who")
        verb_word = "according"
    elif verb:
        verb_word = verb["verb"].lower()
        if verb_word.split()[0] in _PARTICIPLE:
            head = re.match(r"\s*(?:The |A )?(?P<np>(?:[A-Z][\w’'.-]+ ?)+)", sent)
            claimant = head["np"].strip() if head else ""
        else:
            claimant = _subject(sent[:verb.start()])
        span = (sent.find(claimant), sent.find(claimant) + len(claimant)) if claimant else (0, 0)
        if not claimant or claimant.lower() in PRONOUNS:
            after = _after(sent[verb.end():])
            if after and not claimant:
                claimant = after
                span = (verb.end() + sent[verb.end():].find(after),
                        verb.end() + sent[verb.end():].find(after) + len(after))
    elif reportedly:
        verb_word = "reportedly"
    elif _narrates(sent, quotes):
        verb_word = "narration"  # the report's own voice: the publisher asserts it
    else:
        return None
    if verb_word == "reported" and not claimant:
        return None
    # who: pronouns and roles are the last speaker they fit; surnames are the person
    low = claimant.lower()
    # the word the speaker was inferred from
    if _GROUP_REF.fullmatch(low):
        low = "it"  # "the office", "a statement by the office", "the readout": as "it"
    inferred = claimant if low in PRONOUNS or low in _ROLES_ALONE else ""
    if low in PRONOUNS:
        want_person = PRONOUNS[low] == "person"
        # (not a person the sentence itself names after the verb: "He also assured
        # Pashinian" is not Pashinian)
        rest = sent[verb.end():] if verb else ""
        prior = next((sp for sp in reversed(speakers) if sp.person == want_person and not (
            want_person and sp.name.split(",")[0].split()[-1] in rest)), None)
        claimant = prior.name if prior else claimant
    elif low in _ROLES_ALONE:
        word = low.split()[-1]
        prior = next((sp for sp in reversed(speakers) if word in sp.name.lower()), None)
        claimant = prior.name if prior else claimant
    elif claimant and "’s" not in claimant and "'s" not in claimant and name_key(
            claimant.rstrip(",").split(" ")[-1]) in people:
        claimant = people[name_key(claimant.rstrip(",").split(" ")[-1])][0]
    side = side_in(claimant, extra) if claimant else ""
    stance = "asserts"
    if verb_word == "according" and re.search(r"\breports?\b", claimant, re.I):
        stance = "reports"
    elif verb_word in DENY.split("|"):
        stance = "denies"
    elif verb_word in CALL.split("|") or verb_word.startswith(("called", "calls", "calling")):
        stance = "calls"
    elif not claimant and reportedly:
        stance = "reports"
    elif verb_word == "narration":
        stance = "asserts"  # ("the Kremlin did not confirm this": still the report's word)
    elif _NEGATED.search(sent[(verb.end() if verb else 0):]):
        stance = "denies"
    if not claimant:
        claimant = doc.publisher or "the report (unattributed)"
        side = "PRESS"
    if not side:
        return None  # nobody we can place on a side: not a claim we can map honestly
    if verb_word == "narration":
        # the report speaks, but whom it names first may be "it" or "he" next ("The
        # Kremlin did not confirm this ... It said Putin stressed")
        head = _HEAD.match(sent)
        who = head["np"].strip() if head else ""
        who_side = side_in(who, extra) if who else ""
        if who_side not in ("", "PRESS"):
            speakers.append(_Speaker(who, who_side, _is_person(who)))
    else:
        speakers.append(_Speaker(claimant, side, _is_person(claimant)))
        # whom the words report ("It said Putin stressed ..."): "he" next may be him
        told = re.match(r"\s+(?:that\s+)?(?P<who>[A-Z][\w’'-]+)\s+[a-z]+(?:ed|s)\b",
                        sent[verb.end():]) if verb and verb_word != "according" else None
        if told and name_key(told["who"]) in people:
            name, who_side = people[name_key(told["who"])]
            speakers.append(_Speaker(name, who_side, True))
    after_verb = verb.end() if verb and verb_word != "according" else 0
    hit = EVENT_RX.search(sent, after_verb) or EVENT_RX.search(sent)
    event = hit.lastgroup if hit else "statement"
    found = list(_ACTOR.finditer(sent))
    actors = [m["who"] for m in found]
    # "its troops": the speaker's own; read off each match, not searched for again per
    # actor (a sentence may hold thousands)
    owned = {m["who"] for m in found if _OWNED.search(sent, max(0, m.start() - 7), m.start())}
    actor = next((a for a in actors if side_in(a, extra) or a in owned),
                 actors[0] if actors else "")
    # the side that is urged or accused is the actor ("urged Azerbaijan to withdraw")
    obj = re.search(r"\b(?:urged|accused|demanded that|called on|calling on|charged that|"
                    r"expect|expects|wants)"
                    r" (?P<who>[A-Z][\w’'-]+)", sent)
    actor_side = side_in(obj["who"], extra) if obj else ""
    if not actor_side and actor:
        actor_side = side_in(actor, extra)
        its = re.search(rf"\b(?:its|their|our) {re.escape(actor)}", sent)
        if not actor_side and its:
            # "its troops": the side named last before it ("demanded that Azerbaijan
            # withdraw its troops"), else the claimant ("Baku says its troops ...")
            named = [side_in(w.group(), extra) for w in re.finditer(
                r"[A-Z][\w’'-]+", sent[span[1]:its.start()])]
            named = [x for x in named if x and x != "PRESS"]
            actor_side = named[-1] if named else side
    parties = {actor_side, side if actor_side == side else ""} - {""}
    # where: the most specific place outside the claimant's words
    in_sentence = [(m, r) for m, r in resolved if s <= m.start < e and r.resolved
                   and not (s + span[0] <= m.start < s + span[1])]
    # the side that is asked or accused is not where it happened ("urged Azerbaijan to
    # withdraw its troops from Armenia's border areas": Armenia)
    if actor_side:
        in_sentence = [(m, r) for m, r in in_sentence
                       if not (r.place.kind == "country" and r.place.country == actor_side)]
    # a capital standing for its government ("Baku is trying", "asked Moscow") and the
    # addressee of an appeal or a call ("appealed to Russia") are not where it happened
    in_sentence = [(m, r) for m, r in in_sentence
                   if not (capital_of and capital_of(r.place)) and not _ADDRESSEE.search(
                       doc.text[max(0, m.start - 24):m.start])]
    place, place_id = "", ""
    from_focus = False
    if in_sentence:
        m, r = min(in_sentence, key=lambda mr: (
            SPECIFIC.get(mr[1].place.kind, 1),
            not (focus and _in_country(focus[1], mr[1].place.country, places_by_id)), mr[0].start))
        place, place_id = m.surface, r.place.id
        if r.place.kind == "region" and not r.place.country and focus:
            # a region of several countries ("the South Caucasus") says less than the
            # report's own place does
            place, place_id = focus
            from_focus = True
        elif r.place.kind == "country" and focus and (
                _in_country(focus[1], r.place.country, places_by_id)
                or r.place.country not in belligerents):
            # "advanced into Armenia" in a report about Syunik: the report's place is
            # more precise than the country, and lies in it; and a third country the
            # sentence names ("France is also prepared to ...") acts, or is addressed: the
            # claim is about the incident
            place, place_id = focus
    else:
        t = _TERRITORY.search(sent)
        country = side_terms().get(name_key(t["adj"]), ("", ""))[0] if t else ""
        if country and len(country) == 2 and country != actor_side and not (
                focus and _in_country(focus[1], country, places_by_id)):
            place, place_id = f"country:{country}", f"country:{country}"
        elif focus:
            place, place_id = focus
            from_focus = True
    place_country = places_by_id[place_id].country if place_id in places_by_id else (
        place_id[8:] if place_id.startswith("country:") else "")
    parties.add(place_country)
    parties |= belligerents
    if side == "PRESS":
        # the report's own voice: the role of whoever acts ("Russia deployed soldiers":
        # a third party's act)
        subject = side_in(sent[:max(1, (hit.start() if hit else len(sent)))], extra)
        role = "reaction" if subject and subject not in parties | {"PRESS"} else "incident"
    else:
        role = "incident" if side in parties else "reaction"
    deep = _DEPTH.search(sent) if event == "incursion" else None
    depth = (_DEPTH_WORDS.get(deep["n"].lower()) or float(deep["n"])) if deep else None
    when = find_date(sent, doc.published)
    date, precision = (when[0], when[1]) if when else ("", "unknown")
    carried = False
    if not date and last is not None and last.date and last.name == claimant:
        # the same speaker goes on ("..., Macron tweeted" after "Macron voiced on Thursday
        # night ..."): the same day, said to be inferred
        date, precision, carried = last.date, "day", True
    own = next((sp for sp in reversed(speakers) if sp.name == claimant), None)
    if own is not None and date:
        own.date = date
    check = "; ".join(filter(None, [
        f"speaker from {inferred!r}" if inferred else "",
        "date from the sentence before" if carried else "",
        "the report's own voice" if verb_word == "narration" else "",
        "place from the report's focus" if from_focus else ""]))
    fields = {"source": doc.title, "url": doc.url, "date": date, "place": place,
              "claimant": claimant, "stance": stance, "event": event, "text": sent.strip()}
    return Claim(
        id=claim_id({**fields, "text": f"{s}:{sent}"}), text=" ".join(sent.split()),
        claimant=claimant, claimant_side=side, stance=stance, event=event, actor=actor,
        place=place_id or place, date=date, date_precision=precision,
        published=doc.published, source=doc.title or doc.name.rsplit("/", 1)[-1],
        publisher=doc.publisher,
        url=doc.url, role=role, span_start=s, span_end=e, depth_km=depth, check=check,
        origin=f"{doc.name}#{s}-{e}")


# An organisation or document named by its kind alone: the one last named ("It", in effect)
_GROUP_REF = re.compile(r"(?:an? |the )?(?:official )?(?:(?:ministry|office|government) )?"
                        r"(?:statement|readout|office|ministry|presidency|palace)(?: (?:by|"
                        r"from|of) the (?:office|ministry|presidency|palace))?")
_ROLES_ALONE = ("the prime minister", "prime minister", "the premier", "the president")
_HEAD = re.compile(r"\s*(?:The |A )?(?P<np>(?:[A-Z][\w’'.-]+ ?)+)")


def _narrates(sent: str, quotes: list[tuple[int, int]]) -> bool:
    """Whether a sentence without a speaker states an event as fact in the report's own
    voice ("Azerbaijani forces advanced several kilometers into Syunik", "The two men spoke
    by phone on Thursday night"): a whole sentence, outside quotes, naming an event, not a
    question; captions and datelines name none."""
    text = sent.strip()
    if quotes or len(text) < 25 or text.endswith("?") or not text[:1].isupper() or \
            not text.endswith((".", "!")):
        return False
    # (judged by its last words: a headline or a caption run into the sentence after it is
    # not that sentence)
    tail = text.split()[-12:]
    if _CAPTION.search(" ".join(tail)) or sum(w[:1].isupper() for w in tail) > len(tail) / 2:
        return False  # a caption, or a headline in Title Case
    if _DATELINE.search(text):
        return False  # "Armenia - French President ... speaks at ...": a photo's caption
    return bool(EVENT_RX.search(text))


# A photo caption: its dateline ("Armenia - Deputy Prime Minister ... speaks"), anywhere in
# the sentence; its words ("is seen"), in the sentence's last words
_DATELINE = re.compile(r"\s-{1,2}\s|•")
_CAPTION = re.compile(r"\bis seen\b|\bpictured\b|\(C\)|\bfile photo\b", re.I)


def _is_person(name: str) -> bool:
    """Whether a speaker is a person ("he") rather than a body ("it"): two capitalised
    words, and no ministry, office or palace."""
    return bool(re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", name)) and \
        not re.search(r"Ministry|Department|Office|Government|Palace|Kremlin", name)


def _in_country(place_id: str, country: str, places_by_id: dict) -> bool:
    place = places_by_id.get(place_id)
    return place is not None and place.country == country

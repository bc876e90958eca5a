"""Claims out of a news text: who asserts, denies, reports or calls for what, where, when.

``extract_claims`` reads a report's context once (``read_report``: its people, the sides
its names stand for, its place, its parties, its dateline) and then each sentence in order
(``claims_in``), which composes the rules below - each a function of a ``Sentence`` and
the ``Report``, tested on its own in tests/test_claim_rules.py:

- ``speaker``: who speaks - the subject of a verb of saying or its written forms, "according
  to", the speaker after a quotation ("said Porter"), a quotation going on; "he", "it",
  "the office", "the service" are the last speaker they fit; a surname is the person as
  first introduced. None when nobody speaks and the report states no event itself; the
  report's own voice (narration, a request for help it states) has no claimant.
- ``side``: a demonym, country, capital, institution or organisation in the speaker's words
  (sides.csv over every country's name and demonym), a person's side as introduced, a place
  the words name; residents speak for their place, an official named with no country for
  where they spoke or the dateline (said in ``check``).
- ``clauses``: where a sentence says several things ("denied ... and said", ", adding
  that", "which it says", ", while Hezbollah said", a quotation's sentences): a claim each.
- ``stance``: denies, calls (urged; or "must", "we expect X to"), reports (hedged), asserts.
- ``actor``: whose forces act, or the side urged or accused.
- ``place``: where the claimed event happens - a claim per place the clause names finer
  than a country (not an area holding another), never the speaker's capital or the side
  addressed; else a country "Armenian territory" names; else the report's place.
- ``date``: the claimed event's day, the day said, else the report's narrative time.
- ``role``: incident for the parties, reaction for third parties.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as _day

from ..gazetteer.normalize import KIND_WORDS, name_key, strip_possessive
from ..read import claim_id
from ..records import UNKNOWN_SIDE, Claim, Document, Mention, Place, Resolution
from .dates import MONTHS, WEEKDAYS, find_date
from .keyed import Keyed, WordKeys, pieces_holding, trie
from .sides import MISSION_SIDES, NamedOfficials, missions_in, outlet_home, side_in, side_terms
from .sides import officials as officials_in
from .words import COMMON, ORG_WORDS, TITLES, UNRECOGNISED, UPPER, acronyms

ASSERT = ("said|says|say|told|tells|claimed|claims|accused|accuses|charged|charges|insisted|"
          "insists|stated|added|adds|tweeted|tweets|wrote|writes|suggested|suggests|"
          "noted|notes|announced|announces|confirmed|confirms|reaffirmed|stressed|stresses|"
          "warned|warns|warn|maintains|alleged|alleges|argued|argues|informed|assured|believes|"
          "thinks|regards|claiming|saying|accusing|reported|announce|voiced|posted|"
          # (and a release's "The Ministry of Defence reports that ...", not "reports said")
          r"reports(?= that\b)|informs|"
          # (and the verbs of telling of translations and features: "Yolanda Carrillo, 43,
          # recounted that", "he also denounced that")
          "explained|explains|recounted|recounts|testified|remarked|commented|"
          "lamented|conceded|concedes|disclosed|clarified|affirmed|affirms|asserted|"
          "contended|contends|maintained|denounced|denounces|"
          # (not "warning" of "fired warning shots")
          r"warning(?! (?:shots?|fire|flares?|signals?|lights?|sirens?)\b)|"
          "expressed|reiterated|recalled|declared|acknowledged|admitted|pledged|vowed|condemned|"
          "condemns|underlined|underlines|underscored|underscores|emphasised|emphasized|"
          # (and translation's: "the ministry indicated in a statement that", "protested")
          "indicated|indicates|protested|protests|"
          # (what the speaker calls a thing: "called the strike an unprovoked breach of
          # Pakistan's sovereignty"; a call on someone is CALL's, a lie called so _DISMISS's)
          r"call(?:ed|s)(?= (?:the|this|that|these|those|it|its|their|his|her|them)\b"
          r"[^.;]{0,80}? [“\"‘']?an? )|termed|"
          "traded accusations|traded blame|trade blame|trade accusations|traded charges|"
          "put the death toll at|put the toll at|puts the death toll at|puts the toll at|"
          # (and an account given: "A spokesperson of the BSF ... gave a similar account.";
          # not where it is told next: "Uganda's army gave a different account: its
          # spokesman ... said")
          r"gave (?:a|an|its|his|her|their) (?:(?:very|quite|markedly|starkly|sharply|"
          r"entirely|completely|somewhat) )?(?:similar |different |conflicting |separate |"
          r"detailed |own )?(?:account|version)(?=[^.:;,]{0,40}\.)|"
          "put the number of|puts the number of|blamed|blames|blaming|estimated|estimates|"
          "described|describes|"
          # (after a quotation: '"...," the minister went on, before urging')
          r"went on(?=,| *[.:])|continued(?=,| *[.:])")
DENY = ("denied|denies|deny|rejected|rejects|refuted|refutes|dismissed|dismisses|denying|"
        "rejecting|refuting")
# calls on someone to act: the speaker's call
CALL = ("urged|urges|urge|urging|called on|calls on|call on|calling on|called upon|calls upon|"
        "call upon|called for|calls for|call for|calling for|demanded|demands|demand|wants|"
        "expect|expects|"
        # (a call on others: "appealed for the greatest possible restraint", not a request
        # for help, REQUEST's: "appealed to Russia for military support")
        r"appeal(?:ed|s)? for (?!(?:\w+ )?(?:help|support|assistance|aid)\b)|"
        # (and on others to act: "appealed to both governments to keep the dispute from")
        r"appeal(?:ed|s)? to (?:[\w’'-]+ ){1,4}to (?!(?:help|assist|support|aid)\b)|"
        # ("asked the families to remain confident", "asked the press not to compare": not
        # a request for help, REQUEST's: "asked Moscow to help")
        # (nor one's own wish: "who asked not to be named")
        r"ask(?:ed|s) (?!not\b|that\b|for\b)(?:[\w’'-]+ ){1,4}(?:not )?to (?!(?:be|help|assist|"
        r"support|aid|intervene|send|provide|deploy|mediate)\b)")
# a request for help ("appealed to Russia for military support", "asked Moscow to help"):
# an act the report states, unless a verb of saying gives it to a speaker
REQUEST = "appealed|appeals|asked|asks|requested|requests|decided to ask|will ask"
# calling what the other side said a lie denies it: "called the report disinformation",
# "branded the claims as lies", "described the accusation as baseless"
_DISMISS_WORDS = ["called", "calls", "branded", "brands", "labeled", "labelled", "labels",
                  "described", "describes"]
# what a claim is called that says it is false (and, of a report only, "a provocation": "This
# is provocation" is said of an act)
_FALSE_WORDS = (r"disinformation|misinformation|lies|lie|false(?:hood)?|fake(?: news)?|baseless|"
                r"groundless|untrue|unfounded|fabricat\w+|absurd|nonsense|propaganda")
_DISMISS = re.compile(rf"\b(?P<verb>{'|'.join(_DISMISS_WORDS)})\s+"
                      r"(?:(?:the|this|that|these|those|such|its|their|his|her)\s+)?"
                      r"(?:[\w’'-]+\s+){0,3}?(?:as\s+)?[“\"‘']?(?:(?:an?|pure|complete|"
                      r"absolute|absolutely|blatant|utter|utterly|totally|entirely|completely|"
                      r"simply|patently|wholly)\s+)"
                      rf"{{0,2}}[“\"‘']?(?:{_FALSE_WORDS}|provocation)\b", re.I)



def _quick(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """``pattern`` (a word's alternatives) behind a look at the word's first letter, which
    ``first`` lists: the same matches, found three times faster, as most positions fail
    at once (tests/test_extract.py checks the letters against the words)."""
    return re.compile(rf"\b(?=[{first}])(?:{pattern})", flags)


_VERB = _quick("abcdegimnprstuvw", rf"\b(?P<verb>{DENY}|{CALL}|{REQUEST}|{ASSERT})\b")
_VERBS = Keyed(_VERB)
# a call in what is said: "They must withdraw", "we expect Azerbaijan to pull back",
# "stressed the need for", "would like the UN Security Council to", "hope that ... could"
_CALL_WORDS = _quick(
    "abcdehilmnostuw",
    r"\b(?:must|should|ought to|the need (?:for|to)|need to|needs to|would like|"
    r"expects? (?:\w+ ){0,3}to|we expect|important that|(?:expressed|expresses) (?:the )?hope|"
    # ("We certainly hope that the sides will take all measures", "We hope the Indian side
    # will meet China halfway")
    r"hopes? (?:that )?(?:\w+ ){1,6}(?:could|would|can|will|should)|"
    r"backed (?:\w+ ){0,2}demands|"
    r"(?:ask|asks|asked|urge|urges|urged|urging|was urging) "
    r"(?!not to be (?:named|identified|quoted)\b)(?:\w+ ){1,3}to|"  # (anonymity: no call)
    r"\b(?:[Ww]e|I) urge (?:\w+ ){1,5}to|"  # ("We urge both Guyana and Venezuela to")
    r"(?<!phone )(?<!a )call(?:s|ed|ing)? (?:on|for)|"
    r"warn(?:s|ed|ing)? (?:\w+ ){0,3}against|"  # ("warned the public against spreading")
    # ("warned the rebels to leave"; not "warned of attacks to come")
    r"warn(?:s|ed|ing)? (?!(?:of|about|that|against)\b)(?:[\w’'-]+ ){1,4}to (?=(?-i:[a-z]))|"
    r"\b(?:[Ww]e|I) (?:want|wanted) (?:[\w’'-]+ ){1,4}to (?=(?-i:[a-z]))|"  # ("We want the UN to")
    r"(?:wants?|wanted) (?:\w+ ){1,4}(?:settled|resolved|ended|stopped|withdrawn)|"
    # ("We are demanding that the Chinese return our rifles", "We ask the people of Goma
    # to stay at home", "told both countries to avoid any step", "made similar appeals")
    r"demand(?:s|ed|ing)? that|\b(?:[Ww]e|I) ask (?:[\w’'-]+ ){1,5}to (?=(?-i:[a-z]))|"
    r"\btold (?!(?:reporters|journalists|the press|parliament|lawmakers)\b)(?:[\w’'-]+ ){1,3}"
    r"to (?=(?-i:[a-z]))(?!be\b)|"
    r"(?:made|issued|sent|submitted|lodged) (?:[\w’'-]+ ){0,3}(?:appeals?|requests? for))\b",
    re.I)
# the verbs of another speaker's clause (", while Hezbollah said ...")
VOICE_VERBS = "said|says|told|denied|denies|urged|accused|warned|warns|insisted|insists"
_VOICE_VERBS = frozenset(VOICE_VERBS.split("|"))
_VOICE = re.compile(r"(?P<who>(?:[\w’'.-]+ ){1,6}?|(?:[\w’'.-]+ ){0,5}[\w’'.-]+, [^,\n]{1,60}, )"
                    rf"(?P<verb>{VOICE_VERBS})\b")  # (an aside:
# ", and Tajik media, citing the border troops, said")
# both speakers accuse: "Kyrgyzstan and Tajikistan accused each other", "traded accusations"
_MUTUAL = re.compile(r"(?:accused|accuse|accusing|blamed|blame|blaming)(?: \w+){0,2} "
                     r"(?:each other|one another)\b|"
                     r"(?:traded|trade) (?:accusations|blame|charges)\b")
# where one sentence says two things: "denied ... and said its forces only took up",
# ", adding that", ", again accusing", "and pointed to", "which it says crossed", "... but
# their presence continues", "crossed into Armenia and must be withdrawn"
_CLAUSE = re.compile(
    r",? (?:and|but) (?=(?:also |then |again |has |have )?(?:said|says|say|added|adds|stressed|"
    r"stresses|accuses|accused|"
    r"noted|notes|pointed to|points to|insisted|insists|warned|warns|urged|urges|called|calls|"
    r"demanded|demands(?! for)|simply|only|"
    r"instead|must|should|will|expressed|recalled|wants|wanted|"
    # ("said ... that Pristina was using the incident, and dismissed Kosovo claims ...")
    r"denied|denies|dismissed|dismisses|rejected|rejects)\b)"
    r"|, (?:again |also )?(?=(?:adding|accusing|warning|saying|urging|calling|insisting|"
    r"claiming|demanding|denying|rejecting|leading to|prompting|killing|wounding|injuring)"
    r"\b)"
    r"|,? (?:which|what) (?=(?:it|he|she|they) (?:says|said|claims|claimed|regards as)\b)"
    # "..., a claim Bishkek dismissed as disinformation": another side's denial
    r"|,? (?:a claim|an accusation|a charge|claims|accusations|allegations|a report|reports|"
    r"a figure|figures|which) "
    r"(?:that )?(?=(?:[A-Z][\w’'.-]+ ){1,4}(?:(?:officials|authorities|government|ministry|"
    r"military|army) )?(?:has |have |had )?(?:denied|denies|dismissed|dismisses|rejected|"
    r"rejects|refuted|refutes|disputes|disputed|called)\b)"
    r"|,? (?:and|but) (?=(?:we|i|they) (?!said)[a-z]+)"
    # "said that he is considering ... and that France is prepared to ...": a second thing
    r"|,? and (?=that\b)"
    # another speaker: ", while Hezbollah said ...", ", and a U.S. spokesperson said ..."
    rf"|, (?:while|whereas|and|but) (?=(?:[\w’'.-]+ ){{1,6}}?(?:{VOICE_VERBS})\b|"
    # (and with an aside: ", and Tajik media, citing the border troops, said ...")
    rf"(?:[\w’'.-]+ ){{0,5}}[\w’'.-]+, [^,\n]{{1,60}}, (?:{VOICE_VERBS})\b)"
    # ... or after a semicolon: "Kyrgyz officials put the toll at 36; Tajik officials said"
    rf"|; (?=(?:[\w’'.-]+ ){{1,6}}?(?:{VOICE_VERBS})\b)"
    r"|,? but (?=(?:their|its|his|her|our|the|it|they|we|has|have|had|is|are|was|were|"
    r"still|did|does|do|would|will|could|can)\b)"
    # a quotation of several sentences ("“... crossed into Armenian territory. They must
    # withdraw immediately,” Macron tweeted"): each of its sentences
    r"|(?<=[.!?])\s+(?=[A-Z])")
# Every cut begins at ", ", at the space before one of the words a cut without a comma
# begins with ("and", "which", "a claim", ...), or after a full stop: these are found
# first and ``_CLAUSE`` is tried only there, not at every space (the same matches as
# ``_CLAUSE.finditer``: tests/test_extract_speed_clauses.py)
_CLAUSE_HINT = re.compile(r"[,;] | (?=(?:and|but|which|what|a claim|an accusation|a charge|claims|"
                          r"accusations|allegations|a report|reports) )|[.!?]\s")


def _clause_cuts(text: str):
    """The matches of ``_CLAUSE.finditer(text)``, found from ``_CLAUSE_HINT``'s."""
    pos = 0
    for hint in _CLAUSE_HINT.finditer(text):
        at = hint.start() + (hint.group()[0] in ".!?")  # (after a full stop: its space)
        if at < pos:
            continue  # (inside the cut before)
        m = _CLAUSE.match(text, at)
        if m:
            yield m
            pos = m.end()


_ROLE_END = (r"(?:minister|spokes(?:man|woman|person)|chief|head|president|ambassador|envoy|"
             r"commander|governor|advis[eo]r|secretary|official|researcher|analyst|expert|"
             r"director|leader)")
_RANKS = "Brig|Gen|Col|Lt|Maj|Capt|Sgt|Adm|Cdr|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep"
_ACCORDING = re.compile(r"\b[Aa]ccording to (?!(?:the )?(?:plan|schedule|law|tradition)\b)"
                        # (a person named, and who they are: "Suren Papikyan, Armenia's defence
                        # minister,", "X, a researcher at ...,", "X, head of the service,")
                        rf"(?P<who>(?:(?:{_RANKS})\.? )*[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){{1,3}}"
                        rf",\s(?:(?:an?|the)\s(?:[\w’'-]+\s){{0,4}}{_ROLE_END}\b[^,.;“”\"]{{0,60}}|"
                        rf"{_ROLE_END}\s(?:of|for|to|at)\s[^,.;“”\"]{{1,60}}|"
                        rf"[A-Z][\w-]+['’]s\s(?:[a-z-]+\s){{0,3}}{_ROLE_END})(?=,)|"
                        # (else whoever it is, "U.S." and "U.N." too)
                        r"(?:[^,.;“”\"]|(?<=\b[A-Z])\.|" + "|".join(
                            rf"(?<=\b{r})\." for r in _RANKS.split("|")) + r")+)")
# (not "going according to plan"; and a rank's stop: "according to Brig. Gen. Ronald ...")
_REPORTEDLY = _quick("acprw", r"\b(reportedly|according to (?:media )?reports|were reported|"
                     r"was reported|allegedly|purportedly|appeared to show|could not "
                     r"(?:be )?(?:independently )?(?:verify|verified|confirm|confirmed))\b",
                     re.I)
_HEDGE = Keyed(_REPORTEDLY)
# what is said to be false: "said the reports were “baseless”", "said the claims are lies"
_FALSE = re.compile(r"\b(?:(?:reports?|claims?|accusations?|allegations?|charges?|statements?)"
                    r"(?:\s+(?:that|of|about)\s+[^.;]{1,80}?)?|it|this|that)\s+"
                    r"(?:was|were|is|are)\s+(?:[“\"‘']\s*)?(?:(?:completely|entirely|totally|"
                    rf"absolutely|simply)\s+)?(?:[“\"‘']\s*)?(?:{_FALSE_WORDS})\b", re.I)
_FIRST_PERSON_END = re.compile(r"(?:^|\s)(?:[Ww]e|I)\s+(?:(?:also|again|strongly|firmly|"
                               r"once again)\s+)?$")
# the calls that are also nouns, and what makes them one before them
_CALL_NOUNS = frozenset(("call for", "call on", "call upon", "calls for", "calls on", "demand",
                         "demands", "warning"))  # (and "The warning named no one")
_DETERMINER_END = re.compile(r"(?:\b(?:a|an|the|his|her|its|their|our|this|that|new|renewed|"
                             r"repeated)|['’]s)\s+$", re.I)
_NEGATED = _quick("acdhintpw", r"\b(?:(?:did not|didn't|has not|have not|had not|never)\s+"
                  # (a taking of land or people, a deployment denied, the verb right after:
                  # "Peru has not appropriated any territory"; not "had no choice but to
                  # deploy", "not only seized")
                  r"(?:been\s+)?(?:appropriat|annex|seiz|captur|encroach|intrud|abduct|kidnap|"
                  r"deploy|construct|involv|start|provok|initiat)\w*|"
                  r"(?:(?:took|taken|take|takes|taking|played|play|plays|playing|had|has|have) "
                  r"no|(?:did|do|does|will) not take|(?:is|are|was|were) not taking) part in\b)|"
                  r"\b(did not|didn't|has not|have not|had not|never|cannot|can't|could not|"
                  # (not "there can be no justification for shelling": a condemnation)
                  # (nor "individuals with no link to its government": what they are)
                  # (nor a forecast: "was not expected to harm the treaty")
                  r"not(?! to\b)(?! only\b)(?!\s+(?:expected|likely)\s+to\b)|"
                  # (nor a purpose: "on alert so that no Myanmar national could cross")
                  r"(?<!\bwith )(?<!\bso that )(?<!\bensure that )(?<!\bensure )"
                  r"(?<!\bmake sure )no(?!\s+(?:justification|excuse|reason|"
                  r"need|choice|alternative|option)\b)"
                  # (nor a vow in the passive: "no one will be allowed to enter")
                  r"(?!(?:\s+[\w-]+){1,3}\s+(?:will|would|shall)\s+be\s+(?:allowed|permitted|"
                  r"tolerated)\b)|"
                  r"none(?= of (?:its|their|our|his|her) ))\b"
                  # (not knowing is no denial: "could not confirm who had sent them")
                  r"(?!\s+(?:be\s+)?(?:independently\s+)?(?:confirm|verif|determin|establish|"
                  r"identif|say|know|specify|disclose|rule|exclud|clear)\w*\b)"  # (nor "cannot
                  # rule out", nor "it is not clear who fired first"; nor a vow: "would not
                  # allow its soldiers to be targeted")
                  r"(?!(?:(?<=will not)|(?<=would not)|(?<=shall not))\s+(?:allow|tolerate|"
                  r"permit|let)\b)"
                  # (nor what one has never seen the like of: "had not seen shelling like it")
                  r"(?!\s+(?:seen|witnessed|experienced|heard)\b[^.]{0,40}?\blike (?:it|this|"
                  r"that)\b)"
                  r"(?:[^.,;]{0,40}?\b(?:(?:cross|advanc|invad|attack|violat|occup|shell|breach|"
                  r"launch|conduct)\w*|carried out|carry out|"
                  r"enter|entered|ask|asked|send|sending|sent|fire|fired|firing|kill|killed|"
                  r"set foot|"  # ("have not set foot on Costa Rican soil")
                  r"target|targeted|targeting|bomb|bombed|strike|struck|harm|harmed|hit|"
                  r"been planned|"  # ("it had not been planned"; not "an attack not planned")
                  r"(?:accept|accepted) (?:[\w’'-]+ ){0,2}(?:protests?|claims?|accusations?|"
                  r"charges?|version|account|allegations?))\b|"
                  # (the verb left out, the question before it: "asked whether the military
                  # had sent the drones, the minister said it had not"; not "or not")
                  r"(?<=\b(?:did|had|has|was) not)\s*(?=[.;]|$)|"
                  # (a part denied: "have no relation to the launching of balloons")
                  r" (?:relation|involvement|connection|link|role|part) (?:to|with|in)\b)|"
                  r"\b(?:nothing to do with|not involved in|(?:is|are|was|were) not involved)\b|"
                  # (an act said not to have happened, or forces not to be there: "there was
                  # no incursion", "not a single Azerbaijani soldier was in Tavush")
                  r"\b(?:there (?:was|were|has been|had been) no|no)(?!\s+(?:justification|"
                  r"excuse|reason|need)\b)\s+(?:[\w-]+\s+){0,2}?"
                  r"(?:incursions?|intrusions?|attacks?|shelling|strikes?|clash(?:es)?|"
                  r"violations?|infiltrations?|provocations?|gunfire|shooting|fighting)\b|"
                  r"\b(?<!where )(?<!when )(?:not a single|no)\s+(?:[\w-]+\s+){0,2}?"
                  r"(?:soldiers?|troops|servicem[ae]n|"
                  r"units?|personnel)\s+(?:was|were|is|are|has been|have been|had been|"
                  r"remains?|remained)\s+(?:in|on|inside|present|stationed|deployed)\b|"
                  # (not "no Indian soldier was hurt": what the other side did not do)
                  # (a presence denied: "There is no Rwandan soldier in Goma", "has no troops
                  # in"; not "no soldiers at the post were wounded")
                  r"\b(?:there (?:is|are|was|were) no|(?:has|have|had) no) (?:[\w-]+ )?"
                  r"(?:soldiers?|troops?|forces|military presence|presence) (?:in|on|inside|at|"
                  r"near)\b|"
                  # (a base denied: "There is no Israeli headquarters in Erbil"; damage denied:
                  # "no American facilities or personnel had been hit"; an intent denied: "the
                  # alliance has no plans to intervene")
                  r"\bthere (?:is|are|was|were) no (?:[\w-]+ )?(?:headquarters|bases?|camps?|"
                  r"facilit(?:y|ies)|installations?) (?:in|on|at|near|here|there)\b|"
                  # ("No citizen of our friendly and brotherly neighbour Pakistan was
                  # targeted"; not "no one was hurt", what befell them)
                  r"\bno (?:[\w-]+ ){1,8}(?:had been|has been|have been|was|were) (?:hit|struck|"
                  r"damaged|harmed|targeted)\b|"
                  # (blame denied: "We are not the aggressor")
                  r"\b(?:am|is|are|was|were) not (?:the )?aggressors?\b|"
                  # (weapons denied: "no firearms were used at any point")
                  r"\bno (?:[\w-]+ )?(?:firearms|weapons|guns|live (?:fire|ammunition|rounds)|"
                  r"bullets|shots) (?:was|were|had been|have been|has been) (?:used|fired)\b|"
                  r"\b(?:has|have|had) no (?:plans?|intention) (?:to|of) (?:intervene|interven|"
                  r"interfer|invad|attack|strik|deploy|send|occup|annex|escalat|launch|retaliat|"
                  r"enter|cross|use force|go to war)",
                  re.I)
EVENTS = [
    ("appeal", r"\b(appeal\w*|invoke|request\w* (?:\w+ ){0,2}(?:military )?(?:support|"
               r"assistance|aid|help)|asked (?:both )?(?:\w+ ){0,3}to help|ask for (?:\w+ ){0,2}"
               r"(?:aid|assistance|support|help)|military (?:support|aid|assistance))\b"),
    # (crossing as what troops do, not a border crossing's name: "the Torkham crossing")
    ("incursion", r"\b(advanc\w*|crossed|cross into|crossing (?=into|over|the|through)|"
                  r"push(?:ed|es|ing)? (?:deep )?into|"
                  r"incursion\w*|invad\w*|occupied|breach\w*|"
                  r"(?<!, )across the border(?!,)|into (?:[\w-]+ ){0,2}territory|sending troops|"
                  r"entered (?:[\w-]+ ){0,2}(?:territory|waters|airspace)|transgress\w*|"
                  r"intru(?:sions?|ded|ding)|"
                  # (troops who entered a place: "Nicaraguan troops landed on Isla Calero")
                  r"(?:troops|forces|soldiers|servicemen|units|gendarmes|marines|sailors) "
                  r"(?:had |have |has |reportedly )?(?:entered|landed on|landed at)|"
                  r"encroach\w*|violat(?:ed|ing) (?:\w+ ){0,2}(?:territory|airspace|border)|"
                  r"violations? of (?:\w+ ){0,2}(?:territory|airspace|border)|"
                  # (land taken: an incursion; a water point or a man seized: "other")
                  r"seiz(?:e|ed|ing) (?:\w+ ){0,2}(?:land|territory|villages?|heights?|towns?|"
                  r"area|(?:oil ?)?fields?|positions?|posts?)|"
                  # (a place taken: "captured Heglig", "took control of the area"; not
                  # "captured 32 people", "an Armenian soldier", "footage", "the situation":
                  # a capital letter, whatever the pattern's case, then no people)
                  r"(?:captur|recaptur)(?:e|ed|ing) (?:the )?(?:(?-i:[A-Z])\w+\b(?! (?:soldiers?|"
                  r"troops|fighters|officers?|citizens?|nationals?|servicemen))|"
                  r"(?:\w+ ){0,2}(?:towns?|villages?|area|city|(?:oil ?)?fields?|positions?|"
                  r"posts?|bases?|hills?|heights?|territory|land))|"
                  r"(?:took|taken|taking|seized|seize) (?:full )?control of (?:the )?"
                  r"(?:(?-i:[A-Z])\w+|(?:\w+ ){0,2}(?:towns?|villages?|area|city|(?:oil ?)?fields?|"
                  r"positions?|posts?|bases?|hills?|heights?|territory|land|crossing|region|"
                  r"district)))\b"),
    ("withdrawal", r"\b(withdr[ae]w\w*|withdrawal|pull(?:ed|ing)? (?:back|out)|left some)\b"),
    # (attacked, the act: "the attack" tells again of what was said before it)
    # (and at sea: "rammed and boarded Philippine navy boats")
    # (and "committed large-scale provocations", as defence ministries put an attack)
    ("clash", r"\b(clash\w*|fighting|firefight|skirmish\w*|armed conflict|ramm(?:ed|ing)|"
              r"committed (?:[\w-]+ ){0,2}provocations?|"
              r"exchanged (?:\w+ ){0,2}(?:gun)?fire|exchanges? of (?:\w+ ){0,2}(?:gun)?fire|"
              r"attack(?:ed|ing)|"
              r"gunfights?|gun battles?|"
              # (force used on people at a border: "used water cannon and tear gas against
              # migrants")
              r"tear gas|water cannons?|stun grenades?|"
              r"ambush(?:ed|ing)|(?:repell?(?:ed|ing)?|repuls(?:ed|ing)) (?:an? |the )?"
              r"(?:[\w-]+ ){0,2}(?:attacks?|assaults?|incursions?|offensives?|troops|forces|"
              r"soldiers|units|fighters|militants|raids?|attempts?)|"
              r"launch(?:ed|ing) (?:an? |the )?(?:\w+ )?(?:attack|assault|offensive))\b"),
    # (fire at someone, as "fired" alone may be a dismissal: "fired the commander")
    # (and from the air: "air strikes", "to strike military targets", "bombed")
    ("shelling", r"\b(shell\w*|artillery|mortar\w*|opened fire|gunfire|shooting|"
                 r"launch(?:ed|ing) (?:\w+ ){0,2}(?:missiles?|rockets?|strikes?|"
                 r"airstrikes?|shells?)|fired (?:on|at|"
                 r"upon|into|across|towards?|near|(?:[\w-]+ ){0,2}(?:shots|rockets?|missiles?|"
                 r"shells?|grenades?|rounds|bullets|rifles?|guns?))|came under (?:\w+ )?fire|"
                 r"(?:fired|firing|opened fire|opening fire) first|shot down|"
                 r"(?:downed|shooting down) (?:\w+ ){0,4}(?:drones?|aircraft|"
                 r"planes?|jets?|helicopters?)|"
                 r"(?:air|military|missile|drone|rocket|artillery|precision) ?strikes?|"
                 r"strik(?:e|es|ing) (?:\w+ ){0,2}targets|"
                 r"(?:struck|target(?:ed|ing)) (?:\w+ ){0,3}(?:targets|positions|posts|sites|"
                 r"locations|camps|villages|areas|civilians|bases|hideouts)|"
                 r"(?:struck|attacked|targeted) (?-i:[A-Z])\w+|"  # ("India struck Muridke")
                 r"(?:rockets?|shells?|missiles?|mortars?|drones?) (?:had )?(?:fell|landed|"
                 r"hit|struck|exploded)|"
                 r"bomb(?:ed|ing|ings|ardment))\b"),
    ("casualties", r"\b(killed|wounded|injured|dead|casualt\w*|died|death toll)\b"),
    # (not the verb: "to exercise maximum restraint", "exercise its rights")
    ("exercise", r"\b((?<!\bto )exercises?(?! (?:maximum |utmost |the utmost |its |their |his |"
                 r"her |our |the right|restraint|caution|sovereignty|rights?\b))|drills?|"
                 r"manoeuvres|maneuvers)\b"),
    # (troops that "faced off" do something; "the border standoff" names the background)
    ("deployment", r"\b(deploy\w*|stationed|took up (?:new )?positions|reinforce\w*|"
                   r"fac(?:ed|ing|e) off)\b"),
    ("talks", r"\b(talks|negotiat\w*|met|meeting|phone call|by phone|discuss\w*|mediation|"
              r"spoke|phone calls)\b"),
    # what else an incident does to people and places: burned, looted, evacuated, detained
    ("other", r"\b(burn(?:ed|ing|t)|burned-out|set on fire|loot\w*|destroy\w*|damag(?:ed|ing)|"
              r"board(?:ed|ing) (?:\w+ ){0,3}(?:boats?|ships?|vessels?)|"
              r"mined (?:the )?(?:\w+ ){0,2}(?:roads?|routes?|paths?|fields?)|"
              r"evacuat\w*|fled|displaced|detain\w*|arrest\w*|abduct\w*|kidnap\w*|"
              r"seiz(?:e|ed|ing|ure)|"
              # (and what states do to each other over an incident: "closing its airspace to
              # all air traffic coming from Mali", "broke off relations", "recalled their
              # ambassadors", "expelled two diplomats")
              r"clos(?:e|es|ed|ing|ure of) (?:\w+ ){0,2}(?:airspace|border|crossings?|frontier)|"
              r"(?:broke|break|breaks|breaking) off (?:\w+ ){0,2}(?:relations|ties)|"
              r"sever(?:ed|s|ing)? (?:\w+ ){0,2}(?:relations|ties)|"
              r"recall(?:ed|s|ing)? (?:\w+ ){0,3}(?:ambassadors?|envoys?)|"
              r"expel(?:led|s|ling)? (?:\w+ ){0,3}(?:diplomats?|ambassadors?|envoys?))\b"),
]
# One pattern for all: the leftmost match wins, and at one place the earlier event listed.
EVENT_RX = _quick("abcdefgiklmnoprstvw",
                  "|".join(f"(?P<{e.replace('-', '_')}>{rx})" for e, rx in EVENTS), re.I)
# ... and these, as most sentences name no event, say nothing, hedge nothing and caption no
# photo, found by their leading words (keyed.py): the same matches, several times faster
_EVENT = Keyed(EVENT_RX)
# As in places.py: a capitalised word starts at a word start and is at most 40 characters,
# so that "A-A-A-..." is read in linear time.
_ACTOR = _quick("A-Zabcfgmnopstuw", r"\b(?P<who>"
                # ("troops of the People's Liberation Army": the army's)
                r"(?:troops|forces|soldiers|units) of (?:the )?[A-Z][\w’'.-]{0,40}"
                r"(?: [A-Z][\w’'.-]{0,40}){0,3}(?: (?:armed forces|army|military|forces))?|"
                # (a side's word, not an article: "The military said" is the speaker)
                # (two words where a side takes two: "North Korean soldiers")
                r"(?:(?<![\w’'.-])(?!(?:The|A|An|Its|Their|Our|This|That) )"
                r"(?:(?:North|South|East|West|Northern|Southern|Equatorial|Central|Sri|Costa|"
                r"Sierra|Saudi|Papua New) )?[A-Z][\w’'.-]{0,40} "  # ("Equatorial Guinean")
                r"(?:border )?)?"
                r"(?:troops|forces|armed forces|soldiers|units|border guards|fighters|"
                r"militants|militiamen|militias?|gunmen|servicemen|"
                r"(?<!which )(?<!that )(?<!who )patrols?|paratroopers|"
                r"snipers|peacekeepers|coast guard(?: ships| vessels)?|navy|warships|"
                # (not what was struck: "Cambodian military targets", "Syrian army posts")
                r"army(?! (?:targets?|positions?|posts?|sites?|installations?|bases?|"
                r"facilit\w+|vehicles?|depots?))|"
                r"military(?! (?:aid|support|assistance|help|base|bases|cooperation|ties|"
                r"targets?|positions?|posts?|sites?|installations?|facilit\w+|vehicles?|"
                r"strikes?|operations?))|"
                r"officers|military officials|"
                r"commanders|negotiators)|"
                # (fire "from the Venezuelan side of the border": that side's)
                r"(?<=from the )[A-Z][\w’'.-]{0,40} side(?= of the (?:border|frontier))|"
                # (an act or its arms named with a side: "Indian shelling", "Israeli drones")
                r"(?<![\w’'.-])(?:(?:North|South) )?[A-Z][\w’'.-]{0,40} (?:shelling|fire|strikes|"
                r"airstrikes|drones|"
                r"aircraft|jets|warplanes|helicopters|tanks|artillery|mortar fire|gunfire|"
                r"shells|rockets|missiles|ships|vessels|boats))\b")
# (none of its matches holds a line break, a comma, a colon, a bracket or a quotation mark,
# and each holds one of these words: read in the pieces between those that hold one)
_ACTOR_NOUNS = re.compile(trie("""troops forces soldiers units army guards military officers
commanders negotiators fighters militants militia gunmen servicemen patrol paratroopers snipers
peacekeepers shelling fire strikes drones aircraft jets warplanes helicopters tanks artillery
shells rockets missiles guard navy warships ships vessels boats side""".split()))
_ACTOR_SEPS = "\n,;:()“”\""
_OWNED = re.compile(r"\b(?:[Ii]ts|[Tt]heir|our) $")
# one of many, of no side of their own words ("One security official", "Another source") ...
_ONE_OF = re.compile(r"(?:[Oo]ne|[Aa]nother)\s(?:[a-z]+\s){0,2}(?:official|source|officer|"
                     r"diplomat|commander)$")
# ... and the many, named by their side's word in the sentence or two before ("Israeli
# officials", "Egyptian security sources")
_MANY_NAMED = re.compile(r"\b(?P<adj>[A-Z][\w’'-]+)\s(?:[a-z]+\s){0,2}(?:officials|sources|"
                         r"officers|diplomats|commanders)\b")
_ONE_OF_BACK = 300
# a body's officer by the body's pronoun, then by name ("Its commander, Italian Major General
# Angelo Michele Ristuccia")
_ITS_ROLE_NAMED = re.compile(r"(?:Its|Their) (?P<role>[a-z]+(?: [a-z]+)?), (?P<name>[^,]{3,80})$")
_HIS = re.compile(r"\s*(?:His|Her) ")
_NAMED_BEFORE = 400  # (characters: about the sentence before)
# a statement the speaker issued ("In a statement posted on Facebook, ... said"; not "Asked
# about the statement, ... said")
_STATED = re.compile(r"\b(?:in|issued|released|published|put out) (?:a|an|its|their|his|her)"
                     r" (?:[\w-]+ )?statement\b|\bstatement (?:posted|issued|released|"
                     r"published)\b", re.I)
_POSTED_IN = re.compile(r"\b(?:ambassador|envoy|high commissioner|charg[eé] d'affaires|consul|"
                        r"attach[eé])s? (?:in|at) $", re.I)  # (a person: an embassy may be hit)
_GROUP_OWNS = re.compile(r"(?:(?:armed|rebel|militant|insurgent|separatist) )?(?:group|"
                         r"movement|militia|rebels|insurgents)['’]s? ")
_OWNED_BY = re.compile(r"\bthe (?:group|movement|militia|organi[sz]ation|rebels|insurgents)"
                       r"['’]s? $")
# "several kilometers into", "3 km inside": a depth, read as its upper reading
_DEPTH = re.compile(r"\b(?P<n>several|a few|a couple of|\d+(?:\.\d+)?|one|two|three|four|five|"
                    r"six|seven|eight|nine|ten)[ -](?:kilomet(?:er|re)s?|km)\s+(?:deep\s+)?"
                    r"(?:into|inside|past|beyond|across)\b", re.I)
_DEPTH_WORDS = {"several": 5.0, "a few": 3.0, "a couple of": 2.0, "one": 1.0, "two": 2.0,
                "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0, "eight": 8.0,
                "nine": 9.0, "ten": 10.0}
_TERRITORY = re.compile(r"(?<![\w’'-])(?P<adj>[A-Z][\w’'-]{0,40}) (?:sovereign )?"
                        r"(?:territory|soil|airspace|territorial waters|border areas|"
                        r"side of the frontier|side of the border)\b")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|St|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|"
                     r"Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|Inc|Ltd|Co|Ave|Amb|Adm|Capt|Maj|Sgt|"
                     r"Cpl|Pvt|Brig|Prof|Pres|Sr|Jr|Rev|Hon|Dept|Mt|Ft|Gens|Cmdr|Lt\. Col|"
                     r"[ap]\.m)|\b[A-Z]|(?:[A-Z]\.)+[A-Z])$")
# (and after a photo caption's date run into the next sentence, as scraped pages give it:
# "... at the Kremlin, April 7, 2021 Prime Minister Nikol Pashinian telephoned ...")
# Every cut begins with a closing sign or a space, read first so that ``re`` scans for it
# in C; what must come before it is asserted after it.
_SPLIT = re.compile(r"[”\"’')\s]"  # (and a quotation in single quotes: '...,' he said.)
                    rf"(?:(?<=[.!?][”\"’')])\s+(?=[“\"‘'(]?[{UPPER}0-9])"  # (after a full stop)
                    rf"|(?<=[.!?]\s)\s*(?=[“\"‘'(]?[{UPPER}0-9])"
                    r"|(?<=\n)\s*\n"  # (a blank line)
                    r"|(?<=\n)(?=[ \t]*[-*•][ \t])"  # (a line that opens with a bullet)
                    # (a line that opens with a dateline: "...in its airspace\nTALLINN — ")
                    r"|(?<=\n)(?=[ \t]*[A-Z][A-Z'’.]{2,30}(?:[ -][A-Z][A-Z'’.]{0,30}){0,3}"
                    r"(?:/[A-Z][A-Z /'’.-]{0,40})?(?:,|:\s| [-–—]{1,2}\s))"
                    r"|(?<=\d, [12]\d\d\d )(?=[A-Z][a-z]))")
# a church's bodies, which speak ("The Serbian Orthodox Diocese of Raska-Prizren said")
_CHURCH_BODIES = frozenset("diocese archdiocese eparchy patriarchate church".split())
ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson minister ministry president premier
office government officials official side secretary department council palace commander
commanders military army forces leader leaders parliament statement readout negotiators
prime deputy foreign defense defence general envoy embassy authorities presidency
administration border service services guard guards health interior ministry army
agency counterpart committee command officer officers police media television spokesperson
chief force peacekeepers peacekeeping mission sources source witnesses witness residents
resident villagers locals governor mayor ombudsman ambassador staff chiefs troops panel
commission commissioner delegation tribunal court chancellor unit mukhtar headman negotiator
representative delegate director member members lawmaker lawmakers legislator legislators
mp mps head chairman chairwoman chairperson prefect wali administrator coordinator
coordinators bloc speaker center centre bureau""".split()) | _CHURCH_BODIES
# armed groups and outside observers, named in a speaker's phrase ("Tuareg rebels of the ...
# said", "U.N. experts estimated") but, unlike an official, of no side the dateline can give
GROUP_NOUNS = frozenset("""rebels insurgents militants fighters experts investigators monitors
observers analysts ministers ambassadors diplomats correspondent correspondents reporter
reporters journalists bloggers activist activists herders fishermen traders shopkeepers
workers doctors doctor nurses nurse medics medic refugees refugee elders rebel alliance
separatists separatist militia militias guerrillas guerrilla herder farmer farmers fisherman
shepherd shepherds trader shopkeeper breeder breeders notable notables group organization
organisation watchdog charity driver drivers truckers transporters hauliers man woman men women
mother father villager student students teacher teachers migrant migrants relatives families
neighbours neighbors association""".split())
# (and several states' envoys; and people of a place, who speak for it: _LOCAL)
# words that may stand inside a title: "Kyrgyzstan's security chief", "caretaker Prime Minister"
MODIFIERS = frozenset("""security caretaker interim acting former senior top regional state
parliamentary
state-run state-backed national federal provincial local military army naval
intelligence diplomatic news coast transitional military-led external affairs home facto
de-facto breakaway separatist self-proclaimed information finance justice energy water
petroleum trade transport press paramilitary elite special armed semi-official state-owned
self-declared customs emergency emergencies policy communications communication education
agriculture economy labour labor tourism environment culture infrastructure mining industry
fisheries executive""".split())
_ROLES = ROLE_NOUNS | TITLES
_SPEAKER_NOUNS = ROLE_NOUNS | GROUP_NOUNS
_TITLE_WORDS = _ROLES | MODIFIERS | {"of"}
_REQUESTS = frozenset(REQUEST.split("|"))
_PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are)\s+$")
_EMBEDDED = re.compile(r"\b(?:which|what)\s+(?:it|he|she|they)\s+$")
SKIP_BEFORE_VERB = frozenset("""also again has have had then later earlier still further now
already since will would could did does do not only reportedly formally repeatedly publicly
officially previously here there once nevertheless nonetheless however meanwhile instead""".split())
PRONOUNS = {"he": "person", "she": "person", "it": "group", "they": "group"}
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)  # ("Monday|Tuesday|...")
_MONTH = "|".join(month.capitalize() for month in MONTHS)  # ("January|February|...")
_DATE_PREFIX = re.compile(r"^(?:(?:Earlier|Later|Late|Also|Meanwhile)\s+)?(?:[Oo]n\s+)?"
                          rf"(?:{_WEEKDAY})"
                          r"(?:\s+(?:night|morning|evening))?(?:,\s*|\s+(?=(?:the|a|an)\s))")
# (and with no comma before the speaker: "On Monday the foreign ministry said")
_ADDRESSEE = re.compile(r"\b(?:appealed to|appeals to|wrote to|written to|asked|ask|"
                        r"asked both|turned to|spoke with|called|telephoned|thanked|reminded|"
                        r"warned)\s+"
                        r"(?:both\s+)?(?:the\s+)?$")
_PARTICIPLE = ("calling", "urging", "saying", "warning", "accusing", "claiming", "adding",
               "insisting", "demanding", "denying", "rejecting", "refuting")
SPECIFIC = {"settlement": 0, "water": 0, "landmark": 0, "mountain": 0, "military-site": 0,
            "border-crossing": 0, "pass": 0, "valley": 1, "river": 1, "admin2": 1, "admin1": 1,
            "region": 2, "country": 3}


@dataclass
class _Speaker:
    name: str
    side: str
    person: bool
    quoted: bool = False  # whether the sentence they spoke in held a quotation
    stated: bool = False  # ... and spoke of a statement ("in a statement", "a statement said")
    gender: str = ""  # "she" or "he", where the sentences they spoke in told which

    def fits(self, pronoun: str) -> bool:
        """Whether "he" or "she" may mean this speaker: not one their words call a woman
        ("spokeswoman", "Ms") or a man ("spokesman", "Mr"), nor one their sentences did
        ("Gonzalez Laya said Moroccan authorities had assured her": not "he" next)."""
        if self.gender and pronoun in ("he", "she"):
            return pronoun == self.gender
        words = set(_LOWER_WORDS.findall(self.name.lower()))
        woman, man = bool(words & _WOMAN), bool(words & _MAN)
        return {"she": woman or not man, "he": man or not woman}.get(pronoun, True)


_LOWER_WORDS = re.compile(r"[a-z]+")
# who protests: a capitalised name or a body right before the verb ("Japan protests",
# "the ministry protests")
_PROTESTER = re.compile(r"(?:[A-Z][\w’'-]*|ministry|government|embassy|army|office) $")
_WHAT_SAYS = re.compile(r"\b[Ww]hat (?:[\w’'-]+ ){1,4}(?:is|was|are|were|has been) $")
_CAPPED_BEFORE = re.compile(rf"(?<![\w’'-])(?!(?:The|A|An) )[{UPPER}][\w’'-]* $")
# "the army", "the military": a state's army the report named by another name before ("the
# Guyana Defence Force", "the Sudanese Armed Forces"; not "the Rapid Support Forces")
_ARMY_WORDS = frozenset(("army", "military"))
# a sentence whose subject is a statement of one it names ("A statement attributed to the
# BLF and circulated on ... acknowledged", "A video posted by the group showed")
_STATEMENT_BY = re.compile(r"\s*(?:[Aa]n?|[Tt]he) (?:statement|communiqu[ée]|message|video|"
                           r"post|letter|audio message|recording) (?:attributed to|issued by|"
                           r"signed by|posted by|released by) (?P<who>(?:the )?[A-Z][\w’'&.-]*"
                           r"(?: [A-Z][\w’'&.-]*){0,5})\b(?:$|[ ,](?:and |which )?(?:[a-z]+ed|"
                           r"posted|sent|shared)\b)")
# forces named by no country ("the armed forces", "the army"), and a defence office's role
_ARMED_ALONE = re.compile(r"(?:the )?(?:armed forces|army|military|defen[cs]e forces)", re.I)
_DEFENCE_ROLE = re.compile(r"\b(?:[Dd]efen[cs]e [Mm]inister|[Mm]inister of (?:[Nn]ational )?"
                           r"[Dd]efen[cs]e|[Aa]rmy [Cc]hief|[Cc]hief of (?:the )?(?:[Gg]eneral "
                           r"|[Aa]rmy )?[Ss]taff|[Mm]ilitary [Ss]pokes(?:man|woman|person))\b")
_ARMY = re.compile(r"\b(?:Army|Military|Armed Forces|Defen[cs]e Forces?)\b", re.I)
_CAPPED_WORD = re.compile(r"[A-Z][\w’'-]+")
_WOMAN = frozenset("""spokeswoman chairwoman congresswoman councilwoman businesswoman woman
mother wife ms mrs madam madame mme""".split())
_MAN = frozenset("spokesman chairman congressman councilman businessman man father husband mr "
                 "sir".split())
_WHERE_FIRST = re.compile(r"\s*(?:In|At|From) (?:the )?(?:[a-z]+ )?[A-Z][\w’'-]{0,30}"
                          r"(?: [A-Z][\w’'-]{0,30}){0,2}(?: region| province| district)?, ")


_QUOTE = re.compile(r"“[^”“\n]*”|\"[^\"\n]*\"")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside curly or straight double quotes (a quote ends with its paragraph)."""
    if '"' not in text and "“" not in text:
        return []  # (as most sentences: two looks, not a pattern at every position)
    return [m.span() for m in _QUOTE.finditer(text)]


_CLOSING = re.compile(r"[”\"’')]*")
# Every cut begins right after a full stop, a question or an exclamation mark, at a line
# break, or at the space after a caption's ", 2021": these, far rarer than spaces, are
# found first and ``_SPLIT`` is tried only there (tests/test_extract_speed_sentences.py
# compares the cuts with ``_SPLIT.finditer``'s)
_CUT_HINT = re.compile(r"[.!?](?=[”\"’')\s])|\n|, [12]\d\d\d ")


def _cuts(text: str):
    """The matches of ``_SPLIT.finditer(text)``, found from ``_CUT_HINT``'s."""
    pos = 0
    for hint in _CUT_HINT.finditer(text):
        found = hint.group()
        # (the cut is tried at the line break, after the sign, or at the year's space)
        at = hint.start() if found == "\n" else hint.end() - (found[0] == ",")
        if at < pos:
            continue  # (inside the cut before, or tried already)
        m = _SPLIT.match(text, at)
        if m:
            yield m
            pos = m.end()


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations (U.S., Gen., N.W.) do not end one, and
    neither does a full stop inside a quotation."""
    out, start = [], 0
    quotes = _quote_spans(text)
    quote_starts = [a for a, _ in quotes]
    for m in _cuts(text):
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


# (its letters after the capital any but capitals: "Władysław"; and a double name:
# "Kosiniak-Kamysz")
_LOW = r"[^\W\dA-Z_]"
_NAME_WORD = rf"[{UPPER}]{_LOW}+(?:[’'-][A-Z]?{_LOW}*)?"
# (the capital read first and "no letter before it" asserted after: a scan in C)
# (and an Arabic name's particles inside it: "Hamad bin Isa Al Khalifa")
_NAME = re.compile(rf"[{UPPER}](?<!\w.){_LOW}+(?:[’'-][A-Z]?{_LOW}*)?"
                   rf"(?: (?:(?:bin|bint|ibn|abu) )?(?:al-|el-)?{_NAME_WORD}){{1,8}}\b")
_NAME_PARTICLES = frozenset(("bin", "bint", "ibn", "abu"))
_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]{2,3}|[A-Z]\.) $")
_TITLED = frozenset(f(w) for w in ROLE_NOUNS | TITLES for f in (str.capitalize, str.title))
_HONORIFIC_WORDS = frozenset("datuk dato' dato’ dato seri sri tan puan toh datin dr".split())
_HONORIFIC_PAIRS = frozenset((("Tan", "Sri"), ("Puan", "Sri"), ("Toh", "Puan"), ("Dato'", "Sri"),
                              ("Dato’", "Sri")))


def _person_names(text: str):
    """Two or three capitalised words that are not titles: "Nikol Pashinian"; from a run
    such as "French President Emmanuel Macron" the words after the last title."""
    for m in _NAME.finditer(text):
        words = m.group().split(" ")
        # the name follows the last title ("French President Emmanuel Macron"); most runs
        # have none, and are the name as they stand
        # (a run's last word is no title: "Senate President Hun Sen", not "Sen." a senator)
        skip = 0 if _TITLED.isdisjoint(words[:-1]) else \
            max(i + 1 for i, w in enumerate(words[:-1]) if w in _TITLED)
        while skip < len(words) - 2 and (tuple(words[skip:skip + 2]) in _HONORIFIC_PAIRS or
                                         skip and words[skip] in ("Seri", "Sri", "Dr")):
            # (a Malaysian honorific is a title too: "Datuk Seri Najib Tun Razak", "Tan Sri
            # Ismail Omar")
            skip += 1 if words[skip] in ("Seri", "Sri", "Dr") else 2
        named = sum(w not in _NAME_PARTICLES for w in words[skip:])
        start = m.start() + sum(len(w) + 1 for w in words[:skip])
        # (and initials before it: "Prime Minister KP Sharma Oli", "General MM Naravane")
        initials = _INITIALS_BEFORE.search(text, max(0, start - 8), start) if not skip and \
            named <= 3 else None
        if initials:
            yield initials.start(), m.end(), text[initials.start():m.end()]
        elif 2 <= named <= 3 or 2 <= named <= 4 and len(words) - skip > named:
            yield start, m.end(), " ".join(words[skip:])


# (not across a line, a byline; nor across a sentence's end, but for a title's abbreviation:
# "Gen. Oleksandr Syrskyi")
_TITLE_END = re.compile(r"(?:\.(?<!\bGen\.)(?<!\bCol\.)(?<!\bGov\.)(?<!\bSen\.)(?<!\bMaj\.)"
                        r"(?<!\bCapt\.)(?<!\bSgt\.)(?<!\bAdm\.)(?<!\bRep\.)(?<!\bMr\.)"
                        r"(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bLt\.)|[;:!?])\s|\s-+\s|[“”\"]|\n")
_APPOSITIVE_AFTER = re.compile(r"\s*(?:\([A-Z]\))?,\s*(?P<a>(?:[^.;]|(?<=\b[A-Z])\.)+)")


# (the patterns of the rules below, compiled once: ``re.match(str, ...)`` looks each up in
# ``re``'s cache at every call)
_ROLE_AFTER = re.compile(r"(?:an? |the |[A-Z][\w’'-]{1,30}['’]s |"  # (and "Morocco's minister of")
                         r"(?=(?:spokes(?:wo)?man|spokesperson|head|chief|commander|"
                         r"director|deputy|secretary(?:[- ]general)?|ambassador|governor|mayor|"
                         r"adviser|envoy)"
                         r" (?:for|of|to) ))(?P<t>[^,]+)")  # (", spokeswoman for ...,")
_ROLE_HEAD = re.compile(r" (?:of|for|to|in|at) ")
_CAPTION_HEAD = re.compile(r"(?P<c>[A-Z][\w ]+?)\s+-+\s+$")


def _people(text: str, extra_sides: dict[str, str],
            titled: dict[str, str] | None = None,
            names: list | None = None) -> dict[str, tuple[str, str]]:
    """Surname key -> (full description, side) for people introduced with their role.

    "Armenian Prime Minister Nikol Pashinian" -> pashinian: (that phrase, AM);
    "Kremlin spokesman Dmitry Peskov" -> peskov: (..., RU). Those whose role names no side
    ("Defence Minister Vladimir Padrino") go into ``titled``: surname -> description.
    """
    people: dict[str, tuple[str, str]] = {}
    given: dict[str, list] = {}
    titled_given: dict[str, list] = {}  # (the same, of people titled with no side)
    # (the surnames each first word of a name goes with: "Kim Yong-hyun" and "Kim Yo Jong"
    # share "Kim", which then means neither)
    firsts: dict[str, set[str]] = {}
    lasts: set[str] = set()  # (every name's last word: no one's family name said alone)
    found = []
    for start, end, name in _person_names(text) if names is None else names:
        firsts.setdefault(name_key(name.split()[0]), set()).add(
            name_key(strip_possessive(name.split()[-1])))
        lasts.add(name_key(strip_possessive(name.split()[-1])))
        if any(w.lower() in COMMON for w in name.split()) or \
                name_key(strip_possessive(name.split()[-1])) in extra_sides or \
                side_terms().get(name_key(strip_possessive(name)), ("", "person"))[1] != \
                "person":
            continue  # "Support For Armenia" is a headline, not a person; nor is a group
            # of sides.csv ("Jaish al-Adl, the Sunni militant group that ...")
        last = text[max(0, start - 30):start].split()[-1:]
        if not (last and (last[0][:1].isupper() or last[0].rstrip(",").lower() in
                          _TITLE_WORDS)) and text[end:end + 90].lstrip()[:1] not in ",(":
            continue  # (no title before it and none after it: as most names, at a glance)
        # the title is the run of capitalised words and role nouns just before the name
        before = _TITLE_END.split(text[max(0, start - 90):start])[-1]
        kept: list[str] = []
        for w in reversed(before.split()):
            if w == "the" and kept and kept[0][:1].isupper():
                kept.insert(0, w)  # ("Press secretary of the President Erbol Sultanbaev")
                continue
            if not (w[:1].isupper() or w.rstrip(",").lower() in _TITLE_WORDS):
                break
            if w.endswith(",") and kept and w[:-1].lower() not in TITLES:
                break  # ("In a televised address on Friday, Kyrgyz President ..."; but
                # "Qatar's emir, Sheikh Hamad bin Khalifa Al Thani" is the emir)
            kept.insert(0, w)
        day = max((i for i, w in enumerate(kept) if w.rstrip(",") in _DAY_NAMES), default=-1)
        kept = kept[day + 1:]  # (not "On Monday President Recep Tayyip Erdoğan"'s day)
        while kept and kept[0] in ("the", "of"):
            kept.pop(0)
        desc = _ARTICLE.sub("", " ".join(kept).strip(" ,"))  # ("The Armenian ombudsman, ...")
        words = desc.lower().replace(".", "").split()  # ("Gen. Oleksandr Syrskyi")
        while words and words[-1] in _HONORIFIC_WORDS:
            words.pop()  # (the role before a Malaysian honorific: "Prime Minister Datuk Seri")
        after = text[end:end + 90]
        appositive = _APPOSITIVE_AFTER.match(after)
        # a person's name comes right after the title: "... Prime Minister Nikol Pashinian";
        # or the title after the name: "Ned Price, a U.S. State Department spokesman"
        if not words or not (words[-1] in _ROLES or desc.endswith("of State")):
            role = _ROLE_AFTER.match(appositive["a"]) if appositive else None
            if not role or not {role["t"].split()[-1].lower(), _ROLE_HEAD.split(
                    role["t"], 1)[0].split()[-1].lower()} & _ROLES:
                continue  # (its last word or the one before "of": "minister of state for
                # human rights")
            desc = role["t"]
        at = text.rfind(desc, max(0, start - 100), start) if desc else start
        at = start if at < 0 else at
        found.append((at, desc, name, appositive["a"] if appositive else ""))
    # the side from the title ("Armenian Prime Minister ..."); failing that, from a country
    # that heads a caption ("Armenia - Deputy Prime Minister Tigran Avinian ...")
    for _start, desc, name, appositive in found:
        # (what follows the name's comma says who they are only as a role: ", a U.S. State
        # Department spokesman", not ", said Armenian forces shelled Lachin")
        side = side_in(desc, extra_sides) or (
            side_in(appositive.split(",")[0], extra_sides) if _ROLE_AFTER.match(appositive)
            else "")  # (the role itself: not ", the head of ..., said Eritrean troops ...")
        surname = name_key(strip_possessive(name.split()[-1]))
        # (a family name with its article is also said without: "Abdel Fattah al-Burhan"
        # ... "Burhan told the soldiers")
        bare = surname[3:] if surname.startswith(("al ", "el ")) else ""
        if not side and titled is not None:
            titled.setdefault(surname, f"{strip_possessive(name)}, {desc}")
            if bare:
                titled.setdefault(bare, titled[surname])
            # (and by the first name, as a Thai's given name: "Foreign Minister Parnpree
            # Bahiddha-Nukara ... Parnpree said"), where no one else has it
            if " " in name.strip():
                titled_given.setdefault(name_key(name.split()[0]), []).append(
                    titled[surname])
        # (and by the word before the last, a Spanish or Portuguese first family name:
        # "Vladimir Padrino Lopez" ... "Padrino said"), where no one else has it
        parts = strip_possessive(name).split()
        paternal = name_key(parts[-2]) if len(parts) >= 3 and parts[-2][:1].isupper() \
            else ""
        paternal = "" if paternal in lasts or paternal in firsts else paternal
        if side and surname not in people:
            people[surname] = (f"{strip_possessive(name)}, {desc}", side)
            if bare:
                people.setdefault(bare, people[surname])
            # (and by the first name, as a family name comes first in Chinese, Korean,
            # Hungarian names: "Zhao Lijian" ... "Zhao said"), where no one else has it
            first = name_key(name.split()[0])
            given.setdefault(first, []).append(people[surname])
            if paternal:
                given.setdefault(paternal, []).append(people[surname])
        elif not side and titled is not None and paternal:
            titled_given.setdefault(paternal, []).append(titled[surname])
    for start, desc, name, _ in found:
        surname = name_key(strip_possessive(name.split()[-1]))
        head = text[max(0, start - 40):start]
        # (a caption's dash ends what comes before the name: looked at before the pattern)
        caption = _CAPTION_HEAD.search(head) if head.rstrip().endswith("-") else None
        side = side_in(caption["c"], extra_sides) if caption else ""
        if side and surname not in people:
            people[surname] = (f"{name}, {desc}", side)
    for first, who in given.items():
        if len(who) == 1 and first not in people and first not in extra_sides and \
                len(firsts.get(first, ())) <= 1:
            people[first] = who[0]
    for first, named in titled_given.items():
        if titled is not None and len(set(named)) == 1 and first not in people and \
                first not in titled and first not in extra_sides and \
                len(firsts.get(first, ())) <= 1:
            titled[first] = named[0]
    return people


# Between a speaker and the verb: when ("India on Tuesday called on ...", "late on
# Thursday") and an aside (", in a statement,")
_WHEN_BEFORE_VERB = re.compile(
    # (one run of blanks before each word: three optional runs in a row took cubic time)
    r"(?:\s+(?:(?:late|early|earlier|later)\s+)?(?:(?:on|last|this)\s+)?(?:"
    rf"{_WEEKDAY}|today|yesterday)(?:\s+(?:night|morning|"
    r"evening|afternoon))?|\s+(?:(?:earlier|later)\s+)?(?:this|last)\s+(?:week|month)|"
    # (and where they are said aside: "Fuad Hussein, also in Switzerland, said"; "...,
    # speaking in Davos, where he is attending the World Economic Forum, said")
    r",\s*(?:(?:also|still|now|then)\s)?(?:in|on|at|during|after|via|through|citing|quoting|"
    # (and a longer one, of no brackets nor one it is by: "..., in a phone call with the
    # Islamic Emirate's acting foreign minister Amir Khan Muttaqi, demanded"; not "The army,
    # in a statement issued late on Sunday by its spokesman ..., said")
    r"who|whose|which|(?:also |better )?known|[a-z]+(?:ed|ing))\s"
    r"(?:[^,]{1,80}|(?![^,]{0,120}\sby\s)[^,()]{81,120}),"
    r"(?:[^,]{1,40},|\s(?:where|who|which|when)\s[^,]{1,60},){0,2}|,\s*\d{1,3},|"
    # (an aside: "Indian officials, meanwhile, accused", "..., for its part, rejected")
    r",\s*(?:meanwhile|however|though|too|also|separately|instead|likewise|in turn|"
    r"in response|in return|for (?:its|his|her|their|our) part),)\s*$")
# a time that opens a sentence, before a comma ("Last week,", "On Monday,", "Earlier,")
_OPENING_TIME = re.compile(r"\s*(?:(?:[Ll]ate |[Ee]arly )?(?:[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier "
                           r"this|[Ll]ater that) (?:week|weekend|month|year|morning|evening|"
                           r"night)|(?:[Oo]n |[Ll]ate on |[Ee]arly on )?"
                           rf"(?:{_WEEKDAY})(?: (?:morning|evening|"
                           r"night|afternoon))?|[Yy]esterday|[Tt]oday|[Ee]arlier|[Ll]ater|"
                           r"[Mm]eanwhile|[Ss]ince then|[Tt]hat day|[Tt]he same day|"
                           r"[Tt]he (?:next|following|"
                           r"previous) (?:day|morning|evening|night|week)|"
                           r"[Tt]he day (?:after|before)|"
                           # ("By late afternoon,", "By nightfall,", "In the evening,")
                           r"(?:[Bb]y|[Ii]n the|[Ee]arly in the|[Ll]ate in the) (?:late |early )?"
                           r"(?:morning|afternoon|evening|night|nightfall|midday|noon|dawn)|"
                           # ("In March 2022", "Since early January", "In 2020")
                           rf"(?:[Ii]n|[Ss]ince|[Bb]y) (?:(?:early|late|mid)[- ])?(?:{_MONTH})"
                           r"(?: \d{4})?|[Ii]n \d{4})\s*")
# where a speaker is, in lower-case words after their role, up to the verb ("A security
# source in the border zone"; not "a statement in which ...")
_LOWER_WHERE_END = re.compile(r"(?P<before>[\w’'-]+)\s(?P<at>in|at|near|on|along|of)\s(?:the\s)?"
                              r"(?P<words>(?!(?:which|whom|who|whose|that|what)\s)"
                              r"(?:[a-z][\w-]*\s){1,3})$")
# (what "of the ..." after one speaking may say where they are: not "head of state")
_PLACE_WORDS = frozenset("""town towns village villages city area areas side camp camps hamlet
neighbourhood neighborhood community region district province border valley settlement
island islands""".split())
_WHEN_ENDS = (",", "day", "night", "morning", "evening", "afternoon", "week", "month")
_MEETING_IN = re.compile(r"\s(?:meeting|gathered|based|stationed|speaking|visiting)\s(?:in|at)"
                         r"\s[^,;:.]{1,80}$")
# an auxiliary or adverb between an aside's comma and the verb: ", has repeatedly"
_AUX_AFTER_ASIDE = re.compile(r",(?:\s+(?:long|" + "|".join(sorted(SKIP_BEFORE_VERB)) +
                              r"|[a-z]{2,}ly))+\s*$")
_AGE_END = re.compile(r",\s*\d{1,3}\s*$")  # (a speaker's age after the name)
# an appositive that says who the speaker is: ", a senior official in the Gedaref state
# government,", ", editor of the state-backed Global Times tabloid,"
_APPOSITIVE = re.compile(r",\s*(?P<a>(?:(?:now|also|formerly|currently|once)\s)?"
                         r"(?:an?|the|[a-z]+ of|"
                         r"(?:[a-z]+ ){0,2}(?:adviser|advisor|aide|spokes(?:wo)?man|spokesperson|"
                         r"envoy|secretary|ambassador|commander|director|chief|head|"
                         r"chairman|chairwoman|chairperson|governor|mayor|president) "
                         r"(?:to|of|for))\s(?:[^,]|,(?=\d)){1,200}),\s*$")
# (", now president of the Senate,", ", a community of about 30,000 people ...,", ", foreign
# policy adviser to President Ilham Aliyev,", ", a truck driver from Swabi who has been parked
# near ... bound for Jalalabad,")
APPOSITIVE_BACK = 300  # (characters before the verb it is looked for in: linear time)
# (and a name in its own language: "The Colombian Ombudsman's Office (Defensoría del Pueblo)")
_ACRONYM_END = re.compile(r"\s*\([A-Z][\w.’' -]{1,60}\)\s*$")
_WHERE_ASIDE = re.compile(r",\s*(?:(?:just|directly|right|immediately)\s+)?"
                          r"(?:(?:some|about|around)\s+)?(?:\d[\d,.]{0,12}\s?"
                          r"(?:km|kilometres|kilometers|miles)\s+away\s+(?:on|along|from|to|in)|"
                          r"(?:\d[\d,.]{0,12}\s?(?:km|kilometres|kilometers|miles)\s+)?"
                          r"(?:across|near|close to|not far from|outside|opposite|facing|"
                          r"(?:north|south|east|west)[\w-]*\s+of|"
                          r"on(?=\s+the\s+[\w’'-]+\s+side\s+of\b)))"  # (of the border)
                          r"\s[^,]{1,80},\s*$")


# a lowercase part of a name: "al-Burhan", "bin Zayed", "von der Leyen"
_PARTICLE = re.compile(r"(?:(?:al|el|ad|ash|ibn|bin|bint|abu|van|von|der|de|da|di|du|la|le)"
                       r"(?:-\w+)?|as-\w+)$")  # (not "as": "Shells fall on Rubavu as Congo")


# how they were reached, between the speaker and the verb
_REACHED = re.compile(r"\s(?:reached|contacted|interviewed|speaking|talking)\s+(?:by|on(?! behalf)|"
                      r"via|over|from)\s+[^,;:“”\"()]{1,40}$")  # (not "speaking on behalf of X")
# people whose words say who they are only by a relative clause after them
_OF_NO_SIDE = frozenset("""refugees refugee residents villagers survivors witnesses herders
fishermen traders farmers migrants people families man woman men women mother father villager
student migrant relatives neighbours neighbors""".split())
_ANONYMOUS = re.compile(r"\b(?:asked|requested|declined|refused|wished)\s+(?:not\s+to\s+be|"
                        r"to\s+remain|anonymity)|\bcondition of anonymity|\bnot authori[sz]ed",
                        re.I)
# an aside of which a body is, between it and the verb ("CARICOM, of which Haiti is a
# member, said")
_WHICH_ASIDE_END = re.compile(r",\s(?:(?:of|to|in) which|which|whose)\s[^,;:“”\"()]{1,80},\s*$")
# a relative clause of no commas between the speaker and the verb
_WHO_CLAUSE = re.compile(r"\s(?:who|whom)\s[^,;:“”\"()]{1,80}$")
# ... and one set off by commas ("Chief Minister X, who chaired a security review in
# Srinagar on Wednesday, said": where they were, not where it happened)
_WHO_ASIDE_END = re.compile(r",\s(?:who|whom)\s[^,;:“”\"()]{1,100},\s*$")
# (but what they saw there is what they tell of: "Our correspondent, who watched convoys at
# the Adré crossing")
_SAW = re.compile(r"\b(?:watched|saw|witnessed|observed|counted)\s")
# ... and an aside of one, set off by commas, that a verb of saying stands in
_IN_WHO_ASIDE = re.compile(r",\s(?:who|whom)\s(?:[^,;:“”\"()]{0,60}\s)?$")
_NAMED_AS = re.compile(r"\b(?:name|named|known|identified)(?: only)? as [A-Z]")
_THAT_CLAUSE = re.compile(r"\sthat\s(?:has|have|had|is|are|was|were|runs|works|represents)\s"
                          r"[^,;:“”\"()]{1,80}$")
_ENVOYS = frozenset(("ambassador", "ambassadors", "envoy", "envoys", "adviser", "advisor",
                     "aide", "delegate", "delegates", "representative", "mission", "delegation",
                     "embassy"))  # ("the OSCE Mission to Moldova": the OSCE's)
_GOES_ON_TO = re.compile(r"\b(?:went|goes|go|proceeded) on to\s*$")
_SUBJECT_WORDS = re.compile(r"\([A-Z][A-Za-z]{1,9}\)|[\w’'.-]+|,")
# speakers of both sides at once: "officials from both countries", "the militaries of the
# two sides"
_BOTH_SIDES = r"(?:both|the two) (?:countries|sides|governments|nations)"
_BOTH_ENDS = ("countries", "sides", "governments", "nations")
_BOTH_SPEAK = re.compile(rf"(?P<who>(?:[Tt]he )?(?:\w+ )?(?P<role>\w+) (?:from|of|in|on) "
                         rf"{_BOTH_SIDES}|(?:[Tt]he )?{_BOTH_SIDES}['’] (?:\w+ )?(?P<role2>\w+))")
# ... and "Each side accused the other", "Both governments said"
_EACH = re.compile(r"(?:[Ee]ach|[Bb]oth) (?:side|sides|country|countries|government|governments|"
                   r"army|armies|military|militaries)")
_BOTH_SIDES_END = re.compile(_BOTH_SPEAK.pattern + r"\s*$")  # (and "the two countries'
# defence ministries")
_TIMEZONES = "GMT|UTC|BST|CET|EST"  # (a live blog's time stamp's)
# how they spoke, opening the sentence before its speaker ("Addressing Parliament, ...",
# "Speaking in Kathmandu, ...", "Asked about the shelling, ...")
_HOW_SPOKEN = ("Addressing|Speaking|Briefing|Writing|Talking|Responding|Reacting|Commenting|"
               "Replying|Asked|Answering|Questioned|Pressed|Interviewed|Contacted|Reached|"
               "Visiting|Appearing|Testifying")
_LEADING_WORD = re.compile(rf"^(?:(?:{_TIMEZONES})\s+)?"
                           r"(?:(?:In|in) (?:an? |its |their )?(?:\w+ ){0,2}(?:statement|"
                           r"interview|post|tweet|briefing|message|letter),\s*|"
                           # (where: "In New Delhi, India's foreign secretary Vikram Misri")
                           r"(?:In|At|From|On) [A-Z][\w’'-]{0,30}(?: [A-Z][\w’'-]{0,30})?,\s*|"
                           # (and how: "Addressing Parliament, Defence Minister ...",
                           # "Speaking in Kathmandu, ...", "Meanwhile, ...")
                           rf"(?:{_HOW_SPOKEN})"
                           r"(?: [\w’'-]{1,30}){1,5},\s*|"
                           r"(?:Meanwhile|Separately|Elsewhere|However|Earlier|Later),\s*)?"
                           r"(?:(?:[Tt]he|[Aa]n?|But|And|Earlier|Later|Meanwhile)\s+)?")


_NAME_ITS_ROLE = re.compile(rf"(?P<name>[{UPPER}][\w’'-]+(?: [{UPPER}][\w’'-]+){{1,3}}), "
                            r"(?P<role>(?:its|their) [a-z][\w’'-]*(?: [\w’'-]+){0,8}),\s*$")


# the paper's own reporter, and where they are, before the verb ("Our reporter on the
# Turkish side in Edirne says")
_PRESS_PEOPLE = r"(?:correspondents?|reporters?|journalists?|photographers?)"
_OUR_REPORTER = re.compile(r"(?:^|(?<=[\s—–-]))(?P<who>(?:[Oo]ur|[Tt]his (?:newspaper|paper|"
                           rf"station)['’]s) (?:own )?(?:[\w’'-]+ )?(?:{_PRESS_PEOPLE}|team|crew)"
                           r"(?: (?:at|in|on|near|from|with) [^,;:.“”\"]{1,60}?)?"
                           # (and their name: "Our correspondent in Hermel, Rana Haidar, says")
                           r"(?:,\s[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,2},)?)\s*$")


def _subject(prefix: str) -> str:
    """The noun phrase that ends ``prefix`` (the words before a verb of saying), with its
    appositive ("Hamid Osman, a senior official in the Gedaref state government")."""
    tail = prefix[-120:].lower()  # (a look in C first: most speakers are none of ours)
    ours = _OUR_REPORTER.search(prefix, max(0, len(prefix) - 120)) if (
        "our " in tail or "this " in tail) else None
    if ours:  # ("Our reporter at Kastanies says": the press's own, where they are)
        return ours["who"].rstrip(", ")
    close = _CLOSE_TO_END.search(prefix, max(0, len(prefix) - 100)) if (
        " close to " in tail or " familiar with " in tail) else None
    if close:  # ("..., a source close to the army said": the source, not the army)
        return close["who"]
    by = _STATEMENT_BY.match(prefix) if " to " in tail or " by " in tail else None
    if by:  # ("A statement attributed to the BLF and circulated on social media on Thursday
        return by["who"]  # acknowledged": the BLF, not the media)
    # (its last words only: the pattern reads a long run of words in quadratic time)
    both = _BOTH_SIDES_END.search(prefix[-120:]) if prefix.rstrip().endswith(_BOTH_ENDS) or (
        "' " in prefix[-120:] or "’ " in prefix[-120:]) else None
    role = (both["role"] or both["role2"]).lower() if both else ""
    if role and (role in ROLE_NOUNS or re.sub("ies$", "y", role) in ROLE_NOUNS):
        return both["who"]  # ("officials from both countries": each party, claims_in)
    owned = _NAME_ITS_ROLE.search(prefix, max(0, len(prefix) - 200))
    if owned and (owned.start() == 0 or prefix[owned.start() - 2:owned.start()] in (", ", ". ")):
        # "Laura Lo Castro, its representative in Chad, said": she, of the body before
        return f"{owned['name']}, {owned['role']}"
    anonymous = _WHO_ASIDE_END.search(prefix, max(0, len(prefix) - 160)) if \
        prefix.rstrip().endswith(",") else None
    if anonymous and not _NAMED_AS.search(anonymous.group()):
        # (a "who" aside set off by commas is not the speaker: "The owner of a guesthouse in
        # Bialowieza, who asked not to be named, told PAP")
        prefix = prefix[:anonymous.start()] + " "
    reached = _REACHED.search(prefix, max(0, len(prefix) - 60))
    if reached:  # ("Residents reached by phone said")
        prefix = prefix[:reached.start()] + " "
    bare = _WHERE_ASIDE.sub("", prefix[-200:]) if prefix.rstrip().endswith(",") else prefix
    local = _LOCALS_OF.search(bare, max(0, len(bare) - 160))  # (where they are said aside:
    if local:  # "A doctor at the hospital in Adre, on the Chadian side of the border,")
        return local["who"]
    # (each pattern below ends its match at the prefix's end: tried where the last word
    # allows one, as a search for "...$" reads the whole prefix)
    aux = _AUX_AFTER_ASIDE.search(prefix, max(0, len(prefix) - 60))
    if aux:  # ("Tashiev, who led the delegation, has repeatedly rejected": the aside as
        prefix = prefix[:aux.start() + 1]  # before a bare verb, read off below)
    if prefix.rstrip().endswith(_WHEN_ENDS):
        # (on the prefix's last words only: the pattern is slow over a long run of spaces)
        tail = max(0, len(prefix) - 400)
        aside = _WHEN_BEFORE_VERB.search(prefix, tail)
        if aside and aside.group().startswith(",") and _OPENING_TIME.fullmatch(
                prefix[:aside.start()]):
            # an aside that opens the sentence after its time, the speaker after it ("Last
            # week, at the weekly press briefing, the government spokesman, Nani Ould
            # Chrougha, said"): the aside is its first part only
            prefix = prefix[aside.start() + aside.group().index(",", 1) + 1:]
        elif aside:
            prefix = prefix[:aside.start()]
    where = _LOWER_WHERE_END.search(prefix, max(0, len(prefix) - 60))
    if where and where["before"].lower() in _SPEAKER_NOUNS and \
            where["words"].split()[-1] not in _SPEAKER_NOUNS and (
                where["at"] != "of" or where["words"].split()[-1] in _PLACE_WORDS):
        # (and "of the town": "A resident of the town said"; not "head of state")
        # where a speaker is, in words of no name: "A security source in the border zone
        # told AFP" (not "... zone"); but "an official at the ministry" is one of it
        prefix = prefix[:where.end("before")] + " "
    if prefix.rstrip()[-1:].isdigit():
        prefix = _AGE_END.sub("", prefix)  # ("Local farmer Data Vanishvili, 85, said")
    if prefix.rstrip().endswith("on to"):
        prefix = _GOES_ON_TO.sub("", prefix)
    if " in " in prefix[-90:] or " at " in prefix[-90:]:
        # where they met, said between them and the verb: "Arab foreign ministers meeting
        # in the Jordanian Red Sea city of Aqaba condemned"
        prefix = _MEETING_IN.sub(" ", prefix[-200:])
    if prefix.rstrip().endswith(","):
        # where the speaker is, said aside: "Residents of Spin Boldak, across the border
        # from the Pakistani town of Chaman, said" (the residents, not the town)
        prefix = _WHERE_ASIDE.sub("", prefix)
    which = _WHICH_ASIDE_END.search(prefix, max(0, len(prefix) - 120)) if \
        prefix.rstrip().endswith(",") else None
    if which:  # (an aside of what a body is: "The Caribbean Community (CARICOM), of which
        prefix = prefix[:which.start()] + " "  # Haiti is a member, said": the Community)
    aside = _APPOSITIVE.search(prefix, max(0, len(prefix) - APPOSITIVE_BACK)) if \
        prefix.rstrip().endswith(",") else None
    if aside:
        named = _subject(prefix[:aside.start()])
        at = prefix.rfind(named, 0, aside.start()) if named[:1].isupper() else -1
        if at > 0 and _HIT_BEFORE.search(prefix, max(0, at - 12), at) and \
                aside["a"][:1].isupper():
            # a place the sentence ends with, then who said it: "Chinese boats rammed
            # Philippine boats near Ayungin Shoal, General Romeo Brawner said": Brawner
            return aside["a"]
        if named[:1].isupper():
            return f"{named}, {aside['a']}"
        prefix = prefix[:aside.start()]
    # (not inside a quote, nor back across a dateline's dash or bracket: "BEIRUT, July 13
    # (Test Wire) – The Israeli military said")
    if prefix.rstrip().endswith(")"):
        prefix = _ACRONYM_END.sub(" ", prefix)  # "NATO peacekeepers in Kosovo (KFOR) said"
    elif prefix.rstrip().endswith("),"):  # "The military's media wing, Inter-Services
        prefix = _ACRONYM_END.sub(" ", prefix.rstrip()[:-1]) + ", "  # Public Relations (ISPR),"
    dashes = prefix.rfind(" -- ")  # (and "Q: India's army says", "Tehran, IRNA -- Iran's")
    # (and a quotation in single quotes: "'It rests with Russia,' the Service said")
    single = max(prefix.rfind(c) for c in (",' ", ",’ ", ".' ", ".’ ", "?' ", "?’ ", "!' ", "!’ "))
    prefix = prefix[max(max(prefix.rfind(c) for c in '”"–—:;') + 1, _last_bracket(prefix) + 1,
                        single + 3 if single >= 0 else 0, dashes + 4 if dashes >= 0 else 0):]
    clause = _WHO_CLAUSE.search(prefix, max(0, len(prefix) - 100))
    if clause is None and " that " in prefix[-100:]:  # ("a human rights association that
        clause = _THAT_CLAUSE.search(prefix, max(0, len(prefix) - 100))  # has been documenting
        # cases since 2022 demanded": the association)
        if clause and prefix[:clause.start()].rsplit(" ", 1)[-1].lower() not in GROUP_NOUNS:
            clause = None
    if clause and clause.start() > 0 and (
            prefix[:clause.start()].rsplit(" ", 1)[-1].lower() in _OF_NO_SIDE | GROUP_NOUNS or
            _ANONYMOUS.search(clause.group())) and not _NAMED_AS.search(clause.group()):
        # (but not where the clause names them: "A farmer who gave his name only as Giorgos")
        # ("Sudanese refugees who reached Adre described", "An Armenian official who asked
        # not to be named said"; not "An official who works for Armenia's ministry")
        prefix = prefix[:clause.start()]
    words = _SUBJECT_WORDS.findall(prefix)
    while words and words[-1] == ",":
        words.pop()
    while words and (words[-1].lower() in SKIP_BEFORE_VERB or words[-1] == "long" or
                     words[-1].endswith("ly") and words[-1][:1].islower()):
        # ("has long denied", "repeatedly"; not "Long said", nor "Mr Coulibaly")
        words.pop()
    if words and words[-1].lower() in PRONOUNS:
        return words[-1]
    taken: list[str] = []
    compound = 0  # (lower-case nouns taken in a body's name: "human rights office")
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        low = w.lower()
        if w == ",":
            place_end = _PLACE_BEFORE_COMMA.fullmatch(" ".join(words[max(0, k - 5):k]))
            if place_end and place_end["before"] and \
                    place_end["before"].lower() in _ROLES | _SPEAKER_NOUNS:
                place_end = None  # (where one is posted: "Morocco's ambassador in Madrid,")
            if taken and taken[-1][:1].isupper() and not place_end:
                taken.append(w)
                continue
            # a person's name before their role, set off by commas ("..., Alireza Marhamati,
            # deputy governor of Iran's Sistan-Baluchestan province, told"): both
            name = list(itertools.takewhile(lambda x: x[:1].isupper() and x != ",",
                                            reversed(words[max(0, k - 5):k])))
            rest = k - len(name) - 1
            if 2 <= len(name) <= 4 and (rest < 0 or words[rest] == ",") and \
                    {t.lower() for t in taken} & _ONE_OF_THEM:
                taken += [",", *name]
            break
        if w[:1].isupper() or w[:1] == "(" or low in ROLE_NOUNS or low in GROUP_NOUNS or (
                low[-2:] in ("'s", "’s") and (low[:-2] in ROLE_NOUNS or taken and taken[-1]
                                              .lower() in _TITLE_WORDS)) or low in (
                "of", "the", "a", "an", "’s", "'s", "for") or (
                # (a portfolio: "minister delegate for justice", "minister of information",
                # "department of information and culture")
                _portfolio(words, k, taken) or
                low == "from" and taken and taken[-1][:1].isupper() and k and
                words[k - 1].lower() in _SPEAKER_NOUNS or  # ("member of parliament from X")
                # (two offices of one person: "Minister of Information and official
                # government spokesperson, Barnaba Marial Benjamin")
                low == "and" and taken and taken[-1].lower() in _SECOND_OFFICE and any(
                    x.lower() in TITLES for x in words[max(0, k - 4):k]) or
                (low in ("in", "and") or low in ("at", "near") and k and words[k - 1].lower()
                 in _SPEAKER_NOUNS) and taken and (taken[-1][:1].isupper() or
                                                    taken[-1] in _DIRECTIONS or (
                    taken[-1] == "the" and len(taken) > 1 and taken[-2][:1].isupper()))) or (
                low in MODIFIERS and taken) or _PARTICLE.match(low) or (
                low in _OUTLETS or low in _OUTLET_MODIFIERS and taken) or (
                w.isdigit() and k and words[k - 1].lower() in ("channel", "tv")) or (
                low in _DIRECTIONS and taken and taken[-1][:1].isupper()) or (
                (low in KIND_WORDS or low in _LOCAL_UNITS) and k and
                words[k - 1][:1].isupper()) or (
                low == "to" and taken and (taken[-1][:1].isupper() or taken[-1] == "the" and
                                           len(taken) > 1 and taken[-2][:1].isupper()) and
                k and (words[k - 1].lower() in _ENVOYS or
                       # (inside a name: "Loyalty to the Resistance", "Committee to Protect")
                       words[k - 1][:1].isupper() and words[k - 1].isalpha())) or (
                # ("on" inside a body's name: "Intergovernmental Authority on Development",
                # "Committee on Foreign Affairs"; not "Clashes on Lake Albert")
                low == "on" and taken and taken[-1][:1].isupper() and k and
                words[k - 1][:1].isupper() and words[k - 1].lower() in _BODIES) or (
                low == "by" and taken and k and words[k - 1].lower() in ("quoted", "cited")) or (
                low in ("quoted", "cited") and taken and taken[-1] == "by"):
            # (a place's kind after its name: "Residents in Sisaket province"; an envoy's
            # post: "A former Nepali ambassador to India"; "a source quoted by SUNA")
            taken.append(w)
            continue
        owner = k > 0 and (words[k - 1][:1].isupper() or (
            k > 1 and words[k - 2][:1].isupper() and words[k - 1].isalpha()))
        if w.isalpha() and compound < 2 and owner and taken and \
                taken[-1].lower() in _COMPOUND_HEADS:
            # a body's name of lower-case nouns after its owner's: "the UN human rights
            # office" (not "office" alone), "the UN refugee agency"
            compound += 1
            taken.append(w)
            continue
        if "," in taken:
            # a phrase across a comma is one name only from the sentence's start ("Israel,
            # Hezbollah trade blame", "The U.N. force in Lebanon, UNIFIL, said"); after
            # other words it is the end of a clause and the speaker ("... crossed into
            # Syunik, Armenia said": Armenia); but a name after its role, set off by
            # commas, is one with it wherever it stands ("Speaking in Juba, South Sudan's
            # Minister of Information, Michael Makuei Lueth, said")
            cut = taken.index(",")
            more = taken.index(",", cut + 1) if "," in taken[cut + 1:] else len(taken)
            role = {x.lower().removesuffix("'s").removesuffix("’s") for x in taken[cut + 1:more]}
            named = taken[cut + 1:more]
            # (and a name before its role, whatever words the role holds: "After the
            # meeting, Irakli Antadze, Deputy Director of the Analytical Department of the
            # State Security Service of Georgia, said")
            before = 2 <= len(named) <= 4 and all(x[:1].isupper() for x in named) and \
                not role & _ONE_OF_THEM and {x.lower() for x in taken[:cut]} & _ONE_OF_THEM
            taken = taken[:more] if before or all(x[:1].isupper() for x in taken[:cut]) and \
                role & _ONE_OF_THEM else taken[:cut]  # (a person's role: not "its agency")
        break
    if "," in taken and taken[-1] in ("for", "of", "in", "and", "to"):
        # (words before a comma that end what is said, not a name: '"... no legal value"
        # for Chile, Muñoz said')
        taken = taken[:taken.index(",")]
    phrase = " ".join(reversed(taken)).replace(" ,", ",").strip(", ")
    phrase = _DATE_PREFIX.sub("", phrase)
    phrase = _LEADING_WORD.sub("", phrase)
    opener = _OPENER_CLAUSE.match(prefix) if "," in phrase else None
    if opener:
        # (not into a long opening clause: "Speaking in Islamabad after talks with caretaker
        # Foreign Minister Jalil Abbas Jilani, Iran's Foreign Minister Hossein
        # Amir-Abdollahian said": Amir-Abdollahian only)
        rest = prefix[opener.end():].strip(" ,")
        if rest and phrase.endswith(rest) and len(phrase) > len(rest):
            phrase = rest
    # (a day is no speaker: "... struck a house on Monday, said AKM Jahangir Aziz"; nor an
    # article alone: "The claims could not be independently verified", a noun read as a verb)
    return "" if phrase.lower() in _DAY_WORDS or phrase in ("The", "A", "An") else phrase


def _last_bracket(prefix: str) -> int:
    """Where the last closing bracket before a speaker is, which cuts the words that may be
    their name ("BISHKEK, May 1 (Reuters) - Kyrgyz border guards said"), passing over an
    acronym inside a name ("Director General of Inter-Services Public Relations (ISPR) Lt
    Gen Ahmed Sharif Chaudhry, said"); -1 if none."""
    close = prefix.rfind(")")
    for _ in range(3):  # (a bound: a hostile text may hold thousands)
        start = prefix.rfind("(", 0, close)
        inner = _INNER_ACRONYM.match(prefix, start) if start > 0 else None
        if inner is None or inner.end() != close + 1:
            break
        close = prefix.rfind(")", 0, start)
    return close


# an acronym in brackets between a name's words, after a lower-case letter and before a
# capital or "of" ("Relations (ISPR) Lt Gen", "The State Security Committee (KGB) of South
# Ossetia"; not "MOSCOW (TASS) Russia's")
_INNER_ACRONYM = re.compile(r"(?<=[a-z] )\([A-Z][A-Za-z]{1,9}\)(?= [A-Z]| of )")


def _portfolio(words: list[str], k: int, taken: list[str]) -> bool:
    """Whether ``words[k]``, read back from the verb, is a lower-case word of a role's
    portfolio: after "of" or "for" and a role ("minister delegate for justice", "the
    provincial department of information and culture": "information", "and", "culture")."""
    low = words[k].lower()
    if low == "and":  # (between two words of one portfolio)
        return len(taken) == 1 and taken[0].islower() and k >= 2 and \
            words[k - 2].lower() in ("for", "of") and _portfolio(words, k - 1, [])
    if not low.isalpha() or taken and taken[-1] not in (",", "and"):
        return False
    of = k - 1 if k >= 1 and words[k - 1].lower() in ("for", "of") else (
        k - 3 if k >= 3 and words[k - 1].lower() == "and" and not taken and
        words[k - 3].lower() in ("for", "of") else -1)
    return of >= 1 and any(x.lower() in _ROLES for x in words[max(0, of - 3):of])


# an opening clause of how or where they spoke, to its comma ("Speaking in Islamabad after
# talks with ..., "): no part of the speaker's name (a bounded clause: linear time)
_OPENER_CLAUSE = re.compile(rf"\s*(?:{_HOW_SPOKEN})\b[^,;:.\"“”]{{0,200}}, ")
_HOW_SPOKEN_WORDS = tuple(_HOW_SPOKEN.split("|"))
# a verb after a word that may be a noun ("estimates are", "claims could not be")
_NOUN_THEN_VERB = re.compile(r" (?:are|were|vary|varied|range|ranged|remain|remained|could|can|"
                             r"cannot|have|had|put|suggest|suggested|show|showed)\b")
# words before "the ministry"'s noun that do not say which one it is ("the top commander")
_NOT_WHICH = frozenset("the top senior new same then two both".split())
_CALLS_GREW = re.compile(r" for (?:(?!(?:as|while|when|after|because|and|but|since|amid|"
                         r"that|which)\b)[\w’'-]+ ){1,5}?(?:grew|grow|grows|mounted|mount|mounts|"
                         r"increased|intensified|rose|multiplied|are|were|have|had|came)\b")
# the local units a place's name is written with after it, beyond the gazetteer's kinds
# ("A yak herder from Bji gewog", "a farmer from Ghumdhum union", "Ferfer woreda")
_LOCAL_UNITS = frozenset("""gewog dzongkhag upazila union woreda kebele tehsil taluk taluka
mandal barangay commune wilaya""".split())
# a clause the verb of a sentence's second part may be in ("..., when Turkish President X,
# addressing lawmakers, likened ... and called on")
_WHEN_CLAUSE = re.compile(r", (?:when|as|after) (?=[A-Z])")


_AFTER = re.compile(r"\s*(?P<who>(?:the |a )?(?:[" + UPPER + r"][\w’'.-]+|[a-z]+ minister|"
                    r"prime minister|premier|president)(?: [" + UPPER + r"][\w’'.-]+)*"
                    r"(?:, (?:a|the|[a-z]+ (?:of|for)|[A-Z][\w-]+['’]s|(?:[a-z][\w-]* ){0,5}"
                    r"(?:researcher|analyst|director|official|expert|coordinator|adviser|"
                    r"advisor|representative|spokes(?:man|woman|person)) (?:at|of|for|with)) "
                    r"(?:[^,.]|\.(?=\s?[A-Z]))+)?)"
                    # (where the name ends: not "said Afghan forces opened fire")
                    # (a word after a space: not "to" of "Roberto Álvarez")
                    r"(?=\s*(?:$|[.,;:!?”\"’)\]–—-])|\s+(?:on|in|at|late|earlier|told|adding|"
                    r"according|who|after|before|during|via|from|to|as|and|but)\b)")


_HEADS_OF = frozenset(("head of state", "head of government"))
_WHEN_LEAD = re.compile(r"\s+(?:yesterday|today|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday))(?= (?:the|a) [A-Z])")


def _after(suffix: str) -> str:
    """The speaker named after the verb ("..., said Porter", "added the prime minister"),
    also by a title's lower-case words ("said Kyrgyz border chief Ularbek Sharsheev",
    "said a spokesman for the Kyrgyz border service", "said Kyrgyzstan's foreign ministry")."""
    lead = _WHEN_LEAD.match(suffix)  # (a day between the verb and who: "..., reiterated
    suffix = suffix[lead.end():] if lead else suffix  # yesterday the Ministry of ...")
    m = _AFTER.match(suffix)
    if m and not m["who"].rstrip().endswith(_CUT_ABBREVIATIONS):  # (not "U.S" of "U.S. State
        who = m["who"].strip()  # Department spokesman Matthew Miller")
        last = who.rsplit(" ", 1)[-1]
        # (the sentence's full stop is not the name's: "said the Kremlin."; "the U.N." keeps its)
        return who[:-1] if last.endswith(".") and "." not in last[:-1] else who
    taken: list[tuple[str, int]] = []  # (each word and where it ends)
    for w in _AFTER_WORD.finditer(suffix, 0, 200):
        word, end = w.group(1), w.end()
        if word.endswith(".") and "." not in word[:-1]:
            word, end = word[:-1], end - 1  # (the sentence's full stop; not "U.N.")
        low = word.lower()
        if len(taken) == _AFTER_LONGEST or not (
                word[:1].isupper() or low in _AFTER_TITLE or low in _AFTER_GLUE and (
                    taken or low in ("the", "a", "an")) or
                # (whose: "said its president")
                not taken and low in _OWNER_WORDS or
                # (where from: "said a farmer from Fassala", after a speaker's noun)
                low in _FROM_WORDS and taken and taken[-1][0].lower() in _AFTER_TITLE and
                (nxt := _AFTER_WORD.match(suffix, end)) is not None and nxt[1][:1].isupper() or
                # (a word of their trade before it: "said a livestock breeder")
                taken and low.isalpha() and _is_speaker_noun(_AFTER_WORD.match(suffix, end))):
            break
        taken.append((word, end))
    while taken and taken[-1][0].lower() in _AFTER_GLUE | _FROM_WORDS:
        taken.pop()
    if len(taken) < 1 + (taken[0][0].lower() in _AFTER_GLUE | _OWNER_WORDS if taken else 0):
        return ""
    last = taken[-1][0]
    if not (last[:1].isupper() or last.lower() in _ROLES or last.lower() in GROUP_NOUNS or
            " ".join(w for w, _ in taken[-3:]).lower() in _HEADS_OF):
        return ""  # ("said border" is no one; "said the head of state" is)
    # (where the phrase ends, as _AFTER's: not "said Afghan forces opened fire")
    if not _AFTER_TITLE_END.match(suffix, taken[-1][1]):
        return ""  # (nor "said federal troops who withdrew had regrouped": their words)
    return " ".join(word for word, _ in taken)


def _is_speaker_noun(word: re.Match | None) -> bool:
    """Whether the word (an _AFTER_WORD match) names a speaker: a role or a group."""
    return word is not None and word.group(1).rstrip(".").lower() in _SPEAKER_NOUNS


# (the words of a speaker named after the verb, each after blanks; its title's lower-case
# words; the small words inside it; the longest; and what may follow it: _AFTER_TITLE_END)
_CUT_ABBREVIATIONS = ("U.S", "U.N", "U.K", "E.U")
_AFTER_WORD = re.compile(r"\s+([\w’'.-]+)")
_AFTER_TITLE = _TITLE_WORDS | GROUP_NOUNS
_AFTER_GLUE = frozenset(("for", "of", "the", "a", "an"))
_OWNER_WORDS = frozenset(("its", "their", "his", "her"))
_FROM_WORDS = frozenset(("from", "in", "at", "near"))
_AFTER_LONGEST = 10
_AFTER_TITLE_END = re.compile(r"\s*(?:$|[.,;:!?”\"’)\]–—]|(?:on|late on|early on|earlier on)\s+"
                              rf"(?:{_WEEKDAY})\b|"
                              r"(?:told|adding|according)\b)")


@dataclass
class Report:
    """What the rules may know of the whole report while reading one sentence of it."""

    doc: Document
    people: dict[str, tuple[str, str]]  # surname key -> (description, side)
    sides: dict[str, str]  # a name's key -> the side it stands for (countries, capitals, people)
    focus: tuple[str, str] | None  # (surface, place id) of the place the report is about
    capital_of: Callable | None
    parties: set[str]  # the sides whose forces or territory the incident involves
    places: dict[str, Place]  # every place the report names, by id
    speakers: list[_Speaker] = field(default_factory=list)  # who spoke, in order
    day: str = ""  # the last day a sentence gave: the report's narrative time
    home: str = ""  # the country of the report's dateline ("NEW DELHI, June 17 (Wire) -")
    home_from: str = "side from the dateline"  # (or with none, the publisher's country)
    # a place the words mark but the gazetteer lacks, named more often than ``focus`` ("the
    # Sarstoon River"): the report's place for claims that name none, unplaced
    unknown_focus: str = ""
    place_names: frozenset = frozenset()  # the keys of the names of the places it resolves
    last_place: Place | None = None  # the last place finer than a country a sentence named
    # ... and the last town or village, not a capital, with where its sentence began ("the
    # town": place)
    last_town: tuple[Place, int] | None = None
    last_area: tuple[Place, int] | None = None  # (and province or district: "the province")
    # the last claims (CHARGES_KEPT) that asserted something where the text said: (side,
    # places, event, whether the side was the dateline's guess), in order; a denial that
    # names no place or event of its own denies another side's there (claims_in)
    charges: list = field(default_factory=list)
    # speakers (by _surname_key) given the dateline's side, and those it is not given to
    # (one who denied its side's charge)
    home_guessed: set = field(default_factory=set)
    not_home: set = field(default_factory=set)
    # where the dateline names the city the report was filed in (offsets in the text):
    # neither a claim's place nor the report's
    filed: range = range(0)
    acronyms: dict[str, str] = field(default_factory=dict)  # "JCS": "Joint Chiefs of Staff"
    party_publisher: str = ""  # the side of a party that published the report, if one did
    issuer: str = ""  # who issued it, where it is a release ("Ministry of National Defence")
    # people introduced with a role that names no side: surname -> "Vladimir Padrino,
    # Defence Minister" (who, named by surname later, is an official as first named)
    titled: dict[str, str] = field(default_factory=dict)
    governments: frozenset[str] = frozenset()  # the keys of its countries' and capitals' names
    # a press conference's transcript: the spans of its answers ("A: ..."), and who gives
    # them, with their side ("Spokesperson: Lin Jian" under "the Chinese Foreign Ministry's
    # regular press conference")
    answers: list = field(default_factory=list)
    answerer: tuple[str, str] = ("", "")
    # the countries of places named inside bodies' names ("Edirne" in "the Edirne
    # Governor's Office"), by the name's key: an office's, not an outlet's
    inside: dict[str, str] = field(default_factory=dict)
    _side_of: dict[str, str] = field(default_factory=dict, repr=False)
    _title_sides: dict[str, str] = field(default_factory=dict, repr=False)
    _low: str | None = field(default=None, repr=False)
    _person_of: dict[str, bool] = field(default_factory=dict, repr=False)  # (_a_person's)
    _second_names: frozenset[str] | None = field(default=None, repr=False)  # (_a_person's)
    _initials: dict[str, str] = field(default_factory=dict, repr=False)
    _missions: list | None = field(default=None, repr=False)
    # officials of people.csv in office around the report's date, by full name (a
    # NamedOfficials, or a plain dict)
    officials: object = field(default_factory=dict, repr=False)

    def side_found(self, claimant: str, side: str) -> None:
        """A person introduced with a role of no side ("Its chief spokesman, Zabihullah
        Mujahid"), once a claim tells their side ("told a news conference in Kabul"), is of
        that side when named again ("Mujahid said"), not of the dateline's."""
        for word in _CAPPED_WORD.findall(claimant):
            key = name_key(word)
            if key in self.titled:
                self.people[key] = (self.titled.pop(key), side)
                self.sides[key] = side
                self._forget(word)
                # (and by the first name, as a family name comes first in Chinese, Korean,
                # Hungarian names: "Senior Colonel Long Shaohua" ... "Long said")
                first = name_key(self.people[key][0].split(" ", 1)[0])
                self.people.setdefault(first, self.people[key])

    def person_named(self, claimant: str, side: str) -> None:
        """A person named beside their role ("Ecuador's foreign minister, María Isabel
        Salvador"), of a side: that person where the report names them by surname again
        ("Salvador said": not El Salvador)."""
        for part in claimant.split(", "):
            words = part.split()
            if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and \
                    not {w.lower() for w in words} & _TITLE_WORDS and \
                    not self.capital_or_country(part):
                key = name_key(words[-1])
                if key not in self.people:  # (by name alone where the role is "its ...")
                    self.people[key] = (part if claimant.startswith(_OWNERS) else claimant,
                                        side)
                    self._forget(words[-1])
                return

    def _forget(self, word: str) -> None:
        """Forget the sides of the phrases that hold ``word``: they are asked again."""
        for said in [t for t in self._side_of if word in t]:
            del self._side_of[said]

    def stands_for(self, acronym: str) -> str:
        """The body an acronym names: as the report defines it ("the Joint Chiefs of Staff
        (JCS)"), else a body the report names in full, the initials of whose capitalised
        words are its letters ("the Guyana Defence Force ... the GDF said"), else ""."""
        if acronym in self.acronyms:
            return self.acronyms[acronym]
        found = self._initials.get(acronym)
        if found is None:
            found = ""
            # (two letters too: "the Foreign Office ... the FO said", as Pakistan's papers
            # write it; the words found must end in a body's head all the same)
            if 2 <= len(acronym) <= 6 and acronym.isascii() and acronym.isalpha() and \
                    len(self._initials) < INITIALS_LOOKED:
                # (or begin with it: "the Department of Foreign Affairs ... the DFA said")
                found = next((m.group() for m in _initials(acronym).finditer(self.doc.text)
                              if m.group().rsplit(" ", 1)[-1].lower() in _BODY_HEADS or
                              " of " in m.group() and
                              m.group().split(" ", 1)[0].lower() in _BODY_HEADS), "")
            self._initials[acronym] = found
        return found

    def mission_before(self, at: int) -> tuple[str, str] | None:
        """The organisation that sends missions the report names last before offset ``at``,
        as written, and its side ("a UNIFIL post": UNIFIL, UN); None if it names none."""
        if self._missions is None:
            self._missions = missions_in(self.doc.text)  # (read once, on first asking)
        k = bisect_left(self._missions, (at,)) - 1
        return self._missions[k][1:] if k >= 0 else None

    def capital_or_country(self, name: str) -> bool:
        """Whether the name is one of the report's countries or capitals ("Rwanda")."""
        return name_key(name) in self.governments

    def side_of(self, text: str) -> str:
        """``side_in(text, self.sides)``, looked up once per phrase of the report (the same
        claimants and forces come again and again; ``sides`` is whole once read)."""
        found = self._side_of.get(text)
        if found is None:
            found = self._side_of[text] = side_in(text, self.sides, self.officials)
        return found

    def side_of_title(self, title: str) -> str:
        """The one side whose official of this title the report names with no name ("two
        days after Niger's prime minister used the allegation", "the Nigerien foreign
        minister said"), else "": whose "Prime Minister Ali Mahaman Lamine Zeine" is. Looked
        for once per title, in a bounded number of places (found by a scan of the lower-cased
        text in C, the word before each read then)."""
        found = self._title_sides.get(title)
        if found is not None:
            return found
        if len(self._title_sides) >= TITLES_KEPT:
            return ""  # (a hostile text may name thousands of titles: each reads the text)
        text = self.doc.text
        if self._low is None:
            self._low = text.lower()
        low, at, sides, named = self._low, 0, set(), set()
        for _ in range(TITLES_LOOKED):
            at = low.find(title, at)
            if at < 0:
                break
            end = at + len(title)
            who = _WHO_BEFORE.search(text, max(0, at - 40), at)
            if who and not (end < len(low) and (low[end].isalnum() or low.startswith(
                    " of ", end))):  # (nor a title of another: "Eritrea's Minister of
                # Information")
                # (not where that side's one is named: "Venezuela's defence minister" is
                # "Venezuelan Defence Minister Vladimir Padrino", not "Defence Minister Iván
                # Velásquez")
                (named if _NAME_NEXT.match(text, end) else sides).add(self.side_of(who[1]))
            at = end
        sides -= {"", "PRESS"} | named
        found = self._title_sides[title] = sides.pop() if len(sides) == 1 else ""
        return found

    def charge_against(self, side: str, event: str = "") -> tuple[list, str] | None:
        """What a denial by ``side`` of ``event`` ("" if it names none) denies: (places,
        event) of the last charge of that event by another side, else of the report's own
        voice ("Azerbaijani forces advanced into Syunik"); else the last charge made, unless
        it is ``side``'s own ("Kyrgyzstan denied it too"). (A meeting told of is no charge:
        "Gen. Brawner spoke to reporters in Puerto Princesa City" is not what China denies.)"""
        latest = [c for c in reversed(self.charges) if c[2] != "talks"]
        same = [c for c in latest if c[2] == event and c[0] != side]
        found = next((c for c in same if c[0] != "PRESS"), None) or next(iter(same), None) \
            or next((c for c in latest[:1] if c[0] != side), None)
        return found[1:3] if found else None


TITLES_LOOKED = 50  # (the places a title is looked at: a bound for hostile input)
_WHO_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]{0,30}?)(?:['’]s)?\s+$")
_NAME_NEXT = re.compile(r",?\s+[A-Z]")
TITLES_KEPT = 40  # (and the titles looked for in one report)
SCARE_QUOTE = 40  # (characters: a quotation this short around a verb may be the frame's)
INITIALS_LOOKED = 20  # (acronyms a report's initials are looked for: each reads the text)


def _initials(acronym: str) -> re.Pattern:
    """Capitalised words, one a letter of the acronym, joined by spaces and the odd "of the"
    ("Armed Forces of the Philippines" for AFP). (Its first letter first, no word before it
    asserted after: a scan in C for the letter, not a look behind at every position.)"""
    words = [rf"{c}[\w’'-]{{0,30}}" for c in acronym]
    words[0] = rf"{acronym[0]}(?<![\w’'-]{acronym[0]})[\w’'-]{{0,30}}"
    return re.compile(r" (?:(?:of|for|and|the|on) ){0,2}".join(words) + r"(?![\w’'-])")


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    mentions: list[tuple[Mention, Resolution]]  # this sentence's resolved mentions
    quotes: list[tuple[int, int]] = field(init=False)  # its quotations' spans
    low: str = field(init=False, repr=False)  # its text lower-cased (keyed.py looks there)

    def __post_init__(self) -> None:
        self.low = self.text.lower()
        self.quotes = _quote_spans(self.text)
        self._starts = [a for a, _ in self.quotes]  # in order and apart: bisect, not scan

    def quoted(self, pos: int) -> bool:
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self.quotes[k][1]

    def scare_quoted(self, pos: int) -> bool:
        """Whether ``pos`` opens a few words in quotation marks that begin at most one word
        before it: a speaker's own word quoted in the frame ('the ministry "categorically
        rejected" the statements'), not what they said."""
        k = bisect_right(self._starts, pos) - 1
        if k < 0 or pos >= self.quotes[k][1]:
            return False
        a, b = self.quotes[k]
        return b - a <= SCARE_QUOTE and self.text.count(" ", a, pos) <= 1 and a >= 2 and \
            self.text[a - 1] == " " and self.text[a - 2].isalnum() and \
            self.text[b - 2] not in ",.!?"  # (inside the frame: not '"We rejected it," ...')


@dataclass
class Speech:
    """Who a sentence says speaks, and how: ``how`` is the verb of saying, "according",
    "reportedly" or "narration" (the report's own voice)."""

    claimant: str  # as resolved ("Nikol Pashinian, Armenian Prime Minister" for "He")
    span: tuple[int, int]  # the claimant's words in the sentence, (0, 0) when none
    how: str
    verb: re.Match | None = None
    inferred: str = ""  # the word the claimant was inferred from ("It", "he")
    subject: str = ""  # who acts where the report states an act ("Armenia appealed ...")
    known: str = ""  # the side of the earlier speaker "he" or "it" is


def extract_claims(doc: Document, resolved: list[tuple[Mention, Resolution]],
                   *, capital_of=None, inside: list[tuple[Mention, Resolution]] = ()
                   ) -> list[Claim]:
    """Claims in a document, each with its sentence, span, claimant, place and date.

    ``resolved`` is the resolve stage's output for this document's mentions;
    ``capital_of(place)`` gives the country a capital stands for ("Baku says": AZ);
    ``inside``, the resolved mentions inside a body's name ("the Edirne Governor's
    Office"): no claim's place, but the country of an office named so.
    """
    report = read_report(doc, resolved, capital_of)
    # (a place that begins the body's name: not "Maritime" in "the National Maritime
    # Council", a word of the name, which is Togo's province)
    report.inside = {name_key(m.surface): r.place.country for m, r in inside
                     if r.resolved and r.place.country and r.place.kind != "region" and
                     not _CAPPED_BEFORE.search(doc.text, max(0, m.start - 41), m.start)}
    claims: list[Claim] = []
    starts = [m.start for m, _ in resolved]
    for s, e in sentences(doc.text):
        here = resolved[bisect_left(starts, s):bisect_left(starts, e)]
        claims.extend(claims_in(Sentence(doc.text[s:e], s, e, here), report))
        fine = _fine(here)
        if fine:
            report.last_place = fine[-1]
            town = next((p for p in reversed(fine) if p.kind == "settlement" and not (
                capital_of and capital_of(p))), None)
            if town is not None:
                report.last_town = town, s
            area = next((p for p in reversed(fine) if p.kind in ("admin1", "admin2")), None)
            if area is not None:
                report.last_area = area, s
    return claims


def read_report(doc: Document, resolved, capital_of=None) -> Report:
    """The report context: its people, the sides its names stand for, its place and its
    parties."""
    text = doc.text
    sides: dict[str, str] = {}
    for m, r in resolved:
        if r.resolved:
            if r.place.kind == "country":
                sides[name_key(m.surface)] = r.place.country
            elif capital_of and capital_of(r.place):
                sides[name_key(m.surface)] = capital_of(r.place)
    # "the North", "the South": a divided country's half, where the report names both
    # ("North Korea" and "South Korea"; "Sudan" and "South Sudan"), not "North Macedonia"
    # named once
    for half, other in (("north", "south"), ("south", "north")):
        named = {c for k, c in sides.items() if k.startswith(half + " ") and (
            f"{other} {k[len(half) + 1:]}" in sides or (
                half == "south" and k[len(half) + 1:] in sides))}
        if len(named) == 1:
            sides.setdefault(half, named.pop())
    governments = frozenset(sides)  # (the names of its countries and capitals)
    # (a province or town in a speaker's words is that country's: "a senior official in the
    # Gedaref state government", "Residents of Gallabat"; after the countries and capitals)
    for m, r in resolved:
        if r.resolved and r.place.country and r.place.kind != "region":
            sides.setdefault(name_key(m.surface), r.place.country)
    # (officials of people.csv in office then, by full name: "Uhuru Kenyatta", Kenya's)
    # (of a state the report names, or one whose places it names)
    known = NamedOfficials(officials_in(doc.published or ""), text, set(sides.values()))
    titled: dict[str, str] = {}
    names = list(_person_names(text))
    people = _people(text, sides, titled, names)
    for _start, _end, name in names:
        # an official of people.csv named with no title ("The interior ministers of Tunisia
        # and Algeria, Hichem Fourati and Noureddine Bedoui, ... Bedoui said"): theirs
        # (as titled: "Bedoui said" is Noureddine Bedoui, whom people.csv gives his side)
        surname = name_key(strip_possessive(name.split()[-1]))
        if surname not in people and surname not in titled and \
                known.get(name_key(strip_possessive(name))):
            titled[surname] = strip_possessive(name)
    sides.update({k: v[1] for k, v in people.items()})
    # (the dateline's cities are where the report was filed, not what it is about)
    line = _dateline(text)
    filed = _filed(line)
    # (the place the headline names, where it names one: "... fighting erupts at Ta Muen
    # Thom", not Surin, named more often as where the shells fell)
    head = _HEADLINE.match(text) if not (line and line.start() == 0) else None
    # (not a place of what came before: "Turkey bombs ... after Istanbul blast")
    after = {m.start for m, _ in resolved
             if _CAUSE_BEFORE.search(text, max(0, m.start - 14), m.start)}
    # (of two the headline names, the one the report names most: "Ergneti Technical Meeting
    # Ends Without Deal on Chorchana Checkpoint", Chorchana, the standoff's place)
    named = {r.place.id for m, r in resolved if head and m.start < head.end() and
             m.start not in after and r.resolved}
    focus = _focus([(m, r) for m, r in resolved if r.resolved and r.place.id in named and
                    m.start not in filed and m.start not in after], capital_of) if named else None
    focus = focus or _focus([(m, r) for m, r in resolved if m.start not in filed and
                             m.start not in after], capital_of) or \
        _focus([(m, r) for m, r in resolved if m.start not in filed], capital_of)
    places = {r.place.id: r.place for _, r in resolved if r.resolved}
    # the parties: the country of the report's place, and the side named most with troops
    # or forces (then the next, if the report's place gave none)
    acting: Counter = Counter()
    for m in (m for a, b in pieces_holding(text, _ACTOR_NOUNS, _ACTOR_SEPS)
              for m in _ACTOR.finditer(text, a, b)):
        acting[side_in(m["who"], sides)] += 1
        both = _BOTH.search(text, max(0, m.start() - 40), m.start())  # "Kyrgyz and Tajik troops"
        if both:
            acting[side_in(both["who"], sides)] += 1
    territory = places[focus[1]].country if focus and focus[1] in places else ""
    parties = {territory} - {""}
    # (then whose ground or air the text names: "Estonian airspace", "Rwandan territory")
    # (the one named most, where the report's place gave none; a country's)
    ground = Counter(side_in(t["adj"]) for t in _TERRITORY.finditer(text)) if not parties and \
        any(w in text for w in ("territory", "airspace", "soil")) else Counter()
    ground = Counter({k: n for k, n in ground.items() if len(k) == 2})
    if ground:
        parties.add(ground.most_common(1)[0][0])
    for who, _ in acting.most_common():
        if len(parties) >= 2:
            break
        if who and who != "PRESS":  # (forces named with no side are no side)
            parties.add(who)
    issuer = _released_by(text)
    report = Report(doc, people, sides, focus, capital_of, parties, places, filed=filed,
                    acronyms=acronyms(text), officials=known, issuer=issuer,
                    party_publisher=_party_publisher(doc.publisher or issuer or
                                                     _agency_of(line), sides),
                    titled={k: v for k, v in titled.items() if k not in people},
                    governments=governments,
                    unknown_focus=_unknown_focus(resolved, filed, focus, places),
                    place_names=frozenset(name_key(m.surface) for m, r in resolved
                                          if r.resolved))
    if ":" in text:
        report.answers, report.answerer = _answers(text, sides)
    if line:  # (the first city's: "NEW DELHI/BEIJING" is filed from New Delhi first)
        at = next((r.place for m, r in resolved if r.resolved and m.start in filed), None)
        # (else the country it names after a city the gazetteer lacks: "SAVUDRIJA, Croatia,
        # May 4 (Wire) -")
        at = at or next((r.place for m, r in resolved if r.resolved and not m.adjective and
                         r.place.kind == "country" and line.start() <= m.start < line.end()),
                        None)
        report.home = at.country if at is not None else ""
    elif not issuer and (press := _press_home(doc.publisher, text)):
        # no dateline, but an outlet of one country wrote it ("Bangkok Post", or "..., he
        # told ERR News"): its officials of no country named are that country's, as a
        # dateline's are
        report.home, report.home_from = press, "side from the publisher's country"
    return report


# where a report names the outlet it was told or written for ("told ERR News", "in an
# interview with the Bangkok Post")
_TOLD_OUTLET = re.compile(r"\b(?:told|interview with|speaking to|in comments to)\s+(?:the\s+)?"
                          r"(?P<name>[A-Z][\w.’'-]{0,30}(?:[ -][A-Z][\w.’'-]{0,30}){0,3})")
TOLD_LOOKED = 40  # (a bound: the first of these a long text has)


def _press_home(publisher: str, text: str) -> str:
    """The country of the outlet that published the report (its publisher, else the one
    outlet of one country the text says it was told: gazetteer/outlets.csv), else ''."""
    if publisher:
        return outlet_home(publisher)
    homes = set()
    for m in itertools.islice(_TOLD_OUTLET.finditer(text), TOLD_LOOKED):
        words = m["name"].split()
        home = next((h for k in range(len(words), 0, -1)
                     if (h := outlet_home(" ".join(words[:k]).rstrip(".,'’")))), "")
        if home:
            homes.add(home)
    return homes.pop() if len(homes) == 1 else ""


_BOTH = re.compile(r"(?P<who>[A-Z][\w’'-]{0,40}) and $")
# a headline: the text's first line, with no full stop at its end, and a line after it
_HEADLINE = re.compile(r"[ \t]*[^\n]{10,250}(?<![.!?:])(?<![.!?,][”\"])[ \t]*\n"
                       r"(?=[ \t]*\n\s*\S|[ \t]*[A-Z][A-Z'’.]{2,30}"
                       r"(?:[ /-][A-Z][A-Z'’.]{0,30}){0,3}(?:,|:\s| [-–—]{1,2}\s))")
# (then a blank line, or a dateline: not the first line of a text wrapped at 80 columns; a
# quoted word may end it, not a quoted sentence: '... dismisses claims as "propaganda"')
# a dateline: "NEW DELHI/BEIJING, June 17 (Test Wire) -", "BISHKEK, May 1 (Reuters) -"
# (its words apart by a space or a hyphen, never both ways: "A-A-A-..." is read in linear time)
# (in capitals of any Latin script: "SAN JOSÉ", "BOGOTÁ", "ASUNCIÓN")
_CITY = (rf"(?P<city>[{UPPER}][{UPPER}'’.]{{1,30}}(?:[ -][{UPPER}][{UPPER}'’.]{{0,30}}){{0,3}})"
         rf"(?P<more>/[{UPPER}][{UPPER} /'’.-]{{0,40}})?")
# a line's heading, or a transcript's speaker, in capitals, where a dateline's city would be
_HEADINGS = (r"(?:PRESS RELEASE|NEWS RELEASE|PRESS STATEMENT|STATEMENT|PRESENTER|REPORTER|"
             r"CORRESPONDENT|ANCHOR|HOST|UPDATE|BREAKING|EXCLUSIVE|TRANSCRIPT|ANALYSIS)")
_DATELINE_AT = re.compile(rf"(?m)^[ \t]*{_CITY},[^\n(]{{0,30}}\([^)\n]{{1,40}}\)\s*[-–—]")
# ... and a newspaper's or a news agency's own, at the start of one of the report's first
# lines: "WARSAW — ", "ISLAMABAD: ", "YEREVAN, FEBRUARY 15, ARMENPRESS. ",
# "MOSCOW, September 16. /TASS/. " (a city of three letters at least)
_DATELINE_OWN = re.compile(rf"[ \t]*(?:\([^)\n]{{1,40}}\)[ \t]*)?"  # ("(Translated from French) ")
                           rf"(?!{_HEADINGS}\b)"  # (a heading, not a city: "PRESS RELEASE -")
                           rf"(?:(?=(?:[{UPPER}]['’.]?){{3}}){_CITY}"  # (N'DJAMENA too)
                           # (and "SANTIAGO (translated from Spanish) - ")
                           rf"(?:,[^\n,.:]{{1,30}}){{0,2}}(?: \([^)\n]{{1,40}}\))?|"
                           # (and an agency's, with the city in small letters: "Tehran, IRNA
                           # -- ", "Baku, May 14, AZERTAC. ")
                           # (in any Latin script: "Cúcuta, August 29, 2015")
                           rf"(?P<town>[{UPPER}][a-zß-öø-ÿ]{{2,20}}(?: [{UPPER}][a-zß-öø-ÿ]"
                           r"{2,20})?)(?:, (?:"
                           # (and a year: "Caracas, 22 February 2019. ")
                           r"[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,8}"
                           r"(?: \d{4})?|"
                           r"[A-Z]{2,10}(?:/[A-Z]{2,10})?))+"
                           # (and its agency in brackets: "Addis Ababa, June 15 (ENA) —")
                           r"(?: \([A-Z][^)\n]{1,30}\))?)"
                           # (and a Latin American paper's: "SANTO DOMINGO.- The ...")
                           r"(?:\s[-–—]{1,2}\s|:\s|\.\s|\.?\n|(?<=\.)-\s|\.-\s)")
DATELINE_LINES = 4  # (the headline, a byline, a date line, then the dateline's)
# ... or the date first, the city in brackets after it, as a paper of both Sudans gives it:
# "April 12, 2012 (KHARTOUM) – ", "12 April 2012 (JUBA) - "
_DATELINE_DATED = re.compile(rf"[ \t]*(?:[A-Z][a-z]{{2,8}}\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} "
                             rf"[A-Z][a-z]{{2,8}},? \d{{4}}) \({_CITY}\)\s*[-–—]{{1,2}}\s")
# ... or a byline that says where its correspondent files from, alone on its line, as South
# Asian dailies give it: "Staff Correspondent, from Bandarban", "Our Correspondent, Cox's
# Bazar", "By Ali Khan, Staff Reporter, Quetta"
_BYLINE = re.compile(rf"[ \t]*(?:By [^\n,]{{1,40}}, )?(?:(?:Staff|Our|Special|Senior|Own|"
                     r"District|Diplomatic|Local|Regional) )?(?:Correspondent|Reporter)s?,?\s"
                     rf"(?:from\s|in\s)?(?P<town>[{UPPER}][\w'’-]{{2,20}}"
                     rf"(?: [{UPPER}][\w'’-]{{2,20}})?)[ \t]*$")


def _after_dateline(text: str) -> int:
    """Where a sentence's own words begin: after the dateline it opens with, if any ("GUATEMALA
    CITY — Guatemala's foreign ministry ..."), else 0."""
    line = _DATELINE_AT.match(text) or _DATELINE_OWN.match(text) or \
        _DATELINE_DATED.match(text) or _HEADING.match(text) \
        if text[:1].isupper() or text[:1] == "(" else \
        _TIMESTAMP.match(text) if text[:1].isdigit() else None
    return line.end() if line else 0


# ("PRESS RELEASE - Ministry of ...", "CORRESPONDENT (voice-over): Prime Minister ...")
_HEADING = re.compile(rf"{_HEADINGS}\b(?:\s?\([^)\n]{{1,30}}\))?\s*[:—–.-]?\s*")


# a live blog's time stamp before an entry's words ("11:20 — ", "14:05 GMT: ")
_TIMESTAMP = re.compile(rf"\d{{1,2}}[:.]\d{{2}}(?: ?(?:{_TIMEZONES}|ET|AM|PM|am|pm|"
                        r"local time))?(?:\s*[—–]\s*|\s+-\s+|:\s+|[ \t]*\n\s*)")


def _dateline(text: str) -> re.Match | None:
    """The report's dateline: a wire's within its first 3,000 characters, else a
    newspaper's or an agency's own at the start of one of its first lines."""
    wire = _DATELINE_AT.search(text, 0, 3000)
    if wire:
        return wire
    at, lines = 0, 0
    while at < min(len(text), 3000) and lines < DATELINE_LINES:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if text[at:end].strip():
            lines += 1
            own = _DATELINE_OWN.match(text, at, end + 1) or _BYLINE.match(text, at, end) or \
                _DATELINE_DATED.match(text, at, end)
            if own:
                return own
        at = end + 1
    return None


def _agency_of(line: re.Match | None) -> str:
    """The agency a dateline names in brackets ("Addis Ababa, June 15 (ENA) —": ENA), or
    that stands in the dateline's place ("NNA - Israeli forces ..."), the report's
    publisher where none is given; or ""."""
    found = _BRACKETED.search(line.group()) if line else None
    if found:
        return found[1]
    city = line.groupdict().get("city") or "" if line else ""
    return city if side_terms().get(name_key(city), ("", ""))[1] == "institution" else ""


_BRACKETED = re.compile(r"\(([^)\n]{1,40})\)")


def _filed(line: re.Match | None) -> range:
    """Where a dateline names the cities the report was filed in (offsets in the text)."""
    if line is None:
        return range(0)
    if line.groupdict().get("town"):  # ("Tehran, IRNA -- ")
        return range(*line.span("town"))
    return range(line.start("city"), line.end("more") if line["more"] else line.end("city"))


def _focus(resolved, capital_of=None) -> tuple[str, str] | None:
    """The place the report is about: the place it names most that is neither a country,
    a wide region nor a capital (capitals mostly stand for governments); ties go to the
    first named. A region of one country counts too (a headline's "Yangtse", a sector, the
    Senkaku Islands); one ``WIDE_KM`` across or more ("the Essequibo") only where no place
    of its own is named twice."""
    counts: Counter = Counter()  # (by place, whatever its names: "Vaindloo island" too)
    first: dict = {}  # place id -> (offset, surface) of its first mention
    wide: set = set()  # (a sea or a range hundreds of kilometres wide: the Baltic Sea)
    for m, r in resolved:
        if r.resolved and r.place.kind != "country" and (
                r.place.kind != "region" or r.place.country) and not (
                capital_of and capital_of(r.place)):
            counts[r.place.id] += 1
            first.setdefault(r.place.id, (m.start, m.surface))
            if (r.place.radius_km or 0) >= WIDE_KM:
                wide.add(r.place.id)
    if not counts:
        return None
    # (a place of its own named again before a wide one, wherever it lies: Vaindloo, not
    # the Baltic Sea)
    fine = [k for k in counts if k not in wide and counts[k] > 1] if wide else []
    best = max(fine or counts, key=lambda k: (counts[k], -first[k][0]))
    return first[best][1], best


def _unknown_focus(resolved, filed, focus, places) -> str:
    """The place the words mark but the gazetteer lacks ("the Sarstoon River", "the Ras
    Jedir crossing") that the report names most, where it names it more often than its
    place ``focus``, else ''; not where that is an area that may hold it (Syunik province,
    about Nerkin Hand: the claims are in the province, as precise as the gazetteer is)."""
    if focus and focus[1] in places and places[focus[1]].kind in _AREA_KINDS:
        return ""
    counts: Counter = Counter()
    first: dict = {}
    known = 0
    for m, r in resolved:
        if m.start in filed:
            continue
        if m.marked and not r.resolved:
            key = name_key(m.surface)
            counts[key] += 1
            first.setdefault(key, m.surface)
        elif focus and r.resolved and r.place.id == focus[1]:
            known += 1
    if not counts:
        return ""
    key, n = counts.most_common(1)[0]
    return first[key] if n > known else ""


_AREA_KINDS = frozenset(("admin1", "admin2", "region", "country"))
_CAUSE_BEFORE = re.compile(r"\b(?:after|following|since)\s+(?:the\s+|a\s+)?$", re.I)
WIDE_KM = 100.0  # (a place wider than this is the report's place only where no other is)


def claims_in(sent: Sentence, report: Report) -> list[Claim]:
    """The claims one sentence makes, composed from the rules below: one per thing it
    says (``clauses``) and per place it names for that thing (``place``)."""
    speech = speaker(sent, report) if _may_speak(sent) or report.answers else None
    if speech is None:
        date(sent, report)  # (its day still moves the report's narrative time on)
        # a sentence that claims nothing may still bring a person forward, whom "he"
        # next means ("Pashinian gave some details ... he told lawmakers")
        # (after where they were: "In Phnom Penh, Lt Gen Maly Socheata, spokeswoman for
        # ..., gave the opposite account")
        lead = _after_dateline(sent.text)  # (not "GUATEMALA CITY —")
        when = _OPENING_TIME.match(sent.text, lead)  # (nor "On Sunday the Taliban's ...")
        if when and (sent.text.startswith(",", when.end()) or
                     sent.text[when.end():when.end() + 2].strip()[:1].islower()):
            lead = when.end() + (sent.text.startswith(",", when.end()))
        where = _WHERE_FIRST.match(sent.text, lead)
        at = where.end() if where else lead
        at += len(sent.text[at:]) - len(sent.text[at:].lstrip())
        head = _HEAD.match(sent.text, at + 4 if sent.text.startswith("the ", at) else at)
        who = name_key(strip_possessive(head["np"].split()[-1])) if head else ""
        if head and who not in report.people and who not in report.titled and \
                sent.text[head.end():].split(" ", 1)[0].lower() in _TITLE_WORDS | {"and"}:
            # (a person named after a role of lower-case words: "Government spokesman
            # Legesse Tulu repeated that position on Wednesday", "Deputy Prime Minister and
            # Defence Minister Wladyslaw Kosiniak-Kamysz ordered ...")
            np = list(itertools.takewhile(lambda w: w[:1].isupper() or w.lower() in
                                          _TITLE_WORDS or w == "and",
                                          sent.text[head.start("np"):].split()[:16]))
            named = name_key(strip_possessive(np[-1])) if np else ""
            who = named if named in report.people or named in report.titled else who
        aside = _NAMED_ASIDE.match(sent.text, head.end()) if head else None
        role_side = ""
        if aside and who not in report.people:  # (by the name said aside: "The Colombian
            # Chancellor, Rosa Villavicencio, who accompanied the President, tried to ...")
            who = name_key(aside.group().strip(", ").split()[-1])
        elif not aside and (aside := _NAMED_ASIDE.search(sent.text, at, at + 160)) and \
                _ROLE_SUBJECT.fullmatch(sent.text, at, aside.start()) and \
                set(_LOWER_WORDS.findall(sent.text[at:aside.start()].lower())) & (
                    _ROLES | _KIN):  # (or a kinsman: "His father, Senate President Hun Sen,")
            # (and after a subject of role words: "The commander of the Iranian army's ground
            # forces, Brig Gen Kioumars Heydari, travelled to the province", "he" next, of
            # the side the role's words tell)
            who = name_key(aside.group().strip(", ").split()[-1])
            role_side = report.side_of(sent.text[at:aside.start()])
        if _introduce(sent, report, after=head.start("np") if head else -1):
            return []  # (one its words introduce, after its subject, is "he" next)
        if who in report.people:
            report.speakers.append(_Speaker(*report.people[who], True))
        elif who in report.titled:  # ("Defence Minister Władysław Kosiniak-Kamysz ordered")
            if role_side not in ("", "PRESS"):
                report.side_found(report.titled[who], role_side)
            report.speakers.append(_Speaker(report.titled.get(who) or report.people[who][0],
                                            role_side if role_side != "PRESS" else "", True))
        elif head and head["np"].strip().endswith(("'s", "’s")) and (
                _head_np(sent.text[head.start("np"):]).split()[-1:] or [""])[0].lower() \
                in _BODIES:
            # ("Guatemala's foreign ministry on Friday sent a note": the ministry)
            np = _head_np(sent.text[head.start("np"):])
            report.speakers.append(_Speaker(np, report.side_of(np), False))
        elif head and _body(head["np"].split()) and (report.side_of(head["np"]) or _body(
                _head_np(sent.text[head.start("np"):]).split())):
            # (not "Police chief orders ...")
            # a body, whose spokesperson speaks next ("In Beijing, the PLA's Eastern
            # Theatre Command offered a different version. Its spokesperson ... said"), and
            # which "it" next means, of a side we can tell or not ("The Socialist Front ...
            # went further on Friday. In a joint statement, it called ...": theirs, no
            # claim, not an earlier body's)
            # (a state's body with no country in its name, where such a body published
            # the report, is theirs: "PRESS RELEASE - Ministry of National Defence, Ankara.")
            # (named whole, with whose it is after it: "the Ministry of Foreign Affairs of
            # Uzbekistan declined to comment ... The ministry noted ...": Uzbekistan's)
            np = _head_np(sent.text[head.start("np"):])
            seat = _SEAT_AFTER.match(sent.text, head.start("np") + len(np)) if \
                sent.text.startswith(np, head.start("np")) else None
            if seat and report.capital_or_country(seat["where"]):
                np = f"{np} in {seat['where']}"  # ("the Ministry of Foreign Affairs in
                # Kathmandu issued a statement ... The ministry said": Nepal's)
            whose = report.side_of(head["np"]) or report.side_of(np) or (
                report.party_publisher if len(report.party_publisher) == 2 and
                set(head["np"].lower().split()) & _STATE_BODIES else "")
            report.speakers.append(_Speaker(np if len(np) > len(head["np"].strip()) and
                                            whose else head["np"].strip(), whose, False))
        elif head and report.side_of(head["np"].split()[0]) not in ("", "PRESS") and \
                len(words := _head_np(sent.text[head.start("np"):]).split()) > 1 and \
                words[-1].lower() in _BODIES and report.side_of(words[0]) not in ("", "PRESS"):
            # ("The Chinese embassy in New Delhi weighed in on Monday. In a statement, an
            # embassy spokesperson denied ...": the embassy, China's)
            report.speakers.append(_Speaker(" ".join(words), report.side_of(words[0]), False))
        return []
    who_side, side_note = side(speech, report, sent)
    # "officials from both countries said": each of the two parties says it
    both = sorted(report.parties) if len(report.parties - {"PRESS"}) == 2 and (
        _BOTH_SPEAK.fullmatch(speech.claimant) or _EACH.fullmatch(speech.claimant)) else []
    if both:
        who_side, side_note = both[0], "side from the parties"
    elif _EACH.fullmatch(speech.claimant):
        who_side = ""  # (each of more or fewer than two parties: not the dateline's alone)
    # ("he" next means them, whether or not their side is known)
    remember(speech, who_side, sent, report)
    if not who_side:
        # nobody we can place on a side: still a claim, honestly of a side not found (not
        # someone else's), but for a bare pronoun that means no one named
        if speech.claimant.lower() in PRONOUNS or not speech.claimant.strip():
            return []
        who_side, side_note = UNKNOWN_SIDE, "side not found"
    elif report.titled and side_note not in _HOME_NOTES and who_side != "PRESS":
        report.side_found(speech.claimant, who_side)
    text, doc = sent.text, report.doc
    # "Kyrgyzstan and Tajikistan accused each other": each accuses
    voices = [(speech.claimant, who_side)]
    verb = speech.verb
    if both:  # (a claim each, its claimant named with its side: the two told apart)
        voices = [(f"{speech.claimant} ({p})", p) for p in both]
    elif (" and " in speech.claimant or ", " in speech.claimant) and verb is not None and \
            _MUTUAL.match(text, verb.start()):
        parts = [w.strip() for w in re.split(r",| and ", speech.claimant) if w.strip()]
        named = [(w, report.side_of(w)) for w in parts[:MAX_CLAUSES]]
        if all(x for _, x in named) and len({x for _, x in named}) == len(named):
            voices = named  # (sides apart, each accusing: not "Nikol Pashinian, Armenian PM")
    elif " and " in speech.claimant and verb is not None and \
            len(pair := speech.claimant.split(" and ")) == 2 and all(
                set(_LOWER_WORDS.findall(p.lower())) & _ROLES and _NAME_END.search(p)
                for p in pair):
        # two officials of two sides, each named with their role, who say it together
        # ("Armenia's deputy foreign minister Vahan Kostanyan and Turkey's special envoy
        # for normalisation, Serdar Kılıç, said ..."): a claim each, each of their side
        named = [(p.strip(", "), report.side_of(p)) for p in pair]
        if all(x not in ("", "PRESS") for _, x in named) and named[0][1] != named[1][1]:
            voices = named
    # where what is said begins (with "according to" the verb may be anywhere)
    said_at = speech.verb.end() if speech.verb and speech.how != "according" else None
    # what is said before its speaker ("'... an encroachment ...,' Pashinyan told a
    # government meeting") is read there first, not in the words about the saying
    before_speaker = speech.span[0] if said_at is not None and speech.span[0] > 0 and \
        not _THAT.search(text, said_at) else 0
    hit = (_EVENT.search(text, 0, before_speaker, low=sent.low) if before_speaker else None) \
        or _EVENT.search(text, said_at or 0, low=sent.low) or _EVENT.search(text, low=sent.low)
    who_acts, actor_side = actor(sent, speech, who_side, report)
    out: list[Claim] = []
    before: list = []  # the places of the clause before
    before_what, before_acts = "", None  # and its event, and who acted
    made: set = set()  # what the claims so far say (who, how, what, who acts, where, when)
    for (a, b, lead), (voice, voice_side) in ((c, v) for v in voices
                                              for c in clauses(sent, speech)):
        own_voice = _clause_voice(lead, a, sent, speech, report)
        if own_voice is None:
            claimant, side_here, said, note = voice, voice_side, speech.how, side_note
        elif not own_voice[1]:
            continue  # another speaker, on no side we can tell
        else:
            claimant, side_here, said, lead = own_voice
            note = ""
        how = stance(sent, Speech(claimant, speech.span, said, speech.verb), a, b, lead)
        acts, acts_side = (who_acts, actor_side) if lead not in _OUTCOME or not before_acts \
            else before_acts  # (what came of an act is of those who did it)
        if a and (_ACCUSING.match(text, a) or lead in _SAYS_MORE or lead == "that"):
            # a later clause that accuses forces of a side of its own, or says more of
            # them: theirs (", accusing Sudan's army of ...": the army; "... and said
            # Congolese shells had landed": the shells; not ", killing three Armenian
            # soldiers", those it was done to)
            here = actor(sent, speech, who_side, report, a, b)
            if here[0] and here[1] and report.side_of(here[0]):
                acts, acts_side = here
        # (a release's own words are its issuer's: "PRESS RELEASE - Ministry of National
        # Defence, Ankara. Turkish aircraft struck 20 targets ...")
        claimant = claimant or doc.publisher or report.issuer or "the report (unattributed)"
        own = _EVENT.search(text, a, b, low=sent.low) if a else None
        what = (own or hit).lastgroup if (own or hit) else "statement"
        if a and not own and before_what and own_voice is None:
            # a clause that names no event goes on about the one before it ("..., and said
            # Congolese shells had landed in Rubavu, killing five civilians": the shelling)
            what = before_what
        deep = _DEPTH.search(text, a, b) if what == "incursion" else None
        depth = (_DEPTH_WORDS.get(deep["n"].lower()) or float(deep["n"])) if deep else None
        day, precision, carried = date(sent, report, a, b, said_at)
        # (another speaker's clause: its place after its speaker's words where they are a
        # country, ", while Saudi Arabia warned that ...": not Saudi Arabia; but ", while
        # residents of Vorukh said ...": Vorukh)
        voiced = _VOICE.match(text, a) if own_voice is not None and lead in _VOICE_VERBS \
            and report.capital_or_country(strip_possessive(claimant)) else None
        wheres = place(sent, speech, acts_side, report, voiced.end() if voiced else a, b,
                       speaker_side=side_here)
        denied = _EVENT.search(text, a, b, low=sent.low) if how == "denies" else None
        # (the other side's charge of what it denies, else its last)
        against = report.charge_against(side_here, denied.lastgroup if denied else "") \
            if how == "denies" else None
        if lead == "denied" and said == "denied" and before:
            wheres = before  # (what is denied happened where the charge says)
        elif before and all(w[2] is True for w in wheres) and \
                not any(w[2] is True for w in before):
            # a clause that names no place goes on about the places the sentence named
            # ("... at Naku La in north Sikkim, the army said, adding that the situation
            # had been resolved"), not the report's place, which may be another
            wheres = [(pid, surface, _BEFORE) for pid, surface, _ in before]
        elif how == "denies" and all(w[2] is True for w in wheres) and against:
            # "Tajikistan's border service denied the accusation": where it was made
            wheres = [(pid, surface, _CHARGE) for pid, surface, _ in against[0]]
        if against and not denied:
            what = against[1]  # (what the charge it denies says happened)
        before, before_what, before_acts = wheres, what, (acts, acts_side)
        if note in _HOME_NOTES:
            report.home_guessed.add(_surname_key(claimant))
        if how == "asserts" and wheres and wheres[0][0] and side_here != UNKNOWN_SIDE and \
                not any(w[2] is True or w[2] is _CHARGE for w in wheres):
            # (and whether its side was the dateline's guess, for them or for one "he" goes
            # back to: no charge of the dateline's side to answer then)
            report.charges = [*report.charges[1 - CHARGES_KEPT:], (
                side_here, wheres, what, _surname_key(claimant) in report.home_guessed)]
        for place_id, surface, from_focus in wheres:
            said_here = (claimant, side_here, how, what, acts, place_id or surface, day, depth)
            if lead in _OUTCOME and said_here in made:
                # what came of the act ("... fired rockets at a village in Surin province,
                # killing two villagers"), where it reads as the same claim (the same
                # shelling there, by the same forces): part of the claim made already
                continue
            made.add(said_here)
            inferred = speech.inferred if own_voice is None else ""
            check = "; ".join(filter(None, [
                (f"speaker from {inferred!r}" if said != "quote" else
                 "speaker of the quote before") if inferred else "",
                note,
                "date from an earlier sentence" if carried else "",
                "the report's own voice" if said == "narration" else "",
                "place from the report's focus" if from_focus is True else
                "place from the clause before" if from_focus is _BEFORE else
                "place from the charge denied" if from_focus is _CHARGE else
                "place from the speaker's words" if from_focus is _SPEAKERS else
                "place from the town named before" if from_focus is _THE_TOWN else
                "place from the province named before" if from_focus is _THE_AREA else ""]))
            fields = {"source": doc.title, "url": doc.url, "date": day, "place": surface,
                      "claimant": claimant, "stance": how, "event": what,
                      "text": text.strip()}
            out.append(Claim(
                id=claim_id({**fields, "text": f"{sent.start}{f'+{a}' if a else ''}:{text}"}),
                text=" ".join(text.split()), claimant=claimant, claimant_side=side_here,
                stance=how, event=what, actor=acts, place=place_id or surface, date=day,
                date_precision=precision, published=doc.published,
                source=doc.title or doc.name.rsplit("/", 1)[-1], publisher=doc.publisher,
                url=doc.url, role=role(side_here, acts_side, place_id, sent, report),
                span_start=sent.start, span_end=sent.end, depth_km=depth, check=check,
                origin=f"{doc.name}#{sent.start}-{sent.end}"))
    return out


_HOME_NOTES = ("side from the dateline", "side from the publisher's country")


def _may_speak(sent: Sentence) -> bool:
    """Whether ``speaker`` may find anyone in the sentence: a word a verb of saying, a hedge
    or an event may begin with, "according to", or a quotation going on. One look for all
    of them, where most sentences say nothing and ``speaker`` would look three times."""
    low = sent.low
    return len(low) != len(sent.text) or "according to" in low or \
        sent.text.lstrip()[:1] in "“\"" or _SPEAKS.find(low) >= 0


# the leading words of the verbs, hedges and events (keyed.py), each at a word's start
# (each pattern must have them: one alternative that may begin with anything, "(?:re)?x",
# would leave all its words out here, and the sentences they alone start unread)
for _keyed in (_VERBS, _HEDGE, _EVENT):
    if not _keyed.words:
        raise ValueError(f"not keyed (an alternative begins with no word): "
                         f"{_keyed.rx.pattern[:60]}")
_SPEAKS = WordKeys(_VERBS.words + _HEDGE.words + _EVENT.words + _DISMISS_WORDS)


def _clause_voice(lead: str, a: int, sent: Sentence, speech: Speech, report: Report
                  ) -> tuple[str, str, str, str] | None:
    """Who says the clause at ``a`` where it is not the sentence's speaker: (claimant, side,
    verb, lead) - side "" when it cannot be told - or None for the sentence's speaker."""
    if lead.startswith("denied by "):
        # "..., a claim Bishkek dismissed as disinformation": Bishkek denies it
        who = lead[10:]
        return who, report.side_of(who), "denied", "denied"
    if lead.startswith("called by "):
        # "..., which Pakistan called a violation of its sovereignty": Pakistan's claim
        who = lead[10:]
        return who, report.side_of(who), "termed", "termed"
    if lead == "voice":
        # another speaker in the same sentence: ", while Hezbollah said ..."
        v = _VOICE.match(sent.text, a)
        who = _subject(v["who"])
        key = name_key(who.split(" ")[-1]) if who else ""
        who = report.people[key][0] if key in report.people else who
        return who, report.side_of(who), v["verb"], v["verb"]
    if lead == "which it says" and speech.subject:
        # "asked Moscow to help it deal with troops which it says crossed ...": the one
        # who asks claims the crossing
        return speech.subject, report.side_of(speech.subject), "says", lead
    return None


# a clause that says more (_CLAUSE's cuts: "... and said", ", adding that")
_SAYS_MORE = frozenset({"said", "says", "say", "added", "adds", "adding", "saying", "claiming",
                        "insisted", "insisting", "stressed", "noted"})
# a clause that tells what came of the act before it (_CLAUSE's cuts: ", killing ...")
_OUTCOME = frozenset({"killing", "wounding", "injuring", "leading", "prompting"})
# (a clause's place taken from the clause before it in the sentence: claims_in)
_BEFORE = "the clause before"
# (a denial's place taken from the charge it denies, said in an earlier sentence)
_CHARGE = "the charge denied"
# (a place of residents or witnesses, named where they are named: place)
_SPEAKERS = "the speaker's words"
# (the town or village the report named last, which "the town" means: place)
_THE_TOWN = "the town named before"
_TOWN_WORDS = re.compile(r"\b(?:the|this|that) (?:town|village|city|hamlet)\b(?! of\b)")
# (the province or district the report named last, which "the province" means: place)
_THE_AREA = "the province named before"
_AREA_WORDS = re.compile(r"\b(?:the|this|that) (?:same )?(?:province|district|county|"
                         r"governorate|oblast|prefecture|woreda|upazila)\b(?! of\b)"
                         # (not a body it owns: "the province's vice governor", "an official
                         # of the woreda administration")
                         r"(?!['’]s\b|\s+(?:administration|authorities|government|council|"
                         r"office|officials?|police|governor|chief|commissioner|headquarters|"
                         r"capital|seat|town)\b)")  # (nor its town: "the district headquarters")
MAX_CLAUSES = 4  # things one sentence is read to say (a bound for hostile input)
CHARGES_KEPT = 20  # the last charges a denial may deny (Report.charges)
MAX_PLACES = 6  # claims one clause gives, a place each
SPEAKERS_BACK = 8  # the last speakers a name's one word may mean ("Kim said")
GROUP_BACK = 600  # characters back to the group "the group's" means
TOWN_BACK = 600  # characters back to the sentence that named the town "the town" means


_LEAD_WORD = re.compile(r"[\w’']+")
_IT_SAYS = re.compile(r"(?:it|he|she|they) (?:says|said|claims|claimed|regards as)\b")
_DENIER = re.compile(r"(?P<who>(?:[A-Z][\w’'.-]+ ){1,4}(?:(?:officials|authorities|"
                     r"government|ministry|military|army) )?)(?:has |have |had )?(?:denied|"
                     r"denies|dismissed|dismisses|rejected|rejects|refuted|refutes|disputes|"
                     r"disputed|called)\b")  # (and "Greek officials")
# (what another side denies: "a claim Bishkek dismissed", "..., which Israel denies")
_A_CLAIM = re.compile(r"\b(?:(?:claim|accusation|charge|allegation|report|figure)s?|which)\b")


def clauses(sent: Sentence, speech: Speech) -> list[tuple[int, int, str]]:
    """(start, end, lead) of each thing a sentence says, in order: the first runs from the
    sentence's start; each further one from a cut such as "and said", ", adding that",
    ", again accusing", "which it says", "... but their presence continues" or "and must
    be withdrawn" after the verb of saying. ``lead`` is the cut's first word ("said",
    "adding", "must") or "which it says"; "" for the first."""
    text = sent.text
    begin = speech.verb.end() if speech.verb else 0
    out, start, lead = [], 0, ""
    for m in _clause_cuts(text):
        if text[m.start() - 1:m.start()] == "." and \
                _ABBREV.search(text, max(0, m.start() - 12), m.start() - 1):
            continue  # (not a full stop: "told the U.N. Security Council")
        if m.start() < begin and not sent.quoted(m.start()) and m.end() > speech.span[0] and \
                not (speech.verb is not None and m.end() == speech.verb.start() and
                     m.group().strip(" ,") in ("and", "but")):
            # (before the verb of saying: in a quotation, before the speaker, or right
            # before the verb - "have put their toll at 19 and say ...")
            continue
        if len(out) == MAX_CLAUSES - 1:
            break
        out.append((start, m.start(), lead))
        start = m.end()
        word = _LEAD_WORD.match(text[start:])
        lead = word.group().lower() if word else ""
        if _IT_SAYS.match(text[start:]):
            lead = "which it says"
        voice = _VOICE.match(text, start) if m.group().startswith((", ", "; ")) else None
        if voice and voice["who"].split()[0].lower() not in (
                "also", "then", "again", "has", "have", *PRONOUNS, "we", "i"):
            lead = "voice"
        denier = _DENIER.match(text[start:])
        if denier and _A_CLAIM.search(m.group()):
            # (", which Pakistan called a violation": what it calls the act, its claim;
            # ", which Bishkek called disinformation" a denial)
            named = "which" in m.group() and denier.group().endswith("called") and \
                not _DISMISS.match(text, start + denier.end() - len("called"))
            lead = ("called by " if named else "denied by ") + denier["who"].strip()
    out.append((start, len(text), lead))
    return out


_AND_END = re.compile(r"\band\s+$")
_LEAD_CLAUSE = re.compile(r"\s*(?:After|When|Before|While|Although|Though|Once)\s"
                          r"(?:(?!that\b)[^,;:“”\"]){1,200}?\b(?:said|says|told|claimed|announced|"
                          r"accused|warned)\b[^;:“”\"]{0,200}?,\s(?=[A-Z])")
# (the verbs that put who said it after them: "Azerbaijani troops shelled Berd, said two
# Armenian security officials")
_INVERTING = frozenset("said says told tells added adds wrote writes".split())
_ACTED_ON = re.compile(r"\b[a-z]{3,}ed\s+(?:the\s+)?$")  # ("summoned the", "expelled")
_NO_ONE = frozenset(("no", "none", "nobody", "neither"))
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
# a subject's words before a name said aside: capitalised, title words, "of", "the", "his"
_SUBJECT_ONLY = re.compile(r"(?:(?:[A-Z][\w’'.-]*|the|of|for|his|her|its|their|a|an|"
                           r"[a-z]+['’]s|" + "|".join(sorted(ROLE_NOUNS | MODIFIERS)) +
                           r")\s*)*")
# whom a speaker addresses, right after the verb ("expressed regret to Quito", "told Kabul",
# "sent a note to Lima")
_ADDRESSED = re.compile(r"(?:(?: (?!(?:that|in|at|from|near|by)\b)[a-z]+){1,3} to| to)? "
                        r"(?P<whom>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)"
                        r"(?= (?:that|to|of|on|over|for)\b|[,.])")
_QUOTE_BEFORE = re.compile(r"[,.?!…][”\"’']\s+[^”\"“‘]{1,50}$")
_CLOSE_TO_END = re.compile(r"(?:^|(?<=[\s,]))(?P<who>(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Ss]everal|"
                           r"[Ss]ome)\s(?:[\w’'-]+\s){0,3}?(?:sources?|officials?|officers?|"
                           r"diplomats?)\s(?:close to|familiar with)\s(?:the\s)?[\w’'-]+"
                           r"(?:\s[\w’'-]+)?)\s*$")
_NAME_END = re.compile(r"[A-Z][\w’'-]+ [A-Z][\w’'-]+,?$")
_SEAT_AFTER = re.compile(r" in (?P<where>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)\b")
_THE_COUNTRYS = re.compile(r"(?:[Tt]he )?(?:country|nation|kingdom|republic)['’]s ")
_NAMED_ASIDE = re.compile(r",\s(?:[A-Z][\w’'-]+\s){1,3}[A-Z][\w’'-]+,\s")
# a subject of a few words before such a name ("The commander of the Iranian army's ground
# forces"): no comma, no verb's tense
_ROLE_SUBJECT = re.compile(r"(?:the|an?|[A-Z][\w’'-]*)(?: (?![a-z]+ed\b)[\w’'.-]+){1,10}")
_SMALL_DETERMINERS = frozenset("some many several the a an other most".split())
_KIN = frozenset("father mother son daughter brother sister wife husband".split())
_ITS_END = re.compile(r"\b(?:its|their)\s+$")
# a sentence that opens with how or when one spoke, then "its" ("In a statement on Monday,
# its foreign ministry"; a bounded opening: linear time)
_OPENER_ITS = re.compile(r"\s*(?:In|On|Later|Earlier|Separately|Meanwhile)\b[^,;:.]{0,80},\s*"
                         r"(?:its|their)\s+")
_INVERTED = re.compile(r"(?:^|[,”\"])\s*$")
_WORD_BEFORE = re.compile(r"\b(?!(?:an?|the|one|two|three|four|five|several|some|many|other|"
                          r"another|said|says|and|but)\b)[a-z][a-z’'-]*\s+(?:the\s+)?$")
_TO_LISTENER = frozenset(("told", "tells", "tell", "informed", "informs", "assured", "assures"))
_DAY_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | {"yesterday", "today"}
_ARTICLE_END = re.compile(r"\b(?:an|the)\s$", re.I)
_POSTED_BY = re.compile(r"\b(?:statement|message|video|letter|note|post)\s+$")
_TOLD_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s(?:\w+(?:ed|en)\s(?:\w+\s){0,8}"
                           r"and\s)?$")  # ("was called ... and told", not "was in Delhi and told")
# what may open a sentence before its subject: a bullet, and the day ("On 30 January,")
_LEAD_IN = re.compile(r"\s*(?:[-*•]\s+)?(?:(?:[Oo]n|[Bb]y|[Ll]ate on|[Ee]arly on)\s+(?:\d{1,2}"
                      r"\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}|(?:Mon|Tues|Wednes|Thurs|"
                      r"Fri|Satur|Sun)day)(?:,?\s+\d{4})?,\s*)?")
# one who speaks named at the sentence's end, after a comma: ", a high-level source told
# state-linked Al-Qahera News.", ", two officials said."
_FRAME_END = 240  # (characters: its name's six words, the verb, and sixty after)
_FINAL_FRAME = re.compile(r",\s(?!(?:an?|the)\s(?:claim|charge|accusation|allegation|report|"
                          r"version|move)\b)(?P<who>(?:an?|the|one|two|three|several|some)\s"
                          r"(?:[\w’'-]+\s){0,5}?(?:sources?|officials?|diplomats?|officers?|"
                          r"spokes(?:man|woman|person)|ministers?)"
                          # (and whom they are close to: "..., a source close to the army said")
                          r"(?:\s(?:close to|familiar with)\s(?:the\s)?[\w’'-]+(?:\s[\w’'-]+)?)?"
                          # (and one's own office: "..., Gallant's office said", "..., his
                          # spokeswoman Kim Hee-jung said")
                          r"|[A-Z][\w’'-]{1,30}['’]s\s(?:[\w’'-]+\s){0,2}?(?:office|ministry)"
                          r"|(?:his|her)\s(?:[\w’'-]+\s)?(?:spokes(?:man|woman|person)|office|"
                          r"press secretary)(?:\s[A-Z][\w’'-]+){0,3})\s"
                          r"(?P<verb>told|said|added|says)\b"
                          # (not what they said of it: "..., a charge officials said was false")
                          r"(?!\s(?:was|were|is|are|had|has|would|that)\b)"
                          r"[^,;.“”\"]{0,60}[.!][”\"’]?\s*$")
# a verb of saying in the passive ("it was reported", "was strongly condemned") and the one
# it was said by, to where the name ends
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:(?:also|further|again|"
                             r"then|later|\w+ly)\s+){0,2}$")
_BY_AGENT = re.compile(r",?\s+by\s+(?P<who>(?:the\s+|an?\s+)?[A-Za-z][^,;:()“”\"\n.]{1,100}?)"
                       r"(?=\s*(?:[,;:()“”\"\n]|\.(?:\s|$)|$)|\s+(?:that|on|as|in|at|after|"
                       r"during|who|which|and)\b)")
# a participle that is no frame: after a preposition, or an aside before the verb of saying
_PREP_BEFORE = re.compile(r"\b(?:after|before|while|without|by|for|of|since|on|in)\s+$", re.I)
_SAID_LATER = re.compile(r"[^,;]{0,120},\s*(?:[\w’'-]+ ){0,6}?(?:said|says|told)\b")
_NOT_SAYING = re.compile(r"\b(?:not|n't|never|declined to|refused to)\s+$")
# the words a body of no state's government is named by again ("the organization said")
_ALLIANCE_REFS = frozenset("bloc alliance confederation coalition".split())
_ORG_REFS = frozenset("group organization organisation agency watchdog charity".split()) | \
    _ALLIANCE_REFS | \
    _CHURCH_BODIES  # (and a church's: "The Serbian Orthodox Diocese ... said. The diocese said")
_INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+$")


def _how(verb: re.Match) -> str:
    """How a verb found says: its word, or "dismissed" for a lie called so (_DISMISS)."""
    if verb.re is _DISMISS:
        return "dismissed"
    word = verb["verb"].lower()
    # (naming: "called the strike a breach" asserts; "called on" is a call, CALL's)
    return "termed" if word in ("called", "calls") else word


# where what a speaker's name is followed by says who they are: ", an aide to ..."
_NAMED = re.compile(r",\s(?:an?|the)\s")


def _name_part(claimant: str) -> str:
    """A claimant's name, before what is said of them: before ", a" or ", the" ("Hikmet
    Hajiyev, an aide to ..."), or before a comma after capitalised words alone ("Hikmet
    Hajiyev, foreign policy adviser to President Ilham Aliyev")."""
    name = _NAMED.split(claimant, 1)[0].rstrip(",")
    head = name.split(",", 1)[0]
    words = head.split()
    return head if head != name and 2 <= len(words) <= 4 and all(
        w[:1].isupper() and w.lower() not in _TITLE_WORDS for w in words) else name


def speaker(sent: Sentence, report: Report) -> Speech | None:
    """Who speaks in a sentence: the phrase before a verb of saying or after "according
    to", else the one named after the verb ("said Porter"); "he", "It", "the office" and
    "the prime minister" are the last speaker they fit; a surname is the person as first
    introduced. None when nobody speaks and the report states no event itself."""
    speech = _speaker(sent, report)
    if report.answers and any(a <= sent.start < b for a, b in report.answers) and (
            speech is None or speech.how == "narration" or
            speech.claimant.lower() in ("", "we", "i", "our side")) and \
            not _FILLER.match(sent.text):  # (not "Good afternoon.", "Thank you.")
        # a transcript's answer, its every sentence: the spokesperson's words, but for
        # another speaker the answer names ("The Philippine side said ...")
        return Speech(report.answerer[0], (0, 0), speech.how if speech and speech.how !=
                      "narration" else "said", speech.verb if speech else None,
                      known=report.answerer[1])
    return speech


# who reports ("The Ministry of Defence reports that", "Israel's Army Radio reports that")
_REPORTS_AFTER = re.compile(r"(?:\b[A-Z][\w’'-]*|\b(?:ministry|office|agency|army|radio|media|"
                            r"government|service|command|police|television|channel))\s+$")


# ... and where they are ("A spokesman in Geneva called on")
_ONE_OF_A_BODY = re.compile(r"(?:[Aa]n? |[Tt]he )?(?:spokes(?:man|woman|person)(?: (?:in|at|from) "
                            r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)?|official (?:in|at|from) "
                            r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")
# one of a body named by role alone, in a frame at a sentence's end ("..., a spokesman said")
_BARE_ROLE = re.compile(r"(?:an?|the) (?:senior )?(?:spokes(?:man|woman|person)|official)")


def _speaker(sent: Sentence, report: Report) -> Speech | None:
    """``speaker``, before a transcript's answers are given to the one who answers."""
    text = sent.text
    if text.rstrip().endswith("?") and not sent.quotes:
        return None  # a question claims nothing ("What does Chad say?", "Q: Did ...?")
    verb = request = first_person = asked = aside = led = None
    # (a clause the sentence opens with, before its own subject: "After prime minister
    # Mateusz Morawiecki said that ..., Kremlin spokesman Dmitry Peskov dismissed")
    lead_in = _LEAD_CLAUSE.match(text, _after_dateline(text)) if text[:1] in "AWBTO" or \
        " - " in text[:80] or " — " in text[:80] else None
    for v in _VERBS.finditer(text, low=sent.low):
        if lead_in and v.start() < lead_in.end():
            led = led or v  # (the main clause's verb after it, where there is one)
            continue
        if sent.quoted(v.start()) and not sent.scare_quoted(v.start()) or \
                _EMBEDDED.search(text, max(0, v.start() - 16), v.start()):
            continue  # (in a quotation, or "troops which it says crossed": not the frame)
        if _IN_WHO_ASIDE.search(text, max(0, v.start() - 64), v.start()):
            aside = aside or v  # (in an aside of who they are, the frame after it: "Alexey
            continue  # Smirnov, who reported to Putin by video link, said ...")
        if _NOT_SAYING.search(text, max(0, v.start() - 16), v.start()):
            continue  # ("India has not confirmed ...", "Venezuela did not say who fired")
        if _WHAT_SAYS.search(text, max(0, v.start() - 60), v.start()):
            continue  # (what another says, said of: "What Minsk is saying is rhetoric";
            # but "in what Greek officials described as" is what they say)
        if v["verb"] == "reports" and not _REPORTS_AFTER.search(
                text, max(0, v.start() - 32), v.start()):
            continue  # (a noun: "following reports that", "over reports that")
        if v["verb"] == "posted" and _POSTED_BY.search(text, max(0, v.start() - 12), v.start()):
            continue  # ("In a statement posted by Foreign Minister Yvan Gil, it called ...")
        if v["verb"].lower() in _CALL_NOUNS and (
                _DETERMINER_END.search(text, max(0, v.start() - 8), v.start()) or
                text.startswith(" for", v.end()) and v["verb"].lower().startswith("demand")):
            continue  # (a noun: "The UN's call for a ceasefire went unheeded", "demands for
            # talks grew")
        if v["verb"].lower() == "protests" and not _PROTESTER.search(
                text, max(0, v.start() - 40), v.start()):
            continue  # (a noun: "sparking nationwide protests"; but "Athens protests ...")
        if v["verb"] in ("estimated", "described", "informed") and (
                text.startswith(" by ", v.end()) or _ARTICLE_END.search(
                    text, max(0, v.start() - 5), v.start())):
            continue  # ("an estimated 12 civilians", "described by officials as", "an
            # informed source")
        if v["verb"] in ("estimates", "claims", "reports") and _NOUN_THEN_VERB.match(
                text, v.end()):
            continue  # (a noun, its verb after it: "Unofficial estimates are much higher",
            # "The claims could not be independently verified")
        if v["verb"].split(" ")[0] in ("calls", "demands", "appeals") and _CALLS_GREW.match(
                text, v.end() - (4 if v["verb"].endswith(" for") else 0)):
            continue  # (a noun, its verb after what it is for: "Abroad, calls for restraint
            # grew"; "Demands for an inquiry mounted")
        if v["verb"] in ("told", "informed", "assured") and \
                _TOLD_PASSIVE.search(text, max(0, v.start() - 80), v.start()):
            continue  # (one told: "The ambassador was summoned and told that ...")
        if v["verb"].lower() in ("denying", "rejecting", "refuting") and (
                _PREP_BEFORE.search(text, max(0, v.start() - 10), v.start()) or
                _SAID_LATER.match(text, v.end())):
            continue  # ("after rejecting a ceasefire", "X, denying any role, said ...")
        if v["verb"] in ("went on", "continued") and not _QUOTE_BEFORE.search(
                text, max(0, v.start() - 60), v.start()):
            continue  # (only after a quotation: not "The strikes went on, in waves,")
        if v["verb"].lower().startswith(_ASKED_OF_OTHERS):
            # (an appeal on others to act is a call, the verb of saying after it the frame:
            # "Serbia has formally asked KFOR to allow ..., President Aleksandar Vučić said")
            asked = asked or v
            continue
        if v["verb"].lower() not in _REQUESTS:
            if _FIRST_PERSON_END.search(text, max(0, v.start() - 14), v.start()) and \
                    not sent.quotes:
                first_person = first_person or v  # ("We urge Azerbaijan to withdraw, the
                continue  # ministry said": the ministry's, where a later frame says so)
            verb = v
            break
        request = request or v
    verb = verb or first_person or asked or aside or led
    # the frame is the sentence's end ("Egypt has warned against any harm to its troops, a
    # high-level source told Al-Qahera News"): what comes before is said (the pattern ends
    # its match at the text's end: tried on its last words only)
    final = _FINAL_FRAME.search(text, max(0, len(text) - _FRAME_END)) if verb is not None \
        and text.rstrip()[-1:] in ".!”\"’" else None
    if final and (final.start("verb") <= verb.start() or sent.quoted(final.start())):
        final = None
    owned = _owner_named(text, report) if final and final["who"].startswith(
        ("his ", "her ")) else ""
    if final and final["who"].startswith(("his ", "her ")) and not owned:
        final = None  # (of one the report has not introduced: the sentence's subject speaks)
    framed = verb  # (the verb the frame at the end takes over from)
    if final:
        verb = _VERB.match(text, final.start("verb")) or verb
    if any(w in sent.low for w in _DISMISS_WORDS):
        # "The Armenian Defense Ministry called the report disinformation": a denial, the
        # frame where it comes first ("called the claims lies": not "claims" said)
        d = next((d for d in _DISMISS.finditer(text) if not sent.quoted(d.start())), None)
        if d is not None and (verb is None or d.start() <= verb.start()):
            verb = d
    low = sent.low
    according = _ACCORDING.search(text) if "according to" in low else None

    def hedged() -> bool:  # ("reportedly": looked for only where no verb decides first)
        return _HEDGE.search(text, low=low) is not None

    claimant, span = "", (0, 0)
    if according and (not verb or according.start() < verb.start()):
        claimant, span, how = according["who"].strip(), according.span("who"), "according"
        # "According to Grigorian's office, Patrushev said ...": Patrushev speaks
        named = _subject(text[according.end():verb.start()]) if verb and \
            verb.start() > according.end() else ""
        if named and named.lower() not in PRONOUNS and name_key(
                named.split(" ")[-1]) in report.people:
            claimant, how = named, _how(verb)
            span = (text.find(named, according.end()),
                    text.find(named, according.end()) + len(named))
    elif verb:
        how = _how(verb)
        quoted = _QUOTED_AS.search(text, 0, verb.start()) if how == "saying" else None
        # the one it was said by ("..., it was reported by the State Security Service",
        # "The detention was condemned by the minister"): the speaker, after the verb
        # (not land "claimed by both Sudan and South Sudan")
        agent = _BY_AGENT.match(text, verb.end()) if text.startswith((" by ", ", by "), (
            verb.end())) and how not in ("claimed", "claims") and _PASSIVE_BEFORE.search(
                text, max(0, verb.start() - 30), verb.start()) else None
        if agent and not agent["who"].startswith("both "):  # (not "by both X and Y")
            claimant = agent["who"]
        elif final is not None and final.start("verb") == verb.start():
            claimant = final["who"]
            if claimant.startswith(("his ", "her ")):
                # (whose: the person the sentence begins with, as introduced: "Earlier, Lee
                # had told ..., his spokeswoman Kim Hee-jung said")
                claimant = f"{owned}'s {claimant[4:]}"
            body = _subject(text[:framed.start()]) if framed is not verb and \
                _BARE_ROLE.fullmatch(claimant) else ""
            if body and not _is_person(body) and report.side_of(body) not in ("", "PRESS"):
                # "The U.N. refugee agency UNHCR urged ..., a spokesman said in Geneva": the
                # body's spokesman (not of the dateline's country)
                claimant = f"{claimant} for {body}"
        elif quoted:  # "Interfax quoted an Armenian defence ministry source as saying": the
            # source says it (not the agency, nor the dateline's city)
            claimant = quoted["who"].rstrip(",")
            outlet = _subject(text[:quoted.start()])
            if outlet and outlet.lower() not in PRONOUNS and \
                    claimant.lower() not in _OBJECT_PRONOUNS and \
                    not _NAMED_ANYWHERE.search(claimant, 1) and not report.side_of(claimant):
                # (one of no name nor side the outlet names: "Egyptian state-linked Al-Qahera
                # News cited a senior official as saying": as "a senior official quoted by
                # ..."; not "quoted him", nor "the country's deputy police chief, Qassem
                # Rezaei", named)
                claimant = f"{claimant} quoted by {outlet}"
        elif how.split()[0] in _PARTICIPLE:
            line = _DATELINE_AT.match(text)  # (after a dateline: "MOSCOW, May 14 (Wire) -")
            # (and after a bullet and its day: "- On 30 January, the minister issued a
            # statement rejecting ...")
            at = line.end() if line else _LEAD_IN.match(text).end()
            where = _WHERE_FIRST.match(text, at)  # (and where: "In Kinshasa, protesters")
            head = _HEAD.match(text, where.end() if where else at)  # (the same pattern)
            # (with its title words: "The ministry went further, claiming", not "The")
            claimant = _head_np(text[where.end() if where else at:])
            if not claimant:  # (a subject of small words after an opening: "Since then,
                # some Indian media outlets, citing unnamed sources, have run accounts
                # claiming ...": the outlets, not "Since")
                off = len(text) - len(_opening_cut(text))
                cut = text.find(",", off, verb.start())
                chunk = text[off:cut if cut > off else verb.start()].split()
                claimant = _subject(" ".join(chunk) + " ") if off > at and \
                    len(chunk) <= 6 else ""
                if claimant and not set(chunk[:len(chunk) - len(claimant.split())]) <= \
                        _SMALL_DETERMINERS:
                    claimant = ""  # (a clause, not a subject: "protesters attacked the
                    # embassies of Rwanda, ..., accusing")
            # (not an article alone: "The claims could not be independently verified")
            claimant = claimant or (_ARTICLE.sub("", head["np"]).strip() if head else "")
            when = _OPENING_TIME.match(text, at)
            first = text[when.end():].lstrip(", ").split(" ", 1)[0] if when else ""
            if first.lower() in PRONOUNS:  # ("In March 2022 they fired ..., saying")
                claimant = first
        else:
            # (before the quotation a verb is in, in the frame: 'the ministry "categorically
            # rejected" ...')
            before = sent.quotes[bisect_right(sent._starts, verb.start()) - 1][0] if \
                sent.quoted(verb.start()) else verb.start()
            claimant = _subject(text[:before].rstrip() + " ")
            at = text.rfind(claimant, 0, verb.start()) if claimant else -1
            if at > 0 and text[:verb.start()].rstrip().endswith(",") and (
                    _HIT_BEFORE.search(text, max(0, at - 16), at) or (
                        _WORD_BEFORE.search(text, max(0, at - 32), at) and
                        verb["verb"].lower() not in _TO_LISTENER and
                        _after(text[verb.end():]))):
                # "Kyrgyz troops fired at Sokh, said Uzbekistan's defence ministry": a
                # preposition's or a verb's object before ", said" is where, not who, where
                # one is named after it ("shelled Berd, said the Kremlin")
                claimant = ""
            if claimant and at > 0 and text[:verb.start()].rstrip().endswith(",") and \
                    verb["verb"].lower() not in _INVERTING and \
                    _ACTED_ON.search(text, max(0, at - 24), at) and \
                    not _after(text[verb.end():]):
                # the object of the first of the acts a sentence lists, the verb of saying
                # the next: "Mali also summoned Algeria's ambassador, announced its
                # withdrawal ... and said": the sentence's subject, Mali
                claimant = _head_np(text) or claimant
                at = text.rfind(claimant, 0, verb.start()) if claimant else -1
            if not claimant and _AND_END.search(text[:verb.start()]):
                # "Tajik officials have put their toll at 19 and say ...": the sentence's
                # subject says it ("Lebanon's caretaker Prime Minister ..."), with the name
                # said aside ("On Monday, the Secretary General of the OAS, Luis Almagro, met
                # President Santos ... and called for"; "In Bogotá, his Colombian
                # counterpart, Luis Carlos Villegas, ruled out ... and called for calm")
                aside = _NAMED_ASIDE.search(text, 0, verb.start())
                if aside and not _SUBJECT_ONLY.fullmatch(_opening_cut(text[:aside.start()])):
                    aside = None  # (an object's name: "... summoned Morocco's ambassador,
                    # Karima Benyaich, ... and asked Rabat to": not the ambassador)
                claimant = (_subject(text[:aside.end()]) if aside else "") or _head_np(text)
                clauses = list(_WHEN_CLAUSE.finditer(text, 0, verb.start())) if \
                    not claimant else []
                if clauses:
                    # "The war of words escalated further on Wednesday, when Turkish
                    # President Recep Tayyip Erdogan, addressing lawmakers ..., likened ...
                    # and called on Greece": the subject of the clause the verb is in (the
                    # last such clause)
                    claimant = _head_np(text[clauses[-1].end():verb.start()])
        at = agent.start("who") if agent and claimant == agent["who"] else text.rfind(
            claimant, 0, verb.start())
        span = (at, at + len(claimant)) if claimant and at >= 0 else (0, 0)
        who_aside = _WHO_ASIDE_END.match(text, span[1], verb.start()) if span[1] else None
        if span[1] and (_WHERE_ASIDE.match(text, span[1], verb.start()) or
                        _WHO_CLAUSE.match(text, span[1], verb.start()) or
                        who_aside and not _SAW.search(who_aside.group())):
            span = (at, verb.start())  # (the place said aside is the speaker's, not the claim's;
            # so is one in a clause of who they are: "refugees who reached Adre described")
        head = _HEAD.match(text) if claimant and at > 0 else None
        opened = head is not None and _OPENER_ITS.fullmatch(text, 0, at)
        if opened and claimant.lower() not in _OF_NO_SIDE:
            # an opening of how they spoke, then "its": of the body that spoke last ("Ethiopia
            # rejects Khartoum's account. In a statement on Monday, its foreign ministry
            # said": Ethiopia's), not of the opening's word
            prior = next((sp for sp in reversed(report.speakers[-_BODY_BACK:])
                          if not sp.person and sp.side not in ("", "PRESS")), None)
            claimant = f"{strip_possessive(prior.name)}'s {claimant}" if prior else claimant
        elif head and _ITS_END.search(text[:at]) and claimant.lower() not in _OF_NO_SIDE:
            # "South Sudan ... has offered to mediate, its foreign ministry said" (not
            # "several of them, their relatives say")
            claimant = f"{claimant} of {head['np'].strip()}"
        if (not claimant or claimant.lower() in PRONOUNS) and \
                _INVERTED.search(text[:verb.start()]) and \
                (verb.groupdict().get("verb") or "").lower() not in _TO_LISTENER:  # (but
            # after "told" is the one told: "..., who asked not to be named, told Reuters")
            after = _after(text[verb.end():])
            if after and not claimant:
                claimant = after
                at = verb.end() + text[verb.end():].find(after)
                span = (at, at + len(after))
    elif request:
        # "Armenia formally appealed to Russia for support": the report states the act
        how, verb = "request", request
        claimant = _subject(text[:request.start()])
    elif hedged():
        how = "reportedly"
    elif _narrates(sent):
        how = "narration"  # the report's own voice: the publisher asserts it
    elif text.lstrip()[:1] in "“\"" and sent.quotes and report.speakers and \
            report.speakers[-1].quoted:
        # a quotation going on after "..., he said." with nobody named: still his words
        last = report.speakers[-1]
        return Speech(last.name, (0, 0), "quote", None, inferred="the quote before")
    else:
        return None
    if not claimant and how not in ("reportedly", "narration", "request"):
        if verb is not None and _PASSIVE.search(text, max(0, verb.start() - 8), verb.start()):
            how = "narration"  # "No agreements were announced": the report's own word
        elif hedged():
            how = "reportedly"  # ("A video posted on Facebook ... could not be verified")
        else:
            return None  # someone speaks whom we cannot tell: not the report's word either
    owner, _, rest = claimant.partition(" ")
    if owner + " " in _OWNERS and owner[:1].isupper() and rest.split(" ")[-1].lower() in _ROLES:
        # ("Its statement warned", "His office said": whose, read as mid-sentence below)
        claimant, span = rest, (span[0] + len(owner) + 1, span[1])
    low, known = claimant.lower(), ""
    if how == "according":  # ("According to him, ...": as "he said")
        low = _OBJECT_PRONOUNS.get(low, low)
    stated = None
    # ("His office said": a sentence's first words; "..., his press service reported" is
    # of the sentence's own subject, read as before)
    his = _HIS.fullmatch(text, _after_dateline(text), span[0])
    his_mid = span[0] >= 4 and text[span[0] - 4:span[0]] in ("his ", "her ")
    if _GROUP_REF.fullmatch(low) and not his and not his_mid:
        low = "it"  # "the office", "a statement by the office", "the readout": as "it"
        if "statement" in claimant.lower():
            # "the statement": of the one whose statement the report told of last ("In a
            # statement posted on Facebook, Egyptian military spokesman ... said ... The
            # statement expressed condolences"), a person too
            stated = next((sp for sp in reversed(report.speakers[-_BODY_BACK:])
                           if sp.stated), None)
    # ("the official": the one named before; "a district official", "another official":
    # someone new)
    # ("the Guards" too, one capitalised word after "the": the Revolutionary Guards named)
    alone = bool(claimant) and (claimant == low or (
        " " not in claimant or all(w in _TITLE_WORDS for w in low.split())) and span[0] >= 4 and
                                text[span[0] - 4:span[0]].lower() == "the ") and \
        low.split()[-1] in _ROLES | _ORG_REFS and \
        not _INDEFINITE.search(text, max(0, span[0] - 9), span[0])
    inferred = claimant if low in PRONOUNS or alone else ""
    speakers = report.speakers
    its_role = _ITS_ROLE_NAMED.match(claimant)
    if stated is not None:
        claimant, known = stated.name, stated.side
    elif its_role and its_role["role"].split()[-1].lower() in _ROLES and (prior := next((
            sp for sp in reversed(speakers[-_BODY_BACK:]) if not sp.person and
            sp.side not in ("", "PRESS")), None)) is not None:
        # "KFOR ... said ... Its commander, Italian Major General Angelo Michele Ristuccia,
        # said": the body's commander, of the body's side (not of "Italian")
        claimant = f"{its_role['name']}, {prior.name.split(',')[0]}'s {its_role['role']}"
        known = prior.side
    elif low == "it" and claimant.lower() != "it" and \
            (body := _role_body(claimant, speakers[-_PRONOUN_BACK:])) is not None:
        # "External Affairs Ministry spokesperson Randhir Jaiswal ... The ministry said": the
        # ministry of the one who spoke last, where no body spoke after them
        claimant, known = body
    elif low in PRONOUNS:
        want_person = PRONOUNS[low] == "person"
        # (not a person the sentence itself names after the verb: "He also assured
        # Pashinian" is not Pashinian)
        rest = text[verb.end():] if verb else ""
        own = _subject_named(text, span[0], report) if want_person and span[0] > 0 else (
            _subject_state(text, span[0], report) if claimant == "it" and span[0] > 0 else None)
        prior = own or next((sp for sp in reversed(speakers[-_PRONOUN_BACK:])
                             if sp.person == want_person and not (
                                 want_person and _named_in(sp.name, rest))
                             and sp.fits(low)), None)
        claimant, known = (prior.name, prior.side) if prior else (claimant, "")
    elif alone and _OWNED.search(text, max(0, span[0] - 7), span[0]):
        # "Turkey denied any role. ... its foreign ministry said": the ministry of the body
        # that spoke last (not another side's ministry named before it)
        prior = next((sp for sp in reversed(speakers[-_BODY_BACK:]) if not sp.person
                      and sp.side not in ("", "PRESS")), None)
        claimant, known = (f"{prior.name}'s {claimant}", prior.side) if prior else \
            (claimant, "")
        inferred = inferred if prior else ""
    elif his and low.split()[-1] in _ROLES:
        # "Netanyahu said .... His office later said ...": the office of the person the
        # report named last, whom "he" would mean, where the sentence before names them
        pronoun = "she" if his.group().startswith("Her") else "he"
        prior = next((sp for sp in reversed(speakers[-_PRONOUN_BACK:])
                      if sp.person and sp.fits(pronoun)), None)
        whose = prior and (prior.side or report.side_of(prior.name))
        before = report.doc.text[max(0, sent.start - _NAMED_BEFORE):sent.start].rstrip()
        before = before[before.rfind(". ", 0, len(before) - 1) + 1:]  # (the sentence before)
        if whose and whose != "PRESS" and _named_in(prior.name, before):
            claimant, known = f"{prior.name.split(',')[0]}'s {claimant}", whose
        else:
            inferred = ""
    elif his_mid and set(_LOWER_WORDS.findall(low)) & _ROLES:
        # "President X cut short a visit ..., his office said", "... has urged restraint,
        # his spokesman Stephane Dujarric said": of the person the sentence begins with
        owner = _head_np(text)
        whose = report.side_of(owner) if owner and _is_person(owner) else ""
        if whose and whose != "PRESS":
            claimant, known = f"{owner}'s {claimant}", whose
    elif claimant[:1].isupper() and _OWNED_BY.search(text, max(0, span[0] - 24), span[0]) \
            and not _is_person(claimant):
        # "The ELN also denied ... the group's Northeastern War Front said": a body of the
        # armed group that spoke last, of its side (not a state's: "Colombia's army")
        prior = next((sp for sp in reversed(speakers[-_BODY_BACK:]) if not sp.person
                      and sp.side not in ("", "PRESS") and len(sp.side) > 2), None)
        if prior:
            claimant, known = f"{prior.name}'s {claimant}", prior.side
    elif alone and _LOCAL.fullmatch(low) and _fine(
            [(m, r) for m, r in sent.mentions if m.start < sent.start + span[0]]):
        pass  # ("In Madinat al-Baath, the provincial capital, residents said": theirs)
    elif alone:
        # "the prime minister", "the service", "the military": the last speaker it names
        word = low.split()[-1]  # (a word of its name: "office" is not in "officials")
        # (and the words that say which one, each in its name: "the Interior Ministry" is
        # not the Public Health Ministry named before)
        which = set(low.split()[:-1]) - _NOT_WHICH
        # (or one named as another's counterpart: "his Colombian counterpart, Luis Carlos
        # Villegas" is "the minister" after "the Venezuelan Minister of Defence"; and "the
        # police" is no person, not its chief)
        prior = next((sp for sp in reversed(speakers[-_ROLE_BACK:])
                      if (word in (named := _LOWER_WORDS.findall(sp.name.lower())) or (
                          "counterpart" in named and word in _ONE_TITLE) or (
                          _SAME_TITLE.get(word, "") in named) or (
                          # ("the Guards": "Iran's Islamic Revolutionary Guard Corps"; not
                          # "officials", many, for one official)
                          word.endswith("s") and word[:-1] in named and
                          word[:-1] not in _ONE_PERSON) or (
                          word in _ARMY_WORDS and _ARMY.search(sp.name))) and not (
                          sp.person and word in _BODIES) and which <= set(named)), None)
        if prior is None and (word in _ONE_TITLE or word == "official") and speakers and \
                speakers[-1].person and \
                set(_LOWER_WORDS.findall(speakers[-1].name.lower())) & _ROLES:
            # ("the government spokesman, Nani Ould Chrougha, declared ... He rejected ...
            # '...,' the minister affirmed": the official who spoke last, by another title)
            prior = speakers[-1]
        claimant, known = (prior.name, prior.side) if prior else (claimant, "")
        inferred = inferred if prior else ""
        if prior is None and word in _ORG_REFS:
            # "Human Rights Watch called on ... The organization said", "UNHCR said ... The
            # agency said": the body of no state's government that spoke last
            # ("the Alliance of Sahel States (AES) ... the bloc said": an alliance's
            # name is a body's, of no state's)
            prior = next((sp for sp in reversed(speakers[-_BODY_BACK:]) if not sp.person
                          and sp.side not in ("", "PRESS") and (not _body(sp.name.split()) or
                                                               word in _ALLIANCE_REFS and
                                                               len(sp.side) > 2)
                          # (not "Beijing and Taipei"; but what an aside says of one may
                          # name two: "..., the confederation that groups Mali with ... and")
                          and " and " not in sp.name.split(",")[0]
                          and not report.capital_or_country(strip_possessive(sp.name))),
                         None)
            claimant, known = (prior.name, prior.side) if prior else (claimant, "")
            inferred = claimant if prior else ""
        if prior is None and word == "mission":
            # "Israeli shells hit a UNIFIL post. ..., the mission said": the mission the
            # report named last (in the text just before: a bound for long texts)
            named = report.mission_before(sent.start)
            if named:
                claimant, known, inferred = named[0], named[1], claimant
    elif low in ("head of state", "the head of state") and (prior := next((
            sp for sp in reversed(speakers[-_ROLE_BACK:]) if sp.person and (
                "president" in (lowered := sp.name.lower()) or "head of state" in lowered)),
            None)) is not None:
        # "the Head of State said": the president (or head of state) who spoke last
        claimant, known, inferred = prior.name, prior.side, claimant
    elif claimant and "’s" not in claimant and "'s" not in claimant and (surname := name_key(
            _name_part(claimant).split(" ")[-1])) in report.people and \
            not _another_given_name(claimant, report.people[surname][0]):
        # (the surname of the name itself, not of what is said of it after: "Hikmet
        # Hajiyev, an aide to President Ilham Aliyev" is not Aliyev; nor one of the same
        # surname and another given name: "Faustin Ndikumana" after "Emmanuel Ndikumana")
        # (and their side as introduced, not a word of the name read as a side: "Hamad bin
        # Khalifa Al Thani, Qatar's emir" is no Al Khalifa of Bahrain)
        claimant, known = report.people[surname]
    elif claimant and " " not in claimant and name_key(claimant) in report.titled:
        claimant = report.titled[name_key(claimant)]  # ("Padrino said": as introduced)
    elif claimant and " " not in claimant and claimant[:1].isupper() and \
            not report.capital_or_country(claimant) and (last := next((
                sp for sp in reversed(report.speakers[-SPEAKERS_BACK:])
                if _names_person(sp.name, claimant)), None)):
        # one word of a name two people of the report share, the one who spoke last: "Kim
        # said" after "Kim You-geun, first deputy director of ..., told reporters" (not
        # Kim Yo-jong, named before him); a family name first where the given name is
        # hyphened, as Korean names are
        claimant, known = last.name, last.side
    if how == "request":
        # the report's own voice; the one who asks acts, and is "it" next
        return Speech("", (0, 0), "narration", verb, subject=claimant)
    if claimant.split(" ", 1)[0].lower() in _NO_ONE or claimant.lower() in _DEMONSTRATIVES:
        # (nor a demonstrative alone: "These claims contradict the first version given by
        # ..., which stated": the report's words)
        # no one speaks: "None of the claims could be independently confirmed", "No group
        # has claimed responsibility" are the report's own words
        return Speech("", (0, 0), "narration", verb)
    return Speech(claimant, span, how, verb, inferred, known=known)


# an envoy summoned, and the state or capital they are posted to ("summoned Venezuela's
# Ambassador to Guyana", "summoned the Indian envoy in Islamabad"; bounded: linear time)
_SUMMONED = re.compile(r"\bsummon(?:ed|s|ing)?\s+[^.;]{0,60}?\b(?:[Aa]mbassador|[Ee]nvoy|"
                       r"[Cc]harg[eé] d['’]affaires|[Hh]igh [Cc]ommissioner)\s+(?:to|in)\s+"
                       r"(?P<where>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})")


def _role_body(ref: str, speakers: list[_Speaker]) -> tuple[str, str] | None:
    """The ministry or office ``ref`` ("the ministry", "The Office") means: the last of the
    speakers that names one, a body of that word ("Guyana's Ministry of Foreign Affairs",
    not the Venezuelan government that spoke after it) or people of that body by their role
    ("Randhir Jaiswal, External Affairs Ministry spokesperson", "Minister of Foreign Affairs
    and International Cooperation"): its name and side; None where none names one."""
    word = ref.lower().split()[-1]
    if word not in ("ministry", "office"):
        return None
    for sp in reversed(speakers):
        if not sp.person:
            if word in _LOWER_WORDS.findall(sp.name.lower()):
                return sp.name, sp.side  # (the last body of that word)
            continue  # (another body, not a ministry: "the Venezuelan government" spoke
            # after Guyana's Ministry of Foreign Affairs; "The Ministry dismissed that
            # version" is Guyana's)
        # (the role without the name after it: "Minister of Foreign Affairs Anne Todd")
        parts = sp.name.split()
        role = " ".join(parts[:-2]) if "," not in sp.name and len(parts) > 3 and not {
            w.lower() for w in parts[-2:]} & _TITLE_WORDS else sp.name
        found = _ROLE_BODY.search(role)
        words = found["body"].lower().split() if found else []
        if word in words[:1] + words[-1:]:
            return found["body"], sp.side
        if word == "ministry" and (minister := _ROLE_MINISTER.search(role)):
            return (f"Ministry {minister['of']}" if minister["of"] else
                    f"{minister['what']} Ministry"), sp.side
    return None


# a body named in a person's role: "External Affairs Ministry", "Foreign Office", "Ministry
# of Foreign Affairs and International Cooperation"; and a minister's portfolio
_BODY_NAME = r"[A-Z][\w’'-]+(?: (?:and )?[A-Z][\w’'-]+){0,4}"
_ROLE_BODY = re.compile(rf"(?P<body>(?:Ministry|Office) (?:of|for) (?:the )?{_BODY_NAME}|"
                        r"(?:[A-Z][\w’'-]+ ){1,3}(?:Ministry|Office))\b")
_ROLE_MINISTER = re.compile(rf"\bMinister (?P<of>(?:of|for) (?:the )?{_BODY_NAME})|"
                            r"\b(?<!Deputy )(?<!Vice )(?P<what>Foreign|Defen[cs]e|Interior|"
                            r"Home|External Affairs) Minister\b")


def _names_person(name: str, word: str) -> bool:
    """Whether a speaker's name ends in a person's name (two or three capitalised words,
    none possessive) whose family name is ``word``: its last word, or its first where the
    given name is hyphened, as Korean names are ("Kim You-geun")."""
    words = name.split(",", 1)[0].split()
    person: list[str] = []
    for w in reversed(words[-3:]):
        if not w[:1].isupper() or w.endswith(("'s", "’s", ".")) or w.lower() in TITLES:
            break  # (a title before it is none of it: "President Lee Myung-bak")
        person.insert(0, w)
    return len(person) >= 2 and (word == person[-1] or
                                 word == person[0] and "-" in person[-1])


def _another_given_name(claimant: str, known: str) -> bool:
    """Whether a name given in full ("Faustin Ndikumana") names another person than the one
    known by its surname ("Emmanuel Ndikumana, a trader"): a capitalised word before the
    surname that the known one's name lacks."""
    name = _NAMED.split(claimant, 1)[0].rstrip(",").split()
    given = [w for w in name[:-1] if w[:1].isupper() and w.lower() not in _TITLE_WORDS]
    return bool(given) and not any(w in known.split(",")[0].split() for w in given)


def _named_in(name: str, text: str) -> bool:
    """Whether a person's name (its last word, a capitalised one) is in the text: "He also
    assured Pashinian" is not Pashinian; "towards the source" names no "security source"."""
    parts = name.split(", ")
    # (the name, not the title before it: "Ombudsman of Colombia, Jorge Armando Otálora")
    who = parts[1] if len(parts) > 1 and " of " in parts[0] and parts[1][:1].isupper() \
        else parts[0]
    last = (who.split()[-1:] or [""])[0]
    # (a whole word: "Colombian consul" names no "... of Colombia")
    return last[:1].isupper() and re.search(rf"(?<![\w’'-]){re.escape(last)}(?![\w’'-])",
                                            text) is not None


def side(speech: Speech, report: Report, sent: Sentence | None = None) -> tuple[str, str]:
    """The claimant's side and, where it was inferred, how: a demonym, institution,
    organisation or country in its words, a person's side as first introduced, or the
    country a named capital stands for; PRESS for the report's own voice. Else, for
    people of a place ("residents", "local officials"), the country of the place they are
    named with or the report last named ("side from the place"); for an official named
    with no country ("Prime Minister Narendra Modi"), the country of the report's dateline
    ("side from the dateline"). ("", "") when none can be told."""
    who = speech.claimant
    if not who or who.lower() in ("we", "our side") and report.party_publisher:
        # the report's own voice: the press's, unless a party published it (a ministry, an
        # army, state media: "Ministry of Defense of Azerbaijan", "TASS"); "we" in its text
        party = report.party_publisher
        return (party, "side from the publisher") if party else ("PRESS", "")
    if _REPORTER.search(who):  # ("Our correspondent in eastern Chad": the press, not Chad)
        return "PRESS", ""
    if _ONE_OF_A_BODY.fullmatch(who) and not speech.known and report.speakers and \
            not (last := report.speakers[-1]).person and (
                last.side in MISSION_SIDES or len(last.side) > 2):
        # "The UN refugee agency UNHCR says it is alarmed ... A spokesman in Geneva called on
        # all states": the international body's, not the city's country
        return last.side, "side from the body named before"
    if _GROUP_OWNS.match(who) and not speech.known and (prior := next((
            sp for sp in reversed(report.speakers[-_BODY_BACK:]) if not sp.person and
            sp.side not in ("", "PRESS") and len(sp.side) > 2), None)):
        # "the armed group's spokesman Lawrence Kanyuka said" after "M23 fighters claimed":
        # the armed group's that spoke last, not the dateline's state
        return prior.side, "side from the body named before"
    # (residents are of their place, not of what the words said of it name: "Residents of
    # Irob, a small community ... between the escarpment and the Eritrean border")
    named = who.split(",")[0] if _LOCAL.match(who) else who
    by = _QUOTED_BY.search(named) if " by " in named else None
    if by and not speech.known:
        # "an informed source quoted by Tasnim": the outlet's side where a state's outlet
        # ("Sudan's state news agency SUNA"), else none (not the dateline's)
        found = report.side_of(named[by.end():])
        return (found, "") if found not in ("", "PRESS") else ("", "")
    head = set(_LOWER_WORDS.findall(named.split(",")[0].lower()))
    outlet = bool(head & _OUTLET_WORDS) and not head & _STATE_OWNED and not speech.known \
        and not ("media" in head and head & _PRESS_OFFICES)  # ("the group's media office":
    # the group's own voice, no outlet)
    cited = _CITING.search(sent.text) if outlet and sent is not None else None
    if outlet and not (cited and set(cited["who"].lower().split()) & _OFFICIALS) and \
            not _institution_in(named):
        # an outlet is the press, whatever country it is of ("Israel's public broadcaster
        # Kan", "Armenian media", "Channel 14"), unless the state owns it ("Iraqi state
        # television", "Army Radio"), it is one of sides.csv's ("KCNA"), or it cites a
        # side's sources ("Indian media, citing unnamed government sources": theirs)
        return "PRESS", "an outlet"
    # (not by where the role of an "its" says they are: "Laura Lo Castro, its
    # representative in Chad," is UNHCR's, below)
    named = ", ".join(p for p in named.split(", ")
                      if not p.startswith(("its ", "their "))) or named
    found = speech.known or report.side_of(named)
    if not found and sent is not None and named.lower().startswith(("the group's ",
                                                                     "group's ")):
        # "the group's media office" after "The RSF welcomed ...": the group the text
        # named last before it, of a side of its own
        before = report.doc.text[max(0, sent.start - GROUP_BACK):sent.start]
        sides = (report.side_of(run) for run in reversed(_CAPITALISED_RUN.findall(before)))
        found = next((s for s in sides if len(s) > 2 and s != "PRESS"), "")
    if not speech.known and UNRECOGNISED.search(named) and "'s" not in named and \
            "’s" not in named and not any(
                report.capital_or_country(w) or name_key(w) in side_terms()
                for w in _CAPITALISED_RUN.findall(named)):
        # "the de facto authorities in Tskhinvali", "the so-called KGB of South Ossetia":
        # not the state whose land they hold, nor the dateline's (a side of their own is
        # sides.csv's: "Transnistrian"; but "Syria's de facto leader" is Syria's, and "the
        # de facto authorities in Kabul" or "the de facto Taliban government" Afghanistan's)
        return (found, "") if len(found) > 2 else ("", "")
    if found:
        return found, ""
    if sent is not None and _ONE_OF.match(who):
        # "Israeli officials sought to play down the clash. One security official told ...",
        # "Egyptian sources said ... Another source said": one of those the text just named
        before = report.doc.text[max(0, sent.start - _ONE_OF_BACK):sent.start]
        many = list(_MANY_NAMED.finditer(before))  # (the last of them)
        theirs = report.side_of(many[-1]["adj"]) if many else ""
        if theirs and theirs != "PRESS":
            return theirs, "side from the ones named before"
    if sent is not None and _THE_COUNTRYS.match(named) and speech.span[0] > 0:
        # "Iran's state news agency Irna quoted the country's deputy police chief": the
        # country the sentence named last before them
        country = next((r.place.country for m, r in reversed(sent.mentions)
                        if m.start < sent.start + speech.span[0] and r.resolved and
                        r.place.kind == "country"), "")
        if country:
            return country, "side from the country named before"
    words, official = _role_words(who, speech)
    if official and report.inside and not words & _OUTLETS:
        # a place inside the name of the office that speaks ("The Edirne Governor's Office
        # denied"), not an outlet's ("the Kathmandu Post")
        found = side_in(named, report.inside)
        if found:
            return found, ""
    # an acronym the report defined ("the JCS"): the body it stands for
    if named.split()[-1].isupper():
        who = named = report.stands_for(named.split()[-1]) or named
        found = report.side_of(named)
        whose = named.rsplit(" of ", 1)[-1] if " of " in named else ""
        if len(found) <= 2 and name_key(strip_possessive(whose)) in report.place_names and \
                not report.capital_or_country(whose) and name_key(whose) not in side_terms():
            # a state's body "of" a place that is no state ("the State Security Committee
            # (KGB) of South Ossetia"): a de facto authority's, neither the state's whose
            # land it is nor the dateline's
            return "", ""
        if found:
            return found, ""
        words, official = _role_words(who, speech)
    else:
        # (an acronym's body that owns the speaker: "the GKNB's press center", where the
        # report named the GKNB in full before)
        owner = _ACRONYM_OWNS.search(named) or _ACRONYM_ROLE.match(named)
        body = report.stands_for(owner[1]) if owner else ""
        found = report.side_of(body) if body else ""
        if found and found != "PRESS":
            return found, ""
    # where they spoke: "told reporters in Addis Ababa", "a briefing in Beijing"
    verb = speech.verb
    if verb is not None and sent is not None:
        opener = _OPENER_IN.match(sent.text, _after_dateline(sent.text), speech.span[0])
        if opener and opener["at"] != "From" and len(report.parties - {"PRESS"}) >= 2 and \
                report.side_of(opener["where"]) not in report.parties:
            opener = None  # (a third country's capital, where talks were: not theirs; but
            # "From Brasília, Foreign Minister Celso Amorim" speaks from home)
        near = _SPOKE_IN.search(sent.text, verb.end(), verb.end() + 60) or (
            # ("Speaking to reporters in Baku, President Ilham Aliyev said", "In Kathmandu,
            # ...", "At a news conference in Dhaka on Monday, ...")
            opener) or (
            # (and said aside: "..., talking to reporters in Dhaka on Sunday, rejected")
            _SPOKE_IN.search(sent.text, speech.span[1], verb.start())
            if 0 < speech.span[1] < verb.start() else None) or (
            # (and after one named after the verb, with what they are: '"...," declared Nani
            # Ould Chrougha, the minister of ..., who also serves as government spokesman, at
            # a press briefing in Nouakchott')
            _SPOKE_IN.search(sent.text, speech.span[1], speech.span[1] + 120)
            if speech.span[0] > verb.end() else None)
        there = near and report.side_of(near["where"])
        if there and report.capital_of and any(
                r.resolved and report.capital_of(r.place) == there for _, r in sent.mentions):
            return there, "side from where they spoke"
        if there and near is opener and len(there) == 2 and report.capital_or_country(
                near["where"]):
            # one of no country named after the country the sentence opens with ("In
            # Israel, the army's spokesman's office said"): that country's, not the
            # publisher's or the dateline's
            return there, "side from where they spoke"
        if there and near is opener and set(_LOWER_WORDS.findall(who.lower())) & _LOCAL_OFFICIALS:
            # a place's own official, where the sentence opens with it ("On Chios, the
            # island's mayor, ...", "In Mandera, the county commissioner ..."): its side
            return there, "side from the place"
    # (and "..., 52, a farmer")
    if _LOCAL.match(who) or _TRADE.search(who) or (
            sent is not None and _AGED.match(sent.text[speech.span[1]:])):
        aside = _SIDE_OF.search(sent.text, speech.span[0], speech.span[1]) if sent else None
        if aside and side_in(aside[1], report.sides) not in ("", "PRESS"):
            # "A health worker at the hospital in Dollo Ado, on the Ethiopian side of the
            # border," (a place the gazetteer may lack): the side the words name
            return side_in(aside[1], report.sides), "side from the place"
        here = [r.place for m, r in (sent.mentions if sent else [])
                if r.resolved and sent.start + speech.span[0] <= m.start
                < sent.start + speech.span[1]]
        fine = _fine(sent.mentions if sent else [])
        # (the place they are named with, else the one their sentence names: "shooting
        # went on near Vorukh, residents said", else the one the report last named)
        # (but the report's own place, not its last, where the sentence names one the
        # gazetteer lacks: "In Eteringbang, residents said" after Washington spoke)
        opening = _WHERE_FIRST.match(sent.text, _after_dateline(sent.text)) if sent else None
        unknown = sent is not None and (any(not r.resolved and not m.adjective
                                            for m, r in sent.mentions) or (
            opening is not None and not any(r.resolved and m.start < sent.start + opening.end()
                                            for m, r in sent.mentions)))
        focus = report.places.get(report.focus[1]) if report.focus else None
        where = here[0] if here else (fine[0] if fine else
                                      focus if unknown else report.last_place)
        if where is not None and not here and not fine and report.capital_of and \
                report.capital_of(where) and report.focus and report.focus[1] in report.places:
            # (not a capital the report named last, "Moscow did not comment": a capital
            # stands for its government; the report's place)
            where = report.places[report.focus[1]]
        if where is not None and where.country:
            return where.country, "side from the place"
    # "Its spokeswoman Shushan Stepanyan" after "The Armenian Defense Ministry called the
    # report disinformation": the body that spoke last
    # (and "Laura Lo Castro, its representative in Chad," after "according to UNHCR")
    owner = next((p.split(" ", 1)[0] for p in who.split(", ")
                  if p.split(" ", 1)[0].lower() in ("its", "their")), "")
    if owner:
        body = next((x for x in reversed(report.speakers[-_BODY_BACK:])
                     if not x.person and x.side not in ("", "PRESS")), None)
        if body is not None:
            return body.side, f"side from {owner!r}"
    # (and a person's: "According to his press service" after "President Emomali Rahmon
    # met ...": the one "he" means, of a state's side)
    mine = next((p.split(" ", 1)[0] for p in who.split(", ")
                 if p.split(" ", 1)[0].lower() in ("his", "her")), "")
    if mine:
        person = next((x for x in reversed(report.speakers[-_BODY_BACK:])
                       if x.person and x.fits("he" if mine.lower() == "his" else "she")),
                      None)
        if person is not None and len(person.side) == 2:
            return person.side, f"side from {mine!r}"
    # "ministry spokeswoman Leyla Abdullayeva" after "Azerbaijan's foreign ministry
    # rejected ...": the body named before speaks through her, whatever the dateline
    # (not a news agency: "Yonhap news agency said" after KCNA is no one's agency)
    # (an army by another name is a state's: "the army" after "the Rapid Support Forces" is
    # not theirs, but after "the Kachin Independence Army" it is)
    # (and "the agency's spokesman, Boris Cheshirkov" after "UNHCR, the UN refugee agency")
    own = {w.removesuffix("'s").removesuffix("’s") for w in words}
    named = own & (_SPOKEN_FOR | _BODIES) if "news" not in words else set()
    body = _same_body(named)
    for earlier in reversed(report.speakers[-_BODY_BACK:] if body else []):
        theirs = set(earlier.name.lower().replace(",", " ").split())
        if earlier.side not in ("", "PRESS") and not earlier.person and (
                named & theirs or len(earlier.side) == 2 and body & _same_body(theirs) or
                # (a country or its capital speaks as its government: "government
                # spokeswoman Yolande Makolo" after "Rwanda denies ...")
                "government" in body and report.capital_or_country(earlier.name)):
            return earlier.side, "side from the body named before"
    if _ARMED_ALONE.fullmatch(who) and report.speakers and (last := report.speakers[-1]).person \
            and len(last.side) == 2 and _DEFENCE_ROLE.search(last.name):
        # "the armed forces said" right after a defence minister spoke ("Venezuelan Defence
        # Minister Vladimir Padrino Lopez said ... Two soldiers were killed ..., the armed
        # forces said"): his forces, not the dateline's (Bogotá's)
        return last.side, "side from the one who spoke before"
    if official and len(report.party_publisher) == 2:
        # a state's body that published the report speaks for its officials ("PRESS RELEASE
        # - Ministry of Interior, Bangkok. ... the ministry calls on ...")
        return report.party_publisher, "side from the publisher"
    summoned = _SUMMONED.search(sent.text) if official and sent is not None and \
        "summon" in sent.low else None
    host = report.side_of(summoned["where"]) if summoned and report.capital_or_country(
        summoned["where"]) else ""
    if host not in ("", "PRESS"):
        # one who summons another state's envoy to their own state is of it ("Minister of
        # Foreign Affairs ..., Hugh Todd, summoned Venezuela's Ambassador to Guyana")
        return host, "side from the envoy summoned"
    title = _title_of(who) if official and not speech.inferred else ""
    if title and (titled := report.side_of_title(title)):
        # "Prime Minister Ali Mahaman Lamine Zeine" after "Niger's prime minister": Niger's,
        # whatever the dateline (Cotonou's)
        return titled, "side from the title named before"
    accuses = _ACCUSES.match(sent.text, speech.verb.end()) if sent is not None and \
        speech.verb is not None and speech.verb.group().lower() in _ACCUSING_VERBS else None
    # (nor one who denies what the dateline's side charged last: "That governor, José
    # Gregorio Vielma Mora, rejected the accusations" in a paper of Cúcuta is no Colombian)
    answers_home = _surname_key(who) in report.not_home or speech.verb is not None and \
        sent is not None and speech.verb.group().lower() in _DENY_VERBS and \
        _THE_CHARGE.match(sent.text, speech.verb.end()) is not None and \
        any(side == report.home and not guessed for side, *_, guessed in report.charges[-2:])
    if answers_home:
        report.not_home.add(_surname_key(who))  # (and "He said ..." next: not the dateline's)
    if report.home and official and (report.home in report.parties or
                                     len(report.parties - {"PRESS"}) < 2) and not (
            accuses and report.side_of(accuses["whom"]) == report.home) and not answers_home:
        # (not one who accuses the dateline's own country: "SAN JOSÉ. ... Foreign Minister
        # Samuel Santos accused San José of inflating ...")
        # (and where the report names one party only, the dateline's may be the other:
        # "SANTIAGO - Chile sent a note to Peru ..., Foreign Minister Heraldo Muñoz said")
        # (an official's, not an armed group's: "Tuareg rebels of the ... said"; and of a
        # party: in a report on Kyrgyzstan and Tajikistan filed in Moscow, "the border
        # troops" are not Russia's)
        across = _ACROSS_FIRST.match(sent.text, _after_dateline(sent.text)) if sent else None
        others = (report.parties or {p.country for p in report.places.values()
                                     if p.kind == "country"}) - {"PRESS", report.home, ""}
        if across and len(others) == 1:
            # "BRAZZAVILLE - ... Across the Congo River, government spokesman Lambert Mende
            # said Kinshasa was indignant": the other party's, not the dateline's
            return others.pop(), "side across the border from the dateline"
        whom = _ADDRESSED.match(sent.text, speech.verb.end()) if sent is not None and \
            speech.verb is not None else None
        if whom and report.capital_or_country(whom["whom"]) and \
                report.side_of(whom["whom"]) == report.home:
            # one who speaks to the dateline's government is not of it ("QUITO - ... Foreign
            # Minister Fernando Araujo also expressed regret to Quito that Colombian forces
            # had been forced to act"): the other party's, where there is one
            return (others.pop(), "side from whom they addressed") if len(others) == 1 \
                else ("", "")
        return report.home, report.home_from
    if (words & _OUTLETS or {"news", "agency"} <= words) and not (
            "media" in words and words & _PRESS_OFFICES):
        # an outlet no side owns, named by what it is ("state broadcaster ERT", "Yonhap
        # news agency"): the press
        return "PRESS", "an outlet"
    return "", ""


# whom an outlet cites that speak for a state ("citing unnamed government sources")
_OFFICIALS = frozenset("""government military army security officials official police
defence defense ministry intelligence diplomatic""".split())
_STATE_OWNED = frozenset("""state state-run state-owned state-controlled official government
army military ministry office presidency police forces embassy""".split())


def _institution_in(name: str) -> bool:
    """Whether a phrase names an institution, organisation or person of sides.csv, not only
    a country or a demonym ("the KCNA news agency", not "Israel's Channel 12")."""
    terms = side_terms()
    words = [strip_possessive(w) for w in _CAPPED_WORD.findall(name)]
    return any(terms.get(name_key(" ".join(words[i:i + n])), ("", "demonym"))[1] != "demonym"
               for n in (3, 2, 1) for i in range(len(words) - n + 1))


_HEADS_OF_STATE = frozenset("president premier chancellor".split())


def _title_of(who: str) -> str:
    """The title a claimant is named with, lower-cased ("prime minister" of "Prime Minister
    Ali Mahaman Lamine Zeine", "government spokesman" of "The government spokesman, Wilfried
    Léandre Houngbédji" or of "Wilfried Houngbédji, government spokesman"), or ""."""
    for part in who.split(", ")[:2]:
        words = []
        for w in part.split()[1:] if part.startswith(("The ", "the ")) else part.split():
            if w.lower().rstrip(".") not in _TITLE_WORDS or w.lower() == "of":
                break
            words.append(w.lower())
        if words and words[-1] in _ROLES and words[-1] not in _BODIES and (
                len(words) > 1 or words[0] in _HEADS_OF_STATE):  # (not "minister" alone)
            return " ".join(words)
    return ""


def _role_words(who: str, speech: Speech) -> tuple[set[str], bool]:
    """The words of a claimant's name, lower-cased ("Gen." as "gen"), and whether they name
    an official (a role, not a group: not "rebels", nor "experts"), as named or as "he"."""
    words = set(who.lower().replace(",", " ").replace(".", " ").split())
    return words, bool(words & _ROLES) and not words & GROUP_NOUNS and (
        not speech.inferred or speech.inferred.lower() in ("he", "she"))


# what an outlet is called by its kind (a state's own agencies are sides.csv's)
_OUTLETS = frozenset("""broadcaster broadcasters newspaper newspapers daily dailies outlet
outlets media channel channels tabloid tabloids website websites radio tv television""".split())
# ... a newspaper's name ("The Kathmandu Post", "The Moscow Times")
_PAPER_NAMES = frozenset("post times herald gazette tribune journal".split())
_OUTLET_WORDS = _OUTLETS | _PAPER_NAMES
_PRESS_OFFICES = frozenset("office wing centre center department bureau directorate cell".split())
# ... and words before that kind ("Israel's public broadcaster Kan")
_OUTLET_MODIFIERS = frozenset("public private commercial independent online".split())
_ANSWER_END = re.compile(r"\n[ \t]*\n|\n[ \t]*(?:Q|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,3}):")
# (on a transcript's header or label line, not in a report's prose: "Spokesperson: Lin Jian",
# "Spokesperson Mao Ning's Regular Press Conference")
_ANSWERER = re.compile(r"(?m)^[^\n]{0,200}?\b[Ss]pokes(?:person|man|woman):[ ]*"
                       r"(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){1,2})[^\n]{0,200}$|"
                       r"^[^\n]{0,200}?(?P<name2>[A-Z][\w’'-]+ [A-Z][\w’'-]+)['’]s [Rr]egular "
                       r"[Pp]ress [Cc]onference[^\n]{0,200}$")
ANSWERS_KEPT = 200  # (a bound for hostile input)
# what a spokesperson says that claims nothing: a greeting, a thanks, the next subject
_FILLER = re.compile(r"\s*(?:[A-Z][\w’'-]*:\s*)?(?:(?:Good (?:morning|afternoon|evening)|"
                     r"Thank you|Thanks|I (?:will|'ll|’ll) (?:start|begin|turn|go) (?:with|to)|"
                     r"Let me (?:start|begin) with|Next question)\b[^.?!]{0,80}|"
                     r"(?:Yes|No|Okay|OK))[.?!]?\s*$")  # (a yes or no alone: not "No staff
# were injured")
# a briefing's header that names its spokesperson, the label of whose answers is their office
_BRIEFING_BY = re.compile(r"(?m)^[^\n]{0,200}?\bbriefing by (?P<name>[A-Z][\w’'-]+"
                          r"(?: [A-Z][\w’'-]+){1,2}), (?:the )?"
                          r"(?P<office>Spokes(?:person|man|woman))\b[^\n]{0,200}$")


def _answers(text: str, sides: dict[str, str]) -> tuple[list, tuple[str, str]]:
    """A transcript's answers: [(start, end)] of each paragraph that opens "A:", and the
    spokesperson who gives them, with the side of the line that names them (the ministry
    whose press conference it is); none where the transcript names no spokesperson with a
    side. (Or of a transcript within a report: the paragraphs labelled by a person's name,
    _labelled_answerer.)"""
    who = _ANSWERER.search(text, 0, 5000)
    name = (who["name"] or who["name2"]) if who else ""
    side = side_in(who.group(), sides) if who else ""
    speaker = f"Spokesperson {name}"
    label = "A"
    if not (name and side) and (by := _BRIEFING_BY.search(text, 0, 5000)):
        # (a briefing's transcript whose answers are labelled by the office: "... noon
        # briefing by Stéphane Dujarric, Spokesman for the Secretary-General, at United
        # Nations Headquarters ... Spokesman: Mr. Lacroix was very clear")
        name, side, label = by["name"], side_in(by.group(), sides), by["office"]
        speaker = f"Spokesperson {name}"
    if not (name and side):
        name, side = _labelled_answerer(text, sides)
        speaker = name
    if not (name and side):
        return [], ("", "")
    spans = []
    # ("A: ..." or the spokesperson's own name: "Lin Jian: The Philippines ...")
    opens = re.compile(rf"(?m)^[ \t]*(?:{label}|{re.escape(name)}):[ \t]")
    for m in opens.finditer(text):
        end = _ANSWER_END.search(text, m.end())
        spans.append((m.start(), end.start() if end else len(text)))
        if len(spans) >= ANSWERS_KEPT:
            break
    return spans, (speaker, side)


def _labelled_answerer(text: str, sides: dict[str, str]) -> tuple[str, str]:
    """A transcript in a report whose lines are labelled by a person's name ("Geng Shuang:
    Donglang has always been Chinese territory"), where at least two lines are, and the
    report named them before in words that tell a side ("At the foreign ministry's regular
    briefing in Beijing, spokesperson Geng Shuang was questioned"): (name, side), else
    ("", "")."""
    labels = Counter(m["name"] for m in itertools.islice(_LABEL.finditer(text), LABELS_READ))
    name = next((n for n, k in labels.most_common(1) if k >= 2), "")
    first = text.find(name) if name else -1
    if first < 0 or text.startswith(":", first + len(name)):
        return "", ""  # (named first in a label: who they are is not said)
    start = max(text.rfind("\n", 0, first), text.rfind(". ", 0, first)) + 1
    end = text.find(".", first)
    return name, side_in(text[start:end if end > 0 else len(text)], sides)


# a line's label: a person's name and a colon ("Geng Shuang: ..."), not "Question:"
_LABEL = re.compile(r"(?m)^[ \t]*(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}):[ \t]")
LABELS_READ = 200  # (a bound for hostile input)


_REPORTER = re.compile(r"^(?:[Oo]ur |[Tt]his newspaper's |[Aa]n? |[Tt]he )?(?:[A-Z][\w’'.-]+ )?"
                       rf"(?:own )?{_PRESS_PEOPLE}\b")
# "in eastern Chad": a direction within a place named in a speaker's phrase
_DIRECTIONS = frozenset("""eastern western northern southern central north south east west
northeastern northwestern southeastern southwestern""".split())


def _same_body(words: set[str]) -> set[str]:
    """A body's words, with an army's names as one ("army spokesman" after "The Israeli
    military denied ...": the military's)."""
    return {"army" if w in ("military", "forces", "army") else w for w in words}


# a release's heading, which names who issued it ("Press release: Ministry of Foreign Affairs
# of the Republic of Tajikistan", "Statement by the Ministry of Defence of Armenia")
_RELEASE = re.compile(r"[ \t]*(?:Press release|Press statement|News release|Official statement|"
                      r"Statement|Communiqu[ée]|Information message)\b(?: (?:by|of|from))?"
                      r"[ \t]*[:—–.-]?[ \t]*(?P<who>[^\n]{3,160})", re.I)


def _released_by(text: str) -> str:
    """Who issued a text whose first line says it is their release, else '' (not a headline
    that names a statement: "Statement by Azerbaijan's defence ministry angers Yerevan")."""
    m = _RELEASE.match(text)
    # (to the heading's end: "PRESS RELEASE - Ministry of Interior, Bangkok. The Ministry ...")
    who = _HEADING_END.split(m["who"], 1)[0].strip() if m else ""
    if not m and (after := _RELEASE_AFTER.match(text)):
        # (the issuer first, where from after: "MINISTRY OF DEFENCE - PRESS RELEASE. Santo
        # Domingo, 20 September 2023.")
        # (or with none: "Republic of the Sudan, Ministry of Foreign Affairs - Press
        # Release. The Ministry ...")
        who = f"{after['who'].strip()}, {after['where']}" if after["where"] else \
            after["who"].strip()
    return who if _ISSUER.fullmatch(who) else ""


_RELEASE_AFTER = re.compile(r"[ \t]*(?P<who>[A-Z][^\n.:—–-]{2,80}?)\s*[:—–-]\s*(?:Press release|"
                            r"News release|Press statement|Press information|Communiqu[ée])\b"
                            # (where from, where it says: "Buenos Aires, 16 December 1998.")
                            r"\.?(?:\s+(?P<where>[A-Z][\w’'-]{1,30}(?: [A-Z][\w’'-]{1,30}){0,2}),"
                            r"\s(?=[\w ]{0,20}\d))?", re.I)


_HEADING_END = re.compile(r"(?<=[a-z0-9])\.\s+(?=[A-Z])")


# an issuer's name and nothing after it: capitalised words and the small words inside a
# body's name ("Ministry of Foreign Affairs of the Republic of Tajikistan"), a date after it
_ISSUER = re.compile(r"(?:the |The )?[A-Z][\w’'.-]*(?:\s(?:of|for|and|on|the|[A-Z][\w’'.-]*))*"
                     # (and where it issued it from: "Ministry of Interior, Bangkok")
                     # (or of what state: "..., Plurinational State of Bolivia"; "Federal
                     # Ministry of Finance, Budget and National Planning, Abuja")
                     r"(?:,\s[A-Z][\w’'-]*(?:\s(?:of|for|and|the|[A-Z][\w’'-]*)){0,5}){0,3}"
                     r"(?:[,;:—–-]\s*[\w ,.]{0,24}\d{4})?\.?")


def _party_publisher(publisher: str, sides: dict[str, str]) -> str:
    """The side a report's publisher is a body of: a state's ministry, government, army or
    the like named with its country ("Ministry of Defense of the Republic of Azerbaijan"),
    or an institution of sides.csv (state media: "TASS", "Xinhua"); "" for the press
    ("Reuters", "Agence France-Presse", "The Times of India": a country in a newspaper's
    name makes it no party)."""
    side_here = side_in(publisher, sides) if publisher else ""
    if not side_here or side_here == "PRESS":
        return ""
    words = {w.lower() for w in re.findall(r"[\w’'-]+", publisher)}
    key = f" {name_key(publisher)} "
    institution = any(f" {k} " in key for k, (x, kind) in side_terms().items()
                      if kind == "institution" and x == side_here)
    state_body = bool(words & _STATE_BODIES) and not words & _NEWSROOM
    return side_here if institution or state_body else ""


# a state's bodies (a publisher that is one speaks for the state), and a newsroom's words
# ("RFE/RL's Tajik Service", "Asia-Plus Tajik news agency": the press)
_STATE_BODIES = frozenset("""ministry government army military presidency embassy command
forces""".split())
_NEWSROOM = frozenset("""news press radio television tv times post daily herald tribune
journal gazette service agency""".split())


# the bodies a spokesperson, an official or a statement may be "of" without naming its
# country (and any body's word below); the last few speakers are looked back at
_SPOKEN_FOR = frozenset("""ministry office government army military service committee command
council presidency administration agency embassy mission""".split())
_BODY_BACK = 4
_ROLE_BACK = 40  # (... and those "the military" may: a bound, each is read in every sentence)
_PRONOUN_BACK = 12  # (the speakers "he" or "she" may go back to: a bound for long texts)


# a verb of telling, whom it was told to, and where: "told the U.N. Security Council in "
# (a few words, none "that": what was told begins there)
# where one spoke, said first: "Addressing a press conference in Rawalpindi, ... said"
_SPEAKING_FIRST = re.compile(r"\s*(?:(?:Addressing|Speaking|Talking|Briefing|Writing)\b|"
                             # ("At an emergency meeting of the UN Security Council in New
                             # York on Sunday, ...": where they spoke too)
                             r"At (?:an?|the) (?:[\w-]+ ){0,3}(?:meeting|session|briefing|"
                             r"conference|summit|forum|debate)\b)[^,]{0,80},")
_TOLD_IN = re.compile(r"(?:told|tells|telling|briefed|addressed|addressing)(?:\s+(?:the |a |an )?"
                      r"(?:(?!that\b)[\w.’'-]+\s+){0,4}(?:in|at)\s+(?:the\s+)?)?")
_ACROSS_FROM = re.compile(r"\bacross\s+(?:the\s+(?:border|river|frontier)\s+)?from\s+"
                          r"(?:the\s+)?(?:[\w’'-]+\s+){0,4}$")
_SPOKE_IN = re.compile(r"(?:\b(?:reporters|journalists|a (?:\w+ ){0,2}briefing|a news conference|"
                       r"lawmakers|parliament)|(?<=said)|(?<=says)|(?<=added)|(?<=announced)|"
                       r"(?<=declared)|(?<=stated)|(?<=insisted)|(?<=warned)) in "
                       r"(?P<where>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")  # (and "said in Baku")
# (one who accuses a place of the dateline's side: "... accused San José of ...")
_ACCUSES = re.compile(r" (?:[a-z]+ ){0,2}?(?P<whom>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")
_DENY_VERBS = frozenset(DENY.split("|"))
_ASKED_OF_OTHERS = ("asked ", "asks ", "appealed ", "appeals ", "appeal ")
# a sentence that opens on the other side ("Across the Congo River,", "Across the border,")
_ACROSS_FIRST = re.compile(r"\s*(?:[Aa]cross|[Oo]n the other side of|[Oo]ver) the "
                           r"(?:[A-Z][\w’'-]* )?(?:border|frontier|river|River|strait|Strait)\b"
                           r"[^,]{0,40},")
# what is denied is a charge named as one ("rejected the accusations", "denied these claims")
_THE_CHARGE = re.compile(r"\s+(?:the|these|those|such|this|that|its|their)\s+(?:[\w’'-]+\s+)?"
                         r"(?:accusations?|claims?|charges?|allegations?|reports?|version|account)\b")
_ACCUSING_VERBS = frozenset("accused accuses blamed blames condemned condemns".split())
_LOCAL_OFFICIALS = frozenset("""mayor governor prefect commissioner councillor wali chairman
administration administrator""".split())
# (a phrase that opens the sentence, before its speaker, saying where they spoke)
_OPENER_IN = re.compile(r"\s*(?:(?:Speaking|Addressing|Briefing|Talking|Writing|Responding|"
                        r"Reacting|Commenting|Replying|Asked|In|At|From)\b[^,;:“”\"()]{0,100}?"
                        r"\s)?(?P<at>[Ii]n|On|From) (?P<where>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")
_AGED = re.compile(r"\s*,\s*\d{1,3}\s*,")
# people of a place, who speak for no state: their side is where they are
_LOCAL = re.compile(r"(?:(?:two|three|four|several|some|many|other|\d{1,4}) )?(?:local |the )?"
                    r"(?:residents?|villagers?|locals|witnesses|a witness|eyewitnesses|"
                    r"an eyewitness|survivors|a survivor|inhabitants|farmers|herders|"
                    r"fishermen|traders|shopkeepers|health workers|a health worker|doctors|"
                    # (one of them: "a livestock breeder", "a local notable", "a herder")
                    r"an? (?:livestock |cattle )?(?:breeder|herder|farmer|fisherman|"
                    r"shepherd|trader|shopkeeper)|(?:a )?(?:local )?notables?|"
                    r"a doctor|nurses|a nurse|medics|a medic|elders|community leaders|"
                    # (a village's head, who speaks for it: "the village mukhtar")
                    r"(?:a |the )?(?:village |local )?(?:mukhtar|headman)|"
                    r"(?:a |the )?(?:village|tribal) (?:head|leader|chief|elder)s?|"
                    # (who keeps a place there: "The owner of a guesthouse in Bialowieza")
                    r"(?:an? |the )?owners? of (?:an? |the )?[a-z]+|"
                    r"(?:a )?local (?:officials?|authorities|leaders?|people)|"
                    # (a place's own official, of no country named: "Governor Vyacheslav
                    # Gladkov said ... Kozinka", "the Chief District Officer of Nawalparasi")
                    r"(?:the )?(?:regional |provincial |district |county )?(?:governor|mayor|"
                    r"prefect|wali|chief district officer|district commissioner|"
                    r"county commissioner)(?! of the)(?!-)(?! general))\b", re.I)
# ... named with their place, which may end in a word of no capital ("residents of the Bilal
# Mosque area", "Locals in Teknaf's Whykong and Hnila unions"): at the end of the words
# before a verb of saying (looked for in their last 160 characters)
_LOCALS_OF = re.compile(r"(?:^|(?<=[\s,]))(?P<who>(?i:" + _LOCAL.pattern + ")" +
                        r"\s+(?:of|in|from|near|around|at)\s+(?:the\s+|an?\s+)?(?:(?:villages?|"
                        r"towns?|areas?|camps?|districts?|hospitals?|clinics?|(?:border )?"
                        r"crossings?)\s+(?:of|in|near|around|at|outside)\s+(?:the\s+)?)?"
                        r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|"
                        r"and|the|of|nearby|mining|[a-z]+['’]s|areas?|districts?|villages?|"
                        r"towns?|city|camps?|unions?|regions?|province|county|quarter|upazila|"
                        r"neighbou?rhoods?)){0,10})\s*$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*")
_QUOTED_BY = re.compile(r"\b(?:quoted|cited) by ")
_NAMED_ANYWHERE = re.compile(f"[{UPPER}]")  # (a capital letter, after the first)
_SIDE_OF = re.compile(r"\bon the ([A-Z][\w’'-]+) side of\b")
# ... and a person named with a trade, not an office ("Abdul Ghani, a shopkeeper")
_TRADE = re.compile(r",\s(?:an?|the)\s(?:local\s|\w+-year-old\s)?(?:shopkeeper|farmer|teacher|"
                    r"driver|taxi driver|trader|shepherd|herder|fisherman|student|doctor|nurse|"
                    r"mother|father|worker|labou?rer|merchant|vendor|resident|villager|"
                    r"housewife|pensioner|elder|businessman|businesswoman)\b")


_TOLD = re.compile(r"\s+(?:that\s+)?(?P<who>[A-Z][\w’'-]+)\s+[a-z]+(?:ed|s)\b")
_DAY_NAMES = frozenset(w.capitalize() for w in (*WEEKDAYS, *MONTHS))
_TOLD_HEAD = re.compile(r"\s+(?:that\s+)?(?P<who>the (?:head of state|head of government|"
                        r"president|prime minister|premier))\s+(?:will|would|had|has|was|is)\b",
                        re.I)


def remember(speech: Speech, who_side: str, sent: Sentence, report: Report) -> None:
    """Whom "he" or "it" may mean next: the speaker, and the person the words report."""
    speakers = report.speakers
    if speech.how == "narration":
        # the report speaks, but whom it names first may be "it" or "he" next ("The
        # Kremlin did not confirm this ... It said Putin stressed")
        head = _HEAD.match(sent.text, _after_dateline(sent.text))  # (not "GUATEMALA CITY —")
        who = speech.subject or (head["np"].strip() if head else "")
        if head and who == head["np"].strip() and who.endswith(("'s", "’s")):
            who = _head_np(sent.text[head.start("np"):]) or who  # (its title words:
            # "Guatemala's foreign ministry")
        named = report.side_of(who) if who else ""
        if named not in ("", "PRESS"):
            speakers.append(_Speaker(who, named, _a_person(who, report)))
        if not speech.subject:
            _introduce(sent, report)
        return
    # (as they were the last time they spoke: "he said by telephone" after "a 19-year-old
    # who gave his name only as Anas said")
    before = [x for x in speakers[-_PRONOUN_BACK:] if x.name == speech.claimant]
    person = _a_person(speech.claimant, report, sent) or any(x.person for x in before)
    gender = (_gender_of(speech.claimant) or _gender_in(sent) or
              next((x.gender for x in reversed(before) if x.gender), "")) if person else ""
    speakers.append(_Speaker(speech.claimant, who_side, person, bool(sent.quotes),
                             "statement" in sent.low and bool(_STATED.search(sent.text)),
                             gender))
    if who_side not in ("", "PRESS") and ", " in speech.claimant:
        report.person_named(speech.claimant, who_side)
    # the one it cites ("SANA, citing a military source, said"): "the source" next, theirs
    cited = _CITING.search(sent.text)
    if cited:
        speakers.append(_Speaker(f"{cited['who']} cited by {speech.claimant}", who_side, False))
    # whom the words report ("It said Putin stressed ..."): "he" next may be him
    verb = speech.verb
    told = _TOLD.match(sent.text[verb.end():]) if verb and speech.how != "according" else None
    if told and name_key(told["who"]) in report.people:
        name, named = report.people[name_key(told["who"])]
        speakers.append(_Speaker(name, named, True))
    elif verb and speech.how != "according" and who_side not in ("", "PRESS") and (
            head := _TOLD_HEAD.match(sent.text, verb.end())):
        # ("The Casa de Nariño reported that the head of state will return ... he said"):
        # the speaker's own head of state or government, of their side
        speakers.append(_Speaker(head["who"], who_side, True))


_OWNERS = ("Its ", "Their ", "His ", "Her ", "its ", "their ", "his ", "her ")
_CITING = re.compile(r"\b(?:citing|quoting) (?:an? |the )?(?P<who>(?:[\w-]+ ){0,3}"
                     r"(?:sources?|officials?|"
                     r"officers?))\b")
_REPORTS = re.compile(r"\breports?\b", re.I)


def stance(sent: Sentence, speech: Speech, a: int = 0, b: int | None = None,
           lead: str = "") -> str:
    """What the clause ``sent.text[a:b]`` does: denies (denied, rejected, "did not
    cross"), calls (urged, called on, demanded; or a call in the words: "must", "we
    expect Azerbaijan to", "the need for"), reports ("reportedly", "according to reports")
    or asserts. A later clause takes its cut's verb ("and said", ", urging")."""
    how, text = speech.how, sent.text
    b = len(text) if b is None else b
    if how == "according" and _REPORTS.search(speech.claimant):
        return "reports"
    if not speech.claimant and how == "reportedly":
        return "reports"
    if how == "narration":
        return "asserts"  # ("the Kremlin did not confirm this": still the report's word)
    verb = lead if a else how
    if verb in DENY.split("|"):
        return "denies"
    if verb in CALL.split("|") or verb.startswith(("urging", "demanding", "appeal", "ask")) or (
            verb.startswith(("called", "calls", "calling")) and not (
                a and _NAMING.match(text, a))):
        return "calls"  # (not ", calling it an illegal abduction": what it is called)
    verb_at = speech.verb.end() if speech.verb and not a else 0
    if sent.quoted(a) or any(q0 < verb_at for q0, _ in sent.quotes[:1]):
        verb_at = a  # ("“No Ethiopian aircraft has violated ...,” the spokesman said")
    regions = [(max(a, verb_at), b)]
    if not a and 0 < speech.span[0] < verb_at and not (
            _EVENT.search(text, verb_at, b, low=sent.low) or _ACTOR.search(text, verb_at, b)):
        # what is said before its frame, unquoted, the frame ending the sentence: "Armenian
        # troops did not cross into Tavush, the ministry said on Monday"
        regions.append((a, speech.span[0]))
    if _negation(text, *regions[0]) or _FALSE.search(text, *regions[0]) or \
            _DENIED_TOO.search(text, *regions[0]) or any(
            _FALSE.search(text, x, y) or _main_negation(text, x, y) for x, y in regions[1:]):
        return "denies"
    if verb in ("must", "should") or _CALL_WORDS.search(text, a, b):
        return "calls"
    return "asserts"


# (and acts denied in words _NEGATED does not read: "had taken no direct measures against
# Philippine personnel", "there had never been any dispute over the area")
_DENIED_TOO = re.compile(r"\b(?:taken|took|take|takes|taking) no (?:[\w’'-]+ ){0,2}(?:measures?|"
                         r"actions?|steps?)\b|\bnever been any\b")


def _negation(text: str, a: int, b: int) -> re.Match | None:
    """The first negation of an act in text[a:b] (``_NEGATED``) that is not inside a clause
    of what a noun is ("paying the price for a war they never asked for"); None if none."""
    m = _NEGATED.search(text, a, b)
    for _ in range(4):  # (a bound: linear time)
        if m is None or not _CONTACT_CLAUSE.search(text, max(a, m.start() - 30), m.start()):
            return m
        m = _NEGATED.search(text, m.end(), b)
    return None


# a noun and the subject of the clause that says what it is, with no "that" ("a war they
# never asked for", "the houses we had not seen")
_CONTACT_CLAUSE = re.compile(r"\b(?:a|an|the|any|this|that|every)\s+[a-z]{3,}\s+(?:they|he|"
                             r"she|we|you|I)\s+$")


_SUBORDINATE = re.compile(r"\b(?:when|after|before|as|while|because|since|although|though|"
                          r"which|who|where|if|unless|until|despite)\b", re.I)


def _main_negation(text: str, a: int, b: int) -> bool:
    """Whether text[a:b], what is said before its frame, is negated in its main clause
    ("Azerbaijani troops did not cross into Tavush"), not in a clause inside it ("No one
    was hurt when Azerbaijani troops shelled Berd", "Although talks did not resume, ...",
    "Azerbaijan, which has not signed the treaty, shelled ...")."""
    m = _negation(text, a, b)
    # (an aside set off by two commas is no clause of its own: "The Russian base, stationed
    # in Dushanbe, has not been involved")
    return m is not None and not _SUBORDINATE.search(text, a, m.end()) and \
        text.count(",", a, m.start()) % 2 == 0 and "," not in m.group()


def actor(sent: Sentence, speech: Speech, who_side: str, report: Report, a: int = 0,
          b: int | None = None) -> tuple[str, str]:
    """Whose forces act in the sentence (or its clause ``sent.text[a:b]``), and their side:
    the side urged or accused ("urged Azerbaijan to withdraw"), else forces named with a
    side ("Azerbaijani troops"), else "its troops" as the side named last before them, or
    the speaker's own."""
    text = sent.text
    b = len(text) if b is None else b
    found = list(_ACTOR.finditer(text, a, b))
    # forces that speak are not those the speaker tells of ("Kyrgyz border guards said
    # Tajik troops opened fire"): forces of a side named outside the claimant's words come
    # first; the speaker's own act where no others are ("Armenian troops said they returned
    # fire", "the army said its troops advanced": the army is the better name)
    s0, s1 = speech.span
    if s1 > s0:
        # (and the speaker's own, named as such: "its forces had struck ... and destroyed
        # 15 Ukrainian drones" - its forces act, the drones were struck)
        told = [m for m in found if (m.end() <= s0 or m.start() >= s1)
                and (report.side_of(m["who"]) or (
                    _OWNED.search(text, max(0, m.start() - 7), m.start()) and
                    not _AT_OWN.search(text, max(0, m.start() - 20), m.start())))]
        # (its forces, where the speaker is a force itself, are best named by the speaker's
        # name: "The Sudanese army said its troops advanced" - the Sudanese army)
        speaking = next((m for m in found if s0 <= m.start() < s1 and
                         report.side_of(m["who"])), None)
        if speaking is not None:
            told = [m if report.side_of(m["who"]) else speaking for m in told]
        if not told:
            # fire from a side's ground, where no forces are named: that side's ("shells
            # fired from Congolese territory hit homes": not the army that says so)
            whence = _FROM_SIDE.search(text, a, b)
            if whence and report.side_of(whence["who"]) not in ("", who_side):
                return whence["who"] + " side", report.side_of(whence["who"])
            # ... and another side named as the one that acted ("Sudan's army said the RSF
            # shelled El Fasher": the RSF, not the army that says so)
            # (a side's own name, of sides.csv or a country's: not a place, "the explosion in
            # Kotli killed")
            doer = next((d for d in _SIDE_ACTS.finditer(text, max(a, s1), b)
                         if side_in(d["who"]) not in ("", "PRESS", who_side)), None)
            if doer is not None:
                return doer["who"], side_in(doer["who"])
        found = told + [m for m in found if m not in told]
    # who did it to those it was done to: "soldiers were killed in an ambush by Ethiopian
    # forces" (the forces after "by" act; not "militias backed by Ethiopian forces")
    agents = [m for m in found if _DONE_BY.search(text, max(0, m.start() - 40), m.start())
              and report.side_of(m["who"])]
    found = agents + [m for m in found if m not in agents]
    actors = [m["who"] for m in found]
    # "its troops": the speaker's own; read off each match, not searched for again per
    # actor (a sentence may hold thousands)
    owned = {m["who"] for m in found if _OWNED.search(text, max(0, m.start() - 7), m.start())}
    who = next((a for a in actors if report.side_of(a) or a in owned),
               actors[0] if actors else "")
    obj = _URGED.search(text, a, b)
    actor_side = report.side_of(obj["who"]) if obj else ""
    if actor_side and who and report.side_of(who) not in ("", actor_side):
        # the side accused acts, not forces of another side the clause names ("accused
        # Algeria of shooting down a Malian army drone": Algeria)
        who = next((x for x in actors if report.side_of(x) == actor_side), obj["who"])
    if not actor_side and who:
        actor_side = report.side_of(who)
        its = None if actor_side else _owned_by_speaker(who, text)
        if its:
            # "its troops": the side named last before it ("demanded that Azerbaijan
            # withdraw its troops"), else the claimant ("Baku says its troops ...")
            named = [report.side_of(w.group()) for w in re.finditer(
                r"[A-Z][\w’'-]+", text[speech.span[1]:its.start()])]
            named = [x for x in named if x and x != "PRESS"]
            actor_side = named[-1] if named else who_side
    return who, actor_side


_SIDE_ACTS = re.compile(r"\b(?:the )?(?P<who>[A-Z][\w’'-]{1,30}(?: [A-Z][\w’'-]{1,30}){0,3}) "
                        r"(?:had |has |have )?(?:shelled|attacked|struck|fired|opened fire|"
                        r"captured|seized|killed|advanced|crossed|bombed|raided|ambushed)\b")
_FROM_SIDE = re.compile(r"\b(?:fired|launched|came|coming|shot) from (?:the )?"
                        r"(?P<who>[A-Z][\w’'-]{1,30}) (?:territory|side|soil|positions?|bank)\b")
# (the speaker's own forces fired at: "shots were fired ... at its soldiers")
_AT_OWN = re.compile(r"\b(?:at|on|against|towards?)\s+(?:its|their|our)\s+$")


def _owned_by_speaker(who: str, text: str) -> re.Match | None:
    """The first "its troops", "their forces" or "our soldiers" for ``who`` in the text.
    Looked for as plain text first: most sentences hold none, and the pattern, made for
    each ``who``, was compiled anew for most of them (a millisecond each)."""
    if not any(f"{owner} {who}" in text for owner in ("its", "their", "our")):
        return None
    return re.search(rf"\b(?:its|their|our) {re.escape(who)}", text)


_URGED = re.compile(r"\b(?:urged|accused|demanded that|called on|calling on|charged that|"
                    r"expect|expects|wants) (?P<who>[A-Z][\w’'-]+)")


def place(sent: Sentence, speech: Speech, actor_side: str, report: Report, a: int = 0,
          b: int | None = None, speaker_side: str = "") -> list[tuple[str, str, bool]]:
    """Where the event the clause ``sent.text[a:b]`` claims happens, as (place id, surface,
    whether from the report's focus): a claim per place. The places the clause names
    outside the claimant's words, the side urged, a capital (a government) and an
    addressee ("appealed to Russia"); of these every one finer than a country that holds
    none of the others ("Kok-Tash in the Batken region": Kok-Tash), else the most
    specific; else the country a phrase such as "Armenian territory" names; else the
    report's place."""
    s = sent.start
    e = s + (len(sent.text) if b is None else b)
    span, focus, places = speech.span, report.focus, report.places
    # (nor the dateline's city, where the report was filed: "SRINAGAR, Nov 13 (Wire) -")
    candidates = [(m, r) for m, r in sent.mentions if s + a <= m.start < e and r.resolved
                  and not (s + span[0] <= m.start < s + span[1])
                  and m.start not in report.filed]
    # the side that is asked or accused is not where it happened ("urged Azerbaijan to
    # withdraw its troops from Armenia's border areas": Armenia)
    if actor_side:
        candidates = [(m, r) for m, r in candidates
                      if not (r.place.kind == "country" and r.place.country == actor_side)]
    capital_of, text = report.capital_of, report.doc.text
    candidates = [(m, r) for m, r in candidates
                  if not (capital_of and capital_of(r.place) and not (
                      speech.how == "narration" and _LOCATED.search(
                          text, max(0, m.start - 6), m.start))) and not _ADDRESSEE.search(
                      text[max(0, m.start - 24):m.start])
                  # (nor the one who did it: "planned by China", "shelled by Azerbaijan",
                  # "Azerbaijan used artillery")
                  and not _AGENT.search(text, max(0, m.start - 8), m.start)
                  # (nor where an envoy is posted: "summoned Myanmar's ambassador in Dhaka")
                  and not _POSTED_IN.search(text, max(0, m.start - 24), m.start)
                  # (nor where a body it names sits: "the Joint Operational Staff Committee,
                  # a regional security body based in the Algerian city of Tamanrasset")
                  and not _BASED_IN.search(text, max(0, m.start - 48), m.start)
                  and not (r.place.kind == "country" and _ACTS.match(text, m.end) and
                           not _HIT_BEFORE.search(text, max(0, m.start - 12), m.start))
                  # (nor a country in its forces' name: "the China Coast Guard (CCG) had no
                  # legal authority to interfere", "Pakistan Army")
                  and not (r.place.kind == "country" and _FORCE_NAMED.match(text, m.end))
                  # (nor the country blamed: "blamed Israel for bringing the fighting")
                  and not (r.place.kind == "country" and _BLAMED.search(
                      text, max(0, m.start - 16), m.start))
                  # (nor one whose thing it names, not its ground: "China's sovereignty",
                  # "China's maritime militia"; but "China's waters", "Iraqi territory")
                  and not (r.place.kind == "country" and _OWNS_NO_GROUND.match(text, m.end))]
    verb = speech.verb
    if verb is not None and _TOLD_IN.match(text, s + verb.start(), s + verb.end()):
        # nor where they said it: "told the U.N. Security Council in New York"
        candidates = [(m, r) for m, r in candidates if not (
            m.start > s + verb.end() and _TOLD_IN.fullmatch(text, s + verb.start(), m.start))]
    speaking = _SPEAKING_FIRST.match(sent.text, _after_dateline(sent.text)) if not a else None
    if speaking:  # (nor where they spoke, said first: "Speaking to reporters in Baku, ...")
        candidates = [(m, r) for m, r in candidates if m.start >= s + speaking.end()]
    where = _WHERE_FIRST.match(sent.text) if not a and span[1] else None
    if where and span[0] >= where.end() - 1:
        # nor where the speaker was, said first, a city where the words name another
        # place: "In Geneva, a spokeswoman for the UN human rights office said ... the
        # reports from Tinzaouaten", "In Quetta, Balochistan's chief minister said ... at
        # Chaman" (but "In El Geneina, capital of West Darfur, UN investigators say": El
        # Geneina; and what residents tell is of their own place)
        keep = _LOCAL.match(speech.claimant) is not None or not any(
            m.start >= s + span[1] for m, _ in candidates)  # (named in what is said)
        candidates = [(m, r) for m, r in candidates if m.start >= s + where.end() or
                      keep or r.place.population < 100_000] or \
            candidates  # (a city where officials sit: not "In Quneitra, ...")
    # nor a place named to say where another is ("in Rubavu, across the border from
    # Goma"), where the clause names another
    apart = [(m, r) for m, r in candidates
             if not _ACROSS_FROM.search(text, max(0, m.start - 60), m.start)]
    candidates = apart or candidates
    fine = _fine(candidates)
    # (each place once; and a bounded few, as a sentence may name thousands)
    fine = list({p.id: p for p in fine}.values())[:4 * MAX_PLACES]
    fine = [p for p in fine if not any(q is not p and _holds(p, q) for q in fine)]
    if len(fine) > 1:
        surfaces = {r.place.id: m.surface for m, r in reversed(candidates)}
        return [(p.id, surfaces[p.id], False) for p in fine[:MAX_PLACES]]
    if candidates:
        m, r = min(candidates, key=lambda mr: (
            SPECIFIC.get(mr[1].place.kind, 1),
            not (focus and _in_country(focus[1], mr[1].place.country, places)), mr[0].start))
        if r.place.kind == "region" and not r.place.country and focus:
            # a region of several countries ("the South Caucasus") says less than the
            # report's own place does
            return [(focus[1], focus[0], True)]
        if r.place.kind == "country" and focus and (
                _in_country(focus[1], r.place.country, places)
                or r.place.country not in report.parties):
            # "advanced into Armenia" in a report about Syunik: the report's place is
            # more precise than the country, and lies in it; and a third country the
            # sentence names ("France is also prepared to ...") acts, or is addressed: the
            # claim is about the incident
            return [(focus[1], focus[0], False)]
        return [(r.place.id, m.surface, False)]
    unknown = next((m for m, r in sent.mentions if m.marked and not r.resolved and
                    s + a <= m.start < e and not s + span[0] <= m.start < s + span[1]), None)
    if unknown is not None:
        # a place the words mark as one but the gazetteer lacks ("the Ras Jedir crossing",
        # "the Sarstoon River"): the claim is there, unplaced, not at the report's place
        return [("", unknown.surface, False)]
    other = _across_the_border(sent.text, a, e - s, actor_side, speaker_side, report.parties)
    if other:
        return [(f"country:{other}", f"country:{other}", False)]
    if _LOCAL.match(speech.claimant):
        # what residents or witnesses of a place tell, with no other place, they tell of
        # their own ("Residents in Sisaket province said they heard shelling")
        # (the first named: "Residents of Spin Boldak, across the border from Chaman")
        own = next(((m, r) for m, r in sent.mentions if s + span[0] <= m.start < s + span[1]
                    and m.start not in report.filed and _fine([(m, r)])), None)
        if own:
            return [(own[1].place.id, own[0].surface, _SPEAKERS)]
    town = report.last_town
    if town is not None and sent.start - town[1] <= TOWN_BACK and \
            _TOWN_WORDS.search(sent.text):
        # "a shopkeeper in the town", "no shell had landed in the village": the town the
        # report named last, a sentence or two before, not the report's place ("Residents
        # of Zalambessa, ... said" before, of fighting on another front); never a capital,
        # which stands for its government
        return [(town[0].id, town[0].name, _THE_TOWN)]
    the_area = _AREA_WORDS.search(sent.text, a, e - s)
    if the_area and span[0] <= the_area.start() < span[1]:  # (not in the speaker's words)
        the_area = _AREA_WORDS.search(sent.text, max(a, span[1]), e - s)
    if the_area:
        # "five were wounded in the province", "in the same province": the province the
        # sentence named before it (its speaker's: "a spokesman for the Oddar Meanchey
        # provincial administration"), else the report a sentence or two before, not the
        # report's place across the border
        area = next(((r.place, s) for m, r in reversed(sent.mentions) if r.resolved and
                     r.place.kind in ("admin1", "admin2") and
                     m.start < s + the_area.start()), None) or report.last_area
        if area is not None and sent.start - area[1] <= TOWN_BACK:
            return [(area[0].id, area[0].name, _THE_AREA)]
    t = _TERRITORY.search(sent.text, a, e - s)
    country = report.side_of(t["adj"]) if t else ""  # (a demonym of demonyms.csv: "Rwandan")
    if country and len(country) == 2 and country != actor_side and not (
            focus and _in_country(focus[1], country, places)):
        return [(f"country:{country}", f"country:{country}", False)]
    if report.unknown_focus:
        return [("", report.unknown_focus, True)]
    if focus:
        return [(focus[1], focus[0], True)]
    return [("", "", False)]


_LOCATED = re.compile(r"\b(?:in|at|near)\s+$")
def _across_the_border(text: str, a: int, b: int, actor_side: str, speaker_side: str,
                       parties: set) -> str:
    """The other party's country, where forces of one party struck or fired "across the
    border" in text[a:b] ("the air force sent F-16s to strike two Cambodian military targets
    across the border": Cambodia, not the report's Thai province); else ''. Forces of no side
    named are the speaker's own where they act, not where the shooters go unnamed ("shots
    were fired across the border")."""
    if not _ACROSS_THE_BORDER.search(text, a, b):
        return ""
    striker = actor_side or ("" if _PASSIVE_FIRE.search(text, a, b) else speaker_side)
    others = parties - {"PRESS", striker}
    return next(iter(others)) if striker in parties and len(others) == 1 else ""


_PASSIVE_FIRE = re.compile(r"\b(?:was|were|been|being) (?:fired|shot|shelled|struck|hit|"
                           r"launched)\b")
# an act of force across the border ("fired across the border", "targets across the border")
_ACROSS_THE_BORDER = re.compile(r"\b(?:fired|fire|firing|shot|shelled|shelling|struck|strike|"
                                r"strikes|hit|targets?|positions?|raids?)\b[^.;]{0,60}?(?<!from )"
                                r"\bacross the (?:border|frontier|line)\b")  # (not "from across")
_AGENT = re.compile(r"\bby\s+(?:the\s+)?$")
# ... or the country that does it, named before its act: "Azerbaijan used artillery",
# "Iran struck what it said were bases in Pakistan's Balochistan province"
# (not where it is the object: "shells fired at Armenia hit a house")
# (a place a sentence ends with, before the comma of who said it: "... near Ayungin Shoal,
# General Romeo Brawner said")
_PLACE_BEFORE_COMMA = re.compile(r"(?:.*? )?(?:(?P<before>[\w’'-]+) )?(?:near|in|at|into|towards|"
                                 r"outside|inside|from) "
                                 r"(?:the )?(?:[A-Z][\w’'-]*(?: |$)){1,3}")
_FORCE_NAMED = re.compile(r" (?:Coast Guard|Border Guards?|Border Police|Navy|Army|Air Force|"
                          r"Armed Forces|Marine Corps|Marines|National Guard)\b")
_BASED_IN = re.compile(r"\b(?:based|headquartered|seated|housed) in (?:the )?(?:[\w’'-]+ ){0,2}"
                       r"(?:(?:city|town|capital) of )?$")
# (a preposition of where an act hit, before a name: an object, not who acts nor who speaks)
_HIT_BEFORE = re.compile(r"\b(?:at|on|into|from|in|against|towards?|to|of|near)\s+$")
_OWNS_NO_GROUND = re.compile(r"['’]s?\s+(?!(?:[\w-]+\s+){0,2}?(?:territory|territorial|waters|"
                             r"airspace|soil|land|lands|border|borders|frontier|side|coast|"
                             r"coastline|island|islands|shoal|reef|sea|province|region|"
                             r"district|village|villages|town|city|capital|north|south|east|"
                             r"west|zone|EEZ|area|areas)\b)")
_BLAMED = re.compile(r"\b(?:accused|accuses|accusing|blamed|blames|blaming)\s+(?:the\s+)?$")
_ACTS = re.compile(r"(?:,\s+(?:he|she|they|it)\s+(?:said|added),)?\s+"  # ("Pakistan, he said,
                   # must stop shelling border villages", "Pakistan does not fire on civilians")
                   r"(?:(?:has|have|had|then|also|again|must|should|will|would|does|did|do|"
                   r"not|never|stop|to)\s+){0,3}(?:used|fired|launched|"
                   r"carried out|shelled|attacked|struck|bombed|targeted|hit|deployed|sent|"
                   r"moved|conducted|violated|crossed|advanced|invaded|seized|occupied|fire|"
                   r"firing|shell|shelling|attack|attacking|strike|striking|target|targeting|"
                   r"bomb|bombing)\b|"
                   # (and its forces: "The Pakistan Army has chosen to target homes")
                   r"\s+(?:Army|army|armed forces|forces|troops|military|Rangers)\b")
# a clause that names what happened, not a call: ", calling it an illegal abduction"
_NAMING = re.compile(r"[\s,;]*(?:and\s+)?(?:again\s+|also\s+)?call(?:ed|s|ing)\s+(?!on\b|for\b|"
                     r"upon\b)", re.I)
# a clause that accuses: ", accusing Sudan's army of ...", "and blamed Kyrgyz troops"
_ACCUSING = re.compile(r"[\s,;]*(?:and\s+)?(?:accus|blam)\w*\b", re.I)
# an act, or those it was done to, then whom by: the doers (actor)
_DONE_BY = re.compile(r"\b(?:ambush|attack|assault|raid|shelling|fire|incursion|offensive|"
                      r"killed|wounded|injured|attacked|shelled|ambushed|seized|occupied|"
                      r"captured|abducted|detained|shot|targeted|hit|fired on|obstructed|"
                      r"provoked)\s+by\s+"  # (not "stopped by": those who answered it)
                      r"(?:the\s+)?$")


def _fine(mentions) -> list[Place]:
    """The places of resolved mentions that are finer than a wide region or a country."""
    return [r.place for _, r in mentions if r.resolved and SPECIFIC.get(r.place.kind, 1) < 2]


def _holds(area: Place, other: Place) -> bool:
    return area.holds(other)


def role(who_side: str, actor_side: str, place_id: str, sent: Sentence,
         report: Report) -> str:
    """incident for the parties (the sides whose forces or territory the claim involves,
    and the report's belligerents), reaction for third parties; in the report's own voice,
    the role of the sentence's subject ("Russia deployed soldiers", "Representatives of
    Russian troops ... took part": a third party's act; "Satellite images ... showed Chinese
    earthworks": the incident)."""
    places = report.places
    place_country = places[place_id].country if place_id in places else (
        place_id[8:] if place_id.startswith("country:") else "")
    if who_side == UNKNOWN_SIDE:
        return "incident"  # (not a third party we can tell: most often a local source)
    if who_side == "PRESS":
        subject = report.side_of(_head_np(sent.text))
        parties = report.parties | {place_country, "PRESS", ""}
        return "reaction" if subject not in parties else "incident"
    parties = {actor_side, who_side if actor_side == who_side else "", place_country}
    parties = (parties | report.parties) - {""}
    return "incident" if who_side in parties else "reaction"


def date(sent: Sentence, report: Report, a: int = 0, b: int | None = None,
         said_at: int | None = None) -> tuple[str, str, bool]:
    """The day of the clause ``sent.text[a:b]``: (date, precision, whether inferred). Its
    own date expression resolved against the publication date - the claimed event's first
    ("Zhao told a briefing on Tuesday that Indian troops crossed on Monday": Monday), from
    ``said_at``, the end of the verb of saying - never the dateline's; else the report's
    narrative time, the last day an earlier sentence or clause gave ("Macron voiced on
    Thursday night ...", then "..., Macron tweeted"): that day, said to be inferred."""
    text, published = sent.text, report.doc.published
    b = len(text) if b is None else b
    line = _DATELINE_AT.match(text, a)
    a = line.end() if line else a
    when = frame = None
    if said_at is not None and a <= said_at < b:
        that = _THAT.search(text, said_at, b)
        # what is said follows "that", or came before its speaker ("... clashed last
        # week, the army said on Monday": last week)
        when = find_date(text[that.end():b], published) if that else \
            find_date(text[a:said_at], published)
        # the day it was said ("said on Monday that ..."), before a day elsewhere in the
        # clause ("al-Burhan, who visited the front last week, said on Monday")
        frame = find_date(text[said_at:that.start() if that else b], published)
    when = when or frame or find_date(text[a:b], published)
    if not when and said_at is not None and said_at >= b:
        # a clause before its sentence's verb of saying takes the day that verb is said on
        # ("Troops clashed with ..., killing two, the minister said on Monday"), as the
        # sentence's one clause would (the verb's own words: not ", adding that ... on
        # Monday", the day of another act)
        comma = text.find(",", said_at)
        when = frame = find_date(text[said_at:comma if comma >= 0 else len(text)], published)
    if when:
        # (a frame that gives no day, ", the second such incident this month", moves the
        # report's time no more than none)
        said = frame if frame and frame[1] == "day" else when
        if said[1] == "day" and said[0] <= (report.doc.published or said[0]) and \
                _recent(said[0], report.doc.published):
            # the report's time moves on to the day it was said (not a day ahead: "talks
            # will resume on Saturday"; not the day of what was said; nor a day of the
            # past the report recalls, "the ceasefire agreement of 12 August 2008")
            report.day = said[0]
        return when[0], when[1], False
    if report.day:
        return report.day, "day", True
    return "", "unknown", False


_THAT = re.compile(r"\bthat\b")
RECENT_DAYS = 62  # how far before its publication a report's narrative time may go back


def _recent(day: str, published: str) -> bool:
    """Whether ``day`` is within RECENT_DAYS before the publication day (or either is not
    known as a day)."""
    if len(day) != 10 or len(published or "") < 10:
        return True
    try:
        return (_day.fromisoformat(published[:10]) - _day.fromisoformat(day)).days \
            <= RECENT_DAYS
    except ValueError:
        return True


# An organisation or document named by its kind alone: the one last named ("It", in effect)
_GROUP_REF = re.compile(r"(?:an? |the )?(?:official )?(?:(?:ministry|office|government) )?"
                        r"(?:statement|readout|office|ministry|presidency|palace)(?: (?:by|"
                        r"from|of) the (?:office|ministry|presidency|palace))?")
_HEAD = re.compile(r"\s*(?:The |A )?(?P<np>(?:[A-Z][\w’'.-]+ ?)+)")
# "Interfax quoted an Armenian defence ministry source as saying": the one quoted
_QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+(?!by\s)"  # (and "cited a senior official as")
                        r"(?P<who>[^,;:“”\"]{1,80}?(?:,\s[^,;:“”\"]{1,60},)?)\s+as\s+$")
# (not "X was quoted by state media as saying": X; and with the name after the title:
# "quoted the deputy governor, Alireza Marhamati, as")


_ARTICLE = re.compile(r"^(?:The|A|An)\s+")


def _opening_cut(text: str) -> str:
    """A sentence's words after its dateline, the time and the place it opens with ("On
    Monday, the Secretary General ...", "In March 2022 they fired", "From Brasília, Foreign
    Minister ...")."""
    text = text[_after_dateline(text):]
    when = _OPENING_TIME.match(text)
    if when and (text.startswith(",", when.end()) or text[when.end():when.end() + 1].islower()):
        text = text[when.end():].lstrip(", ")
    where = _WHERE_FIRST.match(text)
    text = text[where.end():] if where else text
    # (and how they spoke: "Speaking at the cultural center in Kastanies alongside ...,
    # Commission President Ursula von der Leyen thanked")
    opener = _OPENER_CLAUSE.match(text) if text.startswith(_HOW_SPOKEN_WORDS) else None
    return text[opener.end():] if opener else text


def _head_np(text: str) -> str:
    """The noun phrase a sentence starts with, title words and all: "Tajik officials",
    "Lebanon's caretaker Prime Minister Najib Mikati" (after a dateline: "GUATEMALA CITY —
    Guatemala's foreign ministry ...")."""
    text = _opening_cut(text)
    taken = []
    for w in text.split()[:12]:
        if not (w[:1].isupper() or w.lower() in _TITLE_WORDS or _PARTICLE.match(w)):
            break
        if w.endswith(":"):  # (a transcript's label: "CORRESPONDENT: Hezbollah put out ...")
            taken = []
            continue
        taken.append(w)
        if w.endswith(","):
            break
    # (an article alone is no phrase: "The war of words escalated ..., when ...": not "The")
    return _ARTICLE.sub("", " ".join(taken) + " ").strip(" ,")


def _narrates(sentence: Sentence) -> bool:
    """Whether a sentence without a speaker states an event as fact in the report's own
    voice ("Azerbaijani forces advanced several kilometers into Syunik", "The two men spoke
    by phone on Thursday night"): a whole sentence, outside quotes, naming an event, not a
    question; captions and datelines name none."""
    text = sentence.text.strip()
    if sentence.quotes or len(text) < 25 or text.endswith("?") or not text[:1].isupper() or \
            not text.endswith((".", "!")):
        return False
    if not _EVENT.search(sentence.text, low=sentence.low):
        return False  # (the rarest of these, and now the quickest to tell)
    # (judged by its last words: a headline or a caption run into the sentence after it is
    # not that sentence)
    tail = text.split()[-12:]
    if _CAPTION.search(" ".join(tail)) or sum(w[:1].isupper() for w in tail) > len(tail) / 2 \
            and not any(w.islower() and len(w) > 3 and w not in _SMALL_WORDS for w in tail):
        return False  # a caption, or a headline in Title Case
    line = _DATELINE_AT.match(text)  # (a wire's dateline before it: "KABUL, May 27 (Wire) -")
    if _DATELINE.search(text, line.end() if line else 0):
        return False  # "Armenia - French President ... speaks at ...": a photo's caption
    return True


# A photo caption: its dateline ("Armenia - Deputy Prime Minister ... speaks"), anywhere in
# the sentence; its words ("is seen"), in the sentence's last words
_SMALL_WORDS = frozenset("with from into over after about than that this""".split())
_DATELINE = re.compile(r"\s-{1,2}\s|•")
_CAPTION = Keyed(re.compile(r"\bis seen\b|\bpictured\b|\(C\)|\bfile photo\b", re.I))


_TWO_NAMES = re.compile(rf"\b[A-Z]{_LOW}+ (?:(?:al|el|ad|ash|bin|ibn|abu|van|von|de|da|du|le|la)"
                        rf"[- ])?[A-Z]{_LOW}+\b")  # (and "Ahmed al-Sharaa", "Władysław ...")
_NAME_LAST = re.compile(rf"\b[A-Z]{_LOW}+ (?:[A-Z]{_LOW}+ )?[A-Z]{_LOW}+$")
_BODY_NAMES = re.compile(r"Ministry|Department|Office|Government|Palace|Kremlin")


def _gender_in(sent: Sentence) -> str:
    """"she" where a person's sentence, outside its quotations, says "she" or "her" and never
    "he", "his" or "him" ("Gonzalez Laya said ... had assured her"); "he" the other way
    round; else ""."""
    words = {m.group() for m in _PRONOUN_WORDS.finditer(sent.low)
             if not sent.quoted(m.start())} if "h" in sent.low else set()
    she, he = bool(words & {"she", "her", "herself"}), bool(words & {"he", "his", "him",
                                                                       "himself"})
    return "she" if she and not he else "he" if he and not she else ""


def _gender_of(who: str) -> str:
    """"she" or "he" where a speaker's own words say so ("his spokeswoman Kim Hee-jung",
    "Mr Coulibaly"), else ""."""
    found = _GENDERED.findall(who)
    return "" if not found or len({w.lower() in _FEMININE for w in found}) > 1 else \
        "she" if found[0].lower() in _FEMININE else "he"


_GENDERED = re.compile(r"\b(?:spokes(?:wo)?man|chair(?:wo)?man|(?:wo)?man|Mrs?|Ms|Madam|mother|"
                       r"father)\b\.?", re.I)
_FEMININE = frozenset(("spokeswoman", "chairwoman", "woman", "mrs", "ms", "madam", "mother",
                       "mrs.", "ms."))
_PRONOUN_WORDS = re.compile(r"\b(?:she|her|herself|he|his|him|himself)\b")


def _introduce(sent: Sentence, report: Report, after: int = -1) -> bool:
    """Whom "he" next means where the report's own words introduce a person by what they
    are, after offset ``after`` ("Our correspondent spoke to Ali Jaafar, a farmer from Qasr,
    ... 'The shells started falling after midnight,' he said"): remembered; whether one was."""
    introduced = _INTRODUCED.search(sent.text) if ", a" in sent.text else None
    if introduced is None or introduced.start() <= after:
        return False
    report.speakers.append(_Speaker(introduced["name"], "", True, gender=_gender_in(sent)))
    return True


def _owner_named(text: str, report: Report) -> str:
    """The person a sentence begins with, where the report has introduced them: as the
    sentence names them with a title ("U.N. Secretary-General Ban Ki-moon called ..."), else
    as introduced ("Earlier, Lee had told ...": "Lee Myung-bak"); or ""."""
    owner = _head_np(text)
    key = name_key(strip_possessive(owner.split()[-1])) if owner else ""
    named = (report.people.get(key, ("", ""))[0] or report.titled.get(key, "")).split(",")[0]
    return owner if named and len(owner.split()) > len(named.split()) else named


def _subject_named(text: str, before: int, report: Report) -> _Speaker | None:
    """The person a sentence's subject names by role and name said aside, where its "he"
    comes later ("The next day, the defence minister, Hanena Ould Sidi, was received at
    Koulouba ...; preserving the ties, he said afterwards, ..."): he, of the side the role's
    words or the report tell; None where its subject is none such."""
    at = len(text) - len(_opening_cut(text))
    aside = _NAMED_ASIDE.search(text, at, min(before, at + 160))
    if aside is None or not _ROLE_SUBJECT.fullmatch(text, at, aside.start()) or not set(
            _LOWER_WORDS.findall(text[at:aside.start()].lower())) & _ROLES:
        return None
    name = aside.group().strip(", ")
    key = name_key(name.split()[-1])
    if key in report.people:
        return _Speaker(*report.people[key], True)
    role = text[at:aside.start()]
    side = report.side_of(role) or report.side_of(name)
    return _Speaker(f"{name}, {_ARTICLE.sub('', role)}", side if side != "PRESS" else "", True)


def _subject_state(text: str, before: int, report: Report) -> _Speaker | None:
    """The country or capital a sentence's subject is, where its "it" comes later, in a
    clause of the sentence ("India launched the strikes ..., hitting nine sites it said were
    linked to ...": India, not the body that spoke last); None where its subject is none
    such."""
    np = _head_np(text)
    at = text.find(np) if np else -1
    if at < 0 or at + len(np) > before or not report.capital_or_country(np):
        return None
    side = report.side_of(np)
    return _Speaker(np, side, False) if side not in ("", "PRESS") else None


def _surname_key(who: str) -> str:
    """The key of the last capitalised word of a claimant's name, before what is said of
    them: one person however named ("President Alberto Fujimori", "Alberto Fujimori,
    President"); or the key of all of it where no word is capitalised ("interior ministry",
    not every "ministry")."""
    names = [w for w in who.split(",")[0].split() if w[:1].isupper()]
    return name_key(strip_possessive(names[-1])) if names else name_key(who)


def _a_person(who: str, report: Report, sent: Sentence | None = None) -> bool:
    """Whether one who spoke is "he" or "she" next: a person by their words (``_is_person``)
    or known by one name ("Zelensky", "Tashiev" after "Kamchybek Tashiev, head of ...", "a
    19-year-old who gave his name only as Anas"); a country or its capital is "it", never
    "he" ("the United States ... He said")."""
    known = report._person_of.get(who)  # (once per name: a long report repeats its speakers)
    if known is None:
        known = report._person_of[who] = _is_person(who) or (
            name_key(strip_possessive(who.split()[-1])) in report.people or
            side_terms().get(name_key(who), ("", ""))[1] == "person" or
            name_key(who) in officials_in() if who.strip() else False)
    if not known and sent is not None and " as " in sent.text and " " not in who.strip():
        known = bool(re.search(rf"\b(?:name|named|identified|known)(?: only)? as "
                               rf"{re.escape(who)}\b", sent.text))
    if not known and _ONE_NAME.fullmatch(who) and name_key(who) not in side_terms():
        # one word the text gives elsewhere after a given name ("Maheia, who took
        # photographs, told Amandala" after "among them Wil Maheia of the Belize Territorial
        # Volunteers"): a person, "he" next
        if report._second_names is None:  # (after a given name, not "The Kremlin")
            report._second_names = frozenset(
                m[2] for m in _GIVEN_THEN_NAME.finditer(report.doc.text)
                if m[1].lower() not in COMMON and m[1].lower() not in _TITLE_WORDS)
        # (not one a speaker before is named with: "Brawner" after "Gen. Romeo Brawner
        # Jr." is that speaker, as "he" finds him)
        known = who in report._second_names and not any(
            who in sp.name.split() for sp in report.speakers[-_PRONOUN_BACK:])
        report._person_of[who] = known
    return known and not report.capital_or_country(strip_possessive(who))


_ONE_NAME = re.compile(r"[A-Z][a-z’'-]{2,30}")
_GIVEN_THEN_NAME = re.compile(r"\b([A-Z][a-z]{1,15}) ([A-Z][a-z’'-]{2,30})\b")


def _is_person(name: str) -> bool:
    """Whether a speaker is a person ("he") rather than a body ("it"): two capitalised
    words, and no ministry, office, army or other body ("The Indian Army said ... It
    said": the army)."""
    head = name.split(",")[0]
    if name[len(head):].startswith((", office of", ", press service of", ", the office of")):
        return False  # (a person's office: "Ekrem Canalp, office of Edirne governor")
    if _A_BODY_AFTER.match(name, len(head)):
        return False  # (a body said to be one: "Grupa Granica, a coalition of Polish
        # humanitarian organisations")
    if head.endswith(")"):  # (a body's acronym after it: "... General Staff (GEETHA)")
        head = head[:head.rfind("(")].rstrip() or head
    owned = _OWNED_BODY.search(head) if "'s " in head or "’s " in head else None
    if owned and owned[1] in _BODY_HEADS:
        return False  # (a person's body: "Tajik President Emomali Rahmon's press service")
    # (what they are before where they are: "a farmer from a village outside Gallabat")
    # (and who quoted them: "a senior official quoted by Al-Qahera News")
    core = re.split(r" (?:of|for|at|in|to|from|near|outside|quoted by) ", head,
                    maxsplit=1)[0].split()
    if len(core) > 1 and core[-1][:1].isupper() and core[-1].lower() in _BODY_HEADS:
        return False  # (a body named by what it is: "The General Staff of the Korean
        # People's Army", though "General" is a title)
    last = (head.split()[-1:] or [""])[0]
    if last in _ONE_PERSON or core and core[-1] in _ONE_PERSON or any(
            w.endswith("year-old") for w in core[:3]):  # ("a 19-year-old who gave his name")
        return True  # ("An Egyptian security source told ... The guard, he said, ...";
        # "One activist in Salkhad")
    if last.islower() and last.endswith("s") and not last.endswith(("ss", "us")):
        return False  # (many: "Two Egyptian security sources", "Thai officials")
    if _NAME_LAST.search(head) and not _PERSON_ROLES.isdisjoint(
            name.lower().replace(",", " ").split()):
        return True  # (one of a body: "Pakistan's Foreign Office spokesperson Mumtaz Zahra
        # Baloch" is she, not it, and so is "Mumtaz Zahra Baloch, Foreign Office
        # Spokesperson", as the report first named her)
    return (bool(_TWO_NAMES.search(name)) and not _BODY_NAMES.search(name) and
            not _body(head.split()) and
            # (a body sides.csv lists: "Human Rights Watch", "Amnesty International")
            side_terms().get(name_key(name), ("", ""))[1] not in ("organisation", "institution")
            ) or name.lower() in _ONE_TITLE


_OWNED_BODY = re.compile(r"['’]s (?:[a-z]+ ){0,2}([a-z]+)$")
_A_BODY_AFTER = re.compile(r",\s(?:an?|the)\s(?:[a-z-]+\s){0,2}(?:coalition|group|network|"
                           r"organi[sz]ation|alliance|association|union|movement|party|agency|"
                           r"militia|charity|body|bloc)\b(?!['’])")  # (not "the agency's")
# a foreign minister by the title of Latin America's ("The Colombian Chancellor, Rosa
# Villavicencio, ... the minister told journalists"), and the other way round
_SAME_TITLE = {"minister": "chancellor", "chancellor": "minister"}
# one person named by what they are ("a security source", "a district official")
_ONE_PERSON = frozenset("""official officer source spokesman spokeswoman spokesperson resident
witness villager commander diplomat analyst minister envoy ambassador governor mayor activist
survivor eyewitness herder farmer fisherman shepherd trader shopkeeper breeder notable driver
student teacher doctor nurse medic refugee migrant man woman boy girl mother father elder
reporter correspondent journalist photographer head chief director chairman chairwoman
owner member lawmaker legislator senator councillor councilor MP""".split())
# a person introduced by name and what they are ("Ali Jaafar, a farmer from Qasr,")
_INTRODUCED = re.compile(r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}), an? "
                         r"(?:\d{1,3}-year-old )?(?:[a-z-]+ ){0,2}(?:" + "|".join(sorted(
                             _ONE_PERSON)) + r")\b")
# a title alone is a person ("the President said", "the Minister said")
_ONE_TITLE = frozenset("""president minister premier chancellor governor mayor ambassador
envoy spokesman spokeswoman spokesperson""".split())
# The words of a body's name: an organisation's (words.py), a force's
_BODIES = ORG_WORDS | _CHURCH_BODIES | frozenset("""army navy forces force military police
guard guards command embassy mission authority authorities presidency administration front
alliance coalition""".split())
_ACRONYM_OWNS = re.compile(r"\b([A-Z]{2,8})['’]s\s")  # ("the GKNB's press center")
# (and an acronym before its officer's role: "CCG spokesperson Gan Yu", "BSF officials")
_ACRONYM_ROLE = re.compile(r"(?:[Tt]he )?([A-Z]{2,8}) (?:spokes(?:man|woman|person)|chief|head|"
                           r"commander|director|officials?|officers?|sources?)\b")
# (what a second office after "and" begins with: "... and official government spokesperson")
_SECOND_OFFICE = TITLES | frozenset("official senior chief acting deputy".split())
_BODY_HEADS = _BODIES | {"staff"}  # (what a body named by what it is ends in)
# lower-case nouns that stand inside a body's name before its head ("human rights office")
_NOUN_COMPOUND = frozenset("rights refugee refugees affairs relief aid".split())
_COMPOUND_HEADS = _BODY_HEADS | _NOUN_COMPOUND
_ONE_OF_THEM = TITLES | frozenset("""spokesman spokeswoman spokesperson official officer
envoy""".split())
# (and a person a body's part is headed by: "Shohin Samadi, head of the Tajik Foreign
# Ministry's Information and Press Department", he)
_PERSON_ROLES = _ONE_OF_THEM | {"head"}


def _body(words: list[str]) -> bool:
    """Whether a speaker's words name a body ("The Indian Army", "New York Police
    Department"), not one of its people ("Indian Army spokesman Col. ...", "foreign ministry
    spokesman Dina Mufti")."""
    # (or its word last, after whose it is: "South Sudan's army")
    return (any(w[:1].isupper() and w.lower() in _BODIES for w in words) or (
        len(words) > 1 and words[-1].lower() in _BODIES and
        words[-2].endswith(("'s", "’s")))) and \
        not any(w.lower().rstrip(".") in _ONE_OF_THEM for w in words)


def _in_country(place_id: str, country: str, places_by_id: dict) -> bool:
    place = places_by_id.get(place_id)
    return place is not None and place.country == country

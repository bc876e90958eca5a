"""Dates in news text, resolved against the publication date, with their precision.

"early on Wednesday" in a report published on Friday 14 May 2021 is 12 May 2021; "on
Thursday" is 13 May; "on Sunday" in a sentence about what is scheduled is the next Sunday;
"last November" is November 2020; "this week" is the week of publication; "the night of
15/16 June" is 15 June. A date a state began or ends at ("since Monday") is not the claim's.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
# a month as news writes it: its name or its abbreviation (places.py: a month beside a
# day's number is no place)
MONTH_NAMES = ("|".join(m.capitalize() for m in MONTHS)
               + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_FUTURE = re.compile(r"\b(will|would(?! have)|is to|are to|scheduled|plans?|planned|due to|"
                     r"set to|next|(?<!was )(?<!were )expected to|expects to|likely to|"
                     r"about to)\b", re.I)
_PATTERNS = [
    # the night of 15/16 June: the first day
    ("night", re.compile(rf"\b(\d{{1,2}})/\d{{1,2}} ({MONTH_NAMES})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}}) ({MONTH_NAMES})\.? (\d{{4}})\b")),
    ("mdy", re.compile(rf"\b({MONTH_NAMES})\.? (\d{{1,2}}),? (\d{{4}})\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dm", re.compile(rf"\b(\d{{1,2}}) ({MONTH_NAMES})\b")),
    ("md", re.compile(rf"\b({MONTH_NAMES})\.? (\d{{1,2}})\b(?!,? \d{{4}})")),
    ("last_month", re.compile(rf"\blast ({MONTH_NAMES})\b")),
    ("month_year", re.compile(rf"\b(?:in )?({MONTH_NAMES}) (\d{{4}})\b")),
    ("weekday", re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\btoday\b", re.I)),
    ("this_week", re.compile(r"\b(this|last) week\b", re.I)),
    # the night before a report's day: the day it began
    # (not "overnight into Saturday", "overnight on Friday": that day says it)
    ("last_night", re.compile(r"\b(?:last night|overnight(?! (?:into|to|on|before|from|"
                              r"between)\b))\b", re.I)),
    ("this_month", re.compile(r"\b(this|last) month\b", re.I)),
]


# what the patterns above need, looked for as plain text (one fast look each, where a
# regular expression would try every position of every sentence): a month's name as the
# patterns write it (capitalised), a weekday's, "yesterday", "today", "week", an ISO date
_MONTH_STEMS = re.compile("|".join(m[:3].capitalize() for m in MONTHS))  # (a scan in C)
_WEEKDAY_NAMES = tuple(d.capitalize() for d in WEEKDAYS)
_ISO_HINT = re.compile(r"\d{4}-\d\d-\d\d")
_DIGIT = re.compile(r"\d")


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name[:3]))


def find_date(sentence: str, published: str) -> tuple[str, str, int] | None:
    """The first date the sentence gives: (date, precision, offset in the sentence)."""
    low = sentence.lower()
    # (a month makes a date only beside a number, or after "last": "Mark", "Marines" and
    # "the March" do not)
    has_month = _MONTH_STEMS.search(sentence) is not None and (
        _DIGIT.search(sentence) is not None or "last " in low)
    if not (has_month or "day" in low or "week" in low or "-" in sentence or "night" in low
            or "month" in low):
        return None  # (most sentences hold no date: a few looks, not a dozen patterns)
    wanted = {
        "dmy": has_month, "mdy": has_month, "dm": has_month, "md": has_month,
        "last_month": has_month and "last " in low, "month_year": has_month,
        "iso": "-" in sentence and bool(_ISO_HINT.search(sentence)),
        "weekday": "day" in sentence and any(d in sentence for d in _WEEKDAY_NAMES),
        "yesterday": "yesterday" in low, "today": "today" in low, "this_week": "week" in low,
        "last_night": "night" in low, "this_month": "month" in low,
    }
    if not any(wanted.values()):
        return None
    pub = dt.date.fromisoformat(published) if published else None
    wanted["night"] = has_month and "/" in low
    best = None
    for kind, rx in _PATTERNS:
        if not wanted[kind]:
            continue
        # (not a date a state began or ends at: "since Monday", "until May 20")
        # (nor the date that names an earlier event: "the April 22 killing of tourists")
        m = next((m for m in rx.finditer(sentence)
                  if not _BOUND.search(sentence, max(0, m.start() - 8), m.start()) and not (
                      _THE.search(sentence, max(0, m.start() - 16), m.start()) and
                      _NOUN_AFTER.match(sentence, m.end()))), None)
        if not m or (best and m.start() >= best[2]):
            continue
        got = _resolve("dm" if kind == "night" else kind, m, pub, sentence)
        if got:
            best = (*got, m.start())
    return best


_SAID = re.compile(r"\b(?:said|says|told|added|stated)\b")
_BOUND = re.compile(r"\b(?:since|until|till)\s+(?:on\s+|last\s+)?$", re.I)
# (after a preposition: "in response to the April 22 killing", not "The May 7 strikes hit")
_THE = re.compile(r"\b(?:to|of|for|after|before|since|over|about|from|following|amid|despite)"
                  r"\s+the\s$", re.I)
_NOUN_AFTER = re.compile(r",?\s(?!(?:was|were|is|are|and|but|when|while|with|for|from|into|"
                         r"that|which|who|the|after|before|had|has|have|will|would|said|says|"
                         r"night|morning|evening|afternoon)\b)[a-z]{3,}")


def _resolve(kind: str, m: re.Match, pub: dt.date | None, sentence: str):
    try:
        if kind == "dmy":
            return dt.date(int(m[3]), _month(m[2]), int(m[1])).isoformat(), "day"
        if kind == "mdy":
            return dt.date(int(m[3]), _month(m[1]), int(m[2])).isoformat(), "day"
        if kind == "iso":
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day"
        if kind == "month_year":
            return f"{int(m[2]):04d}-{_month(m[1]):02d}", "month"
    except ValueError:
        return None
    if pub is None:
        return None
    if kind in ("dm", "md"):
        day, month = (int(m[1]), _month(m[2])) if kind == "dm" else (int(m[2]), _month(m[1]))
        try:
            d = dt.date(pub.year, month, day)
        except ValueError:
            return None
        if d > pub + dt.timedelta(days=31):  # "December 30" in a January report: last year
            d = d.replace(year=pub.year - 1)
        return d.isoformat(), "day"
    if kind == "last_month":
        month = _month(m[1])
        year = pub.year - 1 if month >= pub.month else pub.year
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        target = WEEKDAYS.index(m[1].lower())
        back = (pub.weekday() - target) % 7
        # (ahead when the words just before say so: "talks will resume on Saturday",
        # not a "will" elsewhere in the sentence or inside a quotation)
        near = sentence[max(0, m.start() - 60):m.start()]
        near = near[max(near.rfind("”"), near.rfind('"'), near.rfind("“")) + 1:]
        said = near[near.rfind(",") + 1:]  # ("..., Pashinyan said on Monday": past; "in Doha,
        near = said if _SAID.search(said) else near  # Qatar, on Monday" after "will meet": not)
        if _FUTURE.search(near):
            ahead = (target - pub.weekday()) % 7 or 7
            return (pub + dt.timedelta(days=ahead)).isoformat(), "day"
        return (pub - dt.timedelta(days=back)).isoformat(), "day"
    if kind == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat(), "day"
    if kind == "today":
        return pub.isoformat(), "day"
    if kind == "last_night":
        near = sentence[max(0, m.start() - 30):m.start()]
        if _FUTURE.search(near):  # ("will stay overnight")
            return None
        return (pub - dt.timedelta(days=1)).isoformat(), "day"
    if kind == "this_month":
        first = pub.replace(day=1)
        if m[1].lower() == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first.isoformat()[:7], "month"
    if kind == "this_week":
        monday = pub - dt.timedelta(days=pub.weekday())
        if m[1].lower() == "last":
            monday -= dt.timedelta(days=7)
        return monday.isoformat(), "week"
    return None

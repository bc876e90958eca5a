"""Patterns found by their leading words: the same matches as the pattern's own search, at
a fraction of the cost.

Python's ``re`` tries every alternative of a word list at every word start, so a pattern
of seventy event words reads news text at about 4 MB/s. Every match of such a pattern
begins with one of a few literal words ("advanc", "shell", "said"); one pass of a trie of
those words over the lower-cased text (which ``re`` runs as a fast scan in C) finds the
few places where a match can begin, and the pattern is tried only there. ``Keyed`` does
that for any pattern whose alternatives each begin with literal text; for any other it is
the pattern itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_META = set("\\()[]{}?*+|.^$")


def _close(src: str, i: int) -> int:
    """The index of the ")" that closes the "(" at ``src[i]``."""
    depth, k = 0, i
    while k < len(src):
        ch = src[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[":  # a class: up to its "]" (which may come first: "[]a]")
            k = src.index("]", k + 2 if src[k + 1:k + 2] == "]" else k + 1) + 1
            continue
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return k
        k += 1
    raise ValueError("unbalanced pattern")


def _alternatives(src: str) -> list[str]:
    """``src`` split at its top-level "|"."""
    out, start, k = [], 0, 0
    while k < len(src):
        ch = src[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "(":
            k = _close(src, k) + 1
            continue
        if ch == "[":
            k = src.index("]", k + 2 if src[k + 1:k + 2] == "]" else k + 1) + 1
            continue
        if ch == "|":
            out.append(src[start:k])
            start = k + 1
        k += 1
    return [*out, src[start:]]


def leading_words(src: str) -> list[str] | None:
    """The literal text (lower-cased) that every match of the pattern ``src`` begins with:
    one per alternative, or None where some alternative may begin with anything.

    >>> leading_words(r"\\b(?:advanc\\w*|shell(?:ed|ing)|opened fire)\\b")
    ['advanc', 'shell', 'opened fire']
    >>> leading_words(r"(?:the )?village") is None
    True
    """
    leads = _leads(src)
    return None if leads is None else [w for w, _ in leads]


def _leads(src: str, bounded: bool = False) -> list[tuple[str, bool]] | None:
    """(leading word, whether a word boundary comes before it) per alternative of ``src``."""
    out: list[tuple[str, bool]] = []
    for alt in _alternatives(src):
        k, at_start = 0, bounded
        while True:  # what matches nothing: word boundaries and lookarounds
            if alt.startswith("\\b", k):
                k, at_start = k + 2, True
            elif alt.startswith("\\B", k):
                k += 2
            elif alt.startswith(("(?=", "(?!", "(?<=", "(?<!"), k):
                k = _close(alt, k) + 1
            else:
                break
        if alt.startswith("(", k):
            end = _close(alt, k)
            if alt[end + 1:end + 2] in ("?", "*", "{"):
                return None  # an optional group first: a match may begin after it
            inner = alt[k + 1:end]
            if inner.startswith("?"):  # (?:...), (?P<name>...)
                inner = inner[inner.index(">") + 1:] if inner.startswith("?P<") else inner[2:]
            words = _leads(inner, at_start)
            if words is None:
                return None
            out += words
            continue
        word = ""
        while k < len(alt):
            ch = alt[k]
            if ch == "\\" and k + 1 < len(alt) and not alt[k + 1].isalnum():
                word, k = word + alt[k + 1], k + 2  # an escaped sign: "\(", "\ ", "\-"
                continue
            if ch in _META:
                if ch in "?*{" and word:
                    word = word[:-1]  # ("drills?": the "s" may be absent)
                break
            word, k = word + ch, k + 1
        if len(word) < 2:
            return None
        out.append((word.lower(), at_start and (word[0].isalnum() or word[0] == "_")))
    return out


def trie(words: list[str]) -> str:
    """A pattern matching any of ``words``, as a trie ("a(?:dvanc|ppeal)|s(?:aid|hell)"): a
    branch per first letter, each tried in turn only up to its letter. Words that begin
    with another of the words are left out (the shorter finds them)."""
    kept = sorted({w for w in words if not any(w != v and w.startswith(v) for v in words)})
    root: dict = {}
    for w in kept:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if list(node) == [""]:
            return ""
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return emit(root)


class WordKeys:
    """Where one of ``words`` begins a word of a lower-cased text: looked for as a non-word
    sign and a word after it, so that ``re`` scans in C for the few signs that are not
    letters (a scan for the words' first letters stops at most letters of a text: twice as
    slow); a word right at the start of the search is looked at apart."""

    def __init__(self, words: list[str]):
        self.first = re.compile(trie(words))
        self.after = re.compile(r"\W(?:" + self.first.pattern + ")")

    def find(self, low: str, pos: int = 0, end: int | None = None) -> int:
        """The start of the first key at or after ``pos`` (and ending by ``end``), or -1."""
        end = len(low) if end is None else end
        before = low[pos - 1] if pos > 0 else " "
        if not (before.isalnum() or before == "_") and self.first.match(low, pos, end):
            return pos
        key = self.after.search(low, pos, end)
        return -1 if key is None else key.start() + 1


class Keyed:
    """``rx`` found by its leading words: ``search`` and ``finditer`` give what ``rx``'s
    own give (tests/test_keyed.py compares them on news text). ``low`` is the text
    lower-cased, where the caller has it already. Where every match begins a word, its keys
    are ``WordKeys``; else a trie of them found anywhere."""

    def __init__(self, rx: re.Pattern):
        self.rx = rx
        leads = None if rx.flags & re.VERBOSE else _leads(rx.pattern)
        self.words: list[str] = [w for w, _ in leads] if leads else []  # (none: not keyed)
        self.word_start = bool(leads) and all(b for _, b in leads)
        self.keys: WordKeys | re.Pattern | None = (
            WordKeys(self.words) if self.word_start else re.compile(trie(self.words))
        ) if leads else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None,
               low: str | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        if self.keys is None:
            return self.rx.search(text, pos, end)
        low = text.lower() if low is None else low
        if len(low) != len(text):  # ("İ" lower-cases to two letters: offsets would move)
            return self.rx.search(text, pos, end)
        while True:
            if isinstance(self.keys, WordKeys):
                at = self.keys.find(low, pos, end)
            else:
                key = self.keys.search(low, pos, end)
                at = -1 if key is None else key.start()
            if at < 0:
                return None
            m = self.rx.match(text, at, end)
            if m:
                return m
            pos = at + 1  # (a key may begin inside this one: try from the next)

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match]:
        low = text.lower() if low is None else low
        pos = 0
        while (m := self.search(text, pos, low=low)) is not None:
            yield m
            pos = max(m.end(), m.start() + 1)


def pieces_holding(text: str, keys: re.Pattern, seps: str = "\n") -> Iterator[tuple[int, int]]:
    """(start, end) of each piece of ``text`` between two of the characters ``seps`` in which
    ``keys`` finds something, in order: a pattern that never matches across one of them
    need be run on these pieces alone. Linear: each character is looked at a bounded number
    of times, however few separators the text has."""
    ends = re.compile(f"[{re.escape(seps)}]")
    pos = 0
    while (key := keys.search(text, pos)) is not None:
        start = max(text.rfind(c, pos, key.start()) for c in seps) + 1
        start = max(start, pos)  # (none since the last piece: it starts where that ended)
        end_at = ends.search(text, key.end())
        end = len(text) if end_at is None else end_at.start()
        yield start, end
        pos = end + 1

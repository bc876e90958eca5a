"""Name keys: the form in which a query and a gazetteer name are compared.

Case, diacritics, apostrophes and punctuation do not tell places apart in news text
("Syunik'" and "Syunik", "Naxçıvan" and "Naxcivan", "Washington, D.C." and "Washington DC"),
so they are folded away. Letters that Unicode does not decompose (Azerbaijani ə and ı) are
mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the Arabic article joined to a name by a hyphen ("al-Fashaga", "Maroun el-Ras", "ash-Shati")
ARABIC_ARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|et|ul|ud)-"
_LETTERS = str.maketrans({"ə": "a", "Ə": "a", "ı": "i", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d",
                          "ł": "l", "Ł": "l", "ħ": "h", "þ": "th"})
_DROPPED = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02b9\u0060\u00b4\u055a\u055b\u055d.]")
_POSSESSIVE = re.compile(r"[\u0027\u2019]s$")
_NOT_WORD = re.compile(r"[\W_]+")
# The same, for ASCII text, byte by byte: letters lower-cased, every other sign but a digit
# a space (and the dropped signs deleted, by ``translate``'s second argument).
_ASCII_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() else 32
                    for c in range(256))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Fold a name to its comparison key.

    >>> name_key("Naxçıvan"), name_key("Syunik'"), name_key("Washington, D.C.")
    ('naxcivan', 'syunik', 'washington dc')
    >>> name_key("St. Petersburg") == name_key("Saint Petersburg")
    True
    """
    if text.isascii():
        # (most names: the steps below in one table, as they leave ASCII - NFKC, the
        # letters' table and the marks change nothing in it - and the short forms read as
        # whole words, which is what ``_SHORT`` finds once only letters and digits are left)
        words = text.encode("ascii").translate(_ASCII_FOLD, b"'`.").split()
        if not _SHORT_WORDS.isdisjoint(words):
            words = [_LONG_BYTES.get(w, w) for w in words]
        text = b" ".join(words).decode("ascii")
        return text[4:] if text.startswith("the ") else text
    text = unicodedata.normalize("NFKC", text).translate(_LETTERS)
    text = _DROPPED.sub("", text)
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(ch))
    text = _NOT_WORD.sub(" ", text.casefold()).strip()
    if _SHORT.search(text):
        text = _SHORT.sub(lambda m: _LONG[m.group()], text)
    return text[4:] if text.startswith("the ") else text


_TWO_JOINED = re.compile(r"\s*([^\s,]+) and ([^\s,]+)\s*")


def joined_key(text: str) -> str:
    """The key of a name of two words joined by "and" as news writes it with a hyphen
    ("Sistan and Baluchestan": "Sistan-Baluchestan", whose key is "sistan baluchestan"),
    or "" for any other name.

    >>> joined_key("Bosnia and Herzegovina"), joined_key("Prescott and Russell County")
    ('bosnia herzegovina', '')
    """
    m = _TWO_JOINED.fullmatch(text)
    return name_key(f"{m[1]} {m[2]}") if m else ""


# Written short or long alike ("St. Petersburg", "Saint Petersburg"; "Mt Hermon").
_LONG = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_SHORT = re.compile(r"\b(?:st|ste|mt|ft)\b")
_LONG_BYTES = {k.encode(): v.encode() for k, v in _LONG.items()}
_SHORT_WORDS = frozenset(_LONG_BYTES)


@lru_cache(maxsize=1 << 16)
def strip_possessive(text: str) -> str:
    """``Armenia's`` -> ``Armenia``; other text unchanged."""
    return _POSSESSIVE.sub("", text.strip())


# Words around a name that say what kind of place it is ("Syunik province", "the village of
# Tegh", "Lake Sevan"). Stripping them gives the name; the kind they imply ranks candidates.
KIND_WORDS: dict[str, str] = {
    "province": "admin1", "marz": "admin1", "region": "admin1", "oblast": "admin1",
    "autonomous republic": "admin1", "autonomous region": "admin1",
    "autonomous oblast": "admin1", "autonomous okrug": "admin1", "exclave": "admin1",
    "district": "admin1", "rayon": "admin1", "raion": "admin1",
    "state": "admin1", "governorate": "admin1", "prefecture": "admin1",
    "county": "admin2", "municipality": "admin2", "municipal district": "admin2",
    "local government area": "admin2", "lga": "admin2",
    "village": "settlement", "town": "settlement", "city": "settlement",
    "lake": "water", "river": "river", "valley": "valley", "pass": "pass",
    "gorge": "region",
    "mount": "mountain", "mountain": "mountain", "peak": "mountain",
    "military base": "military-site", "base": "military-site",
    "border crossing": "border-crossing", "checkpoint": "border-crossing",
}  # fmt: skip
_SUFFIX = re.compile(r"^(?P<name>.+?) (?P<word>" + "|".join(
    sorted((re.escape(w) for w in KIND_WORDS), key=len, reverse=True)) + r")$")
_PREFIX = re.compile(r"^(?P<word>village of|town of|city of|lake|mount|province of|region of) "
                     r"(?P<name>.+)$")


def split_kind(key: str) -> tuple[str, str | None]:
    """Split a folded key into the name and the kind its generic word implies.

    >>> split_kind("syunik province"), split_kind("village of tegh"), split_kind("goris")
    (('syunik', 'admin1'), ('tegh', 'settlement'), ('goris', None))
    """
    m = _SUFFIX.match(key)
    if m:
        return m["name"], KIND_WORDS[m["word"]]
    m = _PREFIX.match(key)
    if m:
        word = m["word"].split(" ")[0]
        return m["name"], KIND_WORDS.get(word, "admin1")
    return key, None


# Romanisations of one name differ in vowels and in how a sound is spelt (Vorukh, Voruh;
# Bobojon, Bobojan; Khojai, Hojai): folded, with the vowels left out, they meet.
_SOUNDS = (("dzh", "j"), ("kh", "h"), ("gh", "g"), ("zh", "j"), ("dj", "j"), ("q", "k"),
           ("x", "h"), ("w", "v"), ("ph", "f"))
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=1 << 14)
def skeleton(key: str) -> str:
    """The consonants of a name key, its usual alternations folded.

    >>> skeleton("bobojan ghafurov") == skeleton("bobojon ghafurov"), skeleton("voruh")
    (True, 'vrh')
    """
    for a, b in _SOUNDS:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", key)).strip()

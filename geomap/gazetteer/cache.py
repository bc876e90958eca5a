"""The gazetteer's name structures, kept on disk beside the world index.

Every process needs the curated places and the sets of name keys the finder reads text
with (a million keys, their first words, the large places' names). Derived from the index
and the curated files they take seconds; read from this file, milliseconds. The file is
keyed by the index (its name, which carries the GeoNames version, and its size and time),
the curated files' contents and the code that derives them: an edited gazetteer file or a
rebuilt index gives another key, so another file, built on first use.

The file is our own data in our own folder, and still never trusted blindly: a header
(format, key, and each section's length and SHA-256) is checked, and a section is used only
once its hash matches, so a truncated, damaged or foreign file is rebuilt. It holds no
pickle: the curated places in ``marshal`` (plain tuples, lists, dicts and strings; it
cannot make objects of any class, and is read only after its hash has matched), the key
sets as UTF-8 lines. It is written beside its place and renamed into it, so no
reader ever sees half a file.

A short text asks about a few hundred keys: each is answered by the world index's own
B-tree (``KeySet``), and the big sets are not read at all; a long text loads them whole.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from .. import geocache
from ..records import Name, Place

CACHE_FORMAT = 1
MAGIC = b"geomap gazetteer names\n"
# The modules whose code decides what is derived: an edit to one rebuilds the file.
_CODE = ("gazetteer/__init__.py", "gazetteer/cache.py", "gazetteer/curated.py",
         "gazetteer/normalize.py", "gazetteer/world.py", "records.py", "geo.py")
# Keys a KeySet answers one by one before it loads the whole set: a process that reads many
# short texts ends up asking about as many keys as one long text.
ASKED_BEFORE_LOAD = 20_000
SETS = ("lexicon", "first_words", "prominent")


class DamagedCache(ValueError):
    """The cache file is not what it says it is (it is rebuilt)."""


class KeySet:
    """A large set of name keys: ``key in keys`` asks ``ask`` (and remembers the answer)
    until the whole set is loaded, by ``whole()``, for a long text or after many questions.

    The whole set is a dict of the keys (to None), not a set: a dict that holds only
    strings is not tracked by the garbage collector, where a set is, and each collection of
    its generation would visit its million keys (half of a megabyte's extraction time).

    >>> keys = KeySet.of(["goris", "tegh", "kapan"])
    >>> "tegh" in keys, "gori" in keys, len(keys), sorted(keys.whole())
    (True, False, 3, ['goris', 'kapan', 'tegh'])
    """

    __slots__ = ("_ask", "_load", "_count", "_seen", "_whole")

    def __init__(self, ask: Callable[[str], bool], load: Callable[[], Iterable[str]],
                 count: int):
        self._ask, self._load, self._count = ask, load, count
        self._seen: dict[str, bool] = {}
        self._whole: dict[str, None] | None = None

    @classmethod
    def of(cls, keys: Iterable[str]) -> KeySet:
        """A KeySet of keys in memory."""
        whole = dict.fromkeys(keys)
        out = cls(whole.__contains__, lambda: whole, len(whole))
        out._whole = whole
        return out

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: object) -> bool:
        if self._whole is not None:
            return key in self._whole
        if not isinstance(key, str):
            return False
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= ASKED_BEFORE_LOAD:
                return key in self.whole()
            found = self._seen[key] = self._ask(key)
        return found

    def whole(self) -> dict[str, None]:
        """Every key, as a dict's keys (loaded on first use, then kept)."""
        if self._whole is None:
            self._whole = dict.fromkeys(self._load())
            self._seen = {}
        return self._whole

    def loaded(self) -> dict[str, None] | None:
        """Every key, as ``whole`` gives them, where they are loaded already; else None."""
        return self._whole

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())


class Places(Mapping):
    """Curated places by id, each made from its stored row when first asked for (a short
    text needs a few of the thousand)."""

    def __init__(self, rows: dict[str, tuple]):
        self._rows, self._made = rows, {}

    def __getitem__(self, place_id: str) -> Place:
        try:
            return self._made[place_id]
        except KeyError:
            place = self._made[place_id] = _place(self._rows[place_id])
            return place

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@dataclass
class Names:
    """What the gazetteer derives from the index and the curated files."""

    places: Mapping[str, Place]
    keys: dict[str, list[tuple[str, str]]]  # key -> (place id, name) of curated places
    by_gid: dict[int, str]
    adjectives: dict[str, list[tuple[str, str]]]
    adjective_keys: frozenset[str]
    abbreviation_keys: frozenset[str]
    capitals: frozenset[str]
    skeletons: dict[str, list[tuple[str, str]]]
    lexicon: KeySet
    first_words: KeySet
    prominent: KeySet


def source_files(data: Path) -> list[Path]:
    """The curated files the names are derived from (see Gazetteer._derive)."""
    from .curated import name_files, place_files

    return [*place_files(data), *name_files(data),
            *(data / n for n in ("countries.csv", "demonyms.csv", "sides.csv", "aliases.csv"))]


def cache_key(index: Path, data: Path) -> str:
    """The key of the names derived from this index and these curated files by this code."""
    h = hashlib.sha256(f"format {CACHE_FORMAT}\n".encode())
    st = index.stat()
    h.update(f"index {index.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    package = Path(__file__).resolve().parents[1]
    geocache.hash_files(h, [*(package / c for c in _CODE), *source_files(data)])
    return h.hexdigest()


def cache_path(index: Path, key: str) -> Path:
    """Where the names of this key live: beside the index."""
    return index.parent / f"names-{key[:24]}.bin"


Asks = dict[str, Callable[[str], bool]]


def load(index: Path, data: Path, derive: Callable[[], Names], asks: Asks) -> Names:
    """The names from the cache file, or derived and written there when it is missing,
    stale or damaged (or derived alone when it cannot be written). ``asks`` answer, for
    each set, whether a key is in it, from the index: used until the set is loaded."""
    key = cache_key(index, data)
    path = cache_path(index, key)
    try:
        # (derived again at most once, should a big set be found damaged when it is loaded)
        return read(path, key, asks, functools.cache(lambda: _rebuild(path, key, derive)))
    except FileNotFoundError:
        pass
    except (OSError, DamagedCache) as err:
        _say_damaged(path, err)
    return _rebuild(path, key, derive)


def _say_damaged(path: Path, err: Exception) -> None:
    print(f"geomap: the gazetteer's name cache {path} is damaged ({err}); rebuilding it",
          file=sys.stderr)


def _rebuild(path: Path, key: str, derive: Callable[[], Names]) -> Names:
    names = derive()
    try:
        write(path, key, names)
    except OSError:
        pass  # (a read-only cache: the names serve this process all the same)
    return names


def _place_row(p: Place) -> tuple:
    return tuple(tuple((n.text, n.lang, n.used_by) for n in v) if f.name == "names" else v
                 for f in fields(Place) for v in (getattr(p, f.name),))


def _place(row: tuple) -> Place:
    values = dict(zip((f.name for f in fields(Place)), row, strict=True))
    values["names"] = tuple(Name(*n) for n in values["names"])
    return Place(**values)


def _lines(keys: dict[str, None]) -> bytes:
    """Keys as newline-ended UTF-8 lines (in no particular order: the set is read whole)."""
    text = "\n".join(keys) + "\n" if keys else ""
    if text.count("\n") != len(keys):
        raise ValueError("a name key holds a line break")
    return text.encode("utf-8")


def write(path: Path, key: str, names: Names) -> None:
    """Write the names to ``path`` atomically."""
    curated = marshal.dumps({
        "places": [_place_row(p) for p in names.places.values()],
        "keys": names.keys, "by_gid": names.by_gid, "adjectives": names.adjectives,
        "adjective_keys": names.adjective_keys, "abbreviation_keys": names.abbreviation_keys,
        "capitals": names.capitals, "skeletons": names.skeletons,
        "counts": {n: len(getattr(names, n)) for n in SETS},
    })
    bodies = [("curated", curated), *((n, _lines(getattr(names, n).whole())) for n in SETS)]
    spans, at = {}, 0
    for name, body in bodies:
        spans[name] = [at, len(body), hashlib.sha256(body).hexdigest()]
        at += len(body)
    header = json.dumps({"format": CACHE_FORMAT, "key": key, "sections": spans}).encode()
    geocache.write_atomically(path, [MAGIC + len(header).to_bytes(8, "little") + header,
                                     *(body for _name, body in bodies)])
    _prune(path)


# The cache of another version of the code or the curated files is deleted once it has not
# been written for this long (another checkout sharing the folder may still use a recent one).
STALE_DAYS = geocache.STALE_DAYS


def _prune(keep: Path) -> None:
    """Delete the name caches of other versions older than STALE_DAYS (and killed writers'
    temporary files)."""
    geocache.prune(keep, "names-")


def _section(path: Path, base: int, span: list) -> bytes:
    """A section of the file, whole and matching its hash, or DamagedCache."""
    start, length, digest = span
    with open(path, "rb") as f:
        f.seek(base + start)
        body = f.read(length)
    if len(body) != length or hashlib.sha256(body).hexdigest() != digest:
        raise DamagedCache("a section's hash does not match")
    return body


def read(path: Path, key: str, asks: Asks, rebuild: Callable[[], Names]) -> Names:
    """The names in the file at ``path``, checked first: DamagedCache if it is not whole,
    not of this format or not for this key. The big sets are read when first loaded whole;
    one found damaged then is derived again (``rebuild``) and the file rewritten."""
    with open(path, "rb") as f:
        head = f.read(len(MAGIC) + 8)
        if len(head) != len(MAGIC) + 8 or not head.startswith(MAGIC):
            raise DamagedCache("not a name cache")
        size = int.from_bytes(head[len(MAGIC):], "little")
        raw = f.read(min(size, 1 << 20))
        file_size = os.fstat(f.fileno()).st_size
    try:
        header = json.loads(raw)
        if header["format"] != CACHE_FORMAT or header["key"] != key:
            raise DamagedCache("another format or key")
        spans = {n: header["sections"][n] for n in ("curated", *SETS)}
        base = len(MAGIC) + 8 + size
        if file_size != base + sum(span[1] for span in spans.values()):
            raise DamagedCache("it is not of the size its header gives")
        c = marshal.loads(_section(path, base, spans["curated"]))
        places = Places({row[0]: row for row in c["places"]})
        counts = c["counts"]

        def loader(name: str) -> Callable[[], list[str]]:
            def load_set() -> list[str]:
                try:
                    return _section(path, base, spans[name]).decode("utf-8").split("\n")[:-1]
                except (OSError, UnicodeDecodeError, DamagedCache) as err:
                    _say_damaged(path, err)
                    return getattr(rebuild(), name).whole()
            return load_set

        return Names(
            places=places, keys=c["keys"], by_gid=c["by_gid"], adjectives=c["adjectives"],
            adjective_keys=c["adjective_keys"], abbreviation_keys=c["abbreviation_keys"],
            capitals=c["capitals"], skeletons=c["skeletons"],
            **{n: KeySet(asks[n], loader(n), counts[n]) for n in SETS})
    except DamagedCache:
        raise
    except (ValueError, KeyError, TypeError, EOFError) as err:
        raise DamagedCache(f"bad contents: {err}") from err

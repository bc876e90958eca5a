"""The gazetteer's name cache (geomap/gazetteer/cache.py): read back as it was derived; a
stale, damaged or foreign file rebuilt, never used; an edited curated file gives another."""

from __future__ import annotations

import doctest
import shutil

import pytest

from geomap.gazetteer import Gazetteer, cache, world
from geomap.gazetteer.curated import data_dir


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A folder of its own with the world index (linked) and a copy of the curated files,
    and a gazetteer derived from them there (which writes the cache)."""
    folder = tmp_path_factory.mktemp("names")
    index = folder / "world.sqlite"
    index.symlink_to(world.index_path())
    data = folder / "gazetteer"
    (data / "hotspots").mkdir(parents=True)
    for path in cache.source_files(data_dir()):
        shutil.copy(path, data / path.relative_to(data_dir()))
    derived = Gazetteer(index_path=index, data=data)
    return index, data, derived


def cache_file(index, data):
    return cache.cache_path(index, cache.cache_key(index, data))


def no_derive(monkeypatch):
    def fail(self):
        raise AssertionError("derived again")
    monkeypatch.setattr(Gazetteer, "_derive", fail)


def whole(path, key) -> None:
    """The file at path reads, each of its sets whole, with nothing derived again."""
    def fail():
        raise AssertionError("derived again")
    names = cache.read(path, key, {n: fail for n in cache.SETS}, fail)
    for n in cache.SETS:
        assert len(getattr(names, n).whole()) == len(getattr(names, n))


def same(a: Gazetteer, b: Gazetteer) -> None:
    assert list(a._places) == list(b._places)
    assert all(a._places[k] == b._places[k] for k in a._places)
    assert a._keys == b._keys and a._adjectives == b._adjectives and a._by_gid == b._by_gid
    assert a._skeletons == b._skeletons and a.capital_ids() == b.capital_ids()
    assert a.adjective_keys == b.adjective_keys
    assert a.abbreviation_keys == b.abbreviation_keys
    for name in ("lexicon", "first_words", "prominent_keys"):
        assert getattr(a, name).whole() == getattr(b, name).whole(), name


def test_read_back_as_derived(setup, monkeypatch):
    index, data, derived = setup
    assert cache_file(index, data).exists()
    no_derive(monkeypatch)
    read = Gazetteer(index_path=index, data=data)
    same(read, derived)
    assert read.resolve("Goris").place.id == "am-goris"


def test_asked_one_by_one_as_the_sets_answer(setup):
    """Before a set is loaded, each key is asked of the index: the same answers."""
    index, data, derived = setup
    gaz = Gazetteer(index_path=index, data=data)
    whole = {n: getattr(derived, n).whole() for n in ("lexicon", "first_words",
                                                       "prominent_keys")}
    probes = {"", " ", "goris", "gori", "goris ", "new", "new york", "new yor", "zzzz",
              "saint petersburg", "kyrgyz", "tajik", "ab\x00", "\ud800", "naxcivan",
              "los angeles", "la", "los", "al", "aita", "x!", "x "}
    for n in ("lexicon", "prominent_keys"):
        probes |= set(sorted(whole[n])[::997])
    probes |= set(sorted(whole["first_words"])[::499])
    probes |= {k[:-1] for k in list(probes) if k} | {k + " " for k in list(probes)}
    probes |= {k.split(" ")[0] + " " + "zz" for k in list(probes)}
    for name, keys in whole.items():
        lazy = getattr(gaz, name)
        assert lazy._whole is None
        wrong = [k for k in probes if (k in lazy) != (k in keys)]
        assert not wrong, (name, wrong[:5])
        assert lazy._whole is None  # (asked one by one: not loaded)
        assert len(lazy) == len(keys)


def test_many_questions_load_the_set(setup, monkeypatch):
    index, data, derived = setup
    monkeypatch.setattr(cache, "ASKED_BEFORE_LOAD", 3)
    gaz = Gazetteer(index_path=index, data=data)
    for key in ("goris", "kapan", "tegh", "zzzz", "sisian"):
        assert (key in gaz.lexicon) == (key in derived.lexicon.whole())
    assert gaz.lexicon._whole == derived.lexicon.whole()


def damage(path, how: str) -> bytes:
    """Damage the file at path (the good bytes are restored by ``restored``)."""
    body = bytearray(path.read_bytes())
    header_end = len(cache.MAGIC) + 8 + int.from_bytes(
        body[len(cache.MAGIC):len(cache.MAGIC) + 8], "little")
    if how == "truncate":
        body = body[:len(body) // 3]
    elif how == "garbage":
        body = bytearray(b"\x00" * 100)
    elif how == "flip curated":
        body[header_end + 100] ^= 0xFF
    elif how == "flip header":
        body[len(cache.MAGIC) + 10] ^= 0xFF
    else:  # "flip a set": the last, prominent
        body[-5] ^= 0xFF
    path.write_bytes(bytes(body))
    return bytes(body)


@pytest.fixture
def restored(setup):
    """The cache file, put back as it was after the test."""
    index, data, _derived = setup
    path = cache_file(index, data)
    good = path.read_bytes()
    yield path
    path.write_bytes(good)


@pytest.mark.parametrize("how", ["truncate", "garbage", "flip curated", "flip header"])
def test_a_damaged_file_is_rebuilt(setup, restored, capsys, how):
    index, data, derived = setup
    bad = damage(restored, how)
    gaz = Gazetteer(index_path=index, data=data)
    assert "damaged" in capsys.readouterr().err
    same(gaz, derived)
    assert restored.read_bytes() != bad  # (written again, whole)
    whole(restored, cache.cache_key(index, data))


def test_a_damaged_set_is_derived_again_when_loaded(setup, restored, capsys):
    """The big sets are read only when loaded whole: one damaged then is derived again."""
    index, data, derived = setup
    bad = damage(restored, "flip a set")
    gaz = Gazetteer(index_path=index, data=data)
    assert capsys.readouterr().err == ""
    assert gaz.prominent_keys.whole() == derived.prominent_keys.whole()
    assert "damaged" in capsys.readouterr().err
    assert restored.read_bytes() != bad
    whole(restored, cache.cache_key(index, data))


def test_an_edited_curated_file_gives_another_cache(setup, tmp_path):
    index, data, derived = setup
    before = cache.cache_key(index, data)
    names = data / "names.csv"
    text = names.read_text(encoding="utf-8")
    try:
        names.write_text(text + "am-goris,Gorisville,en,,test\n", encoding="utf-8")
        after = cache.cache_key(index, data)
        assert after != before
        gaz = Gazetteer(index_path=index, data=data)
        assert cache.cache_path(index, after).exists()
        assert gaz.resolve("Gorisville").place.id == "am-goris"
        assert "gorisville" in gaz.lexicon and "gorisville" not in derived.lexicon
    finally:
        names.write_text(text, encoding="utf-8")
    assert cache.cache_key(index, data) == before


def test_a_cache_that_cannot_be_written_is_not_needed(setup, tmp_path, monkeypatch):
    index, data, derived = setup
    (tmp_path / "world.sqlite").symlink_to(index)

    def refuse(*_args):
        raise PermissionError("read-only")
    monkeypatch.setattr(cache, "write", refuse)
    gaz = Gazetteer(index_path=tmp_path / "world.sqlite", data=data)
    same(gaz, derived)
    assert not list(tmp_path.glob("names-*"))


def test_examples_hold():
    result = doctest.testmod(cache, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_old_caches_of_other_versions_are_pruned_recent_ones_kept(tmp_path):
    import os
    import time

    from geomap.gazetteer import cache

    old, recent = tmp_path / "names-old.bin", tmp_path / "names-recent.bin"
    other = tmp_path / "world-index.sqlite"
    for p in (old, recent, other):
        p.write_bytes(b"x")
    past = time.time() - (cache.STALE_DAYS + 1) * 86400
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    keep = tmp_path / "names-new.bin"
    keep.write_bytes(b"y")
    cache._prune(keep)
    assert not old.exists() and recent.exists() and keep.exists() and other.exists()

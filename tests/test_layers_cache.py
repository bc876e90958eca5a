"""The countries' disk cache (geomap/geocache.py): the same frame and the same page with a
cold cache, a warm one and none; a damaged or foreign file derived again; racing writers
leave a whole file. Each test keeps its cache in its own temporary folder."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.cache_damage import DAMAGES
from tests.cache_damage import damage as damage_file

REGION_VIEW = (44.0, 39.0, 46.0, 41.0)  # inside the South Caucasus' full-resolution layers
WORLD_VIEW = (-10.0, 39.0, -8.0, 41.0)  # outside every region


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of the test's own, and the in-process countries cache cleared before
    and after (so that no other test sees a frame made here)."""
    from geomap import geocache, layers

    folder = tmp_path / "cache"
    monkeypatch.setattr(geocache, "folder", lambda: folder)
    layers._countries_for.cache_clear()
    yield folder
    layers._countries_for.cache_clear()


def _countries(view):
    from geomap import layers

    layers._countries_for.cache_clear()
    return layers._countries_for(view, Path(layers.data_dir()))


def _same(a, b) -> None:
    import pandas as pd
    import shapely

    assert type(a) is type(b)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert a.crs == b.crs and a.geometry.name == b.geometry.name
    assert list(shapely.to_wkb(a.geometry.values)) == list(shapely.to_wkb(b.geometry.values))


def _key(path: Path) -> str:
    """The key a cache file's header gives."""
    import json

    from geomap import geocache

    raw = path.read_bytes()
    head = len(geocache.MAGIC) + 8
    size = int.from_bytes(raw[len(geocache.MAGIC):head], "little")
    return json.loads(raw[head:head + size])["key"]


def _derived(view):
    """The frame derived without the cache."""
    from geomap import layers

    folder = Path(layers.data_dir())
    region = next((r for r in layers._region_sets(folder)
                   if r[1][0] <= view[0] and r[1][1] <= view[1] and r[1][2] >= view[2]
                   and r[1][3] >= view[3]), None)
    return layers._dissolved(folder, *region) if region else layers._world(folder)


@pytest.mark.parametrize("view", [REGION_VIEW, WORLD_VIEW])
def test_cold_and_warm_cache_give_the_derived_frame(cache, view):
    derived = _derived(view)
    _, cold, _ = _countries(view)
    files = sorted(cache.glob("countries-*.bin"))
    assert len(files) == 1
    _, warm, _ = _countries(view)
    _same(derived, cold)
    _same(derived, warm)
    assert sorted(cache.glob("countries-*.bin")) == files  # read, not written again
    assert not list(cache.glob("*.tmp"))


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_file_is_derived_again(cache, damage, capsys):
    from geomap import geocache

    _, first, _ = _countries(REGION_VIEW)
    (path,) = cache.glob("countries-*.bin")
    raw = damage_file(path, damage,
                      lambda p: geocache.write(p, "0" * 64, geocache.read(p, _key(p))))
    _, again, _ = _countries(REGION_VIEW)
    _same(first, again)
    assert "damaged" in capsys.readouterr().err
    assert path.read_bytes() == raw  # rewritten whole
    _, warm, _ = _countries(REGION_VIEW)
    _same(first, warm)
    assert capsys.readouterr().err == ""


def test_an_unwritable_cache_still_gives_the_frame(tmp_path, monkeypatch):
    from geomap import geocache, layers

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setattr(geocache, "folder", lambda: blocker / "cache")
    try:
        _, countries, _ = _countries(REGION_VIEW)
    finally:
        layers._countries_for.cache_clear()
    _same(_derived(REGION_VIEW), countries)


def test_the_key_follows_the_sources_and_the_region(tmp_path):
    from geomap import geocache

    a, b = tmp_path / "world.geojson", tmp_path / "region.geojson"
    a.write_text('{"type": "FeatureCollection", "features": []}')
    b.write_text('{"type": "FeatureCollection", "features": []}')
    key = geocache.cache_key("region r [1, 2, 3, 4]", [a, b])
    assert key == geocache.cache_key("region r [1, 2, 3, 4]", [a, b])
    assert key != geocache.cache_key("region r [1, 2, 3, 5]", [a, b])
    assert key != geocache.cache_key("region r [1, 2, 3, 4]", [a])
    b.write_text('{"type": "FeatureCollection", "features": [] }')
    assert key != geocache.cache_key("region r [1, 2, 3, 4]", [a, b])


def test_racing_writers_and_readers_see_whole_files(cache):
    from geomap import geocache

    _, frame, _ = _countries(REGION_VIEW)
    (path,) = cache.glob("countries-*.bin")
    key = _key(path)
    errors: list[BaseException] = []

    def writer():
        try:
            for _ in range(5):
                geocache.write(path, key, frame)
        except BaseException as err:  # noqa: BLE001 (reported below)
            errors.append(err)

    def reader():
        try:
            for _ in range(10):
                _same(frame, geocache.read(path, key))
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=f) for f in (writer, writer, writer, reader, reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(p.name for p in cache.iterdir()) == [path.name]  # no temporary file left


def test_the_example_page_is_the_same_with_no_cold_or_warm_cache(cache, tmp_path,
                                                                 monkeypatch):
    from geomap import geocache, layers
    from geomap.api import make_map

    def page(name: str) -> bytes:
        layers._countries_for.cache_clear()
        out = tmp_path / name
        make_map(out=out)
        return out.read_bytes()

    cold = page("cold.html")
    assert len(list(cache.glob("countries-*.bin"))) == 1
    warm = page("warm.html")
    with monkeypatch.context() as m:
        m.setattr(geocache, "load", lambda what, sources, derive: derive())
        none = page("none.html")
    assert cold == none
    assert warm == none


def test_stale_files_are_pruned_and_recent_ones_kept(cache):
    import os
    import time

    cache.mkdir(parents=True)
    old, recent = time.time() - 15 * 86400, time.time() - 60
    files = {name: cache / name for name in (
        "countries-old.bin", "countries-recent.bin", "countries-x.bin.abc.tmp",
        "countries-y.bin.def.tmp", "names-other.bin")}
    for name, path in files.items():
        path.write_bytes(b"x")
        when = recent if name in ("countries-recent.bin", "countries-y.bin.def.tmp") else old
        os.utime(path, (when, when))
    _countries(REGION_VIEW)
    left = {p.name for p in cache.iterdir()}
    assert "countries-old.bin" not in left and "countries-x.bin.abc.tmp" not in left
    assert {"countries-recent.bin", "countries-y.bin.def.tmp", "names-other.bin"} <= left

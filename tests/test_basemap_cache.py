"""The reference basemap's disk cache (basemap.reference_for through geocache.cached): the
same reference and the same page with a cold cache, a warm one and none; a damaged or
foreign file derived again; an unwritable folder; pack and unpack. Each test keeps its cache
in its own temporary folder."""

from __future__ import annotations

import pytest

from tests.cache_damage import DAMAGES
from tests.cache_damage import damage as damage_file

VIEW = (44.0, 39.0, 46.0, 41.0)
CONTEXT = (43.0, 38.0, 47.0, 42.0)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    from geomap import geocache

    folder = tmp_path / "cache"
    monkeypatch.setattr(geocache, "folder", lambda: folder)
    return folder


def _derived(level="light", view=VIEW, context=CONTEXT):
    from geomap import basemap

    return basemap._derive(tuple(map(float, view)), tuple(map(float, context)), level)


def _same_frame(a, b) -> None:
    import pandas as pd
    import shapely

    assert type(a) is type(b)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert a.crs == b.crs and a.geometry.name == b.geometry.name
    assert list(shapely.to_wkb(a.geometry.values)) == list(shapely.to_wkb(b.geometry.values))


def _same(a, b) -> None:
    """The same reference, to the type of every value (1 is not 1.0, a tuple not a list)."""
    assert a.level == b.level
    assert repr(a.towns) == repr(b.towns) and repr(a.places) == repr(b.places)
    for name in ("rivers", "lakes", "world"):
        _same_frame(getattr(a, name), getattr(b, name))
    assert a.relief == b.relief and type(a.relief) is type(b.relief)
    assert repr(a.relief_bounds) == repr(b.relief_bounds)
    assert repr(a.sources) == repr(b.sources)


@pytest.mark.parametrize("level", ["light", "full"])
def test_cold_and_warm_cache_give_the_derived_reference(cache, level):
    from geomap.basemap import reference_for

    derived = _derived(level)
    cold = reference_for(VIEW, CONTEXT, level)
    files = sorted(cache.glob("reference-*.bin"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    warm = reference_for(VIEW, CONTEXT, level)
    _same(derived, cold)
    _same(derived, warm)
    assert derived.relief  # (a relief there is, kept as bytes)
    assert sorted(cache.glob("reference-*.bin")) == files
    assert files[0].stat().st_mtime_ns == stamp  # read, not written again
    assert not list(cache.glob("*.tmp"))


def test_another_view_context_or_level_is_another_file(cache):
    from geomap.basemap import reference_for

    reference_for(VIEW, CONTEXT, "light")
    reference_for(VIEW, (43.0, 38.0, 47.0, 42.5), "light")
    reference_for((44.0, 39.0, 46.0, 41.5), CONTEXT, "light")
    reference_for(VIEW, CONTEXT, "full")
    assert len(list(cache.glob("reference-*.bin"))) == 4
    assert reference_for(VIEW, CONTEXT, "none") is None


def test_a_reference_without_relief(cache):
    from geomap.basemap import reference_for

    ocean = ((-30.0, 20.0, -29.0, 21.0), (-31.0, 19.0, -28.0, 22.0))
    derived = _derived("light", *ocean)
    cold = reference_for(*ocean, "light")
    warm = reference_for(*ocean, "light")
    _same(derived, cold)
    _same(derived, warm)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_file_is_derived_again(cache, damage, capsys):
    from geomap import geocache
    from geomap.basemap import reference_for

    first = reference_for(VIEW, CONTEXT)
    (path,) = cache.glob("reference-*.bin")
    raw = damage_file(path, damage, lambda p: geocache._write_body(p, "0" * 64, b"whatever",
                                                                    "reference"))
    again = reference_for(VIEW, CONTEXT)
    _same(first, again)
    assert "damaged" in capsys.readouterr().err
    assert path.read_bytes() == raw  # rewritten whole
    _same(first, reference_for(VIEW, CONTEXT))
    assert capsys.readouterr().err == ""


def test_a_well_made_file_of_bad_contents_is_derived_again(cache, capsys):
    from geomap import geocache
    from geomap.basemap import reference_for

    first = reference_for(VIEW, CONTEXT)
    (path,) = cache.glob("reference-*.bin")
    raw = path.read_bytes()
    magic = geocache._magic("reference")
    size = int.from_bytes(raw[len(magic):len(magic) + 8], "little")
    import json

    key = json.loads(raw[len(magic) + 8:len(magic) + 8 + size])["key"]
    geocache._write_body(path, key, geocache.pack({"level": "light"}), "reference")
    _same(first, reference_for(VIEW, CONTEXT))
    assert "damaged" in capsys.readouterr().err
    assert path.read_bytes() == raw


def test_an_unwritable_cache_still_gives_the_reference(tmp_path, monkeypatch):
    from geomap import geocache
    from geomap.basemap import reference_for

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setattr(geocache, "folder", lambda: blocker / "cache")
    _same(_derived(), reference_for(VIEW, CONTEXT))


def test_the_key_follows_the_sources(cache, tmp_path, monkeypatch):
    from geomap import basemap
    from geomap.basemap import reference_for

    reference_for(VIEW, CONTEXT)
    extra = tmp_path / "extra.csv"
    extra.write_text("a")
    sources = basemap._sources()
    monkeypatch.setattr(basemap, "_sources", lambda: [*sources, extra])
    reference_for(VIEW, CONTEXT)
    assert len(list(cache.glob("reference-*.bin"))) == 2


def test_a_reference_file_leaves_the_countries_files_alone(cache):
    import os
    import time

    from geomap.basemap import reference_for

    cache.mkdir(parents=True)
    old = time.time() - 15 * 86400
    for name in ("countries-old.bin", "reference-old.bin"):
        (cache / name).write_bytes(b"x")
        os.utime(cache / name, (old, old))
    reference_for(VIEW, CONTEXT)
    left = {p.name for p in cache.iterdir()}
    assert "countries-old.bin" in left and "reference-old.bin" not in left


def test_pack_and_unpack_keep_every_part():
    import numpy as np

    from geomap import geocache

    frame = _derived().rivers
    parts = {"text": "é", "number": 1, "float": 0.1, "none": None, "list": [1, 2.5, "x"],
             "blob": b"\x00\x01png", "empty": b"",
             "array": np.arange(12, dtype=np.float32).reshape(3, 4),
             "bytes_array": np.array([[1, 2], [3, 4]], dtype=">u2"), "frame": frame}
    back = geocache.unpack(geocache.pack(parts))
    assert list(back) == [k for k in parts if k not in (
        "blob", "empty", "array", "bytes_array", "frame")] + [
        "blob", "empty", "array", "bytes_array", "frame"]
    for k in ("text", "number", "float", "none", "list", "blob", "empty"):
        assert repr(back[k]) == repr(parts[k])
    for k in ("array", "bytes_array"):
        assert back[k].dtype == parts[k].dtype and back[k].shape == parts[k].shape
        assert np.array_equal(back[k], parts[k])
    _same_frame(frame, back["frame"])
    with pytest.raises(ValueError):
        geocache.pack({"objects": np.array([1, "x"], dtype=object)})


def test_the_example_page_is_the_same_with_no_cold_or_warm_cache(cache, tmp_path,
                                                                 monkeypatch):
    from geomap import geocache, layers
    from geomap.api import make_map

    def page(name: str) -> bytes:
        layers._countries_for.cache_clear()
        out = tmp_path / name
        make_map(out=out)
        return out.read_bytes()

    real = geocache.cached
    with monkeypatch.context() as m:
        m.setattr(geocache, "cached", lambda kind, what, sources, derive, **kw: derive()
                  if kind == "reference" else real(kind, what, sources, derive, **kw))
        none = page("none.html")
    assert not list(cache.glob("reference-*.bin"))
    cold = page("cold.html")
    assert len(list(cache.glob("reference-*.bin"))) == 1
    warm = page("warm.html")
    assert cold == none
    assert warm == none

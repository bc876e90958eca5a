"""A map of many claims is made with fewer cyclic garbage collections (garbage.fewer_collections)
and leaves the collector as it found it: after the map, after a nested map, after an error,
and with collection turned off by the caller."""

from __future__ import annotations

import gc

import pytest

from geomap import api, garbage
from geomap.errors import InputError


@pytest.fixture
def threshold():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_fewer_collections_inside_and_as_before_after(threshold):
    with garbage.fewer_collections():
        assert gc.get_threshold() == (garbage.GC_GEN0, 10, 10)
        with garbage.fewer_collections():  # a map made while another is
            assert gc.get_threshold()[0] == garbage.GC_GEN0
        assert gc.get_threshold()[0] == garbage.GC_GEN0  # the outer one is not done
    assert gc.get_threshold() == (700, 10, 10)
    with pytest.raises(RuntimeError), garbage.fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)
    gc.set_threshold(0)  # collection turned off: left off
    with garbage.fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_a_map_and_a_failed_map_leave_the_collector_as_it_was(threshold, tmp_path,
                                                              monkeypatch):
    seen = []
    place = api.place_claims

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return place(*args, **kwargs)

    good = tmp_path / "c.csv"
    good.write_text("id,date,place,claimant,claimant_side,stance,event,actor,text,source,url\n"
                    "a,2021-05-12,Goris,X,AM,asserts,shelling,t,words,s,\n", encoding="utf-8")
    monkeypatch.setattr(api, "place_claims", spy)
    api.make_map([good], out=tmp_path / "m.html")
    assert seen == [garbage.GC_GEN0] and gc.get_threshold() == (700, 10, 10)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError):
        api.build_map([bad])
    assert gc.get_threshold() == (700, 10, 10)

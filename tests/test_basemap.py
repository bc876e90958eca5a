"""The reference basemap (geomap/basemap.py, geomap/render/reference.py): towns, curated
places, rivers, lakes, relief and the world, offline, deterministic and inert."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from geomap.basemap import reference_for
from geomap.layers import LINE_CLASSES, context_of

# the built-in example's first view, around Syunik (Armenia)
SYUNIK = (45.2, 38.8, 46.9, 40.0)
HOSTILE = "</script><img src=x onerror=alert(1)>{{7*7}}"


@pytest.fixture(scope="module")
def ref():
    return reference_for(SYUNIK, context_of(SYUNIK), "light")


def _page(ref, view=SYUNIK) -> str:
    import folium

    from geomap.render.html import OfflineMap, _stable_ids, guard_templates
    from geomap.render.reference import add_reference

    m = OfflineMap(location=[39.4, 46.0], tiles=None, zoom_start=8, max_zoom=14, min_zoom=3)
    add_reference(m, ref)
    folium.LayerControl().add_to(m)
    root = m.get_root()
    _stable_ids(root)
    guard_templates(root)
    return root.render()


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="geomap-reference-data">(.*?)</script>',
                  page, re.S)
    assert m, "no reference data in the page"
    return json.loads(m.group(1))


def test_the_example_view_has_its_towns_lakes_and_rivers(ref):
    towns = {t["name"] for t in ref.towns}
    assert {"Goris", "Kapan"} <= towns
    named = set(ref.lakes["name"]) | {p["name"] for p in ref.places}
    assert "Lake Sevan" in named and any("Sev Lich" in n for n in named)
    assert len(ref.rivers) and set(ref.rivers.geometry.geom_type) <= {"LineString",
                                                                      "MultiLineString"}
    assert set(ref.lakes.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    assert "AM" in set(ref.world["iso2"]) or len(ref.world) > 100  # the world, not a patch
    assert ref.relief and ref.relief.startswith(b"\x89PNG")
    assert any("LGPL" in s for s in ref.sources) and any("GeoNames" in s for s in ref.sources)


def test_bigger_towns_are_named_from_lower_zooms(ref):
    from geomap.basemap import town_zoom

    by_pop = sorted(ref.towns, key=lambda t: -t["population"])
    assert by_pop[0]["min_zoom"] == min(t["min_zoom"] for t in ref.towns)
    for t in ref.towns:  # decluttering only ever delays a name
        assert t["min_zoom"] >= town_zoom(t["population"])
    kapan = next(t for t in ref.towns if t["name"] == "Kapan")
    small = [t for t in ref.towns if t["population"] < 3000]
    assert small and all(t["min_zoom"] > kapan["min_zoom"] for t in small)
    assert [t["rank"] for t in ref.towns] == list(range(1, len(ref.towns) + 1))


def test_none_is_no_reference_and_an_unknown_level_is_an_error():
    assert reference_for(SYUNIK, context_of(SYUNIK), "none") is None
    with pytest.raises(ValueError):
        reference_for(SYUNIK, context_of(SYUNIK), "heavy")


def test_same_inputs_same_bytes(ref):
    from geomap.basemap import _curated, _relief_archive, _water

    for cached in (_curated, _relief_archive, _water):
        cached.cache_clear()  # read again from the files
    again = reference_for(SYUNIK, context_of(SYUNIK), "light")
    assert again.relief == ref.relief and again.towns == ref.towns
    assert again.places == ref.places
    for a, b in ((again.rivers, ref.rivers), (again.lakes, ref.lakes), (again.world, ref.world)):
        assert list(a.geometry.to_wkb()) == list(b.geometry.to_wkb())
    assert _page(again) == _page(ref)


def test_a_hostile_name_stays_text(ref):
    import geopandas as gpd

    town = {**ref.towns[0], "name": HOSTILE}
    place = {**ref.places[0], "name": HOSTILE, "kind": HOSTILE}
    lakes = gpd.GeoDataFrame({"name": [HOSTILE]}, geometry=[ref.lakes.geometry.iloc[0]],
                             crs="EPSG:4326")
    page = _page(replace(ref, towns=[town], places=[place], lakes=lakes))
    assert "<img src=x" not in page and "{{7*7}}" not in page  # not markup, not a template
    assert "\\u003c/script\\u003e\\u003cimg src=x" in page  # but escaped data
    assert page.count("</script>") == _page(ref).count("</script>")  # none ends early
    data = _data(page)
    assert data["towns"][0]["name"] == HOSTILE and data["places"][0]["name"] == HOSTILE
    assert data["lake_names"] == [HOSTILE]
    # the script writes names as text, never as markup
    from pathlib import Path

    import geomap.render.reference as reference

    js = (Path(reference.__file__).parent / "reference.js").read_text()
    assert "innerHTML" not in js and "textContent" in js


def test_the_page_asks_no_network_and_labels_take_no_clicks(ref):
    page = _page(ref)
    data = _data(page)
    assert data["relief"].startswith("data:image/png;base64,")
    from pathlib import Path

    import geomap.render.reference as reference

    js = (Path(reference.__file__).parent / "reference.js").read_text()
    rest = {k: v for k, v in data.items() if k != "relief"}
    assert "://" not in json.dumps(rest) and "://" not in data["relief"]
    assert "http" not in js and "url(" not in reference.CSS  # nothing to fetch
    for pane, z in (("geomap-world", 200), ("geomap-relief", 250), ("geomap-water", 260),
                    ("geomap-labels", 450)):
        at = page.index(f'createPane(\n                "{pane}")')
        tail = page[at:at + 400]
        assert f"zIndex = {z};" in tail and "pointerEvents = 'none'" in tail
    for name in ("Relief", "Rivers and lakes", "Towns and places"):
        assert f'"{name}"' in page


@pytest.mark.parametrize("view", [(77.6, 34.2, 79.4, 35.2), (69.8, 39.6, 71.4, 40.4)],
                         ids=["galwan", "batken"])
def test_other_borders_stay_light(view):
    ref = reference_for(view, context_of(view), "light")
    base = len(_page(None, view).encode())
    assert len(_page(ref, view).encode()) - base < 400_000
    assert ref.towns and ref.relief


def test_light_stays_under_its_budget_and_full_is_richer(ref):
    full = reference_for(SYUNIK, context_of(SYUNIK), "full")
    base = len(_page(None).encode())
    light_added = len(_page(ref).encode()) - base
    full_added = len(_page(full).encode()) - base
    assert light_added < 400_000 < full_added < 2_000_000
    assert len(full.towns) > len(ref.towns)


def _sheet(ref, **extra) -> bytes:
    from geomap.render.static import static_bytes

    return static_bytes("png", view=SYUNIK, layers=[], areas=None, bands=None, claims=[],
                        sides=[], title="Reference", date_range="", sources=[],
                        manifest={"generator": "geomap test", "gazetteer": "test"},
                        reference=ref, **extra)


def test_the_sheet_draws_the_reference_the_same_every_time(ref):
    first = _sheet(ref, point_of_view="India (Natural Earth FCLASS_IN)")
    assert first == _sheet(ref, point_of_view="India (Natural Earth FCLASS_IN)")
    assert first != _sheet(None, point_of_view="India (Natural Earth FCLASS_IN)")


def test_the_sheet_names_towns_apart_and_says_its_point_of_view(ref):
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401

    from geomap.render.static import _overlaps, sheet_figure

    fig, _ = sheet_figure("png", view=SYUNIK, layers=[], areas=None, bands=None, claims=[],
                          sides=[], title="Reference", date_range="", sources=[],
                          manifest={"generator": "geomap test", "gazetteer": "test"},
                          reference=ref, point_of_view="India (Natural Earth FCLASS_IN)")
    renderer = fig.canvas.get_renderer()
    ax = next(a for a in fig.axes if a.get_label() == "map")
    names = [t for t in ax.texts if t.get_gid() == "reference-name"]
    shown = {t.get_text() for t in names}
    assert {"Goris", "Kapan"} & shown
    assert ax.get_xlabel() == ax.get_ylabel() == ""  # no axis title over the foot
    boxes = [t.get_window_extent(renderer) for t in names]
    assert not any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    foot = next(t for t in fig.texts if t.get_gid() == "footer").get_text()
    assert "Point of view: India (Natural Earth FCLASS_IN)." in foot and "Basemap:" in foot


def test_the_legend_lists_each_line_class_with_its_dashes():
    import geopandas as gpd
    from shapely.geometry import LineString

    from geomap.layers import Layer
    from geomap.render.static import sheet_figure

    def line(kind):
        frame = gpd.GeoDataFrame({"countries": ["IN-CN"], "kind": [kind]},
                                 geometry=[LineString([(45.5, 39.0), (46.5, 39.8)])],
                                 crs="EPSG:4326")
        return Layer(f"{kind} (IN-CN)", kind, frame, "test")

    layers = [line("international"), line("disputed"), line("disputed"),
              line("line-of-control"), line("unrecognized")]
    fig, _ = sheet_figure("png", view=SYUNIK, layers=layers, areas=None, bands=None,
                          claims=[], sides=[], title="Lines", date_range="", sources=[],
                          manifest={"generator": "geomap test", "gazetteer": "test"})
    legend = next(a for a in fig.axes if a.get_label() == "legend").get_legend()
    labels = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
    for kind in ("disputed", "line-of-control", "unrecognized", "international"):
        assert labels.count(LINE_CLASSES[kind]) == 1, (kind, labels)
    dashes = {}
    for handle, text in zip(legend.legend_handles, labels):
        if text in LINE_CLASSES.values():
            pattern = handle._dash_pattern[1]  # (offset, on-off list or None)
            dashes[text] = tuple(round(v, 3) for v in pattern) if pattern else ()
    assert not dashes[LINE_CLASSES["international"]]
    others = [dashes[LINE_CLASSES[k]] for k in ("disputed", "line-of-control", "unrecognized")]
    assert all(others) and len(set(others)) == 3

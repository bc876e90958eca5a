"""The Python API, as a notebook uses it: geomap.extract, geomap.make_map, geomap.Gazetteer."""

from __future__ import annotations

import html

import pytest

import geomap
from geomap.render.html import page_data

REPORT = ("Armenian officials said on Wednesday that Azerbaijani troops crossed into Syunik "
          "province near Sev Lich lake. Baku denied it.")


def _data(page: str) -> dict:
    return page_data(page)


def test_extract_takes_the_text_or_a_path(tmp_path):
    from_text = geomap.extract(REPORT, date="2021-05-14")
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    from_path = geomap.extract(path, date="2021-05-14")
    from_name = geomap.extract(str(path), date="2021-05-14")
    strip = [(c.claimant, c.stance, c.place_id, c.date) for c in from_text]
    assert strip == [(c.claimant, c.stance, c.place_id, c.date) for c in from_path]
    assert strip == [(c.claimant, c.stance, c.place_id, c.date) for c in from_name]
    assert ("Armenian officials", "asserts", "am-sev-lich", "2021-05-12") in strip
    assert any(s == "denies" for _, s, _, _ in strip)
    from geomap.errors import InputError

    with pytest.raises(InputError):
        geomap.extract(REPORT, date="14/05/2021")
    with pytest.raises(InputError, match="no such file"):  # a mistyped path is no report
        geomap.extract(str(tmp_path / "reprot.txt"))
    # text is read as a file's would be: its header gives the title and the date
    headed = geomap.extract("title: Standoff\ndate: 2021-05-14\n\n" + REPORT)
    assert {(c.source, c.date) for c in headed} == {("Standoff", "2021-05-12")}


def test_make_map_of_claims_in_memory_shows_inline_and_saves(tmp_path):
    claims = geomap.extract(REPORT, date="2021-05-14")
    m = geomap.make_map([c.to_dict() for c in claims], title="Sev Lich")
    assert (m.claims_in, m.claims_mapped, m.unplaced) == (len(claims), len(claims), [])
    assert m.path is None and m.written == []  # nothing written yet
    (incident,) = m.incidents
    # (the denial is where the charge it denies was: Sev Lich, the finer place)
    assert incident.contested and incident.title.startswith("Advance into Qaragöl / Sev Lich")
    frame = m.to_geodataframe()
    assert frame.crs.to_epsg() == 4326 and set(frame["incident_id"]) == {incident.id}
    inline = m._repr_html_()
    assert inline.startswith("<iframe") and 'srcdoc="' in inline
    assert html.unescape(inline.split('srcdoc="', 1)[1].rsplit('"', 1)[0]) == m.html
    written = m.save(tmp_path / "m.html", exports=("csv", "geojson"))
    assert [p.name for p in written] == ["m.html", "m.csv", "m.csv.manifest.json", "m.geojson"]
    assert _data((tmp_path / "m.html").read_text(encoding="utf-8"))["title"] == "Sev Lich"


def test_make_map_of_a_dataframe_and_a_geodataframe():
    pd = pytest.importorskip("pandas")
    claims = geomap.extract(REPORT, date="2021-05-14")
    frame = pd.DataFrame([c.to_dict() for c in claims])
    m = geomap.make_map(frame)
    assert m.claims_mapped == len(claims)
    again = geomap.make_map(m.to_geodataframe()[["id", "date", "place", "place_id", "claimant",
                                                 "claimant_side", "stance", "event", "text",
                                                 "geometry"]])
    assert again.claims_mapped == len(claims)
    # the points are the places' own: they follow the place, not "given in the input"
    assert "given in the input" not in " ".join(again.frame["resolution"])


def test_make_map_of_paths_and_nothing():
    example = geomap.make_map()
    assert example.claims_in == 25 and example.title.startswith("Armenia–Azerbaijan")
    assert len(example.incidents) == 2


def test_bad_claims_in_memory_say_which_record(tmp_path):
    from geomap.errors import InputError

    good = geomap.extract(REPORT, date="2021-05-14")[0].to_dict()
    with pytest.raises(InputError) as err:
        geomap.make_map([good, {**good, "id": "x2", "stance": "maybe"}])
    assert "claims[1]: stance 'maybe'" in str(err.value)
    with pytest.raises(InputError, match=r"claims\[0\]: unknown field 'colour'"):
        geomap.make_map([{**good, "colour": "red"}])
    with pytest.raises(InputError, match=r"claims\[0\]: is str"):
        geomap.make_map(["Goris", good])


def test_hostile_claims_in_memory_stay_inert_inline():
    payload = '"><script>alert(1)</script>{{7*7}}'
    good = geomap.extract(REPORT, date="2021-05-14")[0].to_dict()
    m = geomap.make_map([{**good, "claimant": payload, "text": payload}], title=payload)
    inline = m._repr_html_()
    assert "<script>alert(1)" not in inline.split('srcdoc="', 1)[1]  # escaped in the attribute
    assert inline.count('"') == inline.split('srcdoc="', 1)[0].count('"') + 2
    assert _data(m.html)["claims"][0]["claimant"] == payload


def test_the_gazetteer_is_a_name_away():
    gaz = geomap.Gazetteer()
    assert gaz.resolve("Goris").place.id == "am-goris"
    with pytest.raises(AttributeError):
        geomap.NoSuchThing  # noqa: B018


def test_no_claims_in_memory_is_an_empty_map_not_the_example():
    assert geomap.make_map([]).claims_in == 0
    assert geomap.make_map(geomap.extract("Nothing happened today.")).claims_in == 0


def test_a_map_s_own_frame_maps_again_as_it_is():
    m = geomap.make_map()
    again = geomap.make_map(m.to_geodataframe())  # every column, the geometry too
    assert (again.claims_in, again.claims_mapped) == (m.claims_in, m.claims_mapped)
    assert list(again.frame["place_id"]) == list(m.frame["place_id"])
    assert not any("given in the input" in r for r in again.frame["resolution"])


def test_claim_records_and_pandas_cells_are_checked_too():
    from dataclasses import replace

    from geomap.errors import InputError

    pd = pytest.importorskip("pandas")
    good = geomap.extract(REPORT, date="2021-05-14")[0]
    with pytest.raises(InputError, match=r"claims\[0\]|date"):
        geomap.make_map([replace(good, date="2021-02-30")])
    row = {**good.to_dict(), "depth_km": pd.NA, "published": pd.NaT, "confidence": float("nan")}
    assert geomap.make_map([row]).claims_mapped == 1


def test_a_side_named_like_a_javascript_prototype_is_just_a_side_in_memory():
    good = geomap.extract(REPORT, date="2021-05-14")[0].to_dict()
    m = geomap.make_map([{**good, "claimant_side": "__proto__", "actor": "${7*7} =cmd"}])
    data = _data(m.html)
    assert [s["side"] for s in data["sides"]] == ["__proto__"]
    assert data["claims"][0]["actor"] == "${7*7} =cmd"
    assert m.incidents[0].sides[0]["side"] == "__proto__"


def test_the_manifest_counts_claims_whose_coordinates_lie_beyond_their_place(tmp_path):
    """Past a count the notes say such claims together; the manifest counts every one (and
    only then has the key, so a map with none is as it was)."""
    from geomap.join import BEYOND_NOTES

    n = BEYOND_NOTES + 4
    path = tmp_path / "c.csv"
    path.write_text("id,date,place,claimant,claimant_side,stance,event,actor,text,source,"
                    "url,lat,lon\n" + "".join(
                        f"f{i},2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,40.{i:02d},"
                        "44.5\n" for i in range(n)) +
                    "g,2021-05-12,Goris,gov,AM,asserts,incursion,,t,s,,,\n", encoding="utf-8")
    m = geomap.make_map([path])
    assert m.claims_mapped == n + 1
    assert page_data(m.html)["coordinates_beyond_place"] == n
    assert len([x for x in m.notes if "beyond its extent" in x]) == BEYOND_NOTES
    assert sum(x.startswith("and 4 more claims") for x in m.notes) == 1
    only_at_places = tmp_path / "p.csv"
    only_at_places.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n" +
                              path.read_text(encoding="utf-8").splitlines()[-1] + "\n",
                              encoding="utf-8")
    assert "coordinates_beyond_place" not in page_data(geomap.make_map([only_at_places]).html)

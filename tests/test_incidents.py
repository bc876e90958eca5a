"""Incidents: claims about one happening grouped, with the contest between the sides."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from geomap.cli import app
from geomap.incidents import date_words, group_incidents
from geomap.render.html import page_data

runner = CliRunner()


def claim(id, date, *, place="Goris", place_id="am-goris", lat=39.51, lon=46.34,
          precision="settlement", radius_km=None, side="AM", stance="asserts",
          event="incursion", country="AM", **more):
    return {"id": id, "date": date, "date_precision": "day" if len(date) == 10 else "month",
            "place": place, "place_id": place_id, "place_name": place, "lat": lat, "lon": lon,
            "precision": precision, "radius_km": radius_km, "claimant": side,
            "claimant_side": side, "stance": stance, "event": event, "country": country,
            **more}


SYUNIK = {"place": "Syunik", "place_id": "am-syunik", "lat": 39.41, "lon": 46.26,
          "precision": "province", "radius_km": 32.4}


def test_one_happening_told_by_both_sides_is_one_contested_incident():
    found = group_incidents([
        claim("a", "2021-05-12", **SYUNIK),
        claim("b", "2021-05-13", side="AZ", stance="denies"),  # Goris lies in Syunik
        claim("c", "2021-05-13", place="Sev Lich", place_id="am-sev-lich", lat=39.33,
              lon=46.24, event="withdrawal"),
    ], {"AM": "AM — Armenia"})
    (inc,) = found
    assert inc.title == "Advance into Syunik, 12–13 May 2021"
    assert inc.contested and inc.contest == "AM asserts; AZ denies"
    assert inc.claims == ["a", "b", "c"] and inc.place_name == "Syunik"
    assert [(s["side"], s["label"], s["stances"]["asserts"], s["stances"]["denies"])
            for s in inc.sides] == [("AM", "AM — Armenia", 2, 0), ("AZ", "AZ", 0, 1)]


def test_far_places_and_far_dates_are_separate_incidents():
    found = group_incidents([
        claim("a", "2021-05-12"),
        claim("b", "2021-05-20"),  # a week later
        claim("c", "2021-05-12", place="Gyumri", place_id="am-gyumri", lat=40.79, lon=43.85),
    ])
    assert sorted(len(i.claims) for i in found) == [1, 1, 1]
    assert not any(i.contested for i in found)
    # in date order
    assert [i.date_from for i in found] == sorted(i.date_from for i in found)


def test_statements_join_the_happening_nearest_in_time_and_undated_claims_their_place():
    found = group_incidents([
        claim("a", "2021-05-12"),
        claim("b", "2021-05-16", side="US", stance="calls", event="statement"),
        claim("c", "", side="RU", stance="denies"),
        claim("d", "2021-05", side="FR"),
    ])
    (inc,) = found
    assert inc.claims == ["d", "a", "b", "c"]  # a month before its days, undated last
    assert inc.contested  # RU denies what AM asserts


def test_a_country_level_claim_joins_the_incident_in_that_country():
    found = group_incidents([
        claim("a", "2021-05-12"),
        claim("b", "2021-05-12", place="Armenia", place_id="country:AM", lat=40.0, lon=45.0,
              precision="country", radius_km=97.0, side="AZ", stance="denies"),
    ])
    assert len(found) == 1 and found[0].title.startswith("Advance into Goris")


def test_exercises_and_talks_alone_are_incidents_of_their_own():
    found = group_incidents([claim("a", "2021-05-12", event="exercise"),
                             claim("b", "2021-05-12", event="talks", place="Moscow",
                                   place_id="ru-moscow", lat=55.75, lon=37.62, country="RU")])
    assert {i.title for i in found} == {"Exercise at Goris, 12 May 2021",
                                        "Talks over Moscow, 12 May 2021"}


def test_an_incident_keeps_its_id_when_later_claims_arrive():
    first = group_incidents([claim("a", "2021-05-12"), claim("b", "2021-05-13")])
    later = group_incidents([claim("a", "2021-05-12"), claim("b", "2021-05-13"),
                             claim("z", "2021-05-14", side="AZ", stance="denies")])
    assert first[0].id == later[0].id and len(later[0].claims) == 3


def test_unplaced_claims_are_grouped_by_the_name_they_give():
    found = group_incidents([claim("a", "2021-05-12", lat=None, lon=None, place="Zorbulak"),
                             claim("b", "2021-05-12", lat=None, lon=None, place="zorbulak",
                                   side="AZ", stance="denies")])
    (inc,) = found
    assert not inc.placed and inc.contested and inc.lat is None


def test_dates_in_words():
    assert date_words("2021-05-12", "2021-05-12") == "12 May 2021"
    assert date_words("2021-04-30", "2021-05-02") == "30 April – 2 May 2021"
    assert date_words("2020-12-30", "2021-01-02") == "30 December 2020 – 2 January 2021"
    assert date_words("2021-05", "2021-05") == "May 2021"
    assert date_words("", "") == "date unknown"


def test_every_claim_of_the_example_is_in_one_incident_and_every_output_says_which(tmp_path):
    out = tmp_path / "ex.html"
    result = runner.invoke(app, ["map", "-o", str(out), "--geojson", "--csv"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    data = page_data(page)
    ids = [c["incident_id"] for c in data["claims"]]
    assert all(ids)
    feats = json.loads(out.with_suffix(".geojson").read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["incident_id"] for f in feats) == sorted(ids)
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text("utf-8"))))
    assert sorted(r["incident_id"] for r in rows) == sorted(ids)
    # and the CSV with its incident column maps again
    again = runner.invoke(app, ["map", str(out.with_suffix(".csv")), "-o",
                                str(tmp_path / "again.html")])
    assert again.exit_code == 0, again.output


def test_the_incidents_command_in_each_format():
    table = runner.invoke(app, ["incidents"])
    assert table.exit_code == 0, table.output
    assert "Advance into Syunik, 12–14 May 2021" in table.stdout
    assert "AZ denies" in table.stdout and "contested" in table.stdout
    assert "2 incidents (1 contested) from 25 claims" in table.stderr
    as_json = json.loads(runner.invoke(app, ["incidents", "--format", "json"]).stdout)
    main = next(i for i in as_json if i["contested"])
    assert len(main["members"]) == len(main["claims"]) and main["members"][0]["claimant"]
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["incidents", "--format", "csv"]).stdout)))
    assert {r["id"] for r in rows} == {i["id"] for i in as_json}
    assert sum(int(r["claims"]) for r in rows) == 25


def test_hostile_text_in_an_incident_comes_out_as_data(tmp_path, write_csv):
    payload = '=HYPERLINK("x") {{7*7}} <script>alert(1)</script>'
    quoted = payload.replace('"', '""')
    path = write_csv([f'a,2021-05-12,"{quoted}","{quoted}",AM,asserts,incursion,,t,s,,,'])
    out = runner.invoke(app, ["incidents", str(path), "--format", "csv"])
    assert out.exit_code == 0, out.output
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert row["place_name"] == "'" + payload  # guarded: a spreadsheet shows it as text
    as_json = json.loads(runner.invoke(app, ["incidents", str(path), "--format",
                                             "json"]).stdout)
    assert as_json[0]["members"][0]["claimant"] == payload
    assert as_json[0]["title"] == f"Advance into {payload}, 12 May 2021"


def test_an_incident_keeps_its_id_and_title_whatever_is_said_later():
    first = group_incidents([claim("a", "2021-05-12", event="withdrawal")])
    later = group_incidents([
        claim("a", "2021-05-12", event="withdrawal"),
        claim("b", "2021-05-13", **SYUNIK),  # a wider place, later
        *[claim(f"s{i}", "2021-05-13", event="statement", stance="calls") for i in range(11)]])
    assert len(later) == 1 and later[0].id == first[0].id
    assert later[0].title.startswith("Advance into Syunik")  # what happened, not what was said


def test_claims_that_name_no_place_stand_alone():
    found = group_incidents([claim("a", "2021-05-12", lat=None, lon=None, place=""),
                             claim("b", "2021-05-12", lat=None, lon=None, place="",
                                   side="AZ", stance="denies")])
    assert len(found) == 2 and not any(i.contested for i in found)


def test_the_page_shows_geomap_s_own_incidents(tmp_path):
    out = tmp_path / "ex.html"
    assert runner.invoke(app, ["map", "-o", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Advance into Syunik, 12–14 May 2021" in page and "geomap-side-column" in page
    assert "Contested: AM asserts" in page


def test_claims_at_their_own_coordinates_name_the_incident_by_the_first_of_them():
    """Claims whose source gave coordinates (no radius: NaN in the frame) at one named place
    are weighed as that place once: the incident is at the first claim's point in date
    order, as when each was weighed apart."""
    nan = float("nan")
    points = [claim("p3", "2021-05-13", lat=39.53, lon=46.35, radius_km=nan),
              claim("p1", "2021-05-12", lat=39.52, lon=46.33, radius_km=nan),
              claim("p2", "2021-05-12", lat=39.51, lon=46.34, radius_km=nan),
              claim("q1", "2021-05-12", place="Goris town", lat=39.50, lon=46.35,
                    radius_km=nan)]
    for c in points:
        c.update(precision="point", place_id="")
    (inc,) = group_incidents(points)
    assert inc.claims == ["p1", "p2", "q1", "p3"]
    # the shorter name of the two, at its first claim's point
    assert (inc.place_name, inc.lat, inc.lon) == ("Goris", 39.52, 46.33)


def test_the_place_weights_name_each_incident_as_the_places_compared_would():
    """_place_weights (a whole number per claim, all claims at once) picks the claim that
    _named picks by comparing the places themselves: located short of a country first, the
    widest, the shortest name, the name last in text order, the first of equals; NaN
    reaches give no weights (and _named is asked)."""
    import random

    from geomap.incidents import _Claims, _named, claim_columns

    rnd = random.Random(5)
    nan = float("nan")
    for round_ in range(300):
        claims = []
        for i in range(rnd.randint(1, 12)):
            located = rnd.random() < 0.7
            claims.append(claim(
                f"c{i}", rnd.choice(["2021-05-12", "2021-05-13", "2021-05"]),
                place=rnd.choice(["Goris", "Syunik", "Ab", "a", "", None]),
                place_id=rnd.choice(["", "am-goris", "am-syunik"]),
                lat=39.5 if located else None, lon=46.3 if located else None,
                precision=rnd.choice(["point", "settlement", "province", "country", "zone"]),
                radius_km=rnd.choice([None, nan, 0, 5.0, 40.0, 400.0])))
        columns = claim_columns(claims)
        if round_ % 2:  # (areas of known radius: weights)
            columns["radius_km"] = [r if r == r else 5.0 for r in columns["radius_km"]]
        table = _Claims(columns)
        reaches = table.reach
        assert (table.weights is None) == any(r != r for r in reaches)
        if table.weights is None:
            continue
        for members in (list(range(len(claims))), table.in_order, table.in_order[::2]):
            assert max(members, key=table.weights.__getitem__) == _named(members, table)


def test_of_places_as_wide_the_one_most_claims_name_names_the_incident():
    # two points 7 km apart: 3 claims at the Rafah crossing, one at Tal al-Sultan, whose
    # name is shorter (the tie-break that had named the incident)
    rafah = {"place": "Rafah crossing", "place_id": "ps-rafah-crossing", "lat": 31.2486,
             "lon": 34.2592, "precision": "point", "country": "PS"}
    tal = {"place": "Tal al-Sultan", "place_id": "ps-tal-al-sultan", "lat": 31.309,
           "lon": 34.2431, "precision": "point", "country": "PS"}
    claims = [claim("a", "2024-05-27", event="shelling", **tal),
              *(claim(k, "2024-05-27", event="shelling", side="EG", **rafah)
                for k in ("b", "c", "d"))]
    (incident,) = group_incidents(claims)
    assert incident.title == "Shelling of Rafah crossing, 27 May 2024"

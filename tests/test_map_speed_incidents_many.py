"""Years of claims at busy places make many small incidents (issue #13: 100,000 claims in
23,330 incidents), and each incident is worked out with plain dicts in a few passes over its
claims, relying on them being in date order: the incidents are those the simple per-claim
grouping gives (its oracle), with every stance, side and event, claims that join an incident
later (talks, months, years, undated) and sides and events an incident names once or often."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from geomap.incidents import group_incidents
from tests.test_map_speed_incidents import PLACES, said, simple_group_incidents

EVENTS = ["incursion", "clash", "shelling", "withdrawal", "casualties", "talks", "statement",
          "appeal", "exercise", "other", "odd", "", "zz"]
STANCES = ["asserts", "denies", "reports", "calls", "x", ""]
SIDES = ["AM", "AZ", "RU", "FR", ""]


def busy_claims(rnd: random.Random, n: int, days: int) -> list[dict]:
    """Claims over ``days`` days at a few places, by many sides, in every stance."""
    first = dt.date(2012, 1, 1)
    out = []
    for k in range(n):
        place, place_id, lat, lon, precision, radius, country = rnd.choice(PLACES)
        day = (first + dt.timedelta(days=rnd.randrange(days))).isoformat()
        date = rnd.choices([day, day[:7], day[:4], ""], weights=[85, 6, 3, 6])[0]
        c = {"id": rnd.choice([f"c{k}", f"c{k}", f"c{k % 5}", ""]),  # (ties in date and id)
             "date": date, "date_precision": rnd.choice(["day", "day", "week", "month"]),
             "event": rnd.choice(EVENTS), "stance": rnd.choice(STANCES),
             "claimant_side": rnd.choice(SIDES), "place": place, "place_id": place_id,
             "place_name": place or None, "lat": lat, "lon": lon, "precision": precision,
             "radius_km": float("nan") if radius == "nan" else radius, "country": country}
        if lat is None:
            del c["lat"], c["lon"]
        out.append(c)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_many_small_incidents_are_the_simple_per_claim_grouping(seed):
    rnd = random.Random(seed)
    claims = busy_claims(rnd, rnd.choice([200, 600]), rnd.choice([300, 2000]))
    labels = {"AM": "AM — Armenia", "AZ": "AZ — Azerbaijan"}
    got = said(group_incidents(claims, labels))
    assert got == said(simple_group_incidents(claims, labels))
    # (the shape this is about: many small incidents, some of several sides and events,
    # some joined by a claim of a month or a year, or undated)
    assert len(got) > len(claims) // 5
    assert any(len(i["sides"]) > 2 for i in got) and any(len(i["events"]) > 2 for i in got)
    assert any(len(i["date_from"]) < 10 < len(i["claims"]) for i in got)


def claim(cid: str, date: str, event: str, side: str, stance: str) -> dict:
    place, place_id, lat, lon, precision, radius, country = PLACES[0]  # Goris
    return {"id": cid, "date": date, "event": event, "stance": stance, "claimant_side": side,
            "place": place, "place_id": place_id, "place_name": place, "lat": lat,
            "lon": lon, "precision": precision, "radius_km": radius, "country": country}


def test_claims_that_join_later_are_said_in_date_order():
    # the statement of 6 May and the undated talks join the clash of 12 May: its claims in
    # date order (undated last), its dates from the first to the one that ends last
    claims = [claim("a", "2021-05-12", "clash", "AZ", "denies"),
              claim("b", "2021-05-13", "clash", "AM", "asserts"),
              claim("c", "2021-05-06", "statement", "RU", "calls"),
              claim("d", "", "talks", "AM", "reports"),
              claim("e", "2021-05-12", "clash", "AM", "denies")]
    (found,) = group_incidents(claims)
    assert found.claims == ["c", "a", "e", "b", "d"]
    assert (found.date_from, found.date_to, found.dates) == \
        ("2021-05-06", "2021-05-13", "6–13 May 2021")
    assert [(s["side"], s["claims"]) for s in found.sides] == \
        [("AM", ["e", "b", "d"]), ("AZ", ["a"]), ("RU", ["c"])]
    assert found.contest == "AM asserts, denies and reports; AZ denies; RU calls for action"
    assert found.contested and found.events == ["clash", "statement", "talks"]

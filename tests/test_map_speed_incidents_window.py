"""A claim that is not dated to the day (a talk, a month, a year, undated, a country) joins the
incident nearest in time at its place; grouping finds it among the incidents that began near
the claim's dates (bisection), allowing for how far incidents have widened as claims joined
them. Over years of dates, with many small incidents per place, that gives the incidents the
simple per-claim grouping gives (its oracle asks every incident at the place)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from geomap.incidents import group_incidents
from tests.test_map_speed_incidents import PLACES, said, simple_group_incidents

EVENTS = ["incursion", "clash", "shelling", "talks", "statement", "exercise", "other"]


def spread_claims(rnd: random.Random, n: int, days: int, widen: bool = True) -> list[dict]:
    """Claims over ``days`` days at a few places: some dated to a month or a year (they
    widen the incident they join; none unless ``widen``), some undated, some at a country."""
    first = dt.date(2019, 1, 1)
    out = []
    for k in range(n):
        place, place_id, lat, lon, precision, radius, country = rnd.choice(PLACES)
        day = (first + dt.timedelta(days=rnd.randrange(days))).isoformat()
        date = rnd.choices([day, day[:7], day[:4], ""], weights=[80, 8 * widen, 4 * widen, 3])[0]
        c = {"id": f"c{k}", "date": date, "date_precision": "day",
             "event": rnd.choice(EVENTS), "stance": rnd.choice(["asserts", "denies"]),
             "claimant": f"person {k}", "claimant_side": rnd.choice(["AM", "AZ"]),
             "place": place, "place_id": place_id, "place_name": place or None,
             "lat": lat, "lon": lon, "precision": precision,
             "radius_km": float("nan") if radius == "nan" else radius, "country": country}
        if lat is None:
            del c["lat"], c["lon"]
        out.append(c)
    return out


@pytest.mark.parametrize("widen", [True, False])
@pytest.mark.parametrize("seed", range(8))
def test_grouping_over_years_is_the_simple_per_claim_grouping(seed, widen):
    rnd = random.Random(seed)
    # (dense days make incidents of many days, which a talk a week later still joins)
    claims = spread_claims(rnd, rnd.choice([60, 300, 900]), rnd.choice([40, 400, 1500]),
                           widen)
    got = said(group_incidents(claims))
    assert got == said(simple_group_incidents(claims))
    # (the shape this is about: incidents many and small, some widened by a month or a year)
    assert len(got) > len(claims) // 10


def claim(cid: str, date: str, event: str) -> dict:
    place, place_id, lat, lon, precision, radius, country = PLACES[0]  # Goris
    return {"id": cid, "date": date, "event": event, "stance": "asserts",
            "claimant_side": "AM", "place": place, "place_id": place_id, "place_name": place,
            "lat": lat, "lon": lon, "precision": precision, "radius_km": radius,
            "country": country}


def test_a_statement_a_week_after_a_long_incident_ends_joins_it():
    # the clash began 1 May, nine days before the statement, and ended 3 May, seven before
    claims = [claim("a", "2021-05-01", "clash"), claim("b", "2021-05-02", "clash"),
              claim("c", "2021-05-03", "clash"), claim("d", "2021-05-10", "statement")]
    assert [i.claims for i in group_incidents(claims)] == [["a", "b", "c", "d"]]


def test_a_statement_joins_an_incident_a_month_claim_widened_to_its_day():
    # the clash of 25 May is widened to all of May by a claim dated May, then the
    # statement of 3 May (three weeks before the clash began) is within it
    claims = [claim("a", "2021-05-25", "clash"), claim("b", "2021-05", "clash"),
              claim("c", "2021-05-03", "statement")]
    assert [i.claims for i in group_incidents(claims)] == [["b", "c", "a"]]

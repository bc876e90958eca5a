"""gazetteer/outlets.csv: news outlets of one country, each a typed fact with its source, so
that a report with no dateline an outlet of one country published is read as written from
there."""

from __future__ import annotations

import csv

from geomap.gazetteer.curated import data_dir
from geomap.gazetteer.normalize import name_key


def _rows() -> list[dict[str, str]]:
    with open(data_dir() / "outlets.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["name", "country", "source"]
        return list(reader)


def test_each_outlet_is_one_name_of_one_country_with_a_source():
    with open(data_dir() / "countries.csv", encoding="utf-8", newline="") as f:
        countries = {row["iso2"] for row in csv.DictReader(f)}
    rows = _rows()
    assert len(rows) > 300
    keys = [name_key(r["name"]) for r in rows]
    assert len(keys) == len(set(keys)), "a name twice"
    for r in rows:
        assert r["name"].strip() == r["name"] and r["name"], r
        assert r["country"] in countries, r
        assert r["source"].startswith(("http", 'en.wikipedia.org "')), r
    # (no name of an ordinary word or that outlets of two countries share)
    assert not set(keys) & {"star", "daily star", "nation", "standard", "times", "post",
                            "daily news", "herald", "observer", "reuters", "bbc"}

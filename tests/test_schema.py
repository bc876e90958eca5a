"""One claim schema: every stage's columns derive from the records (records.py)."""

from __future__ import annotations

import dataclasses

from geomap import read, records
from geomap.export import EXPORT_FIELDS, export_rows
from geomap.join import COLUMNS as JOIN_COLUMNS
from geomap.render.html import CLAIM_FIELDS


def test_the_claims_format_is_the_claim_record():
    fields = [f.name for f in dataclasses.fields(records.Claim)]
    assert sorted(records.CLAIM_COLUMNS) == sorted(f for f in fields if f != "origin")
    assert read.COLUMNS == list(records.CLAIM_COLUMNS)
    assert read.REQUIRED == list(records.REQUIRED_COLUMNS)


def test_each_stage_adds_to_the_schema_and_drops_nothing():
    assert JOIN_COLUMNS[:len(records.CLAIM_COLUMNS)] == list(records.CLAIM_COLUMNS)
    assert set(CLAIM_FIELDS) <= set(records.MAPPED_COLUMNS)
    assert set(records.FACT_COLUMNS) <= set(CLAIM_FIELDS)
    assert EXPORT_FIELDS == list(records.EXPORT_COLUMNS)


def test_the_store_holds_every_claims_column(tmp_path):
    from geomap import store
    from geomap.api import build_map

    claims = build_map()._claims
    path = tmp_path / "s.gpkg"
    store.ingest(path, claims, [])
    import sqlite3

    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(claims)")}
    conn.close()
    assert set(records.CLAIM_COLUMNS) <= columns
    assert store.load(path) == sorted(claims, key=lambda c: c.id)


def test_an_export_row_has_every_export_field():
    from geomap.api import build_map

    m = build_map()
    rows = export_rows(m.frame, m.unplaced)
    assert set(rows[0]) == set(EXPORT_FIELDS) | {"lat", "lon"}

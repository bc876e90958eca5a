"""ACLED exports and UCDP GED files read as claims by their coders (geomap/imports.py).

The samples in tests/data are invented events written for these tests, with the column
names of the public codebooks. Tests marked "through the command line" read the files as
``geomap map``, ``ingest`` and ``incidents`` do: they need read.read_claims_csv to hand
coded files to geomap.imports.
"""

from __future__ import annotations

import csv
import doctest
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import geomap
from geomap import imports
from geomap.errors import InputError
from geomap.imports import coded_format, read_coded_csv
from geomap.read import COLUMNS, INFORMATIONAL, from_spreadsheet
from geomap.records import DATE_PRECISIONS, EVENTS, PRECISIONS
from tests.test_inert import PAYLOAD, _assert_inert

DATA = Path(__file__).parent / "data"
ACLED = DATA / "acled_sample.csv"
UCDP = DATA / "ucdp_ged_sample.csv"
runner = CliRunner()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _read(path: Path, *, label: str | None = None):
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text, newline="")))
    return read_coded_csv(path, text, coded_format(header), label=label)


def _write(path: Path, rows: list[dict[str, str]], *, delimiter: str = ",") -> Path:
    out = io.StringIO()
    w = csv.DictWriter(out, list(rows[0]), delimiter=delimiter, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _sample(path: Path, n: int = 0, **cells: str) -> dict[str, str]:
    """Row ``n`` of a sample file, with some cells changed."""
    return {**_rows(path)[n], **cells}


def _error(tmp_path: Path, sample: Path, **cells: str) -> InputError:
    """The error of a file of the sample's header and one row changed by ``cells``."""
    path = _write(tmp_path / "bad.csv", [_sample(sample, **cells)])
    with pytest.raises(InputError) as caught:
        _read(path, label="bad.csv")
    return caught.value


def _line_of(path: Path, start: str) -> int:
    """The line (1-based) of a file that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


# -- telling the formats apart ---------------------------------------------------------------

@pytest.mark.parametrize("header, expected", [
    (list(_rows(ACLED)[0]), "acled"),
    (list(_rows(UCDP)[0]), "ucdp-ged"),
    ([h.upper() for h in _rows(ACLED)[0]], "acled"),  # exports saved by GIS software
    ([";".join(_rows(UCDP)[0])], "ucdp-ged"),  # read with the wrong separator
    (["\ufeffevent_id_cnty", " geo_precision "], "acled"),
    (COLUMNS + INFORMATIONAL, None),  # geomap's own claims files stay claims files
    (["id", "latitude", "longitude", "country", "date"], None),  # too little to tell
    ([], None),
])
def test_the_format_is_told_by_its_columns(header, expected):
    assert coded_format(header) == expected


def test_the_module_s_examples_hold():
    result = doctest.testmod(imports, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# -- the samples: every row a claim by its coder ---------------------------------------------

@pytest.mark.parametrize("path, coder, prefix, id_column", [
    (ACLED, "ACLED", "acled-", "event_id_cnty"), (UCDP, "UCDP GED", "ucdp-", "id")])
def test_every_row_of_a_sample_is_a_claim_by_its_coder(path, coder, prefix, id_column):
    rows, claims = _rows(path), _read(path)
    assert [c.id for c in claims] == [prefix + r[id_column] for r in rows]
    for row, c in zip(rows, claims):
        assert (c.claimant, c.claimant_side, c.stance, c.publisher) == (
            coder, "PRESS", "asserts", coder)
        assert (c.lat, c.lon) == (float(row["latitude"]), float(row["longitude"]))
        assert c.event in EVENTS and c.precision in PRECISIONS
        assert c.date_precision in DATE_PRECISIONS and c.place and c.text
        assert c.origin == f"{path}:{_line_of(path, row[id_column] + ',')}"


def test_the_samples_hold_every_code_of_both_codebooks():
    acled, ucdp = _rows(ACLED), _rows(UCDP)
    assert {r["geo_precision"] for r in acled} == set(imports.ACLED_PRECISION)
    assert {r["time_precision"] for r in acled} == set(imports.ACLED_DATE_PRECISION)
    assert {r["where_prec"] for r in ucdp} == set(imports.UCDP_PRECISION)
    assert {r["date_prec"] for r in ucdp} == set(imports.UCDP_DATE_PRECISION)
    assert {r["type_of_violence"] for r in ucdp} == set(imports.UCDP_VIOLENCE)


@pytest.mark.parametrize("path, code, table", [
    (ACLED, "geo_precision", imports.ACLED_PRECISION),
    (UCDP, "where_prec", imports.UCDP_PRECISION)])
def test_each_claim_is_as_precise_as_its_code_says(path, code, table):
    for row, c in zip(_rows(path), _read(path)):
        assert c.precision == table[row[code]], row[code]


def _doc_rows(pattern: str) -> list[tuple[str, ...]]:
    return [m.groups() for m in re.finditer(pattern, imports.__doc__, re.M)]


def test_the_tables_in_the_docstring_are_the_ones_used():
    coded = _doc_rows(r"^(ACLED|UCDP) +([0-9]) +(\w+) ")
    where, when = coded[:10], coded[10:]
    assert {(a, b): c for a, b, c in where} == {
        **{("ACLED", k): v for k, v in imports.ACLED_PRECISION.items()},
        **{("UCDP", k): v for k, v in imports.UCDP_PRECISION.items()}}
    assert {(a, b): c for a, b, c in when} == {
        **{("ACLED", k): v for k, v in imports.ACLED_DATE_PRECISION.items()},
        **{("UCDP", k): v for k, v in imports.UCDP_DATE_PRECISION.items()}}
    events = _doc_rows(r"^((?:Battles|Explosions|Violence|Protests|Riots|Strategic)\S*"
                       r"(?: \S+)*) {2,}(\S.*?) {2,}(\S.*?)$")
    unsaid = ("(other, or none)", "(any)")
    assert {(t.lower(), "" if s in unsaid else s.lower()): e for t, s, e in events} == \
        imports.ACLED_EVENTS
    assert set(imports.ACLED_EVENTS.values()) <= {*EVENTS, imports.BY_DEATHS}
    assert {e for _, e in imports.UCDP_VIOLENCE.values()} <= {*EVENTS, imports.BY_DEATHS}


# -- the rules, each with a table of cases ---------------------------------------------------

@pytest.mark.parametrize("event_type, sub_type, deaths, event", [
    ("Battles", "Armed clash", 3, "clash"),
    ("Battles", "Non-state actor overtakes territory", 0, "incursion"),
    ("Battles", "A sub-event type from a later codebook", 0, "clash"),
    ("Explosions/Remote violence", "Air/drone strike", 0, "shelling"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 1, "casualties"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0, "other"),
    ("Violence against civilians", "Abduction/forced disappearance", None, "other"),
    ("Violence against civilians", "Attack", 4, "casualties"),
    ("Protests", "Excessive force against protesters", 2, "casualties"),
    ("Protests", "Peaceful protest", 0, "other"),
    ("Riots", "Mob violence", 0, "clash"),
    ("Strategic developments", "Agreement", 0, "talks"),
    ("Strategic developments", "Non-violent transfer of territory", 0, "deployment"),
    ("  strategic   DEVELOPMENTS ", "headquarters or base established", 0, "deployment"),
    ("Battle-Government regains territory", "", 0, "incursion"),  # before 2019
    ("Remote violence", "", 0, "shelling"),
    ("Riots/Protests", "", 0, "other"),
])
def test_acled_event_types_become_geomap_events(event_type, sub_type, deaths, event):
    assert imports.acled_event(event_type, sub_type, deaths) == event


def test_an_unknown_acled_event_type_is_an_error(tmp_path):
    err = _error(tmp_path, ACLED, event_type="Skirmishes")
    assert (err.path, err.line) == ("bad.csv", 2)
    assert "event_type 'Skirmishes' is not one of ACLED's" in err.message


@pytest.mark.parametrize("violence, best, low, high, event", [
    ("1", 5, 3, 9, "clash"), ("2", 1, 1, 1, "clash"), ("3", 2, 2, 2, "casualties"),
    ("3", 0, 0, 1, "casualties"), ("3", 0, 0, 0, "other"), ("3", None, None, None, "other")])
def test_ucdp_violence_becomes_a_geomap_event(violence, best, low, high, event):
    assert imports.ucdp_event(violence, best, low, high) == event


@pytest.mark.parametrize("cells, date, precision", [
    ({"event_date": "2021-05-12", "time_precision": "1"}, "2021-05-12", "day"),
    ({"event_date": "12 May 2021", "time_precision": "2"}, "2021-05-12", "week"),
    ({"event_date": "15-May-2021", "time_precision": "3"}, "2021-05", "month"),
    ({"event_date": "3 Sept 2022", "time_precision": "1.0"}, "2022-09-03", "day"),
])
def test_acled_dates_in_the_export_s_forms(tmp_path, cells, date, precision):
    (c,) = _read(_write(tmp_path / "a.csv", [_sample(ACLED, **cells)]))
    assert (c.date, c.date_precision) == (date, precision)


@pytest.mark.parametrize("cells, date, precision", [
    ({"date_prec": "1", "date_start": "2021-05-14", "date_end": "2021-05-14"}, "2021-05-14",
     "day"),
    ({"date_prec": "2", "date_start": "2021-05-25 00:00:00.000",
      "date_end": "2021-05-28 00:00:00.000"}, "2021-05-25", "week"),
    ({"date_prec": "4", "date_start": "2021-04-01", "date_end": "2021-04-30"}, "2021-04",
     "month"),
    ({"date_prec": "5", "date_start": "2021-01-01", "date_end": ""}, "2021", "year"),
])
def test_ucdp_dates_start_the_claim_at_its_precision(tmp_path, cells, date, precision):
    (c,) = _read(_write(tmp_path / "u.csv", [_sample(UCDP, **cells)]))
    assert (c.date, c.date_precision) == (date, precision)


@pytest.mark.parametrize("sample, cells, place", [
    (ACLED, {"geo_precision": "1", "location": "Sotk", "admin1": "Gegharkunik"}, "Sotk"),
    (ACLED, {"geo_precision": "3", "location": "Kapan", "admin1": "Syunik"}, "Syunik"),
    (ACLED, {"geo_precision": "3", "location": "Kapan", "admin1": ""}, "Kapan"),
    (ACLED, {"geo_precision": "2", "location": "", "admin2": "", "admin1": "Tavush"}, "Tavush"),
    (UCDP, {"where_prec": "3", "where_coordinates": "x", "adm_2": "Isfara district"},
     "Isfara district"),
    (UCDP, {"where_prec": "4", "where_coordinates": "x", "adm_1": "Batken province"},
     "Batken province"),
    (UCDP, {"where_prec": "6", "where_coordinates": "Sotk", "country": "Armenia"}, "Armenia"),
    (UCDP, {"where_prec": "1", "where_coordinates": "  Sotk\n village "}, "Sotk village"),
])
def test_the_place_is_the_name_the_code_locates_the_event_to(tmp_path, sample, cells, place):
    (c,) = _read(_write(tmp_path / "p.csv", [_sample(sample, **cells)]))
    assert c.place == place


def test_the_coders_codes_stay_visible_beside_the_translation():
    acled = next(c for c in _read(ACLED) if c.id == "acled-ARM2102")
    assert acled.actor == "Military Forces of Armenia (2018-)"
    assert "Battles / Armed clash" in acled.check and "geo_precision 1" in acled.check
    assert "Military Forces of Azerbaijan (2003-) [State forces]" in acled.check
    assert "where: Verin Shorzha, Vardenis, Gegharkunik, Armenia" in acled.check
    ucdp = next(c for c in _read(UCDP) if c.id == "ucdp-901009")
    assert ucdp.url == "https://example.org/news/ak-sai-2022-09-16"
    assert ucdp.text.startswith("UCDP GED codes one-sided violence")
    assert "Driver shot near Ak-Sai, officials say" in ucdp.text  # a headline on two lines
    assert "deaths best 0, low 0, high 1" in ucdp.check


def test_acled_actor_types_in_words_or_numbers(tmp_path):
    rows = [_sample(ACLED, 1, inter2="1"),
            _sample(ACLED, 1, event_id_cnty="ARM9", inter2="State forces")]
    a, b = _read(_write(tmp_path / "a.csv", rows))
    assert a.check == b.check


def test_a_file_separated_by_semicolons_with_decimal_commas(tmp_path):
    rows = [{**r, "latitude": r["latitude"].replace(".", ","),
             "longitude": r["longitude"].replace(".", ",")} for r in _rows(ACLED)]
    path = _write(tmp_path / "semi.csv", rows, delimiter=";")
    assert coded_format(next(csv.reader(path.open(encoding="utf-8")))) == "acled"
    got = read_coded_csv(path, path.read_text(encoding="utf-8"), "acled")
    assert [(c.lat, c.lon, c.text) for c in got] == [(c.lat, c.lon, c.text) for c in _read(ACLED)]


def test_reading_again_gives_the_same_claims():
    assert _read(ACLED) == _read(ACLED) and _read(UCDP) == _read(UCDP)


# -- bad input: an error with the file and line ----------------------------------------------

@pytest.mark.parametrize("sample, cells, words", [
    (ACLED, {"latitude": "95.2"}, "latitude '95.2' is outside -90..90"),
    (ACLED, {"longitude": "46,05"}, "longitude '46,05' is not a number"),
    (ACLED, {"latitude": ""}, "latitude and longitude are required"),
    (ACLED, {"latitude": "1e999"}, "latitude '1e999' is outside"),
    (ACLED, {"latitude": "٤٠.١"}, "is not a number"),  # Arabic-Indic digits
    (ACLED, {"geo_precision": "4"}, "geo_precision '4' is not one of the codes 1, 2, 3"),
    (ACLED, {"geo_precision": "0"}, "geo_precision '0' is not one of the codes"),
    (ACLED, {"geo_precision": "-1"}, "geo_precision '-1' is not a whole number"),
    (ACLED, {"geo_precision": "1.5"}, "geo_precision '1.5' is not a whole number"),
    (ACLED, {"geo_precision": ""}, "geo_precision is empty"),
    (ACLED, {"time_precision": "4"}, "time_precision '4' is not one of the codes 1, 2, 3"),
    (ACLED, {"event_date": "05/12/2021"}, "event_date '05/12/2021' is not a date"),
    (ACLED, {"event_date": "30 February 2021"}, "does not exist"),
    (ACLED, {"event_date": "12 Mai 2021"}, "is not a date"),
    (ACLED, {"fatalities": "two"}, "fatalities 'two' is not a whole number"),
    (ACLED, {"inter1": "9"}, "inter1 '9' is not one of ACLED's actor types"),
    (ACLED, {"event_id_cnty": "ARM 1"}, "event_id_cnty 'ARM 1' is not an event id"),
    (ACLED, {"event_id_cnty": ""}, "event_id_cnty is empty"),
    (ACLED, {"location": "", "admin1": "", "admin2": "", "country": ""},
     "the event names no place"),
    (UCDP, {"where_prec": "8"}, "where_prec '8' is not one of the codes 1, 2, 3, 4, 5, 6, 7"),
    (UCDP, {"where_prec": "0"}, "where_prec '0' is not one of the codes"),
    (UCDP, {"date_prec": "6"}, "date_prec '6' is not one of the codes 1, 2, 3, 4, 5"),
    (UCDP, {"type_of_violence": "4"}, "type_of_violence '4' is not one of the codes 1, 2, 3"),
    (UCDP, {"longitude": "-181"}, "longitude '-181' is outside -180..180"),
    (UCDP, {"date_end": "2021-05-13"}, "date_end 2021-05-13 is before date_start 2021-05-14"),
    (UCDP, {"date_start": "2021-13-01"}, "date_start '2021-13-01' does not exist"),
    (UCDP, {"best": "1e3"}, "best '1e3' is not a whole number"),
    (UCDP, {"id": "x1"}, "id 'x1' is not a whole number"),
    (UCDP, {"source_article": "javascript:alert(1)"}, None),  # text, not an address
])
def test_a_bad_row_is_an_error_naming_file_line_and_column(tmp_path, sample, cells, words):
    if words is None:
        (c,) = _read(_write(tmp_path / "ok.csv", [_sample(sample, **cells)]))
        assert c.url == "" and c.source.startswith("javascript:alert(1)")
        return
    err = _error(tmp_path, sample, **cells)
    assert (err.path, err.line) == ("bad.csv", 2)
    assert words in err.message
    assert str(err).startswith(f"bad.csv:2: {err.message}")


@pytest.mark.parametrize("sample, column", [
    (ACLED, "latitude"), (ACLED, "fatalities"), (ACLED, "geo_precision"), (ACLED, "notes"),
    (UCDP, "best"), (UCDP, "where_prec"), (UCDP, "longitude"), (UCDP, "id")])
def test_huge_cells_make_short_errors_or_plain_text(tmp_path, sample, column):
    huge = "9" * 5000
    path = _write(tmp_path / "huge.csv", [_sample(sample, **{column: huge})])
    if column == "notes":  # free text: a long quote is still a claim
        (c,) = _read(path)
        assert c.text == huge
        return
    with pytest.raises(InputError) as caught:
        _read(path)
    assert column in caught.value.message and len(str(caught.value)) < 300


@pytest.mark.parametrize("sample, drop", [(ACLED, "latitude"), (ACLED, "geo_precision"),
                                          (UCDP, "date_start"), (UCDP, "side_a")])
def test_a_missing_column_once_the_format_is_told_is_an_error(tmp_path, sample, drop):
    row = _sample(sample)
    del row[drop]
    path = _write(tmp_path / "cut.csv", [row])
    with pytest.raises(InputError) as caught:
        _read(path, label="cut.csv")
    assert (caught.value.path, caught.value.line) == ("cut.csv", 1)
    assert f"missing column(s) {drop}" in caught.value.message


def test_every_bad_row_is_named_and_an_event_listed_twice_is_one_of_them(tmp_path):
    rows = _rows(ACLED)
    rows[2]["geo_precision"], rows[5]["latitude"] = "7", "north"
    path = _write(tmp_path / "many.csv", [*rows, rows[0]])
    with pytest.raises(InputError) as caught:
        _read(path, label="many.csv")
    lines = [(e.line, e.message.split(" ")[0]) for e in caught.value.errors]
    notes_lines = sum(r["notes"].count("\n") for r in rows[:5])
    assert lines == [(4, "geo_precision"), (7 + notes_lines, "latitude"),
                     (len(rows) + 2 + sum(r["notes"].count("\n") for r in rows), "event")]
    assert "listed again (first at line 2)" in caught.value.errors[-1].message


def test_a_row_of_the_wrong_length_and_a_broken_quote(tmp_path):
    text = ACLED.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "cut.csv"
    path.write_text("\n".join([text[0], text[1] + ",extra", text[2] + ',"open']), "utf-8")
    with pytest.raises(InputError) as caught:
        _read(path, label="cut.csv")
    first, second = caught.value.errors
    assert (first.line, second.line) == (2, 3)
    assert "expected 31 fields, found 32" in first.message
    assert "malformed CSV" in second.message


# -- hostile input stays data ----------------------------------------------------------------

ACLED_TEXT = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "location",
              "admin1", "admin2", "admin3", "country", "source", "notes", "sub_event_type"]
UCDP_TEXT = ["side_a", "side_b", "dyad_name", "conflict_name", "source_article",
             "source_original", "source_headline", "where_coordinates", "adm_1", "adm_2",
             "country"]


def _hostile(tmp_path: Path) -> list:
    """Claims of both formats with the payload in each free-text column, one per row."""
    claims = []
    for sample, columns, key in ((ACLED, ACLED_TEXT, "event_id_cnty"), (UCDP, UCDP_TEXT, "id")):
        rows = [_sample(sample, **{key: f"{n + 1}", c: f"{c}: {PAYLOAD}"})
                for n, c in enumerate(columns)]
        claims += _read(_write(tmp_path / f"hostile-{key}.csv", rows))
    return claims


def test_template_and_script_in_every_text_column_are_kept_as_text(tmp_path):
    claims = _hostile(tmp_path)
    assert len(claims) == len(ACLED_TEXT) + len(UCDP_TEXT)
    for c, column in zip(claims, ACLED_TEXT + UCDP_TEXT):
        carried = " ".join([c.place, c.actor, c.text, c.source, c.check])
        assert f"{column}: {PAYLOAD}" in carried, column


def test_hostile_coded_events_come_out_of_every_text_output_inert(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = geomap.make_map(_hostile(tmp_path))
    written = m.save(tmp_path / "out" / "hostile.html", exports=("geojson", "kml", "csv"))
    _assert_inert(tmp_path, written)


def test_formula_cells_are_guarded_in_csv_output_and_read_back_exactly(tmp_path):
    claims = _read(ACLED)
    formula = next(c for c in claims if c.source.startswith("=HYPERLINK("))
    dash = next(c for c in claims if c.text.startswith("- Villagers"))
    out = geomap.make_map(claims).save(tmp_path / "f.html", exports=("csv",))
    rows = {r["id"]: r for r in csv.DictReader(
        next(p for p in out if p.suffix == ".csv").open(encoding="utf-8"))}
    assert rows[formula.id]["source"] == "'" + formula.source
    assert rows[dash.id]["text"] == "'" + dash.text
    assert from_spreadsheet(rows[formula.id]["source"]) == formula.source


def test_control_characters_become_replacement_characters(tmp_path):
    row = _sample(UCDP, source_headline="bell\x07 escape\x1b[31m shift\x0e out\x0c",
                  side_a="Government\x00 of Armenia")
    (c,) = _read(_write(tmp_path / "ctl.csv", [row]))
    assert "bell\ufffd escape\ufffd[31m shift\ufffd out" in c.text
    assert c.actor == "Government\ufffd of Armenia"
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "".join(
        str(v) for v in c.to_dict().values()))


def test_the_same_files_give_the_same_output_bytes(tmp_path):
    outs = []
    for n in (1, 2):
        written = geomap.make_map(_read(ACLED) + _read(UCDP)).save(
            tmp_path / str(n) / "coded.html", exports=("csv", "geojson"))
        outs.append({p.name: p.read_bytes() for p in written})
    assert outs[0] == outs[1]


# -- through the command line (needs read.read_claims_csv to hand coded files over) ----------

def test_geomap_map_reads_both_samples(tmp_path):
    from geomap.cli import app

    out = tmp_path / "coded.html"
    result = runner.invoke(app, ["map", str(ACLED), str(UCDP), "-o", str(out), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.with_suffix(".csv").open(encoding="utf-8")))
    assert len(rows) == len(_rows(ACLED)) + len(_rows(UCDP))
    assert {r["claimant"] for r in rows} == {"ACLED", "UCDP GED"}


def test_the_api_maps_a_coded_file_like_a_claims_file(tmp_path):
    from geomap.api import make_map

    result = make_map([ACLED], out=tmp_path / "a.html")
    assert result.claims_in == len(_rows(ACLED)) == result.claims_mapped + len(result.unplaced)


def test_ingest_twice_adds_the_coded_events_once(tmp_path):
    from geomap.api import ingest

    store = tmp_path / "incidents.gpkg"
    added, known = ingest([UCDP], store=store)
    assert (added, known) == (len(_rows(UCDP)), 0)
    assert ingest([UCDP], store=store) == (0, added)


def test_incidents_compares_the_coders_with_each_other():
    from geomap.cli import app

    result = runner.invoke(app, ["incidents", str(ACLED), str(UCDP), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    claimants = {m["claimant"] for i in found for m in i["members"]}
    assert claimants == {"ACLED", "UCDP GED"}


def test_a_bad_coded_file_is_an_error_on_the_command_line(tmp_path):
    from geomap.cli import app

    path = _write(tmp_path / "bad_acled.csv", [_sample(ACLED, 2, geo_precision="9")])
    result = runner.invoke(app, ["map", str(path), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert f"Error: {path}:2: geo_precision '9' is not one of the codes" in result.stderr
    assert "Traceback" not in result.output

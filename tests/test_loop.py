"""The analyst's loop: extract a report, correct the claims in a spreadsheet, map them.

Every correction must reach the page: a place edited is resolved again (never drawn at the
old place's coordinates), and date, claimant and stance edits show. The report mapped with
its own corrected claims is mapped once, and no export replaces the edited file.
"""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from geomap.cli import app
from geomap.render.html import page_data

from .conftest import FIXTURE_REPORT

runner = CliRunner()


def _page_data(path) -> dict:
    page = path.read_text(encoding="utf-8")
    return page_data(page)


def _extract(tmp_path, name="claims.csv"):
    if not FIXTURE_REPORT.exists():
        pytest.skip("../shared/fixtures is not beside the repository")
    report = tmp_path / "report.txt"
    report.write_bytes(FIXTURE_REPORT.read_bytes())
    out = tmp_path / name
    result = runner.invoke(app, ["extract", str(report), "--date", "2021-05-14", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    return report, out, rows


def _as_spreadsheet_saves(path, rows: list[dict]) -> None:
    """Write rows as a spreadsheet of a European locale saves a CSV: a byte-order mark,
    ';' between cells, CRLF line ends, every cell quoted, decimal commas."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";", quoting=csv.QUOTE_ALL,
                       lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: v.replace(".", ",") if k == "confidence" else v for k, v in r.items()})
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def test_the_whole_loop_extract_edit_map(tmp_path, gazetteer):
    report, claims_csv, rows = _extract(tmp_path)
    assert rows and all(r["place_id"] and not r["lat"] for r in rows if r["place"])
    # the analyst's corrections, as a spreadsheet saves them
    edits = {0: {"place": "Kapan"}, 1: {"place": "Sev Lich"}, 2: {"date": "2021-05-11"},
             3: {"claimant": "A corrected speaker"}, 4: {"stance": "denies"},
             5: {"text": rows[5]["text"] + "\nsecond line, kept"}}
    for i, change in edits.items():
        rows[i].update(change)
    _as_spreadsheet_saves(claims_csv, rows)
    out = tmp_path / "out" / "page.html"
    result = runner.invoke(app, ["map", str(report), str(claims_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "not mapped again" in result.stderr  # the report is given by its claims file
    data = _page_data(out)
    assert data["claims_in"] == len(rows)  # not twice
    by_id = {c["id"]: c for c in data["claims"] + data["unplaced"]}
    kapan, sev = gazetteer.get("am-kapan"), gazetteer.get("am-sev-lich")
    first, second = by_id[rows[0]["id"]], by_id[rows[1]["id"]]
    assert (first["place_name"], first["lat"], first["lon"]) == (kapan.name, kapan.lat, kapan.lon)
    assert first["place_id"] == "am-kapan" and "given in the input" not in first["resolution"]
    assert "Goris" not in first["border"] + first["resolution"]  # the old place's facts
    assert (second["lat"], second["lon"]) == (sev.lat, sev.lon)
    assert second["precision"] != "province"  # not the province the claim first named
    assert by_id[rows[2]["id"]]["date"] == "2021-05-11"
    assert by_id[rows[3]["id"]]["claimant"] == "A corrected speaker"
    assert by_id[rows[4]["id"]]["stance"] == "denies"
    assert by_id[rows[5]["id"]]["text"].endswith("\nsecond line, kept")
    assert by_id[rows[6]["id"]]["confidence"] == float(rows[6]["confidence"])  # 0,84 read


def test_a_report_with_its_claims_file_is_mapped_once(tmp_path):
    report, claims_csv, rows = _extract(tmp_path)
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["map", str(report), str(claims_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = _page_data(out)
    assert data["claims_in"] == len(rows)
    assert data["duplicates_merged"] == len(rows)
    # the same claims given twice as files: merged by id, and said
    again = tmp_path / "again.csv"
    again.write_bytes(claims_csv.read_bytes())
    result = runner.invoke(app, ["map", str(claims_csv), "-o", str(tmp_path / "b.html")])
    assert result.exit_code == 0
    result = runner.invoke(app, ["map", str(claims_csv), str(again), "-o",
                                 str(tmp_path / "c.html")])
    assert result.exit_code == 1 and "already used" in result.stderr  # one id, two files


def test_an_unknown_place_after_an_edit_is_unplaced_with_its_line(tmp_path):
    report, claims_csv, rows = _extract(tmp_path)
    rows[3]["place"] = "Qzxville-on-Nowhere"
    with open(claims_csv, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["map", str(claims_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{claims_csv}:5: not placed" in result.stderr  # the header is line 1
    data = _page_data(out)
    assert [u["place"] for u in data["unplaced"]] == ["Qzxville-on-Nowhere"]
    assert data["claims_in"] == len(rows) == data["claims_mapped"] + 1


HEADER = "id,date,place,place_id,lat,lon,claimant,claimant_side,stance,event,actor,text,source,url"


def test_coordinates_beyond_the_place_are_a_warning_naming_file_and_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "\n"
                    "a,2021-05-12,Goris,,39.51,46.34,X,AM,asserts,incursion,,near,s,\n"
                    "b,2021-05-12,Kapan,,39.51,46.34,X,AM,asserts,incursion,,moved,s,\n",
                    encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "beyond its extent" in line]
    assert len(warned) == 1 and warned[0].startswith(f"warning: {path}:3: ")
    claims = {c["id"]: c for c in _page_data(out)["claims"]}
    assert (claims["b"]["lat"], claims["b"]["lon"]) == (39.51, 46.34)  # the source's point
    assert claims["b"]["place_id"] == "am-kapan"


def test_coordinates_that_are_the_place_id_s_own_follow_a_corrected_place(tmp_path, gazetteer):
    goris = gazetteer.get("am-goris")
    path = tmp_path / "c.csv"
    # as geomap's GeoJSON export writes it: the place's point with its place_id; the place
    # then corrected to Kapan
    path.write_text(HEADER + "\n"
                    f"a,2021-05-12,Kapan,am-goris,{goris.lat},{goris.lon},X,AM,asserts,"
                    "incursion,,t,s,\n", encoding="utf-8")
    out = tmp_path / "m.html"
    assert runner.invoke(app, ["map", str(path), "-o", str(out)]).exit_code == 0
    (claim,) = _page_data(out)["claims"]
    kapan = gazetteer.get("am-kapan")
    assert (claim["place_id"], claim["lat"], claim["lon"]) == ("am-kapan", kapan.lat, kapan.lon)


def test_a_place_id_chosen_among_a_name_s_candidates_sticks(tmp_path, gazetteer):
    res = gazetteer.resolve("Agarak")
    others = [c.place.id for c in res.candidates if c.place.id != (
        res.place.id if res.place else "")]
    assert others, "Agarak has namesakes"
    chosen = gazetteer.get(others[0])
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "\n"
                    f"a,2021-05-12,Agarak,{chosen.id},,,X,AM,asserts,incursion,,t,s,\n",
                    encoding="utf-8")
    out = tmp_path / "m.html"
    assert runner.invoke(app, ["map", str(path), "-o", str(out)]).exit_code == 0
    (claim,) = _page_data(out)["claims"]
    assert (claim["place_id"], claim["lat"]) == (chosen.id, chosen.lat)


def test_no_export_replaces_a_claims_file_edited_since_geomap_wrote_it(tmp_path):
    report, claims_csv, rows = _extract(tmp_path, name="report.csv")
    html = tmp_path / "report.html"
    claims_csv.write_text(claims_csv.read_text(encoding="utf-8").replace(
        "Syunik", "Goris", 1), encoding="utf-8")  # the analyst's edit
    edited = claims_csv.read_bytes()
    result = runner.invoke(app, ["map", str(report), "-o", str(html), "--csv"])
    assert result.exit_code == 1
    assert "edited since" in result.stderr and "Traceback" not in result.output
    assert claims_csv.read_bytes() == edited and not html.exists()
    # extract onto it is refused the same way
    result = runner.invoke(app, ["extract", str(report), "-o", str(claims_csv)])
    assert result.exit_code == 1 and claims_csv.read_bytes() == edited
    # a file geomap wrote and nobody touched is replaced; --overwrite replaces an edited one
    result = runner.invoke(app, ["map", str(report), "-o", str(html), "--csv", "--overwrite"])
    assert result.exit_code == 0 and claims_csv.read_bytes() != edited
    result = runner.invoke(app, ["map", str(report), "-o", str(html), "--csv"])
    assert result.exit_code == 0, result.output


def test_a_spreadsheet_date_and_decimal_comma_read_right(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (
        HEADER.replace(",", ";") + "\r\n"
        'a;14.05.2021;Goris;;39,51;46,34;X;AM;asserts;incursion;;"two\r\nlines; here";s;\r\n'
    ).encode("utf-8"))
    from geomap.read import read_claims

    (claim,) = read_claims([path])
    assert (claim.date, claim.lat, claim.lon) == ("2021-05-14", 39.51, 46.34)
    assert claim.text == "two\r\nlines; here"


def test_the_same_words_of_a_source_given_twice_without_ids_are_mapped_once(tmp_path):
    header = "date,place,claimant,claimant_side,stance,event,actor,text,source,url,span_start," \
             "span_end"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(header + "\n2021-05-12,Goris,X,AM,asserts,incursion,,t,r.txt,,10,20\n"
                 "2021-05-12,Goris,X,AZ,denies,incursion,,t,r.txt,,10,20\n", encoding="utf-8")
    # the same claim, its date corrected (so another id) and its id column gone
    b.write_text(header + "\n2021-05-13,Goris,X,AM,asserts,incursion,,t,r.txt,,10,20\n",
                 encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(a), str(b), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = _page_data(out)
    assert data["claims_in"] == 2 and data["duplicates_merged"] == 1  # AZ's denial stays
    assert f"{b}:2: claim" in result.stderr and "mapped once" in result.stderr


def _write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_deleted_rows_stay_deleted_whatever_the_report_is_mapped_with(tmp_path):
    report, claims_csv, rows = _extract(tmp_path)
    _write_rows(claims_csv, rows[10:])  # the analyst deleted ten wrong claims
    for extra in ([], ["--title", "Briefing"], ["--url", "https://example.org/r"],
                  ["--date", "2021-05-15"]):
        out = tmp_path / "m.html"
        result = runner.invoke(app, ["map", str(report), str(claims_csv), "-o", str(out),
                                     *extra])
        assert result.exit_code == 0, result.output
        assert _page_data(out)["claims_in"] == len(rows) - 10, extra


def test_another_report_of_the_same_name_is_not_taken_for_the_extracted_one(tmp_path):
    report, claims_csv, rows = _extract(tmp_path)
    other = tmp_path / "b" / "report.txt"
    other.parent.mkdir()
    other.write_text("Armenian officials said on Wednesday that Azerbaijani troops crossed "
                     "into Syunik near Sev Lich. Baku denied it.", encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(other), str(claims_csv), "-o", str(out),
                                 "--date", "2021-05-14"])
    assert result.exit_code == 0, result.output
    assert "not mapped again" not in result.stderr
    assert _page_data(out)["claims_in"] > len(rows)  # the other report's claims are there


def test_the_store_keeps_the_reviewed_claims_over_the_raw_report(tmp_path):
    report, claims_csv, rows = _extract(tmp_path)
    rows[0]["place"] = "Kapan"
    _write_rows(claims_csv, rows)
    store = tmp_path / "s.gpkg"
    result = runner.invoke(app, ["ingest", str(report), str(claims_csv), "--store", str(store)])
    assert result.exit_code == 0, result.output  # the report is its reviewed claims
    assert f"{len(rows)} claims added" in result.stderr
    again = runner.invoke(app, ["ingest", str(report), "--store", str(store)])
    assert again.exit_code == 0 and "0 updated" in again.stderr  # the raw report clobbers none
    out = tmp_path / "m.html"
    assert runner.invoke(app, ["map", str(report), "--store", str(store), "-o",
                               str(out)]).exit_code == 0
    data = _page_data(out)
    assert data["claims_in"] == len(rows)
    assert {c["id"]: c for c in data["claims"]}[rows[0]["id"]]["place_id"] == "am-kapan"
    # and every claim placed by name is stored with its place's point
    import geopandas

    stored = geopandas.read_file(store, layer="claims", bbox=(43, 38, 48, 42))
    assert len(stored) == len(rows) and stored["lat"].isna().all()


def test_claims_left_out_by_the_box_or_the_dates_are_accounted_for(tmp_path):
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", "--bbox", "46,39,46.5,39.6", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = _page_data(out)
    assert data["claims_in"] + data["left_out"]["bbox"] == 25
    assert f"{data['left_out']['bbox']} placed claims outside --bbox left out" in result.stderr
    result = runner.invoke(app, ["map", "--from", "2021-05-13", "-o", str(out)])
    data = _page_data(out)
    assert data["claims_in"] + data["left_out"]["dates"] == 25 and data["left_out"]["dates"]

"""The analyst's loop and incidents, in figures (issue #11).

    python bench/loop.py

1. The seed report (../shared/fixtures) extracted to a CSV, then mapped together with that
   CSV: how many claims the map holds (each once, not twice) and how many were merged.
2. The CSV corrected as an analyst would (a place, a date, a claimant, a stance), saved as a
   spreadsheet saves it, and mapped: whether each correction is on the page.
3. The incidents of the built-in example, the seed report and the other borders' reports
   (bench/reports), with their contest.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

BEFORE = {"report + its CSV": "111 claims for 56 (every claim twice, without a word)",
          "corrected place": "drawn at the old place's coordinates ('given in the input')"}


def page_data(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="geomap-data">(.*?)</script>', page, re.S).group(1))


def loop(folder: Path) -> None:
    from geomap.api import extract, gazetteer, make_map, read_article
    from geomap.export import claims_csv

    report = folder / "report.txt"
    report.write_bytes(next((SHARED / "fixtures").glob("*.txt")).read_bytes())
    claims = extract(read_article(report, date="2021-05-14"))
    path = folder / "report.csv"
    path.write_text(claims_csv(claims), encoding="utf-8")
    once = make_map([report, path], out=folder / "once.html")
    print(f"1. report + its CSV: {once.claims_in} claims in, {once.claims_mapped} on the map, "
          f"{once.duplicates} merged (extracted: {len(claims)}); before #11: "
          f"{BEFORE['report + its CSV']}")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    edits = {0: ("place", "Kapan"), 1: ("place", "Sev Lich"), 2: ("date", "2021-05-11"),
             3: ("claimant", "A corrected speaker"), 4: ("stance", "denies")}
    for i, (field, value) in edits.items():
        rows[i][field] = value
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    edited = make_map([report, path], out=folder / "edited.html")
    shown = {c["id"]: c for c in page_data(folder / "edited.html")["claims"]}
    gaz = gazetteer()
    checks = []
    for i, (field, value) in edits.items():
        c = shown[rows[i]["id"]]
        if field == "place":
            want = gaz.resolve(value).place
            ok = (c["place_id"], c["lat"], c["lon"]) == (want.id, want.lat, want.lon)
        else:
            ok = c[field] == value
        checks.append(ok)
        print(f"   edit {field} -> {value!r}: {'on the page' if ok else 'LOST'}"
              + (f" at {c['place_name']} ({c['lat']:.4f}, {c['lon']:.4f})"
                 if field == "place" else ""))
    print(f"2. corrections on the page: {sum(checks)} of {len(checks)} ({edited.claims_in} "
          f"claims in; before #11 a corrected place was {BEFORE['corrected place']})")


def incidents() -> None:
    from geomap.api import incidents_of
    from geomap.wording import plural

    reports = [("built-in example", None, {})]
    fixture = next((SHARED / "fixtures").glob("*.txt"), None)
    if fixture:
        reports.append(("seed report (fixture)", [fixture], {"date": "2021-05-14"}))
    reports += [(p.stem, [p], {}) for p in sorted((ROOT / "bench" / "reports").glob("*.txt"))]
    print("3. incidents")
    for name, inputs, options in reports:
        found, placed, _ = incidents_of(inputs, **options)
        contested = sum(i.contested for i in found)
        print(f"   {name}: {plural(len(found), 'incident')} ({contested} contested) from "
              f"{plural(placed.claims_in, 'claim')}")
        for inc in sorted(found, key=lambda i: -len(i.claims))[:4]:
            print(f"     {len(inc.claims):3d}  {inc.title}  [{inc.id}]"
                  f"{'  contested: ' + inc.contest if inc.contested else ''}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        loop(Path(folder))
    incidents()


if __name__ == "__main__":
    main()

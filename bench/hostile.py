"""Hostile text, one payload at a time, in every text field of every input route.

    .venv/bin/python bench/hostile.py [--sheets]

For each payload (template syntax, script, format strings, matplotlib maths) and each place
an input can carry text (every free-text column of a claims CSV, every property of a
GeoJSON claims file, a report's header lines and body, an HTML page's <title>, meta and
body, a Markdown report, a file's name, a boundary layer's properties and name, --title,
the incident store), geomap maps it and writes every export; the bench then counts:

- executions: a Jinja payload evaluated (its marker in any output), the shell payload run
  (the file it would create), or a script payload outside an escaped context in the HTML;
- tracebacks: any exception that is not geomap's own error;
- lost claims: claims in != on the map + unplaced.

Prints the figures; exits 1 if any is not 0. (tests/test_inert.py checks all payloads at
once per route; this bench tries them one by one, as an attacker would.)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAYLOADS = {  # payload -> what it becomes if evaluated
    "{{ 7777*7 }}": "54439",
    "X{% if 1 %}IFTRUE{% endif %}": "XIFTRUE",
    "{% raw %}": None,
    "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}": None,
    "{{ self.__init__.__globals__.__builtins__ }}": "<module 'builtins'",
    "{# c #}Y": None,
    "${7777*7}": None,
    "<script>window.__pwned=1</script>": None,
    "</script><script>window.__pwned=1</script>": None,
    "\"'><img src=x onerror=alert(1)>": None,
    "`;window.__pwned=1;//": None,
    "%s %n %(x)s {0} {x!r}": None,
    "$5 and $10 $\\frac{1}{0}$": None,
    "=HYPERLINK(\"http://evil.example\")": None,
}
CSV_FIELDS = ["place", "claimant", "claimant_side", "actor", "text", "source", "publisher"]
COLUMNS_ORDER = ["id", "date", "place", "claimant", "claimant_side", "stance", "event", "actor",
                 "text", "source", "url", "publisher", "lat", "lon"]


def claim_row(field: str, payload: str) -> dict:
    row = {"id": "c1", "date": "2021-05-12", "place": "Goris", "claimant": "ministry",
           "claimant_side": "AM", "stance": "asserts", "event": "incursion", "actor": "",
           "text": "t", "source": "s", "url": "", "publisher": "", "lat": "", "lon": ""}
    row[field] = payload if field != "place" else payload
    if field == "place":
        row.update(lat="39.51", lon="46.34")
    return row


def claims_csv(folder: Path, field: str, payload: str, name: str = "claims.csv",
               delimiter: str = ",") -> Path:
    row = claim_row(field, payload)
    out = io.StringIO()
    w = csv.DictWriter(out, COLUMNS_ORDER, lineterminator="\n", delimiter=delimiter)
    w.writeheader()
    w.writerow(row)
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def geojson(folder: Path, field: str, payload: str) -> Path:
    props = {"date": "2021-05-13", "place": "Kapan", "claimant": "ministry",
             "claimant_side": "AZ", "stance": "denies", "event": "clash", "actor": "",
             "text": "t", "source": "s", "url": "", "publisher": ""}
    props[field] = payload
    path = folder / "claims.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props,
         "geometry": {"type": "Point", "coordinates": [46.40, 39.21]}}]}), encoding="utf-8")
    return path


SENTENCE = ("Armenia's defence ministry said Azerbaijani troops advanced near Goris on "
            "Wednesday.")


def report(folder: Path, where: str, payload: str) -> Path:
    head = {"title": "t", "publisher": "p"}
    body = SENTENCE
    if where in head:
        head[where] = payload
    else:
        body = f"{SENTENCE} {payload}. The ministry said {payload} near Kapan."
    path = folder / "report.txt"
    path.write_text("".join(f"{k}: {v}\n" for k, v in head.items()) + "date: 2021-05-14\n\n"
                    + body + "\n", encoding="utf-8")
    return path


def html_page(folder: Path, where: str, payload: str) -> Path:
    e = escape(payload)
    title = e if where == "title" else "t"
    site = e if where == "meta" else "p"
    body = f"<p>{SENTENCE} {e if where == 'body' else ''}</p>"
    raw = f"<script>{payload}</script>" if where == "script" else ""
    path = folder / "page.html"
    path.write_text(f"<!doctype html><html><head><title>{title}</title>"
                    f'<meta property="og:site_name" content="{site}"></head>'
                    f"<body>{body}{raw}</body></html>", encoding="utf-8")
    return path


def markdown(folder: Path, where: str, payload: str) -> Path:
    text = {"heading": f"# {payload}\n\n{SENTENCE}\n",
            "emphasis": f"{SENTENCE} *{payload}* **{payload}**\n",
            "link": f"{SENTENCE} [{payload}]({payload})\n"}[where]
    path = folder / "report.md"
    path.write_text(text, encoding="utf-8")
    return path


def layer_file(folder: Path, where: str, payload: str) -> Path:
    props = {"name": "line", "countries": "AM-AZ"}
    name = "line.geojson"
    if where == "file name":
        name = f"{payload.replace('/', '_')}.geojson"
    else:
        props[where] = payload
    path = folder / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": {
            "type": "LineString", "coordinates": [[46.2, 39.3], [46.5, 39.6]]}}]}),
        encoding="utf-8")
    return path


def places() -> list[tuple[str, str]]:
    out = [("claims CSV", f) for f in CSV_FIELDS]
    out += [("GeoJSON claims", f) for f in ["place", "claimant", "claimant_side", "actor",
                                            "text", "source", "publisher"]]
    out += [("report", w) for w in ("title", "publisher", "body")]
    out += [("HTML page", w) for w in ("title", "meta", "body", "script")]
    out += [("Markdown", w) for w in ("heading", "emphasis", "link")]
    out += [("spreadsheet CSV", f) for f in ("place", "claimant", "text")]
    out += [("claims in memory", f) for f in ("place", "claimant", "text", "source")]
    out += [("file name", "claims CSV"), ("layer", "name"), ("layer", "countries"),
            ("layer", "file name"), ("option", "--title"), ("store", "text"),
            ("store", "claimant_side")]
    return out


def run_one(route: str, where: str, payload: str, exports: tuple[str, ...]) -> dict:
    from geomap.api import ingest, make_map
    from geomap.errors import GeomapError
    from tests.output_text import texts

    with tempfile.TemporaryDirectory(prefix="geomap-hostile-") as d:
        folder = Path(d)
        kwargs: dict = {"out": folder / "out" / "m.html", "exports": exports}
        files: list[Path] = []
        memory = None
        if route == "claims CSV":
            files = [claims_csv(folder, where, payload)]
        elif route == "spreadsheet CSV":  # as a spreadsheet of some locales saves it
            files = [claims_csv(folder, where, payload, delimiter=";")]
        elif route == "claims in memory":  # geomap.make_map([{...}]) in a notebook
            memory = [{k: v for k, v in claim_row(where, payload).items() if v != ""}]
        elif route == "GeoJSON claims":
            files = [geojson(folder, where, payload)]
        elif route == "report":
            files = [report(folder, where, payload)]
        elif route == "HTML page":
            files = [html_page(folder, where, payload)]
        elif route == "Markdown":
            files = [markdown(folder, where, payload)]
        elif route == "file name":
            files = [claims_csv(folder, "text", "t", name=f"{payload.replace('/', '_')}.csv")]
        elif route == "layer":
            files = [claims_csv(folder, "text", "t")]
            kwargs["layers"] = [f"{layer_file(folder, where, payload)}:line-of-contact"]
        elif route == "option":
            files = [claims_csv(folder, "text", "t")]
            kwargs["title"] = payload
        elif route == "store":
            store = folder / "store.gpkg"
            ingest([claims_csv(folder, where, payload)], store=store)
            kwargs["store"] = store
        here = os.getcwd()
        os.chdir(folder)  # the shell payload would create PWNED here
        try:
            if memory is not None:
                from geomap.api import build_map

                result = build_map(memory)
                result.save(kwargs["out"], exports=exports)
            else:
                result = make_map(files or None, **kwargs)
        except GeomapError as err:
            return {"error": str(err)}
        except Exception as err:  # a traceback
            return {"traceback": f"{type(err).__name__}: {err}"}
        finally:
            os.chdir(here)
        from geomap.incidents import incidents_csv, incidents_json

        outputs = "\n".join([*(texts(p) for p in result.written),
                             incidents_csv(result.incidents),
                             incidents_json(result.incidents, {}), result._repr_html_()])
        marker = PAYLOADS[payload]
        executed = ((folder / "PWNED").exists() or (marker is not None and marker in outputs))
        page = result.written[0].read_text(encoding="utf-8")
        raw_script = "<script>window.__pwned" in page or "<img src=x" in page
        return {"executed": executed or raw_script,
                "lost": result.claims_in != result.claims_mapped + len(result.unplaced)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheets", action="store_true", help="also write PNG and PDF")
    args = parser.parse_args()
    exports = ("geojson", "kml", "csv", "gpkg") + (("png", "pdf") if args.sheets else ())
    from geomap.api import gazetteer

    gazetteer().resolve("Goris")
    tried = executed = tracebacks = lost = refused = 0
    start = time.perf_counter()
    for route, where in places():
        for payload in PAYLOADS:
            outcome = run_one(route, where, payload, exports)
            tried += 1
            if "traceback" in outcome:
                tracebacks += 1
                print(f"TRACEBACK {route} / {where} / {payload!r}: {outcome['traceback']}")
            elif "error" in outcome:
                refused += 1  # a clear error: the input was not accepted
                print(f"refused {route} / {where} / {payload!r}: {outcome['error'][:120]}")
            else:
                executed += outcome["executed"]
                lost += outcome["lost"]
                if outcome["executed"]:
                    print(f"EXECUTED {route} / {where} / {payload!r}")
    seconds = time.perf_counter() - start
    print(f"payloads: {len(PAYLOADS)}; places in the inputs: {len(places())}; "
          f"runs: {tried} ({refused} refused with a clear error); outputs per run: HTML + "
          f"{', '.join(exports)}")
    print(f"executions: {executed}; tracebacks: {tracebacks}; claims lost: {lost}; "
          f"{seconds:.0f} s")
    return 1 if executed or tracebacks or lost else 0


if __name__ == "__main__":
    sys.exit(main())

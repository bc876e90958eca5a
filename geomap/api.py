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

from . import __version__
from .errors import shown_path
from .gazetteer import Gazetteer
from .outputs import Staged, check_edits, check_paths, write_atomic
from .records import Candidate
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


@dataclass
class MapResult:
    path: Path
    claims_in: int
    claims_mapped: int
    unplaced: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was done to the inputs
    written: list[Path] = field(default_factory=list)  # every file written
    duplicates: int = 0  # claims that arrived twice (same id) and are mapped once


def read_article(path: str | Path, *, date: str | None = None, title: str | None = None,
                 publisher: str | None = None, url: str | None = None,
                 encoding: str = "utf-8"):
    """A news report as a Document (``-`` reads standard input)."""
    from .read import read_document

    return read_document(path, encoding=encoding, title=title, publisher=publisher, url=url,
                         date=date)


def find_places(doc) -> list:
    """Every place mention in a document with its resolution: [(Mention, Resolution)]."""
    from .extract.places import find_mentions
    from .extract.sides import not_places
    from .resolve import resolve_mentions

    gaz = gazetteer()
    if not doc.text.strip():
        return []
    mentions = find_mentions(doc.text, gaz.lexicon, gaz.is_curated_key,
                             not_places() - gaz.adjective_keys, gaz.first_words,
                             gaz.adjective_keys, gaz.abbreviation_keys, gaz.prominent_keys)
    return resolve_mentions(mentions, gaz)


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

    from .extract.claims import extract_claims

    gaz = gazetteer()
    # An adjective ("Russian troops") names a side, not where a claim happens; the phrases
    # in which one locates ("Armenian territory") are read by the claims' own rules.
    resolved = [(m, r) for m, r in find_places(doc) if not (m.adjective or m.embedded)]
    capitals = gaz.capital_ids()
    claims = extract_claims(doc, resolved, capital_of=lambda p: p.country
                            if p.id in capitals else "")
    surfaces: dict[str, list[str]] = {}
    sure: dict[str, float] = {}  # place id -> the best confidence of its resolutions here
    for m, r in resolved:
        if r.resolved and m.surface not in surfaces.setdefault(r.place.id, []):
            surfaces[r.place.id].append(m.surface)
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
        # Name the place as the text does, where that name alone means the same place (an
        # area with its kind word: "Batken region", where "Batken" is the town).
        shown = p.id
        names = [*surfaces.get(p.id, []), p.name]
        if p.kind in ("admin1", "admin2"):
            names += [f"{n} {w}" for n in names for w in ("region", "province", "district")]
        for name in names:
            again = gaz.resolve(name)
            if again.resolved and again.place.id == p.id:
                shown = name
                break
        # The place it was resolved to, by id: the coordinates stay the gazetteer's, apart
        # from any a source gives, so a corrected place is resolved again (join.py).
        out.append(replace(c, place=shown, place_id=p.id,
                           confidence=claim_confidence(sure.get(p.id), c.check)))
    return out


# How much less sure a claim is for each thing inferred rather than read ("speaker from
# 'It'", "speaker of the quote before", "side from the dateline", "place from the report's
# focus", "date from an earlier sentence"); the report's own voice is read, not inferred.
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
    each dict also carries the ``lat`` and ``lon`` it was measured at (``location``)."""
    from .borders import border_facts
    from .layers import boundary_layers, countries_for, extent_of

    where = [location(c) for c in claims]
    located = [w for w in where if w is not None]
    if not located:
        return [{} for _ in claims]
    view = extent_of([w[0] for w in located], [w[1] for w in located], [None] * len(located))
    _, countries, _ = countries_for(view)
    lines, _ = _border_lines(countries, boundary_layers(view), [])
    facts = iter(border_facts([(w[0], w[1]) for w in located], countries, lines))
    names = {p.country: p.name for p in gazetteer().countries()}
    out = []
    for w in where:
        if w is None:
            out.append({})
            continue
        f = next(facts)
        area = w[2] in ("country", "province", "district", "zone")
        out.append({"lat": w[0], "lon": w[1], "in_country": f.country,
                    "border_km": None if area else f.border_km,
                    "border_with": f.border_with, "border_kind": f.border_kind,
                    "exclave": f.exclave, "outside": f.outside,
                    "border": f"{w[2]}-level: no distance from a border for an area"
                    if area else f.sentence(names)})
    return out


def _inputs(paths: list[Path]) -> list[dict]:
    return [{"name": shown_path(p.name), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in paths if str(p) != "-"]


def read_inputs(paths: list[str | Path], *, date: str | None = None,
                labels: dict[Path, str] | None = None, encoding: str = "utf-8",
                title: str | None = None, publisher: str | None = None,
                url: str | None = None, notes: list[str] | None = None,
                superseded: list[int] | None = None) -> list:
    """Claims from claims files, and from news reports extracted on the way, in order.

    Ids repeated across the claims files are an error (read.read_claims). ``title``,
    ``publisher`` and ``url`` describe the reports (as ``geomap extract`` takes them); a
    report without a publication date is said in ``notes``.

    A report given together with the claims extracted from it (a claims file holding claims
    of the same source, with their spans in it) is not extracted again: the claims file is
    the analyst's reviewed version of it, with their corrections and deletions. The claims
    the report would have given are counted in ``superseded`` (one number per report) and
    said in ``notes``.
    """
    from .read import read_claims

    files = [Path(p) for p in paths]
    texts = [p for p in files if str(p) == "-" or p.suffix.lower() in TEXT_SUFFIXES]
    claims = read_claims([p for p in files if p not in texts], labels=labels)
    reviewed: dict[tuple[str, str], str] = {}
    for c in claims:
        if c.span_start is not None:
            reviewed.setdefault((c.source, c.url), c.origin.rsplit(":", 1)[0])
    for p in texts:
        doc = read_article(p, date=date, encoding=encoding, title=title, publisher=publisher,
                           url=url)
        found = extract(doc)
        by = next((reviewed[(c.source, c.url)] for c in found
                   if (c.source, c.url) in reviewed), None)
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


def merge_duplicates(claims: list) -> tuple[list, int, list[str]]:
    """The claims with each id once: (claims, how many were merged, notes).

    The same claim arriving twice (a claims file and the store, a report and the claims
    extracted from it) is kept once, where it first came. A claim whose id comes again with
    other content keeps its first version, which is the one from the files given (they come
    before the store), and the note says so.
    """
    first: dict[str, object] = {}
    out, notes, merged = [], [], 0
    for c in claims:
        seen = first.get(c.id)
        if seen is None:
            first[c.id] = c
            out.append(c)
            continue
        merged += 1
        if seen != c:
            notes.append(f"{c.origin}: claim {c.id} differs from {seen.origin}; the version "
                         f"from {seen.origin} is mapped")
    return out, merged, notes


def ingest(paths: list[str | Path], *, store: str | Path, date: str | None = None,
           encoding: str = "utf-8", progress=None) -> tuple[int, int]:
    """Add the claims of these files to the store; return (added, already stored).

    The result also carries ``updated``: stored claims corrected by these files (same id,
    other content).
    """
    from .store import ingest as store_ingest

    check_paths([store], paths, in_place=True)
    claims, inputs = [], []
    for p in paths:
        found = read_inputs([p], date=date, encoding=encoding)
        claims.extend(found)
        if str(p) != "-":
            inputs.append({**_inputs([Path(p)])[0], "claims": len(found)})
    return store_ingest(store, claims, inputs, progress=progress)


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
             report_title: str | None = None, overwrite: bool = False) -> MapResult:
    """Read claims files, place them, and write the HTML map. No files: the built-in example.

    ``layers`` are the user's boundary layers, ``FILE`` or ``FILE:KIND`` (layers.USER_KINDS).
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
    from .examples import MAY2021, MAY2021_TITLE
    from .join import join
    from .layers import boundary_layers, claim_areas, clip, extent_of, layer_path, read_user_layer
    from .read import check_date_range, in_date_range
    from .render.html import render_map

    if tiles not in TILES:
        raise ValueError(f"tiles must be one of {', '.join(TILES)}")
    title = shown_path(title) if title else title  # from a command line: maybe not UTF-8
    files = [Path(p) for p in paths] if paths else ([] if store else [MAY2021])
    if not paths and not store:
        title = title or MAY2021_TITLE
    stem = files[0].stem if files else Path(store).stem
    out_path = Path(out) if out else Path("outputs") / f"{stem}.html"
    targets = output_paths(out_path, exports)
    check_paths(targets.values(), [*files, *([store] if store else []),
                                   *(layer_path(spec) for spec in layers or [])])
    check_edits(targets.values(), overwrite=overwrite)
    check_date_range(date_from, date_to)
    user_layers = [read_user_layer(spec) for spec in layers or []]
    # The example is named the same on every machine, so its page is the same everywhere.
    read_notes: list[str] = []
    superseded: list[int] = []
    claims = read_inputs(files, date=date, encoding=encoding,
                         labels={MAY2021: "geomap/examples/may2021_syunik.csv"},
                         publisher=publisher, url=url, notes=read_notes,
                         title=report_title, superseded=superseded)
    if store:
        from .store import load

        claims.extend(load(store))
    claims, duplicates, notes = merge_duplicates(claims)
    notes = read_notes + notes
    if duplicates:
        notes.append(f"{plural(duplicates, 'claim')} given more than once (same id) mapped "
                     "once")
    duplicates += sum(superseded)
    claims = [c for c in claims if in_date_range(c.date, date_from, date_to)]
    gaz = gazetteer()
    joined = join(claims, gaz)
    notes += joined.notes
    frame = joined.frame
    if bbox:
        x0, y0, x1, y1 = bbox
        frame = frame[(frame["lon"] >= x0) & (frame["lon"] <= x1) & (frame["lat"] >= y0)
                      & (frame["lat"] <= y1)].reset_index(drop=True)
        joined.frame = frame
        joined.claims_in = len(frame) + len(joined.unplaced)
        # the exports carry what the map shows: the claims in the box, and the unplaced
        kept = set(frame["id"]) | {u["id"] for u in joined.unplaced}
        claims = [c for c in claims if c.id in kept]
    # The view fits the incidents: claims located more precisely than a country, then any
    # located claim, then all. A country-level claim ("France") would zoom the map out to
    # say nothing; it stays on the map, one zoom out.
    core = frame[(frame["role"] == "incident") & (frame["precision"] != "country")]
    if len(core):  # and the country-level claims about the countries where those lie
        core = frame[frame.index.isin(core.index) | (
            (frame["precision"] == "country") & frame["country"].isin(set(core["country"])))]
    else:
        core = frame[frame["precision"] != "country"]
    if not len(core):
        core = frame
    radii = [r if p in ("province", "district") else None
             for p, r in zip(core["precision"], core["radius_km"])]
    view = extent_of(list(core["lat"]), list(core["lon"]), radii)
    w, h = view[2] - view[0], view[3] - view[1]
    context = (view[0] - w, max(-89.0, view[1] - h), view[2] + w, min(89.0, view[3] + h))
    built_in = boundary_layers(view, context)
    user = [clip(lay, context) for lay in user_layers]
    layers = built_in + user
    side_labels = {}
    for side in sorted(set(frame["claimant_side"]) | {u["claimant_side"] for u in joined.unplaced}):
        try:
            side_labels[side] = f"{side} — {gaz.get(f'country:{side}').name}"
        except LookupError:
            side_labels[side] = side
    label_points = {p.country: (p.lat, p.lon) for p in gaz.countries()}
    countries = next(lay.frame for lay in layers if lay.kind == "countries")
    area_places = {}
    for pid in sorted(set(frame.loc[frame["precision"].isin(["province", "district", "zone"]),
                                    "place_id"])):
        if not pid:  # coordinates given with a precision but no known place
            continue
        place = gaz.get(pid)
        area_places[pid] = (place.name, place.country, gaz.area_settlements(place),
                            (place.lat, place.lon, place.radius_km or 0.0))
    areas = claim_areas(area_places, countries)
    # a country-level claim names the whole country: it is drawn as the country
    whole = sorted(pid for pid in set(frame.loc[frame["precision"] == "country", "place_id"])
                   if pid)
    if whole:
        import pandas as pd

        rows = [{"place_id": pid, "name": gaz.get(pid).name, "country": gaz.get(pid).country,
                 "settlements": 0, "radius_km": 0.0,
                 "geometry": countries[countries["iso2"] == gaz.get(pid).country].union_all()}
                for pid in whole if (countries["iso2"] == gaz.get(pid).country).any()]
        if rows:
            areas = pd.concat([areas, type(areas)(rows, geometry="geometry", crs=areas.crs)],
                              ignore_index=True)
    manifest = {
        "generator": f"geomap {__version__}",
        "gazetteer": gaz.version,
        "inputs": _inputs(files) + ([{"name": shown_path(Path(store).name), "store": True}]
                                    if store else []),
        "options": {"title": title, "tiles": tiles, "from": date_from, "to": date_to,
                    "bbox": list(bbox) if bbox else None},
        "duplicates_merged": duplicates,
    }
    frame = _with_border_facts(frame, view, built_in, user, gaz)
    bands = _bands(frame, view, built_in, user, areas)
    title = title or default_title(files or [Path(store)])
    page = render_map(frame, joined.unplaced, layers, areas, bands=bands, title=title,
                      view=view, side_labels=side_labels, label_points=label_points,
                      manifest=manifest, tiles=None if tiles == "none" else tiles)
    with Staged() as staged:
        staged.text(out_path, page)
        _exports(staged, targets, frame, joined.unplaced, claims, layers, areas, bands,
                 manifest, title, view=view, side_labels=side_labels)
        written = staged.commit()
    return MapResult(out_path, joined.claims_in, joined.claims_mapped, joined.unplaced,
                     [n for lay in user_layers for n in lay.notes] + notes, written,
                     duplicates)


def _exports(staged: Staged, targets: dict[str, Path], frame, unplaced, claims, layers,
             areas, bands, manifest, title, *, view=None, side_labels=None) -> None:
    """Stage the map's data beside it: GeoJSON, KML, the claims CSV, a GeoPackage, the
    briefing sheets."""
    import json
    from functools import partial

    from .export import claims_csv, export_rows, gpkg_to, map_geojson, map_kml
    from .render.html import date_label, side_colours

    if len(targets) == 1:
        return
    rows = export_rows(frame, unplaced)
    manifest = {**manifest, "title": title, "claims_in": len(rows),
                "claims_mapped": len(frame)}
    side_labels = side_labels or {}
    colours_all = side_colours(sorted({r["claimant_side"] for r in rows}))
    date_range = date_label([r["date"] for r in rows if r["date"]])
    sources = sorted({(r["source"] or "", r["publisher"] or "", r["url"] or "") for r in rows})
    sources = [{"source": s, "publisher": p, "url": u} for s, p, u in sources]
    for kind, path in targets.items():
        if kind == "geojson":
            staged.text(path, map_geojson(rows, manifest))
        elif kind == "kml":
            staged.text(path, map_kml(rows, manifest, colours_all))
        elif kind in ("png", "pdf"):
            from .render.static import static_bytes

            placed = [r for r in rows if r["placed"]]
            counts = {}
            for r in placed:
                counts[r["claimant_side"]] = counts.get(r["claimant_side"], 0) + 1
            sides = [{"side": s, "colour": c, "label": side_labels.get(s, s),
                      "claims": counts.get(s, 0)} for s, c in colours_all.items()]
            staged.data(path, static_bytes(kind, view=view, layers=layers, areas=areas,
                                           bands=bands, claims=placed, sides=sides,
                                           title=title, date_range=date_range,
                                           sources=sources, manifest=manifest))
        elif kind == "csv":
            # the claims format, which geomap map reads back; its manifest sits beside it
            staged.text(path, claims_csv(claims))
            staged.text(targets["csv-manifest"],
                        json.dumps(manifest, sort_keys=True, indent=1) + "\n")
        elif kind == "gpkg":
            named = [(lay.kind.replace("-", "_") if lay.kind != "countries" else "countries",
                      lay.frame) for lay in layers]
            named += [("claim_areas", areas)] + ([("claim_bands", bands)] if len(bands) else [])
            staged.write(path, partial(gpkg_to, rows=rows, layers=named, manifest=manifest),
                         fresh=True)


def _border_lines(countries, built_in, user):
    """(the border lines the facts and bands measure from, whether they are the user's).

    A user's border lines replace the built-in ones: the facts follow the better line.
    """
    import pandas as pd

    from .layers import LINE_KINDS

    given = [lay.frame for lay in user if lay.kind in LINE_KINDS]
    lines = given or [lay.frame for lay in built_in if lay.kind in LINE_KINDS]
    if not lines:
        return countries.iloc[0:0].assign(countries="", kind=""), False
    return pd.concat(lines, ignore_index=True), bool(given)


def _bands(frame, view, built_in, user, areas):
    """Bands for the claims that give a depth ("several kilometres into")."""
    from .extract.sides import side_in
    from .layers import claim_bands, countries_for

    deep = frame[frame["depth_km"].notna()]
    _, countries, _ = countries_for(view)
    lines, _ = _border_lines(countries, built_in, user)
    claims = [{"place_id": r.place_id, "place_name": r.place_name, "lat": r.lat, "lon": r.lon,
               "country": r.in_country or r.country, "depth_km": r.depth_km,
               "actor_side": side_in(r.actor or "")} for r in deep.itertuples()]
    return claim_bands(claims, countries, lines, areas)


def _with_border_facts(frame, view, built_in, user, gaz):
    """The claims with the border facts of their locations (see borders.py).

    A user's border lines replace the built-in ones for the distances: the facts follow
    the better line. Disputed areas come from the user's disputed-area layers.
    """
    import pandas as pd

    from .borders import NE_ACCURACY_KM, border_facts
    from .layers import countries_for

    _, countries, _ = countries_for(view)
    lines, given = _border_lines(countries, built_in, user)
    disputed = [lay.frame for lay in user if lay.kind == "disputed-area"]
    disputed = pd.concat(disputed, ignore_index=True) if disputed else None
    points = list(zip(frame["lat"], frame["lon"]))
    distinct = sorted(set(points))  # many claims share a place: measure each place once
    found = dict(zip(distinct, border_facts(distinct, countries, lines, disputed,
                                            accuracy_km=0.5 if given else NE_ACCURACY_KM)))
    facts = [found[p] for p in points]
    names = {p.country: p.name for p in gaz.countries()}
    sentences, kms = [], []
    for f, precision, place in zip(facts, frame["precision"], frame["place_name"]):
        if precision in ("country", "province", "district", "zone"):
            # a distance from the centre of an area would be a number with no meaning
            where = names.get(f.country, f.country)
            sentences.append(f"{precision}-level: {place}, in {where}; no distance from a "
                             "border can be given for an area" if f.country else
                             f"{precision}-level: {place}")
            kms.append(None)
        else:
            sentences.append(f.sentence(names))
            kms.append(f.border_km)
    return frame.assign(
        in_country=[f.country for f in facts], border_km=kms,
        border_with=[f.border_with for f in facts], border_kind=[f.border_kind for f in facts],
        exclave=[f.exclave for f in facts], disputed=[f.disputed for f in facts],
        outside=[f.outside for f in facts], border=sentences)


def default_title(files: list[Path]) -> str:
    return "Border-incident claims: " + ", ".join(shown_path(p.name) for p in files)

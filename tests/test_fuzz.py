"""Fuzz: random and hostile claims files, reports, layers and options, through the real
command line, never give a traceback, a hang, a network connection, a file written outside
the output folder, or a claim lost (claims in = on the map + unplaced).

Bounded: the examples are derived from a fixed seed (the same every run, so CI is
repeatable); GEOMAP_FUZZ_EXAMPLES=500 and GEOMAP_FUZZ_RANDOM=1 explore further locally.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import socket
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from geomap.cli import app
from geomap.read import COLUMNS, REQUIRED
from geomap.render.html import page_data

SCALE = int(os.environ.get("GEOMAP_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(deadline=None, database=None, derandomize=not os.environ.get(
    "GEOMAP_FUZZ_RANDOM"), suppress_health_check=list(HealthCheck), print_blob=True)
SECONDS_PER_RUN = 60  # a run taking longer is a hang (a normal one takes 0.1-5 s)


def examples(n: int) -> settings:
    return settings(SETTINGS, max_examples=SCALE or n)


# -- values: the valid, the odd and the hostile ---------------------------------------------

HOSTILE = ["{{ 7777*7 }}", "{% raw %}", "{%", "${7777*7}", "<script>alert(1)</script>",
           "</script>", "`", "\\", "__proto__", "constructor", "$5 and $10", "$\\frac{",
           "%s%n{0}", "=HYPERLINK(\"http://x\")", "\x00", "\x1b[31m", "\u202e", "\ufeff",
           "' OR 1=1 --", "../../etc/passwd", "\u2028", "NaN", "-Infinity", "1e999",
           "٤٠", "4_0", " ", ""]
PLACES = ["Goris", "Syunik province", "Sev Lich", "Nakhichevan", "Baku", "Armenia", "Kapan",
          "Jermuk", "Springfield", "Qwertyville", "country:AM", "am-sev-lich", "geonames:616635",
          "geonames:1", "Galwan", "Batken"]
text = st.text(st.characters(codec="utf-8"), max_size=40)
hostile = st.sampled_from(HOSTILE)
mixed = st.one_of(text, hostile, st.builds(lambda a, b: a + b, text, hostile))


nonblank = mixed.filter(lambda v: v.strip() != "")
# Values the claims format accepts, free text at its most hostile included.
VALID = {
    "date": st.sampled_from(["2021-05-12", "2021-05-13", "2021-05", "2021", ""]),
    "published": st.sampled_from(["2021-05-14", ""]),
    "place": st.one_of(st.sampled_from(PLACES), nonblank),
    "claimant": nonblank, "text": nonblank, "actor": mixed, "source": mixed,
    "publisher": mixed,
    "claimant_side": st.one_of(st.sampled_from(["AM", "AZ", "US", "RU", "CSTO", "PRESS"]),
                               nonblank),
    "stance": st.sampled_from(["asserts", "denies", "reports", "calls"]),
    "event": st.sampled_from(["incursion", "clash", "statement", "other", "shelling"]),
    "role": st.sampled_from(["incident", "reaction", ""]),
    "precision": st.sampled_from(["", "point", "province", "country", "settlement"]),
    "date_precision": st.sampled_from(["", "day", "month"]),
    "url": st.sampled_from(["", "https://example.org/a?x=<b>", "HTTP://example.org/b"]),
    "depth_km": st.sampled_from(["", "5", "0.5", "100"]),
    "span_start": st.sampled_from(["", "0", "12"]),
    "span_end": st.sampled_from(["", "40"]),
}
# ... and values it refuses, or that only look right.
ODD = {
    "date": st.sampled_from(["2021-02-30", "12/5/21", "٢٠٢١-٠٥-١٢", "2021-5-1"]),
    "stance": st.sampled_from(["maybe", "ASSERTS", ""]),
    "event": st.sampled_from(["war", ""]),
    "lat": st.sampled_from(["91", "4_0", "nan", "1e999", "٤٠", "39,5"]),
    "lon": st.sampled_from(["181", "-inf", "46.3.1"]),
    "url": st.sampled_from(["javascript:alert(1)", "www.example.org/x", "http://", "ftp://a"]),
    "depth_km": st.sampled_from(["0", "101", "several"]),
    "span_start": st.sampled_from(["-1", "١٢", "x"]),
}


def field(name: str, chaos: bool):
    valid = VALID.get(name, mixed)
    if not chaos:
        return valid
    return st.one_of(valid, ODD.get(name, mixed), mixed)


@st.composite
def coordinates(draw, chaos: bool) -> tuple[str, str]:
    if chaos:
        return draw(field("lat", True)), draw(field("lon", True))
    if draw(st.booleans()):
        return "", ""
    return (repr(draw(st.floats(-90, 90))), repr(draw(st.floats(-180, 180))))


@st.composite
def claims_csv(draw) -> bytes:
    """Mostly files the format accepts (hostile free text included); one in four anything."""
    chaos = draw(st.integers(0, 3)) == 0
    if chaos and draw(st.integers(0, 4)) == 0:  # not even text
        return draw(st.binary(max_size=300))
    optional = [c for c in COLUMNS if c not in REQUIRED]
    header = REQUIRED + draw(st.lists(st.sampled_from(optional), unique=True, max_size=6))
    if "lat" in header or "lon" in header:
        header = [h for h in header if h not in ("lat", "lon")] + ["lat", "lon"]
    if chaos and draw(st.booleans()):
        header = draw(st.permutations(header + draw(st.lists(text, max_size=2))))
    rows = []
    for n in range(draw(st.integers(0, 6))):
        row = {h: draw(field(h, chaos)) for h in header}
        if "id" in header and not chaos:
            row["id"] = draw(st.sampled_from(["", f"c{n}"]))
        if "lat" in header and "lon" in header:
            row["lat"], row["lon"] = draw(coordinates(chaos))
        rows.append(row)
    out = io.StringIO()
    w = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    w.writerow(header)
    for row in rows:
        w.writerow([row.get(h, "") for h in header])
    data = out.getvalue().encode("utf-8")
    if chaos and draw(st.booleans()):  # a torn file
        data = data[: draw(st.integers(0, len(data)))]
    return data


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), mixed),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from([*COLUMNS, "x"]), inner,
                                            max_size=4)),
    max_leaves=12)


@st.composite
def claims_geojson(draw) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return json.dumps(draw(json_value)).encode()
    features = []
    for _ in range(draw(st.integers(0, 4))):
        chaos = draw(st.booleans())
        props = {c: draw(field(c, chaos)) for c in REQUIRED}
        if chaos:
            props.update(draw(st.dictionaries(st.sampled_from(COLUMNS), json_value,
                                              max_size=3)))
        geometry = draw(st.one_of(
            st.none(), st.just({"type": "Point", "coordinates": [46.3, 39.5]}),
            st.fixed_dictionaries({"type": st.sampled_from(["Point", "LineString", "x"]),
                                   "coordinates": json_value})))
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    text = json.dumps({"type": "FeatureCollection", "features": features},
                      allow_nan=True)
    return text.encode("utf-8")


SENTENCES = [
    "Armenia's defence ministry said Azerbaijani troops advanced several kilometres into "
    "Syunik near Sev Lich on Wednesday.",
    "Baku denied that its forces had crossed the border near Goris.",
    "The U.S. State Department called on Azerbaijan to withdraw, a spokeswoman said.",
    "Kyrgyz border guards said Tajik forces shelled the village of Kok-Tash in Batken.",
    "\"We will respond,\" he added, according to reports.",
    "Indian officials said Chinese troops clashed with Indian soldiers in the Galwan valley.",
]


@st.composite
def report(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from([".txt", ".md", ".html"]))
    parts = draw(st.lists(st.one_of(st.sampled_from(SENTENCES), mixed,
                                    st.sampled_from(["**", "*", "[", "](", "<!--", "<a",
                                                     "<script>", "# ", "\n\n", "&#12;",
                                                     "<![CDATA[", "</"])), max_size=14))
    body = " ".join(parts)
    header = ""
    if draw(st.booleans()):
        header = "".join(f"{k}: {draw(st.one_of(v, mixed))}\n" for k, v in (
            ("title", text), ("publisher", text),
            ("url", st.sampled_from(["https://e.org/a", "www.e.org/b", "javascript:x"])),
            ("date", st.sampled_from(["2021-05-14", "14 May 2021", "2021-02-30", "soon"]))
        ) if draw(st.booleans())) + "\n"
    if kind == ".html" and draw(st.booleans()):
        body = f"<html><head><title>{draw(mixed)}</title></head><body><p>{body}</p></body>"
    return kind, (header + body).encode("utf-8")


@st.composite
def layer(draw) -> bytes:
    if draw(st.integers(0, 5)) == 0:
        return json.dumps(draw(json_value)).encode()
    coords = st.lists(st.tuples(st.floats(44, 48), st.floats(37, 42)), min_size=0, max_size=5)
    features = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["LineString", "Polygon", "Point", "MultiLineString"]))
        ring = [list(p) for p in draw(coords)]
        geometry = {"LineString": ring, "Point": ring[0] if ring else [],
                    "Polygon": [ring + ring[:1]], "MultiLineString": [ring, ring]}[kind]
        features.append({"type": "Feature", "geometry": {"type": kind, "coordinates": geometry},
                         "properties": {"name": draw(json_value),
                                        "countries": draw(json_value)}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


options = st.fixed_dictionaries({
    "--title": st.one_of(st.none(), mixed),
    "--from": st.one_of(st.none(), st.none(), st.sampled_from([
        "2021-05-12", "2021-05", "2021", "2021-05-13", "x", "2021-02-30", "٢٠٢١"])),
    "--to": st.one_of(st.none(), st.none(), st.sampled_from(["2021-05-13", "2021-05", "2022"])),
    "--bbox": st.one_of(st.none(), st.none(), st.sampled_from([
        "45,38.5,47,40", "-180,-90,180,90", "46.2,39.4,46.5,39.6", "1,2,3", "nan,0,1,1"])),
    "--date": st.one_of(st.none(), st.sampled_from(["2021-05-14", "2021-05-14", "May 14"])),
    "exports": st.lists(st.sampled_from(["--geojson", "--kml", "--csv", "--gpkg", "--png",
                                         "--pdf"]), unique=True, max_size=2),
})


# -- the run and its checks -----------------------------------------------------------------

runner = CliRunner()
COUNTS = re.compile(r"geomap: (\d+) claims in, (\d+) on the map, (\d+) unplaced")


@contextmanager
def no_network():
    """Every attempt to open a connection is recorded and refused."""
    attempts = []

    def refuse(*args, **_kwargs):
        attempts.append(args)
        raise OSError("network use in a test")

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo,
             socket.create_connection)
    socket.socket.connect = lambda self, *a: refuse(*a)
    socket.socket.connect_ex = lambda self, *a: refuse(*a)
    socket.getaddrinfo = refuse
    socket.create_connection = refuse
    try:
        yield attempts
    finally:
        (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo,
         socket.create_connection) = saved


@contextmanager
def time_limit(seconds: int):
    def hang(*_):
        raise TimeoutError(f"a run took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _all_files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file() or p.is_symlink()}


def run(folder: Path, args: list[str], *, seconds: int = SECONDS_PER_RUN) -> object:
    """Run geomap in ``folder``; check every promise that holds for any input."""
    before = _all_files(folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with no_network() as attempts, time_limit(seconds):
            result = runner.invoke(app, args, catch_exceptions=True)
    finally:
        os.chdir(cwd)
    event(f"{args[0]}: exit {result.exit_code}")  # see pytest --hypothesis-show-statistics
    shown = f"geomap {' '.join(args)!r}\nstdout: {result.stdout[:2000]}\nstderr: " \
            f"{result.stderr[:2000]}"
    assert isinstance(result.exception, (SystemExit, type(None))), \
        f"{shown}\nexception: {result.exception!r}"
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output and "internal error" not in result.stderr, shown
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: "), shown
    assert attempts == [], f"{shown}\nnetwork: {attempts}"
    # nothing outside out/ (or the store, for ingest) is created, changed or removed
    after = _all_files(folder)
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    allowed = {p for p in changed if p.startswith("out/") and not Path(p).name.startswith(".")
               or args[0] == "ingest" and p.startswith("store.gpkg")}
    assert changed == allowed, f"{shown}\nwritten outside out/, or left behind: " \
        f"{sorted(changed - allowed)}"
    if result.exit_code == 0 and args[0] == "map":
        found = COUNTS.search(result.stderr)
        assert found, shown
        n_in, mapped, unplaced = map(int, found.groups())
        assert n_in == mapped + unplaced, shown
        html = Path(folder, result.stdout.splitlines()[0]).read_text(encoding="utf-8")
        data = page_data(html)
        assert (data["claims_in"], data["claims_mapped"], len(data["unplaced"])) == \
            (n_in, mapped, unplaced), shown
    return result


def _option_args(opts: dict) -> list[str]:
    args = []
    for k, v in opts.items():
        if k == "exports":
            args += v
        elif v is not None:
            args += [k, v]
    return args


@pytest.fixture(scope="module")
def warm():
    """Load the gazetteer once, outside the examples' time limits."""
    from geomap.api import gazetteer

    gazetteer().resolve("Goris")


def _folder():
    return tempfile.TemporaryDirectory(prefix="geomap-fuzz-")


@examples(30)
@given(data=claims_csv(), opts=options)
def test_claims_files(warm, data, opts):
    with _folder() as d:
        folder = Path(d)
        (folder / "claims.csv").write_bytes(data)
        run(folder, ["map", "claims.csv", "-o", "out/m.html", *_option_args(opts)])
        if run(folder, ["ingest", "claims.csv", "--store", "store.gpkg"]).exit_code == 0:
            run(folder, ["map", "--store", "store.gpkg", "-o", "out/s.html"])


@examples(15)
@given(data=claims_geojson())
def test_geojson_claims(warm, data):
    with _folder() as d:
        folder = Path(d)
        (folder / "claims.geojson").write_bytes(data)
        run(folder, ["map", "claims.geojson", "-o", "out/m.html"])


@examples(25)
@given(doc=report(), opts=options)
def test_reports(warm, doc, opts):
    kind, data = doc
    with _folder() as d:
        folder = Path(d)
        name = f"report{kind}"
        (folder / name).write_bytes(data)
        date = ["--date", opts["--date"]] if opts["--date"] else []
        run(folder, ["places", name, "--format", "json", *date])
        run(folder, ["extract", name, "--format", "geojson", "-o", "out/claims.geojson", *date])
        run(folder, ["map", name, "-o", "out/r.html", *_option_args(opts)])


@examples(15)
@given(data=layer(), kind=st.sampled_from(["", ":international", ":disputed-area",
                                           ":line-of-contact", ":nonsense"]))
def test_layers(warm, data, kind):
    with _folder() as d:
        folder = Path(d)
        (folder / "line.geojson").write_bytes(data)
        run(folder, ["map", "--layer", f"line.geojson{kind}", "-o", "out/m.html"])


# Text made of one short piece repeated: where a pattern is quadratic, 60 kB of it takes
# minutes ("A-" repeated did), linear reading takes well under a second.
piece = st.lists(st.sampled_from(list("Aa-'.’ ,\"“”()\n:;") + [
    "said ", "troops ", "Goris ", "of ", "province ", "U.S.", "Mr. ", "according to ",
    "Minister ", "km into ", "and said ", "which it says ", ", adding ", "must ",
    "appealed "]), min_size=1, max_size=4).map("".join)


@examples(12)
@given(unit=piece, kind=st.sampled_from([".txt", ".md", ".html"]))
@example(unit="A-", kind=".txt").via("found by review: minutes for 80 kB")
@example(unit="A’", kind=".txt").via("found by review")
@example(unit="Goris ", kind=".txt").via("found by fuzzing: a run of 10,000 names")
@example(unit="said  troops,", kind=".txt").via("found by fuzzing: 10,000 actors")
@example(unit="”’“said ", kind=".txt").via("found by fuzzing: quotes x verbs")
@example(unit="Armenia said “Goris. Kapan. ", kind=".txt").via("clauses x places")
def test_repetitive_reports_read_in_linear_time(warm, unit, kind):
    with _folder() as d:
        folder = Path(d)
        name = f"report{kind}"
        (folder / name).write_text(unit * (60_000 // len(unit)), encoding="utf-8")
        run(folder, ["extract", name, "--format", "json", "-o", "out/c.json"], seconds=15)

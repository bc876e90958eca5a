"""Scale: many claims into the HTML map, Chromium, and the PNG/PDF sheets.

    python bench/scale.py [--claims 10000] [--distinct region|borders] [--years N]
                           [--before DIR] [--no-sheets] [--limit SECONDS]
                           [--sheets-limit SECONDS]

``--distinct``: every claim at coordinates of its own (given in the claims file) rather
than at one of the region's settlements: ``region`` spreads them over Armenia, Azerbaijan,
Georgia and around; ``borders`` along the AM–AZ, IN–CN and KG–TJ borders.
``--years N``: the claims dated over N years to May 2021 rather than in that month alone:
a store of years, many small incidents at each place.
``--before DIR``: a checkout of older code (``git worktree add /tmp/map-before 5860338``),
measured on the same claims: each figure is printed beside its figure there.

Each map is made in a process of its own (the gazetteer loaded and one small map made
first), timed in CPU seconds (the machine may be shared) and wall seconds; its peak memory
is that process's. Targets (issue #5, 10,000 claims): the page under 10 MB, made in under
15 s; it opens in headless Chromium in under 3 s with the markers clustered; PNG and PDF in
under 30 s. Issue #13, 100,000 claims (also at 100,000 coordinates): made in under 8 s, the
page under 40 MB, ready in Chromium in under 3 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LAST_DAY = Date(2021, 5, 31)  # (--years: the claims' dates end on it)
# Where --distinct puts its claims: (min_lon, min_lat, max_lon, max_lat); each claim names
# the country its point is in (its coordinates locate it), on land.
REGION = [(43.4, 38.3, 50.9, 43.6)]  # Armenia, Azerbaijan, Georgia and around
BORDERS = [(44.8, 38.8, 46.7, 41.3),  # AM–AZ, with Nakhchivan
           (77.3, 32.4, 80.3, 35.7),  # IN–CN: Ladakh, Aksai Chin
           (69.4, 39.5, 71.9, 40.6)]  # KG–TJ: Batken, Isfara


def claims_file(path: Path, n: int, distinct: str | None = None, years: int = 0) -> None:
    """``n`` claims; ``distinct``: each at coordinates of its own (REGION or BORDERS);
    ``years``: dated over that many years to May 2021 (many small incidents), not in May
    2021 alone."""
    sys.path.insert(0, str(ROOT))
    rnd = random.Random(2021)  # the same file every run
    sides = ["AM", "AZ", "RU", "US", "FR", "CSTO"]
    places: list[str] = []
    if not distinct:
        from geomap.api import gazetteer

        gaz = gazetteer()
        places = sorted(p.id for p in gaz._places.values() if p.kind == "settlement"
                        and p.country in ("AM", "AZ"))
    boxes = REGION if distinct == "region" else BORDERS
    points = _land_points(boxes, n, rnd) if distinct else []
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "place", "claimant", "claimant_side", "stance", "event",
                    "actor", "text", "source", "url"] + (["lat", "lon"] if distinct else []))
        for i in range(n):
            side = rnd.choice(sides)
            date = (f"2021-05-{rnd.randint(1, 31):02d}" if not years else
                    (LAST_DAY - timedelta(days=rnd.randrange(365 * years))).isoformat())
            row = [f"s{i:05d}", date,
                   rnd.choice(places) if places else "", f"Official {i % 97}", side,
                   rnd.choice(["asserts", "denies", "reports", "calls"]),
                   rnd.choice(["incursion", "shelling", "talks", "statement"]),
                   "troops", f"Synthetic claim number {i} for the scale bench.", "bench", ""]
            if distinct:
                lat, lon, country = points[i]
                row[2] = country
                row += [f"{lat:.5f}", f"{lon:.5f}"]
            w.writerow(row)


def _land_points(boxes, n: int, rnd: random.Random) -> list[tuple[float, float, str]]:
    """``n`` different points on land, in turn in each box, with the name of the country
    each is in."""
    import shapely

    from geomap.layers import countries_for

    out, seen = [], set()
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        _, countries, _ = countries_for((x0, y0, x1, y1))
        shapes = countries.geometry.values
        shapely.prepare(shapes)
        want = n // len(boxes) + (k < n % len(boxes))
        got: list[tuple[float, float, str]] = []
        while len(got) < want:
            lats = [round(rnd.uniform(y0, y1), 5) for _ in range(want)]
            lons = [round(rnd.uniform(x0, x1), 5) for _ in range(want)]
            inside = {}
            for name, shape in zip(countries["name"], shapes):
                for i in shapely.contains_xy(shape, lons, lats).nonzero()[0]:
                    inside.setdefault(int(i), name)
            for i in sorted(inside):
                if (lats[i], lons[i]) not in seen and len(got) < want:
                    seen.add((lats[i], lons[i]))
                    got.append((lats[i], lons[i], inside[i]))
        out.append(got)
    # (in turn: the boxes' points interleaved)
    return [p for group in zip(*out) for p in group] + [
        p for group in out for p in group[min(len(g) for g in out):]]


def worker(code: Path, src: Path, out: Path, sheets: bool) -> None:
    """(In a process of its own.) Make the map of ``src`` with the code at ``code`` (with
    ``sheets``, the page and its PNG and PDF): print its figures as JSON."""
    import resource

    sys.path.insert(0, str(code))
    import geomap
    from geomap.api import make_map

    assert Path(geomap.__file__).resolve().is_relative_to(code.resolve()), geomap.__file__
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.csv"
        warm.write_text("id,date,place,claimant,claimant_side,stance,event,actor,text,source,"
                        "url\nw1,2021-05-12,Goris,X,AM,asserts,shelling,t,warm,bench,\n",
                        encoding="utf-8")
        make_map([warm], out=Path(tmp) / "warm.html")  # gazetteer and imports loaded
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    cpu, wall = time.process_time(), time.perf_counter()
    result = make_map([src], out=out, exports=("png", "pdf") if sheets else ())
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if sheets:
        print(json.dumps({"sheets_cpu": cpu, "sheets_wall": wall}))
        return
    print(json.dumps({"cpu": cpu, "wall": wall, "size": out.stat().st_size / 1e6,
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3,
                      "rss_before": rss0, "mapped": result.claims_mapped,
                      "unplaced": len(result.unplaced), "incidents": len(result.incidents),
                      "notes": len(result.notes)}))


def measure(code: Path, src: Path, out: Path, sheets: bool, limit: float) -> dict:
    """The worker's figures, or {"stopped": limit} where it took longer than ``limit``
    seconds."""
    try:
        run = subprocess.run([sys.executable, __file__, "--worker", str(code), str(src),
                              str(out), *(["--sheets"] if sheets else [])],
                             capture_output=True, text=True, check=False, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"stopped": limit}
    if run.returncode:
        sys.exit(f"{code}: the map failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def ready_in_chromium(page: Path, runs: int = 3) -> tuple[float, int, int, float | None] | None:
    """The median time to ready (the cluster group filled) in headless Chromium, the
    markers in the cluster group, the icons drawn, and the median time from a click on "one
    symbol per incident" to its symbols drawn (None: no incidents); None without Chromium."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if not chromium:
        return None
    times, switched = [], []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            tab = b.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            tab.goto(page.as_uri(), timeout=300_000)
            tab.wait_for_function("window.geomapCluster !== undefined", timeout=300_000)
            times.append(time.perf_counter() - t)
            n = tab.evaluate("window.geomapCluster.getLayers().length")
            shown = tab.locator(".geomap-cluster, .geomap-claim").count()
            layer = tab.locator(".leaflet-control-layers-overlays label").filter(
                has_text="One symbol per incident")
            if layer.count():
                t = time.perf_counter()
                layer.click(timeout=300_000)
                tab.wait_for_function("document.querySelector('.geomap-incident-icon')",
                                      timeout=300_000)
                # (until the frame with the symbols is drawn)
                tab.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                             "setTimeout(r, 0)))")
                switched.append(time.perf_counter() - t)
            tab.close()
        b.close()
    return (sorted(times)[len(times) // 2], n, shown,
            sorted(switched)[len(switched) // 2] if switched else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10000)
    ap.add_argument("--distinct", choices=("region", "borders"),
                    help="each claim at coordinates of its own")
    ap.add_argument("--years", type=int, default=0,
                    help="date the claims over this many years (many small incidents)")
    ap.add_argument("--before", type=Path, help="a checkout of older code to compare with")
    ap.add_argument("--no-sheets", action="store_true", help="skip the PNG and PDF")
    ap.add_argument("--limit", type=float, default=3600,
                    help="seconds a map may take before it is stopped")
    ap.add_argument("--sheets-limit", type=float, default=900,
                    help="seconds the map with its PNG and PDF may take before it is stopped")
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--sheets", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        code, src, out = map(Path, args.worker)
        worker(code, src, out, args.sheets)
        return
    codes = {"now": ROOT, **({"before": args.before} if args.before else {})}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "claims.csv"
        claims_file(src, args.claims, args.distinct, args.years)
        got, ready = {}, {}
        for name, code in codes.items():
            page = Path(tmp) / f"{name}.html"
            got[name] = measure(code, src, page, False, args.limit)
            if not args.no_sheets:
                sheets = measure(code, src, Path(tmp) / f"{name}-sheets.html", True,
                                 args.sheets_limit)
                got[name].update({f"sheets_{k}" if k == "stopped" else k: v
                                  for k, v in sheets.items()})
            ready[name] = ready_in_chromium(page) if page.exists() else None

    def said(name: str, key: str, fmt: str) -> str:
        g = got[name]
        stop = g.get("sheets_stopped" if key.startswith("sheets") else "stopped")
        if key in g:
            return fmt.format(g[key])
        return f"> {stop:,.0f} s, stopped" if stop else "?"

    def both(key: str, fmt: str) -> str:
        now = said("now", key, fmt)
        return f"{now} (before: {said('before', key, fmt)})" if "before" in got else now

    what = (f"{args.claims:,} claims" + (f" at {args.claims:,} coordinates ({args.distinct})"
                                         if args.distinct else "")
            + (f" over {args.years} years" if args.years else ""))
    g = got["now"]
    print(f"{what}: {g['mapped']:,} mapped, {g['unplaced']:,} unplaced, "
          f"{g['incidents']:,} incidents, {g['notes']:,} notes")
    print(f"  map: {both('cpu', '{:.1f}')} s CPU, {both('wall', '{:.1f}')} s wall "
          "(targets: 10,000 < 15 s; 100,000 < 8 s)")
    print(f"  page: {both('size', '{:.2f}')} MB (targets: 10,000 < 10 MB; 100,000 < 40 MB)")
    print(f"  peak memory: {both('rss', '{:,.0f}')} MB "
          f"({both('rss_before', '{:,.0f}')} MB before the map)")
    if not args.no_sheets:
        print(f"  HTML + PNG + PDF: {both('sheets_cpu', '{:.1f}')} s CPU, "
              f"{both('sheets_wall', '{:.1f}')} s wall (PNG/PDF target < 30 s)")
    if all(r is None for r in ready.values()):
        print("  Chromium or playwright missing: page open time not measured")
        return
    for name, r in ready.items():
        if r is None:
            continue
        dt, n, shown, switch = r
        print(f"  Chromium{' (before)' if name == 'before' else ''}: ready in {dt:.2f} s "
              f"(median of 3; target < 3 s); {n:,} markers in the cluster group, {shown} "
              "icons drawn" + (f"; one symbol per incident switched on in {switch:.2f} s"
                               if switch is not None else ""))


if __name__ == "__main__":
    main()

"""Borders, views and the reference basemap (issue #12): page size and time to ready,
before and after, and the classed lines.

    python bench/views.py [--before 8bcc25a] [--claims 10000]

Prints, for the built-in example and for 10,000 claims, the page's size, the time to make
it and the time until it is ready in headless Chromium (median of three loads), for the
code at ``--before`` (checked out into a temporary worktree and run with the same venv)
and for this tree with --basemap none, light and full; then the count of line segments by
class in Natural Earth's default view and in the IN and CN views, and the disputed areas.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(claims: int, tree: Path = ROOT) -> list[dict]:
    """The figures of the code in ``tree`` (another tree is run in a subprocess)."""
    import inspect

    sys.path.insert(0, str(tree / "bench"))
    from scale import claims_file  # (which puts its tree first on sys.path)

    from geomap.api import make_map

    levels = ["light", "none", "full"] if "basemap" in inspect.signature(
        make_map).parameters else [None]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "claims.csv"
        claims_file(src, claims)
        make_map(out=Path(tmp) / "warm.html")  # gazetteer and imports loaded
        for name, inputs in (("example", None), (f"{claims:,} claims", [src])):
            for level in levels:
                options = {} if level is None else {"basemap": level}
                path = Path(tmp) / f"{len(out)}.html"
                t = time.perf_counter()
                make_map(inputs, out=path, **options)
                made = time.perf_counter() - t
                out.append({"map": name, "basemap": level or "(before #12)",
                            "bytes": path.stat().st_size, "made_s": made,
                            "ready_s": ready(path)})
    return out


def ready(path: Path) -> float | None:
    """Median seconds until the page's claims are drawn in headless Chromium."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    times = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(3):
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.geomapCluster !== undefined")
            times.append(time.perf_counter() - t)
            page.close()
        b.close()
    return statistics.median(times)


def before(commit: str, claims: int) -> list[dict]:
    """The figures of the code at ``commit``, run from a temporary worktree."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(tree), commit], check=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json",
                                   "--tree", str(tree), "--claims", str(claims)], env=env,
                                  cwd=tree, check=True, capture_output=True, text=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(tree)], check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def lines_table() -> None:
    import geopandas as gpd

    from geomap.gazetteer.curated import data_dir
    from geomap.layers import LINE_CLASSES, classes_of

    lines = gpd.read_file(data_dir() / "boundaries" / "lines.geojson")
    lines["views"] = lines["views"].fillna("")
    print("\nLine segments by class (gazetteer/boundaries/lines.geojson, 1:10m):")
    print(f"  {'class':<16}{'default':>9}{'IN view':>9}{'CN view':>9}")
    counts = {v: {} for v in ("", "IN", "CN")}
    for default, views in zip(lines["kind"], lines["views"]):
        every = classes_of(default, views)
        for v in counts:
            k = every.get(v, default)
            counts[v][k] = counts[v].get(k, 0) + 1
    for k in LINE_CLASSES:
        row = [counts[v].get(k, 0) for v in ("", "IN", "CN")]
        if any(row):
            print(f"  {k:<16}{row[0]:>9}{row[1]:>9}{row[2]:>9}")
    print(f"  {'all':<16}{len(lines):>9}")
    areas = gpd.read_file(data_dir() / "boundaries" / "disputed-areas.geojson")
    print(f"Disputed areas (boundaries/disputed-areas.geojson): {len(areas)}; "
          f"{', '.join(sorted(set(areas['name'])))[:300]}...")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default="8bcc25a", help="the commit to compare with")
    ap.add_argument("--claims", type=int, default=10000)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tree", default=str(ROOT), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json:  # (the run inside another tree)
        print(json.dumps(measure(args.claims, Path(args.tree))))
        return
    sys.path.insert(0, str(ROOT))
    rows = before(args.before, args.claims) + measure(args.claims)
    print(f"{'map':<16}{'basemap':<15}{'page':>10}{'made':>8}{'ready':>8}")
    for r in sorted(rows, key=lambda r: r["map"] != "example"):
        ready_s = f"{r['ready_s']:.2f} s" if r["ready_s"] is not None else "n/a"
        print(f"{r['map']:<16}{r['basemap']:<15}{r['bytes'] / 1e3:>7,.0f} KB"
              f"{r['made_s']:>6.1f} s{ready_s:>8}")
    lines_table()


if __name__ == "__main__":
    main()

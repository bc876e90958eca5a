"""Scale: 10,000 claims into the HTML map, Chromium, and the PNG/PDF sheets.

    python bench/scale.py [--claims 10000]

Targets (issue #5): the page under 10 MB, made in under 15 s; it opens in headless
Chromium in under 3 s with the markers clustered; PNG and PDF in under 30 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def claims_file(path: Path, n: int) -> None:
    from geomap.api import gazetteer

    gaz = gazetteer()
    places = sorted(p.id for p in gaz._places.values() if p.kind == "settlement"
                    and p.country in ("AM", "AZ"))
    rnd = random.Random(2021)  # the same file every run
    sides = ["AM", "AZ", "RU", "US", "FR", "CSTO"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "place", "claimant", "claimant_side", "stance", "event",
                    "actor", "text", "source", "url"])
        for i in range(n):
            side = rnd.choice(sides)
            w.writerow([f"s{i:05d}", f"2021-05-{rnd.randint(1, 31):02d}", rnd.choice(places),
                        f"Official {i % 97}", side,
                        rnd.choice(["asserts", "denies", "reports", "calls"]),
                        rnd.choice(["incursion", "shelling", "talks", "statement"]),
                        "troops", f"Synthetic claim number {i} for the scale bench.",
                        "bench", ""])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10000)
    args = ap.parse_args()
    from geomap.api import make_map

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "claims.csv"
        claims_file(src, args.claims)
        make_map([src], out=Path(tmp) / "warm.html")  # gazetteer and imports loaded
        t = time.perf_counter()
        result = make_map([src], out=Path(tmp) / "m.html")
        dt = time.perf_counter() - t
        size = result.path.stat().st_size / 1e6
        print(f"{args.claims:,} claims: HTML {size:.2f} MB in {dt:.1f} s "
              f"(targets < 10 MB, < 15 s)")
        t = time.perf_counter()
        make_map([src], out=Path(tmp) / "s.html", exports=("png", "pdf"))
        print(f"  HTML + PNG + PDF in {time.perf_counter() - t:.1f} s (PNG/PDF target < 30 s)")
        chromium = shutil.which("chromium")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            chromium = None
        if not chromium:
            print("  Chromium or playwright missing: page open time not measured")
            return
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(result.path.as_uri())
            page.wait_for_function("window.geomapCluster !== undefined")
            dt = time.perf_counter() - t
            n = page.evaluate("window.geomapCluster.getLayers().length")
            shown = page.locator(".geomap-cluster, .geomap-claim").count()
            print(f"  Chromium: ready in {dt:.2f} s (target < 3 s); {n:,} markers in the "
                  f"cluster group, {shown} icons drawn")
            b.close()


if __name__ == "__main__":
    main()

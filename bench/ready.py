"""Pages side by side: how soon each is ready in headless Chromium, opened in turn.

    python bench/ready.py BEFORE.html AFTER.html [more.html ...] [--runs 5]

Ready as bench/scale.py says it (the page loaded and the cluster group filled:
window.geomapCluster set at the end of claims.js's draw, every marker clustered). The pages
are opened in turn, run after run, so that a busy machine slows each alike; each figure is
the median over the runs: the seconds to ready, and Chromium's own ScriptDuration and
ProcessTime (CPU seconds) for the page. Make the pages from the same claims file with each
version of the code (bench/scale.py's claims_file writes the bench's).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("no Chromium on this machine (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    got: dict[Path, dict[str, list[float]]] = {p: {} for p in args.pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(args.runs):
            for page in args.pages:
                tab = browser.new_page(viewport={"width": 1400, "height": 900})
                cdp = tab.context.new_cdp_session(tab)
                cdp.send("Performance.enable")
                t = time.perf_counter()
                tab.goto(page.resolve().as_uri(), timeout=300_000)
                tab.wait_for_function("window.geomapCluster !== undefined", timeout=300_000)
                ready = time.perf_counter() - t
                metrics = {m["name"]: m["value"]
                           for m in cdp.send("Performance.getMetrics")["metrics"]}
                markers = tab.evaluate("window.geomapCluster.getLayers().length")
                for key, value in (("ready s", ready), ("markers", markers),
                                   ("ScriptDuration s", metrics.get("ScriptDuration", 0)),
                                   ("ProcessTime s", metrics.get("ProcessTime", 0))):
                    got[page].setdefault(key, []).append(value)
                tab.close()
        browser.close()
    width = max(len(p.name) for p in args.pages) + 2
    print(f"{'median of ' + str(args.runs):18}" + "".join(f"{p.name:>{width}}" for p in args.pages))
    for key in got[args.pages[0]]:
        fmt = ",d" if key == "markers" else ",.2f"
        print(f"{key:18}" + "".join(format(statistics.median(got[p][key]), fmt).rjust(width)
                                    for p in args.pages))


if __name__ == "__main__":
    main()

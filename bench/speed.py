"""Speed figures for issue #2's targets, on this machine. A script that prints, not a test.

    python bench/speed.py            # all figures
    python bench/speed.py --no-build # skip the (20 s) index build

Targets: `geomap --help` < 0.3 s and `geomap gazetteer lookup Goris` < 0.5 s in a fresh
process once the index exists; building the world index < 60 s; `geomap map` of the
example < 10 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GEOMAP = str(Path(sys.executable).with_name("geomap"))


def timed(cmd: list[str], runs: int, env: dict | None = None) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)
        out.append(time.perf_counter() - t)
    return out


def report(label: str, times: list[float], target: float) -> None:
    med = statistics.median(times)
    verdict = "ok" if med < target else "OVER"
    print(f"{label:42} median {med:6.3f} s  min {min(times):6.3f} s  "
          f"(n={len(times)}, target < {target:g} s: {verdict})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-build", action="store_true", help="skip timing the index build")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")

    subprocess.run([GEOMAP, "gazetteer", "build"], check=True, stdout=subprocess.DEVNULL)
    report("geomap --help (fresh process)", timed([GEOMAP, "--help"], args.runs), 0.3)
    report("geomap gazetteer lookup Goris (fresh)",
           timed([GEOMAP, "gazetteer", "lookup", "Goris"], args.runs), 0.5)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m.html"
        report("geomap map (built-in example)", timed([GEOMAP, "map", "-o", str(out)], 3), 10)
        print(f"{'':42} page size {out.stat().st_size / 1e6:.2f} MB")
        if not args.no_build:
            env = {**os.environ, "GEOMAP_CACHE_DIR": tmp}
            report("build the world index (once)",
                   timed([GEOMAP, "gazetteer", "build"], 1, env=env), 60)
            index = next(Path(tmp).glob("world-*.sqlite"))
            print(f"{'':42} index size {index.stat().st_size / 1e6:.1f} MB")

    from geomap.api import gazetteer

    gaz = gazetteer()
    names = ["Goris", "Syunik province", "Nakhichevan", "Stepanakert", "Washington", "Paris",
             "Sev Lich", "Leninakan", "Springfield", "Qwertyville"]
    t = time.perf_counter()
    n = 0
    while time.perf_counter() - t < 2:
        for name in names:
            gaz.resolve(name)
            n += 1
    rate = n / (time.perf_counter() - t)
    print(f"{'resolve() in process (warm)':42} {rate:8.0f} names/s ({1e3 / rate:.2f} ms each)")


if __name__ == "__main__":
    main()

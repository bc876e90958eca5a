"""The incident store's speed (issue #13, part 5): ingest and load of 100,000 claims into
either store, beside the code before the change. A script that prints, not a test.

    python bench/store_speed.py [--claims 100000] [--runs 3] [--before /tmp/store-before]

Targets: ingest >= 50,000 claims/s into either store; ``geomap map --store`` of 100,000
claims with its filters done by the store (SQL; the GeoParquet's partitions and row groups),
not by loading every claim and filtering in Python.

"Before" is the store at commit 5860338 (no GeoParquet store, no box in the store: its
figure for a box is its load of the dates, then the box tested in Python, which leaves out
the gazetteer's join the map then did before it could test the box). Make it with

    git worktree add /tmp/store-before 5860338

Any other checkout does as well (``--before /tmp/s22-before``, commit 4a8b58a, before
ingest was made bulk); one with the GeoParquet store gets its figures beside too.

The whole command too: ``geomap ingest claims.csv --store S`` of a claims file of as many
claims (bench/scale.py's, placed by the gazetteer's names), each run a fresh process and a
fresh store, its CPU time (user and system) and its wall time, the median of --runs runs;
this is what a user waits for: the claims file read, the places joined, then the store.

Each store figure is the median CPU time (of the process, every thread) of --runs runs,
each run in a fresh process and a fresh store, after a garbage collection; claims/s is the
claims given (ingest) or stored (load) over that time. "ingest again" gives the same claims
into the store they are in (all "already there"); "ingest corrected" gives them again with
one in ten corrected (another text: "updated"), after the loads.
The claims are synthetic, the same every run: half with their source's coordinates, 45 %
placed by their place's point, 5 % without any; dated by day, month, year or not at all,
over four years; a one-week range holds about 1 % of them, the box about 4 %.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEEK = ("2021-05-10", "2021-05-16")
BOX = (45.0, 39.0, 45.5, 39.5)  # min_lon, min_lat, max_lon, max_lat


def synthetic(n: int, seed: int = 13):
    """n claims, and the place points (id -> (lon, lat)) of those placed by name."""
    from geomap.records import Claim

    rnd = random.Random(seed)
    claims, located = [], {}
    for i in range(n):
        r = rnd.random()
        year, month, day = 2020 + rnd.randint(0, 3), rnd.randint(1, 12), rnd.randint(1, 28)
        date = ("" if r < 0.05 else f"{year}-{month:02d}" if r < 0.10 else f"{year}"
                if r < 0.12 else f"{year}-{month:02d}-{day:02d}")
        own = rnd.random() < 0.5
        point = (round(44 + rnd.random() * 4, 5), round(38.5 + rnd.random() * 3, 5))
        claims.append(Claim(
            id=f"s{i:06d}", text=f"Synthetic claim number {i} for the store bench.",
            claimant=f"Official {i % 97}", claimant_side=rnd.choice(["AM", "AZ", "RU"]),
            stance=rnd.choice(["asserts", "denies", "reports", "calls"]),
            event=rnd.choice(["incursion", "shelling", "talks", "statement"]), actor="troops",
            place=f"Place {i % 500}", date=date,
            date_precision={10: "day", 7: "month", 4: "year", 0: "unknown"}[len(date)],
            source="bench", url=f"https://example.org/{i}", lat=point[1] if own else None,
            lon=point[0] if own else None, confidence=0.75, origin=f"bench.csv:{i + 2}"))
        if not own and rnd.random() < 0.9:
            located[claims[-1].id] = point
    return claims, located


def measure(kind: str, claims: int) -> dict:
    """One run of every figure into a fresh store of this kind, with the geomap imported
    (this process's sys.path says which)."""
    from geomap import store

    have_select = hasattr(store, "select")
    import numpy  # noqa: F401 - imported before the clock starts, in both codes (a real
    import pyarrow.dataset  # noqa: F401 - ingest has them: its join needs numpy)
    import pyarrow.parquet  # noqa: F401

    given, located = synthetic(claims)
    points = {c.id: (c.lon, c.lat) if c.lat is not None else located.get(c.id)
              for c in given}
    out = {"geomap": store.__file__}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench.{kind}"

        def clock(name: str, work, count) -> None:
            gc.collect()  # (a collection of what came before is not this figure's work)
            started = time.process_time()
            result = work()
            out[name] = [time.process_time() - started, count(result)]

        clock("ingest", lambda: store.ingest(path, given, [], located=located),
              lambda r: len(given))
        clock("ingest again", lambda: store.ingest(path, given, [], located=located),
              lambda r: len(given))
        clock("load all", lambda: store.load(path), len)
        clock("load one week", lambda: store.load(path, date_from=WEEK[0], date_to=WEEK[1]),
              len)

        def in_box(claims):  # the code before: the box tested in Python after the load
            x0, y0, x1, y1 = BOX
            return [c for c in claims if points.get(c.id) is None
                    or x0 <= points[c.id][0] <= x1 and y0 <= points[c.id][1] <= y1]

        if have_select:
            clock("load a week in a box", lambda: store.select(
                path, date_from=WEEK[0], date_to=WEEK[1], bbox=BOX).claims, len)
            clock("load a box", lambda: store.select(path, bbox=BOX).claims, len)
        else:
            clock("load a week in a box", lambda: in_box(store.load(
                path, date_from=WEEK[0], date_to=WEEK[1])), len)
            clock("load a box", lambda: in_box(store.load(path)), len)
        # Last (it changes the store): the claims again, one in ten of them corrected.
        corrected = [dataclasses.replace(c, text=c.text + " (corrected)") if i % 10 == 0
                     else c for i, c in enumerate(given)]
        clock("ingest corrected", lambda: store.ingest(path, corrected, [], located=located),
              lambda r: len(given))
    return out


def run(root: Path, kind: str, claims: int) -> dict:
    """``measure`` in a fresh process importing geomap from ``root``."""
    code = (f"import sys, json; sys.path.insert(0, {str(root)!r}); "
            f"sys.path.insert(1, {str(ROOT / 'bench')!r}); import store_speed; "
            f"print(json.dumps(store_speed.measure({kind!r}, {claims})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True)
    if done.returncode:
        raise SystemExit(f"{root} ({kind}): {done.stderr.strip().splitlines()[-1]}")
    figures = json.loads(done.stdout.splitlines()[-1])
    if not Path(figures.pop("geomap")).is_relative_to(root):
        raise SystemExit(f"{root}: the run imported another geomap")
    return figures


def command(root: Path, kind: str, claims_file: Path) -> tuple[float, float]:
    """CPU and wall seconds of ``geomap ingest CLAIMS --store S`` (a fresh store) in a fresh
    process importing geomap from ``root``."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / f"bench.{kind}"
        env = {**os.environ, "PYTHONPATH": str(root)}
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "geomap", "ingest", str(claims_file),
                               "--store", str(store)], cwd=tmp, env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode:
            raise SystemExit(f"{root} ({kind}): {done.stderr.strip()[-300:]}")
        shutil.rmtree(store, ignore_errors=True)
    return (after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime, wall)


def commands(roots: dict, claims: int, runs: int) -> None:
    """The whole command's figures, before and now, printed."""
    sys.path.insert(0, str(ROOT / "bench"))
    import scale

    with tempfile.TemporaryDirectory() as tmp:
        claims_file = Path(tmp) / "claims.csv"
        scale.claims_file(claims_file, claims)
        for kind in ("gpkg", "parquet"):
            seen: dict[str, list[tuple[float, float]]] = {}
            for _ in range(runs):  # interleaved, as above
                for who, root in roots.items():
                    if root is None or who == "before" and kind == "parquet" and not (
                            root / "geomap" / "geoparquet.py").exists():
                        continue
                    seen.setdefault(who, []).append(command(root, kind, claims_file))
            print(f"\ngeomap ingest claims.csv --store S.{kind}, {claims:,} claims, the whole "
                  f"command (median of {runs} runs)")
            for who, figures in seen.items():
                cpu, wall = (statistics.median(f[i] for f in figures) for i in (0, 1))
                print(f"  {who:8} CPU {cpu:6.2f} s {claims / cpu:8,.0f}/s    wall {wall:6.2f} s "
                      f"{claims / wall:8,.0f}/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", type=Path, default=Path("/tmp/store-before"))
    args = ap.parse_args()
    before = args.before if (args.before / "geomap" / "store.py").exists() else None
    if before is None:
        print(f"{args.before}: no checkout of the code before (see this script's doc): "
              "only the figures of this code", file=sys.stderr)
    for kind in ("gpkg", "parquet"):
        seen: dict[str, dict[str, list]] = {}
        for _ in range(args.runs):  # interleaved, so that a busy moment hits both alike
            for who, root in (("before", before), ("now", ROOT)):
                if root is None or who == "before" and kind == "parquet" and not (
                        root / "geomap" / "geoparquet.py").exists():
                    continue  # (a "before" without the GeoParquet store)
                for name, figure in run(root, kind, args.claims).items():
                    seen.setdefault(name, {}).setdefault(who, []).append(figure)
        best = {name: {who: (statistics.median(f[0] for f in figures), figures[0][1])
                       for who, figures in runs.items()} for name, runs in seen.items()}
        print(f"\n{'GeoPackage' if kind == 'gpkg' else 'GeoParquet'} store, "
              f"{args.claims:,} claims (CPU s, claims/s; median of {args.runs} runs)")
        print(f"  {'':22} {'before':>24}   {'now':>24}   claims")
        for name, figures in best.items():
            cells = []
            for who in ("before", "now"):
                if who in figures:
                    seconds, count = figures[who]  # a rate of the claims given or stored
                    rate = args.claims / seconds if seconds else float("inf")
                    cells.append(f"{seconds:7.3f} s {rate:10,.0f}/s")
                else:
                    cells.append("—" if who == "before" and kind == "parquet" else "")
            count = figures.get("now", figures.get("before"))[1]
            print(f"  {name:22} {cells[0]:>24}   {cells[1]:>24}   {count:,}")
    commands({"before": before, "now": ROOT}, args.claims, args.runs)


if __name__ == "__main__":
    main()

"""Kill trials for the incident store: real `geomap ingest` processes SIGKILLed mid-way.

    .venv/bin/python bench/store_kills.py [--trials 40] [--claims 5000] [--seed 2021]

Half the trials are FIRST ingests into a fresh path, so the process creates the store:
each is killed at a random moment after it first touches the directory (half of them
within 5 ms, while the store is being built; the others within 300 ms, during the first
ingest or after). The other half are large ingests into an existing store, killed at a
random moment after their transaction began (its -journal file appears) until they would
have finished. (Counting from the process's start instead would mostly kill Python while
it imports: it takes ~300 ms to reach the store.)

After each kill the store must be absent (creation trials only) or intact: SQLite finds no
damage, GDAL lists its layers, ``store.load`` reads it, and it holds the claims it held
before or those plus all of the ingest, never part of it. Then the same ingest, run again,
must complete it. Prints the figures; exits 1 if any store was broken.

Runs `python -m geomap` from this checkout (the same as the venv's `geomap` command).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = "id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,lat,lon"


def claims_file(path: Path, n: int, prefix: str) -> Path:
    """n claims at Goris with their coordinates (so no gazetteer is needed to place them)."""
    rows = [HEADER] + [
        f"{prefix}{i},2021-05-{1 + i % 28:02d},Goris,Ministry of Defence,AM,asserts,incursion,"
        f",claim number {i} of {n},Test Wire,https://example.org/{prefix}{i},"
        f"{39.5 + (i % 100) * 1e-3:.3f},{46.3 + (i // 100) * 1e-3:.3f}" for i in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def spawn(claims: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geomap", "ingest", str(claims), "--store",
                             str(store)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def temps(store: Path) -> list[Path]:
    return list(store.parent.glob(f".{store.name}.*"))


def wait_for(proc: subprocess.Popen, ready, limit: float = 60) -> None:
    """Poll (every 0.2 ms) until ready() or the process ends."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.0002)


def kill_after(proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL the process after delay seconds; whether it was still running."""
    time.sleep(delay)
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return running


def count(store: Path) -> int:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]


def check(store: Path, allowed: set[int]) -> str:
    """'intact' or 'broken: why' (the caller decides whether absent is fine)."""
    import pyogrio

    from geomap.store import load

    try:
        with sqlite3.connect(store) as conn:  # the first open rolls a hot journal back
            damage = conn.execute("PRAGMA integrity_check").fetchall()
            twice = conn.execute("SELECT id FROM claims GROUP BY id HAVING count(*) > 1"
                                 ).fetchall()
        if damage != [("ok",)]:
            return f"broken: integrity_check says {damage[:3]}"
        if twice:
            return f"broken: ids stored twice, e.g. {twice[0][0]}"
        if "claims" not in {name for name, _ in pyogrio.list_layers(store)}:
            return "broken: GDAL does not list the claims layer"
        n = len(load(store))
        if n not in allowed:
            return f"broken: {n} claims, expected one of {sorted(allowed)} (a partial ingest)"
        return "intact"
    except Exception as err:  # any failure to read it is what we are counting
        return f"broken: {type(err).__name__}: {err}"


def rerun(claims: Path, store: Path, expected: int) -> bool:
    from geomap.api import ingest

    try:
        ingest([claims], store=store)
        return count(store) == expected
    except Exception:
        return False


def creation_trial(work: Path, claims: Path, n: int, rnd: random.Random, i: int) -> tuple:
    store = work / f"first{i}.gpkg"
    proc = spawn(claims, store)
    wait_for(proc, lambda: store.exists() or bool(temps(store)))
    delay = rnd.uniform(0, 0.005) if i % 2 == 0 else rnd.uniform(0, 0.3)
    killed = kill_after(proc, delay)
    left = temps(store)
    if not killed:
        phase = "finished before the kill"
    elif not store.exists():
        phase = "killed during creation" if left else "killed before creating"
    else:
        phase = "killed during the first ingest"
    state = check(store, {0, n}) if store.exists() else "absent"
    again = rerun(claims, store, n)  # which also sweeps the temporary files of dead creators
    return phase, state, again, len(left), len(temps(store))


def ingest_trial(work: Path, base: Path, before: int, claims: Path, n: int, span: float,
                 rnd: random.Random, i: int) -> tuple:
    store = work / f"grow{i}.gpkg"
    shutil.copy(base, store)
    journal = Path(f"{store}-journal")
    proc = spawn(claims, store)
    wait_for(proc, journal.exists)
    killed = kill_after(proc, rnd.uniform(0, span))
    phase = "killed during ingest" if killed else "finished before the kill"
    state = check(store, {before, before + n}) if store.exists() else "broken: it is gone"
    return phase, state, rerun(claims, store, before + n), 0, 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trials", type=int, default=40)
    ap.add_argument("--claims", type=int, default=5000, help="claims per ingest")
    ap.add_argument("--seed", type=int, default=2021)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    from geomap.api import ingest

    with tempfile.TemporaryDirectory(prefix="store_kills.") as tmp:
        work = Path(tmp)
        claims = claims_file(work / "claims.csv", args.claims, "k")
        base = work / "base.gpkg"
        ingest([claims_file(work / "base.csv", 500, "b")], store=base)
        before = count(base)
        # How long an ingest runs once its transaction has begun, to spread the kills over.
        probe = work / "probe.gpkg"
        shutil.copy(base, probe)
        proc = spawn(claims, probe)
        wait_for(proc, Path(f"{probe}-journal").exists)
        began = time.monotonic()
        proc.wait()
        span = time.monotonic() - began
        results = []
        started = time.monotonic()
        for i in range(args.trials):
            if i % 2 == 0:
                results.append(creation_trial(work, claims, args.claims, rnd, i // 2))
            else:
                results.append(ingest_trial(work, base, before, claims, args.claims, span, rnd,
                                            i // 2))
        took = time.monotonic() - started
    phases = Counter(r[0] for r in results)
    broken = [r[1] for r in results if r[1].startswith("broken")]
    print(f"trials                          {len(results)}  ({took:.0f} s; {args.claims} "
          f"claims per ingest; an ingest's transaction lasts ~{span * 1000:.0f} ms)")
    for phase in ("killed before creating", "killed during creation",
                  "killed during the first ingest", "killed during ingest",
                  "finished before the kill"):
        print(f"{phase:<32}{phases[phase]}")
    print(f"stores intact                   {sum(r[1] == 'intact' for r in results)}"
          f"  (+ {sum(r[1] == 'absent' for r in results)} absent: killed before publishing)")
    print(f"stores broken                   {len(broken)}")
    for why in Counter(broken).most_common(5):
        print(f"    {why[1]} x {why[0]}")
    print(f"re-runs that completed          {sum(r[2] for r in results)} of {len(results)}")
    print(f"temporary files left by kills   {sum(r[3] for r in results)}  (hidden .NAME.*.tmp; "
          f"{sum(r[4] for r in results)} still there after the next ingest)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

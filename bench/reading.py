"""Reading speed: MB/s of news text through `places` and `extract`, once started, beside the
code before issue #13's reading work and beside geotext; a fresh `geomap places`; memory.

    python bench/reading.py                      # the reports, 1 MB, 100 MB; the fresh command
    python bench/reading.py --sizes 0,1          # the reports once each, and 1 MB
    python bench/reading.py --before /tmp/read-before   # the code to compare with

The text: the GeoWebNews articles (../shared/benchmarks/GeoWebNews.xml), the RFE/RL report
(../shared/fixtures) and bench/reports, read where they are (never copied), joined and
repeated. "The reports" (--sizes 0) are those texts once each, each a document of its own
(0.5 MB of new text, as a feed gives it: no name read before). 1 MB is one document; 100 MB
is a hundred documents of 1 MB read one after the other in one process (each begins further
into the corpus), so the repeated names are resolved from the gazetteer's caches: that
figure is the steady state of a long run, not of new text. MB/s is per core: the reading's
CPU time in a process that has loaded the gazetteer and its name sets first and read one
line of text (the modules reading imports when first used: "once started"), as a command's
run does (at 1 MB and for the reports the best of three such processes). `places` is what
`geomap places` computes (mentions, resolutions, rows); `extract` what `geomap extract`
does before writing (places, then claims, each claim's place named as the text does),
without the border facts its JSON adds. Each figure runs in a process of its own: this
checkout's code, and the code of commit 5860338 (`git worktree add /tmp/read-before
5860338`), where it is given. Peak memory is each process's maximum resident size.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MB = 1_000_000
SHORT_REPORT = ROOT / "bench" / "reports" / "kg_tj.txt"


def reports() -> list[str]:
    """The texts, each a report of its own (a corpus as a feed gives it)."""
    parts = []
    gwn = SHARED / "benchmarks" / "GeoWebNews.xml"
    if gwn.exists():
        parts += [a.findtext("text") or "" for a in ET.parse(gwn).getroot().iter("article")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench" / "reports")
                                                             .glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "fixtures")
                                                             .glob("*.txt"))]
    return [p for p in parts if p.strip()]


def corpus() -> str:
    return "\n\n".join(reports())


def documents(size_mb: int) -> list[tuple[int, int]]:
    """(offset into the repeated corpus, characters) of each 1 MB document."""
    return [(i * 77_777, MB) for i in range(size_mb)]


def text_at(base: str, offset: int, length: int) -> str:
    start = offset % len(base)
    reps = 2 + length // len(base)
    return (base * reps)[start:start + length]


def worker(root: str, size_mb: int, what: str) -> dict:
    """Run in a process of its own, with ``root``'s geomap first on the path."""
    sys.path.insert(0, root)
    from geomap.api import extract, gazetteer, places
    from geomap.records import Document

    base = corpus()
    gaz = gazetteer()
    for name in ("lexicon", "first_words", "prominent_keys"):
        keys = getattr(gaz, name)
        if hasattr(keys, "whole"):
            keys.whole()  # (loaded: "once started")
    run = places if what == "places" else extract
    # (and the modules the reading imports when first used: a started command has them)
    run(Document(text="Goris is in Armenia, the ministry said on 12 May.", name="warm"))
    import numpy  # noqa: F401  (a long text's context measures with it: a short one's does not)
    texts = reports() if size_mb == 0 else (text_at(base, offset, length)
                                            for offset, length in documents(size_mb))
    cpu = nbytes = 0.0
    for i, text in enumerate(texts):
        nbytes += len(text.encode("utf-8"))
        doc = Document(text=text, name=f"bench{i}", published="2021-05-14")
        t = time.process_time()
        run(doc)
        cpu += time.process_time() - t
    return {"mb_s": nbytes / MB / cpu, "cpu_s": cpu, "mb": nbytes / MB,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def geotext_speed(size_mb: int) -> float | None:
    try:
        import geotext
    except ImportError:
        return None
    base = corpus()
    geotext.GeoText("warm up")
    texts = reports() if size_mb == 0 else (text_at(base, offset, length)
                                            for offset, length in documents(size_mb))
    cpu = nbytes = 0.0
    for text in texts:
        nbytes += len(text.encode("utf-8"))
        t = time.process_time()
        geotext.GeoText(text)
        cpu += time.process_time() - t
    return nbytes / MB / cpu


def in_process(root: Path, size_mb: int, what: str) -> dict:
    """The worker's figures, in a new process; at 1 MB the best of three such processes."""
    best = None
    for _ in range(3 if size_mb <= 1 else 1):
        out = subprocess.run([sys.executable, __file__, "--worker", str(root), "--size",
                              str(size_mb), "--what", what], capture_output=True, text=True,
                             check=True, cwd=root)
        got = json.loads(out.stdout.strip().splitlines()[-1])
        best = got if best is None or got["mb_s"] > best["mb_s"] else best
    return best


def fresh_once(root: str) -> dict:
    """`geomap places` of the short report in a child process: its wall and CPU seconds
    and its peak memory."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geomap", "places", str(SHORT_REPORT), "--format",
                    "json"], capture_output=True, check=True, cwd=root)
    wall = time.perf_counter() - t
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": use.ru_utime + use.ru_stime, "peak_mb": use.ru_maxrss / 1024}


def fresh(root: Path, runs: int = 5) -> tuple[float, float, float]:
    """Median wall and CPU seconds, and peak MB, of a fresh `geomap places` of a short
    report (this interpreter, ``root``'s code), each run measured by a process of its own."""
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--fresh", str(root)],
                             capture_output=True, text=True, check=True)
        got.append(json.loads(out.stdout))
    return (statistics.median(g["wall"] for g in got),
            statistics.median(g["cpu"] for g in got), max(g["peak_mb"] for g in got))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,1,100",
                    help="MB of text to read, comma-separated (0: the reports once each)")
    ap.add_argument("--before", default="/tmp/read-before",
                    help="a checkout of the code to compare with (commit 5860338)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--what", help=argparse.SUPPRESS)
    ap.add_argument("--fresh", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fresh:
        print(json.dumps(fresh_once(args.fresh)))
        return
    if args.worker:
        print(json.dumps(worker(args.worker, args.size, args.what)))
        return
    before = Path(args.before)
    if not (before / "geomap" / "__init__.py").exists():
        print(f"(no code to compare with at {before}: git worktree add {before} 5860338)")
        before = None
    print(f"== reading speed, MB/s per core (CPU time), {len(corpus()) / MB:.2f} MB corpus "
          "repeated")
    for size in (int(s) for s in args.sizes.split(",")):
        label = "1 MB, one document" if size == 1 else f"{size} MB, {size} documents of 1 MB"
        if size == 0:
            label = (f"the {len(reports())} reports once each, a document each (new text, as "
                     "a feed gives it)")
        print(f"  {label}:")
        peaks = []
        for what in ("places", "extract"):
            now = in_process(ROOT, size, what)
            peaks.append(now["peak_mb"])
            line = f"    {what:8} {now['mb_s']:6.2f} MB/s ({now['cpu_s']:.1f} s)"
            if before is not None:
                old = in_process(before, size, what)
                line += f"; before: {old['mb_s']:6.2f} MB/s ({old['cpu_s']:.1f} s, peak " \
                        f"{old['peak_mb']:,.0f} MB)"
            print(line, flush=True)
        gt = geotext_speed(size)
        print(f"    geotext  {gt:6.2f} MB/s (city and country names only, no resolution)"
              if gt else "    geotext: not installed (pip install geotext)")
        print(f"    peak memory of a process: {max(peaks):,.0f} MB (places, then extract: "
              f"{peaks[0]:,.0f} and {peaks[1]:,.0f} MB)", flush=True)
    wall, cpu, peak = fresh(ROOT)
    line = (f"  a fresh `geomap places` of a {SHORT_REPORT.stat().st_size / 1000:.1f} KB report: "
            f"{wall:.2f} s ({cpu:.2f} s CPU, {peak:,.0f} MB), median of 5")
    if before is not None:
        wall, cpu, peak = fresh(before)
        line += f"; before: {wall:.2f} s ({cpu:.2f} s CPU, {peak:,.0f} MB)"
    print(line)


if __name__ == "__main__":
    main()

"""Would compiling the reading modules with Cython make `places` and `extract` fast enough?
A script that prints, not a test (issue #13: 10 MB/s for places, 5 MB/s for extract).

    python bench/compiled.py             # build (4-8 min of gcc), then 5 rounds
    python bench/compiled.py --rounds 3 --keep /tmp/geomap-cy   # keep the compiled copy

It copies this checkout's geomap into a temporary directory (never into the repo tree),
compiles the modules below there with Cython, unchanged (``pip install cython`` first; it
is no dependency of geomap), checks that the copy imports the compiled modules and gives
the same `places` and `extract` results as the plain one, then runs bench/reading.py's
worker (MB/s per core, CPU time, "once started") on the plain and the compiled code in
turn, one process each, and prints the median and the range of each.

Annotations are not read as C types (``annotation_typing=False``): read as types they are
checked exactly, and find_mentions' ``first_words: frozenset[str]`` is given a KeySet.
What it measured (session 26, 2 shared cores; medians of 5): places 0.73 -> 0.83 MB/s on
the reports and 1.14 -> 1.43 MB/s on 1 MB, extract 0.37 -> 0.42 and 0.68 -> 0.68: 0-25 %,
never 2x. perf shows why: the interpreter's own loop was a fifth of the time; the rest goes
to dict and set look-ups, allocation, regex and str methods, which compiling does not remove.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READING = ROOT / "bench" / "reading.py"
MODULES = ["geomap/extraction/places.py", "geomap/extraction/claims.py",
           "geomap/extraction/keyed.py", "geomap/extraction/dates.py",
           "geomap/extraction/sides.py", "geomap/extraction/words.py",
           "geomap/gazetteer/__init__.py", "geomap/gazetteer/normalize.py",
           "geomap/resolve.py"]

# Run in the copy, in a process of its own: cythonize there, then build in place. (From a
# directory without pyproject.toml: an older setuptools rejects its `license = "MIT"`.)
BUILD = """
import sys
from Cython.Build import cythonize
from setuptools import setup
setup(name="geomap-compiled-bench", script_args=["build_ext", "--inplace", "-j", "2"],
      ext_modules=cythonize(sys.argv[1:], language_level=3, nthreads=2, quiet=True,
                            compiler_directives={"annotation_typing": False}))
"""

# The results of `places` and `extract` over the reports and a 1 MB document, as a digest.
SAME = """
import dataclasses, hashlib, json, sys
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2])
import reading
from geomap.api import extract, places
from geomap.records import Document
import geomap.extraction.places as p
def enc(o):
    return dataclasses.asdict(o) if dataclasses.is_dataclass(o) else repr(o)
h = hashlib.sha256()
texts = reading.reports() + [reading.text_at(reading.corpus(), 0, reading.MB)]
for run in (places, extract):
    for i, t in enumerate(texts):
        h.update(json.dumps(run(Document(text=t, name=f"d{i}", published="2021-05-14")),
                            default=enc, sort_keys=True).encode())
print(json.dumps({"file": p.__file__, "digest": h.hexdigest()}))
"""


def build(into: Path) -> float:
    """Copy geomap into ``into`` and compile MODULES there; the CPU seconds it took."""
    shutil.copytree(ROOT / "geomap", into / "geomap",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.c"))
    (into / "gazetteer").symlink_to(ROOT / "gazetteer")  # (the data, found beside geomap)
    before = os.times()
    subprocess.run([sys.executable, "-c", BUILD, *MODULES], cwd=into, check=True,
                   stdout=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)


def same(tree: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", SAME, str(tree), str(ROOT / "bench")],
                         capture_output=True, text=True, check=True, cwd=tree)
    return json.loads(out.stdout)


def speed(tree: Path, size: int, what: str) -> float:
    out = subprocess.run([sys.executable, str(READING), "--worker", str(tree), "--size",
                          str(size), "--what", what], capture_output=True, text=True,
                         check=True, cwd=tree)
    return json.loads(out.stdout.strip().splitlines()[-1])["mb_s"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="build here (a new directory) and keep it")
    args = ap.parse_args()
    into = args.keep or Path(tempfile.mkdtemp(prefix="geomap-compiled-"))
    into.mkdir(parents=True, exist_ok=True)
    try:
        cpu = build(into)
        print(f"compiled {len(MODULES)} modules in {cpu:.0f} s CPU", flush=True)
        plain, compiled = same(ROOT), same(into)
        if not compiled["file"].endswith(".so"):
            sys.exit(f"the copy imports {compiled['file']}, not the compiled module")
        if plain["digest"] != compiled["digest"]:
            sys.exit("the compiled copy's places or extract results differ from the plain one's")
        print("same places and extract results (the reports and 1 MB)", flush=True)
        got: dict[tuple, list[float]] = {}
        for _ in range(args.rounds):
            for size in (0, 1):
                for what in ("places", "extract"):
                    for label, tree in (("plain", ROOT), ("compiled", into)):
                        got.setdefault((size, what, label), []).append(
                            speed(tree, size, what))
        print(f"MB/s per core (CPU time), median (range) of {args.rounds} processes each:")
        for size in (0, 1):
            print("  the reports, a document each" if size == 0 else "  1 MB, one document")
            for what in ("places", "extract"):
                line = f"    {what:8}"
                for label in ("plain", "compiled"):
                    v = got[(size, what, label)]
                    line += f"  {label} {statistics.median(v):5.2f} ({min(v):.2f}-{max(v):.2f})"
                print(line)
    finally:
        if args.keep is None:
            shutil.rmtree(into, ignore_errors=True)


if __name__ == "__main__":
    main()

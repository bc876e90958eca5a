"""Border hotspots: do sentences naming each border's places, in each side's spelling, find
and resolve every place to the right one?

    .venv/bin/python bench/hotspots.py [-v]

Reads tests/data/hotspots/<border>.json (sentences written for this project, each with the
places it must resolve to) and prints, per border, the expectations met; -v lists the
misses with what geomap found instead. tests/test_hotspots.py asserts the same.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CASES = ROOT / "tests" / "data" / "hotspots"


def check(case: dict) -> list[str]:
    """What is wrong with one sentence: one line per expectation missed."""
    from geomap.api import places
    from geomap.records import Document

    text = case["text"]
    rows = places(Document(text=text))
    misses = []
    for surface, want in case["expect"].items():
        # a mention counts where it overlaps the expected words ("Paktika" in "Paktika
        # province"): the test is the place, not where the name's edges are drawn; met where
        # some occurrence of the words is covered by mentions of the expected place only
        spans = [(m.start(), m.end()) for m in re.finditer(
            rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text)]
        covering = [[r for r in rows if r["start"] < e and s < r["end"]] for s, e in spans]
        if any(hits and all(r["place_id"] == want for r in hits) for hits in covering):
            continue
        hits = [r for hits in covering for r in hits]
        if not hits:
            near = [r["surface"] for r in rows if surface in r["surface"] or r["surface"] in
                    surface]
            misses.append(f"{surface!r}: not found" + (f" (found {near})" if near else ""))
        else:
            r = next(r for r in hits if r["place_id"] != want)
            misses.append(f"{surface!r}: {r['status']} {r['place_id'] or '-'} "
                          f"({r['name']}, {r['country']}), not {want}")
    return misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    total = met = 0
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        n = ok = 0
        lines = []
        for case in data["cases"]:
            misses = check(case)
            n += len(case["expect"])
            ok += len(case["expect"]) - len(misses)
            lines += [f"    {m}   <- {case['text'][:80]}" for m in misses]
        total, met = total + n, met + ok
        print(f"{data['border']:10} {ok:3}/{n:<3} expectations met")
        if args.verbose:
            print("\n".join(lines))
    print(f"{'all':10} {met:3}/{total:<3} ({100 * met / max(1, total):.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

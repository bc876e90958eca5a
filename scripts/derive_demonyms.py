"""Derive gazetteer/demonyms.csv: each country's demonym ("Russian" -> RU), so that an
adjective that locates ("Armenian territory", "the Indian side") reads as its country.

    python scripts/derive_demonyms.py            # fetches countryinfo from PyPI
    python scripts/derive_demonyms.py --countryinfo DIR   # an unpacked countryinfo wheel

Source: countryinfo 1.0.1 (PyPI, MIT), data/<country>.json, field ``demonym``. Only the
demonym and the ISO 3166-1 code are taken; the curated gazetteer/sides.csv adds the forms
this source lacks or spells the old way (Kyrgyz and Tajik, where it has Kirghiz, Tadzhik).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "gazetteer" / "demonyms.csv"
PACKAGE = "countryinfo==1.0.1"


def fetch(work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "--dest", str(work), PACKAGE], check=True)
    with zipfile.ZipFile(next(work.glob("countryinfo-*.whl"))) as z:
        z.extractall(work / "countryinfo")
    return work / "countryinfo"


def derive(folder: Path) -> list[tuple[str, str]]:
    """(demonym, country) pairs. A demonym a dependency shares with its state ("French":
    France and Réunion) is the state's: only countries with at least a twentieth of the
    largest one's population keep it (both Congos keep "Congolese")."""
    by_term: dict[str, list[tuple[int, str]]] = {}
    for path in sorted((folder / "countryinfo" / "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        demonym = (data.get("demonym") or "").strip()
        population = int(data.get("population") or 0)
        if iso2 and demonym:
            for term in demonym.replace(" or ", ",").split(","):
                if term.strip():
                    by_term.setdefault(term.strip(), []).append((population, iso2))
    rows = []
    for term, owners in by_term.items():
        largest = max(p for p, _ in owners)
        rows += [(term, iso2) for p, iso2 in owners if p * 20 >= largest]
    return sorted(set(rows))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--countryinfo", type=Path, help="an unpacked countryinfo wheel")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = derive(args.countryinfo or fetch(Path(tmp)))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["term", "country"])
    w.writerows(rows)
    OUT.write_text(out.getvalue(), encoding="utf-8")
    print(f"{OUT}: {len(rows)} demonyms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

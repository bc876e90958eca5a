"""Shared fixtures. Tests run offline; the world index is built once into the user's cache
(or $GEOMAP_CACHE_DIR) if it is not there yet."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURE_REPORT = SHARED / "fixtures" / "000_d8693507342d965b.txt"
DATA = Path(__file__).parent / "data"

HEADER = ("id,date,place,claimant,claimant_side,stance,event,actor,text,source,url,"
          "published,role\n")


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.api import gazetteer as default

    return default()


@pytest.fixture
def write_csv(tmp_path):
    """Write a claims CSV: a header and rows (strings), return its path."""

    def write(rows: list[str], *, header: str = HEADER, name: str = "claims.csv") -> Path:
        path = tmp_path / name
        path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def example_page(tmp_path_factory) -> tuple[Path, object]:
    """The built-in example rendered once: (path, MapResult)."""
    from geomap.api import make_map

    out = tmp_path_factory.mktemp("example") / "may2021.html"
    return out, make_map(out=out)

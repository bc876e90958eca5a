"""Every text an output file holds, decoded, for checks that look inside outputs: the
strings of a GeoPackage's tables, a PDF's compressed streams, a PNG's text chunks as bytes.
(Used by tests/test_inert.py and bench/hostile.py; plain Python, no pytest.)"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path


def texts(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gpkg":
        conn = sqlite3.connect(path)
        try:
            out = [v for (table,) in conn.execute(
                       "SELECT name FROM sqlite_master WHERE type='table'")
                   for row in conn.execute(f'SELECT * FROM "{table}"') for v in row
                   if isinstance(v, str)]
        finally:
            conn.close()
        return "\n".join(out)
    if path.suffix == ".pdf":
        parts = [data.decode("latin-1")]
        for chunk in data.split(b"stream")[1:]:
            try:
                parts.append(zlib.decompress(chunk.lstrip(b"\r\n")).decode("latin-1"))
            except zlib.error:
                pass
        return "\n".join(parts)
    return data.decode("utf-8", errors="replace")

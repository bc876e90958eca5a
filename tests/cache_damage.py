"""Damage done to a cache file by the tests of the disk caches (geomap/geocache.py): each
kind must be found and the file derived again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

DAMAGES = ("truncate", "flip", "garbage", "empty", "foreign")


def damage(path: Path, how: str, foreign: Callable[[Path], None]) -> bytes:
    """Damage the file at ``path`` as ``how`` says (``foreign``: write there a whole,
    well-made file of another key); its bytes before."""
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "flip":  # one bit near the end (a shape's, the relief's)
        at = len(raw) - 1000
        path.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:])
    elif how == "garbage":
        path.write_bytes(b"\x00" * 5000)
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "foreign":
        foreign(path)
    else:
        raise ValueError(how)
    return raw

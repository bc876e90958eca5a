"""One error tree: everything geomap raises on purpose is a GeomapError.

Each subclass also inherits the builtin it behaves like, so callers who know nothing of geomap
can still catch ``ValueError`` or ``LookupError``. The CLI turns any GeomapError into
``Error: <message>`` and exit code 1.
"""

from __future__ import annotations

from pathlib import Path


def shown_path(path: str | Path) -> str:
    """A file's name as text to show or store: bytes that are not UTF-8 (a name from a
    Windows archive, say) become U+FFFD instead of failing every write downstream.

    >>> shown_path(b"n\\xffame.csv".decode("utf-8", "surrogateescape"))
    'n\ufffdame.csv'
    """
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """An input file or value is wrong; says which file and line where it knows them.

    >>> str(InputError("unknown stance 'maybe'", path="claims.csv", line=4))
    "claims.csv:4: unknown stance 'maybe'"
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else shown_path(path)
        self.line = line

    def __str__(self) -> str:
        where = [p for p in (self.path, None if self.line is None else str(self.line)) if p]
        return ":".join([*where, f" {self.message}"]) if where else self.message


class PlaceNotFound(GeomapError, LookupError):
    """No gazetteer entry matches a name or id."""


class GazetteerError(GeomapError, RuntimeError):
    """The gazetteer's data or index is missing or damaged."""


class OutputError(GeomapError, OSError):
    """An output cannot be written."""

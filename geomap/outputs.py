"""Writing outputs: whole or not at all, only after everything succeeded, never over an input.

A command stages each of its files in a temporary file beside the destination (a hidden
``.<name>.<pid>.<random>.tmp.<suffix>``, swept by a later run once its writer is gone);
only when every file has been written are they renamed into place. A failure, an interrupt
or a full disk removes the temporary files and leaves every existing file as it was. Before
any work, ``check_paths`` refuses an output that is one of the inputs (``geomap map x.csv
-o x.csv``), an incident store, not a regular file, or shared by two outputs (``-o o.csv
--csv``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same real path, or the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def _with_parts(path: Path) -> list[Path]:
    """A Shapefile is several files side by side: all of them are the input."""
    if path.suffix.lower() != ".shp":
        return [path]
    return [path.with_suffix(s) for s in SHAPEFILE_PARTS] + [
        path.with_suffix(s.upper()) for s in SHAPEFILE_PARTS]


def is_store(path: Path) -> bool:
    """Whether ``path`` is an incident store (a GeoPackage with geomap's inputs table)."""
    import sqlite3
    import urllib.parse

    try:
        with open(path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False
        uri = "file:" + urllib.parse.quote(os.fsencode(path.absolute())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE name = "
                                     "'geomap_inputs'").fetchone()[0])
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def check_paths(outputs: Iterable[str | Path], inputs: Iterable[str | Path], *,
                in_place: bool = False) -> None:
    """Refuse outputs that would overwrite an input, an incident store, something that is
    not a regular file (a directory, a pipe, a device such as /dev/stdout), or each other.

    ``in_place``: the outputs are updated where they are (an ingest's store), not
    replaced; only their being one of the inputs is refused.
    """
    outputs = [Path(p) for p in outputs]
    inputs = [part for p in inputs if str(p) != "-" for part in _with_parts(Path(p))]
    for i, out in enumerate(outputs):
        if in_place:
            for given in inputs:
                if _same(out, given):
                    raise OutputError(f"{out}: is one of the inputs; choose another store")
            continue
        if out.is_dir():
            raise OutputError(f"{out}: is a directory; give a file name")
        if out.is_symlink():  # replacing it would replace the link (/dev/stdout, say)
            raise OutputError(f"{out}: is a symbolic link; geomap writes files, not through "
                              "links: give the file's own path")
        if out.exists() and not out.is_file():
            raise OutputError(f"{out}: is not a regular file (a pipe or a device); geomap "
                              "writes files: give a file name")
        for other in outputs[:i]:
            if _same(out, other):
                raise OutputError(f"{out}: two outputs would be written to this one file; "
                                  "choose an output name (-o) whose exports do not collide")
        for given in inputs:
            if _same(out, given):
                raise OutputError(f"{out}: is one of the inputs; geomap never overwrites an "
                                  "input: choose another output (-o)")
        if out.is_file() and is_store(out):
            raise OutputError(f"{out}: is an incident store; geomap never replaces one with "
                              "an output: choose another output (-o)")


# Outputs in the formats an analyst edits and geomap reads back. geomap replaces such a file
# only when it holds exactly what geomap last wrote there: an edited claims file is never
# lost to a later run's export (``geomap map r.txt --csv`` after editing r.csv).
EDITABLE_SUFFIXES = (".csv", ".geojson", ".json")


def _ledger(path: Path) -> Path:
    """Where the digest of what geomap last wrote at ``path`` is kept (in the cache
    folder, one small file per output path)."""
    import hashlib

    from .gazetteer.world import cache_dir

    key = hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:32]
    return cache_dir() / "written" / key


def _digest(path: Path) -> str:
    import hashlib

    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest() if hasattr(
            hashlib, "file_digest") else hashlib.sha256(f.read()).hexdigest()


def edited_since_written(path: Path) -> bool:
    """Whether ``path`` is a file in an editable format that geomap did not write as it is
    now: edited since, or written by someone else."""
    if path.suffix.lower() not in EDITABLE_SUFFIXES or not path.is_file():
        return False
    try:
        return _ledger(path).read_text(encoding="ascii").strip() != _digest(path)
    except OSError:
        return True


def _remember(path: Path) -> None:
    """Record what geomap wrote at ``path`` (best effort: without a record, a later run
    refuses to replace the file, which is the safe side)."""
    if path.suffix.lower() not in EDITABLE_SUFFIXES:
        return
    try:
        write_atomic(_ledger(path), _digest(path) + "\n")  # (no suffix: not remembered)
    except OSError:
        pass


def check_edits(outputs: Iterable[str | Path], *, overwrite: bool = False) -> None:
    """Refuse to replace a claims file (CSV, GeoJSON, JSON) that is not exactly what geomap
    last wrote there: it may hold an analyst's corrections. ``overwrite`` allows it."""
    if overwrite:
        return
    for out in (Path(p) for p in outputs):
        if edited_since_written(out):
            raise OutputError(
                f"{out}: exists and is not what geomap last wrote there (edited since, or "
                "another tool's file): geomap does not replace a claims file that may hold "
                "corrections; map it as an input, choose another output (-o), or give "
                "--overwrite")


def sweep_temporaries(final: Path) -> None:
    """Remove the temporary files of this output left by a writer that was killed
    (``.<name>.<pid>.*``, whose process is gone)."""
    prefix = f".{short_name(final.name)}."
    try:
        found = [p for p in final.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for tmp in found:
        pid = tmp.name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # alive, or not ours to ask about


def short_name(name: str) -> str:
    """The name as it appears in a temporary file's name: cut so that the temporary name
    stays within the 255 bytes a file name may have."""
    return name.encode("utf-8", "surrogateescape")[:150].decode("utf-8", "ignore")


class Staged:
    """Files written aside and renamed together by ``commit``; removed if anything fails.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Staged() as out:
    ...     out.text(folder / "a.txt", "hello")
    ...     [p.name for p in out.commit()]
    ['a.txt']
    """

    def __init__(self) -> None:
        self._files: list[tuple[Path, Path]] = []  # (temporary, final)

    def _reserve(self, final: Path) -> Path:
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            sweep_temporaries(final)
            # the process id, so that a later run can tell a dead writer's file; the real
            # suffix last: GDAL checks it (".tmp.gpkg")
            fd, name = tempfile.mkstemp(prefix=f".{short_name(final.name)}.{os.getpid()}.",
                                        suffix=f".tmp{final.suffix[:16]}", dir=final.parent)
        except OSError as err:
            raise OutputError(f"{final}: cannot write here: {err.strerror}") from err
        os.close(fd)
        tmp = Path(name)
        self._files.append((tmp, final))
        return tmp

    def data(self, final: str | Path, payload: bytes) -> None:
        self.write(final, lambda tmp: tmp.write_bytes(payload))

    def text(self, final: str | Path, text: str) -> None:
        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)

        self.write(final, write)

    def write(self, final: str | Path, writer: Callable[[Path], object], *,
              fresh: bool = False) -> None:
        """Stage ``final`` by calling ``writer(temporary path)``; with ``fresh`` the
        temporary file does not exist yet (GDAL creates its files itself)."""
        final = Path(final)
        tmp = self._reserve(final)
        try:
            if fresh:
                tmp.unlink()
            writer(tmp)
        except OutputError as err:
            raise OutputError(f"{final}: {err}") from err
        except OSError as err:
            raise OutputError(f"{final}: cannot write: {err.strerror or err}") from err

    def commit(self) -> list[Path]:
        """Rename every staged file into place; return the final paths."""
        done = []
        try:
            for tmp, final in self._files:
                if tmp.exists():
                    os.chmod(tmp, 0o644)
                os.replace(tmp, final)
                done.append(final)
                _remember(final)
        except OSError as err:
            raise OutputError(f"{final}: cannot write: {err.strerror or err}") from err
        finally:
            self.discard()
        return done

    def discard(self) -> None:
        for tmp, _ in self._files:
            tmp.unlink(missing_ok=True)
        self._files = []

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def write_atomic(path: str | Path, text: str) -> None:
    """Write one text file whole or not at all."""
    with Staged() as out:
        out.text(path, text)
        out.commit()

"""Writing outputs: whole or not at all, only after everything succeeded, never over an input.

A command stages each of its files in a temporary file beside the destination (a hidden
``.<name>.<random>.tmp.<suffix>``); only when every file has been written are they renamed
into place. A failure, an interrupt or a full disk removes the temporary files and leaves
every existing file as it was. Before any work, ``check_paths`` refuses an output that is
one of the inputs (``geomap map x.csv -o x.csv``) or that two outputs share
(``-o o.csv --csv``).
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


def check_paths(outputs: Iterable[str | Path], inputs: Iterable[str | Path]) -> None:
    """Refuse outputs that would overwrite an input, a directory, or each other."""
    outputs = [Path(p) for p in outputs]
    inputs = [Path(p) for p in inputs if str(p) != "-"]
    for i, out in enumerate(outputs):
        if out.is_dir():
            raise OutputError(f"{out}: is a directory; give a file name")
        for other in outputs[:i]:
            if _same(out, other):
                raise OutputError(f"{out}: two outputs would be written to this one file; "
                                  "choose an output name (-o) whose exports do not collide")
        for given in inputs:
            if _same(out, given):
                raise OutputError(f"{out}: is one of the inputs; geomap never overwrites an "
                                  "input: choose another output (-o)")


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
            # the real suffix last: GDAL checks it (".tmp.gpkg")
            fd, name = tempfile.mkstemp(prefix=f".{final.name}.",
                                        suffix=f".tmp{final.suffix}", dir=final.parent)
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

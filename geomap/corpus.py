"""A corpus: many reports read at once, serially or on a Dask cluster.

What is a report (``sources``):

- a file named on the command line: a report (.txt, .md, .html, ...), or a JSON Lines feed
  (.jsonl, .ndjson: one report per line, an object with ``text`` and optionally ``title``,
  ``publisher``, ``url`` and ``date``, named ``feed.jsonl:LINE``);
- a directory: every report and feed under it, at any depth, in name order (hidden files
  and folders, and files of other kinds, are passed over and counted);
- a glob (``"feeds/2021-*.jsonl"``, ``"corpus/**/*.txt"``): the files it matches, in name
  order, each taken as a file named on the command line.

Each report's bytes are read here, once, and hashed (SHA-256 of the file, or of the feed's
line): the same text named twice in one run is read once, and a report already done (in a
store's inputs, or in the journal of an interrupted extract) is not read again. What cannot
be read (missing, unreadable, binary, mis-encoded, a feed line that is not a report) is a
``Failed``: said with its name, skipped, counted; the rest go through.

Extraction (``extracted``) is the same function serially and on Dask: a batch of reports
in, their claims out, in input order. On Dask each worker loads the gazetteer once (the
first batch warms it) and the batches go out a few at a time, so memory stays bounded
whatever the corpus size. The results are the same objects a serial run makes, so the
outputs are the same bytes.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GeomapError, InputError, shown_path

REPORT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
FEED_SUFFIXES = (".jsonl", ".ndjson")
FEED_KEYS = ("title", "publisher", "url", "date")
GLOB_CHARS = frozenset("*?[")
# A batch sent to a worker: this many bytes of reports, or this many reports.
BATCH_BYTES = 1 << 20
BATCH_REPORTS = 64


@dataclass(frozen=True)
class Report:
    """One report of a corpus: its name (as in messages and claims' origins), its bytes,
    their hash, and what its feed line says of it."""

    name: str
    data: bytes
    sha256: str
    meta: tuple = ()  # ((key, value), ...) from a feed line


@dataclass(frozen=True)
class Failed:
    """An input that could not be read as a report, and why (the message names it)."""

    name: str
    message: str


@dataclass(frozen=True)
class Options:
    """What every report is read with: the command's options (they override a feed line's
    fields and a report's own header, as for one report)."""

    date: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    encoding: str = "utf-8"


@dataclass
class Done:
    """A report read: its claims, or the error that stopped it."""

    name: str
    sha256: str
    size: int
    claims: list = field(default_factory=list)
    published: str = ""
    title: str = ""
    error: str = ""


@dataclass
class Listing:
    """What the inputs named besides reports: claims files (for ingest), and how many files
    of other kinds the directories held."""

    claims_files: list[Path] = field(default_factory=list)
    passed_over: int = 0


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_corpus(args: Iterable[str]) -> bool:
    """Whether these inputs are more than the one report file ``extract`` always took."""
    args = list(args)
    if len(args) != 1:
        return True
    arg = args[0]
    if arg == "-":
        return False
    path = Path(arg)
    if path.is_dir() or path.suffix.lower() in FEED_SUFFIXES:
        return True
    return not path.exists() and bool(GLOB_CHARS & set(arg))


def split_inputs(args: list[str]) -> tuple[list[Path], list[str]]:
    """An ingest's inputs: (claims files, what names reports). A file named on the command
    line that is not a report or a feed is a claims file (.csv, .geojson, ...)."""
    files, reports = [], []
    for arg in args:
        path = Path(arg)
        if arg != "-" and path.suffix.lower() not in REPORT_SUFFIXES + FEED_SUFFIXES and \
                not path.is_dir() and (path.exists() or not GLOB_CHARS & set(arg)):
            files.append(path)
        else:
            reports.append(arg)
    return files, reports


def _walk(root: Path, listing: Listing) -> Iterator[Path]:
    """Reports and feeds under a directory, in name order; hidden ones passed over."""
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if name.lower().endswith(REPORT_SUFFIXES + FEED_SUFFIXES):
                yield Path(here) / name
            else:
                listing.passed_over += 1


def _paths(args: Iterable[str], listing: Listing, *, claims_files: bool
           ) -> Iterator[Path | Failed]:
    for arg in args:
        if arg == "-":
            yield Path("-")
            continue
        path = Path(arg)
        try:
            is_dir = path.is_dir()
            exists = is_dir or os.path.lexists(arg)
        except (OSError, ValueError):
            is_dir, exists = False, False
        if is_dir:
            yield from _walk(path, listing)
        elif not exists and GLOB_CHARS & set(arg):
            matched = sorted(glob.glob(arg, recursive=True))
            if not matched:
                yield Failed(shown_path(arg), f"{shown_path(arg)}: matches no file")
            for m in matched:
                if Path(m).is_dir():
                    yield from _walk(Path(m), listing)
                else:
                    yield Path(m)
        elif claims_files and path.suffix.lower() not in REPORT_SUFFIXES + FEED_SUFFIXES:
            listing.claims_files.append(path)
        else:
            yield path


def _feed(path: Path, name: str, data: bytes) -> Iterator[Report | Failed]:
    """The reports of a JSON Lines feed, one per non-blank line."""
    from .read import clean_text

    for number, line in enumerate(data.split(b"\n"), 1):
        where = f"{name}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield Failed(where, f"{where}: is not UTF-8 text")
            continue
        except RecursionError:
            yield Failed(where, f"{where}: is nested too deeply to be a report")
            continue
        except ValueError as err:
            yield Failed(where, f"{where}: is not JSON ({str(err).split(':')[0]})")
            continue
        if not isinstance(record, dict):
            yield Failed(where, f"{where}: is not a JSON object with a \"text\"")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Failed(where, f"{where}: has no \"text\" (a report's words, a string)")
            continue
        bad = [k for k in FEED_KEYS if record.get(k) is not None
               and not isinstance(record[k], str)]
        if bad:
            yield Failed(where, f"{where}: \"{bad[0]}\" is not a string")
            continue
        meta = tuple((k, clean_text(record[k])) for k in FEED_KEYS if record.get(k))
        # (a lone surrogate, which JSON can spell but no text holds, becomes U+FFFD)
        yield Report(where, clean_text(text).encode("utf-8"), _sha(line.strip()), meta)


def sources(args: Iterable[str], *, claims_files: bool = False,
            listing: Listing | None = None) -> Iterator[Report | Failed]:
    """The reports the inputs name, in order, read and hashed (see the module's doc).

    ``claims_files``: a named file that is not a report or feed is a claims file, put in
    ``listing.claims_files`` (ingest); otherwise every named file is read as a report.
    """
    from .read import _read_bytes

    listing = listing if listing is not None else Listing()
    for path in _paths(args, listing, claims_files=claims_files):
        if isinstance(path, Failed):
            yield path
            continue
        name = "<stdin>" if str(path) == "-" else shown_path(path)
        try:
            if str(path) == "-":
                data = sys.stdin.buffer.read()
            else:
                data = _read_bytes(path, "a report")
        except InputError as err:
            yield Failed(name, str(err))
            continue
        if path.suffix.lower() in FEED_SUFFIXES:
            yield from _feed(path, name, data)
        else:
            yield Report(name, data, _sha(data))


def _read(report: Report, options: Options):
    from .read import normal_url, read_document

    meta = dict(report.meta)
    if meta.get("url"):  # a feed's address is the report's own: dropped if not http(s), as
        meta["url"] = normal_url(meta["url"]) or None  # a header's is
    return read_document("-", stdin=report.data, name=report.name, encoding=options.encoding,
                         title=options.title or meta.get("title"),
                         publisher=options.publisher or meta.get("publisher"),
                         url=options.url or meta.get("url"),
                         date=options.date or meta.get("date"))


def extract_report(report: Report, options: Options) -> Done:
    """One report's claims (``api.extract``), or the error that stopped it."""
    from .api import extract

    try:
        doc = _read(report, options)
        claims = extract(doc)
    except GeomapError as err:
        return Done(report.name, report.sha256, len(report.data), error=str(err))
    return Done(report.name, report.sha256, len(report.data), claims, doc.published,
                doc.title)


def extract_batch(reports: list[Report], options: Options) -> list[Done]:
    """A worker's task: each report of a batch, in order."""
    return [extract_report(r, options) for r in reports]


def _warm() -> int:
    """Load the gazetteer on a worker, once: its index and name sets stay for every batch."""
    from .api import gazetteer

    gazetteer()
    return os.getpid()


def gazetteer_loads() -> int:
    """How many times this process has loaded the default gazetteer (1 once warm)."""
    from .api import gazetteer

    return gazetteer.cache_info().misses


def _batches(reports: Iterable[Report | Failed]) -> Iterator[list[Report | Failed]]:
    batch: list = []
    size = 0
    for r in reports:
        batch.append(r)
        size += len(r.data) if isinstance(r, Report) else 0
        if size >= BATCH_BYTES or len(batch) >= BATCH_REPORTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _serial(batches: Iterable[list], options: Options) -> Iterator[list]:
    for batch in batches:
        reports = [r for r in batch if isinstance(r, Report)]
        done = iter(extract_batch(reports, options))
        yield [next(done) if isinstance(r, Report) else r for r in batch]


def _on_dask(client, batches: Iterable[list], options: Options) -> Iterator[list]:
    """The batches extracted on the cluster, a few in flight per worker, back in order."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 3 * workers
    pending: list = []  # (batch, future) in input order
    it = iter(batches)
    while True:
        while len(pending) < window:
            batch = next(it, None)
            if batch is None:
                break
            reports = [r for r in batch if isinstance(r, Report)]
            future = client.submit(extract_batch, reports, options, pure=False) \
                if reports else None
            pending.append((batch, future))
        if not pending:
            return
        batch, future = pending.pop(0)
        done = iter(future.result() if future is not None else [])
        yield [next(done) if isinstance(r, Report) else r for r in batch]


class ClusterError(GeomapError, RuntimeError):
    """The Dask cluster could not be started or reached."""


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None):
    """A Dask client: on a new local cluster of ``workers`` processes, or on the cluster
    whose scheduler is at ``scheduler`` (tcp://host:8786). Each worker's gazetteer is loaded
    before any report is sent."""
    import logging

    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - a dependency
        raise ClusterError(f"--workers and --scheduler need dask.distributed: {err}") from err
    for name in ("distributed", "distributed.worker", "distributed.scheduler",
                 "distributed.nanny", "distributed.core", "distributed.http.proxy"):
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="15s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as err:
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ClusterError(f"cannot reach {where}: {err}") from None
    try:
        try:
            client.run(_warm)
        except Exception as err:  # a worker without geomap, or of another version
            raise ClusterError("the Dask workers cannot run geomap (is it installed on "
                               f"them, the same version?): {type(err).__name__}: {err}"
                               ) from None
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extracted(reports: Iterable[Report | Failed], options: Options, *, client=None
              ) -> Iterator[Done | Failed]:
    """Each report's claims (or its failure), in input order: serially, or on the cluster
    of ``client``."""
    batches = _batches(reports)
    run = _serial(batches, options) if client is None else _on_dask(client, batches, options)
    for batch in run:
        yield from batch


class Progress:
    """Counts and rate on stderr: rewritten in place on a terminal, a line every few
    seconds otherwise (a log)."""

    def __init__(self, what: str, stream=None, every: float | None = None):
        self.what = what
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = every if every is not None else (0.25 if self.tty else 10.0)
        self.start = self.last = time.monotonic()
        self.reports = self.bytes = self.claims = self.skipped = self.failed = 0
        self.shown = False

    def line(self) -> str:
        seconds = max(time.monotonic() - self.start, 1e-9)
        mb = self.bytes / 1e6
        parts = [f"{self.reports:,} reports ({mb:,.1f} MB)", f"{self.claims:,} claims"]
        if self.skipped:
            parts.append(f"{self.skipped:,} not read again (done before, or the same text)")
        if self.failed:
            parts.append(f"{self.failed:,} failed")
        return (f"{self.what}: " + ", ".join(parts)
                + f" in {seconds:,.1f} s ({mb / seconds:,.2f} MB/s, "
                  f"{self.reports / seconds:,.1f} reports/s)")

    def tick(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.every:
            return
        self.last = now
        if self.tty:
            self.stream.write("\r\x1b[K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()
        self.shown = True

    def failure(self, message: str) -> None:
        self.failed += 1
        if self.tty and self.shown:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"Error: {message} (skipped)\n")
        self.stream.flush()
        self.shown = False if self.tty else self.shown

    def done(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\r\x1b[K")
        if self.reports or self.failed or self.skipped:
            self.stream.write(self.line() + "\n")
            self.stream.flush()


# -- the journal of an extract to a file ----------------------------------------------------

JOURNAL_VERSION = 1


class Journal:
    """What an ``extract -o OUT`` of a corpus has done so far, beside OUT (``OUT.part``):
    a line per report done, with its claims, appended and flushed as reports finish. A
    killed run leaves it; the same command again reads it and extracts only the reports
    not in it, then writes OUT whole and removes it. A journal of other options, or one
    that does not read, is started over; a last line cut short by the kill is ignored.
    """

    def __init__(self, path: Path, options: dict):
        self.path = path
        self.options = options
        self.done: dict[str, list] = {}  # sha256 -> claims
        self.file = None

    @staticmethod
    def path_for(out: Path) -> Path:
        return out.with_name(out.name + ".part")

    def open(self) -> int:
        """Read what an earlier run did; return how many reports it holds."""
        from .records import Claim

        kept: list[bytes] = []
        try:
            mode = self.path.lstat().st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise InputError("is in the way of the extract's journal (not a regular file)",
                             path=self.path)
        if mode is not None:
            lines = self.path.read_bytes().split(b"\n")
            try:
                head = json.loads(lines[0])
                same = head == {"geomap_journal": JOURNAL_VERSION, "options": self.options}
            except ValueError:
                same = False
            if same:
                kept.append(lines[0])
                for line in lines[1:]:
                    try:
                        entry = json.loads(line)
                        claims = [Claim(**c) for c in entry["claims"]]
                        sha = entry["sha256"]
                    except (ValueError, KeyError, TypeError):
                        continue  # (the line a kill cut short)
                    self.done[sha] = claims
                    kept.append(line)
        # the journal as read, rewritten whole (a cut-short line dropped), then appended to
        tmp = self.path.with_name(self.path.name + ".tmp")
        head = json.dumps({"geomap_journal": JOURNAL_VERSION, "options": self.options},
                          sort_keys=True).encode()
        with open(tmp, "wb") as f:
            f.write(b"\n".join(kept or [head]) + b"\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        self.file = open(self.path, "ab")  # noqa: SIM115 - closed in close()
        return len(self.done)

    def add(self, done: Done) -> None:
        from dataclasses import asdict

        # (each claim whole, as extracted: one the report names no place for is kept too)
        entry = {"name": done.name, "sha256": done.sha256,
                 "claims": [asdict(c) for c in done.claims]}
        self.file.write(json.dumps(entry, sort_keys=True, ensure_ascii=True).encode() + b"\n")
        self.file.flush()
        self.done[done.sha256] = done.claims

    def close(self, *, remove: bool) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        if remove:
            self.path.unlink(missing_ok=True)


@dataclass
class CorpusResult:
    """What a corpus run did: the claims in input order and the counts."""

    claims: list
    reports: int = 0  # reports whose claims are in ``claims`` (read now or before)
    skipped: int = 0  # reports not read again: done before, or the same text named twice
    failed: list[str] = field(default_factory=list)  # the messages of the failed
    undated: list[str] = field(default_factory=list)  # reports with no publication date
    passed_over: int = 0


def extract_corpus(args: list[str], options: Options, *, journal: Journal | None = None,
                   client=None, progress: Progress | None = None) -> CorpusResult:
    """The claims of every report the inputs name, in input order (see the module's doc).

    ``journal``: reports it holds are not read again, and each report done is added to it.
    """
    listing = Listing()
    result = CorpusResult([])
    by_sha: dict[str, list] = dict(journal.done) if journal else {}
    order: list[str] = []
    seen: set[str] = set()

    def fresh(items: Iterable[Report | Failed]) -> Iterator[Report | Failed]:
        for item in items:
            if isinstance(item, Report) and item.sha256 in seen:
                result.skipped += 1
                if progress:
                    progress.skipped += 1
                continue
            if isinstance(item, Report):
                seen.add(item.sha256)
                order.append(item.sha256)  # its place in the output, whenever it is done
                if item.sha256 in by_sha:  # done by an earlier, interrupted run
                    result.skipped += 1
                    if progress:
                        progress.skipped += 1
                        progress.tick()
                    continue
            yield item

    for item in extracted(fresh(sources(args, listing=listing)), options, client=client):
        if isinstance(item, Failed) or item.error:
            message = item.message if isinstance(item, Failed) else item.error
            result.failed.append(message)
            if progress:
                progress.failure(message)
            continue
        by_sha[item.sha256] = item.claims
        result.reports += 1
        if not item.published:
            result.undated.append(item.name)
        if journal:
            journal.add(item)
        if progress:
            progress.reports += 1
            progress.bytes += item.size
            progress.claims += len(item.claims)
            progress.tick()
    result.claims = [c for sha in order if sha in by_sha for c in by_sha[sha]]
    result.passed_over = listing.passed_over
    return result


def run_corpus(fn: Callable, *, workers: int | None, scheduler: str | None):
    """Call ``fn(client)`` with a Dask client when ``workers`` or ``scheduler`` is given,
    else ``fn(None)`` (serial, in this process)."""
    if workers is None and not scheduler:
        return fn(None)
    with dask_client(workers, scheduler) as client:
        return fn(client)

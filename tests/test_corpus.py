"""Corpus input (issue #13): many reports at once through `geomap extract` and `geomap
ingest` — directories, globs, JSON Lines feeds — read once each (by content), with bad
reports skipped and said, progress on stderr, killed runs that resume, and the same results
on a real Dask cluster (scheduler and workers as processes) as serially."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap import corpus
from geomap.api import ingest
from geomap.store import load

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "bench" / "reports").glob("*.txt"))
GEOMAP = [sys.executable, "-m", "geomap"]
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}

# Short reports of their own, made here, for a feed: each names a place and a speaker.
LINES = [
    ("Armenia's defence ministry said Azerbaijani troops advanced near Sev Lich.",
     "2021-05-13"),
    ("Kyrgyz border guards said Tajik troops fired on a post near Dostuk.", "2021-04-29"),
    ("India's army said Chinese troops clashed with its soldiers in the Galwan Valley.",
     "2020-06-16"),
    ("Lebanon's army said Israeli shells landed near Aita al-Shaab.", "2023-10-15"),
]


def _run(*args, cwd: Path, check_rc: int | None = 0, stdin: str = ""
         ) -> subprocess.CompletedProcess:
    proc = subprocess.run([*GEOMAP, *args], cwd=cwd, capture_output=True, text=True,
                          env=ENV, timeout=600, input=stdin)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def _feed(path: Path, n: int = len(LINES), extra: list[str] = ()) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text, date = LINES[i % len(LINES)]
            f.write(json.dumps({"text": f"{text} (report {i})", "date": date,
                                "publisher": "Feed", "title": f"Report {i}"}) + "\n")
        for line in extra:
            f.write(line + "\n")
    return path


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A corpus folder: four reports (one in a subfolder), a copy of one, a feed, and a
    file that is no report."""
    (tmp_path / "corpus" / "sub").mkdir(parents=True)
    for i, p in enumerate(REPORTS):
        where = tmp_path / "corpus" / ("sub" if i == 0 else "") / p.name
        shutil.copy(p, where)
    shutil.copy(REPORTS[1], tmp_path / "corpus" / "sub" / "again.txt")  # the same text
    _feed(tmp_path / "corpus" / "feed.jsonl")
    (tmp_path / "corpus" / "notes.csv").write_text("not a report\n", encoding="utf-8")
    (tmp_path / "corpus" / ".hidden.txt").write_text("Goris.\n", encoding="utf-8")
    return tmp_path


def _claims_one_by_one(cwd: Path, names: list[str]) -> list[dict]:
    """The claims of each report extracted alone, in order (what a corpus run must give)."""
    import csv

    rows = []
    for name in names:
        if name.endswith(".jsonl"):
            for line in Path(cwd, name).read_text().splitlines():
                rec = json.loads(line)
                got = _run("extract", "-", "--date", rec["date"], "--publisher",
                           rec["publisher"], "--title", rec["title"], cwd=cwd,
                           stdin=rec["text"])
                rows += list(csv.DictReader(got.stdout.splitlines()))
        else:
            rows += list(csv.DictReader(_run("extract", name, cwd=cwd).stdout.splitlines()))
    return rows


def test_a_folder_is_read_whole_in_name_order_each_text_once(tree):
    import csv

    proc = _run("extract", "corpus", cwd=tree)
    got = list(csv.DictReader(proc.stdout.splitlines()))
    # name order, a folder's files before its subfolders': corpus/feed.jsonl,
    # corpus/<reports>, corpus/sub/<report>; sub/again.txt holds the text of a report read
    # before: not read again
    names = ["corpus/feed.jsonl", *[f"corpus/{p.name}" for p in REPORTS[1:]],
             f"corpus/sub/{REPORTS[0].name}"]
    want = _claims_one_by_one(tree, names)
    assert len(got) == len(want) > 40
    assert [{k: v for k, v in r.items() if k != "id"} for r in got] == \
        [{k: v for k, v in r.items() if k != "id"} for r in want]
    sources = list(dict.fromkeys(r["source"] for r in got))  # (a feed line's: its title)
    assert sources[:4] == ["Report 0", "Report 1", "Report 2", "Report 3"]
    assert len(sources) == 8 and not any("again" in o or "hidden" in o for o in sources)
    assert "1 not read again" in proc.stderr  # the copy
    assert "1 files in the directories are not reports" in proc.stderr  # notes.csv
    assert re.search(r"extract: 8 reports \([0-9.]+ MB\), [0-9,]+ claims", proc.stderr)
    assert "MB/s" in proc.stderr


def test_globs_and_several_inputs_are_taken_in_the_order_given(tree):
    one = _run("extract", "corpus/*.txt", "corpus/sub", cwd=tree)
    two = _run("extract", *[f"corpus/{p.name}" for p in REPORTS[1:]],
               f"corpus/sub/{REPORTS[0].name}", "corpus/sub/again.txt", cwd=tree)
    assert one.stdout == two.stdout
    recursive = _run("extract", "corpus/**/*.txt", cwd=tree)
    assert recursive.stdout.count("\n") == one.stdout.count("\n")


def test_one_bad_report_among_many_is_said_and_skipped_and_the_rest_go_through(tree):
    corpus_dir = tree / "corpus"
    (corpus_dir / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (corpus_dir / "latin1.txt").write_bytes("Caf\xe9 near Goris".encode("latin-1"))
    os.mkfifo(corpus_dir / "pipe.txt")
    _feed(corpus_dir / "feed.jsonl", extra=[
        "not json", "[1, 2]", '{"title": "no text"}', '{"text": "x", "date": 20210514}',
        '{"text": "Shelling near Goris.", "date": "2021-02-30"}', "[" * 100000,
        json.dumps({"text": "Armenia's defence ministry said Azerbaijani troops advanced "
                            "near Goris on Wedn-esday."}).replace("-", "\\udc00")])
    proc = _run("extract", "corpus", "missing.txt", "nothing/*.txt", "-o", "out.csv",
                cwd=tree, check_rc=1)
    err = proc.stderr
    for said in ("corpus/binary.txt: is a binary file", "corpus/latin1.txt:1: is not utf-8",
                 "corpus/pipe.txt: is not a regular file",
                 "corpus/feed.jsonl:5: is not JSON",
                 "corpus/feed.jsonl:6: is not a JSON object",
                 "corpus/feed.jsonl:7: has no \"text\"",
                 "corpus/feed.jsonl:8: \"date\" is not a string",
                 "corpus/feed.jsonl:9: date", "corpus/feed.jsonl:10: is nested too deeply",
                 "missing.txt: no such file", "nothing/*.txt: matches no file"):
        assert f"Error: {said}" in err, said
    assert "11 inputs failed and were skipped" in err
    rows = (tree / "out.csv").read_text(encoding="utf-8").splitlines()
    good = _run("extract", "corpus/feed.jsonl", cwd=tree, check_rc=1)  # (its bad lines)
    assert len(rows) > 40 and all(line in rows for line in good.stdout.splitlines()[1:])
    assert any("Wedn\ufffdesday" in line for line in rows)  # a lone surrogate: U+FFFD
    assert not (tree / "out.csv.part").exists()


def test_a_killed_extract_goes_on_where_it_stopped_and_gives_the_same_bytes(tmp_path):
    _feed(tmp_path / "feed.jsonl", n=400)
    whole = _run("extract", "feed.jsonl", "-o", "whole.csv", cwd=tmp_path)
    assert "going on" not in whole.stderr
    proc = subprocess.Popen([*GEOMAP, "extract", "feed.jsonl", "-o", "out.csv"],
                            cwd=tmp_path, env=ENV, stderr=subprocess.PIPE)
    journal = tmp_path / "out.csv.part"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # killed once some reports are in the journal
        if journal.exists() and journal.read_bytes().count(b"\n") > 80:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert journal.exists() and not (tmp_path / "out.csv").exists()
    with open(journal, "ab") as f:  # as if the kill had cut the last line short
        f.write(b'{"name": "feed.jsonl:9", "sha256": "')
    again = _run("extract", "feed.jsonl", "-o", "out.csv", cwd=tmp_path)
    m = re.search(r"going on from out.csv.part: ([0-9]+) reports", again.stderr)
    assert m and 80 <= int(m[1]) < 400
    assert re.search(rf"extract: {400 - int(m[1])} reports", again.stderr)
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert not journal.exists()


def test_a_journal_of_other_options_is_started_over(tmp_path):
    _feed(tmp_path / "feed.jsonl", n=4)
    journal = corpus.Journal(tmp_path / "out.csv.part", {"geomap": "0", "date": None})
    journal.open()
    journal.close(remove=False)
    proc = _run("extract", "feed.jsonl", "-o", "out.csv", "--date", "2021-05-14",
                cwd=tmp_path)
    assert "going on" not in proc.stderr and "extract: 4 reports" in proc.stderr


def _stored(path: Path) -> list[tuple]:
    return sorted((c.id, c.place, c.text) for c in load(path))


def test_ingest_of_a_corpus_skips_what_is_stored_and_a_killed_run_resumes(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", n=300)
    ingest([feed], store=tmp_path / "whole.gpkg")
    proc = subprocess.Popen([*GEOMAP, "ingest", "feed.jsonl", "--store", "s.gpkg"],
                            cwd=tmp_path, env=ENV, stderr=subprocess.PIPE)
    store = tmp_path / "s.gpkg"
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline:  # killed once a first batch is stored
        try:
            with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as conn:
                stored = conn.execute("SELECT count(*) FROM geomap_inputs").fetchone()[0]
        except sqlite3.Error:
            stored = 0
        if stored:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 300
    again = _run("ingest", "feed.jsonl", "--store", "s.gpkg", cwd=tmp_path)
    m = re.search(r"([0-9]+) reports not read again", again.stderr)
    assert m and int(m[1]) >= stored
    assert _stored(store) == _stored(tmp_path / "whole.gpkg")
    third = _run("ingest", "feed.jsonl", "--store", "s.gpkg", cwd=tmp_path)
    assert "0 claims added" in third.stderr and "300 reports not read again" in third.stderr


def test_ingest_stores_the_good_reports_of_a_corpus_with_bad_ones(tree):
    (tree / "corpus" / "binary.txt").write_bytes(b"\x00\x01")
    proc = _run("ingest", "corpus", "--store", "s.gpkg", cwd=tree, check_rc=1)
    assert "Error: corpus/binary.txt: is a binary file" in proc.stderr
    assert "1 inputs failed and were skipped" in proc.stderr
    assert len(load(tree / "s.gpkg")) > 40


# -- on Dask -------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A real Dask cluster: `dask scheduler` and two `dask worker` processes."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    where = tmp_path_factory.mktemp("dask")
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    procs = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0", "--no-show"], cwd=where,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads",
              "1", "--no-dashboard", "--local-directory", str(where)]
    procs += [subprocess.Popen(worker, cwd=where, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) for _ in range(2)]
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_an_extract_on_a_dask_cluster_is_the_serial_one_byte_for_byte(tree, cluster):
    serial = _run("extract", "corpus", "--format", "json", cwd=tree)
    on_dask = _run("extract", "corpus", "--format", "json", "--scheduler", cluster, cwd=tree)
    assert on_dask.stdout == serial.stdout and len(json.loads(serial.stdout)) > 40


def test_each_worker_loads_the_gazetteer_once(tree, cluster):
    reports = list(corpus.sources([str(tree / "corpus")]))
    with corpus.dask_client(scheduler=cluster) as client:
        corpus.BATCH_REPORTS, before = 1, corpus.BATCH_REPORTS  # a batch per report
        try:
            got = list(corpus.extracted(reports, corpus.Options(), client=client))
        finally:
            corpus.BATCH_REPORTS = before
        loads = client.run(corpus.gazetteer_loads)
    assert len(got) == len(reports) and len(loads) == 2
    assert sorted(loads.values()) == [1, 1]  # however many batches each worker ran


def test_an_ingest_on_a_local_cluster_stores_what_a_serial_one_does(tree):
    _run("ingest", "corpus", "--store", "serial.gpkg", cwd=tree)
    proc = _run("ingest", "corpus", "--store", "dask.gpkg", "--workers", "2", cwd=tree)
    assert "Traceback" not in proc.stderr
    assert _stored(tree / "dask.gpkg") == _stored(tree / "serial.gpkg")


@pytest.mark.parametrize("value", ["{{7*7}}", "tcp://$(touch /tmp/x)", "tcp://a b",
                                   "tcp://\x1b[31mred", "http://example.org"])
def test_a_bad_scheduler_address_is_a_clear_error(tmp_path, value):
    _feed(tmp_path / "feed.jsonl", n=1)
    proc = _run("extract", "feed.jsonl", "--scheduler", value, cwd=tmp_path, check_rc=1)
    assert proc.stderr.startswith("Error: --scheduler") and "\x1b" not in proc.stderr


def test_a_scheduler_nobody_runs_is_a_clear_error(tmp_path):
    _feed(tmp_path / "feed.jsonl", n=1)
    proc = _run("extract", "feed.jsonl", "--scheduler", f"tcp://127.0.0.1:{_free_port()}",
                cwd=tmp_path, check_rc=1)
    assert "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:" in proc.stderr


def test_hostile_feed_fields_are_data(tmp_path):
    hostile = "{{7*7}} {% print(1) %} ${7*7} <script>alert(1)</script> %(x)s {0!r}"
    formula = "=HYPERLINK(\"http://x.example\")"
    with open(tmp_path / "feed.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "Armenia's defence ministry said Azerbaijani troops "
                                    "advanced near Goris.",
                            "title": hostile, "publisher": formula, "date": "2021-05-13",
                            "url": "javascript:alert(1)"}) + "\n")
        f.write(json.dumps({"text": f"{hostile} Armenia's defence ministry said "
                                    f"Azerbaijani troops advanced near Goris {hostile}",
                            "publisher": hostile, "date": "2021-05-13"}) + "\n")
    proc = _run("extract", "feed.jsonl", "--format", "json", "--workers", "1", cwd=tmp_path)
    rows = json.loads(proc.stdout)
    assert {r["publisher"] for r in rows} == {formula, hostile}
    assert all(r["url"] == "" for r in rows)  # a javascript: address is dropped
    assert any(hostile in r["text"] for r in rows)  # carried as it is, unevaluated
    assert not any("49" in r[k] for r in rows for k in ("publisher", "text"))  # not run
    csv_out = _run("extract", "feed.jsonl", cwd=tmp_path).stdout
    assert "'=HYPERLINK" in csv_out  # a spreadsheet shows it, never runs it

"""Corpus speed (issue #13): a feed of reports extracted serially and on 1 and 2 local Dask
workers, the speed-up, and what it predicts for 32 workers. A script that prints, not a test.

    python bench/corpus.py [--mb 4]

The feed is built in a temporary folder from ../shared/benchmarks' GeoWebNews articles and
the fixture report, each line a report, repeated (with a counter, so that each line is a
report of its own) to --mb MB; nothing of it is written into the repo. Each run must give
the serial run's claims exactly.

The prediction: a worker reads at the rate one worker reads at (wall clock, startup
excluded); the client reads, hashes and sends every report and takes every claim back, at
its measured CPU cost per MB; N workers go as fast as the slower of N workers and the client.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def feed(path: Path, mb: float) -> int:
    """A JSON Lines feed of about ``mb`` MB; returns its number of reports."""
    texts = []
    gwn = SHARED / "benchmarks" / "GeoWebNews.xml"
    if gwn.exists():
        texts += [a.findtext("text") or "" for a in ET.parse(gwn).getroot().iter("article")]
    fixture = SHARED / "fixtures" / "000_d8693507342d965b.txt"
    if fixture.exists():
        texts.append(fixture.read_text(encoding="utf-8"))
    texts = [t for t in texts if t.strip()]
    if not texts:
        sys.exit("no texts: ../shared/benchmarks/GeoWebNews.xml not found")
    size, n = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < mb * 1e6:
            text = f"{texts[n % len(texts)]}\n\n(Copy {n // len(texts)}.)"
            line = json.dumps({"text": text, "date": "2021-05-14", "publisher": "Bench"})
            f.write(line + "\n")
            size += len(text.encode("utf-8"))
            n += 1
    return n


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="the feed's size in MB of text")
    args = ap.parse_args()
    from geomap import corpus
    from geomap.api import gazetteer

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        reports = feed(path, args.mb)
        mb = sum(len(json.loads(line)["text"].encode("utf-8"))
                 for line in path.read_text(encoding="utf-8").splitlines()) / 1e6
        print(f"feed: {reports:,} reports, {mb:.1f} MB of text")
        t = time.perf_counter()
        gazetteer()
        print(f"gazetteer loaded in this process in {time.perf_counter() - t:.1f} s")
        opts = corpus.Options()

        t, c = time.perf_counter(), time.process_time()
        serial = corpus.extract_corpus([str(path)], opts).claims
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        print(f"serial (this process):  {wall:6.1f} s wall, {cpu:6.1f} s CPU: "
              f"{mb / wall:5.2f} MB/s ({mb / cpu:.2f} MB/s per core of CPU), "
              f"{len(serial):,} claims; peak memory {_peak_mb():,.0f} MB")
        # What the client does for each MB, whatever the cluster: read, hash and batch the
        # reports, send them (pickled) and take their claims back (unpickled).
        import pickle

        c = time.process_time()
        items = list(corpus.sources([str(path)]))
        batches = list(corpus._batches(items))
        sent = [pickle.loads(pickle.dumps(b, protocol=5)) for b in batches]
        back = pickle.loads(pickle.dumps(serial, protocol=5))
        client_cost = (time.process_time() - c) / mb
        assert len(sent) == len(batches) and back == serial
        print(f"the client's own work: {client_cost * 1000:.0f} ms of CPU per MB (read, "
              "hash, batch, send the reports; take the claims back)")
        rates = {}
        for n in (1, 2):
            t = time.perf_counter()
            with corpus.dask_client(workers=n) as client:
                up = time.perf_counter() - t
                t, c = time.perf_counter(), time.process_time()
                got = corpus.extract_corpus([str(path)], opts, client=client).claims
                wall, cpu = time.perf_counter() - t, time.process_time() - c
                peaks = client.run(_peak_mb)
            same = got == serial
            rates[n] = mb / wall
            print(f"{n} local worker{'s' if n > 1 else ' '}:        {wall:6.1f} s wall "
                  f"(+{up:.1f} s to start the cluster and load each gazetteer): "
                  f"{rates[n]:5.2f} MB/s, speed-up {rates[n] / rates[1]:.2f}x over 1 worker; "
                  f"client CPU {cpu:.1f} s (with Dask's own event loop); worker peak "
                  f"memory {max(peaks.values()):,.0f} MB; claims identical to serial: "
                  f"{'yes' if same else 'NO'}")
        client_rate = 1 / client_cost if client_cost else float("inf")
        for n in (8, 32):
            predicted = min(n * rates[1], client_rate)
            print(f"predicted for {n} workers (on {n} cores): {predicted:6.1f} MB/s, "
                  f"{predicted / rates[1]:.1f}x one worker (the client alone could take "
                  f"{client_rate:,.0f} MB/s)")
        print("(this machine has 2 cores, shared with the client: 2 workers cannot reach 2x)")


if __name__ == "__main__":
    main()

"""The world index is opened immutable: SQLite reads it without locking it or looking for
a change before each query (the index is written once, to another file moved into place
whole). A writer's lock on the file, which would stop a locking reader, does not."""

from __future__ import annotations

import sqlite3

from geomap.gazetteer import world


def test_the_index_is_read_without_locks(tmp_path):
    path = tmp_path / "index.sqlite"
    with sqlite3.connect(path) as made:
        made.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        made.execute("INSERT INTO meta VALUES ('format', ?)", (str(world.INDEX_FORMAT),))
    made.close()
    conn = world.open_index(path, build=False)
    writer = sqlite3.connect(path, timeout=0, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        # (a reader that locks waits for the writer: "database is locked")
        assert conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == (
            str(world.INDEX_FORMAT),)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        conn.close()

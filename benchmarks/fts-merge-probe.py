#!/usr/bin/env python3
"""Issue 23's transcript-append tail, outside the library: one writer committing batches of 64
transcript entries, each indexed in an FTS5 table shaped like OpState's (contentless, deletable,
one document per entry of about 55 words), with FTS5's merging done one of two ways.

  benchmarks/fts-merge-probe.py auto [SECONDS]
      FTS5's automatic merging (automerge 4, as OpState shipped before schema version 16): every
      64 leaf pages written, one transaction merges 64 pages per level of the index before it
      commits.
  benchmarks/fts-merge-probe.py sliced [SECONDS] [PAGES]
      automatic merging off (automerge 0); each batch, before its COMMIT, merges PAGES pages
      (default 16) with FTS5's 'merge' command, so the work is spread over every batch. OpState
      does this from schema version 16, with PAGES = its words' characters / 512 (about 40 here).
      crisismerge stays at its default as the backstop.

Prints transactions per second, the latency of a transaction (BEGIN IMMEDIATE to COMMIT) as mean,
p50, p95, p99 and p99 / mean, the slowest, and the index's segments at the end (how far merging
kept up: more segments make searches read more). synchronous NORMAL, no WAL checkpoint during
the run (OpState checkpoints beside the writer), in a temporary directory.
Python's own SQLite: before 3.43 the index is made without contentless_delete.
"""
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "auto"
if mode not in ("auto", "sliced"):
    sys.exit("usage: fts-merge-probe.py auto|sliced [SECONDS] [PAGES]")
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 8.0
pages = int(sys.argv[3]) if len(sys.argv) > 3 else 16
path = os.path.join(tempfile.mkdtemp(prefix="fts-probe-"), "probe.db")

random.seed(23)
# A vocabulary with a long tail, as prose has: a few words everywhere, most words rare.
vocabulary = ["w%d" % i for i in range(20000)]
weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]


def words():
    return " ".join(random.choices(vocabulary, weights, k=55))


connection = sqlite3.connect(path, isolation_level=None)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA synchronous=NORMAL")
# No checkpoint during the run (the log grows for its length): OpState checkpoints beside the
# writer, and here the stalls to see are FTS5's.
connection.execute("PRAGMA wal_autocheckpoint=0")
connection.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, session TEXT NOT NULL,"
                   " sequence INTEGER NOT NULL, content TEXT NOT NULL)")
connection.execute("CREATE UNIQUE INDEX entries_session ON entries (session, sequence)")
# contentless_delete came with SQLite 3.43; before it, the same index without deletes.
deletable = ", contentless_delete = 1" if sqlite3.sqlite_version_info >= (3, 43) else ""
connection.execute("CREATE VIRTUAL TABLE search_index USING fts5(words, content = ''" + deletable
                   + ", tokenize = 'unicode61 remove_diacritics 0')")
if mode == "sliced":
    connection.execute("INSERT INTO search_index(search_index, rank) VALUES('automerge', 0)")

texts = [words() for _ in range(4096)]  # made once: the probe times SQLite, not Python's sampling
latencies = []
next_id = 1
started = time.perf_counter()
while time.perf_counter() - started < seconds:
    begin = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    rows = []
    for _ in range(64):
        rows.append((next_id, "s%d" % (next_id % 64), next_id, texts[next_id % len(texts)]))
        next_id += 1
    connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?)", rows)
    connection.executemany("INSERT INTO search_index(rowid, words) VALUES (?, ?)", [(row[0], row[3]) for row in rows])
    if mode == "sliced":
        connection.execute("INSERT INTO search_index(search_index, rank) VALUES('merge', ?)", (pages,))
    connection.execute("COMMIT")
    latencies.append(time.perf_counter() - begin)
elapsed = time.perf_counter() - started

latencies.sort()
mean = statistics.fmean(latencies)


def at(fraction):
    return latencies[min(len(latencies) - 1, int(fraction * len(latencies)))]


segments = connection.execute("SELECT count(DISTINCT segid) FROM search_index_idx").fetchone()[0]
print("%s%s: %d transactions/s; latency ms mean %.2f, p50 %.2f, p95 %.2f, p99 %.2f, max %.1f; p99 / mean %.2f;"
      " segments at the end %d"
      % (mode, "" if mode == "auto" else " %d pages" % pages, len(latencies) / elapsed, mean * 1e3, at(0.50) * 1e3,
         at(0.95) * 1e3, at(0.99) * 1e3, latencies[-1] * 1e3, at(0.99) / mean, segments))

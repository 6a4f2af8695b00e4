#!/usr/bin/env python3
"""Issue 23's SQLite tail, outside the library: one writer committing 64-row transactions as fast
as it can (the shape of a full group-commit batch), with the WAL checkpointed either inside the
writer's commits (SQLite's wal_autocheckpoint, as OpState ships) or beside it.

  benchmarks/wal-checkpoint-probe.py inline [SECONDS]
      wal_autocheckpoint = 1000 on the writer: the checkpoint runs inside the commit that passes it.
  benchmarks/wal-checkpoint-probe.py beside [SECONDS] [FRAMES]
      the writer never checkpoints by itself (wal_autocheckpoint = 0); a second connection runs
      wal_checkpoint(PASSIVE) every 20 ms; once it reports FRAMES frames or more in the log
      (default 8000), the writer runs one PASSIVE checkpoint right after its next commit, which
      lets the log start from its beginning again (a checkpoint beside a busy writer never can).
  SYNC=FULL ...   synchronous = FULL instead of NORMAL.

Prints transactions per second, the latency of a transaction (BEGIN IMMEDIATE to COMMIT, plus
the writer's checkpoint when it runs one) as mean, p50, p99 and p99 / mean, and the log's size.
The table: 64 rows of ~200 bytes per transaction, three secondary indexes, in a temporary directory.
"""
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "inline"
if mode not in ("inline", "beside"):
    sys.exit("usage: wal-checkpoint-probe.py inline|beside [SECONDS] [FRAMES]")
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 8.0
restart_frames = int(sys.argv[3]) if len(sys.argv) > 3 else 8000
sync = os.environ.get("SYNC", "NORMAL")
path = os.path.join(tempfile.mkdtemp(prefix="wal-probe-"), "probe.db")


def connect():
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=" + sync)
    connection.execute("PRAGMA busy_timeout=5000")
    return connection


writer = connect()
writer.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, session TEXT, seq INTEGER, at INTEGER,"
               " kind TEXT, payload TEXT)")
writer.execute("CREATE INDEX events_session ON events (session, seq)")
writer.execute("CREATE INDEX events_at ON events (at, id)")
writer.execute("CREATE INDEX events_kind ON events (kind, at)")
writer.execute("PRAGMA wal_autocheckpoint=%d" % (1000 if mode == "inline" else 0))

restart_wanted = threading.Event()
stopping = threading.Event()
beside_runs = []


def checkpoint_beside():
    connection = connect()
    while not stopping.is_set():
        time.sleep(0.02)
        if restart_wanted.is_set():
            continue
        started = time.perf_counter()
        _, log, _ = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        beside_runs.append(time.perf_counter() - started)
        if log >= restart_frames:
            restart_wanted.set()


if mode == "beside":
    threading.Thread(target=checkpoint_beside, daemon=True).start()

latencies, writer_checkpoints = [], []
seq, payload = 0, "x" * 200
deadline = time.perf_counter() + seconds
while time.perf_counter() < deadline:
    rows = [("s%d" % random.randrange(64), seq + i, int(time.time() * 1000), "k%d" % (i % 5), payload)
            for i in range(64)]
    seq += 64
    started = time.perf_counter()
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany("INSERT INTO events (session, seq, at, kind, payload) VALUES (?, ?, ?, ?, ?)", rows)
    writer.execute("COMMIT")
    if restart_wanted.is_set():
        restart_wanted.clear()
        checkpoint_started = time.perf_counter()
        writer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        writer_checkpoints.append(time.perf_counter() - checkpoint_started)
    latencies.append(time.perf_counter() - started)
stopping.set()

latencies.sort()
mean = statistics.mean(latencies)
p99 = latencies[int(len(latencies) * 0.99)]
print(f"{mode} ({sync}): {len(latencies) / seconds:.0f} transactions/s, mean {mean * 1e6:.0f} us,"
      f" p50 {latencies[len(latencies) // 2] * 1e6:.0f} us, p99 {p99 * 1e6:.0f} us, p99 / mean {p99 / mean:.2f},"
      f" log file {os.path.getsize(path + '-wal') / 1e6:.1f} MB")
if writer_checkpoints:
    print(f"  the writer's own checkpoints: {len(writer_checkpoints)}"
          f" ({len(writer_checkpoints) / len(latencies) * 100:.2f} % of transactions),"
          f" mean {statistics.mean(writer_checkpoints) * 1e3:.1f} ms")
if beside_runs:
    print(f"  checkpoints beside the writer: {len(beside_runs)}, mean {statistics.mean(beside_runs) * 1e3:.1f} ms")

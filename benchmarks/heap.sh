#!/usr/bin/env bash
# Proof that listing and streaming 1,000,000 rows runs in a 64 MB heap (about 90 s on 2 cores):
#   benchmarks/heap.sh                          SQLite, and PostgreSQL when it answers on 127.0.0.1:5432
#   ROWS=100000 BACKENDS=sqlite benchmarks/heap.sh
# Fills 1,000,000 jobs and 1,000,000 history events per backend (SQLite: a file in a temporary
# directory; PostgreSQL: schema heapcheck, dropped and recreated, dropped again at the end), then
# reads them all in a child JVM started with -Xmx64m: jobs and history, each listed page by page
# and streamed. Fails on OutOfMemoryError, a wrong count or a row out of order; a last child
# collecting all jobs in a list must run out of memory, showing the limit bites. The memory
# backend is excluded (its data lives in the heap). Output: also benchmarks/target/heap/<stamp>.txt.
# Expects benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR="${JAR:-benchmarks/target/benchmarks.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "heap: $JAR is missing; build it with mvn -B -pl benchmarks -am install -DskipTests" >&2
  exit 1
fi
ROWS="${ROWS:-1000000}"
BACKENDS="${BACKENDS:-sqlite postgres}"
OUT="benchmarks/target/heap"
mkdir -p "$OUT"
LOG="$OUT/$(date -u +%Y%m%dT%H%M%SZ).txt"

{
  echo "# $(date -u +%FT%TZ), nproc $(nproc), $(java -version 2>&1 | head -n 1)"
  started=$SECONDS
  status=0
  # shellcheck disable=SC2086
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" io.opstate.benchmarks.HeapCheck --rows "$ROWS" $BACKENDS \
    || status=$?
  echo "# $((SECONDS - started)) s; output in $LOG"
  exit "$status"
} 2>&1 | tee "$LOG"

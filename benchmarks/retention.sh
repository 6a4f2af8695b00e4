#!/usr/bin/env bash
# Retention while writers write (issue 20), in its own JVM, about 3 minutes on 2 cores:
#   benchmarks/retention.sh                         1,000,000 old history events on SQLite and PostgreSQL
#   ROWS=10000 SECONDS_ALONE=1 benchmarks/retention.sh    the smoke pass
# 8 threads append history events, first alone for SECONDS_ALONE seconds, then while a prune
# removes the old events in batches of BATCH rows; prints both phases' latencies (median, p99,
# p99.9, worst) and the prune's time. Budget: at most TIMEOUT seconds in all (default 900).
# Expects benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR="${JAR:-benchmarks/target/benchmarks.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "retention: $JAR is missing; build it with mvn -B -o -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
ROWS="${ROWS:-1000000}"
SECONDS_ALONE="${SECONDS_ALONE:-10}"
BATCH="${BATCH:-1000}"
TIMEOUT="${TIMEOUT:-900}"
if [[ -z "${BACKENDS:-}" ]]; then
  BACKENDS="sqlite"
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    BACKENDS="sqlite postgres"
  fi
fi
OUT="benchmarks/target/retention"
mkdir -p "$OUT"
LOG="$OUT/$(date -u +%Y%m%dT%H%M%SZ).txt"

{
  echo "# $(date -u +%FT%TZ), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
  started=$SECONDS
  # shellcheck disable=SC2086
  timeout "$TIMEOUT" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" io.opstate.benchmarks.RetentionBench \
    --rows "$ROWS" --seconds "$SECONDS_ALONE" --batch "$BATCH" $BACKENDS
  echo "# $((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg); output in $LOG"
} 2>&1 | tee "$LOG"

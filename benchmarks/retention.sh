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
source benchmarks/large-case.sh
require_jar retention
ROWS="${ROWS:-1000000}"
SECONDS_ALONE="${SECONDS_ALONE:-10}"
BATCH="${BATCH:-1000}"
TIMEOUT="${TIMEOUT:-900}"
BACKENDS="${BACKENDS:-$(sql_backends)}"

# shellcheck disable=SC2086
run_logged retention java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" io.opstate.benchmarks.RetentionBench \
  --rows "$ROWS" --seconds "$SECONDS_ALONE" --batch "$BATCH" $BACKENDS

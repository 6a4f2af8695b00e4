#!/usr/bin/env bash
# Merging the SQLite search index away after a purge, while writers write, in its own JVM:
#   benchmarks/search-compaction.sh                          1,000,000 entries, half purged (a few minutes on 2 cores)
#   ENTRIES=10000 SECONDS_ALONE=1 benchmarks/search-compaction.sh    the smoke pass
#   WRITERS=history benchmarks/search-compaction.sh          writers of history events, which the index does not hold
# 8 threads append transcript entries, first while maintenance().optimize(NONE) merges the
# index, then alone for SECONDS_ALONE seconds; prints the index's bytes, each step's time and
# both phases' latencies. Budget: at most TIMEOUT seconds in all (default 900).
# Expects benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/large-case.sh
require_jar search-compaction
ENTRIES="${ENTRIES:-1000000}"
SECONDS_ALONE="${SECONDS_ALONE:-10}"
TIMEOUT="${TIMEOUT:-900}"
WRITERS="${WRITERS:-transcript}"

run_logged search-compaction java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" \
  io.opstate.benchmarks.SearchCompactionBench --entries "$ENTRIES" --seconds "$SECONDS_ALONE" --writers "$WRITERS"

#!/usr/bin/env bash
# Artifact benchmarks (issue 18), each case in its own JVM:
#   benchmarks/artifacts.sh                      100 MB put/get on SQLite and PostgreSQL, 1 GB in a 64 MB heap,
#                                                usage of 1,000,000 rows (about 5 min on 2 cores)
#   MB=10 HEAP_MB=50 ROWS=100000 BACKENDS=sqlite benchmarks/artifacts.sh    the smoke pass
# Put and get are measured against Files.copy with an fsync plus a SHA-256 pass of the same file,
# in the same run. Needs about 3 x MB + HEAP_MB of free space in java.io.tmpdir.
# Expects benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR="${JAR:-benchmarks/target/benchmarks.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "artifacts: $JAR is missing; build it with mvn -B -o -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
MB="${MB:-100}"
HEAP_MB="${HEAP_MB:-1024}"
ROWS="${ROWS:-1000000}"
ROUNDS="${ROUNDS:-3}"
BACKENDS="${BACKENDS:-sqlite postgres}"
OUT="benchmarks/target/artifacts"
mkdir -p "$OUT"
LOG="$OUT/$(date -u +%Y%m%dT%H%M%SZ).txt"
QUIET=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

{
  echo "# $(date -u +%FT%TZ), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
  started=$SECONDS
  # shellcheck disable=SC2086
  java "${QUIET[@]}" -cp "$JAR" io.opstate.benchmarks.ArtifactBench --mb "$MB" --rounds "$ROUNDS" $BACKENDS
  java "${QUIET[@]}" -Xmx64m -cp "$JAR" io.opstate.benchmarks.ArtifactHeapCheck --mb "$HEAP_MB"
  java "${QUIET[@]}" -cp "$JAR" io.opstate.benchmarks.ArtifactUsageBench --rows "$ROWS"
  echo "# $((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg); output in $LOG"
} 2>&1 | tee "$LOG"

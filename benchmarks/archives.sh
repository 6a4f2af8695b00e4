#!/usr/bin/env bash
# Export and import of a whole store through Datastore.archives(), in a 64 MB heap,
# against a raw-JDBC copy of the same rows in the same run:
#   benchmarks/archives.sh                          1,000,000 rows and 1 GB of artifacts, SQLite and PostgreSQL
#   ROWS=10000 MB=10 benchmarks/archives.sh         the smoke pass
# Rows are written with plain SQL (jobs, history, constructs, sessions, transcript entries), the
# artifacts (4, summing to MB) through the API. Prints rows/s and MB/s of the export, the import
# and the raw copy, each phase's heap peak, and what the export reported (artifact blobs included).
# Budget: at most TIMEOUT seconds in all (default 3600). Needs about 3 x MB plus the database
# files three times over in java.io.tmpdir.
# Expects benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR="${JAR:-benchmarks/target/benchmarks.jar}"
if [[ ! -f "$JAR" ]]; then
  echo "archives: $JAR is missing; build it with mvn -B -o -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
ROWS="${ROWS:-1000000}"
MB="${MB:-1024}"
HEAP="${HEAP:-64m}"
TIMEOUT="${TIMEOUT:-3600}"
if [[ -z "${BACKENDS:-}" ]]; then
  BACKENDS="sqlite"
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    BACKENDS="sqlite postgres"
  fi
fi
OUT="benchmarks/target/archives"
mkdir -p "$OUT"
LOG="$OUT/$(date -u +%Y%m%dT%H%M%SZ).txt"

{
  echo "# $(date -u +%FT%TZ), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
  started=$SECONDS
  # shellcheck disable=SC2086
  timeout "$TIMEOUT" java -Xmx"$HEAP" ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" \
    io.opstate.benchmarks.ArchiveBench --rows "$ROWS" --mb "$MB" $BACKENDS
  echo "# $((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg); output in $LOG"
} 2>&1 | tee "$LOG"

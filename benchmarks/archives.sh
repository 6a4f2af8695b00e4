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
source benchmarks/large-case.sh
require_jar archives
ROWS="${ROWS:-1000000}"
MB="${MB:-1024}"
HEAP="${HEAP:-64m}"
TIMEOUT="${TIMEOUT:-3600}"
BACKENDS="${BACKENDS:-$(sql_backends)}"

# shellcheck disable=SC2086
run_logged archives java -Xmx"$HEAP" ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" \
  io.opstate.benchmarks.ArchiveBench --rows "$ROWS" --mb "$MB" $BACKENDS

#!/usr/bin/env bash
# The scale target of issue 5: job create, claim + complete and pages of 100 by status (first
# page, and a page half-way down by cursor) on a table of 1,000,000 jobs against the same on
# 10,000 (io.opstate.benchmarks.ScaleBench), 1 thread, OpState's public API.
#   benchmarks/scale.sh                    build, run on sqlite-normal (+ postgres when reachable), print the table
#   SKIP_BUILD=1 benchmarks/scale.sh DIR   reuse the jar, write into DIR (e.g. run.sh's results directory)
#   SCALE_BACKENDS=postgres SCALE_PATHS="pageFirst|pageDeep" benchmarks/scale.sh   a subset
#     (SCALE_PATHS: a regex of ScaleBench methods: create, claimComplete, pageFirst, pageDeep)
#   SCALE_ROWS=10000,1000000,1000000,10000 benchmarks/scale.sh   ABBA order: each size twice, averaged (twice as long)
#   SCALE_FORK_OPTS="-Dbench.pg.url=jdbc:postgresql://127.0.0.1:5432/otherdb"   PostgreSQL elsewhere, e.g. away from
#     the schema bench of db test, which run.sh (and anyone running JMH with -Djmh.ignoreLock) drops and recreates
# One JMH invocation per backend; within it JMH runs each path at 10k then at 1M, one fork each,
# so the two figures of a ratio are taken seconds apart. The table is filled once per backend and
# size (ScaleFill: 1M rows through JDBC, 20-40 s) and handed from fork to fork (ScaleFixture).
# About 3.5 minutes for both backends on this 2-core machine. JAR=... runs another copy of the jar.
# Writes DIR/scale-<backend>.json and .log, scale-machine.txt, scale-load.txt, scale.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -B install -DskipTests -pl benchmarks -am
fi

if [[ -z "${SCALE_BACKENDS:-}" ]]; then
  SCALE_BACKENDS="sqlite-normal"
  if [[ " $(default_backends) " == *" postgres "* ]]; then
    SCALE_BACKENDS="$SCALE_BACKENDS postgres"
  else
    echo "scale: PostgreSQL not reachable on 127.0.0.1:5432 (or not in the jar): sqlite-normal only" >&2
  fi
fi
SCALE_ROWS="${SCALE_ROWS:-10000,1000000}"
SCALE_JMH_OPTS="${SCALE_JMH_OPTS:--f 1}"  # iterations: ScaleBench annotations (10 x 200 ms warm-up, 15 x 200 ms)
# JMH allows one run per machine at a time (/tmp/jmh.lock); wait this long for another to end.
SCALE_LOCK_WAIT="${SCALE_LOCK_WAIT:-900}"
# The filled tables are kept between the trials of this run (ScaleFixture) in this directory and,
# on PostgreSQL, in the schemas bench_scale_<rows>; removed when the script ends.
FIXTURES="$(mktemp -d "${TMPDIR:-/tmp}/opstate-scale-fixtures.XXXXXX")"
cleanup() {
  # shellcheck disable=SC2086
  java ${SCALE_FORK_OPTS:-} -cp "$JAR" io.opstate.benchmarks.ScaleFixture "$FIXTURES" ${SCALE_PG_FIXTURES:-} || true
}
trap cleanup EXIT
# Forked JVMs' options (-jvmArgsAppend replaces ScaleBench's @Fork ones, BenchEnv.FORK_HEAP and
# FORK_JIT, so they are repeated here).
# bench.scale.analyze (ScaleStore): default = ANALYZE on PostgreSQL only; none; all.
# SCALE_FORK_OPTS: more, e.g. -Dbench.pg.url=jdbc:postgresql://127.0.0.1:5432/other (also given to the cleanup).
FORK_ARGS="-Xmx2g -XX:CompileThresholdScaling=0.1 -Dbench.scale.fixtures=$FIXTURES${SCALE_ANALYZE:+ -Dbench.scale.analyze=$SCALE_ANALYZE} ${SCALE_FORK_OPTS:-}"
OUT="${1:-benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
started=$SECONDS

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|CPU\(s\)):' || true
  java -version 2>&1 | head -n 1
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), files changed in the working tree: $(git status --short 2>/dev/null | wc -l)"
  echo "backends: $SCALE_BACKENDS; rows: $SCALE_ROWS; threads: 1; JMH options: $SCALE_JMH_OPTS; analyze: ${SCALE_ANALYZE:-default}"
} > "$OUT/scale-machine.txt"

if [[ " $SCALE_BACKENDS " == *" postgres "* ]]; then
  SCALE_PG_FIXTURES="${SCALE_ROWS//,/ }"
fi
for backend in $SCALE_BACKENDS; do
  waited=0
  while true; do
    echo "== scale, $backend; load: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/scale-load.txt"
    backend_started=$SECONDS
    # shellcheck disable=SC2086
    if java -jar "$JAR" "^io\\.opstate\\.benchmarks\\.ScaleBench\\.(${SCALE_PATHS:-\w+})\$" \
        -p backend="$backend" -p rows="$SCALE_ROWS" -t 1 $SCALE_JMH_OPTS -foe true -jvmArgsAppend "$FORK_ARGS" \
        -rf json -rff "$OUT/scale-$backend.json" > "$OUT/scale-$backend.log" 2>&1; then
      break
    fi
    if grep -q 'Unable to acquire the JMH lock' "$OUT/scale-$backend.log" && (( waited < SCALE_LOCK_WAIT )); then
      echo "scale: another JMH run holds /tmp/jmh.lock; waiting" >&2
      sleep 15
      waited=$((waited + 15))
      continue
    fi
    echo "scale: benchmark run failed, see $OUT/scale-$backend.log" >&2
    tail -n 30 "$OUT/scale-$backend.log" >&2
    exit 1
  done
  grep -E '^# scale-(fill|analyze|deep-page|queue-dry|fixture: (stashed|cannot|not kept))' "$OUT/scale-$backend.log" \
    | awk '!seen[$0]++' | sed "s/^/[$backend] /" || true
  grep -E '^ScaleBench\.\w+ ' "$OUT/scale-$backend.log" || true
  echo "== $backend took $((SECONDS - backend_started)) s" | tee -a "$OUT/scale-load.txt"
done
echo "== scale done in $((SECONDS - started)) s; load: $(uptime | sed 's/.*load average/load average/')" \
  | tee -a "$OUT/scale-load.txt"

{
  echo "### Job table at 1,000,000 rows against 10,000 (1 thread)"
  echo
  java -cp "$JAR" io.opstate.benchmarks.ScaleReport "$OUT"/scale-*.json
} | tee "$OUT/scale.md"
echo "Results in $OUT"

#!/usr/bin/env bash
# The search target of issue 17: OpState's first page of 20 hits over 1,000,000 transcript entries
# against a raw-JDBC LIKE '%word%' scan of the same table, in the same run, 1 thread, p50 and p99
# (SearchBench, SearchReport). The entries and their search documents are written with plain SQL
# (SearchFixture: multi-row inserts, words made by the library's SearchDocuments), checked against
# the library's own search, and kept for the run's forks (SQLite file, PostgreSQL schema
# bench_search_<entries>).
#   benchmarks/search.sh                      build, fill, run on sqlite-normal (+ postgres when reachable)
#   SKIP_BUILD=1 benchmarks/search.sh DIR     reuse the jar, write into DIR
#   SEARCH_ENTRIES=10000 ...                  a smaller corpus (the smoke pass)
#   SEARCH_BACKENDS=postgres ...              a subset; SEARCH_JMH_OPTS="-f 1 -wi 1 -i 2" shorter JMH
#   SEARCH_REUSE=1 ...                        keep a fixture filled and checked by an earlier run
#   SEARCH_KEEP=1 ...                         leave the fixtures in place at the end (else removed)
# Budget at 1,000,000 entries on this 2-core machine (measured at load 8-11): fill and check about
# 2 min on SQLite and 4.5 min on PostgreSQL, then about 3 min of JMH per backend (10 methods, each
# its own fork: 3 x 1 s warm-up, 5 x 2 s sampled); about 13 min for both. Fixtures: 0.8 GB on disk
# (SQLite, under bench.search.dir, default the temporary directory); PostgreSQL some 2 GB (10,000
# entries took 20 MB).
# Writes DIR/search-<backend>.json and .log, search-fill-<backend>.log, search-machine.txt, search.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -B -o package -DskipTests -pl benchmarks -am
fi

if [[ -z "${SEARCH_BACKENDS:-}" ]]; then
  SEARCH_BACKENDS="sqlite-normal"
  if [[ " $(default_backends) " == *" postgres "* ]]; then
    SEARCH_BACKENDS="$SEARCH_BACKENDS postgres"
  else
    echo "search: PostgreSQL not reachable on 127.0.0.1:5432 (or not in the jar): sqlite-normal only" >&2
  fi
fi
SEARCH_ENTRIES="${SEARCH_ENTRIES:-1000000}"
SEARCH_JMH_OPTS="${SEARCH_JMH_OPTS:--f 1}"  # iterations: SearchBench annotations
OUT="${1:-benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
started=$SECONDS

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|CPU\(s\)):' || true
  java -version 2>&1 | head -n 1
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), files changed in the working tree: $(git status --short 2>/dev/null | wc -l)"
  echo "backends: $SEARCH_BACKENDS; entries: $SEARCH_ENTRIES; threads: 1; JMH options: $SEARCH_JMH_OPTS"
} > "$OUT/search-machine.txt"

for backend in $SEARCH_BACKENDS; do
  backend_started=$SECONDS
  if [[ -z "${SEARCH_REUSE:-}" ]]; then
    echo "== search fixture, $backend, $SEARCH_ENTRIES entries; load: $(uptime | sed 's/.*load average/load average/')"
    if ! java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" io.opstate.benchmarks.SearchFixture \
        "$backend" "$SEARCH_ENTRIES" > "$OUT/search-fill-$backend.log" 2>&1; then
      echo "search: the fixture failed, see $OUT/search-fill-$backend.log" >&2
      tail -n 30 "$OUT/search-fill-$backend.log" >&2
      exit 1
    fi
    grep -E '^# search-fixture' "$OUT/search-fill-$backend.log" | sed "s/^/[$backend] /" || true
  fi
  echo "== search, $backend; load: $(uptime | sed 's/.*load average/load average/')"
  name="$OUT/search-$backend"
  # shellcheck disable=SC2086
  if ! java -jar "$JAR" '^io\.opstate\.benchmarks\.SearchBench\.\w+$' -p backend="$backend" \
      -p entries="$SEARCH_ENTRIES" -t 1 $SEARCH_JMH_OPTS -foe true -rf json -rff "$name.json" > "$name.log" 2>&1; then
    echo "search: benchmark run failed, see $name.log" >&2
    tail -n 30 "$name.log" >&2
    exit 1
  fi
  grep -E '^SearchBench\.\w+ ' "$name.log" || true
  echo "== $backend took $((SECONDS - backend_started)) s; load: $(uptime | sed 's/.*load average/load average/')"
done

{
  echo "### First page of 20 hits against a LIMIT 20 LIKE scan (1 thread, time per call)"
  echo
  java -cp "$JAR" io.opstate.benchmarks.SearchReport "$OUT"/search-*.json
} | tee "$OUT/search.md"

if [[ -z "${SEARCH_KEEP:-}" ]]; then
  java -cp "$JAR" io.opstate.benchmarks.SearchFixture --remove $SEARCH_BACKENDS "$SEARCH_ENTRIES" >/dev/null 2>&1 \
    || echo "search: fixtures not removed" >&2
fi
echo "== search done in $((SECONDS - started)) s; load: $(uptime | sed 's/.*load average/load average/')"
echo "Results in $OUT"

#!/usr/bin/env bash
# The read cache: a construct read by id (ConstructReadBench) and the last 20 entries of a
# transcript (TranscriptRecentBench), cache on and off in one JMH invocation per thread count
# (CachedReads: 10,000 constructs, 100 sessions of 50 entries; on PostgreSQL "on" is
# opstate.cache.max-staleness=1s), on sqlite-normal and, when reachable, postgres.
#   benchmarks/cache.sh                       build the jar, run, print the JMH lines
#   SKIP_BUILD=1 benchmarks/cache.sh DIR      reuse the jar, write into DIR
#   CACHE_THREADS="1" CACHE_BACKENDS="sqlite-normal" CACHE_JMH_OPTS="-f 1 -wi 1 -w 3s -i 3 -r 2s" ...
# About 2 minutes per thread count with both backends. Writes DIR/cache-t<threads>.json and .log.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -B -o package -DskipTests -pl benchmarks -am
fi
if [[ -z "${CACHE_BACKENDS:-}" ]]; then
  CACHE_BACKENDS="sqlite-normal"
  if [[ " $(default_backends) " == *" postgres "* ]]; then
    CACHE_BACKENDS="$CACHE_BACKENDS postgres"
  fi
fi
CACHE_THREADS="${CACHE_THREADS:-1 4}"
CACHE_JMH_OPTS="${CACHE_JMH_OPTS:--f 1 -wi 1 -w 3s -i 3 -r 2s}"
OUT="${1:-benchmarks/results/cache-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
for threads in $CACHE_THREADS; do
  echo "== $threads thread(s); load: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/load.txt"
  # shellcheck disable=SC2086
  java -jar "$JAR" '^io\.opstate\.benchmarks\.(ConstructRead|TranscriptRecent)Bench\.ours$' \
    -p backend="${CACHE_BACKENDS// /,}" -t "$threads" $CACHE_JMH_OPTS -foe true \
    -rf json -rff "$OUT/cache-t$threads.json" > "$OUT/cache-t$threads.log" 2>&1 \
    || { echo "cache benchmark failed, see $OUT/cache-t$threads.log" >&2; tail -n 30 "$OUT/cache-t$threads.log" >&2; exit 1; }
  grep -E '^(ConstructRead|TranscriptRecent)Bench\.' "$OUT/cache-t$threads.log"
done
echo "== done; load: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/load.txt"

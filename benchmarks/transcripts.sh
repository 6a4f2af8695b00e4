#!/usr/bin/env bash
# The transcript read targets of issue 16, on a transcript of 1,000,000 entries written with plain
# SQL (TranscriptFixture), 1 thread, OpState's public API:
#   - a chunk of 100 at entry 900,000 within 20 % of a chunk at entry 0 (TranscriptReadBench);
#   - the whole transcript streamed (transcripts().stream(session)) and read in chunks of 1,000 in
#     a 64 MB heap (HeapCheck --transcript).
#   benchmarks/transcripts.sh                   build, run on sqlite-normal (+ postgres when reachable)
#   SKIP_BUILD=1 benchmarks/transcripts.sh DIR  reuse the jar, write into DIR (e.g. run.sh's results directory)
#   TRANSCRIPT_ENTRIES=10000 ...                a shorter transcript (the smoke pass)
#   TRANSCRIPT_BACKENDS=postgres ...            a subset; TRANSCRIPT_JMH_OPTS="-f 1 -wi 5 -i 5" shorter JMH
#   SKIP_TRANSCRIPT_HEAP=1 ...                  the chunk reads only
#   TRANSCRIPT_ABBA=1 ...                       each chunk its own fork, in the order start, deep, deep, start;
#                                               the table averages the two runs of each (twice as long)
# Each fork fills its own store (SQLite: a file in a temporary directory; PostgreSQL: schema bench,
# recreated; 3-4 s per million entries here), so the two chunks of a backend are read from the same
# kind of table minutes apart at most. Budget: about 1.5 min per backend at 1,000,000 entries
# (JMH about 40 s, the heap check about 15 s) on this 2-core machine.
# Writes DIR/transcripts-<backend>.json and .log, transcripts-machine.txt, transcripts.md, transcripts-heap.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -B -o package -DskipTests -pl benchmarks -am
fi

if [[ -z "${TRANSCRIPT_BACKENDS:-}" ]]; then
  TRANSCRIPT_BACKENDS="sqlite-normal"
  if [[ " $(default_backends) " == *" postgres "* ]]; then
    TRANSCRIPT_BACKENDS="$TRANSCRIPT_BACKENDS postgres"
  else
    echo "transcripts: PostgreSQL not reachable on 127.0.0.1:5432 (or not in the jar): sqlite-normal only" >&2
  fi
fi
TRANSCRIPT_ENTRIES="${TRANSCRIPT_ENTRIES:-1000000}"
TRANSCRIPT_JMH_OPTS="${TRANSCRIPT_JMH_OPTS:--f 1}"  # iterations: TranscriptReadBench annotations (10 x 200 ms warm-up, 15 x 200 ms)
OUT="${1:-benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
started=$SECONDS

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|CPU\(s\)):' || true
  java -version 2>&1 | head -n 1
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), files changed in the working tree: $(git status --short 2>/dev/null | wc -l)"
  echo "backends: $TRANSCRIPT_BACKENDS; entries: $TRANSCRIPT_ENTRIES; threads: 1; JMH options: $TRANSCRIPT_JMH_OPTS"
} > "$OUT/transcripts-machine.txt"

heap_backends=""
for backend in $TRANSCRIPT_BACKENDS; do
  echo "== transcripts, $backend; load: $(uptime | sed 's/.*load average/load average/')"
  backend_started=$SECONDS
  if [[ -n "${TRANSCRIPT_ABBA:-}" ]]; then
    runs="1:chunkAtStart 2:chunkDeep 3:chunkDeep 4:chunkAtStart"
  else
    runs="all:\\w+"
  fi
  for run in $runs; do
    name="$OUT/transcripts-$backend"
    [[ "${run%%:*}" == all ]] || name="$name-${run%%:*}"
    # shellcheck disable=SC2086
    if ! java -jar "$JAR" "^io\\.opstate\\.benchmarks\\.TranscriptReadBench\\.${run#*:}\$" -p backend="$backend" \
        -p entries="$TRANSCRIPT_ENTRIES" -t 1 $TRANSCRIPT_JMH_OPTS -foe true \
        -rf json -rff "$name.json" > "$name.log" 2>&1; then
      echo "transcripts: benchmark run failed, see $name.log" >&2
      tail -n 30 "$name.log" >&2
      exit 1
    fi
    grep -E '^# transcript-fill' "$name.log" | sed "s/^/[$backend] /" || true
    grep -E '^TranscriptReadBench\.\w+ ' "$name.log" || true
  done
  echo "== $backend took $((SECONDS - backend_started)) s"
  case "$backend" in
    sqlite-*) [[ " $heap_backends " == *" sqlite "* ]] || heap_backends="$heap_backends sqlite" ;;
    postgres) heap_backends="$heap_backends postgres" ;;
  esac
done

{
  echo "### A chunk of 100 entries deep in a transcript against one at its start (1 thread)"
  echo
  java -cp "$JAR" io.opstate.benchmarks.TranscriptReport "$OUT"/transcripts-*.json
} | tee "$OUT/transcripts.md"

if [[ -z "${SKIP_TRANSCRIPT_HEAP:-}" ]]; then
  # shellcheck disable=SC2086
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" io.opstate.benchmarks.HeapCheck --transcript \
    --rows "$TRANSCRIPT_ENTRIES" $heap_backends | tee "$OUT/transcripts-heap.txt"
fi
echo "== transcripts done in $((SECONDS - started)) s; load: $(uptime | sed 's/.*load average/load average/')"
echo "Results in $OUT"

#!/usr/bin/env bash
# CI's smoke pass: every benchmark once, one short iteration, on every backend, so the benchmarks
# never rot. Fails when any benchmark throws (-foe true). Never judges timings. Runs in one JVM
# per backend (-f 0) with 4 threads, so concurrent paths are exercised; then the scale benchmark at
# 10,000 rows, the heap check on a few thousand rows, the transcript reads and heap check on
# 10,000 entries (transcripts.sh), the artifact benchmarks on 10 MB files (artifacts.sh), and the
# search against the LIKE scan on 10,000 entries (search.sh), retention of 10,000 rows while
# 8 threads write (retention.sh), export and import of 10,000 rows and 10 MB of artifacts in a
# 64 MB heap against the raw copy (archives.sh), the many-caller runs with 16 threads
# (many-threads.sh), and with PostgreSQL the claim loop on shapes of the jobs schema
# (claim-shapes.sh, pgbench). About six minutes.
# Expects benchmarks/target/benchmarks.jar (mvn -B verify builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ ! -f "$JAR" ]]; then
  echo "smoke: $JAR is missing; build it with mvn -B -pl benchmarks -am package" >&2
  exit 1
fi
BACKENDS="${BACKENDS:-$(default_backends)}"
LOG_DIR="benchmarks/target/smoke"
mkdir -p "$LOG_DIR"
total=0
for backend in $BACKENDS; do
  started=$SECONDS
  if ! java -jar "$JAR" "$(include_for "$backend")" -p backend="$backend" -f 0 -wi 0 -i 1 -r 200ms -t 4 -foe true \
      > "$LOG_DIR/$backend.log" 2>&1; then
    echo "smoke: a benchmark failed on $backend; see $LOG_DIR/$backend.log" >&2
    grep -n -m 5 -E 'Exception|Error' "$LOG_DIR/$backend.log" >&2 || true
    tail -n 40 "$LOG_DIR/$backend.log" >&2
    exit 1
  fi
  count=$(grep -cE '^\w+Bench\.\w+ ' "$LOG_DIR/$backend.log" || true)
  if [[ "$count" -eq 0 ]]; then
    echo "smoke: no benchmark ran on $backend; see $LOG_DIR/$backend.log" >&2
    exit 1
  fi
  echo "smoke: $count benchmarks ran on $backend in $((SECONDS - started)) s"
  total=$((total + count))
done
# The scale benchmark (10,000 rows only) and the heap check (a few thousand rows), so that they never rot either.
started=$SECONDS
if ! SKIP_BUILD=1 SCALE_ROWS=10000 SCALE_JMH_OPTS="-f 1 -wi 0 -i 1 -r 200ms" benchmarks/scale.sh "$LOG_DIR/scale" \
    > "$LOG_DIR/scale.log" 2>&1; then
  echo "smoke: the scale benchmark failed; see $LOG_DIR/scale.log" >&2
  tail -n 40 "$LOG_DIR/scale.log" >&2
  exit 1
fi
scale_count=$(cat "$LOG_DIR"/scale/scale-*.log | grep -cE '^ScaleBench\.\w+ ' || true)
echo "smoke: $scale_count scale benchmarks ran in $((SECONDS - started)) s"
started=$SECONDS
heap_backends="sqlite"
if [[ " $BACKENDS " == *" postgres "* ]]; then
  heap_backends="sqlite postgres"
fi
if ! ROWS=3000 BACKENDS="$heap_backends" benchmarks/heap.sh > "$LOG_DIR/heap.log" 2>&1; then
  echo "smoke: the heap check failed; see $LOG_DIR/heap.log" >&2
  tail -n 40 "$LOG_DIR/heap.log" >&2
  exit 1
fi
echo "smoke: heap check passed on $heap_backends in $((SECONDS - started)) s"
# The transcript reads (chunks at the start and 90 % down, the 64 MB heap) at 10,000 entries, in one JVM.
started=$SECONDS
transcript_backends="sqlite-normal"
if [[ " $BACKENDS " == *" postgres "* ]]; then
  transcript_backends="sqlite-normal postgres"
fi
if ! SKIP_BUILD=1 TRANSCRIPT_ENTRIES=10000 TRANSCRIPT_BACKENDS="$transcript_backends" \
    TRANSCRIPT_JMH_OPTS="-f 0 -wi 0 -i 1 -r 200ms" benchmarks/transcripts.sh "$LOG_DIR/transcripts" \
    > "$LOG_DIR/transcripts.log" 2>&1; then
  echo "smoke: the transcript benchmarks failed; see $LOG_DIR/transcripts.log" >&2
  tail -n 40 "$LOG_DIR/transcripts.log" >&2
  exit 1
fi
transcript_count=$(cat "$LOG_DIR"/transcripts/transcripts-*.log | grep -cE '^TranscriptReadBench\.\w+ ' || true)
echo "smoke: $transcript_count transcript read benchmarks and the transcript heap check ran in $((SECONDS - started)) s"
# Artifacts (issue 18) at 10 MB, the 64 MB heap with 50 MB, usage of 10,000 rows.
started=$SECONDS
artifact_backends="sqlite"
if [[ " $BACKENDS " == *" postgres "* ]]; then
  artifact_backends="sqlite postgres"
fi
if ! MB=10 HEAP_MB=50 ROWS=10000 ROUNDS=1 BACKENDS="$artifact_backends" benchmarks/artifacts.sh \
    > "$LOG_DIR/artifacts.log" 2>&1; then
  echo "smoke: the artifact benchmarks failed; see $LOG_DIR/artifacts.log" >&2
  tail -n 40 "$LOG_DIR/artifacts.log" >&2
  exit 1
fi
echo "smoke: artifact put/get, heap and usage benchmarks ran in $((SECONDS - started)) s"

# The search and the LIKE scans (fixture written and checked against the library's search) at 10,000 entries.
started=$SECONDS
if ! SKIP_BUILD=1 SEARCH_ENTRIES=10000 SEARCH_BACKENDS="$transcript_backends" \
    SEARCH_JMH_OPTS="-f 0 -wi 0 -i 1 -r 200ms" benchmarks/search.sh "$LOG_DIR/search" \
    > "$LOG_DIR/search.log" 2>&1; then
  echo "smoke: the search benchmarks failed; see $LOG_DIR/search.log" >&2
  tail -n 40 "$LOG_DIR/search.log" >&2
  exit 1
fi
search_count=$(cat "$LOG_DIR"/search/search-*.log | grep -cE '^SearchBench\.\w+ ' || true)
if [[ "$search_count" -eq 0 ]]; then
  echo "smoke: no search benchmark ran; see $LOG_DIR/search.log" >&2
  exit 1
fi
echo "smoke: $search_count search benchmarks ran in $((SECONDS - started)) s"
# Retention of 10,000 rows while 8 writers write (retention.sh).
started=$SECONDS
if ! ROWS=10000 SECONDS_ALONE=1 BACKENDS="$artifact_backends" TIMEOUT=300 benchmarks/retention.sh \
    > "$LOG_DIR/retention.log" 2>&1; then
  echo "smoke: the retention benchmark failed; see $LOG_DIR/retention.log" >&2
  tail -n 40 "$LOG_DIR/retention.log" >&2
  exit 1
fi
echo "smoke: retention while writers write ran in $((SECONDS - started)) s"
# The search index merged after a purge of 5,000 of 10,000 entries while 8 writers write (search-compaction.sh).
started=$SECONDS
if ! ENTRIES=10000 SECONDS_ALONE=1 TIMEOUT=300 benchmarks/search-compaction.sh \
    > "$LOG_DIR/search-compaction.log" 2>&1; then
  echo "smoke: the search compaction benchmark failed; see $LOG_DIR/search-compaction.log" >&2
  tail -n 40 "$LOG_DIR/search-compaction.log" >&2
  exit 1
fi
if ! grep -q "writers during the optimize" "$LOG_DIR/search-compaction.log"; then
  echo "smoke: the search compaction benchmark printed no result; see $LOG_DIR/search-compaction.log" >&2
  exit 1
fi
echo "smoke: search index merge while writers write ran in $((SECONDS - started)) s"
# Export and import of 10,000 rows and 10 MB of artifacts in a 64 MB heap, against the raw copy (archives.sh).
started=$SECONDS
if ! ROWS=10000 MB=10 BACKENDS="$artifact_backends" TIMEOUT=300 benchmarks/archives.sh \
    > "$LOG_DIR/archives.log" 2>&1; then
  echo "smoke: the archive benchmark failed; see $LOG_DIR/archives.log" >&2
  tail -n 40 "$LOG_DIR/archives.log" >&2
  exit 1
fi
echo "smoke: export and import against the raw copy ran in $((SECONDS - started)) s"
# Many callers (many-threads.sh) at a small size: 16 threads, one round, one JVM per invocation.
started=$SECONDS
rm -rf "$LOG_DIR/many-threads"
many_backends="sqlite-full"
if [[ " $BACKENDS " == *" postgres "* ]]; then
  many_backends="sqlite-full postgres"
fi
if ! BACKENDS="$many_backends" THREADS=16 ROUNDS=1 JMH_OPTS="-f 0 -wi 0 -i 1 -r 200ms" SAMPLE_OPTS="-f 0 -wi 0 -i 1 -r 200ms" SAMPLE_ROUNDS=1 TIMEOUT=300 \
    OUT="$LOG_DIR/many-threads" benchmarks/many-threads.sh > "$LOG_DIR/many-threads.log" 2>&1; then
  echo "smoke: the many-thread benchmarks failed; see $LOG_DIR/many-threads.log" >&2
  tail -n 40 "$LOG_DIR/many-threads.log" >&2
  exit 1
fi
many_count=$(cat "$LOG_DIR"/many-threads/*.log | grep -cE '^\w+Bench\.\w+ ' || true)
if [[ "$many_count" -eq 0 ]]; then
  echo "smoke: no many-thread benchmark ran; see $LOG_DIR/many-threads.log" >&2
  exit 1
fi
echo "smoke: $many_count many-thread benchmarks ran in $((SECONDS - started)) s"
# The claim loop on shapes of the jobs schema without the JVM (claim-shapes.sh), when PostgreSQL runs.
shape_count=0
if [[ " $BACKENDS " == *" postgres "* ]]; then
  started=$SECONDS
  rm -f "$LOG_DIR/claim-shapes.log"
  for shapes in "v14 partial" "v14 narrow"; do
    if ! SHAPES="$shapes" ROUNDS=1 SECONDS_PER_RUN=1 JOBS=40000 benchmarks/claim-shapes.sh \
        >> "$LOG_DIR/claim-shapes.log" 2>&1; then
      echo "smoke: claim-shapes.sh failed for $shapes; see $LOG_DIR/claim-shapes.log" >&2
      tail -n 20 "$LOG_DIR/claim-shapes.log" >&2
      exit 1
    fi
    shape_count=$((shape_count + 1))
  done
  echo "smoke: $shape_count schema-shape comparisons ran in $((SECONDS - started)) s"
fi
total=$((total + scale_count + 1 + transcript_count + 1 + 3 + search_count + 1 + 1 + 1 + many_count + shape_count))
echo "benchmark smoke: $total passed, 0 failed"

#!/usr/bin/env bash
# The whole comparison, one command (under 20 minutes on 2 cores with all four backends):
#   benchmarks/run.sh                      build the library and the jar, run, print the tables
#   SKIP_BUILD=1 benchmarks/run.sh         reuse benchmarks/target/benchmarks.jar
#   BACKENDS="sqlite-full" THREADS="8" SKIP_SCALE=1 SKIP_HEAP=1 benchmarks/run.sh     a subset
#   PATHS="TranscriptAppend|TranscriptChunkAppend" ... benchmarks/run.sh   only these paths (*Bench classes)
# After the paths: the 1M-row scale comparison (scale.sh, about 3.5 min) and the 64 MB heap
# check (heap.sh, about 1.5 min), then the 1M-entry transcript reads (transcripts.sh, about 3 min),
# unless SKIP_SCALE / SKIP_HEAP / SKIP_TRANSCRIPTS is set.
# For each backend, then each thread count, one JMH run covers every path; within it, OpState,
# the raw-JDBC baseline and the peer of a path run one after the other (JMH orders by name), so
# each ratio compares figures taken minutes apart at most. Results: benchmarks/results/<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -B install -DskipTests -pl benchmarks -am
fi

BACKENDS="${BACKENDS:-$(default_backends)}"
THREADS="${THREADS:-1 8}"
# 1.5 s of warm-up. The forks compile hot code after a tenth of HotSpot's usual call counts
# (BenchEnv.FORK_JIT), so that a commit-bound single-thread cell, a couple of thousand calls, is
# measured in compiled code.
JMH_OPTS="${JMH_OPTS:--f 1 -wi 1 -w 1500ms -i 2 -r 1s}"
OUT="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  lscpu | head -n 15
  java -version 2>&1
  echo "backends: $BACKENDS; threads: $THREADS; JMH options: $JMH_OPTS"
} > "$OUT/machine.txt"

for backend in $BACKENDS; do
  for threads in $THREADS; do
    echo "== $backend, $threads thread(s); load: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/load.txt"
    include="$(include_for "$backend" "$threads")"
    if [[ -n "${PATHS:-}" ]]; then
      include="${include//\\w+Bench/(${PATHS})Bench}"
    fi
    # shellcheck disable=SC2086
    java -jar "$JAR" "$include" -p backend="$backend" -t "$threads" $JMH_OPTS -foe true \
      -rf json -rff "$OUT/$backend-t$threads.json" > "$OUT/$backend-t$threads.log" 2>&1 \
      || { echo "benchmark run failed, see $OUT/$backend-t$threads.log" >&2; tail -n 30 "$OUT/$backend-t$threads.log" >&2; exit 1; }
    grep -E '^(\w+Bench\.\w+) ' "$OUT/$backend-t$threads.log" || true
  done
done
echo "== paths done; load: $(uptime | sed 's/.*load average/load average/')" | tee -a "$OUT/load.txt"
java -cp "$JAR" io.opstate.benchmarks.Report "$OUT"/*-t*.json | tee "$OUT/report.md"

if [[ -z "${SKIP_SCALE:-}" ]]; then
  SKIP_BUILD=1 benchmarks/scale.sh "$OUT"
fi
if [[ -z "${SKIP_HEAP:-}" ]]; then
  benchmarks/heap.sh | tee "$OUT/heap.txt"
fi
if [[ -z "${SKIP_TRANSCRIPTS:-}" ]]; then
  SKIP_BUILD=1 benchmarks/transcripts.sh "$OUT"
fi
echo "== done in $((SECONDS / 60)) min $((SECONDS % 60)) s; load: $(uptime | sed 's/.*load average/load average/')" \
  | tee -a "$OUT/load.txt"
echo "Results in $OUT"

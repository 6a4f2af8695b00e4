#!/usr/bin/env bash
# Interleaved comparison of two methods of one path, for cells where drift between runs moves a
# ratio more than the library does (single-thread SQLite FULL is bound by fsync, whose rate drifts
# within minutes). Runs the two methods as separate JMH invocations in ABBA order, ROUNDS times
# (A B B A per round), then prints the path table with each figure the mean of its runs.
#   benchmarks/abba.sh <backend> <threads> <Bench> [A] [B]        A and B default to ours and raw
#   ROUNDS=3 JMH_OPTS="-f 1 -wi 1 -w 2s -i 2 -r 1s" benchmarks/abba.sh sqlite-full 1 ClaimCompleteBench
#   B_THREADS=1 benchmarks/abba.sh sqlite-full 8 TranscriptAppendBench ours rawGrouped   B with other threads
#     (8 callers against the 1-thread 8-per-commit ceiling; the table then shows them in separate rows)
# Needs benchmarks/target/benchmarks.jar. Results: benchmarks/results/abba-<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ $# -lt 3 ]]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
backend="$1"; threads="$2"; bench="$3"; first="${4:-ours}"; second="${5:-raw}"
ROUNDS="${ROUNDS:-2}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 1 -w 1500ms -i 2 -r 1s}"
OUT="benchmarks/results/abba-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
echo "$bench on $backend, $threads thread(s)${B_THREADS:+ ($second: $B_THREADS)}, $ROUNDS round(s) of $first $second $second $first; JMH options: $JMH_OPTS" \
  | tee "$OUT/about.txt"

run=0
for ((round = 1; round <= ROUNDS; round++)); do
  for method in "$first" "$second" "$second" "$first"; do
    run=$((run + 1))
    name="$OUT/$run-$method"
    method_threads="$threads"
    if [[ "$method" == "$second" && -n "${B_THREADS:-}" ]]; then
      method_threads="$B_THREADS"
    fi
    # shellcheck disable=SC2086
    java -jar "$JAR" "^io\.opstate\.benchmarks\.$bench\.$method\$" -p backend="$backend" -t "$method_threads" $JMH_OPTS \
      -foe true -rf json -rff "$name.json" > "$name.log" 2>&1 \
      || { echo "benchmark run failed, see $name.log" >&2; tail -n 30 "$name.log" >&2; exit 1; }
    echo "$run: $(grep -E "^$bench\.$method " "$name.log")"
  done
done
java -cp "$JAR" io.opstate.benchmarks.Report "$OUT"/*.json | tee "$OUT/report.md"
echo "Results in $OUT"

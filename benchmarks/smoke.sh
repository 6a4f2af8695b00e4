#!/usr/bin/env bash
# CI's smoke pass: every benchmark once, one short iteration, on every backend, so the benchmarks
# never rot. Fails when any benchmark throws (-foe true). Never judges timings. Runs in one JVM
# per backend (-f 0) with 4 threads, so concurrent paths are exercised; about a minute or two.
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
echo "benchmark smoke: $total passed, 0 failed"

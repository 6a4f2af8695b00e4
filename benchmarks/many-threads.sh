#!/usr/bin/env bash
# Many callers (issue 23): THREADS (default 64) threads creating jobs, appending history events and
# transcript entries, recording executions, against the ceiling of one thread writing 64 rows per
# commit (the rawGrouped64 methods) and, for job create, JobRunr; then fairness: JMH sample mode
# (p99 against the mean latency) and each thread's operations against the mean thread's.
#   benchmarks/many-threads.sh                                       sqlite-normal, sqlite-full, postgres
#   BACKENDS="sqlite-full" PATHS="JobCreate" ROUNDS=1 benchmarks/many-threads.sh    a subset
# Per backend and round, in ABBA order: "ours" (OpState's paths and JobRunr, THREADS threads, one JMH
# invocation), "ceiling" (rawGrouped64, 1 thread), "ceiling", "ours"; ROUNDS rounds (default 2:
# 4 pairs per ratio); then SAMPLE_ROUNDS (default 4) sample-mode invocations of OpState's paths.
# ROUNDS=0 runs the sample mode alone. About 35 minutes on 2 cores with the defaults; stops at
# TIMEOUT seconds in all (default 2700) and reports what it measured.
# Expects benchmarks/target/benchmarks.jar (mvn -B -o -pl benchmarks -am package -DskipTests).
# Results: benchmarks/results/many-<stamp>/ (JMH JSON and logs, load.txt, report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/backends.sh

if [[ ! -f "$JAR" ]]; then
  echo "many-threads: $JAR is missing; build it with mvn -B -o -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
if [[ -z "${BACKENDS:-}" ]]; then
  BACKENDS="sqlite-normal sqlite-full"
  if [[ " $(default_backends) " == *" postgres "* ]]; then
    BACKENDS="$BACKENDS postgres"
  fi
fi
THREADS="${THREADS:-64}"
ROUNDS="${ROUNDS:-2}"
PATHS="${PATHS:-JobCreate|HistoryAppend|TranscriptAppend|ExecutionRecord}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 1 -w 1500ms -i 2 -r 1s}"
# Sample mode warms up longer: after one 1.5 s warm-up, the JIT compiler still took a quarter of the
# processor time of the measured seconds at 64 threads on 2 cores (12 % after 8 s), and its bursts
# showed as latency. Four runs: p99 / mean varies by about +-0.5 between runs; the median is judged.
SAMPLE_OPTS="${SAMPLE_OPTS:--f 1 -wi 4 -w 2s -i 2 -r 2s}"
SAMPLE_ROUNDS="${SAMPLE_ROUNDS:-4}"
TIMEOUT="${TIMEOUT:-2700}"
OUT="${OUT:-benchmarks/results/many-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
deadline=$((SECONDS + TIMEOUT))
echo "many-threads: $BACKENDS; $THREADS threads; paths $PATHS; $ROUNDS round(s) of ours ceiling ceiling ours;" \
  "JMH options: $JMH_OPTS; sample: $SAMPLE_ROUNDS x $SAMPLE_OPTS; budget ${TIMEOUT} s; $(java -version 2>&1 | head -n 1)" | tee "$OUT/about.txt"

ours="^io\.opstate\.benchmarks\.($PATHS)Bench\.(ours|jobrunr)\$"
ceiling="^io\.opstate\.benchmarks\.($PATHS)Bench\.rawGrouped64\$"
sample="^io\.opstate\.benchmarks\.($PATHS)Bench\.ours\$"

# One JMH invocation into $OUT/<name>.json and .log, within what is left of the budget; false when out of time.
invoke() {
  local name="$1"; shift
  local left=$((deadline - SECONDS))
  if ((left <= 10)); then
    echo "many-threads: the budget of $TIMEOUT s is spent; skipping $name and what follows" | tee -a "$OUT/load.txt"
    return 1
  fi
  echo "$name: load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
  if ! timeout "$left" java -jar "$JAR" "$@" -foe true -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1; then
    echo "many-threads: $name failed or ran out of time, see $OUT/$name.log" >&2
    tail -n 30 "$OUT/$name.log" >&2
    rm -f "$OUT/$name.json"
    return 1
  fi
  grep -E '^\w+Bench\.\w+ ' "$OUT/$name.log" | sed "s/^/$name: /" || true
}

finished=1
for backend in $BACKENDS; do
  for ((round = 1; round <= ROUNDS; round++)); do
    position=0
    for role in ours ceiling ceiling ours; do
      position=$((position + 1))
      # shellcheck disable=SC2086
      if [[ "$role" == ours ]]; then
        invoke "$backend-r$round-$position-ours" "$ours" -p backend="$backend" -t "$THREADS" $JMH_OPTS || { finished=0; break 3; }
      else
        invoke "$backend-r$round-$position-ceiling" "$ceiling" -p backend="$backend" -t 1 $JMH_OPTS || { finished=0; break 3; }
      fi
    done
  done
  for ((round = 1; round <= SAMPLE_ROUNDS; round++)); do
    # shellcheck disable=SC2086
    invoke "$backend-r$round-5-sample" "$sample" -p backend="$backend" -t "$THREADS" -bm sample -tu us $SAMPLE_OPTS \
      || { finished=0; break 2; }
  done
done
echo "end: load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
java -cp "$JAR" io.opstate.benchmarks.ManyThreadsReport "$OUT" | tee "$OUT/report.md"
echo "load averages (1, 5, 15 min) before each invocation:"
cat "$OUT/load.txt"
echo "many-threads: $((SECONDS / 60)) min $((SECONDS % 60)) s; results in $OUT"
if ((finished == 0)); then
  exit 1
fi

#!/usr/bin/env bash
# The claim + complete loop on PostgreSQL without the JVM, for comparing shapes of the jobs schema
# before building one (issue 24). Each shape gets a schema of its own in the benchmarks' database,
# filled by plain SQL with N queued jobs; then pgbench runs 8 clients, each repeating one worker
# step (claim 8 jobs, complete them in one statement; benchmarks/pgbench/claim-shapes/) with
# prepared statements, as the library runs them. Shapes run in ABBA order, ROUNDS times; the table
# gives jobs per second (8 per step). The schemas are dropped at the end.
#   benchmarks/claim-shapes.sh                       v14 against narrow, 2 rounds, 20 s per run
#   SHAPES="v14 partial" ROUNDS=3 SECONDS_PER_RUN=10 benchmarks/claim-shapes.sh
# Shapes: v14 (schema version 14's indexes), partial (claim, lease and retention indexes over the
# jobs they serve only), narrow (partial, with the claim index moved to a narrow table of
# claimable jobs from which a claim deletes). Needs psql and pgbench; the server from PGHOST,
# PGPORT, PGUSER, PGDATABASE (default 127.0.0.1:5432, postgres, test).
set -euo pipefail
cd "$(dirname "$0")/pgbench/claim-shapes"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
read -r -a shapes <<< "${SHAPES:-v14 narrow}"
if [[ ${#shapes[@]} -ne 2 ]]; then
  echo "SHAPES names two of: v14 partial narrow" >&2
  exit 2
fi
ROUNDS="${ROUNDS:-2}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
JOBS="${JOBS:-200000}"

schema_of() { echo "claim_shape_$1"; }

cleanup() {
  for shape in "${shapes[@]}"; do
    psql -q -X -c "DROP SCHEMA IF EXISTS $(schema_of "$shape") CASCADE" > /dev/null 2>&1 || true
  done
}
trap cleanup EXIT

# Creates the shape's schema with JOBS queued jobs, then prints jobs per second of one pgbench run.
run_shape() {
  local shape="$1" schema step extra=()
  schema="$(schema_of "$shape")"
  step=claim-complete.sql
  if [[ "$shape" == narrow ]]; then
    step=claim-complete-narrow.sql
    extra=(-f fill-narrow.sql)
  fi
  psql -q -X -v ON_ERROR_STOP=1 -v s="$schema" -v n="$JOBS" -c "SET client_min_messages = warning" \
    -f table.sql -f "indexes-$shape.sql" -f fill.sql "${extra[@]}" > /dev/null
  local tps
  tps="$(PGOPTIONS="-c search_path=$schema" pgbench -n -M prepared -c 8 -j 2 -T "$SECONDS_PER_RUN" -f "$step" 2>&1 \
    | awk '/^tps = / { print $3 }')"
  if [[ -z "$tps" ]]; then
    echo "pgbench failed for shape $shape" >&2
    exit 1
  fi
  # A step that found the queue empty counts as one, so a run that drained it says nothing.
  if [[ "$(psql -X -A -t -c "SELECT count(*) FROM $schema.opstate_jobs WHERE status = 'queued'")" == 0 ]]; then
    echo "shape $shape drained its $JOBS jobs within $SECONDS_PER_RUN s: raise JOBS" >&2
    exit 1
  fi
  awk -v tps="$tps" 'BEGIN { printf "%.0f", tps * 8 }'
}

echo "| round | ${shapes[0]} | ${shapes[1]} | ${shapes[1]} | ${shapes[0]} | ${shapes[1]} / ${shapes[0]} (pairs) |"
echo "|---:|---:|---:|---:|---:|---|"
for ((round = 1; round <= ROUNDS; round++)); do
  a1="$(run_shape "${shapes[0]}")"; b1="$(run_shape "${shapes[1]}")"
  b2="$(run_shape "${shapes[1]}")"; a2="$(run_shape "${shapes[0]}")"
  pairs="$(awk -v a1="$a1" -v b1="$b1" -v b2="$b2" -v a2="$a2" 'BEGIN { printf "%.2f, %.2f", b1 / a1, b2 / a2 }')"
  echo "| $round | $a1 | $b1 | $b2 | $a2 | $pairs |"
done

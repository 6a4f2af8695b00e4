# Sourced by run.sh and smoke.sh: which backends to run and which benchmarks apply to each.
# BACKENDS may be set by the caller; by default PostgreSQL is included when the jar carries the
# OpState PostgreSQL backend and a server answers on 127.0.0.1:5432.

JAR="${JAR:-benchmarks/target/benchmarks.jar}"

default_backends() {
  local list="memory sqlite-normal sqlite-full"
  if unzip -p "$JAR" META-INF/services/io.opstate.spi.DatastoreProvider 2>/dev/null | grep -qi postgres \
      && { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }; then
    list="$list postgres"
  fi
  echo "$list"
}

# The JMH include pattern for one backend and thread count (none: every benchmark that applies to
# the backend, as the smoke pass runs them): OpState everywhere; the raw baseline and the SQL peers
# only on SQL backends; db-scheduler and the batch claims, and the execution ceiling compared with
# Spring Batch, only on PostgreSQL, the batch claims only with 8 threads (their target); on SQLite
# the create and transcript append ceilings (8 per commit) only with 1 thread, the most 8 waiting
# callers can be given.
# No target needs the rest, and the whole run must stay under 20 minutes.
include_for() {
  local threads="${2:-any}"
  case "$1" in
    memory) echo '^io\.opstate\.benchmarks\.\w+Bench\.(ours|jobrunr)$' ;;
    postgres)
      if [[ "$threads" == 1 ]]; then
        echo '^io\.opstate\.benchmarks\.\w+Bench\.(ours|raw|rawUnindexed|rawGrouped|jobrunr|springBatch|dbScheduler)$'
      else
        echo '^io\.opstate\.benchmarks\.\w+Bench\.(ours|oursBatched|raw|rawUnindexed|rawGrouped|rawBatched|jobrunr|springBatch|dbScheduler)$'
      fi ;;
    *)
      if [[ "$threads" == 8 ]]; then
        echo '^io\.opstate\.benchmarks\.\w+Bench\.(ours|raw|rawUnindexed|jobrunr|springBatch)$'
      else
        echo '^io\.opstate\.benchmarks\.(\w+Bench\.(ours|raw|rawUnindexed|jobrunr|springBatch)|(?=JobCreate|TranscriptAppend|TranscriptChunkAppend)\w+Bench\.rawGrouped)$'
      fi ;;
  esac
}

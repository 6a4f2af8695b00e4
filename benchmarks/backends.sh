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

# The JMH include pattern for one backend: OpState everywhere; the raw baseline and the SQL
# peers only on SQL backends; db-scheduler, and the batch claims and execution ceiling compared
# with it and Spring Batch, only on PostgreSQL (on SQLite no target needs them, and the whole run
# must stay under 20 minutes).
include_for() {
  case "$1" in
    memory) echo '^io\.opstate\.benchmarks\.\w+Bench\.(ours|jobrunr)$' ;;
    postgres) echo '^io\.opstate\.benchmarks\.\w+Bench\.(ours|oursBatched|raw|rawGrouped|rawBatched|jobrunr|springBatch|dbScheduler)$' ;;
    *) echo '^io\.opstate\.benchmarks\.(\w+Bench\.(ours|raw|jobrunr|springBatch)|JobCreateBench\.rawGrouped)$' ;;
  esac
}

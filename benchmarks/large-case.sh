# Sourced by the scripts of large cases that run one main class of the benchmarks' jar in its own
# time budget (archives.sh, retention.sh): the jar, the SQL backends to run, and the logged run.

JAR="${JAR:-benchmarks/target/benchmarks.jar}"

# Stops with the command that builds the jar when it is missing; $1 names the calling script.
require_jar() {
  if [[ ! -f "$JAR" ]]; then
    echo "$1: $JAR is missing; build it with mvn -B -o -pl benchmarks -am package -DskipTests" >&2
    exit 1
  fi
}

# SQLite, and PostgreSQL too when a server answers on 127.0.0.1:5432.
sql_backends() {
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "sqlite postgres"
  else
    echo "sqlite"
  fi
}

# Runs the command after $1 within TIMEOUT seconds, its output also written to
# benchmarks/target/$1/<UTC stamp>.txt, between lines giving the machine's load before and after.
run_logged() {
  local name="$1"
  shift
  local out="benchmarks/target/$name"
  mkdir -p "$out"
  local log
  log="$out/$(date -u +%Y%m%dT%H%M%SZ).txt"
  {
    echo "# $(date -u +%FT%TZ), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
    local started=$SECONDS
    timeout "$TIMEOUT" "$@"
    echo "# $((SECONDS - started)) s, load $(cut -d' ' -f1-3 /proc/loadavg); output in $log"
  } 2>&1 | tee "$log"
}

#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this): make sure PostgreSQL is up for
# the tests that need it and the sqlite3 shell is there, then build and test every module, then
# smoke-run the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-postgres.sh
scripts/ensure-sqlite3.sh
mvn -B verify "$@"

# Then one short iteration of every benchmark, so they never rot (fails if one throws; timings
# are not judged). SKIP_BENCH_SMOKE=1 skips it, e.g. when verifying a subset of modules.
if [[ -z "${SKIP_BENCH_SMOKE:-}" ]]; then
  benchmarks/smoke.sh
fi

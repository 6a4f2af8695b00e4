#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this): make sure PostgreSQL is up for
# the tests that need it, then build and test every module.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-postgres.sh
exec mvn -B verify "$@"

#!/usr/bin/env bash
# The sqlite3 command-line shell, which tests use to prove a backup opens and checks outside
# OpState, as an operator would. Installs it when missing, as root with apt-get (Debian/Ubuntu).
set -euo pipefail

if command -v sqlite3 >/dev/null 2>&1; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-sqlite3: sqlite3 is not installed, and this script can install it only as root with apt-get;" \
       "to fix: sudo apt-get install -y sqlite3" >&2
  exit 1
fi
echo "ensure-sqlite3: installing sqlite3 (apt-get install sqlite3)" >&2
{ apt-get update -q && apt-get install -y -q sqlite3; } >&2

#!/usr/bin/env bash
# Makes sure the PostgreSQL server for the PostgreSQL tests is up on 127.0.0.1:5432 and has a
# database named "test". Safe to run again and again. On a machine without PostgreSQL it installs
# it when it runs as root with apt-get available (Debian/Ubuntu), and lets user postgres in from
# 127.0.0.1 without a password (trust), as the tests expect. When no server can be found, installed
# or started it says what to do; that is an error only in CI (CI=true), elsewhere a warning.
set -euo pipefail

HOST=127.0.0.1
PORT=5432
DATABASE=test

say() { echo "ensure-postgres: $*" >&2; }

unavailable() {
  say "$1"
  say "to fix: ${2:-sudo apt-get install -y postgresql   (Debian/Ubuntu; then run this script again)}"
  say "        the tests connect to ${HOST}:${PORT} as user postgres, database '${DATABASE}'"
  if [[ "${CI:-}" == "true" ]]; then
    say "CI=true: PostgreSQL is required here, failing"
    exit 1
  fi
  say "continuing without PostgreSQL: tests that need it cannot run"
  exit 0
}

ready() { pg_isready -q -h "$HOST" -p "$PORT"; }

# Fresh Debian clusters ask for a password over TCP; the tests connect as postgres without one.
trust_local_tcp() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  [[ -f "$hba" ]] || return 0
  say "letting user postgres in from ${HOST} without a password (${hba})"
  sed -i -E 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\.0\.0\.1/32|::1/128)[[:space:]]+).*#\1trust#' "$hba"
}

install_postgres() {
  if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
    unavailable "PostgreSQL is not installed (no pg_isready on PATH), and this script can install it only as root with apt-get"
  fi
  say "PostgreSQL is not installed; installing it (apt-get install postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q postgresql; } >&2 \
    || unavailable "apt-get could not install postgresql (see its output above)"
  local installed
  installed=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [[ -n "$installed" ]]; then
    trust_local_tcp "$installed"
    # the package may have started the cluster already, with the old rules
    if ready; then
      pg_ctlcluster --skip-systemctl-redirect "$installed" main reload || true
    fi
  fi
}

command -v pg_isready >/dev/null 2>&1 || install_postgres
command -v pg_isready >/dev/null 2>&1 || unavailable "PostgreSQL was installed but pg_isready is not on PATH"

if ! ready; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$version" ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    unavailable "no server answers on ${HOST}:${PORT} and no PostgreSQL cluster is installed (/etc/postgresql is empty)"
  fi
  say "starting PostgreSQL ${version} cluster 'main'"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start \
    || unavailable "could not start cluster ${version}/main" \
         "as root: pg_ctlcluster ${version} main start; see /var/log/postgresql/ for why it failed"
  for _ in $(seq 1 30); do
    ready && break
    sleep 1
  done
  ready || unavailable "cluster ${version}/main started but ${HOST}:${PORT} is not accepting connections" \
    "check that cluster ${version}/main listens on ${HOST}:${PORT} (postgresql.conf: listen_addresses, port)"
fi

if ! output=$(psql -h "$HOST" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE ${DATABASE}" 2>&1); then
  case "$output" in
    *"already exists"*) ;;
    *) unavailable "could not create database '${DATABASE}' as user postgres: ${output}" \
         "allow user postgres from ${HOST} (pg_hba.conf) or export PGPASSWORD" ;;
  esac
fi
say "PostgreSQL is up on ${HOST}:${PORT} with database '${DATABASE}'"

#!/bin/sh
# Installs Debian's PostgreSQL server when it is missing (tests and benchmarks start their own
# throw-away cluster from it; no service is enabled).
set -e
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "PostgreSQL chưa được cài: chạy 'sudo apt-get install -y postgresql' rồi thử lại." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
# The package may start a cluster of its own; tests do not use it.
service postgresql stop >/dev/null 2>&1 || true

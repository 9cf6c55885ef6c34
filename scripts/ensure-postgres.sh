#!/bin/sh
# Installs Debian's PostgreSQL server when it is missing (tests and benchmarks start their own
# throw-away cluster from it; no service is enabled).
set -e
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
sh "$(dirname "$0")/apt-install.sh" PostgreSQL postgresql postgresql-contrib
# The package may start a cluster of its own; tests do not use it.
service postgresql stop >/dev/null 2>&1 || true

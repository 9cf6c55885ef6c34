#!/bin/sh
# `prisma generate` needs no schema engine, but the CLI looks for one: point it at any file
# (DESIGN.md §8) so it does not try to download it.
set -e
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(pwd)/package.json}"
export PRISMA_HIDE_UPDATE_MESSAGE=1
exec npx --no-install prisma generate "$@"

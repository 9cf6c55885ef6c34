#!/bin/sh
# `prisma generate` needs no schema engine, but the CLI looks for one: point it at any file
# (DESIGN.md §8) so it does not try to download it.
#
# It takes several seconds, and `npm start`, `npm test` and the db scripts run it first: it is
# skipped when generated/ was made from this very schema by these very generators (a stamp of
# their hash, written after a successful run). Arguments (`--watch`, …) always run it.
set -e
stamp=generated/.prisma-generate-stamp
inputs="prisma/schema.prisma prisma.config.ts node_modules/prisma/package.json \
  node_modules/@prisma/client/package.json node_modules/@pothos/plugin-prisma/package.json"
hash=$(cat $inputs | sha256sum | cut -d' ' -f1)
if [ $# -eq 0 ] && [ -f generated/prisma/client.ts ] && [ -f generated/pothos-types.ts ] &&
  [ "$(cat $stamp 2>/dev/null)" = "$hash" ]; then
  exit 0
fi
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(pwd)/package.json}"
export PRISMA_HIDE_UPDATE_MESSAGE=1
rm -f $stamp
npx --no-install prisma generate "$@"
[ $# -eq 0 ] && echo "$hash" > $stamp
exit 0

#!/bin/sh
# Installs Debian's libxml2-utils when missing: ADX messages are validated by xmllint against the
# XSD the ADX profile's transform generated (prisma/exchange/adx/), not by a checker of ours.
set -e
if command -v xmllint >/dev/null 2>&1; then exit 0; fi
sh "$(dirname "$0")/apt-install.sh" xmllint libxml2-utils

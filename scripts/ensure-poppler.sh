#!/bin/sh
# Installs Debian's poppler-utils when missing: the signed PDF copy is checked by tools that are
# not ours (pdftotext reads its Vietnamese text, pdfsig verifies its ETSI.CAdES.detached signature).
set -e
if command -v pdfsig >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then exit 0; fi
sh "$(dirname "$0")/apt-install.sh" poppler-utils poppler-utils

#!/bin/sh
# Installs Debian's LibreOffice Calc when it is missing: one test opens a produced .xlsx with it to
# prove a real spreadsheet program reads our files (headless; no service, no profile kept).
set -e
if command -v soffice >/dev/null 2>&1; then exit 0; fi
sh "$(dirname "$0")/apt-install.sh" LibreOffice libreoffice-calc

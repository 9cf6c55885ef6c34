#!/bin/sh
# Installs Debian's LibreOffice Calc when it is missing: one test opens a produced .xlsx with it to
# prove a real spreadsheet program reads our files (headless; no service, no profile kept).
set -e
if command -v soffice >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "LibreOffice chưa được cài: chạy 'sudo apt-get install -y libreoffice-calc' rồi thử lại." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null

#!/bin/sh
# Installs Debian's Chromium when it is missing: the task pane is tested in a real browser
# (driven by playwright-core, which downloads nothing).
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
sh "$(dirname "$0")/apt-install.sh" Chromium chromium

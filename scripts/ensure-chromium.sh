#!/bin/sh
# Installs Debian's Chromium when it is missing: the task pane is tested in a real browser
# (driven by playwright-core, which downloads nothing).
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium chưa được cài: chạy 'sudo apt-get install -y chromium' rồi thử lại." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null

#!/bin/sh
# apt-install.sh LABEL PACKAGES: installs Debian packages the tests need (one place for how: as
# root, quietly, without recommends). Called by the ensure-*.sh scripts once they found the
# program missing; a user who is not root is told the command to run instead.
set -e
label=$1
shift
if [ "$(id -u)" != "0" ]; then
  echo "$label chưa được cài: chạy 'sudo apt-get install -y $*' rồi thử lại." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null

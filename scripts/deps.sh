#!/bin/sh
# Install the Debian packages cramplab needs to build, test and run.
# Idempotent: asks dpkg first and only calls apt-get for what is missing.
set -eu
PKGS="gcc make pkg-config clang libclang-rt-14-dev jq sqlite3 zip unzip curl \
libsqlite3-dev libexpat1-dev libzip-dev libjansson-dev libmicrohttpd-dev \
libglpk-dev libltdl-dev libutf8proc-dev libcmocka-dev valgrind python3-minimal"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "cramplab: missing packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

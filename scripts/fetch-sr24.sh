#!/bin/sh
# Fetch USDA SR24 as shipped in Debian's cronometer package, without
# installing the package (it would pull in Java).  Output: $1/usda_sr24.jar
set -eu
out=${1:?usage: fetch-sr24.sh DIR}
[ -s "$out/usda_sr24.jar" ] && exit 0
if [ -s /usr/share/cronometer/usda_sr24.jar ]; then
	mkdir -p "$out" && cp /usr/share/cronometer/usda_sr24.jar "$out/" && exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
(cd "$tmp" && apt-get download cronometer >/dev/null 2>&1) || {
	apt-get update -qq && (cd "$tmp" && apt-get download cronometer >/dev/null)
}
dpkg-deb -x "$tmp"/cronometer_*.deb "$tmp/x"
cp "$tmp/x/usr/share/cronometer/usda_sr24.jar" "$out/usda_sr24.jar.part"
mv "$out/usda_sr24.jar.part" "$out/usda_sr24.jar"

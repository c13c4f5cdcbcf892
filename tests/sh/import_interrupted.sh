#!/bin/sh
# Nothing lost: an import killed with SIGKILL half-way leaves the existing
# database complete and usable, because the new one is built in a separate
# file and only renamed into place at the end.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jar="$TOP/build/sr24/usda_sr24.jar"
cp "$TOP/build/foods.db" "$tmp/foods.db"
before=$(md5sum <"$tmp/foods.db")
for delay in 0.05 0.2 0.5; do
	"$CRAMPLAB" import sr24 "$jar" --db "$tmp/foods.db" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	[ "$(md5sum <"$tmp/foods.db")" = "$before" ] || { echo "database changed after kill at ${delay}s"; exit 1; }
	"$CRAMPLAB" food show 09040 --db "$tmp/foods.db" --json | jq -e '.name == "Bananas, raw"' >/dev/null
done
echo ok

#!/bin/sh
# Whole-process timings of the assessment and of 'food rich' (hyperfine),
# then the page faults and the instruction counts of the same commands
# (perf stat, callgrind), which stay steady on a loaded machine where wall
# times do not.
# Usage: sh bench/assess.sh [RUNS]   (after make; uses build/foods.db)
# CRAMPLAB=path/to/cramplab and CRAMPLAB_DB=path/to/foods.db measure another
# build, e.g. main's, for a before/after comparison.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-30}
bin=${CRAMPLAB:-build/cramplab}
export CRAMPLAB_DB="${CRAMPLAB_DB:-$PWD/build/foods.db}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same week with its foods already chosen ("ndb:08121 234 g"), as an app
# that lets people pick foods would send it: the assessment without the
# free-text food search.
"$bin" intake examples/older-adult-week.diary --json |
	jq --slurpfile c examples/older-adult-week.json \
		'$c[0] + {diary: [.days[] | {date, foods: [.entries[] | "ndb:\(.ndb) \(.grams) g"]}]}' \
		>"$tmp/week-coded.json"
# The diary-line cache (docs/diary.md): the commands above the line run
# without it (--no-cache), as all figures before it did; then the week again
# with an empty cache (it resolves and writes every line: cold) and with a
# full one (warm).  A build without --no-cache (main's before the cache) runs
# them all as it is.
export CRAMPLAB_CACHE="$tmp/cache"
cache_file="$tmp/cache/diary-lines.db"
nc=""
"$bin" help assess | grep -q -- --no-cache && nc=--no-cache
week="$bin assess examples/older-adult-week.json --json $nc"
coded="$bin assess $tmp/week-coded.json --json $nc"
three="$bin assess examples/older-adult-night-cramps.json --json $nc"
warm="$bin assess examples/older-adult-week.json --json"
rich="$bin food rich magnesium"
dri="$bin dri --age 67 --sex female"
lab="$bin lab magnesium 0.6 mmol/L"
ver="$bin --version"
base="sqlite3 $CRAMPLAB_DB 'select 1'"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N -w 3 -r "$runs" "$week" "$coded" "$three" "$rich" "$dri" "$base"
echo "== the week with an empty (cold) and a full (warm) diary-line cache"
hyperfine -N -w 3 -r "$runs" --prepare "rm -f $cache_file" -n "cold: $warm" "$warm"
hyperfine -N -w 3 -r "$runs" -n "warm: $warm" "$warm"
# Page faults: on the virtual machines this runs on a first touch of a 4 KB
# page costs some 15 microseconds, so they are counted too (perf stat).
if command -v perf >/dev/null && perf stat -e page-faults true >/dev/null 2>&1; then
	echo "== page faults (perf stat)"
	for c in "$week" "$coded" "$three" "$rich" "$dri" "$ver" "$base" cold warm; do
		label=$c
		case $c in
		cold) rm -f "$cache_file" && c=$warm label="cold: $warm" ;;
		warm) c=$warm label="warm: $warm" ;;
		esac
		n=$(eval "perf stat -x, -e page-faults $c" 2>&1 >/dev/null | sed -n 's/,.*page-faults.*//p')
		printf '%14s  %s\n' "$n" "$label"
	done
fi
if command -v valgrind >/dev/null; then
	echo "== instructions (valgrind --tool=callgrind)"
	for c in "$week" "$coded" "$three" "$rich" "$dri" "$lab" "$ver" "$base" cold warm; do
		label=$c
		case $c in
		cold) rm -f "$cache_file" && c=$warm label="cold: $warm" ;;
		warm) c=$warm label="warm: $warm" ;;
		esac
		n=$(eval "valgrind --tool=callgrind --callgrind-out-file=/dev/null $c" 2>&1 >/dev/null |
			sed -n 's/.*refs: *//p')
		printf '%14s  %s\n' "$n" "$label"
	done
fi

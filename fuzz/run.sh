#!/bin/sh
# Runs every fuzz harness for $1 seconds (default 30), seeded from the test
# data, and prints executions and findings per harness.  Exit 1 on a crash.
set -u
cd "$(dirname "$0")/.."
secs=${1:-30}
export CRAMPLAB_DB="$PWD/build/foods.db"
export ASAN_OPTIONS="detect_leaks=1"
status=0
for h in build/fuzz/fuzz_*; do
	case $h in *.* | *-crash-* | *-leak-* | *-timeout-* | *-oom-*) continue ;; esac
	[ -x "$h" ] || continue
	name=$(basename "$h")
	corpus="build/fuzz/corpus-$name"
	mkdir -p "$corpus"
	case $name in
	fuzz_case) cp tests/data/vignettes/*.json examples/*.json "$corpus/" 2>/dev/null ;;
	fuzz_intake) cp tests/data/diary/*.txt tests/data/csv/*.csv "$corpus/" 2>/dev/null ;;
	fuzz_search) printf '2 medium bananas' >"$corpus/seed1"; printf 'brocoli' >"$corpus/seed2" ;;
	esac
	log="build/fuzz/$name.log"
	"$h" -max_total_time="$secs" -max_len=4096 -artifact_prefix="build/fuzz/$name-" \
		"$corpus" >"$log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	[ -n "$execs" ] || execs=$(grep -Eo '#[0-9]+' "$log" | tail -1 | tr -d '#')
	echo "$name: ${execs:-?} executions in ${secs}s, exit $rc"
	if [ "$rc" -ne 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|artifact' "$log" | head -5
	fi
done
exit $status

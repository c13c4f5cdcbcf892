#!/bin/sh
# Runs fuzz harnesses for $1 seconds each (default 30), seeded from the test
# data, and prints executions, coverage and findings per harness.  Further
# arguments name the harnesses to run (default: all of build/fuzz/fuzz_*).
# Exit 1 on any finding (crash, leak, timeout, out-of-memory); the input is
# kept as build/fuzz/NAME-crash-* (or -leak-, -timeout-, -oom-).  FUZZ_JOBS
# harnesses (default: one per core) run at a time, each for the full time;
# their lines are printed in the list's order once all have ended.
set -u
cd "$(dirname "$0")/.."
secs=${1:-30}
[ $# -gt 0 ] && shift
export CRAMPLAB_DB="$PWD/build/foods.db"
export CRAMPLAB_DATA="$PWD/data"
export ASAN_OPTIONS="detect_leaks=1"
sep='
@@@@
'

# seed NAME DIR: the starting corpus, made from the test data.
seed() {
	d=$2
	case $1 in
	fuzz_case) cp tests/data/vignettes/*.json examples/*.json "$d/" 2>/dev/null ;;
	fuzz_intake) cp tests/data/diary/*.txt tests/data/csv/*.csv "$d/" 2>/dev/null ;;
	fuzz_csv) cp tests/data/csv/*.csv tests/data/csv/bad/* "$d/" 2>/dev/null ;;
	fuzz_search) printf '2 medium bananas' >"$d/seed1"; printf 'brocoli' >"$d/seed2" ;;
	fuzz_jsonsnap) cp data/*.json "$d/" ;;
	fuzz_diary_line)
		i=0
		cut -d'|' -f1 tests/data/parse_cases.txt | grep -v '^#' | while IFS= read -r l; do
			i=$((i + 1)); printf '%s' "$l" >"$d/line$i"
		done ;;
	fuzz_sr24_xml | fuzz_sr24_jar)
		[ -f build/sr24/usda_sr24.jar ] || return 0
		for n in 01001 01077 09040 11090 15076 19904 42284; do
			unzip -p build/sr24/usda_sr24.jar "usda_sr24/$n.xml" >"$d/$n.xml" 2>/dev/null
		done
		if [ "$1" = fuzz_sr24_jar ]; then
			{ printf '01077|Milk\n09040|Bananas, raw\n%s03266|Babyfood%s' "$sep" "$sep"
			  cat "$d/01077.xml"; printf '%s' "$sep"; cat "$d/09040.xml"; } >"$d/split"
			t=$(mktemp -d) && mkdir -p "$t/usda_sr24" &&
				printf '09040|Bananas, raw\n' >"$t/usda_sr24/foods.index" &&
				cp "$d/09040.xml" "$t/usda_sr24/" &&
				(cd "$t" && zip -qr "$OLDPWD/$d/zipped.jar" .)
			rm -rf "$t" "$d"/[0-9]*.xml
		fi ;;
	fuzz_sr_ascii)
		printf '~09040~^~0900~^~Bananas, raw~^~BANANAS,RAW~^~~^~~^~Y~^~~^36^~Musa~^6.25^3.36^8.37^3.60\r\n%s' "$sep" >"$d/sr"
		printf '~304~^~mg~^~MG~^~Magnesium, Mg~^0^5300\r\n~418~^~\265g~^~VITB12~^~Vitamin B-12~^2^7300\r\n%s' "$sep" >>"$d/sr"
		printf '~09040~^~304~^27^6^0.5^~1~\r\n~09040~^~418~^0^1^^~1~\r\n%s' "$sep" >>"$d/sr"
		printf '~09040~^1^1^~medium (7" to 7-7/8" long)~^118^12^2.5\r\n%s' "$sep" >>"$d/sr"
		printf '~0900~^~Fruits and Fruit Juices~\r\n' >>"$d/sr" ;;
	fuzz_http)
		printf 'GET /api/food/search?q=banana&limit=3\n\n' >"$d/search"
		printf 'GET /api/food/09040\n\n' >"$d/show"
		printf 'GET /\n\n' >"$d/index"
		printf 'POST /api/parse\n\n2 medium bananas' >"$d/parse"
		printf 'POST /api/parse\nContent-Type: application/json\n\n{"line": "1 cup milk"}' >"$d/parsejson"
		{ printf 'POST /api/intake\n\n'; cat tests/data/diary/week.txt; } >"$d/intake"
		{ printf 'POST /api/assess\n\n'; cat examples/older-adult-night-cramps.json; } >"$d/assess"
		printf 'POST /api/history/cramp\n\n{"date": "2026-11-20", "time": "02:30", "context": "night", "muscle": "calf", "severity": 5, "minutes": 2.5}' >"$d/cramp"
		{ printf 'POST /api/history/days?replace=1\n\n'; cat tests/data/diary/week.txt; } >"$d/days"
		printf 'GET /api/history/summary?from=2026-11-01&to=2026-11-30\n\n' >"$d/summary"
		printf 'GET /api/history?from=2026-11-20\n\n' >"$d/history"
		printf '!GET /api/food/search?q=milk HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >"$d/raw"
		printf '!POST /api/parse HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\napple\r\n0\r\n\r\n' >"$d/chunked" ;;
	esac
}

# run_one NAME: one harness for $secs seconds; its line (and the first lines
# of any finding) go to build/fuzz/NAME.summary; returns 1 on a finding.
run_one() {
	name=$1
	h=build/fuzz/$name
	corpus="build/fuzz/corpus-$name"
	mkdir -p "$corpus"
	seed "$name" "$corpus"
	case $name in
	fuzz_http | fuzz_sr24_jar) maxlen=16384 ;;
	fuzz_jsonsnap) maxlen=32768 ;; # the data files, whole
	fuzz_sr_ascii | fuzz_case | fuzz_intake | fuzz_csv) maxlen=8192 ;;
	*) maxlen=4096 ;;
	esac
	log="build/fuzz/$name.log"
	summary="build/fuzz/$name.summary"
	t0=$(date +%s)
	"$h" -max_total_time="$secs" -max_len=$maxlen -timeout=30 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/$name-" "$corpus" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - t0))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	[ -n "$execs" ] || execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
	cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
	files=$(ls "$corpus" | wc -l)
	echo "$name: ${execs:-?} executions in ${took}s, ${cov:-cov: ?}, corpus $files, exit $rc" >"$summary"
	[ "$rc" -eq 0 ] && return 0
	grep -E 'ERROR|SUMMARY|artifact|fuzz_http:' "$log" | head -5 >>"$summary"
	return 1
}

# xargs below runs this script again for one harness at a time.
if [ "${FUZZ_RUN_ONE:-}" = yes ]; then
	run_one "$1"
	exit $?
fi

status=0
if [ $# -gt 0 ]; then
	list=""
	for n in "$@"; do list="$list build/fuzz/$n"; done
else
	list=$(ls build/fuzz/fuzz_* 2>/dev/null)
fi
names=""
for h in $list; do
	case $h in *.* | *-crash-* | *-leak-* | *-timeout-* | *-oom-* | *-slow-*) continue ;; esac
	[ -x "$h" ] || { echo "$h: not built" >&2; status=1; continue; }
	names="$names $(basename "$h")"
done
# FUZZ_JOBS harnesses at a time (default: the number of cores); each is one
# process on one core and still runs for its full $secs.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
case $jobs in '' | *[!0-9]* | 0) echo "fuzz/run.sh: FUZZ_JOBS must be a positive number" >&2; exit 2 ;; esac
for n in $names; do rm -f "build/fuzz/$n.summary"; done
# shellcheck disable=SC2086
[ -n "$names" ] && printf '%s\n' $names |
	FUZZ_RUN_ONE=yes xargs -P "$jobs" -I{} sh fuzz/run.sh "$secs" {}
for n in $names; do
	if [ -s "build/fuzz/$n.summary" ]; then
		cat "build/fuzz/$n.summary"
		head -1 "build/fuzz/$n.summary" | grep -q ', exit 0$' || status=1
	else
		echo "$n: no result" && status=1
	fi
done
exit $status

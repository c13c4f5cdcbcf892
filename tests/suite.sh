#!/bin/sh
# The test suite's driver, shared by tests/run.sh (ASan+UBSan, `make test`)
# and tests/valgrind.sh (memcheck): runs tests/run.sh once per test name,
# SUITE_JOBS (default 2) at a time, and adds up their results.
#
#   sh tests/suite.sh OUT
#
# The names are every unit test in $CRAMPLAB_UNIT_DIR, every case file in
# tests/data and every script in tests/sh, less those in SUITE_SKIP.  Those
# in SUITE_FIRST start first, in that order (the longest, so that the jobs
# end together); those in SUITE_ALONE run one at a time after all the others,
# with nothing beside them (scripts that time a server or send signals: a
# loaded core would make them fail for the wrong reason).  SUITE_STRIDES,
# words "PATTERN=N", runs every Nth case of the case files whose names match
# the shell pattern (CRAMPLAB_CASE_STRIDE, read by tests/run.sh); for a
# script it sets CRAMPLAB_CALL_STRIDE, which valgrind.sh's tool wrapper reads
# (memcheck on every Nth call of the tool, the others run plain).
#
# Each name gets its own scratch directory OUT/NAME (history, diary cache,
# logs: no two jobs share a file), its output in OUT/NAME.result, and its
# start, end and CPU time in OUT/NAME.time.  Prints each name's failures in
# the order above, a table of the jobs' times (longest first, also kept in
# OUT/times.txt), and ends with "N passed, N failed" like tests/run.sh.
# CRAMPLAB_BIN, CRAMPLAB_UNIT_DIR, CRAMPLAB_WRAP and the rest of the
# environment pass through to each tests/run.sh.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: suite.sh OUT}
jobs=${SUITE_JOBS:-2}
case $jobs in '' | *[!0-9]* | 0) echo "suite.sh: SUITE_JOBS must be a positive number" >&2; exit 2 ;; esac
units="${CRAMPLAB_UNIT_DIR:-$top/build/asan/tests}"
skip=" ${SUITE_SKIP:-} "
alone=" ${SUITE_ALONE:-} "
mkdir -p "$out"

# has LIST NAME: whether the space-separated LIST holds NAME.
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

first="" rest="" last=""
add() {
	has "$skip" "$1" && return 0
	has "$first $rest $last" "$1" && return 0
	if has "$alone" "$1"; then last="$last $1"; else rest="$rest $1"; fi
}
for n in ${SUITE_FIRST:-}; do
	has "$skip" "$n" || has "$alone" "$n" || first="$first $n"
done
for t in "$units"/test_*; do [ -x "$t" ] && add "$(basename "$t")"; done
for f in "$top"/tests/data/*.test; do [ -f "$f" ] && add "$(basename "$f")"; done
for s in "$top"/tests/sh/*.sh; do [ -f "$s" ] && add "$(basename "$s")"; done
# A name in SUITE_FIRST that does not exist (a unit test not built) is
# dropped, not reported as a failure.
parallel=""
for n in $first; do
	if [ -e "$units/$n" ] || [ -f "$top/tests/data/$n" ] || [ -f "$top/tests/sh/$n" ]; then
		parallel="$parallel $n"
	fi
done
parallel="$parallel $rest"

# run_names JOBS NAME...: each through tests/run.sh, JOBS at a time.  The
# job's CPU time is the second line of `times` (its children), written to a
# file first: in a pipeline `times` would run in a fresh subshell and say 0.
run_names() {
	n=$1
	shift
	[ $# -gt 0 ] || return 0
	printf '%s\n' "$@" | xargs -P "$n" -I{} sh -c '
		set -f
		name=$3 stride=1
		for s in ${SUITE_STRIDES:-}; do
			case $name in ${s%=*}) stride=${s##*=}; break ;; esac
		done
		# For a script the stride is CRAMPLAB_CALL_STRIDE, for the wrapper
		# that runs the tool (tests/valgrind.sh): a sample of its calls.
		call_stride=1
		case $name in *.sh) call_stride=$stride stride=1 ;; esac
		t0=$(date +%s)
		CRAMPLAB_CALL_STRIDE=$call_stride CRAMPLAB_CASE_STRIDE=$stride CRAMPLAB_TEST_OUT="$1/$name" sh "$2/tests/run.sh" "$name" >"$1/$name.result" 2>&1
		t1=$(date +%s)
		times >"$1/$name.time"
		cpu=$(tail -1 "$1/$name.time")
		echo "$t0 $t1 $cpu" >"$1/$name.time"' sh "$out" "$top" {}
}

start=$(date +%s)
# shellcheck disable=SC2086
run_names "$jobs" $parallel
# shellcheck disable=SC2086
run_names 1 $last

passed=0
failed=0
for n in $parallel $last; do
	r="$out/$n.result"
	summary=$(tail -1 "$r" 2>/dev/null)
	p=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		echo "FAIL $n: no result (see $r)"
		failed=$((failed + 1))
		continue
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && sed '$d' "$r" | head -40
done

# The times table: wall seconds, CPU seconds (user + system of the job's
# processes, which load does not inflate much), start and end (UTC), name.
for n in $parallel $last; do
	[ -f "$out/$n.time" ] || continue
	read -r t0 t1 cu cs <"$out/$n.time"
	printf '%s %s %s %s %s\n' "$t0" "$t1" "$cu" "$cs" "$n"
done | awk -v base="$start" '
	function secs(x, m) { m = x; sub(/m.*/, "", m); sub(/^[0-9]*m/, "", x); sub(/s$/, "", x); return m * 60 + x }
	{ printf "%6d %8.1f  +%d-+%d s  %s\n", $2 - $1, secs($3) + secs($4), $1 - base, $2 - base, $5 }' |
	sort -k1,1nr >"$out/times.txt"
echo "$(basename "$out"): $(($(date +%s) - start)) s with $jobs jobs; each job's wall and CPU seconds, from the start:"
sed 's/^/  /' "$out/times.txt"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

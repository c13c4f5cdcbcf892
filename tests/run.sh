#!/bin/sh
# The cramplab test runner: unit tests (cmocka, under ASan+UBSan), the
# data-driven case files in tests/data/*.test, and the end-to-end scripts in
# tests/sh/*.sh.  Ends with the line "N passed, N failed".  With no argument
# it runs them all, two (one per core) at a time through tests/suite.sh; with
# a name (test_search, search.test, history.sh) that one only, here.
#
# A case file holds cases separated by blank lines (jq's test style):
#   # comment
#   args: food search banana --limit 5 --json     (shell words)
#   stdin: text fed to standard input              (optional, may repeat)
#   exit: 0                                        (default 0)
#   jq: .results[0].ndb == "09040"                 (each must print true)
#   stdout: regex    stderr: regex                 (grep -E, must match)
#   !stdout: regex                                 (must not match)
# Case files run with tests/data as the working directory.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export CRAMPLAB_DB="${CRAMPLAB_DB:-$top/build/foods.db}"
case $CRAMPLAB_DB in /*) ;; *) CRAMPLAB_DB="$(pwd)/$CRAMPLAB_DB" ;; esac
export CRAMPLAB_DATA="$top/data"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98"
# For other builds and tools (tests/valgrind.sh): CRAMPLAB_BIN is the tool to
# test, CRAMPLAB_UNIT_DIR holds the unit test binaries, CRAMPLAB_WRAP is a
# command put before each unit test, CRAMPLAB_TEST_OUT the scratch directory,
# CRAMPLAB_CASE_STRIDE=N runs only every Nth case of the case files (the 1st,
# the N+1th, ...): valgrind.sh samples the long search and parse files.
bin="${CRAMPLAB_BIN:-$top/build/asan/cramplab}"
units="${CRAMPLAB_UNIT_DIR:-$top/build/asan/tests}"
wrap="${CRAMPLAB_WRAP:-}"
out="${CRAMPLAB_TEST_OUT:-$top/tests/out}"
rm -rf "$out" && mkdir -p "$out"
# No test may write a history into the home directory of whoever runs it.
export CRAMPLAB_HISTORY="$out/history-default.db"
# ... nor a diary cache (src/lib/linecache.c) into their cache directory.
export CRAMPLAB_CACHE="$out/cache"
passed=0
failed=0
only=${1:-}
stride=${CRAMPLAB_CASE_STRIDE:-1}
case $stride in '' | *[!0-9]* | 0) echo "run.sh: CRAMPLAB_CASE_STRIDE must be a positive number" >&2; exit 2 ;; esac

# The whole suite: one tests/run.sh per name, CRAMPLAB_TEST_JOBS (default:
# the number of cores) at a time, each in its own scratch directory under
# $out (tests/suite.sh, shared with tests/valgrind.sh).  The longest jobs
# start first, so that the cores end together (by their CPU time under ASan
# on 2026-11-28: search.test 96 s, import_exact.sh 38 s, parse_line18.test
# 26 s, ... of 456 s in all; every run prints the table).  The scripts that
# time the web server's answers, stalls and timeouts, or kill an import, run
# alone after the rest: beside another job their deadlines would measure the
# load.
if [ -z "$only" ]; then
	jobs=${CRAMPLAB_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
	SUITE_JOBS=$jobs SUITE_STRIDES="*=$stride" \
	SUITE_FIRST="search.test import_exact.sh parse_line18.test parse.test intake_totals.test \
search_wordnet.sh browser.sh assess.test test_poolcache vignettes.sh bad_input_large.sh" \
	SUITE_ALONE="http_api.sh http_errors.sh http_hostile.sh http_post.sh http_report.sh \
http_serve_options.sh http_stall.sh import_interrupted.sh" \
		exec sh "$top/tests/suite.sh" "$out"
fi

fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

# 1. unit tests
for t in "$units"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	[ -n "$only" ] && [ "$only" != "$name" ] && continue
	log="$out/$name.log"
	# shellcheck disable=SC2086
	(cd "$top/tests" && $wrap "$t") >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then fail "$name exited $rc (see $log)"; fi
	[ "$f" -gt 0 ] && grep -E '^\[  (FAILED|  ERROR) \]|^\[  ERROR' "$log" | sed 's/^/  /'
done

# 2. data-driven cases
run_case() { # file line args stdin exit jqs stdouts stderrs nstdouts
	file=$1 line=$2
	co="$out/case.out" ce="$out/case.err"
	case_stdin=$4
	(cd "$top/tests/data" && eval "set -- $3" && printf '%s' "$case_stdin" | "$bin" "$@") >"$co" 2>"$ce"
	rc=$?
	why=""
	[ "$rc" -eq "$5" ] || why="exit $rc, expected $5"
	if [ -z "$why" ]; then
		while IFS= read -r q; do
			[ -z "$q" ] && continue
			r=$(jq -e "$q" "$co" 2>&1) || { why="jq '$q' gave: $(echo "$r" | head -c 300)"; break; }
		done <<JQ
$6
JQ
	fi
	if [ -z "$why" ]; then
		while IFS= read -r rx; do
			[ -z "$rx" ] && continue
			grep -Eq -- "$rx" "$co" || { why="stdout lacks /$rx/"; break; }
		done <<RX
$7
RX
	fi
	if [ -z "$why" ]; then
		while IFS= read -r rx; do
			[ -z "$rx" ] && continue
			grep -Eq -- "$rx" "$ce" || { why="stderr lacks /$rx/"; break; }
		done <<RX
$8
RX
	fi
	if [ -z "$why" ]; then
		while IFS= read -r rx; do
			[ -z "$rx" ] && continue
			if grep -Eq -- "$rx" "$co"; then why="stdout has /$rx/"; break; fi
		done <<RX
$9
RX
	fi
	if [ -z "$why" ] && grep -q 'Sanitizer\|runtime error' "$ce"; then why="sanitizer report"; fi
	if [ -z "$why" ]; then
		passed=$((passed + 1))
	else
		fail "$file:$line: $3 -- $why"
		head -c 600 "$ce" | sed 's/^/  stderr: /'
	fi
}

nl='
'
for f in "$top"/tests/data/*.test; do
	[ -f "$f" ] || continue
	base=$(basename "$f")
	[ -n "$only" ] && [ "$only" != "$base" ] && continue
	args="" stdin="" want=0 jqs="" outs="" errs="" nouts="" start=0 n=0 k=0
	while :; do
		IFS= read -r l; more=$?
		n=$((n + 1))
		if [ $more -ne 0 ] || [ -z "$l" ]; then
			if [ -n "$args" ]; then
				[ $((k % stride)) -eq 0 ] && run_case "$base" "$start" "$args" "$stdin" "$want" "$jqs" "$outs" "$errs" "$nouts"
				k=$((k + 1))
			fi
			args="" stdin="" want=0 jqs="" outs="" errs="" nouts=""
			[ $more -ne 0 ] && break
			continue
		fi
		case "$l" in
		'#'*) ;;
		args:*) args=${l#args: }; start=$n ;;
		stdin:*) stdin="$stdin${l#stdin: }$nl" ;;
		exit:*) want=${l#exit: } ;;
		jq:*) jqs="$jqs${l#jq: }$nl" ;;
		stdout:*) outs="$outs${l#stdout: }$nl" ;;
		'!stdout:'*) nouts="$nouts${l#!stdout: }$nl" ;;
		stderr:*) errs="$errs${l#stderr: }$nl" ;;
		*) fail "$base:$n: unknown line '$l'" ;;
		esac
	done <"$f"
done

# 3. end-to-end scripts
for s in "$top"/tests/sh/*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s")
	[ -n "$only" ] && [ "$only" != "$name" ] && continue
	if CRAMPLAB="$bin" TOP="$top" OUT="$out" sh "$s" >"$out/$name.log" 2>&1; then
		passed=$((passed + 1))
	else
		fail "$name (see $out/$name.log)"
		tail -5 "$out/$name.log" | sed 's/^/  /'
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# The test suite under valgrind (memcheck), on the release build (-O2 -g, no
# sanitizers: valgrind and ASan cannot share a process).  Runs the unit tests
# (build/vg/tests, linked against build/rel/libcramplab.a), every data-driven
# case file with build/cramplab, and the end-to-end scripts that do not time
# a server, each through tests/run.sh, VALGRIND_JOBS (default 2) at a time.
# Any memcheck error or definitely/indirectly lost block fails the test
# (valgrind exits 97).  tests/valgrind.supp holds suppressions for
# third-party libraries only, each with the reason.  Ends like tests/run.sh
# with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/tests/out-valgrind"
jobs=${VALGRIND_JOBS:-2}
rm -rf "$out" && mkdir -p "$out"

vg="valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect"
vg="$vg --show-leak-kinds=definite,indirect --suppressions=$top/tests/valgrind.supp"
# The shell tests take the tool as one path, so the tool gets a wrapper; it
# runs a copy, so that a rebuild during the run does not change the tool.
# The release tool is a static PIE (Makefile), whose malloc memcheck cannot
# replace: its dynamic sibling, the same objects, is the one run here.
tool="$top/build/cramplab"
[ -x "$top/build/cramplab-dynamic" ] && tool="$top/build/cramplab-dynamic"
cp "$tool" "$out/cramplab.bin"
cat >"$out/cramplab" <<WRAP
#!/bin/sh
exec $vg "$out/cramplab.bin" "\$@"
WRAP
chmod +x "$out/cramplab"

# Scripts that start the web server and time its answers (stalls, signals)
# are left to the ASan run: under valgrind they would test valgrind's speed.
# So are the ones that assess every vignette (twice, for data_snapshot.sh),
# and diary_cache.sh (some 90 assessments; the case files go through the
# diary cache as well, and test_linecache runs here).
skip_sh="http_api.sh http_errors.sh http_hostile.sh http_post.sh http_serve_options.sh \
http_stall.sh import_interrupted.sh vignettes.sh bad_input_large.sh data_snapshot.sh diary_cache.sh"

# The longest case files first, so that the two jobs end together.
names="assess.test search.test"
for t in "$top"/build/vg/tests/test_*; do [ -x "$t" ] && names="$names $(basename "$t")"; done
for f in "$top"/tests/data/*.test; do
	case " $names " in *" $(basename "$f") "*) continue ;; esac
	names="$names $(basename "$f")"
done
for s in "$top"/tests/sh/*.sh; do
	n=$(basename "$s")
	case " $skip_sh " in *" $n "*) continue ;; esac
	names="$names $n"
done

start=$(date +%s)
# One tests/run.sh per name, each with its own scratch directory.
# The search file (some 1,000 cases) runs every fifteenth case and the
# diary-line files (some 1,350) every twelfth: their cases differ in the words
# searched, not in the code they reach, and the ASan run (make test) keeps
# every case.  (Every third, as before session 11, made valgrind 17.5 of CI's
# 28 minutes; every sixth for the diary lines 881 s of session 14's 26
# minutes; every tenth and eighth left session 16's CI 3.5 minutes under 30,
# and each sampled case costs about 2 s of CPU under valgrind.)
printf '%s\n' $names | xargs -P "$jobs" -I{} sh -c '
	case "{}" in search.test) stride=15 ;; parse*.test) stride=12 ;; *) stride=1 ;; esac
	CRAMPLAB_CASE_STRIDE=$stride CRAMPLAB_BIN="$1/cramplab" CRAMPLAB_UNIT_DIR="$2/build/vg/tests" CRAMPLAB_WRAP="$3" \
	CRAMPLAB_TEST_OUT="$1/{}" sh "$2/tests/run.sh" "{}" >"$1/{}.result" 2>&1' \
	sh "$out" "$top" "$vg"
passed=0
failed=0
for n in $names; do
	r="$out/$n.result"
	last=$(tail -1 "$r" 2>/dev/null)
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		echo "FAIL $n: no result (see $r)"
		failed=$((failed + 1))
		continue
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && grep -v '^[0-9]* passed' "$r" | head -20
done
echo "valgrind: $(($(date +%s) - start)) s with $jobs jobs; CPU time (user, system) of the tests:"
times | tail -1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

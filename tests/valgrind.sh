#!/bin/sh
# The test suite under valgrind (memcheck), on the release build (-O2 -g, no
# sanitizers: valgrind and ASan cannot share a process).  Runs the unit tests
# (build/vg/tests, linked against build/rel/libcramplab.a), every data-driven
# case file with build/cramplab, and the end-to-end scripts that do not time
# a server, each through tests/run.sh, VALGRIND_JOBS (default 2) at a time
# (tests/suite.sh, which ends with a table of each job's wall and CPU time).
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
# A script given CRAMPLAB_CALL_STRIDE=N (SUITE_STRIDES below) has memcheck
# watch every Nth call of the tool (the 1st, the N+1th, ...), counted in its
# scratch directory ($OUT, from tests/run.sh); the other calls run the same
# binary plain, so the script still checks every answer.
cat >"$out/cramplab" <<WRAP
#!/bin/sh
n=\${CRAMPLAB_CALL_STRIDE:-1}
if [ "\$n" -gt 1 ] && [ -n "\${OUT:-}" ]; then
	c=\$(cat "\$OUT/.tool-calls" 2>/dev/null || echo 0)
	echo \$((c + 1)) >"\$OUT/.tool-calls"
	[ \$((c % n)) -eq 0 ] || exec "$out/cramplab.bin" "\$@"
fi
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

# One tests/run.sh per name, each with its own scratch directory, through
# tests/suite.sh (the driver make test uses too), which ends with a table of
# each job's wall and CPU time.  The longest start first, so that the two
# jobs end together: test_poolcache (150 s under memcheck in session 11),
# assess.test (75 assessments, about 1.8 s of CPU each), search.test's sample
# and history.sh (51 calls of the tool); the table of the next run says
# whether that order still holds.
# The search file (some 1,100 cases) runs every fifteenth case and the
# diary-line files (some 1,350) every twelfth: their cases differ in the words
# searched, not in the code they reach, and the ASan run (make test) keeps
# every case.  (Every third, as before session 11, made valgrind 17.5 of CI's
# 28 minutes; every sixth for the diary lines 881 s of session 14's 26
# minutes; every tenth and eighth left session 16's CI 3.5 minutes under 30,
# and each sampled case costs about 2 s of CPU under valgrind.)
# Two scripts call the tool along one path many times: plan_reassess.sh
# assesses each of 58 vignettes and plan cases, the 9 with a plan twice (67
# assessments, some 1.8 s of CPU each under memcheck, 2026-11-28), and
# import_exact.sh shows 57 foods (1.4 s each).  Under valgrind memcheck
# watches every sixth assessment and every fifth food; the rest run the
# release tool plain, so every check is still made.  The paths stay under
# memcheck in full elsewhere: assess.test's 75 assessments (plans included),
# food.test's food show.
SUITE_JOBS=$jobs SUITE_SKIP="$skip_sh" SUITE_FIRST="test_poolcache assess.test search.test history.sh" \
SUITE_STRIDES="search.test=15 parse*.test=12 plan_reassess.sh=6 import_exact.sh=5" \
CRAMPLAB_BIN="$out/cramplab" CRAMPLAB_UNIT_DIR="$top/build/vg/tests" CRAMPLAB_WRAP="$vg" \
	sh "$top/tests/suite.sh" "$out"

#!/bin/sh
# The release tool is a static PIE (Makefile, docs/performance.md round 9)
# and hands `import` and `serve` to build/cramplab-dynamic beside it
# (src/cli/main.c).  Checks: it has no loader and is position-independent
# (its address stays randomised); it prints the same bytes as its dynamic
# sibling; `serve` and `import` run in the sibling under the same process
# id, with the sibling's messages and exit statuses; without the sibling
# they fail with a message while other commands still work.  Uses the
# release tools, whatever $CRAMPLAB is.  A build without the static PIE
# (STATIC_PIE=no, or no libc.a) has no sibling: then only checks that.
set -eu
d="$OUT/static_tool"
rm -rf "$d" && mkdir -p "$d"
tool="$TOP/build/cramplab"
dyn="$TOP/build/cramplab-dynamic"
die() { echo "static_tool: $*"; exit 1; }

[ -x "$tool" ] || die "no $tool"
if ! [ -x "$dyn" ]; then
	readelf -l "$tool" | grep -q 'program interpreter' ||
		die "$tool is static but $dyn is missing"
	echo "dynamic build (STATIC_PIE=no): nothing else to check"
	exit 0
fi

# 1. static, position-independent: no interpreter, ELF type DYN
readelf -l "$tool" | grep -q 'program interpreter' && die "$tool has a program interpreter"
readelf -h "$tool" | grep -q 'Type:.*DYN' || die "$tool is not position-independent"
readelf -l "$dyn" | grep -q 'program interpreter' || die "$dyn is not dynamic"

# 2. the same bytes as the dynamic build
same() { # name, then the arguments
	name=$1
	shift
	rc=0
	"$tool" "$@" >"$d/s.out" 2>"$d/s.err" || rc=$?
	echo "exit $rc" >>"$d/s.out"
	rc=0
	"$dyn" "$@" >"$d/d.out" 2>"$d/d.err" || rc=$?
	echo "exit $rc" >>"$d/d.out"
	cmp -s "$d/s.out" "$d/d.out" && cmp -s "$d/s.err" "$d/d.err" ||
		{ diff "$d/d.out" "$d/s.out" | head; die "$name: static and dynamic differ"; }
}
same version --version
same week-text assess "$TOP/examples/older-adult-week.json"
same week-json assess "$TOP/examples/older-adult-week.json" --json
same night-json assess "$TOP/examples/older-adult-night-cramps.json" --json --no-cache
same dri dri --age 67 --sex female --json
same rich food rich magnesium --json
same bad-usage assess
# import and serve go through the sibling: its messages, its statuses
same import-missing import sr24 "$d/no-such.jar" --db "$d/x.db"
same import-usage import nothing
same serve-bad serve --port 99999999

# 3. serve runs in the sibling, same process id, and stops cleanly
"$tool" serve --port 0 --db "$CRAMPLAB_DB" --history "$d/h.db" >"$d/serve.out" 2>"$d/serve.err" &
pid=$!
i=0
until grep -q 'listening on' "$d/serve.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || { kill "$pid" 2>/dev/null; die "serve did not start: $(cat "$d/serve.err")"; }
	sleep 0.1
done
exe=$(readlink "/proc/$pid/exe")
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$exe" = "$(readlink -f "$dyn")" ] || die "serve runs in $exe, not $dyn"
[ "$rc" -eq 0 ] || die "serve exited $rc after SIGTERM"

# 4. without the sibling: import and serve fail with a message, exit 1;
# the rest works
mkdir -p "$d/alone"
cp "$tool" "$d/alone/cramplab"
rc=0
"$d/alone/cramplab" serve --port 0 >/dev/null 2>"$d/alone.err" || rc=$?
[ "$rc" -eq 1 ] || die "serve without the sibling exited $rc"
grep -q "cannot run .*cramplab-dynamic" "$d/alone.err" || die "no message: $(cat "$d/alone.err")"
rc=0
"$d/alone/cramplab" import sr24 "$d/no-such.jar" --db "$d/y.db" 2>"$d/alone.err" || rc=$?
[ "$rc" -eq 1 ] && grep -q "cramplab-dynamic" "$d/alone.err" || die "import without the sibling: $rc"
"$d/alone/cramplab" assess "$TOP/examples/older-adult-week.json" --json >"$d/alone.json"
"$dyn" assess "$TOP/examples/older-adult-week.json" --json | cmp -s - "$d/alone.json" ||
	die "the tool alone prints another assessment"
echo ok

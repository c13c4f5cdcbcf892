#!/bin/sh
# Every output a change to the diary parser or the search could alter, one
# file per command (stdout, stderr and exit status), so that a performance
# change can be shown to change nothing: run it before and after, then
# `diff -r BEFORE AFTER`.  Covers every `args:` line of tests/data/*.test,
# `assess --json` of every example, vignette and bad case, `intake --json` of
# every test diary, `parse --json` of every line in bench/*.tsv and
# tests/data/parse_cases.txt and `food search --json` of every query in
# bench/*.tsv.
# Usage: sh bench/outputs.sh OUTDIR   (CRAMPLAB=... picks the binary; the
# caller's CRAMPLAB_CACHE decides whether the diary cache is used)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1
bin=${CRAMPLAB:-$top/build/cramplab}
case $bin in /*) ;; *) bin="$(pwd)/$bin" ;; esac
export CRAMPLAB_DB="${CRAMPLAB_DB:-$top/build/foods.db}"
export CRAMPLAB_DATA="$top/data"
export CRAMPLAB_HISTORY="$out/history.db"
mkdir -p "$out"
n=0
run() { # name, then the command's arguments
	name=$1
	shift
	n=$((n + 1))
	rc=0
	(cd "$top/tests/data" && "$bin" "$@") </dev/null >"$out/$name.out" 2>"$out/$name.err" || rc=$?
	echo "$rc" >>"$out/$name.out"
}
for f in "$top"/examples/*.json "$top"/tests/data/vignettes/*.json \
	"$top"/tests/data/assess_bad/*.json "$top"/tests/data/bad/case_*.json \
	"$top"/tests/data/plan/*.json; do
	run "assess-$(basename "$(dirname "$f")")-$(basename "$f")" assess "$f" --json
done
for f in "$top"/examples/*.diary "$top"/tests/data/diary/*.txt "$top"/tests/data/diary/*.json \
	"$top"/tests/data/diary/*/*.txt "$top"/tests/data/diary/*/*.json "$top"/tests/data/csv/*.csv \
	"$top"/tests/data/bad/*.txt "$top"/tests/data/fuzz/*.txt; do
	[ -f "$f" ] || continue
	run "intake-$(basename "$(dirname "$f")")-$(basename "$f")" intake "$f" --json
done
i=0
{
	for f in "$top"/bench/parse_*.tsv; do grep -v '^#' "$f" | cut -f1; done
	grep -v '^#' "$top/tests/data/parse_cases.txt" | cut -d'|' -f1
} | while IFS= read -r line; do
	[ -n "$line" ] || continue
	i=$((i + 1))
	run "parse-$i" parse "$line" --json
done
i=0
for f in "$top"/bench/search_*.tsv; do grep -v '^#' "$f" | cut -f1; done |
	while IFS= read -r q; do
		[ -n "$q" ] || continue
		i=$((i + 1))
		run "search-$i" food search "$q" --json
	done
i=0
grep -h '^args: ' "$top"/tests/data/*.test | sed 's/^args: //' | while IFS= read -r a; do
	i=$((i + 1))
	eval "set -- $a"
	run "case-$i" "$@"
done
echo "$(ls "$out" | grep -c '\.out$') commands in $out"

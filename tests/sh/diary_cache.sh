#!/bin/sh
# The diary-line cache from the command line: where it lives, that
# --no-cache and CRAMPLAB_CACHE=off leave no file, and that `intake --json`
# of every test diary and `assess --json` of the examples and of every
# vignette with a diary are byte for byte the same without the cache, with
# an empty one (written) and with a full one (read).
set -eu
d="$OUT/diary_cache"
rm -rf "$d" && mkdir -p "$d"
run() { # mode name command...: stdout, stderr and status into $d/mode/name
	mode=$1 name=$2
	shift 2
	mkdir -p "$d/$mode"
	rc=0
	case $mode in
	off) CRAMPLAB_CACHE=off "$@" >"$d/$mode/$name" 2>&1 || rc=$? ;;
	*) CRAMPLAB_CACHE="$d/cache" "$@" >"$d/$mode/$name" 2>&1 || rc=$? ;;
	esac
	echo "exit $rc" >>"$d/$mode/$name"
}
n=0
for mode in off cold warm; do
	for f in "$TOP"/tests/data/diary/*.txt "$TOP"/tests/data/diary/*/*.txt \
		"$TOP"/tests/data/diary/*.json "$TOP"/examples/*.diary "$TOP"/tests/data/bad/numbers.txt; do
		[ -f "$f" ] || continue
		run $mode "intake-$(basename "$(dirname "$f")")-$(basename "$f")" "$CRAMPLAB" intake "$f" --json
	done
	for f in "$TOP"/examples/*.json "$TOP"/tests/data/vignettes/*.json \
		"$TOP"/tests/data/assess_bad/bad-diary-lines.json; do
		grep -q '"diary"' "$f" || continue
		(cd "$(dirname "$f")" && run $mode "assess-$(basename "$f")" "$CRAMPLAB" assess "$(basename "$f")" --json)
	done
	[ $mode = cold ] && n=$(ls "$d/cold" | wc -l)
done
[ "$n" -ge 20 ] || { echo "only $n commands compared"; exit 1; }
test -s "$d/cache/diary-lines.db" || { echo "no cache file was written"; exit 1; }
diff -r "$d/off" "$d/cold" || { echo "answers with an empty cache differ"; exit 1; }
diff -r "$d/off" "$d/warm" || { echo "answers from a full cache differ"; exit 1; }
[ "$(stat -c %a "$d/cache")" = 700 ] && [ "$(stat -c %a "$d/cache/diary-lines.db")" = 600 ] ||
	{ echo "modes: $(stat -c '%a %n' "$d/cache" "$d/cache/diary-lines.db")"; exit 1; }

# No file when turned off, either way.
CRAMPLAB_CACHE="$d/none" "$CRAMPLAB" parse "2 medium bananas" --no-cache >/dev/null
CRAMPLAB_CACHE="$d/none" "$CRAMPLAB" intake --no-cache "$TOP/examples/older-adult-week.diary" >/dev/null
test ! -e "$d/none" || { echo "--no-cache wrote a cache"; exit 1; }
CRAMPLAB_CACHE=off HOME="$d/home" XDG_CACHE_HOME="$d/xdg" \
	"$CRAMPLAB" parse "2 medium bananas" >/dev/null
test ! -e "$d/home" && test ! -e "$d/xdg" || { echo "CRAMPLAB_CACHE=off wrote a cache"; exit 1; }
# Where it goes by default.
env -u CRAMPLAB_CACHE XDG_CACHE_HOME="$d/xdg" "$CRAMPLAB" parse "2 medium bananas" >/dev/null
test -s "$d/xdg/cramplab/diary-lines.db" || { echo "not in \$XDG_CACHE_HOME/cramplab"; exit 1; }
env -u CRAMPLAB_CACHE -u XDG_CACHE_HOME HOME="$d/home" "$CRAMPLAB" parse "2 medium bananas" >/dev/null
test -s "$d/home/.cache/cramplab/diary-lines.db" || { echo "not in ~/.cache/cramplab"; exit 1; }
# The answer does not depend on it, and --no-cache is not a food word.
a=$(CRAMPLAB_CACHE="$d/cache" "$CRAMPLAB" parse "2 medium bananas" --json --no-cache)
b=$(CRAMPLAB_CACHE="$d/cache" "$CRAMPLAB" parse "2 medium bananas" --json)
[ "$a" = "$b" ] || { echo "parse differs: $a / $b"; exit 1; }
# Documented.
"$CRAMPLAB" --help | grep -q -- '--no-cache' || { echo "--help does not mention --no-cache"; exit 1; }
"$CRAMPLAB" help assess | grep -q -- '--no-cache' || { echo "help assess does not mention it"; exit 1; }
echo "ok: $n commands the same without, with an empty and with a full cache"

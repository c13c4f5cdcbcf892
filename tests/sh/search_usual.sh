#!/bin/sh
# data/search_usual.tsv, the usual variety of a bare food name: every row is
# folded, gives a reason, matches at least one SR food and does not overlap
# another row (scripts/usual_heads.py --check), since a mistyped prefix would
# match nothing and silently do nothing; and a damaged copy is caught.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=${CRAMPLAB_DB:-$top/build/foods.db}
# the checker reads the database with Python's sqlite3 module, which
# Debian's python3-minimal lacks (it is in libpython3-stdlib)
if ! python3 -c 'import sqlite3' 2>/dev/null; then
	echo "SKIP: python3 has no sqlite3 module (apt-get install python3)"
	exit 0
fi

python3 "$top/scripts/usual_heads.py" --db "$db" --check >"$tmp/ok.txt" ||
	{ cat "$tmp/ok.txt"; echo "search_usual.tsv fails its check"; exit 1; }

# a prefix matching nothing, one inside another row's, one without a reason
cp "$top/data/search_usual.tsv" "$tmp/bad.tsv"
printf 'fish salmon atlantic farmd\ta typo\nfish salmon atlantic farmed cooked\tinside another row\nbread white\t\n' \
	>>"$tmp/bad.tsv"
rc=0
python3 "$top/scripts/usual_heads.py" --db "$db" --usual "$tmp/bad.tsv" --check >"$tmp/bad.txt" || rc=$?
[ "$rc" -eq 1 ] || { cat "$tmp/bad.txt"; echo "a damaged table passed the check (exit $rc)"; exit 1; }
for want in "'fish salmon atlantic farmd' matches no food" \
	"'fish salmon atlantic farmed cooked' overlaps" "'bread white' has no reason"; do
	grep -q "$want" "$tmp/bad.txt" || { cat "$tmp/bad.txt"; echo "the check did not say: $want"; exit 1; }
done
echo "search_usual.tsv: $(tail -1 "$tmp/ok.txt")"

#!/bin/sh
# data/search_wordnet.tsv, the food words taken from WordNet 3.0:
# 1. a damaged file is refused at import with a message naming the file and
#    the line, and the database is left as it was;
# 2. scripts/wordnet_foods.py remakes the committed file byte for byte from
#    WordNet's data.noun and the SR24 names of the test database.  WordNet is
#    Debian's wordnet-base (or WORDNET_DIR); it is installed here if missing
#    and we are root, and the check is skipped, saying why, only when it
#    cannot be.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# ---- 1. a damaged file -----------------------------------------------------
mkdir -p j/usda_sr24 data db
printf '09040|Bananas, raw\n' >j/usda_sr24/foods.index
: >j/usda_sr24/deprecated.index
printf '<food uid="09040" name="Bananas, raw"><measure amount="1.0" name="medium" grams="118.0"/><nutrient amount="27.0" name="Magnesium"/></food>' \
	>j/usda_sr24/09040.xml
(cd j && zip -qr ../good.jar .)
cp "$top"/data/*.tsv "$top"/data/*.json data/
CRAMPLAB_DATA="$tmp/data" "$CRAMPLAB" import sr24 good.jar --db db/foods.db >/dev/null
sum=$(md5sum db/foods.db)

refused() { # pattern: the import must fail with it on stderr, database unchanged
	rc=0
	CRAMPLAB_DATA="$tmp/data" "$CRAMPLAB" import sr24 good.jar --db db/foods.db >out.txt 2>err.txt || rc=$?
	[ "$rc" -ne 0 ] || { echo "a damaged search_wordnet.tsv was accepted"; exit 1; }
	grep -q -- "$1" err.txt || { echo "message lacks '$1':"; cat err.txt; exit 1; }
	[ "$(md5sum db/foods.db)" = "$sum" ] || { echo "the refused import changed the database"; exit 1; }
}
good=$top/data/search_wordnet.tsv
n=$(grep -n -v '^#' "$good" | sed -n 5p | cut -d: -f1) # the fifth row's line number
# a row without its note
awk -v n="$n" 'NR == n { sub(/\t[^\t]*$/, "") } { print }' "$good" >data/search_wordnet.tsv
refused "search_wordnet.tsv line $n: expected 3 fields"
# a replacement alternative with no word in it
awk -v n="$n" -F '\t' -v OFS='\t' 'NR == n { $2 = "apple|--" } { print }' "$good" >data/search_wordnet.tsv
refused "search_wordnet.tsv line $n: alternative '--' is not one word"
# the file missing
rm data/search_wordnet.tsv
refused "cannot read .*search_wordnet.tsv"

# ---- 2. the generator remakes the committed file ---------------------------
wn=${WORDNET_DIR:-/usr/share/wordnet}
if [ ! -f "$wn/data.noun" ] && [ -z "${WORDNET_DIR:-}" ] && [ "$(id -u)" = 0 ] &&
	command -v apt-get >/dev/null 2>&1; then
	echo "installing Debian's wordnet-base for the generator check"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wordnet-base \
		>apt.log 2>&1 || true
fi
if [ ! -f "$wn/data.noun" ]; then
	echo "SKIP (generator check only): no WordNet at $wn (apt-get install wordnet-base, or set WORDNET_DIR)"
	exit 0
fi
python3 "$top/scripts/wordnet_foods.py" --wordnet "$wn" --db "$CRAMPLAB_DB" -o made.tsv
cmp made.tsv "$good" || {
	echo "scripts/wordnet_foods.py does not remake data/search_wordnet.tsv:"
	diff made.tsv "$good" | head -20
	exit 1
}

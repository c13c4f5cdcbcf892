#!/bin/sh
# The official SR ASCII format: '~'-quoted, '^'-separated, ISO-8859-1, CRLF.
# A small release made here imports with the right values; omega-3 sums its
# fatty acids; vitamin D µg comes from IU; errors name the file and line.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir sr
crlf() { sed 's/$/\r/'; }
printf '~0900~^~Fruits and Fruit Juices~\n~1500~^~Finfish and Shellfish Products~\n' | crlf >sr/FD_GROUP.txt
printf '~09040~^~0900~^~Bananas, raw~^~BANANAS,RAW~^~~^~~^~Y~^~~^36^~Musa acuminata Colla~^6.25^3.36^8.37^3.60\n' | crlf >sr/FOOD_DES.txt
printf '~15076~^~1500~^~Fish, salmon, Atlantic, wild, raw~^~FISH,SALMON,ATLANTIC,WILD,RAW~^~~^~~^~Y~^~~^0^~~^6.25^4.27^9.02^3.87\n' | crlf >>sr/FOOD_DES.txt
# NUTR_DEF with micrograms written in Latin-1 (0xB5).
{
	printf '~304~^~mg~^~MG~^~Magnesium, Mg~^0^5300\n'
	printf '~324~^~IU~^~VITD~^~Vitamin D~^0^8750\n'
	printf '~418~^~\265g~^~VITB12~^~Vitamin B-12~^2^7300\n'
	printf '~621~^~g~^~F22D6~^~22:6 n-3 (DHA)~^3^15500\n'
	printf '~629~^~g~^~F20D5~^~20:5 n-3 (EPA)~^3^15400\n'
	printf '~999~^~g~^~XYZ~^~Something cramplab does not keep~^3^1\n'
} | crlf >sr/NUTR_DEF.txt
{
	printf '~09040~^~304~^27^6^0.5^~1~\n'
	printf '~09040~^~999~^5^1^^~1~\n'
	printf '~15076~^~304~^29^1^^~1~\n'
	printf '~15076~^~324~^0^0^^~4~\n'
	printf '~15076~^~418~^3.18^1^^~1~\n'
	printf '~15076~^~621~^1.115^1^^~1~\n'
	printf '~15076~^~629~^0.321^1^^~1~\n'
} | crlf >sr/NUT_DATA.txt
{
	printf '~09040~^1^1^~medium (7" to 7-7/8" long)~^118^12^2.5\n'
	printf '~09040~^2^1^~cup, sliced~^150^^\n'
	printf '~15076~^1^3^~oz~^85^^\n'
} | crlf >sr/WEIGHT.txt

"$CRAMPLAB" import sr-ascii sr --db db.sqlite >out.txt
grep -q 'imported 2 foods' out.txt
"$CRAMPLAB" food show 09040 --db db.sqlite --json >b.json
jq -e '.name == "Bananas, raw" and .group == "0900" and .group_name == "Fruits and Fruit Juices"' b.json >/dev/null
jq -e '.per_100g.magnesium_mg == 27 and .per_100g.vitamin_d_ug == null and .per_100g.omega3_g == null' b.json >/dev/null
jq -e '.measures[0].name == "medium (7\" to 7-7/8\" long)" and .measures[0].grams == 118 and .measures[1].grams == 150' b.json >/dev/null
"$CRAMPLAB" food show 15076 --db db.sqlite --json >s.json
jq -e '.per_100g.vitamin_b12_ug == 3.18 and .per_100g.vitamin_d_iu == 0 and .per_100g.vitamin_d_ug == 0' s.json >/dev/null
jq -e '(.per_100g.omega3_g - 1.436 | fabs) < 1e-9' s.json >/dev/null
jq -e '.measures[0].amount == 3 and .measures[0].grams == 85' s.json >/dev/null
"$CRAMPLAB" food search salmon --db db.sqlite --json | jq -e '.results[0].ndb == "15076"' >/dev/null
# The import stores the food pool for the food rules it was given, and a list
# read from it is the same as one computed with rules the cache is not for.
sqlite3 db.sqlite "SELECT value FROM meta WHERE key = 'pool_key'" | grep -q '^rules [0-9a-f]\{16\} common [0-9a-f]\{16\} code '
[ "$(sqlite3 db.sqlite 'SELECT length(foods) / 56 FROM pool_pack')" = 2 ]
[ "$(sqlite3 db.sqlite 'SELECT count(*) FROM pool_text')" = 2 ]
"$CRAMPLAB" food rich magnesium --db db.sqlite --json >cached.json
mkdir data && cp "$TOP"/data/*.json "$TOP"/data/*.tsv data/ && printf '\n' >>data/food_rules.json
CRAMPLAB_DATA="$PWD/data" "$CRAMPLAB" food rich magnesium --db db.sqlite --json >computed.json
cmp cached.json computed.json
jq -e '[.foods[].ndb] == ["09040", "15076"]' cached.json >/dev/null

refused() { # pattern
	rc=0
	"$CRAMPLAB" import sr-ascii sr --db db.sqlite >out.txt 2>err.txt || rc=$?
	[ "$rc" -eq 2 ] || { echo "exit $rc for '$1'"; cat err.txt; exit 1; }
	grep -q -- "$1" err.txt || { echo "message lacks '$1':"; cat err.txt; exit 1; }
	"$CRAMPLAB" food show 09040 --db db.sqlite >/dev/null || { echo "old database damaged"; exit 1; }
}
cp sr/NUT_DATA.txt nut.bak
printf '~01234~^~304~^1^1^^~1~\r\n' >>sr/NUT_DATA.txt
refused "NUT_DATA.txt line 8: food 01234 is not in FOOD_DES.txt"
cp nut.bak sr/NUT_DATA.txt
printf '~09040~^~304~^abc^1^^~1~\r\n' >>sr/NUT_DATA.txt
refused "NUT_DATA.txt line 8 field 3: expected a non-negative number, found 'abc'"
cp nut.bak sr/NUT_DATA.txt
printf '~09040~\r\n' >>sr/NUT_DATA.txt
refused "NUT_DATA.txt line 8: expected at least 3"
cp nut.bak sr/NUT_DATA.txt
printf '~09040~^3^1^~slice~^0^^\r\n' >>sr/WEIGHT.txt
refused "WEIGHT.txt line 4 field 5: expected a positive number"
rm sr/WEIGHT.txt
refused "cannot open sr/WEIGHT.txt"
echo ok

#!/bin/sh
# A 200,000-line diary (25,000 days, made here) is read whole: every day
# counted, nothing dropped; the same diary with one bad line at the very end
# is refused naming line 200,000, with nothing on stdout.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# Real dates only: days 1-28 of each month, from 1950 on.
awk 'BEGIN {
	for (d = 0; d < 25000; d++) {
		printf "%d-%02d-%02d\n", 1950 + int(d / 336), 1 + int((d % 336) / 28), 1 + d % 28
		print "2 medium bananas"; print "1 cup milk"; print "100 g cooked salmon"
		print "2 slices whole wheat bread"; print "1 tbsp butter"
		print "250 ml orange juice"; print "# a comment line"
	}
}' >big.txt
[ "$(wc -l <big.txt)" -eq 200000 ]
"$CRAMPLAB" intake big.txt --json >out.json
jq -e '(.days | length) == 25000 and ([.days[].entries | length] | add) == 150000' out.json >/dev/null
jq -e '.days[24999].date == "2024-05-24" and .days[0].totals.magnesium_mg > 0' out.json >/dev/null

# The last line is bad: the whole file is refused, and the error names it.
sed '$d' big.txt >bad.txt
echo "2 medium bananas 3" >>bad.txt
rc=0
"$CRAMPLAB" intake bad.txt --json >out.txt 2>err.txt || rc=$?
[ "$rc" -eq 2 ] || { echo "exit $rc"; exit 1; }
[ ! -s out.txt ] || { echo "stdout not empty"; exit 1; }
grep -q 'bad.txt:200000: ' err.txt || { echo "line 200000 not named:"; head -c 500 err.txt; exit 1; }

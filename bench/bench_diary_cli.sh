#!/bin/sh
# Times `cramplab intake` on a generated 200,000-line diary file (10,000 days
# of a date line and 19 food lines drawn from typical lines), text and JSON.
# Usage from the top directory: sh bench/bench_diary_cli.sh [build/cramplab]
set -eu
exe=${1:-build/cramplab}
export CRAMPLAB_DB="${CRAMPLAB_DB:-build/foods.db}"
file=$(mktemp /tmp/cramplab-diary.XXXXXX)
trap 'rm -f "$file"' EXIT
awk 'BEGIN {
	n = split("2 medium bananas|1 large egg|2 slices whole wheat bread|1 container plain yogurt|" \
		  "10 grapes|1 can tuna|250 ml orange juice|coffee, 2 cups|1 cup cooked spinach|" \
		  "ndb:09040 118 g|a handful of almonds|1 cup water|1 tbsp olive oil|150g salmon|" \
		  "1 cup broccoli|1 apple|1 cup blueberries|half an avocado|ndb:15076 150 g|2 carrots", L, "|")
	srand(1)
	for (d = 0; d < 10000; d++) {
		printf "%04d-%02d-%02d\n", 2000 + int(d / 336), 1 + int(d / 28) % 12, 1 + d % 28
		for (i = 0; i < 19; i++) print L[1 + int(rand() * n)]
	}
}' >"$file"
echo "diary: $(wc -l <"$file") lines, $(wc -c <"$file") bytes"
for mode in text json; do
	flag=""; [ "$mode" = json ] && flag=--json
	start=$(date +%s.%N)
	"$exe" intake "$file" $flag >/dev/null
	end=$(date +%s.%N)
	echo "cramplab intake ($mode): $(echo "$end - $start" | bc) s"
done

#!/bin/sh
# The SR24 import is exact: for a spread of foods, every nutrient value and
# household measure shown by `cramplab food show` equals the number written
# in the food's XML file inside the jar (read here with unzip and sed, not
# with cramplab's importer).  Includes foods lacking vitamin D data.
set -eu
jar="$TOP/build/sr24/usda_sr24.jar"
[ -s "$jar" ] || { echo "no jar at $jar"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unzip -p "$jar" usda_sr24/foods.index | cut -d'|' -f1 >"$tmp/all"
unzip -p "$jar" usda_sr24/deprecated.index | cut -d'|' -f1 >"$tmp/dep"
# Every 150th listed food plus chosen ones: banana, egg, spinach, salmon,
# caraway cheese (01008: no vitamin D in the source).
{ awk 'NR % 150 == 1' "$tmp/all"; printf '09040\n01123\n11457\n15086\n01008\n'; } |
	grep -vxF -f "$tmp/dep" | sort -u >"$tmp/sample"
checked=0
while read -r ndb; do
	unzip -p "$jar" "usda_sr24/$ndb.xml" >"$tmp/x.xml"
	"$CRAMPLAB" food show "$ndb" --json >"$tmp/f.json"
	# Nutrients: "amount|name" per line.
	grep -o '<nutrient amount="[^"]*" name="[^"]*"' "$tmp/x.xml" |
		sed 's/<nutrient amount="\([^"]*\)" name="\([^"]*\)"/\1|\2/' >"$tmp/n"
	while IFS='|' read -r amount name; do
		case "$name" in
		Energy) key=energy_kcal ;; Water) key=water_g ;; Magnesium) key=magnesium_mg ;;
		Potassium) key=potassium_mg ;; Calcium) key=calcium_mg ;; Iron) key=iron_mg ;;
		Sodium) key=sodium_mg ;; "Vitamin D") key=vitamin_d_iu ;;
		"B12 (Cyanocobalamin)") key=vitamin_b12_ug ;; "B1 (Thiamine)") key=thiamin_mg ;;
		Omega-3) key=omega3_g ;; Protein) key=protein_g ;; Fat) key=fat_g ;;
		*) continue ;;
		esac
		jq -e --arg k "$key" --argjson v "$amount" '.per_100g[$k] as $c | $c != null and (($c - $v) | fabs) <= 1e-9 * ($v | fabs) + 1e-12' "$tmp/f.json" >/dev/null ||
			{ echo "$ndb $key: xml $amount, cramplab $(jq ".per_100g.$key" "$tmp/f.json")"; exit 1; }
		if [ "$key" = vitamin_d_iu ]; then
			jq -e --argjson v "$amount" '(.per_100g.vitamin_d_ug - $v / 40 | fabs) < 1e-9' \
				"$tmp/f.json" >/dev/null || { echo "$ndb vitamin_d_ug is not IU/40"; exit 1; }
		fi
		checked=$((checked + 1))
	done <"$tmp/n"
	# Unknown stays unknown: as many known values as the XML has (+1 for derived vitamin D µg).
	want=$(wc -l <"$tmp/n")
	grep -q 'name="Vitamin D"' "$tmp/x.xml" && want=$((want + 1))
	have=$(jq '[.per_100g[] | select(. != null)] | length' "$tmp/f.json")
	[ "$have" -eq "$want" ] || { echo "$ndb: $have known values, xml has $want"; exit 1; }
	if ! grep -q 'name="Vitamin D"' "$tmp/x.xml"; then
		jq -e '.per_100g.vitamin_d_ug == null and .per_100g.vitamin_d_iu == null' "$tmp/f.json" \
			>/dev/null || { echo "$ndb: vitamin D should be unknown"; exit 1; }
	fi
	# Measures: same count and grams in order.
	grep -o 'grams="[^"]*"' "$tmp/x.xml" | sed 's/grams="\(.*\)"/\1/' >"$tmp/g"
	jq -r '.measures[].grams' "$tmp/f.json" >"$tmp/g2"
	awk 'NR==FNR { a[FNR] = $1; n = FNR; next } { if (a[FNR] + 0 != $1 + 0) bad = 1; m = FNR }
	     END { exit (bad || n != m) }' "$tmp/g" "$tmp/g2" || { echo "$ndb: measures differ"; exit 1; }
done <"$tmp/sample"
echo "checked $checked values in $(wc -l <"$tmp/sample") foods"
[ "$checked" -gt 300 ]

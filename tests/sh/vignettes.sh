#!/bin/sh
# Properties that must hold over every clinical vignette in
# tests/data/vignettes (the per-vignette expectations are in
# tests/data/assess.test): there are at least 45; each is assessed without
# error; a vignette with a red-flag sign (cauda equina, dark urine with
# muscle symptoms, a swollen warm calf, fever with a swollen leg, a
# suspected avulsion, dangerous electrolyte values) is urgent or emergency,
# never self_care; the level is the most severe matched rule's; and no
# vignette that over-drank or has low blood sodium is told to drink more.
set -eu
dir="$TOP/tests/data/vignettes"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
for f in "$dir"/*.json; do
	n=$((n + 1))
	name=$(basename "$f")
	if ! (cd "$dir" && "$CRAMPLAB" assess "$name" --json) >"$tmp/out" 2>"$tmp/err"; then
		echo "$name: assess failed: $(head -c 300 "$tmp/err")"
		bad=$((bad + 1))
		continue
	fi
	red=$(jq -r '
		. as $case | def sym(s): ($case.symptoms[s] // false);
		(sym("saddle_numbness_or_bladder") or sym("calf_swelling_warmth")
		 or (sym("dark_urine") and (sym("weakness") or sym("cramps") or sym("swelling") or ((.exercise // []) | length > 0)))
		 or (sym("fever") and (sym("swelling") or sym("calf_swelling_warmth")))
		 or (sym("pop_felt") and sym("bruising") and sym("cannot_bear_weight"))
		 or any((.labs // [])[]; ((.test|ascii_downcase|IN("k","potassium")) and .value < 3.0 and sym("weakness"))
		        or ((.test|ascii_downcase|IN("na","sodium")) and .value < 130)
		        or ((.test|ascii_downcase|IN("mg","magnesium")) and .unit == "mmol/L" and .value < 0.5)))' "$f")
	level=$(jq -r .triage.level "$tmp/out")
	if [ "$red" = true ] && [ "$level" != urgent ] && [ "$level" != emergency ]; then
		echo "$name: red flag but triage $level"
		bad=$((bad + 1))
	fi
	if ! jq -e '
		def rank: {"self_care":0,"routine":1,"urgent":2,"emergency":3}[.];
		(.triage.level | rank) == ([.triage.details[].level | rank] | max // 0)' "$tmp/out" >/dev/null; then
		echo "$name: triage level is not the most severe matched rule's"
		bad=$((bad + 1))
	fi
	if ! jq -e '
		((any(.hydration.sessions[]; .overdrinking) or any(.labs[]; .test == "sodium" and (.band | test("low")))) | not)
		or all(.advice.hydration[]; test("drink (a little )?more through|drink about|After exercise drink") | not)' \
		"$tmp/out" >/dev/null; then
		echo "$name: an over-drinker is told to drink"
		bad=$((bad + 1))
	fi
done
echo "$n vignettes, $bad problems"
[ "$n" -ge 45 ] && [ "$bad" -eq 0 ]

#!/bin/sh
# The data snapshot built into the tool (src/lib/jsonsnap.c), and the
# knowledge base compiled with it (src/lib/kbimage.c), change no
# output: every example and vignette assessed, and dri, lab, med and
# explain, print the same bytes with the snapshot as with every data file
# parsed (CRAMPLAB_DATA_SNAPSHOT=off).  It holds every data/*.json file;
# and a data file whose bytes differ from those it was built from is parsed,
# so an edit takes effect at once (a changed number shows; a space added
# changes nothing).
set -eu
d="$OUT/data_snapshot"
rm -rf "$d" && mkdir -p "$d/data"

# 1. every data file is in the snapshot
v=$("$CRAMPLAB" --version)
echo "$v"
for f in "$TOP"/data/*.json; do
	echo "$v" | grep -q "^data snapshot:.* $(basename "$f")\( \|$\)" ||
		{ echo "$(basename "$f") is not in the snapshot"; exit 1; }
done

# 2. the same bytes with and without it
same() { # name, then the command
	name=$1
	shift
	"$@" >"$d/on" 2>"$d/on.err" || echo "exit $?" >>"$d/on"
	CRAMPLAB_DATA_SNAPSHOT=off "$@" >"$d/off" 2>"$d/off.err" || echo "exit $?" >>"$d/off"
	if ! cmp -s "$d/on" "$d/off" || ! cmp -s "$d/on.err" "$d/off.err"; then
		echo "$name: output differs with the snapshot"
		diff "$d/off" "$d/on" | head -10
		exit 1
	fi
	[ -s "$d/on" ] || { echo "$name: no output"; exit 1; }
}
n=0
for f in "$TOP"/examples/*.json "$TOP"/tests/data/vignettes/*.json; do
	(cd "$(dirname "$f")" && same "$(basename "$f")" "$CRAMPLAB" assess "$(basename "$f")" --json)
	n=$((n + 1))
done
[ "$n" -ge 50 ]
(cd "$TOP/examples" && same "text report" "$CRAMPLAB" assess older-adult-week.json)
same dri "$CRAMPLAB" dri --age 67 --sex female --json
same "dri pregnant" "$CRAMPLAB" dri --age 30 --sex female --pregnant --vegetarian
same lab "$CRAMPLAB" lab "vitamin D" 45 nmol/L --json
same "lab text" "$CRAMPLAB" lab Hb 10.5 g/dL --sex female
same med "$CRAMPLAB" med lasix --json
same "med condition" "$CRAMPLAB" med --condition CKD
same "med unknown" "$CRAMPLAB" med frobnazole --json
for factor in magnesium iron dehydration; do
	same "explain $factor" "$CRAMPLAB" explain "$factor" --age 67 --sex female --json
done
same "explain text" "$CRAMPLAB" explain vitamin_d

# 3. changed bytes are parsed: women 31-50's magnesium EAR 265 -> 266
cp "$TOP"/data/*.json "$TOP"/data/*.tsv "$d/data/"
sed 's/"group": "female", "age": "31-50", "ear": 265/"group": "female", "age": "31-50", "ear": 266/' \
	"$TOP/data/dri.json" >"$d/data/dri.json"
! cmp -s "$TOP/data/dri.json" "$d/data/dri.json"
CRAMPLAB_DATA="$d/data" "$CRAMPLAB" dri --age 40 --sex female --json >"$d/out"
[ "$(jq .nutrients.magnesium_mg.ear "$d/out")" = 266 ]
"$CRAMPLAB" dri --age 40 --sex female --json >"$d/out"
[ "$(jq .nutrients.magnesium_mg.ear "$d/out")" = 265 ]
# a space more: other bytes, the same tree, the same answer
{ cat "$TOP/data/labs.json"; echo " "; } >"$d/data/labs.json"
CRAMPLAB_DATA="$d/data" "$CRAMPLAB" lab Mg 0.6 mmol/L --json >"$d/out"
"$CRAMPLAB" lab Mg 0.6 mmol/L --json | cmp -s - "$d/out"
! grep -q Sanitizer "$d"/*.err
echo ok

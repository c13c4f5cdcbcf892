#!/bin/sh
# The CLI refuses a broken knowledge base clearly: a syntax error names the
# file, line and column; a bad source id names the file and JSON path; both
# exit 2 without a sanitizer report.  Runs on a scratch copy of data/.
set -eu
d="$OUT/kb_corrupt"
rm -rf "$d" && mkdir -p "$d"
cp "$TOP"/data/*.json "$TOP"/data/*.tsv "$d"/

# 1. JSON syntax error in labs.json
sed '0,/"label": "Serum magnesium",/s//"label": "Serum magnesium",,/' "$TOP/data/labs.json" >"$d/labs.json"
set +e
CRAMPLAB_DATA="$d" "$CRAMPLAB" lab Mg 0.8 mmol/L >"$d/out" 2>"$d/err"
rc=$?
set -e
cat "$d/err"
[ "$rc" -eq 2 ]
grep -Eq 'labs\.json line [0-9]+, column [0-9]+' "$d/err"
cp "$TOP/data/labs.json" "$d/labs.json"

# 2. unknown source id in dri.json
sed '0,/"sources": \["iom2011", "nasem2019"\]/s//"sources": ["iom2012", "nasem2019"]/' \
	"$TOP/data/dri.json" >"$d/dri.json"
set +e
CRAMPLAB_DATA="$d" "$CRAMPLAB" dri --age 40 --sex female >"$d/out" 2>"$d/err"
rc=$?
set -e
cat "$d/err"
[ "$rc" -eq 2 ]
grep -q "dri.json: nutrients.calcium_mg.rows\[0\].sources: source id 'iom2012' is not in sources.json" "$d/err"
! grep -q 'Sanitizer' "$d/err"

# 3. a recovery item's condition with an unknown strength
cp "$TOP/data/dri.json" "$d/dri.json"
sed '0,/"hide_if": {"factor": "injury", "strength_at_least": "moderate"/s//"hide_if": {"factor": "injury", "strength_at_least": "severe"/' \
	"$TOP/data/factors.json" >"$d/factors.json"
! cmp -s "$TOP/data/factors.json" "$d/factors.json"
set +e
CRAMPLAB_DATA="$d" "$CRAMPLAB" assess "$TOP/tests/data/vignettes/28-infrequent-idiopathic-cramps.json" >"$d/out" 2>"$d/err"
rc=$?
set -e
cat "$d/err"
[ "$rc" -eq 2 ]
grep -Eq 'kb_corrupt/factors\.json: advice\.recovery\[[0-9]+\]\.hide_if: expected' "$d/err"
! grep -q 'infrequent-idiopathic' "$d/err" # a fault of the data, not of the case
! grep -q 'Sanitizer' "$d/err"
cp "$TOP/data/factors.json" "$d/factors.json"

# 4. the pristine copy works
CRAMPLAB_DATA="$d" "$CRAMPLAB" dri --age 40 --sex female --json >"$d/out"
grep -q '"life_stage": "female 31-50"' "$d/out"
echo ok

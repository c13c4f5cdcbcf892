#!/bin/sh
# cramplab history: days stored exactly (totals equal `intake`'s, unknown kept
# unknown), mode 0600, nothing stored from a bad file or over a stored day,
# cramp episodes validated, summaries over a period, a case that `assess -`
# reads, and files that are not a cramplab history left untouched.
set -eu
d="$OUT/history"
rm -rf "$d" && mkdir -p "$d"
export CRAMPLAB_HISTORY="$d/sub/dir/history.db"
data="$TOP/tests/data"
fails() { # expected-exit pattern command...: the command fails so, saying pattern
	want=$1 pat=$2
	shift 2
	set +e
	"$@" >"$d/out" 2>"$d/err"
	rc=$?
	set -e
	if [ "$rc" -ne "$want" ] || ! grep -Eq -e "$pat" "$d/err" || grep -q Sanitizer "$d/err"; then
		echo "expected exit $want and /$pat/ from: $*; got $rc:"
		cat "$d/err"
		exit 1
	fi
}
same_json() { # a b: jq -S equal
	[ "$(jq -S . "$1")" = "$(jq -S . "$2")" ] || { echo "differ: $1 $2"; diff "$1" "$2" | head; exit 1; }
}
days() { "$CRAMPLAB" history list --json | jq '.days | length'; }

# 1. An empty history says so.
fails 2 'the history is empty' "$CRAMPLAB" history summary
[ "$(stat -c %a "$CRAMPLAB_HISTORY")" = 600 ]
[ "$(stat -c %a "$d/sub/dir")" = 700 ]

# 2. Days stored exactly: the totals and missing counts are intake's, day by day.
"$CRAMPLAB" history add "$data/diary/week.txt" >"$d/out"
grep -q 'stored 3 days' "$d/out"
sed -e 's/^2026-11-20$/2026-11-18/' -e 's/^2026-11-21$/2026-11-19/' \
	"$data/diary/supp/supplements.txt" >"$d/supp.txt"
"$CRAMPLAB" history add "$d/supp.txt" --json | jq -e '.added == 2'
"$CRAMPLAB" intake "$data/diary/week.txt" --json >"$d/intake.json"
"$CRAMPLAB" history list --to 2026-11-22 --json >"$d/list.json"
jq '[.days[] | .totals]' "$d/intake.json" >"$d/a"
# the supplement days (2026-11-18 and 19) are another source: compare week.txt's days only
jq '[.days[] | select(.source | endswith("week.txt")) | .totals]' "$d/list.json" >"$d/b"
same_json "$d/a" "$d/b"
jq '[.days[] | .missing | map_values(length)]' "$d/intake.json" >"$d/a"
jq '[.days[] | select(.source | endswith("week.txt")) | .missing]' "$d/list.json" >"$d/b"
same_json "$d/a" "$d/b"
# the salmon day lacks vitamin D for one entry: unknown, not zero
jq -e '[.days[] | select(.date == "2026-11-21")][0].missing.vitamin_d_ug >= 1' "$d/list.json"

# 3. A stored day is never overwritten by accident; --replace replaces it.
fails 2 '3 days are already in the history, nothing stored: 2026-11-20, 2026-11-21, 2026-11-22; replace them with --replace' \
	"$CRAMPLAB" history add "$data/diary/week.txt"
[ "$(days)" -eq 5 ]
"$CRAMPLAB" history add "$data/diary/week.txt" --replace --json | jq -e '.replaced == 3 and .added == 0'
[ "$(days)" -eq 5 ]

# 4. A file with a bad line stores nothing and names the line.
printf '2026-12-01\n2 medium bananas\n3 cups of ???\n' >"$d/bad.txt"
fails 2 'bad\.txt:3:' "$CRAMPLAB" history add "$d/bad.txt"
[ "$(days)" -eq 5 ]

# 5. Cramp episodes: every field checked.
"$CRAMPLAB" history cramp 2026-11-20 --time 02:30 --context night --muscle Hamstring \
	--side left --severity 6 --minutes 3 >"$d/out"
grep -q 'stored cramp episode #1' "$d/out"
"$CRAMPLAB" history cramp 2026-11-21 --context night --muscle calf --json | jq -e '.id == 2'
"$CRAMPLAB" history cramp 2026-11-22 --context exercise --muscle hamstring --note 'last km' >/dev/null
fails 2 'date: expected a real date' "$CRAMPLAB" history cramp 2026-02-30
fails 2 'time: expected HH:MM' "$CRAMPLAB" history cramp 2026-11-20 --time 24:00
fails 2 'context: expected night, exercise or rest' "$CRAMPLAB" history cramp 2026-11-20 --context bedtime
fails 2 'severity: expected 0' "$CRAMPLAB" history cramp 2026-11-20 --severity 11
fails 2 'minutes: expected more than 0' "$CRAMPLAB" history cramp 2026-11-20 --minutes 0
fails 2 'side: expected left, right or both' "$CRAMPLAB" history cramp 2026-11-20 --side up
fails 2 'note: not valid UTF-8' "$CRAMPLAB" history cramp 2026-11-20 --note "$(printf 'bad \377')"
fails 2 'cramp takes one DATE' "$CRAMPLAB" history cramp
"$CRAMPLAB" history list --json | jq -e '[.cramps[].id] == [1, 2, 3] and .cramps[0].muscle == "hamstring"'

# 6. Summary over a period: 3 episodes in 2 weeks = 1.5 a week; the default
# period is 4 weeks ending on the latest date stored; weeks cross February.
"$CRAMPLAB" history summary --from 2026-11-09 --to 2026-11-22 --json >"$d/sum.json"
jq -e '.cramps.episodes == 3 and .cramps.per_week == 1.5 and .cramps.night == 2
	and .cramps.exercise == 1 and .cramps.mean_severity == 6 and .cramps.muscles.hamstring == 2
	and .days == 5 and .weeks == 2' "$d/sum.json"
"$CRAMPLAB" history summary --json | jq -e '.from == "2026-10-26" and .to == "2026-11-22"'
"$CRAMPLAB" history summary --to 2024-03-01 --weeks 1 --json 2>/dev/null |
	jq -e '.from == "2024-02-24" and .cramps.episodes == 0'
"$CRAMPLAB" history summary --to 2026-03-01 --weeks 1 --json | jq -e '.from == "2026-02-23"'
fails 2 'from \(2026-11-23\) is after to' "$CRAMPLAB" history summary --from 2026-11-23 --to 2026-11-22
fails 2 '--weeks must be between 1 and 520' "$CRAMPLAB" history summary --weeks 0
"$CRAMPLAB" history summary >"$d/out"
grep -q '3 episodes, 0.8 a week' "$d/out"

# 7. A case from the history: the diary as exact lines, cramps from the episodes;
# its assessment sees the same intake as the diary file itself.
cat >"$d/base.json" <<'EOF'
{"profile": {"age": 67, "sex": "female", "weight_kg": 62, "diet": "omnivore"},
 "symptoms": {"fatigue": true},
 "medications": ["furosemide"]}
EOF
"$CRAMPLAB" history case "$d/base.json" --from 2026-11-18 --to 2026-11-22 >"$d/case.json"
jq -e '(.diary | length) == 5 and .symptoms.cramps == true and .symptoms.cramps_per_week == 4.2
	and .symptoms.nocturnal == true and .symptoms.during_exercise == true
	and .symptoms.fatigue == true and .symptoms.duration_days == 3
	and .medications == ["furosemide"]
	and (.diary[0].foods | any(test("^[Ss]upplement: magnesium")))' "$d/case.json"
"$CRAMPLAB" assess - --json <"$d/case.json" >"$d/from_history.json"
cat "$d/supp.txt" "$data/diary/week.txt" >"$d/both.txt"
jq --arg diary "$d/both.txt" '. + {diary: $diary}' "$d/base.json" >"$d/direct.json"
"$CRAMPLAB" assess "$d/direct.json" --json >"$d/direct_out.json"
jq '.intake.nutrients | map_values(.mean)' "$d/from_history.json" >"$d/a"
jq '.intake.nutrients | map_values(.mean)' "$d/direct_out.json" >"$d/b"
jq -e -n --slurpfile a "$d/a" --slurpfile b "$d/b" \
	'$a[0] | to_entries | all(.value == null and $b[0][.key] == null or
		((.value - $b[0][.key]) | fabs) <= 1e-9 * ((.value | fabs) + 1))'
"$CRAMPLAB" history case "$d/base.json" --from 2026-11-18 --to 2026-11-22 |
	"$CRAMPLAB" assess - | grep -q '^ROUTINE'
fails 2 'already has a "diary"|has a "diary"' "$CRAMPLAB" history case "$d/direct.json"
fails 2 'line 1, column' "$CRAMPLAB" history case "$TOP/README.md"

# 8. A day from a CSV export is kept, but cannot become case diary lines.
"$CRAMPLAB" history add "$data/csv/cronometer_daily.csv" --replace >/dev/null
csvday=$("$CRAMPLAB" history list --json | jq -r '[.days[] | select(.format == "cronometer_daily")][0].date')
fails 2 "day $csvday came from a cronometer_daily export" \
	"$CRAMPLAB" history case "$d/base.json" --from "$csvday" --to "$csvday"

# 9. Deleting: a day or an episode; what is not there is an error.
"$CRAMPLAB" history delete-cramp 2 >/dev/null
"$CRAMPLAB" history list --json | jq -e '[.cramps[].id] == [1, 3]'
fails 2 'no cramp episode 2 in the history' "$CRAMPLAB" history delete-cramp 2
fails 2 'no day 1999-01-01 in the history' "$CRAMPLAB" history delete-day 1999-01-01
fails 2 'delete-cramp takes an episode number' "$CRAMPLAB" history delete-cramp two

# 10. Files that are not a cramplab history are refused and left as they were.
sqlite3 "$d/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES(1);'
before=$(md5sum <"$d/other.db")
fails 1 'not a cramplab history file' "$CRAMPLAB" history list --history "$d/other.db"
fails 1 'not a cramplab history file' "$CRAMPLAB" history cramp 2026-11-20 --history "$d/other.db"
[ "$(md5sum <"$d/other.db")" = "$before" ]
printf 'just some text, not a database at all, long enough to look like one\n' >"$d/text.db"
fails 1 'not a cramplab history file' "$CRAMPLAB" history list --history "$d/text.db"
cp "$CRAMPLAB_HISTORY" "$d/newer.db"
sqlite3 "$d/newer.db" 'PRAGMA user_version=2;'
fails 1 'written by a newer cramplab' "$CRAMPLAB" history list --history "$d/newer.db"
fails 2 'not a regular file' "$CRAMPLAB" history list --history "$d"

# 11. Usage errors.
fails 2 "unknown action 'frobnicate'" "$CRAMPLAB" history frobnicate
fails 2 'say what to do' "$CRAMPLAB" history
fails 2 'list takes no argument' "$CRAMPLAB" history list 2026-11-20
echo ok

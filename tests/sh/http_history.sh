# The history endpoints answer like `cramplab history ... --json` on the same
# file, refuse bad episodes and cross-site writes, and store nothing from a
# diary with a bad line.
. "$(dirname "$0")/http.inc"
hist="$work/history.db"
rm -f "$hist"
start_server --history "$hist"

# An empty history: the list is empty, the summary is 404.
expect "empty list" 200 "$(req "$base/api/history")"
jq -e '.days == [] and .cramps == []' "$body" >/dev/null || die "empty list body"
expect "empty summary" 404 "$(req "$base/api/history/summary")"
jq -e '.error | test("history is empty")' "$body" >/dev/null || die "empty summary message"
expect "history file mode" 600 "$(stat -c %a "$hist")"

# Days: a diary posted as text; the same day again is refused unless replace=1.
expect "add days" 200 "$(req --data-binary @"$TOP/tests/data/diary/week.txt" "$base/api/history/days")"
jq -e '.added == 3 and .replaced == 0' "$body" >/dev/null || die "add days body: $(cat "$body")"
expect "add days again" 400 "$(req --data-binary @"$TOP/tests/data/diary/week.txt" "$base/api/history/days")"
jq -e '.error | test("already in the history, nothing stored")' "$body" >/dev/null || die "duplicate message"
expect "replace days" 200 "$(req --data-binary @"$TOP/tests/data/diary/week.txt" "$base/api/history/days?replace=1")"
jq -e '.replaced == 3' "$body" >/dev/null || die "replace body"
expect "bad replace" 400 "$(req --data-binary @"$TOP/tests/data/diary/week.txt" "$base/api/history/days?replace=yes")"
printf '2026-12-01\n2 medium bananas\n3 cups of ???\n' >"$work/bad.txt"
expect "bad diary" 400 "$(req --data-binary @"$work/bad.txt" "$base/api/history/days")"
jq -e '.error | test("nothing stored") and test("diary:3:")' "$body" >/dev/null || die "bad diary message: $(cat "$body")"

# Episodes.
expect "cramp" 200 "$(req -H 'Content-Type: application/json' \
	--data '{"date": "2026-11-21", "time": "03:10", "context": "night", "muscle": "Calf", "severity": 5}' \
	"$base/api/history/cramp")"
jq -e '.id == 1' "$body" >/dev/null || die "cramp id"
expect "cramp 2" 200 "$(req --data '{"date": "2026-11-22", "context": "exercise", "minutes": 2.5}' "$base/api/history/cramp")"
for bad in '{"date": "2026-02-30"}' '{"date": "2026-11-20", "severity": 11}' \
	'{"date": "2026-11-20", "severity": 2.5}' '{"date": "2026-11-20", "context": "bed"}' \
	'{"date": "2026-11-20", "colour": "red"}' '{"time": "10:00"}' '[1]' '{"date": 20261120}' \
	'{"date": "2026-11-20", "minutes": "long"}' '{"date": "2026-11-20", "date": "2026-11-21"}'; do
	expect "bad cramp $bad" 400 "$(req --data "$bad" "$base/api/history/cramp")"
done
# A web page elsewhere cannot write into the history.
expect "cross-site cramp" 403 "$(req -H 'Origin: http://evil.example' --data '{"date": "2026-11-20"}' \
	"$base/api/history/cramp")"
expect "cross-site days" 403 "$(req -H 'Origin: http://evil.example' \
	--data-binary @"$TOP/tests/data/diary/week.txt" "$base/api/history/days?replace=1")"
expect "wrong method" 405 "$(req "$base/api/history/cramp")"

# The API answers like the CLI on the same file.
expect "list" 200 "$(req "$base/api/history")"
"$CRAMPLAB" history list --history "$hist" --json >"$work/cli.json"
cmp -s "$work/cli.json" "$body" || die "list differs from the CLI"
echo "ok: list equals the CLI"
expect "summary" 200 "$(req "$base/api/history/summary?from=2026-11-16&to=2026-11-22")"
"$CRAMPLAB" history summary --history "$hist" --from 2026-11-16 --to 2026-11-22 --json >"$work/cli.json"
cmp -s "$work/cli.json" "$body" || die "summary differs from the CLI"
jq -e '.cramps.episodes == 2 and .cramps.night == 1 and .cramps.exercise == 1 and .days == 3' "$body" >/dev/null ||
	die "summary body: $(cat "$body")"
echo "ok: summary equals the CLI"
expect "summary weeks" 200 "$(req "$base/api/history/summary?weeks=1")"
jq -e '.from == "2026-11-16" and .to == "2026-11-22"' "$body" >/dev/null || die "summary weeks body"
expect "summary bad weeks" 400 "$(req "$base/api/history/summary?weeks=0")"
expect "list bad from" 400 "$(req "$base/api/history?from=yesterday")"

# A file that is not a cramplab history is refused and left alone.
stop_server_clean
sqlite3 "$work/other.db" 'CREATE TABLE t(x);'
sum=$(md5sum <"$work/other.db")
start_server --history "$work/other.db"
expect "not a history" 500 "$(req --data '{"date": "2026-11-20"}' "$base/api/history/cramp")"
jq -e '.error | test("not a cramplab history file")' "$body" >/dev/null || die "not-a-history message"
[ "$(md5sum <"$work/other.db")" = "$sum" ] || die "the other database was changed"
still_serving "after a refused history"
stop_server_clean

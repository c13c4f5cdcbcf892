#!/bin/sh
# POST /report answers the same HTML bytes as `cramplab assess CASE --html`,
# for a CASE JSON body and for the page's form; every user string is escaped
# in the report and in error pages; malformed, oversized and slow requests
# are refused (400, 413, time-out) and the server keeps serving.
. "$TOP/tests/sh/http.inc"
start_server --timeout 2
cd "$TOP/tests/data"

# 0. The page offers exactly the lab tests and units the knowledge base reads.
sed -n 's|.*<option value="\([a-z_0-9]*\)" data-units="\([^"]*\)">.*|\1 \2|p' \
	"$TOP/src/http/web/index.html" >"$work/page-labs"
jq -r '.tests | to_entries[] | .key + " " + ([.value.units[].unit] | join(" "))' \
	"$TOP/data/labs.json" >"$work/kb-labs"
cmp -s "$work/page-labs" "$work/kb-labs" ||
	die "the page's lab tests and units differ from data/labs.json: $(diff "$work/kb-labs" "$work/page-labs")"
echo "ok: the page's lab tests and units are those of data/labs.json"

# 1. CASE JSON body: the same bytes as the CLI, for cases with an inline
#    diary, exercise, an emergency and labs; twice over, so that workers
#    reuse their pooled assessors on other cases and must still agree.
for v in vignettes/08-vegan-no-b12.json vignettes/16-lactation-night-cramps.json \
	vignettes/02-runner-heat-3pct.json vignettes/05-suspected-dvt.json \
	vignettes/09-ppi-low-magnesium.json vignettes/08-vegan-no-b12.json \
	vignettes/02-runner-heat-3pct.json vignettes/16-lactation-night-cramps.json; do
	"$CRAMPLAB" assess "$v" --html >"$work/cli.html" || die "assess $v --html failed"
	expect "report $v" 200 "$(req -X POST -H 'Content-Type: application/json' --data-binary "@$v" "$base/report")"
	cmp -s "$body" "$work/cli.html" || die "/report for $v differs from assess --html"
	expect "report type" "text/html; charset=utf-8" "$(header Content-Type)"
	header Content-Security-Policy | grep -q "default-src 'none'; style-src 'unsafe-inline'" ||
		die "the report's CSP is not its own: $(header Content-Security-Policy)"
	grep -q '<svg' "$body" || die "the report for $v has no chart"
	grep -qi '<script' "$body" && die "the report for $v holds a script element"
	echo "ok: /report for $v equals assess --html"
done

# 2. The page's form: the same bytes as the CLI on the CASE JSON it stands for.
cat >"$work/form-case.json" <<'JSON'
{"profile": {"age": 67, "sex": "female", "weight_kg": 62.5, "diet": "omnivore"},
 "diary": [{"date": "2026-11-18", "foods": ["1 cup oatmeal", "1 medium banana"]},
           {"date": "2026-11-19", "foods": ["2 slices white bread", "1 cup 2% milk"]}],
 "exercise": [{"date": "2026-11-18", "minutes": 45, "intensity": "hard", "temperature_c": 28}],
 "symptoms": {"cramps": true, "nocturnal": true, "cramps_per_week": 4},
 "labs": [{"test": "magnesium", "value": 1.6, "unit": "mg/dL"}],
 "medications": ["furosemide", "omeprazole"]}
JSON
"$CRAMPLAB" assess "$work/form-case.json" --html >"$work/cli.html" || die "assess form-case failed"
expect "form post" 200 "$(req -X POST -H "Origin: $base" \
	--data-urlencode age=67 --data-urlencode sex=female --data-urlencode weight_kg=62.5 \
	--data-urlencode diet=omnivore --data-urlencode status=none \
	--data-urlencode 'diary=2026-11-18
1 cup oatmeal
  1 medium banana
# a comment

2026-11-19
2 slices white bread
1 cup 2% milk' \
	--data-urlencode ex_date=2026-11-18 --data-urlencode ex_minutes=45 --data-urlencode ex_intensity=hard \
	--data-urlencode ex_temperature_c=28 --data-urlencode ex_mass_before_kg= --data-urlencode ex_date= \
	--data-urlencode ex_minutes= --data-urlencode ex_intensity=moderate \
	--data-urlencode symptom=cramps --data-urlencode symptom=nocturnal --data-urlencode cramps_per_week=4 \
	--data-urlencode duration_days= \
	--data-urlencode lab_test=magnesium --data-urlencode lab_value=1.6 --data-urlencode lab_unit=mg/dL \
	--data-urlencode lab_test=potassium --data-urlencode lab_value= --data-urlencode lab_unit=mmol/L \
	--data-urlencode 'medications=furosemide
omeprazole' --data-urlencode conditions= "$base/report")"
cmp -s "$body" "$work/cli.html" || die "the form's report differs from assess --html on the same case"
echo "ok: the form's report equals assess --html on the same case"
# Diary lines before any date belong to today (UTC), and a date line starts a day.
today=$(date -u +%Y-%m-%d)
expect "form with undated lines" 200 "$(req -X POST --data-urlencode age=30 --data-urlencode sex=male \
	--data-urlencode 'diary=1 medium banana
2020-01-01
1 cup oatmeal' "$base/report")"
grep -q "<h3>$today</h3>" "$body" || die "undated diary lines were not read as today ($today)"
grep -q '<h3>2020-01-01</h3>' "$body" || die "the dated day is missing"
echo "ok: undated diary lines count as today"

# 3. Hostile strings: escaped in the report (from the CLI and the server
#    alike), and in the error page that names a bad diary line.
cat >"$work/hostile.json" <<'JSON'
{"profile": {"age": 40, "sex": "male"},
 "diary": [{"date": "2026-11-18", "foods": ["1 medium banana # <script>alert('diary')</script>"]}],
 "medications": ["<script>alert(1)</script>", "\" onmouseover=\"alert(2)", "<img src=x onerror=alert(3)>"],
 "conditions": ["</li></ul><h1>fake</h1> & &amp;"]}
JSON
"$CRAMPLAB" assess "$work/hostile.json" --html >"$work/cli.html" || die "assess hostile --html failed"
expect "hostile case" 200 "$(req -X POST --data-binary "@$work/hostile.json" "$base/report")"
cmp -s "$body" "$work/cli.html" || die "the hostile report differs from the CLI"
for f in "$body"; do
	grep -qi '<script\|<img\|<h1>fake\|onmouseover="' "$f" && die "a hostile string reached the report as markup"
	grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$f" || die "the hostile medicine is not shown escaped"
	grep -q '&lt;img src=x onerror=alert(3)&gt;' "$f" || die "the <img> medicine is not shown escaped"
	grep -q '&quot; onmouseover=&quot;alert(2)' "$f" || die "the quoted medicine is not shown escaped"
	grep -q "1 medium banana # &lt;script&gt;alert(&#39;diary&#39;)&lt;/script&gt; &rarr; Bananas, raw" "$f" ||
		die "the diary line (with its comment) is not shown escaped"
	grep -q '&lt;/li&gt;&lt;/ul&gt;&lt;h1&gt;fake&lt;/h1&gt; &amp; &amp;amp;' "$f" || die "the condition is not escaped"
done
echo "ok: hostile strings are escaped in the report"
# a bad diary line is named in the 400 page, escaped
expect "hostile diary line" 400 "$(req -X POST --data-urlencode age=40 --data-urlencode sex=male \
	--data-urlencode 'diary=2026-11-18
<script>alert("x")</script> 3 cups of ???' "$base/report")"
grep -qi '<script' "$body" && die "the error page holds the hostile line as markup"
grep -q '&lt;script&gt;' "$body" || die "the error page does not name the line: $(head -c 400 "$body")"
expect "error page type" "text/html; charset=utf-8" "$(header Content-Type)"
echo "ok: a hostile diary line is escaped in the error page"

# 4. Malformed requests: 400 with an HTML message saying what is wrong.
bad() { # WHAT REGEX CURL-ARGS...
	what=$1 rx=$2
	shift 2
	expect "$what" 400 "$(req -X POST "$@" "$base/report")"
	grep -q "$rx" "$body" || die "$what: the message lacks /$rx/: $(head -c 400 "$body")"
}
bad "empty body" "no body" --data ''
bad "not JSON" "line 1" -H 'Content-Type: application/json' --data '{"profile": '
bad "a misspelt field" "agee" --data '{"profile": {"agee": 40}}'
bad "a diary file name" "inline" --data '{"profile": {"age": 40, "sex": "male"}, "diary": "/etc/passwd"}'
bad "a form without age" "Age" --data 'sex=female'
bad "a form age that is no number" "not a number" --data 'age=forty&sex=female'
bad "an unknown form field" "does not know" --data 'age=40&sex=female&admin=1'
bad "bad percent-encoding" "encoded" --data 'age=40&sex=fe%zzmale'
bad "invalid UTF-8 in the form" "UTF-8" --data 'age=40&sex=female&medications=%ff%fe'
bad "an unknown symptom" "symptoms" --data 'age=40&sex=female&symptom=%3Cb%3Eitchy'
grep -q '&lt;b&gt;itchy' "$body" || die "the unknown symptom is not escaped in the error page"
expect "GET /report" 405 "$(req "$base/report")"
expect "Allow" POST "$(header Allow)"

# 5. Too large: 413 by Content-Length and while a chunked body arrives.
head -c 1048577 /dev/zero | tr '\0' 'a' >"$work/big"
expect "report body of 1 MB + 1" 413 "$(req -X POST --data-binary @"$work/big" "$base/report")"
grep -q '1 MB' "$body" || die "413 lacks the message"
expect "413 is HTML" "text/html; charset=utf-8" "$(header Content-Type)"
expect "chunked report body of 1 MB + 1" 413 "$(req -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$work/big" "$base/report")"

# 6. Slow: half-sent /report forms are dropped after the timeout (2 s)
#    while others are served.
python3 "$helper" stall "$port" report 8 8 >"$work/stall" &
p=$!
sleep 0.5
expect "report during the stall" 200 "$(req -X POST --data 'age=40&sex=female&symptom=cramps' "$base/report")"
wait "$p" || die "the stall client failed"
t=$(cat "$work/stall")
[ "$t" != open ] || die "a half-sent /report was still open after 8 s"
awk -v t="$t" 'BEGIN { exit !(t >= 1.0 && t <= 5.0) }' || die "half-sent reports closed after ${t}s, expected about 2 s"
echo "ok: half-sent /report requests closed after ${t}s"

still_serving "after /report abuse"
stop_server_clean TERM

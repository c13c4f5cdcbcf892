# The JSON API answers byte-for-byte like the CLI's --json for the same
# input, serves the embedded page with the security headers, serves many
# clients at once, and stops cleanly on SIGTERM.
. "$(dirname "$0")/http.inc"
start_server

# search: the same bytes as `cramplab food search Q --limit N --json`
for q in "banana|5|banana" "raw spinach|10|raw%20spinach" "oj|3|oj" "Crème fraîche|10|Cr%C3%A8me+fra%C3%AEche"; do
	query=${q%%|*} rest=${q#*|}
	limit=${rest%%|*} enc=${rest#*|}
	"$CRAMPLAB" food search "$query" --limit "$limit" --json >"$work/cli.json"
	expect "search '$query' status" 200 "$(req "$base/api/food/search?q=$enc&limit=$limit")"
	cmp -s "$work/cli.json" "$body" || die "search '$query' differs from the CLI"
	echo "ok: search '$query' equals the CLI"
done
"$CRAMPLAB" food search banana --json >"$work/cli.json"
req "$base/api/food/search?q=banana" >/dev/null
cmp -s "$work/cli.json" "$body" || die "search with the default limit differs from the CLI"
expect "search content type" "application/json; charset=utf-8" "$(header Content-Type)"
expect "search Cache-Control" "no-store" "$(header Cache-Control)"

# show: the same bytes as `cramplab food show NDB --json`
for ndb in 09040 9040 11457 01001; do
	"$CRAMPLAB" food show "$ndb" --json >"$work/cli.json"
	expect "show $ndb status" 200 "$(req "$base/api/food/$ndb")"
	cmp -s "$work/cli.json" "$body" || die "show $ndb differs from the CLI"
	echo "ok: show $ndb equals the CLI"
done
# unknown stays null, never 0 (SR24 did not analyse every nutrient of butter)
jq -e '.per_100g | to_entries | map(select(.value == null)) | length > 0' "$body" >/dev/null ||
	die "expected some unknown (null) nutrients for 01001"

# the CLI's failures and the API's statuses agree
rc=0
"$CRAMPLAB" food show 99999 --json >/dev/null 2>&1 || rc=$?
expect "CLI show 99999 exit" 2 "$rc"
expect "show 99999" 404 "$(req "$base/api/food/99999")"
jq -e '.error | test("99999")' "$body" >/dev/null || die "404 body lacks the message"
expect "show abc" 400 "$(req "$base/api/food/abc")"
jq -e '.error | test("NDB")' "$body" >/dev/null || die "400 body lacks the message"
expect "search without q" 400 "$(req "$base/api/food/search")"
expect "search limit=0" 400 "$(req "$base/api/food/search?q=banana&limit=0")"
expect "search limit=1001" 400 "$(req "$base/api/food/search?q=banana&limit=1001")"
expect "search limit=abc" 400 "$(req "$base/api/food/search?q=banana&limit=abc")"
expect "search limit=1e2" 400 "$(req "$base/api/food/search?q=banana&limit=1e2")"
expect "search limit=1000" 200 "$(req "$base/api/food/search?q=banana&limit=1000")"

# the page and its files, embedded byte-for-byte, with the security headers
for f in index.html app.js style.css; do
	expect "GET /$f" 200 "$(req "$base/$f")"
	cmp -s "$TOP/src/http/web/$f" "$body" || die "/$f differs from src/http/web/$f"
done
expect "app.js type" "text/javascript; charset=utf-8" "$(req "$base/app.js" >/dev/null; header Content-Type)"
expect "GET /" 200 "$(req "$base/")"
cmp -s "$TOP/src/http/web/index.html" "$body" || die "/ is not index.html"
expect "page type" "text/html; charset=utf-8" "$(header Content-Type)"
header Content-Security-Policy | grep -q "default-src 'none'; script-src 'self'" || die "no CSP"
expect "nosniff" nosniff "$(header X-Content-Type-Options)"
expect "Referrer-Policy" same-origin "$(header Referrer-Policy)"
expect "HEAD /" 200 "$(req -I "$base/")"

# many clients at once: 8 parallel clients of 25 requests each, all 200
for c in 1 2 3 4 5 6 7 8; do
	(
		n=0
		while [ "$n" -lt 25 ]; do
			s=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' \
				"$base/api/food/search?q=banana$c&limit=3")
			[ "$s" = 200 ] || [ "$s" = 400 ] || { echo "client $c got $s"; exit 1; }
			s=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$base/api/food/0904$((c % 10))")
			[ "$s" = 200 ] || [ "$s" = 404 ] || { echo "client $c got $s"; exit 1; }
			n=$((n + 1))
		done
	) &
	pids="${pids:-} $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
expect "parallel clients that failed" 0 "$fails"
still_serving "after parallel clients"

stop_server_clean TERM

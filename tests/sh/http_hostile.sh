# Hostile input gets a safe answer: markup and quotes come back only inside
# JSON strings (served as JSON, nosniff) or HTML-escaped; NUL bytes, invalid
# UTF-8 and huge values are refused with 400; the server keeps serving.
. "$(dirname "$0")/http.inc"
start_server

enc() { jq -rn --arg s "$1" '$s|@uri'; }

for q in '<script>alert(1)</script>' '"quoted" and '"'"'single'"'" '</textarea><img src=x onerror=alert(1)>' \
	'banana\u0000' 'a&b=c;d' '%s%n%x' "$(printf 'tab\there')" '{"json": true}'; do
	expect "search $(printf '%s' "$q" | head -c 30)" 200 "$(req "$base/api/food/search?q=$(enc "$q")")"
	expect "  as JSON" "application/json; charset=utf-8" "$(header Content-Type)"
	expect "  nosniff" nosniff "$(header X-Content-Type-Options)"
	jq -e --arg q "$q" '.query == $q and (.results | type == "array")' "$body" >/dev/null ||
		die "search for '$q' did not echo the query exactly in valid JSON"
	"$CRAMPLAB" food search "$q" --json >"$work/cli.json" 2>/dev/null || true
	cmp -s "$work/cli.json" "$body" || die "search for '$q' differs from the CLI"
done

for bad in '%00' 'a%00b' '%ff' 'caf%e9' '%c0%af' '%ed%a0%80' '%f4%90%80%80' '%c3'; do
	expect "q=$bad refused" 400 "$(req "$base/api/food/search?q=$bad")"
	jq -e '.error | test("UTF-8")' "$body" >/dev/null || die "q=$bad: no UTF-8 message"
done
expect "bad UTF-8 in another argument" 400 "$(req "$base/api/food/search?q=banana&x=%ff")"
expect "bad UTF-8 in a key" 400 "$(req "$base/api/food/search?q=banana&%ff=1")"
expect "bad UTF-8 in the path" 400 "$(req "$base/api/food/%ff")"

long=$(head -c 5000 /dev/zero | tr '\0' 'a')
expect "5000-byte query" 400 "$(req "$base/api/food/search?q=$long")"
jq -e '.error | test("too long")' "$body" >/dev/null || die "5000-byte query: no message"
long=$(head -c 1010 /dev/zero | tr '\0' 'b')
expect "1010-byte query (over the search's own limit)" 400 "$(req "$base/api/food/search?q=$long")"

# markup in the path comes back escaped in the HTML error page
expect "markup in the path" 404 "$(req "$base/%3Cscript%3Ealert(1)%3C/script%3E")"
grep -q '<script>' "$body" && die "the 404 page echoed <script> unescaped"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$body" || die "the 404 page lacks the escaped path"
expect "quotes in the path" 404 "$(req "$base/%22%27%3E%3C")"
grep -q '&quot;&#39;&gt;&lt;' "$body" || die "quotes in the path not escaped"
expect "markup in an NDB" 400 "$(req "$base/api/food/%3Cb%3E")"
jq -e '.error | test("<b>")' "$body" >/dev/null || die "NDB error should quote the input inside JSON"

still_serving "after hostile input"
stop_server_clean TERM

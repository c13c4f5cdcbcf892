#!/bin/sh
# POST /api/parse, /api/intake and /api/assess answer exactly like the CLI's
# --json for the same input, refuse bad input with 400 and a JSON message,
# and refuse a diary given as a file name (the server reads no file a
# request names).
. "$TOP/tests/sh/http.inc"
start_server
cd "$TOP/tests/data"

# parse: JSON body and plain-text body, both as `cramplab parse LINE --json`.
"$CRAMPLAB" parse "2 medium bananas" --json >"$work/cli.json"
[ "$(req -X POST -H 'Content-Type: application/json' --data '{"line": "2 medium bananas"}' "$base/api/parse")" = 200 ] ||
	die "parse (JSON body) did not answer 200: $(cat "$body")"
cmp -s "$body" "$work/cli.json" || die "parse answered differently from the CLI"
[ "$(req -X POST -H 'Content-Type: text/plain' --data-binary '2 medium bananas' "$base/api/parse")" = 200 ] ||
	die "parse (text body) did not answer 200"
cmp -s "$body" "$work/cli.json" || die "parse (text) answered differently from the CLI"
[ "$(req -X POST --data-binary '-2 bananas' "$base/api/parse")" = 400 ] || die "a bad line was not 400"
jq -e '.error | test("amount")' "$body" >/dev/null || die "no JSON error for a bad line: $(cat "$body")"

# intake: a diary in the body, as `cramplab intake FILE --json`.
diary=$(ls diary/*.txt | head -1)
"$CRAMPLAB" intake "$diary" --json >"$work/cli.json"
[ "$(req -X POST --data-binary "@$diary" "$base/api/intake")" = 200 ] || die "intake did not answer 200: $(cat "$body")"
jq -S 'del(.source) | del(.. | .source?)' "$body" >"$work/a" 2>/dev/null || cp "$body" "$work/a"
jq -S 'del(.source) | del(.. | .source?)' "$work/cli.json" >"$work/b" 2>/dev/null || cp "$work/cli.json" "$work/b"
cmp -s "$work/a" "$work/b" || die "intake answered differently from the CLI"

# assess: a vignette with its diary inline, as `cramplab assess CASE --json`.
for v in vignettes/08-vegan-no-b12.json vignettes/17-iron-vegetarian.json; do
	"$CRAMPLAB" assess "$v" --json >"$work/cli.json"
	[ "$(req -X POST -H 'Content-Type: application/json' --data-binary "@$v" "$base/api/assess")" = 200 ] ||
		die "assess $v did not answer 200: $(cat "$body")"
	cmp -s "$body" "$work/cli.json" || die "assess $v answered differently from the CLI"
done
# A diary file name in the body is refused, as is a malformed case.
[ "$(req -X POST --data '{"profile": {"age": 40, "sex": "male"}, "diary": "/etc/passwd"}' "$base/api/assess")" = 400 ] ||
	die "a diary file name was not refused"
jq -e '.error | test("inline")' "$body" >/dev/null || die "no reason given: $(cat "$body")"
[ "$(req -X POST --data '{"profile": {"agee": 40}}' "$base/api/assess")" = 400 ] || die "a misspelt field was not 400"
jq -e '.error | test("agee")' "$body" >/dev/null || die "the field was not named: $(cat "$body")"
[ "$(req -X POST --data '' "$base/api/assess")" = 400 ] || die "an empty body was not 400"
still_serving "after the POSTs"
stop_server_clean
echo ok

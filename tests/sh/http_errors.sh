# Requests the server must refuse, each with the right status and a message
# in the right form: 404, 405 + Allow, 413 (by Content-Length and while a
# chunked body arrives), 403 for a foreign Host header, and 400 for
# malformed requests; the server keeps serving throughout.
. "$(dirname "$0")/http.inc"
start_server

expect "unknown page" 404 "$(req "$base/nothing-here")"
expect "unknown page type" "text/html; charset=utf-8" "$(header Content-Type)"
grep -q 'there is nothing at /nothing-here' "$body" || die "404 page lacks the message"
expect "unknown API" 404 "$(req "$base/api/nothing")"
expect "unknown API type" "application/json; charset=utf-8" "$(header Content-Type)"
jq -e '.error | type == "string"' "$body" >/dev/null || die "API 404 is not {\"error\": ...}"
expect "no NDB" 404 "$(req "$base/api/food/")"
expect "NDB with a slash" 404 "$(req "$base/api/food/09040/x")"

expect "POST search" 405 "$(req -X POST -d 'q=x' "$base/api/food/search")"
expect "POST search Allow" "GET, HEAD" "$(header Allow)"
jq -e '.error == "POST is not allowed at /api/food/search; use GET, HEAD"' "$body" >/dev/null ||
	die "405 on the API lacks its JSON message"
expect "DELETE /" 405 "$(req -X DELETE "$base/")"
expect "DELETE / Allow" "GET, HEAD" "$(header Allow)"
expect "PUT food" 405 "$(req -X PUT -d x "$base/api/food/09040")"

# 413: announced by Content-Length, refused before the body is read
head -c 1048577 /dev/zero >"$work/big"
expect "body of 1 MB + 1 byte" 413 "$(req -X GET --data-binary @"$work/big" "$base/api/food/search?q=a")"
jq -e '.error | test("1 MB")' "$body" >/dev/null || die "413 lacks the message"
expect "Content-Length of 10 GB" 413 "$(req -X GET -H 'Content-Length: 10737418240' "$base/api/food/search?q=a")"
# 413: chunked, so only counting tells
expect "chunked body of 1 MB + 1" 413 "$(req -X GET -H 'Transfer-Encoding: chunked' --data-binary @"$work/big" "$base/api/food/search?q=a")"
# a body within the limit is fine
head -c 1048576 /dev/zero >"$work/ok"
expect "chunked body of exactly 1 MB" 200 "$(req -X GET -H 'Transfer-Encoding: chunked' --data-binary @"$work/ok" "$base/api/food/search?q=banana")"
# a client that keeps sending far past the limit is cut off, not read forever
head -c 8000000 /dev/zero >"$work/huge"
s=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -X GET -H 'Transfer-Encoding: chunked' --data-binary @"$work/huge" "$base/api/food/search?q=a" || true)
case "$s" in 000 | 100 | 413) echo "ok: 8 MB chunked body refused ($s)" ;; *) die "8 MB chunked body answered $s" ;; esac
still_serving "after oversized bodies"

# DNS rebinding: a page elsewhere whose name points at 127.0.0.1
expect "foreign Host" 403 "$(req -H 'Host: evil.example:8080' "$base/api/food/search?q=banana")"
# a cross-site form post: the browser says where the page came from
expect "POST from another site" 403 "$(req -X POST -H 'Origin: http://evil.example' -d x "$base/api/food/search")"
expect "POST with Origin null" 403 "$(req -X POST -H 'Origin: null' -d x "$base/api/food/search")"
expect "POST from our own page" 405 "$(req -X POST -H "Origin: $base" -d x "$base/api/food/search")"
expect "GET from another site" 200 "$(req -H 'Origin: http://evil.example' "$base/api/food/search?q=banana")"
expect "Host localhost" 200 "$(req -H "Host: localhost:$port" "$base/api/food/search?q=banana")"

# malformed requests straight on the socket
# (libmicrohttpd hangs up on a request line it cannot parse at all)
s=$(printf 'GARBAGE\r\n\r\n' | python3 "$helper" raw "$port")
case "$s" in "HTTP/1.1 400"* | closed) echo "ok: garbage request ($s)" ;; *) die "garbage request: $s" ;; esac
expect "HTTP/1.1 without Host" "HTTP/1.1 400 Bad Request" \
	"$(printf 'GET / HTTP/1.1\r\n\r\n' | python3 "$helper" raw "$port")"
s=$(printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n' | python3 "$helper" raw "$port")
case "$s" in "HTTP/1.1 400"* | "HTTP/1.1 413"*) echo "ok: negative Content-Length ($s)" ;; *) die "negative Content-Length: $s" ;; esac
s=$(python3 -c 'import sys; sys.stdout.write("GET /?" + "a" * 100000 + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")' | python3 "$helper" raw "$port")
case "$s" in "HTTP/1.1 4"* | closed) echo "ok: 100 kB request line ($s)" ;; *) die "100 kB request line: $s" ;; esac
s=$(python3 -c 'import sys; sys.stdout.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-A: b\r\n" * 20000 + "\r\n")' | python3 "$helper" raw "$port")
case "$s" in "HTTP/1.1 4"* | closed) echo "ok: 20000 headers ($s)" ;; *) die "20000 headers: $s" ;; esac
still_serving "after malformed requests"

stop_server_clean TERM

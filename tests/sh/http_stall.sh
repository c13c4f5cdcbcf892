# Slow or stalled clients time out without holding up anyone else: with
# --timeout 2, connections that send half their headers, or their headers
# and part of a body, and then nothing, are closed after about 2 s, while
# other clients are answered at once.
. "$(dirname "$0")/http.inc"
start_server --timeout 2

python3 "$helper" stall "$port" headers 10 8 >"$work/stall_headers" &
p1=$!
python3 "$helper" stall "$port" body 10 8 >"$work/stall_body" &
p2=$!
sleep 0.5
# while 20 connections stall, others are served, and quickly
n=0
while [ "$n" -lt 20 ]; do
	s=$(curl -s --max-time 1 -o "$body" -w '%{http_code}' "$base/api/food/search?q=spinach&limit=2") || true
	expect "search $n during the stall" 200 "$s"
	n=$((n + 1))
done
wait "$p1" || die "stall client (headers) failed"
wait "$p2" || die "stall client (body) failed"
for mode in headers body; do
	t=$(cat "$work/stall_$mode")
	[ "$t" != open ] || die "a stalled connection ($mode) was still open after 8 s"
	# closed by the timeout: not at once, and not much after 2 s
	awk -v t="$t" 'BEGIN { exit !(t >= 1.0 && t <= 5.0) }' ||
		die "stalled connections ($mode) closed after ${t}s, expected about 2 s"
	echo "ok: stalled connections ($mode) closed after ${t}s"
done
still_serving "after the stall"

stop_server_clean TERM

#!/bin/sh
# Load benchmark for `cramplab serve` (not part of `make test`): wrk on
# loopback, bounded in time, against the release build.
#   sh bench/http_load.sh [SECONDS] [CONNECTIONS] [SERVER THREADS]
# Prints wrk's report (requests/s, latency percentiles) for the search API
# with rotating queries, a food look-up, and the screening of one case
# (tests/data/vignettes/08-vegan-no-b12.json: three diary days inline) as
# JSON (POST /api/assess) and as the HTML report (POST /report).
# Needs wrk (Debian: wrk).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
conns=${2:-32}
threads=${3:-4}
bin="$top/build/cramplab"
db=${CRAMPLAB_DB:-$top/build/foods.db}
command -v wrk >/dev/null || { echo "http_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] && [ -f "$db" ] || { echo "http_load: run 'make' and build $db first" >&2; exit 1; }

out=$(mktemp)
"$bin" serve --port 0 --db "$db" --threads "$threads" >"$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT INT TERM
i=0
until grep -q '^listening on ' "$out"; do
	i=$((i + 1))
	[ "$i" -le 100 ] || { echo "http_load: the server did not start" >&2; cat "$out" >&2; exit 1; }
	sleep 0.1
done
base=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$out")

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs,$(lscpu | sed -n 's/^Model name: *\(.*\)/ \1/p')"
echo "== server threads $threads, wrk -t2 -c$conns -d${secs}s"
echo "== search, rotating 18 queries, limit 10"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$top/bench/http_search.lua" "$base"
echo "== GET /api/food/09040"
wrk -t2 -c"$conns" -d"${secs}s" --latency "$base/api/food/09040"
export BODY="$top/tests/data/vignettes/08-vegan-no-b12.json"
echo "== POST /api/assess ($(basename "$BODY"))"
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$top/bench/http_post.lua" "$base/api/assess"
echo "== POST /report ($(basename "$BODY"))"
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$top/bench/http_post.lua" "$base/report"
kill -TERM "$pid"
wait "$pid" || true

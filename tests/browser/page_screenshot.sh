#!/bin/sh
# Screenshot the web page with headless Chromium (Debian's `chromium`), for a
# person to look at; not part of `make test` yet (issue 6 wants a browser
# test there later).  Starts `cramplab serve` on a free loopback port, opens
# the page at each fragment given (default: a search and two foods, one with
# unknown values), writes OUTDIR/page-N.png, and stops the server.
#   sh tests/browser/page_screenshot.sh [OUTDIR] [FRAGMENT...]
#   e.g. sh tests/browser/page_screenshot.sh /tmp/shots '#q=banana' '#food=01008'
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
outdir=${1:-$top/tests/out/screenshots}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- '#q=banana' '#food=09040' '#food=01008'
command -v chromium >/dev/null || { echo "page_screenshot: no chromium (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$outdir"
log=$(mktemp)
profile=$(mktemp -d)
"$top/build/cramplab" serve --port 0 --db "${CRAMPLAB_DB:-$top/build/foods.db}" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$log" "$profile"' EXIT INT TERM
i=0
until grep -q '^listening on ' "$log"; do
	i=$((i + 1))
	[ "$i" -le 100 ] || { cat "$log" >&2; exit 1; }
	sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$log")
n=0
for frag in "$@"; do
	n=$((n + 1))
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
		--virtual-time-budget=3000 --window-size=1200,1000 \
		--screenshot="$outdir/page-$n.png" "$url$frag" 2>/dev/null
	echo "$outdir/page-$n.png  $url$frag"
done

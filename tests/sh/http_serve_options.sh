# `cramplab serve` options and lifecycle: bad options exit 2 with a message,
# a missing database or a port in use fails at start-up, --json prints
# where it listens, and SIGINT stops it as cleanly as SIGTERM.
. "$(dirname "$0")/http.inc"

fails_with() { # EXIT REGEX ARGS...
	want=$1 rx=$2
	shift 2
	rc=0
	timeout 20 "$CRAMPLAB" serve "$@" >"$work/o" 2>"$work/e" || rc=$?
	expect "serve $* exit" "$want" "$rc"
	grep -Eq -- "$rx" "$work/e" || die "serve $*: stderr lacks /$rx/: $(cat "$work/e")"
	grep -q 'Sanitizer\|runtime error' "$work/e" && die "sanitizer report for serve $*"
	return 0
}
fails_with 2 "--bind expects an IP address" --bind not-an-address --port 0
fails_with 2 "--port must be between" --port 70000
fails_with 2 "--timeout must be between" --timeout 0 --port 0
fails_with 2 "--port expects a whole number" --port x
fails_with 2 "unknown option" --nope
fails_with 2 "no food database" --port 0 --db "$work/missing.db"

"$CRAMPLAB" serve --help | grep -q -- '--bind ADDR' || die "serve --help lacks --bind"
"$CRAMPLAB" help serve | grep -q 'GET /api/food/search' || die "help serve lacks the API"

start_server --threads 2
fails_with 1 "cannot listen on 127.0.0.1 port $port" --port "$port"
expect "served with --threads 2" 200 "$(req "$base/api/food/09040")"
stop_server_clean INT

json_out="$work/json.out"
"$CRAMPLAB" serve --port 0 --json >"$json_out" 2>"$srv_err" &
srv_pid=$!
i=0
until grep -q '^}' "$json_out" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -le 150 ] || die "serve --json printed no JSON document: $(cat "$json_out")"
	sleep 0.1
done
jq -e '.port > 0 and (.url | test("^http://127.0.0.1:[0-9]+/$"))' "$json_out" >/dev/null ||
	die "serve --json printed $(cat "$json_out")"
base=$(jq -r '.url' "$json_out")
expect "served after --json" 200 "$(req "${base}api/food/search?q=banana")"
stop_server_clean TERM

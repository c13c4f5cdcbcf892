#!/bin/sh
# Whole-process cost of `cramplab food search` against starting the sqlite3
# shell for a trivial query (target, issue 2: at most about 3x).
# Usage: sh bench/search_cli.sh   (needs hyperfine; run after make)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
db="${CRAMPLAB_DB:-$top/build/foods.db}"
export CRAMPLAB_DB="$db"
command -v hyperfine >/dev/null || { echo "search_cli: hyperfine is not installed" >&2; exit 2; }
[ -f "$db" ] || { echo "search_cli: no database $db" >&2; exit 2; }
cd "$top"
hyperfine -N --warmup 5 --runs "${RUNS:-50}" \
	"sqlite3 $db 'select 1'" \
	"build/cramplab food search banana" \
	"build/cramplab food search 'grilled chicken breast'" \
	"build/cramplab food search steak" \
	"build/cramplab food search bluberries"
uptime

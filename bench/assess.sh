#!/bin/sh
# Whole-process timings of the assessment and of 'food rich' (hyperfine).
# Usage: sh bench/assess.sh   (after make; uses build/foods.db)
set -eu
cd "$(dirname "$0")/.."
export CRAMPLAB_DB="$PWD/build/foods.db"
hyperfine -N -w 3 -r 20 \
	"build/cramplab assess examples/older-adult-night-cramps.json --json" \
	"build/cramplab food rich magnesium" \
	"build/cramplab dri --age 67 --sex female" \
	"sqlite3 $CRAMPLAB_DB 'select 1'"

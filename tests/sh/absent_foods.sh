#!/bin/sh
# data/absent_foods.tsv, the foods SR24 lacks: every row is in the imported
# database with its nearest food (the import leaves out a row whose nearest
# food a partial release lacks, so a mistyped NDB would vanish silently), no
# SR24 name holds every word of a row's phrase (else SR has the food and the
# row would refuse it).
set -eu
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=${CRAMPLAB_DB:-$top/build/foods.db}
if ! python3 -c 'import sqlite3' 2>/dev/null; then
	echo "SKIP: python3 has no sqlite3 module (apt-get install python3)"
	exit 0
fi
python3 - "$top/data/absent_foods.tsv" "$db" <<'PY'
import re, sqlite3, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")
        if l.strip() and not l.startswith("#")]
db = sqlite3.connect(sys.argv[2])
stored = dict(db.execute("SELECT written, ndb FROM search_absent"))
names = [set(re.findall(r"[a-z]+", n.lower())) for (n,) in db.execute("SELECT name FROM food")]
bad = 0
for phrase, ndb, reason in rows:
    if stored.get(phrase) != ndb:
        print("%r: not imported with NDB %s" % (phrase, ndb)); bad += 1
    words = re.findall(r"[a-z]+", phrase.lower())
    for n in names:
        if all(any(w == x or x == w + "s" or x == w + "es" for x in n) for w in words):
            print("%r: an SR24 name holds it" % phrase); bad += 1
            break
if len(stored) != len(rows):
    print("%d rows, %d imported" % (len(rows), len(stored))); bad += 1
sys.exit(1 if bad else 0)
PY

#!/usr/bin/env python3
"""Second review of search keys: for each query, the SR foods whose name holds
every content word of the query (crude stem: a final 's' dropped) but which
are not in its key, to decide by hand whether the key is too narrow.
Writes review2_candidates.txt.  Usage: python3 review2.py [foods.db]"""
import os, re, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../build/foods.db"))
# words that say how a person asks, not which food (a food name rarely holds them)
STOP = set("a an the of in with no for from and or on to my fresh ripe snack tin tinned jar tub box bag bottle "
           "cup glass slice slices pieces made home homemade plain salad leaves block pack".split())
keys = {}
for l in open(os.path.join(HERE, "../search_heldout15.tsv"), encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    q, ndbs = l.rstrip("\n").split("\t")
    keys[q] = set(ndbs.split(","))
out = []
for q, key in keys.items():
    words = [w for w in re.findall(r"[a-z0-9%]+", q.lower()) if w not in STOP and len(w) > 2]
    stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words]
    if not stems:
        continue
    sql = "SELECT ndb, name FROM food WHERE " + " AND ".join("lower(name) LIKE ?" for _ in stems)
    rows = [r for r in db.execute(sql, ["%" + s + "%" for s in stems]) if r[0] not in key]
    if rows:
        out.append("## %s  (%d not in key)\n" % (q, len(rows)) +
                   "".join("   %s %s\n" % r for r in rows[:25]) + ("   ...\n" if len(rows) > 25 else ""))
open(os.path.join(HERE, "review2_candidates.txt"), "w", encoding="utf-8").write("".join(out))
print(len(out), "queries with candidates")

#!/usr/bin/env python3
"""Writer's review of the search keys: for each query, SR foods whose name
holds every content word of the query (singular stem, LIKE %w%) that are not
in the key, written to review_candidates.txt to be judged by hand."""
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else "../../build/foods.db")
STOP = set("a an the of in with and for no not my fresh raw made from up w on bag bar jar tin tinned canned cup glass slice slices bottle packet punnet sliced store bought plain".split())
key = {}
for l in open("../search_heldout17.tsv", encoding="utf-8"):
    if l.startswith("#") or not l.strip(): continue
    q, ndbs = l.rstrip("\n").split("\t")
    key[q] = set(ndbs.split(","))
out = []
for q, k in key.items():
    words = [w for w in re.findall(r"[a-z]+", q.lower()) if w not in STOP and len(w) > 2]
    stems = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words]
    if not stems: continue
    sql = "SELECT ndb, name FROM food WHERE " + " AND ".join("name LIKE ?" for _ in stems)
    rows = [r for r in db.execute(sql, ["%" + s + "%" for s in stems]) if r[0] not in k]
    if rows:
        out.append("## %s  (key %d)\n" % (q, len(k)) + "".join("   %s %s\n" % r for r in rows[:15]))
open("review_candidates.txt", "w", encoding="utf-8").write("".join(out))
print(len(out), "queries with candidates")

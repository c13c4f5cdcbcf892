#!/usr/bin/env python3
"""Second review of the search keys: for each query, the SR foods whose name
holds every content word of the query (a word matches as a substring, its
plural 's'/'es' dropped) but that are not in the key.  Writes
review2_candidates.txt, read by hand for REVIEW.md.  Typos and words SR
never uses (UK/Australian words, brands) match nothing, so those queries
list no candidates: they were reviewed against their synonyms by hand."""
import os, re, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "foods.db"))
STOP = set("a an the of with in on and no its it one fresh raw plain".split())
keys = {}
for l in open(os.path.join(HERE, "..", "search_heldout12.tsv"), encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    q, k = l.rstrip("\n").split("\t")
    keys[q] = set(k.split(","))
out = []
for q, key in keys.items():
    words = [w for w in re.findall(r"[a-z0-9&%']+", q.lower()) if w not in STOP]
    stems = []
    for w in words:
        if len(w) > 3 and w.endswith("ies"): w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("oes"): w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"): w = w[:-1]
        stems.append(w)
    if not stems:
        continue
    sql = "SELECT ndb, name FROM food WHERE " + " AND ".join(["lower(name) LIKE ?"] * len(stems))
    rows = [r for r in db.execute(sql, ["%" + s + "%" for s in stems]) if r[0] not in key]
    out.append("## %s  (%d in key, %d candidates)\n" % (q, len(key), len(rows)) +
               "".join("   %s %s\n" % r for r in rows[:40]) + ("   ... %d more\n" % (len(rows) - 40) if len(rows) > 40 else ""))
open(os.path.join(HERE, "review2_candidates.txt"), "w", encoding="utf-8").write("".join(out))
print("queries with candidates:", sum(1 for o in out if ", 0 candidates)" not in o.split("\n")[0]))

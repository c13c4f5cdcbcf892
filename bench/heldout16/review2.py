#!/usr/bin/env python3
"""Second review of the search keys: for every query, the SR foods whose name
holds every content word of the query (a word matches when the name holds a
word starting with its first 4 letters, or the whole word when shorter) and
that are not in the key.  Writes review2_candidates.txt to read by hand."""
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else "../../build/foods.db")
foods = db.execute("SELECT ndb, name FROM food").fetchall()
key = {}
for l in open("../search_heldout16.tsv", encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    q, ndbs = l.rstrip("\n").split("\t")
    key[q] = set(ndbs.split(","))
STOP = set("a an the with and or of in on no not from for by made fresh raw cooked plain "
           "can tin tinned canned jar bottle box packet carton pot punnet glass slice sliced "
           "chopped diced homemade bakery ready serve to up large small medium whole".split())
out = []
for q, k in key.items():
    words = [w for w in re.findall(r"[a-z0-9%]+", q.lower()) if w not in STOP and len(w) > 2]
    if not words:
        continue
    cands = []
    for ndb, name in foods:
        if ndb in k:
            continue
        nwords = re.findall(r"[a-z0-9%]+", name.lower())
        if all(any(nw.startswith(w[:4]) for nw in nwords) for w in words):
            cands.append("   %s %s" % (ndb, name))
    if cands:
        out.append("## %s  (key %d)\n%s\n" % (q, len(k), "\n".join(cands[:25]) + ("\n   ... %d more" % (len(cands) - 25) if len(cands) > 25 else "")))
open("review2_candidates.txt", "w", encoding="utf-8").write("\n".join(out))
print(len(out), "queries with candidates")

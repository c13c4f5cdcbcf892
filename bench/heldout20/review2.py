#!/usr/bin/env python3
"""review2.py: for every search key, SR foods named as a key food but for salt /
enrichment / vitamin / fortification words, not in the key (candidates to widen)."""
import os, re, sqlite3, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import setkit
here = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(os.path.join(here, "../../build/foods.db"))
names = dict(db.execute("SELECT ndb, name FROM food"))
W = r",? ?(with|without) (added )?salt( added)?( in processing)?|,? ?(un)?enriched|,? with added vitamin[^,]*|,? without added vitamin[^,]*|, fortified[^,]*|,? no salt added|, regular pack"
def norm(n): return re.sub(r"\s+", " ", re.sub(W, "", n.lower())).strip(" ,")
bykey = {}
for n, nm in names.items(): bykey.setdefault(norm(nm), []).append(n)
cur = None
for l in open(os.path.join(here, "review.txt")):
    if l.startswith("## "):
        cur = l[3:].strip(); keys = set(); continue
    if "  -> " in (cur or ""): continue
    n = l.split()[0]; keys.add(n)
    for c in bykey.get(norm(names[n]), []):
        pass
# second pass with complete keys
blocks = open(os.path.join(here, "review.txt")).read().split("## ")
for b in blocks:
    ls = b.strip().split("\n")
    if not ls[0] or "  -> " in ls[0]: continue
    keys = {x.split()[0] for x in ls[1:]}
    c = set()
    for n in keys: c.update(bykey.get(norm(names[n]), []))
    for x in sorted(c - keys): print("%s | %s %s" % (ls[0], x, names[x]))

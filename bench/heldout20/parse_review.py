#!/usr/bin/env python3
"""parse_review.py: for every diary key, SR foods named as a key food but for salt /
enrichment / vitamin / fortification words, and the grams the line's measure gives them."""
import os, re, sqlite3, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import setkit
db = sqlite3.connect(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/foods.db"))
names = dict(db.execute("SELECT ndb, name FROM food"))
W = r",? ?(with|without) (added )?salt( added)?( in processing)?|,? ?(un)?enriched|,? with added vitamin[^,]*|,? without added vitamin[^,]*|, fortified[^,]*|,? no salt added|, regular pack|, low sodium"
def norm(n): return re.sub(r"\s+", " ", re.sub(W, "", n.lower())).strip(" ,")
bykey = {}
for n, nm in names.items(): bykey.setdefault(norm(nm), []).append(n)
def meas(n):
    return db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id=m.food_id WHERE f.ndb=? ORDER BY seq", (n,)).fetchall()
def grams(n, p, q):
    for a, nm, g in meas(n):
        if nm.lower().startswith(p.lower()): return float(q) * g / a
for l in open("parse_keys.txt"):
    l = l.rstrip("\n")
    if not l or l.startswith("#"): continue
    line, rest = l.split("|", 1); toks, spec = rest.rsplit("|", 1)
    ndbs = set(toks.split())
    cands = set()
    for n in ndbs: cands.update(bykey.get(norm(names[n]), []))
    cands -= ndbs
    for c in sorted(cands):
        if spec.startswith("m:"):
            _, n0, p, q = spec.split(":")
            g0, g = grams(n0, p, q), grams(c, p, q)
            ok = g is not None and abs(g - g0) <= 0.01 * g0
            print("%s | %s %s | %s" % (line, c, names[c][:60], "SAME %.1f g" % g if ok else "differs %s" % g))
        else:
            print("%s | %s %s | grams line" % (line, c, names[c][:60]))

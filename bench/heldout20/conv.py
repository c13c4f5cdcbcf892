#!/usr/bin/env python3
"""conv.py: parse_draft.txt (line|pattern or NDBs|grams or prefix:qty) -> parse_keys.txt.
The NDB of an m: spec is the first one the key resolves to; other NDBs whose same measure
gives other grams (> 1%) are dropped and reported; failures print the food's measures."""
import os, re, sqlite3, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import setkit
db = sqlite3.connect(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/foods.db"))
def res(toks):
    out = []
    for t in setkit.split_pipe_tokens(toks):
        if re.fullmatch(r"\d{5}", t): out.append(t)
        else: out += [r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ? ORDER BY ndb", (t,))]
    return sorted(set(out))
def meas(n):
    return db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id=m.food_id WHERE f.ndb=? ORDER BY seq", (n,)).fetchall()
def grams(n, p, q):
    for a, nm, g in meas(n):
        if nm.lower().startswith(p.lower()): return float(q) * g / a
out = []
for l in open("parse_draft.txt"):
    l = l.rstrip("\n")
    if not l or l.startswith("#"): out.append(l); continue
    line, rest = l.split("|", 1); toks, spec = rest.rsplit("|", 1)
    ndbs = res(toks)
    if not ndbs: print("NOFOOD", l); continue
    if re.fullmatch(r"[\d.]+", spec):
        out.append("%s|%s|%s" % (line, " ".join(ndbs), spec)); continue
    p, q = spec.rsplit(":", 1)
    g = grams(ndbs[0], p, q)
    if g is None:
        print("NOMEAS", l, ndbs[0], meas(ndbs[0])); continue
    keep = [n for n in ndbs if grams(n, p, q) is not None and abs(grams(n, p, q) - g) <= 0.01 * g]
    if len(keep) < len(ndbs): print("dropped", line, sorted(set(ndbs) - set(keep)))
    out.append("%s|%s|m:%s:%s:%s" % (line, " ".join(keep), ndbs[0], p, q))
open("parse_keys.txt", "w").write("\n".join(out) + "\n")

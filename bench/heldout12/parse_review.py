#!/usr/bin/env python3
"""Second review of the diary keys: for each line whose grams come from an SR
measure (m:NDB:prefix:qty), the foods sharing the key food's first two name
segments (its twins: with/without salt, enrichment, vitamins, varieties)
that are not in the key, with the grams the same measure gives them.  A twin
within 1% is a candidate to add; one outside 1% or lacking the measure
cannot be added (setkit's rule).  Writes parse_review_candidates.txt."""
import os, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import setkit
db = sqlite3.connect(os.path.join(HERE, "..", "..", "build", "foods.db"))
name = dict(db.execute("SELECT ndb, name FROM food"))
def grams(ndb, prefix, qty):
    for a, n, g in db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id = m.food_id"
                              " WHERE f.ndb = ? ORDER BY seq", (ndb,)):
        if n.lower().startswith(prefix.lower()):
            return float(qty) * g / a
    return None
out = []
for l in open(os.path.join(HERE, "parse_keys.txt"), encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"):
        continue
    line, toks, spec = setkit.pipe_fields(l)
    if not spec.startswith("m:"):
        continue
    _, ndb, prefix, qty = spec.split(":")
    key = set(t for t in setkit.split_pipe_tokens(toks) if t.isdigit())
    g0 = grams(ndb, prefix, qty)
    stem = ",".join(name[ndb].split(",")[:2])
    rows = []
    for n2, nm in db.execute("SELECT ndb, name FROM food WHERE name LIKE ?", (stem + "%",)):
        if n2 in key:
            continue
        g = grams(n2, prefix, qty)
        ok = g is not None and abs(g - g0) <= 0.01 * g0
        rows.append("   %s %s: %s%s\n" % (n2, nm, "no measure" if g is None else "%.1f g" % g, "  <- within 1%" if ok else ""))
    if rows:
        out.append("## %s  (%.1f g, %s)\n" % (line, g0, name[ndb]) + "".join(rows))
open(os.path.join(HERE, "parse_review_candidates.txt"), "w", encoding="utf-8").write("".join(out))
print("lines with twins:", len(out), "twins within 1%:", sum(o.count("<- within") for o in out))

#!/usr/bin/env python3
"""Second review of diary keys: for each line, SR foods sharing the first two
name segments of the key's food (salt, enrichment, vitamin twins) that are not
in the key, with the grams the line's measure gives them (same prefix rule as
setkit), to decide by hand whether they belong.  Writes parse_review_candidates.txt."""
import os, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../build/foods.db"))
name = dict(db.execute("SELECT ndb, name FROM food"))
def grams(ndb, prefix, qty):
    for a, n, g in db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id=m.food_id"
                              " WHERE f.ndb=? ORDER BY seq", (ndb,)):
        if n.lower().startswith(prefix.lower()):
            return float(qty) * g / a
    return None
out = []
for l in open(os.path.join(HERE, "../parse_heldout15.tsv"), encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    line, ndbs, spec = l.rstrip("\n").split("\t")
    key = ndbs.split(",")
    head = ", ".join(name[key[0]].split(", ")[:2])
    twins = [r for r in db.execute("SELECT ndb, name FROM food WHERE name LIKE ?", (head + "%",)) if r[0] not in key]
    if not twins:
        continue
    rows = []
    for n, nm in twins:
        if spec.startswith("m:"):
            _, ndb0, prefix, qty = spec.split(":")
            g0, g = grams(ndb0, prefix, qty), grams(n, prefix, qty)
            same = "same grams" if g is not None and abs(g - g0) <= 0.01 * g0 else "grams %s" % (g and round(g, 1))
        else:
            same = "plain grams"
        rows.append("   %s %s  [%s]\n" % (n, nm, same))
    out.append("## %s  (key %s)\n" % (line, ndbs) + "".join(rows[:15]))
open(os.path.join(HERE, "parse_review_candidates.txt"), "w", encoding="utf-8").write("".join(out))
print(len(out), "lines with candidates")

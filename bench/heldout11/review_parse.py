#!/usr/bin/env python3
"""Second review of the diary keys: for every key food, its same-name twins
in SR (salt, enrichment, added vitamins, calcium propionate, fortification
written differently) that are not in the key, and the grams the line's
measure gives each twin (a twin is acceptable food; setkit keeps it in a
measure key only when its grams agree within 1%).  Writes
review_parse_candidates.txt.  Run in this directory after make_sets.py."""
import os, re, sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(os.path.join(HERE, "..", "..", "build", "foods.db"))
names = dict(db.execute("SELECT ndb, name FROM food"))
TWIN = re.compile(r",?\s*\(?(with|without|no)( added)? (salt|vitamin[^,]*|calcium[^,]*|ascorbic acid|ca prop|nonfat milk solids[^,]*)\)?"
                  r"|,?\s*(un)?enriched|,?\s*(fortified|unfortified)[^,]*|,?\s*salt added|,?\s*regular pack|,?\s*includes usda commodity"
                  r"|\s*\([^)]*\)", re.I)

def norm(n):
    return re.sub(r"[\s,]+", " ", TWIN.sub("", n.lower())).strip()

by_norm = {}
for ndb, n in names.items():
    by_norm.setdefault(norm(n), []).append(ndb)

def grams(ndb, prefix, qty):
    for a, n, g in db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id=m.food_id"
                              " WHERE f.ndb=? ORDER BY seq", (ndb,)):
        if n.lower().startswith(prefix.lower()):
            return float(qty) * g / a
    return None

out = []
for l in open(os.path.join(HERE, "..", "parse_heldout11.tsv"), encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    line, ndbs, spec = l.rstrip("\n").split("\t")
    key = set(ndbs.split(","))
    twins = sorted({t for k in key for t in by_norm.get(norm(names[k]), []) if t not in key})
    if not twins:
        continue
    rows = []
    for t in twins:
        if spec.startswith("m:"):
            _, ndb, prefix, qty = spec.split(":")
            g0, g = grams(ndb, prefix, qty), grams(t, prefix, qty)
            rows.append("   %s %s -> %s g (key %.1f g)" % (t, names[t], "none" if g is None else "%.1f" % g, g0))
        else:
            rows.append("   %s %s (plain grams)" % (t, names[t]))
    out.append("## %s  [%s]\n%s\n" % (line, spec, "\n".join(rows)))
open(os.path.join(HERE, "review_parse_candidates.txt"), "w", encoding="utf-8").write("".join(out))
print("%d lines with twins" % len(out))

#!/usr/bin/env python3
"""Second review of the diary keys: for every line, SR twins of its foods
(same name once salt, enrichment and added-vitamin words are taken out) that
are not in its key, with the grams the line's measure gives them.  A twin whose
grams agree within 1% (or any twin, for a line in plain grams) is acceptable to
a dietitian and is proposed for the key; writes parse_review_candidates.txt."""
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else "../../build/foods.db")
name = dict(db.execute("SELECT ndb, name FROM food"))
NOISE = re.compile(r",? ?(with|without) (added )?salt( added)?|,? ?(un)?enriched|,? ?with added [^,]*|,? ?without added [^,]*"
                   r"|,? ?fortified[^,]*|,? ?no salt added|\(includes[^)]*\)|with ca prop", re.I)
def base(n):
    return re.sub(r"[ ,]+", " ", NOISE.sub("", n)).strip().lower()
by_base = {}
for n, nm in name.items():
    by_base.setdefault(base(nm), []).append(n)
def grams(ndb, prefix, qty):
    for a, mn, g in db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id=m.food_id"
                               " WHERE f.ndb=? ORDER BY seq", (ndb,)):
        if mn.lower().startswith(prefix.lower()):
            return float(qty) * g / a
    return None
out = []
for l in open("../parse_heldout16.tsv", encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    line, ndbs, spec = l.rstrip("\n").split("\t")
    key = set(ndbs.split(","))
    twins = set()
    for n in key:
        twins.update(t for t in by_base.get(base(name[n]), []) if t not in key)
    rows = []
    for t in sorted(twins):
        if spec.startswith("m:"):
            _, n0, prefix, qty = spec.split(":")
            g0, g = grams(n0, prefix, qty), grams(t, prefix, qty)
            ok = g is not None and abs(g - g0) <= 0.01 * g0
            rows.append("   %s %s: %s g -> %s" % (t, name[t], g and round(g, 1), "ADD" if ok else "leave out"))
        else:
            rows.append("   %s %s: plain grams -> ADD" % (t, name[t]))
    if rows:
        out.append("## %s\n%s\n" % (line, "\n".join(rows)))
open("parse_review_candidates.txt", "w", encoding="utf-8").write("\n".join(out))
print(len(out), "lines with twins")

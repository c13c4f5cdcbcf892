#!/usr/bin/env python3
"""Second look at the diary keys: for each line, SR foods that are the same
food as one in its key but for salt, vitamins, enrichment or a brand-free
twin (the name up to its first ', with' / ', without' / ', enriched' /
', unenriched'), not in the key, with the grams the line's measure gives
them.  Writes parse_review_candidates.txt; decisions in REVIEW.md."""
import os, re, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import setkit
db = sqlite3.connect(os.path.join(HERE, "../../build/foods.db"))
name = dict(db.execute("SELECT ndb, name FROM food"))
def measures(ndb):
    return db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id = m.food_id"
                      " WHERE f.ndb = ? ORDER BY seq", (ndb,)).fetchall()
def grams(ndb, prefix, qty):
    for a, n, g in measures(ndb):
        if n.lower().startswith(prefix.lower()):
            return float(qty) * g / a, n
    return None, None
out = []
for l in open(os.path.join(HERE, "parse_keys.txt"), encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"):
        continue
    line, toks, spec = setkit.pipe_fields(l)
    key = set()
    for t in setkit.split_pipe_tokens(toks):
        if re.fullmatch(r"\d{5}", t): key.add(t)
        elif not t.startswith("-"): key.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,)))
    twins = set()
    for n in key:
        base = re.split(r", (?:with|without|enriched|unenriched|no salt|low sodium|reduced sodium)\b", name[n])[0]
        twins.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (base + "%",)))
    twins -= key
    if not twins:
        continue
    rows = []
    for n in sorted(twins):
        if spec.startswith("m:"):
            _, ndb, prefix, qty = spec.split(":")
            g, m = grams(n, prefix, qty)
            g0, _ = grams(ndb, prefix, qty)
            same = g is not None and abs(g - g0) <= 0.01 * g0
            rows.append("   %s %s %s -> %s\n" % ("SAME" if same else "    ", n, name[n], "%.1f g (%s)" % (g, m) if g else "no such measure"))
        else:
            rows.append("   PLAIN %s %s\n" % (n, name[n]))
    out.append("## %s  [%s]\n" % (line, spec) + "".join(rows))
open(os.path.join(HERE, "parse_review_candidates.txt"), "w", encoding="utf-8").write("".join(out))

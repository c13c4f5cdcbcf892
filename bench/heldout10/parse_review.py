#!/usr/bin/env python3
"""Second review of the diary keys: for each line, the SR foods that are the
key's food but for salt, enrichment, added vitamins or fortification (same
name once those phrases are taken out) and are not in the key, with the grams
the line's measure gives them.  Writes parse_review_candidates.txt, read by
hand (REVIEW.md says what each became).  Run in this directory after
make_sets.py.  Usage: python3 parse_review.py [foods.db]
"""
import os, re, sqlite3, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "foods.db")
TWIN_WORDS = re.compile(r",?\s*\(?\b(with|without|no)\b (added )?(salt|ascorbic acid|calcium propionate|"
                        r"vitamin [a-z]( and vitamin [a-z])?|calcium|nonfat milk solids[^,]*)( added)?\)?|"
                        r",\s*(unenriched|enriched|fortified[^,]*|low sodium|reduced sodium)", re.I)


def base(name):
    return re.sub(r"\s+", " ", TWIN_WORDS.sub("", name)).strip(" ,").lower()


def main():
    db = sqlite3.connect(DB)
    foods = list(db.execute("SELECT ndb, name FROM food"))
    by_base = {}
    for ndb, nm in foods:
        by_base.setdefault(base(nm), []).append((ndb, nm))

    def grams(ndb, prefix, qty):
        for a, n, g in db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id=m.food_id"
                                  " WHERE f.ndb=? ORDER BY seq", (ndb,)):
            if n.lower().startswith(prefix.lower()):
                return float(qty) * g / a
        return None

    name = dict(foods)
    out = []
    for l in open(os.path.join(HERE, "..", "parse_heldout10.tsv"), encoding="utf-8"):
        if l.startswith("#") or not l.strip():
            continue
        line, ndbs, spec = l.rstrip("\n").split("\t")
        key = set(ndbs.split(","))
        twins = set()
        for n in key:
            twins.update(t for t, _ in by_base.get(base(name[n]), []) if t not in key)
        if not twins:
            continue
        rows = []
        for t in sorted(twins):
            if spec.startswith("m:"):
                _, _, prefix, qty = spec.split(":")
                g = grams(t, prefix, qty)
                rows.append("   %s %s -> %s\n" % (t, name[t], "no such measure" if g is None else "%.1f g" % g))
            else:
                rows.append("   %s %s -> %s g (grams written)\n" % (t, name[t], spec))
        out.append("## %s  [%s]\n%s" % (line, spec, "".join(rows)))
    open(os.path.join(HERE, "parse_review_candidates.txt"), "w", encoding="utf-8").write("".join(out))
    print("lines with same-name twins outside the key: %d" % len(out))


main()

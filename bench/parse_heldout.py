#!/usr/bin/env python3
"""Accuracy of `cramplab parse` on held-out diary lines (bench/parse_heldout.tsv).

A line is right when the food is one of the acceptable NDBs and the grams
match the spec within 1% (computed here from the SR measure table with SQL,
not by cramplab).  Prints each miss and the accuracy.  Usage, from the top
directory:  python3 bench/parse_heldout.py [--set heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|heldout17|heldout18|heldout19|heldout20|dev|dev4|dev21] [--new] [--totals] [build/cramplab]
--new scores only the lines that no development set or test holds (bench/novel.py);
--totals prints the accuracy line alone (for the unseen sets, whose lines nobody reads).
"""
import json, os, sqlite3, subprocess, sys

args = sys.argv[1:]
which = "heldout"
if args[:1] == ["--set"]:
    which, args = args[1], args[2:]
new_only = "--new" in args
totals_only = "--totals" in args
args = [a for a in args if a not in ("--new", "--totals")]
exe = args[0] if args else "build/cramplab"
dbpath = os.environ.get("CRAMPLAB_DB", "build/foods.db")
db = sqlite3.connect(dbpath)

def measures(ndb):
    return db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f ON f.id = m.food_id"
                      " WHERE f.ndb = ? ORDER BY seq", (ndb,)).fetchall()

def expected(spec, got):
    if spec == "=*":
        return None  # any weight that one of the food's measures gives
    if spec.startswith("m:"):
        _, ndb, prefix, qty = spec.split(":")
        for a, n, g in measures(ndb):
            if n.lower().startswith(prefix.lower()):
                return float(qty) * g / a
        raise SystemExit("no measure %r for %s" % (prefix, ndb))
    if spec.startswith("="):
        kind = spec[1:]
        q = got["quantity"]
        # "medium ..." or, as SR writes some, "Potato medium ..."
        cands = [q * g / a for a, n, g in measures(got["ndb"])
                 if n.lower().startswith(kind) or (" " in n and n.lower().split(" ", 1)[1].startswith(kind))]
        if kind == "cup":
            cands += [q * 8 * g / a for a, n, g in measures(got["ndb"]) if n.lower() == "fl oz"]
        # a food without a tbsp/tsp measure is weighed through its cup (16 tbsp, 48 tsp)
        per_cup = {"tbsp": 16.0, "tsp": 48.0}.get(kind)
        if per_cup and not cands:
            cands += [q * g / a / per_cup for a, n, g in measures(got["ndb"]) if n.lower() == "cup"]
        return cands
    return float(spec)

rows = [r for r in open("bench/parse_%s.tsv" % which, encoding="utf-8")
        if r.strip() and not r.startswith("#")]
if new_only:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import novel
    pool = novel.seen_pool(which)
    n = len(rows)
    rows = [r for r in rows if novel.is_new(r.split("\t")[0], pool)]
    sys.stderr.write("novel: %s: %d of %d lines also in development sets or tests, left out\n"
                     % (which, n - len(rows), n))


def miss(text):
    if not totals_only:
        print("MISS " + text)

right = total = 0
for row in rows:
    line, ndbs, spec = row.rstrip("\n").split("\t")
    total += 1
    r = subprocess.run([exe, "parse", line, "--json", "--db", dbpath], capture_output=True, text=True)
    if r.returncode != 0:
        miss("%-40s refused: %s" % (line, r.stderr.strip()[:100]))
        continue
    got = json.loads(r.stdout)
    if got["ndb"] not in ndbs.split(","):
        miss("%-40s food %s %s" % (line, got["ndb"], got["name"][:50]))
        continue
    exp = expected(spec, got)
    if exp is None:
        exp = [got["quantity"] * g / a for a, n, g in measures(got["ndb"])]
    exps = exp if isinstance(exp, list) else [exp]
    if not any(abs(got["grams"] - e) <= 0.01 * max(e, 1) for e in exps):
        miss("%-40s grams %.1f, expected %s" % (line, got["grams"],
              ", ".join("%.1f" % e for e in exps[:3]) or "a measure"))
        continue
    right += 1
print("%s accuracy: %d/%d = %.1f%%" % (which, right, total, 100.0 * right / total))

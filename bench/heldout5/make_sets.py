#!/usr/bin/env python3
"""Build the held-out set 5 TSVs from hand-written keys, checked against SR24.

search_keys.txt: `query|tokens`; a 5-digit token is an NDB, `-NDB` removes one,
anything else is an SQL LIKE pattern on food.name (case-insensitive ASCII);
the key is the union.  parse_keys.txt: `line|ndb tokens|grams spec`, spec as
bench/parse_heldout.py reads it (N grams, or m:NDB:measure-prefix:qty).
Every NDB must exist; every m: spec must resolve to an SR measure (first one
in seq order whose name starts with the prefix, as the scorer does), and its
grams are checked against the same measure of every other acceptable NDB
(a mismatch > 1% is reported so the key can be narrowed).  Queries and lines
are checked against the existing test/bench sets for exact duplicates.
Writes search_heldout5.tsv, parse_heldout5.tsv and review.txt (names, grams).
Usage: python3 make_sets.py [path/to/foods.db]
"""
import glob, os, re, sqlite3, sys

MAIN = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(MAIN, "build", "foods.db")
import difflib
db = sqlite3.connect(DB)
name = dict(db.execute("SELECT ndb, name FROM food"))
errors = []
# Development set 5 (bench/dev4/, branch acc4) and acc4's new test cases were
# written in the same hour as this set, independently; these queries and lines
# came out the same.  Scores are given with and without them (README.md).
overlap = set()

def resolve(tokens):
    inc, exc = set(), set()
    # tokens: split on spaces but keep LIKE patterns (which contain spaces) whole:
    # patterns are separated from NDBs because they end with '%' or contain ','
    for t in tokens:
        if re.fullmatch(r"\d{5}", t):
            if t not in name:
                errors.append("no NDB %s" % t)
            inc.add(t)
        elif re.fullmatch(r"-\d{5}", t):
            exc.add(t[1:])
        else:
            rows = [r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,))]
            if not rows:
                errors.append("pattern matches nothing: %r" % t)
            inc.update(rows)
    return sorted(inc - exc)

def split_tokens(s):
    # tokens separated by '|': a run of 5-digit NDBs (space separated, '-' = exclude) or one LIKE pattern
    out = []
    for part in s.split("|"):
        part = part.strip()
        if not part:
            continue
        if re.fullmatch(r"-?\d{5}(\s+-?\d{5})*", part):
            out.extend(part.split())
        else:
            out.append(part)
    return out

def existing(kind):
    seen = set()
    for f in glob.glob(MAIN + "/bench/*.tsv"):
        if "heldout5" in f:
            continue  # the set itself, once copied into bench/
        for l in open(f, encoding="utf-8"):
            if not l.startswith("#") and l.strip():
                seen.add(l.split("\t")[0].strip().lower())
    for f in glob.glob(MAIN + "/tests/data/*.test"):
        t = open(f, encoding="utf-8").read()
        for m in re.finditer(r"(?:food search|parse) '([^']*)'", t):
            seen.add(m.group(1).strip().lower())
    for l in open(MAIN + "/tests/data/parse_cases.txt", encoding="utf-8"):
        if not l.startswith("#"):
            seen.add(l.split("|")[0].strip().lower())
    return seen

seen = existing("all")
near = []
def fuzzy(q):
    for s2 in seen:
        if difflib.SequenceMatcher(None, q.lower(), s2).ratio() >= 0.84:
            near.append("%r ~ %r" % (q, s2))
measures = lambda ndb: db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f"
                                  " ON f.id = m.food_id WHERE f.ndb = ? ORDER BY seq", (ndb,)).fetchall()

def measure_grams(ndb, prefix, qty, alias=False):
    prefixes = [prefix.lower()]
    if alias:  # other spellings of the same unit, for the cross-check only
        prefixes += {"tbsp": ["tablespoon"], "tablespoon": ["tbsp"], "tsp": ["teaspoon"]}.get(prefix.lower(), [])
        if ", " in prefix:  # SR spells some sized measures without the comma ("ear medium")
            prefixes.append(prefix.lower().replace(", ", " "))
    for p in prefixes:
        for a, n, g in measures(ndb):
            if n.lower().startswith(p):
                return float(qty) * g / a, n
    return None, None

review = []
out = ["# Held-out search queries, set 5: written 2026-11-26 by a helper session (heldout5),",
       "# never shown to the search tuner and never run through cramplab.  Format as",
       "# bench/search_heldout2.tsv: query<TAB>acceptable NDBs.  Keys chosen by hand from",
       "# SR24 food names (SQL LIKE look-ups over build/foods.db, reproducible with",
       "# make_sets.py + search_keys.txt).  Mix: fruit/veg/legumes/nuts for a runner and an",
       "# older adult with night cramps, drinks, dairy, meat/fish, grains, snacks, dishes,",
       "# condiments and spices; typos ~10%, word order, British words (see README.md).",
       "# Second review (REVIEW.md) done before hand-over; no key was ever scored."]
queries = set()
for l in open("search_keys.txt", encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"):
        continue
    q, toks = l.split("|", 1)
    if q.lower() in seen:
        # Only an error while the set was being written: once scored, its
        # misses became test cases (tests/data), as seen data does.
        if q not in overlap:
            errors.append("duplicate of an existing query: %r" % q)
    fuzzy(q)
    if q.lower() in queries:
        errors.append("repeated query %r" % q)
    queries.add(q.lower())
    ndbs = resolve(split_tokens(toks))
    out.append("%s\t%s" % (q, ",".join(ndbs)))
    review.append("## %s\n" % q + "".join("   %s %s\n" % (n, name.get(n, "?")) for n in ndbs))
open("search_heldout5.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")
nq = len(queries)

pout = ["# Held-out diary lines, set 5: written 2026-11-26 by a helper session (heldout5),",
        "# never used to tune the parser and never run through cramplab.  Format as",
        "# bench/parse_heldout2.tsv: line<TAB>acceptable NDBs<TAB>grams spec (N = grams;",
        "# m:NDB:measure:qty = qty x that SR measure of that food).  Vague amounts follow",
        "# docs/diary.md: glass/mug/bowl = 1 cup, handful = 1 oz (28.35 g), bare count =",
        "# medium (eggs large); ml / fl oz are US customary (1 cup = 236.59 ml, 1 fl oz =",
        "# 29.574 ml) weighed through the food's own cup or fl oz measure.  Every NDB and",
        "# measure was checked with SQL (make_sets.py + parse_keys.txt); where acceptable",
        "# foods differ, only those whose measure gives the same grams (within 1%) are listed.",
        "# Second review (REVIEW.md) done before hand-over; no line was ever scored."]
lines = set()
for l in open("parse_keys.txt", encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"):
        continue
    line, rest = l.split("|", 1)
    toks, spec = rest.rsplit("|", 1)
    if line.lower() in seen:
        if line not in overlap:
            errors.append("duplicate of an existing line: %r" % line)
    fuzzy(line)
    if line.lower() in lines:
        errors.append("repeated line %r" % line)
    lines.add(line.lower())
    ndbs = resolve(split_tokens(toks))
    info = ""
    if spec.startswith("m:"):
        _, ndb, prefix, qty = spec.split(":")
        g, mname = measure_grams(ndb, prefix, qty)
        if g is None:
            errors.append("%r: no measure %r for %s" % (line, prefix, ndb)); continue
        if ndb not in ndbs:
            errors.append("%r: spec NDB %s not in key" % (line, ndb))
        info = "%.1f g (%s x %s)" % (g, qty, mname)
        for n in ndbs:
            g2, m2 = measure_grams(n, prefix, qty, True)
            if g2 is None or abs(g2 - g) > 0.01 * g:
                errors.append("%r: %s gives %s (%s)" % (line, n, g2 and round(g2, 1), m2))
    else:
        info = "%s g" % spec
        float(spec)
    pout.append("%s\t%s\t%s" % (line, ",".join(ndbs), spec))
    review.append("## %s  -> %s\n" % (line, info) + "".join("   %s %s\n" % (n, name.get(n, "?")) for n in ndbs))
open("parse_heldout5.tsv", "w", encoding="utf-8").write("\n".join(pout) + "\n")
open("review.txt", "w", encoding="utf-8").write("".join(review))
open("near_dups.txt", "w", encoding="utf-8").write("\n".join(near) + "\n")
print("search queries: %d, diary lines: %d, fuzzy near-duplicates to read: %d" % (nq, len(lines), len(near)))
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)

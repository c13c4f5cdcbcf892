#!/usr/bin/env python3
"""Second pass over set 18's keys: for every NDB in a key, SR foods whose name is
the same once salt / enrichment / vitamin / fortification words are removed
(twins), and that the key lacks.  Writes review_twins.txt to read."""
import os, re, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE)); import setkit
db = sqlite3.connect(os.path.join(HERE, "../../build/foods.db"))
names = dict(db.execute("SELECT ndb, name FROM food"))
STRIP = [r"\bwith(out)? (added )?salt( added)?\b", r"\bno salt added\b", r"\b(un)?enriched\b",
         r"\bwith(out)? added (vitamin|ascorbic|calcium|nonfat)[^,]*", r"\bfortified[^,]*",
         r"\bwith(out)? calcium propionate\b", r"\bwith ca prop\b", r"\bregular pack\b",
         r"\bunfortified\b", r"\bnot fortified\b", r"\blow sodium\b", r"\bsalted\b", r"\bunsalted\b"]
def norm(n):
    n = n.lower()
    for p in STRIP: n = re.sub(p, "", n)
    return re.sub(r"[ ,()]+", " ", n).strip()
by = {}
for k, v in names.items(): by.setdefault(norm(v), set()).add(k)
def resolve(toks):
    inc, exc = set(), set()
    for t in toks:
        if re.fullmatch(r"\d{5}", t): inc.add(t)
        elif re.fullmatch(r"-\d{5}", t): exc.add(t[1:])
        else: inc.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,)))
    return inc - exc
out = []
for fn, kind in (("search_keys.txt", "q"), ("parse_keys.txt", "p")):
    for l in open(os.path.join(HERE, fn)):
        l = l.rstrip("\n")
        if not l.strip() or l.startswith("#"): continue
        if kind == "q": q, toks = l.split("|", 1)
        else: q, toks, spec = setkit.pipe_fields(l)
        key = resolve(setkit.split_pipe_tokens(toks))
        miss = set()
        for n in key: miss |= by.get(norm(names[n]), set()) - key
        if miss:
            out.append("## %s [%s]\n" % (q, kind) + "".join("   + %s %s\n" % (m, names[m]) for m in sorted(miss)))
open(os.path.join(HERE, "review_twins.txt"), "w").write("".join(out))
print(len(out), "keys with twins not in them")

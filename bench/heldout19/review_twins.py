#!/usr/bin/env python3
"""Review helper (set 19): for each search key, SR foods whose name equals a keyed
food's name once salt / enrichment / vitamin / fortification words are removed,
but which the key lacks (candidates to widen the key)."""
import re, sqlite3, sys, os
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import setkit
db = sqlite3.connect("../../build/foods.db")
names = dict(db.execute("SELECT ndb, name FROM food"))
PAT = [r",? ?with(out)? (added )?salt( added)?", r",? ?no salt added", r",? ?(un)?enriched", r",? ?with(out)? added [^,]*",
       r",? ?fortified[^,]*", r",? ?with(out)? calcium propionate", r",? ?with ca prop", r"\(includes [^)]*\)", r",? ?salted", r",? ?unsalted"]
def norm(n):
    n = n.lower()
    for p in PAT:
        n = re.sub(p, "", n)
    return re.sub(r"[ ,]+", " ", n).strip()
groups = {}
for k, n in names.items():
    groups.setdefault(norm(n), set()).add(k)
def resolve(toks):
    inc, exc = set(), set()
    for t in toks:
        if re.fullmatch(r"\d{5}", t): inc.add(t)
        elif re.fullmatch(r"-\d{5}", t): exc.add(t[1:])
        else: inc.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,)))
    return inc - exc
kind = sys.argv[1] if len(sys.argv) > 1 else "search"
for l in open(kind + "_keys.txt", encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"): continue
    if kind == "search":
        q, toks = l.split("|", 1)
    else:
        q, toks, spec = setkit.pipe_fields(l)
    key = resolve(setkit.split_pipe_tokens(toks))
    extra = set()
    for k in key:
        extra |= groups[norm(names[k])] - key
    if extra:
        print("## " + q)
        for e in sorted(extra): print("   + %s %s" % (e, names[e]))

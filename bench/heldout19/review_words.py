#!/usr/bin/env python3
"""Review helper (set 19): SR foods whose name holds every content word of a
query (crude singular stems, substring match) but which the key lacks."""
import re, sqlite3, sys, os
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import setkit
db = sqlite3.connect("../../build/foods.db")
names = dict(db.execute("SELECT ndb, name FROM food"))
STOP = set("a an the of in with for and on fresh my from made up bought shop style jar tub bag block slice sliced pieces chunks bottle carton packet tin tinned punnet cup glass plain bunch".split())
def resolve(toks):
    inc, exc = set(), set()
    for t in toks:
        if re.fullmatch(r"\d{5}", t): inc.add(t)
        elif re.fullmatch(r"-\d{5}", t): exc.add(t[1:])
        else: inc.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,)))
    return inc - exc
def stem(w):
    for s in ("ies", "es", "s"):
        if w.endswith(s) and len(w) > 4: return w[:-len(s)]
    return w
for l in open("search_keys.txt", encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"): continue
    q, toks = l.split("|", 1)
    key = resolve(setkit.split_pipe_tokens(toks))
    ws = [stem(w) for w in re.findall(r"[a-z0-9%]+", q.lower()) if w not in STOP]
    if not ws: continue
    cand = [k for k, n in names.items() if k not in key and all(w in n.lower() for w in ws)]
    if cand:
        print("## %s  (%d)" % (q, len(cand)))
        for c in sorted(cand)[:8]: print("   + %s %s" % (c, names[c][:100]))

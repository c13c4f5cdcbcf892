#!/usr/bin/env python3
"""show.py FILE: each draft query and the SR names its key resolves to (look-up aid)."""
import sqlite3, sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import setkit
db = sqlite3.connect(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/foods.db"))
name = dict(db.execute("SELECT ndb, name FROM food"))
for l in open(sys.argv[1], encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"):
        continue
    q, toks = l.split("|", 1)
    if len(sys.argv) > 2:  # parse keys: line|toks|spec
        toks, spec = toks.rsplit("|", 1)
        q += "   [" + spec + "]"
    inc, exc = set(), set()
    for t in setkit.split_pipe_tokens(toks):
        if t[0] == "-": exc.add(t[1:])
        elif t.isdigit(): inc.add(t)
        else:
            rows = [r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,))]
            if not rows: print("  !! nothing for", t)
            inc.update(rows)
    print("##", q)
    for n in sorted(inc - exc):
        print("    ", n, name.get(n, "??"))

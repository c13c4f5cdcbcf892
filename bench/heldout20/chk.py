#!/usr/bin/env python3
# chk.py: key patterns that match nothing / the NDBs each query resolves to (no duplicate check)
import sqlite3, sys, os, re
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import setkit
db = sqlite3.connect(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/foods.db"))
for l in open("search_keys.txt"):
    l = l.rstrip("\n")
    if not l or l.startswith("#"): continue
    q, toks = l.split("|", 1)
    n = 0
    for t in setkit.split_pipe_tokens(toks):
        if re.fullmatch(r"-?\d{5}", t): n += 1; continue
        r = db.execute("SELECT count(*) FROM food WHERE name LIKE ?", (t,)).fetchone()[0]
        if r == 0: print("NOMATCH", q, "|", t)
        n += r
    if len(sys.argv) > 1: print(n, q)

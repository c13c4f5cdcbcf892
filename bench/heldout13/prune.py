"""Drop LIKE patterns that match no SR food (draft alternates written before looking); list empty keys."""
import sqlite3, re, sys
db = sqlite3.connect('../../build/foods.db')
f = sys.argv[1]
out = []
for l in open(f):
    l = l.rstrip('\n')
    if not l or l.startswith('#'):
        out.append(l); continue
    parts = l.split('|')
    q, toks, tail = parts[0], parts[1:], []
    if f.startswith('parse'):
        tail = [toks.pop()]
    keep = []
    for p in toks:
        p2 = p.strip()
        if re.fullmatch(r'-?\d{5}(\s+-?\d{5})*', p2) or db.execute("select 1 from food where name like ?", (p2,)).fetchone():
            keep.append(p2)
    if not keep:
        print("EMPTY", q)
    out.append('|'.join([q] + keep + tail))
open(f, 'w').write('\n'.join(out) + '\n')

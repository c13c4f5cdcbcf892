"""Second review of the search keys: for each query, SR foods whose name holds
every content word (stems of 4+ letters, crude) but are not in the key, to read."""
import sqlite3, re
db = sqlite3.connect('../../build/foods.db')
names = db.execute("select ndb, lower(name) from food").fetchall()
STOP = set("fresh raw with from made shop bought jar tin tinned bag the for and no not a of in on up".split())
keys = {}
for l in open('search_heldout13.tsv' if False else '../search_heldout13.tsv'):
    if l.startswith('#') or not l.strip(): continue
    q, k = l.rstrip('\n').split('\t'); keys[q] = set(k.split(','))
out = []
for q, k in keys.items():
    words = [w[:5] for w in re.findall(r"[a-z]+", q.lower()) if len(w) >= 4 and w not in STOP]
    if not words: continue
    c = [(n, nm) for n, nm in names if n not in k and all(w in nm for w in words)]
    if c:
        out.append("## %s\n" % q + "".join("   %s %s\n" % x for x in c[:15]) + ("   ... %d more\n" % (len(c) - 15) if len(c) > 15 else ""))
open('review2_candidates.txt', 'w').write("".join(out))
print(len(out))

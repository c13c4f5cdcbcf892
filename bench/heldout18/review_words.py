#!/usr/bin/env python3
"""Second pass over set 18's search keys: SR foods whose name holds every content
word of the query (crude stem: trailing s dropped) but that the key lacks, for a
person to read (review_words.txt).  Typos and UK words find nothing, by design."""
import os, re, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE)); import setkit
db = sqlite3.connect(os.path.join(HERE, "../../build/foods.db"))
names = dict(db.execute("SELECT ndb, name FROM food"))
STOP = set("a an the of in with and for from my its on fresh plain raw cooked".split())
def words(s): return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", s.lower())]
fw = {k: set(words(v)) for k, v in names.items()}
def resolve(toks):
    inc, exc = set(), set()
    for t in toks:
        if re.fullmatch(r"\d{5}", t): inc.add(t)
        elif re.fullmatch(r"-\d{5}", t): exc.add(t[1:])
        else: inc.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,)))
    return inc - exc
out = []
for l in open(os.path.join(HERE, "search_keys.txt")):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"): continue
    q, toks = l.split("|", 1)
    key = resolve(setkit.split_pipe_tokens(toks))
    cw = [w for w in words(q) if w not in STOP]
    c = sorted(k for k in names if k not in key and cw and all(w in fw[k] for w in cw))
    if c:
        out.append("## %s\n" % q + "".join("   + %s %s\n" % (k, names[k]) for k in c[:15]))
open(os.path.join(HERE, "review_words.txt"), "w").write("".join(out))
print(len(out), "queries with candidates")

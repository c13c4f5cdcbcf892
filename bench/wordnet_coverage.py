#!/usr/bin/env python3
"""How many of WordNet 3.0's food words reach an SR food, and a sample of the
WordNet rows the search uses, for checking by hand (docs/performance.md).

Every distinct lemma of a noun.food synset (folded as the search folds it, at
most three words, no digits) is put in the first class that holds it:
  sr        every word is an SR name word (FTS5, the search's own test);
  hand      data/search_synonyms.tsv maps the phrase, one of its words or a pair;
  wordnet   data/search_wordnet.tsv maps it (a row the import kept);
  none      nothing: the search can only guess (typo correction, any word).
Then 60 WordNet rows (plural rows left out: they repeat their singular),
drawn with a fixed seed, each with the search's first result.

Usage: python3 bench/wordnet_coverage.py [--wordnet DIR] [--sample N] [--seed N] [build/cramplab]
(CRAMPLAB_DB, default build/foods.db, must be imported from this tree's data.)
"""
import os
import random
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from wordnet_foods import fold, read_synsets, stem  # noqa: E402

args = sys.argv[1:]
wndir, nsample, seed = "/usr/share/wordnet", 60, 2026
while args and args[0].startswith("--"):
    if args[0] == "--wordnet":
        wndir, args = args[1], args[2:]
    elif args[0] == "--sample":
        nsample, args = int(args[1]), args[2:]
    elif args[0] == "--seed":
        seed, args = int(args[1]), args[2:]
    else:
        sys.exit("usage: wordnet_coverage.py [--wordnet DIR] [--sample N] [--seed N] [CRAMPLAB]")
binary = args[0] if args else "build/cramplab"
dbpath = os.environ.get("CRAMPLAB_DB", "build/foods.db")
con = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)


def fts(word):
    return con.execute("SELECT 1 FROM food_fts WHERE food_fts MATCH ? LIMIT 1",
                       ('"%s"' % word,)).fetchone() is not None


syn = {p: (r, n) for p, r, n in con.execute("SELECT phrase, repl, note FROM search_syn")}


def is_wordnet(note):
    return "in WordNet (" in note


def hand(p):
    if p in syn and not is_wordnet(syn[p][1]):
        return True
    ws = p.split()
    parts = ws + [stem(w) for w in ws] + [" ".join(ws[i:i + 2]) for i in range(len(ws) - 1)]
    return any(q in syn and not is_wordnet(syn[q][1]) for q in parts)


lemmas = set()
for off, (lex, lms, _) in read_synsets(wndir).items():
    if lex != 13:
        continue
    for lm in lms:
        f = fold(lm)
        if f and not any(c.isdigit() for c in f) and len(f.split()) <= 3:
            lemmas.add(f)

count = {"sr": 0, "hand": 0, "wordnet": 0, "none": 0}
for p in sorted(lemmas):
    if all(fts(w) for w in p.split()):
        count["sr"] += 1
    elif hand(p):
        count["hand"] += 1
    elif p in syn and is_wordnet(syn[p][1]):
        count["wordnet"] += 1
    else:
        count["none"] += 1
n = len(lemmas)
print("noun.food lemmas (folded, <= 3 words): %d" % n)
for k in ("sr", "hand", "wordnet", "none"):
    print("  %-8s %5d  %5.1f%%" % (k, count[k], 100.0 * count[k] / n))
print("reach an SR food without guessing: before %.1f%%, with WordNet %.1f%%" % (
    100.0 * (count["sr"] + count["hand"]) / n,
    100.0 * (count["sr"] + count["hand"] + count["wordnet"]) / n))
rows = sorted(p for p, (r, note) in syn.items() if is_wordnet(note))
print("WordNet rows the import kept: %d (%d of them plurals)" % (
    len(rows), sum(syn[p][1].startswith("plural") for p in rows)))

singles = [p for p in rows if not syn[p][1].startswith("plural")]
print("\nsample of %d WordNet rows (seed %d): phrase -> replacement -> first result" % (
    nsample, seed))
for p in sorted(random.Random(seed).sample(singles, min(nsample, len(singles)))):
    out = subprocess.run([binary, "food", "search", p, "--limit", "1"], capture_output=True,
                         text=True).stdout.strip()
    print("%s\t%s\t%s" % (p, syn[p][0], out))

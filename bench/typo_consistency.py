#!/usr/bin/env python3
"""Does a mistyped food query find what the query typed right finds?

Takes the everyday queries of the development data (tests/data/search.test's
food searches and bench/search_heldout.tsv, heldout2..6 and dev4: never the
unseen sets 7, 8 and 9), makes one typo in each, mechanically and
reproducibly, and asks `cramplab food search` for both.  A typo query counts
as consistent at top-1 when its first result is the first result of the
query typed right, and at top-5 when that food is among its first five.  The
score says how forgiving the typo path is, whatever the right answer is (the
accuracy benches say that).

The typo: one word of four or more letters (not a particle such as "with"),
chosen by a random generator seeded with the query, gets one of the mistakes
people make, picked the same way among those its spelling allows:
  drop    a letter left out ("brocoli"), never the first
  double  a letter doubled ("tomatoe" is not this: "raddish", "vanilla" -> "vanillla")
  undouble a double letter single ("vanila", "colard")
  swap    two neighbours swapped ("cashwes"), never the first letter
  sound   a sound-alike spelling: ph/f, c/k, ck/k, ea/ee, ie/y, ey/y, ade/aid,
          er/or, ou/ow, ai/ay, ph/ff ...
The first letter stays: people seldom get it wrong, and the search trusts it.
The word is chosen, and the searches run, by bench/typos/typokit.py, which
bench/typos/make_typos.py (scored against the keys) shares.

Usage, from the top directory:
  python3 bench/typo_consistency.py [-v] [--seed N] [build/cramplab]
-v lists every typo query whose top-1 differs.  Needs CRAMPLAB_DB (defaults
to build/foods.db); set CRAMPLAB_CACHE=off.
"""
import os, re, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "typos"))
from typokit import Tally, many, mistype  # noqa: E402

args = sys.argv[1:]
verbose = "-v" in args
args = [a for a in args if a != "-v"]
seed = 10
if args[:1] == ["--seed"]:
    seed, args = int(args[1]), args[2:]
exe = args[0] if args else "build/cramplab"
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("CRAMPLAB_DB", os.path.join(top, "build", "foods.db"))

SETS = ["search_heldout.tsv", "search_heldout2.tsv", "search_heldout3.tsv",
        "search_heldout4.tsv", "search_heldout5.tsv", "search_heldout6.tsv",
        "search_dev4.tsv"]
PARTICLES = {"with", "without", "from", "and", "the", "into", "made", "plus"}
# (pattern, replacement): a spelling and one that sounds the same where it stands
SOUNDS = [(r"ph", "f"), (r"(?<![f])f(?![f])", "ph"), (r"ck", "k"), (r"ck", "c"),
          (r"(?<![sc])c(?=[aou]|[^aeiouhky]|$)", "k"), (r"(?<![ck])k(?=[aou])", "c"),
          (r"ea", "ee"), (r"ee", "ea"), (r"ie$", "y"), (r"(?<=[^aeiou])y$", "ie"),
          (r"ey$", "y"), (r"(?<=[^aeiou])y$", "ey"), (r"ade$", "aid"), (r"er$", "or"),
          (r"or$", "er"), (r"ai", "ay"), (r"(?<=[aeiou])s(?=[aeiou])", "z"),
          (r"z", "s"), (r"(?<=[^aeiou])i$", "y"), (r"ou", "oo"),
          (r"le$", "el"), (r"ous$", "us"), (r"x", "cks")]


def queries():
    seen, out = set(), []
    def add(q):
        q = q.strip()
        if q and q.lower() not in seen:
            seen.add(q.lower())
            out.append(q)
    with open(os.path.join(top, "tests", "data", "search.test"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^args: food search '(.*)' --limit \d+ --json$", line.rstrip("\n"))
            if m:
                add(m.group(1))
    for name in SETS:
        with open(os.path.join(top, "bench", name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                add(line.split("\t", 1)[0])
    return out


def mistypes(word):
    """Every (kind, typo) the word's spelling allows, in a fixed order."""
    w, out = word, []
    for i in range(1, len(w)):
        if w[i] != w[i - 1] and (i + 1 == len(w) or w[i] != w[i + 1]):
            out.append(("drop", w[:i] + w[i + 1:]))
    for i in range(1, len(w)):
        if w[i] == w[i - 1]:
            out.append(("undouble", w[:i] + w[i + 1:]))
        elif w[i].isalpha():
            out.append(("double", w[:i] + w[i] + w[i:]))
    for i in range(1, len(w) - 1):
        if w[i] != w[i + 1]:
            out.append(("swap", w[:i] + w[i + 1] + w[i] + w[i + 2:]))
    for a, b in SOUNDS:
        for m in re.finditer(a, w):
            if m.start() >= 1:
                out.append(("sound", w[:m.start()] + b + w[m.end():]))
    return [(k, t) for k, t in out if t != w]


def main():
    qs = queries()
    typos = [mistype(seed, q, mistypes, PARTICLES) for q in qs]
    rights = many(exe, [q for q, (_, tq) in zip(qs, typos) if tq is not None])
    asked = [(q, kind, tq) for q, (kind, tq) in zip(qs, typos) if tq is not None]
    kept = [(q, kind, tq, right) for (q, kind, tq), right in zip(asked, rights) if right]
    gots = many(exe, [tq for _, _, tq, _ in kept])
    tally = Tally()
    for (q, kind, tq, right), got in zip(kept, gots):
        a = bool(got) and got[0] == right[0]
        b = right[0] in got
        tally.add(kind, a, b)
        if verbose and not a:
            print("  %-6s %-8s %-32s %-32s %s -> %s" % ("(top5)" if b else "", kind, q, tq,
                                                       right[0], got[0] if got else "-"))
    tally.report("typo consistency (seed %d)" % seed)

if __name__ == "__main__":
    main()

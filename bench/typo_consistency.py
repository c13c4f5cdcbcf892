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

Usage, from the top directory:
  python3 bench/typo_consistency.py [-v] [--seed N] [build/cramplab]
-v lists every typo query whose top-1 differs.  Needs CRAMPLAB_DB (defaults
to build/foods.db); set CRAMPLAB_CACHE=off.
"""
import json, os, random, re, subprocess, sys

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


def typo(query):
    rng = random.Random("%d:%s" % (seed, query))
    words = query.split(" ")
    cands = [i for i, w in enumerate(words)
             if len(w) >= 4 and w.isalpha() and w.lower() not in PARTICLES]
    if not cands:
        return None, None
    i = rng.choice(cands)
    opts = mistypes(words[i])
    kinds = sorted({k for k, _ in opts})
    kind = rng.choice(kinds)
    t = rng.choice([t for k, t in opts if k == kind])
    words[i] = t
    return kind, " ".join(words)


def search(q):
    r = subprocess.run([exe, "food", "search", q, "--limit", "5", "--json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return []
    return [x["ndb"] for x in json.loads(r.stdout)["results"]]


def main():
    n = t1 = t5 = 0
    by = {}
    for q in queries():
        kind, tq = typo(q)
        if tq is None:
            continue
        right = search(q)
        if not right:
            continue
        got = search(tq)
        n += 1
        a = bool(got) and got[0] == right[0]
        b = right[0] in got
        t1 += a
        t5 += b
        k = by.setdefault(kind, [0, 0, 0])
        k[0] += 1
        k[1] += a
        k[2] += b
        if verbose and not a:
            print("  %-6s %-8s %-32s %-32s %s -> %s" % ("(top5)" if b else "", kind, q, tq,
                                                       right[0], got[0] if got else "-"))
    print("typo consistency (seed %d): %d queries  top-1 %.1f%% (%d)  top-5 %.1f%% (%d)"
          % (seed, n, 100.0 * t1 / n, t1, 100.0 * t5 / n, t5))
    for kind in sorted(by):
        c, a, b = by[kind]
        print("  %-8s %4d  top-1 %5.1f%%  top-5 %5.1f%%" % (kind, c, 100.0 * a / c, 100.0 * b / c))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A typo bench scored against the keys: mistyped development queries.

  python3 bench/typos/make_typos.py make [--seed N] [build/cramplab]
      Reads the development sets' queries and keys (the files named in SETS
      below, never an unseen set), keeps the queries whose top-1 is right with
      the given build, makes one slip in one word of each (seeded with the
      seed and the query, so the same every run) and writes
      bench/typos/typos<N>.tsv: typo query, keys, query typed right, kind.
  python3 bench/typos/make_typos.py score [-v] [--seed N] [build/cramplab]
      Top-1 and top-5 of the typo queries against their keys, by kind; -v
      lists the typo queries whose top-1 is not acceptable.

Unlike bench/typo_consistency.py (is the typo query's top-1 the right
spelling's?) this scores rightness: every query's right spelling was right
when the file was made, so a miss is the slip's doing (or a later change's).

A slip: one word of four letters or more (letters only, not a particle such
as "with"), never its first letter, one of the mistakes people make, the kind
drawn first and then the place:
  drop      a letter left out ("brocoli")
  extra     a letter typed twice apart or a neighbour key added ("chesse")
  double    a letter doubled ("tomatto")
  undouble  a double letter made single ("vanila")
  swap      two neighbours swapped ("cashwes")
  vowel     one vowel for another ("lentels", "spinech")
  sound     a sound-alike spelling (ph/f, c/k, ea/ee, -y/-ie, -ade/-aid, ...)
Needs CRAMPLAB_DB (defaults to build/foods.db); set CRAMPLAB_CACHE=off.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from typokit import Tally, many, mistype  # noqa: E402

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("CRAMPLAB_DB", os.path.join(top, "build", "foods.db"))
# the development sets of session 17 (bench/search_accuracy.sh's dev17 without
# the tuning file, whose cases are tests)
SETS = ["search_heldout.tsv", "search_heldout2.tsv", "search_heldout3.tsv", "search_dev4.tsv",
        "search_heldout4.tsv", "search_heldout5.tsv", "search_heldout6.tsv",
        "search_heldout7.tsv", "search_heldout8.tsv", "search_heldout11.tsv",
        "search_heldout12.tsv", "search_heldout13.tsv", "search_heldout14.tsv",
        "search_heldout15.tsv"]
PARTICLES = {"with", "without", "from", "and", "the", "into", "made", "plus", "only",
             "some", "each", "about"}
VOWELS = "aeiou"
# keys next to each other on a QWERTY keyboard: the extra letter a finger adds
NEAR = {"a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh",
        "h": "gj", "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm",
        "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi",
        "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x"}
SOUNDS = [(r"ph", "f"), (r"(?<![f])f(?![f])", "ph"), (r"ck", "k"), (r"ck", "c"),
          (r"(?<![sc])c(?=[aou])", "k"), (r"(?<![ck])k(?=[aou])", "c"),
          (r"ea", "ee"), (r"ee", "ea"), (r"ie$", "y"), (r"(?<=[^aeiou])y$", "ie"),
          (r"ey$", "y"), (r"ade$", "aid"), (r"er$", "or"), (r"ai", "ay"),
          (r"(?<=[aeiou])s(?=[aeiou])", "z"), (r"ou", "oo"), (r"le$", "el"),
          (r"ous$", "us"), (r"x", "cks"), (r"qu", "kw"), (r"tion$", "shun"),
          (r"(?<=[aeiou])ce$", "se"), (r"ght", "t")]


def read_sets():
    seen, out = set(), []
    for name in SETS:
        with open(os.path.join(top, "bench", name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                q, keys = line.rstrip("\n").split("\t")[:2]
                q = q.strip()
                if q and q.lower() not in seen:
                    seen.add(q.lower())
                    out.append((q, keys.replace(" ", "")))
    return out


def slips(word):
    """Every (kind, typo) of the word, in a fixed order; never the first letter."""
    w, out = word.lower(), []
    for i in range(1, len(w)):
        if w[i] != w[i - 1] and (i + 1 == len(w) or w[i] != w[i + 1]):
            out.append(("drop", w[:i] + w[i + 1:]))
    for i in range(1, len(w) + 1):
        prev = w[i - 1]
        for ch in NEAR.get(prev, ""):
            out.append(("extra", w[:i] + ch + w[i:]))
    for i in range(1, len(w)):
        if w[i] == w[i - 1]:
            out.append(("undouble", w[:i] + w[i + 1:]))
        elif (i + 1 == len(w) or w[i] != w[i + 1]):
            out.append(("double", w[:i] + w[i] + w[i:]))
    for i in range(1, len(w) - 1):
        if w[i] != w[i + 1]:
            out.append(("swap", w[:i] + w[i + 1] + w[i] + w[i + 2:]))
    for i in range(1, len(w)):
        if w[i] in VOWELS:
            for v in VOWELS:
                if v != w[i]:
                    out.append(("vowel", w[:i] + v + w[i + 1:]))
    for a, b in SOUNDS:
        for m in re.finditer(a, w):
            if m.start() >= 1:
                out.append(("sound", w[:m.start()] + b + w[m.end():]))
    return [(k, t) for k, t in out if t != w]


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("make", "score"):
        sys.exit(__doc__)
    mode, args = args[0], args[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    seed = 17
    if args[:1] == ["--seed"]:
        seed, args = int(args[1]), args[2:]
    exe = args[0] if args else os.path.join(top, "build", "cramplab")
    path = os.path.join(top, "bench", "typos", "typos%d.tsv" % seed)
    if mode == "make":
        sets = read_sets()
        got = many(exe, [q for q, _ in sets])
        rows = []
        for (q, keys), res in zip(sets, got):
            if not res or res[0] not in keys.split(","):
                continue
            kind, tq = mistype(seed, q, slips, PARTICLES)
            if tq is not None:
                rows.append((tq, keys, q, kind))
        with open(path, "w", encoding="utf-8") as f:
            f.write("# typo query<TAB>acceptable NDBs<TAB>query typed right<TAB>kind of slip:"
                    " made by bench/typos/make_typos.py make --seed %d from the development"
                    " queries whose top-1 was right\n" % seed)
            for r in rows:
                f.write("\t".join(r) + "\n")
        print("%d typo queries -> %s" % (len(rows), path))
        return
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                rows.append(line.rstrip("\n").split("\t"))
    got = many(exe, [r[0] for r in rows])
    tally = Tally()
    for (tq, keys, q, kind), res in zip(rows, got):
        ok = keys.split(",")
        a = bool(res) and res[0] in ok
        b = any(x in ok for x in res)
        tally.add(kind, a, b)
        if verbose and not a:
            print("  miss%s %-8s %-34s (%s)" % ("(top5)" if b else "      ", kind, tq, q))
    tally.report("typos (seed %d)" % seed)

if __name__ == "__main__":
    main()

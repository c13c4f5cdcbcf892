#!/usr/bin/env python3
"""The SR name heads that hold several varieties, for data/search_usual.tsv.

A bare or half-specified food word ("bread", "cheese", "ground beef") reaches
an SR head with many varieties ("Bread, ...": 60 foods), and which one a person
means is usage knowledge the names lack.  This script enumerates those heads
from the imported database with SQL so the usual-variety table can be written
systematically, head by head, instead of one search miss at a time:

  python3 scripts/usual_heads.py [--db build/foods.db] [--min N] [--top N]
      lists each head (the first comma segment of the folded name, and the
      first two when the first is shared by many foods, "fish salmon") with
      the number of generic foods it covers, how everyday it is (foods with a
      household measure and the sum of their measures: SR gives staples
      many), the variety words of the next segment with their counts, and
      which usual/common rows already cover it ("-" = none: a head to decide).
  python3 scripts/usual_heads.py --summary
      how many of the 50, 100, 200 most everyday heads (and of all) a usual
      row covers, a common_foods.tsv row only, or nothing.
  python3 scripts/usual_heads.py --check [--usual FILE]
      checks every row of data/search_usual.tsv (or FILE): its prefix must match at
      least one food (a typo matches nothing and silently does nothing) and
      must not repeat or fall inside another row's prefix; exits 1 otherwise.

Generic foods only: baby foods (03), fast foods (21), meals (22), ethnic
foods (35), restaurant foods (36) and names with an ALL-CAPS brand are left
out, as the search ranks them last anyway.  Prefix matching is the importer's
(src/lib/search_index.c is_common): the folded name starts with the prefix
at a word boundary.
"""
import os, re, sqlite3, sys
from collections import Counter, defaultdict

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fold(s):
    """Lower case, punctuation as single spaces: the importer's folded name."""
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", s.lower()).split())


def rows(path):
    out = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        out.append((n, f[0], f[1] if len(f) > 1 else ""))
    return out


def matches(prefix, folded):
    return folded == prefix or folded.startswith(prefix + " ")


def generic_foods(db):
    q = ("SELECT f.ndb, f.name, f.folded, f.group_code, "
         "(SELECT count(*) FROM measure m WHERE m.food_id = f.id) FROM food f")
    out = []
    for ndb, name, folded, group, nmeas in db.execute(q):
        if (group or "")[:2] in ("03", "21", "22", "35", "36"):
            continue
        if re.search(r"\b[A-Z][A-Z]{2,}\b", name):  # a brand word (KRAFT, MCDONALD'S)
            continue
        segs = [fold(s) for s in name.split(",")]
        segs = [s for s in segs if s]
        out.append((ndb, name, folded, segs, nmeas))
    return out


def heads(foods, min_foods):
    by1 = defaultdict(list)
    for f in foods:
        by1[f[3][0]].append(f)
    out = []
    for h, fs in by1.items():
        # a first segment shared by many foods is a category ("fish",
        # "beverages", "beef"): its heads are the first two segments
        if len(fs) >= 25:
            by2 = defaultdict(list)
            for f in fs:
                by2[" ".join(f[3][:2])].append(f)
            for h2, fs2 in by2.items():
                if len(fs2) >= min_foods:
                    out.append((h2, fs2, 2))
        if len(fs) >= min_foods:
            out.append((h, fs, 1))
    return out


def main():
    args = sys.argv[1:]
    dbpath = os.path.join(TOP, "build", "foods.db")
    min_foods, top, check, summary = 3, 400, False, False
    usual_path = os.path.join(TOP, "data", "search_usual.tsv")
    while args:
        a = args.pop(0)
        if a == "--db":
            dbpath = args.pop(0)
        elif a == "--min":
            min_foods = int(args.pop(0))
        elif a == "--top":
            top = int(args.pop(0))
        elif a == "--check":
            check = True
        elif a == "--usual":
            usual_path = args.pop(0)
        elif a == "--summary":
            summary = True
        else:
            sys.exit("usage: usual_heads.py [--db FILE] [--min N] [--top N] [--usual FILE] [--check | --summary]")
    if not os.path.exists(dbpath):
        sys.exit("usual_heads: no database %s (make build/foods.db)" % dbpath)
    db = sqlite3.connect(dbpath)
    foods = generic_foods(db)
    allfolded = [r[0] for r in db.execute("SELECT folded FROM food")]
    usual = rows(usual_path)
    common = rows(os.path.join(TOP, "data", "common_foods.tsv"))

    if check:
        bad = 0
        seen = {}
        for n, p, reason in usual:
            if p != fold(p):
                print("line %d: '%s' is not folded (lower case, punctuation as spaces)" % (n, p))
                bad += 1
            if not reason.strip():
                print("line %d: '%s' has no reason" % (n, p))
                bad += 1
            if not any(matches(p, f) for f in allfolded):
                print("line %d: '%s' matches no food" % (n, p))
                bad += 1
            for q, m in seen.items():
                if matches(q, p) or matches(p, q):
                    print("line %d: '%s' overlaps line %d '%s'" % (n, p, m, q))
                    bad += 1
            seen[p] = n
        print("%d rows, %d problems" % (len(usual), bad))
        sys.exit(1 if bad else 0)

    hs = heads(foods, min_foods)
    # everyday first: foods with household measures (SR measures staples in
    # cups, slices, pieces), then size
    hs.sort(key=lambda h: (-sum(1 for f in h[1] if f[4] > 1), -len(h[1]), h[0]))
    if summary:
        for n in (50, 100, 200, len(hs)):
            got = Counter()
            for h, fs, depth in hs[:n]:
                by_usual = any(matches(p, f[2]) for _, p, _ in usual for f in fs)
                by_common = any(matches(p, f[2]) for _, p, _ in common for f in fs)
                got["usual" if by_usual else "common only" if by_common else "none"] += 1
            print("top %4d heads: %3d usual, %3d common only, %3d none" % (
                n, got["usual"], got["common only"], got["none"]))
        return
    print("# head\tfoods\tmeasured\tcovered_by\tvarieties (next segment: count)")
    for h, fs, depth in hs[:top]:
        cover = sorted({p for _, p, _ in usual + common
                        if any(matches(p, f[2]) for f in fs)})
        var = Counter(f[3][depth] if len(f[3]) > depth else "(none)" for f in fs)
        print("%s\t%d\t%d\t%s\t%s" % (
            h, len(fs), sum(1 for f in fs if f[4] > 1), "; ".join(cover) or "-",
            ", ".join("%s:%d" % kv for kv in var.most_common(8))))


if __name__ == "__main__":
    main()

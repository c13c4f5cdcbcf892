#!/usr/bin/env python3
"""Build the held-out set 10 TSVs from hand-written keys (search_keys.txt,
parse_keys.txt), checked against SR24 by bench/setkit.py, which says what the
key files hold and what is checked.  Run in this directory.

The near-duplicate check is done here rather than by setkit: it names the file
each near match comes from, and for the sets this session may not read (8, 9)
it gives only the file, never the old query or line, so the writer rewords or
drops the new one without seeing the old.
Usage: python3 make_sets.py [path/to/foods.db]
"""
import difflib, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import setkit

UNREAD = ("heldout8", "heldout9")  # sets the writer of set 10 may not see
NEAR = 0.84                         # difflib ratio read as a near duplicate, as setkit


def older_texts():
    """(text, source file) of every query and line of the other sets and tests."""
    main = setkit.MAIN
    for f in sorted(glob.glob(main + "/bench/*.tsv")):
        if "heldout10" in f:
            continue
        for l in open(f, encoding="utf-8"):
            if not l.startswith("#") and l.strip():
                yield l.split("\t")[0].strip().lower(), os.path.basename(f)
    for f in sorted(glob.glob(main + "/tests/data/*.test")):
        for m in re.finditer(r"(?:food search|parse) '([^']*)'", open(f, encoding="utf-8").read()):
            yield m.group(1).strip().lower(), os.path.basename(f)
    for l in open(main + "/tests/data/parse_cases.txt", encoding="utf-8"):
        if not l.startswith("#"):
            yield l.split("|")[0].strip().lower(), "parse_cases.txt"


def near_duplicates():
    """Writes near_dups.txt: each new query or line close to an older one."""
    new = []
    for fname, sep in (("search_keys.txt", "|"), ("parse_keys.txt", "|")):
        for l in open(os.path.join(HERE, fname), encoding="utf-8"):
            if l.strip() and not l.startswith("#"):
                new.append(l.split(sep, 1)[0])
    old = list(older_texts())
    out = []
    for q in new:
        for text, src in old:
            if difflib.SequenceMatcher(None, q.lower(), text).ratio() >= NEAR:
                shown = "(not shown)" if any(u in src for u in UNREAD) else repr(text)
                out.append("%r ~ %s %s" % (q, src, shown))
    open(os.path.join(HERE, "near_dups.txt"), "w", encoding="utf-8").write("\n".join(out) + "\n")
    return len(out)


overlap = set()  # it shares no query or line with any other set or test

out = ["# Held-out search queries, set 10: written 2026-11-27 (05:01-05:35 UTC) by a helper",
       "# session (heldout10), never shown to the search tuner and never run through cramplab.",
       "# Format as bench/search_heldout7.tsv: query<TAB>acceptable NDBs.  Keys chosen by hand",
       "# from SR24 food names (SQL LIKE look-ups over build/foods.db, reproducible with",
       "# make_sets.py + search_keys.txt).  Mix: fruit/veg/legumes/nuts for a runner and an",
       "# older adult with night cramps, a vegan, a parent; drinks, dairy, meat/fish, grains,",
       "# snacks, dishes, condiments and spices; typos ~10%, word order, UK/Australian words",
       "# (see bench/heldout10/README.md).  Every key reviewed a second time by the writer",
       "# (bench/heldout10/REVIEW.md); no key was ever scored."]
pout = ["# Held-out diary lines, set 10: written 2026-11-27 (05:01-05:35 UTC) by a helper",
        "# session (heldout10), never used to tune the parser and never run through cramplab.",
        "# Format as bench/parse_heldout7.tsv: line<TAB>acceptable NDBs<TAB>grams spec (N = grams;",
        "# m:NDB:measure:qty = qty x that SR measure of that food).  Vague amounts follow",
        "# docs/diary.md: glass/mug/bowl = 1 cup, handful = 1 oz (28.35 g), bare count =",
        "# medium (eggs large); ml / fl oz are US customary (1 cup = 236.59 ml, 1 fl oz =",
        "# 29.574 ml) weighed through the food's own cup or fl oz measure.  Every NDB and",
        "# measure was checked with SQL (make_sets.py + parse_keys.txt); where acceptable",
        "# foods differ, only those whose measure gives the same grams (within 1%) are listed.",
        "# Every key reviewed a second time by the writer (bench/heldout10/REVIEW.md); no",
        "# line was ever scored."]

status = setkit.build("heldout10", setkit.split_pipe_tokens, out, pout, overlap,
                      setkit.pipe_fields, near_dups=False, here=HERE,
                      tsv_dir=os.path.dirname(HERE))
print("near-duplicates to read (near_dups.txt): %d" % near_duplicates())
sys.exit(status)

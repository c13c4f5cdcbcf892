#!/usr/bin/env python3
"""Which held-out queries and diary lines are really new to the program.

The held-out sets were meant to share nothing with each other or with the tests,
but setkit's duplicate check was not always run to a clean exit, so many
queries recur from set to set (found in session 21: 174 of set 19's 318
queries are exact copies of queries in older sets or tests).  A query that is
also in a development set or a test has been tuned on, so a score over it says
less about queries nobody has seen.  This module tells them apart.

The pool of seen text is the first column of every bench/*.tsv except the
unseen sets' (UNSEEN, below: never tuned on, so a query they share is still
unseen) and except the set being measured, plus every query and line of
tests/data/*.test and tests/data/parse_cases.txt.  Matching is exact after
case folding and trimming, as setkit's check is.

As a filter (search_accuracy.sh's NEW=1, parse_heldout.py's --new):
  python3 bench/novel.py SET < rows > new-rows
reads "text<TAB>..." rows and writes only those whose text is not in the pool,
and prints to stderr how many it dropped (a count, never the text).
"""
import glob, os, re, sys

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# The sets nobody tunes on; update when a set is made development data
# (search_accuracy.sh's header keeps the history).
UNSEEN = ("heldout9", "heldout10", "heldout20")


def set_of(path):
    """'heldout19' for bench/search_heldout19.tsv or bench/parse_heldout19.tsv."""
    m = re.match(r"(?:search|parse)_(.+)\.tsv$", os.path.basename(path))
    return m.group(1) if m else None


def seen_pool(measured):
    pool = set()
    for f in glob.glob(os.path.join(TOP, "bench", "*.tsv")):
        name = set_of(f)
        if name in UNSEEN or name == measured:
            continue
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    pool.add(line.split("\t")[0].strip().lower())
    for f in glob.glob(os.path.join(TOP, "tests", "data", "*.test")):
        with open(f, encoding="utf-8") as fh:
            for m in re.finditer(r"(?:food search|parse) '([^']*)'", fh.read()):
                pool.add(m.group(1).strip().lower())
    with open(os.path.join(TOP, "tests", "data", "parse_cases.txt"), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                pool.add(line.split("|")[0].strip().lower())
    return pool


def is_new(text, pool):
    return text.strip().lower() not in pool


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python3 bench/novel.py SET < rows (SET as heldout9)\n")
        return 2
    measured = argv[1]
    pool = seen_pool(measured)
    kept = dropped = 0
    for row in sys.stdin:
        if not row.strip() or row.startswith("#"):
            continue
        if is_new(row.split("\t")[0], pool):
            sys.stdout.write(row)
            kept += 1
        else:
            dropped += 1
    sys.stderr.write("novel: %s: %d of %d rows also in development sets or tests, left out\n"
                     % (measured, dropped, kept + dropped))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

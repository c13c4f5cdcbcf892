#!/usr/bin/env python3
"""Build held-out set 14 from the hand-written keys in this directory
(search_keys.txt, parse_keys.txt) with the shared checker bench/setkit.py
(its docstring says what the key files hold and what it checks).  The two
TSVs go to bench/ (search_heldout14.tsv, parse_heldout14.tsv), review.txt
and near_dups.txt stay here.  Run from anywhere; exit 0 = every key resolved.
Usage: python3 make_sets.py [path/to/foods.db]
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import setkit

overlap = set()  # no query or line is shared with an older set or a test

search_header = [
    "# Held-out search queries, set 14.  Written 2026-11-27 (17:27-18:10 UTC) by a helper",
    "# session (heldout14) that never ran cramplab and never saw the search tuning data;",
    "# no query was ever scored.  Format as the older sets: query<TAB>acceptable NDBs.",
    "# Keys: what a dietitian would accept, picked by hand from SR24 names in",
    "# build/foods.db (search_keys.txt, rebuilt by bench/heldout14/make_sets.py).",
    "# Mix: fruit, vegetables, legumes, nuts and seeds, dairy and eggs, meat and fish,",
    "# grains and cereals, drinks, snacks and sweets, oils, condiments, spices, soups and",
    "# dishes; US/UK/Australian words, word order, ~10% typos (bench/heldout14/README.md).",
    "# Keys reviewed a second time by the writer (REVIEW.md) and by a second reviewer (REVIEW2.md)."]
parse_header = [
    "# Held-out diary lines, set 14.  Written 2026-11-27 (17:27-18:10 UTC) by a helper",
    "# session (heldout14) that never ran cramplab; no line was ever scored.  Format as",
    "# the older sets: line<TAB>acceptable NDBs<TAB>grams (a number of grams, or",
    "# m:NDB:measure-prefix:qty = qty x that SR household measure of that food).",
    "# docs/diary.md conventions: glass, mug, bowl = 1 cup; handful = 1 oz; a fruit",
    "# with no size = medium; ml, fl oz, pint are US customary, weighed through the",
    "# food's own cup or fl oz measure; water 1 g/ml.  A key lists only foods whose",
    "# measure gives the line's grams within 1% (checked by bench/setkit.py).",
    "# Keys reviewed a second time by the writer (REVIEW.md) and by a second reviewer (REVIEW2.md)."]

sys.exit(setkit.build("heldout14", setkit.split_pipe_tokens, search_header, parse_header,
                      overlap, setkit.pipe_fields, here=HERE, tsv_dir=BENCH))

#!/usr/bin/env python3
"""Build the development set 4 TSVs (search_dev4.tsv, parse_dev4.tsv) from hand-written keys, checked against SR24.
Keys in search_keys.txt and parse_keys.txt, checked against SR24 by
bench/setkit.py, which says what the key files hold and what is checked.
Usage: python3 make_sets.py [path/to/foods.db]
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import setkit

out = ["# Development search queries, set 4 (dev4): written 2026-11-26 by the acc4 helper",
       "# before running cramplab on them; scored once (first figure in docs/performance.md),",
       "# then used to find classes of fault, so development data.  query<TAB>acceptable NDBs,",
       "# keys from SR24 names by SQL (bench/dev4/make_sets.py + search_keys.txt)."]
pout = ["# Development diary lines, set 4 (dev4): written 2026-11-26 by the acc4 helper before",
        "# running cramplab on them; scored once, then development data.  line<TAB>NDBs<TAB>grams",
        "# spec (bench/parse_heldout.py syntax); conventions as bench/heldout3/README.md",
        "# (glass/mug/bowl = 1 cup, handful = 1 oz, ml via the food's own cup measure)."]

sys.exit(setkit.build("dev4", setkit.split_tokens, out, pout, duplicates="note", near_dups=False, here=HERE,
                       tsv_dir=os.path.dirname(HERE)))

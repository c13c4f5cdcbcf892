#!/usr/bin/env python3
"""Build the development set dev21 TSVs (session 21, 2026-11-28) from hand-written keys (search_keys.txt,
parse_keys.txt), checked against SR24 by bench/setkit.py, which says what the
key files hold and what is checked.  Run in this directory.
Usage: python3 make_sets.py [path/to/foods.db]
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import setkit

overlap = set()  # it shares no query or line with any other set or test

out = ["# Development search queries, set dev21: written 2026-11-28 (13:14-13:40 UTC) by a helper",
       "# session (write21, session 21), never shown to the search tuner and never run through cramplab.",
       "# Format as bench/search_heldout7.tsv: query<TAB>acceptable NDBs.  Keys chosen by hand",
       "# from SR24 food names (SQL LIKE look-ups over build/foods.db, reproducible with",
       "# make_sets.py + search_keys.txt).  Mix: fruit/veg/legumes/nuts for a runner, an older",
       "# adult with night cramps, a vegan and a parent; drinks, dairy, meat/fish, grains,",
       "# snacks, dishes, condiments and spices; typos ~10%, word order, UK/US/Australian",
       "# words (see dev21/README.md).  Reviewed by the writer (REVIEW.md); no key was",
       "# ever scored by its writer."]
pout = ["# Development diary lines, set dev21: written 2026-11-28 (13:14-13:40 UTC) by a helper",
        "# session (write21, session 21), never used to tune the parser and never run through cramplab.",
        "# Format as bench/parse_heldout7.tsv: line<TAB>acceptable NDBs<TAB>grams spec (N =",
        "# grams; m:NDB:measure:qty = qty x that SR measure of that food).  Vague amounts",
        "# follow docs/diary.md: glass/mug/bowl = 1 cup, handful = 1 oz (28.35 g), bare count",
        "# = medium (eggs large); ml / fl oz are US customary (1 cup = 236.59 ml, 1 fl oz =",
        "# 29.574 ml) weighed through the food's own cup or fl oz measure.  Every NDB and",
        "# measure was checked with SQL (make_sets.py + parse_keys.txt); where acceptable",
        "# foods differ, only those whose measure gives the same grams (within 1%) are listed.",
        "# Reviewed by the writer (REVIEW.md); no line was",
        "# ever scored by its writer."]

sys.exit(setkit.build("dev21", setkit.split_pipe_tokens, out, pout, overlap,
                      setkit.pipe_fields, here=HERE,
                      tsv_dir=os.path.dirname(HERE)))

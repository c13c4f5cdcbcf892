#!/usr/bin/env python3
"""parse_keys.src -> parse_keys.txt: evaluates a quantity written '=expr'
(ml / 236.5882 for cups, ml / 29.5735 for fl oz) to 4 decimals."""
import re
out = []
for l in open("parse_keys.src", encoding="utf-8"):
    out.append(re.sub(r":=([0-9./+* -]+)$", lambda m: ":%.4f" % eval(m.group(1)), l.rstrip("\n")))
open("parse_keys.txt", "w", encoding="utf-8").write("\n".join(out) + "\n")

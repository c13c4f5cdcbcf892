"""Shared builder of the held-out sets' TSVs (sets 3 to 6 and dev4: bench/heldout3/
to bench/heldout6/, bench/dev4/), from hand-written keys checked against SR24.

search_keys.txt: `query|tokens`; a 5-digit token is an NDB, `-NDB` removes one,
anything else is an SQL LIKE pattern on food.name (case-insensitive ASCII);
the key is the union.  parse_keys.txt: `line|ndb tokens|grams spec`, spec as
bench/parse_heldout.py reads it (N grams, or m:NDB:measure-prefix:qty).
Every NDB must exist; every m: spec must resolve to an SR measure (first one
in seq order whose name starts with the prefix, as the scorer does), and its
grams are checked against the same measure of every other acceptable NDB
(a mismatch > 1% is reported so the key can be narrowed).  Queries and lines
are checked against the existing test/bench sets for exact duplicates (those
listed in `overlap` excepted) and near ones (written to near_dups.txt).
Each set's make_sets.py gives its name, headers and key-token reader, and
runs in its own directory, where it writes search_<set>.tsv, parse_<set>.tsv,
review.txt and near_dups.txt.
"""
import difflib, glob, os, re, sqlite3, sys

MAIN = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def split_tokens(s):
    """A key's tokens (sets 3, 4, dev4): NDBs and space-separated LIKE patterns."""
    # NDB tokens are bare 5 digits; a LIKE pattern runs until the next '%'-ended word
    out, cur = [], []
    for w in s.split():
        if not cur and re.fullmatch(r"-?\d{5}", w):
            out.append(w)
            continue
        cur.append(w)
        if w.endswith("%"):
            out.append(" ".join(cur)); cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def split_pipe_tokens(s):
    """A key's tokens (sets 5, 6): separated by '|', each a run of 5-digit NDBs
    (space separated, '-' = exclude) or one LIKE pattern."""
    out = []
    for part in s.split("|"):
        part = part.strip()
        if not part:
            continue
        if re.fullmatch(r"-?\d{5}(\s+-?\d{5})*", part):
            out.extend(part.split())
        else:
            out.append(part)
    return out


def pipe_fields(l):
    """A parse key line of sets 5 and 6: `line|tokens|spec`, where the tokens
    hold '|' too (split_pipe_tokens)."""
    line, rest = l.split("|", 1)
    toks, spec = rest.rsplit("|", 1)
    return line, toks, spec


def build(setname, split_tokens, search_header, parse_header, overlap=frozenset(),
          parse_fields=lambda l: l.split("|"), duplicates="error", near_dups=True,
          here=".", tsv_dir="."):
    """Writes the set's files; returns the exit status (1 when a key is wrong).
    duplicates="note" only mentions a query or line that is also elsewhere
    now (sets 3 and dev4, whose misses became tests once scored); near_dups
    writes the fuzzy matches to read; keys and review.txt are in here, the
    TSVs go to tsv_dir."""
    db_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(MAIN, "build", "foods.db")
    db = sqlite3.connect(db_path)
    name = dict(db.execute("SELECT ndb, name FROM food"))
    errors = []

    def resolve(tokens):
        inc, exc = set(), set()
        for t in tokens:
            if re.fullmatch(r"\d{5}", t):
                if t not in name:
                    errors.append("no NDB %s" % t)
                inc.add(t)
            elif re.fullmatch(r"-\d{5}", t):
                exc.add(t[1:])
            else:
                rows = [r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,))]
                if not rows:
                    errors.append("pattern matches nothing: %r" % t)
                inc.update(rows)
        return sorted(inc - exc)

    seen = set()
    for f in glob.glob(MAIN + "/bench/*.tsv"):
        # the set itself, once copied into bench/: match the file's name, not
        # its path (a worktree named after the set, /work/wt/heldout20/, held
        # the name in every path and so skipped every set until session 21)
        if re.fullmatch(r"(search|parse)_%s\.tsv" % re.escape(setname), os.path.basename(f)):
            continue
        for l in open(f, encoding="utf-8"):
            if not l.startswith("#") and l.strip():
                seen.add(l.split("\t")[0].strip().lower())
    for f in glob.glob(MAIN + "/tests/data/*.test"):
        t = open(f, encoding="utf-8").read()
        for m in re.finditer(r"(?:food search|parse) '([^']*)'", t):
            seen.add(m.group(1).strip().lower())
    for l in open(MAIN + "/tests/data/parse_cases.txt", encoding="utf-8"):
        if not l.startswith("#"):
            seen.add(l.split("|")[0].strip().lower())

    near = []

    def fuzzy(q):
        for s2 in seen:
            if difflib.SequenceMatcher(None, q.lower(), s2).ratio() >= 0.84:
                near.append("%r ~ %r" % (q, s2))

    def measures(ndb):
        return db.execute("SELECT m.amount, m.name, m.grams FROM measure m JOIN food f"
                          " ON f.id = m.food_id WHERE f.ndb = ? ORDER BY seq", (ndb,)).fetchall()

    def measure_grams(ndb, prefix, qty, alias=False):
        prefixes = [prefix.lower()]
        if alias:  # other spellings of the same unit, for the cross-check only
            prefixes += {"tbsp": ["tablespoon"], "tablespoon": ["tbsp"], "tsp": ["teaspoon"]}.get(prefix.lower(), [])
            if ", " in prefix:  # SR spells some sized measures without the comma ("ear medium")
                prefixes.append(prefix.lower().replace(", ", " "))
        for p in prefixes:
            for a, n, g in measures(ndb):
                if n.lower().startswith(p):
                    return float(qty) * g / a, n
        return None, None

    review = []
    def check_new(text, kind, taken):
        """A query or line must be new: not in another set or test (an exact
        duplicate is an error only while the set is being written: once
        scored, its misses may become test cases) and not twice here."""
        if text.lower() in seen and text not in overlap:
            if duplicates == "note":
                print("note: also in the tests now: %r" % text)
            else:
                errors.append("duplicate of an existing %s: %r" % (kind, text))
        if near_dups:
            fuzzy(text)
        if text.lower() in taken:
            errors.append("repeated %s %r" % (kind, text))
        taken.add(text.lower())

    out = list(search_header)
    queries = set()
    for l in open(os.path.join(here, "search_keys.txt"), encoding="utf-8"):
        l = l.rstrip("\n")
        if not l.strip() or l.startswith("#"):
            continue
        q, toks = l.split("|", 1)
        check_new(q, "query", queries)
        ndbs = resolve(split_tokens(toks))
        out.append("%s\t%s" % (q, ",".join(ndbs)))
        review.append("## %s\n" % q + "".join("   %s %s\n" % (n, name.get(n, "?")) for n in ndbs))
    open(os.path.join(tsv_dir, "search_%s.tsv" % setname), "w", encoding="utf-8").write("\n".join(out) + "\n")

    pout = list(parse_header)
    lines = set()
    for l in open(os.path.join(here, "parse_keys.txt"), encoding="utf-8"):
        l = l.rstrip("\n")
        if not l.strip() or l.startswith("#"):
            continue
        line, toks, spec = parse_fields(l)
        check_new(line, "line", lines)
        ndbs = resolve(split_tokens(toks))
        if spec.startswith("m:"):
            _, ndb, prefix, qty = spec.split(":")
            g, mname = measure_grams(ndb, prefix, qty)
            if g is None:
                errors.append("%r: no measure %r for %s" % (line, prefix, ndb))
                continue
            if ndb not in ndbs:
                errors.append("%r: spec NDB %s not in key" % (line, ndb))
            info = "%.1f g (%s x %s)" % (g, qty, mname)
            for n in ndbs:
                g2, m2 = measure_grams(n, prefix, qty, True)
                if g2 is None or abs(g2 - g) > 0.01 * g:
                    errors.append("%r: %s gives %s (%s)" % (line, n, g2 and round(g2, 1), m2))
        else:
            info = "%s g" % spec
            float(spec)
        pout.append("%s\t%s\t%s" % (line, ",".join(ndbs), spec))
        review.append("## %s  -> %s\n" % (line, info) + "".join("   %s %s\n" % (n, name.get(n, "?")) for n in ndbs))
    open(os.path.join(tsv_dir, "parse_%s.tsv" % setname), "w", encoding="utf-8").write("\n".join(pout) + "\n")
    open(os.path.join(here, "review.txt"), "w", encoding="utf-8").write("".join(review))
    if near_dups:
        open(os.path.join(here, "near_dups.txt"), "w", encoding="utf-8").write("\n".join(near) + "\n")
    print("search queries: %d, diary lines: %d, fuzzy near-duplicates to read: %d"
          % (len(queries), len(lines), len(near)))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0

"""What the two typo benches share: a slip put into one word of a query,
the searches, and the report by kind of slip.

bench/typos/make_typos.py scores mistyped development queries against their
keys; bench/typo_consistency.py asks whether a mistyped query finds what the
query typed right finds.  Each keeps its own list of slips (its figures were
recorded with it), and both pick the slip the same way here: one word of
four letters or more, letters only, not a particle, drawn by a generator
seeded with the seed and the query, the kind of slip first and then the
place, so every run makes the same typos.
"""
import concurrent.futures, json, random, subprocess


def mistype(seed, query, slips, particles):
    """(kind, typo query), or (None, None) when no word can take a slip.
    slips(word) gives every (kind, typo) of the word in a fixed order."""
    rng = random.Random("%d:%s" % (seed, query))
    words = query.split(" ")
    cands = [i for i, w in enumerate(words)
             if len(w) >= 4 and w.isalpha() and w.lower() not in particles]
    if not cands:
        return None, None
    i = rng.choice(cands)
    opts = slips(words[i])
    kind = rng.choice(sorted({k for k, _ in opts}))
    words[i] = rng.choice([t for k, t in opts if k == kind])
    return kind, " ".join(words)


def search(exe, q):
    """The NDBs of the first five results (none when the search fails)."""
    r = subprocess.run([exe, "food", "search", q, "--limit", "5", "--json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return []
    return [x["ndb"] for x in json.loads(r.stdout)["results"]]


def many(exe, qs):
    """search() of every query, two processes at a time, in order."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda q: search(exe, q), qs))


class Tally:
    """Top-1 and top-5 counts, in all and by kind of slip."""

    def __init__(self):
        self.n = self.t1 = self.t5 = 0
        self.by = {}

    def add(self, kind, top1, top5):
        self.n += 1
        self.t1 += top1
        self.t5 += top5
        k = self.by.setdefault(kind, [0, 0, 0])
        k[0] += 1
        k[1] += top1
        k[2] += top5

    def report(self, title):
        print("%s: %d queries  top-1 %.1f%% (%d)  top-5 %.1f%% (%d)"
              % (title, self.n, 100.0 * self.t1 / self.n, self.t1,
                 100.0 * self.t5 / self.n, self.t5))
        for kind in sorted(self.by):
            c, a, b = self.by[kind]
            print("  %-8s %4d  top-1 %5.1f%%  top-5 %5.1f%%"
                  % (kind, c, 100.0 * a / c, 100.0 * b / c))

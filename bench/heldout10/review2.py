#!/usr/bin/env python3
"""Second review of the search keys: for each query, the SR foods whose name
holds every content word of the query (typos and UK/Australian words read as
the SR word, plural -s dropped) but that are not in its key.  Writes
review2_candidates.txt, read by hand (REVIEW.md says what each became).
Run in this directory after make_sets.py.  Usage: python3 review2.py [foods.db]
"""
import os, re, sqlite3, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "foods.db")

# words that say nothing SR names hold (how it is served, bought or why)
SKIP = set("""a an the of in with for from and no on off own their made my to bits
fresh ripe overripe sliced chopped pieces segments peeled grated crushed shredded cubed halved
snack bakery homemade box jar tin tinned tube bottle slices halves halfs sticks sheets leaves
whole extra squirty runny thick cut cold pressed stick spears florets rashers heaps sunny side up
soft bread banana banana for hass purple red yellow green black white pink brown
bosc granny smith navel blood nashi morello zante craisins cloudy""".split())
# typos and other words for the SR word (review only; the queries keep them)
READ = {"avacado": "avocado", "cheries": "cherries", "rubarb": "rhubarb", "cumquats": "kumquats",
        "elderberrys": "elderberries", "zuchini": "zucchini", "aubergene": "eggplant",
        "aubergine": "eggplant", "brocolli": "broccoli", "cauliflour": "cauliflower",
        "asparugus": "asparagus", "fennell": "fennel", "garbonzo": "garbanzo", "pistachos": "pistachio",
        "walnut": "walnuts", "butermilk": "buttermilk", "fetta": "feta", "parmesean": "parmesan",
        "mozarella": "mozzarella", "muscles": "mussel", "anchovys": "anchovy", "tilapa": "tilapia",
        "sour dough": "sourdough", "barely": "barley", "expresso": "espresso", "gatoraid": "gatorade",
        "jellybeans": "jellybeans", "cinammon": "cinnamon", "tumeric": "turmeric",
        "terriyaki": "teriyaki", "vinager": "vinegar", "mayonaise": "mayonnaise",
        "minestroni": "minestrone", "chilli": "chili", "meatbals": "meatballs", "rockmelon": "cantaloupe",
        "capsicum": "peppers", "courgette": "zucchini", "silverbeet": "chard", "beetroot": "beets",
        "mangetout": "edible-podded", "rocket": "arugula", "spring onions": "scallions",
        "houmous": "hummus", "crisps": "chips", "rapeseed": "canola", "prawns": "shrimp",
        "mince": "ground", "wholemeal": "whole", "pitta": "pita", "lager": "beer", "soured": "sour",
        "yoghurt": "yogurt", "emmental": "swiss", "coriander": "coriander", "pak choi": "pak-choi",
        "napa": "pe-tsai", "pepitas": "pumpkin", "sweetcorn": "corn", "fingers": "sticks",
        "back bacon": "canadian", "donut": "doughnuts", "jam": "jelly", "vegemite": "yeast",
        "nutella": "hazelnut", "cous cous": "couscous", "soda water": "club soda",
        "diet coke": "low calorie cola", "coca cola": "cola", "v8": "vegetable juice",
        "lychees": "litchis", "skimmed": "nonfat", "semi": "", "full cream": "whole",
        "natural": "plain", "cavolo nero": "kale", "tuscan": ""}


def words(q):
    q = q.lower()
    for k, v in READ.items():
        if " " in k:
            q = q.replace(k, v)
    out = []
    for w in re.findall(r"[a-z0-9%&'-]+", q):
        w = READ.get(w, w)
        for part in w.split():
            if part and part not in SKIP:
                out.append(part)
    return out


def stem(w):
    for suf in ("ies", "es", "s"):
        if len(w) > 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def main():
    db = sqlite3.connect(DB)
    names = list(db.execute("SELECT ndb, name FROM food"))
    keys = {}
    for l in open(os.path.join(HERE, "..", "search_heldout10.tsv"), encoding="utf-8"):
        if l.startswith("#") or not l.strip():
            continue
        q, ndbs = l.rstrip("\n").split("\t")
        keys[q] = set(ndbs.split(","))
    out = []
    for q, key in keys.items():
        ws = [stem(w) for w in words(q)]
        if not ws:
            continue
        cands = [(n, nm) for n, nm in names if n not in key
                 and all(re.search(r"\b" + re.escape(w), nm.lower()) for w in ws)]
        if cands:
            out.append("## %s   [words: %s]\n" % (q, " ".join(ws))
                       + "".join("   %s %s\n" % c for c in sorted(cands, key=lambda c: c[1])))
    open(os.path.join(HERE, "review2_candidates.txt"), "w", encoding="utf-8").write("".join(out))
    print("queries with candidates: %d of %d" % (len(out), len(keys)))


main()

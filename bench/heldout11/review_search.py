#!/usr/bin/env python3
"""Second review of the search keys: for each query, the SR foods whose name
holds every content word of the query (typos, UK/AU words and plurals mapped
to SR's words; words that only say how fresh, plain or whole the food is
dropped) and that are not in the key.  Each is then read by hand (REVIEW.md).
Writes review_candidates.txt.  Run in this directory after make_sets.py."""
import os, re, sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(os.path.join(HERE, "..", "..", "build", "foods.db"))
names = dict(db.execute("SELECT ndb, name FROM food"))
key = {}
for l in open(os.path.join(HERE, "..", "search_heldout11.tsv"), encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    q, ndbs = l.rstrip("\n").split("\t")
    key[q] = set(ndbs.split(","))

# words that say nothing SR names (freshness, serving, packaging, quantity, sizes)
DROP = set("""fresh ripe plain no with and in of the a on only for from its their
whole shop bought natural slices slice sheets bag box jar tube tin can carton punnet
loaf block bar cup shot glass pieces piece halves half chopped sliced shredded crumbled
grated diced peeled cubed dried? soft sweets snack""".split())
# written word -> alternatives for SR's words (any one must be in the name)
MAP = {
 "tinned": ["canned"], "tin": ["canned"], "grilled": ["broiled", "roasted", "grilled"],
 "roast": ["roasted"], "roasted": ["roasted"], "baked": ["baked", "dry heat", "roasted"],
 "boiled": ["boiled", "cooked"], "steamed": ["boiled", "cooked", "steamed"],
 "stewed": ["stewed", "cooked"], "fried": ["fried"],
 "yelow": ["banana"], "banana": ["banana"], "strawberrys": ["strawberr"],
 "brocoli": ["broccoli"], "brussel": ["brussels"], "tomatos": ["tomato"], "cauliflour": ["cauliflower"],
 "courgete": ["zucchini"], "courgette": ["zucchini"], "sqaush": ["squash"], "aubergene": ["eggplant"],
 "aubergine": ["eggplant"], "asparagas": ["asparagus"], "peal": ["peel"], "jalepeno": ["jalapeno"],
 "chillies": ["pepper"], "chick": ["chickpea"], "peas": ["pea"], "lentills": ["lentil"],
 "macademia": ["macadamia"], "pistachois": ["pistachio"], "mozarella": ["mozzarella"],
 "parmasan": ["parmesan"], "ricota": ["ricotta"], "mackeral": ["mackerel"], "sardenes": ["sardine"],
 "sirlion": ["sirloin"], "quinao": ["quinoa"], "bulgar": ["bulgur"], "sour": ["sour"],
 "crossiant": ["croissant"], "tortila": ["tortilla"], "spagetti": ["spaghetti"],
 "cheerio's": ["cheerios"], "lemonaid": ["lemonade"], "cinammon": ["cinnamon"], "tumeric": ["turmeric"],
 "mayonaise": ["mayonnaise"], "barbeque": ["barbecue"], "mollases": ["molasses"], "chamomille": ["chamomile"],
 "icecream": ["ice cream"], "avacado": ["avocado"], "yoghurt": ["yogurt"], "houmous": ["hummus"],
 "capsicum": ["pepper"], "rocket": ["arugula"], "cos": ["romaine"], "spring": ["scallion"],
 "mangetout": ["edible-podded"], "sweetcorn": ["corn"], "kumara": ["sweet potato"],
 "beetroot": ["beet"], "rockmelon": ["cantaloupe"], "pawpaw": ["papaya"], "nashi": ["asian"],
 "starfruit": ["carambola"], "prawns": ["shrimp"], "mince": ["ground"], "wholemeal": ["whole-wheat", "whole-grain", "whole wheat"],
 "wholewheat": ["whole-wheat"], "pitta": ["pita"], "linseed": ["flaxseed"], "pepitas": ["pumpkin"],
 "pine": ["pine"], "kernels": ["kernel", "nut"], "skimmed": ["nonfat", "skim"], "semi": ["reduced fat", "lowfat"],
 "rapeseed": ["canola"], "crisps": ["chips"], "biscuits": ["cookie", "biscuit"], "chips": ["chip", "fried"],
 "jam": ["jam", "preserves"], "jello": ["gelatin"], "scratchings": ["pork skins"], "donut": ["doughnut"],
 "coriander": ["coriander"], "iodised": ["table"], "ketchup": ["catsup"], "fingers": ["sticks"],
 "rice bubbles": ["rice"], "weet-bix": ["weetabix"], "weetbix": ["weetabix"], "oj": ["orange juice"],
 "fizzy": ["carbonated", "soda"], "zero": ["zero"], "decaf": ["decaf"], "mint": ["herb"],
 "feijoa": ["feijoa"], "redcurrants": ["currants, red"], "blackcurrants": ["currants, european black"],
 "hazel": ["hazelnut"], "nuts": ["nut"], "sprouts": ["sprout"], "pulp": [""],
 "full": [""], "cream": ["cream", "whole"], "cows": [""], "low": ["low", "reduced", "light", "lite"],
 "fat": ["fat", "lowfat", "light"], "free": ["free", "nonfat"], "light": ["light", "low", "reduced"],
 "lite": ["light", "lite"], "percent": [""], "2%": ["2%"], "unsalted": ["without salt", "unsalted"],
 "salted": ["salt"], "dry": ["dry"], "unsweetened": ["unsweetened"], "bottled": ["bottled"],
 "drained": ["drained"], "frozen": ["frozen"], "canned": ["canned"], "cooked": ["cooked", "boiled", "roasted", "baked", "heat", "broiled", "fried", "braised", "prepared"],
 "raw": ["raw"], "smoked": ["smoked"], "bacon": ["bacon"], "rashers": [""], "streaky": [""],
 "flavour": ["flavor"], "chewy": ["soft"], "chilli": ["chili"], "con": ["con"],
 "lasagne": ["lasagna"], "mac": ["macaroni"], "sour dough": ["sourdough"],
}

def alts(w):
    w = w.lower().strip(",()")
    if w in MAP:
        return MAP[w]
    if w in DROP or re.fullmatch(r"[\d%/.-]+", w):
        return None
    stem = re.sub(r"(ies)$", "y", w)
    if stem == w:
        stem = re.sub(r"(oes|es|s)$", "", w) if len(w) > 4 else w
    return [stem]

out = []
for q, ndbs in key.items():
    groups = [a for a in (alts(w) for w in q.replace(",", " ").split()) if a is not None and a != [""]]
    cands = []
    for ndb, name in names.items():
        n = name.lower()
        if all(any(a in n for a in g) for g in groups) and ndb not in ndbs:
            cands.append("   %s %s" % (ndb, name))
    if cands:
        out.append("## %s  (key: %d foods; %d more hold every word)\n" % (q, len(ndbs), len(cands))
                   + "\n".join(cands[:40]) + ("\n   ..." if len(cands) > 40 else "") + "\n")
open(os.path.join(HERE, "review_candidates.txt"), "w", encoding="utf-8").write("".join(out))
print("%d queries with candidates" % len(out))

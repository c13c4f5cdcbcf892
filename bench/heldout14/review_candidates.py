#!/usr/bin/env python3
"""Second look at the search keys: for each query, the SR foods whose name
holds every content word of the query (typos read as meant, UK/AU words as
SR's) but which are not in its key.  Writes review_candidates.txt; the
decisions are in REVIEW.md."""
import os, re, sqlite3, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import setkit
db = sqlite3.connect(os.path.join(HERE, "../../build/foods.db"))
name = dict(db.execute("SELECT ndb, name FROM food"))
STOP = set("a an the of in with on and made from no added fresh raw plain jar tin tinned can canned bag bottle pot tub "
           "punnet block carton slices slice pieces piece cup glass shot single store bought bakery takeaway "
           "snack style deli sticks stalks ribs florets leaves chunks pulp halves".split())
# typos and everyday words read as SR spells them (the query's meaning, for this search only)
MEAN = {"strawberies": "strawberr", "mellon": "melon", "cranberrys": "cranberr", "aubergene": "eggplant",
        "aubergine": "eggplant", "celary": "celery", "saurkraut": "sauerkraut", "humus": "hummus",
        "scrambeld": "scrambled", "shreded": "shredded", "noodels": "noodle", "chamomille": "chamomile",
        "gummi": "gum", "potatoe": "potato", "brocolli": "broccoli", "cauliflour": "cauliflower",
        "avacado": "avocado", "pinapple": "pineapple", "cinammon": "cinnamon", "tumeric": "turmeric",
        "parmasan": "parmesan", "iceburg": "iceberg", "mayonaise": "mayonnaise", "worchester": "worcestershire",
        "molases": "molasses", "tortila": "tortilla", "bagle": "bagel", "sardenes": "sardine",
        "macadamea": "macadamia", "mozarella": "mozzarella", "talapia": "tilapia", "museli": "muesli",
        "spagheti": "spaghetti", "zuchini": "zucchini", "rockmelon": "cantaloupe", "capsicum": "pepper",
        "rocket": "arugula", "beetroot": "beet", "silverbeet": "chard", "prawns": "shrimp", "mince": "ground",
        "linseed": "flaxseed", "pepitas": "pumpkin", "crisps": "chips", "bicarb": "baking soda", "coke": "cola",
        "lager": "beer", "clementines": "tangerine", "craisins": "cranberr", "chips": "french fried",
        "wholemeal": "whole-wheat", "skinny": "nonfat", "double": "heavy", "soured": "sour",
        "haricot": "navy", "springwater": "water", "sultanas": "raisin", "porridge": "oats",
        "yoghurt": "yogurt", "lychee": "litchi", "jelly": "gelatin", "cous": "couscous", "donut": "doughnut",
        "choc": "chocolate", "frank": "frankfurter", "bok": "pak-choi", "spring": "scallion",
        "kiwi": "kiwifruit", "passion": "passion-fruit", "hass": "california", "pignoli": "pine"}
SKIPW = {"cous", "fruit", "choy", "onions", "dip"}
def words(q):
    out = []
    for w in re.findall(r"[a-z0-9%]+", q.lower()):
        if w in STOP or w in SKIPW or w.isdigit():
            continue
        w = MEAN.get(w, w)
        for s in ("ies", "es", "s"):
            if len(w) > 4 and w.endswith(s) and not w.endswith("ss"):
                w = w[: -len(s)] + ("y" if s == "ies" else "")
                break
        if w.endswith("y") and len(w) > 4:
            w = w[:-1]
        out.append(w)
    return out
res = []
for l in open(os.path.join(HERE, "search_keys.txt"), encoding="utf-8"):
    l = l.rstrip("\n")
    if not l.strip() or l.startswith("#"):
        continue
    q, toks = l.split("|", 1)
    inc, exc = set(), set()
    for t in setkit.split_pipe_tokens(toks):
        if re.fullmatch(r"-\d{5}", t): exc.add(t[1:])
        elif re.fullmatch(r"\d{5}", t): inc.add(t)
        else: inc.update(r[0] for r in db.execute("SELECT ndb FROM food WHERE name LIKE ?", (t,)))
    key = inc - exc
    ws = words(q)
    # a word no SR name holds (granny, ripe, punnet) says nothing SR can match: left out, and shown
    absent = [w for w in ws if not db.execute("SELECT 1 FROM food WHERE name LIKE ? LIMIT 1", ("%" + w + "%",)).fetchone()]
    ws = [w for w in ws if w not in absent]
    if not ws:
        continue
    sql = "SELECT ndb, name FROM food WHERE " + " AND ".join(["name LIKE ?"] * len(ws)) + " ORDER BY ndb"
    cands = [(n, nm) for n, nm in db.execute(sql, ["%" + w + "%" for w in ws]) if n not in key
             and not nm.lower().startswith("babyfood")]
    res.append("## %s   [%s]%s  key %d, other %d\n" % (q, " ".join(ws), (" (not in SR: %s)" % " ".join(absent)) if absent else "", len(key), len(cands)) +
               "".join("   - %s %s\n" % c for c in cands[:30]) + ("   ... %d more\n" % (len(cands) - 30) if len(cands) > 30 else ""))
open(os.path.join(HERE, "review_candidates.txt"), "w", encoding="utf-8").write("".join(res))

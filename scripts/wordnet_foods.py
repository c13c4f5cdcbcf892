#!/usr/bin/env python3
"""Writes data/search_wordnet.tsv: everyday food words from WordNet 3.0 mapped
to words USDA SR names use, a broad fallback vocabulary for food search.

Why: the hand-written synonyms (data/search_synonyms.tsv) cover only the words
someone thought of, and every round of rules written from a test set's misses
fixed that set and little else.  WordNet's noun.food file holds about 2,500
synsets of food words with their synonyms and hypernyms (courgette/zucchini,
cos/romaine, Granny Smith -> apple), written long before cramplab existed.

How (deterministic; the same inputs give the same bytes):
  - Source phrases are the lemmas of noun.food synsets (lexicographer file
    13), of at most three words and no digits, and the lowercase lemmas of
    noun.plant synsets (file 20) that hold a lemma SR uses as a whole name
    word (the plant "rocket, arugula": SR has "Arugula, raw").  Capitalised
    plant lemmas are Latin or proper names and are skipped; noun.animal is
    not used (its synsets name live animals: "dolphin" is a dolphinfish).
  - A phrase is kept only if one of its words is unknown to SR (folded and
    plural-folded as the search index does it): WordNet is a fallback for
    words the index cannot find, never a rewrite of a word SR has.
  - Its replacement is the synset's other lemmas whose words SR all has
    (single words first, as "|" alternatives; else the shortest such phrase);
    for a food synset without one, the nearest noun.food hypernym (at most
    three steps up) that has one, unless that hypernym is a class too broad to
    find a food by (food, dish, vegetable, fish, ...: GENERIC below).
  - A phrase whose senses give different replacements is ambiguous and left
    out; so is a replacement that is the phrase itself.
  - A one-word phrase also gets its regular plural.

Usage: python3 scripts/wordnet_foods.py [--wordnet DIR] [--db FOODS.DB] [-o FILE]
DIR defaults to /usr/share/wordnet (Debian package wordnet-base), FOODS.DB to
build/foods.db (only its table food(name) is read: SR's own names).
"""
import argparse
import re
import sqlite3
import sys
import unicodedata

# Hypernyms too broad to find a food by: a word mapped to them would find an
# arbitrary food of the class.  Matched against any lemma of the hypernym.
GENERIC = {
    "food", "nutrient", "foodstuff", "food product", "dish", "course", "fare",
    "produce", "green goods", "vegetable", "veggie", "veg", "fruit", "edible fruit",
    "meat", "fish", "seafood", "ingredient", "fixings", "beverage", "drink",
    "drinkable", "potable", "victuals", "comestible", "edible", "eatable",
    "foodstuff", "solid food", "nutriment", "nourishment", "sustenance",
    "aliment", "alimentation", "viand", "delicacy", "goody", "dainty", "treat",
    "plant", "root", "leaf", "herb", "greens", "green", "leafy vegetable",
    "root vegetable", "side dish", "main course", "entree", "dessert", "sweet",
    "afters", "nosh", "snack food", "bite", "meal", "repast", "mixture",
    "concoction", "preparation", "baked goods", "fare", "liquid", "food fish",
    "shellfish", "game", "variety meat", "organs", "cut", "cut of meat",
    "sauce", "condiment", "flavorer", "flavourer", "flavoring", "flavouring",
    "seasoner", "seasoning", "topping", "filling",
    "mash", "starches", "starch",
    
    
    "staff of life", 
    "confect", 
    "alcoholic beverage", "intoxicant", 
    
    
    "fruit crush", "dairy product",
    "fat", "hard drink", "strong drink", "booze", "alcohol", "mixed drink",
    "confection", "sweetmeat", "edible nut", "frozen dessert", "nutrition", "picnic",
    "chow", "grub", "eats", "diet", "lunch", "luncheon", "tiffin", "dejeuner",
    "breakfast", "dinner", "supper", "brunch", "tidbit", "titbit", "table",
    "fodder", "feed", "provender", "forage", "pasture", "pasturage", "grass", "raw meat", "sweetener", "sweetening", 
    
    "green", 
    "joint", 
    "dainties", "hors d'oeuvre", "appetizer", "appetiser", "starter",
}

# Hypernyms whose bare word finds the wrong food in SR ("cake": popcorn cakes,
# "cocktail": cocktail sauce, "wine": non-alcoholic wine, "ale": ginger ale):
# a kind of them is better left unmapped than mapped there.  Checked by
# searching each hypernym used twice or more (docs/performance.md).
POOR_CLASS = {
    "wine", "stew", "cake", "cocktail", "soup", "berry", "pastry", "sandwich",
    "salad", "ale", "tart", "spread", "paste", "portion", "serving", "meatball",
    "batter", "patty", "mush", "stuffing", "dressing", "fillet", "filet",
    "dumpling", "whiskey", "cider", "steak", "spice", "citrus", "liver", "pie",
    "java", "roaster", "punch", "broth", "malt", "pizza", "chop",
}

# Words the search reads as grammar ("tea with milk", "fish in sauce"): a
# phrase holding one is not looked up as a phrase.
GLUE = {"and", "or", "with", "in", "it", "of", "a", "the", "on"}

# Plant synsets name parts and look-alikes too: SR words that a plant synset
# reaches but that are not the food it means (the mallow "cheeses", lime for
# the linden tree, "stock" for gillyflower, "pod|cod" for a seedcase).
PLANT_STOP = {
    "cheese", "lime", "stock", "ling", "cap", "key", "rose", "hip", "bush", "box",
    "ear", "stalk", "cone", "pine", "harvest", "slip", "flower", "blossom", "gum",
    "pod", "cod", "breakstone", "grain", "poke", "head",
}

# Target words SR uses for something else: rose (SR's rose-apples and rose
# hips, not rose wine).
TARGET_STOP = {"rose"}

WORDNET_NOTICE = "WordNet 3.0 Copyright 2006 by Princeton University."


def fold(text):
    """Folds like src/lib/textfold.c: NFKD, case, accents; other chars -> space."""
    t = unicodedata.normalize("NFKD", text).casefold()
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = "".join(c if c.isalnum() else " " for c in t)
    return " ".join(t.split())


def stem(w):
    """The plural folding of cl_search_stem() (src/lib/search_index.c)."""
    n = len(w)
    if n <= 3 or not w[-1].isalpha():
        return w
    if n > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if n > 4 and w.endswith("ie"):
        return w[:-2] + "y"
    for suf in ("oes", "ches", "shes", "xes", "sses"):
        if w.endswith(suf):
            return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def plural(w):
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    return w + "s"


def read_license(wndir):
    """The licence text at the top of data.noun (lines starting with two spaces)."""
    lines = []
    with open(wndir + "/data.noun", encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                break
            m = re.match(r"\s*\d+ ?(.*)$", line.rstrip())
            lines.append(m.group(1).rstrip() if m else "")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def read_synsets(wndir):
    syn = {}
    with open(wndir + "/data.noun", encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split(" | ")[0].split()
            off, lex = head[0], int(head[1])
            nw = int(head[3], 16)
            lemmas = []
            for i in range(nw):
                lemmas.append(head[4 + 2 * i].replace("_", " "))
            p = 4 + 2 * nw
            np_ = int(head[p])
            hyper = []
            for i in range(np_):
                sym, tgt, pos = head[p + 1 + 4 * i], head[p + 2 + 4 * i], head[p + 3 + 4 * i]
                if sym in ("@", "@i") and pos == "n":
                    hyper.append(tgt)
            syn[off] = (lex, lemmas, hyper)
    return syn


def sr_words(db):
    """SR's name words (and their plural-folded forms), the words of the first
    two comma segments (what a name is about), and each name's word set."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    words, heads, names = set(), set(), []  # names: (all words, first segment's, second's noun)
    freq = {}
    # baby foods name two foods at once ("Babyfood, dessert, dutch apple")
    for (name,) in con.execute("SELECT name FROM food WHERE group_code NOT LIKE '03%'"
                               " ORDER BY id"):
        ws, first, noun2 = set(), set(), set()
        for i, seg in enumerate(name.split(",")):
            if i == 1 and fold(seg):
                noun2.update((fold(seg).split()[-1], stem(fold(seg).split()[-1])))
            for w in fold(seg).split():
                ws.update((w, stem(w)))
                if i < 2:
                    heads.update((w, stem(w)))
                if i == 0:
                    first.update((w, stem(w)))
        words |= ws
        names.append((ws, first, noun2))
        for w in ws:
            freq[w] = freq.get(w, 0) + 1
    con.close()
    return words, heads, names, freq


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--db", default="build/foods.db")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    syn = read_synsets(args.wordnet)
    known, heads, names, freq = sr_words(args.db)

    def is_known(phrase):
        return all(w in known or stem(w) in known for w in phrase.split())

    dels = set()
    for w in known:
        dels.update(w[:i] + w[i + 1:] for i in range(len(w)))

    def near_sr(w):
        """SR has w with one letter more or less ("camomile", "chamomile"),
        w of five letters or more (the search's typo budget).  Other edits
        are more often other words ("bream": bread, cream)."""
        if len(w) < 5 or is_known(w):
            return False
        return w in dels or any(w[:i] + w[i + 1:] in known for i in range(len(w)))

    def is_target(phrase, strict):
        """A word SR names a food by (strict: in a name's first two segments),
        or a phrase whose words one SR name holds together ("smoked salmon":
        "Fish, salmon, chinook, smoked"), where the name does not file the
        food under a describing word of the phrase unless the next segment
        names the phrase's noun ("dessert apple" is not "Desserts, apple
        crisp"; "egg white" is "Egg, white, raw")."""
        ws = phrase.split()
        if len(ws) == 1:
            return (ws[0] in heads or stem(ws[0]) in heads) if strict else is_known(ws[0])
        def holds(words, w):
            return w in words or stem(w) in words
        return any(all(holds(n, w) for w in ws) and
                   (holds(first, ws[-1]) or holds(noun2, ws[-1]) or
                    not any(holds(first, w) for w in ws[:-1]))
                   for n, first, noun2 in names)

    def usable(lemma):
        f = fold(lemma)
        if not f or re.search(r"\d", f) or len(f.split()) > 3 or set(f.split()) & GLUE:
            return None
        return f

    def targets(lemmas, exclude, strict):
        """The single word SR uses most ("coffee", not "java"), else the
        shortest phrase SR has.  One word, not alternatives: WordNet lists
        slang beside the usual word, and any alternative may match."""
        single, multi = [], []
        for lm in lemmas:
            f = usable(lm)
            if not f or f in exclude or f in TARGET_STOP or not is_target(f, strict):
                continue
            (single if " " not in f else multi).append(f)
        def uses(w):
            return freq.get(w, freq.get(stem(w), 0))
        if single:
            best = min(set(single), key=lambda w: (-uses(w), lemmas_order(lemmas, w), w))
            # "herbal" is short for "herbal tea": the phrase says more
            longer = [m for m in multi if best in m.split()]
            return min(longer, key=lambda p: (len(p.split()), len(p), p)) if longer else best
        if multi:
            return min(multi, key=lambda p: (len(p.split()), len(p), p))
        return None

    def lemmas_order(lemmas, w):
        for i, lm in enumerate(lemmas):
            if fold(lm) == w:
                return i
        return len(lemmas)

    def generic(lemmas):
        return any(fold(lm) in GENERIC for lm in lemmas)

    def poor(lemmas):
        return any(fold(lm) in POOR_CLASS for lm in lemmas)

    found = {}  # phrase -> set of (replacement, how)
    for off in sorted(syn):
        lex, lemmas, hyper = syn[off]
        if lex == 13:
            sources = lemmas
        elif lex == 20:
            # plants: only where a lemma is SR's own word, synonyms only
            sources = [lm for lm in lemmas if lm == lm.lower()]
            if not any(usable(lm) and " " not in usable(lm) and is_target(usable(lm), True)
                       for lm in sources):
                continue
        else:
            continue
        unknown = []
        for lm in sources:
            f = usable(lm)
            if f and not is_known(f) and (" " in f or len(f) >= 3):
                unknown.append(f)
        if not unknown:
            continue
        if generic(lemmas):
            continue
        repl = targets(sources, set(unknown) | (PLANT_STOP if lex == 20 else set()), lex == 20)
        if repl and lex == 20 and " " in repl:
            continue
        how = "synonym in WordNet"
        # A hypernym is a guess; a word one typo from an SR word is more
        # likely that word spelt another way ("camomile": chamomile), which
        # the search's typo correction finds.
        if not repl and lex == 13 and not any(near_sr(w) for f in unknown for w in f.split()):
            level = [off]
            for depth in (1, 2, 3):
                nxt = []
                for o in level:
                    for h in syn[o][2]:
                        if h in syn and syn[h][0] == 13:
                            nxt.append(h)
                cands = []
                for h in sorted(set(nxt)):
                    if generic(syn[h][1]) or poor(syn[h][1]):
                        continue
                    t = targets(syn[h][1], set(), True)
                    if t:
                        cands.append(t)
                if cands:
                    repl = sorted(set(cands))[0] if len(set(cands)) == 1 else None
                    how = "a kind of it in WordNet"
                    break
                level = [h for h in nxt if not generic(syn[h][1]) and not poor(syn[h][1])]
                if not level:
                    break
        if not repl:
            continue
        for f in unknown:
            found.setdefault(f, set()).add((repl, how, off))

    rows = []
    dropped = 0
    for phrase in sorted(found):
        reps = {r for r, _, _ in found[phrase]}
        if len(reps) != 1:
            dropped += 1
            continue
        (repl, how, off) = sorted(found[phrase])[0]
        if repl == phrase or " " in repl and repl.split() == phrase.split():
            continue
        rows.append((phrase, repl.replace(" ", " "), "%s (%s)" % (how, off)))
    have = {r[0] for r in rows}
    for phrase, repl, note in list(rows):
        if " " in phrase:
            continue
        pl = plural(phrase)
        if pl not in have and pl not in found and not is_known(pl) and stem(pl) == phrase:
            rows.append((pl, repl, "plural; " + note))
            have.add(pl)
    rows.sort()

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    w = out.write
    w("# Food words from WordNet 3.0 -> the wording of USDA SR names: a fallback\n")
    w("# vocabulary for food search, used only for a phrase with a word the SR names\n")
    w("# lack and that data/search_synonyms.tsv does not map (see src/lib/search_index.c).\n")
    w("# Made by scripts/wordnet_foods.py from WordNet 3.0's data.noun (Debian package\n")
    w("# wordnet-base) and the SR24 food names; do not edit by hand: change the script\n")
    w("# and run it again (tests/sh/wordnet_reproduce.sh checks the file matches).\n")
    w("# Format as search_synonyms.tsv: words<TAB>replacement<TAB>note; the note names\n")
    w("# the WordNet synset (its data.noun offset) the row comes from.\n")
    w("# %d rows; %d ambiguous phrases left out.\n" % (len(rows), dropped))
    w("#\n# WordNet's licence, as WordNet requires on all copies:\n#\n")
    for line in read_license(args.wordnet):
        w(("# " + line).rstrip() + "\n")
    w("#\n")
    for r in rows:
        w("\t".join(r) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

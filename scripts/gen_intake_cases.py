#!/usr/bin/env python3
"""Writes tests/data/intake_totals.test from the diaries in tests/data/diary.

Each food line of those diaries carries "# =NDB GRAMS" (the food and weight
it must read as, from the SR measures).  The expected per-day totals are
summed here with SQL straight from build/foods.db (value per 100 g x grams
/ 100), independently of cramplab; vitamin D in µg is the SR's IU / 40.  A
nutrient with no row for a food is unknown: it is left out of the sum and
the food is expected in "missing".
"""
import glob, os, re, sqlite3

KEYS = ["energy_kcal", "water_g", "magnesium_mg", "potassium_mg", "calcium_mg", "iron_mg",
        "sodium_mg", "vitamin_d_ug", "vitamin_b12_ug", "thiamin_mg", "omega3_g"]
db = sqlite3.connect(os.environ.get("CRAMPLAB_DB", "build/foods.db"))

def value(ndb, key):
    k = "vitamin_d_iu" if key == "vitamin_d_ug" else key
    r = db.execute("SELECT fn.amount FROM food_nutrient fn JOIN nutrient n ON n.id = fn.nutrient_id"
                   " JOIN food f ON f.id = fn.food_id WHERE f.ndb = ? AND n.key = ?", (ndb, k)).fetchone()
    if r is None:
        return None
    return r[0] / 40.0 if key == "vitamin_d_ug" else r[0]

out = ["# Per-day totals of the diaries in diary/, checked against sums computed",
       "# with SQL from the SR data by scripts/gen_intake_cases.py (do not edit)."]
for path in sorted(glob.glob("tests/data/diary/*.txt")):
    days = []
    for line in open(path):
        m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})\s*$", line)
        if m:
            days.append((m.group(1), []))
            continue
        m = re.search(r"#\s*=(\d{5})\s+([0-9.]+)", line)
        if m:
            days[-1][1].append((m.group(1), float(m.group(2))))
    rel = os.path.relpath(path, "tests/data")
    out.append("")
    out.append("args: intake %s --json" % rel)
    out.append("jq: (.days | length) == %d" % len(days))
    means = {k: [] for k in KEYS}
    for i, (date, foods) in enumerate(days):
        out.append('jq: .days[%d].date == "%s" and (.days[%d].entries | length) == %d'
                   % (i, date, i, len(foods)))
        for k in KEYS:
            known = [value(n, k) * g / 100.0 for n, g in foods if value(n, k) is not None]
            missing = sorted({n for n, g in foods if value(n, k) is None})
            if known:
                tot = sum(known)
                means[k].append(tot)
                out.append("jq: ((.days[%d].totals.%s - %.9g) | fabs) < 1e-6 * (1 + %.9g)"
                           % (i, k, tot, abs(tot)))
            else:
                out.append("jq: .days[%d].totals.%s == null" % (i, k))
            out.append("jq: (.days[%d].missing.%s | sort) == %s"
                       % (i, k, "[" + ", ".join('"%s"' % n for n in missing) + "]"))
    for k in KEYS:
        if means[k]:
            mv = sum(means[k]) / len(means[k])
            out.append("jq: ((.mean.%s - %.9g) | fabs) < 1e-6 * (1 + %.9g)" % (k, mv, abs(mv)))
        else:
            out.append("jq: .mean.%s == null" % k)
open("tests/data/intake_totals.test", "w").write("\n".join(out) + "\n")
print("wrote tests/data/intake_totals.test:", len(glob.glob("tests/data/diary/*.txt")), "diaries")

#!/usr/bin/env python3
"""Writes tests/data/parse.test from tests/data/parse_cases.txt.

The expected grams are computed here from the SR measure table of
build/foods.db with SQL (quantity x measure grams / measure amount, or the
exact unit conversion), independently of cramplab's parser.  Run from the
top directory with CRAMPLAB_DB set; it also prints the lines cramplab gets
wrong today.
"""
import sqlite3, sys, subprocess, json, os
CASES = ''.join(l for l in open('tests/data/parse_cases.txt') if not l.startswith('#'))
db = sqlite3.connect('build/foods.db')
def measures(ndb):
    return db.execute("select m.amount, m.name, m.grams from measure m join food f on f.id=m.food_id where f.ndb=? order by seq",(ndb,)).fetchall()
def meas(ndb, prefix, qty):
    for a,n,g in measures(ndb):
        if n.lower() == prefix.lower(): return qty*g/a
    for a,n,g in measures(ndb):
        if n.lower().startswith(prefix.lower()) and not (prefix!='extra large' and n.lower().startswith('extra')): return qty*g/a
    raise SystemExit("no measure %s %s" % (ndb, prefix))
out=[]; fails=0; spec_of={}
for row in CASES.strip().splitlines():
    line, ndbs, spec = row.split('|')
    ndbs = ndbs.split(','); spec_of[line] = spec
    r = subprocess.run(['build/cramplab','parse',line,'--json'],capture_output=True,text=True)
    got = json.loads(r.stdout) if r.returncode==0 else None
    ok = got and got['ndb'] in ndbs
    exp = None
    if spec.startswith('m:'):
        _,n,p,q = spec.split(':'); exp = meas(n,p,float(q))
    elif spec.startswith('v:'):
        _,n,p,ml = spec.split(':'); exp = meas(n,p,1)/236.5882365*float(ml)
    elif spec.startswith('='):
        # grams from the chosen food's own measure, computed here from SQL
        if got:
            qty = got['quantity']
            kind = spec[1:]
            if kind=='any': exp = got['grams'] if any(abs(qty*g/a-got['grams'])<1e-6 for a,n,g in measures(got['ndb'])) else -1
            else:
                cand=[qty*g/a for a,n,g in measures(got['ndb']) if n.lower().startswith(kind)]
                if kind=='cup': cand += [qty*8*g/a for a,n,g in measures(got['ndb']) if n.lower()=='fl oz']
                # volume units via the cup measure
                if not cand and kind=='cup': cand=[]
                exp = got['grams'] if any(abs(c-got['grams'])<1e-6 for c in cand) else (cand[0] if cand else -1)
    else:
        exp = float(spec)
    gok = got and exp is not None and abs(got['grams']-exp) < 0.01
    if not (ok and gok):
        fails+=1
        print("FAIL", line, ndbs, exp, got and (got['ndb'], got['name'][:50], got['grams'], got['measure']), r.stderr.strip()[:150])
    out.append((line, ndbs if not spec.startswith('=') else ndbs, exp, got))
print(len(out), "cases,", fails, "fail")
import shlex
with open('tests/data/parse.test','w') as f:
    f.write("""# Diary lines: the food (any NDB listed is acceptable) and the grams.
# Expected grams are computed from the SR measure table with SQL by
# scripts/gen_parse_cases.py, not by cramplab: quantity x measure grams /
# measure amount, or the exact unit conversion.  Where several foods are
# acceptable and the grams depend on the food's own measure, the grams are
# checked for the food chosen today.
""")
    for line, ndbs, exp, got in out:
        q = "'" + line.replace("'", "'\\''") + "'"
        f.write("\nargs: parse %s --json\n" % q)
        f.write('jq: .ndb | IN(%s)\n' % ", ".join('"%s"' % n for n in ndbs))
        if exp is None or exp < 0:
            continue
        cond = '(.ndb != "%s") or ' % got['ndb'] if len(ndbs) > 1 and spec_of[line].startswith('=') else ''
        f.write('jq: %s((.grams - %.6f) | fabs) < 0.01\n' % (cond, exp))

import sqlite3,sys
db=sqlite3.connect('../../build/foods.db')
for p in sys.argv[1:]:
    print("==",p)
    for ndb,name,fid in db.execute("select ndb,name,id from food where name like ? order by name limit 12",(p,)):
        ms=db.execute("select amount,name,grams from measure where food_id=? order by seq",(fid,)).fetchall()
        print(ndb,name,"::"," ; ".join("%g %s=%g"%m for m in ms))

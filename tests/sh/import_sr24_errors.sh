#!/bin/sh
# A corrupt, truncated or inconsistent jar is refused with exit 2 and a
# message naming what is wrong, and the existing database is left as it was.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

food() { # ndb name magnesium
	printf '<food uid="%s" name="%s"><measure amount="1.0" name="cup" grams="240.0"/>' "$1" "$2"
	printf '<nutrient amount="%s" name="Magnesium"/><nutrient amount="61.0" name="Energy"/></food>' "$3"
}
make_jar() { # jar-name, then files already in ./j
	(cd j && zip -qr "../$1" .)
}
mkdir -p j/usda_sr24
printf '01077|Milk, whole\n09040|Bananas, raw\n' >j/usda_sr24/foods.index
printf '03266|BABYFOOD,JUC,APPL GRAPE,W/CA\n' >j/usda_sr24/deprecated.index
food 01077 "Milk, whole" 10.0 >j/usda_sr24/01077.xml
food 09040 "Bananas, raw" 27.0 >j/usda_sr24/09040.xml
food 03266 "Babyfood, juice" 3.0 >j/usda_sr24/03266.xml
make_jar good.jar

# A small good jar imports, skipping the deprecated food; the file is 0600.
"$CRAMPLAB" import sr24 good.jar --db db/foods.db >out.txt
grep -q 'imported 2 foods' out.txt
[ "$(stat -c %a db/foods.db)" = 600 ]
"$CRAMPLAB" food show 09040 --db db/foods.db --json | jq -e '.per_100g.magnesium_mg == 27 and .per_100g.calcium_mg == null' >/dev/null
! "$CRAMPLAB" food show 03266 --db db/foods.db 2>/dev/null
sum_before=$(md5sum db/foods.db)

expect_refused() { # jar, pattern
	if "$CRAMPLAB" import sr24 "$1" --db db/foods.db >out.txt 2>err.txt; then
		echo "$1 was accepted"; exit 1
	fi
	rc=0; "$CRAMPLAB" import sr24 "$1" --db db/foods.db 2>err.txt || rc=$?
	[ "$rc" -eq 2 ] || { echo "$1: exit $rc"; cat err.txt; exit 1; }
	grep -q -- "$2" err.txt || { echo "$1: message lacks '$2':"; cat err.txt; exit 1; }
	[ ! -s out.txt ] || { echo "$1: printed on stdout"; exit 1; }
	[ "$(md5sum db/foods.db)" = "$sum_before" ] || { echo "$1 changed the database"; exit 1; }
	ls db | grep -q tmp && { echo "$1 left a temporary file"; exit 1; }
	true
}

# Truncated jar.
head -c 600 good.jar >truncated.jar
expect_refused truncated.jar "cannot read truncated.jar"
# Not a zip at all.
printf 'hello' >notzip.jar
expect_refused notzip.jar "cannot read notzip.jar"
# A damaged entry: flip bytes inside the stored data of a valid jar.
(cd j && zip -q0r ../stored.jar .)
sed "s/Bananas, raw\"/Bananas, rbw\"/" stored.jar >damaged.jar
cmp -s stored.jar damaged.jar && { echo "could not damage the jar"; exit 1; }
expect_refused damaged.jar "damaged"
# A bad number.
food 09040 "Bananas, raw" "27,0" >j/usda_sr24/09040.xml
make_jar badnum.jar
expect_refused badnum.jar "usda_sr24/09040.xml line 1: attribute amount is '27,0'"
# A negative amount.
food 09040 "Bananas, raw" "-1" >j/usda_sr24/09040.xml
make_jar negative.jar
expect_refused negative.jar "expected a non-negative number"
# Malformed XML.
printf '<food uid="09040" name="Bananas, raw"><nutrient amount="1" name="Iron">' >j/usda_sr24/09040.xml
make_jar malformed.jar
expect_refused malformed.jar "malformed XML"
# An unknown nutrient.
printf '<food uid="09040" name="Bananas, raw"><nutrient amount="1" name="Unobtainium"/></food>' >j/usda_sr24/09040.xml
make_jar unknown.jar
expect_refused unknown.jar "unknown nutrient 'Unobtainium'"
# uid that does not match its file.
food 09041 "Bananas, raw" 27.0 >j/usda_sr24/09040.xml
make_jar uid.jar
expect_refused uid.jar "does not match the file name"
# A food listed in foods.index whose file is missing.
rm j/usda_sr24/09040.xml
make_jar missing.jar
expect_refused missing.jar "food 09040 is listed in foods.index but its XML file is missing"
# A missing jar is "not found" (exit 2 too).
expect_refused nosuch.jar "No such file"
echo ok

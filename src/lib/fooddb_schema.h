/*
 * The food database schema, shared by the writer and the reader.  Food ids
 * are the NDB numbers as integers, so the FTS rowid, the food row and the
 * nutrient rows join without a lookup table.  An unknown nutrient value has
 * no row in food_nutrient: absence is how SQL says "unknown".  food_record
 * holds each food as cl_food_get() returns it, packed from the other tables
 * by the importer (foodrec.c): one row to read instead of some fifty.
 */
#ifndef CL_FOODDB_SCHEMA_H
#define CL_FOODDB_SCHEMA_H

#define CL_FOODDB_SCHEMA_VERSION "2"

#define CL_FOODDB_SCHEMA                                                                     \
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"                       \
	"CREATE TABLE food_group(code TEXT PRIMARY KEY, name TEXT NOT NULL);"                 \
	"CREATE TABLE nutrient(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"             \
	" label TEXT NOT NULL, unit TEXT NOT NULL);"                                          \
	"CREATE TABLE food(id INTEGER PRIMARY KEY, ndb TEXT NOT NULL UNIQUE,"                 \
	" name TEXT NOT NULL, group_code TEXT, folded TEXT NOT NULL);"                        \
	"CREATE TABLE food_nutrient(food_id INTEGER NOT NULL, nutrient_id INTEGER NOT NULL,"  \
	" amount REAL NOT NULL, PRIMARY KEY(food_id, nutrient_id)) WITHOUT ROWID;"            \
	"CREATE TABLE measure(food_id INTEGER NOT NULL, seq INTEGER NOT NULL,"                \
	" amount REAL NOT NULL, name TEXT NOT NULL, grams REAL NOT NULL,"                     \
	" PRIMARY KEY(food_id, seq)) WITHOUT ROWID;"                                          \
	"CREATE TABLE food_record(id INTEGER PRIMARY KEY, rec BLOB NOT NULL);"                \
	"CREATE INDEX food_nutrient_by_nutrient ON food_nutrient(nutrient_id, amount);"

#endif

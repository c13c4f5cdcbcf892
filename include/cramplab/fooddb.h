/**
 * @file cramplab/fooddb.h
 * @brief The food composition database: open it, search it, read a food.
 *
 * The database is an SQLite file built by the importers (cramplab/import.h)
 * from the USDA National Nutrient Database for Standard Reference.  Values
 * are per 100 g of edible portion.  A nutrient the source did not analyse
 * is NAN ("unknown"), never 0.  Household measures ("1 medium" = 118 g) are
 * kept as the source gives them.
 *
 * Ownership: every object returned through an out-parameter belongs to the
 * caller and is released with the matching _free function, which accepts
 * NULL.  A cl_fooddb handle may be used by one thread at a time; open one
 * per thread to search in parallel.
 */
#ifndef CRAMPLAB_FOODDB_H
#define CRAMPLAB_FOODDB_H

#include <stdbool.h>
#include <stddef.h>

#include "cramplab/common.h"
#include "cramplab/nutrient.h"

typedef struct cl_fooddb cl_fooddb;

/** A household measure: `amount` × `name` weighs `grams` ("1.0 cup, sliced" = 150 g). */
typedef struct {
	double amount;
	char *name;
	double grams;
} cl_measure;

typedef struct {
	char ndb[8];         /**< 5-digit NDB number, e.g. "09040" */
	char *name;          /**< SR long description, e.g. "Bananas, raw" */
	char group_code[5];  /**< SR food group code, e.g. "0900" ("" if unknown) */
	char *group_name;    /**< e.g. "Fruits and Fruit Juices" (NULL if unknown) */
	double per_100g[CL_NUTRIENT_COUNT]; /**< NAN where unknown */
	cl_measure *measures;
	size_t nmeasures;
} cl_food;

typedef struct {
	char ndb[8];
	char *name;
	char group_code[5];
	double score; /**< higher is better; only the order is meaningful */
	bool eaten_cooked; /**< usually eaten cooked (data/search_forms.tsv): rice, meat, ... */
} cl_food_hit;

typedef struct {
	cl_food_hit *hits;
	size_t count;
} cl_food_hits;

/** Open a database read-only.  Fails with CL_ENOTFOUND if it does not exist. */
int cl_fooddb_open(cl_fooddb **out, const char *path);
void cl_fooddb_close(cl_fooddb *db);

/** The number of foods, and a description of the source data. */
int cl_fooddb_info(const cl_fooddb *db, size_t *nfoods, const char **source);

/** Read one food by NDB number ("9040" and "09040" both work). */
int cl_food_get(cl_food **out, cl_fooddb *db, const char *ndb);
void cl_food_free(cl_food *food);

/** Search foods by the words a person would type; best first, at most limit. */
int cl_food_search(cl_food_hits *out, cl_fooddb *db, const char *query, size_t limit);
void cl_food_hits_free(cl_food_hits *hits);

/** A food the USDA data lacks that the words name as the head of their
 * food ("1 cup green tea", not "green tea ice cream": data/absent_foods.tsv):
 * *phrase is the food as that file writes it
 * (free() it) and nearest the NDB of the SR food nearest to it; *phrase is
 * NULL when the words name no such food. */
int cl_food_absent(char **phrase, char nearest[8], cl_fooddb *db, const char *text);

/** The underlying SQLite handle, for modules of this library. */
struct sqlite3 *cl_fooddb_sqlite(cl_fooddb *db);

#endif

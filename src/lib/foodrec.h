/*
 * A food as one stored record (the food_record table): what cl_food_get()
 * returns, packed by the importer from the food, food_group, food_nutrient
 * and measure rows, so that reading a food is one row instead of some fifty.
 */
#ifndef CL_FOODREC_H
#define CL_FOODREC_H

#include <sqlite3.h>
#include <stddef.h>

#include "cramplab/fooddb.h"

/*
 * Fills food (zeroed by the caller, per_100g all NAN) from a record; the
 * strings are the food's own.  CL_EDB with the error set if the record is
 * cut short or malformed (the food then holds what was read: free it).
 */
int cl_food_record_read(cl_food *food, const unsigned char *rec, size_t len);

/*
 * Writes food_record for every food of db from its rows, inside the
 * caller's transaction: run after the last food is written.
 */
int cl_food_records_write(sqlite3 *db);

#endif

/*
 * The food database writer shared by the importers.  It creates the schema
 * in a temporary file beside the final path, takes foods one at a time, and
 * on commit builds the search index (and the food pool cache, given the
 * food rules) and renames the file into place; on
 * abort the temporary file is removed.  The old database is never touched
 * until the new one is complete.
 */
#ifndef CL_FOODWRITE_H
#define CL_FOODWRITE_H

#include "cramplab/fooddb.h"
#include "cramplab/foodrules.h"

typedef struct cl_foodwriter cl_foodwriter;

int cl_foodwriter_begin(cl_foodwriter **out, const char *final_path, const char *source);
int cl_foodwriter_group(cl_foodwriter *w, const char *code, const char *name);
/* Adds a food; per_100g values that are NAN are unknown and not stored. */
int cl_foodwriter_food(cl_foodwriter *w, const cl_food *food);
/* With rules (not NULL), commit also stores the food pool cache built from
 * them (poolcache.c); rules must outlive the commit. */
void cl_foodwriter_pool_rules(cl_foodwriter *w, const cl_food_rules *rules);
/* Finishes and renames into place; w is freed whatever the outcome. */
int cl_foodwriter_commit(cl_foodwriter *w);
/* Discards everything; w is freed.  Accepts NULL. */
void cl_foodwriter_abort(cl_foodwriter *w);

#endif

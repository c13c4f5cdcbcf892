/**
 * @file cramplab/json.h
 * @brief The JSON documents of the stable machine interface.
 *
 * The command-line tool and the web server print the same documents, so
 * they are built here, once.  Each function returns a new reference (or
 * NULL when out of memory); the caller json_decref()s it.
 */
#ifndef CRAMPLAB_JSON_H
#define CRAMPLAB_JSON_H

#include <jansson.h>

#include "cramplab/fooddb.h"

/** {"ndb", "name", "group", "group_name", "per_100g": {key: value|null}, "measures": [...]} */
json_t *cl_food_to_json(const cl_food *food);

/** {"query": query, "results": [{"ndb", "name", "group"}, ...]} */
json_t *cl_food_hits_to_json(const char *query, const cl_food_hits *hits);

/** A number, or JSON null where the value is unknown (NAN). */
json_t *cl_json_number_or_null(double value);

#endif

/**
 * @file cramplab/import.h
 * @brief Build the food database from USDA Standard Reference data.
 *
 * Two sources are read: SR24 as shipped in Debian's cronometer package (a
 * jar holding one XML file per food) and the official SR ASCII release
 * (FOOD_DES, NUT_DATA, WEIGHT, NUTR_DEF, FD_GROUP: '~'-quoted,
 * '^'-separated).  Either import runs in one transaction into a new file
 * beside db_path, which is renamed over db_path only when everything has
 * been read and checked: a corrupt input, or an interrupted import, leaves
 * any existing database untouched.
 *
 * Given the food rules (data/food_rules.json), the import also stores the
 * part of every food's classification that does not depend on the person
 * (servings, identities, which diets exclude it), keyed by a hash of the
 * rules, so that lists of foods rich in a nutrient take a query rather than
 * a pass over every name.  With other rules, or NULL, they are computed
 * when asked for, with the same result.
 */
#ifndef CRAMPLAB_IMPORT_H
#define CRAMPLAB_IMPORT_H

#include <stddef.h>

#include "cramplab/common.h"
#include "cramplab/foodrules.h"

/** Called now and then with the number of foods read so far and the total. */
typedef void (*cl_progress_cb)(size_t done, size_t total, void *payload);

int cl_import_sr24(const char *jar_path, const char *db_path, const cl_food_rules *rules,
		   cl_progress_cb progress, void *payload, size_t *nfoods);

int cl_import_sr_ascii(const char *dir, const char *db_path, const cl_food_rules *rules,
		       cl_progress_cb progress, void *payload, size_t *nfoods);

#endif

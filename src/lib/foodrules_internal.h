/*
 * What the food pool cache (poolcache.c) needs of the food rules: a hash of
 * the rules file, so a cache built from other rules is never used, and the
 * filter-independent part of cl_food_rules_excluded() for one food, split
 * so that a filter can be applied later with a few bit tests.  rich.c keeps
 * calling cl_food_rules_excluded() itself, so the two stay independent and
 * the cache test (tests/unit/test_poolcache.c) can compare them.
 */
#ifndef CL_FOODRULES_INTERNAL_H
#define CL_FOODRULES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cramplab/foodrules.h"
#include "util.h"

/* At most this many diets and this many avoid sets can be cached (bits). */
#define CL_FOOD_CLASS_MAX_SETS 63

typedef struct {
	bool excluded;   /* left out whatever the filter (group, brand, not eaten as such) */
	bool organ;      /* an organ meat: left out unless the filter includes them */
	uint64_t diets;  /* bit i: diet set i excludes it by its own groups and words */
	uint64_t avoids; /* bit i: avoid set i excludes it */
} cl_food_class;

/* FNV-1a (64 bits) of the rules file's bytes, as 16 hex digits. */
const char *cl_food_rules_hash(const cl_food_rules *rules);

/* A hash of the common-food prefixes (cl_food_rules_common), "none" without them. */
const char *cl_food_rules_common_hash(const cl_food_rules *rules);

/* CL_EINVAL if the rules have more sets than the bit masks hold. */
int cl_food_rules_classify(cl_food_class *out, const cl_food_rules *rules, const char *name,
			   const char *folded, const char *group_code);

/* The bits a filter excludes (diet, the vegetarian set a diet includes, avoids). */
void cl_food_rules_filter_masks(const cl_food_rules *rules, const cl_food_filter *filter,
				uint64_t *diets, uint64_t *avoids);

/* The compiled rules (foodrules.c): the tables of the rules file at path,
 * loaded as cl_food_rules_load() parses it, with copies of the file and of
 * its common-foods list, written by the build; installed at start (not
 * copied; CL_EINVAL for a blob that is not an image, then none is used).
 * A load whose two files have exactly the image's bytes reads its tables. */
int cl_food_rules_image_build(cl_buf *out, const char *path);
int cl_food_rules_image_use(const void *img, size_t len);
/* Loads by parsing, never from the image. */
int cl_food_rules_load_parsed(cl_food_rules **out, const char *path);
/* Appends the tables as the image holds them (tests compare two loads). */
int cl_food_rules_tables(cl_buf *out, const cl_food_rules *rules);

#endif

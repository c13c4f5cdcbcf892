/**
 * @file cramplab/rich.h
 * @brief Foods rich in a nutrient, per realistic serving.
 *
 * Lists the foods of the database that give the most of one nutrient in a
 * serving people eat (1 oz of seeds, 1 cup of cooked beans, 3 oz of fish),
 * one line per food in its most common preparation, leaving out what the
 * food rules exclude for the person's diet.  Each line also gives the
 * amount per 100 kcal, for people who must watch energy.
 */
#ifndef CRAMPLAB_RICH_H
#define CRAMPLAB_RICH_H

#include <stdbool.h>

#include <jansson.h>

#include "cramplab/foodrules.h"
#include "cramplab/nutrient.h"

typedef struct {
	char ndb[8];
	char *name;
	char group_code[5];
	cl_serving serving;
	double per_serving;  /**< nutrient amount in one serving */
	double per_100kcal;  /**< NAN if the food's energy is unknown or 0 */
	double percent_target; /**< of the target (RDA or AI) per serving; NAN if none given */
	bool common;           /**< an everyday food (ranked higher) */
} cl_rich_item;

typedef struct {
	cl_nutrient nutrient;
	double target;
	cl_rich_item *items;
	size_t count;
} cl_rich_list;

/**
 * The foods a filter allows, each with its serving, identity and preferred
 * preparation worked out once, so that lists for several nutrients cost a
 * single query each.  Holds a pointer to db: free the pool first.
 */
typedef struct cl_food_pool cl_food_pool;

int cl_food_pool_new(cl_food_pool **out, cl_fooddb *db, const cl_food_rules *rules,
		     const cl_food_filter *filter);
void cl_food_pool_free(cl_food_pool *pool);

/** The best foods of a pool for a nutrient, best first, at most limit. */
int cl_food_pool_rich(cl_rich_list *out, const cl_food_pool *pool, cl_nutrient nutrient,
		      double target, size_t limit);

/**
 * The best foods for nutrient under filter, best first, at most limit.
 * target is the person's RDA or AI in the nutrient's unit, or NAN.
 * (A pool made and freed for one list.)
 */
int cl_food_rich(cl_rich_list *out, cl_fooddb *db, const cl_food_rules *rules, cl_nutrient nutrient,
		 const cl_food_filter *filter, double target, size_t limit);
void cl_rich_list_clear(cl_rich_list *list);

/** {"nutrient", "unit", "target", "foods": [{"ndb","name","serving","grams","amount","per_100kcal","percent_target"}]} */
json_t *cl_rich_list_to_json(const cl_rich_list *list);

#endif

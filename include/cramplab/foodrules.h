/**
 * @file cramplab/foodrules.h
 * @brief Which foods to suggest, for which diet, in what serving.
 *
 * data/food_rules.json says which foods are left out of suggestions (baby
 * foods, restaurant items, brands, things not eaten as such), what a vegan,
 * vegetarian, dairy-free or gluten-free diet excludes, what a realistic
 * serving of each kind of food is, and which preparation of a food to show
 * when the database has several.  Names are matched as whole words of the
 * folded SR name; an "except" phrase ("peanut butter") is masked before the
 * words it contains ("butter") are looked for.
 */
#ifndef CRAMPLAB_FOODRULES_H
#define CRAMPLAB_FOODRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "cramplab/common.h"
#include "cramplab/fooddb.h"

typedef struct cl_food_rules cl_food_rules;

typedef struct {
	const char *diet;           /**< "omnivore" (or NULL), "vegetarian", "vegan" */
	const char *const *avoid;   /**< e.g. {"dairy", "gluten"} */
	size_t navoid;
	bool include_organ_meats;
} cl_food_filter;

typedef struct {
	double grams;
	char label[96]; /**< "1 oz", "1 cup", "3 oz", "100 g" */
} cl_serving;

int cl_food_rules_load(cl_food_rules **out, const char *path);
void cl_food_rules_free(cl_food_rules *rules);

/** CL_EINVAL (listing the known names) if the diet or an avoid word is unknown. */
int cl_food_rules_check_filter(const cl_food_rules *rules, const cl_food_filter *filter);

/**
 * Why a food is left out under a filter ("vegan: honey", "not eaten as
 * such: powder", "branded"), or NULL if it may be suggested.  folded is
 * the folded name (the food table's folded column), name the SR name.
 */
const char *cl_food_rules_excluded(const cl_food_rules *rules, const cl_food_filter *filter,
				   const char *name, const char *folded, const char *group_code,
				   char *why, size_t why_size);

/** Only the diet and avoid part of cl_food_rules_excluded(). */
const char *cl_food_rules_diet_excluded(const cl_food_rules *rules, const cl_food_filter *filter,
					const char *folded, const char *group_code, char *why,
					size_t why_size);

/** A realistic serving of a food, from its own household measures. */
void cl_food_rules_serving(cl_serving *out, const cl_food_rules *rules, const cl_food *food,
			   const char *folded);

/** The food's identity ("seeds pumpkin and squash seed kernels") for one-line-per-food lists. */
void cl_food_rules_identity(char *out, size_t size, const cl_food_rules *rules, const char *name);

/** Preference for a preparation: higher is more common/plain. */
int cl_food_rules_preparation_score(const cl_food_rules *rules, const char *folded);

/**
 * True if the food is an everyday one (data/common_foods.tsv, named by the
 * rules' "common_foods"): lists rank it higher and the plan prefers it.
 */
bool cl_food_rules_common(const cl_food_rules *rules, const char *folded);

/** How much more a common food's amount weighs in a ranking (1 if none). */
double cl_food_rules_common_bonus(const cl_food_rules *rules);

#endif

/*
 * The food plan: small hand-made problems whose answers can be worked out
 * on paper (no gaps, a gap closed within the budget, a gap that cannot be
 * closed and why, a limit that blocks a food, the item cap, the preference
 * for common foods), every kind of bad input refused before GLPK sees it,
 * and, over the real database, the diet filter holding for every food of
 * every plan when each diary vignette is re-assessed as a vegan.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>

#include "cramplab/assess.h"
#include "cramplab/case.h"
#include "cramplab/fooddb.h"
#include "cramplab/foodrules.h"
#include "cramplab/plan.h"
#include "textfold.h"

static cl_plan_food food(const char *ndb, const char *name, double kcal, cl_nutrient n,
			 double amount, bool common)
{
	cl_plan_food f;
	memset(&f, 0, sizeof(f));
	snprintf(f.ndb, sizeof(f.ndb), "%s", ndb);
	f.name = name;
	f.serving.grams = 100;
	snprintf(f.serving.label, sizeof(f.serving.label), "100 g");
	f.per_serving[CL_N_ENERGY_KCAL] = kcal;
	f.per_serving[n] = amount;
	f.max_servings = 3;
	f.common = common;
	return f;
}

static cl_plan_problem problem(const cl_plan_need *needs, size_t nneeds, const cl_plan_food *foods,
			       size_t nfoods)
{
	cl_plan_problem p = {.needs = needs,
			     .nneeds = nneeds,
			     .foods = foods,
			     .nfoods = nfoods,
			     .energy_budget_kcal = 400,
			     .max_items = 6,
			     .margin = 0.01,
			     .costs = {1, 1, 2, 0.5}};
	return p;
}

static void no_gaps(void **state)
{
	(void)state;
	cl_plan_food foods[] = {food("00001", "a", 50, CL_N_MAGNESIUM_MG, 100, true)};
	cl_plan_problem p = problem(NULL, 0, foods, 1);
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_NONE_NEEDED);
	assert_int_equal(plan.nitems, 0);
	assert_string_equal(cl_plan_status_name(plan.status), "none_needed");
	cl_plan_clear(&plan);
}

static void closes_within_budget(void **state)
{
	(void)state;
	/* 200 + 2 x 60 = 320 >= 310 * 1.01: two servings of the cheap food, not the dear one. */
	cl_plan_need need = {CL_N_MAGNESIUM_MG, 200, 310, 255};
	cl_plan_food foods[] = {food("00001", "cheap", 50, CL_N_MAGNESIUM_MG, 60, true),
				food("00002", "dear", 300, CL_N_MAGNESIUM_MG, 150, true)};
	cl_plan_problem p = problem(&need, 1, foods, 2);
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_CLOSES_ALL);
	assert_int_equal(plan.nitems, 1);
	assert_int_equal(plan.items[0].food, 0);
	assert_int_equal(plan.items[0].servings, 2);
	assert_true(plan.outcomes[0].after >= 310);
	assert_int_equal(plan.outcomes[0].reach, CL_PLAN_REACHES_GOAL);
	assert_true(plan.energy_kcal <= 400);
	assert_string_equal(plan.outcomes[0].reason, "");
	cl_plan_clear(&plan);
}

static void falls_back_to_ear(void **state)
{
	(void)state;
	/* The budget allows 2 servings: 100 + 2 x 80 = 260 >= EAR 255 but < RDA 310. */
	cl_plan_need need = {CL_N_MAGNESIUM_MG, 100, 310, 255};
	cl_plan_food foods[] = {food("00001", "a", 150, CL_N_MAGNESIUM_MG, 80, true)};
	cl_plan_problem p = problem(&need, 1, foods, 1);
	p.margin = 0;
	p.energy_budget_kcal = 300;
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_CLOSES_ALL);
	assert_int_equal(plan.outcomes[0].reach, CL_PLAN_REACHES_FALLBACK);
	assert_int_equal(plan.items[0].servings, 2);
	cl_plan_clear(&plan);
}

static void infeasible_gives_partial_with_reason(void **state)
{
	(void)state;
	/* Vitamin D: 3 servings of 1 ug can never reach the EAR of 10. Magnesium still closes. */
	cl_plan_need needs[] = {{CL_N_VITAMIN_D_UG, 0, 15, 10}, {CL_N_MAGNESIUM_MG, 200, 310, 255}};
	cl_plan_food foods[] = {food("00001", "d", 50, CL_N_VITAMIN_D_UG, 1, true),
				food("00002", "mg", 50, CL_N_MAGNESIUM_MG, 120, true)};
	cl_plan_problem p = problem(needs, 2, foods, 2);
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_PARTIAL);
	assert_string_equal(cl_plan_status_name(plan.status), "partial");
	assert_int_equal(plan.outcomes[0].reach, CL_PLAN_SHORT);
	assert_non_null(strstr(plan.outcomes[0].reason, "no allowed food reaches the EAR"));
	/* The best partial plan still gives all the vitamin D it can. */
	assert_true(fabs(plan.outcomes[0].after - 3) < 1e-9);
	assert_int_equal(plan.outcomes[1].reach, CL_PLAN_REACHES_GOAL);
	cl_plan_clear(&plan);
}

static void no_food_has_it(void **state)
{
	(void)state;
	cl_plan_need need = {CL_N_VITAMIN_B12_UG, 0, 2.4, 2};
	cl_plan_food foods[] = {food("00001", "a", 50, CL_N_MAGNESIUM_MG, 100, true)};
	cl_plan_problem p = problem(&need, 1, foods, 1);
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_PARTIAL);
	assert_int_equal(plan.nitems, 0);
	assert_non_null(strstr(plan.outcomes[0].reason, "no allowed food contains it"));
	cl_plan_clear(&plan);
}

static void limit_blocks_food(void **state)
{
	(void)state;
	/* The only potassium food is salty: 2000 mg sodium now, CDRR 2300, each serving 400 mg. */
	cl_plan_need need = {CL_N_POTASSIUM_MG, 1500, 2600, NAN};
	cl_plan_food f = food("00001", "salty", 50, CL_N_POTASSIUM_MG, 500, true);
	f.per_serving[CL_N_SODIUM_MG] = 400;
	cl_plan_limit lim = {CL_N_SODIUM_MG, 2000, 2300, "CDRR"};
	cl_plan_problem p = problem(&need, 1, &f, 1);
	p.limits = &lim;
	p.nlimits = 1;
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_PARTIAL);
	assert_int_equal(plan.nitems, 0); /* even one serving would pass the CDRR */
	assert_non_null(strstr(plan.outcomes[0].reason, "above its CDRR"));
	assert_non_null(strstr(plan.outcomes[0].reason, "the AI"));
	cl_plan_clear(&plan);
}

static void at_most_max_items(void **state)
{
	(void)state;
	/* Three needs, one food each: with max_items 2 one need stays short. */
	cl_plan_need needs[] = {{CL_N_MAGNESIUM_MG, 0, 100, 80},
				{CL_N_CALCIUM_MG, 0, 100, 80},
				{CL_N_THIAMIN_MG, 0, 1, 0.8}};
	cl_plan_food foods[] = {food("00001", "mg", 10, CL_N_MAGNESIUM_MG, 100, true),
				food("00002", "ca", 10, CL_N_CALCIUM_MG, 100, true),
				food("00003", "b1", 10, CL_N_THIAMIN_MG, 1, true)};
	cl_plan_problem p = problem(needs, 3, foods, 3);
	p.max_items = 2;
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_PARTIAL);
	assert_true(plan.nitems <= 2);
	int shorts = 0;
	for (size_t i = 0; i < plan.noutcomes; i++)
		if (plan.outcomes[i].reach == CL_PLAN_SHORT) {
			shorts++;
			assert_non_null(strstr(plan.outcomes[i].reason, "together with the other gaps"));
		}
	assert_int_equal(shorts, 1);
	cl_plan_clear(&plan);
	p.max_items = 3;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_CLOSES_ALL);
	assert_int_equal(plan.nitems, 3);
	cl_plan_clear(&plan);
}

static void prefers_common_food(void **state)
{
	(void)state;
	cl_plan_need need = {CL_N_CALCIUM_MG, 700, 1000, 800};
	cl_plan_food foods[] = {food("00001", "odd", 90, CL_N_CALCIUM_MG, 330, false),
				food("00002", "milk", 100, CL_N_CALCIUM_MG, 320, true)};
	cl_plan_problem p = problem(&need, 1, foods, 2);
	cl_plan plan;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.nitems, 1);
	assert_string_equal(foods[plan.items[0].food].name, "milk");
	cl_plan_clear(&plan);
	/* Without the penalty the leaner uncommon food wins. */
	p.costs.uncommon_per_serving = 0;
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_string_equal(foods[plan.items[0].food].name, "odd");
	cl_plan_clear(&plan);
}

static void bad_inputs_refused(void **state)
{
	(void)state;
	cl_plan_need need = {CL_N_MAGNESIUM_MG, 200, 310, 255};
	cl_plan_food f = food("00001", "a", 50, CL_N_MAGNESIUM_MG, 100, true);
	cl_plan_limit lim = {CL_N_SODIUM_MG, 0, 2300, "CDRR"};
	cl_plan plan;
	cl_plan_problem p;

#define REFUSED(change)                                                                            \
	do {                                                                                       \
		cl_plan_need n2 = need;                                                            \
		cl_plan_need nn[2] = {need, need};                                                 \
		cl_plan_food f2 = f;                                                               \
		cl_plan_limit l2 = lim;                                                            \
		p = problem(&n2, 1, &f2, 1);                                                       \
		p.limits = &l2;                                                                    \
		p.nlimits = 1;                                                                     \
		(void)nn;                                                                          \
		change;                                                                            \
		assert_int_equal(cl_plan_solve(&plan, &p), CL_EINVAL);                             \
		assert_int_equal(plan.nitems, 0);                                                  \
		assert_null(plan.items);                                                           \
	} while (0)

	REFUSED(n2.current = NAN);
	REFUSED(n2.current = -1);
	REFUSED(n2.goal = INFINITY);
	REFUSED(n2.goal = 0);
	REFUSED(n2.fallback = 400); /* above the goal */
	REFUSED(n2.fallback = -1);
	REFUSED(n2.nutrient = CL_NUTRIENT_COUNT);
	REFUSED((p.needs = nn, p.nneeds = 2)); /* the same nutrient twice */
	REFUSED(p.nneeds = CL_PLAN_MAX_NEEDS + 1);
	REFUSED(p.needs = NULL);
	REFUSED(l2.limit = NAN);
	REFUSED(l2.limit = 0);
	REFUSED(l2.current = -5);
	REFUSED(p.nlimits = CL_PLAN_MAX_LIMITS + 1);
	REFUSED(f2.per_serving[CL_N_CALCIUM_MG] = NAN);
	REFUSED(f2.per_serving[CL_N_ENERGY_KCAL] = -1);
	REFUSED(f2.per_serving[CL_N_IRON_MG] = INFINITY);
	REFUSED(f2.max_servings = 0);
	REFUSED(f2.max_servings = CL_PLAN_MAX_SERVINGS + 1);
	REFUSED(f2.serving.grams = 0);
	REFUSED(f2.serving.grams = NAN);
	REFUSED(f2.name = NULL);
	REFUSED(f2.ndb[0] = '\0');
	REFUSED(p.nfoods = CL_PLAN_MAX_FOODS + 1);
	REFUSED(p.foods = NULL);
	REFUSED(p.energy_budget_kcal = 0);
	REFUSED(p.energy_budget_kcal = NAN);
	REFUSED(p.max_items = 0);
	REFUSED(p.max_items = CL_PLAN_MAX_ITEMS + 1);
	REFUSED(p.margin = -0.1);
	REFUSED(p.margin = NAN);
	REFUSED(p.costs.per_100kcal = -1);
	REFUSED(p.costs.uncommon_per_serving = NAN);
	REFUSED(p.costs.per_item = 1000);
	assert_int_equal(cl_plan_solve(&plan, NULL), CL_EINVAL);
#undef REFUSED
	/* And the unchanged problem is fine. */
	p = problem(&need, 1, &f, 1);
	assert_int_equal(cl_plan_solve(&plan, &p), CL_OK);
	assert_int_equal(plan.status, CL_PLAN_CLOSES_ALL);
	cl_plan_clear(&plan);
	cl_plan_clear(NULL);
}

/* --- over the real database ------------------------------------------------ */

static cl_assessor *assessor;
static cl_food_rules *rules;

static int db_setup(void **state)
{
	(void)state;
	const char *db = getenv("CRAMPLAB_DB");
	if (cl_food_rules_load(&rules, "../data/food_rules.json") != CL_OK)
		return -1;
	return cl_assessor_open(&assessor, "../data", db ? db : "../build/foods.db");
}

static int db_teardown(void **state)
{
	(void)state;
	cl_assessor_close(assessor);
	cl_food_rules_free(rules);
	return 0;
}

/* Every plan food and listed food must pass the diet filter. */
static void check_foods(json_t *arr, const cl_food_filter *filter, const char *what, size_t *n)
{
	cl_fooddb *db;
	const char *path = getenv("CRAMPLAB_DB");
	size_t i;
	json_t *v;
	assert_int_equal(cl_fooddb_open(&db, path ? path : "../build/foods.db"), CL_OK);
	json_array_foreach(arr, i, v)
	{
		cl_food *f = NULL;
		char *folded = NULL, why[128];
		assert_int_equal(cl_food_get(&f, db, json_string_value(json_object_get(v, "ndb"))), CL_OK);
		assert_int_equal(cl_fold(&folded, f->name), CL_OK);
		const char *excluded = cl_food_rules_diet_excluded(rules, filter, folded, f->group_code,
								   why, sizeof(why));
		if (excluded)
			fail_msg("%s: %s in a %s plan (%s)", what, f->name, filter->diet, excluded);
		free(folded);
		cl_food_free(f);
		(*n)++;
	}
	cl_fooddb_close(db);
}

static void diet_filter_holds_in_plans(void **state)
{
	(void)state;
	static const char *const diets[] = {"vegan", "vegetarian"};
	DIR *d = opendir("data/vignettes");
	struct dirent *e;
	size_t plans = 0, foods = 0;
	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[600];
		json_error_t jerr;
		if (!strstr(e->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "data/vignettes/%s", e->d_name);
		json_t *doc = json_load_file(path, 0, &jerr);
		assert_non_null(doc);
		if (!json_is_array(json_object_get(doc, "diary"))) {
			json_decref(doc);
			continue;
		}
		for (int k = 0; k < 2; k++) {
			json_object_set_new(json_object_get(doc, "profile"), "diet", json_string(diets[k]));
			char *text = json_dumps(doc, 0);
			cl_case *c = NULL;
			json_t *out = NULL;
			assert_int_equal(cl_case_parse(&c, text, strlen(text), e->d_name, "data/vignettes"),
					 CL_OK);
			assert_int_equal(cl_assess(&out, assessor, c), CL_OK);
			cl_food_filter filter = {.diet = diets[k]};
			json_t *advice = json_object_get(out, "advice");
			assert_non_null(json_object_get(advice, "plan_summary"));
			plans += json_array_size(json_object_get(advice, "plan")) > 0;
			check_foods(json_object_get(advice, "plan"), &filter, e->d_name, &foods);
			check_foods(json_object_get(advice, "foods"), &filter, e->d_name, &foods);
			json_decref(out);
			cl_case_free(c);
			free(text);
		}
		json_decref(doc);
	}
	closedir(d);
	/* The vignettes with diaries have gaps: the check must have had plans to look at. */
	assert_true(plans >= 5);
	assert_true(foods >= 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_gaps),
		cmocka_unit_test(closes_within_budget),
		cmocka_unit_test(falls_back_to_ear),
		cmocka_unit_test(infeasible_gives_partial_with_reason),
		cmocka_unit_test(no_food_has_it),
		cmocka_unit_test(limit_blocks_food),
		cmocka_unit_test(at_most_max_items),
		cmocka_unit_test(prefers_common_food),
		cmocka_unit_test(bad_inputs_refused),
	};
	const struct CMUnitTest db_tests[] = {
		cmocka_unit_test(diet_filter_holds_in_plans),
	};
	int failed = cmocka_run_group_tests_name("plan", tests, NULL, NULL);
	return failed + cmocka_run_group_tests_name("plan_db", db_tests, db_setup, db_teardown);
}

/*
 * How long the food plan takes: the integer program alone (cl_plan_solve)
 * on the problem an assessment builds for six gaps with 8 candidates each (as data/factors.json advice.plan)
 * from the real database, closable and not (a partial plan also solves one
 * or two diagnostic programs per open gap), and the candidate look-ups
 * that feed it, and the same programs solved by GLPK's branch and bound
 * (cl_plan_solve_nodes with no nodes: the method before round 8).
 * Bounded: a fixed number of runs, a few seconds in all.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cramplab/fooddb.h"
#include "cramplab/foodrules.h"
#include "cramplab/plan.h"
#include "cramplab/rich.h"
#include "plansearch.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Women 31-50: RDA/AI and EAR; current intake half the goal. */
static const cl_plan_need needs[] = {
	{CL_N_MAGNESIUM_MG, 155, 310, 255}, {CL_N_POTASSIUM_MG, 1300, 2600, NAN},
	{CL_N_CALCIUM_MG, 500, 1000, 800},  {CL_N_VITAMIN_D_UG, 2, 15, 10},
	{CL_N_VITAMIN_B12_UG, 1.2, 2.4, 2}, {CL_N_THIAMIN_MG, 0.55, 1.1, 0.9},
};
static const cl_plan_limit limits[] = {
	{CL_N_CALCIUM_MG, 500, 2500, "UL"},
	{CL_N_VITAMIN_D_UG, 2, 100, "UL"},
	{CL_N_IRON_MG, 10, 45, "UL"},
	{CL_N_SODIUM_MG, 2000, 2300, "CDRR"},
};

static int candidates(cl_plan_food *foods, size_t *n, cl_fooddb *db, const cl_food_pool *pool)
{
	*n = 0;
	for (size_t i = 0; i < sizeof(needs) / sizeof(*needs); i++) {
		cl_rich_list list;
		if (cl_food_pool_rich(&list, pool, needs[i].nutrient, needs[i].goal, 8))
			return -1;
		for (size_t j = 0; j < list.count; j++) {
			bool dup = false;
			for (size_t k = 0; k < *n; k++)
				dup |= strcmp(foods[k].ndb, list.items[j].ndb) == 0;
			cl_food *f = NULL;
			if (dup || cl_food_get(&f, db, list.items[j].ndb))
				continue;
			cl_plan_food *c = &foods[*n];
			memset(c, 0, sizeof(*c));
			snprintf(c->ndb, sizeof(c->ndb), "%s", f->ndb);
			c->name = "food"; /* the name is not needed for timing */
			c->serving = list.items[j].serving;
			c->max_servings = 3;
			c->common = list.items[j].common;
			for (int k = 0; k < CL_NUTRIENT_COUNT; k++)
				c->per_serving[k] = isfinite(f->per_100g[k]) && f->per_100g[k] > 0
							    ? f->per_100g[k] * c->serving.grams / 100
							    : 0;
			if (isfinite(f->per_100g[CL_N_ENERGY_KCAL]))
				(*n)++;
			cl_food_free(f);
		}
		cl_rich_list_clear(&list);
	}
	return 0;
}

static int run(const char *label, cl_fooddb *db, const cl_food_rules *rules, const char *diet,
	       double budget)
{
	static cl_plan_food foods[CL_PLAN_MAX_FOODS];
	cl_food_filter filter = {.diet = diet};
	cl_food_pool *pool = NULL;
	size_t nfoods = 0;
	int n;
	double t0, t;

	if (cl_food_pool_new(&pool, db, rules, &filter))
		return -1;
	t0 = now();
	for (n = 0; n < 20; n++)
		if (candidates(foods, &nfoods, db, pool))
			return -1;
	t = now() - t0;
	printf("%-10s candidates (%3zu foods)  %8.3f ms each (%d runs)\n", label, nfoods,
	       t / n * 1e3, n);
	t0 = now();
	for (n = 0; n < 20; n++)
		for (size_t i = 0; i < sizeof(needs) / sizeof(*needs); i++) {
			cl_rich_list list;
			if (cl_food_pool_rich(&list, pool, needs[i].nutrient, needs[i].goal, 8))
				return -1;
			cl_rich_list_clear(&list);
		}
	t = now() - t0;
	printf("%-10s  of which 6 rich lists     %8.3f ms each (%d runs)\n", label, t / n * 1e3, n);
	cl_plan_problem p = {needs, 6, limits, 4, foods, nfoods, budget, 6, 0.01, {1, 1, 2, 0}};
	cl_plan plan;
	t0 = now();
	for (n = 0; n < 20; n++) {
		if (cl_plan_solve(&plan, &p)) {
			fprintf(stderr, "%s\n", cl_error_last());
			return -1;
		}
		if (n < 19)
			cl_plan_clear(&plan);
	}
	t = now() - t0;
	printf("%-10s cl_plan_solve            %8.3f ms each (%d runs): %s, %zu foods, %.0f kcal\n",
	       label, t / n * 1e3, n, cl_plan_status_name(plan.status), plan.nitems, plan.energy_kcal);
	cl_plan_clear(&plan);
	/* GLPK's branch and bound on the same program, as every plan was
	 * solved before round 8 (and still is past the search's node limit). */
	t0 = now();
	for (n = 0; n < 20; n++) {
		if (cl_plan_solve_nodes(&plan, &p, 0)) {
			fprintf(stderr, "%s\n", cl_error_last());
			return -1;
		}
		if (n < 19)
			cl_plan_clear(&plan);
	}
	t = now() - t0;
	printf("%-10s  the same with glp_intopt %8.3f ms each (%d runs): %s, %zu foods, %.0f kcal\n",
	       label, t / n * 1e3, n, cl_plan_status_name(plan.status), plan.nitems, plan.energy_kcal);
	cl_plan_clear(&plan);
	cl_food_pool_free(pool);
	return 0;
}

int main(void)
{
	const char *path = getenv("CRAMPLAB_DB");
	cl_fooddb *db = NULL;
	cl_food_rules *rules = NULL;

	if (cl_fooddb_open(&db, path ? path : "build/foods.db") ||
	    cl_food_rules_load(&rules, CL_DATADIR "/food_rules.json")) {
		fprintf(stderr, "%s\n", cl_error_last());
		return 1;
	}
	int rc = run("omnivore", db, rules, "omnivore", 400) || run("vegan", db, rules, "vegan", 400) ||
		 run("tight", db, rules, "vegan", 120);
	cl_food_rules_free(rules);
	cl_fooddb_close(db);
	return rc ? 1 : 0;
}

/*
 * The plan's exact search (src/lib/plansearch.c): on hundreds of small random
 * programs its answer equals an enumeration of every serving vector, tie
 * rule included, whatever multipliers and hints it is given (they may only
 * change its speed); ties go to the earlier food; a search that runs out
 * of nodes says so; programs where no food fits, or no item is allowed,
 * give no servings; bad programs are refused; and cl_plan_solve's exact
 * answer is never worse than GLPK's branch and bound (the fallback) and
 * within its 1% gap of it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/plan.h"
#include "plansearch.h"
#include "test_rng.h"

#define MAXF 6
#define MAXN 3
#define MAXR 2

struct rnd_program {
	double cost[MAXF], a[MAXN * MAXF], gap[MAXN], ub1[MAXN], pen1[MAXN], pen2[MAXN];
	double b[MAXR * MAXF], room[MAXR], lambda[MAXN], mu[MAXR], hint[MAXF];
	int max[MAXF];
	cl_ps_program g;
};

static uint64_t rng_state = 88172645463325252ull;

static int pick(int n)
{
	return (int)test_rng_below(&rng_state, (uint64_t)n);
}

/* Quarters and whole numbers, so that exact ties happen often. */
static void random_program(struct rnd_program *r)
{
	memset(r, 0, sizeof(*r));
	int F = 1 + pick(MAXF), N = pick(MAXN + 1), R = pick(MAXR + 1);
	for (int j = 0; j < F; j++) {
		r->cost[j] = 0.25 * pick(20);
		r->max[j] = pick(4);
		r->hint[j] = pick(5) * 0.75;
	}
	for (int i = 0; i < N; i++) {
		r->gap[i] = 1 + pick(12);
		r->ub1[i] = pick(2) ? r->gap[i] : (double)pick((int)r->gap[i] + 1);
		r->pen1[i] = 0.25 * pick(12);
		r->pen2[i] = r->pen1[i] + 0.25 * pick(12);
		r->lambda[i] = 0.5 * pick(6);
		for (int j = 0; j < F; j++)
			r->a[i * F + j] = pick(3) ? pick(6) : 0;
	}
	for (int q = 0; q < R; q++) {
		r->room[q] = pick(15);
		r->mu[q] = 0.25 * pick(3);
		for (int j = 0; j < F; j++)
			r->b[q * F + j] = pick(5);
	}
	r->g = (cl_ps_program){.nfoods = F, .cost = r->cost, .max = r->max, .ncover = N,
			       .a = r->a, .gap = r->gap, .ub1 = r->ub1, .pen1 = r->pen1,
			       .pen2 = r->pen2, .npack = R, .b = r->b, .room = r->room,
			       .max_items = pick(F + 1), .item_cost = pick(2) ? 0 : 0.5 * pick(4),
			       .node_limit = 1000000};
}

static bool feasible(const cl_ps_program *g, const int *x)
{
	int items = 0;
	for (int j = 0; j < g->nfoods; j++)
		items += x[j] > 0;
	if (items > g->max_items)
		return false;
	for (int q = 0; q < g->npack; q++) {
		double u = 0;
		for (int j = 0; j < g->nfoods; j++)
			u += g->b[q * g->nfoods + j] * x[j];
		if (u > g->room[q] + 1e-9)
			return false;
	}
	return true;
}

/* Every serving vector; the documented tie rule picks among equal objectives. */
static double enumerate(const cl_ps_program *g, int *best)
{
	int x[MAXF] = {0};
	double best_z = INFINITY;
	for (;;) {
		if (feasible(g, x)) {
			double z = cl_ps_value(g, x);
			double tol = 1e-9 * (fabs(best_z) > 1 && isfinite(best_z) ? fabs(best_z) : 1);
			bool greater = false;
			for (int j = 0; j < g->nfoods; j++)
				if (x[j] != best[j]) {
					greater = x[j] > best[j];
					break;
				}
			if (z < best_z - tol || (fabs(z - best_z) <= tol && greater)) {
				best_z = z;
				memcpy(best, x, sizeof(x));
			}
		}
		int j = 0;
		while (j < g->nfoods && x[j] == g->max[j])
			x[j++] = 0;
		if (j == g->nfoods)
			break;
		x[j]++;
	}
	return best_z;
}

static void matches_enumeration(void **state)
{
	(void)state;
	int checked = 0, with_shortfall = 0, with_food = 0;
	for (int t = 0; t < 600; t++) {
		struct rnd_program r;
		random_program(&r);
		int want[MAXF] = {0};
		double want_z = enumerate(&r.g, want);
		/* No multipliers, the program's own, and large ones: any
		 * multipliers >= 0 give a valid bound, so the answer is the same. */
		for (int m = 0; m < 3; m++) {
			cl_ps_program g = r.g;
			double big[MAXN] = {50, 50, 50};
			if (m == 1) {
				g.lambda = r.lambda, g.mu = r.mu, g.hint = r.hint;
			} else if (m == 2) {
				g.lambda = big, g.hint = r.hint;
			}
			int x[MAXF];
			double z;
			assert_int_equal(cl_ps_search(&g, x, &z), 0);
			assert_true(fabs(z - want_z) <= 1e-9 * (fabs(want_z) > 1 ? fabs(want_z) : 1));
			assert_memory_equal(x, want, (size_t)g.nfoods * sizeof(*x));
			checked++;
		}
		double food = 0;
		for (int j = 0; j < r.g.nfoods; j++)
			food += r.g.cost[j] * want[j] + (want[j] > 0 ? r.g.item_cost : 0);
		with_shortfall += want_z > food + 1e-9;
		with_food += food > 0;
	}
	assert_int_equal(checked, 1800);
	/* The random programs exercise both parts of the objective. */
	assert_true(with_shortfall > 50);
	assert_true(with_food > 50);
}

static cl_ps_program one_need(double *cost, int *max, double *a, int nfoods, double *gap,
			      double *zero, double *pen)
{
	return (cl_ps_program){.nfoods = nfoods, .cost = cost, .max = max, .ncover = 1, .a = a,
			       .gap = gap, .ub1 = zero, .pen1 = pen, .pen2 = pen,
			       .max_items = nfoods, .node_limit = 1000};
}

static void ties_go_to_the_earlier_food(void **state)
{
	(void)state;
	/* Two identical foods, one serving closes the gap. */
	double cost[] = {2, 2}, a[] = {5, 5}, gap = 5, zero = 0, pen = 100;
	int max[] = {3, 3}, x[2];
	double z, hint[] = {0, 1}, lambda = 0.4;
	cl_ps_program g = one_need(cost, max, a, 2, &gap, &zero, &pen);
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	assert_int_equal(x[0], 1);
	assert_int_equal(x[1], 0);
	assert_true(fabs(z - 2) < 1e-12);
	/* The same when the hint and multiplier lead the search to the second. */
	g.hint = hint;
	g.lambda = &lambda;
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	assert_int_equal(x[0], 1);
	assert_int_equal(x[1], 0);
}

static void node_limit_gives_up(void **state)
{
	(void)state;
	double cost[] = {1, 1.5, 2}, a[] = {2, 3, 4}, gap = 7, zero = 0, pen = 100;
	int max[] = {3, 3, 3}, x[3];
	double z;
	cl_ps_program g = one_need(cost, max, a, 3, &gap, &zero, &pen);
	g.node_limit = 1;
	assert_int_equal(cl_ps_search(&g, x, &z), 1);
	/* What it returns is still a plan and its value. */
	assert_true(fabs(z - cl_ps_value(&g, x)) < 1e-12);
	g.node_limit = 1000;
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	/* 2 x 2 + 3 = 7 and 3 + 4 = 7 both cost 3.5: the tie goes to the first food. */
	assert_true(fabs(z - 3.5) < 1e-12);
	assert_int_equal(x[0], 2);
	assert_int_equal(x[1], 1);
	assert_int_equal(x[2], 0);
}

static void nothing_fits(void **state)
{
	(void)state;
	/* Every food breaks the packing row (room 0): no servings, the whole
	 * gap as shortfall, charged pen1 up to ub1 and pen2 beyond. */
	double cost[] = {1, 1}, a[] = {4, 4}, gap = 8, ub1 = 3, pen1 = 2, pen2 = 10;
	double b[] = {1, 2}, room = 0;
	int max[] = {3, 3}, x[2];
	double z;
	cl_ps_program g = {.nfoods = 2, .cost = cost, .max = max, .ncover = 1, .a = a,
			   .gap = &gap, .ub1 = &ub1, .pen1 = &pen1, .pen2 = &pen2, .npack = 1,
			   .b = b, .room = &room, .max_items = 2, .node_limit = 1000};
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	assert_int_equal(x[0] + x[1], 0);
	assert_true(fabs(z - (3 * 2 + 5 * 10)) < 1e-12);
	/* No item allowed: the same. */
	room = 100;
	g.max_items = 0;
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	assert_int_equal(x[0] + x[1], 0);
	/* One item allowed: the best single food at the servings that pay. */
	g.max_items = 1;
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	assert_int_equal(x[0], 2);
	assert_int_equal(x[1], 0);
}

static void bad_programs_refused(void **state)
{
	(void)state;
	double cost[] = {1}, a[] = {1}, gap = 1, zero = 0, pen = 1, z;
	int max[] = {1}, x[1];
	cl_ps_program g = one_need(cost, max, a, 1, &gap, &zero, &pen);
	assert_int_equal(cl_ps_search(NULL, x, &z), -1);
	assert_int_equal(cl_ps_search(&g, NULL, &z), -1);
	cl_ps_program bad = g;
	bad.ncover = 33;
	assert_int_equal(cl_ps_search(&bad, x, &z), -1);
	bad = g;
	bad.a = NULL;
	assert_int_equal(cl_ps_search(&bad, x, &z), -1);
	int many[] = {CL_PS_MAX_VALUES};
	bad = g;
	bad.max = many;
	assert_int_equal(cl_ps_search(&bad, x, &z), -1);
	double negative[] = {-1};
	bad = g;
	bad.cost = negative;
	assert_int_equal(cl_ps_search(&bad, x, &z), -1);
	assert_int_equal(cl_ps_search(&g, x, &z), 0);
	assert_int_equal(x[0], 1);
}

/* --- cl_plan_solve: the exact search against GLPK's MIP ------------------- */

static cl_plan_food food(const char *ndb, double kcal, double mg, double k, double ca,
			 double na, bool common)
{
	cl_plan_food f;
	memset(&f, 0, sizeof(f));
	snprintf(f.ndb, sizeof(f.ndb), "%s", ndb);
	f.name = ndb;
	f.serving.grams = 100;
	f.per_serving[CL_N_ENERGY_KCAL] = kcal;
	f.per_serving[CL_N_MAGNESIUM_MG] = mg;
	f.per_serving[CL_N_POTASSIUM_MG] = k;
	f.per_serving[CL_N_CALCIUM_MG] = ca;
	f.per_serving[CL_N_SODIUM_MG] = na;
	f.max_servings = 3;
	f.common = common;
	return f;
}

static double objective(const cl_plan_problem *p, const cl_plan *pl)
{
	double z = 0;
	for (size_t i = 0; i < pl->nitems; i++) {
		const cl_plan_food *f = &p->foods[pl->items[i].food];
		z += pl->items[i].servings * (p->costs.per_serving +
					      p->costs.per_100kcal * f->per_serving[CL_N_ENERGY_KCAL] / 100 +
					      (f->common ? 0 : p->costs.uncommon_per_serving));
	}
	for (size_t i = 0; i < p->nneeds; i++) {
		const cl_plan_need *n = &p->needs[i];
		double gap = n->goal * (1 + p->margin) - n->current;
		double fb = isnan(n->fallback) ? gap : n->fallback * (1 + p->margin) - n->current;
		fb = fb < 0 ? 0 : fb;
		double s = gap - pl->outcomes[i].added;
		if (gap <= 0 || s <= 0)
			continue;
		double s1 = s < gap - fb ? s : gap - fb;
		z += 1e3 / gap * s1 + 1e5 / gap * (s - s1);
	}
	return z;
}

static void exact_never_worse_than_glpk(void **state)
{
	(void)state;
	cl_plan_need needs[] = {{CL_N_MAGNESIUM_MG, 150, 320, 265},
				{CL_N_POTASSIUM_MG, 1800, 2600, NAN},
				{CL_N_CALCIUM_MG, 600, 1200, 1000}};
	cl_plan_limit lim = {CL_N_SODIUM_MG, 2000, 2300, "CDRR"};
	cl_plan_food foods[] = {
		food("00001", 160, 80, 420, 30, 5, true),   food("00002", 90, 25, 350, 300, 100, true),
		food("00003", 200, 110, 300, 60, 150, false), food("00004", 40, 60, 550, 120, 60, true),
		food("00005", 120, 45, 250, 250, 120, true),  food("00006", 300, 150, 700, 90, 10, false),
		food("00007", 70, 20, 150, 200, 40, true),    food("00008", 110, 70, 480, 20, 0, true),
	};
	size_t budget_ok = 0;
	for (int budget = 150; budget <= 600; budget += 75) {
		for (size_t items = 1; items <= 4; items++) {
			cl_plan_problem p = {.needs = needs, .nneeds = 3, .limits = &lim, .nlimits = 1,
					     .foods = foods, .nfoods = 8, .energy_budget_kcal = budget,
					     .max_items = items, .margin = 0.01,
					     .costs = {1, 1, 2, 0}};
			cl_plan exact, mip;
			assert_int_equal(cl_plan_solve(&exact, &p), CL_OK);
			assert_int_equal(cl_plan_solve_nodes(&mip, &p, 0), CL_OK);
			double ze = objective(&p, &exact), zm = objective(&p, &mip);
			assert_true(ze <= zm + 1e-9 * zm);
			assert_true(zm <= ze * 1.0102 + 1e-9);
			assert_true(exact.nitems <= items);
			assert_true(exact.energy_kcal <= budget + 1e-9);
			/* The same gaps stay open, for the same reasons (each
			 * diagnosis is a program of its own). */
			assert_int_equal(exact.status, mip.status);
			for (size_t i = 0; i < 3; i++)
				assert_string_equal(exact.outcomes[i].reason, mip.outcomes[i].reason);
			budget_ok += exact.status == CL_PLAN_CLOSES_ALL;
			cl_plan_clear(&exact);
			cl_plan_clear(&mip);
		}
	}
	/* Both kinds of answer were compared. */
	assert_true(budget_ok > 3 && budget_ok < 28);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_enumeration),
		cmocka_unit_test(ties_go_to_the_earlier_food),
		cmocka_unit_test(node_limit_gives_up),
		cmocka_unit_test(nothing_fits),
		cmocka_unit_test(bad_programs_refused),
		cmocka_unit_test(exact_never_worse_than_glpk),
	};
	return cmocka_run_group_tests_name("plansearch", tests, NULL, NULL);
}

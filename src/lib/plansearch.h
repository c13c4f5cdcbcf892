/*
 * The plan's exact integer search (plansearch.c), for plan.c and the tests.
 *
 * A program here is the plan's integer program in dense form, with the
 * shortfalls folded into the objective: minimise
 *   sum_j (cost_j x_j + item_cost [x_j > 0]) + sum_i pen_i(gap_i - sum_j a_ij x_j)
 * over integers 0 <= x_j <= max_j, with sum_j b_rj x_j <= room_r for every
 * packing row r and at most max_items foods used, where pen_i(s) is 0 for
 * s <= 0, pen1_i per unit up to ub1_i and pen2_i per unit beyond (the
 * elastic shortfalls s1 and s2 of plan.c, which a solver fills cheapest
 * first).  Every a and b is >= 0 and every cost >= 0.
 */
#ifndef CL_PLANSEARCH_H
#define CL_PLANSEARCH_H

#include <stddef.h>

#include "cramplab/plan.h"

/* Servings per food go up to CL_PS_MAX_VALUES - 1. */
#define CL_PS_MAX_VALUES 16

typedef struct {
	int nfoods;
	const double *cost; /* per serving, >= 0 */
	const int *max;     /* servings, >= 0 */
	int ncover;
	const double *a;    /* ncover x nfoods, row by row */
	const double *gap;  /* > 0 */
	const double *ub1;  /* 0..gap: the shortfall charged pen1 */
	const double *pen1, *pen2; /* per unit, 0 <= pen1 <= pen2 */
	int npack;
	const double *b;    /* npack x nfoods */
	const double *room; /* >= 0 */
	int max_items;
	double item_cost; /* per food used (plan.c's costs.per_item), >= 0 */
	/* Lagrange multipliers for the bound (cover rows >= 0, packing rows >=
	 * 0), e.g. an LP's duals; NULL means 0.  Any values give a valid bound,
	 * good ones a tight one. */
	const double *lambda, *mu;
	const double *hint; /* the LP's x, to try first; NULL: none */
	long node_limit;
} cl_ps_program;

/* The objective of servings x (x need not be feasible). */
double cl_ps_value(const cl_ps_program *g, const int *x);

/*
 * The best servings into x (nfoods) and their objective into *z.  Returns
 * 0 when proven optimal, 1 when node_limit nodes were not enough (x then
 * holds the best found, which may be all zeros), -1 on a bad program or no
 * memory.  Among plans whose objectives differ by at most 1e-9 relative, the
 * one with more servings of the earlier foods (lexicographically greatest
 * x) wins, so the answer does not depend on the search order.
 */
int cl_ps_search(const cl_ps_program *g, int *x, double *z);

/* cl_plan_solve with another node limit (plan.c): 0 makes GLPK solve every program. */
int cl_plan_solve_nodes(cl_plan *out, const cl_plan_problem *problem, long node_limit);

#endif

/*
 * The plan: an integer program over whole servings, solved with GLPK.
 *
 * Columns: x_j, servings of food j (integer, 0..max_servings); y_j, whether
 * food j is used (binary); for each need two elastic shortfalls, s1 (below
 * the goal but not below the fallback, bounded) and s2 (below the fallback).
 * Rows: each need's added amount plus its shortfalls reaches the gap to the
 * goal; each limit's added amount stays within the room left below it; the
 * added energy stays within the budget; x_j <= max_servings_j * y_j; and
 * sum y_j <= max_items.  The shortfalls cost far more than any food, so
 * GLPK closes every gap it can and only then minimises food.  Because x = 0
 * is always feasible, the program is never infeasible: a plan that cannot
 * close a gap comes back as the best partial one, and each gap that stays
 * open is then diagnosed by solving again with fewer constraints.
 *
 * Each program is solved exactly by plansearch.c's branch and bound, whose
 * bound takes its multipliers from the LP relaxation (without the y_j,
 * which cost nothing; the item cap is kept exactly by the search), solved
 * once by GLPK: some 0.3 M instructions for the week's plan against 2.5 M
 * in glp_intopt (docs/performance.md, round 8).  Only if the search needs
 * more than SEARCH_NODE_LIMIT nodes does glp_intopt solve the whole MIP as
 * before, within its 1% gap.
 *
 * GLPK aborts the process when it is misused, so every number is checked
 * first; if GLPK fails anyway its error hook frees GLPK's environment and
 * jumps back here, and the caller gets CL_EFAIL instead of an abort.
 */
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/plan.h"
#include "error.h"
#include "plansearch.h"

/* Penalties per whole gap left open: far above the cost of any plan. */
#define PENALTY_BELOW_GOAL 1e3
#define PENALTY_BELOW_FALLBACK 1e5
/* GLPK's own time limit: the programs are tiny, this only guards a pathology. */
#define TIME_LIMIT_MS 2000
#define MIP_GAP 0.01
/* Nodes of the exact search before GLPK's branch and bound takes over: the
 * plans of every example and vignette need at most a few thousand. */
#define SEARCH_NODE_LIMIT 200000

struct program {
	const cl_plan_problem *p;
	const bool *use_need; /* NULL: all */
	bool use_limits;
	bool use_energy;
	/* Owned while GLPK runs, so the error path can free them. */
	glp_prob *lp;
	int *ia, *ja;
	double *ar;
	size_t cap; /* room in ia, ja, ar (entries 1..cap) */
	int *x; /* out: servings per food */
	/* The dense program of the exact search (plansearch.h), one block. */
	double *dense;
	int *imax;
};

static bool finite_nonneg(double v)
{
	return isfinite(v) && v >= 0;
}

static int check_problem(const cl_plan_problem *p)
{
	if (!p)
		return cl_error_set(CL_EINVAL, "plan: no problem given");
	if (p->nneeds > CL_PLAN_MAX_NEEDS || (p->nneeds && !p->needs))
		return cl_error_set(CL_EINVAL, "plan: at most %d needs", CL_PLAN_MAX_NEEDS);
	if (p->nlimits > CL_PLAN_MAX_LIMITS || (p->nlimits && !p->limits))
		return cl_error_set(CL_EINVAL, "plan: at most %d limits", CL_PLAN_MAX_LIMITS);
	if (p->nfoods > CL_PLAN_MAX_FOODS || (p->nfoods && !p->foods))
		return cl_error_set(CL_EINVAL, "plan: at most %d candidate foods", CL_PLAN_MAX_FOODS);
	if (!isfinite(p->energy_budget_kcal) || p->energy_budget_kcal <= 0 ||
	    p->energy_budget_kcal > 1e5)
		return cl_error_set(CL_EINVAL, "plan: the energy budget must be in (0, 100000] kcal");
	if (p->max_items < 1 || p->max_items > CL_PLAN_MAX_ITEMS)
		return cl_error_set(CL_EINVAL, "plan: max_items must be 1..%d", CL_PLAN_MAX_ITEMS);
	if (!isfinite(p->margin) || p->margin < 0 || p->margin > 0.1)
		return cl_error_set(CL_EINVAL, "plan: the margin must be in [0, 0.1]");
	const cl_plan_costs *c = &p->costs;
	if (!finite_nonneg(c->per_serving) || !finite_nonneg(c->per_100kcal) ||
	    !finite_nonneg(c->uncommon_per_serving) || !finite_nonneg(c->per_item) ||
	    c->per_serving + c->per_100kcal + c->uncommon_per_serving + c->per_item > 100)
		return cl_error_set(CL_EINVAL, "plan: costs must be finite, >= 0, and sum to <= 100");
	for (size_t i = 0; i < p->nneeds; i++) {
		const cl_plan_need *n = &p->needs[i];
		if ((unsigned)n->nutrient >= CL_NUTRIENT_COUNT)
			return cl_error_set(CL_EINVAL, "plan: needs[%zu]: unknown nutrient", i);
		if (!finite_nonneg(n->current) || !isfinite(n->goal) || n->goal <= 0 ||
		    n->current > 1e7 || n->goal > 1e7)
			return cl_error_set(CL_EINVAL,
					    "plan: needs[%zu]: current must be >= 0 and goal > 0, both finite",
					    i);
		if (!isnan(n->fallback) && (!isfinite(n->fallback) || n->fallback <= 0 ||
					    n->fallback > n->goal))
			return cl_error_set(CL_EINVAL,
					    "plan: needs[%zu]: the fallback must be NAN or in (0, goal]", i);
		for (size_t j = 0; j < i; j++)
			if (p->needs[j].nutrient == n->nutrient)
				return cl_error_set(CL_EINVAL, "plan: needs[%zu]: nutrient given twice", i);
	}
	for (size_t i = 0; i < p->nlimits; i++) {
		const cl_plan_limit *l = &p->limits[i];
		if ((unsigned)l->nutrient >= CL_NUTRIENT_COUNT)
			return cl_error_set(CL_EINVAL, "plan: limits[%zu]: unknown nutrient", i);
		if (!finite_nonneg(l->current) || !isfinite(l->limit) || l->limit <= 0 ||
		    l->current > 1e7 || l->limit > 1e7)
			return cl_error_set(CL_EINVAL,
					    "plan: limits[%zu]: current must be >= 0 and limit > 0, both finite",
					    i);
	}
	for (size_t j = 0; j < p->nfoods; j++) {
		const cl_plan_food *f = &p->foods[j];
		if (!f->name || !f->ndb[0])
			return cl_error_set(CL_EINVAL, "plan: foods[%zu]: no name or NDB number", j);
		if (f->max_servings < 1 || f->max_servings > CL_PLAN_MAX_SERVINGS)
			return cl_error_set(CL_EINVAL, "plan: foods[%zu] (%s): max_servings must be 1..%d",
					    j, f->ndb, CL_PLAN_MAX_SERVINGS);
		if (!isfinite(f->serving.grams) || f->serving.grams <= 0 || f->serving.grams > 2000)
			return cl_error_set(CL_EINVAL, "plan: foods[%zu] (%s): serving must be in (0, 2000] g",
					    j, f->ndb);
		for (int k = 0; k < CL_NUTRIENT_COUNT; k++)
			if (!finite_nonneg(f->per_serving[k]) || f->per_serving[k] > 1e7)
				return cl_error_set(CL_EINVAL,
						    "plan: foods[%zu] (%s): nutrient %d must be finite and >= 0",
						    j, f->ndb, k);
	}
	return CL_OK;
}

/* What a need must gain, aiming margin above it so rounding cannot undo it. */
static double gap_to(const cl_plan_problem *p, const cl_plan_need *n, double level)
{
	return level * (1 + p->margin) - n->current;
}

/* --- building and solving ------------------------------------------------- */

static _Thread_local jmp_buf *glpk_escape;

static void on_glpk_error(void *info)
{
	(void)info;
	/* GLPK's state is unusable now: free all of it, then return to the caller. */
	glp_free_env();
	longjmp(*glpk_escape, 1);
}

/* A shortfall column: 0..upper, or fixed at 0 when there is nothing to fall short by. */
static void shortfall_bounds(glp_prob *lp, int col, double upper)
{
	if (upper > 0)
		glp_set_col_bnds(lp, col, GLP_DB, 0.0, upper);
	else
		glp_set_col_bnds(lp, col, GLP_FX, 0.0, 0.0);
}

/* A new problem to minimise, ncols x nrows, with room for cap matrix entries. */
static int start_program(struct program *g, int ncols, int nrows, size_t cap)
{
	g->lp = glp_create_prob();
	glp_set_obj_dir(g->lp, GLP_MIN);
	if (ncols > 0)
		glp_add_cols(g->lp, ncols);
	if (nrows > 0)
		glp_add_rows(g->lp, nrows);
	g->cap = cap;
	g->ia = malloc((cap + 1) * sizeof(int));
	g->ja = malloc((cap + 1) * sizeof(int));
	g->ar = malloc((cap + 1) * sizeof(double));
	return g->ia && g->ja && g->ar ? CL_OK : cl_error_oom();
}

/* Counts every entry but stores none past the room, which load_matrix() then refuses. */
static int add_entry(struct program *g, int *ne, int row, int col, double v)
{
	if (v == 0)
		return 0;
	if ((size_t)++*ne > g->cap)
		return 0;
	g->ia[*ne] = row;
	g->ja[*ne] = col;
	g->ar[*ne] = v;
	return 0;
}

static int load_matrix(struct program *g, int ne)
{
	if ((size_t)ne > g->cap)
		return cl_error_set(CL_EFAIL, "plan: internal error (matrix size)");
	glp_load_matrix(g->lp, ne, g->ia, g->ja, g->ar);
	return CL_OK;
}

/* Builds and solves; returns a CL code.  Columns: x 1..F, y F+1..2F, s1, s2. */
static int build_and_solve(struct program *g)
{
	const cl_plan_problem *p = g->p;
	int F = (int)p->nfoods, N = (int)p->nneeds, L = (int)p->nlimits;
	int ncols = 2 * F + 2 * N, nrows = N + L + 1 + F + 1;
	int ne = 0;

	int rc = start_program(g, ncols, nrows, (size_t)(F * (N + L + 1 + 2) + 2 * N + F + 8));
	if (rc)
		return rc;

	for (int j = 0; j < F; j++) {
		const cl_plan_food *f = &p->foods[j];
		int x = 1 + j, y = 1 + F + j;
		glp_set_col_kind(g->lp, x, GLP_IV);
		glp_set_col_bnds(g->lp, x, GLP_DB, 0.0, (double)f->max_servings);
		double cost = p->costs.per_serving +
			      p->costs.per_100kcal * f->per_serving[CL_N_ENERGY_KCAL] / 100.0 +
			      (f->common ? 0 : p->costs.uncommon_per_serving);
		glp_set_obj_coef(g->lp, x, cost);
		glp_set_col_kind(g->lp, y, GLP_BV);
		glp_set_obj_coef(g->lp, y, p->costs.per_item);
	}
	for (int i = 0; i < N; i++) {
		const cl_plan_need *n = &p->needs[i];
		int row = 1 + i, s1 = 1 + 2 * F + i, s2 = 1 + 2 * F + N + i;
		bool on = !g->use_need || g->use_need[i];
		double gap = gap_to(p, n, n->goal);
		double fb = isnan(n->fallback) ? gap : gap_to(p, n, n->fallback);
		if (fb < 0)
			fb = 0;
		if (!on || gap <= 0) {
			glp_set_row_bnds(g->lp, row, GLP_FR, 0.0, 0.0);
			shortfall_bounds(g->lp, s1, 0);
			shortfall_bounds(g->lp, s2, 0);
			continue;
		}
		glp_set_row_bnds(g->lp, row, GLP_LO, gap, 0.0);
		/* s1 covers the stretch between the fallback and the goal, s2 the rest. */
		shortfall_bounds(g->lp, s1, gap - fb);
		shortfall_bounds(g->lp, s2, fb);
		glp_set_obj_coef(g->lp, s1, PENALTY_BELOW_GOAL / gap);
		glp_set_obj_coef(g->lp, s2, PENALTY_BELOW_FALLBACK / gap);
		add_entry(g, &ne, row, s1, 1.0);
		add_entry(g, &ne, row, s2, 1.0);
		for (int j = 0; j < F; j++)
			add_entry(g, &ne, row, 1 + j, p->foods[j].per_serving[n->nutrient]);
		/* Foods that give more than the whole gap count as the gap: the same
		 * integer solutions, a tighter relaxation. */
		for (int k = ne; k > 0 && g->ia[k] == row; k--)
			if (g->ja[k] <= F && g->ar[k] > gap)
				g->ar[k] = gap;
	}
	for (int l = 0; l < L; l++) {
		const cl_plan_limit *lim = &p->limits[l];
		int row = 1 + N + l;
		if (!g->use_limits) {
			glp_set_row_bnds(g->lp, row, GLP_FR, 0.0, 0.0);
			continue;
		}
		/* Already over: the plan may add none of it. */
		double room = lim->limit - lim->current;
		glp_set_row_bnds(g->lp, row, GLP_UP, 0.0, room > 0 ? room : 0.0);
		for (int j = 0; j < F; j++)
			add_entry(g, &ne, row, 1 + j, p->foods[j].per_serving[lim->nutrient]);
	}
	int erow = 1 + N + L;
	if (g->use_energy)
		glp_set_row_bnds(g->lp, erow, GLP_UP, 0.0, p->energy_budget_kcal);
	else
		glp_set_row_bnds(g->lp, erow, GLP_FR, 0.0, 0.0);
	for (int j = 0; j < F; j++)
		add_entry(g, &ne, erow, 1 + j, p->foods[j].per_serving[CL_N_ENERGY_KCAL]);
	for (int j = 0; j < F; j++) {
		int row = 2 + N + L + j;
		glp_set_row_bnds(g->lp, row, GLP_UP, 0.0, 0.0);
		add_entry(g, &ne, row, 1 + j, 1.0);
		add_entry(g, &ne, row, 1 + F + j, -(double)p->foods[j].max_servings);
	}
	int irow = nrows;
	glp_set_row_bnds(g->lp, irow, GLP_UP, 0.0, (double)p->max_items);
	for (int j = 0; j < F; j++)
		add_entry(g, &ne, irow, 1 + F + j, 1.0);
	if ((rc = load_matrix(g, ne)))
		return rc;

	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = TIME_LIMIT_MS;
	/* Within 1% of the optimum is plenty for a ranking of foods, and
	 * quicker; a shortfall costs so much that 1% cannot hide an open gap.
	 * (GLPK's cuts made these programs slower, so they stay off.) */
	parm.mip_gap = MIP_GAP;
	int ret = glp_intopt(g->lp, &parm);
	int status = glp_mip_status(g->lp);
	switch (ret) {
	case 0:
	case GLP_ETMLIM:
	case GLP_EMIPGAP:
	case GLP_ESTOP:
		/* Stopped early: a feasible integer solution is still a plan. */
		if (status != GLP_OPT && status != GLP_FEAS)
			return cl_error_set(CL_EFAIL, "plan: GLPK found no integer solution (status %d)",
					    status);
		break;
	case GLP_ENOPFS:
	case GLP_ENODFS:
		/* Cannot happen (x = 0 is feasible); reported rather than trusted. */
		return cl_error_set(CL_EFAIL, "plan: GLPK reports the program infeasible (%d)", ret);
	case GLP_EBOUND:
	case GLP_EROOT:
	case GLP_EFAIL:
	default:
		return cl_error_set(CL_EFAIL, "plan: GLPK failed (glp_intopt returned %d)", ret);
	}
	for (int j = 0; j < F; j++) {
		double v = glp_mip_col_val(g->lp, 1 + j);
		long r = lround(v);
		g->x[j] = r < 0 ? 0 : r > p->foods[j].max_servings ? p->foods[j].max_servings : (int)r;
	}
	return CL_OK;
}

/*
 * The program for the exact search: the needs that are on and open (cover
 * rows, coefficients above the gap cut to the gap as in the MIP), the
 * limits and the energy budget that are on (packing rows), and the LP
 * relaxation without the item cap solved once by GLPK for its duals and
 * its x.  Returns 1 if the search gave up (the caller then runs the MIP).
 */
static int search_program(struct program *g, long node_limit)
{
	const cl_plan_problem *p = g->p;
	int F = (int)p->nfoods, N = 0, R = 0;
	int need_of[CL_PLAN_MAX_NEEDS];
	const cl_plan_limit *pack_of[CL_PLAN_MAX_LIMITS + 1];

	for (int i = 0; i < (int)p->nneeds; i++)
		if ((!g->use_need || g->use_need[i]) && gap_to(p, &p->needs[i], p->needs[i].goal) > 0)
			need_of[N++] = i;
	if (g->use_limits)
		for (size_t l = 0; l < p->nlimits; l++)
			pack_of[R++] = &p->limits[l];
	if (g->use_energy)
		pack_of[R++] = NULL; /* the energy budget */
	/* cost, hint F each; a N x F; gap, ub1, pen1, pen2, lambda N each;
	 * b R x F; room, mu R each. */
	size_t nd = (size_t)F * (2 + N + R) + 5 * (size_t)N + 2 * (size_t)R + 1;
	g->dense = calloc(nd, sizeof(*g->dense));
	g->imax = calloc((size_t)F + 1, sizeof(*g->imax));
	if (!g->dense || !g->imax)
		return cl_error_oom();
	double *cost = g->dense, *hint = cost + F, *a = hint + F, *gap = a + (size_t)N * F,
	       *ub1 = gap + N, *pen1 = ub1 + N, *pen2 = pen1 + N, *lambda = pen2 + N,
	       *b = lambda + N, *room = b + (size_t)R * F, *mu = room + R;
	for (int j = 0; j < F; j++) {
		const cl_plan_food *f = &p->foods[j];
		cost[j] = p->costs.per_serving + p->costs.per_100kcal * f->per_serving[CL_N_ENERGY_KCAL] / 100.0 +
			  (f->common ? 0 : p->costs.uncommon_per_serving);
		g->imax[j] = f->max_servings;
	}
	for (int i = 0; i < N; i++) {
		const cl_plan_need *n = &p->needs[need_of[i]];
		double gp = gap_to(p, n, n->goal);
		double fb = isnan(n->fallback) ? gp : gap_to(p, n, n->fallback);
		if (fb < 0)
			fb = 0;
		gap[i] = gp;
		ub1[i] = gp - fb > 0 ? gp - fb : 0;
		pen1[i] = PENALTY_BELOW_GOAL / gp;
		pen2[i] = PENALTY_BELOW_FALLBACK / gp;
		for (int j = 0; j < F; j++) {
			double v = p->foods[j].per_serving[n->nutrient];
			a[(size_t)i * F + j] = v > gp ? gp : v;
		}
	}
	for (int r = 0; r < R; r++) {
		const cl_plan_limit *lim = pack_of[r];
		cl_nutrient k = lim ? lim->nutrient : CL_N_ENERGY_KCAL;
		double rm = lim ? lim->limit - lim->current : p->energy_budget_kcal;
		room[r] = rm > 0 ? rm : 0;
		for (int j = 0; j < F; j++)
			b[(size_t)r * F + j] = p->foods[j].per_serving[k];
	}
	if (N > 0) {
		/* The LP: foods 1..F, s1 F+1..F+N, s2 F+N+1..F+2N; cover rows, then packing rows. */
		int ne = 0, rc;
		if ((rc = start_program(g, F + 2 * N, N + R,
					(size_t)F * (N + R) + 2 * (size_t)N + 1)))
			return rc;
		for (int j = 0; j < F; j++) {
			glp_set_col_bnds(g->lp, 1 + j, GLP_DB, 0.0, (double)g->imax[j]);
			glp_set_obj_coef(g->lp, 1 + j, cost[j]);
		}
		for (int i = 0; i < N; i++) {
			int s1 = 1 + F + i, s2 = 1 + F + N + i;
			shortfall_bounds(g->lp, s1, ub1[i]);
			shortfall_bounds(g->lp, s2, gap[i] - ub1[i]);
			glp_set_obj_coef(g->lp, s1, pen1[i]);
			glp_set_obj_coef(g->lp, s2, pen2[i]);
			glp_set_row_bnds(g->lp, 1 + i, GLP_LO, gap[i], 0.0);
			add_entry(g, &ne, 1 + i, s1, 1.0);
			add_entry(g, &ne, 1 + i, s2, 1.0);
			for (int j = 0; j < F; j++)
				add_entry(g, &ne, 1 + i, 1 + j, a[(size_t)i * F + j]);
		}
		for (int r = 0; r < R; r++) {
			glp_set_row_bnds(g->lp, 1 + N + r, GLP_UP, 0.0, room[r]);
			for (int j = 0; j < F; j++)
				add_entry(g, &ne, 1 + N + r, 1 + j, b[(size_t)r * F + j]);
		}
		if ((rc = load_matrix(g, ne)))
			return rc;
		glp_smcp parm;
		glp_init_smcp(&parm);
		parm.msg_lev = GLP_MSG_OFF;
		parm.tm_lim = TIME_LIMIT_MS;
		/* x = 0 with every shortfall at its bound is feasible, so the LP
		 * always has an optimum; if GLPK does not find it the bound is
		 * built from zero multipliers, still valid, only weaker. */
		if (glp_simplex(g->lp, &parm) == 0 && glp_get_status(g->lp) == GLP_OPT) {
			for (int i = 0; i < N; i++)
				lambda[i] = glp_get_row_dual(g->lp, 1 + i);
			for (int r = 0; r < R; r++)
				mu[r] = -glp_get_row_dual(g->lp, 1 + N + r);
			for (int j = 0; j < F; j++)
				hint[j] = glp_get_col_prim(g->lp, 1 + j);
		}
		glp_delete_prob(g->lp);
		g->lp = NULL;
	}
	cl_ps_program prog = {
		.nfoods = F, .cost = cost, .max = g->imax,
		.ncover = N, .a = a, .gap = gap, .ub1 = ub1, .pen1 = pen1, .pen2 = pen2,
		.npack = R, .b = b, .room = room,
		.max_items = (int)p->max_items,
		.item_cost = p->costs.per_item,
		.lambda = lambda, .mu = mu, .hint = hint,
		.node_limit = node_limit,
	};
	double z;
	int rc = cl_ps_search(&prog, g->x, &z);
	if (rc < 0)
		return cl_error_set(CL_EFAIL, "plan: the exact search failed (out of memory, or a program it refuses)");
	return rc;
}

static void release(struct program *g)
{
	if (g->lp)
		glp_delete_prob(g->lp);
	g->lp = NULL;
	free(g->ia);
	free(g->ja);
	free(g->ar);
	free(g->dense);
	free(g->imax);
	g->ia = g->ja = NULL;
	g->ar = g->dense = NULL;
	g->imax = NULL;
}

/* Runs one program under GLPK's error hook; x[] receives the servings. */
static int solve_program(const cl_plan_problem *p, const bool *use_need, bool use_limits,
			 bool use_energy, int *x, long node_limit)
{
	struct program prog = {p, use_need, use_limits, use_energy, NULL, NULL, NULL, NULL, 0, x, NULL, NULL};
	struct program *volatile g = &prog;
	jmp_buf escape;
	jmp_buf *volatile saved = glpk_escape;
	int rc;

	memset(x, 0, p->nfoods * sizeof(*x));
	if (p->nfoods == 0)
		return CL_OK;
	glpk_escape = &escape;
	if (setjmp(escape)) {
		/* GLPK freed everything of its own, the problem included. */
		glpk_escape = saved;
		g->lp = NULL;
		release(g);
		return cl_error_set(CL_EFAIL, "plan: GLPK stopped with an internal error");
	}
	glp_error_hook(on_glpk_error, NULL);
	glp_term_out(GLP_OFF);
	rc = search_program(g, node_limit);
	release(g);
	if (rc == 1) {
		/* Too many nodes: GLPK's branch and bound, within its 1% gap. */
		memset(x, 0, p->nfoods * sizeof(*x));
		rc = build_and_solve(g);
		release(g);
	}
	glp_error_hook(NULL, NULL);
	/* GLPK keeps one environment per thread; free it now, so that server
	 * threads do not each keep one (and leak it when they end). */
	glp_free_env();
	glpk_escape = saved;
	return rc;
}

/* --- the result ------------------------------------------------------------ */

static double added_by(const cl_plan_problem *p, const int *x, cl_nutrient nutrient)
{
	double sum = 0;
	for (size_t j = 0; j < p->nfoods; j++)
		sum += x[j] * p->foods[j].per_serving[nutrient];
	return sum;
}

static cl_plan_reach reach_of(const cl_plan_need *n, double after)
{
	if (after >= n->goal)
		return CL_PLAN_REACHES_GOAL;
	if (!isnan(n->fallback) && after >= n->fallback)
		return CL_PLAN_REACHES_FALLBACK;
	return CL_PLAN_SHORT;
}

static bool any_food_has(const cl_plan_problem *p, cl_nutrient nutrient)
{
	for (size_t j = 0; j < p->nfoods; j++)
		if (p->foods[j].per_serving[nutrient] > 0)
			return true;
	return false;
}

/* Which limit a plan for this need alone would break (first found), or NULL. */
static const cl_plan_limit *limit_broken(const cl_plan_problem *p, const int *x)
{
	for (size_t l = 0; l < p->nlimits; l++) {
		const cl_plan_limit *lim = &p->limits[l];
		double room = lim->limit - lim->current;
		if (added_by(p, x, lim->nutrient) > (room > 0 ? room : 0) + 1e-9)
			return lim;
	}
	return NULL;
}

/* Why need i stays short: solved again with only that need, then without limits. */
static int explain_short(cl_plan_outcome *o, const cl_plan_problem *p, size_t i, int *x,
			 long node_limit)
{
	const cl_plan_need *n = &p->needs[i];
	const char *level = isnan(n->fallback) ? "the AI" : "the EAR";
	bool only[CL_PLAN_MAX_NEEDS] = {false};
	int rc;

	if (!any_food_has(p, n->nutrient)) {
		snprintf(o->reason, sizeof(o->reason),
			 "no allowed food contains it; see supplements");
		return CL_OK;
	}
	only[i] = true;
	if ((rc = solve_program(p, only, false, true, x, node_limit)))
		return rc;
	if (reach_of(n, n->current + added_by(p, x, n->nutrient)) == CL_PLAN_SHORT) {
		snprintf(o->reason, sizeof(o->reason),
			 "no allowed food reaches %s within the energy budget (%.0f kcal) in %zu "
			 "foods; see supplements",
			 level, p->energy_budget_kcal, p->max_items);
		return CL_OK;
	}
	const cl_plan_limit *lim = limit_broken(p, x);
	if ((rc = solve_program(p, only, true, true, x, node_limit)))
		return rc;
	if (lim && reach_of(n, n->current + added_by(p, x, n->nutrient)) == CL_PLAN_SHORT) {
		const cl_nutrient_info *info = cl_nutrient_get(lim->nutrient);
		const char *what = info ? info->label : "a nutrient";
		const char *limit = lim->name ? lim->name : "limit";
		if (lim->current >= lim->limit)
			snprintf(o->reason, sizeof(o->reason),
				 "%s is already above its %s, and the foods that would reach %s "
				 "add more of it",
				 what, limit, level);
		else
			snprintf(o->reason, sizeof(o->reason),
				 "the foods that would reach %s would take %s above its %s", level, what,
				 limit);
		return CL_OK;
	}
	snprintf(o->reason, sizeof(o->reason),
		 "cannot be reached together with the other gaps within the energy budget "
		 "(%.0f kcal) and %zu foods",
		 p->energy_budget_kcal, p->max_items);
	return CL_OK;
}

int cl_plan_solve(cl_plan *out, const cl_plan_problem *p)
{
	return cl_plan_solve_nodes(out, p, SEARCH_NODE_LIMIT);
}

int cl_plan_solve_nodes(cl_plan *out, const cl_plan_problem *p, long node_limit)
{
	int *x = NULL, *scratch = NULL;
	int rc;

	if (!out)
		return cl_error_set(CL_EINVAL, "plan: no output");
	memset(out, 0, sizeof(*out));
	if ((rc = check_problem(p)))
		return rc;
	out->status = CL_PLAN_NONE_NEEDED;
	if (p->nneeds == 0)
		return CL_OK;
	x = calloc(p->nfoods + 1, sizeof(*x));
	scratch = calloc(p->nfoods + 1, sizeof(*scratch));
	out->items = calloc(p->nfoods + 1, sizeof(*out->items));
	if (!x || !scratch || !out->items) {
		rc = cl_error_oom();
		goto cleanup;
	}
	if ((rc = solve_program(p, NULL, true, true, x, node_limit)))
		goto cleanup;
	for (size_t j = 0; j < p->nfoods; j++) {
		if (x[j] <= 0)
			continue;
		out->items[out->nitems++] = (cl_plan_item){j, x[j]};
		out->energy_kcal += x[j] * p->foods[j].per_serving[CL_N_ENERGY_KCAL];
	}
	out->status = CL_PLAN_CLOSES_ALL;
	out->noutcomes = p->nneeds;
	for (size_t i = 0; i < p->nneeds; i++) {
		const cl_plan_need *n = &p->needs[i];
		cl_plan_outcome *o = &out->outcomes[i];
		o->nutrient = n->nutrient;
		o->added = added_by(p, x, n->nutrient);
		o->after = n->current + o->added;
		o->reach = reach_of(n, o->after);
		if (o->reach != CL_PLAN_SHORT)
			continue;
		out->status = CL_PLAN_PARTIAL;
		if ((rc = explain_short(o, p, i, scratch, node_limit)))
			goto cleanup;
	}
cleanup:
	free(x);
	free(scratch);
	if (rc)
		cl_plan_clear(out);
	return rc;
}

void cl_plan_clear(cl_plan *plan)
{
	if (!plan)
		return;
	free(plan->items);
	memset(plan, 0, sizeof(*plan));
}

const char *cl_plan_status_name(cl_plan_status s)
{
	static const char *const names[] = {"none_needed", "closes_all", "partial"};
	return (unsigned)s < sizeof(names) / sizeof(*names) ? names[s] : "partial";
}

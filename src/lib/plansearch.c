/*
 * The plan's exact search: depth-first branch and bound over whole servings.
 *
 * GLPK's branch and bound spent 2.5 M instructions on the week's plan and
 * 10-30 M on others (docs/performance.md, round 8): every node is an LP, and
 * the LP bound is 10-30% below the integer optimum, so thousands of nodes
 * are solved to close it.  These programs are small (at most a few dozen
 * foods, 0..3 servings, a handful of rows), so here a node costs a few
 * additions: the bound is Lagrangian, with the multipliers of one LP solved
 * at the root (plan.c passes its duals), which for fixed multipliers splits
 * into one term per food and is updated in O(1) as servings are fixed; a
 * second bound charges each need the shortfall that even every remaining
 * food at its maximum could not cover.  Packing rows and the item cap are
 * checked exactly as servings are added (all amounts are >= 0, so a row
 * once over stays over).  The answer is proven optimal, with a tie rule of
 * its own, or the search gives up after node_limit nodes and plan.c asks
 * GLPK instead.
 */
#include "plansearch.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct state {
	const cl_ps_program *g;
	int n;          /* foods searched (those with max > 0) */
	int *order;     /* foods in search order */
	int *vals;      /* per position: max+1 values in the order tried */
	double *remcap; /* (n + 1) x ncover: what positions d.. can still add */
	double *redlv;  /* (n + 1) x nfoods: reduced costs per level (see rebound) */
	double *devlv;  /* (n + 1) x (n + 1): per level, the least any position d.. adds to
			 * the bound by leaving its best value */
	double *add;    /* ncover: added so far */
	double *use;    /* npack: used so far */
	int *x, *best;
	double best_z;
	long nodes;
	bool stopped;
};

static double penalty(const cl_ps_program *g, int i, double s)
{
	if (s <= 0)
		return 0;
	if (s <= g->ub1[i])
		return g->pen1[i] * s;
	return g->pen1[i] * g->ub1[i] + g->pen2[i] * (s - g->ub1[i]);
}

/*
 * One food's part of the Lagrangian at v servings is r v + item_cost [v > 0]
 * (r its reduced cost): linear from 1 up, so its least is at 0, 1 or max,
 * and since item_cost >= 0 it is at 0 or max.
 */
static int best_value(double r, int m, double item)
{
	return m > 0 && r * m + item < 0 ? m : 0;
}

static double food_term(double r, int m, double item, int v)
{
	return v > 0 ? r * v + item : 0;
}

/* The least any value but the best adds to the bound (the term is linear from 1 up). */
static double deviation(double r, int m, double item)
{
	if (m == 0)
		return INFINITY;
	if (best_value(r, m, item) == 0) {
		double one = r + item, all = r * m + item;
		return one < all ? one : all;
	}
	/* At m: down to 0 gives up the whole term, to m - 1 one serving's r. */
	double none = -(r * m + item);
	return m >= 2 && -r < none ? -r : none;
}

double cl_ps_value(const cl_ps_program *g, const int *x)
{
	double z = 0;
	for (int j = 0; j < g->nfoods; j++)
		z += g->cost[j] * x[j] + (x[j] > 0 ? g->item_cost : 0);
	for (int i = 0; i < g->ncover; i++) {
		double added = 0;
		for (int j = 0; j < g->nfoods; j++)
			added += g->a[(size_t)i * g->nfoods + j] * x[j];
		z += penalty(g, i, g->gap[i] - added);
	}
	return z;
}

static double tie_tol(double z)
{
	return 1e-9 * (fabs(z) > 1 ? fabs(z) : 1);
}

/* The tie rule: more servings of earlier foods. */
static bool lex_greater(const int *x, const int *y, int n)
{
	for (int j = 0; j < n; j++)
		if (x[j] != y[j])
			return x[j] > y[j];
	return false;
}

static void leaf(struct state *s, double food_cost)
{
	const cl_ps_program *g = s->g;
	double z = food_cost;
	for (int i = 0; i < g->ncover; i++)
		z += penalty(g, i, g->gap[i] - s->add[i]);
	double tol = tie_tol(s->best_z);
	if (z < s->best_z - tol || (z <= s->best_z + tol && lex_greater(s->x, s->best, g->nfoods))) {
		s->best_z = z;
		memcpy(s->best, s->x, (size_t)g->nfoods * sizeof(*s->x));
	}
}

/* The shortfall each need keeps even if every food from position d on is at its maximum. */
static double cover_bound(const struct state *s, int d, double food_cost)
{
	const cl_ps_program *g = s->g;
	const double *cap = s->remcap + (size_t)d * g->ncover;
	double lb = food_cost;
	for (int i = 0; i < g->ncover; i++)
		lb += penalty(g, i, g->gap[i] - s->add[i] - cap[i]);
	return lb;
}

static bool prunable(const struct state *s, double lb)
{
	/* A slack above the incumbent, so float rounding in the bound cannot
	 * cut off a plan that ties (the tie rule must see every tie). */
	return lb > s->best_z + 1e-7 * (fabs(s->best_z) > 1 ? fabs(s->best_z) : 1);
}

/* Puts servings v of food j in or (v negative: -v) takes them out. */
static void move(struct state *s, int j, int v)
{
	const cl_ps_program *g = s->g;
	for (int q = 0; q < g->npack; q++)
		s->use[q] += g->b[(size_t)q * g->nfoods + j] * v;
	for (int i = 0; i < g->ncover; i++)
		s->add[i] += g->a[(size_t)i * g->nfoods + j] * v;
	s->x[j] += v;
}

static bool fits(const struct state *s, int j, int v)
{
	const cl_ps_program *g = s->g;
	for (int q = 0; q < g->npack; q++) {
		double u = s->use[q] + g->b[(size_t)q * g->nfoods + j] * v;
		if (u > g->room[q] + 1e-9 * (g->room[q] > 1 ? g->room[q] : 1))
			return false;
	}
	return true;
}

/* Every food from position d on at its best value, if that is feasible. */
static void forced(struct state *s, int d, double food_cost, int items, const double *red)
{
	const cl_ps_program *g = s->g;
	int e = d;
	bool ok = true;
	for (; e < s->n; e++) {
		int j = s->order[e];
		int m = best_value(red[j], g->max[j], g->item_cost);
		if (m == 0)
			continue;
		if (items >= g->max_items || !fits(s, j, m)) {
			ok = false;
			break;
		}
		move(s, j, m);
		food_cost += g->cost[j] * m + g->item_cost;
		items++;
	}
	s->nodes += s->n - d;
	if (ok)
		leaf(s, food_cost);
	while (--e >= d) {
		int j = s->order[e];
		int m = best_value(red[j], g->max[j], g->item_cost);
		if (m > 0)
			move(s, j, -m);
	}
}

/*
 * The bound again at position d after a need is covered: its multiplier
 * drops to 0 (more of it is worth nothing now), so the foods still to come
 * earn less.  Fills level d's reduced costs and deviations; returns the bound.
 */
static double rebound(struct state *s, int d, double food_cost)
{
	const cl_ps_program *g = s->g;
	int F = g->nfoods;
	double *red = s->redlv + (size_t)d * F, *dev = s->devlv + (size_t)d * (s->n + 1);
	double lam[64];
	double lb = food_cost;
	for (int i = 0; i < g->ncover; i++) {
		double r = g->gap[i] - s->add[i];
		double l = r > 0 && g->lambda && g->lambda[i] > 0 ? g->lambda[i] : 0;
		lam[i] = l;
		if (r <= 0)
			continue;
		/* The shortfall at its best for this multiplier: none, the
		 * stretch charged pen1, or all that is left. */
		double s1 = g->ub1[i] < r ? g->ub1[i] : r;
		double t = 0, t1 = penalty(g, i, s1) - l * s1, t2 = penalty(g, i, r) - l * r;
		t = t1 < t ? t1 : t;
		t = t2 < t ? t2 : t;
		lb += l * r + t;
	}
	for (int q = 0; q < g->npack; q++)
		if (g->mu && g->mu[q] > 0)
			lb -= g->mu[q] * (g->room[q] - s->use[q]);
	dev[s->n] = INFINITY;
	for (int e = s->n - 1; e >= d; e--) {
		int j = s->order[e];
		double rc = g->cost[j];
		for (int i = 0; i < g->ncover; i++)
			rc -= lam[i] * g->a[(size_t)i * F + j];
		for (int q = 0; q < g->npack; q++)
			if (g->mu && g->mu[q] > 0)
				rc += g->mu[q] * g->b[(size_t)q * F + j];
		red[j] = rc;
		lb += food_term(rc, g->max[j], g->item_cost, best_value(rc, g->max[j], g->item_cost));
		double dv = deviation(rc, g->max[j], g->item_cost);
		dev[e] = dv < dev[e + 1] ? dv : dev[e + 1];
	}
	return lb;
}

static unsigned covered(const struct state *s)
{
	unsigned mask = 0;
	for (int i = 0; i < s->g->ncover; i++)
		if (s->g->gap[i] - s->add[i] <= 0)
			mask |= 1u << i;
	return mask;
}

/* lv: the level whose reduced costs hold (the last one where a need was covered). */
static void dfs(struct state *s, int d, double lag, double food_cost, int items, int lv,
		unsigned mask)
{
	const cl_ps_program *g = s->g;
	if (s->stopped)
		return;
	if (d == s->n) {
		leaf(s, food_cost);
		return;
	}
	if (prunable(s, cover_bound(s, d, food_cost)))
		return;
	const double *red = s->redlv + (size_t)lv * g->nfoods;
	if (prunable(s, lag + s->devlv[(size_t)lv * (s->n + 1) + d])) {
		/* No food from here on can leave its best value (0, or its
		 * maximum where its reduced cost is negative): one completion. */
		forced(s, d, food_cost, items, red);
		return;
	}
	int j = s->order[d];
	int m = g->max[j];
	double r = red[j];
	double base = lag - food_term(r, m, g->item_cost, best_value(r, m, g->item_cost));
	const int *vals = s->vals + (size_t)d * (CL_PS_MAX_VALUES);
	for (int k = 0; k <= m; k++) {
		int v = vals[k];
		if (++s->nodes > g->node_limit) {
			s->stopped = true;
			return;
		}
		if (v > 0 && items >= g->max_items)
			continue;
		double child = base + food_term(r, m, g->item_cost, v);
		if (prunable(s, child))
			continue;
		if (v > 0 && !fits(s, j, v))
			continue;
		move(s, j, v);
		double fc = food_cost + g->cost[j] * v + (v > 0 ? g->item_cost : 0);
		unsigned now = v > 0 && g->ncover <= 32 ? covered(s) : mask;
		if (now != mask) {
			double lb = rebound(s, d + 1, fc);
			if (!prunable(s, lb))
				dfs(s, d + 1, lb, fc, items + 1, d + 1, now);
		} else
			dfs(s, d + 1, child, fc, items + (v > 0), lv, mask);
		move(s, j, -v);
		if (s->stopped)
			return;
	}
}

static bool valid(const cl_ps_program *g)
{
	if (g->nfoods < 0 || g->ncover < 0 || g->ncover > 32 || !(g->item_cost >= 0) ||
	    !isfinite(g->item_cost) || g->npack < 0 || g->max_items < 0 ||
	    (g->nfoods && (!g->cost || !g->max)) || (g->ncover && (!g->a || !g->gap || !g->ub1 ||
								   !g->pen1 || !g->pen2)) ||
	    (g->npack && (!g->b || !g->room)))
		return false;
	for (int j = 0; j < g->nfoods; j++)
		if (g->max[j] < 0 || g->max[j] >= CL_PS_MAX_VALUES || !(g->cost[j] >= 0))
			return false;
	return true;
}

/* Sorting context for qsort without a global: the keys travel with the indices. */
struct key {
	int food;
	double hint, red;
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	/* The LP's foods first (largest amount first), then the cheapest to add. */
	if (a->hint != b->hint)
		return a->hint > b->hint ? -1 : 1;
	if (a->red != b->red)
		return a->red < b->red ? -1 : 1;
	return a->food - b->food;
}

int cl_ps_search(const cl_ps_program *g, int *x, double *z)
{
	struct state s = {.g = g};
	struct key *keys = NULL;
	int rc = -1;

	if (!g || !x || !z || !valid(g))
		return -1;
	int F = g->nfoods, N = g->ncover;
	s.order = malloc(((size_t)F + 1) * sizeof(*s.order));
	s.vals = malloc(((size_t)F + 1) * CL_PS_MAX_VALUES * sizeof(*s.vals));
	s.redlv = malloc(((size_t)F + 1) * ((size_t)F + 1) * sizeof(*s.redlv));
	s.devlv = malloc(((size_t)F + 1) * ((size_t)F + 1) * sizeof(*s.devlv));
	s.remcap = calloc(((size_t)F + 1) * (N + 1), sizeof(*s.remcap));
	s.add = calloc((size_t)N + 1, sizeof(*s.add));
	s.use = calloc((size_t)g->npack + 1, sizeof(*s.use));
	s.x = calloc((size_t)F + 1, sizeof(*s.x));
	s.best = calloc((size_t)F + 1, sizeof(*s.best));
	keys = malloc(((size_t)F + 1) * sizeof(*keys));
	if (!s.order || !s.vals || !s.redlv || !s.devlv || !s.remcap || !s.add || !s.use || !s.x ||
	    !s.best || !keys)
		goto cleanup;

	/* The search order needs the root's reduced costs, which rebound()
	 * computes for the positions of an order: first all foods in index
	 * order, then again in the search order. */
	s.n = F;
	for (int j = 0; j < F; j++)
		s.order[j] = j;
	rebound(&s, 0, 0);
	s.n = 0;
	for (int j = 0; j < F; j++)
		if (g->max[j] > 0)
			keys[s.n++] = (struct key){j, g->hint && isfinite(g->hint[j]) ? g->hint[j] : 0,
						   s.redlv[j]};
	qsort(keys, (size_t)s.n, sizeof(*keys), key_cmp);
	for (int d = 0; d < s.n; d++) {
		int j = keys[d].food, m = g->max[j];
		double h = keys[d].hint;
		s.order[d] = j;
		/* Values nearest the LP's first, the larger of two equally near. */
		int *v = s.vals + (size_t)d * CL_PS_MAX_VALUES, k = 0;
		int lo = (int)floor(h), hi = lo + 1;
		if (lo > m)
			lo = m, hi = m + 1;
		if (lo < 0)
			lo = -1, hi = 0;
		while (k <= m) {
			bool take_hi = hi <= m && (lo < 0 || hi - h <= h - lo);
			if (take_hi)
				v[k++] = hi++;
			else
				v[k++] = lo--;
		}
	}
	for (int d = s.n - 1; d >= 0; d--) {
		int j = s.order[d];
		for (int i = 0; i < N; i++)
			s.remcap[(size_t)d * N + i] = s.remcap[(size_t)(d + 1) * N + i] +
						      g->a[(size_t)i * F + j] * g->max[j];
	}
	double lag = rebound(&s, 0, 0);
	/* Nothing at all is always feasible: the first incumbent. */
	s.best_z = cl_ps_value(g, s.best);
	dfs(&s, 0, lag, 0, 0, 0, 0);
	memcpy(x, s.best, (size_t)F * sizeof(*x));
	*z = s.best_z;
	rc = s.stopped ? 1 : 0;
cleanup:
	free(keys);
	free(s.order);
	free(s.vals);
	free(s.redlv);
	free(s.devlv);
	free(s.remcap);
	free(s.add);
	free(s.use);
	free(s.x);
	free(s.best);
	return rc;
}

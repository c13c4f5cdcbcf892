/**
 * @file cramplab/plan.h
 * @brief A few foods, in whole servings, that close the nutrient gaps.
 *
 * The plan is a small integer program: choose whole
 * servings (0..max_servings) of at most max_items candidate foods so that,
 * added to the person's usual intake, each needed nutrient reaches its goal
 * (the RDA or AI), falling back to the EAR where the goal cannot be
 * reached; the added energy stays within a budget; no nutrient with a limit
 * (UL, or the sodium CDRR) is pushed over it.  Among plans that do this the
 * cheapest wins: fewer servings, less energy, common foods before uncommon
 * ones.  Shortfalls are elastic (slack variables with large penalties), so
 * a problem whose gaps cannot all be closed still gives the best partial
 * plan, and cl_plan_solve says for each gap that remains why.
 *
 * It is solved exactly by a branch and bound of cramplab's own whose bound
 * comes from the LP relaxation, solved by GLPK (GLPK's own branch and bound
 * takes over, within a 1% gap, only on the rare program that needs too many
 * nodes).  Among plans of equal cost, more servings of the earlier foods win.
 * Every input is checked before GLPK sees it (GLPK aborts the process on
 * misuse), and GLPK's error hook returns control here if it fails anyway.
 */
#ifndef CRAMPLAB_PLAN_H
#define CRAMPLAB_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "cramplab/foodrules.h"
#include "cramplab/nutrient.h"

#define CL_PLAN_MAX_FOODS 200
#define CL_PLAN_MAX_NEEDS 16
#define CL_PLAN_MAX_LIMITS 16
#define CL_PLAN_MAX_SERVINGS 10
#define CL_PLAN_MAX_ITEMS 12

/** A nutrient below its goal. */
typedef struct {
	cl_nutrient nutrient;
	double current;  /**< mean daily intake now (food and supplements), >= 0 */
	double goal;     /**< RDA or AI, > 0 */
	double fallback; /**< EAR (<= goal), or NAN where there is none (AI nutrients) */
} cl_plan_need;

/** A nutrient whose total intake must stay at or below a limit. */
typedef struct {
	cl_nutrient nutrient;
	double current; /**< the part of intake the limit applies to now, >= 0 */
	double limit;   /**< UL or CDRR, > 0 */
	const char *name; /**< "UL" or "CDRR", for the reasons */
} cl_plan_limit;

/** A candidate food and what one serving of it gives. */
typedef struct {
	char ndb[8];
	const char *name;
	cl_serving serving;
	double per_serving[CL_NUTRIENT_COUNT]; /**< >= 0 (unknown counts as 0); energy must be known */
	int max_servings;                      /**< 1..CL_PLAN_MAX_SERVINGS */
	bool common;                           /**< an everyday food (cheaper in the objective) */
} cl_plan_food;

/** What one unit of each choice costs in the objective (all >= 0). */
typedef struct {
	double per_serving;
	double per_100kcal;
	double uncommon_per_serving;
	double per_item;
} cl_plan_costs;

typedef struct {
	const cl_plan_need *needs;
	size_t nneeds;
	const cl_plan_limit *limits;
	size_t nlimits;
	const cl_plan_food *foods;
	size_t nfoods;
	double energy_budget_kcal; /**< > 0 */
	size_t max_items;          /**< 1..CL_PLAN_MAX_ITEMS */
	double margin;             /**< aim this fraction above each goal (0..0.1), for rounding */
	cl_plan_costs costs;
} cl_plan_problem;

typedef enum {
	CL_PLAN_NONE_NEEDED, /**< no needs given */
	CL_PLAN_CLOSES_ALL,  /**< every need reaches at least its fallback (or goal without one) */
	CL_PLAN_PARTIAL      /**< some need stays short; see reason */
} cl_plan_status;

typedef enum {
	CL_PLAN_REACHES_GOAL,
	CL_PLAN_REACHES_FALLBACK,
	CL_PLAN_SHORT
} cl_plan_reach;

typedef struct {
	size_t food; /**< index into the problem's foods */
	int servings;
} cl_plan_item;

typedef struct {
	cl_nutrient nutrient;
	double added;
	double after;
	cl_plan_reach reach;
	char reason[200]; /**< why it stays short; "" otherwise */
} cl_plan_outcome;

typedef struct {
	cl_plan_status status;
	cl_plan_item *items;
	size_t nitems;
	double energy_kcal; /**< added by the plan */
	cl_plan_outcome outcomes[CL_PLAN_MAX_NEEDS]; /**< one per need, in the problem's order */
	size_t noutcomes;
} cl_plan;

/**
 * Solves the plan.  CL_EINVAL naming the bad input (a NaN, a negative
 * amount, too many foods ...); CL_EFAIL if GLPK fails.  A plan that cannot
 * close every gap is not an error: status CL_PLAN_PARTIAL with reasons.
 */
int cl_plan_solve(cl_plan *out, const cl_plan_problem *problem);
void cl_plan_clear(cl_plan *plan);

const char *cl_plan_status_name(cl_plan_status status);

#endif

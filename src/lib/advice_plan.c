/*
 * The assessment's food plan: turns the flagged gaps into a plan problem
 * (plan.c) and its answer into advice.plan and advice.plan_summary.
 *
 * The needs are the nutrients the food lists are shown for (flagged, not
 * already shown adequate, not water or sodium, not potassium under a
 * clinician's care); each aims at the RDA or AI, falling back to the EAR.
 * The candidates are the first foods of each need's list (the person's
 * pool, common foods first), which advice.c makes long enough.  The limits are every assessed nutrient's UL where it
 * applies to food (magnesium's applies to supplements only) and the sodium
 * CDRR.  The energy budget is a fraction of the IOM 2005 EER.  After the
 * plan is solved, each need's new mean is judged by the same IOM 2000
 * method as the diary, so "closes" means what a re-assessment will say.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess_internal.h"
#include "cramplab/json.h"
#include "cramplab/plan.h"
#include "cramplab/rich.h"
#include "error.h"
#include "fooddb_internal.h"
#include "rich_internal.h"

struct plan_input {
	cl_plan_need needs[CL_PLAN_MAX_NEEDS];
	const struct nutrient_state *need_state[CL_PLAN_MAX_NEEDS];
	size_t nneeds;
	cl_plan_limit limits[CL_PLAN_MAX_LIMITS];
	size_t nlimits;
	cl_plan_food *foods;
	char **names;
	size_t nfoods;
};

static double num(json_t *obj, const char *key, double fallback)
{
	json_t *v = json_object_get(obj, key);
	return json_is_number(v) ? json_number_value(v) : fallback;
}

/*
 * Estimated energy requirement, IOM 2005 (coefficients in factors.json
 * advice.plan.eer): a - b*age + PA*(c*kg + d*m) + e, PA "low active".
 * NAN if the data are missing.
 */
double cl_assess_eer(const struct work *w, json_t *eer)
{
	const cl_case_profile *p = &w->k->profile;
	bool adult = p->age >= 19;
	const char *which = p->sex == CL_SEX_MALE ? (adult ? "adult_male" : "child_male")
						   : (adult ? "adult_female" : "child_female");
	json_t *c = json_object_get(eer, which);
	if (!c)
		return NAN;
	bool young = p->age <= 13;
	double height = num(c, young ? "ref_height_m_9_13" : "ref_height_m", NAN);
	double weight = !isnan(p->weight_kg) ? p->weight_kg
					     : num(c, young ? "ref_weight_kg_9_13" : "ref_weight_kg", NAN);
	double kcal = num(c, "a", NAN) - num(c, "b", NAN) * p->age +
		      num(c, "pa_low_active", NAN) * (num(c, "c", NAN) * weight + num(c, "d", NAN) * height) +
		      num(c, "e", 0);
	if (p->pregnant)
		kcal += num(eer, "pregnancy_kcal", 0);
	if (p->lactating)
		kcal += num(eer, "lactation_kcal", 0);
	return isfinite(kcal) && kcal > 0 ? kcal : NAN;
}

static void free_input(struct plan_input *in)
{
	for (size_t i = 0; i < in->nfoods; i++)
		free(in->names[i]);
	free(in->names);
	free(in->foods);
}

/*
 * Adds a limit where the nutrient has a UL that applies to food, or the
 * CDRR.  Already above a UL, the plan may add none of the nutrient; already
 * above the sodium CDRR it may add a small allowance, since nearly every
 * food has a little sodium and the plan would otherwise be empty.
 */
static void add_limits(struct plan_input *in, const struct work *w, double allowance)
{
	for (int i = 0; i < CL_ASSESS_NUTRIENTS && in->nlimits < CL_PLAN_MAX_LIMITS; i++) {
		const struct nutrient_state *n = &w->nutr[i];
		if (!n->dri || isnan(n->mean))
			continue;
		bool supp_only = n->dri->ul_applies_to &&
				 strcmp(n->dri->ul_applies_to, "supplements") == 0;
		if (!isnan(n->dri->ul) && n->dri->ul > 0 && !supp_only)
			in->limits[in->nlimits++] = (cl_plan_limit){n->id, n->mean, n->dri->ul, "UL"};
		else if (!isnan(n->dri->cdrr) && n->dri->cdrr > 0) {
			double limit = n->mean >= n->dri->cdrr ? n->mean + allowance : n->dri->cdrr;
			in->limits[in->nlimits++] = (cl_plan_limit){n->id, n->mean, limit, "CDRR"};
		}
	}
}

static bool have_food(const struct plan_input *in, const char *ndb)
{
	for (size_t i = 0; i < in->nfoods; i++)
		if (strcmp(in->foods[i].ndb, ndb) == 0)
			return true;
	return false;
}

/*
 * The nutrients the plan reads of a candidate: energy, the needs and the
 * limits (plan.c reads no other).  The rest of per_serving stays 0.
 */
static size_t plan_nutrients(cl_nutrient *which, const struct plan_input *in)
{
	size_t n = 0;
	which[n++] = CL_N_ENERGY_KCAL;
	for (size_t i = 0; i < in->nneeds; i++)
		which[n++] = in->needs[i].nutrient;
	for (size_t i = 0; i < in->nlimits; i++)
		which[n++] = in->limits[i].nutrient;
	return n;
}

static int add_food(struct plan_input *in, const cl_rich_item *it, const cl_nutrient *which,
		    const double *per_100g, size_t nwhich, int max_servings)
{
	if (in->nfoods >= CL_PLAN_MAX_FOODS || have_food(in, it->ndb))
		return CL_OK;
	double kcal = per_100g[0];
	if (isnan(kcal) || kcal < 0 || !(it->serving.grams > 0)) {
		/* Energy unknown: the budget could not be kept, so no candidate. */
		return CL_OK;
	}
	cl_plan_food *f = &in->foods[in->nfoods];
	memset(f, 0, sizeof(*f));
	snprintf(f->ndb, sizeof(f->ndb), "%s", it->ndb);
	f->serving = it->serving;
	f->max_servings = max_servings;
	f->common = it->common;
	for (size_t k = 0; k < nwhich; k++) {
		double v = per_100g[k];
		f->per_serving[which[k]] = isfinite(v) && v > 0 ? v * it->serving.grams / 100.0 : 0;
	}
	/* The list's name is the food's (the pool reads it from the food table). */
	in->names[in->nfoods] = strdup(it->name);
	if (!in->names[in->nfoods])
		return cl_error_oom();
	f->name = in->names[in->nfoods];
	in->nfoods++;
	return CL_OK;
}

/*
 * The amounts of every candidate, out[i * nwhich + k]: from the pool cache's
 * arrays, a read a nutrient (add_food treats NAN and 0 alike, as the cache
 * needs), or else a seek a food and nutrient.
 */
static int candidate_amounts(double *out, const struct work *w, const cl_food_pool *pool,
			     const cl_rich_item *const *cand, size_t n, const cl_nutrient *which,
			     size_t nwhich)
{
	const char **ndbs = malloc((n + 1) * sizeof(*ndbs));
	int rc;

	if (!ndbs)
		return cl_error_oom();
	for (size_t i = 0; i < n; i++)
		ndbs[i] = cand[i]->ndb;
	rc = pool ? cl_food_pool_cached_pick(out, pool, ndbs, n, which, nwhich) : CL_ENOTFOUND;
	free(ndbs);
	if (rc != CL_ENOTFOUND)
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = cl_food_amounts(out + i * nwhich, w->a->db, cand[i]->ndb, which, nwhich)))
			return rc;
	return CL_OK;
}

static int add_candidates(struct plan_input *in, const struct work *w, const cl_rich_list *lists,
			  size_t nlists, const cl_food_pool *pool, json_t *cfg)
{
	size_t per = (size_t)num(cfg, "candidates_per_nutrient", 8);
	int max_servings = (int)num(cfg, "max_servings", 3);
	cl_nutrient which[1 + CL_PLAN_MAX_NEEDS + CL_PLAN_MAX_LIMITS];
	const cl_rich_item **cand = NULL, **seq = NULL;
	size_t *slot = NULL;
	double *amounts = NULL;
	size_t ncand = 0, nseq = 0, room = 0;
	int rc = CL_OK;

	if (per < 1 || per > 50)
		return cl_error_set(CL_EINVAL, "factors.json advice.plan.candidates_per_nutrient: 1..50");
	size_t nwhich = plan_nutrients(which, in);
	/* The candidates in the order they are tried (a food may come in the
	 * lists of two needs: seq/slot keep every visit, cand each food once);
	 * then the amounts of each food, all at once; then the visits in order. */
	for (size_t i = 0; i < in->nneeds; i++)
		for (size_t l = 0; l < nlists; l++)
			if (lists[l].nutrient == in->needs[i].nutrient)
				room += lists[l].count < per ? lists[l].count : per;
	/* Room for the foods that can come (each visit adds at most one), not
	 * for CL_PLAN_MAX_FOODS: clearing 200 foods of 77 amounts cost 0.14 M
	 * instructions, and add_food() clears each food it fills. */
	size_t most = room < CL_PLAN_MAX_FOODS ? room : CL_PLAN_MAX_FOODS;
	in->foods = malloc((most + 1) * sizeof(*in->foods));
	in->names = calloc(most + 1, sizeof(*in->names));
	cand = malloc((room + 1) * sizeof(*cand));
	seq = malloc((room + 1) * sizeof(*seq));
	slot = malloc((room + 1) * sizeof(*slot));
	if (!in->foods || !in->names || !cand || !seq || !slot) {
		rc = cl_error_oom();
		goto done;
	}
	for (size_t i = 0; i < in->nneeds; i++)
		for (size_t l = 0; l < nlists; l++) {
			if (lists[l].nutrient != in->needs[i].nutrient)
				continue;
			for (size_t j = 0; j < lists[l].count && j < per; j++) {
				const cl_rich_item *it = &lists[l].items[j];
				size_t c = 0;
				while (c < ncand && strcmp(cand[c]->ndb, it->ndb) != 0)
					c++;
				if (c == ncand)
					cand[ncand++] = it;
				seq[nseq] = it;
				slot[nseq++] = c;
			}
		}
	amounts = malloc((ncand * nwhich + 1) * sizeof(*amounts));
	if (!amounts) {
		rc = cl_error_oom();
		goto done;
	}
	if ((rc = candidate_amounts(amounts, w, pool, cand, ncand, which, nwhich)))
		goto done;
	for (size_t k = 0; k < nseq; k++)
		if ((rc = add_food(in, seq[k], which, amounts + slot[k] * nwhich, nwhich,
				   max_servings)))
			goto done;
done:
	free(cand);
	free(seq);
	free(slot);
	free(amounts);
	return rc;
}

/* Would a re-assessment of this mean find the need met (p >= 0.5, or the AI reached)? */
static int judge_after(cl_adequacy *adq, bool *met, const struct work *w,
		       const struct nutrient_state *n, double after)
{
	int rc = cl_adequacy_assess(adq, w->a->kb, &w->dri, n->key, after, (int)w->ndays);
	if (rc)
		return rc;
	switch (adq->method) {
	case CL_ADEQ_METHOD_EAR:
	case CL_ADEQ_METHOD_IRON_TABLE:
		*met = !isnan(adq->p_adequate) && adq->p_adequate >= 0.5;
		break;
	case CL_ADEQ_METHOD_AI:
		*met = after >= n->dri->ai;
		break;
	default:
		*met = !isnan(n->dri->ear) && after >= n->dri->ear;
		break;
	}
	return CL_OK;
}

static json_t *item_json(const cl_plan_food *f, int servings, const struct plan_input *in)
{
	json_t *adds = json_object();
	if (!adds)
		return NULL;
	for (size_t i = 0; i < in->nneeds; i++)
		json_object_set_new(adds, in->need_state[i]->key,
				    json_real(servings * f->per_serving[in->needs[i].nutrient]));
	json_object_set_new(adds, "energy_kcal", json_real(servings * f->per_serving[CL_N_ENERGY_KCAL]));
	return json_pack("{s:s, s:s, s:f, s:s, s:i, s:o}", "ndb", f->ndb, "name", f->name, "grams",
			 servings * f->serving.grams, "serving", f->serving.label, "servings", servings,
			 "adds", adds);
}

static int summarise(json_t *advice, const struct work *w, const struct plan_input *in,
		     const cl_plan *plan, double budget)
{
	json_t *items = json_array(), *closes = json_array(), *remaining = json_array(),
	       *after = json_object();
	int rc = CL_OK;
	bool all = true;

	if (!items || !closes || !remaining || !after) {
		rc = cl_error_oom();
		goto fail;
	}
	for (size_t i = 0; i < plan->nitems; i++) {
		json_t *o = item_json(&in->foods[plan->items[i].food], plan->items[i].servings, in);
		if (!o || json_array_append_new(items, o)) {
			rc = cl_error_oom();
			goto fail;
		}
	}
	for (size_t i = 0; i < plan->noutcomes; i++) {
		const cl_plan_outcome *o = &plan->outcomes[i];
		const struct nutrient_state *n = in->need_state[i];
		cl_adequacy adq;
		bool met = false;
		if ((rc = judge_after(&adq, &met, w, n, o->after)))
			goto fail;
		json_object_set_new(after, n->key,
				    json_pack("{s:f, s:o, s:s}", "mean", o->after, "probability_adequate",
					      cl_json_number_or_null(adq.p_adequate), "method",
					      cl_adeq_method_name(adq.method)));
		if (o->reach != CL_PLAN_SHORT && met) {
			json_array_append_new(closes, json_string(n->key));
			continue;
		}
		all = false;
		const char *why = o->reason[0] ? o->reason
				  : "the plan reaches the EAR, but the probability of adequacy "
				    "stays below 0.5; see supplements";
		json_array_append_new(remaining, json_pack("{s:s, s:s}", "nutrient", n->key, "reason", why));
	}
	const char *status = plan->status == CL_PLAN_NONE_NEEDED ? "none_needed"
			     : all			       ? "closes_all"
							       : "partial";
	json_object_set_new(advice, "plan", items);
	json_object_set_new(advice, "plan_summary",
			    json_pack("{s:s, s:f, s:o, s:o, s:o, s:o}", "status", status, "energy_kcal",
				      plan->energy_kcal, "energy_budget_kcal",
				      cl_json_number_or_null(budget), "closes", closes, "remaining",
				      remaining, "after", after));
	return CL_OK;
fail:
	json_decref(items), json_decref(closes), json_decref(remaining), json_decref(after);
	return rc;
}

/* The needs: the nutrients of the food lists, each still below its goal. */
static void add_needs(struct plan_input *in, const struct work *w, const cl_rich_list *lists,
		      size_t nlists)
{
	for (size_t i = 0; i < nlists && in->nneeds < CL_PLAN_MAX_NEEDS; i++) {
		const cl_nutrient_info *info = cl_nutrient_get(lists[i].nutrient);
		const struct nutrient_state *n = info ? cl_work_nutrient(w, info->key) : NULL;
		if (!n || !n->dri || isnan(n->mean) || w->ndays == 0)
			continue;
		double goal = !isnan(n->dri->rda) ? n->dri->rda : n->dri->ai;
		if (!(goal > 0) || n->mean >= goal)
			continue;
		double fallback = !isnan(n->dri->rda) && n->dri->ear > 0 && n->dri->ear <= goal
					  ? n->dri->ear
					  : NAN;
		in->need_state[in->nneeds] = n;
		in->needs[in->nneeds++] = (cl_plan_need){n->id, n->mean, goal, fallback};
	}
}

int cl_assess_plan(struct work *w, const cl_rich_list *lists, size_t nlists,
		   const cl_food_pool *pool, json_t *advice)
{
	json_t *cfg = json_object_get(json_object_get(w->a->factors, "advice"), "plan");
	struct plan_input in = {0};
	cl_plan plan = {0};
	int rc;

	if (!json_is_object(cfg))
		return cl_error_set(CL_EINVAL, "factors.json: advice.plan is missing");
	double eer = cl_assess_eer(w, json_object_get(cfg, "eer"));
	double budget = num(cfg, "energy_fraction", NAN) * eer;
	add_needs(&in, w, lists, nlists);
	if (in.nneeds == 0) {
		rc = summarise(advice, w, &in, &plan, budget);
		goto cleanup;
	}
	if (!isfinite(budget) || budget <= 0) {
		rc = cl_error_set(CL_EINVAL, "plan: cannot estimate energy needs");
		goto cleanup;
	}
	add_limits(&in, w, num(cfg, "over_cdrr_allowance_mg", 0));
	if ((rc = add_candidates(&in, w, lists, nlists, pool, cfg)))
		goto cleanup;
	json_t *costs = json_object_get(cfg, "costs");
	cl_plan_problem p = {
		.needs = in.needs,
		.nneeds = in.nneeds,
		.limits = in.limits,
		.nlimits = in.nlimits,
		.foods = in.foods,
		.nfoods = in.nfoods,
		.energy_budget_kcal = budget,
		.max_items = (size_t)num(cfg, "max_items", 6),
		.margin = num(cfg, "margin", 0.01),
		.costs = {num(costs, "per_serving", 1), num(costs, "per_100kcal", 1),
			  num(costs, "uncommon_per_serving", 2), num(costs, "per_item", 0.5)},
	};
	if ((rc = cl_plan_solve(&plan, &p)))
		goto cleanup;
	rc = summarise(advice, w, &in, &plan, budget);
cleanup:
	cl_plan_clear(&plan);
	free_input(&in);
	return rc;
}

/*
 * Advice from the findings: foods first (the best sources for each flagged
 * nutrient that fit the person's diet), then supplements only where food
 * may not be enough, never above the upper limit for the life stage, with
 * the cautions the sources name; then hydration around exercise, which
 * never tells an over-drinker to drink more; then recovery, each item with
 * its level of evidence; and a plan of a few foods in whole servings that
 * closes the gaps (advice_plan.c).  Templates and amounts come from data/factors.json.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess_internal.h"
#include "cramplab/json.h"
#include "cramplab/rich.h"
#include "error.h"

static const char *strength_of(const struct work *w, const char *factor)
{
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(w->doc, "findings"), i, f)
	{
		if (strcmp(json_string_value(json_object_get(f, "factor")), factor) == 0)
			return json_string_value(json_object_get(f, "strength"));
	}
	return "none";
}

static bool flagged(const struct work *w, const char *factor)
{
	return strcmp(strength_of(w, factor), "none") != 0;
}

static bool has_med_or_condition(const struct work *w, const char *const *ids)
{
	for (size_t i = 0; i < w->nmeds + w->nconds; i++) {
		const struct med_state *m = i < w->nmeds ? &w->meds[i] : &w->conds[i - w->nmeds];
		for (int j = 0; m->info && ids[j]; j++)
			if (strcmp(m->info->id, ids[j]) == 0)
				return true;
	}
	return false;
}

/* Potassium-rich food lists are still food, but with kidney disease or
 * potassium-keeping medicines a clinician should set the amount. */
static bool potassium_caution(const struct work *w)
{
	static const char *const ids[] = {"chronic_kidney_disease", "potassium_sparing_diuretic",
					  "ace_inhibitor", "arb", NULL};
	return has_med_or_condition(w, ids);
}

/*
 * The food lists.  lists[] keeps each nutrient's list (the plan's needs and
 * candidates), longer than shown when the plan wants more candidates;
 * the caller clears them.
 */
static int foods_advice(const struct work *w, json_t *foods, json_t *notes, cl_rich_list *lists,
			size_t *nlists, cl_food_pool **pool_out)
{
	const cl_case_profile *p = &w->k->profile;
	static const char *const diets[] = {"omnivore", "vegetarian", "vegan"};
	const char *avoid[32];
	size_t navoid = 0;
	json_t *factors = json_object_get(w->a->factors, "factors");
	json_int_t per = json_integer_value(
		json_object_get(json_object_get(w->a->factors, "advice"), "foods_per_nutrient"));
	const char *name;
	json_t *fd;
	int rc;

	for (size_t i = 0; i < p->navoid && navoid < 32; i++)
		avoid[navoid++] = p->avoid[i];
	cl_food_filter filter = {.diet = diets[p->diet], .avoid = avoid, .navoid = navoid};
	json_int_t cands = json_integer_value(json_object_get(
		json_object_get(json_object_get(w->a->factors, "advice"), "plan"),
		"candidates_per_nutrient"));
	size_t shown = per > 0 ? (size_t)per : 5;
	size_t limit = cands > 0 && (size_t)cands > shown ? (size_t)cands : shown;
	cl_food_pool *pool = NULL;
	*nlists = 0;
	*pool_out = NULL;
	if ((rc = cl_food_rules_check_filter(w->a->food_rules, &filter)))
		return cl_error_prefix("profile.avoid: ");
	json_object_foreach(factors, name, fd)
	{
		const char *key = json_string_value(json_object_get(fd, "nutrient"));
		if (!key || !flagged(w, name) || strcmp(key, "water_g") == 0 ||
		    strcmp(key, "sodium_mg") == 0)
			continue;
		const struct nutrient_state *n = cl_work_nutrient(w, key);
		if (n && n->assessed && n->adequacy.conclusion == CL_ADEQ_ADEQUATE)
			continue; /* the diet already covers it: the finding rests on something else */
		if (strcmp(name, "potassium") == 0 && potassium_caution(w)) {
			json_array_append_new(notes, json_string(
				"Potassium: with kidney disease or potassium-keeping medicines, ask your "
				"clinician how much potassium-rich food is right for you."));
			continue;
		}
		double target = NAN;
		if (n && n->dri)
			target = !isnan(n->dri->rda) ? n->dri->rda : n->dri->ai;
		/* One pool for all nutrients: the diet filter and servings are worked out once. */
		if (!pool && (rc = cl_food_pool_new(&pool, w->a->db, w->a->food_rules, &filter)))
			return rc;
		if (*nlists == CL_ASSESS_NUTRIENTS)
			break;
		cl_rich_list *list = &lists[*nlists];
		if ((rc = cl_food_pool_rich(list, pool, cl_nutrient_by_key(key), target, limit))) {
			cl_food_pool_free(pool);
			return rc;
		}
		(*nlists)++;
		for (size_t i = 0; i < list->count && i < shown; i++) {
			const cl_rich_item *it = &list->items[i];
			json_array_append_new(
				foods, json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:o, s:o}", "nutrient", key,
						 "ndb", it->ndb, "name", it->name, "serving",
						 it->serving.label, "grams", it->serving.grams, "amount",
						 it->per_serving, "per_100kcal",
						 cl_json_number_or_null(it->per_100kcal), "percent_target",
						 cl_json_number_or_null(it->percent_target)));
		}
	}
	*pool_out = pool; /* the plan reads its candidates' amounts from it */
	return CL_OK;
}

static bool wants_supplement(const struct work *w, const char *factor, json_t *supp)
{
	/* The 'never without a prescription' line matters most to those at risk of
	 * potassium building up, whether or not potassium is a finding. */
	if (json_is_true(json_object_get(supp, "never")))
		return flagged(w, factor) || (strcmp(factor, "potassium") == 0 && potassium_caution(w));
	if (json_is_true(json_object_get(supp, "requires_confirmed_deficiency"))) {
		const cl_lab_result *r = cl_work_lab(w, "ferritin");
		return r && strcmp(r->band, "low") == 0;
	}
	if (strcmp(factor, "vitamin_b12") == 0) {
		static const char *const ids[] = {"vegan_diet", "older_age", "metformin", "ppi",
						  "h2_blocker", "bariatric_surgery", NULL};
		return flagged(w, factor) || has_med_or_condition(w, ids);
	}
	if (strcmp(factor, "vitamin_d") == 0) {
		static const char *const ids[] = {"little_sun", NULL};
		return flagged(w, factor) && (has_med_or_condition(w, ids) ||
					      strcmp(strength_of(w, factor), "low") != 0);
	}
	return strcmp(strength_of(w, factor), "moderate") == 0 ||
	       strcmp(strength_of(w, factor), "high") == 0;
}

static int supplements_advice(const struct work *w, json_t *out)
{
	json_t *factors = json_object_get(w->a->factors, "factors");
	const char *name;
	json_t *fd;

	json_object_foreach(factors, name, fd)
	{
		json_t *supp = json_object_get(fd, "supplement");
		const char *key = json_string_value(json_object_get(fd, "nutrient"));
		if (!supp || !key || !wants_supplement(w, name, supp))
			continue;
		const struct nutrient_state *n = cl_work_nutrient(w, key);
		json_t *cautions = json_array(), *sources = json_array();
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(supp, "cautions"), i, v)
		{
			json_array_append_new(cautions, json_copy(v));
		}
		json_array_append_new(cautions, json_string("See a clinician before starting a supplement."));
		if (strcmp(name, "magnesium") == 0 && potassium_caution(w) &&
		    has_med_or_condition(w, (const char *const[]){"chronic_kidney_disease", NULL}))
			json_array_append_new(cautions, json_string(
				"You have kidney disease: take magnesium only if your clinician prescribes it."));
		cl_cite_factor_ids(sources, w, json_object_get(supp, "sources"));
		double max = NAN, low = json_number_value(json_object_get(supp, "daily_low"));
		if (!json_is_true(json_object_get(supp, "never"))) {
			max = json_number_value(json_object_get(supp, "daily_high"));
			if (n && n->dri && !isnan(n->dri->ul)) {
				/* Never past the UL: for a UL on total intake, leave room for food. */
				bool supp_only = n->dri->ul_applies_to &&
						 strcmp(n->dri->ul_applies_to, "supplements") == 0;
				double room = n->dri->ul - (supp_only || isnan(n->mean) ? 0 : n->mean);
				if (room < max)
					max = room > 0 ? room : 0;
				cl_cite_list(sources, w, &n->dri->sources);
			}
			if (low > max)
				low = max;
		}
		json_array_append_new(
			out, json_pack("{s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:o}", "nutrient", key, "factor",
				       name, "min_daily",
				       json_is_true(json_object_get(supp, "never")) ? json_null()
										   : json_real(low),
				       "max_daily", cl_json_number_or_null(max), "unit",
				       json_string_value(json_object_get(supp, "unit")), "when",
				       json_string_value(json_object_get(supp, "when")), "cautions",
				       cautions, "sources", sources));
	}
	return CL_OK;
}

/* Fills {name} fields of a template from the values given. */
static void fill(char *out, size_t size, const char *tmpl, const char *const *names,
		 const char *const *values)
{
	size_t o = 0;
	for (const char *p = tmpl; *p && o + 1 < size;) {
		bool done = false;
		if (*p == '{')
			for (int i = 0; names[i]; i++) {
				size_t len = strlen(names[i]);
				if (strncmp(p + 1, names[i], len) == 0 && p[1 + len] == '}') {
					o += (size_t)snprintf(out + o, size - o, "%s", values[i]);
					p += len + 2;
					done = true;
					break;
				}
			}
		if (!done)
			out[o++] = *p++;
		if (o >= size)
			o = size - 1;
	}
	out[o] = '\0';
}

static void hydration_advice(const struct work *w, json_t *out, json_t *sources)
{
	json_t *t = json_object_get(json_object_get(w->a->factors, "advice"), "hydration");
	const char *names[] = {"pre_low", "pre_high", "replace_low", "replace_high", "water_l",
			       "ai_l",    "sodium_mg", NULL};
	char v[7][32], text[1024];
	const char *values[7];
	bool overdrank = false;
	double worst_low = 0, worst_high = 0, sodium = 0;

	for (int i = 0; i < 7; i++)
		values[i] = v[i];
	for (size_t i = 0; i < w->nsweat; i++) {
		overdrank |= w->sweat[i].overdrank;
		if (w->sweat[i].replace_high_l > worst_high) {
			worst_low = w->sweat[i].replace_low_l;
			worst_high = w->sweat[i].replace_high_l;
		}
		if (w->sweat[i].sodium_loss_mg > sodium)
			sodium = w->sweat[i].sodium_loss_mg;
	}
	double kg = w->k->profile.weight_kg;
	snprintf(v[0], 32, "%.0f", isnan(kg) ? 0 : 5 * kg);
	snprintf(v[1], 32, "%.0f", isnan(kg) ? 0 : 7 * kg);
	snprintf(v[2], 32, "%.1f", worst_low);
	snprintf(v[3], 32, "%.1f", worst_high);
	const struct nutrient_state *water = cl_work_nutrient(w, "water_g");
	snprintf(v[4], 32, "%.1f", water && !isnan(water->mean) ? water->mean / 1000 : 0);
	snprintf(v[5], 32, "%.1f", water && water->dri ? water->dri->ai / 1000 : 0);
	snprintf(v[6], 32, "%.0f", sodium);

	/* Low blood sodium: extra water lowers it further, whatever the diary says. */
	const cl_lab_result *na = cl_work_lab(w, "sodium");
	bool low_sodium = na && strstr(na->band, "low") != NULL;
	if (overdrank || low_sodium) {
		/* Never advise drinking more to someone who drank beyond their losses,
		 * nor to someone whose sodium is already low. */
		if (overdrank)
			json_array_append_new(
				out, json_string(json_string_value(json_object_get(t, "overdrinking"))));
		if (low_sodium)
			json_array_append_new(
				out, json_string(json_string_value(json_object_get(t, "low_sodium"))));
	} else {
		if (w->nsweat && !isnan(kg)) {
			fill(text, sizeof(text), json_string_value(json_object_get(t, "before")), names, values);
			json_array_append_new(out, json_string(text));
		}
		if (worst_high > 0) {
			fill(text, sizeof(text), json_string_value(json_object_get(t, "after")), names, values);
			json_array_append_new(out, json_string(text));
		}
		if (water && water->dri && !isnan(water->mean) && !isnan(water->dri->ai) &&
		    water->mean < water->dri->ai) {
			fill(text, sizeof(text), json_string_value(json_object_get(t, "daily_low")), names,
			     values);
			json_array_append_new(out, json_string(text));
		}
		double notable = json_number_value(json_object_get(
			json_object_get(w->a->factors, "advice"), "sodium_loss_mg_notable"));
		if (sodium > notable) {
			fill(text, sizeof(text), json_string_value(json_object_get(t, "salty_sweater")),
			     names, values);
			json_array_append_new(out, json_string(text));
		}
	}
	cl_cite_factor_ids(sources, w, json_object_get(t, "sources"));
}

static int strength_rank(const char *s)
{
	static const char *const names[] = {"none", "low", "moderate", "high"};
	for (int i = 0; s && i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* Whether a recovery item's condition ({"factor", "strength_at_least"}),
 * checked when the assessor was opened, holds for this assessment. */
static bool condition_holds(const struct work *w, const json_t *cond)
{
	const char *factor = json_string_value(json_object_get(cond, "factor"));
	int min = strength_rank(json_string_value(json_object_get(cond, "strength_at_least")));
	return factor && strength_rank(strength_of(w, factor)) >= min;
}

int cl_advice_check_factors(const json_t *factors, const char *path)
{
	size_t i;
	json_t *r;
	static const char *const keys[] = {"show_if", "hide_if"};
	json_array_foreach(json_object_get(json_object_get(factors, "advice"), "recovery"), i, r)
	{
		for (size_t k = 0; k < 2; k++) {
			const json_t *cond = json_object_get(r, keys[k]);
			const char *factor = json_string_value(json_object_get(cond, "factor"));
			if (!cond)
				continue;
			if (!factor || !json_object_get(json_object_get(factors, "factors"), factor) ||
			    strength_rank(json_string_value(
				    json_object_get(cond, "strength_at_least"))) < 0)
				return cl_error_set(CL_EINVAL,
						    "%s: advice.recovery[%zu].%s: expected {\"factor\": "
						    "a factor of \"factors\", \"strength_at_least\": "
						    "\"none|low|moderate|high\"}",
						    path, i, keys[k]);
		}
	}
	return CL_OK;
}

static void recovery_advice(const struct work *w, json_t *out)
{
	size_t i;
	json_t *r;
	const struct nutrient_state *omega = cl_work_nutrient(w, "omega3_g");
	json_array_foreach(json_object_get(json_object_get(w->a->factors, "advice"), "recovery"), i, r)
	{
		/* Stretching a suspected tear does harm, and advice on strains is
		 * noise beside night cramps: items may depend on the findings. */
		json_t *show = json_object_get(r, "show_if"), *hide = json_object_get(r, "hide_if");
		if ((show && !condition_holds(w, show)) || (hide && condition_holds(w, hide)))
			continue;
		json_t *o = json_pack("{s:O, s:O}", "advice", json_object_get(r, "advice"), "evidence",
				      json_object_get(r, "evidence"));
		if (!o)
			continue;
		if (json_object_get(r, "note"))
			json_object_set(o, "note", json_object_get(r, "note"));
		json_t *src = json_array();
		cl_cite_factor_ids(src, w, json_object_get(r, "sources"));
		json_object_set_new(o, "sources", src);
		if (strstr(json_string_value(json_object_get(r, "advice")), "omega-3") && omega &&
		    !isnan(omega->mean)) {
			char text[160];
			snprintf(text, sizeof(text), "Your diary gives %s%.2f g of omega-3 fats a day.",
				 omega->missing_days ? "at least " : "", omega->mean);
			json_object_set_new(o, "your_intake", json_string(text));
		}
		json_array_append_new(out, o);
	}
}

int cl_assess_advice(struct work *w)
{
	json_t *advice = json_object(), *foods = json_array(), *supps = json_array(),
	       *hyd = json_array(), *rec = json_array(), *notes = json_array(), *src = json_array();
	int rc;

	if (!advice || !foods || !supps || !hyd || !rec || !notes || !src) {
		json_decref(advice), json_decref(foods), json_decref(supps), json_decref(hyd);
		json_decref(rec), json_decref(notes), json_decref(src);
		return cl_error_oom();
	}
	json_object_set_new(w->doc, "advice", advice);
	json_object_set_new(advice, "foods", foods);
	json_object_set_new(advice, "supplements", supps);
	json_object_set_new(advice, "hydration", hyd);
	json_object_set_new(advice, "recovery", rec);
	json_object_set_new(advice, "notes", notes);
	json_object_set_new(advice, "sources", src);
	cl_rich_list lists[CL_ASSESS_NUTRIENTS];
	size_t nlists = 0;
	cl_food_pool *pool = NULL;
	rc = foods_advice(w, foods, notes, lists, &nlists, &pool);
	if (!rc)
		rc = cl_assess_plan(w, lists, nlists, pool, advice);
	cl_food_pool_free(pool);
	for (size_t i = 0; i < nlists; i++)
		cl_rich_list_clear(&lists[i]);
	if (rc || (rc = supplements_advice(w, supps)))
		return rc;
	/* With an emergency, the only advice that matters now is the triage's:
	 * routine drinking advice would sit oddly beside "go to hospital". */
	const char *level = json_string_value(json_object_get(json_object_get(w->doc, "triage"), "level"));
	if (level && strcmp(level, "emergency") == 0)
		json_array_append_new(notes, json_string("Get the emergency care above first; the food "
							 "and recovery advice here is for later."));
	else
		hydration_advice(w, hyd, src);
	recovery_advice(w, rec);
	return CL_OK;
}

/*
 * `cramplab explain FACTOR`: what a factor does in muscle and nerve, how a
 * shortfall shows, who is at risk, what the evidence does and does not
 * show (with the seed article's claims corrected where the sources
 * disagree), the upper limit for the person's life stage, the best food
 * sources from the database, and the sources.  The assessment's findings
 * point here, so a person can read the reasoning behind each one.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess_internal.h"
#include "cramplab/json.h"
#include "cramplab/rich.h"
#include "error.h"

static void copy_text(json_t *out, json_t *factor, const char *key)
{
	json_t *v = json_object_get(factor, key);
	if (json_is_string(v))
		json_object_set(out, key, v);
}

static int known_factors(const cl_assessor *a, const char *factor)
{
	char list[512] = "";
	size_t len = 0;
	const char *name;
	json_t *v;
	json_object_foreach(json_object_get(a->factors, "factors"), name, v)
	{
		len += (size_t)snprintf(list + len, len < sizeof(list) ? sizeof(list) - len : 0, "%s%s",
					len ? ", " : "", name);
	}
	return cl_error_set(CL_EINVAL, "unknown factor '%.60s' (known: %s)", factor, list);
}

int cl_explain(json_t **out, cl_assessor *a, const char *factor, const cl_profile *profile)
{
	json_t *fd = json_object_get(json_object_get(a->factors, "factors"), factor);
	json_t *doc = NULL, *sources = NULL;
	cl_dri_set dri;
	int rc;
	struct work w = {.a = a};

	*out = NULL;
	if (!fd)
		return known_factors(a, factor);
	if ((rc = cl_dri_lookup(&dri, a->kb, profile)))
		return rc;
	doc = json_object();
	sources = json_array();
	if (!doc || !sources) {
		json_decref(doc);
		json_decref(sources);
		return cl_error_oom();
	}
	json_object_set_new(doc, "factor", json_string(factor));
	static const char *const keys[] = {"label", "role", "shortfall", "at_risk", "evidence",
					   "seed_correction", "weak_evidence_note", "caution", NULL};
	for (int i = 0; keys[i]; i++)
		copy_text(doc, fd, keys[i]);
	cl_cite_factor_ids(sources, &w, json_object_get(fd, "sources"));
	const char *key = json_string_value(json_object_get(fd, "nutrient"));
	if (key) {
		const cl_dri_value *d = cl_dri_get(&dri, key);
		json_object_set_new(doc, "nutrient", json_string(key));
		if (d) {
			json_object_set_new(
				doc, "reference",
				json_pack("{s:s, s:o, s:o, s:o, s:o, s:s, s:o}", "life_stage", dri.life_stage,
					  "ear", cl_json_number_or_null(d->ear), "rda",
					  cl_json_number_or_null(d->rda), "ai", cl_json_number_or_null(d->ai),
					  "ul", cl_json_number_or_null(d->ul), "unit", d->unit,
					  "ul_applies_to",
					  d->ul_applies_to ? json_string(d->ul_applies_to) : json_null()));
			cl_cite_list(sources, &w, &d->sources);
		}
		cl_nutrient n = cl_nutrient_by_key(key);
		if (n != CL_NUTRIENT_COUNT && strcmp(key, "water_g") != 0 && strcmp(key, "sodium_mg") != 0) {
			cl_rich_list list;
			cl_food_filter filter = {.diet = "omnivore"};
			double target = d ? (!isnan(d->rda) ? d->rda : d->ai) : NAN;
			if ((rc = cl_food_rich(&list, a->db, a->food_rules, n, &filter, target, 8))) {
				json_decref(doc);
				json_decref(sources);
				return rc;
			}
			json_t *foods = cl_rich_list_to_json(&list);
			cl_rich_list_clear(&list);
			json_object_set(doc, "foods", foods ? json_object_get(foods, "foods") : json_null());
			json_decref(foods);
		}
	}
	json_object_set_new(doc, "sources", sources);
	*out = doc;
	return CL_OK;
}

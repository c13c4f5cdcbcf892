/*
 * JSON for foods and search results.  Unknown values become null, never 0,
 * and every nutrient key is always present, so a script can tell "not
 * analysed" from "absent from this version of cramplab".
 */
#include <math.h>

#include "cramplab/json.h"

json_t *cl_json_number_or_null(double value)
{
	return isnan(value) ? json_null() : json_real(value);
}

json_t *cl_food_to_json(const cl_food *food)
{
	json_t *doc = json_object(), *per = json_object(), *measures = json_array();

	if (!doc || !per || !measures)
		goto oom;
	json_object_set_new(doc, "ndb", json_string(food->ndb));
	json_object_set_new(doc, "name", json_string(food->name));
	json_object_set_new(doc, "group", food->group_code[0] ? json_string(food->group_code)
							       : json_null());
	json_object_set_new(doc, "group_name",
			    food->group_name ? json_string(food->group_name) : json_null());
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		if (json_object_set_new(per, cl_nutrient_get((cl_nutrient)i)->key,
					cl_json_number_or_null(food->per_100g[i])))
			goto oom;
	json_object_set_new(doc, "per_100g", per);
	per = NULL;
	for (size_t i = 0; i < food->nmeasures; i++) {
		json_t *m = json_pack("{s:f, s:s, s:f}", "amount", food->measures[i].amount, "name",
				      food->measures[i].name, "grams", food->measures[i].grams);
		if (!m || json_array_append_new(measures, m))
			goto oom;
	}
	json_object_set_new(doc, "measures", measures);
	return doc;
oom:
	json_decref(doc);
	json_decref(per);
	json_decref(measures);
	return NULL;
}

json_t *cl_food_hits_to_json(const char *query, const cl_food_hits *hits)
{
	json_t *doc = json_object(), *results = json_array();

	if (!doc || !results)
		goto oom;
	json_object_set_new(doc, "query", json_string(query));
	for (size_t i = 0; i < hits->count; i++) {
		const cl_food_hit *h = &hits->hits[i];
		json_t *r = json_pack("{s:s, s:s, s:o}", "ndb", h->ndb, "name", h->name, "group",
				      h->group_code[0] ? json_string(h->group_code) : json_null());
		if (!r || json_array_append_new(results, r))
			goto oom;
	}
	json_object_set_new(doc, "results", results);
	return doc;
oom:
	json_decref(doc);
	json_decref(results);
	return NULL;
}

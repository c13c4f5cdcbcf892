/*
 * JSON for parsed diary lines and intakes, built here so that the command
 * line and the web server print the same documents.  Unknown totals are
 * null, never 0, and each day lists, per nutrient, the foods that lacked it.
 */
#include <math.h>
#include <string.h>

#include "cramplab/intake.h"
#include "cramplab/json.h"

json_t *cl_diary_line_to_json(const char *text, const cl_diary_line *l)
{
	json_t *doc = json_object();
	if (!doc)
		return NULL;
	if (json_object_set_new(doc, "ndb", json_string(l->ndb)) ||
	    json_object_set_new(doc, "name", json_string(l->name)) ||
	    json_object_set_new(doc, "grams", json_real(l->grams)) ||
	    json_object_set_new(doc, "quantity", json_real(l->quantity)) ||
	    json_object_set_new(doc, "measure", json_string(l->measure)) ||
	    (l->assumption && json_object_set_new(doc, "assumption", json_string(l->assumption))) ||
	    (text && json_object_set_new(doc, "line", json_string(text)))) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

const char *cl_intake_format_name(cl_intake_format f)
{
	switch (f) {
	case CL_INTAKE_DIARY: return "diary";
	case CL_INTAKE_JSON: return "json";
	case CL_INTAKE_CRONO_SERVINGS: return "cronometer_servings";
	case CL_INTAKE_CRONO_DAILY: return "cronometer_daily";
	case CL_INTAKE_MFP: return "myfitnesspal";
	}
	return "unknown";
}

/* Nutrients shown: the stable keys, plus vitamin_d_iu which some exports give. */
static int set(json_t *o, const char *k, json_t *v)
{
	return json_object_set_new(o, k, v);
}

static json_t *day_to_json(const cl_intake_day *d)
{
	json_t *day = json_object(), *totals = json_object(), *missing = json_object(),
	       *entries = json_array(), *supp = NULL;
	if (!day || !totals || !missing || !entries)
		goto oom;
	if (set(day, "date", json_string(d->date)))
		goto oom;
	for (size_t k = 0; k < cl_intake_nkeys; k++) {
		cl_nutrient n = cl_intake_keys[k];
		const char *key = cl_nutrient_get(n)->key;
		if (set(totals, key, cl_json_number_or_null(cl_intake_day_total(d, n))))
			goto oom;
		json_t *list = json_array();
		if (!list || set(missing, key, list))
			goto oom;
		for (size_t i = 0; i < d->nentries; i++) {
			const cl_intake_entry *e = &d->entries[i];
			if (!isnan(cl_intake_entry_amount(e, n)))
				continue;
			const char *who = e->ndb[0] ? e->ndb : e->name;
			/* Each food once per nutrient, even when eaten twice. */
			bool seen = false;
			for (size_t j = 0; j < json_array_size(list) && !seen; j++)
				seen = strcmp(json_string_value(json_array_get(list, j)), who) == 0;
			if (!seen && json_array_append_new(list, json_string(who)))
				goto oom;
		}
	}
	set(day, "totals", totals);
	totals = NULL;
	set(day, "missing", missing);
	missing = NULL;
	if (d->has_supplement) {
		if (!(supp = json_object()))
			goto oom;
		for (size_t k = 0; k < cl_intake_nkeys; k++) {
			cl_nutrient n = cl_intake_keys[k];
			if (set(supp, cl_nutrient_get(n)->key, json_real(d->supplement[n])))
				goto oom;
		}
		set(day, "supplement", supp);
		supp = NULL;
	}
	for (size_t i = 0; i < d->nentries; i++) {
		const cl_intake_entry *e = &d->entries[i];
		json_t *o = json_object();
		if (!o || json_array_append_new(entries, o))
			goto oom;
		if (set(o, "ndb", e->ndb[0] ? json_string(e->ndb) : json_null()) ||
		    set(o, "name", json_string(e->name ? e->name : "")) ||
		    set(o, "grams", cl_json_number_or_null(e->grams)) ||
		    set(o, "line", json_string(e->line ? e->line : "")) ||
		    set(o, "lineno", json_integer(e->lineno)) ||
		    (e->supplement && set(o, "supplement", json_true())))
			goto oom;
	}
	set(day, "entries", entries);
	return day;
oom:
	json_decref(day);
	json_decref(totals);
	json_decref(missing);
	json_decref(entries);
	json_decref(supp);
	return NULL;
}

json_t *cl_intake_to_json(const cl_intake *in)
{
	json_t *doc = json_object(), *days = json_array(), *mean = json_object();
	if (!doc || !days || !mean)
		goto oom;
	if (set(doc, "source", json_string(in->source)) ||
	    set(doc, "format", json_string(cl_intake_format_name(in->format))))
		goto oom;
	for (size_t i = 0; i < in->ndays; i++) {
		json_t *d = day_to_json(&in->days[i]);
		if (!d || json_array_append_new(days, d))
			goto oom;
	}
	for (size_t k = 0; k < cl_intake_nkeys; k++) {
		cl_nutrient n = cl_intake_keys[k];
		if (set(mean, cl_nutrient_get(n)->key,
			cl_json_number_or_null(cl_intake_mean(in, n, NULL))))
			goto oom;
	}
	set(doc, "days", days);
	days = NULL;
	set(doc, "mean", mean);
	mean = NULL;
	if (in->note && set(doc, "note", json_string(in->note)))
		goto oom;
	return doc;
oom:
	json_decref(doc);
	json_decref(days);
	json_decref(mean);
	return NULL;
}

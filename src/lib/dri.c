/*
 * DRI look-up: a person's profile becomes a life stage (group and age band)
 * and the life stage picks one validated row per nutrient.  The only
 * arithmetic here is what the sources prescribe: the vegetarian iron factor
 * and the CV implied by RDA = EAR + 2 SD where a report states none.  The
 * JSON document of `cramplab dri` is built here so the web server prints
 * the same thing.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cramplab/dri.h"
#include "error.h"
#include "kb_internal.h"

#define MIN_AGE 9
#define MAX_AGE 120

int cl_profile_check(const cl_profile *p)
{
	if (!p)
		return cl_error_set(CL_EINVAL, "no profile given");
	if (!isfinite(p->age))
		return cl_error_set(CL_EINVAL, "age: expected a number of years");
	if (p->age < MIN_AGE)
		return cl_error_set(CL_EINVAL,
				    "age %g: cramplab covers ages 9 and over (children's needs and "
				    "cramp causes differ; ask a paediatric clinician)",
				    p->age);
	if (p->age > MAX_AGE)
		return cl_error_set(CL_EINVAL, "age %g: expected at most %d years", p->age,
				    MAX_AGE);
	if (p->sex != CL_SEX_MALE && p->sex != CL_SEX_FEMALE)
		return cl_error_set(CL_EINVAL, "sex: expected male or female");
	if (p->repro != CL_REPRO_NONE) {
		const char *what = p->repro == CL_REPRO_PREGNANT ? "pregnant" : "lactating";
		if (p->repro != CL_REPRO_PREGNANT && p->repro != CL_REPRO_LACTATING)
			return cl_error_set(CL_EINVAL, "pregnant/lactating: unknown state");
		if (p->sex != CL_SEX_FEMALE)
			return cl_error_set(CL_EINVAL, "%s: only for sex female", what);
		if (p->age < 14 || p->age >= 51)
			return cl_error_set(CL_EINVAL,
					    "%s: the DRI tables for pregnancy and lactation cover "
					    "ages 14-50, not %g",
					    what, p->age);
	}
	return CL_OK;
}

/* The age band of whole years: 13.9 is still 13. */
static int age_band(double age)
{
	int years = (int)floor(age);

	return years < 14 ? 0 : years < 19 ? 1 : years < 31 ? 2 : years < 51 ? 3 : years < 71 ? 4 : 5;
}

static void fill_value(cl_dri_value *v, const struct kb_dri_nutrient *n,
		       const struct kb_dri_row *row, bool vegetarian)
{
	memset(v, 0, sizeof(*v));
	v->key = n->key;
	v->label = n->label;
	v->unit = n->unit;
	v->method = n->method;
	v->ear = row->v[KB_EAR];
	v->rda = row->v[KB_RDA];
	v->ai = row->v[KB_AI];
	v->ul = row->v[KB_UL];
	v->cdrr = row->v[KB_CDRR];
	v->ul_applies_to = isnan(v->ul) ? NULL : n->ul_applies_to;
	v->ul_note = n->ul_note;
	v->derived = row->derived;
	v->note = row->note;
	v->cv = n->cv_implied ? (v->rda - v->ear) / (2 * v->ear) : n->cv;
	v->cv_assumed = n->cv_assumed;
	v->cv_note = n->cv_note;
	for (int f = 0; f < KB_FIELDS; f++)
		if (!isnan(row->v[f]))
			kb_src_merge(&v->sources, &row->src[f]);
	if (!isnan(v->cv))
		kb_src_merge(&v->sources, &n->cv_src);
	v->vegetarian_factor = 1;
	if (vegetarian && n->veg_factor != 1) {
		v->vegetarian_factor = n->veg_factor;
		v->ear *= n->veg_factor;
		v->rda *= n->veg_factor;
		kb_src_merge(&v->sources, &n->veg_src);
	}
}

int cl_dri_lookup(cl_dri_set *out, const cl_kb *kb, const cl_profile *p)
{
	int rc, g, b;

	memset(out, 0, sizeof(*out));
	if ((rc = kb_need(kb, CL_KB_DRI)))
		return rc;
	if ((rc = cl_profile_check(p)))
		return rc;
	b = age_band(p->age);
	g = p->repro == CL_REPRO_PREGNANT    ? KB_PREGNANCY
	    : p->repro == CL_REPRO_LACTATING ? KB_LACTATION
	    : p->sex == CL_SEX_MALE          ? KB_MALE
					     : KB_FEMALE;
	out->profile = *p;
	out->group = kb_group_names[g];
	out->age_band = kb_band_names[b];
	snprintf(out->life_stage, sizeof(out->life_stage), "%s %s", out->group, out->age_band);
	for (size_t i = 0; i < kb->ndri && out->count < CL_DRI_MAX_NUTRIENTS; i++)
		fill_value(&out->nutrients[out->count++], &kb->dri[i], &kb->dri[i].rows[g][b],
			   p->vegetarian);
	return CL_OK;
}

const cl_dri_value *cl_dri_get(const cl_dri_set *set, const char *key)
{
	for (size_t i = 0; set && key && i < set->count; i++)
		if (strcmp(set->nutrients[i].key, key) == 0)
			return &set->nutrients[i];
	return NULL;
}

static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

static json_t *value_to_json(const cl_dri_value *v)
{
	json_t *o = json_object(), *notes = json_array();
	char buf[160];

	if (!o || !notes)
		goto oom;
	if (json_object_set_new(o, "ear", num(v->ear)) ||
	    json_object_set_new(o, "rda", num(v->rda)) || json_object_set_new(o, "ai", num(v->ai)) ||
	    json_object_set_new(o, "ul", num(v->ul)) ||
	    json_object_set_new(o, "cdrr", num(v->cdrr)) ||
	    json_object_set_new(o, "unit", json_string(v->unit)) ||
	    json_object_set_new(o, "ul_applies_to",
				v->ul_applies_to ? json_string(v->ul_applies_to) : json_null()) ||
	    json_object_set_new(o, "method", json_string(v->method)) ||
	    json_object_set_new(o, "cv", num(v->cv)) ||
	    json_object_set_new(o, "cv_assumed", json_boolean(!isnan(v->cv) && v->cv_assumed)) ||
	    json_object_set_new(o, "vegetarian_factor", json_real(v->vegetarian_factor)))
		goto oom;
	if (v->vegetarian_factor != 1) {
		snprintf(buf, sizeof(buf),
			 "EAR and RDA multiplied by %g for a vegetarian or vegan diet",
			 v->vegetarian_factor);
		json_array_append_new(notes, json_string(buf));
	}
	if (v->note)
		json_array_append_new(notes, json_string(v->note));
	if (v->ul_note)
		json_array_append_new(notes, json_string(v->ul_note));
	if (!isnan(v->cv) && v->cv_note)
		json_array_append_new(notes, json_string(v->cv_note));
	if (json_object_set_new(o, "derived", json_boolean(v->derived)) ||
	    json_object_set_new(o, "notes", notes))
		goto oom_o;
	if (json_object_set_new(o, "sources", cl_source_list_to_json(&v->sources)))
		goto oom_o;
	return o;
oom:
	json_decref(notes);
oom_o:
	json_decref(o);
	return NULL;
}

json_t *cl_dri_set_to_json(const cl_dri_set *set, const cl_kb *kb)
{
	json_t *doc = NULL, *nut = json_object();
	cl_source_list all = {0};

	if (!nut)
		return NULL;
	for (size_t i = 0; i < set->count; i++) {
		json_t *v = value_to_json(&set->nutrients[i]);
		if (!v || json_object_set_new(nut, set->nutrients[i].key, v))
			goto oom;
		cl_source_list_merge(&all, &set->nutrients[i].sources);
	}
	doc = json_pack("{s:s, s:{s:f, s:s, s:b, s:b, s:b}, s:s, s:s, s:o, s:o*}", "life_stage",
			set->life_stage, "profile", "age", set->profile.age, "sex",
			set->profile.sex == CL_SEX_MALE ? "male" : "female", "pregnant",
			set->profile.repro == CL_REPRO_PREGNANT, "lactating",
			set->profile.repro == CL_REPRO_LACTATING, "vegetarian",
			set->profile.vegetarian, "group", set->group, "age_band", set->age_band,
			"nutrients", nut, "sources", cl_kb_citations_to_json(kb, &all));
	return doc;
oom:
	json_decref(nut);
	return NULL;
}

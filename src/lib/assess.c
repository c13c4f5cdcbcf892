/*
 * The assessment of one case, step by step: life-stage DRIs, intake from
 * the diary and its adequacy by the IOM 2000 method, lab results, medicines
 * and conditions (including those the profile implies: older age, a vegan
 * diet, pregnancy), sweat sessions, then findings (findings.c), triage from
 * the red-flag rules, and advice (advice.c).  Each step writes its part of
 * the JSON document as it goes, so the document is the single record of
 * what was concluded and why; nothing is printed here.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess_internal.h"
#include "cramplab/json.h"
#include "error.h"
#include "util.h"

static const char *const assessed_keys[CL_ASSESS_NUTRIENTS] = {
	"magnesium_mg", "potassium_mg", "calcium_mg",  "vitamin_d_ug", "vitamin_b12_ug", "thiamin_mg",
	"iron_mg",      "sodium_mg",    "water_g",     "energy_kcal",  "omega3_g"};

int cl_assessor_open(cl_assessor **out, const char *datadir, const char *db_path)
{
	cl_assessor *a;
	char path[4096];
	json_error_t jerr;
	int rc;

	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return cl_error_oom();
	if ((rc = cl_kb_open(&a->kb, datadir)))
		goto fail;
	snprintf(path, sizeof(path), "%s/triage.json", datadir);
	if ((rc = cl_rules_load(&a->triage, path)))
		goto fail;
	snprintf(path, sizeof(path), "%s/hydration.json", datadir);
	if ((rc = cl_hydration_model_load(&a->hydration, path)))
		goto fail;
	snprintf(path, sizeof(path), "%s/food_rules.json", datadir);
	if ((rc = cl_food_rules_load(&a->food_rules, path)))
		goto fail;
	snprintf(path, sizeof(path), "%s/factors.json", datadir);
	a->factors = cl_json_load_path(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!a->factors || !json_is_object(json_object_get(a->factors, "factors"))) {
		rc = cl_error_set(CL_EINVAL, "%s line %d column %d: %s", path, jerr.line, jerr.column,
				  a->factors ? "expected \"factors\"" : jerr.text);
		goto fail;
	}
	if ((rc = cl_advice_check_factors(a->factors, path)))
		goto fail;
	if ((rc = cl_fooddb_open(&a->db, db_path)) || (rc = cl_parser_new(&a->parser, a->db)))
		goto fail;
	*out = a;
	return CL_OK;
fail:
	cl_assessor_close(a);
	return rc;
}

void cl_assessor_close(cl_assessor *a)
{
	if (!a)
		return;
	cl_parser_free(a->parser);
	cl_fooddb_close(a->db);
	json_decref(a->factors);
	cl_food_rules_free(a->food_rules);
	cl_hydration_model_free(a->hydration);
	cl_rules_free(a->triage);
	cl_kb_close(a->kb);
	free(a);
}

cl_parser *cl_assessor_parser(cl_assessor *a)
{
	return a ? a->parser : NULL;
}

/* --- citations --------------------------------------------------------- */

static void add_unique(json_t *arr, const char *text)
{
	size_t i;
	json_t *v;
	if (!text || !*text)
		return;
	json_array_foreach(arr, i, v)
	{
		if (strcmp(json_string_value(v), text) == 0)
			return;
	}
	/* Citations and source ids come from the data files' trees, whose
	 * strings jansson checked when it parsed them (or the snapshot was
	 * built from such a parse): checking each again cost 0.2 M a week. */
	json_array_append_new(arr, json_string_nocheck(text));
}

void cl_cite(json_t *arr, const struct work *w, const char *id_or_text)
{
	const char *cite = cl_kb_source(w->a->kb, id_or_text, NULL);
	if (!cite)
		cite = json_string_value(
			json_object_get(json_object_get(w->a->factors, "sources"), id_or_text));
	add_unique(arr, cite ? cite : id_or_text);
}

void cl_cite_list(json_t *arr, const struct work *w, const cl_source_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		cl_cite(arr, w, list->ids[i]);
}

void cl_cite_factor_ids(json_t *arr, const struct work *w, json_t *ids)
{
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v)
	{
		if (json_is_string(v))
			cl_cite(arr, w, json_string_value(v));
	}
}

const struct nutrient_state *cl_work_nutrient(const struct work *w, const char *key)
{
	for (int i = 0; i < CL_ASSESS_NUTRIENTS; i++)
		if (strcmp(w->nutr[i].key, key) == 0)
			return &w->nutr[i];
	return NULL;
}

const cl_lab_result *cl_work_lab(const struct work *w, const char *test)
{
	for (size_t i = 0; i < w->nlabs; i++)
		if (strcmp(w->labs[i].test, test) == 0)
			return &w->labs[i];
	return NULL;
}

/* --- intake -------------------------------------------------------------- */

static int read_intake(struct work *w)
{
	const cl_case *k = w->k;
	char *errors = NULL;
	int rc = CL_OK;

	if (k->diary_path) {
		rc = cl_intake_read_file(&w->intake, &errors, w->a->parser, k->diary_path);
	} else if (k->days) {
		json_t *days = json_array();
		for (size_t i = 0; days && i < k->ndays; i++) {
			json_t *foods = json_array();
			for (size_t j = 0; foods && j < k->days[i].nfoods; j++)
				json_array_append_new(foods, json_string(k->days[i].foods[j]));
			json_array_append_new(days, json_pack("{s:s, s:o}", "date", k->days[i].date,
							      "foods", foods ? foods : json_array()));
		}
		rc = days ? cl_intake_from_json(&w->intake, &errors, w->a->parser, days, "diary")
			  : cl_error_oom();
		json_decref(days);
	}
	if (rc && errors) {
		/* Every bad line, not only the first. */
		cl_error_set(rc, "the diary has errors:\n%s", errors);
	}
	free(errors);
	w->ndays = w->intake ? w->intake->ndays : 0;
	return rc;
}

static json_t *reference_json(const cl_dri_value *d)
{
	if (!d)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "ear", cl_json_number_or_null(d->ear),
			 "rda", cl_json_number_or_null(d->rda), "ai", cl_json_number_or_null(d->ai),
			 "ul", cl_json_number_or_null(d->ul), "cdrr",
			 cl_json_number_or_null(d->cdrr), "ul_applies_to",
			 d->ul_applies_to ? json_string(d->ul_applies_to) : json_null());
}

static int judge_nutrient(struct work *w, struct nutrient_state *n)
{
	int rc;
	n->dri = cl_dri_get(&w->dri, n->key);
	n->days = w->ndays;
	n->mean = NAN;
	if (!w->intake || w->ndays == 0)
		return CL_OK;
	size_t known = 0;
	n->mean = cl_intake_mean(w->intake, n->id, &known);
	double supp = 0;
	for (size_t d = 0; d < w->ndays; d++) {
		n->missing_days += w->intake->days[d].missing[n->id] > 0;
		supp += w->intake->days[d].supplement[n->id];
	}
	n->supplement_mean = supp / (double)w->ndays;
	if (!n->dri || isnan(n->mean))
		return CL_OK;
	if ((rc = cl_adequacy_assess(&n->adequacy, w->a->kb, &w->dri, n->key, n->mean,
				     (int)w->ndays)))
		return rc;
	n->assessed = n->adequacy.method != CL_ADEQ_METHOD_NOT_APPLICABLE;
	if (!isnan(n->dri->ul)) {
		bool supplements_only = n->dri->ul_applies_to &&
					strcmp(n->dri->ul_applies_to, "supplements") == 0;
		double tested = supplements_only ? n->supplement_mean : n->mean;
		if (tested > 0) {
			if ((rc = cl_adequacy_assess_ul(&n->ul, w->a->kb, &w->dri, n->key, tested,
							(int)w->ndays)))
				return rc;
			n->ul_tested = true;
		}
	}
	return CL_OK;
}

static json_t *nutrient_json(const struct work *w, const struct nutrient_state *n)
{
	const cl_nutrient_info *info = cl_nutrient_get(n->id);
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "label", json_string(info->label));
	json_object_set_new(o, "unit", json_string(info->unit));
	json_object_set_new(o, "mean", cl_json_number_or_null(n->mean));
	json_object_set_new(o, "at_least", json_boolean(n->missing_days > 0));
	json_object_set_new(o, "missing_days", json_integer(n->missing_days));
	json_object_set_new(o, "probability_adequate",
			    n->assessed ? cl_json_number_or_null(n->adequacy.p_adequate) : json_null());
	json_object_set_new(o, "method", json_string(n->assessed ? cl_adeq_method_name(n->adequacy.method)
								: (n->dri ? "none" : "no_dri")));
	if (n->assessed) {
		json_object_set_new(o, "conclusion",
				    json_string(cl_adeq_conclusion_name(n->adequacy.conclusion)));
		json_object_set_new(o, "confidence", cl_json_number_or_null(n->adequacy.probability));
		json_object_set_new(o, "z", cl_json_number_or_null(n->adequacy.z));
		json_object_set_new(o, "assumed", json_boolean(n->adequacy.assumed));
		if (n->adequacy.note[0])
			json_object_set_new(o, "note", json_string(n->adequacy.note));
	}
	json_object_set_new(o, "reference", reference_json(n->dri));
	if (n->supplement_mean > 0)
		json_object_set_new(o, "supplement_mean", json_real(n->supplement_mean));
	if (n->ul_tested)
		json_object_set_new(o, "upper_limit", cl_adequacy_to_json(&n->ul));
	json_t *sources = json_array();
	if (n->dri)
		cl_cite_list(sources, w, &n->dri->sources);
	if (n->assessed)
		cl_cite_list(sources, w, &n->adequacy.sources);
	json_object_set_new(o, "sources", sources);
	return o;
}

static int do_intake(struct work *w)
{
	json_t *nutrients = json_object(), *in = json_object();
	int rc;

	if (!nutrients || !in) {
		json_decref(nutrients);
		json_decref(in);
		return cl_error_oom();
	}
	json_object_set_new(w->doc, "intake", in);
	json_object_set_new(in, "days", json_integer((json_int_t)w->ndays));
	json_object_set_new(in, "source", w->intake ? json_string(w->intake->source) : json_null());
	if (w->intake && w->intake->note)
		json_object_set_new(in, "note", json_string(w->intake->note));
	json_object_set_new(in, "nutrients", nutrients);
	for (int i = 0; i < CL_ASSESS_NUTRIENTS; i++) {
		struct nutrient_state *n = &w->nutr[i];
		if ((rc = judge_nutrient(w, n)))
			return cl_error_prefix("intake of %s: ", n->key);
		json_t *o = nutrient_json(w, n);
		if (!o)
			return cl_error_oom();
		json_object_set_new(nutrients, n->key, o);
	}
	/* Text leaves it out: building it and freeing it unread cost about
	 * 0.4 M instructions for a week. */
	if (w->intake && !(w->flags & CL_ASSESS_NO_PER_DAY))
		json_object_set_new(in, "per_day", cl_intake_to_json(w->intake));
	return CL_OK;
}

/* --- labs ---------------------------------------------------------------- */

static int do_labs(struct work *w)
{
	const cl_case *k = w->k;
	cl_lab_context ctx = cl_lab_context_init();
	json_t *arr = json_array();
	int rc;

	if (!arr)
		return cl_error_oom();
	json_object_set_new(w->doc, "labs", arr);
	if (k->nlabs > CL_MAX_LABS)
		return cl_error_set(CL_EINVAL, "labs: more than %d results", CL_MAX_LABS);
	ctx.age = k->profile.age;
	ctx.sex = k->profile.sex;
	ctx.pregnant = k->profile.pregnant;
	/* Albumin first: total calcium is corrected with it. */
	for (size_t i = 0; i < k->nlabs; i++) {
		const char *id = NULL;
		if (cl_lab_find_test(&id, w->a->kb, k->labs[i].test) == CL_OK && id &&
		    strcmp(id, "albumin") == 0) {
			ctx.albumin = k->labs[i].value;
			ctx.albumin_unit = k->labs[i].unit;
		}
	}
	for (size_t i = 0; i < k->nlabs; i++) {
		const char *id = NULL;
		if ((rc = cl_lab_find_test(&id, w->a->kb, k->labs[i].test)) ||
		    (rc = cl_lab_interpret(&w->labs[w->nlabs], w->a->kb, id, k->labs[i].value,
					   k->labs[i].unit, &ctx)))
			return cl_error_prefix("labs[%zu]: ", i);
		json_t *r = cl_lab_result_to_json(&w->labs[w->nlabs]);
		if (!r)
			return cl_error_oom();
		json_array_append_new(arr, r);
		w->nlabs++;
	}
	return CL_OK;
}

/* --- medicines and conditions -------------------------------------------- */

static int add_med(struct med_state *list, size_t *n, const char *input, const cl_med_info *info,
		   bool from_profile)
{
	if (*n >= CL_MAX_MEDS)
		return cl_error_set(CL_EINVAL, "more than %d medicines or conditions", CL_MAX_MEDS);
	for (size_t i = 0; info && i < *n; i++)
		if (list[i].info == info)
			return CL_OK; /* "Lasix" and "furosemide" are one medicine */
	list[*n] = (struct med_state){input, info, from_profile};
	(*n)++;
	return CL_OK;
}

static json_t *meds_json(const struct med_state *list, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		json_t *o = cl_med_info_to_json(list[i].input, list[i].info);
		if (o) {
			json_object_set_new(o, "recognized", json_boolean(list[i].info != NULL));
			json_object_set_new(o, "from_profile", json_boolean(list[i].from_profile));
			json_array_append_new(arr, o);
		}
	}
	return arr;
}

static int do_meds(struct work *w)
{
	const cl_case *k = w->k;
	const cl_med_info *info;
	int rc;

	for (size_t i = 0; i < k->nmedications; i++)
		if ((rc = cl_med_lookup(&info, w->a->kb, k->medications[i])) ||
		    (rc = add_med(w->meds, &w->nmeds, k->medications[i], info, false)))
			return cl_error_prefix("medications[%zu]: ", i);
	for (size_t i = 0; i < k->nconditions; i++)
		if ((rc = cl_condition_lookup(&info, w->a->kb, k->conditions[i])) ||
		    (rc = add_med(w->conds, &w->nconds, k->conditions[i], info, false)))
			return cl_error_prefix("conditions[%zu]: ", i);
	/* What the profile itself implies. */
	const char *implied[3] = {NULL, NULL, NULL};
	if (k->profile.age > 50)
		implied[0] = "older_age";
	if (k->profile.diet == CL_DIET_VEGAN)
		implied[1] = "vegan_diet";
	else if (k->profile.diet == CL_DIET_VEGETARIAN)
		implied[1] = "vegetarian_diet";
	if (k->profile.pregnant)
		implied[2] = "pregnancy";
	for (int i = 0; i < 3; i++) {
		if (!implied[i])
			continue;
		if ((rc = cl_condition_lookup(&info, w->a->kb, implied[i])))
			return rc;
		if (info && (rc = add_med(w->conds, &w->nconds, implied[i], info, true)))
			return rc;
	}
	json_object_set_new(w->doc, "medications", meds_json(w->meds, w->nmeds));
	json_object_set_new(w->doc, "conditions", meds_json(w->conds, w->nconds));
	return CL_OK;
}

/* --- hydration ----------------------------------------------------------- */

static json_t *sweat_json(const cl_case_exercise *x, const cl_sweat *s)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "date", x->date[0] ? json_string(x->date) : json_null());
	json_object_set_new(o, "minutes", json_real(x->exercise.minutes));
	json_object_set_new(o, "method", json_string(s->measured ? "body_mass" : "estimated"));
	json_object_set_new(o, "sweat_loss_l", json_real(s->sweat_loss_l));
	json_object_set_new(o, "sweat_rate_l_per_h", json_real(s->sweat_rate_l_per_h));
	json_object_set_new(o, "deficit_l", json_real(s->deficit_l));
	json_object_set_new(o, "mass_change_pct", cl_json_number_or_null(s->deficit_pct));
	json_object_set_new(o, "dehydrated", json_boolean(s->dehydrated));
	json_object_set_new(o, "overdrinking", json_boolean(s->overdrank));
	json_object_set_new(o, "sodium_mmol_l", json_real(s->sodium_mmol_l));
	json_object_set_new(o, "sodium_loss_mg", json_real(s->sodium_loss_mg));
	json_object_set_new(o, "replace_l", s->replace_high_l > 0
						   ? json_pack("[f, f]", s->replace_low_l, s->replace_high_l)
						   : json_null());
	if (s->assumptions[0])
		json_object_set_new(o, "assumptions", json_string(s->assumptions));
	return o;
}

static int do_hydration(struct work *w)
{
	const cl_case *k = w->k;
	json_t *h = json_object(), *sessions = json_array();
	int rc;

	if (!h || !sessions) {
		json_decref(h);
		json_decref(sessions);
		return cl_error_oom();
	}
	json_object_set_new(w->doc, "hydration", h);
	json_object_set_new(h, "sessions", sessions);
	if (k->nexercise > CL_MAX_SESSIONS)
		return cl_error_set(CL_EINVAL, "exercise: more than %d sessions", CL_MAX_SESSIONS);
	for (size_t i = 0; i < k->nexercise; i++) {
		if ((rc = cl_sweat_compute(&w->sweat[i], w->a->hydration, &k->exercise[i].exercise)))
			return cl_error_prefix("exercise[%zu]: ", i);
		w->nsweat = i + 1;
		json_array_append_new(sessions, sweat_json(&k->exercise[i], &w->sweat[i]));
	}
	const struct nutrient_state *water = cl_work_nutrient(w, "water_g");
	json_object_set_new(h, "water_mean_l",
			    water && !isnan(water->mean) ? json_real(water->mean / 1000.0) : json_null());
	json_object_set_new(h, "water_ai_l", water && water->dri && !isnan(water->dri->ai)
						     ? json_real(water->dri->ai / 1000.0)
						     : json_null());
	json_t *sources = json_array();
	for (const char *const *s = cl_hydration_model_sources(w->a->hydration); s && *s; s++)
		cl_cite(sources, w, *s);
	json_object_set_new(h, "sources", sources);
	return CL_OK;
}

/* --- triage -------------------------------------------------------------- */

static bool has_effect(const struct med_state *list, size_t n, const char *const *effects)
{
	for (size_t i = 0; i < n; i++) {
		if (!list[i].info || list[i].from_profile)
			continue;
		for (size_t e = 0; e < list[i].info->neffects; e++)
			for (int j = 0; effects[j]; j++)
				if (strcmp(list[i].info->effects[e].effect, effects[j]) == 0)
					return true;
	}
	return false;
}

static bool flag_fact(const char *name, void *payload)
{
	const struct work *w = payload;
	const cl_case *k = w->k;

	if (strncmp(name, "symptom.", 8) == 0) {
		for (int i = 0; i < CL_SYMPTOM_COUNT; i++)
			if (strcmp(name + 8, cl_symptom_name((cl_symptom)i)) == 0)
				return k->symptoms.present[i];
		return false;
	}
	if (strcmp(name, "exercise.recent") == 0)
		return k->nexercise > 0;
	if (strcmp(name, "exercise.overdrinking") == 0) {
		for (size_t i = 0; i < w->nsweat; i++)
			if (w->sweat[i].overdrank)
				return true;
		return false;
	}
	if (strcmp(name, "labs.abnormal") == 0) {
		for (size_t i = 0; i < w->nlabs; i++)
			if (strcmp(w->labs[i].band, "normal") != 0)
				return true;
		return false;
	}
	if (strcmp(name, "medication.relevant") == 0) {
		static const char *const effects[] = {"depletion", "malabsorption", "muscle_symptoms",
						      "cramps_associated", NULL};
		return has_effect(w->meds, w->nmeds, effects);
	}
	if (strcmp(name, "condition.relevant") == 0) {
		json_t *list = json_object_get(json_object_get(w->a->factors, "advice"),
					       "triage_relevant_conditions");
		for (size_t i = 0; i < w->nconds; i++) {
			size_t j;
			json_t *v;
			if (!w->conds[i].info)
				continue;
			json_array_foreach(list, j, v)
			{
				if (strcmp(json_string_value(v), w->conds[i].info->id) == 0)
					return true;
			}
		}
		return false;
	}
	return false;
}

static double number_fact(const char *name, void *payload)
{
	const struct work *w = payload;
	const cl_case *k = w->k;

	if (strcmp(name, "symptoms.cramps_per_week") == 0)
		return k->symptoms.cramps_per_week;
	if (strcmp(name, "symptoms.duration_days") == 0)
		return k->symptoms.duration_days;
	if (strcmp(name, "intake.nutrients_unlikely_adequate") == 0) {
		if (w->ndays == 0)
			return NAN;
		double cut = json_number_value(json_object_get(
			json_object_get(w->a->factors, "strength_rules"), "unlikely_adequate_below"));
		int count = 0;
		for (int i = 0; i < CL_ASSESS_NUTRIENTS; i++)
			count += w->nutr[i].assessed && !isnan(w->nutr[i].adequacy.p_adequate) &&
				 w->nutr[i].adequacy.p_adequate < cut;
		return count;
	}
	if (strncmp(name, "lab.", 4) == 0) {
		/* lab.<test>_<unit>, e.g. lab.potassium_mmol_l; calcium_corrected_* uses the
		 * albumin-corrected value when there is one. */
		const char *rest = name + 4;
		bool corrected = strncmp(rest, "calcium_corrected_", 18) == 0;
		for (size_t i = 0; i < w->nlabs; i++) {
			const cl_lab_result *r = &w->labs[i];
			char want[96], unit[32];
			size_t u = 0;
			for (const char *p = r->unit; *p && u + 1 < sizeof(unit); p++)
				unit[u++] = (*p == '/') ? '_' : (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
			unit[u] = '\0';
			snprintf(want, sizeof(want), "%s%s_%s", r->test, corrected ? "_corrected" : "",
				 unit);
			if (strcmp(want, rest) == 0)
				return corrected && r->corrected ? r->corrected_value : r->value;
		}
	}
	return NAN;
}

static int do_triage(struct work *w)
{
	cl_facts facts = {flag_fact, number_fact, w};
	cl_triage t;
	int rc = cl_rules_triage(&t, w->a->triage, &facts);
	if (rc)
		return rc;
	json_t *tri = json_object(), *reasons = json_array(), *details = json_array();
	for (size_t i = 0; i < t.count; i++) {
		const cl_rule_match *m = &t.matches[i];
		json_t *src = json_array();
		for (const char *const *s = m->sources; s && *s; s++)
			json_array_append_new(src, json_string(*s));
		json_array_append_new(reasons, json_string(m->reason));
		json_array_append_new(details, json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", m->id,
							 "level", cl_triage_level_name(m->level),
							 "reason", m->reason, "action", m->action,
							 "sources", src));
	}
	json_object_set_new(tri, "level", json_string(cl_triage_level_name(t.level)));
	json_object_set_new(tri, "reasons", reasons);
	json_object_set_new(tri, "details", details);
	json_object_set_new(w->doc, "triage", tri);
	cl_triage_clear(&t);
	return CL_OK;
}

/* --- the whole ----------------------------------------------------------- */

static json_t *profile_json(const struct work *w)
{
	const cl_case_profile *p = &w->k->profile;
	static const char *const diets[] = {"omnivore", "vegetarian", "vegan"};
	json_t *avoid = json_array();
	for (size_t i = 0; i < p->navoid; i++)
		json_array_append_new(avoid, json_string(p->avoid[i]));
	return json_pack("{s:i, s:s, s:o, s:b, s:b, s:s, s:o, s:s}", "age", p->age, "sex",
			 p->sex == CL_SEX_MALE ? "male" : "female", "weight_kg",
			 cl_json_number_or_null(p->weight_kg), "pregnant", p->pregnant, "lactating",
			 p->lactating, "diet", diets[p->diet], "avoid", avoid, "life_stage",
			 w->dri.life_stage);
}

int cl_assess(json_t **out, cl_assessor *a, const cl_case *k)
{
	return cl_assess_with(out, a, k, 0);
}

int cl_assess_with(json_t **out, cl_assessor *a, const cl_case *k, unsigned flags)
{
	/* Not calloc: the lab and sweat arrays, 97 of the 130 KB, are filled
	 * entry by entry by cl_lab_interpret() and cl_sweat_compute(), which
	 * clear what they fill, and read only below nlabs and nsweat; clearing
	 * them cost 0.1 M instructions and 24 fresh pages per assessment. */
	struct work *w = malloc(sizeof(*w));
	int rc;

	*out = NULL;
	if (!w)
		return cl_error_oom();
	memset(w, 0, offsetof(struct work, labs));
	w->nlabs = 0;
	memset(&w->nsweat, 0, sizeof(*w) - offsetof(struct work, nsweat));
	w->a = a;
	w->k = k;
	w->flags = flags;
	for (int i = 0; i < CL_ASSESS_NUTRIENTS; i++) {
		w->nutr[i].key = assessed_keys[i];
		w->nutr[i].id = cl_nutrient_by_key(assessed_keys[i]);
		w->nutr[i].mean = NAN;
	}
	w->doc = json_object();
	if (!w->doc) {
		rc = cl_error_oom();
		goto cleanup;
	}
	json_object_set_new(w->doc, "cramplab", json_string(CRAMPLAB_VERSION));
	json_object_set_new(w->doc, "disclaimer",
			    json_string("cramplab screens and explains; it does not diagnose. It is not a "
					"substitute for a clinician, who can examine you and order tests."));
	cl_case_dri_profile(&w->profile, k);
	if ((rc = cl_dri_lookup(&w->dri, a->kb, &w->profile))) {
		cl_error_prefix("profile: ");
		goto cleanup;
	}
	json_object_set_new(w->doc, "profile", profile_json(w));
	if ((rc = read_intake(w)) || (rc = do_intake(w)) || (rc = do_labs(w)) ||
	    (rc = do_meds(w)) || (rc = do_hydration(w)) || (rc = do_triage(w)) ||
	    (rc = cl_assess_findings(w)) || (rc = cl_assess_advice(w)))
		goto cleanup;
	/* The triage and findings first, for people reading the JSON. */
	static const char *const order[] = {"cramplab", "disclaimer", "triage", "findings",
					    "profile", "intake", "hydration", "labs",
					    "medications", "conditions", "advice", NULL};
	json_t *ordered = json_object();
	if (!ordered) {
		rc = cl_error_oom();
		goto cleanup;
	}
	for (int i = 0; order[i]; i++)
		if (json_object_get(w->doc, order[i]))
			json_object_set(ordered, order[i], json_object_get(w->doc, order[i]));
	*out = ordered;
cleanup:
	json_decref(w->doc);
	cl_intake_free(w->intake);
	free(w);
	return rc;
}

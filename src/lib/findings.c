/*
 * One finding per factor.  Strength is decided from the strongest kind of
 * evidence down, with the thresholds in data/factors.json: a low lab
 * result is strongest; then intake adequacy by the IOM 2000 method; then a
 * medicine or condition known to deplete the nutrient; symptoms that fit
 * raise an existing finding by one step but never make one on their own.
 * A normal lab result caps a finding at low, because it is direct evidence
 * against a deficiency.  Each finding lists the evidence in sentences a
 * person can check, what is unknown, and the sources.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess_internal.h"
#include "error.h"

enum strength { S_NONE, S_LOW, S_MODERATE, S_HIGH };
static const char *const strength_names[] = {"none", "low", "moderate", "high"};

struct finding {
	const char *factor;
	enum strength strength;
	json_t *evidence, *unknown, *sources;
	const char *summary;
	size_t order;
};

static enum strength max_s(enum strength a, enum strength b)
{
	return a > b ? a : b;
}

static enum strength strength_of_name(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, strength_names[i]) == 0)
			return (enum strength)i;
	return S_NONE;
}

static void say(json_t *arr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(json_t *arr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	json_array_append_new(arr, json_string(buf));
}

static json_t *rules(const struct work *w)
{
	return json_object_get(w->a->factors, "strength_rules");
}

static enum strength lab_strength(const struct work *w, const cl_lab_result *r)
{
	json_t *bands = json_object_get(rules(w), "lab_bands");
	/* Methylmalonic acid rises when B12 is short: "high" is the deficit there. */
	if (strcmp(r->test, "methylmalonic_acid") == 0)
		return strcmp(r->band, "high") == 0 ? S_MODERATE : S_NONE;
	for (int s = S_HIGH; s >= S_LOW; s--) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(bands, strength_names[s]), i, v)
		{
			if (strcmp(json_string_value(v), r->band) == 0)
				return (enum strength)s;
		}
	}
	return S_NONE;
}

static bool symptom_named(const struct work *w, const char *name)
{
	for (int i = 0; i < CL_SYMPTOM_COUNT; i++)
		if (strcmp(cl_symptom_name((cl_symptom)i), name) == 0)
			return w->k->symptoms.present[i];
	return false;
}

/* Symptoms of the factor's list `key` that the person has; returns how many
 * and lists them. */
static int symptoms_in(const struct work *w, json_t *factor, const char *key, char *list,
		       size_t size)
{
	size_t i, len = 0;
	json_t *v;
	int n = 0;
	list[0] = '\0';
	json_array_foreach(json_object_get(factor, key), i, v)
	{
		const char *s = json_string_value(v);
		if (s && symptom_named(w, s)) {
			len += (size_t)snprintf(list + len, len < size ? size - len : 0, "%s%s",
						n ? ", " : "", s);
			n++;
		}
	}
	for (char *p = list; *p; p++)
		if (*p == '_')
			*p = ' ';
	return n;
}

/* Symptoms that fit the factor. */
static int fitting_symptoms(const struct work *w, json_t *factor, char *list, size_t size)
{
	return symptoms_in(w, factor, "symptoms", list, size);
}

/* Symptoms specific enough to raise a finding: "raise_symptoms" where the
 * factor names them (fatigue and cramps say little about B12), else all of
 * its symptoms. */
static int raising_symptoms(const struct work *w, json_t *factor)
{
	char list[256];
	if (json_object_get(factor, "raise_symptoms"))
		return symptoms_in(w, factor, "raise_symptoms", list, sizeof(list));
	return fitting_symptoms(w, factor, list, sizeof(list));
}

static void lab_evidence(struct finding *f, const struct work *w, json_t *factor,
			 enum strength *lab, bool *normal)
{
	size_t i;
	json_t *v;
	*lab = S_NONE;
	*normal = false;
	json_array_foreach(json_object_get(factor, "labs"), i, v)
	{
		const cl_lab_result *r = cl_work_lab(w, json_string_value(v));
		if (!r)
			continue;
		enum strength s = lab_strength(w, r);
		double shown = r->corrected ? r->corrected_value : r->value;
		say(f->evidence, "%s %g %s%s: %s", r->label, shown, r->unit,
		    r->corrected ? " (corrected for albumin)" : "", r->band_text);
		if (r->note[0])
			say(f->evidence, "%s", r->note);
		cl_cite_list(f->sources, w, &r->sources);
		*lab = max_s(*lab, s);
		if (strcmp(r->band, "normal") == 0 && s == S_NONE)
			*normal = true;
	}
}

static enum strength intake_evidence(struct finding *f, const struct work *w,
				     const struct nutrient_state *n)
{
	const cl_nutrient_info *info = cl_nutrient_get(n->id);
	json_t *r = rules(w);
	if (w->ndays == 0) {
		say(f->unknown, "No diary: intake of %s is unknown.", info->label);
		return S_NONE;
	}
	if (isnan(n->mean))
		return S_NONE;
	const char *at_least = n->missing_days ? "at least " : "";
	if (n->missing_days)
		say(f->unknown,
		    "Some foods have no %s data on %u of %zu days: the mean is a lower bound, and the "
		    "probability is lower than the truth.",
		    info->label, n->missing_days, n->days);
	cl_cite_list(f->sources, w, &n->adequacy.sources);
	if (!n->assessed) {
		say(f->evidence, "%zu days, mean %s%.3g %s %s.", n->days, at_least, n->mean, info->unit,
		    info->label);
		return S_NONE;
	}
	const cl_adequacy *a = &n->adequacy;
	if (!isnan(a->p_adequate)) {
		say(f->evidence, "%zu days, mean %s%.4g %s %s, %s %g: probability adequate %.0f%%.",
		    n->days, at_least, n->mean, info->unit, info->label,
		    a->method == CL_ADEQ_METHOD_IRON_TABLE ? "iron table, EAR" : "EAR",
		    a->reference, 100.0 * a->p_adequate);
		if (a->assumed && a->note[0])
			say(f->evidence, "%s", a->note);
		double moderate = json_number_value(json_object_get(r, "intake_p_adequate_moderate_below"));
		double low = json_number_value(json_object_get(r, "intake_p_adequate_low_below"));
		if (a->p_adequate < moderate)
			return S_MODERATE;
		return a->p_adequate < low ? S_LOW : S_NONE;
	}
	if (a->method == CL_ADEQ_METHOD_AI) {
		say(f->evidence, "%zu days, mean %s%.4g %s %s, AI %g: %s.", n->days, at_least, n->mean,
		    info->unit, info->label, a->reference,
		    a->conclusion == CL_ADEQ_ADEQUATE
			    ? "intake is likely adequate"
			    : "adequacy cannot be shown, but an AI cannot show inadequacy either");
		double frac = json_number_value(json_object_get(r, "ai_fraction_low_below"));
		return n->mean < frac * a->reference ? S_LOW : S_NONE;
	}
	if (a->note[0])
		say(f->unknown, "%s", a->note);
	return S_NONE;
}

/* Medicines and conditions that deplete this factor's nutrient. */
static enum strength risk_evidence(struct finding *f, const struct work *w, const char *factor,
				   bool *caution)
{
	enum strength s = S_NONE;
	const struct med_state *lists[2] = {w->meds, w->conds};
	size_t counts[2] = {w->nmeds, w->nconds};
	*caution = false;
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const cl_med_info *m = lists[l][i].info;
			for (size_t e = 0; m && e < m->neffects; e++) {
				const cl_med_effect *x = &m->effects[e];
				if (strcmp(x->nutrient, factor) != 0)
					continue;
				if (strcmp(x->effect, "caution_supplements") == 0) {
					*caution = true;
					say(f->evidence, "Caution (%s): %s.", m->label, x->note);
				} else {
					say(f->evidence, "%s (%s): %s.", lists[l][i].from_profile
										 ? "From your profile"
										 : (l ? "Condition" : "Medicine"),
					    m->label, x->note);
					s = max_s(s, strength_of_name(x->strength) >= S_MODERATE ? S_MODERATE
												   : S_LOW);
				}
				cl_cite_list(f->sources, w, &m->sources);
			}
		}
	return s;
}

static enum strength nutrient_finding(struct finding *f, const struct work *w, json_t *factor)
{
	const char *key = json_string_value(json_object_get(factor, "nutrient"));
	const struct nutrient_state *n = key ? cl_work_nutrient(w, key) : NULL;
	enum strength lab, intake = S_NONE, risk, s;
	bool normal, caution;
	char symptoms[256];

	lab_evidence(f, w, factor, &lab, &normal);
	if (n)
		intake = intake_evidence(f, w, n);
	risk = risk_evidence(f, w, f->factor, &caution);
	/* Some nutrients cannot be judged from the diet alone (vitamin D comes mostly
	 * from sunlight): without a lab or a risk factor, intake caps the finding. */
	const char *alone = json_string_value(json_object_get(factor, "intake_alone_max"));
	if (alone && lab == S_NONE && risk == S_NONE && intake > strength_of_name(alone)) {
		intake = strength_of_name(alone);
		say(f->evidence, "%s", json_string_value(json_object_get(factor, "intake_alone_note")));
	}
	s = max_s(lab, intake);
	if (risk > S_NONE) {
		s = max_s(s, S_LOW);
		if (risk >= S_MODERATE && intake >= S_LOW)
			s = max_s(s, S_MODERATE);
	}
	int nsym = fitting_symptoms(w, factor, symptoms, sizeof(symptoms));
	if (nsym)
		say(f->evidence, "Your symptoms that fit: %s.", symptoms);
	int nraise = raising_symptoms(w, factor);
	/* Symptoms raise a finding only when it rests on a real risk (a depleting
	 * medicine or condition, or intake clearly short), never a mere hint, and
	 * without a lab never above moderate. */
	if (nraise && s >= S_LOW && s < S_HIGH && lab == S_NONE &&
	    (risk >= S_MODERATE || intake >= S_MODERATE))
		s = (enum strength)(s + 1 > S_MODERATE ? S_MODERATE : s + 1);
	/* Three kinds of evidence that agree - a low lab result or intake clearly
	 * short, a cause that explains it, and symptoms that fit - are the
	 * strongest a screening can give (thiamin has no lab: alcohol use disorder,
	 * intake far below the EAR and neuropathy must still be able to say so). */
	if ((lab == S_MODERATE || intake >= S_MODERATE) && risk >= S_MODERATE && nraise)
		s = S_HIGH;
	if (normal && lab == S_NONE && s > S_LOW) {
		s = S_LOW;
		say(f->evidence, "A normal blood level makes a deficiency unlikely now.");
	}
	if (json_array_size(json_object_get(factor, "labs")) > 0 && lab == S_NONE && !normal &&
	    s >= S_LOW)
		say(f->unknown, "No blood test for this was given; a clinician can check it.");
	const char *weak = json_string_value(json_object_get(factor, "weak_evidence_note"));
	if (weak && symptom_named(w, "cramps"))
		say(f->evidence, "%s", weak);
	return s;
}

static enum strength dehydration_finding(struct finding *f, const struct work *w, json_t *factor)
{
	enum strength s = S_NONE;
	bool overdrank = false;
	for (size_t i = 0; i < w->nsweat; i++) {
		const cl_sweat *x = &w->sweat[i];
		if (x->overdrank) {
			overdrank = true;
			say(f->evidence, "Session %zu: body mass rose by %.1f%% while drinking: more drunk "
					 "than sweated.",
			    i + 1, -x->deficit_pct);
			continue;
		}
		if (!isnan(x->deficit_pct))
			say(f->evidence, "Session %zu: %s loss of %.1f%% of body mass (%.2f L sweat).",
			    i + 1, x->measured ? "measured" : "estimated", x->deficit_pct,
			    x->sweat_loss_l);
		if (x->dehydrated)
			s = max_s(s, x->measured ? S_MODERATE : S_LOW);
		if (!x->measured)
			say(f->unknown, "Session %zu: %s", i + 1, x->assumptions);
	}
	const struct nutrient_state *water = cl_work_nutrient(w, "water_g");
	enum strength intake = water ? intake_evidence(f, w, water) : S_NONE;
	if (!overdrank)
		s = max_s(s, intake);
	else
		s = S_NONE;
	char symptoms[256];
	if (s > S_NONE && fitting_symptoms(w, factor, symptoms, sizeof(symptoms)))
		say(f->evidence, "Your symptoms that fit: %s.", symptoms);
	const char *weak = json_string_value(json_object_get(factor, "weak_evidence_note"));
	if (weak && s > S_NONE)
		say(f->evidence, "%s", weak);
	return s;
}

static enum strength sodium_finding(struct finding *f, const struct work *w, json_t *factor)
{
	enum strength s = S_NONE, lab;
	bool normal, caution;
	json_t *advice = json_object_get(w->a->factors, "advice");
	double notable = json_number_value(json_object_get(advice, "sodium_loss_mg_notable"));
	bool overdrank = false;

	lab_evidence(f, w, factor, &lab, &normal);
	s = lab;
	for (size_t i = 0; i < w->nsweat; i++) {
		const cl_sweat *x = &w->sweat[i];
		overdrank |= x->overdrank;
		say(f->evidence, "Session %zu: about %.0f mg sodium lost in %.2f L of sweat (%.0f mmol/L "
				 "assumed).",
		    i + 1, x->sodium_loss_mg, x->sweat_loss_l, x->sodium_mmol_l);
		if (x->sodium_loss_mg > notable && symptom_named(w, "during_exercise"))
			s = max_s(s, S_LOW);
	}
	if (overdrank && lab >= S_LOW)
		s = S_HIGH; /* over-drinking with low sodium: hyponatraemia */
	else if (overdrank)
		s = max_s(s, S_LOW);
	enum strength risk = risk_evidence(f, w, "sodium_loss", &caution);
	if (risk > S_NONE && s == S_NONE && lab == S_NONE && !normal)
		s = S_LOW;
	const char *weak = json_string_value(json_object_get(factor, "weak_evidence_note"));
	if (weak && s > S_NONE && s < S_HIGH)
		say(f->evidence, "%s", weak);
	return s;
}

static enum strength injury_finding(struct finding *f, const struct work *w, json_t *factor)
{
	char symptoms[256];
	int n = fitting_symptoms(w, factor, symptoms, sizeof(symptoms));
	if (n == 0)
		return S_NONE;
	say(f->evidence, "Signs of an injury rather than a deficiency: %s.", symptoms);
	if (symptom_named(w, "cramps") && n < 2)
		say(f->evidence, "Cramps point the other way: a cramp eases within minutes and leaves "
				 "no bruise.");
	return n >= 3 ? S_HIGH : n == 2 ? S_MODERATE : S_LOW;
}

static enum strength medication_finding(struct finding *f, const struct work *w)
{
	enum strength s = S_NONE;
	for (size_t i = 0; i < w->nmeds; i++) {
		const cl_med_info *m = w->meds[i].info;
		if (!m) {
			say(f->unknown, "'%s' is not a medicine cramplab knows; ask a pharmacist whether "
					"it affects muscles or minerals.",
			    w->meds[i].input);
			continue;
		}
		for (size_t e = 0; e < m->neffects; e++) {
			const cl_med_effect *x = &m->effects[e];
			if (strcmp(x->effect, "muscle_symptoms") != 0 &&
			    strcmp(x->effect, "cramps_associated") != 0)
				continue;
			say(f->evidence, "%s (%s): %s.", w->meds[i].input, m->label, x->note);
			s = max_s(s, strength_of_name(x->strength) >= S_MODERATE ? S_MODERATE : S_LOW);
			cl_cite_list(f->sources, w, &m->sources);
		}
	}
	for (size_t i = 0; i < w->nconds; i++)
		if (!w->conds[i].info)
			say(f->unknown, "'%s' is not a condition cramplab knows.", w->conds[i].input);
	return s;
}

static int by_strength(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->strength != y->strength)
		return x->strength < y->strength ? 1 : -1;
	return x->order < y->order ? -1 : (x->order > y->order);
}

int cl_assess_findings(struct work *w)
{
	json_t *factors = json_object_get(w->a->factors, "factors");
	size_t n = json_object_size(factors), i = 0;
	struct finding *list = calloc(n + 1, sizeof(*list));
	const char *name;
	json_t *factor;

	if (!list)
		return cl_error_oom();
	json_object_foreach(factors, name, factor)
	{
		struct finding *f = &list[i];
		f->factor = name;
		f->order = i++;
		f->evidence = json_array();
		f->unknown = json_array();
		f->sources = json_array();
		if (strcmp(name, "dehydration") == 0)
			f->strength = dehydration_finding(f, w, factor);
		else if (strcmp(name, "sodium_loss") == 0)
			f->strength = sodium_finding(f, w, factor);
		else if (strcmp(name, "injury") == 0)
			f->strength = injury_finding(f, w, factor);
		else if (strcmp(name, "medication") == 0)
			f->strength = medication_finding(f, w);
		else
			f->strength = nutrient_finding(f, w, factor);
		cl_cite_factor_ids(f->sources, w, json_object_get(factor, "sources"));
	}
	qsort(list, n, sizeof(*list), by_strength);
	json_t *arr = json_array();
	for (i = 0; i < n; i++) {
		struct finding *f = &list[i];
		json_t *factor_data = json_object_get(factors, f->factor);
		json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s}", "factor", f->factor,
				      "label", json_string_value(json_object_get(factor_data, "label")),
				      "strength", strength_names[f->strength], "evidence", f->evidence,
				      "unknown", f->unknown, "sources", f->sources, "explain",
				      f->factor);
		if (!o)
			continue;
		json_array_append_new(arr, o);
	}
	free(list);
	json_object_set_new(w->doc, "findings", arr);
	return CL_OK;
}

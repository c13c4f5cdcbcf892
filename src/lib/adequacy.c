/*
 * The IOM 2000 method for judging one person's intake (DRI: Applications in
 * Dietary Assessment, ch. 3 and Appendix B), as pure functions over numbers
 * plus thin wrappers that fetch the numbers from the knowledge base.  The
 * normal CDF is computed from erfc so the tails (z = -4) keep their
 * precision.  Iron is never put through the normal approximation: its
 * requirement is skewed, so it uses IOM's probability table where cramplab
 * holds one, and says "not applicable" where it does not.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cramplab/adequacy.h"
#include "error.h"
#include "kb_internal.h"

/* Table B-1: z of 1 is "85% probability of a correct conclusion". */
#define CONCLUDE_Z 1.0

double cl_normal_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

static void init(cl_adequacy *out, cl_adeq_method m, double mean, int days)
{
	memset(out, 0, sizeof(*out));
	out->method = m;
	out->conclusion = CL_ADEQ_NOT_ASSESSED;
	out->mean = mean;
	out->days = days;
	out->reference = out->sd_requirement = out->sd_within = NAN;
	out->z = out->probability = out->p_adequate = NAN;
}

static int check_intake(double mean, int days)
{
	if (days < 1)
		return cl_error_set(CL_EINVAL, "days: expected at least 1 recorded day, got %d", days);
	if (!isfinite(mean) || mean < 0)
		return cl_error_set(CL_EINVAL, "mean intake: expected a finite number >= 0");
	return CL_OK;
}

static int check_positive(double x, const char *what)
{
	if (!isfinite(x) || x <= 0)
		return cl_error_set(CL_EINVAL, "%s: expected a finite number > 0", what);
	return CL_OK;
}

int cl_adequacy_ear(cl_adequacy *out, double mean, int days, double ear, double cv,
		    double sd_within)
{
	int rc;

	init(out, CL_ADEQ_METHOD_EAR, mean, days);
	if ((rc = check_intake(mean, days)) || (rc = check_positive(ear, "EAR")) ||
	    (rc = check_positive(cv, "CV of the requirement")) ||
	    (rc = check_positive(sd_within, "within-person SD")))
		return rc;
	out->reference = ear;
	out->sd_requirement = cv * ear;
	out->sd_within = sd_within;
	double sd_d = sqrt(out->sd_requirement * out->sd_requirement +
			   sd_within * sd_within / days);
	out->z = (mean - ear) / sd_d;
	out->probability = out->p_adequate = cl_normal_cdf(out->z);
	out->conclusion = out->z >= CONCLUDE_Z    ? CL_ADEQ_ADEQUATE
			  : out->z <= -CONCLUDE_Z ? CL_ADEQ_INADEQUATE
						  : CL_ADEQ_UNCERTAIN;
	return CL_OK;
}

int cl_adequacy_ai(cl_adequacy *out, double mean, int days, double ai, double sd_within)
{
	int rc;

	init(out, CL_ADEQ_METHOD_AI, mean, days);
	if ((rc = check_intake(mean, days)) || (rc = check_positive(ai, "AI")) ||
	    (rc = check_positive(sd_within, "within-person SD")))
		return rc;
	out->reference = ai;
	out->sd_within = sd_within;
	out->z = (mean - ai) / (sd_within / sqrt(days));
	out->probability = cl_normal_cdf(out->z);
	/* An intake below the AI may still meet the unknown requirement. */
	out->conclusion = out->z >= CONCLUDE_Z ? CL_ADEQ_ADEQUATE : CL_ADEQ_CANNOT_CONCLUDE;
	return CL_OK;
}

int cl_adequacy_ul(cl_adequacy *out, double mean, int days, double ul, double sd_within)
{
	int rc;

	init(out, CL_ADEQ_METHOD_UL, mean, days);
	if ((rc = check_intake(mean, days)) || (rc = check_positive(ul, "UL")) ||
	    (rc = check_positive(sd_within, "within-person SD")))
		return rc;
	out->reference = ul;
	out->sd_within = sd_within;
	out->z = (ul - mean) / (sd_within / sqrt(days));
	out->probability = cl_normal_cdf(out->z);
	out->conclusion = out->z >= CONCLUDE_Z ? CL_ADEQ_BELOW_UL : CL_ADEQ_MAY_EXCEED_UL;
	return CL_OK;
}

static int group_of(const cl_dri_set *dri)
{
	for (int g = 0; g < KB_GROUPS; g++)
		if (strcmp(kb_group_names[g], dri->group) == 0)
			return g;
	return -1;
}

static int band_of(const cl_dri_set *dri)
{
	for (int b = 0; b < KB_BANDS; b++)
		if (strcmp(kb_band_names[b], dri->age_band) == 0)
			return b;
	return -1;
}

int cl_within_sd_get(cl_within_sd *out, const cl_kb *kb, const cl_dri_set *dri, const char *key)
{
	const cl_dri_value *v = cl_dri_get(dri, key);
	int g = group_of(dri), b = band_of(dri);
	double ref;

	memset(out, 0, sizeof(*out));
	out->sd = NAN;
	if (kb_need(kb, CL_KB_DRI))
		return CL_EINVAL;
	if (!v || g < 0 || b < 0)
		return cl_error_set(CL_ENOTFOUND, "no DRIs for '%s' in this life stage",
				    key ? key : "(null)");
	for (size_t i = 0; i < kb->nwithin; i++) {
		const struct kb_within *w = &kb->within[i];
		if (strcmp(w->key, key) == 0 && w->group == g && w->bands[b]) {
			out->sd = w->sd;
			out->assumed = w->assumed;
			out->note = w->note;
			kb_src_copy(&out->sources, &w->src);
			return CL_OK;
		}
	}
	/* The EAR is used unscaled by the vegetarian factor: day-to-day variation
	 * is a property of intake, not of the requirement. */
	ref = !isnan(v->ear) ? v->ear / v->vegetarian_factor : v->ai;
	if (isnan(ref))
		return cl_error_set(CL_ENOTFOUND, "'%s' has neither EAR nor AI", key);
	out->sd = kb->within_ratio * ref;
	out->assumed = true;
	out->note = kb->within_note;
	kb_src_copy(&out->sources, &kb->within_src);
	return CL_OK;
}

static void add_note(cl_adequacy *out, const char *text)
{
	size_t len = strlen(out->note);

	if (!text || !*text)
		return;
	/* Notes come from separate data entries; end each as a sentence. */
	const char *sep = !len ? "" : strchr(".!?", out->note[len - 1]) ? " " : ". ";
	snprintf(out->note + len, sizeof(out->note) - len, "%s%s", sep, text);
}

static void add_warning(cl_adequacy *out, const cl_kb *kb, const char *key)
{
	for (size_t i = 0; key && i < kb->nwarnings; i++)
		if (strcmp(kb->warnings[i].key, key) == 0) {
			add_note(out, kb->warnings[i].text);
			kb_src_merge(&out->sources, &kb->warnings[i].src);
			return;
		}
}

static const struct kb_iron_table *iron_table(const cl_kb *kb, const cl_dri_set *dri)
{
	int g = group_of(dri), b = band_of(dri);

	for (size_t i = 0; i < kb->niron; i++)
		if (kb->iron[i].group == g && b >= 0 && kb->iron[i].bands[b])
			return &kb->iron[i];
	return NULL;
}

static int assess_iron(cl_adequacy *out, const cl_kb *kb, const cl_dri_set *dri,
		       const cl_dri_value *v, double mean, int days)
{
	const struct kb_iron_table *t = iron_table(kb, dri);
	double x = mean;
	char buf[300];

	init(out, CL_ADEQ_METHOD_NOT_APPLICABLE, mean, days);
	out->reference = v->ear;
	cl_source_list_merge(&out->sources, &v->sources);
	if (!t) {
		snprintf(buf, sizeof(buf),
			 "The iron requirement is skewed, so the normal approximation is not used, "
			 "and cramplab holds IOM's probability table only for menstruating women "
			 "19-50; the mean is compared with the EAR (%.3g mg) and RDA (%.3g mg) "
			 "instead.",
			 v->ear, v->rda);
		add_note(out, buf);
		cl_source_list_add(&out->sources, "iom2001");
		return CL_OK;
	}
	out->method = CL_ADEQ_METHOD_IRON_TABLE;
	if (dri->profile.vegetarian && v->vegetarian_factor != 1) {
		x = mean / v->vegetarian_factor;
		out->assumed = true;
		add_note(out, t->vegetarian_note);
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct kb_iron_range *r = &t->r[i];
		if (isnan(r->to) || x <= r->to) {
			out->p_adequate = out->probability = 1.0 - r->p_inadequate;
			break;
		}
	}
	out->conclusion = out->p_adequate >= 0.85   ? CL_ADEQ_ADEQUATE
			  : out->p_adequate <= 0.15 ? CL_ADEQ_INADEQUATE
						    : CL_ADEQ_UNCERTAIN;
	snprintf(buf, sizeof(buf),
		 "IOM probability table for %s; the %d-day mean is taken as usual intake.",
		 t->applies_to, days);
	add_note(out, buf);
	if (days < 7)
		out->assumed = true;
	kb_src_merge(&out->sources, &t->src);
	return CL_OK;
}

int cl_adequacy_assess(cl_adequacy *out, const cl_kb *kb, const cl_dri_set *dri, const char *key,
		       double mean, int days)
{
	const cl_dri_value *v = cl_dri_get(dri, key);
	cl_within_sd w;
	int rc;

	init(out, CL_ADEQ_METHOD_NOT_APPLICABLE, mean, days);
	if (!kb || !v)
		return cl_error_set(CL_EINVAL, "no DRIs for nutrient '%s'", key ? key : "(null)");
	if ((rc = check_intake(mean, days)))
		return rc;
	if (strcmp(v->method, "iron_table") == 0)
		return assess_iron(out, kb, dri, v, mean, days);
	if ((rc = cl_within_sd_get(&w, kb, dri, key)))
		return rc;
	if (strcmp(v->method, "ear") == 0)
		rc = cl_adequacy_ear(out, mean, days, v->ear, v->cv, w.sd);
	else
		rc = cl_adequacy_ai(out, mean, days, v->ai, w.sd);
	if (rc)
		return rc;
	cl_source_list_merge(&out->sources, &v->sources);
	cl_source_list_merge(&out->sources, &w.sources);
	cl_source_list_add(&out->sources, "iom2000");
	if (w.assumed) {
		out->assumed = true;
		add_note(out, w.note);
	}
	if (out->method == CL_ADEQ_METHOD_EAR && v->cv_assumed) {
		out->assumed = true;
		add_note(out, v->cv_note);
	}
	if (out->method == CL_ADEQ_METHOD_AI && out->conclusion == CL_ADEQ_CANNOT_CONCLUDE)
		add_note(out, "Below the AI, inadequacy cannot be concluded: the AI is above most "
			      "people's needs.");
	add_warning(out, kb, key);
	return CL_OK;
}

int cl_adequacy_assess_ul(cl_adequacy *out, const cl_kb *kb, const cl_dri_set *dri,
			  const char *key, double mean, int days)
{
	const cl_dri_value *v = cl_dri_get(dri, key);
	cl_within_sd w;
	int rc;

	init(out, CL_ADEQ_METHOD_NOT_APPLICABLE, mean, days);
	if (!kb || !v)
		return cl_error_set(CL_EINVAL, "no DRIs for nutrient '%s'", key ? key : "(null)");
	if ((rc = check_intake(mean, days)))
		return rc;
	if (isnan(v->ul)) {
		add_note(out, "No UL is set for this nutrient.");
		cl_source_list_merge(&out->sources, &v->sources);
		return CL_OK;
	}
	if ((rc = cl_within_sd_get(&w, kb, dri, key)) ||
	    (rc = cl_adequacy_ul(out, mean, days, v->ul, w.sd)))
		return rc;
	cl_source_list_merge(&out->sources, &v->sources);
	cl_source_list_merge(&out->sources, &w.sources);
	cl_source_list_add(&out->sources, "iom2000");
	if (v->ul_applies_to && strcmp(v->ul_applies_to, "supplements") == 0)
		add_note(out, "This UL covers supplements and medicines only; pass their intake, "
			      "not food.");
	if (w.assumed) {
		out->assumed = true;
		add_note(out, w.note);
	}
	return CL_OK;
}

const char *cl_adeq_method_name(cl_adeq_method m)
{
	static const char *const names[] = {"ear", "ai", "ul", "iron_table", "not_applicable"};
	return (unsigned)m < sizeof(names) / sizeof(*names) ? names[m] : "not_applicable";
}

const char *cl_adeq_conclusion_name(cl_adeq_conclusion c)
{
	static const char *const names[] = {"adequate",      "uncertain", "inadequate",
					    "cannot_conclude", "below_ul", "may_exceed_ul",
					    "not_assessed"};
	return (unsigned)c < sizeof(names) / sizeof(*names) ? names[c] : "not_assessed";
}

static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *cl_adequacy_to_json(const cl_adequacy *a)
{
	return json_pack("{s:s, s:s, s:f, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:s, s:o}",
			 "method", cl_adeq_method_name(a->method), "conclusion",
			 cl_adeq_conclusion_name(a->conclusion), "mean", a->mean, "days", a->days,
			 "reference", num(a->reference), "z", num(a->z), "probability",
			 num(a->probability), "probability_adequate", num(a->p_adequate),
			 "sd_within", num(a->sd_within), "sd_requirement", num(a->sd_requirement),
			 "assumed", a->assumed, "note", a->note, "sources",
			 cl_source_list_to_json(&a->sources));
}

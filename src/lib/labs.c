/*
 * Laboratory results: find the test from an everyday name, convert the
 * value to the test's canonical unit, refuse what cannot be a real result,
 * and place it in a band.  All names, factors, limits and cut-offs come
 * from data/labs.json (validated when the knowledge base was opened); this
 * file only matches and compares, so a new test or unit is a data change.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cramplab/labs.h"
#include "error.h"
#include "kb_internal.h"
#include "textfold.h"

cl_lab_context cl_lab_context_init(void)
{
	cl_lab_context c;

	memset(&c, 0, sizeof(c));
	c.age = NAN;
	c.albumin = NAN;
	return c;
}

static const struct kb_lab *find_lab(const cl_kb *kb, const char *name)
{
	char norm[64];

	/* The compact form drops every byte that is not a letter or digit, so
	 * "magn\xffesium" would otherwise be read as magnesium. */
	if (!cl_utf8_valid(name, -1))
		return NULL;
	kb_norm_compact(name, norm, sizeof(norm));
	for (size_t i = 0; i < kb->nlabs; i++) {
		if (strcmp(kb->labs[i].id, name) == 0)
			return &kb->labs[i];
		for (size_t k = 0; k < kb->labs[i].naliases; k++)
			if (strcmp(kb->labs[i].aliases[k], norm) == 0)
				return &kb->labs[i];
	}
	return NULL;
}

static int unknown_test(const cl_kb *kb, const char *name)
{
	char list[600] = "";
	size_t len = 0;

	if (!cl_utf8_valid(name, -1))
		return cl_error_set(CL_EINVAL, "test: the name is not valid UTF-8 text");

	for (size_t i = 0; i < kb->nlabs && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					kb->labs[i].id);
	return cl_error_set(CL_EINVAL, "test '%s' is not known (known tests: %s)", name, list);
}

int cl_lab_find_test(const char **id, const cl_kb *kb, const char *name)
{
	const struct kb_lab *l;

	*id = NULL;
	if (!kb || !name || !*name)
		return cl_error_set(CL_EINVAL, "test: expected a test name");
	if (kb_need(kb, CL_KB_LABS))
		return CL_EINVAL;
	if (!(l = find_lab(kb, name)))
		return unknown_test(kb, name);
	*id = l->id;
	return CL_OK;
}

static const struct kb_unit *find_unit(const struct kb_lab *l, const char *unit)
{
	char norm[32];

	kb_norm_unit(unit, norm, sizeof(norm));
	for (size_t i = 0; i < l->nunits; i++)
		if (strcmp(l->units[i].norm, norm) == 0)
			return &l->units[i];
	return NULL;
}

static int unknown_unit(const struct kb_lab *l, const char *unit)
{
	char list[200] = "";
	size_t len = 0;

	for (size_t i = 0; i < l->nunits && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
					l->units[i].unit);
	return cl_error_set(CL_EINVAL, "%s: unit '%s' is not accepted (accepted: %s)", l->id,
			    unit ? unit : "", list);
}

int cl_lab_convert(double *out, const cl_kb *kb, const char *test, double value, const char *from,
		   const char *to)
{
	const struct kb_lab *l;
	const struct kb_unit *uf, *ut;

	*out = NAN;
	if (!kb || !test)
		return cl_error_set(CL_EINVAL, "test: expected a test name");
	if (kb_need(kb, CL_KB_LABS))
		return CL_EINVAL;
	if (!(l = find_lab(kb, test)))
		return unknown_test(kb, test);
	if (!from || !(uf = find_unit(l, from)))
		return unknown_unit(l, from);
	if (!to || !(ut = find_unit(l, to)))
		return unknown_unit(l, to);
	if (!isfinite(value))
		return cl_error_set(CL_EINVAL, "%s: expected a finite value", l->id);
	*out = value / uf->per_canonical * ut->per_canonical;
	return CL_OK;
}

/* Does a band set's "when" fit the person?  Unknown age counts as adult. */
static bool set_matches(const struct kb_band_set *s, const cl_lab_context *c, double age)
{
	if (s->sex != CL_SEX_UNKNOWN && s->sex != c->sex)
		return false;
	if (s->pregnant >= 0 && s->pregnant != (int)c->pregnant)
		return false;
	if (s->inflammation >= 0 && s->inflammation != (int)c->inflammation)
		return false;
	if (s->trimester && s->trimester != c->trimester)
		return false;
	if (!isnan(s->min_age) && age < s->min_age)
		return false;
	if (!isnan(s->max_age) && age >= s->max_age + 1)
		return false;
	return true;
}

static const struct kb_band *band_of(const struct kb_band_set *s, double x)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct kb_band *b = &s->bands[i];
		if (b->bound_kind == KB_BOUND_NONE || (b->bound_kind == KB_BOUND_LT && x < b->bound) ||
		    (b->bound_kind == KB_BOUND_LE && x <= b->bound))
			return b;
	}
	return NULL; /* unreachable: the last band is unbounded (checked at load) */
}

static void add_note(cl_lab_result *r, const char *text)
{
	size_t len = strlen(r->note);

	snprintf(r->note + len, sizeof(r->note) - len, "%s%s", len ? " " : "", text);
}

static int check_plausible(const struct kb_lab *l, double canonical, double input,
			   const char *unit)
{
	if (canonical >= l->pmin && canonical <= l->pmax)
		return CL_OK;
	return cl_error_set(CL_EINVAL,
			    "%s: %g %s is not a plausible result (plausible range %g-%g %s); "
			    "check the value and the unit",
			    l->id, input, unit, l->pmin, l->pmax, l->canonical_unit);
}

/* Total calcium corrected for albumin (Payne 1973), in mmol/L. */
static int correct_calcium(cl_lab_result *r, const cl_kb *kb, const struct kb_lab *l,
			   const cl_lab_context *c)
{
	const struct kb_lab *alb = find_lab(kb, "albumin");
	const struct kb_unit *u;
	double g_per_l;
	char buf[400];
	int rc;

	if (!alb)
		return CL_OK;
	if (!c->albumin_unit || !(u = find_unit(alb, c->albumin_unit)))
		return unknown_unit(alb, c->albumin_unit);
	if (!isfinite(c->albumin))
		return cl_error_set(CL_EINVAL, "albumin: expected a finite value");
	g_per_l = c->albumin / u->per_canonical;
	if ((rc = check_plausible(alb, g_per_l, c->albumin, u->unit)))
		return rc;
	r->corrected = true;
	r->corrected_value = r->value + l->alb_coef * (l->alb_ref - g_per_l);
	snprintf(buf, sizeof(buf), "Corrected for albumin %g g/L: %.2f mmol/L (%.1f mg/dL).",
		 g_per_l, r->corrected_value, r->corrected_value * 4.008);
	add_note(r, buf);
	if (l->alb_note) {
		snprintf(buf, sizeof(buf), "The correction is %.300s.", l->alb_note);
		add_note(r, buf);
	}
	kb_src_merge(&r->sources, &l->alb_src);
	return CL_OK;
}

int cl_lab_interpret(cl_lab_result *out, const cl_kb *kb, const char *test, double value,
		     const char *unit, const cl_lab_context *ctx)
{
	cl_lab_context none = cl_lab_context_init();
	const cl_lab_context *c = ctx ? ctx : &none;
	const struct kb_lab *l;
	const struct kb_unit *u;
	const struct kb_band_set *set = NULL;
	double age;
	int rc;

	memset(out, 0, sizeof(*out));
	out->value = out->corrected_value = out->input_value = NAN;
	if (!kb || !test || !*test)
		return cl_error_set(CL_EINVAL, "test: expected a test name");
	if (kb_need(kb, CL_KB_LABS))
		return CL_EINVAL;
	if (!(l = find_lab(kb, test)))
		return unknown_test(kb, test);
	if (!unit || !*unit || !(u = find_unit(l, unit)))
		return unknown_unit(l, unit);
	if (!isfinite(value))
		return cl_error_set(CL_EINVAL, "%s: expected a finite value", l->id);
	out->test = l->id;
	out->label = l->label;
	out->input_value = value;
	out->input_unit = u->unit;
	out->unit = l->canonical_unit;
	out->value = value / u->per_canonical;
	if ((rc = check_plausible(l, out->value, value, u->unit)))
		return rc;
	kb_src_merge(&out->sources, &u->src);
	if (l->albumin_correction && !isnan(c->albumin) &&
	    (rc = correct_calcium(out, kb, l, c)))
		return rc;
	age = c->age;
	if (isnan(age)) {
		age = 18;
		if (l->nsets > 1 || (l->nsets == 1 && !isnan(l->sets[0].min_age)))
			add_note(out, "Age not given: adult cut-offs used.");
	}
	for (size_t i = 0; i < l->nsets && !set; i++)
		if (set_matches(&l->sets[i], c, age))
			set = &l->sets[i];
	if (!set) {
		out->band = "not_interpreted";
		out->band_text = l->nsets == 0 ? "cramplab holds no reference range for this test"
					       : "cramplab holds no cut-off for this person (give "
						 "sex and age)";
		if (l->note)
			add_note(out, l->note);
		return CL_OK;
	}
	const struct kb_band *b = band_of(set, out->corrected ? out->corrected_value : out->value);
	out->band = b->name;
	out->band_text = b->text;
	out->assumed = b->assumed;
	kb_src_merge(&out->sources, &b->src);
	return CL_OK;
}

static json_t *num(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *cl_lab_result_to_json(const cl_lab_result *r)
{
	json_t *o = json_pack("{s:s, s:s, s:f, s:s, s:{s:f, s:s}, s:s, s:s, s:b, s:s, s:o}", "test",
			      r->test, "label", r->label, "value", r->value, "unit", r->unit,
			      "input", "value", r->input_value, "unit", r->input_unit, "band",
			      r->band, "band_text", r->band_text, "assumed", r->assumed, "note",
			      r->note, "sources", cl_source_list_to_json(&r->sources));

	if (o && r->corrected && json_object_set_new(o, "corrected_value", num(r->corrected_value))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

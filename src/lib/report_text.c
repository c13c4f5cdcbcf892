/*
 * The text report, rendered from the assessment document so that it can
 * never say something the JSON does not.  Order follows what a patient
 * needs first: how urgent, then what is most likely behind the symptoms and
 * why, what could not be judged, what to do, and the sources by number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/assess.h"
#include "error.h"
#include "util.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The number of a citation in the list at the end, adding it if new. */
static size_t cite_number(json_t *all, const char *text)
{
	size_t i;
	json_t *v;
	json_array_foreach(all, i, v)
	{
		if (strcmp(json_string_value(v), text) == 0)
			return i + 1;
	}
	/* text is a string of the document: valid UTF-8 already. */
	json_array_append_new(all, json_string_nocheck(text));
	return json_array_size(all);
}

static void cites(cl_buf *b, json_t *all, const json_t *sources)
{
	size_t i;
	json_t *v;
	if (!json_array_size(sources))
		return;
	cl_buf_printf(b, "     sources:");
	json_array_foreach(sources, i, v)
	{
		cl_buf_printf(b, " [%zu]", cite_number(all, json_string_value(v)));
	}
	cl_buf_printf(b, "\n");
}

static void triage(cl_buf *b, json_t *all, const json_t *doc)
{
	const json_t *t = json_object_get(doc, "triage");
	const char *level = str(t, "level");
	static const struct {
		const char *level, *headline;
	} heads[] = {
		{"emergency", "EMERGENCY: call emergency services or go to an emergency department now."},
		{"urgent", "URGENT: see a clinician today."},
		{"routine", "ROUTINE: book a visit with your doctor."},
		{"self_care", "SELF-CARE: nothing here needs a clinician soon; the advice below may help."},
	};
	for (size_t i = 0; i < 4; i++)
		if (strcmp(level, heads[i].level) == 0)
			cl_buf_printf(b, "%s\n", heads[i].headline);
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(t, "details"), i, d)
	{
		cl_buf_printf(b, "  - %s\n    What to do: %s\n", str(d, "reason"), str(d, "action"));
		cites(b, all, json_object_get(d, "sources"));
	}
	cl_buf_printf(b, "\n");
}

static void findings(cl_buf *b, json_t *all, const json_t *doc)
{
	size_t i, j;
	json_t *f, *v;
	int none = 0;
	cl_buf_printf(b, "WHAT MAY BE BEHIND YOUR SYMPTOMS (strongest first)\n");
	json_array_foreach(json_object_get(doc, "findings"), i, f)
	{
		if (strcmp(str(f, "strength"), "none") == 0) {
			none++;
			continue;
		}
		cl_buf_printf(b, "  [%s] %s\n", str(f, "strength"), str(f, "label"));
		json_array_foreach(json_object_get(f, "evidence"), j, v)
		{
			cl_buf_printf(b, "     - %s\n", json_string_value(v));
		}
		json_array_foreach(json_object_get(f, "unknown"), j, v)
		{
			cl_buf_printf(b, "     ? %s\n", json_string_value(v));
		}
		cites(b, all, json_object_get(f, "sources"));
		cl_buf_printf(b, "     more: cramplab explain %s\n", str(f, "factor"));
	}
	if (none) {
		cl_buf_printf(b, "  Not supported by what you entered:");
		int k = 0;
		json_array_foreach(json_object_get(doc, "findings"), i, f)
		{
			if (strcmp(str(f, "strength"), "none") == 0)
				cl_buf_printf(b, "%s %s", k++ ? "," : "", str(f, "label"));
		}
		cl_buf_printf(b, ".\n");
	}
	cl_buf_printf(b, "\n");
}

static void intake(cl_buf *b, const json_t *doc)
{
	const json_t *in = json_object_get(doc, "intake");
	json_int_t days = json_integer_value(json_object_get(in, "days"));
	const char *key;
	json_t *n;
	if (days == 0) {
		cl_buf_printf(b, "INTAKE: no diary was given, so intake could not be judged.\n\n");
		return;
	}
	cl_buf_printf(b, "INTAKE (mean per day over %lld days)\n", (long long)days);
	json_object_foreach(json_object_get(in, "nutrients"), key, n)
	{
		json_t *mean = json_object_get(n, "mean"), *ref = json_object_get(n, "reference");
		if (!json_is_number(mean))
			continue;
		cl_buf_printf(b, "  %-24s %s%9.4g %-4s", str(n, "label"),
			      json_is_true(json_object_get(n, "at_least")) ? "at least" : "        ",
			      json_number_value(mean), str(n, "unit"));
		const char *names[] = {"ear", "rda", "ai", "ul"};
		for (int i = 0; i < 4; i++) {
			json_t *r = json_object_get(ref, names[i]);
			if (json_is_number(r))
				cl_buf_printf(b, "  %s %g", names[i], json_number_value(r));
		}
		json_t *p = json_object_get(n, "probability_adequate");
		if (json_is_number(p))
			cl_buf_printf(b, "  P(adequate) %.0f%%", 100 * json_number_value(p));
		else if (strcmp(str(n, "conclusion"), "cannot_conclude") == 0)
			cl_buf_printf(b, "  (AI: adequacy not shown)");
		else if (strcmp(str(n, "conclusion"), "adequate") == 0)
			cl_buf_printf(b, "  (likely adequate)");
		cl_buf_printf(b, "\n");
	}
	if (json_is_string(json_object_get(in, "note")))
		cl_buf_printf(b, "  Note: %s\n", str(in, "note"));
	cl_buf_printf(b, "\n");
}

static void hydration(cl_buf *b, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "hydration");
	size_t i;
	json_t *s;
	if (!json_array_size(json_object_get(h, "sessions")))
		return;
	cl_buf_printf(b, "EXERCISE AND FLUIDS\n");
	json_array_foreach(json_object_get(h, "sessions"), i, s)
	{
		json_t *pct = json_object_get(s, "mass_change_pct");
		cl_buf_printf(b, "  Session %zu%s%s: %.0f min, sweat %.2f L (%s)", i + 1,
			      json_is_string(json_object_get(s, "date")) ? " on " : "",
			      str(s, "date"), json_number_value(json_object_get(s, "minutes")),
			      json_number_value(json_object_get(s, "sweat_loss_l")),
			      strcmp(str(s, "method"), "body_mass") == 0 ? "measured" : "estimated");
		if (json_is_number(pct))
			cl_buf_printf(b, ", body mass change %.1f%%", -json_number_value(pct));
		cl_buf_printf(b, ", sodium lost about %.0f mg%s%s\n",
			      json_number_value(json_object_get(s, "sodium_loss_mg")),
			      json_is_true(json_object_get(s, "dehydrated")) ? "; DEHYDRATED (over 2%)" : "",
			      json_is_true(json_object_get(s, "overdrinking")) ? "; DRANK MORE THAN SWEATED"
									       : "");
	}
	cl_buf_printf(b, "\n");
}

/* A nutrient key's label and unit from the intake section ("Vitamin D", "µg"). */
static void label_of(const json_t *doc, const char *key, const char **label, const char **unit)
{
	json_t *n = json_object_get(json_object_get(json_object_get(doc, "intake"), "nutrients"), key);
	*label = json_is_string(json_object_get(n, "label")) ? str(n, "label") : key;
	*unit = json_is_string(json_object_get(n, "unit")) ? str(n, "unit") : "";
}

static void plan(cl_buf *b, const json_t *doc)
{
	const json_t *a = json_object_get(doc, "advice");
	json_t *sum = json_object_get(a, "plan_summary"), *v;
	size_t i;
	const char *label, *unit;

	if (!json_array_size(json_object_get(a, "plan")))
		return;
	cl_buf_printf(b, "  A daily plan: add these to what you eat now (%.0f kcal of a %.0f kcal budget):\n",
		      json_number_value(json_object_get(sum, "energy_kcal")),
		      json_number_value(json_object_get(sum, "energy_budget_kcal")));
	json_array_foreach(json_object_get(a, "plan"), i, v)
	{
		json_int_t n = json_integer_value(json_object_get(v, "servings"));
		cl_buf_printf(b, "   - %lld x %s (%.0f g) %s\n", (long long)n, str(v, "serving"),
			      json_number_value(json_object_get(v, "grams")), str(v, "name"));
	}
	json_t *after = json_object_get(sum, "after"), *closes = json_object_get(sum, "closes");
	if (json_array_size(closes)) {
		cl_buf_printf(b, "     With them:");
		json_array_foreach(closes, i, v)
		{
			json_t *x = json_object_get(after, json_string_value(v));
			json_t *p = json_object_get(x, "probability_adequate");
			label_of(doc, json_string_value(v), &label, &unit);
			double mean = json_number_value(json_object_get(x, "mean"));
			cl_buf_printf(b, "%s %s %.*f %s", i ? ";" : "", label,
				      mean >= 100 ? 0 : mean >= 10 ? 1 : 2, mean, unit);
			if (json_is_number(p))
				cl_buf_printf(b, " (P(adequate) %.0f%%)", 100 * json_number_value(p));
		}
		cl_buf_printf(b, ".\n");
	}
	json_array_foreach(json_object_get(sum, "remaining"), i, v)
	{
		label_of(doc, str(v, "nutrient"), &label, &unit);
		cl_buf_printf(b, "     Still short: %s: %s.\n", label, str(v, "reason"));
	}
}

static void advice(cl_buf *b, json_t *all, const json_t *doc)
{
	const json_t *a = json_object_get(doc, "advice");
	size_t i, j;
	json_t *v, *c;
	const char *label, *unit, *name;
	cl_buf_printf(b, "WHAT TO DO\n");
	if (json_array_size(json_object_get(a, "foods"))) {
		cl_buf_printf(b, "  Foods that close the gaps (per serving):\n");
		json_array_foreach(json_object_get(a, "foods"), i, v)
		{
			json_t *pct = json_object_get(v, "percent_target");
			double amount = json_number_value(json_object_get(v, "amount"));
			label_of(doc, str(v, "nutrient"), &label, &unit);
			cl_buf_printf(b, "   - %s: %s, %.*f %s %s", str(v, "name"), str(v, "serving"),
				      amount >= 100 ? 0 : amount >= 10 ? 1 : 2, amount, unit, label);
			/* Per 100 kcal: what a person watching their weight compares. */
			json_t *dense = json_object_get(v, "per_100kcal");
			if (json_is_number(dense)) {
				double d = json_number_value(dense);
				cl_buf_printf(b, " (%.*f %s per 100 kcal)", d >= 100 ? 0 : d >= 10 ? 1 : 2,
					      d, unit);
			}
			if (json_is_number(pct))
				cl_buf_printf(b, ", %.0f%% of your daily target", json_number_value(pct));
			cl_buf_printf(b, "\n");
		}
	}
	plan(b, doc);
	json_array_foreach(json_object_get(a, "notes"), i, v)
	{
		cl_buf_printf(b, "  %s\n", json_string_value(v));
	}
	if (json_array_size(json_object_get(a, "supplements"))) {
		cl_buf_printf(b, "  Supplements (only with care):\n");
		json_array_foreach(json_object_get(a, "supplements"), i, v)
		{
			json_t *max = json_object_get(v, "max_daily");
			/* The person reads "Vitamin B12", not the factor's id. */
			label_of(doc, str(v, "nutrient"), &label, &unit);
			name = *str(v, "nutrient") ? label : str(v, "factor");
			if (json_is_number(max))
				cl_buf_printf(b, "   - %s: %g-%g %s a day at most, %s.\n", name,
					      json_number_value(json_object_get(v, "min_daily")),
					      json_number_value(max), str(v, "unit"), str(v, "when"));
			else
				cl_buf_printf(b, "   - %s: no supplement (%s).\n", name,
					      str(v, "when"));
			json_array_foreach(json_object_get(v, "cautions"), j, c)
			{
				cl_buf_printf(b, "       ! %s\n", json_string_value(c));
			}
			cites(b, all, json_object_get(v, "sources"));
		}
	}
	if (json_array_size(json_object_get(a, "hydration"))) {
		cl_buf_printf(b, "  Fluids:\n");
		json_array_foreach(json_object_get(a, "hydration"), i, v)
		{
			cl_buf_printf(b, "   - %s\n", json_string_value(v));
		}
		cites(b, all, json_object_get(a, "sources"));
	}
	cl_buf_printf(b, "  Recovery:\n");
	json_array_foreach(json_object_get(a, "recovery"), i, v)
	{
		cl_buf_printf(b, "   - %s (evidence: %s)\n", str(v, "advice"), str(v, "evidence"));
		if (json_is_string(json_object_get(v, "note")))
			cl_buf_printf(b, "     %s\n", str(v, "note"));
		if (json_is_string(json_object_get(v, "your_intake")))
			cl_buf_printf(b, "     %s\n", str(v, "your_intake"));
	}
	cl_buf_printf(b, "\n");
}

int cl_report_text(char **out, const json_t *doc)
{
	cl_buf b = {0};
	json_t *all = json_array();
	const json_t *p = json_object_get(doc, "profile");

	*out = NULL;
	if (!all)
		return cl_error_oom();
	cl_buf_printf(&b, "cramplab %s: screening for %s (%s)\n\n", str(doc, "cramplab"),
		      str(p, "life_stage"), str(p, "diet"));
	triage(&b, all, doc);
	findings(&b, all, doc);
	intake(&b, doc);
	hydration(&b, doc);
	advice(&b, all, doc);
	cl_buf_printf(&b, "SOURCES\n");
	size_t i;
	json_t *v;
	json_array_foreach(all, i, v)
	{
		cl_buf_printf(&b, "  [%zu] %s\n", i + 1, json_string_value(v));
	}
	cl_buf_printf(&b, "\n%s\n", str(doc, "disclaimer"));
	json_decref(all);
	if (!b.data) {
		cl_buf_free(&b);
		return cl_error_oom();
	}
	*out = b.data;
	return CL_OK;
}

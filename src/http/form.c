/*
 * The web page's form, turned into a CASE document.  The page posts an
 * ordinary application/x-www-form-urlencoded form to /report (so it works
 * without script, and the browser's Back button returns to the filled
 * form); this module decodes it and builds the same JSON a person would
 * write by hand, which then goes through cl_case_parse() like any other
 * case.  So the form adds no rule of its own: a bad age is refused by the
 * same check, with the same words, as in a CASE file.
 *
 * Fields (repeated names are lists, taken in order):
 *   age, sex, weight_kg, diet, status (none | pregnant | lactating)
 *   diary        diary text: YYYY-MM-DD lines start a day, # comments;
 *                food lines before any date belong to today
 *   symptom      one per ticked box (cramps, nocturnal, ...)
 *   cramps_per_week, duration_days
 *   ex_date, ex_minutes, ex_intensity, ex_temperature_c, ex_mass_before_kg,
 *   ex_mass_after_kg, ex_fluid_during_ml, ex_urine_ml   one per session
 *   lab_test, lab_value, lab_unit                        one per result
 *   medications, conditions   one per line (or separated by commas)
 * Empty fields are left out, so an untouched row is not an error.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "http.h"

#define MAX_FIELDS 4000

struct field {
	char *key, *value;
};

struct form {
	struct field *f;
	size_t n;
};

static void form_free(struct form *fm)
{
	for (size_t i = 0; i < fm->n; i++) {
		free(fm->f[i].key);
		free(fm->f[i].value);
	}
	free(fm->f);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode one percent-encoded piece ('+' is a space). */
static int decode(char **out, const char *s, size_t len)
{
	char *d = malloc(len + 1);
	size_t j = 0;

	if (!d)
		return cl_error_oom();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			d[j++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
			int lo = hi >= 0 ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				free(d);
				return cl_error_set(CL_EINVAL, "the form is not properly encoded "
							       "(a %% not followed by two hex digits)");
			}
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	if (!http_text_ok(d, j)) {
		free(d);
		return cl_error_set(CL_EINVAL, "the form holds text that is not valid UTF-8 "
					       "(or a NUL byte)");
	}
	*out = d;
	return CL_OK;
}

static int form_parse(struct form *fm, const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		int rc;
		if (stop == p) {
			p = stop + 1;
			continue;
		}
		if (fm->n >= MAX_FIELDS)
			return cl_error_set(CL_EINVAL, "the form has more than %d fields", MAX_FIELDS);
		struct field *nf = realloc(fm->f, (fm->n + 1) * sizeof(*nf));
		if (!nf)
			return cl_error_oom();
		fm->f = nf;
		nf = &fm->f[fm->n];
		nf->key = nf->value = NULL;
		fm->n++;
		if ((rc = decode(&nf->key, p, (size_t)((eq ? eq : stop) - p))) ||
		    (rc = decode(&nf->value, eq ? eq + 1 : stop, eq ? (size_t)(stop - eq - 1) : 0)))
			return rc;
		p = stop + 1;
	}
	return CL_OK;
}

/* The value of the k-th field named key (NULL if fewer), blanks trimmed. */
static const char *nth(struct form *fm, const char *key, size_t k)
{
	for (size_t i = 0; i < fm->n; i++) {
		if (strcmp(fm->f[i].key, key) != 0)
			continue;
		if (k-- == 0) {
			char *v = fm->f[i].value, *e;
			while (*v == ' ' || *v == '\t')
				v++;
			e = v + strlen(v);
			while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
				*--e = '\0';
			return v;
		}
	}
	return NULL;
}

static size_t count(struct form *fm, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < fm->n; i++)
		n += strcmp(fm->f[i].key, key) == 0;
	return n;
}

/* A number field, as a JSON number (integers stay integers, so
 * "age": 67 reads as in a CASE file); absent or empty: nothing set. */
static int set_number(json_t *obj, const char *name, const char *label, const char *v)
{
	double d;
	char *end;
	json_t *j;

	if (!v || !*v)
		return CL_OK;
	if (!cl_parse_decimal(v, strlen(v), &d))
		return cl_error_set(CL_EINVAL, "%s: '%s' is not a number", label, v);
	long long ll = strtoll(v, &end, 10);
	j = (*end == '\0') ? json_integer(ll) : json_real(d);
	if (!j || json_object_set_new(obj, name, j))
		return cl_error_oom();
	return CL_OK;
}

static int set_string(json_t *obj, const char *name, const char *v)
{
	if (!v || !*v)
		return CL_OK;
	return json_object_set_new(obj, name, json_string(v)) ? cl_error_oom() : CL_OK;
}

static const char *const known[] = {
	"age", "sex", "weight_kg", "diet", "status", "diary", "symptom", "cramps_per_week",
	"duration_days", "ex_date", "ex_minutes", "ex_intensity", "ex_temperature_c",
	"ex_mass_before_kg", "ex_mass_after_kg", "ex_fluid_during_ml", "ex_urine_ml", "lab_test",
	"lab_value", "lab_unit", "medications", "conditions", NULL};

static int profile(json_t *doc, struct form *fm)
{
	json_t *p = json_object();
	const char *status = nth(fm, "status", 0);
	int rc;

	if (!p || json_object_set_new(doc, "profile", p))
		return cl_error_oom();
	if (!nth(fm, "age", 0) || !*nth(fm, "age", 0))
		return cl_error_set(CL_EINVAL, "Age: say how old you are");
	if ((rc = set_number(p, "age", "Age", nth(fm, "age", 0))) ||
	    (rc = set_string(p, "sex", nth(fm, "sex", 0))) ||
	    (rc = set_number(p, "weight_kg", "Weight", nth(fm, "weight_kg", 0))) ||
	    (rc = set_string(p, "diet", nth(fm, "diet", 0))))
		return rc;
	if (status && (strcmp(status, "pregnant") == 0 || strcmp(status, "lactating") == 0))
		return json_object_set_new(p, status, json_true()) ? cl_error_oom() : CL_OK;
	if (status && *status && strcmp(status, "none") != 0)
		return cl_error_set(CL_EINVAL, "status: expected none, pregnant or lactating");
	return CL_OK;
}

static bool is_date_line(const char *s, size_t n)
{
	if (n != 10)
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* The diary box, split into days.  The date rules stay in the library:
 * an impossible date or a date given twice is refused there. */
static int diary(json_t *doc, const char *text)
{
	json_t *days, *foods = NULL;
	const char *p = text;

	if (!text || !*text)
		return CL_OK;
	days = json_array();
	if (!days || json_object_set_new(doc, "diary", days))
		return cl_error_oom();
	while (*p) {
		const char *nl = strchr(p, '\n'), *e = nl ? nl : p + strlen(p);
		const char *s = p;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		size_t n = (size_t)(e - s);
		p = nl ? nl + 1 : s + n;
		if (n == 0 || *s == '#')
			continue;
		if (is_date_line(s, n) || !foods) {
			char date[11];
			if (is_date_line(s, n)) {
				memcpy(date, s, 10);
			} else { /* food before any date: today */
				time_t now = time(NULL);
				struct tm tm;
				gmtime_r(&now, &tm);
				strftime(date, sizeof(date), "%Y-%m-%d", &tm);
			}
			date[10] = '\0';
			foods = json_array();
			if (!foods || json_array_append_new(days, json_pack("{s:s, s:o}", "date", date,
									    "foods", foods)))
				return cl_error_oom();
			if (is_date_line(s, n))
				continue;
		}
		if (json_array_append_new(foods, json_stringn(s, n)))
			return cl_error_oom();
	}
	if (!json_array_size(days))
		json_object_del(doc, "diary");
	return CL_OK;
}

static int symptoms(json_t *doc, struct form *fm)
{
	json_t *s = json_object();
	size_t n = count(fm, "symptom");
	int rc;

	if (!s || json_object_set_new(doc, "symptoms", s))
		return cl_error_oom();
	for (size_t i = 0; i < n; i++)
		if (json_object_set_new(s, nth(fm, "symptom", i), json_true()))
			return cl_error_oom();
	if ((rc = set_number(s, "cramps_per_week", "Cramps a week", nth(fm, "cramps_per_week", 0))) ||
	    (rc = set_number(s, "duration_days", "For how many days", nth(fm, "duration_days", 0))))
		return rc;
	if (!json_object_size(s))
		json_object_del(doc, "symptoms");
	return CL_OK;
}

static int exercise(json_t *doc, struct form *fm)
{
	static const struct {
		const char *field, *key, *label;
	} nums[] = {
		{"ex_minutes", "minutes", "Minutes"},
		{"ex_temperature_c", "temperature_c", "Temperature"},
		{"ex_mass_before_kg", "mass_before_kg", "Weight before"},
		{"ex_mass_after_kg", "mass_after_kg", "Weight after"},
		{"ex_fluid_during_ml", "fluid_during_ml", "Drank during"},
		{"ex_urine_ml", "urine_ml", "Urine passed"},
	};
	json_t *list = json_array();
	size_t n = count(fm, "ex_minutes");
	int rc;

	if (!list || json_object_set_new(doc, "exercise", list))
		return cl_error_oom();
	for (size_t i = 0; i < n; i++) {
		const char *minutes = nth(fm, "ex_minutes", i);
		if (!minutes || !*minutes)
			continue;
		json_t *e = json_object();
		if (!e || json_array_append_new(list, e))
			return cl_error_oom();
		if ((rc = set_string(e, "date", nth(fm, "ex_date", i))) ||
		    (rc = set_string(e, "intensity", nth(fm, "ex_intensity", i))))
			return rc;
		for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++)
			if ((rc = set_number(e, nums[k].key, nums[k].label, nth(fm, nums[k].field, i))))
				return rc;
	}
	if (!json_array_size(list))
		json_object_del(doc, "exercise");
	return CL_OK;
}

static int lab_results(json_t *doc, struct form *fm)
{
	json_t *list = json_array();
	size_t n = count(fm, "lab_value");
	int rc;

	if (!list || json_object_set_new(doc, "labs", list))
		return cl_error_oom();
	for (size_t i = 0; i < n; i++) {
		const char *v = nth(fm, "lab_value", i), *test = nth(fm, "lab_test", i);
		if (!v || !*v)
			continue;
		json_t *l = json_object();
		if (!l || json_array_append_new(list, l))
			return cl_error_oom();
		if ((rc = set_string(l, "test", test)) ||
		    (rc = set_number(l, "value", "Lab result", v)) ||
		    (rc = set_string(l, "unit", nth(fm, "lab_unit", i))))
			return rc;
	}
	if (!json_array_size(list))
		json_object_del(doc, "labs");
	return CL_OK;
}

/* One name per line or between commas. */
static int names(json_t *doc, const char *key, const char *text)
{
	json_t *list;
	const char *p = text;

	if (!text || !*text)
		return CL_OK;
	list = json_array();
	if (!list || json_object_set_new(doc, key, list))
		return cl_error_oom();
	while (*p) {
		size_t n = strcspn(p, ",\n");
		const char *s = p, *e = p + n;
		p = *e ? e + 1 : e;
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e > s && json_array_append_new(list, json_stringn(s, (size_t)(e - s))))
			return cl_error_oom();
	}
	if (!json_array_size(list))
		json_object_del(doc, key);
	return CL_OK;
}

int http_form_to_case(json_t **out, const char *body, size_t len)
{
	struct form fm = {0};
	json_t *doc = NULL;
	int rc;

	*out = NULL;
	if ((rc = form_parse(&fm, body, len)))
		goto cleanup;
	for (size_t i = 0; i < fm.n; i++) {
		size_t k = 0;
		while (known[k] && strcmp(known[k], fm.f[i].key) != 0)
			k++;
		if (!known[k]) {
			rc = cl_error_set(CL_EINVAL, "the form has a field cramplab does not know: '%s'",
					  fm.f[i].key);
			goto cleanup;
		}
	}
	doc = json_object();
	if (!doc) {
		rc = cl_error_oom();
		goto cleanup;
	}
	if ((rc = profile(doc, &fm)) || (rc = diary(doc, nth(&fm, "diary", 0))) ||
	    (rc = exercise(doc, &fm)) || (rc = symptoms(doc, &fm)) || (rc = lab_results(doc, &fm)) ||
	    (rc = names(doc, "medications", nth(&fm, "medications", 0))) ||
	    (rc = names(doc, "conditions", nth(&fm, "conditions", 0))))
		goto cleanup;
	*out = doc;
	doc = NULL;
cleanup:
	json_decref(doc);
	form_free(&fm);
	return rc;
}

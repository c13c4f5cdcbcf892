/*
 * Reading a CASE document.  Validation is complete and happens before any
 * assessment, because a misspelt field ("cramps_per_wek") silently ignored
 * would change a screening result without anyone noticing; every object's
 * keys are therefore checked against the fields cramplab knows, and the
 * message suggests the nearest known name.  Ranges are deliberately wide
 * (they refuse typing errors, not unusual people).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/case.h"
#include "error.h"
#include "util.h"

#define MAX_LIST 1000
#define MAX_TEXT 1000

static const char *const symptom_names[CL_SYMPTOM_COUNT] = {
	"cramps", "nocturnal", "during_exercise", "weakness", "tingling_numbness", "fatigue",
	"sharp_localized_pain", "sudden_onset_during_activity", "pop_felt", "bruising", "swelling",
	"calf_swelling_warmth", "dark_urine", "back_pain_radiating", "saddle_numbness_or_bladder",
	"cannot_bear_weight", "fever"};

const char *cl_symptom_name(cl_symptom s)
{
	return (unsigned)s < CL_SYMPTOM_COUNT ? symptom_names[s] : NULL;
}

struct ctx {
	const char *name; /* the file, for messages */
	const char *base_dir;
};

static int fail(const struct ctx *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(const struct ctx *c, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cl_error_set(CL_EINVAL, "%s: %s: %s", c->name, field, msg);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64];
	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Refuses keys not in allowed, suggesting the closest one. */
static int check_keys(const struct ctx *c, json_t *obj, const char *where,
		      const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		const char *best = NULL;
		size_t best_d = 99;
		bool ok = false;
		for (int i = 0; allowed[i] && !ok; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (ok)
			continue;
		/* Distances only for a key that is wrong (they were 0.3 M
		 * instructions for every case read). */
		for (int i = 0; allowed[i]; i++) {
			size_t d = edit_distance(key, allowed[i]);
			if (d < best_d)
				best_d = d, best = allowed[i];
		}
		char field[256];
		snprintf(field, sizeof(field), "%s%s%s", where, *where ? "." : "", key);
		if (best && best_d <= 3)
			return fail(c, field, "unknown field (did you mean '%s'?)", best);
		return fail(c, field, "unknown field");
	}
	return CL_OK;
}

static int get_number(const struct ctx *c, json_t *obj, const char *key, const char *where,
		      double lo, double hi, double *out)
{
	json_t *v = json_object_get(obj, key);
	char field[256];
	snprintf(field, sizeof(field), "%s.%s", where, key);
	*out = NAN;
	if (!v || json_is_null(v))
		return CL_OK;
	if (!json_is_number(v))
		return fail(c, field, "expected a number");
	double d = json_number_value(v);
	if (!isfinite(d) || d < lo || d > hi)
		return fail(c, field, "%g is outside %g to %g", d, lo, hi);
	*out = d;
	return CL_OK;
}

static int get_bool(const struct ctx *c, json_t *obj, const char *key, const char *where, bool *out)
{
	json_t *v = json_object_get(obj, key);
	*out = false;
	if (!v || json_is_null(v))
		return CL_OK;
	if (!json_is_boolean(v)) {
		char field[256];
		snprintf(field, sizeof(field), "%s.%s", where, key);
		return fail(c, field, "expected true or false");
	}
	*out = json_is_true(v);
	return CL_OK;
}

static int dup_text(const struct ctx *c, const char *field, json_t *v, char **out)
{
	if (!json_is_string(v) || json_string_length(v) == 0)
		return fail(c, field, "expected a non-empty string");
	if (json_string_length(v) > MAX_TEXT)
		return fail(c, field, "longer than %d characters", MAX_TEXT);
	*out = strdup(json_string_value(v));
	return *out ? CL_OK : cl_error_oom();
}

static int get_string_list(const struct ctx *c, json_t *arr, const char *where, char ***out,
			   size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!arr || json_is_null(arr))
		return CL_OK;
	if (!json_is_array(arr))
		return fail(c, where, "expected an array of strings");
	if (json_array_size(arr) > MAX_LIST)
		return fail(c, where, "more than %d items", MAX_LIST);
	*out = calloc(json_array_size(arr) + 1, sizeof(**out));
	if (!*out)
		return cl_error_oom();
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		char field[256];
		snprintf(field, sizeof(field), "%s[%zu]", where, i);
		int rc = dup_text(c, field, v, &(*out)[i]);
		if (rc)
			return rc;
		(*n)++;
	}
	return CL_OK;
}

static int get_date(const struct ctx *c, json_t *v, const char *field, char out[11])
{
	if (!json_is_string(v) || !cl_date_valid(json_string_value(v), json_string_length(v)))
		return fail(c, field, "expected a real date as YYYY-MM-DD");
	memcpy(out, json_string_value(v), 11);
	return CL_OK;
}

static int read_profile(const struct ctx *c, json_t *p, cl_case_profile *out)
{
	static const char *const keys[] = {"age", "sex", "weight_kg", "pregnant", "lactating",
					   "diet", "avoid", NULL};
	int rc;
	double age;

	if (!json_is_object(p))
		return fail(c, "profile", "expected an object with at least age and sex");
	if ((rc = check_keys(c, p, "profile", keys)))
		return rc;
	json_t *a = json_object_get(p, "age");
	if (!json_is_number(a))
		return fail(c, "profile.age", "expected the age in years");
	age = json_number_value(a);
	if (!isfinite(age) || age != floor(age) || age < 0 || age > 120)
		return fail(c, "profile.age", "%g is not an age in whole years (0 to 120)", age);
	if (age < 9)
		return fail(c, "profile.age",
			    "cramplab covers ages 9 and over (the DRIs it uses start at 9)");
	out->age = (int)age;
	const char *sex = json_string_value(json_object_get(p, "sex"));
	if (sex && strcmp(sex, "female") == 0)
		out->sex = CL_SEX_FEMALE;
	else if (sex && strcmp(sex, "male") == 0)
		out->sex = CL_SEX_MALE;
	else
		return fail(c, "profile.sex", "expected \"female\" or \"male\"");
	if ((rc = get_number(c, p, "weight_kg", "profile", 20, 300, &out->weight_kg)) ||
	    (rc = get_bool(c, p, "pregnant", "profile", &out->pregnant)) ||
	    (rc = get_bool(c, p, "lactating", "profile", &out->lactating)))
		return rc;
	if ((out->pregnant || out->lactating) && out->sex != CL_SEX_FEMALE)
		return fail(c, out->pregnant ? "profile.pregnant" : "profile.lactating",
			    "applies to females only");
	if (out->pregnant && out->lactating)
		return fail(c, "profile.lactating", "pregnant and lactating cannot both be true");
	if ((out->pregnant || out->lactating) && (out->age < 14 || out->age > 50))
		return fail(c, out->pregnant ? "profile.pregnant" : "profile.lactating",
			    "the DRIs for pregnancy and lactation cover ages 14 to 50");
	json_t *diet = json_object_get(p, "diet");
	out->diet = CL_DIET_OMNIVORE;
	if (diet && !json_is_null(diet)) {
		const char *d = json_string_value(diet);
		if (d && strcmp(d, "omnivore") == 0)
			out->diet = CL_DIET_OMNIVORE;
		else if (d && strcmp(d, "vegetarian") == 0)
			out->diet = CL_DIET_VEGETARIAN;
		else if (d && strcmp(d, "vegan") == 0)
			out->diet = CL_DIET_VEGAN;
		else
			return fail(c, "profile.diet", "expected \"omnivore\", \"vegetarian\" or \"vegan\"");
	}
	return get_string_list(c, json_object_get(p, "avoid"), "profile.avoid", &out->avoid,
			       &out->navoid);
}

static int read_diary(const struct ctx *c, json_t *d, cl_case *out)
{
	if (!d || json_is_null(d))
		return CL_OK;
	if (json_is_string(d)) {
		const char *p = json_string_value(d);
		if (!*p)
			return fail(c, "diary", "expected a file name or a list of days");
		size_t len = strlen(c->base_dir) + strlen(p) + 2;
		out->diary_path = malloc(len);
		if (!out->diary_path)
			return cl_error_oom();
		if (p[0] == '/' || !*c->base_dir)
			snprintf(out->diary_path, len, "%s", p);
		else
			snprintf(out->diary_path, len, "%s/%s", c->base_dir, p);
		return CL_OK;
	}
	if (!json_is_array(d))
		return fail(c, "diary", "expected a file name or a list of days");
	if (json_array_size(d) > MAX_LIST)
		return fail(c, "diary", "more than %d days", MAX_LIST);
	out->days = calloc(json_array_size(d) + 1, sizeof(*out->days));
	if (!out->days)
		return cl_error_oom();
	size_t i;
	json_t *day;
	json_array_foreach(d, i, day)
	{
		static const char *const keys[] = {"date", "foods", NULL};
		char where[64];
		int rc;
		snprintf(where, sizeof(where), "diary[%zu]", i);
		if (!json_is_object(day))
			return fail(c, where, "expected {\"date\": ..., \"foods\": [...]}");
		if ((rc = check_keys(c, day, where, keys)))
			return rc;
		char field[80];
		snprintf(field, sizeof(field), "%s.date", where);
		if ((rc = get_date(c, json_object_get(day, "date"), field, out->days[i].date)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(out->days[j].date, out->days[i].date) == 0)
				return fail(c, field, "%s appears twice (also diary[%zu])",
					    out->days[i].date, j);
		snprintf(field, sizeof(field), "%s.foods", where);
		out->ndays = i + 1;
		if ((rc = get_string_list(c, json_object_get(day, "foods"), field, &out->days[i].foods,
					  &out->days[i].nfoods)))
			return rc;
	}
	return CL_OK;
}

static int read_exercise(const struct ctx *c, json_t *arr, const cl_case_profile *p, cl_case *out)
{
	static const char *const keys[] = {"date", "minutes", "intensity", "temperature_c",
					   "mass_before_kg", "mass_after_kg", "fluid_during_ml",
					   "urine_ml", NULL};
	if (!arr || json_is_null(arr))
		return CL_OK;
	if (!json_is_array(arr) || json_array_size(arr) > MAX_LIST)
		return fail(c, "exercise", "expected a list of sessions");
	out->exercise = calloc(json_array_size(arr) + 1, sizeof(*out->exercise));
	if (!out->exercise)
		return cl_error_oom();
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
	{
		char where[64], field[96];
		cl_case_exercise *x = &out->exercise[i];
		int rc;
		snprintf(where, sizeof(where), "exercise[%zu]", i);
		if (!json_is_object(e))
			return fail(c, where, "expected an object");
		if ((rc = check_keys(c, e, where, keys)))
			return rc;
		json_t *date = json_object_get(e, "date");
		snprintf(field, sizeof(field), "%s.date", where);
		if (date && !json_is_null(date) && (rc = get_date(c, date, field, x->date)))
			return rc;
		cl_exercise *ex = &x->exercise;
		if ((rc = get_number(c, e, "minutes", where, 1, 1440, &ex->minutes)) ||
		    (rc = get_number(c, e, "temperature_c", where, -40, 55, &ex->temperature_c)) ||
		    (rc = get_number(c, e, "mass_before_kg", where, 20, 300, &ex->mass_before_kg)) ||
		    (rc = get_number(c, e, "mass_after_kg", where, 20, 300, &ex->mass_after_kg)) ||
		    (rc = get_number(c, e, "fluid_during_ml", where, 0, 20000, &ex->fluid_during_ml)) ||
		    (rc = get_number(c, e, "urine_ml", where, 0, 20000, &ex->urine_ml)))
			return rc;
		if (isnan(ex->minutes)) {
			snprintf(field, sizeof(field), "%s.minutes", where);
			return fail(c, field, "required: how long the session lasted");
		}
		json_t *in = json_object_get(e, "intensity");
		ex->intensity = CL_INTENSITY_MODERATE;
		if (in && !json_is_null(in) &&
		    cl_intensity_parse(&ex->intensity, json_string_value(in)) != CL_OK) {
			snprintf(field, sizeof(field), "%s.intensity", where);
			return fail(c, field, "expected \"easy\", \"moderate\" or \"hard\"");
		}
		ex->body_mass_kg = p->weight_kg;
		out->nexercise = i + 1;
	}
	return CL_OK;
}

static int read_symptoms(const struct ctx *c, json_t *s, cl_symptoms *out)
{
	const char *keys[CL_SYMPTOM_COUNT + 3];
	int rc;

	out->cramps_per_week = NAN;
	out->duration_days = NAN;
	if (!s || json_is_null(s))
		return CL_OK;
	if (!json_is_object(s))
		return fail(c, "symptoms", "expected an object of symptoms");
	for (int i = 0; i < CL_SYMPTOM_COUNT; i++)
		keys[i] = symptom_names[i];
	keys[CL_SYMPTOM_COUNT] = "cramps_per_week";
	keys[CL_SYMPTOM_COUNT + 1] = "duration_days";
	keys[CL_SYMPTOM_COUNT + 2] = NULL;
	if ((rc = check_keys(c, s, "symptoms", keys)))
		return rc;
	for (int i = 0; i < CL_SYMPTOM_COUNT; i++)
		if ((rc = get_bool(c, s, symptom_names[i], "symptoms", &out->present[i])))
			return rc;
	if ((rc = get_number(c, s, "cramps_per_week", "symptoms", 0, 200, &out->cramps_per_week)) ||
	    (rc = get_number(c, s, "duration_days", "symptoms", 0, 36500, &out->duration_days)))
		return rc;
	if (out->cramps_per_week > 0)
		out->present[CL_SYM_CRAMPS] = true;
	return CL_OK;
}

static int read_labs(const struct ctx *c, json_t *arr, cl_case *out)
{
	static const char *const keys[] = {"test", "value", "unit", NULL};
	if (!arr || json_is_null(arr))
		return CL_OK;
	if (!json_is_array(arr) || json_array_size(arr) > MAX_LIST)
		return fail(c, "labs", "expected a list of {\"test\", \"value\", \"unit\"}");
	out->labs = calloc(json_array_size(arr) + 1, sizeof(*out->labs));
	if (!out->labs)
		return cl_error_oom();
	size_t i;
	json_t *l;
	json_array_foreach(arr, i, l)
	{
		char where[64], field[96];
		int rc;
		snprintf(where, sizeof(where), "labs[%zu]", i);
		if (!json_is_object(l))
			return fail(c, where, "expected {\"test\", \"value\", \"unit\"}");
		if ((rc = check_keys(c, l, where, keys)))
			return rc;
		out->nlabs = i + 1;
		snprintf(field, sizeof(field), "%s.test", where);
		if ((rc = dup_text(c, field, json_object_get(l, "test"), &out->labs[i].test)))
			return rc;
		snprintf(field, sizeof(field), "%s.unit", where);
		if ((rc = dup_text(c, field, json_object_get(l, "unit"), &out->labs[i].unit)))
			return rc;
		json_t *v = json_object_get(l, "value");
		snprintf(field, sizeof(field), "%s.value", where);
		if (!json_is_number(v) || !isfinite(json_number_value(v)))
			return fail(c, field, "expected a number");
		out->labs[i].value = json_number_value(v);
	}
	return CL_OK;
}

int cl_case_parse(cl_case **out, const char *text, size_t len, const char *name,
		  const char *base_dir)
{
	static const char *const keys[] = {"profile", "diary", "exercise", "symptoms", "labs",
					   "medications", "conditions", NULL};
	struct ctx c = {name ? name : "CASE", base_dir ? base_dir : ""};
	json_error_t jerr;
	json_t *doc;
	cl_case *k;
	int rc;

	*out = NULL;
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return cl_error_set(CL_EINVAL, "%s line %d column %d: %s", c.name, jerr.line,
				    jerr.column, jerr.text);
	k = calloc(1, sizeof(*k));
	if (!k) {
		json_decref(doc);
		return cl_error_oom();
	}
	k->profile.weight_kg = NAN;
	if (!json_is_object(doc)) {
		rc = cl_error_set(CL_EINVAL, "%s: expected a JSON object", c.name);
		goto done;
	}
	if ((rc = check_keys(&c, doc, "", keys)) ||
	    (rc = read_profile(&c, json_object_get(doc, "profile"), &k->profile)) ||
	    (rc = read_diary(&c, json_object_get(doc, "diary"), k)) ||
	    (rc = read_exercise(&c, json_object_get(doc, "exercise"), &k->profile, k)) ||
	    (rc = read_symptoms(&c, json_object_get(doc, "symptoms"), &k->symptoms)) ||
	    (rc = read_labs(&c, json_object_get(doc, "labs"), k)) ||
	    (rc = get_string_list(&c, json_object_get(doc, "medications"), "medications",
				  &k->medications, &k->nmedications)) ||
	    (rc = get_string_list(&c, json_object_get(doc, "conditions"), "conditions",
				  &k->conditions, &k->nconditions)))
		goto done;
done:
	json_decref(doc);
	if (rc) {
		cl_case_free(k);
		return rc;
	}
	*out = k;
	return CL_OK;
}

int cl_case_load(cl_case **out, const char *path)
{
	char *text = NULL, *dir = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = cl_read_file(&text, &len, path, 16u << 20)))
		return rc;
	const char *slash = strrchr(path, '/');
	dir = slash ? strndup(path, (size_t)(slash - path)) : strdup("");
	if (!dir) {
		free(text);
		return cl_error_oom();
	}
	rc = cl_case_parse(out, text, len, path, dir);
	free(text);
	free(dir);
	return rc;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		free(list[i]);
	free(list);
}

void cl_case_free(cl_case *k)
{
	if (!k)
		return;
	free_list(k->profile.avoid, k->profile.navoid);
	free(k->diary_path);
	for (size_t i = 0; k->days && i < k->ndays; i++)
		free_list(k->days[i].foods, k->days[i].nfoods);
	free(k->days);
	free(k->exercise);
	for (size_t i = 0; k->labs && i < k->nlabs; i++) {
		free(k->labs[i].test);
		free(k->labs[i].unit);
	}
	free(k->labs);
	free_list(k->medications, k->nmedications);
	free_list(k->conditions, k->nconditions);
	free(k);
}

void cl_case_dri_profile(cl_profile *out, const cl_case *k)
{
	memset(out, 0, sizeof(*out));
	out->age = k->profile.age;
	out->sex = k->profile.sex;
	out->repro = k->profile.pregnant    ? CL_REPRO_PREGNANT
		     : k->profile.lactating ? CL_REPRO_LACTATING
					    : CL_REPRO_NONE;
	out->vegetarian = k->profile.diet != CL_DIET_OMNIVORE;
}

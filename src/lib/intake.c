/*
 * Intake: entries grouped by day with per-nutrient sums that keep unknown
 * apart from zero.  Each day counts, per nutrient, how many entries knew the
 * value and how many did not, so a reader can say "at least 240 mg (2 foods
 * lack data)" instead of a confident wrong number.  The diary text and JSON
 * readers live here; CSV exports are in import_csv.c.  Every reader goes
 * through the whole source and reports every bad line before failing,
 * because fixing a file one error at a time is how people give up.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "intake_internal.h"
#include "supplement.h"
#include "textfold.h"
#include "util.h"

#define MAX_DIARY_BYTES (256u << 20)
#define ERRORS_IN_MESSAGE 1800 /* bytes of the bad-line list copied to cl_error_last() */

const cl_nutrient cl_intake_keys[] = {
	CL_N_ENERGY_KCAL,   CL_N_WATER_G,   CL_N_MAGNESIUM_MG, CL_N_POTASSIUM_MG,
	CL_N_CALCIUM_MG,    CL_N_IRON_MG,   CL_N_SODIUM_MG,    CL_N_VITAMIN_D_UG,
	CL_N_VITAMIN_B12_UG, CL_N_THIAMIN_MG, CL_N_OMEGA3_G,
};
const size_t cl_intake_nkeys = sizeof(cl_intake_keys) / sizeof(cl_intake_keys[0]);

int cl_intake_new(cl_intake **out, cl_intake_format format, const char *source)
{
	cl_intake *in = calloc(1, sizeof(*in));
	*out = NULL;
	if (!in || !(in->source = strdup(source ? source : ""))) {
		free(in);
		return cl_error_oom();
	}
	in->format = format;
	*out = in;
	return CL_OK;
}

static void entry_clear(cl_intake_entry *e)
{
	free(e->name);
	free(e->line);
	free(e->amount);
}

void cl_intake_free(cl_intake *in)
{
	if (!in)
		return;
	for (size_t d = 0; d < in->ndays; d++) {
		for (size_t i = 0; i < in->days[d].nentries; i++)
			entry_clear(&in->days[d].entries[i]);
		free(in->days[d].entries);
	}
	free(in->days);
	free(in->source);
	free(in->note);
	free(in);
}

int cl_intake_set_note(cl_intake *in, const char *note)
{
	char *s = strdup(note);
	if (!s)
		return cl_error_oom();
	free(in->note);
	in->note = s;
	return CL_OK;
}

/* The public structs keep no capacity: arrays of days and entries hold 8
 * slots, then the next power of two at or above their count. */
static size_t implied_cap(size_t count)
{
	size_t cap = 8;
	if (count == 0)
		return 0;
	while (cap < count)
		cap *= 2;
	return cap;
}

int cl_intake_add_day(cl_intake *in, const char *date, unsigned lineno, cl_intake_day **day)
{
	size_t cap = implied_cap(in->ndays);
	cl_intake_day *grown = cl_array_room(in->days, &cap, in->ndays, sizeof(*grown), 8);
	if (!grown)
		return cl_error_oom();
	in->days = grown;
	cl_intake_day *d = &in->days[in->ndays++];
	memset(d, 0, sizeof(*d));
	snprintf(d->date, sizeof(d->date), "%s", date);
	d->lineno = lineno;
	*day = d;
	return CL_OK;
}

cl_intake_day *cl_intake_find_day(cl_intake *in, const char *date)
{
	for (size_t i = in->ndays; i-- > 0;)
		if (strcmp(in->days[i].date, date) == 0)
			return &in->days[i];
	return NULL;
}

double cl_intake_entry_amount(const cl_intake_entry *e, cl_nutrient n)
{
	if ((unsigned)n >= CL_NUTRIENT_COUNT)
		return NAN;
	if (e->amount)
		return e->amount[n];
	if (e->per_100g)
		return e->per_100g[n] * e->grams / 100.0;
	return NAN;
}

int cl_intake_add_entry(cl_intake_day *day, cl_intake_entry *e)
{
	size_t cap = implied_cap(day->nentries);
	cl_intake_entry *grown = cl_array_room(day->entries, &cap, day->nentries, sizeof(*grown), 8);
	if (!grown)
		return cl_error_oom();
	day->entries = grown;
	day->entries[day->nentries++] = *e;
	for (int n = 0; n < CL_NUTRIENT_COUNT; n++) {
		double v = cl_intake_entry_amount(e, (cl_nutrient)n);
		if (isnan(v)) {
			day->missing[n]++;
			continue;
		}
		day->totals[n] += v;
		day->known[n]++;
		if (e->supplement)
			day->supplement[n] += v;
	}
	day->has_supplement |= e->supplement;
	memset(e, 0, sizeof(*e));
	return CL_OK;
}

double cl_intake_day_total(const cl_intake_day *day, cl_nutrient n)
{
	if ((unsigned)n >= CL_NUTRIENT_COUNT || day->known[n] == 0)
		return NAN;
	return day->totals[n];
}

double cl_intake_mean(const cl_intake *in, cl_nutrient n, size_t *ndays_known)
{
	double sum = 0;
	size_t k = 0;
	for (size_t d = 0; d < in->ndays; d++) {
		double v = cl_intake_day_total(&in->days[d], n);
		if (!isnan(v)) {
			sum += v;
			k++;
		}
	}
	if (ndays_known)
		*ndays_known = k;
	return k ? sum / (double)k : NAN;
}

bool cl_date_valid(const char *s, size_t len)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int cl_errlist_add(cl_errlist *e, const char *source, unsigned lineno, const char *message)
{
	e->count++;
	if (lineno == 0) /* JSON: the source already says where ("diary.json: day 2") */
		return cl_buf_printf(&e->text, "%s: %s\n", source, message);
	return cl_buf_printf(&e->text, "%s:%u: %s\n", source, lineno, message);
}

int cl_errlist_fail(cl_errlist *e, const char *source, char **errors)
{
	char shown[ERRORS_IN_MESSAGE + 1];
	size_t cut = e->text.len;
	if (cut > ERRORS_IN_MESSAGE) {
		/* Cut at a line end and say how many more there are. */
		cut = ERRORS_IN_MESSAGE;
		while (cut > 0 && e->text.data[cut - 1] != '\n')
			cut--;
	}
	size_t shown_lines = 0;
	for (size_t i = 0; i < cut; i++)
		shown_lines += e->text.data[i] == '\n';
	memcpy(shown, e->text.data, cut);
	shown[cut && shown[cut - 1] == '\n' ? cut - 1 : cut] = '\0';
	if (errors) {
		*errors = e->text.data;
		e->text.data = NULL;
	}
	cl_buf_free(&e->text);
	if (shown_lines < e->count)
		return cl_error_set(CL_EINVAL, "%s: %zu bad line%s, nothing read:\n%s\n... and %zu more",
				    source, e->count, e->count == 1 ? "" : "s", shown,
				    e->count - shown_lines);
	return cl_error_set(CL_EINVAL, "%s: %zu bad line%s, nothing read:\n%s", source, e->count,
			    e->count == 1 ? "" : "s", shown);
}

/* Sort helper for finding a date given twice. */
typedef struct {
	const char *date;
	unsigned lineno;
} dated;

static int by_date_then_line(const void *a, const void *b)
{
	const dated *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : (x->lineno > y->lineno) - (x->lineno < y->lineno);
}

/* A day given twice is an error naming both lines. */
static int check_duplicate_days(cl_intake *in, cl_errlist *errs, const char *source)
{
	if (in->ndays < 2)
		return CL_OK;
	dated *v = malloc(in->ndays * sizeof(*v));
	if (!v)
		return cl_error_oom();
	for (size_t i = 0; i < in->ndays; i++)
		v[i] = (dated){in->days[i].date, in->days[i].lineno};
	qsort(v, in->ndays, sizeof(*v), by_date_then_line);
	int rc = CL_OK;
	for (size_t i = 1; i < in->ndays && !rc; i++)
		if (strcmp(v[i].date, v[i - 1].date) == 0) {
			char msg[128];
			snprintf(msg, sizeof(msg), "day %s is given twice (%s %u and %u)", v[i].date,
				 in->format == CL_INTAKE_JSON ? "days" : "lines", v[i - 1].lineno,
				 v[i].lineno);
			rc = cl_errlist_add(errs, source, in->format == CL_INTAKE_JSON ? 0 : v[i].lineno,
					    msg);
		}
	free(v);
	return rc;
}

/* The end of every reader: duplicate days are errors too, then either all
 * the errors at once or the intake handed over. */
static int finish_read(cl_intake **out, cl_intake **in, cl_errlist *errs, const char *source,
		       char **errors)
{
	int rc = check_duplicate_days(*in, errs, source);
	if (rc)
		return rc;
	if (errs->count)
		return cl_errlist_fail(errs, source, errors);
	*out = *in;
	*in = NULL;
	return CL_OK;
}


static int add_parsed(cl_intake_day *day, const cl_diary_line *l, const char *text,
		      unsigned lineno)
{
	cl_intake_entry e = {0};
	snprintf(e.ndb, sizeof(e.ndb), "%s", l->ndb);
	e.name = strdup(l->name);
	e.line = strdup(text);
	e.grams = l->grams;
	e.lineno = lineno;
	e.per_100g = l->food->per_100g;
	if (!e.name || !e.line) {
		entry_clear(&e);
		return cl_error_oom();
	}
	return cl_intake_add_entry(day, &e);
}

/*
 * A supplement line: an entry with the one nutrient it supplies.  The other
 * nutrients are 0, not unknown: a magnesium tablet brings no potassium, and
 * counting it as "lacking data" would make every total "at least".
 */
static int supplement_line(cl_intake_day *day, const char *text, unsigned lineno,
			   cl_errlist *errs, const char *source)
{
	cl_nutrient n;
	double amount;
	char name[64];
	int rc = cl_supplement_parse(&n, &amount, name, sizeof(name), text);
	if (rc == CL_EINVAL) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s ('%.*s')", cl_error_last(), cl_utf8_cut(text, 80),
			 text);
		return cl_errlist_add(errs, source, lineno, msg);
	}
	if (rc || !day)
		return rc;
	cl_intake_entry e = {0};
	e.name = strdup(name);
	e.line = strdup(text);
	e.amount = calloc(CL_NUTRIENT_COUNT, sizeof(double));
	if (!e.name || !e.line || !e.amount) {
		entry_clear(&e);
		return cl_error_oom();
	}
	e.grams = NAN;
	e.lineno = lineno;
	e.supplement = true;
	e.amount[n] = amount;
	if (n == CL_N_VITAMIN_D_UG)
		e.amount[CL_N_VITAMIN_D_IU] = amount * CL_VITAMIN_D_IU_PER_UG;
	return cl_intake_add_entry(day, &e);
}

/* One food line: parsed and added, or its refusal added to errs. */
static int food_line(cl_intake_day *day, cl_parser *parser, const char *text, unsigned lineno,
		     cl_errlist *errs, const char *source)
{
	cl_diary_line l;
	if (cl_supplement_line(text))
		return supplement_line(day, text, lineno, errs, source);
	int rc = cl_diary_parse(&l, parser, text);
	if (rc == CL_EINVAL || rc == CL_ENOTFOUND) {
		char msg[CL_DIARY_MAX_LINE + 2200];
		snprintf(msg, sizeof(msg), "%s ('%.*s%s')", cl_error_last(), cl_utf8_cut(text, 80),
			 text, strlen(text) > 80 ? "..." : "");
		return cl_errlist_add(errs, source, lineno, msg);
	}
	if (rc)
		return cl_error_prefix("%s:%u: ", source, lineno);
	if (day)
		rc = add_parsed(day, &l, text, lineno);
	cl_diary_line_clear(&l);
	return rc;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static bool looks_like_date(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	       isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && s[4] == '-' &&
	       isdigit((unsigned char)s[5]);
}

static int read_diary_text(cl_intake **out, char **errors, cl_parser *parser, char *text,
			   const char *source)
{
	cl_intake *in = NULL;
	cl_intake_day *day = NULL;
	cl_errlist errs = {0};
	unsigned lineno = 0;
	int rc;

	if (!parser)
		return cl_error_set(CL_EINVAL, "%s: reading a diary needs the food database", source);
	if ((rc = cl_intake_new(&in, CL_INTAKE_DIARY, source)))
		return rc;
	char *save = NULL;
	for (char *p = text; p; p = save) {
		char *nl = strchr(p, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		char *hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		char *l = trim(p);
		if (!*l)
			continue;
		if (!cl_utf8_valid(l, -1)) {
			rc = cl_errlist_add(&errs, source, lineno,
					    "the line is not valid UTF-8 text (save the diary as "
					    "UTF-8)");
		} else if (looks_like_date(l)) {
			if (!cl_date_valid(l, strlen(l))) {
				char msg[128];
				snprintf(msg, sizeof(msg), "'%.*s' is not a date (YYYY-MM-DD)",
					 cl_utf8_cut(l, 40), l);
				rc = cl_errlist_add(&errs, source, lineno, msg);
				day = NULL;
			} else {
				rc = cl_intake_add_day(in, l, lineno, &day);
			}
		} else if (!day && in->ndays == 0) {
			char msg[CL_DIARY_MAX_LINE + 128];
			snprintf(msg, sizeof(msg),
				 "a food line before any date ('%.*s'); start the day with a line"
				 " YYYY-MM-DD",
				 cl_utf8_cut(l, 80), l);
			rc = cl_errlist_add(&errs, source, lineno, msg);
		} else {
			rc = food_line(day, parser, l, lineno, &errs, source);
		}
		if (rc)
			goto cleanup;
	}
	rc = finish_read(out, &in, &errs, source, errors);
cleanup:
	cl_buf_free(&errs.text);
	cl_intake_free(in);
	return rc;
}

static int read_json_text(cl_intake **out, char **errors, cl_parser *parser, const char *text,
			  size_t len, const char *source)
{
	json_error_t jerr;
	json_t *doc = json_loadb(text, len, 0, &jerr);
	if (!doc)
		return cl_error_set(CL_EINVAL, "%s:%d:%d: not valid JSON: %s", source, jerr.line,
				    jerr.column, jerr.text);
	int rc = cl_intake_from_json(out, errors, parser, doc, source);
	json_decref(doc);
	return rc;
}

int cl_intake_read_text(cl_intake **out, char **errors, cl_parser *parser, const char *text,
			size_t len, const char *source)
{
	bool csv = false;
	char *copy = NULL;
	int rc;

	*out = NULL;
	if (errors)
		*errors = NULL;
	if (!source)
		source = "diary";
	if (memchr(text, '\0', len))
		return cl_error_set(CL_EINVAL, "%s: not a text file (it holds NUL bytes)", source);
	rc = cl_intake_read_csv(out, errors, text, len, source, &csv);
	if (csv || rc)
		return rc;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) { /* UTF-8 byte order mark */
		text += 3;
		len -= 3;
	}
	size_t lead = 0;
	while (lead < len && isspace((unsigned char)text[lead]))
		lead++;
	if (lead < len && text[lead] == '[') /* a JSON diary: [{"date", "foods"}] */
		return read_json_text(out, errors, parser, text, len, source);
	if (!(copy = strndup(text, len)))
		return cl_error_oom();
	rc = read_diary_text(out, errors, parser, copy, source);
	free(copy);
	return rc;
}

int cl_intake_read_file(cl_intake **out, char **errors, cl_parser *parser, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (errors)
		*errors = NULL;
	if ((rc = cl_read_file(&text, &len, path, MAX_DIARY_BYTES)))
		return rc;
	rc = cl_intake_read_text(out, errors, parser, text, len, path);
	free(text);
	return rc;
}

static int json_day(cl_intake *in, cl_parser *parser, const json_t *d, size_t i,
		    cl_errlist *errs, const char *source)
{
	char where[512];
	const json_t *date = json_object_get(d, "date"), *foods = json_object_get(d, "foods");
	cl_intake_day *day = NULL;
	int rc;

	snprintf(where, sizeof(where), "%s: day %zu", source, i + 1);
	if (!json_is_object(d))
		return cl_errlist_add(errs, where, 0, "not an object {\"date\", \"foods\"}");
	if (!json_is_string(date) ||
	    !cl_date_valid(json_string_value(date), json_string_length(date)))
		return cl_errlist_add(errs, where, 0, "\"date\" must be a real date YYYY-MM-DD");
	if (!json_is_array(foods))
		return cl_errlist_add(errs, where, 0, "\"foods\" must be an array of lines");
	/* Days of a JSON diary are numbered from 1 where a text diary has lines. */
	if ((rc = cl_intake_add_day(in, json_string_value(date), (unsigned)i + 1, &day)))
		return rc;
	for (size_t k = 0; k < json_array_size(foods); k++) {
		const json_t *f = json_array_get(foods, k);
		snprintf(where, sizeof(where), "%s: day %zu food %zu", source, i + 1, k + 1);
		if (!json_is_string(f))
			rc = cl_errlist_add(errs, where, 0,
					    "a food must be a string like \"2 medium bananas\"");
		else
			rc = food_line(day, parser, json_string_value(f), 0, errs, where);
		if (rc)
			return rc;
	}
	return CL_OK;
}

int cl_intake_from_json(cl_intake **out, char **errors, cl_parser *parser, const json_t *days,
			const char *source)
{
	cl_intake *in = NULL;
	cl_errlist errs = {0};
	int rc;

	*out = NULL;
	if (errors)
		*errors = NULL;
	if (!source)
		source = "diary";
	if (!parser)
		return cl_error_set(CL_EINVAL, "%s: reading a diary needs the food database", source);
	if (!json_is_array(days))
		return cl_error_set(CL_EINVAL,
				    "%s: a diary must be an array of {\"date\", \"foods\": [...]}",
				    source);
	if ((rc = cl_intake_new(&in, CL_INTAKE_JSON, source)))
		return rc;
	for (size_t i = 0; i < json_array_size(days); i++)
		if ((rc = json_day(in, parser, json_array_get(days, i), i, &errs, source)))
			goto cleanup;
	rc = finish_read(out, &in, &errs, source, errors);
cleanup:
	cl_buf_free(&errs.text);
	cl_intake_free(in);
	return rc;
}

/*
 * CSV exports of Cronometer and MyFitnessPal, read into the same per-day
 * intake as a diary.  The format is recognised from the header line and
 * every column is found by its name, never its position, because both apps
 * add, drop and reorder columns between versions.  A nutrient column's unit
 * is read from the header ("Vitamin D (IU)", "B12 (Cobalamin) (µg)") and the
 * value converted to the unit of cramplab's key; a blank cell is unknown,
 * never zero, and a nutrient the format does not export is unknown for every
 * row.  The CSV reader follows RFC 4180 (quoted fields with commas, doubled
 * quotes, CRLF) and skips a UTF-8 byte order mark.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "intake_internal.h"
#include "textfold.h"
#include "util.h"

/*
 * MyFitnessPal's "Calcium" and "Iron" columns are percent of the Daily
 * Value; these are the Daily Values of the US label rules MyFitnessPal
 * used (21 CFR 101.9(c)(8)(iv) before the 2016 revision: calcium 1000 mg,
 * iron 18 mg).  A header that names the unit ("Calcium (mg)") is read as is.
 */
#define MFP_CALCIUM_DV_MG 1000.0
#define MFP_IRON_DV_MG 18.0

typedef struct {
	char **f;
	size_t n, cap;
	unsigned lineno;
} csv_row;

typedef struct {
	csv_row *rows;
	size_t n, cap;
	char *store; /* all fields, NUL-separated */
} csv_table;

static void csv_free(csv_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->rows[i].f);
	free(t->rows);
	free(t->store);
	memset(t, 0, sizeof(*t));
}

static int row_push(csv_row *r, char *field)
{
	char **g = cl_array_room(r->f, &r->cap, r->n, sizeof(*g), 16);
	if (!g)
		return cl_error_oom();
	r->f = g;
	r->f[r->n++] = field;
	return CL_OK;
}

static int table_push(csv_table *t, csv_row *r)
{
	csv_row *g = cl_array_room(t->rows, &t->cap, t->n, sizeof(*g), 16);
	if (!g)
		return cl_error_oom();
	t->rows = g;
	t->rows[t->n++] = *r;
	memset(r, 0, sizeof(*r));
	return CL_OK;
}

/* Splits the text in place (a copy) into rows of fields; blank lines are skipped. */
static int csv_parse(csv_table *t, const char *text, size_t len, const char *source)
{
	csv_row row = {0};
	unsigned lineno = 1, start_line = 1;
	int rc = CL_OK;

	memset(t, 0, sizeof(*t));
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!(t->store = malloc(len + 1)))
		return cl_error_oom();
	char *w = t->store;
	size_t i = 0;
	bool row_has_text = false;
	while (i <= len) {
		/* One field. */
		char *field = w;
		bool quoted = false;
		if (i < len && text[i] == '"') {
			quoted = true;
			i++;
			for (;;) {
				if (i >= len) {
					rc = cl_error_set(CL_EINVAL, "%s:%u: a quoted field is never closed",
							  source, start_line);
					goto cleanup;
				}
				if (text[i] == '"') {
					if (i + 1 < len && text[i + 1] == '"') {
						*w++ = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (text[i] == '\n')
					lineno++;
				*w++ = text[i++];
			}
		}
		while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
			*w++ = text[i++];
		*w++ = '\0';
		row_has_text |= quoted || field[0] != '\0';
		if ((rc = row_push(&row, field)))
			goto cleanup;
		if (i < len && text[i] == ',') {
			i++;
			continue;
		}
		/* End of a record. */
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n')
			i++;
		row.lineno = start_line;
		/* Checked here, not when printed: a name that is not UTF-8 would
		 * otherwise be read and then fail deep in the JSON writer. */
		for (size_t f = 0; f < row.n; f++)
			if (!cl_utf8_valid(row.f[f], -1)) {
				rc = cl_error_set(CL_EINVAL,
						  "%s:%u: column %zu is not valid UTF-8 text "
						  "(export the file as UTF-8)",
						  source, start_line, f + 1);
				goto cleanup;
			}
		if (row_has_text) {
			if ((rc = table_push(t, &row)))
				goto cleanup;
		} else {
			row.n = 0;
		}
		row_has_text = false;
		lineno++;
		start_line = lineno;
		if (i >= len)
			break;
	}
cleanup:
	free(row.f);
	if (rc)
		csv_free(t);
	return rc;
}

/* ---- columns ----------------------------------------------------------- */

/* What a column header means: a nutrient, and the factor to its key's unit. */
typedef struct {
	cl_nutrient n;
	double factor;
	bool vitd_iu; /* vitamin D given in IU: also fills vitamin_d_ug (÷ 40) */
	bool vitd_ug; /* vitamin D given in µg: also fills vitamin_d_iu (× 40) */
} column;

static const struct {
	const char *name; /* lower case, without the unit */
	cl_nutrient n;
} aliases[] = {
	{"energy", CL_N_ENERGY_KCAL},       {"calories", CL_N_ENERGY_KCAL},
	{"b1 (thiamine)", CL_N_THIAMIN_MG}, {"thiamin", CL_N_THIAMIN_MG},
	{"thiamine", CL_N_THIAMIN_MG},      {"vitamin b1", CL_N_THIAMIN_MG},
	{"b12 (cobalamin)", CL_N_VITAMIN_B12_UG}, {"b12 (cyanocobalamin)", CL_N_VITAMIN_B12_UG},
	{"vitamin b12", CL_N_VITAMIN_B12_UG}, {"b2 (riboflavin)", CL_N_RIBOFLAVIN_MG},
	{"b3 (niacin)", CL_N_NIACIN_MG},    {"b6 (pyridoxine)", CL_N_VITAMIN_B6_MG},
	{"b5 (pantothenic acid)", CL_N_PANTOTHENIC_ACID_MG}, {"omega-3", CL_N_OMEGA3_G},
	{"omega-6", CL_N_OMEGA6_G},         {"carbs", CL_N_CARBS_G},
	{"carbohydrates", CL_N_CARBS_G},    {"fat", CL_N_FAT_G},
	{"saturated fat", CL_N_SATURATED_FAT_G}, {"saturated", CL_N_SATURATED_FAT_G},
	{"polyunsaturated fat", CL_N_POLYUNSATURATED_FAT_G},
	{"monounsaturated fat", CL_N_MONOUNSATURATED_FAT_G}, {"trans fat", CL_N_TRANS_FAT_G},
	{"trans-fats", CL_N_TRANS_FAT_G},   {"fiber", CL_N_FIBER_G},
	{"sugar", CL_N_SUGARS_G},           {"sugars", CL_N_SUGARS_G},
	{"vitamin d", CL_N_VITAMIN_D_UG},   {"folate", CL_N_FOLATE_UG},
};

static double unit_scale(const char *u)
{
	if (strcmp(u, "g") == 0)
		return 1.0;
	if (strcmp(u, "mg") == 0)
		return 1e-3;
	if (strcmp(u, "\xc2\xb5g") == 0 || strcmp(u, "\xce\xbcg") == 0 || strcmp(u, "ug") == 0 ||
	    strcmp(u, "mcg") == 0 || strcmp(u, "µg") == 0)
		return 1e-6;
	return NAN;
}

/* Reads "Name (unit)" into a column; false if the header is not a nutrient. */
static bool map_column(column *c, const char *header, bool mfp)
{
	char name[128], unit[32] = "";
	snprintf(name, sizeof(name), "%s", header);
	for (char *p = name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	size_t len = strlen(name);
	while (len && isspace((unsigned char)name[len - 1]))
		name[--len] = '\0';
	if (len && name[len - 1] == ')') {
		char *open = strrchr(name, '(');
		if (open && open > name) {
			snprintf(unit, sizeof(unit), "%.*s", (int)(name + len - 1 - open - 1), open + 1);
			*open = '\0';
			len = strlen(name);
			while (len && name[len - 1] == ' ')
				name[--len] = '\0';
		}
	}
	memset(c, 0, sizeof(*c));
	c->n = CL_NUTRIENT_COUNT;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].name, name) == 0)
			c->n = aliases[i].n;
	if (c->n == CL_NUTRIENT_COUNT)
		for (int i = 0; i < CL_NUTRIENT_COUNT; i++) {
			const cl_nutrient_info *ni = cl_nutrient_get((cl_nutrient)i);
			if (ni->sr24_name && strcasecmp(ni->sr24_name, name) == 0)
				c->n = (cl_nutrient)i;
		}
	if (c->n == CL_NUTRIENT_COUNT)
		return false;
	const cl_nutrient_info *ni = cl_nutrient_get(c->n);
	if (c->n == CL_N_VITAMIN_D_UG) {
		if (strcmp(unit, "iu") == 0) {
			c->n = CL_N_VITAMIN_D_IU;
			c->factor = 1.0;
			c->vitd_iu = true;
			return true;
		}
		if (!unit[0])
			return false;
		c->vitd_ug = true;
	}
	if (!unit[0]) {
		/* MyFitnessPal leaves some units out; its own help gives mg. */
		if (!mfp)
			return false;
		if (c->n == CL_N_ENERGY_KCAL || ni->unit[0] == 'g' || strcmp(ni->unit, "mg") == 0) {
			c->factor = 1.0;
			return true;
		}
		return false;
	}
	if (strcmp(unit, "kcal") == 0 || strcmp(unit, "iu") == 0) {
		c->factor = strcmp(unit, ni->unit) == 0 || strcasecmp(unit, ni->unit) == 0 ? 1.0 : NAN;
		return !isnan(c->factor);
	}
	double from = unit_scale(unit), to = unit_scale(ni->unit);
	if (isnan(from) || isnan(to))
		return false;
	c->factor = from / to;
	return true;
}

/* ---- cells ------------------------------------------------------------- */

/* "1,034.5" -> 1034.5; blank -> NAN (unknown).  False if not a number. */
static bool cell_number(const char *s, double *out)
{
	char buf[64];
	size_t n = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s) {
		*out = NAN;
		return true;
	}
	for (; *s && n < sizeof(buf) - 1; s++)
		if (*s != ',')
			buf[n++] = *s;
	while (n && isspace((unsigned char)buf[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(buf) - 1)
		return false;
	return cl_parse_decimal(buf, n, out) && *out >= 0;
}

/* YYYY-MM-DD or M/D/YYYY into YYYY-MM-DD. */
static bool cell_date(char out[11], const char *s)
{
	int m, d, y, used = 0;
	if (cl_date_valid(s, strlen(s))) {
		snprintf(out, 11, "%s", s);
		return true;
	}
	if (sscanf(s, "%d/%d/%d%n", &m, &d, &y, &used) == 3 && s[used] == '\0' && y >= 1900 &&
	    y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		return cl_date_valid(out, 10);
	}
	return false;
}

static int col_index(const csv_row *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++) {
		const char *f = h->f[i];
		while (isspace((unsigned char)*f))
			f++;
		if (strcasecmp(f, name) == 0)
			return (int)i;
	}
	return -1;
}

/* ---- reading ----------------------------------------------------------- */

typedef struct {
	cl_intake_format format;
	int date, name, amount, category, group;
	column *cols; /* one per header field; n == CL_NUTRIENT_COUNT if not a nutrient */
	bool exported[CL_NUTRIENT_COUNT];
} layout;

static bool detect(layout *L, const csv_row *h)
{
	memset(L, 0, sizeof(*L));
	L->name = col_index(h, "Food Name");
	L->amount = col_index(h, "Amount");
	L->category = col_index(h, "Category");
	L->group = col_index(h, "Group");
	int day = col_index(h, "Day"), date = col_index(h, "Date");
	if (L->name >= 0 && (day >= 0 || date >= 0)) {
		L->format = CL_INTAKE_CRONO_SERVINGS;
		L->date = day >= 0 ? day : date;
		return true;
	}
	if (date >= 0 && col_index(h, "Meal") >= 0 && col_index(h, "Calories") >= 0) {
		L->format = CL_INTAKE_MFP;
		L->date = date;
		L->name = col_index(h, "Meal");
		return true;
	}
	if (date >= 0 && (col_index(h, "Completed") >= 0 || col_index(h, "Energy (kcal)") >= 0)) {
		L->format = CL_INTAKE_CRONO_DAILY;
		L->date = date;
		return true;
	}
	return false;
}

static int map_columns(layout *L, const csv_row *h)
{
	if (!(L->cols = calloc(h->n, sizeof(column))))
		return cl_error_oom();
	for (size_t i = 0; i < h->n; i++) {
		column *c = &L->cols[i];
		bool mfp = L->format == CL_INTAKE_MFP;
		const char *hf = h->f[i];
		/* MyFitnessPal's vitamins A and C are % Daily Value; cramplab does not use them. */
		if ((mfp && strncasecmp(hf, "Vitamin", 7) == 0) || !map_column(c, hf, mfp)) {
			c->n = CL_NUTRIENT_COUNT;
			continue;
		}
		if (mfp && (strcasecmp(hf, "Calcium") == 0 || strcasecmp(hf, "Iron") == 0))
			c->factor = (c->n == CL_N_CALCIUM_MG ? MFP_CALCIUM_DV_MG : MFP_IRON_DV_MG) / 100.0;
		L->exported[c->n] = true;
		if (c->vitd_iu || c->vitd_ug)
			L->exported[CL_N_VITAMIN_D_UG] = L->exported[CL_N_VITAMIN_D_IU] = true;
	}
	return CL_OK;
}

/* Fills amounts from a row; on a bad cell writes why and returns false. */
static bool row_amounts(double *amount, const layout *L, const csv_row *h, const csv_row *r,
			char *why, size_t whylen)
{
	for (int k = 0; k < CL_NUTRIENT_COUNT; k++)
		amount[k] = NAN;
	for (size_t i = 0; i < r->n; i++) {
		const column *c = &L->cols[i];
		if (c->n == CL_NUTRIENT_COUNT)
			continue;
		double v;
		if (!cell_number(r->f[i], &v)) {
			snprintf(why, whylen, "column '%s' holds '%.*s', not a non-negative number",
				 h->f[i], cl_utf8_cut(r->f[i], 40), r->f[i]);
			return false;
		}
		if (isnan(v))
			continue;
		amount[c->n] = v * c->factor;
		if (c->vitd_iu)
			amount[CL_N_VITAMIN_D_UG] = amount[c->n] / CL_VITAMIN_D_IU_PER_UG;
		if (c->vitd_ug)
			amount[CL_N_VITAMIN_D_IU] = amount[c->n] * CL_VITAMIN_D_IU_PER_UG;
	}
	return true;
}

static const char *cell(const csv_row *r, int i)
{
	return i >= 0 && (size_t)i < r->n ? r->f[i] : "";
}

/* Grams from a Cronometer amount such as "150.00 g"; NAN otherwise. */
static double amount_grams(const char *s)
{
	double v;
	int used = 0;
	if (sscanf(s, "%lf g%n", &v, &used) == 1 && used > 0 && s[used] == '\0' && isfinite(v))
		return v;
	return NAN;
}

static int add_row(cl_intake *in, const layout *L, const csv_row *r, double *amount,
		   const char *date)
{
	cl_intake_day *day = cl_intake_find_day(in, date);
	int rc;
	if (!day && (rc = cl_intake_add_day(in, date, r->lineno, &day)))
		return rc;
	cl_intake_entry e = {0};
	const char *name = L->name >= 0 ? cell(r, L->name) : "daily total";
	e.name = strdup(name[0] ? name : "(unnamed)");
	e.line = strdup(cell(r, L->amount));
	e.lineno = r->lineno;
	e.grams = L->amount >= 0 ? amount_grams(cell(r, L->amount)) : NAN;
	e.supplement = strcasecmp(cell(r, L->category), "Supplements") == 0;
	e.amount = amount;
	if (!e.name || !e.line) {
		free(e.name);
		free(e.line);
		return cl_error_oom();
	}
	return cl_intake_add_entry(day, &e);
}

/* For the daily export with a Group column: does this date have a Total row? */
static bool has_total(const csv_table *t, const layout *L, const char *date)
{
	for (size_t i = 1; i < t->n; i++) {
		char d[11];
		if (cell_date(d, cell(&t->rows[i], L->date)) && strcmp(d, date) == 0 &&
		    strcasecmp(cell(&t->rows[i], L->group), "Total") == 0)
			return true;
	}
	return false;
}

static int note_for(cl_intake *in, const layout *L)
{
	cl_buf b = {0};
	int rc = CL_OK;
	bool any = false;
	for (size_t k = 0; k < cl_intake_nkeys && !rc; k++) {
		cl_nutrient n = cl_intake_keys[k];
		if (L->exported[n])
			continue;
		rc = cl_buf_printf(&b, "%s%s", any ? ", " : "this export has no ",
				   cl_nutrient_get(n)->key);
		any = true;
	}
	if (!rc && any)
		rc = cl_buf_printf(&b, " column: unknown (null), not zero");
	if (!rc && L->format == CL_INTAKE_MFP)
		rc = cl_buf_printf(&b, "%sMyFitnessPal Calcium and Iron are read as %% Daily Value"
				       " (calcium 1000 mg, iron 18 mg) and converted to mg",
				   any ? "; " : "");
	if (!rc && b.len)
		rc = cl_intake_set_note(in, b.data);
	cl_buf_free(&b);
	return rc;
}

static int read_rows(cl_intake *in, const layout *L, const csv_table *t, cl_errlist *errs,
		     const char *source)
{
	const csv_row *h = &t->rows[0];
	int rc = CL_OK;
	for (size_t i = 1; i < t->n && !rc; i++) {
		const csv_row *r = &t->rows[i];
		char why[300], date[11];
		if (r->n != h->n) {
			snprintf(why, sizeof(why), "the row has %zu fields, the header has %zu", r->n,
				 h->n);
			rc = cl_errlist_add(errs, source, r->lineno, why);
			continue;
		}
		if (!cell_date(date, cell(r, L->date))) {
			snprintf(why, sizeof(why), "'%.*s' is not a date (YYYY-MM-DD or M/D/YYYY)",
				 cl_utf8_cut(cell(r, L->date), 40), cell(r, L->date));
			rc = cl_errlist_add(errs, source, r->lineno, why);
			continue;
		}
		if (L->format == CL_INTAKE_CRONO_DAILY && L->group >= 0 &&
		    (strcasecmp(cell(r, L->group), "Total") == 0) != has_total(t, L, date))
			continue; /* the day's Total row stands for its group rows */
		if (L->format == CL_INTAKE_CRONO_DAILY && L->group < 0) {
			cl_intake_day *seen = cl_intake_find_day(in, date);
			if (seen) {
				snprintf(why, sizeof(why), "day %s is given twice (lines %u and %u)",
					 date, seen->lineno, r->lineno);
				rc = cl_errlist_add(errs, source, r->lineno, why);
				continue;
			}
		}
		double *amount = malloc(CL_NUTRIENT_COUNT * sizeof(double));
		if (!amount)
			return cl_error_oom();
		if (!row_amounts(amount, L, h, r, why, sizeof(why))) {
			free(amount);
			rc = cl_errlist_add(errs, source, r->lineno, why);
			continue;
		}
		if ((rc = add_row(in, L, r, amount, date)))
			free(amount);
	}
	return rc;
}

int cl_intake_read_csv(cl_intake **out, char **errors, const char *text, size_t len,
		       const char *source, bool *recognised)
{
	csv_table t = {0};
	layout L = {0};
	cl_intake *in = NULL;
	cl_errlist errs = {0};
	int rc = CL_OK;

	*recognised = false;
	/* Only the first line decides; a diary never starts with these headers. */
	size_t first = 0;
	while (first < len && text[first] != '\n')
		first++;
	if (!memchr(text, ',', first))
		return CL_OK;
	csv_table head = {0};
	if (csv_parse(&head, text, first, source) != CL_OK || head.n == 0) {
		csv_free(&head);
		cl_error_clear();
		return CL_OK;
	}
	bool known = detect(&L, &head.rows[0]);
	csv_free(&head);
	if (!known)
		return CL_OK;
	*recognised = true;
	if ((rc = csv_parse(&t, text, len, source)) || (rc = map_columns(&L, &t.rows[0])))
		goto cleanup;
	if ((rc = cl_intake_new(&in, L.format, source)))
		goto cleanup;
	if ((rc = read_rows(in, &L, &t, &errs, source)))
		goto cleanup;
	if (errs.count) {
		rc = cl_errlist_fail(&errs, source, errors);
		goto cleanup;
	}
	if ((rc = note_for(in, &L)))
		goto cleanup;
	*out = in;
	in = NULL;
cleanup:
	cl_buf_free(&errs.text);
	cl_intake_free(in);
	free(L.cols);
	csv_free(&t);
	return rc;
}

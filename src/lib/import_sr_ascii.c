/*
 * Importing an official USDA SR ASCII release (SR24 to SR28 share the
 * layout): FD_GROUP, FOOD_DES, NUTR_DEF, NUT_DATA and WEIGHT, each a text
 * file of '^'-separated fields with text fields quoted by '~'.  USDA ships
 * them in ISO-8859-1 ("µg" is byte 0xB5), so a line that is not valid UTF-8
 * is read as Latin-1.  A nutrient is kept when its NUTR_DEF number is one
 * cramplab's nutrient table maps, and only if NUTR_DEF gives the unit that
 * table expects; a value for an unknown food, a malformed number or a
 * short line stops the import with the file and line named.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/import.h"
#include "error.h"
#include "foodwrite.h"
#include "textfold.h"
#include "util.h"

#define MAX_FIELDS 20
#define NDB_SPACE 100000

struct ascii_file {
	const char *name;
	char path[4096];
	FILE *fp;
	size_t lineno;
	char *line;     /* current line, UTF-8 */
	size_t linecap;
	char *fields[MAX_FIELDS];
	int nfields;
};

static int open_file(struct ascii_file *f, const char *dir, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	snprintf(f->path, sizeof(f->path), "%s/%s", dir, name);
	f->fp = fopen(f->path, "rb");
	if (!f->fp)
		return cl_error_set(errno == ENOENT ? CL_ENOTFOUND : CL_EIO, "cannot open %s: %s",
				    f->path, strerror(errno));
	return CL_OK;
}

static void close_file(struct ascii_file *f)
{
	if (f->fp)
		fclose(f->fp);
	free(f->line);
	f->fp = NULL;
	f->line = NULL;
}

static int latin1_to_utf8(struct ascii_file *f, size_t len)
{
	char *u = malloc(len * 2 + 1);
	size_t o = 0;
	if (!u)
		return cl_error_oom();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)f->line[i];
		if (c < 0x80) {
			u[o++] = (char)c;
		} else {
			u[o++] = (char)(0xC0 | (c >> 6));
			u[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	u[o] = '\0';
	free(f->line);
	f->line = u;
	f->linecap = len * 2 + 1;
	return CL_OK;
}

/* Reads the next non-empty line and splits it; 1 = a line, 0 = end, <0 = error. */
static int next_record(struct ascii_file *f, int min_fields)
{
	ssize_t n;
	for (;;) {
		errno = 0;
		n = getline(&f->line, &f->linecap, f->fp);
		if (n < 0) {
			if (ferror(f->fp))
				return cl_error_set(CL_EIO, "cannot read %s: %s", f->path,
						    strerror(errno));
			return 0;
		}
		f->lineno++;
		while (n > 0 && (f->line[n - 1] == '\n' || f->line[n - 1] == '\r'))
			f->line[--n] = '\0';
		if (n > 0)
			break;
	}
	if (memchr(f->line, '\0', (size_t)n))
		return cl_error_set(CL_EINVAL, "%s line %zu: binary data", f->path, f->lineno);
	if (!cl_utf8_valid(f->line, n)) {
		int rc = latin1_to_utf8(f, (size_t)n);
		if (rc)
			return rc;
	}
	f->nfields = 0;
	for (char *p = f->line;;) {
		char *caret = strchr(p, '^');
		if (caret)
			*caret = '\0';
		size_t len = strlen(p);
		if (len >= 2 && p[0] == '~' && p[len - 1] == '~') {
			p[len - 1] = '\0';
			p++;
		} else if (len == 1 && p[0] == '~') {
			return cl_error_set(CL_EINVAL, "%s line %zu field %d: unbalanced '~'",
					    f->path, f->lineno, f->nfields + 1);
		}
		if (f->nfields == MAX_FIELDS)
			return cl_error_set(CL_EINVAL, "%s line %zu: too many fields", f->path,
					    f->lineno);
		f->fields[f->nfields++] = p;
		if (!caret)
			break;
		p = caret + 1;
	}
	if (f->nfields < min_fields)
		return cl_error_set(CL_EINVAL, "%s line %zu: expected at least %d '^'-separated "
					       "fields, found %d",
				    f->path, f->lineno, min_fields, f->nfields);
	return 1;
}

static int bad_field(struct ascii_file *f, int field, const char *expected)
{
	return cl_error_set(CL_EINVAL, "%s line %zu field %d: expected %s, found '%.40s'", f->path,
			    f->lineno, field + 1, expected, f->fields[field]);
}

static int ndb_field(struct ascii_file *f, int field, long *id)
{
	const char *s = f->fields[field];
	double v;
	size_t len = strlen(s);
	if (len < 4 || len > 5 || !cl_parse_decimal(s, len, &v) || v < 0 || v != floor(v))
		return bad_field(f, field, "a 5-digit NDB number");
	*id = (long)v;
	return CL_OK;
}

static int number_field(struct ascii_file *f, int field, double *out, bool positive)
{
	const char *s = f->fields[field];
	if (!cl_parse_decimal(s, strlen(s), out) || *out < 0 || (positive && *out == 0))
		return bad_field(f, field, positive ? "a positive number" : "a non-negative number");
	return CL_OK;
}

/* Which cramplab nutrient an SR Nutr_No feeds, or CL_NUTRIENT_COUNT. */
static cl_nutrient nutrient_for_no(const char *no)
{
	size_t len = strlen(no);
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++) {
		const char *list = cl_nutrient_get((cl_nutrient)i)->sr_nutr_no;
		for (const char *p = list; p && *p;) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			if (n == len && strncmp(p, no, n) == 0)
				return (cl_nutrient)i;
			p = comma ? comma + 1 : NULL;
		}
	}
	return CL_NUTRIENT_COUNT;
}

static bool same_unit(const char *ours, const char *theirs)
{
	if (strcmp(ours, theirs) == 0)
		return true;
	/* SR writes micrograms as "µg" (Latin-1 0xB5, read as U+00B5) or "mcg". */
	return strcmp(ours, "µg") == 0 && (strcmp(theirs, "mcg") == 0 || strcmp(theirs, "ug") == 0);
}

struct ascii_import {
	cl_food **foods; /* indexed by NDB number */
	bool nutr_ok[1000]; /* Nutr_No whose unit was checked */
	cl_nutrient nutr_map[1000];
	cl_foodwriter *w;
};

static int read_groups(struct ascii_import *im, const char *dir)
{
	struct ascii_file f;
	int rc = open_file(&f, dir, "FD_GROUP.txt");
	while (rc == CL_OK && (rc = next_record(&f, 2)) == 1)
		rc = cl_foodwriter_group(im->w, f.fields[0], f.fields[1]);
	if (rc == 1)
		rc = CL_OK;
	close_file(&f);
	return rc;
}

static int read_foods(struct ascii_import *im, const char *dir, size_t *count)
{
	struct ascii_file f;
	long id;
	int rc = open_file(&f, dir, "FOOD_DES.txt");
	*count = 0;
	while (rc == CL_OK && (rc = next_record(&f, 3)) == 1) {
		rc = CL_OK;
		if ((rc = ndb_field(&f, 0, &id)))
			break;
		if (im->foods[id]) {
			rc = cl_error_set(CL_EINVAL, "%s line %zu: food %05ld appears twice", f.path,
					  f.lineno, id);
			break;
		}
		if (!f.fields[2][0]) {
			rc = bad_field(&f, 2, "the food's description");
			break;
		}
		cl_food *food = calloc(1, sizeof(*food));
		if (!food || !(food->name = strdup(f.fields[2]))) {
			free(food);
			rc = cl_error_oom();
			break;
		}
		snprintf(food->ndb, sizeof(food->ndb), "%05ld", id);
		snprintf(food->group_code, sizeof(food->group_code), "%.4s", f.fields[1]);
		for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
			food->per_100g[i] = NAN;
		im->foods[id] = food;
		(*count)++;
	}
	close_file(&f);
	return rc;
}

static int read_nutr_def(struct ascii_import *im, const char *dir)
{
	struct ascii_file f;
	double no;
	int rc = open_file(&f, dir, "NUTR_DEF.txt");
	while (rc == CL_OK && (rc = next_record(&f, 2)) == 1) {
		rc = CL_OK;
		if (!cl_parse_decimal(f.fields[0], strlen(f.fields[0]), &no) || no < 0 || no > 999) {
			rc = bad_field(&f, 0, "a nutrient number");
			break;
		}
		cl_nutrient id = nutrient_for_no(f.fields[0]);
		if (id == CL_NUTRIENT_COUNT)
			continue;
		const char *unit = cl_nutrient_get(id)->unit;
		if (!same_unit(unit, f.fields[1])) {
			rc = cl_error_set(CL_EINVAL,
					  "%s line %zu: nutrient %s is in '%s', cramplab expects '%s'",
					  f.path, f.lineno, f.fields[0], f.fields[1], unit);
			break;
		}
		im->nutr_ok[(int)no] = true;
		im->nutr_map[(int)no] = id;
	}
	close_file(&f);
	return rc;
}

static int read_nut_data(struct ascii_import *im, const char *dir)
{
	struct ascii_file f;
	long id;
	double no, value;
	int rc = open_file(&f, dir, "NUT_DATA.txt");
	while (rc == CL_OK && (rc = next_record(&f, 3)) == 1) {
		rc = CL_OK;
		if ((rc = ndb_field(&f, 0, &id)))
			break;
		if (!im->foods[id]) {
			rc = cl_error_set(CL_EINVAL, "%s line %zu: food %05ld is not in FOOD_DES.txt",
					  f.path, f.lineno, id);
			break;
		}
		if (!cl_parse_decimal(f.fields[1], strlen(f.fields[1]), &no) || no < 0 || no > 999) {
			rc = bad_field(&f, 1, "a nutrient number");
			break;
		}
		if ((rc = number_field(&f, 2, &value, false)))
			break;
		if (!im->nutr_ok[(int)no])
			continue;
		double *slot = &im->foods[id]->per_100g[im->nutr_map[(int)no]];
		/* Omega-3 and omega-6 are sums of several fatty acids. */
		*slot = isnan(*slot) ? value : *slot + value;
	}
	close_file(&f);
	return rc;
}

static int read_weights(struct ascii_import *im, const char *dir)
{
	struct ascii_file f;
	long id;
	cl_measure m;
	int rc = open_file(&f, dir, "WEIGHT.txt");
	while (rc == CL_OK && (rc = next_record(&f, 5)) == 1) {
		rc = CL_OK;
		if ((rc = ndb_field(&f, 0, &id)))
			break;
		cl_food *food = im->foods[id];
		if (!food) {
			rc = cl_error_set(CL_EINVAL, "%s line %zu: food %05ld is not in FOOD_DES.txt",
					  f.path, f.lineno, id);
			break;
		}
		if ((rc = number_field(&f, 2, &m.amount, true)) ||
		    (rc = number_field(&f, 4, &m.grams, true)))
			break;
		if (!f.fields[3][0]) {
			rc = bad_field(&f, 3, "the measure's description");
			break;
		}
		cl_measure *grown = realloc(food->measures, (food->nmeasures + 1) * sizeof(*grown));
		if (!grown || !(m.name = strdup(f.fields[3]))) {
			if (grown)
				food->measures = grown;
			rc = cl_error_oom();
			break;
		}
		food->measures = grown;
		food->measures[food->nmeasures++] = m;
	}
	close_file(&f);
	return rc;
}

int cl_import_sr_ascii(const char *dir, const char *db_path, const cl_food_rules *rules,
		       cl_progress_cb progress, void *payload, size_t *nfoods)
{
	struct ascii_import im = {0};
	size_t count = 0, done = 0;
	int rc;

	if (nfoods)
		*nfoods = 0;
	im.foods = calloc(NDB_SPACE, sizeof(*im.foods));
	if (!im.foods)
		return cl_error_oom();
	if ((rc = read_foods(&im, dir, &count)) || (rc = read_nutr_def(&im, dir)) ||
	    (rc = read_nut_data(&im, dir)) || (rc = read_weights(&im, dir)))
		goto cleanup;
	if ((rc = cl_foodwriter_begin(&im.w, db_path,
				      "USDA National Nutrient Database for Standard Reference "
				      "(ASCII release)")) ||
	    (rc = read_groups(&im, dir)))
		goto cleanup;
	if (rules)
		cl_foodwriter_pool_rules(im.w, rules);
	for (long id = 0; id < NDB_SPACE; id++) {
		cl_food *food = im.foods[id];
		if (!food)
			continue;
		double *per = food->per_100g;
		if (isnan(per[CL_N_VITAMIN_D_UG]) && !isnan(per[CL_N_VITAMIN_D_IU]))
			per[CL_N_VITAMIN_D_UG] = per[CL_N_VITAMIN_D_IU] / CL_VITAMIN_D_IU_PER_UG;
		if ((rc = cl_foodwriter_food(im.w, food)))
			goto cleanup;
		if (progress && ++done % 250 == 0)
			progress(done, count, payload);
	}
	rc = cl_foodwriter_commit(im.w);
	im.w = NULL;
	if (rc == CL_OK) {
		if (progress)
			progress(count, count, payload);
		if (nfoods)
			*nfoods = count;
	}
cleanup:
	cl_foodwriter_abort(im.w);
	for (long id = 0; id < NDB_SPACE; id++)
		cl_food_free(im.foods[id]);
	free(im.foods);
	return rc;
}

/*
 * Food records.  cl_food_get() stepped through a food's row, its group's,
 * some fifty food_nutrient rows and its measures: about 90 thousand
 * instructions a food at some 1,000 a SQLite row, most of reading a diary
 * whose lines come from the diary-line cache.  The importer therefore packs
 * each food, as cl_food_get() would return it, into one blob of
 * food_record, and a food is one row.  The record is made from the rows
 * themselves, after the last food is written (cl_food_records_write), so
 * that it says what they say: the same bytes for the strings, the same
 * doubles bit for bit, and a nutrient without a row has no entry (unknown
 * stays unknown, never 0).  The other tables stay: the search, the food
 * pool and the scripts read them.
 *
 * Layout, numbers little-endian:
 *   u8 length, the NDB number; u16 length, the name; u8 length, the group
 *   code; u8 1 if the group has a name, then u16 length, the name;
 *   u8 count, then per known nutrient u8 id and f64 amount per 100 g;
 *   u16 count, then per measure (in seq order) f64 amount, f64 grams,
 *   u16 length and the name.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "foodrec.h"
#include "imgio.h"
#include "util.h"

/* --- reading (imgio.c's bounds-checked codec) ------------------------------ */

static unsigned le(struct imgio *r, int n)
{
	uint64_t v = 0;
	imgio_le(r, &v, n);
	return (unsigned)v;
}

static double f64(struct imgio *r)
{
	double v = 0;
	imgio_f64(r, &v);
	return v;
}

/* A string of n bytes into a fixed array, cut as snprintf("%s") cut it. */
static void cut_into(char *dst, size_t size, struct imgio *r, size_t n)
{
	const unsigned char *p = imgio_take(r, n);
	size_t k = n < size - 1 ? n : size - 1;
	if (p)
		memcpy(dst, p, k);
	dst[p ? k : 0] = '\0';
}

/* A string of n bytes, owned; NULL for a short record or no memory. */
static char *dup_of(struct imgio *r, size_t n)
{
	const unsigned char *p = imgio_take(r, n);
	char *s = p ? malloc(n + 1) : NULL;
	if (s) {
		memcpy(s, p, n);
		s[n] = '\0';
	} else if (p) {
		imgio_fail(r, CL_ENOMEM);
	}
	return s;
}

int cl_food_record_read(cl_food *food, const unsigned char *rec, size_t len)
{
	struct imgio r = {.out = NULL, .p = rec, .end = rec + len, .rc = CL_OK};

	cut_into(food->ndb, sizeof(food->ndb), &r, le(&r, 1));
	if (!(food->name = dup_of(&r, le(&r, 2))))
		goto fail;
	cut_into(food->group_code, sizeof(food->group_code), &r, le(&r, 1));
	if (le(&r, 1) && !(food->group_name = dup_of(&r, le(&r, 2))))
		goto fail;
	for (unsigned i = 0, n = le(&r, 1); i < n && !r.rc; i++) {
		unsigned id = le(&r, 1);
		double v = f64(&r);
		if (id >= CL_NUTRIENT_COUNT)
			imgio_fail(&r, CL_EINVAL);
		else
			food->per_100g[id] = v;
	}
	unsigned n = le(&r, 2);
	if (n && !r.rc && !(food->measures = calloc(n, sizeof(*food->measures)))) {
		imgio_fail(&r, CL_ENOMEM);
		goto fail;
	}
	for (unsigned i = 0; i < n && !r.rc; i++) {
		cl_measure *m = &food->measures[i];
		m->amount = f64(&r);
		m->grams = f64(&r);
		if (!(m->name = dup_of(&r, le(&r, 2))))
			goto fail;
		food->nmeasures++;
	}
	if (!r.rc && r.p == r.end)
		return CL_OK;
fail:
	if (r.rc == CL_ENOMEM)
		return cl_error_oom();
	return cl_error_set(CL_EDB, "the record of food %s is damaged; run 'cramplab import' again",
			    food->ndb);
}

/* --- writing -------------------------------------------------------------- */

static int put_le(cl_buf *b, uint64_t v, int n)
{
	struct imgio w = {.out = b, .rc = CL_OK};
	imgio_le(&w, &v, n);
	return w.rc;
}

static int put_f64(cl_buf *b, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof(u));
	return put_le(b, u, 8);
}

/* A column's text with its length, which must fit max. */
static int put_text(cl_buf *b, sqlite3_stmt *st, int col, bool wide)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	size_t n = s ? strlen((const char *)s) : 0;
	if (n > (wide ? 0xffffu : 0xffu))
		return cl_error_set(CL_EINVAL, "food record: a text of %zu bytes is too long", n);
	int rc = put_le(b, n, wide ? 2 : 1);
	return rc ? rc : cl_buf_append(b, s ? (const char *)s : "", n);
}

static int db_fail(sqlite3 *db)
{
	return cl_error_set(CL_EDB, "writing food records: %s", sqlite3_errmsg(db));
}

/* The known nutrients of food id: the cursor runs in food order beside the foods'. */
static int put_nutrients(cl_buf *b, sqlite3_stmt *st, sqlite3_int64 id, bool *has_row)
{
	cl_buf part = {0};
	unsigned n = 0;
	int rc = CL_OK;
	while (rc == CL_OK && *has_row && sqlite3_column_int64(st, 0) <= id) {
		int nid = sqlite3_column_int(st, 1);
		/* cl_food_get() kept only ids it knows; a food has each id once. */
		if (sqlite3_column_int64(st, 0) == id && nid >= 0 && nid < CL_NUTRIENT_COUNT) {
			n++;
			if (!(rc = put_le(&part, (uint64_t)nid, 1)))
				rc = put_f64(&part, sqlite3_column_double(st, 2));
		}
		*has_row = sqlite3_step(st) == SQLITE_ROW;
	}
	if (rc == CL_OK && !(rc = put_le(b, n, 1)) && part.len)
		rc = cl_buf_append(b, part.data, part.len);
	cl_buf_free(&part);
	return rc;
}

static int put_measures(cl_buf *b, sqlite3_stmt *st, sqlite3_int64 id, bool *has_row)
{
	cl_buf part = {0};
	unsigned n = 0;
	int rc = CL_OK;
	while (rc == CL_OK && *has_row && sqlite3_column_int64(st, 0) <= id) {
		if (sqlite3_column_int64(st, 0) == id) {
			if (++n > 0xffffu)
				rc = cl_error_set(CL_EINVAL, "food record: too many measures");
			else if (!(rc = put_f64(&part, sqlite3_column_double(st, 1))) &&
				 !(rc = put_f64(&part, sqlite3_column_double(st, 3))))
				rc = put_text(&part, st, 2, true);
		}
		*has_row = sqlite3_step(st) == SQLITE_ROW;
	}
	if (rc == CL_OK && !(rc = put_le(b, n, 2)) && part.len)
		rc = cl_buf_append(b, part.data, part.len);
	cl_buf_free(&part);
	return rc;
}

int cl_food_records_write(sqlite3 *db)
{
	sqlite3_stmt *foods = NULL, *nutr = NULL, *meas = NULL, *ins = NULL;
	cl_buf b = {0};
	bool has_nutr, has_meas;
	int rc = CL_OK, step = SQLITE_DONE;

	if (sqlite3_prepare_v2(db,
			       "SELECT f.id, f.ndb, f.name, coalesce(f.group_code, ''), g.name FROM food f"
			       " LEFT JOIN food_group g ON g.code = f.group_code ORDER BY f.id",
			       -1, &foods, NULL) ||
	    sqlite3_prepare_v2(db,
			       "SELECT food_id, nutrient_id, amount FROM food_nutrient"
			       " ORDER BY food_id, nutrient_id",
			       -1, &nutr, NULL) ||
	    sqlite3_prepare_v2(db,
			       "SELECT food_id, amount, name, grams FROM measure ORDER BY food_id, seq",
			       -1, &meas, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO food_record(id, rec) VALUES(?, ?)", -1, &ins, NULL)) {
		rc = db_fail(db);
		goto done;
	}
	has_nutr = sqlite3_step(nutr) == SQLITE_ROW;
	has_meas = sqlite3_step(meas) == SQLITE_ROW;
	while (rc == CL_OK && (step = sqlite3_step(foods)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(foods, 0);
		b.len = 0;
		bool named = sqlite3_column_type(foods, 4) != SQLITE_NULL;
		if ((rc = put_text(&b, foods, 1, false)) || (rc = put_text(&b, foods, 2, true)) ||
		    (rc = put_text(&b, foods, 3, false)) || (rc = put_le(&b, named, 1)) ||
		    (named && (rc = put_text(&b, foods, 4, true))) ||
		    (rc = put_nutrients(&b, nutr, id, &has_nutr)) ||
		    (rc = put_measures(&b, meas, id, &has_meas)))
			break;
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_blob(ins, 2, b.data, (int)b.len, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = db_fail(db);
		sqlite3_reset(ins);
	}
	if (rc == CL_OK && step != SQLITE_DONE)
		rc = db_fail(db);
done:
	sqlite3_finalize(foods);
	sqlite3_finalize(nutr);
	sqlite3_finalize(meas);
	sqlite3_finalize(ins);
	cl_buf_free(&b);
	return rc;
}

/*
 * Food records (src/lib/foodrec.c) against the rows they are packed from:
 * for every food of the database, cl_food_get() (one record) must return
 * what the food, food_group, food_nutrient and measure rows say, read here
 * with SQL of the test's own: the same strings, every amount bit for bit,
 * NAN exactly where a nutrient has no row, the measures in seq order.  The
 * import tests compare those rows, and through cl_food_get() the records,
 * with the XML.  A record cut short or with bytes to spare is refused.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "cramplab/fooddb.h"
#include "foodrec.h"

static cl_fooddb *db;

static int setup(void **state)
{
	(void)state;
	const char *path = getenv("CRAMPLAB_DB");
	return cl_fooddb_open(&db, path ? path : "../build/foods.db");
}

static int teardown(void **state)
{
	(void)state;
	cl_fooddb_close(db);
	return 0;
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(cl_fooddb_sqlite(db), sql, -1, &st, NULL), SQLITE_OK);
	return st;
}

static void same_number(double a, double b)
{
	if (isnan(a) || isnan(b))
		assert_true(isnan(a) && isnan(b));
	else
		assert_memory_equal(&a, &b, sizeof(a)); /* bit for bit */
}

/* The food as its rows give it, compared field by field with f. */
static void same_as_rows(const cl_food *f, sqlite3_int64 id, sqlite3_stmt *food_st,
			 sqlite3_stmt *nutr_st, sqlite3_stmt *meas_st)
{
	double want[CL_NUTRIENT_COUNT];
	size_t known = 0, m = 0;

	sqlite3_bind_int64(food_st, 1, id);
	assert_int_equal(sqlite3_step(food_st), SQLITE_ROW);
	assert_string_equal(f->ndb, (const char *)sqlite3_column_text(food_st, 0));
	assert_string_equal(f->name, (const char *)sqlite3_column_text(food_st, 1));
	assert_string_equal(f->group_code, (const char *)sqlite3_column_text(food_st, 2));
	if (sqlite3_column_type(food_st, 3) == SQLITE_NULL)
		assert_null(f->group_name);
	else
		assert_string_equal(f->group_name, (const char *)sqlite3_column_text(food_st, 3));
	sqlite3_reset(food_st);

	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		want[i] = NAN;
	sqlite3_bind_int64(nutr_st, 1, id);
	while (sqlite3_step(nutr_st) == SQLITE_ROW) {
		int nid = sqlite3_column_int(nutr_st, 0);
		assert_true(nid >= 0 && nid < CL_NUTRIENT_COUNT);
		want[nid] = sqlite3_column_double(nutr_st, 1);
		known++;
	}
	sqlite3_reset(nutr_st);
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++) {
		same_number(f->per_100g[i], want[i]);
		known -= !isnan(f->per_100g[i]);
	}
	assert_int_equal(known, 0);

	sqlite3_bind_int64(meas_st, 1, id);
	while (sqlite3_step(meas_st) == SQLITE_ROW) {
		assert_true(m < f->nmeasures);
		same_number(f->measures[m].amount, sqlite3_column_double(meas_st, 0));
		assert_string_equal(f->measures[m].name, (const char *)sqlite3_column_text(meas_st, 1));
		same_number(f->measures[m].grams, sqlite3_column_double(meas_st, 2));
		m++;
	}
	sqlite3_reset(meas_st);
	assert_int_equal(m, f->nmeasures);
}

static void every_food_as_its_rows(void **state)
{
	(void)state;
	sqlite3_stmt *ids = prepare("SELECT id, ndb FROM food ORDER BY id");
	sqlite3_stmt *food_st = prepare("SELECT f.ndb, f.name, coalesce(f.group_code, ''), g.name"
					" FROM food f LEFT JOIN food_group g ON g.code = f.group_code"
					" WHERE f.id = ?");
	sqlite3_stmt *nutr_st = prepare("SELECT nutrient_id, amount FROM food_nutrient WHERE food_id = ?");
	sqlite3_stmt *meas_st = prepare("SELECT amount, name, grams FROM measure WHERE food_id = ?"
					" ORDER BY seq");
	size_t nfoods = 0, count = 0, with_unknown = 0, with_measures = 0;

	assert_int_equal(cl_fooddb_info(db, &nfoods, NULL), CL_OK);
	while (sqlite3_step(ids) == SQLITE_ROW) {
		cl_food *f = NULL;
		assert_int_equal(cl_food_get(&f, db, (const char *)sqlite3_column_text(ids, 1)), CL_OK);
		same_as_rows(f, sqlite3_column_int64(ids, 0), food_st, nutr_st, meas_st);
		for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
			if (isnan(f->per_100g[i])) {
				with_unknown++;
				break;
			}
		with_measures += f->nmeasures > 0;
		cl_food_free(f);
		count++;
	}
	/* Every food was read, and the comparison met unknowns and measures. */
	assert_int_equal(count, nfoods);
	assert_true(with_unknown > 0 && with_measures > 0);
	sqlite3_finalize(ids);
	sqlite3_finalize(food_st);
	sqlite3_finalize(nutr_st);
	sqlite3_finalize(meas_st);
}

/* A damaged record: every cut of a real one, and one byte too many. */
static void damaged_records_are_refused(void **state)
{
	(void)state;
	sqlite3_stmt *st = prepare("SELECT rec FROM food_record WHERE id = 9040"); /* bananas */
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	size_t len = (size_t)sqlite3_column_bytes(st, 0);
	unsigned char *rec = malloc(len + 1);
	assert_non_null(rec);
	memcpy(rec, sqlite3_column_blob(st, 0), len);
	rec[len] = 0;
	sqlite3_finalize(st);

	for (size_t cut = 0; cut <= len + 1; cut++) {
		cl_food food = {0};
		for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
			food.per_100g[i] = NAN;
		int rc = cl_food_record_read(&food, rec, cut);
		assert_int_equal(rc, cut == len ? CL_OK : CL_EDB);
		if (cut == len) {
			assert_string_equal(food.ndb, "09040");
			assert_true(food.nmeasures > 0);
		}
		for (size_t i = 0; i < food.nmeasures; i++)
			free(food.measures[i].name);
		free(food.measures);
		free(food.name);
		free(food.group_name);
	}
	free(rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_food_as_its_rows),
		cmocka_unit_test(damaged_records_are_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* The library API of diaries and intakes: parser cache, totals with
 * unknowns, JSON and CSV sources, and the full list of bad lines. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/diary.h"
#include "cramplab/intake.h"
#include "intake_internal.h"

typedef struct {
	cl_fooddb *db;
	cl_parser *parser;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	const char *path = getenv("CRAMPLAB_DB");
	if (!f || !path || cl_fooddb_open(&f->db, path) || cl_parser_new(&f->parser, f->db)) {
		if (f)
			cl_fooddb_close(f->db);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	cl_parser_free(f->parser);
	cl_fooddb_close(f->db);
	free(f);
	return 0;
}

static void test_parse_and_cache(void **state)
{
	fixture *f = *state;
	cl_diary_line a, b;
	for (int round = 0; round < 2; round++) { /* the second round comes from the cache */
		assert_int_equal(cl_diary_parse(&a, f->parser, "2 medium bananas"), CL_OK);
		assert_string_equal(a.ndb, "09040");
		assert_true(a.grams == 236.0);
		assert_true(a.quantity == 2.0);
		assert_null(a.assumption);
		assert_non_null(a.food);
		cl_diary_line_clear(&a);
		assert_int_equal(cl_diary_parse(&b, f->parser, "-2 bananas"), CL_EINVAL);
		assert_non_null(strstr(cl_error_last(), "negative"));
		assert_null(b.name);
	}
	assert_int_equal(cl_diary_parse(&a, f->parser, "a glass of orange juice"), CL_OK);
	assert_non_null(a.assumption);
	assert_true(fabs(a.grams - 248.0) < 1e-9);
	cl_diary_line_clear(&a);
	cl_diary_line_clear(NULL);
	cl_parser_free(NULL);
}

static void test_diary_totals(void **state)
{
	fixture *f = *state;
	const char *text = "# test\n2026-11-20\nndb:09040 118 g\nndb:15076 100 g\n\n"
			   "2026-11-21\nndb:15076 50 g\n";
	cl_intake *in = NULL;
	cl_food *banana = NULL, *salmon = NULL;
	assert_int_equal(cl_intake_read_text(&in, NULL, f->parser, text, strlen(text), "t"), 0);
	assert_int_equal(cl_food_get(&banana, f->db, "09040"), 0);
	assert_int_equal(cl_food_get(&salmon, f->db, "15076"), 0);
	assert_int_equal(in->ndays, 2);
	const cl_intake_day *d = &in->days[0];
	assert_string_equal(d->date, "2026-11-20");
	assert_int_equal(d->nentries, 2);
	double mg = banana->per_100g[CL_N_MAGNESIUM_MG] * 118 / 100 +
		    salmon->per_100g[CL_N_MAGNESIUM_MG] * 100 / 100;
	assert_true(fabs(cl_intake_day_total(d, CL_N_MAGNESIUM_MG) - mg) < 1e-9);
	/* Salmon 15076 has no vitamin D in SR: the banana's 0 is known, salmon missing. */
	assert_true(isnan(salmon->per_100g[CL_N_VITAMIN_D_UG]));
	assert_int_equal(d->known[CL_N_VITAMIN_D_UG], 1);
	assert_int_equal(d->missing[CL_N_VITAMIN_D_UG], 1);
	assert_true(cl_intake_day_total(d, CL_N_VITAMIN_D_UG) == 0.0);
	/* Day 2: nothing known, so the total is unknown, not 0. */
	assert_true(isnan(cl_intake_day_total(&in->days[1], CL_N_VITAMIN_D_UG)));
	size_t kd = 9;
	assert_true(cl_intake_mean(in, CL_N_VITAMIN_D_UG, &kd) == 0.0);
	assert_int_equal(kd, 1);
	assert_true(isnan(cl_intake_entry_amount(&in->days[1].entries[0], CL_N_VITAMIN_D_UG)));
	json_t *doc = cl_intake_to_json(in);
	assert_non_null(doc);
	json_t *miss = json_object_get(json_object_get(json_array_get(json_object_get(doc, "days"), 0),
						       "missing"),
				       "vitamin_d_ug");
	assert_int_equal(json_array_size(miss), 1);
	assert_string_equal(json_string_value(json_array_get(miss, 0)), "15076");
	json_decref(doc);
	cl_food_free(banana);
	cl_food_free(salmon);
	cl_intake_free(in);
	cl_intake_free(NULL);
}

static void test_every_bad_line(void **state)
{
	fixture *f = *state;
	const char *text = "2026-11-20\n-2 bananas\n1 cup water\n1/0 cup milk\n2026-02-30\n";
	cl_intake *in = NULL;
	char *errors = NULL;
	assert_int_equal(cl_intake_read_text(&in, &errors, f->parser, text, strlen(text), "d.txt"),
			 CL_EINVAL);
	assert_null(in);
	assert_non_null(errors);
	assert_non_null(strstr(errors, "d.txt:2: the amount '-2' is negative"));
	assert_non_null(strstr(errors, "d.txt:4: '1/0' divides by zero"));
	assert_non_null(strstr(errors, "d.txt:5: '2026-02-30' is not a date"));
	assert_null(strstr(errors, "d.txt:3"));
	assert_non_null(strstr(cl_error_last(), "3 bad lines"));
	free(errors);
}

static void test_json_days(void **state)
{
	fixture *f = *state;
	json_error_t jerr;
	json_t *days = json_loads("[{\"date\":\"2026-11-20\",\"foods\":[\"2 medium bananas\","
				  "\"ndb:11457 180 g\"]}]", 0, &jerr);
	cl_intake *in = NULL;
	assert_non_null(days);
	assert_int_equal(cl_intake_from_json(&in, NULL, f->parser, days, "case"), 0);
	assert_int_equal(in->ndays, 1);
	assert_int_equal(in->days[0].nentries, 2);
	assert_true(in->days[0].entries[0].grams == 236.0);
	cl_intake_free(in);
	json_decref(days);
	json_t *notarray = json_object();
	assert_int_equal(cl_intake_from_json(&in, NULL, f->parser, notarray, "case"), CL_EINVAL);
	json_decref(notarray);
}

static void test_csv(void **state)
{
	(void)state;
	/* BOM, CRLF, quoted commas, "1,034.5", µ in a header, a blank cell. */
	const char *csv = "\xef\xbb\xbf" "Day,Food Name,Amount,Energy (kcal),Vitamin B12 (\xc2\xb5g),"
			  "Vitamin D (IU),Category\r\n"
			  "2026-11-20,\"Bread, Rye\",2 slices,\"1,034.5\",0.5,40,Baked\r\n"
			  "2026-11-20,Vitamin D3,1 softgel,0,,1000,Supplements\r\n";
	cl_intake *in = NULL;
	assert_int_equal(cl_intake_read_text(&in, NULL, NULL, csv, strlen(csv), "c.csv"), 0);
	assert_int_equal(in->format, CL_INTAKE_CRONO_SERVINGS);
	assert_int_equal(in->ndays, 1);
	const cl_intake_day *d = &in->days[0];
	assert_string_equal(d->entries[0].name, "Bread, Rye");
	assert_true(fabs(d->totals[CL_N_ENERGY_KCAL] - 1034.5) < 1e-9);
	assert_true(fabs(d->totals[CL_N_VITAMIN_B12_UG] - 0.5) < 1e-9);
	assert_int_equal(d->missing[CL_N_VITAMIN_B12_UG], 1);
	assert_true(fabs(d->totals[CL_N_VITAMIN_D_UG] - 1040.0 / 40) < 1e-9);
	assert_true(d->has_supplement);
	assert_true(fabs(d->supplement[CL_N_VITAMIN_D_UG] - 25.0) < 1e-9);
	assert_true(isnan(cl_intake_day_total(d, CL_N_MAGNESIUM_MG)));
	assert_non_null(in->note);
	cl_intake_free(in);
}

/* Odd lines must be read or refused, never crash or leak (run under ASan). */
static void test_odd_lines(void **state)
{
	fixture *f = *state;
	const char *odd[] = {
		"1/", "/2", "\xc2\xbd\xc2\xbd banana", "..", "1..2 cups milk", "1.2.3 g rice",
		"11111111111111111111111111111111 g rice", "1e5 g rice", "0x10 g rice", "\t2\tbananas",
		"ndb:", "ndb:0 1 g", "ndb:123456 1 g", "ndb:09040 -1 g", "ndb:09040 1/0 g",
		"ndb:09040 1 cup cup", ",,,", "of of of", "a", "an", "half", "2", "2 x", "2 x banana",
		"banana, ", ", 2 cups", "fl oz water", "1 fl", "extra", "1 extra", "1 extra large",
		"\xe2\x85\x9e cup water", "3 \xe2\x81\x84 4 cup water", "\xf0\x9f\x8d\x8c",
		"caf\xc3\xa9 au lait", "\xff\xfe", "2 and a half", "a dozen", "1 1/2/3 cups",
		"9 9 9 9 9 9 bananas", "-", "- 2 bananas", "+2 bananas", "2%", "100% juice",
	};
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		cl_diary_line l;
		int rc = cl_diary_parse(&l, f->parser, odd[i]);
		assert_true(rc == CL_OK || rc == CL_EINVAL || rc == CL_ENOTFOUND);
		if (rc == CL_OK) {
			assert_true(l.grams > 0 && l.grams <= CL_DIARY_MAX_GRAMS);
			assert_non_null(l.name);
		} else {
			assert_true(cl_error_last()[0] != '\0');
		}
		cl_diary_line_clear(&l);
	}
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(cl_date_valid("2024-02-29", 10));
	assert_false(cl_date_valid("2026-02-29", 10));
	assert_false(cl_date_valid("2026-02-30", 10));
	assert_false(cl_date_valid("2026-13-01", 10));
	assert_false(cl_date_valid("2026-04-31", 10));
	assert_true(cl_date_valid("2000-02-29", 10));
	assert_false(cl_date_valid("1900-02-29", 10));
	assert_false(cl_date_valid("2026-1-01", 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_cache), cmocka_unit_test(test_diary_totals),
		cmocka_unit_test(test_every_bad_line),  cmocka_unit_test(test_json_days),
		cmocka_unit_test(test_csv),             cmocka_unit_test(test_dates),
		cmocka_unit_test(test_odd_lines),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

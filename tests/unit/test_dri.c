/*
 * The DRI tables, value by value.  The expected numbers below were typed
 * from the source tables as transcribed in shared/reference/
 * clinical-facts.md (NASEM 2019 Appendix J and Table S-1, IOM 2011, IOM
 * 1997/1998/2001/2005), independently of data/dri.json, so a slip in either
 * shows up here.  N = not set by the source.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/dri.h"
#include "cramplab/kb.h"

#define N NAN

static cl_kb *kb;

/* One representative age per band, and the band order of the rows below. */
static const double ages[6] = {11, 16, 25, 40, 60, 80};
static const double pl_ages[3] = {16, 25, 40};

/* rows: male x6, female x6, pregnancy x3, lactation x3; {ear, rda, ai, ul, cdrr} */
struct table {
	const char *key;
	double v[18][5];
};

static const struct table tables[] = {
	{"magnesium_mg",
	 {{200, 240, N, 350, N}, {340, 410, N, 350, N}, {330, 400, N, 350, N},
	  {350, 420, N, 350, N}, {350, 420, N, 350, N}, {350, 420, N, 350, N},
	  {200, 240, N, 350, N}, {300, 360, N, 350, N}, {255, 310, N, 350, N},
	  {265, 320, N, 350, N}, {265, 320, N, 350, N}, {265, 320, N, 350, N},
	  {335, 400, N, 350, N}, {290, 350, N, 350, N}, {300, 360, N, 350, N},
	  {300, 360, N, 350, N}, {255, 310, N, 350, N}, {265, 320, N, 350, N}}},
	{"potassium_mg",
	 {{N, N, 2500, N, N}, {N, N, 3000, N, N}, {N, N, 3400, N, N}, {N, N, 3400, N, N},
	  {N, N, 3400, N, N}, {N, N, 3400, N, N}, {N, N, 2300, N, N}, {N, N, 2300, N, N},
	  {N, N, 2600, N, N}, {N, N, 2600, N, N}, {N, N, 2600, N, N}, {N, N, 2600, N, N},
	  {N, N, 2600, N, N}, {N, N, 2900, N, N}, {N, N, 2900, N, N},
	  {N, N, 2500, N, N}, {N, N, 2800, N, N}, {N, N, 2800, N, N}}},
	{"calcium_mg",
	 {{1100, 1300, N, 3000, N}, {1100, 1300, N, 3000, N}, {800, 1000, N, 2500, N},
	  {800, 1000, N, 2500, N}, {800, 1000, N, 2000, N}, {1000, 1200, N, 2000, N},
	  {1100, 1300, N, 3000, N}, {1100, 1300, N, 3000, N}, {800, 1000, N, 2500, N},
	  {800, 1000, N, 2500, N}, {1000, 1200, N, 2000, N}, {1000, 1200, N, 2000, N},
	  {1000, 1300, N, 3000, N}, {800, 1000, N, 2500, N}, {800, 1000, N, 2500, N},
	  {1000, 1300, N, 3000, N}, {800, 1000, N, 2500, N}, {800, 1000, N, 2500, N}}},
	{"vitamin_d_ug",
	 {{10, 15, N, 100, N}, {10, 15, N, 100, N}, {10, 15, N, 100, N}, {10, 15, N, 100, N},
	  {10, 15, N, 100, N}, {10, 20, N, 100, N}, {10, 15, N, 100, N}, {10, 15, N, 100, N},
	  {10, 15, N, 100, N}, {10, 15, N, 100, N}, {10, 15, N, 100, N}, {10, 20, N, 100, N},
	  {10, 15, N, 100, N}, {10, 15, N, 100, N}, {10, 15, N, 100, N},
	  {10, 15, N, 100, N}, {10, 15, N, 100, N}, {10, 15, N, 100, N}}},
	{"vitamin_b12_ug",
	 {{1.5, 1.8, N, N, N}, {2.0, 2.4, N, N, N}, {2.0, 2.4, N, N, N}, {2.0, 2.4, N, N, N},
	  {2.0, 2.4, N, N, N}, {2.0, 2.4, N, N, N}, {1.5, 1.8, N, N, N}, {2.0, 2.4, N, N, N},
	  {2.0, 2.4, N, N, N}, {2.0, 2.4, N, N, N}, {2.0, 2.4, N, N, N}, {2.0, 2.4, N, N, N},
	  {2.2, 2.6, N, N, N}, {2.2, 2.6, N, N, N}, {2.2, 2.6, N, N, N},
	  {2.4, 2.8, N, N, N}, {2.4, 2.8, N, N, N}, {2.4, 2.8, N, N, N}}},
	{"thiamin_mg",
	 {{0.7, 0.9, N, N, N}, {1.0, 1.2, N, N, N}, {1.0, 1.2, N, N, N}, {1.0, 1.2, N, N, N},
	  {1.0, 1.2, N, N, N}, {1.0, 1.2, N, N, N}, {0.7, 0.9, N, N, N}, {0.9, 1.0, N, N, N},
	  {0.9, 1.1, N, N, N}, {0.9, 1.1, N, N, N}, {0.9, 1.1, N, N, N}, {0.9, 1.1, N, N, N},
	  {1.2, 1.4, N, N, N}, {1.2, 1.4, N, N, N}, {1.2, 1.4, N, N, N},
	  {1.2, 1.4, N, N, N}, {1.2, 1.4, N, N, N}, {1.2, 1.4, N, N, N}}},
	{"iron_mg",
	 {{5.9, 8, N, 40, N}, {7.7, 11, N, 45, N}, {6, 8, N, 45, N}, {6, 8, N, 45, N},
	  {6, 8, N, 45, N}, {6, 8, N, 45, N}, {5.7, 8, N, 40, N}, {7.9, 15, N, 45, N},
	  {8.1, 18, N, 45, N}, {8.1, 18, N, 45, N}, {5, 8, N, 45, N}, {5, 8, N, 45, N},
	  {23, 27, N, 45, N}, {22, 27, N, 45, N}, {22, 27, N, 45, N},
	  {7, 10, N, 45, N}, {6.5, 9, N, 45, N}, {6.5, 9, N, 45, N}}},
	{"sodium_mg",
	 {{N, N, 1200, N, 1800}, {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300},
	  {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300},
	  {N, N, 1200, N, 1800}, {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300},
	  {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300},
	  {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300},
	  {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300}, {N, N, 1500, N, 2300}}},
	/* total water, L/day x 1000 */
	{"water_g",
	 {{N, N, 2400, N, N}, {N, N, 3300, N, N}, {N, N, 3700, N, N}, {N, N, 3700, N, N},
	  {N, N, 3700, N, N}, {N, N, 3700, N, N}, {N, N, 2100, N, N}, {N, N, 2300, N, N},
	  {N, N, 2700, N, N}, {N, N, 2700, N, N}, {N, N, 2700, N, N}, {N, N, 2700, N, N},
	  {N, N, 3000, N, N}, {N, N, 3000, N, N}, {N, N, 3000, N, N},
	  {N, N, 3800, N, N}, {N, N, 3800, N, N}, {N, N, 3800, N, N}}},
	{"beverage_water_g",
	 {{N, N, 1800, N, N}, {N, N, 2600, N, N}, {N, N, 3000, N, N}, {N, N, 3000, N, N},
	  {N, N, 3000, N, N}, {N, N, 3000, N, N}, {N, N, 1600, N, N}, {N, N, 1800, N, N},
	  {N, N, 2200, N, N}, {N, N, 2200, N, N}, {N, N, 2200, N, N}, {N, N, 2200, N, N},
	  {N, N, 2300, N, N}, {N, N, 2300, N, N}, {N, N, 2300, N, N},
	  {N, N, 3100, N, N}, {N, N, 3100, N, N}, {N, N, 3100, N, N}}},
};

static int setup(void **state)
{
	(void)state;
	return cl_kb_open(&kb, "../data");
}

static int teardown(void **state)
{
	(void)state;
	cl_kb_close(kb);
	return 0;
}

static void check_equal(double want, double got, const char *what)
{
	if (isnan(want) != isnan(got) || (!isnan(want) && fabs(want - got) > 1e-9))
		fail_msg("%s: expected %g, got %g", what, want, got);
}

static void every_value_matches_the_sources(void **state)
{
	static const char *const fields[5] = {"ear", "rda", "ai", "ul", "cdrr"};
	size_t checked = 0;
	(void)state;
	for (size_t t = 0; t < sizeof(tables) / sizeof(*tables); t++)
		for (int r = 0; r < 18; r++) {
			cl_profile p = {0};
			cl_dri_set set;
			char what[120];
			p.sex = r < 6 ? CL_SEX_MALE : CL_SEX_FEMALE;
			p.age = r < 12 ? ages[r % 6] : pl_ages[(r - 12) % 3];
			p.repro = r < 12 ? CL_REPRO_NONE : r < 15 ? CL_REPRO_PREGNANT
								  : CL_REPRO_LACTATING;
			assert_int_equal(cl_dri_lookup(&set, kb, &p), CL_OK);
			const cl_dri_value *v = cl_dri_get(&set, tables[t].key);
			assert_non_null(v);
			double got[5] = {v->ear, v->rda, v->ai, v->ul, v->cdrr};
			for (int f = 0; f < 5; f++) {
				snprintf(what, sizeof(what), "%s %s %s", tables[t].key,
					 set.life_stage, fields[f]);
				check_equal(tables[t].v[r][f], got[f], what);
				checked++;
			}
			assert_true(v->sources.count >= 1);
		}
	assert_int_equal(checked, 10 * 18 * 5);
}

static void life_stage_boundaries(void **state)
{
	static const struct {
		double age;
		const char *band;
	} cases[] = {{9, "9-13"},     {13.99, "9-13"},  {14, "14-18"}, {18.5, "14-18"},
		     {19, "19-30"},   {30, "19-30"},    {31, "31-50"}, {50.9, "31-50"},
		     {51, "51-70"},   {70, "51-70"},    {71, "71+"},   {120, "71+"}};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		cl_profile p = {cases[i].age, CL_SEX_FEMALE, CL_REPRO_NONE, false};
		cl_dri_set set;
		assert_int_equal(cl_dri_lookup(&set, kb, &p), CL_OK);
		assert_string_equal(set.age_band, cases[i].band);
	}
}

static void invalid_profiles(void **state)
{
	static const cl_profile bad[] = {
		{8.9, CL_SEX_MALE, CL_REPRO_NONE, false},    {120.5, CL_SEX_MALE, CL_REPRO_NONE, false},
		{NAN, CL_SEX_MALE, CL_REPRO_NONE, false},    {40, CL_SEX_UNKNOWN, CL_REPRO_NONE, false},
		{40, CL_SEX_MALE, CL_REPRO_PREGNANT, false}, {13, CL_SEX_FEMALE, CL_REPRO_PREGNANT, false},
		{51, CL_SEX_FEMALE, CL_REPRO_LACTATING, false}};
	cl_dri_set set;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(cl_dri_lookup(&set, kb, &bad[i]), CL_EINVAL);
	assert_int_equal(cl_profile_check(&bad[0]), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "9 and over"));
}

static void vegetarian_iron(void **state)
{
	cl_profile p = {30, CL_SEX_FEMALE, CL_REPRO_NONE, true};
	cl_dri_set set;
	(void)state;
	assert_int_equal(cl_dri_lookup(&set, kb, &p), CL_OK);
	const cl_dri_value *fe = cl_dri_get(&set, "iron_mg");
	assert_true(fabs(fe->ear - 8.1 * 1.8) < 1e-9);
	assert_true(fabs(fe->rda - 32.4) < 1e-9);
	assert_true(fabs(fe->ul - 45) < 1e-9); /* the UL is not scaled */
	assert_true(fabs(cl_dri_get(&set, "magnesium_mg")->ear - 255) < 1e-9);
}

static void flags_and_cv(void **state)
{
	cl_profile p = {40, CL_SEX_FEMALE, CL_REPRO_NONE, false};
	cl_dri_set set;
	(void)state;
	assert_int_equal(cl_dri_lookup(&set, kb, &p), CL_OK);
	assert_string_equal(cl_dri_get(&set, "magnesium_mg")->ul_applies_to, "supplements");
	assert_string_equal(cl_dri_get(&set, "calcium_mg")->ul_applies_to, "total");
	assert_null(cl_dri_get(&set, "potassium_mg")->ul_applies_to);
	assert_true(fabs(cl_dri_get(&set, "magnesium_mg")->cv - 0.10) < 1e-12);
	/* calcium: CV implied by (RDA - EAR) / (2 EAR) = 200 / 1600 */
	assert_true(fabs(cl_dri_get(&set, "calcium_mg")->cv - 0.125) < 1e-12);
	assert_true(isnan(cl_dri_get(&set, "iron_mg")->cv));
	assert_string_equal(cl_dri_get(&set, "iron_mg")->method, "iron_table");
	assert_string_equal(cl_dri_get(&set, "sodium_mg")->method, "ai");
	assert_null(cl_dri_get(&set, "nonsense"));
}

static void json_document(void **state)
{
	cl_profile p = {30, CL_SEX_FEMALE, CL_REPRO_LACTATING, false};
	cl_dri_set set;
	(void)state;
	assert_int_equal(cl_dri_lookup(&set, kb, &p), CL_OK);
	json_t *doc = cl_dri_set_to_json(&set, kb);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "life_stage")),
			    "lactation 19-30");
	json_t *mg = json_object_get(json_object_get(doc, "nutrients"), "magnesium_mg");
	assert_true(json_is_null(json_object_get(mg, "ai")));
	assert_true(json_real_value(json_object_get(mg, "ear")) == 255);
	json_t *src = json_object_get(doc, "sources");
	assert_non_null(json_object_get(src, "nasem2019"));
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_value_matches_the_sources),
		cmocka_unit_test(life_stage_boundaries),
		cmocka_unit_test(invalid_profiles),
		cmocka_unit_test(vegetarian_iron),
		cmocka_unit_test(flags_and_cv),
		cmocka_unit_test(json_document),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

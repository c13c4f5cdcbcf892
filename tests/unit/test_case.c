/*
 * Unit tests for CASE validation: a full valid case, and each kind of bad
 * input refused with the field named.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/case.h"

static int parse(cl_case **k, const char *json)
{
	return cl_case_parse(k, json, strlen(json), "case.json", "cases");
}

static void full_case(void **state)
{
	(void)state;
	cl_case *k = NULL;
	const char *json =
		"{\"profile\": {\"age\": 67, \"sex\": \"female\", \"weight_kg\": 62, \"diet\": \"vegan\","
		" \"avoid\": [\"dairy\"]},"
		" \"diary\": \"diary.txt\","
		" \"exercise\": [{\"date\": \"2026-11-20\", \"minutes\": 60, \"intensity\": \"hard\","
		"   \"temperature_c\": 30, \"mass_before_kg\": 70.2, \"mass_after_kg\": 69.1,"
		"   \"fluid_during_ml\": 500}],"
		" \"symptoms\": {\"cramps\": true, \"cramps_per_week\": 3, \"nocturnal\": true,"
		"   \"duration_days\": 14},"
		" \"labs\": [{\"test\": \"magnesium\", \"value\": 0.62, \"unit\": \"mmol/L\"}],"
		" \"medications\": [\"furosemide\", \"Zzzunknown\"],"
		" \"conditions\": [\"chronic_kidney_disease\"]}";
	assert_int_equal(parse(&k, json), CL_OK);
	assert_int_equal(k->profile.age, 67);
	assert_int_equal(k->profile.sex, CL_SEX_FEMALE);
	assert_int_equal(k->profile.diet, CL_DIET_VEGAN);
	assert_string_equal(k->profile.avoid[0], "dairy");
	assert_string_equal(k->diary_path, "cases/diary.txt");
	assert_int_equal(k->nexercise, 1);
	assert_int_equal(k->exercise[0].exercise.intensity, CL_INTENSITY_HARD);
	assert_float_equal(k->exercise[0].exercise.body_mass_kg, 62, 0);
	assert_true(isnan(k->exercise[0].exercise.urine_ml));
	assert_true(k->symptoms.present[CL_SYM_CRAMPS]);
	assert_false(k->symptoms.present[CL_SYM_FEVER]);
	assert_float_equal(k->symptoms.cramps_per_week, 3, 0);
	assert_int_equal(k->nlabs, 1);
	assert_string_equal(k->labs[0].unit, "mmol/L");
	assert_int_equal(k->nmedications, 2);
	assert_int_equal(k->nconditions, 1);
	cl_case_free(k);
}

static void inline_diary(void **state)
{
	(void)state;
	cl_case *k = NULL;
	assert_int_equal(parse(&k, "{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"diary\": ["
				   "{\"date\": \"2024-02-29\", \"foods\": [\"2 medium bananas\"]},"
				   "{\"date\": \"2024-03-01\", \"foods\": []}]}"),
			 CL_OK);
	assert_int_equal(k->ndays, 2);
	assert_string_equal(k->days[0].foods[0], "2 medium bananas");
	assert_int_equal(k->days[1].nfoods, 0);
	cl_case_free(k);
}

struct bad {
	const char *json;
	const char *message;
};

static void bad_cases(void **state)
{
	(void)state;
	static const struct bad bad[] = {
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"", "line 1"},
		{"[1, 2]", "expected a JSON object"},
		{"{}", "profile: expected an object"},
		{"{\"profile\": {\"age\": 430, \"sex\": \"male\"}}", "profile.age: 430 is not an age"},
		{"{\"profile\": {\"age\": 5, \"sex\": \"male\"}}", "ages 9 and over"},
		{"{\"profile\": {\"age\": 30.5, \"sex\": \"male\"}}", "profile.age"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"other\"}}", "profile.sex"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\", \"pregnant\": true}}", "females only"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"female\", \"pregnant\": true, \"lactating\": true}}",
		 "cannot both"},
		{"{\"profile\": {\"age\": 60, \"sex\": \"female\", \"pregnant\": true}}", "14 to 50"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\", \"weight_kg\": 700}}",
		 "profile.weight_kg: 700 is outside"},
		{"{\"profile\": {\"agee\": 30, \"sex\": \"male\"}}", "profile.agee: unknown field (did you mean 'age'?)"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"symptom\": {}}", "did you mean 'symptoms'"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"symptoms\": {\"cramps_per_wek\": 3}}",
		 "symptoms.cramps_per_wek: unknown field (did you mean 'cramps_per_week'?)"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"symptoms\": {\"cramps\": \"yes\"}}",
		 "symptoms.cramps: expected true or false"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"exercise\": [{\"minutes\": 60, "
		 "\"mass_before_kg\": 7000}]}",
		 "exercise[0].mass_before_kg"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"exercise\": [{\"intensity\": \"hard\"}]}",
		 "exercise[0].minutes: required"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"exercise\": [{\"minutes\": 9, "
		 "\"intensity\": \"brutal\"}]}",
		 "exercise[0].intensity"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"diary\": [{\"date\": \"2026-02-30\", "
		 "\"foods\": []}]}",
		 "diary[0].date: expected a real date"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"diary\": [{\"date\": \"2026-02-03\"}, "
		 "{\"date\": \"2026-02-03\"}]}",
		 "appears twice"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"labs\": [{\"test\": \"Mg\", "
		 "\"value\": \"low\", \"unit\": \"mmol/L\"}]}",
		 "labs[0].value: expected a number"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"labs\": [{\"test\": \"Mg\", "
		 "\"value\": 1}]}",
		 "labs[0].unit"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\"}, \"medications\": \"furosemide\"}",
		 "medications: expected an array"},
		{"{\"profile\": {\"age\": 30, \"sex\": \"male\", \"age\": 31}}", "duplicate"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cl_case *k = NULL;
		int rc = parse(&k, bad[i].json);
		if (rc != CL_EINVAL || !strstr(cl_error_last(), bad[i].message))
			fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc,
				 cl_error_last(), bad[i].message);
		assert_null(k);
	}
}

static void dates(void **state)
{
	(void)state;
	assert_true(cl_date_valid("2024-02-29", 10));
	assert_false(cl_date_valid("2023-02-29", 10));
	assert_false(cl_date_valid("1900-02-29", 10));
	assert_true(cl_date_valid("2000-02-29", 10));
	assert_false(cl_date_valid("2026-13-01", 10));
	assert_false(cl_date_valid("2026-1-01", 9));
	assert_false(cl_date_valid("2026-04-31", 10));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_case),
		cmocka_unit_test(inline_diary),
		cmocka_unit_test(bad_cases),
		cmocka_unit_test(dates),
	};
	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}

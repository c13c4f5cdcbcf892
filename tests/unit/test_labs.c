/*
 * Lab results: everyday test names, unit spellings and conversions, the
 * bands from data/labs.json (boundaries on both sides), albumin-corrected
 * calcium, haemoglobin by sex/age/pregnancy, ferritin with inflammation, and
 * refusal of implausible values and unknown units.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/kb.h"
#include "cramplab/labs.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static cl_kb *kb;

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

static const char *band(const char *test, double value, const char *unit,
			const cl_lab_context *ctx)
{
	static cl_lab_result r;
	int rc = cl_lab_interpret(&r, kb, test, value, unit, ctx);
	if (rc)
		fail_msg("%s %g %s: %s", test, value, unit, cl_error_last());
	return r.band;
}

static void everyday_names(void **state)
{
	static const struct {
		const char *name, *id;
	} names[] = {{"vitamin D", "vitamin_d"},  {"25-OH D", "vitamin_d"},
		     {"25(OH)D", "vitamin_d"},    {"vit d", "vitamin_d"},
		     {"B12", "vitamin_b12"},      {"cobalamin", "vitamin_b12"},
		     {"Mg", "magnesium"},         {"K", "potassium"},
		     {"Na", "sodium"},            {"Ca", "calcium"},
		     {"ionised calcium", "ionized_calcium"}, {"Hb", "haemoglobin"},
		     {"hemoglobin", "haemoglobin"}, {"HAEMOGLOBIN", "haemoglobin"},
		     {"ferritin", "ferritin"},    {"MMA", "methylmalonic_acid"},
		     {"albumin", "albumin"},      {"vitamin_d", "vitamin_d"}};
	const char *id;
	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		assert_int_equal(cl_lab_find_test(&id, kb, names[i].name), CL_OK);
		assert_string_equal(id, names[i].id);
	}
	assert_int_equal(cl_lab_find_test(&id, kb, "glucose"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "known tests"));
}

static void units_and_conversions(void **state)
{
	double x;
	cl_lab_result r;
	(void)state;
	assert_int_equal(cl_lab_convert(&x, kb, "magnesium", 1, "mmol/L", "mg/dL"), CL_OK);
	NEAR(x, 2.431, 1e-9);
	assert_int_equal(cl_lab_convert(&x, kb, "Mg", 1.7, "mEq/L", "mmol/L"), CL_OK);
	NEAR(x, 0.85, 1e-9);
	assert_int_equal(cl_lab_convert(&x, kb, "vitamin D", 20, "ng/mL", "nmol/L"), CL_OK);
	NEAR(x, 49.93, 0.01);
	assert_int_equal(cl_lab_convert(&x, kb, "B12", 200, "pg/mL", "pmol/L"), CL_OK);
	NEAR(x, 147.6, 0.1);
	assert_int_equal(cl_lab_convert(&x, kb, "calcium", 10, "mg/dL", "mmol/L"), CL_OK);
	NEAR(x, 2.495, 0.001);
	assert_int_equal(cl_lab_convert(&x, kb, "Hb", 12.5, "g/dL", "g/L"), CL_OK);
	NEAR(x, 125, 1e-9);
	/* micro spelt four ways, case ignored */
	static const char *const micro[] = {"µmol/L", "μmol/L", "umol/l", "mcmol/L", "UMOL/L"};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(cl_lab_interpret(&r, kb, "MMA", 0.2, micro[i], NULL), CL_OK);
		assert_string_equal(r.unit, "umol/L");
	}
	assert_int_equal(cl_lab_interpret(&r, kb, "ferritin", 10, "µg/L", NULL), CL_OK);
	assert_int_equal(cl_lab_interpret(&r, kb, "ferritin", 10, "mcg/L", NULL), CL_OK);
	assert_int_equal(cl_lab_interpret(&r, kb, "K", 4, "mg", NULL), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "mmol/L, mEq/L"));
	assert_int_equal(cl_lab_interpret(&r, kb, "K", 4, "", NULL), CL_EINVAL);
}

static void implausible_values(void **state)
{
	cl_lab_result r;
	(void)state;
	assert_int_equal(cl_lab_interpret(&r, kb, "magnesium", 62, "mmol/L", NULL), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "magnesium"));
	assert_non_null(strstr(cl_error_last(), "plausible range 0.1-5 mmol/L"));
	assert_int_equal(cl_lab_interpret(&r, kb, "ferritin", -3, "ng/mL", NULL), CL_EINVAL);
	assert_int_equal(cl_lab_interpret(&r, kb, "sodium", NAN, "mmol/L", NULL), CL_EINVAL);
	assert_int_equal(cl_lab_interpret(&r, kb, "sodium", INFINITY, "mmol/L", NULL), CL_EINVAL);
	/* 62 mg/dL of magnesium is 25.5 mmol/L: still impossible */
	assert_int_equal(cl_lab_interpret(&r, kb, "Mg", 62, "mg/dL", NULL), CL_EINVAL);
}

static void magnesium_potassium_sodium_bands(void **state)
{
	(void)state;
	assert_string_equal(band("Mg", 0.45, "mmol/L", NULL), "severely_low");
	assert_string_equal(band("Mg", 0.5, "mmol/L", NULL), "low");
	assert_string_equal(band("Mg", 0.62, "mmol/L", NULL), "low");
	assert_string_equal(band("Mg", 0.75, "mmol/L", NULL), "normal");
	assert_string_equal(band("Mg", 0.95, "mmol/L", NULL), "normal");
	assert_string_equal(band("Mg", 2.0, "mg/dL", NULL), "normal");
	assert_string_equal(band("Mg", 1.2, "mmol/L", NULL), "high");
	assert_string_equal(band("K", 2.4, "mmol/L", NULL), "severely_low");
	assert_string_equal(band("K", 2.8, "mEq/L", NULL), "moderately_low");
	assert_string_equal(band("K", 3.2, "mmol/L", NULL), "mildly_low");
	assert_string_equal(band("K", 3.5, "mmol/L", NULL), "normal");
	assert_string_equal(band("K", 5.0, "mmol/L", NULL), "normal");
	assert_string_equal(band("K", 5.3, "mmol/L", NULL), "mildly_high");
	assert_string_equal(band("K", 5.5, "mmol/L", NULL), "high");
	assert_string_equal(band("K", 6.1, "mmol/L", NULL), "high");
	assert_string_equal(band("K", 6.5, "mmol/L", NULL), "severely_high");
	assert_string_equal(band("Na", 122, "mmol/L", NULL), "severely_low");
	assert_string_equal(band("Na", 128, "mmol/L", NULL), "moderately_low");
	assert_string_equal(band("Na", 133, "mmol/L", NULL), "low");
	assert_string_equal(band("Na", 140, "mmol/L", NULL), "normal");
	assert_string_equal(band("Na", 150, "mmol/L", NULL), "high");
}

static void calcium_with_albumin(void **state)
{
	cl_lab_context ctx = cl_lab_context_init();
	cl_lab_result r;
	(void)state;
	assert_string_equal(band("Ca", 8.0, "mg/dL", NULL), "low");
	/* low albumin, normal corrected calcium: 8.0 + 0.8 x (4.0 - 2.5) = 9.2 mg/dL */
	ctx.albumin = 2.5;
	ctx.albumin_unit = "g/dL";
	assert_int_equal(cl_lab_interpret(&r, kb, "Ca", 8.0, "mg/dL", &ctx), CL_OK);
	assert_true(r.corrected);
	NEAR(r.corrected_value * 4.008, 9.2, 0.01);
	assert_string_equal(r.band, "normal");
	/* the same in SI: 2.00 + 0.02 x (40 - 25) = 2.30 mmol/L */
	ctx.albumin = 25;
	ctx.albumin_unit = "g/L";
	assert_int_equal(cl_lab_interpret(&r, kb, "calcium", 2.0, "mmol/L", &ctx), CL_OK);
	NEAR(r.corrected_value, 2.30, 1e-9);
	ctx.albumin_unit = "mg";
	assert_int_equal(cl_lab_interpret(&r, kb, "calcium", 2.0, "mmol/L", &ctx), CL_EINVAL);
	ctx.albumin = 400;
	ctx.albumin_unit = "g/L";
	assert_int_equal(cl_lab_interpret(&r, kb, "calcium", 2.0, "mmol/L", &ctx), CL_EINVAL);
	assert_string_equal(band("ionized calcium", 1.05, "mmol/L", NULL), "low");
	assert_string_equal(band("iCa", 5.0, "mg/dL", NULL), "normal");
}

static void vitamin_d_and_b12(void **state)
{
	(void)state;
	assert_string_equal(band("25(OH)D", 25, "nmol/L", NULL), "low");
	assert_string_equal(band("vitamin D", 11, "ng/mL", NULL), "low");
	assert_string_equal(band("vitamin D", 40, "nmol/L", NULL), "borderline");
	assert_string_equal(band("vitamin D", 50, "nmol/L", NULL), "normal");
	assert_string_equal(band("vitamin D", 60, "ng/mL", NULL), "high");
	assert_string_equal(band("B12", 120, "pmol/L", NULL), "low");
	assert_string_equal(band("B12", 180, "pg/mL", NULL), "low");
	assert_string_equal(band("B12", 250, "pg/mL", NULL), "borderline");
	assert_string_equal(band("B12", 400, "ng/L", NULL), "normal");
	assert_string_equal(band("MMA", 450, "nmol/L", NULL), "high");
	assert_string_equal(band("MMA", 0.2, "umol/L", NULL), "normal");
}

static void haemoglobin_and_ferritin(void **state)
{
	cl_lab_context c = cl_lab_context_init();
	(void)state;
	c.sex = CL_SEX_MALE;
	c.age = 40;
	assert_string_equal(band("Hb", 125, "g/L", &c), "mildly_low");
	assert_string_equal(band("Hb", 13.5, "g/dL", &c), "normal");
	c.sex = CL_SEX_FEMALE;
	assert_string_equal(band("Hb", 125, "g/L", &c), "normal");
	assert_string_equal(band("Hb", 115, "g/L", &c), "mildly_low");
	assert_string_equal(band("Hb", 95, "g/L", &c), "moderately_low");
	assert_string_equal(band("Hb", 7.5, "g/dL", &c), "severely_low");
	c.pregnant = true;
	assert_string_equal(band("Hb", 108, "g/L", &c), "low");
	c.trimester = 2;
	assert_string_equal(band("Hb", 108, "g/L", &c), "normal");
	c = cl_lab_context_init();
	c.age = 12;
	assert_string_equal(band("Hb", 118, "g/L", &c), "low");
	c.age = 10;
	assert_string_equal(band("Hb", 118, "g/L", &c), "normal");
	/* adult, sex unknown: no cut-off */
	c = cl_lab_context_init();
	assert_string_equal(band("Hb", 118, "g/L", &c), "not_interpreted");
	assert_string_equal(band("ferritin", 12, "ng/mL", NULL), "low");
	assert_string_equal(band("ferritin", 40, "ng/mL", NULL), "normal");
	c.inflammation = true;
	assert_string_equal(band("ferritin", 40, "ng/mL", &c), "low");
	assert_string_equal(band("albumin", 40, "g/L", NULL), "not_interpreted");
}

static void json_of_a_result(void **state)
{
	cl_lab_result r;
	(void)state;
	assert_int_equal(cl_lab_interpret(&r, kb, "25-OH D", 12, "ng/mL", NULL), CL_OK);
	json_t *j = cl_lab_result_to_json(&r);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "test")), "vitamin_d");
	assert_string_equal(json_string_value(json_object_get(j, "unit")), "nmol/L");
	NEAR(json_real_value(json_object_get(j, "value")), 29.96, 0.01);
	assert_string_equal(json_string_value(json_object_get(j, "band")), "low");
	assert_true(json_array_size(json_object_get(j, "sources")) >= 2);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everyday_names),
		cmocka_unit_test(units_and_conversions),
		cmocka_unit_test(implausible_values),
		cmocka_unit_test(magnesium_potassium_sodium_bands),
		cmocka_unit_test(calcium_with_albumin),
		cmocka_unit_test(vitamin_d_and_b12),
		cmocka_unit_test(haemoglobin_and_ferritin),
		cmocka_unit_test(json_of_a_result),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

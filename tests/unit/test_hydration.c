/*
 * Unit tests for the sweat and fluid model (data/hydration.json): the
 * body-mass method, the estimate, over-drinking and refusal of bad input.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/hydration.h"

static cl_hydration_model *model;

static int setup(void **state)
{
	(void)state;
	return cl_hydration_model_load(&model, "../data/hydration.json");
}

static int teardown(void **state)
{
	(void)state;
	cl_hydration_model_free(model);
	return 0;
}

static cl_exercise session(void)
{
	cl_exercise ex = {.minutes = 60, .intensity = CL_INTENSITY_MODERATE, .temperature_c = NAN,
			  .mass_before_kg = NAN, .mass_after_kg = NAN, .fluid_during_ml = NAN,
			  .urine_ml = NAN, .body_mass_kg = NAN};
	return ex;
}

static void measured_loss(void **state)
{
	(void)state;
	cl_exercise ex = session();
	cl_sweat s;
	ex.mass_before_kg = 70.2;
	ex.mass_after_kg = 69.1;
	ex.fluid_during_ml = 500;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_OK);
	assert_true(s.measured);
	assert_float_equal(s.sweat_loss_l, 1.6, 1e-9);
	assert_float_equal(s.sweat_rate_l_per_h, 1.6, 1e-9);
	assert_float_equal(s.deficit_pct, 100 * 1.1 / 70.2, 1e-9);
	assert_false(s.dehydrated); /* 1.57% is below ACSM's 2% */
	assert_float_equal(s.replace_low_l, 1.1 * 1.25, 1e-9);
	assert_float_equal(s.replace_high_l, 1.1 * 1.5, 1e-9);
	assert_float_equal(s.sodium_loss_mg, 1.6 * 40.0 * 22.99, 1e-6);
}

static void runner_three_percent_in_heat(void **state)
{
	(void)state;
	cl_exercise ex = session();
	cl_sweat s;
	ex.intensity = CL_INTENSITY_HARD;
	ex.temperature_c = 31;
	ex.mass_before_kg = 70.0;
	ex.mass_after_kg = 67.9;
	ex.fluid_during_ml = 400;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_OK);
	assert_true(s.dehydrated);
	assert_float_equal(s.deficit_pct, 3.0, 1e-9);
	assert_false(s.overdrank);
}

static void overdrinking_marathon(void **state)
{
	(void)state;
	cl_exercise ex = session();
	cl_sweat s;
	ex.minutes = 270;
	ex.mass_before_kg = 65.0;
	ex.mass_after_kg = 66.0;
	ex.fluid_during_ml = 4000;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_OK);
	assert_true(s.overdrank);
	assert_false(s.dehydrated);
	assert_true(s.replace_low_l == 0 && s.replace_high_l == 0); /* never "drink more" */
}

static void estimated_hard_in_heat(void **state)
{
	(void)state;
	cl_exercise ex = session();
	cl_sweat s;
	ex.intensity = CL_INTENSITY_HARD;
	ex.temperature_c = 32;
	ex.body_mass_kg = 60;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_OK);
	assert_false(s.measured);
	assert_float_equal(s.sweat_loss_l, 1.7, 1e-9); /* 1.3 L/h + 0.4 above 30 °C */
	assert_float_equal(s.deficit_pct, 100 * 1.7 / 60, 1e-9);
	assert_true(s.dehydrated);
	assert_non_null(strstr(s.assumptions, "estimated"));
	assert_non_null(strstr(s.assumptions, "not given"));
	assert_float_equal(s.sodium_loss_mg, 1.7 * 49.4 * 22.99, 1e-6);
}

static void bad_input_is_refused(void **state)
{
	(void)state;
	cl_exercise ex = session();
	cl_sweat s;
	ex.minutes = 0;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "minutes"));
	ex = session();
	ex.mass_before_kg = 70;
	ex.mass_after_kg = 60;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "not plausible"));
	ex = session();
	ex.mass_before_kg = 70;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "both"));
	ex = session();
	ex.temperature_c = 80;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "temperature_c"));
	ex = session();
	ex.fluid_during_ml = -5;
	assert_int_equal(cl_sweat_compute(&s, model, &ex), CL_EINVAL);
	cl_intensity in;
	assert_int_equal(cl_intensity_parse(&in, "hard"), CL_OK);
	assert_int_equal(in, CL_INTENSITY_HARD);
	assert_int_equal(cl_intensity_parse(&in, "brutal"), CL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(measured_loss),
		cmocka_unit_test(runner_three_percent_in_heat),
		cmocka_unit_test(overdrinking_marathon),
		cmocka_unit_test(estimated_hard_in_heat),
		cmocka_unit_test(bad_input_is_refused),
	};
	return cmocka_run_group_tests_name("hydration", tests, setup, teardown);
}

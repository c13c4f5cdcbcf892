/*
 * Medicines and conditions: generic and brand names, case, punctuation and
 * trailing doses; unknown names are "not recognised", not errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/kb.h"
#include "cramplab/meds.h"

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

static const char *med_id(const char *name)
{
	const cl_med_info *m;
	assert_int_equal(cl_med_lookup(&m, kb, name), CL_OK);
	return m ? m->id : "(none)";
}

static const char *cond_id(const char *name)
{
	const cl_med_info *m;
	assert_int_equal(cl_condition_lookup(&m, kb, name), CL_OK);
	return m ? m->id : "(none)";
}

static bool has_effect(const char *name, const char *nutrient, const char *effect)
{
	const cl_med_info *m;
	if (cl_med_lookup(&m, kb, name) || !m)
		return false;
	for (size_t i = 0; i < m->neffects; i++)
		if (strcmp(m->effects[i].nutrient, nutrient) == 0 &&
		    strcmp(m->effects[i].effect, effect) == 0)
			return true;
	return false;
}

static void medicines_by_generic_and_brand(void **state)
{
	static const struct {
		const char *name, *id;
	} cases[] = {
		{"furosemide", "loop_diuretic"},        {"Lasix", "loop_diuretic"},
		{"LASIX 40 mg", "loop_diuretic"},       {"bumetanide", "loop_diuretic"},
		{"torsemide", "loop_diuretic"},         {"hydrochlorothiazide", "thiazide_diuretic"},
		{"Chlorthalidone", "thiazide_diuretic"}, {"indapamide 2.5mg", "thiazide_diuretic"},
		{"bendroflumethiazide", "thiazide_diuretic"},
		{"spironolactone", "potassium_sparing_diuretic"},
		{"Aldactone", "potassium_sparing_diuretic"},
		{"eplerenone", "potassium_sparing_diuretic"},
		{"amiloride", "potassium_sparing_diuretic"},
		{"triamterene", "potassium_sparing_diuretic"},
		{"lisinopril", "ace_inhibitor"},        {"Ramipril", "ace_inhibitor"},
		{"enalapril", "ace_inhibitor"},         {"perindopril", "ace_inhibitor"},
		{"losartan", "arb"},                    {"valsartan", "arb"},
		{"candesartan", "arb"},                 {"irbesartan", "arb"},
		{"omeprazole", "ppi"},                  {"Prilosec", "ppi"},
		{"Losec", "ppi"},                       {"esomeprazole", "ppi"},
		{"Nexium", "ppi"},                      {"lansoprazole", "ppi"},
		{"pantoprazole", "ppi"},                {"rabeprazole", "ppi"},
		{"famotidine", "h2_blocker"},           {"ranitidine", "h2_blocker"},
		{"cimetidine", "h2_blocker"},           {"metformin", "metformin"},
		{"Glucophage", "metformin"},            {"atorvastatin", "statin"},
		{"Lipitor", "statin"},                  {"simvastatin", "statin"},
		{"rosuvastatin", "statin"},             {"Crestor", "statin"},
		{"pravastatin", "statin"},              {"salbutamol", "beta2_agonist"},
		{"albuterol", "beta2_agonist"},         {"nifedipine", "nifedipine"},
		{"raloxifene", "raloxifene"},           {"teriparatide", "teriparatide"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(med_id(cases[i].name), cases[i].id);
}

static void effects(void **state)
{
	(void)state;
	assert_true(has_effect("furosemide", "potassium", "depletion"));
	assert_true(has_effect("furosemide", "magnesium", "depletion"));
	assert_true(has_effect("hydrochlorothiazide", "magnesium", "depletion"));
	assert_true(has_effect("spironolactone", "potassium", "caution_supplements"));
	assert_true(has_effect("lisinopril", "potassium", "caution_supplements"));
	assert_true(has_effect("losartan", "potassium", "caution_supplements"));
	assert_true(has_effect("omeprazole", "magnesium", "depletion"));
	assert_true(has_effect("omeprazole", "vitamin_b12", "malabsorption"));
	assert_true(has_effect("famotidine", "vitamin_b12", "malabsorption"));
	assert_true(has_effect("metformin", "vitamin_b12", "malabsorption"));
	assert_true(has_effect("atorvastatin", "muscle", "muscle_symptoms"));
	assert_false(has_effect("atorvastatin", "magnesium", "depletion"));
	assert_true(has_effect("salbutamol", "cramps", "cramps_associated"));
}

static void unknown_is_not_an_error(void **state)
{
	const cl_med_info *m = (const cl_med_info *)1;
	(void)state;
	assert_int_equal(cl_med_lookup(&m, kb, "unobtainium"), CL_OK);
	assert_null(m);
	/* a prefix of a name is not the name */
	assert_int_equal(cl_med_lookup(&m, kb, "furo"), CL_OK);
	assert_null(m);
	assert_int_equal(cl_med_lookup(&m, kb, ""), CL_EINVAL);
	json_t *j = cl_med_info_to_json("unobtainium", NULL);
	assert_true(json_is_false(json_object_get(j, "recognized")));
	json_decref(j);
	assert_int_equal(cl_med_lookup(&m, kb, "Nexium 20mg"), CL_OK);
	j = cl_med_info_to_json("Nexium 20mg", m);
	assert_true(json_is_true(json_object_get(j, "recognized")));
	assert_string_equal(json_string_value(json_object_get(j, "id")), "ppi");
	assert_true(json_array_size(json_object_get(j, "effects")) == 2);
	json_decref(j);
}

static void conditions(void **state)
{
	const cl_med_info *m;
	(void)state;
	assert_string_equal(cond_id("chronic_kidney_disease"), "chronic_kidney_disease");
	assert_string_equal(cond_id("CKD stage 3"), "chronic_kidney_disease");
	assert_string_equal(cond_id("alcoholism"), "alcohol_use_disorder");
	assert_string_equal(cond_id("gastric bypass"), "bariatric_surgery");
	assert_string_equal(cond_id("Pregnant"), "pregnancy");
	assert_string_equal(cond_id("vegan"), "vegan_diet");
	assert_string_equal(cond_id("older age"), "older_age");
	assert_string_equal(cond_id("covered skin"), "little_sun");
	assert_string_equal(cond_id("heavy periods"), "heavy_menstruation");
	assert_string_equal(cond_id("blood donor"), "blood_donation");
	assert_string_equal(cond_id("type 2 diabetes"), "diabetes");
	assert_string_equal(cond_id("gout"), "(none)");
	assert_int_equal(cl_condition_lookup(&m, kb, "ckd"), CL_OK);
	assert_string_equal(m->kind, "condition");
	bool k = false, mg = false;
	for (size_t i = 0; i < m->neffects; i++) {
		k |= strcmp(m->effects[i].nutrient, "potassium") == 0 &&
		     strcmp(m->effects[i].effect, "caution_supplements") == 0;
		mg |= strcmp(m->effects[i].nutrient, "magnesium") == 0;
	}
	assert_true(k && mg);
	/* medicines are not conditions */
	assert_string_equal(cond_id("furosemide"), "(none)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(medicines_by_generic_and_brand),
		cmocka_unit_test(effects),
		cmocka_unit_test(unknown_is_not_an_error),
		cmocka_unit_test(conditions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/**
 * @file cramplab/case.h
 * @brief A person's case: profile, diary, exercise, symptoms, labs, medicines.
 *
 * The CASE document is JSON (shape in DESIGN.md).  cl_case_load() reads and
 * validates it completely before anything is assessed: impossible ages or
 * masses, unknown or misspelt fields, wrong types and out-of-range numbers
 * are refused with CL_EINVAL and a message naming the field path
 * ("exercise[0].mass_after_kg").  Lab units and test names are checked
 * later by the lab module, and unknown medicines are not errors: they are
 * kept and reported as not recognized.
 */
#ifndef CRAMPLAB_CASE_H
#define CRAMPLAB_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "cramplab/common.h"
#include "cramplab/dri.h"
#include "cramplab/hydration.h"

typedef enum { CL_DIET_OMNIVORE, CL_DIET_VEGETARIAN, CL_DIET_VEGAN } cl_diet;

/** The person (cl_sex comes from cramplab/dri.h). */
typedef struct {
	int age;
	cl_sex sex;
	double weight_kg; /**< NAN if not given */
	bool pregnant, lactating;
	cl_diet diet;
	char **avoid; /**< e.g. "dairy", "gluten" */
	size_t navoid;
} cl_case_profile;

/** Yes/no symptoms, in the order of cl_symptom_names(). */
typedef enum {
	CL_SYM_CRAMPS,
	CL_SYM_NOCTURNAL,
	CL_SYM_DURING_EXERCISE,
	CL_SYM_WEAKNESS,
	CL_SYM_TINGLING_NUMBNESS,
	CL_SYM_FATIGUE,
	CL_SYM_SHARP_LOCALIZED_PAIN,
	CL_SYM_SUDDEN_ONSET_DURING_ACTIVITY,
	CL_SYM_POP_FELT,
	CL_SYM_BRUISING,
	CL_SYM_SWELLING,
	CL_SYM_CALF_SWELLING_WARMTH,
	CL_SYM_DARK_URINE,
	CL_SYM_BACK_PAIN_RADIATING,
	CL_SYM_SADDLE_NUMBNESS_OR_BLADDER,
	CL_SYM_CANNOT_BEAR_WEIGHT,
	CL_SYM_FEVER,
	CL_SYMPTOM_COUNT
} cl_symptom;

/** The JSON key of each symptom ("cramps", "pop_felt", ...). */
const char *cl_symptom_name(cl_symptom s);

typedef struct {
	bool present[CL_SYMPTOM_COUNT];
	double cramps_per_week; /**< NAN if not given */
	double duration_days;   /**< NAN if not given */
} cl_symptoms;

typedef struct {
	char *test;  /**< as written: "vitamin D", "Mg" */
	double value;
	char *unit;  /**< as written: "nmol/L" */
} cl_case_lab;

typedef struct {
	char date[11];
	char **foods; /**< diary lines, free or exact */
	size_t nfoods;
} cl_case_day;

typedef struct {
	char date[11]; /**< "" if not given */
	cl_exercise exercise;
} cl_case_exercise;

typedef struct {
	cl_case_profile profile;
	char *diary_path;     /**< diary file, resolved against the case file's folder; or NULL */
	cl_case_day *days;    /**< inline diary; or NULL */
	size_t ndays;
	cl_case_exercise *exercise;
	size_t nexercise;
	cl_symptoms symptoms;
	cl_case_lab *labs;
	size_t nlabs;
	char **medications;
	size_t nmedications;
	char **conditions;
	size_t nconditions;
} cl_case;

/** Read and validate a CASE file. */
int cl_case_load(cl_case **out, const char *path);

/** Validate a CASE given as JSON text; name is used in messages, base_dir resolves a diary path. */
int cl_case_parse(cl_case **out, const char *json_text, size_t len, const char *name,
		  const char *base_dir);

void cl_case_free(cl_case *c);

/** The DRI profile of a case (age, sex, pregnancy or lactation, vegetarian or vegan). */
void cl_case_dri_profile(cl_profile *out, const cl_case *c);

/** True if s (len bytes) is a real calendar date "YYYY-MM-DD" (1900-2199). */
bool cl_date_valid(const char *s, size_t len);

#endif

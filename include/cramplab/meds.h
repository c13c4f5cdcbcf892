/**
 * @file cramplab/meds.h
 * @brief Medicines and conditions that deplete nutrients or cause muscle
 *        symptoms (data/medications.json).
 *
 * Generic and brand names are matched case-insensitively, ignoring
 * punctuation and a trailing dose ("Lasix 40 mg" is furosemide, a loop
 * diuretic).  A name the knowledge base does not know is not an error: the
 * look-up succeeds with *out = NULL, so the assessment can report it as
 * not recognised.
 */
#ifndef CRAMPLAB_MEDS_H
#define CRAMPLAB_MEDS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "cramplab/kb.h"

/** One effect of a medicine or condition. */
typedef struct {
	/** finding factor ("potassium", "vitamin_b12", ...), "muscle" or "cramps" */
	const char *nutrient;
	/** "depletion", "malabsorption", "increased_need", "caution_supplements",
	 *  "muscle_symptoms", "cramps_associated" or "low_synthesis" */
	const char *effect;
	const char *strength; /**< "high", "moderate" or "low" */
	const char *note;     /**< for people */
	bool verified;        /**< false: widely taught, primary source not read */
} cl_med_effect;

typedef struct {
	const char *id;    /**< e.g. "loop_diuretic", "chronic_kidney_disease" */
	const char *label; /**< e.g. "loop diuretic" */
	const char *kind;  /**< "medication" or "condition" */
	const cl_med_effect *effects;
	size_t neffects;
	cl_source_list sources;
} cl_med_info;

/** Look a medicine up by name; CL_OK with *out = NULL if not recognised. */
int cl_med_lookup(const cl_med_info **out, const cl_kb *kb, const char *name);

/** Look a condition up by name ("CKD", "chronic_kidney_disease", "vegan"). */
int cl_condition_lookup(const cl_med_info **out, const cl_kb *kb, const char *name);

/**
 * {"input", "recognized": true|false, "id", "label", "kind", "effects":
 * [{"nutrient","effect","strength","note","verified"}], "sources"}; only
 * "input" and "recognized" when info is NULL.  New reference.
 */
json_t *cl_med_info_to_json(const char *input, const cl_med_info *info);

#endif

/**
 * @file cramplab/labs.h
 * @brief Laboratory results: names, units, conversions and interpretation.
 *
 * Tests are named the way people write them ("vitamin D", "25(OH)D", "B12",
 * "Mg", "Hb"); units are matched case-insensitively with µ, u and mc
 * variants ("µmol/L" = "umol/l" = "mcmol/L").  A result is converted to the
 * test's canonical unit and placed in a band from data/labs.json:
 * "severely_low", "moderately_low", "low", "mildly_low", "borderline",
 * "normal", "mildly_high", "high", "severely_high", or "not_interpreted"
 * when cramplab has no cut-off for that person.  The names before "normal"
 * are all on the low side ("borderline" too: B12, vitamin D); the names
 * after it are on the high side.  Total calcium is corrected for albumin when
 * albumin is given.  Values outside the test's plausibility limits
 * (magnesium 62 mmol/L, negative values, NaN) are refused with CL_EINVAL
 * naming the test and the plausible range; an unknown unit is refused with
 * the accepted units listed.
 *
 * Bands are screening cut-offs from the cited sources; the reporting
 * laboratory's own range takes precedence.
 */
#ifndef CRAMPLAB_LABS_H
#define CRAMPLAB_LABS_H

#include <stdbool.h>

#include <jansson.h>

#include "cramplab/dri.h"
#include "cramplab/kb.h"

/** What is known about the person, for cut-offs that depend on it. */
typedef struct {
	double age;         /**< years; NAN if unknown (adult cut-offs are then used, with a note) */
	cl_sex sex;         /**< CL_SEX_UNKNOWN if not known */
	bool pregnant;
	int trimester;      /**< 1-3, or 0 if unknown */
	bool inflammation;  /**< infection or inflammation (ferritin cut-off 70 instead of 15) */
	double albumin;     /**< serum albumin for calcium correction, NAN if not measured */
	const char *albumin_unit; /**< "g/L" or "g/dL" (NULL when albumin is NAN) */
} cl_lab_context;

/** A context with everything unknown (age and albumin NAN). */
cl_lab_context cl_lab_context_init(void);

typedef struct {
	const char *test;        /**< canonical test id, e.g. "magnesium", "vitamin_d" */
	const char *label;       /**< e.g. "Serum magnesium" */
	double input_value;
	const char *input_unit;  /**< the accepted unit the value was given in, as spelt in the data */
	double value;            /**< in the canonical unit */
	const char *unit;        /**< canonical unit, e.g. "mmol/L" */
	bool corrected;          /**< total calcium corrected for albumin */
	double corrected_value;  /**< canonical unit; NAN unless corrected */
	const char *band;        /**< band name (see above) */
	const char *band_text;   /**< for people */
	bool assumed;            /**< the band boundary is an assumption */
	char note[640];          /**< e.g. which cut-off set was used, correction caveat */
	cl_source_list sources;
} cl_lab_result;

/**
 * The canonical id of a test named in everyday words, e.g. "25-OH D" ->
 * "vitamin_d".  CL_EINVAL (listing the known tests) if not recognised.
 */
int cl_lab_find_test(const char **id, const cl_kb *kb, const char *name);

/** Convert a value of a test between two of its accepted units. */
int cl_lab_convert(double *out, const cl_kb *kb, const char *test, double value, const char *from,
		   const char *to);

/**
 * Read one result.  ctx may be NULL (everything unknown).  CL_EINVAL for an
 * unknown test or unit, an implausible value, or implausible albumin.
 */
int cl_lab_interpret(cl_lab_result *out, const cl_kb *kb, const char *test, double value,
		     const char *unit, const cl_lab_context *ctx);

/**
 * {"test","label","value","unit","input":{"value","unit"},"band","band_text",
 * "corrected_value" (calcium with albumin, else absent),"assumed","note",
 * "sources"}.  New reference.
 */
json_t *cl_lab_result_to_json(const cl_lab_result *r);

#endif

/**
 * @file cramplab/hydration.h
 * @brief Sweat loss and fluid balance around exercise.
 *
 * With body mass measured before and after exercise, the loss is measured
 * (body-mass method, ACSM 2007): sweat = mass lost + fluid drunk - urine,
 * 1 kg = 1 L.  Without masses, a sweat rate is estimated from intensity and
 * temperature with the assumption stated.  A loss above 2% of body mass
 * flags dehydration; a mass GAIN while drinking flags over-drinking, the
 * cause of exercise-associated hyponatraemia, and then no advice may tell
 * the person to drink more.  Model numbers come from data/hydration.json.
 */
#ifndef CRAMPLAB_HYDRATION_H
#define CRAMPLAB_HYDRATION_H

#include <stdbool.h>

#include "cramplab/common.h"

typedef enum { CL_INTENSITY_EASY, CL_INTENSITY_MODERATE, CL_INTENSITY_HARD } cl_intensity;

/** Parse "easy", "moderate" or "hard". */
int cl_intensity_parse(cl_intensity *out, const char *text);

typedef struct {
	double minutes;        /**< required, > 0 */
	cl_intensity intensity;
	double temperature_c;  /**< NAN if unknown (then temperate is assumed) */
	double mass_before_kg; /**< NAN if not weighed */
	double mass_after_kg;  /**< NAN if not weighed */
	double fluid_during_ml;/**< NAN if unknown (then 0 is assumed and said) */
	double urine_ml;       /**< NAN if unknown (0) */
	double body_mass_kg;   /**< the person's usual weight, NAN if unknown */
} cl_exercise;

typedef struct {
	bool measured;            /**< true: body-mass method; false: estimated rate */
	double sweat_loss_l;
	double sweat_rate_l_per_h;
	double deficit_l;         /**< sweat lost minus fluid drunk (negative: drank more) */
	double deficit_pct;       /**< of body mass; NAN if no mass is known */
	bool dehydrated;          /**< deficit > 2% of body mass */
	bool overdrank;           /**< gained mass while drinking: do not advise more fluid */
	double sodium_mmol_l;     /**< assumed sweat sodium concentration */
	double sodium_loss_mg;
	double replace_low_l, replace_high_l; /**< fluid to drink afterwards (0 if none) */
	char assumptions[512];    /**< what was assumed, for people; "" if nothing */
} cl_sweat;

typedef struct cl_hydration_model cl_hydration_model;

int cl_hydration_model_load(cl_hydration_model **out, const char *path);
void cl_hydration_model_free(cl_hydration_model *model);

/** The citations the model uses (NULL-terminated, owned by the model). */
const char *const *cl_hydration_model_sources(const cl_hydration_model *model);

/** Validate one exercise session and compute its sweat loss.  CL_EINVAL names the field. */
int cl_sweat_compute(cl_sweat *out, const cl_hydration_model *model, const cl_exercise *ex);

#endif

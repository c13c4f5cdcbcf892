/**
 * @file cramplab/dri.h
 * @brief Dietary Reference Intakes for one person (ages 9 and over).
 *
 * A person's life stage (sex and age band, or pregnancy or lactation) picks
 * one row per nutrient from data/dri.json: EAR, RDA, AI, UL and sodium's
 * CDRR, NAN where the source sets none.  Potassium and sodium are NASEM 2019
 * values, calcium and vitamin D IOM 2011.  Water is given as water_g (total
 * water, 1 L = 1000 g) and beverage_water_g (the part from drinks).  For a
 * vegetarian or vegan the iron EAR and RDA are multiplied by 1.8 (IOM 2001
 * p. 574).  The magnesium UL applies to supplements and medicines only
 * (ul_applies_to = "supplements").
 *
 * The strings in a cl_dri_set point into the cl_kb it was looked up in.
 */
#ifndef CRAMPLAB_DRI_H
#define CRAMPLAB_DRI_H

#include <stdbool.h>

#include <jansson.h>

#include "cramplab/kb.h"

typedef enum { CL_SEX_UNKNOWN = 0, CL_SEX_MALE, CL_SEX_FEMALE } cl_sex;

typedef enum { CL_REPRO_NONE = 0, CL_REPRO_PREGNANT, CL_REPRO_LACTATING } cl_repro;

/** Who the reference values are for. */
typedef struct {
	double age;       /**< years, 9 to 120 (fractions allowed; the band uses whole years) */
	cl_sex sex;       /**< male or female (unknown is refused by the DRI look-up) */
	cl_repro repro;   /**< pregnant or lactating: females aged 14-50 only */
	bool vegetarian;  /**< vegetarian or vegan: iron EAR and RDA x 1.8 */
} cl_profile;

/** The DRIs of one nutrient for one life stage. */
typedef struct {
	const char *key;    /**< stable nutrient key, e.g. "magnesium_mg" */
	const char *label;  /**< e.g. "Magnesium" */
	const char *unit;   /**< "mg", "µg" or "g" (per day) */
	const char *method; /**< how intake is judged: "ear", "ai" or "iron_table" */
	double ear, rda, ai, ul, cdrr; /**< NAN where not set */
	double cv;          /**< CV of the requirement (EAR nutrients), NAN if none */
	bool cv_assumed;    /**< the CV is an assumption (see cv_note) */
	const char *cv_note;
	const char *ul_applies_to; /**< "total", "supplements", or NULL when there is no UL */
	const char *ul_note;       /**< may be NULL */
	double vegetarian_factor;  /**< factor applied (1 when none) */
	bool derived;       /**< a value was derived by arithmetic (see note) */
	const char *note;   /**< may be NULL */
	cl_source_list sources; /**< ids behind every number shown */
} cl_dri_value;

#define CL_DRI_MAX_NUTRIENTS 16

typedef struct {
	char life_stage[40];  /**< e.g. "female 31-50", "pregnancy 19-30" */
	const char *group;    /**< "male", "female", "pregnancy" or "lactation" */
	const char *age_band; /**< "9-13", ..., "71+" */
	cl_profile profile;
	cl_dri_value nutrients[CL_DRI_MAX_NUTRIENTS];
	size_t count;
} cl_dri_set;

/**
 * Check a profile: age 9-120 and finite (younger is refused: cramplab
 * covers ages 9 and over), sex known, pregnancy or lactation only for
 * females aged 14-50.  CL_EINVAL with a message naming the field.
 */
int cl_profile_check(const cl_profile *p);

/** Look up every nutrient's DRIs for a profile (checked first). */
int cl_dri_lookup(cl_dri_set *out, const cl_kb *kb, const cl_profile *p);

/** One nutrient of a set by key, or NULL. */
const cl_dri_value *cl_dri_get(const cl_dri_set *set, const char *key);

/**
 * The `cramplab dri` document: {"life_stage", "profile", "nutrients": {key:
 * {"ear","rda","ai","ul","cdrr","unit","ul_applies_to","method","cv",
 * "cv_assumed","notes","sources"}}, "sources": {id: citation}}.  New
 * reference, NULL when out of memory.
 */
json_t *cl_dri_set_to_json(const cl_dri_set *set, const cl_kb *kb);

#endif

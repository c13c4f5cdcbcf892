/**
 * @file cramplab/adequacy.h
 * @brief Is one person's usual intake adequate?  The IOM 2000 method.
 *
 * IOM 2000 (Dietary Reference Intakes: Applications in Dietary Assessment,
 * ch. 3 and Appendix B) judges one person's intake from a few recorded days:
 *
 * - EAR nutrients: z = (mean - EAR) / sqrt(SD_req^2 + SD_within^2 / n), with
 *   SD_req = CV x EAR; the probability that usual intake is adequate is
 *   Phi(z).  (3 days at 320 mg magnesium, EAR 265, SD_within 86: 0.85.)
 * - AI nutrients (potassium, sodium, water): z = (mean - AI) / (SD_within /
 *   sqrt(n)); a high z lets one conclude adequacy with confidence Phi(z); a
 *   low one never shows inadequacy (conclusion CL_ADEQ_CANNOT_CONCLUDE).
 * - UL test: z = (UL - mean) / (SD_within / sqrt(n)); Phi(z) is the
 *   confidence that usual intake is below the UL.
 * - Iron: the requirement is skewed, so no normal approximation.  For
 *   menstruating women 19-50 IOM's probability table (IOM 2001 Table 14-1)
 *   gives the probability of inadequacy; for other life stages cramplab holds
 *   no table and returns CL_ADEQ_NOT_APPLICABLE with the reason.
 *
 * SD_within is the published day-to-day SD for the life stage, never the
 * person's own; where none is published cramplab assumes one and sets
 * `assumed` with a note saying so.  The pure functions take the numbers; the
 * _assess functions take them from the knowledge base.
 */
#ifndef CRAMPLAB_ADEQUACY_H
#define CRAMPLAB_ADEQUACY_H

#include <stdbool.h>

#include <jansson.h>

#include "cramplab/dri.h"
#include "cramplab/kb.h"

typedef enum {
	CL_ADEQ_METHOD_EAR,
	CL_ADEQ_METHOD_AI,
	CL_ADEQ_METHOD_UL,
	CL_ADEQ_METHOD_IRON_TABLE,
	CL_ADEQ_METHOD_NOT_APPLICABLE
} cl_adeq_method;

typedef enum {
	CL_ADEQ_ADEQUATE,        /**< probability (or confidence) of adequacy >= 0.85 (z >= 1) */
	CL_ADEQ_UNCERTAIN,       /**< EAR/iron: between */
	CL_ADEQ_INADEQUATE,      /**< EAR/iron: probability of adequacy <= 0.15 (z <= -1) */
	CL_ADEQ_CANNOT_CONCLUDE, /**< AI test did not show adequacy; inadequacy cannot be concluded */
	CL_ADEQ_BELOW_UL,        /**< UL test: confidence >= 0.85 that usual intake is below the UL */
	CL_ADEQ_MAY_EXCEED_UL,   /**< UL test: not confidently below the UL */
	CL_ADEQ_NOT_ASSESSED     /**< method not applicable */
} cl_adeq_conclusion;

/** The within-person SD used for one nutrient and life stage. */
typedef struct {
	double sd;      /**< in the nutrient's unit per day */
	bool assumed;   /**< no published value: cramplab's stated assumption */
	const char *note;
	cl_source_list sources;
} cl_within_sd;

typedef struct {
	cl_adeq_method method;
	cl_adeq_conclusion conclusion;
	double mean;           /**< observed mean daily intake */
	int days;              /**< number of recorded days */
	double reference;      /**< the EAR, AI or UL compared with (NAN if none) */
	double sd_requirement; /**< CV x EAR (EAR method), else NAN */
	double sd_within;      /**< NAN where not used */
	double z;              /**< NAN where the method has no z */
	/**
	 * EAR and iron: probability that usual intake is adequate.  AI:
	 * confidence that usual intake is at or above the AI.  UL: confidence
	 * that usual intake is below the UL.  NAN when not applicable.
	 */
	double probability;
	/** Probability of adequacy where the method yields one (EAR, iron), else NAN. */
	double p_adequate;
	bool assumed;          /**< an input (SD_within, CV, table scaling) is assumed */
	char note[640];        /**< for people: what is assumed, or why not applicable */
	cl_source_list sources;
} cl_adequacy;

/** The standard normal CDF Phi(z) (via erfc, accurate in both tails). */
double cl_normal_cdf(double z);

/**
 * EAR method.  days >= 1; mean finite and >= 0; ear, cv and sd_within
 * finite and > 0.  CL_EINVAL naming the bad input.
 */
int cl_adequacy_ear(cl_adequacy *out, double mean, int days, double ear, double cv,
		    double sd_within);

/** AI method (never concludes inadequacy).  Same input rules. */
int cl_adequacy_ai(cl_adequacy *out, double mean, int days, double ai, double sd_within);

/** UL test, e.g. for supplement intake where the UL applies to supplements. */
int cl_adequacy_ul(cl_adequacy *out, double mean, int days, double ul, double sd_within);

/**
 * The within-person SD for a nutrient (a key of `dri`) and the profile the
 * set was looked up for: published where held, else the assumed default.
 * CL_ENOTFOUND if the set has no such nutrient.
 */
int cl_within_sd_get(cl_within_sd *out, const cl_kb *kb, const cl_dri_set *dri, const char *key);

/**
 * Judge a mean intake of one nutrient with the method its DRIs call for
 * (EAR, AI or the iron table), taking the CV, SD_within and table from the
 * knowledge base and recording what is assumed.  Sources of the DRIs, the
 * method and the SD are all in out->sources.  Nutrients with neither EAR
 * nor AI give CL_ADEQ_METHOD_NOT_APPLICABLE.
 */
int cl_adequacy_assess(cl_adequacy *out, const cl_kb *kb, const cl_dri_set *dri, const char *key,
		       double mean, int days);

/**
 * UL test for a nutrient's intake from supplements (magnesium, whose UL
 * covers supplements only) or from everything (the others).  Not applicable
 * when the nutrient has no UL.
 */
int cl_adequacy_assess_ul(cl_adequacy *out, const cl_kb *kb, const cl_dri_set *dri,
			  const char *key, double mean, int days);

/** "ear", "ai", "ul", "iron_table" or "not_applicable". */
const char *cl_adeq_method_name(cl_adeq_method m);

/** "adequate", "uncertain", "inadequate", "cannot_conclude", "below_ul", "may_exceed_ul", "not_assessed". */
const char *cl_adeq_conclusion_name(cl_adeq_conclusion c);

/**
 * {"method","conclusion","mean","days","reference","z","probability",
 * "probability_adequate","sd_within","sd_requirement","assumed","note",
 * "sources"}; unknown numbers are null.  New reference.
 */
json_t *cl_adequacy_to_json(const cl_adequacy *a);

#endif

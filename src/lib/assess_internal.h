/*
 * What the assessment modules share while one case is assessed: the case,
 * its DRIs, the intake and its adequacy, labs, sweat sessions, medicines
 * and conditions.  assess.c fills it in; findings.c and advice.c read it
 * and add to the JSON document.
 */
#ifndef CL_ASSESS_INTERNAL_H
#define CL_ASSESS_INTERNAL_H

#include <jansson.h>

#include "cramplab/adequacy.h"
#include "cramplab/assess.h"
#include "cramplab/diary.h"
#include "cramplab/dri.h"
#include "cramplab/foodrules.h"
#include "cramplab/hydration.h"
#include "cramplab/intake.h"
#include "cramplab/kb.h"
#include "cramplab/labs.h"
#include "cramplab/meds.h"
#include "cramplab/rich.h"
#include "cramplab/rules.h"

struct cl_assessor {
	cl_kb *kb;
	cl_rules *triage;
	cl_hydration_model *hydration;
	cl_food_rules *food_rules;
	json_t *factors; /* data/factors.json */
	cl_fooddb *db;
	cl_parser *parser;
};

/* Nutrients the assessment judges, in report order. */
#define CL_ASSESS_NUTRIENTS 11

struct nutrient_state {
	const char *key;
	cl_nutrient id;
	const cl_dri_value *dri; /* NULL if no DRI */
	double mean;             /* NAN without diary days */
	size_t days;             /* recorded days */
	unsigned missing_days;   /* days on which some food lacked a value */
	double supplement_mean;  /* mean from supplements (0 if none) */
	bool assessed;
	cl_adequacy adequacy;
	bool ul_tested;
	cl_adequacy ul;
};

struct med_state {
	const char *input;
	const cl_med_info *info; /* NULL: not recognised */
	bool from_profile;       /* derived from the profile (age, diet, pregnancy) */
};

#define CL_MAX_LABS 64
#define CL_MAX_SESSIONS 64
#define CL_MAX_MEDS 128

/* cl_assess_with() clears all but labs[] and sweat[] (see there): a new
 * member goes before labs or after nsweat. */
struct work {
	cl_assessor *a;
	const cl_case *k;
	cl_profile profile;
	cl_dri_set dri;
	cl_intake *intake;
	size_t ndays;
	struct nutrient_state nutr[CL_ASSESS_NUTRIENTS];
	cl_lab_result labs[CL_MAX_LABS];
	size_t nlabs;
	cl_sweat sweat[CL_MAX_SESSIONS];
	size_t nsweat;
	struct med_state meds[CL_MAX_MEDS];
	size_t nmeds;
	struct med_state conds[CL_MAX_MEDS];
	size_t nconds;
	json_t *doc;
	unsigned flags; /* CL_ASSESS_* */
};

const struct nutrient_state *cl_work_nutrient(const struct work *w, const char *key);
const cl_lab_result *cl_work_lab(const struct work *w, const char *test);

/* findings.c: appends "findings" (sorted strongest first). */
int cl_assess_findings(struct work *w);

/* advice.c: appends "advice". */
int cl_assess_advice(struct work *w);

/* Check factors.json's advice once, when the assessor opens (the recovery
 * items' show_if/hide_if conditions); CL_EINVAL names the file and item. */
int cl_advice_check_factors(const json_t *factors, const char *path);

/* advice_plan.c: sets advice.plan and advice.plan_summary for the nutrients
 * of lists[] (the food lists shown, best foods first: the candidates). */
int cl_assess_plan(struct work *w, const cl_rich_list *lists, size_t nlists,
		   const cl_food_pool *pool, json_t *advice);
/* Estimated energy requirement (IOM 2005) from advice.plan.eer; NAN if unknown. */
double cl_assess_eer(const struct work *w, json_t *eer);

/* Adds the citation of a knowledge-base source id, or a literal citation, to arr (no duplicates). */
void cl_cite(json_t *arr, const struct work *w, const char *id_or_text);
/* Cites every id of a knowledge-base source list. */
void cl_cite_list(json_t *arr, const struct work *w, const cl_source_list *list);
/* Cites the ids of a JSON array of ids resolved against factors.json "sources". */
void cl_cite_factor_ids(json_t *arr, const struct work *w, json_t *ids);

#endif

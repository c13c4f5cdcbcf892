/**
 * @file cramplab/assess.h
 * @brief The screening: a CASE in, a cited assessment out.
 *
 * cl_assess() combines the person's DRIs, the intake adequacy of their
 * diary (IOM 2000), fluid and sweat balance, lab results, medicines and
 * conditions, and their symptoms into a triage level and one finding per
 * factor, each with the evidence a person can check and its sources, plus
 * advice (foods, supplements within upper limits, hydration, recovery).
 * It screens and explains; it never diagnoses.
 *
 * The result is the JSON document of the stable machine interface
 * (DESIGN.md); the text and HTML reports are rendered from it, so every
 * interface says the same thing.  An assessor holds the knowledge base and
 * a food database handle: use one per thread.
 */
#ifndef CRAMPLAB_ASSESS_H
#define CRAMPLAB_ASSESS_H

#include <jansson.h>

#include "cramplab/case.h"
#include "cramplab/common.h"
#include "cramplab/diary.h"

typedef struct cl_assessor cl_assessor;

/** Load the knowledge base from datadir and open the food database. */
int cl_assessor_open(cl_assessor **out, const char *datadir, const char *db_path);
void cl_assessor_close(cl_assessor *a);
/** The assessor's diary parser (owned by it), e.g. to give it a cache file. */
cl_parser *cl_assessor_parser(cl_assessor *a);

/** Assess a case.  CL_EINVAL names the field (or diary line) that is wrong. */
int cl_assess(json_t **out, cl_assessor *a, const cl_case *c);

/**
 * Leave out intake.per_day, the day-by-day intake that the JSON and the
 * HTML page show and the text report does not (cl_report_text() renders
 * the same report from such a document).
 */
#define CL_ASSESS_NO_PER_DAY 1u

/** cl_assess() with CL_ASSESS_* flags (0: the whole document). */
int cl_assess_with(json_t **out, cl_assessor *a, const cl_case *c, unsigned flags);

/**
 * `cramplab explain FACTOR`: {"factor","label","role","shortfall","at_risk",
 * "evidence","seed_correction","weak_evidence_note","nutrient","reference"
 * (for the profile's life stage),"foods","sources"}.  CL_EINVAL naming the
 * known factors if factor is unknown.
 */
int cl_explain(json_t **out, cl_assessor *a, const char *factor, const cl_profile *profile);

/** The plain-text report for people, rendered from an assessment document
 * (one made with CL_ASSESS_NO_PER_DAY gives the same text). */
int cl_report_text(char **out, const json_t *assessment);

#endif

/**
 * @file cramplab/rules.h
 * @brief Data-driven screening rules (triage red flags and levels).
 *
 * A rule file (data/triage.json) lists rules such as "dark urine after
 * exertion with muscle pain or weakness: emergency".  Each rule holds terms
 * over named facts: a bare name is a yes/no fact ("dark_urine"), and
 * "name OP number" compares a numeric fact ("lab.potassium_mmol_l < 2.5",
 * OP one of < <= > >=).  A rule matches when all of its `all` terms and at
 * least one of its `any` terms (if it has any) hold.  A numeric fact that is
 * unknown (NAN) never satisfies a term.  The caller supplies the facts
 * through callbacks, so the rules know nothing of where facts come from.
 */
#ifndef CRAMPLAB_RULES_H
#define CRAMPLAB_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "cramplab/common.h"

typedef enum {
	CL_TRIAGE_SELF_CARE = 0,
	CL_TRIAGE_ROUTINE = 1,
	CL_TRIAGE_URGENT = 2,
	CL_TRIAGE_EMERGENCY = 3
} cl_triage_level;

/** "self_care", "routine", "urgent", "emergency". */
const char *cl_triage_level_name(cl_triage_level level);

typedef struct cl_rules cl_rules;

typedef struct {
	/** True if the yes/no fact holds (unknown facts are false). */
	bool (*flag)(const char *name, void *payload);
	/** The numeric fact's value, or NAN if unknown. */
	double (*number)(const char *name, void *payload);
	void *payload;
} cl_facts;

typedef struct {
	const char *id;
	cl_triage_level level;
	const char *reason; /**< what was found, for people */
	const char *action; /**< what to do */
	const char *const *sources; /**< NULL-terminated citation strings */
} cl_rule_match;

typedef struct {
	cl_triage_level level;   /**< the highest level matched (self_care if none) */
	cl_rule_match *matches;  /**< highest level first, then file order */
	size_t count;
} cl_triage;

/** Load and validate a rule file; errors name the file, line and column or the rule. */
int cl_rules_load(cl_rules **out, const char *path);
void cl_rules_free(cl_rules *rules);

/** The names of all facts the rules use (for checking a fact provider). */
size_t cl_rules_fact_names(const cl_rules *rules, const char ***names);

/** Evaluate every rule; out->matches points into rules (valid while rules lives). */
int cl_rules_triage(cl_triage *out, const cl_rules *rules, const cl_facts *facts);
void cl_triage_clear(cl_triage *triage);

#endif

/**
 * @file cramplab/intake.h
 * @brief Per-day nutrient totals from a diary, a JSON diary or a CSV export.
 *
 * Whatever the source, the result is a cl_intake: a list of days, each with
 * the entries eaten (food, grams, source line) and, per nutrient, the sum of
 * the values that are known together with how many entries were known and
 * how many lacked the value.  An unknown value is never counted as zero:
 * `totals[n]` sums the known values only and `missing[n]` says how many
 * entries lacked it, so "at least 240 mg (2 foods lack data)" can be said.
 * When no entry of a day knows the value, `known[n]` is 0 and the total is
 * unknown (cl_intake_day_total() gives NAN).
 *
 * Sources:
 *  - diary text (see DESIGN.md, docs/diary.md): `YYYY-MM-DD` starts a day,
 *    `#` comments, one food line per line, parsed with cl_diary_parse(), or a
 *    supplement line "supplement: magnesium 200 mg" (entry.supplement set; it
 *    supplies only the nutrient named, the others are 0);
 *  - a JSON array [{"date": "YYYY-MM-DD", "foods": ["2 medium bananas", ...]}];
 *  - Cronometer "servings" and "daily nutrition" exports and the
 *    MyFitnessPal "Nutrition Summary" export (CSV, recognised by the header).
 * A nutrient a CSV format does not export at all is unknown for every row.
 *
 * Any bad line makes the whole read fail with CL_EINVAL; the message names
 * the source and the line of every bad line, not only the first.
 *
 * Totals are exact: per-100 g value × grams / 100, summed in entry order.
 *
 * Typical use (the assessment):
 *   cl_parser_new(&parser, db);
 *   cl_intake_read_file(&in, &errors, parser, "diary.txt");   // or _from_json
 *   for each day d, nutrient n: cl_intake_day_total(d, n), d->known[n], d->missing[n]
 *   cl_intake_free(in); cl_parser_free(parser);
 * Ownership: a cl_intake is released with cl_intake_free() (NULL is fine).
 */
#ifndef CRAMPLAB_INTAKE_H
#define CRAMPLAB_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "cramplab/common.h"
#include "cramplab/diary.h"
#include "cramplab/nutrient.h"

typedef enum {
	CL_INTAKE_DIARY,          /**< diary text */
	CL_INTAKE_JSON,           /**< JSON array of days */
	CL_INTAKE_CRONO_SERVINGS, /**< Cronometer servings export */
	CL_INTAKE_CRONO_DAILY,    /**< Cronometer daily nutrition export */
	CL_INTAKE_MFP             /**< MyFitnessPal Nutrition Summary export */
} cl_intake_format;

/** One thing eaten or drunk (or, for summary exports, one exported row). */
typedef struct {
	char ndb[8];     /**< NDB number, "" when the source names no USDA food */
	char *name;      /**< food name (SR name, exported food name, or meal) */
	double grams;    /**< NAN when the source gives no weight */
	char *line;      /**< the source text of the entry */
	unsigned lineno; /**< its line in the source (1-based) */
	bool supplement; /**< a supplement (Cronometer category "Supplements") */
	/** Diary entries: the food's values per 100 g (borrowed from the parser's cache,
	 *  so free the intake before the parser); NULL for exported rows. */
	const double *per_100g;
	/** Exported rows: CL_NUTRIENT_COUNT amounts as exported (owned); NULL for diary entries. */
	double *amount;
} cl_intake_entry;

/** What an entry supplies of n (NAN where unknown). */
double cl_intake_entry_amount(const cl_intake_entry *entry, cl_nutrient n);

typedef struct {
	char date[11];                           /**< YYYY-MM-DD */
	unsigned lineno;                         /**< where the day starts in the source */
	double totals[CL_NUTRIENT_COUNT];        /**< sum of the known values (0 if none) */
	unsigned known[CL_NUTRIENT_COUNT];       /**< entries whose value is known */
	unsigned missing[CL_NUTRIENT_COUNT];     /**< entries whose value is unknown */
	double supplement[CL_NUTRIENT_COUNT];    /**< part of totals from supplements */
	bool has_supplement;                     /**< any entry is a supplement */
	cl_intake_entry *entries;
	size_t nentries;
} cl_intake_day;

typedef struct {
	cl_intake_format format;
	char *source;          /**< file name or "json" */
	cl_intake_day *days;   /**< in the order of the source */
	size_t ndays;
	char *note;            /**< what the format cannot say or what was assumed (NULL if nothing) */
} cl_intake;

/**
 * Read a diary text file or a CSV export (recognised by its first line).
 * On CL_EINVAL, *errors (if errors is not NULL) gets the full list of bad
 * lines, one per line, "FILE:LINE: why" (caller frees); cl_error_last() holds
 * as many of them as fit.  The parser may be NULL for CSV exports.
 */
int cl_intake_read_file(cl_intake **out, char **errors, cl_parser *parser, const char *path);

/** Read diary text or CSV held in memory; `source` names it in messages. */
int cl_intake_read_text(cl_intake **out, char **errors, cl_parser *parser, const char *text,
			size_t len, const char *source);

/** Read a JSON array of {"date", "foods": [line, ...]}; `source` names it in messages. */
int cl_intake_from_json(cl_intake **out, char **errors, cl_parser *parser, const json_t *days,
			const char *source);

void cl_intake_free(cl_intake *intake);

/** A day's total of n: the sum of known values, or NAN when no entry knows it. */
double cl_intake_day_total(const cl_intake_day *day, cl_nutrient n);

/**
 * The mean over days of the day totals of n, over the days whose total is
 * known; NAN if none is.  *ndays_known (may be NULL) gets that day count.
 */
double cl_intake_mean(const cl_intake *intake, cl_nutrient n, size_t *ndays_known);

/** The nutrient keys of the stable interface (DESIGN.md), in output order. */
extern const cl_nutrient cl_intake_keys[];
extern const size_t cl_intake_nkeys;

/**
 * {"source", "format", "days": [{"date", "totals": {key: value|null},
 *  "missing": {key: [ndb or name, ...]}, "entries": [...], "supplement": {...}}],
 *  "mean": {key: value|null}, "note"}.  New reference, NULL when out of memory.
 */
json_t *cl_intake_to_json(const cl_intake *intake);

/** {"ndb", "name", "grams", "quantity", "measure", "assumption"?}. */
json_t *cl_diary_line_to_json(const char *text, const cl_diary_line *line);

#endif

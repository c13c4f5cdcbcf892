/**
 * @file cramplab/diary.h
 * @brief Diary lines: "2 medium bananas" becomes a food, an amount and grams.
 *
 * A diary line is what a person writes ("2 medium bananas", "coffee, 2 cups",
 * "250 ml orange juice", "a handful of almonds") or the exact form
 * "ndb:09040 118 g".  The parser reads the amount (numbers, fractions, number
 * words), the unit (mass, volume or one of the food's own USDA household
 * measures), finds the food with cl_food_search(), and weighs the amount with
 * the food's measures.  Vague amounts ("a glass of") are read by a stated
 * rule and the rule is returned in `assumption`, so nothing is guessed
 * silently.  A line it cannot read is refused with CL_EINVAL and a message
 * that says why.
 *
 * A cl_parser keeps the food database handle it was given (it does not own
 * it) and caches what it has looked up, so a diary that repeats the same
 * lines costs one search per distinct food text.  One parser per thread.
 */
#ifndef CRAMPLAB_DIARY_H
#define CRAMPLAB_DIARY_H

#include "cramplab/common.h"
#include "cramplab/fooddb.h"

/** Longest diary line accepted, in bytes. */
#define CL_DIARY_MAX_LINE 500

/** The most one line may weigh: 5 kg of one food in one entry is not a meal. */
#define CL_DIARY_MAX_GRAMS 5000.0

typedef struct cl_parser cl_parser;

/** One parsed diary line.  Strings are owned; release with cl_diary_line_clear(). */
typedef struct {
	char ndb[8];      /**< the food's NDB number */
	char *name;       /**< the food's SR name */
	double grams;     /**< the weight eaten or drunk */
	double quantity;  /**< how many `measure` (2 for "2 medium bananas") */
	char *measure;    /**< "g", "cup", or the SR measure name used ("medium (7\" ...)") */
	char *assumption; /**< how a vague amount was read, or NULL if nothing was assumed */
	const cl_food *food; /**< the food (owned by the parser; valid while it lives) */
} cl_diary_line;

/** A parser reading foods from db (borrowed: keep db open while the parser lives). */
int cl_parser_new(cl_parser **out, cl_fooddb *db);
void cl_parser_free(cl_parser *parser);

/**
 * Keep the answers for free-text lines in the cache file at path between
 * runs (created 0600, its directories 0700; NULL stops using one).  A line
 * answered before is then not searched again; the answers are the same as
 * without the file, which is keyed by the food database file and the
 * parser's code and version.  Best effort: a file that is foreign, damaged,
 * locked or unwritable is left alone or used as far as it can be, and never
 * makes a parse fail.  CL_OK if the file is in use; otherwise an error code
 * and message saying why, and the parser works without it.  New answers are
 * written when the parser is freed.
 */
int cl_parser_use_cache(cl_parser *parser, const char *path);

/**
 * Parse one line.  On success *out is filled (clear it with
 * cl_diary_line_clear()); on failure it is zeroed, CL_EINVAL says the line
 * cannot be read (the message says why) and CL_ENOTFOUND that no food matches.
 */
int cl_diary_parse(cl_diary_line *out, cl_parser *parser, const char *line);
void cl_diary_line_clear(cl_diary_line *line);

#endif

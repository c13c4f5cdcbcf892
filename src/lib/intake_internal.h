/*
 * Pieces of the intake module shared by its readers (diary text, JSON, CSV
 * exports): building days and entries, checking dates, and collecting every
 * bad line of a source before failing, so that a person fixes a file once.
 */
#ifndef CL_INTAKE_INTERNAL_H
#define CL_INTAKE_INTERNAL_H

#include <stdbool.h>

#include "cramplab/intake.h"
#include "util.h"

int cl_intake_new(cl_intake **out, cl_intake_format format, const char *source);

/* Append a day (date must be a valid YYYY-MM-DD); *day points into intake. */
int cl_intake_add_day(cl_intake *in, const char *date, unsigned lineno, cl_intake_day **day);

/* Find a day by date (NULL if none). */
cl_intake_day *cl_intake_find_day(cl_intake *in, const char *date);

/* Append an entry; takes ownership of its name, line and amount. */
int cl_intake_add_entry(cl_intake_day *day, cl_intake_entry *entry);

/* "diary", "json", "cronometer_servings", "cronometer_daily", "myfitnesspal". */
const char *cl_intake_format_name(cl_intake_format f);

/* Sets the intake's note (copied). */
int cl_intake_set_note(cl_intake *in, const char *note);

/* "2026-02-30" is false; years 1900-2199. */
bool cl_date_valid(const char *s, size_t len);

/* The bad lines of a source, gathered before failing. */
typedef struct {
	cl_buf text;
	size_t count;
} cl_errlist;

int cl_errlist_add(cl_errlist *e, const char *source, unsigned lineno, const char *message);

/* Fail with every gathered bad line: the full list goes to *errors when asked,
 * the last-error message gets as many as fit. */
int cl_errlist_fail(cl_errlist *e, const char *source, char **errors);

/* Reads a CSV export if the text starts with a known header; *recognised says so. */
int cl_intake_read_csv(cl_intake **out, char **errors, const char *text, size_t len,
		       const char *source, bool *recognised);

#endif

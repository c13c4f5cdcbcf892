/**
 * @file cramplab/history.h
 * @brief A person's history: diary days and cramp episodes kept in SQLite.
 *
 * One assessment looks at a few days; cramps come and go over weeks.  The
 * history keeps what a person recorded so that the weeks can be looked at
 * together: the days of any diary or export cramplab reads (each entry with
 * its source line, food, grams and what it supplied of every nutrient,
 * recorded as it was when added, so a later food database does not rewrite
 * the past) and each cramp episode (date, time, muscle, side, severity,
 * minutes, and whether it came at night, during exercise or at rest).
 *
 * From it come per-day totals and means that say where data is missing (an
 * unknown amount is never counted as zero), a cramp summary (episodes a
 * week, share at night or during exercise), and a CASE document for
 * cl_assess() whose diary and cramp frequency come from the history.
 *
 * The file holds health data: it is created mode 0600, every change is one
 * transaction (a failed add stores nothing), a day already stored is never
 * overwritten unless the caller asks, and a file that is not a cramplab
 * history (or comes from a newer cramplab) is refused rather than changed.
 */
#ifndef CRAMPLAB_HISTORY_H
#define CRAMPLAB_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "cramplab/common.h"
#include "cramplab/intake.h"

typedef struct cl_history cl_history;

/** When a cramp came. */
typedef enum {
	CL_CRAMP_UNKNOWN,  /**< not said */
	CL_CRAMP_NIGHT,    /**< in bed, at night */
	CL_CRAMP_EXERCISE, /**< during or just after exercise */
	CL_CRAMP_REST      /**< at rest in the day */
} cl_cramp_context;

/** One cramp episode.  Strings are borrowed by cl_history_add_cramp(). */
typedef struct {
	char date[11];            /**< YYYY-MM-DD (required) */
	char time[6];             /**< HH:MM, or "" */
	const char *muscle;       /**< "hamstring", "calf", ... or NULL */
	const char *side;         /**< "left", "right", "both" or NULL */
	int severity;             /**< 0-10, or -1 if not given */
	double minutes;           /**< how long it lasted (0 < m <= 240), or NAN */
	cl_cramp_context context;
	const char *note;         /**< free text or NULL */
} cl_cramp_episode;

/** "night", "exercise", "rest" or "unknown". */
const char *cl_cramp_context_name(cl_cramp_context c);

/** Parse a context name; CL_EINVAL naming the accepted ones. */
int cl_cramp_context_parse(cl_cramp_context *out, const char *name);

/** An episode with every field unset (severity -1, minutes NAN). */
cl_cramp_episode cl_cramp_episode_init(void);

/**
 * Open the history file at path, creating it (mode 0600, and its directory
 * mode 0700) when it does not exist.  CL_EDB when the file is not a cramplab
 * history or was written by a newer cramplab.
 */
int cl_history_open(cl_history **out, const char *path);
void cl_history_close(cl_history *h);

/**
 * Store every day of an intake, all or nothing.  A date already stored is
 * CL_EINVAL naming it, unless replace is true, when the stored day is
 * replaced.  *added and *replaced (either may be NULL) count the days.
 */
int cl_history_add_intake(cl_history *h, const cl_intake *in, bool replace, size_t *added,
			  size_t *replaced);

/** Store a cramp episode (validated: CL_EINVAL names the field); *id gets its number. */
int cl_history_add_cramp(cl_history *h, const cl_cramp_episode *e, long long *id);

/** Delete one stored day or one episode; CL_ENOTFOUND when there is none. */
int cl_history_delete_day(cl_history *h, const char *date);
int cl_history_delete_cramp(cl_history *h, long long id);

/**
 * What is stored between from and to (inclusive YYYY-MM-DD; NULL for no
 * bound): {"days": [{"date", "source", "format", "added", "entries",
 * "totals": {key: value|null}, "missing": {key: count}}], "cramps":
 * [{"id", "date", "time", "muscle", "side", "severity", "minutes",
 * "context", "note"}]}, oldest first; absent fields are null.
 */
int cl_history_list(json_t **out, cl_history *h, const char *from, const char *to);

/**
 * A summary of the period from..to.  When from is NULL the period is the
 * `weeks` weeks ending on `to`; when to is NULL it ends on the latest date
 * stored (so a summary does not depend on the day it is run).  {"from",
 * "to", "weeks", "days", "mean": {key: value|null}, "days_known": {key: n},
 * "cramps": {"episodes", "per_week", "night", "exercise", "rest",
 * "unknown", "mean_severity", "muscles": {name: n}}}.  An empty history is
 * CL_ENOTFOUND.
 */
int cl_history_summary(json_t **out, cl_history *h, const char *from, const char *to, int weeks);

/**
 * A CASE document: `base` (a CASE object without "diary": profile, labs,
 * medicines, other symptoms; not changed) plus the period's diary days as
 * exact lines ("ndb:09040 118 g", supplement lines as written) and, from
 * the period's episodes, symptoms.cramps, cramps_per_week and, when any
 * episode came at night or during exercise, nocturnal and during_exercise.
 * CL_EINVAL when base has a diary or a stored day came from a CSV export
 * (its rows name no USDA food a diary line can give); period as in
 * cl_history_summary().
 */
int cl_history_case(json_t **out, cl_history *h, const json_t *base, const char *from,
		    const char *to, int weeks);

#endif

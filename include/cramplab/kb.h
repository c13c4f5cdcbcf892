/**
 * @file cramplab/kb.h
 * @brief The knowledge base: DRIs, within-person SDs, lab tests, medicines
 *        and conditions, each number with the id of its source.
 *
 * The knowledge base is a directory of JSON files (data/ in the source tree):
 * sources.json (id -> citation and how well it was checked), dri.json,
 * within_sd.json, labs.json and medications.json.  cl_kb_open() reads and
 * validates all of them once: every number must name source ids that exist
 * in sources.json, bands must be in order, units must be known.  A
 * malformed file is refused with a message naming the file and the line
 * and column (syntax errors) or the JSON path (content errors).
 *
 * A cl_kb is read-only after opening, so one handle may be shared by any
 * number of threads.  Every string the other modules hand out (DRI units,
 * band texts, source ids, medicine labels) points into the handle and stays
 * valid until cl_kb_close().
 */
#ifndef CRAMPLAB_KB_H
#define CRAMPLAB_KB_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "cramplab/common.h"

typedef struct cl_kb cl_kb;

/** At most this many source ids stand behind one result (a data entry may name at most 8). */
#define CL_MAX_SOURCES 24

/** A short list of source ids (keys of sources.json). */
typedef struct {
	const char *ids[CL_MAX_SOURCES];
	size_t count;
} cl_source_list;

/**
 * Open and validate the knowledge base in datadir (the CLI passes
 * cli_data_dir()).  On failure *out is NULL and cl_error_last() names the
 * file and the place.  CL_EIO if a file cannot be read, CL_EINVAL if one
 * is malformed, CL_ENOMEM.
 */
int cl_kb_open(cl_kb **out, const char *datadir);

/** Parts of the knowledge base for cl_kb_open_parts(); sources.json is always read. */
enum {
	CL_KB_DRI = 1,  /**< dri.json and within_sd.json: DRIs, adequacy */
	CL_KB_LABS = 2, /**< labs.json: cl_lab_* */
	CL_KB_MEDS = 4, /**< medications.json: cl_med_lookup(), cl_condition_lookup() */
	CL_KB_ALL = 7
};

/**
 * cl_kb_open() for only some parts (an OR of CL_KB_*), for a caller that
 * needs, say, only DRIs: parsing the JSON is most of the opening cost.  The
 * parts read are validated as by cl_kb_open(); the others are not read at
 * all, and a look-up that needs one of them fails with CL_EINVAL.
 */
int cl_kb_open_parts(cl_kb **out, const char *datadir, unsigned parts);

/** Release the knowledge base (NULL is accepted). */
void cl_kb_close(cl_kb *kb);

/**
 * The citation of a source id, or NULL if the id is unknown.  If status is
 * not NULL it receives "confirmed", "secondary", "derived" or "assumed".
 */
const char *cl_kb_source(const cl_kb *kb, const char *id, const char **status);

/** Add ids to a list, skipping duplicates and empty slots; false if full. */
bool cl_source_list_add(cl_source_list *list, const char *id);

/** Add every id of src to dst (duplicates skipped). */
void cl_source_list_merge(cl_source_list *dst, const cl_source_list *src);

/** ["id", ...] for a list of ids (new reference, NULL when out of memory). */
json_t *cl_source_list_to_json(const cl_source_list *list);

/**
 * {"id": {"citation": ..., "status": ...}, ...} for the ids of a list, to
 * put beside a result so a reader can check every number.  New reference.
 */
json_t *cl_kb_citations_to_json(const cl_kb *kb, const cl_source_list *list);

#endif

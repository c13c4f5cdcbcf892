/*
 * The data snapshot: the parsed JSON trees of the data files in data/
 * in a compact binary form, so that a process need not parse 128 KB of JSON
 * text to open the knowledge base.  See jsonsnap.c for the format and the
 * rules; in short, a tree is taken from the snapshot only when the file's
 * bytes hash to the value it was built from, and is then the same tree, key
 * order included, that json_loadb() would have returned.  Anything else
 * (no snapshot, another file, another build, a damaged entry) means the
 * file is parsed, as without a snapshot.
 *
 * Not part of the public API: the tool builds its snapshot at compile time
 * (src/tools/datasnap.c) and installs it at start (src/cli/main.c).
 */
#ifndef CL_JSONSNAP_H
#define CL_JSONSNAP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "cramplab/common.h"
#include "util.h"

/* Building: begin, one add per file, end.  add parses text as the loaders
 * do (JSON_REJECT_DUPLICATES) and stores nothing when that fails: a
 * snapshot is only ever written from a successful parse (CL_EINVAL, the
 * message names the file, line and column). */
int cl_jsonsnap_begin(cl_buf *out);
int cl_jsonsnap_add(cl_buf *out, const char *name, const char *text, size_t len);
int cl_jsonsnap_end(cl_buf *out);

/* Makes blob (not copied: it must outlive every load) the process's
 * snapshot, or removes it (NULL).  Call before any other thread uses the
 * library.  A blob from another build or format, or damaged, is refused
 * with CL_EINVAL and leaves no snapshot in use: never an error for the
 * caller, who then simply parses. */
int cl_jsonsnap_use(const void *blob, size_t len);

/* The tree for a file of exactly these len bytes, read with jansson flags,
 * and (fnv not NULL) their FNV-1a as the build computed it; NULL when the
 * snapshot in use does not hold these bytes (or the flags could change the
 * parse, or the entry is damaged). */
json_t *cl_jsonsnap_find(const char *text, size_t len, size_t flags, uint64_t *fnv);

/* What cl_jsonsnap_find() did since the start, for tests and benchmarks. */
struct cl_jsonsnap_counts {
	unsigned long hits;    /* trees rebuilt from the snapshot */
	unsigned long misses;  /* no entry for these bytes: parsed */
	unsigned long damaged; /* an entry that did not decode: parsed */
};
void cl_jsonsnap_counts(struct cl_jsonsnap_counts *out);

/* The names of the files in the snapshot in use, one per line (for
 * `cramplab --version`); "" when none. */
int cl_jsonsnap_describe(cl_buf *out);

#endif

/*
 * The search documents (search_doc) of a food database handle held in
 * memory, once the handle has shown it searches often.
 *
 * A search reads up to a few hundred candidates per pass, and joining each
 * FTS5 row to its search_doc row (a b-tree seek and a record decoded) was
 * a quarter of a heavy search's instructions.  Loading the table costs
 * about as much as the joins of seventy searches (over SR24, 15 million
 * instructions against 0.2 million a search on average), so a handle pays
 * it only once it has searched that often: one that searches once
 * (`cramplab food search`) never loads it; one that has searched
 * CL_SEARCH_DOCS_AFTER times (a long diary, the web server, a benchmark)
 * loads it on its next search and from then on reads only the FTS5 rowids.
 * Paying once the joins have cost as much keeps any handle within twice the
 * cost of the better choice made in hindsight.  The answers are the same
 * either way: the same rows in the same order.  An index of
 * CL_SEARCH_DOCS_MAX documents or more is never held (SR24 takes 0.6 MB; a
 * million names would take some 80 MB).  Each held document has a slot
 * (cl_search_docs_note) where the search keeps the words it cut the
 * document's name into the first time it scored it, so that later searches
 * do not cut it again.
 */
#ifndef CL_SEARCH_DOCS_H
#define CL_SEARCH_DOCS_H

#include <stddef.h>

#include "cramplab/fooddb.h"

#define CL_SEARCH_DOCS_AFTER 64
#define CL_SEARCH_DOCS_MAX 200000

/* One row of search_doc. */
typedef struct {
	long long food_id;
	const char *segs;
	int nhead, flags, nmeasures, nnutrients;
} cl_search_doc;

typedef struct cl_search_docs cl_search_docs;

/*
 * Counts a search on the handle and gives its documents, loading them on
 * the search after the CL_SEARCH_DOCS_AFTER-th; *out is NULL while they are
 * not held (read them from the database then).  Call once per search,
 * inside its read transaction.
 */
int cl_search_docs_get(const cl_search_docs **out, cl_fooddb *db);

/* The document with this id, or NULL if the index has none. */
const cl_search_doc *cl_search_docs_find(const cl_search_docs *docs, long long docid);

/*
 * The slot of held document d (from cl_search_docs_find) for what the
 * search makes of it once and reads on every later search: one malloc'd
 * block, or NULL until set; cl_search_docs_free() frees it.  The documents
 * themselves stay read-only; only their slots change.
 */
void **cl_search_docs_note(const cl_search_docs *docs, const cl_search_doc *d);

void cl_search_docs_free(cl_search_docs *docs);

#endif

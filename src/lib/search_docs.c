/*
 * The search documents held in memory for a handle that searches often
 * (see search_docs.h for when and why).  One array indexed by document id,
 * whose segs point into one block of text, so that a lookup is an index,
 * and beside it the documents' slots for what the search keeps of them.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fooddb_internal.h"
#include "search_docs.h"
#include "util.h"

struct cl_search_docs {
	unsigned searches;  /* searches counted on the handle so far */
	int held;           /* 1 loaded, -1 never (too many documents, or the load
			       failed), 0 not yet */
	cl_search_doc *doc; /* by document id; segs NULL where there is none */
	void **note;        /* cl_search_docs_note(), by document id */
	size_t n;
	char *text; /* every document's segs, each ending in a NUL */
};

static int docs_error(sqlite3 *db)
{
	return cl_error_set(CL_EDB, "search: reading the search documents: %s", sqlite3_errmsg(db));
}

/* The highest document id, or -1 for an empty index. */
static int max_docid(sqlite3 *db, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = CL_OK;
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(docid), -1) FROM search_doc", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		rc = docs_error(db);
	else
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/* Reads every row into d (segs first as offsets into the text, which may
 * move while it grows, then as pointers). */
static int load(cl_search_docs *d, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	cl_buf text = {0};
	size_t *at = NULL;
	long long max = -1;
	int rc, step;

	if ((rc = max_docid(db, &max)))
		return rc;
	if (max >= CL_SEARCH_DOCS_MAX) {
		d->held = -1;
		return CL_OK;
	}
	d->n = (size_t)(max + 1);
	if (d->n && (!(d->doc = calloc(d->n, sizeof(*d->doc))) ||
		     !(d->note = calloc(d->n, sizeof(*d->note))) || !(at = calloc(d->n, sizeof(*at))))) {
		rc = cl_error_oom();
		goto cleanup;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT docid, food_id, segs, nhead, flags, nmeasures, nnutrients"
			       " FROM search_doc",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = docs_error(db);
		goto cleanup;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *segs = (const char *)sqlite3_column_text(st, 2);
		if (id < 0 || id > max) /* the rowids of a read transaction: cannot be */
			continue;
		if (!segs) {
			rc = cl_error_oom();
			goto cleanup;
		}
		cl_search_doc *x = &d->doc[id];
		x->food_id = sqlite3_column_int64(st, 1);
		x->nhead = sqlite3_column_int(st, 3);
		x->flags = sqlite3_column_int(st, 4);
		x->nmeasures = sqlite3_column_int(st, 5);
		x->nnutrients = sqlite3_column_int(st, 6);
		at[id] = text.len + 1; /* 0: no document */
		if ((rc = cl_buf_append(&text, segs, (size_t)sqlite3_column_bytes(st, 2) + 1)))
			goto cleanup;
	}
	if (step != SQLITE_DONE) {
		rc = docs_error(db);
		goto cleanup;
	}
	for (size_t i = 0; i < d->n; i++)
		d->doc[i].segs = at[i] ? text.data + at[i] - 1 : NULL;
	d->text = text.data;
	text.data = NULL;
	d->held = 1;
cleanup:
	sqlite3_finalize(st);
	free(at);
	cl_buf_free(&text);
	if (rc) {
		free(d->doc);
		free(d->note);
		d->doc = NULL;
		d->note = NULL;
		d->n = 0;
	}
	return rc;
}

int cl_search_docs_get(const cl_search_docs **out, cl_fooddb *db)
{
	cl_search_docs **slot = cl_fooddb_search_docs(db), *d = *slot;
	int rc;

	*out = NULL;
	if (!d) {
		if (!(d = calloc(1, sizeof(*d))))
			return cl_error_oom();
		*slot = d;
	}
	if (d->held == 0 && d->searches++ >= CL_SEARCH_DOCS_AFTER &&
	    (rc = load(d, cl_fooddb_sqlite(db)))) {
		/* (out of memory): not again on every later search, each of
		 * which would re-read every row and fail alike; they read the
		 * database, as for an index too big to hold, with the same
		 * answers */
		d->held = -1;
		return rc;
	}
	if (d->held == 1)
		*out = d;
	return CL_OK;
}

const cl_search_doc *cl_search_docs_find(const cl_search_docs *docs, long long docid)
{
	if (docid < 0 || (unsigned long long)docid >= docs->n || !docs->doc[docid].segs)
		return NULL;
	return &docs->doc[docid];
}

void **cl_search_docs_note(const cl_search_docs *docs, const cl_search_doc *d)
{
	return &docs->note[d - docs->doc];
}

void cl_search_docs_free(cl_search_docs *docs)
{
	if (!docs)
		return;
	for (size_t i = 0; docs->note && i < docs->n; i++)
		free(docs->note[i]);
	free(docs->note);
	free(docs->doc);
	free(docs->text);
	free(docs);
}

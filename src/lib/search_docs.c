/*
 * The search documents held in memory for a handle that searches often
 * (see search_docs.h for when and why).  One array indexed by document id,
 * whose segs point into one block of text, so that a lookup is an index,
 * and beside it the documents' slots for what the search keeps of them,
 * and a hash table of the FTS5 terms asked for, each with its rowids, from
 * which an expression of terms is answered with one bit per document.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fooddb_internal.h"
#include "search_docs.h"
#include "util.h"

/* One term of an FTS5 expression (as the expression quotes it: "\"onion\"")
 * and what FTS5 answers for it alone. */
typedef struct {
	char *term; /* NULL: an empty slot */
	uint32_t *ids; /* its rowids in order, if read (listed) */
	size_t n;
	int listed; /* ids read; else only whether any row holds it (has) */
	int has;
} held_term;

/* The terms asked so far, by hash of the term (open addressing). */
typedef struct {
	held_term *slot;
	size_t mask; /* slots - 1, a power of two less one; 0 before the first */
	size_t used;
	size_t nids; /* rowids held over every term, at most CL_SEARCH_TERM_IDS_MAX */
} term_cache;

struct cl_search_docs {
	unsigned searches;  /* searches counted on the handle so far */
	int held;           /* 1 loaded, -1 never (too many documents, or the load
			       failed), 0 not yet */
	cl_search_doc *doc; /* by document id; segs NULL where there is none */
	void **note;        /* cl_search_docs_note(), by document id */
	size_t n;
	char *text; /* every document's segs, each ending in a NUL */
	term_cache *terms; /* mutable behind the documents, as the notes are */
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
	if (!(d->terms = calloc(1, sizeof(*d->terms)))) {
		rc = cl_error_oom();
		goto cleanup;
	}
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

static size_t term_hash(const char *term, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)term[i]) * 1099511628211ull;
	return (size_t)(h ^ (h >> 29));
}

/* The slot of term [term, term + len): its entry, or the empty slot where
 * it goes. */
static held_term *term_slot(const term_cache *tc, const char *term, size_t len)
{
	for (size_t h = term_hash(term, len) & tc->mask;; h = (h + 1) & tc->mask) {
		held_term *t = &tc->slot[h];
		if (!t->term || (strncmp(t->term, term, len) == 0 && t->term[len] == '\0'))
			return t;
	}
}

/* The entry of term, made (not listed, has unknown) if new; NULL when the
 * cache is full (*oom 0: the caller asks FTS5) or memory is short (*oom 1). */
static held_term *term_entry(term_cache *tc, const char *term, size_t len, int *oom)
{
	*oom = 0;
	if (tc->mask) {
		held_term *t = term_slot(tc, term, len);
		if (t->term)
			return t;
	}
	if (tc->used >= CL_SEARCH_TERMS_MAX)
		return NULL;
	*oom = 1;
	if (2 * (tc->used + 1) > tc->mask + 1) { /* grow at half full */
		size_t size = tc->mask ? 2 * (tc->mask + 1) : 256;
		held_term *old = tc->slot, *grown = calloc(size, sizeof(*grown));
		size_t old_size = tc->mask ? tc->mask + 1 : 0;
		if (!grown)
			return NULL;
		tc->slot = grown;
		tc->mask = size - 1;
		for (size_t i = 0; i < old_size; i++)
			if (old[i].term)
				*term_slot(tc, old[i].term, strlen(old[i].term)) = old[i];
		free(old);
	}
	held_term *t = term_slot(tc, term, len);
	if (!(t->term = malloc(len + 1)))
		return NULL;
	memcpy(t->term, term, len);
	t->term[len] = '\0';
	t->has = -1;
	tc->used++;
	*oom = 0;
	return t;
}

/* Reads term's rowids from FTS5 once: 1 when listed, 0 when FTS5 refuses
 * the term alone or the cache is full (the caller asks FTS5 the whole
 * expression then, which answers or fails as it always did), -1 when
 * memory is short. */
static int term_list(term_cache *tc, cl_fooddb *fdb, held_term *t)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int step;
	if (t->listed)
		return 1;
	if (tc->nids >= CL_SEARCH_TERM_IDS_MAX ||
	    !(st = cl_fooddb_stmt(fdb, "SELECT rowid FROM food_fts WHERE food_fts MATCH ?1")))
		return 0;
	sqlite3_bind_text(st, 1, t->term, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		uint32_t *grown = cl_array_room(t->ids, &cap, t->n, sizeof(*grown), 16);
		if (!grown) {
			sqlite3_reset(st);
			free(t->ids); /* not listed: read whole, or not at all */
			t->ids = NULL;
			t->n = 0;
			return -1;
		}
		t->ids = grown;
		/* (an id no document can have is passed over, as the reads of
		 * FTS5's rowids pass over ids cl_search_docs_find lacks) */
		if (id >= 0 && id < UINT32_MAX)
			t->ids[t->n++] = (uint32_t)id;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		free(t->ids);
		t->ids = NULL;
		t->n = 0;
		return 0;
	}
	t->listed = 1;
	t->has = t->n > 0;
	tc->nids += t->n;
	return 1;
}

/* Reads `("a" OR "b")` at *p into the bit set group (of words 64-bit
 * words): 1 and *p past it; 0 if it is not of that form or a term is not
 * listed; -1 when memory is short.  *beyond is set when a term has a rowid
 * past the last document (left out of the set). */
static int read_group(const cl_search_docs *docs, cl_fooddb *fdb, const char **p,
		      uint64_t *group, size_t words, int *beyond)
{
	const char *s = *p;
	memset(group, 0, words * sizeof(*group));
	if (*s++ != '(')
		return 0;
	for (;;) {
		const char *end;
		if (*s != '"' || !(end = strchr(s + 1, '"')))
			return 0;
		int oom;
		held_term *t = term_entry(docs->terms, s, (size_t)(end + 1 - s), &oom);
		int listed = t ? term_list(docs->terms, fdb, t) : oom ? -1 : 0;
		if (listed <= 0)
			return listed;
		for (size_t i = 0; i < t->n; i++)
			if (t->ids[i] < docs->n) /* no document past the last */
				group[t->ids[i] >> 6] |= 1ull << (t->ids[i] & 63);
			else
				*beyond = 1;
		s = end + 1;
		if (*s == ')')
			break;
		if (strncmp(s, " OR ", 4) != 0)
			return 0;
		s += 4;
	}
	*p = s + 1;
	return 1;
}

/* The rowids expr selects, as bits over the documents' ids, into all
 * (and group, for each group's own): *answered 0 when expr is not of
 * build_match's form or a term is not listed; *beyond as read_group's. */
static int select_bits(const cl_search_docs *docs, cl_fooddb *fdb, const char *expr,
		       uint64_t *all, uint64_t *group, size_t words, int *answered, int *beyond)
{
	char joiner = 0;
	int got;
	*answered = 0;
	for (const char *p = expr; *p;) {
		char j = 0;
		if (p != expr) {
			j = strncmp(p, " AND ", 5) == 0 ? 'A' : strncmp(p, " OR ", 4) == 0 ? 'O' : 0;
			if (!j || (joiner && j != joiner))
				return CL_OK; /* not of build_match's form: FTS5 reads it */
			joiner = j;
			p += j == 'A' ? 5 : 4;
		}
		if ((got = read_group(docs, fdb, &p, j ? group : all, words, beyond)) <= 0)
			return got < 0 ? cl_error_oom() : CL_OK;
		for (size_t w = 0; j && w < words; w++)
			all[w] = j == 'A' ? all[w] & group[w] : all[w] | group[w];
	}
	*answered = 1;
	return CL_OK;
}

/* select_bits() into a bit set it allocates (*all, the caller frees it;
 * NULL and *answered 0 for an empty expr or no documents), one bit per
 * document id. */
static int selected_rows(const cl_search_docs *docs, cl_fooddb *fdb, const char *expr,
			 uint64_t **all, int *answered, int *beyond)
{
	size_t words = (docs->n + 63) / 64;
	uint64_t *group = NULL;
	int rc = CL_OK;

	*all = NULL;
	*answered = 0;
	*beyond = 0;
	if (!*expr || !words)
		return CL_OK;
	if (!(*all = malloc(words * sizeof(**all))) || !(group = malloc(words * sizeof(*group)))) {
		rc = cl_error_oom();
		goto cleanup;
	}
	rc = select_bits(docs, fdb, expr, *all, group, words, answered, beyond);
cleanup:
	free(group);
	return rc;
}

int cl_search_docs_exists(const cl_search_docs *docs, cl_fooddb *fdb, const char *expr,
			  int *has, int *answered)
{
	size_t words = (docs->n + 63) / 64;
	uint64_t *all = NULL;
	int rc, beyond;

	*has = 0;
	if ((rc = selected_rows(docs, fdb, expr, &all, answered, &beyond)) || !*answered)
		goto cleanup;
	/* any rowid at all, with a document or not, as FTS5 would find */
	for (size_t w = 0; w < words && !*has; w++)
		*has = all[w] != 0;
	/* a rowid past the documents is in no bit set: only FTS5 can say
	 * whether it would have been found */
	if (!*has && beyond)
		*answered = 0;
cleanup:
	free(all);
	return rc;
}

int cl_search_docs_match(const cl_search_docs *docs, cl_fooddb *fdb, const char *expr,
			 size_t max, uint32_t *ids, size_t *n, int *answered)
{
	size_t words = (docs->n + 63) / 64;
	uint64_t *all = NULL;
	int rc, beyond;

	*n = 0;
	if ((rc = selected_rows(docs, fdb, expr, &all, answered, &beyond)) || !*answered)
		goto cleanup;
	/* in document order, passing over ids with no document, as the read
	 * of FTS5's rowids does */
	for (size_t w = 0; w < words && *n < max; w++)
		for (uint64_t bits = all[w]; bits && *n < max; bits &= bits - 1) {
			size_t id = w * 64 + (size_t)__builtin_ctzll(bits);
			if (docs->doc[id].segs)
				ids[(*n)++] = (uint32_t)id;
		}
cleanup:
	free(all);
	return rc;
}

int cl_search_docs_has(const cl_search_docs *docs, const char *term)
{
	const term_cache *tc = docs->terms;
	if (!tc->mask)
		return -1;
	const held_term *t = term_slot(tc, term, strlen(term));
	return t->term ? t->has : -1;
}

int cl_search_docs_know(const cl_search_docs *docs, const char *term, int has)
{
	int oom;
	held_term *t = term_entry(docs->terms, term, strlen(term), &oom);
	if (t)
		t->has = has;
	return oom ? cl_error_oom() : CL_OK;
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
	for (size_t i = 0; docs->terms && docs->terms->mask && i <= docs->terms->mask; i++) {
		free(docs->terms->slot[i].term);
		free(docs->terms->slot[i].ids);
	}
	if (docs->terms)
		free(docs->terms->slot);
	free(docs->terms);
	free(docs);
}

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
 *
 * Such a handle also keeps, for each term its expressions have held, the
 * rowids FTS5 gives for that term alone, and answers a pass's expression
 * (every group, or any, of a few terms each) with bit sets over the
 * document ids, and so whether any name holds such an expression (the typo
 * and brand checks: cl_search_docs_exists): reading a heavy query's 1,200 rows from FTS5 over its passes
 * cost about a third of its instructions, where a bit set costs a few
 * thousand.  A term's rowids are read the first time it is asked for (the
 * whole list, where a pass reads at most 400 rows),
 * so a handle pays once for each word it meets; FTS5 gives the same
 * documents in the same order, so the answers are the same.  The kept
 * terms are bounded (CL_SEARCH_TERMS_MAX, CL_SEARCH_TERM_IDS_MAX: SR24's
 * whole index is 62 thousand rowids); past them FTS5 answers.
 */
#ifndef CL_SEARCH_DOCS_H
#define CL_SEARCH_DOCS_H

#include <stddef.h>
#include <stdint.h>

#include "cramplab/fooddb.h"

#define CL_SEARCH_DOCS_AFTER 64
#define CL_SEARCH_DOCS_MAX 200000
/* The terms whose answers a handle keeps, and the rowids over all of them
 * (SR24's whole index is some 62 thousand). */
#define CL_SEARCH_TERMS_MAX 65536
#define CL_SEARCH_TERM_IDS_MAX 4000000

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

/*
 * The held documents an FTS5 expression of build_match's form selects
 * (`("a" OR "b") AND ("c")`: groups of quoted terms, one joiner between
 * every two), in document order, at most max of them, into ids (room for
 * max): *answered 1 with *n of them, the documents FTS5's rowids give,
 * passed through cl_search_docs_find, in the same order.  Each term's
 * rowids are read from FTS5 the first time any expression holds it (on
 * fdb, the handle the documents belong to) and kept.  *answered 0 (no
 * error) when the expression is of another form, FTS5 refuses a term
 * alone, or the handle keeps as many terms as it may: ask FTS5 then.
 */
int cl_search_docs_match(const cl_search_docs *docs, cl_fooddb *fdb, const char *expr,
			 size_t max, uint32_t *ids, size_t *n, int *answered);

/*
 * Whether FTS5 finds any row for expr (of cl_search_docs_match's form), from
 * the kept terms: *answered 1 with *has, or 0 (no error) when FTS5 must be
 * asked (as for cl_search_docs_match, or when a term has a rowid past the
 * last document and no held document answers).  The typo and brand checks
 * ask whether some name holds two words (`("a") AND ("b")`) a few hundred
 * times a heavy search, each some 20 thousand instructions through FTS5.
 */
int cl_search_docs_exists(const cl_search_docs *docs, cl_fooddb *fdb, const char *expr,
			  int *has, int *answered);

/* Whether FTS5 finds a row for the quoted term ("\"onion\""), as far as
 * the handle has kept: 1 or 0, or -1 if not known yet. */
int cl_search_docs_has(const cl_search_docs *docs, const char *term);

/* Keeps FTS5's answer for the quoted term (a full cache keeps nothing). */
int cl_search_docs_know(const cl_search_docs *docs, const char *term, int has);

void cl_search_docs_free(cl_search_docs *docs);

#endif

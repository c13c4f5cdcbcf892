/*
 * Food search.  FTS5 finds the candidate foods whose names hold every word
 * of the query (porter stemming makes "bananas" find "banana"); each
 * candidate is then scored in C, because what a person means by "milk" is
 * not what BM25 alone ranks first: the words that name the food itself
 * (the head of an SR name, before the first comma) count most, and baby
 * foods, restaurant and branded items give way to generic foods unless the
 * query asks for them.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/fooddb.h"
#include "error.h"
#include "search_index.h"
#include "textfold.h"

#define MAX_QUERY_BYTES 1000
#define MAX_QUERY_WORDS 16
#define MAX_CANDIDATES 2000

int cl_search_index_create(sqlite3 *db)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db,
			      "CREATE VIRTUAL TABLE food_fts USING fts5(head, name, content='',"
			      " tokenize='porter unicode61 remove_diacritics 2');",
			      NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		rc = cl_error_set(CL_EDB, "cannot create the search index: %s", msg ? msg : "");
		sqlite3_free(msg);
		return rc;
	}
	return CL_OK;
}

int cl_search_index_build(sqlite3 *db)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int rc = CL_OK;

	if (sqlite3_prepare_v2(db, "SELECT id, name, folded FROM food", -1, &sel, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO food_fts(rowid, head, name) VALUES(?,?,?)", -1,
			       &ins, NULL)) {
		rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
		goto cleanup;
	}
	while (sqlite3_step(sel) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(sel, 1);
		const char *comma = strchr(name, ',');
		char *head = NULL;
		char *raw = strndup(name, comma ? (size_t)(comma - name) : strlen(name));
		if (!raw) {
			rc = cl_error_oom();
			goto cleanup;
		}
		rc = cl_fold(&head, raw);
		free(raw);
		if (rc)
			goto cleanup;
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
		sqlite3_bind_text(ins, 2, head, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, (const char *)sqlite3_column_text(sel, 2), -1,
				  SQLITE_TRANSIENT);
		free(head);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
			goto cleanup;
		}
		sqlite3_reset(ins);
	}
cleanup:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

/* Group codes whose foods rank below generic foods unless asked for. */
static double group_penalty(const char *group)
{
	static const char *const low[] = {"0300", "2100", "3600", "2200", "3500", NULL};
	for (int i = 0; low[i]; i++)
		if (strcmp(group, low[i]) == 0)
			return 4.0;
	return 0.0;
}

/* Builds `"w1"* AND "w2"*` from the folded query. */
static int build_match(char **out, const char *folded)
{
	size_t cap = strlen(folded) * 2 + 64;
	char *m = malloc(cap);
	size_t len = 0;
	int words = 0;

	if (!m)
		return cl_error_oom();
	for (const char *p = folded; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ')
			p++;
		if (++words > MAX_QUERY_WORDS)
			break;
		len += (size_t)snprintf(m + len, cap - len, "%s\"%.*s\"*", words > 1 ? " AND " : "",
					(int)(p - start), start);
	}
	m[len] = '\0';
	if (words == 0) {
		free(m);
		return cl_error_set(CL_EINVAL, "the search has no words to look for");
	}
	*out = m;
	return CL_OK;
}

int cl_food_search(cl_food_hits *out, cl_fooddb *fdb, const char *query, size_t limit)
{
	sqlite3 *db = cl_fooddb_sqlite(fdb);
	sqlite3_stmt *st = NULL;
	char *folded = NULL, *match = NULL;
	cl_food_hit *hits = NULL;
	size_t n = 0, cap = 0;
	int rc;

	out->hits = NULL;
	out->count = 0;
	if (strlen(query) > MAX_QUERY_BYTES)
		return cl_error_set(CL_EINVAL, "the search is too long (at most %d bytes)",
				    MAX_QUERY_BYTES);
	if ((rc = cl_fold(&folded, query)) || (rc = build_match(&match, folded)))
		goto cleanup;
	if (sqlite3_prepare_v2(db,
			       "SELECT f.ndb, f.name, coalesce(f.group_code, ''),"
			       " bm25(food_fts, 5.0, 1.0), length(f.name)"
			       " FROM food_fts JOIN food f ON f.id = food_fts.rowid"
			       " WHERE food_fts MATCH ?1 ORDER BY rank LIMIT ?2",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = cl_error_set(CL_EDB, "search: %s", sqlite3_errmsg(db));
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, MAX_CANDIDATES);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			cl_food_hit *grown = realloc(hits, ncap * sizeof(*hits));
			if (!grown) {
				rc = cl_error_oom();
				goto cleanup;
			}
			hits = grown;
			cap = ncap;
		}
		cl_food_hit *h = &hits[n];
		memset(h, 0, sizeof(*h));
		snprintf(h->ndb, sizeof(h->ndb), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(h->group_code, sizeof(h->group_code), "%s",
			 (const char *)sqlite3_column_text(st, 2));
		h->name = strdup((const char *)sqlite3_column_text(st, 1));
		if (!h->name) {
			rc = cl_error_oom();
			goto cleanup;
		}
		n++;
		h->score = -sqlite3_column_double(st, 3) - group_penalty(h->group_code) -
			   0.01 * sqlite3_column_int(st, 4);
	}
	if (step != SQLITE_DONE) {
		rc = cl_error_set(CL_EDB, "search: %s", sqlite3_errmsg(db));
		goto cleanup;
	}
	/* Stable order: score, then NDB number. */
	for (size_t i = 1; i < n; i++) {
		cl_food_hit tmp = hits[i];
		size_t j = i;
		while (j > 0 && (hits[j - 1].score < tmp.score ||
				 (hits[j - 1].score == tmp.score && strcmp(hits[j - 1].ndb, tmp.ndb) > 0))) {
			hits[j] = hits[j - 1];
			j--;
		}
		hits[j] = tmp;
	}
	for (size_t i = limit; i < n; i++)
		free(hits[i].name);
	out->hits = hits;
	out->count = n < limit ? n : limit;
	hits = NULL;
	n = 0;
cleanup:
	for (size_t i = 0; i < n; i++)
		free(hits[i].name);
	free(hits);
	sqlite3_finalize(st);
	free(folded);
	free(match);
	return rc;
}

void cl_food_hits_free(cl_food_hits *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->count; i++)
		free(h->hits[i].name);
	free(h->hits);
	h->hits = NULL;
	h->count = 0;
}

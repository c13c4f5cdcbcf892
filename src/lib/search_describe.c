/*
 * Describing words of a food search, written into the index at import.
 *
 * A query names a food and often says how it was cooked ("onions fried"),
 * which part or shape it is ("cauliflower florets") or what it is without
 * ("apple sauce no sugar").  SR names say these things in their own words,
 * or not at all for a given food, so read as food words they pull in other
 * foods ("pita pocket" -> LEAN POCKETS) or make the food's describing word
 * a wanted ingredient ("no sugar" -> granulated sugar).  The knowledge of
 * which words are such describing words and which SR wordings stand for
 * each is data (data/search_describe.tsv, one reviewed row a phrase); this
 * module checks it and writes it to search_desc, keyed by the folded query
 * phrase, for search.c to read.  Checked here rather than at search time so
 * a malformed row fails the import with its line number.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "search_index.h"
#include "textfold.h"

/* Room for the alternatives a search group keeps (search.c's MAX_ALTS). */
#define DESC_MAX_ALTS 6

typedef struct {
	sqlite3 *db;
	sqlite3_stmt *ins;
} desc_ctx;

static int add_desc(void *arg, char **f, const char *path, int line)
{
	desc_ctx *c = arg;
	char *phrase = NULL, *repl = NULL;
	int rc = CL_OK, words = 1, alts = 1;

	if (strcmp(f[0], "method") != 0 && strcmp(f[0], "part") != 0 && strcmp(f[0], "not") != 0)
		return cl_error_set(CL_EINVAL, "%s line %d: kind '%s' is not method, part or not",
				    path, line, f[0]);
	if ((rc = cl_fold(&phrase, f[1])) || (rc = cl_fold(&repl, f[2])))
		goto cleanup;
	/* the folded phrase is what the query side looks up: one to three words */
	if (!*phrase || !*repl) {
		rc = cl_error_set(CL_EINVAL, "%s line %d: empty phrase or wordings", path, line);
		goto cleanup;
	}
	for (const char *p = phrase; *p; p++)
		words += *p == ' ';
	/* folding turns "|" into a space: take the alternatives from the raw field */
	free(repl);
	repl = strdup(f[2]);
	if (!repl) {
		rc = cl_error_oom();
		goto cleanup;
	}
	for (const char *p = repl; *p; p++) {
		alts += *p == '|';
		if (*p == ' ' && strcmp(f[0], "not") != 0) {
			rc = cl_error_set(CL_EINVAL, "%s line %d: a %s wording is one word", path,
					  line, f[0]);
			goto cleanup;
		}
		if (*p != '|' && *p != ' ' && !(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9')) {
			rc = cl_error_set(CL_EINVAL, "%s line %d: wordings are lower-case words",
					  path, line);
			goto cleanup;
		}
	}
	if (words > 3 || alts > DESC_MAX_ALTS) {
		rc = cl_error_set(CL_EINVAL, "%s line %d: at most 3 words and %d wordings", path,
				  line, DESC_MAX_ALTS);
		goto cleanup;
	}
	sqlite3_bind_text(c->ins, 1, phrase, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 2, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 3, repl, -1, SQLITE_STATIC);
	if (sqlite3_step(c->ins) != SQLITE_DONE)
		rc = cl_error_set(CL_EINVAL, "%s line %d: %s", path, line, sqlite3_errmsg(c->db));
	sqlite3_reset(c->ins);
cleanup:
	free(phrase);
	free(repl);
	return rc;
}

int cl_search_describe_write(sqlite3 *db)
{
	desc_ctx c = {db, NULL};
	int rc;
	if (sqlite3_prepare_v2(db, "INSERT INTO search_desc(phrase, kind, repl) VALUES(?,?,?)", -1,
			       &c.ins, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
	rc = cl_search_read_tsv(CL_SEARCH_DESCRIBE_FILE, 4, add_desc, &c);
	sqlite3_finalize(c.ins);
	return rc;
}

/*
 * Foods the USDA SR24 data lacks, written into the food database at import.
 *
 * A person writes "green tea", "kombucha" or "a bloody mary"; SR24 has none
 * of them, and a search for their words finds another food that shares one
 * ("Tea, black", "Blood sausage"), which a diary line would take without a
 * word.  Which foods SR lacks, and the SR food nearest to each that a person
 * could write instead, are facts checked against SR24, so they are data
 * (data/absent_foods.tsv, one reviewed row a food with its reason).  This
 * module checks each row (a phrase of one to three words, an NDB number that
 * is in the database) and writes search_absent, keyed by the phrase folded
 * and singular as the diary parser reads a line's words, for diary.c to
 * read.  Checked here, at import, so that a bad row fails the import with
 * its line number rather than a diary line later.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "quantity.h"
#include "search_index.h"
#include "textfold.h"

typedef struct {
	sqlite3 *db;
	sqlite3_stmt *ins;
	sqlite3_stmt *food;
} absent_ctx;

/* The phrase folded, each word singular ("green teas" -> "green tea"), as
 * diary.c's words_of() reads a line; the number of words, 0 if none. */
static int absent_key(char *out, size_t cap, int *words, const char *phrase)
{
	char *folded = NULL;
	int rc = cl_fold(&folded, phrase);
	size_t len = 0;
	*words = 0;
	out[0] = '\0';
	if (rc)
		return rc;
	for (const char *p = folded; *p;) {
		char word[48], one[48];
		size_t n = strcspn(p, " ");
		if (n && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			cl_singular(one, sizeof(one), word);
			size_t ol = strlen(one);
			if (len + ol + 2 > cap)
				break;
			if (len)
				out[len++] = ' ';
			memcpy(out + len, one, ol + 1);
			len += ol;
			(*words)++;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	free(folded);
	return CL_OK;
}

static int add_absent(void *arg, char **f, const char *path, int line)
{
	absent_ctx *c = arg;
	char key[160];
	int words = 0, rc;

	if ((rc = absent_key(key, sizeof(key), &words, f[0])))
		return rc;
	if (words < 1 || words > 3)
		return cl_error_set(CL_EINVAL, "%s line %d: a phrase is one to three words", path,
				    line);
	/* the nearest food must be one a person can write: in this database */
	sqlite3_bind_text(c->food, 1, f[1], -1, SQLITE_STATIC);
	int found = sqlite3_step(c->food);
	sqlite3_reset(c->food);
	if (found != SQLITE_ROW)
		return cl_error_set(CL_EINVAL, "%s line %d: NDB '%s' is not in the food data", path,
				    line, f[1]);
	if (!f[2][0])
		return cl_error_set(CL_EINVAL, "%s line %d: a row needs its reason", path, line);
	sqlite3_bind_text(c->ins, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 2, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 3, f[1], -1, SQLITE_STATIC);
	if (sqlite3_step(c->ins) != SQLITE_DONE)
		rc = cl_error_set(CL_EINVAL, "%s line %d: %s", path, line, sqlite3_errmsg(c->db));
	sqlite3_reset(c->ins);
	return rc;
}

int cl_search_absent_write(sqlite3 *db)
{
	absent_ctx c = {db, NULL, NULL};
	int rc;
	if (sqlite3_prepare_v2(db, "INSERT INTO search_absent(phrase, written, ndb) VALUES(?,?,?)",
			       -1, &c.ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT 1 FROM food WHERE ndb = ?", -1, &c.food, NULL) !=
		    SQLITE_OK) {
		rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
		goto cleanup;
	}
	rc = cl_search_read_tsv(CL_SEARCH_ABSENT_FILE, 3, add_absent, &c);
cleanup:
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.food);
	return rc;
}

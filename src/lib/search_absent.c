/*
 * Foods the USDA SR24 data lacks, written into the food database at import.
 *
 * A person writes "green tea", "kombucha" or "a bloody mary"; SR24 has none
 * of them, and a search for their words finds another food that shares one
 * ("Tea, black", "Blood sausage"), which a diary line would take without a
 * word.  Which foods SR lacks, and the SR food nearest to each that a person
 * could write instead, are facts checked against SR24, so they are data
 * (data/absent_foods.tsv, one reviewed row a food with its reason).  This
 * module checks each row (a phrase of one to three words, an NDB number, a
 * reason), keeps those whose nearest food the release has, and writes
 * search_absent, keyed by the phrase folded and stemmed as the search index
 * stems words.  Checked here, at import, so that a bad row (a word longer
 * than the search looks at, whose key would be another phrase, too) fails
 * the import with its line number rather than a diary line later.
 *
 * cl_food_absent() reads it back for the diary parser and for food search:
 * phrases of one to three of the text's words, longest first, that are the
 * head of the food's name.  The name is the text before a comma, a bracket
 * or "with"; the phrase must end it, or be followed only by words that leave
 * it the food named (the kind or piece it is written as, "oolong tea",
 * "sushi roll"; how it is served, "hot", "unsweetened").  Any other word
 * after it names another food that the phrase only describes: "green tea ice
 * cream", "kimchi fried rice" are the ice cream and the rice.  A phrase of
 * data/search_synonyms.tsv one word longer around the words ("sushi rice")
 * is a food the search reads through the synonym, not the absent one.  A
 * database imported before the table existed names no absent food.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/fooddb.h"
#include "error.h"
#include "fooddb_internal.h"
#include "search_index.h"
#include "textfold.h"

typedef struct {
	sqlite3 *db;
	sqlite3_stmt *ins;
	sqlite3_stmt *food;
} absent_ctx;

/* One word of folded text, stemmed as the search index stems it
 * ("teas" -> "tea"; "smoothie", "smoothies" -> "smoothy": the plural's stem),
 * into one; its length, 0 when the word is longer than CL_SEARCH_WORD_MAX
 * (cut, it would be another word). */
static size_t absent_word(char one[CL_SEARCH_WORD_MAX + 1], const char *p, size_t n)
{
	if (!n || n > CL_SEARCH_WORD_MAX)
		return 0;
	size_t ol = cl_search_stem(one, p, n);
	if (ol >= 3 && strcmp(one + ol - 2, "ie") == 0) {
		one[ol - 2] = 'y';
		one[--ol] = '\0';
	}
	return ol;
}

/* A row's phrase folded and stemmed word by word ("green teas" -> "green
 * tea"): its key, and the number of words.  *whole is false when a word is
 * longer than the search looks at or the key does not fit cap: a key cut
 * short would be another phrase. */
static int absent_key(char *out, size_t cap, int *words, bool *whole, const char *phrase)
{
	char *folded = NULL;
	int rc = cl_fold(&folded, phrase);
	size_t len = 0;
	*words = 0;
	*whole = true;
	out[0] = '\0';
	if (rc)
		return rc;
	for (const char *p = folded + strspn(folded, " "); *p;) {
		char one[CL_SEARCH_WORD_MAX + 1];
		size_t n = strcspn(p, " ");
		size_t ol = absent_word(one, p, n);
		if (!ol || len + ol + 2 > cap) {
			*whole = false;
			break;
		}
		if (len)
			out[len++] = ' ';
		memcpy(out + len, one, ol + 1);
		len += ol;
		(*words)++;
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
	bool whole = true;

	if ((rc = absent_key(key, sizeof(key), &words, &whole, f[0])))
		return rc;
	if (!whole)
		return cl_error_set(CL_EINVAL,
				    "%s line %d: a word of the phrase is longer than %d letters, or"
				    " the phrase is too long",
				    path, line, CL_SEARCH_WORD_MAX);
	if (words < 1 || words > 3)
		return cl_error_set(CL_EINVAL, "%s line %d: a phrase is one to three words", path,
				    line);
	if (strlen(f[1]) != 5 || strspn(f[1], "0123456789") != 5)
		return cl_error_set(CL_EINVAL, "%s line %d: '%s' is not an NDB number", path, line,
				    f[1]);
	if (!f[2][0])
		return cl_error_set(CL_EINVAL, "%s line %d: a row needs its reason", path, line);
	/* the nearest food must be one a person can write: a release without it
	 * (a part of SR imported from its ASCII files) cannot name it, so the
	 * row is left out (tests/sh/absent_foods.sh checks SR24 has them all) */
	sqlite3_bind_text(c->food, 1, f[1], -1, SQLITE_STATIC);
	int found = sqlite3_step(c->food);
	sqlite3_reset(c->food);
	if (found == SQLITE_DONE)
		return CL_OK;
	if (found != SQLITE_ROW)
		return cl_error_set(CL_EDB, "%s line %d: looking up NDB %s: %s", path, line, f[1],
				    sqlite3_errmsg(c->db));
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

/* Looks the phrase up with the handle's kept statement sql: *found, and the
 * row's two text columns into a (cap an) and b (cap bn) when found. */
static int absent_row(bool *found, cl_fooddb *db, const char *sql, const char *phrase, char *a,
		      size_t an, char *b, size_t bn)
{
	sqlite3_stmt *st = cl_fooddb_stmt(db, sql);
	*found = false;
	if (!st)
		return CL_EDB; /* (the error is set) */
	sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW && a) {
		snprintf(a, an, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(b, bn, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	*found = step == SQLITE_ROW;
	int rc = step == SQLITE_ROW || step == SQLITE_DONE
			 ? CL_OK
			 : cl_error_set(CL_EDB, "reading the absent foods: %s",
					sqlite3_errmsg(cl_fooddb_sqlite(db)));
	sqlite3_reset(st);
	return rc;
}

/* The words [from, to) of the key's words, joined by spaces. */
static void key_words(char *out, size_t cap, char words[][CL_SEARCH_WORD_MAX + 1], size_t from,
		      size_t to)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = from; i < to && len < cap; i++) {
		int n = snprintf(out + len, cap - len, "%s%s", len ? " " : "", words[i]);
		if (n < 0 || (size_t)n >= cap - len)
			break;
		len += (size_t)n;
	}
}

#define NAME_WORDS 32

/* The words of the food's name in text, folded and stemmed: the text before
 * a comma or a bracket ("green tea, brewed", "sushi (8 pieces)") and before
 * "with" ("green tea with milk").  A word too long to look at is "", which
 * no phrase holds.  *nw is 0 when the name has more than NAME_WORDS words:
 * where it ends is not known. */
static int name_words(char words[NAME_WORDS][CL_SEARCH_WORD_MAX + 1], size_t *nw, const char *text)
{
	char *name = strndup(text, strcspn(text, ",([{")), *folded = NULL;
	int rc = name ? cl_fold(&folded, name) : cl_error_oom();
	*nw = 0;
	free(name);
	if (rc)
		return rc;
	for (const char *p = folded + strspn(folded, " "); *p; p += strspn(p, " ")) {
		size_t n = strcspn(p, " ");
		if (n == 4 && strncmp(p, "with", 4) == 0)
			break;
		if (*nw == NAME_WORDS) {
			*nw = 0;
			break;
		}
		char *w = words[(*nw)++];
		w[absent_word(w, p, n)] = '\0';
		p += n;
	}
	free(folded);
	return CL_OK;
}

/* Words after an absent food's phrase that leave it the food named: the
 * kind or piece it is written as ("oolong tea", "sushi roll", "sushi
 * pieces") and how it is served ("kombucha unsweetened", "matcha hot").
 * Any other word after it names another food the phrase only describes
 * ("green tea ice cream", "kimchi fried rice", "white tea cake"). */
static bool leaves_food(const char *word)
{
	static const char *const after[] = {"tea",	   "roll",	  "piece", "brewed",
					    "unsweetened", "sweetened",	  "hot",   "iced",
					    "cold",	   "decaf",	  "plain", "decaffeinated"};
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
		char one[CL_SEARCH_WORD_MAX + 1];
		absent_word(one, after[i], strlen(after[i]));
		if (word[0] && strcmp(word, one) == 0)
			return true;
	}
	return false;
}

/* Is words [i, i + len) the head of the name: every word after it one that
 * leaves it the food named, and none of its words too long to look at? */
static bool is_head(char words[][CL_SEARCH_WORD_MAX + 1], size_t nw, size_t i, size_t len)
{
	for (size_t k = i; k < i + len; k++)
		if (!words[k][0])
			return false;
	for (size_t k = i + len; k < nw; k++)
		if (!leaves_food(words[k]))
			return false;
	return true;
}

/* Is there a search_absent table?  (A database imported before it existed
 * names no absent food.) */
static int absent_table(bool *has, cl_fooddb *db)
{
	sqlite3_stmt *st = NULL;
	int step = SQLITE_ERROR;
	if (sqlite3_prepare_v2(cl_fooddb_sqlite(db),
			       "SELECT 1 FROM sqlite_master WHERE type = 'table' AND"
			       " name = 'search_absent'",
			       -1, &st, NULL) == SQLITE_OK)
		step = sqlite3_step(st);
	sqlite3_finalize(st);
	*has = step == SQLITE_ROW;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return cl_error_set(CL_EDB, "reading the absent foods: %s",
				    sqlite3_errmsg(cl_fooddb_sqlite(db)));
	return CL_OK;
}

int cl_food_absent(char **phrase, char nearest[8], cl_fooddb *db, const char *text)
{
	static const char *const sql = "SELECT written, ndb FROM search_absent WHERE phrase = ?";
	static const char *const syn = "SELECT phrase, phrase FROM search_syn WHERE phrase = ?";
	char words[NAME_WORDS][CL_SEARCH_WORD_MAX + 1];
	size_t nw = 0;
	int rc;
	bool has = false;

	*phrase = NULL;
	nearest[0] = '\0';
	if (!cl_fooddb_stmt(db, sql)) {
		if ((rc = absent_table(&has, db)) || has)
			return rc ? rc : CL_EDB; /* (the statement's error is set) */
		cl_error_clear();
		return CL_OK;
	}
	if ((rc = name_words(words, &nw, text)))
		return rc;
	for (size_t len = 3; len >= 1; len--)
		for (size_t i = 0; i + len <= nw; i++) {
			char look[160], written[96], ndb[8], around[200];
			bool found = false, known = false;
			if (!is_head(words, nw, i, len))
				continue;
			key_words(look, sizeof(look), words, i, i + len);
			if ((rc = absent_row(&found, db, sql, look, written, sizeof(written), ndb,
					     sizeof(ndb))))
				return rc;
			if (!found)
				continue;
			if (i > 0) {
				key_words(around, sizeof(around), words, i - 1, i + len);
				if ((rc = absent_row(&known, db, syn, around, NULL, 0, NULL, 0)))
					return rc;
			}
			if (!known && i + len < nw) {
				key_words(around, sizeof(around), words, i, i + len + 1);
				if ((rc = absent_row(&known, db, syn, around, NULL, 0, NULL, 0)))
					return rc;
			}
			if (known)
				continue;
			if (!(*phrase = strdup(written)))
				return cl_error_oom();
			memcpy(nearest, ndb, sizeof(ndb));
			return CL_OK;
		}
	return CL_OK;
}

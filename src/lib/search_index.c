/*
 * Building the food search index.  It runs once, inside the import
 * transaction, after every food is written, and does all the work that
 * would otherwise be repeated at each query: the names are cut into comma
 * segments of folded, plural-folded words (what search.c scores; words in
 * parentheses or between semicolons are asides; a hyphenated compound
 * naming a food, "Balsam-pear", is one word, so it is no pear; a range
 * "70-85%" is "70% 85%"), brand
 * words are told from food words (an ALL-CAPS word, or a "Mc" one such as
 * "McDONALD'S", that never appears in lower case elsewhere), the class of
 * each food is flagged, the foods are numbered best-first so that a
 * bounded candidate read favours generic
 * foods, and the vocabulary with its symmetric-delete keys (a word SR
 * writes only in the plural under its singular's too) is stored for typo
 * correction.  The synonyms file is read here too, so a database is
 * complete on its own and a search never opens a data file; after it, the
 * food words taken from WordNet 3.0 (data/search_wordnet.tsv, made by
 * scripts/wordnet_foods.py), which only fill gaps: a WordNet phrase is kept
 * only when one of its words finds no food and is no hand-written synonym,
 * and a target the hand-written synonyms rewrite is rewritten the same way.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "search_index.h"
#include "textfold.h"
#include "util.h"

/* A leading run of segments shared by at least this many foods is a
 * category path ("Fish", "Beverages", "Chicken, broilers or fryers"), so the
 * segment after it names the food and belongs to the head too. */
#define CATEGORY_MIN_FOODS 10
/* The head is at most this many segments (category path + the food). */
#define HEAD_MAX_SEGS 3

/* SR abbreviations written in capitals that are not brands. */
static const char *const not_brands[] = {"usda", "dha", "ara", "nfs", "rte", "uht", "nfdm", NULL};


/* ---- word helpers shared with search.c ---------------------------------- */

static int ends_with(const char *w, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len >= n && memcmp(w + len - n, suf, n) == 0;
}

size_t cl_search_stem(char *out, const char *word, size_t len)
{
	if (len > CL_SEARCH_WORD_MAX)
		len = CL_SEARCH_WORD_MAX;
	memcpy(out, word, len);
	out[len] = '\0';
	if (len <= 3 || !isalpha((unsigned char)word[len - 1]))
		return len;
	if (len > 4 && ends_with(out, len, "ies")) {
		len -= 3;
		out[len++] = 'y';
	} else if (len > 4 && ends_with(out, len, "ie")) {
		len -= 2;
		out[len++] = 'y';
	} else if (ends_with(out, len, "oes") || ends_with(out, len, "ches") ||
		   ends_with(out, len, "shes") || ends_with(out, len, "xes") ||
		   ends_with(out, len, "sses")) {
		len -= 2;
	} else if (out[len - 1] == 's' && !ends_with(out, len, "ss") &&
		   !ends_with(out, len, "us") && !ends_with(out, len, "is")) {
		len -= 1;
	}
	out[len] = '\0';
	return len;
}

int cl_search_distance(const char *a, size_t la, const char *b, size_t lb, int max)
{
	int d[CL_SEARCH_WORD_MAX + 1][CL_SEARCH_WORD_MAX + 1];

	if (la > CL_SEARCH_WORD_MAX)
		la = CL_SEARCH_WORD_MAX;
	if (lb > CL_SEARCH_WORD_MAX)
		lb = CL_SEARCH_WORD_MAX;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int rowmin = max + 1;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > max)
			return max + 1;
	}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}

int cl_search_typo_budget(size_t len)
{
	/* Four-letter words are too close to too many others ("cafe" is one step
	 * from "cake"): a wrong correction is worse than none. */
	return len >= 7 ? 2 : len >= 5 ? 1 : 0;
}

/* ---- a small string-keyed hash table for the build ---------------------- */

typedef struct {
	char *key;
	long count;   /* foods whose name holds it / whose head it is */
	long heads;   /* search_stat: foods it names (first segment, or a class's food) */
	long nouns;   /* search_stat: names whose food segment it is the noun of */
	long babies;  /* search_stat: names holding it that are baby foods */
	long seen_df, seen_head, seen_noun; /* search_stat: the last name counted */
	int lowercase; /* seen written in lower case, or capitalized opening a name */
} entry;

typedef struct {
	entry *slots;
	size_t cap, used;
} table;

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
	t->slots = NULL;
	t->cap = t->used = 0;
}

static entry *table_find(const table *t, const char *k, size_t n)
{
	if (!t->cap)
		return NULL;
	for (size_t i = hash(k, n) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		entry *e = &t->slots[i];
		if (!e->key)
			return NULL;
		if (strlen(e->key) == n && memcmp(e->key, k, n) == 0)
			return e;
	}
}

static int table_put(entry **out, table *t, const char *k, size_t n)
{
	entry *e = table_find(t, k, n);
	if (e) {
		*out = e;
		return CL_OK;
	}
	if ((t->used + 1) * 2 > t->cap) {
		table grown = {calloc(t->cap ? t->cap * 2 : 1024, sizeof(entry)),
			       t->cap ? t->cap * 2 : 1024, 0};
		if (!grown.slots)
			return cl_error_oom();
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->slots[i].key)
				continue;
			size_t j = hash(t->slots[i].key, strlen(t->slots[i].key)) & (grown.cap - 1);
			while (grown.slots[j].key)
				j = (j + 1) & (grown.cap - 1);
			grown.slots[j] = t->slots[i];
			grown.used++;
		}
		free(t->slots);
		*t = grown;
	}
	size_t i = hash(k, n) & (t->cap - 1);
	while (t->slots[i].key)
		i = (i + 1) & (t->cap - 1);
	e = &t->slots[i];
	e->key = strndup(k, n);
	if (!e->key)
		return cl_error_oom();
	e->count = 0;
	e->lowercase = 0;
	t->used++;
	*out = e;
	return CL_OK;
}

/* ---- cutting a name into segments and words ------------------------------ */

typedef struct {
	char text[CL_SEARCH_WORD_MAX + 1]; /* folded, not stemmed */
	int seg;
	int caps;  /* written ALL-CAPS (3+ letters, no lower case) */
	int upper; /* no lower case, some upper ("AT" in "SOUP AT HAND") */
	int initial; /* starts with a capital ("Hormel", "Atlantic") */
	int paren; /* inside parentheses: an aside ("(cilantro)", "(includes ...)") */
	int popen;  /* the first word after a '(' */
	int hyphen; /* joined to the word before by a hyphen ("Balsam-pear") */
} word;

typedef struct {
	word *w;
	size_t n, cap;
	int nseg;
} words;

static int is_word_byte(unsigned char c)
{
	return isalnum(c) || c == '%' || c >= 0x80;
}

static int add_word(words *ws, const char *folded, size_t len, int seg, int caps, int upper,
		    int initial, int paren)
{
	if (len == 0)
		return CL_OK;
	word *grown = cl_array_room(ws->w, &ws->cap, ws->n, sizeof(*grown), 32);
	if (!grown)
		return cl_error_oom();
	ws->w = grown;
	word *w = &ws->w[ws->n++];
	if (len > CL_SEARCH_WORD_MAX)
		len = CL_SEARCH_WORD_MAX;
	memcpy(w->text, folded, len);
	w->text[len] = '\0';
	w->seg = seg;
	w->caps = caps;
	w->upper = upper;
	w->initial = initial;
	w->paren = paren;
	w->popen = 0;
	w->hyphen = 0;
	return CL_OK;
}

/* Is the word at w (len bytes) a number opening a range of percentages,
 * "70" of "70-85%"? */
static int percent_range(const char *w, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)w[i]))
			return 0;
	const char *p = w + len;
	if (*p++ != '-')
		return 0;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '%';
}

/* Splits a raw SR name into folded words by comma segment.  Commas inside
 * parentheses do not cut ("Chickpeas (garbanzo beans, bengal gram), raw").
 * Semicolons enclose an aside, as parentheses do, the second ending the
 * segment as a comma: SR's fast-food burgers say their size so ("Fast
 * foods, cheeseburger; single, regular patty; plain" is a plain cheeseburger
 * with an aside), and "single" is no cheeseburger's noun (the one name
 * written with commas, "cheeseburger, double, regular patty and bun", was
 * the only cheeseburger named so).  A lone semicolon's aside ends at the
 * next comma ("cheeseburger; double, large patty, with condiments": the
 * size alone, not all that follows). */
static int split_name(words *ws, const char *name)
{
	int seg = 0, depth = 0, rc = CL_OK;
	int semi = 0; /* 1 inside "; ... ;", 2 after a lone ";" (to the next comma) */
	int popen = 0, hyphen = 0;
	ws->n = 0;
	for (const char *p = name; *p;) {
		unsigned char c = (unsigned char)*p;
		popen |= c == '(';
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (c == ';' && depth == 0 && !semi)
			semi = strchr(p + 1, ';') ? 1 : 2;
		else if ((c == ',' || c == ';') && depth == 0 && !(semi == 1 && c == ',')) {
			semi = 0;
			if (ws->n > 0 && ws->w[ws->n - 1].seg == seg)
				seg++;
		}
		if (!is_word_byte(c)) {
			/* a hyphen between two words, nothing else between them */
			hyphen = c == '-' && p > name && is_word_byte((unsigned char)p[-1]);
			p++;
			continue;
		}
		const char *start = p;
		int ascii = 1, upper = 0, lower = 0;
		while (*p && is_word_byte((unsigned char)*p)) {
			unsigned char b = (unsigned char)*p;
			ascii &= b < 0x80;
			upper += isupper(b) != 0;
			lower += islower(b) != 0;
			p++;
		}
		size_t len = (size_t)(p - start);
		/* "McDONALD'S", "McFLURRY": SR writes these brand names in capitals
		 * after a capitalised "Mc", and they are brand words as HORMEL is */
		int mc = lower == 1 && p - start > 3 && start[0] == 'M' && start[1] == 'c';
		int caps = upper >= 3 && (lower == 0 || mc), allup = upper >= 1 && lower == 0;
		if (ascii) {
			char buf[CL_SEARCH_WORD_MAX + 2];
			size_t n = len > CL_SEARCH_WORD_MAX ? CL_SEARCH_WORD_MAX : len;
			for (size_t i = 0; i < n; i++)
				buf[i] = (char)tolower((unsigned char)start[i]);
			/* a range of percentages ("70-85% cacao solids", "45- 59%")
			 * says its first number is one too: "70%" */
			if (n < CL_SEARCH_WORD_MAX && percent_range(start, len))
				buf[n++] = '%';
			rc = add_word(ws, buf, n, seg, caps, allup, isupper((unsigned char)*start) != 0,
				      depth > 0 || semi);
		} else {
			char *raw = strndup(start, len), *folded = NULL;
			if (!raw)
				return cl_error_oom();
			rc = cl_fold(&folded, raw);
			free(raw);
			for (char *q = folded; rc == CL_OK && q && *q;) {
				char *e = strchr(q, ' ');
				size_t n = e ? (size_t)(e - q) : strlen(q);
				rc = add_word(ws, q, n, seg, caps, allup, 0, depth > 0 || semi);
				q += n + (e != NULL);
			}
			free(folded);
		}
		if (rc)
			return rc;
		if (ascii && ws->n > 0) {
			ws->w[ws->n - 1].popen = popen && depth > 0;
			ws->w[ws->n - 1].hyphen = hyphen;
		}
		popen = hyphen = 0;
	}
	ws->nseg = ws->n ? ws->w[ws->n - 1].seg + 1 : 0;
	return rc;
}

/* The first nseg segments as one string ("chicken,broilers or fryers"). */
static size_t head_key(char *buf, size_t cap, const words *ws, int nseg)
{
	size_t len = 0;
	for (size_t i = 0; i < ws->n && ws->w[i].seg < nseg; i++) {
		int n = snprintf(buf + len, cap - len, "%s%s",
				 i == 0 ? "" : ws->w[i].seg != ws->w[i - 1].seg ? "," : " ",
				 ws->w[i].text);
		if (n < 0 || (size_t)n >= cap - len)
			break;
		len += (size_t)n;
	}
	return len;
}

static int is_not_brand(const char *w)
{
	for (int i = 0; not_brands[i]; i++)
		if (strcmp(w, not_brands[i]) == 0)
			return 1;
	return 0;
}

/* Is word i a brand word?  Written ALL-CAPS and never in lower case in SR
 * ("HORMEL"), or one of two or more ALL-CAPS words in a row ("Candies,
 * SPECIAL DARK Chocolate Bar", "CAMPBELL'S SOUP AT HAND"), which SR writes
 * only for a brand or product name even when the words are everyday ones. */
static int brand_word(const words *ws, size_t i, const table *vocab)
{
	const word *w = &ws->w[i];
	if (!w->caps || is_not_brand(w->text))
		return 0;
	const entry *e = table_find(vocab, w->text, strlen(w->text));
	if (e && !e->lowercase)
		return 1;
	int run = 1; /* ALL-CAPS words of 3+ letters in the run of upper-case words */
	for (size_t k = i; k > 0 && ws->w[k - 1].seg == w->seg && ws->w[k - 1].upper; k--)
		run += ws->w[k - 1].caps && !is_not_brand(ws->w[k - 1].text);
	for (size_t k = i + 1; k < ws->n && ws->w[k].seg == w->seg && ws->w[k].upper; k++)
		run += ws->w[k].caps && !is_not_brand(ws->w[k].text);
	return run >= 2;
}

/* Does a maker open the name ("CAMPBELL Soup Company, ...")? */
static int maker_named(const words *ws)
{
	for (size_t i = 0; i < ws->n && ws->w[i].seg == 0; i++)
		if (strcmp(ws->w[i].text, "company") == 0 || strcmp(ws->w[i].text, "inc") == 0)
			return 1;
	return 0;
}

static int class_flags(const char *group, const words *ws, const table *vocab)
{
	int f = 0;
	if (strcmp(group, "0300") == 0)
		f |= CL_SF_BABY;
	if (ws->n && (strcmp(ws->w[0].text, "babyfood") == 0 ||
		      (ws->n > 1 && strcmp(ws->w[0].text, "infant") == 0 &&
		       strcmp(ws->w[1].text, "formula") == 0)))
		f |= CL_SF_BABY;
	if (strcmp(group, "2100") == 0)
		f |= CL_SF_FASTFOOD;
	if (strcmp(group, "3600") == 0)
		f |= CL_SF_RESTAURANT;
	for (size_t i = 0; i < ws->n; i++)
		if (strcmp(ws->w[i].text, "restaurant") == 0)
			f |= CL_SF_RESTAURANT; /* "Rice, white, steamed, Chinese restaurant" */
	if (strcmp(group, "2200") == 0)
		f |= CL_SF_MEAL;
	if (strcmp(group, "3500") == 0)
		f |= CL_SF_ETHNIC;
	for (size_t i = 0; i < ws->n; i++)
		if (brand_word(ws, i, vocab))
			f |= CL_SF_BRANDED;
	if (maker_named(ws))
		f |= CL_SF_BRANDED;
	return f;
}

/* Classes whose foods are products made from the food they name ("Soup,
 * tomato", "Alcoholic beverage, rice (sake)", "Sauce, pasta"), unlike
 * "Fish, salmon" or "Beverages, coffee", which are that food. */
static int product_class(const char *first_word)
{
	static const char *const c[] = {"soup", "sauce", "alcoholic", "frozen", "formulated",
					"energy", NULL};
	for (int i = 0; c[i]; i++)
		if (strcmp(first_word, c[i]) == 0)
			return 1;
	return 0;
}

/* ---- the build ------------------------------------------------------------ */

int cl_search_index_create(sqlite3 *db)
{
	char *msg = NULL;
	int rc = sqlite3_exec(
		db,
		"CREATE VIRTUAL TABLE food_fts USING fts5(words, content='', detail=none,"
		" prefix='2 3', tokenize='porter unicode61 remove_diacritics 2');"
		"CREATE TABLE search_doc(docid INTEGER PRIMARY KEY, food_id INTEGER NOT NULL,"
		" segs TEXT NOT NULL, nhead INTEGER NOT NULL, flags INTEGER NOT NULL,"
		" nmeasures INTEGER NOT NULL, nnutrients INTEGER NOT NULL);"
		"CREATE TABLE search_vocab(word TEXT PRIMARY KEY, freq INTEGER NOT NULL)"
		" WITHOUT ROWID;"
		"CREATE TABLE search_del(del TEXT NOT NULL, word TEXT NOT NULL,"
		" PRIMARY KEY(del, word)) WITHOUT ROWID;"
		"CREATE TABLE search_syn(phrase TEXT PRIMARY KEY, repl TEXT NOT NULL,"
		" note TEXT NOT NULL) WITHOUT ROWID;"
		"CREATE TABLE search_stat(stem TEXT PRIMARY KEY, df INTEGER NOT NULL,"
		" heads INTEGER NOT NULL, nouns INTEGER NOT NULL, babies INTEGER NOT NULL)"
		" WITHOUT ROWID;"
		"CREATE TABLE search_desc(phrase TEXT PRIMARY KEY, kind TEXT NOT NULL,"
		" repl TEXT NOT NULL) WITHOUT ROWID;"
		"CREATE TABLE search_absent(phrase TEXT PRIMARY KEY, written TEXT NOT NULL,"
		" ndb TEXT NOT NULL) WITHOUT ROWID;"
		"CREATE TABLE search_dish(stem TEXT PRIMARY KEY) WITHOUT ROWID;",
		NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		rc = cl_error_set(CL_EDB, "cannot create the search index: %s", msg ? msg : "");
		sqlite3_free(msg);
		return rc;
	}
	return CL_OK;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = cl_error_set(CL_EDB, "search index: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return rc;
	}
	return CL_OK;
}

static int prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
	return CL_OK;
}

static int step_done(sqlite3 *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? CL_OK
						  : cl_error_set(CL_EDB, "search index: %s",
								 sqlite3_errmsg(db));
	sqlite3_reset(st);
	return rc;
}

#define FOOD_SELECT                                                                       \
	"SELECT f.id, f.name, coalesce(f.group_code, ''),"                               \
	" (SELECT count(*) FROM measure m WHERE m.food_id = f.id),"                        \
	" (SELECT count(*) FROM food_nutrient n WHERE n.food_id = f.id) FROM food f"

/* Pass 1: word frequencies (in how many names), case evidence and heads. */
/* ---- hyphenated compound names ----------------------------------------- */

/* SR hyphenates names whose last part is another food's: "Balsam-pear
 * (bitter gourd)", "Custard-apple", "Sugar-apples", "Java-plum",
 * "Jerusalem-artichokes", "Passion-fruit", "Carissa, (natal-plum)".  Read
 * as two words, such a name is a pear, an apple, a plum ("stewed pears"
 * answered the bitter gourd boiled), and its first part names it too
 * ("custard" the Custard-apple).  So a compound naming a food (the last
 * word of the name's first segment, or of an aside opening a segment)
 * whose last part heads other names ("Pears, raw") is indexed as one word,
 * "balsampear", its first part kept beside it as an aside (join_compounds
 * below): the search joins "balsam pear" typed into it as it joins
 * "black berries".  Not when SR also writes the two words apart in lower
 * case ("Hyacinth-beans" and "Hyacinth beans" are one food), nor a
 * compound of three parts ("ready-to-eat") or with a part under three
 * letters.  The table's key is the parts' stems ("balsam pear"). */
static size_t pair_key(char *buf, size_t cap, const char *a, size_t la, const char *b, size_t lb)
{
	if (la > CL_SEARCH_WORD_MAX || lb > CL_SEARCH_WORD_MAX || la + lb + 2 > cap)
		return 0;
	size_t n = cl_search_stem(buf, a, la);
	buf[n++] = ' ';
	return n + cl_search_stem(buf + n, b, lb);
}

/* Do words i and i + 1 stand where a name's compound would name its food? */
static int compound_at(const words *ws, size_t i)
{
	const word *a = &ws->w[i], *b = &ws->w[i + 1];
	const word *after = i + 2 < ws->n ? &ws->w[i + 2] : NULL;
	if (!b->hyphen || a->hyphen || (after && after->hyphen) || strlen(a->text) < 3 ||
	    strlen(b->text) < 3 || a->seg != b->seg || a->paren != b->paren)
		return 0;
	if (!a->paren) /* the last word of the first segment */
		return a->seg == 0 && (!after || after->seg != 0 || after->paren);
	/* an aside opening its segment ("Carissa, (natal-plum), raw") or in
	 * the first, the compound ending it or before its "or" */
	size_t open = i;
	while (open > 0 && !ws->w[open].popen && ws->w[open - 1].paren)
		open--;
	if (!ws->w[open].popen ||
	    (ws->w[open].seg != 0 && open > 0 && ws->w[open - 1].seg == ws->w[open].seg))
		return 0;
	return !after || !after->paren || after->popen || after->seg != b->seg ||
	       strcmp(after->text, "or") == 0;
}

/* Fills compounds with the pairs to join (count > 0). */
static int find_compounds(sqlite3 *db, table *compounds)
{
	sqlite3_stmt *sel = NULL;
	words ws = {0};
	table nouns = {0};
	int rc, step;
	char key[2 * CL_SEARCH_WORD_MAX + 2];

	if ((rc = prepare(db, &sel, "SELECT name FROM food")))
		goto cleanup;
	/* pass 1: the first word of every name, and the compounds */
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		entry *e;
		if ((rc = split_name(&ws, (const char *)sqlite3_column_text(sel, 0))))
			goto cleanup;
		if (ws.n > 0 &&
		    (rc = table_put(&e, &nouns, key,
				    cl_search_stem(key, ws.w[0].text, strlen(ws.w[0].text)))))
			goto cleanup;
		for (size_t i = 0; i + 1 < ws.n; i++) {
			size_t n = compound_at(&ws, i) ? pair_key(key, sizeof(key), ws.w[i].text, strlen(ws.w[i].text),
							   ws.w[i + 1].text, strlen(ws.w[i + 1].text)) : 0;
			if (n && (rc = table_put(&e, compounds, key, n)))
				goto cleanup;
			if (n)
				e->count = 1;
		}
	}
	if (step != SQLITE_DONE)
		goto db_fail;
	sqlite3_reset(sel);
	/* pass 2: a pair written apart (not a brand's capitalised words) is no
	 * compound */
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		if ((rc = split_name(&ws, (const char *)sqlite3_column_text(sel, 0))))
			goto cleanup;
		for (size_t i = 0; i + 1 < ws.n; i++) {
			const word *a = &ws.w[i], *b = &ws.w[i + 1];
			if (b->hyphen || a->seg != b->seg || (a->initial && i > 0) || b->initial)
				continue;
			size_t n = pair_key(key, sizeof(key), a->text, strlen(a->text), b->text,
					    strlen(b->text));
			entry *e = n ? table_find(compounds, key, n) : NULL;
			if (e)
				e->count = 0;
		}
	}
	if (step != SQLITE_DONE)
		goto db_fail;
	/* only a last part that heads names of its own */
	for (size_t i = 0; i < compounds->cap; i++) {
		entry *e = &compounds->slots[i];
		const char *last = e->key ? strchr(e->key, ' ') : NULL;
		if (last && !table_find(&nouns, last + 1, strlen(last + 1)))
			e->count = 0;
	}
	goto cleanup;
db_fail:
	rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
cleanup:
	free(ws.w);
	table_free(&nouns);
	sqlite3_finalize(sel);
	return rc;
}

/* Joins the name's compounds into one word each ("balsampear"), where one
 * names its food and where it is said of another ("Passion-fruit juice").
 * The first part stays before it as an aside ("(passion passionfruit"):
 * "passion", "passion f", a typo of "jerusalem" still reach the food, the
 * last part ("pear") does not, and an aside weighs little ("custard" is
 * still the egg custards first). */
static void join_compounds(words *ws, const table *compounds)
{
	char key[2 * CL_SEARCH_WORD_MAX + 2];
	for (size_t i = 0; i + 1 < ws->n; i++) {
		word *a = &ws->w[i], *b = &ws->w[i + 1];
		size_t la = strlen(a->text), lb = strlen(b->text);
		/* wherever the compound is written ("Passion-fruit juice") */
		int joined = b->hyphen && !a->hyphen && (i + 2 == ws->n || !ws->w[i + 2].hyphen);
		size_t n = joined ? pair_key(key, sizeof(key), a->text, la, b->text, lb) : 0;
		const entry *e = n ? table_find(compounds, key, n) : NULL;
		if (!e || e->count <= 0 || la + lb > CL_SEARCH_WORD_MAX)
			continue;
		memmove(b->text + la, b->text, lb + 1);
		memcpy(b->text, a->text, la);
		b->hyphen = 0;
		a->paren = 1; /* the part only an aside: "custard" is no Custard-apple */
		i++; /* past the joined word */
	}
}

static int gather(sqlite3 *db, table *vocab, table *heads, const table *compounds)
{
	sqlite3_stmt *sel = NULL;
	words ws = {0};
	int rc, step;
	char key[512];

	if ((rc = prepare(db, &sel, "SELECT name FROM food")))
		goto cleanup;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		if ((rc = split_name(&ws, (const char *)sqlite3_column_text(sel, 0))))
			goto cleanup;
		join_compounds(&ws, compounds);
		for (size_t i = 0; i < ws.n; i++) {
			entry *e;
			if ((rc = table_put(&e, vocab, ws.w[i].text, strlen(ws.w[i].text))))
				goto cleanup;
			/* count once per name: skip if the same word came earlier */
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++)
				seen = strcmp(ws.w[j].text, ws.w[i].text) == 0;
			if (!seen)
				e->count++;
			/* a capital inside a name is a proper name ("SPAM
			 * (Hormel)"): not the word's lower-case use */
			if (!ws.w[i].caps && (!ws.w[i].initial || i == 0))
				e->lowercase = 1;
		}
		for (int level = 1; level < HEAD_MAX_SEGS && level < ws.nseg; level++) {
			entry *h;
			if ((rc = table_put(&h, heads, key, head_key(key, sizeof(key), &ws, level))))
				goto cleanup;
			h->count++;
		}
	}
	if (step != SQLITE_DONE)
		rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
cleanup:
	free(ws.w);
	sqlite3_finalize(sel);
	return rc;
}

/* The stemmed words of segment 0 joined by spaces ("cereal ready to eat"). */
static size_t seg0_stems(char *buf, size_t cap, const words *ws)
{
	size_t len = 0;
	for (size_t i = 0; i < ws->n && ws->w[i].seg == 0; i++) {
		if (len + CL_SEARCH_WORD_MAX + 2 > cap)
			break;
		if (len)
			buf[len++] = ' ';
		len += cl_search_stem(buf + len, ws->w[i].text, strlen(ws->w[i].text));
	}
	buf[len] = '\0';
	return len;
}

static void data_path(char *path, size_t cap, const char *file)
{
	const char *dir = getenv("CRAMPLAB_DATA");
	snprintf(path, cap, "%s/%s", dir && *dir ? dir : CL_DATADIR, file);
}

/* Reads a data file of tab-separated lines with `fields` fields (blank lines
 * and # comments skipped), calling fn for each with the fields cut. */
static int read_tsv(const char *file, int fields,
		    int (*fn)(void *arg, char **f, const char *path, int line), void *arg)
{
	char path[4096], line[1024];
	FILE *f;
	int rc = CL_OK, lineno = 0;

	data_path(path, sizeof(path), file);
	if (!(f = fopen(path, "r")))
		return cl_error_set(CL_EIO, "cannot read %s: %s", path, strerror(errno));
	while (rc == CL_OK && fgets(line, sizeof(line), f)) {
		char *fv[4];
		lineno++;
		size_t n = strlen(line);
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			rc = cl_error_set(CL_EINVAL, "%s line %d: line too long", path, lineno);
			break;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		int k = 0;
		for (char *p = line; k < fields; k++) {
			fv[k] = p;
			char *tab = strchr(p, '\t');
			if (k < fields - 1) {
				if (!tab)
					break;
				*tab = '\0';
				p = tab + 1;
			} else if (tab || !*p) {
				k = -1;
				break;
			}
		}
		if (k != fields) {
			rc = cl_error_set(CL_EINVAL, "%s line %d: expected %d fields separated by tabs"
					  " (the last one a note)", path, lineno, fields);
			break;
		}
		rc = fn(arg, fv, path, lineno);
	}
	if (rc == CL_OK && ferror(f))
		rc = cl_error_set(CL_EIO, "cannot read %s: %s", path, strerror(errno));
	fclose(f);
	return rc;
}

int cl_search_read_tsv(const char *file, int fields,
		       int (*fn)(void *arg, char **f, const char *path, int line), void *arg)
{
	return read_tsv(file, fields, fn, arg);
}

static int add_class(void *arg, char **f, const char *path, int line)
{
	table *classes = arg;
	words ws = {0};
	char key[512];
	entry *e;
	int rc = split_name(&ws, f[0]);
	if (rc == CL_OK && ws.n == 0)
		rc = cl_error_set(CL_EINVAL, "%s line %d: no words", path, line);
	if (rc == CL_OK)
		rc = table_put(&e, classes, key, seg0_stems(key, sizeof(key), &ws));
	free(ws.w);
	return rc;
}

/* The usual eaten form of a food (data/search_forms.tsv): the first rule
 * whose SR group prefix and name word match decides. */
typedef struct {
	char group[8];
	char stem[CL_SEARCH_WORD_MAX + 1]; /* "" = any name */
	int cooked;
} form_rule;

typedef struct {
	form_rule *r;
	size_t n, cap;
} form_rules;

static int add_form(void *arg, char **f, const char *path, int line)
{
	form_rules *fr = arg;
	size_t glen = strlen(f[0]);
	int cooked = strcmp(f[2], "cooked") == 0;
	if (glen == 0 || glen >= sizeof(fr->r[0].group) || strspn(f[0], "0123456789") != glen)
		return cl_error_set(CL_EINVAL, "%s line %d: the group '%s' is not an SR group code"
				    " or its start (\"20\", \"1500\")", path, line, f[0]);
	if (!cooked && strcmp(f[2], "raw") != 0)
		return cl_error_set(CL_EINVAL, "%s line %d: the form '%s' is neither \"cooked\""
				    " nor \"raw\"", path, line, f[2]);
	if (!*f[1] || strchr(f[1], ' '))
		return cl_error_set(CL_EINVAL, "%s line %d: the word '%s' is not one word (or *)",
				    path, line, f[1]);
	form_rule *grown = cl_array_room(fr->r, &fr->cap, fr->n, sizeof(*grown), 16);
	if (!grown)
		return cl_error_oom();
	fr->r = grown;
	form_rule *r = &fr->r[fr->n++];
	snprintf(r->group, sizeof(r->group), "%s", f[0]);
	r->stem[0] = '\0';
	if (strcmp(f[1], "*") != 0) {
		char lower[CL_SEARCH_WORD_MAX + 1];
		size_t n = strlen(f[1]) > CL_SEARCH_WORD_MAX ? CL_SEARCH_WORD_MAX : strlen(f[1]);
		for (size_t i = 0; i < n; i++)
			lower[i] = (char)tolower((unsigned char)f[1][i]);
		cl_search_stem(r->stem, lower, n);
	}
	r->cooked = cooked;
	return CL_OK;
}

static int eaten_cooked(const form_rules *fr, const char *group, const words *ws)
{
	for (size_t i = 0; i < fr->n; i++) {
		const form_rule *r = &fr->r[i];
		if (strncmp(group, r->group, strlen(r->group)) != 0)
			continue;
		int hit = !r->stem[0];
		for (size_t k = 0; k < ws->n && !hit; k++) {
			char stem[CL_SEARCH_WORD_MAX + 1];
			cl_search_stem(stem, ws->w[k].text, strlen(ws->w[k].text));
			hit = strcmp(stem, r->stem) == 0;
		}
		if (hit)
			return r->cooked;
	}
	return 0;
}

/* Everyday foods (data/common_foods.tsv, the NIH ODS food-source tables):
 * prefixes of names, as words joined by single spaces, matched at a word
 * boundary.  The commonest variety is the one a bare query means ("white
 * rice" is long-grain), a documented basis rather than a pick per food. */
typedef struct {
	char **p;
	size_t n, cap;
} prefixes;

static size_t joined_words(char *buf, size_t cap, const words *ws)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < ws->n; i++) {
		int k = snprintf(buf + len, cap - len, "%s%s", i ? " " : "", ws->w[i].text);
		if (k < 0 || (size_t)k >= cap - len)
			break;
		len += (size_t)k;
	}
	return len;
}

static int add_common(void *arg, char **f, const char *path, int line)
{
	prefixes *c = arg;
	words ws = {0};
	char key[512];
	int rc = split_name(&ws, f[0]);
	if (rc == CL_OK && ws.n == 0)
		rc = cl_error_set(CL_EINVAL, "%s line %d: no words", path, line);
	if (rc == CL_OK) {
		char **grown = cl_array_room(c->p, &c->cap, c->n, sizeof(*grown), 64);
		if (!grown)
			rc = cl_error_oom();
		else
			c->p = grown;
	}
	if (rc == CL_OK) {
		joined_words(key, sizeof(key), &ws);
		if (!(c->p[c->n] = strdup(key)))
			rc = cl_error_oom();
		else
			c->n++;
	}
	free(ws.w);
	return rc;
}

static int is_common(const prefixes *c, const words *ws)
{
	char name[1024];
	size_t len = joined_words(name, sizeof(name), ws);
	for (size_t i = 0; i < c->n; i++) {
		size_t k = strlen(c->p[i]);
		if (k <= len && memcmp(name, c->p[i], k) == 0 && (name[k] == ' ' || name[k] == '\0'))
			return 1;
	}
	return 0;
}

/* Food groups whose foods are sold and stored dry (spices and herbs, nuts
 * and seeds, legumes, cereal grains and pasta): there "dried" is the plain
 * form, a detail, not a processed product as "Apricots, dried" is. */
static int dry_is_plain(const char *group)
{
	static const char *const g[] = {"02", "12", "16", "20"};
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (strncmp(group, g[i], 2) == 0)
			return 1;
	return 0;
}

/* The stored form of a name: stemmed words, segments cut by ',', brand
 * words marked with a leading '!', words in parentheses with a leading '(',
 * then the word's kind (CL_SK_*) if it has one. */
static int segs_string(char **out, const words *ws, const table *vocab, const char *group)
{
	size_t cap = ws->n * (CL_SEARCH_WORD_MAX + 4) + 1, len = 0;
	char *s = malloc(cap);
	if (!s)
		return cl_error_oom();
	char stem[CL_SEARCH_WORD_MAX + 1], prev[CL_SEARCH_WORD_MAX + 1] = "";
	char next[CL_SEARCH_WORD_MAX + 1];
	int negated = -1; /* the segment after "other than" in it, or -1 */
	int maker = maker_named(ws); /* its capitals name the maker ("CAMPBELL") */
	for (size_t i = 0; i < ws->n; i++) {
		const word *w = &ws->w[i];
		/* "Carbonated beverage, low calorie, other than cola or pepper": the
		 * words after "other than" name what the food is not, so a search
		 * for cola must not find them. */
		if (w->seg == negated)
			continue;
		if (i > 0 && strcmp(w->text, "than") == 0 && strcmp(ws->w[i - 1].text, "other") == 0 &&
		    ws->w[i - 1].seg == w->seg)
			negated = w->seg;
		if (i > 0)
			s[len++] = w->seg != ws->w[i - 1].seg ? ',' : ' ';
		/* only a word that is nothing but a brand marks the query as
		 * asking for one ("luna"; not "bar" in "LUNA BAR") */
		const entry *e = table_find(vocab, w->text, strlen(w->text));
		if (w->caps && ((e && !e->lowercase) || (w->seg == 0 && maker)) &&
		    !is_not_brand(w->text))
			s[len++] = '!';
		else if (w->paren)
			s[len++] = '(';
		size_t n = cl_search_stem(stem, w->text, strlen(w->text));
		next[0] = '\0';
		if (i + 1 < ws->n && ws->w[i + 1].seg == w->seg)
			cl_search_stem(next, ws->w[i + 1].text, strlen(ws->w[i + 1].text));
		char kind = cl_search_word_kind(stem, prev, next);
		if (kind == CL_SK_PROCESSED && dry_is_plain(group) &&
		    (strcmp(stem, "dried") == 0 || strcmp(stem, "dry") == 0))
			kind = CL_SK_PREP;
		if (kind)
			s[len++] = kind;
		memcpy(s + len, stem, n);
		len += n;
		memcpy(prev, stem, n + 1);
	}
	s[len] = '\0';
	*out = s;
	return CL_OK;
}

/* The words as written (folded, not stemmed) for FTS5, which stems them
 * itself with the same Porter stemmer it applies to queries. */
static int plain_text(char **out, const words *ws)
{
	size_t len = 0;
	char *s = malloc(ws->n * (CL_SEARCH_WORD_MAX + 1) + 1);
	if (!s)
		return cl_error_oom();
	for (size_t i = 0; i < ws->n; i++) {
		size_t n = strlen(ws->w[i].text);
		if (i)
			s[len++] = ' ';
		memcpy(s + len, ws->w[i].text, n);
		len += n;
	}
	s[len] = '\0';
	*out = s;
	return CL_OK;
}

/* Pass 2: one search_tmp row per food, ordered later by prior. */
static int write_docs(sqlite3 *db, const table *vocab, const table *heads, const table *classes,
		      const form_rules *forms, const prefixes *common, const prefixes *usual,
		      const table *compounds)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	words ws = {0};
	int rc, step;
	char key[512];

	if ((rc = exec(db, "CREATE TEMP TABLE search_tmp(food_id INTEGER, segs TEXT, nhead INTEGER,"
			   " flags INTEGER, nmeasures INTEGER, nnutrients INTEGER, ord REAL,"
			   " text TEXT);")) ||
	    (rc = prepare(db, &sel, FOOD_SELECT)) ||
	    (rc = prepare(db, &ins, "INSERT INTO search_tmp VALUES(?,?,?,?,?,?,?,?)")))
		goto cleanup;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		char *segs = NULL;
		if ((rc = split_name(&ws, (const char *)sqlite3_column_text(sel, 1))))
			goto cleanup;
		join_compounds(&ws, compounds);
		if ((rc = segs_string(&segs, &ws, vocab,
				      (const char *)sqlite3_column_text(sel, 2))))
			goto cleanup;
		int nhead = 1;
		while (nhead < HEAD_MAX_SEGS && nhead < ws.nseg) {
			const entry *h =
				table_find(heads, key, head_key(key, sizeof(key), &ws, nhead));
			if (!h || h->count < CATEGORY_MIN_FOODS)
				break;
			nhead++;
		}
		int flags = class_flags((const char *)sqlite3_column_text(sel, 2), &ws, vocab);
		if (nhead > 1 && table_find(classes, key, seg0_stems(key, sizeof(key), &ws))) {
			flags |= CL_SF_CLASS;
			if (product_class(ws.w[0].text))
				flags |= CL_SF_PRODUCT;
		}
		if (eaten_cooked(forms, (const char *)sqlite3_column_text(sel, 2), &ws))
			flags |= CL_SF_COOKED;
		if (is_common(common, &ws))
			flags |= CL_SF_COMMON;
		if (is_common(usual, &ws))
			flags |= CL_SF_USUAL;
		int nm = sqlite3_column_int(sel, 3), nn = sqlite3_column_int(sel, 4);
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
		sqlite3_bind_text(ins, 2, segs, -1, free);
		sqlite3_bind_int(ins, 3, nhead);
		sqlite3_bind_int(ins, 4, flags);
		sqlite3_bind_int(ins, 5, nm);
		sqlite3_bind_int(ins, 6, nn);
		sqlite3_bind_double(ins, 7, cl_search_prior(flags, nm, nn, (int)ws.n));
		if ((rc = plain_text(&segs, &ws)))
			goto cleanup;
		sqlite3_bind_text(ins, 8, segs, -1, free);
		if ((rc = step_done(db, ins)))
			goto cleanup;
	}
	if (step != SQLITE_DONE)
		rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
cleanup:
	free(ws.w);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

/* All distinct strings made by deleting up to `left` bytes from w[from..]. */
static int deletes(sqlite3 *db, sqlite3_stmt *ins, const char *w, const char *word_, size_t from,
		   int left)
{
	size_t n = strlen(w);
	char buf[CL_SEARCH_WORD_MAX + 1];
	int rc = CL_OK;
	if (left == 0 || n <= 1)
		return CL_OK;
	for (size_t i = from; i < n && rc == CL_OK; i++) {
		if (i > from && w[i] == w[i - 1])
			continue; /* deleting either of a double letter gives the same string */
		memcpy(buf, w, i);
		memcpy(buf + i, w + i + 1, n - i);
		sqlite3_bind_text(ins, 1, buf, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, word_, -1, SQLITE_STATIC);
		if ((rc = step_done(db, ins)) == CL_OK)
			rc = deletes(db, ins, buf, word_, i, left - 1);
	}
	return rc;
}

static int write_vocab(sqlite3 *db, const table *vocab)
{
	sqlite3_stmt *ins = NULL, *del = NULL;
	int rc;

	if ((rc = prepare(db, &ins, "INSERT INTO search_vocab(word, freq) VALUES(?,?)")) ||
	    (rc = prepare(db, &del, "INSERT OR IGNORE INTO search_del(del, word) VALUES(?,?)")))
		goto cleanup;
	for (size_t i = 0; i < vocab->cap; i++) {
		const entry *e = &vocab->slots[i];
		if (!e->key)
			continue;
		sqlite3_bind_text(ins, 1, e->key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, e->count);
		if ((rc = step_done(db, ins)))
			goto cleanup;
		size_t n = strlen(e->key);
		int letters = 1;
		for (size_t j = 0; j < n; j++)
			letters &= !isdigit((unsigned char)e->key[j]);
		if (n < 3 || !letters)
			continue; /* numbers and 1-2 letter words are never typo targets */
		sqlite3_bind_text(del, 1, e->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(del, 2, e->key, -1, SQLITE_STATIC);
		if ((rc = step_done(db, del)) ||
		    (rc = deletes(db, del, e->key, e->key, 0, n >= 5 ? 2 : 1)))
			goto cleanup;
		/* A word SR writes only in the plural ("mulberries", "persimmons")
		 * is found from its singular's deletes too: a typo of the singular
		 * ("mulbery", "perimon") is two or three deletes from the plural. */
		char stem[CL_SEARCH_WORD_MAX + 1];
		size_t sl = n <= CL_SEARCH_WORD_MAX ? cl_search_stem(stem, e->key, n) : n;
		if (sl == n || sl < 3 || table_find(vocab, stem, sl))
			continue;
		sqlite3_bind_text(del, 1, stem, -1, SQLITE_STATIC);
		sqlite3_bind_text(del, 2, e->key, -1, SQLITE_STATIC);
		if ((rc = step_done(db, del)) ||
		    (rc = deletes(db, del, stem, e->key, 0, sl >= 5 ? 2 : 1)))
			goto cleanup;
	}
cleanup:
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	return rc;
}

/* Folds one replacement: slots cut by spaces, alternatives by '|', each
 * alternative exactly one folded word. */
static int fold_repl(char **out, const char *repl, const char *path, int line)
{
	size_t cap = strlen(repl) * 4 + 16, len = 0;
	char *s = malloc(cap), *copy = strdup(repl);
	int rc = CL_OK;
	if (!s || !copy) {
		rc = cl_error_oom();
		goto cleanup;
	}
	char *save = NULL;
	for (char *slot = strtok_r(copy, " ", &save); slot; slot = strtok_r(NULL, " ", &save)) {
		if (len)
			s[len++] = ' ';
		char *save2 = NULL;
		int alt = 0;
		for (char *a = strtok_r(slot, "|", &save2); a; a = strtok_r(NULL, "|", &save2)) {
			char *f = NULL;
			if ((rc = cl_fold(&f, a)))
				goto bad;
			if (!*f || strchr(f, ' ')) {
				free(f);
				rc = cl_error_set(CL_EINVAL, "alternative '%s' is not one word", a);
				goto bad;
			}
			len += (size_t)snprintf(s + len, cap - len, "%s%s", alt++ ? "|" : "", f);
			free(f);
		}
	}
	s[len] = '\0';
	if (len == 0) {
		rc = cl_error_set(CL_EINVAL, "the replacement is empty");
		goto bad;
	}
	*out = s;
	s = NULL;
	goto cleanup;
bad:
	cl_error_prefix("%s line %d: ", path, line);
cleanup:
	free(s);
	free(copy);
	return rc;
}

typedef struct {
	sqlite3 *db;
	sqlite3_stmt *ins, *vocab, *del;
	sqlite3_stmt *fts;  /* WordNet rows only: does FTS5 index this word? */
	sqlite3_stmt *hand; /* ... is it a hand-written synonym phrase (its replacement)? */
	sqlite3_stmt *starts; /* ... is it the start of an indexed word? */
	const table *words;
	const table *compounds; /* the names' compounds joined (find_compounds) */
} syn_ctx;

/* Is this folded word or pair known without WordNet: an indexed name word
 * (the same FTS5 test as the search's, with its Porter stemming) or a phrase
 * of the hand-written synonyms (copied to temp.hand_syn before WordNet's
 * rows are read, so that WordNet's own rows do not count)? */
static int known_text(syn_ctx *c, int *out, const char *text, size_t len, int fts)
{
	char expr[2 * CL_SEARCH_WORD_MAX + 8];
	sqlite3_stmt *st = fts ? c->fts : c->hand;
	if (len > 2 * CL_SEARCH_WORD_MAX)
		len = 2 * CL_SEARCH_WORD_MAX;
	if (fts)
		snprintf(expr, sizeof(expr), "\"%.*s\"", (int)len, text);
	else
		snprintf(expr, sizeof(expr), "%.*s", (int)len, text);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(c->db));
	*out = step == SQLITE_ROW;
	return CL_OK;
}

/* Is a WordNet phrase the business of SR or of the hand-written synonyms?
 * Yes when every word finds a food or is a hand-written synonym, or when
 * two neighbouring words are a hand-written phrase ("camomile tea" must not
 * hide a hand-written "camomile"). */
static int phrase_known(syn_ctx *c, int *out, const char *phrase)
{
	const char *w[3];
	size_t wl[3];
	int n = 0, rc, has;

	for (const char *p = phrase; *p && n < 3;) {
		w[n] = p;
		wl[n] = strcspn(p, " ");
		p += wl[n++];
		while (*p == ' ')
			p++;
	}
	for (int i = 0; i + 1 < n; i++) {
		if ((rc = known_text(c, &has, w[i], (size_t)(w[i + 1] + wl[i + 1] - w[i]), 0)))
			return rc;
		if (has) {
			*out = 1;
			return CL_OK;
		}
	}
	/* A single word that starts indexed words is read by the search as a
	 * prefix ("choc" -> chocolate): WordNet's reading ("choc" is a kind of
	 * chocolate candy) would only narrow it. */
	if (n == 1) {
		sqlite3_bind_text(c->starts, 1, phrase, -1, SQLITE_STATIC);
		int step = sqlite3_step(c->starts);
		sqlite3_reset(c->starts);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(c->db));
		if (step == SQLITE_ROW) {
			*out = 1;
			return CL_OK;
		}
	}
	*out = 1;
	for (int i = 0; i < n && *out; i++) {
		/* ... or its singular is ("satsumas": the hand-written "satsuma") */
		char stem[CL_SEARCH_WORD_MAX + 1];
		size_t sl = cl_search_stem(stem, w[i], wl[i]);
		if ((rc = known_text(c, &has, w[i], wl[i], 0)) ||
		    (!has && (rc = known_text(c, &has, stem, sl, 0))) ||
		    (!has && (rc = known_text(c, &has, w[i], wl[i], 1))))
			return rc;
		*out = has;
	}
	return CL_OK;
}

/* Joins two one-word slots of a folded replacement that the names hold as
 * one compound ("balsam pear pods" -> "balsampear pods"), in place. */
static void join_repl(char *repl, const table *compounds)
{
	char key[2 * CL_SEARCH_WORD_MAX + 2];
	for (char *a = repl; *a;) {
		size_t la = strcspn(a, " ");
		char *b = a + la;
		if (!*b)
			break;
		b++;
		size_t lb = strcspn(b, " ");
		size_t n = memchr(a, '|', la) || memchr(b, '|', lb) ? 0
			   : pair_key(key, sizeof(key), a, la, b, lb);
		const entry *e = n ? table_find(compounds, key, n) : NULL;
		if (e && e->count > 0) {
			memmove(a + la, b, strlen(b) + 1); /* drop the space */
			continue; /* the joined word may join the next */
		}
		a = b;
	}
}

static int add_synonym(void *arg, char **f, const char *path, int line)
{
	syn_ctx *c = arg;
	char *phrase = NULL, *repl = NULL;
	int rc;

	if ((rc = cl_fold(&phrase, f[0])) || (rc = fold_repl(&repl, f[1], path, line)))
		goto cleanup;
	join_repl(repl, c->compounds);
	if (!*phrase) {
		rc = cl_error_set(CL_EINVAL, "%s line %d: no words to replace", path, line);
		goto cleanup;
	}
	if (c->fts) {
		/* WordNet is a fallback: a phrase whose words all find foods
		 * already is SR's business, not WordNet's (the generator checked
		 * against SR24; a newer SR release may know more words). */
		int known = 0;
		if ((rc = phrase_known(c, &known, phrase)))
			goto cleanup;
		if (known)
			goto cleanup;
		/* A target the hand-written synonyms rewrite is rewritten the
		 * same way ("cannelloni" -> pasta -> pasta|macaroni|...). */
		sqlite3_bind_text(c->hand, 1, repl, -1, SQLITE_STATIC);
		int step = sqlite3_step(c->hand);
		if (step == SQLITE_ROW) {
			char *hand = strdup((const char *)sqlite3_column_text(c->hand, 0));
			if (!hand) {
				sqlite3_reset(c->hand);
				rc = cl_error_oom();
				goto cleanup;
			}
			free(repl);
			repl = hand;
		}
		sqlite3_reset(c->hand);
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(c->db));
			goto cleanup;
		}
	}
	sqlite3_bind_text(c->ins, 1, phrase, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 2, repl, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->ins, 3, f[2], -1, SQLITE_STATIC);
	if (sqlite3_step(c->ins) != SQLITE_DONE) {
		rc = cl_error_set(CL_EINVAL, "%s line %d: %s (a repeated phrase?)", path, line,
				  sqlite3_errmsg(c->db));
		goto cleanup;
	}
	sqlite3_reset(c->ins);
	if (c->fts && sqlite3_changes(c->db) == 0)
		goto cleanup; /* the hand-written synonyms map it: they win */
	/* A word of a phrase that the names lack ("courgette", the "sticky" of
	 * "sticky rice") becomes a typo target too, so that it is never itself
	 * read as a typo ("sticky" is not "sticks") and its own typos find it
	 * ("strring cheese"); but only a hand-written one: WordNet's rare words
	 * would capture the typos of everyday ones ("sunny" would become
	 * "tunny", a tuna). */
	for (const char *p = phrase; !c->fts && *p;) {
		size_t n = strcspn(p, " ");
		int letters = n >= 3 && n <= CL_SEARCH_WORD_MAX;
		for (size_t j = 0; j < n && letters; j++)
			letters = isalpha((unsigned char)p[j]);
		if (letters && !table_find(c->words, p, n)) {
			char pw[CL_SEARCH_WORD_MAX + 1];
			memcpy(pw, p, n);
			pw[n] = '\0';
			sqlite3_bind_text(c->vocab, 1, pw, -1, SQLITE_STATIC);
			sqlite3_bind_text(c->del, 1, pw, -1, SQLITE_STATIC);
			sqlite3_bind_text(c->del, 2, pw, -1, SQLITE_STATIC);
			if ((rc = step_done(c->db, c->vocab)) || (rc = step_done(c->db, c->del)) ||
			    (rc = deletes(c->db, c->del, pw, pw, 0, n >= 5 ? 2 : 1)))
				goto cleanup;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
cleanup:
	free(phrase);
	free(repl);
	return rc;
}

/* The hand-written synonyms, then WordNet's food words (a fallback: added
 * only where the hand-written file has no row for the phrase and SR's names
 * lack one of its words). */
static int write_synonyms(sqlite3 *db, const table *vocab, const table *compounds)
{
	syn_ctx c = {db, NULL, NULL, NULL, NULL, NULL, NULL, vocab, compounds};
	int rc;
	if ((rc = prepare(db, &c.ins, "INSERT INTO search_syn(phrase, repl, note) VALUES(?,?,?)")) ||
	    (rc = prepare(db, &c.vocab, "INSERT OR IGNORE INTO search_vocab(word, freq)"
					" VALUES(?, 1)")) ||
	    (rc = prepare(db, &c.del, "INSERT OR IGNORE INTO search_del(del, word) VALUES(?,?)")) ||
	    (rc = read_tsv(CL_SEARCH_SYNONYMS_FILE, 3, add_synonym, &c)))
		goto cleanup;
	sqlite3_finalize(c.ins);
	c.ins = NULL;
	if ((rc = exec(db, "CREATE TEMP TABLE hand_syn(phrase TEXT PRIMARY KEY, repl TEXT)"
			   " WITHOUT ROWID;"
			   "INSERT INTO hand_syn SELECT phrase, repl FROM search_syn;")) ||
	    (rc = prepare(db, &c.ins, "INSERT OR IGNORE INTO search_syn(phrase, repl, note)"
				      " VALUES(?,?,?)")) ||
	    (rc = prepare(db, &c.fts, "SELECT 1 FROM food_fts WHERE food_fts MATCH ? LIMIT 1")) ||
	    (rc = prepare(db, &c.hand, "SELECT repl FROM hand_syn WHERE phrase = ?")) ||
	    (rc = prepare(db, &c.starts, "SELECT 1 FROM search_vocab WHERE word > ?1"
					 " AND word < ?1 || char(1114111) LIMIT 1")) ||
	    (rc = read_tsv(CL_SEARCH_WORDNET_FILE, 3, add_synonym, &c)))
		goto cleanup;
	sqlite3_finalize(c.hand);
	c.hand = NULL;
	rc = exec(db, "DROP TABLE temp.hand_syn;");
cleanup:
	sqlite3_finalize(c.ins);
	sqlite3_finalize(c.vocab);
	sqlite3_finalize(c.del);
	sqlite3_finalize(c.fts);
	sqlite3_finalize(c.hand);
	sqlite3_finalize(c.starts);
	return rc;
}

/* What each stemmed name word is in SR (search_stat): in how many names it
 * stands (df) and in how many it names the food, in the first segment or,
 * under a class such as "Fish", in the second (heads).  The query side reads
 * its noun from this rather than from word order: "coffee" heads most names
 * that hold it, "black" almost none ("Beans, black", "Tea, black").  And in
 * how many it is the noun of the segment after the name's category path
 * (nouns): a food SR files under another ("Cookies, brownies", "Cheese,
 * feta") or a variety ("Peppers, sweet, green") is one in some names, a word
 * that only describes ("mashed", "skinless", "deli") is one in none.  And
 * in how many of its names it is a baby food (babies): "strained" and
 * "junior" stand only in baby foods, so a query saying them asks for one. */
#define STAT_WORDS 96
static int write_stats(sqlite3 *db)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	table st = {0};
	int rc, step;
	long docno = 0;

	if ((rc = prepare(db, &sel, "SELECT segs, flags, nhead FROM search_doc")) ||
	    (rc = prepare(db, &ins, "INSERT INTO search_stat(stem, df, heads, nouns, babies)"
				    " VALUES(?,?,?,?,?)")))
		goto cleanup;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *segs = (const char *)sqlite3_column_text(sel, 0);
		int named_seg = sqlite3_column_int(sel, 1) & CL_SF_CLASS ? 1 : 0;
		int food_seg = sqlite3_column_int(sel, 2) - 1;
		int baby = (sqlite3_column_int(sel, 1) & CL_SF_BABY) != 0;
		struct {
			const char *s;
			size_t len;
			int seg, paren, neutral;
		} w[STAT_WORDS];
		int n = 0, seg = 0;
		docno++;
		for (const char *p = segs; *p && n < STAT_WORDS;) {
			if (*p == ',' || *p == ' ') {
				seg += *p == ',';
				p++;
				continue;
			}
			w[n].paren = *p == '(';
			p += *p == '!' || *p == '(';
			w[n].neutral = *p == CL_SK_NEUTRAL;
			if (*p == CL_SK_NEUTRAL || *p == CL_SK_PROCESSED || *p == CL_SK_WITH_SALT ||
			    *p == CL_SK_PLAIN || *p == CL_SK_PREP || *p == CL_SK_IMITATION ||
			    *p == CL_SK_PRODUCT)
				p++;
			w[n].s = p;
			while (*p && *p != ' ' && *p != ',')
				p++;
			w[n].len = (size_t)(p - w[n].s);
			w[n].seg = seg;
			n += w[n].len > 0;
		}
		/* The noun of the segment naming the food: its last word outside
		 * parentheses ("Sugars, granulated"), with a word joined to it by
		 * "and"/"or" ("Jams and preserves"); a class ("Fish") too. */
		int noun = -1, food_noun = -1;
		for (int j = 0; j < n; j++) {
			if (w[j].seg == named_seg && !w[j].paren && !w[j].neutral)
				noun = j;
			if (w[j].seg == food_seg && !w[j].paren && !w[j].neutral)
				food_noun = j;
		}
		for (int j = 0; j < n; j++) {
			entry *e;
			if ((rc = table_put(&e, &st, w[j].s, w[j].len)))
				goto cleanup;
			if (e->seen_df != docno) { /* each once per name */
				e->seen_df = docno;
				e->count++;
				e->babies += baby;
			}
			int names = j == noun || (w[j].seg < named_seg && !w[j].neutral) ||
				    (noun >= 2 && j == noun - 2 && w[j].seg == w[noun].seg &&
				     w[j + 1].seg == w[noun].seg &&
				     ((w[j + 1].len == 3 && memcmp(w[j + 1].s, "and", 3) == 0) ||
				      (w[j + 1].len == 2 && memcmp(w[j + 1].s, "or", 2) == 0)));
			if (names && e->seen_head != docno) {
				e->seen_head = docno;
				e->heads++;
			}
			if (j == food_noun && e->seen_noun != docno) {
				e->seen_noun = docno;
				e->nouns++;
			}
		}
	}
	if (step != SQLITE_DONE) {
		rc = cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
		goto cleanup;
	}
	for (size_t i = 0; i < st.cap; i++) {
		const entry *e = &st.slots[i];
		if (!e->key)
			continue;
		sqlite3_bind_text(ins, 1, e->key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, e->count);
		sqlite3_bind_int64(ins, 3, e->heads);
		sqlite3_bind_int64(ins, 4, e->nouns);
		sqlite3_bind_int64(ins, 5, e->babies);
		if ((rc = step_done(db, ins)))
			goto cleanup;
	}
cleanup:
	table_free(&st);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

/* A dish SR names only as fast food (data/search_dishes.tsv): one word,
 * stemmed as the query side stems it, into search_dish. */
typedef struct {
	sqlite3 *db;
	sqlite3_stmt *ins;
} dish_ctx;

static int add_dish(void *arg, char **f, const char *path, int line)
{
	dish_ctx *c = arg;
	char *w = NULL, stem[CL_SEARCH_WORD_MAX + 1];
	int rc = cl_fold(&w, f[0]);
	if (rc)
		return rc;
	size_t n = strlen(w);
	if (n == 0 || n > CL_SEARCH_WORD_MAX || strchr(w, ' ')) {
		rc = cl_error_set(CL_EINVAL, "%s line %d: a dish is one word", path, line);
	} else {
		cl_search_stem(stem, w, n);
		sqlite3_bind_text(c->ins, 1, stem, -1, SQLITE_STATIC);
		if (sqlite3_step(c->ins) != SQLITE_DONE)
			rc = cl_error_set(CL_EINVAL, "%s line %d: %s", path, line,
					  sqlite3_errmsg(c->db));
		sqlite3_reset(c->ins);
	}
	free(w);
	return rc;
}

static int write_dishes(sqlite3 *db)
{
	dish_ctx c = {db, NULL};
	if (sqlite3_prepare_v2(db, "INSERT INTO search_dish(stem) VALUES(?)", -1, &c.ins, NULL) !=
	    SQLITE_OK)
		return cl_error_set(CL_EDB, "search index: %s", sqlite3_errmsg(db));
	int rc = read_tsv(CL_SEARCH_DISHES_FILE, 2, add_dish, &c);
	sqlite3_finalize(c.ins);
	return rc;
}

int cl_search_index_build(sqlite3 *db)
{
	table vocab = {0}, heads = {0}, classes = {0}, compounds = {0};
	form_rules forms = {0};
	prefixes common = {0}, usual = {0};
	int rc;

	if ((rc = read_tsv(CL_SEARCH_CLASSES_FILE, 2, add_class, &classes)) ||
	    (rc = read_tsv(CL_SEARCH_FORMS_FILE, 4, add_form, &forms)) ||
	    (rc = read_tsv(CL_SEARCH_COMMON_FILE, 2, add_common, &common)) ||
	    (rc = read_tsv(CL_SEARCH_USUAL_FILE, 2, add_common, &usual)) ||
	    (rc = find_compounds(db, &compounds)) ||
	    (rc = gather(db, &vocab, &heads, &compounds)) ||
	    (rc = write_docs(db, &vocab, &heads, &classes, &forms, &common, &usual, &compounds)) ||
	    (rc = exec(db,
		       "CREATE TEMP TABLE search_tmp2 AS SELECT row_number() OVER"
		       " (ORDER BY ord DESC, food_id) AS docid, * FROM search_tmp;"
		       "DROP TABLE search_tmp;"
		       "INSERT INTO search_doc(docid, food_id, segs, nhead, flags, nmeasures,"
		       " nnutrients) SELECT docid, food_id, segs, nhead, flags, nmeasures,"
		       " nnutrients FROM search_tmp2 ORDER BY docid;"
		       "INSERT INTO food_fts(rowid, words) SELECT docid, text FROM search_tmp2"
		       " ORDER BY docid;"
		       "DROP TABLE search_tmp2;")) ||
	    (rc = write_stats(db)) || (rc = write_vocab(db, &vocab)) ||
	    (rc = write_synonyms(db, &vocab, &compounds)) || (rc = cl_search_describe_write(db)) ||
	    (rc = cl_search_absent_write(db)) || (rc = write_dishes(db)))
		goto cleanup;
cleanup:
	table_free(&vocab);
	table_free(&heads);
	table_free(&classes);
	table_free(&compounds);
	free(forms.r);
	for (size_t i = 0; i < common.n; i++)
		free(common.p[i]);
	free(common.p);
	for (size_t i = 0; i < usual.n; i++)
		free(usual.p[i]);
	free(usual.p);
	return rc;
}

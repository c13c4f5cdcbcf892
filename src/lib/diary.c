/*
 * Diary lines.  A line is read in three steps: where the amount is (at the
 * start, after a comma as in "coffee, 2 cups", or at the end as in "salmon
 * 150g"), which food the remaining words name, and how much that amount
 * weighs for that food.  The food is found with cl_food_search(); among its
 * first candidates the parser prefers a food whose own name starts with the
 * words written and which has the household measure the line uses ("2 slices
 * bread" wants a bread that is measured in slices), because those are facts
 * of the line that a general search does not know.  Weights come only from
 * the food's USDA measures or from exact unit conversions; vague amounts
 * ("a glass of", an unsized banana) are read by a stated rule that is
 * returned with the result; a vessel with its own volume written after
 * the food ("glass of white wine 175ml") is that volume.  Of a piece SR
 * weighs several ways ("leaf inner", "leaf outer"), the line's other words
 * pick one; a food SR counts by one piece only is counted in it ("half" of
 * a dried apricot; "regular" beside "miniatures"), unless that piece is a
 * whole cut into portions heavier than a count naming no piece may mean ("2
 * tofu": a 464 g block), which is asked about; and a piece the line names
 * that the food has no measure of is refused, never weighed as a default
 * size.  Words the parser cannot place (an unknown
 * measure before "of", words after the amount that name neither a measure
 * nor the food's kind) make the line refused with the reason, never
 * silently dropped; so does a food found by a describing word of the line
 * that lacks the line's head noun ("energy gel" is no energy drink), unless
 * the food names that noun as SR writes it: run together ("jellybeans"),
 * split, or by a synonym ("hot dog": "Frankfurter"); so is a second food
 * joined by "and" or "with", or served "on" ("beans on toast"), that the
 * food found lacks ("gin and tonic"), a
 * word before the head noun that the food found lacks and that alone finds a
 * food SR names by it, or another kind of food that holds it ("banana
 * muffin" is no corn muffin, "zucchini bread" no white bread; not a word
 * of a synonym phrase, "sugar snap peas", unless the phrase names a food
 * the food found lacks before the head noun, "white onion roll"), a head noun
 * the food holds only to describe another food ("cheese sandwich":
 * "Crackers, cheese, sandwich-type"; "sausage roll": "Honey roll sausage"),
 * a food SR24 lacks (data/absent_foods.tsv: "green tea", refused naming the
 * nearest SR food), and
 * a container SR weighs only as a drink's concentrate or under a brand the
 * line does not name ("1 can of lemonade", "1 bottle of water"), and a
 * head noun no SR name holds ("apple turnover", "tuna casserole").  The
 * choice weighs candidates by the words a synonym gave the search for a
 * dish's phrase ("spring roll": "egg rolls"), and when the food found lacks
 * the line's head noun it takes a dish SR names by that noun and the line's
 * other food words ("chicken sandwich": "Fast foods, chicken fillet
 * sandwich", not roast chicken), before the refusals judge it.  Words in
 * brackets ending the food's words say which one, as after a comma ("avocado
 * (hass)"), and name no dish.  A piece written after the food by a word that
 * ends other foods' names ("celery strips": "breakfast strips") is the
 * line's piece when the food weighed by it holds every other word of the
 * line and the food first found lacks one.  A word with one slip the
 * search reads through is read as the word it corrects it to, for the
 * choice and for the checks after it ("avacado", "chicken burito").  A
 * food word after a trailing amount is read before the food's words
 * ("toast 2 slices wholemeal": wholemeal toast) when the food so found is
 * still of the line's head noun and holds the word; a vague unit ending
 * the line is the amount without a comma ("almonds handful"); and "a dash
 * of" is SR's dash of a food SR weighs so (black pepper, salt).  A line
 * naming no way of cooking means SR's generic cooked entry, whose name
 * lists the ways as alternatives ("bacon, cooked, broiled, pan-fried or
 * roasted"), not a single-method one; a synonym phrase is read without its
 * articles, its row found for the line's singular words when written
 * plural ("hot chips", "tatties"), and its words stand for the row's
 * ("corn on the cob": sweet corn, boiled, not the frozen "kernels on
 * cob"; "mashed tatties" are mashed potatoes); another name of the
 * line's word, given both ways by the synonyms, names the food as the
 * word does when it holds the line's other words ("pasta": "Spaghetti,
 * cooked", not "Pasta, corn"; "gluten free pasta" the corn pasta); and "made
 * with water" after the amount is a dry food made up with water, as SR
 * names it.  A container's label another food writes, differing only in
 * its form, picks it ("minestrone, 1 can (19 oz)": the ready-to-serve
 * can; never another variety or grade), and the bread a food was served
 * in is no piece counted when SR weighs the sandwich found, with no "with"
 * part the line did not say ("1 hot dog in a bun").
 * "A cup and a half" is read after the food as before it; a count of
 * halves is weighed by a measure that counts halves inside it ("pecan
 * halves": "oz (19 halves)"); and a line's "cooked" is held by a name
 * that says how it was cooked without the word ("chicken, meat only,
 * roasted"); a size with no piece named sizes the one piece SR weighs in
 * sizes ("1 medium corn on the cob": "ear medium"), a measure whose first
 * word is a piece, not a unit, with the size right after it ("cup, small
 * curd" sizes no small cottage cheese).  Words that say where the food
 * went are said and not counted: after a cut word ("sliced on cereal",
 * "grated over pasta") and, after a trailing amount, "in" words naming none
 * of the food's measures ("milk, 1 tbsp in tea"); a count, a describing
 * word and a piece after the food name one measure ("romaine 2 outer
 * leaves": "leaf outer"); and one vague vessel followed by its volume is
 * that volume ("white wine, 1 glass 175 ml"; a spoon is no fill of it).
 * "From a can" is "canned", and "skin on" is "with skin".  A count and a
 * size in brackets is the amount ("strawberries (6 large)"), as a count
 * of a piece is.
 * A size ending the food's words sizes the piece as one before it does,
 * and one the food has no measure of is refused ("avocado small" as "1
 * small avocado"), unless a food the search put far behind has a measure
 * that is the size and holds the line's food words ("medium fries": SR's
 * fast-food fries).  Words ending the line after its amount that say when,
 * why or where from it was eaten ("(pre run)", "with lunch", "for frying",
 * "from the garden") or a topping not added ("no butter") are dropped and
 * said (occasion_tail()).
 *
 * Diaries repeat themselves, so the parser caches results per distinct line,
 * search results per food text and foods per NDB number.  Across runs, a
 * cache file (linecache.c, cl_parser_use_cache()) keeps the answers for free
 * text lines, keyed by everything that decides them: the food database
 * file, the parser's code (CL_PARSE_CODE, a hash the Makefile takes of the
 * sources below) and CL_DIARY_RESOLVER_VERSION.
 */
#include <ctype.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "cramplab/diary.h"
#include "error.h"
#include "fooddb_internal.h"
#include "linecache.h"
#include "quantity.h"
#include "search_index.h"
#include "textfold.h"
#include "util.h"

#define SEARCH_CANDIDATES 60
/* How much the search's own score (how far a hit is behind the first) counts
 * against the line's facts below: the search knows SR naming (varieties,
 * processed forms, inverted names) that the word checks here do not. */
#define SEARCH_SCORE_WEIGHT 0.6
#define CACHE_MAX_LINES 200000
/* The heaviest piece a count that names no piece may be read as, when SR
 * counts the food by one piece only under another name (only_piece()):
 * the single pieces eaten whole that SR counts so (a fast-food sandwich,
 * 233 g; a burrito or enchilada, 160-200 g) weigh less, the wholes that are
 * cut into portions more (a block of tofu, 324-464 g; SR's salmon fillet, a
 * side, 356-396 g; half a chicken; a roast), so "2 tofu" is asked about
 * rather than read as 928 g.  The foods it concerns are listed in
 * docs/diary.md (round 19). */
#define UNNAMED_PIECE_MAX_G 250.0
/* Bump when what a line resolves to changes for a reason the source hash
 * (CL_PARSE_CODE) does not see, so that cache files written before are not
 * trusted. */
#define CL_DIARY_RESOLVER_VERSION 1

/* Whether w is one of a word list's words (the lists below are short). */
static bool word_in(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], w) == 0)
			return true;
	return false;
}
#define WORD_IN(w, list) word_in((w), (list), sizeof(list) / sizeof((list)[0]))

/* The sizes SR gives measures of ("small", "medium", "large"). */
static bool size_word(const char *w)
{
	static const char *const sizes[] = {"small", "medium", "large"};
	return WORD_IN(w, sizes);
}

/* A small string-keyed hash table (open addressing, never shrinks). */
typedef struct {
	char *key;
	void *value;
} slot;

typedef struct {
	slot *slots;
	size_t cap, n;
} strmap;

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void *map_get(const strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->slots[i].key)
			return NULL;
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].value;
	}
}

/* Takes ownership of value only on success; the key is copied. */
static int map_put(strmap *m, const char *key, void *value)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 64;
		slot *grown = calloc(ncap, sizeof(slot));
		if (!grown)
			return cl_error_oom();
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->slots[i].key)
				continue;
			size_t j = hash(m->slots[i].key) & (ncap - 1);
			while (grown[j].key)
				j = (j + 1) & (ncap - 1);
			grown[j] = m->slots[i];
		}
		free(m->slots);
		m->slots = grown;
		m->cap = ncap;
	}
	size_t i = hash(key) & (m->cap - 1);
	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	if (!(m->slots[i].key = strdup(key)))
		return cl_error_oom();
	m->slots[i].value = value;
	m->n++;
	return CL_OK;
}

static void map_free(strmap *m, void (*free_value)(void *))
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key) {
			free(m->slots[i].key);
			if (free_value)
				free_value(m->slots[i].value);
		}
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* A cached parse: the result, or the refusal (code and message). */
typedef struct {
	int code;
	char *message;
	cl_diary_line line;
} cached_line;

struct cl_parser {
	cl_fooddb *db;
	strmap lines;   /* line text -> cached_line */
	strmap queries; /* food text -> NDB string ("" when nothing matched) */
	strmap foods;   /* NDB -> cl_food */
	strmap measures;/* NDB -> measure names joined by '\n' (for choosing foods) */
	sqlite3_stmt *measure_st; /* prepared once: a diary asks for hundreds of foods' measures */
	cl_linecache *cache; /* answers kept between runs, or NULL */
};

static void free_cached_line(void *v)
{
	cached_line *c = v;
	if (!c)
		return;
	free(c->message);
	cl_diary_line_clear(&c->line);
	free(c);
}

static void free_food(void *v)
{
	cl_food_free(v);
}

int cl_parser_new(cl_parser **out, cl_fooddb *db)
{
	*out = NULL;
	if (!db)
		return cl_error_set(CL_EINVAL, "the parser needs a food database");
	cl_parser *p = calloc(1, sizeof(*p));
	if (!p)
		return cl_error_oom();
	p->db = db;
	*out = p;
	return CL_OK;
}

void cl_parser_free(cl_parser *p)
{
	if (!p)
		return;
	map_free(&p->lines, free_cached_line);
	map_free(&p->queries, free);
	map_free(&p->foods, free_food);
	map_free(&p->measures, free);
	sqlite3_finalize(p->measure_st);
	cl_linecache_close(p->cache);
	free(p);
}

/* Everything an answer depends on besides the line: the parser's code and
 * version, the libraries that fold and search text, and the food database
 * (the file itself, since an import replaces it, and its meta data). */
int cl_parser_cache_identity(cl_buf *b, cl_parser *p)
{
#ifndef CL_PARSE_CODE
	/* Without the source hash a file could hold another build's answers. */
	(void)b;
	(void)p;
	return cl_error_set(CL_EINVAL, "this build has no CL_PARSE_CODE: no diary cache");
#else
	sqlite3 *db = cl_fooddb_sqlite(p->db);
	const char *file = sqlite3_db_filename(db, "main");
	sqlite3_stmt *st = NULL;
	struct stat fs;
	int rc;

	if (!file || !*file || stat(file, &fs) != 0)
		return cl_error_set(CL_EIO, "the food database's file cannot be identified");
	if ((rc = cl_buf_printf(b,
				"parser %d %s; sqlite %s; utf8proc %s; foods %llu:%llu %lld %lld.%09ld",
				CL_DIARY_RESOLVER_VERSION, CL_PARSE_CODE, sqlite3_libversion(),
				utf8proc_version(), (unsigned long long)fs.st_dev,
				(unsigned long long)fs.st_ino, (long long)fs.st_size,
				(long long)fs.st_mtim.tv_sec, (long)fs.st_mtim.tv_nsec)))
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta ORDER BY key", -1, &st, NULL) !=
	    SQLITE_OK)
		return cl_error_set(CL_EDB, "the food database has no meta data: %s",
				    sqlite3_errmsg(db));
	while (rc == CL_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = cl_buf_printf(b, "; %s=%s", (const char *)sqlite3_column_text(st, 0),
				   (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (rc == CL_OK)
		rc = cl_buf_append(b, "", 1); /* the NUL */
	return rc;
#endif
}

int cl_parser_use_cache(cl_parser *p, const char *path)
{
	if (!p)
		return cl_error_set(CL_EINVAL, "no parser given");
	cl_linecache_close(p->cache);
	p->cache = NULL;
	if (!path)
		return CL_OK;
	cl_buf id = {0};
	int rc = cl_parser_cache_identity(&id, p);
	if (rc == CL_OK)
		rc = cl_linecache_open(&p->cache, path, id.data);
	cl_buf_free(&id);
	return rc;
}

void cl_diary_line_clear(cl_diary_line *l)
{
	if (!l)
		return;
	free(l->name);
	free(l->measure);
	free(l->assumption);
	memset(l, 0, sizeof(*l));
}

static int line_copy(cl_diary_line *dst, const cl_diary_line *src)
{
	*dst = *src;
	dst->name = src->name ? strdup(src->name) : NULL;
	dst->measure = src->measure ? strdup(src->measure) : NULL;
	dst->assumption = src->assumption ? strdup(src->assumption) : NULL;
	if ((src->name && !dst->name) || (src->measure && !dst->measure) ||
	    (src->assumption && !dst->assumption)) {
		cl_diary_line_clear(dst);
		return cl_error_oom();
	}
	return CL_OK;
}

/* ---- foods and their measures, cached ---------------------------------- */

static int food_by_ndb(const cl_food **out, cl_parser *p, const char *ndb)
{
	cl_food *f = map_get(&p->foods, ndb);
	int rc;
	if (f) {
		*out = f;
		return CL_OK;
	}
	if ((rc = cl_food_get(&f, p->db, ndb)))
		return rc;
	if ((rc = map_put(&p->foods, ndb, f))) {
		cl_food_free(f);
		return rc;
	}
	*out = f;
	return CL_OK;
}

/* Measure names of a food, lower case, one per line; cheap for ranking. */
static const char *measure_names(cl_parser *p, const char *ndb)
{
	char *names = map_get(&p->measures, ndb);
	if (names)
		return names;
	sqlite3 *db = cl_fooddb_sqlite(p->db);
	sqlite3_stmt *st = p->measure_st;
	cl_buf b = {0};
	if (!st && sqlite3_prepare_v2(db, "SELECT name FROM measure WHERE food_id = ? ORDER BY seq",
				      -1, &p->measure_st, NULL) != SQLITE_OK)
		return "";
	st = p->measure_st;
	sqlite3_bind_int(st, 1, atoi(ndb));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		if (cl_buf_append(&b, "\n", 1) || cl_buf_append(&b, n, strlen(n)))
			break;
	}
	sqlite3_reset(st);
	if (cl_buf_append(&b, "\n", 1) == CL_OK) {
		for (size_t i = 0; i < b.len; i++)
			b.data[i] = (char)tolower((unsigned char)b.data[i]);
		if (map_put(&p->measures, ndb, b.data) == CL_OK)
			return b.data;
	}
	cl_buf_free(&b);
	return "";
}

/* True if some measure name (from measure_names) starts with word. */
static bool has_measure_word(const char *names, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = names; (s = strchr(s, '\n')) != NULL;) {
		s++;
		if (strncmp(s, word, n) == 0 &&
		    (!isalpha((unsigned char)s[n]) ||
		     (s[n] == 's' && !isalpha((unsigned char)s[n + 1]))))
			return true;
	}
	return false;
}

/* True if some measure name starts with word and weighs the food itself,
 * not what a unit of another form of it yields ("packet, dry, yields",
 * "packet, prepared" of oatmeal made up: the packet is of the dry oats). */
static bool has_plain_measure_word(const char *names, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = names; (s = strchr(s, '\n')) != NULL;) {
		s++;
		size_t len = strcspn(s, "\n");
		if (strncmp(s, word, n) != 0 ||
		    (isalpha((unsigned char)s[n]) &&
		     (s[n] != 's' || isalpha((unsigned char)s[n + 1]))))
			continue;
		bool yields = false;
		for (size_t i = 0; i + 6 <= len && !yields; i++)
			yields = strncmp(s + i, "yields", 6) == 0 ||
				 (i + 8 <= len && strncmp(s + i, "prepared", 8) == 0);
		if (!yields)
			return true;
	}
	return false;
}

/* True if a measure name starts with word, or has it as its second word
 * ("Potato medium (...)"). */
static bool has_word_measure(const char *names, const char *word)
{
	if (has_measure_word(names, word))
		return true;
	size_t n = strlen(word);
	for (const char *s = names; (s = strchr(s, '\n')) != NULL;) {
		s++;
		const char *sp = s + strcspn(s, " \n");
		if (*sp != ' ')
			continue;
		sp++;
		/* "pea pods" for "pod" */
		if (strncmp(sp, word, n) == 0 &&
		    (!isalpha((unsigned char)sp[n]) ||
		     (sp[n] == 's' && !isalpha((unsigned char)sp[n + 1]))))
			return true;
	}
	return false;
}

static const cl_unit *serving_volume(const char *name, double *units);

/* "serving 1 tbsp", "serving 1/2 cup" (docs/diary.md): a serving SR gives
 * as a volume only (serving_volume()), one of the names (one a line) */
static bool has_serving_volume(const char *names)
{
	for (const char *s = names; (s = strstr(s, "\nserving ")) != NULL;) {
		s++;
		char one[64];
		double units;
		size_t n = strcspn(s, "\n");
		if (n < sizeof(one)) {
			memcpy(one, s, n);
			one[n] = '\0';
			if (serving_volume(one, &units))
				return true;
		}
	}
	return false;
}

static bool has_volume_measure(const char *names)
{
	static const char *const v[] = {"cup", "fl oz", "tbsp", "tablespoon", "tsp", "teaspoon",
					"ml", "liter", "litre", "pint", "quart"};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (has_measure_word(names, v[i]))
			return true;
	return has_serving_volume(names);
}

/* A food SR weighs by the unsized "piece" and has no slice measure: a slice
 * of it is its piece ("1 slice french toast (frozen)"). */
static bool slice_as_piece(const char *names)
{
	return (strstr(names, "\npiece\n") || strstr(names, "\npiece,")) &&
	       !has_word_measure(names, "slice");
}

/* ---- choosing the food ------------------------------------------------- */

/* What the line needs of a food's measures for it to be weighed at all. */
typedef enum {
	NEED_NOTHING, /* a mass unit: any food can be weighed */
	NEED_VOLUME,  /* a volume: the food needs a cup, fl oz, tbsp, ... measure */
	NEED_MEASURE, /* a measure word ("slices"): the food needs that measure */
	NEED_COUNT    /* a bare count ("2 bananas"): a size or count measure */
} need;

/* Sizes tried, in order, when a count has no size ("2 bananas", "3 eggs"). */
static const char *const default_sizes[] = {"medium", "fruit", "whole", "large", "item",
					    "serving", "piece", "slice", "each", "can",
					    "bottle", "container"};

/* Unsized count measures, for "a medium orange" when SR gives an orange no
 * "medium" measure but "fruit (2-5/8\" dia)": the usual one, taken as medium. */
static const char *const count_measures[] = {"fruit", "whole", "item", "each", "piece",
					     "serving"};

static bool has_word_measure(const char *names, const char *word);
static void measure_singular(char *out, size_t len, const char *w);

typedef struct {
	char words[16][48];
	size_t n;
} wordset;

/* The words of a folded text, each as written or in the singular */
static void split_words(wordset *w, const char *folded, bool singular)
{
	w->n = 0;
	const char *p = folded;
	while (*p && w->n < 16) {
		while (*p == ' ')
			p++;
		const char *s = p;
		while (*p && *p != ' ')
			p++;
		if (p > s) {
			char tmp[48];
			size_t len = (size_t)(p - s);
			if (len >= sizeof(tmp))
				len = sizeof(tmp) - 1;
			memcpy(tmp, s, len);
			tmp[len] = '\0';
			if (singular)
				cl_singular(w->words[w->n++], sizeof(w->words[0]), tmp);
			else
				snprintf(w->words[w->n++], sizeof(w->words[0]), "%s", tmp);
		}
	}
}

static void words_of(wordset *w, const char *folded)
{
	split_words(w, folded, true);
}

/* The first letters are compared before strcmp: ranking 60 candidates per
 * food text makes hundreds of thousands of these tests, nearly all misses. */
static bool same_word(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

static bool in_words(const wordset *w, const char *word)
{
	for (size_t i = 0; i < w->n; i++)
		if (same_word(w->words[i], word))
			return true;
	return false;
}

/* Is w two consecutive words of the line written as one ("lowfat")? */
static bool joined_in(const wordset *q, const char *w)
{
	for (size_t i = 0; i + 1 < q->n; i++) {
		size_t n = strlen(q->words[i]);
		if (strncmp(w, q->words[i], n) == 0 && strcmp(w + n, q->words[i + 1]) == 0)
			return true;
	}
	return false;
}

/* Groups whose foods are rarely what a diary line means (baby foods,
 * fast foods, restaurant foods, meals, American Indian foods). */
static bool unlikely_group(const char *group)
{
	static const char *const g[] = {"0300", "2100", "3600", "2200", "3500"};
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (strcmp(group, g[i]) == 0)
			return true;
	return false;
}

/* SR names that start with a category ("Nuts, almonds", "Fish, salmon"):
 * the head word is not a different food. */
static bool category_head(const char *w)
{
	static const char *const c[] = {"nut", "seed", "fish", "beverage", "spice", "cereal",
					"crustacean", "mollusk", "candy", "candie", "snack", "soup",
					"sauce", "alcoholic", "babyfood", "lamb", "veal", "pork",
					"beef", "chicken", "turkey", "game", "cheese", "oil"};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		if (same_word(c[i], w))
			return strcmp(w, "oil") != 0;
	return false;
}

/* First segments of SR names that are classes of foods, written out in
 * full (search_classes.tsv has the same idea for the search). */
static bool class_head(const char *first)
{
	static const char *const c[] = {"snacks", "salad dressing", "spices", "beverages",
					"cereals ready-to-eat", "game meat", "mollusks",
					"crustaceans"};
	return WORD_IN(first, c);
}

/*
 * Words of cooking, one list for two readings (round 18's note: they were
 * two lists that overlapped).  COOK_FORM: a word of how the food was
 * cooked or the state it is sold in, which the line's form is read from
 * (is_cooking_word()).  COOK_HEAT: a way of cooking with heat, which holds
 * a line's "cooked" when a name gives it instead of the word
 * (cooked_by_method()); not "cooked" itself, nor a state the food is sold
 * in (canned, frozen, dried, smoked), nor "toasted" or "mashed".
 * "simmered" is only SR's word for how a name's food was cooked.
 */
enum { COOK_FORM = 1, COOK_HEAT = 2 };
static const struct {
	const char *word;
	unsigned char kind;
} cooking_words[] = {
	{"cooked", COOK_FORM},
	{"boiled", COOK_FORM | COOK_HEAT},
	{"baked", COOK_FORM | COOK_HEAT},
	{"fried", COOK_FORM | COOK_HEAT},
	{"roasted", COOK_FORM | COOK_HEAT},
	{"grilled", COOK_FORM | COOK_HEAT},
	{"steamed", COOK_FORM | COOK_HEAT},
	{"broiled", COOK_FORM | COOK_HEAT},
	{"scrambled", COOK_FORM | COOK_HEAT},
	{"poached", COOK_FORM | COOK_HEAT},
	{"stewed", COOK_FORM | COOK_HEAT},
	{"braised", COOK_FORM | COOK_HEAT},
	{"canned", COOK_FORM},
	{"dried", COOK_FORM},
	{"frozen", COOK_FORM},
	{"toasted", COOK_FORM},
	{"mashed", COOK_FORM},
	{"microwaved", COOK_FORM | COOK_HEAT},
	{"sauteed", COOK_FORM | COOK_HEAT},
	{"smoked", COOK_FORM},
	{"dry", COOK_FORM},
	{"simmered", COOK_HEAT},
};

/* Which readings of cooking_words[] the word has (0: none). */
static unsigned cooking_kind(const char *w)
{
	for (size_t i = 0; i < sizeof(cooking_words) / sizeof(cooking_words[0]); i++)
		if (same_word(cooking_words[i].word, w))
			return cooking_words[i].kind;
	return 0;
}

static bool is_cooking_word(const char *w)
{
	return (cooking_kind(w) & COOK_FORM) != 0;
}

/*
 * "1 cup cooked chicken": SR often leaves "cooked" out of a name that says
 * how ("Chicken, broilers or fryers, meat only, roasted"), so the line's
 * "cooked" is held by any name giving a way of cooking with heat, as much
 * as by one that writes it ("..., meat only, cooked, fried", which the
 * word alone put first).  Not a state the food is sold in (canned, frozen,
 * dried, smoked).
 */
static bool cooked_by_method(const wordset *name, const char *word)
{
	if (!same_word(word, "cooked"))
		return false;
	for (size_t i = 0; i < name->n; i++)
		if (cooking_kind(name->words[i]) & COOK_HEAT)
			return true;
	return false;
}

/* Words of a name saying the food was made into another product.  Not
 * "salted": salted is how butter, pretzels and crackers are usually sold
 * ("1 oz pretzels" is "Snacks, pretzels, hard, plain, salted", not soft
 * pretzels); salt added is weighed apart ("with salt", "without salt"). */
static bool is_processing_word(const char *w)
{
	static const char *const c[] = {"sweetened", "solid",  "liquid",
					"syrup",     "pack",       "concentrate", "imitation",
					"dehydrated", "powder",    "chocolate", "flavored",
					"babyfood",  "infant",    "instant",   "butter",
					"flour",     "oil",       "paste",     "bran",
					"meal",      "light",     "lite",      "reduced",
					"free",      "condensed", "mix",      "low",
					/* "canned, drained, rinsed in tap water": a
					 * kitchen step the line must say, as "drained"
					 * is said ("canned chickpeas" is the can) */
					"rinsed"};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		if (same_word(c[i], w))
			return true;
	return false;
}

/* What the line says of the food's form, the same for every candidate. */
typedef struct {
	bool cooked; /* a cooking word, or "a can of" */
	bool raw;    /* "raw" or "uncooked" */
	bool made;   /* a way of cooking the person did ("mashed", "boiled"),
		      * not a state the food is sold in ("canned", "frozen") */
	bool porridge_oats; /* "porridge oats", British for the dry product */
	/* SR's other names of a line's word that SR also has (synonym_words():
	 * "pasta" is "Macaroni", "Spaghetti"), and the line's words so named */
	wordset named_as, named;
} line_form;

/* States a food is sold in, not something done to it in the kitchen. */
static bool sold_state(const char *w)
{
	return same_word(w, "canned") || same_word(w, "frozen") || same_word(w, "dehydrated") ||
	       same_word(w, "dried") || same_word(w, "dry") || same_word(w, "smoked");
}

/* Does the line name the part as the food?  "potato skin" does; "baked
 * potato, with skin" names the whole potato, eaten with its skin, and
 * "chicken thigh without skin" or "no skin" the thigh without it. */
static bool names_part(const wordset *q, const char *part)
{
	for (size_t i = 0; i < q->n; i++)
		if (same_word(q->words[i], part))
			return !(i > 0 && (same_word(q->words[i - 1], "with") ||
					   same_word(q->words[i - 1], "without") ||
					   same_word(q->words[i - 1], "no")));
	return false;
}

/* Does the line say the food was eaten without its skin or peel
 * ("skinless", "peeled", "without skin", "no skin")? */
static bool skin_off(const wordset *q)
{
	if (in_words(q, "skinless") || in_words(q, "peeled"))
		return true;
	for (size_t i = 0; i + 1 < q->n; i++)
		if ((same_word(q->words[i], "without") || same_word(q->words[i], "no")) &&
		    (same_word(q->words[i + 1], "skin") || same_word(q->words[i + 1], "peel")))
			return true;
	return false;
}

/* Is the food (its folded name's words) eaten with its skin or peel, or
 * the skin itself ("with skin", "meat and skin", "Chicken, skin")? */
static bool skin_on(const wordset *name)
{
	for (size_t i = 0; i < name->n; i++)
		if ((same_word(name->words[i], "skin") || same_word(name->words[i], "peel")) &&
		    !(i > 0 && (same_word(name->words[i - 1], "without") ||
				same_word(name->words[i - 1], "no"))))
			return true;
	return false;
}

/* Cuts only a fresh food can be given: "1 tsp grated ginger" is the root. */
static bool fresh_cut(const char *w)
{
	return w && (strcmp(w, "grated") == 0 || strcmp(w, "minced") == 0 ||
		     strcmp(w, "chopped") == 0 || strcmp(w, "sliced") == 0 ||
		     strcmp(w, "diced") == 0);
}

static void line_form_of(line_form *lf, const wordset *q, const char *measure_word,
			 const char *prep)
{
	/* "a can of tuna" asks for canned tuna. */
	lf->cooked = measure_word && strcmp(measure_word, "can") == 0;
	lf->made = false;
	for (size_t i = 0; i < q->n; i++) {
		lf->cooked |= is_cooking_word(q->words[i]);
		lf->made |= is_cooking_word(q->words[i]) && !sold_state(q->words[i]);
	}
	/* "½ cup mashed sweet potato": the made-into word read as the cut is
	 * still how the food was cooked */
	if (prep && is_cooking_word(prep))
		lf->cooked = lf->made = true;
	lf->raw = in_words(q, "raw") || in_words(q, "uncooked");
	/* (read from the words written: the synonyms' words, which join them
	 * later, put "oat" after "porridge") */
	lf->porridge_oats = false;
	lf->named_as.n = lf->named.n = 0;
	for (size_t i = 0; i + 1 < q->n; i++)
		lf->porridge_oats |= same_word(q->words[i], "porridge") &&
				     same_word(q->words[i + 1], "oat");
}

/* The folded words of a name's segment that starts at seg (up to its next
 * comma) into *w; none if memory runs out, which only loses a preference. */
static void segment_words(wordset *w, const char *seg)
{
	char *raw = strndup(seg, strcspn(seg, ",")), *folded = NULL;
	w->n = 0;
	if (raw && cl_fold(&folded, raw) == CL_OK)
		words_of(w, folded);
	free(raw);
	free(folded);
}

/* SR's generic cooked entry names its ways of cooking as alternatives
 * ("Pork, cured, bacon, cooked, broiled, pan-fried or roasted"), beside
 * single-method entries added later ("cooked, baked", "cooked,
 * microwaved").  A line naming no way of cooking, or only ones the
 * alternatives list, means the generic food, not one method it did not
 * say.  The bonus must outweigh the search putting the shorter
 * single-method names first (2.1 behind for "bacon"); a way of cooking the
 * line names that the alternatives lack ("baked bacon") takes it away. */
#define EITHER_METHOD_BONUS 2.5

/* Does the name (its folded words) list ways of cooking joined by "or",
 * and does the line (q) name no way of cooking the name lacks?  (A state
 * the food is sold in is no way of cooking it: "smoked bacon" is cured
 * so, and still cooked any way.) */
static bool either_method(const wordset *name, const wordset *q)
{
	bool listed = false;
	for (size_t i = 1; i + 1 < name->n && !listed; i++)
		listed = same_word(name->words[i], "or") && is_cooking_word(name->words[i - 1]) &&
			 is_cooking_word(name->words[i + 1]);
	if (!listed)
		return false;
	for (size_t i = 0; i < q->n; i++)
		if (is_cooking_word(q->words[i]) && !sold_state(q->words[i]) &&
		    !in_words(name, q->words[i]))
			return false;
	return true;
}

/* SR's groups of fast foods, meals and restaurant foods: their first
 * segment says where a dish was bought ("Fast foods, enchilada"), not what
 * it is. */
static const char *const sold_as_dish[] = {"2100", "2200", "3600"};

/*
 * Of those, SR opens a seller's foods with its brand in capitals ("TACO
 * BELL, Soft Taco with beef", "BURGER KING, ..."): a food word inside it
 * names the seller, not the dish ("1 beef taco" is no TACO BELL burrito,
 * "1 burger" no BURGER KING chicken sandwich), unless the line names the
 * whole brand ("taco bell soft taco").  (A product's name later, "BIG
 * MAC", is the dish.)  Blanks in raw, which starts as the name does, a run
 * of two or more capitalised words opening it that holds a word the line
 * lacks; returns how many of its words the line lacks (0: none blanked).
 */
static size_t blank_brand(char *raw, const wordset *q)
{
	char *end = raw;
	size_t words = 0, lacks = 0;
	for (;;) {
		char *e = end, low[48];
		size_t n = 0;
		bool lower = false;
		while (isalpha((unsigned char)*e) || *e == '\'') {
			lower |= islower((unsigned char)*e) != 0;
			if (isalpha((unsigned char)*e) && n < sizeof(low) - 1)
				low[n++] = (char)tolower((unsigned char)*e);
			e++;
		}
		if (n < 2 || lower)
			break;
		low[n] = '\0';
		char one[48];
		cl_singular(one, sizeof(one), low);
		lacks += !in_words(q, one);
		words++;
		end = e;
		if (*e != ' ' || !isupper((unsigned char)e[1]))
			break;
		end = e + 1;
	}
	if (words < 2 || !lacks)
		return 0;
	for (char *k = raw; k < end; k++)
		*k = ' ';
	return lacks;
}

/*
 * How well a search hit fits the line: the food's own name (before the first
 * comma) should be the words written; the rest of the name may hold the
 * other words ("cooked"); the measure the line uses should exist.  The
 * search order breaks ties, so better search ranking carries through.
 */
static double fit(cl_parser *p, const cl_food_hit *h, double behind, const wordset *q,
		  const line_form *lf, const char *measure_word, const char *food_word,
		  const char *unit_word, const char *prep, bool wants_volume, double floor)
{
	bool cooked = lf->cooked;
	/* Rice, beans, meat, fish are eaten cooked (data/search_forms.tsv): a
	 * line that does not say raw means a cooked form, as the search ranks.
	 * A weight in pounds or kilograms is what was bought ("1 lb. lean
	 * ground beef", "1 kg rice"): raw or dry, as sold. */
	bool bought = unit_word && (strcmp(unit_word, "lb") == 0 || strcmp(unit_word, "kg") == 0);
	/* "1/2 cup rolled oats", "40 g oats": the word names the product,
	 * measured dry from the packet as its label's serving is ("1/2 cup
	 * dry", 40 g); the cooked dish is written "oatmeal" or "porridge", in a
	 * bowl, or with a cooking word (docs/diary.md) */
	bool bowl = (unit_word && strcmp(unit_word, "bowl") == 0) ||
		    (measure_word && strcmp(measure_word, "bowl") == 0);
	bool oat_hit = strncasecmp(h->name, "Cereals, oats,", 14) == 0 ||
		       strcasecmp(h->name, "Oats") == 0;
	bool oats_dry = oat_hit && in_words(q, "oat") && !in_words(q, "oatmeal") &&
			(!in_words(q, "porridge") || lf->porridge_oats) && !lf->cooked && !bowl;
	if (h->eaten_cooked && !lf->raw && !bought && !oats_dry)
		cooked = true;
	bool spoon = unit_word && (strcmp(unit_word, "tsp") == 0 || strcmp(unit_word, "tbsp") == 0);
	/* Under a class ("Snacks, popcorn", "Salad dressing, mayonnaise") the
	 * food's own name is the second segment. */
	size_t cut = strcspn(h->name, ","), from = 0;
	{
		char first[48];
		size_t n = cut < 47 ? cut : 47;
		for (size_t i = 0; i < n; i++)
			first[i] = (char)tolower((unsigned char)h->name[i]);
		first[n] = '\0';
		if (class_head(first) && h->name[cut] == ',') {
			from = cut + 1;
			cut = strcspn(h->name + from, ",");
		}
	}
	/* ... and under a seller's brand (blank_brand) the next: "TACO BELL,
	 * Soft Taco with beef" is a soft taco; the brand's words the line lacks
	 * cost as head words it lacks, as they did unblanked */
	char *name_raw = strdup(h->name);
	size_t brand_words = 0;
	if (name_raw && WORD_IN(h->group_code, sold_as_dish) &&
	    (brand_words = blank_brand(name_raw, q)) && from == 0 &&
	    strspn(name_raw, " ") >= cut && h->name[cut] == ',') {
		from = cut + 1;
		cut = strcspn(h->name + from, ",");
	}
	/* "Soy sauce made from soy (tamari)": an aside in parentheses, or what
	 * the food is made from, is not its own name */
	{
		const char *paren = memchr(h->name + from, '(', cut);
		if (paren)
			cut = (size_t)(paren - (h->name + from));
		for (const char *m = h->name + from; (m = strstr(m, " made ")) != NULL; m++)
			if ((size_t)(m - (h->name + from)) < cut) {
				cut = (size_t)(m - (h->name + from));
				break;
			}
	}
	char *head_raw = name_raw ? strndup(name_raw + from, cut) : NULL;
	char *head = NULL, *all = NULL;
	double s = SEARCH_SCORE_WEIGHT * behind - 1.5 * (double)brand_words;
	if (!head_raw || cl_fold(&head, head_raw) || cl_fold(&all, name_raw))
		goto done;
	wordset hw, aw;
	words_of(&hw, head);
	words_of(&aw, all);
	/* SR inverts names ("Cream, sour"): when the head is all query words,
	 * a query word just after it names the food as much as the head does. */
	wordset sw = {.n = 0};
	bool head_asked = hw.n > 0;
	for (size_t i = 0; i < hw.n; i++)
		head_asked &= in_words(q, hw.words[i]);
	if (head_asked && h->name[from + cut] == ',')
		segment_words(&sw, h->name + from + cut + 1);
	/* Under a category ("Cheese, mozzarella", "Cereals, oats") the next
	 * segment is the food's own name when the line writes all of it:
	 * "mozzarella whole milk" is the cheese, its milk a describing word.
	 * (Not a segment only partly written: "Candies, semisweet chocolate"
	 * is not "hot chocolate".  Not "Soup, tomato" or "Sauce, pizza", which
	 * are the soup and the sauce; not "Cereals, oats", where the line's
	 * "oats" may be the dry product as much as the porridge.) */
	wordset cw = {.n = 0};
	if (hw.n == 1 && category_head(hw.words[0]) && !same_word(hw.words[0], "soup") &&
	    !same_word(hw.words[0], "sauce") && !same_word(hw.words[0], "cereal") &&
	    h->name[from + cut] == ',') {
		segment_words(&cw, h->name + from + cut + 1);
		for (size_t i = 0; i < cw.n; i++)
			if (!in_words(q, cw.words[i]))
				cw.n = 0;
	}
	/* ("Macaroni, cooked" is named by "pasta cooked" as "Pasta, corn" is,
	 * when its name holds the line's other words: "gluten free pasta"
	 * asks for a food "Spaghetti" does not name, and stays the corn pasta) */
	bool named_as = hw.n == 1 && in_words(&lf->named_as, hw.words[0]);
	for (size_t i = 0; i < q->n && named_as; i++)
		named_as = in_words(&lf->named, q->words[i]) || in_words(&aw, q->words[i]) ||
			   joined_in(&aw, q->words[i]) || cooked_by_method(&aw, q->words[i]) ||
			   (is_cooking_word(q->words[i]) && in_words(&aw, "cooked"));
	for (size_t i = 0; i < q->n; i++)
		s += in_words(&hw, q->words[i]) || in_words(&cw, q->words[i]) ||
				     (named_as && in_words(&lf->named, q->words[i]))
			     ? 3.0
		     : in_words(&sw, q->words[i]) ? 2.0
		     : in_words(&aw, q->words[i]) || cooked_by_method(&aw, q->words[i]) ? 1.0
											: 0.0;
	/* ... and of the foods the line's word names so, one headed by the word
	 * itself with a kind the line did not write ("Pasta, corn") comes after
	 * one naming none: "1 cup pasta" is "Spaghetti, cooked", as "pasta 1
	 * cup cooked" is (the search puts the corn pasta first by its head) */
	if (lf->named_as.n && sw.n && hw.n == 1 && in_words(&lf->named, hw.words[0])) {
		bool kind = true;
		for (size_t i = 0; i < sw.n && kind; i++)
			kind = !in_words(q, sw.words[i]) && !is_cooking_word(sw.words[i]);
		if (kind)
			s -= 0.5;
	}
	/* "low fat" for "lowfat": two written words that are one word of the name */
	for (size_t i = 0; i < aw.n; i++)
		if (joined_in(q, aw.words[i]))
			s += 2.0;
	for (size_t i = 0; i < hw.n; i++) {
		if (in_words(q, hw.words[i]) || named_as || category_head(hw.words[i]) ||
		    strcmp(hw.words[i], "type") == 0 || strcmp(hw.words[i], "style") == 0 ||
		    strcmp(hw.words[i], "and") == 0 || strcmp(hw.words[i], "or") == 0)
			continue; /* "mayonnaise type", "Jams and preserves" */
		/* "Kiwifruit" for "kiwi": the food's own name, written longer. */
		bool longer = false;
		for (size_t k = 0; k < q->n && !longer; k++)
			longer = strlen(q->words[k]) >= 4 &&
				 strncmp(hw.words[i], q->words[k], strlen(q->words[k])) == 0;
		s += longer ? -0.5 : -1.5;
	}
	/* "Milk, buttermilk": a word after the head that holds a query word inside it
	 * names another food. */
	for (size_t i = 0; i < aw.n; i++) {
		const char *w = aw.words[i];
		/* the tests of the word alone first: nearly every word fails one */
		if (in_words(&hw, w) || strcmp(w, "milkfat") == 0 || in_words(q, w))
			continue;
		size_t wl = strlen(w);
		int joined = -1;
		for (size_t k = 0; k < q->n; k++)
			if (wl > strlen(q->words[k]) + 2 && strstr(w, q->words[k])) {
				if (joined < 0)
					joined = joined_in(q, w);
				if (!joined)
					s -= 1.0;
			}
	}
	/* ... and of SR's oats, that breakfast cereal ("Cereals, oats, ...,
	 * dry", 81 g a cup), or its porridge for the dish, not the whole grain
	 * ("Oats", 156 g a cup) that the search ranks first by its one-word
	 * name.  (Not for a counted packet: its measure decides.) */
	bool oats_line = in_words(q, "oat") || in_words(q, "oatmeal") || in_words(q, "porridge");
	if (oats_line && (!measure_word || bowl) && strncasecmp(h->name, "Cereals, oats,", 14) == 0 &&
	    (oats_dry ? in_words(&aw, "dry") : cooked && !in_words(&aw, "dry")))
		s += 3.0;
	/* (SR's "Oats" is the whole kernel, which a line names "groats",
	 * "whole oats" or, cut, "steel cut oats": a contradiction otherwise,
	 * weighed as a part below) */
	if (oats_line && strcasecmp(h->name, "Oats") == 0 && !in_words(q, "groat") &&
	    !in_words(q, "whole") && !in_words(q, "steel"))
		s -= 2.5;
	/* SR marks its generic entries; a line that names no variety means them. */
	static const char *const generic[] = {"all types", "all commercial varieties",
					      "all varieties", "year round average", "regular",
					      "without salt", "ns as to", "most common type"};
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (strstr(all, generic[i])) {
			s += 0.6;
			break;
		}
	if (strstr(all, "with salt") && !in_words(q, "salt"))
		s -= 0.4;
	if (either_method(&aw, q))
		s += EITHER_METHOD_BONUS;
	/* The whole, raw food unless the line says otherwise ("egg" is not a yolk). */
	if (!in_words(q, "whole") && in_words(&aw, "whole") && !strstr(all, "whole wheat") &&
	    !strstr(all, "whole grain"))
		s += 0.5;
	if (!cooked && in_words(&aw, "raw"))
		s += 0.3;
	/* "strawberries" means fresh ones: a processed food must be asked for.
	 * Mashing or boiling at home does not make a food canned or frozen
	 * ("mashed sweet potato" is not "Sweet potato, canned, mashed").  A
	 * name SR calls "(most common type)" is the usual product: its words of
	 * form ("roasted and toasted" tahini) describe it, not a form asked for. */
	bool usual = strstr(all, "most common type") != NULL;
	for (size_t i = 0; i < aw.n && !usual; i++)
		if (!in_words(q, aw.words[i]) &&
		    ((!cooked && is_cooking_word(aw.words[i])) ||
		     (lf->made && sold_state(aw.words[i])) ||
		     /* "Nuts, cashew butter" is a butter; "Croissants, butter" a croissant */
		     (is_processing_word(aw.words[i]) &&
		      (!same_word(aw.words[i], "butter") || !strstr(h->name, ", butter")))))
			/* "canned in oil" is how it is packed, not another food: half
			 * the cost, so that it still gives way to "in water" */
			s -= i > 0 && same_word(aw.words[i - 1], "in") ? 0.35 : 0.7;
	/* "Wine, non-alcoholic", "non-dairy": a food without what the line's
	 * food is made of must be asked for ("a glass of wine" is wine).  A
	 * contradiction, not a preference, so it outweighs the search's order,
	 * which puts "Wine, non-alcoholic" first for "wine" */
	{
		bool says_non = false;
		for (size_t i = 0; i < q->n; i++)
			says_non |= strncmp(q->words[i], "non", 3) == 0 ||
				    strstr(q->words[i], "free") != NULL;
		if (!says_non && (strstr(all, "non-alcoholic") || strstr(all, "non alcoholic") ||
				  strstr(all, "non-dairy") || strstr(all, "non dairy")))
			s -= 5.0;
	}
	/* ... and a weight bought ("1 kg rice") is the raw or dry food, against
	 * the search's default of the form eaten */
	for (size_t i = 0; bought && h->eaten_cooked && i < aw.n; i++)
		if (!in_words(q, aw.words[i]) && is_cooking_word(aw.words[i]) &&
		    !same_word(aw.words[i], "dry") && !same_word(aw.words[i], "dried"))
			s -= 0.7;
	if (unlikely_group(h->group_code))
		s -= 2.0;
	/* "2 tsp instant coffee": a spoonful is of the powder or dry product,
	 * not of it made up with water, unless the line says prepared */
	if (spoon && strstr(all, "prepared") && !in_words(q, "prepared"))
		s -= 1.5;
	/* ... and a cup, glass or millilitres of a powder or concentrate sold to
	 * be made up is of the drink made up ("a glass of lemonade") */
	if (wants_volume && !spoon && !strstr(all, "prepared") && !strstr(all, "diluted") &&
	    !strstr(all, "reconstituted"))
		for (size_t i = 0; i < aw.n; i++)
			if ((same_word(aw.words[i], "powder") || same_word(aw.words[i], "concentrate") ||
			     same_word(aw.words[i], "mix")) &&
			    !in_words(q, aw.words[i])) {
				s -= 1.0;
				break;
			}
	/* "1 tsp grated ginger", "chopped parsley": what was grated or chopped
	 * was fresh, not a ground or dried spice.  A contradiction, not a
	 * preference: it outweighs the search's order, as a part does below. */
	/* ("chopped dill" is the leaf, not "Spices, dill seed", unless the
	 * line says seed) */
	bool says_seed = in_words(q, "seed") || in_words(q, "seeds");
	if (fresh_cut(prep) && strcmp(h->group_code, "0200") == 0 && !in_words(&aw, "fresh") &&
	    (in_words(&aw, "ground") || in_words(&aw, "dried") || in_words(&aw, "powder") ||
	     (in_words(&aw, "seed") && !says_seed)))
		s -= 5.0;
	/* "raw potato": a part of the food SR weighs apart ("Potatoes, raw,
	 * skin", "Potatoes, baked, flesh", "Egg, yolk") is not the food unless
	 * the line names the part. */
	for (const char *seg = strchr(h->name, ','); seg; seg = strchr(seg + 1, ',')) {
		static const char *const parts[] = {"skin", "flesh", "peel", "yolk", "leaves",
						    "seeds"};
		const char *w = seg + 1 + strspn(seg + 1, " ");
		/* (the part alone, or with an aside: "skin (drumsticks and thighs)") */
		size_t wl = strcspn(w, ",(");
		while (wl && w[wl - 1] == ' ')
			wl--;
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
			if (wl == strlen(parts[k]) && strncasecmp(w, parts[k], wl) == 0 &&
			    !names_part(q, parts[k]) && !(k == 1 && skin_off(q)))
				s -= 2.5;
	}
	/* "an apple, peeled", "chicken thigh without skin": not the food
	 * with its skin ("Apples, raw, with skin"), nor the skin itself; the
	 * flesh alone is what was eaten ("Potatoes, baked, flesh") */
	if (skin_off(q) && skin_on(&aw))
		s -= 5.0;
	/* The measure terms below only add.  If even all of them could not lift
	 * this food above floor, the caller cannot choose it: skip reading its
	 * measures (a query per food, most of the cost of choosing). */
	double most = s;
	if (measure_word)
		most += 2.0;
	if (food_word)
		most += 1.0;
	if (wants_volume)
		most += 1.0;
	if (most <= floor) {
		s = most;
		goto done;
	}
	const char *names = measure_names(p, h->ndb);
	/* a measure that weighs what a packet or cup of the dry product
	 * yields made up counts for less: the line's packet is the dry one */
	if (measure_word && has_measure_word(names, measure_word))
		s += has_plain_measure_word(names, measure_word) || lf->cooked ? 2.0 : -1.0;
	if (food_word && has_measure_word(names, food_word))
		s += 1.0;
	/* a spoon weighs through any volume measure, a "tsp" one first; any
	 * volume through a serving SR gives as a volume only ("Ice creams,
	 * vanilla": "serving 1/2 cup", as good as "Ice creams, vanilla, rich":
	 * "cup" for "1/2 cup") */
	if (wants_volume && (has_measure_word(names, "cup") || has_measure_word(names, "fl oz") ||
			     (spoon && has_volume_measure(names)) || has_serving_volume(names)))
		s += 1.0;
done:
	free(head_raw);
	free(name_raw);
	free(head);
	free(all);
	return s;
}

/* Can the line be weighed with this food's measures? */
/*
 * Is the food a drink served by the cup or glass: SR's beverages (group 14)
 * but not spirits, beers and wines (SR weighs those by the jigger, can and
 * glass), a milk ("Milk, ...", "Soymilk") or a juice named as such
 * ("Cranberry juice, unsweetened")?  Not what is not drunk as it is: a dry
 * powder, a concentrate or a syrup not yet made up, condensed or evaporated
 * milk ("1 condensed milk" was a 306 g cup), nor the juice of a lemon or a
 * lime, squeezed over food ("1 lemon juice" was a cup).
 */
static bool served_by_the_cup(const char *name, const char *group_code)
{
	static const char *const not_drunk[] = {"powder", ", dry", "concentrate", "undiluted",
						"condensed", "evaporated"};
	size_t head = strcspn(name, ",(");
	bool made_up = strstr(name, "prepared") != NULL;
	for (size_t i = 0; i < sizeof(not_drunk) / sizeof(not_drunk[0]); i++)
		if (strstr(name, not_drunk[i]) && !made_up)
			return false;
	/* "1 chocolate syrup" is the syrup, not SR's milk made with it */
	if (strstr(name, "syrup") || strstr(name, "Syrup"))
		return false;
	if (strncasecmp(name, "lemon juice", 11) == 0 || strncasecmp(name, "lime juice", 10) == 0)
		return false;
	if (strncmp(group_code, "14", 2) == 0)
		return strncmp(name, "Alcoholic", 9) != 0;
	return (head >= 4 && strncasecmp(name + head - 4, "milk", 4) == 0) ||
	       (head >= 5 && strncasecmp(name + head - 5, "juice", 5) == 0) ||
	       strncmp(name, "Milk, chocolate beverage", 24) == 0;
}

static bool feasible(cl_parser *p, const cl_food_hit *h, need nd, const char *measure_word,
		     const char *food_word)
{
	const char *names = measure_names(p, h->ndb);
	switch (nd) {
	case NEED_VOLUME:
		return has_volume_measure(names);
	case NEED_MEASURE:
		if (measure_word && strcmp(measure_word, "slice") == 0 && slice_as_piece(names))
			return true;
		if (measure_word && strcmp(measure_word, "medium") == 0)
			for (size_t k = 0; k < sizeof(count_measures) / sizeof(count_measures[0]); k++)
				if (has_word_measure(names, count_measures[k]))
					return true;
		return measure_word && has_word_measure(names, measure_word);
	case NEED_COUNT:
		if (food_word && has_word_measure(names, food_word))
			return true;
		for (size_t k = 0; k < sizeof(default_sizes) / sizeof(default_sizes[0]); k++)
			if (has_word_measure(names, default_sizes[k]))
				return true;
		/* "a hot chocolate": a drink counted is a cup of it (weigh()) */
		return served_by_the_cup(h->name, h->group_code) && has_word_measure(names, "cup");
	case NEED_NOTHING:
		break;
	}
	return true;
}

static bool describes(const char *name, const char *word);

/* Does the name have a word that is the line's word or begins with it (the
 * search finds "gel" in "Gelatins")? */
static bool name_holds(const char *name, const char *word)
{
	size_t n = strlen(word);
	char one[48];
	if (describes(name, word))
		return true;
	cl_singular(one, sizeof(one), word);
	for (const char *s = name; *s;) {
		while (*s && !isalpha((unsigned char)*s))
			s++;
		if (n >= 3 && strncasecmp(s, word, n) == 0)
			return true;
		/* "Cranberries" for "cranberry", "Cookies" for the line's
		 * "cooky": the two words singular as words_of() makes them */
		const char *w = s;
		while (isalpha((unsigned char)*s))
			s++;
		char got[48], got_one[48];
		size_t gl = (size_t)(s - w);
		if (n >= 3 && gl > n && gl < sizeof(got) && tolower((unsigned char)*w) == one[0]) {
			for (size_t i = 0; i < gl; i++)
				got[i] = (char)tolower((unsigned char)w[i]);
			got[gl] = '\0';
			cl_singular(got_one, sizeof(got_one), got);
			if (strcmp(got_one, one) == 0)
				return true;
		}
	}
	return false;
}

/* Steps the handle's kept statement sql (one text parameter, key) once:
 * *step is SQLITE_ROW or SQLITE_DONE, *st the statement to read and then
 * reset (the caller's; NULL if it could not be had).  Kept rather than
 * prepared per call: the head-noun checks ask it of most free lines. */
static int lookup_row(sqlite3_stmt **st, int *step, cl_parser *p, const char *sql,
		      const char *key, const char *what)
{
	*step = SQLITE_DONE;
	if (!(*st = cl_fooddb_stmt(p->db, sql)))
		return CL_EDB; /* (the error is set) */
	sqlite3_bind_text(*st, 1, key, -1, SQLITE_STATIC);
	*step = sqlite3_step(*st);
	if (*step != SQLITE_ROW && *step != SQLITE_DONE)
		return cl_error_set(CL_EDB, "reading %s: %s", what,
				    sqlite3_errmsg(cl_fooddb_sqlite(p->db)));
	return CL_OK;
}

/* The phrase of words [from, to) of tw, joined by spaces, into out. */
static void words_phrase(char *out, size_t cap, const wordset *tw, size_t from, size_t to)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = from; i < to; i++) {
		int n = snprintf(out + len, cap - len, "%s%s", len ? " " : "", tw->words[i]);
		if (n < 0 || (size_t)n >= cap - len)
			break;
		len += (size_t)n;
	}
}

/* Does some SR name hold the word (search_stat, the word stemmed as the
 * index stems it)?  Not "ghee", which only a synonym knows. */
static int word_in_names(bool *in_sr, cl_parser *p, const char *w)
{
	sqlite3_stmt *st = NULL;
	char stem[CL_SEARCH_WORD_MAX + 1];
	int step, rc;
	cl_search_stem(stem, w, strlen(w));
	rc = lookup_row(&st, &step, p, "SELECT df FROM search_stat WHERE stem = ?", stem,
			"the word counts");
	*in_sr = !rc && step == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* "1 ounze": the unit a word after an amount misspells (cl_unit_slip()),
 * or NULL when it names a measure of the food, a word of its name, or a
 * word any SR name holds ("1 liver dumpling" is no litre of dumplings). */
static bool names_measure(const cl_food *f, const char *word);

static int unit_slip(const cl_unit **slip, cl_parser *p, const cl_food *f, const char *w)
{
	bool in_sr = false;
	int rc;
	*slip = NULL;
	if (names_measure(f, w) || name_holds(f->name, w) || !cl_unit_slip(w))
		return CL_OK;
	if ((rc = word_in_names(&in_sr, p, w)))
		return rc;
	if (!in_sr)
		*slip = cl_unit_slip(w);
	return CL_OK;
}

/*
 * "1 spring roll", "1 tbsp ghee": the search reads a dish's phrase, or a
 * word no SR name has, through data/search_synonyms.tsv ("egg rolls",
 * "butter oil"), and the choice below must weigh candidates by the same
 * words, or a name holding them in other roles wins ("Rolls, dinner, egg",
 * "Oil, cocoa butter").  So the synonym's words of such a phrase join the
 * line's words q.  A one-word synonym of a word SR has that keeps the word
 * ("grilled": "grilled|broiled|roasted") or writes it apart ("milkshake":
 * "milk shakes") only widens what the search finds and adds nothing here;
 * one replacing it ("cider": apple juice) is read as the search reads it.
 */
/* "the", "a", "an": words a synonym phrase is read without. */
static bool article(const char *w)
{
	return strcmp(w, "the") == 0 || strcmp(w, "a") == 0 || strcmp(w, "an") == 0;
}

/* The next word of a synonym row's replacement (words and "|"
 * alternatives), in the singular as the line's words are; *r moves past
 * it.  False at the end.  (A word too long for one[] is skipped.) */
static bool next_row_word(const char **r, char one[48])
{
	while (*r && **r) {
		size_t wn = strcspn(*r, " |");
		char w[48];
		bool fits = wn && wn < sizeof(w);
		if (fits) {
			memcpy(w, *r, wn);
			w[wn] = '\0';
			cl_singular(one, 48, w);
		}
		*r += wn;
		*r += strspn(*r, " |");
		if (fits)
			return true;
	}
	return false;
}

/* Does a synonym row's replacement hold the word? */
static bool row_holds(const char *r, const char *word)
{
	char one[48];
	while (next_row_word(&r, one))
		if (same_word(one, word))
			return true;
	return false;
}

/* Is a synonym row's replacement the word written apart ("milkshake":
 * "milk shakes")?  Then it names the word's own food, as one holding it. */
static bool row_joins(const char *r, const char *word)
{
	char one[48], joined[96] = "";
	size_t len = 0;
	while (next_row_word(&r, one)) {
		int n = snprintf(joined + len, sizeof(joined) - len, "%s", one);
		if (n < 0 || (size_t)n >= sizeof(joined) - len)
			return false;
		len += (size_t)n;
	}
	return len && same_word(joined, word);
}

/* Drops from q's first `written` words those in gone that no synonym's
 * word (after them in q) brought back. */
static void drop_replaced(wordset *q, const wordset *gone, size_t written)
{
	size_t kept = 0;
	for (size_t i = 0; i < q->n; i++) {
		bool brought = false;
		for (size_t k = written; k < q->n && !brought; k++)
			brought = same_word(q->words[k], q->words[i]);
		if (i < written && in_words(gone, q->words[i]) && !brought)
			continue;
		if (kept != i)
			memcpy(q->words[kept], q->words[i], sizeof(q->words[i]));
		kept++;
	}
	q->n = kept;
}

/* A one-word row whose replacement is only alternatives and holds the word
 * itself ("pasta": "pasta|macaroni|spaghetti|noodles") says which other
 * words the search reads for it; it adds nothing to q.  An alternative
 * whose own row gives the word back ("spaghetti": "spaghetti|pasta") is
 * another name of the same food, so the choice counts a name headed by it
 * as named by the line's word (lf->named_as), as "Pasta, corn" is by
 * "pasta".  (Not a one-way row: "muesli|granola" gives the nearest food.) */
static int alternatives(cl_parser *p, line_form *lf, const char *word, const char *row)
{
	static const char *const sql = "SELECT repl FROM search_syn WHERE phrase = ?";
	char one[48];
	const char *r = row;
	int rc = CL_OK;
	if (strchr(row, ' ') || !row_holds(row, word))
		return CL_OK;
	while (next_row_word(&r, one)) {
		sqlite3_stmt *st = NULL;
		int step;
		if (same_word(one, word) || in_words(&lf->named_as, one) || lf->named_as.n >= 16)
			continue;
		if ((rc = lookup_row(&st, &step, p, sql, one, "the synonyms")))
			return rc;
		bool back = step == SQLITE_ROW &&
			    row_holds((const char *)sqlite3_column_text(st, 0), word);
		sqlite3_reset(st);
		if (!back)
			continue;
		memcpy(lf->named_as.words[lf->named_as.n++], one, sizeof(one));
		if (!in_words(&lf->named, word) && lf->named.n < 16)
			snprintf(lf->named.words[lf->named.n++], sizeof(lf->named.words[0]), "%.*s",
				 (int)sizeof(lf->named.words[0]) - 1, word);
	}
	return CL_OK;
}

/* The synonym row of the folded phrase: as written or plural ("hot
 * chip": the row "hot chips"; "tatty": "tatties"), since the line's words
 * are singular and the search reads a row as typed.  A single word SR's
 * names hold is looked up only as written ("green" is no "greens").  key
 * (cap bytes, the caller's: the statement is bound to it) holds the
 * phrase looked up. */
static int synonym_row(sqlite3_stmt **st, int *step, cl_parser *p, char *key, size_t cap,
		       const char *phrase)
{
	static const char *const sql = "SELECT repl FROM search_syn WHERE phrase = ?";
	/* the plural endings cl_singular() takes off, and what they replace */
	static const struct {
		const char *last, *ending;
		size_t cut;
	} plurals[] = {{"", "s", 0}, {"y", "ies", 1}, {"f", "ves", 1}, {"o", "es", 0},
		       {"ch", "es", 0}, {"sh", "es", 0}, {"x", "es", 0}};
	*st = NULL;
	*step = SQLITE_DONE;
	size_t len = strlen(phrase);
	if (len >= cap)
		return CL_OK; /* longer than any row */
	memcpy(key, phrase, len + 1);
	int rc = lookup_row(st, step, p, sql, key, "the synonyms");
	bool in_sr = false;
	if (rc || *step == SQLITE_ROW ||
	    (!strchr(phrase, ' ') && ((rc = word_in_names(&in_sr, p, phrase)) || in_sr)))
		return rc;
	for (size_t i = 0; i < sizeof(plurals) / sizeof(plurals[0]); i++) {
		size_t ll = strlen(plurals[i].last), el = strlen(plurals[i].ending);
		if (len < ll || strcmp(phrase + len - ll, plurals[i].last) != 0 ||
		    len - plurals[i].cut + el >= cap)
			continue;
		sqlite3_reset(*st);
		memcpy(key + len - plurals[i].cut, plurals[i].ending, el + 1);
		if ((rc = lookup_row(st, step, p, sql, key, "the synonyms")) || *step == SQLITE_ROW)
			return rc;
	}
	return CL_OK;
}

static int synonym_words(cl_parser *p, wordset *q, line_form *lf)
{
	/* The phrases are read without articles, as the search reads them
	 * ("corn on the cob" is the row "corn on cob") */
	wordset said = {.n = 0}, gone = {.n = 0};
	size_t written = q->n;
	for (size_t i = 0; i < q->n; i++)
		if (!article(q->words[i]))
			memcpy(said.words[said.n++], q->words[i], sizeof(q->words[i]));
	int rc = CL_OK;
	for (size_t len = 3; len >= 1; len--)
		for (size_t i = 0; i + len <= said.n; i++) {
			char phrase[3 * sizeof(q->words[0]) + 3];
			sqlite3_stmt *st = NULL;
			int step;
			words_phrase(phrase, sizeof(phrase), &said, i, i + len);
			bool in_sr = false;
			if (len == 1 && (rc = word_in_names(&in_sr, p, phrase)))
				return rc;
			char key[sizeof(phrase) + 2];
			if ((rc = synonym_row(&st, &step, p, key, sizeof(key), phrase)))
				return rc;
			if (step == SQLITE_ROW && in_sr &&
			    (row_holds((const char *)sqlite3_column_text(st, 0), phrase) ||
			     row_joins((const char *)sqlite3_column_text(st, 0), phrase))) {
				char row[256];
				snprintf(row, sizeof(row), "%s",
					 (const char *)sqlite3_column_text(st, 0));
				sqlite3_reset(st);
				if ((rc = alternatives(p, lf, phrase, row)))
					return rc;
				continue;
			}
			if (step == SQLITE_ROW) {
				const char *r = (const char *)sqlite3_column_text(st, 0);
				/* a phrase's words are read as its row's words, as the
				 * search reads them: "cob" of "corn on the cob" (sweet
				 * corn boiled) does not name the frozen "kernels on cob" */
				for (size_t k = i; len > 1 && k < i + len; k++)
					if (!in_words(&gone, said.words[k]) &&
					    !row_holds(r, said.words[k]))
						memcpy(gone.words[gone.n++], said.words[k],
						       sizeof(said.words[k]));
				char one[48];
				while (q->n < sizeof(q->words) / sizeof(q->words[0]) &&
				       next_row_word(&r, one))
					if (!in_words(q, one))
						memcpy(q->words[q->n++], one, sizeof(one));
			}
			sqlite3_reset(st);
		}
	drop_replaced(q, &gone, written);
	return rc;
}

static bool one_slip(const char *a, const char *b);

/*
 * "1 avacado": a word no SR name holds, one slip from a word of the food the
 * search put first ("Avocados, raw, all commercial varieties"), is read as
 * that word, as the search read it.  Else the checks below compare every
 * candidate with the slip, none holds it, and the food named by its piece
 * ("avocado, NS as to Florida or California") loses to one weighed by
 * "fruit".  The food's last word (*food_word) is mended with it.
 */
static int mend_slips(wordset *q, char *food_word, cl_parser *p, const cl_food_hit *first)
{
	char *folded = NULL;
	wordset name = {.n = 0};
	int rc = CL_OK;
	for (size_t i = 0; i < q->n; i++) {
		bool in_sr = true;
		if (strlen(q->words[i]) >= 4 && (rc = word_in_names(&in_sr, p, q->words[i])))
			goto cleanup;
		if (in_sr)
			continue;
		if (!folded) {
			if ((rc = cl_fold(&folded, first->name)))
				goto cleanup;
			words_of(&name, folded);
		}
		for (size_t k = 0; k < name.n; k++) {
			if (!one_slip(q->words[i], name.words[k]))
				continue;
			if (food_word && strcmp(food_word, q->words[i]) == 0)
				snprintf(food_word, sizeof(q->words[0]), "%s", name.words[k]);
			snprintf(q->words[i], sizeof(q->words[0]), "%s", name.words[k]);
			break;
		}
	}
cleanup:
	free(folded);
	return rc;
}

/*
 * The best candidate that can be weighed as the line asks ("1 cup oatmeal"
 * cannot mean a food with no volume measure); if none can, the best one, and
 * weighing it will say why the line cannot be read.
 */
static int synonym_repl(bool *found, char *repl, size_t cap, cl_parser *p, const char *phrase);
static int synonym_names(bool *names, cl_parser *p, const cl_food *f, const char *phrase);
static bool wording_named(const char *name, const char *repl);

/* Does the name hold every word of the folded food text, or the SR
 * wording of its synonym ("french fries": "potatoes french fried")? */
static bool holds_line(const char *name, const wordset *tw, const char *repl)
{
	bool all = true;
	for (size_t i = 0; i < tw->n && all; i++)
		all = name_holds(name, tw->words[i]);
	return all || (repl[0] && wording_named(name, repl));
}

/* Is the food a kind "with" a filling the line (folded) does not say
 * ("Fast foods, burrito, with fruit (apple or cherry)" for "burrito")? */
static bool unsaid_filling(const char *name, const char *folded)
{
	return strstr(name, " with ") && !strstr(folded, "with");
}

static int search_best(char ndb[8], cl_parser *p, const char *query, const char *measure_word,
		       const char *food_word, const char *unit_word, const char *prep, need nd)
{
	bool wants_volume = nd == NEED_VOLUME;
	cl_food_hits hits = {0};
	char *folded = NULL, mended[48];
	int rc;

	ndb[0] = '\0';
	if ((rc = cl_fold(&folded, query)))
		return rc;
	if (!folded[0]) {
		free(folded);
		return CL_OK;
	}
	rc = cl_food_search(&hits, p->db, folded, SEARCH_CANDIDATES);
	if (rc == CL_EINVAL) { /* nothing searchable in the words */
		cl_error_clear();
		rc = CL_OK;
	}
	if (rc == CL_OK && hits.count) {
		wordset q;
		line_form lf;
		words_of(&q, folded);
		if (food_word)
			snprintf(mended, sizeof(mended), "%s", food_word);
		if ((rc = mend_slips(&q, food_word ? mended : NULL, p, &hits.hits[0])))
			goto cleanup;
		if (food_word)
			food_word = mended;
		line_form_of(&lf, &q, measure_word, prep);
		if ((rc = synonym_words(p, &q, &lf)))
			goto cleanup;
		double best = -1e9, best_ok = -1e9;
		char ok[8] = "";
		const char *ok_name = "";
		for (size_t i = 0; i < hits.count; i++) {
			/* A score at or below both bests changes nothing below. */
			double s = fit(p, &hits.hits[i], hits.hits[i].score - hits.hits[0].score, &q,
				       &lf, measure_word, food_word, unit_word, prep, wants_volume,
				       best < best_ok ? best : best_ok);
			if (s > best) {
				best = s;
				snprintf(ndb, 8, "%s", hits.hits[i].ndb);
			}
			if (s > best_ok && feasible(p, &hits.hits[i], nd, measure_word, food_word)) {
				best_ok = s;
				snprintf(ok, sizeof(ok), "%s", hits.hits[i].ndb);
				ok_name = hits.hits[i].name;
			}
		}
		/* Only a near rival: "2 spinach" must not become spinach souffle.  A
		 * measure written out ("a slice of pizza") is a stronger fact.  A
		 * size is no reason to take a kind "with" a filling the line did
		 * not say, near or far (below: "large burrito"). */
		bool near = ok[0] && best_ok >= best - (nd == NEED_MEASURE ? 6.0 : 2.0) &&
			    !(measure_word && size_word(measure_word) && strcmp(ok, ndb) != 0 &&
			      unsaid_filling(ok_name, folded));
		if (near)
			snprintf(ndb, 8, "%s", ok);
		/* "medium fries": a size SR weighs only in a food the search puts
		 * far behind ("Fast foods, potato, french fried in vegetable oil":
		 * small, medium, large) is that food when its name holds every
		 * word of the line's food, itself or as its synonym's wording, and
		 * a measure of it is the size itself (feasible() lets "medium" be
		 * any piece, which no far food may stand for: "medium burrito"),
		 * and it is not a kind "with" a filling the line did not say
		 * ("large burrito" is not "burrito, with fruit (apple or cherry)") */
		if (!near && nd == NEED_MEASURE && measure_word && size_word(measure_word)) {
			wordset tw;
			char repl[256];
			bool found;
			words_of(&tw, folded);
			if ((rc = synonym_repl(&found, repl, sizeof(repl), p, folded)))
				goto cleanup;
			for (size_t i = 0; i < hits.count; i++)
				if (holds_line(hits.hits[i].name, &tw, repl) &&
				    !unsaid_filling(hits.hits[i].name, folded) &&
				    has_word_measure(measure_names(p, hits.hits[i].ndb), measure_word)) {
					snprintf(ndb, 8, "%s", hits.hits[i].ndb);
					break;
				}
		}
	}
cleanup:
	cl_food_hits_free(&hits);
	free(folded);
	return rc;
}

/* Cached: the NDB for the food text ("" if none). */
static int resolve(const char **ndb, cl_parser *p, const char *query, const char *measure_word,
		   const char *food_word, const char *unit_word, const char *prep, need nd)
{
	char key[CL_DIARY_MAX_LINE + 192];
	snprintf(key, sizeof(key), "%s|%s|%s|%s|%s|%d", query, measure_word ? measure_word : "",
		 food_word ? food_word : "", unit_word ? unit_word : "", prep ? prep : "", (int)nd);
	char *hit = map_get(&p->queries, key);
	if (hit) {
		*ndb = hit;
		return CL_OK;
	}
	char found[8];
	int rc = search_best(found, p, query, measure_word, food_word, unit_word, prep, nd);
	if (rc)
		return rc;
	char *copy = strdup(found);
	if (!copy)
		return cl_error_oom();
	if ((rc = map_put(&p->queries, key, copy))) {
		free(copy);
		return rc;
	}
	*ndb = copy;
	return CL_OK;
}

/* ---- weighing ---------------------------------------------------------- */

/* Words that name a size or a household measure rather than the food. */
static const char *const measure_words[] = {
	"extra",   "small",   "medium", "large",  "jumbo",  "slice",   "piece",  "container",
	"can",     "stalk",   "clove",  "leaf",   "fruit",  "serving", "packet", "package",
	"bar",     "link",    "patty",  "fillet", "scoop",  "stick",   "bottle", "pat",
	"sprig",   "spear",   "floret", "head",   "bunch",  "cube",    "strip",  "wedge",
	"ring",    "bag",     "box",    "envelope", "pouch", "jar",    "carton", "loaf",
	"whole",   "each",    "item",   "tortilla", "breast", "thigh", "drumstick", "wing",
	"nlea",    "portion", "order",  "sandwich", "biscuit", "muffin", "pie",  "cookie",
	"bun",     "roll",    "kernel", "berry",  "shot",   "jigger", "ear",   "tin",
	"rasher",  "big",    "segment", "section", "pod",   "mini",  "block", "cubic",
	"miniature", "creamer", "tub", "punnet",
};

/* "cloves" -> "clove": the plural without its s (cl_singular reads "cloves"
 * as "loaves" and gives "clof"). */
static void strip_s(char *out, size_t len, const char *w)
{
	snprintf(out, len, "%s", w);
	size_t n = strlen(out);
	if (n > 3 && out[n - 1] == 's' && out[n - 2] != 's')
		out[n - 1] = '\0';
}

static bool is_measure_word(const char *w)
{
	char s[48], s2[48];
	cl_singular(s, sizeof(s), w);
	strip_s(s2, sizeof(s2), w);
	for (size_t i = 0; i < sizeof(measure_words) / sizeof(measure_words[0]); i++)
		if (strcmp(measure_words[i], s) == 0 || strcmp(measure_words[i], w) == 0 ||
		    strcmp(measure_words[i], s2) == 0)
			return true;
	return false;
}

/* British "tin" is the SR "can"; a "rasher" of bacon is a slice. */
static const char *measure_alias(const char *w)
{
	char s[48];
	strip_s(s, sizeof(s), w);
	if (strcmp(s, "tin") == 0)
		return "can";
	if (strcmp(s, "rasher") == 0)
		return "slice";
	if (strcmp(s, "big") == 0) /* "a big apple" */
		return "large";
	if (strcmp(s, "bun") == 0) /* SR weighs hamburger buns as "roll" */
		return "roll";
	if (strcmp(s, "floret") == 0) /* SR spells it "floweret" (cauliflower) */
		return "floweret";
	if (strcmp(s, "finger") == 0) /* British "fish fingers" are SR's fish "stick" */
		return "stick";
	if (strcmp(s, "miniature") == 0) /* measure_head() reads SR's "miniatures" as "mini" */
		return "mini";
	/* "1 creamer half & half": the single-serve cup SR weighs as
	 * "container, individual" (half and half, cream substitutes) */
	if (strcmp(s, "creamer") == 0)
		return "container";
	/* "yogurt, 1 tub": SR names no measure "tub"; its yogurts, cottage
	 * cheese and dips come in a "container" */
	if (strcmp(s, "tub") == 0)
		return "container";
	return w;
}

/* The singular of a measure word as SR's measure names spell it. */
static void measure_singular(char *out, size_t len, const char *w)
{
	char s2[48];
	w = measure_alias(w);
	strip_s(s2, sizeof(s2), w);
	for (size_t i = 0; i < sizeof(measure_words) / sizeof(measure_words[0]); i++)
		if (strcmp(measure_words[i], s2) == 0) {
			snprintf(out, len, "%s", s2);
			return;
		}
	cl_singular(out, len, w);
}


/* The first word of a measure name, lower case and singular ("slices" -> "slice"). */
static void measure_head(char *out, size_t len, const char *name)
{
	char w[48];
	size_t n = 0;
	while (name[n] && n < sizeof(w) - 1 && (isalpha((unsigned char)name[n]))) {
		w[n] = (char)tolower((unsigned char)name[n]);
		n++;
	}
	w[n] = '\0';
	/* SR writes both "croissant, mini" and "miniature box" (and
	 * marshmallows' "10 miniatures") */
	cl_singular(out, len, w);
	if (strcmp(out, "miniature") == 0)
		snprintf(out, len, "mini");
}

/* A measure of what is left of a piece once peeled ("eggplant, peeled
 * (yield from 1-1/4 lb)"), not of the piece itself.  ("drumstick with skin
 * (yield from 1 lb ready-to-cook chicken)" is the whole drumstick.) */
static bool yield_of_piece(const char *name)
{
	const char *peeled = strstr(name, "peeled");
	return peeled && (peeled == name || peeled[-1] == ' ');
}

/* A measure named by its head word alone, or with only a bracket after it
 * ("slice", "slice (1 oz)"), and not by a size ("slice, large"). */
static bool unsized_measure(const char *name)
{
	const char *c = name;
	while (isalpha((unsigned char)*c))
		c++;
	return *c == '\0' || strncmp(c, " (", 2) == 0;
}

static const cl_measure *measure_starting_as(const cl_food *f, const char *s, const char *word,
					      const char *word2)
{
	const cl_measure *found = NULL, *plain = NULL;
	for (size_t i = 0; i < f->nmeasures; i++) {
		char h[48];
		const char *name = f->measures[i].name;
		measure_head(h, sizeof(h), name);
		if (strcmp(h, s) != 0 && strncasecmp(f->name, h, strlen(h)) == 0 && strchr(name, ' ')) {
			/* "Potato medium (...)": the food's own name, then the size. */
			measure_head(h, sizeof(h), strchr(name, ' ') + 1);
		}
		if (strcmp(h, s) != 0)
			continue;
		if (word2) { /* "extra large": the second word must follow */
			/* (past the head as SR spells it: "miniature box") */
			const char *rest = f->measures[i].name;
			while (isalpha((unsigned char)*rest))
				rest++;
			while (*rest == ' ' || *rest == ',')
				rest++;
			if (strncasecmp(rest, word2, strlen(word2)) != 0)
				continue;
		} else if (strcmp(s, "extra") != 0 &&
			   strncasecmp(f->measures[i].name, "extra", 5) == 0) {
			continue;
		}
		/* "2 celery stalks", "an ear of corn": of "stalk, large", "stalk,
		 * medium", ... an unsized count means the medium one, as an
		 * unsized fruit does */
		if (!word2 && !found)
			found = &f->measures[i];
		/* "half an aubergine": a count counts whole pieces as bought, not
		 * what is left of one after peeling ("eggplant, peeled (yield
		 * from 1-1/4 lb)" before "eggplant, unpeeled") */
		else if (!word2 && yield_of_piece(found->name) && !yield_of_piece(name))
			found = &f->measures[i];
		/* "1 can ginger ale": of SR's sized cans ("can or bottle (16 fl
		 * oz)", "(12 fl oz)") an unsized can is the 12 fl oz (355 ml) can
		 * US drinks come in */
		if (!word2 && strcmp(s, "can") == 0 && strstr(name, "(12 fl oz)"))
			return &f->measures[i];
		if (word2 || strstr(f->measures[i].name, "medium") ||
		    strstr(f->measures[i].name, "Medium"))
			return &f->measures[i];
		/* "2 slices white bread": where SR has no medium one, the
		 * measure of no size ("slice", "slice (1 oz)") is what an
		 * unsized word means, not the first size listed ("slice, large") */
		if (!word2 && !plain && unsized_measure(name))
			plain = &f->measures[i];
	}
	return plain && (!found || !yield_of_piece(plain->name)) ? plain : found;
}

/* "can or bottle (12 fl oz)", "slice or wedge": SR names one piece by two
 * words, and the second is as much its name as the first ("light beer 2
 * bottles").  The one measure so named; NULL when none, or when two sizes
 * are ("can or bottle (16 fl oz)" and "(12 fl oz)": a bottle of soda is
 * either, so the line is refused naming both). */
static const cl_measure *second_name(const cl_food *f, const char *one)
{
	const cl_measure *found = NULL;
	for (size_t i = 0; i < f->nmeasures; i++) {
		const char *p = f->measures[i].name;
		char h[48];
		while (isalpha((unsigned char)*p))
			p++;
		if (strncasecmp(p, " or ", 4) != 0)
			continue;
		measure_head(h, sizeof(h), p + 4);
		if (strcmp(h, one) != 0)
			continue;
		if (found)
			return NULL;
		found = &f->measures[i];
	}
	return found;
}

static const cl_measure *measure_starting(const cl_food *f, const char *word, const char *word2)
{
	char s[48], s2[48];
	word = measure_alias(word);
	cl_singular(s, sizeof(s), word);
	strip_s(s2, sizeof(s2), word);
	/* "cookies": SR's "cookie" (one) before "cookies (1 NLEA serving)",
	 * which cl_singular() also reads as "cooky" */
	const cl_measure *m = strcmp(s2, s) != 0 ? measure_starting_as(f, s2, word, word2) : NULL;
	if (!m)
		m = measure_starting_as(f, s, word, word2);
	/* "10 carrot sticks": a stick of a food SR has no stick of (as it
	 * has of butter and fish) is its "strip"; not of a food with stalks,
	 * where a British "stick of celery" is the stalk: refused, not guessed */
	if (!m && !word2 && strcmp(s2, "stick") == 0 && !measure_starting_as(f, "stalk", "stalk", NULL))
		m = measure_starting_as(f, "strip", "strip", NULL);
	/* "a box of apple juice", "1 juice box": SR weighs a drink's box as
	 * "drink box (8.45 fl oz)" */
	if (!m && !word2 && (strcmp(s2, "box") == 0 || strcmp(s, "box") == 0)) /* ("boxes") */
		m = measure_starting_as(f, "drink", "drink", "box");
	/* "2 pineapple rings": a ring of a food SR has no ring of is its
	 * slice, as SR itself writes "slice or ring" (canned pineapple) */
	if (!m && !word2 && (strcmp(s2, "ring") == 0 || strcmp(s, "ring") == 0))
		m = measure_starting_as(f, "slice", "slice", NULL);
	/* "3 cubes of cheddar": a cube cut from a block is SR's "cubic inch" */
	if (!m && !word2 && strcmp(s2, "cube") == 0)
		m = measure_starting_as(f, "cubic", "cubic", "inch");
	if (!m && !word2)
		m = second_name(f, s2);
	return m;
}

/* m, unless it weighs what is cut or squeezed from one piece ("cantaloupe
 * balls", "lemon yields"): "half a cantaloupe" is half a melon. */
static bool describes(const char *name, const char *word);

static const cl_measure *not_cut(const cl_measure *m, const char *text)
{
	const char *sp = m ? strchr(m->name, ' ') : NULL;
	if (sp && (strncmp(sp + 1, "balls", 5) == 0 || strncmp(sp + 1, "yields", 6) == 0) &&
	    !describes(text, sp[1] == 'b' ? "balls" : "yields")) /* "10 melon balls" */
		return NULL;
	return m;
}

static bool one_slip(const char *a, const char *b);

/* A count measure named by a word of the food's text (at least 4 letters,
 * not a size), or whose name ends or starts the text's last word
 * ("blueberries" -> "berries", "beetroot" -> "beet"); NULL if none. */
static const cl_measure *measure_named_in(const cl_food *f, const char *text, const char *last)
{
	char w[48], one[48], h[48];
	const cl_measure *m = NULL;
	for (const char *p = text; *p && !m;) {
		size_t n = strcspn(p, " ");
		if (n >= 4 && n < sizeof(w)) {
			memcpy(w, p, n);
			w[n] = '\0';
			if (strcmp(w, "medium") && strcmp(w, "large") && strcmp(w, "small"))
				m = not_cut(measure_starting(f, w, NULL), text);
		}
		p += n;
		p += strspn(p, " ");
	}
	cl_singular(one, sizeof(one), last);
	size_t lo = strlen(one);
	for (size_t i = 0; !m && i < f->nmeasures; i++) {
		measure_head(h, sizeof(h), f->measures[i].name);
		size_t lh = strlen(h);
		/* "blueberries" ends with "berries"; "beetroot" starts with "beet";
		 * of the pieces so named, the one an unsized count means, as
		 * for the word alone ("half a rockmelon": "melon, medium", not
		 * the first listed, "melon, large") */
		if (lh >= 4 && lo > lh &&
		    (strcmp(one + lo - lh, h) == 0 || strncmp(one, h, lh) == 0)) {
			m = measure_starting_as(f, h, h, NULL);
			if (!m)
				m = &f->measures[i];
		}
		/* "blueberies": the end written with one slip (a letter dropped,
		 * added or changed), as the search forgives the name */
		for (size_t k = lh - 1; !m && lh >= 5 && k <= lh + 1; k++)
			if (lo > k + 2 && one_slip(one + lo - k, h))
				m = &f->measures[i];
	}
	return m;
}

/* Do two nouns name the same thing, one or both in the plural ("kernels",
 * "kernel"; "cubes", "cube"; "cherries", "cherry")? */
static bool same_noun(const char *a, const char *b)
{
	char sa[48], sb[48], ta[48], tb[48];
	cl_singular(sa, sizeof(sa), a);
	cl_singular(sb, sizeof(sb), b);
	strip_s(ta, sizeof(ta), a);
	strip_s(tb, sizeof(tb), b);
	return strcmp(sa, sb) == 0 || strcmp(ta, tb) == 0;
}

/*
 * A count SR gives inside a measure's description: "oz (49 kernels)",
 * "serving 1 cube", "serving (4 slices)", "oz (42 medium seeds)".  One noun
 * then weighs the measure's grams / the count.  Only measures of amount 1
 * ("2.0 oz, 2 links" counts the ounces, not the links), whole counts ("10-12
 * kernels" is a range) and counts that are the measure ("8 slices per can",
 * "5 pieces = serving" are not) are read.  Sets *count; NULL if none.
 */
static const cl_measure *counted_in(const cl_food *f, const char *noun, double *count)
{
	if (!noun || strlen(noun) < 3)
		return NULL;
	for (size_t i = 0; i < f->nmeasures; i++) {
		const char *name = f->measures[i].name;
		if (f->measures[i].amount != 1.0)
			continue;
		for (const char *c = name; *c; c++) {
			if (!isdigit((unsigned char)*c) ||
			    (c > name && (isdigit((unsigned char)c[-1]) || c[-1] == '.' ||
					  c[-1] == '/' || c[-1] == '-')))
				continue;
			const char *e = c;
			while (isdigit((unsigned char)*e))
				e++;
			if (*e != ' ') /* "1.5", "10-12", "1/2", "4\"" */
				continue;
			long n = strtol(c, NULL, 10);
			e++;
			/* "23 whole kernels", "42 medium seeds" */
			if (strncmp(e, "whole ", 6) == 0)
				e += 6;
			else if (strncmp(e, "medium ", 7) == 0)
				e += 7;
			char w[48];
			size_t k = 0;
			while (isalpha((unsigned char)e[k]) && k + 1 < sizeof(w)) {
				w[k] = (char)tolower((unsigned char)e[k]);
				k++;
			}
			w[k] = '\0';
			const char *after = e + k;
			while (*after == ' ')
				after++;
			if (n < 1 || k < 3 || !same_noun(w, noun) || strncmp(after, "per", 3) == 0 ||
			    *after == '=')
				continue;
			*count = (double)n;
			return &f->measures[i];
		}
	}
	return NULL;
}

/* A measure whose first word is a word of the line's food text and whose
 * name holds the size word: "stalk, large" for "large celery stalk". */
static const cl_measure *sized_portion(const cl_food *f, const char *size, const char *text)
{
	char h[48];
	for (size_t i = 0; i < f->nmeasures; i++) {
		measure_head(h, sizeof(h), f->measures[i].name);
		if (strlen(h) >= 3 && describes(text, h) && describes(f->measures[i].name, size))
			return &f->measures[i];
	}
	return NULL;
}

/* Is a measure a piece sized by `size`: a first word that is no unit or
 * vessel, then the size word ("ear medium (...)", "stalk, large (...)")?
 * "cup, small curd" is a cup of small curds and "cup medium 21 fl oz
 * size" a fountain cup of cola, neither a small or medium piece. */
static bool piece_then_size(const char *name, const char *head, const char *size)
{
	size_t n = strlen(head);
	char *one[1] = {(char *)head};
	const cl_tokens word = {one, 1, NULL};
	size_t used;
	if (cl_unit_of_measure(name, NULL) || cl_unit_at(&word, 0, &used))
		return false;
	/* the head as written may be a plural ("rings, large") */
	while (isalpha((unsigned char)name[n]))
		n++;
	if (name[n] == ',')
		n++;
	if (name[n] != ' ')
		return false;
	char next[48];
	size_t k = 0;
	for (n++; isalpha((unsigned char)name[n]) && k + 1 < sizeof(next); n++)
		next[k++] = name[n];
	next[k] = '\0';
	return k > 0 && describes(next, size);
}

/* "1 medium corn on the cob": a size with no piece named sizes the one
 * piece SR weighs in sizes ("ear small", "ear medium", "ear large"), when
 * every measure naming a piece of that size is of that one piece; NULL if
 * none or pieces of two kinds ("cookie, medium", "bar, medium").  Only a
 * size right after the piece counts (piece_then_size). */
static const cl_measure *one_sized_piece(const cl_food *f, const char *size)
{
	const cl_measure *found = NULL;
	char head[48], h[48];
	for (size_t i = 0; i < f->nmeasures; i++) {
		if (!describes(f->measures[i].name, size))
			continue;
		measure_head(h, sizeof(h), f->measures[i].name);
		if (strlen(h) < 3 || strcmp(h, size) == 0)
			return NULL;
		if (!piece_then_size(f->measures[i].name, h, size))
			continue;
		if (found && strcmp(h, head) != 0)
			return NULL;
		if (!found) {
			found = &f->measures[i];
			memcpy(head, h, sizeof(head));
		}
	}
	return found;
}

/* Of the measures with m's first word, the one whose name gives the size
 * written ('6' matches '(6" dia)' and '(approx 6" dia)'); m if none. */
static const cl_measure *measure_of_size(const cl_food *f, const cl_measure *m, const char *size)
{
	char head[48], h[48], inch[24];
	measure_head(head, sizeof(head), m->name);
	snprintf(inch, sizeof(inch), "%s\"", size);
	for (size_t i = 0; i < f->nmeasures; i++) {
		const char *name = f->measures[i].name;
		const char *at = strstr(name, inch);
		measure_head(h, sizeof(h), name);
		if (strcmp(h, head) == 0 && at &&
		    (at == name || !isdigit((unsigned char)at[-1])))
			return &f->measures[i];
	}
	return m;
}

static bool metric(const cl_unit *u)
{
	return strcmp(u->name, "ml") == 0 || strcmp(u->name, "l") == 0 ||
	       strcmp(u->name, "cl") == 0 || strcmp(u->name, "dl") == 0;
}

/* A word cut to what its forms share: "cubed", "cubes" -> "cub";
 * "sliced", "slices" -> "slic"; "ground" stays. */
static size_t cut_form(char *out, size_t cap, const char *w, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)w[i]);
	if (n > 3 && out[n - 1] == 's')
		n--;
	if (n > 4 && out[n - 2] == 'e' && out[n - 1] == 'd')
		n -= 2;
	else if (n > 3 && out[n - 1] == 'e')
		n--;
	out[n] = '\0';
	if (strcmp(out, "miniatur") == 0) /* SR's "miniature" is the line's "mini" */
		n = (size_t)snprintf(out, cap, "mini");
	return n;
}

/* Does a measure's description hold the line's word ("tbsp, ground" for
 * "ground flaxseed", "cup, cubes" for "cubed cantaloupe")? */
static bool describes(const char *name, const char *word)
{
	char want[48], got[48];
	cut_form(want, sizeof(want), word, strlen(word));
	for (const char *p = name; *p;) {
		while (*p && !isalpha((unsigned char)*p))
			p++;
		const char *s = p;
		while (isalpha((unsigned char)*p))
			p++;
		if (p > s && (cut_form(got, sizeof(got), s, (size_t)(p - s)), strcmp(got, want) == 0))
			return true;
	}
	return false;
}

/* Does the measure's name give its own volume, other than its unit's ("cup
 * child 12 fl oz size" of cola: a cup-sized drink, weighed with its ice)?
 * Such a measure does not tell what one cup of the food weighs. */
static bool states_other_volume(const cl_measure *m, const cl_unit *u)
{
	for (const char *c = m->name; *c; c++) {
		if (!isdigit((unsigned char)*c) || (c > m->name && (isdigit((unsigned char)c[-1]) ||
								  c[-1] == '.' || c[-1] == '/')))
			continue;
		char *end = NULL;
		double n = strtod(c, &end);
		while (*end == ' ')
			end++;
		double ml = 0;
		/* plain "oz" in SR's descriptions is a weight ("tbsp (0.5 oz)") */
		if (strncasecmp(end, "fl oz", 5) == 0)
			ml = n * CL_ML_PER_CUP / 8;
		else if (strncasecmp(end, "ml", 2) == 0 && !isalpha((unsigned char)end[2]))
			ml = n;
		if (ml > 0 && fabs(ml - m->amount * u->factor) > 0.05 * ml)
			return true;
	}
	return false;
}

/* A volume measure of the food: the unit asked for, described as the line
 * says ("cup, sliced"), then with a plain name ("cup"), then of the whole
 * food ("cup, whole") if the line names no cut, then with any description,
 * then any volume measure; one whose name gives another volume only when
 * there is no other. */
/* Does the measure's name say the cut written?  "diced" is SR's "cubes"
 * when the food has no measure named "diced" (cantaloupe has both). */
static bool describes_cut(const cl_food *f, const char *name, const char *prep)
{
	static const struct {
		const char *written, *sr;
	} same[] = {{"diced", "cubes"},   {"cubed", "cubes"},      {"diced", "cubed"},
		    {"cubes", "diced"},   {"cubed", "diced"},      {"sticks", "strips"},
		    /* "grated cheddar": SR's cheeses are "cup, shredded";
		     * no SR food has both words */
		    {"grated", "shredded"}, {"shredded", "grated"}};
	if (describes(name, prep))
		return true;
	for (size_t i = 0; i < f->nmeasures; i++)
		if (describes(f->measures[i].name, prep))
			return false;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (strcmp(prep, same[i].written) == 0 && describes(name, same[i].sr))
			return true;
	/* "pitted" cherries are SR's "cup, without pits" */
	return strcmp(prep, "pitted") == 0 && describes(name, "without") && describes(name, "pits");
}

/*
 * "1 cup cottage cheese small curd": of the food's measures of this unit,
 * the one named by a word of the line that names none of the others
 * ("small" of "cup, small curd" and "cup, large curd"); NULL if none or
 * more than one is.
 */
static const cl_measure *measure_told(const cl_food *f, const cl_unit *want, const char *text)
{
	const cl_measure *found = NULL;
	char words[CL_DIARY_MAX_LINE + 1];
	snprintf(words, sizeof(words), "%s", text);
	for (char *save = NULL, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (strlen(w) < 4)
			continue;
		const cl_measure *one = NULL;
		size_t n = 0;
		for (size_t i = 0; i < f->nmeasures; i++) {
			const cl_unit *u = cl_unit_of_measure(f->measures[i].name, NULL);
			if (u && strcmp(u->name, want->name) == 0 && describes(f->measures[i].name, w)) {
				one = &f->measures[i];
				n++;
			}
		}
		if (n == 1) {
			if (found && found != one)
				return NULL;
			found = one;
		}
	}
	return found;
}

/*
 * "serving 1 tbsp", "serving (2 tbsp)", "serving 1/2 cup", "serving 5 fl oz":
 * a serving SR gives as a volume and nothing else is that volume.  Sets
 * *units to the number of units in one serving; NULL if the name says
 * anything more ("serving (3 heaping tsp or 1 envelope)").
 */
static const cl_unit *serving_volume(const char *name, double *units)
{
	if (strncasecmp(name, "serving ", 8) != 0)
		return NULL;
	const char *c = name + 8;
	bool paren = *c == '(';
	c += paren;
	if (!isdigit((unsigned char)*c))
		return NULL;
	char *end = NULL;
	double n = strtod(c, &end), d = 1;
	if (*end == '/') { /* "1/2 cup" */
		if (!isdigit((unsigned char)end[1]))
			return NULL;
		d = strtod(end + 1, &end);
	}
	if (*end != ' ' || !(n > 0) || !(d > 0))
		return NULL;
	end++;
	const cl_unit *u = cl_unit_of_measure(end, NULL);
	static const char *const spell[] = {"fl oz", "cup", "tbsp", "tsp"};
	for (size_t k = 0; u && k < sizeof(spell) / sizeof(spell[0]); k++)
		if (strncasecmp(end, spell[k], strlen(spell[k])) == 0) {
			const char *rest = end + strlen(spell[k]);
			rest += paren && *rest == ')';
			if (*rest)
				return NULL;
			*units = n / d;
			return u;
		}
	return NULL;
}

/* The volume measure the line's unit is weighed through; *per is how many of
 * *unit one measure holds (its amount, or a serving's volume). */
static const cl_measure *volume_measure(const cl_food *f, const cl_unit *want, const char *prep,
					const cl_unit **unit, double *per)
{
	static const char *const order[] = {"cup", "fl oz", "tbsp", "tsp", "ml", "pint", "quart", "l"};
	/* passes: 0 the cut written, 1 the plain unit, 2 whole or not packed,
	 * 3 any of the unit; 4-6 the same through another unit ("2 tbsp
	 * raisins" from "cup (not packed)" as "1 cup raisins" is, not from
	 * "cup, packed"); 6 also a measure stating another volume */
	for (int pass = prep[0] ? 0 : 1; pass < 7; pass++)
		for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
			for (size_t i = 0; i < f->nmeasures; i++) {
				bool plain = false;
				const char *name = f->measures[i].name;
				double units = 1;
				const cl_unit *u = cl_unit_of_measure(name, &plain);
				/* "serving 1 tbsp" of molasses: after the measures
				 * named by the unit itself (pass 3, as "tbsp, packed") */
				bool serving = !u && (u = serving_volume(name, &units)) != NULL;
				if (!u || strcmp(u->name, order[k]) != 0 ||
				    (!serving && pass < 6 && states_other_volume(&f->measures[i], u)))
					continue;
				bool same = strcmp(u->name, want->name) == 0 ||
					    (metric(u) && metric(want));
				if (pass < 4 && !same)
					continue;
				if (pass == 0 && !describes_cut(f, name, prep))
					continue;
				if (pass == 1 && !plain)
					continue;
				/* "a cup of almonds" is of whole ones ("cup, whole"),
				 * not the first cut SR lists ("cup, ground"), unless
				 * the line says how they were cut */
				/* ... and "a cup of raisins" is loose ("cup (not
				 * packed)"), not "cup, packed", which says it was pressed */
				if ((pass == 2 || pass == 4) &&
				    (prep[0] || !(describes(name, "whole") ||
								(describes(name, "not") &&
								 describes(name, "packed")))))
					continue;
				*unit = u;
				*per = f->measures[i].amount * units;
				return &f->measures[i];
			}
	return NULL;
}

static void list_measures(char *out, size_t len, const cl_food *f)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < f->nmeasures && used + 1 < len; i++) {
		int n = snprintf(out + used, len - used, "%s%s", i ? ", " : "", f->measures[i].name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (!f->nmeasures)
		snprintf(out, len, "none");
}

/* The refusal of a measure the line names and the food lacks ("Cauliflower,
 * raw has no 'small floweret' measure"), with the measures it has. */
static int no_such_measure(const cl_food *f, const char *word, const char *second)
{
	char buf[700];
	list_measures(buf, sizeof(buf), f);
	return cl_error_set(CL_EINVAL,
			    "%s has no '%s%s%s' measure in the USDA data (its measures: %s); give"
			    " the amount in grams",
			    f->name, word, second[0] ? " " : "", second, buf);
}

typedef struct {
	double qty;
	bool article;       /* the amount was just "a"/"an" */
	bool no_amount;     /* no amount was written at all */
	const cl_unit *unit;/* NULL: a count or a household measure */
	char mword[48];     /* measure word written ("medium", "slices"), "" if none */
	char mword2[48];    /* its second word ("extra large"), "" if none */
	char food_text[CL_DIARY_MAX_LINE + 1];
	char food_word[48]; /* the last word of the food (for "10 grapes") */
	char halved[8];     /* "half"/"halves" after a counted food, read as half a piece */
	char of_word[48];   /* "a punnet of strawberries": the word before "of"
			     * that is no unit or measure the parser knows */
	char prep[48];      /* how it was cut ("sliced"), which picks a measure */
	char stray_number[48]; /* a plain number among the food words ("9 9 bananas") */
	size_t tail_from, tail_to; /* cooking words after a trailing amount ("2 cups raw") */
	char size[16];      /* a written size in inches ("pancakes (6 inch)"), "" if none */
	char measure_hint[48]; /* "cherries, 1 cup without pits": a word that must
				* name one of the food's measures, "" if none */
	char measure_hint2[48]; /* "1/2 cup small curd": a second word the same
				 * measure must hold, "" if none */
	bool stray_exponent;   /* ... that was the exponent of "1e309" */
	char piece_size[16];   /* "2 thin slices", "1 medium stalk": the size of the
				* piece named by mword, "" if none */
	bool juice;            /* "juice of 1 lemon": the juice one piece yields */
	bool fun_size;         /* "fun size": SR's measure of that name, not a bar */
	bool couple;           /* the amount was "a couple" (read as 2) */
	bool amount_first;     /* the amount was written before the food */
	bool vague_last;       /* "almonds handful": a vague unit ends the line
				* (vague_unit_last()), the amount as after a comma */
	bool made_with_water;  /* "porridge 1 cup made with water" (made_with_at()):
				* the food found must be SR's made up with water */
	char made_word[12];    /* ... the line's word for it ("made", "cooked") */
	bool inverted;         /* food words run on after a comma, in SR's order
				* ("flour, whole wheat"): the last is no head noun */
	const cl_measure *labelled; /* "1 can (12 oz)": SR's measure labelled with
				     * the bracket's size ("can (12 oz) yields"), or NULL */
	char went[64];         /* "sliced on cereal": where the food went, not
				* counted (put_into()), "" if none */
	bool went_in;          /* ... "milk, 1 tbsp in tea": words after the
				* amount that start with "in", where it went
				* unless they name a measure ("cup, in shell") */
} line_parts;

/* Words saying how a food was cut: they describe the measure, not the food. */
static bool is_prep_word(const char *w)
{
	static const char *const c[] = {"sliced", "chopped", "diced", "grated", "shredded",
					"minced", "cubed", "halved", "mashed", "crushed", "pieces",
					"chunks", "cubes", "ground", "slivered", "pitted"};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		if (same_word(c[i], w))
			return true;
	return false;
}

static int set_measure(cl_diary_line *out, const char *name)
{
	free(out->measure);
	out->measure = strdup(name);
	return out->measure ? CL_OK : cl_error_oom();
}

/* Adds a stated assumption ("a glass is taken as 1 cup") to the result. */
static int set_assumption(cl_diary_line *out, const char *fmt, ...) CL_PRINTF(2, 3);
static int set_assumption(cl_diary_line *out, const char *fmt, ...)
{
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	size_t old = out->assumption ? strlen(out->assumption) : 0;
	char *s = malloc(old + strlen(text) + 3);
	if (!s)
		return cl_error_oom();
	sprintf(s, "%s%s%s", old ? out->assumption : "", old ? "; " : "", text);
	free(out->assumption);
	out->assumption = s;
	return CL_OK;
}

/* Words that size a piece: "2 thin slices", "1 medium stalk". */
static bool piece_size_word(const char *w)
{
	static const char *const c[] = {"big", "thin", "thick", "mini", "miniature"};
	return size_word(w) || WORD_IN(w, c);
}

/* Does the food text hold a size or a measure word ("orange juice large
 * glass")?  Then a count of it is not simply one cup. */
static bool sizes_or_measures(const char *text)
{
	char w[48];
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " ");
		if (n && n < sizeof(w)) {
			memcpy(w, p, n);
			w[n] = '\0';
			if (piece_size_word(w) || is_measure_word(w))
				return true;
		}
		p += n;
		p += strspn(p, " ");
	}
	return false;
}

/* A measure word that names a piece ("slice", "stalk"), not a size. */
static bool portion_noun(const char *w)
{
	static const char *const not_pieces[] = {"extra", "jumbo", "whole", "each", "item", "big"};
	if (!is_measure_word(w) || piece_size_word(w))
		return false;
	for (size_t i = 0; i < sizeof(not_pieces) / sizeof(not_pieces[0]); i++)
		if (strcmp(not_pieces[i], w) == 0)
			return false;
	return true;
}

/* The piece measure of that size: "slice, thin (...)" for "thin slices",
 * "stalk, medium (...)" for "medium stalk". */
static const cl_measure *sized_piece(const cl_food *f, const char *piece, const char *size)
{
	char want[48], h[48];
	measure_singular(want, sizeof(want), piece);
	for (size_t i = 0; i < f->nmeasures; i++) {
		measure_head(h, sizeof(h), f->measures[i].name);
		if (same_noun(h, want) && describes(f->measures[i].name, size))
			return &f->measures[i];
	}
	return NULL;
}

/* One noun by a count in a measure's description (counted_in()), as a
 * measure of its own written into *out; NULL if the food has none. */
static const cl_measure *by_count(cl_measure *out, char *name, size_t len, const cl_food *f,
				  const char *noun)
{
	double n = 0;
	char one[48];
	measure_singular(one, sizeof(one), noun);
	const cl_measure *c = counted_in(f, one, &n);
	if (!c)
		return NULL;
	if (n == 1)
		snprintf(name, len, "%s", c->name);
	else
		snprintf(name, len, "%s (1/%g of %s)", one, n, c->name);
	out->name = name;
	out->amount = n;
	out->grams = c->grams;
	return out;
}

/*
 * "6 dried apricots" (SR: "cup, halves", "half"), "2 weetabix" ("cup",
 * "biscuit"), "2 garlic" ("cup", "tsp", "clove"): a food SR counts by one
 * piece only, under a name of its own, is counted in that piece: the food
 * comes so (a dried apricot is sold as a half).  Units, weights, servings,
 * cubes and packages are no pieces; a food with pieces of two kinds ("2
 * spinach": "bunch", "leaf") has no one piece.  NULL if none.
 */
static const cl_measure *one_piece(const cl_food *f, bool usual_size)
{
	static const char *const not_pieces[] = {
		"oz",     "lb",     "g",        "serving", "nlea",    "portion", "cubic",  "package",
		"packet", "bag",    "box",      "container", "can",   "bottle",  "carton", "jar",
		"tub",    "pouch",  "envelope", "sachet",  "tray",    "pack",    "yield",  "order",
		"unit"};
	/* sizes SR names a piece by alone, other than the usual one */
	static const char *const off_sizes[] = {"mini", "miniature", "small", "large",
						"extra", "jumbo", "super", "king"};
	const cl_measure *piece = NULL;
	char head[48], h[48];
	for (size_t i = 0; i < f->nmeasures; i++) {
		const char *name = f->measures[i].name;
		measure_head(h, sizeof(h), name);
		/* ("fruit yields": what one fruit gives, not a piece of the food,
		 * as weigh() says for "1 oj"; "unit (yield from 1 lb raw meat)":
		 * a pound's worth, not one burger) */
		if (!h[0] || cl_unit_of_measure(name, NULL) || WORD_IN(h, not_pieces) ||
		    strstr(name, "yield") || (usual_size && WORD_IN(h, off_sizes)))
			continue;
		if (piece && !same_noun(h, head))
			return NULL;
		if (!piece) {
			piece = &f->measures[i];
			snprintf(head, sizeof(head), "%s", h);
		}
	}
	/* of several sizes of the piece ("stalk, large", "stalk, medium") the
	 * count means the medium one, as for any piece */
	/* (the medium one may say what it yields, "ear, medium ... yields":
	 * the kernels of one ear, the food's own piece, are what is eaten) */
	return piece ? measure_starting_as(f, head, head, NULL) : NULL;
}

/*
 * "5 marshmallows" (SR: "cup of miniature", "10 miniatures", "regular"): a
 * piece SR names by a size alone other than the usual one ("miniatures",
 * "small", "jumbo") is a size of the food's piece, not a piece of another
 * kind, so a count with no size is of the piece left ("regular", 7.2 g), as
 * an unsized count is of the medium one.  Where no other piece is left the
 * sized one stands ("2 clams": SR's "small").  NULL if none.
 */
static const cl_measure *only_piece(const cl_food *f)
{
	const cl_measure *m = one_piece(f, true);
	return m ? m : one_piece(f, false);
}

static bool names_measure(const cl_food *f, const char *word);

/* A word of the line naming a piece ("rings", "wedges") that the food's
 * name lacks and SR weighs no measure of: refused, naming it. */
static int piece_unweighed(const cl_food *f, const char *text)
{
	char w[48];
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " ");
		if (n >= 3 && n < sizeof(w)) {
			memcpy(w, p, n);
			w[n] = '\0';
			char one[48];
			measure_singular(one, sizeof(one), w);
			/* (SR may name it after another word: "serving packet") */
			if (portion_noun(w) && !measure_starting(f, w, NULL) && !describes(f->name, w) &&
			    !names_measure(f, w) && !names_measure(f, one) &&
			    !WORD_IN(w, count_measures) && strcmp(w, "medium") != 0)
				return no_such_measure(f, one, "");
		}
		p += n;
		p += strspn(p, " ");
	}
	return CL_OK;
}

/* Does a word of the line say which of a piece's measures is meant?
 * "skinless" (also written for "without skin") is SR's "without skin". */
static bool word_picks(const char *name, const char *word)
{
	if (strcmp(word, "skinless") == 0)
		return strstr(name, "without skin") != NULL || describes(name, word);
	return describes(name, word);
}

/*
 * "2 romaine leaves (outer)", "8 asparagus spears (small)", "2 skinless
 * chicken thighs", "snickers king size bar": of the measures of m's piece
 * ("leaf inner", "leaf outer"), the one the line's other words name.  A
 * word counts when the food's name lacks it ("chicken" is in the thigh's
 * name and in its "(yield from 1 lb ready-to-cook chicken)"); the measure
 * named by the most such words is taken when no other ties with it.  m when
 * no word tells them apart.
 */
static const cl_measure *piece_named(const cl_food *f, const cl_measure *m, const char *text)
{
	static const char *const joins[] = {"with", "without", "and", "the", "for", "from"};
	char head[48], h[48], w[48];
	const cl_measure *best = m;
	int top = 0;
	bool tie = false;
	measure_head(head, sizeof(head), m->name);
	for (size_t i = 0; i < f->nmeasures; i++) {
		measure_head(h, sizeof(h), f->measures[i].name);
		if (strcmp(h, head) != 0)
			continue;
		int hits = 0;
		for (const char *p = text; *p;) {
			size_t n = strcspn(p, " ");
			if (n >= 3 && n < sizeof(w)) {
				memcpy(w, p, n);
				w[n] = '\0';
				if (!WORD_IN(w, joins) && !same_noun(w, head) && !describes(f->name, w) &&
				    word_picks(f->measures[i].name, w))
					hits++;
			}
			p += n;
			p += strspn(p, " ");
		}
		if (hits > top) {
			top = hits;
			best = &f->measures[i];
			tie = false;
		} else if (hits && hits == top) {
			tie = true;
		}
	}
	return tie ? m : best;
}

/* "juice of 1 lemon": SR's juice yield of the piece ("lemon yields",
 * "fruit yields", "wedge yields"), or a refusal that says why. */
static int weigh_juice(cl_diary_line *out, const cl_food *f, const line_parts *lp)
{
	char buf[700], h[48], piece[48];
	if (lp->unit)
		return cl_error_set(CL_EINVAL, "'juice of' takes a count of fruit ('juice of 1 lemon');"
					       " for the juice's own amount write e.g. '2 tbsp lemon juice'");
	measure_singular(piece, sizeof(piece), lp->mword[0] ? lp->mword : lp->food_word);
	for (size_t i = 0; i < f->nmeasures; i++) {
		const cl_measure *m = &f->measures[i];
		measure_head(h, sizeof(h), m->name);
		if (!strstr(m->name, "yields") || !(same_noun(h, piece) ||
						    (!lp->mword[0] && strcmp(h, "fruit") == 0)))
			continue;
		out->grams = lp->qty * m->grams / m->amount;
		return set_measure(out, m->name);
	}
	list_measures(buf, sizeof(buf), f);
	return cl_error_set(CL_EINVAL,
			    "the USDA data gives no juice yield of one %s for %s (its measures: %s);"
			    " give the juice in ml or tbsp",
			    piece, f->name, buf);
}

/* Is a one slip from b: a letter changed, added, dropped or two
 * swapped ("whloe" for "whole", "peices" for "pieces")?  Only words of 4
 * letters or more: shorter ones are too close to each other. */
static bool one_slip(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0;
	if (la < 4 || lb < 4 || (la > lb ? la - lb : lb - la) > 1)
		return false;
	while (i < la && i < lb && a[i] == b[i])
		i++;
	if (la == lb)
		return strcmp(a + i + 1, b + i + 1) == 0 ||
		       (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
			strcmp(a + i + 2, b + i + 2) == 0);
	return la > lb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

/* The next run of letters from *c, lower case, into w (cut to fit); *c
 * moves past it.  Returns how many letters were copied (0 at the end). */
static size_t next_letters(const char **c, char *w, size_t size)
{
	size_t n = 0;
	while (**c && !isalpha((unsigned char)**c))
		(*c)++;
	while (isalpha((unsigned char)**c)) {
		if (n + 1 < size)
			w[n++] = (char)tolower((unsigned char)**c);
		(*c)++;
	}
	w[n] = '\0';
	return n;
}

/* Does a measure's name hold the word, or the word with one slip
 * ("papaya 1 cup peices": SR's "cup 1\" pieces")? */
static bool describes_or_slip(const char *name, const char *word)
{
	if (describes(name, word))
		return true;
	char w[48];
	for (const char *c = name; *c;)
		if (next_letters(&c, w, sizeof(w)) && one_slip(w, word))
			return true;
	return false;
}

/* Does a word describe one of the food's measures ("crumbled": "cup,
 * crumbled, not packed")? */
static bool names_measure(const cl_food *f, const char *word)
{
	for (size_t i = 0; i < f->nmeasures; i++)
		if (describes_or_slip(f->measures[i].name, word))
			return true;
	return false;
}

/*
 * "1 fun size snickers bar": SR's measure that says "fun size" ("bar, fun
 * size", "serving 1 fun size bar 0.65 oz"); a count SR writes before the
 * words is the pieces the measure holds ("serving 2 fun size bars").  A food
 * with no such measure is refused: its full bar would weigh four times as
 * much.
 */
static int weigh_fun_size(cl_diary_line *out, const cl_food *f, const line_parts *lp)
{
	char buf[700];
	for (size_t i = 0; i < f->nmeasures; i++) {
		const char *name = f->measures[i].name;
		const char *at = strstr(name, "fun size");
		if (!at)
			continue;
		double pieces = 1;
		const char *num = at;
		while (num > name && num[-1] == ' ')
			num--;
		while (num > name && isdigit((unsigned char)num[-1]))
			num--;
		if (isdigit((unsigned char)*num))
			pieces = strtod(num, NULL);
		if (pieces <= 0)
			continue;
		out->grams = lp->qty * f->measures[i].grams / f->measures[i].amount / pieces;
		return set_measure(out, name);
	}
	list_measures(buf, sizeof(buf), f);
	return cl_error_set(CL_EINVAL,
			    "%s has no fun size measure in the USDA data (its measures: %s); give"
			    " the amount in grams",
			    f->name, buf);
}

static bool food_measure_word(const char *w);

/* The first word of a measure's name ("block" of "block (1/4)"), into out. */
static const char *first_word(char *out, size_t cap, const char *name)
{
	size_t n = 0;
	while (name[n] && isalpha((unsigned char)name[n]))
		n++;
	snprintf(out, cap, "%.*s", (int)n, name);
	return out;
}

/* Is the piece a whole that is cut into portions, too heavy to be what a
 * count naming no piece means (UNNAMED_PIECE_MAX_G)?  Not a food eaten
 * whole however heavy ("sandwich": a triple cheeseburger), nor a package
 * drunk whole ("drink box (8.45 fl oz)", 262 g: "1 apple juice"). */
static bool cut_whole(const cl_measure *m)
{
	char head[48];
	first_word(head, sizeof(head), m->name);
	for (char *c = head; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return m->grams / m->amount > UNNAMED_PIECE_MAX_G && !food_measure_word(head) &&
	       !describes(m->name, "box");
}

/* A size word first or last of the food's words ("small", "medium",
 * "large") that the food's name and measures lack: refused with the
 * measures it has.  (A size before a vague unit, "orange juice large
 * glass", is refused as a vague amount.) */
static int size_unweighed(const cl_food *f, const char *food_text)
{
	wordset tw;
	words_of(&tw, food_text);
	for (size_t i = 0; i < tw.n; i += tw.n > 1 ? tw.n - 1 : 1)
		if (size_word(tw.words[i]) && !name_holds(f->name, tw.words[i]) &&
		    !names_measure(f, tw.words[i]))
			return no_such_measure(f, tw.words[i], "");
	return CL_OK;
}

static bool served_in_bread(const line_parts *lp, const cl_food *f);

static int weigh(cl_diary_line *out, const cl_food *f, const line_parts *lp)
{
	char buf[700], cname[200];
	cl_measure counted;
	int rc = CL_OK;

	out->quantity = lp->qty;
	/* "chicken, 1 cup rice" is two foods, not chicken "cup, rice": words
	 * after the amount are read as a measure only when they name one, and
	 * are never silently dropped. */
	if (lp->measure_hint[0]) {
		bool both = !lp->measure_hint2[0];
		for (size_t i = 0; !both && i < f->nmeasures; i++)
			both = describes_or_slip(f->measures[i].name, lp->measure_hint) &&
			       describes_or_slip(f->measures[i].name, lp->measure_hint2);
		if (!both) {
			list_measures(buf, sizeof(buf), f);
			return cl_error_set(CL_EINVAL,
					    "'%s %s' after the amount names none of the measures of"
					    " %s (%s); write one food a line",
					    lp->measure_hint, lp->measure_hint2, f->name, buf);
		}
		if (!names_measure(f, lp->measure_hint)) {
			list_measures(buf, sizeof(buf), f);
			return cl_error_set(CL_EINVAL,
					    "'%s' after the amount names none of the measures of %s"
					    " (%s); write one food a line",
					    lp->measure_hint, f->name, buf);
		}
	}
	/* "light cream, 1 individual container": a count whose words name
	 * one measure of the food ("container, individual") counts that */
	const cl_measure *hinted = NULL;
	size_t nhinted = 0;
	for (size_t i = 0; lp->measure_hint[0] && !lp->unit && !lp->mword[0] && i < f->nmeasures;
	     i++)
		if (describes_or_slip(f->measures[i].name, lp->measure_hint)) {
			hinted = &f->measures[i];
			nhinted++;
		}
	if (nhinted == 1) {
		out->grams = lp->qty * hinted->grams / hinted->amount;
		return set_measure(out, hinted->name);
	}
	if (lp->juice)
		return weigh_juice(out, f, lp);
	if (lp->fun_size)
		return weigh_fun_size(out, f, lp);
	if (lp->labelled) {
		out->grams = lp->qty * lp->labelled->grams / lp->labelled->amount;
		return set_measure(out, lp->labelled->name);
	}
	if (lp->unit && lp->unit->kind == CL_UNIT_MASS) {
		out->grams = lp->qty * lp->unit->factor;
		rc = set_measure(out, lp->unit->name);
		if (!rc && lp->unit->assumption)
			rc = set_assumption(out, "%s", lp->unit->assumption);
		return rc;
	}
	if (lp->unit) {
		const cl_unit *mu = NULL;
		const cl_measure *m = NULL;
		double per = 1;
		if (!lp->prep[0] && (m = measure_told(f, lp->unit, lp->food_text))) {
			mu = cl_unit_of_measure(m->name, NULL);
			per = m->amount;
		} else {
			m = volume_measure(f, lp->unit, lp->prep, &mu, &per);
		}
		if (!m) {
			list_measures(buf, sizeof(buf), f);
			return cl_error_set(CL_EINVAL,
					    "%s has no volume measure in the USDA data, so '%s' cannot"
					    " be weighed; give the amount in grams (its measures: %s)",
					    f->name, lp->unit->name, buf);
		}
		double g_per_ml = m->grams / (per * mu->factor);
		out->grams = lp->qty * lp->unit->factor * g_per_ml;
		rc = set_measure(out, lp->unit->name);
		if (!rc && lp->unit->assumption)
			rc = set_assumption(out, "%s", lp->unit->assumption);
		return rc;
	}
	const cl_measure *m = NULL;
	/* "2 thin slices", "1 medium stalk": the piece of that size.  A medium
	 * piece of a food SR sizes no pieces of is its one piece measure, as a
	 * medium fruit is; other sizes SR lacks are refused, not guessed. */
	if (lp->piece_size[0]) {
		/* "small box (1.5 oz)": SR's name is the size and the piece */
		char piece[48];
		measure_singular(piece, sizeof(piece), lp->mword);
		if (!(m = measure_starting(f, lp->piece_size, piece)))
			m = sized_piece(f, lp->mword, lp->piece_size);
		if (!m && strcmp(lp->piece_size, "medium") == 0 &&
		    (m = measure_starting(f, lp->mword, NULL)) &&
		    (rc = set_assumption(out, "no medium %s in the USDA data: taken as %s (%g g each)",
					 lp->mword, m->name, m->grams / m->amount)))
			return rc;
		if (!m)
			return no_such_measure(f, lp->piece_size, piece);
	}
	if (lp->mword[0] && !m) {
		m = measure_starting(f, lp->mword, lp->mword2[0] ? lp->mword2 : NULL);
		/* "2 slices salami", "2 sugar cubes": SR counts the pieces inside
		 * another measure ("serving 5 slices", "serving 1 cube") */
		if (!m && !piece_size_word(lp->mword) && !lp->mword2[0])
			m = by_count(&counted, cname, sizeof(cname), f, lp->mword);
		/* "one medium orange" where SR has only "fruit (2-5/8\" dia)": the
		 * unsized count measure is the usual size (docs/diary.md) */
		for (size_t k = 0; !m && strcmp(lp->mword, "medium") == 0 &&
				   k < sizeof(count_measures) / sizeof(count_measures[0]);
		     k++)
			if ((m = measure_starting(f, count_measures[k], NULL)) &&
			    (rc = set_assumption(out, "no 'medium' measure in the USDA data: taken"
						      " as %s (%g g each)",
						 m->name, m->grams / m->amount)))
				return rc;
		/* "1 large celery stalk", "1 medium ear of corn": the size word
		 * sizes a portion the line names, and SR puts the size after it
		 * ("stalk, large (11\"-12\" long)", "ear medium (...)") */
		/* "2 big choc chip cookies": SR's own "big" ("cookie, big (3-1/2\"
		 * - 4\" dia)") before the "large" a big one is elsewhere */
		if (!m && strcmp(lp->mword, "big") == 0)
			m = sized_portion(f, "big", lp->food_text);
		if (!m)
			m = sized_portion(f, measure_alias(lp->mword), lp->food_text);
		/* "brownie, 1 large square": the portion named after the size,
		 * past the amount ("square, large (2-3/4\" sq ...)") */
		if (!m && lp->measure_hint[0])
			m = sized_portion(f, measure_alias(lp->mword), lp->measure_hint);
		if (!m && piece_size_word(lp->mword) && !lp->mword2[0] &&
		    (m = one_sized_piece(f, measure_alias(lp->mword))) &&
		    (rc = set_assumption(out, "the %s piece in the USDA data: %s (%g g each)",
					 measure_alias(lp->mword), m->name, m->grams / m->amount)))
			return rc;
		/* "1 slice french toast": a food SR counts only by the "piece"
		 * (no slice, no sized piece) is sliced in pieces; said so */
		char one_w[48];
		measure_singular(one_w, sizeof(one_w), lp->mword);
		if (!m && !lp->mword2[0] && strcmp(one_w, "slice") == 0) {
			const cl_measure *piece = measure_starting(f, "piece", NULL);
			if (piece && strncasecmp(piece->name, "piece", 5) == 0 &&
			    (!piece->name[5] || piece->name[5] == ',')) {
				m = piece;
				if ((rc = set_assumption(out, "no 'slice' measure in the USDA data: a"
							      " slice taken as its %s (%g g each)",
							 m->name, m->grams / m->amount)))
					return rc;
			}
		}
		/* "a big mac": "big" only sizes a food that comes in sizes; "a
		 * large tortilla (10 inch)": the inches size it */
		if (!m && strcmp(lp->mword, "big") != 0 && !lp->size[0]) {
			char one[48];
			cl_singular(one, sizeof(one), lp->mword);
			return no_such_measure(f, one, lp->mword2);
		}
	}
	/* "10 grapes", "1 almond": the food's own count measure. */
	/* "2 sugar cubes", "3 pineapple chunks": a count of the pieces the cut
	 * word names ("serving 1 cube") */
	if (!m && !lp->unit && lp->prep[0] && lp->prep[strlen(lp->prep) - 1] == 's' &&
	    !(m = measure_starting(f, lp->prep, NULL)))
		m = by_count(&counted, cname, sizeof(cname), f, lp->prep);
	if (!m && !lp->unit && lp->prep[0] && lp->prep[strlen(lp->prep) - 1] == 's') {
		list_measures(buf, sizeof(buf), f);
		return cl_error_set(CL_EINVAL,
				    "the USDA data gives no weight of one of the %s of %s (its measures:"
				    " %s); give the amount in grams or cups",
				    lp->prep, f->name, buf);
	}
	if (!m && lp->food_word[0] && !(m = not_cut(measure_starting(f, lp->food_word, NULL), lp->food_text)))
		m = by_count(&counted, cname, sizeof(cname), f, lp->food_word);
	/* "avocado small", "pizza large": a size among the food's words that
	 * neither its name nor any of its measures holds is refused, as "1
	 * small avocado" is; it was dropped, and a default piece said to be
	 * "no size given" */
	if (!m && !lp->unit && (rc = size_unweighed(f, lp->food_text)))
		return rc;
	/* "5 cherry tomatoes" (measure "cherry"), "50 blueberries" ("berries"):
	 * another word of the food, or the end of its last word, names the
	 * count measure, and is a better guess than a default size. */
	if (!m && (m = measure_named_in(f, lp->food_text, lp->food_word)) &&
	    strstr(m->name, "medium") &&
	    (rc = set_assumption(out, "no size given: taken as %s (%g g each)", m->name,
				 m->grams / m->amount)))
		return rc;
	if (!m) {
		/* "30 pistachios", "3 brazil nuts": SR counts nuts in kernels
		 * ("nuts", "kernel", "oz (49 kernels)", walnuts "(7 nuts)"); a
		 * nut counted is one shelled kernel. */
		if (strncmp(f->name, "Nuts, ", 6) == 0) {
			if (!(m = measure_starting(f, "nut", NULL)) &&
			    !(m = measure_starting(f, "kernel", NULL)) &&
			    !(m = by_count(&counted, cname, sizeof(cname), f, "kernel")))
				m = by_count(&counted, cname, sizeof(cname), f, "nut");
			if (m) {
				if ((rc = set_assumption(out, "a nut counted is one kernel: %s (%g g each)",
							 m->name, m->grams / m->amount)))
					return rc;
				goto weighed;
			}
		}
		/* "2 pineapple rings thin": a piece the line names that the food
		 * has no measure of is no count of a default size (it was two
		 * whole pineapples, 1810 g); the food's name may hold the word
		 * ("cinnamon roll") */
		if (!served_in_bread(lp, f) && (rc = piece_unweighed(f, lp->food_text)))
			return rc;
		/* Eggs (SR group 01) are counted as large, as US recipes and labels do. */
		if (strncmp(f->group_code, "01", 2) == 0)
			m = measure_starting(f, "large", NULL);
		/* ("1 oj", "1 orange juice": "fruit yields" is the juice of one
		 * orange, 86 g, not one of the drink; "juice of 1 orange" reads it) */
		for (size_t k = 0; !m && k < sizeof(default_sizes) / sizeof(default_sizes[0]); k++)
			if ((m = measure_starting(f, default_sizes[k], NULL)) && strstr(m->name, "yields"))
				m = NULL;
		/* "3 oreos", "6 saltines", "1 pitta": the line names the food in
		 * other words than SR, whose count measure is named by SR's own
		 * noun ("Cookies, chocolate sandwich": "cookie"; "Crackers,
		 * saltines": "cracker square"; "Bread, pita": "pita, large"). */
		if (!m) {
			char own[256];
			size_t k = 0;
			for (const char *c = f->name; *c && k + 1 < sizeof(own); c++)
				own[k++] = isalpha((unsigned char)*c) ? (char)tolower((unsigned char)*c)
								      : ' ';
			own[k] = '\0';
			m = measure_named_in(f, own, "");
		}
		if (!m && (m = only_piece(f)) && cut_whole(m))
			return cl_error_set(CL_EINVAL,
					    "say how much %s: the USDA data counts it only by the %s"
					    " (%g g), a whole that is cut into portions; give grams"
					    " or the part eaten (e.g. '100 g', '1/4 %s')",
					    f->name, m->name, m->grams / m->amount,
					    first_word(buf, sizeof(buf), m->name));
		/* "a coffee", "2 teas", "a hot chocolate": a drink counted is a
		 * cup of it, as "a glass of" and "a mug of" are; without this
		 * the drink was refused, or the line fell to a food that has a
		 * count ("a hot chocolate" was a 162 g bar of dark chocolate);
		 * a size said ("orange juice large glass") is no cup */
		if (!m && !lp->mword[0] && !lp->size[0] && !sizes_or_measures(lp->food_text) &&
		    served_by_the_cup(f->name, f->group_code) &&
		    (m = measure_starting(f, "cup", NULL))) {
			if ((rc = set_assumption(out, "a drink counted is a cup of it (%g g each)",
						 m->grams / m->amount)))
				return rc;
			goto weighed;
		}
		if (!m) {
			list_measures(buf, sizeof(buf), f);
			return cl_error_set(CL_EINVAL,
					    "say how much %s: it has no size or count measure in the"
					    " USDA data (its measures: %s); use g, cup, tbsp, ...",
					    f->name, buf);
		}
		rc = set_assumption(out, "no size given: taken as %s (%g g each)", m->name,
				    m->grams / m->amount);
		if (rc)
			return rc;
	}
weighed:
	/* "pancakes (6 inch)": of the measures of the same kind, the one SR
	 * gives that size ("pancake (6\" dia)") */
	if (lp->size[0])
		m = measure_of_size(f, m, lp->size);
	else if (!lp->piece_size[0] && !lp->mword2[0])
		m = piece_named(f, m, lp->food_text);
	out->grams = lp->qty * m->grams / m->amount;
	return set_measure(out, m->name);
}

/* ---- reading the line -------------------------------------------------- */

static bool filler(const char *w)
{
	return strcmp(w, ",") == 0 || strcmp(w, "of") == 0;
}

static bool size_unit(const char *w)
{
	static const char *const c[] = {"inch", "inches", "in", "cm", "\"", "diameter", "dia"};
	return WORD_IN(w, c);
}

/* True when tokens from..end are plain words that can describe a measure
 * ("with pits", "small curd", "balls"); copies the first one that is not a
 * joining word into first. */
static bool measure_words_only(const cl_tokens *t, size_t from, char *first, size_t len)
{
	/* "without" is kept: it tells "cup, without pits" from "cup, with pits" */
	static const char *const joins[] = {"with", "of", "and", "in", "the", ","};
	char pick[48] = "";
	for (size_t i = from; i < t->n; i++) {
		const char *w = t->tok[i];
		bool join = false;
		for (size_t k = 0; k < sizeof(joins) / sizeof(joins[0]); k++)
			join |= strcmp(w, joins[k]) == 0;
		if (join)
			continue;
		for (const char *c = w; *c; c++)
			if (!isalpha((unsigned char)*c))
				return false;
		if (!pick[0])
			snprintf(pick, sizeof(pick), "%s", w);
	}
	if (!pick[0])
		return false;
	snprintf(first, len, "%s", pick);
	return true;
}

/* A word that may name one of a food's measures after its amount: letters
 * only, and no word joining foods or phrases ("with", "of", "and") */
static bool hint_word(const char *w)
{
	static const char *const joins[] = {"with", "without", "of", "and", "in", "the", "or"};
	for (const char *c = w; *c; c++)
		if (!isalpha((unsigned char)*c))
			return false;
	return !WORD_IN(w, joins);
}

/* How many words from..end are not joining words or commas. */
static size_t content_words(const cl_tokens *t, size_t from)
{
	size_t n = 0;
	for (size_t i = from; i < t->n; i++)
		n += strcmp(t->tok[i], ",") != 0 && strcmp(t->tok[i], "of") != 0 &&
		     strcmp(t->tok[i], "with") != 0;
	return n;
}

/* Splits the tokens into amount, unit, measure word and food text. */
/* "a cup and a half", "a slice and a half": half a unit more */
static void and_a_half(double *qty, const cl_tokens *t, size_t *at)
{
	size_t i = *at;
	if (i + 2 < t->n && strcmp(t->tok[i], "and") == 0 && strcmp(t->tok[i + 1], "a") == 0 &&
	    strcmp(t->tok[i + 2], "half") == 0) {
		*qty += 0.5;
		*at = i + 3;
	}
}

/* Did the amount's words say "couple" (read as 2, and the parser says so)? */
static bool said_couple(const cl_tokens *t, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < t->n; i++)
		if (strcmp(t->tok[i], "couple") == 0)
			return true;
	return false;
}

static bool container_word(const char *w);

/* "banana two", "eggs three": a count spelled out after the food */
static bool number_word(const char *w)
{
	return cl_number_word(w) || strcmp(w, "dozen") == 0;
}

/* "x", "×": "sardines x4" counts the sardines */
static bool times_sign(const char *w)
{
	return strcmp(w, "x") == 0 || strcmp(w, "\xc3\x97") == 0;
}

/* Words after a trailing amount that say how the food was kept, packed or
 * made, not what it is: read with the food's words ("tuna, 1 can drained",
 * "chocolate milk 1 cup whole", "sardines x4 tinned in oil").  A food's own
 * name ("chicken 1 cup rice") is not one: that line stays refused. */
/* Words that say how a food was kept, packed or made, never a food. */
static bool state_word(const char *w)
{
	static const char *const c[] = {
		"drained",  "undrained", "whole",    "skim",     "skimmed",   "semi",
		"lowfat",   "nonfat",    "unsweetened", "sweetened", "tinned", "canned",
		"jarred",   "bottled",   "fresh",    "plain",    "salted",    "unsalted",
		"in",       "with",      "without",  "peeled",   "unpeeled", "skinless",  "boneless",
		"light",    "heavy",     "regular",  "diet",     "instant",   "prepared",
		"homemade", "organic",   "seedless", "pitted",   "shelled",   "natural",
		"chilled",  "hot",       "cold",     "iced",     "warm",
		/* soaked before cooking or eating: weighed as written, dry or cooked */
		"soaked"};
	return WORD_IN(w, c);
}

/* Is the word at i part of "made with water", "cooked with water",
 * "prepared with water": a food sold dry made up with nothing added (SR's
 * "cooked with water"), which describes the food after the amount as
 * "drained" does ("porridge 1 cup made with water").  Not "made with
 * milk", which adds a food SR mostly lacks in the dish ("coffee 1 cup
 * made with milk" stays refused, as "rice 1 cup water" does).  British
 * "made up with water" is the same. */
static bool made_with_at(const cl_tokens *t, size_t i)
{
	static const char *const made[] = {"made", "cooked", "prepared", "mixed"};
	for (size_t at = i >= 3 ? i - 3 : 0; at <= i && at + 2 < t->n; at++) {
		size_t w = at + 1 + (strcmp(t->tok[at], "made") == 0 &&
				     strcmp(t->tok[at + 1], "up") == 0);
		if (WORD_IN(t->tok[at], made) && w + 1 < t->n && strcmp(t->tok[w], "with") == 0 &&
		    strcmp(t->tok[w + 1], "water") == 0 && i <= w + 1)
			return true;
	}
	return false;
}

/* Is the word at i part of a bare "made up" (British: a powder or
 * concentrate mixed to drink or eat, "instant coffee 1 cup made up")?  It
 * says the food is as eaten, which the search reads already (SR's
 * "prepared"), and describes it after the amount as "cooked" does. */
static bool made_up_at(const cl_tokens *t, size_t i)
{
	return (strcmp(t->tok[i], "made") == 0 && i + 1 < t->n && strcmp(t->tok[i + 1], "up") == 0) ||
	       (strcmp(t->tok[i], "up") == 0 && i > 0 && strcmp(t->tok[i - 1], "made") == 0);
}

static bool describing_word(const cl_tokens *t, size_t i)
{
	/* "in oil", "in water": how it was packed, never a food on its own
	 * after the amount ("rice 1 cup water" stays refused) */
	static const char *const packed[] = {"oil", "water", "brine", "syrup", "juice"};
	/* "coffee 2 mugs black", "rice 1 cup brown", "wine 1 glass red": the
	 * colour SR names the kind by ("Tea, black", "Rice, brown"), searched
	 * with the food's words */
	static const char *const colours[] = {"black", "white", "brown", "red", "green", "yellow"};
	const char *w = t->tok[i];
	if (made_with_at(t, i) || made_up_at(t, i))
		return true;
	for (size_t k = 0; k < sizeof(packed) / sizeof(packed[0]); k++)
		if (strcmp(packed[k], w) == 0)
			return i > 0 && strcmp(t->tok[i - 1], "in") == 0;
	return state_word(w) || WORD_IN(w, colours);
}

/* "ground turkey 93/7", "80/20 beef": lean to fat, in percent of the
 * meat (the two add up to 100), which SR writes "93% lean, 7% fat": part
 * of the food, not an amount.  Writes the two numbers. */
static bool lean_ratio(const char *w, unsigned *lean, unsigned *fat)
{
	/* digits only, each at most 100 ("-7/107" and wrapping sums are no ratio) */
	unsigned v[2] = {0, 0};
	for (int k = 0; k < 2; k++) {
		if (!isdigit((unsigned char)*w))
			return false;
		for (; isdigit((unsigned char)*w); w++)
			if ((v[k] = v[k] * 10 + (unsigned)(*w - '0')) > 100)
				return false;
		if (k == 0 && *w++ != '/')
			return false;
	}
	if (*w)
		return false;
	*lean = v[0];
	*fat = v[1];
	return *lean + *fat == 100 && *lean > *fat && *fat > 0;
}

/* How crisp a cooked food came out ("bacon, 2 rashers, crispy"): it names
 * no measure and no other SR food of it, but SR's brands use the words
 * ("Crispy Rice"), so after the amount they are read and not searched. */
static bool texture_word(const char *w)
{
	static const char *const c[] = {"crispy", "crisp", "crunchy", "charred", "blackened"};
	return WORD_IN(w, c);
}

/* Words after an amount that say how done the food was made ("popcorn 3
 * cups air popped", "ground beef 3 oz pan browned"): they describe the
 * food, and name no measure of it. */
static bool doneness_word(const char *w)
{
	return texture_word(w) || strcmp(w, "popped") == 0 || strcmp(w, "browned") == 0;
}

/* The first word of a two-word way of cooking ("air popped", "pan
 * fried", "hard boiled", "oven roasted"); only before the cooking word. */
static bool method_prefix(const cl_tokens *t, size_t i)
{
	/* (not "soft": SR has no soft-boiled egg, and "soft boiled" would
	 * find the hard-boiled one) */
	static const char *const c[] = {"air", "pan", "deep", "stir", "oven", "hard",
					"slow", "twice", "flame", "lightly", "well"};
	if (i + 1 >= t->n || !(is_cooking_word(t->tok[i + 1]) || doneness_word(t->tok[i + 1])))
		return false;
	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++)
		if (strcmp(c[k], t->tok[i]) == 0)
			return true;
	return false;
}

/* The same way of cooking written with a hyphen ("air-popped", "pan-fried"). */
static bool hyphened_method(const char *w)
{
	const char *dash = strchr(w, '-');
	if (!dash || dash == w || !dash[1] || dash - w >= 16)
		return false;
	char first[16];
	snprintf(first, sizeof(first), "%.*s", (int)(dash - w), w);
	cl_tokens two = {.tok = (char *[]){first, (char *)dash + 1}, .n = 2};
	return method_prefix(&two, 0);
}

/* A part SR names foods with or without ("with skin", "without bone") */
static bool part_word(const char *w)
{
	static const char *const parts[] = {"skin", "bone", "peel", "rind"};
	return WORD_IN(w, parts);
}

/* "with skin", "with bone": after a trailing amount ("chicken drumstick
 * x1 with skin, roasted") a part the food was eaten with, as SR names its
 * pieces ("drumstick with skin"), not a second food */
static bool kept_part(const cl_tokens *t, size_t i)
{
	return i > 0 && strcmp(t->tok[i - 1], "with") == 0 && part_word(t->tok[i]);
}

/* "4 inch", "10 cm": a length at i, two tokens ("in" only last: "2 in oil") */
static bool length_at(const cl_tokens *t, size_t i)
{
	return i + 1 < t->n && cl_token_numeric(t->tok[i]) && size_unit(t->tok[i + 1]) &&
	       (strcmp(t->tok[i + 1], "in") != 0 || i + 2 == t->n);
}

static bool joining_word(const char *w)
{
	return strcmp(w, "in") == 0 || strcmp(w, "with") == 0 || strcmp(w, "without") == 0 ||
	       strcmp(w, ",") == 0;
}

/* Whether the food's words are only words that join foods ("and", "&",
 * "with"): "& + n" names no food (the search found beef liver for "and"). */
static bool only_joining_words(const char *text)
{
	static const char *const c[] = {"and", "with", "or", "plus", "without", "in", "of"};
	char w[16];
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (n >= sizeof(w))
			return false;
		memcpy(w, p, n);
		w[n] = '\0';
		if (!WORD_IN(w, c))
			return false;
		p += n;
	}
	return true;
}

/* Words that say a little of something but give no amount. */
static bool no_amount_word(const char *w)
{
	static const char *const v[] = {"splash", "dash", "drizzle", "drop", "bit", "dollop",
					"knob", "sprinkle"};
	return WORD_IN(w, v);
}

/* ... and portions of no set size ("a serving of rice" with no SR serving
 * measure is refused by the weighing, not here) */
static bool vague_word(const char *w)
{
	return no_amount_word(w) || strcmp(w, "serving") == 0 || strcmp(w, "portion") == 0 ||
	       strcmp(w, "helping") == 0;
}

/*
 * "a splash of milk 2 tbsp", "a glass of milk 250 ml", "a serving of rice
 * 150 g": a vague amount, or one read by an assumption, and then the amount
 * itself in a unit: the exact one is what was eaten, and the vague words
 * before it are dropped.  Returns where the line starts without them (0:
 * none).  A bare count later ("a bowl of cherries 10") is not enough.
 */
static size_t vague_lead(const cl_tokens *t)
{
	size_t used = 0, k;
	if (t->n < 5 || (strcmp(t->tok[0], "a") != 0 && strcmp(t->tok[0], "an") != 0))
		return 0;
	const cl_unit *vu = cl_unit_at(t, 1, &used);
	if (vague_word(t->tok[1]))
		k = 2;
	else if (vu && vu->assumption)
		k = 1 + used;
	else
		return 0;
	if (k >= t->n || strcmp(t->tok[k], "of") != 0)
		return 0;
	for (size_t j = k + 2; j < t->n; j++) {
		double q;
		size_t next = 0;
		bool art;
		char why[200];
		const cl_unit *u;
		if (cl_token_numeric(t->tok[j]) &&
		    cl_amount_at(t, j, &q, &next, &art, why, sizeof(why)) == CL_AMOUNT_OK &&
		    (u = cl_unit_at(t, next, &used)) != NULL && !u->assumption)
			return k + 1;
	}
	return 0;
}

/* "squeezed", "blanched", "toasted": a past participle of six letters or
 * more, which after an amount says what was done to the food (not "-eed":
 * "linseed"); "freshly squeezed", "finely chopped": an "-ly" word before
 * one says how */
static bool participle_at(const cl_tokens *t, size_t i)
{
	const char *w = t->tok[i];
	size_t n = strlen(w);
	if (n >= 5 && strcmp(w + n - 2, "ly") == 0 && i + 1 < t->n)
		return participle_at(t, i + 1) || is_cooking_word(t->tok[i + 1]) ||
		       is_prep_word(t->tok[i + 1]);
	return n >= 6 && strcmp(w + n - 2, "ed") == 0 && strcmp(w + n - 3, "eed") != 0;
}

/* Where the words from `from` that say how the food was cooked, cut or
 * kept end: "spinach, 2 cups raw", "rice, 1 cup cooked", "tuna, 1 can
 * drained", "chocolate milk 1 cup whole", with participles "oj 1 glass
 * freshly squeezed".  A joining word ends them ("in oil"), never starts
 * them. */
static size_t state_words_end(const cl_tokens *t, size_t from, bool participles)
{
	size_t tail = from;
	while (tail < t->n && (is_cooking_word(t->tok[tail]) || is_prep_word(t->tok[tail]) ||
			       describing_word(t, tail) || doneness_word(t->tok[tail]) ||
			       method_prefix(t, tail) || hyphened_method(t->tok[tail]) ||
			       strcmp(t->tok[tail], ",") == 0 || same_word("raw", t->tok[tail]) ||
			       same_word("uncooked", t->tok[tail]) || kept_part(t, tail) ||
			       length_at(t, tail) || (participles && participle_at(t, tail))))
		tail += length_at(t, tail) ? 2 : 1;
	while (tail > from && joining_word(t->tok[tail - 1]))
		tail--;
	if (tail > from && tail < t->n && joining_word(t->tok[tail]))
		tail = from;
	return tail;
}

/* "milk half a cup", "oats a quarter cup", "rice half cup": an amount in
 * words after the food, without a comma, is one when a unit follows it (it
 * was skipped, and the unit then read as a measure of one).  Not after
 * "and" ("half and half a cup" is the cream, a cup of it). */
static bool worded_amount(const cl_tokens *t, size_t j)
{
	double q;
	size_t next = 0, used = 0;
	bool art;
	char why[200];
	if (cl_token_numeric(t->tok[j]) || strcmp(t->tok[j - 1], "and") == 0 ||
	    strcmp(t->tok[j - 1], "half") == 0)
		return false;
	/* ... and its unit ("milk half a cup") or the piece or size it counts
	 * ("salmon half a fillet", "avocado half medium", "bread a slice"):
	 * read no other way, the words were dropped and the whole piece
	 * weighed, twice what was eaten */
	return cl_amount_at(t, j, &q, &next, &art, why, sizeof(why)) == CL_AMOUNT_OK &&
	       next < t->n && (cl_unit_at(t, next, &used) != NULL || is_measure_word(t->tok[next]));
}

/* Keeps the words from..to that say where the food went ("on cereal", "in
 * tea"), for the assumption that says they were not counted; words that do
 * not fit are shortened to "..." (a long salad is no error in the line). */
static void where_it_went(line_parts *lp, const cl_tokens *t, size_t from, size_t to)
{
	const size_t cap = sizeof(lp->went);
	size_t len = 0;
	lp->went[0] = '\0';
	for (size_t i = from; i < to; i++) {
		size_t wn = strlen(t->tok[i]);
		/* room kept for " ..." unless this is the last word */
		if (len + (len ? 1 : 0) + wn + (i + 1 < to ? 4 : 0) >= cap) {
			memcpy(lp->went + len, len ? " ..." : "...", len ? 5 : 4);
			return;
		}
		if (len)
			lp->went[len++] = ' ';
		memcpy(lp->went + len, t->tok[i], wn + 1);
		len += wn;
	}
}

static int split_line(line_parts *lp, const cl_tokens *t, size_t *food_from, size_t *food_to,
		      size_t *skip_from, size_t *skip_to)
{
	char why[200] = "";
	size_t next = 0, used = 0;
	size_t lead = vague_lead(t);
	/* "a splash of milk": no amount to read, and none to guess (as "a few") */
	if (!lead && t->n >= 4 && (strcmp(t->tok[0], "a") == 0 || strcmp(t->tok[0], "an") == 0) &&
	    no_amount_word(t->tok[1]) && strcmp(t->tok[2], "of") == 0)
		return cl_error_set(CL_EINVAL, "'a %s' is not an amount; say how much (e.g. '2 tbsp')",
				    t->tok[1]);
	/* "10 inch flour tortilla", "12\" pizza": a first number that is a
	 * length sizes the piece (read with the food's words), it counts nothing */
	bool sized_first = t->n >= 3 && cl_token_numeric(t->tok[0]) && size_unit(t->tok[1]);
	/* "80/20 ground beef": the meat's lean and fat, no amount (build_parts) */
	unsigned lean0, fat0;
	bool ratio_first = t->n >= 2 && lean_ratio(t->tok[0], &lean0, &fat0);
	cl_amount_status st = lead || sized_first || ratio_first
				      ? CL_AMOUNT_NONE
				      : cl_amount_at(t, 0, &lp->qty, &next, &lp->article, why,
						     sizeof(why));

	*skip_from = *skip_to = 0;
	if (st == CL_AMOUNT_BAD)
		return cl_error_set(CL_EINVAL, "%s", why);
	if (st == CL_AMOUNT_OK) {
		lp->amount_first = true;
		lp->couple = said_couple(t, 0, next);
		lp->unit = cl_unit_at(t, next, &used);
		/* "one 8 oz container of yogurt", "2 330 ml cans of cola": a count
		 * of containers of the size written is that count times the size */
		double size = 0;
		size_t after = 0, used2 = 0;
		bool art2 = false;
		char why2[200];
		const cl_unit *u2 = NULL;
		if (!lp->unit && next < t->n && cl_token_numeric(t->tok[next]) &&
		    cl_amount_at(t, next, &size, &after, &art2, why2, sizeof(why2)) == CL_AMOUNT_OK &&
		    (u2 = cl_unit_at(t, after, &used2)) != NULL && !u2->assumption &&
		    after + used2 < t->n && container_word(t->tok[after + used2])) {
			lp->qty *= size;
			lp->unit = u2;
			next = after + used2 + 1;
			used = 0;
		}
		next += used;
		if (lp->unit)
			and_a_half(&lp->qty, t, &next);
		*food_from = next;
		*food_to = t->n;
		return CL_OK;
	}
	/* A unit without a number: "handful of almonds", "cup of coffee". */
	if (!lead && !sized_first && (lp->unit = cl_unit_at(t, 0, &used)) != NULL && used < t->n) {
		lp->amount_first = true;
		lp->qty = 1;
		lp->article = true;
		*food_from = used;
		*food_to = t->n;
		return CL_OK;
	}
	/* The amount after the food: "coffee, 2 cups", "salmon 150 g". */
	for (size_t j = lead + 1; j < t->n; j++) {
		/* (not a last "one": "fiber one" is a cereal's name) */
		bool spelled = number_word(t->tok[j]) &&
			       !(j + 1 == t->n && strcmp(t->tok[j], "one") == 0);
		/* "onion half, chopped": a half at the end of the food's words
		 * (not "half and half", the cream) */
		spelled |= strcmp(t->tok[j], "half") == 0 && strcmp(t->tok[j - 1], "and") != 0 &&
			   (j + 1 == t->n || strcmp(t->tok[j + 1], ",") == 0);
		spelled |= worded_amount(t, j);
		bool unit_last = lp->vague_last && j + 1 == t->n;
		if (!cl_token_numeric(t->tok[j]) && !spelled && !(strcmp(t->tok[j - 1], ",") == 0) &&
		    !unit_last)
			continue;
		/* "sardines x4", "sardines x 4", "sardines × 4": a count */
		size_t food_end = j;
		if (j >= 2 && times_sign(t->tok[j - 1]))
			food_end = j - 1;
		double q;
		bool art;
		st = cl_amount_at(t, j, &q, &next, &art, why, sizeof(why));
		if (st == CL_AMOUNT_BAD)
			return cl_error_set(CL_EINVAL, "%s", why);
		/* "tortilla chips, handful", "coffee, mug": a unit alone after
		 * the comma, ending the line, is one of it, as "handful of
		 * almonds" is (not without the comma: "peanut butter cup" is a
		 * sweet; not with words after it: "ramen, cup noodles") */
		size_t alone = 0;
		if (st != CL_AMOUNT_OK && (strcmp(t->tok[j - 1], ",") == 0 || unit_last) &&
		    cl_unit_at(t, j, &alone) != NULL && j + alone == t->n) {
			st = CL_AMOUNT_OK;
			q = 1;
			art = true;
			next = j;
		}
		if (st != CL_AMOUNT_OK)
			continue;
		/* "flour tortilla 10 inch": a length sizes the piece (build_parts
		 * reads it), and "ground turkey 93/7" is the meat's lean and fat;
		 * neither is the amount ("in" only last: "2 in oil") */
		unsigned lean, fat;
		if (lean_ratio(t->tok[j], &lean, &fat) ||
		    (next < t->n && size_unit(t->tok[next]) &&
		     (strcmp(t->tok[next], "in") != 0 || next + 1 == t->n)))
			continue;
		/* "sardines 4x", "sardines 4 x": a count */
		if (food_end == j && next < t->n && times_sign(t->tok[next]))
			next++;
		const cl_unit *u = cl_unit_at(t, next, &used);
		/* "oatmeal cooked, a cup and a half": half a unit more, as
		 * before the food (the three words belong to the unit) */
		if (u) {
			size_t half_end = next + used;
			and_a_half(&q, t, &half_end);
			used = half_end - next;
		}
		size_t end = next + used;
		/* "cola 16 fl oz bottle": the container the amount came in */
		bool boxed = u && !u->assumption && end < t->n && container_word(t->tok[end]);
		/* "red wine 175ml glass", "tea 300 ml mug": a vessel of the volume
		 * written, which is the amount (not the vague glass of 1 cup) */
		size_t vessel_used = 0;
		const cl_unit *vessel = u && !u->assumption && u->kind == CL_UNIT_VOLUME && end < t->n
						? cl_unit_at(t, end, &vessel_used)
						: NULL;
		if (vessel && vessel->assumption && vessel->kind == CL_UNIT_VOLUME && vessel_used == 1)
			boxed = true;
		/* "white wine, 1 glass 175 ml", "coffee, a mug 300 ml": one vessel
		 * of no set size, then the volume it held, which is the amount
		 * (as in "175ml glass"); of more than one, which the volume is of
		 * is not said, and the line stays refused.  A volume under a
		 * quarter of what the vessel is taken as is no vessel's fill but a
		 * spoon of something else ("tea, 1 mug 1 tsp sugar": two foods) */
		double held = 0;
		size_t held_end = 0, held_used = 0;
		bool art3 = false;
		const cl_unit *hu = NULL;
		if (u && u->assumption && u->kind == CL_UNIT_VOLUME && used == 1 && q == 1 &&
		    end < t->n && cl_token_numeric(t->tok[end]) &&
		    cl_amount_at(t, end, &held, &held_end, &art3, why, sizeof(why)) ==
			    CL_AMOUNT_OK &&
		    (hu = cl_unit_at(t, held_end, &held_used)) != NULL && !hu->assumption &&
		    hu->kind == CL_UNIT_VOLUME && held * hu->factor >= u->factor / 4 - 0.01) {
			q = held;
			u = hu;
			next = held_end;
			used = held_used;
			end = held_end + held_used;
		}
		if (boxed)
			end++;
		if (end < t->n && is_measure_word(t->tok[end]) && !u) {
			end++;
			/* "banana, 1 extra large": SR's two-word size (it was
			 * "extra small", the first "extra" measure) */
			if (strcmp(t->tok[end - 1], "extra") == 0 && end < t->n &&
			    size_word(t->tok[end]))
				end++;
			and_a_half(&q, t, &end);
		}
		/* "asparagus, 6 medium spears": a size and then a piece */
		if (end == next + 1 && end < t->n && piece_size_word(t->tok[next]) &&
		    portion_noun(t->tok[end]))
			end++;
		/* "white bread 1 thin slice": a size that is no measure of its
		 * own ("thin", "thick"), then the piece it sizes */
		else if (!u && end == next && next + 1 < t->n &&
			 piece_size_word(t->tok[next]) && portion_noun(t->tok[next + 1]))
			end = next + 2;
		/* "spinach, 2 cups raw", "rice, 1 cup cooked", "tuna, 1 can
		 * drained", "chocolate milk 1 cup whole": how it was cooked, cut or
		 * kept, after the amount, still describes the food */
		size_t tail = state_words_end(t, end, false);
		size_t cooked_from = end;
		/* "brussels sprouts 6 sprouts raw", "papaya 1 cup pieces raw": one
		 * plain word naming the measure (as "papaya 1 cup pieces" below),
		 * then only how the food was cooked or kept: the amount sits
		 * inside the food's words.  weigh() refuses a word that names
		 * none of the food's measures ("chicken 1 cup rice boiled"). */
		if (tail == end && end + 1 < t->n && hint_word(t->tok[end]) &&
		    state_words_end(t, end, true) == end && state_words_end(t, end + 1, true) == t->n) {
			snprintf(lp->prep, sizeof(lp->prep), "%s", t->tok[end]);
			memcpy(lp->measure_hint, lp->prep, sizeof(lp->measure_hint));
			cooked_from = end + 1;
			tail = t->n;
		}
		/* "cherries, 1 cup with pits", "cottage cheese, 1 cup small curd":
		 * once a comma has closed the food, words after a unit say which of
		 * the food's measures is meant (SR's "cup, with pits"), not more food;
		 * the first content word picks the measure as a cut word would. */
		/* Without the comma ("papaya 1 cup pieces", "cheddar 1 cubic
		 * inch") one word may do the same, and after a comma no unit is
		 * needed ("light cream, 1 individual container"); weigh() refuses
		 * a word that names none of the measures ("chicken 1 cup rice"
		 * stays two foods, refused). */
		size_t cooked_to = tail;
		bool closed = strcmp(t->tok[j - 1], ",") == 0;
		/* "cottage cheese 1/2 cup small curd": two words without the
		 * comma, when a size starts them, name one measure as SR writes
		 * it ("cup, small curd"); weigh() wants both in one measure.  So
		 * do a count's describing word and piece ("romaine 2 outer
		 * leaves": "leaf outer"; "2 inner leaves" read before the food) */
		bool sized_two = !closed && content_words(t, tail) == 2 && tail + 1 < t->n &&
				 ((piece_size_word(t->tok[tail]) && u) ||
				  (!u && portion_noun(t->tok[t->n - 1])));
		bool in_words = tail + 1 < t->n && strcmp(t->tok[tail], "in") == 0 && !sized_two;
		if (tail != t->n && (closed || content_words(t, tail) == 1 || sized_two || in_words) &&
		    measure_words_only(t, tail, lp->prep, sizeof(lp->prep))) {
			/* "milk, 1 tbsp in tea": read as "1 tbsp milk in tea"
			 * (where it went) when no measure is named by it */
			if (in_words) {
				where_it_went(lp, t, tail, t->n);
			}
			lp->went_in = lp->went[0] != '\0';
			tail = t->n;
			memcpy(lp->measure_hint, lp->prep, sizeof(lp->measure_hint));
			if (sized_two && u)
				snprintf(lp->measure_hint2, sizeof(lp->measure_hint2), "%s",
					 t->tok[t->n - 1]);
			else if (sized_two) /* a piece: "leaves" is SR's "leaf" */
				measure_singular(lp->measure_hint2, sizeof(lp->measure_hint2),
						 t->tok[t->n - 1]);
		}
		/* A participle ("squeezed", "blanched") is read as how the food
		 * was made only when the words are read no other way: "raisins,
		 * 1/4 cup packed" names SR's "cup, packed" */
		if (tail != t->n && state_words_end(t, end, true) == t->n)
			tail = cooked_to = t->n;
		if (tail != t->n)
			continue;
		lp->tail_from = cooked_from;
		lp->tail_to = cooked_to;
		lp->qty = q;
		lp->couple = said_couple(t, j, next);
		lp->article = art;
		lp->unit = u;
		*food_from = lead;
		*food_to = food_end;
		*skip_from = boxed ? end : next + used;
		*skip_to = end;
		return CL_OK;
	}
	lp->qty = 1;
	lp->no_amount = true;
	*food_from = 0;
	*food_to = t->n;
	return CL_OK;
}

/* "with the skin on", "without the peel": "with" or "without" at i, then
 * "the" or not, then a part SR names foods with or without (part_word()),
 * in the words before to; *part_at is where the part is.  Not "with the
 * skin off", which says without (left refused: "the" is no food SR has). */
static bool skin_phrase(const cl_tokens *t, size_t i, size_t to, size_t *part_at)
{
	if (strcmp(t->tok[i], "with") != 0 && strcmp(t->tok[i], "without") != 0)
		return false;
	size_t k = i + 1;
	if (k < to && strcmp(t->tok[k], "the") == 0)
		k++;
	if (k >= to || !part_word(t->tok[k]) ||
	    (k + 1 < to && strcmp(t->tok[k + 1], "off") == 0))
		return false;
	*part_at = k;
	return true;
}

/* Appends a word to the food's text; false when it no longer fits. */
static bool add_food_word(line_parts *lp, size_t *len, const char *word)
{
	int n = snprintf(lp->food_text + *len, sizeof(lp->food_text) - *len, "%s%s",
			 *len ? " " : "", word);
	if (n < 0 || (size_t)n >= sizeof(lp->food_text) - *len)
		return false;
	*len += (size_t)n;
	return true;
}

/* "half a banana sliced on cereal", "walnuts chopped into salad",
 * "parmesan grated over pasta": a cut word, then where the cut food was
 * put.  The food is the one cut; what it went on or into is another line's
 * (unlike "beans on toast", a dish of two foods, refused).  Returns the
 * token of "on" / "onto" / "into" / "over", or to when there is none. */
static size_t put_into(const cl_tokens *t, size_t from, size_t to)
{
	/* not "in": "pineapple chunks in juice", "tomatoes diced in juice"
	 * say how the food was packed */
	static const char *const onto[] = {"on", "onto", "into", "over"};
	for (size_t i = from + 1; i + 1 < to; i++)
		if (WORD_IN(t->tok[i], onto) && is_prep_word(t->tok[i - 1]) &&
		    !cl_token_numeric(t->tok[i + 1]))
			return i;
	return to;
}

static int build_parts(line_parts *lp, const cl_tokens *t)
{
	size_t from = 0, to = 0, sfrom = 0, sto = 0;
	int rc = split_line(lp, t, &from, &to, &sfrom, &sto);
	if (rc)
		return rc;
	/* A measure word after a trailing amount: "bananas, 2 medium". */
	if (sto > sfrom)
		snprintf(lp->mword, sizeof(lp->mword), "%s", t->tok[sfrom]);
	if (sto == sfrom + 2 && strcmp(lp->mword, "extra") == 0)
		snprintf(lp->mword2, sizeof(lp->mword2), "%s", t->tok[sfrom + 1]);
	/* "asparagus, 6 medium spears": the size of the piece named after it */
	if (sto == sfrom + 2 && piece_size_word(t->tok[sfrom])) {
		snprintf(lp->piece_size, sizeof(lp->piece_size), "%s", measure_alias(t->tok[sfrom]));
		snprintf(lp->mword, sizeof(lp->mword), "%s", t->tok[sfrom + 1]);
	}
	while (from < to && filler(t->tok[from]))
		from++;
	size_t went = put_into(t, from, to);
	if (went < to) {
		where_it_went(lp, t, went, to);
		to = went;
	}
	if (!lp->unit && !lp->mword[0] && from < to && is_measure_word(t->tok[from])) {
		snprintf(lp->mword, sizeof(lp->mword), "%s", t->tok[from++]);
		if (strcmp(lp->mword, "extra") == 0 && from < to) {
			snprintf(lp->mword2, sizeof(lp->mword2), "%s", t->tok[from++]);
		}
		and_a_half(&lp->qty, t, &from);
		while (from < to && filler(t->tok[from]))
			from++;
	}
	/* "2 thin slices of pineapple", "1 medium stalk broccoli": a size and
	 * then a piece: the piece is the measure, the size picks which one. */
	if (!lp->unit && !lp->mword2[0] && from < to) {
		const char *size = lp->mword[0] ? lp->mword : t->tok[from];
		size_t at = lp->mword[0] ? from : from + 1;
		if (piece_size_word(size) && at + 1 < to && portion_noun(t->tok[at])) {
			snprintf(lp->piece_size, sizeof(lp->piece_size), "%s", measure_alias(size));
			snprintf(lp->mword, sizeof(lp->mword), "%s", t->tok[at]);
			from = at + 1;
			while (from < to && filler(t->tok[from]))
				from++;
		}
	}
	/* "a juice box of apple juice": a container named by what it holds
	 * is that container */
	if (!lp->unit && !lp->mword[0] && from + 2 < to && container_word(t->tok[from + 1]) &&
	    strcmp(t->tok[from + 2], "of") == 0 && !is_measure_word(t->tok[from])) {
		snprintf(lp->mword, sizeof(lp->mword), "%s", t->tok[from + 1]);
		from += 3;
	}
	/* "a punnet of strawberries": a word before "of" that is no unit or
	 * measure; find_food's caller refuses it unless it names the food */
	if (from + 2 < to && strcmp(t->tok[from + 1], "of") == 0 && !lp->unit && !lp->no_amount)
		snprintf(lp->of_word, sizeof(lp->of_word), "%s", t->tok[from]);
	/* A number inside the food words is a second amount: refuse rather than guess. */
	size_t len = 0;
	lp->food_text[0] = '\0';
	bool comma_after_food = false;
	for (size_t i = from; i < to; i++) {
		comma_after_food |= len > 0 && strcmp(t->tok[i], ",") == 0;
		if (filler(t->tok[i]))
			continue;
		/* "an apple with the skin on": SR's "with skin" ("the" was read
		 * as a second food) */
		size_t part_at = 0;
		if (skin_phrase(t, i, to, &part_at)) {
			if (!add_food_word(lp, &len, t->tok[i]) ||
			    !add_food_word(lp, &len, t->tok[part_at]))
				return cl_error_set(CL_EINVAL, "the line is too long");
			i = part_at + (part_at + 1 < to && strcmp(t->tok[part_at + 1], "on") == 0);
			continue;
		}
		/* "2 fun size snickers bars": the size of candy SR names "fun
		 * size"; weigh() takes that measure or refuses */
		if (!lp->unit && (strcmp(t->tok[i], "fun-size") == 0 ||
				  (strcmp(t->tok[i], "fun") == 0 && i + 1 < to &&
				   strcmp(t->tok[i + 1], "size") == 0))) {
			lp->fun_size = true;
			i += strcmp(t->tok[i], "fun") == 0;
			continue;
		}
		/* "baked potato, large, with skin", "1 ear of corn, large": a
		 * size alone between commas sizes the piece, as "1 large ear" */
		if (!lp->unit && piece_size_word(t->tok[i]) && i > from &&
		    strcmp(t->tok[i - 1], ",") == 0 && (i + 1 == to || strcmp(t->tok[i + 1], ",") == 0) &&
		    !lp->piece_size[0] && !lp->mword2[0] &&
		    (!lp->mword[0] || portion_noun(lp->mword))) {
			if (lp->mword[0])
				snprintf(lp->piece_size, sizeof(lp->piece_size), "%s",
					 measure_alias(t->tok[i]));
			else
				snprintf(lp->mword, sizeof(lp->mword), "%s", t->tok[i]);
			continue;
		}
		/* "banana, extra small", "eggs, extra large", "banana extra
		 * small": the two words of SR's size between commas or ending
		 * the line, as "1 extra small banana" */
		if (!lp->unit && !lp->mword[0] && strcmp(t->tok[i], "extra") == 0 && i > from &&
		    i + 1 < to && piece_size_word(t->tok[i + 1]) &&
		    (i + 2 == to ||
		     (strcmp(t->tok[i - 1], ",") == 0 && strcmp(t->tok[i + 2], ",") == 0))) {
			snprintf(lp->mword, sizeof(lp->mword), "extra");
			snprintf(lp->mword2, sizeof(lp->mword2), "%s", t->tok[++i]);
			continue;
		}
		/* "tortilla (10 inch)", "pancakes (4 in)": a length is the size of
		 * the piece (SR names it in the measure, "pancake (4\" dia)"), not a
		 * second amount, and not part of the food's name. */
		if (cl_token_numeric(t->tok[i]) && i + 1 < to && size_unit(t->tok[i + 1])) {
			snprintf(lp->size, sizeof(lp->size), "%s", t->tok[i]);
			i++;
			continue;
		}
		/* "ground turkey 93/7": SR's "93% lean, 7% fat" */
		unsigned lean, fat;
		if (lean_ratio(t->tok[i], &lean, &fat)) {
			char pct[2][16];
			snprintf(pct[0], sizeof(pct[0]), "%u%%", lean);
			snprintf(pct[1], sizeof(pct[1]), "%u%%", fat);
			if (!add_food_word(lp, &len, pct[0]) || !add_food_word(lp, &len, "lean") ||
			    !add_food_word(lp, &len, pct[1]) || !add_food_word(lp, &len, "fat"))
				return cl_error_set(CL_EINVAL, "the line is too long");
			continue;
		}
		/* "2 1/2 inch": SR writes the size "2-1/2\"" */
		if (cl_token_numeric(t->tok[i]) && i + 2 < to && strchr(t->tok[i + 1], '/') &&
		    cl_token_numeric(t->tok[i + 1]) && size_unit(t->tok[i + 2])) {
			snprintf(lp->size, sizeof(lp->size), "%.7s-%.7s", t->tok[i], t->tok[i + 1]);
			i += 2;
			continue;
		}
		/* "banana (two hundred grams)": an amount in words the reader
		 * does not read is refused, not dropped */
		if ((strcmp(t->tok[i], "hundred") == 0 || strcmp(t->tok[i], "thousand") == 0) &&
		    !lp->stray_number[0])
			snprintf(lp->stray_number, sizeof(lp->stray_number), "%s", t->tok[i]);
		if (cl_token_numeric(t->tok[i]) && !strchr(t->tok[i], '%') && !lp->stray_number[0]) {
			bool letters = false;
			for (const char *c = t->tok[i]; *c; c++)
				letters |= isalpha((unsigned char)*c) != 0;
			if (!letters) {
				snprintf(lp->stray_number, sizeof(lp->stray_number), "%s", t->tok[i]);
				/* The tokenizer splits "1e309" into 1, e, 309. */
				lp->stray_exponent = i >= 2 && strcmp(t->tok[i - 1], "e") == 0 &&
						     cl_token_numeric(t->tok[i - 2]);
				if (lp->stray_exponent)
					snprintf(lp->stray_number, sizeof(lp->stray_number),
						 "%.20se%.20s", t->tok[i - 2], t->tok[i]);
			}
		}
		/* "1 cup apple slices", "1 cup carrot sticks": with a volume,
		 * the slices or sticks are the cut */
		bool slices = lp->unit && lp->unit->kind == CL_UNIT_VOLUME &&
			      (strcmp(t->tok[i], "slices") == 0 || strcmp(t->tok[i], "sticks") == 0 ||
			       strcmp(t->tok[i], "strips") == 0);
		if ((is_prep_word(t->tok[i]) || slices) && to - from > 1) {
			snprintf(lp->prep, sizeof(lp->prep), "%s", t->tok[i]);
			continue;
		}
		if (!add_food_word(lp, &len, t->tok[i]))
			break;
		lp->inverted |= comma_after_food;
		/* "1 lamb loin chop grilled": a way of cooking after the food
		 * says how, the piece counted is the word before it ("grilled"
		 * counted no chop, and a roasted "piece" of 193 g was weighed) */
		if (!lp->food_word[0] || !is_cooking_word(t->tok[i]))
			snprintf(lp->food_word, sizeof(lp->food_word), "%s", t->tok[i]);
	}
	for (size_t i = lp->tail_from; i < lp->tail_to; i++) {
		if (filler(t->tok[i]) || texture_word(t->tok[i]))
			continue;
		/* "made with water" is checked against the food found, not
		 * searched: "made" finds SR's "made with butter" */
		if (made_with_at(t, i)) {
			if (!lp->made_with_water)
				snprintf(lp->made_word, sizeof(lp->made_word), "%s", t->tok[i]);
			lp->made_with_water = true;
			continue;
		}
		if (made_up_at(t, i))
			continue;
		/* "pancakes x3, 4 inch": the size of the pieces counted */
		if (length_at(t, i) && !lp->size[0]) {
			snprintf(lp->size, sizeof(lp->size), "%s", t->tok[i]);
			i++;
			continue;
		}
		if (is_prep_word(t->tok[i])) {
			snprintf(lp->prep, sizeof(lp->prep), "%s", t->tok[i]);
			continue;
		}
		if (!add_food_word(lp, &len, t->tok[i]))
			break;
	}
	/* "4 garlic cloves", "2 broccoli spears", "3 bread slices": a portion
	 * noun after the food is its measure, as in "4 cloves of garlic"; left
	 * in the food's name it would find "Spices, cloves".  So is a container
	 * ("1 juice box", "2 coke cans"). */
	static const char *const after_food[] = {"clove", "spear", "stalk", "ear", "floret",
						 "sprig", "wedge", "slice", "rasher", "segment",
						 "section", "leaf", "box", "carton", "bottle",
						 "can", "tin"};
	char *space = strrchr(lp->food_text, ' ');
	/* ... also before a cooking word ("2 broccoli spears, steamed") */
	char *tail = NULL;
	if (space && is_cooking_word(space + 1)) {
		*space = '\0';
		char *before = strrchr(lp->food_text, ' ');
		*space = ' ';
		if (before) {
			tail = space;
			space = before;
		}
	}
	/* "2 large cabbage leaves": the size is the piece's ("leaf, large") */
	bool sized = lp->mword[0] && !lp->mword2[0] && !lp->piece_size[0] &&
		     piece_size_word(lp->mword);
	if (!lp->unit && (!lp->mword[0] || sized) && space) {
		char word[48], one[48];
		snprintf(word, sizeof(word), "%.*s",
			 (int)(tail ? (size_t)(tail - space - 1) : strlen(space + 1)), space + 1);
		char sing[48];
		strip_s(one, sizeof(one), word);
		cl_singular(sing, sizeof(sing), word); /* "leaves" */
		for (size_t k = 0; k < sizeof(after_food) / sizeof(after_food[0]); k++) {
			if (strcmp(one, after_food[k]) != 0 && strcmp(sing, after_food[k]) != 0)
				continue;
			if (sized)
				snprintf(lp->piece_size, sizeof(lp->piece_size), "%s",
					 measure_alias(lp->mword));
			snprintf(lp->mword, sizeof(lp->mword), "%s", word);
			*space = '\0';
			/* "apple juice drink box": SR's "drink box (8.45 fl oz)"
			 * is the container's name, so "drink" goes with it; left
			 * in the food's words it found a "juice drink", a
			 * cranberry one with no box.  Only after "juice": SR
			 * weighs juices by the box, and "orange drink" is a
			 * drink of its own */
			char *drink = strrchr(lp->food_text, ' ');
			if (drink && strcmp(sing, "box") == 0 && strcmp(drink + 1, "drink") == 0 &&
			    drink - lp->food_text >= 6 && strncmp(drink - 6, " juice", 6) == 0)
				*(space = drink) = '\0';
			const char *prev = strrchr(lp->food_text, ' ');
			snprintf(lp->food_word, sizeof(lp->food_word), "%.*s",
				 (int)sizeof(lp->food_word) - 1, prev ? prev + 1 : lp->food_text);
			if (tail)
				memmove(space, tail, strlen(tail) + 1);
			break;
		}
	}
	/* "1 grapefruit half", "2 avocado halves": a half named after a
	 * counted food is half of one piece, not a word of the food's name
	 * (dropped, it left "1 grapefruit" a whole fruit) */
	space = strrchr(lp->food_text, ' ');
	if (!lp->unit && (!lp->mword[0] || piece_size_word(lp->mword)) && space &&
	    (strcmp(space + 1, "half") == 0 || strcmp(space + 1, "halves") == 0)) {
		*space = '\0';
		const char *prev = strrchr(lp->food_text, ' ');
		if (!prev || strcmp(prev + 1, "and") != 0) { /* not "half and half" */
			snprintf(lp->halved, sizeof(lp->halved), "%s", space + 1);
			lp->qty *= 0.5;
			snprintf(lp->food_word, sizeof(lp->food_word), "%.*s",
				 (int)sizeof(lp->food_word) - 1, prev ? prev + 1 : lp->food_text);
		} else {
			*space = ' ';
		}
	}
	/* "french fries medium", "banana medium": a size ending the food's
	 * words, no measure named, sizes the piece as "1 medium banana" does
	 * (and chooses the food as it: "medium fries" is SR's fast food) */
	space = strrchr(lp->food_text, ' ');
	if (!lp->unit && !lp->mword[0] && space && size_word(space + 1)) {
		snprintf(lp->mword, sizeof(lp->mword), "%s", space + 1);
		*space = '\0';
		const char *prev = strrchr(lp->food_text, ' ');
		snprintf(lp->food_word, sizeof(lp->food_word), "%.*s",
			 (int)sizeof(lp->food_word) - 1, prev ? prev + 1 : lp->food_text);
	}
	return CL_OK;
}

static int check_amount(const cl_diary_line *out, const char *line)
{
	if (!(out->grams > 0))
		return cl_error_set(CL_EINVAL, "the amount is zero");
	if (out->grams > CL_DIARY_MAX_GRAMS)
		return cl_error_set(CL_EINVAL,
				    "%.0f g of %s in one line is not believable (at most %.0f g)",
				    out->grams, out->name, CL_DIARY_MAX_GRAMS);
	return CL_OK;
}

/* Has the text any letter?  Keyboard mash has letters; "???" has none. */
static bool has_letters(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Could this word name a food on its own?  Not "au", not "half", not "slices". */
static bool foodish(const char *w)
{
	return strlen(w) >= 3 && !is_measure_word(w) && strcmp(w, "half") != 0 &&
	       strcmp(w, "quarter") != 0 && strcmp(w, "and") != 0 && strcmp(w, "with") != 0;
}

/* Does a word of the folded text equal w, or is it w with one slip? */
static bool has_word_or_slip(const char *folded, const char *w)
{
	wordset ws;
	words_of(&ws, folded);
	for (size_t i = 0; i < ws.n; i++)
		if (same_word(ws.words[i], w) || one_slip(ws.words[i], w))
			return true;
	return false;
}

/*
 * Is the drink in SR's (folded) name made from another plant than the
 * line's word says?  The word before the drink in the name ("coconut" of
 * "Nuts, coconut milk") is not the line's ("cashew"), and the line's word
 * alone names no food, or a food whose name lacks the name's word.
 * "Soymilk" has no word before "milk" and stands; "ornage juice" finds
 * oranges alone, so "Orange juice" stands.
 */
static int other_plant(bool *other, cl_parser *p, const char *name, const char *drink,
		       const char *w)
{
	wordset nw;
	const char *alone = "";
	const cl_food *af = NULL;
	int rc;
	*other = false;
	words_of(&nw, name);
	const char *q = NULL;
	for (size_t i = 1; i < nw.n && !q; i++)
		if (same_word(nw.words[i], drink))
			q = nw.words[i - 1];
	if (!q || same_word(q, w))
		return CL_OK;
	if ((rc = resolve(&alone, p, w, NULL, NULL, NULL, NULL, NEED_NOTHING)))
		return rc;
	if (alone[0] && (rc = food_by_ndb(&af, p, alone)))
		return rc;
	char *folded = NULL;
	if (af && (rc = cl_fold(&folded, af->name)))
		return rc;
	*other = !af || !strstr(folded, q);
	free(folded);
	return CL_OK;
}

/*
 * "1 cup almond milk", "oat milk", "celery juice": a drink named by what it
 * is made from is that drink.  A food that is the plant but not the drink
 * ("Nuts, almonds", "Celery, raw") or the drink but not of that plant
 * ("Milk, whole" for oat milk) is another food.  SR24 has no almond, oat or
 * hemp milk and no celery juice, so such a line is refused rather than read
 * as another food; "soy milk" ("Soymilk") and "rice milk" ("Rice drink")
 * are found.  A food that is not the drink is refused; so is the plain
 * drink ("Milk, ...", "Juice, ...") when the word before the drink is not
 * in its name and alone names a food that is not such a drink ("oat":
 * "Oats"; but "skimmed" alone finds a milk, "organic", "cows", "full cream"
 * describe it).  A drink of its own name ("Soymilk" for "soya milk",
 * "Orange juice" for "ornage juice") is the search's reading and stands.
 */
static int drink_named(cl_parser *p, const cl_food *f, const char *food_text)
{
	char *name = NULL, *text = NULL;
	int rc = CL_OK;
	if ((rc = cl_fold(&name, f->name)) || (rc = cl_fold(&text, food_text)))
		goto cleanup;
	wordset tw;
	words_of(&tw, text);
	for (size_t i = 1; i < tw.n; i++) {
		const char *drink = tw.words[i], *w = tw.words[i - 1];
		if (!same_word(drink, "milk") && !same_word(drink, "juice"))
			continue;
		bool is_drink = strstr(name, drink) || strstr(name, "drink") || strstr(name, "beverage");
		size_t head = strcspn(f->name, ",");
		if (is_drink && (strncasecmp(f->name, drink, head) != 0 || strlen(drink) != head)) {
			/* "Soymilk, ...", "Orange juice, raw" stand; "Nuts, coconut
			 * milk" for "cashew milk" is another plant's drink */
			bool other = false;
			if ((rc = other_plant(&other, p, name, drink, w)))
				goto cleanup;
			if (!other)
				continue;
		}
		if (i >= 2 && same_word(tw.words[i - 2], "full"))
			continue; /* "full cream milk" */
		/* "organic milk", "cows milk", "fresh juice" describe the drink */
		if ((is_drink && (strstr(name, w) || has_word_or_slip(name, w))) ||
		    strlen(w) < 3 || is_prep_word(w) ||
		    is_cooking_word(w) || is_processing_word(w) || state_word(w) ||
		    same_word(w, "raw") || same_word(w, "cow") || same_word(w, "powdered") ||
		    same_word(w, "dairy") || same_word(w, "full") || same_word(w, "pasteurized") ||
		    same_word(w, "pasteurised") || same_word(w, "squeezed") || same_word(w, "pure"))
			continue;
		/* "choccy milk": a word whose synonym's wording the drink's
		 * name holds ("chocolate") names it as the word would (not
		 * "almond" of "Nuts, almonds", no drink) */
		bool syn = false;
		if (is_drink && (rc = synonym_names(&syn, p, f, w)))
			goto cleanup;
		if (syn)
			continue;
		if (is_drink) {
			const char *alone = "";
			const cl_food *af = NULL;
			if ((rc = resolve(&alone, p, w, NULL, NULL, NULL, NULL, NEED_NOTHING)))
				goto cleanup;
			/* "hemp milk": a word that alone names no food is no
			 * known kind of the drink either */
			if (!alone[0])
				goto refuse;
			if ((rc = food_by_ndb(&af, p, alone)))
				goto cleanup;
			if (describes(af->name, drink))
				continue;
		}
	refuse:
		rc = cl_error_set(CL_EINVAL,
				  "the USDA data has no %s %s; the nearest food, '%s', is another "
				  "food: give an SR food (cramplab food search) or its NDB",
				  w, drink, f->name);
		goto cleanup;
	}
cleanup:
	free(name);
	free(text);
	return rc;
}

/* Does the food's name hold the word (in any number: "sticks", "stick")? */
static int name_has_word(bool *has, const cl_food *f, const char *word)
{
	char *folded = NULL, *fw = NULL;
	int rc;
	*has = false;
	if ((rc = cl_fold(&folded, f->name)) || (rc = cl_fold(&fw, word)))
		goto cleanup;
	wordset ws, one;
	words_of(&ws, folded);
	words_of(&one, fw);
	*has = one.n == 1 && in_words(&ws, one.words[0]);
cleanup:
	free(folded);
	free(fw);
	return rc;
}

static const cl_measure *measure_starting(const cl_food *f, const char *word, const char *word2);

/* A measure word that is also a food ("2 muffins", SR's "muffin" measure). */
static bool food_measure_word(const char *w)
{
	static const char *const foods[] = {"biscuit", "muffin", "cookie", "tortilla",
					    "bun", "roll", "sandwich", "creamer"};
	char one[48];
	strip_s(one, sizeof(one), w);
	for (size_t k = 0; k < sizeof(foods) / sizeof(foods[0]); k++)
		if (strcmp(one, foods[k]) == 0)
			return true;
	return false;
}

/* Could the word be a line's head noun (not a measure, a cut or a state,
 * and not a drink named by its plant, which drink_named() judges)?  A pie
 * is a food as much as a muffin, though SR weighs pies by the "pie" too. */
static bool head_noun(const char *w)
{
	char one[48];
	strip_s(one, sizeof(one), w);
	return (foodish(w) || food_measure_word(w) || strcmp(one, "pie") == 0) &&
	       strcmp(measure_alias(w), w) == 0 &&
	       !is_prep_word(w) &&
	       !is_cooking_word(w) && !is_processing_word(w) && !state_word(w) &&
	       strcmp(one, "milk") != 0 && strcmp(one, "juice") != 0;
}

/* Does the food's first segment (the noun SR names it by) hold the word? */
static bool names_first(const char *name, const char *word)
{
	char head[CL_DIARY_MAX_LINE + 1], one[48];
	snprintf(head, sizeof(head), "%.*s", (int)strcspn(name, ","), name);
	if (name_holds(head, word))
		return true;
	/* "cranberry": "Cranberries" (-ies is no prefix of the word) */
	cl_singular(one, sizeof(one), word);
	for (const char *c = head; *c;) {
		char w[48], wone[48];
		if (!next_letters(&c, w, sizeof(w)))
			continue;
		cl_singular(wone, sizeof(wone), w);
		if (strcmp(wone, one) == 0)
			return true;
	}
	return false;
}

/* Does the name's second segment name the food by the word, after a
 * category ("Fish, tuna salad", "Nuts, almonds")? */
static bool names_after_category(const char *name, const char *word)
{
	char first[48];
	size_t n = strcspn(name, ",");
	snprintf(first, sizeof(first), "%.*s", (int)n, name);
	for (char *c = first; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	char one[48];
	cl_singular(one, sizeof(one), first);
	return name[n] == ',' && category_head(one) && names_first(name + n + 1, word);
}

/* Does the name hold the two words run together ("jelly beans":
 * "jellybeans", "low fat": "lowfat"), or the one word split in two
 * ("hotdogs": "hot dog")?  SR writes some foods each way. */
static bool name_joins(const char *name, const char *first, const char *word)
{
	if (first[0]) {
		char joined[96];
		snprintf(joined, sizeof(joined), "%s%s", first, word);
		return name_holds(name, joined);
	}
	/* each pair of neighbouring name words, run together */
	const char *a = name;
	while (*a) {
		while (*a && !isalpha((unsigned char)*a))
			a++;
		size_t an = 0;
		while (isalpha((unsigned char)a[an]))
			an++;
		const char *b = a + an;
		if (*b != ' ')
			goto next;
		while (*b == ' ')
			b++;
		size_t bn = 0;
		while (isalpha((unsigned char)b[bn]))
			bn++;
		/* (the name's pair may be plural: "hotdog", "hot dogs") */
		size_t wl = strlen(word);
		if (an && bn && wl >= 5 && an + bn >= wl && an + bn <= wl + 2 &&
		    strncasecmp(a, word, an < wl ? an : wl) == 0 && an < wl &&
		    strncasecmp(b, word + an, wl - an) == 0)
			return true;
	next:
		a += an;
	}
	return false;
}

/* The SR wording of the folded phrase's synonym row (data/search_synonyms.tsv,
 * "frankfurter" for "hot dog"; wordings split by "|") into repl, "" when
 * the row has none; *found says whether the phrase has a row.  One reader
 * for the checks below, which each ask the same row. */
static int synonym_repl(bool *found, char *repl, size_t cap, cl_parser *p, const char *phrase)
{
	sqlite3_stmt *st = NULL;
	char key[256];
	int step, rc;
	*found = false;
	repl[0] = '\0';
	if ((rc = synonym_row(&st, &step, p, key, sizeof(key), phrase)) || step == SQLITE_DONE)
		goto cleanup;
	*found = true;
	const char *text = (const char *)sqlite3_column_text(st, 0);
	if (text && strlen(text) >= cap)
		rc = cl_error_set(CL_EDB, "the synonym row of '%s' is too long", phrase);
	else
		snprintf(repl, cap, "%s", text ? text : "");
cleanup:
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* Does the food's name hold every word of one of the wordings ("rolls
 * hotdog", "jelly|jellies")? */
static bool wording_named(const char *name, const char *repl)
{
	for (const char *r = repl; *r;) {
		size_t n = strcspn(r, "|");
		bool all = true;
		for (const char *w = r; w < r + n && all;) {
			size_t wn = strcspn(w, " |");
			char word[48];
			snprintf(word, sizeof(word), "%.*s", (int)wn, w);
			all = wn < 3 || name_holds(name, word);
			w += wn;
			while (*w == ' ')
				w++;
		}
		if (all)
			return true;
		r += n;
		if (*r == '|')
			r++;
	}
	return false;
}

/* Is the folded phrase ("hot dog") a synonym whose SR wording
 * ("frankfurter") the food's name holds? */
static int synonym_names(bool *names, cl_parser *p, const cl_food *f, const char *phrase)
{
	char repl[256];
	bool found;
	int rc = synonym_repl(&found, repl, sizeof(repl), p, phrase);
	*names = !rc && found && wording_named(f->name, repl);
	return rc;
}

/* Is the word a food word of SR's names: one that heads some (search_stat's
 * heads, the word plural-folded as the index folds it), or that is the noun
 * of its segment in most of the names that hold it ("zucchini": "Squash,
 * summer, zucchini")?  Not a word that only describes ("full", "pure"), or
 * one SR writes mostly to describe ("white", "red", "whole"), or one SR
 * lacks. */
static int food_word(bool *is_food, cl_parser *p, const char *w)
{
	sqlite3_stmt *st = NULL;
	char stem[CL_SEARCH_WORD_MAX + 1];
	int step, rc;
	*is_food = false;
	cl_search_stem(stem, w, strlen(w));
	rc = lookup_row(&st, &step, p, "SELECT heads, nouns, df FROM search_stat WHERE stem = ?",
			stem, "the word counts");
	if (!rc && step == SQLITE_ROW)
		*is_food = sqlite3_column_int64(st, 0) > 0 ||
			   2 * sqlite3_column_int64(st, 1) > sqlite3_column_int64(st, 2);
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* Do two foods' names start with the same first segment ("Bread, ...")? */
static bool same_kind(const char *a, const char *b)
{
	size_t n = strcspn(a, ",");
	return n == strcspn(b, ",") && strncasecmp(a, b, n) == 0;
}

/*
 * Does the name hold the line's head noun only as a word that describes
 * another food?  "Crackers, cheese, sandwich-type" for "cheese sandwich":
 * every time as "X-type" or "X-style", like X and not X.  "Honey roll
 * sausage" for "sausage roll": the first segment's noun (its last word) is
 * another word of the line, written before the head, and the head stands
 * before that noun: the two words' roles are swapped, another food.
 */
static bool held_describing(const char *name, const char *head, const wordset *tw, size_t n)
{
	size_t hl = strlen(head);
	bool plain = false, like = false;
	for (const char *c = name; *c && !plain;) {
		while (*c && !isalpha((unsigned char)*c))
			c++;
		const char *w = c;
		while (isalpha((unsigned char)*c))
			c++;
		if ((size_t)(c - w) < hl || strncasecmp(w, head, hl) != 0)
			continue;
		bool typed = *c == '-' && (strncasecmp(c + 1, "type", 4) == 0 ||
					   strncasecmp(c + 1, "style", 5) == 0);
		like |= typed;
		plain |= !typed;
	}
	if (like && !plain)
		return true;
	wordset first;
	segment_words(&first, name);
	if (first.n < 2 || same_word(first.words[first.n - 1], head))
		return false;
	bool head_before = false;
	for (size_t i = 0; i + 1 < first.n; i++)
		head_before |= same_word(first.words[i], head);
	for (size_t i = 0; head_before && i + 1 < n; i++)
		if (same_word(tw->words[i], first.words[first.n - 1]))
			return true;
	return false;
}

/*
 * Does the food name the line's head noun (word n - 1 of tw), as SR writes
 * it, and not only to describe another food?  In its name ("10 pretzel
 * twists" also by a piece SR weighs it by; "pomegranate seeds" by a part its
 * measures name, "arils (seeds)"), run together or apart ("jelly beans":
 * "Candies, jellybeans"; "chocolate milk, low fat": "lowfat"), or through a
 * synonym of it ("2 beef hotdogs": "Frankfurter", data/search_synonyms.tsv).
 * "Crackers, cheese, sandwich-type" holds "sandwich" only to describe.
 */
static int names_head(bool *named, cl_parser *p, const cl_food *f, const wordset *tw, size_t n)
{
	const char *head = tw->words[n - 1];
	int rc = CL_OK;
	*named = false;
	if (name_holds(f->name, head) && held_describing(f->name, head, tw, n))
		return CL_OK;
	if (name_holds(f->name, head) || describes_or_slip(f->name, head) ||
	    measure_starting(f, head, NULL)) {
		*named = true;
		return CL_OK;
	}
	for (size_t i = 0; i < f->nmeasures && !*named; i++)
		*named = describes(f->measures[i].name, head);
	if (*named || name_joins(f->name, tw->words[n - 2], head) || name_joins(f->name, "", head)) {
		*named = true;
		return CL_OK;
	}
	/* the synonym phrase ending in the head noun, of up to three words
	 * read without articles as the search reads them ("corn on the cob") */
	wordset said = {.n = 0};
	for (size_t i = 0; i < n; i++)
		if (!article(tw->words[i]))
			memcpy(said.words[said.n++], tw->words[i], sizeof(tw->words[i]));
	for (size_t len = said.n < 3 ? said.n : 3; len >= 2; len--) {
		char phrase[3 * sizeof(tw->words[0]) + 3];
		words_phrase(phrase, sizeof(phrase), &said, said.n - len, said.n);
		if ((rc = synonym_names(named, p, f, phrase)) || *named)
			return rc;
	}
	return synonym_names(named, p, f, head);
}

/* Folds the line's food text into *text (the caller frees it) and reads its
 * food words before the first joining word ("with", "in", "and", "made"):
 * *n of them, in tw, and their head noun *head, the last of two or more
 * ("" for one: a single word names itself). */
static int head_of(char **text, wordset *tw, size_t *n, const char **head, const char *food_text)
{
	int rc = cl_fold(text, food_text);
	if (rc)
		return rc;
	words_of(tw, *text);
	*n = 0;
	while (*n < tw->n && !joining_word(tw->words[*n]) && strcmp(tw->words[*n], "and") != 0 &&
	       strcmp(tw->words[*n], "made") != 0)
		(*n)++;
	*head = *n >= 2 ? tw->words[*n - 1] : "";
	return CL_OK;
}

/*
 * "1 energy gel": the food found ("Energy Drink, Monster") holds a word of
 * the line but not its head noun (its last word before "with", "made" ...),
 * which alone names another food by that noun ("Gelatins"): SR lacks the
 * food the line names, and another is no answer.  A food found through a
 * synonym ("chips": "Potatoes, french fried") shares no word with the line
 * and stands; a describing word last ("banana, ripe") names no food by it.
 */
static int head_lost(cl_parser *p, const cl_food *f, const char *food_text)
{
	char *text = NULL;
	const char *alone = "";
	const cl_food *af = NULL;
	int rc;
	wordset tw;
	size_t n;
	const char *head;
	if ((rc = head_of(&text, &tw, &n, &head, food_text)))
		return rc;
	bool shared = false;
	for (size_t i = 0; i + 1 < n; i++)
		shared |= strlen(tw.words[i]) >= 3 && name_holds(f->name, tw.words[i]);
	if (!shared || !head_noun(head))
		goto cleanup;
	/* (a name that holds the head only to describe another food, "Crackers,
	 * cheese, sandwich-type", is no answer, even weighed by the head) */
	bool named = false;
	if ((rc = names_head(&named, p, f, &tw, n)) || named)
		goto cleanup;
	if ((rc = resolve(&alone, p, head, NULL, NULL, NULL, NULL, NEED_NOTHING)))
		goto cleanup;
	if (!alone[0] || strcmp(alone, f->ndb) == 0 || (rc = food_by_ndb(&af, p, alone)))
		goto cleanup;
	/* ("salad": "Fish, tuna salad", the food SR names after a category) */
	if (names_first(af->name, head) || names_after_category(af->name, head))
		rc = cl_error_set(CL_EINVAL,
				  "the USDA data has no %s; the nearest food, '%s', is no %s: give"
				  " an SR food (cramplab food search) or its NDB",
				  food_text, f->name, head);
cleanup:
	free(text);
	return rc;
}

/* Is the folded phrase ("full fat") a synonym (data/search_synonyms.tsv)? */
static int synonym_known(bool *known, cl_parser *p, const char *phrase)
{
	sqlite3_stmt *st = NULL;
	int step, rc;
	rc = lookup_row(&st, &step, p, "SELECT 1 FROM search_syn WHERE phrase = ?", phrase,
			"the synonyms");
	*known = !rc && step == SQLITE_ROW;
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* "1 banana overripe", "100 g chicken marinated": a word no SR name holds
 * that says how the food was grown, kept, bought or made, not what it is:
 * a past participle, or one of these.  head_unknown() takes no such word
 * for a dish's noun. */
static bool says_how(const char *w)
{
	static const char *const how[] = {"leftover", "overripe", "underripe", "homegrown",
					  "takeaway", "takeout", "organic", "grassfed",
					  "wildcaught", "lactosefree", "sticky", "storebought",
					  "shopbought", "homecooked", "local", "seasonal"};
	size_t n = strlen(w);
	if (n > 4 && strcmp(w + n - 2, "ed") == 0)
		return true;
	for (size_t i = 0; i < sizeof(how) / sizeof(how[0]); i++)
		if (strcmp(w, how[i]) == 0)
			return true;
	return false;
}

/*
 * "1 apple turnover", "1 cup tuna casserole": the food found holds every
 * word of the line before its head noun ("Apples, raw") and lacks the noun, and no SR name holds
 * that noun at all (search_stat), no synonym gives it, and the search finds
 * nothing for it alone (so it is no slip for a word SR has).  head_lost()
 * refuses a head that alone finds another food; this one finds none, and
 * the ingredient is no more the dish.  The line is refused naming the
 * nearest food, as there.
 */
static int head_unknown(cl_parser *p, const cl_food *f, const char *food_text, bool inverted)
{
	char *text = NULL;
	const char *alone = "";
	int rc;
	if (inverted)
		return CL_OK;
	wordset tw;
	size_t n;
	const char *head;
	if ((rc = head_of(&text, &tw, &n, &head, food_text)))
		return rc;
	/* (every word before the head the food's: "1 medium banana <script>
	 * alert ..." is a food and stray words, not a dish SR lacks) */
	bool shared = n >= 2, named = false, in_sr = true, synonym = false;
	for (size_t i = 0; i + 1 < n; i++)
		shared &= strlen(tw.words[i]) < 3 || name_holds(f->name, tw.words[i]) ||
			  describes_or_slip(f->name, tw.words[i]);
	if (!shared || !head_noun(head) || says_how(head) ||
	    (rc = names_head(&named, p, f, &tw, n)) || named ||
	    (rc = word_in_names(&in_sr, p, head)) || in_sr ||
	    (rc = synonym_known(&synonym, p, head)) || synonym)
		goto cleanup;
	/* ("2 fig newtons": the head may end a synonym's phrase, which the
	 * file keeps as written, plural or not) */
	wordset written;
	split_words(&written, text, false);
	char phrase[2 * sizeof(tw.words[0]) + 1];
	snprintf(phrase, sizeof(phrase), "%s %s", tw.words[n - 2], head);
	if ((rc = synonym_known(&synonym, p, phrase)) || synonym)
		goto cleanup;
	if (written.n == tw.n) {
		snprintf(phrase, sizeof(phrase), "%s %s", written.words[n - 2], written.words[n - 1]);
		if ((rc = synonym_known(&synonym, p, phrase)) || synonym)
			goto cleanup;
	}
	if ((rc = resolve(&alone, p, head, NULL, NULL, NULL, NULL, NEED_NOTHING)) || alone[0])
		goto cleanup;
	rc = cl_error_set(CL_EINVAL,
			  "the USDA data has no %s; the nearest food, '%s', is no %s: give an SR"
			  " food (cramplab food search) or its NDB",
			  food_text, f->name, head);
cleanup:
	free(text);
	return rc;
}


/* Does the SR wording name a food: does the first word of one of the
 * wordings head SR names (food_word(): "white onion" is "onions", "table
 * sugar" "sugars granulated"), not describe one ("full fat" is "whole")? */
static int wording_of_food(bool *food, cl_parser *p, const char *repl)
{
	int rc = CL_OK;
	*food = false;
	for (const char *r = repl; *r && !*food;) {
		size_t n = strcspn(r, " |");
		char word[48];
		snprintf(word, sizeof(word), "%.*s", (int)n, r);
		if ((rc = food_word(food, p, word)))
			return rc;
		r += strcspn(r, "|");
		if (*r == '|')
			r++;
	}
	return rc;
}

/*
 * "plum tomato", "red bell pepper", "sugar snap peas": is word i of the
 * food's first n words inside a phrase of two to four of them that the
 * search reads as one (data/search_synonyms.tsv), in the singular (tw) or
 * as written (as_written: the file keeps "sugar snap peas")?  Then the word
 * names a variety with its neighbours, not a food of its own ("sugar").
 * A phrase that stops before the head noun (word n - 1) and whose SR
 * wording names a food is that food in front of another's noun ("white
 * onion roll", "table sugar cake"): it counts only when f's name holds the
 * wording, as a plain word counts only when the name holds it; else
 * "onion" would stand for a dinner roll.  One that describes ("full fat
 * cottage cheese") counts as before.
 */
static int in_synonym_phrase(bool *known, cl_parser *p, const cl_food *f, const wordset *tw,
			     const wordset *as_written, size_t i, size_t n)
{
	enum { longest = 4 };
	char phrase[longest * (sizeof(tw->words[0]) + 1)];
	int rc = 0;
	*known = false;
	for (size_t from = i >= longest - 1 ? i - (longest - 1) : 0; from <= i && !*known; from++)
		for (size_t to = from + 2; to <= n && to <= from + longest && !*known; to++) {
			if (to <= i)
				continue;
			for (int spelling = 0; spelling < 2 && !*known; spelling++) {
				bool food = false;
				char repl[256];
				words_phrase(phrase, sizeof(phrase), spelling ? as_written : tw, from, to);
				if ((rc = synonym_repl(known, repl, sizeof(repl), p, phrase)))
					return rc;
				if (!*known || to == n)
					continue;
				if ((rc = wording_of_food(&food, p, repl)))
					return rc;
				if (food)
					*known = wording_named(f->name, repl);
			}
			if (*known)
				return 0;
		}
	return rc;
}

/*
 * "1 cup green tea", "1 bloody mary", "1 sushi roll": a food SR24 lacks
 * (data/absent_foods.tsv, cl_food_absent()) is refused, naming the nearest
 * SR food a person could write instead, before the search finds another
 * food that shares a word of it ("Tea, black", "Blood sausage").
 */
static int absent_food(cl_parser *p, const char *food_text)
{
	char *written = NULL, ndb[8];
	const cl_food *near = NULL;
	int rc;
	if ((rc = cl_food_absent(&written, ndb, p->db, food_text)) || !written)
		return rc;
	if (!(rc = food_by_ndb(&near, p, ndb)))
		rc = cl_error_set(CL_EINVAL,
				  "the USDA SR24 data has no %s; the nearest is '%s' (NDB %s): write"
				  " that if it will do",
				  written, near->name, ndb);
	free(written);
	return rc;
}

/* Does the food stand for many flavours ("Yogurt, fruit variety",
 * "Gelatin desserts, ... flavored")?  Then "peach" only describes it. */
static bool flavour_kept(const cl_food *f)
{
	return name_holds(f->name, "variety") || name_holds(f->name, "flavor") ||
	       name_holds(f->name, "flavored") || name_holds(f->name, "flavors");
}

/* Is the food SR's one name for every kind of the head noun: a name of one
 * segment that starts with it ("Jams and preserves" for "strawberry jam"),
 * not one with a word of its own before it ("Vegetarian stew")? */
static bool generic_name(const cl_food *f, const char *head)
{
	char first[48];
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(f->name, " ,"), f->name);
	return !strchr(f->name, ',') && name_holds(first, head);
}

/*
 * "1 sausage roll", "1 banana muffin": the food found ("Rolls, dinner",
 * "Muffins, corn") holds the line's head noun but lacks a word before it
 * that alone finds a food named by that word ("Sausage, ..."): the word
 * says which food it is, and dropping it gives another food.  SR lacks
 * the food the line names, so the line is refused, naming the word.  A
 * word the name holds in any spelling ("chocolate milk", "jellybeans"),
 * a synonym of it or of a phrase of two to four words holding it ("plum
 * tomato", "sugar snap peas"), a flavour of a
 * food SR has for many ("peach yogurt": "Yogurt, fruit variety"), or a word
 * that heads no SR name (search_stat: "full", "spring") stands.
 */
static int which_lost(cl_parser *p, const cl_food *f, const char *food_text)
{
	char *text = NULL;
	int rc;
	if ((rc = cl_fold(&text, food_text)))
		return rc;
	wordset tw, written;
	words_of(&tw, text);
	split_words(&written, text, false);
	size_t n = 0;
	while (n < tw.n && !joining_word(tw.words[n]) && strcmp(tw.words[n], "and") != 0 &&
	       strcmp(tw.words[n], "made") != 0)
		n++;
	/* (a milk or a juice named by its plant: drink_named() judges it) */
	if (n < 2 || !head_noun(tw.words[n - 1]))
		goto cleanup;
	/* (the head as SR writes it, or through a synonym: "sorbet", "Sherbet") */
	bool head_held = name_holds(f->name, tw.words[n - 1]), by_synonym = false;
	if (!head_held && ((rc = synonym_names(&by_synonym, p, f, tw.words[n - 1])) || !by_synonym))
		goto cleanup;
	/* ("tomato ketchup": "Catsup", SR's one name, through the synonym) */
	bool generic = generic_name(f, tw.words[n - 1]) || (by_synonym && !strchr(f->name, ','));
	for (size_t i = 0; i + 1 < n; i++) {
		const char *w = tw.words[i], *alone = "";
		const cl_food *af = NULL;
		bool named = false;
		if (!head_noun(w) || name_holds(f->name, w) || describes_or_slip(f->name, w) ||
		    name_joins(f->name, w, tw.words[i + 1]) || name_joins(f->name, "", w) ||
		    (i > 0 && name_joins(f->name, tw.words[i - 1], w)))
			continue;
		bool is_food = false;
		if ((rc = name_has_word(&named, f, w)) || named || (rc = synonym_names(&named, p, f, w)) ||
		    named || flavour_kept(f) || generic)
			goto cleanup_or_next;
		if ((rc = in_synonym_phrase(&named, p, f, &tw, &written, i, n)) || named)
			goto cleanup_or_next;
		if ((rc = food_word(&is_food, p, w)) || !is_food)
			goto cleanup_or_next;
		if ((rc = resolve(&alone, p, w, NULL, NULL, NULL, NULL, NEED_NOTHING)))
			goto cleanup;
		if (!alone[0] || strcmp(alone, f->ndb) == 0 || (rc = food_by_ndb(&af, p, alone)))
			goto cleanup_or_next;
		/* ("zucchini": "Squash, summer, zucchini", another kind of food
		 * than "Bread, white") */
		if (names_first(af->name, w) || (name_holds(af->name, w) && !same_kind(af->name, f->name))) {
			rc = cl_error_set(CL_EINVAL,
					  "the USDA data has no %s; the nearest food, '%s', lacks '%s':"
					  " give an SR food (cramplab food search) or its NDB",
					  food_text, f->name, w);
			goto cleanup;
		}
	cleanup_or_next:
		if (rc)
			goto cleanup;
	}
cleanup:
	free(text);
	return rc;
}

/*
 * Does the name hold the head noun as the noun of a segment: the last word
 * before a comma, a bracket, a semicolon, the name's end or a joining word
 * ("Cookies, fig bars", "Fast foods, enchilada, with cheese", "Turkey Chili
 * with Beans Soup"), not as a word describing the noun after it ("Sandwich
 * Spread", "Pickle relish, hamburger" holds "relish" so), or as the
 * name's first word ("Danish pastry, cheese")?
 */
static bool head_ends_segment(const cl_food_hit *h, const char *head)
{
	const char *name = h->name;
	/* (a restaurant's or brand's first word is no food's: "TACO BELL, ...") */
	bool first_names = !WORD_IN(h->group_code, sold_as_dish);
	size_t hl = strlen(head);
	for (const char *c = name; *c;) {
		while (*c && !isalpha((unsigned char)*c))
			c++;
		const char *w = c;
		while (isalpha((unsigned char)*c))
			c++;
		char got[48];
		snprintf(got, sizeof(got), "%.*s", (int)(c - w), w);
		if (!w[0] || !(strncasecmp(w, head, hl) == 0 || name_holds(got, head)))
			continue;
		const char *after = c + strspn(c, " ");
		size_t an = strspn(after, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		/* (or first in the name, which SR names by it: "Danish pastry") */
		if ((w == name && first_names) || !*after || strchr(",(;-", *after) ||
		    (an == 4 && strncasecmp(after, "with", 4) == 0) ||
		    (an == 3 && strncasecmp(after, "and", 3) == 0) ||
		    (an == 2 && strncasecmp(after, "or", 2) == 0))
			return true;
	}
	return false;
}

/* Does a word SR heads names by ("beef", not "grilled", "filet" or a
 * measure's "fillet") stand before the head noun, a word the line lacks?
 * "Roast beef sandwich with cheese" and "Fast foods, ham, egg, and cheese
 * sandwich" are other dishes than the line's "cheese sandwich".  Read in
 * the head's segment, or, under a first segment that says where a dish was
 * bought (sold_as_dish), in every segment after it. */
static int other_food_before(bool *other, cl_parser *p, const cl_food_hit *h, const char *head,
			     const wordset *line)
{
	int rc = CL_OK;
	*other = false;
	bool dish = WORD_IN(h->group_code, sold_as_dish);
	size_t first = strcspn(h->name, ",;");
	char head_first[CL_DIARY_MAX_LINE + 1];
	snprintf(head_first, sizeof(head_first), "%.*s", (int)first, h->name);
	/* ("HOT POCKETS Ham 'N Cheese Stuffed Sandwich": the dish is the first
	 * segment's; "Sandwiches and burgers, roast beef sandwich": the later) */
	const char *from = dish && (!name_holds(head_first, head) || name_holds(h->name + first, head))
				   ? h->name + first
				   : h->name;
	for (const char *seg = from; *seg && !*other;) {
		seg += strspn(seg, ",;( ");
		size_t sn = dish ? strlen(seg) : strcspn(seg, ",;(");
		char segment[CL_DIARY_MAX_LINE + 1], *folded = NULL;
		snprintf(segment, sizeof(segment), "%.*s", (int)sn, seg);
		if ((rc = cl_fold(&folded, segment)))
			return rc;
		wordset sw;
		words_of(&sw, folded);
		free(folded);
		size_t at = sw.n;
		for (size_t i = 0; i < sw.n && at == sw.n; i++)
			if (same_word(sw.words[i], head) || name_holds(sw.words[i], head))
				at = i;
		/* (a segment without the head says nothing here) */
		for (size_t i = 0; at < sw.n && i < at && !*other; i++) {
			const char *w = sw.words[i];
			sqlite3_stmt *st = NULL;
			char stem[CL_SEARCH_WORD_MAX + 1];
			int step;
			if (in_words(line, w) || !foodish(w) || is_cooking_word(w) || is_prep_word(w))
				continue;
			cl_search_stem(stem, w, strlen(w));
			rc = lookup_row(&st, &step, p, "SELECT heads FROM search_stat WHERE stem = ?",
					stem, "the word counts");
			*other = !rc && step == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
			if (st)
				sqlite3_reset(st);
			if (rc)
				return rc;
		}
		seg += sn;
	}
	return rc;
}

/*
 * Does the name hold the head noun only in a later segment of its own, to
 * describe the food its first segment names ("Crackers, wheat, sandwich,
 * with cheese filling" is a cracker, not a cheese sandwich)?  Not when the
 * segment holds another word of the line ("Cookies, fig bars"), nor under a
 * first segment that says where a dish was bought rather than what it is
 * (SR's fast foods, restaurant foods and meals: "Fast foods, enchilada").
 */
static bool head_in_later_segment(const cl_food_hit *h, const char *head, const wordset *line)
{
	if (WORD_IN(h->group_code, sold_as_dish))
		return false;
	size_t first = strcspn(h->name, ",;");
	for (const char *seg = h->name + first; *seg;) {
		seg += strspn(seg, ",; ");
		size_t sn = strcspn(seg, ",;");
		char segment[CL_DIARY_MAX_LINE + 1];
		snprintf(segment, sizeof(segment), "%.*s", (int)sn, seg);
		if (name_holds(segment, head)) {
			for (size_t i = 0; i < line->n; i++)
				if (!same_word(line->words[i], head) && strlen(line->words[i]) >= 3 &&
				    name_holds(segment, line->words[i]))
					return false;
			return true;
		}
		seg += sn;
	}
	return false;
}

/*
 * Does the segment after the head's name the kind of dish, as SR writes a
 * dish inverted ("Fast foods, salad, vegetable, tossed, ... with egg" is a
 * vegetable salad, not the line's "egg salad"), by a word the line lacks
 * that alone finds a food SR names by it ("Vegetables, mixed")?  A segment
 * that starts "with" or "without" says what the dish holds, and one like
 * "plain" names no food.
 */
static int kind_after_head(bool *other, cl_parser *p, const char *name, const char *head,
			   const wordset *line)
{
	int rc = CL_OK;
	*other = false;
	for (const char *seg = name; *seg;) {
		size_t sn = strcspn(seg, ",;");
		char segment[CL_DIARY_MAX_LINE + 1];
		snprintf(segment, sizeof(segment), "%.*s", (int)sn, seg);
		seg += sn;
		seg += strspn(seg, ",; ");
		if (!name_holds(segment, head) || !*seg)
			continue;
		char next[48];
		const char *c = seg;
		if (!next_letters(&c, next, sizeof(next)))
			return CL_OK;
		for (char *k = next; *k; k++)
			*k = (char)tolower((unsigned char)*k);
		const char *alone = "";
		const cl_food *af = NULL;
		if (strncmp(next, "with", 4) == 0 || in_words(line, next) || !head_noun(next))
			return CL_OK;
		if ((rc = resolve(&alone, p, next, NULL, NULL, NULL, NULL, NEED_NOTHING)) || !alone[0] ||
		    (rc = food_by_ndb(&af, p, alone)))
			return rc;
		*other = names_first(af->name, next);
		return CL_OK;
	}
	return rc;
}

/*
 * "1 chicken sandwich", "1 cheese enchilada", "2 fig bars": the food the
 * search put first holds an ingredient of the line ("Chicken, ... roasted",
 * "Cheese, mozzarella", "Figs, raw") and lacks its head noun, the last food
 * word, which says what was eaten.  SR often has the dish under that noun
 * ("Fast foods, chicken fillet sandwich, plain", "Cookies, fig bars"), ranked
 * below the ingredients by the search of the whole line.  So the head noun
 * is searched alone, and a food that holds it as a segment's noun and every
 * other food word of the line is chosen instead, the one holding most of
 * the line's words, else the first.  Where none is found, the food stands
 * and the refusals judge it (head_lost(): SR lacks the dish).  *dish is ""
 * when the food stands.
 */
static int dish_named(char dish[8], cl_parser *p, const cl_food *f, const char *food_text,
		      bool inverted)
{
	cl_food_hits hits = {0};
	char *text = NULL;
	int rc;
	dish[0] = '\0';
	if (inverted)
		return CL_OK;
	wordset tw;
	size_t n;
	const char *head;
	if ((rc = head_of(&text, &tw, &n, &head, food_text)))
		return rc;
	bool named = false;
	if (!head_noun(head) || (rc = names_head(&named, p, f, &tw, n)) || named)
		goto cleanup;
	enum { dish_candidates = 100 };
	rc = cl_food_search(&hits, p->db, head, dish_candidates);
	if (rc == CL_EINVAL || rc == CL_ENOTFOUND) { /* nothing SR names by the word */
		cl_error_clear();
		rc = CL_OK;
		goto cleanup;
	}
	if (rc)
		goto cleanup;
	bool for_baby = in_words(&tw, "baby") || in_words(&tw, "babyfood");
	size_t best_held = 0;
	for (size_t k = 0; k < hits.count; k++) {
		const cl_food_hit *h = &hits.hits[k];
		if (strcmp(h->ndb, f->ndb) == 0 || (!for_baby && strcmp(h->group_code, "0300") == 0) ||
		    !head_ends_segment(h, head) || held_describing(h->name, head, &tw, n) ||
		    head_in_later_segment(h, head, &tw))
			continue;
		bool all = true, other_food = false;
		size_t held = 0;
		for (size_t i = 0; i < tw.n; i++) {
			const char *w = tw.words[i];
			/* (held or described, not a slip: "greek salad" is no
			 * "Salad dressing, green goddess") */
			bool in_name = name_holds(h->name, w) || describes(h->name, w) ||
				       (i + 1 < tw.n && name_joins(h->name, w, tw.words[i + 1])) ||
				       (i > 0 && name_joins(h->name, tw.words[i - 1], w));
			held += in_name;
			if (i + 1 < n && head_noun(w) && !in_name)
				all = false;
		}
		/* (the look-ups last, for the few candidates that could win) */
		if (!all || held <= best_held)
			continue;
		if ((rc = other_food_before(&other_food, p, h, head, &tw)))
			goto cleanup;
		if (!other_food && (rc = kind_after_head(&other_food, p, h->name, head, &tw)))
			goto cleanup;
		if (!other_food) {
			best_held = held;
			snprintf(dish, 8, "%s", h->ndb);
		}
	}
cleanup:
	cl_food_hits_free(&hits);
	free(text);
	return rc;
}

/* "and", "with", "plus" between two foods ("&", "+" and "n" are read as
 * "and" by rewrite_line()) */
static bool food_join(const char *w)
{
	return strcmp(w, "and") == 0 || strcmp(w, "with") == 0 || strcmp(w, "plus") == 0;
}

/* Does the word name the food, one of its measures ("with pits", "with
 * skin": a measure or a part of the food), or a part SR weighs apart? */
static bool of_the_food(const cl_food *f, const char *w)
{
	static const char *const parts[] = {"skin", "flesh", "peel", "yolk", "seed", "pit",
					    "bone", "rind", "shell", "fat"};
	char one[48];
	strip_s(one, sizeof(one), w);
	if (name_holds(f->name, w) || describes_or_slip(f->name, w))
		return true;
	for (size_t i = 0; i < f->nmeasures; i++)
		if (describes(f->measures[i].name, w))
			return true;
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		if (strcmp(one, parts[k]) == 0)
			return true;
	return false;
}

/* Could the word be a second food?  Not a measure, a cut, a cooking word
 * or a state; "milk", "butter", "chocolate" may be ("coffee with milk"). */
static bool second_food_word(const char *w)
{
	return (foodish(w) || food_measure_word(w)) && strcmp(measure_alias(w), w) == 0 &&
	       !number_word(w) && !is_prep_word(w) && !is_cooking_word(w) && !state_word(w);
}

/* "on" between a food and what it is served on ("beans on toast"): the
 * search keeps the first and drops the second (served_on() in search.c) */
static bool served_on_join(const char *w)
{
	return food_join(w) || strcmp(w, "on") == 0;
}

/* Does the name hold "on <word>", one word between allowed, as the search
 * reads it ("Corn, ..., kernels on cob", "herring eggs on giant kelp")?
 * Then "on <word>" is the food's, not a second food. */
static bool name_says_on(const char *name, const char *word)
{
	char one[48];
	cl_singular(one, sizeof(one), word);
	size_t n = strlen(one);
	for (const char *s = name; *s; s++) {
		if (strncasecmp(s, " on ", 4) != 0)
			continue;
		const char *w = s + 4;
		for (int gap = 0; gap <= 1 && *w; gap++) {
			if (n > 0 && strncasecmp(w, one, n) == 0)
				return true;
			while (*w && *w != ' ')
				w++;
			while (*w == ' ')
				w++;
		}
	}
	return false;
}

/*
 * "1 gin and tonic", "a bagel with cream cheese", "2 eggs and bacon",
 * "beans on toast": two foods joined on one line.  The search finds one of them and the other
 * would be dropped without a word, so the line is refused, naming both,
 * unless SR has the dish as one food ("Macaroni and cheese", "Soup, ham
 * and lentil": the food's name holds every word).  A word after "with" that
 * says how the food was made ("made with water", "scrambled eggs with
 * milk": a cooking word before it) or what it lacks ("with no milk") is
 * not a second food, nor is a part or measure of the food ("with skin",
 * "cup, with pits").  A word the food's name lacks is a second food only
 * when it alone finds a food named by it ("tonic" is not "gin").
 */
static int two_foods(cl_parser *p, const cl_food *f, const char *food_text)
{
	char *text = NULL;
	int rc = CL_OK;
	if ((rc = cl_fold(&text, food_text)))
		return rc;
	wordset tw;
	words_of(&tw, text);
	size_t join = 0;
	for (size_t i = 1; i + 1 < tw.n && !join; i++)
		if (served_on_join(tw.words[i]))
			join = i;
	if (!join)
		goto cleanup;
	if (strcmp(tw.words[join], "with") == 0) {
		bool how = same_word(tw.words[join + 1], "no") || same_word(tw.words[join + 1], "out");
		for (size_t i = 0; i < join; i++)
			how |= same_word(tw.words[i], "made") || is_cooking_word(tw.words[i]);
		if (how)
			goto cleanup;
	}
	for (size_t i = 0; i < tw.n; i++) {
		const char *w = tw.words[i], *alone = "";
		const cl_food *af = NULL;
		bool named = false;
		if (served_on_join(w) || article(w) || !second_food_word(w) || of_the_food(f, w))
			continue;
		if ((rc = resolve(&alone, p, w, NULL, NULL, NULL, NULL, NEED_NOTHING)))
			goto cleanup;
		if (!alone[0] || strcmp(alone, f->ndb) == 0)
			continue;
		if ((rc = food_by_ndb(&af, p, alone)))
			goto cleanup;
		if ((rc = name_has_word(&named, af, w)))
			goto cleanup;
		if (!named && !name_holds(af->name, w))
			continue;
		if (strcmp(tw.words[join], "on") == 0 && name_says_on(af->name, w))
			continue; /* "corn on the cob": the search read it so */
		rc = cl_error_set(CL_EINVAL,
				  "'%s' is two foods ('%s' is not in %s): write one food a line",
				  food_text, w, f->name);
		goto cleanup;
	}
cleanup:
	free(text);
	return rc;
}

/* "a punnet of strawberries", "a stack of pancakes": the word before "of"
 * is neither a unit nor a measure the parser knows; unless it names the
 * food ("cream of wheat") or alone finds a food it names, it is an amount
 * that would be dropped unread: refused. */
static int unknown_measure(cl_parser *p, const cl_food *f, const char *word)
{
	const char *alone = "";
	const cl_food *af = NULL;
	bool named = false;
	int rc;
	if (!word[0] || !has_letters(word) || strlen(word) < 3)
		return CL_OK;
	if ((rc = name_has_word(&named, f, word)))
		return rc;
	if (named)
		return CL_OK;
	if ((rc = resolve(&alone, p, word, NULL, NULL, NULL, NULL, NEED_NOTHING)))
		return rc;
	if (alone[0] && ((rc = food_by_ndb(&af, p, alone)) || (rc = name_has_word(&named, af, word))))
		return rc;
	if (named)
		return CL_OK;
	return cl_error_set(CL_EINVAL,
			    "'%s' is not an amount the parser knows (the food would be %s); give a"
			    " count, a household measure or grams",
			    word, f->name);
}

/*
 * "3 musketeers bar", "100 grand bar", "three musketeers": a line's first
 * number, followed by the food's words, that SR writes in the food's name
 * before the same word ("Candies, MARS SNACKFOOD US, 3 MUSKETEERS Bar") names
 * the food: it is one of it, not three (they were 180 g and 4.3 kg).
 */
static int number_in_name(line_parts *lp, const cl_food *f, const cl_tokens *t)
{
	double v = 0;
	size_t next = 0;
	bool art = false;
	char why[200], phrase[80], *folded = NULL;
	int rc;
	if (lp->unit || lp->mword[0] || lp->no_amount || t->n < 2 ||
	    !(cl_token_numeric(t->tok[0]) || cl_number_word(t->tok[0])) ||
	    cl_amount_at(t, 0, &v, &next, &art, why, sizeof(why)) != CL_AMOUNT_OK || next != 1 ||
	    v != floor(v) || !has_letters(t->tok[1]) ||
	    strncmp(lp->food_text, t->tok[1], strlen(t->tok[1])) != 0)
		return CL_OK;
	snprintf(phrase, sizeof(phrase), "%.0f %s", v, t->tok[1]);
	if ((rc = cl_fold(&folded, f->name)))
		return rc;
	for (const char *s = strstr(folded, phrase); s; s = strstr(s + 1, phrase)) {
		char after = s[strlen(phrase)];
		if ((s == folded || !isalnum((unsigned char)s[-1])) &&
		    !(isalnum((unsigned char)after) && after != 's')) {
			lp->qty = 1;
			lp->no_amount = true;
			break;
		}
	}
	free(folded);
	return CL_OK;
}

/* "seven up": the food's words are all of one or two letters and the name
 * holds them as a word of its own: a fragment found inside another name,
 * not an abbreviation the search knows ("oj": "Orange juice"). */
static int fragment_only(const cl_food *f, const char *food_text)
{
	char *text = NULL, *name = NULL;
	int rc;
	if ((rc = cl_fold(&text, food_text)) || (rc = cl_fold(&name, f->name)))
		goto cleanup;
	wordset tw, nw;
	words_of(&tw, text);
	words_of(&nw, name);
	bool short_only = tw.n > 0, held = false;
	for (size_t i = 0; i < tw.n; i++) {
		/* ("v8", "a1": a letter and a digit name a product, as SR
		 * writes it, not a piece of a longer word) */
		short_only &= strlen(tw.words[i]) < 3 && !strpbrk(tw.words[i], "0123456789");
		held |= in_words(&nw, tw.words[i]);
	}
	if (short_only && held)
		rc = cl_error_set(CL_EINVAL,
				  "'%s' is too short to name a food (it was found in '%s'); write"
				  " the food's name",
				  food_text, f->name);
cleanup:
	free(text);
	free(name);
	return rc;
}


/* A can, bottle or carton, one or several ("2 cans of lemonade", "tins"):
 * its singular goes to one[48], for the messages. */
static bool drink_container(const char *mword, char *one)
{
	static const char *const c[] = {"can", "bottle", "carton"};
	measure_singular(one, 48, mword);
	return WORD_IN(one, c);
}
/*
 * "1 can of lemonade", "1 can of orange juice": a can, bottle or carton of a
 * drink holds the drink.  When the only food of that name SR weighs by the
 * container is the concentrate, powder or mix sold to be made up ("Lemonade,
 * frozen concentrate", 438 g a can, about eight glasses made up) and the line
 * names none of that, the line is refused rather than weighed as it.
 */
static int container_of_concentrate(const cl_food *f, const line_parts *lp)
{
	static const char *const made_up[] = {"concentrate", "powder", "mix"};
	char *name = NULL, *text = NULL;
	int rc;
	char one[48];
	if (lp->unit || !drink_container(lp->mword, one))
		return CL_OK;
	if ((rc = cl_fold(&name, f->name)) || (rc = cl_fold(&text, lp->food_text)))
		goto cleanup;
	wordset nw, tw;
	words_of(&nw, name);
	words_of(&tw, text);
	/* (a word: "undiluted" is the concentrate) */
	if (in_words(&nw, "prepared") || in_words(&nw, "diluted") || in_words(&nw, "reconstituted"))
		goto cleanup;
	for (size_t k = 0; k < sizeof(made_up) / sizeof(made_up[0]); k++)
		if (in_words(&nw, made_up[k]) && !in_words(&tw, made_up[k])) {
			rc = cl_error_set(CL_EINVAL,
					  "the only %s SR weighs by the %s is '%s', sold to be made"
					  " up; say %s if it was, else give the amount in fl oz or ml",
					  lp->food_text, one, f->name, made_up[k]);
			break;
		}
cleanup:
	free(name);
	free(text);
	return rc;
}

/*
 * "1 bottle of water", "1 can of iced tea": an unsized container of a food
 * SR weighs by the container only under brands ("Water, bottled, PERRIER",
 * "bottle 6.5 fl oz"; Poland Spring's 16.9, Dasani's 20) is as large as the
 * brand the search put first, which the line does not name.  A brand is a
 * word SR writes in capitals; when the line names none of the food's, it is
 * refused, asking for the size.
 */
static int brand_container(const cl_food *f, const line_parts *lp, bool labelled)
{
	char *text = NULL;
	int rc;
	/* ("1 bottle water (500 ml)": the label gives the size) */
	char one[48];
	if (lp->unit || labelled || !drink_container(lp->mword, one))
		return CL_OK;
	if ((rc = cl_fold(&text, lp->food_text)))
		return rc;
	bool branded = false, named = false;
	for (const char *c = f->name; *c;) {
		char w[48];
		size_t n = 0;
		bool upper = true;
		while (*c && !isalpha((unsigned char)*c))
			c++;
		while (isalpha((unsigned char)*c) || *c == '\'') {
			upper &= !islower((unsigned char)*c);
			if (n < sizeof(w) - 1 && isalpha((unsigned char)*c))
				w[n++] = (char)tolower((unsigned char)*c);
			c++;
		}
		w[n] = '\0';
		if (n < 3 || !upper)
			continue;
		branded = true;
		named |= has_word_or_slip(text, w);
	}
	if (branded && !named)
		rc = cl_error_set(CL_EINVAL,
				  "SR weighs a %s of %s only by brand ('%s'), and the line names no"
				  " brand; give its size (e.g. '500 ml', '12 fl oz')",
				  one, lp->food_text, f->name);
	free(text);
	return rc;
}

/* "1 hot dog in a bun", "1 frankfurter in a roll": the food's last word
 * is the bread it was served in ("in" or "on", an article or not), which
 * the search reads as SR's sandwich (bun_sandwich() in search.c); when the
 * food found is weighed by SR's "sandwich", the count counts sandwiches,
 * not buns.  (Another food found so stays refused for its bun: "2
 * sausages in rolls" is no griddle cake sandwich; so does a sandwich "with"
 * a part the line did not say: "1 chicken burger in a bun" is no "chicken
 * fillet sandwich, with cheese".) */
static bool served_in_bread(const line_parts *lp, const cl_food *f)
{
	const char *last = strrchr(lp->food_text, ' ');
	char before[CL_DIARY_MAX_LINE + 1];
	if (!last || !food_measure_word(last + 1) || !measure_starting(f, "sandwich", NULL) ||
	    (strstr(f->name, " with ") && !strstr(lp->food_text, "with")))
		return false;
	snprintf(before, sizeof(before), "%.*s", (int)(last - lp->food_text), lp->food_text);
	char *w = before + strlen(before);
	for (int words = 0; words < 2; words++) {
		while (w > before && w[-1] != ' ')
			w--;
		if (!article(w))
			break;
		*w = '\0';
		while (w > before && w[-1] == ' ')
			*--w = '\0';
	}
	return w > before && (strcmp(w, "in") == 0 || strcmp(w, "on") == 0);
}

/* "1 brioche bun" was one 40 g slice of egg bread: the line's last word is
 * a piece that is a food of its own ("bun", "roll", "muffin", "cookie",
 * "tortilla", "biscuit", "sandwich"); when the food's name lacks it and SR
 * gives no measure of that piece (SR weighs buns as "roll"), the food's
 * slice or serving would be weighed in its place. */
static int piece_not_weighed(const cl_food *f, const line_parts *lp)
{
	const char *last = strrchr(lp->food_text, ' ');
	char piece[48];
	last = last ? last + 1 : lp->food_text;
	if (lp->unit || lp->mword[0] || !food_measure_word(last) ||
	    strcmp(lp->food_text, last) == 0)
		return CL_OK;
	if (served_in_bread(lp, f))
		return CL_OK;
	strip_s(piece, sizeof(piece), measure_alias(last));
	if (name_holds(f->name, last) || name_holds(f->name, piece) ||
	    measure_starting(f, piece, NULL) || names_measure(f, piece))
		return CL_OK;
	return no_such_measure(f, last, "");
}

/* Tries the food text, then (if nothing matches) without the words that match nothing. */
static int find_food(const char **ndb, cl_parser *p, const line_parts *lp)
{
	/* "a serving of rice", "a portion of chips": a portion of no set size
	 * says nothing of which food it is (it is weighed by the food's own
	 * serving, or refused); it must not choose a cereal or a cookie dough
	 * because SR names one of their measures "serving" or "portion" */
	const char *mw = lp->mword[0] && !vague_word(lp->mword) ? lp->mword : NULL;
	char mws[48] = "", fws[48] = "";
	need vol = lp->unit ? (lp->unit->kind == CL_UNIT_VOLUME ? NEED_VOLUME : NEED_NOTHING)
			    : mw ? NEED_MEASURE : NEED_COUNT;
	int rc;
	if (mw)
		measure_singular(mws, sizeof(mws), mw);
	cl_singular(fws, sizeof(fws), lp->food_word);
	const char *fw = fws[0] ? fws : NULL;
	const char *pw = lp->prep[0] ? lp->prep : NULL;
	/* The spoons SR measures powders and dry foods in (a cup or fl oz
	 * already counts through the volume measure; an oz measure is as
	 * often a can's or a serving's, so it says nothing of the form), and
	 * the pound and kilogram food is bought in, and the bowl a dish is
	 * eaten from */
	const char *uw = NULL;
	if (lp->unit && (strcmp(lp->unit->name, "tsp") == 0 || strcmp(lp->unit->name, "tbsp") == 0 ||
			 strcmp(lp->unit->name, "lb") == 0 || strcmp(lp->unit->name, "kg") == 0 ||
			 strcmp(lp->unit->name, "bowl") == 0))
		uw = lp->unit->name;
	/* "mashed potatoes", "ground beef": a word saying a food was made into
	 * something else names the food when SR names a food by it; otherwise
	 * ("ground flaxseed"), like a cut ("sliced banana", "pineapple chunks"
	 * are fresh fruit), it only picks the measure. */
	static const char *const makes[] = {"mashed", "ground", "grated", "crushed", "minced",
					    "shredded"};
	bool made = false;
	for (size_t i = 0; i < sizeof(makes) / sizeof(makes[0]); i++)
		made |= strcmp(lp->prep, makes[i]) == 0;
	/* (the word first, then before each later word of the food, as it
	 * may have been written: "lean minced beef, cooked" is read by the
	 * search's "minced beef", which "minced lean beef" breaks) */
	const char *at = lp->food_text;
	for (; made && at; at = strchr(at + 1, ' ')) {
		char with[CL_DIARY_MAX_LINE + 64];
		const char *cand = "";
		const cl_food *f = NULL;
		if (at == lp->food_text)
			snprintf(with, sizeof(with), "%s %s", lp->prep, lp->food_text);
		else
			snprintf(with, sizeof(with), "%.*s %s%s", (int)(at - lp->food_text),
				 lp->food_text, lp->prep, at);
		if ((rc = resolve(&cand, p, with, mws[0] ? mws : NULL, fw, uw, pw, vol)))
			return rc;
		if (cand[0] && (rc = food_by_ndb(&f, p, cand)))
			return rc;
		/* ... and every word of the food ("ground flax" is not ground pork) */
		/* British "minced" meat is SR's "ground" */
		bool all = f && (describes(f->name, lp->prep) ||
				 (strcmp(lp->prep, "minced") == 0 && describes(f->name, "ground")));
		char words[CL_DIARY_MAX_LINE + 1];
		snprintf(words, sizeof(words), "%s", lp->food_text);
		/* (a word or its synonym's wording: "mashed tatties" are
		 * "Potatoes, mashed", as the search reads them) */
		for (char *save = NULL, *w = strtok_r(words, " ", &save); w && all;
		     w = strtok_r(NULL, " ", &save))
			if (!(all = describes(f->name, w)) && (rc = synonym_names(&all, p, f, w)))
				return rc;
		/* ... and not a food sold canned, frozen or dried when the line
		 * says none of that: "mashed sweet potato" was mashed at home,
		 * not "Sweet potato, canned, mashed" */
		if (all) {
			wordset nw, lw;
			char *fname = NULL, *fline = NULL;
			if ((rc = cl_fold(&fname, f->name)) || (rc = cl_fold(&fline, with))) {
				free(fname);
				return rc;
			}
			words_of(&nw, fname);
			words_of(&lw, fline);
			for (size_t i = 0; i < nw.n && all; i++)
				all = !sold_state(nw.words[i]) || in_words(&lw, nw.words[i]);
			free(fname);
			free(fline);
		}
		if (all) {
			*ndb = cand;
			return CL_OK;
		}
	}
	if ((rc = resolve(ndb, p, lp->food_text, mws[0] ? mws : NULL, fw, uw, pw, vol)) || (*ndb)[0])
		return rc;
	/* Drop words that find nothing alone (typos, stray words). */
	char kept[CL_DIARY_MAX_LINE + 1] = "", copy[CL_DIARY_MAX_LINE + 1];
	char *words[64];
	size_t len = 0, nwords = 0, dropped = 0;
	bool food_kept = false;
	snprintf(copy, sizeof(copy), "%s", lp->food_text);
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && nwords < 64;
	     w = strtok_r(NULL, " ", &save)) {
		const char *alone;
		words[nwords++] = w;
		if ((rc = resolve(&alone, p, w, NULL, NULL, NULL, NULL, NEED_NOTHING)))
			return rc;
		if (!alone[0]) {
			dropped++;
			continue;
		}
		food_kept |= foodish(w);
		len += (size_t)snprintf(kept + len, sizeof(kept) - len, "%s%s", len ? " " : "", w);
	}
	if (dropped == nwords || !food_kept) /* "café au lait" is not "au" */
		return CL_OK;
	if (dropped && ((rc = resolve(ndb, p, kept, mws[0] ? mws : NULL, fw, uw, pw, vol)) || (*ndb)[0]))
		return rc;
	/* Then each word in turn, from the first: "black coffee" is coffee. */
	for (size_t skip = 0; nwords > 1 && skip < nwords; skip++) {
		bool food_left = false;
		len = 0;
		kept[0] = '\0';
		for (size_t i = 0; i < nwords; i++) {
			if (i == skip)
				continue;
			len += (size_t)snprintf(kept + len, sizeof(kept) - len, "%s%s", len ? " " : "",
						words[i]);
			food_left |= foodish(words[i]);
		}
		if (!food_left) /* "grapefruit half" is not "half" */
			continue;
		if ((rc = resolve(ndb, p, kept, mws[0] ? mws : NULL, fw, uw, pw, vol)) || (*ndb)[0])
			return rc;
	}
	return CL_OK;
}

/* ---- brackets and words rewritten before the line is read --------------- */

/* What a bracket in the line said: a weight or volume the person gives
 * ("(1.5 oz)", "(400 g)"); a size ("(10 inch)") or words ("(tinned in oil)")
 * stay in the line and are read as such. */
typedef struct {
	double qty;          /* the amount in the bracket */
	const cl_unit *unit; /* its mass or volume unit; NULL: no weight given */
	char text[64];       /* the bracket as written, for messages */
	char portion[32];    /* "1/8 of 9\"": the piece SR names "piece (1/8 of 9\" dia)" */
	char count[64];      /* "(half fillet)", "(2 slices)": a count of a piece, the
			      * line's amount when none is written outside */
	bool bare;           /* written without brackets, after a vessel (vessel_label()) */
	char last_kept[48];  /* the last word of the last bracket kept as words ("hass"
			      * of "(hass)"), "" if none */
} bracket;

/* Containers are labelled with what one holds: "2 cans (400 g)" is two 400 g
 * cans, not 400 g in all. */
static bool container_word(const char *w)
{
	static const char *const c[] = {"can", "tin", "box", "bottle", "container", "carton",
					"packet", "package", "pouch", "jar", "bag", "bar",
					"tub", "pot", "sachet", "envelope", "pack", "tray", "punnet"};
	char s[48];
	strip_s(s, sizeof(s), w);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		if (strcmp(c[i], s) == 0 || strcmp(c[i], w) == 0)
			return true;
	return false;
}

/* Reads one bracket's text: a weight or volume goes into *br and the bracket
 * leaves the line (*keep false); a size, a fraction of a piece ("1/8 of a
 * lemon", which only says what the piece is) or plain words are handled as
 * the line's own words or dropped; any other number is refused. */
static int read_bracket(bracket *br, bool *keep, const char *text, size_t len)
{
	char in[128], why[200] = "";
	cl_tokens t = {0};
	size_t next = 0, used = 0;
	double q = 0;
	bool art = false, numbers = false;
	int rc = CL_OK;

	*keep = true;
	for (size_t i = 0; i < len && !numbers; i++)
		numbers = isdigit((unsigned char)text[i]) != 0;
	if (!numbers && len >= sizeof(in))
		return CL_OK; /* many words and no digit: words of the food */
	numbers = false;
	if (len >= sizeof(in))
		return cl_error_set(CL_EINVAL, "the bracket '(%.40s...)' is too long", text);
	memcpy(in, text, len);
	in[len] = '\0';
	if ((rc = cl_tokenize(&t, in)))
		return rc;
	/* ("(half fillet)": a fraction word is an amount, not a word of the food) */
	static const char *const fraction_words[] = {"half", "quarter", "third"};
	/* ("(1%)", "(2% fat)": a milk's fat is a word of the food, as in "1%
	 * milk"; cl_amount_at() reads no amount in it either) */
	for (size_t i = 0; i < t.n; i++)
		numbers |= (cl_token_numeric(t.tok[i]) && !strchr(t.tok[i], '%')) ||
			   number_word(t.tok[i]) || strcmp(t.tok[i], "hundred") == 0 ||
			   WORD_IN(t.tok[i], fraction_words);
	if (!numbers)
		goto cleanup; /* "(tinned in oil)", "(frozen)": words of the food */
	/* "(1/8 of 9 inch pie)", "(1/6 of a cake)": which piece, as SR names
	 * its pieces ("piece (1/8 of 9\" dia)"); the weighing takes that
	 * measure where the food has it */
	if (t.n >= 3 && strchr(t.tok[0], '/') && cl_token_numeric(t.tok[0]) &&
	    strcmp(t.tok[1], "of") == 0) {
		size_t sizes = 0, i = 2;
		char size[16] = "";
		for (; i < t.n; i++) {
			if (cl_token_numeric(t.tok[i]) && i + 1 < t.n && size_unit(t.tok[i + 1]) &&
			    !sizes++ && strlen(t.tok[i]) < 8) {
				snprintf(size, sizeof(size), " %s\"", t.tok[i]);
				i++;
			} else if (cl_token_numeric(t.tok[i]) || number_word(t.tok[i])) {
				break;
			}
		}
		if (i == t.n && sizes <= 1 && strlen(t.tok[0]) < 8) {
			snprintf(br->portion, sizeof(br->portion), "%s of%s", t.tok[0], size);
			*keep = false;
			goto cleanup;
		}
	}
	cl_amount_status st = cl_amount_at(&t, 0, &q, &next, &art, why, sizeof(why));
	if (st == CL_AMOUNT_BAD) {
		rc = cl_error_set(CL_EINVAL, "%s", why);
		goto cleanup;
	}
	if (st == CL_AMOUNT_OK && !art) {
		const cl_unit *u = cl_unit_at(&t, next, &used);
		if (u && !u->assumption && next + used == t.n) {
			if (br->unit) {
				rc = cl_error_set(CL_EINVAL,
						  "two weights in brackets ('(%s)' and '(%.*s)'); "
						  "give one", br->text, (int)len, text);
				goto cleanup;
			}
			br->qty = q;
			br->unit = u;
			snprintf(br->text, sizeof(br->text), "%.*s", (int)len, text);
			*keep = false;
			goto cleanup;
		}
		/* "(1/8 of a lemon)": what the piece is, said another way */
		if (!u && q < 1 && next > 1 && strcmp(t.tok[next - 2], "of") == 0) {
			bool words = next < t.n;
			for (size_t i = next; i < t.n; i++)
				words &= !cl_token_numeric(t.tok[i]);
			if (words) {
				*keep = false;
				goto cleanup;
			}
		}
		/* "(10 inch)", "(2 1/2 inch)": a size, read with the line */
		if (!u && next < t.n && size_unit(t.tok[next]) && next + 1 == t.n)
			goto cleanup;
		/* "(half fillet)", "(2 slices)", "(1 large ear)": a count of a
		 * piece, read as an amount after the food (parse_free refuses it
		 * when the line has its own amount) */
		size_t piece = next + (next + 1 < t.n && piece_size_word(t.tok[next]));
		/* ... or of a size alone, "(6 large)": "strawberries, 6 large" */
		bool sized = (next + 1 == t.n && size_word(t.tok[next])) ||
			     (next + 2 == t.n && strcmp(t.tok[next], "extra") == 0 &&
			      size_word(t.tok[next + 1]));
		if (!u && !br->count[0] &&
		    (sized || (piece + 1 == t.n && is_measure_word(t.tok[piece]) &&
			       !piece_size_word(t.tok[piece])))) {
			snprintf(br->count, sizeof(br->count), "%.*s", (int)len, text);
			*keep = false;
			goto cleanup;
		}
	}
	rc = cl_error_set(CL_EINVAL,
			  "'(%.*s)': a bracket may give a weight ('(150 g)'), a volume, a size "
			  "('(10 inch)') or words, not this",
			  (int)len, text);
cleanup:
	cl_tokens_free(&t);
	return rc;
}

/* Is s (length n) at p in line, case-insensitive, as whole words? */
static bool words_at(const char *line, const char *p, const char *s)
{
	size_t n = strlen(s);
	if (strncasecmp(p, s, n) != 0)
		return false;
	if (p > line && isalnum((unsigned char)p[-1]))
		return false;
	return !isalnum((unsigned char)p[n]);
}

/* Notes the last word of a bracket kept as words, "hass" of "(hass)", for
 * parse_free(), which reads it as a word after a comma when it ends the
 * food's words ("(10 inch)" never does: its size leaves them). */
static void kept_word(bracket *br, const char *text, size_t len)
{
	size_t end = len, start;
	while (end && !isalpha((unsigned char)text[end - 1]))
		end--;
	start = end;
	while (start && isalpha((unsigned char)text[start - 1]))
		start--;
	br->last_kept[0] = '\0';
	if (end > start && end - start < sizeof(br->last_kept))
		snprintf(br->last_kept, sizeof(br->last_kept), "%.*s", (int)(end - start), text + start);
}

/*
 * The line with its brackets read (a weight into *br; a bracket kept is
 * written as its words), "half & half" / "half and half" written as one
 * word (it is a food, SR "Cream, fluid, half and half", and its first "half"
 * is not an amount), "lg", "med", "sm", "x-large" spelled out, "without
 * skin" or "no peel" written "skinless" and "peeled", and "from a can"
 * written "canned".
 */
static int rewrite_line(char *out, size_t cap, bracket *br, const char *line)
{
	/* "half & half" is a food; short size words and "x-large" are the
	 * sizes SR spells out */
	static const struct {
		const char *from, *to;
	} words[] = {
		{"half & half", " half-and-half "},   {"half and half", " half-and-half "},
		{"half n half", " half-and-half "},   {"half 'n' half", " half-and-half "},
		{"half-n-half", " half-and-half "},   {"half + half", " half-and-half "},
		{"extra-small", "extra small"},       {"extra-large", "extra large"},
		{"x-small", "extra small"},           {"x-large", "extra large"},
		{"xl", "extra large"},                {"lg", "large"},
		{"lge", "large"},                     {"med", "medium"},
		{"sm", "small"},                      {"sml", "small"},
		/* one word for the search, which otherwise wants "skin" in
		 * the name ("baked potato without skin" found only the skin) */
		{"without skin", "skinless"},         {"no skin", "skinless"},
		{"without the skin", "skinless"},     {"skin removed", "skinless"},
		{"without peel", "peeled"},           {"no peel", "peeled"},
		/* "chicken drumstick x2, skin on": SR's "with skin" (skin_phrase()
		 * reads "with the skin on"; "skin on" alone found the skin) */
		{"with the skin on", "with the skin on"}, {"with skin on", " with skin "},
		{"with skin-on", " with skin "},      {"skin on", " with skin "},
		{"skin-on", " with skin "},
		/* where the food came from is how it was sold: SR's "canned"
		 * ("black beans from a can": "Beans, ..., canned") */
		{"from a can", " canned "},           {"from the can", " canned "},
		{"from a tin", " canned "},           {"from the tin", " canned "},
		{"out of a can", " canned "},         {"out of the can", " canned "},
		{"out of a tin", " canned "},         {"from can", " canned "},
		/* two foods joined ("gin & tonic", "apple + peanut butter", "mac
		 * n cheese") are read as joined by "and" (two_foods()) */
		{"&", " and "},                       {"+", " and "},
		{"'n'", " and "},                     {"n", " and "},
	};
	/* the adverb of the size SR gives a slice ("slice, thin"): "thinly
	 * sliced pineapple, 2 slices" as "thin sliced"; before the amount only
	 * (after it, "1 cup thinly sliced" is a cut, which picks "cup, sliced") */
	static const struct {
		const char *from, *to;
	} lead[] = {
		{"thinly sliced", "thin sliced"},     {"thickly sliced", "thick sliced"},
		{"thinly-sliced", "thin sliced"},     {"thickly-sliced", "thick sliced"},
	};
	size_t o = 0;
	int rc;
	memset(br, 0, sizeof(*br));
	/* the lead rewrites hold only before the amount: before the first digit */
	const char *first_digit = line + strcspn(line, "0123456789");
	for (const char *p = line; *p;) {
		const char *piece = NULL;
		size_t skip = 1, plen = 1;
		bool amount_seen = p > first_digit;
		for (size_t k = 0; k < sizeof(lead) / sizeof(lead[0]) && !piece && !amount_seen; k++)
			if (words_at(line, p, lead[k].from)) {
				piece = lead[k].to;
				plen = strlen(piece);
				skip = strlen(lead[k].from);
			}
		for (size_t k = 0; k < sizeof(words) / sizeof(words[0]) && !piece; k++)
			if (words_at(line, p, words[k].from)) {
				piece = words[k].to;
				plen = strlen(piece);
				skip = strlen(words[k].from);
			}
		const char *close = *p == '(' ? strchr(p, ')') : NULL;
		if (!piece && close) {
			bool keep;
			bracket before = *br;
			if ((rc = read_bracket(br, &keep, p + 1, (size_t)(close - p - 1))))
				return rc;
			/* "2 x (3 oz)": the weight of each of a count, as "2 x 3 oz" */
			size_t b = o;
			while (b && out[b - 1] == ' ')
				b--;
			if (!keep && ((b >= 2 && out[b - 1] == 'x' && !isalpha((unsigned char)out[b - 2])) ||
				      (b >= 2 && (unsigned char)out[b - 2] == 0xc3 &&
				       (unsigned char)out[b - 1] == 0x97))) {
				*br = before;
				keep = true;
			}
			if (keep)
				kept_word(br, p + 1, (size_t)(close - p - 1));
			/* "salmon (half fillet)": as "salmon, half fillet" */
			bool counted = !before.count[0] && br->count[0];
			piece = keep ? p + 1 : counted ? br->count : " ";
			plen = keep ? (size_t)(close - p - 1) : counted ? strlen(br->count) : 1;
			if (counted && o + 3 < cap) {
				memcpy(out + o, " , ", 3);
				o += 3;
			}
			skip = (size_t)(close - p) + 1;
		}
		if (!piece) {
			piece = p;
			plen = 1;
		}
		/* a kept bracket's words stand apart from the words around them */
		bool pad = close != NULL;
		if (o + plen + 3 > cap)
			return cl_error_set(CL_EINVAL, "the line is too long");
		if (pad)
			out[o++] = ' ';
		memcpy(out + o, piece, plen);
		o += plen;
		if (pad)
			out[o++] = ' ';
		p += skip;
	}
	out[o] = '\0';
	return CL_OK;
}

/*
 * A weight in brackets is the person's own weight and replaces the measure:
 * "1 small box raisins (1.5 oz)" is 1.5 oz.  With a count of containers it
 * is the weight of each ("2 cans (400 g)": a can's label); with any other
 * count or amount it is what was eaten in all ("2 eggs (110 g)", "1 cup
 * (240 ml)").  The reading is said whenever the count is not one.
 */
/* Does SR's measure name carry the bracket's size, as "can (12 oz) yields"
 * and "small box (1.5 oz)" do, or right after its first word, as Red
 * Bull's "can 8.4 fl oz" does? */
static bool labelled_as(const cl_measure *m, const bracket *br)
{
	const char *open = strchr(m->name, '(');
	const char *close = open ? strchr(open, ')') : NULL;
	char in[64], why[100];
	cl_tokens t = {0};
	size_t next = 0, used = 0;
	double q = 0;
	bool art = false, same = false;
	if (!open) { /* "can 8.4 fl oz": the label is the rest of the name */
		open = m->name + strcspn(m->name, " ");
		close = open + strlen(open);
		if (!*open || !isdigit((unsigned char)open[1]))
			return false;
	}
	if (!close || (size_t)(close - open) >= sizeof(in))
		return false;
	snprintf(in, sizeof(in), "%.*s", (int)(close - open - 1), open + 1);
	if (cl_tokenize(&t, in)) {
		cl_error_clear();
		return false;
	}
	if (cl_amount_at(&t, 0, &q, &next, &art, why, sizeof(why)) == CL_AMOUNT_OK && !art) {
		const cl_unit *u = cl_unit_at(&t, next, &used);
		same = u == br->unit && next + used == t.n && fabs(q - br->qty) <= 0.01 * br->qty;
	}
	cl_tokens_free(&t);
	return same;
}

/* "1 slice apple pie (1/8 of 9 inch pie)": a count of the piece the bracket
 * names, where the food has it ("piece (1/8 of 9\" dia)", "pie 1 pie (1/8
 * of 9\" pie)"); NULL if it has none, and the bracket said only what the
 * counted piece is. */
static const cl_measure *portion_measure(const cl_food *f, const line_parts *lp,
					 const bracket *br)
{
	if (!br->portion[0] || lp->unit)
		return NULL;
	/* (one piece a measure: Dutch apple pie's "pie 1 pie (1/8 of 9\" pie)"
	 * is 0.125 of a pie, which a count of slices would read as pies) */
	for (size_t i = 0; i < f->nmeasures; i++)
		if (f->measures[i].amount == 1 && strstr(f->measures[i].name, br->portion))
			return &f->measures[i];
	return NULL;
}

/* "1 can (12 oz)", "1 small box (1.5 oz)": the size on a container's label
 * picks SR's measure of that container labelled the same, which says what
 * it holds once drained ("can (12 oz) yields" 211 g of corn); NULL if SR has
 * none. */
static const cl_measure *labelled_measure(const cl_food *f, const line_parts *lp,
					  const bracket *br)
{
	char piece[48];
	if (!br->unit || lp->unit || !lp->mword[0] || !container_word(lp->mword))
		return NULL;
	measure_singular(piece, sizeof(piece), lp->mword);
	for (size_t i = 0; i < f->nmeasures; i++) {
		const cl_measure *m = &f->measures[i];
		if (describes(m->name, piece) &&
		    (!lp->piece_size[0] || describes(m->name, lp->piece_size)) && labelled_as(m, br))
			return m;
	}
	return NULL;
}

/* Words of a name saying only the form a food is sold in ("canned",
 * "chunky", "ready-to-serve", "condensed"), not a kind of it ("manhattan
 * style", "chicken rice") or a grade ("reduced sodium", "low fat"). */
static bool form_word(const char *w)
{
	static const char *const forms[] = {"canned", "chunky",    "ready",     "to",
					    "serve",  "condensed", "undiluted", "frozen"};
	return WORD_IN(w, forms);
}

/* Is every word of name a that b lacks a form word (form_word()), or in a
 * segment saying how it was made up ("prepared with equal volume water")?
 * ("Soup, chunky chicken noodle, canned, ready-to-serve" against "Soup,
 * chicken noodle, canned, condensed": yes.) */
static bool words_form_only(const char *a, const char *b)
{
	char *fb = NULL;
	wordset bw, sw;
	if (cl_fold(&fb, b) != CL_OK)
		return false; /* (out of memory: no other food, as before) */
	words_of(&bw, fb);
	free(fb);
	for (const char *s = a; *s;) {
		while (*s == ' ')
			s++;
		segment_words(&sw, s);
		for (size_t i = 0; i < sw.n && !(i == 0 && same_word(sw.words[0], "prepared"));
		     i++)
			if (!in_words(&bw, sw.words[i]) && !form_word(sw.words[i]))
				return false;
		s += strcspn(s, ",");
		s += *s == ',';
	}
	return true;
}

/*
 * "minestrone, 1 can (19 oz)": a container's label that the food chosen
 * does not write, but another food holding every word of the line and
 * differing from the chosen one only in its form (words_form_only()
 * both ways) does, picks that food: SR writes a can's size in the form it
 * is sold in ("can (19 oz)" is the ready-to-serve minestrone, "can (10.5
 * oz)" the condensed one).  Never another variety or grade the line did
 * not ask for: `tomato soup 1 can (10.75 oz)` is not the reduced sodium
 * soup, `clam chowder, 1 can (19 oz)` not the manhattan style one.  The
 * first such food in the search's order; *f stays when there is none.
 */
static int labelled_food(const cl_food **f, cl_parser *p, const line_parts *lp,
			 const bracket *br)
{
	cl_food_hits hits = {0};
	char *folded = NULL;
	int rc = CL_OK;
	if (!br->unit || lp->unit || !lp->mword[0] || !container_word(lp->mword) ||
	    labelled_measure(*f, lp, br))
		return CL_OK;
	if ((rc = cl_fold(&folded, lp->food_text)))
		return rc;
	rc = cl_food_search(&hits, p->db, folded, SEARCH_CANDIDATES);
	if (rc == CL_EINVAL) { /* nothing searchable in the words */
		cl_error_clear();
		rc = CL_OK;
	}
	wordset tw;
	words_of(&tw, folded);
	for (size_t i = 0; rc == CL_OK && i < hits.count; i++) {
		const cl_food_hit *h = &hits.hits[i];
		const cl_food *fc = NULL;
		/* (so no kind "with" a food the line lacks either: "bean soup"
		 * is no "bean with ham") */
		bool all = strcmp(h->ndb, (*f)->ndb) != 0 &&
			   words_form_only(h->name, (*f)->name) &&
			   words_form_only((*f)->name, h->name);
		for (size_t k = 0; k < tw.n && all; k++)
			all = name_holds(h->name, tw.words[k]);
		if (!all || (rc = food_by_ndb(&fc, p, h->ndb)))
			continue;
		if (fc && labelled_measure(fc, lp, br)) {
			*f = fc;
			break;
		}
	}
	cl_food_hits_free(&hits);
	free(folded);
	return rc;
}

static int apply_bracket(line_parts *lp, cl_diary_line *out, const bracket *br)
{
	int rc = CL_OK;
	if (!br->unit || lp->labelled)
		return CL_OK;
	char one[48];
	measure_singular(one, sizeof(one), lp->mword);
	bool each = !lp->unit && lp->mword[0] && container_word(lp->mword);
	double count = lp->no_amount ? 1 : lp->qty;
	const char *open = br->bare ? "" : "(", *close = br->bare ? "" : ")";
	if (each && count != 1)
		rc = set_assumption(out, "'%s%s%s' is taken as the amount in each %s", open,
				    br->text, close, one);
	else if (count > 1)
		rc = set_assumption(out, "'%s%s%s' is taken as the amount of all %g", open,
				    br->text, close, count);
	else if (count != 1) { /* part of one: the amount eaten, not the whole's size */
		const char *whole = lp->unit ? lp->unit->name : one[0] ? one : lp->food_word;
		rc = set_assumption(out, "'%s%s%s' is taken as the amount of the %g %s", open,
				    br->text, close, count, whole[0] ? whole : "portion");
	}
	lp->qty = each ? count * br->qty : br->qty;
	lp->unit = br->unit;
	lp->no_amount = lp->article = lp->couple = false;
	lp->mword[0] = lp->mword2[0] = lp->piece_size[0] = lp->size[0] = '\0';
	return rc;
}

/* "1 slice apple pie (1/8 of 9 inch pie)": SR names a fraction of a whole
 * a "piece" ("piece (1/8 of 9\" dia)"), so the slice is read as a piece
 * when the food found for a piece has the piece the bracket names; else
 * the slice stands (a slice of another size is no answer). */
static int portion_piece(line_parts *lp, cl_parser *p, const bracket *br)
{
	char slice[48];
	const char *ndb = "";
	const cl_food *f = NULL;
	int rc;
	measure_singular(slice, sizeof(slice), lp->mword);
	if (!br->portion[0] || lp->unit || lp->piece_size[0] ||
	    (strcmp(slice, "slice") != 0 && strcmp(slice, "wedge") != 0))
		return CL_OK;
	line_parts piece = *lp;
	snprintf(piece.mword, sizeof(piece.mword), "piece");
	if ((rc = find_food(&ndb, p, &piece)))
		return rc;
	if (!ndb[0] || (rc = food_by_ndb(&f, p, ndb)))
		return rc;
	if (portion_measure(f, &piece, br))
		memcpy(lp->mword, piece.mword, sizeof(lp->mword));
	return CL_OK;
}

/*
 * "glass of white wine 175ml", "1 carton orange juice 0.25 l", "a bottle of
 * beer 330 ml": a vessel or package counted first (or not counted) and a
 * weight or volume ending the line are one amount, not two: the weight or
 * volume is what the vessel held, read as a label in brackets is ("(175
 * ml)"), and the vessel word still says how the food came (a can is canned,
 * a glass is a drink).  With a count of packages other than one it is each
 * one's label, as in brackets; with a count of glasses, mugs or bowls above
 * one it may be each one's or all of theirs, so the line is refused, while
 * part of one ("half a glass of wine 175 ml") has no each: the amount is
 * what was drunk.  A joining word ("with", "and", "plus", "w/") between
 * the vessel and the amount leaves the line as written: the amount may be
 * the second food's ("glass of milk with chocolate syrup 2 tbsp"), and the
 * line is refused for its second amount.  An "oz" is a weight here as
 * anywhere ("glass of wine 6 oz" as "wine 6 oz"); "fl oz" is the volume.
 * A size before the vessel ("a large glass of red wine 250 ml") is what the
 * amount says exactly; one of any other word before "of" ("a punnet of
 * strawberries 250 g", "a slice of cake 100 g") is read as one package.
 * Sets *n to the tokens left for the line and fills *br, or for one
 * package *from to where the line starts without its count; leaves them
 * when the line is not so (or already has a bracketed weight).
 */
/* A word joining a second food to the vessel's ("and", "with", "plus";
 * "&" and "+" are read as "and" by rewrite_line(), "w/" stays a word) */
static bool vessel_join(const char *w)
{
	return food_join(w) || strcmp(w, "w/") == 0 || strcmp(w, "w") == 0;
}

static int vessel_label(size_t *from, size_t *n, bracket *br, const cl_tokens *t)
{
	double count = 1, q = 0;
	size_t v = 0, next = 0, used = 0;
	bool art = false;
	char why[200];
	if (br->unit || br->count[0] || t->n < 4)
		return CL_OK;
	cl_amount_status st = cl_amount_at(t, 0, &count, &next, &art, why, sizeof(why));
	if (st == CL_AMOUNT_BAD)
		return CL_OK; /* the line's own reading says why */
	if (st == CL_AMOUNT_OK)
		v = next;
	if (v + 2 >= t->n)
		return CL_OK;
	/* "a large glass of red wine 250 ml", "a small tub of yogurt 150 g":
	 * the weight written is the vessel's size, said exactly */
	bool sized = v + 3 < t->n && piece_size_word(t->tok[v]);
	v += sized;
	const cl_unit *vu = cl_unit_at(t, v, &used);
	bool package = !vu && container_word(t->tok[v]);
	bool glass = vu && vu->assumption && vu->kind == CL_UNIT_VOLUME && used == 1;
	/* "a punnet of strawberries 250 g", "a slice of cake 100 g": one of
	 * any other word before "of" is one package or piece, which the
	 * weight ending the line weighs (vague words, "a splash of milk 2
	 * tbsp", are vague_lead()'s) */
	bool one_of = !vu && !package && count == 1 && strcmp(t->tok[v + 1], "of") == 0 &&
		      !vague_word(t->tok[v]);
	if (!package && !glass && !one_of)
		return CL_OK;
	for (size_t j = v + 2; j < t->n; j++) {
		const cl_unit *u;
		/* "glass of milk with chocolate syrup 2 tbsp": past a word joining
		 * a second food the amount may be that food's, so no label */
		if (vessel_join(t->tok[j - 1]))
			return CL_OK;
		if (!cl_token_numeric(t->tok[j]) || cl_token_numeric(t->tok[j - 1]) ||
		    cl_amount_at(t, j, &q, &next, &art, why, sizeof(why)) != CL_AMOUNT_OK || art ||
		    !(u = cl_unit_at(t, next, &used)) || u->assumption || next + used != t->n)
			continue;
		size_t len = 0;
		br->text[0] = '\0';
		for (size_t k = j; k < t->n; k++) {
			int w = snprintf(br->text + len, sizeof(br->text) - len, "%s%s",
					 k > j ? " " : "", t->tok[k]);
			if (w < 0 || (size_t)w >= sizeof(br->text) - len)
				return CL_OK; /* too long to be a label: read as written */
			len += (size_t)w;
		}
		if (glass && count > 1)
			return cl_error_set(CL_EINVAL,
					    "'%s' after %g %s may be each one's or all of them; write"
					    " the amount of all (e.g. '%g %s' and the food)",
					    br->text, count, t->tok[v], q * count, u->name);
		/* one package: read as if uncounted ("bottle of beer 330ml"),
		 * the package a word of the food (a can is canned) and the
		 * amount the amount; as a label it would choose a food SR
		 * weighs by the package (a bottle of water would be Perrier's) */
		if ((package || one_of) && count == 1) {
			*from = v;
			return CL_OK;
		}
		br->qty = q;
		br->unit = u;
		br->bare = true;
		*n = j;
		/* the size word left would be read as the food's; a glass has
		 * no count here but part of one, which the amount replaces */
		if (sized && glass)
			*from = v;
		return CL_OK;
	}
	return CL_OK;
}

/*
 * "4 celery strips", "10 onion rings raw": a count whose piece is written
 * after the food, by a word that also ends foods' names ("Pork, cured,
 * breakfast strips", "Onion rings, breaded"), found that other food.  The
 * line is read again with the word as its measure ("4 strips of celery");
 * that reading wins when its food is weighed by the piece and holds every
 * other word of the line, one of which the first food lacks ("celery",
 * "raw").  "10 onion rings" stays the breaded rings: they hold every word.
 */
static int piece_after_food(line_parts *lp, const cl_food **f, cl_parser *p)
{
	char words[CL_DIARY_MAX_LINE + 1], *w[16];
	size_t n = 0;
	int rc;
	if (lp->unit || lp->mword[0] || lp->juice || lp->no_amount)
		return CL_OK;
	snprintf(words, sizeof(words), "%s", lp->food_text);
	for (char *save = NULL, *t = strtok_r(words, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		if (n == sizeof(w) / sizeof(w[0]))
			return CL_OK; /* (a list of words, no food and its piece) */
		w[n++] = t;
	}
	/* the piece last, or before one word saying how it was cooked or
	 * kept ("raw", "steamed") */
	size_t at = n;
	for (size_t i = n; i-- > 1 && i + 2 >= n && at == n;)
		if (portion_noun(w[i]) &&
		    (i + 1 == n || same_word(w[i + 1], "raw") || is_cooking_word(w[i + 1]) ||
		     state_word(w[i + 1])))
			at = i;
	if (at == n)
		return CL_OK;
	line_parts lc = *lp;
	size_t len = 0;
	lc.food_text[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (i != at && !add_food_word(&lc, &len, w[i]))
			return cl_error_set(CL_EINVAL, "the line is too long");
	snprintf(lc.mword, sizeof(lc.mword), "%s", w[at]);
	snprintf(lc.food_word, sizeof(lc.food_word), "%s", w[at == n - 1 ? n - 2 : n - 1]);
	const char *cand = "";
	const cl_food *fc = NULL;
	char one[48];
	if ((rc = find_food(&cand, p, &lc)) || !cand[0] || strcmp(cand, (*f)->ndb) == 0 ||
	    (rc = food_by_ndb(&fc, p, cand)))
		return rc;
	measure_singular(one, sizeof(one), w[at]);
	if (!measure_starting(fc, one, NULL) && !names_measure(fc, one))
		return CL_OK;
	bool all = true, lacks = false;
	for (size_t i = 0; i < n; i++) {
		if (i == at)
			continue;
		all &= name_holds(fc->name, w[i]);
		lacks |= !name_holds((*f)->name, w[i]);
	}
	if (all && lacks) {
		*lp = lc;
		*f = fc;
	}
	return CL_OK;
}

/*
 * "1 chicken burito": the food's words with each slip the search read
 * through (mend_slips()) written as the food found spells it, so that the
 * checks after the choice judge the line as if spelt right ("chicken
 * burrito" is refused: SR has a beef and bean burrito only).
 */
static int mend_food_text(line_parts *lp, cl_parser *p, const cl_food *f)
{
	char mended[CL_DIARY_MAX_LINE + 1] = "", words[CL_DIARY_MAX_LINE + 1];
	char *folded = NULL, one[48];
	wordset name = {.n = 0}, name_one = {.n = 0};
	size_t len = 0;
	bool changed = false;
	int rc = CL_OK;
	snprintf(words, sizeof(words), "%s", lp->food_text);
	for (char *save = NULL, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		const char *put = w;
		bool in_sr = true;
		if (strlen(w) >= 4 && (rc = word_in_names(&in_sr, p, w)))
			goto cleanup;
		if (!in_sr) {
			if (!folded) {
				if ((rc = cl_fold(&folded, f->name)))
					goto cleanup;
				split_words(&name, folded, false);
				split_words(&name_one, folded, true);
			}
			/* (as written or in the singular: "cakees" is "cake") */
			cl_singular(one, sizeof(one), w);
			for (size_t k = 0; k < name.n && put == w; k++)
				if (one_slip(w, name.words[k]) || one_slip(one, name_one.words[k]))
					put = name.words[k];
		}
		changed |= put != w;
		len += (size_t)snprintf(mended + len, sizeof(mended) - len, "%s%s", len ? " " : "", put);
		if (len >= sizeof(mended))
			goto cleanup; /* (too long to mend: left as written) */
	}
	if (changed)
		snprintf(lp->food_text, sizeof(lp->food_text), "%s", mended);
cleanup:
	free(folded);
	return rc;
}

/*
 * "½ an avocado (hass)", "1 apple (gala)": words in brackets after the food
 * say which one, as words after a comma do ("avocado, hass"); they are no
 * head noun of a dish SR lacks (head_unknown(), dish_named() read the line
 * as inverted), and a variety SR does not name leaves the food it does.
 */
static void bracket_ends_food(line_parts *lp, const bracket *br)
{
	const char *last = strrchr(lp->food_text, ' ');
	if (br->last_kept[0] && last && strcasecmp(last + 1, br->last_kept) == 0)
		lp->inverted = true;
}

/*
 * "a squeeze of lemon": is what is squeezed a fruit SR has the juice of?
 * Only then is the squeeze its juice; "a squeeze of ketchup" or "of honey"
 * is the food itself ("honey juice" finds an apple and grape blend, whose
 * name lacks the honey).
 */
static int squeezed_juice(bool *juice, cl_parser *p, const line_parts *lp)
{
	line_parts lj = *lp;
	size_t len = strlen(lj.food_text);
	const char *ndb = "";
	const cl_food *f = NULL;
	int rc;
	*juice = false;
	if (!len || !lj.food_word[0] || !add_food_word(&lj, &len, "juice"))
		return CL_OK;
	if ((rc = find_food(&ndb, p, &lj)) || !ndb[0] || (rc = food_by_ndb(&f, p, ndb)))
		return rc;
	*juice = describes(f->name, "juice") && name_holds(f->name, lp->food_word);
	return CL_OK;
}

/* Does the name hold the two words side by side, in that order ("Peanut
 * butter, smooth style" holds "peanut butter"; "Beans, black" no "black
 * beans")? */
static bool name_pair(const char *name, const char *first, const char *second)
{
	char prev[48] = "", w[48];
	const char *c = name;
	while (next_letters(&c, w, sizeof(w))) {
		if (prev[0] && same_noun(prev, first) && same_noun(w, second))
			return true;
		snprintf(prev, sizeof(prev), "%s", w);
	}
	return false;
}

/*
 * "1 tbsp butter (peanut)", "1 cup juice, apple": a word after the food,
 * in brackets or after a comma, that put before the food's head makes a
 * compound the found food is named by ("peanut butter", "apple juice"), as
 * the line is written and as the compound, is the first word of that
 * compound, not which one of the head SR lacks: the line is read as the
 * compound, no longer inverted.
 */
static int compound_before_head(line_parts *lp, cl_parser *p)
{
	char compound[CL_DIARY_MAX_LINE + 1], head[48];
	const char *last = strrchr(lp->food_text, ' '), *ndb = "";
	const cl_food *f = NULL;
	line_parts lc;
	int rc;
	if (!lp->inverted || !last)
		return CL_OK;
	size_t head_len = strcspn(lp->food_text, " ");
	if (head_len >= sizeof(head))
		return CL_OK;
	snprintf(head, sizeof(head), "%.*s", (int)head_len, lp->food_text);
	if (snprintf(compound, sizeof(compound), "%s %.*s", last + 1,
		     (int)(last - lp->food_text), lp->food_text) >= (int)sizeof(lc.food_text))
		return CL_OK;
	/* (the food found for the line as written is named by the compound:
	 * "sauce, tomato" found "Tomato products, canned, sauce" and stays so,
	 * not the "Tomato sauce, ... no salt added" found for "tomato sauce") */
	if ((rc = find_food(&ndb, p, lp)) || !ndb[0] || (rc = food_by_ndb(&f, p, ndb)))
		return rc;
	if (!name_pair(f->name, last + 1, head))
		return CL_OK;
	lc = *lp;
	snprintf(lc.food_text, sizeof(lc.food_text), "%s", compound);
	snprintf(lc.food_word, sizeof(lc.food_word), "%s", head);
	lc.inverted = false;
	if ((rc = find_food(&ndb, p, &lc)) || !ndb[0] || (rc = food_by_ndb(&f, p, ndb)))
		return rc;
	if (name_pair(f->name, last + 1, head))
		*lp = lc;
	return CL_OK;
}

/* Does the food's first segment, its kind, name the line's head noun as
 * its noun ("Muffins" for "muffin"), not as a word describing another
 * ("Milk and cereal bar" for "cereal", "Soup, chicken rice" for "chicken")? */
static bool kind_is_head(const cl_food *f, const char *head)
{
	char kind[64], last[48];
	snprintf(kind, sizeof(kind), "%.*s", (int)strcspn(f->name, ",("), f->name);
	size_t end = strlen(kind);
	while (end && !isalpha((unsigned char)kind[end - 1]))
		end--;
	size_t start = end;
	while (start && isalpha((unsigned char)kind[start - 1]))
		start--;
	snprintf(last, sizeof(last), "%.*s", (int)(end - start), kind + start);
	return last[0] && name_holds(last, head);
}

/*
 * "toast 2 slices wholemeal", "muffin 1 blueberry", "jam 1 tbsp
 * strawberry": a word after a trailing amount that names none of the
 * food's measures, nor a kind of the food found (the "tofu, 100g firm"
 * case), is read before the food's words, where diaries write it
 * elsewhere ("wholemeal toast").  The line is read so when the food found
 * for those words is still a food of the line's head noun (of the kind
 * first found, "Bread, ..." for toast, or SR's kind named by the noun,
 * "Muffins, blueberry"), holds the word as SR writes it or by its synonym
 * ("Bread, whole-wheat"), or stands for every flavour of the head ("Jams
 * and preserves") and the word is a food SR names ("strawberry", not "pot"
 * or "diluted"), and passes the checks a line written in that order
 * passes.  Otherwise weigh() refuses the word: "chicken 1 cup rice" finds
 * "Soup, chicken rice", and "coffee 1 cup milk" a coffee without milk.
 */
static int tail_word_before_food(line_parts *lp, const cl_food **f, cl_parser *p)
{
	line_parts lk;
	const char *cand = "";
	const cl_food *fk = NULL;
	const char *word = lp->measure_hint;
	int rc;
	if (!word[0] || lp->measure_hint2[0] || lp->inverted || !lp->food_word[0] ||
	    names_measure(*f, word) || describes_or_slip((*f)->name, word))
		return CL_OK;
	lk = *lp;
	lk.measure_hint[0] = lk.prep[0] = '\0';
	/* ("muffin 1 blueberry": the food's one word was read as its piece, as
	 * in "1 muffin"; "1 blueberry muffin" names no piece) */
	if (strcmp(lk.mword, lk.food_text) == 0)
		lk.mword[0] = '\0';
	if (snprintf(lk.food_text, sizeof(lk.food_text), "%s %s", word, lp->food_text) >=
	    (int)sizeof(lk.food_text))
		return CL_OK;
	if ((rc = find_food(&cand, p, &lk)) || !cand[0] || (rc = food_by_ndb(&fk, p, cand)))
		return rc;
	if (!same_kind(fk->name, (*f)->name) && !kind_is_head(fk, lp->food_word))
		return CL_OK;
	bool held = name_holds(fk->name, word), flavour = false;
	if (!held && (rc = synonym_names(&held, p, fk, word)))
		return rc;
	/* (a flavour is a food SR names: "strawberry", not "pot" or "diluted",
	 * which SR's "all varieties" or "Jellies" would hold as well) */
	if (!held && (flavour_kept(fk) || generic_name(fk, lp->food_word)) &&
	    (rc = food_word(&flavour, p, word)))
		return rc;
	held |= flavour;
	if (!held)
		return CL_OK;
	rc = head_lost(p, fk, lk.food_text);
	if (!rc)
		rc = which_lost(p, fk, lk.food_text);
	if (!rc)
		rc = two_foods(p, fk, lk.food_text);
	if (rc == CL_EINVAL) {
		/* (a refusal of the words so ordered: weigh() refuses the line) */
		cl_error_clear();
		return CL_OK;
	}
	if (rc)
		return rc;
	*lp = lk;
	*f = fk;
	return CL_OK;
}

/*
 * "a dash of black pepper", "2 dashes of salt": a word for a little of
 * something (no_amount_word()) before "of" is an amount when SR weighs the
 * food by it ("Spices, pepper, black": "dash", 0.1 g; "Salt, table": 0.4
 * g), and the line is read as "1 dash black pepper" is.  Of a food SR
 * weighs no such way ("a dash of milk", "a pinch of salt") the line stays
 * refused: SR's dash is a spice's measure, not every food's.  Writes the
 * tokens without "of" into kept (cap words) and sets *read.
 */
static int little_of_measure(bool *read, cl_tokens *kept, size_t cap, cl_parser *p,
			     const cl_tokens *t)
{
	char one[48], text[CL_DIARY_MAX_LINE + 1];
	const char *ndb = "";
	const cl_food *f = NULL;
	size_t len = 0;
	int rc;
	*read = false;
	/* "a dash of black pepper 1/4 tsp": the exact amount after it is what
	 * was eaten, and vague_lead() drops the dash */
	if (t->n < 4 || t->n > cap || strcmp(t->tok[2], "of") != 0 ||
	    !(strcmp(t->tok[0], "a") == 0 || cl_token_numeric(t->tok[0])) || vague_lead(t) != 0)
		return CL_OK;
	cl_singular(one, sizeof(one), t->tok[1]);
	if (!no_amount_word(one))
		return CL_OK;
	text[0] = '\0';
	for (size_t i = 3; i < t->n; i++) {
		int n = snprintf(text + len, sizeof(text) - len, "%s%s", len ? " " : "", t->tok[i]);
		if (n < 0 || (size_t)n >= sizeof(text) - len)
			return CL_OK;
		len += (size_t)n;
	}
	if ((rc = resolve(&ndb, p, text, one, NULL, NULL, NULL, NEED_MEASURE)) || !ndb[0] ||
	    (rc = food_by_ndb(&f, p, ndb)))
		return rc;
	if (!measure_starting(f, one, NULL))
		return CL_OK;
	kept->n = 0;
	for (size_t i = 0; i < t->n; i++)
		if (i != 2)
			kept->tok[kept->n++] = t->tok[i];
	*read = true;
	return CL_OK;
}

/* "almonds handful", "coffee mug": a vague unit (one read by a stated
 * rule) ending the line, without the comma of "almonds, handful", is one
 * of it when no SR name holds the word ("burrito bowl" may be SR's dish);
 * else, as before, the line names no amount and is one of the food.
 * ("peanut butter cup": a cup is no vague unit.)  Not a sized one ("orange
 * juice large glass": the size would be dropped, while "a large glass of
 * orange juice" is refused) nor a plural, which counts more than one
 * ("water glasses"). */
static int vague_unit_last(bool *last, cl_parser *p, const cl_tokens *t)
{
	size_t used = 0;
	bool in_sr = false;
	char one[48];
	int rc;
	*last = false;
	if (t->n < 2 || strcmp(t->tok[t->n - 2], ",") == 0 || strcmp(t->tok[t->n - 2], "of") == 0 ||
	    piece_size_word(t->tok[t->n - 2]) || strcmp(t->tok[t->n - 2], "extra") == 0)
		return CL_OK;
	cl_singular(one, sizeof(one), t->tok[t->n - 1]);
	if (strcmp(one, t->tok[t->n - 1]) != 0)
		return CL_OK;
	const cl_unit *u = cl_unit_at(t, t->n - 1, &used);
	if (!u || !u->assumption || used != 1)
		return CL_OK;
	if ((rc = word_in_names(&in_sr, p, t->tok[t->n - 1])))
		return rc;
	*last = !in_sr;
	return CL_OK;
}

/* Is the food SR's entry for every variety of its kind ("Oranges, raw, all
 * commercial varieties", "Squash, summer, all varieties, raw", "Peanuts,
 * all types, raw")?  SR marks it so in the name. */
static bool every_variety(const cl_food *f)
{
	static const char *const marks[] = {"all commercial varieties", "all varieties",
					    "all types"};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strstr(f->name, marks[i]))
			return true;
	return false;
}

/*
 * "1 large navel orange": a size SR gives the kind but not the variety the
 * line names ("Oranges, raw, navels" has only "fruit (2-7/8\" dia)"): SR's
 * food of every variety of the kind (every_variety(); SR's name up to the
 * first comma), found without the variety's word, lacking it and sized so
 * ("Oranges, raw, all commercial varieties", "large (3-1/16\" dia)"),
 * weighs it; said.  Only a word the variety's name holds is dropped, never
 * the last (the head noun).  Another food of the kind is another food, not
 * the variety's weight: "1 small sugar cookie" is no vanilla wafer, "1
 * large cheese danish" no fruit danish (refused, no 'small' measure).
 */
static int unsized_variety(const cl_food **f, cl_diary_line *out, cl_parser *p,
			   line_parts *lp)
{
	if (lp->unit || !lp->mword[0] || lp->mword2[0] || !size_word(lp->mword) ||
	    names_measure(*f, lp->mword))
		return CL_OK;
	wordset tw;
	split_words(&tw, lp->food_text, false);
	size_t head = strcspn((*f)->name, ",");
	for (size_t i = 0; i + 1 < tw.n; i++) {
		if (!name_holds((*f)->name, tw.words[i]))
			continue;
		line_parts lk = *lp;
		size_t len = 0;
		lk.food_text[0] = '\0';
		for (size_t k = 0; k < tw.n; k++)
			if (k != i && !add_food_word(&lk, &len, tw.words[k]))
				return cl_error_set(CL_EINVAL, "the line is too long");
		const char *cand = "";
		const cl_food *fk = NULL;
		int rc;
		if ((rc = find_food(&cand, p, &lk)))
			return rc;
		if (cand[0] && (rc = food_by_ndb(&fk, p, cand)))
			return rc;
		if (!fk || fk == *f || !every_variety(fk) ||
		    strncmp(fk->name, (*f)->name, head) != 0 || fk->name[head] != (*f)->name[head] ||
		    name_holds(fk->name, tw.words[i]) ||
		    !names_measure(fk, lp->mword))
			continue;
		if ((rc = set_assumption(out, "%s has no '%s' measure in the USDA data: weighed as"
					      " %s", (*f)->name, lp->mword, fk->name)))
			return rc;
		*lp = lk;
		*f = fk;
		return CL_OK;
	}
	return CL_OK;
}

/*
 * "banana 1 large (pre run)", "celery 2 sticks with lunch", "olive oil 1
 * tbsp (for frying)", "radish x5 from the garden": words ending the line
 * after its amount that say when, why or where from the food was eaten (an
 * occasion, a purpose, a source) say nothing of which food or how much, as a
 * dietitian reads them; they are dropped from the tokens and said.  Only
 * the phrases below: a lead word, maybe an article, then a meal, an
 * activity, a purpose or a place no SR food is named by ("with chicken" or
 * "for two" stay words of the line).  So is "of them" after a count ("baby
 * carrots, 8 of them"), "one" standing for the food after its size ("half
 * a medium one"), and "no" and a topping not added ("no
 * butter", "(no milk)").
 * Needs a number before the phrase: it follows the amount.  *cut is the
 * number of tokens dropped from the end, said[] what they were.
 */
static void occasion_tail(size_t *cut, char *said, size_t cap, const cl_tokens *t)
{
	/* a meal or an activity eaten before, after or with it */
	static const char *const lead[] = {"before", "after", "pre", "post", "during", "with", "at"};
	static const char *const occasion[] = {
		"breakfast", "brunch", "lunch", "lunchtime", "dinner", "supper", "bed",
		"bedtime", "run", "running", "jog", "walk", "swim", "ride", "cycle",
		"workout", "gym", "training", "practice", "match", "game", "school",
		"work", "class", "yoga", "sleep", "meal", "meals", "exercise", "race",
		"hike", "football", "soccer", "tennis"};
	/* why: "for frying" is cooking fat counted as eaten, not fried food */
	static const char *const purpose[] = {
		"dipping", "frying", "cooking", "baking", "roasting", "breakfast", "brunch",
		"lunch", "dinner", "supper", "dessert", "pudding", "snack", "afters"};
	/* where from: none names a food or how it was kept ("from a can" is
	 * read as "canned" before this) */
	static const char *const source[] = {"garden", "allotment", "market", "farm", "tree",
					     "orchard", "shop", "store"};
	/* a topping not added: "baked potato 1 medium, no butter" is the
	 * potato as SR weighs it (not "no oil" or "no salt": SR names foods
	 * so, "tuna in water", "without salt") */
	static const char *const topping[] = {"butter", "margarine", "mayo", "mayonnaise",
					      "dressing", "gravy", "sauce", "ketchup", "cream",
					      "milk", "syrup", "toppings"};
	static const char *const article[] = {"the", "my", "a", "an", "our"};
	*cut = 0;
	said[0] = '\0';
	size_t n = t->n, from = n;
	bool pronoun = false;
	if (n >= 3 && strcmp(t->tok[n - 2], "of") == 0 && strcmp(t->tok[n - 1], "them") == 0) {
		from = n - 2;
		pronoun = true;
	} else if (n >= 3 && strcmp(t->tok[n - 1], "one") == 0 && size_word(t->tok[n - 2])) {
		from = n - 1; /* "half a medium one": the amount's own words before it */
		pronoun = true;
	} else if (n >= 3) {
		size_t at = n - 2;
		if (at > 0 && WORD_IN(t->tok[at], article))
			at--;
		const char *w = t->tok[at], *o = t->tok[n - 1];
		if ((WORD_IN(w, lead) && WORD_IN(o, occasion)) ||
		    (strcmp(w, "for") == 0 && WORD_IN(o, purpose)) ||
		    (strcmp(w, "from") == 0 && WORD_IN(o, source)) ||
		    (strcmp(t->tok[n - 2], "no") == 0 && WORD_IN(o, topping)))
			from = at;
	}
	if (from == n || from == 0)
		return;
	/* it follows the amount: a number somewhere before it */
	bool number = pronoun && size_word(t->tok[n - 2]);
	for (size_t i = 0; i < from && !number; i++)
		number = cl_token_numeric(t->tok[i]);
	if (!number)
		return;
	size_t len = 0;
	for (size_t i = from; i < n && len + 1 < cap; i++)
		len += (size_t)snprintf(said + len, cap - len, "%s%s", len ? " " : "", t->tok[i]);
	/* a comma left ending the line closes nothing */
	while (from > 1 && strcmp(t->tok[from - 1], ",") == 0)
		from--;
	*cut = n - from;
	if (pronoun) /* nothing to say: it stood for the food */
		said[0] = '\0';
}

static int parse_free(cl_diary_line *out, cl_parser *p, const cl_tokens *t,
		      const bracket *written)
{
	bracket label = *written, *br = &label;
	line_parts lp;
	const char *ndb = "";
	char dish[8];
	const cl_food *f = NULL;
	int rc;

	memset(&lp, 0, sizeof(lp));
	/* "juice of 1 lemon", "the juice of half a lime": the amount counts the
	 * fruit, the food is its juice, weighed by SR's yield per fruit. */
	cl_tokens view = *t;
	char occasion[64];
	size_t occasion_cut = 0;
	occasion_tail(&occasion_cut, occasion, sizeof(occasion), &view);
	view.n -= occasion_cut;
	if (occasion[0] &&
	    (rc = set_assumption(out, "'%s' says %s: not read as food", occasion,
				 strncmp(occasion, "no ", 3) == 0 ? "what was not added"
								   : "when or why it was eaten")))
		return rc;
	size_t j = t->n && strcmp(t->tok[0], "the") == 0;
	/* "lemon juice from one lemon": the fruit named before "juice" as well,
	 * when it is the fruit counted after it */
	for (size_t k = j + 1; k < j + 4 && k + 2 < t->n; k++) {
		if (strcmp(t->tok[k], "juice") != 0)
			continue;
		bool same = true;
		for (size_t w = j; w < k && same; w++) {
			same = false;
			for (size_t a = k + 2; a < t->n && !same; a++)
				same = same_noun(t->tok[w], t->tok[a]);
		}
		if (same)
			j = k;
		break;
	}
	/* "squeeze of lemon (1 wedge)", "a squeeze of lime", "1 squeeze of
	 * lemon": a squeeze is a vague amount of what is squeezed (a count of
	 * squeezes no more an amount than "a squeeze"); of a fruit SR has the
	 * juice of, that juice, read as "juice of" (squeezed_juice()) */
	size_t squeeze = j + (j + 1 < t->n && (strcmp(t->tok[j], "a") == 0 ||
					       cl_token_numeric(t->tok[j])));
	bool squeezed = squeeze + 2 < view.n &&
			(strcmp(t->tok[squeeze], "squeeze") == 0 ||
			 strcmp(t->tok[squeeze], "squeezes") == 0) &&
			strcmp(t->tok[squeeze + 1], "of") == 0;
	if (squeezed) {
		view.tok += squeeze + 2;
		view.n -= squeeze + 2;
	} else if (j + 2 < view.n && strcmp(t->tok[j], "juice") == 0 &&
		   (strcmp(t->tok[j + 1], "of") == 0 || strcmp(t->tok[j + 1], "from") == 0)) {
		view.tok += j + 2;
		view.n -= j + 2;
		lp.juice = true;
	}
	char *without_of[64];
	cl_tokens little = {.tok = without_of, .n = 0};
	bool little_read = false;
	if (view.tok == t->tok &&
	    (rc = little_of_measure(&little_read, &little, sizeof(without_of) / sizeof(without_of[0]),
				    p, &view)))
		return rc;
	if (little_read)
		view = little;
	if ((rc = vague_unit_last(&lp.vague_last, p, &view)))
		return rc;
	size_t uncounted = 0;
	if ((rc = vessel_label(&uncounted, &view.n, br, &view)))
		return rc;
	view.tok += uncounted;
	view.n -= uncounted;
	if ((rc = build_parts(&lp, &view)))
		return rc;
	/* ("a squeeze of lemon 1 tsp", "(1 tsp)": the juice's own amount, as
	 * "lemon juice 1 tsp"; "(1 wedge)": the wedge's juice) */
	bool squeezed_fruit = false;
	if (squeezed && (rc = squeezed_juice(&squeezed_fruit, p, &lp)))
		return rc;
	if (squeezed_fruit && !lp.unit && !br->unit)
		lp.juice = true;
	if (lp.juice || squeezed_fruit) {
		size_t len = strlen(lp.food_text);
		if (len && !add_food_word(&lp, &len, "juice"))
			return cl_error_set(CL_EINVAL, "the line is too long");
	}
	/* "1 biscuit", "2 muffins (2 1/2 inch)": a measure word that is also a
	 * food is the food when no other word names one */
	if (!lp.food_text[0] && !lp.piece_size[0] && !lp.unit && food_measure_word(lp.mword)) {
		snprintf(lp.food_text, sizeof(lp.food_text), "%s", lp.mword);
		snprintf(lp.food_word, sizeof(lp.food_word), "%s", lp.mword);
	}
	if (!lp.food_text[0] || only_joining_words(lp.food_text))
		return cl_error_set(CL_EINVAL, "the line names no food");
	bracket_ends_food(&lp, br);
	if (!has_letters(lp.food_text) || strlen(lp.food_text) < 2)
		return cl_error_set(CL_EINVAL, "'%s' is not the name of a food", lp.food_text);
	if (lp.stray_number[0] && lp.stray_exponent)
		return cl_error_set(CL_EINVAL,
				    "'%s' has an exponent; write the amount as a plain number "
				    "(e.g. '250 g milk')",
				    lp.stray_number);
	if (lp.stray_number[0])
		return cl_error_set(CL_EINVAL,
				    "'%s' is a second amount; write one amount per line "
				    "(e.g. '2 medium bananas')",
				    lp.stray_number);
	/* "1 salmon fillet (half fillet)": two amounts */
	if (br->count[0] && (lp.amount_first || lp.no_amount))
		return cl_error_set(CL_EINVAL,
				    "'(%s)' is a second amount; write one amount per line (e.g. "
				    "'2 medium bananas')",
				    br->count);
	if (lp.juice && br->unit)
		return cl_error_set(CL_EINVAL, "'juice of' takes a count of fruit, not a weight"
				    " in brackets");
	/* A bracket's weight of anything but a container weighs the line, so
	 * it is not the count or measure written that chooses the food. */
	bool boxed = !lp.unit && lp.mword[0] && container_word(lp.mword);
	if (!boxed && (rc = apply_bracket(&lp, out, br)))
		return rc;
	/* (a squeeze with no amount after it nor in brackets says none, as "a
	 * splash of" does: not the juice of a whole lemon, nor a whole jar) */
	if (squeezed && lp.no_amount)
		return cl_error_set(CL_EINVAL, "'a squeeze' is not an amount; say how much (e.g. "
					       "'1 tsp %s')", lp.food_text);
	if ((rc = compound_before_head(&lp, p)))
		return rc;
	if ((rc = portion_piece(&lp, p, br)) || (rc = absent_food(p, lp.food_text)))
		return rc;
	if ((rc = find_food(&ndb, p, &lp)))
		return rc;
	if (!ndb[0])
		return cl_error_set(CL_ENOTFOUND, "no food matches '%s'", lp.food_text);
	if ((rc = food_by_ndb(&f, p, ndb)) || (rc = dish_named(dish, p, f, lp.food_text, lp.inverted)))
		return rc;
	if (dish[0] && (rc = food_by_ndb(&f, p, dish)))
		return rc;
	if ((rc = piece_after_food(&lp, &f, p)) || (rc = mend_food_text(&lp, p, f)))
		return rc;
	if ((rc = drink_named(p, f, lp.food_text)) ||
	    (rc = head_lost(p, f, lp.food_text)) || (rc = head_unknown(p, f, lp.food_text, lp.inverted)) ||
	    (rc = which_lost(p, f, lp.food_text)) ||
	    (rc = two_foods(p, f, lp.food_text)) ||
	    (rc = container_of_concentrate(f, &lp)) || (rc = brand_container(f, &lp, br->unit != NULL)) ||
	    (rc = unknown_measure(p, f, lp.of_word)))
		return rc;
	/* "3 musketeers bar", "three musketeers", "100 grand bar": the number
	 * is part of the food's SR name, not a count of it */
	if ((rc = number_in_name(&lp, f, &view)))
		return rc;
	/* "seven up", "7up": what is left after the count is a word too short
	 * to name a food, found inside a name ("Fruit Roll Ups") */
	if ((rc = fragment_only(f, lp.food_text)))
		return rc;
	/* "1 brioche bun": a count of a piece that is itself a food (a bun, a
	 * roll, a muffin) of a food SR neither names by it nor weighs by it
	 * ("Bread, egg": slices only) is not a count of another piece */
	if (served_in_bread(&lp, f))
		snprintf(lp.food_word, sizeof(lp.food_word), "sandwich");
	if ((rc = piece_not_weighed(f, &lp)))
		return rc;
	/* "8 dried apricot halves": where SR counts the food's halves, they
	 * are its measure, not half pieces; so too where a measure counts
	 * them inside it ("10 pecan halves": "oz (19 halves)") */
	double halves_in = 0;
	if (lp.halved[0] &&
	    (measure_starting(f, lp.halved, NULL) || counted_in(f, lp.halved, &halves_in))) {
		lp.qty *= 2;
		snprintf(lp.mword, sizeof(lp.mword), "%s", lp.halved);
	}
	/* "2 coffee creamer cups", "1 yogurt cup": a count of cups written after
	 * the food counts the single-serve cups it comes in, SR's "container",
	 * not cups of 8 fl oz; unless the food is named by its cups ("peanut
	 * butter cups") or SR has no container of it */
	const char *last_sp = strrchr(lp.food_text, ' ');
	if (!lp.unit && !lp.mword[0] && !lp.no_amount && last_sp &&
	    (strcmp(last_sp + 1, "cup") == 0 || strcmp(last_sp + 1, "cups") == 0) &&
	    !describes(f->name, "cup") && !describes(f->name, "cups")) {
		line_parts lc = lp;
		const char *cand = "";
		const cl_food *fc = NULL;
		lc.food_text[last_sp - lp.food_text] = '\0';
		const char *prev = strrchr(lc.food_text, ' ');
		snprintf(lc.food_word, sizeof(lc.food_word), "%.*s", (int)sizeof(lc.food_word) - 1,
			 prev ? prev + 1 : lc.food_text);
		snprintf(lc.mword, sizeof(lc.mword), "container");
		if ((rc = find_food(&cand, p, &lc)))
			return rc;
		if (cand[0] && (rc = food_by_ndb(&fc, p, cand)))
			return rc;
		if (fc && measure_starting(fc, "container", NULL)) {
			lp = lc;
			f = fc;
			if ((rc = set_assumption(out, "cups after the food taken as the single-serve"
						      " containers it comes in")))
				return rc;
		}
	}
	/* "tofu, 100g firm": a word after the amount that names none of the
	 * food's measures may name the food's kind; it does when the food found
	 * with it is of the same kind (SR's name up to the first comma) and
	 * has the word in its name ("Tofu, firm, ..."); else weigh() refuses
	 * it ("chicken 1 cup rice" is not "Soup, chicken rice").  A word in
	 * brackets there ("tofu 100 g (silken)", "tofu firm 100 g (pressed)")
	 * says which one as it would written before the food's words ("silken
	 * tofu", SR's "Tofu, soft": a synonym of the phrase, which the word
	 * put after the food misses): the food of the same kind found so
	 * stands though its name lacks the word, as "pressed firm tofu" finds
	 * SR's firm tofu. */
	if (lp.measure_hint[0] && !names_measure(f, lp.measure_hint)) {
		bool bracketed = !lp.measure_hint2[0] &&
				 strcasecmp(br->last_kept, lp.measure_hint) == 0;
		line_parts lk = lp;
		const char *cand = "";
		const cl_food *fk = NULL;
		size_t len = strlen(lk.food_text);
		lk.measure_hint[0] = lk.prep[0] = '\0';
		if (bracketed) {
			if (snprintf(lk.food_text, sizeof(lk.food_text), "%s %s", lp.measure_hint,
				     lp.food_text) >= (int)sizeof(lk.food_text))
				return cl_error_set(CL_EINVAL, "the line is too long");
		} else if (!add_food_word(&lk, &len, lp.measure_hint))
			return cl_error_set(CL_EINVAL, "the line is too long");
		if ((rc = find_food(&cand, p, &lk)))
			return rc;
		if (cand[0] && (rc = food_by_ndb(&fk, p, cand)))
			return rc;
		size_t head = strcspn(f->name, ",");
		if (fk && (bracketed || describes(fk->name, lp.measure_hint)) &&
		    strncmp(fk->name, f->name, head) == 0 && fk->name[head] == f->name[head]) {
			lp = lk;
			f = fk;
		}
	}
	/* "pumpkin seeds, 1 ounze": a word after the amount naming no measure
	 * and no word of the food, one slip from a unit's spelling, is that
	 * unit (weigh() would refuse it); said */
	const cl_unit *slip = NULL;
	if (lp.measure_hint[0] && !lp.unit && !lp.mword[0] &&
	    (rc = unit_slip(&slip, p, f, lp.measure_hint)))
		return rc;
	if (slip) {
		if ((rc = set_assumption(out, "'%s' is read as '%s'", lp.measure_hint, slip->name)))
			return rc;
		lp.unit = slip;
		lp.measure_hint[0] = lp.prep[0] = '\0';
	}
	if ((rc = tail_word_before_food(&lp, &f, p)))
		return rc;
	/* ... and so is the first word after an amount before the food ("1
	 * ounze almonds" was one almond, the slip read as the food's word) */
	char first[48];
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(lp.food_text, " "), lp.food_text);
	if (!slip && lp.amount_first && !lp.unit && !lp.mword[0] && strchr(lp.food_text, ' ') &&
	    (rc = unit_slip(&slip, p, f, first)))
		return rc;
	if (slip && !lp.unit) {
		if ((rc = set_assumption(out, "'%s' is read as '%s'", first, slip->name)))
			return rc;
		lp.unit = slip;
	}
	/* "almonds, 10 whole", "a whole mango": "whole" says the pieces are
	 * uncut when SR has no "whole" measure of the food; the count counts
	 * them as a bare count would */
	if (strcmp(lp.mword, "whole") == 0 && !lp.piece_size[0] && !lp.unit &&
	    !measure_starting(f, "whole", NULL))
		lp.mword[0] = '\0';
	/* "1 tub pringles", "a tub of ice cream": a tub is SR's container
	 * (measure_alias()) only where SR gives the food one; else the count
	 * counts the food's own piece or serving, as a bare count does (SR's
	 * Pringles "can (6.25 oz)"), not refused for a measure SR never names.
	 * (A weight in brackets is each tub's, as each jar's: "2 tubs (150 g)".) */
	char tub[48];
	strip_s(tub, sizeof(tub), lp.mword);
	if (strcmp(tub, "tub") == 0 && !lp.unit && !br->unit &&
	    !measure_starting(f, "container", NULL))
		lp.mword[0] = '\0';
	/* "a shot of espresso": SR has no shot measure of coffee; a shot is
	 * 1 fl oz (docs/diary.md), or a spirit's "jigger 1.5 fl oz" */
	static const cl_unit shot = {"fl oz", CL_UNIT_VOLUME, CL_ML_PER_CUP / 8,
				     "a shot is taken as 1 fl oz (29.6 ml)"};
	if (!lp.unit && !lp.piece_size[0] && is_measure_word(lp.mword) &&
	    strcmp(measure_alias(lp.mword), lp.mword) == 0 && strncmp(lp.mword, "shot", 4) == 0 &&
	    strlen(lp.mword) <= 5 && !measure_starting(f, "shot", NULL)) {
		if (measure_starting(f, "jigger", NULL)) {
			snprintf(lp.mword, sizeof(lp.mword), "jigger");
			if ((rc = set_assumption(out, "a shot is taken as SR's jigger (1.5 fl oz)")))
				return rc;
		} else {
			lp.mword[0] = '\0';
			lp.unit = &shot;
		}
	}
	/* "porridge 1 cup made with water" is SR's porridge "cooked with
	 * water"; a food SR cooks in water says "cooked" or "boiled" ("rice,
	 * 1 cup, cooked with water" is SR's cooked rice); a food neither made
	 * up with water nor cooked is not what the line says */
	if (lp.made_with_water && !name_holds(f->name, "water") && !name_holds(f->name, "cooked") &&
	    !name_holds(f->name, "boiled"))
		return cl_error_set(CL_EINVAL,
				    "'%s with water' does not describe %s; write the food "
				    "as SR names it or give its weight",
				    lp.made_word, f->name);
	/* the food is chosen as the line's words say ("1 can" asks for a canned
	 * food), then weighed by the bracket */
	if ((rc = labelled_food(&f, p, &lp, br)))
		return rc;
	lp.labelled = labelled_measure(f, &lp, br);
	if (!lp.labelled)
		lp.labelled = portion_measure(f, &lp, br);
	if (boxed && (rc = apply_bracket(&lp, out, br)))
		return rc;
	/* "milk, 1 tbsp in tea": where it went, unless a measure is named
	 * ("walnuts, 1 cup in shell") */
	if (lp.went_in) {
		if (names_measure(f, lp.measure_hint))
			lp.went[0] = '\0';
		else
			lp.measure_hint[0] = '\0';
	}
	if ((rc = unsized_variety(&f, out, p, &lp)))
		return rc;
	snprintf(out->ndb, sizeof(out->ndb), "%s", f->ndb);
	out->food = f;
	if (!(out->name = strdup(f->name)))
		return cl_error_oom();
	if ((rc = weigh(out, f, &lp)))
		return rc;
	if (lp.no_amount && (rc = set_assumption(out, "no amount given: taken as one")))
		return rc;
	if (lp.couple && (rc = set_assumption(out, "'a couple' is taken as 2")))
		return rc;
	if (lp.went[0] &&
	    (rc = set_assumption(out, "'%s' says where it went: not counted", lp.went)))
		return rc;
	return CL_OK;
}

/* "ndb:09040 118 g", "ndb:09040 1 medium". */
static int parse_exact(cl_diary_line *out, cl_parser *p, const char *line)
{
	const char *s = line + 4;
	char ndb[8];
	size_t n = 0;
	const cl_food *f = NULL;
	cl_tokens t = {0};
	line_parts lp;
	int rc;

	while (isdigit((unsigned char)s[n]) && n < 6)
		n++;
	if (n == 0 || n > 5 || isalnum((unsigned char)s[n]))
		return cl_error_set(CL_EINVAL, "'ndb:' must be followed by a 5-digit NDB number");
	snprintf(ndb, sizeof(ndb), "%05d", atoi(s));
	if ((rc = food_by_ndb(&f, p, ndb)))
		return rc;
	if ((rc = cl_tokenize(&t, s + n)))
		return rc;
	memset(&lp, 0, sizeof(lp));
	char why[200] = "";
	size_t next = 0, used = 0;
	cl_amount_status st = cl_amount_at(&t, 0, &lp.qty, &next, &lp.article, why, sizeof(why));
	if (st == CL_AMOUNT_BAD) {
		rc = cl_error_set(CL_EINVAL, "%s", why);
		goto cleanup;
	}
	if (st == CL_AMOUNT_NONE) {
		rc = cl_error_set(CL_EINVAL, "'ndb:%s' needs an amount, e.g. 'ndb:%s 100 g'", ndb, ndb);
		goto cleanup;
	}
	lp.unit = cl_unit_at(&t, next, &used);
	next += used;
	if (!lp.unit && next < t.n) {
		snprintf(lp.mword, sizeof(lp.mword), "%s", t.tok[next++]);
		if (strcmp(lp.mword, "extra") == 0 && next < t.n)
			snprintf(lp.mword2, sizeof(lp.mword2), "%s", t.tok[next++]);
	}
	if (next < t.n) {
		rc = cl_error_set(CL_EINVAL, "unexpected '%s' after the amount", t.tok[next]);
		goto cleanup;
	}
	snprintf(out->ndb, sizeof(out->ndb), "%s", f->ndb);
	out->food = f;
	if (!(out->name = strdup(f->name))) {
		rc = cl_error_oom();
		goto cleanup;
	}
	rc = weigh(out, f, &lp);
cleanup:
	cl_tokens_free(&t);
	return rc;
}

static int parse_uncached(cl_diary_line *out, cl_parser *p, const char *line)
{
	cl_tokens t = {0};
	int rc;

	while (isspace((unsigned char)*line))
		line++;
	if (!*line)
		return cl_error_set(CL_EINVAL, "the line is empty");
	if (strncasecmp(line, "ndb:", 4) == 0) {
		rc = parse_exact(out, p, line);
	} else {
		char text[6 * CL_DIARY_MAX_LINE + 64]; /* "xl" -> "extra large" */
		bracket br;
		if ((rc = rewrite_line(text, sizeof(text), &br, line)) ||
		    (rc = cl_tokenize(&t, text)))
			return rc;
		rc = parse_free(out, p, &t, &br);
		cl_tokens_free(&t);
	}
	if (rc == CL_OK)
		rc = check_amount(out, line);
	return rc;
}

/* "ndb:09040 118 g" needs no search: not worth a place in the cache file. */
static bool exact_line(const char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	return strncasecmp(line, "ndb:", 4) == 0;
}

/* The answer the cache file holds for line: true with *rc (and *out on
 * success) set, false if it holds none that this database can honour. */
static bool from_cache_file(int *rc, cl_diary_line *out, cl_parser *p, const char *line)
{
	cl_cached_answer a;
	const cl_food *f = NULL;

	if (!cl_linecache_get(p->cache, line, &a))
		return false;
	if (a.code) {
		*rc = cl_error_set(a.code, "%s", a.message);
		cl_cached_answer_clear(&a);
		return true;
	}
	if (food_by_ndb(&f, p, a.ndb) != CL_OK) { /* resolving will say what is wrong */
		cl_error_clear();
		cl_cached_answer_clear(&a);
		return false;
	}
	snprintf(out->ndb, sizeof(out->ndb), "%s", f->ndb);
	out->food = f;
	out->grams = a.grams;
	out->quantity = a.quantity;
	out->measure = a.measure;
	out->assumption = a.assumption;
	a.measure = a.assumption = NULL;
	cl_cached_answer_clear(&a);
	*rc = (out->name = strdup(f->name)) ? CL_OK : cl_error_oom();
	return true;
}

int cl_diary_parse(cl_diary_line *out, cl_parser *p, const char *line)
{
	cached_line *c;
	int rc;
	bool filed;

	memset(out, 0, sizeof(*out));
	if (!line)
		return cl_error_set(CL_EINVAL, "no line given");
	size_t len = strlen(line);
	if (len > CL_DIARY_MAX_LINE)
		return cl_error_set(CL_EINVAL, "the line is too long (%zu bytes; at most %d)", len,
				    CL_DIARY_MAX_LINE);
	if ((c = map_get(&p->lines, line))) {
		if (c->code)
			return cl_error_set(c->code, "%s", c->message);
		return line_copy(out, &c->line);
	}
	filed = p->cache && !exact_line(line);
	if (!filed || !from_cache_file(&rc, out, p, line)) {
		rc = parse_uncached(out, p, line);
		if (rc == CL_ENOMEM || rc == CL_EDB || rc == CL_EIO || rc == CL_EFAIL) {
			cl_diary_line_clear(out);
			return rc;
		}
		if (filed)
			cl_linecache_put(p->cache, line, rc, rc ? cl_error_last() : NULL, out);
	} else if (rc == CL_ENOMEM) {
		cl_diary_line_clear(out);
		return rc;
	}
	/* Cache the answer, refusals included: a repeated bad line costs nothing. */
	if (p->lines.n < CACHE_MAX_LINES && (c = calloc(1, sizeof(*c)))) {
		c->code = rc;
		if (rc)
			c->message = strdup(cl_error_last());
		if ((rc ? c->message != NULL : line_copy(&c->line, out) == CL_OK) &&
		    map_put(&p->lines, line, c) == CL_OK)
			c = NULL;
		free_cached_line(c);
	}
	if (rc)
		cl_diary_line_clear(out);
	return rc;
}

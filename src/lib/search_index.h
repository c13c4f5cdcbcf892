/*
 * The search index behind food search, and the word helpers that the index
 * builder (search_index.c) and the query side (search.c) must share so that
 * both sides of every comparison are treated alike.
 *
 * Tables (all written inside the import transaction):
 *   food_fts      FTS5, detail=none, one column of words; its rowid is a
 *                 search document id assigned in order of "prior" (generic,
 *                 well-described foods first), so that a bounded candidate
 *                 read in rowid order sees the most likely foods first even
 *                 over a million names.
 *   search_doc    docid -> food id, the name's folded and stemmed words by
 *                 comma segment, how many segments form the head, the prior
 *                 and the class flags (baby food, branded, ...).
 *   search_vocab  every folded name word with its frequency (typo correction).
 *   search_stat   every stemmed name word: in how many names it stands, in
 *                 how many it names the food (the noun of the first segment,
 *                 or of the second under a class such as "Fish"), so the query
 *                 side can tell a food word from a describing one ("black"),
 *                 and in how many it is the noun of the segment after the
 *                 category path ("Cookies, brownies"): none for a word that
 *                 only describes ("mashed").
 *   search_del    symmetric-delete keys of the vocabulary (SymSpell), so a
 *                 misspelt word is corrected by a few indexed look-ups
 *                 instead of a scan of the vocabulary.
 *   search_syn    everyday words -> SR wording, from data/search_synonyms.tsv
 *                 (their words join the vocabulary, so "courgete" is corrected),
 *                 then data/search_wordnet.tsv (WordNet 3.0's food words), only
 *                 for phrases the hand-written file lacks and holding a word no
 *                 SR name has.
 *   search_desc   describing words of a query (cooking methods, parts, "no X")
 *                 -> their kind and SR wordings, from data/search_describe.tsv.
 *   search_absent foods SR24 lacks ("green tea"), folded and singular, -> the
 *                 phrase as written and the NDB of the nearest SR food, from
 *                 data/absent_foods.tsv (search_absent.c); read by diary.c.
 *   search_dish   dishes SR names only as fast food ("taco", "burrito"),
 *                 stemmed, from data/search_dishes.tsv: a query whose noun is
 *                 one asks for the fast food.
 * data/search_classes.tsv (class first segments such as "Fish") is read at
 * build time into the CL_SF_CLASS flag, data/search_forms.tsv (foods eaten
 * cooked, such as rice and meat) into CL_SF_COOKED, data/common_foods.tsv
 * (everyday foods, also used by food lists) into CL_SF_COMMON, and
 * data/search_usual.tsv (the variety a bare name means) into CL_SF_USUAL.
 */
#ifndef CL_SEARCH_INDEX_H
#define CL_SEARCH_INDEX_H

#include <sqlite3.h>
#include <stddef.h>

int cl_search_index_create(sqlite3 *db);
int cl_search_index_build(sqlite3 *db);

/* Class flags of a search document. */
enum {
	CL_SF_BABY = 1,       /* group 0300, "Babyfood ...", "Infant formula ..." */
	CL_SF_FASTFOOD = 2,   /* group 2100 */
	CL_SF_RESTAURANT = 4, /* group 3600 */
	CL_SF_MEAL = 8,       /* group 2200: meals, entrees, side dishes */
	CL_SF_ETHNIC = 16,    /* group 3500: American Indian/Alaska Native foods */
	CL_SF_BRANDED = 32,   /* an ALL-CAPS brand word in the name */
	CL_SF_CLASS = 64,     /* the first segment names a class ("Fish"), not a food */
	CL_SF_PRODUCT = 128,  /* ... a class of products made from the food ("Soup, tomato") */
	CL_SF_COOKED = 256,   /* usually eaten cooked (data/search_forms.tsv): rice, meat, ... */
	CL_SF_COMMON = 512,   /* an everyday food (data/common_foods.tsv, NIH ODS tables) */
	CL_SF_USUAL = 1024,   /* the usual variety of a food (data/search_usual.tsv) */
};

/* Kinds of name words, stored as a one-character prefix in search_doc.segs
 * so that scoring a candidate needs no word-list look-ups.  The lists live
 * beside the weights in search.c. */
#define CL_SK_NEUTRAL '~'   /* does not change what the food is ("enriched") */
#define CL_SK_PROCESSED '-' /* a processed form ("dried", "canned") */
#define CL_SK_WITH_SALT '$' /* "salt" in "with salt" */
#define CL_SK_PLAIN '+'     /* the default form ("raw", "whole") */
#define CL_SK_PREP '^'      /* a preparation ("boiled") */
#define CL_SK_IMITATION '='  /* another food standing in ("meatless", "imitation") */
#define CL_SK_PRODUCT '@'    /* a product noun ("cakes", "butter"): another food when unasked */

/* The kind of a stemmed name word given the words around it ("" if none), or 0. */
char cl_search_word_kind(const char *stem, const char *prev, const char *next);

/* The prior of a food (its class penalties, how well described it is, how
 * long its name is): the order the index numbers documents in. */
double cl_search_prior(int flags, int nmeasures, int nnutrients, int nwords);

/* The longest word the search looks at; longer words are cut. */
#define CL_SEARCH_WORD_MAX 48

/*
 * Light English plural folding used on both sides ("bananas" -> "banana",
 * "berries" -> "berry", "tomatoes" -> "tomato").  Writes at most
 * CL_SEARCH_WORD_MAX bytes plus NUL into out and returns the length.
 */
size_t cl_search_stem(char *out, const char *word, size_t len);

/* Damerau-Levenshtein (optimal string alignment) distance, capped at max+1. */
int cl_search_distance(const char *a, size_t la, const char *b, size_t lb, int max);

/* The typo budget for a word of this length: 0, 1 or 2 edits. */
int cl_search_typo_budget(size_t len);

/* Reads a data file of tab-separated lines (search_index.c's reader). */
int cl_search_read_tsv(const char *file, int fields,
		       int (*fn)(void *arg, char **f, const char *path, int line), void *arg);

/* Writes search_desc from data/search_describe.tsv (search_describe.c). */
int cl_search_describe_write(sqlite3 *db);

/* Writes search_absent from data/absent_foods.tsv (search_absent.c); the
 * food table must be written first (each row's NDB is checked in it). */
int cl_search_absent_write(sqlite3 *db);

/* The files of synonyms and class words, under the knowledge-base directory. */
#define CL_SEARCH_SYNONYMS_FILE "search_synonyms.tsv"
#define CL_SEARCH_CLASSES_FILE "search_classes.tsv"
#define CL_SEARCH_FORMS_FILE "search_forms.tsv"
#define CL_SEARCH_COMMON_FILE "common_foods.tsv"
#define CL_SEARCH_USUAL_FILE "search_usual.tsv"
/* Describing words (cooking methods, parts, "no X"): search_describe.c. */
#define CL_SEARCH_DESCRIBE_FILE "search_describe.tsv"
/* Foods SR24 lacks and the nearest SR food to each: search_absent.c. */
#define CL_SEARCH_ABSENT_FILE "absent_foods.tsv"
/* Dishes SR names only as fast food: search_dish. */
#define CL_SEARCH_DISHES_FILE "search_dishes.tsv"
/* Food words from WordNet 3.0 (scripts/wordnet_foods.py): fallback synonyms. */
#define CL_SEARCH_WORDNET_FILE "search_wordnet.tsv"

#endif

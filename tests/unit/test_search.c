/*
 * Unit tests of food search: the word helpers (plural folding, edit
 * distance, typo budget, word kinds), the index builder over a small
 * database written through the importer's writer (class flags, brand words,
 * synonyms, a bad synonyms file), and cl_food_search's input checks and
 * typo correction over the real SR24 database ($CRAMPLAB_DB), whose answers
 * are the same before and after a handle holds its search documents (and
 * the FTS5 rowids it keeps of each term, test_held_terms).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "cramplab/fooddb.h"
#include "foodwrite.h"
#include "search_docs.h"
#include "search_index.h"

static void expect_stem(const char *word, const char *stem)
{
	char out[CL_SEARCH_WORD_MAX + 1];
	size_t n = cl_search_stem(out, word, strlen(word));
	assert_string_equal(out, stem);
	assert_int_equal(n, strlen(stem));
}

static void test_stem(void **state)
{
	(void)state;
	expect_stem("bananas", "banana");
	expect_stem("banana", "banana");
	expect_stem("berries", "berry");
	expect_stem("berry", "berry");
	expect_stem("tomatoes", "tomato");
	expect_stem("peaches", "peach");
	expect_stem("cookies", "cooky");
	expect_stem("cookie", "cooky");
	expect_stem("hummus", "hummus"); /* -us is not a plural */
	expect_stem("swiss", "swiss");
	expect_stem("oats", "oat");
	expect_stem("gas", "gas"); /* three letters are left alone */
	expect_stem("2%", "2%");
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(cl_search_distance("banana", 6, "banana", 6, 2), 0);
	assert_int_equal(cl_search_distance("bannana", 7, "banana", 6, 2), 1);  /* insertion */
	assert_int_equal(cl_search_distance("avacado", 7, "avocado", 7, 2), 1); /* substitution */
	assert_int_equal(cl_search_distance("appel", 5, "apple", 5, 2), 1);     /* transposition */
	assert_int_equal(cl_search_distance("brocoli", 7, "broccoli", 8, 2), 1);
	assert_int_equal(cl_search_distance("kale", 4, "milk", 4, 2), 3); /* capped at max + 1 */
	assert_int_equal(cl_search_distance("a", 1, "abcdef", 6, 2), 3);
}

static void test_typo_budget(void **state)
{
	(void)state;
	assert_int_equal(cl_search_typo_budget(3), 0); /* "tea" is never "pea" */
	assert_int_equal(cl_search_typo_budget(4), 0); /* "cafe" is never "cake" */
	assert_int_equal(cl_search_typo_budget(5), 1);
	assert_int_equal(cl_search_typo_budget(6), 1);
	assert_int_equal(cl_search_typo_budget(7), 2);
}

static void test_word_kind(void **state)
{
	(void)state;
	assert_int_equal(cl_search_word_kind("raw", "", ""), CL_SK_PLAIN);
	assert_int_equal(cl_search_word_kind("dried", "", ""), CL_SK_PROCESSED);
	assert_int_equal(cl_search_word_kind("boiled", "", ""), CL_SK_PREP);
	assert_int_equal(cl_search_word_kind("enriched", "", ""), CL_SK_NEUTRAL);
	assert_int_equal(cl_search_word_kind("salt", "with", ""), CL_SK_WITH_SALT);
	assert_int_equal(cl_search_word_kind("salt", "without", ""), 0);
	assert_int_equal(cl_search_word_kind("banana", "", ""), 0);
	assert_int_equal(cl_search_word_kind("whole", "", ""), CL_SK_PLAIN);
	assert_int_equal(cl_search_word_kind("whole", "", "wheat"), 0);
	assert_int_equal(cl_search_word_kind("meatless", "", ""), CL_SK_IMITATION);
}

/* ---- a small database through the writer -------------------------------- */

static char tmpdir[64];
static char dbpath[128];

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int add_food(cl_foodwriter *w, const char *ndb, const char *name, const char *group)
{
	cl_food f = {0};
	snprintf(f.ndb, sizeof(f.ndb), "%s", ndb);
	f.name = (char *)name;
	snprintf(f.group_code, sizeof(f.group_code), "%s", group);
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		f.per_100g[i] = NAN;
	return cl_foodwriter_food(w, &f);
}

static int build_small(void)
{
	cl_foodwriter *w = NULL;
	int rc = cl_foodwriter_begin(&w, dbpath, "unit test");
	if (rc)
		return rc;
	if ((rc = cl_foodwriter_group(w, "0900", "Fruits and Fruit Juices")) ||
	    (rc = cl_foodwriter_group(w, "0300", "Baby Foods")) ||
	    (rc = add_food(w, "09040", "Bananas, raw", "0900")) ||
	    (rc = add_food(w, "09041", "Bananas, dehydrated, or banana powder", "0900")) ||
	    (rc = add_food(w, "03143", "Babyfood, fruit, bananas with tapioca, strained", "0300")) ||
	    (rc = add_food(w, "16259", "SILK Banana-Strawberry soy Yogurt", "0900")) ||
	    (rc = add_food(w, "11935", "Catsup", "0900"))) {
		cl_foodwriter_abort(w);
		return rc;
	}
	return cl_foodwriter_commit(w);
}

/* data/absent_foods.tsv rows: one whose nearest food this release has,
 * one whose nearest it lacks (left out, not a failure) */
#define ABSENT_ROWS                                                                              \
	"# test absent foods\n"                                                                  \
	"Banana Smoothies\t09040\tSR has no banana smoothie; the nearest is the fruit\n"        \
	"kombucha\t14355\tthe nearest food is not in this release: left out\n"

static int setup_small(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cl-test-search-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/foods.db", tmpdir);
	write_file(tmpdir, CL_SEARCH_SYNONYMS_FILE,
		   "# test synonyms\nketchup\tcatsup\tSR spelling\nbannanna\tbanana\ta typo\n");
	write_file(tmpdir, CL_SEARCH_CLASSES_FILE, "fish\ta class\n");
	write_file(tmpdir, CL_SEARCH_FORMS_FILE, "# test forms\n09\tpowder\tcooked\ta name word decides\n");
	write_file(tmpdir, CL_SEARCH_COMMON_FILE, "# test common foods\ncatsup\tods_k\n");
	write_file(tmpdir, CL_SEARCH_USUAL_FILE,
		   "# test usual varieties\nbananas raw\ta bare banana is the fresh fruit\n");
	write_file(tmpdir, CL_SEARCH_DESCRIBE_FILE,
		   "# test describing words\n"
		   "not\tpowder free\twithout powder|no powder\t\"X free\" does not ask for X\n"
		   "method\tBoiled\tboiled|cooked\ta method and its class\n");
	/* WordNet rows: a fallback only (see test_wordnet_fallback) */
	write_file(tmpdir, CL_SEARCH_WORDNET_FILE,
		   "# test WordNet rows\n"
		   "plantain\tbanana\ta word no name has: kept\n"
		   "banana\tcatsup\ta word the names have: dropped\n"
		   "ketchup\tbanana\ta hand-written phrase: the hand-written row wins\n"
		   "bannannas\tcatsup\tthe plural of a hand-written phrase: dropped\n"
		   "tomato sauce\tketchup\ta target the hand-written rows rewrite: catsup\n"
		   "banan\tcatsup\tthe start of a name word, read as a prefix: dropped\n");
	write_file(tmpdir, CL_SEARCH_ABSENT_FILE, ABSENT_ROWS);
	write_file(tmpdir, CL_SEARCH_DISHES_FILE,
		   "# test dishes SR names only as fast food\ntaco\ta fast-food dish\n");
	setenv("CRAMPLAB_DATA", tmpdir, 1);
	return 0;
}

static int teardown_small(void **state)
{
	char path[256];
	(void)state;
	const char *files[] = {"foods.db", CL_SEARCH_SYNONYMS_FILE, CL_SEARCH_CLASSES_FILE,
			       CL_SEARCH_FORMS_FILE, CL_SEARCH_COMMON_FILE, CL_SEARCH_USUAL_FILE,
			       CL_SEARCH_WORDNET_FILE, CL_SEARCH_DESCRIBE_FILE, CL_SEARCH_ABSENT_FILE,
			       CL_SEARCH_DISHES_FILE};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	unsetenv("CRAMPLAB_DATA");
	return 0;
}

static int flags_of(const char *ndb)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int flags = -1;
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT d.flags FROM search_doc d JOIN food f"
					    " ON f.id = d.food_id WHERE f.ndb = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, ndb, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		flags = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return flags;
}

/* search_stat's counts for a stem: names holding it, names it names, and
 * names whose food segment it is the noun of. */
static void stat_of(const char *stem, long *df, long *heads, long *nouns)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	*df = *heads = *nouns = -1;
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT df, heads, nouns FROM search_stat WHERE stem = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, stem, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*df = sqlite3_column_int64(st, 0);
		*heads = sqlite3_column_int64(st, 1);
		*nouns = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_index_build(void **state)
{
	(void)state;
	assert_int_equal(build_small(), CL_OK);
	assert_int_equal(flags_of("09040"), CL_SF_USUAL);
	assert_true(flags_of("03143") & CL_SF_BABY);
	assert_true(flags_of("16259") & CL_SF_BRANDED); /* "SILK" is never written in lower case */
	/* data/search_forms.tsv: the group and a word of the name pick the foods eaten cooked */
	assert_true(flags_of("09041") & CL_SF_COOKED);
	assert_false(flags_of("09040") & CL_SF_COOKED);
	/* data/common_foods.tsv: a name prefix at a word boundary */
	assert_true(flags_of("11935") & CL_SF_COMMON);
	/* data/search_usual.tsv: the same prefixes, its own flag */
	assert_true(flags_of("09040") & CL_SF_USUAL); /* "Bananas, raw" */
	assert_false(flags_of("09041") & CL_SF_USUAL);
	/* search_stat: "banana" stands in four names (once each, though "Bananas,
	 * dehydrated, or banana powder" says it twice) and names the food in the
	 * two it heads; the babyfood and the yogurt are other foods */
	long df, heads, nouns;
	stat_of("banana", &df, &heads, &nouns);
	assert_int_equal(df, 4);
	assert_int_equal(heads, 2);
	assert_int_equal(nouns, 2); /* no category path here: the first segment */
	stat_of("yogurt", &df, &heads, &nouns); /* the noun of a one-segment name */
	assert_int_equal(df, 1);
	assert_int_equal(heads, 1);
	stat_of("fruit", &df, &heads, &nouns); /* "Babyfood, fruit, ...": a detail */
	assert_int_equal(df, 1);
	assert_int_equal(heads, 0);
	stat_of("raw", &df, &heads, &nouns); /* only describes: the noun of no name */
	assert_true(df > 0);
	assert_int_equal(heads, 0);
	assert_int_equal(nouns, 0);

	cl_fooddb *db = NULL;
	cl_food_hits hits = {0};
	assert_int_equal(cl_fooddb_open(&db, dbpath), CL_OK);
	assert_int_equal(cl_food_search(&hits, db, "banana", 10), CL_OK);
	assert_int_equal(hits.count, 4);
	assert_string_equal(hits.hits[0].ndb, "09040");
	/* baby food and the branded yogurt come after the generic foods */
	assert_string_equal(hits.hits[2].ndb, "16259");
	assert_string_equal(hits.hits[3].ndb, "03143");
	cl_food_hits_free(&hits);
	assert_int_equal(cl_food_search(&hits, db, "ketchup", 10), CL_OK); /* synonym */
	assert_int_equal(hits.count, 1);
	assert_string_equal(hits.hits[0].ndb, "11935");
	cl_food_hits_free(&hits);
	assert_int_equal(cl_food_search(&hits, db, "baby food bananas", 10), CL_OK);
	assert_true(hits.count >= 1);
	assert_string_equal(hits.hits[0].ndb, "03143");
	cl_food_hits_free(&hits);
	cl_fooddb_close(db);
}

/* The SR-wording a phrase is rewritten to, or "" when it has no row. */
static const char *repl_of(const char *phrase)
{
	static char out[128];
	sqlite3 *db;
	sqlite3_stmt *st;
	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT repl FROM search_syn WHERE phrase = ?", -1,
					    &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* data/search_wordnet.tsv fills gaps only: never a word the names have,
 * never over a hand-written synonym, and its targets go through them. */
static void test_wordnet_fallback(void **state)
{
	(void)state;
	assert_int_equal(build_small(), CL_OK);
	assert_string_equal(repl_of("plantain"), "banana");
	assert_string_equal(repl_of("banana"), "");
	assert_string_equal(repl_of("ketchup"), "catsup");
	assert_string_equal(repl_of("bannannas"), "");
	assert_string_equal(repl_of("tomato sauce"), "catsup");
	assert_string_equal(repl_of("banan"), "");

	cl_fooddb *db = NULL;
	cl_food_hits hits = {0};
	assert_int_equal(cl_fooddb_open(&db, dbpath), CL_OK);
	assert_int_equal(cl_food_search(&hits, db, "plantain", 10), CL_OK);
	assert_true(hits.count >= 1);
	assert_string_equal(hits.hits[0].ndb, "09040");
	cl_food_hits_free(&hits);
	assert_int_equal(cl_food_search(&hits, db, "banana", 10), CL_OK); /* not catsup */
	assert_string_equal(hits.hits[0].ndb, "09040");
	cl_food_hits_free(&hits);
	/* a WordNet word is no typo target: "plantin" is not "plantain" (as
	 * "sunny" is not WordNet's "tunny"), while the hand-written ones are */
	assert_int_equal(cl_food_search(&hits, db, "plantin", 10), CL_OK);
	assert_int_equal(hits.count, 0);
	cl_food_hits_free(&hits);
	assert_int_equal(cl_food_search(&hits, db, "bannana", 10), CL_OK);
	assert_true(hits.count >= 1);
	assert_string_equal(hits.hits[0].ndb, "09040");
	cl_food_hits_free(&hits);
	cl_fooddb_close(db);

	/* a damaged row is refused naming the file and the line */
	write_file(tmpdir, CL_SEARCH_WORDNET_FILE, "# header\nplantain\tbanana\tok\nokra\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), CL_SEARCH_WORDNET_FILE " line 3"));
}

/* The top hit of a search on the small fixture (build_small). */
static const char *small_top(const char *query)
{
	static char ndb[8];
	cl_fooddb *db = NULL;
	cl_food_hits hits = {0};
	assert_int_equal(cl_fooddb_open(&db, dbpath), CL_OK);
	assert_int_equal(cl_food_search(&hits, db, query, 10), CL_OK);
	assert_true(hits.count >= 1);
	snprintf(ndb, sizeof(ndb), "%s", hits.hits[0].ndb);
	cl_food_hits_free(&hits);
	cl_fooddb_close(db);
	return ndb;
}

/* A bare word means its usual variety even where the row's details cost
 * more than a plainer name's ("Bananas, dehydrated, or banana powder"
 * against "Bananas, raw"), but not once the query says a state, nor when a
 * word of it could not be read (it may name another variety). */
static void test_usual_bare(void **state)
{
	(void)state;
	write_file(tmpdir, CL_SEARCH_USUAL_FILE, "bananas dehydrated\tthe fixture's usual banana\n");
	assert_int_equal(build_small(), CL_OK);
	assert_string_equal(small_top("banana"), "09041");
	assert_string_equal(small_top("raw banana"), "09040");
	assert_string_equal(small_top("banana qxzqxz"), "09040");
	write_file(tmpdir, CL_SEARCH_USUAL_FILE, "bananas raw\ta bare banana is the fresh fruit\n");
	assert_int_equal(build_small(), CL_OK);
	assert_string_equal(small_top("banana"), "09040");
}

static void test_bad_synonyms(void **state)
{
	(void)state;
	write_file(tmpdir, CL_SEARCH_SYNONYMS_FILE, "ketchup\tcatsup\tok\nmayo mayonnaise\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 2"));
	assert_non_null(strstr(cl_error_last(), CL_SEARCH_SYNONYMS_FILE));
	write_file(tmpdir, CL_SEARCH_SYNONYMS_FILE, "ketchup\tcatsup|cat-sup\tnot one word\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "not one word"));
	write_file(tmpdir, CL_SEARCH_SYNONYMS_FILE, "a\tb\tc\na\tb\tthe same phrase twice\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 2"));
}

/* data/search_describe.tsv: rows keyed by the folded phrase; "X free"
 * never asks for X; a malformed row fails the build with its line. */
static void test_describe(void **state)
{
	(void)state;
	assert_int_equal(build_small(), CL_OK);
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(dbpath, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT kind, repl FROM search_desc WHERE phrase = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, "boiled", -1, SQLITE_STATIC); /* folded: "Boiled" */
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "method");
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "boiled|cooked");
	sqlite3_finalize(st);
	sqlite3_close(raw);

	/* "powder" alone is the dehydrated bananas; "powder free" is not them */
	cl_fooddb *db = NULL;
	cl_food_hits hits = {0};
	assert_int_equal(cl_fooddb_open(&db, dbpath), CL_OK);
	assert_int_equal(cl_food_search(&hits, db, "bananas powder", 10), CL_OK);
	assert_true(hits.count >= 1);
	assert_string_equal(hits.hits[0].ndb, "09041");
	cl_food_hits_free(&hits);
	assert_int_equal(cl_food_search(&hits, db, "bananas powder free", 10), CL_OK);
	assert_true(hits.count >= 1);
	assert_string_equal(hits.hits[0].ndb, "09040");
	cl_food_hits_free(&hits);
	cl_fooddb_close(db);

	write_file(tmpdir, CL_SEARCH_DESCRIBE_FILE, "not\tno salt\twithout salt\tok\nsort\tx\ty\tz\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 2"));
	assert_non_null(strstr(cl_error_last(), CL_SEARCH_DESCRIBE_FILE));
	write_file(tmpdir, CL_SEARCH_DESCRIBE_FILE, "method\tfried\tpan fried\ttwo words\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "one word"));
	write_file(tmpdir, CL_SEARCH_DESCRIBE_FILE, "part\ta b c d\tx\tfour words\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "at most 3 words"));
	write_file(tmpdir, CL_SEARCH_DESCRIBE_FILE, "# empty\n");
}

/* ---- the real database ---------------------------------------------------- */

static cl_fooddb *sr;

static int setup_sr(void **state)
{
	(void)state;
	const char *path = getenv("CRAMPLAB_DB");
	return cl_fooddb_open(&sr, path && *path ? path : "../build/foods.db") == CL_OK ? 0 : -1;
}

static int teardown_sr(void **state)
{
	(void)state;
	cl_fooddb_close(sr);
	return 0;
}

static const char *top(const char *query)
{
	static char ndb[8];
	cl_food_hits hits = {0};
	assert_int_equal(cl_food_search(&hits, sr, query, 5), CL_OK);
	assert_true(hits.count > 0);
	snprintf(ndb, sizeof(ndb), "%s", hits.hits[0].ndb);
	cl_food_hits_free(&hits);
	return ndb;
}

static void test_bad_queries(void **state)
{
	cl_food_hits hits = {0};
	char longq[700];
	(void)state;
	assert_int_equal(cl_food_search(&hits, sr, "", 5), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "no words"));
	assert_int_equal(cl_food_search(&hits, sr, " ,.!? -- ", 5), CL_EINVAL);
	assert_int_equal(hits.count, 0);
	memset(longq, 'a', sizeof(longq) - 1);
	longq[sizeof(longq) - 1] = '\0';
	assert_int_equal(cl_food_search(&hits, sr, longq, 5), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "too long"));
	assert_int_equal(cl_food_search(&hits, sr, "a b c d e f g h i j k l m n", 5), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "too many words"));
	assert_int_equal(cl_food_search(&hits, sr, "\xff\xfe", 5), CL_EINVAL); /* not UTF-8 */
	assert_int_equal(cl_food_search(&hits, sr, "banana", 0), CL_OK);
	assert_int_equal(hits.count, 0);
	cl_food_hits_free(&hits);
	cl_food_hits_free(NULL);
}

static void test_no_match(void **state)
{
	cl_food_hits hits = {0};
	(void)state;
	assert_int_equal(cl_food_search(&hits, sr, "xqzvjkw", 5), CL_OK);
	assert_int_equal(hits.count, 0);
	assert_null(hits.hits);
}

static void test_typos(void **state)
{
	(void)state;
	assert_string_equal(top("bannana"), "09040");
	assert_string_equal(top("Bananna"), "09040");
	assert_string_equal(top("brocoli"), top("broccoli"));
	assert_string_equal(top("avacado"), top("avocado"));
	/* a correct word is never "corrected" into another */
	assert_string_equal(top("kale"), "11233");
	assert_string_equal(top("pear"), "09252");
	/* typo correction runs before synonyms: "courgete" -> courgette -> zucchini */
	assert_string_equal(top("courgete"), top("zucchini"));
}

static void test_forms(void **state)
{
	(void)state;
	assert_string_equal(top("BANANAS"), "09040");
	assert_string_equal(top("  banana, RAW!"), "09040");
	assert_string_equal(top("raw spinach"), top("spinach raw"));
	assert_string_equal(top("jalapeño"), top("jalapeno"));
	assert_string_equal(top("banan"), "09040"); /* a prefix, as while typing */
}

static void test_limit_and_order(void **state)
{
	cl_food_hits a = {0}, b = {0};
	(void)state;
	assert_int_equal(cl_food_search(&a, sr, "cheese", 20), CL_OK);
	assert_int_equal(a.count, 20);
	for (size_t i = 1; i < a.count; i++)
		assert_true(a.hits[i - 1].score >= a.hits[i].score);
	assert_int_equal(cl_food_search(&b, sr, "cheese", 3), CL_OK);
	assert_int_equal(b.count, 3);
	for (size_t i = 0; i < b.count; i++)
		assert_string_equal(a.hits[i].ndb, b.hits[i].ndb); /* deterministic */
	cl_food_hits_free(&a);
	cl_food_hits_free(&b);
}

/* A handle holding its search documents in memory (search_docs.h) answers
 * as one reading them from the database: every pass of the search is
 * taken by one of these (every word, a cooking method narrowed then widened,
 * any word, a noun moved, a soup made from the noun, negations only). */
static void test_held_documents(void **state)
{
	static const char *const queries[] = {
		"banana", "cheese", "red onion", "avocado mashed", "onions fried", "pizza sauce",
		"tomato soup", "edamame beans", "black tea no milk", "no milk no sugar",
		"chicken breast raw skinless", "hashbrown potatoes fried", "xqzvjkw", "banan",
		/* foods eaten cooked: their kept cuts say which words are cooking words */
		"rice", "chicken breast", "lentils"};
	const size_t nq = sizeof(queries) / sizeof(queries[0]);
	const char *path = getenv("CRAMPLAB_DB");
	cl_fooddb *warm = NULL;
	const cl_search_docs *docs = NULL;
	(void)state;
	path = path && *path ? path : "../build/foods.db";
	assert_int_equal(cl_fooddb_open(&warm, path), CL_OK);
	for (size_t i = 0; i < CL_SEARCH_DOCS_AFTER + 1; i++) {
		cl_food_hits hits = {0};
		assert_int_equal(cl_food_search(&hits, warm, queries[i % nq], 5), CL_OK);
		cl_food_hits_free(&hits);
	}
	assert_int_equal(cl_search_docs_get(&docs, warm), CL_OK);
	assert_non_null(docs);
	/* twice over: the second round scores every name from the words the
	 * first kept of it (cl_search_docs_note), not from its text */
	for (size_t i = 0; i < 2 * nq; i++) {
		cl_fooddb *cold = NULL;
		cl_food_hits a = {0}, b = {0};
		assert_int_equal(cl_fooddb_open(&cold, path), CL_OK);
		assert_int_equal(cl_food_search(&a, cold, queries[i % nq], 20), CL_OK);
		assert_int_equal(cl_food_search(&b, warm, queries[i % nq], 20), CL_OK);
		assert_int_equal(a.count, b.count);
		for (size_t k = 0; k < a.count; k++) {
			assert_string_equal(a.hits[k].ndb, b.hits[k].ndb);
			assert_true(a.hits[k].score == b.hits[k].score);
		}
		cl_food_hits_free(&a);
		cl_food_hits_free(&b);
		cl_fooddb_close(cold);
	}
	cl_fooddb_close(warm);
}

/* FTS5's rowids for expr that have a held document, at most max. */
static size_t fts_docs(cl_fooddb *db, const cl_search_docs *docs, const char *expr, size_t max,
		       uint32_t *ids)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	assert_int_equal(sqlite3_prepare_v2(cl_fooddb_sqlite(db),
					    "SELECT rowid FROM food_fts WHERE food_fts MATCH ?1", -1,
					    &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		if (cl_search_docs_find(docs, sqlite3_column_int64(st, 0)))
			ids[n++] = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A handle holding its documents answers an expression from the rowids it
 * kept of each term: the documents FTS5 gives, in its order and under the
 * same cap, the first time (terms read) and the second (terms kept); an
 * expression of another form is left to FTS5. */
static void test_held_terms(void **state)
{
	static const char *const answered[] = {
		"(\"banana\")", "(\"raw\") AND (\"onion\" OR \"onions\")",
		"(\"green\") OR (\"beans\") OR (\"raw\")", "(\"xqzvjkw\")",
		"(\"cheese\") AND (\"xqzvjkw\")", "(\"milk\" OR \"milks\") AND (\"2\")"};
	static const char *const refused[] = {"\"banana\"", "(\"milk\") AND (\"2\") OR (\"raw\")",
					      "(\"milk\" \"raw\")", "(banana)", "(\"banana\") AND"};
	const char *path = getenv("CRAMPLAB_DB");
	cl_fooddb *db = NULL;
	const cl_search_docs *docs = NULL;
	uint32_t got[400], want[400];
	size_t n = 0;
	int done = 0;
	(void)state;
	assert_int_equal(cl_fooddb_open(&db, path && *path ? path : "../build/foods.db"), CL_OK);
	for (size_t i = 0; i < CL_SEARCH_DOCS_AFTER + 1; i++) {
		cl_food_hits hits = {0};
		assert_int_equal(cl_food_search(&hits, db, "cheese", 5), CL_OK);
		cl_food_hits_free(&hits);
	}
	assert_int_equal(cl_search_docs_get(&docs, db), CL_OK);
	assert_non_null(docs);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(answered) / sizeof(*answered); i++) {
			size_t max = i == 2 ? 400 : 50;
			assert_int_equal(cl_search_docs_match(docs, db, answered[i], max, got, &n, &done),
					 CL_OK);
			assert_int_equal(done, 1);
			assert_int_equal(n, fts_docs(db, docs, answered[i], max, want));
			assert_memory_equal(got, want, n * sizeof(*got));
		}
	assert_true(n > 0); /* the last expression finds 2% milks */
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		assert_int_equal(cl_search_docs_match(docs, db, refused[i], 50, got, &n, &done), CL_OK);
		assert_int_equal(done, 0);
	}
	/* whether any row holds an expression, as FTS5 says (the typo and
	 * brand checks' look-ups): found and not found, and refused alike */
	for (size_t i = 0; i < sizeof(answered) / sizeof(*answered); i++) {
		int has = -1;
		assert_int_equal(cl_search_docs_exists(docs, db, answered[i], &has, &done), CL_OK);
		assert_int_equal(done, 1);
		assert_int_equal(has, fts_docs(db, docs, answered[i], 1, want) > 0);
		assert_int_equal(has, i != 3 && i != 4); /* xqzvjkw is in no name */
	}
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		int has = -1;
		assert_int_equal(cl_search_docs_exists(docs, db, refused[i], &has, &done), CL_OK);
		assert_int_equal(done, 0);
	}
	/* a term's presence, kept once known */
	assert_int_equal(cl_search_docs_has(docs, "\"banana\""), 1);
	assert_int_equal(cl_search_docs_has(docs, "\"xqzvjkw\""), 0);
	assert_int_equal(cl_search_docs_has(docs, "\"zucchini\""), -1);
	assert_int_equal(cl_search_docs_know(docs, "\"zucchini\"", 1), CL_OK);
	assert_int_equal(cl_search_docs_has(docs, "\"zucchini\""), 1);
	cl_fooddb_close(db);
}

/* data/absent_foods.tsv: a phrase is found among a text's words, folded and
 * singular, and named as the file writes it; a row whose nearest food the
 * release lacks is left out; a malformed row fails the build with its line. */
static void test_absent(void **state)
{
	(void)state;
	assert_int_equal(build_small(), CL_OK);
	cl_fooddb *db = NULL;
	char *written = NULL, ndb[8];
	assert_int_equal(cl_fooddb_open(&db, dbpath), CL_OK);
	assert_int_equal(cl_food_absent(&written, ndb, db, "2 cups banana smoothie, chilled"), CL_OK);
	assert_non_null(written);
	assert_string_equal(written, "Banana Smoothies");
	assert_string_equal(ndb, "09040");
	free(written);
	assert_int_equal(cl_food_absent(&written, ndb, db, "1 cup kombucha"), CL_OK);
	assert_null(written);
	assert_int_equal(cl_food_absent(&written, ndb, db, "banana"), CL_OK);
	assert_null(written);
	/* only the head of the food's name: words after it that name another
	 * food make it describe that one; a serving word, "with ..." or a
	 * comma's description leave it the food */
	assert_int_equal(cl_food_absent(&written, ndb, db, "1 banana smoothie bowl"), CL_OK);
	assert_null(written);
	assert_int_equal(cl_food_absent(&written, ndb, db, "banana smoothies iced (2 cups)"),
			 CL_OK);
	assert_non_null(written);
	free(written);
	assert_int_equal(cl_food_absent(&written, ndb, db, "banana smoothie with ice cream"),
			 CL_OK);
	assert_non_null(written);
	free(written);
	/* a word longer than the search looks at breaks the phrase: it is not
	 * skipped */
	char line[200];
	snprintf(line, sizeof(line), "1 cup banana %060d smoothie", 0);
	assert_int_equal(cl_food_absent(&written, ndb, db, line), CL_OK);
	assert_null(written);
	cl_fooddb_close(db);

	write_file(tmpdir, CL_SEARCH_ABSENT_FILE, "green tea\t09040\tok\na b c d\t09040\tfour words\n");
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 2"));
	assert_non_null(strstr(cl_error_last(), CL_SEARCH_ABSENT_FILE));
	write_file(tmpdir, CL_SEARCH_ABSENT_FILE, "green tea\t9040\tnot five digits\n");
	assert_int_equal(build_small(), CL_EINVAL);
	/* a word too long to look at, or a phrase too long for its key, is an
	 * error naming the line, not a shorter key ("blue tea") */
	char rows[400], w[4][CL_SEARCH_WORD_MAX + 3];
	for (int i = 0; i < 4; i++) { /* words of 50 letters, then of 46 */
		memset(w[i], "xyzw"[i], CL_SEARCH_WORD_MAX + 2);
		w[i][CL_SEARCH_WORD_MAX + 2] = '\0';
	}
	snprintf(rows, sizeof(rows), "green tea\t09040\tok\nblue %s tea\t09040\ta long word\n", w[0]);
	write_file(tmpdir, CL_SEARCH_ABSENT_FILE, rows);
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 2"));
	assert_non_null(strstr(cl_error_last(), CL_SEARCH_ABSENT_FILE));
	for (int i = 0; i < 4; i++)
		w[i][CL_SEARCH_WORD_MAX - 2] = '\0';
	snprintf(rows, sizeof(rows), "%s %s %s %s\t09040\ttoo long a key\n", w[0], w[1], w[2],
		 w[3]);
	write_file(tmpdir, CL_SEARCH_ABSENT_FILE, rows);
	assert_int_equal(build_small(), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 1"));
	write_file(tmpdir, CL_SEARCH_ABSENT_FILE, ABSENT_ROWS);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_stem),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_typo_budget),
		cmocka_unit_test(test_word_kind),
	};
	const struct CMUnitTest small[] = {
		cmocka_unit_test(test_index_build),
		cmocka_unit_test(test_absent), /* (before the tests that leave a file bad) */
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_usual_bare),
		cmocka_unit_test(test_wordnet_fallback),
		cmocka_unit_test(test_bad_synonyms),
	};
	const struct CMUnitTest real[] = {
		cmocka_unit_test(test_bad_queries),   cmocka_unit_test(test_no_match),
		cmocka_unit_test(test_typos),         cmocka_unit_test(test_forms),
		cmocka_unit_test(test_limit_and_order), cmocka_unit_test(test_held_documents),
		cmocka_unit_test(test_held_terms),
	};
	int failed = cmocka_run_group_tests_name("search words", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("search index", small, setup_small, teardown_small);
	failed += cmocka_run_group_tests_name("search SR24", real, setup_sr, teardown_sr);
	return failed;
}

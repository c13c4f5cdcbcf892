/*
 * Food rules over the whole SR24 database: no animal food passes the vegan
 * filter, no meat or fish the vegetarian one, no dairy or gluten the avoid
 * filters.  The word lists here are typed independently of
 * data/food_rules.json, so a word dropped from the data is caught.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "cramplab/foodrules.h"
#include "cramplab/rich.h"
#include "fooddb_internal.h"
#include "foodrules_internal.h"
#include "textfold.h"

static cl_food_rules *rules;
static cl_fooddb *db;

static int setup(void **state)
{
	(void)state;
	const char *path = getenv("CRAMPLAB_DB");
	if (cl_food_rules_load(&rules, "../data/food_rules.json") != CL_OK)
		return -1;
	return cl_fooddb_open(&db, path ? path : "../build/foods.db");
}

static int teardown(void **state)
{
	(void)state;
	cl_food_rules_free(rules);
	cl_fooddb_close(db);
	return 0;
}

static bool has_word(const char *folded, const char *word)
{
	char padded[1024], w[80];
	if (strlen(folded) > 1000 || strlen(word) > 70)
		return false;
	snprintf(padded, sizeof(padded), " %.1000s ", folded);
	snprintf(w, sizeof(w), " %.70s ", word);
	return strstr(padded, w) != NULL;
}

/* Checks every food the filter lets through against forbidden groups and words. */
static void check_whole_database(const cl_food_filter *filter, const char *const *groups,
				 const char *const *words, const char *const *allowed_phrases,
				 size_t *passed)
{
	sqlite3_stmt *st;
	sqlite3 *s = cl_fooddb_sqlite(db);
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT name, folded, coalesce(group_code, '') FROM food",
					    -1, &st, NULL),
			 SQLITE_OK);
	*passed = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *folded = (const char *)sqlite3_column_text(st, 1);
		const char *group = (const char *)sqlite3_column_text(st, 2);
		char why[128];
		if (cl_food_rules_diet_excluded(rules, filter, folded, group, why, sizeof(why)))
			continue;
		(*passed)++;
		for (int i = 0; groups[i]; i++)
			if (strcmp(group, groups[i]) == 0)
				fail_msg("%s (group %s) passed the %s filter", name, group,
					 filter->diet ? filter->diet : filter->avoid[0]);
		char masked[1024];
		snprintf(masked, sizeof(masked), "%.1000s", folded);
		for (int i = 0; allowed_phrases && allowed_phrases[i]; i++) {
			char *at = strstr(masked, allowed_phrases[i]);
			if (at)
				memset(at, '_', strlen(allowed_phrases[i]));
		}
		for (int i = 0; words[i]; i++)
			if (has_word(masked, words[i]))
				fail_msg("%s passed the %s filter with '%s'", name,
					 filter->diet ? filter->diet : filter->avoid[0], words[i]);
	}
	sqlite3_finalize(st);
}

static const char *const meat_groups[] = {"0500", "0700", "1000", "1300", "1500", "1700", NULL};
static const char *const animal_groups[] = {"0100", "0500", "0700", "1000", "1300",
					    "1500", "1700", NULL};
static const char *const meat_words[] = {
	"beef", "pork", "chicken", "turkey", "lamb", "veal", "ham", "bacon", "sausage", "fish",
	"salmon", "tuna", "shrimp", "crab", "lobster", "clam", "oyster", "anchovy", "sardine",
	"gelatin", "lard", "venison", "duck", "goose", "meat", "broth", "liver", "pepperoni",
	"salami", "frankfurter", "bologna", "squid", "octopus", "mussel", "scallop", "caviar", NULL};
static const char *const animal_words[] = {
	"beef", "pork", "chicken", "turkey", "lamb", "veal", "ham", "bacon", "sausage", "fish",
	"salmon", "tuna", "shrimp", "crab", "lobster", "clam", "oyster", "anchovy", "sardine",
	"gelatin", "lard", "venison", "duck", "goose", "meat", "broth", "liver", "milk", "cheese",
	"butter", "cream", "yogurt", "whey", "casein", "egg", "eggs", "honey", "mayonnaise", "ghee",
	"buttermilk", "custard", "lactose", "pepperoni", "salami", NULL};
static const char *const vegan_ok[] = {"peanut butter", "soymilk", "coconut milk", "coconut cream",
				       "almond butter", "cashew butter", "sesame butter", "cocoa butter",
				       "apple butter", "cream of tartar", "meatless", "milk free",
				       "non dairy", "nondairy", "cream of wheat", NULL};
static const char *const dairy_words[] = {"milk", "cheese", "butter", "cream", "yogurt", "whey",
					  "casein", "buttermilk", "ghee", "kefir", NULL};
static const char *const gluten_words[] = {"wheat", "barley", "rye", "malt", "bread", "pasta",
					   "spaghetti", "macaroni", "noodles", "couscous", "bulgur",
					   "semolina", "seitan", "crackers", "cookies", "flour", NULL};
static const char *const gluten_ok[] = {"gluten free", "rice noodles", "buckwheat", "wheat free",
					NULL};
static const char *const no_groups[] = {NULL};

static void vegan_lets_no_animal_food_through(void **state)
{
	(void)state;
	cl_food_filter f = {.diet = "vegan"};
	size_t passed;
	check_whole_database(&f, animal_groups, animal_words, vegan_ok, &passed);
	assert_true(passed > 1500); /* plant foods remain */
}

static void vegetarian_lets_no_meat_or_fish_through(void **state)
{
	(void)state;
	cl_food_filter f = {.diet = "vegetarian"};
	size_t passed;
	check_whole_database(&f, meat_groups, meat_words, vegan_ok, &passed);
	assert_true(passed > 3000);
}

static void dairy_free_and_gluten_free(void **state)
{
	(void)state;
	const char *dairy[] = {"dairy"}, *gluten[] = {"gluten"};
	cl_food_filter f = {.avoid = dairy, .navoid = 1};
	size_t passed;
	check_whole_database(&f, no_groups, dairy_words, vegan_ok, &passed);
	assert_true(passed > 4000);
	cl_food_filter g = {.avoid = gluten, .navoid = 1};
	check_whole_database(&g, no_groups, gluten_words, gluten_ok, &passed);
	assert_true(passed > 4000);
}

static void unknown_filters_are_refused(void **state)
{
	(void)state;
	const char *bad[] = {"dairy", "chocolate"};
	cl_food_filter f = {.diet = "pescatarian"};
	assert_int_equal(cl_food_rules_check_filter(rules, &f), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "unknown diet 'pescatarian'"));
	cl_food_filter g = {.avoid = bad, .navoid = 2};
	assert_int_equal(cl_food_rules_check_filter(rules, &g), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "chocolate"));
}

static void serving_of(const char *ndb, double grams, const char *label)
{
	cl_food *food = NULL;
	cl_serving s;
	sqlite3_stmt *st;
	assert_int_equal(cl_food_get(&food, db, ndb), CL_OK);
	assert_int_equal(sqlite3_prepare_v2(cl_fooddb_sqlite(db), "SELECT folded FROM food WHERE ndb = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, ndb, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	cl_food_rules_serving(&s, rules, food, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (fabs(s.grams - grams) > 0.01 || strcmp(s.label, label) != 0)
		fail_msg("%s: serving %s = %g g, expected %s = %g g", ndb, s.label, s.grams, label, grams);
	cl_food_free(food);
}

static void realistic_servings(void **state)
{
	(void)state;
	serving_of("09040", 118, "1 medium");             /* banana */
	serving_of("12061", 28.349523125, "1 oz");        /* almonds */
	serving_of("15086", 3 * 28.349523125, "3 oz");    /* sockeye salmon */
	serving_of("01123", 50, "1 large");               /* egg */
	serving_of("11458", 180, "1 cup");                /* spinach, boiled */
	serving_of("01077", 244, "1 cup");                /* whole milk */
}

static bool excluded(const char *ndb, const cl_food_filter *f)
{
	sqlite3_stmt *st;
	char why[128];
	assert_int_equal(sqlite3_prepare_v2(cl_fooddb_sqlite(db),
					    "SELECT name, folded, group_code FROM food WHERE ndb = ?", -1,
					    &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, ndb, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	bool out = cl_food_rules_excluded(rules, f, (const char *)sqlite3_column_text(st, 0),
					  (const char *)sqlite3_column_text(st, 1),
					  (const char *)sqlite3_column_text(st, 2), why, sizeof(why)) != NULL;
	sqlite3_finalize(st);
	return out;
}

static void suggestions_leave_out_what_is_not_eaten(void **state)
{
	(void)state;
	cl_food_filter f = {0}, organ = {.include_organ_meats = true};
	assert_false(excluded("09040", &f)); /* banana */
	assert_true(excluded("13325", &f));  /* beef liver: organ meat */
	assert_false(excluded("13325", &organ));
	assert_true(excluded("03002", &f));  /* baby food */
	assert_true(excluded("20081", &f));  /* wheat flour */
	assert_true(excluded("16014", &f));  /* black beans, mature seeds, raw (dry) */
	assert_false(excluded("16015", &f)); /* black beans, boiled */
	assert_true(excluded("19078", &f));  /* baking chocolate */
}

static void rich_lists_are_sane(void **state)
{
	(void)state;
	static const cl_nutrient keys[] = {CL_N_MAGNESIUM_MG, CL_N_POTASSIUM_MG, CL_N_CALCIUM_MG,
					   CL_N_IRON_MG, CL_N_VITAMIN_D_UG, CL_N_VITAMIN_B12_UG,
					   CL_N_THIAMIN_MG, CL_N_OMEGA3_G};
	static const char *diets[] = {"omnivore", "vegetarian", "vegan"};
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		for (size_t d = 0; d < 3; d++) {
			cl_rich_list list;
			cl_food_filter f = {.diet = diets[d]};
			assert_int_equal(cl_food_rich(&list, db, rules, keys[k], &f, 100.0, 20), CL_OK);
			if (keys[k] != CL_N_VITAMIN_B12_UG && keys[k] != CL_N_VITAMIN_D_UG)
				assert_int_equal(list.count, 20);
			for (size_t i = 0; i < list.count; i++) {
				const cl_rich_item *it = &list.items[i];
				assert_true(it->serving.grams > 0 && it->serving.grams <= 300);
				assert_true(it->per_serving > 0);
				/* Best first, a common food's amount weighted by the bonus. */
				double bonus = cl_food_rules_common_bonus(rules);
				double rank = it->per_serving * (it->common ? bonus : 1);
				if (i) {
					const cl_rich_item *prev = &list.items[i - 1];
					assert_true(prev->per_serving * (prev->common ? bonus : 1) >=
						    rank * (1 - 1e-12));
				}
				assert_float_equal(it->percent_target, it->per_serving, 1e-9);
				for (size_t j = 0; j < i; j++)
					assert_string_not_equal(list.items[j].ndb, it->ndb);
			}
			cl_rich_list_clear(&list);
		}
}

static void common_foods(void **state)
{
	(void)state;
	/* Prefixes at word boundaries, from data/common_foods.tsv. */
	assert_true(cl_food_rules_common(rules, "milk reduced fat fluid 2% milkfat with added vitamin a"));
	assert_true(cl_food_rules_common(rules, "bananas raw"));
	assert_true(cl_food_rules_common(rules, "spinach cooked boiled drained without salt"));
	assert_false(cl_food_rules_common(rules, "sports drink gatorade g2 low calorie"));
	assert_false(cl_food_rules_common(rules, "energy drink monster"));
	assert_false(cl_food_rules_common(rules, "bananasplit")); /* not a whole word */
	assert_false(cl_food_rules_common(rules, "raw bananas")); /* a prefix, not anywhere */
	assert_false(cl_food_rules_common(NULL, "bananas raw"));
	assert_true(cl_food_rules_common_bonus(rules) > 1);

	/* For vegans, fortified soy milk now ranks above the sports and energy drinks. */
	cl_rich_list list;
	cl_food_filter f = {.diet = "vegan"};
	assert_int_equal(cl_food_rich(&list, db, rules, CL_N_VITAMIN_B12_UG, &f, 2.4, 5), CL_OK);
	assert_true(list.count >= 3);
	assert_true(list.items[0].common);
	assert_non_null(strstr(list.items[0].name, "Soymilk"));
	size_t common = 0;
	for (size_t i = 0; i < list.count; i++)
		common += list.items[i].common;
	assert_true(common >= 2);
	cl_rich_list_clear(&list);
}

/*
 * Every prefix of data/common_foods.tsv is found, alone and followed by more
 * words: the prefixes are looked up by first letter (index_common), so a
 * prefix filed under the wrong letter would be missed.
 */
static void every_common_prefix_is_found(void **state)
{
	(void)state;
	FILE *f = fopen("../data/common_foods.tsv", "r");
	char line[512], longer[700];
	size_t n = 0;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\t\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *folded = NULL;
		assert_int_equal(cl_fold(&folded, line), CL_OK);
		char *t = folded + strspn(folded, " ");
		if (!cl_food_rules_common(rules, t))
			fail_msg("common prefix '%s' not found", t);
		snprintf(longer, sizeof(longer), "%s raw 1 cup", t);
		if (!cl_food_rules_common(rules, longer))
			fail_msg("'%s' not found common", longer);
		free(folded);
		n++;
	}
	fclose(f);
	assert_true(n > 50);
	assert_false(cl_food_rules_common(rules, ""));
	assert_false(cl_food_rules_common(rules, "\xc3\xa9" "clair")); /* a first byte no prefix has */
}

/* The plan's few amounts are those cl_food_get() reads, bit for bit, NAN where it has NAN. */
static void food_amounts_match_food_get(void **state)
{
	(void)state;
	const char *ndbs[] = {"09040", "15076", "01079", "11457", "ndb:16057"};
	cl_nutrient all[CL_NUTRIENT_COUNT];
	double got[CL_NUTRIENT_COUNT];
	for (int k = 0; k < CL_NUTRIENT_COUNT; k++)
		all[k] = (cl_nutrient)(CL_NUTRIENT_COUNT - 1 - k); /* any order */
	for (size_t i = 0; i < sizeof(ndbs) / sizeof(*ndbs); i++) {
		cl_food *food = NULL;
		assert_int_equal(cl_food_get(&food, db, ndbs[i]), CL_OK);
		assert_int_equal(cl_food_amounts(got, db, ndbs[i], all, CL_NUTRIENT_COUNT), CL_OK);
		size_t known = 0;
		for (int k = 0; k < CL_NUTRIENT_COUNT; k++) {
			double want = food->per_100g[all[k]];
			if (isnan(want)) {
				assert_true(isnan(got[k]));
				continue;
			}
			assert_memory_equal(&want, &got[k], sizeof(want));
			known++;
		}
		assert_true(known > 10);
		cl_food_free(food);
	}
	/* No such food: nothing recorded.  Not an NDB number: refused. */
	cl_nutrient kcal = CL_N_ENERGY_KCAL;
	assert_int_equal(cl_food_amounts(got, db, "99999", &kcal, 1), CL_OK);
	assert_true(isnan(got[0]));
	assert_int_equal(cl_food_amounts(got, db, "banana", &kcal, 1), CL_EINVAL);
}

static void common_foods_file_errors(void **state)
{
	(void)state;
	char dir[] = "/tmp/cl_common_XXXXXX", path[128], cmd[600];
	cl_food_rules *r = NULL;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/food_rules.json", dir);
	/* A copy of the rules whose common_foods file is missing, then has a bad bonus. */
	snprintf(cmd, sizeof(cmd), "jq '.common_foods.file = \"nope.tsv\"' ../data/food_rules.json > %s",
		 path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cl_food_rules_load(&r, path), CL_EIO);
	assert_non_null(strstr(cl_error_last(), "nope.tsv"));
	snprintf(cmd, sizeof(cmd), "jq '.common_foods.rank_bonus = 0' ../data/food_rules.json > %s", path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cl_food_rules_load(&r, path), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "rank_bonus"));
	snprintf(cmd, sizeof(cmd), "jq '.common_foods.file = \"../x.tsv\"' ../data/food_rules.json > %s",
		 path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cl_food_rules_load(&r, path), CL_EINVAL);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Every food of the database classified, with its identity and
 * preparation score, by two rule sets: the same answers. */
static void same_classes(const cl_food_rules *a, const cl_food_rules *b)
{
	sqlite3_stmt *st;
	size_t n = 0;
	assert_int_equal(sqlite3_prepare_v2(cl_fooddb_sqlite(db),
					    "SELECT name, folded, coalesce(group_code, '') FROM food",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *folded = (const char *)sqlite3_column_text(st, 1);
		const char *group = (const char *)sqlite3_column_text(st, 2);
		cl_food_class x, y;
		char ix[200], iy[200];
		assert_int_equal(cl_food_rules_classify(&x, a, name, folded, group), CL_OK);
		assert_int_equal(cl_food_rules_classify(&y, b, name, folded, group), CL_OK);
		assert_true(x.excluded == y.excluded && x.organ == y.organ && x.diets == y.diets &&
			    x.avoids == y.avoids);
		cl_food_rules_identity(ix, sizeof(ix), a, name);
		cl_food_rules_identity(iy, sizeof(iy), b, name);
		assert_string_equal(ix, iy);
		assert_int_equal(cl_food_rules_preparation_score(a, folded),
				 cl_food_rules_preparation_score(b, folded));
		assert_int_equal(cl_food_rules_common(a, folded), cl_food_rules_common(b, folded));
		n++;
	}
	sqlite3_finalize(st);
	assert_true(n > 7000);
}

/*
 * The compiled rules (foodrules.c) are the parsed ones: the same tables,
 * byte for byte, and the same answer for every food; a rules file or a
 * common-foods list whose bytes differ is parsed; a truncated or damaged
 * image is refused or parsed around, never trusted (ASan).
 */
static void compiled_rules(void **state)
{
	(void)state;
	const char *path = "../data/food_rules.json";
	cl_buf img = {0}, ta = {0}, tb = {0};
	cl_food_rules *parsed = NULL, *compiled = NULL;
	assert_int_equal(cl_food_rules_image_build(&img, path), CL_OK);
	assert_int_equal(cl_food_rules_load_parsed(&parsed, path), CL_OK);
	assert_int_equal(cl_food_rules_image_use(img.data, img.len), CL_OK);
	assert_int_equal(cl_food_rules_load(&compiled, path), CL_OK);
	assert_int_equal(cl_food_rules_tables(&ta, parsed), CL_OK);
	assert_int_equal(cl_food_rules_tables(&tb, compiled), CL_OK);
	assert_true(ta.len > 10000);
	assert_int_equal(ta.len, tb.len);
	assert_memory_equal(ta.data, tb.data, ta.len);
	assert_string_equal(cl_food_rules_hash(parsed), cl_food_rules_hash(compiled));
	assert_string_equal(cl_food_rules_common_hash(parsed), cl_food_rules_common_hash(compiled));
	same_classes(parsed, compiled);
	cl_food_rules_free(compiled);

	/* a copy with one common prefix changed: parsed, and it shows */
	char dir[] = "/tmp/cl_rules_img_XXXXXX", p[128], cmd[600];
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cp ../data/food_rules.json %s/ && sed '0,/^banana/s//bananas/' "
		 "../data/common_foods.tsv > %s/common_foods.tsv",
		 dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(p, sizeof(p), "%s/food_rules.json", dir);
	assert_int_equal(cl_food_rules_load(&compiled, p), CL_OK);
	cl_buf_free(&tb);
	assert_int_equal(cl_food_rules_tables(&tb, compiled), CL_OK);
	assert_true(tb.len != ta.len || memcmp(ta.data, tb.data, ta.len) != 0);
	assert_string_not_equal(cl_food_rules_common_hash(parsed),
				cl_food_rules_common_hash(compiled));
	cl_food_rules_free(compiled);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);

	/* cut short, or a byte of the tables damaged: the parsed rules */
	char *copy = malloc(img.len);
	assert_non_null(copy);
	for (size_t cut = 16; cut < img.len; cut += 613) {
		memcpy(copy, img.data, img.len);
		for (int i = 0; i < 8; i++)
			copy[8 + i] = (char)((uint64_t)cut >> (8 * i));
		assert_int_equal(cl_food_rules_image_use(copy, cut), CL_OK);
		assert_int_equal(cl_food_rules_load(&compiled, path), CL_OK);
		cl_buf_free(&tb);
		assert_int_equal(cl_food_rules_tables(&tb, compiled), CL_OK);
		assert_memory_equal(ta.data, tb.data, ta.len);
		cl_food_rules_free(compiled);
	}
	const unsigned char vals[] = {0, 1, ' ', 0x7f, 0xff};
	for (size_t i = img.len - ta.len; i < img.len; i += 211)
		for (size_t v = 0; v < sizeof(vals); v++) {
			memcpy(copy, img.data, img.len);
			copy[i] = (char)vals[v];
			assert_int_equal(cl_food_rules_image_use(copy, img.len), CL_OK);
			assert_int_equal(cl_food_rules_load(&compiled, path), CL_OK);
			cl_food_rules_free(compiled);
		}
	assert_int_equal(cl_food_rules_image_use(img.data, img.len - 1), CL_EINVAL);
	cl_food_rules_image_use(NULL, 0);
	free(copy);
	cl_food_rules_free(parsed);
	cl_buf_free(&img);
	cl_buf_free(&ta);
	cl_buf_free(&tb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vegan_lets_no_animal_food_through),
		cmocka_unit_test(vegetarian_lets_no_meat_or_fish_through),
		cmocka_unit_test(dairy_free_and_gluten_free),
		cmocka_unit_test(unknown_filters_are_refused),
		cmocka_unit_test(realistic_servings),
		cmocka_unit_test(suggestions_leave_out_what_is_not_eaten),
		cmocka_unit_test(rich_lists_are_sane),
		cmocka_unit_test(common_foods),
		cmocka_unit_test(common_foods_file_errors),
		cmocka_unit_test(every_common_prefix_is_found),
		cmocka_unit_test(food_amounts_match_food_get),
		cmocka_unit_test(compiled_rules),
	};
	return cmocka_run_group_tests_name("foodrules", tests, setup, teardown);
}

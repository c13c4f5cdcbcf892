/*
 * The food pool cache against the pools computed from the names: for every
 * diet, alone and with each food to avoid, all avoids together, and with
 * organ meats, the pool read from the cache the importer stored must hold
 * the same foods with the same serving, identity, preparation score and
 * energy, in the same order, and give the same lists for every nutrient.
 * The computed pool classifies with cl_food_rules_excluded(); the cache
 * with cl_food_rules_classify() and bit masks, so this compares two
 * implementations.  Rules whose bytes differ from those the cache was built
 * from must not use it.  Lists are compared at limits that walk the stored
 * ranking to its end and that stop it early, and from a cache without it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "cramplab/foodrules.h"
#include "cramplab/rich.h"
#include "rich_internal.h"

static cl_food_rules *rules;
static cl_fooddb *db;

static const char *const diets[] = {"omnivore", "vegetarian", "vegan"};
static const char *const avoids[] = {"dairy", "gluten", "nuts", "fish", "egg", "soy"};
#define NAVOIDS (sizeof(avoids) / sizeof(avoids[0]))

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

static void same_number(double a, double b)
{
	if (isnan(a) || isnan(b))
		assert_true(isnan(a) && isnan(b));
	else
		assert_memory_equal(&a, &b, sizeof(a)); /* bit for bit */
}

static void same_pool(const cl_food_pool *c, const cl_food_pool *k)
{
	assert_int_equal(c->count, k->count);
	assert_true(k->cached);
	assert_false(c->cached);
	for (size_t i = 0; i < c->count; i++) {
		const struct pooled *x = &c->foods[i], *y = &k->foods[i];
		assert_int_equal(x->id, y->id);
		assert_int_equal(x->prep_score, y->prep_score);
		assert_int_equal(x->common, y->common);
		same_number(x->serving.grams, y->serving.grams);
		same_number(x->kcal, y->kcal);
		/* the same place in identity order, and the same identities */
		assert_int_equal(c->order[i] - c->foods, k->order[i] - k->foods);
		if (i)
			assert_int_equal(c->order[i - 1]->identity_no == c->order[i]->identity_no,
					 k->order[i - 1]->identity_no == k->order[i]->identity_no);
		/* the strings a list shows, read from the cache's rows */
		cl_rich_item a = {0}, b = {0};
		assert_null(y->name);
		assert_int_equal(cl_food_pool_cached_text(&b, k, y), CL_OK);
		snprintf(a.ndb, sizeof(a.ndb), "%s", x->ndb);
		snprintf(a.group_code, sizeof(a.group_code), "%s", x->group_code);
		snprintf(a.serving.label, sizeof(a.serving.label), "%s", x->serving.label);
		assert_string_equal(a.ndb, b.ndb);
		assert_string_equal(a.group_code, b.group_code);
		assert_string_equal(a.serving.label, b.serving.label);
		assert_string_equal(x->name, b.name);
		free(b.name);
	}
}

static void same_list(const cl_rich_list *a, const cl_rich_list *b)
{
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		assert_string_equal(a->items[i].ndb, b->items[i].ndb);
		assert_string_equal(a->items[i].name, b->items[i].name);
		assert_string_equal(a->items[i].serving.label, b->items[i].serving.label);
		same_number(a->items[i].per_serving, b->items[i].per_serving);
		same_number(a->items[i].per_100kcal, b->items[i].per_100kcal);
		same_number(a->items[i].percent_target, b->items[i].percent_target);
	}
}

/* Compares the pools, and with every_nutrient the longest list of each nutrient. */
static void compare(const cl_food_filter *f, bool every_nutrient, size_t *nfoods)
{
	cl_food_pool *computed = NULL, *cached = NULL;
	assert_int_equal(cl_food_pool_computed(&computed, db, cl_fooddb_sqlite(db), rules, f), CL_OK);
	assert_int_equal(cl_food_pool_cached(&cached, db, rules, f), CL_OK);
	same_pool(computed, cached);
	*nfoods = computed->count;
	for (int n = 0; n < CL_NUTRIENT_COUNT; n++) {
		if (!every_nutrient && n != CL_N_MAGNESIUM_MG && n != CL_N_VITAMIN_D_UG)
			continue;
		/* 1000: the cached ranking walked to its end; 8 and 1 (a head
		 * of 200) and 25 (500): walked until the head is full, and the
		 * first few picked from it rather than sorted. */
		static const size_t limits[] = {1000, 8, 1, 25};
		for (size_t l = 0; l < sizeof(limits) / sizeof(*limits); l++) {
			cl_rich_list a, b;
			assert_int_equal(
				cl_food_pool_rich(&a, computed, (cl_nutrient)n, 300, limits[l]), CL_OK);
			assert_int_equal(cl_food_pool_rich(&b, cached, (cl_nutrient)n, 300, limits[l]),
					 CL_OK);
			same_list(&a, &b);
			cl_rich_list_clear(&a);
			cl_rich_list_clear(&b);
		}
	}
	cl_food_pool_free(computed);
	cl_food_pool_free(cached);
}

static void every_diet_every_nutrient(void **state)
{
	(void)state;
	size_t counts[3];
	for (int d = 0; d < 3; d++) {
		cl_food_filter f = {.diet = diets[d]};
		compare(&f, true, &counts[d]);
	}
	/* the diets do leave foods out, so the masks are exercised */
	assert_true(counts[0] > counts[1] && counts[1] > counts[2] && counts[2] > 500);
}

static void every_diet_with_avoids_and_organ_meats(void **state)
{
	(void)state;
	for (int d = 0; d < 3; d++) {
		size_t none, n;
		cl_food_filter base = {.diet = diets[d]};
		compare(&base, false, &none);
		for (size_t a = 0; a < NAVOIDS; a++) {
			cl_food_filter f = {.diet = diets[d], .avoid = &avoids[a], .navoid = 1};
			compare(&f, false, &n);
			assert_true(n <= none);
		}
		cl_food_filter all = {.diet = diets[d], .avoid = avoids, .navoid = NAVOIDS};
		compare(&all, false, &n);
		assert_true(n < none);
		cl_food_filter organ = {.diet = diets[d], .include_organ_meats = true};
		compare(&organ, false, &n);
		if (d == 0)
			assert_true(n > none);
	}
}

/*
 * Rules that a shell command (cmd_format: a printf format whose %s is the new
 * food_rules.json) writes, loaded from a directory of their own, since the
 * rules name data/common_foods.tsv beside them.
 */
static cl_food_rules *rules_written_by(const char *cmd_format)
{
	char dir[] = "/tmp/cramplab-rules-XXXXXX", path[64], common[64], cmd[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/food_rules.json", dir);
	snprintf(common, sizeof(common), "%s/common_foods.tsv", dir);
	snprintf(cmd, sizeof(cmd), "cp ../data/common_foods.tsv %s", common);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), cmd_format, path);
	assert_int_equal(system(cmd), 0);
	cl_food_rules *r = NULL;
	assert_int_equal(cl_food_rules_load(&r, path), CL_OK);
	unlink(path);
	unlink(common);
	rmdir(dir);
	return r;
}

/* Rules that differ by one byte are other rules: the cache is not theirs. */
static void other_rules_do_not_use_the_cache(void **state)
{
	(void)state;
	/* The same rules and a newline after them. */
	cl_food_rules *other = rules_written_by("{ cat ../data/food_rules.json; echo; } > %s");

	cl_food_filter f = {.diet = "vegan"};
	cl_food_pool *pool = NULL;
	assert_int_equal(cl_food_pool_cached(&pool, db, other, &f), CL_ENOTFOUND);
	assert_null(pool);
	/* cl_food_pool_new still answers, by computing, the same as with the cache */
	cl_rich_list a, b;
	assert_int_equal(cl_food_rich(&a, db, other, CL_N_MAGNESIUM_MG, &f, NAN, 20), CL_OK);
	assert_int_equal(cl_food_rich(&b, db, rules, CL_N_MAGNESIUM_MG, &f, NAN, 20), CL_OK);
	assert_int_equal(a.count, 20);
	same_list(&a, &b);
	cl_rich_list_clear(&a);
	cl_rich_list_clear(&b);
	cl_food_rules_free(other);
}

/* A copy of the database with sql run on it, opened; its path in path[64]. */
static cl_fooddb *altered_copy(char *path, const char *sql)
{
	const char *from = getenv("CRAMPLAB_DB");
	char cmd[512];
	snprintf(path, 64, "/tmp/cramplab-pool-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from ? from : "../build/foods.db", path);
	assert_int_equal(system(cmd), 0);
	sqlite3 *s = NULL;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_true(sqlite3_changes(s) > 0);
	sqlite3_close(s);
	cl_fooddb *copy = NULL;
	assert_int_equal(cl_fooddb_open(&copy, path), CL_OK);
	return copy;
}

/*
 * Lists from a cache without the stored ranking walk every food, with the
 * same answer; a ranking out of order is refused, not trusted.
 */
static void without_or_with_a_damaged_ranking(void **state)
{
	(void)state;
	char path[64];
	cl_food_filter f = {.diet = "vegetarian"};
	cl_fooddb *plain = altered_copy(path, "UPDATE pool_amount SET ranked = NULL");
	cl_food_pool *computed = NULL, *cached = NULL;
	assert_int_equal(cl_food_pool_computed(&computed, db, cl_fooddb_sqlite(db), rules, &f), CL_OK);
	assert_int_equal(cl_food_pool_cached(&cached, plain, rules, &f), CL_OK);
	for (int n = 0; n < CL_NUTRIENT_COUNT; n++) {
		cl_rich_list a, b;
		assert_int_equal(cl_food_pool_rich(&a, computed, (cl_nutrient)n, 300, 8), CL_OK);
		assert_int_equal(cl_food_pool_rich(&b, cached, (cl_nutrient)n, 300, 8), CL_OK);
		same_list(&a, &b);
		cl_rich_list_clear(&a);
		cl_rich_list_clear(&b);
	}
	cl_food_pool_free(cached);
	cl_fooddb_close(plain);
	unlink(path);

	/* The first two slots of magnesium's ranking swapped (little-endian u16s). */
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "UPDATE pool_amount SET ranked = CAST(substr(ranked, 3, 2) || substr(ranked, 1, 2)"
		 " || substr(ranked, 5) AS BLOB) WHERE nutrient_id = %d",
		 (int)CL_N_MAGNESIUM_MG);
	cl_fooddb *damaged = altered_copy(path, sql);
	cl_food_filter all = {.diet = "omnivore", .include_organ_meats = true};
	assert_int_equal(cl_food_pool_cached(&cached, damaged, rules, &all), CL_OK);
	cl_rich_list l;
	assert_int_equal(cl_food_pool_rich(&l, cached, CL_N_MAGNESIUM_MG, 300, 8), CL_EDB);
	assert_int_equal(l.count, 0);
	assert_int_equal(cl_food_pool_rich(&l, cached, CL_N_CALCIUM_MG, 300, 8), CL_OK);
	cl_rich_list_clear(&l);
	cl_food_pool_free(cached);
	cl_food_pool_free(computed);
	cl_fooddb_close(damaged);
	unlink(path);
}

/* The rules again, with rank_bonus set to 100. */
static cl_food_rules *rules_with_bonus_100(void)
{
	cl_food_rules *r = rules_written_by(
		"sed 's/\"rank_bonus\": 3,/\"rank_bonus\": 100,/' ../data/food_rules.json > %s");
	assert_true(cl_food_rules_common_bonus(r) == 100);
	return r;
}

static void set_common(cl_food_pool *p, const char *ndb, bool common)
{
	struct pooled *f = (struct pooled *)cl_food_pool_find(p, strtol(ndb, NULL, 10));
	assert_non_null(f);
	f->common = common;
}

/*
 * The bottom of a list's 200-food head made visible: with no food common
 * but the head's last ten (from a computed pool's full ranking) and a bonus
 * of 100, a list of 8 shows them where they are in the head, so a cached
 * walk that stopped too early, or kept other foods at its end, shows
 * different ones.
 */
static void the_bottom_of_the_head(void **state)
{
	(void)state;
	cl_food_rules *big = rules_with_bonus_100();
	int surfaced = 0;
	for (int d = 0; d < 3; d++) {
		cl_food_filter f = {.diet = diets[d]};
		cl_food_pool *computed = NULL, *cached = NULL;
		assert_int_equal(cl_food_pool_computed(&computed, db, cl_fooddb_sqlite(db), rules, &f),
				 CL_OK);
		assert_int_equal(cl_food_pool_cached(&cached, db, rules, &f), CL_OK);
		computed->rules = cached->rules = big;
		for (size_t i = 0; i < computed->count; i++)
			computed->foods[i].common = false;
		for (size_t i = 0; i < cached->count; i++)
			cached->foods[i].common = false;
		for (int n = 0; n < CL_NUTRIENT_COUNT; n++) {
			cl_rich_list all, a, b;
			assert_int_equal(cl_food_pool_rich(&all, computed, (cl_nutrient)n, 300, 1000),
					 CL_OK);
			if (all.count < 210) {
				cl_rich_list_clear(&all);
				continue;
			}
			for (size_t i = 190; i < 200; i++) {
				set_common(computed, all.items[i].ndb, true);
				set_common(cached, all.items[i].ndb, true);
			}
			assert_int_equal(cl_food_pool_rich(&a, computed, (cl_nutrient)n, 300, 8), CL_OK);
			assert_int_equal(cl_food_pool_rich(&b, cached, (cl_nutrient)n, 300, 8), CL_OK);
			same_list(&a, &b);
			surfaced += strcmp(a.items[0].ndb, all.items[190].ndb) == 0;
			for (size_t i = 190; i < 200; i++) {
				set_common(computed, all.items[i].ndb, false);
				set_common(cached, all.items[i].ndb, false);
			}
			cl_rich_list_clear(&all);
			cl_rich_list_clear(&a);
			cl_rich_list_clear(&b);
		}
		cl_food_pool_free(computed);
		cl_food_pool_free(cached);
	}
	/* The head's bottom did lead many lists, so they compared it. */
	assert_true(surfaced > 30);
	cl_food_rules_free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_diet_every_nutrient),
		cmocka_unit_test(every_diet_with_avoids_and_organ_meats),
		cmocka_unit_test(other_rules_do_not_use_the_cache),
		cmocka_unit_test(without_or_with_a_damaged_ranking),
		cmocka_unit_test(the_bottom_of_the_head),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

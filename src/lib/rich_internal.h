/*
 * The food pool as rich.c and the pool cache (poolcache.c) see it.  A pool
 * is built either by classifying every food of the database now (rich.c,
 * always right, about 70 ms) or from the cache the importer stored beside
 * the foods (poolcache.c, a few hundred microseconds), which is used only
 * when it was built from the same food_rules.json bytes by the same code.
 */
#ifndef CL_RICH_INTERNAL_H
#define CL_RICH_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cramplab/rich.h"

/* Limits of a pooled food's strings (the sizes cl_rich_item and cl_serving
 * give them, and the identity's buffer), bytes without the NUL. */
#define POOLED_NDB_MAX 7
#define POOLED_GROUP_MAX 4
#define POOLED_LABEL_MAX 95
#define POOLED_IDENTITY_MAX 159

/*
 * A computed pool's strings point into one block a food (own):
 * "ndb\0group\0label\0identity\0name\0".  A cached pool's are NULL: the
 * cache numbers identities (identity_no) and a list reads the strings of the
 * few foods it shows (cl_food_pool_cached_text), so taking a pool from the
 * cache reads and copies no string.
 */
struct pooled {
	long id;
	const char *ndb, *group_code, *identity, *name;
	char *own; /* computed pools: the food's block, freed with the pool */
	int prep_score;
	struct {
		double grams;
		const char *label; /* "1 oz", "1 cup", "3 oz", "100 g" */
	} serving;
	double kcal; /* per 100 g, NAN if unknown */
	bool common; /* an everyday food: ranks with the rules' bonus */
	size_t slot; /* cached pools: the food's place in the cache's amount arrays */
	size_t identity_no; /* equal for foods of one identity (cl_pool_number_identities, or the cache) */
	size_t at;          /* cached pools: the food's place in pool->order */
};

struct cl_food_pool {
	cl_fooddb *db;
	struct pooled *foods; /* sorted by id */
	size_t count;
	const struct pooled **order; /* by identity, then NDB: one line per identity */
	bool cached;                 /* amounts come from the cache's arrays */
	size_t nslots;               /* cached pools: the foods the cache holds (its arrays' length) */
	const cl_food_rules *rules;  /* for the commonness of listed foods (may be NULL) */
	const struct pooled **by_slot; /* cached pools: nslots, the kept food of each slot or NULL */
};

/* A double stored little-endian, bit for bit (the cache's arrays). */
static inline double cl_pool_le(const unsigned char *b)
{
	double v;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(&v, b, sizeof(v)); /* one load */
#else
	uint64_t u = 0;
	for (int i = 7; i >= 0; i--)
		u = u << 8 | b[i];
	memcpy(&v, &u, sizeof(v));
#endif
	return v;
}

/*
 * One nutrient's row of a cached pool, read in place: amounts per 100 g by
 * slot (NULL: no food has the nutrient), and ranked, the slots with an
 * amount in the order lists want them (amount per serving, largest first,
 * then the lower food id), nranked of them as 16-bit numbers; NULL if the
 * importer stored none.  Valid until cl_food_pool_cached_view_end().
 */
struct cl_pool_view {
	const unsigned char *amounts;
	const unsigned char *ranked;
	size_t nranked;
	sqlite3_stmt *st;
};
int cl_food_pool_cached_view(struct cl_pool_view *v, const cl_food_pool *pool,
			     cl_nutrient nutrient);
void cl_food_pool_cached_view_end(struct cl_pool_view *v);

/* Identity, then NDB: the order in which one line per identity is chosen. */
int cl_pooled_by_identity(const void *a, const void *b);

/* The pooled food with this id, or NULL. */
const struct pooled *cl_food_pool_find(const cl_food_pool *pool, long id);

/*
 * For the food plan: amounts per 100 g of nutrients which[0..nwhich) of the
 * foods ndbs[0..n) of a cached pool, out[i * nwhich + k], from the cache's
 * arrays (one read a nutrient for all foods instead of a seek a food and
 * nutrient).  Energy is the food's (NAN if unknown); any other nutrient is
 * 0 where none is recorded, as the cache stores it, so only a caller that
 * treats NAN and 0 alike may use it.  CL_ENOTFOUND (no error set) if the
 * pool is computed or a food is not in it.
 */
int cl_food_pool_cached_pick(double *out, const cl_food_pool *pool, const char *const *ndbs,
			     size_t n, const cl_nutrient *which, size_t nwhich);

/* Numbers the identities in pool->order once, so that each list compares
 * numbers, not strings, to find a run of one identity. */
void cl_pool_number_identities(cl_food_pool *pool);

/*
 * Classifies every food now.  filter NULL keeps every food (what the cache
 * writer needs: it applies cl_food_rules_classify() itself).
 */
int cl_food_pool_computed(cl_food_pool **out, cl_fooddb *fdb, sqlite3 *db,
			  const cl_food_rules *rules, const cl_food_filter *filter);

/* From the cache; CL_ENOTFOUND if there is none for these rules and this code. */
int cl_food_pool_cached(cl_food_pool **out, cl_fooddb *fdb, const cl_food_rules *rules,
			const cl_food_filter *filter);

/* A cached pool's food's NDB, group, serving label and name (strdup'ed)
 * into it, as the computed pool cut them. */
int cl_food_pool_cached_text(cl_rich_item *it, const cl_food_pool *pool, const struct pooled *p);

/*
 * Writes the cache into db (inside the caller's transaction): the pool_food
 * and pool_amount tables and meta.pool_key.  Does nothing in a build that
 * has no code hash (CL_POOL_CODE, set by the Makefile).
 */
int cl_food_pool_cache_write(sqlite3 *db, const cl_food_rules *rules);

#endif

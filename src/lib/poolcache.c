/*
 * The food pool cache.  Building a pool means classifying all 7,879 names
 * against the food rules and working out a serving from each food's
 * household measures: about 70 ms, most of a whole assessment.  None of it
 * depends on the person except which diet and avoid sets apply, so the
 * importer stores, for every food the rules do not leave out outright, its
 * serving, identity, preparation score, energy, whether it is an everyday
 * food (data/common_foods.tsv) and one bit per diet or avoid set that
 * excludes it, plus each nutrient's amounts as one array in
 * the same order (pool_amount.amounts) and its foods ranked as a list
 * ranks them, by amount per serving (pool_amount.ranked, 16-bit slots).  A
 * pool is then one row read and a pass that applies the person's filter
 * with bit masks, and a list for a nutrient one more row, read in place,
 * and a walk down its ranking until the list's head is full (rich.c):
 * some hundreds of foods instead of all 4,900 (0.2 M instructions a list).
 *
 * The foods' numbers are packed into one blob (pool_pack: fixed-size records
 * in id order) rather than a row per food, because stepping through 4,900
 * rows of 14 columns cost 18 M instructions, most of what was left of an
 * assessment, and decoding the records costs a tenth.  Their strings (NDB,
 * group, serving label, name) are rows of their own (pool_text, by slot),
 * read only for the few foods a list shows: reading them all with the
 * records was 107 of the 283 page reads of a week's assessment.
 * 'cramplab food pool' is not needed to inspect it: the test
 * (tests/unit/test_poolcache.c) checks it against the computed pools.
 *
 * meta.pool_key names what the cache was built from: the FNV-1a hash of
 * food_rules.json's bytes, a hash of its common-food prefixes (the file it
 * names is not in the first) and CL_POOL_CODE, a hash the Makefile takes of
 * the sources that decide the pool's contents.  A pool is read from the
 * cache only when all three match; otherwise it is computed (rich.c), so a
 * stale cache costs time, never a wrong answer.  A build without
 * CL_POOL_CODE neither writes nor trusts a cache.  Numbers are stored
 * little-endian, doubles bit for bit as food_nutrient and the computed
 * pool hold them.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fooddb_internal.h"
#include "foodrules_internal.h"
#include "rich_internal.h"
#include "util.h"

#ifdef CL_POOL_CODE

static void pool_key(char *out, size_t size, const cl_food_rules *rules)
{
	snprintf(out, size, "rules %s common %s code %s", cl_food_rules_hash(rules),
		 cl_food_rules_common_hash(rules), CL_POOL_CODE);
}

/* Record layout in pool_pack.foods, all little-endian. */
enum {
	REC_ID = 0,        /* u32 food id */
	REC_ORD = 4,       /* u32 place in identity, NDB order */
	REC_PREP = 8,      /* i32 preparation score */
	REC_IDNO = 12,     /* u32 identity number: equal for the foods of one identity */
	REC_DIETS = 16,    /* u64 diet sets that exclude the food */
	REC_AVOIDS = 24,   /* u64 avoid sets that exclude it */
	REC_GRAMS = 32,    /* f64 serving */
	REC_KCAL = 40,     /* f64 per 100 g, NAN if unknown */
	REC_ORGAN = 48,    /* u8 an organ meat */
	REC_COMMON = 49,   /* u8 an everyday food (cl_food_rules_common) */
	REC_SIZE = 56      /* (6 bytes unused) */
};

static void put_u64(unsigned char *b, uint64_t u)
{
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(u >> (8 * i));
}

/* Written out so the compiler makes it one load on little-endian machines. */
static uint64_t get_u64(const unsigned char *b)
{
	return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
	       (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
	       (uint64_t)b[7] << 56;
}

static void put_u32(unsigned char *b, uint32_t u)
{
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(u >> (8 * i));
}

static uint32_t get_u32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put_le(unsigned char *b, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof(u));
	put_u64(b, u);
}

static double get_le(const unsigned char *b)
{
	uint64_t u = get_u64(b);
	double v;
	memcpy(&v, &u, sizeof(v));
	return v;
}

/* --- reading ------------------------------------------------------------- */

static int key_matches(bool *ok, sqlite3 *db, const cl_food_rules *rules)
{
	char want[128];
	sqlite3_stmt *st = NULL;
	int step;

	*ok = false;
	pool_key(want, sizeof(want), rules);
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'pool_key'", -1, &st, NULL) !=
	    SQLITE_OK)
		return cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*ok = strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	return CL_OK;
}

static void fill(struct pooled *p, const unsigned char *rec, size_t slot)
{
	p->id = (long)get_u32(rec + REC_ID);
	p->own = NULL;
	p->slot = slot;
	p->prep_score = (int32_t)get_u32(rec + REC_PREP);
	p->serving.grams = get_le(rec + REC_GRAMS);
	p->kcal = get_le(rec + REC_KCAL);
	p->common = rec[REC_COMMON] != 0;
	/* Numbered by the writer, so that a pool need not compare identities
	 * (cl_pool_number_identities: 0.16 M instructions a pool). */
	p->identity_no = get_u32(rec + REC_IDNO);
	/* The strings are read when a list shows the food
	 * (cl_food_pool_cached_text). */
	p->ndb = p->group_code = p->serving.label = p->identity = p->name = NULL;
}

/*
 * The foods the filter keeps, by id, and their identity order from the
 * stored ranks (no string is compared).
 */
static int unpack(cl_food_pool *pool, const unsigned char *recs, size_t nrecs,
		  const cl_food_rules *rules, const cl_food_filter *filter)
{
	uint64_t diets, avoids;
	struct pooled **by_rank = calloc(nrecs + 1, sizeof(*by_rank));
	int rc = CL_OK;

	/* Not calloc: fill() sets every field of the foods kept, and clearing
	 * 1.5 MB cost more than the rest of the unpacking. */
	pool->foods = malloc((nrecs + 1) * sizeof(*pool->foods));
	pool->order = malloc((nrecs + 1) * sizeof(*pool->order));
	pool->by_slot = malloc((nrecs + 1) * sizeof(*pool->by_slot));
	if (!by_rank || !pool->foods || !pool->order || !pool->by_slot) {
		rc = cl_error_oom();
		goto done;
	}
	cl_food_rules_filter_masks(rules, filter, &diets, &avoids);
	for (size_t i = 0; i < nrecs; i++) {
		const unsigned char *rec = recs + i * REC_SIZE;
		pool->by_slot[i] = NULL;
		if ((get_u64(rec + REC_DIETS) & diets) || (get_u64(rec + REC_AVOIDS) & avoids) ||
		    (rec[REC_ORGAN] && !filter->include_organ_meats))
			continue;
		uint32_t ord = get_u32(rec + REC_ORD);
		struct pooled *p = &pool->foods[pool->count];
		if (ord >= nrecs || by_rank[ord] || get_u32(rec + REC_IDNO) >= nrecs ||
		    (pool->count && (long)get_u32(rec + REC_ID) <= p[-1].id)) {
			rc = cl_error_set(CL_EDB, "food pool cache: records out of order");
			goto done;
		}
		fill(p, rec, i);
		pool->count++;
		by_rank[ord] = p;
		pool->by_slot[i] = p;
	}
	size_t k = 0;
	for (size_t r = 0; r < nrecs; r++)
		if (by_rank[r]) {
			by_rank[r]->at = k;
			pool->order[k++] = by_rank[r];
		}
done:
	free(by_rank);
	return rc;
}

int cl_food_pool_cached(cl_food_pool **out, cl_fooddb *fdb, const cl_food_rules *rules,
			const cl_food_filter *filter)
{
	sqlite3 *db = cl_fooddb_sqlite(fdb);
	sqlite3_stmt *st = NULL;
	cl_food_pool *pool = NULL;
	bool ok;
	int rc;

	*out = NULL;
	if ((rc = key_matches(&ok, db, rules)))
		return rc;
	if (!ok)
		return cl_error_set(CL_ENOTFOUND, "no food pool cache for these food rules");
	if (sqlite3_prepare_v2(db, "SELECT foods FROM pool_pack", -1, &st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
		goto done;
	}
	const unsigned char *recs = sqlite3_column_blob(st, 0);
	size_t bytes = (size_t)sqlite3_column_bytes(st, 0);
	if (bytes % REC_SIZE || (bytes && !recs)) {
		rc = cl_error_set(CL_EDB, "food pool cache: bad record size");
		goto done;
	}
	if (!(pool = calloc(1, sizeof(*pool)))) {
		rc = cl_error_oom();
		goto done;
	}
	pool->db = fdb;
	pool->cached = true;
	pool->nslots = bytes / REC_SIZE;
	if ((rc = unpack(pool, recs, pool->nslots, rules, filter)))
		goto done;
	*out = pool;
	pool = NULL;
done:
	sqlite3_finalize(st);
	cl_food_pool_free(pool);
	return rc;
}

static const char text_sql[] = "SELECT ndb, group_code, label, name FROM pool_text WHERE slot = ?1";

/* Copies s, which must fit, into out[size]; false if it is NULL or does not fit. */
static bool copy_text(char *out, size_t size, const unsigned char *s)
{
	size_t n = s ? strlen((const char *)s) : size;
	if (n >= size)
		return false;
	memcpy(out, s, n + 1);
	return true;
}

int cl_food_pool_cached_text(cl_rich_item *it, const cl_food_pool *pool, const struct pooled *p)
{
	sqlite3 *db = cl_fooddb_sqlite(pool->db);
	sqlite3_stmt *st = cl_fooddb_stmt(pool->db, text_sql);
	int rc = CL_OK, step;

	if (!st)
		return cl_error_prefix("food pool cache: ");
	sqlite3_bind_int64(st, 1, (sqlite3_int64)p->slot);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(st, 3);
		if (!copy_text(it->ndb, sizeof(it->ndb), sqlite3_column_text(st, 0)) ||
		    !copy_text(it->group_code, sizeof(it->group_code), sqlite3_column_text(st, 1)) ||
		    !copy_text(it->serving.label, sizeof(it->serving.label),
			       sqlite3_column_text(st, 2)) ||
		    !name)
			rc = cl_error_set(CL_EDB, "food pool cache: food %ld: bad strings", p->id);
		else if (!(it->name = strdup((const char *)name)))
			rc = cl_error_oom();
	} else {
		rc = step == SQLITE_DONE
			     ? cl_error_set(CL_EDB, "food pool cache: no strings for food %ld", p->id)
			     : cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	}
	sqlite3_reset(st); /* kept on the handle: cl_fooddb_close() finalizes it */
	return rc;
}

/* The statement reading one nutrient's amounts, kept on the database handle:
 * the plan reads several arrays, and preparing the statement for each cost
 * about 20 thousand instructions. */
static const char amounts_sql[] = "SELECT amounts FROM pool_amount WHERE nutrient_id = ?1";

/* The list's row, with the ranking the importer stored beside the amounts. */
static const char view_sql[] =
	"SELECT amounts, ranked FROM pool_amount WHERE nutrient_id = ?1";

int cl_food_pool_cached_view(struct cl_pool_view *v, const cl_food_pool *pool,
			     cl_nutrient nutrient)
{
	sqlite3 *db = cl_fooddb_sqlite(pool->db);
	int step;

	memset(v, 0, sizeof(*v));
	if (!(v->st = cl_fooddb_stmt(pool->db, view_sql)))
		return cl_error_prefix("food pool cache: ");
	sqlite3_bind_int(v->st, 1, (int)nutrient);
	step = sqlite3_step(v->st);
	if (step == SQLITE_DONE)
		return CL_OK; /* no food has the nutrient */
	if (step != SQLITE_ROW) {
		int rc = cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
		cl_food_pool_cached_view_end(v);
		return rc;
	}
	v->amounts = sqlite3_column_blob(v->st, 0);
	size_t bytes = (size_t)sqlite3_column_bytes(v->st, 0);
	if (sqlite3_column_type(v->st, 1) == SQLITE_BLOB) {
		v->ranked = sqlite3_column_blob(v->st, 1);
		v->nranked = (size_t)sqlite3_column_bytes(v->st, 1) / 2;
	}
	if (pool->nslots && (!v->amounts || bytes / 8 < pool->nslots)) {
		cl_food_pool_cached_view_end(v);
		return cl_error_set(CL_EDB, "food pool cache: amounts too short");
	}
	return CL_OK;
}

void cl_food_pool_cached_view_end(struct cl_pool_view *v)
{
	if (v->st)
		sqlite3_reset(v->st); /* kept on the handle: cl_fooddb_close() finalizes it */
	memset(v, 0, sizeof(*v));
}

int cl_food_pool_cached_pick(double *out, const cl_food_pool *pool, const char *const *ndbs,
			     size_t n, const cl_nutrient *which, size_t nwhich)
{
	sqlite3 *db = cl_fooddb_sqlite(pool->db);
	sqlite3_stmt *st = NULL;
	size_t *slots = malloc((n + 1) * sizeof(*slots));
	int rc = CL_OK;

	if (!slots)
		return cl_error_oom();
	for (size_t i = 0; i < n && rc == CL_OK; i++) {
		char *end;
		long id = strtol(ndbs[i], &end, 10);
		const struct pooled *p = pool->cached && *end == '\0' ? cl_food_pool_find(pool, id)
								      : NULL;
		if (!p) {
			rc = CL_ENOTFOUND;
			break;
		}
		slots[i] = p->slot;
		for (size_t k = 0; k < nwhich; k++)
			out[i * nwhich + k] = which[k] == CL_N_ENERGY_KCAL ? p->kcal : 0.0;
	}
	if (rc == CL_OK && !(st = cl_fooddb_stmt(pool->db, amounts_sql)))
		rc = cl_error_prefix("food pool cache: ");
	for (size_t k = 0; k < nwhich && rc == CL_OK; k++) {
		if (which[k] == CL_N_ENERGY_KCAL)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, (int)which[k]);
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			const unsigned char *b = sqlite3_column_blob(st, 0);
			size_t bytes = (size_t)sqlite3_column_bytes(st, 0);
			for (size_t i = 0; i < n && rc == CL_OK; i++) {
				if (!b || slots[i] >= bytes / 8)
					rc = cl_error_set(CL_EDB, "food pool cache: amounts too short");
				else
					out[i * nwhich + k] = get_le(b + 8 * slots[i]);
			}
		} else if (step != SQLITE_DONE) {
			rc = cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
		}
	}
	if (st)
		sqlite3_reset(st); /* kept on the handle: cl_fooddb_close() finalizes it */
	free(slots);
	return rc;
}

/* --- writing ------------------------------------------------------------- */

static int db_fail(sqlite3 *db)
{
	return cl_error_set(CL_EDB, "writing the food pool cache: %s", sqlite3_errmsg(db));
}

/* Classifies every food of the computed pool (which holds all, by id). */
static int classify_all(cl_food_class *cls, sqlite3 *db, const cl_food_rules *rules,
			const cl_food_pool *all)
{
	sqlite3_stmt *st = NULL;
	size_t i = 0;
	int rc = CL_OK, step;

	if (sqlite3_prepare_v2(db, "SELECT id, name, folded, coalesce(group_code, '') FROM food"
				   " ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(db);
	while (rc == CL_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (i >= all->count || all->foods[i].id != (long)sqlite3_column_int64(st, 0)) {
			rc = cl_error_set(CL_EFAIL, "food pool cache: foods changed while writing");
			break;
		}
		rc = cl_food_rules_classify(&cls[i++], rules, (const char *)sqlite3_column_text(st, 1),
					    (const char *)sqlite3_column_text(st, 2),
					    (const char *)sqlite3_column_text(st, 3));
	}
	if (rc == CL_OK && (step != SQLITE_DONE || i != all->count))
		rc = step != SQLITE_DONE ? db_fail(db)
					 : cl_error_set(CL_EFAIL, "food pool cache: foods changed");
	sqlite3_finalize(st);
	return rc;
}

/* One row a kept food: the strings a list shows, cut as the computed pool cut them. */
static int write_text(sqlite3 *db, struct pooled **kept, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc = CL_OK;

	if (sqlite3_prepare_v2(db, "INSERT INTO pool_text(slot, ndb, group_code, label, name)"
				   " VALUES(?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(db);
	for (size_t s = 0; s < n && rc == CL_OK; s++) {
		const struct pooled *p = kept[s];
		sqlite3_bind_int64(st, 1, (sqlite3_int64)s);
		sqlite3_bind_text(st, 2, p->ndb, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, p->group_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, p->serving.label, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, p->name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

static int write_foods(sqlite3 *db, struct pooled **kept, size_t n, const cl_food_class *cls,
		       const cl_food_pool *all)
{
	sqlite3_stmt *st = NULL;
	const struct pooled **by_id = malloc((n + 1) * sizeof(*by_id));
	unsigned char *recs = calloc(n + 1, REC_SIZE);
	int rc = CL_OK;

	if (!recs || !by_id) {
		rc = cl_error_oom();
		goto done;
	}
	memcpy(by_id, kept, n * sizeof(*by_id));
	qsort(by_id, n, sizeof(*by_id), cl_pooled_by_identity);
	uint32_t no = 0;
	for (size_t r = 0; r < n; r++) {
		if (r && strcmp(by_id[r - 1]->identity, by_id[r]->identity) != 0)
			no++;
		put_u32(recs + by_id[r]->slot * REC_SIZE + REC_ORD, (uint32_t)r);
		put_u32(recs + by_id[r]->slot * REC_SIZE + REC_IDNO, no);
	}
	for (size_t s = 0; s < n; s++) {
		const struct pooled *p = kept[s];
		const cl_food_class *c = &cls[p - all->foods];
		unsigned char *rec = recs + s * REC_SIZE;

		if (p->id < 0 || p->id > 0x7fffffffL) {
			rc = cl_error_set(CL_EFAIL, "food pool cache: food %ld out of range", p->id);
			goto done;
		}
		put_u32(rec + REC_ID, (uint32_t)p->id);
		put_u32(rec + REC_PREP, (uint32_t)(int32_t)p->prep_score);
		put_u64(rec + REC_DIETS, c->diets);
		put_u64(rec + REC_AVOIDS, c->avoids);
		put_le(rec + REC_GRAMS, p->serving.grams);
		put_le(rec + REC_KCAL, p->kcal);
		rec[REC_ORGAN] = c->organ;
		rec[REC_COMMON] = p->common;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO pool_pack(id, foods) VALUES(1, ?)", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = db_fail(db);
		goto done;
	}
	sqlite3_bind_blob(st, 1, recs, (int)(n * REC_SIZE), SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db);
done:
	sqlite3_finalize(st);
	free(by_id);
	free(recs);
	return rc;
}

static struct pooled *find_kept(struct pooled **kept, size_t n, long id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (kept[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && kept[lo]->id == id ? kept[lo] : NULL;
}

struct ranked {
	double per_serving;
	long id;
	size_t slot;
};

/* rich.c's by_amount: the larger amount per serving first, then the lower id. */
static int ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *x = pa, *y = pb;
	if (x->per_serving != y->per_serving)
		return x->per_serving < y->per_serving ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * The slots with an amount in the order a list ranks them (see
 * cl_pool_view), as 16-bit numbers into out; how many, or SIZE_MAX when
 * they cannot be stored so (too many slots, or an amount per serving that
 * is not a number, which by_amount could not order): lists then walk every
 * food.  The amount per serving is rich.c's expression, bit for bit.
 */
static size_t rank_slots(unsigned char *out, struct ranked *order, const unsigned char *blob,
			 struct pooled **kept, size_t n)
{
	size_t nr = 0;
	if (n > 65536)
		return SIZE_MAX;
	for (size_t s = 0; s < n; s++) {
		double a = get_le(blob + 8 * s);
		if (!(a > 0))
			continue;
		double per_serving = a * kept[s]->serving.grams / 100.0;
		if (isnan(per_serving))
			return SIZE_MAX;
		order[nr++] = (struct ranked){per_serving, kept[s]->id, s};
	}
	qsort(order, nr, sizeof(*order), ranked_cmp);
	for (size_t r = 0; r < nr; r++) {
		out[2 * r] = (unsigned char)(order[r].slot & 0xff);
		out[2 * r + 1] = (unsigned char)(order[r].slot >> 8);
	}
	return nr;
}

/* One array per nutrient, in slot order; 0 where the amount is unknown or 0;
 * and its ranking (rank_slots). */
static int write_amounts(sqlite3 *db, struct pooled **kept, size_t n)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	unsigned char *blob = malloc(8 * n + 8), *ranked = malloc(2 * n + 2);
	struct ranked *order = malloc((n + 1) * sizeof(*order));
	int rc = CL_OK;

	if (!blob || !ranked || !order) {
		rc = cl_error_oom();
		goto done;
	}
	if (sqlite3_prepare_v2(db, "SELECT food_id, amount FROM food_nutrient"
				   " WHERE nutrient_id = ?1 AND amount > 0",
			       -1, &get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO pool_amount(nutrient_id, amounts, ranked) VALUES(?, ?, ?)",
			       -1, &put, NULL) != SQLITE_OK) {
		rc = db_fail(db);
		goto done;
	}
	for (int nut = 0; nut < CL_NUTRIENT_COUNT && rc == CL_OK; nut++) {
		bool any = false;
		int step;
		for (size_t s = 0; s < n; s++)
			put_le(blob + 8 * s, 0.0);
		sqlite3_bind_int(get, 1, nut);
		while ((step = sqlite3_step(get)) == SQLITE_ROW) {
			const struct pooled *p = find_kept(kept, n, (long)sqlite3_column_int64(get, 0));
			if (p) {
				put_le(blob + 8 * p->slot, sqlite3_column_double(get, 1));
				any = true;
			}
		}
		sqlite3_reset(get);
		if (step != SQLITE_DONE) {
			rc = db_fail(db);
			break;
		}
		if (!any)
			continue;
		size_t nr = rank_slots(ranked, order, blob, kept, n);
		sqlite3_bind_int(put, 1, nut);
		sqlite3_bind_blob(put, 2, blob, (int)(8 * n), SQLITE_STATIC);
		if (nr == SIZE_MAX)
			sqlite3_bind_null(put, 3);
		else
			sqlite3_bind_blob(put, 3, ranked, (int)(2 * nr), SQLITE_STATIC);
		step = sqlite3_step(put);
		sqlite3_reset(put);
		if (step != SQLITE_DONE)
			rc = db_fail(db);
	}
done:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	free(blob);
	free(ranked);
	free(order);
	return rc;
}

int cl_food_pool_cache_write(sqlite3 *db, const cl_food_rules *rules)
{
	cl_food_pool *all = NULL;
	cl_food_class *cls = NULL;
	struct pooled **kept = NULL;
	sqlite3_stmt *st = NULL;
	char key[128];
	size_t n = 0;
	int rc;

	if ((rc = cl_food_pool_computed(&all, NULL, db, rules, NULL)))
		return rc;
	cls = calloc(all->count + 1, sizeof(*cls));
	kept = calloc(all->count + 1, sizeof(*kept));
	if (!cls || !kept) {
		rc = cl_error_oom();
		goto done;
	}
	if ((rc = classify_all(cls, db, rules, all)))
		goto done;
	for (size_t i = 0; i < all->count; i++)
		if (!cls[i].excluded) {
			all->foods[i].slot = n;
			kept[n++] = &all->foods[i];
		}
	if (sqlite3_exec(db,
			 "CREATE TABLE pool_pack(id INTEGER PRIMARY KEY CHECK(id = 1),"
			 " foods BLOB NOT NULL);"
			 "CREATE TABLE pool_text(slot INTEGER PRIMARY KEY, ndb TEXT NOT NULL,"
			 " group_code TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL);"
			 "CREATE TABLE pool_amount(nutrient_id INTEGER PRIMARY KEY,"
			 " amounts BLOB NOT NULL, ranked BLOB);",
			 NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_fail(db);
		goto done;
	}
	if ((rc = write_foods(db, kept, n, cls, all)) || (rc = write_text(db, kept, n)) ||
	    (rc = write_amounts(db, kept, n)))
		goto done;
	pool_key(key, sizeof(key), rules);
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES('pool_key', ?)", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = db_fail(db);
		goto done;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db);
done:
	sqlite3_finalize(st);
	free(kept);
	free(cls);
	cl_food_pool_free(all);
	return rc;
}

#else /* no code hash: no cache */

int cl_food_pool_cached(cl_food_pool **out, cl_fooddb *fdb, const cl_food_rules *rules,
			const cl_food_filter *filter)
{
	(void)fdb, (void)rules, (void)filter;
	*out = NULL;
	return cl_error_set(CL_ENOTFOUND, "this build keeps no food pool cache");
}

int cl_food_pool_cached_view(struct cl_pool_view *v, const cl_food_pool *pool,
			     cl_nutrient nutrient)
{
	(void)pool, (void)nutrient;
	memset(v, 0, sizeof(*v));
	return cl_error_set(CL_EFAIL, "this build keeps no food pool cache");
}

void cl_food_pool_cached_view_end(struct cl_pool_view *v)
{
	memset(v, 0, sizeof(*v));
}

int cl_food_pool_cached_text(cl_rich_item *it, const cl_food_pool *pool, const struct pooled *p)
{
	(void)it, (void)pool, (void)p;
	return cl_error_set(CL_EFAIL, "this build keeps no food pool cache");
}

int cl_food_pool_cached_pick(double *out, const cl_food_pool *pool, const char *const *ndbs,
			     size_t n, const cl_nutrient *which, size_t nwhich)
{
	(void)out, (void)pool, (void)ndbs, (void)n, (void)which, (void)nwhich;
	return CL_ENOTFOUND;
}

int cl_food_pool_cache_write(sqlite3 *db, const cl_food_rules *rules)
{
	(void)db, (void)rules;
	return CL_OK;
}

#endif

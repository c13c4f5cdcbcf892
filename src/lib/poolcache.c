/*
 * The food pool cache.  Building a pool means classifying all 7,879 names
 * against the food rules and working out a serving from each food's
 * household measures: about 70 ms, most of a whole assessment.  None of it
 * depends on the person except which diet and avoid sets apply, so the
 * importer stores, for every food the rules do not leave out outright, its
 * serving, identity, preparation score, energy and one bit per diet or
 * avoid set that excludes it (pool_food), plus each nutrient's amounts as
 * one array in the same order (pool_amount).  A pool is then one query
 * whose WHERE clause applies the person's filter with bit masks, and a list
 * for a nutrient one row read.
 *
 * meta.pool_key names what the cache was built from: the FNV-1a hash of
 * food_rules.json's bytes and CL_POOL_CODE, a hash the Makefile takes of
 * the sources that decide the pool's contents.  A pool is read from the
 * cache only when both match; otherwise it is computed (rich.c), so a
 * stale cache costs time, never a wrong answer.  A build without
 * CL_POOL_CODE neither writes nor trusts a cache.  Amounts are stored as
 * little-endian IEEE doubles, copied bit for bit from food_nutrient.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "foodrules_internal.h"
#include "rich_internal.h"

#ifdef CL_POOL_CODE

static void pool_key(char *out, size_t size, const cl_food_rules *rules)
{
	snprintf(out, size, "rules %s code %s", cl_food_rules_hash(rules), CL_POOL_CODE);
}

static void put_le(unsigned char *b, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof(u));
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(u >> (8 * i));
}

static double get_le(const unsigned char *b)
{
	uint64_t u = 0;
	double v;
	for (int i = 0; i < 8; i++)
		u |= (uint64_t)b[i] << (8 * i);
	memcpy(&v, &u, sizeof(v));
	return v;
}

/* Copies a column's text, cut to fit (the writer stores what fitted). */
static void copy_text(char *dst, size_t size, const unsigned char *src)
{
	size_t len = src ? strlen((const char *)src) : 0;
	if (len >= size)
		len = size - 1;
	memcpy(dst, src ? (const char *)src : "", len);
	dst[len] = '\0';
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

/* The pooled foods (by id) and each one's place in identity order. */
static int read_rows(cl_food_pool *pool, size_t **ords, sqlite3 *db, const cl_food_rules *rules,
		     const cl_food_filter *filter)
{
	sqlite3_stmt *st = NULL;
	uint64_t diets, avoids;
	size_t cap = 0;
	int rc = CL_OK, step;

	cl_food_rules_filter_masks(rules, filter, &diets, &avoids);
	if (sqlite3_prepare_v2(db,
			       "SELECT food_id, ndb, name, group_code, slot, ord, grams, label,"
			       " identity, prep, kcal FROM pool_food WHERE (diets & ?1) = 0"
			       " AND (avoids & ?2) = 0 AND (?3 OR organ = 0) ORDER BY food_id",
			       -1, &st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, (sqlite3_int64)diets);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)avoids);
	sqlite3_bind_int(st, 3, filter->include_organ_meats);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (pool->count == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			struct pooled *grown = realloc(pool->foods, ncap * sizeof(*grown));
			if (!grown) {
				rc = cl_error_oom();
				goto done;
			}
			pool->foods = grown;
			size_t *grown_ords = realloc(*ords, ncap * sizeof(**ords));
			if (!grown_ords) {
				rc = cl_error_oom();
				goto done;
			}
			*ords = grown_ords;
			cap = ncap;
		}
		struct pooled *p = &pool->foods[pool->count];
		sqlite3_int64 slot = sqlite3_column_int64(st, 4), ord = sqlite3_column_int64(st, 5);
		p->id = (long)sqlite3_column_int64(st, 0);
		if (slot < 0 || ord < 0 || slot > 1000000 || ord > 1000000) {
			rc = cl_error_set(CL_EDB, "food pool cache: bad row for food %ld", p->id);
			goto done;
		}
		p->name = strdup((const char *)sqlite3_column_text(st, 2));
		if (!p->name) {
			rc = cl_error_oom();
			goto done;
		}
		pool->count++;
		(*ords)[pool->count - 1] = (size_t)ord;
		p->slot = (size_t)slot;
		copy_text(p->ndb, sizeof(p->ndb), sqlite3_column_text(st, 1));
		copy_text(p->group_code, sizeof(p->group_code), sqlite3_column_text(st, 3));
		p->serving.grams = sqlite3_column_double(st, 6);
		copy_text(p->serving.label, sizeof(p->serving.label), sqlite3_column_text(st, 7));
		copy_text(p->identity, sizeof(p->identity), sqlite3_column_text(st, 8));
		p->prep_score = sqlite3_column_int(st, 9);
		p->kcal = sqlite3_column_type(st, 10) == SQLITE_NULL ? NAN
								     : sqlite3_column_double(st, 10);
	}
	if (step != SQLITE_DONE)
		rc = cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
done:
	sqlite3_finalize(st);
	return rc;
}

/* Identity order from the stored ranks, without comparing a string. */
static int place_in_order(cl_food_pool *pool, const size_t *ords)
{
	size_t nranks = 0, k = 0;
	for (size_t i = 0; i < pool->count; i++)
		if (ords[i] + 1 > nranks)
			nranks = ords[i] + 1;
	const struct pooled **by_rank = calloc(nranks + 1, sizeof(*by_rank));
	pool->order = malloc((pool->count + 1) * sizeof(*pool->order));
	if (!by_rank || !pool->order) {
		free(by_rank);
		return cl_error_oom();
	}
	for (size_t i = 0; i < pool->count; i++) {
		if (by_rank[ords[i]]) {
			free(by_rank);
			return cl_error_set(CL_EDB, "food pool cache: two foods share a rank");
		}
		by_rank[ords[i]] = &pool->foods[i];
	}
	for (size_t r = 0; r < nranks; r++)
		if (by_rank[r])
			pool->order[k++] = by_rank[r];
	free(by_rank);
	return CL_OK;
}

int cl_food_pool_cached(cl_food_pool **out, cl_fooddb *fdb, const cl_food_rules *rules,
			const cl_food_filter *filter)
{
	sqlite3 *db = cl_fooddb_sqlite(fdb);
	cl_food_pool *pool = NULL;
	size_t *ords = NULL;
	bool ok;
	int rc;

	*out = NULL;
	if ((rc = key_matches(&ok, db, rules)))
		return rc;
	if (!ok)
		return cl_error_set(CL_ENOTFOUND, "no food pool cache for these food rules");
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return cl_error_oom();
	pool->db = fdb;
	pool->cached = true;
	if ((rc = read_rows(pool, &ords, db, rules, filter)) || (rc = place_in_order(pool, ords))) {
		free(ords);
		cl_food_pool_free(pool);
		return rc;
	}
	free(ords);
	*out = pool;
	return CL_OK;
}

int cl_food_pool_cached_amounts(double *per100, const cl_food_pool *pool, cl_nutrient nutrient)
{
	sqlite3 *db = cl_fooddb_sqlite(pool->db);
	sqlite3_stmt *st = NULL;
	int rc = CL_OK, step;

	if (sqlite3_prepare_v2(db, "SELECT amounts FROM pool_amount WHERE nutrient_id = ?1", -1,
			       &st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	sqlite3_bind_int(st, 1, (int)nutrient);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const unsigned char *b = sqlite3_column_blob(st, 0);
		size_t bytes = (size_t)sqlite3_column_bytes(st, 0);
		for (size_t i = 0; i < pool->count && rc == CL_OK; i++) {
			size_t slot = pool->foods[i].slot;
			if (!b || slot >= bytes / 8)
				rc = cl_error_set(CL_EDB, "food pool cache: amounts too short");
			else
				per100[i] = get_le(b + 8 * slot);
		}
	} else if (step != SQLITE_DONE) {
		rc = cl_error_set(CL_EDB, "food pool cache: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	return rc; /* no row: no food has the nutrient, and per100 stays 0 */
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

static int write_foods(sqlite3 *db, struct pooled **kept, size_t n, const cl_food_class *cls,
		       const cl_food_pool *all)
{
	sqlite3_stmt *st = NULL;
	const struct pooled **by_id = NULL;
	size_t *ord = calloc(n + 1, sizeof(*ord));
	int rc = CL_OK;

	by_id = malloc((n + 1) * sizeof(*by_id));
	if (!ord || !by_id) {
		rc = cl_error_oom();
		goto done;
	}
	memcpy(by_id, kept, n * sizeof(*by_id));
	qsort(by_id, n, sizeof(*by_id), cl_pooled_by_identity);
	for (size_t r = 0; r < n; r++)
		ord[by_id[r]->slot] = r;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO pool_food(food_id, ndb, name, group_code, slot, ord,"
			       " organ, diets, avoids, grams, label, identity, prep, kcal)"
			       " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = db_fail(db);
		goto done;
	}
	for (size_t s = 0; s < n; s++) {
		const struct pooled *p = kept[s];
		const cl_food_class *c = &cls[p - all->foods];
		sqlite3_bind_int64(st, 1, p->id);
		sqlite3_bind_text(st, 2, p->ndb, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, p->group_code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)s);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)ord[s]);
		sqlite3_bind_int(st, 7, c->organ);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)c->diets);
		sqlite3_bind_int64(st, 9, (sqlite3_int64)c->avoids);
		sqlite3_bind_double(st, 10, p->serving.grams);
		sqlite3_bind_text(st, 11, p->serving.label, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, p->identity, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 13, p->prep_score);
		if (isnan(p->kcal))
			sqlite3_bind_null(st, 14);
		else
			sqlite3_bind_double(st, 14, p->kcal);
		int step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_DONE) {
			rc = db_fail(db);
			goto done;
		}
	}
done:
	sqlite3_finalize(st);
	free(by_id);
	free(ord);
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

/* One array per nutrient, in slot order; 0 where the amount is unknown or 0. */
static int write_amounts(sqlite3 *db, struct pooled **kept, size_t n)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	unsigned char *blob = malloc(8 * n + 8);
	int rc = CL_OK;

	if (!blob)
		return cl_error_oom();
	if (sqlite3_prepare_v2(db, "SELECT food_id, amount FROM food_nutrient"
				   " WHERE nutrient_id = ?1 AND amount > 0",
			       -1, &get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO pool_amount(nutrient_id, amounts) VALUES(?, ?)", -1,
			       &put, NULL) != SQLITE_OK) {
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
		sqlite3_bind_int(put, 1, nut);
		sqlite3_bind_blob(put, 2, blob, (int)(8 * n), SQLITE_STATIC);
		step = sqlite3_step(put);
		sqlite3_reset(put);
		if (step != SQLITE_DONE)
			rc = db_fail(db);
	}
done:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	free(blob);
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
			 "CREATE TABLE pool_food(food_id INTEGER PRIMARY KEY, ndb TEXT NOT NULL,"
			 " name TEXT NOT NULL, group_code TEXT NOT NULL, slot INTEGER NOT NULL,"
			 " ord INTEGER NOT NULL, organ INTEGER NOT NULL, diets INTEGER NOT NULL,"
			 " avoids INTEGER NOT NULL, grams REAL NOT NULL, label TEXT NOT NULL,"
			 " identity TEXT NOT NULL, prep INTEGER NOT NULL, kcal REAL);"
			 "CREATE TABLE pool_amount(nutrient_id INTEGER PRIMARY KEY,"
			 " amounts BLOB NOT NULL);",
			 NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_fail(db);
		goto done;
	}
	if ((rc = write_foods(db, kept, n, cls, all)) || (rc = write_amounts(db, kept, n)))
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

int cl_food_pool_cached_amounts(double *per100, const cl_food_pool *pool, cl_nutrient nutrient)
{
	(void)per100, (void)pool, (void)nutrient;
	return cl_error_set(CL_EFAIL, "this build keeps no food pool cache");
}

int cl_food_pool_cache_write(sqlite3 *db, const cl_food_rules *rules)
{
	(void)db, (void)rules;
	return CL_OK;
}

#endif

/*
 * Foods rich in a nutrient.  A pool holds the foods a filter allows, each
 * with its realistic serving, its identity (the same food in other
 * preparations shares it) and a preparation score.  Computing it reads
 * every food and household measure once, in id order, with two queries,
 * and classifies every name, which takes tens of milliseconds; the
 * importer therefore stores the filter-independent part (poolcache.c) and
 * a pool is taken from there when the cache matches the rules and code.
 * A list for one nutrient is the amount per serving of each pooled food,
 * one line per identity keeping the most common preparation (the pool is
 * kept in identity order for that), and the best few by amount per
 * serving, because that is what a person will actually eat (a cached
 * pool walks the foods in the order the importer ranked them, not all of
 * them: walk_ranked).  Everyday
 * foods (data/common_foods.tsv) then rank as if they gave rank_bonus times
 * their amount: the best few hundred by amount are re-ranked that way, so a
 * fortified sports drink no longer outranks soy milk with nearly as much.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/json.h"
#include "cramplab/rich.h"
#include "error.h"
#include "rich_internal.h"
#include "textfold.h"
#include "util.h"

struct candidate {
	const struct pooled *food;
	double per100;
	double per_serving;
	double rank; /* per_serving, times the bonus for a common food */
	bool common;
};

static int measures_of(cl_food *f, sqlite3_stmt *st, long id, bool *has_row)
{
	/* The measure cursor runs in id order beside the food cursor. */
	while (*has_row && sqlite3_column_int64(st, 0) <= id) {
		if (sqlite3_column_int64(st, 0) == id) {
			cl_measure *grown = realloc(f->measures, (f->nmeasures + 1) * sizeof(*grown));
			if (!grown)
				return cl_error_oom();
			f->measures = grown;
			cl_measure *m = &f->measures[f->nmeasures];
			m->amount = sqlite3_column_double(st, 1);
			m->name = strdup((const char *)sqlite3_column_text(st, 2));
			m->grams = sqlite3_column_double(st, 3);
			if (!m->name)
				return cl_error_oom();
			f->nmeasures++;
		}
		*has_row = sqlite3_step(st) == SQLITE_ROW;
	}
	return CL_OK;
}

static void clear_measures(cl_food *f)
{
	for (size_t i = 0; i < f->nmeasures; i++)
		free(f->measures[i].name);
	free(f->measures);
	f->measures = NULL;
	f->nmeasures = 0;
}

int cl_pooled_by_identity(const void *a, const void *b)
{
	const struct pooled *x = *(const struct pooled *const *)a;
	const struct pooled *y = *(const struct pooled *const *)b;
	int d = strcmp(x->identity, y->identity);
	return d ? d : strcmp(x->ndb, y->ndb);
}

/* Appends s cut to max bytes and its NUL at *at; where it starts. */
static char *put_cut(char *block, size_t *at, const char *s, size_t max)
{
	size_t n = strlen(s);
	char *start = block + *at;
	if (n > max)
		n = max;
	memcpy(start, s, n);
	start[n] = '\0';
	*at += n + 1;
	return start;
}

/* A computed food's strings in one block of its own, cut as the cache's
 * reader and cl_rich_item's fixed arrays would cut them. */
static int own_strings(struct pooled *p, const char *ndb, const char *group, const char *label,
		       const char *identity, const char *name)
{
	size_t at = 0;
	char *block = malloc(POOLED_NDB_MAX + POOLED_GROUP_MAX + POOLED_LABEL_MAX +
			     POOLED_IDENTITY_MAX + strlen(name) + 5);
	if (!block)
		return cl_error_oom();
	p->own = block;
	p->ndb = put_cut(block, &at, ndb, POOLED_NDB_MAX);
	p->group_code = put_cut(block, &at, group, POOLED_GROUP_MAX);
	p->serving.label = put_cut(block, &at, label, POOLED_LABEL_MAX);
	p->identity = put_cut(block, &at, identity, POOLED_IDENTITY_MAX);
	p->name = put_cut(block, &at, name, SIZE_MAX);
	return CL_OK;
}

void cl_pool_number_identities(cl_food_pool *pool)
{
	size_t no = 0;
	for (size_t k = 0; k < pool->count; k++) {
		if (k && strcmp(pool->order[k - 1]->identity, pool->order[k]->identity) != 0)
			no++;
		pool->foods[pool->order[k] - pool->foods].identity_no = no;
	}
}

int cl_food_pool_computed(cl_food_pool **out, cl_fooddb *fdb, sqlite3 *db,
			  const cl_food_rules *rules, const cl_food_filter *filter)
{
	sqlite3_stmt *foods = NULL, *measures = NULL;
	cl_food_pool *pool = NULL;
	cl_food scratch = {0};
	size_t cap = 0;
	bool has_measure;
	int rc;

	*out = NULL;
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return cl_error_oom();
	pool->db = fdb;
	if (sqlite3_prepare_v2(db,
			       "SELECT f.id, f.ndb, f.name, f.folded, coalesce(f.group_code, ''),"
			       " e.amount FROM food f LEFT JOIN food_nutrient e"
			       " ON e.food_id = f.id AND e.nutrient_id = ?1 ORDER BY f.id",
			       -1, &foods, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT food_id, amount, name, grams FROM measure"
				   " ORDER BY food_id, seq",
			       -1, &measures, NULL) != SQLITE_OK) {
		rc = cl_error_set(CL_EDB, "food pool: %s", sqlite3_errmsg(db));
		goto fail;
	}
	sqlite3_bind_int(foods, 1, CL_N_ENERGY_KCAL);
	has_measure = sqlite3_step(measures) == SQLITE_ROW;
	int step;
	while ((step = sqlite3_step(foods)) == SQLITE_ROW) {
		long id = (long)sqlite3_column_int64(foods, 0);
		const char *name = (const char *)sqlite3_column_text(foods, 2);
		const char *folded = (const char *)sqlite3_column_text(foods, 3);
		const char *group = (const char *)sqlite3_column_text(foods, 4);
		char why[128];
		if (filter &&
		    cl_food_rules_excluded(rules, filter, name, folded, group, why, sizeof(why)))
			continue;
		struct pooled *grown =
			cl_array_room(pool->foods, &cap, pool->count, sizeof(*grown), 1024);
		if (!grown) {
			rc = cl_error_oom();
			goto fail;
		}
		pool->foods = grown;
		struct pooled *p = &pool->foods[pool->count];
		memset(p, 0, sizeof(*p));
		p->id = id;
		p->kcal = sqlite3_column_type(foods, 5) == SQLITE_NULL ? NAN
								       : sqlite3_column_double(foods, 5);
		pool->count++;
		clear_measures(&scratch);
		snprintf(scratch.group_code, sizeof(scratch.group_code), "%s", group);
		if ((rc = measures_of(&scratch, measures, id, &has_measure)))
			goto fail;
		cl_serving serving;
		char identity[POOLED_IDENTITY_MAX + 1];
		cl_food_rules_serving(&serving, rules, &scratch, folded);
		cl_food_rules_identity(identity, sizeof(identity), rules, name);
		if ((rc = own_strings(p, (const char *)sqlite3_column_text(foods, 1), group,
				      serving.label, identity, name)))
			goto fail;
		p->serving.grams = serving.grams;
		p->prep_score = cl_food_rules_preparation_score(rules, folded);
		p->common = cl_food_rules_common(rules, folded);
	}
	if (step != SQLITE_DONE) {
		rc = cl_error_set(CL_EDB, "food pool: %s", sqlite3_errmsg(db));
		goto fail;
	}
	/* Sorted once here, not once per nutrient. */
	pool->order = malloc((pool->count + 1) * sizeof(*pool->order));
	if (!pool->order) {
		rc = cl_error_oom();
		goto fail;
	}
	for (size_t i = 0; i < pool->count; i++)
		pool->order[i] = &pool->foods[i];
	qsort(pool->order, pool->count, sizeof(*pool->order), cl_pooled_by_identity);
	cl_pool_number_identities(pool);
	clear_measures(&scratch);
	sqlite3_finalize(foods);
	sqlite3_finalize(measures);
	*out = pool;
	return CL_OK;
fail:
	clear_measures(&scratch);
	sqlite3_finalize(foods);
	sqlite3_finalize(measures);
	cl_food_pool_free(pool);
	return rc;
}

/*
 * From the cache the importer stored when it was built from these rules by
 * this code; otherwise computed now (slower, same answer).
 */
int cl_food_pool_new(cl_food_pool **out, cl_fooddb *fdb, const cl_food_rules *rules,
		     const cl_food_filter *filter)
{
	int rc;

	*out = NULL;
	if ((rc = cl_food_rules_check_filter(rules, filter)))
		return rc;
	rc = cl_food_pool_cached(out, fdb, rules, filter);
	if (rc == CL_ENOTFOUND) {
		cl_error_clear();
		rc = cl_food_pool_computed(out, fdb, cl_fooddb_sqlite(fdb), rules, filter);
	}
	if (rc == CL_OK)
		(*out)->rules = rules; /* for the commonness of listed foods */
	return rc;
}

void cl_food_pool_free(cl_food_pool *pool)
{
	if (!pool)
		return;
	if (!pool->cached) /* computed: each food's strings its own; cached: none */
		for (size_t i = 0; i < pool->count; i++)
			free(pool->foods[i].own);
	free(pool->foods);
	free(pool->order);
	free(pool->by_slot);
	free(pool);
}

const struct pooled *cl_food_pool_find(const cl_food_pool *pool, long id)
{
	size_t lo = 0, hi = pool->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pool->foods[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pool->count && pool->foods[lo].id == id ? &pool->foods[lo] : NULL;
}

/* Larger amount first, then the lower NDB number (the food's id: the
 * importers store 5-digit NDBs, whose number and text sort alike). */
static int by_amount(const struct candidate *x, const struct candidate *y)
{
	if (x->per_serving != y->per_serving)
		return x->per_serving < y->per_serving ? 1 : -1;
	return (x->food->id > y->food->id) - (x->food->id < y->food->id);
}

/* Same food: keep the more common preparation, then the larger amount. */
static bool better(const struct candidate *a, const struct candidate *b)
{
	if (a->food->prep_score != b->food->prep_score)
		return a->food->prep_score > b->food->prep_score;
	return a->per_serving > b->per_serving;
}

/*
 * Keeps top[0..*n) the best `limit` of what it was given, as a heap with the
 * worst kept at top[0], in no useful order: rank_common sorts the head, and
 * by_amount orders any two foods (NDBs differ), so the kept set, and the
 * sorted head, are those a sorted insert gave.  A sorted insert moved some
 * hundred candidates a time: a fifth of a list's cost.
 */
static void keep_best(struct candidate *top, size_t *n, size_t limit, const struct candidate *c)
{
	size_t at;
	if (*n < limit) {
		/* Sift up: the new one rises past every kept food it beats. */
		at = (*n)++;
		while (at > 0 && by_amount(c, &top[(at - 1) / 2]) > 0) {
			top[at] = top[(at - 1) / 2];
			at = (at - 1) / 2;
		}
		top[at] = *c;
		return;
	}
	if (by_amount(c, &top[0]) >= 0)
		return; /* no better than the worst kept */
	/* Replace the worst and sift down. */
	at = 0;
	for (;;) {
		size_t kid = 2 * at + 1;
		if (kid >= *n)
			break;
		if (kid + 1 < *n && by_amount(&top[kid + 1], &top[kid]) > 0)
			kid++;
		if (by_amount(&top[kid], c) <= 0)
			break;
		top[at] = top[kid];
		at = kid;
	}
	top[at] = *c;
}

/* Amounts per 100 g of a nutrient for every food of a computed pool (0: none). */
static int computed_amounts(double *per100, const cl_food_pool *pool, cl_nutrient nutrient)
{
	sqlite3 *db = cl_fooddb_sqlite(pool->db);
	sqlite3_stmt *st = NULL;
	int step;

	if (sqlite3_prepare_v2(db, "SELECT food_id, amount FROM food_nutrient"
				   " WHERE nutrient_id = ?1 AND amount > 0",
			       -1, &st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "foods rich in a nutrient: %s", sqlite3_errmsg(db));
	sqlite3_bind_int(st, 1, (int)nutrient);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const struct pooled *p = cl_food_pool_find(pool, (long)sqlite3_column_int64(st, 0));
		if (p)
			per100[p - pool->foods] = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return cl_error_set(CL_EDB, "foods rich in a nutrient: %s", sqlite3_errmsg(db));
	return CL_OK;
}

static int by_rank(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? 1 : -1;
	return by_amount(a, b);
}

/*
 * Re-ranks a head, the best by amount in any order, with the bonus for
 * common foods.  Only a head: a food outside the best few hundred by amount
 * would need a bonus of hundreds to matter.  Commonness is decided once per
 * food when the pool is computed (and stored in the pool cache), not per
 * list: folding and matching 800 names cost an advice 2.4 M instructions.
 */
static int rank_common(struct candidate *c, size_t n, size_t limit, const cl_food_rules *rules)
{
	double bonus = cl_food_rules_common_bonus(rules);
	for (size_t i = 0; i < n; i++) {
		c[i].common = c[i].food->common;
		c[i].rank = c[i].per_serving * (c[i].common ? bonus : 1);
	}
	if (limit >= n || limit > 16) {
		qsort(c, n, sizeof(*c), by_rank);
		return CL_OK;
	}
	/* Only the first `limit` of some 200 are shown: pick them in order
	 * (by_rank orders any two foods, so they are those a full sort puts
	 * first; the sort of the whole head cost 55 thousand instructions a list). */
	for (size_t i = 0; i < limit; i++) {
		size_t best = i;
		double rank = c[i].rank;
		for (size_t k = i + 1; k < n; k++)
			if (c[k].rank >= rank &&
			    (c[k].rank > rank || by_amount(&c[k], &c[best]) < 0))
				best = k, rank = c[k].rank;
		struct candidate t = c[i];
		c[i] = c[best];
		c[best] = t;
	}
	return CL_OK;
}

/* The strings a list shows: a computed pool holds them, a cached one reads them. */
static int pooled_text(cl_rich_item *it, const cl_food_pool *pool, const struct pooled *p)
{
	if (pool->cached)
		return cl_food_pool_cached_text(it, pool, p);
	snprintf(it->ndb, sizeof(it->ndb), "%s", p->ndb);
	snprintf(it->group_code, sizeof(it->group_code), "%s", p->group_code);
	snprintf(it->serving.label, sizeof(it->serving.label), "%s", p->serving.label);
	return (it->name = strdup(p->name)) ? CL_OK : cl_error_oom();
}

/*
 * Every pooled food in identity order, one line per identity (the best of
 * each run), into the head top[0..*n).  Amounts by place in pool->foods
 * (per100: a computed pool) or from a cached row by slot (amounts; NULL:
 * none).
 */
static void walk_all(struct candidate *top, size_t *n, size_t head, const cl_food_pool *pool,
		     const double *per100, const unsigned char *amounts)
{
	struct candidate run;
	bool in_run = false;

	for (size_t k = 0; k < pool->count; k++) {
		const struct pooled *p = pool->order[k];
		double a = per100 ? per100[p - pool->foods]
				  : amounts ? cl_pool_le(amounts + 8 * p->slot) : 0;
		if (!(a > 0))
			continue;
		struct candidate c = {.food = p, .per100 = a, .per_serving = a * p->serving.grams / 100.0};
		if (in_run && run.food->identity_no == p->identity_no) {
			if (better(&c, &run))
				run = c;
			continue;
		}
		/* A full head keeps no food below its worst (keep_best's first
		 * test, without the call: most foods of a list end here). */
		if (in_run && !(*n == head && run.per_serving < top[0].per_serving))
			keep_best(top, n, head, &run);
		run = c;
		in_run = true;
	}
	if (in_run)
		keep_best(top, n, head, &run);
}

/*
 * The same head from a cached pool's stored ranking: the foods by amount per
 * serving, largest first, whatever the filter.  The first kept food of an
 * identity met brings in its identity's line (the best of its kept
 * preparations with an amount, chosen as walk_all chooses it, which gives no
 * more than this food); once the head is full and a food ranks below its
 * worst, every identity not yet met gives less, so the walk stops, some
 * hundreds of foods in instead of all 4,900 (0.2 M instructions a list).
 */
static int walk_ranked(struct candidate *top, size_t *n, size_t head, const cl_food_pool *pool,
		       const struct cl_pool_view *v)
{
	unsigned char *seen = calloc(pool->nslots + 1, 1); /* by identity number */
	const struct candidate *last = NULL;
	struct candidate prev;

	if (!seen)
		return cl_error_oom();
	for (size_t r = 0; r < v->nranked; r++) {
		size_t slot = (size_t)v->ranked[2 * r] | (size_t)v->ranked[2 * r + 1] << 8;
		const struct pooled *p = slot < pool->nslots ? pool->by_slot[slot] : NULL;
		if (slot >= pool->nslots) {
			free(seen);
			return cl_error_set(CL_EDB, "food pool cache: bad ranking");
		}
		if (!p)
			continue; /* the filter left it out */
		double a = cl_pool_le(v->amounts + 8 * slot);
		struct candidate c = {.food = p, .per100 = a, .per_serving = a * p->serving.grams / 100.0};
		if (!(a > 0) || (last && by_amount(last, &c) >= 0)) {
			free(seen);
			return cl_error_set(CL_EDB, "food pool cache: ranking out of order");
		}
		prev = c;
		last = &prev;
		if (*n == head && by_amount(&c, &top[0]) > 0)
			break;
		if (seen[p->identity_no])
			continue;
		seen[p->identity_no] = 1;
		size_t k = p->at;
		while (k > 0 && pool->order[k - 1]->identity_no == p->identity_no)
			k--;
		struct candidate run = c;
		bool in_run = false;
		for (; k < pool->count && pool->order[k]->identity_no == p->identity_no; k++) {
			const struct pooled *q = pool->order[k];
			double b = cl_pool_le(v->amounts + 8 * q->slot);
			if (!(b > 0))
				continue;
			struct candidate d = {
				.food = q, .per100 = b, .per_serving = b * q->serving.grams / 100.0};
			if (!in_run || better(&d, &run))
				run = d;
			in_run = true;
		}
		keep_best(top, n, head, &run);
	}
	free(seen);
	return CL_OK;
}

int cl_food_pool_rich(cl_rich_list *out, const cl_food_pool *pool, cl_nutrient nutrient,
		      double target, size_t limit)
{
	double *per100 = NULL;
	struct candidate *top = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->nutrient = nutrient;
	out->target = target;
	if ((unsigned)nutrient >= CL_NUTRIENT_COUNT)
		return cl_error_set(CL_EINVAL, "unknown nutrient");
	if (limit == 0 || limit > 1000)
		return cl_error_set(CL_EINVAL, "the limit must be between 1 and 1000");
	size_t head = limit * 20 > 200 ? limit * 20 : 200;
	top = malloc((head + 1) * sizeof(*top));
	if (!top) {
		rc = cl_error_oom();
		goto cleanup;
	}
	if (pool->cached) {
		/* The cached row is read in place: no copy of its 38 KB. */
		struct cl_pool_view v;
		if ((rc = cl_food_pool_cached_view(&v, pool, nutrient)))
			goto cleanup;
		if (v.ranked && v.amounts)
			rc = walk_ranked(top, &n, head, pool, &v);
		else
			walk_all(top, &n, head, pool, NULL, v.amounts);
		cl_food_pool_cached_view_end(&v);
		if (rc)
			goto cleanup;
	} else {
		if (!(per100 = calloc(pool->count + 1, sizeof(*per100)))) {
			rc = cl_error_oom();
			goto cleanup;
		}
		if ((rc = computed_amounts(per100, pool, nutrient)))
			goto cleanup;
		walk_all(top, &n, head, pool, per100, NULL);
	}
	if ((rc = rank_common(top, n, limit, pool->rules)))
		goto cleanup;
	if (n > limit)
		n = limit;
	out->items = calloc(n + 1, sizeof(*out->items));
	if (!out->items) {
		rc = cl_error_oom();
		goto cleanup;
	}
	out->count = n;
	for (size_t i = 0; i < out->count; i++) {
		cl_rich_item *it = &out->items[i];
		const struct pooled *p = top[i].food;
		if ((rc = pooled_text(it, pool, p))) {
			out->count = i;
			cl_rich_list_clear(out);
			goto cleanup;
		}
		it->serving.grams = p->serving.grams;
		it->per_serving = top[i].per_serving;
		it->common = top[i].common;
		it->per_100kcal =
			(isnan(p->kcal) || p->kcal <= 0) ? NAN : top[i].per100 * 100.0 / p->kcal;
		it->percent_target = (isnan(target) || target <= 0) ? NAN
								      : 100.0 * it->per_serving / target;
	}
cleanup:
	free(per100);
	free(top);
	return rc;
}

int cl_food_rich(cl_rich_list *out, cl_fooddb *db, const cl_food_rules *rules, cl_nutrient nutrient,
		 const cl_food_filter *filter, double target, size_t limit)
{
	cl_food_pool *pool = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((unsigned)nutrient >= CL_NUTRIENT_COUNT)
		return cl_error_set(CL_EINVAL, "unknown nutrient");
	if (limit == 0 || limit > 1000)
		return cl_error_set(CL_EINVAL, "the limit must be between 1 and 1000");
	if ((rc = cl_food_pool_new(&pool, db, rules, filter)))
		return rc;
	rc = cl_food_pool_rich(out, pool, nutrient, target, limit);
	cl_food_pool_free(pool);
	return rc;
}

void cl_rich_list_clear(cl_rich_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i].name);
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

json_t *cl_rich_list_to_json(const cl_rich_list *l)
{
	const cl_nutrient_info *info = cl_nutrient_get(l->nutrient);
	json_t *doc = json_object(), *foods = json_array();
	if (!doc || !foods || !info)
		goto oom;
	json_object_set_new(doc, "nutrient", json_string(info->key));
	json_object_set_new(doc, "unit", json_string(info->unit));
	json_object_set_new(doc, "target", cl_json_number_or_null(l->target));
	for (size_t i = 0; i < l->count; i++) {
		const cl_rich_item *it = &l->items[i];
		json_t *f = json_pack("{s:s, s:s, s:s, s:f, s:f, s:o, s:o}", "ndb", it->ndb, "name",
				      it->name, "serving", it->serving.label, "grams",
				      it->serving.grams, "amount", it->per_serving, "per_100kcal",
				      cl_json_number_or_null(it->per_100kcal), "percent_target",
				      cl_json_number_or_null(it->percent_target));
		if (!f || json_array_append_new(foods, f))
			goto oom;
	}
	json_object_set_new(doc, "foods", foods);
	return doc;
oom:
	json_decref(doc);
	json_decref(foods);
	return NULL;
}

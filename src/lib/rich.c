/*
 * Foods rich in a nutrient.  The candidate set is every food with a known,
 * positive amount (the index on food_nutrient(nutrient_id, amount) makes
 * that one range scan); the food rules then leave out what should not be
 * suggested, each survivor gets its realistic serving, and foods that are
 * the same food in another preparation are folded into one line, keeping
 * the most common preparation.  Ranking is by amount per serving, because
 * that is what a person will actually eat.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/json.h"
#include "cramplab/rich.h"
#include "error.h"

struct candidate {
	cl_rich_item item;
	char identity[256];
	int prep_score;
};

static int by_amount(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->item.per_serving != y->item.per_serving)
		return x->item.per_serving < y->item.per_serving ? 1 : -1;
	return strcmp(x->item.ndb, y->item.ndb);
}

static int by_identity(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int d = strcmp(x->identity, y->identity);
	return d ? d : strcmp(x->item.ndb, y->item.ndb);
}

/* Same food: keep the better preparation, then the larger amount. */
static bool better(const struct candidate *a, const struct candidate *b)
{
	if (a->prep_score != b->prep_score)
		return a->prep_score > b->prep_score;
	return a->item.per_serving > b->item.per_serving;
}

int cl_food_rich(cl_rich_list *out, cl_fooddb *fdb, const cl_food_rules *rules, cl_nutrient nutrient,
		 const cl_food_filter *filter, double target, size_t limit)
{
	sqlite3 *db = cl_fooddb_sqlite(fdb);
	sqlite3_stmt *st = NULL;
	struct candidate *c = NULL;
	size_t n = 0, cap = 0;
	int rc, step;

	memset(out, 0, sizeof(*out));
	out->nutrient = nutrient;
	out->target = target;
	if ((unsigned)nutrient >= CL_NUTRIENT_COUNT)
		return cl_error_set(CL_EINVAL, "unknown nutrient");
	if (limit == 0 || limit > 1000)
		return cl_error_set(CL_EINVAL, "the limit must be between 1 and 1000");
	if ((rc = cl_food_rules_check_filter(rules, filter)))
		return rc;
	if (sqlite3_prepare_v2(db,
			       "SELECT f.ndb, f.name, f.folded, coalesce(f.group_code, ''), fn.amount"
			       " FROM food_nutrient fn JOIN food f ON f.id = fn.food_id"
			       " WHERE fn.nutrient_id = ?1 AND fn.amount > 0",
			       -1, &st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "foods rich in a nutrient: %s", sqlite3_errmsg(db));
	sqlite3_bind_int(st, 1, (int)nutrient);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ndb = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *folded = (const char *)sqlite3_column_text(st, 2);
		const char *group = (const char *)sqlite3_column_text(st, 3);
		char why[128];
		if (cl_food_rules_excluded(rules, filter, name, folded, group, why, sizeof(why)))
			continue;
		cl_food *food = NULL;
		if ((rc = cl_food_get(&food, fdb, ndb)))
			goto cleanup;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			struct candidate *grown = realloc(c, ncap * sizeof(*c));
			if (!grown) {
				cl_food_free(food);
				rc = cl_error_oom();
				goto cleanup;
			}
			c = grown;
			cap = ncap;
		}
		struct candidate *k = &c[n];
		memset(k, 0, sizeof(*k));
		snprintf(k->item.ndb, sizeof(k->item.ndb), "%s", ndb);
		snprintf(k->item.group_code, sizeof(k->item.group_code), "%s", group);
		cl_food_rules_serving(&k->item.serving, rules, food, folded);
		double per100 = food->per_100g[nutrient];
		double kcal = food->per_100g[CL_N_ENERGY_KCAL];
		k->item.per_serving = per100 * k->item.serving.grams / 100.0;
		k->item.per_100kcal = (isnan(kcal) || kcal <= 0) ? NAN : per100 * 100.0 / kcal;
		k->item.percent_target = (isnan(target) || target <= 0)
						 ? NAN
						 : 100.0 * k->item.per_serving / target;
		cl_food_rules_identity(k->identity, sizeof(k->identity), rules, name);
		k->prep_score = cl_food_rules_preparation_score(rules, folded);
		k->item.name = strdup(name);
		cl_food_free(food);
		if (!k->item.name) {
			rc = cl_error_oom();
			goto cleanup;
		}
		n++;
	}
	if (step != SQLITE_DONE) {
		rc = cl_error_set(CL_EDB, "foods rich in a nutrient: %s", sqlite3_errmsg(db));
		goto cleanup;
	}
	/* One line per food: sort by identity, keep the best of each run. */
	qsort(c, n, sizeof(*c), by_identity);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept > 0 && strcmp(c[kept - 1].identity, c[i].identity) == 0) {
			if (better(&c[i], &c[kept - 1])) {
				free(c[kept - 1].item.name);
				c[kept - 1] = c[i];
			} else {
				free(c[i].item.name);
			}
			continue;
		}
		c[kept++] = c[i];
	}
	n = kept;
	qsort(c, n, sizeof(*c), by_amount);
	out->count = n < limit ? n : limit;
	out->items = calloc(out->count + 1, sizeof(*out->items));
	if (!out->items) {
		out->count = 0;
		rc = cl_error_oom();
		goto cleanup;
	}
	for (size_t i = 0; i < out->count; i++) {
		out->items[i] = c[i].item;
		c[i].item.name = NULL;
	}
	rc = CL_OK;
cleanup:
	for (size_t i = 0; i < n; i++)
		free(c[i].item.name);
	free(c);
	sqlite3_finalize(st);
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

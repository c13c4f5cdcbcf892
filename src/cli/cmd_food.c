/*
 * cramplab food search|show: the food database from the command line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/fooddb.h"
#include "cramplab/json.h"
#include "cramplab/rich.h"

#define MAX_LIMIT 1000

/* "food search green tea": the hits are other foods, so say that SR24 has
 * none and which is nearest, as a diary line naming it is told (stderr: the
 * list on stdout stays the hits). */
static int absent_note(cl_fooddb *db, const char *query)
{
	char *written = NULL, ndb[8];
	cl_food *near = NULL;
	int rc = cl_food_absent(&written, ndb, db, query);
	if (rc == CL_OK && written && (rc = cl_food_get(&near, db, ndb)) == CL_OK)
		fprintf(stderr, "the USDA SR24 data has no %s; the nearest is '%s' (NDB %s)\n",
			written, near->name, ndb);
	free(written);
	cl_food_free(near);
	return rc ? cli_fail("food search", rc) : CLI_EXIT_OK;
}

static int food_search(cl_fooddb *db, const char *query, long limit, bool json)
{
	cl_food_hits hits = {0};
	int rc = cl_food_search(&hits, db, query, (size_t)limit);

	if (rc)
		return cli_fail("food search", rc);
	if (json) {
		json_t *doc = cl_food_hits_to_json(query, &hits);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		if (hits.count == 0)
			fprintf(stderr, "no food matches '%s'\n", query);
		for (size_t i = 0; i < hits.count; i++)
			printf("%s  %s\n", hits.hits[i].ndb, hits.hits[i].name);
		rc = absent_note(db, query);
	}
	cl_food_hits_free(&hits);
	return rc;
}

static void print_food_text(const cl_food *f)
{
	printf("%s  %s\n", f->ndb, f->name);
	if (f->group_name)
		printf("group: %s (%s)\n", f->group_name, f->group_code);
	printf("\nper 100 g:\n");
	int unknown = 0;
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++) {
		const cl_nutrient_info *n = cl_nutrient_get((cl_nutrient)i);
		if (isnan(f->per_100g[i])) {
			unknown++;
			continue;
		}
		printf("  %-30s %10.3f %s\n", n->label, f->per_100g[i], n->unit);
	}
	if (unknown) {
		printf("  not analysed (unknown, not zero):");
		int col = 0;
		for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
			if (isnan(f->per_100g[i]))
				printf("%s%s", col++ ? ", " : " ", cl_nutrient_get((cl_nutrient)i)->label);
		printf("\n");
	}
	printf("\nhousehold measures:\n");
	if (f->nmeasures == 0)
		printf("  none in the source; use grams\n");
	for (size_t i = 0; i < f->nmeasures; i++)
		printf("  %g %s = %g g\n", f->measures[i].amount, f->measures[i].name,
		       f->measures[i].grams);
}

static int food_show(cl_fooddb *db, const char *ndb, bool json)
{
	cl_food *food = NULL;
	int rc = cl_food_get(&food, db, ndb);

	if (rc)
		return cli_fail("food show", rc);
	if (json) {
		json_t *doc = cl_food_to_json(food);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		print_food_text(food);
		rc = CLI_EXIT_OK;
	}
	cl_food_free(food);
	return rc;
}

/* Splits "dairy,gluten" into words (in place); at most max. */
static size_t split_list(char *text, const char **out, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(text, ", "); tok && n < max; tok = strtok(NULL, ", "))
		out[n++] = tok;
	return n;
}

static int food_rich(cl_fooddb *db, const char *what, const char *diet, char *avoid, bool organ,
		     long limit, bool json)
{
	cl_food_rules *rules = NULL;
	cl_rich_list list = {0};
	const char *avoid_words[16];
	char path[4096];
	int rc;

	cl_nutrient n = cl_nutrient_find(what);
	if (n == CL_NUTRIENT_COUNT)
		return cli_usage_error("food rich", "unknown nutrient '%s' (try magnesium, potassium, "
						    "calcium, iron, vitamin_d, vitamin_b12, thiamin)",
				       what);
	cl_food_filter filter = {.diet = diet, .avoid = avoid_words, .include_organ_meats = organ};
	filter.navoid = avoid ? split_list(avoid, avoid_words, 16) : 0;
	snprintf(path, sizeof(path), "%s/food_rules.json", cli_data_dir());
	if ((rc = cl_food_rules_load(&rules, path)) ||
	    (rc = cl_food_rich(&list, db, rules, n, &filter, NAN, (size_t)limit))) {
		rc = cli_fail("food rich", rc);
		goto done;
	}
	if (json) {
		json_t *doc = cl_rich_list_to_json(&list);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
		goto done;
	}
	const cl_nutrient_info *info = cl_nutrient_get(n);
	printf("Foods rich in %s (%s per serving; per 100 kcal)%s%s\n", info->label, info->unit,
	       diet ? ", diet: " : "", diet ? diet : "");
	for (size_t i = 0; i < list.count; i++) {
		const cl_rich_item *it = &list.items[i];
		printf("%3zu. %-58.58s %-16.16s %8.1f %s", i + 1, it->name, it->serving.label,
		       it->per_serving, info->unit);
		if (!isnan(it->per_100kcal))
			printf("  (%.1f / 100 kcal)", it->per_100kcal);
		printf("\n");
	}
	rc = CLI_EXIT_OK;
done:
	cl_rich_list_clear(&list);
	cl_food_rules_free(rules);
	return rc;
}

int cmd_food(int argc, char **argv)
{
	const char *dbpath = NULL;
	bool json = false, organ = false;
	const char *diet = NULL;
	char *avoid = NULL;
	long limit = 10;
	char *pos[argc];
	int npos, rc;
	cl_fooddb *db = NULL;
	const struct cli_opt opts[] = {
		{"db", CLI_STRING, &dbpath, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{"limit", CLI_INT, &limit, NULL},
		{"diet", CLI_STRING, &diet, NULL},
		{"avoid", CLI_STRING, &avoid, NULL},
		{"organ-meats", CLI_FLAG, &organ, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("food", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos < 1)
		return cli_usage_error("food", "say 'search QUERY' or 'show NDB'");
	if (limit < 1 || limit > MAX_LIMIT)
		return cli_usage_error("food", "--limit must be between 1 and %d", MAX_LIMIT);
	bool search = strcmp(pos[0], "search") == 0, rich = strcmp(pos[0], "rich") == 0;
	if (!search && !rich && strcmp(pos[0], "show") != 0)
		return cli_usage_error("food", "unknown action '%s' (search, show or rich)", pos[0]);
	if (npos < 2)
		return cli_usage_error("food", search ? "search needs a QUERY"
					       : rich ? "rich needs a NUTRIENT"
						      : "show needs an NDB");
	if (!search && npos > 2)
		return cli_usage_error("food", "%s takes one argument", pos[0]);
	if ((rc = cl_fooddb_open(&db, cli_db_path(dbpath))))
		return cli_fail("food", rc);
	if (search) {
		/* "food search raw spinach" is the same as "food search 'raw spinach'". */
		char query[1024] = "";
		size_t len = 0;
		for (int i = 1; i < npos; i++) {
			int n = snprintf(query + len, sizeof(query) - len, "%s%s", i > 1 ? " " : "",
					 pos[i]);
			if (n < 0 || (size_t)n >= sizeof(query) - len) {
				cl_fooddb_close(db);
				return cli_usage_error("food", "the search is too long");
			}
			len += (size_t)n;
		}
		rc = food_search(db, query, limit, json);
	} else if (rich) {
		rc = food_rich(db, pos[1], diet, avoid, organ, limit, json);
	} else {
		rc = food_show(db, pos[1], json);
	}
	cl_fooddb_close(db);
	return rc;
}

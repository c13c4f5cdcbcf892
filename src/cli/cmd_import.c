/*
 * cramplab import: build the food database.  Progress is drawn on stderr
 * only when it is a terminal, so logs and pipes stay clean.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/import.h"

#define DEFAULT_JAR "/usr/share/cronometer/usda_sr24.jar"

static void show_progress(size_t done, size_t total, void *payload)
{
	(void)payload;
	fprintf(stderr, "\rimporting foods: %zu of about %zu", done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

int cmd_import(int argc, char **argv)
{
	const char *db = NULL;
	bool json = false;
	char *pos[argc];
	int npos, rc;
	size_t nfoods = 0;
	cl_food_rules *rules = NULL;
	char rules_path[4096];
	const struct cli_opt opts[] = {
		{"db", CLI_STRING, &db, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("import", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos < 1)
		return cli_usage_error("import", "say what to import: sr24 [JAR] or sr-ascii DIR");
	const char *path = cli_db_path(db);
	cl_progress_cb progress = isatty(STDERR_FILENO) ? show_progress : NULL;
	bool sr24 = strcmp(pos[0], "sr24") == 0;
	if (sr24 && npos > 2)
		return cli_usage_error("import", "sr24 takes at most one JAR");
	if (!sr24 && strcmp(pos[0], "sr-ascii") != 0)
		return cli_usage_error("import", "unknown source '%s' (sr24 or sr-ascii)", pos[0]);
	if (!sr24 && npos != 2)
		return cli_usage_error("import", "sr-ascii needs the release's DIR");
	/* The food rules decide the food pool stored with the foods. */
	snprintf(rules_path, sizeof(rules_path), "%s/food_rules.json", cli_data_dir());
	if ((rc = cl_food_rules_load(&rules, rules_path)))
		return cli_fail("import", rc);
	if (sr24)
		rc = cl_import_sr24(npos == 2 ? pos[1] : DEFAULT_JAR, path, rules, progress, NULL,
				    &nfoods);
	else
		rc = cl_import_sr_ascii(pos[1], path, rules, progress, NULL, &nfoods);
	cl_food_rules_free(rules);
	if (rc)
		return cli_fail("import", rc);
	if (json) {
		json_t *doc = json_pack("{s:s, s:I}", "database", path, "foods", (json_int_t)nfoods);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
		return rc;
	}
	printf("imported %zu foods into %s\n", nfoods, path);
	return CLI_EXIT_OK;
}

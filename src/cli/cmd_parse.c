/*
 * cramplab parse: read one diary line and say which food and how many grams
 * it means, and what was assumed.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/diary.h"
#include "cramplab/intake.h"

int cmd_parse(int argc, char **argv)
{
	const char *dbpath = NULL;
	bool json = false;
	char *pos[argc];
	int npos, rc;
	cl_fooddb *db = NULL;
	cl_parser *parser = NULL;
	cl_diary_line line = {0};
	const struct cli_opt opts[] = {
		{"db", CLI_STRING, &dbpath, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("parse", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos < 1)
		return cli_usage_error("parse", "give a diary line, e.g. "
						"cramplab parse \"2 medium bananas\"");
	/* "parse 2 medium bananas" is the same as "parse '2 medium bananas'". */
	char text[CL_DIARY_MAX_LINE * 2 + 2] = "";
	size_t len = 0;
	for (int i = 0; i < npos; i++) {
		int n = snprintf(text + len, sizeof(text) - len, "%s%s", i ? " " : "", pos[i]);
		if (n < 0 || (size_t)n >= sizeof(text) - len)
			break; /* over-long: the parser refuses it with the length */
		len += (size_t)n;
	}
	if ((rc = cl_fooddb_open(&db, cli_db_path(dbpath))) || (rc = cl_parser_new(&parser, db))) {
		rc = cli_fail("parse", rc);
		goto cleanup;
	}
	cli_use_cache(parser);
	if ((rc = cl_diary_parse(&line, parser, npos == 1 ? pos[0] : text))) {
		rc = cli_fail("parse", rc);
		goto cleanup;
	}
	if (json) {
		json_t *doc = cl_diary_line_to_json(npos == 1 ? pos[0] : text, &line);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		printf("%s  %s\n%g g  (%g × %s)\n", line.ndb, line.name, line.grams, line.quantity,
		       line.measure);
		if (line.assumption)
			printf("assumed: %s\n", line.assumption);
		rc = CLI_EXIT_OK;
	}
cleanup:
	cl_diary_line_clear(&line);
	cl_parser_free(parser);
	cl_fooddb_close(db);
	return rc;
}

/*
 * cramplab assess CASE.json: the screening.  Text for people by default,
 * --json for scripts (the stable machine interface), --html for a page to
 * open, print or hand to a clinician (the same bytes POST /report answers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/assess.h"
#include "cramplab/report.h"

#define MAX_STDIN_BYTES (16u << 20) /* as cl_case_load() allows for a file */

/* Standard input for "-" (cramplab history case ... | cramplab assess -): 0, or
 * an exit status after saying what went wrong. */
static int read_stdin(char **out, size_t *out_len)
{
	size_t len = 0, cap = 1 << 16;
	char *text = malloc(cap);
	while (text) {
		len += fread(text + len, 1, cap - len, stdin);
		if (len < cap || len >= MAX_STDIN_BYTES)
			break;
		char *grown = realloc(text, cap *= 2);
		if (!grown)
			free(text);
		text = grown;
	}
	if (!text || ferror(stdin) || len >= MAX_STDIN_BYTES) {
		fprintf(stderr, "cramplab assess: standard input: %s\n",
			!text		  ? "out of memory"
			: ferror(stdin) ? "cannot be read"
					  : "a case is at most 16 MB");
		free(text);
		return !text || ferror(stdin) ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
	}
	*out = text;
	*out_len = len;
	return 0;
}

int cmd_assess(int argc, char **argv)
{
	const char *dbpath = NULL;
	bool json = false, html = false;
	char *pos[argc];
	int npos, rc;
	cl_case *k = NULL;
	cl_assessor *a = NULL;
	json_t *doc = NULL;
	const struct cli_opt opts[] = {
		{"db", CLI_STRING, &dbpath, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{"html", CLI_FLAG, &html, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("assess", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos != 1)
		return cli_usage_error("assess", "give one CASE.json file");
	if (json && html)
		return cli_usage_error("assess", "choose one of --json and --html");
	if (strcmp(pos[0], "-") == 0) {
		char *text = NULL;
		size_t len = 0;
		if ((rc = read_stdin(&text, &len)))
			return rc;
		rc = cl_case_parse(&k, text, len, "standard input", ".");
		free(text);
	} else {
		rc = cl_case_load(&k, pos[0]);
	}
	if (rc ||
	    (rc = cl_assessor_open(&a, cli_data_dir(), cli_db_path(dbpath)))) {
		rc = cli_fail("assess", rc);
		goto done;
	}
	cli_use_cache(cl_assessor_parser(a));
	/* The text report does not print the day-by-day intake. */
	if ((rc = cl_assess_with(&doc, a, k, json || html ? 0 : CL_ASSESS_NO_PER_DAY))) {
		/* Bad input found while assessing (a lab value, an inline diary
		 * line) is in the case file: say which file. */
		if (rc == CL_EINVAL) {
			fprintf(stderr, "cramplab assess: %s: %s\n", pos[0], cl_error_last());
			rc = CLI_EXIT_USAGE;
		} else {
			rc = cli_fail("assess", rc);
		}
		goto done;
	}
	if (json) {
		rc = cli_print_json(doc);
	} else {
		char *text = NULL;
		if ((rc = html ? cl_report_html(&text, doc) : cl_report_text(&text, doc))) {
			rc = cli_fail("assess", rc);
			goto done;
		}
		fputs(text, stdout);
		free(text);
		rc = CLI_EXIT_OK;
	}
done:
	json_decref(doc);
	cl_assessor_close(a);
	cl_case_free(k);
	return rc;
}

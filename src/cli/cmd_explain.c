/*
 * cramplab explain FACTOR: the reasoning behind a finding, for people.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/assess.h"

static void paragraph(const char *title, const json_t *doc, const char *key)
{
	const char *s = json_string_value(json_object_get(doc, key));
	if (s)
		printf("%s\n  %s\n\n", title, s);
}

static void print_text(const json_t *doc)
{
	printf("%s\n\n", json_string_value(json_object_get(doc, "label")));
	paragraph("What it does", doc, "role");
	paragraph("How a shortfall shows", doc, "shortfall");
	paragraph("Who is at risk", doc, "at_risk");
	paragraph("What the evidence shows", doc, "evidence");
	paragraph("Where the seed article goes too far", doc, "seed_correction");
	paragraph("Caution", doc, "caution");
	const json_t *ref = json_object_get(doc, "reference");
	if (ref) {
		printf("Reference intakes (%s, per day)\n ", json_string_value(json_object_get(ref, "life_stage")));
		const char *names[] = {"ear", "rda", "ai", "ul"};
		for (int i = 0; i < 4; i++) {
			json_t *v = json_object_get(ref, names[i]);
			if (json_is_number(v))
				printf(" %s %g %s", names[i], json_number_value(v),
				       json_string_value(json_object_get(ref, "unit")));
		}
		const char *applies = json_string_value(json_object_get(ref, "ul_applies_to"));
		if (applies && strcmp(applies, "supplements") == 0)
			printf(" (the upper limit counts supplements and medicines only)");
		printf("\n\n");
	}
	size_t i;
	json_t *f;
	if (json_array_size(json_object_get(doc, "foods"))) {
		printf("Best food sources per serving\n");
		json_array_foreach(json_object_get(doc, "foods"), i, f)
		{
			printf("  %-60.60s %-14s %8.1f\n", json_string_value(json_object_get(f, "name")),
			       json_string_value(json_object_get(f, "serving")),
			       json_number_value(json_object_get(f, "amount")));
		}
		printf("\n");
	}
	printf("Sources\n");
	json_array_foreach(json_object_get(doc, "sources"), i, f)
	{
		printf("  [%zu] %s\n", i + 1, json_string_value(f));
	}
}

int cmd_explain(int argc, char **argv)
{
	const char *dbpath = NULL, *sex = "female";
	bool json = false, pregnant = false, lactating = false, vegetarian = false;
	long age = 40;
	char *pos[argc];
	int npos, rc;
	cl_assessor *a = NULL;
	json_t *doc = NULL;
	const struct cli_opt opts[] = {
		{"db", CLI_STRING, &dbpath, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{"age", CLI_INT, &age, NULL},
		{"sex", CLI_STRING, &sex, NULL},
		{"pregnant", CLI_FLAG, &pregnant, NULL},
		{"lactating", CLI_FLAG, &lactating, NULL},
		{"vegetarian", CLI_FLAG, &vegetarian, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("explain", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos != 1)
		return cli_usage_error("explain", "name one factor, e.g. magnesium or dehydration");
	cl_profile p = {.age = (double)age, .vegetarian = vegetarian};
	if (strcmp(sex, "male") == 0)
		p.sex = CL_SEX_MALE;
	else if (strcmp(sex, "female") == 0)
		p.sex = CL_SEX_FEMALE;
	else
		return cli_usage_error("explain", "--sex must be male or female");
	p.repro = pregnant ? CL_REPRO_PREGNANT : lactating ? CL_REPRO_LACTATING : CL_REPRO_NONE;
	if ((rc = cl_assessor_open(&a, cli_data_dir(), cli_db_path(dbpath))) ||
	    (rc = cl_explain(&doc, a, pos[0], &p))) {
		rc = cli_fail("explain", rc);
		goto done;
	}
	if (json)
		rc = cli_print_json(doc);
	else {
		print_text(doc);
		rc = CLI_EXIT_OK;
	}
done:
	json_decref(doc);
	cl_assessor_close(a);
	return rc;
}

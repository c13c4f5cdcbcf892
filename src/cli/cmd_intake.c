/*
 * cramplab intake: per-day nutrient totals from a diary file or a
 * Cronometer / MyFitnessPal CSV export, saying plainly where data is missing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/intake.h"

static void print_value(const cl_nutrient_info *ni, double v, unsigned known, unsigned missing,
			const char *what)
{
	printf("  %-20s ", ni->label);
	if (known == 0)
		printf("unknown (no %s has data)\n", what);
	else if (missing)
		printf("at least %.1f %s (%u %s%s data)\n", v, ni->unit, missing, what,
		       missing == 1 ? " lacks" : "s lack");
	else
		printf("%.1f %s\n", v, ni->unit);
}

static void print_text(const cl_intake *in)
{
	const char *what = in->format == CL_INTAKE_DIARY || in->format == CL_INTAKE_JSON ||
				   in->format == CL_INTAKE_CRONO_SERVINGS
			   ? "food"
			   : "row";
	for (size_t d = 0; d < in->ndays; d++) {
		const cl_intake_day *day = &in->days[d];
		printf("%s  (%zu %s%s)\n", day->date, day->nentries, what,
		       day->nentries == 1 ? "" : "s");
		for (size_t k = 0; k < cl_intake_nkeys; k++) {
			cl_nutrient n = cl_intake_keys[k];
			print_value(cl_nutrient_get(n), day->totals[n], day->known[n], day->missing[n],
				    what);
			if (day->has_supplement && day->supplement[n] > 0)
				printf("  %-20s   of which %.1f %s from supplements\n", "",
				       day->supplement[n], cl_nutrient_get(n)->unit);
		}
		printf("\n");
	}
	printf("mean of %zu day%s (over the days whose total is known):\n", in->ndays,
	       in->ndays == 1 ? "" : "s");
	for (size_t k = 0; k < cl_intake_nkeys; k++) {
		cl_nutrient n = cl_intake_keys[k];
		size_t kd = 0;
		double m = cl_intake_mean(in, n, &kd);
		const cl_nutrient_info *ni = cl_nutrient_get(n);
		if (isnan(m))
			printf("  %-20s unknown\n", ni->label);
		else
			printf("  %-20s %.1f %s%s\n", ni->label, m, ni->unit,
			       kd < in->ndays ? " (not every day known)" : "");
	}
	if (in->note)
		printf("\nnote: %s\n", in->note);
}

int cmd_intake(int argc, char **argv)
{
	const char *dbpath = NULL;
	bool json = false;
	char *pos[argc];
	int npos, rc;
	cl_fooddb *db = NULL;
	cl_parser *parser = NULL;
	cl_intake *in = NULL;
	const struct cli_opt opts[] = {
		{"db", CLI_STRING, &dbpath, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("intake", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos != 1)
		return cli_usage_error("intake", "give one diary or CSV file");
	if ((rc = cli_read_intake("intake", "nothing read", dbpath, pos[0], &db, &parser, &in)))
		goto cleanup;
	if (json) {
		json_t *doc = cl_intake_to_json(in);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		print_text(in);
		rc = CLI_EXIT_OK;
	}
cleanup:
	cl_intake_free(in);
	cl_parser_free(parser);
	cl_fooddb_close(db);
	return rc;
}

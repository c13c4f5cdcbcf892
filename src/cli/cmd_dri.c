/*
 * cramplab dri: the Dietary Reference Intakes for one person, from the
 * knowledge base.  The library builds the JSON document; this file parses
 * options and prints the table for people.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/dri.h"
#include "cramplab/kb.h"

static void print_cell(double x)
{
	if (isnan(x))
		printf(" %8s", "-");
	else
		printf(" %8g", x);
}

static void print_text(const cl_dri_set *set, const cl_kb *kb)
{
	bool supp = false;
	cl_source_list all = {0};

	printf("Dietary Reference Intakes per day for %s (age %g%s)\n\n", set->life_stage,
	       set->profile.age, set->profile.vegetarian ? ", vegetarian" : "");
	printf("%-22s %8s %8s %8s %8s %8s  %s\n", "nutrient", "EAR", "RDA", "AI", "UL", "CDRR",
	       "unit");
	for (size_t i = 0; i < set->count; i++) {
		const cl_dri_value *v = &set->nutrients[i];
		bool s = v->ul_applies_to && strcmp(v->ul_applies_to, "supplements") == 0;
		printf("%-22s", v->label);
		print_cell(v->ear);
		print_cell(v->rda);
		print_cell(v->ai);
		print_cell(v->ul);
		print_cell(v->cdrr);
		printf("  %s%s\n", v->unit, s ? "  (UL: supplements only)" : "");
		supp |= s;
		cl_source_list_merge(&all, &v->sources);
	}
	printf("\n- means not set by the source. Water: 1000 g = 1 L.\n");
	if (supp)
		printf("The magnesium UL covers supplements and medicines, not food and water.\n");
	if (set->profile.vegetarian)
		printf("Iron EAR and RDA are x1.8 for vegetarian and vegan diets (IOM 2001).\n");
	printf("\nsources:\n");
	for (size_t i = 0; i < all.count; i++) {
		const char *status, *cit = cl_kb_source(kb, all.ids[i], &status);
		printf("  [%s] (%s) %s\n", all.ids[i], status ? status : "?", cit ? cit : "?");
	}
}

int cmd_dri(int argc, char **argv)
{
	double age = NAN;
	const char *sex = NULL;
	bool json = false, pregnant = false, lactating = false, vegetarian = false, vegan = false,
	     age_seen = false;
	char *pos[argc];
	int npos, rc;
	cl_kb *kb = NULL;
	cl_dri_set set;
	const struct cli_opt opts[] = {
		{"age", CLI_DOUBLE, &age, &age_seen},
		{"sex", CLI_STRING, &sex, NULL},
		{"pregnant", CLI_FLAG, &pregnant, NULL},
		{"lactating", CLI_FLAG, &lactating, NULL},
		{"vegetarian", CLI_FLAG, &vegetarian, NULL},
		{"vegan", CLI_FLAG, &vegan, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("dri", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos > 0)
		return cli_usage_error("dri", "unexpected argument '%s'", pos[0]);
	if (!age_seen)
		return cli_usage_error("dri", "say --age N (years, 9 or more)");
	if (!sex)
		return cli_usage_error("dri", "say --sex male or --sex female");
	if (strcmp(sex, "male") && strcmp(sex, "female"))
		return cli_usage_error("dri", "--sex must be male or female, not '%s'", sex);
	if (pregnant && lactating)
		return cli_usage_error("dri", "give --pregnant or --lactating, not both");
	cl_profile p = {age, strcmp(sex, "male") == 0 ? CL_SEX_MALE : CL_SEX_FEMALE,
			pregnant ? CL_REPRO_PREGNANT : lactating ? CL_REPRO_LACTATING : CL_REPRO_NONE,
			vegetarian || vegan};
	if ((rc = cl_profile_check(&p)))
		return cli_fail("dri", rc);
	if ((rc = cl_kb_open_parts(&kb, cli_data_dir(), CL_KB_DRI)))
		return cli_fail("dri", rc);
	if ((rc = cl_dri_lookup(&set, kb, &p))) {
		rc = cli_fail("dri", rc);
	} else if (json) {
		json_t *doc = cl_dri_set_to_json(&set, kb);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		print_text(&set, kb);
		rc = CLI_EXIT_OK;
	}
	cl_kb_close(kb);
	return rc;
}

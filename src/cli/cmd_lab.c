/*
 * cramplab lab: read one laboratory result ("cramplab lab vitamin D 22
 * ng/mL").  The last two arguments are the value and the unit; the words
 * before them name the test, so everyday names need no quotes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/kb.h"
#include "cramplab/labs.h"
#include "util.h"

static void print_text(const cl_lab_result *r, const cl_kb *kb)
{
	printf("%s: %g %s", r->label, r->value, r->unit);
	if (strcmp(r->input_unit, r->unit) != 0)
		printf(" (given as %g %s)", r->input_value, r->input_unit);
	printf("\nreading: %s: %s%s\n", r->band, r->band_text, r->assumed ? " [boundary assumed]" : "");
	if (r->note[0])
		printf("note: %s\n", r->note);
	printf("Laboratories' own reference ranges differ and take precedence.\nsources:\n");
	for (size_t i = 0; i < r->sources.count; i++) {
		const char *status, *cit = cl_kb_source(kb, r->sources.ids[i], &status);
		printf("  [%s] (%s) %s\n", r->sources.ids[i], status ? status : "?", cit ? cit : "?");
	}
}

int cmd_lab(int argc, char **argv)
{
	double age = NAN, albumin = NAN;
	long trimester = 0;
	const char *sex = NULL, *albumin_unit = NULL;
	bool json = false, pregnant = false, inflammation = false;
	char *pos[argc], test[256] = "";
	int npos, rc;
	size_t len = 0;
	cl_kb *kb = NULL;
	cl_lab_result r;
	double value;
	const struct cli_opt opts[] = {
		{"sex", CLI_STRING, &sex, NULL},
		{"age", CLI_DOUBLE, &age, NULL},
		{"pregnant", CLI_FLAG, &pregnant, NULL},
		{"trimester", CLI_INT, &trimester, NULL},
		{"inflammation", CLI_FLAG, &inflammation, NULL},
		{"albumin", CLI_DOUBLE, &albumin, NULL},
		{"albumin-unit", CLI_STRING, &albumin_unit, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("lab", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos < 3)
		return cli_usage_error("lab", "say TEST VALUE UNIT, e.g. 'magnesium 0.62 mmol/L'");
	for (int i = 0; i < npos - 2; i++) {
		int n = snprintf(test + len, sizeof(test) - len, "%s%s", i ? " " : "", pos[i]);
		if (n < 0 || (size_t)n >= sizeof(test) - len)
			return cli_usage_error("lab", "the test name is too long");
		len += (size_t)n;
	}
	if (!cl_parse_decimal(pos[npos - 2], strlen(pos[npos - 2]), &value))
		return cli_usage_error("lab", "VALUE must be a number, not '%s'", pos[npos - 2]);
	if (sex && strcmp(sex, "male") && strcmp(sex, "female"))
		return cli_usage_error("lab", "--sex must be male or female, not '%s'", sex);
	if (trimester < 0 || trimester > 3)
		return cli_usage_error("lab", "--trimester must be 1, 2 or 3");
	if (!isnan(albumin) && !albumin_unit)
		return cli_usage_error("lab", "--albumin needs --albumin-unit g/L or g/dL");
	cl_lab_context ctx = cl_lab_context_init();
	ctx.age = age;
	ctx.sex = !sex ? CL_SEX_UNKNOWN : strcmp(sex, "male") == 0 ? CL_SEX_MALE : CL_SEX_FEMALE;
	ctx.pregnant = pregnant || trimester > 0;
	ctx.trimester = (int)trimester;
	ctx.inflammation = inflammation;
	ctx.albumin = albumin;
	ctx.albumin_unit = albumin_unit;
	if ((rc = cl_kb_open_parts(&kb, cli_data_dir(), CL_KB_LABS)))
		return cli_fail("lab", rc);
	if ((rc = cl_lab_interpret(&r, kb, test, value, pos[npos - 1], &ctx))) {
		rc = cli_fail("lab", rc);
	} else if (json) {
		json_t *doc = cl_lab_result_to_json(&r);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		print_text(&r, kb);
		rc = CLI_EXIT_OK;
	}
	cl_kb_close(kb);
	return rc;
}

/*
 * cramplab med: what the knowledge base says about a medicine or a
 * condition ("cramplab med Lasix 40 mg", "cramplab med --condition CKD").
 * A name it does not know is reported as not recognised, not as an error,
 * exactly as the assessment will report it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/kb.h"
#include "cramplab/meds.h"

static void print_text(const char *name, const cl_med_info *m, const cl_kb *kb)
{
	if (!m) {
		printf("'%s' is not recognised by cramplab's knowledge base: it may still matter; "
		       "ask a pharmacist or clinician.\n",
		       name);
		return;
	}
	printf("%s: %s (%s)\n", name, m->label, m->kind);
	for (size_t i = 0; i < m->neffects; i++) {
		const cl_med_effect *e = &m->effects[i];
		printf("  %-12s %-20s %-8s %s%s\n", e->nutrient, e->effect, e->strength, e->note,
		       e->verified ? "" : " [not verified against a primary source]");
	}
	printf("sources:\n");
	for (size_t i = 0; i < m->sources.count; i++) {
		const char *status, *cit = cl_kb_source(kb, m->sources.ids[i], &status);
		printf("  [%s] (%s) %s\n", m->sources.ids[i], status ? status : "?", cit ? cit : "?");
	}
}

int cmd_med(int argc, char **argv)
{
	bool json = false, condition = false;
	char *pos[argc], name[512] = "";
	int npos, rc;
	size_t len = 0;
	cl_kb *kb = NULL;
	const cl_med_info *m = NULL;
	const struct cli_opt opts[] = {
		{"condition", CLI_FLAG, &condition, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("med", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos < 1)
		return cli_usage_error("med", "say a medicine (or --condition and a condition)");
	for (int i = 0; i < npos; i++) {
		int n = snprintf(name + len, sizeof(name) - len, "%s%s", i ? " " : "", pos[i]);
		if (n < 0 || (size_t)n >= sizeof(name) - len)
			return cli_usage_error("med", "the name is too long");
		len += (size_t)n;
	}
	if ((rc = cl_kb_open_parts(&kb, cli_data_dir(), CL_KB_MEDS)))
		return cli_fail("med", rc);
	rc = condition ? cl_condition_lookup(&m, kb, name) : cl_med_lookup(&m, kb, name);
	if (rc) {
		rc = cli_fail("med", rc);
	} else if (json) {
		json_t *doc = cl_med_info_to_json(name, m);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		print_text(name, m, kb);
		rc = CLI_EXIT_OK;
	}
	cl_kb_close(kb);
	return rc;
}

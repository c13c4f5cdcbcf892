/*
 * cramplab history: keep diary days and cramp episodes over weeks, summarise
 * them, and build a case for `cramplab assess` from them.  The file is
 * --history FILE, else $CRAMPLAB_HISTORY, else the per-user default next to
 * the food database; it is created mode 0600.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cramplab/history.h"

static void print_value(const char *label, const json_t *v, const char *unit, json_int_t missing,
			const char *what)
{
	printf("  %-20s", label);
	if (!json_is_number(v))
		printf(" unknown\n");
	else if (missing > 0)
		printf(" at least %.1f %s (%lld %s%s data)\n", json_number_value(v), unit,
		       (long long)missing, what, missing == 1 ? " lacks" : "s lack");
	else
		printf(" %.1f %s\n", json_number_value(v), unit);
}

static void print_list(const json_t *doc)
{
	size_t i, k;
	json_t *d, *c;
	json_array_foreach(json_object_get(doc, "days"), i, d)
	{
		json_int_t n = json_integer_value(json_object_get(d, "entries"));
		printf("%s  %lld entr%s, %s (%s)\n", json_string_value(json_object_get(d, "date")),
		       (long long)n, n == 1 ? "y" : "ies",
		       json_string_value(json_object_get(d, "source")),
		       json_string_value(json_object_get(d, "format")));
		for (k = 0; k < cl_intake_nkeys; k++) {
			const cl_nutrient_info *ni = cl_nutrient_get(cl_intake_keys[k]);
			print_value(ni->label, json_object_get(json_object_get(d, "totals"), ni->key),
				    ni->unit,
				    json_integer_value(
					    json_object_get(json_object_get(d, "missing"), ni->key)),
				    "entry");
		}
	}
	if (!json_array_size(json_object_get(doc, "days")))
		printf("no diary days stored in this period\n");
	printf("\ncramp episodes:\n");
	json_array_foreach(json_object_get(doc, "cramps"), i, c)
	{
		const json_t *v;
		printf("  #%lld %s", (long long)json_integer_value(json_object_get(c, "id")),
		       json_string_value(json_object_get(c, "date")));
		if (json_is_string(v = json_object_get(c, "time")))
			printf(" %s", json_string_value(v));
		printf(" %s", json_string_value(json_object_get(c, "context")));
		if (json_is_string(v = json_object_get(c, "muscle")))
			printf(", %s", json_string_value(v));
		if (json_is_string(v = json_object_get(c, "side")))
			printf(" (%s)", json_string_value(v));
		if (json_is_integer(v = json_object_get(c, "severity")))
			printf(", severity %lld/10", (long long)json_integer_value(v));
		if (json_is_number(v = json_object_get(c, "minutes")))
			printf(", %g min", json_number_value(v));
		if (json_is_string(v = json_object_get(c, "note")))
			printf(": %s", json_string_value(v));
		printf("\n");
	}
	if (!json_array_size(json_object_get(doc, "cramps")))
		printf("  none in this period\n");
}

static void print_summary(const json_t *doc)
{
	const json_t *c = json_object_get(doc, "cramps"), *ms = json_object_get(c, "muscles"), *v;
	const char *name;
	printf("%s to %s (%.1f weeks): %lld diary day%s\n",
	       json_string_value(json_object_get(doc, "from")),
	       json_string_value(json_object_get(doc, "to")),
	       json_number_value(json_object_get(doc, "weeks")),
	       (long long)json_integer_value(json_object_get(doc, "days")),
	       json_integer_value(json_object_get(doc, "days")) == 1 ? "" : "s");
	printf("\ncramps: %lld episode%s, %.1f a week", (long long)json_integer_value(
							       json_object_get(c, "episodes")),
	       json_integer_value(json_object_get(c, "episodes")) == 1 ? "" : "s",
	       json_number_value(json_object_get(c, "per_week")));
	printf(" (at night %lld, during exercise %lld, at rest %lld, not said %lld)\n",
	       (long long)json_integer_value(json_object_get(c, "night")),
	       (long long)json_integer_value(json_object_get(c, "exercise")),
	       (long long)json_integer_value(json_object_get(c, "rest")),
	       (long long)json_integer_value(json_object_get(c, "unknown")));
	if (json_is_number(v = json_object_get(c, "mean_severity")))
		printf("  mean severity %.1f/10\n", json_number_value(v));
	json_object_foreach((json_t *)ms, name, v)
	{
		printf("  %s: %lld\n", name, (long long)json_integer_value(v));
	}
	if (json_number_value(json_object_get(c, "per_week")) >= 3)
		printf("  Cramps three or more times a week are frequent enough to look for a "
		       "cause: see `cramplab history case`.\n");
	if (!json_integer_value(json_object_get(doc, "days")))
		return;
	printf("\nmean per day over the days whose total is known:\n");
	for (size_t k = 0; k < cl_intake_nkeys; k++) {
		const cl_nutrient_info *ni = cl_nutrient_get(cl_intake_keys[k]);
		json_int_t known = json_integer_value(
			json_object_get(json_object_get(doc, "days_known"), ni->key));
		v = json_object_get(json_object_get(doc, "mean"), ni->key);
		printf("  %-20s", ni->label);
		if (!json_is_number(v))
			printf(" unknown\n");
		else
			printf(" %.1f %s%s\n", json_number_value(v), ni->unit,
			       known < json_integer_value(json_object_get(doc, "days"))
				       ? " (not every day known)"
				       : "");
	}
}

static int add_days(const char *file, const char *dbpath, bool replace, cl_history *h, bool json)
{
	cl_fooddb *db = NULL;
	cl_parser *parser = NULL;
	cl_intake *in = NULL;
	size_t added = 0, replaced = 0;
	int rc;

	if ((rc = cli_read_intake("history", "nothing stored", dbpath, file, &db, &parser, &in)))
		goto cleanup;
	if ((rc = cl_history_add_intake(h, in, replace, &added, &replaced))) {
		rc = cli_fail("history", rc);
		goto cleanup;
	}
	if (json) {
		json_t *doc = json_pack("{s:I, s:I}", "added", (json_int_t)added, "replaced",
					(json_int_t)replaced);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		printf("stored %zu day%s from %s", added + replaced, added + replaced == 1 ? "" : "s",
		       file);
		if (replaced)
			printf(" (%zu replaced)", replaced);
		printf("\n");
		rc = CLI_EXIT_OK;
	}
cleanup:
	cl_intake_free(in);
	cl_parser_free(parser);
	cl_fooddb_close(db);
	return rc;
}

static int add_cramp(char **pos, int npos, const char *time, const char *muscle, const char *side,
		     long severity, bool severity_seen, double minutes, bool minutes_seen,
		     const char *context, const char *note, cl_history *h, bool json)
{
	cl_cramp_episode e = cl_cramp_episode_init();
	long long id = 0;
	int rc;

	if (npos != 2)
		return cli_usage_error("history", "cramp takes one DATE (YYYY-MM-DD)");
	if (strlen(pos[1]) >= sizeof(e.date) || (time && strlen(time) >= sizeof(e.time)))
		return cli_usage_error("history", "expected DATE as YYYY-MM-DD and --time as HH:MM");
	snprintf(e.date, sizeof(e.date), "%s", pos[1]);
	if (time)
		snprintf(e.time, sizeof(e.time), "%s", time);
	e.muscle = muscle;
	e.side = side;
	e.note = note;
	if (severity_seen)
		e.severity = severity < 0 || severity > 10 ? 11 : (int)severity;
	if (minutes_seen)
		e.minutes = isnan(minutes) ? -1 : minutes;
	if (context && (rc = cl_cramp_context_parse(&e.context, context)))
		return cli_fail("history", rc);
	if ((rc = cl_history_add_cramp(h, &e, &id)))
		return cli_fail("history", rc);
	if (json) {
		json_t *doc = json_pack("{s:I}", "id", (json_int_t)id);
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
		return rc;
	}
	printf("stored cramp episode #%lld on %s\n", id, e.date);
	return CLI_EXIT_OK;
}

int cmd_history(int argc, char **argv)
{
	const char *path = NULL, *dbpath = NULL, *from = NULL, *to = NULL, *time = NULL,
		   *muscle = NULL, *side = NULL, *context = NULL, *note = NULL;
	bool json = false, replace = false, severity_seen = false, minutes_seen = false;
	long weeks = 4, severity = -1;
	double minutes = NAN;
	char *pos[argc];
	int npos, rc;
	cl_history *h = NULL;
	json_t *doc = NULL, *base = NULL;
	const struct cli_opt opts[] = {
		{"history", CLI_STRING, &path, NULL},
		{"db", CLI_STRING, &dbpath, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{"replace", CLI_FLAG, &replace, NULL},
		{"from", CLI_STRING, &from, NULL},
		{"to", CLI_STRING, &to, NULL},
		{"weeks", CLI_INT, &weeks, NULL},
		{"time", CLI_STRING, &time, NULL},
		{"muscle", CLI_STRING, &muscle, NULL},
		{"side", CLI_STRING, &side, NULL},
		{"severity", CLI_INT, &severity, &severity_seen},
		{"minutes", CLI_DOUBLE, &minutes, &minutes_seen},
		{"context", CLI_STRING, &context, NULL},
		{"note", CLI_STRING, &note, NULL},
		{NULL, 0, NULL, NULL},
	};
	static const char *const actions[] = {"add",     "cramp", "list",       "summary",
					      "case",    "delete-day", "delete-cramp", NULL};

	if ((rc = cli_parse("history", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos < 1)
		return cli_usage_error("history", "say what to do: add, cramp, list, summary, case, "
						  "delete-day or delete-cramp");
	const char *act = pos[0];
	bool known = false;
	for (int i = 0; actions[i]; i++)
		known |= strcmp(act, actions[i]) == 0;
	if (!known)
		return cli_usage_error("history", "unknown action '%s' (add, cramp, list, summary, "
						  "case, delete-day or delete-cramp)", act);
	bool one_arg = !strcmp(act, "add") || !strcmp(act, "case") || !strcmp(act, "delete-day") ||
		       !strcmp(act, "delete-cramp");
	if (one_arg && npos != 2)
		return cli_usage_error("history", "%s takes one argument", act);
	if ((!strcmp(act, "list") || !strcmp(act, "summary")) && npos != 1)
		return cli_usage_error("history", "%s takes no argument (use --from/--to)", act);
	if (weeks < 1 || weeks > 520)
		return cli_usage_error("history", "--weeks must be between 1 and 520");
	if (!strcmp(act, "case")) {
		/* Read the base first: a mistyped file name should not create a history. */
		json_error_t err;
		base = json_load_file(pos[1], JSON_REJECT_DUPLICATES, &err);
		if (!base) {
			fprintf(stderr, "cramplab history: %s line %d, column %d: %s\n", pos[1],
				err.line, err.column, err.text);
			return CLI_EXIT_USAGE;
		}
	}
	if ((rc = cl_history_open(&h, cli_user_file(path, "CRAMPLAB_HISTORY", "history.db")))) {
		rc = cli_fail("history", rc);
		goto done;
	}
	if (!strcmp(act, "add")) {
		rc = add_days(pos[1], dbpath, replace, h, json);
		goto done;
	}
	if (!strcmp(act, "cramp")) {
		rc = add_cramp(pos, npos, time, muscle, side, severity, severity_seen, minutes,
			       minutes_seen, context, note, h, json);
		goto done;
	}
	if (!strcmp(act, "delete-day") || !strcmp(act, "delete-cramp")) {
		char *end = NULL;
		long long id = strtoll(pos[1], &end, 10);
		if (!strcmp(act, "delete-cramp") && (!*pos[1] || *end || id <= 0)) {
			rc = cli_usage_error("history", "delete-cramp takes an episode number");
			goto done;
		}
		rc = !strcmp(act, "delete-day") ? cl_history_delete_day(h, pos[1])
						: cl_history_delete_cramp(h, id);
		if (rc) {
			rc = cli_fail("history", rc);
			goto done;
		}
		if (json) {
			doc = json_pack("{s:s}", "deleted", pos[1]);
			rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		} else {
			printf("deleted %s %s\n", !strcmp(act, "delete-day") ? "day" : "cramp episode",
			       pos[1]);
		}
		goto done;
	}
	if (!strcmp(act, "list"))
		rc = cl_history_list(&doc, h, from, to);
	else if (!strcmp(act, "summary"))
		rc = cl_history_summary(&doc, h, from, to, (int)weeks);
	else
		rc = cl_history_case(&doc, h, base, from, to, (int)weeks);
	if (rc) {
		rc = cli_fail("history", rc);
		goto done;
	}
	if (json || !strcmp(act, "case")) { /* a case is always JSON: assess reads it */
		rc = cli_print_json(doc);
		goto done;
	}
	if (!strcmp(act, "list"))
		print_list(doc);
	else
		print_summary(doc);
	rc = CLI_EXIT_OK;
done:
	json_decref(doc);
	json_decref(base);
	cl_history_close(h);
	return rc;
}

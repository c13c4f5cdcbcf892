/*
 * Option parsing, exit-status mapping and output helpers shared by all
 * subcommands.  Keeping them here means every command accepts options in
 * the same places and fails in the same way.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonout.h"

const struct cli_command *cli_find_command(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cramplab %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'cramplab help %s')\n", cmd);
	return CLI_EXIT_USAGE;
}

static int set_option(const char *cmd, const struct cli_opt *o, const char *value)
{
	char *end = NULL;

	errno = 0;
	switch (o->kind) {
	case CLI_FLAG:
		*(bool *)o->target = true;
		break;
	case CLI_INT: {
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end)
			return cli_usage_error(cmd, "--%s expects a whole number, got '%s'",
					       o->name, value);
		*(long *)o->target = v;
		break;
	}
	case CLI_DOUBLE: {
		double v = strtod(value, &end);
		if (errno || end == value || *end || !isfinite(v))
			return cli_usage_error(cmd, "--%s expects a number, got '%s'", o->name,
					       value);
		*(double *)o->target = v;
		break;
	}
	case CLI_STRING:
		*(const char **)o->target = value;
		break;
	}
	if (o->seen)
		*o->seen = true;
	return 0;
}

int cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts, char **pos,
	      int *npos)
{
	bool only_positional = false;

	*npos = 0;
	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (only_positional || arg[0] != '-' || arg[1] == '\0' ||
		    (arg[1] != '-' && strcmp(arg, "-h") != 0)) {
			pos[(*npos)++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_positional = true;
			continue;
		}
		const char *name = arg + (arg[1] == '-' ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = NULL;
		for (const struct cli_opt *p = opts; p && p->name; p++)
			if (strlen(p->name) == len && strncmp(p->name, name, len) == 0)
				o = p;
		if (!o)
			return cli_usage_error(cmd, "unknown option '%s'", arg);
		const char *value = NULL;
		if (o->kind == CLI_FLAG) {
			if (eq)
				return cli_usage_error(cmd, "--%s takes no value", o->name);
		} else if (eq) {
			value = eq + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return cli_usage_error(cmd, "--%s needs a value", o->name);
		}
		int rc = set_option(cmd, o, value);
		if (rc)
			return rc;
	}
	return 0;
}

int cli_fail(const char *cmd, int code)
{
	const char *msg = cl_error_last();

	fprintf(stderr, "cramplab %s: %s\n", cmd, msg[0] ? msg : "failed");
	switch (code) {
	case CL_EINVAL:
	case CL_ENOTFOUND:
		return CLI_EXIT_USAGE;
	default:
		return CLI_EXIT_FAIL;
	}
}

int cli_print_json(json_t *doc)
{
	/* Into memory, then one write.  The bytes are json_dumps()'s with
	 * JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10), and a
	 * newline (jsonout.c says why not json_dumps() itself).  128 KB holds
	 * an assessment's document without growing. */
	cl_buf b = {malloc(1 << 17), 0, 1 << 17};
	if (!b.data)
		b.cap = 0;
	if (cl_json_write(&b, doc, 2, 10) != CL_OK || cl_buf_append(&b, "\n", 1) != CL_OK ||
	    fwrite(b.data, 1, b.len, stdout) != b.len) {
		cl_buf_free(&b);
		fprintf(stderr, "cramplab: could not write JSON output\n");
		return CLI_EXIT_FAIL;
	}
	cl_buf_free(&b);
	return CLI_EXIT_OK;
}

const char *cli_user_file(const char *from_option, const char *env_name, const char *name)
{
	static char buf[4096];
	const char *env;

	if (from_option && *from_option)
		return from_option;
	env = getenv(env_name);
	if (env && *env)
		return env;
	env = getenv("XDG_DATA_HOME");
	if (env && *env) {
		snprintf(buf, sizeof(buf), "%s/cramplab/%s", env, name);
		return buf;
	}
	env = getenv("HOME");
	snprintf(buf, sizeof(buf), "%s/.local/share/cramplab/%s", env && *env ? env : ".", name);
	return buf;
}

const char *cli_db_path(const char *from_option)
{
	return cli_user_file(from_option, "CRAMPLAB_DB", "foods.db");
}

int cli_read_intake(const char *cmd, const char *what, const char *dbpath, const char *path,
		    cl_fooddb **db, cl_parser **parser, cl_intake **out)
{
	char *errors = NULL;
	int rc;
	if ((rc = cl_fooddb_open(db, cli_db_path(dbpath))) || (rc = cl_parser_new(parser, *db)))
		return cli_fail(cmd, rc);
	cli_use_cache(*parser);
	rc = cl_intake_read_file(out, &errors, *parser, path);
	if (rc && errors) { /* the full list: every bad line, not only those that fit */
		fprintf(stderr, "cramplab %s: %s: %s; fix these lines:\n%s", cmd, path, what, errors);
		rc = CLI_EXIT_USAGE;
	} else if (rc) {
		rc = cli_fail(cmd, rc);
	}
	free(errors);
	return rc;
}

bool cli_no_cache;

const char *cli_cache_file(void)
{
	static char buf[4096];
	const char *env = getenv("CRAMPLAB_CACHE");
	if (cli_no_cache || (env && strcmp(env, "off") == 0))
		return NULL;
	if (env && *env)
		snprintf(buf, sizeof(buf), "%s/diary-lines.db", env);
	else if ((env = getenv("XDG_CACHE_HOME")) && *env)
		snprintf(buf, sizeof(buf), "%s/cramplab/diary-lines.db", env);
	else if ((env = getenv("HOME")) && *env)
		snprintf(buf, sizeof(buf), "%s/.cache/cramplab/diary-lines.db", env);
	else
		return NULL;
	return buf;
}

void cli_use_cache(cl_parser *parser)
{
	const char *path = cli_cache_file();
	if (path && cl_parser_use_cache(parser, path) != CL_OK)
		cl_error_clear();
}

const char *cli_data_dir(void)
{
	const char *env = getenv("CRAMPLAB_DATA");
	return env && *env ? env : CL_DATADIR;
}

/*
 * Shared pieces of the cramplab tool: the subcommand table, option parsing,
 * the one place where library error codes become exit statuses, and JSON
 * printing.  Each subcommand lives in its own cmd_<name>.c file.
 */
#ifndef CL_CLI_H
#define CL_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "cramplab/common.h"
#include "cramplab/intake.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full help text shown by `cramplab help NAME` */
};

extern const struct cli_command cli_commands[];
const struct cli_command *cli_find_command(const char *name);

/* Option kinds understood by cli_parse(). */
enum cli_opt_kind { CLI_FLAG, CLI_INT, CLI_DOUBLE, CLI_STRING };

struct cli_opt {
	const char *name;       /* long name without the dashes */
	enum cli_opt_kind kind;
	void *target;           /* bool *, long *, double *, const char ** */
	bool *seen;             /* optional: set when the option was given */
};

/*
 * Parse argv[1..] (argv[0] is the subcommand name).  Options may appear
 * anywhere; "--name=value" and "--name value" both work; "--" ends options.
 * Positional arguments are gathered into pos (which must have room for
 * argc entries) and counted in *npos.  On error prints a message naming the
 * option and returns CLI_EXIT_USAGE; otherwise 0.
 */
int cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts, char **pos,
	      int *npos);

/* Map a library error code to an exit status and print cl_error_last(). */
int cli_fail(const char *cmd, int code);

/* Print a usage error for cmd and return CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print a JSON document to stdout (takes no ownership). */
int cli_print_json(json_t *doc);

/* A per-user file: the option, else $env_name, else
 * $XDG_DATA_HOME/cramplab/NAME, else ~/.local/share/cramplab/NAME.  The
 * result may live in a static buffer until the next call. */
const char *cli_user_file(const char *from_option, const char *env_name, const char *name);

/* The food database path: --db, $CRAMPLAB_DB, or the per-user default. */
const char *cli_db_path(const char *from_option);

/* Open the food database (--db) and a parser, and read a diary or export
 * for cmd: 0, or an exit status after printing every bad line ("FILE: WHAT;
 * fix these lines:") or the error.  The caller frees *db, *parser, *out. */
int cli_read_intake(const char *cmd, const char *what, const char *dbpath, const char *path,
		    cl_fooddb **db, cl_parser **parser, cl_intake **out);

/* Set by --no-cache (main.c takes it out of any command's options). */
extern bool cli_no_cache;

/* The diary-line cache file: none with --no-cache or CRAMPLAB_CACHE=off,
 * else $CRAMPLAB_CACHE/diary-lines.db, else $XDG_CACHE_HOME/cramplab/...,
 * else ~/.cache/cramplab/...  May live in a static buffer. */
const char *cli_cache_file(void);

/* Lets parser use the cache file, if any; a cache that cannot be used is
 * passed over in silence (the answers are the same without it). */
void cli_use_cache(cl_parser *parser);

/* The knowledge-base directory: $CRAMPLAB_DATA, else the one built in. */
const char *cli_data_dir(void);

/* The data snapshot of the data files (build/gen/data_snapshot.c, written by
 * src/tools/datasnap.c), installed by main() unless CRAMPLAB_DATA_SNAPSHOT
 * is "off". */
extern const unsigned char cli_data_snapshot[];
extern const size_t cli_data_snapshot_len;
/* The knowledge base's, the food rules' and the triage rules' compiled
 * tables (src/lib/kbimage.c, foodrules.c, rules.c), from the same tool. */
extern const unsigned char cli_kb_image[];
extern const size_t cli_kb_image_len;
extern const unsigned char cli_food_rules_image[];
extern const size_t cli_food_rules_image_len;
extern const unsigned char cli_triage_image[];
extern const size_t cli_triage_image_len;

#endif

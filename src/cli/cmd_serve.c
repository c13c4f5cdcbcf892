/*
 * cramplab serve: the local web app.  This file only turns options into
 * http_server_options, prints where the server listens, and waits for
 * SIGINT or SIGTERM; the server itself is src/http.  The signals are
 * blocked before the server's threads start (they inherit the mask) and
 * taken with sigwait() here, so stopping is an ordinary return that frees
 * everything, not work done inside a signal handler.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../http/http.h"
#include "cli.h"
#include "commands.h"

int cmd_serve(int argc, char **argv)
{
	const char *dbpath = NULL, *bind = "127.0.0.1", *history = NULL;
	long port = 8080, timeout = 10, threads = 4;
	bool json = false;
	char *pos[argc];
	int npos, rc, sig;
	sigset_t stop;
	http_server *srv = NULL;
	const struct cli_opt opts[] = {
		{"port", CLI_INT, &port, NULL},
		{"bind", CLI_STRING, &bind, NULL},
		{"db", CLI_STRING, &dbpath, NULL},
		{"history", CLI_STRING, &history, NULL},
		{"timeout", CLI_INT, &timeout, NULL},
		{"threads", CLI_INT, &threads, NULL},
		{"json", CLI_FLAG, &json, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cli_parse("serve", argc, argv, opts, pos, &npos)))
		return rc;
	if (npos > 0)
		return cli_usage_error("serve", "unexpected argument '%s'", pos[0]);
	if (port < 0 || port > 65535)
		return cli_usage_error("serve", "--port must be between 0 and 65535");
	if (timeout < 1 || timeout > 3600)
		return cli_usage_error("serve", "--timeout must be between 1 and 3600 seconds");
	if (threads < 1 || threads > 64)
		return cli_usage_error("serve", "--threads must be between 1 and 64");

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Both paths may come from one static buffer (cli_user_file): copy one. */
	char db_path[4096];
	snprintf(db_path, sizeof(db_path), "%s", cli_db_path(dbpath));
	struct http_server_options o = {
		.bind = bind,
		.port = (unsigned)port,
		.db_path = db_path,
		.history_path = cli_user_file(history, "CRAMPLAB_HISTORY", "history.db"),
		.data_dir = cli_data_dir(),
		.threads = (unsigned)threads,
		.timeout_s = (unsigned)timeout,
	};
	if ((rc = http_server_start(&srv, &o)))
		return cli_fail("serve", rc);
	if (!http_server_is_loopback(srv))
		fprintf(stderr,
			"cramplab serve: warning: listening on %s, not on 127.0.0.1: any machine "
			"that can reach this one can see the health data you enter\n",
			bind);

	char url[128];
	bool v6 = strchr(bind, ':') != NULL;
	snprintf(url, sizeof(url), "http://%s%s%s:%u/", v6 ? "[" : "",
		 strcmp(bind, "localhost") == 0 ? "127.0.0.1" : bind, v6 ? "]" : "",
		 http_server_port(srv));
	if (json) {
		json_t *doc = json_pack("{s:s, s:i}", "url", url, "port", (int)http_server_port(srv));
		rc = doc ? cli_print_json(doc) : CLI_EXIT_FAIL;
		json_decref(doc);
	} else {
		printf("listening on %s\n", url);
		rc = CLI_EXIT_OK;
	}
	fflush(stdout);

	while (sigwait(&stop, &sig) != 0)
		;
	http_server_stop(srv);
	return rc;
}

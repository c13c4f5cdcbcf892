/*
 * The web server's routes: one table saying which handler answers which
 * method and path, and the handlers themselves.  The server (server.c) has
 * already checked the request (host, UTF-8, size, method) and will turn a
 * handler's error code into a status, so a handler only reads its input
 * and fills the response, and the JSON it prints is built by the same
 * library function the CLI uses, so the API answers exactly like
 * `cramplab ... --json`.
 *
 * Adding an endpoint, e.g. POST /api/assess:
 *   1. write `static int assess(http_request *req, http_response *res)`:
 *      read the body with http_request_body(), call the library, and end
 *      with `return http_reply_json(res, doc)` (json_decref(doc) after);
 *      on bad input return the library's code (CL_EINVAL becomes 400 with
 *      cl_error_last() as the message);
 *   2. add `{"POST", "/api/assess", HTTP_EXACT, assess, NULL}` to the table.
 * A handler that needs the food database calls http_request_db(); one that
 * needs the knowledge base uses http_request_data_dir().  Paths under
 * /api/ answer errors as JSON and are never cached; other paths answer
 * errors as HTML (so POST /report gets an HTML error page).  Exact paths
 * must come before a PREFIX route that would also match them.
 */
#include <stdlib.h>
#include <string.h>

#include "cramplab/fooddb.h"
#include "cramplab/json.h"
#include "error.h"
#include "http.h"
#include "util.h"

#define DEFAULT_LIMIT 10
#define MAX_LIMIT 1000 /* as `cramplab food search --limit` */

static const char *content_type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && strcmp(dot, ".html") == 0)
		return "text/html; charset=utf-8";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	return "application/octet-stream";
}

/* GET /, /app.js, /style.css: a file embedded from src/http/web/. */
static int asset(http_request *req, http_response *res)
{
	const struct http_asset *a = http_asset_find(http_request_arg(req));

	if (!a)
		return cl_error_set(CL_ENOTFOUND, "%s is not built into this cramplab",
				    (const char *)http_request_arg(req));
	res->content_type = content_type_of(a->name);
	res->static_body = a->data;
	res->static_len = a->len;
	return CL_OK;
}

/* Strictly digits, as the CLI's --limit (no sign, no fraction, no spaces). */
static int parse_limit(const char *s, size_t *limit)
{
	size_t v = 0, i = 0;

	*limit = DEFAULT_LIMIT;
	if (!s)
		return CL_OK;
	for (; s[i] >= '0' && s[i] <= '9' && i < 5; i++)
		v = v * 10 + (size_t)(s[i] - '0');
	if (i == 0 || s[i] || v < 1 || v > MAX_LIMIT)
		return cl_error_set(CL_EINVAL, "limit must be a whole number between 1 and %d",
				    MAX_LIMIT);
	*limit = v;
	return CL_OK;
}

/* GET /api/food/search?q=&limit=: as `cramplab food search Q --limit N --json`. */
static int food_search(http_request *req, http_response *res)
{
	const char *q = http_request_query(req, "q");
	cl_food_hits hits = {0};
	cl_fooddb *db;
	json_t *doc = NULL;
	size_t limit;
	int rc;

	if (!q || !*q)
		return cl_error_set(CL_EINVAL, "say what to search for: /api/food/search?q=banana");
	if ((rc = parse_limit(http_request_query(req, "limit"), &limit)) ||
	    (rc = http_request_db(req, &db)) || (rc = cl_food_search(&hits, db, q, limit)))
		goto cleanup;
	doc = cl_food_hits_to_json(q, &hits);
	rc = http_reply_json(res, doc);
cleanup:
	json_decref(doc);
	cl_food_hits_free(&hits);
	return rc;
}

/* GET /api/food/NDB: as `cramplab food show NDB --json`. */
static int food_show(http_request *req, http_response *res)
{
	const char *ndb = http_request_rest(req);
	cl_food *food = NULL;
	cl_fooddb *db;
	json_t *doc = NULL;
	int rc;

	if (!*ndb || strchr(ndb, '/'))
		return cl_error_set(CL_ENOTFOUND, "say which food: /api/food/09040");
	if ((rc = http_request_db(req, &db)) || (rc = cl_food_get(&food, db, ndb)))
		goto cleanup;
	doc = cl_food_to_json(food);
	rc = http_reply_json(res, doc);
cleanup:
	json_decref(doc);
	cl_food_free(food);
	return rc;
}

const struct http_route http_routes[] = {
	{"GET", "/", HTTP_EXACT, asset, "index.html"},
	{"GET", "/index.html", HTTP_EXACT, asset, "index.html"},
	{"GET", "/app.js", HTTP_EXACT, asset, "app.js"},
	{"GET", "/style.css", HTTP_EXACT, asset, "style.css"},
	{"GET", "/api/food/search", HTTP_EXACT, food_search, NULL},
	{"GET", "/api/food/", HTTP_PREFIX, food_show, NULL},
	{NULL, NULL, HTTP_EXACT, NULL, NULL},
};

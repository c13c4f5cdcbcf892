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
 * assesses a case borrows an assessor with http_request_assessor().  Paths under
 * /api/ answer errors as JSON and are never cached; other paths answer
 * errors as HTML (so POST /report gets an HTML error page).  Exact paths
 * must come before a PREFIX route that would also match them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cramplab/assess.h"
#include "cramplab/fooddb.h"
#include "cramplab/history.h"
#include "cramplab/intake.h"
#include "cramplab/json.h"
#include "cramplab/report.h"
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

/* The body as a NUL-terminated string (the server keeps it so). */
static int body_text(http_request *req, const char **text, size_t *len)
{
	*text = http_request_body(req, len);
	if (!*text || *len == 0)
		return cl_error_set(CL_EINVAL, "the request has no body");
	if (memchr(*text, '\0', *len))
		return cl_error_set(CL_EINVAL, "the request body holds a NUL byte");
	return CL_OK;
}

/* POST /api/parse, body {"line": "..."} or the line as plain text:
 * as `cramplab parse LINE --json`. */
static int parse_line(http_request *req, http_response *res)
{
	const char *body, *line;
	size_t len;
	json_t *in = NULL, *doc = NULL;
	cl_fooddb *db;
	cl_parser *parser = NULL;
	cl_diary_line parsed = {0};
	int rc;

	if ((rc = body_text(req, &body, &len)))
		return rc;
	line = body;
	if (body[0] == '{') {
		json_error_t jerr;
		in = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!in)
			return cl_error_set(CL_EINVAL, "body line %d column %d: %s", jerr.line,
					    jerr.column, jerr.text);
		line = json_string_value(json_object_get(in, "line"));
		if (!line) {
			json_decref(in);
			return cl_error_set(CL_EINVAL, "body: expected {\"line\": \"2 medium bananas\"}");
		}
	}
	if ((rc = http_request_db(req, &db)) || (rc = cl_parser_new(&parser, db)) ||
	    (rc = cl_diary_parse(&parsed, parser, line)))
		goto cleanup;
	doc = cl_diary_line_to_json(line, &parsed);
	rc = http_reply_json(res, doc);
cleanup:
	json_decref(doc);
	cl_diary_line_clear(&parsed);
	cl_parser_free(parser);
	json_decref(in);
	return rc;
}

/* The body read as a diary or CSV export (as cl_intake_read_text), with
 * every bad line in the message after `what`; the caller frees both. */
static int body_intake(http_request *req, const char *what, cl_parser **parser, cl_intake **in)
{
	const char *body;
	size_t len;
	cl_fooddb *db;
	char *errors = NULL;
	int rc;

	if ((rc = body_text(req, &body, &len)) || (rc = http_request_db(req, &db)) ||
	    (rc = cl_parser_new(parser, db)))
		return rc;
	if ((rc = cl_intake_read_text(in, &errors, *parser, body, len, "diary")) && errors)
		cl_error_set(rc, "%s:\n%s", what, errors);
	free(errors);
	return rc;
}

/* POST /api/intake, body = a diary or a CSV export: as `cramplab intake FILE --json`. */
static int intake(http_request *req, http_response *res)
{
	cl_parser *parser = NULL;
	cl_intake *in = NULL;
	json_t *doc = NULL;
	int rc;

	if (!(rc = body_intake(req, "the diary has errors", &parser, &in))) {
		doc = cl_intake_to_json(in);
		rc = http_reply_json(res, doc);
	}
	json_decref(doc);
	cl_intake_free(in);
	cl_parser_free(parser);
	return rc;
}

/* POST /api/assess, body = CASE JSON with the diary inline: as
 * `cramplab assess CASE.json --json`.  A diary file name is refused: the
 * server must not read files named by a request. */
static int assess(http_request *req, http_response *res)
{
	const char *body;
	size_t len;
	cl_case *k = NULL;
	cl_assessor *a;
	json_t *doc = NULL;
	int rc;

	if ((rc = body_text(req, &body, &len)) ||
	    (rc = cl_case_parse(&k, body, len, "request body", NULL)))
		goto cleanup;
	if (k->diary_path) {
		rc = cl_error_set(CL_EINVAL, "request body: diary: give the days inline "
					     "([{\"date\": ..., \"foods\": [...]}]), not a file name");
		goto cleanup;
	}
	if ((rc = http_request_assessor(req, &a)) || (rc = cl_assess(&doc, a, k)))
		goto cleanup;
	rc = http_reply_json(res, doc);
cleanup:
	json_decref(doc);
	cl_case_free(k);
	return rc;
}

/* The report is one self-contained page: its <style> block and inline SVG
 * need inline styles; it runs no script and loads nothing. */
#define REPORT_CSP                                                                           \
	"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "    \
	"form-action 'none'; frame-ancestors 'none'"

static bool is_form(http_request *req)
{
	const char *type = http_request_header(req, "Content-Type");
	static const char form[] = "application/x-www-form-urlencoded";

	return type && strncasecmp(type, form, sizeof(form) - 1) == 0 &&
	       (type[sizeof(form) - 1] == '\0' || type[sizeof(form) - 1] == ';');
}

/* POST /report, body = CASE JSON (as /api/assess) or the page's form: the
 * HTML report, the same bytes as `cramplab assess CASE.json --html`. */
static int report(http_request *req, http_response *res)
{
	const char *body, *name = "request body";
	size_t len;
	json_t *form = NULL, *doc = NULL;
	char *text = NULL, *html = NULL;
	cl_case *k = NULL;
	cl_assessor *a;
	int rc;

	if ((rc = body_text(req, &body, &len)))
		goto cleanup;
	/* curl and other tools label any body a form by default; a form field
	 * name never starts with '{', so such a body is taken as CASE JSON. */
	if (is_form(req) && body[strspn(body, " \t\r\n")] != '{') {
		if ((rc = http_form_to_case(&form, body, len)))
			goto cleanup;
		text = json_dumps(form, JSON_COMPACT);
		if (!text) {
			rc = cl_error_oom();
			goto cleanup;
		}
		body = text;
		len = strlen(text);
		name = "the form";
	}
	if ((rc = cl_case_parse(&k, body, len, name, NULL)))
		goto cleanup;
	if (k->diary_path) {
		rc = cl_error_set(CL_EINVAL, "request body: diary: give the days inline "
					     "([{\"date\": ..., \"foods\": [...]}]), not a file name");
		goto cleanup;
	}
	if ((rc = http_request_assessor(req, &a)) || (rc = cl_assess(&doc, a, k)) ||
	    (rc = cl_report_html(&html, doc)) ||
	    (rc = http_reply_text(res, "text/html; charset=utf-8", html)))
		goto cleanup;
	res->csp = REPORT_CSP;
cleanup:
	free(html);
	free(text);
	json_decref(doc);
	json_decref(form);
	cl_case_free(k);
	return rc;
}

/* ---- the person's history (cramplab history) ------------------------- */

static int open_history(http_request *req, cl_history **h)
{
	const char *path = http_request_history_path(req);
	if (!path || !*path)
		return cl_error_set(CL_ENOTFOUND, "this server keeps no history");
	return cl_history_open(h, path);
}

/* GET /api/history?from=&to=: as `cramplab history list --json`. */
static int history_list(http_request *req, http_response *res)
{
	cl_history *h = NULL;
	json_t *doc = NULL;
	int rc;
	if (!(rc = open_history(req, &h)) &&
	    !(rc = cl_history_list(&doc, h, http_request_query(req, "from"),
				   http_request_query(req, "to"))))
		rc = http_reply_json(res, doc);
	json_decref(doc);
	cl_history_close(h);
	return rc;
}

/* GET /api/history/summary?from=&to=&weeks=: as `cramplab history summary --json`. */
static int history_summary(http_request *req, http_response *res)
{
	const char *w = http_request_query(req, "weeks");
	cl_history *h = NULL;
	json_t *doc = NULL;
	size_t weeks = 4;
	int rc;
	if (w && (parse_limit(w, &weeks) || weeks > 520))
		return cl_error_set(CL_EINVAL, "weeks: expected 1 to 520");
	if (!(rc = open_history(req, &h)) &&
	    !(rc = cl_history_summary(&doc, h, http_request_query(req, "from"),
				      http_request_query(req, "to"), (int)weeks)))
		rc = http_reply_json(res, doc);
	json_decref(doc);
	cl_history_close(h);
	return rc;
}

/* A string member of a cramp body, or NULL; CL_EINVAL if present and not a string. */
static int member_text(const json_t *o, const char *key, const char **out)
{
	const json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return CL_OK;
	if (!json_is_string(v))
		return cl_error_set(CL_EINVAL, "%s: expected a string", key);
	*out = json_string_value(v);
	return CL_OK;
}

/* POST /api/history/cramp, body {"date", "time"?, "context"?, "muscle"?,
 * "side"?, "severity"?, "minutes"?, "note"?}: as `cramplab history cramp`;
 * answers {"id"}. */
static int history_cramp(http_request *req, http_response *res)
{
	static const char *const known[] = {"date", "time",    "context", "muscle",
					    "side", "severity", "minutes", "note"};
	const char *body, *date = NULL, *time = NULL, *context = NULL, *key;
	size_t len;
	json_t *in = NULL, *doc = NULL, *v;
	json_error_t jerr;
	cl_cramp_episode e = cl_cramp_episode_init();
	cl_history *h = NULL;
	long long id = 0;
	int rc;

	if ((rc = body_text(req, &body, &len)))
		return rc;
	if (!(in = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr)))
		return cl_error_set(CL_EINVAL, "body line %d column %d: %s", jerr.line, jerr.column,
				    jerr.text);
	if (!json_is_object(in)) {
		rc = cl_error_set(CL_EINVAL, "body: expected {\"date\": \"YYYY-MM-DD\", ...}");
		goto cleanup;
	}
	json_object_foreach(in, key, v)
	{
		bool ok = false;
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok) {
			rc = cl_error_set(CL_EINVAL, "%s: not a field of a cramp episode (date, time, "
						     "context, muscle, side, severity, minutes, note)",
					  key);
			goto cleanup;
		}
	}
	if ((rc = member_text(in, "date", &date)) || (rc = member_text(in, "time", &time)) ||
	    (rc = member_text(in, "context", &context)) ||
	    (rc = member_text(in, "muscle", &e.muscle)) ||
	    (rc = member_text(in, "side", &e.side)) || (rc = member_text(in, "note", &e.note)))
		goto cleanup;
	if (!date || strlen(date) >= sizeof(e.date) || (time && strlen(time) >= sizeof(e.time))) {
		rc = cl_error_set(CL_EINVAL, "date: expected YYYY-MM-DD (and time HH:MM)");
		goto cleanup;
	}
	snprintf(e.date, sizeof(e.date), "%s", date);
	if (time)
		snprintf(e.time, sizeof(e.time), "%s", time);
	if (context && (rc = cl_cramp_context_parse(&e.context, context)))
		goto cleanup;
	if ((v = json_object_get(in, "severity")) && !json_is_null(v)) {
		if (!json_is_integer(v)) {
			rc = cl_error_set(CL_EINVAL, "severity: expected a whole number 0 to 10");
			goto cleanup;
		}
		json_int_t sv = json_integer_value(v);
		e.severity = sv < 0 || sv > 10 ? 11 : (int)sv;
	}
	if ((v = json_object_get(in, "minutes")) && !json_is_null(v)) {
		if (!json_is_number(v)) {
			rc = cl_error_set(CL_EINVAL, "minutes: expected a number");
			goto cleanup;
		}
		e.minutes = json_number_value(v);
	}
	if ((rc = open_history(req, &h)) || (rc = cl_history_add_cramp(h, &e, &id)))
		goto cleanup;
	doc = json_pack("{s:I}", "id", (json_int_t)id);
	rc = doc ? http_reply_json(res, doc) : cl_error_oom();
cleanup:
	json_decref(doc);
	json_decref(in);
	cl_history_close(h);
	return rc;
}

/* POST /api/history/days[?replace=1], body = a diary or CSV export: as
 * `cramplab history add FILE [--replace]`; answers {"added", "replaced"}. */
static int history_days(http_request *req, http_response *res)
{
	const char *replace = http_request_query(req, "replace");
	size_t added = 0, replaced = 0;
	cl_parser *parser = NULL;
	cl_intake *in = NULL;
	cl_history *h = NULL;
	json_t *doc = NULL;
	int rc;

	if (replace && strcmp(replace, "1") != 0 && strcmp(replace, "0") != 0)
		return cl_error_set(CL_EINVAL, "replace: expected 1 or 0");
	if ((rc = body_intake(req, "the diary has errors, nothing stored", &parser, &in)) ||
	    (rc = open_history(req, &h)) ||
	    (rc = cl_history_add_intake(h, in, replace && *replace == '1', &added, &replaced)))
		goto cleanup;
	doc = json_pack("{s:I, s:I}", "added", (json_int_t)added, "replaced", (json_int_t)replaced);
	rc = doc ? http_reply_json(res, doc) : cl_error_oom();
cleanup:
	json_decref(doc);
	cl_history_close(h);
	cl_intake_free(in);
	cl_parser_free(parser);
	return rc;
}

const struct http_route http_routes[] = {
	{"GET", "/", HTTP_EXACT, asset, "index.html"},
	{"GET", "/index.html", HTTP_EXACT, asset, "index.html"},
	{"GET", "/app.js", HTTP_EXACT, asset, "app.js"},
	{"GET", "/style.css", HTTP_EXACT, asset, "style.css"},
	{"GET", "/api/food/search", HTTP_EXACT, food_search, NULL},
	{"GET", "/api/food/", HTTP_PREFIX, food_show, NULL},
	{"POST", "/api/parse", HTTP_EXACT, parse_line, NULL},
	{"POST", "/api/intake", HTTP_EXACT, intake, NULL},
	{"POST", "/api/assess", HTTP_EXACT, assess, NULL},
	{"POST", "/report", HTTP_EXACT, report, NULL},
	{"GET", "/api/history", HTTP_EXACT, history_list, NULL},
	{"GET", "/api/history/summary", HTTP_EXACT, history_summary, NULL},
	{"POST", "/api/history/cramp", HTTP_EXACT, history_cramp, NULL},
	{"POST", "/api/history/days", HTTP_EXACT, history_days, NULL},
	{NULL, NULL, HTTP_EXACT, NULL, NULL},
};

/*
 * Text helpers for the web server: the checks every piece of client input
 * passes before a handler sees it (valid UTF-8, no NUL) and the response
 * writers handlers use (HTML escaping is the library's cl_html_escape(), the
 * one function the report uses too).  JSON is printed with the same flags as the CLI's --json
 * (cli_print_json in src/cli/cli.c), so an API answer is byte-for-byte the
 * CLI's output; tests/sh/http_api.sh checks that they stay the same.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "jsonout.h"
#include "http.h"

/* JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10), the flags
 * of cli_print_json(). */
enum { FLAGS_INDENT = 2, FLAGS_PRECISION = 10 };

bool http_text_ok(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		/* utf8proc rejects overlong forms, surrogates and values past U+10FFFF. */
		if (n <= 0 || cp == 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

int http_reply_json(http_response *res, json_t *doc)
{
	if (!doc)
		return cl_error_oom();
	/* json_dumps()'s bytes with those flags, written by jsonout.c
	 * (cheaper) straight into the body; nothing is kept on failure. */
	size_t mark = res->body.len;
	int rc = cl_json_write(&res->body, doc, FLAGS_INDENT, FLAGS_PRECISION);
	if (rc == CL_OK)
		rc = cl_buf_append(&res->body, "\n", 1);
	if (rc != CL_OK) {
		res->body.len = mark;
		if (res->body.data)
			res->body.data[mark] = '\0';
		return rc == CL_ENOMEM ? rc : cl_error_set(CL_EFAIL, "could not print the answer as JSON");
	}
	res->content_type = "application/json; charset=utf-8";
	return CL_OK;
}

int http_reply_text(http_response *res, const char *content_type, const char *text)
{
	res->content_type = content_type;
	return cl_buf_append(&res->body, text, strlen(text));
}

const struct http_asset *http_asset_find(const char *name)
{
	for (const struct http_asset *a = http_assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

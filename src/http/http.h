/*
 * The local web server: what a route handler sees and what the server
 * offers it.  The server (server.c) owns libmicrohttpd, the limits and the
 * one place where error codes become HTTP statuses; handlers (routes.c)
 * only read a request and fill a response, so adding an endpoint never
 * means touching sockets, limits or headers.
 */
#ifndef CL_HTTP_H
#define CL_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "cramplab/assess.h"
#include "cramplab/fooddb.h"
#include "util.h"

/* Request bodies larger than this are refused with 413 (issue 6: 1 MB). */
#define HTTP_MAX_BODY (1024u * 1024u)
/* Any query-string value or key longer than this is refused with 400. */
#define HTTP_MAX_ARG 1024u

typedef struct http_server http_server;
typedef struct http_request http_request;

/* What a handler writes.  status defaults to 200; body is owned by the
 * server once the handler returns (also on failure). */
typedef struct {
	unsigned status;
	const char *content_type;
	cl_buf body;
	const unsigned char *static_body; /* used instead of body when set */
	size_t static_len;
	const char *csp; /* a Content-Security-Policy other than the default */
} http_response;

/*
 * A handler returns CL_OK after filling res, or a negative cl_error code
 * with the message set by cl_error_set(); the server then answers
 * 400 (CL_EINVAL), 404 (CL_ENOTFOUND) or 500 and the message, as JSON
 * for /api/ routes and as escaped HTML otherwise.
 */
typedef int (*http_handler)(http_request *req, http_response *res);

enum http_match {
	HTTP_EXACT, /* the path is exactly `path` */
	HTTP_PREFIX /* the path starts with `path`; the rest is http_request_rest() */
};

struct http_route {
	const char *method; /* "GET" (also answers HEAD) or "POST" */
	const char *path;
	enum http_match match;
	http_handler handle;
	const void *arg; /* handed to the handler via http_request_arg() */
};

/* The table in routes.c, ended by an entry whose method is NULL. */
extern const struct http_route http_routes[];

/* Accessors for handlers. */
const char *http_request_method(const http_request *req);
const char *http_request_path(const http_request *req);
const char *http_request_rest(const http_request *req); /* after a PREFIX route's path */
const void *http_request_arg(const http_request *req);
/* A query-string argument (already checked: valid UTF-8, no NUL, bounded), or NULL. */
const char *http_request_query(http_request *req, const char *key);
/* A request header, or NULL. */
const char *http_request_header(http_request *req, const char *name);
/* The request body (NUL-terminated, at most HTTP_MAX_BODY bytes; "" if none). */
const char *http_request_body(const http_request *req, size_t *len);
/* A food database handle for this request, opened or borrowed on first use
 * and given back by the server after the handler returns. */
int http_request_db(http_request *req, cl_fooddb **db);
/* An assessor (knowledge base and its own database handle) for this request,
 * borrowed like the database handle; used by one request at a time. */
int http_request_assessor(http_request *req, cl_assessor **a);
/* The knowledge-base directory ($CRAMPLAB_DATA or the built-in one). */
const char *http_request_data_dir(const http_request *req);

/** The food database's path (for handlers that open their own handles). */
const char *http_request_db_path(const http_request *req);
/** The history file's path ("" when the server keeps none). */
const char *http_request_history_path(const http_request *req);

/* Response helpers: JSON is printed exactly like the CLI's --json output. */
int http_reply_json(http_response *res, json_t *doc);
int http_reply_text(http_response *res, const char *content_type, const char *text);

/* The page's form (application/x-www-form-urlencoded) as a CASE document
 * (see form.c for the fields); CL_EINVAL names the field that is wrong. */
int http_form_to_case(json_t **out, const char *body, size_t len);

/* Embedded web assets (generated from src/http/web/ at build time). */
struct http_asset {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct http_asset http_assets[]; /* ended by name == NULL */
const struct http_asset *http_asset_find(const char *name);

/* True if s[0..len) is valid UTF-8 with no NUL byte. */
bool http_text_ok(const char *s, size_t len);

/* The server. */
struct http_server_options {
	const char *bind;       /* address; default "127.0.0.1" */
	unsigned port;          /* 0 = any free port */
	const char *db_path;
	const char *history_path; /* the person's history (cramplab history); NULL: none */
	const char *data_dir;
	unsigned threads;       /* worker threads; 0 = default */
	unsigned timeout_s;     /* idle connection timeout; 0 = default */
	unsigned max_conns;     /* 0 = default */
	unsigned max_per_ip;    /* 0 = default */
};

int http_server_start(http_server **out, const struct http_server_options *opts);
unsigned http_server_port(const http_server *srv);
/* True if the server listens on a loopback address only. */
bool http_server_is_loopback(const http_server *srv);
void http_server_stop(http_server *srv);

/* A small pool of handles (food databases, assessors), one per worker at
 * most, opened on first use by open(out, arg) and closed by close(). */
typedef struct http_pool http_pool;
typedef int (*http_pool_open_fn)(void **out, const void *arg);
typedef void (*http_pool_close_fn)(void *handle);
int http_pool_new(http_pool **out, size_t max, http_pool_open_fn open, http_pool_close_fn close,
		  const void *arg);
int http_pool_get(http_pool *pool, void **handle);
void http_pool_put(http_pool *pool, void *handle);
void http_pool_free(http_pool *pool);

#endif

/*
 * The local web server: libmicrohttpd underneath, the route table in
 * routes.c on top, and in between everything a request must get past
 * before a handler sees it.  Each rule lives here once, so a handler added
 * later inherits all of them:
 *
 *   - the Host header must name this machine when we listen on loopback
 *     (a web page elsewhere cannot reach the API through DNS rebinding),
 *     and a request that can change something (any method but GET and
 *     HEAD) from a browser must come from our own page: its Origin, when
 *     sent, must be http://HOST (no cross-site form posts of health data);
 *   - the path and every query-string key and value must be valid UTF-8
 *     without NUL bytes and at most HTTP_MAX_ARG bytes (400);
 *   - unknown paths get 404, known paths with another method 405 + Allow;
 *   - bodies over HTTP_MAX_BODY get 413, judged by Content-Length before
 *     any byte is read and counted again while a chunked body arrives;
 *   - idle or stalled connections are dropped after a timeout, and the
 *     number of connections (in all and per client address) is capped;
 *   - every answer carries the security headers, API answers are not cached;
 *   - a handler's error code becomes a status in http_status_for() and
 *     nowhere else, with the message as JSON for /api/ and escaped HTML
 *     for pages.
 *
 * Threading: MHD_USE_INTERNAL_POLLING_THREAD with a small thread pool
 * (epoll on Linux).  With thread-per-connection every stalled client would
 * hold a thread until it timed out; with a pool it holds only a socket, and
 * the handlers (a search, a look-up) take well under a millisecond, so a
 * few threads keep both cores busy.  A request borrows a food database
 * handle, and an assessor if it assesses a case, from the pools in pool.c
 * for its length, and gives them back before its answer is queued.
 *
 * libmicrohttpd is opened with dlopen() when the server starts rather than
 * linked: it brings GnuTLS and eight more libraries, which every other command
 * (an assessment, a DRI look-up) would otherwise map and relocate at start-up,
 * about 4.3 M instructions of the dynamic loader, for nothing.  The importer
 * does the same for libzip (src/lib/import_sr24.c).
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "error.h"
#include "html.h"
#include "http.h"

#define DEFAULT_THREADS 4
#define DEFAULT_TIMEOUT_S 10
#define DEFAULT_MAX_CONNS 256
#define DEFAULT_MAX_PER_IP 128
#define ALLOW_MAX 64

#define CSP                                                                                  \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "    \
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

#ifndef CL_MHD_SONAME
#define CL_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* The libmicrohttpd functions the server calls, found at run time. */
static struct {
	struct MHD_Daemon *(*start_daemon)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
					   MHD_AccessHandlerCallback, void *, ...);
	void (*stop_daemon)(struct MHD_Daemon *);
	const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *,
						       enum MHD_DaemonInfoType, ...);
	const char *(*get_reason_phrase_for)(unsigned int);
	int (*get_connection_values_n)(struct MHD_Connection *, enum MHD_ValueKind,
				       MHD_KeyValueIteratorN, void *);
	const char *(*lookup_connection_value)(struct MHD_Connection *, enum MHD_ValueKind,
					       const char *);
	enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int,
					  struct MHD_Response *);
	struct MHD_Response *(*create_response_from_buffer)(size_t, void *,
							    enum MHD_ResponseMemoryMode);
	struct MHD_Response *(*create_response_from_buffer_with_free_callback)(
		size_t, void *, MHD_ContentReaderFreeCallback);
	void (*destroy_response)(struct MHD_Response *);
	enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
} mhd;
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;
static char mhd_error[256]; /* empty once loaded */

/* POSIX allows a data pointer from dlsym() to be copied into a function pointer. */
#define MHD_FIND(h, field)                                                                   \
	do {                                                                                 \
		void *sym_ = dlsym(h, "MHD_" #field);                                        \
		if (!sym_) {                                                                 \
			snprintf(mhd_error, sizeof(mhd_error), "%s lacks MHD_%s", CL_MHD_SONAME, \
				 #field);                                                    \
			return;                                                              \
		}                                                                            \
		memcpy(&mhd.field, &sym_, sizeof(sym_));                                     \
	} while (0)

static void mhd_load(void)
{
	void *h = dlopen(CL_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		snprintf(mhd_error, sizeof(mhd_error), "%s", why ? why : CL_MHD_SONAME);
		return;
	}
	MHD_FIND(h, start_daemon);
	MHD_FIND(h, stop_daemon);
	MHD_FIND(h, get_daemon_info);
	MHD_FIND(h, get_reason_phrase_for);
	MHD_FIND(h, get_connection_values_n);
	MHD_FIND(h, lookup_connection_value);
	MHD_FIND(h, queue_response);
	MHD_FIND(h, create_response_from_buffer);
	MHD_FIND(h, create_response_from_buffer_with_free_callback);
	MHD_FIND(h, destroy_response);
	MHD_FIND(h, add_response_header);
	/* kept open for the life of the process, like a linked library */
}

static int mhd_ready(void)
{
	if (pthread_once(&mhd_once, mhd_load) != 0)
		return cl_error_set(CL_EFAIL, "cannot load libmicrohttpd");
	if (mhd_error[0])
		return cl_error_set(CL_EFAIL,
				    "cannot load libmicrohttpd (install libmicrohttpd12): %s",
				    mhd_error);
	return CL_OK;
}

struct http_server {
	struct MHD_Daemon *mhd;
	http_pool *pool;      /* cl_fooddb handles */
	http_pool *assessors; /* cl_assessor handles */
	char *data_dir;
	char *db_path;
	char *history_path;
	unsigned port;
	bool loopback;
};

/* One request in flight: created on libmicrohttpd's first call for it and
 * freed in on_completed(). */
struct http_request {
	http_server *srv;
	struct MHD_Connection *conn;
	const char *method, *path, *rest;
	const struct http_route *route;
	bool api;       /* errors as JSON, answers not cached */
	bool answered;  /* an answer is queued; ignore further body */
	bool too_large; /* the body went past HTTP_MAX_BODY */
	size_t discarded;
	cl_buf body;
	cl_fooddb *db;
	cl_assessor *assessor;
	const char *csp; /* the handler's own policy, for its answer only */
};

/* ---- accessors for handlers ------------------------------------------- */

const char *http_request_method(const http_request *req) { return req->method; }
const char *http_request_path(const http_request *req) { return req->path; }
const char *http_request_rest(const http_request *req) { return req->rest; }
const void *http_request_arg(const http_request *req) { return req->route->arg; }
const char *http_request_data_dir(const http_request *req) { return req->srv->data_dir; }
const char *http_request_db_path(const http_request *req) { return req->srv->db_path; }
const char *http_request_history_path(const http_request *req) { return req->srv->history_path; }

const char *http_request_query(http_request *req, const char *key)
{
	return mhd.lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *http_request_header(http_request *req, const char *name)
{
	return mhd.lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_request_body(const http_request *req, size_t *len)
{
	*len = req->body.len;
	return req->body.data ? req->body.data : "";
}

int http_request_db(http_request *req, cl_fooddb **db)
{
	int rc = CL_OK;
	void *h;

	if (!req->db && (rc = http_pool_get(req->srv->pool, &h)) == CL_OK)
		req->db = h;
	*db = req->db;
	return rc;
}

int http_request_assessor(http_request *req, cl_assessor **a)
{
	int rc = CL_OK;
	void *h;

	if (!req->assessor && (rc = http_pool_get(req->srv->assessors, &h)) == CL_OK)
		req->assessor = h;
	*a = req->assessor;
	return rc;
}

/* Give back what a request borrowed. */
static void give_back(http_request *req)
{
	http_pool_put(req->srv->pool, req->db);
	http_pool_put(req->srv->assessors, req->assessor);
	req->db = NULL;
	req->assessor = NULL;
}

/* ---- answers ------------------------------------------------------------ */

/* The one place where library error codes become HTTP statuses. */
static unsigned http_status_for(int code)
{
	switch (code) {
	case CL_EINVAL:
		return MHD_HTTP_BAD_REQUEST;
	case CL_ENOTFOUND:
		return MHD_HTTP_NOT_FOUND;
	default:
		return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

static enum MHD_Result queue(http_request *req, unsigned status, const char *type,
			     const void *data, size_t len, bool owned, const char *allow)
{
	struct MHD_Response *r;
	enum MHD_Result ok;

	if (owned)
		r = mhd.create_response_from_buffer_with_free_callback(len, (void *)data, free);
	else
		r = mhd.create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
	if (!r) {
		if (owned)
			free((void *)data);
		return MHD_NO;
	}
	if (type)
		mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	mhd.add_response_header(r, "Content-Security-Policy", req->csp ? req->csp : CSP);
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	/* same-origin, not no-referrer: under no-referrer a browser sends
	 * "Origin: null" with the page's own form post, which same_origin()
	 * must refuse; cross-site requests still get no referrer (and null). */
	mhd.add_response_header(r, "Referrer-Policy", "same-origin");
	mhd.add_response_header(r, "X-Frame-Options", "DENY");
	/* Health data must not linger in caches; the embedded page is small. */
	mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, req->api ? "no-store" : "no-cache");
	if (allow)
		mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	ok = mhd.queue_response(req->conn, status, r);
	mhd.destroy_response(r);
	if (ok == MHD_YES)
		req->answered = true;
	return ok;
}

static enum MHD_Result send_error(http_request *req, unsigned status, const char *msg,
				  const char *allow)
{
	const char *reason = mhd.get_reason_phrase_for(status);
	cl_buf b = {0};
	int rc = CL_OK;

	if (!msg || !*msg)
		msg = reason;
	if (req->api) {
		json_t *doc = json_pack("{s:s}", "error", msg);
		/* A message that is not valid UTF-8 cannot go into JSON; say what we can. */
		if (!doc)
			doc = json_pack("{s:s}", "error", reason);
		http_response res = {0};
		rc = http_reply_json(&res, doc);
		json_decref(doc);
		b = res.body;
	} else {
		rc = cl_buf_printf(&b, "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\">"
				       "<meta name=\"viewport\" content=\"width=device-width, "
				       "initial-scale=1\"><title>%u %s</title>\n<h1>%u %s</h1>\n<p>",
				   status, reason, status, reason);
		if (rc == CL_OK)
			rc = cl_html_escape(&b, msg, strlen(msg));
		if (rc == CL_OK)
			rc = cl_buf_printf(&b, "</p>\n<p>Go back (your browser's Back button keeps "
					       "what you typed) and correct it, or start again at "
					       "<a href=\"/\">cramplab</a>.</p>\n");
	}
	if (rc != CL_OK) {
		cl_buf_free(&b);
		return queue(req, status, "text/plain; charset=utf-8", reason, strlen(reason),
			     false, allow);
	}
	return queue(req, status,
		     req->api ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
		     b.data, b.len, true, allow);
}

/* ---- checks made before any handler runs ------------------------------- */

/* Accept "127.0.0.1", "localhost" or "[::1]", with any port. */
static bool host_is_loopback(const char *host)
{
	static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		if (strncasecmp(host, names[i], n) == 0 && (host[n] == '\0' || host[n] == ':'))
			return true;
	}
	return false;
}

/* Browsers send Origin with every POST; other clients (curl, scripts) do not. */
static bool same_origin(http_request *req, const char *host)
{
	const char *origin;

	if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
		return true;
	origin = http_request_header(req, "Origin");
	if (!origin)
		return true;
	return host && strncmp(origin, "http://", 7) == 0 && strcasecmp(origin + 7, host) == 0;
}

struct arg_check {
	const char *bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 size_t key_size, const char *value, size_t value_size)
{
	struct arg_check *c = cls;

	if (key_size > HTTP_MAX_ARG || value_size > HTTP_MAX_ARG)
		c->bad = "a query-string value is too long";
	else if (!http_text_ok(key, key_size) || (value && !http_text_ok(value, value_size)))
		c->bad = "the query string is not valid UTF-8 text (or holds a NUL byte)";
	return c->bad ? MHD_NO : MHD_YES;
}

static const struct http_route *find_route(http_request *req, char *allow, size_t allow_size)
{
	const char *m = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
	size_t plen;

	allow[0] = '\0';
	for (const struct http_route *r = http_routes; r->method; r++) {
		plen = strlen(r->path);
		if (r->match == HTTP_EXACT ? strcmp(req->path, r->path) != 0
					   : strncmp(req->path, r->path, plen) != 0)
			continue;
		if (strcmp(r->method, m) == 0) {
			req->rest = r->match == HTTP_PREFIX ? req->path + plen : "";
			return r;
		}
		const char *name = strcmp(r->method, "GET") == 0 ? "GET, HEAD" : r->method;
		if (!strstr(allow, name) && strlen(allow) + strlen(name) + 3 < allow_size) {
			if (allow[0])
				strcat(allow, ", ");
			strcat(allow, name);
		}
	}
	return NULL;
}

/* The first call for a request: headers are in, no body byte read yet. */
static enum MHD_Result begin(http_request *req)
{
	char allow[ALLOW_MAX];
	struct arg_check args = {NULL};
	const char *host, *length;

	host = http_request_header(req, MHD_HTTP_HEADER_HOST);
	if (req->srv->loopback && host && !host_is_loopback(host))
		return send_error(req, MHD_HTTP_FORBIDDEN,
				  "this server answers only requests addressed to 127.0.0.1 or "
				  "localhost",
				  NULL);
	if (!same_origin(req, host))
		return send_error(req, MHD_HTTP_FORBIDDEN,
				  "this server accepts changes only from its own page", NULL);
	if (!http_text_ok(req->path, strlen(req->path)))
		return send_error(req, MHD_HTTP_BAD_REQUEST, "the path is not valid UTF-8 text",
				  NULL);
	mhd.get_connection_values_n(req->conn, MHD_GET_ARGUMENT_KIND, check_arg, &args);
	if (args.bad)
		return send_error(req, MHD_HTTP_BAD_REQUEST, args.bad, NULL);
	req->route = find_route(req, allow, sizeof(allow));
	if (!req->route) {
		cl_buf msg = {0};
		bool wrong_method = allow[0] != '\0';
		int rc = wrong_method ? cl_buf_printf(&msg, "%s is not allowed at %s; use %s",
						      req->method, req->path, allow)
				      : cl_buf_printf(&msg, "there is nothing at %s", req->path);
		enum MHD_Result ok = send_error(
			req, wrong_method ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND,
			rc == CL_OK ? msg.data : NULL, wrong_method ? allow : NULL);
		cl_buf_free(&msg);
		return ok;
	}
	length = http_request_header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(length, &end, 10);
		if (errno || end == length || *end || n > HTTP_MAX_BODY)
			return send_error(req, MHD_HTTP_CONTENT_TOO_LARGE,
					  "the request body is larger than 1 MB", NULL);
	}
	return MHD_YES;
}

/* A piece of the body has arrived. */
static enum MHD_Result receive(http_request *req, const char *data, size_t *size)
{
	size_t n = *size;

	*size = 0;
	if (req->answered)
		return MHD_YES;
	if (req->too_large || req->body.len + n > HTTP_MAX_BODY) {
		if (!req->too_large) {
			req->too_large = true;
			cl_buf_free(&req->body);
			/* libmicrohttpd 0.9.75 refuses an answer before the body has
			 * ended; a later one may take it, and then we are done. */
			if (send_error(req, MHD_HTTP_CONTENT_TOO_LARGE,
				       "the request body is larger than 1 MB", NULL) == MHD_YES)
				return MHD_YES;
		}
		/* Otherwise keep reading and dropping, so a client whose chunked
		 * body is a little too big still gets its 413 at the end; hang up
		 * on one that sends more than 4 MB past the limit. */
		req->discarded += n;
		return req->discarded > 4 * HTTP_MAX_BODY ? MHD_NO : MHD_YES;
	}
	return cl_buf_append(&req->body, data, n) == CL_OK ? MHD_YES : MHD_NO;
}

/* The whole request is in: run the handler and answer. */
static enum MHD_Result finish(http_request *req)
{
	http_response res = {.status = MHD_HTTP_OK, .content_type = "text/plain; charset=utf-8"};
	enum MHD_Result ok;
	int rc;

	if (req->too_large)
		return send_error(req, MHD_HTTP_CONTENT_TOO_LARGE,
				  "the request body is larger than 1 MB", NULL);
	cl_error_clear();
	rc = req->route->handle(req, &res);
	give_back(req);
	if (rc != CL_OK) {
		cl_buf_free(&res.body);
		return send_error(req, http_status_for(rc), cl_error_last(), NULL);
	}
	req->csp = res.csp;
	if (res.static_body)
		return queue(req, res.status, res.content_type, res.static_body, res.static_len,
			     false, NULL);
	if (!res.body.data)
		return queue(req, res.status, res.content_type, "", 0, false, NULL);
	ok = queue(req, res.status, res.content_type, res.body.data, res.body.len, true, NULL);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	http_request *req = *con_cls;

	if (!req) {
		req = calloc(1, sizeof(*req));
		if (!req)
			return MHD_NO;
		*con_cls = req;
		req->srv = cls;
		req->conn = conn;
		req->method = method;
		req->path = url;
		req->api = strncmp(url, "/api/", 5) == 0;
		return begin(req);
	}
	if (*upload_data_size)
		return receive(req, upload_data, upload_data_size);
	if (req->answered)
		return MHD_YES;
	return finish(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode why)
{
	http_request *req = *con_cls;

	if (!req)
		return;
	give_back(req);
	cl_buf_free(&req->body);
	free(req);
	*con_cls = NULL;
}

static void on_log(void *cls, const char *fmt, va_list ap)
{
	fputs("cramplab serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/* ---- starting and stopping ---------------------------------------------- */

static int parse_bind(const char *bind, unsigned port, struct sockaddr_storage *ss,
		      bool *ipv6, bool *loopback)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (strcmp(bind, "localhost") == 0)
		bind = "127.0.0.1";
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*ipv6 = false;
		*loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
		return CL_OK;
	}
	if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*ipv6 = true;
		*loopback = memcmp(&v6->sin6_addr, &in6addr_loopback, sizeof(in6addr_loopback)) == 0;
		return CL_OK;
	}
	return cl_error_set(CL_EINVAL, "--bind expects an IP address such as 127.0.0.1, got '%s'",
			    bind);
}

static int open_db(void **out, const void *arg)
{
	const http_server *srv = arg;
	cl_fooddb *db = NULL;
	int rc = cl_fooddb_open(&db, srv->db_path);

	*out = db;
	return rc;
}

static void close_db(void *db)
{
	cl_fooddb_close(db);
}

static int open_assessor(void **out, const void *arg)
{
	const http_server *srv = arg;
	cl_assessor *a = NULL;
	int rc = cl_assessor_open(&a, srv->data_dir, srv->db_path);

	*out = a;
	return rc;
}

static void close_assessor(void *a)
{
	cl_assessor_close(a);
}

int http_server_start(http_server **out, const struct http_server_options *o)
{
	struct sockaddr_storage ss;
	bool ipv6 = false;
	const char *bind = o->bind ? o->bind : "127.0.0.1";
	unsigned threads = o->threads ? o->threads : DEFAULT_THREADS;
	http_server *srv;
	int rc;

	*out = NULL;
	if (o->port > 65535)
		return cl_error_set(CL_EINVAL, "--port must be between 0 and 65535");
	if ((rc = mhd_ready()))
		return rc;
	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return cl_error_oom();
	if ((rc = parse_bind(bind, o->port, &ss, &ipv6, &srv->loopback)))
		goto fail;
	srv->data_dir = strdup(o->data_dir ? o->data_dir : "");
	srv->db_path = strdup(o->db_path ? o->db_path : "");
	srv->history_path = strdup(o->history_path ? o->history_path : "");
	if (!srv->data_dir || !srv->db_path || !srv->history_path) {
		rc = cl_error_oom();
		goto fail;
	}
	/* One handle per worker, so that a worker never waits for another. */
	if ((rc = http_pool_new(&srv->pool, threads, open_db, close_db, srv)) ||
	    (rc = http_pool_new(&srv->assessors, threads, open_assessor, close_assessor, srv)))
		goto fail;
	/* Open the first database handle now, so a missing database fails at
	 * start-up (the knowledge base is checked on the first assessment). */
	void *first;
	if ((rc = http_pool_get(srv->pool, &first)))
		goto fail;
	http_pool_put(srv->pool, first);
	srv->mhd = mhd.start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
			(ipv6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, on_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
		o->timeout_s ? o->timeout_s : DEFAULT_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
		o->max_conns ? o->max_conns : DEFAULT_MAX_CONNS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		o->max_per_ip ? o->max_per_ip : DEFAULT_MAX_PER_IP, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, srv, MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_END);
	if (!srv->mhd) {
		rc = cl_error_set(CL_EFAIL, "cannot listen on %s port %u (is the port in use?)", bind,
				  o->port);
		goto fail;
	}
	const union MHD_DaemonInfo *info = mhd.get_daemon_info(srv->mhd, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : o->port;
	*out = srv;
	return CL_OK;
fail:
	http_server_stop(srv);
	return rc;
}

unsigned http_server_port(const http_server *srv)
{
	return srv->port;
}

bool http_server_is_loopback(const http_server *srv)
{
	return srv->loopback;
}

void http_server_stop(http_server *srv)
{
	if (!srv)
		return;
	if (srv->mhd)
		mhd.stop_daemon(srv->mhd);
	http_pool_free(srv->pool);
	http_pool_free(srv->assessors);
	free(srv->data_dir);
	free(srv->db_path);
	free(srv->history_path);
	free(srv);
}

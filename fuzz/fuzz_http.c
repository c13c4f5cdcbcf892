/*
 * libFuzzer harness: HTTP request handling, in process.  The server
 * (libmicrohttpd, the checks in server.c, the routes in routes.c) is started
 * once on a free loopback port; each input becomes one request on a new
 * connection, and the harness reads the answer to the end.
 *
 * Input: a first byte of '!' sends the rest as raw bytes (the request line,
 * headers and all, so the server meets broken HTTP).  Otherwise the input is
 *   METHOD SP PATH?QUERY LF [HEADER LF]* LF BODY
 * and the harness adds Host, Content-Length and Connection: close, so the
 * fuzzer spends its time in the handlers rather than in HTTP syntax.
 * Every answer must be a well-formed status line; a 5xx answer is a finding,
 * because bad input must be a 4xx, and the server must answer at all.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "http.h"

static http_server *srv;
static unsigned port;

static char history[64] = "/tmp/cramplab-fuzz-XXXXXX";
static size_t history_dir_len;

static void remove_history(void)
{
	unlink(history);
	history[history_dir_len] = '\0';
	rmdir(history);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dbp = getenv("CRAMPLAB_DB"), *data = getenv("CRAMPLAB_DATA");
	/* A history of its own in a fresh directory, so that the history
	 * routes are fuzzed past opening the file (it grows during a run). */
	if (!mkdtemp(history))
		abort();
	history_dir_len = strlen(history);
	strcat(history, "/history.db");
	atexit(remove_history);
	struct http_server_options o = {
		.bind = "127.0.0.1",
		.db_path = dbp ? dbp : "build/foods.db",
		.history_path = history,
		.data_dir = data && *data ? data : CL_DATADIR,
		.threads = 2,
		/* Raw requests the harness gives up on stay open on the server
		 * until its idle timeout: keep that short and the connection
		 * limits high, so that they never crowd out the next request. */
		.timeout_s = 1,
		.max_conns = 500,
		.max_per_ip = 500,
	};
	(void)argc;
	(void)argv;
	if (http_server_start(&srv, &o))
		abort();
	port = http_server_port(srv);
	return 0;
}

static int connect_server(bool raw)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	/* A raw request may be incomplete, and the server then waits for the
	 * rest; give up on it soon rather than wait for the idle timeout. */
	struct timeval tv = {.tv_sec = raw ? 0 : 20, .tv_usec = raw ? 300000 : 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		abort();
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		abort();
	return fd;
}

static bool send_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
		if (w <= 0)
			return false; /* the server may hang up on a bad request */
		c += w;
		n -= (size_t)w;
	}
	return true;
}

/* Builds a request from the structured form; NULL if the input has no path. */
static char *build(const uint8_t *data, size_t size, size_t *len)
{
	const char *s = (const char *)data, *end = s + size;
	const char *nl = memchr(s, '\n', size);
	const char *hdr_end, *body;
	cl_buf b = {0};

	if (!nl)
		return NULL;
	/* headers run to the first empty line */
	hdr_end = nl + 1;
	while (hdr_end < end && *hdr_end != '\n') {
		const char *e = memchr(hdr_end, '\n', (size_t)(end - hdr_end));
		hdr_end = e ? e + 1 : end;
	}
	body = hdr_end < end ? hdr_end + 1 : end;
	if (cl_buf_append(&b, s, (size_t)(nl - s)) ||
	    cl_buf_printf(&b, " HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n"
			      "Content-Length: %zu\r\n",
			  port, (size_t)(end - body)))
		goto fail;
	for (const char *h = nl + 1; h < hdr_end;) {
		const char *e = memchr(h, '\n', (size_t)(hdr_end - h));
		if (!e)
			e = hdr_end;
		if (e > h && (cl_buf_append(&b, h, (size_t)(e - h)) || cl_buf_append(&b, "\r\n", 2)))
			goto fail;
		h = e + 1;
	}
	if (cl_buf_append(&b, "\r\n", 2) || cl_buf_append(&b, body, (size_t)(end - body)))
		goto fail;
	*len = b.len;
	return b.data;
fail:
	cl_buf_free(&b);
	return NULL;
}

/* "METHOD /PATH": one space, a method of capital letters, printable ASCII. */
static bool plain_request_line(const uint8_t *data, size_t size)
{
	size_t i = 0, spaces = 0;
	if (size == 0 || data[0] < 'A' || data[0] > 'Z')
		return false;
	for (; i < size && data[i] != '\n'; i++) {
		if (data[i] == ' ') {
			if (++spaces > 1 || i + 1 >= size || data[i + 1] != '/')
				return false;
		} else if (data[i] <= ' ' || data[i] >= 0x7f || (!spaces && (data[i] < 'A' || data[i] > 'Z'))) {
			return false;
		}
	}
	/* Headers (Transfer-Encoding, Expect, ...) can ask for what HTTP lets a
	 * server refuse with 5xx; only a bare request line is held to 4xx. */
	if (i + 1 < size && data[i + 1] != '\n')
		return false;
	return spaces == 1;
}

/* Reads one answer: its head, then as many body bytes as Content-Length
 * says, so that a kept-alive connection does not wait for the server's idle
 * timeout.  Keeps the first size-1 bytes in buf; returns how many. */
static size_t read_answer(int fd, char *buf, size_t size, bool head_only, bool *timed_out)
{
	size_t kept = 0, total = 0, want = (size_t)-1;
	for (;;) {
		char chunk[4096];
		ssize_t r = recv(fd, chunk, sizeof(chunk), 0);
		*timed_out = r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
		if (r <= 0)
			break;
		size_t n = (size_t)r < size - 1 - kept ? (size_t)r : size - 1 - kept;
		memcpy(buf + kept, chunk, n);
		kept += n;
		total += (size_t)r;
		buf[kept] = '\0';
		if (want == (size_t)-1) {
			char *end = strstr(buf, "\r\n\r\n");
			if (end) {
				size_t body = 0;
				for (char *h = buf; h < end; h++)
					if (strncasecmp(h, "\r\nContent-Length:", 17) == 0) {
						body = strtoul(h + 17, NULL, 10);
						break;
					}
				want = (size_t)(end + 4 - buf) + (head_only ? 0 : body);
			}
		}
		if (total >= want)
			break;
	}
	return kept;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *req = NULL, reply[4096];
	size_t len = 0, got = 0;
	bool raw = size > 0 && data[0] == '!';
	int fd;

	if (raw) {
		req = malloc(size);
		if (!req)
			return 0;
		memcpy(req, data + 1, size - 1);
		len = size - 1;
	} else if (!(req = build(data, size, &len))) {
		return 0;
	}
	bool sent = false, timed_out = false;
	/* A built request that gets no answer at all is sent once more: under
	 * heavy load (nice 19, ten other jobs) libmicrohttpd was seen to drop a
	 * connection now and then, and a second miss is what counts. */
	for (int attempt = 0; attempt < (raw ? 1 : 2); attempt++) {
		fd = connect_server(raw);
		sent = send_all(fd, req, len);
		/* A raw request may be incomplete: the end of input tells the
		 * server.  A built one is complete and is not half-closed. */
		if (raw)
			shutdown(fd, SHUT_WR);
		timed_out = false;
		got = read_answer(fd, reply, sizeof(reply), len >= 4 && memcmp(req, "HEAD", 4) == 0,
				  &timed_out);
		close(fd);
		reply[got] = '\0';
		if (got > 0 || timed_out)
			break;
	}
	free(req);
	/* A slow answer is not a wrong one: on a loaded machine a harness run at
	 * nice 19 can wait a long time for CPU.  Hangs are libFuzzer's -timeout. */
	if (!raw && sent && !(timed_out && got == 0) && plain_request_line(data, size)) {
		/* A request line the harness built around "METHOD PATH" is valid
		 * HTTP: it must be answered, and bad input is never a 5xx. */
		if (strncmp(reply, "HTTP/1.1 ", 9) != 0 || reply[9] == '5') {
			fprintf(stderr, "fuzz_http: answer %.40s\n", reply);
			abort();
		}
	}
	return 0;
}

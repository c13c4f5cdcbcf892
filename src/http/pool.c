/*
 * Pools of handles for the server's worker threads: food database handles
 * (for search and look-ups) and assessors (for /api/assess and /report).
 * Either may be used by one thread at a time and costs something to open
 * (a database: a file open, a schema check and statement preparation; an
 * assessor: the whole knowledge base read and checked as well), so each
 * request borrows an open handle and gives it back.  A pool opens handles
 * lazily up to `max` (the number of workers), so with one handle per
 * worker a borrower never waits; the mutex is held only to pop or push a
 * pointer.  A plain list guarded by a mutex was chosen over thread-local
 * handles because every handle is then closed by http_pool_free() at a
 * known moment, whatever threads libmicrohttpd has ended.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "http.h"

struct http_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	http_pool_open_fn open;
	http_pool_close_fn close;
	const void *arg;
	void **idle;
	size_t nidle, nopen, max;
};

int http_pool_new(http_pool **out, size_t max, http_pool_open_fn open, http_pool_close_fn close,
		  const void *arg)
{
	http_pool *p = calloc(1, sizeof(*p));

	*out = NULL;
	if (!p)
		return cl_error_oom();
	p->max = max ? max : 1;
	p->open = open;
	p->close = close;
	p->arg = arg;
	p->idle = calloc(p->max, sizeof(*p->idle));
	if (!p->idle) {
		free(p);
		return cl_error_oom();
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	*out = p;
	return CL_OK;
}

int http_pool_get(http_pool *p, void **h)
{
	int rc = CL_OK;

	*h = NULL;
	pthread_mutex_lock(&p->lock);
	while (p->nidle == 0 && p->nopen == p->max)
		pthread_cond_wait(&p->freed, &p->lock);
	if (p->nidle > 0) {
		*h = p->idle[--p->nidle];
		pthread_mutex_unlock(&p->lock);
		return CL_OK;
	}
	/* Reserve the slot, then open outside the lock so others are not held up. */
	p->nopen++;
	pthread_mutex_unlock(&p->lock);
	rc = p->open(h, p->arg);
	if (rc != CL_OK) {
		*h = NULL;
		pthread_mutex_lock(&p->lock);
		p->nopen--;
		pthread_cond_signal(&p->freed);
		pthread_mutex_unlock(&p->lock);
	}
	return rc;
}

void http_pool_put(http_pool *p, void *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&p->lock);
	p->idle[p->nidle++] = h;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void http_pool_free(http_pool *p)
{
	if (!p)
		return;
	/* Called after the workers have stopped, so every handle is idle. */
	for (size_t i = 0; i < p->nidle; i++)
		p->close(p->idle[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->idle);
	free(p);
}

/*
 * A pool of food database handles for the server's worker threads.  A
 * cl_fooddb handle may be used by one thread at a time, and opening one
 * costs a file open, a schema check and statement preparation, so each
 * request borrows an open handle and gives it back.  The pool opens
 * handles lazily up to `max` (the number of workers), so with one handle
 * per worker a borrower never waits; the mutex is held only to pop or push
 * a pointer.  A plain list guarded by a mutex was chosen over thread-local
 * handles because every handle is then closed by http_dbpool_free() at a
 * known moment, whatever threads libmicrohttpd has ended.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "http.h"

struct http_dbpool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	char *path;
	cl_fooddb **idle;
	size_t nidle, nopen, max;
};

int http_dbpool_new(http_dbpool **out, const char *path, size_t max)
{
	http_dbpool *p = calloc(1, sizeof(*p));

	*out = NULL;
	if (!p)
		return cl_error_oom();
	p->max = max ? max : 1;
	p->path = strdup(path);
	p->idle = calloc(p->max, sizeof(*p->idle));
	if (!p->path || !p->idle) {
		free(p->path);
		free(p->idle);
		free(p);
		return cl_error_oom();
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	*out = p;
	return CL_OK;
}

int http_dbpool_get(http_dbpool *p, cl_fooddb **db)
{
	int rc = CL_OK;

	*db = NULL;
	pthread_mutex_lock(&p->lock);
	while (p->nidle == 0 && p->nopen == p->max)
		pthread_cond_wait(&p->freed, &p->lock);
	if (p->nidle > 0) {
		*db = p->idle[--p->nidle];
		pthread_mutex_unlock(&p->lock);
		return CL_OK;
	}
	/* Reserve the slot, then open outside the lock so others are not held up. */
	p->nopen++;
	pthread_mutex_unlock(&p->lock);
	rc = cl_fooddb_open(db, p->path);
	if (rc != CL_OK) {
		pthread_mutex_lock(&p->lock);
		p->nopen--;
		pthread_cond_signal(&p->freed);
		pthread_mutex_unlock(&p->lock);
	}
	return rc;
}

void http_dbpool_put(http_dbpool *p, cl_fooddb *db)
{
	if (!db)
		return;
	pthread_mutex_lock(&p->lock);
	p->idle[p->nidle++] = db;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void http_dbpool_free(http_dbpool *p)
{
	if (!p)
		return;
	/* Called after the workers have stopped, so every handle is idle. */
	for (size_t i = 0; i < p->nidle; i++)
		cl_fooddb_close(p->idle[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->idle);
	free(p->path);
	free(p);
}

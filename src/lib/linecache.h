/*
 * The diary-line cache file (linecache.c): resolved diary lines kept between
 * runs, for the parser (diary.c).  Internal to the library.
 */
#ifndef CL_LINECACHE_H
#define CL_LINECACHE_H

#include "cramplab/diary.h"
#include "util.h"

typedef struct cl_linecache cl_linecache;

/* One cached answer: a refusal (code != 0, message) or a line whose food is
 * ndb; name and food are left for the caller to fill from the database. */
typedef struct {
	int code;
	char *message;
	char ndb[8];
	double grams, quantity;
	char *measure, *assumption;
} cl_cached_answer;

/*
 * Opens (creating it and its directory, 0600 in 0700) the cache at path for
 * answers that identity decides.  CL_OK with *out set, or an error with a
 * message and *out NULL: the file is foreign, corrupt, locked or cannot be
 * made; the caller then parses without it.
 */
int cl_linecache_open(cl_linecache **out, const char *path, const char *identity);

/* 1 and *a filled (release with cl_cached_answer_clear) if line is cached,
 * else 0; a read error turns the cache off and counts as a miss. */
int cl_linecache_get(cl_linecache *c, const char *line, cl_cached_answer *a);

/* Queues an answer, written when the cache is closed.  Best effort. */
void cl_linecache_put(cl_linecache *c, const char *line, int code, const char *message,
		      const cl_diary_line *l);

/* Writes the queued answers in one transaction (if the file can be locked
 * at once; otherwise they are dropped) and closes.  Accepts NULL. */
void cl_linecache_close(cl_linecache *c);

void cl_cached_answer_clear(cl_cached_answer *a);

/* The identity a parser's answers hold for (defined in diary.c), NUL
 * included in b->len. */
int cl_parser_cache_identity(cl_buf *b, cl_parser *p);

#endif

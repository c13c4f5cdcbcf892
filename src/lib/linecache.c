/*
 * The diary-line cache: what the parser answered for a diary line, kept in a
 * small SQLite file between runs.  Resolving a free-text line is a food
 * search and a choice among its candidates, about half of a whole 7-day
 * assessment, and diaries are read again and again as they grow a day at a
 * time (the web app, 'history' re-assessing the weeks it holds), so a line
 * seen before is answered from here and only a new line is searched.
 *
 * An answer holds for one identity: the caller's description of everything
 * that decides it (the food database file and its meta data, the parser's
 * code and version, the SQLite and utf8proc versions).  A file made for
 * another identity is emptied and reused; the whole file is one identity,
 * which keeps look-ups to one primary-key read.  Each row carries an FNV-1a
 * sum of its fields, so a damaged row is a miss, not a wrong answer.
 *
 * Everything here is best effort: a file that is not ours (another format,
 * not SQLite, not a regular file, another owner) is left alone; one that is
 * locked, read-only or damaged is used as far as it can be (one of ours
 * that SQLite finds corrupt is removed, for a new one to start afresh), and
 * nothing here ever makes a parse fail.  New answers are queued and written
 * in one transaction when the cache is closed, and only if the file can be
 * locked at once: a concurrent writer makes this run skip its writes, never
 * wait.  Writes are not synced: a cache lost in a crash costs a search, a
 * disk flush per run would cost more.
 * The file holds diary text (health data): created 0600, in directories
 * created 0700.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "linecache.h"
#include "util.h"

#define FORMAT "cramplab diary-line cache 1"
/* A diary of years is a few thousand distinct lines; past this the file is
 * emptied rather than grown or pruned row by row. */
#define MAX_ROWS 50000
#define MAX_QUEUE 20000

typedef struct pending {
	struct pending *next;
	char *line;
	cl_cached_answer a;
} pending;

struct cl_linecache {
	sqlite3 *db;
	sqlite3_stmt *get;
	int writable;
	int off; /* a read failed (locked, damaged): no more look-ups or writes */
	int damaged; /* SQLite found it corrupt: ours (its format matched), so removed */
	char *path;
	int in_read; /* a read transaction is open (one lock for all look-ups) */
	pending *queue;
	size_t nqueue;
};

void cl_cached_answer_clear(cl_cached_answer *a)
{
	if (!a)
		return;
	free(a->message);
	free(a->measure);
	free(a->assumption);
	memset(a, 0, sizeof(*a));
}

/* ---- row sums ------------------------------------------------------------ */

/* NULL and "" differ: a tag byte before each string. */
static uint64_t fnv_text(uint64_t h, const char *s)
{
	unsigned char tag = s ? 1 : 0;
	h = cl_fnv1a_more(h, &tag, 1);
	return s ? cl_fnv1a_more(h, s, strlen(s) + 1) : h;
}

static sqlite3_int64 row_sum(const char *line, const cl_cached_answer *a)
{
	int32_t code = a->code;
	uint64_t h = cl_fnv1a(NULL, 0);
	h = fnv_text(h, line);
	h = cl_fnv1a_more(h, &code, sizeof(code));
	h = fnv_text(h, a->message);
	h = fnv_text(h, a->ndb);
	h = cl_fnv1a_more(h, &a->grams, sizeof(a->grams));
	h = cl_fnv1a_more(h, &a->quantity, sizeof(a->quantity));
	h = fnv_text(h, a->measure);
	h = fnv_text(h, a->assumption);
	sqlite3_int64 s;
	memcpy(&s, &h, sizeof(s));
	return s;
}

/* ---- opening ------------------------------------------------------------- */

static int fail(cl_linecache *c, int code, const char *path, const char *what)
{
	int rc = cl_error_set(code, "diary cache %s: %s", path, what);
	if (c) {
		sqlite3_finalize(c->get);
		sqlite3_close(c->db);
		free(c->path);
		free(c);
	}
	return rc;
}

/* Creates the file 0600 (its directories 0700) if it is missing, and checks
 * that it is a regular file of ours; *writable says whether it can be
 * written. */
static int prepare_file(const char *path, int *writable)
{
	int rc = cl_make_parent_dir(path);
	if (rc)
		return rc;
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
	*writable = fd >= 0;
	if (fd < 0)
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return cl_error_set(CL_EIO, "diary cache %s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		close(fd);
		return cl_error_set(CL_EINVAL, "diary cache %s: not a regular file of this user's",
				    path);
	}
	/* It holds diary text: nobody else may read it. */
	if (*writable && (st.st_mode & 077))
		(void)fchmod(fd, 0600);
	close(fd);
	return CL_OK;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Reads meta key into buf ("" if absent): SQLITE_OK or the error. */
static int meta_get(sqlite3 *db, const char *key, char *buf, size_t cap)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT value FROM cache_meta WHERE key = ?", -1, &st, NULL);
	buf[0] = '\0';
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		snprintf(buf, cap, "%s", v ? v : "");
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

static int meta_set(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO cache_meta VALUES(?, ?)", -1, &st,
				    NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
	sqlite3_finalize(st);
	return rc;
}

/* An empty file becomes a cache; a SQLite file with other tables is not ours. */
static int create_schema(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int n = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (n != 0)
		return SQLITE_MISMATCH;
	if (exec(db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return SQLITE_BUSY;
	int rc = exec(db, "CREATE TABLE IF NOT EXISTS cache_meta(key TEXT PRIMARY KEY,"
			  " value TEXT NOT NULL) WITHOUT ROWID;"
			  "CREATE TABLE IF NOT EXISTS line(text TEXT PRIMARY KEY, code INTEGER NOT NULL,"
			  " message TEXT, ndb TEXT, grams REAL, quantity REAL, measure TEXT,"
			  " assumption TEXT, sum INTEGER NOT NULL) WITHOUT ROWID;"
			  "INSERT OR IGNORE INTO cache_meta VALUES('format', '" FORMAT "'),"
			  " ('identity', ''), ('rows', '0')");
	if (rc == SQLITE_OK)
		rc = exec(db, "COMMIT");
	if (rc != SQLITE_OK)
		exec(db, "ROLLBACK");
	return rc;
}

/* A file made for another identity: emptied, then this one's. */
static int adopt(sqlite3 *db, const char *identity)
{
	if (exec(db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return SQLITE_BUSY;
	int rc = exec(db, "DELETE FROM line");
	if (rc == SQLITE_OK)
		rc = meta_set(db, "identity", identity);
	if (rc == SQLITE_OK)
		rc = meta_set(db, "rows", "0");
	if (rc == SQLITE_OK)
		rc = exec(db, "COMMIT");
	if (rc != SQLITE_OK)
		exec(db, "ROLLBACK");
	return rc;
}

/* Does the schema (page 1, readable when later pages are damaged) name our
 * two tables and no others? */
static bool ours_by_schema(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	bool ours = false;
	if (sqlite3_prepare_v2(db,
			       "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
			       " WHERE type = 'table' ORDER BY name)",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *names = (const char *)sqlite3_column_text(st, 0);
		ours = names && strcmp(names, "cache_meta,line") == 0;
	}
	sqlite3_finalize(st);
	return ours;
}

static int open_once(cl_linecache **out, const char *path, const char *identity, bool retry);

int cl_linecache_open(cl_linecache **out, const char *path, const char *identity)
{
	return open_once(out, path, identity, true);
}

static int open_once(cl_linecache **out, const char *path, const char *identity, bool retry)
{
	cl_linecache *c = NULL;
	char format[64], have[2048];
	int rc, writable = 0;

	*out = NULL;
	if (!path || !*path || !identity)
		return cl_error_set(CL_EINVAL, "the diary cache needs a file and an identity");
	if (strlen(identity) >= sizeof(have))
		return cl_error_set(CL_EINVAL, "the diary cache's identity is too long");
	if ((rc = prepare_file(path, &writable)))
		return rc;
	if (!(c = calloc(1, sizeof(*c))))
		return cl_error_oom();
	c->writable = writable;
	if (!(c->path = strdup(path)))
		return fail(c, CL_ENOMEM, path, "out of memory");
	if (sqlite3_open_v2(path, &c->db,
			    writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		return fail(c, CL_EIO, path, "cannot be opened");
	/* A lost cache costs a search; a synced one a disk flush per write,
	 * more than the search it saves. */
	exec(c->db, "PRAGMA synchronous=OFF");
	rc = meta_get(c->db, "format", format, sizeof(format));
	if (rc != SQLITE_OK && sqlite3_errcode(c->db) == SQLITE_ERROR && writable) {
		/* no cache_meta table: a new (empty) file becomes a cache */
		rc = create_schema(c->db);
		if (rc == SQLITE_OK)
			rc = meta_get(c->db, "format", format, sizeof(format));
	}
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return fail(c, CL_EIO, path, "locked by another process");
	if (rc == SQLITE_CORRUPT && writable && retry && ours_by_schema(c->db)) {
		/* ours, damaged (say by a crash while writing): start afresh */
		fail(c, CL_EIO, path, "damaged");
		if (unlink(path) != 0)
			return cl_error_set(CL_EIO, "diary cache %s: damaged and cannot be removed",
					    path);
		return open_once(out, path, identity, false);
	}
	if (rc != SQLITE_OK || strcmp(format, FORMAT) != 0)
		return fail(c, CL_EINVAL, path, "not a cramplab diary cache, or damaged; left alone");
	if ((rc = meta_get(c->db, "identity", have, sizeof(have))) != SQLITE_OK)
		return fail(c, CL_EIO, path, "cannot be read");
	if (strcmp(have, identity) != 0) {
		/* made for another database or parser: its answers do not hold */
		if (!writable || adopt(c->db, identity) != SQLITE_OK)
			return fail(c, CL_EIO, path, "made for another food database or parser and"
						     " cannot be emptied now");
	}
	if (sqlite3_prepare_v2(c->db,
			       "SELECT code, message, ndb, grams, quantity, measure, assumption, sum"
			       " FROM line WHERE text = ?",
			       -1, &c->get, NULL) != SQLITE_OK)
		return fail(c, CL_EINVAL, path, "not a cramplab diary cache, or damaged; left alone");
	*out = c;
	return CL_OK;
}

/* ---- reading and writing ----------------------------------------------- */

static char *column_dup(sqlite3_stmt *st, int i, int *oom)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	if (!s)
		return NULL;
	char *d = strdup(s);
	*oom |= !d;
	return d;
}

int cl_linecache_get(cl_linecache *c, const char *line, cl_cached_answer *a)
{
	memset(a, 0, sizeof(*a));
	if (!c || c->off || !line)
		return 0;
	/* One read transaction for all look-ups: one lock, not one per line. */
	if (!c->in_read) {
		if (exec(c->db, "BEGIN") != SQLITE_OK) {
			c->off = 1;
			return 0;
		}
		c->in_read = 1;
	}
	sqlite3_bind_text(c->get, 1, line, -1, SQLITE_STATIC);
	int step = sqlite3_step(c->get), hit = 0, oom = 0;
	if (step == SQLITE_ROW) {
		const char *ndb = (const char *)sqlite3_column_text(c->get, 2);
		a->code = sqlite3_column_int(c->get, 0);
		a->message = column_dup(c->get, 1, &oom);
		snprintf(a->ndb, sizeof(a->ndb), "%s", ndb ? ndb : "");
		a->grams = sqlite3_column_double(c->get, 3);
		a->quantity = sqlite3_column_double(c->get, 4);
		a->measure = column_dup(c->get, 5, &oom);
		a->assumption = column_dup(c->get, 6, &oom);
		bool sane = a->code == 0 ? a->ndb[0] && a->measure
			    : (a->code == CL_EINVAL || a->code == CL_ENOTFOUND) && a->message;
		hit = !oom && sane && sqlite3_column_int64(c->get, 7) == row_sum(line, a);
	} else if (step != SQLITE_DONE) {
		c->off = 1; /* locked or damaged: parse without it from here on */
		c->damaged = sqlite3_errcode(c->db) == SQLITE_CORRUPT;
	}
	sqlite3_reset(c->get);
	if (!hit)
		cl_cached_answer_clear(a);
	return hit;
}

static char *dup_or_null(const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	*oom |= !d;
	return d;
}

void cl_linecache_put(cl_linecache *c, const char *line, int code, const char *message,
		      const cl_diary_line *l)
{
	if (!c || c->off || !c->writable || c->nqueue >= MAX_QUEUE)
		return;
	pending *p = calloc(1, sizeof(*p));
	int oom = !p;
	if (p) {
		p->line = dup_or_null(line, &oom);
		p->a.code = code;
		if (code) {
			p->a.message = dup_or_null(message, &oom);
		} else {
			snprintf(p->a.ndb, sizeof(p->a.ndb), "%s", l->ndb);
			p->a.grams = l->grams;
			p->a.quantity = l->quantity;
			p->a.measure = dup_or_null(l->measure, &oom);
			p->a.assumption = dup_or_null(l->assumption, &oom);
		}
	}
	if (oom) {
		if (p) {
			free(p->line);
			cl_cached_answer_clear(&p->a);
		}
		free(p);
		return;
	}
	p->next = c->queue;
	c->queue = p;
	c->nqueue++;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Writes the queue in one transaction; any failure rolls it back. */
static void flush(cl_linecache *c)
{
	sqlite3_stmt *st = NULL;
	char rows_text[32];
	long rows;
	int rc;

	if (exec(c->db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return;
	rc = meta_get(c->db, "rows", rows_text, sizeof(rows_text));
	rows = atol(rows_text);
	if (rc == SQLITE_OK && rows + (long)c->nqueue > MAX_ROWS) {
		rc = exec(c->db, "DELETE FROM line");
		rows = 0;
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c->db,
					"INSERT OR REPLACE INTO line VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
					-1, &st, NULL);
	for (pending *p = c->queue; p && rc == SQLITE_OK; p = p->next) {
		sqlite3_bind_text(st, 1, p->line, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, p->a.code);
		bind_text_or_null(st, 3, p->a.message);
		if (p->a.code) {
			for (int i = 4; i <= 8; i++)
				sqlite3_bind_null(st, i);
		} else {
			sqlite3_bind_text(st, 4, p->a.ndb, -1, SQLITE_STATIC);
			sqlite3_bind_double(st, 5, p->a.grams);
			sqlite3_bind_double(st, 6, p->a.quantity);
			bind_text_or_null(st, 7, p->a.measure);
			bind_text_or_null(st, 8, p->a.assumption);
		}
		sqlite3_bind_int64(st, 9, row_sum(p->line, &p->a));
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(st);
		rows++;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK) {
		snprintf(rows_text, sizeof(rows_text), "%ld", rows);
		rc = meta_set(c->db, "rows", rows_text);
	}
	if (rc == SQLITE_OK)
		rc = exec(c->db, "COMMIT");
	if (rc != SQLITE_OK)
		exec(c->db, "ROLLBACK");
}

void cl_linecache_close(cl_linecache *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->get);
	c->get = NULL;
	if (c->in_read)
		exec(c->db, "COMMIT");
	if (c->queue && c->writable && !c->off)
		flush(c);
	for (pending *p = c->queue, *next; p; p = next) {
		next = p->next;
		free(p->line);
		cl_cached_answer_clear(&p->a);
		free(p);
	}
	sqlite3_close(c->db);
	/* A damaged file would turn the cache off for good (writes with
	 * synchronous=OFF can leave one after a crash): the next run starts a
	 * new one. */
	if (c->damaged && c->writable)
		unlink(c->path);
	free(c->path);
	free(c);
}

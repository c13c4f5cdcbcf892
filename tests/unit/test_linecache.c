#define _GNU_SOURCE /* asprintf */
/* The diary-line cache file: answers with it are the answers without it,
 * it is really used, it is dropped when the database or the parser's
 * identity changes, and a foreign, damaged, locked or unusable file never
 * changes an answer or fails a parse.  Scratch files go under
 * $CRAMPLAB_CACHE (tests/run.sh points it into tests/out). */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cramplab/diary.h"
#include "linecache.h"
#include "util.h"

static char scratch[512];

/* A fresh file name under the scratch directory. */
static const char *scratch_file(const char *name)
{
	static char path[1200];
	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	unlink(path);
	return path;
}

static int setup(void **state)
{
	const char *base = getenv("CRAMPLAB_CACHE");
	snprintf(scratch, sizeof(scratch), "%s-unit",
		 base && *base && strcmp(base, "off") ? base : "out/cache");
	char *cmd = NULL;
	*state = NULL;
	if (asprintf(&cmd, "rm -rf '%s' && mkdir -p '%s'", scratch, scratch) < 0)
		return -1;
	int rc = system(cmd) == 0 && getenv("CRAMPLAB_DB") ? 0 : -1;
	free(cmd);
	return rc;
}

typedef struct {
	cl_fooddb *db;
	cl_parser *p;
} session;

/* A parser on db_path, with the cache file at cache (NULL: none);
 * *use_rc gets cl_parser_use_cache's answer. */
static void open_session(session *s, const char *db_path, const char *cache, int *use_rc)
{
	assert_int_equal(cl_fooddb_open(&s->db, db_path), CL_OK);
	assert_int_equal(cl_parser_new(&s->p, s->db), CL_OK);
	int rc = cache ? cl_parser_use_cache(s->p, cache) : CL_OK;
	if (use_rc)
		*use_rc = rc;
}

static void close_session(session *s)
{
	cl_parser_free(s->p);
	cl_fooddb_close(s->db);
	memset(s, 0, sizeof(*s));
}

/* One answer, as text: the code and message, or every field of the line
 * (numbers bit for bit). */
static char *answer(cl_parser *p, const char *line)
{
	cl_diary_line l;
	char *out = NULL;
	int rc = cl_diary_parse(&l, p, line);
	if (rc) {
		assert_true(asprintf(&out, "%d %s", rc, cl_error_last()) > 0);
		return out;
	}
	assert_non_null(l.food);
	assert_string_equal(l.food->ndb, l.ndb);
	assert_true(asprintf(&out, "ok %s|%s|%a|%a|%s|%s", l.ndb, l.name, l.grams, l.quantity,
			     l.measure, l.assumption ? l.assumption : "(none)") > 0);
	cl_diary_line_clear(&l);
	return out;
}

/* Every line of every test diary and example. */
typedef struct {
	char **lines;
	size_t n;
} lineset;

static void add_lines(lineset *ls, const char *pattern)
{
	glob_t g;
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *text = NULL;
		size_t len = 0;
		if (cl_read_file(&text, &len, g.gl_pathv[i], 1 << 20) != CL_OK)
			continue;
		for (char *save = NULL, *l = strtok_r(text, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			if (strlen(l) > CL_DIARY_MAX_LINE)
				continue;
			ls->lines = realloc(ls->lines, (ls->n + 1) * sizeof(*ls->lines));
			assert_non_null(ls->lines);
			ls->lines[ls->n++] = strdup(l);
		}
		free(text);
	}
	globfree(&g);
}

static void all_lines(lineset *ls)
{
	memset(ls, 0, sizeof(*ls));
	add_lines(ls, "data/diary/*.txt");
	add_lines(ls, "data/diary/*/*.txt");
	add_lines(ls, "../examples/*.diary");
	add_lines(ls, "data/bad/numbers.txt");
	add_lines(ls, "data/fuzz/*.txt");
	assert_true(ls->n > 100);
}

static void free_lines(lineset *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->lines[i]);
	free(ls->lines);
}

/* The answers for every line with the cache file at cache (NULL: none). */
static char **answers(const char *cache, const lineset *ls, int want_use_rc)
{
	session s;
	int use_rc;
	open_session(&s, getenv("CRAMPLAB_DB"), cache, &use_rc);
	if (want_use_rc != 1)
		assert_int_equal(use_rc, want_use_rc);
	char **a = calloc(ls->n, sizeof(*a));
	assert_non_null(a);
	for (size_t i = 0; i < ls->n; i++)
		a[i] = answer(s.p, ls->lines[i]);
	close_session(&s);
	return a;
}

static void assert_same(char **want, char **got, const lineset *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		if (strcmp(want[i], got[i]) != 0)
			fail_msg("'%s': %s, expected %s", ls->lines[i], got[i], want[i]);
		free(got[i]);
	}
	free(got);
}

static void free_answers(char **a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i]);
	free(a);
}

static long rows(const char *cache)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_open_v2(cache, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM line", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void sql(const char *cache, const char *statement)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(cache, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, statement, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Cold (writing), warm (reading) and without: the same answers, line for line. */
static void test_cached_equals_uncached(void **state)
{
	(void)state;
	lineset ls;
	all_lines(&ls);
	const char *cache = scratch_file("same.db");
	char **plain = answers(NULL, &ls, CL_OK);
	assert_same(plain, answers(cache, &ls, CL_OK), &ls);
	long n = rows(cache);
	assert_true(n > 50); /* free-text lines and refusals; no ndb: lines */
	assert_same(plain, answers(cache, &ls, CL_OK), &ls);
	assert_int_equal(rows(cache), n);
	free_answers(plain, ls.n);
	free_lines(&ls);
}

/* Writes a made-up answer for line under the identity of a parser on db_path. */
static void plant(const char *cache, const char *db_path, const char *line, double grams)
{
	session s;
	cl_buf id = {0};
	cl_linecache *c = NULL;
	open_session(&s, db_path, NULL, NULL);
	assert_int_equal(cl_parser_cache_identity(&id, s.p), CL_OK);
	assert_int_equal(cl_linecache_open(&c, cache, id.data), CL_OK);
	cl_diary_line l = {.ndb = "09040", .grams = grams, .quantity = 2, .measure = "planted"};
	cl_linecache_put(c, line, CL_OK, NULL, &l);
	cl_linecache_put(c, "a refusal", CL_EINVAL, "planted refusal", NULL);
	cl_linecache_close(c);
	cl_buf_free(&id);
	close_session(&s);
}

/* The answer the file holds is the one given: proof that it is read. */
static void test_cache_is_used(void **state)
{
	(void)state;
	const char *db = getenv("CRAMPLAB_DB");
	const char *cache = scratch_file("used.db");
	plant(cache, db, "2 medium bananas", 1234.5);
	session s;
	int use_rc;
	open_session(&s, db, cache, &use_rc);
	assert_int_equal(use_rc, CL_OK);
	char *a = answer(s.p, "2 medium bananas");
	assert_non_null(strstr(a, "ok 09040|Bananas, raw|0x1.34a"));
	assert_non_null(strstr(a, "|planted|"));
	free(a);
	a = answer(s.p, "a refusal");
	assert_string_equal(a, "-2 planted refusal");
	free(a);
	close_session(&s);
	/* ... and a parser without the file does not see it */
	open_session(&s, db, NULL, NULL);
	a = answer(s.p, "2 medium bananas");
	assert_non_null(strstr(a, "|medium"));
	free(a);
	close_session(&s);
}

static void copy_file(const char *from, const char *to)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "cp '%s' '%s.tmp' && mv '%s.tmp' '%s'", from, to, to, to) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* A new database file (an import renames one over the old), or another
 * identity (the parser's code or version changed): the old answers go. */
static void test_invalidation(void **state)
{
	(void)state;
	char db[1200];
	snprintf(db, sizeof(db), "%s/foods-copy.db", scratch);
	copy_file(getenv("CRAMPLAB_DB"), db);
	const char *cache = scratch_file("stale.db");
	plant(cache, db, "2 medium bananas", 1234.5);
	copy_file(getenv("CRAMPLAB_DB"), db); /* the database is replaced */
	session s;
	int use_rc;
	open_session(&s, db, cache, &use_rc);
	assert_int_equal(use_rc, CL_OK);
	assert_int_equal(rows(cache), 0); /* emptied for the new identity */
	char *a = answer(s.p, "2 medium bananas");
	assert_non_null(strstr(a, "|medium"));
	free(a);
	close_session(&s);
	assert_int_equal(rows(cache), 1);

	/* another identity: as a changed CL_PARSE_CODE or version would give */
	cl_linecache *c = NULL;
	assert_int_equal(cl_linecache_open(&c, cache, "parser 0 older"), CL_OK);
	cl_diary_line l = {.ndb = "09040", .grams = 1234.5, .quantity = 2, .measure = "planted"};
	cl_linecache_put(c, "2 medium bananas", CL_OK, NULL, &l);
	cl_linecache_close(c);
	open_session(&s, db, cache, &use_rc);
	assert_int_equal(use_rc, CL_OK);
	a = answer(s.p, "2 medium bananas");
	assert_non_null(strstr(a, "|medium"));
	free(a);
	close_session(&s);
	unlink(db);
}

static void write_bytes(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
	char *t = NULL;
	assert_int_equal(cl_read_file(&t, len, path, 1 << 24), CL_OK);
	return t;
}

/* Foreign files are left alone, byte for byte; damaged rows and pages are
 * misses; a locked file or one that cannot be made changes nothing. */
static void test_bad_files(void **state)
{
	(void)state;
	lineset ls;
	all_lines(&ls);
	char **plain = answers(NULL, &ls, CL_OK);

	/* not SQLite */
	const char *junk = scratch_file("junk.db");
	static const char text[] = "this is someone's notes, not a cache\n";
	write_bytes(junk, text, sizeof(text) - 1);
	assert_same(plain, answers(junk, &ls, CL_EINVAL), &ls);
	size_t len;
	char *after = slurp(junk, &len);
	assert_int_equal(len, sizeof(text) - 1);
	assert_memory_equal(after, text, len);
	free(after);

	/* SQLite, but another program's */
	const char *other = scratch_file("other.db");
	sql(other, "CREATE TABLE line(x); INSERT INTO line VALUES(1)");
	assert_same(plain, answers(other, &ls, CL_EINVAL), &ls);
	assert_int_equal(rows(other), 1);

	/* a row changed behind the cache's back: its sum no longer matches */
	const char *cache = scratch_file("damaged.db");
	free_answers(answers(cache, &ls, CL_OK), ls.n);
	sql(cache, "UPDATE line SET grams = grams * 2 + 1");
	assert_same(plain, answers(cache, &ls, CL_OK), &ls);
	/* ... and the answers written again are good */
	assert_same(plain, answers(cache, &ls, CL_OK), &ls);

	/* damaged pages: everything after the first page overwritten */
	after = slurp(cache, &len);
	assert_true(len > 8192);
	memset(after + 4096, 0x5a, len - 4096);
	write_bytes(cache, after, len);
	free(after);
	assert_same(plain, answers(cache, &ls, 1), &ls);
	/* ... removed when SQLite found it corrupt: the next run starts afresh */
	assert_same(plain, answers(cache, &ls, CL_OK), &ls);
	assert_true(rows(cache) > 50);

	/* locked by another process's write: no waiting, no wrong answer */
	cache = scratch_file("locked.db");
	free_answers(answers(cache, &ls, CL_OK), ls.n);
	sqlite3 *holder = NULL;
	assert_int_equal(sqlite3_open(cache, &holder), SQLITE_OK);
	assert_int_equal(sqlite3_exec(holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	assert_same(plain, answers(cache, &ls, 1), &ls);
	sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(holder);

	/* cannot be made: its directory would be under a regular file */
	char nodir[1300];
	snprintf(nodir, sizeof(nodir), "%s/cache.db", junk);
	assert_same(plain, answers(nodir, &ls, CL_EIO), &ls);
	/* a directory where the file should be */
	char dir[1300];
	snprintf(dir, sizeof(dir), "%s/a-directory", scratch);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_same(plain, answers(dir, &ls, 1), &ls);

	free_answers(plain, ls.n);
	free_lines(&ls);
}

/* It holds diary text: 0600 in 0700 directories, also when it existed wider. */
static void test_file_mode(void **state)
{
	(void)state;
	char path[1300];
	snprintf(path, sizeof(path), "%s/new/deeper/diary-lines.db", scratch);
	session s;
	int use_rc;
	open_session(&s, getenv("CRAMPLAB_DB"), path, &use_rc);
	assert_int_equal(use_rc, CL_OK);
	free(answer(s.p, "2 medium bananas"));
	close_session(&s);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	*strrchr(path, '/') = '\0';
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	*strrchr(path, '/') = '\0';
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	const char *wide = scratch_file("wide.db");
	int fd = open(wide, O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, 0644), 0);
	close(fd);
	open_session(&s, getenv("CRAMPLAB_DB"), wide, &use_rc);
	assert_int_equal(use_rc, CL_OK);
	close_session(&s);
	assert_int_equal(stat(wide, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* NULL stops using a file; a NULL parser is refused */
	open_session(&s, getenv("CRAMPLAB_DB"), wide, &use_rc);
	assert_int_equal(cl_parser_use_cache(s.p, NULL), CL_OK);
	close_session(&s);
	assert_int_equal(cl_parser_use_cache(NULL, wide), CL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cached_equals_uncached),
		cmocka_unit_test(test_cache_is_used),
		cmocka_unit_test(test_invalidation),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_file_mode),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

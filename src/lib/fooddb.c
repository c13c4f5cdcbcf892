/*
 * Reading the food database.  The handle opens the file read-only with
 * SQLITE_OPEN_NOMUTEX, since one handle serves one thread, and checks the
 * schema version so that a database built by an older cramplab is refused
 * with advice to re-import rather than misread.
 */
#include <ctype.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cramplab/fooddb.h"
#include "error.h"
#include "fooddb_internal.h"
#include "fooddb_schema.h"
#include "foodrec.h"
#include "search_docs.h"

/* Statements other modules keep on the handle (cl_fooddb_stmt), counted
 * by distinct text (one text asked by two modules is one slot): the search
 * keeps nineteen (seven prepared when it opens; the candidates, read two
 * ways; its savepoint and release; the checks for a word only brands hold,
 * a synonym's pair, a purpose or a served-on food, and two for a
 * possessive; the hits' names in search.c; two in search_absent.c), the
 * diary parser four more, the food pool three and the nutrient lookup one:
 * 27 of the slots.  Slots cost nothing until used. */
#define MAX_KEPT 32

struct cl_fooddb {
	sqlite3 *db;
	sqlite3_stmt *get_record;
	size_t nfoods;
	char *source;
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} kept[MAX_KEPT];
	size_t nkept;
	cl_search_docs *search_docs;
	int mapped; /* cl_fooddb_map() has set the connection's memory map */
};

sqlite3 *cl_fooddb_sqlite(cl_fooddb *db)
{
	return db->db;
}

cl_search_docs **cl_fooddb_search_docs(cl_fooddb *db)
{
	return &db->search_docs;
}

int cl_fooddb_map(cl_fooddb *f, const char *bytes)
{
	char sql[64];
	if (f->mapped)
		return CL_OK;
	/* not a kept statement: SQLite sets a pragma while preparing it and
	 * marks the statement to be prepared again at its next run */
	snprintf(sql, sizeof(sql), "PRAGMA mmap_size=%s", bytes);
	if (sqlite3_exec(f->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "%s", sqlite3_errmsg(f->db));
	f->mapped = 1;
	return CL_OK;
}

sqlite3_stmt *cl_fooddb_stmt(cl_fooddb *f, const char *sql)
{
	sqlite3_stmt *st = NULL;
	for (size_t i = 0; i < f->nkept; i++)
		if (f->kept[i].sql == sql || strcmp(f->kept[i].sql, sql) == 0) {
			st = f->kept[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (sqlite3_prepare_v3(f->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		cl_error_set(CL_EDB, "%s", sqlite3_errmsg(f->db));
		sqlite3_finalize(st);
		return NULL;
	}
	if (f->nkept < MAX_KEPT) {
		f->kept[f->nkept].sql = sql;
		f->kept[f->nkept++].st = st;
		return st;
	}
	/* More distinct statements than slots is a programming error; fail
	 * loudly rather than leak one per call. */
	sqlite3_finalize(st);
	cl_error_set(CL_EDB, "too many kept statements on a food database handle");
	return NULL;
}

/* The meta rows the handle needs, in one pass over the table's few rows
 * (three statements cost two more preparations and seeks); a key without
 * a row stays NULL. */
static int meta(cl_fooddb *f, char **version, char **count, char **source)
{
	static const char *const keys[] = {"schema_version", "food_count", "source"};
	char **values[] = {version, count, source};
	sqlite3_stmt *st = NULL;
	int rc = CL_OK;

	if (sqlite3_prepare_v2(f->db, "SELECT key, value FROM meta", -1, &st, NULL) != SQLITE_OK)
		return cl_error_set(CL_EDB, "%s", sqlite3_errmsg(f->db));
	while (rc == CL_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *value = (const char *)sqlite3_column_text(st, 1);
		for (size_t i = 0; key && value && i < sizeof(keys) / sizeof(*keys); i++)
			if (strcmp(key, keys[i]) == 0 && !*values[i] && !(*values[i] = strdup(value)))
				rc = cl_error_oom();
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * "file:///abs/path?immutable=1": the database is never changed in place
 * (an import writes a new file and renames it over the old one, and a
 * handle keeps reading the file it opened), so SQLite may skip the lock,
 * unlock and hot-journal stat() calls it makes around every statement:
 * about 300 system calls in an assessment.  Bytes outside a safe set are
 * percent-encoded, as SQLite's URI rules require for '?', '#' and '%'.
 */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(path);
	char *uri = malloc(3 * len + 32), *o;
	if (!uri)
		return NULL;
	o = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/._-~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	strcpy(o, "?immutable=1");
	return uri;
}

int cl_fooddb_open(cl_fooddb **out, const char *path)
{
	cl_fooddb *f;
	struct stat sb;
	char *version = NULL, *count = NULL;
	int rc = CL_OK;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return cl_error_set(CL_ENOTFOUND,
				    "no food database at %s (build it with 'cramplab import sr24')",
				    path);
	f = calloc(1, sizeof(*f));
	char *uri = immutable_uri(path);
	if (!f || !uri) {
		free(f);
		free(uri);
		return cl_error_oom();
	}
	int opened = sqlite3_open_v2(uri, &f->db,
				     SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (opened != SQLITE_OK) {
		rc = cl_error_set(CL_EDB, "cannot open %s: %s", path,
				  f->db ? sqlite3_errmsg(f->db) : "out of memory");
		goto fail;
	}
	/* Pages are read with pread() into SQLite's cache, not through a memory
	 * map: a command reads a few hundred scattered pages (the cached food
	 * pool alone is some 250), and on the virtual machines this runs on a
	 * first touch of a mapped page costs some 15 microseconds, a copy into
	 * the tool's heap (huge pages, main.c) far less: the week's assessment
	 * took 196 page faults with the map and 128 without, 2 ms less
	 * (docs/performance.md).  search.c keeps its map, which pays over a
	 * million names. */
	if ((rc = meta(f, &version, &count, &f->source)) != CL_OK) {
		cl_error_prefix("%s is not a cramplab food database: ", path);
		goto fail;
	}
	if (!version || strcmp(version, CL_FOODDB_SCHEMA_VERSION) != 0) {
		rc = cl_error_set(CL_EINVAL,
				  "%s was built by another version of cramplab; "
				  "run 'cramplab import sr24' again",
				  path);
		goto fail;
	}
	f->nfoods = count ? strtoul(count, NULL, 10) : 0;
	if (sqlite3_prepare_v2(f->db, "SELECT rec FROM food_record WHERE id = ?", -1,
			       &f->get_record, NULL)) {
		rc = cl_error_set(CL_EDB, "%s: %s", path, sqlite3_errmsg(f->db));
		goto fail;
	}
	free(version);
	free(count);
	*out = f;
	return CL_OK;
fail:
	free(version);
	free(count);
	cl_fooddb_close(f);
	return rc;
}

void cl_fooddb_close(cl_fooddb *f)
{
	if (!f)
		return;
	sqlite3_finalize(f->get_record);
	for (size_t i = 0; i < f->nkept; i++)
		sqlite3_finalize(f->kept[i].st);
	cl_search_docs_free(f->search_docs);
	sqlite3_close(f->db);
	free(f->source);
	free(f);
}

int cl_fooddb_info(const cl_fooddb *f, size_t *nfoods, const char **source)
{
	if (nfoods)
		*nfoods = f->nfoods;
	if (source)
		*source = f->source ? f->source : "";
	return CL_OK;
}

/* Accepts "9040", "09040" or "ndb:09040"; rejects anything else. */
static int parse_ndb(long *id, const char *ndb)
{
	const char *p = ndb;
	if (strncmp(p, "ndb:", 4) == 0)
		p += 4;
	size_t len = strlen(p);
	if (len == 0 || len > 5)
		goto bad;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)p[i]))
			goto bad;
	*id = strtol(p, NULL, 10);
	return CL_OK;
bad:
	return cl_error_set(CL_EINVAL, "'%.40s' is not an NDB number (5 digits, e.g. 09040)", ndb);
}

int cl_food_get(cl_food **out, cl_fooddb *f, const char *ndb)
{
	cl_food *food = NULL;
	long id = 0;
	int rc, step;

	*out = NULL;
	if ((rc = parse_ndb(&id, ndb)))
		return rc;
	food = calloc(1, sizeof(*food));
	if (!food)
		return cl_error_oom();
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		food->per_100g[i] = NAN;

	/* One row, packed by the importer from the food's rows (foodrec.c). */
	sqlite3_bind_int64(f->get_record, 1, id);
	step = sqlite3_step(f->get_record);
	if (step != SQLITE_ROW) {
		rc = step == SQLITE_DONE
			     ? cl_error_set(CL_ENOTFOUND, "no food with NDB number %05ld", id)
			     : cl_error_set(CL_EDB, "%s", sqlite3_errmsg(f->db));
		goto fail;
	}
	const unsigned char *rec = sqlite3_column_blob(f->get_record, 0);
	if ((rc = cl_food_record_read(food, rec ? rec : (const unsigned char *)"",
				      (size_t)sqlite3_column_bytes(f->get_record, 0))))
		goto fail;
	*out = food;
	food = NULL;
fail:
	sqlite3_reset(f->get_record);
	cl_food_free(food);
	return rc;
}

int cl_food_amounts(double *per_100g, cl_fooddb *f, const char *ndb, const cl_nutrient *which,
		    size_t n)
{
	long id = 0;
	int rc, step;

	for (size_t i = 0; i < n; i++)
		per_100g[i] = NAN;
	if ((rc = parse_ndb(&id, ndb)))
		return rc;
	sqlite3_stmt *st = cl_fooddb_stmt(
		f, "SELECT amount FROM food_nutrient WHERE food_id = ?1 AND nutrient_id = ?2");
	if (!st)
		return CL_EDB;
	sqlite3_bind_int64(st, 1, id);
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int(st, 2, (int)which[i]);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW)
			per_100g[i] = sqlite3_column_double(st, 0);
		else if (step != SQLITE_DONE) {
			rc = cl_error_set(CL_EDB, "%s", sqlite3_errmsg(f->db));
			break;
		}
		sqlite3_reset(st);
	}
	sqlite3_reset(st);
	return rc;
}

void cl_food_free(cl_food *food)
{
	if (!food)
		return;
	for (size_t i = 0; i < food->nmeasures; i++)
		free(food->measures[i].name);
	free(food->measures);
	free(food->name);
	free(food->group_name);
	free(food);
}

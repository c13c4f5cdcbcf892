/*
 * Writing a food database.  Everything goes into "<path>.tmp-XXXXXX" inside
 * one transaction with synchronous writes off (the file is not live until
 * renamed, so a crash can only lose the temporary file), then the file is
 * fsynced and renamed over the old database, which is atomic on POSIX.
 * Files are created mode 0600: they sit beside personal health data.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "fooddb_schema.h"
#include "foodrec.h"
#include "foodwrite.h"
#include "rich_internal.h"
#include "search_index.h"
#include "textfold.h"
#include "util.h"

struct cl_foodwriter {
	sqlite3 *db;
	char *final_path;
	char *tmp_path;
	sqlite3_stmt *ins_food, *ins_nutrient, *ins_measure, *ins_group;
	size_t nfoods;
	const cl_food_rules *pool_rules;
};

static int db_error(cl_foodwriter *w, const char *what)
{
	return cl_error_set(CL_EDB, "%s: %s", what, w->db ? sqlite3_errmsg(w->db) : "no database");
}

static int exec(cl_foodwriter *w, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(w->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = cl_error_set(CL_EDB, "database error: %s", msg ? msg : "unknown");
		sqlite3_free(msg);
		return rc;
	}
	return CL_OK;
}

static int prepare(cl_foodwriter *w, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(w->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(w, "preparing the database");
	return CL_OK;
}

int cl_foodwriter_begin(cl_foodwriter **out, const char *final_path, const char *source)
{
	cl_foodwriter *w;
	int rc, fd;
	char stamp[32];
	time_t now = time(NULL);

	*out = NULL;
	if ((rc = cl_make_parent_dir(final_path)) != CL_OK)
		return rc;
	w = calloc(1, sizeof(*w));
	if (!w)
		return cl_error_oom();
	size_t len = strlen(final_path);
	w->final_path = strdup(final_path);
	w->tmp_path = malloc(len + 16);
	if (!w->final_path || !w->tmp_path) {
		rc = cl_error_oom();
		goto fail;
	}
	snprintf(w->tmp_path, len + 16, "%s.tmp-XXXXXX", final_path);
	fd = mkstemp(w->tmp_path); /* mode 0600 */
	if (fd < 0) {
		rc = cl_error_set(CL_EIO, "cannot create %s: %s", w->tmp_path, strerror(errno));
		w->tmp_path[0] = '\0';
		goto fail;
	}
	close(fd);
	if (sqlite3_open_v2(w->tmp_path, &w->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = db_error(w, "opening the new database");
		goto fail;
	}
	if ((rc = exec(w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
			  "PRAGMA page_size=4096; BEGIN;")) != CL_OK ||
	    (rc = exec(w, CL_FOODDB_SCHEMA)) != CL_OK ||
	    (rc = cl_search_index_create(w->db)) != CL_OK)
		goto fail;
	if ((rc = prepare(w, &w->ins_food,
			  "INSERT INTO food(id, ndb, name, group_code, folded) VALUES(?,?,?,?,?)")) ||
	    (rc = prepare(w, &w->ins_nutrient,
			  "INSERT INTO food_nutrient(food_id, nutrient_id, amount) VALUES(?,?,?)")) ||
	    (rc = prepare(w, &w->ins_measure, "INSERT INTO measure(food_id, seq, amount, name, grams)"
					      " VALUES(?,?,?,?,?)")) ||
	    (rc = prepare(w, &w->ins_group,
			  "INSERT OR REPLACE INTO food_group(code, name) VALUES(?,?)")))
		goto fail;

	sqlite3_stmt *st = NULL;
	if ((rc = prepare(w, &st, "INSERT INTO nutrient(id, key, label, unit) VALUES(?,?,?,?)")))
		goto fail;
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++) {
		const cl_nutrient_info *n = cl_nutrient_get((cl_nutrient)i);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, n->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, n->label, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, n->unit, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			rc = db_error(w, "writing nutrients");
			goto fail;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if ((rc = prepare(w, &st, "INSERT INTO meta VALUES('source', ?), ('schema_version', '"
				  CL_FOODDB_SCHEMA_VERSION "'), ('imported_at', ?)")))
		goto fail;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? CL_OK : db_error(w, "writing meta data");
	sqlite3_finalize(st);
	if (rc)
		goto fail;
	*out = w;
	return CL_OK;
fail:
	cl_foodwriter_abort(w);
	return rc;
}

int cl_foodwriter_group(cl_foodwriter *w, const char *code, const char *name)
{
	sqlite3_bind_text(w->ins_group, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->ins_group, 2, name, -1, SQLITE_STATIC);
	int ok = sqlite3_step(w->ins_group) == SQLITE_DONE;
	sqlite3_reset(w->ins_group);
	return ok ? CL_OK : db_error(w, "writing a food group");
}

int cl_foodwriter_food(cl_foodwriter *w, const cl_food *f)
{
	char *folded = NULL;
	int rc;
	long id = strtol(f->ndb, NULL, 10);

	if ((rc = cl_fold(&folded, f->name)) != CL_OK)
		return cl_error_prefix("food %s: ", f->ndb);
	sqlite3_bind_int64(w->ins_food, 1, id);
	sqlite3_bind_text(w->ins_food, 2, f->ndb, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->ins_food, 3, f->name, -1, SQLITE_STATIC);
	if (f->group_code[0])
		sqlite3_bind_text(w->ins_food, 4, f->group_code, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(w->ins_food, 4);
	sqlite3_bind_text(w->ins_food, 5, folded, -1, SQLITE_STATIC);
	int step = sqlite3_step(w->ins_food);
	sqlite3_reset(w->ins_food);
	if (step != SQLITE_DONE) {
		rc = step == SQLITE_CONSTRAINT
			     ? cl_error_set(CL_EINVAL, "food %s appears twice", f->ndb)
			     : db_error(w, "writing a food");
		goto done;
	}
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++) {
		if (isnan(f->per_100g[i]))
			continue;
		sqlite3_bind_int64(w->ins_nutrient, 1, id);
		sqlite3_bind_int(w->ins_nutrient, 2, i);
		sqlite3_bind_double(w->ins_nutrient, 3, f->per_100g[i]);
		step = sqlite3_step(w->ins_nutrient);
		sqlite3_reset(w->ins_nutrient);
		if (step != SQLITE_DONE) {
			rc = db_error(w, "writing a nutrient value");
			goto done;
		}
	}
	for (size_t i = 0; i < f->nmeasures; i++) {
		sqlite3_bind_int64(w->ins_measure, 1, id);
		sqlite3_bind_int64(w->ins_measure, 2, (sqlite3_int64)i);
		sqlite3_bind_double(w->ins_measure, 3, f->measures[i].amount);
		sqlite3_bind_text(w->ins_measure, 4, f->measures[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_double(w->ins_measure, 5, f->measures[i].grams);
		step = sqlite3_step(w->ins_measure);
		sqlite3_reset(w->ins_measure);
		if (step != SQLITE_DONE) {
			rc = db_error(w, "writing a household measure");
			goto done;
		}
	}
	w->nfoods++;
done:
	free(folded);
	return rc;
}

void cl_foodwriter_pool_rules(cl_foodwriter *w, const cl_food_rules *rules)
{
	w->pool_rules = rules;
}

static void finalize_all(cl_foodwriter *w)
{
	sqlite3_finalize(w->ins_food);
	sqlite3_finalize(w->ins_nutrient);
	sqlite3_finalize(w->ins_measure);
	sqlite3_finalize(w->ins_group);
	w->ins_food = w->ins_nutrient = w->ins_measure = w->ins_group = NULL;
}

static void free_writer(cl_foodwriter *w)
{
	free(w->final_path);
	free(w->tmp_path);
	free(w);
}

int cl_foodwriter_commit(cl_foodwriter *w)
{
	char count[32];
	int rc, fd;

	if (w->nfoods == 0) {
		rc = cl_error_set(CL_EINVAL, "the input holds no foods");
		goto fail;
	}
	finalize_all(w);
	snprintf(count, sizeof(count), "%zu", w->nfoods);
	sqlite3_stmt *st = NULL;
	if ((rc = prepare(w, &st, "INSERT INTO meta VALUES('food_count', ?)")))
		goto fail;
	sqlite3_bind_text(st, 1, count, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? CL_OK : db_error(w, "writing meta data");
	sqlite3_finalize(st);
	if (rc || (rc = cl_food_records_write(w->db)) != CL_OK ||
	    (rc = cl_search_index_build(w->db)) != CL_OK ||
	    (w->pool_rules && (rc = cl_food_pool_cache_write(w->db, w->pool_rules)) != CL_OK) ||
	    (rc = exec(w, "COMMIT;")) ||
	    (rc = exec(w, "PRAGMA optimize; VACUUM;")))
		goto fail;
	if (sqlite3_close(w->db) != SQLITE_OK) {
		rc = db_error(w, "closing the new database");
		goto fail;
	}
	w->db = NULL;
	fd = open(w->tmp_path, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	if (rename(w->tmp_path, w->final_path) != 0) {
		rc = cl_error_set(CL_EIO, "cannot rename %s to %s: %s", w->tmp_path, w->final_path,
				  strerror(errno));
		goto fail;
	}
	free_writer(w);
	return CL_OK;
fail:
	cl_foodwriter_abort(w);
	return rc;
}

void cl_foodwriter_abort(cl_foodwriter *w)
{
	if (!w)
		return;
	finalize_all(w);
	if (w->db)
		sqlite3_close(w->db);
	if (w->tmp_path && w->tmp_path[0])
		unlink(w->tmp_path);
	free_writer(w);
}

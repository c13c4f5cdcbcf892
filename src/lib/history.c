/*
 * History: diary days and cramp episodes kept in one SQLite file, so weeks
 * can be judged together and a case can be built from them.
 *
 * Each stored entry keeps its source line, its food and grams, and what it
 * supplied of every nutrient as a JSON object holding only the amounts that
 * were known: an absent key is unknown, never zero, and a nutrient a later
 * cramplab learns is unknown for old entries, which is the truth.  Storing
 * the amounts rather than re-reading the foods means a newer food database
 * does not silently rewrite what a person ate last month.
 *
 * Safety of the data comes first: the file is created mode 0600 before
 * SQLite opens it, the file is marked with an application id and a format
 * number so that cramplab never writes into a file it does not own or does
 * not understand, and every change is one IMMEDIATE transaction.
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

#include "cramplab/case.h"
#include "cramplab/history.h"
#include "error.h"
#include "intake_internal.h"
#include "textfold.h"
#include "util.h"

/* 'ClH1': marks the file as a cramplab history (PRAGMA application_id). */
#define HISTORY_APP_ID 0x436C4831
#define HISTORY_FORMAT 1
#define MAX_TEXT_BYTES 500  /* a note */
#define MAX_NAME_BYTES 40   /* a muscle */
#define MAX_MINUTES 240.0   /* a cramp lasting hours is not a cramp: see a clinician */

static const char SCHEMA[] =
	"CREATE TABLE day(date TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL,"
	" added TEXT NOT NULL);"
	"CREATE TABLE entry(date TEXT NOT NULL, seq INTEGER NOT NULL, line TEXT NOT NULL,"
	" ndb TEXT NOT NULL, name TEXT, grams REAL, supplement INTEGER NOT NULL,"
	" amounts TEXT NOT NULL, PRIMARY KEY(date, seq)) WITHOUT ROWID;"
	"CREATE TABLE cramp(id INTEGER PRIMARY KEY, date TEXT NOT NULL, time TEXT, muscle TEXT,"
	" side TEXT, severity INTEGER, minutes REAL, context TEXT NOT NULL, note TEXT,"
	" added TEXT NOT NULL);"
	"CREATE INDEX cramp_by_date ON cramp(date);";

struct cl_history {
	sqlite3 *db;
	char *path;
};

static const char *const context_names[] = {"unknown", "night", "exercise", "rest"};

const char *cl_cramp_context_name(cl_cramp_context c)
{
	return (unsigned)c < 4 ? context_names[c] : "unknown";
}

int cl_cramp_context_parse(cl_cramp_context *out, const char *name)
{
	for (int i = 1; name && i < 4; i++)
		if (strcmp(name, context_names[i]) == 0) {
			*out = (cl_cramp_context)i;
			return CL_OK;
		}
	return cl_error_set(CL_EINVAL, "context: expected night, exercise or rest, not '%s'",
			    name ? name : "");
}

cl_cramp_episode cl_cramp_episode_init(void)
{
	cl_cramp_episode e;
	memset(&e, 0, sizeof(e));
	e.severity = -1;
	e.minutes = NAN;
	return e;
}

static int db_error(cl_history *h, const char *what)
{
	return cl_error_set(CL_EDB, "%s: %s: %s", h->path, what, sqlite3_errmsg(h->db));
}

static int exec(cl_history *h, const char *sql, const char *what)
{
	return sqlite3_exec(h->db, sql, NULL, NULL, NULL) == SQLITE_OK ? CL_OK : db_error(h, what);
}

static int prepare(cl_history *h, sqlite3_stmt **st, const char *sql)
{
	return sqlite3_prepare_v2(h->db, sql, -1, st, NULL) == SQLITE_OK
		       ? CL_OK
		       : db_error(h, "reading the history");
}

/* One integer from a pragma or count query. */
static int query_int(cl_history *h, const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(h, &st, sql);
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = db_error(h, "reading the history");
	sqlite3_finalize(st);
	return rc;
}

/* Create the file mode 0600 before SQLite does (it would use the umask). */
static int create_private(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0)
		return S_ISREG(sb.st_mode)
			       ? CL_OK
			       : cl_error_set(CL_EINVAL, "%s: not a regular file", path);
	if (errno != ENOENT)
		return cl_error_set(CL_EIO, "%s: %s", path, strerror(errno));
	int rc = cl_make_parent_dir(path);
	if (rc)
		return rc;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return cl_error_set(CL_EIO, "cannot create %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return CL_OK;
}

int cl_history_open(cl_history **out, const char *path)
{
	cl_history *h = NULL;
	long long app = 0, format = 0, objects = 0;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return cl_error_set(CL_EINVAL, "no history file given");
	if ((rc = create_private(path)))
		return rc;
	if (!(h = calloc(1, sizeof(*h))) || !(h->path = strdup(path))) {
		free(h);
		return cl_error_oom();
	}
	if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = db_error(h, "opening the history");
		goto fail;
	}
	sqlite3_busy_timeout(h->db, 5000);
	if ((rc = query_int(h, "PRAGMA application_id", &app)) ||
	    (rc = query_int(h, "PRAGMA user_version", &format)) ||
	    (rc = query_int(h, "SELECT count(*) FROM sqlite_master", &objects))) {
		cl_error_set(CL_EDB, "%s: not a cramplab history file (%s)", path,
			     sqlite3_errmsg(h->db));
		goto fail;
	}
	if (app == 0 && objects == 0) {
		/* A new (empty) file: give it the schema and the marks at once. */
		char marks[96];
		snprintf(marks, sizeof(marks), "PRAGMA application_id=%d; PRAGMA user_version=%d;",
			 HISTORY_APP_ID, HISTORY_FORMAT);
		if ((rc = exec(h, "BEGIN IMMEDIATE", "creating the history")) ||
		    (rc = exec(h, SCHEMA, "creating the history")) ||
		    (rc = exec(h, marks, "creating the history")) ||
		    (rc = exec(h, "COMMIT", "creating the history"))) {
			sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
	} else if (app != HISTORY_APP_ID) {
		rc = cl_error_set(CL_EDB, "%s: not a cramplab history file: refusing to change it",
				  path);
		goto fail;
	} else if (format > HISTORY_FORMAT) {
		rc = cl_error_set(CL_EDB,
				  "%s: written by a newer cramplab (format %lld, this one reads %d)",
				  path, format, HISTORY_FORMAT);
		goto fail;
	}
	*out = h;
	return CL_OK;
fail:
	cl_history_close(h);
	return rc;
}

void cl_history_close(cl_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

static void utc_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "unknown");
}

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

/* What an entry supplied, as {key: amount} of the amounts known. */
static char *amounts_json(const cl_intake_entry *e)
{
	json_t *o = json_object();
	char *text = NULL;
	if (!o)
		return NULL;
	for (int n = 0; n < CL_NUTRIENT_COUNT; n++) {
		double v = cl_intake_entry_amount(e, (cl_nutrient)n);
		if (isfinite(v) && json_object_set_new(o, cl_nutrient_get((cl_nutrient)n)->key,
						       json_real(v)))
			goto done;
	}
	/* Into a buffer of our own, freed with free(): json_dumps()'s comes
	 * from jansson's allocator, which a program may have replaced. */
	const size_t flags = JSON_COMPACT | JSON_SORT_KEYS;
	size_t len = json_dumpb(o, NULL, 0, flags);
	if (len && (text = malloc(len + 1)) && json_dumpb(o, text, len, flags) == len)
		text[len] = '\0';
	else {
		free(text);
		text = NULL;
	}
done:
	json_decref(o);
	return text;
}

static int store_day(cl_history *h, sqlite3_stmt *ins_day, sqlite3_stmt *ins_entry,
		     const cl_intake *in, const cl_intake_day *d, const char *added)
{
	sqlite3_reset(ins_day);
	bind_text(ins_day, 1, d->date);
	bind_text(ins_day, 2, in->source);
	bind_text(ins_day, 3, cl_intake_format_name(in->format));
	bind_text(ins_day, 4, added);
	if (sqlite3_step(ins_day) != SQLITE_DONE)
		return db_error(h, "storing a day");
	for (size_t i = 0; i < d->nentries; i++) {
		const cl_intake_entry *e = &d->entries[i];
		char *amounts = amounts_json(e);
		if (!amounts)
			return cl_error_oom();
		sqlite3_reset(ins_entry);
		bind_text(ins_entry, 1, d->date);
		sqlite3_bind_int64(ins_entry, 2, (sqlite3_int64)i + 1);
		bind_text(ins_entry, 3, e->line ? e->line : "");
		bind_text(ins_entry, 4, e->ndb);
		bind_text(ins_entry, 5, e->name);
		if (isfinite(e->grams))
			sqlite3_bind_double(ins_entry, 6, e->grams);
		else
			sqlite3_bind_null(ins_entry, 6);
		sqlite3_bind_int(ins_entry, 7, e->supplement);
		bind_text(ins_entry, 8, amounts);
		int step = sqlite3_step(ins_entry);
		free(amounts);
		if (step != SQLITE_DONE)
			return db_error(h, "storing an entry");
	}
	return CL_OK;
}

int cl_history_add_intake(cl_history *h, const cl_intake *in, bool replace, size_t *added,
			  size_t *replaced)
{
	sqlite3_stmt *exists = NULL, *del_day = NULL, *del_entries = NULL, *ins_day = NULL,
		     *ins_entry = NULL;
	cl_buf taken = {0};
	size_t nadded = 0, nreplaced = 0, ntaken = 0;
	char now[32];
	int rc;

	if (added)
		*added = 0;
	if (replaced)
		*replaced = 0;
	if (!h || !in)
		return cl_error_set(CL_EINVAL, "history: nothing to add");
	utc_now(now, sizeof(now));
	if ((rc = exec(h, "BEGIN IMMEDIATE", "storing days")))
		return rc;
	if ((rc = prepare(h, &exists, "SELECT 1 FROM day WHERE date = ?")) ||
	    (rc = prepare(h, &del_day, "DELETE FROM day WHERE date = ?")) ||
	    (rc = prepare(h, &del_entries, "DELETE FROM entry WHERE date = ?")) ||
	    (rc = prepare(h, &ins_day, "INSERT INTO day(date, source, format, added)"
				       " VALUES(?,?,?,?)")) ||
	    (rc = prepare(h, &ins_entry, "INSERT INTO entry(date, seq, line, ndb, name, grams,"
					 " supplement, amounts) VALUES(?,?,?,?,?,?,?,?)")))
		goto cleanup;
	for (size_t i = 0; i < in->ndays; i++) {
		const cl_intake_day *d = &in->days[i];
		sqlite3_reset(exists);
		bind_text(exists, 1, d->date);
		int step = sqlite3_step(exists);
		if (step == SQLITE_ROW && !replace) {
			/* Name every day in the way, so one retry is enough. */
			if (cl_buf_printf(&taken, "%s%s", ntaken ? ", " : "", d->date)) {
				rc = cl_error_oom();
				goto cleanup;
			}
			ntaken++;
			continue;
		}
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			rc = db_error(h, "reading the history");
			goto cleanup;
		}
		if (step == SQLITE_ROW) {
			sqlite3_reset(del_day);
			sqlite3_reset(del_entries);
			bind_text(del_day, 1, d->date);
			bind_text(del_entries, 1, d->date);
			if (sqlite3_step(del_entries) != SQLITE_DONE ||
			    sqlite3_step(del_day) != SQLITE_DONE) {
				rc = db_error(h, "replacing a day");
				goto cleanup;
			}
			nreplaced++;
		} else {
			nadded++;
		}
		if (!ntaken && (rc = store_day(h, ins_day, ins_entry, in, d, now)))
			goto cleanup;
	}
	if (ntaken) {
		rc = cl_error_set(CL_EINVAL,
				  "%s: %zu day%s already in the history, nothing stored: %s; "
				  "replace %s with --replace",
				  in->source, ntaken, ntaken == 1 ? " is" : "s are", taken.data,
				  ntaken == 1 ? "it" : "them");
		goto cleanup;
	}
	rc = exec(h, "COMMIT", "storing days");
cleanup:
	sqlite3_finalize(exists);
	sqlite3_finalize(del_day);
	sqlite3_finalize(del_entries);
	sqlite3_finalize(ins_day);
	sqlite3_finalize(ins_entry);
	cl_buf_free(&taken);
	if (rc) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if (added)
		*added = nadded;
	if (replaced)
		*replaced = nreplaced;
	return CL_OK;
}

static bool time_valid(const char *t)
{
	return strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' &&
	       t[1] <= '9' && (t[0] < '2' || t[1] <= '3') && t[3] >= '0' && t[3] <= '5' &&
	       t[4] >= '0' && t[4] <= '9';
}

static int check_text(const char *s, size_t max, const char *field)
{
	if (!s)
		return CL_OK;
	size_t len = strlen(s);
	if (len == 0 || len > max)
		return cl_error_set(CL_EINVAL, "%s: expected 1 to %zu bytes of text", field, max);
	if (!cl_utf8_valid(s, (long)len))
		return cl_error_set(CL_EINVAL, "%s: not valid UTF-8 text", field);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			return cl_error_set(CL_EINVAL, "%s: control characters are not allowed", field);
	return CL_OK;
}

static int validate_cramp(const cl_cramp_episode *e)
{
	int rc;
	if (!cl_date_valid(e->date, strlen(e->date)))
		return cl_error_set(CL_EINVAL, "date: expected a real date YYYY-MM-DD, not '%s'",
				    e->date);
	if (e->time[0] && !time_valid(e->time))
		return cl_error_set(CL_EINVAL, "time: expected HH:MM (00:00-23:59), not '%s'",
				    e->time);
	if (e->side && strcmp(e->side, "left") && strcmp(e->side, "right") &&
	    strcmp(e->side, "both"))
		return cl_error_set(CL_EINVAL, "side: expected left, right or both, not '%s'",
				    e->side);
	if (e->severity != -1 && (e->severity < 0 || e->severity > 10))
		return cl_error_set(CL_EINVAL, "severity: expected 0 (none) to 10 (worst), not %d",
				    e->severity);
	if (!isnan(e->minutes) && !(e->minutes > 0 && e->minutes <= MAX_MINUTES))
		return cl_error_set(CL_EINVAL,
				    "minutes: expected more than 0 and at most %.0f (a cramp lasting "
				    "longer needs a clinician, not a diary)",
				    MAX_MINUTES);
	if ((unsigned)e->context > CL_CRAMP_REST)
		return cl_error_set(CL_EINVAL, "context: expected night, exercise or rest");
	if ((rc = check_text(e->muscle, MAX_NAME_BYTES, "muscle")) ||
	    (rc = check_text(e->note, MAX_TEXT_BYTES, "note")))
		return rc;
	return CL_OK;
}

int cl_history_add_cramp(cl_history *h, const cl_cramp_episode *e, long long *id)
{
	sqlite3_stmt *st = NULL;
	char now[32], muscle[MAX_NAME_BYTES + 1] = "";
	int rc;

	if (!h || !e)
		return cl_error_set(CL_EINVAL, "history: no cramp episode given");
	if ((rc = validate_cramp(e)))
		return rc;
	/* "Hamstring" and "hamstring" are one muscle in a summary. */
	if (e->muscle) {
		snprintf(muscle, sizeof(muscle), "%s", e->muscle);
		for (char *p = muscle; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	utc_now(now, sizeof(now));
	if ((rc = prepare(h, &st, "INSERT INTO cramp(date, time, muscle, side, severity, minutes,"
				  " context, note, added) VALUES(?,?,?,?,?,?,?,?,?)")))
		return rc;
	bind_text(st, 1, e->date);
	bind_text(st, 2, e->time[0] ? e->time : NULL);
	bind_text(st, 3, e->muscle ? muscle : NULL);
	bind_text(st, 4, e->side);
	if (e->severity >= 0)
		sqlite3_bind_int(st, 5, e->severity);
	if (!isnan(e->minutes))
		sqlite3_bind_double(st, 6, e->minutes);
	bind_text(st, 7, cl_cramp_context_name(e->context));
	bind_text(st, 8, e->note);
	bind_text(st, 9, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(h, "storing a cramp episode");
	else if (id)
		*id = sqlite3_last_insert_rowid(h->db);
	sqlite3_finalize(st);
	return rc;
}

static int delete_where(cl_history *h, const char *const *sql, size_t nsql, const char *text,
			long long number, const char *what)
{
	int rc = exec(h, "BEGIN IMMEDIATE", "deleting");
	int changed = 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < nsql && !rc; i++) {
		sqlite3_stmt *st = NULL;
		if ((rc = prepare(h, &st, sql[i])))
			break;
		if (text)
			bind_text(st, 1, text);
		else
			sqlite3_bind_int64(st, 1, number);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_error(h, "deleting");
		changed += sqlite3_changes(h->db);
		sqlite3_finalize(st);
	}
	if (!rc && !changed)
		rc = text ? cl_error_set(CL_ENOTFOUND, "no %s %s in the history", what, text)
			  : cl_error_set(CL_ENOTFOUND, "no %s %lld in the history", what, number);
	if (rc) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return exec(h, "COMMIT", "deleting");
}

int cl_history_delete_day(cl_history *h, const char *date)
{
	static const char *const sql[] = {"DELETE FROM entry WHERE date = ?",
					  "DELETE FROM day WHERE date = ?"};
	if (!h || !date || !cl_date_valid(date, strlen(date)))
		return cl_error_set(CL_EINVAL, "expected a real date YYYY-MM-DD");
	return delete_where(h, sql, 2, date, 0, "day");
}

int cl_history_delete_cramp(cl_history *h, long long id)
{
	static const char *const sql[] = {"DELETE FROM cramp WHERE id = ?"};
	if (!h || id <= 0)
		return cl_error_set(CL_EINVAL, "expected a cramp episode number (1 or more)");
	return delete_where(h, sql, 1, NULL, id, "cramp episode");
}

/* --- reading: days with totals, episodes, periods --------------------- */

/* Days since 1970-01-01 of a valid YYYY-MM-DD (proleptic Gregorian). */
static long days_of(const char *date)
{
	long y = strtol(date, NULL, 10), m = strtol(date + 5, NULL, 10),
	     d = strtol(date + 8, NULL, 10);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void date_of(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	/* Clamped only to show the compiler the field widths: valid dates are
	 * 1900-2199, and a period reaches back at most 520 weeks. */
	int yy = (int)(y < 0 ? 0 : y > 9999 ? 9999 : y), mm = (int)(m < 1 ? 1 : m > 12 ? 12 : m),
	    dd = (int)(d < 1 ? 1 : d > 31 ? 31 : d);
	snprintf(out, 11, "%04d-%02d-%02d", yy, mm, dd);
}

static int check_bound(const char *date, const char *what)
{
	if (date && !cl_date_valid(date, strlen(date)))
		return cl_error_set(CL_EINVAL, "%s: expected a real date YYYY-MM-DD, not '%s'", what,
				    date);
	return CL_OK;
}

/* Per-day totals of the stable keys from the stored entries. */
struct day_totals {
	double total[CL_NUTRIENT_COUNT];
	unsigned known[CL_NUTRIENT_COUNT], missing[CL_NUTRIENT_COUNT];
	size_t entries;
};

static int day_totals(cl_history *h, const char *date, struct day_totals *t)
{
	sqlite3_stmt *st = NULL;
	int rc, step;
	memset(t, 0, sizeof(*t));
	if ((rc = prepare(h, &st, "SELECT amounts FROM entry WHERE date = ? ORDER BY seq")))
		return rc;
	bind_text(st, 1, date);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		json_error_t err;
		json_t *a = json_loads((const char *)sqlite3_column_text(st, 0), 0, &err);
		if (!json_is_object(a)) {
			json_decref(a);
			rc = cl_error_set(CL_EDB, "%s: day %s: stored amounts are damaged (%s)",
					  h->path, date, err.text);
			break;
		}
		for (size_t k = 0; k < cl_intake_nkeys; k++) {
			cl_nutrient n = cl_intake_keys[k];
			json_t *v = json_object_get(a, cl_nutrient_get(n)->key);
			if (json_is_number(v)) {
				t->total[n] += json_number_value(v);
				t->known[n]++;
			} else {
				t->missing[n]++;
			}
		}
		t->entries++;
		json_decref(a);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(h, "reading a day");
	sqlite3_finalize(st);
	return rc;
}

static json_t *number_or_null(double v, bool known)
{
	return known ? json_real(v) : json_null();
}

static json_t *text_or_null(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? json_string((const char *)s) : json_null();
}

/* Appends the days from..to to `days` ({"date", ..., "totals", "missing"}). */
static int list_days(cl_history *h, const char *from, const char *to, json_t *days)
{
	sqlite3_stmt *st = NULL;
	int rc, step;
	if ((rc = prepare(h, &st, "SELECT date, source, format, added FROM day WHERE date >= ?"
				  " AND date <= ? ORDER BY date")))
		return rc;
	bind_text(st, 1, from ? from : "0000-00-00");
	bind_text(st, 2, to ? to : "9999-99-99");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(st, 0);
		struct day_totals t;
		if ((rc = day_totals(h, date, &t)))
			break;
		json_t *totals = json_object(), *missing = json_object();
		json_t *d = json_pack("{s:s, s:o, s:o, s:o, s:I, s:o, s:o}", "date", date, "source",
				      text_or_null(st, 1), "format", text_or_null(st, 2), "added",
				      text_or_null(st, 3), "entries", (json_int_t)t.entries,
				      "totals", totals, "missing", missing);
		if (!d || json_array_append_new(days, d)) {
			rc = cl_error_oom();
			break;
		}
		for (size_t k = 0; k < cl_intake_nkeys; k++) {
			cl_nutrient n = cl_intake_keys[k];
			const char *key = cl_nutrient_get(n)->key;
			if (json_object_set_new(totals, key, number_or_null(t.total[n], t.known[n])) ||
			    json_object_set_new(missing, key, json_integer(t.missing[n]))) {
				rc = cl_error_oom();
				break;
			}
		}
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(h, "reading days");
	sqlite3_finalize(st);
	return rc;
}

static int list_cramps(cl_history *h, const char *from, const char *to, json_t *cramps)
{
	sqlite3_stmt *st = NULL;
	int rc, step;
	if ((rc = prepare(h, &st, "SELECT id, date, time, muscle, side, severity, minutes, context,"
				  " note FROM cramp WHERE date >= ? AND date <= ?"
				  " ORDER BY date, time IS NOT NULL, time, id")))
		return rc;
	bind_text(st, 1, from ? from : "0000-00-00");
	bind_text(st, 2, to ? to : "9999-99-99");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *c = json_pack(
			"{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
			(json_int_t)sqlite3_column_int64(st, 0), "date", text_or_null(st, 1), "time",
			text_or_null(st, 2), "muscle", text_or_null(st, 3), "side",
			text_or_null(st, 4), "severity",
			sqlite3_column_type(st, 5) == SQLITE_NULL
				? json_null()
				: json_integer(sqlite3_column_int(st, 5)),
			"minutes",
			sqlite3_column_type(st, 6) == SQLITE_NULL
				? json_null()
				: json_real(sqlite3_column_double(st, 6)),
			"context", text_or_null(st, 7), "note", text_or_null(st, 8));
		if (!c || json_array_append_new(cramps, c)) {
			rc = cl_error_oom();
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(h, "reading cramp episodes");
	sqlite3_finalize(st);
	return rc;
}

int cl_history_list(json_t **out, cl_history *h, const char *from, const char *to)
{
	json_t *days = json_array(), *cramps = json_array(), *doc;
	int rc;
	*out = NULL;
	if (!h)
		return cl_error_set(CL_EINVAL, "history: not open");
	if ((rc = check_bound(from, "from")) || (rc = check_bound(to, "to")))
		goto fail;
	doc = json_pack("{s:O, s:O}", "days", days, "cramps", cramps);
	if (!doc) {
		rc = cl_error_oom();
		goto fail;
	}
	if ((rc = list_days(h, from, to, days)) || (rc = list_cramps(h, from, to, cramps))) {
		json_decref(doc);
		goto fail;
	}
	*out = doc;
fail:
	json_decref(days);
	json_decref(cramps);
	return rc;
}

/* The period: from..to, or `weeks` weeks ending on to (default: the latest date stored). */
static int period(cl_history *h, const char *from, const char *to, int weeks, char f[11],
		  char t[11])
{
	int rc;
	if ((rc = check_bound(from, "from")) || (rc = check_bound(to, "to")))
		return rc;
	if (!from && (weeks < 1 || weeks > 520))
		return cl_error_set(CL_EINVAL, "weeks: expected 1 to 520, not %d", weeks);
	if (to) {
		snprintf(t, 11, "%s", to);
	} else {
		sqlite3_stmt *st = NULL;
		if ((rc = prepare(h, &st, "SELECT max(d) FROM (SELECT max(date) AS d FROM day"
					  " UNION ALL SELECT max(date) FROM cramp)")))
			return rc;
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = db_error(h, "reading the history");
		} else if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
			rc = cl_error_set(CL_ENOTFOUND, "%s: the history is empty", h->path);
		} else {
			snprintf(t, 11, "%s", (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		if (rc)
			return rc;
	}
	if (from)
		snprintf(f, 11, "%s", from);
	else
		date_of(days_of(t) - 7L * weeks + 1, f);
	if (strcmp(f, t) > 0)
		return cl_error_set(CL_EINVAL, "from (%s) is after to (%s)", f, t);
	return CL_OK;
}

struct cramp_stats {
	long episodes, by_context[4], severities, earliest_day;
	double severity_sum, per_week;
	json_t *muscles;
};

static int cramp_stats(cl_history *h, const char *f, const char *t, struct cramp_stats *s)
{
	sqlite3_stmt *st = NULL;
	int rc, step;
	memset(s, 0, sizeof(*s));
	if (!(s->muscles = json_object()))
		return cl_error_oom();
	if ((rc = prepare(h, &st, "SELECT context, severity, muscle FROM cramp"
				  " WHERE date >= ? AND date <= ?")))
		return rc;
	bind_text(st, 1, f);
	bind_text(st, 2, t);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		cl_cramp_context c = CL_CRAMP_UNKNOWN;
		const char *ctx = (const char *)sqlite3_column_text(st, 0);
		if (ctx && cl_cramp_context_parse(&c, ctx) != CL_OK)
			c = CL_CRAMP_UNKNOWN;
		s->episodes++;
		s->by_context[c]++;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			s->severities++;
			s->severity_sum += sqlite3_column_int(st, 1);
		}
		const char *m = (const char *)sqlite3_column_text(st, 2);
		const char *key = m ? m : "not said";
		json_int_t n = json_integer_value(json_object_get(s->muscles, key));
		if (json_object_set_new(s->muscles, key, json_integer(n + 1))) {
			rc = cl_error_oom();
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(h, "reading cramp episodes");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	s->per_week = (double)s->episodes * 7.0 / (double)(days_of(t) - days_of(f) + 1);
	/* How long cramps have been going on: from the first episode ever stored. */
	long long first = -1;
	if ((rc = prepare(h, &st, "SELECT min(date) FROM cramp WHERE date <= ?")))
		return rc;
	bind_text(st, 1, t);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		first = days_of((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	s->earliest_day = (long)first;
	return CL_OK;
}

static int summarise(json_t **out, cl_history *h, const char *f, const char *t,
		     struct cramp_stats *cs)
{
	json_t *days = json_array(), *mean = json_object(), *known = json_object(), *doc = NULL;
	int rc;
	*out = NULL;
	if (!days || !mean || !known) {
		rc = cl_error_oom();
		goto done;
	}
	if ((rc = list_days(h, f, t, days)) || (rc = cramp_stats(h, f, t, cs)))
		goto done;
	for (size_t k = 0; k < cl_intake_nkeys; k++) {
		const char *key = cl_nutrient_get(cl_intake_keys[k])->key;
		double sum = 0;
		json_int_t n = 0;
		size_t i;
		json_t *d;
		/* As cl_intake_mean(): over the days whose total is known. */
		json_array_foreach(days, i, d)
		{
			json_t *v = json_object_get(json_object_get(d, "totals"), key);
			if (json_is_number(v)) {
				sum += json_number_value(v);
				n++;
			}
		}
		if (json_object_set_new(mean, key, n ? json_real(sum / (double)n) : json_null()) ||
		    json_object_set_new(known, key, json_integer(n))) {
			rc = cl_error_oom();
			goto done;
		}
	}
	json_t *cramps = json_pack(
		"{s:I, s:f, s:I, s:I, s:I, s:I, s:o, s:O}", "episodes", (json_int_t)cs->episodes,
		"per_week", cs->per_week, "night", (json_int_t)cs->by_context[CL_CRAMP_NIGHT],
		"exercise", (json_int_t)cs->by_context[CL_CRAMP_EXERCISE], "rest",
		(json_int_t)cs->by_context[CL_CRAMP_REST], "unknown",
		(json_int_t)cs->by_context[CL_CRAMP_UNKNOWN], "mean_severity",
		cs->severities ? json_real(cs->severity_sum / (double)cs->severities) : json_null(),
		"muscles", cs->muscles);
	doc = json_pack("{s:s, s:s, s:f, s:I, s:o, s:o, s:o}", "from", f, "to", t, "weeks",
			(double)(days_of(t) - days_of(f) + 1) / 7.0, "days",
			(json_int_t)json_array_size(days), "mean", mean, "days_known", known,
			"cramps", cramps);
	mean = known = NULL; /* stolen by json_pack, even when it fails */
	if (!doc) {
		rc = cl_error_oom();
		goto done;
	}
	*out = doc;
done:
	json_decref(days);
	json_decref(mean);
	json_decref(known);
	return rc;
}

int cl_history_summary(json_t **out, cl_history *h, const char *from, const char *to, int weeks)
{
	char f[11], t[11];
	struct cramp_stats cs = {0};
	int rc;
	*out = NULL;
	if (!h)
		return cl_error_set(CL_EINVAL, "history: not open");
	if ((rc = period(h, from, to, weeks, f, t)))
		return rc;
	rc = summarise(out, h, f, t, &cs);
	json_decref(cs.muscles);
	return rc;
}

/* The period's days as a case diary of exact lines. */
static int case_diary(cl_history *h, const char *f, const char *t, json_t *diary)
{
	sqlite3_stmt *days = NULL, *entries = NULL;
	int rc, step;
	if ((rc = prepare(h, &days, "SELECT date, format, source FROM day WHERE date >= ?"
				    " AND date <= ? ORDER BY date")) ||
	    (rc = prepare(h, &entries, "SELECT ndb, grams, supplement, line FROM entry"
				       " WHERE date = ? ORDER BY seq")))
		goto done;
	bind_text(days, 1, f);
	bind_text(days, 2, t);
	while ((step = sqlite3_step(days)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(days, 0);
		const char *format = (const char *)sqlite3_column_text(days, 1);
		if (strcmp(format, "diary") != 0 && strcmp(format, "json") != 0) {
			rc = cl_error_set(CL_EINVAL,
					  "day %s came from a %s export (%s): its rows name no USDA "
					  "food a diary line can give; leave it out with --from/--to",
					  date, format, (const char *)sqlite3_column_text(days, 2));
			goto done;
		}
		json_t *foods = json_array();
		if (!foods || json_array_append_new(diary, json_pack("{s:s, s:o}", "date", date,
								      "foods", foods))) {
			rc = cl_error_oom();
			goto done;
		}
		sqlite3_reset(entries);
		bind_text(entries, 1, date);
		while ((step = sqlite3_step(entries)) == SQLITE_ROW) {
			const char *ndb = (const char *)sqlite3_column_text(entries, 0);
			char line[CL_DIARY_MAX_LINE + 1];
			if (ndb && *ndb && sqlite3_column_type(entries, 1) != SQLITE_NULL)
				snprintf(line, sizeof(line), "ndb:%s %.10g g", ndb,
					 sqlite3_column_double(entries, 1));
			else /* a supplement line, read again as written */
				snprintf(line, sizeof(line), "%s",
					 (const char *)sqlite3_column_text(entries, 3));
			if (json_array_append_new(foods, json_string(line))) {
				rc = cl_error_oom();
				goto done;
			}
		}
		if (step != SQLITE_DONE) {
			rc = db_error(h, "reading a day");
			goto done;
		}
	}
	if (step != SQLITE_DONE)
		rc = db_error(h, "reading days");
done:
	sqlite3_finalize(days);
	sqlite3_finalize(entries);
	return rc;
}

int cl_history_case(json_t **out, cl_history *h, const json_t *base, const char *from,
		    const char *to, int weeks)
{
	char f[11], t[11];
	struct cramp_stats cs = {0};
	json_t *doc = NULL, *diary = NULL, *symptoms;
	int rc;

	*out = NULL;
	if (!h)
		return cl_error_set(CL_EINVAL, "history: not open");
	if (!json_is_object(base))
		return cl_error_set(CL_EINVAL, "the base case must be a JSON object");
	if (json_object_get(base, "diary"))
		return cl_error_set(CL_EINVAL, "the base case has a \"diary\": the history gives "
					       "it, so remove it from the base");
	symptoms = json_object_get(base, "symptoms");
	if (symptoms && !json_is_object(symptoms))
		return cl_error_set(CL_EINVAL, "symptoms: expected an object");
	if ((rc = period(h, from, to, weeks, f, t)) || (rc = cramp_stats(h, f, t, &cs)))
		goto done;
	if (!(doc = json_deep_copy(base)) || !(diary = json_array())) {
		rc = cl_error_oom();
		goto done;
	}
	if ((rc = case_diary(h, f, t, diary)))
		goto done;
	if (json_array_size(diary) && json_object_set(doc, "diary", diary)) {
		rc = cl_error_oom();
		goto done;
	}
	if (cs.episodes) {
		json_t *sym = json_object_get(doc, "symptoms");
		if (!sym && (json_object_set_new(doc, "symptoms", json_object()) ||
			     !(sym = json_object_get(doc, "symptoms")))) {
			rc = cl_error_oom();
			goto done;
		}
		/* One decimal, as a person would say it; the summary keeps the exact figure. */
		double per_week = round(cs.per_week * 10.0) / 10.0;
		int err = json_object_set_new(sym, "cramps", json_true()) |
			  json_object_set_new(sym, "cramps_per_week", json_real(per_week));
		if (cs.by_context[CL_CRAMP_NIGHT])
			err |= json_object_set_new(sym, "nocturnal", json_true());
		if (cs.by_context[CL_CRAMP_EXERCISE])
			err |= json_object_set_new(sym, "during_exercise", json_true());
		if (cs.earliest_day >= 0 && !json_object_get(sym, "duration_days"))
			err |= json_object_set_new(
				sym, "duration_days",
				json_integer((json_int_t)(days_of(t) - cs.earliest_day + 1)));
		if (err) {
			rc = cl_error_oom();
			goto done;
		}
	}
	*out = doc;
	doc = NULL;
done:
	json_decref(doc);
	json_decref(diary);
	json_decref(cs.muscles);
	return rc;
}

/*
 * Food search at scale: a generated database of 1,000,000 food names, built
 * through the same writer and search index code as a real import, and the
 * same queries as bench_search.  Target (issue 2): p99 <= 10 ms.
 *
 * The names are recombinations of real SR24 names: the 7,879 real foods
 * (with their nutrients and measures) plus ~992,000 names that keep a real
 * food's head and mix in comma segments of other foods of the same group
 * ("Beef, chuck, ..., cooked, braised" + "Beef, ..., choice, raw"), so the
 * vocabulary, word frequencies and name shapes are those of SR.  The file is
 * generated once (about a minute) and reused.
 * Usage: bench_search_scale [DB1M] [ROUNDS]  (default build/bench/foods-1m.db)
 */
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "bench_search.h"
#include "cramplab/common.h"
#include "foodwrite.h"

#define TARGET_FOODS 1000000

static unsigned long long rng = 88172645463325252ULL;
static size_t rnd(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % n);
}

/* The comma segments of a name ("Beef", " chuck", " raw"), commas in
 * parentheses kept. */
static int segments(const char *name, const char **seg, size_t *len, int max)
{
	int n = 0, depth = 0;
	const char *start = name;
	for (const char *p = name;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		if ((*p == ',' && depth == 0) || !*p) {
			if (n < max) {
				seg[n] = start;
				len[n++] = (size_t)(p - start);
			}
			if (!*p)
				break;
			start = p + 1;
		}
	}
	return n;
}

static int generate(const char *src_path, const char *path)
{
	cl_fooddb *src = NULL;
	cl_foodwriter *w = NULL;
	cl_food **foods = NULL;
	sqlite3_stmt *st = NULL;
	size_t nfoods = 0, cap = 0;
	int rc = CL_EFAIL;
	double t0 = now_us();

	if (cl_fooddb_open(&src, src_path)) {
		fprintf(stderr, "bench_search_scale: %s\n", cl_error_last());
		return -1;
	}
	sqlite3 *sdb = cl_fooddb_sqlite(src);
	if ((rc = cl_foodwriter_begin(&w, path, "generated: SR24 recombined to 1,000,000 names")))
		goto done;
	sqlite3_prepare_v2(sdb, "SELECT code, name FROM food_group", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		if ((rc = cl_foodwriter_group(w, (const char *)sqlite3_column_text(st, 0),
					      (const char *)sqlite3_column_text(st, 1))))
			goto done;
	sqlite3_finalize(st);
	sqlite3_prepare_v2(sdb, "SELECT ndb FROM food ORDER BY id", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nfoods == cap) {
			cap = cap ? cap * 2 : 8192;
			cl_food **g = realloc(foods, cap * sizeof(*g));
			if (!g)
				goto done;
			foods = g;
		}
		if ((rc = cl_food_get(&foods[nfoods], src, (const char *)sqlite3_column_text(st, 0))))
			goto done;
		if ((rc = cl_foodwriter_food(w, foods[nfoods++])))
			goto done;
	}
	printf("generating %d names from %zu real foods ...\n", TARGET_FOODS, nfoods);
	fflush(stdout);
	for (size_t i = 0; nfoods + i < TARGET_FOODS; i++) {
		const cl_food *a = foods[rnd(nfoods)], *b = NULL;
		for (int tries = 0; tries < 50 && !b; tries++) {
			const cl_food *x = foods[rnd(nfoods)];
			if (strcmp(x->group_code, a->group_code) == 0 && x != a)
				b = x;
		}
		if (!b)
			b = foods[rnd(nfoods)];
		const char *sa[32], *sb[32];
		size_t la[32], lb[32];
		int na = segments(a->name, sa, la, 32), nb = segments(b->name, sb, lb, 32);
		char name[1024];
		size_t len = (size_t)snprintf(name, sizeof(name), "%.*s", (int)la[0], sa[0]);
		/* keep each of a's later segments with p = 2/3, then add 1-2 of b's */
		for (int k = 1; k < na && len < 700; k++)
			if (rnd(3))
				len += (size_t)snprintf(name + len, sizeof(name) - len, ",%.*s", (int)la[k],
							sa[k]);
		for (int extra = 1 + (int)rnd(2); extra > 0 && nb > 1 && len < 700; extra--) {
			int k = 1 + (int)rnd((size_t)nb - 1);
			len += (size_t)snprintf(name + len, sizeof(name) - len, ",%.*s", (int)lb[k], sb[k]);
		}
		cl_food f = {0};
		snprintf(f.ndb, sizeof(f.ndb), "%07zu", (size_t)1000000 + i);
		f.name = name;
		memcpy(f.group_code, a->group_code, sizeof(f.group_code));
		for (int k = 0; k < CL_NUTRIENT_COUNT; k++)
			f.per_100g[k] = NAN;
		if (i % 4 == 0) { /* some are described with measures, most are not */
			f.measures = a->measures;
			f.nmeasures = a->nmeasures;
		}
		if ((rc = cl_foodwriter_food(w, &f)))
			goto done;
	}
	printf("  foods written in %.1f s; building the index ...\n", (now_us() - t0) / 1e6);
	fflush(stdout);
	rc = cl_foodwriter_commit(w);
	w = NULL;
	if (rc == CL_OK)
		printf("  database with index done in %.1f s\n", (now_us() - t0) / 1e6);
done:
	if (rc)
		fprintf(stderr, "bench_search_scale: %s\n", cl_error_last());
	sqlite3_finalize(st);
	cl_foodwriter_abort(w);
	for (size_t i = 0; i < nfoods; i++)
		cl_food_free(foods[i]);
	free(foods);
	cl_fooddb_close(src);
	return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "build/bench/foods-1m.db";
	const char *src = getenv("CRAMPLAB_DB");
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	queries qs = {0};
	cl_fooddb *db = NULL;
	struct stat sb;
	int status = 1;

	if (!src || !*src)
		src = "build/foods.db";
	mkdir("build/bench", 0755);
	if (stat(path, &sb) != 0 && generate(src, path))
		return 1;
	if (rounds < 1 || load_queries(&qs, "tests/data/search.test", "bench/search_heldout.tsv"))
		goto done;
	if (cl_fooddb_open(&db, path)) {
		fprintf(stderr, "bench_search_scale: cannot open %s: %s\n", path, cl_error_last());
		goto done;
	}
	size_t n = 0;
	const char *source = "";
	cl_fooddb_info(db, &n, &source);
	printf("%s: %zu foods (%s)\n", path, n, source);
	double cpu_p99, p99 = time_queries(db, &qs, rounds, path, &cpu_p99);
	if (p99 < 0)
		goto done;
	printf("  target p99 <= 10000 us: cpu %s, wall %s\n", cpu_p99 <= 10000 ? "met" : "NOT MET",
	       p99 <= 10000 ? "met" : "NOT MET");
	status = 0;
done:
	cl_fooddb_close(db);
	free_queries(&qs);
	return status;
}

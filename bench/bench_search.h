/*
 * Shared by the food search benchmarks: the queries (every case of
 * tests/data/search.test and every held-out query), and timing of
 * cl_food_search over them with p50/p99/max.
 */
#ifndef BENCH_SEARCH_H
#define BENCH_SEARCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cramplab/fooddb.h"

typedef struct {
	char **q;
	size_t n, cap;
} queries;

static int add_query(queries *qs, const char *q, size_t len)
{
	if (qs->n == qs->cap) {
		size_t ncap = qs->cap ? qs->cap * 2 : 256;
		char **g = realloc(qs->q, ncap * sizeof(*g));
		if (!g)
			return -1;
		qs->q = g;
		qs->cap = ncap;
	}
	if (!(qs->q[qs->n] = strndup(q, len)))
		return -1;
	qs->n++;
	return 0;
}

/* "args: food search 'QUERY' --limit 5 --json" lines, and held-out "QUERY<TAB>..." lines. */
static int load_queries(queries *qs, const char *test_file, const char *heldout_file)
{
	char line[4096];
	FILE *f = fopen(test_file, "r");
	if (!f) {
		fprintf(stderr, "bench: cannot read %s\n", test_file);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		const char *p = strstr(line, "args: food search '");
		char *end;
		if (p != line || !(end = strstr(line, "' --limit 5 --json")))
			continue;
		p += strlen("args: food search '");
		if (add_query(qs, p, (size_t)(end - p)))
			goto oom;
	}
	fclose(f);
	if (!(f = fopen(heldout_file, "r"))) {
		fprintf(stderr, "bench: cannot read %s\n", heldout_file);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		if (add_query(qs, line, (size_t)(tab - line)))
			goto oom;
	}
	fclose(f);
	return 0;
oom:
	fclose(f);
	fprintf(stderr, "bench: out of memory\n");
	return -1;
}

static void free_queries(queries *qs)
{
	for (size_t i = 0; i < qs->n; i++)
		free(qs->q[i]);
	free(qs->q);
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* CPU time of this thread: what a search costs when the machine is shared
 * (2 cores, other jobs running), without the time spent descheduled. */
static double cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Runs every query `rounds` times (after one warm-up round); prints the
 * latency distribution (wall clock and thread CPU time) and the slowest
 * query.  Returns the wall-clock p99 in µs, or -1. */
static double time_queries(cl_fooddb *db, const queries *qs, int rounds, const char *label,
			   double *cpu_p99)
{
	size_t total = qs->n * (size_t)rounds, k = 0;
	double *t = malloc(total * sizeof(*t)), *c = malloc(total * sizeof(*c)), worst = 0;
	const char *worst_q = "";
	if (!t || !c) {
		free(t);
		free(c);
		return -1;
	}
	for (int r = -1; r < rounds; r++) {
		for (size_t i = 0; i < qs->n; i++) {
			cl_food_hits hits;
			double t0 = now_us(), c0 = cpu_us();
			int rc = cl_food_search(&hits, db, qs->q[i], 10);
			double dt = now_us() - t0, dc = cpu_us() - c0;
			cl_food_hits_free(&hits);
			if (rc) {
				fprintf(stderr, "bench: search '%s' failed (%d)\n", qs->q[i], rc);
				free(t);
				free(c);
				return -1;
			}
			if (r < 0)
				continue; /* warm-up: page cache and SQLite cache */
			c[k] = dc;
			t[k++] = dt;
			if (dt > worst) {
				worst = dt;
				worst_q = qs->q[i];
			}
		}
	}
	qsort(t, total, sizeof(*t), cmp_double);
	qsort(c, total, sizeof(*c), cmp_double);
	double p99 = t[(size_t)(total * 0.99)], cp99 = c[(size_t)(total * 0.99)], mean = 0;
	for (size_t i = 0; i < total; i++)
		mean += t[i];
	mean /= (double)total;
	printf("%s: %zu queries x %d rounds = %zu searches\n", label, qs->n, rounds, total);
	printf("  wall: p50 %.0f us   p99 %.0f us   mean %.0f us   max %.0f us ('%s')\n",
	       t[total / 2], p99, mean, t[total - 1], worst_q);
	printf("  cpu:  p50 %.0f us   p99 %.0f us   max %.0f us\n", c[total / 2], cp99,
	       c[total - 1]);
	*cpu_p99 = cp99;
	free(t);
	free(c);
	return p99;
}

#endif

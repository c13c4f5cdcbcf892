/*
 * Diary reading speed: a generated 200,000-line diary (10,000 days of 20
 * lines) read by cl_intake_read_text().  Two diaries are timed: one that
 * repeats a set of 40 typical lines (as real diaries do), and one in which
 * nearly every line is distinct ("137 g salmon", "3 medium bananas", ...),
 * which misses the per-line cache and leans on the per-food-text cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cramplab/diary.h"
#include "cramplab/intake.h"
#include "util.h"

#define DAYS 10000
#define LINES_PER_DAY 20

static const char *const typical[] = {
	"2 medium bananas", "1 large egg", "3 Large Eggs", "2 slices whole wheat bread",
	"1 container plain yogurt", "10 grapes", "1 can tuna", "250 ml orange juice",
	"coffee, 2 cups", "1 cup cooked spinach", "ndb:09040 118 g", "a glass of orange juice",
	"a handful of almonds", "1 cup water", "500 ml water", "1 tbsp olive oil",
	"150g salmon", "1 cup broccoli", "1 apple", "1 cup blueberries", "half an avocado",
	"1 oz cheddar cheese", "1 cup brown rice", "ndb:15076 150 g", "ndb:11457 180 g",
	"2 carrots", "1 kiwi", "1 orange", "1 cup strawberries", "100 g tofu",
	"ndb:16070 1 cup", "1 cup pineapple", "1 peach", "1 pear", "1 cup cauliflower",
	"1 cup kale", "2 tbsp peanut butter", "1 oz walnuts", "1 cup watermelon", "2 plums",
};
static const char *const varying[] = {"%d g salmon", "ndb:09040 %d g", "%d ml orange juice",
				      "%d g spinach", "%d g tofu", "%d g broccoli"};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int make_diary(cl_buf *b, int distinct)
{
	size_t nt = sizeof(typical) / sizeof(typical[0]);
	unsigned seed = 12345;
	for (int d = 0; d < DAYS; d++) {
		int y = 2000 + d / 336, m = 1 + (d / 28) % 12, day = 1 + d % 28;
		if (cl_buf_printf(b, "%04d-%02d-%02d\n", y, m, day))
			return -1;
		for (int i = 0; i < LINES_PER_DAY - 1; i++) {
			seed = seed * 1103515245u + 12345u;
			int r = (int)((seed >> 8) % 100000);
			int rc = distinct ? cl_buf_printf(b, varying[r % 6], 1 + r % 997)
					  : cl_buf_printf(b, "%s", typical[r % nt]);
			if (rc || cl_buf_append(b, "\n", 1))
				return -1;
		}
	}
	return 0;
}

static int run(cl_parser *parser, int distinct)
{
	cl_buf b = {0};
	cl_intake *in = NULL;
	if (make_diary(&b, distinct)) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	double t0 = now();
	int rc = cl_intake_read_text(&in, NULL, parser, b.data, b.len, "bench");
	double t1 = now();
	if (rc) {
		fprintf(stderr, "bench: %s\n", cl_error_last());
		cl_buf_free(&b);
		return 1;
	}
	size_t entries = 0;
	for (size_t i = 0; i < in->ndays; i++)
		entries += in->days[i].nentries;
	printf("diary %-34s %d lines (%zu days, %zu foods, %.1f MB): %.3f s, %.0f lines/s\n",
	       distinct ? "(nearly every line distinct)" : "(40 typical lines repeated)",
	       DAYS * LINES_PER_DAY, in->ndays, entries, (double)b.len / 1e6, t1 - t0,
	       DAYS * LINES_PER_DAY / (t1 - t0));
	cl_intake_free(in);
	cl_buf_free(&b);
	return 0;
}

int main(void)
{
	const char *path = getenv("CRAMPLAB_DB");
	cl_fooddb *db = NULL;
	int rc = 1;
	for (int distinct = 0; distinct < 2; distinct++) {
		cl_parser *parser = NULL; /* a fresh parser: its caches start empty */
		if (cl_fooddb_open(&db, path ? path : "build/foods.db") ||
		    cl_parser_new(&parser, db)) {
			fprintf(stderr, "bench: %s\n", cl_error_last());
			cl_fooddb_close(db);
			return 1;
		}
		rc = run(parser, distinct);
		cl_parser_free(parser);
		cl_fooddb_close(db);
		db = NULL;
		if (rc)
			break;
	}
	return rc;
}

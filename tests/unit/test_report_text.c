/*
 * The text report from a document made for it: `cramplab assess` without
 * --json or --html asks cl_assess_with() for no intake.per_day (the text
 * does not print it), so for every example case and vignette the text
 * rendered from that document must be the text rendered from the whole
 * one, byte for byte, and only the day-by-day intake may be missing.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/assess.h"

static cl_assessor *assessor;

static int setup(void **state)
{
	(void)state;
	const char *db = getenv("CRAMPLAB_DB");
	return cl_assessor_open(&assessor, "../data", db ? db : "../build/foods.db");
}

static int teardown(void **state)
{
	(void)state;
	cl_assessor_close(assessor);
	return 0;
}

/* Assesses path both ways; 1 if its text was compared, 0 if the case is refused. */
static int same_text(const char *path, size_t *with_days)
{
	cl_case *k = NULL;
	json_t *full = NULL, *lean = NULL;
	char *a = NULL, *b = NULL;

	if (cl_case_load(&k, path) != CL_OK)
		return 0;
	int rc = cl_assess(&full, assessor, k);
	assert_int_equal(cl_assess_with(&lean, assessor, k, CL_ASSESS_NO_PER_DAY), rc);
	if (rc) {
		cl_case_free(k);
		return 0;
	}
	json_t *in = json_object_get(full, "intake");
	*with_days += json_object_get(in, "per_day") != NULL;
	assert_null(json_object_get(json_object_get(lean, "intake"), "per_day"));
	/* Nothing else differs. */
	json_object_del(in, "per_day");
	assert_true(json_equal(full, lean));
	assert_int_equal(cl_report_text(&a, full), CL_OK);
	assert_int_equal(cl_report_text(&b, lean), CL_OK);
	assert_string_equal(a, b);
	free(a);
	free(b);
	json_decref(full);
	json_decref(lean);
	cl_case_free(k);
	return 1;
}

static void text_without_per_day_is_the_same(void **state)
{
	(void)state;
	static const char *const dirs[] = {"../examples", "data/vignettes"};
	size_t compared = 0, with_days = 0;
	for (size_t i = 0; i < 2; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		assert_non_null(d);
		while ((e = readdir(d))) {
			char path[600];
			size_t len = strlen(e->d_name);
			if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[i], e->d_name);
			compared += (size_t)same_text(path, &with_days);
		}
		closedir(d);
	}
	/* The cases were read, and some had a diary whose days were left out. */
	assert_true(compared >= 40);
	assert_true(with_days > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_without_per_day_is_the_same),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

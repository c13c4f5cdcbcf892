/*
 * The history library without the food database: bad arguments are refused
 * with a message and change nothing, episodes round-trip, periods are
 * counted in calendar days, and a case keeps its base.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cramplab/history.h"

static char path[256];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "test_history_%ld.db", (long)getpid());
	unlink(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static cl_history *open_fresh(void)
{
	cl_history *h = NULL;
	unlink(path);
	assert_int_equal(cl_history_open(&h, path), CL_OK);
	return h;
}

static void created_private(void **state)
{
	(void)state;
	struct stat sb;
	cl_history *h = open_fresh();
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	cl_history_close(h);
	assert_int_equal(cl_history_open(&h, ""), CL_EINVAL);
	assert_null(h);
	assert_int_equal(cl_history_open(&h, NULL), CL_EINVAL);
}

static void episodes_validated(void **state)
{
	(void)state;
	cl_history *h = open_fresh();
	cl_cramp_episode e = cl_cramp_episode_init();
	long long id = 0;

	assert_int_equal(e.severity, -1);
	assert_true(isnan(e.minutes));
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL); /* no date */
	assert_non_null(strstr(cl_error_last(), "date"));
	strcpy(e.date, "2026-11-20");
	e.severity = -2;
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	e.severity = 10;
	e.minutes = INFINITY;
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	e.minutes = 240.5;
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	e.minutes = 2;
	e.context = (cl_cramp_context)7;
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	e.context = CL_CRAMP_NIGHT;
	e.muscle = "";
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	e.muscle = "calf\nhamstring";
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	e.muscle = "CALF";
	strcpy(e.time, "9:30");
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_EINVAL);
	strcpy(e.time, "23:59");
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_OK);
	assert_int_equal(id, 1);

	json_t *doc = NULL;
	assert_int_equal(cl_history_list(&doc, h, NULL, NULL), CL_OK);
	json_t *c = json_array_get(json_object_get(doc, "cramps"), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "cramps")), 1); /* failures stored nothing */
	assert_string_equal(json_string_value(json_object_get(c, "muscle")), "calf");
	assert_string_equal(json_string_value(json_object_get(c, "time")), "23:59");
	assert_string_equal(json_string_value(json_object_get(c, "context")), "night");
	assert_int_equal(json_integer_value(json_object_get(c, "severity")), 10);
	assert_true(json_is_null(json_object_get(c, "side")));
	json_decref(doc);
	cl_history_close(h);
}

static void context_names(void **state)
{
	(void)state;
	cl_cramp_context c = CL_CRAMP_UNKNOWN;
	assert_int_equal(cl_cramp_context_parse(&c, "exercise"), CL_OK);
	assert_int_equal(c, CL_CRAMP_EXERCISE);
	assert_string_equal(cl_cramp_context_name(c), "exercise");
	assert_int_equal(cl_cramp_context_parse(&c, "unknown"), CL_EINVAL);
	assert_int_equal(cl_cramp_context_parse(&c, NULL), CL_EINVAL);
	assert_string_equal(cl_cramp_context_name((cl_cramp_context)99), "unknown");
}

static void periods(void **state)
{
	(void)state;
	cl_history *h = open_fresh();
	json_t *doc = NULL;
	cl_cramp_episode e = cl_cramp_episode_init();

	assert_int_equal(cl_history_summary(&doc, h, NULL, NULL, 4), CL_ENOTFOUND);
	assert_null(doc);
	strcpy(e.date, "2024-02-29");
	assert_int_equal(cl_history_add_cramp(h, &e, NULL), CL_OK);
	strcpy(e.date, "2024-03-06");
	assert_int_equal(cl_history_add_cramp(h, &e, NULL), CL_OK);
	/* 1 week ending on the last episode: 2024-02-29 .. 2024-03-06 (leap day). */
	assert_int_equal(cl_history_summary(&doc, h, NULL, NULL, 1), CL_OK);
	assert_string_equal(json_string_value(json_object_get(doc, "from")), "2024-02-29");
	assert_string_equal(json_string_value(json_object_get(doc, "to")), "2024-03-06");
	json_t *c = json_object_get(doc, "cramps");
	assert_int_equal(json_integer_value(json_object_get(c, "episodes")), 2);
	assert_true(fabs(json_real_value(json_object_get(c, "per_week")) - 2.0) < 1e-12);
	assert_int_equal(json_integer_value(json_object_get(c, "unknown")), 2);
	assert_true(json_is_null(json_object_get(c, "mean_severity")));
	json_decref(doc);
	/* Across a year's end, and bounds checked. */
	assert_int_equal(cl_history_summary(&doc, h, NULL, "2025-01-03", 1), CL_OK);
	assert_string_equal(json_string_value(json_object_get(doc, "from")), "2024-12-28");
	json_decref(doc);
	assert_int_equal(cl_history_summary(&doc, h, NULL, NULL, 0), CL_EINVAL);
	assert_int_equal(cl_history_summary(&doc, h, NULL, NULL, 521), CL_EINVAL);
	assert_int_equal(cl_history_summary(&doc, h, "2024-13-01", NULL, 4), CL_EINVAL);
	assert_int_equal(cl_history_list(&doc, h, NULL, "2024-02-30"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "to: expected a real date"));
	assert_int_equal(cl_history_summary(&doc, h, "2024-03-07", "2024-03-06", 4), CL_EINVAL);
	assert_null(doc);
	cl_history_close(h);
}

static void deleting(void **state)
{
	(void)state;
	cl_history *h = open_fresh();
	cl_cramp_episode e = cl_cramp_episode_init();
	long long id = 0;
	strcpy(e.date, "2026-01-01");
	assert_int_equal(cl_history_add_cramp(h, &e, &id), CL_OK);
	assert_int_equal(cl_history_delete_cramp(h, 0), CL_EINVAL);
	assert_int_equal(cl_history_delete_cramp(h, id + 1), CL_ENOTFOUND);
	assert_int_equal(cl_history_delete_cramp(h, id), CL_OK);
	assert_int_equal(cl_history_delete_cramp(h, id), CL_ENOTFOUND);
	assert_int_equal(cl_history_delete_day(h, "2026-01-01"), CL_ENOTFOUND);
	assert_int_equal(cl_history_delete_day(h, "yesterday"), CL_EINVAL);
	assert_int_equal(cl_history_add_intake(h, NULL, false, NULL, NULL), CL_EINVAL);
	cl_history_close(h);
}

static void cases(void **state)
{
	(void)state;
	cl_history *h = open_fresh();
	cl_cramp_episode e = cl_cramp_episode_init();
	json_t *doc = NULL, *base = json_pack("{s:{s:i, s:s}, s:{s:b, s:i}}", "profile", "age", 40,
					      "sex", "male", "symptoms", "weakness", 1,
					      "duration_days", 90);
	json_t *with_diary = json_pack("{s:[]}", "diary"), *bad_sym = json_pack("{s:i}", "symptoms", 3);
	assert_non_null(base);
	strcpy(e.date, "2026-05-10");
	e.context = CL_CRAMP_EXERCISE;
	assert_int_equal(cl_history_add_cramp(h, &e, NULL), CL_OK);

	assert_int_equal(cl_history_case(&doc, h, with_diary, NULL, NULL, 4), CL_EINVAL);
	assert_int_equal(cl_history_case(&doc, h, bad_sym, NULL, NULL, 4), CL_EINVAL);
	assert_int_equal(cl_history_case(&doc, h, NULL, NULL, NULL, 4), CL_EINVAL);
	assert_int_equal(cl_history_case(&doc, h, base, NULL, NULL, 1), CL_OK);
	json_t *s = json_object_get(doc, "symptoms");
	assert_true(json_is_true(json_object_get(s, "weakness")));
	assert_true(json_is_true(json_object_get(s, "cramps")));
	assert_true(json_is_true(json_object_get(s, "during_exercise")));
	assert_null(json_object_get(s, "nocturnal"));
	/* 1 episode in 1 week; the base's own duration is kept. */
	assert_true(fabs(json_number_value(json_object_get(s, "cramps_per_week")) - 1.0) < 1e-12);
	assert_int_equal(json_integer_value(json_object_get(s, "duration_days")), 90);
	assert_null(json_object_get(doc, "diary")); /* no days stored: no diary */
	/* the base is not changed */
	assert_null(json_object_get(json_object_get(base, "symptoms"), "cramps"));
	json_decref(doc);
	json_decref(base);
	json_decref(with_diary);
	json_decref(bad_sym);
	cl_history_close(h);
}

static void not_a_history(void **state)
{
	(void)state;
	cl_history *h = NULL;
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("SQLite format 3 but not really, just text pretending to be a database file\n", f);
	fclose(f);
	assert_int_equal(cl_history_open(&h, path), CL_EDB);
	assert_null(h);
	assert_non_null(strstr(cl_error_last(), "not a cramplab history file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(created_private), cmocka_unit_test(episodes_validated),
		cmocka_unit_test(context_names),   cmocka_unit_test(periods),
		cmocka_unit_test(deleting),        cmocka_unit_test(cases),
		cmocka_unit_test(not_a_history),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

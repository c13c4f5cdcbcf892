/*
 * Unit tests for util.c's file reading (cl_read_file), which every data
 * file, case and diary goes through: exact bytes and a NUL after them for
 * regular files of any size, pipes read in steps, and the same errors as
 * before for a missing file, a directory and a file over the limit.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "util.h"

static char dir[] = "/tmp/cl_util_XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A file of n bytes, byte i being i * 7 % 251 (no NUL before the end). */
static char *make_file(const char *name, size_t n, char *path, size_t cap)
{
	char *want = malloc(n + 1);
	assert_non_null(want);
	for (size_t i = 0; i < n; i++)
		want[i] = (char)(1 + i * 7 % 251);
	snprintf(path, cap, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(want, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return want;
}

static void regular_files_exactly(void **state)
{
	(void)state;
	const size_t sizes[] = {0, 1, 255, 256, 4095, 65535, 65536, 65537, 300000};
	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		char path[256], *got = NULL;
		size_t len = 1;
		char *want = make_file("f", sizes[k], path, sizeof(path));
		assert_int_equal(cl_read_file(&got, &len, path, (size_t)1 << 20), CL_OK);
		assert_int_equal(len, sizes[k]);
		if (sizes[k])
			assert_memory_equal(got, want, sizes[k]);
		assert_int_equal(got[len], '\0');
		free(got);
		free(want);
	}
}

static void pipes_in_steps(void **state)
{
	(void)state;
	char path[256], cmd[1024], *got = NULL;
	size_t len = 0, n = 200000;
	char *want = make_file("src", n, path, sizeof(path));
	/* a FIFO has no size: read in doubling steps from 64 KB */
	char fifo[256];
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	snprintf(cmd, sizeof(cmd), "mkfifo %s && (cat %s > %s &)", fifo, path, fifo);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cl_read_file(&got, &len, fifo, (size_t)1 << 20), CL_OK);
	assert_int_equal(len, n);
	assert_memory_equal(got, want, n);
	assert_int_equal(got[len], '\0');
	free(got);
	free(want);
}

static void errors_as_before(void **state)
{
	(void)state;
	char path[256], *got = (char *)"x";
	size_t len = 9;
	snprintf(path, sizeof(path), "%s/none", dir);
	assert_int_equal(cl_read_file(&got, &len, path, 100), CL_ENOTFOUND);
	assert_null(got);
	assert_int_equal(len, 0);
	assert_non_null(strstr(cl_error_last(), "cannot open"));
	assert_non_null(strstr(cl_error_last(), "No such file or directory"));
	assert_int_equal(cl_read_file(&got, NULL, dir, 100), CL_EIO);
	assert_non_null(strstr(cl_error_last(), "cannot read"));
	assert_non_null(strstr(cl_error_last(), "Is a directory"));
	free(make_file("big", 101, path, sizeof(path)));
	assert_int_equal(cl_read_file(&got, &len, path, 100), CL_EINVAL);
	assert_null(got);
	char msg[300];
	snprintf(msg, sizeof(msg), "%s is larger than 100 bytes", path);
	assert_string_equal(cl_error_last(), msg);
	free(make_file("edge", 100, path, sizeof(path)));
	assert_int_equal(cl_read_file(&got, &len, path, 100), CL_OK);
	assert_int_equal(len, 100);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regular_files_exactly),
		cmocka_unit_test(pipes_in_steps),
		cmocka_unit_test(errors_as_before),
	};
	return cmocka_run_group_tests_name("util", tests, setup, teardown);
}

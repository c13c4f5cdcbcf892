/*
 * Unit tests for util.c's file reading (cl_read_file), which every data
 * file, case and diary goes through: exact bytes and a NUL after them for
 * regular files of any size, pipes read in steps, and the same errors as
 * before for a missing file, a directory and a file over the limit; and
 * cl_buf_printf, which formats most conversions itself, against vsnprintf;
 * and cl_array_room, the growing arrays' one place of arithmetic.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
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

/* A double with random bits of every kind: ordinary, tiny, huge, exact ties. */
static double random_real(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	uint64_t r = *seed;
	switch (r % 6) {
	case 0: { /* any bits */
		double v;
		uint64_t bits = r ^ (r << 29);
		memcpy(&v, &bits, sizeof(v));
		return v;
	}
	case 1: /* a tie at some precision: k / 2^j, or n + 0.5 */
		return (double)((int64_t)(r >> 20) % 200000) / (double)(1u << (r >> 8 & 7));
	case 2:
		return ((double)(r >> 11) / 9007199254740992.0 - 0.5) * 2000;
	case 3:
		return ((double)(r >> 11) / 9007199254740992.0) * pow(10, (int)(r % 40) - 20);
	case 4:
		return (double)((int64_t)(r >> 13) % 1000) / 100.0 + 0.005;
	default:
		return -((double)(r >> 11) / 9007199254740992.0) * pow(2, (int)(r % 200) - 60);
	}
}

static void printf_formats(void **state)
{
	(void)state;
	static const char *const ffmts[] = {"%.0f", "%.1f", "%.2f", "%.3f", "%.9f", "%f",
					    "%g", "%.4g", "%9.4g", "%-9.2f|", "%.0f%%", "%12.1f",
					    "%.17g", "%.10f"};
	uint64_t seed = 42;
	char want[2048];
	for (int i = 0; i < 50000; i++) {
		double v = i < 16 ? (double[]){0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.125, 1e300,
					       -1e300, INFINITY, -INFINITY, NAN, 1e-320, 2.675,
					       9.995, 0.045}[i]
				  : random_real(&seed);
		for (size_t k = 0; k < sizeof(ffmts) / sizeof(*ffmts); k++) {
			cl_buf b = {0};
			snprintf(want, sizeof(want), ffmts[k], v);
			assert_int_equal(cl_buf_printf(&b, ffmts[k], v), CL_OK);
			if (strcmp(b.data, want) != 0)
				fail_msg("%s of %a: '%s', printf '%s'", ffmts[k], v, b.data, want);
			cl_buf_free(&b);
		}
		for (int p = 0; p < 4; p++) {
			cl_buf b = {0};
			snprintf(want, sizeof(want), "a %.*f b", p, v);
			assert_int_equal(cl_buf_printf(&b, "a %.*f b", p, v), CL_OK);
			assert_string_equal(b.data, want);
			cl_buf_free(&b);
		}
	}
	/* Strings and integers, with widths and flags, and the conversions it
	 * leaves to vsnprintf. */
	cl_buf b = {0};
	assert_int_equal(cl_buf_printf(&b, "[%s|%-6s|%6s|%s|%%|%d|%d|%zu|%lld|%lld|%3d|%-4d]", "ab",
				       "cd", "ef", "", -2147483647 - 1, 7, (size_t)SIZE_MAX,
				       (long long)INT64_MIN, 0LL, 5, -3),
			 CL_OK);
	snprintf(want, sizeof(want), "[%s|%-6s|%6s|%s|%%|%d|%d|%zu|%lld|%lld|%3d|%-4d]", "ab", "cd",
		 "ef", "", -2147483647 - 1, 7, (size_t)SIZE_MAX, (long long)INT64_MIN, 0LL, 5, -3);
	assert_string_equal(b.data, want);
	assert_int_equal(cl_buf_printf(&b, "%05d %+.2f %x %.3s %c", 42, 1.005, 255u, "abcdef", 'q'),
			 CL_OK);
	assert_string_equal(b.data + strlen(want), "00042 +1.00 ff abc q");
	cl_buf_free(&b);
	/* Longer than the formatter's small buffer, and empty. */
	char big[1500];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(cl_buf_printf(&b, "%s%.2f", big, 1.0), CL_OK);
	assert_int_equal(b.len, sizeof(big) - 1 + 4);
	assert_int_equal(cl_buf_printf(&b, "%s", ""), CL_OK);
	assert_int_equal(b.len, sizeof(big) - 1 + 4);
	cl_buf_free(&b);
}

/* Room is given without a copy, growth doubles from `first`, and a byte
 * count that would overflow is refused with the array left as it was. */
static void array_room_grows_and_refuses(void **state)
{
	(void)state;
	size_t cap = 0, n = 0;
	int *a = NULL;
	for (int i = 0; i < 100; i++) {
		int *g = cl_array_room(a, &cap, n, sizeof(*g), 4);
		assert_non_null(g);
		a = g;
		a[n++] = i;
		assert_true(cap >= n);
	}
	assert_int_equal(cap, 128); /* 4, 8, 16, 32, 64, 128 */
	for (int i = 0; i < 100; i++)
		assert_int_equal(a[i], i);
	size_t before = cap;
	assert_ptr_equal(cl_array_room(a, &cap, 99, sizeof(*a), 4), a);
	assert_int_equal(cap, before);

	size_t huge_cap = SIZE_MAX / 2 + 1;
	assert_null(cl_array_room(a, &huge_cap, huge_cap, 1, 4));
	assert_int_equal(huge_cap, SIZE_MAX / 2 + 1);
	size_t small_cap = 128;
	assert_null(cl_array_room(a, &small_cap, 128, SIZE_MAX / 200, 4));
	assert_int_equal(small_cap, 128);
	assert_int_equal(a[99], 99); /* untouched */
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regular_files_exactly),
		cmocka_unit_test(pipes_in_steps),
		cmocka_unit_test(errors_as_before),
		cmocka_unit_test(printf_formats),
		cmocka_unit_test(array_room_grows_and_refuses),
	};
	return cmocka_run_group_tests_name("util", tests, setup, teardown);
}

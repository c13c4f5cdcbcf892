/*
 * libFuzzer harness: the SR ASCII import.  The input is split at lines
 * "@@@@" into FOOD_DES, NUTR_DEF, NUT_DATA, WEIGHT and FD_GROUP (in that
 * order; a file the input does not reach is absent), written to a private
 * directory in shared memory and imported.  An import must succeed or be
 * refused with a message, and a refused one must leave the last good
 * database in place.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cramplab/import.h"
#include "error.h"

static const char *const files[] = {"FOOD_DES.txt", "NUTR_DEF.txt", "NUT_DATA.txt",
				    "WEIGHT.txt", "FD_GROUP.txt"};
#define NFILES (sizeof(files) / sizeof(files[0]))

static char dir[64], db[96];

static void file_path(char *out, size_t len, size_t i)
{
	snprintf(out, len, "%s/%s", dir, files[i]);
}

static void cleanup_dir(void)
{
	char path[128];
	for (size_t i = 0; i < NFILES; i++) {
		file_path(path, sizeof(path), i);
		unlink(path);
	}
	unlink(db);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s", "/dev/shm/cramplab-fuzz-ascii-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof(db), "%s/foods.db", dir);
	atexit(cleanup_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct stat before, after;
	bool had_db = stat(db, &before) == 0;
	char path[128];

	for (size_t i = 0; i < NFILES; i++) {
		file_path(path, sizeof(path), i);
		unlink(path);
	}
	for (size_t i = 0; i < NFILES && p; i++) {
		const uint8_t *sep = NULL;
		for (const uint8_t *q = p; q + 6 <= end; q++)
			if (memcmp(q, "\n@@@@\n", 6) == 0) {
				sep = q;
				break;
			}
		const uint8_t *stop = sep ? sep + 1 : end; /* keep the line's newline */
		file_path(path, sizeof(path), i);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(p, 1, (size_t)(stop - p), f) != (size_t)(stop - p) || fclose(f))
			abort();
		p = sep ? sep + 6 : NULL;
	}
	cl_error_clear();
	size_t n = 0;
	/* No food rules: the stored food pool is not what this harness tests. */
	int rc = cl_import_sr_ascii(dir, db, NULL, NULL, NULL, &n);
	if (rc != CL_OK) {
		if (!cl_error_last()[0] || n != 0)
			abort();
		if (had_db && (stat(db, &after) != 0 || after.st_ino != before.st_ino))
			abort();
	}
	return 0;
}

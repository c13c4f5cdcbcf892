/*
 * libFuzzer harness: the whole SR24 jar import, zip handling included.
 * An input starting with "PK" is written as the jar itself, so libzip meets
 * damaged archives; any other input is split at lines "@@@@" into
 * foods.index, deprecated.index and then one XML file per part (named from
 * its uid attribute, or by its position), zipped, and imported into a
 * database in a private temporary directory.  An import must succeed or be
 * refused with a message, and a refused import must leave the database of
 * the last successful one in place.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "cramplab/import.h"
#include "error.h"

static char dir[64], jar[96], db[96];

static void cleanup_dir(void)
{
	char path[128];
	unlink(jar);
	unlink(db);
	snprintf(path, sizeof(path), "%s/foods.db-journal", dir);
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s", "/dev/shm/cramplab-fuzz-jar-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(jar, sizeof(jar), "%s/in.jar", dir);
	snprintf(db, sizeof(db), "%s/foods.db", dir);
	atexit(cleanup_dir);
	return 0;
}

static const uint8_t *find(const uint8_t *p, const uint8_t *end, const char *s)
{
	size_t n = strlen(s);
	for (; p + n <= end; p++)
		if (memcmp(p, s, n) == 0)
			return p;
	return NULL;
}

/* Adds data[0..len) as entry name; libzip copies nothing until zip_close. */
static int add(zip_t *z, const char *name, const uint8_t *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 0);
	if (!src)
		return -1;
	if (zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static int write_jar(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	int zerr = 0, part = 0;
	zip_t *z = zip_open(jar, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z)
		return -1;
	while (p <= end) {
		const uint8_t *sep = find(p, end, "\n@@@@\n");
		const uint8_t *stop = sep ? sep : end;
		char name[64];
		if (part == 0) {
			snprintf(name, sizeof(name), "usda_sr24/foods.index");
		} else if (part == 1) {
			snprintf(name, sizeof(name), "usda_sr24/deprecated.index");
		} else {
			const uint8_t *uid = find(p, stop, "uid=\"");
			if (uid && uid + 10 <= stop)
				snprintf(name, sizeof(name), "usda_sr24/%.5s.xml", (const char *)uid + 5);
			else
				snprintf(name, sizeof(name), "usda_sr24/%05d.xml", part);
		}
		if (add(z, name, p, (size_t)(stop - p)) != 0) {
			zip_discard(z);
			return -1;
		}
		part++;
		if (!sep)
			break;
		p = sep + 6;
	}
	return zip_close(z) == 0 ? 0 : (zip_discard(z), -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stat before, after;
	bool had_db = stat(db, &before) == 0;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		FILE *f = fopen(jar, "wb");
		if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
			abort();
	} else if (write_jar(data, size) != 0) {
		return 0; /* libzip refused the names: nothing to import */
	}
	cl_error_clear();
	size_t n = 0;
	/* No food rules: the stored food pool is not what this harness tests. */
	int rc = cl_import_sr24(jar, db, NULL, NULL, NULL, &n);
	if (rc == CL_OK) {
		if (stat(db, &after) != 0)
			abort();
	} else {
		if (!cl_error_last()[0] || n != 0)
			abort();
		/* The old database is still there, untouched. */
		if (had_db && (stat(db, &after) != 0 || after.st_ino != before.st_ino ||
			       after.st_mtime != before.st_mtime))
			abort();
	}
	return 0;
}

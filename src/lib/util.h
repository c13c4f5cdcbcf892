/*
 * Small helpers shared by the library's modules: strict number parsing
 * (plain decimal only: no hex, no inf/nan, no trailing junk), a growable
 * byte buffer and growing arrays, file reading with a size cap, loading a JSON file, and
 * creating a file's directories.
 */
#ifndef CL_UTIL_H
#define CL_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parse a plain decimal number ("12", "-0.5", "1.2e3"); false if anything else. */
bool cl_parse_decimal(const char *s, size_t len, double *out);

typedef struct {
	char *data;
	size_t len, cap;
} cl_buf;

/* Room for n more bytes and a terminating NUL (the buffer grows by doubling). */
int cl_buf_reserve(cl_buf *b, size_t n);
int cl_buf_append(cl_buf *b, const void *data, size_t len);
int cl_buf_printf(cl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cl_buf_free(cl_buf *b);

/* Room for one more item in an array of *cap slots of size bytes holding
 * count items: returns items itself while there is room, else the array
 * grown to twice its slots (first slots when it has none), or NULL, the
 * array untouched, when memory is short or the byte count would overflow.
 * The caller stores the result: `T *g = cl_array_room(a, &cap, n, sizeof(*g),
 * 16); if (!g) return cl_error_oom(); a = g;`. */
void *cl_array_room(void *items, size_t *cap, size_t count, size_t size, size_t first);

/* Read a whole file (NUL-terminated) of at most max_bytes. */
int cl_read_file(char **out, size_t *len, const char *path, size_t max_bytes);

/* FNV-1a, 64 bits, of len bytes: the key of a data file's cached forms. */
uint64_t cl_fnv1a(const void *data, size_t len);

/* FNV-1a continued from h (a value of cl_fnv1a or of this), for hashing
 * several pieces as one run of bytes. */
uint64_t cl_fnv1a_more(uint64_t h, const void *data, size_t len);

/* json_load_file() with the same result and error (line, column, text), but
 * the file is read in one go and parsed from memory: jansson reads a FILE
 * with one getc() per byte, a fifth of the knowledge base's parsing time.
 * The tree comes from the data snapshot when it holds these bytes. */
json_t *cl_json_load_path(const char *path, size_t flags, json_error_t *err);

/* json_loadb() of a data file's bytes, or the same tree rebuilt from the
 * data snapshot (jsonsnap.h) when it holds exactly those bytes.  fnv, when
 * not NULL, receives the bytes' FNV-1a (kept in the snapshot, so a file it
 * holds is not hashed). */
json_t *cl_json_load_data(const char *text, size_t len, size_t flags, json_error_t *err,
			  uint64_t *fnv);

/* Create the directories above path (mode 0700: they hold health data). */
int cl_make_parent_dir(const char *path);

#endif

/*
 * The codec shared by the compiled forms of the data files (imgio.c): one
 * function per field type, writing when io->out is set and reading
 * otherwise, each read bounds-checked; the first failure is kept in
 * io->rc and makes every later call do nothing.
 */
#ifndef CL_IMGIO_H
#define CL_IMGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "util.h"

struct imgio {
	cl_buf *out;                  /* writing, or NULL when reading */
	const unsigned char *p, *end; /* reading */
	int rc;                       /* CL_OK until something fails */
};

/* Inline, as the two below: each field asks. */
static inline bool imgio_reading(const struct imgio *io)
{
	return io->out == NULL;
}

void imgio_fail(struct imgio *io, int rc);

/*
 * Every image starts with an 8-byte magic naming what it holds and its total
 * length (u64): a snapshot cut short, or built for another table, is refused
 * before any field is read.  imgio_header_put() appends the magic and a
 * length of 0, imgio_header_seal() writes the buffer's final length there,
 * and imgio_header_check() is the reader's test (CL_EINVAL naming `what`).
 */
#define IMGIO_MAGIC_LEN 8
#define IMGIO_HEADER_LEN 16
int imgio_header_put(cl_buf *out, const char magic[IMGIO_MAGIC_LEN]);
void imgio_header_seal(cl_buf *out);
int imgio_header_check(const void *blob, size_t len, const char magic[IMGIO_MAGIC_LEN],
		       const char *what);
void imgio_bytes(struct imgio *io, void *data, size_t n);
void imgio_int(struct imgio *io, int *v, int lo, int hi);
void imgio_str_put(struct imgio *io, const char *s, bool optional);
void imgio_dup(struct imgio *io, char **s);
void imgio_chars(struct imgio *io, char *buf, size_t cap);
void *imgio_array(struct imgio *io, void *have, size_t n, size_t size);

/* Reading: the next n bytes, in place, or NULL (and the failure kept) if
 * fewer are left or an earlier call failed.  Inline: it runs for each of
 * some 10,000 fields at every start. */
static inline const unsigned char *imgio_take(struct imgio *io, size_t n)
{
	const unsigned char *p = io->p;
	if (io->rc)
		return NULL;
	if ((size_t)(io->end - io->p) < n) {
		imgio_fail(io, CL_EINVAL);
		return NULL;
	}
	io->p += n;
	return p;
}

/* n little-endian bytes (at most 8): decoded in place when reading, the
 * common case, which runs for each of some 10,000 fields at every start.
 * Eight bytes are written out, so that the compiler makes them one load on
 * little-endian machines.  Inline, as imgio_take. */
static inline void imgio_le(struct imgio *io, uint64_t *v, int n)
{
	unsigned char x[8];
	const unsigned char *p;

	if (io->rc)
		return;
	if (!imgio_reading(io)) {
		for (int i = 0; i < n; i++)
			x[i] = (unsigned char)(*v >> (8 * i));
		imgio_bytes(io, x, (size_t)n);
		return;
	}
	if (!(p = imgio_take(io, (size_t)n)))
		return;
	/* the three sizes used, spelt out: a loop over the bytes was a
	 * quarter of reading the knowledge base's image */
	if (n == 8) {
		*v = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
		     (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
		     (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
		return;
	}
	if (n == 4) {
		*v = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
		     (uint64_t)p[3] << 24;
		return;
	}
	if (n == 1) {
		*v = p[0];
		return;
	}
	*v = 0;
	for (int i = 0; i < n; i++)
		*v |= (uint64_t)p[i] << (8 * i);
}

/* The fields read most, inline for the same reason: some 6,000 of them
 * at every start of an assessment, each a call before. */
static inline void imgio_u64(struct imgio *io, uint64_t *v)
{
	imgio_le(io, v, 8);
}

static inline void imgio_u32(struct imgio *io, uint32_t *v)
{
	uint64_t u = *v;
	imgio_le(io, &u, 4);
	*v = (uint32_t)u;
}

static inline void imgio_f64(struct imgio *io, double *v)
{
	uint64_t bits = 0;
	if (!imgio_reading(io))
		memcpy(&bits, v, sizeof(bits));
	imgio_u64(io, &bits);
	if (imgio_reading(io) && !io->rc)
		memcpy(v, &bits, sizeof(bits));
}

static inline void imgio_bool(struct imgio *io, bool *v)
{
	uint64_t b = *v;
	imgio_le(io, &b, 1);
	if (imgio_reading(io) && !io->rc) {
		if (b > 1)
			imgio_fail(io, CL_EINVAL);
		*v = b == 1;
	}
}

/* A count of at most max. */
static inline void imgio_count(struct imgio *io, size_t *n, size_t max)
{
	uint64_t u = *n;
	imgio_le(io, &u, 4);
	if (imgio_reading(io) && !io->rc) {
		if (u > max)
			imgio_fail(io, CL_EINVAL);
		*n = (size_t)u;
	}
}

#define IMG_NONE 0xffffffffu /* a string's length for none */

/* A string, NULL allowed when optional; read in place: its bytes and its
 * NUL (one inside would only cut the string). */
static inline void imgio_str_opt(struct imgio *io, const char **s, bool optional)
{
	uint32_t n = 0;

	if (io->rc)
		return;
	if (!imgio_reading(io)) {
		imgio_str_put(io, *s, optional);
		return;
	}
	imgio_u32(io, &n);
	if (io->rc)
		return;
	if (n == IMG_NONE) {
		if (!optional)
			imgio_fail(io, CL_EINVAL);
		*s = NULL;
		return;
	}
	if ((size_t)(io->end - io->p) <= n || io->p[n] != '\0') {
		imgio_fail(io, CL_EINVAL);
		return;
	}
	*s = (const char *)io->p;
	io->p += (size_t)n + 1;
}

static inline void imgio_str(struct imgio *io, const char **s)
{
	imgio_str_opt(io, s, true);
}

static inline void imgio_req(struct imgio *io, const char **s)
{
	imgio_str_opt(io, s, false);
}

#endif

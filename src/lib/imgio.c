/*
 * The codec of the compiled data (kbimage.c, the food rules' image in
 * foodrules.c, the triage rules' in rules.c): little-endian numbers, strings with their NUL, counts with
 * a bound, in one set of functions that append a field when writing and
 * set it when reading, so that each table's writer is its reader.  Reading
 * checks every length against the end and stops at the first failure
 * (io->rc), after which every call does nothing.  The fields read most
 * are inline in imgio.h; here are the rest, and the writing of strings.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "imgio.h"


void imgio_fail(struct imgio *io, int rc)
{
	if (io->rc == CL_OK)
		io->rc = rc;
}

int imgio_header_put(cl_buf *out, const char magic[IMGIO_MAGIC_LEN])
{
	static const char zero[IMGIO_HEADER_LEN - IMGIO_MAGIC_LEN];
	int rc = cl_buf_append(out, magic, IMGIO_MAGIC_LEN);
	return rc ? rc : cl_buf_append(out, zero, sizeof(zero));
}

void imgio_header_seal(cl_buf *out)
{
	for (int i = 0; i < 8; i++)
		out->data[IMGIO_MAGIC_LEN + i] = (char)((uint64_t)out->len >> (8 * i));
}

int imgio_header_check(const void *blob, size_t len, const char magic[IMGIO_MAGIC_LEN],
		       const char *what)
{
	const unsigned char *b = blob;
	uint64_t total = 0;

	if (len < IMGIO_HEADER_LEN || memcmp(blob, magic, IMGIO_MAGIC_LEN) != 0)
		return cl_error_set(CL_EINVAL, "%s: not an image", what);
	for (int i = 0; i < 8; i++)
		total |= (uint64_t)b[IMGIO_MAGIC_LEN + i] << (8 * i);
	if (total != len)
		return cl_error_set(CL_EINVAL, "%s: %zu bytes, not as written", what, len);
	return CL_OK;
}

void imgio_bytes(struct imgio *io, void *data, size_t n)
{
	const unsigned char *p;
	if (io->rc)
		return;
	if (!imgio_reading(io))
		imgio_fail(io, cl_buf_append(io->out, data, n));
	else if ((p = imgio_take(io, n)))
		memcpy(data, p, n);
}

/* An int within [lo, hi]. */
void imgio_int(struct imgio *io, int *v, int lo, int hi)
{
	uint32_t u = (uint32_t)*v;
	imgio_u32(io, &u);
	if (imgio_reading(io) && !io->rc) {
		int x = (int)(int32_t)u;
		if (x < lo || x > hi)
			imgio_fail(io, CL_EINVAL);
		*v = x;
	}
}

/* Writing a string (imgio_str_opt() reads inline). */
void imgio_str_put(struct imgio *io, const char *s, bool optional)
{
	size_t len = s ? strlen(s) : 0;
	uint32_t n;

	if (io->rc)
		return;
	if (len >= IMG_NONE || (!s && !optional)) {
		imgio_fail(io, cl_error_set(CL_EINVAL, "knowledge-base image: a string %s",
					 s ? "too long" : "missing"));
		return;
	}
	n = s ? (uint32_t)len : IMG_NONE;
	imgio_u32(io, &n);
	if (s)
		imgio_bytes(io, (void *)s, (size_t)n + 1);
}

/* A string the table owns (strdup'd, as the loader does). */
void imgio_dup(struct imgio *io, char **s)
{
	const char *t = *s;
	imgio_req(io, &t);
	if (imgio_reading(io) && !io->rc && !(*s = strdup(t)))
		imgio_fail(io, CL_ENOMEM);
}

/* A fixed char array of cap bytes, NUL-terminated. */
void imgio_chars(struct imgio *io, char *buf, size_t cap)
{
	const char *t = buf;
	imgio_req(io, &t);
	if (imgio_reading(io) && !io->rc) {
		if (strlen(t) >= cap)
			imgio_fail(io, CL_EINVAL);
		else
			memcpy(buf, t, strlen(t) + 1);
	}
}

/* When reading, an array of n elements of size bytes (cleared); when
 * writing, nothing.  NULL for none, as the loader leaves it. */
void *imgio_array(struct imgio *io, void *have, size_t n, size_t size)
{
	void *a;
	if (!imgio_reading(io) || io->rc)
		return have;
	if (!n)
		return NULL;
	if (!(a = calloc(n, size)))
		imgio_fail(io, CL_ENOMEM);
	return a;
}


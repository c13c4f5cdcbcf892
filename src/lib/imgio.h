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

#include "util.h"

struct imgio {
	cl_buf *out;                  /* writing, or NULL when reading */
	const unsigned char *p, *end; /* reading */
	int rc;                       /* CL_OK until something fails */
};

bool imgio_reading(const struct imgio *io);
void imgio_fail(struct imgio *io, int rc);
void imgio_bytes(struct imgio *io, void *data, size_t n);
void imgio_le(struct imgio *io, uint64_t *v, int n);
void imgio_u64(struct imgio *io, uint64_t *v);
void imgio_u32(struct imgio *io, uint32_t *v);
void imgio_f64(struct imgio *io, double *v);
void imgio_bool(struct imgio *io, bool *v);
void imgio_int(struct imgio *io, int *v, int lo, int hi);
void imgio_count(struct imgio *io, size_t *n, size_t max);
void imgio_str_opt(struct imgio *io, const char **s, bool optional);
void imgio_str(struct imgio *io, const char **s);
void imgio_req(struct imgio *io, const char **s);
void imgio_dup(struct imgio *io, char **s);
void imgio_chars(struct imgio *io, char *buf, size_t cap);
void *imgio_array(struct imgio *io, void *have, size_t n, size_t size);

#endif

/*
 * Shared helpers.  Number parsing is strict on purpose: strtod() alone
 * accepts "inf", "nan", "0x1p3" and leading spaces, none of which belongs in
 * a nutrient table or a diary.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "jsonsnap.h"
#include "util.h"

bool cl_parse_decimal(const char *s, size_t len, double *out)
{
	char tmp[64];
	size_t i = 0;
	bool digits = false;

	if (len == 0 || len >= sizeof(tmp))
		return false;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits = true;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits = true;
	if (!digits)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		if (j < len && (s[j] == '-' || s[j] == '+'))
			j++;
		if (j >= len || s[j] < '0' || s[j] > '9')
			return false;
		while (j < len && s[j] >= '0' && s[j] <= '9')
			j++;
		i = j;
	}
	if (i != len)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	double v = strtod(tmp, NULL);
	if (errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
	return true;
}

int cl_buf_reserve(cl_buf *b, size_t n)
{
	if (n < b->cap - b->len)
		return CL_OK;
	size_t cap = b->cap ? b->cap : 256;
	while (n >= cap - b->len) {
		if (cap > SIZE_MAX / 2)
			return cl_error_oom();
		cap *= 2;
	}
	char *grown = realloc(b->data, cap);
	if (!grown)
		return cl_error_oom();
	b->data = grown;
	b->cap = cap;
	return CL_OK;
}

int cl_buf_append(cl_buf *b, const void *data, size_t len)
{
	int rc = cl_buf_reserve(b, len);
	if (rc)
		return rc;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return CL_OK;
}

/*
 * Whether fmt holds nothing but text and %s, %d, %zu, %lld and %%: such a
 * format is appended piece by piece without vsnprintf.  The text report
 * calls cl_buf_printf some 400 times for a week, and the C library's
 * formatter cost half a million instructions there, most of it for
 * formats of this kind.
 */
static bool plain_format(const char *fmt)
{
	for (const char *p = fmt; (p = strchr(p, '%'));) {
		p++;
		if (*p == 's' || *p == 'd' || *p == '%')
			p++;
		else if (p[0] == 'z' && p[1] == 'u')
			p += 2;
		else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd')
			p += 3;
		else
			return false;
	}
	return true;
}

/* Decimal digits of u, with a minus sign if neg, at the end of out[24]; where they start. */
static char *decimal(char *out, unsigned long long u, bool neg)
{
	char *at = out + 24;
	do
		*--at = (char)('0' + u % 10);
	while ((u /= 10));
	if (neg)
		*--at = '-';
	return at;
}

static int plain_printf(cl_buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	int rc = CL_OK;
	char digits[24];

	while (*fmt && rc == CL_OK) {
		const char *pct = strchr(fmt, '%');
		if (!pct) {
			rc = cl_buf_append(b, fmt, strlen(fmt));
			break;
		}
		if (pct > fmt && (rc = cl_buf_append(b, fmt, (size_t)(pct - fmt))))
			break;
		const char *piece;
		size_t len;
		fmt = pct + 1;
		if (*fmt == 's') {
			piece = va_arg(ap, const char *);
			if (!piece)
				piece = "(null)"; /* what glibc's printf writes */
			len = strlen(piece);
			fmt++;
		} else if (*fmt == '%') {
			piece = "%";
			len = 1;
			fmt++;
		} else {
			long long v;
			unsigned long long u;
			if (*fmt == 'd') {
				v = va_arg(ap, int);
				fmt++;
			} else if (*fmt == 'z') {
				size_t z = va_arg(ap, size_t);
				piece = decimal(digits, z, false);
				len = (size_t)(digits + sizeof(digits) - piece);
				fmt += 2;
				rc = cl_buf_append(b, piece, len);
				continue;
			} else {
				v = va_arg(ap, long long);
				fmt += 3;
			}
			u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			piece = decimal(digits, u, v < 0);
			len = (size_t)(digits + sizeof(digits) - piece);
		}
		rc = cl_buf_append(b, piece, len);
	}
	if (rc) { /* all or nothing, as the vsnprintf path */
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return rc;
}

int cl_buf_printf(cl_buf *b, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;

	if (plain_format(fmt)) {
		va_start(ap, fmt);
		n = plain_printf(b, fmt, ap);
		va_end(ap);
		return n;
	}
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return cl_error_set(CL_EFAIL, "formatting failed");
	if ((size_t)n < sizeof(small))
		return cl_buf_append(b, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (!big)
		return cl_error_oom();
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = cl_buf_append(b, big, (size_t)n);
	free(big);
	return rc;
}

void cl_buf_free(cl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/*
 * With open() and read() into one buffer of the file's size (and room to
 * see the end and for a NUL), not through stdio and a buffer grown and
 * copied from 64 KB reads: a command reads some ten data files at start,
 * and each cost some 16 thousand instructions.  A file of unknown size (a
 * pipe) or one that grows while read is read in doubling steps.
 */
int cl_read_file(char **out, size_t *len, const char *path, size_t max_bytes)
{
	struct stat st;
	char *data = NULL;
	size_t cap = 65536, used = 0;
	int fd, rc = CL_OK;

	*out = NULL;
	if (len)
		*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cl_error_set(errno == ENOENT ? CL_ENOTFOUND : CL_EIO, "cannot open %s: %s",
				    path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uintmax_t)st.st_size <= max_bytes)
		cap = (size_t)st.st_size + 2; /* a read that finds the end, and the NUL */
	if (!(data = malloc(cap))) {
		rc = cl_error_oom();
		goto done;
	}
	for (;;) {
		if (cap - used < 2) {
			char *grown = cap > SIZE_MAX / 2 ? NULL : realloc(data, cap * 2);
			if (!grown) {
				rc = cl_error_oom();
				goto done;
			}
			data = grown;
			cap *= 2;
		}
		ssize_t n = read(fd, data + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = cl_error_set(CL_EIO, "cannot read %s: %s", path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max_bytes) {
			rc = cl_error_set(CL_EINVAL, "%s is larger than %zu bytes", path, max_bytes);
			goto done;
		}
	}
	data[used] = '\0';
	*out = data;
	data = NULL;
	if (len)
		*len = used;
done:
	close(fd);
	free(data);
	return rc;
}

uint64_t cl_fnv1a_more(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

uint64_t cl_fnv1a(const void *data, size_t len)
{
	return cl_fnv1a_more(0xcbf29ce484222325u, data, len);
}

json_t *cl_json_load_data(const char *text, size_t len, size_t flags, json_error_t *err,
			  uint64_t *fnv)
{
	json_t *doc = cl_jsonsnap_find(text, len, flags, fnv);

	if (!doc) {
		if (fnv)
			*fnv = cl_fnv1a(text, len);
		return json_loadb(text, len, flags, err);
	}
	/* as json_loadb() leaves it after a success: some callers format it */
	if (err) {
		memset(err, 0, sizeof(*err));
		err->line = err->column = -1;
		err->position = len > INT_MAX ? INT_MAX : (int)len;
		snprintf(err->source, sizeof(err->source), "%s", "<buffer>");
	}
	return doc;
}

json_t *cl_json_load_path(const char *path, size_t flags, json_error_t *err)
{
	char *text;
	size_t len;
	json_t *doc;

	/* A file we cannot read whole (missing, unreadable, huge) goes to
	 * json_load_file() itself, which reports it in its own words. */
	if (cl_read_file(&text, &len, path, (size_t)64 << 20) != CL_OK)
		return json_load_file(path, flags, err);
	doc = cl_json_load_data(text, len, flags, err, NULL);
	free(text);
	return doc;
}

int cl_make_parent_dir(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return cl_error_oom();
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			int rc = cl_error_set(CL_EIO, "cannot create directory %s: %s", copy,
					      strerror(errno));
			free(copy);
			return rc;
		}
		*p = '/';
	}
	free(copy);
	return CL_OK;
}

/*
 * Shared helpers.  Number parsing is strict on purpose: strtod() alone
 * accepts "inf", "nan", "0x1p3" and leading spaces, none of which belongs in
 * a nutrient table or a diary.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "jsonout.h"
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

void *cl_array_room(void *items, size_t *cap, size_t count, size_t size, size_t first)
{
	if (count < *cap)
		return items;
	size_t ncap = *cap ? *cap : first;
	if (*cap && ncap > SIZE_MAX / 2)
		return NULL;
	if (*cap)
		ncap *= 2;
	if (size == 0 || ncap > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(items, ncap * size);
	if (grown)
		*cap = ncap;
	return grown;
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
 * cl_buf_printf() formats most conversions itself: the text report calls
 * it some 400 times for a week, and the C library's formatter cost 0.5 M
 * instructions there.  It takes %s, %d, %zu, %lld, %f and %g with a '-'
 * flag, a width and a precision (digits or *), and %%; a format with
 * anything else goes to vsnprintf whole.  Numbers come out as glibc's
 * printf writes them in the C locale (reals rounded half to even from
 * their exact binary value); a real it cannot do so (too large, infinite,
 * not a number) is formatted by snprintf alone, as are all reals when the
 * locale's decimal point is not '.'.
 */
struct spec {
	bool left;     /* '-' */
	int width;     /* -1: none */
	int precision; /* -1: none; -2: taken from the arguments ('*') */
	char conv;     /* 's', 'd', 'u' (%zu), 'L' (%lld), 'f', 'g', '%' */
};

/* Reads the conversion after a '%' into *sp; where it ends, or NULL if it
 * is one this does not take. */
static const char *read_spec(const char *p, struct spec *sp)
{
	*sp = (struct spec){.width = -1, .precision = -1};
	if (*p == '-')
		sp->left = true, p++;
	if (*p >= '1' && *p <= '9') {
		sp->width = 0;
		while (*p >= '0' && *p <= '9' && sp->width < 1000)
			sp->width = sp->width * 10 + (*p++ - '0');
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			sp->precision = -2;
			p++;
		} else {
			sp->precision = 0;
			while (*p >= '0' && *p <= '9' && sp->precision < 1000)
				sp->precision = sp->precision * 10 + (*p++ - '0');
		}
	}
	if (*p >= '0' && *p <= '9')
		return NULL; /* a width or precision of 1000 or more */
	if (p[0] == 'z' && p[1] == 'u')
		sp->conv = 'u', p += 2;
	else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd')
		sp->conv = 'L', p += 3;
	else if (*p == 's' || *p == 'd' || *p == 'f' || *p == 'g' || *p == '%')
		sp->conv = *p++;
	else
		return NULL;
	/* A precision on a string or an integer, or anything on %%: not taken. */
	if (sp->precision != -1 && sp->conv != 'f' && sp->conv != 'g')
		return NULL;
	if (sp->conv == '%' && (sp->left || sp->width >= 0))
		return NULL;
	return p;
}

/* Decimal digits of u at the end of out[40]; where they start. */
static char *decimal(char *out, unsigned long long u)
{
	char *at = out + 40;
	do
		*--at = (char)('0' + u % 10);
	while ((u /= 10));
	return at;
}

/*
 * v as "%.*f" with precision 0 to 9 into out[40], exactly: |v| * 10^p is
 * m * 2^e * 10^p, whose integer part and remainder 128-bit integers hold
 * for e up to 40 (|v| below 2^93), rounded half to even.  The length, or
 * 0 outside that (the caller uses snprintf).
 */
static size_t format_f(char *out, double v, int p)
{
	static const unsigned long long tens[10] = {1,      10,      100,      1000,      10000,
						    100000, 1000000, 10000000, 100000000, 1000000000};
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	bool negative = bits >> 63;
	int biased = (int)((bits >> 52) & 0x7FF);
	uint64_t m = bits & ((1ULL << 52) - 1);
	unsigned __int128 q;

	if (p < 0 || p > 9 || biased == 0x7FF)
		return 0;
	if (biased == 0) {
		q = 0; /* zero or subnormal: rounds to zero at these precisions */
	} else {
		m |= 1ULL << 52;
		int e = biased - 1075;
		if (e > 40)
			return 0;
		unsigned __int128 num = (unsigned __int128)m * tens[p]; /* < 2^83 */
		if (e >= 0) {
			q = num << e;
		} else if (e < -120) {
			q = 0; /* num < 2^83 is far below half of 2^-e */
		} else {
			int s = -e;
			unsigned __int128 half = (unsigned __int128)1 << (s - 1);
			unsigned __int128 r = num & (((unsigned __int128)1 << s) - 1);
			q = num >> s;
			if (r > half || (r == half && (q & 1)))
				q++;
		}
	}
	/* q < 2^123: split it into two decimal halves. */
	const unsigned long long e18 = 1000000000000000000ULL;
	char digits[40], *d = digits + 40;
	unsigned __int128 hi = q / e18;
	unsigned long long lo = (unsigned long long)(q % e18);
	int n = 0;
	do {
		*--d = (char)('0' + lo % 10);
		lo /= 10;
		n++;
	} while (lo || (hi && n < 18) || n <= p);
	while (hi) {
		*--d = (char)('0' + (unsigned)(hi % 10));
		hi /= 10;
	}
	size_t nd = (size_t)(digits + 40 - d), len = 0;
	if (negative)
		out[len++] = '-';
	memcpy(out + len, d, nd - (size_t)p);
	len += nd - (size_t)p;
	if (p > 0) {
		out[len++] = '.';
		memcpy(out + len, d + nd - (size_t)p, (size_t)p);
		len += (size_t)p;
	}
	return len;
}

/* Formats into b; CL_ENOTFOUND, with b as it was, where fmt holds a
 * conversion this does not take (the caller uses vsnprintf). */
static int plain_printf(cl_buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	int rc = CL_OK, c_point = -1; /* the locale's decimal point is '.': asked once, when needed */
	char num[48];

	while (*fmt && rc == CL_OK) {
		const char *pct = strchr(fmt, '%');
		if (!pct) {
			rc = cl_buf_append(b, fmt, strlen(fmt));
			break;
		}
		if (pct > fmt && (rc = cl_buf_append(b, fmt, (size_t)(pct - fmt))))
			break;
		struct spec sp;
		if (!(fmt = read_spec(pct + 1, &sp))) {
			rc = CL_ENOTFOUND;
			break;
		}
		const char *piece = num;
		size_t len = 0;
		if (sp.precision == -2)
			sp.precision = va_arg(ap, int);
		switch (sp.conv) {
		case 's':
			piece = va_arg(ap, const char *);
			if (!piece)
				piece = "(null)"; /* what glibc's printf writes */
			len = strlen(piece);
			break;
		case '%':
			piece = "%";
			len = 1;
			break;
		case 'd':
		case 'L': {
			long long v = sp.conv == 'd' ? va_arg(ap, int) : va_arg(ap, long long);
			unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			char *at = decimal(num, u);
			if (v < 0)
				*--at = '-';
			piece = at;
			len = (size_t)(num + 40 - at);
			break;
		}
		case 'u': {
			size_t z = va_arg(ap, size_t);
			piece = decimal(num, z);
			len = (size_t)(num + 40 - piece);
			break;
		}
		default: { /* 'f', 'g' */
			double v = va_arg(ap, double);
			int prec = sp.precision < 0 ? 6 : sp.precision;
			if (sp.conv == 'g' && prec == 0)
				prec = 1;
			if (c_point < 0) {
				const char *point = localeconv()->decimal_point;
				c_point = point && point[0] == '.' && point[1] == '\0';
			}
			if (c_point)
				len = sp.conv == 'f' ? format_f(num, v, prec)
				      : prec <= 17 ? cl_format_g(num, v, prec) : 0;
			if (!len) {
				int n = snprintf(num, sizeof(num), sp.conv == 'f' ? "%.*f" : "%.*g",
						 prec, v);
				if (n < 0 || (size_t)n >= sizeof(num)) {
					rc = CL_ENOTFOUND; /* a long one (1e300 as %f): all by vsnprintf */
					break;
				}
				len = (size_t)n;
			}
			break;
		}
		}
		if (rc)
			break;
		size_t pad = sp.width > 0 && (size_t)sp.width > len ? (size_t)sp.width - len : 0;
		if ((rc = cl_buf_reserve(b, len + pad)))
			break;
		if (!sp.left)
			memset(b->data + b->len, ' ', pad), b->len += pad;
		memcpy(b->data + b->len, piece, len);
		b->len += len;
		if (sp.left)
			memset(b->data + b->len, ' ', pad), b->len += pad;
		b->data[b->len] = '\0';
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

	va_start(ap, fmt);
	n = plain_printf(b, fmt, ap);
	va_end(ap);
	if (n != CL_ENOTFOUND)
		return n;
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

/*
 * A jansson tree written as text, the same bytes as json_dumps() with
 * JSON_INDENT(n) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(p).
 *
 * Why not json_dumps(): an assessment's --json document is some 90 KB in
 * 50,000 pieces, and jansson hands each piece to a callback and decodes
 * every character of every string through a function call (utf8_iterate)
 * to find the few it must escape: 5.5 M instructions of a 13 M-instruction
 * command.  This writer reserves room once per token and copies string
 * bytes in a loop that only looks closer at quotes, backslashes, control
 * characters and the bytes of multi-byte characters, which it checks as
 * jansson does.  It keeps jansson's trees (they are the library's output)
 * and jansson's text exactly: keys in insertion order, `"key": value`,
 * "\n" and the indent before each member and before the closing bracket,
 * "[]" and "{}" when empty, reals with "%.*g" then ".0" appended when
 * there is neither '.' nor 'e' and the exponent's '+' and leading zeros
 * removed, the six short escapes and \u00XX (capitals) for other control
 * characters, no other escapes.  Where jansson fails (a string that is not
 * UTF-8, a container inside itself, a top level that is neither object nor
 * array) this fails too; a key that is not UTF-8 is written as jansson
 * writes it (its opening quote and the part up to its last escape) and the
 * object goes on, as jansson's does.  tests/unit/test_jsonout.c compares
 * the two on random trees.
 */
#include "jsonout.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "util.h"

struct writer {
	cl_buf *out;
	int indent, precision;
	char point;               /* the locale's decimal point */
	const json_t **parents;   /* the containers being written, outermost first */
	size_t depth, parents_cap;
};

static int reserve(struct writer *w, size_t n)
{
	return cl_buf_reserve(w->out, n);
}

static int put(struct writer *w, const char *s, size_t n)
{
	if (reserve(w, n) != CL_OK)
		return CL_ENOMEM;
	memcpy(w->out->data + w->out->len, s, n);
	w->out->len += n;
	return CL_OK;
}

/* jansson's dump_indent(): a newline and depth levels of spaces, or with
 * no indent a space where one separates (space) and nothing elsewhere. */
static int newline(struct writer *w, size_t depth, bool space)
{
	if (w->indent == 0)
		return space ? put(w, " ", 1) : CL_OK;
	size_t n = depth * (size_t)w->indent;
	if (reserve(w, n + 1) != CL_OK)
		return CL_ENOMEM;
	char *d = w->out->data + w->out->len;
	*d = '\n';
	memset(d + 1, ' ', n);
	w->out->len += n + 1;
	return CL_OK;
}

/* The length of the UTF-8 character at s (at most n bytes left) as
 * jansson's utf8_iterate() accepts it, 0 if it refuses it: no overlong
 * forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned u = s[0];
	size_t count;
	unsigned long v;

	if (u >= 0xC2 && u <= 0xDF)
		count = 2, v = u & 0x1F;
	else if (u >= 0xE0 && u <= 0xEF)
		count = 3, v = u & 0x0F;
	else if (u >= 0xF0 && u <= 0xF4)
		count = 4, v = u & 0x07;
	else
		return 0;
	if (count > n)
		return 0;
	for (size_t i = 1; i < count; i++) {
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (count == 3 && v < 0x800) ||
	    (count == 4 && v < 0x10000))
		return 0;
	return count;
}

/* A string in quotes.  On bytes that are not UTF-8, CL_EINVAL, and the
 * text written is what jansson's dump_string() had handed over by then:
 * the opening quote and everything up to the end of the last escape. */
static int write_string(struct writer *w, const char *str, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;

	/* Six bytes is the most a byte becomes (\u001F), plus the quotes. */
	if (len > (SIZE_MAX - 3) / 6 || reserve(w, len * 6 + 2) != CL_OK)
		return cl_error_oom();
	char *d = w->out->data + w->out->len;
	*d++ = '"';
	char *flushed = d;
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			*d++ = (char)c;
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_char(s + i, len - i);
			if (n == 0) {
				w->out->len = (size_t)(flushed - w->out->data);
				return cl_error_set(CL_EINVAL, "a string that is not UTF-8 cannot be written as JSON");
			}
			memcpy(d, s + i, n);
			d += n;
			i += n;
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		default:
			memcpy(d, "u00", 3);
			d[3] = hex[c >> 4];
			d[4] = hex[c & 15];
			d += 5;
		}
		i++;
		flushed = d;
	}
	*d++ = '"';
	w->out->len = (size_t)(d - w->out->data);
	return CL_OK;
}

static int write_integer(struct writer *w, json_int_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return put(w, p, (size_t)(buf + sizeof(buf) - p));
}

/*
 * "%.*g" of v for most reals without snprintf(), which costs some 4,000
 * instructions a number (a tenth of an assessment's --json).  v is m * 2^e
 * exactly; with X its decimal exponent, the P significant digits are
 * N = m * 2^e * 10^(P-1-X) rounded half to even (the C library's rounding
 * in the default mode), done in 128-bit integers when they hold it:
 * |P-1-X| <= 19, e at most 10, and e from -127 (-63 when dividing by a
 * power of ten).  Zeros too ("0", "-0").  X is guessed from the
 * binary exponent and corrected until 10^(P-1) <= N < 10^P, as %g takes X
 * after rounding.  Then %g's layout: fixed point when -4 <= X < P, else
 * d.ddde+XX, trailing zeros dropped.  Returns the length, or 0 when v is
 * outside that range (the caller uses snprintf()).
 */
size_t cl_format_g(char *buf, double v, int precision)
{
	static const unsigned long long tens[20] = {
	    1ULL, 10ULL, 100ULL, 1000ULL,
	    10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	    100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
	    1000000000000ULL, 10000000000000ULL, 100000000000000ULL, 1000000000000000ULL,
	    10000000000000000ULL, 100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};
	const int p = precision;
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	bool negative = bits >> 63;
	int biased = (int)((bits >> 52) & 0x7FF);
	uint64_t m = bits & ((1ULL << 52) - 1);

	if (p > 17 || biased == 0x7FF)
		return 0; /* inf, nan: snprintf() */
	if (biased == 0) {
		if (m)
			return 0; /* subnormal: snprintf() */
		memcpy(buf, "-0", 3);
		return negative ? 2 : (memcpy(buf, "0", 2), 1);
	}
	m |= 1ULL << 52;
	int e = biased - 1075;
	if (e < -127 || e > 10)
		return 0;
	/* log10(2) ~ 0.30103: a first X, off by at most one. */
	int x = (int)((double)(e + 52) * 0.30103) - (e + 52 < 0);
	unsigned long long n = 0;
	for (int tries = 0; tries < 3; tries++) {
		int k = p - 1 - x;
		if (k > 19 || k < -19 || (k < 0 && e < -63))
			return 0;
		unsigned __int128 num = (unsigned __int128)m << (e > 0 ? e : 0);
		unsigned __int128 den = (unsigned __int128)1 << (e < 0 ? -e : 0);
		if (k > 0)
			num *= tens[k]; /* < 2^53 * 2^10 * 2^64; then e <= 0 */
		else
			den *= tens[-k]; /* < 2^64 * 2^63 */
		unsigned __int128 q = num / den, r = num % den;
		if (r > den - r || (r == den - r && (q & 1)))
			q++;
		if (q >= tens[p]) {
			x++;
			continue;
		}
		if (q < tens[p - 1]) {
			x--;
			continue;
		}
		n = (unsigned long long)q;
		break;
	}
	if (n == 0)
		return 0;

	char digits[20];
	for (int i = p - 1; i >= 0; i--, n /= 10)
		digits[i] = (char)('0' + n % 10);
	int nd = p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;

	char *d = buf;
	if (negative)
		*d++ = '-';
	if (x >= -4 && x < p) {
		if (x >= 0) {
			for (int i = 0; i <= x; i++)
				*d++ = i < nd ? digits[i] : '0';
			if (nd > x + 1) {
				*d++ = '.';
				memcpy(d, digits + x + 1, (size_t)(nd - x - 1));
				d += nd - x - 1;
			}
		} else {
			*d++ = '0';
			*d++ = '.';
			for (int i = 0; i < -x - 1; i++)
				*d++ = '0';
			memcpy(d, digits, (size_t)nd);
			d += nd;
		}
	} else {
		*d++ = digits[0];
		if (nd > 1) {
			*d++ = '.';
			memcpy(d, digits + 1, (size_t)(nd - 1));
			d += nd - 1;
		}
		int ex = x < 0 ? -x : x;
		*d++ = 'e';
		*d++ = x < 0 ? '-' : '+';
		if (ex >= 100)
			*d++ = (char)('0' + ex / 100);
		*d++ = (char)('0' + ex / 10 % 10);
		*d++ = (char)('0' + ex % 10);
	}
	*d = '\0';
	return (size_t)(d - buf);
}

/* jansson's jsonp_dtostr(). */
static int write_real(struct writer *w, double v)
{
	char buf[100];
	size_t fast = w->point == '.' ? cl_format_g(buf, v, w->precision) : 0;
	int n = fast ? (int)fast : snprintf(buf, sizeof(buf), "%.*g", w->precision, v);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return cl_error_set(CL_EINVAL, "a number could not be written as JSON");
	size_t len = (size_t)n;
	if (w->point != '.') {
		char *p = strchr(buf, w->point);
		if (p)
			*p = '.';
	}
	char *e = memchr(buf, 'e', len);
	if (!e && !memchr(buf, '.', len)) {
		if (len + 3 >= sizeof(buf))
			return cl_error_set(CL_EINVAL, "a number could not be written as JSON");
		memcpy(buf + len, ".0", 3);
		len += 2;
	}
	if (e) {
		/* "1e+05" -> "1e5", "1e-05" -> "1e-5". */
		char *from = e + 1, *to = e + 1;
		if (*to == '-')
			to++, from++;
		else if (*from == '+')
			from++;
		while (*from == '0')
			from++;
		if (from != to) {
			memmove(to, from, len - (size_t)(from - buf));
			len -= (size_t)(from - to);
		}
	}
	return put(w, buf, len);
}

static int write_value(struct writer *w, const json_t *v);

/* Notes a container as being written, refusing one inside itself. */
static int enter(struct writer *w, const json_t *v)
{
	for (size_t i = 0; i < w->depth; i++)
		if (w->parents[i] == v)
			return cl_error_set(CL_EINVAL, "a JSON value that contains itself cannot be written");
	const json_t **grown =
		cl_array_room((void *)w->parents, &w->parents_cap, w->depth, sizeof(*grown), 32);
	if (!grown)
		return cl_error_oom();
	w->parents = grown;
	w->parents[w->depth++] = v;
	return CL_OK;
}

static int write_array(struct writer *w, const json_t *v)
{
	size_t n = json_array_size(v);
	int rc;

	if (n == 0)
		return put(w, "[]", 2);
	if ((rc = enter(w, v)) != CL_OK || (rc = put(w, "[", 1)) != CL_OK ||
	    (rc = newline(w, w->depth, false)) != CL_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if ((rc = write_value(w, json_array_get(v, i))) != CL_OK)
			return rc;
		if (i + 1 < n)
			rc = put(w, ",", 1) != CL_OK ? CL_ENOMEM : newline(w, w->depth, true);
		else
			rc = newline(w, w->depth - 1, false);
		if (rc != CL_OK)
			return rc;
	}
	w->depth--;
	return put(w, "]", 1);
}

static int write_object(struct writer *w, const json_t *v)
{
	void *iter = json_object_iter((json_t *)v);
	int rc;

	if (!iter)
		return put(w, "{}", 2);
	if ((rc = enter(w, v)) != CL_OK || (rc = put(w, "{", 1)) != CL_OK ||
	    (rc = newline(w, w->depth, false)) != CL_OK)
		return rc;
	while (iter) {
		void *next = json_object_iter_next((json_t *)v, iter);
		/* A key that is not UTF-8 is written in part and the member goes
		 * on, as jansson does (it ignores dump_string()'s failure there). */
		rc = write_string(w, json_object_iter_key(iter), json_object_iter_key_len(iter));
		if (rc == CL_ENOMEM)
			return rc;
		if ((rc = put(w, ": ", 2)) != CL_OK ||
		    (rc = write_value(w, json_object_iter_value(iter))) != CL_OK)
			return rc;
		if (next)
			rc = put(w, ",", 1) != CL_OK ? CL_ENOMEM : newline(w, w->depth, true);
		else
			rc = newline(w, w->depth - 1, false);
		if (rc != CL_OK)
			return rc;
		iter = next;
	}
	w->depth--;
	return put(w, "}", 1);
}

static int write_value(struct writer *w, const json_t *v)
{
	if (!v)
		return cl_error_set(CL_EINVAL, "a missing JSON value cannot be written");
	switch (json_typeof(v)) {
	case JSON_NULL:
		return put(w, "null", 4);
	case JSON_TRUE:
		return put(w, "true", 4);
	case JSON_FALSE:
		return put(w, "false", 5);
	case JSON_INTEGER:
		return write_integer(w, json_integer_value(v));
	case JSON_REAL:
		return write_real(w, json_real_value(v));
	case JSON_STRING:
		return write_string(w, json_string_value(v), json_string_length(v));
	case JSON_ARRAY:
		return write_array(w, v);
	case JSON_OBJECT:
		return write_object(w, v);
	}
	return cl_error_set(CL_EINVAL, "a JSON value of an unknown type cannot be written");
}

int cl_json_write(cl_buf *out, const json_t *doc, int indent, int precision)
{
	if (!out || indent < 0 || indent > 31 || precision < 0 || precision > 31)
		return cl_error_set(CL_EINVAL, "cl_json_write: bad arguments");
	if (!json_is_object(doc) && !json_is_array(doc))
		return cl_error_set(CL_EINVAL, "only an object or an array is written as JSON");
	const char *point = localeconv()->decimal_point;
	struct writer w = {
		.out = out,
		.indent = indent,
		.precision = precision ? precision : 17,
		.point = point && *point ? *point : '.',
	};
	int rc = write_value(&w, doc);
	free(w.parents);
	/* A cl_buf ends in a NUL; the room for it was always kept (reserve). */
	if (out->data)
		out->data[out->len] = '\0';
	return rc;
}

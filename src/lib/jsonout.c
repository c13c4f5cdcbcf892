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

struct writer {
	cl_buf *out;
	int indent, precision;
	char point;               /* the locale's decimal point */
	const json_t **parents;   /* the containers being written, outermost first */
	size_t depth, parents_cap;
};

static int reserve(struct writer *w, size_t n)
{
	cl_buf *b = w->out;
	if (n < b->cap - b->len)
		return CL_OK;
	size_t cap = b->cap ? b->cap : 4096;
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

/* jansson's jsonp_dtostr(). */
static int write_real(struct writer *w, double v)
{
	char buf[100];
	int n = snprintf(buf, sizeof(buf), "%.*g", w->precision, v);
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
	if (w->depth == w->parents_cap) {
		size_t cap = w->parents_cap ? w->parents_cap * 2 : 32;
		const json_t **grown = realloc(w->parents, cap * sizeof(*grown));
		if (!grown)
			return cl_error_oom();
		w->parents = grown;
		w->parents_cap = cap;
	}
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

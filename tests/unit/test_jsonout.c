/*
 * Unit tests for jsonout.c: cl_json_write() must give json_dumps()'s bytes
 * with JSON_INDENT(n) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(p), since
 * the CLI's --json and the web API promise them.  Random trees (seeded, so
 * a failure repeats) of every type, strings with quotes, backslashes, every
 * control character and multi-byte characters, reals across the whole
 * range, keys that need escapes, empty and nested containers, every indent
 * from 0 to 8 and several precisions; then the failures: a string or a key
 * that is not UTF-8, a container inside itself, a scalar top level.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/common.h"
#include "jsonout.h"
#include "test_rng.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next(void)
{
	return test_rng_next(&rng);
}

static unsigned below(unsigned n)
{
	return (unsigned)test_rng_below(&rng, n);
}

/* Text from pieces that exercise every path of the string writer. */
static size_t random_text(char *buf, size_t cap)
{
	static const char *pieces[] = {
	    "a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f",
	    "\x7f", "é", "µ", "€", "😀", "日本", "mg/dL", "≥", "plain words ", "\xc2\xa0"};
	size_t n = below(12), len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[below(sizeof(pieces) / sizeof(*pieces))];
		size_t l = strlen(p);
		if (len + l >= cap)
			break;
		memcpy(buf + len, p, l);
		len += l;
	}
	if (below(10) == 0 && len + 1 < cap) /* an embedded NUL: \u0000 */
		buf[len++] = '\0';
	buf[len] = '\0';
	return len;
}

static double random_real(void)
{
	static const double special[] = {0.0,     -0.0,    1.0,    -1.0,    0.1,   1e-300, 1e300,
					 DBL_MAX, DBL_MIN, 4.9e-324, 1e10,  1e9,    123456789012.0,
					 0.5,     2.5,     1e-5,   1e-4,    1e15,  1e16,   1e17,
					 1e21,    1e22,    -2.75e-7};
	switch (below(4)) {
	case 0:
		return special[below(sizeof(special) / sizeof(*special))];
	case 1:
		return (double)(int)below(100000) / (below(2) ? 1.0 : 8.0);
	case 2: { /* any finite bit pattern */
		uint64_t bits = next();
		double d;
		memcpy(&d, &bits, sizeof(d));
		return isfinite(d) ? d : 1.5;
	}
	default:
		return ((double)(next() >> 11) / 9007199254740992.0 - 0.5) * pow(10.0, (int)below(40) - 20);
	}
}

static json_t *random_value(int depth)
{
	char text[256];
	size_t len;

	switch (below(depth > 4 ? 6 : 8)) {
	case 0:
		return json_null();
	case 1:
		return json_boolean(below(2));
	case 2:
		switch (below(3)) {
		case 0:
			return json_integer((json_int_t)(next() >> below(64)) * (below(2) ? 1 : -1));
		case 1:
			return json_integer(below(2) ? INT64_MAX : INT64_MIN);
		default:
			return json_integer((json_int_t)below(1000) - 500);
		}
	case 3:
		return json_real(random_real());
	case 4:
	case 5:
		len = random_text(text, sizeof(text));
		return json_stringn(text, len);
	case 6: {
		json_t *a = json_array();
		for (unsigned i = 0, n = below(5); i < n; i++)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (unsigned i = 0, n = below(5); i < n; i++) {
			len = random_text(text, sizeof(text));
			json_object_setn_new(o, text, len, random_value(depth + 1));
		}
		return o;
	}
	}
}

static void same_as_jansson(const json_t *doc, int indent, int precision)
{
	size_t flags = JSON_INDENT(indent) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(precision);
	char *want = json_dumps(doc, flags);
	cl_buf got = {0};
	int rc = cl_json_write(&got, doc, indent, precision);

	assert_non_null(want);
	assert_int_equal(rc, CL_OK);
	assert_int_equal(got.len, strlen(want));
	assert_memory_equal(got.data, want, got.len);
	assert_int_equal(got.data[got.len], '\0');
	free(want);
	cl_buf_free(&got);
}

static void random_trees(void **state)
{
	(void)state;
	static const int precisions[] = {0, 1, 6, 10, 17, 31};
	for (int i = 0; i < 3000; i++) {
		json_t *doc = below(3) ? json_object() : json_array();
		for (unsigned j = 0, n = 1 + below(6); j < n; j++) {
			json_t *v = random_value(0);
			if (json_is_object(doc)) {
				char key[64];
				snprintf(key, sizeof(key), "k%u\"\\\n%u", j, below(100));
				json_object_set_new(doc, key, v);
			} else {
				json_array_append_new(doc, v);
			}
		}
		same_as_jansson(doc, (int)below(9), precisions[below(6)]);
		json_decref(doc);
	}
}

static void fixed_shapes(void **state)
{
	(void)state;
	const char *docs[] = {
	    "{}", "[]", "[[]]", "{\"a\":{}}", "[{}, [], {\"b\": []}]", "{\"\":\"\"}",
	    "[1, -1, 0, 9223372036854775807, -9223372036854775808]",
	    "[0.0, -0.0, 1e100, 1.5e-7, 123456789.0, 1234567890123.0, 3.14159265358979]",
	    "{\"x\": \"tab\\tquote\\\"slash/back\\\\ctl\\u0001\\u001f nul\\u0000 end\"}"};
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		json_t *doc = json_loads(docs[i], JSON_ALLOW_NUL, NULL);
		assert_non_null(doc);
		for (int indent = 0; indent <= 4; indent++)
			same_as_jansson(doc, indent, 10);
		json_decref(doc);
	}
	/* The assessment's own flags on a document of its size. */
	json_t *big = json_array();
	for (int i = 0; i < 2000; i++)
		json_array_append_new(big, json_pack("{s:s, s:f, s:i, s:[b,n]}", "name", "Spinach, raw",
						     "mg", i / 7.0, "n", i, "flags", i % 2));
	same_as_jansson(big, 2, 10);
	json_decref(big);
}

static void failures(void **state)
{
	(void)state;
	static const char *bad[] = {"\xff", "a\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
				    "\xe2\x82", "ok\\\"\x80"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		/* A bad string value: both refuse. */
		json_t *doc = json_array();
		json_array_append_new(doc, json_stringn_nocheck(bad[i], strlen(bad[i])));
		cl_buf got = {0};
		assert_null(json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER));
		assert_int_equal(cl_json_write(&got, doc, 2, 10), CL_EINVAL);
		cl_buf_free(&got);
		json_decref(doc);

		/* A bad key: jansson writes part of it and goes on; so must we. */
		doc = json_object();
		json_object_set_new(doc, "first", json_integer(1));
		json_object_setn_new_nocheck(doc, bad[i], strlen(bad[i]), json_string("v"));
		json_object_set_new(doc, "last", json_true());
		same_as_jansson(doc, 2, 10);
		same_as_jansson(doc, 0, 10);
		json_decref(doc);
	}

	/* A container inside itself. */
	json_t *a = json_array(), *b = json_array();
	json_array_append(a, b);
	json_array_append(b, a);
	cl_buf got = {0};
	assert_null(json_dumps(a, JSON_INDENT(2)));
	assert_int_equal(cl_json_write(&got, a, 2, 10), CL_EINVAL);
	cl_buf_free(&got);
	json_array_clear(b);
	json_decref(a);
	json_decref(b);

	/* The same array twice is not a loop. */
	json_t *twice = json_array(), *inner = json_pack("[i]", 1);
	json_array_append(twice, inner);
	json_array_append(twice, inner);
	same_as_jansson(twice, 2, 10);
	json_decref(inner);
	json_decref(twice);

	/* Only an object or an array at the top, as jansson without
	 * JSON_ENCODE_ANY; and bad arguments. */
	json_t *s = json_string("x");
	assert_int_equal(cl_json_write(&got, s, 2, 10), CL_EINVAL);
	json_decref(s);
	json_t *o = json_object();
	assert_int_equal(cl_json_write(&got, o, 32, 10), CL_EINVAL);
	assert_int_equal(cl_json_write(&got, o, 2, -1), CL_EINVAL);
	assert_int_equal(cl_json_write(NULL, o, 2, 10), CL_EINVAL);
	json_decref(o);
	cl_buf_free(&got);
}

/* Appending: what was in the buffer stays, and a buffer that must grow
 * many times still holds the same bytes. */
static void appends_and_grows(void **state)
{
	(void)state;
	json_t *doc = json_pack("{s:s}", "k", "v");
	cl_buf b = {0};
	assert_int_equal(cl_buf_append(&b, "head:", 5), CL_OK);
	assert_int_equal(cl_json_write(&b, doc, 0, 10), CL_OK);
	assert_string_equal(b.data, "head:{\"k\": \"v\"}");
	cl_buf_free(&b);
	json_decref(doc);

	char *longtext = malloc(100001);
	assert_non_null(longtext);
	for (int i = 0; i < 100000; i++)
		longtext[i] = "ab\"\n\x02"[i % 5];
	longtext[100000] = '\0';
	doc = json_pack("[s, s]", longtext, longtext);
	same_as_jansson(doc, 3, 10);
	json_decref(doc);
	free(longtext);
}

/* Reals: the writer formats most of them itself (format_g), so many, near
 * the places where %g is hard to get right: ties at the last digit, values
 * that round up to the next power of ten, both sides of the switch to
 * exponents, every binary exponent the fast path takes and those beyond. */
static void reals_like_printf(void **state)
{
	(void)state;
	static const int precisions[] = {10, 17, 1, 2, 6, 15, 16, 0};
	for (size_t pi = 0; pi < sizeof(precisions) / sizeof(*precisions); pi++) {
		json_t *doc = json_array();
		for (int i = 0; i < 40000; i++) {
			double v;
			switch (i % 8) {
			case 0: /* any bit pattern in the fast path's range and beyond */
				v = ldexp((double)((next() >> 11) | (1ULL << 52)), (int)below(100) - 120);
				break;
			case 1: /* halves, quarters, eighths: exact ties */
				v = (double)below(1u << 30) / (double)(1u << below(12));
				break;
			case 2: /* just below a power of ten */
				v = pow(10.0, (int)below(24) - 6) * (1.0 - ldexp(1.0, -(int)below(52) - 1));
				break;
			case 3: /* a power of ten and its neighbours */
				v = nextafter(pow(10.0, (int)below(30) - 10), below(2) ? 0.0 : INFINITY);
				break;
			case 4: /* decimals people see: 2 to 4 places */
				v = (double)below(10000000) / pow(10.0, 2 + below(3));
				break;
			case 5: /* integers up to 2^63 */
				v = (double)(next() >> below(64));
				break;
			case 6:
				v = random_real();
				break;
			default: /* n + 0.5 * 10^-k: ties in decimal that are not ties in binary */
				v = (double)below(100000) + 5.0 * pow(10.0, -(int)below(12) - 1);
				break;
			}
			json_array_append_new(doc, json_real(below(2) ? v : -v));
		}
		same_as_jansson(doc, 0, precisions[pi]);
		json_decref(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_trees),
		cmocka_unit_test(fixed_shapes),
		cmocka_unit_test(failures),
		cmocka_unit_test(appends_and_grows),
		cmocka_unit_test(reals_like_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

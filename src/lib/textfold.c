/*
 * Folding is done once when foods are imported and once per query, with the
 * same function, so both sides of a comparison are always folded alike.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "textfold.h"

int cl_utf8_valid(const char *text, long len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t left = len < 0 ? (utf8proc_ssize_t)strlen(text) : len;
	utf8proc_int32_t cp;

	while (left > 0) {
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
		if (n < 0)
			return 0;
		p += n;
		left -= n;
	}
	return 1;
}

int cl_utf8_cut(const char *text, int max)
{
	int n = (int)strnlen(text, (size_t)(max < 0 ? 0 : max));

	/* Back off over continuation bytes to the start of a character that
	 * would not fit whole (a cut after a complete one is fine). */
	if (n < max || !text[n] || ((unsigned char)text[n] & 0xC0) != 0x80)
		return n;
	while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* Plain ASCII (nearly every SR name and measure) folds without utf8proc,
 * to the same result: lower case, letters, digits and '%' kept, every other
 * run of characters one space. */
static int fold_ascii(char **out, const char *text, size_t len)
{
	char *dst = malloc(len + 1), *d = dst;
	int pending_space = 0;

	if (!dst)
		return cl_error_oom();
	for (const char *p = text; *p; p++) {
		char c = *p;
		int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%';
		if (c >= 'A' && c <= 'Z') {
			c = (char)(c + 32);
			keep = 1;
		}
		if (!keep) {
			pending_space = 1;
			continue;
		}
		if (pending_space && d != dst)
			*d++ = ' ';
		pending_space = 0;
		*d++ = c;
	}
	*d = '\0';
	*out = dst;
	return CL_OK;
}

int cl_fold(char **out, const char *text)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	size_t ascii = 0;

	*out = NULL;
	while (text[ascii] && !((unsigned char)text[ascii] & 0x80))
		ascii++;
	if (!text[ascii])
		return fold_ascii(out, text, ascii);
	n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &mapped,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
				 UTF8PROC_CASEFOLD |
				 UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return cl_error_oom();
		return cl_error_set(CL_EINVAL, "text is not valid UTF-8 (%s)", utf8proc_errmsg(n));
	}
	/* Keep letters and digits; everything else separates words. */
	char *dst = (char *)mapped;
	const utf8proc_uint8_t *src = mapped;
	utf8proc_ssize_t left = n;
	int pending_space = 0;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(src, left, &cp);
		if (len <= 0)
			break;
		utf8proc_category_t cat = utf8proc_category(cp);
		int keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			   (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
			   cp == '%';
		if (keep) {
			if (pending_space && dst != (char *)mapped)
				*dst++ = ' ';
			pending_space = 0;
			memmove(dst, src, (size_t)len);
			dst += len;
		} else {
			pending_space = 1;
		}
		src += len;
		left -= len;
	}
	*dst = '\0';
	*out = (char *)mapped;
	return CL_OK;
}

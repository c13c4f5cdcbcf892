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

int cl_fold(char **out, const char *text)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;

	*out = NULL;
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

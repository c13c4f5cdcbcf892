/*
 * The last-error store.  Messages live in a thread-local buffer so that the
 * web server's worker threads never see each other's failures; a message is
 * truncated rather than allocated, so reporting an error can never itself
 * fail (in particular not an out-of-memory error).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

#define CL_ERROR_MAX 2048

static _Thread_local char last_message[CL_ERROR_MAX];
static _Thread_local int last_code;

const char *cl_error_last(void)
{
	return last_message;
}

int cl_error_last_code(void)
{
	return last_code;
}

void cl_error_clear(void)
{
	last_message[0] = '\0';
	last_code = CL_OK;
}

/* A message cut at the buffer's end must not end inside a UTF-8 character:
 * it may go into JSON, which refuses text that is not UTF-8. */
static void trim_partial_utf8(char *s, size_t len)
{
	size_t i = len, back = 0;

	while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
		back++;
	}
	if (i == 0 || back == 4)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
	if (lead >= 0xC0 && back < need)
		s[i - 1] = '\0';
}

int cl_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(last_message))
		trim_partial_utf8(last_message, sizeof(last_message) - 1);
	last_code = code;
	return code;
}

int cl_error_prefix(const char *fmt, ...)
{
	char prefix[CL_ERROR_MAX];
	char joined[CL_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	size_t plen = strnlen(prefix, sizeof(joined) - 1);
	memcpy(joined, prefix, plen);
	size_t rest = strnlen(last_message, sizeof(joined) - 1 - plen);
	memcpy(joined + plen, last_message, rest);
	joined[plen + rest] = '\0';
	trim_partial_utf8(joined, plen + rest);
	memcpy(last_message, joined, sizeof(last_message));
	return last_code;
}

int cl_error_oom(void)
{
	return cl_error_set(CL_ENOMEM, "out of memory");
}

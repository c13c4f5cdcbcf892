/*
 * Internal helpers for recording the last error.  cl_error_set() formats a
 * message, stores it for cl_error_last() and returns the code, so failing
 * paths read as `return cl_error_set(CL_EINVAL, "...")`.
 */
#ifndef CL_ERROR_INTERNAL_H
#define CL_ERROR_INTERNAL_H

#include "cramplab/common.h"

#if defined(__GNUC__)
#define CL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CL_PRINTF(a, b)
#endif

int cl_error_set(int code, const char *fmt, ...) CL_PRINTF(2, 3);

/* Prefix the current message with more context ("diary.txt line 3: ..."). */
int cl_error_prefix(const char *fmt, ...) CL_PRINTF(1, 2);

/* Record an out-of-memory failure and return CL_ENOMEM. */
int cl_error_oom(void);

#endif

/**
 * @file cramplab/common.h
 * @brief Error codes and the last-error message shared by every module.
 *
 * Every library function that can fail returns an int: CL_OK (0) on success
 * or one of the negative cl_error codes below.  On failure a human-readable
 * message naming what was wrong (file, line, field) is kept per thread and
 * can be read with cl_error_last() until the next failing call replaces it.
 * Library code never prints and never exits; the tools decide what to do.
 */
#ifndef CRAMPLAB_COMMON_H
#define CRAMPLAB_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CRAMPLAB_VERSION "0.1.0"

typedef enum {
	CL_OK = 0,
	CL_EFAIL = -1,     /**< internal or environmental failure */
	CL_EINVAL = -2,    /**< the caller's input is invalid (bad file, line, field) */
	CL_ENOMEM = -3,    /**< out of memory */
	CL_EIO = -4,       /**< a file could not be read or written */
	CL_ENOTFOUND = -5, /**< the thing asked for does not exist */
	CL_EDB = -6        /**< the database reported an error */
} cl_error_code;

/** The message of the last failure on this thread ("" if none). */
const char *cl_error_last(void);

/** The code of the last failure on this thread (CL_OK if none). */
int cl_error_last_code(void);

/** Forget the last failure. */
void cl_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif

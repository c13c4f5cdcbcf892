/*
 * Writing a jansson tree as text, byte for byte what json_dumps() writes
 * with JSON_INDENT(indent) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(p)
 * (the flags of the CLI's --json and of the web API), at a fraction of its
 * cost.  See jsonout.c for why and for the rules it follows.
 *
 * Not part of the public API: the CLI and the web server use it.
 */
#ifndef CL_JSONOUT_H
#define CL_JSONOUT_H

#include <jansson.h>

#include "util.h"

/* Appends doc (an object or an array) to out, indented by indent spaces a
 * level (0 to 31; 0 writes it on one line with ", " and ": " as jansson
 * does), reals with precision significant digits (1 to 31; 0 means 17).
 * CL_EINVAL where json_dumps() would return NULL: doc not an object or
 * array, a string that is not UTF-8, a container inside itself; then out
 * holds part of the text.  CL_ENOMEM, or CL_EINVAL for a bad indent or
 * precision. */
int cl_json_write(cl_buf *out, const json_t *doc, int indent, int precision);

/* v as "%.*g" with precision 1 to 17 writes it in the C locale, into
 * buf[32]; the length, or 0 where v is outside the range this handles
 * (then use snprintf).  cl_buf_printf() uses it too. */
size_t cl_format_g(char *buf, double v, int precision);

#endif

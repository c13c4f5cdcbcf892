/*
 * HTML escaping, shared by the HTML report (report_html.c) and the web
 * server's error pages (src/http), so that there is exactly one function
 * deciding what user text may become in a page.
 */
#ifndef CL_HTML_H
#define CL_HTML_H

#include <stddef.h>

#include "util.h"

/*
 * Append text[0..len) to b, safe as HTML element content and as a quoted
 * attribute value: & < > " ' become entities; bytes that are not valid
 * UTF-8 (stray continuation bytes, overlong forms, surrogates), NUL and
 * control characters other than tab, newline and carriage return become
 * U+FFFD, so a page never carries text a browser would have to guess at.
 */
int cl_html_escape(cl_buf *b, const char *text, size_t len);

#endif

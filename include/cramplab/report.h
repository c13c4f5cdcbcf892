/**
 * @file cramplab/report.h
 * @brief Reports for people, rendered from the assessment document.
 *
 * Both reports are drawn from the JSON document cl_assess() returns (the
 * one `cramplab assess --json` prints), never from the library's internal
 * state, so the text, the HTML and the machine interface cannot disagree,
 * and the CLI and the web server print the same bytes for the same case.
 */
#ifndef CRAMPLAB_REPORT_H
#define CRAMPLAB_REPORT_H

#include <jansson.h>

#include "cramplab/common.h"

/**
 * One self-contained HTML page (no external fonts, scripts or images):
 * triage first, then findings with evidence and sources, inline SVG charts
 * of intake against the DRIs, per day and around exercise, the advice,
 * what the report cannot tell, and the disclaimer.  Every string taken from
 * the document is HTML-escaped.  Sections the document lacks are left out.
 * *out is malloc'd and NUL-terminated.
 */
int cl_report_html(char **out, const json_t *assessment);

#endif

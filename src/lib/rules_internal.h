/*
 * The compiled triage rules (rules.c): written by the build from
 * triage.json, with a copy of its bytes, and read back by cl_rules_load()
 * when the file has exactly those bytes.  Not part of the public API: the
 * tool builds its image at compile time (src/tools/datasnap.c) and
 * installs it at start (src/cli/main.c).
 */
#ifndef CL_RULES_INTERNAL_H
#define CL_RULES_INTERNAL_H

#include <stddef.h>

#include "cramplab/rules.h"
#include "util.h"

/* Writes the image of the rules in path, loaded by parsing and checking as
 * cl_rules_load() does: the same errors for a broken file, and then
 * nothing is written. */
int cl_rules_image_build(cl_buf *out, const char *path);

/* Makes img (not copied: it must outlive every cl_rules loaded from it)
 * the process's image, or removes it (NULL).  A blob that is not an image
 * of this format is refused with CL_EINVAL and none is in use. */
int cl_rules_image_use(const void *img, size_t len);

/* Loads by parsing, never from the image. */
int cl_rules_load_parsed(cl_rules **out, const char *path);

/* Appends the rules (and their fact names) as the image holds them, for
 * tests: two loads with the same rules write the same bytes. */
int cl_rules_tables(cl_buf *out, const cl_rules *rs);

#endif

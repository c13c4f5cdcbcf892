/*
 * The compiled knowledge base: the validated tables of cl_kb, written by
 * the build from the five data files and read back at start instead of
 * building the files' trees and validating them again, when the files
 * have exactly the bytes the tables were built from.  See kbimage.c for
 * the format and the rules.
 *
 * Not part of the public API: the tool builds its image at compile time
 * (src/tools/datasnap.c) and installs it at start (src/cli/main.c).
 */
#ifndef CL_KBIMAGE_H
#define CL_KBIMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "cramplab/kb.h"
#include "util.h"

/* Writes the image of the knowledge base in datadir, opened by parsing
 * and validating its files as cl_kb_open() does (never from an image):
 * the same errors when a file is broken, and then nothing is written. */
int cl_kbimage_build(cl_buf *out, const char *datadir);

/* Makes img (not copied: it must outlive every cl_kb opened from it) the
 * process's image, or removes it (NULL).  Call before any other thread
 * uses the library.  A blob that is not an image of this format is
 * refused with CL_EINVAL and none is in use. */
int cl_kbimage_use(const void *img, size_t len);

/* What cl_kb_open_parts() did with the image since the start. */
struct cl_kbimage_counts {
	unsigned long hits;    /* tables read from the image */
	unsigned long misses;  /* a file's bytes differ (or none in use): parsed */
	unsigned long damaged; /* the image did not decode: parsed */
};
void cl_kbimage_counts(struct cl_kbimage_counts *out);

/* For kb.c.  The files in the image, in this order (kb_file_names). */
enum { KB_F_SOURCES, KB_F_DRI, KB_F_WITHIN, KB_F_LABS, KB_F_MEDS, KB_NFILES };
extern const char *const kb_file_names[KB_NFILES];

/* True when an image is in use. */
bool kb_image_in_use(void);

/* Fills kb (fresh from calloc, parts set) with the parts asked for, if the
 * image holds exactly these bytes for each file they need (texts[f] NULL
 * for a file not read).  CL_OK, or CL_ENOTFOUND (some file differs) or
 * CL_EINVAL (damaged) or CL_ENOMEM, after which kb must be closed and the
 * files parsed. */
int kb_image_read(struct cl_kb *kb, const char *const texts[KB_NFILES],
		  const size_t lens[KB_NFILES]);

/* Appends the tables of kb (opened with every part) as the image holds
 * them, for tests: two knowledge bases with the same tables write the same
 * bytes. */
int kb_image_tables(cl_buf *out, const struct cl_kb *kb);

/* Opens by parsing, never from the image (for cl_kbimage_build). */
int kb_open_parsed(struct cl_kb **out, const char *datadir, unsigned parts);

#endif

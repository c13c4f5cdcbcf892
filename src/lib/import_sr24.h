/*
 * The SR24 importer's one-food XML reader, shared with its fuzz harness
 * (fuzz/fuzz_sr24_xml.c) so that the parser can be fed arbitrary bytes
 * without building a jar around them.
 */
#ifndef CL_IMPORT_SR24_H
#define CL_IMPORT_SR24_H

#include <stddef.h>

#include "cramplab/fooddb.h"

/* Reads one usda_sr24/NNNNN.xml file (entry: its name in the jar, checked
 * against the food's uid and used in messages).  On CL_OK *out is a new
 * food (cl_food_free); otherwise CL_EINVAL/CL_ENOMEM with the entry and
 * line in the message, and *out is NULL. */
int cl_sr24_parse_food_xml(cl_food **out, const char *entry, const char *xml, size_t len);

#endif

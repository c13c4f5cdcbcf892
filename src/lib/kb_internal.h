/*
 * The knowledge base as the library's modules see it: the parsed and
 * validated tables behind the opaque cl_kb.  Only kb.c fills them; dri.c,
 * adequacy.c, labs.c and meds.c read them.  Strings point into the JSON
 * documents, which live as long as the handle.
 */
#ifndef CL_KB_INTERNAL_H
#define CL_KB_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "cramplab/dri.h"
#include "cramplab/kb.h"
#include "cramplab/meds.h"

enum { KB_EAR, KB_RDA, KB_AI, KB_UL, KB_CDRR, KB_FIELDS };
enum { KB_MALE, KB_FEMALE, KB_PREGNANCY, KB_LACTATION, KB_GROUPS };
#define KB_BANDS 6 /* 9-13 14-18 19-30 31-50 51-70 71+ */
#define KB_MAX_DRI 16
#define KB_MAX_WITHIN 32
#define KB_MAX_IRON_TABLES 8
#define KB_MAX_IRON_RANGES 24
#define KB_MAX_UNITS 8
#define KB_MAX_BANDS 10
#define KB_MAX_BAND_SETS 10

/* The source ids of one entry of a data file: get_sources() refuses more
 * than this many, so the tables need not hold a cl_source_list (24 ids)
 * each; a look-up merges them into its result's list (kb_src_merge). */
#define KB_MAX_IDS 8

struct kb_src {
	const char *ids[KB_MAX_IDS];
	size_t count;
};

extern const char *const kb_field_names[KB_FIELDS];
extern const char *const kb_group_names[KB_GROUPS];
extern const char *const kb_band_names[KB_BANDS];

struct kb_dri_row {
	bool present;
	double v[KB_FIELDS]; /* NAN where not set; already scaled to the output unit */
	struct kb_src src[KB_FIELDS];
	bool derived;
	const char *note;
};

struct kb_dri_nutrient {
	const char *key, *label, *unit, *method, *ul_applies_to, *ul_note;
	double cv;       /* NAN when none or implied */
	bool cv_implied; /* (RDA - EAR) / (2 EAR) */
	bool cv_assumed;
	const char *cv_note;
	struct kb_src cv_src;
	double veg_factor; /* 1 when none */
	struct kb_src veg_src;
	struct kb_dri_row rows[KB_GROUPS][KB_BANDS];
};

struct kb_within {
	const char *key;
	int group;
	bool bands[KB_BANDS];
	double sd;
	bool assumed;
	const char *note;
	struct kb_src src;
};

struct kb_iron_range {
	double from, to; /* NAN when open */
	double p_inadequate;
};

struct kb_iron_table {
	int group;
	bool bands[KB_BANDS];
	struct kb_iron_range r[KB_MAX_IRON_RANGES];
	size_t n;
	const char *applies_to, *vegetarian_note;
	struct kb_src src;
};

enum { KB_BOUND_NONE, KB_BOUND_LT, KB_BOUND_LE };

struct kb_band {
	const char *name, *text;
	int bound_kind;
	double bound;
	bool assumed;
	struct kb_src src;
};

struct kb_band_set {
	cl_sex sex;           /* CL_SEX_UNKNOWN: any */
	int pregnant;         /* -1 any, 0, 1 */
	int inflammation;     /* -1 any, 0, 1 */
	int trimester;        /* 0 any */
	double min_age, max_age; /* NAN: no limit */
	struct kb_band bands[KB_MAX_BANDS];
	size_t n;
};

struct kb_unit {
	const char *unit;
	char norm[32];
	double per_canonical;
	struct kb_src src;
};

struct kb_lab {
	const char *id, *label, *canonical_unit, *note;
	const char **aliases; /* normalised */
	size_t naliases;
	struct kb_unit units[KB_MAX_UNITS];
	size_t nunits;
	double pmin, pmax;
	struct kb_src psrc;
	bool albumin_correction;
	double alb_ref, alb_coef;
	const char *alb_note;
	struct kb_src alb_src;
	struct kb_band_set *sets; /* nsets of them, allocated as many as the file has */
	size_t nsets;
};

struct kb_med {
	cl_med_info info;
	cl_med_effect *effects;
	const char **names; /* normalised */
	size_t nnames;
};

/* sources.json: one per id, sorted by id (kb_source_find). */
struct kb_source {
	const char *id, *status, *citation;
};

/* within_sd.json's "warnings": key -> a note and its sources. */
struct kb_warning {
	const char *key, *text;
	struct kb_src src;
};

struct cl_kb {
	unsigned parts; /* CL_KB_* read by cl_kb_open_parts() */
	/* the parsed files, which the strings below point into; NULL when the
	 * tables came from the compiled image (kbimage.c), whose strings they
	 * point into instead */
	json_t *sources_doc, *dri_doc, *within_doc, *labs_doc, *meds_doc;
	/* the labs' aliases and the medicines' names: copies the tables own
	 * when parsed (they are normalised), else (false) in the image */
	bool owns_names;
	struct kb_source *sources;
	size_t nsources;
	struct kb_dri_nutrient *dri; /* as many as dri.json has, at most KB_MAX_DRI */
	size_t ndri;
	struct kb_within within[KB_MAX_WITHIN];
	size_t nwithin;
	double within_ratio;
	const char *within_note;
	struct kb_src within_src;
	struct kb_warning *warnings;
	size_t nwarnings;
	struct kb_iron_table iron[KB_MAX_IRON_TABLES];
	size_t niron;
	struct kb_lab *labs;
	size_t nlabs;
	struct kb_med *meds, *conds;
	size_t nmeds, nconds;
};

/* Adds src's ids to dst, as cl_source_list_merge() does. */
void kb_src_merge(cl_source_list *dst, const struct kb_src *src);
/* dst holds exactly src's ids. */
void kb_src_copy(cl_source_list *dst, const struct kb_src *src);

/* Lower-case ASCII, every run of other characters one space, trimmed. */
void kb_norm_words(const char *in, char *out, size_t cap);
/* Lower-case letters and digits only ("25(OH)D" -> "25ohd"). */
void kb_norm_compact(const char *in, char *out, size_t cap);
/* A unit for comparison: lower case, no spaces, µ/μ/mc -> u. */
void kb_norm_unit(const char *in, char *out, size_t cap);

/* CL_OK if the handle has read the part (CL_KB_*), else CL_EINVAL with a message. */
int kb_need(const cl_kb *kb, unsigned part);

/* The source with this id, or NULL. */
const struct kb_source *kb_source_find(const cl_kb *kb, const char *id);

/* The DRI table of a nutrient key, or NULL. */
const struct kb_dri_nutrient *kb_dri_find(const cl_kb *kb, const char *key);

#endif

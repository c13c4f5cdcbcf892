/*
 * The knowledge-base loader.  It reads the five JSON files of data/ once,
 * checks everything a later look-up relies on (each number names source
 * ids that exist, bands rise, units are known, age bands and groups are the
 * ones the DRI tables use) and keeps the result in plain C tables, so the
 * look-ups in dri.c, adequacy.c, labs.c and meds.c cannot meet a malformed
 * value at run time.  Syntax errors are reported with jansson's line and
 * column; content errors with the file and a JSON path such as
 * "nutrients.magnesium_mg.rows[3].ear".
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "kb_internal.h"
#include "kbimage.h"
#include "util.h"

const char *const kb_field_names[KB_FIELDS] = {"ear", "rda", "ai", "ul", "cdrr"};
const char *const kb_group_names[KB_GROUPS] = {"male", "female", "pregnancy", "lactation"};
const char *const kb_band_names[KB_BANDS] = {"9-13", "14-18", "19-30", "31-50", "51-70", "71+"};
/* A row's per-field sources ("ear_sources"), in kb_field_names' order. */
static const char *const source_keys[KB_FIELDS] = {"ear_sources", "rda_sources", "ai_sources",
						   "ul_sources", "cdrr_sources"};

/* Low-side names first; "borderline" is always on the low side (B12, vitamin
 * D), so a reader can treat every name before "normal" as a possible deficit. */
static const char *const band_vocabulary[] = {"severely_low", "moderately_low", "low",
					      "mildly_low",   "borderline",     "normal",
					      "mildly_high",  "high",           "severely_high",
					      NULL};

/* Where we are while validating, for messages. */
typedef struct {
	const cl_kb *kb;
	const char *file;
} vctx;

#define PATH_MAX_LEN 160

/* snprintf through a va_list: paths and messages are cut, never overrun,
 * and the compiler's truncation warnings (by design here) stay quiet. */
static void fmtbuf(char *buf, size_t cap, const char *fmt, ...) CL_PRINTF(3, 4);
static void fmtbuf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
}

/* A JSON path: base, then ".key" when key is not NULL, then "[index]" when
 * index is not KB_NO_INDEX; cut as snprintf() cuts.  Paths are made for
 * every row and entry the loaders walk (about 500 an assessment), and
 * vsnprintf() took 0.5 M instructions for them. */
#define KB_NO_INDEX ((size_t)-1)

static size_t put_text(char *buf, size_t cap, size_t n, const char *s)
{
	while (*s && n + 1 < cap)
		buf[n++] = *s++;
	return n;
}

static void path_at(char *buf, size_t cap, const char *base, const char *key, size_t index)
{
	size_t n = put_text(buf, cap, 0, base);

	if (key) {
		n = put_text(buf, cap, n, ".");
		n = put_text(buf, cap, n, key);
	}
	if (index != KB_NO_INDEX) {
		char digits[24], *d = digits + sizeof(digits);
		*--d = '\0';
		do
			*--d = (char)('0' + index % 10);
		while ((index /= 10) > 0);
		n = put_text(buf, cap, n, "[");
		n = put_text(buf, cap, n, d);
		n = put_text(buf, cap, n, "]");
	}
	buf[n] = '\0';
}

static int bad(const vctx *v, const char *path, const char *what)
{
	return cl_error_set(CL_EINVAL, "%s: %s: %s", v->file, path, what);
}

/* ---- normalisation ---------------------------------------------------- */

void kb_norm_words(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	bool space = false;

	for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < cap; p++) {
		if (isalnum(*p)) {
			if (space && n > 0 && n + 2 < cap)
				out[n++] = ' ';
			space = false;
			out[n++] = (char)tolower(*p);
		} else {
			space = true;
		}
	}
	out[n] = '\0';
}

void kb_norm_compact(const char *in, char *out, size_t cap)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < cap; p++)
		if (isalnum(*p))
			out[n++] = (char)tolower(*p);
	out[n] = '\0';
}

void kb_norm_unit(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)in;

	while (*p && n + 1 < cap) {
		bool seg_start = n == 0 || out[n - 1] == '/';
		if (*p == 0xC2 && p[1] == 0xB5) { /* U+00B5 micro sign */
			out[n++] = 'u';
			p += 2;
		} else if (*p == 0xCE && p[1] == 0xBC) { /* U+03BC Greek mu */
			out[n++] = 'u';
			p += 2;
		} else if (seg_start && tolower(p[0]) == 'm' && tolower(p[1]) == 'c') {
			out[n++] = 'u'; /* mcg, mcmol: the pharmacist's micro */
			p += 2;
		} else if (isspace(*p)) {
			p++;
		} else {
			out[n++] = (char)tolower(*p);
			p++;
		}
	}
	out[n] = '\0';
}

/* ---- small validated getters ----------------------------------------- */

/*
 * The getters take the member itself (the _at forms, key only for messages)
 * or look it up.  A DRI row has a few of 15 possible keys and there are 180
 * rows: find_members() fetches them in one pass over the row's members
 * instead of 20 hash look-ups a row.
 */
static void find_members(json_t *obj, const char *const keys[], size_t n, json_t *out[])
{
	const char *k;
	json_t *m;

	memset(out, 0, n * sizeof(*out));
	json_object_foreach(obj, k, m) {
		for (size_t i = 0; i < n; i++)
			if (k[0] == keys[i][0] && strcmp(k, keys[i]) == 0) {
				out[i] = m;
				break;
			}
	}
}

static int get_string_at(const vctx *v, json_t *j, const char *key, bool required,
			 const char **out, const char *path)
{
	char p[PATH_MAX_LEN];

	*out = NULL;
	if (!j || json_is_null(j)) {
		if (!required)
			return CL_OK;
		path_at(p, sizeof(p), path, key, KB_NO_INDEX);
		return bad(v, p, "missing (a string is expected)");
	}
	if (!json_is_string(j) || json_string_length(j) == 0) {
		path_at(p, sizeof(p), path, key, KB_NO_INDEX);
		return bad(v, p, "expected a non-empty string");
	}
	*out = json_string_value(j);
	return CL_OK;
}

static int get_string(const vctx *v, json_t *obj, const char *key, bool required, const char **out,
		      const char *path)
{
	return get_string_at(v, json_object_get(obj, key), key, required, out, path);
}

/* A number, NAN when absent or null and not required. */
static int get_number_at(const vctx *v, json_t *j, const char *key, bool required, double *out,
			 const char *path)
{
	char p[PATH_MAX_LEN];

	*out = NAN;
	if ((!j || json_is_null(j)) && !required)
		return CL_OK;
	if (j && json_is_number(j) && isfinite(json_number_value(j))) {
		*out = json_number_value(j);
		return CL_OK;
	}
	/* the path only when there is something to say: this runs for every number */
	path_at(p, sizeof(p), path, key, KB_NO_INDEX);
	if (!j || json_is_null(j))
		return bad(v, p, "missing (a number is expected)");
	return bad(v, p, json_is_number(j) ? "expected a finite number" : "expected a number");
}

static int get_number(const vctx *v, json_t *obj, const char *key, bool required, double *out,
		      const char *path)
{
	return get_number_at(v, json_object_get(obj, key), key, required, out, path);
}

static int get_bool(const vctx *v, json_t *obj, const char *key, bool *out, const char *path)
{
	json_t *j = json_object_get(obj, key);
	char p[PATH_MAX_LEN];

	*out = false;
	if (!j || json_is_null(j))
		return CL_OK;
	if (!json_is_boolean(j)) {
		path_at(p, sizeof(p), path, key, KB_NO_INDEX);
		return bad(v, p, "expected true or false");
	}
	*out = json_is_true(j);
	return CL_OK;
}

/* A list of source ids, each of which must exist in sources.json. */
static bool kb_src_add(struct kb_src *s, const char *id)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->ids[i], id) == 0)
			return true;
	if (s->count == KB_MAX_IDS)
		return false;
	s->ids[s->count++] = id;
	return true;
}

void kb_src_merge(cl_source_list *dst, const struct kb_src *src)
{
	for (size_t i = 0; i < src->count; i++)
		cl_source_list_add(dst, src->ids[i]);
}

void kb_src_copy(cl_source_list *dst, const struct kb_src *src)
{
	dst->count = 0;
	kb_src_merge(dst, src);
}

static int get_sources_at(const vctx *v, json_t *arr, const char *key, bool required,
			  struct kb_src *out, const char *path)
{
	char p[PATH_MAX_LEN];
	size_t i;
	json_t *id;

	memset(out, 0, sizeof(*out));
	/* the path only for an error, as in get_number(): this runs for every number */
	if (!arr) {
		if (!required)
			return CL_OK;
		path_at(p, sizeof(p), path, key, KB_NO_INDEX);
		return bad(v, p, "missing: every number needs its source ids");
	}
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 8) {
		path_at(p, sizeof(p), path, key, KB_NO_INDEX);
		return bad(v, p, json_array_size(arr) > 8 ? "too many source ids"
							   : "expected a non-empty array of source ids");
	}
	json_array_foreach(arr, i, id) {
		if (!json_is_string(id)) {
			path_at(p, sizeof(p), path, key, KB_NO_INDEX);
			return bad(v, p, "source ids must be strings");
		}
		if (!kb_source_find(v->kb, json_string_value(id))) {
			char what[200];
			path_at(p, sizeof(p), path, key, KB_NO_INDEX);
			fmtbuf(what, sizeof(what), "source id '%s' is not in sources.json",
				 json_string_value(id));
			return bad(v, p, what);
		}
		kb_src_add(out, json_string_value(id)); /* at most 8: checked above */
	}
	return CL_OK;
}

static int get_sources(const vctx *v, json_t *obj, const char *key, bool required,
		       struct kb_src *out, const char *path)
{
	return get_sources_at(v, json_object_get(obj, key), key, required, out, path);
}

static int band_index(const char *age)
{
	for (int i = 0; i < KB_BANDS; i++)
		if (strcmp(kb_band_names[i], age) == 0)
			return i;
	return -1;
}

static int group_index(const char *g)
{
	for (int i = 0; i < KB_GROUPS; i++)
		if (strcmp(kb_group_names[i], g) == 0)
			return i;
	return -1;
}

/* "ages": ["19-30", "31-50"] into a band mask. */
static int get_bands(const vctx *v, json_t *obj, bool bands[KB_BANDS], const char *path)
{
	json_t *arr = json_object_get(obj, "ages"), *a;
	size_t i;
	char p[PATH_MAX_LEN];

	path_at(p, sizeof(p), path, "ages", KB_NO_INDEX);
	memset(bands, 0, sizeof(bool) * KB_BANDS);
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return bad(v, p, "expected a non-empty array of age bands such as \"19-30\"");
	json_array_foreach(arr, i, a) {
		int b = json_is_string(a) ? band_index(json_string_value(a)) : -1;
		if (b < 0)
			return bad(v, p, "unknown age band (9-13, 14-18, 19-30, 31-50, 51-70, 71+)");
		bands[b] = true;
	}
	return CL_OK;
}

/* ---- sources.json ----------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct kb_source *)a)->id, ((const struct kb_source *)b)->id);
}

const struct kb_source *kb_source_find(const cl_kb *kb, const char *id)
{
	struct kb_source key = {id, NULL, NULL};

	if (!kb || !id || !kb->nsources)
		return NULL;
	return bsearch(&key, kb->sources, kb->nsources, sizeof(key), by_id);
}

/* Into a table sorted by id: the other files name sources by id, a few
 * hundred times, and the compiled image (kbimage.c) holds no JSON. */
static int load_sources(cl_kb *kb, const vctx *v)
{
	json_t *all = json_object_get(kb->sources_doc, "sources"), *s;
	const char *key;

	if (!json_is_object(all) || json_object_size(all) == 0)
		return bad(v, "sources", "expected an object of id -> {status, citation}");
	kb->sources = calloc(json_object_size(all), sizeof(*kb->sources));
	if (!kb->sources)
		return cl_error_oom();
	json_object_foreach(all, key, s) {
		char p[PATH_MAX_LEN];
		const char *status, *cit;
		int rc;
		path_at(p, sizeof(p), "sources", key, KB_NO_INDEX);
		if (!json_is_object(s))
			return bad(v, p, "expected {\"status\", \"citation\"}");
		if ((rc = get_string(v, s, "citation", true, &cit, p)) ||
		    (rc = get_string(v, s, "status", true, &status, p)))
			return rc;
		if (strcmp(status, "confirmed") && strcmp(status, "secondary") &&
		    strcmp(status, "derived") && strcmp(status, "assumed"))
			return bad(v, p, "status must be confirmed, secondary, derived or assumed");
		kb->sources[kb->nsources++] = (struct kb_source){key, status, cit};
	}
	/* ids are unique: the parser refuses a repeated key */
	qsort(kb->sources, kb->nsources, sizeof(*kb->sources), by_id);
	return CL_OK;
}

/* ---- dri.json --------------------------------------------------------- */

static int load_dri_cv(struct kb_dri_nutrient *n, const vctx *v, json_t *nj, const char *path)
{
	json_t *cv = json_object_get(nj, "cv");
	char p[PATH_MAX_LEN];
	const char *rule;
	int rc;

	n->cv = NAN;
	if (!cv || json_is_null(cv))
		return CL_OK;
	path_at(p, sizeof(p), path, "cv", KB_NO_INDEX);
	if (!json_is_object(cv))
		return bad(v, p, "expected {\"value\" or \"rule\", \"sources\", ...}");
	if ((rc = get_string(v, cv, "rule", false, &rule, p)) ||
	    (rc = get_number(v, cv, "value", false, &n->cv, p)) ||
	    (rc = get_bool(v, cv, "assumed", &n->cv_assumed, p)) ||
	    (rc = get_string(v, cv, "note", false, &n->cv_note, p)) ||
	    (rc = get_sources(v, cv, "sources", true, &n->cv_src, p)))
		return rc;
	if (rule && strcmp(rule, "implied") == 0)
		n->cv_implied = true;
	else if (rule)
		return bad(v, p, "rule must be \"implied\"");
	if (!n->cv_implied && !(n->cv > 0 && n->cv < 1))
		return bad(v, p, "value must be between 0 and 1");
	return CL_OK;
}

static int load_dri_row(struct kb_dri_nutrient *n, const vctx *v, json_t *r, double scale,
			const char *path)
{
	/* the row's keys: five, then the five fields and their sources */
	enum { GROUP, AGE, SOURCES, NOTE, STATUS, FIELD, FIELD_SOURCES = FIELD + KB_FIELDS,
	       N = FIELD_SOURCES + KB_FIELDS };
	static const char *const keys[N] = {"group", "age", "sources", "note", "status",
					    "ear", "rda", "ai", "ul", "cdrr",
					    "ear_sources", "rda_sources", "ai_sources",
					    "ul_sources", "cdrr_sources"};
	const char *group, *age, *status;
	struct kb_dri_row *row;
	struct kb_src src;
	json_t *m[N];
	int g, b, rc;

	if (!json_is_object(r))
		return bad(v, path, "expected a row object");
	find_members(r, keys, N, m);
	if ((rc = get_string_at(v, m[GROUP], "group", true, &group, path)) ||
	    (rc = get_string_at(v, m[AGE], "age", true, &age, path)))
		return rc;
	if ((g = group_index(group)) < 0)
		return bad(v, path, "group must be male, female, pregnancy or lactation");
	if ((b = band_index(age)) < 0)
		return bad(v, path, "unknown age band (9-13, 14-18, 19-30, 31-50, 51-70, 71+)");
	if (g >= KB_PREGNANCY && (b < 1 || b > 3))
		return bad(v, path, "pregnancy and lactation rows are for 14-18, 19-30 and 31-50");
	row = &n->rows[g][b];
	if (row->present)
		return bad(v, path, "duplicate row for this group and age band");
	row->present = true;
	if ((rc = get_sources_at(v, m[SOURCES], "sources", true, &src, path)) ||
	    (rc = get_string_at(v, m[NOTE], "note", false, &row->note, path)) ||
	    (rc = get_string_at(v, m[STATUS], "status", false, &status, path)))
		return rc;
	row->derived = status && strcmp(status, "derived") == 0;
	for (int f = 0; f < KB_FIELDS; f++) {
		const char *key = source_keys[f];
		if ((rc = get_number_at(v, m[FIELD + f], kb_field_names[f], false, &row->v[f], path)))
			return rc;
		if (!isnan(row->v[f]) && row->v[f] <= 0) {
			char p[PATH_MAX_LEN];
			path_at(p, sizeof(p), path, kb_field_names[f], KB_NO_INDEX);
			return bad(v, p, "must be positive (omit the field when not set)");
		}
		row->v[f] *= scale;
		row->src[f] = src;
		if (m[FIELD_SOURCES + f] &&
		    (rc = get_sources_at(v, m[FIELD_SOURCES + f], key, true, &row->src[f], path)))
			return rc;
	}
	if (!isnan(row->v[KB_EAR]) && !isnan(row->v[KB_RDA]) && row->v[KB_RDA] < row->v[KB_EAR])
		return bad(v, path, "the RDA is below the EAR");
	if (strcmp(n->method, "ai") == 0 && isnan(row->v[KB_AI]))
		return bad(v, path, "an AI nutrient needs \"ai\" in every row");
	if (strcmp(n->method, "ai") != 0 && (isnan(row->v[KB_EAR]) || isnan(row->v[KB_RDA])))
		return bad(v, path, "an EAR nutrient needs \"ear\" and \"rda\" in every row");
	if (n->cv_implied && row->v[KB_RDA] <= row->v[KB_EAR])
		return bad(v, path, "an implied CV needs RDA > EAR");
	return CL_OK;
}

static int load_dri_nutrient(struct kb_dri_nutrient *n, const vctx *v, const char *key, json_t *nj)
{
	char path[PATH_MAX_LEN];
	json_t *rows, *r, *veg;
	double scale;
	size_t i;
	int rc;

	path_at(path, sizeof(path), "nutrients", key, KB_NO_INDEX);
	if (!json_is_object(nj))
		return bad(v, path, "expected an object");
	n->key = key;
	if ((rc = get_string(v, nj, "label", true, &n->label, path)) ||
	    (rc = get_string(v, nj, "unit", true, &n->unit, path)) ||
	    (rc = get_string(v, nj, "method", true, &n->method, path)) ||
	    (rc = get_string(v, nj, "ul_applies_to", false, &n->ul_applies_to, path)) ||
	    (rc = get_string(v, nj, "ul_note", false, &n->ul_note, path)) ||
	    (rc = get_number(v, nj, "scale", false, &scale, path)) ||
	    (rc = load_dri_cv(n, v, nj, path)))
		return rc;
	if (strcmp(n->unit, "mg") && strcmp(n->unit, "µg") && strcmp(n->unit, "g"))
		return bad(v, path, "unit must be mg, µg or g");
	if (strcmp(n->method, "ear") && strcmp(n->method, "ai") && strcmp(n->method, "iron_table"))
		return bad(v, path, "method must be ear, ai or iron_table");
	if (strcmp(n->method, "ear") == 0 && isnan(n->cv) && !n->cv_implied)
		return bad(v, path, "an EAR nutrient needs a cv");
	if (n->ul_applies_to && strcmp(n->ul_applies_to, "total") &&
	    strcmp(n->ul_applies_to, "supplements"))
		return bad(v, path, "ul_applies_to must be total or supplements");
	if (isnan(scale))
		scale = 1;
	else if (scale <= 0)
		return bad(v, path, "scale must be positive");
	n->veg_factor = 1;
	veg = json_object_get(nj, "vegetarian_factor");
	if (veg) {
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), path, "vegetarian_factor", KB_NO_INDEX);
		if ((rc = get_number(v, veg, "value", true, &n->veg_factor, p)) ||
		    (rc = get_sources(v, veg, "sources", true, &n->veg_src, p)))
			return rc;
		if (n->veg_factor < 1 || n->veg_factor > 3)
			return bad(v, p, "value must be between 1 and 3");
	}
	rows = json_object_get(nj, "rows");
	if (!json_is_array(rows))
		return bad(v, path, "missing \"rows\"");
	json_array_foreach(rows, i, r) {
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), path, "rows", i);
		if ((rc = load_dri_row(n, v, r, scale, p)))
			return rc;
	}
	/* Every life stage must be covered, or a look-up would find nothing. */
	for (int g = 0; g < KB_GROUPS; g++)
		for (int b = 0; b < KB_BANDS; b++) {
			if (g >= KB_PREGNANCY && (b < 1 || b > 3))
				continue;
			if (!n->rows[g][b].present) {
				char what[100];
				fmtbuf(what, sizeof(what), "no row for %s %s", kb_group_names[g],
					 kb_band_names[b]);
				return bad(v, path, what);
			}
		}
	return CL_OK;
}

static int load_dri(cl_kb *kb, const vctx *v)
{
	json_t *nutrients = json_object_get(kb->dri_doc, "nutrients"), *nj;
	const char *key;
	int rc;

	if (!json_is_object(nutrients) || json_object_size(nutrients) == 0)
		return bad(v, "nutrients", "expected an object of nutrient key -> table");
	/* as many tables as the file has (one more is refused below) */
	size_t want = json_object_size(nutrients);
	kb->dri = calloc(want < KB_MAX_DRI ? want : KB_MAX_DRI, sizeof(*kb->dri));
	if (!kb->dri)
		return cl_error_oom();
	json_object_foreach(nutrients, key, nj) {
		if (kb->ndri == KB_MAX_DRI)
			return bad(v, "nutrients", "too many nutrients");
		if ((rc = load_dri_nutrient(&kb->dri[kb->ndri], v, key, nj)))
			return rc;
		kb->ndri++;
	}
	return CL_OK;
}

/* ---- within_sd.json ---------------------------------------------------- */

static int load_iron_table(struct kb_iron_table *t, const vctx *v, json_t *tj, const char *path)
{
	const char *group;
	json_t *ranges, *r;
	size_t i;
	int rc;

	if ((rc = get_string(v, tj, "group", true, &group, path)) ||
	    (rc = get_bands(v, tj, t->bands, path)) ||
	    (rc = get_sources(v, tj, "sources", true, &t->src, path)) ||
	    (rc = get_string(v, tj, "applies_to", true, &t->applies_to, path)) ||
	    (rc = get_string(v, tj, "vegetarian", false, &t->vegetarian_note, path)))
		return rc;
	if ((t->group = group_index(group)) < 0)
		return bad(v, path, "group must be male, female, pregnancy or lactation");
	ranges = json_object_get(tj, "ranges");
	if (!json_is_array(ranges) || json_array_size(ranges) < 2 ||
	    json_array_size(ranges) > KB_MAX_IRON_RANGES)
		return bad(v, path, "expected \"ranges\": an array of 2 to 24 ranges");
	json_array_foreach(ranges, i, r) {
		char p[PATH_MAX_LEN];
		struct kb_iron_range *x = &t->r[i];
		path_at(p, sizeof(p), path, "ranges", i);
		if ((rc = get_number(v, r, "from", false, &x->from, p)) ||
		    (rc = get_number(v, r, "to", false, &x->to, p)) ||
		    (rc = get_number(v, r, "p_inadequate", true, &x->p_inadequate, p)))
			return rc;
		bool first = i == 0, last = i + 1 == json_array_size(ranges);
		if (first != isnan(x->from) || last != isnan(x->to))
			return bad(v, p, "only the first range may lack \"from\" and only the last \"to\"");
		if (x->p_inadequate < 0 || x->p_inadequate > 1)
			return bad(v, p, "p_inadequate must be between 0 and 1");
		if (i > 0 && (x->p_inadequate > t->r[i - 1].p_inadequate ||
			      x->from < t->r[i - 1].to - 0.011 || (!last && x->to <= x->from)))
			return bad(v, p, "ranges must rise and risks must not rise with intake");
		t->n++;
	}
	return CL_OK;
}

static int load_within(cl_kb *kb, const vctx *v)
{
	json_t *pub = json_object_get(kb->within_doc, "published"), *e, *rule, *tables;
	size_t i;
	int rc;

	if (!json_is_array(pub))
		return bad(v, "published", "expected an array");
	json_array_foreach(pub, i, e) {
		char p[PATH_MAX_LEN];
		const char *group;
		struct kb_within *w = &kb->within[kb->nwithin];
		path_at(p, sizeof(p), "published", NULL, i);
		if (kb->nwithin == KB_MAX_WITHIN)
			return bad(v, p, "too many entries");
		if ((rc = get_string(v, e, "nutrient", true, &w->key, p)) ||
		    (rc = get_string(v, e, "group", true, &group, p)) ||
		    (rc = get_bands(v, e, w->bands, p)) ||
		    (rc = get_number(v, e, "sd", true, &w->sd, p)) ||
		    (rc = get_bool(v, e, "assumed", &w->assumed, p)) ||
		    (rc = get_string(v, e, "note", false, &w->note, p)) ||
		    (rc = get_sources(v, e, "sources", true, &w->src, p)))
			return rc;
		if (!kb_dri_find(kb, w->key))
			return bad(v, p, "nutrient is not a key of dri.json");
		if ((w->group = group_index(group)) < 0)
			return bad(v, p, "group must be male, female, pregnancy or lactation");
		if (w->sd <= 0)
			return bad(v, p, "sd must be positive");
		kb->nwithin++;
	}
	rule = json_object_get(kb->within_doc, "default_rule");
	if (!json_is_object(rule))
		return bad(v, "default_rule", "missing");
	if ((rc = get_number(v, rule, "ratio_to_reference", true, &kb->within_ratio,
			     "default_rule")) ||
	    (rc = get_string(v, rule, "note", true, &kb->within_note, "default_rule")) ||
	    (rc = get_sources(v, rule, "sources", true, &kb->within_src, "default_rule")))
		return rc;
	if (kb->within_ratio <= 0 || kb->within_ratio > 2)
		return bad(v, "default_rule.ratio_to_reference", "must be in (0, 2]");
	/* an object, or none (anything else names no warning, as before) */
	json_t *warnings = json_object_get(kb->within_doc, "warnings");
	if (json_is_object(warnings) && json_object_size(warnings)) {
		const char *key;
		kb->warnings = calloc(json_object_size(warnings), sizeof(*kb->warnings));
		if (!kb->warnings)
			return cl_error_oom();
		json_object_foreach(warnings, key, e) {
			char p[PATH_MAX_LEN];
			struct kb_warning *w = &kb->warnings[kb->nwarnings];
			path_at(p, sizeof(p), "warnings", key, KB_NO_INDEX);
			if ((rc = get_string(v, e, "text", true, &w->text, p)) ||
			    (rc = get_sources(v, e, "sources", true, &w->src, p)))
				return rc;
			w->key = key;
			kb->nwarnings++;
		}
	}
	tables = json_object_get(kb->within_doc, "iron_tables");
	if (tables && !json_is_array(tables))
		return bad(v, "iron_tables", "expected an array");
	json_array_foreach(tables, i, e) {
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), "iron_tables", NULL, i);
		if (kb->niron == KB_MAX_IRON_TABLES)
			return bad(v, p, "too many tables");
		if ((rc = load_iron_table(&kb->iron[kb->niron], v, e, p)))
			return rc;
		kb->niron++;
	}
	return CL_OK;
}

/* ---- labs.json -------------------------------------------------------- */

static int load_bands(struct kb_band_set *s, const vctx *v, json_t *sj, const char *path)
{
	json_t *when = json_object_get(sj, "when"), *bands = json_object_get(sj, "bands"), *b;
	const char *sex = NULL;
	bool flag;
	double tri;
	size_t i;
	int rc;

	if (!json_is_object(when))
		return bad(v, path, "missing \"when\" (use {} for everyone)");
	s->pregnant = s->inflammation = -1;
	if ((rc = get_string(v, when, "sex", false, &sex, path)) ||
	    (rc = get_number(v, when, "min_age", false, &s->min_age, path)) ||
	    (rc = get_number(v, when, "max_age", false, &s->max_age, path)) ||
	    (rc = get_number(v, when, "trimester", false, &tri, path)))
		return rc;
	s->sex = !sex ? CL_SEX_UNKNOWN : strcmp(sex, "male") == 0 ? CL_SEX_MALE : CL_SEX_FEMALE;
	if (sex && strcmp(sex, "male") && strcmp(sex, "female"))
		return bad(v, path, "when.sex must be male or female");
	s->trimester = isnan(tri) ? 0 : (int)tri;
	if (!isnan(tri) && (tri != 1 && tri != 2 && tri != 3))
		return bad(v, path, "when.trimester must be 1, 2 or 3");
	if (json_object_get(when, "pregnant")) {
		if ((rc = get_bool(v, when, "pregnant", &flag, path)))
			return rc;
		s->pregnant = flag;
	}
	if (json_object_get(when, "inflammation")) {
		if ((rc = get_bool(v, when, "inflammation", &flag, path)))
			return rc;
		s->inflammation = flag;
	}
	if (!json_is_array(bands) || json_array_size(bands) == 0 ||
	    json_array_size(bands) > KB_MAX_BANDS)
		return bad(v, path, "expected \"bands\": an array of 1 to 10 bands");
	json_array_foreach(bands, i, b) {
		char p[PATH_MAX_LEN];
		struct kb_band *x = &s->bands[i];
		double lt, le;
		bool last = i + 1 == json_array_size(bands), known = false;
		path_at(p, sizeof(p), path, "bands", i);
		if ((rc = get_string(v, b, "band", true, &x->name, p)) ||
		    (rc = get_string(v, b, "text", true, &x->text, p)) ||
		    (rc = get_number(v, b, "lt", false, &lt, p)) ||
		    (rc = get_number(v, b, "le", false, &le, p)) ||
		    (rc = get_bool(v, b, "assumed", &x->assumed, p)) ||
		    (rc = get_sources(v, b, "sources", true, &x->src, p)))
			return rc;
		for (const char *const *w = band_vocabulary; *w; w++)
			known |= strcmp(*w, x->name) == 0;
		if (!known)
			return bad(v, p, "unknown band name (severely_low, moderately_low, low, "
					 "mildly_low, borderline, normal, mildly_high, high, "
					 "severely_high)");
		if (!isnan(lt) && !isnan(le))
			return bad(v, p, "give \"lt\" or \"le\", not both");
		x->bound_kind = !isnan(lt) ? KB_BOUND_LT : !isnan(le) ? KB_BOUND_LE : KB_BOUND_NONE;
		x->bound = !isnan(lt) ? lt : le;
		if (last != (x->bound_kind == KB_BOUND_NONE))
			return bad(v, p, "every band but the last needs an upper bound (lt or le), "
					 "and the last none");
		if (i > 0 && !last && x->bound <= s->bands[i - 1].bound)
			return bad(v, p, "bands must be in increasing order");
		s->n++;
	}
	return CL_OK;
}

static int load_lab_units(struct kb_lab *l, const vctx *v, json_t *lj, const char *path)
{
	json_t *units = json_object_get(lj, "units"), *u;
	bool canonical = false;
	size_t i;
	int rc;

	if (!json_is_array(units) || json_array_size(units) == 0 ||
	    json_array_size(units) > KB_MAX_UNITS)
		return bad(v, path, "expected \"units\": an array of 1 to 8 units");
	json_array_foreach(units, i, u) {
		char p[PATH_MAX_LEN];
		struct kb_unit *x = &l->units[i];
		path_at(p, sizeof(p), path, "units", i);
		if ((rc = get_string(v, u, "unit", true, &x->unit, p)) ||
		    (rc = get_number(v, u, "per_canonical", true, &x->per_canonical, p)) ||
		    (rc = get_sources(v, u, "sources", true, &x->src, p)))
			return rc;
		if (x->per_canonical <= 0)
			return bad(v, p, "per_canonical must be positive");
		kb_norm_unit(x->unit, x->norm, sizeof(x->norm));
		for (size_t j = 0; j < i; j++)
			if (strcmp(l->units[j].norm, x->norm) == 0)
				return bad(v, p, "the same unit is listed twice");
		if (strcmp(x->unit, l->canonical_unit) == 0) {
			if (x->per_canonical != 1)
				return bad(v, p, "the canonical unit must have per_canonical 1");
			canonical = true;
		}
		l->nunits++;
	}
	if (!canonical)
		return bad(v, path, "the canonical unit is not among the units");
	return CL_OK;
}

static int load_lab_aliases(cl_kb *kb, struct kb_lab *l, const vctx *v, json_t *lj,
			    const char *path)
{
	json_t *aliases = json_object_get(lj, "aliases"), *a;
	size_t i;

	if (!json_is_array(aliases) || json_array_size(aliases) == 0)
		return bad(v, path, "expected \"aliases\": a non-empty array of names");
	l->aliases = calloc(json_array_size(aliases) + 1, sizeof(char *));
	if (!l->aliases)
		return cl_error_oom();
	json_array_foreach(aliases, i, a) {
		char norm[64], p[PATH_MAX_LEN];
		path_at(p, sizeof(p), path, "aliases", i);
		if (!json_is_string(a))
			return bad(v, p, "expected a string");
		kb_norm_compact(json_string_value(a), norm, sizeof(norm));
		if (!norm[0])
			return bad(v, p, "an alias needs letters or digits");
		/* A name shared by two tests would make a look-up ambiguous. */
		for (size_t t = 0; t <= kb->nlabs; t++) {
			const struct kb_lab *o = &kb->labs[t];
			if (o == l)
				continue; /* a repeat within one test ("k", "k+") is harmless */
			for (size_t k = 0; k < o->naliases; k++)
				if (strcmp(o->aliases[k], norm) == 0) {
					char what[160];
					fmtbuf(what, sizeof(what), "alias '%s' also names test '%s'",
						 json_string_value(a), o->id);
					return bad(v, p, what);
				}
		}
		if (!(l->aliases[i] = strdup(norm)))
			return cl_error_oom();
		l->naliases++;
	}
	return CL_OK;
}

static int load_lab(cl_kb *kb, struct kb_lab *l, const vctx *v, const char *id, json_t *lj)
{
	char path[PATH_MAX_LEN];
	json_t *plaus, *alb, *sets, *s;
	size_t i;
	int rc;

	path_at(path, sizeof(path), "tests", id, KB_NO_INDEX);
	if (!json_is_object(lj))
		return bad(v, path, "expected an object");
	l->id = id;
	if ((rc = get_string(v, lj, "label", true, &l->label, path)) ||
	    (rc = get_string(v, lj, "canonical_unit", true, &l->canonical_unit, path)) ||
	    (rc = get_string(v, lj, "note", false, &l->note, path)) ||
	    (rc = load_lab_aliases(kb, l, v, lj, path)) || (rc = load_lab_units(l, v, lj, path)))
		return rc;
	plaus = json_object_get(lj, "plausible");
	if (!json_is_object(plaus))
		return bad(v, path, "missing \"plausible\" {min, max, sources}");
	{
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), path, "plausible", KB_NO_INDEX);
		if ((rc = get_number(v, plaus, "min", true, &l->pmin, p)) ||
		    (rc = get_number(v, plaus, "max", true, &l->pmax, p)) ||
		    (rc = get_sources(v, plaus, "sources", true, &l->psrc, p)))
			return rc;
		if (l->pmin < 0 || l->pmax <= l->pmin)
			return bad(v, p, "need 0 <= min < max");
	}
	alb = json_object_get(lj, "albumin_correction");
	if (alb) {
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), path, "albumin_correction", KB_NO_INDEX);
		l->albumin_correction = true;
		if ((rc = get_number(v, alb, "reference_albumin_g_per_l", true, &l->alb_ref, p)) ||
		    (rc = get_number(v, alb, "mmol_per_l_per_g_per_l", true, &l->alb_coef, p)) ||
		    (rc = get_string(v, alb, "note", false, &l->alb_note, p)) ||
		    (rc = get_sources(v, alb, "sources", true, &l->alb_src, p)))
			return rc;
		if (strcmp(l->canonical_unit, "mmol/L") != 0)
			return bad(v, p, "albumin correction needs the canonical unit mmol/L");
	}
	sets = json_object_get(lj, "band_sets");
	if (!json_is_array(sets) || json_array_size(sets) > KB_MAX_BAND_SETS)
		return bad(v, path, "expected \"band_sets\": an array of at most 10 sets");
	if (json_array_size(sets) &&
	    !(l->sets = calloc(json_array_size(sets), sizeof(*l->sets))))
		return cl_error_oom();
	json_array_foreach(sets, i, s) {
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), path, "band_sets", i);
		if ((rc = load_bands(&l->sets[i], v, s, p)))
			return rc;
		for (size_t b = 0; b + 1 < l->sets[i].n; b++)
			if (l->sets[i].bands[b].bound < l->pmin || l->sets[i].bands[b].bound > l->pmax)
				return bad(v, p, "a band bound lies outside the plausible range");
		l->nsets++;
	}
	return CL_OK;
}

static int load_labs(cl_kb *kb, const vctx *v)
{
	json_t *tests = json_object_get(kb->labs_doc, "tests"), *lj;
	const char *id;
	int rc;

	if (!json_is_object(tests) || json_object_size(tests) == 0)
		return bad(v, "tests", "expected an object of test id -> test");
	kb->labs = calloc(json_object_size(tests), sizeof(*kb->labs));
	if (!kb->labs)
		return cl_error_oom();
	json_object_foreach(tests, id, lj) {
		if ((rc = load_lab(kb, &kb->labs[kb->nlabs], v, id, lj))) {
			kb->nlabs++; /* so cl_kb_close() frees its aliases */
			return rc;
		}
		kb->nlabs++;
	}
	return CL_OK;
}

/* ---- medications.json -------------------------------------------------- */

static int load_med(struct kb_med *m, const vctx *v, json_t *mj, const char *kind,
		    const char *path)
{
	json_t *names, *effects, *e;
	size_t i;
	int rc;

	m->info.kind = kind;
	struct kb_src src;

	if ((rc = get_string(v, mj, "id", true, &m->info.id, path)) ||
	    (rc = get_string(v, mj, "label", true, &m->info.label, path)) ||
	    (rc = get_sources(v, mj, "sources", true, &src, path)))
		return rc;
	kb_src_copy(&m->info.sources, &src);
	names = json_object_get(mj, "names");
	effects = json_object_get(mj, "effects");
	if (!json_is_array(names) || json_array_size(names) == 0)
		return bad(v, path, "expected \"names\": a non-empty array");
	if (!json_is_array(effects) || json_array_size(effects) == 0)
		return bad(v, path, "expected \"effects\": a non-empty array");
	m->names = calloc(json_array_size(names), sizeof(char *));
	m->effects = calloc(json_array_size(effects), sizeof(cl_med_effect));
	if (!m->names || !m->effects)
		return cl_error_oom();
	json_array_foreach(names, i, e) {
		char norm[128];
		if (!json_is_string(e))
			return bad(v, path, "names must be strings");
		kb_norm_words(json_string_value(e), norm, sizeof(norm));
		if (!norm[0] || !(m->names[i] = strdup(norm)))
			return norm[0] ? cl_error_oom() : bad(v, path, "a name needs letters");
		m->nnames++;
	}
	json_array_foreach(effects, i, e) {
		char p[PATH_MAX_LEN];
		cl_med_effect *x = &m->effects[i];
		bool unverified = json_is_false(json_object_get(e, "verified"));
		path_at(p, sizeof(p), path, "effects", i);
		if ((rc = get_string(v, e, "nutrient", true, &x->nutrient, p)) ||
		    (rc = get_string(v, e, "effect", true, &x->effect, p)) ||
		    (rc = get_string(v, e, "strength", true, &x->strength, p)) ||
		    (rc = get_string(v, e, "note", true, &x->note, p)))
			return rc;
		if (strcmp(x->strength, "high") && strcmp(x->strength, "moderate") &&
		    strcmp(x->strength, "low"))
			return bad(v, p, "strength must be high, moderate or low");
		x->verified = !unverified;
		m->info.neffects++;
	}
	m->info.effects = m->effects;
	return CL_OK;
}

static int load_med_list(struct kb_med **out, size_t *n, const vctx *v, json_t *doc,
			 const char *member, const char *kind)
{
	json_t *arr = json_object_get(doc, member), *mj;
	size_t i;
	int rc;

	if (!json_is_array(arr))
		return bad(v, member, "expected an array");
	*out = calloc(json_array_size(arr) + 1, sizeof(**out));
	if (!*out)
		return cl_error_oom();
	json_array_foreach(arr, i, mj) {
		char p[PATH_MAX_LEN];
		path_at(p, sizeof(p), member, NULL, i);
		(*n)++; /* counted first so cl_kb_close() frees a half-built entry */
		if ((rc = load_med(&(*out)[i], v, mj, kind, p)))
			return rc;
	}
	return CL_OK;
}

/* ---- open/close -------------------------------------------------------- */

static int load_json(json_t **out, const char *dir, const char *name)
{
	char path[4096];
	json_error_t err;

	fmtbuf(path, sizeof(path), "%s/%s", dir, name);
	*out = cl_json_load_path(path, JSON_REJECT_DUPLICATES, &err);
	if (*out && json_is_object(*out))
		return CL_OK;
	if (*out) {
		json_decref(*out);
		*out = NULL;
		return cl_error_set(CL_EINVAL, "%s: expected a JSON object at the top", path);
	}
	if (err.line < 0 || json_error_code(&err) == json_error_cannot_open_file)
		return cl_error_set(CL_EIO, "%s: cannot read the knowledge base file (%s)", path,
				    err.text);
	return cl_error_set(CL_EINVAL, "%s line %d, column %d: %s", path, err.line, err.column,
			    err.text);
}

int cl_kb_open(cl_kb **out, const char *datadir)
{
	return cl_kb_open_parts(out, datadir, CL_KB_ALL);
}

/*
 * From the compiled image (kbimage.c) when it holds exactly the bytes of
 * every file the parts need; CL_OK, or anything else to parse them.  The
 * files are read whole (cl_read_file), as the parser reads them.
 */
static int open_from_image(cl_kb **out, const char *datadir, unsigned parts)
{
	bool need[KB_NFILES] = {true, parts & CL_KB_DRI, parts & CL_KB_DRI, parts & CL_KB_LABS,
				parts & CL_KB_MEDS};
	char *texts[KB_NFILES] = {0};
	size_t lens[KB_NFILES] = {0};
	cl_kb *kb = calloc(1, sizeof(*kb));
	int rc = kb ? CL_OK : CL_ENOMEM;

	for (int f = 0; f < KB_NFILES && !rc; f++) {
		char path[4096];
		if (!need[f])
			continue;
		fmtbuf(path, sizeof(path), "%s/%s", datadir, kb_file_names[f]);
		/* unreadable: the parser reports it in its own words */
		rc = cl_read_file(&texts[f], &lens[f], path, (size_t)64 << 20);
	}
	if (!rc) {
		kb->parts = parts;
		rc = kb_image_read(kb, (const char *const *)texts, lens);
	}
	for (int f = 0; f < KB_NFILES; f++)
		free(texts[f]);
	if (rc) {
		cl_kb_close(kb);
		cl_error_clear();
		return rc;
	}
	*out = kb;
	return CL_OK;
}

int cl_kb_open_parts(cl_kb **out, const char *datadir, unsigned parts)
{
	*out = NULL;
	if (!datadir || !*datadir)
		return cl_error_set(CL_EINVAL, "no knowledge-base directory given");
	if (!parts || (parts & ~(unsigned)CL_KB_ALL))
		return cl_error_set(CL_EINVAL, "knowledge base: unknown parts %#x", parts);
	if (kb_image_in_use() && open_from_image(out, datadir, parts) == CL_OK)
		return CL_OK;
	return kb_open_parsed(out, datadir, parts);
}

int kb_open_parsed(cl_kb **out, const char *datadir, unsigned parts)
{
	bool dri = parts & CL_KB_DRI, labs = parts & CL_KB_LABS, meds = parts & CL_KB_MEDS;
	cl_kb *kb = NULL;
	int rc;

	*out = NULL;
	if (!datadir || !*datadir)
		return cl_error_set(CL_EINVAL, "no knowledge-base directory given");
	if (!parts || (parts & ~(unsigned)CL_KB_ALL))
		return cl_error_set(CL_EINVAL, "knowledge base: unknown parts %#x", parts);
	kb = calloc(1, sizeof(*kb));
	if (!kb)
		return cl_error_oom();
	kb->parts = parts;
	kb->owns_names = true;
	/* all files are parsed before any is validated, in this order, so that
	 * the first broken file reported is the same whatever the parts */
	if ((rc = load_json(&kb->sources_doc, datadir, "sources.json")) ||
	    (dri && (rc = load_json(&kb->dri_doc, datadir, "dri.json"))) ||
	    (dri && (rc = load_json(&kb->within_doc, datadir, "within_sd.json"))) ||
	    (labs && (rc = load_json(&kb->labs_doc, datadir, "labs.json"))) ||
	    (meds && (rc = load_json(&kb->meds_doc, datadir, "medications.json"))))
		goto cleanup;
	{
		vctx v = {kb, "sources.json"};
		if ((rc = load_sources(kb, &v)))
			goto cleanup;
		v.file = "dri.json";
		if (dri && (rc = load_dri(kb, &v)))
			goto cleanup;
		v.file = "within_sd.json";
		if (dri && (rc = load_within(kb, &v)))
			goto cleanup;
		v.file = "labs.json";
		if (labs && (rc = load_labs(kb, &v)))
			goto cleanup;
		v.file = "medications.json";
		if (meds && ((rc = load_med_list(&kb->meds, &kb->nmeds, &v, kb->meds_doc,
						 "medications", "medication")) ||
			     (rc = load_med_list(&kb->conds, &kb->nconds, &v, kb->meds_doc,
						 "conditions", "condition"))))
			goto cleanup;
	}
	*out = kb;
	kb = NULL;
	rc = CL_OK;
cleanup:
	if (rc && rc != CL_EIO && rc != CL_ENOMEM && strncmp(cl_error_last(), datadir,
							     strlen(datadir)) != 0)
		cl_error_prefix("%s/", datadir);
	cl_kb_close(kb);
	return rc;
}

static void free_meds(struct kb_med *m, size_t n, bool owned)
{
	for (size_t i = 0; m && i < n; i++) {
		for (size_t k = 0; owned && k < m[i].nnames; k++)
			free((char *)m[i].names[k]);
		free((void *)m[i].names);
		free(m[i].effects);
	}
	free(m);
}

void cl_kb_close(cl_kb *kb)
{
	if (!kb)
		return;
	for (size_t i = 0; kb->labs && i < kb->nlabs; i++) {
		for (size_t k = 0; kb->owns_names && kb->labs[i].aliases &&
				   k < kb->labs[i].naliases; k++)
			free((char *)kb->labs[i].aliases[k]);
		free((void *)kb->labs[i].aliases);
		free(kb->labs[i].sets);
	}
	free(kb->labs);
	free(kb->dri);
	free(kb->sources);
	free(kb->warnings);
	free_meds(kb->meds, kb->nmeds, kb->owns_names);
	free_meds(kb->conds, kb->nconds, kb->owns_names);
	/* The tables (the DRIs about 100 KB) go before the trees' thousands of
	 * small nodes: glibc merges every small free chunk when a chunk over
	 * 64 KB is freed, and freed after them it walked them all (0.8 M
	 * instructions). */
	json_t *docs[] = {kb->sources_doc, kb->dri_doc, kb->within_doc, kb->labs_doc,
			  kb->meds_doc};
	free(kb);
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		json_decref(docs[i]);
}

/* ---- sources ----------------------------------------------------------- */

const char *cl_kb_source(const cl_kb *kb, const char *id, const char **status)
{
	const struct kb_source *s = kb_source_find(kb, id);

	if (status)
		*status = s ? s->status : NULL;
	return s ? s->citation : NULL;
}

bool cl_source_list_add(cl_source_list *list, const char *id)
{
	if (!id)
		return true;
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->ids[i], id) == 0)
			return true;
	if (list->count == CL_MAX_SOURCES)
		return false;
	list->ids[list->count++] = id;
	return true;
}

void cl_source_list_merge(cl_source_list *dst, const cl_source_list *src)
{
	for (size_t i = 0; src && i < src->count; i++)
		cl_source_list_add(dst, src->ids[i]);
}

json_t *cl_source_list_to_json(const cl_source_list *list)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < list->count; i++)
		if (json_array_append_new(arr, json_string(list->ids[i]))) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

json_t *cl_kb_citations_to_json(const cl_kb *kb, const cl_source_list *list)
{
	json_t *obj = json_object();

	for (size_t i = 0; obj && i < list->count; i++) {
		const char *status, *cit = cl_kb_source(kb, list->ids[i], &status);
		json_t *e = json_pack("{s:s?, s:s?}", "citation", cit, "status", status);
		if (!e || json_object_set_new(obj, list->ids[i], e)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

int kb_need(const cl_kb *kb, unsigned part)
{
	if (!kb)
		return cl_error_set(CL_EINVAL, "no knowledge base");
	if (kb->parts & part)
		return CL_OK;
	return cl_error_set(CL_EINVAL, "the knowledge base was opened without %s",
			    part == CL_KB_DRI    ? "dri.json and within_sd.json"
			    : part == CL_KB_LABS ? "labs.json"
						 : "medications.json");
}

const struct kb_dri_nutrient *kb_dri_find(const cl_kb *kb, const char *key)
{
	for (size_t i = 0; key && i < kb->ndri; i++)
		if (strcmp(kb->dri[i].key, key) == 0)
			return &kb->dri[i];
	return NULL;
}

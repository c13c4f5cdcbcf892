/*
 * Importing USDA SR24 from Debian's cronometer jar.  The jar is a zip of
 * usda_sr24/NNNNN.xml files, one food each:
 *
 *   <food uid="09040" name="Bananas, raw" ...>
 *     <measure amount="1.0" name="medium (7&quot; ...)" grams="118.0"/>
 *     <nutrient amount="27.0" name="Magnesium"/>  (per 100 g)
 *
 * plus foods.index (NDB|name) and deprecated.index (foods to leave out).
 * Every file is checked strictly: the uid must match the file name, every
 * nutrient must be one the table in nutrient.c knows, every number must be
 * a finite non-negative decimal, and a food listed in foods.index must have
 * its file, so a truncated or corrupted jar is refused rather than imported
 * in part.  Foods are held in memory until all are read, because foods
 * numbered outside SR's group ranges get their group from their name's
 * first word as used by the numbered foods (e.g. 42284 "Babyfood, ...").
 *
 * libzip is opened with dlopen() when an import starts rather than linked:
 * it brings OpenSSL and three compression libraries, which every other
 * command (an assessment, a search) would otherwise map and relocate at
 * start-up, about 3 M instructions and a hundred page faults, for nothing.
 */
#include <dlfcn.h>
#include <expat.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "cramplab/import.h"
#include "error.h"
#include "foodwrite.h"
#include "import_sr24.h"
#include "sr_groups.h"
#include "textfold.h"
#include "util.h"

#ifndef CL_LIBZIP_SONAME
#define CL_LIBZIP_SONAME "libzip.so.4"
#endif

/* The libzip functions the importer calls, found at run time. */
static struct {
	zip_t *(*open)(const char *, int, int *);
	void (*discard)(zip_t *);
	zip_int64_t (*get_num_entries)(zip_t *, zip_flags_t);
	const char *(*get_name)(zip_t *, zip_uint64_t, zip_flags_t);
	zip_int64_t (*name_locate)(zip_t *, const char *, zip_flags_t);
	int (*stat_index)(zip_t *, zip_uint64_t, zip_flags_t, zip_stat_t *);
	zip_file_t *(*fopen_index)(zip_t *, zip_uint64_t, zip_flags_t);
	zip_int64_t (*fread)(zip_file_t *, void *, zip_uint64_t);
	int (*fclose)(zip_file_t *);
	const char *(*strerror)(zip_t *);
	const char *(*file_strerror)(zip_file_t *);
	void (*error_init_with_code)(zip_error_t *, int);
	const char *(*error_strerror)(zip_error_t *);
	void (*error_fini)(zip_error_t *);
} zl;
static pthread_once_t zl_once = PTHREAD_ONCE_INIT;
static char zl_error[256]; /* empty once loaded */

/* POSIX allows a data pointer from dlsym() to be copied into a function pointer. */
#define ZL_FIND(h, field, symbol)                                                      \
	do {                                                                           \
		void *sym_ = dlsym(h, symbol);                                         \
		if (!sym_) {                                                           \
			snprintf(zl_error, sizeof(zl_error), "%s lacks %s", CL_LIBZIP_SONAME, \
				 symbol);                                              \
			return;                                                        \
		}                                                                      \
		memcpy(&zl.field, &sym_, sizeof(sym_));                                \
	} while (0)

static void zl_load(void)
{
	void *h = dlopen(CL_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		snprintf(zl_error, sizeof(zl_error), "%s", why ? why : CL_LIBZIP_SONAME);
		return;
	}
	ZL_FIND(h, open, "zip_open");
	ZL_FIND(h, discard, "zip_discard");
	ZL_FIND(h, get_num_entries, "zip_get_num_entries");
	ZL_FIND(h, get_name, "zip_get_name");
	ZL_FIND(h, name_locate, "zip_name_locate");
	ZL_FIND(h, stat_index, "zip_stat_index");
	ZL_FIND(h, fopen_index, "zip_fopen_index");
	ZL_FIND(h, fread, "zip_fread");
	ZL_FIND(h, fclose, "zip_fclose");
	ZL_FIND(h, strerror, "zip_strerror");
	ZL_FIND(h, file_strerror, "zip_file_strerror");
	ZL_FIND(h, error_init_with_code, "zip_error_init_with_code");
	ZL_FIND(h, error_strerror, "zip_error_strerror");
	ZL_FIND(h, error_fini, "zip_error_fini");
	/* kept open for the life of the process, like a linked library */
}

static int zl_ready(void)
{
	if (pthread_once(&zl_once, zl_load) != 0)
		return cl_error_set(CL_EFAIL, "cannot load libzip");
	if (zl_error[0])
		return cl_error_set(CL_EFAIL, "cannot load libzip (install libzip4): %s", zl_error);
	return CL_OK;
}

#define MAX_XML_BYTES (1 << 20)
#define MAX_MEASURES 64

struct parse_state {
	const char *entry; /* zip entry name, for messages */
	cl_food *food;
	size_t measure_cap;
	bool seen_food;
	bool seen[CL_NUTRIENT_COUNT];
	int rc;
	XML_Parser parser;
};

struct food_list {
	cl_food **items;
	size_t count, cap;
};

static void free_list(struct food_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		cl_food_free(l->items[i]);
	free(l->items);
}

static const char *attr(const XML_Char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

static void fail(struct parse_state *s, int code, const char *fmt, const char *a, const char *b)
{
	if (s->rc)
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), fmt, a ? a : "", b ? b : "");
	s->rc = cl_error_set(code, "%s line %lu: %s", s->entry,
			     (unsigned long)XML_GetCurrentLineNumber(s->parser), msg);
	XML_StopParser(s->parser, XML_FALSE);
}

static bool number_attr(struct parse_state *s, const XML_Char **atts, const char *name,
			double *out, bool positive)
{
	const char *v = attr(atts, name);
	if (!v) {
		fail(s, CL_EINVAL, "missing attribute %s", name, NULL);
		return false;
	}
	if (!cl_parse_decimal(v, strlen(v), out) || *out < 0 || (positive && *out == 0)) {
		fail(s, CL_EINVAL, "attribute %s is '%s', expected a non-negative number", name, v);
		return false;
	}
	return true;
}

static void on_food(struct parse_state *s, const XML_Char **atts)
{
	const char *uid = attr(atts, "uid"), *name = attr(atts, "name");
	const char *base = strrchr(s->entry, '/');

	base = base ? base + 1 : s->entry;
	if (s->seen_food)
		return fail(s, CL_EINVAL, "more than one <food> element", NULL, NULL);
	s->seen_food = true;
	if (!uid || strlen(uid) != 5 || strncmp(base, uid, 5) != 0)
		return fail(s, CL_EINVAL, "food uid '%s' does not match the file name", uid, NULL);
	if (!name || !*name)
		return fail(s, CL_EINVAL, "food %s has no name", uid, NULL);
	snprintf(s->food->ndb, sizeof(s->food->ndb), "%s", uid);
	s->food->name = strdup(name);
	if (!s->food->name) {
		s->rc = cl_error_oom();
		XML_StopParser(s->parser, XML_FALSE);
	}
}

static void on_measure(struct parse_state *s, const XML_Char **atts)
{
	cl_measure m = {0};
	const char *name = attr(atts, "name");

	if (!name || !*name)
		return fail(s, CL_EINVAL, "measure without a name", NULL, NULL);
	if (!number_attr(s, atts, "amount", &m.amount, true) ||
	    !number_attr(s, atts, "grams", &m.grams, true))
		return;
	if (s->food->nmeasures >= MAX_MEASURES)
		return fail(s, CL_EINVAL, "too many measures", NULL, NULL);
	cl_measure *grown = cl_array_room(s->food->measures, &s->measure_cap,
					  s->food->nmeasures, sizeof(*grown), 8);
	if (!grown)
		goto oom;
	s->food->measures = grown;
	m.name = strdup(name);
	if (!m.name)
		goto oom;
	s->food->measures[s->food->nmeasures++] = m;
	return;
oom:
	s->rc = cl_error_oom();
	XML_StopParser(s->parser, XML_FALSE);
}

static void on_nutrient(struct parse_state *s, const XML_Char **atts)
{
	const char *name = attr(atts, "name");
	double amount;

	if (!name)
		return fail(s, CL_EINVAL, "nutrient without a name", NULL, NULL);
	cl_nutrient id = cl_nutrient_by_sr24_name(name);
	if (id == CL_NUTRIENT_COUNT)
		return fail(s, CL_EINVAL, "unknown nutrient '%s'", name, NULL);
	if (s->seen[id])
		return fail(s, CL_EINVAL, "nutrient '%s' given twice", name, NULL);
	if (!number_attr(s, atts, "amount", &amount, false))
		return;
	s->seen[id] = true;
	s->food->per_100g[id] = amount;
	if (id == CL_N_VITAMIN_D_IU)
		s->food->per_100g[CL_N_VITAMIN_D_UG] = amount / CL_VITAMIN_D_IU_PER_UG;
}

static void XMLCALL on_start(void *data, const XML_Char *el, const XML_Char **atts)
{
	struct parse_state *s = data;

	if (s->rc)
		return;
	if (strcmp(el, "food") == 0)
		on_food(s, atts);
	else if (!s->seen_food)
		fail(s, CL_EINVAL, "expected <food>, found <%s>", el, NULL);
	else if (strcmp(el, "measure") == 0)
		on_measure(s, atts);
	else if (strcmp(el, "nutrient") == 0)
		on_nutrient(s, atts);
	else
		fail(s, CL_EINVAL, "unexpected element <%s>", el, NULL);
}

int cl_sr24_parse_food_xml(cl_food **out, const char *entry, const char *xml, size_t len)
{
	struct parse_state s = {.entry = entry};
	int rc;

	*out = NULL;
	s.food = calloc(1, sizeof(*s.food));
	if (!s.food)
		return cl_error_oom();
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		s.food->per_100g[i] = NAN;
	s.parser = XML_ParserCreate("UTF-8");
	if (!s.parser) {
		cl_food_free(s.food);
		return cl_error_oom();
	}
	XML_SetUserData(s.parser, &s);
	XML_SetStartElementHandler(s.parser, on_start);
	if (XML_Parse(s.parser, xml, (int)len, XML_TRUE) == XML_STATUS_ERROR && !s.rc)
		s.rc = cl_error_set(CL_EINVAL, "%s line %lu: malformed XML: %s", entry,
				    (unsigned long)XML_GetCurrentLineNumber(s.parser),
				    XML_ErrorString(XML_GetErrorCode(s.parser)));
	if (!s.rc && !s.seen_food)
		s.rc = cl_error_set(CL_EINVAL, "%s: no <food> element", entry);
	XML_ParserFree(s.parser);
	rc = s.rc;
	if (rc)
		cl_food_free(s.food);
	else
		*out = s.food;
	return rc;
}

static int read_entry(char **out, size_t *len, zip_t *z, zip_uint64_t index, const char *name)
{
	zip_stat_t st;
	zip_file_t *zf;
	char *buf;

	*out = NULL;
	if (zl.stat_index(z, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return cl_error_set(CL_EINVAL, "%s: cannot read its size in the jar", name);
	if (st.size > MAX_XML_BYTES)
		return cl_error_set(CL_EINVAL, "%s is too large (%llu bytes)", name,
				    (unsigned long long)st.size);
	buf = malloc(st.size + 1);
	if (!buf)
		return cl_error_oom();
	zf = zl.fopen_index(z, index, 0);
	if (!zf) {
		free(buf);
		return cl_error_set(CL_EINVAL, "%s: %s", name, zl.strerror(z));
	}
	zip_int64_t n = zl.fread(zf, buf, st.size);
	/* A further read finds CRC errors that libzip reports only at the end. */
	char extra;
	zip_int64_t more = n == (zip_int64_t)st.size ? zl.fread(zf, &extra, 1) : -1;
	if (n != (zip_int64_t)st.size || more != 0) {
		int rc = cl_error_set(CL_EINVAL, "%s is damaged in the jar: %s", name,
				      zl.file_strerror(zf));
		zl.fclose(zf);
		free(buf);
		return rc;
	}
	zl.fclose(zf);
	buf[st.size] = '\0';
	*out = buf;
	*len = st.size;
	return CL_OK;
}

/* Reads an NNNNN|name index into a 100000-entry presence table. */
static int read_index(unsigned char *present, zip_t *z, const char *name, bool required)
{
	zip_int64_t idx = zl.name_locate(z, name, 0);
	char *text = NULL;
	size_t len;
	int rc;

	if (idx < 0)
		return required ? cl_error_set(CL_EINVAL, "the jar has no %s", name) : CL_OK;
	if ((rc = read_entry(&text, &len, z, (zip_uint64_t)idx, name)))
		return rc;
	size_t lineno = 0;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		lineno++;
		if (nl)
			*nl = '\0';
		if (*line && *line != '\r') {
			char *bar = strchr(line, '|');
			double id;
			if (!bar || !cl_parse_decimal(line, (size_t)(bar - line), &id) || id < 0 ||
			    id > 99999 || bar - line != 5) {
				rc = cl_error_set(CL_EINVAL, "%s line %zu: expected NNNNN|name", name,
						  lineno);
				break;
			}
			present[(int)id] = 1;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return rc;
}

static int add_food(struct food_list *l, cl_food *f)
{
	cl_food **grown = cl_array_room(l->items, &l->cap, l->count, sizeof(*grown), 1024);
	if (!grown)
		return cl_error_oom();
	l->items = grown;
	l->items[l->count++] = f;
	return CL_OK;
}

/* First word of a name, folded to lower case ASCII for comparison. */
static void first_word(char *out, size_t size, const char *name)
{
	size_t i = 0;
	for (; name[i] && name[i] != ',' && name[i] != ' ' && i + 1 < size; i++)
		out[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
	out[i] = '\0';
}

/* Foods outside the group number ranges take the group most often used by
 * numbered foods whose names start with the same word. */
static void infer_groups(struct food_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		cl_food *f = l->items[i];
		const char *g = cl_sr_group_for_ndb(f->ndb);
		if (g)
			snprintf(f->group_code, sizeof(f->group_code), "%s", g);
	}
	for (size_t i = 0; i < l->count; i++) {
		cl_food *f = l->items[i];
		char word[32], other[32];
		int votes[100] = {0};
		int best = -1;
		if (f->group_code[0])
			continue;
		first_word(word, sizeof(word), f->name);
		for (size_t j = 0; j < l->count; j++) {
			cl_food *o = l->items[j];
			if (!o->group_code[0] || !cl_sr_group_for_ndb(o->ndb))
				continue;
			first_word(other, sizeof(other), o->name);
			if (strcmp(word, other) == 0)
				votes[(o->group_code[0] - '0') * 10 + (o->group_code[1] - '0')]++;
		}
		for (int k = 0; k < 100; k++)
			if (votes[k] && (best < 0 || votes[k] > votes[best]))
				best = k;
		if (best >= 0)
			snprintf(f->group_code, sizeof(f->group_code), "%02u00", (unsigned)best % 100u);
	}
}

int cl_import_sr24(const char *jar_path, const char *db_path, const cl_food_rules *rules,
		   cl_progress_cb progress, void *payload, size_t *nfoods)
{
	zip_t *z = NULL;
	int zerr = 0, rc;
	unsigned char *deprecated = NULL, *listed = NULL, *found = NULL;
	struct food_list foods = {0};
	cl_foodwriter *w = NULL;

	if (nfoods)
		*nfoods = 0;
	if ((rc = zl_ready()))
		return rc;
	z = zl.open(jar_path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z) {
		zip_error_t ze;
		zl.error_init_with_code(&ze, zerr);
		rc = cl_error_set(zerr == ZIP_ER_NOENT ? CL_ENOTFOUND : CL_EINVAL,
				  "cannot read %s: %s", jar_path, zl.error_strerror(&ze));
		zl.error_fini(&ze);
		return rc;
	}
	deprecated = calloc(100000, 1);
	listed = calloc(100000, 1);
	found = calloc(100000, 1);
	if (!deprecated || !listed || !found) {
		rc = cl_error_oom();
		goto cleanup;
	}
	if ((rc = read_index(deprecated, z, "usda_sr24/deprecated.index", false)) ||
	    (rc = read_index(listed, z, "usda_sr24/foods.index", true)))
		goto cleanup;

	zip_int64_t entries = zl.get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < entries; i++) {
		const char *name = zl.get_name(z, (zip_uint64_t)i, 0);
		const char *base;
		double id;
		if (!name || strncmp(name, "usda_sr24/", 10) != 0)
			continue;
		base = name + 10;
		if (strlen(base) != 9 || strcmp(base + 5, ".xml") != 0)
			continue;
		if (!cl_parse_decimal(base, 5, &id) || id < 0) {
			rc = cl_error_set(CL_EINVAL, "%s: file name is not an NDB number", name);
			goto cleanup;
		}
		if (deprecated[(int)id])
			continue;
		char *xml = NULL;
		size_t len = 0;
		cl_food *food = NULL;
		if ((rc = read_entry(&xml, &len, z, (zip_uint64_t)i, name)))
			goto cleanup;
		rc = cl_sr24_parse_food_xml(&food, name, xml, len);
		free(xml);
		if (rc || (rc = add_food(&foods, food))) {
			cl_food_free(food);
			goto cleanup;
		}
		found[(int)id] = 1;
		if (progress && foods.count % 250 == 0)
			progress(foods.count, (size_t)entries, payload);
	}
	for (int id = 0; id < 100000; id++)
		if (listed[id] && !deprecated[id] && !found[id]) {
			rc = cl_error_set(CL_EINVAL,
					  "%s is incomplete: food %05d is listed in foods.index "
					  "but its XML file is missing",
					  jar_path, id);
			goto cleanup;
		}
	infer_groups(&foods);

	if ((rc = cl_foodwriter_begin(&w, db_path,
				      "USDA National Nutrient Database for Standard Reference, "
				      "Release 24 (public domain), from Debian cronometer usda_sr24.jar")))
		goto cleanup;
	if (rules)
		cl_foodwriter_pool_rules(w, rules);
	for (int i = 0; cl_sr_groups[i].code; i++)
		if ((rc = cl_foodwriter_group(w, cl_sr_groups[i].code, cl_sr_groups[i].name)))
			goto cleanup;
	for (size_t i = 0; i < foods.count; i++)
		if ((rc = cl_foodwriter_food(w, foods.items[i])))
			goto cleanup;
	rc = cl_foodwriter_commit(w);
	w = NULL;
	if (rc == CL_OK) {
		if (progress)
			progress(foods.count, foods.count, payload);
		if (nfoods)
			*nfoods = foods.count;
	}
cleanup:
	cl_foodwriter_abort(w);
	free_list(&foods);
	free(deprecated);
	free(listed);
	free(found);
	zl.discard(z);
	return rc;
}

/*
 * The compiled knowledge base (src/lib/kbimage.c) against the loader: the
 * tables read from an image built from data/ are the tables the loader
 * builds (they write the same bytes), and every look-up answers the same
 * (DRIs and within-person SDs for every life stage, every lab test in
 * every unit, every medicine and condition name, every source id).  A
 * file whose bytes differ is parsed and validated, with the loader's
 * errors; a truncated or damaged image is refused or parsed around, never
 * trusted (ASan); and the parts asked for are the parts read.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cramplab/adequacy.h"
#include "cramplab/dri.h"
#include "cramplab/kb.h"
#include "cramplab/labs.h"
#include "cramplab/meds.h"
#include "kb_internal.h"
#include "kbimage.h"

static char dir[64];
static cl_buf image;

static char *slurp(const char *path, size_t *len)
{
	char *text;
	assert_int_equal(cl_read_file(&text, len, path, (size_t)1 << 24), CL_OK);
	return text;
}

static void spit(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* The five files copied to a scratch directory, and an image of them. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cramplab-kbimg-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	for (int f = 0; f < KB_NFILES; f++) {
		char src[128], dst[128], *text;
		size_t len;
		snprintf(src, sizeof(src), "../data/%s", kb_file_names[f]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, kb_file_names[f]);
		if (cl_read_file(&text, &len, src, (size_t)1 << 24) != CL_OK)
			return -1;
		FILE *out = fopen(dst, "wb");
		if (!out || fwrite(text, 1, len, out) != len || fclose(out) != 0)
			return -1;
		free(text);
	}
	return cl_kbimage_build(&image, dir) == CL_OK && image.len > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cl_kbimage_use(NULL, 0);
	for (int f = 0; f < KB_NFILES; f++) {
		char p[128];
		snprintf(p, sizeof(p), "%s/%s", dir, kb_file_names[f]);
		unlink(p);
	}
	rmdir(dir);
	cl_buf_free(&image);
	return 0;
}

static struct cl_kbimage_counts counts(void)
{
	struct cl_kbimage_counts c;
	cl_kbimage_counts(&c);
	return c;
}

/* Opens with the image in use or not; asserts which way it went. */
static cl_kb *open_kb(bool with_image, unsigned parts)
{
	cl_kb *kb = NULL;
	struct cl_kbimage_counts before = counts();
	assert_int_equal(cl_kbimage_use(with_image ? image.data : NULL, image.len), CL_OK);
	assert_int_equal(cl_kb_open_parts(&kb, dir, parts), CL_OK);
	assert_int_equal(counts().hits - before.hits, with_image ? 1 : 0);
	cl_kbimage_use(NULL, 0);
	return kb;
}

static char *dump(json_t *j)
{
	assert_non_null(j);
	char *s = json_dumps(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	json_decref(j);
	assert_non_null(s);
	return s;
}

static void same_json(json_t *a, json_t *b)
{
	char *x = dump(a), *y = dump(b);
	assert_string_equal(x, y);
	free(x);
	free(y);
}

static void test_same_tables(void **state)
{
	(void)state;
	cl_kb *parsed = open_kb(false, CL_KB_ALL), *compiled = open_kb(true, CL_KB_ALL);
	cl_buf a = {0}, b = {0};
	assert_int_equal(kb_image_tables(&a, parsed), CL_OK);
	assert_int_equal(kb_image_tables(&b, compiled), CL_OK);
	assert_true(a.len > 10000);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* no tree behind the compiled tables: their strings are the image's */
	assert_null(compiled->dri_doc);
	assert_true(compiled->dri[0].label >= image.data &&
		    compiled->dri[0].label < image.data + image.len);
	cl_buf_free(&a);
	cl_buf_free(&b);
	cl_kb_close(parsed);
	cl_kb_close(compiled);
}

/* DRIs, within-person SDs and iron tables for every life stage. */
static void same_dri(const cl_kb *x, const cl_kb *y)
{
	const double ages[] = {9, 13.5, 14, 18, 19, 30, 31, 50, 51, 70, 71, 95};
	for (size_t i = 0; i < sizeof(ages) / sizeof(ages[0]); i++)
		for (int sex = CL_SEX_MALE; sex <= CL_SEX_FEMALE; sex++)
			for (int repro = CL_REPRO_NONE; repro <= CL_REPRO_LACTATING; repro++)
				for (int veg = 0; veg < 2; veg++) {
					cl_profile p = {ages[i], (cl_sex)sex, (cl_repro)repro, veg};
					cl_dri_set s, t;
					int rc = cl_dri_lookup(&s, x, &p);
					assert_int_equal(cl_dri_lookup(&t, y, &p), rc);
					if (rc)
						continue;
					same_json(cl_dri_set_to_json(&s, x), cl_dri_set_to_json(&t, y));
					for (size_t n = 0; n < s.count; n++) {
						const char *key = s.nutrients[n].key;
						cl_adequacy u, v;
						/* a mean below and above the needs, 3 days */
						for (double m = 0.5; m < 2; m += 1) {
							double ref = !isnan(s.nutrients[n].ear)
									     ? s.nutrients[n].ear
									     : s.nutrients[n].ai;
							int r1 = cl_adequacy_assess(&u, x, &s, key,
										    m * ref, 3);
							int r2 = cl_adequacy_assess(&v, y, &t, key,
										    m * ref, 3);
							assert_int_equal(r1, r2);
							if (!r1)
								same_json(cl_adequacy_to_json(&u),
									  cl_adequacy_to_json(&v));
						}
					}
				}
}

/* Every lab test, in each of its units, at values across its bands. */
static void same_labs(const cl_kb *x, const cl_kb *y)
{
	for (size_t i = 0; i < x->nlabs; i++) {
		const struct kb_lab *l = &x->labs[i];
		for (size_t u = 0; u < l->nunits; u++)
			for (int k = 0; k <= 10; k++) {
				double v = (l->pmin + (l->pmax - l->pmin) * k / 10) *
					   l->units[u].per_canonical;
				cl_lab_context c = cl_lab_context_init();
				c.sex = k % 2 ? CL_SEX_FEMALE : CL_SEX_MALE;
				c.age = 20 + 5 * k;
				cl_lab_result r, s;
				int r1 = cl_lab_interpret(&r, x, l->id, v, l->units[u].unit, &c);
				assert_int_equal(cl_lab_interpret(&s, y, l->id, v, l->units[u].unit, &c),
						 r1);
				if (!r1)
					same_json(cl_lab_result_to_json(&r), cl_lab_result_to_json(&s));
			}
		for (size_t a = 0; a < l->naliases; a++) {
			const char *p, *q;
			assert_int_equal(cl_lab_find_test(&p, x, l->aliases[a]), CL_OK);
			assert_int_equal(cl_lab_find_test(&q, y, l->aliases[a]), CL_OK);
			assert_string_equal(p, q);
		}
	}
}

static void same_meds(const cl_kb *x, const cl_kb *y)
{
	for (int kind = 0; kind < 2; kind++) {
		const struct kb_med *list = kind ? x->conds : x->meds;
		size_t n = kind ? x->nconds : x->nmeds;
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < list[i].nnames; k++) {
				const cl_med_info *a, *b;
				const char *name = list[i].names[k];
				int (*find)(const cl_med_info **, const cl_kb *, const char *) =
					kind ? cl_condition_lookup : cl_med_lookup;
				assert_int_equal(find(&a, x, name), CL_OK);
				assert_int_equal(find(&b, y, name), CL_OK);
				assert_non_null(a);
				assert_non_null(b);
				same_json(cl_med_info_to_json(name, a), cl_med_info_to_json(name, b));
			}
	}
}

static void test_same_answers(void **state)
{
	(void)state;
	cl_kb *parsed = open_kb(false, CL_KB_ALL), *compiled = open_kb(true, CL_KB_ALL);
	same_dri(parsed, compiled);
	same_labs(parsed, compiled);
	same_meds(parsed, compiled);
	for (size_t i = 0; i < parsed->nsources; i++) {
		const char *id = parsed->sources[i].id, *s1, *s2;
		assert_string_equal(cl_kb_source(parsed, id, &s1), cl_kb_source(compiled, id, &s2));
		assert_string_equal(s1, s2);
	}
	assert_null(cl_kb_source(compiled, "no-such-source", NULL));
	cl_kb_close(parsed);
	cl_kb_close(compiled);
}

/* Each set of parts reads only its files and fills only its tables. */
static void test_parts(void **state)
{
	(void)state;
	for (unsigned parts = 1; parts <= CL_KB_ALL; parts++) {
		cl_kb *kb = open_kb(true, parts);
		assert_int_equal(kb->ndri > 0, (parts & CL_KB_DRI) != 0);
		assert_int_equal(kb->nlabs > 0, (parts & CL_KB_LABS) != 0);
		assert_int_equal(kb->nmeds > 0, (parts & CL_KB_MEDS) != 0);
		assert_true(kb->nsources > 0);
		cl_kb_close(kb);
	}
	/* a file the parts do not need may differ: dri alone ignores labs.json */
	char path[128], *orig;
	size_t len;
	snprintf(path, sizeof(path), "%s/labs.json", dir);
	orig = slurp(path, &len);
	spit(path, "{", 1);
	cl_kb_close(open_kb(true, CL_KB_DRI));
	spit(path, orig, len);
	free(orig);
}

/* A byte changed in a file: parsed and validated, errors as the loader's. */
static void test_edited_file_parsed(void **state)
{
	(void)state;
	char path[128], *orig, *mod;
	size_t len;
	cl_kb *kb = NULL;
	snprintf(path, sizeof(path), "%s/dri.json", dir);
	orig = slurp(path, &len);
	mod = strdup(orig);
	assert_non_null(mod);
	char *at = strstr(mod, "\"ear\": 200,");
	assert_non_null(at);
	memcpy(at, "\"ear\": 201,", 11); /* same length, another value */
	spit(path, mod, len);
	assert_int_equal(cl_kbimage_use(image.data, image.len), CL_OK);
	struct cl_kbimage_counts before = counts();
	assert_int_equal(cl_kb_open(&kb, dir), CL_OK);
	assert_int_equal(counts().misses - before.misses, 1);
	assert_int_equal(counts().hits, before.hits);
	assert_true(kb->dri[0].rows[0][0].v[KB_EAR] == 201);
	cl_kb_close(kb);
	/* broken: the loader's message, word for word */
	memcpy(at, "\"ear\": -01,", 11);
	spit(path, mod, len);
	assert_int_equal(cl_kb_open(&kb, dir), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "dri.json line "));
	memcpy(at, "\"ear\": -10,", 11);
	spit(path, mod, len);
	assert_int_equal(cl_kb_open(&kb, dir), CL_EINVAL);
	char want[256];
	snprintf(want, sizeof(want),
		 "%s/dri.json: nutrients.magnesium_mg.rows[0].ear: must be positive (omit the field "
		 "when not set)",
		 dir);
	assert_string_equal(cl_error_last(), want);
	assert_null(kb);
	cl_kbimage_use(NULL, 0);
	spit(path, orig, len);
	free(orig);
	free(mod);
}

/* Cut anywhere: refused at once, or its tables not decoded (damaged, and
 * parsed), never read past the end. */
static void test_truncated(void **state)
{
	(void)state;
	for (size_t cut = 0; cut < image.len; cut += cut < 64 ? 1 : 997) {
		cl_kb *kb = NULL;
		/* the length is in the header: fix it so only the cut is wrong */
		char *copy = malloc(cut + 16);
		assert_non_null(copy);
		memcpy(copy, image.data, cut);
		if (cut >= 16)
			for (int i = 0; i < 8; i++)
				copy[8 + i] = (char)((uint64_t)cut >> (8 * i));
		if (cl_kbimage_use(copy, cut) == CL_OK) {
			assert_int_equal(cl_kb_open(&kb, dir), CL_OK);
			cl_kb_close(kb);
		}
		cl_kbimage_use(NULL, 0);
		free(copy);
	}
	assert_int_equal(cl_kbimage_use(image.data, image.len - 1), CL_EINVAL);
	cl_kbimage_use(NULL, 0);
}

/* Every byte of the tables set to values that break counts, lengths,
 * booleans and ranges, one at a time (every 401st byte: each open that is
 * parsed around costs milliseconds under ASan): each open either
 * reads some tables or parses, and the damage is counted. */
static void test_damaged(void **state)
{
	(void)state;
	char *copy = malloc(image.len);
	const unsigned char vals[] = {0, 2, 0x7f, 0xff};
	unsigned long damaged = counts().damaged, opens = 0;
	assert_non_null(copy);
	memcpy(copy, image.data, image.len);
	/* past the header and the files' copies: the first section's offset */
	size_t at = 8 + 8;
	for (int f = 0; f < KB_NFILES; f++) {
		const unsigned char *p = (const unsigned char *)copy + at;
		uint32_t n = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
		at += 4 + n + 1;
		uint64_t len = 0;
		for (int i = 0; i < 8; i++)
			len |= (uint64_t)((const unsigned char *)copy)[at + i] << (8 * i);
		at += 8 + len;
	}
	for (size_t i = at; i < image.len; i += 401)
		for (size_t v = 0; v < sizeof(vals); v++) {
			cl_kb *kb = NULL;
			char keep = copy[i];
			copy[i] = (char)vals[v];
			assert_int_equal(cl_kbimage_use(copy, image.len), CL_OK);
			assert_int_equal(cl_kb_open(&kb, dir), CL_OK);
			cl_kb_close(kb);
			copy[i] = keep;
			opens++;
		}
	cl_kbimage_use(NULL, 0);
	assert_true(counts().damaged - damaged > opens / 10);
	free(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_tables),     cmocka_unit_test(test_same_answers),
		cmocka_unit_test(test_parts),           cmocka_unit_test(test_edited_file_parsed),
		cmocka_unit_test(test_truncated),       cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * The knowledge-base loader refuses broken data clearly: each test copies
 * data/ to a scratch directory, damages one file, and checks that
 * cl_kb_open() fails naming the file and the line/column or JSON path;
 * and cl_kb_open_parts() reads only the parts asked for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cramplab/dri.h"
#include "cramplab/kb.h"
#include "cramplab/labs.h"
#include "cramplab/meds.h"

static const char *const files[] = {"sources.json", "dri.json", "within_sd.json", "labs.json",
				    "medications.json"};
static char dir[64];

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cramplab-kb-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	for (size_t i = 0; i < 5; i++) {
		char src[128], dst[128];
		snprintf(src, sizeof(src), "../data/%s", files[i]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, files[i]);
		char *text = slurp(src);
		spit(dst, text);
		free(text);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < 5; i++) {
		char p[128];
		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

/* Replaces the first `from` in a data file with `to` (and then, when from2
 * is not NULL, the first from2 with to2), tries to open, restores. */
static int open_with2(const char *file, const char *from, const char *to, const char *from2,
		      const char *to2)
{
	char path[128];
	cl_kb *kb = NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	char *orig = slurp(path), *text = strdup(orig);
	assert_non_null(text);
	for (int k = 0; k < 2 && (k == 0 || from2); k++) {
		const char *f = k ? from2 : from, *t = k ? to2 : to;
		char *at = strstr(text, f);
		if (!at)
			fail_msg("'%s' not found in %s", f, file);
		size_t pre = (size_t)(at - text);
		char *mod = malloc(strlen(text) + strlen(t) + 1);
		assert_non_null(mod);
		memcpy(mod, text, pre);
		strcpy(mod + pre, t);
		strcat(mod, at + strlen(f));
		free(text);
		text = mod;
	}
	spit(path, text);
	int rc = cl_kb_open(&kb, dir);
	if (rc == CL_OK)
		cl_kb_close(kb);
	else
		assert_null(kb);
	spit(path, orig);
	free(orig);
	free(text);
	return rc;
}

static int open_with(const char *file, const char *from, const char *to)
{
	return open_with2(file, from, to, NULL, NULL);
}

static void pristine_copy_opens(void **state)
{
	cl_kb *kb = NULL;
	(void)state;
	assert_int_equal(cl_kb_open(&kb, dir), CL_OK);
	const char *status;
	assert_non_null(cl_kb_source(kb, "nasem2019", &status));
	assert_string_equal(status, "confirmed");
	assert_null(cl_kb_source(kb, "nope", NULL));
	cl_kb_close(kb);
	cl_kb_close(NULL);
}

static void syntax_error_has_line_and_column(void **state)
{
	(void)state;
	assert_int_equal(open_with("dri.json", "\"ear\": 265,", "\"ear\": 265,,"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "dri.json line "));
	assert_non_null(strstr(cl_error_last(), "column"));
	assert_int_equal(open_with("labs.json", "{", "["), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "labs.json line"));
}

static void unknown_source_id(void **state)
{
	(void)state;
	assert_int_equal(open_with("dri.json", "\"sources\": [\"nasem2019\", \"iom1997\"]",
				   "\"sources\": [\"nasem2019\", \"iom1979\"]"),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "dri.json: nutrients.magnesium_mg.rows[0]"));
	assert_non_null(strstr(cl_error_last(), "'iom1979' is not in sources.json"));
	assert_int_equal(open_with("medications.json", "\"sources\": [\"fda2011_ppi\"",
				   "\"sources\": [\"fda2012_ppi\""),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "medications.json: medications["));
}

static void missing_source_and_bad_numbers(void **state)
{
	(void)state;
	/* a number without its sources */
	assert_int_equal(open_with("labs.json", "\"plausible\": {\"min\": 0.1, \"max\": 5.0, "
						"\"sources\": [\"cramplab_plausibility\"]}",
				   "\"plausible\": {\"min\": 0.1, \"max\": 5.0}"),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "tests.magnesium.plausible.sources"));
	/* a number that is a string */
	assert_int_equal(open_with("dri.json", "\"ear\": 265,", "\"ear\": \"265\","), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), ".ear: expected a number"));
	/* RDA below EAR */
	assert_int_equal(open_with("dri.json", "\"rda\": 320,", "\"rda\": 120,"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "RDA is below the EAR"));
	/* a life stage left out */
	assert_int_equal(open_with("dri.json", "\"group\": \"lactation\", \"age\": \"31-50\"",
				   "\"group\": \"lactation\", \"age\": \"19-30\""),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "duplicate row"));
	/* unknown status in sources.json */
	assert_int_equal(open_with("sources.json", "\"status\": \"confirmed\"",
				   "\"status\": \"probably\""),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "sources.json: sources."));
}

static void bands_out_of_order_and_units(void **state)
{
	(void)state;
	assert_int_equal(open_with("labs.json", "\"lt\": 0.75", "\"lt\": 0.45"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "increasing order"));
	assert_int_equal(open_with("labs.json", "\"band\": \"normal\", \"le\": 0.95",
				   "\"band\": \"fine\", \"le\": 0.95"),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "unknown band name"));
	assert_int_equal(open_with("labs.json", "\"canonical_unit\": \"mmol/L\"",
				   "\"canonical_unit\": \"mol/L\""),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "canonical unit is not among the units"));
	assert_int_equal(open_with("dri.json", "\"unit\": \"mg\"", "\"unit\": \"mmol\""),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "unit must be"));
	assert_int_equal(open_with("within_sd.json", "\"p_inadequate\": 0.45",
				   "\"p_inadequate\": 0.95"),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "within_sd.json: iron_tables[0].ranges["));
}

/*
 * Messages word for word, as the loader gave them before it read a DRI
 * row's members in one pass and joined paths by hand (session 7): each
 * field of a row, the per-field source lists, and a path cut at the
 * buffer's length (a 150-letter key).
 */
static void row_errors_word_for_word(void **state)
{
	(void)state;
	char longkey[151], to_key[200], want[512];
	memset(longkey, 'k', 150);
	longkey[150] = '\0';
	snprintf(to_key, sizeof(to_key), "\"%s\": {", longkey);
	const struct {
		const char *file, *from, *to, *from2, *to2, *msg;
	} cases[] = {
		{"dri.json", "\"cdrr_sources\": [\"nasem2019_cdrr_9_13\"]", "\"cdrr_sources\": [\"nope\"]",
		 NULL, NULL,
		 "dri.json: nutrients.sodium_mg.rows[0].cdrr_sources: source id 'nope' is not in "
		 "sources.json"},
		{"dri.json", "\"cdrr_sources\": [\"nasem2019_cdrr_9_13\"]", "\"cdrr_sources\": []", NULL,
		 NULL,
		 "dri.json: nutrients.sodium_mg.rows[0].cdrr_sources: expected a non-empty array of "
		 "source ids"},
		{"dri.json", "\"ear\": 200, ", "", NULL, NULL,
		 "dri.json: nutrients.magnesium_mg.rows[0]: an EAR nutrient needs \"ear\" and \"rda\" in "
		 "every row"},
		{"dri.json", "\"ear\": 200,", "\"ear\": null,", NULL, NULL,
		 "dri.json: nutrients.magnesium_mg.rows[0]: an EAR nutrient needs \"ear\" and \"rda\" in "
		 "every row"},
		{"dri.json", "\"sources\": [\"nasem2019\", \"iom1997\"]",
		 "\"sources\": [\"nasem2019\", \"iom1997\", \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\"]",
		 NULL, NULL, "dri.json: nutrients.magnesium_mg.rows[0].sources: too many source ids"},
		{"dri.json", "{\"group\": \"male\", \"age\": \"9-13\", \"ear\": 200",
		 "{\"group\": \"man\", \"age\": \"9-13\", \"ear\": 200", NULL, NULL,
		 "dri.json: nutrients.magnesium_mg.rows[0]: group must be male, female, pregnancy or "
		 "lactation"},
		{"dri.json", "\"ear\": 200,", "\"note\": 5, \"ear\": 200,", NULL, NULL,
		 "dri.json: nutrients.magnesium_mg.rows[0].note: expected a non-empty string"},
		{"dri.json", "\"ear\": 200,", "\"ear\": -1,", NULL, NULL,
		 "dri.json: nutrients.magnesium_mg.rows[0].ear: must be positive (omit the field when "
		 "not set)"},
		{"dri.json", "\"magnesium_mg\": {", to_key, "\"ear\": 200,", "\"ear\": true,", NULL},
		{"labs.json", "\"magnesium\": {", to_key, "\"lt\": 0.75", "\"lt\": 0.45", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(open_with2(cases[i].file, cases[i].from, cases[i].to, cases[i].from2,
					    cases[i].to2),
				 CL_EINVAL);
		if (cases[i].msg)
			snprintf(want, sizeof(want), "%s/%s", dir, cases[i].msg);
		else if (strcmp(cases[i].file, "dri.json") == 0)
			/* "nutrients." and 149 of the 150 letters: 159 bytes and the NUL */
			snprintf(want, sizeof(want), "%s/dri.json: nutrients.%.149s: expected a number",
				 dir, longkey);
		else /* "tests.", the key, ".ba" */
			snprintf(want, sizeof(want),
				 "%s/labs.json: tests.%s.ba: bands must be in increasing order", dir,
				 longkey);
		assert_string_equal(cl_error_last(), want);
	}
}

static void missing_file(void **state)
{
	char path[128], *text;
	cl_kb *kb = NULL;
	(void)state;
	snprintf(path, sizeof(path), "%s/medications.json", dir);
	text = slurp(path);
	unlink(path);
	assert_int_equal(cl_kb_open(&kb, dir), CL_EIO);
	assert_non_null(strstr(cl_error_last(), "medications.json"));
	spit(path, text);
	free(text);
	assert_int_equal(cl_kb_open(&kb, "/nonexistent-dir"), CL_EIO);
	assert_int_equal(cl_kb_open(&kb, ""), CL_EINVAL);
}

/* The text of a document, which is then released. */
static char *dumped(json_t *doc)
{
	assert_non_null(doc);
	char *text = json_dumps(doc, JSON_SORT_KEYS);
	assert_non_null(text);
	json_decref(doc);
	return text;
}

/* Each part alone answers exactly as the whole knowledge base does, refuses
 * look-ups in the parts it did not read, and never reads them: a broken file
 * of another part does not stop it. */
static void open_parts(void **state)
{
	cl_kb *all = NULL, *dri = NULL, *labs = NULL, *meds = NULL;
	cl_profile p = {.age = 67, .sex = CL_SEX_FEMALE};
	cl_dri_set s1, s2;
	cl_lab_context ctx = cl_lab_context_init();
	cl_lab_result r1, r2;
	const cl_med_info *m1, *m2;
	char *a, *b, path[128], *orig;
	(void)state;

	assert_int_equal(cl_kb_open(&all, dir), CL_OK);
	assert_int_equal(cl_kb_open_parts(&dri, dir, CL_KB_DRI), CL_OK);
	assert_int_equal(cl_kb_open_parts(&labs, dir, CL_KB_LABS), CL_OK);
	assert_int_equal(cl_kb_open_parts(&meds, dir, CL_KB_MEDS), CL_OK);

	assert_int_equal(cl_dri_lookup(&s1, all, &p), CL_OK);
	assert_int_equal(cl_dri_lookup(&s2, dri, &p), CL_OK);
	a = dumped(cl_dri_set_to_json(&s1, all));
	b = dumped(cl_dri_set_to_json(&s2, dri));
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_equal(cl_lab_interpret(&r1, all, "magnesium", 0.6, "mmol/L", &ctx), CL_OK);
	assert_int_equal(cl_lab_interpret(&r2, labs, "magnesium", 0.6, "mmol/L", &ctx), CL_OK);
	a = dumped(cl_lab_result_to_json(&r1));
	b = dumped(cl_lab_result_to_json(&r2));
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_equal(cl_med_lookup(&m1, all, "furosemide"), CL_OK);
	assert_int_equal(cl_med_lookup(&m2, meds, "furosemide"), CL_OK);
	assert_non_null(m1);
	a = dumped(cl_med_info_to_json("furosemide", m1));
	b = dumped(cl_med_info_to_json("furosemide", m2));
	assert_string_equal(a, b);
	free(a);
	free(b);

	/* a part not read is refused, not answered from empty tables */
	assert_int_equal(cl_lab_interpret(&r2, dri, "magnesium", 0.6, "mmol/L", &ctx), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "opened without labs.json"));
	assert_int_equal(cl_med_lookup(&m2, labs, "furosemide"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "opened without medications.json"));
	assert_int_equal(cl_dri_lookup(&s2, meds, &p), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "opened without dri.json"));
	cl_kb_close(all);
	cl_kb_close(dri);
	cl_kb_close(labs);
	cl_kb_close(meds);

	/* a broken labs.json stops the whole and the labs part, not the DRI part */
	snprintf(path, sizeof(path), "%s/labs.json", dir);
	orig = slurp(path);
	spit(path, "{");
	assert_int_equal(cl_kb_open(&all, dir), CL_EINVAL);
	assert_int_equal(cl_kb_open_parts(&labs, dir, CL_KB_LABS | CL_KB_MEDS), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "labs.json line"));
	assert_int_equal(cl_kb_open_parts(&dri, dir, CL_KB_DRI | CL_KB_MEDS), CL_OK);
	cl_kb_close(dri);
	spit(path, orig);
	free(orig);

	assert_int_equal(cl_kb_open_parts(&dri, dir, 0), CL_EINVAL);
	assert_int_equal(cl_kb_open_parts(&dri, dir, 8), CL_EINVAL);
	assert_null(dri);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pristine_copy_opens),
		cmocka_unit_test(syntax_error_has_line_and_column),
		cmocka_unit_test(unknown_source_id),
		cmocka_unit_test(missing_source_and_bad_numbers),
		cmocka_unit_test(bands_out_of_order_and_units),
		cmocka_unit_test(row_errors_word_for_word),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(open_parts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
